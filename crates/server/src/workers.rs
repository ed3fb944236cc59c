//! Background work: delivering callbacks from the outbox, settling pending
//! payments, reconciling refunds left pending, expiring unpaid invoices.
//! Everything they act on is in the database, so a restart picks up where
//! the last run stopped.

use std::time::{Duration, Instant};

use kassa_api::InvoiceStatus;
use kassa_processor::{PendingCharge, ProcessorError, Settlement as ProcessorSettlement};
use rand::Rng;
use tokio::sync::watch;

use crate::clock::now_ms;
use crate::events::new_event;
use crate::signing::callback_signatures;
use crate::state::AppState;
use crate::store::{DeliveryOutcome, EventRecord, Settlement, StoreError};
use crate::url_policy::check_callback_target;

/// How long one instance holds an event while delivering it.
const EVENT_LEASE_MS: i64 = 120_000;
/// Events delivered per pass.
const BATCH: i64 = 32;

/// Runs the workers until `shutdown` turns true. A pass that is under way
/// finishes first, so no attempt is left half-recorded.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let interval = state.settings.worker_interval();
    loop {
        if let Err(error) = pass(&state).await {
            tracing::error!(%error, "worker pass failed");
        }
        tokio::select! {
            _ = shutdown.changed() => break,
            _ = state.outbox_wakeup.notified() => {}
            _ = tokio::time::sleep(interval) => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}

/// One pass. A failure with one invoice is logged and the pass goes on:
/// one bad row must not stop every merchant's callbacks.
async fn pass(state: &AppState) -> Result<(), StoreError> {
    let now = now_ms();
    match state.store.expired_open(now, BATCH).await {
        Ok(ids) => {
            for id in ids {
                if let Err(error) = expire(state, &id, now).await {
                    tracing::error!(invoice_id = %id, %error, "could not expire");
                }
            }
        }
        Err(error) => tracing::error!(%error, "could not list expired invoices"),
    }
    match state.store.lost_charges(now, BATCH).await {
        Ok(invoices) => {
            for invoice in invoices {
                if let Err(error) = crate::payments::lost::resolve(state, &invoice).await {
                    tracing::error!(invoice_id = %invoice.id, error = ?error.body().error.code, "could not resolve a lost charge");
                }
            }
        }
        Err(error) => tracing::error!(%error, "could not list lost charges"),
    }
    match state.store.pending_due(now, BATCH).await {
        Ok(invoices) => {
            for invoice in invoices {
                if let Err(error) = settle(state, &invoice).await {
                    tracing::error!(invoice_id = %invoice.id, %error, "could not settle");
                }
            }
        }
        Err(error) => tracing::error!(%error, "could not list pending invoices"),
    }
    if let Err(error) = crate::payments::capture::expire_lapsed(state, now).await {
        tracing::error!(%error, "could not expire lapsed authorizations");
    }
    // Refunds whose request died or timed out: asked about concurrently,
    // so a slow processor does not hold up the callbacks below.
    let mut reconciliations = tokio::task::JoinSet::new();
    match state
        .store
        .claim_stale_refunds(now, now + crate::refunds::REFUND_LEASE_MS, BATCH)
        .await
    {
        Ok(refunds) => {
            for refund in refunds {
                let state = state.clone();
                reconciliations.spawn(async move {
                    let id = refund.id.clone();
                    if let Err(error) = crate::refunds::reconcile(&state, refund).await {
                        tracing::error!(refund_id = %id, code = %error.body().error.code, "could not reconcile a refund");
                    }
                });
            }
        }
        Err(error) => tracing::error!(%error, "could not list pending refunds"),
    }
    if let Ok(backlog) = state.store.undelivered_events().await {
        state.metrics.callback_backlog.set(backlog);
    }
    // Deliver concurrently: one slow merchant must not hold up the others.
    // One invoice's events go one after another, oldest first, so a
    // merchant does not hear `invoice.paid` before the `invoice.pending`
    // that came first (a failed one does not hold the next back).
    let mut deliveries = tokio::task::JoinSet::new();
    let claimed = state
        .store
        .claim_due_events(now, now + EVENT_LEASE_MS, BATCH)
        .await?;
    for invoice_events in by_invoice_oldest_first(claimed) {
        let state = state.clone();
        deliveries.spawn(async move {
            let mut outcome = Ok(());
            for event in &invoice_events {
                if let Err(error) = deliver(&state, event).await {
                    outcome = Err(error);
                }
            }
            outcome
        });
    }
    while let Some(result) = deliveries.join_next().await {
        match result {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "could not record a delivery"),
            Err(error) => tracing::error!(%error, "delivery task failed"),
        }
    }
    while let Some(result) = reconciliations.join_next().await {
        if let Err(error) = result {
            tracing::error!(%error, "refund reconciliation task failed");
        }
    }
    Ok(())
}

/// Marks an open invoice past its expiry as expired, with its event.
///
/// # Errors
/// A store error.
pub async fn expire(state: &AppState, id: &str, now: i64) -> Result<(), StoreError> {
    let Some(invoice) = state.store.invoice(id).await? else {
        return Ok(());
    };
    let expired = crate::store::InvoiceRecord {
        status: InvoiceStatus::Expired,
        updated_at: now,
        ..invoice
    };
    let event = new_event(&expired, now);
    if state
        .store
        .transition(
            id,
            &[InvoiceStatus::Open],
            InvoiceStatus::Expired,
            &event,
            now,
            None,
        )
        .await?
    {
        state.outbox_wakeup.notify_one();
    }
    Ok(())
}

async fn settle(state: &AppState, invoice: &crate::store::InvoiceRecord) -> Result<(), StoreError> {
    let Some(token) = invoice.pending_token.as_deref() else {
        return Ok(());
    };
    let now = now_ms();
    // A pending payment the processor cannot settle (an unreadable token, or
    // a charge it does not know) fails, with its callback, rather than stay
    // pending forever; an unreachable processor is asked again later.
    let processor = match state
        .processors
        .get(state, invoice.processor_config_id.as_deref())
        .await
    {
        Ok(processor) => processor,
        Err(error) => {
            tracing::error!(invoice_id = %invoice.id, code = %error.body().error.code, "pending payment: its processor settings cannot be read; asking again later");
            return Ok(());
        }
    };
    // A look-up that finds nothing is believed only once the payment's
    // lease has passed since the charge started: a slow gateway may still
    // be making a charge whose answer Kassa gave up on.
    let grace = i64::try_from(state.settings.payment_lease_ms).unwrap_or(i64::MAX / 2);
    let answer = match PendingCharge::from_token(token) {
        Ok(pending) => match processor.settle(&pending, now).await {
            Ok(Some(ProcessorSettlement::NotCharged))
                if now < pending.settles_at_unix_ms.saturating_add(grace) =>
            {
                return Ok(());
            }
            Ok(Some(answer)) => Some(answer),
            Ok(None) => return Ok(()),
            Err(ProcessorError::Rejected {
                code: code @ "unknown_pending_charge",
            }) => {
                tracing::error!(invoice_id = %invoice.id, code, "processor does not know this pending charge");
                None
            }
            Err(ProcessorError::Rejected { code }) => {
                // The gateway refused the look-up itself: it says nothing
                // about the charge, so nothing is decided on it.
                tracing::warn!(invoice_id = %invoice.id, code, "settlement look-up refused; asking again later");
                return Ok(());
            }
            Err(error) => {
                tracing::warn!(invoice_id = %invoice.id, %error, "settlement check failed");
                return Ok(());
            }
        },
        Err(_) => {
            tracing::error!(invoice_id = %invoice.id, "unreadable pending token");
            None
        }
    };
    let (status, authorization_code, decline_code) = match &answer {
        Some(ProcessorSettlement::Succeeded(approval)) => (
            invoice.approved_status(),
            Some(approval.authorization_code.clone()),
            None,
        ),
        Some(ProcessorSettlement::Failed(decline)) => (
            InvoiceStatus::Failed,
            None,
            Some(decline.reason.code().to_owned()),
        ),
        // Nothing was charged (the processor has no such charge), or the
        // processor cannot settle it: the payment failed, and the merchant's
        // callback says so; the shopper may pay on a new invoice.
        Some(ProcessorSettlement::NotCharged) | None => (
            InvoiceStatus::Failed,
            None,
            Some(String::from("processing_error")),
        ),
    };
    let settled = crate::store::InvoiceRecord {
        status,
        authorization_code: authorization_code
            .clone()
            .or_else(|| invoice.authorization_code.clone()),
        decline_code: decline_code.clone(),
        pending_token: None,
        settle_at: None,
        updated_at: now,
        ..invoice.clone()
    };
    let event = new_event(&settled, now);
    let settlement = Settlement {
        invoice_id: invoice.id.clone(),
        status,
        authorization_code,
        decline_code,
        now,
    };
    if state.store.settle_payment(&settlement, &event).await? {
        tracing::info!(invoice_id = %invoice.id, status = status.as_str(), "pending payment settled");
        state.outbox_wakeup.notify_one();
    }
    Ok(())
}

/// `events` grouped by invoice, each group oldest first (by creation, then
/// id), the groups in the order their first event was claimed.
///
/// ```
/// # use kassa_server::store::EventRecord;
/// # let event = |id: &str, invoice: &str, created_at: i64| EventRecord { id: id.into(), merchant_id: "mer_1".into(), invoice_id: invoice.into(), kind: "invoice.paid".into(), payload: "{}".into(), created_at, attempts: 0 };
/// use kassa_server::workers::by_invoice_oldest_first;
/// let groups = by_invoice_oldest_first(vec![event("evt_b", "inv_1", 2), event("evt_c", "inv_2", 1), event("evt_a", "inv_1", 1)]);
/// let ids: Vec<Vec<&str>> = groups.iter().map(|group| group.iter().map(|event| event.id.as_str()).collect()).collect();
/// assert_eq!(ids, [vec!["evt_a", "evt_b"], vec!["evt_c"]]);
/// ```
pub fn by_invoice_oldest_first(
    events: Vec<crate::store::EventRecord>,
) -> Vec<Vec<crate::store::EventRecord>> {
    let mut groups: Vec<Vec<crate::store::EventRecord>> = Vec::new();
    for event in events {
        match groups
            .iter_mut()
            .find(|group| group[0].invoice_id == event.invoice_id)
        {
            Some(group) => group.push(event),
            None => groups.push(vec![event]),
        }
    }
    for group in &mut groups {
        group.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    }
    groups
}

/// POSTs one event to its merchant and records the attempt.
async fn deliver(state: &AppState, event: &EventRecord) -> Result<(), StoreError> {
    let started = Instant::now();
    let now = now_ms();
    let result = send(state, event, now).await;
    let duration_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let outcome = match result {
        Ok(status_code) if (200..300).contains(&status_code) => DeliveryOutcome::Delivered {
            status_code,
            at: now,
            duration_ms,
        },
        Ok(status_code) => failed(
            state,
            event,
            Some(status_code),
            format!("HTTP {status_code}"),
            now,
            duration_ms,
        ),
        Err(error) => failed(state, event, None, error, now, duration_ms),
    };
    let result = if matches!(outcome, DeliveryOutcome::Delivered { .. }) {
        "delivered"
    } else {
        "failed"
    };
    state.metrics.callbacks.with_label_values(&[result]).inc();
    if let DeliveryOutcome::Failed {
        error,
        next_attempt_at,
        ..
    } = &outcome
    {
        tracing::warn!(event_id = %event.id, %error, retry_at = ?next_attempt_at, "callback not delivered");
    } else {
        tracing::info!(event_id = %event.id, kind = %event.kind, "callback delivered");
    }
    state.store.record_delivery(&event.id, &outcome).await
}

async fn send(state: &AppState, event: &EventRecord, now: i64) -> Result<u16, String> {
    let merchant = state
        .store
        .merchant(&event.merchant_id)
        .await
        .map_err(|error| error.to_string())?
        .ok_or("merchant missing")?;
    let secrets = crate::signing::signing_secrets(state, &merchant, now)
        .map_err(|_| "callback secret cannot be opened".to_owned())?;
    let url = reqwest::Url::parse(&merchant.callback_url)
        .map_err(|_| "callback URL unreadable".to_owned())?;
    check_callback_target(&url, state.settings.allow_private_callbacks)
        .await
        .map_err(|error| error.message().to_owned())?;
    // A rolled secret signs too until its grace period ends.
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let signature = callback_signatures(&secrets, now.div_euclid(1000), event.payload.as_bytes());
    let response = state
        .http
        .post(url)
        .timeout(state.settings.callback_timeout())
        .header("content-type", "application/json")
        .header("user-agent", concat!("Kassa/", env!("CARGO_PKG_VERSION")))
        .header("kassa-event-id", &event.id)
        .header("kassa-signature", signature)
        .body(event.payload.clone())
        .send()
        .await
        .map_err(|error| {
            if error.is_timeout() {
                "timeout".to_owned()
            } else {
                "connection failed".to_owned()
            }
        })?;
    Ok(response.status().as_u16())
}

/// A failed attempt: retry with exponential backoff and jitter, or give up
/// once the event is older than the give-up age.
fn failed(
    state: &AppState,
    event: &EventRecord,
    status_code: Option<u16>,
    error: String,
    now: i64,
    duration_ms: i64,
) -> DeliveryOutcome {
    let settings = &state.settings;
    let give_up_at =
        event.created_at + i64::try_from(settings.callback_give_up_hours).unwrap_or(72) * 3_600_000;
    let delay = backoff(
        settings.callback_first_retry_ms,
        settings.callback_max_retry_ms,
        event.attempts + 1,
    );
    let next = now + i64::try_from(delay.as_millis()).unwrap_or(i64::MAX);
    DeliveryOutcome::Failed {
        status_code,
        error,
        at: now,
        duration_ms,
        next_attempt_at: (next <= give_up_at).then_some(next),
    }
}

/// `first × 2^(attempt−1)`, capped at `max`, then a random 50–100% of it so
/// retries from many events do not arrive in lockstep.
///
/// ```
/// use kassa_server::workers::backoff;
/// let delay = backoff(1_000, 60_000, 3);
/// assert!(delay.as_millis() >= 2_000 && delay.as_millis() <= 4_000);
/// assert!(backoff(1_000, 60_000, 30).as_millis() <= 60_000);
/// ```
pub fn backoff(first_ms: u64, max_ms: u64, attempt: u32) -> Duration {
    let exponential = first_ms
        .saturating_mul(1u64 << attempt.saturating_sub(1).min(40))
        .min(max_ms);
    let jittered = rand::rng().random_range(exponential / 2..=exponential.max(1));
    Duration::from_millis(jittered)
}
