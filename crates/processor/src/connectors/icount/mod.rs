//! iCount API v3: an Israeli accounting service that also charges cards.
//!
//! Every call is `POST <base_url>/{module}/{method}` with a JSON body (iCount
//! also takes form bodies; Kassa sends JSON), answered with HTTP 200 and
//! `{"status": true, …}` or `{"status": false, "reason": "…", …}`.
//!
//! * **Session.** `auth/login` with `cid`, `user`, `pass` gives a `sid`,
//!   kept for later calls. A call answered `reason: "bad_sid"` (the session
//!   lapsed: iCount's session lifetime is not published) logs in again once
//!   and is repeated; a refused login is [`ProcessorError::Unauthorized`].
//! * **Charge.** `cc/bill` with `sum` in major units (`15.04`; `1500` for
//!   JPY), `currency_code`, the card as digit strings (`cc_number`,
//!   `cc_cvv`, `cc_validity` MMYY), `cc_holder_id`, `cc_holder_name`,
//!   `num_of_payments`, `first_payment` (more than one payment only: it
//!   carries what does not divide evenly, as in [`kassa_card::InstallmentPlan`]),
//!   `is_credit: false` (plain installments) and `is_test` when the
//!   merchant's setting says so.
//! * **Credit instalments.** With [`InstallmentKind::Credit`] (the issuer
//!   finances the payments), `is_credit: true` and `num_of_payments` (the
//!   number of payments; seed 000: `is_credit` is "applicable only if
//!   `num_of_payments` > 1"), and no `first_payment`: the issuer, not the
//!   merchant, sets the schedule of a credit deal (as CreditGuard's credit
//!   deals take no payment amounts). Seed 000 does not say whether iCount
//!   takes `first_payment` with `is_credit`; Kassa never sends it, and the
//!   test double refuses it. Credit with a single payment is refused before
//!   any request (`invalid_installments`). iCount needs the holder's ID, so a charge
//!   without one is refused before any request (`holder_id_required`).
//! * **Saved cards.** With
//!   [`StoredCredential::SaveOnFile`],
//!   an approved `cc/bill` is followed by `cc_storage/store` (the card
//!   fields without the CVV, and `client_name` for a new client), whose
//!   `client_id` and `cc_token_id` become the approval's
//!   [`gateway_token`](crate::Approval::gateway_token),
//!   `<client_id>/<cc_token_id>`. Storing after the charge, not before,
//!   keeps the money's outcome first: a store that fails (or whose answer
//!   is lost) leaves the approval without a token, and a declined card is
//!   never kept. A charge with a token sends `cc_token_id` and `client_id`
//!   instead of `cc_number` and `cc_validity` (`cc_holder_id` still, the
//!   CVV only when the shopper gave one); a token that is not two numbers
//!   is refused before any request (`invalid_gateway_token`), one iCount
//!   refuses is `unknown_gateway_token`. iCount documents no field that
//!   marks a charge merchant-initiated or recurring, so none is sent; a
//!   merchant-initiated charge without a token sends the card without a
//!   CVV. A saving charge settled after a lost answer has no token.
//! * **Reference.** iCount has no known idempotency key. The charge
//!   reference ([`crate::charge_reference`]) is sent as `custom_client_id`
//!   (which `cc/transactions` searches by; iCount records the charge under a
//!   client of that id) and as `payment_description` (shown in iCount's
//!   screens). It is also the charge's `transaction_ref`: iCount's
//!   `confirmation_code` is the issuer's authorization number, not unique.
//! * **Lost answers.** A charge whose answer is lost is looked up with
//!   `cc/transactions` by `custom_client_id`: no transaction means
//!   [`Settlement::NotCharged`]. Declined charges are not transactions, so a
//!   lost decline also settles as not charged, which is what it is. iCount
//!   knows no "in progress" state, so `settle` never answers `Ok(None)`.
//!   Without an idempotency key even an HTTP 5xx cannot prove that nothing
//!   was charged: it is a lost answer too (pending, then looked up). Only a
//!   failed login or connection is [`ProcessorError::Unavailable`].
//! * **Declines.** `reason` codes: `insufficient_funds`, `card_declined`
//!   (generic), `stolen_card`, `lost_card`, `card_expired`, `bad_cvv`,
//!   `cc_provider_error`. iCount's own list is not public: these are Kassa's
//!   choice, shared with the test double. Other `missing_…`/`invalid_…`
//!   reasons refuse the request ([`ProcessorError::Rejected`]); any other
//!   reason is read as a generic decline.
//!
//! # Refunds: not supported
//!
//! No card refund call is documented. Public iCount clients refund only by
//! cancelling an iCount *document* (`doc/cancel` with `refund_cc: true`,
//! the whole document at once); a bare `cc/bill` creates no document, and
//! `cc/refund` appears only in clients whose authors later found it does not
//! exist. A credit `cc/bill` would need the card again, which Kassa does not
//! keep. So [`ICount::refund`] answers `Rejected { code: "refunds_not_supported" }`
//! without a request; the merchant refunds in iCount's screens.
//!
//! # Manual capture: not supported
//!
//! Seed 000 lists "Perform authorization transaction" among iCount's
//! credit-card calls (the shared notes name it `cc/j5`), but gives neither
//! its fields nor its answer, and no call that later charges or releases
//! such an authorization: nothing captures what it holds. So
//! [`supports_manual_capture`](Processor::supports_manual_capture) stays
//! `false` (the server refuses `capture: "manual"` for iCount merchants
//! with 400 `capture.not_supported`), and `capture` and `void` answer
//! `Rejected { code: "capture_not_supported" }` without a request.

mod wire;

use std::sync::{Mutex, PoisonError};

use kassa_card::{Amount, InstallmentPlan};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::http::{self, Failure};
use crate::{
    Approval, AvsResult, ChargeOutcome, ChargeRequest, ConnectorOptions, Decline, DeclineReason,
    InstallmentKind, PendingCharge, Processor, ProcessorError, RefundConfirmation, RefundRequest,
    SecurityCodeResult, Settlement, StoredCredential,
};

/// How `processor_state` starts: the look-up field, then the reference.
const LOOKUP_PREFIX: &str = "custom_client_id=";

/// ICount's settings, named as ICount names them. `Debug` hides the credentials.
///
/// ```
/// let config: kassa_processor::connectors::icount::Config = serde_json::from_value(serde_json::json!({
///     "base_url": "https://api.icount.co.il/api/v3.php",
///     "cid": "acme", "user": "api", "pass": "hunter2",
/// })).unwrap();
/// assert!(!config.is_test);
/// assert!(!format!("{config:?}").contains("hunter2"));
/// ```
#[derive(Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `https://api.icount.co.il/api/v3.php`; `/{module}/{method}` is appended.
    pub base_url: String,
    /// The company id.
    pub cid: String,
    /// The API user.
    pub user: String,
    /// The API user's password.
    pub pass: String,
    /// Send `is_test: true` with every charge (iCount then calls no card
    /// company: success depends on the card number only).
    #[serde(default)]
    pub is_test: bool,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// The iCount connector. `Debug` shows neither the credentials nor the
/// session id.
///
/// ```
/// use kassa_processor::connectors::icount::{Config, ICount};
/// use kassa_processor::{ConnectorOptions, Processor};
///
/// let config: Config = serde_json::from_value(serde_json::json!({
///     "base_url": "https://api.icount.co.il/api/v3.php",
///     "cid": "acme", "user": "api", "pass": "hunter2",
/// })).unwrap();
/// let icount = ICount::new(config, &ConnectorOptions::default());
/// assert_eq!(icount.name(), "icount");
/// assert!(icount.needs_holder_id());
/// ```
pub struct ICount {
    config: Config,
    http: reqwest::Client,
    /// The open session's `sid`, if any.
    session: Mutex<Option<String>>,
}

impl std::fmt::Debug for ICount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ICount")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What came of a call made within a session.
enum Exchange {
    /// iCount answered.
    Answered(wire::Answer),
    /// The exchange failed.
    Failed(Failure),
}

/// What a `status: false` answer means.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    /// The issuer declined the card.
    Decline(DeclineReason),
    /// iCount refused the merchant's credentials or session.
    Unauthorized,
    /// iCount refused the request itself.
    Rejected(&'static str),
}

impl ICount {
    /// A connector for these settings.
    pub fn new(config: Config, options: &ConnectorOptions) -> ICount {
        ICount {
            config,
            http: http::client(options),
            session: Mutex::new(None),
        }
    }

    fn url(&self, api: &str) -> String {
        format!("{}/{api}", self.config.base_url.trim_end_matches('/'))
    }

    /// One POST and its answer. Anything but a readable HTTP 200 answer is
    /// a failed exchange.
    async fn post<B: Serialize>(&self, api: &str, body: &B) -> Result<wire::Answer, Failure> {
        let response = self
            .http
            .post(self.url(api))
            .json(body)
            .send()
            .await
            .map_err(|error| http::failure(&error))?;
        if response.status() != reqwest::StatusCode::OK {
            return Err(Failure::Lost);
        }
        let bytes = response.bytes().await.map_err(|_| Failure::Lost)?;
        serde_json::from_slice(&bytes).map_err(|_| Failure::Lost)
    }

    /// Opens a session. A login charges nothing, so any failure to reach
    /// iCount is [`ProcessorError::Unavailable`].
    async fn login(&self) -> Result<String, ProcessorError> {
        let body = wire::Login {
            cid: &self.config.cid,
            user: &self.config.user,
            pass: &self.config.pass,
        };
        let answer = self
            .post(wire::LOGIN, &body)
            .await
            .map_err(|_| ProcessorError::Unavailable)?;
        if !answer.status {
            tracing::warn!(reason = answer.reason(), "icount refused the login");
            return Err(ProcessorError::Unauthorized);
        }
        let sid = answer
            .sid
            .filter(|sid| !sid.is_empty())
            .ok_or(ProcessorError::Unavailable)?;
        *self.session.lock().unwrap_or_else(PoisonError::into_inner) = Some(sid.clone());
        Ok(sid)
    }

    /// The open session, or a new one.
    async fn session(&self) -> Result<String, ProcessorError> {
        let open = self
            .session
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match open {
            Some(sid) => Ok(sid),
            None => self.login().await,
        }
    }

    /// Drops `sid` if it is still the open session.
    fn forget(&self, sid: &str) {
        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        if session.as_deref() == Some(sid) {
            *session = None;
        }
    }

    /// Calls `api` within a session, logging in again once if iCount says
    /// the session lapsed (it then refused the call: nothing was done).
    ///
    /// # Errors
    /// What a failed login means ([`ProcessorError::Unavailable`] or
    /// [`ProcessorError::Unauthorized`]), and `Unauthorized` when a fresh
    /// session is refused too.
    async fn call<B: Serialize>(&self, api: &str, body: &B) -> Result<Exchange, ProcessorError> {
        let sid = self.session().await?;
        let answer = match self.post(api, &wire::WithSession { sid: &sid, body }).await {
            Ok(answer) => answer,
            Err(failure) => return Ok(Exchange::Failed(failure)),
        };
        if answer.status || answer.reason() != wire::BAD_SESSION {
            return Ok(Exchange::Answered(answer));
        }
        self.forget(&sid);
        let sid = self.login().await?;
        match self.post(api, &wire::WithSession { sid: &sid, body }).await {
            Ok(answer) if !answer.status && answer.reason() == wire::BAD_SESSION => {
                self.forget(&sid);
                Err(ProcessorError::Unauthorized)
            }
            Ok(answer) => Ok(Exchange::Answered(answer)),
            Err(failure) => Ok(Exchange::Failed(failure)),
        }
    }
}

impl ICount {
    /// Keeps the card of an approved charge with `cc_storage/store`, and
    /// answers its token; `None` (logged) when iCount did not keep it: the
    /// charge stands either way.
    async fn store(
        &self,
        request: &ChargeRequest<'_>,
        holder_id: &kassa_card::IsraeliId,
        validity: &str,
    ) -> Option<String> {
        let body = wire::Store {
            client_name: request.holder.as_str(),
            cc_number: request.card.expose_digits(),
            cc_validity: validity,
            cc_holder_id: holder_id.as_str(),
            cc_holder_name: request.holder.as_str(),
        };
        let answer = match self.call(wire::STORE, &body).await {
            Ok(Exchange::Answered(answer)) if answer.status => answer,
            Ok(Exchange::Answered(answer)) => {
                tracing::warn!(reason = answer.reason(), "icount did not store the card");
                return None;
            }
            _ => {
                tracing::warn!("icount's answer to storing the card was lost");
                return None;
            }
        };
        let token = StoredCard::parse(&format!(
            "{}/{}",
            answer.client_id.unwrap_or_default(),
            answer.cc_token_id.unwrap_or_default()
        ));
        if token.is_none() {
            tracing::warn!("icount stored the card but answered no usable token");
        }
        token.map(|token| token.to_string())
    }
}

/// A card iCount keeps: `<client_id>/<cc_token_id>`, both positive
/// integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct StoredCard {
    client_id: u64,
    cc_token_id: u64,
}

impl StoredCard {
    fn parse(token: &str) -> Option<StoredCard> {
        let (client_id, cc_token_id) = token.split_once('/')?;
        let number = |text: &str| {
            text.bytes()
                .all(|byte| byte.is_ascii_digit())
                .then(|| text.parse::<u64>().ok())
                .flatten()
                .filter(|value| *value > 0)
        };
        Some(StoredCard {
            client_id: number(client_id)?,
            cc_token_id: number(cc_token_id)?,
        })
    }
}

impl std::fmt::Display for StoredCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.client_id, self.cc_token_id)
    }
}

/// A decimal amount as a JSON number (`15.04`).
fn json_number(amount: Amount) -> Result<Box<RawValue>, ProcessorError> {
    RawValue::from_string(amount.to_string()).map_err(|_| ProcessorError::Rejected {
        code: "invalid_amount",
    })
}

/// What a `reason` of a refused call means.
fn refusal(reason: &str) -> Refusal {
    match reason {
        "insufficient_funds" => Refusal::Decline(DeclineReason::InsufficientFunds),
        "card_declined" => Refusal::Decline(DeclineReason::DoNotHonour),
        "stolen_card" => Refusal::Decline(DeclineReason::StolenCard),
        "lost_card" => Refusal::Decline(DeclineReason::LostCard),
        "card_expired" => Refusal::Decline(DeclineReason::ExpiredCard),
        "bad_cvv" => Refusal::Decline(DeclineReason::IncorrectSecurityCode),
        "cc_provider_error" => Refusal::Decline(DeclineReason::ProcessingError),
        "auth_failed" | wire::BAD_SESSION => Refusal::Unauthorized,
        "missing_sum" | "invalid_sum" | "invalid_first_payment" => {
            Refusal::Rejected("invalid_amount")
        }
        "missing_currency_code" | "invalid_currency_code" => {
            Refusal::Rejected("unsupported_currency")
        }
        "invalid_num_of_payments" | "invalid_is_credit" => {
            Refusal::Rejected("invalid_installments")
        }
        "missing_cc_holder_id" | "invalid_cc_holder_id" => Refusal::Rejected("invalid_holder_id"),
        "missing_cc_number" | "invalid_cc_number" => Refusal::Rejected("invalid_card_number"),
        "missing_cc_validity" | "invalid_cc_validity" => Refusal::Rejected("invalid_expiry"),
        "invalid_cc_cvv" => Refusal::Rejected("invalid_security_code"),
        "cc_token_not_found"
        | "invalid_cc_token_id"
        | "missing_client_id"
        | "invalid_client_id"
        | "client_not_found" => Refusal::Rejected("unknown_gateway_token"),
        "unknown_method" => Refusal::Rejected("unsupported_request"),
        other if other.starts_with("missing_") || other.starts_with("invalid_") => {
            Refusal::Rejected("invalid_request")
        }
        other => {
            tracing::warn!(reason = other, "unknown icount reason, read as a decline");
            Refusal::Decline(DeclineReason::DoNotHonour)
        }
    }
}

/// What `cc/bill` answered, as Kassa's outcome.
fn charge_outcome(
    answer: wire::Answer,
    reference: String,
    code_sent: bool,
) -> Result<ChargeOutcome, ProcessorError> {
    let checked = if code_sent {
        SecurityCodeResult::NotChecked
    } else {
        SecurityCodeResult::NotProvided
    };
    if answer.status {
        return Ok(ChargeOutcome::Approved(Approval {
            gateway_token: None,
            authorization_code: answer.confirmation_code.unwrap_or_default(),
            transaction_ref: reference,
            avs: AvsResult::Unavailable,
            security_code: checked,
            three_d_secure: None,
        }));
    }
    match refusal(answer.reason()) {
        Refusal::Decline(reason) => Ok(ChargeOutcome::Declined(Decline {
            reason,
            transaction_ref: reference,
            avs: AvsResult::Unavailable,
            security_code: if reason == DeclineReason::IncorrectSecurityCode {
                SecurityCodeResult::NoMatch
            } else {
                checked
            },
            three_d_secure: None,
        })),
        Refusal::Unauthorized => Err(ProcessorError::Unauthorized),
        Refusal::Rejected(code) => Err(ProcessorError::Rejected { code }),
    }
}

#[async_trait::async_trait]
impl Processor for ICount {
    fn name(&self) -> &'static str {
        "icount"
    }

    fn needs_holder_id(&self) -> bool {
        true
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        PendingCharge::lost(request, format!("{LOOKUP_PREFIX}{reference}"))
    }

    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        let Some(holder_id) = request.holder_id else {
            return Err(ProcessorError::Rejected {
                code: "holder_id_required",
            });
        };
        let total =
            Amount::from_minor_units(request.amount_minor, request.currency).map_err(|_| {
                ProcessorError::Rejected {
                    code: "invalid_amount",
                }
            })?;
        let plan = InstallmentPlan::new(total, request.installments, None).map_err(|_| {
            ProcessorError::Rejected {
                code: "invalid_installments",
            }
        })?;
        let is_credit = request.installment_kind == InstallmentKind::Credit;
        if is_credit && request.installments < 2 {
            return Err(ProcessorError::Rejected {
                code: "invalid_installments",
            });
        }
        let sum = json_number(total)?;
        // A credit deal's schedule is the issuer's: no first payment is sent.
        let first_payment = match plan.other_payment() {
            Some(_) if !is_credit => Some(json_number(plan.first_payment())?),
            _ => None,
        };
        let token = match request.stored.and_then(|stored| stored.gateway_token()) {
            Some(token) => Some(StoredCard::parse(token).ok_or(ProcessorError::Rejected {
                code: "invalid_gateway_token",
            })?),
            None => None,
        };
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        let validity = format!(
            "{:02}{:02}",
            request.expiry.month(),
            request.expiry.year() % 100
        );
        let bill = wire::Bill {
            sum: &sum,
            currency_code: request.currency.code(),
            cc_number: token.is_none().then(|| request.card.expose_digits()),
            cc_token_id: token.map(|token| token.cc_token_id),
            client_id: token.map(|token| token.client_id),
            cc_cvv: request.security_code.map(|code| code.expose_digits()),
            cc_validity: token.is_none().then_some(validity.as_str()),
            cc_holder_id: holder_id.as_str(),
            cc_holder_name: request.holder.as_str(),
            client_name: request.holder.as_str(),
            num_of_payments: request.installments,
            first_payment: first_payment.as_deref(),
            is_credit,
            is_test: self.config.is_test,
            custom_client_id: &reference,
            payment_description: &reference,
        };
        match self.call(wire::BILL, &bill).await? {
            Exchange::Answered(answer) => {
                let outcome = charge_outcome(answer, reference, request.security_code.is_some());
                match outcome {
                    Ok(ChargeOutcome::Approved(mut approval))
                        if matches!(request.stored, Some(StoredCredential::SaveOnFile)) =>
                    {
                        approval.gateway_token = self.store(request, holder_id, &validity).await;
                        Ok(ChargeOutcome::Approved(approval))
                    }
                    outcome => outcome,
                }
            }
            Exchange::Failed(Failure::NotSent) => Err(ProcessorError::Unavailable),
            Exchange::Failed(Failure::Lost) => {
                tracing::warn!(
                    reference = reference.as_str(),
                    "the answer to an icount charge was lost; it will be looked up"
                );
                Ok(ChargeOutcome::Pending(self.lost_charge(request)))
            }
        }
    }

    async fn settle(
        &self,
        pending: &PendingCharge,
        _now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        let reference = pending
            .processor_state
            .strip_prefix(LOOKUP_PREFIX)
            .filter(|reference| !reference.is_empty())
            .ok_or(ProcessorError::Rejected {
                code: "unknown_pending_charge",
            })?;
        let body = wire::Transactions {
            custom_client_id: reference,
        };
        let answer = match self.call(wire::TRANSACTIONS, &body).await? {
            Exchange::Answered(answer) => answer,
            Exchange::Failed(_) => return Err(ProcessorError::Unavailable),
        };
        if !answer.status {
            return Err(match refusal(answer.reason()) {
                Refusal::Unauthorized => ProcessorError::Unauthorized,
                _ => ProcessorError::Rejected {
                    code: "lookup_refused",
                },
            });
        }
        // Only the transactions of this reference, in case a search ignores
        // the filter but says which reference each transaction had.
        let found: Vec<wire::Transaction> = answer
            .results
            .unwrap_or_default()
            .into_iter()
            .filter(|found| {
                found
                    .custom_client_id
                    .as_deref()
                    .is_none_or(|sent| sent == reference)
            })
            .collect();
        let count = match answer.results_count {
            Some(count) if found.is_empty() && count > 0 => {
                // A count without the transactions: one at least was made.
                usize::try_from(count).unwrap_or(usize::MAX)
            }
            _ => found.len(),
        };
        if count == 0 {
            return Ok(Some(Settlement::NotCharged));
        }
        if count > 1 {
            tracing::warn!(
                reference,
                count,
                "icount holds several transactions for one charge reference"
            );
        }
        let authorization_code = found
            .into_iter()
            .find_map(|found| found.confirmation_code)
            .unwrap_or_default();
        Ok(Some(Settlement::Succeeded(Approval {
            gateway_token: None,
            authorization_code,
            transaction_ref: pending.transaction_ref.clone(),
            avs: pending.avs,
            security_code: pending.security_code,
            three_d_secure: None,
        })))
    }

    async fn refund(
        &self,
        _request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        Err(ProcessorError::Rejected {
            code: "refunds_not_supported",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Refusal, refusal};
    use crate::DeclineReason;

    #[test]
    fn stored_card_tokens_round_trip_and_refuse_other_text() {
        let token = super::StoredCard::parse("17/9001").unwrap();
        assert_eq!(token.to_string(), "17/9001");
        for other in [
            "",
            "17",
            "0/9001",
            "17/0",
            "a/1",
            "1/2/3",
            "cus_1/pm_2",
            "1/+2",
        ] {
            assert_eq!(super::StoredCard::parse(other), None, "{other}");
        }
    }

    #[test]
    fn reasons_map_to_declines_rejections_and_unauthorized() {
        assert_eq!(
            refusal("insufficient_funds"),
            Refusal::Decline(DeclineReason::InsufficientFunds)
        );
        assert_eq!(refusal("auth_failed"), Refusal::Unauthorized);
        assert_eq!(
            refusal("missing_cc_holder_id"),
            Refusal::Rejected("invalid_holder_id")
        );
        assert_eq!(
            refusal("missing_email"),
            Refusal::Rejected("invalid_request")
        );
        assert_eq!(
            refusal("something_new"),
            Refusal::Decline(DeclineReason::DoNotHonour)
        );
    }
}
