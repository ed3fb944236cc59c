//! 3-D Secure: whether a charge asks the issuer to authenticate the
//! shopper, the challenge the shopper must pass when the issuer wants one,
//! and what the authentication said.

use crate::PendingCharge;

/// Whether a charge must be authenticated with 3-D Secure.
///
/// ```
/// use kassa_processor::ThreeDSecureMode;
/// assert_eq!(ThreeDSecureMode::default(), ThreeDSecureMode::Automatic);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThreeDSecureMode {
    /// The issuer (or the gateway's rules) decides: most cards pay without
    /// authentication, cards whose issuer asks for it are challenged.
    #[default]
    Automatic,
    /// The merchant requires it: a charge that cannot be authenticated (the
    /// issuer's service is down) is declined with
    /// [`DeclineReason::AuthenticationRequired`](crate::DeclineReason::AuthenticationRequired)
    /// instead of going through without liability shift.
    Required,
}

/// How the shopper was (or was not) authenticated.
///
/// ```
/// use kassa_processor::AuthenticationFlow;
/// assert_eq!(AuthenticationFlow::Challenge.code(), "challenge");
/// assert_eq!(AuthenticationFlow::from_code("attempted"), Some(AuthenticationFlow::Attempted));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthenticationFlow {
    /// The issuer authenticated the shopper from the data sent, without
    /// asking anything.
    Frictionless,
    /// The shopper answered the issuer's challenge.
    Challenge,
    /// The issuer does not take part in 3-D Secure; the network's
    /// attempt server stood in (ECI 06 or 01: liability still shifts).
    Attempted,
    /// The issuer's authentication service could not be reached.
    Unavailable,
}

impl AuthenticationFlow {
    /// Every flow.
    pub const ALL: [AuthenticationFlow; 4] = [
        AuthenticationFlow::Frictionless,
        AuthenticationFlow::Challenge,
        AuthenticationFlow::Attempted,
        AuthenticationFlow::Unavailable,
    ];

    /// The stable machine code.
    ///
    /// ```
    /// use kassa_processor::AuthenticationFlow;
    /// for flow in AuthenticationFlow::ALL {
    ///     assert_eq!(AuthenticationFlow::from_code(flow.code()), Some(flow));
    /// }
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::Frictionless => "frictionless",
            Self::Challenge => "challenge",
            Self::Attempted => "attempted",
            Self::Unavailable => "unavailable",
        }
    }

    /// The flow a code stands for; `None` for any other text.
    ///
    /// ```
    /// assert_eq!(kassa_processor::AuthenticationFlow::from_code("redirect"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<AuthenticationFlow> {
        Self::ALL.into_iter().find(|flow| flow.code() == code)
    }
}

/// What 3-D Secure said about a charge. A plain record with public fields.
///
/// ```
/// use kassa_processor::{AuthenticationFlow, ThreeDSecure};
///
/// let result = ThreeDSecure {
///     flow: AuthenticationFlow::Challenge,
///     authenticated: true,
///     eci: Some("05".into()),
///     liability_shift: true,
/// };
/// assert!(result.liability_shift);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ThreeDSecure {
    /// How it went.
    pub flow: AuthenticationFlow,
    /// Whether the issuer authenticated the shopper.
    pub authenticated: bool,
    /// The Electronic Commerce Indicator, two digits, as the network gives
    /// it (Visa and most others: 05 authenticated, 06 attempted, 07 none;
    /// Mastercard: 02, 01, 00); `None` when the gateway does not say.
    pub eci: Option<String>,
    /// Whether a fraud chargeback is now the issuer's loss, not the
    /// merchant's.
    pub liability_shift: bool,
}

/// The shopper's answer to an issuer's challenge, as the server learnt it.
///
/// With Kassa's own test issuer page the server knows which button was
/// pressed; a gateway that hosts the challenge itself knows better, and its
/// connector asks the gateway whatever the answer says.
///
/// ```
/// use kassa_processor::ChallengeAnswer;
/// assert_ne!(ChallengeAnswer::Passed, ChallengeAnswer::Abandoned);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChallengeAnswer {
    /// The shopper passed the challenge.
    Passed,
    /// The shopper failed it (a wrong code, or "this was not me").
    Failed,
    /// The shopper closed the challenge without answering.
    Abandoned,
}

/// A charge the issuer will only decide once the shopper passes a 3-D
/// Secure challenge. A plain record with public fields.
///
/// The server keeps `charge` (as [`PendingCharge::to_token`]), shows the
/// shopper the challenge, then hands both back to
/// [`Processor::complete_authentication`](crate::Processor::complete_authentication).
///
/// ```
/// use kassa_processor::{AvsResult, Challenge, PendingCharge, SecurityCodeResult};
///
/// let challenge = Challenge {
///     charge: PendingCharge {
///         transaction_ref: "tp_1".into(),
///         settles_at_unix_ms: 0,
///         avs: AvsResult::Unavailable,
///         security_code: SecurityCodeResult::Match,
///         processor_state: "challenge:approve:A1B2C3".into(),
///     },
///     issuer_url: None,
/// };
/// assert!(challenge.issuer_url.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Challenge {
    /// The charge waiting for the challenge: its reference, the checks
    /// already done, and the processor's state for completing it (never
    /// card data).
    pub charge: PendingCharge,
    /// The issuer's challenge page, when the gateway hosts it; `None` when
    /// the server shows its own (the test processor's simulated issuer).
    pub issuer_url: Option<String>,
}
