//! Serving the dashboard: `GET /dashboard` answers the app Trunk built
//! (`cargo xtask dashboard` writes it to `dist-dashboard/`), and
//! `/dashboard/assets/…` its content-hashed files, with the checkout page's
//! headers: scripts only from this origin with their integrity hashes, no
//! inline script or style, no other origin, never framed.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;

use crate::error::ApiError;
use crate::state::AppState;

/// The dashboard's Content-Security-Policy: the checkout page's, framing
/// nothing.
pub const DASHBOARD_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'none'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// `GET /dashboard`: the app (it signs in and reads everything through the
/// API).
#[utoipa::path(
    get,
    path = "/dashboard",
    tag = "dashboard",
    summary = "The merchant dashboard",
    description = "The dashboard's page (HTML); it works through the routes this document describes, \
        signed in with a session cookie.",
    responses(
        (status = 200, description = "The app.", content_type = "text/html"),
        (status = 503, description = "The dashboard is not built on this server (`dashboard.not_built`).", body = kassa_api::ErrorBody),
    ),
)]
pub async fn dashboard_get(State(state): State<AppState>) -> axum::response::Response {
    let index = state.dashboard_dir.join("index.html");
    match tokio::fs::read(&index).await {
        Ok(html) => {
            let mut response = (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                html,
            )
                .into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(DASHBOARD_CSP),
            );
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
            response
        }
        Err(error) => {
            tracing::error!(path = %index.display(), %error, "dashboard not built");
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "dashboard.not_built",
                "The dashboard is not built on this server. Run `cargo xtask dashboard`.",
                None,
            )
            .into_response()
        }
    }
}

/// The dashboard's files under `/dashboard/assets/`.
pub fn assets(dashboard_dir: &std::path::Path) -> Router<AppState> {
    crate::page::assets_under("/dashboard/assets", dashboard_dir)
}
