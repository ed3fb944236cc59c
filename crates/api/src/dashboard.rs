//! What the merchant dashboard and the server exchange: sign-in, the
//! session, API keys, settings, an invoice's timeline, the overview and the
//! audit log. Every other screen reads the merchant API's own types.
//!
//! ```
//! use kassa_api::SignInRequest;
//! let request: SignInRequest = serde_json::from_str(r#"{"email": "ada@shop.example", "password": "correct horse"}"#).unwrap();
//! assert!(!format!("{request:?}").contains("correct horse"));
//! ```

use serde::{Deserialize, Serialize};

use crate::{Appearance, EventView};

/// `POST /api/v1/dashboard/session`: an email and password, and the
/// authenticator's code when the user turned the second factor on.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    /// The user's email.
    pub email: String,
    /// The user's password.
    pub password: String,
    /// The six digits of the user's authenticator app, when it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl core::fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SignInRequest")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// A dashboard user.
///
/// ```
/// use kassa_api::UserView;
/// let user = UserView { id: "usr_1".into(), email: "ada@shop.example".into(), role: "owner".into(), totp: false };
/// assert!(user.is_owner());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    /// `usr_` and 32 hex digits.
    pub id: String,
    /// Their email.
    pub email: String,
    /// `owner` (keys, users and settings too) or `staff` (view and refund).
    pub role: String,
    /// Whether sign-in asks for an authenticator code.
    pub totp: bool,
}

impl UserView {
    /// Whether the user may manage keys, users and settings.
    pub fn is_owner(&self) -> bool {
        self.role == "owner"
    }
}

/// The signed-in user's session: who, for which merchant, and the token
/// every change must send back in `X-CSRF-Token`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionView {
    /// The user.
    pub user: UserView,
    /// The merchant they work for.
    pub merchant: MerchantSummary,
    /// Send as `X-CSRF-Token` with every request that changes something.
    pub csrf_token: String,
    /// RFC 3339 time the session ends unless used (it slides).
    pub expires_at: String,
}

/// The merchant, as the dashboard's header shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MerchantSummary {
    /// `mer_…`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether its payments go to Kassa's test processor (no real money).
    pub test_mode: bool,
    /// The currency the overview counts in (the first the merchant accepts).
    pub default_currency: String,
}

/// One API key, never its secret (shown once, when made).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyView {
    /// `key_` and 32 hex digits.
    pub id: String,
    /// The key's first characters (`sk_1a2b3c`), to tell keys apart.
    pub prefix: String,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// RFC 3339 time of its last use (to the minute), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
    /// RFC 3339 time it stops working: set when revoked, or rolled with a
    /// grace period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
}

/// `GET /api/v1/api-keys`: the merchant's working keys, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyList {
    /// The keys.
    pub data: Vec<ApiKeyView>,
}

/// A new key (made or rolled): its secret, this once.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApiKey {
    /// The key.
    pub key: ApiKeyView,
    /// The secret to put in `API-KEY`; Kassa keeps only its hash.
    pub secret: String,
}

impl core::fmt::Debug for NewApiKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NewApiKey")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/api-keys/{id}/roll`: a new key now; the old one keeps
/// working for `grace_hours` (0, the default: stops at once).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RollApiKeyRequest {
    /// Hours the old key keeps working, 0 to 168.
    #[serde(default)]
    pub grace_hours: u32,
}

/// The merchant's settings: `GET` and `PATCH /api/v1/merchant/settings`
/// (a `PATCH` sends only what changes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MerchantSettings {
    /// The name shoppers see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The checkout's accent colour and logo (`accent_color: ""` or `logo:
    /// ""` in a `PATCH` goes back to Kassa's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
    /// Where callbacks go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// The sites that may embed the checkout (`https://shop.example`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embed_origins: Option<Vec<String>>,
    /// The currencies invoices may be in; the first is the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currencies: Option<Vec<String>>,
    /// How many times a shopper may try to pay one invoice, 1 to 10 (for
    /// invoices made from then on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_attempts: Option<u32>,
    /// How long an invoice can be paid when it names no `expires_in`, in
    /// minutes: 1 to 43,200 (30 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_lifetime_minutes: Option<u32>,
}

/// One try at delivering a callback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryAttemptView {
    /// RFC 3339 time of the try.
    pub attempted_at: String,
    /// The merchant's HTTP status, when it answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// What went wrong, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// How long the try took.
    pub duration_ms: u64,
}

/// An event of the invoice with every try at delivering it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    /// The event (with its next retry, if any).
    pub event: EventView,
    /// Its deliveries, oldest first.
    pub deliveries: Vec<DeliveryAttemptView>,
}

/// One payment attempt on an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentAttemptView {
    /// 1 for the first.
    pub attempt: u32,
    /// RFC 3339.
    pub at: String,
    /// `approved`, `declined` or `pending`.
    pub outcome: String,
    /// The decline code (`insufficient_funds`), when declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_code: Option<String>,
}

/// `GET /api/v1/invoices/{id}/timeline`: the invoice's events, oldest
/// first, each with its callback deliveries.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceTimeline {
    /// The events.
    pub data: Vec<TimelineEvent>,
    /// The signed URL the checkout sent the shopper back to (the merchant's
    /// success, pending, failure or cancel URL with `invoice_id`, `status`
    /// and `signature`), once it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Every payment attempt, oldest first, with why each declined one was.
    #[serde(default)]
    pub attempts: Vec<PaymentAttemptView>,
}

/// Payments over a stretch of time, in one currency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolumeFigures {
    /// What paid invoices brought in (`"1520.00"`).
    pub volume: String,
    /// Paid invoices (authorized ones included).
    pub paid: u64,
    /// Payment attempts declined.
    pub declined: u64,
    /// Paid per attempted payment, 0 to 1 (0 with no attempt).
    pub success_rate: f64,
}

/// One day of the overview's chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayVolume {
    /// `2026-12-07` (UTC).
    pub date: String,
    /// What paid invoices brought in, in minor units.
    pub volume_minor: i64,
    /// Paid invoices.
    pub paid: u64,
}

/// Declines of one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclineCount {
    /// The decline code (`insufficient_funds`).
    pub reason: String,
    /// How many attempts it ended.
    pub count: u64,
}

/// `GET /api/v1/dashboard/overview?currency=`: today, this month, the last
/// 30 days (UTC) and declines by reason over them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    /// The currency counted.
    pub currency: String,
    /// Since midnight UTC.
    pub today: VolumeFigures,
    /// Since the first of the month (UTC).
    pub month: VolumeFigures,
    /// The last 30 days, oldest first, every day present.
    pub days: Vec<DayVolume>,
    /// Declines over the last 30 days, most frequent first.
    pub declines: Vec<DeclineCount>,
}

/// One thing a dashboard user did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// `aud_` and 32 hex digits.
    pub id: String,
    /// RFC 3339 time.
    pub at: String,
    /// Who (their email at the time; `null` for a failed sign-in to an
    /// unknown email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    /// What: `session.signed_in`, `session.sign_in_failed`, `refund.created`, …
    pub action: String,
    /// What it was done to (`inv_…`, `key_…`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The client's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
}

/// `GET /api/v1/dashboard/audit`: newest first (owners only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditList {
    /// The entries on this page.
    pub data: Vec<AuditEntry>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A user of the account, as owners see them in the team list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    /// The user.
    pub user: UserView,
    /// RFC 3339 time they were added.
    pub created_at: String,
}

/// `GET /api/v1/dashboard/users`: the account's users, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamList {
    /// The users.
    pub data: Vec<TeamMember>,
}

/// `POST /api/v1/dashboard/users`: an owner adds a user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteUserRequest {
    /// Their email.
    pub email: String,
    /// `owner` or `staff`.
    pub role: String,
}

/// A user just added, with the one-time password to hand them (shown once;
/// they change it under Account).
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUser {
    /// The user.
    pub user: UserView,
    /// Their first password.
    pub password: String,
}

impl core::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NewUser")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/dashboard/password`: the signed-in user changes their
/// password (their other sessions end).
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The password now.
    pub current_password: String,
    /// The new one: 12 characters or more.
    pub new_password: String,
}

impl core::fmt::Debug for ChangePasswordRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ChangePasswordRequest")
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/dashboard/totp/setup` and `…/totp/off`: the signed-in
/// user's password, asked again before the second factor changes (a
/// session left open must not be enough to replace or drop it).
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmPasswordRequest {
    /// The password now.
    pub current_password: String,
}

impl core::fmt::Debug for ConfirmPasswordRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ConfirmPasswordRequest")
            .finish_non_exhaustive()
    }
}

/// A QR code as one SVG path of unit squares, `size` modules a side (the
/// quiet zone around it is the drawer's): the dashboard draws it without a
/// picture file or a script from elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QrPath {
    /// Modules per side (21 to 177).
    pub size: u32,
    /// The dark modules as an SVG path (`M0 0h7v1h-7z…`).
    pub path: String,
}

/// `POST /api/v1/dashboard/totp/setup`: a new authenticator secret for the
/// signed-in user, shown once. Sign-in asks for codes only once one of
/// them is confirmed (`POST /api/v1/dashboard/totp/confirm`).
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotpSetup {
    /// The secret in base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://totp/…` address the QR code holds.
    pub uri: String,
    /// The QR code of `uri`.
    pub qr: QrPath,
}

impl core::fmt::Debug for TotpSetup {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TotpSetup").finish_non_exhaustive()
    }
}

/// `POST /api/v1/dashboard/totp/confirm`: a code from the authenticator
/// just set up, which turns the second factor on.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TotpConfirmRequest {
    /// Six digits.
    pub code: String,
}

impl core::fmt::Debug for TotpConfirmRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TotpConfirmRequest").finish_non_exhaustive()
    }
}

/// `POST /api/v1/merchant/callback-secret/roll`: a new callback signing
/// secret; during the grace period callbacks carry a signature with each.
#[derive(Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCallbackSecret {
    /// The new secret (shown once).
    pub secret: String,
    /// RFC 3339 time the old secret stops signing, when there is a grace
    /// period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_expires_at: Option<String>,
}

impl core::fmt::Debug for NewCallbackSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NewCallbackSecret")
            .field("previous_expires_at", &self.previous_expires_at)
            .finish_non_exhaustive()
    }
}
