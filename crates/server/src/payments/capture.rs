//! Authorize now, take the money later: capturing or voiding an invoice
//! paid with `capture: "manual"`, and releasing the authorizations whose
//! merchant's window has passed.
//!
//! One capture or void at a time: each first takes the authorization with a
//! conditional UPDATE (`Store::claim_authorization`), so of twenty captures
//! sent at once one asks the processor and the others are told it is under
//! way. The processor call and the record run in their own task, as a
//! payment's do. A capture whose answer was lost keeps its hold until it
//! lapses; asking again then asks the processor again with the same
//! reference, which processors make idempotent, so the money is never taken
//! twice.

use std::time::Duration;

use axum::http::StatusCode;
use kassa_api::InvoiceStatus;
use kassa_card::Currency;
use kassa_processor::{CaptureRequest, ProcessorError, VoidRequest};

use crate::error::ApiError;
use crate::events::{event_of_kind, new_event};
use crate::state::AppState;
use crate::store::{AuthorizationEnd, IdempotentResponse, InvoiceRecord, StoreError};

/// How long the processor may take to answer a capture or void.
const PROCESSOR_TIMEOUT: Duration = Duration::from_secs(25);

/// How long a capture or void holds the authorization: the processor's time
/// and a margin. A capture that lost its answer can be asked again after it.
pub const HOLD_MS: i64 = 30_000;

/// What the merchant asks of an authorization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Take this much (minor units), or everything when `None`; the rest is
    /// released.
    Capture(Option<i64>),
    /// Release it all.
    Void,
}

/// Captures or voids `invoice` as `ending` says.
///
/// Asked again once done, it answers with the invoice and changes nothing:
/// capturing a captured invoice (the same amount, or none given) or voiding
/// a voided one is not an error.
///
/// # Errors
/// 400 `amount.exceeds_authorized` or a kassa-card amount code; 409
/// `invoice.<status>` when the invoice is not authorized, `capture.in_progress`
/// while another capture or void holds it; 422 `capture.rejected` when the
/// processor refuses; 502 when it cannot be reached (nothing changed); 504
/// when it did not answer in time (ask again after a minute).
pub async fn end_authorization(
    state: &AppState,
    invoice: &InvoiceRecord,
    ending: Ending,
    now: i64,
    idempotent_answer: impl FnOnce(&InvoiceRecord) -> Result<Option<IdempotentResponse>, ApiError>,
) -> Result<InvoiceRecord, ApiError> {
    if let Some(done) = already_done(invoice, ending)? {
        return Ok(done);
    }
    if let Ending::Capture(Some(amount)) = ending
        && (amount <= 0 || amount > invoice.charged_minor())
    {
        return Err(ApiError::field(
            "amount.exceeds_authorized",
            &format!(
                "Capture more than zero and at most the {} {} authorized.",
                crate::invoices::minor_string(invoice.charged_minor(), &invoice.currency),
                invoice.currency
            ),
            "amount",
        ));
    }
    let until = now + HOLD_MS;
    let Some(held) = state
        .store
        .claim_authorization(&invoice.id, &invoice.merchant_id, now, until)
        .await?
    else {
        // Another request came first: done already, or still asking.
        let current = state
            .store
            .invoice(&invoice.id)
            .await?
            .ok_or_else(crate::extract::not_found)?;
        if let Some(done) = already_done(&current, ending)? {
            return Ok(done);
        }
        return Err(ApiError::conflict(
            "capture.in_progress",
            "A capture or void of this invoice is under way. Ask again in a minute.",
        ));
    };
    let (status, captured_minor) = match ending {
        Ending::Capture(amount) => {
            let taken = amount.unwrap_or(held.charged_minor());
            let status = if taken < held.charged_minor() {
                InvoiceStatus::PartiallyCaptured
            } else {
                InvoiceStatus::Captured
            };
            (status, Some(taken))
        }
        Ending::Void => (InvoiceStatus::Voided, None),
    };
    let after = InvoiceRecord {
        status,
        captured_minor,
        capture_claim_until: None,
        updated_at: now,
        ..held.clone()
    };
    let stored = idempotent_answer(&after)?;
    let state = state.clone();
    tokio::spawn(async move {
        let end = AuthorizationEnd {
            id: &held.id,
            hold_until: until,
            status,
            captured_minor,
            now,
        };
        ask_and_record(&state, &held, ending, &end, stored).await
    })
    .await
    .map_err(ApiError::internal)?
}

/// The invoice as it stands when `ending` has already happened to it;
/// `None` when it is still to be done; an error when it cannot be.
fn already_done(
    invoice: &InvoiceRecord,
    ending: Ending,
) -> Result<Option<InvoiceRecord>, ApiError> {
    let status = invoice.status;
    match (ending, status) {
        (_, InvoiceStatus::Authorized) => Ok(None),
        (Ending::Capture(amount), InvoiceStatus::Captured | InvoiceStatus::PartiallyCaptured)
            if amount.is_none() || amount == invoice.captured_minor =>
        {
            Ok(Some(invoice.clone()))
        }
        (Ending::Void, InvoiceStatus::Voided) => Ok(Some(invoice.clone())),
        _ => Err(ApiError::conflict(
            &format!("invoice.{}", status.as_str()),
            &format!(
                "This invoice is {}; only an authorized invoice can be {}.",
                status.as_str().replace('_', " "),
                match ending {
                    Ending::Capture(_) => "captured",
                    Ending::Void => "voided",
                }
            ),
        )),
    }
}

/// Asks the processor, then records the outcome under the hold.
async fn ask_and_record(
    state: &AppState,
    held: &InvoiceRecord,
    ending: Ending,
    end: &AuthorizationEnd<'_>,
    stored: Option<IdempotentResponse>,
) -> Result<InvoiceRecord, ApiError> {
    let (until, now) = (end.hold_until, end.now);
    match tokio::time::timeout(PROCESSOR_TIMEOUT, ask(state, held, ending, now)).await {
        Ok(Ok(())) => {}
        Ok(Err(ProcessorError::Rejected { code })) => {
            state.store.release_authorization(&held.id, until).await?;
            tracing::warn!(invoice_id = %held.id, code, "processor refused the capture or void");
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "capture.rejected",
                "The processor refused this capture or void; the authorization is unchanged.",
                None,
            ));
        }
        Ok(Err(error)) => {
            state.store.release_authorization(&held.id, until).await?;
            tracing::warn!(invoice_id = %held.id, %error, "processor unavailable for a capture or void");
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                "processor.unavailable",
                "The processor could not be reached; the authorization is unchanged. Try again.",
                None,
            ));
        }
        Err(_) => {
            // Unknown outcome: the hold stays until it lapses, and asking
            // again then repeats the same (idempotent) request.
            tracing::error!(invoice_id = %held.id, "capture or void timed out; outcome unknown");
            return Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "processor.timeout",
                "The processor did not answer in time. Ask again in a minute; nothing is taken twice.",
                None,
            ));
        }
    }
    let finished = state
        .store
        .finish_authorization(end, &|invoice| new_event(invoice, now), stored.as_ref())
        .await;
    let finished = match finished {
        Ok(invoice) => invoice,
        Err(StoreError::Conflict) => {
            tracing::error!(invoice_id = %held.id, "the capture's hold lapsed before it was recorded; ask again to record it");
            return Err(ApiError::internal("capture hold lapsed"));
        }
        Err(error) => return Err(error.into()),
    };
    state.outbox_wakeup.notify_one();
    tracing::info!(invoice_id = %held.id, status = end.status.as_str(), "authorization ended");
    Ok(finished)
}

/// The processor's side of `ending`.
async fn ask(
    state: &AppState,
    held: &InvoiceRecord,
    ending: Ending,
    now: i64,
) -> Result<(), ProcessorError> {
    let processor = state
        .processors
        .get(state, held.processor_config_id.as_deref())
        .await
        .map_err(|_| ProcessorError::Unavailable)?;
    let currency = Currency::from_code(&held.currency).ok_or(ProcessorError::Rejected {
        code: "unknown_currency",
    })?;
    let transaction_ref = held.transaction_ref.as_deref().unwrap_or_default();
    match ending {
        Ending::Capture(amount) => processor
            .capture(&CaptureRequest {
                invoice_id: &held.id,
                transaction_ref,
                amount_minor: amount.unwrap_or(held.charged_minor()),
                authorized_minor: held.charged_minor(),
                currency,
                now_unix_ms: now,
            })
            .await
            .map(|_| ()),
        Ending::Void => {
            processor
                .void(&VoidRequest {
                    invoice_id: &held.id,
                    transaction_ref,
                    authorized_minor: held.charged_minor(),
                    currency,
                    now_unix_ms: now,
                })
                .await
        }
    }
}

/// Releases the authorizations their merchant's window has passed
/// (`authorization.expired`). The processor is asked to void each; if it
/// cannot be reached the authorization is still expired here, since the
/// card's issuer releases an uncaptured authorization on its own.
///
/// # Errors
/// A store error.
pub async fn expire_lapsed(state: &AppState, now: i64) -> Result<(), StoreError> {
    for invoice in state.store.lapsed_authorizations(now, 50).await? {
        let until = now + HOLD_MS;
        let Some(held) = state
            .store
            .claim_authorization(&invoice.id, &invoice.merchant_id, now, until)
            .await?
        else {
            continue;
        };
        if let Err(error) =
            tokio::time::timeout(PROCESSOR_TIMEOUT, ask(state, &held, Ending::Void, now))
                .await
                .unwrap_or(Err(ProcessorError::Unavailable))
        {
            tracing::warn!(invoice_id = %held.id, %error, "could not void a lapsed authorization; the issuer releases it in time");
        }
        match state
            .store
            .finish_authorization(
                &AuthorizationEnd {
                    id: &held.id,
                    hold_until: until,
                    status: InvoiceStatus::Expired,
                    captured_minor: None,
                    now,
                },
                &|invoice| event_of_kind(invoice, "authorization.expired", now),
                None,
            )
            .await
        {
            Ok(_) => {
                state.outbox_wakeup.notify_one();
                tracing::info!(invoice_id = %held.id, "authorization expired");
            }
            Err(StoreError::Conflict) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
