//! Liveness and readiness.

use axum::extract::State;
use axum::http::StatusCode;

use crate::state::AppState;

/// `GET /healthz`: the process answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    summary = "Liveness",
    responses((status = 200, description = "`ok`.", content_type = "text/plain", body = String)),
)]
pub(super) async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers too.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    summary = "Readiness",
    responses(
        (status = 200, description = "`ready`.", content_type = "text/plain", body = String),
        (status = 503, description = "`database unavailable`.", content_type = "text/plain", body = String),
    ),
)]
pub(super) async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::warn!(%error, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
