//! The dashboard's calls to kassa-server, through gloo-net, with the
//! kassa-api types the server itself serializes.
//!
//! The session is an HttpOnly cookie the app never sees; every request that
//! changes something sends the session's CSRF token, kept here in memory.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use kassa_api::{
    ApiKeyList, AuditList, ChangePasswordRequest, ConfirmPasswordRequest, CreateRefundRequest,
    ErrorBody, EventList, EventView, InviteUserRequest, InvoiceList, InvoiceResponse,
    InvoiceTimeline, MerchantSettings, NewApiKey, NewCallbackSecret, NewUser, Overview, RefundList,
    RefundResponse, RollApiKeyRequest, SessionView, SignInRequest, TeamList, TotpConfirmRequest,
    TotpSetup,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

thread_local! {
    static CSRF: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Why a call did not produce the answer asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// No answer (offline, a dropped connection) or one that did not parse.
    Network,
    /// The server answered with an error body.
    Refused {
        /// HTTP status.
        status: u16,
        /// The error.
        body: ErrorBody,
    },
}

impl Failure {
    /// The error's stable code (`auth.totp_required`), when the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Failure::Refused { body, .. } => Some(&body.error.code),
            Failure::Network => None,
        }
    }

    /// What to show: the server's message, or `network` when none came.
    pub fn message(&self, network: &str) -> String {
        match self {
            Failure::Refused { body, .. } => body.error.message.clone(),
            Failure::Network => network.to_owned(),
        }
    }

    /// Whether the session is gone (401): the app shows sign-in.
    pub fn signed_out(&self) -> bool {
        matches!(self, Failure::Refused { status: 401, .. })
    }
}

/// Remembers the session's CSRF token for the requests that change things.
pub fn remember_session(session: &SessionView) {
    CSRF.with_borrow_mut(|token| token.clone_from(&session.csrf_token));
}

/// Forgets the CSRF token (signed out).
pub fn forget_session() {
    CSRF.with_borrow_mut(String::clear);
}

const BASE: &str = "/api/v1";

/// `GET /api/v1/dashboard/session`.
///
/// # Errors
/// [`Failure`]: 401 when nobody is signed in.
pub async fn session() -> Result<SessionView, Failure> {
    let session: SessionView = get("/dashboard/session").await?;
    remember_session(&session);
    Ok(session)
}

/// `POST /api/v1/dashboard/session`.
///
/// # Errors
/// [`Failure`]: `auth.invalid_credentials`, `auth.totp_required`,
/// `auth.invalid_code`, `auth.locked`.
pub async fn sign_in(request: &SignInRequest) -> Result<SessionView, Failure> {
    let session: SessionView = send(Request::post(&url("/dashboard/session")), request).await?;
    remember_session(&session);
    Ok(session)
}

/// `DELETE /api/v1/dashboard/session`.
///
/// # Errors
/// [`Failure`] when the server did not answer.
pub async fn sign_out() -> Result<(), Failure> {
    let result = send_empty(Request::delete(&url("/dashboard/session"))).await;
    forget_session();
    result
}

/// `GET /api/v1/dashboard/overview?currency=`.
///
/// # Errors
/// [`Failure`].
pub async fn overview(currency: &str) -> Result<Overview, Failure> {
    get(&["/dashboard/overview?currency=", &encode(currency)].concat()).await
}

/// `GET /api/v1/invoices?…`: `query` is the filters' pairs (empty values
/// are left out).
///
/// # Errors
/// [`Failure`].
pub async fn invoices(query: &[(&str, String)]) -> Result<InvoiceList, Failure> {
    get(&["/invoices", &query_string(query)].concat()).await
}

/// `GET /api/v1/invoices/{id}`.
///
/// # Errors
/// [`Failure`].
pub async fn invoice(id: &str) -> Result<InvoiceResponse, Failure> {
    get(&["/invoices/", &encode(id)].concat()).await
}

/// `GET /api/v1/invoices/{id}/refunds`.
///
/// # Errors
/// [`Failure`].
pub async fn refunds(id: &str) -> Result<RefundList, Failure> {
    get(&["/invoices/", &encode(id), "/refunds"].concat()).await
}

/// `GET /api/v1/invoices/{id}/timeline`.
///
/// # Errors
/// [`Failure`].
pub async fn timeline(id: &str) -> Result<InvoiceTimeline, Failure> {
    get(&["/invoices/", &encode(id), "/timeline"].concat()).await
}

/// `POST /api/v1/invoices/{id}/refunds` with a fresh idempotency key;
/// `amount: None` refunds what remains.
///
/// # Errors
/// [`Failure`].
pub async fn refund(id: &str, amount: Option<&str>) -> Result<RefundResponse, Failure> {
    let request = CreateRefundRequest {
        amount: amount.and_then(|amount| serde_json::value::to_raw_value(amount).ok()),
    };
    let builder = Request::post(&url(&["/invoices/", &encode(id), "/refunds"].concat()))
        .header("Idempotency-Key", &crate::browser::random_key());
    send(builder, &request).await
}

/// An action on an invoice: `cancel`, `capture` or `void`, with an amount
/// for a partial capture.
///
/// # Errors
/// [`Failure`].
pub async fn invoice_action(
    id: &str,
    action: &str,
    amount: Option<&str>,
) -> Result<InvoiceResponse, Failure> {
    let mut body = serde_json::Map::new();
    if let Some(amount) = amount {
        body.insert("amount".into(), amount.into());
    }
    let builder = Request::post(&url(&["/invoices/", &encode(id), "/", action].concat()));
    send(builder, &body).await
}

/// `POST /api/v1/events/{id}/redeliver`.
///
/// # Errors
/// [`Failure`].
pub async fn redeliver(event_id: &str) -> Result<EventView, Failure> {
    let builder = Request::post(&url(&["/events/", &encode(event_id), "/redeliver"].concat()));
    send(builder, &serde_json::Map::new()).await
}

/// Where `GET /api/v1/invoices/export.csv` with `filters` is: a plain link
/// the browser downloads with the session's cookie.
///
/// ```
/// let url = kassa_dashboard::api::export_url(&[("status", "paid".into()), ("last4", String::new())]);
/// assert_eq!(url, "/api/v1/invoices/export.csv?status=paid");
/// ```
pub fn export_url(filters: &[(&str, String)]) -> String {
    [&url("/invoices/export.csv"), query_string(filters).as_str()].concat()
}

/// `GET /api/v1/events?undelivered=true`: callbacks the merchant's endpoint
/// has not taken yet (still retrying, or given up), newest first.
///
/// # Errors
/// [`Failure`].
pub async fn undelivered_events(cursor: Option<&str>) -> Result<EventList, Failure> {
    let mut query = vec![
        ("undelivered", "true".to_owned()),
        ("limit", "20".to_owned()),
    ];
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor.to_owned()));
    }
    get(&["/events", &query_string(&query)].concat()).await
}

/// `GET /api/v1/api-keys`.
///
/// # Errors
/// [`Failure`].
pub async fn api_keys() -> Result<ApiKeyList, Failure> {
    get("/api-keys").await
}

/// `POST /api/v1/api-keys`.
///
/// # Errors
/// [`Failure`].
pub async fn create_api_key() -> Result<NewApiKey, Failure> {
    send(Request::post(&url("/api-keys")), &serde_json::Map::new()).await
}

/// `POST /api/v1/api-keys/{id}/roll`.
///
/// # Errors
/// [`Failure`].
pub async fn roll_api_key(id: &str, grace_hours: u32) -> Result<NewApiKey, Failure> {
    let builder = Request::post(&url(&["/api-keys/", &encode(id), "/roll"].concat()));
    send(builder, &RollApiKeyRequest { grace_hours }).await
}

/// `DELETE /api/v1/api-keys/{id}`.
///
/// # Errors
/// [`Failure`].
pub async fn revoke_api_key(id: &str) -> Result<(), Failure> {
    send_empty(Request::delete(&url(&["/api-keys/", &encode(id)].concat()))).await
}

/// `GET /api/v1/merchant/settings`.
///
/// # Errors
/// [`Failure`].
pub async fn settings() -> Result<MerchantSettings, Failure> {
    get("/merchant/settings").await
}

/// `PATCH /api/v1/merchant/settings` with only what changed.
///
/// # Errors
/// [`Failure`]: field errors as 400.
pub async fn save_settings(changes: &MerchantSettings) -> Result<MerchantSettings, Failure> {
    send(Request::patch(&url("/merchant/settings")), changes).await
}

/// `POST /api/v1/merchant/test-callback`.
///
/// # Errors
/// [`Failure`].
pub async fn test_callback() -> Result<EventView, Failure> {
    send(
        Request::post(&url("/merchant/test-callback")),
        &serde_json::Map::new(),
    )
    .await
}

/// `POST /api/v1/merchant/callback-secret/roll`: a new signing secret for
/// callbacks; the old one keeps signing for `grace_hours`.
///
/// # Errors
/// [`Failure`].
pub async fn roll_callback_secret(grace_hours: u32) -> Result<NewCallbackSecret, Failure> {
    send(
        Request::post(&url("/merchant/callback-secret/roll")),
        &RollApiKeyRequest { grace_hours },
    )
    .await
}

/// `GET /api/v1/dashboard/users`.
///
/// # Errors
/// [`Failure`].
pub async fn team() -> Result<TeamList, Failure> {
    get("/dashboard/users").await
}

/// `POST /api/v1/dashboard/users`: the new user with their one-time password.
///
/// # Errors
/// [`Failure`]: field errors as 400, an email already in use as 409.
pub async fn invite_user(request: &InviteUserRequest) -> Result<NewUser, Failure> {
    send(Request::post(&url("/dashboard/users")), request).await
}

/// `DELETE /api/v1/dashboard/users/{id}`.
///
/// # Errors
/// [`Failure`]: 409 `user.self` for the signed-in user.
pub async fn remove_user(id: &str) -> Result<(), Failure> {
    send_empty(Request::delete(&url(
        &["/dashboard/users/", &encode(id)].concat()
    )))
    .await
}

/// `POST /api/v1/dashboard/password` (204).
///
/// # Errors
/// [`Failure`]: 401 `auth.invalid_credentials` when the current password is
/// wrong (the session stays), 400 `password.too_short`.
pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), Failure> {
    send_for_nothing(Request::post(&url("/dashboard/password")), request).await
}

/// `POST /api/v1/dashboard/totp/setup`: a new authenticator secret and its
/// QR code, after the password.
///
/// # Errors
/// [`Failure`]: 401 `auth.invalid_credentials` (the session stays), 409
/// `totp.already_on`.
pub async fn totp_setup(request: &ConfirmPasswordRequest) -> Result<TotpSetup, Failure> {
    send(Request::post(&url("/dashboard/totp/setup")), request).await
}

/// `POST /api/v1/dashboard/totp/confirm` (204): the app's code turns the
/// second factor on.
///
/// # Errors
/// [`Failure`]: 400 `totp.invalid_code`, 409 `totp.not_started`.
pub async fn totp_confirm(request: &TotpConfirmRequest) -> Result<(), Failure> {
    send_for_nothing(Request::post(&url("/dashboard/totp/confirm")), request).await
}

/// `POST /api/v1/dashboard/totp/off` (204), after the password.
///
/// # Errors
/// [`Failure`]: 401 `auth.invalid_credentials` (the session stays).
pub async fn totp_off(request: &ConfirmPasswordRequest) -> Result<(), Failure> {
    send_for_nothing(Request::post(&url("/dashboard/totp/off")), request).await
}

/// `GET /api/v1/dashboard/audit?cursor=`.
///
/// # Errors
/// [`Failure`].
pub async fn audit(cursor: Option<&str>) -> Result<AuditList, Failure> {
    let query = cursor.map(|cursor| vec![("cursor", cursor.to_owned())]);
    get(&[
        "/dashboard/audit",
        &query_string(&query.unwrap_or_default()),
    ]
    .concat())
    .await
}

fn url(path: &str) -> String {
    [BASE, path].concat()
}

/// `?a=1&b=2` of the pairs with a value, percent-encoded; empty when none.
///
/// ```
/// use kassa_dashboard::api::query_string;
/// assert_eq!(query_string(&[("email", "a+b@x.example".into()), ("last4", String::new())]), "?email=a%2Bb%40x.example");
/// assert_eq!(query_string(&[]), "");
/// ```
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut text = String::new();
    for (name, value) in pairs {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        text.push(if text.is_empty() { '?' } else { '&' });
        text.push_str(name);
        text.push('=');
        text.push_str(&encode(value));
    }
    text
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            encoded.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
    encoded
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Failure> {
    let response = Request::get(&url(path))
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    read(response).await
}

/// Sends `body` as JSON with the CSRF token.
async fn send<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> Result<T, Failure> {
    let json = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    let response = with_csrf(builder)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(json)
        .map_err(|_| Failure::Network)?
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    read(response).await
}

/// Sends `body` as JSON with the CSRF token, for a change answered 204.
async fn send_for_nothing<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<(), Failure> {
    let json = serde_json::to_string(body).map_err(|_| Failure::Network)?;
    let builder = with_csrf(builder)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(json)
        .map_err(|_| Failure::Network)?;
    let response = builder.send().await.map_err(|_| Failure::Network)?;
    if response.ok() {
        return Ok(());
    }
    Err(refused(response).await)
}

/// Sends a body-less change (a `DELETE`) with the CSRF token; 204 is success.
async fn send_empty(builder: RequestBuilder) -> Result<(), Failure> {
    let response = with_csrf(builder)
        .send()
        .await
        .map_err(|_| Failure::Network)?;
    if response.ok() {
        return Ok(());
    }
    Err(refused(response).await)
}

fn with_csrf(builder: RequestBuilder) -> RequestBuilder {
    let token = CSRF.with_borrow(Clone::clone);
    if token.is_empty() {
        // Signing in: no session yet, so no token to send.
        return builder;
    }
    builder.header("X-CSRF-Token", &token)
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, Failure> {
    if !response.ok() {
        return Err(refused(response).await);
    }
    let text = response.text().await.map_err(|_| Failure::Network)?;
    serde_json::from_str(&text).map_err(|_| Failure::Network)
}

async fn refused(response: Response) -> Failure {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|_| ErrorBody::new("http.status", &format!("HTTP {status}"), None));
    Failure::Refused { status, body }
}
