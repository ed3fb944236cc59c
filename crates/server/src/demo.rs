//! `kassa-server demo`: a demo merchant and invoice on the local database,
//! the checkout URL printed, and the server running. The demo merchant's
//! callbacks come back to this server (`POST /demo/callback`), which checks
//! their signature and logs them, so the whole loop is visible.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use kassa_api::CreateInvoiceRequest;

use crate::clock::now_ms;
use crate::settings::Settings;
use crate::startup::Application;
use crate::state::AppState;

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
    let callback_url = format!("{}/demo/callback", state.public_url);
    let merchant =
        crate::merchants::create_merchant(&state, "Kassa Demo Shop", &callback_url, &[], &[])
            .await
            .map_err(|error| error.body().error.message.clone())?;
    let shop = "http://localhost:8000/shop";
    let request: CreateInvoiceRequest = serde_json::from_value(serde_json::json!({
        "email": "shopper@example.com",
        "amount": "15.04",
        "currency": "EUR",
        "description": "Demo order #1",
        "reference": "demo-1",
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
        .merchant(&merchant.merchant_id)
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
    let base = &state.public_url;
    println!();
    println!("  Kassa demo is running at {base}");
    println!();
    println!(
        "  Invoice:       {}  (EUR 15.04, up to 3 installments)",
        invoice.id
    );
    println!("  Payment URL:   {base}/pay/{}", invoice.id);
    println!(
        "                 (the hosted page that will serve it is not built yet; pay through the API below)"
    );
    println!("  Checkout API:  {base}/api/v1/checkout/{}", invoice.id);
    println!();
    println!("  Demo merchant API key:  {}", merchant.api_key);
    println!("  Pay it from a terminal (test card 4242 4242 4242 4242):");
    println!(
        "    curl -s {base}/api/v1/checkout/{}/pay -H 'content-type: application/json' \\\n      -d '{{\"card\":{{\"number\":\"4242 4242 4242 4242\",\"expiry\":\"12/30\",\"cvv\":\"123\",\"name\":\"Ada Lovelace\"}}}}'",
        invoice.id
    );
    println!();
    app.run_until_stopped()
        .await
        .map_err(|error| error.to_string())
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
