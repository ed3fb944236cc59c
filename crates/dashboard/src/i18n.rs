//! The dashboard's words in its five languages: one [`Texts`] per
//! language, so a missing translation does not compile.
//!
//! `{name}` in a text is filled by [`fill`].

pub use kassa_api::words::{Lang, fill};

/// Every language, in the language menu's order.
pub const LANGS: [Lang; 5] = [Lang::En, Lang::Fr, Lang::He, Lang::Es, Lang::De];

/// A language's own name, for the language menu.
pub fn native_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Fr => "Français",
        Lang::He => "עברית",
        Lang::Es => "Español",
        Lang::De => "Deutsch",
    }
}

/// A language's words.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::He => &HE,
        Lang::Es => &ES,
        Lang::De => &DE,
    }
}

/// The dashboard's words in one language.
#[derive(Debug)]
pub struct Texts {
    /// The document title.
    pub app_name: &'static str,
    /// The skip link.
    pub skip: &'static str,
    /// The navigation's label.
    pub nav_label: &'static str,
    /// Nav: overview.
    pub nav_overview: &'static str,
    /// Nav: payments.
    pub nav_payments: &'static str,
    /// Nav: developers.
    pub nav_developers: &'static str,
    /// Nav: settings.
    pub nav_settings: &'static str,
    /// Nav: audit log.
    pub nav_audit: &'static str,
    /// The language menu's label.
    pub language: &'static str,
    /// Sign out button.
    pub sign_out: &'static str,
    /// The test-mode banner.
    pub test_mode: &'static str,
    /// `owner` role.
    pub role_owner: &'static str,
    /// `staff` role.
    pub role_staff: &'static str,
    /// Sign-in heading.
    pub sign_in_title: &'static str,
    /// Email label.
    pub email: &'static str,
    /// Password label.
    pub password: &'static str,
    /// Authenticator code label.
    pub code: &'static str,
    /// Sign-in button.
    pub sign_in: &'static str,
    /// While loading.
    pub loading: &'static str,
    /// The server could not be reached.
    pub network_error: &'static str,
    /// Only owners see this.
    pub forbidden: &'static str,
    /// Overview: today.
    pub today: &'static str,
    /// Overview: this month.
    pub this_month: &'static str,
    /// Volume.
    pub volume: &'static str,
    /// Paid count.
    pub paid_count: &'static str,
    /// Success rate.
    pub success_rate: &'static str,
    /// Declined count.
    pub declined: &'static str,
    /// The chart's heading.
    pub chart_title: &'static str,
    /// A day (table header).
    pub day: &'static str,
    /// Declines heading.
    pub declines_title: &'static str,
    /// No declines.
    pub no_declines: &'static str,
    /// Decline reason.
    pub reason: &'static str,
    /// A count.
    pub count: &'static str,
    /// The filters' heading.
    pub filters: &'static str,
    /// Status.
    pub status: &'static str,
    /// Any status.
    pub any_status: &'static str,
    /// Last four digits.
    pub last4: &'static str,
    /// Merchant reference.
    pub reference: &'static str,
    /// Date from.
    pub date_from: &'static str,
    /// Date to.
    pub date_to: &'static str,
    /// Search button.
    pub search: &'static str,
    /// Date.
    pub date: &'static str,
    /// Amount.
    pub amount: &'static str,
    /// Card.
    pub card: &'static str,
    /// No results.
    pub no_results: &'static str,
    /// Next page.
    pub next_page: &'static str,
    /// Back to the list.
    pub back: &'static str,
    /// The payment heading.
    pub payment_title: &'static str,
    /// Surcharge.
    pub surcharge: &'static str,
    /// Amount charged.
    pub amount_charged: &'static str,
    /// Captured.
    pub captured: &'static str,
    /// Refunded.
    pub refunded: &'static str,
    /// What remains refundable.
    pub remaining: &'static str,
    /// BIN.
    pub bin: &'static str,
    /// Billing country.
    pub billing_country: &'static str,
    /// 3-D Secure.
    pub three_ds: &'static str,
    /// Created.
    pub created: &'static str,
    /// Actions heading.
    pub actions: &'static str,
    /// Amount to refund.
    pub refund_amount: &'static str,
    /// Refund button.
    pub refund: &'static str,
    /// Refund confirmation (`{amount}`).
    pub confirm_refund: &'static str,
    /// Cancel the invoice.
    pub cancel_invoice: &'static str,
    /// Cancel confirmation.
    pub confirm_cancel: &'static str,
    /// Capture.
    pub capture: &'static str,
    /// Capture confirmation (`{amount}`).
    pub confirm_capture: &'static str,
    /// Void.
    pub void: &'static str,
    /// Void confirmation.
    pub confirm_void: &'static str,
    /// Step back from a confirmation.
    pub not_now: &'static str,
    /// After an action (`{status}`).
    pub action_done: &'static str,
    /// After a refund (`{amount}`, `{status}`).
    pub refund_done: &'static str,
    /// An amount refused (`{amount}`: the most).
    pub invalid_amount: &'static str,
    /// Refunds heading.
    pub refunds_title: &'static str,
    /// Timeline heading.
    pub timeline: &'static str,
    /// No events.
    pub no_events: &'static str,
    /// Delivered.
    pub delivered: &'static str,
    /// Not delivered.
    pub not_delivered: &'static str,
    /// HTTP status (of a delivery).
    pub status_code: &'static str,
    /// Duration.
    pub duration: &'static str,
    /// Error.
    pub error: &'static str,
    /// Next retry.
    pub next_retry: &'static str,
    /// Send an event again.
    pub send_again: &'static str,
    /// Queued again.
    pub sent_again: &'static str,
    /// Developers heading.
    pub developers_title: &'static str,
    /// API keys heading.
    pub api_keys: &'static str,
    /// A key's prefix.
    pub key: &'static str,
    /// Last used.
    pub last_used: &'static str,
    /// Expires.
    pub expires: &'static str,
    /// Never.
    pub never: &'static str,
    /// Create key button.
    pub create_key: &'static str,
    /// Roll button.
    pub roll: &'static str,
    /// Hours the old key keeps working.
    pub grace_hours: &'static str,
    /// Roll confirmation.
    pub confirm_roll: &'static str,
    /// Revoke button.
    pub revoke: &'static str,
    /// Revoke confirmation.
    pub confirm_revoke: &'static str,
    /// The new secret's heading.
    pub new_secret_title: &'static str,
    /// The new secret's warning.
    pub new_secret_warning: &'static str,
    /// Copy.
    pub copy: &'static str,
    /// Copied.
    pub copied: &'static str,
    /// Callbacks heading.
    pub callbacks: &'static str,
    /// Callback URL.
    pub callback_url: &'static str,
    /// Embed origins.
    pub embed_origins: &'static str,
    /// Save.
    pub save: &'static str,
    /// Saved.
    pub saved: &'static str,
    /// Test callback button.
    pub test_callback: &'static str,
    /// Test callback queued (`{id}`).
    pub test_callback_sent: &'static str,
    /// Settings heading.
    pub settings_title: &'static str,
    /// Name.
    pub name: &'static str,
    /// Accent colour (picker).
    pub accent: &'static str,
    /// Accent colour as text.
    pub accent_hex: &'static str,
    /// Logo.
    pub logo: &'static str,
    /// Logo refused.
    pub logo_invalid: &'static str,
    /// Remove logo.
    pub remove_logo: &'static str,
    /// Currencies.
    pub currencies: &'static str,
    /// A colour refused.
    pub invalid_color: &'static str,
    /// Preview heading.
    pub preview: &'static str,
    /// Preview pay button (`{amount}`).
    pub preview_pay: &'static str,
    /// Audit heading.
    pub audit_title: &'static str,
    /// Time.
    pub time: &'static str,
    /// User.
    pub user: &'static str,
    /// Action.
    pub action: &'static str,
    /// Target.
    pub target: &'static str,
    /// IP address.
    pub ip: &'static str,
    /// Each invoice status, in [`crate::STATUSES`]'s order.
    pub statuses: [&'static str; 12],
    /// Each refund status: pending, succeeded, failed.
    pub refund_statuses: [&'static str; 3],
}

/// English.
pub const EN: Texts = Texts {
    app_name: "Kassa dashboard",
    skip: "Skip to content",
    nav_label: "Main",
    nav_overview: "Overview",
    nav_payments: "Payments",
    nav_developers: "Developers",
    nav_settings: "Settings",
    nav_audit: "Audit log",
    language: "Language",
    sign_out: "Sign out",
    test_mode: "TEST MODE: payments here move no real money",
    role_owner: "owner",
    role_staff: "staff",
    sign_in_title: "Sign in to Kassa",
    email: "Email",
    password: "Password",
    code: "Authenticator code",
    sign_in: "Sign in",
    loading: "Loading…",
    network_error: "The server could not be reached. Try again.",
    forbidden: "Only the account owner can see this page.",
    today: "Today",
    this_month: "This month",
    volume: "Volume",
    paid_count: "Paid",
    success_rate: "Success rate",
    declined: "Declined",
    chart_title: "Volume over the last 30 days",
    day: "Day",
    declines_title: "Declines by reason",
    no_declines: "No declines in the last 30 days.",
    reason: "Reason",
    count: "Count",
    filters: "Filters",
    status: "Status",
    any_status: "Any status",
    last4: "Card last four",
    reference: "Reference",
    date_from: "From",
    date_to: "To",
    search: "Search",
    date: "Date",
    amount: "Amount",
    card: "Card",
    no_results: "No payments match.",
    next_page: "Next page",
    back: "Back to payments",
    payment_title: "Payment",
    surcharge: "Surcharge",
    amount_charged: "Amount charged",
    captured: "Captured",
    refunded: "Refunded",
    remaining: "Remaining",
    bin: "BIN",
    billing_country: "Billing country",
    three_ds: "3-D Secure",
    created: "Created",
    actions: "Actions",
    refund_amount: "Amount to refund",
    refund: "Refund",
    confirm_refund: "Confirm refund of {amount}",
    cancel_invoice: "Cancel invoice",
    confirm_cancel: "Confirm: cancel this invoice",
    capture: "Capture",
    confirm_capture: "Confirm capture of {amount}",
    void: "Void",
    confirm_void: "Confirm: release the authorization",
    not_now: "Not now",
    action_done: "Done: the invoice is now {status}.",
    refund_done: "Refund of {amount}: {status}.",
    invalid_amount: "Enter an amount above zero and at most {amount}.",
    refunds_title: "Refunds",
    timeline: "Timeline",
    no_events: "No events yet.",
    delivered: "Delivered",
    not_delivered: "Not delivered",
    status_code: "HTTP status",
    duration: "Duration",
    error: "Error",
    next_retry: "Next retry",
    send_again: "Send again",
    sent_again: "Queued to be sent again.",
    developers_title: "Developers",
    api_keys: "API keys",
    key: "Key",
    last_used: "Last used",
    expires: "Expires",
    never: "Never",
    create_key: "Create key",
    roll: "Roll",
    grace_hours: "Hours the old key keeps working",
    confirm_roll: "Confirm: roll this key",
    revoke: "Revoke",
    confirm_revoke: "Confirm: revoke this key",
    new_secret_title: "Your new secret key",
    new_secret_warning: "Copy it now and keep it safe: it will not be shown again.",
    copy: "Copy",
    copied: "Copied.",
    callbacks: "Callbacks",
    callback_url: "Callback URL",
    embed_origins: "Sites that may embed the checkout (one per line)",
    save: "Save",
    saved: "Saved.",
    test_callback: "Send a test callback",
    test_callback_sent: "Test callback queued ({id}).",
    settings_title: "Settings",
    name: "Name",
    accent: "Accent colour",
    accent_hex: "Accent colour (#rrggbb)",
    logo: "Logo (PNG or SVG, up to 32 KB)",
    logo_invalid: "The logo must be a PNG or SVG file of at most 32 KB.",
    remove_logo: "Remove logo",
    currencies: "Currencies (codes separated by commas; the first is the default)",
    invalid_color: "Enter a colour as #rrggbb.",
    preview: "Preview of the payment page",
    preview_pay: "Pay {amount}",
    audit_title: "Audit log",
    time: "Time",
    user: "User",
    action: "Action",
    target: "Target",
    ip: "IP address",
    statuses: [
        "Open", "Pending", "Paid", "Failed", "Canceled", "Expired", "Refunded",
        "Partially refunded", "Authorized", "Captured", "Partially captured", "Voided",
    ],
    refund_statuses: ["pending", "succeeded", "failed"],
};

/// French.
pub const FR: Texts = Texts {
    app_name: "Tableau de bord Kassa",
    skip: "Aller au contenu",
    nav_label: "Principal",
    nav_overview: "Vue d’ensemble",
    nav_payments: "Paiements",
    nav_developers: "Développeurs",
    nav_settings: "Réglages",
    nav_audit: "Journal d’audit",
    language: "Langue",
    sign_out: "Se déconnecter",
    test_mode: "MODE TEST : ces paiements ne déplacent pas d’argent réel",
    role_owner: "propriétaire",
    role_staff: "équipe",
    sign_in_title: "Connexion à Kassa",
    email: "E-mail",
    password: "Mot de passe",
    code: "Code de l’application d’authentification",
    sign_in: "Se connecter",
    loading: "Chargement…",
    network_error: "Le serveur est injoignable. Réessayez.",
    forbidden: "Seul le propriétaire du compte peut voir cette page.",
    today: "Aujourd’hui",
    this_month: "Ce mois-ci",
    volume: "Volume",
    paid_count: "Payées",
    success_rate: "Taux de réussite",
    declined: "Refusés",
    chart_title: "Volume des 30 derniers jours",
    day: "Jour",
    declines_title: "Refus par motif",
    no_declines: "Aucun refus ces 30 derniers jours.",
    reason: "Motif",
    count: "Nombre",
    filters: "Filtres",
    status: "Statut",
    any_status: "Tous les statuts",
    last4: "4 derniers chiffres",
    reference: "Référence",
    date_from: "Du",
    date_to: "Au",
    search: "Rechercher",
    date: "Date",
    amount: "Montant",
    card: "Carte",
    no_results: "Aucun paiement ne correspond.",
    next_page: "Page suivante",
    back: "Retour aux paiements",
    payment_title: "Paiement",
    surcharge: "Supplément",
    amount_charged: "Montant débité",
    captured: "Capturé",
    refunded: "Remboursé",
    remaining: "Restant",
    bin: "BIN",
    billing_country: "Pays de facturation",
    three_ds: "3-D Secure",
    created: "Créé",
    actions: "Actions",
    refund_amount: "Montant à rembourser",
    refund: "Rembourser",
    confirm_refund: "Confirmer le remboursement de {amount}",
    cancel_invoice: "Annuler la facture",
    confirm_cancel: "Confirmer : annuler cette facture",
    capture: "Capturer",
    confirm_capture: "Confirmer la capture de {amount}",
    void: "Libérer",
    confirm_void: "Confirmer : libérer l’autorisation",
    not_now: "Pas maintenant",
    action_done: "C’est fait : la facture est maintenant « {status} ».",
    refund_done: "Remboursement de {amount} : {status}.",
    invalid_amount: "Saisissez un montant supérieur à zéro et d’au plus {amount}.",
    refunds_title: "Remboursements",
    timeline: "Chronologie",
    no_events: "Aucun événement pour l’instant.",
    delivered: "Livré",
    not_delivered: "Non livré",
    status_code: "Statut HTTP",
    duration: "Durée",
    error: "Erreur",
    next_retry: "Prochain essai",
    send_again: "Renvoyer",
    sent_again: "Remis en file d’envoi.",
    developers_title: "Développeurs",
    api_keys: "Clés d’API",
    key: "Clé",
    last_used: "Dernière utilisation",
    expires: "Expire",
    never: "Jamais",
    create_key: "Créer une clé",
    roll: "Renouveler",
    grace_hours: "Heures pendant lesquelles l’ancienne clé reste valable",
    confirm_roll: "Confirmer : renouveler cette clé",
    revoke: "Révoquer",
    confirm_revoke: "Confirmer : révoquer cette clé",
    new_secret_title: "Votre nouvelle clé secrète",
    new_secret_warning: "Copiez-la maintenant et gardez-la en lieu sûr : elle ne sera plus affichée.",
    copy: "Copier",
    copied: "Copié.",
    callbacks: "Rappels",
    callback_url: "URL de rappel",
    embed_origins: "Sites autorisés à intégrer le paiement (un par ligne)",
    save: "Enregistrer",
    saved: "Enregistré.",
    test_callback: "Envoyer un rappel de test",
    test_callback_sent: "Rappel de test en file d’envoi ({id}).",
    settings_title: "Réglages",
    name: "Nom",
    accent: "Couleur d’accent",
    accent_hex: "Couleur d’accent (#rrggbb)",
    logo: "Logo (PNG ou SVG, 32 Ko au plus)",
    logo_invalid: "Le logo doit être un fichier PNG ou SVG de 32 Ko au plus.",
    remove_logo: "Retirer le logo",
    currencies: "Devises (codes séparés par des virgules ; la première est celle par défaut)",
    invalid_color: "Saisissez une couleur au format #rrggbb.",
    preview: "Aperçu de la page de paiement",
    preview_pay: "Payer {amount}",
    audit_title: "Journal d’audit",
    time: "Heure",
    user: "Utilisateur",
    action: "Action",
    target: "Cible",
    ip: "Adresse IP",
    statuses: [
        "Ouverte", "En attente", "Payée", "Échouée", "Annulée", "Expirée", "Remboursée",
        "Partiellement remboursée", "Autorisée", "Capturée", "Partiellement capturée", "Libérée",
    ],
    refund_statuses: ["en attente", "réussi", "échoué"],
};

/// Hebrew (right to left).
pub const HE: Texts = Texts {
    app_name: "לוח הבקרה של Kassa",
    skip: "דלגו לתוכן",
    nav_label: "ראשי",
    nav_overview: "סקירה",
    nav_payments: "תשלומים",
    nav_developers: "מפתחים",
    nav_settings: "הגדרות",
    nav_audit: "יומן ביקורת",
    language: "שפה",
    sign_out: "התנתקות",
    test_mode: "מצב בדיקה: תשלומים כאן אינם מעבירים כסף אמיתי",
    role_owner: "בעלים",
    role_staff: "צוות",
    sign_in_title: "כניסה ל-Kassa",
    email: "דוא״ל",
    password: "סיסמה",
    code: "קוד מאפליקציית האימות",
    sign_in: "כניסה",
    loading: "טוען…",
    network_error: "לא ניתן להתחבר לשרת. נסו שוב.",
    forbidden: "רק בעלי החשבון יכולים לראות דף זה.",
    today: "היום",
    this_month: "החודש",
    volume: "מחזור",
    paid_count: "שולמו",
    success_rate: "שיעור הצלחה",
    declined: "נדחו",
    chart_title: "מחזור ב-30 הימים האחרונים",
    day: "יום",
    declines_title: "דחיות לפי סיבה",
    no_declines: "אין דחיות ב-30 הימים האחרונים.",
    reason: "סיבה",
    count: "מספר",
    filters: "מסננים",
    status: "סטטוס",
    any_status: "כל סטטוס",
    last4: "4 ספרות אחרונות",
    reference: "אסמכתה",
    date_from: "מתאריך",
    date_to: "עד תאריך",
    search: "חיפוש",
    date: "תאריך",
    amount: "סכום",
    card: "כרטיס",
    no_results: "אין תשלומים תואמים.",
    next_page: "לדף הבא",
    back: "חזרה לתשלומים",
    payment_title: "תשלום",
    surcharge: "עמלה",
    amount_charged: "סכום שחויב",
    captured: "נגבה",
    refunded: "הוחזר",
    remaining: "נותר",
    bin: "BIN",
    billing_country: "מדינת חיוב",
    three_ds: "3-D Secure",
    created: "נוצר",
    actions: "פעולות",
    refund_amount: "סכום להחזר",
    refund: "החזר",
    confirm_refund: "אישור החזר של {amount}",
    cancel_invoice: "ביטול החשבונית",
    confirm_cancel: "אישור: ביטול חשבונית זו",
    capture: "גבייה",
    confirm_capture: "אישור גבייה של {amount}",
    void: "שחרור",
    confirm_void: "אישור: שחרור ההרשאה",
    not_now: "לא עכשיו",
    action_done: "בוצע: סטטוס החשבונית כעת {status}.",
    refund_done: "החזר של {amount}: {status}.",
    invalid_amount: "הזינו סכום גדול מאפס ועד {amount}.",
    refunds_title: "החזרים",
    timeline: "ציר זמן",
    no_events: "אין אירועים עדיין.",
    delivered: "נמסר",
    not_delivered: "לא נמסר",
    status_code: "סטטוס HTTP",
    duration: "משך",
    error: "שגיאה",
    next_retry: "הניסיון הבא",
    send_again: "שליחה חוזרת",
    sent_again: "נכנס לתור לשליחה חוזרת.",
    developers_title: "מפתחים",
    api_keys: "מפתחות API",
    key: "מפתח",
    last_used: "שימוש אחרון",
    expires: "תוקף עד",
    never: "אף פעם",
    create_key: "יצירת מפתח",
    roll: "החלפה",
    grace_hours: "שעות שבהן המפתח הישן ממשיך לעבוד",
    confirm_roll: "אישור: החלפת מפתח זה",
    revoke: "ביטול",
    confirm_revoke: "אישור: ביטול מפתח זה",
    new_secret_title: "המפתח הסודי החדש שלכם",
    new_secret_warning: "העתיקו אותו עכשיו ושמרו עליו: הוא לא יוצג שוב.",
    copy: "העתקה",
    copied: "הועתק.",
    callbacks: "קריאות חוזרות",
    callback_url: "כתובת לקריאה חוזרת",
    embed_origins: "אתרים שרשאים להטמיע את דף התשלום (אחד בכל שורה)",
    save: "שמירה",
    saved: "נשמר.",
    test_callback: "שליחת קריאת בדיקה",
    test_callback_sent: "קריאת הבדיקה נכנסה לתור ({id}).",
    settings_title: "הגדרות",
    name: "שם",
    accent: "צבע הדגשה",
    accent_hex: "צבע הדגשה (#rrggbb)",
    logo: "לוגו (PNG או SVG, עד 32KB)",
    logo_invalid: "הלוגו חייב להיות קובץ PNG או SVG של 32KB לכל היותר.",
    remove_logo: "הסרת הלוגו",
    currencies: "מטבעות (קודים מופרדים בפסיקים; הראשון הוא ברירת המחדל)",
    invalid_color: "הזינו צבע בתבנית #rrggbb.",
    preview: "תצוגה מקדימה של דף התשלום",
    preview_pay: "תשלום {amount}",
    audit_title: "יומן ביקורת",
    time: "זמן",
    user: "משתמש",
    action: "פעולה",
    target: "יעד",
    ip: "כתובת IP",
    statuses: [
        "פתוחה", "ממתינה", "שולמה", "נכשלה", "בוטלה", "פג תוקפה", "הוחזרה",
        "הוחזרה חלקית", "אושרה", "נגבתה", "נגבתה חלקית", "שוחררה",
    ],
    refund_statuses: ["ממתין", "הצליח", "נכשל"],
};

/// Spanish.
pub const ES: Texts = Texts {
    app_name: "Panel de Kassa",
    skip: "Ir al contenido",
    nav_label: "Principal",
    nav_overview: "Resumen",
    nav_payments: "Pagos",
    nav_developers: "Desarrolladores",
    nav_settings: "Ajustes",
    nav_audit: "Registro de auditoría",
    language: "Idioma",
    sign_out: "Cerrar sesión",
    test_mode: "MODO DE PRUEBA: estos pagos no mueven dinero real",
    role_owner: "propietario",
    role_staff: "equipo",
    sign_in_title: "Iniciar sesión en Kassa",
    email: "Correo electrónico",
    password: "Contraseña",
    code: "Código de la app de autenticación",
    sign_in: "Iniciar sesión",
    loading: "Cargando…",
    network_error: "No se pudo contactar con el servidor. Inténtalo de nuevo.",
    forbidden: "Solo el propietario de la cuenta puede ver esta página.",
    today: "Hoy",
    this_month: "Este mes",
    volume: "Volumen",
    paid_count: "Pagadas",
    success_rate: "Tasa de éxito",
    declined: "Rechazados",
    chart_title: "Volumen de los últimos 30 días",
    day: "Día",
    declines_title: "Rechazos por motivo",
    no_declines: "Sin rechazos en los últimos 30 días.",
    reason: "Motivo",
    count: "Cantidad",
    filters: "Filtros",
    status: "Estado",
    any_status: "Cualquier estado",
    last4: "Últimos 4 dígitos",
    reference: "Referencia",
    date_from: "Desde",
    date_to: "Hasta",
    search: "Buscar",
    date: "Fecha",
    amount: "Importe",
    card: "Tarjeta",
    no_results: "Ningún pago coincide.",
    next_page: "Página siguiente",
    back: "Volver a pagos",
    payment_title: "Pago",
    surcharge: "Recargo",
    amount_charged: "Importe cobrado",
    captured: "Capturado",
    refunded: "Reembolsado",
    remaining: "Restante",
    bin: "BIN",
    billing_country: "País de facturación",
    three_ds: "3-D Secure",
    created: "Creado",
    actions: "Acciones",
    refund_amount: "Importe a reembolsar",
    refund: "Reembolsar",
    confirm_refund: "Confirmar reembolso de {amount}",
    cancel_invoice: "Cancelar factura",
    confirm_cancel: "Confirmar: cancelar esta factura",
    capture: "Capturar",
    confirm_capture: "Confirmar captura de {amount}",
    void: "Anular",
    confirm_void: "Confirmar: liberar la autorización",
    not_now: "Ahora no",
    action_done: "Hecho: la factura ahora está «{status}».",
    refund_done: "Reembolso de {amount}: {status}.",
    invalid_amount: "Introduce un importe mayor que cero y como máximo {amount}.",
    refunds_title: "Reembolsos",
    timeline: "Cronología",
    no_events: "Aún no hay eventos.",
    delivered: "Entregado",
    not_delivered: "No entregado",
    status_code: "Estado HTTP",
    duration: "Duración",
    error: "Error",
    next_retry: "Próximo intento",
    send_again: "Enviar de nuevo",
    sent_again: "En cola para enviarse de nuevo.",
    developers_title: "Desarrolladores",
    api_keys: "Claves de API",
    key: "Clave",
    last_used: "Último uso",
    expires: "Caduca",
    never: "Nunca",
    create_key: "Crear clave",
    roll: "Renovar",
    grace_hours: "Horas que la clave antigua sigue funcionando",
    confirm_roll: "Confirmar: renovar esta clave",
    revoke: "Revocar",
    confirm_revoke: "Confirmar: revocar esta clave",
    new_secret_title: "Tu nueva clave secreta",
    new_secret_warning: "Cópiala ahora y guárdala bien: no se volverá a mostrar.",
    copy: "Copiar",
    copied: "Copiado.",
    callbacks: "Notificaciones",
    callback_url: "URL de notificación",
    embed_origins: "Sitios que pueden incrustar el pago (uno por línea)",
    save: "Guardar",
    saved: "Guardado.",
    test_callback: "Enviar una notificación de prueba",
    test_callback_sent: "Notificación de prueba en cola ({id}).",
    settings_title: "Ajustes",
    name: "Nombre",
    accent: "Color de acento",
    accent_hex: "Color de acento (#rrggbb)",
    logo: "Logotipo (PNG o SVG, hasta 32 KB)",
    logo_invalid: "El logotipo debe ser un archivo PNG o SVG de 32 KB como máximo.",
    remove_logo: "Quitar logotipo",
    currencies: "Monedas (códigos separados por comas; la primera es la predeterminada)",
    invalid_color: "Introduce un color como #rrggbb.",
    preview: "Vista previa de la página de pago",
    preview_pay: "Pagar {amount}",
    audit_title: "Registro de auditoría",
    time: "Hora",
    user: "Usuario",
    action: "Acción",
    target: "Objeto",
    ip: "Dirección IP",
    statuses: [
        "Abierta", "Pendiente", "Pagada", "Fallida", "Cancelada", "Caducada", "Reembolsada",
        "Reembolsada en parte", "Autorizada", "Capturada", "Capturada en parte", "Anulada",
    ],
    refund_statuses: ["pendiente", "realizado", "fallido"],
};

/// German.
pub const DE: Texts = Texts {
    app_name: "Kassa-Dashboard",
    skip: "Zum Inhalt springen",
    nav_label: "Hauptmenü",
    nav_overview: "Übersicht",
    nav_payments: "Zahlungen",
    nav_developers: "Entwickler",
    nav_settings: "Einstellungen",
    nav_audit: "Prüfprotokoll",
    language: "Sprache",
    sign_out: "Abmelden",
    test_mode: "TESTMODUS: Diese Zahlungen bewegen kein echtes Geld",
    role_owner: "Inhaber",
    role_staff: "Team",
    sign_in_title: "Bei Kassa anmelden",
    email: "E-Mail",
    password: "Passwort",
    code: "Code der Authenticator-App",
    sign_in: "Anmelden",
    loading: "Wird geladen…",
    network_error: "Der Server ist nicht erreichbar. Bitte erneut versuchen.",
    forbidden: "Nur der Kontoinhaber kann diese Seite sehen.",
    today: "Heute",
    this_month: "Dieser Monat",
    volume: "Umsatz",
    paid_count: "Bezahlt",
    success_rate: "Erfolgsquote",
    declined: "Abgelehnt",
    chart_title: "Umsatz der letzten 30 Tage",
    day: "Tag",
    declines_title: "Ablehnungen nach Grund",
    no_declines: "Keine Ablehnungen in den letzten 30 Tagen.",
    reason: "Grund",
    count: "Anzahl",
    filters: "Filter",
    status: "Status",
    any_status: "Jeder Status",
    last4: "Letzte 4 Ziffern",
    reference: "Referenz",
    date_from: "Von",
    date_to: "Bis",
    search: "Suchen",
    date: "Datum",
    amount: "Betrag",
    card: "Karte",
    no_results: "Keine passenden Zahlungen.",
    next_page: "Nächste Seite",
    back: "Zurück zu den Zahlungen",
    payment_title: "Zahlung",
    surcharge: "Aufschlag",
    amount_charged: "Belasteter Betrag",
    captured: "Eingezogen",
    refunded: "Erstattet",
    remaining: "Verbleibend",
    bin: "BIN",
    billing_country: "Rechnungsland",
    three_ds: "3-D Secure",
    created: "Erstellt",
    actions: "Aktionen",
    refund_amount: "Zu erstattender Betrag",
    refund: "Erstatten",
    confirm_refund: "Erstattung von {amount} bestätigen",
    cancel_invoice: "Rechnung stornieren",
    confirm_cancel: "Bestätigen: diese Rechnung stornieren",
    capture: "Einziehen",
    confirm_capture: "Einzug von {amount} bestätigen",
    void: "Freigeben",
    confirm_void: "Bestätigen: Autorisierung freigeben",
    not_now: "Nicht jetzt",
    action_done: "Erledigt: Die Rechnung ist jetzt „{status}“.",
    refund_done: "Erstattung von {amount}: {status}.",
    invalid_amount: "Geben Sie einen Betrag über null und höchstens {amount} ein.",
    refunds_title: "Erstattungen",
    timeline: "Verlauf",
    no_events: "Noch keine Ereignisse.",
    delivered: "Zugestellt",
    not_delivered: "Nicht zugestellt",
    status_code: "HTTP-Status",
    duration: "Dauer",
    error: "Fehler",
    next_retry: "Nächster Versuch",
    send_again: "Erneut senden",
    sent_again: "Zum erneuten Senden eingereiht.",
    developers_title: "Entwickler",
    api_keys: "API-Schlüssel",
    key: "Schlüssel",
    last_used: "Zuletzt verwendet",
    expires: "Läuft ab",
    never: "Nie",
    create_key: "Schlüssel erstellen",
    roll: "Erneuern",
    grace_hours: "Stunden, die der alte Schlüssel weiter gilt",
    confirm_roll: "Bestätigen: diesen Schlüssel erneuern",
    revoke: "Widerrufen",
    confirm_revoke: "Bestätigen: diesen Schlüssel widerrufen",
    new_secret_title: "Ihr neuer geheimer Schlüssel",
    new_secret_warning: "Kopieren Sie ihn jetzt und bewahren Sie ihn sicher auf: Er wird nicht erneut angezeigt.",
    copy: "Kopieren",
    copied: "Kopiert.",
    callbacks: "Callbacks",
    callback_url: "Callback-URL",
    embed_origins: "Websites, die den Checkout einbetten dürfen (eine pro Zeile)",
    save: "Speichern",
    saved: "Gespeichert.",
    test_callback: "Test-Callback senden",
    test_callback_sent: "Test-Callback eingereiht ({id}).",
    settings_title: "Einstellungen",
    name: "Name",
    accent: "Akzentfarbe",
    accent_hex: "Akzentfarbe (#rrggbb)",
    logo: "Logo (PNG oder SVG, bis 32 KB)",
    logo_invalid: "Das Logo muss eine PNG- oder SVG-Datei mit höchstens 32 KB sein.",
    remove_logo: "Logo entfernen",
    currencies: "Währungen (Codes durch Kommas getrennt; die erste ist die Standardwährung)",
    invalid_color: "Geben Sie eine Farbe als #rrggbb ein.",
    preview: "Vorschau der Zahlungsseite",
    preview_pay: "{amount} bezahlen",
    audit_title: "Prüfprotokoll",
    time: "Zeit",
    user: "Benutzer",
    action: "Aktion",
    target: "Ziel",
    ip: "IP-Adresse",
    statuses: [
        "Offen", "Ausstehend", "Bezahlt", "Fehlgeschlagen", "Storniert", "Abgelaufen", "Erstattet",
        "Teilweise erstattet", "Autorisiert", "Eingezogen", "Teilweise eingezogen", "Freigegeben",
    ],
    refund_statuses: ["ausstehend", "erfolgreich", "fehlgeschlagen"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_fills_the_same_placeholders() {
        for lang in LANGS {
            let texts = texts(lang);
            for template in [texts.confirm_refund, texts.confirm_capture, texts.invalid_amount] {
                assert!(template.contains("{amount}"), "{lang:?}: {template}");
            }
            assert!(texts.action_done.contains("{status}"));
            assert!(texts.test_callback_sent.contains("{id}"));
            assert!(texts.preview_pay.contains("{amount}"));
        }
    }
}
