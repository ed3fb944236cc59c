//! The checkout API, through gloo-net, with the kassa-api types the server
//! itself serializes: one definition of every message on both sides.

use gloo_net::http::{Request, Response};
use kassa_api::{CheckoutView, ErrorBody, PayRequest, PayResponse};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why a call did not produce the answer asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiFailure {
    /// No answer: offline, DNS, a dropped connection.
    Network,
    /// The server answered with an error body (4xx, 5xx).
    Refused {
        /// HTTP status.
        status: u16,
        /// The error, with field errors when there are any.
        body: ErrorBody,
    },
}

/// `GET /api/v1/checkout/{id}`.
///
/// # Errors
/// [`ApiFailure`] when the page cannot be shown.
pub async fn checkout_view(invoice_id: &str) -> Result<CheckoutView, ApiFailure> {
    let response = Request::get(&format!("/api/v1/checkout/{invoice_id}"))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response).await
}

/// `POST /api/v1/checkout/{id}/pay`. The same `idempotency_key` for a retry
/// after a lost answer means the card is never charged twice.
///
/// # Errors
/// [`ApiFailure`]: field errors come back as `Refused` with status 400.
pub async fn pay(
    invoice_id: &str,
    request: &PayRequest,
    idempotency_key: &str,
) -> Result<PayResponse, ApiFailure> {
    let response = Request::post(&format!("/api/v1/checkout/{invoice_id}/pay"))
        .header("Idempotency-Key", idempotency_key)
        .header("Content-Type", "application/json")
        .body(json_text(request).ok_or(ApiFailure::Network)?)
        .map_err(|_| ApiFailure::Network)?
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response).await
}

/// The answer to a cancel: where the merchant wants the shopper back.
#[derive(Clone, Debug, Deserialize)]
pub struct CancelAnswer {
    /// The merchant's cancel URL, signed.
    pub redirect_url: String,
}

/// `POST /api/v1/checkout/{id}/cancel`.
///
/// # Errors
/// [`ApiFailure`] when the cancel did not go through.
pub async fn cancel(invoice_id: &str) -> Result<CancelAnswer, ApiFailure> {
    let response = Request::post(&format!("/api/v1/checkout/{invoice_id}/cancel"))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response).await
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    if response.ok() {
        return parse(&response).await.ok_or(ApiFailure::Network);
    }
    let status = response.status();
    let body = parse::<ErrorBody>(&response)
        .await
        .unwrap_or_else(|| ErrorBody::new("http.status", "The server could not answer.", None));
    Err(ApiFailure::Refused { status, body })
}

// JSON goes through the browser's own `JSON.parse` and `JSON.stringify`
// and serde-wasm-bindgen, not serde_json: the page carries no JSON parser
// of its own (12.8 KB gzipped of the module; see docs/benchmarks.md).

/// The response body, parsed by the browser, as a `T`.
async fn parse<T: DeserializeOwned>(response: &Response) -> Option<T> {
    let text = response.text().await.ok()?;
    let value = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// `value` as JSON text, written by the browser.
fn json_text(value: &impl serde::Serialize) -> Option<String> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = value.serialize(&serializer).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}
