//! What the test processor keeps in a pending charge's `processor_state`:
//! how the charge will end. Never card data.

use crate::DeclineReason;

use super::reference::is_authorization_code;

/// Prefix of a charge that will be approved; the authorization code follows.
const SUCCEED: &str = "succeed:";
/// Prefix of a charge that will be declined; the reason's code follows.
const FAIL: &str = "fail:";

/// How a pending test charge will end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PendingState {
    /// Approved, with this authorization code.
    Succeed {
        /// Six upper-case letters and digits.
        authorization_code: String,
    },
    /// Declined for this reason.
    Fail(DeclineReason),
    /// A charge whose answer was lost. The test processor decides within
    /// the call and keeps nothing, so such a charge never happened.
    Lost,
}

/// The state of a lost charge.
const LOST: &str = "lost";

impl PendingState {
    /// `succeed:A1B2C3` or `fail:do_not_honour`.
    pub(crate) fn encode(&self) -> String {
        match self {
            Self::Succeed { authorization_code } => format!("{SUCCEED}{authorization_code}"),
            Self::Fail(reason) => format!("{FAIL}{}", reason.code()),
            Self::Lost => LOST.to_owned(),
        }
    }

    /// Reads what [`PendingState::encode`] wrote; `None` for anything else.
    pub(crate) fn decode(text: &str) -> Option<PendingState> {
        if text == LOST {
            return Some(PendingState::Lost);
        }
        if let Some(code) = text.strip_prefix(SUCCEED) {
            return is_authorization_code(code).then(|| PendingState::Succeed {
                authorization_code: code.to_owned(),
            });
        }
        text.strip_prefix(FAIL)
            .and_then(DeclineReason::from_code)
            .map(PendingState::Fail)
    }
}

#[cfg(test)]
mod tests {
    use super::PendingState;
    use crate::DeclineReason;

    #[test]
    fn states_round_trip() {
        let states = [
            PendingState::Succeed {
                authorization_code: "A1B2C3".to_owned(),
            },
            PendingState::Fail(DeclineReason::DoNotHonour),
            PendingState::Lost,
        ];
        for state in states {
            assert_eq!(PendingState::decode(&state.encode()), Some(state));
        }
    }

    #[test]
    fn other_text_is_not_a_state() {
        for text in [
            "",
            "succeed:",
            "succeed:abc123",
            "succeed:A1B2C3D",
            "fail:nope",
            "other",
        ] {
            assert_eq!(PendingState::decode(text), None, "{text}");
        }
    }
}
