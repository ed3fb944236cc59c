//! Declines: each decline number, expired expiries, which reasons end the
//! checkout, and the reasons' stable codes.

#![allow(clippy::unwrap_used)]

mod support;

use kassa_card::Expiry;
use kassa_processor::{AvsResult, DeclineReason, SecurityCodeResult};
use support::Charge;

async fn assert_declined(number: &str, reason: DeclineReason) {
    let decline = Charge::with_card(number).decline().await;
    assert_eq!(decline.reason, reason, "{number}");
    assert!(decline.transaction_ref.starts_with("tp_"));
}

#[tokio::test]
async fn the_generic_decline_number_is_declined_do_not_honour() {
    assert_declined("4000000000000002", DeclineReason::DoNotHonour).await;
}

#[tokio::test]
async fn the_insufficient_funds_number_is_declined_insufficient_funds() {
    assert_declined("4000000000009995", DeclineReason::InsufficientFunds).await;
}

#[tokio::test]
async fn the_lost_card_number_is_declined_lost_card() {
    assert_declined("4000000000009987", DeclineReason::LostCard).await;
}

#[tokio::test]
async fn the_stolen_card_number_is_declined_stolen_card() {
    assert_declined("4000000000009979", DeclineReason::StolenCard).await;
}

#[tokio::test]
async fn the_expired_card_number_is_declined_expired_card_whatever_its_expiry() {
    assert_declined("4000000000000069", DeclineReason::ExpiredCard).await;
}

#[tokio::test]
async fn the_incorrect_security_code_number_is_declined_incorrect_security_code() {
    assert_declined("4000000000000127", DeclineReason::IncorrectSecurityCode).await;
}

#[tokio::test]
async fn the_processing_error_number_is_declined_processing_error() {
    assert_declined("4000000000000119", DeclineReason::ProcessingError).await;
}

#[tokio::test]
async fn a_card_that_expired_before_this_month_is_declined_expired_card() {
    let charge = Charge {
        expiry: Expiry::parse("10/26").unwrap(),
        ..Charge::with_card("4242424242424242")
    };
    assert_eq!(charge.decline().await.reason, DeclineReason::ExpiredCard);
}

#[tokio::test]
async fn a_card_expiring_this_month_is_still_approved() {
    let charge = Charge {
        expiry: Expiry::parse("11/26").unwrap(),
        ..Charge::with_card("4242424242424242")
    };
    charge.approval().await;
}

#[tokio::test]
async fn a_decline_number_wins_over_a_wrong_security_code() {
    let decline = Charge::with_card("4000000000009995")
        .security_code(Some("200"))
        .decline()
        .await;
    assert_eq!(decline.reason, DeclineReason::InsufficientFunds);
    assert_eq!(decline.security_code, SecurityCodeResult::NoMatch);
}

#[tokio::test]
async fn a_decline_still_reports_the_address_check() {
    let decline = Charge::with_card("4000000000000002")
        .billing_postal_code("00004")
        .decline()
        .await;
    assert_eq!(decline.avs, AvsResult::NoMatch);
}

#[test]
fn decline_codes_are_stable() {
    let codes: Vec<_> = DeclineReason::ALL
        .iter()
        .map(|reason| reason.code())
        .collect();
    assert_eq!(
        codes,
        [
            "insufficient_funds",
            "do_not_honour",
            "lost_card",
            "stolen_card",
            "expired_card",
            "incorrect_security_code",
            "processing_error",
            "authentication_failed",
            "authentication_required",
        ]
    );
}

#[test]
fn every_decline_code_reads_back_as_its_reason() {
    for reason in DeclineReason::ALL {
        assert_eq!(DeclineReason::from_code(reason.code()), Some(*reason));
    }
    assert_eq!(DeclineReason::from_code("Do_Not_Honour"), None);
}

#[test]
fn only_lost_and_stolen_cards_end_the_checkout() {
    for reason in DeclineReason::ALL {
        let is_final = matches!(reason, DeclineReason::LostCard | DeclineReason::StolenCard);
        assert_eq!(reason.is_retryable(), !is_final, "{reason:?}");
    }
}
