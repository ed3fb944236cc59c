//! The merchant's settings (name, the checkout's look, callback URL, embed
//! origins, currencies) and "send a test callback". An owner's session or
//! the API key may change them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use kassa_api::{Appearance, ErrorBody, EventView, MerchantSettings};

use crate::clock::{now_ms, rfc3339};
use crate::error::ApiError;
use crate::extract::MerchantOwner;
use crate::merchants::{check_appearance, check_callback_url, check_currencies, check_name};
use crate::state::AppState;
use crate::store::{MerchantRecord, NewEvent};

/// An origin a site embeds the checkout from: `https://shop.example` (or
/// `http://` on loopback, or anywhere when the operator allows plain
/// HTTP), with no path. It goes
/// into a Content-Security-Policy header, so nothing else may pass.
///
/// ```
/// use kassa_server::dashboard::settings::check_origin;
/// assert_eq!(check_origin("https://Shop.example/", false).unwrap(), "https://shop.example");
/// assert!(check_origin("https://shop.example/pay", false).is_err());
/// assert!(check_origin("https://a.example; script-src *", false).is_err());
/// assert!(check_origin("http://shop.example", false).is_err());
/// assert!(check_origin("http://127.0.0.1:8080", false).is_ok(), "a developer's loopback");
/// assert!(check_origin("https://*", false).is_err(), "no wildcard");
/// assert!(check_origin("https://a;sandbox", false).is_err());
/// assert_eq!(check_origin("https://127.0.0.1:8443", false).unwrap(), "https://127.0.0.1:8443");
/// ```
///
/// # Errors
/// 400 `embed_origins.format`.
pub fn check_origin(text: &str, allow_http: bool) -> Result<String, ApiError> {
    let refuse = || {
        ApiError::field(
            "embed_origins.format",
            "An embed origin is a scheme and host, like https://shop.example (no path).",
            "embed_origins",
        )
    };
    let text = text.trim();
    // The merchant URL policy decides the scheme (plain HTTP only on
    // loopback unless the operator allows it).
    let url = crate::url_policy::check_merchant_url(text, allow_http).map_err(|_| refuse())?;
    let scheme_allowed = matches!(url.scheme(), "https" | "http");
    let bare = url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    // WHATWG URLs allow `*`, `;` and `,` in a host; a policy must not.
    let plain_host = match url.host() {
        Some(url::Host::Domain(domain)) => domain
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-'),
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
        None => false,
    };
    let origin = url.origin().ascii_serialization();
    if !plain_host
        || !scheme_allowed
        || !bare
        || url.host().is_none()
        || !text.trim_end_matches('/').eq_ignore_ascii_case(&origin)
    {
        return Err(refuse());
    }
    Ok(origin)
}

/// An invoice's lifetime when neither it nor its merchant names one.
const DEFAULT_LIFETIME_MINUTES: u32 = 24 * 60;

fn settings_of(state: &AppState, merchant: &MerchantRecord) -> MerchantSettings {
    MerchantSettings {
        name: Some(merchant.name.clone()),
        appearance: Some(merchant.appearance.clone()),
        callback_url: Some(merchant.callback_url.clone()),
        embed_origins: Some(merchant.embed_origins.clone()),
        currencies: Some(merchant.currencies.clone()),
        payment_attempts: Some(
            merchant
                .payment_attempts
                .unwrap_or(state.settings.max_payment_attempts),
        ),
        invoice_lifetime_minutes: Some(
            merchant
                .invoice_lifetime_secs
                .and_then(|secs| u32::try_from(secs / 60).ok())
                .unwrap_or(DEFAULT_LIFETIME_MINUTES),
        ),
    }
}

/// `GET /api/v1/merchant/settings`.
#[utoipa::path(
    get,
    path = "/api/v1/merchant/settings",
    tag = "merchant",
    summary = "The merchant's settings",
    responses(
        (status = 200, description = "Every setting.", body = MerchantSettings),
        (status = 401, description = "No API key or session.", body = ErrorBody),
        (status = 403, description = "Staff (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn settings_get(
    State(state): State<AppState>,
    MerchantOwner(merchant): MerchantOwner,
) -> Json<MerchantSettings> {
    Json(settings_of(&state, &merchant))
}

/// `PATCH /api/v1/merchant/settings`: changes what the body names.
#[utoipa::path(
    patch,
    path = "/api/v1/merchant/settings",
    tag = "merchant",
    summary = "Change the merchant's settings",
    request_body = MerchantSettings,
    responses(
        (status = 200, description = "Every setting, as now.", body = MerchantSettings),
        (status = 400, description = "A value is not valid (`name.length`, `accent_color.format`, `logo.format`, `callback_url.*`, `embed_origins.format`, `currency.unknown`, `payment_attempts.range`, `invoice_lifetime_minutes.range`).", body = ErrorBody),
        (status = 401, description = "No API key or session.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn settings_patch(
    State(state): State<AppState>,
    MerchantOwner(mut merchant): MerchantOwner,
    body: Bytes,
) -> Result<Json<MerchantSettings>, ApiError> {
    let change: MerchantSettings = crate::extract::parse_json(&body)?;
    if let Some(name) = &change.name {
        merchant.name = check_name(name)?;
    }
    if let Some(appearance) = change.appearance {
        // An empty value goes back to Kassa's own look.
        let merged = Appearance {
            accent_color: match appearance.accent_color {
                Some(accent) if accent.is_empty() => None,
                Some(accent) => Some(accent.to_ascii_lowercase()),
                None => merchant.appearance.accent_color.clone(),
            },
            logo: match appearance.logo {
                Some(logo) if logo.is_empty() => None,
                Some(logo) => Some(logo),
                None => merchant.appearance.logo.clone(),
            },
        };
        check_appearance(&merged)?;
        merchant.appearance = merged;
    }
    if let Some(url) = &change.callback_url {
        merchant.callback_url = check_callback_url(&state, url).await?;
    }
    if let Some(origins) = &change.embed_origins {
        if origins.len() > 20 {
            return Err(ApiError::field(
                "embed_origins.count",
                "At most 20 embed origins.",
                "embed_origins",
            ));
        }
        merchant.embed_origins = origins
            .iter()
            .map(|origin| check_origin(origin, state.settings.allow_http_urls))
            .collect::<Result<_, _>>()?;
    }
    if let Some(currencies) = &change.currencies {
        merchant.currencies = check_currencies(currencies)?;
    }
    if let Some(attempts) = change.payment_attempts {
        if !(1..=10).contains(&attempts) {
            return Err(ApiError::field(
                "payment_attempts.range",
                "Payment attempts are 1 to 10.",
                "payment_attempts",
            ));
        }
        merchant.payment_attempts = Some(attempts);
    }
    if let Some(minutes) = change.invoice_lifetime_minutes {
        if !(1..=43_200).contains(&minutes) {
            return Err(ApiError::field(
                "invoice_lifetime_minutes.range",
                "An invoice lasts 1 minute to 30 days (43,200 minutes).",
                "invoice_lifetime_minutes",
            ));
        }
        merchant.invoice_lifetime_secs = Some(i64::from(minutes) * 60);
    }
    state.store.update_merchant_settings(&merchant).await?;
    tracing::info!(merchant_id = %merchant.id, "settings changed");
    Ok(Json(settings_of(&state, &merchant)))
}

/// `POST /api/v1/merchant/test-callback`: sends a `test` callback, signed
/// like every other, to the callback URL.
#[utoipa::path(
    post,
    path = "/api/v1/merchant/test-callback",
    tag = "merchant",
    summary = "Send a test callback",
    responses(
        (status = 202, description = "Written to the outbox; delivery follows.", body = EventView),
        (status = 401, description = "No API key or session.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn test_callback(
    State(state): State<AppState>,
    MerchantOwner(merchant): MerchantOwner,
) -> Result<(StatusCode, Json<EventView>), ApiError> {
    let now = now_ms();
    let id = crate::ids::new_id("evt");
    let payload = serde_json::json!({
        "id": id,
        "type": "test",
        "created_at": rfc3339(now),
        "message": "A test callback from Kassa: your endpoint is reachable and can check the signature.",
    })
    .to_string();
    let event = NewEvent {
        id: id.clone(),
        merchant_id: merchant.id.clone(),
        invoice_id: String::new(),
        kind: "test".to_owned(),
        payload: payload.clone(),
        created_at: now,
    };
    state.store.add_event(&event).await?;
    state.outbox_wakeup.notify_one();
    Ok((
        StatusCode::ACCEPTED,
        Json(EventView {
            id,
            kind: "test".to_owned(),
            invoice_id: String::new(),
            created_at: rfc3339(now),
            delivered: false,
            delivered_at: None,
            attempts: 0,
            next_attempt_at: Some(rfc3339(now)),
            last_error: None,
            payload: serde_json::value::RawValue::from_string(payload)
                .map_err(ApiError::internal)?,
        }),
    ))
}

/// `POST /api/v1/merchant/callback-secret/roll`: a new callback signing
/// secret, shown once. With `grace_hours`, callbacks carry a signature with
/// the old secret too until then; redirects are signed with the new one at
/// once. An owner's session only, like API keys.
#[utoipa::path(
    post,
    path = "/api/v1/merchant/callback-secret/roll",
    tag = "dashboard",
    summary = "Roll the callback secret",
    request_body(content = Option<kassa_api::RollApiKeyRequest>, description = "Optional: `grace_hours` (0 to 168) the old secret keeps signing callbacks."),
    responses(
        (status = 200, description = "The new secret (shown once).", body = kassa_api::NewCallbackSecret),
        (status = 400, description = "`grace_hours` above 168 (`grace_hours.range`).", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn callback_secret_roll(
    State(state): State<AppState>,
    super::session::OwnerSession(session): super::session::OwnerSession,
    body: Bytes,
) -> Result<Json<kassa_api::NewCallbackSecret>, ApiError> {
    let request: kassa_api::RollApiKeyRequest = crate::extract::parse_optional_json(&body)?;
    if request.grace_hours > 168 {
        return Err(ApiError::field(
            "grace_hours.range",
            "A grace period is 0 to 168 hours.",
            "grace_hours",
        ));
    }
    let merchant = &session.merchant;
    let secret = crate::secrets::new_callback_secret();
    let until = now_ms() + i64::from(request.grace_hours) * 3_600_000;
    let previous =
        (request.grace_hours > 0).then_some((merchant.callback_secret_sealed.as_str(), until));
    state
        .store
        .roll_callback_secret(&merchant.id, &state.sealing_key.seal(&secret), previous)
        .await?;
    tracing::info!(merchant_id = %merchant.id, grace_hours = request.grace_hours, "callback secret rolled");
    Ok(Json(kassa_api::NewCallbackSecret {
        secret,
        previous_expires_at: previous.map(|(_, until)| rfc3339(until)),
    }))
}
