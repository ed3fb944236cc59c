//! The test processor's refunds: deterministic, with documented failures.

#![allow(clippy::unwrap_used)]

use kassa_card::Currency;
use kassa_processor::{Processor, ProcessorError, RefundRequest, TestProcessor};

fn request(refund_id: &str, amount_minor: i64) -> RefundRequest<'_> {
    RefundRequest {
        refund_id,
        invoice_id: "inv_42",
        transaction_ref: "tp_0123456789abcdef01234567",
        amount_minor,
        currency: Currency::from_code("EUR").unwrap(),
        now_unix_ms: 1_795_219_200_000,
    }
}

#[tokio::test]
async fn a_refund_is_confirmed_with_a_reference_derived_from_its_id() {
    let processor = TestProcessor::new();
    let first = processor.refund(&request("ref_1", 500)).await.unwrap();
    let again = processor.refund(&request("ref_1", 500)).await.unwrap();
    let other = processor.refund(&request("ref_2", 500)).await.unwrap();
    assert_eq!(first, again);
    assert_ne!(first, other);
    let hex = first.refund_ref.strip_prefix("tr_").unwrap();
    assert_eq!(hex.len(), 24);
    assert!(hex.bytes().all(|byte| byte.is_ascii_hexdigit()));
}

#[tokio::test]
async fn documented_amounts_fail() {
    let processor = TestProcessor::new();
    assert_eq!(
        processor
            .refund(&request("ref_1", TestProcessor::REFUND_REFUSED_MINOR))
            .await,
        Err(ProcessorError::Rejected {
            code: "refund_refused"
        })
    );
    assert_eq!(
        processor
            .refund(&request("ref_1", TestProcessor::REFUND_UNAVAILABLE_MINOR))
            .await,
        Err(ProcessorError::Unavailable)
    );
    for amount in [0, -5] {
        assert_eq!(
            processor.refund(&request("ref_1", amount)).await,
            Err(ProcessorError::Rejected {
                code: "invalid_amount"
            })
        );
    }
}
