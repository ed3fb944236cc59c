//! Security-code triggers: by first digit, a missing code, and the number
//! that always reports a wrong code.

#![allow(clippy::unwrap_used)]

mod support;

use kassa_processor::{DeclineReason, SecurityCodeResult};
use support::Charge;

#[tokio::test]
async fn a_code_starting_with_2_does_not_match_and_declines_the_charge() {
    for code in ["200", "234", "299"] {
        let decline = Charge::with_card("4242424242424242")
            .security_code(Some(code))
            .decline()
            .await;
        assert_eq!(decline.reason, DeclineReason::IncorrectSecurityCode);
        assert_eq!(decline.security_code, SecurityCodeResult::NoMatch);
    }
}

#[tokio::test]
async fn a_four_digit_code_starting_with_2_also_declines() {
    let decline = Charge::with_card("378282246310005")
        .security_code(Some("2000"))
        .decline()
        .await;
    assert_eq!(decline.reason, DeclineReason::IncorrectSecurityCode);
}

#[tokio::test]
async fn a_code_starting_with_3_is_reported_not_provided_and_approved() {
    let approval = Charge::with_card("4242424242424242")
        .security_code(Some("345"))
        .approval()
        .await;
    assert_eq!(approval.security_code, SecurityCodeResult::NotProvided);
}

#[tokio::test]
async fn a_code_starting_with_9_is_reported_not_checked_and_approved() {
    let approval = Charge::with_card("4242424242424242")
        .security_code(Some("987"))
        .approval()
        .await;
    assert_eq!(approval.security_code, SecurityCodeResult::NotChecked);
}

#[tokio::test]
async fn a_missing_code_is_reported_not_provided_and_approved() {
    let approval = Charge::with_card("4242424242424242")
        .security_code(None)
        .approval()
        .await;
    assert_eq!(approval.security_code, SecurityCodeResult::NotProvided);
}

#[tokio::test]
async fn any_other_code_matches() {
    for code in ["000", "123", "456", "789", "100", "424", "818"] {
        let approval = Charge::with_card("4242424242424242")
            .security_code(Some(code))
            .approval()
            .await;
        assert_eq!(approval.security_code, SecurityCodeResult::Match, "{code}");
    }
}

#[tokio::test]
async fn the_incorrect_security_code_number_reports_no_match_whatever_the_code() {
    for code in [Some("123"), None] {
        let decline = Charge::with_card("4000000000000127")
            .security_code(code)
            .decline()
            .await;
        assert_eq!(decline.security_code, SecurityCodeResult::NoMatch);
    }
}

#[tokio::test]
async fn a_wrong_code_on_a_pending_number_declines_at_once() {
    let decline = Charge::with_card("4000000000003220")
        .security_code(Some("222"))
        .decline()
        .await;
    assert_eq!(decline.reason, DeclineReason::IncorrectSecurityCode);
}

#[test]
fn security_code_results_have_the_letters_processors_send() {
    let codes: Vec<_> = SecurityCodeResult::ALL
        .iter()
        .map(|result| result.code())
        .collect();
    assert_eq!(codes, ["M", "N", "P", "U"]);
    for result in SecurityCodeResult::ALL {
        assert_eq!(SecurityCodeResult::from_code(result.code()), Some(*result));
    }
}
