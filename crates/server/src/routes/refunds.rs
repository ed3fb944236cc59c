//! The merchant API for refunds: refund an invoice, list its refunds, read
//! one refund.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kassa_api::{CreateRefundRequest, ErrorBody, RefundList, RefundResponse};
use kassa_card::{Amount, Coded, Currency, Locale};

use super::invoices::{Begun, begin_idempotent, owned_invoice, replay};
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::{
    AuthenticatedMerchant, InvoiceId, RawBody, RefundId, parse_optional_json, refund_not_found,
};
use crate::refunds::{RefundKey, refund_response};
use crate::state::AppState;

/// `POST /api/v1/invoices/{id}/refunds`, with an optional `amount` (what
/// remains when absent) and `Idempotency-Key`. Refunds of one invoice never
/// together exceed what was paid; `refund.succeeded` follows each.
#[utoipa::path(
    post,
    path = "/api/v1/invoices/{id}/refunds",
    tag = "refunds",
    summary = "Refund an invoice",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 characters. The same key and body get the first answer again (with `Idempotent-Replayed: true`); another body with the key is a 422 `idempotency_key.reused`; a key whose request is still running is a 409 `idempotency_key.in_use`.")),
    request_body(content = Option<CreateRefundRequest>, content_type = "application/json", description = "Empty, or `{\"amount\": \"5.00\"}`."),
    responses(
        (status = 201, description = "Refunded.", body = RefundResponse,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is a stored answer."))),
        (status = 400, description = "The body or a field is not valid; `field` names it, `errors` lists every one.", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
        (status = 409, description = "Not paid (`invoice.<status>`), more than remains (`refund.exceeds_remaining`), or the key's refund is still running (`idempotency_key.in_use`).", body = ErrorBody),
        (status = 422, description = "The processor refused (`refund.rejected`), or the key was used with another body.", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; nothing was refunded.", body = ErrorBody),
        (status = 504, description = "The processor did not answer in time; the refund stays pending and is settled later (with its callback).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, invoice_id = %id))]
pub(super) async fn refunds_create(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    let path = format!("POST /api/v1/invoices/{id}/refunds");
    let idempotency = match begin_idempotent(&state, &merchant.id, &headers, &path, &body).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(key) => key,
    };
    let request: CreateRefundRequest = parse_optional_json(&body)?;
    let invoice = owned_invoice(&state, &merchant.id, &id).await?;
    let amount_minor = match &request.amount {
        None => None,
        Some(raw) => Some(parse_amount(raw, &invoice.currency)?),
    };
    let key = idempotency.as_ref().map(|key| RefundKey {
        key: key.key.clone(),
        request_hash: key.request_hash.clone(),
    });
    match crate::refunds::refund(&state, &invoice, amount_minor, key).await {
        Ok(refund) => Ok((StatusCode::CREATED, Json(refund)).into_response()),
        Err(error) => {
            // A concurrent request with the same key may have finished
            // meanwhile: answer as it did.
            if let Some(key) = &idempotency
                && let Some(stored) = replay(&state, &merchant.id, key).await?
            {
                return Ok(stored);
            }
            Err(error)
        }
    }
}

/// `GET /api/v1/invoices/{id}/refunds`: every refund of one of the
/// merchant's invoices, oldest first, failed and pending ones included.
#[utoipa::path(
    get,
    path = "/api/v1/invoices/{id}/refunds",
    tag = "refunds",
    summary = "List an invoice's refunds",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits.")),
    responses(
        (status = 200, description = "The refunds, oldest first.", body = RefundList),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, invoice_id = %id))]
pub(super) async fn refunds_list(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
) -> Result<Json<RefundList>, ApiError> {
    let invoice = owned_invoice(&state, &merchant.id, &id).await?;
    let now = now_ms();
    let refunds = state.store.refunds_of_invoice(&invoice.id).await?;
    Ok(Json(RefundList {
        data: refunds
            .iter()
            .map(|refund| refund_response(refund, &invoice, &state.public_url, now))
            .collect(),
    }))
}

/// `GET /api/v1/refunds/{id}`: one of the merchant's refunds, with its
/// invoice as it is now.
#[utoipa::path(
    get,
    path = "/api/v1/refunds/{id}",
    tag = "refunds",
    summary = "Read a refund",
    params(("id" = String, Path, description = "The refund id: `ref_` and 32 hex digits.")),
    responses(
        (status = 200, description = "The refund.", body = RefundResponse),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such refund, or another merchant's (`refund.not_found`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, refund_id = %id))]
pub(super) async fn refunds_get(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    RefundId(id): RefundId,
) -> Result<Json<RefundResponse>, ApiError> {
    let refund = match state.store.refund(&id).await? {
        // Another merchant's refund is as invisible as a missing one.
        Some(refund) if refund.merchant_id == merchant.id => refund,
        _ => return Err(refund_not_found()),
    };
    let invoice = owned_invoice(&state, &merchant.id, &refund.invoice_id).await?;
    Ok(Json(refund_response(
        &refund,
        &invoice,
        &state.public_url,
        now_ms(),
    )))
}

/// The refund amount in the invoice's minor units, with kassa-card's codes.
pub(super) fn parse_amount(
    raw: &serde_json::value::RawValue,
    currency: &str,
) -> Result<i64, ApiError> {
    let currency = Currency::from_code(currency)
        .ok_or_else(|| ApiError::internal("stored currency unknown"))?;
    let text = crate::invoices::amount_text(raw).ok_or_else(|| {
        ApiError::field(
            "amount.format",
            "Give the amount as a string or a number, with . for decimals.",
            "amount",
        )
    })?;
    Amount::parse(&text, currency)
        .map(Amount::to_minor_units)
        .map_err(|error| {
            ApiError::field(error.code().as_str(), error.message(Locale::En), "amount")
        })
}
