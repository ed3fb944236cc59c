//! The checkout API, through gloo-net, with the kassa-api types the server
//! itself serializes: one definition of every message on both sides.

use gloo_net::http::{Request, Response};
use kassa_api::{CheckoutView, ErrorBody, PayRequest, PayResponse};
use wasm_bindgen::JsValue;

use crate::wire;
pub use crate::wire::CancelAnswer;

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
    let response = Request::get(&path(invoice_id, ""))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response, wire::checkout_view).await
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
    let response = Request::post(&path(invoice_id, "/pay"))
        .header("Idempotency-Key", idempotency_key)
        .header("Content-Type", "application/json")
        .body(wire::pay_request_json(request).ok_or(ApiFailure::Network)?)
        .map_err(|_| ApiFailure::Network)?
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response, wire::pay_response).await
}

/// `POST /api/v1/checkout/{id}/cancel`.
///
/// # Errors
/// [`ApiFailure`] when the cancel did not go through.
pub async fn cancel(invoice_id: &str) -> Result<CancelAnswer, ApiFailure> {
    let response = Request::post(&path(invoice_id, "/cancel"))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response, wire::cancel_answer).await
}

/// `GET /api/v1/checkout/{id}/challenges/{challenge_id}`: how a 3-D
/// Secure challenge stands (`status: "challenge"` while it waits).
///
/// # Errors
/// [`ApiFailure`]: 410 once it timed out unanswered.
pub async fn challenge_status(
    invoice_id: &str,
    challenge_id: &str,
) -> Result<PayResponse, ApiFailure> {
    let response = Request::get(&path(invoice_id, &["/challenges/", challenge_id].concat()))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    read(response, wire::pay_response).await
}

/// `POST /api/v1/checkout/{id}/challenges/{challenge_id}/abandon`: the
/// shopper closed the challenge.
///
/// # Errors
/// [`ApiFailure`] when it did not go through.
pub async fn abandon_challenge(
    invoice_id: &str,
    challenge_id: &str,
) -> Result<PayResponse, ApiFailure> {
    let response = Request::post(&path(
        invoice_id,
        &["/challenges/", challenge_id, "/abandon"].concat(),
    ))
    .send()
    .await
    .map_err(|_| ApiFailure::Network)?;
    read(response, wire::pay_response).await
}

/// `/api/v1/checkout/{id}{action}`.
fn path(invoice_id: &str, action: &str) -> String {
    ["/api/v1/checkout/", invoice_id, action].concat()
}

/// The answer as a `T` (read by `read_ok`), or why there is none.
async fn read<T>(response: Response, read_ok: fn(JsValue) -> Option<T>) -> Result<T, ApiFailure> {
    let text = response.text().await.ok();
    let text = text.as_deref().unwrap_or_default();
    if response.ok() {
        return wire::parse(text, read_ok).ok_or(ApiFailure::Network);
    }
    let body = wire::parse(text, wire::error_body)
        .unwrap_or_else(|| ErrorBody::new("http.status", "The server could not answer.", None));
    Err(ApiFailure::Refused {
        status: response.status(),
        body,
    })
}
