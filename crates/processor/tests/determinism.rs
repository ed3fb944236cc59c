//! Determinism: the same request gets the same answer, and references come
//! from the invoice and attempt, never from the card.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeSet;

use kassa_card::test_cards;
use kassa_processor::{Processor, TestProcessor};
use support::{Charge, TRIGGER_NUMBERS};

#[tokio::test]
async fn the_same_request_gets_the_same_answer_every_time() {
    let numbers = test_cards()
        .map(|card| card.number())
        .chain(TRIGGER_NUMBERS);
    for number in numbers {
        let charge = Charge::with_card(number).billing_postal_code("00003");
        let first = charge.run().await;
        for _ in 0..3 {
            assert_eq!(charge.run().await, first, "{number}");
        }
    }
}

#[tokio::test]
async fn two_processors_give_the_same_answer() {
    let charge = Charge::with_card("4000000000003220");
    let one = TestProcessor::default().charge(&charge.request()).await;
    let other = TestProcessor::new().charge(&charge.request()).await;
    assert_eq!(one, other);
}

#[tokio::test]
async fn a_new_attempt_gets_new_references() {
    let first = Charge::with_card("4242424242424242")
        .for_invoice("inv_1", 1)
        .approval()
        .await;
    let second = Charge::with_card("4242424242424242")
        .for_invoice("inv_1", 2)
        .approval()
        .await;
    assert_ne!(first.transaction_ref, second.transaction_ref);
    assert_ne!(first.authorization_code, second.authorization_code);
}

#[tokio::test]
async fn another_invoice_gets_new_references() {
    let mut references = BTreeSet::new();
    for invoice in 0..200 {
        let approval = Charge::with_card("4242424242424242")
            .for_invoice(&format!("inv_{invoice}"), 1)
            .approval()
            .await;
        assert!(references.insert(approval.transaction_ref));
    }
}

#[tokio::test]
async fn references_do_not_depend_on_the_card() {
    let expected = Charge::with_card("4242424242424242").approval().await;
    for card in test_cards() {
        let approval = Charge::with_card(card.number()).approval().await;
        assert_eq!(approval.transaction_ref, expected.transaction_ref);
        assert_eq!(approval.authorization_code, expected.authorization_code);
    }
    let decline = Charge::with_card("4000000000000002").decline().await;
    assert_eq!(decline.transaction_ref, expected.transaction_ref);
}

#[tokio::test]
async fn references_do_not_depend_on_the_amount_or_time() {
    let expected = Charge::with_card("4242424242424242").approval().await;
    let charge = Charge {
        amount_minor: 99_999,
        now_unix_ms: support::NOW + 123_456,
        ..Charge::with_card("4242424242424242")
    };
    assert_eq!(charge.approval().await, expected);
}

#[tokio::test]
async fn authorization_codes_use_the_whole_alphabet() {
    let mut characters = BTreeSet::new();
    for attempt in 1..=300 {
        let approval = Charge::with_card("4242424242424242")
            .for_invoice("inv_alphabet", attempt)
            .approval()
            .await;
        characters.extend(approval.authorization_code.chars());
    }
    assert_eq!(characters.len(), 36, "{characters:?}");
}
