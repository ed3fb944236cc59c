//! Refunding a paid invoice: reserve the amount atomically, ask the
//! processor, then record the refund, the invoice's new state and the
//! `refund.succeeded` event in one transaction.
//!
//! The reservation (a conditional UPDATE of the invoice's reserved amount)
//! comes before the processor call, so concurrent refunds never together
//! exceed what was paid; a refund the processor refuses gives its
//! reservation back. As with payments, the processor call and the record run
//! in their own task, so a dropped request cannot leave a refund half-done.
//!
//! A refund whose process died (or whose processor call timed out) between
//! the reservation and the record stays `pending` under a lease; once the
//! lease lapses, the worker [`reconcile`]s it: it asks the processor again
//! with the same refund id (processors make refunds idempotent on it) and
//! records the answer as the request would have, `refund.succeeded`
//! callback and idempotent answer included.

use std::time::Duration;

use axum::http::StatusCode;
use kassa_api::{InvoiceStatus, RefundResponse, RefundStatus};
use kassa_card::Currency;
use kassa_processor::{ProcessorError, RefundConfirmation, RefundRequest};

use crate::clock::{now_ms, rfc3339};
use crate::error::ApiError;
use crate::events::refund_event;
use crate::invoices::{minor_string, response};
use crate::state::AppState;
use crate::store::{IdempotentResponse, InvoiceRecord, RefundRecord, RefundReservation};

/// How long the processor may take to confirm a refund.
const PROCESSOR_TIMEOUT: Duration = Duration::from_secs(25);

/// How long a pending refund is left to the request (or worker) asking the
/// processor about it: the processor's time, and a margin.
pub const REFUND_LEASE_MS: i64 = 30_000;

/// A merchant's `Idempotency-Key` for a refund, bound to its request.
#[derive(Clone, Debug)]
pub struct RefundKey {
    /// The key as sent.
    pub key: String,
    /// Keyed fingerprint of the route and body.
    pub request_hash: String,
}

/// Refunds `amount_minor` of `invoice` (what remains when `None`).
///
/// # Errors
/// 409 `invoice.<status>` when the invoice is not paid, 409
/// `refund.exceeds_remaining` when the amount is more than what is left,
/// 409 `idempotency_key.in_use` when the key belongs to a refund in flight,
/// 422 `refund.rejected` when the processor refuses, 502 when it cannot be
/// reached (nothing refunded), 504 when it did not answer in time.
pub async fn refund(
    state: &AppState,
    invoice: &InvoiceRecord,
    amount_minor: Option<i64>,
    key: Option<RefundKey>,
) -> Result<RefundResponse, ApiError> {
    let now = now_ms();
    ensure_refundable(invoice.status)?;
    let remaining = invoice.taken_minor() - invoice.refund_reserved_minor;
    let amount_minor = amount_minor.unwrap_or(remaining);
    if amount_minor <= 0 || amount_minor > remaining {
        return Err(exceeds(invoice, remaining));
    }
    let currency = Currency::from_code(&invoice.currency)
        .ok_or_else(|| ApiError::internal("stored currency unknown"))?;
    let transaction_ref = invoice
        .transaction_ref
        .clone()
        .ok_or_else(|| ApiError::internal("paid invoice without a transaction reference"))?;
    let record = RefundRecord {
        id: crate::ids::new_id("ref"),
        invoice_id: invoice.id.clone(),
        merchant_id: invoice.merchant_id.clone(),
        amount_minor,
        currency: invoice.currency.clone(),
        status: "pending".to_owned(),
        processor_ref: None,
        failure_code: None,
        idempotency_key: key.as_ref().map(|key| key.key.clone()),
        request_hash: key.as_ref().map(|key| key.request_hash.clone()),
        lease_until: Some(now + REFUND_LEASE_MS),
        created_at: now,
        updated_at: now,
    };
    match state.store.reserve_refund(&record).await? {
        RefundReservation::Reserved => {}
        RefundReservation::KeyInUse => {
            return Err(ApiError::conflict(
                "idempotency_key.in_use",
                "This Idempotency-Key is being used by another request.",
            ));
        }
        RefundReservation::ExceedsRemaining | RefundReservation::NotRefundable => {
            // Another refund (or a change of state) came first: say which.
            let current = state
                .store
                .invoice(&invoice.id)
                .await?
                .ok_or_else(crate::extract::not_found)?;
            ensure_refundable(current.status)?;
            return Err(exceeds(
                &current,
                current.taken_minor() - current.refund_reserved_minor,
            ));
        }
    }
    // The processor the invoice was charged on, whatever the merchant uses now.
    let processor = state
        .processors
        .get(state, invoice.processor_config_id.as_deref())
        .await?;
    let state = state.clone();
    tokio::spawn(async move {
        match ask_processor(processor.as_ref(), &record, &transaction_ref, currency).await {
            Ok(Ok(confirmation)) => {
                record_success(&state, record, confirmation.refund_ref, key).await
            }
            Ok(Err(error)) => {
                state
                    .store
                    .fail_refund(&record.id, error.code(), now_ms())
                    .await?;
                tracing::warn!(refund_id = %record.id, invoice_id = %record.invoice_id, code = error.code(), "refund failed");
                Err(match error {
                    ProcessorError::Rejected { .. } => ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "refund.rejected",
                        "The processor refused this refund. Nothing was refunded.",
                        None,
                    ),
                    _ => ApiError::new(
                        StatusCode::BAD_GATEWAY,
                        "processor.unavailable",
                        "The refund could not be processed right now. Nothing was refunded; try again.",
                        None,
                    ),
                })
            }
            Err(_) => {
                // Unknown outcome: the reservation stays, so nothing can be
                // refunded twice; the refund stays pending to reconcile.
                tracing::error!(refund_id = %record.id, invoice_id = %record.invoice_id, "processor timed out on a refund; outcome unknown");
                Err(ApiError::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    "processor.timeout",
                    "The refund's result is not known yet; Kassa asks the processor again and sends refund.succeeded if it went through. Do not refund again now.",
                    None,
                ))
            }
        }
    })
    .await
    .map_err(ApiError::internal)?
}

/// Asks the processor for `record`'s refund, within [`PROCESSOR_TIMEOUT`].
async fn ask_processor(
    processor: &dyn kassa_processor::Processor,
    record: &RefundRecord,
    transaction_ref: &str,
    currency: Currency,
) -> Result<Result<RefundConfirmation, ProcessorError>, tokio::time::error::Elapsed> {
    let request = RefundRequest {
        refund_id: &record.id,
        invoice_id: &record.invoice_id,
        transaction_ref,
        amount_minor: record.amount_minor,
        currency,
        now_unix_ms: now_ms(),
    };
    tokio::time::timeout(PROCESSOR_TIMEOUT, processor.refund(&request)).await
}

/// Settles a refund left pending past its lease (see the module's doc):
/// asks the processor again with the same refund id and records its answer.
/// A confirmation completes the refund with its `refund.succeeded` event and
/// the idempotent answer its key's retries get; a refusal fails it and gives
/// the reservation back. An unreachable or silent processor leaves it
/// pending, to ask again when the new lease lapses: the first call may have
/// reached it, so nothing is given back on a guess.
///
/// # Errors
/// An [`ApiError`] when the store fails.
#[tracing::instrument(skip_all, fields(refund_id = %record.id, invoice_id = %record.invoice_id))]
pub async fn reconcile(state: &AppState, record: RefundRecord) -> Result<(), ApiError> {
    let invoice = state.store.invoice(&record.invoice_id).await?;
    let config_id = invoice
        .as_ref()
        .and_then(|invoice| invoice.processor_config_id.clone());
    let transaction_ref = invoice.and_then(|invoice| invoice.transaction_ref);
    let (Some(transaction_ref), Some(currency)) =
        (transaction_ref, Currency::from_code(&record.currency))
    else {
        // Such a refund could never have reached the processor.
        state
            .store
            .fail_refund(&record.id, "processing_error", now_ms())
            .await?;
        tracing::error!("pending refund without a charge to refund; failed");
        return Ok(());
    };
    let key = record
        .idempotency_key
        .clone()
        .zip(record.request_hash.clone())
        .map(|(key, request_hash)| RefundKey { key, request_hash });
    let processor = state.processors.get(state, config_id.as_deref()).await?;
    match ask_processor(processor.as_ref(), &record, &transaction_ref, currency).await {
        Ok(Ok(confirmation)) => {
            record_success(state, record, confirmation.refund_ref, key).await?;
            tracing::info!("pending refund reconciled: succeeded");
        }
        Ok(Err(ProcessorError::Rejected { code })) => {
            state.store.fail_refund(&record.id, code, now_ms()).await?;
            tracing::warn!(code, "pending refund reconciled: the processor refused it");
        }
        Ok(Err(error)) => {
            tracing::warn!(
                code = error.code(),
                "pending refund: processor unavailable; asking again later"
            );
        }
        Err(_) => {
            tracing::warn!("pending refund: processor timed out; asking again later");
        }
    }
    Ok(())
}

/// The merchant API's view of a refund, with its invoice as it is now.
pub fn refund_response(
    record: &RefundRecord,
    invoice: &InvoiceRecord,
    public_url: &str,
    now: i64,
) -> RefundResponse {
    let status = match record.status.as_str() {
        "succeeded" => RefundStatus::Succeeded,
        "failed" => RefundStatus::Failed,
        _ => RefundStatus::Pending,
    };
    RefundResponse {
        id: record.id.clone(),
        invoice_id: record.invoice_id.clone(),
        amount: minor_string(record.amount_minor, &record.currency),
        currency: record.currency.clone(),
        status,
        failure_code: record.failure_code.clone(),
        created_at: rfc3339(record.created_at),
        invoice: response(invoice, public_url, now),
    }
}

/// Records a confirmed refund, its event and the idempotent answer.
async fn record_success(
    state: &AppState,
    mut record: RefundRecord,
    processor_ref: String,
    key: Option<RefundKey>,
) -> Result<RefundResponse, ApiError> {
    let now = now_ms();
    record.status = "succeeded".to_owned();
    record.processor_ref = Some(processor_ref);
    record.updated_at = now;
    let public_url = state.public_url.clone();
    let answer = |invoice: &InvoiceRecord| refund_response(&record, invoice, &public_url, now);
    let make_event = |invoice: &InvoiceRecord| refund_event(invoice, &record, now);
    let respond = |invoice: &InvoiceRecord| {
        let key = key.as_ref()?;
        Some(IdempotentResponse {
            merchant_id: record.merchant_id.clone(),
            key: key.key.clone(),
            request_hash: key.request_hash.clone(),
            status_code: StatusCode::CREATED.as_u16(),
            response_body: serde_json::to_string(&answer(invoice)).ok()?,
            created_at: now,
        })
    };
    let processor_ref = record.processor_ref.clone().unwrap_or_default();
    let invoice = state
        .store
        .complete_refund(&record.id, &processor_ref, now, &make_event, &respond)
        .await
        .inspect_err(|error| {
            tracing::error!(refund_id = %record.id, %error, processor_ref, "refund confirmed but not recorded; reconcile with the processor");
        })?;
    state.outbox_wakeup.notify_one();
    tracing::info!(refund_id = %record.id, invoice_id = %invoice.id, status = invoice.status.as_str(), "refunded");
    Ok(answer(&invoice))
}

/// Only paid invoices, partly refunded or not, can be refunded.
fn ensure_refundable(status: InvoiceStatus) -> Result<(), ApiError> {
    match status {
        InvoiceStatus::Paid
        | InvoiceStatus::PartiallyRefunded
        | InvoiceStatus::Captured
        | InvoiceStatus::PartiallyCaptured => Ok(()),
        InvoiceStatus::Refunded => Err(ApiError::conflict(
            "invoice.refunded",
            "This invoice is already fully refunded.",
        )),
        status => Err(ApiError::conflict(
            &format!("invoice.{}", status.as_str()),
            &format!(
                "This invoice is {} and cannot be refunded; only paid invoices can.",
                status.as_str().replace('_', " ")
            ),
        )),
    }
}

fn exceeds(invoice: &InvoiceRecord, remaining: i64) -> ApiError {
    ApiError::conflict(
        "refund.exceeds_remaining",
        &format!(
            "At most {} {} of this invoice can still be refunded.",
            minor_string(remaining.max(0), &invoice.currency),
            invoice.currency
        ),
    )
}
