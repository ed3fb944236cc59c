//! The hosted checkout page: `GET /pay/{invoice_id}` answers the page built
//! by Trunk (`cargo xtask page` writes it to `dist/`), and `/assets/…` its
//! content-hashed files.
//!
//! The page is one static document for every invoice (it reads the id from
//! its address), so it is served from disk with the strictest headers the
//! page allows: scripts only from this origin and only with their integrity
//! hash, WebAssembly compiled without `'unsafe-eval'`, no inline script or
//! style, no request to any other origin, no framing, and no referrer (the
//! invoice id is in the URL).

use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::Response;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use kassa_api::words::Lang;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::ApiError;
use crate::state::AppState;

/// The hosted page's Content-Security-Policy.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The policy for the page embedded by a merchant (`?embed=1`): the same,
/// but framed by exactly the merchant's listed origins (none listed: none).
///
/// ```
/// use kassa_server::page::embedded_csp;
/// let csp = embedded_csp(&["https://shop.example".into()]);
/// assert!(csp.ends_with("frame-ancestors https://shop.example"));
/// assert!(embedded_csp(&[]).ends_with("frame-ancestors 'none'"));
/// ```
pub fn embedded_csp(origins: &[String]) -> String {
    let base = PAGE_CSP.trim_end_matches("frame-ancestors 'none'");
    if origins.is_empty() {
        return PAGE_CSP.to_owned();
    }
    format!("{base}frame-ancestors {}", origins.join(" "))
}

/// The page's policy: framed by `embed_origins` (none: by nobody), and
/// itself framing, besides its own origin's pages, the gateway's 3-D
/// Secure pages (`challenge_origins`, see
/// `kassa_processor::Processor::challenge_origins`).
///
/// ```
/// use kassa_server::page::{PAGE_CSP, page_csp};
/// assert_eq!(page_csp(&[], &[]), PAGE_CSP);
/// let csp = page_csp(&[], &["https://hooks.stripe.com".into()]);
/// assert!(csp.contains("frame-src 'self' https://hooks.stripe.com;"));
/// ```
pub fn page_csp(embed_origins: &[String], challenge_origins: &[String]) -> String {
    let csp = embedded_csp(embed_origins);
    if challenge_origins.is_empty() {
        return csp;
    }
    csp.replace(
        "frame-src 'self';",
        &format!("frame-src 'self' {};", challenge_origins.join(" ")),
    )
}

/// The origins of the gateway pages the invoice's 3-D Secure challenges may
/// show; none for an unknown invoice or a processor Kassa shows itself.
async fn challenge_origins(
    state: &AppState,
    invoice: Option<&crate::store::InvoiceRecord>,
) -> Vec<String> {
    let Some(invoice) = invoice else {
        return Vec::new();
    };
    let Ok(Some(merchant)) = state.store.merchant(&invoice.merchant_id).await else {
        return Vec::new();
    };
    match state.processors.of_merchant(state, &merchant).await {
        Ok(processor) => processor.challenge_origins(),
        Err(_) => Vec::new(),
    }
}

/// Assets are named by their content hash, so a browser may keep them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The page's files under `/assets/` (the page itself is `page_get`, a
/// documented route).
pub fn assets(page_dir: &Path) -> Router<AppState> {
    assets_under("/assets", page_dir)
}

/// The content-hashed files of `dir` under `prefix`, cached for a year.
pub fn assets_under(prefix: &str, dir: &Path) -> Router<AppState> {
    // `cargo xtask page` writes a brotli and a gzip copy of each asset at
    // the highest levels; the copy the browser accepts is sent as it is.
    let assets = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .nest_service(
            prefix,
            tower::ServiceBuilder::new()
                // Only a file that was found may be kept: a 404 during a
                // deploy must not be cached for a year.
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    |response: &Response<_>| {
                        response
                            .status()
                            .is_success()
                            .then(|| HeaderValue::from_static(IMMUTABLE))
                    },
                ))
                // The answer depends on Accept-Encoding; shared caches must
                // keep the encodings apart (ServeDir does not say so).
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::VARY,
                    HeaderValue::from_static("accept-encoding"),
                ))
                .service(assets),
        )
        .layer(CompressionLayer::new())
}

/// Where the built page is: the configured directory, or (for a developer
/// running from elsewhere in the tree) the workspace's `dist/`.
pub fn page_dir(configured: &str) -> PathBuf {
    let configured = PathBuf::from(configured);
    if configured.join("index.html").is_file() || configured.is_absolute() {
        return configured;
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(&configured);
    if workspace.join("index.html").is_file() {
        workspace
    } else {
        configured
    }
}

/// `?embed=1` asks for the page as the widget frames it; `?locale=` (the
/// widget's choice) the page's language.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct PageQuery {
    embed: Option<String>,
    locale: Option<String>,
}

/// The invoice of a page address, when the id is one.
async fn page_invoice(state: &AppState, invoice_id: &str) -> Option<crate::store::InvoiceRecord> {
    if !crate::extract::is_invoice_id(invoice_id) {
        return None;
    }
    state.store.invoice(invoice_id).await.ok().flatten()
}

/// The origins the invoice's merchant lets frame its checkout; none for an
/// unknown invoice (so nobody may frame it).
async fn embed_origins(
    state: &AppState,
    invoice: Option<&crate::store::InvoiceRecord>,
) -> Vec<String> {
    let Some(invoice) = invoice else {
        return Vec::new();
    };
    match state.store.merchant(&invoice.merchant_id).await {
        Ok(Some(merchant)) => merchant.embed_origins,
        _ => Vec::new(),
    }
}

/// The page's language: the address's `?locale=`, then the invoice's, then
/// the browser's `Accept-Language`, then English.
fn page_lang(
    query: &PageQuery,
    invoice: Option<&crate::store::InvoiceRecord>,
    headers: &HeaderMap,
) -> Lang {
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(kassa_api::words::accept_language)
        .unwrap_or_default();
    let asked = query
        .locale
        .as_deref()
        .or(invoice.and_then(|invoice| invoice.locale.as_deref()));
    Lang::choose(asked, &browser)
}

/// `index.html` with `lang`'s words in a JSON block before `</head>` (see
/// [`kassa_api::words`]): data, not script, so the CSP lets it be.
fn with_words(html: &[u8], lang: Lang) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let block = format!(
        "<script type=\"application/json\" id=\"kassa-words\">{}</script>",
        kassa_api::words::page_words_json(lang)
    );
    match html.find("</head>") {
        Some(at) => [&html[..at], &block, &html[at..]].concat().into_bytes(),
        None => [&block, html.as_ref()].concat().into_bytes(),
    }
}

/// `GET /pay/{id}`: the checkout page. Any id gets the page, so a shopper
/// with a mistyped link reads "payment not found" in their language rather
/// than a JSON error (with a 404 status when the id cannot be an invoice's).
#[utoipa::path(
    get,
    path = "/pay/{id}",
    tag = "page",
    summary = "The hosted checkout page",
    description = "The page a shopper pays on (HTML; it reads the invoice through the checkout API). \
        Served with a strict Content-Security-Policy and `Referrer-Policy: no-referrer`.",
    params(("id" = String, Path, description = "The invoice id.")),
    responses(
        (status = 200, description = "The page.", content_type = "text/html"),
        (status = 404, description = "The page, for an id that cannot be an invoice's (it shows \"payment not found\").", content_type = "text/html"),
        (status = 503, description = "The page is not built on this server.", body = kassa_api::ErrorBody),
    ),
)]
#[tracing::instrument(skip_all)]
pub(crate) async fn page_get(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> axum::response::Response {
    let index = state.page_dir.join("index.html");
    let status = if crate::extract::is_invoice_id(&id) {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let invoice = page_invoice(&state, &id).await;
    let embed_origins = if query.embed.as_deref() == Some("1") {
        Some(embed_origins(&state, invoice.as_ref()).await)
    } else {
        None
    };
    let lang = page_lang(&query, invoice.as_ref(), &headers);
    let challenge_origins = challenge_origins(&state, invoice.as_ref()).await;
    match tokio::fs::read(&index).await {
        Ok(html) => {
            let html = with_words(&html, lang);
            let mut response = (
                status,
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-store"),
                    (header::REFERRER_POLICY, "no-referrer"),
                    // The words follow the browser's languages.
                    (header::VARY, "accept-language"),
                ],
                html,
            )
                .into_response();
            let headers = response.headers_mut();
            match embed_origins {
                Some(origins) => {
                    let csp = page_csp(&origins, &challenge_origins);
                    if let Ok(value) = HeaderValue::from_str(&csp) {
                        headers.insert(header::CONTENT_SECURITY_POLICY, value);
                    }
                }
                None => {
                    if let Ok(value) = HeaderValue::from_str(&page_csp(&[], &challenge_origins)) {
                        headers.insert(header::CONTENT_SECURITY_POLICY, value);
                    }
                    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
                }
            }
            response
        }
        Err(error) => {
            tracing::error!(path = %index.display(), %error, "checkout page not built");
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "page.not_built",
                "The checkout page is not built on this server. Run `cargo xtask page`.",
                None,
            )
            .into_response()
        }
    }
}
