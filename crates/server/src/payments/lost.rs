//! Charges whose outcome was never recorded: the server died between
//! asking the processor and writing the answer, or gave up waiting.
//!
//! Before a card is charged, the payment writes the processor's look-up
//! token for the attempt onto the invoice (in the same statement that claims it), and the
//! invoice cannot be paid, cancelled or expired while it is there. Once the
//! payment's lease has lapsed, whichever instance's worker comes first asks
//! the processor that was charging ([`kassa_processor::Processor::settle`] with that token)
//! and records what it says, exactly as the payment would have: approved
//! (paid, with its callback), declined (an attempt used), or never charged
//! (the invoice is free again, nothing counted). A processor that cannot be
//! reached is asked again on the next pass; nothing is decided on a guess.

use kassa_api::InvoiceStatus;
use kassa_processor::{DeclineReason, PendingCharge, ProcessorError, Settlement};

use crate::clock::now_ms;
use crate::error::ApiError;
use crate::events::new_event;
use crate::state::AppState;
use crate::store::{InvoiceRecord, PaymentUpdate, StoreError};

/// Looks up one lost charge and records its outcome.
///
/// # Errors
/// An [`ApiError`] when the store fails or the processor's settings cannot
/// be read; the worker logs it and tries again on its next pass.
#[tracing::instrument(skip_all, fields(invoice_id = %invoice.id))]
pub async fn resolve(state: &AppState, invoice: &InvoiceRecord) -> Result<(), ApiError> {
    let (Some(token), Some(lease_until)) = (invoice.pending_token.as_deref(), invoice.lease_until)
    else {
        return Ok(());
    };
    let Ok(pending) = PendingCharge::from_token(token) else {
        // Never guess about money: an operator must look.
        tracing::error!("unreadable lost-charge token; the invoice stays locked");
        return Ok(());
    };
    let processor = state
        .processors
        .get(state, invoice.processor_config_id.as_deref())
        .await?;
    let now = now_ms();
    let settlement = match processor.settle(&pending, now).await {
        Ok(Some(settlement)) => settlement,
        Ok(None) => return Ok(()),
        Err(ProcessorError::Unavailable) => {
            tracing::warn!(
                processor = processor.name(),
                "lost charge: processor unavailable; asking again later"
            );
            return Ok(());
        }
        Err(error) => {
            tracing::error!(
                processor = processor.name(),
                code = error.code(),
                "lost charge: the processor refused the look-up; the invoice stays locked"
            );
            return Ok(());
        }
    };
    let attempt = invoice.attempts + 1;
    let max_attempts = super::max_attempts(state, invoice);
    let Some(card) = invoice.card.clone() else {
        tracing::error!("lost charge without its card summary; the invoice stays locked");
        return Ok(());
    };
    // A charge found only by looking it up keeps no card: the card's data
    // is gone with the request that carried it.
    let mut update = PaymentUpdate {
        status: invoice.approved_status(),
        ..super::undecided(invoice, attempt, card, None, lease_until, now)
    };
    match settlement {
        Settlement::NotCharged => {
            // Guarded by the lease the lost charge held: another instance
            // that resolved it first may have let a new payment start since.
            if state
                .store
                .release_payment_claim(&invoice.id, lease_until)
                .await?
            {
                tracing::info!(
                    processor = processor.name(),
                    "lost charge: never reached the processor; the invoice is open again"
                );
            }
            return Ok(());
        }
        Settlement::Succeeded(approval) => {
            update.authorization_code = Some(approval.authorization_code);
            update.transaction_ref = Some(approval.transaction_ref);
            update.avs_result = Some(approval.avs.code().to_owned());
            update.security_code_result = Some(approval.security_code.code().to_owned());
        }
        Settlement::Failed(decline) => {
            let final_decline = !decline.reason.is_retryable() || attempt >= max_attempts;
            update.status = if final_decline {
                InvoiceStatus::Failed
            } else {
                InvoiceStatus::Open
            };
            update.outcome = "declined";
            update.transaction_ref = Some(decline.transaction_ref);
            update.avs_result = Some(decline.avs.code().to_owned());
            update.security_code_result = Some(decline.security_code.code().to_owned());
            update.decline_code = Some(code_of(decline.reason));
        }
    }
    let after = super::applied(invoice, &update);
    let event = (after.status != InvoiceStatus::Open).then(|| new_event(&after, now));
    match state
        .store
        .record_payment(&update, None, event.as_ref(), None)
        .await
    {
        Ok(()) => {}
        // Another instance recorded it first.
        Err(StoreError::Conflict) => return Ok(()),
        Err(error) => return Err(error.into()),
    }
    state
        .metrics
        .payments
        .with_label_values(&[update.outcome])
        .inc();
    if event.is_some() {
        state.outbox_wakeup.notify_one();
    }
    tracing::info!(
        processor = processor.name(),
        outcome = update.outcome,
        status = after.status.as_str(),
        "lost charge recorded"
    );
    Ok(())
}

fn code_of(reason: DeclineReason) -> String {
    reason.code().to_owned()
}
