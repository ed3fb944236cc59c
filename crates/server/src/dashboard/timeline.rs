//! An invoice's timeline: its events, oldest first, each with every try
//! at delivering its callback (status, duration, error) and the next retry.

use axum::Json;
use axum::extract::State;
use kassa_api::{
    DeliveryAttemptView, ErrorBody, InvoiceTimeline, PaymentAttemptView, TimelineEvent,
};

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::extract::{AuthenticatedMerchant, InvoiceId};
use crate::state::AppState;

/// `GET /api/v1/invoices/{id}/timeline`.
#[utoipa::path(
    get,
    path = "/api/v1/invoices/{id}/timeline",
    tag = "events",
    summary = "An invoice's events and callback deliveries",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits.")),
    responses(
        (status = 200, description = "Its events, oldest first, with their deliveries.", body = InvoiceTimeline),
        (status = 401, description = "No API key or session.", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub async fn invoice_timeline(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
) -> Result<Json<InvoiceTimeline>, ApiError> {
    let not_found =
        || ApiError::not_found("invoice.not_found", "There is no invoice with this id.");
    let invoice = state.store.invoice(&id).await?.ok_or_else(not_found)?;
    if invoice.merchant_id != merchant.id {
        return Err(not_found());
    }
    let (events, deliveries) = state.store.invoice_timeline(&merchant.id, &id).await?;
    let data = events
        .iter()
        .map(|event| {
            Ok(TimelineEvent {
                event: crate::event_log::view(event)?,
                deliveries: deliveries
                    .iter()
                    .filter(|delivery| delivery.event_id == event.id)
                    .map(|delivery| DeliveryAttemptView {
                        attempted_at: rfc3339(delivery.attempted_at),
                        status_code: delivery
                            .status_code
                            .and_then(|code| u16::try_from(code).ok()),
                        error: delivery.error.clone(),
                        duration_ms: u64::try_from(delivery.duration_ms).unwrap_or(0),
                    })
                    .collect(),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let attempts = state
        .store
        .invoice_attempts(&id)
        .await?
        .into_iter()
        .map(|attempt| PaymentAttemptView {
            attempt: u32::try_from(attempt.attempt).unwrap_or(0),
            at: rfc3339(attempt.created_at),
            outcome: attempt.outcome,
            decline_code: attempt.decline_code,
        })
        .collect();
    Ok(Json(InvoiceTimeline {
        data,
        redirect_url: invoice.redirect_url,
        attempts,
    }))
}
