//! Signing in to the dashboard, and the session that follows.
//!
//! The session is a random token in an `HttpOnly`, `SameSite=Strict` cookie
//! (`Secure` when Kassa is served over HTTPS); the database keeps only its
//! SHA-256, so a copy of the database signs nobody in, and deleting the row
//! ends the session everywhere. Every request that changes something must
//! also send `X-CSRF-Token`, derived from the token: another site can make
//! the browser send the cookie (SameSite stops most of that) but can never
//! read the token to derive it.
//!
//! Five wrong passwords in a row lock the user for 15 minutes; an unknown
//! email takes as long to refuse as a wrong password.

use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use kassa_api::{ErrorBody, MerchantSummary, SessionView, SignInRequest, UserView};
use sha2::{Digest, Sha256};

use crate::clock::{now_ms, rfc3339};
use crate::error::ApiError;
use crate::secrets::hashes_match;
use crate::state::AppState;
use crate::store::{AuditRecord, MerchantRecord, UserRecord};

use super::audit::AuditActor;
use super::totp::SecondFactor;
use super::users::{normalize_email, verify};

/// The session cookie's name over plain HTTP (a developer's loopback).
pub const COOKIE: &str = "kassa_session";
/// Its name over HTTPS: the `__Host-` prefix makes browsers refuse one set
/// by a sibling subdomain or for another path, so nobody can plant theirs.
pub const SECURE_COOKIE: &str = "__Host-kassa_session";
/// The header every change must carry.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts without being used (it also ends
/// `store::SESSION_LIFETIME_MS` after sign-in, however used).
const SESSION_MS: i64 = 8 * 60 * 60 * 1000;
/// A session in use is extended at most this often (one write, not one a
/// request).
const EXTEND_EVERY_MS: i64 = 10 * 60 * 1000;
/// Wrong passwords in a row before the user is locked.
pub(crate) const LOCK_AFTER: i64 = 5;
/// How long a lock lasts.
pub(crate) const LOCK_MS: i64 = 15 * 60 * 1000;
/// Sign-in attempts one client address may make per minute, whatever the
/// email: the per-user lock stops guessing one password, this stops
/// guessing across many users.
pub const SIGN_INS_PER_MINUTE: u32 = 30;

/// A signed-in user, their merchant, and their session.
#[derive(Clone, Debug)]
pub struct SessionUser {
    /// The user.
    pub user: UserRecord,
    /// Their merchant.
    pub merchant: MerchantRecord,
    /// What the dashboard must send in `X-CSRF-Token`.
    pub csrf_token: String,
    /// Unix milliseconds.
    pub expires_at: i64,
    token_hash: String,
}

impl SessionUser {
    /// Whether they may manage keys, users and settings.
    pub fn is_owner(&self) -> bool {
        self.user.role == "owner"
    }

    /// The stored hash of this session's token.
    pub(crate) fn token_hash(&self) -> &str {
        &self.token_hash
    }
}

/// The token in the request's cookie named `name`, if any.
///
/// ```
/// use axum::http::HeaderMap;
/// use kassa_server::dashboard::session::session_token;
/// let mut headers = HeaderMap::new();
/// headers.insert("cookie", "theme=dark; kassa_session=abc123".parse().unwrap());
/// assert_eq!(session_token(&headers, "kassa_session"), Some("abc123"));
/// assert_eq!(session_token(&headers, "__Host-kassa_session"), None);
/// ```
pub fn session_token<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// Whether Kassa is reached over HTTPS (the cookie is then `Secure`).
fn served_securely(state: &AppState) -> bool {
    state.settings.tls_cert.is_some() || state.public_url.starts_with("https://")
}

/// The session cookie's name on this server.
fn cookie_name(state: &AppState) -> &'static str {
    if served_securely(state) {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The CSRF token of a session token: a hash only the holder of the
/// (HttpOnly) cookie can work out.
fn csrf_for(token: &str) -> String {
    sha256_hex(&format!("kassa-csrf:{token}"))
}

/// The session named by the request's cookie, when it has one that has not
/// ended; a session in use is extended.
///
/// # Errors
/// 401 `auth.session_ended` for a cookie naming no live session; 500 when
/// the store fails.
pub async fn current(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SessionUser>, ApiError> {
    let Some(token) = session_token(headers, cookie_name(state)) else {
        return Ok(None);
    };
    let token_hash = sha256_hex(token);
    let now = now_ms();
    let ended = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.session_ended",
            "Your session has ended. Sign in again.",
            None,
        )
    };
    let (user, mut expires_at) = state
        .store
        .session_user(&token_hash, now)
        .await?
        .ok_or_else(ended)?;
    let merchant = state
        .store
        .merchant(&user.merchant_id)
        .await?
        .ok_or_else(ended)?;
    if expires_at - now < SESSION_MS - EXTEND_EVERY_MS {
        expires_at = now + SESSION_MS;
        state.store.extend_session(&token_hash, expires_at).await?;
    }
    Ok(Some(SessionUser {
        user,
        merchant,
        csrf_token: csrf_for(token),
        expires_at,
        token_hash,
    }))
}

/// Checks a session may be used for this request: a change needs the CSRF
/// token. Then notes the user for the audit log.
///
/// # Errors
/// 403 `auth.csrf`.
pub fn admit(parts: &Parts, session: &SessionUser) -> Result<(), ApiError> {
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let sent = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        if !hashes_match(sent, &session.csrf_token) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth.csrf",
                "This change needs the session's X-CSRF-Token header. Reload the dashboard and try again.",
                None,
            ));
        }
    }
    if let Some(actor) = parts.extensions.get::<AuditActor>() {
        actor.set(&session.user);
    }
    Ok(())
}

/// The forbidden answer for a staff member asking for an owner's action.
pub fn owners_only() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "auth.forbidden_role",
        "Only an owner of this account may do this.",
        None,
    )
}

/// A request made in a dashboard session (any role).
#[derive(Clone, Debug)]
pub struct DashboardSession(pub SessionUser);

impl FromRequestParts<AppState> for DashboardSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session = current(state, &parts.headers).await?.ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "auth.no_session",
                "Sign in to the dashboard first.",
                None,
            )
        })?;
        admit(parts, &session)?;
        Ok(DashboardSession(session))
    }
}

/// A request made in an owner's dashboard session.
#[derive(Clone, Debug)]
pub struct OwnerSession(pub SessionUser);

impl FromRequestParts<AppState> for OwnerSession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let DashboardSession(session) = DashboardSession::from_request_parts(parts, state).await?;
        if session.is_owner() {
            Ok(OwnerSession(session))
        } else {
            Err(owners_only())
        }
    }
}

/// What the dashboard is told about its session.
async fn view(state: &AppState, session: &SessionUser) -> Result<SessionView, ApiError> {
    let test_mode = match &session.merchant.processor_config_id {
        None => true,
        Some(id) => state
            .store
            .processor_config(id)
            .await?
            .is_none_or(|config| config.processor == "test"),
    };
    Ok(SessionView {
        user: user_view(&session.user),
        merchant: MerchantSummary {
            id: session.merchant.id.clone(),
            name: session.merchant.name.clone(),
            test_mode,
            default_currency: session
                .merchant
                .currencies
                .first()
                .cloned()
                .unwrap_or_else(|| "EUR".to_owned()),
        },
        csrf_token: session.csrf_token.clone(),
        expires_at: rfc3339(session.expires_at),
    })
}

/// A user as the dashboard shows them.
pub fn user_view(user: &UserRecord) -> UserView {
    UserView {
        id: user.id.clone(),
        email: user.email.clone(),
        role: user.role.clone(),
        totp: user.totp_secret_sealed.is_some(),
    }
}

/// The session cookie's `Set-Cookie` value. It lives as long as a
/// session may ([`crate::store::SESSION_LIFETIME_MS`]); the
/// server ends it sooner when it is left idle.
fn cookie(state: &AppState, token: &str, max_age_seconds: i64) -> Result<HeaderValue, ApiError> {
    let secure = if served_securely(state) {
        "; Secure"
    } else {
        ""
    };
    let name = cookie_name(state);
    HeaderValue::from_str(&format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{secure}"
    ))
    .map_err(ApiError::internal)
}

/// The client's address, behind the operator's trusted proxies.
pub fn client_ip(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> std::net::IpAddr {
    crate::client_address::client_address(
        peer.ip(),
        headers,
        &state.settings.trusted_proxies,
        state.settings.forwarded_header,
    )
}

/// Writes an audit entry about `user`.
pub async fn audit(
    state: &AppState,
    user: &UserRecord,
    action: &str,
    target: Option<&str>,
    ip: Option<&str>,
) {
    let entry = AuditRecord {
        id: crate::ids::new_id("aud"),
        merchant_id: user.merchant_id.clone(),
        user_id: Some(user.id.clone()),
        user_email: Some(user.email.clone()),
        action: action.to_owned(),
        target: target.map(str::to_owned),
        ip: ip.map(str::to_owned),
        created_at: now_ms(),
    };
    if let Err(error) = state.store.add_audit(&entry).await {
        tracing::error!(%error, action, "audit entry not written");
    }
}

/// `POST /api/v1/dashboard/session`: signs in.
#[utoipa::path(
    post,
    path = "/api/v1/dashboard/session",
    tag = "dashboard",
    summary = "Sign in to the dashboard",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in: the session cookie is set.", body = SessionView,
            headers(("Set-Cookie" = String, description = "`kassa_session=…; HttpOnly; SameSite=Strict`"))),
        (status = 400, description = "Not a sign-in request.", body = ErrorBody),
        (status = 415, description = "Not sent as `application/json` (`request.content_type`).", body = ErrorBody),
        (status = 503, description = "Too many sign-ins at once (`auth.busy`).", body = ErrorBody),
        (status = 401, description = "Wrong email or password (`auth.invalid_credentials`); the authenticator code is needed (`auth.totp_required`), or wrong or used already (`auth.invalid_code`).", body = ErrorBody),
        (status = 429, description = "Five failed sign-ins (wrong passwords or codes) in a row: the user is locked for 15 minutes (`auth.locked`); or more than 30 attempts a minute from one address (`auth.rate_limited`).", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::response::Response, ApiError> {
    // JSON only: a form on another site cannot post JSON without a CORS
    // preflight, which Kassa never grants, so nobody can sign a browser in
    // to their own account behind its back.
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "request.content_type",
            "Send the sign-in as application/json.",
            None,
        ));
    }
    let request: SignInRequest = crate::extract::parse_json(&body)?;
    let client = client_ip(&state, peer, &headers);
    let ip = client.to_string();
    let now = now_ms();
    if !state.sign_in_limiter.allow(client, now) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "auth.rate_limited",
            "Too many sign-in attempts from this address. Wait a minute and try again.",
            None,
        ));
    }
    let invalid = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.invalid_credentials",
            "The email or password is not right.",
            None,
        )
    };
    let user = match normalize_email(&request.email) {
        Some(email) => state.store.user_by_email(&email).await?,
        None => None,
    };
    let Some(user) = user else {
        verify(None, request.password.clone()).await?;
        return Err(invalid());
    };
    // The attempt is counted before the password is checked: of guesses
    // sent at once, no more than the lock allows get through.
    let Some(attempts) = state
        .store
        .reserve_sign_in(&user.id, LOCK_AFTER, now)
        .await?
    else {
        let remaining = user
            .locked_until
            .filter(|until| *until > now)
            .map_or(LOCK_MS, |until| until - now);
        return Err(locked(remaining));
    };
    let password_right = verify(Some(user.password_hash.clone()), request.password.clone()).await?;
    let second_factor = if password_right {
        super::totp::check_sign_in(&state, &user, request.code.as_deref(), now).await?
    } else {
        SecondFactor::Wrong
    };
    match (password_right, second_factor) {
        (true, SecondFactor::Passed) => {}
        (true, SecondFactor::Missing) => {
            // Not a failure: the app asks for the code next.
            state.store.release_sign_in(&user.id).await?;
            return Err(super::totp::code_required());
        }
        (_, _) => {
            if attempts >= LOCK_AFTER {
                state.store.lock_user(&user.id, now + LOCK_MS).await?;
                audit(&state, &user, "session.locked", None, Some(&ip)).await;
                tracing::warn!(user_id = %user.id, "dashboard user locked after failed sign-ins");
                return Err(locked(LOCK_MS));
            }
            if password_right {
                audit(&state, &user, "session.code_failed", None, Some(&ip)).await;
                return Err(super::totp::wrong_code());
            }
            audit(&state, &user, "session.sign_in_failed", None, Some(&ip)).await;
            return Err(invalid());
        }
    }
    let token = crate::ids::random_hex(32);
    let expires_at = now + SESSION_MS;
    state
        .store
        .create_session(&sha256_hex(&token), &user.id, now, expires_at, Some(&ip))
        .await?;
    audit(&state, &user, "session.signed_in", None, Some(&ip)).await;
    tracing::info!(user_id = %user.id, "dashboard sign-in");
    let merchant = state
        .store
        .merchant(&user.merchant_id)
        .await?
        .ok_or_else(invalid)?;
    let session = SessionUser {
        user,
        merchant,
        csrf_token: csrf_for(&token),
        expires_at,
        token_hash: String::new(),
    };
    let body = view(&state, &session).await?;
    let set_cookie = cookie(&state, &token, crate::store::SESSION_LIFETIME_MS / 1000)?;
    Ok((
        AppendHeaders([(header::SET_COOKIE, set_cookie)]),
        Json(body),
    )
        .into_response())
}

/// The answer to a locked user.
pub(crate) fn locked(remaining_ms: i64) -> ApiError {
    let minutes = (remaining_ms + 59_999) / 60_000;
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "auth.locked",
        &format!("Too many wrong passwords. This user is locked; try again in {minutes} minutes."),
        None,
    )
}

/// `GET /api/v1/dashboard/session`: who is signed in.
#[utoipa::path(
    get,
    path = "/api/v1/dashboard/session",
    tag = "dashboard",
    summary = "The dashboard session",
    responses(
        (status = 200, description = "The session, with its CSRF token.", body = SessionView),
        (status = 401, description = "Not signed in (`auth.no_session`), or the session ended (`auth.session_ended`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn session_get(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
) -> Result<Json<SessionView>, ApiError> {
    Ok(Json(view(&state, &session).await?))
}

/// `DELETE /api/v1/dashboard/session`: signs out (the session ends
/// everywhere).
#[utoipa::path(
    delete,
    path = "/api/v1/dashboard/session",
    tag = "dashboard",
    summary = "Sign out of the dashboard",
    responses(
        (status = 204, description = "Signed out; the cookie is cleared."),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn sign_out(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
) -> Result<axum::response::Response, ApiError> {
    state.store.delete_session(&session.token_hash).await?;
    let set_cookie = cookie(&state, "", 0)?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, set_cookie)]),
    )
        .into_response())
}
