//! Pending charges: the two pending numbers, settling before and after the
//! delay, the configurable delay, and tokens that survive a restart.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use kassa_processor::{
    AvsResult, DeclineReason, PendingCharge, PendingTokenError, Processor, ProcessorError,
    SecurityCodeResult, Settlement, TestProcessor,
};
use support::{Charge, NOW};

const SUCCEEDS: &str = "4000000000003220";
const FAILS: &str = "4000000000003071";

#[tokio::test]
async fn the_pending_success_number_settles_after_the_default_five_seconds() {
    let pending = Charge::with_card(SUCCEEDS).pending().await;
    assert_eq!(pending.settles_at_unix_ms, NOW + 5_000);
    assert!(pending.transaction_ref.starts_with("tp_"));
}

#[tokio::test]
async fn asking_before_the_delay_has_passed_finds_the_charge_still_pending() {
    let processor = TestProcessor::default();
    let pending = Charge::with_card(SUCCEEDS).pending().await;
    for now in [NOW - 1, NOW, NOW + 1, NOW + 4_999] {
        assert_eq!(processor.settle(&pending, now).await, Ok(None), "{now}");
    }
}

#[tokio::test]
async fn asking_once_the_delay_has_passed_finds_the_charge_succeeded() {
    let processor = TestProcessor::default();
    let pending = Charge::with_card(SUCCEEDS).pending().await;
    for now in [NOW + 5_000, NOW + 5_001, NOW + 86_400_000] {
        let settlement = processor.settle(&pending, now).await.unwrap();
        let Some(Settlement::Succeeded(approval)) = settlement else {
            panic!("expected success at {now}, got {settlement:?}");
        };
        assert_eq!(approval.transaction_ref, pending.transaction_ref);
        assert_eq!(approval.authorization_code.len(), 6);
    }
}

#[tokio::test]
async fn the_pending_failure_number_settles_as_do_not_honour() {
    let processor = TestProcessor::default();
    let pending = Charge::with_card(FAILS).pending().await;
    assert_eq!(processor.settle(&pending, NOW + 4_999).await, Ok(None));
    let settlement = processor.settle(&pending, NOW + 5_000).await.unwrap();
    let Some(Settlement::Failed(decline)) = settlement else {
        panic!("expected a failure, got {settlement:?}");
    };
    assert_eq!(decline.reason, DeclineReason::DoNotHonour);
    assert_eq!(decline.transaction_ref, pending.transaction_ref);
}

#[tokio::test]
async fn a_settlement_keeps_the_checks_made_at_charge_time() {
    let processor = TestProcessor::default();
    let pending = Charge::with_card(SUCCEEDS)
        .billing_postal_code("00001")
        .security_code(Some("300"))
        .pending()
        .await;
    assert_eq!(pending.avs, AvsResult::StreetOnly);
    assert_eq!(pending.security_code, SecurityCodeResult::NotProvided);
    let Some(Settlement::Succeeded(approval)) =
        processor.settle(&pending, NOW + 5_000).await.unwrap()
    else {
        panic!("expected success");
    };
    assert_eq!(approval.avs, AvsResult::StreetOnly);
    assert_eq!(approval.security_code, SecurityCodeResult::NotProvided);
}

#[tokio::test]
async fn a_settled_approval_has_the_code_an_immediate_approval_would_have() {
    let processor = TestProcessor::default();
    let pending = Charge::with_card(SUCCEEDS).pending().await;
    let immediate = Charge::with_card("4242424242424242").approval().await;
    let Some(Settlement::Succeeded(settled)) =
        processor.settle(&pending, NOW + 5_000).await.unwrap()
    else {
        panic!("expected success");
    };
    assert_eq!(settled, immediate);
}

#[tokio::test]
async fn the_pending_delay_is_configurable() {
    let processor = TestProcessor::new().with_pending_delay(Duration::from_millis(250));
    let charge = Charge::with_card(SUCCEEDS);
    let Ok(kassa_processor::ChargeOutcome::Pending(pending)) =
        processor.charge(&charge.request()).await
    else {
        panic!("expected a pending charge");
    };
    assert_eq!(pending.settles_at_unix_ms, NOW + 250);
    assert_eq!(processor.settle(&pending, NOW + 249).await, Ok(None));
    assert!(
        processor
            .settle(&pending, NOW + 250)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn with_no_delay_a_pending_charge_settles_at_once() {
    let processor = TestProcessor::new().with_pending_delay(Duration::ZERO);
    let charge = Charge::with_card(FAILS);
    let Ok(kassa_processor::ChargeOutcome::Pending(pending)) =
        processor.charge(&charge.request()).await
    else {
        panic!("expected a pending charge");
    };
    assert!(matches!(
        processor.settle(&pending, NOW).await,
        Ok(Some(Settlement::Failed(_)))
    ));
}

#[tokio::test]
async fn an_endless_delay_saturates_instead_of_overflowing() {
    let processor = TestProcessor::new().with_pending_delay(Duration::MAX);
    let charge = Charge::with_card(SUCCEEDS);
    let Ok(kassa_processor::ChargeOutcome::Pending(pending)) =
        processor.charge(&charge.request()).await
    else {
        panic!("expected a pending charge");
    };
    assert_eq!(pending.settles_at_unix_ms, i64::MAX);
    assert_eq!(processor.settle(&pending, i64::MAX - 1).await, Ok(None));
}

#[tokio::test]
async fn a_pending_charge_survives_a_restart_through_its_token() {
    let before_restart = TestProcessor::default();
    let charge = Charge::with_card(SUCCEEDS);
    let Ok(kassa_processor::ChargeOutcome::Pending(pending)) =
        before_restart.charge(&charge.request()).await
    else {
        panic!("expected a pending charge");
    };
    let token = pending.to_token();

    // A new process, configured with another delay: the stored charge keeps its own time.
    let after_restart = TestProcessor::new().with_pending_delay(Duration::from_secs(3_600));
    let restored = PendingCharge::from_token(&token).unwrap();
    assert_eq!(restored, pending);
    assert_eq!(after_restart.settle(&restored, NOW + 4_999).await, Ok(None));
    assert!(matches!(
        after_restart.settle(&restored, NOW + 5_000).await,
        Ok(Some(Settlement::Succeeded(_)))
    ));
}

#[tokio::test]
async fn a_pending_charge_the_test_processor_did_not_make_is_rejected() {
    let processor = TestProcessor::default();
    let mut pending = Charge::with_card(SUCCEEDS).pending().await;
    for state in ["", "succeed:abc", "fail:card_declined", "stripe:pi_123"] {
        pending.processor_state = state.to_owned();
        assert_eq!(
            processor.settle(&pending, NOW + 5_000).await,
            Err(ProcessorError::Rejected {
                code: "unknown_pending_charge"
            }),
            "{state}"
        );
    }
}

#[tokio::test]
async fn tokens_of_both_pending_numbers_round_trip() {
    for number in [SUCCEEDS, FAILS] {
        let pending = Charge::with_card(number)
            .billing_postal_code("00088")
            .pending()
            .await;
        assert_eq!(PendingCharge::from_token(&pending.to_token()), Ok(pending));
    }
}

#[test]
fn a_token_with_separators_and_percent_signs_in_its_fields_round_trips() {
    let pending = PendingCharge {
        transaction_ref: "a|b%c%7C".to_owned(),
        settles_at_unix_ms: i64::MIN,
        avs: AvsResult::BadData,
        security_code: SecurityCodeResult::NotChecked,
        processor_state: "|||%%%".to_owned(),
    };
    assert_eq!(PendingCharge::from_token(&pending.to_token()), Ok(pending));
}

#[test]
fn a_token_of_another_version_is_refused() {
    for token in ["", "v2|tp_1|0|Y|M|", "V1|tp_1|0|Y|M|", "tp_1|0|Y|M|"] {
        assert_eq!(
            PendingCharge::from_token(token),
            Err(PendingTokenError::UnsupportedVersion),
            "{token}"
        );
    }
}

#[test]
fn a_malformed_token_is_refused() {
    for token in [
        "v1",
        "v1|tp_1|0|Y|M",
        "v1|tp_1|0|Y|M|state|extra",
        "v1|tp_1|later|Y|M|",
        "v1|tp_1|0|X|M|",
        "v1|tp_1|0|Y|X|",
        "v1|tp_1|0|y|M|",
        "v1|tp_%41|0|Y|M|",
        "v1|tp_1|0|Y|M|%",
    ] {
        assert_eq!(
            PendingCharge::from_token(token),
            Err(PendingTokenError::Malformed),
            "{token}"
        );
    }
}
