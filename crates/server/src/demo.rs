//! `kassa-server demo`: a demo merchant and invoice on the local database,
//! the checkout URL printed, and the server running, with the demo
//! merchant's own shop on the next port (`demo_shop`): it embeds the
//! checkout and receives the signed callbacks, so the whole loop is visible.
//! The hosted page's return URLs land on `/demo/shop/{outcome}` here.

use std::sync::OnceLock;

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kassa_api::CreateInvoiceRequest;

use crate::clock::now_ms;
use crate::settings::Settings;
use crate::startup::Application;
use crate::state::AppState;

/// The demo merchant, once `kassa-server demo` has created it: the shop
/// pages create further invoices for it. A process runs one demo at most.
static DEMO_MERCHANT: OnceLock<String> = OnceLock::new();

/// Runs the demo.
///
/// # Errors
/// A message when the server cannot start.
pub async fn run(mut settings: Settings) -> Result<(), String> {
    settings.allow_private_callbacks = true;
    let mut app = Application::build(settings)
        .await
        .map_err(|error| error.to_string())?;
    app.enable_demo();
    let state = app.state().clone();
    // The demo merchant's own shop, on the next port (a free one when that
    // is taken, or when the server's port is picked by the system): another
    // origin, which embeds the checkout and receives the callbacks.
    let (host, port) = state
        .settings
        .listen
        .rsplit_once(':')
        .unwrap_or(("127.0.0.1", "0"));
    let next_port = if port == "0" {
        0
    } else {
        app.port().saturating_add(1)
    };
    let shop = match crate::demo_shop::DemoShop::bind(&format!("{host}:{next_port}")).await {
        Ok(shop) => shop,
        Err(_) => crate::demo_shop::DemoShop::bind(&format!("{host}:0"))
            .await
            .map_err(|error| format!("the demo shop cannot listen: {error}"))?,
    };
    let shop_url = shop.origin().to_owned();
    let merchant = crate::merchants::create_merchant(
        &state,
        "Kassa Demo Shop",
        &shop.callback_url(),
        std::slice::from_ref(&shop_url),
        &[],
    )
    .await
    .map_err(|error| error.body().error.message.clone())?;
    let _ = DEMO_MERCHANT.set(merchant.merchant_id.clone());
    let shop_merchant = crate::demo_shop::ShopMerchant {
        kassa_url: state.public_url.to_string(),
        api_key: merchant.api_key.clone(),
        callback_secret: merchant.callback_secret.clone(),
    };
    tokio::spawn(async move {
        if let Err(error) = shop.run(shop_merchant).await {
            tracing::error!(%error, "the demo shop stopped");
        }
    });
    let invoice_id = create_demo_invoice(&state).await?;
    // The demo merchant's dashboard owner: an address of its own each run
    // (emails are unique and every run makes a new merchant), and a fresh
    // password printed once.
    let demo_email = format!("owner-{}@demo.kassa.test", &merchant.merchant_id[4..12]);
    let demo_password = crate::ids::random_hex(8);
    crate::dashboard::users::create_user(
        &state,
        &merchant.merchant_id,
        &demo_email,
        crate::dashboard::users::Role::Owner,
        &demo_password,
    )
    .await
    .map_err(|error| error.body().error.message.clone())?;
    let base = &state.public_url;
    println!();
    println!("  Kassa demo is running at {base}");
    println!();
    println!("  Open the checkout page in a browser:");
    println!();
    println!("      {base}/pay/{invoice_id}");
    println!();
    println!("  (EUR 15.04, up to 3 installments; test card 4242 4242 4242 4242, any future");
    println!(
        "   expiry, any CVC; 4000 0000 0000 9995 is declined. More in crates/processor/README.md.)"
    );
    println!();
    println!("  Or shop at the demo merchant's own site, which embeds the checkout (widget.js)");
    println!("  and shows the signed callbacks it receives:");
    println!();
    println!("      {shop_url}");
    println!();
    println!("  The merchant dashboard (payments, refunds, keys, settings):");
    println!();
    println!("      {base}/dashboard");
    println!();
    println!("      email:     {demo_email}");
    println!("      password:  {demo_password}");
    println!();
    println!("  Demo merchant API key:  {}", merchant.api_key);
    println!("  Checkout API:           {base}/api/v1/checkout/{invoice_id}");
    if !state.page_dir.join("index.html").is_file() {
        println!();
        println!(
            "  The checkout page is not built: run `cargo xtask page` (or `cargo xtask run`)."
        );
    }
    println!();
    app.run_until_stopped()
        .await
        .map_err(|error| error.to_string())
}

/// Creates an invoice for the demo merchant whose return pages are the demo
/// shop's (`/demo/shop/{outcome}`); returns its id.
async fn create_demo_invoice(state: &AppState) -> Result<String, String> {
    let merchant_id = DEMO_MERCHANT.get().ok_or("the demo is not running")?;
    let shop = format!("{}/demo/shop", state.public_url);
    let request: CreateInvoiceRequest = serde_json::from_value(serde_json::json!({
        "email": "shopper@example.com",
        "amount": "15.04",
        "currency": "EUR",
        "description": "Demo order",
        "reference": crate::ids::new_id("demo"),
        "installments": 3,
        "success_url": format!("{shop}/success"),
        "cancel_url": format!("{shop}/cancel"),
        "pending_url": format!("{shop}/pending"),
        "failure_url": format!("{shop}/failure"),
        "callbackJson": {"order": 1}
    }))
    .map_err(|error| error.to_string())?;
    let record = state
        .store
        .merchant(merchant_id)
        .await
        .map_err(|error| error.to_string())?
        .ok_or("demo merchant missing")?;
    let invoice = crate::invoices::validate_new(
        &request,
        &record,
        &state.settings,
        crate::ids::new_id("inv"),
        now_ms(),
    )
    .map_err(|error| error.body().error.message.clone())?;
    state
        .store
        .create_invoice(&invoice, None)
        .await
        .map_err(|error| error.to_string())?;
    Ok(invoice.id)
}

/// `GET /demo/shop/{outcome}`: where the demo shopper lands after paying,
/// canceling or failing, with a button for another demo order.
#[utoipa::path(
    get,
    path = "/demo/shop/{outcome}",
    tag = "demo",
    summary = "The demo shop's return pages",
    params(("outcome" = String, Path, description = "`success`, `pending`, `cancel` or `failure`.")),
    responses(
        (status = 200, description = "The page.", content_type = "text/html"),
        (status = 404, description = "Not running `kassa-server demo`, or no such page."),
    ),
)]
pub(crate) async fn demo_shop(
    State(state): State<AppState>,
    UrlPath(outcome): UrlPath<String>,
) -> Response {
    if !state.demo {
        return StatusCode::NOT_FOUND.into_response();
    }
    let title = match outcome.as_str() {
        "success" => "Thank you: the payment went through.",
        "pending" => "Your payment is being processed.",
        "cancel" => "You canceled the payment.",
        "failure" => "The payment failed.",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>Kassa Demo Shop</title></head><body><main>\
         <h1 data-testid=\"demo-outcome\">{title}</h1><p>This is the demo merchant's page. Its server got a \
         signed callback too (see the server's log).</p><form method=\"post\" action=\"/demo/new\">\
         <button type=\"submit\">Pay another demo order</button></form></main></body></html>"
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
            ),
        ],
        html,
    )
        .into_response()
}

/// `POST /demo/new`: a fresh demo invoice, and off to its checkout page.
#[utoipa::path(
    post,
    path = "/demo/new",
    tag = "demo",
    summary = "A new demo invoice",
    responses(
        (status = 303, description = "To the new invoice's checkout page."),
        (status = 404, description = "Not running `kassa-server demo`."),
    ),
)]
pub(crate) async fn demo_new(State(state): State<AppState>) -> Response {
    if !state.demo {
        return StatusCode::NOT_FOUND.into_response();
    }
    match create_demo_invoice(&state).await {
        Ok(id) => Redirect::to(&format!("/pay/{id}")).into_response(),
        Err(message) => {
            tracing::error!(%message, "demo invoice not created");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `POST /demo/callback`: verifies the signature and logs the event.
#[utoipa::path(
    post,
    path = "/demo/callback",
    tag = "demo",
    summary = "The demo merchant's callback receiver",
    request_body(content = Object, description = "A callback (`CallbackEvent`).", content_type = "application/json"),
    responses(
        (status = 204, description = "The signature is valid."),
        (status = 401, description = "The signature is not valid."),
        (status = 404, description = "Not running `kassa-server demo`."),
    ),
)]
pub(crate) async fn demo_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    crate::extract::RawBody(body): crate::extract::RawBody,
) -> StatusCode {
    if !state.demo {
        return StatusCode::NOT_FOUND;
    }
    let signature = headers
        .get("kassa-signature")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let event_id = headers
        .get("kassa-event-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let verified = demo_secrets_verify(&state, signature, &body).await;
    tracing::info!(event_id, verified, "demo merchant received a callback");
    if verified {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::UNAUTHORIZED
    }
}

/// Checks the signature against any merchant's secret (the demo has one).
async fn demo_secrets_verify(state: &AppState, signature: &str, body: &[u8]) -> bool {
    let Ok(event) = serde_json::from_slice::<serde_json::Value>(body) else {
        return false;
    };
    let Some(invoice_id) = event["invoice"]["id"].as_str() else {
        return false;
    };
    let Ok(Some(invoice)) = state.store.invoice(invoice_id).await else {
        return false;
    };
    let Ok(Some(merchant)) = state.store.merchant(&invoice.merchant_id).await else {
        return false;
    };
    let Ok(secret) = state.sealing_key.open(&merchant.callback_secret_sealed) else {
        return false;
    };
    crate::signing::verify_callback_signature(&secret, signature, body, now_ms() / 1000, 300)
}
