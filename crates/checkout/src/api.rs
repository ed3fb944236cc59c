//! The checkout API, through gloo-net, with the kassa-api types the server
//! itself serializes: one definition of every message on both sides.

use gloo_net::http::{Request, Response};
use kassa_api::{CheckoutView, ErrorBody, PayRequest, PayResponse};
use serde::Deserialize;

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
        .json(request)
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

async fn read<T: for<'de> Deserialize<'de>>(response: Response) -> Result<T, ApiFailure> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiFailure::Network);
    }
    let status = response.status();
    let body = response
        .json::<ErrorBody>()
        .await
        .unwrap_or_else(|_| ErrorBody::new("http.status", "The server could not answer.", None));
    Err(ApiFailure::Refused { status, body })
}
