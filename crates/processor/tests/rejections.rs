//! Requests the processor refuses, and the processor being unavailable:
//! errors rather than decisions.

#![allow(clippy::unwrap_used)]

mod support;

use kassa_card::Brand;
use kassa_processor::ProcessorError;
use support::Charge;

fn rejected(code: &'static str) -> Result<kassa_processor::ChargeOutcome, ProcessorError> {
    Err(ProcessorError::Rejected { code })
}

#[tokio::test]
async fn the_unavailable_number_makes_the_processor_unavailable() {
    let result = Charge::with_card("4000000000005035").run().await;
    assert_eq!(result, Err(ProcessorError::Unavailable));
}

#[tokio::test]
async fn a_zero_or_negative_amount_is_rejected() {
    for amount_minor in [0, -1, i64::MIN] {
        let charge = Charge {
            amount_minor,
            ..Charge::with_card("4242424242424242")
        };
        assert_eq!(
            charge.run().await,
            rejected("invalid_amount"),
            "{amount_minor}"
        );
    }
}

#[tokio::test]
async fn zero_installments_or_more_than_thirty_six_are_rejected() {
    for installments in [0, 37, u8::MAX] {
        let charge = Charge {
            installments,
            ..Charge::with_card("4242424242424242")
        };
        assert_eq!(
            charge.run().await,
            rejected("invalid_installments"),
            "{installments}"
        );
    }
}

#[tokio::test]
async fn up_to_thirty_six_installments_are_approved() {
    for installments in [1, 2, 12, 36] {
        let charge = Charge {
            installments,
            ..Charge::with_card("4242424242424242")
        };
        charge.approval().await;
    }
}

#[tokio::test]
async fn a_network_the_card_does_not_run_on_is_rejected() {
    let charge = Charge {
        network: Brand::Mastercard,
        ..Charge::with_card("4242424242424242")
    };
    assert_eq!(charge.run().await, rejected("network_not_on_card"));
}

#[tokio::test]
async fn the_visa_network_of_a_visa_dankort_card_is_accepted() {
    let charge = Charge {
        network: Brand::Visa,
        ..Charge::with_card("4571000000000001")
    };
    assert_eq!(charge.card.brand(), Brand::Dankort);
    charge.approval().await;
}

#[tokio::test]
async fn request_checks_come_before_the_card_number_triggers() {
    let charge = Charge {
        amount_minor: 0,
        ..Charge::with_card("4000000000005035")
    };
    assert_eq!(charge.run().await, rejected("invalid_amount"));
}

#[test]
fn processor_errors_have_stable_codes_and_lowercase_messages() {
    assert_eq!(ProcessorError::Unavailable.code(), "processor_unavailable");
    assert_eq!(
        ProcessorError::Unavailable.to_string(),
        "the processor is unavailable"
    );
    let error = ProcessorError::Rejected {
        code: "invalid_amount",
    };
    assert_eq!(error.code(), "invalid_amount");
    assert_eq!(
        error.to_string(),
        "the processor rejected the request: invalid_amount"
    );
}
