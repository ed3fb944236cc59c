//! Paying an invoice: validate again with kassa-card, take the invoice's
//! payment lease, charge, record the outcome and its event atomically, and
//! answer with where the browser goes next.
//!
//! Once a card is charged, only recording the outcome remains, and nothing
//! may stop it: everything the answer needs is loaded before the charge, the
//! charge and the record run in their own task (a shopper closing the tab
//! or a request timeout cannot drop them), and the record is written only
//! under the lease that authorised the charge.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use kassa_api::{CardSummary, ErrorDetail, InvoiceStatus, PayRequest, PayResponse, PayStatus};
use kassa_card::{
    AddressInput, BillingAddress, Brand, CardNumber, CardholderName, Coded, Currency, Email,
    Expiry, IsraeliId, Locale, Phone, SecurityCode,
};
use kassa_processor::{ChargeOutcome, ChargeRequest, Processor, ProcessorError};

use crate::clock::{date_of, now_ms};
use crate::error::ApiError;
use crate::events::new_event;
use crate::invoices::visible_status;
use crate::state::AppState;
use crate::store::{ChargeStart, IdempotentResponse, InvoiceRecord, PaymentUpdate, StoreError};

pub mod capture;
pub mod challenge;
pub mod lost;
pub mod surcharge;

/// How long the processor may take: the connector's own limit and a second
/// more. Startup keeps the payment lease above it, so an answer always
/// arrives while this payment still holds the invoice.
fn processor_deadline(state: &AppState) -> Duration {
    Duration::from_millis(state.settings.processor_timeout_ms + 1_000)
}

/// A validated payment request.
struct ValidPayment {
    card: CardNumber,
    network: Brand,
    expiry: Expiry,
    security_code: Option<SecurityCode>,
    holder: CardholderName,
    billing: Option<BillingAddress>,
    holder_id: Option<IsraeliId>,
    installments: u8,
    /// The vault's part: a saved card this payment uses, or the card it
    /// keeps once approved.
    stored: Option<StoredPayment>,
    /// Whether the merchant requires 3-D Secure for this payment.
    three_d_secure: kassa_processor::ThreeDSecureMode,
    /// Where a gateway's challenge page sends the shopper back; `None`
    /// without a shopper to answer one.
    return_url: Option<String>,
    /// The card surcharge added to the invoice's amount, in minor units.
    surcharge_minor: Option<i64>,
}

/// How a payment involves the vault.
#[derive(Debug)]
enum StoredPayment {
    /// Keep the card (with the shopper's consent) once approved.
    Save(Box<crate::store::CardToSave>),
    /// Charge a saved card.
    Use(Box<crate::vault::SavedUse>),
}

/// The processor's stored-credential terms for a payment.
fn stored_credential(payment: &ValidPayment) -> Option<kassa_processor::StoredCredential<'_>> {
    match payment.stored.as_ref()? {
        StoredPayment::Save(_) => Some(kassa_processor::StoredCredential::SaveOnFile),
        StoredPayment::Use(saved) => Some(saved.credential()),
    }
}

/// One payment attempt, with everything needed to charge and answer.
struct Attempt {
    invoice: InvoiceRecord,
    processor: Arc<dyn Processor>,
    payment: ValidPayment,
    number: u32,
    currency: Currency,
    /// The secrets the redirect is signed with ([`crate::signing::signing_secrets`]).
    redirect_secrets: Vec<String>,
    client: IpAddr,
    locale: Locale,
    key: Option<PayKey>,
    max_attempts: u32,
    lease_until: i64,
    now: i64,
    /// Which charge on the invoice this is (see `claim_for_payment`): the
    /// processor's `attempt`, so its references never repeat.
    charge_number: u32,
    /// Whether a shopper is there to answer a 3-D Secure challenge (the
    /// hosted page), or not (server-to-server and merchant-initiated).
    shopper_present: bool,
}

/// Handles `POST /api/v1/checkout/{id}/pay`.
///
/// # Errors
/// 400 with field errors, 404, 409 (not payable, or a payment in flight),
/// 410 (expired), 422 (the processor refuses the request), 429 (too many
/// attempts from this address), 502 when the processor cannot be reached,
/// 504 when it did not answer in time.
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
    let allowed = max_attempts(state, &invoice);
    charge(
        state,
        invoice,
        request,
        Payer {
            client,
            key: key.cloned(),
            max_attempts: allowed,
            shopper_present: true,
        },
        now,
    )
    .await
    .map_err(|error| {
        // The merchant's gateway settings are the merchant's business (the
        // log and the server-to-server API say what is wrong); the shopper
        // learns only that paying is not possible now.
        if error.body().error.code == UNAUTHORIZED_CODE {
            ApiError::new(
                StatusCode::BAD_GATEWAY,
                "processor.unavailable",
                "Payments cannot be taken right now. Nothing was charged; try again later.",
                None,
            )
        } else {
            error
        }
    })
}

/// Refuses `capture: "manual"` for a merchant whose processor cannot
/// authorize without capturing.
///
/// # Errors
/// 400 `capture.not_supported`.
pub async fn ensure_capture_supported(
    state: &AppState,
    merchant: &crate::store::MerchantRecord,
    invoice: &InvoiceRecord,
) -> Result<(), ApiError> {
    if invoice.capture == kassa_processor::Capture::Automatic {
        return Ok(());
    }
    let processor = state.processors.of_merchant(state, merchant).await?;
    if processor.supports_manual_capture() {
        Ok(())
    } else {
        Err(ApiError::field(
            "capture.not_supported",
            &format!(
                "This merchant's processor ({}) cannot authorize now and capture later.",
                processor.name()
            ),
            "capture",
        ))
    }
}

/// The error code of a gateway refusing the merchant's credentials.
const UNAUTHORIZED_CODE: &str = "processor.unauthorized";

/// Who is paying, and how: the page's shopper (who can answer a 3-D
/// Secure challenge), or a merchant's server.
#[derive(Debug)]
pub struct Payer {
    /// The shopper's address (or the merchant server's).
    pub client: IpAddr,
    /// The page's `Idempotency-Key`, bound to the request's body.
    pub key: Option<PayKey>,
    /// The attempt that fails the invoice when declined.
    pub max_attempts: u32,
    /// Whether a shopper is there to answer a 3-D Secure challenge.
    pub shopper_present: bool,
}

/// The one path that charges a card, for the page's pay and for
/// server-to-server invoices alike: check the invoice can be paid, validate
/// with kassa-card, take the payment lease, then charge and record in a task
/// of their own. A decline on attempt `max_attempts` fails the invoice.
///
/// # Errors
/// As [`pay`], less the rate limit and the idempotent replay.
pub async fn charge(
    state: &AppState,
    invoice: InvoiceRecord,
    request: &PayRequest,
    payer: Payer,
    now: i64,
) -> Result<PayResponse, ApiError> {
    let Payer {
        client,
        key,
        max_attempts,
        shopper_present,
    } = payer;
    let invoice_id = invoice.id.clone();
    let invoice_id = invoice_id.as_str();
    ensure_payable(state, &invoice, max_attempts, now).await?;
    let locale = Locale::parse(invoice.locale.as_deref().unwrap_or("en"));
    let merchant = state
        .store
        .merchant(&invoice.merchant_id)
        .await?
        .ok_or_else(|| ApiError::internal("merchant missing"))?;
    let processor = state.processors.of_merchant(state, &merchant).await?;
    let config_id = merchant.processor_config_id.as_deref();
    let saved = match &request.payment_method {
        Some(id) => {
            Some(crate::vault::saved_card_for_charge(state, &invoice, id, config_id, now).await?)
        }
        None => None,
    };
    let filled;
    let request = match &saved {
        Some(saved) => {
            // The shopper is present: a fresh security code is asked for.
            if saved.reason.is_none() && request.card.cvv.trim().is_empty() {
                return Err(ApiError::field(
                    "card.cvv_required",
                    "Enter the card's security code.",
                    "card.cvv",
                ));
            }
            filled = saved.fill(request);
            &filled
        }
        None => request,
    };
    let mut payment = validate(request, &invoice, locale, now, processor.needs_holder_id())?;
    payment.three_d_secure = challenge::mode_for(state, &invoice).await?;
    payment.return_url = shopper_present.then(|| challenge::return_url(state, &invoice.id));
    // Only a shopper typing a card on the page is surcharged: they see it
    // before paying. A saved card's number is not on the page.
    payment.surcharge_minor = if shopper_present && saved.is_none() {
        let offer = surcharge::offer_for(state, &invoice).await?;
        surcharge::check(
            offer.as_ref(),
            &invoice,
            &payment.card,
            request.surcharge.as_deref(),
        )?
    } else {
        None
    };
    payment.stored = match saved {
        Some(saved) => Some(StoredPayment::Use(Box::new(saved))),
        None => {
            let card = crate::vault::KeptCard {
                number: payment.card.clone(),
                expiry: payment.expiry,
                holder: payment.holder.clone(),
                holder_id: payment.holder_id,
            };
            crate::vault::card_to_save(state, &invoice, request, card, config_id, now)
                .await?
                .map(|save| StoredPayment::Save(Box::new(save)))
        }
    };
    let redirect_secrets = crate::signing::signing_secrets(state, &merchant, now)?;
    let currency = Currency::from_code(&invoice.currency)
        .ok_or_else(|| ApiError::internal("stored currency unknown"))?;

    let lease_until = now + i64::try_from(state.settings.payment_lease_ms).unwrap_or(i64::MAX / 2);
    // The claim also writes how to find this charge again, before the
    // processor hears of it: if this server dies or the answer is lost, the
    // worker looks the charge up by this token (see `lost`).
    let charge_number = invoice.charges_started + 1;
    let lost_token = processor
        .lost_charge(&attempt_request(
            &invoice,
            &payment,
            charge_number,
            currency,
            now,
        ))
        .to_token();
    let card = card_summary(&payment);
    let start = ChargeStart {
        charge_number,
        processor_config_id: merchant.processor_config_id.as_deref(),
        lost_token: &lost_token,
        card: &card,
        installments: payment.installments,
        surcharge_minor: payment.surcharge_minor,
    };
    let Some(attempts_before) = state
        .store
        .claim_for_payment(invoice_id, now, lease_until, max_attempts, &start)
        .await?
    else {
        return Err(ApiError::conflict(
            "payment.in_progress",
            "A payment for this invoice is already being processed.",
        ));
    };
    let attempt = Attempt {
        invoice: InvoiceRecord {
            attempts: attempts_before,
            processor_config_id: merchant.processor_config_id.clone(),
            // As the claim wrote it.
            surcharge_minor: payment.surcharge_minor,
            ..invoice
        },
        processor,
        payment,
        number: attempts_before + 1,
        charge_number,
        currency,
        redirect_secrets,
        client,
        locale,
        key,
        max_attempts,
        lease_until,
        now,
        shopper_present,
    };
    let state = state.clone();
    tokio::spawn(async move { charge_and_record(&state, attempt).await })
        .await
        .map_err(ApiError::internal)?
}

/// Charges the card and records the outcome; runs to the end once started.
async fn charge_and_record(state: &AppState, attempt: Attempt) -> Result<PayResponse, ApiError> {
    let invoice_id = attempt.invoice.id.as_str();
    let charge = attempt_request(
        &attempt.invoice,
        &attempt.payment,
        attempt.charge_number,
        attempt.currency,
        attempt.now,
    );
    let outcome = match tokio::time::timeout(
        processor_deadline(state),
        attempt.processor.charge(&charge),
    )
    .await
    {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(ProcessorError::Unauthorized)) => {
            state
                .store
                .release_payment_claim(invoice_id, attempt.lease_until)
                .await?;
            tracing::error!(
                invoice_id,
                merchant_id = %attempt.invoice.merchant_id,
                processor = attempt.processor.name(),
                "the gateway refused the merchant's credentials; fix the merchant's processor settings"
            );
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                UNAUTHORIZED_CODE,
                "The payment gateway refused this merchant's credentials. Nothing was charged; check the processor settings.",
                None,
            ));
        }
        Ok(Err(ProcessorError::Rejected { code })) => {
            // The processor refused the request itself: nothing was charged.
            state
                .store
                .release_payment_claim(invoice_id, attempt.lease_until)
                .await?;
            tracing::warn!(invoice_id, code, "processor rejected the request");
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "payment.rejected",
                "This card cannot be used for this payment. Try another card.",
                None,
            ));
        }
        Ok(Err(error)) => {
            // The Processor contract: `Unavailable` means nothing was charged.
            state
                .store
                .release_payment_claim(invoice_id, attempt.lease_until)
                .await?;
            tracing::warn!(invoice_id, %error, "processor unavailable");
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                "processor.unavailable",
                "The payment could not be processed right now. Nothing was charged; try again.",
                None,
            ));
        }
        Err(_) => {
            // The outcome is unknown: keep the lease and the lost-charge
            // token, so no second charge can start, and the worker looks the
            // charge up once the lease lapses.
            tracing::error!(
                invoice_id,
                attempt = attempt.number,
                "processor timed out; outcome unknown"
            );
            return Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "processor.timeout",
                "The payment's result is not known yet. Do not pay again now; the merchant will confirm it.",
                None,
            ));
        }
    };
    record(state, &attempt, outcome).await
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
    max_attempts: u32,
    now: i64,
) -> Result<(), ApiError> {
    match visible_status(invoice, now) {
        InvoiceStatus::Open if invoice.attempts >= max_attempts => Err(ApiError::conflict(
            "invoice.attempts_exhausted",
            "This invoice has no payment attempts left.",
        )),
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

/// Checks a payment request with kassa-card as [`charge`] will, without
/// charging: every field problem at once, under the page's field names.
///
/// # Errors
/// [`ApiError`] 400 listing each invalid field.
pub fn check(
    request: &PayRequest,
    invoice: &InvoiceRecord,
    now: i64,
    holder_id_required: bool,
) -> Result<(), ApiError> {
    let locale = Locale::parse(invoice.locale.as_deref().unwrap_or("en"));
    validate(request, invoice, locale, now, holder_id_required).map(|_| ())
}

/// Checks every field with kassa-card, collecting all problems.
fn validate(
    request: &PayRequest,
    invoice: &InvoiceRecord,
    locale: Locale,
    now: i64,
    holder_id_required: bool,
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
    // A merchant-initiated charge of a saved card has no security code:
    // the shopper is absent, and the vault never keeps one.
    let merchant_initiated = invoice.card_saving.reason.is_some();
    let security_code = if merchant_initiated && request.card.cvv.is_empty() {
        Some(None)
    } else {
        SecurityCode::parse_optional(&request.card.cvv, brand)
            .map_err(|error| report(&error, "card.cvv"))
            .ok()
    };
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
    // Asked for (and then required) only when the merchant's gateway needs it.
    let holder_id_text = request
        .holder_id
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    let holder_id = match (holder_id_text, holder_id_required) {
        (Some(text), true) => IsraeliId::parse(text)
            .map_err(|error| report(&error, "holder_id"))
            .ok(),
        (None, true) => {
            problems.push(ErrorDetail {
                code: "holder_id.required".into(),
                message: "Enter the card holder's ID number.".into(),
                field: Some("holder_id".into()),
            });
            None
        }
        (_, false) => None,
    };
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
                holder_id,
                installments,
                stored: None,
                three_d_secure: kassa_processor::ThreeDSecureMode::Automatic,
                return_url: None,
                surcharge_minor: None,
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

/// Writes the outcome, its event and the idempotent answer in one
/// transaction under the payment's lease, then answers. A challenge waits
/// for the shopper instead (see [`challenge`]).
async fn record(
    state: &AppState,
    attempt: &Attempt,
    outcome: ChargeOutcome,
) -> Result<PayResponse, ApiError> {
    let outcome = match outcome {
        ChargeOutcome::ChallengeRequired(challenge) if attempt.shopper_present => {
            return challenge::start(state, attempt, challenge).await;
        }
        // Nobody is there to answer the issuer: a server-to-server or
        // merchant-initiated charge cannot be authenticated now.
        ChargeOutcome::ChallengeRequired(challenge) => {
            ChargeOutcome::Declined(kassa_processor::Decline {
                reason: kassa_processor::DeclineReason::AuthenticationRequired,
                transaction_ref: challenge.charge.transaction_ref,
                avs: challenge.charge.avs,
                security_code: challenge.charge.security_code,
                three_d_secure: None,
            })
        }
        outcome => outcome,
    };
    let (invoice, payment, now) = (&attempt.invoice, &attempt.payment, attempt.now);
    let mut update = PaymentUpdate {
        installments: payment.installments,
        payment_method_used: match &payment.stored {
            Some(StoredPayment::Use(saved)) => Some(saved.method.id.clone()),
            _ => None,
        },
        ..undecided(
            invoice,
            attempt.number,
            card_summary(payment),
            Some(attempt.client.to_string()),
            attempt.lease_until,
            now,
        )
    };
    let applied = apply_outcome(&mut update, invoice, outcome, attempt.max_attempts);
    if update.outcome == "approved"
        && let Some(StoredPayment::Save(save)) = &payment.stored
    {
        let mut save = (**save).clone();
        save.method.gateway_token = applied.gateway_token;
        update.save = Some(save);
    }
    let answering = Answering {
        invoice,
        locale: attempt.locale,
        redirect_secrets: &attempt.redirect_secrets,
        max_attempts: attempt.max_attempts,
        answer_key: attempt.key.as_ref().map(|key| AnswerKey {
            key: key.storage_key(&invoice.id),
            request_hash: key.request_hash.clone(),
        }),
    };
    let answer = finish(state, &answering, &update, applied.decline).await?;
    tracing::info!(invoice_id = %invoice.id, attempt = attempt.number, outcome = update.outcome, "payment attempt");
    Ok(answer)
}

/// The record of attempt `attempt` on `invoice` with `card`, before its
/// outcome is applied (see [`apply_outcome`]): no card kept, nothing
/// decided, the installments the payment's claim wrote.
fn undecided(
    invoice: &InvoiceRecord,
    attempt: u32,
    card: CardSummary,
    client_ip: Option<String>,
    lease_until: i64,
    now: i64,
) -> PaymentUpdate {
    PaymentUpdate {
        invoice_id: invoice.id.clone(),
        attempt,
        status: InvoiceStatus::Open,
        outcome: "approved",
        card,
        authorization_code: None,
        transaction_ref: None,
        avs_result: None,
        security_code_result: None,
        installments: invoice.installments_chosen.unwrap_or(1),
        decline_code: None,
        pending_token: None,
        settle_at: None,
        client_ip,
        lease_until,
        now,
        payment_method_used: None,
        save: None,
        three_d_secure: None,
    }
}

/// What an outcome changed, beyond the update's columns.
struct Applied {
    /// Why it was declined.
    decline: Option<kassa_processor::DeclineReason>,
    /// The gateway's token for the card, when it kept it.
    gateway_token: Option<String>,
}

/// Writes a decided outcome into `update`: approved (paid or authorized),
/// declined (the invoice fails on its last attempt or a final reason), or
/// pending. A challenge here (a processor challenging again after one) is
/// a failed authentication.
fn apply_outcome(
    update: &mut PaymentUpdate,
    invoice: &InvoiceRecord,
    outcome: ChargeOutcome,
    max_attempts: u32,
) -> Applied {
    let mut applied = Applied {
        decline: None,
        gateway_token: None,
    };
    match outcome {
        ChargeOutcome::Approved(approval) => {
            update.status = invoice.approved_status();
            update.outcome = "approved";
            update.authorization_code = Some(approval.authorization_code);
            update.transaction_ref = Some(approval.transaction_ref);
            update.avs_result = Some(approval.avs.code().to_owned());
            update.security_code_result = Some(approval.security_code.code().to_owned());
            update.three_d_secure = approval.three_d_secure.as_ref().map(three_d_secure_result);
            applied.gateway_token = approval.gateway_token;
        }
        ChargeOutcome::Declined(declined) => {
            let final_decline = !declined.reason.is_retryable() || update.attempt >= max_attempts;
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
            update.three_d_secure = declined.three_d_secure.as_ref().map(three_d_secure_result);
            applied.decline = Some(declined.reason);
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
        ChargeOutcome::ChallengeRequired(challenge) => {
            return apply_outcome(
                update,
                invoice,
                ChargeOutcome::Declined(kassa_processor::Decline {
                    reason: kassa_processor::DeclineReason::AuthenticationFailed,
                    transaction_ref: challenge.charge.transaction_ref,
                    avs: challenge.charge.avs,
                    security_code: challenge.charge.security_code,
                    three_d_secure: None,
                }),
                max_attempts,
            );
        }
    }
    applied
}

/// The API's view of a 3-D Secure result.
fn three_d_secure_result(result: &kassa_processor::ThreeDSecure) -> kassa_api::ThreeDSecureResult {
    kassa_api::ThreeDSecureResult {
        flow: result.flow.code().to_owned(),
        authenticated: result.authenticated,
        eci: result.eci.clone(),
        liability_shift: result.liability_shift,
    }
}

/// Where an answer is kept for the client that may ask again.
struct AnswerKey {
    /// The idempotency store's key.
    key: String,
    /// What the request's body hashed to.
    request_hash: String,
}

/// What answering a recorded payment needs.
struct Answering<'a> {
    invoice: &'a InvoiceRecord,
    locale: Locale,
    redirect_secrets: &'a [String],
    max_attempts: u32,
    answer_key: Option<AnswerKey>,
}

/// Records `update` (with its event and the answer, in one transaction
/// under the payment's lease) and answers with where the browser goes.
async fn finish(
    state: &AppState,
    answering: &Answering<'_>,
    update: &PaymentUpdate,
    decline: Option<kassa_processor::DeclineReason>,
) -> Result<PayResponse, ApiError> {
    let (invoice, now, max_attempts) = (answering.invoice, update.now, answering.max_attempts);
    let after = applied(invoice, update);
    let event = (after.status != InvoiceStatus::Open).then(|| new_event(&after, now));
    let (status, url) = match after.status {
        // An authorization is the shopper's success too: the card was
        // accepted, and what is taken later is the merchant's business.
        InvoiceStatus::Paid | InvoiceStatus::Authorized => {
            (PayStatus::Succeeded, Some(&invoice.success_url))
        }
        InvoiceStatus::Pending => (PayStatus::Pending, Some(&invoice.pending_url)),
        InvoiceStatus::Failed => (PayStatus::Failed, Some(&invoice.failure_url)),
        _ => (PayStatus::Declined, None),
    };
    // A merchant-initiated charge has no shopper to send anywhere.
    let url = url.filter(|_| invoice.card_saving.reason.is_none());
    let redirect_url = match url {
        Some(url) => Some(crate::redirect::signed_url(
            answering.redirect_secrets,
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
            message: crate::decline_messages::message(reason, answering.locale).to_owned(),
            field: None,
        }),
        attempts_left: if after.status == InvoiceStatus::Open {
            max_attempts.saturating_sub(update.attempt)
        } else {
            0
        },
        challenge: None,
    };
    let stored = match &answering.answer_key {
        Some(key) => Some(IdempotentResponse {
            merchant_id: invoice.merchant_id.clone(),
            key: key.key.clone(),
            request_hash: key.request_hash.clone(),
            status_code: 200,
            response_body: serde_json::to_string(&answer).map_err(ApiError::internal)?,
            created_at: now,
        }),
        None => None,
    };
    match state
        .store
        .record_payment(
            update,
            answer.redirect_url.as_deref(),
            event.as_ref(),
            stored.as_ref(),
        )
        .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict) => {
            tracing::error!(
                invoice_id = %invoice.id,
                attempt = update.attempt,
                transaction_ref = ?update.transaction_ref,
                "the payment lease lapsed before the outcome was recorded; reconcile with the processor"
            );
            return Err(ApiError::internal("payment lease lapsed"));
        }
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
    Ok(answer)
}

/// The processor's view of charge `charge_number` of `invoice` with
/// `payment`.
fn attempt_request<'a>(
    invoice: &'a InvoiceRecord,
    payment: &'a ValidPayment,
    charge_number: u32,
    currency: Currency,
    now: i64,
) -> ChargeRequest<'a> {
    ChargeRequest {
        invoice_id: &invoice.id,
        attempt: charge_number,
        amount_minor: invoice
            .amount_minor
            .saturating_add(payment.surcharge_minor.unwrap_or(0)),
        currency,
        card: &payment.card,
        expiry: payment.expiry,
        security_code: payment.security_code.as_ref(),
        holder: &payment.holder,
        billing: payment.billing.as_ref(),
        holder_id: payment.holder_id.as_ref(),
        installments: payment.installments,
        installment_kind: invoice.installment_kind,
        network: payment.network,
        capture: invoice.capture,
        stored: stored_credential(payment),
        three_d_secure: payment.three_d_secure,
        return_url: payment.return_url.as_deref(),
        now_unix_ms: now,
    }
}

/// What is kept of the card: brand, masked number, expiry, holder.
fn card_summary(payment: &ValidPayment) -> CardSummary {
    CardSummary {
        brand: payment.network.id().to_owned(),
        masked: payment.card.masked(),
        // Only the digits the masked form shows: on a short card the BIN and
        // the last four together would give most of the number away.
        bin: payment
            .card
            .masked()
            .split('*')
            .next()
            .unwrap_or_default()
            .to_owned(),
        last4: payment.card.last4().to_owned(),
        exp_month: payment.expiry.month(),
        exp_year: payment.expiry.year(),
        holder_name: payment.holder.as_str().to_owned(),
    }
}

/// The invoice as it will be once `update` is written (for the event).
pub(crate) fn applied(invoice: &InvoiceRecord, update: &PaymentUpdate) -> InvoiceRecord {
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
        three_d_secure: update.three_d_secure.clone(),
        ..invoice.clone()
    }
}

/// The payment attempts `invoice` allows: the merchant's setting when it
/// was made, or the server's.
pub fn max_attempts(state: &AppState, invoice: &InvoiceRecord) -> u32 {
    invoice
        .max_attempts
        .unwrap_or(state.settings.max_payment_attempts)
}
