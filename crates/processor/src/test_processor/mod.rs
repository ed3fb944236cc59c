//! The built-in test processor: deterministic answers chosen by test card
//! numbers, postal codes and security codes.

mod calendar;
mod decision;
mod reference;
mod state;
mod table;
mod three_d_secure;

use std::time::Duration;

use crate::{
    Approval, CaptureConfirmation, CaptureRequest, ChargeOutcome, ChargeRequest, Decline,
    PendingCharge, Processor, ProcessorError, RefundConfirmation, RefundRequest, Settlement,
    VoidRequest,
};

use state::PendingState;

/// A processor for test mode and tests: no network, no clock, no
/// randomness. The same request always gets the same answer, chosen by the
/// triggers in the crate's README table.
///
/// Pending charges settle [`pending_delay`](Self::pending_delay) after the
/// charge (5 seconds unless set). The settlement time and outcome travel in
/// the [`PendingCharge`] itself, so a processor built after a restart (even
/// with another delay) settles it the same way.
///
/// ```
/// use std::time::Duration;
/// use kassa_processor::TestProcessor;
///
/// assert_eq!(TestProcessor::default().pending_delay(), Duration::from_secs(5));
/// let quick = TestProcessor::new().with_pending_delay(Duration::from_millis(10));
/// assert_eq!(quick.pending_delay(), Duration::from_millis(10));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TestProcessor {
    pending_delay: Duration,
}

impl TestProcessor {
    /// How long a pending charge waits unless told otherwise.
    ///
    /// ```
    /// use std::time::Duration;
    /// use kassa_processor::TestProcessor;
    /// assert_eq!(TestProcessor::DEFAULT_PENDING_DELAY, Duration::from_secs(5));
    /// ```
    pub const DEFAULT_PENDING_DELAY: Duration = Duration::from_secs(5);

    /// A test processor with the default pending delay.
    ///
    /// ```
    /// use kassa_processor::TestProcessor;
    /// assert_eq!(TestProcessor::new(), TestProcessor::default());
    /// ```
    pub const fn new() -> TestProcessor {
        TestProcessor {
            pending_delay: Self::DEFAULT_PENDING_DELAY,
        }
    }

    /// The same processor, with pending charges settling `pending_delay`
    /// after the charge. Delays beyond `i64::MAX` milliseconds saturate.
    ///
    /// ```
    /// use std::time::Duration;
    /// use kassa_processor::TestProcessor;
    /// let instant = TestProcessor::new().with_pending_delay(Duration::ZERO);
    /// assert_eq!(instant.pending_delay(), Duration::ZERO);
    /// ```
    pub const fn with_pending_delay(self, pending_delay: Duration) -> TestProcessor {
        TestProcessor { pending_delay }
    }

    /// How long pending charges wait before they settle.
    ///
    /// ```
    /// use std::time::Duration;
    /// use kassa_processor::TestProcessor;
    /// assert_eq!(TestProcessor::new().pending_delay(), Duration::from_secs(5));
    /// ```
    pub const fn pending_delay(&self) -> Duration {
        self.pending_delay
    }

    /// The pending delay in milliseconds, saturating.
    fn pending_delay_ms(&self) -> i64 {
        i64::try_from(self.pending_delay.as_millis()).unwrap_or(i64::MAX)
    }
}

impl TestProcessor {
    /// A refund of exactly this many minor units (6.66 in a two-decimal
    /// currency) is refused: `Rejected { code: "refund_refused" }`.
    ///
    /// ```
    /// assert_eq!(kassa_processor::TestProcessor::REFUND_REFUSED_MINOR, 666);
    /// ```
    pub const REFUND_REFUSED_MINOR: i64 = 666;

    /// A refund of exactly this many minor units (5.03) finds the processor
    /// unavailable: `Err(ProcessorError::Unavailable)`.
    ///
    /// ```
    /// assert_eq!(kassa_processor::TestProcessor::REFUND_UNAVAILABLE_MINOR, 503);
    /// ```
    pub const REFUND_UNAVAILABLE_MINOR: i64 = 503;

    /// A capture of exactly this many minor units (5.03) finds the processor
    /// unavailable, like a refund of it: nothing is captured.
    ///
    /// ```
    /// assert_eq!(kassa_processor::TestProcessor::CAPTURE_UNAVAILABLE_MINOR, 503);
    /// ```
    pub const CAPTURE_UNAVAILABLE_MINOR: i64 = 503;
}

impl Default for TestProcessor {
    fn default() -> Self {
        TestProcessor::new()
    }
}

#[async_trait::async_trait]
impl Processor for TestProcessor {
    fn name(&self) -> &'static str {
        "test"
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        PendingCharge {
            transaction_ref: reference::References::derive(request.invoice_id, request.attempt)
                .transaction_ref,
            ..PendingCharge::lost(request, PendingState::Lost.encode())
        }
    }

    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        decision::decide(request, self.pending_delay_ms())
    }

    /// Challenged cards (see the README's table) pass or fail as the
    /// shopper answered Kassa's simulated issuer page.
    async fn complete_authentication(
        &self,
        challenge: &PendingCharge,
        answer: crate::ChallengeAnswer,
        _now_unix_ms: i64,
    ) -> Result<ChargeOutcome, ProcessorError> {
        decision::after_challenge(challenge, answer)
    }

    async fn settle(
        &self,
        pending: &PendingCharge,
        now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        let state =
            PendingState::decode(&pending.processor_state).ok_or(ProcessorError::Rejected {
                code: "unknown_pending_charge",
            })?;
        if state == PendingState::Lost {
            return Ok(Some(Settlement::NotCharged));
        }
        if now_unix_ms < pending.settles_at_unix_ms {
            return Ok(None);
        }
        let transaction_ref = pending.transaction_ref.clone();
        Ok(Some(match state {
            PendingState::Succeed { authorization_code } => Settlement::Succeeded(Approval {
                gateway_token: None,
                authorization_code,
                transaction_ref,
                avs: pending.avs,
                security_code: pending.security_code,
                three_d_secure: None,
            }),
            PendingState::Fail(reason) => Settlement::Failed(Decline {
                reason,
                transaction_ref,
                avs: pending.avs,
                security_code: pending.security_code,
                three_d_secure: None,
            }),
            PendingState::Lost => Settlement::NotCharged,
        }))
    }

    async fn refund(
        &self,
        request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        match request.amount_minor {
            amount if amount <= 0 => Err(ProcessorError::Rejected {
                code: "invalid_amount",
            }),
            Self::REFUND_REFUSED_MINOR => Err(ProcessorError::Rejected {
                code: "refund_refused",
            }),
            Self::REFUND_UNAVAILABLE_MINOR => Err(ProcessorError::Unavailable),
            _ => Ok(RefundConfirmation {
                refund_ref: reference::refund_reference(request.refund_id),
            }),
        }
    }

    fn supports_manual_capture(&self) -> bool {
        true
    }

    /// Takes any positive amount up to the authorization, except
    /// [`TestProcessor::CAPTURE_UNAVAILABLE_MINOR`]. Deterministic, so a
    /// capture asked again gets the same reference.
    async fn capture(
        &self,
        request: &CaptureRequest<'_>,
    ) -> Result<CaptureConfirmation, ProcessorError> {
        match request.amount_minor {
            amount if amount <= 0 || amount > request.authorized_minor => {
                Err(ProcessorError::Rejected {
                    code: "invalid_amount",
                })
            }
            Self::CAPTURE_UNAVAILABLE_MINOR => Err(ProcessorError::Unavailable),
            _ => Ok(CaptureConfirmation {
                capture_ref: reference::refund_reference(&format!(
                    "capture:{}",
                    request.invoice_id
                )),
            }),
        }
    }

    async fn void(&self, _request: &VoidRequest<'_>) -> Result<(), ProcessorError> {
        Ok(())
    }
}
