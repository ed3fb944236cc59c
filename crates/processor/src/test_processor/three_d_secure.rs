//! The test processor's 3-D Secure: which cards are challenged or
//! authenticated without one, the ECI each result carries, and the state a
//! challenge keeps until the shopper answers it.

use kassa_card::Brand;

use super::reference::is_authorization_code;
use crate::{AuthenticationFlow, DeclineReason, ThreeDSecure};

/// How the card's network writes its Electronic Commerce Indicator:
/// Mastercard's own numbering, or the one Visa and the rest share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EciScheme {
    /// 02 authenticated, 01 attempted, 00 not authenticated.
    Mastercard,
    /// 05 authenticated, 06 attempted, 07 not authenticated.
    Visa,
}

impl EciScheme {
    /// The scheme of the network the charge runs on.
    pub(crate) fn of(network: Brand) -> EciScheme {
        match network {
            Brand::Mastercard | Brand::Maestro => EciScheme::Mastercard,
            _ => EciScheme::Visa,
        }
    }

    fn tag(self) -> &'static str {
        match self {
            EciScheme::Mastercard => "mc",
            EciScheme::Visa => "visa",
        }
    }

    fn from_tag(tag: &str) -> Option<EciScheme> {
        [EciScheme::Mastercard, EciScheme::Visa]
            .into_iter()
            .find(|scheme| scheme.tag() == tag)
    }

    /// The result of a flow: authenticated flows shift liability, an
    /// attempt (issuer not enrolled) does too, an unavailable service or a
    /// failed challenge does not.
    pub(crate) fn result(self, flow: AuthenticationFlow, passed: bool) -> ThreeDSecure {
        let authenticated = passed
            && matches!(
                flow,
                AuthenticationFlow::Frictionless | AuthenticationFlow::Challenge
            );
        let attempted = flow == AuthenticationFlow::Attempted;
        let eci = match (self, authenticated, attempted) {
            (EciScheme::Mastercard, true, _) => "02",
            (EciScheme::Mastercard, false, true) => "01",
            (EciScheme::Mastercard, false, false) => "00",
            (EciScheme::Visa, true, _) => "05",
            (EciScheme::Visa, false, true) => "06",
            (EciScheme::Visa, false, false) => "07",
        };
        ThreeDSecure {
            flow,
            authenticated,
            eci: Some(eci.to_owned()),
            liability_shift: authenticated || attempted,
        }
    }
}

/// What a challenged test charge does once the shopper passes: approve
/// with this code, or decline for this reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AfterChallenge {
    Approve { authorization_code: String },
    Decline(DeclineReason),
}

/// The `processor_state` of a challenged test charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ChallengeState {
    pub(crate) scheme: EciScheme,
    pub(crate) then: AfterChallenge,
}

/// Every challenge state starts with this.
const PREFIX: &str = "challenge:";

impl ChallengeState {
    /// `challenge:visa:approve:A1B2C3` or `challenge:mc:decline:do_not_honour`.
    pub(crate) fn encode(&self) -> String {
        let then = match &self.then {
            AfterChallenge::Approve { authorization_code } => {
                format!("approve:{authorization_code}")
            }
            AfterChallenge::Decline(reason) => format!("decline:{}", reason.code()),
        };
        format!("{PREFIX}{}:{then}", self.scheme.tag())
    }

    /// Reads what [`ChallengeState::encode`] wrote; `None` for anything else.
    pub(crate) fn decode(text: &str) -> Option<ChallengeState> {
        let mut parts = text.strip_prefix(PREFIX)?.splitn(3, ':');
        let scheme = EciScheme::from_tag(parts.next()?)?;
        let then = match (parts.next()?, parts.next()?) {
            ("approve", code) if is_authorization_code(code) => AfterChallenge::Approve {
                authorization_code: code.to_owned(),
            },
            ("decline", reason) => AfterChallenge::Decline(DeclineReason::from_code(reason)?),
            _ => return None,
        };
        Some(ChallengeState { scheme, then })
    }
}

#[cfg(test)]
mod tests {
    use super::{AfterChallenge, ChallengeState, EciScheme};
    use crate::{AuthenticationFlow, DeclineReason};

    #[test]
    fn states_round_trip() {
        for state in [
            ChallengeState {
                scheme: EciScheme::Visa,
                then: AfterChallenge::Approve {
                    authorization_code: "A1B2C3".into(),
                },
            },
            ChallengeState {
                scheme: EciScheme::Mastercard,
                then: AfterChallenge::Decline(DeclineReason::DoNotHonour),
            },
        ] {
            assert_eq!(ChallengeState::decode(&state.encode()), Some(state));
        }
        for text in [
            "",
            "challenge:",
            "challenge:amex:approve:A1B2C3",
            "challenge:visa:approve:a1",
            "challenge:visa:decline:nope",
            "succeed:A1B2C3",
        ] {
            assert_eq!(ChallengeState::decode(text), None, "{text}");
        }
    }

    #[test]
    fn eci_follows_the_network_and_the_flow() {
        let visa = EciScheme::Visa;
        let mc = EciScheme::Mastercard;
        let cases = [
            (
                visa.result(AuthenticationFlow::Challenge, true),
                "05",
                true,
                true,
            ),
            (
                visa.result(AuthenticationFlow::Challenge, false),
                "07",
                false,
                false,
            ),
            (
                visa.result(AuthenticationFlow::Attempted, true),
                "06",
                false,
                true,
            ),
            (
                visa.result(AuthenticationFlow::Unavailable, true),
                "07",
                false,
                false,
            ),
            (
                mc.result(AuthenticationFlow::Frictionless, true),
                "02",
                true,
                true,
            ),
            (
                mc.result(AuthenticationFlow::Attempted, true),
                "01",
                false,
                true,
            ),
            (
                mc.result(AuthenticationFlow::Unavailable, true),
                "00",
                false,
                false,
            ),
        ];
        for (result, eci, authenticated, shift) in cases {
            assert_eq!(result.eci.as_deref(), Some(eci));
            assert_eq!(result.authenticated, authenticated);
            assert_eq!(result.liability_shift, shift);
        }
    }
}
