//! What a processor answers: approved, declined, or pending.

use crate::{AvsResult, Challenge, DeclineReason, PendingCharge, SecurityCodeResult, ThreeDSecure};

/// How a charge ended, or that it has not ended yet.
///
/// ```
/// use kassa_processor::{Approval, AvsResult, ChargeOutcome, SecurityCodeResult};
///
/// let outcome = ChargeOutcome::Approved(Approval {
///     gateway_token: None,
///     authorization_code: "A1B2C3".into(),
///     transaction_ref: "tp_000000000000000000000000".into(),
///     avs: AvsResult::StreetAndPostal,
///     security_code: SecurityCodeResult::Match,
///     three_d_secure: None,
/// });
/// assert_eq!(outcome.transaction_ref(), "tp_000000000000000000000000");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChargeOutcome {
    /// The issuer approved the charge.
    Approved(Approval),
    /// The issuer declined the charge.
    Declined(Decline),
    /// No answer yet: ask again with [`Processor::settle`](crate::Processor::settle).
    Pending(PendingCharge),
    /// The issuer wants the shopper to pass a 3-D Secure challenge first;
    /// then [`Processor::complete_authentication`](crate::Processor::complete_authentication)
    /// gives the outcome.
    ChallengeRequired(Challenge),
}

impl ChargeOutcome {
    /// The processor's reference for the charge, whatever the outcome.
    ///
    /// ```
    /// use kassa_processor::{AvsResult, ChargeOutcome, Decline, DeclineReason, SecurityCodeResult};
    ///
    /// let outcome = ChargeOutcome::Declined(Decline {
    ///     reason: DeclineReason::DoNotHonour,
    ///     transaction_ref: "tp_1".into(),
    ///     avs: AvsResult::Unavailable,
    ///     security_code: SecurityCodeResult::NotProvided,
    ///     three_d_secure: None,
    /// });
    /// assert_eq!(outcome.transaction_ref(), "tp_1");
    /// ```
    pub fn transaction_ref(&self) -> &str {
        match self {
            Self::Approved(approval) => &approval.transaction_ref,
            Self::Declined(decline) => &decline.transaction_ref,
            Self::Pending(pending) => &pending.transaction_ref,
            Self::ChallengeRequired(challenge) => &challenge.charge.transaction_ref,
        }
    }
}

/// An approved charge. A plain record with public fields.
///
/// ```
/// use kassa_processor::{Approval, AvsResult, SecurityCodeResult};
///
/// let approval = Approval {
///     gateway_token: None,
///     authorization_code: "Z9Y8X7".into(),
///     transaction_ref: "tp_0123456789abcdef01234567".into(),
///     avs: AvsResult::StreetAndPostal,
///     security_code: SecurityCodeResult::Match,
///     three_d_secure: None,
/// };
/// assert_eq!(approval.authorization_code.len(), 6);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Approval {
    /// The issuer's authorization code, as the processor gives it: six
    /// upper-case letters and digits from the test processor, seven digits
    /// from CreditGuard's Israeli acquirers, and so on.
    pub authorization_code: String,
    /// The processor's reference for the charge.
    pub transaction_ref: String,
    /// The address check.
    pub avs: AvsResult,
    /// The security code check.
    pub security_code: SecurityCodeResult,
    /// The gateway's own token for the card, when the charge asked to keep
    /// it ([`StoredCredential::SaveOnFile`](crate::StoredCredential::SaveOnFile))
    /// and the gateway has tokens (a Stripe PaymentMethod): later charges
    /// on the saved card go through it.
    pub gateway_token: Option<String>,
    /// What 3-D Secure said, when the charge was authenticated (or tried).
    pub three_d_secure: Option<ThreeDSecure>,
}

/// A declined charge. A plain record with public fields.
///
/// ```
/// use kassa_processor::{AvsResult, Decline, DeclineReason, SecurityCodeResult};
///
/// let decline = Decline {
///     reason: DeclineReason::IncorrectSecurityCode,
///     transaction_ref: "tp_0123456789abcdef01234567".into(),
///     avs: AvsResult::Unavailable,
///     security_code: SecurityCodeResult::NoMatch,
///     three_d_secure: None,
/// };
/// assert!(decline.reason.is_retryable());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decline {
    /// Why the issuer declined.
    pub reason: DeclineReason,
    /// The processor's reference for the charge.
    pub transaction_ref: String,
    /// The address check.
    pub avs: AvsResult,
    /// The security code check.
    pub security_code: SecurityCodeResult,
    /// What 3-D Secure said, when the charge was authenticated (or tried).
    pub three_d_secure: Option<ThreeDSecure>,
}

/// How a pending charge ended.
///
/// ```
/// use kassa_processor::{AvsResult, Decline, DeclineReason, SecurityCodeResult, Settlement};
///
/// let settlement = Settlement::Failed(Decline {
///     reason: DeclineReason::DoNotHonour,
///     transaction_ref: "tp_2".into(),
///     avs: AvsResult::StreetAndPostal,
///     security_code: SecurityCodeResult::Match,
///     three_d_secure: None,
/// });
/// assert_eq!(settlement.transaction_ref(), "tp_2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settlement {
    /// The charge went through.
    Succeeded(Approval),
    /// The charge was declined after all.
    Failed(Decline),
    /// The processor has no such charge: a request whose answer was lost
    /// never reached it (see [`Processor::lost_charge`](crate::Processor::lost_charge)).
    /// Nothing was charged; the shopper may pay again.
    NotCharged,
}

impl Settlement {
    /// The processor's reference for the charge (the pending charge's);
    /// empty for [`NotCharged`](Self::NotCharged).
    ///
    /// ```
    /// use kassa_processor::{Approval, AvsResult, SecurityCodeResult, Settlement};
    ///
    /// let settlement = Settlement::Succeeded(Approval {
    ///     gateway_token: None,
    ///     authorization_code: "123ABC".into(),
    ///     transaction_ref: "tp_3".into(),
    ///     avs: AvsResult::StreetAndPostal,
    ///     security_code: SecurityCodeResult::Match,
    ///     three_d_secure: None,
    /// });
    /// assert_eq!(settlement.transaction_ref(), "tp_3");
    /// ```
    pub fn transaction_ref(&self) -> &str {
        match self {
            Self::Succeeded(approval) => &approval.transaction_ref,
            Self::Failed(decline) => &decline.transaction_ref,
            Self::NotCharged => "",
        }
    }
}
