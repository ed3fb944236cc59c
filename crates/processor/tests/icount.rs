//! The iCount connector against the iCount double, over real HTTP; and the
//! double's own strictness.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::time::Duration;

use kassa_card::{Currency, IsraeliId};
use kassa_gateway_doubles::Fault;
use kassa_gateway_doubles::icount::{ICountDouble, ICountOutcome};
use kassa_processor::connectors::icount;
use kassa_processor::{
    Approval, CaptureRequest, ChargeOutcome, ChargeReason, ConnectorOptions, DeclineReason,
    InstallmentKind, PendingCharge, Processor, ProcessorConfig, ProcessorError, RefundRequest,
    SecurityCodeResult, Settlement, TestProcessor, VoidRequest,
};
use serde_json::{Value, json};
use support::Charge;

const CID: &str = "acme-ltd";
const USER: &str = "kassa-api";
const PASS: &str = "s3cret-pass";

const APPROVED: &str = "4580000000000000";
const HOLDER_ID: &str = "123456782";

async fn double() -> ICountDouble {
    ICountDouble::start(CID, USER, PASS).await
}

fn settings(double: &ICountDouble, pass: &str, is_test: bool) -> ProcessorConfig {
    let config = json!({
        "base_url": double.base_url(),
        "cid": CID,
        "user": USER,
        "pass": pass,
        "is_test": is_test,
    });
    ProcessorConfig::parse("icount", &config, &ConnectorOptions::default()).unwrap()
}

fn connector_with(double: &ICountDouble, options: ConnectorOptions) -> Arc<dyn Processor> {
    settings(double, PASS, false).build(&options, TestProcessor::default())
}

fn connector(double: &ICountDouble) -> Arc<dyn Processor> {
    connector_with(double, ConnectorOptions::default())
}

/// 15.00 ILS on `card`, with the holder's ID.
fn charge(card: &str) -> Charge {
    let mut charge = Charge::with_card(card);
    charge.currency = Currency::from_code("ILS").unwrap();
    charge.holder_id = Some(IsraeliId::parse(HOLDER_ID).unwrap());
    charge
}

fn bodies(double: &ICountDouble, api: &str) -> Vec<String> {
    double
        .control()
        .requests()
        .into_iter()
        .filter(|request| request.path.ends_with(api))
        .map(|request| request.body)
        .collect()
}

fn refund(amount_minor: i64) -> RefundRequest<'static> {
    RefundRequest {
        refund_id: "ref_1",
        invoice_id: "inv_test",
        transaction_ref: "kassa-inv_test-1",
        amount_minor,
        currency: Currency::from_code("ILS").unwrap(),
        now_unix_ms: support::NOW,
    }
}

async fn pending(processor: &Arc<dyn Processor>, charge: &Charge) -> PendingCharge {
    match processor.charge(&charge.request()).await {
        Ok(ChargeOutcome::Pending(pending)) => pending,
        other => panic!("expected a pending charge, got {other:?}"),
    }
}

#[tokio::test]
async fn an_approved_charge_sends_the_documented_fields_and_keeps_the_reference() {
    let double = double().await;
    let processor = connector(&double);
    let outcome = processor.charge(&charge(APPROVED).request()).await.unwrap();
    let ChargeOutcome::Approved(approval) = outcome else {
        panic!("expected an approval, got {outcome:?}");
    };
    assert_eq!(approval.authorization_code, "0000001");
    assert_eq!(approval.transaction_ref, "kassa-inv_test-1");
    assert_eq!(approval.security_code, SecurityCodeResult::NotChecked);

    let bills = bodies(&double, "/cc/bill");
    assert_eq!(bills.len(), 1);
    assert!(bills[0].contains(r#""sum":15.00"#), "{}", bills[0]);
    let body: Value = serde_json::from_str(&bills[0]).unwrap();
    assert_eq!(body["currency_code"], "ILS");
    assert_eq!(body["cc_validity"], "1230");
    assert_eq!(body["cc_cvv"], "123");
    assert_eq!(body["cc_holder_id"], HOLDER_ID);
    assert_eq!(body["cc_holder_name"], "Ada Lovelace");
    assert_eq!(body["num_of_payments"], 1);
    assert_eq!(body["is_credit"], false);
    assert_eq!(body["custom_client_id"], "kassa-inv_test-1");
    assert!(body.get("first_payment").is_none());
    assert!(body.get("is_test").is_none());
    assert!(body["sid"].as_str().is_some_and(|sid| !sid.is_empty()));

    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].amount_minor, 1_500);
    assert_eq!(charges[0].currency, "ILS");
    assert_eq!(charges[0].reference.as_deref(), Some("kassa-inv_test-1"));
    assert!(charges[0].is_approved());
}

#[tokio::test]
async fn each_scripted_decline_maps_to_its_reason() {
    let double = double().await;
    let processor = connector(&double);
    let table = [
        ("4580000000000018", DeclineReason::InsufficientFunds),
        ("4580000000000026", DeclineReason::DoNotHonour),
        ("4580000000000034", DeclineReason::StolenCard),
        ("4580000000000042", DeclineReason::LostCard),
        ("4580000000000059", DeclineReason::ExpiredCard),
        ("4580000000000067", DeclineReason::IncorrectSecurityCode),
        ("4580000000000075", DeclineReason::ProcessingError),
    ];
    for (attempt, (card, reason)) in (1..).zip(table) {
        let charge = charge(card).for_invoice("inv_declines", attempt);
        match processor.charge(&charge.request()).await {
            Ok(ChargeOutcome::Declined(decline)) => {
                assert_eq!(decline.reason, reason, "{card}");
                assert_eq!(
                    decline.transaction_ref,
                    format!("kassa-inv_declines-{attempt}")
                );
                let expected = if reason == DeclineReason::IncorrectSecurityCode {
                    SecurityCodeResult::NoMatch
                } else {
                    SecurityCodeResult::NotChecked
                };
                assert_eq!(decline.security_code, expected, "{card}");
            }
            other => panic!("{card}: expected a decline, got {other:?}"),
        }
    }
    assert!(double.charges().iter().all(|charge| !charge.is_approved()));
    assert_eq!(double.logins(), 1, "one session serves every charge");
}

#[tokio::test]
async fn installments_send_the_count_and_a_first_payment_carrying_the_remainder() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = charge(APPROVED);
    charge.amount_minor = 10_000;
    charge.installments = 3;
    let outcome = processor.charge(&charge.request()).await.unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");

    let body = &bodies(&double, "/cc/bill")[0];
    assert!(body.contains(r#""sum":100.00"#), "{body}");
    assert!(body.contains(r#""first_payment":33.34"#), "{body}");
    assert!(body.contains(r#""num_of_payments":3"#), "{body}");
    assert!(body.contains(r#""is_credit":false"#), "{body}");
    let charges = double.charges();
    assert_eq!(charges[0].installments, 3);
    assert_eq!(charges[0].first_payment_minor, Some(3_334));
    assert!(!charges[0].is_credit);
}

#[tokio::test]
async fn a_credit_plan_of_twelve_is_sent_as_credit_with_the_count_and_no_first_payment() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = charge(APPROVED);
    charge.amount_minor = 120_000;
    charge.installments = 12;
    charge.installment_kind = InstallmentKind::Credit;

    let outcome = processor.charge(&charge.request()).await.unwrap();

    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");
    let body: Value = serde_json::from_str(&bodies(&double, "/cc/bill")[0]).unwrap();
    assert_eq!(body["is_credit"], true, "{body}");
    assert_eq!(body["num_of_payments"], 12, "{body}");
    assert!(body.get("first_payment").is_none(), "{body}");
    let charges = double.charges();
    assert!(charges[0].is_credit);
    assert_eq!(charges[0].installments, 12);
    assert_eq!(charges[0].first_payment_minor, None);
}

#[tokio::test]
async fn credit_in_a_single_payment_is_refused_before_any_request() {
    let double = double().await;
    let mut charge = charge(APPROVED);
    charge.installment_kind = InstallmentKind::Credit;

    let result = connector(&double).charge(&charge.request()).await;

    assert_eq!(
        result.map(|_| ()),
        Err(ProcessorError::Rejected {
            code: "invalid_installments"
        })
    );
    assert!(bodies(&double, "/cc/bill").is_empty());
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn a_currency_without_decimals_is_sent_in_whole_units() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = charge(APPROVED);
    charge.currency = Currency::from_code("JPY").unwrap();
    charge.amount_minor = 1_500;
    let outcome = processor.charge(&charge.request()).await.unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");
    assert!(bodies(&double, "/cc/bill")[0].contains(r#""sum":1500,"#));
    assert_eq!(double.charges()[0].amount_minor, 1_500);
    assert_eq!(double.charges()[0].currency, "JPY");
}

#[tokio::test]
async fn the_merchants_test_setting_sends_is_test_and_icount_then_approves_any_valid_card() {
    let double = double().await;
    let processor =
        settings(&double, PASS, true).build(&ConnectorOptions::default(), TestProcessor::default());
    let outcome = processor
        .charge(&charge("4580000000000018").request())
        .await
        .unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");
    assert!(bodies(&double, "/cc/bill")[0].contains(r#""is_test":true"#));
    assert!(double.charges()[0].is_test);
}

#[tokio::test]
async fn a_charge_without_the_holders_id_is_refused_before_any_request() {
    let double = double().await;
    let processor = connector(&double);
    assert!(processor.needs_holder_id());
    let mut charge = charge(APPROVED);
    charge.holder_id = None;
    assert_eq!(
        processor.charge(&charge.request()).await,
        Err(ProcessorError::Rejected {
            code: "holder_id_required"
        })
    );
    assert!(double.control().requests().is_empty());
}

#[tokio::test]
async fn refunds_are_refused_as_unsupported_without_a_request() {
    let double = double().await;
    let processor = connector(&double);
    let outcome = processor.charge(&charge(APPROVED).request()).await.unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)));
    let before = double.control().requests().len();
    // Full, partial, and more than the charge: iCount has no card refund call.
    for amount_minor in [1_500, 500, 1_501] {
        assert_eq!(
            processor.refund(&refund(amount_minor)).await,
            Err(ProcessorError::Rejected {
                code: "refunds_not_supported"
            })
        );
    }
    assert_eq!(double.control().requests().len(), before);
    assert_eq!(double.charges()[0].refunded_minor, 0);
}

#[tokio::test]
async fn a_server_error_at_login_is_unavailable_and_nothing_is_charged() {
    let double = double().await;
    let processor = connector(&double);
    double
        .control()
        .fail_next("/auth/login", Fault::ServerError);
    assert_eq!(
        processor.charge(&charge(APPROVED).request()).await,
        Err(ProcessorError::Unavailable)
    );
    assert!(double.charges().is_empty());
    assert!(bodies(&double, "/cc/bill").is_empty());
}

#[tokio::test]
async fn a_server_error_at_the_charge_is_pending_and_settles_as_not_charged() {
    // Without an idempotency key a 5xx cannot prove that nothing was
    // charged: the charge is looked up instead.
    let double = double().await;
    let processor = connector(&double);
    double.control().fail_next("/cc/bill", Fault::ServerError);
    let pending = pending(&processor, &charge(APPROVED)).await;
    assert_eq!(pending.transaction_ref, "kassa-inv_test-1");
    assert!(double.charges().is_empty());
    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Ok(Some(Settlement::NotCharged))
    );
}

#[tokio::test]
async fn an_unreachable_gateway_is_unavailable() {
    let double = double().await;
    let base_url = double.base_url();
    drop(double);
    let config = json!({"base_url": base_url, "cid": CID, "user": USER, "pass": PASS});
    let options = ConnectorOptions::default();
    let processor = ProcessorConfig::parse("icount", &config, &options)
        .unwrap()
        .build(&options, TestProcessor::default());
    assert_eq!(
        processor.charge(&charge(APPROVED).request()).await,
        Err(ProcessorError::Unavailable)
    );
    let pending = processor.lost_charge(&charge(APPROVED).request());
    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Err(ProcessorError::Unavailable)
    );
}

async fn lost_then_settled(fault: Fault, options: ConnectorOptions) {
    let double = double().await;
    let processor = connector_with(&double, options);
    // Open the session first, so the fault meets the charge itself.
    let warm_up = charge(APPROVED).for_invoice("inv_warm_up", 1);
    processor.charge(&warm_up.request()).await.unwrap();

    double.control().fail_next("/cc/bill", fault);
    let charge = charge(APPROVED);
    let pending = pending(&processor, &charge).await;
    assert_eq!(pending.transaction_ref, "kassa-inv_test-1");
    assert_eq!(pending.settles_at_unix_ms, support::NOW);
    assert_eq!(pending.processor_state, "custom_client_id=kassa-inv_test-1");

    let settled = processor.settle(&pending, support::NOW).await.unwrap();
    let Some(Settlement::Succeeded(approval)) = settled else {
        panic!("{fault:?}: expected a success, got {settled:?}");
    };
    assert_eq!(approval.transaction_ref, "kassa-inv_test-1");
    assert_eq!(approval.authorization_code, "0000002");
    let made: Vec<_> = double
        .charges()
        .into_iter()
        .filter(|made| made.reference.as_deref() == Some("kassa-inv_test-1"))
        .collect();
    assert_eq!(made.len(), 1, "{fault:?}: exactly one charge");
    assert!(made[0].is_approved());
}

#[tokio::test]
async fn an_answer_lost_after_processing_is_pending_and_settles_as_succeeded() {
    lost_then_settled(
        Fault::ServerErrorAfterProcessing,
        ConnectorOptions::default(),
    )
    .await;
}

#[tokio::test]
async fn an_answer_later_than_the_timeout_is_pending_and_settles_as_succeeded() {
    let options = ConnectorOptions {
        timeout: Duration::from_millis(500),
        ..ConnectorOptions::default()
    };
    lost_then_settled(Fault::AnswerAfter(Duration::from_secs(2)), options).await;
}

#[tokio::test]
async fn a_malformed_answer_is_pending_and_settles_as_succeeded() {
    lost_then_settled(Fault::Malformed, ConnectorOptions::default()).await;
}

#[tokio::test]
async fn a_charge_that_never_reached_icount_settles_as_not_charged() {
    let double = double().await;
    let processor = connector(&double);
    let other = charge(APPROVED).for_invoice("inv_other", 1);
    processor.charge(&other.request()).await.unwrap();
    let pending = processor.lost_charge(&charge(APPROVED).request());
    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Ok(Some(Settlement::NotCharged))
    );
    let search = &bodies(&double, "/cc/transactions")[0];
    assert!(
        search.contains(r#""custom_client_id":"kassa-inv_test-1""#),
        "{search}"
    );
}

#[tokio::test]
async fn a_pending_charge_from_elsewhere_is_rejected() {
    let double = double().await;
    let processor = connector(&double);
    let mut pending = processor.lost_charge(&charge(APPROVED).request());
    pending.processor_state = "succeed:A1B2C3".to_owned();
    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Err(ProcessorError::Rejected {
            code: "unknown_pending_charge"
        })
    );
}

#[tokio::test]
async fn bad_credentials_are_unauthorized_and_nothing_is_charged() {
    let double = double().await;
    let processor = settings(&double, "wrong-pass", false)
        .build(&ConnectorOptions::default(), TestProcessor::default());
    assert_eq!(
        processor.charge(&charge(APPROVED).request()).await,
        Err(ProcessorError::Unauthorized)
    );
    let pending = processor.lost_charge(&charge(APPROVED).request());
    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Err(ProcessorError::Unauthorized)
    );
    assert!(double.charges().is_empty());
    assert!(bodies(&double, "/cc/bill").is_empty());
}

#[tokio::test]
async fn a_lapsed_session_is_renewed_once_and_the_charge_made_once() {
    let double = double().await;
    let processor = connector(&double);
    let first = charge(APPROVED).for_invoice("inv_first", 1);
    processor.charge(&first.request()).await.unwrap();
    double.expire_sessions();
    let outcome = processor.charge(&charge(APPROVED).request()).await.unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");
    assert_eq!(double.logins(), 2);
    assert_eq!(
        bodies(&double, "/cc/bill").len(),
        3,
        "the refused call is repeated"
    );
    assert_eq!(double.charges().len(), 2);
}

#[tokio::test]
async fn card_data_appears_only_in_the_charge_request() {
    const CVV: &str = "987";
    let double = double().await;
    let processor = connector(&double);
    let approved = charge(APPROVED).security_code(Some(CVV));
    processor.charge(&approved.request()).await.unwrap();

    double.control().fail_next("/cc/bill", Fault::Malformed);
    let lost = charge(APPROVED)
        .security_code(Some(CVV))
        .for_invoice("inv_lost", 1);
    let pending = pending(&processor, &lost).await;
    processor.settle(&pending, support::NOW).await.unwrap();

    let mut errors = Vec::new();
    let mut no_holder_id = charge(APPROVED).security_code(Some(CVV));
    no_holder_id.holder_id = None;
    errors.push(processor.charge(&no_holder_id.request()).await.unwrap_err());
    let refused = settings(&double, "wrong-pass", false)
        .build(&ConnectorOptions::default(), TestProcessor::default());
    errors.push(refused.charge(&approved.request()).await.unwrap_err());
    errors.push(processor.refund(&refund(100)).await.unwrap_err());

    let mut bills = 0;
    for request in double.control().requests() {
        if request.path.ends_with("/cc/bill") {
            bills += 1;
            assert!(request.body.contains(APPROVED));
            continue;
        }
        assert!(!request.path.contains(APPROVED), "{}", request.path);
        assert!(!request.body.contains(APPROVED), "{}", request.body);
        assert!(!request.body.contains(CVV), "{}", request.body);
    }
    assert_eq!(bills, 2);
    assert!(!pending.processor_state.contains(APPROVED));
    assert!(!pending.to_token().contains(APPROVED));
    let config = settings(&double, PASS, false);
    let connector_config: icount::Config = serde_json::from_value(json!({
        "base_url": double.base_url(), "cid": CID, "user": USER, "pass": PASS,
    }))
    .unwrap();
    let direct = icount::ICount::new(connector_config, &ConnectorOptions::default());
    direct.charge(&approved.request()).await.unwrap();
    let debug = format!("{config:?} {direct:?}");
    assert!(!debug.contains("icount-double-session"), "{debug}");
    assert!(!debug.contains(PASS), "{debug}");
    for error in errors {
        let text = format!("{error} {error:?}");
        assert!(!text.contains(APPROVED) && !text.contains(CVV), "{text}");
    }
    for charge in double.charges() {
        assert!(!format!("{charge:?}").contains(APPROVED));
    }
}

// Saved cards: cc_storage/store, then cc/bill by cc_token_id.

async fn approved(processor: &Arc<dyn Processor>, charge: &Charge) -> Approval {
    match processor.charge(&charge.request()).await {
        Ok(ChargeOutcome::Approved(approval)) => approval,
        other => panic!("expected an approval, got {other:?}"),
    }
}

#[tokio::test]
async fn a_saved_card_is_charged_again_by_its_token_without_the_card_number() {
    let double = double().await;
    let processor = connector(&double);
    let saving = charge(APPROVED).for_invoice("inv_first", 1).save_on_file();

    let token = approved(&processor, &saving)
        .await
        .gateway_token
        .expect("a token");

    let stored = double.stored_cards();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        token,
        format!("{}/{}", stored[0].client_id, stored[0].cc_token_id)
    );
    let store = &bodies(&double, "/cc_storage/store")[0];
    assert!(!store.contains("cc_cvv"), "the CVV is never kept: {store}");

    let later = charge(APPROVED)
        .for_invoice("inv_later", 1)
        .merchant_initiated(ChargeReason::Recurring, Some(&token));
    let again = approved(&processor, &later).await;

    assert_eq!(again.gateway_token, None);
    assert_eq!(again.security_code, SecurityCodeResult::NotProvided);
    let second = &double.charges()[1];
    assert!(second.is_approved());
    assert!(!second.card_number_sent);
    assert!(!second.cvv_sent);
    assert_eq!(second.cc_token_id, Some(stored[0].cc_token_id));
    assert_eq!(second.client_id, Some(stored[0].client_id));
    assert_eq!(second.reference.as_deref(), Some("kassa-inv_later-1"));
    let bill = &bodies(&double, "/cc/bill")[1];
    assert!(!bill.contains(APPROVED), "{bill}");
    assert!(
        !bill.contains("cc_number") && !bill.contains("cc_validity"),
        "{bill}"
    );
    // Recorded like any other: a lost answer on it is found again.
    double.control().fail_next("/cc/bill", Fault::Malformed);
    let lost = charge(APPROVED)
        .for_invoice("inv_lost", 1)
        .merchant_initiated(ChargeReason::Recurring, Some(&token));
    let pending = pending(&processor, &lost).await;
    let settled = processor.settle(&pending, support::NOW).await.unwrap();
    assert!(
        matches!(settled, Some(Settlement::Succeeded(_))),
        "{settled:?}"
    );
}

#[tokio::test]
async fn a_declined_charge_keeps_no_card() {
    let double = double().await;
    let processor = connector(&double);
    let saving = charge("4580000000000026").save_on_file();

    let outcome = processor.charge(&saving.request()).await.unwrap();

    assert!(matches!(outcome, ChargeOutcome::Declined(_)), "{outcome:?}");
    assert!(double.stored_cards().is_empty());
    assert!(bodies(&double, "/cc_storage/store").is_empty());
}

#[tokio::test]
async fn a_card_that_could_not_be_stored_leaves_the_approval_without_a_token() {
    let double = double().await;
    let processor = connector(&double);
    double
        .control()
        .fail_next("/cc_storage/store", Fault::ServerError);

    let approval = approved(&processor, &charge(APPROVED).save_on_file()).await;

    assert_eq!(approval.gateway_token, None);
    assert_eq!(double.charges().len(), 1, "charged once all the same");
}

#[tokio::test]
async fn a_saved_card_charged_by_the_merchant_without_a_token_sends_the_card_without_cvv() {
    let double = double().await;
    let processor = connector(&double);
    let later = charge(APPROVED).merchant_initiated(ChargeReason::Installment, None);

    approved(&processor, &later).await;

    let made = &double.charges()[0];
    assert!(made.card_number_sent);
    assert!(!made.cvv_sent);
}

#[tokio::test]
async fn an_unknown_token_or_one_of_another_client_is_refused() {
    let double = double().await;
    let processor = connector(&double);
    let first = approved(
        &processor,
        &charge(APPROVED).for_invoice("inv_a", 1).save_on_file(),
    )
    .await
    .gateway_token
    .unwrap();
    let second = approved(
        &processor,
        &charge("5555555555554444")
            .for_invoice("inv_b", 1)
            .save_on_file(),
    )
    .await
    .gateway_token
    .unwrap();
    let (client_a, _) = first.split_once('/').unwrap();
    let (_, token_b) = second.split_once('/').unwrap();
    let crossed = format!("{client_a}/{token_b}");

    for token in ["1/777777", crossed.as_str()] {
        let later = charge(APPROVED)
            .for_invoice("inv_mit", 1)
            .merchant_initiated(ChargeReason::Recurring, Some(token));
        let result = processor.charge(&later.request()).await;
        assert_eq!(
            result,
            Err(ProcessorError::Rejected {
                code: "unknown_gateway_token"
            }),
            "{token}"
        );
    }
    assert_eq!(double.charges().len(), 2, "only the two saving charges");
}

#[tokio::test]
async fn a_token_that_is_not_icounts_is_refused_before_any_request() {
    let double = double().await;
    let processor = connector(&double);
    let later = charge(APPROVED).merchant_initiated(ChargeReason::Recurring, Some("cus_1/pm_2"));

    let result = processor.charge(&later.request()).await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "invalid_gateway_token"
        })
    );
    assert!(double.control().requests().is_empty());
}

// The double's own strictness, spoken to directly.

async fn post(double: &ICountDouble, api: &str, body: &Value) -> Value {
    reqwest::Client::new()
        .post(format!("{}/{api}", double.base_url()))
        .json(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn sid(double: &ICountDouble) -> String {
    let answer = post(
        double,
        "auth/login",
        &json!({"cid": CID, "user": USER, "pass": PASS}),
    )
    .await;
    assert_eq!(answer["status"], true, "{answer}");
    answer["sid"].as_str().unwrap().to_owned()
}

/// A `cc/bill` body the double accepts.
fn bill(sid: &str) -> Value {
    json!({
        "sid": sid,
        "sum": 15.04,
        "currency_code": "ILS",
        "cc_number": APPROVED,
        "cc_cvv": "123",
        "cc_validity": "1230",
        "cc_holder_id": HOLDER_ID,
        "cc_holder_name": "Ada Lovelace",
        "num_of_payments": 1,
        "custom_client_id": "kassa-inv_1-1",
    })
}

fn reason(answer: &Value) -> &str {
    assert_eq!(answer["status"], false, "{answer}");
    answer["reason"].as_str().unwrap()
}

#[tokio::test]
async fn the_double_approves_a_well_formed_charge() {
    let double = double().await;
    let sid = sid(&double).await;
    let answer = post(&double, "cc/bill", &bill(&sid)).await;
    assert_eq!(answer["status"], true, "{answer}");
    assert_eq!(answer["confirmation_code"], "0000001");
    assert_eq!(answer["sum"], 15.04);
    assert_eq!(answer["api"], "cc/bill");
    let found = post(
        &double,
        "cc/transactions",
        &json!({"sid": sid, "custom_client_id": "kassa-inv_1-1"}),
    )
    .await;
    assert_eq!(found["results_count"], 1, "{found}");
    assert_eq!(found["results"][0]["confirmation_code"], "0000001");
    assert_eq!(
        double.charges()[0].outcome,
        ICountOutcome::Approved {
            confirmation_code: "0000001".to_owned()
        }
    );
}

#[tokio::test]
async fn the_double_refuses_a_charge_missing_a_required_field() {
    let double = double().await;
    let sid = sid(&double).await;
    for field in [
        "sum",
        "currency_code",
        "cc_number",
        "cc_validity",
        "cc_holder_id",
    ] {
        let mut body = bill(&sid);
        body.as_object_mut().unwrap().remove(field);
        let answer = post(&double, "cc/bill", &body).await;
        assert_eq!(reason(&answer), format!("missing_{field}"));
        assert!(answer["error_description"].is_string());
    }
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_refuses_sums_in_the_wrong_unit_or_format() {
    let double = double().await;
    let sid = sid(&double).await;
    let cases = [
        (json!("15.04"), "ILS"),
        (json!(15.041), "ILS"),
        (json!(-15.04), "ILS"),
        (json!(0), "ILS"),
        (json!(15.5), "JPY"),
    ];
    for (sum, currency) in cases {
        let mut body = bill(&sid);
        body["sum"] = sum.clone();
        body["currency_code"] = json!(currency);
        let answer = post(&double, "cc/bill", &body).await;
        assert_eq!(reason(&answer), "invalid_sum", "{sum} {currency}");
    }
    let mut body = bill(&sid);
    body["currency_code"] = json!("XYZ");
    assert_eq!(
        reason(&post(&double, "cc/bill", &body).await),
        "invalid_currency_code"
    );
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_refuses_malformed_card_fields_and_holder_ids() {
    let double = double().await;
    let sid = sid(&double).await;
    let cases = [
        (
            "cc_number",
            json!(4_580_000_000_000_000_u64),
            "invalid_cc_number",
        ),
        ("cc_number", json!("4580000000000001"), "invalid_cc_number"),
        ("cc_validity", json!("12/30"), "invalid_cc_validity"),
        ("cc_validity", json!("1330"), "invalid_cc_validity"),
        ("cc_cvv", json!(123), "invalid_cc_cvv"),
        ("cc_holder_id", json!("123456789"), "invalid_cc_holder_id"),
        ("num_of_payments", json!(0), "invalid_num_of_payments"),
        ("num_of_payments", json!(37), "invalid_num_of_payments"),
        ("first_payment", json!(5.00), "invalid_first_payment"),
        ("is_credit", json!(true), "invalid_is_credit"),
    ];
    for (field, value, expected) in cases {
        let mut body = bill(&sid);
        body[field] = value.clone();
        let answer = post(&double, "cc/bill", &body).await;
        assert_eq!(reason(&answer), expected, "{field}: {value}");
    }
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_takes_credit_only_in_payments_and_without_a_first_payment() {
    let double = double().await;
    let sid = sid(&double).await;
    let mut credit = bill(&sid);
    credit["is_credit"] = json!(true);
    credit["num_of_payments"] = json!(3);
    let mut with_first = credit.clone();
    with_first["first_payment"] = json!(5.04);
    let mut single = credit.clone();
    single["num_of_payments"] = json!(1);
    let mut not_a_flag = credit.clone();
    not_a_flag["is_credit"] = json!("yes");

    assert_eq!(
        reason(&post(&double, "cc/bill", &with_first).await),
        "invalid_first_payment"
    );
    assert_eq!(
        reason(&post(&double, "cc/bill", &single).await),
        "invalid_is_credit"
    );
    assert_eq!(
        reason(&post(&double, "cc/bill", &not_a_flag).await),
        "invalid_is_credit"
    );
    assert!(double.charges().is_empty());

    let answer = post(&double, "cc/bill", &credit).await;
    assert_eq!(answer["status"], true, "{answer}");
    let charges = double.charges();
    assert!(charges[0].is_credit);
    assert_eq!(charges[0].installments, 3);
}

#[tokio::test]
async fn the_double_refuses_bad_credentials_unknown_sessions_and_form_bodies() {
    let double = double().await;
    let login = post(
        &double,
        "auth/login",
        &json!({"cid": CID, "user": USER, "pass": "nope"}),
    )
    .await;
    assert_eq!(reason(&login), "auth_failed");
    let login = post(&double, "auth/login", &json!({"cid": CID, "user": USER})).await;
    assert_eq!(reason(&login), "missing_pass");

    let answer = post(&double, "cc/bill", &bill("made-up-session")).await;
    assert_eq!(reason(&answer), "bad_sid");
    let sid = sid(&double).await;
    double.expire_sessions();
    assert_eq!(
        reason(&post(&double, "cc/bill", &bill(&sid)).await),
        "bad_sid"
    );

    let form: Value = reqwest::Client::new()
        .post(format!("{}/auth/login", double.base_url()))
        .form(&[("cid", CID), ("user", USER), ("pass", PASS)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reason(&form), "invalid_json");
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_knows_no_refund_method() {
    let double = double().await;
    let sid = sid(&double).await;
    let answer = post(
        &double,
        "cc/refund",
        &json!({"sid": sid, "confirmation_code": "0000001", "sum": 1.00}),
    )
    .await;
    assert_eq!(reason(&answer), "unknown_method");
    assert_eq!(answer["api"], "cc/refund");
}

#[tokio::test]
async fn the_double_stores_cards_and_charges_them_only_by_their_own_token_and_client() {
    let double = double().await;
    let sid = sid(&double).await;
    let stored = post(
        &double,
        "cc_storage/store",
        &json!({
            "sid": sid,
            "client_name": "Ada Lovelace",
            "cc_number": APPROVED,
            "cc_validity": "1230",
            "cc_holder_id": HOLDER_ID,
        }),
    )
    .await;
    assert_eq!(stored["status"], true, "{stored}");
    let token = stored["cc_token_id"].as_u64().unwrap();
    let client = stored["client_id"].as_u64().unwrap();
    let by_token = |changes: Value| {
        let mut body = bill(&sid);
        for field in ["cc_number", "cc_validity", "cc_cvv", "cc_holder_id"] {
            body.as_object_mut().unwrap().remove(field);
        }
        body["cc_token_id"] = json!(token);
        body["client_id"] = json!(client);
        for (name, value) in changes.as_object().unwrap() {
            if value.is_null() {
                body.as_object_mut().unwrap().remove(name);
            } else {
                body[name] = value.clone();
            }
        }
        body
    };

    let charged = post(&double, "cc/bill", &by_token(json!({}))).await;
    assert_eq!(charged["status"], true, "{charged}");
    let cases = [
        (json!({"cc_token_id": 424242}), "cc_token_not_found"),
        (
            json!({"cc_token_id": token.to_string()}),
            "invalid_cc_token_id",
        ),
        (json!({"client_id": null}), "missing_client_id"),
        (json!({"client_id": client + 1}), "invalid_client_id"),
        (json!({"cc_number": APPROVED}), "invalid_cc_number"),
        (json!({"cc_validity": "1330"}), "invalid_cc_validity"),
    ];
    for (changes, expected) in cases {
        let answer = post(&double, "cc/bill", &by_token(changes.clone())).await;
        assert_eq!(reason(&answer), expected, "{changes}");
    }
    let no_client = post(
        &double,
        "cc_storage/store",
        &json!({"sid": sid, "cc_number": APPROVED, "cc_validity": "1230", "cc_holder_id": HOLDER_ID}),
    )
    .await;
    assert_eq!(reason(&no_client), "missing_client_id");
    let bad_card = post(
        &double,
        "cc_storage/store",
        &json!({"sid": sid, "client_id": client, "cc_number": "4580000000000001", "cc_validity": "1230", "cc_holder_id": HOLDER_ID}),
    )
    .await;
    assert_eq!(reason(&bad_card), "invalid_cc_number");
    assert_eq!(double.charges().len(), 1);
    assert_eq!(double.stored_cards().len(), 1);
}

#[tokio::test]
async fn manual_capture_is_not_offered_and_capture_and_void_send_nothing() {
    // Seed 000 names an authorization call but documents no shape for it
    // and no call that captures or releases one.
    let double = double().await;
    let processor = connector(&double);
    let ils = Currency::from_code("ILS").unwrap();
    let not_supported = ProcessorError::Rejected {
        code: "capture_not_supported",
    };

    assert!(!processor.supports_manual_capture());
    let captured = processor
        .capture(&CaptureRequest {
            invoice_id: "inv_manual",
            transaction_ref: "kassa-inv_manual-1",
            amount_minor: 1_500,
            authorized_minor: 1_500,
            currency: ils,
            now_unix_ms: support::NOW,
        })
        .await;
    let voided = processor
        .void(&VoidRequest {
            invoice_id: "inv_manual",
            transaction_ref: "kassa-inv_manual-1",
            authorized_minor: 1_500,
            currency: ils,
            now_unix_ms: support::NOW,
        })
        .await;

    assert_eq!(captured, Err(not_supported));
    assert_eq!(voided, Err(not_supported));
    assert!(double.control().requests().is_empty());
}
