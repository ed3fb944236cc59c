//! The audit log: what dashboard users did, who, when and from where.
//!
//! Sign-ins are written by the sign-in route itself. Every other change a
//! user makes goes through a merchant route, so one layer records them all:
//! it leaves an empty [`AuditActor`] on each request, the session
//! extractors fill it in when a session authenticated the request, and once
//! a change has succeeded the layer writes what was done (named from the
//! route) and to what (the id in the path). API-key requests are not
//! recorded here: they are the merchant's own systems, logged as requests.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::{ConnectInfo, MatchedPath, RawQuery, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use kassa_api::{AuditEntry, AuditList, ErrorBody};

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::search::{decode_keyset, encode_cursor};
use crate::state::AppState;
use crate::store::UserRecord;

use super::session::OwnerSession;

/// The user a session extractor found for this request, if any.
#[derive(Clone, Debug, Default)]
pub struct AuditActor(Arc<Mutex<Option<UserRecord>>>);

impl AuditActor {
    /// Notes that `user` made this request.
    pub fn set(&self, user: &UserRecord) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(user.clone());
        }
    }

    fn take(&self) -> Option<UserRecord> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

/// The name of what a change to `template` (the route's path, as declared)
/// does.
///
/// ```
/// use axum::http::Method;
/// use kassa_server::dashboard::audit::action_name;
/// assert_eq!(action_name(&Method::POST, "/api/v1/invoices/{id}/refunds"), "refund.created");
/// assert_eq!(action_name(&Method::DELETE, "/api/v1/api-keys/{id}"), "api_key.revoked");
/// assert_eq!(action_name(&Method::PUT, "/api/v1/somewhere"), "PUT /api/v1/somewhere");
/// ```
pub fn action_name(method: &Method, template: &str) -> String {
    let name = match (method.as_str(), template) {
        ("POST", "/api/v1/invoices") => "invoice.created",
        ("POST", "/api/v1/invoices/{id}/refunds") => "refund.created",
        ("POST", "/api/v1/invoices/{id}/cancel") => "invoice.canceled",
        ("POST", "/api/v1/invoices/{id}/capture") => "invoice.captured",
        ("POST", "/api/v1/invoices/{id}/void") => "invoice.voided",
        ("POST", "/api/v1/events/{id}/redeliver") => "callback.resent",
        ("POST", "/api/v1/api-keys") => "api_key.created",
        ("POST", "/api/v1/api-keys/{id}/roll") => "api_key.rolled",
        ("DELETE", "/api/v1/api-keys/{id}") => "api_key.revoked",
        ("PATCH", "/api/v1/merchant/settings") => "settings.updated",
        ("PUT", "/api/v1/merchant/processor") => "processor.updated",
        ("POST", "/api/v1/merchant/test-callback") => "callback.test_sent",
        ("POST", "/api/v1/payments") => "payment.created",
        ("DELETE", "/api/v1/payment_methods/{id}") => "payment_method.deleted",
        ("DELETE", "/api/v1/dashboard/session") => "session.signed_out",
        ("POST", "/api/v1/dashboard/users") => "user.added",
        ("DELETE", "/api/v1/dashboard/users/{id}") => "user.removed",
        ("POST", "/api/v1/dashboard/password") => "password.changed",
        ("POST", "/api/v1/dashboard/totp/setup") => "two_factor.setup_started",
        ("POST", "/api/v1/dashboard/totp/confirm") => "two_factor.turned_on",
        ("POST", "/api/v1/dashboard/totp/off") => "two_factor.turned_off",
        ("POST", "/api/v1/merchant/callback-secret/roll") => "callback_secret.rolled",
        _ => return format!("{method} {template}"),
    };
    name.to_owned()
}

/// The path's value where the template has its first `{…}` parameter.
///
/// ```
/// use kassa_server::dashboard::audit::target_of;
/// assert_eq!(target_of("/api/v1/invoices/{id}/refunds", "/api/v1/invoices/inv_1/refunds"), Some("inv_1".into()));
/// assert_eq!(target_of("/api/v1/api-keys", "/api/v1/api-keys"), None);
/// ```
pub fn target_of(template: &str, path: &str) -> Option<String> {
    template
        .split('/')
        .zip(path.split('/'))
        .find(|(pattern, _)| pattern.starts_with('{'))
        .map(|(_, value)| value.chars().take(64).collect())
}

/// The layer: records each successful change a dashboard user made.
pub async fn record_changes(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    if safe {
        return next.run(request).await;
    }
    let actor = AuditActor::default();
    request.extensions_mut().insert(actor.clone());
    let template = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned())
        .unwrap_or_default();
    let path = request.uri().path().to_owned();
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| {
            super::session::client_ip(&state, *peer, request.headers()).to_string()
        });
    let response = next.run(request).await;
    // A stored answer replayed for a retried Idempotency-Key did nothing new.
    let replayed = response
        .headers()
        .get("Idempotent-Replayed")
        .is_some_and(|value| value == "true");
    if response.status().is_success()
        && !replayed
        && let Some(user) = actor.take()
    {
        let action = action_name(&method, &template);
        let target = target_of(&template, &path);
        super::session::audit(&state, &user, &action, target.as_deref(), ip.as_deref()).await;
    }
    response
}

/// `GET /api/v1/dashboard/audit?cursor=`: what the account's users did,
/// newest first, 50 a page (owners only).
#[utoipa::path(
    get,
    path = "/api/v1/dashboard/audit",
    tag = "dashboard",
    summary = "The audit log",
    params(("cursor" = Option<String>, Query, description = "The `next_cursor` of the previous page.")),
    responses(
        (status = 200, description = "One page, newest first.", body = AuditList),
        (status = 400, description = "Not a cursor this API gave out (`cursor.invalid`).", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "Staff may not read it (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn audit_list(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
    RawQuery(raw): RawQuery,
) -> Result<Json<AuditList>, ApiError> {
    const PAGE: i64 = 50;
    let mut after = None;
    for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "cursor" => {
                after = Some(decode_keyset(&value, "aud_").ok_or_else(|| {
                    ApiError::field(
                        "cursor.invalid",
                        "This is not a cursor this API gave out.",
                        "cursor",
                    )
                })?);
            }
            other => {
                return Err(ApiError::field(
                    "parameter.unknown",
                    &format!("`{other}` is not a parameter of this request."),
                    other,
                ));
            }
        }
    }
    let mut entries = state
        .store
        .audit_log(&session.merchant.id, after, PAGE + 1)
        .await?;
    let more = entries.len() > PAGE as usize;
    entries.truncate(PAGE as usize);
    let next_cursor = entries
        .last()
        .filter(|_| more)
        .map(|last| encode_cursor(last.created_at, &last.id));
    Ok(Json(AuditList {
        data: entries
            .into_iter()
            .map(|entry| AuditEntry {
                id: entry.id,
                at: rfc3339(entry.created_at),
                user_email: entry.user_email,
                action: entry.action,
                target: entry.target,
                ip: entry.ip,
            })
            .collect(),
        next_cursor,
    }))
}
