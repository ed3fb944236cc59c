//! 3-D Secure challenges: a payment the issuer decides only once the
//! shopper has answered its challenge.
//!
//! The charge's payment lease is extended to the challenge's window and
//! the challenge is stored (no card data: the processor's state for
//! completing the charge). The page shows the challenge in a frame and asks
//! [`status`] until it ends; the shopper's answer, from Kassa's simulated
//! issuer page or from closing the frame, goes to [`complete`], which asks
//! the processor for the outcome and records it exactly as a payment's. A
//! challenge nobody answers lapses with its lease, and the lost-charge
//! worker frees the invoice (see `lost`).

use axum::http::StatusCode;
use kassa_api::{ChallengeInfo, InvoiceStatus, PayResponse, PayStatus};
use kassa_card::Locale;
use kassa_processor::{
    Challenge, ChallengeAnswer, PendingCharge, ProcessorError, ThreeDSecureMode,
};

use super::{AnswerKey, Answering, Attempt};
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{
    ChallengeRecord, ChallengeVault, IdempotentResponse, InvoiceRecord, PaymentUpdate,
};

/// How long a shopper has to answer a challenge: EMVCo's 3-D Secure 2
/// specification lets a challenge run for at least five minutes; ten leave
/// room for a text message that arrives late.
pub const CHALLENGE_WINDOW_MS: i64 = 10 * 60 * 1000;

/// Wrong one-time codes the simulated issuer takes before failing the
/// challenge, as issuers commonly do.
pub const MAX_WRONG_CODES: u32 = 3;

/// When a merchant requires 3-D Secure.
///
/// ```
/// use kassa_server::payments::challenge::ThreeDSecureRule;
///
/// let rule = ThreeDSecureRule::parse("above:EUR:10000").unwrap();
/// assert_eq!(rule, ThreeDSecureRule::Above { currency: "EUR".into(), minor: 10_000 });
/// assert_eq!(rule.to_string(), "above:EUR:10000");
/// assert!(rule.requires("EUR", 10_001));
/// assert!(!rule.requires("EUR", 10_000));
/// assert!(rule.requires("USD", 1), "another currency cannot be compared: required");
/// assert_eq!(ThreeDSecureRule::parse("sometimes"), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreeDSecureRule {
    /// The issuer decides (the default).
    Automatic,
    /// Every payment the shopper makes on the page.
    Always,
    /// Payments above an amount in a currency, and every payment in any
    /// other currency (amounts in different currencies do not compare).
    Above {
        /// ISO 4217 code.
        currency: String,
        /// The threshold in the currency's minor units (not required at it).
        minor: i64,
    },
}

impl ThreeDSecureRule {
    /// Reads the stored form: `automatic`, `always` or `above:EUR:10000`.
    pub fn parse(text: &str) -> Option<ThreeDSecureRule> {
        match text {
            "automatic" => Some(Self::Automatic),
            "always" => Some(Self::Always),
            _ => {
                let rest = text.strip_prefix("above:")?;
                let (currency, minor) = rest.split_once(':')?;
                kassa_card::Currency::from_code(currency)?;
                Some(Self::Above {
                    currency: currency.to_owned(),
                    minor: minor.parse().ok().filter(|minor| *minor >= 0)?,
                })
            }
        }
    }

    /// Whether a payment of `minor` units of `currency` must be authenticated.
    pub fn requires(&self, currency: &str, minor: i64) -> bool {
        match self {
            Self::Automatic => false,
            Self::Always => true,
            Self::Above {
                currency: threshold_currency,
                minor: threshold,
            } => currency != threshold_currency || minor > *threshold,
        }
    }
}

impl std::fmt::Display for ThreeDSecureRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Automatic => f.write_str("automatic"),
            Self::Always => f.write_str("always"),
            Self::Above { currency, minor } => write!(f, "above:{currency}:{minor}"),
        }
    }
}

/// Whether the merchant requires 3-D Secure for a payment of `invoice`.
/// A merchant-initiated charge never does: the shopper is not there, and
/// such charges are exempt from strong customer authentication.
///
/// # Errors
/// When the store fails.
pub async fn mode_for(
    state: &AppState,
    invoice: &InvoiceRecord,
) -> Result<ThreeDSecureMode, ApiError> {
    if invoice.card_saving.reason.is_some() {
        return Ok(ThreeDSecureMode::Automatic);
    }
    let rule = state
        .store
        .three_d_secure_rule(&invoice.merchant_id)
        .await?
        .and_then(|text| ThreeDSecureRule::parse(&text))
        .unwrap_or(ThreeDSecureRule::Automatic);
    Ok(if rule.requires(&invoice.currency, invoice.amount_minor) {
        ThreeDSecureMode::Required
    } else {
        ThreeDSecureMode::Automatic
    })
}

/// The page's link to a challenge.
fn info(state: &AppState, challenge: &ChallengeRecord) -> ChallengeInfo {
    ChallengeInfo {
        id: challenge.id.clone(),
        url: challenge
            .issuer_url
            .clone()
            .unwrap_or_else(|| format!("{}/challenge/{}", state.public_url, challenge.id)),
    }
}

/// Where a gateway's own challenge page sends the shopper back: the
/// invoice's open challenge is completed there (see `routes::challenges`).
pub fn return_url(state: &AppState, invoice_id: &str) -> String {
    format!("{}/challenge/return/{invoice_id}", state.public_url)
}

/// The idempotency store's key for a challenge's final answer.
fn answer_key(challenge_id: &str) -> String {
    format!("challenge:{challenge_id}")
}

/// A one-time code for the simulated issuer: six digits.
fn one_time_code() -> String {
    let digits = crate::ids::random_hex(8);
    let number = u64::from_str_radix(&digits, 16).unwrap_or_default() % 1_000_000;
    format!("{number:06}")
}

/// Holds the payment for the shopper's answer and tells the page to show
/// the challenge.
pub(super) async fn start(
    state: &AppState,
    attempt: &Attempt,
    challenge: Challenge,
) -> Result<PayResponse, ApiError> {
    let invoice = &attempt.invoice;
    let record = ChallengeRecord {
        id: crate::ids::new_id("ch"),
        invoice_id: invoice.id.clone(),
        attempt: attempt.number,
        charge_token: challenge.charge.to_token(),
        issuer_url: challenge.issuer_url,
        one_time_code: one_time_code(),
        wrong_codes: 0,
        lease_until: attempt
            .lease_until
            .max(now_ms().saturating_add(CHALLENGE_WINDOW_MS)),
        client_ip: Some(attempt.client.to_string()),
        locale: attempt.locale.tag().to_owned(),
        pay_key: attempt.key.as_ref().map(|key| key.storage_key(&invoice.id)),
        pay_key_hash: attempt.key.as_ref().map(|key| key.request_hash.clone()),
        created_at: attempt.now,
        vault: match &attempt.payment.stored {
            Some(super::StoredPayment::Save(save)) => ChallengeVault {
                save: Some((**save).clone()),
                used: None,
            },
            Some(super::StoredPayment::Use(saved)) => ChallengeVault {
                save: None,
                used: Some(saved.method.id.clone()),
            },
            None => ChallengeVault::default(),
        },
    };
    if !state
        .store
        .start_challenge(&record, attempt.lease_until)
        .await?
    {
        tracing::error!(invoice_id = %invoice.id, "the payment lease lapsed before the challenge was recorded");
        return Err(ApiError::internal("payment lease lapsed"));
    }
    let answer = waiting(state, &record, attempt.max_attempts, attempt.number);
    // A page that lost this answer and sends its payment again is shown
    // the same challenge (and from there, its outcome).
    if let Some(key) = &attempt.key {
        let stored = IdempotentResponse {
            merchant_id: invoice.merchant_id.clone(),
            key: key.storage_key(&invoice.id),
            request_hash: key.request_hash.clone(),
            status_code: 200,
            response_body: serde_json::to_string(&answer).map_err(ApiError::internal)?,
            created_at: attempt.now,
        };
        if let Err(error) = state.store.save_idempotent_response(&stored).await {
            tracing::warn!(%error, "could not keep the challenge answer under its key");
        }
    }
    state
        .metrics
        .payments
        .with_label_values(&["challenge"])
        .inc();
    tracing::info!(invoice_id = %invoice.id, attempt = attempt.number, challenge_id = %record.id, "3-D Secure challenge");
    Ok(answer)
}

/// The answer while the challenge waits.
fn waiting(
    state: &AppState,
    challenge: &ChallengeRecord,
    max_attempts: u32,
    attempt: u32,
) -> PayResponse {
    PayResponse {
        status: PayStatus::Challenge,
        redirect_url: None,
        decline: None,
        attempts_left: max_attempts.saturating_sub(attempt.saturating_sub(1)),
        challenge: Some(info(state, challenge)),
    }
}

/// The challenge `challenge_id` of `invoice_id`; 404 for any other.
async fn find(
    state: &AppState,
    invoice_id: Option<&str>,
    challenge_id: &str,
) -> Result<(ChallengeRecord, InvoiceRecord), ApiError> {
    let not_found = || ApiError::not_found("challenge.not_found", "There is no such challenge.");
    let challenge = state
        .store
        .challenge(challenge_id)
        .await?
        .filter(|challenge| invoice_id.is_none_or(|id| id == challenge.invoice_id))
        .ok_or_else(not_found)?;
    let invoice = state
        .store
        .invoice(&challenge.invoice_id)
        .await?
        .ok_or_else(not_found)?;
    Ok((challenge, invoice))
}

/// The final answer, once the challenge has ended.
async fn final_answer(
    state: &AppState,
    invoice: &InvoiceRecord,
    challenge: &ChallengeRecord,
) -> Result<Option<PayResponse>, ApiError> {
    let Some(stored) = state
        .store
        .idempotent_response(&invoice.merchant_id, &answer_key(&challenge.id))
        .await?
    else {
        return Ok(None);
    };
    serde_json::from_str(&stored.response_body)
        .map(Some)
        .map_err(ApiError::internal)
}

/// Whether the challenge still holds the invoice's payment.
fn is_open(invoice: &InvoiceRecord, challenge: &ChallengeRecord, now: i64) -> bool {
    invoice.status == InvoiceStatus::Open
        && invoice.lease_until == Some(challenge.lease_until)
        && now < challenge.lease_until
}

/// The error for a challenge that ended unanswered.
fn lapsed() -> ApiError {
    ApiError::new(
        StatusCode::GONE,
        "challenge.expired",
        "The bank's check timed out and nothing was charged. Pay again to retry.",
        None,
    )
}

/// How a challenge stands: the waiting answer (`status: "challenge"`), or
/// the payment's final answer once it ended.
///
/// # Errors
/// 404 for an unknown challenge (or another invoice's), 410 once it lapsed
/// unanswered.
pub async fn status(
    state: &AppState,
    invoice_id: &str,
    challenge_id: &str,
) -> Result<PayResponse, ApiError> {
    let (challenge, invoice) = find(state, Some(invoice_id), challenge_id).await?;
    if let Some(answer) = final_answer(state, &invoice, &challenge).await? {
        return Ok(answer);
    }
    if is_open(&invoice, &challenge, now_ms()) {
        Ok(waiting(
            state,
            &challenge,
            super::max_attempts(state, &invoice),
            challenge.attempt,
        ))
    } else {
        Err(lapsed())
    }
}

/// The open challenge holding `invoice`'s payment, for a page reloaded
/// during it.
///
/// # Errors
/// When the store fails.
pub async fn open_for(
    state: &AppState,
    invoice: &InvoiceRecord,
) -> Result<Option<ChallengeInfo>, ApiError> {
    let Some(lease_until) = invoice.lease_until else {
        return Ok(None);
    };
    let now = now_ms();
    let challenge = state.store.open_challenge(&invoice.id, lease_until).await?;
    Ok(challenge
        .filter(|challenge| is_open(invoice, challenge, now))
        .map(|challenge| info(state, &challenge)))
}

/// What the simulated issuer's page shows.
#[derive(Debug)]
pub struct IssuerView {
    /// The challenge.
    pub challenge: ChallengeRecord,
    /// The invoice it pays.
    pub invoice: InvoiceRecord,
    /// The merchant's display name.
    pub merchant_name: String,
    /// The origins the merchant embeds the checkout in.
    pub embed_origins: Vec<String>,
    /// The payment's final answer, once the challenge has ended.
    pub answer: Option<PayResponse>,
    /// Whether it lapsed unanswered.
    pub lapsed: bool,
}

/// The simulated issuer page's view of a challenge.
///
/// # Errors
/// 404 for an unknown challenge, or one a gateway hosts itself.
pub async fn issuer_view(state: &AppState, challenge_id: &str) -> Result<IssuerView, ApiError> {
    let (challenge, invoice) = find(state, None, challenge_id).await?;
    if challenge.issuer_url.is_some() {
        return Err(ApiError::not_found(
            "challenge.not_found",
            "There is no such challenge.",
        ));
    }
    view_of(state, challenge, invoice).await
}

/// The shopper back from a gateway's own challenge page: the invoice's
/// open challenge is completed (the gateway knows how it went), and the
/// page says how it ended.
///
/// # Errors
/// 404 when the invoice has no challenge waiting (nor one just answered
/// there); as [`complete`] otherwise.
pub async fn returned(state: &AppState, invoice_id: &str) -> Result<IssuerView, ApiError> {
    let invoice =
        state.store.invoice(invoice_id).await?.ok_or_else(|| {
            ApiError::not_found("challenge.not_found", "There is no such challenge.")
        })?;
    let challenge = match invoice.lease_until {
        Some(lease_until) => state.store.open_challenge(invoice_id, lease_until).await?,
        None => None,
    }
    .ok_or_else(|| ApiError::not_found("challenge.not_found", "There is no such challenge."))?;
    match complete(
        state,
        Some(invoice_id),
        &challenge.id,
        ChallengeAnswer::Passed,
    )
    .await
    {
        Ok(_) => {}
        Err(error) if error.status() == StatusCode::GONE => {}
        Err(error) => return Err(error),
    }
    let (challenge, invoice) = find(state, Some(invoice_id), &challenge.id).await?;
    view_of(state, challenge, invoice).await
}

/// What the issuer's page shows of a challenge.
async fn view_of(
    state: &AppState,
    challenge: ChallengeRecord,
    invoice: InvoiceRecord,
) -> Result<IssuerView, ApiError> {
    let (merchant_name, embed_origins) = state
        .store
        .merchant(&invoice.merchant_id)
        .await?
        .map(|merchant| (merchant.name, merchant.embed_origins))
        .unwrap_or_default();
    let answer = final_answer(state, &invoice, &challenge).await?;
    let lapsed = answer.is_none() && !is_open(&invoice, &challenge, now_ms());
    Ok(IssuerView {
        challenge,
        invoice,
        merchant_name,
        embed_origins,
        answer,
        lapsed,
    })
}

/// What the shopper did on the simulated issuer's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssuerAction {
    /// Typed a code and confirmed.
    Confirm,
    /// Refused the payment ("this was not me").
    Refuse,
}

/// What came of a code typed on the simulated issuer's page.
#[derive(Debug)]
pub enum CodeOutcome {
    /// The challenge ended with this answer.
    Ended(PayResponse),
    /// The code was wrong; this many tries are left.
    WrongCode(u32),
}

/// The shopper's action on the simulated issuer's page: a right code
/// passes, a wrong one is counted ([`MAX_WRONG_CODES`] fail the challenge),
/// refusing fails it.
///
/// # Errors
/// As [`complete`].
pub async fn issuer_answer(
    state: &AppState,
    challenge_id: &str,
    action: IssuerAction,
    code: &str,
) -> Result<CodeOutcome, ApiError> {
    let view = issuer_view(state, challenge_id).await?;
    if let Some(answer) = view.answer {
        return Ok(CodeOutcome::Ended(answer));
    }
    let answer = match action {
        IssuerAction::Refuse => ChallengeAnswer::Failed,
        IssuerAction::Confirm
            if crate::secrets::hashes_match(code.trim(), &view.challenge.one_time_code) =>
        {
            ChallengeAnswer::Passed
        }
        IssuerAction::Confirm => {
            if view.lapsed {
                return Err(lapsed());
            }
            let wrong = state.store.count_wrong_code(challenge_id).await?;
            if wrong < MAX_WRONG_CODES {
                return Ok(CodeOutcome::WrongCode(MAX_WRONG_CODES - wrong));
            }
            ChallengeAnswer::Failed
        }
    };
    complete(state, None, challenge_id, answer)
        .await
        .map(CodeOutcome::Ended)
}

/// Ends a challenge with the shopper's answer: asks the processor for the
/// charge's outcome and records it as the payment's. Answering an ended
/// challenge again gives its answer again.
///
/// # Errors
/// 404 for an unknown challenge, 410 once it lapsed, 502 when the
/// processor cannot be reached (the shopper may answer again).
pub async fn complete(
    state: &AppState,
    invoice_id: Option<&str>,
    challenge_id: &str,
    answer: ChallengeAnswer,
) -> Result<PayResponse, ApiError> {
    let (challenge, invoice) = find(state, invoice_id, challenge_id).await?;
    if let Some(answer) = final_answer(state, &invoice, &challenge).await? {
        return Ok(answer);
    }
    let now = now_ms();
    if !is_open(&invoice, &challenge, now) {
        return Err(lapsed());
    }
    let pending = PendingCharge::from_token(&challenge.charge_token)
        .map_err(|_| ApiError::internal("unreadable challenge token"))?;
    let processor = state
        .processors
        .get(state, invoice.processor_config_id.as_deref())
        .await?;
    let outcome = match tokio::time::timeout(
        super::processor_deadline(state),
        processor.complete_authentication(&pending, answer, now),
    )
    .await
    {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(ProcessorError::Rejected { code })) => {
            tracing::error!(code, "the processor refused to complete the challenge");
            // Nothing can be charged on it any more: the shopper pays again.
            kassa_processor::ChargeOutcome::Declined(kassa_processor::Decline {
                reason: kassa_processor::DeclineReason::AuthenticationFailed,
                transaction_ref: pending.transaction_ref.clone(),
                avs: pending.avs,
                security_code: pending.security_code,
                three_d_secure: None,
            })
        }
        Ok(Err(_)) | Err(_) => {
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                "processor.unavailable",
                "The bank's answer could not be passed on right now. Try again.",
                None,
            ));
        }
    };
    let Some(card) = invoice.card.clone() else {
        return Err(ApiError::internal(
            "challenged payment without its card summary",
        ));
    };
    let mut update = PaymentUpdate {
        payment_method_used: challenge.vault.used.clone(),
        ..super::undecided(
            &invoice,
            challenge.attempt,
            card,
            challenge.client_ip.clone(),
            challenge.lease_until,
            now,
        )
    };
    let max_attempts = super::max_attempts(state, &invoice);
    let applied = super::apply_outcome(&mut update, &invoice, outcome, max_attempts);
    // The card the shopper agreed to keep, sealed when they paid, is kept
    // once the issuer approves: as for a payment without a challenge.
    if update.outcome == "approved"
        && let Some(save) = &challenge.vault.save
    {
        let mut save = save.clone();
        save.method.gateway_token = applied.gateway_token;
        update.save = Some(save);
    }
    let merchant = state
        .store
        .merchant(&invoice.merchant_id)
        .await?
        .ok_or_else(|| ApiError::internal("merchant missing"))?;
    let redirect_secrets =
        crate::signing::signing_secrets(state, &merchant, crate::clock::now_ms())?;
    let answering = Answering {
        invoice: &invoice,
        locale: Locale::parse(&challenge.locale),
        redirect_secrets: &redirect_secrets,
        max_attempts,
        answer_key: Some(AnswerKey {
            key: answer_key(&challenge.id),
            request_hash: String::new(),
        }),
    };
    match super::finish(state, &answering, &update, applied.decline).await {
        Ok(answer) => {
            tracing::info!(invoice_id = %invoice.id, challenge_id, outcome = update.outcome, "3-D Secure challenge answered");
            Ok(answer)
        }
        // Answered twice at once: the other answer was recorded.
        Err(error) if error.status() == StatusCode::INTERNAL_SERVER_ERROR => {
            match final_answer(state, &invoice, &challenge).await? {
                Some(answer) => Ok(answer),
                None => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}
