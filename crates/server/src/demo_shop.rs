//! The demo merchant's shop, which `kassa-server demo` serves on its own
//! origin (the next port): the example a merchant copies to embed the
//! checkout.
//!
//! It does what a merchant's server does, through Kassa's public API only:
//! creates the invoice from its server side with its API key, renders a
//! checkout page that loads `widget.js` from Kassa (with its integrity hash,
//! under a Content-Security-Policy that allows the Kassa origin in
//! `script-src` and `frame-src` and nothing else), receives the signed
//! callbacks and verifies them before believing them, and checks the
//! signature of the redirect back to its return page. Callbacks are kept in
//! memory and shown on the page (`GET /events`, polled by `shop.js`).
//!
//! Routes: `GET /` (the cart), `POST /checkout` (a new invoice, then 303 to
//! its checkout page), `GET /checkout/{invoice_id}`, `GET /return/{outcome}`,
//! `POST /callback`, `GET /events`, `GET /shop.js`, `GET /shop.css`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path as UrlPath, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::Value;
use tokio::net::TcpListener;

use crate::clock::now_ms;

const SHOP_JS: &str = include_str!("../../../web/widget/demo-shop/shop.js");
const SHOP_CSS: &str = include_str!("../../../web/widget/demo-shop/shop.css");
/// Callbacks older than this (seconds) are refused, as docs/api.md advises.
const SIGNATURE_TOLERANCE_SECONDS: i64 = 300;
/// The most callbacks the shop remembers.
const KEPT_CALLBACKS: usize = 200;

/// The shop's listener, bound before the demo merchant is created so its
/// origin can be listed in the merchant's embed origins.
#[derive(Debug)]
pub struct DemoShop {
    listener: TcpListener,
    origin: String,
}

/// What the shop knows of Kassa: where it is, and the demo merchant's
/// credentials (as a merchant keeps them in its own configuration).
#[derive(Clone)]
pub struct ShopMerchant {
    /// Kassa's public URL, without a trailing slash.
    pub kassa_url: String,
    /// The demo merchant's API key.
    pub api_key: String,
    /// The demo merchant's callback secret.
    pub callback_secret: String,
}

impl std::fmt::Debug for ShopMerchant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShopMerchant")
            .field("kassa_url", &self.kassa_url)
            .finish_non_exhaustive()
    }
}

impl DemoShop {
    /// Listens on `address` (`host:port`; port 0 picks one).
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn bind(address: &str) -> std::io::Result<DemoShop> {
        let listener = TcpListener::bind(address).await?;
        let origin = origin_of(listener.local_addr()?);
        Ok(DemoShop { listener, origin })
    }

    /// The shop's origin, `http://host:port`: the one its merchant lists in
    /// its embed origins.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Where Kassa should POST the demo merchant's callbacks.
    pub fn callback_url(&self) -> String {
        format!("{}/callback", self.origin)
    }

    /// Serves the shop until the process ends.
    ///
    /// # Errors
    /// When serving fails.
    pub async fn run(self, merchant: ShopMerchant) -> std::io::Result<()> {
        let app = router(&self.origin, merchant);
        axum::serve(self.listener, app).await
    }
}

/// `http://` and the address, with a wildcard address shown as loopback.
fn origin_of(address: SocketAddr) -> String {
    let ip = address.ip();
    if ip.is_unspecified() {
        format!("http://127.0.0.1:{}", address.port())
    } else {
        format!("http://{address}")
    }
}

/// A callback the shop verified and kept.
#[derive(Clone, Debug, Serialize)]
struct Received {
    event_id: String,
    #[serde(rename = "type")]
    kind: String,
    invoice_id: String,
    invoice_status: String,
    received_at: String,
}

#[derive(Clone)]
struct Shop(Arc<ShopInner>);

struct ShopInner {
    origin: String,
    merchant: ShopMerchant,
    http: reqwest::Client,
    /// The checkout page's Content-Security-Policy.
    checkout_csp: HeaderValue,
    callbacks: Mutex<Vec<Received>>,
}

/// The shop's routes, for `origin` (the shop's own) and `merchant`.
pub fn router(origin: &str, merchant: ShopMerchant) -> Router {
    let kassa = merchant.kassa_url.trim_end_matches('/').to_owned();
    let checkout_csp = format!(
        "default-src 'none'; script-src 'self' {kassa}; frame-src {kassa}; connect-src 'self'; \
         style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    );
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default();
    let shop = Shop(Arc::new(ShopInner {
        origin: origin.trim_end_matches('/').to_owned(),
        merchant: ShopMerchant {
            kassa_url: kassa,
            ..merchant
        },
        http,
        checkout_csp: HeaderValue::from_str(&checkout_csp)
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
        callbacks: Mutex::new(Vec::new()),
    }));
    Router::new()
        .route("/", get(cart))
        .route("/checkout", post(checkout_create))
        .route("/checkout/{invoice_id}", get(checkout_page))
        .route("/return/{outcome}", get(return_page))
        .route("/callback", post(callback))
        .route("/events", get(events))
        .route(
            "/shop.js",
            get(|| async { asset("text/javascript; charset=utf-8", SHOP_JS) }),
        )
        .route(
            "/shop.css",
            get(|| async { asset("text/css; charset=utf-8", SHOP_CSS) }),
        )
        .with_state(shop)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

/// A page of the shop: the layout, and `csp` (the strictest that page allows).
fn page(title: &str, main: &str, scripts: &str, csp: HeaderValue) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Kassa Demo Shop</title><link rel=\"stylesheet\" href=\"/shop.css\"></head>\
         <body><header><a class=\"brand\" href=\"/\">Kassa Demo Shop</a>\
         <p>The demo merchant's own site, on its own origin. At checkout, the payment form comes from Kassa.</p>\
         </header><main>{main}</main>{scripts}</body></html>",
        title = escape(title)
    );
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The policy of pages without the widget.
fn plain_csp() -> HeaderValue {
    HeaderValue::from_static(
        "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
}

use crate::html::escape;

/// `GET /`: the cart, and the button that creates the invoice.
async fn cart() -> Response {
    let main = "<h1>Your cart</h1>\
        <p class=\"item\">Demo order <strong>€15.04</strong> (up to 3 installments)</p>\
        <form method=\"post\" action=\"/checkout\">\
        <p><label><input type=\"checkbox\" name=\"redirect\" value=\"always\" data-testid=\"redirect-always\"> \
        After paying, go to the shop's return page (<code>redirect: 'always'</code>)</label></p>\
        <button type=\"submit\" data-testid=\"check-out\">Check out</button></form>";
    page("Cart", main, "", plain_csp())
}

/// `POST /checkout`: creates the invoice from the shop's server, as a
/// merchant does, then shows its checkout page.
async fn checkout_create(
    State(shop): State<Shop>,
    crate::extract::RawBody(form): crate::extract::RawBody,
) -> Response {
    let redirect_always = url::form_urlencoded::parse(&form)
        .any(|(name, value)| name == "redirect" && value == "always");
    match shop.create_invoice().await {
        Ok(invoice_id) => {
            let query = if redirect_always {
                "?redirect=always"
            } else {
                ""
            };
            Redirect::to(&format!("/checkout/{invoice_id}{query}")).into_response()
        }
        Err(message) => {
            tracing::error!(%message, "the demo shop could not create an invoice");
            let main = format!(
                "<h1>No invoice</h1><p>Kassa did not create the invoice: {}</p>",
                escape(&message)
            );
            let mut response = page("Error", &main, "", plain_csp());
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
    }
}

impl Shop {
    /// `POST /api/v1/invoices` with the merchant's API key; the new id.
    async fn create_invoice(&self) -> Result<String, String> {
        let shop = &self.0.origin;
        let reference = crate::ids::new_id("order");
        let body = serde_json::json!({
            "email": "shopper@example.com",
            "amount": "15.04",
            "currency": "EUR",
            "description": "Demo order",
            "reference": reference,
            "installments": 3,
            "success_url": format!("{shop}/return/success"),
            "cancel_url": format!("{shop}/return/cancel"),
            "pending_url": format!("{shop}/return/pending"),
            "failure_url": format!("{shop}/return/failure"),
            "callbackJson": {"cart": "demo"}
        });
        let response = self
            .0
            .http
            .post(format!("{}/api/v1/invoices", self.0.merchant.kassa_url))
            .header("API-KEY", &self.0.merchant.api_key)
            // One invoice per order, however often the request is retried.
            .header("Idempotency-Key", &reference)
            .json(&body)
            .send()
            .await
            .map_err(|error| error.to_string())?;
        let status = response.status();
        let answer: Value = response.json().await.map_err(|error| error.to_string())?;
        match answer["id"].as_str() {
            Some(id) if status.is_success() && crate::extract::is_invoice_id(id) => {
                Ok(id.to_owned())
            }
            _ => Err(answer["error"]["message"]
                .as_str()
                .unwrap_or("unexpected answer")
                .to_owned()),
        }
    }
}

/// `GET /checkout/{invoice_id}`: the shop's checkout page, with the widget.
async fn checkout_page(
    State(shop): State<Shop>,
    UrlPath(invoice_id): UrlPath<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if !crate::extract::is_invoice_id(&invoice_id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let redirect = if query.get("redirect").is_some_and(|value| value == "always") {
        "always"
    } else {
        "if_required"
    };
    let kassa = escape(&shop.0.merchant.kassa_url);
    let main = format!(
        "<h1>Checkout</h1><p class=\"item\">Demo order <strong>€15.04</strong></p>\
         <div id=\"pay\" data-invoice=\"{invoice_id}\" data-redirect=\"{redirect}\"></div>\
         <p id=\"result\" role=\"status\" data-testid=\"shop-result\"></p>\
         <section aria-labelledby=\"widget-events-title\"><h2 id=\"widget-events-title\">What the widget reported</h2>\
         <ol id=\"widget-events\" data-testid=\"widget-events\"></ol></section>\
         <section aria-labelledby=\"callbacks-title\"><h2 id=\"callbacks-title\">Callbacks the shop's server received</h2>\
         <p>Signed by Kassa with the demo merchant's callback secret; the shop verifies each signature \
         before keeping it. These, not the widget's events, are what a merchant ships an order on.</p>\
         <ol id=\"callbacks\" data-testid=\"callbacks\"></ol></section>"
    );
    let scripts = format!(
        "<script src=\"{kassa}/widget.js\" integrity=\"{integrity}\" crossorigin=\"anonymous\"></script>\
         <script src=\"/shop.js\"></script>",
        integrity = crate::widget::widget_js_integrity()
    );
    page("Checkout", &main, &scripts, shop.0.checkout_csp.clone())
}

/// `GET /return/{outcome}`: where Kassa sends the shopper with
/// `redirect: 'always'` (or from the hosted page). The query's signature is
/// checked, but the callback remains the truth.
async fn return_page(
    State(shop): State<Shop>,
    UrlPath(outcome): UrlPath<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let title = match outcome.as_str() {
        "success" => "Thank you: the payment went through.",
        "pending" => "Your payment is being processed.",
        "cancel" => "You canceled the payment.",
        "failure" => "The payment failed.",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    };
    let expected = crate::signing::redirect_signature(
        &shop.0.merchant.callback_secret,
        field("invoice_id"),
        field("status"),
    );
    // Two signatures while Kassa's callback secret is being rolled: one
    // made with the secret this shop holds is enough.
    let verified = pairs
        .iter()
        .filter(|(key, _)| key == "signature")
        .any(|(_, signature)| crate::secrets::hashes_match(signature, &expected));
    let main = format!(
        "<h1 data-testid=\"shop-outcome\">{title}</h1><p>Invoice <code>{invoice}</code>, status \
         <code>{status}</code>; the redirect's signature is <strong data-testid=\"redirect-signature\">{verified}</strong>.</p>\
         <p><a href=\"/\">Back to the shop</a></p>",
        invoice = escape(field("invoice_id")),
        status = escape(field("status")),
        verified = if verified { "valid" } else { "not valid" },
    );
    page("Order", &main, "", plain_csp())
}

/// `POST /callback`: verifies `Kassa-Signature` over the raw body, then keeps
/// the event (once per event id).
async fn callback(
    State(shop): State<Shop>,
    headers: HeaderMap,
    crate::extract::RawBody(body): crate::extract::RawBody,
) -> StatusCode {
    let signature = headers
        .get("kassa-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let verified = crate::signing::verify_callback_signature(
        &shop.0.merchant.callback_secret,
        signature,
        &body,
        now_ms() / 1000,
        SIGNATURE_TOLERANCE_SECONDS,
    );
    if !verified {
        tracing::warn!("the demo shop refused a callback with a bad signature");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(event) = serde_json::from_slice::<Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let received = Received {
        event_id: text(&event["id"]),
        kind: text(&event["type"]),
        invoice_id: text(&event["invoice"]["id"]),
        invoice_status: text(&event["invoice"]["status"]),
        received_at: crate::clock::rfc3339(now_ms()),
    };
    tracing::info!(
        event_id = %received.event_id,
        kind = %received.kind,
        invoice_id = %received.invoice_id,
        "the demo shop received a verified callback"
    );
    let mut callbacks = shop
        .0
        .callbacks
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Delivery is at least once: an event seen before is acknowledged again.
    if !callbacks
        .iter()
        .any(|seen| seen.event_id == received.event_id)
    {
        if callbacks.len() == KEPT_CALLBACKS {
            callbacks.remove(0);
        }
        callbacks.push(received);
    }
    StatusCode::NO_CONTENT
}

/// `GET /events?invoice=inv_…`: the verified callbacks, oldest first.
async fn events(
    State(shop): State<Shop>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let invoice = query.get("invoice");
    let callbacks: Vec<Received> = shop
        .0
        .callbacks
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .filter(|received| invoice.is_none_or(|id| &received.invoice_id == id))
        .cloned()
        .collect();
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "callbacks": callbacks })),
    )
        .into_response()
}
