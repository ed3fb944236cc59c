//! Address verification: a postal-code trigger for every code, no address,
//! ordinary addresses, and AVS never declining by itself.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeSet;

use kassa_processor::{AvsResult, ChargeOutcome};
use support::Charge;

/// The README's AVS table.
const TRIGGERS: [(&str, AvsResult); 12] = [
    ("00001", AvsResult::StreetOnly),
    ("00002", AvsResult::PostalNineDigitsOnly),
    ("00003", AvsResult::PostalFiveDigitsOnly),
    ("00004", AvsResult::NoMatch),
    ("00005", AvsResult::Unavailable),
    ("00006", AvsResult::Retry),
    ("00007", AvsResult::NotSupported),
    ("00008", AvsResult::BadData),
    ("00055", AvsResult::NameMismatchPostalMatch),
    ("00066", AvsResult::NameMismatchStreetAndPostalMatch),
    ("00077", AvsResult::NameMismatchStreetMatch),
    ("00088", AvsResult::NameStreetAndPostalMismatch),
];

async fn avs_for_postal_code(postal_code: &str) -> AvsResult {
    Charge::with_card("4242424242424242")
        .billing_postal_code(postal_code)
        .approval()
        .await
        .avs
}

#[tokio::test]
async fn each_trigger_postal_code_gives_its_avs_code() {
    for (postal_code, expected) in TRIGGERS {
        assert_eq!(
            avs_for_postal_code(postal_code).await,
            expected,
            "{postal_code}"
        );
    }
}

#[tokio::test]
async fn postal_code_00001_gives_a() {
    assert_eq!(avs_for_postal_code("00001").await.code(), "A");
}

#[tokio::test]
async fn postal_code_00002_gives_w() {
    assert_eq!(avs_for_postal_code("00002").await.code(), "W");
}

#[tokio::test]
async fn postal_code_00003_gives_z() {
    assert_eq!(avs_for_postal_code("00003").await.code(), "Z");
}

#[tokio::test]
async fn postal_code_00004_gives_n() {
    assert_eq!(avs_for_postal_code("00004").await.code(), "N");
}

#[tokio::test]
async fn postal_code_00005_gives_u() {
    assert_eq!(avs_for_postal_code("00005").await.code(), "U");
}

#[tokio::test]
async fn postal_code_00006_gives_r() {
    assert_eq!(avs_for_postal_code("00006").await.code(), "R");
}

#[tokio::test]
async fn postal_code_00007_gives_s() {
    assert_eq!(avs_for_postal_code("00007").await.code(), "S");
}

#[tokio::test]
async fn postal_code_00008_gives_q() {
    assert_eq!(avs_for_postal_code("00008").await.code(), "Q");
}

#[tokio::test]
async fn postal_code_00055_gives_5() {
    assert_eq!(avs_for_postal_code("00055").await.code(), "5");
}

#[tokio::test]
async fn postal_code_00066_gives_6() {
    assert_eq!(avs_for_postal_code("00066").await.code(), "6");
}

#[tokio::test]
async fn postal_code_00077_gives_7() {
    assert_eq!(avs_for_postal_code("00077").await.code(), "7");
}

#[tokio::test]
async fn postal_code_00088_gives_8() {
    assert_eq!(avs_for_postal_code("00088").await.code(), "8");
}

#[tokio::test]
async fn an_ordinary_address_gives_y() {
    for postal_code in ["94043", "10001", "00000", "00009", "00010", "90210-1234"] {
        assert_eq!(
            avs_for_postal_code(postal_code).await,
            AvsResult::StreetAndPostal,
            "{postal_code}"
        );
    }
}

#[tokio::test]
async fn no_billing_address_gives_u() {
    let approval = Charge::with_card("4242424242424242").approval().await;
    assert_eq!(approval.avs, AvsResult::Unavailable);
}

#[tokio::test]
async fn a_zip_plus_four_counts_by_its_first_five_digits() {
    assert_eq!(
        avs_for_postal_code("00002-1234").await,
        AvsResult::PostalNineDigitsOnly
    );
    assert_eq!(
        avs_for_postal_code("000031234").await,
        AvsResult::PostalFiveDigitsOnly
    );
}

#[tokio::test]
async fn every_avs_code_is_reachable() {
    let mut reached = BTreeSet::new();
    reached.insert(avs_for_postal_code("94043").await.code());
    for (postal_code, _) in TRIGGERS {
        reached.insert(avs_for_postal_code(postal_code).await.code());
    }
    let all: BTreeSet<_> = AvsResult::ALL.iter().map(|avs| avs.code()).collect();
    assert_eq!(reached, all);
}

#[tokio::test]
async fn an_address_mismatch_does_not_decline_the_charge() {
    for postal_code in ["00004", "00088"] {
        let charge = Charge::with_card("4242424242424242").billing_postal_code(postal_code);
        assert!(matches!(charge.run().await, Ok(ChargeOutcome::Approved(_))));
    }
}

#[tokio::test]
async fn a_pending_charge_carries_the_address_check() {
    let pending = Charge::with_card("4000000000003220")
        .billing_postal_code("00006")
        .pending()
        .await;
    assert_eq!(pending.avs, AvsResult::Retry);
}

#[test]
fn every_avs_code_is_distinct_and_reads_back() {
    let codes: BTreeSet<_> = AvsResult::ALL.iter().map(|avs| avs.code()).collect();
    assert_eq!(codes.len(), AvsResult::ALL.len());
    for avs in AvsResult::ALL {
        assert_eq!(avs.code().len(), 1);
        assert_eq!(AvsResult::from_code(avs.code()), Some(*avs));
    }
}

#[test]
fn every_avs_code_has_its_own_description() {
    let descriptions: BTreeSet<_> = AvsResult::ALL.iter().map(|avs| avs.description()).collect();
    assert_eq!(descriptions.len(), AvsResult::ALL.len());
    assert!(descriptions.iter().all(|text| text.ends_with('.')));
}
