//! API keys: list, make, roll (optionally with a grace period) and revoke.
//! Only in an owner's dashboard session: a leaked key must not be able to
//! make itself a successor.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kassa_api::{ApiKeyList, ApiKeyView, ErrorBody, NewApiKey, RollApiKeyRequest};

use crate::clock::{now_ms, rfc3339};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::ApiKeyRecord;

use super::session::OwnerSession;

/// The longest grace period a rolled key may keep working.
const MAX_GRACE_HOURS: u32 = 168;

/// How many characters of a key are kept to tell keys apart: `sk_` and
/// seven of its 48 hex digits (28 of 192 bits; the rest stays secret).
const PREFIX_CHARS: usize = 10;

/// The part of a key shown beside it.
///
/// ```
/// assert_eq!(kassa_server::dashboard::api_keys::prefix_of("sk_0123456789abcdef"), "sk_0123456");
/// ```
pub fn prefix_of(key: &str) -> String {
    key.chars().take(PREFIX_CHARS).collect()
}

fn view(key: &ApiKeyRecord) -> ApiKeyView {
    ApiKeyView {
        id: key.id.clone(),
        prefix: key.prefix.clone(),
        created_at: rfc3339(key.created_at),
        last_used_at: key.last_used_at.map(rfc3339),
        expires_at: key.expires_at.map(rfc3339),
    }
}

/// A new key's record and its secret (not stored yet).
fn new_key(merchant_id: &str) -> (ApiKeyRecord, String) {
    let secret = crate::secrets::new_api_key();
    let key = ApiKeyRecord {
        id: crate::ids::new_id("key"),
        merchant_id: merchant_id.to_owned(),
        key_hash: crate::secrets::api_key_hash(&secret),
        prefix: prefix_of(&secret),
        created_at: now_ms(),
        last_used_at: None,
        expires_at: None,
    };
    (key, secret)
}

/// The 201 answer with a key just made and its secret, shown this once.
fn made(key: &ApiKeyRecord, secret: String) -> (StatusCode, Json<NewApiKey>) {
    (
        StatusCode::CREATED,
        Json(NewApiKey {
            key: view(key),
            secret,
        }),
    )
}

fn key_not_found() -> ApiError {
    ApiError::not_found(
        "api_key.not_found",
        "There is no working API key with this id.",
    )
}

fn well_formed(id: &str) -> bool {
    id.len() == 36 && id.starts_with("key_") && id[4..].bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// `GET /api/v1/api-keys`: the keys that work, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/api-keys",
    tag = "dashboard",
    summary = "List API keys",
    responses(
        (status = 200, description = "The working keys (never their secrets).", body = ApiKeyList),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "Staff may not manage keys (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn api_keys_list(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
) -> Result<Json<ApiKeyList>, ApiError> {
    let keys = state.store.api_keys(&session.merchant.id, now_ms()).await?;
    Ok(Json(ApiKeyList {
        data: keys.iter().map(view).collect(),
    }))
}

/// `POST /api/v1/api-keys`: a new key, its secret shown this once.
#[utoipa::path(
    post,
    path = "/api/v1/api-keys",
    tag = "dashboard",
    summary = "Make an API key",
    responses(
        (status = 201, description = "The key and its secret (shown once).", body = NewApiKey),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn api_keys_create(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
) -> Result<(StatusCode, Json<NewApiKey>), ApiError> {
    let (key, secret) = new_key(&session.merchant.id);
    state.store.add_api_key(&key).await?;
    tracing::info!(key_id = %key.id, "API key made");
    Ok(made(&key, secret))
}

/// `POST /api/v1/api-keys/{id}/roll`: a new key in its place; the old one
/// stops now, or after `grace_hours`.
#[utoipa::path(
    post,
    path = "/api/v1/api-keys/{id}/roll",
    tag = "dashboard",
    summary = "Roll an API key",
    params(("id" = String, Path, description = "The key's id: `key_` and 32 hex digits.")),
    request_body(content = Option<RollApiKeyRequest>, description = "Optional: `grace_hours` (0 to 168) the old key keeps working."),
    responses(
        (status = 201, description = "The new key and its secret (shown once).", body = NewApiKey),
        (status = 400, description = "`grace_hours` above 168 (`grace_hours.range`).", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
        (status = 404, description = "No working key with this id (`api_key.not_found`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn api_keys_roll(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<NewApiKey>), ApiError> {
    let request: RollApiKeyRequest = crate::extract::parse_optional_json(&body)?;
    if request.grace_hours > MAX_GRACE_HOURS {
        return Err(ApiError::field(
            "grace_hours.range",
            "A grace period is 0 to 168 hours.",
            "grace_hours",
        ));
    }
    if !well_formed(&id) {
        return Err(key_not_found());
    }
    let now = now_ms();
    let until = now + i64::from(request.grace_hours) * 3_600_000;
    // The old key's end and its successor in one transaction: never a
    // revoked key without its replacement.
    let (key, secret) = new_key(&session.merchant.id);
    if !state
        .store
        .expire_api_key(&session.merchant.id, &id, now, until, Some(&key))
        .await?
    {
        return Err(key_not_found());
    }
    tracing::info!(old_key_id = %id, key_id = %key.id, "API key rolled");
    Ok(made(&key, secret))
}

/// `DELETE /api/v1/api-keys/{id}`: the key stops working now.
#[utoipa::path(
    delete,
    path = "/api/v1/api-keys/{id}",
    tag = "dashboard",
    summary = "Revoke an API key",
    params(("id" = String, Path, description = "The key's id: `key_` and 32 hex digits.")),
    responses(
        (status = 204, description = "Revoked."),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
        (status = 404, description = "No working key with this id (`api_key.not_found`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn api_keys_revoke(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let now = now_ms();
    if !well_formed(&id)
        || !state
            .store
            .expire_api_key(&session.merchant.id, &id, now, now, None)
            .await?
    {
        return Err(key_not_found());
    }
    tracing::info!(key_id = %id, "API key revoked");
    Ok(StatusCode::NO_CONTENT)
}
