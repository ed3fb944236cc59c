//! CreditGuard (Hyp's CreditGuard gateway): the XML "ashrait" relay.
//!
//! Every call is `POST <base_url>` (the relay URL itself, `https://…/xpo/Relay`)
//! with the form fields `user`, `password` and `int_in`, the `<ashrait>`
//! XML of one command (`wire.rs`):
//!
//! * a charge is `doDeal` with `transactionType` `Debit`, `validation`
//!   `AutoComm` (J4), `transactionCode` `Internet`, `total` in minor units,
//!   the card, `cvv`, the holder's Israeli `id`, and `creditType`
//!   `RegularCredit` (one payment) or `Payments` (installments:
//!   `numberOfPayments` is the number of payments after the first,
//!   `periodicalPayment` is `total / n` rounded down, and the remainder goes
//!   into `firstPayment`, so `first + (n-1)·periodical = total`);
//! * a charge in issuer-financed credit instalments
//!   ([`crate::InstallmentKind::Credit`]) is the
//!   same `doDeal` with `creditType` `SpecialCredit` and `numberOfPayments`
//!   the *total* number of payments, without `firstPayment` and
//!   `periodicalPayment` (the issuer sets the schedule); see **Credit
//!   deals** below;
//! * a charge on a saved card with a CreditGuard token is the same
//!   `doDeal` with `cardId` (the token) instead of `cardNo`, still with
//!   `cardExpiration`, and the CVV only when the shopper gave one (never
//!   for a merchant-initiated charge); see **Saved cards** below;
//! * a refund is `refundDeal` with the deal's `tranId` and the `total` to
//!   give back (CreditGuard cancels or refunds as the deal's state needs,
//!   and never gives back more than the deal);
//! * a look-up is `inquireTransactions` by the `user` field;
//! * with manual capture, a charge is the same `doDeal` with `validation`
//!   `Verify` (J5: the amount held, nothing taken), captured later by a
//!   `doDeal` `AutoComm` naming the J5's `cgUid`, for its amount or less,
//!   and voided by `cancelDeal` (see `j5.rs`).
//!
//! **The reference.** CreditGuard's field for the merchant's unique
//! identifier of a transaction is `user` (the "X field", at most 19
//! characters), and it is the field CreditGuard's Inquire Transactions API
//! finds transactions by. [`charge_reference`](crate::charge_reference) is
//! longer than 19 characters, so `user` carries a key derived from it:
//! `k` and the first 18 hex digits of its SHA-256 (`r` and the same for
//! [`refund_reference`](crate::refund_reference)). The full reference
//! travels in `customerData/userData1`, which CreditGuard echoes back and
//! shows in its back office; a look-up that returns `userData1` must match
//! it. Every outcome's `transaction_ref` is the charge reference, so a
//! refund or a settlement finds the deal again by the same key.
//!
//! **Result codes.** Three digits in the answer's `result` (and the deal's
//! `status`); below `300` they are Shva's codes, which CreditGuard passes
//! through; `405` refuses the user, password or terminal:
//!
//! | Code | Meaning | Kassa |
//! |---|---|---|
//! | `000` | permitted | approved |
//! | `001` | blocked card, confiscate | declined: `lost_card` |
//! | `002` | stolen card, confiscate | declined: `stolen_card` |
//! | `005` | forged card, confiscate | declined: `stolen_card` |
//! | `003`, `007` | call the credit company | declined: `do_not_honour` |
//! | `004` | refusal | declined: `do_not_honour` |
//! | `006` | wrong ID or CVV | declined: `incorrect_security_code` |
//! | `033`, `039` | invalid card, wrong check digit | declined: `do_not_honour` |
//! | `036` | expired card | declined: `expired_card` |
//! | `038` | above the card's ceiling | declined: `insufficient_funds` |
//! | `057` | ID not entered | `Rejected { code: "holder_id_required" }` |
//! | `058` | CVV not entered | `Rejected { code: "security_code_required" }` |
//! | `037`, `061`–`068` | installments or fields wrong | `Rejected { code: "invalid_request" }` |
//! | other below `300` | Shva's other refusals | declined: `do_not_honour` |
//! | `405` | user, password or terminal refused | `Unauthorized` |
//! | other | the gateway refused the request | `Rejected { code: "request_refused" }` |
//!
//! **Lost answers.** A charge whose answer is lost while the relay may
//! still be working on it (a timeout, a dropped connection, a proxy's 502,
//! 503 or 504) is pending. When the relay has finished with it but its
//! answer says nothing (a 500 or 501 from the relay itself, a body that is
//! not the relay's XML, an answer without a result), the connector looks
//! the deal up at once: no deal means nothing was charged (`Unavailable`),
//! a deal (or a look-up that fails) leaves the charge pending. A pending
//! charge's `processor_state` is `user=<key>`, and
//! [`settle`](Processor::settle) asks `inquireTransactions` for that
//! `user`: no debit means nothing was charged, status `000` an approval,
//! another code the decline it maps to, an empty status a deal still in
//! progress.
//!
//! **Saved cards.** A charge with
//! [`StoredCredential::SaveOnFile`]
//! is an ordinary `doDeal`; the approval's `cardId` (issued by terminals
//! with tokens) becomes [`Approval::gateway_token`]. A later charge with a
//! token sends it as `cardId` (digits only, at most 19, else
//! `invalid_gateway_token` before any request); a token the relay refuses
//! (`300` naming `cardId`) is `unknown_gateway_token`. Without a token (a
//! card saved before the merchant used CreditGuard) the card number goes
//! as for any charge, and a merchant-initiated one has no CVV: its marker
//! `0` "not passed" is sent, which a terminal that demands the CVV refuses
//! (`058`, `security_code_required`). CreditGuard's documents give no
//! field marking a deal merchant-initiated or recurring, so none is sent:
//! `transactionCode` stays `Internet`. A saving charge settled after a
//! lost answer has no token (the inquiry's rows carry none).
//!
//! **Credit deals.** CreditGuard's XML API, as two public clients
//! transcribe it (Wix's `libpay-creditguard`, `CreditTypes.scala` and
//! `DoDealRequest.java`; `MordiSacks/creditguard`, `Consts/CreditType.php`),
//! names the credit types `RegularCredit`, `IsraCredit`, `AdHock`,
//! `ClubDeal`, `SpecialAlpha` ("super credit"), `SpecialCredit` ("credit",
//! "fixed payments credit"), `Payments` and `PaymentsClub`: there is no
//! `creditType` `Credit` (`Credit` is a `transactionType`, a refund), and an
//! issuer's credit deal is `SpecialCredit`. For it `numberOfPayments` is
//! mandatory and is "the total number of payments" (for `Payments` it is
//! "the number of payments minus 1"); `firstPayment` and
//! `periodicalPayment` are mandatory for `Payments` only, and Kassa sends
//! neither with a credit deal: the issuer finances it and sets its payments
//! (with its interest). A credit plan of one payment is refused before any
//! request (`invalid_installments`); the number of payments an issuer
//! allows (one issuer: 3 to 18 for credit, 19 to 36 for super credit) is
//! the relay's to check (`037`, `invalid_request`). A J5's capture keeps
//! its credit type and number of payments.
//!
//! **Refunds** are idempotent on the refund id: a refund first looks for a
//! refund already made with its key, then finds the deal's `tranId` by the
//! charge's key, then sends `refundDeal`; when that answer is lost, it looks
//! again for the refund's key before answering.

mod j5;
mod wire;

use kassa_card::{Amount, Currency, InstallmentPlan};
use sha2::{Digest, Sha256};

use crate::http::Failure;
use crate::{
    Approval, AvsResult, Capture, CaptureConfirmation, CaptureRequest, ChargeOutcome,
    ChargeRequest, ConnectorOptions, Decline, DeclineReason, InstallmentKind, PendingCharge,
    Processor, ProcessorError, RefundConfirmation, RefundRequest, SecurityCodeResult, Settlement,
    StoredCredential, VoidRequest,
};

/// CreditGuard's settings, named as CreditGuard names them. `Debug` hides the credentials.
///
/// ```
/// use kassa_processor::connectors::creditguard::Config;
///
/// let config: Config = serde_json::from_value(serde_json::json!({
///     "base_url": "https://cguat2.creditguard.co.il/xpo/Relay",
///     "user": "kassa", "password": "hunter2", "terminal": "0962832",
/// })).unwrap();
/// assert!(!format!("{config:?}").contains("hunter2"));
/// ```
#[derive(Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The relay URL itself, `https://…/xpo/Relay`.
    pub base_url: String,
    /// The relay user.
    pub user: String,
    /// The relay password.
    pub password: String,
    /// The terminal number.
    pub terminal: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// The CreditGuard connector.
///
/// ```
/// use kassa_processor::connectors::creditguard::{Config, CreditGuard};
/// use kassa_processor::{ConnectorOptions, Processor};
///
/// let config = Config {
///     base_url: "https://cguat2.creditguard.co.il/xpo/Relay".into(),
///     user: "kassa".into(),
///     password: "hunter2".into(),
///     terminal: "0962832".into(),
/// };
/// let connector = CreditGuard::new(config, &ConnectorOptions::default());
/// assert_eq!(connector.name(), "creditguard");
/// assert!(connector.needs_holder_id());
/// ```
#[derive(Debug)]
pub struct CreditGuard {
    config: Config,
    http: reqwest::Client,
}

/// The language of the answers' texts.
const LANGUAGE: &str = "ENG";
/// The success code.
const APPROVED: &str = "000";
/// The relay's "invalid request", which names the field at fault.
const INVALID: &str = "300";
/// What `processor_state` starts with.
const STATE_PREFIX: &str = "user=";
/// The length of CreditGuard's `user` field.
const KEY_LENGTH: usize = 19;

/// The `user` key of a reference: `prefix` and the first 18 hex digits of
/// the reference's SHA-256.
fn lookup_key(prefix: char, reference: &str) -> String {
    let digest = hex::encode(Sha256::digest(reference.as_bytes()));
    let mut key = String::with_capacity(KEY_LENGTH);
    key.push(prefix);
    key.push_str(&digest[..KEY_LENGTH - 1]);
    key
}

/// Whether a gateway token can be CreditGuard's `cardId`: digits only, at
/// most 19 (a token from another gateway is not sent to this one).
fn is_card_id(token: &str) -> bool {
    (1..=19).contains(&token.len()) && token.bytes().all(|byte| byte.is_ascii_digit())
}

/// What a result code means for Kassa.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Approved,
    Declined(DeclineReason),
    Refused(&'static str),
    Unauthorized,
}

/// The module's table of result codes.
fn verdict(code: &str) -> Verdict {
    match code {
        APPROVED => Verdict::Approved,
        "001" => Verdict::Declined(DeclineReason::LostCard),
        "002" | "005" => Verdict::Declined(DeclineReason::StolenCard),
        "003" | "004" | "007" | "033" | "039" => Verdict::Declined(DeclineReason::DoNotHonour),
        "006" => Verdict::Declined(DeclineReason::IncorrectSecurityCode),
        "036" => Verdict::Declined(DeclineReason::ExpiredCard),
        "038" => Verdict::Declined(DeclineReason::InsufficientFunds),
        "057" => Verdict::Refused("holder_id_required"),
        "058" => Verdict::Refused("security_code_required"),
        "037" | "061" | "062" | "063" | "064" | "065" | "066" | "067" | "068" => {
            Verdict::Refused("invalid_request")
        }
        "405" => Verdict::Unauthorized,
        code if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) && code < "300" => {
            Verdict::Declined(DeclineReason::DoNotHonour)
        }
        _ => Verdict::Refused("request_refused"),
    }
}

/// The CVV check an answer reports.
fn security_code_result(status: Option<&str>, sent: bool) -> SecurityCodeResult {
    match status {
        Some("Valid") => SecurityCodeResult::Match,
        Some("Invalid") => SecurityCodeResult::NoMatch,
        Some("Absent") => SecurityCodeResult::NotProvided,
        _ if !sent => SecurityCodeResult::NotProvided,
        _ => SecurityCodeResult::NotChecked,
    }
}

/// CreditGuard's `creditType` of an issuer's credit deal.
const CREDIT_DEAL: &str = "SpecialCredit";

/// A deal's `creditType` and installment fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Payments {
    /// `RegularCredit`, `Payments` or `SpecialCredit`.
    pub(super) credit_type: &'static str,
    /// `Payments`: the payments after the first; `SpecialCredit`: all of them.
    pub(super) number_of_payments: Option<u8>,
    /// `Payments` only: the first payment, minor units.
    pub(super) first_payment: Option<i64>,
    /// `Payments` only: each later payment, minor units.
    pub(super) periodical_payment: Option<i64>,
}

/// How `total` (minor units of `currency`) is paid. One payment is
/// `RegularCredit`. Equal payments are `Payments` split by kassa-card's
/// [`InstallmentPlan`] (the remainder in the first payment, the same the
/// checkout page shows the shopper). Credit is `SpecialCredit` with the
/// total number of payments and no amounts (see **Credit deals**).
fn payment_plan(
    total: i64,
    currency: Currency,
    installments: u8,
    kind: InstallmentKind,
) -> Result<Payments, ProcessorError> {
    let refused = || ProcessorError::Rejected {
        code: "invalid_installments",
    };
    let total = Amount::from_minor_units(total, currency).map_err(|_| refused())?;
    let plan = InstallmentPlan::new(total, installments, None).map_err(|_| refused())?;
    if kind == InstallmentKind::Credit {
        if installments < 2 {
            return Err(refused());
        }
        return Ok(Payments {
            credit_type: CREDIT_DEAL,
            number_of_payments: Some(installments),
            first_payment: None,
            periodical_payment: None,
        });
    }
    Ok(match plan.other_payment() {
        Some(periodical) => Payments {
            credit_type: "Payments",
            number_of_payments: Some(installments - 1),
            first_payment: Some(plan.first_payment().to_minor_units()),
            periodical_payment: Some(periodical.to_minor_units()),
        },
        None => Payments {
            credit_type: "RegularCredit",
            number_of_payments: None,
            first_payment: None,
            periodical_payment: None,
        },
    })
}

/// The number of payments and their kind of a recorded deal (a J5's, for
/// its capture).
fn recorded_plan(row: &wire::Transaction) -> (u8, InstallmentKind) {
    match (row.credit_type.as_deref(), row.number_of_payments) {
        (Some("Payments"), Some(later)) => (later.saturating_add(1), InstallmentKind::Equal),
        (Some(CREDIT_DEAL), Some(all)) => (all, InstallmentKind::Credit),
        _ => (1, InstallmentKind::Equal),
    }
}

/// How an exchange with the relay went, short of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trouble {
    /// Nothing left Kassa.
    NotSent,
    /// The request may still be in progress at the relay (a timeout, a
    /// dropped connection, a proxy's 502, 503 or 504): its answer is lost.
    Lost,
    /// The relay is done with the request but its answer says nothing (a
    /// 500 or 501 from the relay itself, or a body that is not the relay's
    /// XML): whatever it did is already recorded, so a look-up tells.
    Finished,
    /// HTTP 401 or 403 (deployments that authenticate with HTTP Basic).
    Unauthorized,
    /// Another HTTP 4xx (or 3xx): the relay refused the request unread.
    Refused,
}

impl CreditGuard {
    /// A connector for these settings.
    pub fn new(config: Config, options: &ConnectorOptions) -> CreditGuard {
        CreditGuard {
            config,
            http: crate::http::client(options),
        }
    }

    /// Posts one `int_in` and returns the answer's body.
    async fn post(&self, int_in: &str) -> Result<String, Trouble> {
        let form = [
            ("user", self.config.user.as_str()),
            ("password", self.config.password.as_str()),
            ("int_in", int_in),
        ];
        let response = self
            .http
            .post(&self.config.base_url)
            .form(&form)
            .send()
            .await
            .map_err(|error| match crate::http::failure(&error) {
                Failure::NotSent => Trouble::NotSent,
                Failure::Lost => Trouble::Lost,
            })?;
        let status = response.status();
        if status == reqwest::StatusCode::INTERNAL_SERVER_ERROR
            || status == reqwest::StatusCode::NOT_IMPLEMENTED
        {
            return Err(Trouble::Finished);
        }
        if status.is_server_error() {
            return Err(Trouble::Lost);
        }
        if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
            return Err(Trouble::Unauthorized);
        }
        if !status.is_success() {
            return Err(Trouble::Refused);
        }
        response.text().await.map_err(|_| Trouble::Lost)
    }

    /// Sends one command and reads its answer (an answer that is not the
    /// relay's XML is [`Trouble::Finished`]).
    async fn exchange(
        &self,
        body: wire::Command<'_>,
        command: &'static str,
    ) -> Result<wire::Answer, Trouble> {
        let document = wire::RequestDocument {
            request: wire::Request {
                version: wire::VERSION,
                language: LANGUAGE,
                command,
                request_id: (),
                body,
            },
        };
        let int_in = wire::to_xml(&document).map_err(|_| Trouble::NotSent)?;
        let text = self.post(&int_in).await?;
        wire::from_xml(&text).ok_or(Trouble::Finished)
    }

    /// The transactions whose `user` is `key`.
    ///
    /// # Errors
    /// `Unavailable` when the relay cannot be asked or its answer read,
    /// `Unauthorized` for refused credentials, `Rejected` when it refuses
    /// the inquiry.
    async fn inquire(&self, key: &str) -> Result<Vec<wire::Transaction>, ProcessorError> {
        let rows = self
            .inquiry(wire::Inquiry {
                terminal_number: &self.config.terminal,
                user: Some(key),
                cg_uid: None,
            })
            .await?;
        Ok(rows
            .into_iter()
            .filter(|row| row.user.as_deref() == Some(key))
            .collect())
    }

    /// The transactions an inquiry finds.
    ///
    /// # Errors
    /// As [`inquire`](Self::inquire).
    async fn inquiry(
        &self,
        inquiry: wire::Inquiry<'_>,
    ) -> Result<Vec<wire::Transaction>, ProcessorError> {
        let inquiry = wire::Command::InquireTransactions(inquiry);
        let answer = match self.exchange(inquiry, "inquireTransactions").await {
            Ok(answer) => answer,
            Err(Trouble::NotSent | Trouble::Lost | Trouble::Finished) => {
                return Err(ProcessorError::Unavailable);
            }
            Err(Trouble::Unauthorized) => return Err(ProcessorError::Unauthorized),
            Err(Trouble::Refused) => {
                return Err(ProcessorError::Rejected {
                    code: "request_refused",
                });
            }
        };
        match answer.result.as_deref().map(verdict) {
            Some(Verdict::Approved) => Ok(answer
                .inquire_transactions
                .and_then(|inquiry| inquiry.transactions)
                .map(|transactions| transactions.transaction)
                .unwrap_or_default()),
            Some(Verdict::Unauthorized) => Err(ProcessorError::Unauthorized),
            Some(_) => Err(ProcessorError::Rejected {
                code: "request_refused",
            }),
            None => Err(ProcessorError::Unavailable),
        }
    }

    /// A refund already made with this key, if any.
    fn made_refund(rows: &[wire::Transaction]) -> Option<RefundConfirmation> {
        rows.iter()
            .filter(|row| !is_debit(row))
            .find(|row| row.status.as_deref() == Some(APPROVED))
            .and_then(|row| row.tran_id.clone())
            .map(|refund_ref| RefundConfirmation { refund_ref })
    }

    /// After the relay finished a charge without a readable answer (a 500,
    /// a body that is not its XML): a deal it recorded is pending until
    /// settled; no deal means nothing was charged.
    async fn after_failed_answer(
        &self,
        request: &ChargeRequest<'_>,
        key: &str,
    ) -> Result<ChargeOutcome, ProcessorError> {
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        match self.inquire(key).await {
            Ok(rows) if deals_of(&rows, &reference).is_empty() => {
                tracing::warn!(
                    invoice_id = request.invoice_id,
                    attempt = request.attempt,
                    reference = %reference,
                    "creditguard failed the charge and recorded no deal; nothing was charged"
                );
                Err(ProcessorError::Unavailable)
            }
            _ => {
                tracing::warn!(
                    invoice_id = request.invoice_id,
                    attempt = request.attempt,
                    reference = %reference,
                    "creditguard charge answer unreadable; pending until looked up"
                );
                Ok(ChargeOutcome::Pending(self.lost_charge(request)))
            }
        }
    }

    /// After a refund's answer was lost: was it made?
    async fn confirm_refund(&self, key: &str) -> Result<RefundConfirmation, ProcessorError> {
        match self.inquire(key).await {
            Ok(rows) => Self::made_refund(&rows).ok_or(ProcessorError::Unavailable),
            Err(_) => {
                tracing::warn!(
                    refund_key = key,
                    "creditguard refund answer lost and the look-up failed; retrying the same refund is safe"
                );
                Err(ProcessorError::Unavailable)
            }
        }
    }
}

/// Whether a transaction is a debit (a deal), not a refund or credit.
fn is_debit(row: &wire::Transaction) -> bool {
    let kind = row
        .transaction_type
        .as_ref()
        .and_then(|kind| kind.text.as_deref())
        .unwrap_or_default();
    !matches!(
        kind,
        "Refund" | "RegularCredit" | "AuthCredit" | "Credit" | "Cancel"
    )
}

/// The reference's debit rows (a row that names another `userData1` is not ours).
fn deals_of<'a>(rows: &'a [wire::Transaction], reference: &str) -> Vec<&'a wire::Transaction> {
    rows.iter()
        .filter(|row| is_debit(row))
        .filter(|row| {
            row.customer_data
                .as_ref()
                .and_then(|data| data.user_data1.as_deref())
                .is_none_or(|sent| sent == reference)
        })
        .collect()
}

#[async_trait::async_trait]
impl Processor for CreditGuard {
    fn name(&self) -> &'static str {
        "creditguard"
    }

    fn needs_holder_id(&self) -> bool {
        true
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        let key = lookup_key('k', &reference);
        PendingCharge::lost(request, format!("{STATE_PREFIX}{key}"))
    }

    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        let Some(holder_id) = request.holder_id else {
            return Err(ProcessorError::Rejected {
                code: "holder_id_required",
            });
        };
        if request.amount_minor <= 0 {
            return Err(ProcessorError::Rejected {
                code: "invalid_amount",
            });
        }
        let plan = payment_plan(
            request.amount_minor,
            request.currency,
            request.installments,
            request.installment_kind,
        )?;
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        let key = lookup_key('k', &reference);
        let card_id = match request.stored.and_then(|stored| stored.gateway_token()) {
            Some(token) if is_card_id(token) => Some(token),
            Some(_) => {
                return Err(ProcessorError::Rejected {
                    code: "invalid_gateway_token",
                });
            }
            None => None,
        };
        let cvv = match (request.security_code, card_id) {
            (Some(code), _) => Some(code.expose_digits()),
            // A token stands for a card whose CVV was checked when it was saved.
            (None, Some(_)) => None,
            // CreditGuard's markers: 9 "the card has none", 0 "not passed".
            (None, None) if request.card.brand().security_code_size() == 0 => Some("9"),
            (None, None) => Some("0"),
        };
        let deal = wire::Command::DoDeal(Box::new(wire::DoDeal {
            terminal_number: &self.config.terminal,
            card_no: card_id.is_none().then(|| request.card.expose_digits()),
            card_id,
            card_expiration: Some(format!(
                "{:02}{:02}",
                request.expiry.month(),
                request.expiry.year() % 100
            )),
            cvv,
            id: Some(holder_id.as_str()),
            total: request.amount_minor,
            transaction_type: "Debit",
            credit_type: plan.credit_type,
            currency: request.currency.code(),
            transaction_code: "Internet",
            // A manual capture's approval only holds the amount (J5).
            validation: match request.capture {
                Capture::Automatic => "AutoComm",
                Capture::Manual => "Verify",
            },
            number_of_payments: plan.number_of_payments,
            first_payment: plan.first_payment,
            periodical_payment: plan.periodical_payment,
            user: &key,
            customer_data: wire::CustomerData {
                user_data1: &reference,
            },
            cg_uid: None,
            auth_number: None,
        }));
        let answer = match self.exchange(deal, "doDeal").await {
            Ok(answer) => answer,
            Err(Trouble::Lost) => {
                tracing::warn!(
                    invoice_id = request.invoice_id,
                    attempt = request.attempt,
                    reference = %reference,
                    "creditguard charge answer lost; pending until looked up"
                );
                return Ok(ChargeOutcome::Pending(self.lost_charge(request)));
            }
            Err(Trouble::Finished) => return self.after_failed_answer(request, &key).await,
            Err(Trouble::NotSent) => return Err(ProcessorError::Unavailable),
            Err(Trouble::Unauthorized) => return Err(ProcessorError::Unauthorized),
            Err(Trouble::Refused) => {
                return Err(ProcessorError::Rejected {
                    code: "request_refused",
                });
            }
        };
        let deal = answer.do_deal.as_ref();
        let Some(code) = answer
            .result
            .as_deref()
            .or_else(|| deal.and_then(|deal| deal.status.as_deref()))
        else {
            return self.after_failed_answer(request, &key).await;
        };
        let cvv_status = deal
            .and_then(|deal| deal.cvv_status.as_ref())
            .and_then(|status| status.text.as_deref());
        let security_code = security_code_result(cvv_status, request.security_code.is_some());
        let saving = matches!(request.stored, Some(StoredCredential::SaveOnFile));
        if card_id.is_some()
            && code == INVALID
            && answer.additional_info.as_deref() == Some("cardId")
        {
            return Err(ProcessorError::Rejected {
                code: "unknown_gateway_token",
            });
        }
        match verdict(code) {
            Verdict::Approved => Ok(ChargeOutcome::Approved(Approval {
                gateway_token: deal
                    .and_then(|deal| deal.card_id.clone())
                    .filter(|_| saving),
                authorization_code: deal
                    .and_then(|deal| deal.auth_number.clone())
                    .unwrap_or_default(),
                transaction_ref: reference,
                avs: AvsResult::Unavailable,
                security_code,
                three_d_secure: None,
            })),
            Verdict::Declined(reason) => Ok(ChargeOutcome::Declined(Decline {
                reason,
                transaction_ref: reference,
                avs: AvsResult::Unavailable,
                security_code,
                three_d_secure: None,
            })),
            Verdict::Refused(code) => Err(ProcessorError::Rejected { code }),
            Verdict::Unauthorized => Err(ProcessorError::Unauthorized),
        }
    }

    async fn settle(
        &self,
        pending: &PendingCharge,
        _now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        let key = pending
            .processor_state
            .strip_prefix(STATE_PREFIX)
            .filter(|key| key.len() == KEY_LENGTH && key.is_ascii())
            .ok_or(ProcessorError::Rejected {
                code: "unknown_pending_charge",
            })?;
        let rows = self.inquire(key).await?;
        let deals = deals_of(&rows, &pending.transaction_ref);
        if let Some(approved) = deals
            .iter()
            .find(|row| row.status.as_deref() == Some(APPROVED))
        {
            return Ok(Some(Settlement::Succeeded(Approval {
                gateway_token: None,
                authorization_code: approved.auth_number.clone().unwrap_or_default(),
                transaction_ref: pending.transaction_ref.clone(),
                avs: pending.avs,
                security_code: pending.security_code,
                three_d_secure: None,
            })));
        }
        if deals
            .iter()
            .any(|row| row.status.as_deref().is_none_or(str::is_empty))
        {
            return Ok(None);
        }
        let Some(code) = deals.first().and_then(|row| row.status.as_deref()) else {
            return Ok(Some(Settlement::NotCharged));
        };
        Ok(Some(match verdict(code) {
            Verdict::Declined(reason) => Settlement::Failed(Decline {
                reason,
                transaction_ref: pending.transaction_ref.clone(),
                avs: pending.avs,
                security_code: pending.security_code,
                three_d_secure: None,
            }),
            // A deal refused for its request charged nothing.
            Verdict::Approved | Verdict::Refused(_) | Verdict::Unauthorized => {
                Settlement::NotCharged
            }
        }))
    }

    fn supports_manual_capture(&self) -> bool {
        true
    }

    async fn capture(
        &self,
        request: &CaptureRequest<'_>,
    ) -> Result<CaptureConfirmation, ProcessorError> {
        self.capture_j5(request).await
    }

    async fn void(&self, request: &VoidRequest<'_>) -> Result<(), ProcessorError> {
        self.void_j5(request).await
    }

    async fn refund(
        &self,
        request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        if request.amount_minor <= 0 {
            return Err(ProcessorError::Rejected {
                code: "invalid_amount",
            });
        }
        let refund_key = lookup_key('r', &crate::refund_reference(request.refund_id));
        if let Some(done) = Self::made_refund(&self.inquire(&refund_key).await?) {
            return Ok(done);
        }
        let charge_key = lookup_key('k', request.transaction_ref);
        let rows = self.inquire(&charge_key).await?;
        let deal = deals_of(&rows, request.transaction_ref)
            .into_iter()
            .find(|row| row.status.as_deref() == Some(APPROVED))
            .cloned()
            .ok_or(ProcessorError::Rejected {
                code: "unknown_charge",
            })?;
        // A J5 took nothing: what is given back is its capture's.
        let deal = if j5::is_j5(&deal) {
            self.capture_of(&deal)
                .await?
                .ok_or(ProcessorError::Rejected {
                    code: "unknown_charge",
                })?
        } else {
            deal
        };
        if deal
            .currency
            .as_deref()
            .is_some_and(|currency| currency != request.currency.code())
        {
            return Err(ProcessorError::Rejected {
                code: "currency_mismatch",
            });
        }
        let tran_id = deal.tran_id.clone().ok_or(ProcessorError::Rejected {
            code: "unknown_charge",
        })?;
        let refund = wire::Command::RefundDeal(wire::RefundDeal {
            terminal_number: &self.config.terminal,
            tran_id: &tran_id,
            total: request.amount_minor,
            user: &refund_key,
        });
        let answer = match self.exchange(refund, "refundDeal").await {
            Ok(answer) => answer,
            Err(Trouble::Lost | Trouble::Finished) => {
                tracing::warn!(
                    refund_id = request.refund_id,
                    invoice_id = request.invoice_id,
                    "creditguard refund answer lost or unreadable; looking it up"
                );
                return self.confirm_refund(&refund_key).await;
            }
            Err(Trouble::NotSent) => return Err(ProcessorError::Unavailable),
            Err(Trouble::Unauthorized) => return Err(ProcessorError::Unauthorized),
            Err(Trouble::Refused) => {
                return Err(ProcessorError::Rejected {
                    code: "request_refused",
                });
            }
        };
        let code = answer.result.as_deref().or_else(|| {
            answer
                .refund_deal
                .as_ref()
                .and_then(|refund| refund.status.as_deref())
        });
        match code.map(verdict) {
            Some(Verdict::Approved) => Ok(RefundConfirmation {
                refund_ref: answer
                    .tran_id
                    .or_else(|| answer.refund_deal.and_then(|refund| refund.tran_id))
                    .unwrap_or_else(|| crate::refund_reference(request.refund_id)),
            }),
            Some(Verdict::Unauthorized) => Err(ProcessorError::Unauthorized),
            Some(_) => Err(ProcessorError::Rejected {
                code: "refund_refused",
            }),
            None => self.confirm_refund(&refund_key).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fit_the_user_field_and_differ_by_reference() {
        let key = lookup_key('k', "kassa-inv_0123456789abcdef0123456789abcdef-1");
        assert_eq!(key.len(), 19);
        assert!(key.starts_with('k'));
        assert_ne!(
            key,
            lookup_key('k', "kassa-inv_0123456789abcdef0123456789abcdef-2")
        );
        assert_eq!(
            key,
            lookup_key('k', "kassa-inv_0123456789abcdef0123456789abcdef-1")
        );
    }

    #[test]
    fn installments_put_the_remainder_in_the_first_payment() {
        let ils = Currency::from_code("ILS").unwrap();
        let equal = InstallmentKind::Equal;
        let single = payment_plan(1_000, ils, 1, equal).unwrap();
        assert_eq!(single.credit_type, "RegularCredit");
        assert_eq!(single.number_of_payments, None);
        let three = payment_plan(1_000, ils, 3, equal).unwrap();
        assert_eq!(three.credit_type, "Payments");
        assert_eq!(
            (
                three.number_of_payments,
                three.first_payment,
                three.periodical_payment
            ),
            (Some(2), Some(334), Some(333))
        );
        let even = payment_plan(1_500, ils, 3, equal).unwrap();
        assert_eq!(
            (even.first_payment, even.periodical_payment),
            (Some(500), Some(500))
        );
        assert!(payment_plan(2, ils, 3, equal).is_err());
    }

    #[test]
    fn credit_is_a_special_credit_deal_of_all_the_payments_without_amounts() {
        let ils = Currency::from_code("ILS").unwrap();
        let credit = payment_plan(120_000, ils, 12, InstallmentKind::Credit).unwrap();
        assert_eq!(
            credit,
            Payments {
                credit_type: "SpecialCredit",
                number_of_payments: Some(12),
                first_payment: None,
                periodical_payment: None,
            }
        );
        assert_eq!(
            payment_plan(1_000, ils, 1, InstallmentKind::Credit),
            Err(ProcessorError::Rejected {
                code: "invalid_installments"
            })
        );
    }

    #[test]
    fn codes_map_to_reasons() {
        assert_eq!(verdict("000"), Verdict::Approved);
        assert_eq!(
            verdict("038"),
            Verdict::Declined(DeclineReason::InsufficientFunds)
        );
        assert_eq!(
            verdict("019"),
            Verdict::Declined(DeclineReason::DoNotHonour)
        );
        assert_eq!(verdict("405"), Verdict::Unauthorized);
        assert_eq!(verdict("300"), Verdict::Refused("request_refused"));
        assert_eq!(verdict("abc"), Verdict::Refused("request_refused"));
    }
}
