//! Paying an invoice: validate again with kassa-card, take the invoice's
//! payment lease, charge, record the outcome and its event atomically, and
//! answer with where the browser goes next.

use std::net::IpAddr;

use axum::http::StatusCode;
use kassa_api::{CardSummary, ErrorDetail, InvoiceStatus, PayRequest, PayResponse, PayStatus};
use kassa_card::{
    AddressInput, BillingAddress, Brand, CardNumber, CardholderName, Coded, Currency, Email,
    Expiry, Locale, Phone, SecurityCode,
};
use kassa_processor::{ChargeOutcome, ChargeRequest};

use crate::clock::{date_of, now_ms};
use crate::error::ApiError;
use crate::events::new_event;
use crate::invoices::visible_status;
use crate::state::AppState;
use crate::store::{IdempotentResponse, InvoiceRecord, PaymentUpdate};

/// How long a payment may hold an invoice: far above any processor timeout.
const LEASE_MS: i64 = 60_000;

/// A validated payment request.
struct ValidPayment {
    card: CardNumber,
    network: Brand,
    expiry: Expiry,
    security_code: Option<SecurityCode>,
    holder: CardholderName,
    billing: Option<BillingAddress>,
    installments: u8,
}

/// Handles `POST /api/v1/checkout/{id}/pay`.
///
/// # Errors
/// 400 with field errors, 404, 409 (not payable, or a payment in flight),
/// 410 (expired), 429 (too many attempts from this address), 502 when the
/// processor cannot be reached.
pub async fn pay(
    state: &AppState,
    invoice_id: &str,
    request: &PayRequest,
    client: IpAddr,
    key: Option<&PayKey>,
) -> Result<PayResponse, ApiError> {
    let now = now_ms();
    if !state.pay_limiter.allow(client, now) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many payment attempts from this address. Wait a minute and try again.",
            None,
        ));
    }
    let invoice = state
        .store
        .invoice(invoice_id)
        .await?
        .ok_or_else(crate::extract::not_found)?;
    if let Some(key) = key
        && let Some(answer) = replay(state, &invoice, key).await?
    {
        return Ok(answer);
    }
    ensure_payable(state, &invoice, now).await?;
    let locale = Locale::parse(invoice.locale.as_deref().unwrap_or("en"));
    let payment = validate(request, &invoice, locale, now)?;

    if !state
        .store
        .claim_for_payment(invoice_id, now, now + LEASE_MS)
        .await?
    {
        return Err(ApiError::conflict(
            "payment.in_progress",
            "A payment for this invoice is already being processed.",
        ));
    }
    let attempt = invoice.attempts + 1;
    let currency = Currency::from_code(&invoice.currency)
        .ok_or_else(|| ApiError::internal("stored currency unknown"))?;
    let charge = ChargeRequest {
        invoice_id,
        attempt,
        amount_minor: invoice.amount_minor,
        currency,
        card: &payment.card,
        expiry: payment.expiry,
        security_code: payment.security_code.as_ref(),
        holder: &payment.holder,
        billing: payment.billing.as_ref(),
        installments: payment.installments,
        network: payment.network,
        now_unix_ms: now,
    };
    let outcome = match state.processor.charge(&charge).await {
        Ok(outcome) => outcome,
        Err(error) => {
            // Nothing was charged: give the invoice back for another try.
            state.store.release_payment_claim(invoice_id).await?;
            tracing::warn!(invoice_id, %error, "processor unavailable");
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                "processor.unavailable",
                "The payment could not be processed right now. Nothing was charged; try again.",
                None,
            ));
        }
    };
    record(
        state, &invoice, &payment, outcome, attempt, client, locale, key, now,
    )
    .await
}

/// An `Idempotency-Key` the page sent with a payment, bound to its body: a
/// browser that lost the answer and retries gets the first answer again.
#[derive(Clone, Debug)]
pub struct PayKey {
    /// The key as sent.
    pub key: String,
    /// Keyed fingerprint of the request body (see `SealingKey::fingerprint`).
    pub request_hash: String,
}

impl PayKey {
    /// Payment keys live beside merchants' keys, scoped to the invoice.
    fn storage_key(&self, invoice_id: &str) -> String {
        format!("pay:{invoice_id}:{}", self.key)
    }
}

/// The stored answer for a payment key; 422 when the key came with another body.
async fn replay(
    state: &AppState,
    invoice: &InvoiceRecord,
    key: &PayKey,
) -> Result<Option<PayResponse>, ApiError> {
    let Some(stored) = state
        .store
        .idempotent_response(&invoice.merchant_id, &key.storage_key(&invoice.id))
        .await?
    else {
        return Ok(None);
    };
    if !crate::secrets::hashes_match(&stored.request_hash, &key.request_hash) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key.reused",
            "This Idempotency-Key was used with a different request.",
            Some("Idempotency-Key"),
        ));
    }
    serde_json::from_str(&stored.response_body)
        .map(Some)
        .map_err(ApiError::internal)
}

/// Refuses invoices that cannot be paid, expiring an overdue one on the way.
async fn ensure_payable(
    state: &AppState,
    invoice: &InvoiceRecord,
    now: i64,
) -> Result<(), ApiError> {
    match visible_status(invoice, now) {
        InvoiceStatus::Open if invoice.attempts >= state.settings.max_payment_attempts => {
            Err(ApiError::conflict(
                "invoice.attempts_exhausted",
                "This invoice has no payment attempts left.",
            ))
        }
        InvoiceStatus::Open => Ok(()),
        InvoiceStatus::Expired => {
            crate::workers::expire(state, &invoice.id, now).await?;
            Err(ApiError::new(
                StatusCode::GONE,
                "invoice.expired",
                "This invoice has expired.",
                None,
            ))
        }
        status => Err(ApiError::conflict(
            &format!("invoice.{}", status.as_str()),
            &format!(
                "This invoice is {} and cannot be paid.",
                status.as_str().replace('_', " ")
            ),
        )),
    }
}

/// Checks every field with kassa-card, collecting all problems.
fn validate(
    request: &PayRequest,
    invoice: &InvoiceRecord,
    locale: Locale,
    now: i64,
) -> Result<ValidPayment, ApiError> {
    let mut problems: Vec<ErrorDetail> = Vec::new();
    let mut report = |error: &dyn Coded, field: &str| {
        problems.push(ErrorDetail {
            code: error.code().as_str().to_owned(),
            message: error.message(locale).to_owned(),
            field: Some(field.to_owned()),
        });
    };
    let today = date_of(now).ok_or_else(|| ApiError::internal("clock out of range"))?;

    let card = CardNumber::parse(&request.card.number)
        .map_err(|error| report(&error, "card.number"))
        .ok();
    let expiry = Expiry::parse_valid(&request.card.expiry, today)
        .map_err(|error| report(&error, "card.expiry"))
        .ok();
    let brand = card.as_ref().map(CardNumber::brand);
    let security_code = SecurityCode::parse_optional(&request.card.cvv, brand)
        .map_err(|error| report(&error, "card.cvv"))
        .ok();
    let holder = CardholderName::parse(&request.card.name)
        .map_err(|error| report(&error, "card.name"))
        .ok();
    let billing = request.billing_address.as_ref().and_then(|address| {
        let input = AddressInput {
            line1: &address.line1,
            line2: &address.line2,
            city: &address.city,
            region: &address.region,
            postal_code: &address.postal_code,
            country: &address.country,
        };
        BillingAddress::parse(&input)
            .map_err(|errors| {
                for code in errors.codes() {
                    problems_push(&mut report, code);
                }
            })
            .ok()
    });
    if let Some(email) = request
        .email
        .as_deref()
        .filter(|email| !email.trim().is_empty())
        && let Err(error) = Email::parse(email)
    {
        report(&error, "email");
    }
    if let Some(phone) = request
        .phone
        .as_deref()
        .filter(|phone| !phone.trim().is_empty())
    {
        let country = billing.as_ref().map(BillingAddress::country);
        if let Err(error) = Phone::parse(phone, country) {
            report(&error, "phone");
        }
    }
    let installments = request.installments.unwrap_or(1);
    let installments_ok = (1..=invoice.installments_max).contains(&installments);
    let network = match (&card, request.network.as_deref()) {
        (Some(card), Some(chosen)) => {
            Brand::from_name(chosen).filter(|brand| card.networks().contains(*brand))
        }
        (Some(card), None) => Some(card.brand()),
        (None, _) => None,
    };
    let network_ok = card.is_none() || network.is_some();

    if !installments_ok {
        problems.push(ErrorDetail {
            code: "installments.count".into(),
            message: format!(
                "Choose between 1 and {} payments.",
                invoice.installments_max
            ),
            field: Some("installments".into()),
        });
    }
    if !network_ok {
        problems.push(ErrorDetail {
            code: "network.not_available".into(),
            message: "This card does not run on the chosen network.".into(),
            field: Some("network".into()),
        });
    }
    match (card, expiry, security_code, holder, network) {
        (Some(card), Some(expiry), Some(security_code), Some(holder), Some(network))
            if problems.is_empty() =>
        {
            Ok(ValidPayment {
                card,
                network,
                expiry,
                security_code,
                holder,
                billing,
                installments,
            })
        }
        _ => Err(ApiError::fields(problems)),
    }
}

/// Reports an address error code under its `billing_address.<field>` name.
fn problems_push(report: &mut impl FnMut(&dyn Coded, &str), code: kassa_card::ErrorCode) {
    struct Code(kassa_card::ErrorCode);
    impl Coded for Code {
        fn code(&self) -> kassa_card::ErrorCode {
            self.0
        }
    }
    let field = format!("billing_address.{}", code.field());
    report(&Code(code), &field);
}

/// Writes the outcome and its event in one transaction, then answers.
#[allow(clippy::too_many_arguments)]
async fn record(
    state: &AppState,
    invoice: &InvoiceRecord,
    payment: &ValidPayment,
    outcome: ChargeOutcome,
    attempt: u32,
    client: IpAddr,
    locale: Locale,
    key: Option<&PayKey>,
    now: i64,
) -> Result<PayResponse, ApiError> {
    let max_attempts = state.settings.max_payment_attempts;
    let card = CardSummary {
        brand: payment.network.id().to_owned(),
        masked: payment.card.masked(),
        bin: payment.card.bin().to_owned(),
        last4: payment.card.last4().to_owned(),
        exp_month: payment.expiry.month(),
        exp_year: payment.expiry.year(),
        holder_name: payment.holder.as_str().to_owned(),
    };
    let mut update = PaymentUpdate {
        invoice_id: invoice.id.clone(),
        attempt,
        status: InvoiceStatus::Open,
        outcome: "approved",
        card,
        authorization_code: None,
        transaction_ref: None,
        avs_result: None,
        security_code_result: None,
        installments: payment.installments,
        decline_code: None,
        pending_token: None,
        settle_at: None,
        client_ip: Some(client.to_string()),
        now,
    };
    let mut decline = None;
    match outcome {
        ChargeOutcome::Approved(approval) => {
            update.status = InvoiceStatus::Paid;
            update.authorization_code = Some(approval.authorization_code);
            update.transaction_ref = Some(approval.transaction_ref);
            update.avs_result = Some(approval.avs.code().to_owned());
            update.security_code_result = Some(approval.security_code.code().to_owned());
        }
        ChargeOutcome::Declined(declined) => {
            let final_decline = !declined.reason.is_retryable() || attempt >= max_attempts;
            update.status = if final_decline {
                InvoiceStatus::Failed
            } else {
                InvoiceStatus::Open
            };
            update.outcome = "declined";
            update.transaction_ref = Some(declined.transaction_ref);
            update.avs_result = Some(declined.avs.code().to_owned());
            update.security_code_result = Some(declined.security_code.code().to_owned());
            update.decline_code = Some(declined.reason.code().to_owned());
            decline = Some(declined.reason);
        }
        ChargeOutcome::Pending(pending) => {
            update.status = InvoiceStatus::Pending;
            update.outcome = "pending";
            update.transaction_ref = Some(pending.transaction_ref.clone());
            update.avs_result = Some(pending.avs.code().to_owned());
            update.security_code_result = Some(pending.security_code.code().to_owned());
            update.settle_at = Some(pending.settles_at_unix_ms);
            update.pending_token = Some(pending.to_token());
        }
    }
    let after = applied(invoice, &update);
    let event = (after.status != InvoiceStatus::Open).then(|| new_event(&after, now));
    // The answer is fixed before anything is written, so that an idempotent
    // copy of it commits together with the payment.
    let merchant = state
        .store
        .merchant(&invoice.merchant_id)
        .await?
        .ok_or_else(|| ApiError::internal("merchant missing"))?;
    let attempts_left = max_attempts.saturating_sub(attempt);
    let (status, url) = match after.status {
        InvoiceStatus::Paid => (PayStatus::Succeeded, Some(&invoice.success_url)),
        InvoiceStatus::Pending => (PayStatus::Pending, Some(&invoice.pending_url)),
        InvoiceStatus::Failed => (PayStatus::Failed, Some(&invoice.failure_url)),
        _ => (PayStatus::Declined, None),
    };
    let redirect_url = match url {
        Some(url) => Some(crate::redirect::signed_redirect(
            state,
            &merchant,
            url,
            &invoice.id,
            after.status,
        )?),
        None => None,
    };
    let answer = PayResponse {
        status,
        redirect_url,
        decline: decline.map(|reason| ErrorDetail {
            code: format!("declined.{}", reason.code()),
            message: crate::decline_messages::message(reason, locale).to_owned(),
            field: None,
        }),
        attempts_left: if after.status == InvoiceStatus::Open {
            attempts_left
        } else {
            0
        },
    };
    let stored = match key {
        Some(key) => Some(IdempotentResponse {
            merchant_id: invoice.merchant_id.clone(),
            key: key.storage_key(&invoice.id),
            request_hash: key.request_hash.clone(),
            status_code: 200,
            response_body: serde_json::to_string(&answer).map_err(ApiError::internal)?,
            created_at: now,
        }),
        None => None,
    };
    state
        .store
        .record_payment(&update, event.as_ref(), stored.as_ref())
        .await?;
    if event.is_some() {
        state.outbox_wakeup.notify_one();
    }
    tracing::info!(invoice_id = %invoice.id, attempt, outcome = update.outcome, status = after.status.as_str(), "payment attempt");
    Ok(answer)
}

/// The invoice as it will be once `update` is written (for the event).
fn applied(invoice: &InvoiceRecord, update: &PaymentUpdate) -> InvoiceRecord {
    InvoiceRecord {
        status: update.status,
        attempts: update.attempt,
        card: Some(update.card.clone()),
        authorization_code: update.authorization_code.clone(),
        transaction_ref: update.transaction_ref.clone(),
        avs_result: update.avs_result.clone(),
        security_code_result: update.security_code_result.clone(),
        installments_chosen: Some(update.installments),
        decline_code: update.decline_code.clone(),
        pending_token: update.pending_token.clone(),
        settle_at: update.settle_at,
        updated_at: update.now,
        ..invoice.clone()
    }
}
