//! Approvals: every public test card of every brand, every network of a
//! co-badged card, and any other valid number.

#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;

use kassa_card::{Brand, CardNumber, generate_card_number, test_cards};
use kassa_processor::{AvsResult, ChargeOutcome, Processor, SecurityCodeResult, TestProcessor};
use support::{Charge, TRIGGER_NUMBERS};

#[tokio::test]
async fn every_public_test_card_is_approved() {
    for card in test_cards() {
        let approval = Charge::with_card(card.number()).approval().await;
        assert_eq!(approval.avs, AvsResult::Unavailable, "{:?}", card.brand());
    }
}

#[tokio::test]
async fn every_brand_has_an_approved_test_card() {
    let mut approved = Vec::new();
    for card in test_cards() {
        Charge::with_card(card.number()).approval().await;
        approved.push(card.brand());
    }
    for brand in Brand::ALL {
        assert!(approved.contains(brand), "{brand:?}");
    }
}

#[tokio::test]
async fn every_network_of_a_co_badged_card_is_approved() {
    for card in test_cards() {
        let charge = Charge::with_card(card.number());
        for network in charge.card.networks().iter() {
            let charge = Charge {
                network,
                ..charge.clone()
            };
            charge.approval().await;
        }
    }
}

#[tokio::test]
async fn any_other_valid_number_of_any_brand_is_approved() {
    for brand in Brand::ALL {
        for seed in 0..25 {
            let Some(number) = generate_card_number(*brand, seed) else {
                continue;
            };
            if TRIGGER_NUMBERS.contains(&number.as_str()) {
                continue;
            }
            Charge::with_card(&number).approval().await;
        }
    }
}

#[tokio::test]
async fn a_number_next_to_the_triggers_but_not_in_the_table_is_approved() {
    assert!(CardNumber::parse("4000000000000010").is_ok());
    Charge::with_card("4000000000000010").approval().await;
}

#[tokio::test]
async fn an_approval_has_a_six_character_code_and_a_tp_reference() {
    let approval = Charge::with_card("4242424242424242").approval().await;
    assert_eq!(approval.authorization_code.len(), 6);
    assert!(
        approval
            .authorization_code
            .bytes()
            .all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
    );
    let hex = approval.transaction_ref.strip_prefix("tp_").unwrap();
    assert_eq!(hex.len(), 24);
    assert!(
        hex.bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
    );
}

#[tokio::test]
async fn an_ordinary_approval_reports_matching_checks() {
    let approval = Charge::with_card("5555555555554444")
        .billing_postal_code("94043")
        .approval()
        .await;
    assert_eq!(approval.avs, AvsResult::StreetAndPostal);
    assert_eq!(approval.security_code, SecurityCodeResult::Match);
}

#[tokio::test]
async fn the_outcome_reports_its_transaction_reference() {
    let charge = Charge::with_card("4242424242424242");
    let outcome = charge.run().await.unwrap();
    let ChargeOutcome::Approved(approval) = &outcome else {
        panic!("expected an approval, got {outcome:?}");
    };
    assert_eq!(outcome.transaction_ref(), approval.transaction_ref);
}

#[tokio::test]
async fn the_processor_works_as_a_shared_trait_object_across_tasks() {
    let processor: Arc<dyn Processor> = Arc::new(TestProcessor::default());
    let charge = Charge::with_card("4242424242424242");
    let task = tokio::spawn({
        let processor = Arc::clone(&processor);
        async move { processor.charge(&charge.request()).await }
    });
    let outcome = task.await.unwrap().unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)));
}
