//! The checkout API, through the browser's `fetch`, with the kassa-api
//! types the server itself serializes: one definition of every message on
//! both sides.
//!
//! `fetch` is called directly (web-sys) rather than through gloo-net: the
//! page needs a method, two headers, a text body and the answer's status and
//! text, and gloo-net's builder, error type and URL formatting (which keeps
//! `core::fmt` in the module) weighed more than that (docs/benchmarks.md,
//! session 12).

use js_sys::{Object, Reflect};
use kassa_api::{CheckoutView, ErrorBody, PayRequest, PayResponse};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
    let answer = fetch("GET", &path(invoice_id, ""), None).await?;
    read(answer, wire::checkout_view)
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
    let body = wire::pay_request_json(request).ok_or(ApiFailure::Network)?;
    let url = path(invoice_id, "/pay");
    let answer = fetch("POST", &url, Some((&body, idempotency_key))).await?;
    read(answer, wire::pay_response)
}

/// `POST /api/v1/checkout/{id}/cancel`.
///
/// # Errors
/// [`ApiFailure`] when the cancel did not go through.
pub async fn cancel(invoice_id: &str) -> Result<CancelAnswer, ApiFailure> {
    let answer = fetch("POST", &path(invoice_id, "/cancel"), None).await?;
    read(answer, wire::cancel_answer)
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
    let url = path(invoice_id, &["/challenges/", challenge_id].concat());
    let answer = fetch("GET", &url, None).await?;
    read(answer, wire::pay_response)
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
    let url = path(
        invoice_id,
        &["/challenges/", challenge_id, "/abandon"].concat(),
    );
    let answer = fetch("POST", &url, None).await?;
    read(answer, wire::pay_response)
}

/// `/api/v1/checkout/{id}{action}`.
fn path(invoice_id: &str, action: &str) -> String {
    ["/api/v1/checkout/", invoice_id, action].concat()
}

/// What came back: the status and the body's text (empty when it could
/// not be read).
struct Answer {
    status: u16,
    text: String,
}

/// One call with the browser's `fetch`: `method` on `url` (same origin),
/// with a JSON body and its `Idempotency-Key` when given.
///
/// # Errors
/// [`ApiFailure::Network`] when no answer came (offline, DNS, a dropped
/// connection).
async fn fetch(
    method: &str,
    url: &str,
    json_and_key: Option<(&str, &str)>,
) -> Result<Answer, ApiFailure> {
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some((json, idempotency_key)) = json_and_key {
        let headers = Object::new();
        for (name, value) in [
            ("Content-Type", "application/json"),
            ("Idempotency-Key", idempotency_key),
        ] {
            let _ = Reflect::set(&headers, &name.into(), &value.into());
        }
        init.set_headers(&headers);
        init.set_body(&json.into());
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .ok()
        .and_then(|response| response.dyn_into().ok())
        .ok_or(ApiFailure::Network)?;
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    Ok(Answer {
        status: response.status(),
        text: text.and_then(|text| text.as_string()).unwrap_or_default(),
    })
}

/// The answer as a `T` (read by `read_ok`), or why there is none.
fn read<T>(answer: Answer, read_ok: fn(JsValue) -> Option<T>) -> Result<T, ApiFailure> {
    // `Response.ok`: a status in 200–299.
    if (200..300).contains(&answer.status) {
        return wire::parse(&answer.text, read_ok).ok_or(ApiFailure::Network);
    }
    let body = wire::parse(&answer.text, wire::error_body)
        .unwrap_or_else(|| ErrorBody::new("http.status", "The server could not answer.", None));
    Err(ApiFailure::Refused {
        status: answer.status,
        body,
    })
}
