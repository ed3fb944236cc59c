//! The checkout page's own words in English, French, Hebrew, Spanish and
//! German, and the one language's worth of them the server puts in each page.
//!
//! Validation messages come from kassa-card (the same text the server
//! sends); this table holds only what a page says beyond them: labels,
//! buttons and screens. One `Texts` per language, so a missing string is a
//! compile error, not an English word in a French page.
//!
//! The server picks the language (the address's `?locale=`, the invoice's,
//! then the browser's `Accept-Language`) and writes that language's words and
//! messages into the page as a JSON block ([`page_words_json`]), so the
//! page's WebAssembly carries no text in any language.

use kassa_card::{ErrorCode, Locale};

/// A language the page speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Hebrew (right to left).
    He,
    /// Spanish.
    Es,
    /// German.
    De,
}

impl Lang {
    /// The language for a BCP 47 tag, when the page speaks it.
    ///
    /// ```
    /// use kassa_api::words::Lang;
    /// assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
    /// assert_eq!(Lang::from_tag("iw"), Some(Lang::He));
    /// assert_eq!(Lang::from_tag("pt-BR"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        match language.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "he" | "iw" => Some(Lang::He),
            "es" => Some(Lang::Es),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// Picks the invoice's locale when the page speaks it, then the
    /// browser's languages in order, then English.
    ///
    /// ```
    /// use kassa_api::words::Lang;
    /// assert_eq!(Lang::choose(Some("de-AT"), &["fr".into()]), Lang::De);
    /// assert_eq!(Lang::choose(None, &["pt".into(), "es-MX".into()]), Lang::Es);
    /// assert_eq!(Lang::choose(Some("ja"), &[]), Lang::En);
    /// ```
    pub fn choose(invoice: Option<&str>, browser: &[String]) -> Lang {
        invoice
            .into_iter()
            .chain(browser.iter().map(String::as_str))
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::En)
    }

    /// The BCP 47 tag for `lang=` and `Intl`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::He => "he",
            Lang::Es => "es",
            Lang::De => "de",
        }
    }

    /// Whether the language is written right to left.
    pub const fn is_rtl(self) -> bool {
        matches!(self, Lang::He)
    }

    /// The country a shopper speaking only this language most likely pays
    /// from, when the browser names no region.
    pub const fn default_country(self) -> &'static str {
        match self {
            Lang::En => "US",
            Lang::Fr => "FR",
            Lang::He => "IL",
            Lang::Es => "ES",
            Lang::De => "DE",
        }
    }

    /// The locale kassa-card's messages are looked up in.
    pub fn card_locale(self) -> Locale {
        Locale::parse(self.tag())
    }

    /// This language's words.
    pub const fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
            Lang::He => &HE,
            Lang::Es => &ES,
            Lang::De => &DE,
        }
    }
}

/// Every string the page shows besides validation messages. `{…}` marks a
/// value filled in with [`fill`].
#[derive(Debug, PartialEq, Eq)]
pub struct Texts {
    /// Document title: `{merchant}`.
    pub title: &'static str,
    /// Invoice expiry: `{time}`.
    pub expires_in: &'static str,
    /// Email label.
    pub email: &'static str,
    /// Cardholder name label.
    pub card_name: &'static str,
    /// Card number label.
    pub card_number: &'static str,
    /// Expiry label.
    pub expiry: &'static str,
    /// Expiry hint.
    pub expiry_hint: &'static str,
    /// Security code hint: `{n}` digits on the back.
    pub cvv_hint_back: &'static str,
    /// Security code hint: `{n}` digits on the front (Amex).
    pub cvv_hint_front: &'static str,
    /// Card holder's ID number label (asked when the gateway needs it).
    pub holder_id: &'static str,
    /// Card holder's ID number hint.
    pub holder_id_hint: &'static str,
    /// Co-badged card: which network.
    pub network: &'static str,
    /// Billing address heading.
    pub billing_address: &'static str,
    /// Country label.
    pub country: &'static str,
    /// Street label.
    pub line1: &'static str,
    /// Second line label.
    pub line2: &'static str,
    /// City label.
    pub city: &'static str,
    /// Region label.
    pub region: &'static str,
    /// The empty choice in a region list.
    pub choose: &'static str,
    /// Postal code labels by kind: postal, ZIP, postcode, PIN, CEP, Eircode.
    pub postal: [&'static str; 6],
    /// Phone label.
    pub phone: &'static str,
    /// Marks an optional field.
    pub optional: &'static str,
    /// Installments label.
    pub installments: &'static str,
    /// Pay in one go: `{amount}`.
    pub pay_in_full: &'static str,
    /// Equal payments: `{n}`, `{amount}`.
    pub equal_payments: &'static str,
    /// First payment adjusted: `{n}`, `{first}`, `{rest}` (count − 1), `{other}`.
    pub adjusted_payments: &'static str,
    /// Pay button: `{amount}`.
    pub pay: &'static str,
    /// Pay button while in flight.
    pub processing: &'static str,
    /// Cancel link: `{merchant}`.
    pub cancel: &'static str,
    /// Decline heading.
    pub declined: &'static str,
    /// Attempts left: `{n}`.
    pub attempts_left: &'static str,
    /// Decline reasons: insufficient funds, do not honour, lost or stolen,
    /// expired, security code, anything else.
    pub decline_reasons: [&'static str; 6],
    /// Too many requests.
    pub too_many_requests: &'static str,
    /// The payment request did not get through.
    pub pay_network_error: &'static str,
    /// Screen: loading.
    pub loading: &'static str,
    /// Screen: expired (title, body).
    pub expired: [&'static str; 2],
    /// Screen: already paid.
    pub paid: [&'static str; 2],
    /// Screen: canceled.
    pub canceled: [&'static str; 2],
    /// Screen: not found.
    pub not_found: [&'static str; 2],
    /// Screen: the server could not be reached.
    pub network_error: [&'static str; 2],
    /// Screen: failed for good.
    pub failed: [&'static str; 2],
    /// Screen: awaiting the processor.
    pub pending: [&'static str; 2],
    /// Screen: approved, going back to `{merchant}`.
    pub redirecting: [&'static str; 2],
    /// Retry button.
    pub retry: &'static str,
    /// Footer.
    pub secured_by: &'static str,
    /// Consent checkbox (`save_card: "optional"`): `{merchant}`.
    pub save_card_optional: &'static str,
    /// Consent notice (`save_card: "required"`): `{merchant}`.
    pub save_card_required: &'static str,
    /// What saving means, under the checkbox or the notice: `{merchant}`.
    pub save_card_terms: &'static str,
    /// Saved cards: the choice's legend.
    pub saved_cards: &'static str,
    /// A saved card's expiry: `{date}` (`12/30`).
    pub saved_card_expires: &'static str,
    /// An expired saved card.
    pub saved_card_expired: &'static str,
    /// Saved cards: pay with a card typed in instead.
    pub new_card: &'static str,
    /// The server refused the saved card: it has expired, it is gone.
    pub saved_card_errors: [&'static str; 2],
    /// 3-D Secure: the challenge's heading, its hint, the issuer frame's
    /// title, the close button, the timed-out message, and the decline
    /// reasons for a failed authentication and for one required but
    /// unavailable.
    pub challenge: [&'static str; 7],
    /// Credit instalments: a plan's wording (`{n}`), what credit means
    /// (`{merchant}`), and the fee (`{fee}`).
    pub credit: [&'static str; 3],
    /// The card surcharge line: `{amount}`, `{merchant}`.
    pub surcharge: &'static str,
}

impl Texts {
    /// How many strings [`Texts::to_list`] gives.
    pub const LEN: usize = 83;

    /// Every string, in field order (arrays element by element): the form
    /// the server sends them in.
    pub fn to_list(&self) -> Vec<&'static str> {
        let mut list = Vec::with_capacity(Texts::LEN);
        list.push(self.title);
        list.push(self.expires_in);
        list.push(self.email);
        list.push(self.card_name);
        list.push(self.card_number);
        list.push(self.expiry);
        list.push(self.expiry_hint);
        list.push(self.cvv_hint_back);
        list.push(self.cvv_hint_front);
        list.push(self.holder_id);
        list.push(self.holder_id_hint);
        list.push(self.network);
        list.push(self.billing_address);
        list.push(self.country);
        list.push(self.line1);
        list.push(self.line2);
        list.push(self.city);
        list.push(self.region);
        list.push(self.choose);
        list.extend(self.postal);
        list.push(self.phone);
        list.push(self.optional);
        list.push(self.installments);
        list.push(self.pay_in_full);
        list.push(self.equal_payments);
        list.push(self.adjusted_payments);
        list.push(self.pay);
        list.push(self.processing);
        list.push(self.cancel);
        list.push(self.declined);
        list.push(self.attempts_left);
        list.extend(self.decline_reasons);
        list.push(self.too_many_requests);
        list.push(self.pay_network_error);
        list.push(self.loading);
        list.extend(self.expired);
        list.extend(self.paid);
        list.extend(self.canceled);
        list.extend(self.not_found);
        list.extend(self.network_error);
        list.extend(self.failed);
        list.extend(self.pending);
        list.extend(self.redirecting);
        list.push(self.retry);
        list.push(self.secured_by);
        list.push(self.save_card_optional);
        list.push(self.save_card_required);
        list.push(self.save_card_terms);
        list.push(self.saved_cards);
        list.push(self.saved_card_expires);
        list.push(self.saved_card_expired);
        list.push(self.new_card);
        list.extend(self.saved_card_errors);
        list.extend(self.challenge);
        list.extend(self.credit);
        list.push(self.surcharge);
        list
    }

    /// The inverse of [`Texts::to_list`]; missing strings are empty.
    ///
    /// ```
    /// use kassa_api::words::{Lang, Texts};
    /// let texts = Texts::from_list(Lang::Fr.texts().to_list().into_iter());
    /// assert_eq!(texts.card_number, "Numéro de carte");
    /// ```
    pub fn from_list(mut list: impl Iterator<Item = &'static str>) -> Texts {
        Texts::from_dyn_list(&mut list)
    }

    /// [`Texts::from_list`] with one call per string to one function: the
    /// checkout page reads its words with it, and `next` inlined at each of
    /// the strings, for each iterator type, was over 5 KB of its module.
    fn from_dyn_list(list: &mut dyn Iterator<Item = &'static str>) -> Texts {
        #[inline(never)]
        fn take(list: &mut dyn Iterator<Item = &'static str>) -> &'static str {
            list.next().unwrap_or_default()
        }
        let mut next = || take(list);
        // Fields are evaluated in the order written: the order of `to_list`.
        Texts {
            title: next(),
            expires_in: next(),
            email: next(),
            card_name: next(),
            card_number: next(),
            expiry: next(),
            expiry_hint: next(),
            cvv_hint_back: next(),
            cvv_hint_front: next(),
            holder_id: next(),
            holder_id_hint: next(),
            network: next(),
            billing_address: next(),
            country: next(),
            line1: next(),
            line2: next(),
            city: next(),
            region: next(),
            choose: next(),
            postal: [next(), next(), next(), next(), next(), next()],
            phone: next(),
            optional: next(),
            installments: next(),
            pay_in_full: next(),
            equal_payments: next(),
            adjusted_payments: next(),
            pay: next(),
            processing: next(),
            cancel: next(),
            declined: next(),
            attempts_left: next(),
            decline_reasons: [next(), next(), next(), next(), next(), next()],
            too_many_requests: next(),
            pay_network_error: next(),
            loading: next(),
            expired: [next(), next()],
            paid: [next(), next()],
            canceled: [next(), next()],
            not_found: [next(), next()],
            network_error: [next(), next()],
            failed: [next(), next()],
            pending: [next(), next()],
            redirecting: [next(), next()],
            retry: next(),
            secured_by: next(),
            save_card_optional: next(),
            save_card_required: next(),
            save_card_terms: next(),
            saved_cards: next(),
            saved_card_expires: next(),
            saved_card_expired: next(),
            new_card: next(),
            saved_card_errors: [next(), next()],
            challenge: [next(), next(), next(), next(), next(), next(), next()],
            credit: [next(), next(), next()],
            surcharge: next(),
        }
    }
}

/// The JSON the server puts in the page for `lang`: `{"lang": tag, "texts":
/// [Texts::to_list], "messages": [message of each ErrorCode::ALL]}`, with
/// `<` escaped so that the text cannot close the `<script>` element it sits
/// in.
///
/// ```
/// use kassa_api::words::{Lang, page_words_json};
/// let json = page_words_json(Lang::He);
/// assert!(json.contains(r#""lang":"he""#));
/// assert!(json.contains("מספר כרטיס"));
/// ```
pub fn page_words_json(lang: Lang) -> String {
    let locale = lang.card_locale();
    let messages: Vec<&str> = ErrorCode::ALL
        .iter()
        .map(|code| code.message(locale))
        .collect();
    serde_json::json!({
        "lang": lang.tag(),
        "texts": lang.texts().to_list(),
        "messages": messages,
    })
    .to_string()
    .replace('<', "\\u003c")
}

/// The language tags of an `Accept-Language` header, in the order given
/// (browsers list them by preference), without their weights.
///
/// ```
/// assert_eq!(kassa_api::words::accept_language("he-IL,he;q=0.9,en;q=0.5"), ["he-IL", "he", "en"]);
/// ```
pub fn accept_language(header: &str) -> Vec<String> {
    header
        .split(',')
        .filter_map(|entry| entry.split(';').next())
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Replaces each `{name}` in `template` with its value, in one pass: a
/// value is never searched for placeholders itself (a merchant called
/// `{amount}` stays so), and a `{…}` with no value is left as it is.
///
/// ```
/// use kassa_api::words::fill;
/// assert_eq!(fill("Pay {amount}", &[("amount", "€15.04")]), "Pay €15.04");
/// assert_eq!(
///     fill("{merchant}: {amount} {x}", &[("merchant", "{amount}"), ("amount", "€1")]),
///     "{amount}: €1 {x}"
/// );
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // By hand rather than `str::replace` per value: the page is built from
    // this, and a general substring search and `format!` cost it more code.
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| (close, *value))
        });
        match value {
            Some((close, value)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

const EN: Texts = Texts {
    title: "Pay {merchant}",
    expires_in: "Expires in {time}",
    email: "Email",
    card_name: "Name on card",
    card_number: "Card number",
    expiry: "Expiry date",
    expiry_hint: "MM / YY",
    cvv_hint_back: "{n} digits on the back of the card",
    cvv_hint_front: "{n} digits on the front of the card",
    holder_id: "ID number",
    holder_id_hint: "9 digits, as on the ID card",
    network: "Pay with",
    billing_address: "Billing address",
    country: "Country or region",
    line1: "Address",
    line2: "Apartment, suite, etc.",
    city: "City",
    region: "State or region",
    choose: "Choose…",
    postal: [
        "Postal code",
        "ZIP code",
        "Postcode",
        "PIN code",
        "CEP",
        "Eircode",
    ],
    phone: "Phone",
    optional: "optional",
    installments: "Payments",
    pay_in_full: "Pay in full: {amount}",
    equal_payments: "{n} payments of {amount}",
    adjusted_payments: "{n} payments: {first}, then {rest} × {other}",
    pay: "Pay {amount}",
    processing: "Processing…",
    cancel: "Cancel and return to {merchant}",
    declined: "Payment declined",
    attempts_left: "Attempts left: {n}",
    decline_reasons: [
        "Your bank declined the payment: not enough funds. Try another card.",
        "Your bank declined the payment. Try another card or contact your bank.",
        "This card cannot be used. Contact your bank.",
        "This card has expired. Try another card.",
        "The security code is wrong. Check it and try again.",
        "The payment could not be processed. Try again in a moment.",
    ],
    too_many_requests: "Too many attempts. Wait a minute, then try again.",
    pay_network_error: "The connection dropped. Try again: you will not be charged twice.",
    loading: "Loading your payment…",
    expired: [
        "This payment link has expired",
        "Ask the merchant for a new one.",
    ],
    paid: [
        "This invoice is already paid",
        "There is nothing more to do. Thank you!",
    ],
    canceled: ["This payment was canceled", "Nothing was charged."],
    not_found: ["Payment not found", "Check the link you were given."],
    network_error: [
        "Can't reach the payment server",
        "Check your connection and try again.",
    ],
    failed: [
        "This payment could not be completed",
        "Nothing was charged. Contact the merchant for another way to pay.",
    ],
    pending: [
        "Your payment is being processed",
        "You will hear from the merchant once your bank answers.",
    ],
    redirecting: ["Payment received", "Taking you back to {merchant}…"],
    retry: "Try again",
    secured_by: "Secure payment by Kassa",
    save_card_optional: "Save this card for future payments to {merchant}",
    save_card_required: "This card will be saved for future payments to {merchant}.",
    save_card_terms: "{merchant} may charge it later as agreed with you. You can ask {merchant} to delete it at any time.",
    saved_cards: "Pay with",
    saved_card_expires: "expires {date}",
    saved_card_expired: "expired",
    new_card: "A new card",
    saved_card_errors: [
        "This saved card has expired. Choose another card.",
        "This saved card is no longer available. Choose another card.",
    ],
    challenge: [
        "Confirm with your bank",
        "Your bank asks you to confirm this payment. Follow the steps below.",
        "Your bank's confirmation",
        "Close and go back",
        "Your bank's check timed out and nothing was charged. Pay again to retry.",
        "Your bank could not confirm it was you. Try again or use another card.",
        "This payment needs your bank to confirm it is you, and that is not available right now. Try another card.",
    ],
    credit: [
        "{n} payments on credit from your card issuer",
        "Your card issuer pays {merchant} now, and you repay your issuer month by month, on your issuer's terms.",
        "Credit fee: {fee}",
    ],
    surcharge: "{merchant} adds a credit card surcharge of {amount}, included in the total.",
};

const FR: Texts = Texts {
    title: "Payer {merchant}",
    expires_in: "Expire dans {time}",
    email: "E-mail",
    card_name: "Nom sur la carte",
    card_number: "Numéro de carte",
    expiry: "Date d'expiration",
    expiry_hint: "MM / AA",
    cvv_hint_back: "{n} chiffres au dos de la carte",
    cvv_hint_front: "{n} chiffres au recto de la carte",
    holder_id: "Numéro d'identité",
    holder_id_hint: "9 chiffres, comme sur la carte d'identité",
    network: "Payer avec",
    billing_address: "Adresse de facturation",
    country: "Pays ou région",
    line1: "Adresse",
    line2: "Appartement, bâtiment, etc.",
    city: "Ville",
    region: "État ou région",
    choose: "Choisir…",
    postal: [
        "Code postal",
        "Code ZIP",
        "Code postal",
        "Code PIN",
        "CEP",
        "Eircode",
    ],
    phone: "Téléphone",
    optional: "facultatif",
    installments: "Paiements",
    pay_in_full: "Payer en une fois : {amount}",
    equal_payments: "{n} paiements de {amount}",
    adjusted_payments: "{n} paiements : {first}, puis {rest} × {other}",
    pay: "Payer {amount}",
    processing: "Paiement en cours…",
    cancel: "Annuler et revenir à {merchant}",
    declined: "Paiement refusé",
    attempts_left: "Tentatives restantes : {n}",
    decline_reasons: [
        "Votre banque a refusé le paiement : fonds insuffisants. Essayez une autre carte.",
        "Votre banque a refusé le paiement. Essayez une autre carte ou contactez votre banque.",
        "Cette carte ne peut pas être utilisée. Contactez votre banque.",
        "Cette carte a expiré. Essayez une autre carte.",
        "Le cryptogramme visuel est incorrect. Vérifiez-le et réessayez.",
        "Le paiement n'a pas pu être traité. Réessayez dans un instant.",
    ],
    too_many_requests: "Trop de tentatives. Patientez une minute, puis réessayez.",
    pay_network_error: "La connexion a été interrompue. Réessayez : vous ne serez pas débité deux fois.",
    loading: "Chargement de votre paiement…",
    expired: [
        "Ce lien de paiement a expiré",
        "Demandez-en un nouveau au marchand.",
    ],
    paid: [
        "Cette facture est déjà payée",
        "Il n'y a plus rien à faire. Merci !",
    ],
    canceled: ["Ce paiement a été annulé", "Rien n'a été débité."],
    not_found: [
        "Paiement introuvable",
        "Vérifiez le lien que vous avez reçu.",
    ],
    network_error: [
        "Le serveur de paiement est injoignable",
        "Vérifiez votre connexion et réessayez.",
    ],
    failed: [
        "Ce paiement n'a pas pu aboutir",
        "Rien n'a été débité. Contactez le marchand pour payer autrement.",
    ],
    pending: [
        "Votre paiement est en cours de traitement",
        "Le marchand vous tiendra informé dès la réponse de votre banque.",
    ],
    redirecting: ["Paiement reçu", "Retour vers {merchant}…"],
    retry: "Réessayer",
    secured_by: "Paiement sécurisé par Kassa",
    save_card_optional: "Enregistrer cette carte pour de futurs paiements à {merchant}",
    save_card_required: "Cette carte sera enregistrée pour de futurs paiements à {merchant}.",
    save_card_terms: "{merchant} pourra la débiter plus tard, comme convenu avec vous. Vous pouvez demander à {merchant} de la supprimer à tout moment.",
    saved_cards: "Payer avec",
    saved_card_expires: "expire en {date}",
    saved_card_expired: "expirée",
    new_card: "Une nouvelle carte",
    saved_card_errors: [
        "Cette carte enregistrée a expiré. Choisissez une autre carte.",
        "Cette carte enregistrée n'est plus disponible. Choisissez une autre carte.",
    ],
    challenge: [
        "Confirmez auprès de votre banque",
        "Votre banque vous demande de confirmer ce paiement. Suivez les étapes ci-dessous.",
        "Confirmation de votre banque",
        "Fermer et revenir",
        "La vérification de votre banque a expiré et rien n'a été débité. Payez à nouveau pour réessayer.",
        "L'authentification auprès de votre banque n'a pas abouti. Réessayez ou utilisez une autre carte.",
        "Ce paiement exige une authentification par votre banque, indisponible pour le moment. Essayez une autre carte.",
    ],
    credit: [
        "{n} paiements à crédit auprès de l'émetteur de votre carte",
        "L'émetteur de votre carte paie {merchant} dès maintenant, et vous le remboursez chaque mois, selon ses conditions.",
        "Frais de crédit : {fee}",
    ],
    surcharge: "{merchant} ajoute des frais de carte de crédit de {amount}, inclus dans le total.",
};

const HE: Texts = Texts {
    title: "תשלום ל{merchant}",
    expires_in: "פג תוקף בעוד {time}",
    email: "דוא״ל",
    card_name: "השם על הכרטיס",
    card_number: "מספר כרטיס",
    expiry: "תוקף",
    expiry_hint: "MM / YY",
    cvv_hint_back: "{n} ספרות בגב הכרטיס",
    cvv_hint_front: "{n} ספרות בחזית הכרטיס",
    holder_id: "מספר תעודת זהות",
    holder_id_hint: "9 ספרות, כמו בתעודת הזהות",
    network: "תשלום באמצעות",
    billing_address: "כתובת לחיוב",
    country: "מדינה או אזור",
    line1: "כתובת",
    line2: "דירה, כניסה וכו׳",
    city: "עיר",
    region: "מדינה או מחוז",
    choose: "בחירה…",
    postal: ["מיקוד", "מיקוד ZIP", "מיקוד", "מיקוד PIN", "CEP", "Eircode"],
    phone: "טלפון",
    optional: "רשות",
    installments: "תשלומים",
    pay_in_full: "תשלום אחד: {amount}",
    equal_payments: "{n} תשלומים של {amount}",
    adjusted_payments: "{n} תשלומים: {first}, ואחריו {rest} × {other}",
    pay: "תשלום {amount}",
    processing: "מעבד…",
    cancel: "ביטול וחזרה אל {merchant}",
    declined: "התשלום נדחה",
    attempts_left: "ניסיונות שנותרו: {n}",
    decline_reasons: [
        "הבנק דחה את התשלום: אין די כסף בחשבון. נסו כרטיס אחר.",
        "הבנק דחה את התשלום. נסו כרטיס אחר או פנו לבנק.",
        "לא ניתן להשתמש בכרטיס הזה. פנו לבנק.",
        "תוקף הכרטיס פג. נסו כרטיס אחר.",
        "קוד האבטחה שגוי. בדקו אותו ונסו שוב.",
        "לא ניתן היה לעבד את התשלום. נסו שוב בעוד רגע.",
    ],
    too_many_requests: "יותר מדי ניסיונות. המתינו דקה ונסו שוב.",
    pay_network_error: "החיבור נקטע. נסו שוב: לא תחויבו פעמיים.",
    loading: "טוען את התשלום…",
    expired: ["תוקף קישור התשלום פג", "בקשו קישור חדש מבית העסק."],
    paid: ["החשבונית כבר שולמה", "אין צורך לעשות דבר נוסף. תודה!"],
    canceled: ["התשלום בוטל", "לא בוצע חיוב."],
    not_found: ["התשלום לא נמצא", "בדקו את הקישור שקיבלתם."],
    network_error: ["אין חיבור לשרת התשלומים", "בדקו את החיבור ונסו שוב."],
    failed: [
        "לא ניתן היה להשלים את התשלום",
        "לא בוצע חיוב. פנו לבית העסק לדרך תשלום אחרת.",
    ],
    pending: ["התשלום בטיפול", "בית העסק יעדכן אתכם כשהבנק ישיב."],
    redirecting: ["התשלום התקבל", "חוזרים אל {merchant}…"],
    retry: "נסו שוב",
    secured_by: "תשלום מאובטח על ידי Kassa",
    save_card_optional: "שמירת הכרטיס לתשלומים עתידיים אצל {merchant}",
    save_card_required: "הכרטיס יישמר לתשלומים עתידיים אצל {merchant}.",
    save_card_terms: "{merchant} יוכל לחייב אותו בהמשך כפי שסוכם איתכם. אפשר לבקש מ־{merchant} למחוק אותו בכל עת.",
    saved_cards: "תשלום באמצעות",
    saved_card_expires: "בתוקף עד {date}",
    saved_card_expired: "פג תוקף",
    new_card: "כרטיס חדש",
    saved_card_errors: [
        "תוקף הכרטיס השמור פג. בחרו כרטיס אחר.",
        "הכרטיס השמור כבר אינו זמין. בחרו כרטיס אחר.",
    ],
    challenge: [
        "אישור מול הבנק",
        "הבנק שלכם מבקש לאשר את התשלום הזה. בצעו את השלבים שלמטה.",
        "אישור הבנק",
        "סגירה וחזרה",
        "בדיקת הבנק פגה ולא חויבתם. שלמו שוב כדי לנסות שוב.",
        "האימות מול הבנק לא הושלם. נסו שוב או השתמשו בכרטיס אחר.",
        "התשלום הזה דורש אימות מול הבנק, והאימות אינו זמין כעת. נסו כרטיס אחר.",
    ],
    credit: [
        "{n} תשלומי קרדיט מחברת האשראי",
        "חברת האשראי משלמת ל־{merchant} כעת, ואתם מחזירים לה מדי חודש, לפי תנאיה.",
        "עמלת קרדיט: {fee}",
    ],
    surcharge: "{merchant} מוסיף עמלת כרטיס אשראי של {amount}, הכלולה בסכום הכולל.",
};

const ES: Texts = Texts {
    title: "Pagar a {merchant}",
    expires_in: "Caduca en {time}",
    email: "Correo electrónico",
    card_name: "Nombre en la tarjeta",
    card_number: "Número de tarjeta",
    expiry: "Fecha de caducidad",
    expiry_hint: "MM / AA",
    cvv_hint_back: "{n} dígitos en el reverso de la tarjeta",
    cvv_hint_front: "{n} dígitos en el anverso de la tarjeta",
    holder_id: "Número de identidad",
    holder_id_hint: "9 dígitos, como en el documento de identidad",
    network: "Pagar con",
    billing_address: "Dirección de facturación",
    country: "País o región",
    line1: "Dirección",
    line2: "Piso, puerta, etc.",
    city: "Ciudad",
    region: "Provincia o región",
    choose: "Elegir…",
    postal: [
        "Código postal",
        "Código ZIP",
        "Código postal",
        "Código PIN",
        "CEP",
        "Eircode",
    ],
    phone: "Teléfono",
    optional: "opcional",
    installments: "Pagos",
    pay_in_full: "Pago único: {amount}",
    equal_payments: "{n} pagos de {amount}",
    adjusted_payments: "{n} pagos: {first} y luego {rest} × {other}",
    pay: "Pagar {amount}",
    processing: "Procesando…",
    cancel: "Cancelar y volver a {merchant}",
    declined: "Pago rechazado",
    attempts_left: "Intentos restantes: {n}",
    decline_reasons: [
        "Tu banco rechazó el pago: fondos insuficientes. Prueba con otra tarjeta.",
        "Tu banco rechazó el pago. Prueba con otra tarjeta o contacta con tu banco.",
        "Esta tarjeta no se puede usar. Contacta con tu banco.",
        "Esta tarjeta ha caducado. Prueba con otra tarjeta.",
        "El código de seguridad no es correcto. Revísalo e inténtalo de nuevo.",
        "No se pudo procesar el pago. Inténtalo de nuevo en un momento.",
    ],
    too_many_requests: "Demasiados intentos. Espera un minuto y vuelve a intentarlo.",
    pay_network_error: "Se cortó la conexión. Inténtalo de nuevo: no se te cobrará dos veces.",
    loading: "Cargando tu pago…",
    expired: [
        "Este enlace de pago ha caducado",
        "Pide uno nuevo al comercio.",
    ],
    paid: [
        "Esta factura ya está pagada",
        "No hay nada más que hacer. ¡Gracias!",
    ],
    canceled: ["Este pago se ha cancelado", "No se ha cobrado nada."],
    not_found: ["Pago no encontrado", "Revisa el enlace que recibiste."],
    network_error: [
        "No se puede conectar con el servidor de pagos",
        "Revisa tu conexión y vuelve a intentarlo.",
    ],
    failed: [
        "No se pudo completar este pago",
        "No se ha cobrado nada. Contacta con el comercio para pagar de otra forma.",
    ],
    pending: [
        "Tu pago se está procesando",
        "El comercio te avisará cuando responda tu banco.",
    ],
    redirecting: ["Pago recibido", "Volviendo a {merchant}…"],
    retry: "Reintentar",
    secured_by: "Pago seguro con Kassa",
    save_card_optional: "Guardar esta tarjeta para futuros pagos a {merchant}",
    save_card_required: "Esta tarjeta se guardará para futuros pagos a {merchant}.",
    save_card_terms: "{merchant} podrá usarla para cobrarte más adelante, según lo acordado contigo. Puedes pedir a {merchant} que la elimine en cualquier momento.",
    saved_cards: "Pagar con",
    saved_card_expires: "válida hasta {date}",
    saved_card_expired: "caducada",
    new_card: "Una tarjeta nueva",
    saved_card_errors: [
        "Esta tarjeta guardada ha caducado. Elige otra tarjeta.",
        "Esta tarjeta guardada ya no está disponible. Elige otra tarjeta.",
    ],
    challenge: [
        "Confirma con tu banco",
        "Tu banco te pide que confirmes este pago. Sigue los pasos de abajo.",
        "Confirmación de tu banco",
        "Cerrar y volver",
        "La comprobación de tu banco caducó y no se te cobró nada. Paga de nuevo para reintentarlo.",
        "No se completó la autenticación con tu banco. Inténtalo de nuevo o usa otra tarjeta.",
        "Este pago requiere la autenticación de tu banco, que no está disponible ahora. Prueba con otra tarjeta.",
    ],
    credit: [
        "{n} pagos a crédito con el emisor de tu tarjeta",
        "El emisor de tu tarjeta paga a {merchant} ahora y tú le devuelves el importe cada mes, según sus condiciones.",
        "Comisión del crédito: {fee}",
    ],
    surcharge: "{merchant} añade un recargo por tarjeta de crédito de {amount}, incluido en el total.",
};

const DE: Texts = Texts {
    title: "{merchant} bezahlen",
    expires_in: "Läuft ab in {time}",
    email: "E-Mail",
    card_name: "Name auf der Karte",
    card_number: "Kartennummer",
    expiry: "Ablaufdatum",
    expiry_hint: "MM / JJ",
    cvv_hint_back: "{n} Ziffern auf der Kartenrückseite",
    cvv_hint_front: "{n} Ziffern auf der Kartenvorderseite",
    holder_id: "Ausweisnummer",
    holder_id_hint: "9 Ziffern, wie auf dem Ausweis",
    network: "Bezahlen mit",
    billing_address: "Rechnungsadresse",
    country: "Land oder Region",
    line1: "Adresse",
    line2: "Wohnung, Etage usw.",
    city: "Stadt",
    region: "Bundesland oder Region",
    choose: "Auswählen…",
    postal: [
        "Postleitzahl",
        "ZIP-Code",
        "Postleitzahl",
        "PIN-Code",
        "CEP",
        "Eircode",
    ],
    phone: "Telefon",
    optional: "optional",
    installments: "Zahlungen",
    pay_in_full: "Einmalzahlung: {amount}",
    equal_payments: "{n} Zahlungen zu je {amount}",
    adjusted_payments: "{n} Zahlungen: {first}, dann {rest} × {other}",
    pay: "{amount} bezahlen",
    processing: "Wird verarbeitet…",
    cancel: "Abbrechen und zurück zu {merchant}",
    declined: "Zahlung abgelehnt",
    attempts_left: "Verbleibende Versuche: {n}",
    decline_reasons: [
        "Ihre Bank hat die Zahlung abgelehnt: Deckung nicht ausreichend. Versuchen Sie eine andere Karte.",
        "Ihre Bank hat die Zahlung abgelehnt. Versuchen Sie eine andere Karte oder wenden Sie sich an Ihre Bank.",
        "Diese Karte kann nicht verwendet werden. Wenden Sie sich an Ihre Bank.",
        "Diese Karte ist abgelaufen. Versuchen Sie eine andere Karte.",
        "Die Prüfnummer ist falsch. Prüfen Sie sie und versuchen Sie es erneut.",
        "Die Zahlung konnte nicht verarbeitet werden. Versuchen Sie es gleich noch einmal.",
    ],
    too_many_requests: "Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es dann erneut.",
    pay_network_error: "Die Verbindung wurde unterbrochen. Versuchen Sie es erneut: Sie werden nicht doppelt belastet.",
    loading: "Ihre Zahlung wird geladen…",
    expired: [
        "Dieser Zahlungslink ist abgelaufen",
        "Bitten Sie den Händler um einen neuen.",
    ],
    paid: [
        "Diese Rechnung ist bereits bezahlt",
        "Es ist nichts weiter zu tun. Vielen Dank!",
    ],
    canceled: [
        "Diese Zahlung wurde abgebrochen",
        "Es wurde nichts belastet.",
    ],
    not_found: [
        "Zahlung nicht gefunden",
        "Prüfen Sie den Link, den Sie erhalten haben.",
    ],
    network_error: [
        "Der Zahlungsserver ist nicht erreichbar",
        "Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    ],
    failed: [
        "Diese Zahlung konnte nicht abgeschlossen werden",
        "Es wurde nichts belastet. Wenden Sie sich an den Händler, um anders zu bezahlen.",
    ],
    pending: [
        "Ihre Zahlung wird bearbeitet",
        "Der Händler meldet sich, sobald Ihre Bank geantwortet hat.",
    ],
    redirecting: ["Zahlung erhalten", "Zurück zu {merchant}…"],
    retry: "Erneut versuchen",
    secured_by: "Sichere Zahlung mit Kassa",
    save_card_optional: "Diese Karte für künftige Zahlungen an {merchant} speichern",
    save_card_required: "Diese Karte wird für künftige Zahlungen an {merchant} gespeichert.",
    save_card_terms: "{merchant} darf sie später wie mit Ihnen vereinbart belasten. Sie können {merchant} jederzeit bitten, sie zu löschen.",
    saved_cards: "Bezahlen mit",
    saved_card_expires: "gültig bis {date}",
    saved_card_expired: "abgelaufen",
    new_card: "Eine neue Karte",
    saved_card_errors: [
        "Diese gespeicherte Karte ist abgelaufen. Wählen Sie eine andere Karte.",
        "Diese gespeicherte Karte ist nicht mehr verfügbar. Wählen Sie eine andere Karte.",
    ],
    challenge: [
        "Bei Ihrer Bank bestätigen",
        "Ihre Bank bittet Sie, diese Zahlung zu bestätigen. Folgen Sie den Schritten unten.",
        "Bestätigung Ihrer Bank",
        "Schließen und zurück",
        "Die Prüfung Ihrer Bank ist abgelaufen, es wurde nichts abgebucht. Zahlen Sie erneut, um es noch einmal zu versuchen.",
        "Die Bestätigung bei Ihrer Bank wurde nicht abgeschlossen. Bitte versuchen Sie es erneut oder nutzen Sie eine andere Karte.",
        "Diese Zahlung erfordert eine Bestätigung durch Ihre Bank, die gerade nicht verfügbar ist. Bitte versuchen Sie es mit einer anderen Karte.",
    ],
    credit: [
        "{n} Raten als Kredit Ihres Kartenherausgebers",
        "Ihr Kartenherausgeber bezahlt {merchant} jetzt, und Sie zahlen ihm den Betrag monatlich zu seinen Bedingungen zurück.",
        "Kreditgebühr: {fee}",
    ],
    surcharge: "{merchant} erhebt einen Kreditkartenaufschlag von {amount}, im Gesamtbetrag enthalten.",
};

/// The version of the saved-card consent wording (`Texts::save_card_*`),
/// recorded with each consent so the words a shopper agreed to can be
/// shown later. Change it whenever those words change in any language.
pub const CARD_CONSENT_VERSION: &str = "2026-12-07";

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Lang; 5] = [Lang::En, Lang::Fr, Lang::He, Lang::Es, Lang::De];

    #[test]
    fn every_template_keeps_its_placeholders_in_every_language() {
        for lang in ALL {
            let texts = lang.texts();
            for (template, names) in [
                (texts.title, &["{merchant}"][..]),
                (texts.pay, &["{amount}"]),
                (texts.cancel, &["{merchant}"]),
                (texts.expires_in, &["{time}"]),
                (
                    texts.adjusted_payments,
                    &["{n}", "{first}", "{rest}", "{other}"],
                ),
                (texts.equal_payments, &["{n}", "{amount}"]),
                (texts.attempts_left, &["{n}"]),
                (texts.redirecting[1], &["{merchant}"]),
                (texts.save_card_optional, &["{merchant}"]),
                (texts.save_card_required, &["{merchant}"]),
                (texts.save_card_terms, &["{merchant}"]),
                (texts.saved_card_expires, &["{date}"]),
                (texts.credit[0], &["{n}"]),
                (texts.credit[1], &["{merchant}"]),
                (texts.credit[2], &["{fee}"]),
                (texts.surcharge, &["{amount}", "{merchant}"]),
            ] {
                for name in names {
                    assert!(template.contains(name), "{lang:?}: {template} lacks {name}");
                }
            }
        }
    }

    #[test]
    fn other_languages_translate_the_pay_button_and_screens() {
        for lang in [Lang::Fr, Lang::He, Lang::Es, Lang::De] {
            let texts = lang.texts();
            assert_ne!(texts.card_number, EN.card_number, "{lang:?}");
            assert_ne!(texts.expired[0], EN.expired[0], "{lang:?}");
            assert_ne!(texts.decline_reasons, EN.decline_reasons, "{lang:?}");
            assert_ne!(texts.save_card_optional, EN.save_card_optional, "{lang:?}");
            assert_ne!(texts.save_card_terms, EN.save_card_terms, "{lang:?}");
            assert_ne!(texts.challenge, EN.challenge, "{lang:?}");
            assert_ne!(texts.credit, EN.credit, "{lang:?}");
            assert_ne!(texts.surcharge, EN.surcharge, "{lang:?}");
        }
    }

    #[test]
    fn every_language_survives_the_trip_through_the_page() {
        for lang in ALL {
            let json = page_words_json(lang);
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value["lang"], lang.tag());
            let texts: Vec<&'static str> = value["texts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|text| &*text.as_str().unwrap().to_owned().leak())
                .collect();
            assert_eq!(texts.len(), Texts::LEN);
            assert_eq!(Texts::from_list(texts.into_iter()), *lang.texts());
            let messages = value["messages"].as_array().unwrap();
            assert_eq!(messages.len(), ErrorCode::ALL.len());
            assert_eq!(messages[0], ErrorCode::ALL[0].message(lang.card_locale()));
        }
        assert!(
            !page_words_json(Lang::Fr).contains("</"),
            "no way out of the script element"
        );
    }

    #[test]
    fn the_page_language_follows_the_address_then_the_invoice_then_the_browser() {
        assert_eq!(
            Lang::choose(Some("he"), &accept_language("fr-CH, fr;q=0.9, en;q=0.8")),
            Lang::He
        );
        assert_eq!(
            Lang::choose(None, &accept_language("pt-BR,de;q=0.9")),
            Lang::De
        );
        assert_eq!(Lang::choose(None, &accept_language("")), Lang::En);
        assert_eq!(
            accept_language("fr-CH, fr;q=0.9,*;q=0.5"),
            ["fr-CH", "fr", "*"]
        );
    }
}
