//! `POST /api/v1/payments`: the merchant charges a customer's saved card
//! without the shopper (merchant-initiated), through the same path as every
//! other payment.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use kassa_api::{ChargeResponse, CreatePaymentRequest, ErrorBody, PayRequest};

use super::invoices::{IdempotencyKey, replay_charge, store_and_charge};
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::{AuthenticatedMerchant, RawBody, parse_json};
use crate::state::AppState;

/// `POST /api/v1/payments` with an `Idempotency-Key`: charges a saved card
/// for `amount`; the answer carries the outcome, and the usual signed
/// callbacks follow (`invoice.paid`, `invoice.failed`, …). The payment is an
/// invoice like any other: refunds, search and events apply.
#[utoipa::path(
    post,
    path = "/api/v1/payments",
    tag = "saved cards",
    summary = "Charge a saved card",
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 255, description = "Required: 1 to 255 visible characters. The same key and body get the first answer again (with `Idempotent-Replayed: true`), never a second charge; another body with the key is a 422 `idempotency_key.reused`.")),
    request_body(content = CreatePaymentRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Charged, declined or pending: `payment.status` says which.", body = ChargeResponse,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is a stored answer."))),
        (status = 400, description = "A field is not valid, the saved card is unknown (`payment_method.not_found`) or expired (`payment_method.expired`), or the Idempotency-Key is missing (`idempotency_key.required`).", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 409, description = "The Idempotency-Key belongs to a request still running.", body = ErrorBody),
        (status = 422, description = "The Idempotency-Key was used with another body, or the processor refused the request (`payment.rejected`).", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; nothing was charged.", body = ErrorBody),
        (status = 504, description = "The processor did not answer in time; the outcome follows by callback.", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn payments_create(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    let Some(key) = IdempotencyKey::from_headers(&state, &headers, "POST /api/v1/payments", &body)?
    else {
        return Err(ApiError::field(
            "idempotency_key.required",
            "Send an Idempotency-Key with every charge of a saved card, so a retry never charges twice.",
            "Idempotency-Key",
        ));
    };
    if let Some(stored) = replay_charge(&state, &merchant.id, &key).await? {
        return Ok(stored);
    }
    let request: CreatePaymentRequest = parse_json(&body)?;
    let now = now_ms();
    let invoice =
        crate::vault::merchant_initiated_invoice(&state, &merchant, &request, now).await?;
    let payment = PayRequest {
        payment_method: invoice.payment_method_id.clone(),
        ..PayRequest::default()
    };
    // No shopper is present: the attempts log records the loopback address.
    let client = std::net::IpAddr::from([127, 0, 0, 1]);
    store_and_charge(&state, invoice, &payment, client, Some(&key), now).await
}
