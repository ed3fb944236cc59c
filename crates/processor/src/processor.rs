//! The interface every card processor implements.

use crate::{
    CaptureConfirmation, CaptureRequest, ChargeOutcome, ChargeRequest, PendingCharge,
    ProcessorError, RefundConfirmation, RefundRequest, Settlement, VoidRequest,
};

/// A card processor: charges cards, says how pending charges ended, and
/// refunds approved charges.
///
/// Object-safe, so the server holds an `Arc<dyn Processor>` chosen at
/// startup (the [`TestProcessor`](crate::TestProcessor) in test mode).
///
/// A decline is an answer, not an error: `charge` returns
/// `Ok(ChargeOutcome::Declined(_))`. A [`ProcessorError`] means no decision
/// was made about the card. Implementations must keep card data out of
/// their logs, errors and `processor_state`.
///
/// ```
/// use std::sync::Arc;
/// use kassa_card::{CardNumber, CardholderName, Currency, Expiry, SecurityCode};
/// use kassa_processor::{ChargeOutcome, ChargeRequest, Processor, TestProcessor};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let processor: Arc<dyn Processor> = Arc::new(TestProcessor::default());
///
/// let card = CardNumber::parse("4242 4242 4242 4242").unwrap();
/// let code = SecurityCode::parse("123", Some(card.brand())).unwrap();
/// let holder = CardholderName::parse("Ada Lovelace").unwrap();
/// let request = ChargeRequest {
///     invoice_id: "inv_42",
///     attempt: 1,
///     amount_minor: 1_500,
///     currency: Currency::from_code("EUR").unwrap(),
///     card: &card,
///     expiry: Expiry::parse("12/30").unwrap(),
///     security_code: Some(&code),
///     holder: &holder,
///     billing: None,
///     holder_id: None,
///     installments: 1,
///     installment_kind: kassa_processor::InstallmentKind::Equal,
///     network: card.brand(),
///     capture: kassa_processor::Capture::Automatic,
///     stored: None,
///     three_d_secure: kassa_processor::ThreeDSecureMode::Automatic,
///     return_url: None,
///     now_unix_ms: 1_795_219_200_000,
/// };
/// let outcome = processor.charge(&request).await.unwrap();
/// assert!(matches!(outcome, ChargeOutcome::Approved(_)));
/// # }
/// ```
#[async_trait::async_trait]
pub trait Processor: Send + Sync {
    /// The processor's name in settings and records: `test`, `stripe`,
    /// `creditguard`, `icount`.
    fn name(&self) -> &'static str;

    /// Whether this processor's charges need the card holder's ID number
    /// ([`ChargeRequest::holder_id`]); the checkout then asks for it.
    fn needs_holder_id(&self) -> bool {
        false
    }

    /// How to find this charge at the processor if its answer is lost (a
    /// timeout, a dropped connection, the server killed mid-charge). Pure:
    /// no I/O. The server stores it *before* calling [`charge`](Self::charge),
    /// and hands it to [`settle`](Self::settle) when no outcome was recorded,
    /// which answers [`Settlement::NotCharged`] when the processor has no
    /// such charge. Connectors derive it from the same unique reference they
    /// send with the charge ([`crate::charge_reference`]).
    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge;

    /// Charges a card.
    ///
    /// Returns the issuer's answer: approved, declined, or pending (then ask
    /// [`settle`](Self::settle) later).
    ///
    /// # Errors
    /// [`ProcessorError::Unavailable`] when the processor cannot be reached;
    /// [`ProcessorError::Rejected`] when it refuses the request itself.
    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError>;

    /// The origins whose pages a challenge of this processor may show (the
    /// gateway's hosted 3-D Secure page, [`Challenge::issuer_url`](crate::Challenge::issuer_url)):
    /// the checkout page allows them in its frames. Empty for a processor
    /// whose challenges Kassa shows itself.
    fn challenge_origins(&self) -> Vec<String> {
        Vec::new()
    }

    /// Finishes a charge that answered
    /// [`ChargeOutcome::ChallengeRequired`], once the shopper has answered
    /// the issuer's challenge (or given up). Answers approved, declined
    /// ([`DeclineReason::AuthenticationFailed`](crate::DeclineReason::AuthenticationFailed)
    /// for a failed challenge) or pending; never another challenge.
    ///
    /// `challenge` may come from [`PendingCharge::from_token`], in another
    /// process than the one that charged.
    ///
    /// # Errors
    /// As [`charge`](Self::charge); `Rejected { code:
    /// "authentication_not_supported" }` from a processor that never
    /// challenges.
    async fn complete_authentication(
        &self,
        challenge: &PendingCharge,
        answer: crate::ChallengeAnswer,
        now_unix_ms: i64,
    ) -> Result<ChargeOutcome, ProcessorError> {
        let _ = (challenge, answer, now_unix_ms);
        Err(ProcessorError::Rejected {
            code: "authentication_not_supported",
        })
    }

    /// Asks how a pending charge ended; `Ok(None)` while it is still pending.
    ///
    /// `pending` may come from [`PendingCharge::from_token`], long after the
    /// charge and in another process.
    ///
    /// # Errors
    /// [`ProcessorError::Unavailable`] when the processor cannot be reached;
    /// [`ProcessorError::Rejected`] when it does not know the pending charge.
    async fn settle(
        &self,
        pending: &PendingCharge,
        now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError>;

    /// Gives back part or all of an approved charge.
    ///
    /// The server calls it at most once per `refund_id` at a time, having
    /// reserved the amount so refunds never exceed the charge.
    ///
    /// # Errors
    /// [`ProcessorError::Unavailable`] when the processor cannot be reached
    /// (nothing was refunded); [`ProcessorError::Rejected`] when it refuses
    /// the refund.
    async fn refund(
        &self,
        request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError>;

    /// Whether charges with [`Capture::Manual`](crate::Capture::Manual) only
    /// authorize here, to be captured or voided later. The server refuses
    /// manual capture for a merchant whose processor says no.
    fn supports_manual_capture(&self) -> bool {
        false
    }

    /// Takes part or all of an authorization; the rest is released.
    ///
    /// The server calls it at most once per authorization at a time. A call
    /// repeated after a lost answer must not take the money twice: derive
    /// the gateway's idempotency reference from `invoice_id`.
    ///
    /// # Errors
    /// [`ProcessorError::Unavailable`] when the processor cannot be reached
    /// (nothing was captured); [`ProcessorError::Rejected`] when it refuses,
    /// `capture_not_supported` unless [`supports_manual_capture`](Self::supports_manual_capture).
    async fn capture(
        &self,
        request: &CaptureRequest<'_>,
    ) -> Result<CaptureConfirmation, ProcessorError> {
        let _ = request;
        Err(ProcessorError::Rejected {
            code: "capture_not_supported",
        })
    }

    /// Releases an authorization without taking anything.
    ///
    /// # Errors
    /// As [`capture`](Self::capture).
    async fn void(&self, request: &VoidRequest<'_>) -> Result<(), ProcessorError> {
        let _ = request;
        Err(ProcessorError::Rejected {
            code: "capture_not_supported",
        })
    }
}
