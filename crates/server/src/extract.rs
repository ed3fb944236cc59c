//! Extractors: JSON bodies that fail in our error shape, and the merchant
//! behind an API key.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Path, Request};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::secrets::{api_key_hash, hashes_match};
use crate::state::AppState;
use crate::store::MerchantRecord;

/// Parses a JSON body from raw bytes, answering 400 `request.invalid_json`
/// with serde's position but never the body itself.
///
/// # Errors
/// [`ApiError`] 400.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // serde reads a struct from a JSON array too (its fields in order); every
    // request Kassa takes is an object, and the document says so.
    let first = body.iter().find(|byte| !byte.is_ascii_whitespace());
    if first.is_some_and(|byte| *byte != b'{') {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.not_an_object",
            "The body must be a JSON object.",
            None,
        ));
    }
    // No text Kassa stores may hold a NUL character: PostgreSQL refuses it,
    // and no name, address or reference has one.
    if body.windows(6).any(|window| window == b"\\u0000") {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.nul_character",
            "Text in the body must not contain the NUL character (\\u0000).",
            None,
        ));
    }
    serde_json::from_slice(body).map_err(|error| {
        if let Some(field) = unknown_field(&error) {
            // A field Kassa does not know is refused, not ignored: a
            // merchant's typo, or a feature this server does not have
            // (`capture`, `save_card`), must not pass silently.
            return ApiError::field(
                "field.unknown",
                &format!("`{field}` is not a field of this request; check its spelling against the API reference."),
                &field,
            );
        }
        let message = format!(
            "The body is not valid JSON for this request (line {}, column {}).",
            error.line(),
            error.column()
        );
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.invalid_json",
            &message,
            None,
        )
    })
}

/// Whether an `Idempotency-Key` (trimmed) is 1 to 255 printable ASCII
/// characters: no tab or other control character inside, as the document's
/// pattern says.
///
/// ```
/// use kassa_server::extract::valid_idempotency_key;
/// assert!(valid_idempotency_key("order-1042 retry"));
/// assert!(!valid_idempotency_key("a\tb"));
/// assert!(!valid_idempotency_key(""));
/// assert!(!valid_idempotency_key(&"k".repeat(256)));
/// ```
pub fn valid_idempotency_key(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|byte| (b' '..=b'~').contains(&byte))
}

/// Parses a body that may be left out: empty, or JSON `null` (which is
/// what the document's optional body allows), is `T::default()`.
///
/// # Errors
/// As [`parse_json`].
pub fn parse_optional_json<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ApiError> {
    let text = body.trim_ascii();
    if text.is_empty() || text == b"null" {
        Ok(T::default())
    } else {
        parse_json(text)
    }
}

/// The name serde reports in "unknown field `name`, expected …", unless
/// it looks like card data (a long run of digits), which is never echoed.
fn unknown_field(error: &serde_json::Error) -> Option<String> {
    if !error.is_data() {
        return None;
    }
    let text = error.to_string();
    let rest = text.strip_prefix("unknown field `")?;
    let name = &rest[..rest.find('`')?];
    let digits = name.bytes().filter(u8::is_ascii_digit).count();
    Some(if digits >= 8 || name.len() > 64 {
        "(unnamed)".to_owned()
    } else {
        name.to_owned()
    })
}

/// The merchant authenticated by the `API-KEY` header or
/// `Authorization: Bearer <key>`, or, without either, by a dashboard
/// session (see [`crate::dashboard::session`]): a session's changes need its
/// CSRF token, and a staff member may change nothing but refunds.
#[derive(Debug, Clone)]
pub struct AuthenticatedMerchant(pub MerchantRecord);

/// The routes a staff member may use to change something: they view, and
/// refund.
const STAFF_MAY_CHANGE: &[&str] = &["/api/v1/invoices/{id}/refunds"];

impl FromRequestParts<AppState> for AuthenticatedMerchant {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match authenticate(parts, state).await? {
            Caller::ApiKey(merchant) => Ok(AuthenticatedMerchant(merchant)),
            Caller::Session(session) => {
                let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
                let route = parts
                    .extensions
                    .get::<MatchedPath>()
                    .map(MatchedPath::as_str)
                    .unwrap_or_default();
                if !session.is_owner() && !safe && !STAFF_MAY_CHANGE.contains(&route) {
                    return Err(crate::dashboard::session::owners_only());
                }
                Ok(AuthenticatedMerchant(session.merchant))
            }
        }
    }
}

/// The merchant, by its API key or an owner's dashboard session: for the
/// account's settings.
#[derive(Debug, Clone)]
pub struct MerchantOwner(pub MerchantRecord);

impl FromRequestParts<AppState> for MerchantOwner {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match authenticate(parts, state).await? {
            Caller::ApiKey(merchant) => Ok(MerchantOwner(merchant)),
            Caller::Session(session) if session.is_owner() => Ok(MerchantOwner(session.merchant)),
            Caller::Session(_) => Err(crate::dashboard::session::owners_only()),
        }
    }
}

/// Who is calling a merchant route (one lives per request: its size is of
/// no concern).
#[allow(clippy::large_enum_variant)]
enum Caller {
    ApiKey(MerchantRecord),
    Session(crate::dashboard::session::SessionUser),
}

/// An API key use is written down at most this often per key.
const KEY_USE_PRECISION_MS: i64 = 60_000;

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Caller, ApiError> {
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    let api_key = header("api-key").map(str::trim);
    let authorization = parts
        .headers
        .get("authorization")
        .map(|value| value.to_str().ok().and_then(bearer_token).map(str::trim));
    // Two credentials must be one: an `Authorization` that is not a
    // bearer token, or names another key than `API-KEY`, is refused
    // rather than ignored, so a client never learns the wrong one works.
    if let (Some(api_key), Some(bearer)) = (api_key, authorization)
        && bearer != Some(api_key)
    {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.conflicting_keys",
            "Send the API key once: API-KEY and Authorization name different keys.",
            None,
        ));
    }
    let key = api_key
        .or(authorization.flatten())
        .filter(|key| !key.is_empty());
    let Some(key) = key else {
        // No key: a dashboard session, if the browser has one.
        if api_key.is_none()
            && authorization.is_none()
            && let Some(session) = crate::dashboard::session::current(state, &parts.headers).await?
        {
            crate::dashboard::session::admit(parts, &session)?;
            return Ok(Caller::Session(session));
        }
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.missing_key",
            "Send your API key in the API-KEY header or as Authorization: Bearer.",
            None,
        ));
    };
    let hash = api_key_hash(key);
    let now = crate::clock::now_ms();
    match state.store.merchant_by_api_key(&hash, now).await? {
        Some((merchant, key)) if hashes_match(&key.key_hash, &hash) => {
            if key
                .last_used_at
                .is_none_or(|used| now - used >= KEY_USE_PRECISION_MS)
            {
                state.store.touch_api_key(&key.id, now).await?;
            }
            Ok(Caller::ApiKey(merchant))
        }
        _ => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.invalid_key",
            "This API key is not valid.",
            None,
        )),
    }
}

/// An invoice id from the path, rejected early when it cannot be one.
#[derive(Debug, Clone)]
pub struct InvoiceId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for InvoiceId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| not_found())?;
        if well_formed(&id, "inv_") {
            Ok(InvoiceId(id))
        } else {
            Err(not_found())
        }
    }
}

/// Whether `id` has the shape of an invoice id (`inv_` and 32 hex digits).
///
/// ```
/// assert!(kassa_server::extract::is_invoice_id("inv_0123456789abcdef0123456789abcdef"));
/// assert!(!kassa_server::extract::is_invoice_id("inv_../etc/passwd"));
/// ```
pub fn is_invoice_id(id: &str) -> bool {
    well_formed(id, "inv_")
}

/// A refund id from the path, rejected early when it cannot be one.
#[derive(Debug, Clone)]
pub struct RefundId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RefundId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| refund_not_found())?;
        if well_formed(&id, "ref_") {
            Ok(RefundId(id))
        } else {
            Err(refund_not_found())
        }
    }
}

/// Whether `id` is `prefix` and 32 hex digits, as [`crate::ids::new_id`]
/// makes them.
pub(crate) fn well_formed(id: &str, prefix: &str) -> bool {
    id.len() == prefix.len() + 32
        && id.starts_with(prefix)
        && id[prefix.len()..]
            .bytes()
            .all(|byte| byte.is_ascii_hexdigit())
}

/// The 404 for an unknown refund (or another merchant's).
pub fn refund_not_found() -> ApiError {
    ApiError::not_found("refund.not_found", "There is no refund with this id.")
}

/// The 404 for an unknown invoice.
pub fn not_found() -> ApiError {
    ApiError::not_found("invoice.not_found", "There is no invoice with this id.")
}

/// The raw request body (signatures and idempotency hashes need the exact
/// bytes), with a too-large or unreadable body answered in our JSON shape.
#[derive(Debug, Clone)]
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(request, state)
            .await
            .map(RawBody)
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "request.too_large",
                        "The request body is too large (64 KB at most).",
                        None,
                    )
                } else {
                    ApiError::new(
                        rejection.status(),
                        "request.unreadable",
                        "The request body could not be read.",
                        None,
                    )
                }
            })
    }
}

/// The token of an `Authorization: Bearer …` header; the scheme is
/// case-insensitive (RFC 7235).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token)
}
