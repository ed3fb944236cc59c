//! The test processor's triggers, as data. The README's table lists the same
//! rows; `tests/` checks every one.

use crate::{AvsResult, DeclineReason, SecurityCodeResult};

/// What a card number makes the test processor do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberRule {
    /// Decline at once, for this reason.
    Decline(DeclineReason),
    /// Pending, then approved once the pending delay has passed.
    PendingThenSucceed,
    /// Pending, then declined (do not honour) once the delay has passed.
    PendingThenFail,
    /// No decision: [`ProcessorError::Unavailable`](crate::ProcessorError::Unavailable).
    Unavailable,
    /// 3-D Secure: the issuer challenges the shopper; a passed challenge is
    /// approved, or declined for the reason given.
    Challenge(Option<DeclineReason>),
    /// 3-D Secure: authenticated without a challenge.
    Frictionless,
    /// 3-D Secure: the issuer's service is unavailable (no liability shift).
    AuthenticationUnavailable,
    /// 3-D Secure: the issuer is not enrolled; the attempt shifts liability.
    NotEnrolled,
}

/// Card numbers with a fixed outcome; every other number is approved.
///
/// Source: Stripe's testing docs (<https://docs.stripe.com/testing>), whose
/// numbers give the same declines and 3-D Secure flows there (3063, 1629,
/// 3055). Kassa's own numbers: `4000000000005035` ("503", then its check
/// digit) makes the processor unreachable, which Stripe has no number for;
/// `4000000000003071` goes pending, then declines (Stripe's 3063 did that
/// here before 3-D Secure); `4000000000003402` and `4000000000003600` stand
/// for authentication unavailable and issuer not enrolled, which Stripe
/// shows only with its own Radar rules.
pub(crate) const NUMBER_RULES: &[(&str, NumberRule)] = &[
    (
        "4000000000000002",
        NumberRule::Decline(DeclineReason::DoNotHonour),
    ),
    (
        "4000000000009995",
        NumberRule::Decline(DeclineReason::InsufficientFunds),
    ),
    (
        "4000000000009987",
        NumberRule::Decline(DeclineReason::LostCard),
    ),
    (
        "4000000000009979",
        NumberRule::Decline(DeclineReason::StolenCard),
    ),
    (
        "4000000000000069",
        NumberRule::Decline(DeclineReason::ExpiredCard),
    ),
    (
        "4000000000000127",
        NumberRule::Decline(DeclineReason::IncorrectSecurityCode),
    ),
    (
        "4000000000000119",
        NumberRule::Decline(DeclineReason::ProcessingError),
    ),
    ("4000000000003220", NumberRule::PendingThenSucceed),
    ("4000000000003071", NumberRule::PendingThenFail),
    ("4000000000003063", NumberRule::Challenge(None)),
    (
        "4000008400001629",
        NumberRule::Challenge(Some(DeclineReason::DoNotHonour)),
    ),
    ("4000000000003055", NumberRule::Frictionless),
    ("4000000000003402", NumberRule::AuthenticationUnavailable),
    ("4000000000003600", NumberRule::NotEnrolled),
    ("4000000000005035", NumberRule::Unavailable),
];

/// Billing postal codes whose first five characters pick an AVS result;
/// any other address gets `Y`. Kassa's own choice: no US ZIP code starts
/// with `000`, so real test addresses never trigger them by accident. The
/// letters take 00001 to 00008 in the order processors' tables list them;
/// the name codes `5` to `8` take their digit twice.
pub(crate) const AVS_BY_POSTAL_CODE: &[(&str, AvsResult)] = &[
    ("00001", AvsResult::StreetOnly),
    ("00002", AvsResult::PostalNineDigitsOnly),
    ("00003", AvsResult::PostalFiveDigitsOnly),
    ("00004", AvsResult::NoMatch),
    ("00005", AvsResult::Unavailable),
    ("00006", AvsResult::Retry),
    ("00007", AvsResult::NotSupported),
    ("00008", AvsResult::BadData),
    ("00055", AvsResult::NameMismatchPostalMatch),
    ("00066", AvsResult::NameMismatchStreetAndPostalMatch),
    ("00077", AvsResult::NameMismatchStreetMatch),
    ("00088", AvsResult::NameStreetAndPostalMismatch),
];

/// Security codes whose first digit picks a result; any other code matches.
/// Kassa's own choice.
pub(crate) const SECURITY_CODE_BY_FIRST_DIGIT: &[(u8, SecurityCodeResult)] = &[
    (b'2', SecurityCodeResult::NoMatch),
    (b'3', SecurityCodeResult::NotProvided),
    (b'9', SecurityCodeResult::NotChecked),
];
