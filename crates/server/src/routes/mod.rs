//! The router: one module per resource, and the layers every response gets.

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi as _;
use utoipa_axum::routes;

use crate::state::AppState;

pub use documented::DocumentedRoutes;

mod captures;
mod cards;
mod challenges;
mod checkout;
mod documented;
pub mod export;
mod health;
mod invoices;
mod merchant;
mod payment_methods;
mod payments;
mod refunds;

/// Request bodies above this are refused (413): the largest legitimate body
/// is an invoice with 16 KB of callback JSON.
const BODY_LIMIT: usize = 64 * 1024;

/// The application's routes and layers.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    // Served over HTTPS (here, or by the TLS proxy the public URL names):
    // browsers are told to use nothing else for two years.
    let https = state.settings.tls_cert.is_some() || state.public_url.starts_with("https://");
    let hsts = https.then(|| {
        security_header(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        )
    });
    let (routes, _) = documented().split();
    let api = routes
        .merge(crate::page::assets(&state.page_dir))
        .merge(crate::dashboard::app::assets(&state.dashboard_dir))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::dashboard::audit::record_changes,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .with_state(state);
    api.layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        // A slow request ends with our JSON error, not an empty 408 (the
        // server was slow, not the client). A payment's charge and record
        // run in their own task and finish regardless.
        .layer(
            tower::ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(|_: tower::BoxError| async {
                    crate::error::ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "request.timeout",
                        "The server took too long to answer. Try again.",
                        None,
                    )
                }))
                .timeout(Duration::from_secs(30)),
        )
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, deny_framing_unless_allowed))
        .layer(security_header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"))
        .layer(security_header(header::CACHE_CONTROL, "no-store"))
        .layer(tower::util::option_layer(hsts))
        .layer(
            // Spans carry method, path and request id; never headers or bodies,
            // which may hold API keys or card data.
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let id = request.headers().get("x-request-id").and_then(|value| value.to_str().ok()).unwrap_or("");
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Every route, each documented by its handler's `#[utoipa::path]`: `routes!`
/// takes the method and path from there, so the router and
/// `/api/openapi.json` cannot disagree (a test checks nothing else is served).
pub fn documented() -> DocumentedRoutes {
    DocumentedRoutes::new(crate::openapi::ApiDoc::openapi())
        .routes(routes!(
            invoices::invoices_create,
            invoices::invoices_search
        ))
        .routes(routes!(export::invoices_export))
        .routes(routes!(invoices::invoices_get))
        .routes(routes!(invoices::invoices_cancel))
        .routes(routes!(captures::invoices_capture))
        .routes(routes!(captures::invoices_void))
        .routes(routes!(refunds::refunds_create, refunds::refunds_list))
        .routes(routes!(refunds::refunds_get))
        .routes(routes!(
            merchant::merchant_processor_get,
            merchant::merchant_processor_put
        ))
        .routes(routes!(crate::dashboard::timeline::invoice_timeline))
        .routes(routes!(
            crate::dashboard::settings::settings_get,
            crate::dashboard::settings::settings_patch
        ))
        .routes(routes!(crate::dashboard::settings::test_callback))
        .routes(routes!(
            crate::dashboard::session::sign_in,
            crate::dashboard::session::session_get,
            crate::dashboard::session::sign_out
        ))
        .routes(routes!(crate::dashboard::overview::overview))
        .routes(routes!(crate::dashboard::audit::audit_list))
        .routes(routes!(
            crate::dashboard::api_keys::api_keys_list,
            crate::dashboard::api_keys::api_keys_create
        ))
        .routes(routes!(crate::dashboard::api_keys::api_keys_roll))
        .routes(routes!(crate::dashboard::api_keys::api_keys_revoke))
        .routes(routes!(
            crate::dashboard::team::users_list,
            crate::dashboard::team::users_invite
        ))
        .routes(routes!(crate::dashboard::team::users_remove))
        .routes(routes!(crate::dashboard::team::password_change))
        .routes(routes!(crate::dashboard::two_factor::totp_setup))
        .routes(routes!(crate::dashboard::two_factor::totp_confirm))
        .routes(routes!(crate::dashboard::two_factor::totp_off))
        .routes(routes!(crate::dashboard::settings::callback_secret_roll))
        .routes(routes!(crate::dashboard::app::dashboard_get))
        .routes(routes!(payments::payments_create))
        .routes(routes!(payment_methods::payment_methods_list))
        .routes(routes!(payment_methods::payment_methods_delete))
        .routes(routes!(crate::event_log::events_list))
        .routes(routes!(crate::event_log::events_redeliver))
        .routes(routes!(checkout::checkout_get))
        .routes(routes!(checkout::checkout_pay))
        .routes(routes!(checkout::checkout_cancel))
        .routes(routes!(challenges::challenge_get))
        .routes(routes!(challenges::challenge_abandon))
        .routes(routes!(challenges::issuer_get, challenges::issuer_post))
        .routes(routes!(challenges::issuer_return))
        .routes(routes!(cards::cards_brands))
        .routes(routes!(cards::cards_brand))
        .routes(routes!(cards::cards_validate))
        .routes(routes!(crate::metrics::metrics_get))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(crate::openapi::openapi_json))
        .routes(routes!(crate::openapi::docs_page))
        .routes(routes!(crate::demo::demo_callback))
        .routes(routes!(crate::demo::demo_shop))
        .routes(routes!(crate::demo::demo_new))
        .routes(compressed(routes!(crate::page::page_get)))
        .routes(routes!(crate::widget::widget_js))
        .routes(routes!(crate::widget::widget_mjs))
        .routes(routes!(crate::widget::widget_d_ts))
}

/// The routes compressed for browsers that accept it: the checkout page's
/// HTML carries one language's words (about 5 KB, 2 KB gzipped).
fn compressed(
    (schemas, paths, method_router): utoipa_axum::router::UtoipaMethodRouter<AppState>,
) -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    (
        schemas,
        paths,
        method_router.layer(tower_http::compression::CompressionLayer::new()),
    )
}

/// `X-Frame-Options: DENY`, except on a response whose own CSP names the
/// origins that may frame it (the embedded checkout): browsers follow
/// `frame-ancestors` there, and a `DENY` beside it would only confuse.
fn deny_framing_unless_allowed<B>(response: &axum::http::Response<B>) -> Option<HeaderValue> {
    let names_its_framers = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|csp| csp.to_str().ok())
        .is_some_and(|csp| {
            csp.contains("frame-ancestors") && !csp.contains("frame-ancestors 'none'")
        });
    (!names_its_framers).then(|| HeaderValue::from_static("DENY"))
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

async fn method_not_allowed() -> crate::error::ApiError {
    crate::error::ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "route.method_not_allowed",
        "This address does not answer that method.",
        None,
    )
}

async fn fallback() -> crate::error::ApiError {
    crate::error::ApiError::not_found("route.not_found", "There is nothing at this address.")
}
