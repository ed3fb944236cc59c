//! `POST /api/v1/invoices/{id}/capture` and `/void`: ending an
//! authorization (an invoice created with `capture: "manual"` and paid).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kassa_api::{CaptureInvoiceRequest, ErrorBody, InvoiceResponse};

use super::invoices::{Begun, begin_idempotent, owned_invoice, replay};
use super::refunds::parse_amount;
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::{AuthenticatedMerchant, InvoiceId, RawBody, parse_optional_json};
use crate::invoices::response;
use crate::payments::capture::{Ending, end_authorization};
use crate::state::AppState;
use crate::store::{IdempotentResponse, InvoiceRecord, MerchantRecord};

/// `POST /api/v1/invoices/{id}/capture`: takes the authorized amount, or
/// the smaller `amount` given (the rest is released); `payment.captured`
/// follows. Capturing a captured invoice again answers with it and takes
/// nothing more.
#[utoipa::path(
    post,
    path = "/api/v1/invoices/{id}/capture",
    tag = "invoices",
    summary = "Capture an authorization",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 characters. The same key and body get the first answer again (with `Idempotent-Replayed: true`); another body with the key is a 422 `idempotency_key.reused`.")),
    request_body(content = Option<CaptureInvoiceRequest>, content_type = "application/json", description = "Empty (capture everything), or `{\"amount\": \"10.00\"}`."),
    responses(
        (status = 200, description = "Captured: `status` is `captured` or `partially_captured`, `captured_amount` what was taken.", body = InvoiceResponse),
        (status = 400, description = "The body, the amount (`amount.exceeds_authorized`) or the Idempotency-Key is not valid.", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
        (status = 409, description = "Not authorized (`invoice.<status>`), or another capture or void is under way (`capture.in_progress`).", body = ErrorBody),
        (status = 422, description = "The processor refused (`capture.rejected`), or the Idempotency-Key was used with another request.", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; nothing was captured.", body = ErrorBody),
        (status = 504, description = "The processor did not answer in time; ask again in a minute (nothing is taken twice).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, invoice_id = %id))]
pub(super) async fn invoices_capture(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    let path = format!("POST /api/v1/invoices/{id}/capture");
    let idempotency = match begin_idempotent(&state, &merchant.id, &headers, &path, &body).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(key) => key,
    };
    let request: CaptureInvoiceRequest = parse_optional_json(&body)?;
    let invoice = owned_invoice(&state, &merchant.id, &id).await?;
    let amount = match &request.amount {
        None => None,
        Some(raw) => Some(parse_amount(raw, &invoice.currency)?),
    };
    end(
        &state,
        &merchant,
        &invoice,
        Ending::Capture(amount),
        idempotency,
    )
    .await
}

/// `POST /api/v1/invoices/{id}/void`: releases an authorization without
/// taking anything; `payment.voided` follows. Voiding a voided invoice
/// again answers with it.
#[utoipa::path(
    post,
    path = "/api/v1/invoices/{id}/void",
    tag = "invoices",
    summary = "Void an authorization",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 characters. The same key gets the first answer again (with `Idempotent-Replayed: true`).")),
    responses(
        (status = 200, description = "Voided: `status` is `voided`.", body = InvoiceResponse),
        (status = 400, description = "The Idempotency-Key is not 1 to 255 visible characters (`idempotency_key.format`).", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
        (status = 409, description = "Not authorized (`invoice.<status>`), or another capture or void is under way (`capture.in_progress`).", body = ErrorBody),
        (status = 422, description = "The processor refused (`capture.rejected`), or the Idempotency-Key was used with another request.", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; nothing changed.", body = ErrorBody),
        (status = 504, description = "The processor did not answer in time; ask again in a minute.", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, invoice_id = %id))]
pub(super) async fn invoices_void(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    let path = format!("POST /api/v1/invoices/{id}/void");
    let idempotency = match begin_idempotent(&state, &merchant.id, &headers, &path, &body).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(key) => key,
    };
    let invoice = owned_invoice(&state, &merchant.id, &id).await?;
    end(&state, &merchant, &invoice, Ending::Void, idempotency).await
}

/// Ends the authorization and answers with the invoice, storing the answer
/// for the Idempotency-Key in the same transaction.
async fn end(
    state: &AppState,
    merchant: &MerchantRecord,
    invoice: &InvoiceRecord,
    ending: Ending,
    idempotency: Option<super::invoices::IdempotencyKey>,
) -> Result<Response, ApiError> {
    let now = now_ms();
    let stored = |after: &InvoiceRecord| -> Result<Option<IdempotentResponse>, ApiError> {
        let Some(key) = &idempotency else {
            return Ok(None);
        };
        let body = serde_json::to_string(&response(after, &state.public_url, now))
            .map_err(ApiError::internal)?;
        Ok(Some(key.stored(&merchant.id, StatusCode::OK, &body, now)))
    };
    match end_authorization(state, invoice, ending, now, stored).await {
        Ok(after) => Ok(Json(response(&after, &state.public_url, now)).into_response()),
        Err(error) => {
            if let Some(key) = &idempotency
                && let Some(stored) = replay(state, &merchant.id, key).await?
            {
                return Ok(stored);
            }
            Err(error)
        }
    }
}
