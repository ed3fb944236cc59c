//! Card data stays out of `Debug` output, outcomes, tokens and errors.

#![allow(clippy::unwrap_used)]

mod support;

use kassa_card::test_cards;
use kassa_processor::{ChargeOutcome, Processor, TestProcessor};
use support::{Charge, TRIGGER_NUMBERS};

/// A security code unlikely to appear anywhere by chance.
const CODE: &str = "8642";

fn every_number() -> impl Iterator<Item = &'static str> {
    test_cards()
        .map(|card| card.number())
        .chain(TRIGGER_NUMBERS)
}

/// Asserts `text` shows neither the card number nor the security code.
fn assert_clean(text: &str, charge: &Charge) {
    let digits = charge.card.expose_digits();
    assert!(!text.contains(digits), "card number in {text}");
    if let Some(code) = &charge.security_code {
        assert!(
            !text.contains(code.expose_digits()),
            "security code in {text}"
        );
    }
}

/// The charge with a four-digit code where the brand takes one, else three.
fn charge_for(number: &str) -> Charge {
    let charge = Charge::with_card(number);
    let size = usize::from(charge.card.brand().security_code_size());
    match size {
        0 => charge,
        size => charge.security_code(Some(&CODE[..size])),
    }
}

#[test]
fn debug_of_a_request_never_shows_the_card_number_or_security_code() {
    for number in every_number() {
        let charge = charge_for(number).billing_postal_code("00001");
        let request = charge.request();
        let text = format!("{request:?}");
        assert_clean(&text, &charge);
        assert!(text.contains(charge.card.last4()));
        assert_clean(&format!("{request:#?}"), &charge);
    }
}

#[tokio::test]
async fn debug_of_an_outcome_never_shows_the_card_number_or_security_code() {
    for number in every_number() {
        let charge = charge_for(number);
        let outcome = charge.run().await;
        assert_clean(&format!("{outcome:?}"), &charge);
        assert_clean(&format!("{outcome:#?}"), &charge);
    }
}

#[tokio::test]
async fn a_pending_token_and_its_settlement_hold_no_card_data() {
    let processor = TestProcessor::default();
    for number in ["4000000000003220", "4000000000003071"] {
        let charge = charge_for(number);
        let Ok(ChargeOutcome::Pending(pending)) = charge.run().await else {
            panic!("expected a pending charge");
        };
        assert_clean(&pending.to_token(), &charge);
        assert_clean(&pending.processor_state, &charge);
        let settlement = processor.settle(&pending, i64::MAX).await;
        assert_clean(&format!("{settlement:?}"), &charge);
    }
}

#[tokio::test]
async fn errors_never_show_the_card_number_in_debug_or_display() {
    let unavailable = charge_for("4000000000005035");
    let error = unavailable.run().await.unwrap_err();
    assert_clean(&format!("{error:?}"), &unavailable);
    assert_clean(&error.to_string(), &unavailable);

    let rejected = Charge {
        amount_minor: 0,
        ..charge_for("4242424242424242")
    };
    let error = rejected.run().await.unwrap_err();
    assert_clean(&format!("{error:?}"), &rejected);
    assert_clean(&error.to_string(), &rejected);
}

#[tokio::test]
async fn a_panic_message_about_an_unexpected_outcome_holds_no_card_data() {
    // The helpers' panic messages format outcomes with `{:?}`; check what they would say.
    let charge = charge_for("4000000000000002");
    let message = format!("expected an approval, got {:?}", charge.run().await);
    assert_clean(&message, &charge);
}

#[test]
fn the_test_processor_has_no_card_data_to_show() {
    let processor = TestProcessor::default();
    assert_eq!(
        format!("{processor:?}"),
        "TestProcessor { pending_delay: 5s }"
    );
}
