//! The Stripe connector against the Stripe double over real HTTP: approvals,
//! declines, refunds, authorizations captured or voided later, lost answers
//! and their look-up, credentials, and card data kept to the charge
//! request. Then the double alone, to show it is as strict as Stripe.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kassa_card::Currency;
use kassa_gateway_doubles::Fault;
use kassa_gateway_doubles::stripe::{API_VERSION, StripeDouble, StripeOutcome};
use kassa_processor::connectors::stripe::{Config, Stripe};
use kassa_processor::{
    Approval, AuthenticationFlow, AvsResult, Capture, CaptureRequest, ChallengeAnswer,
    ChargeOutcome, ChargeReason, ConnectorOptions, Decline, DeclineReason, PendingCharge,
    Processor, ProcessorError, RefundRequest, SecurityCodeResult, Settlement, ThreeDSecure,
    ThreeDSecureMode, VoidRequest,
};
use serde_json::Value;
use support::Charge;

const KEY: &str = "sk_test_51KassaDoubleKey0000000000000000";
const APPROVED: &str = "4242424242424242";
const CHARGES: &str = "/v1/payment_intents";
const REFUNDS: &str = "/v1/refunds";

fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// A charge of 15.00 USD on `number`, made now (the double stamps
/// PaymentIntents with its own clock, as Stripe does).
fn charge(number: &str) -> Charge {
    let mut charge = Charge::with_card(number);
    charge.now_unix_ms = now_ms();
    charge
}

fn config(double: &StripeDouble, key: &str) -> Config {
    Config {
        base_url: double.base_url(),
        secret_key: key.to_owned(),
        account: None,
    }
}

fn connector(double: &StripeDouble) -> Stripe {
    Stripe::new(config(double, KEY), &ConnectorOptions::default())
}

async fn approval(stripe: &Stripe, charge: &Charge) -> Approval {
    match stripe.charge(&charge.request()).await {
        Ok(ChargeOutcome::Approved(approval)) => approval,
        other => panic!("expected an approval, got {other:?}"),
    }
}

async fn decline(stripe: &Stripe, charge: &Charge) -> Decline {
    match stripe.charge(&charge.request()).await {
        Ok(ChargeOutcome::Declined(decline)) => decline,
        other => panic!("expected a decline, got {other:?}"),
    }
}

async fn pending(stripe: &Stripe, charge: &Charge) -> PendingCharge {
    match stripe.charge(&charge.request()).await {
        Ok(ChargeOutcome::Pending(pending)) => pending,
        other => panic!("expected a pending charge, got {other:?}"),
    }
}

fn refund<'a>(
    refund_id: &'a str,
    transaction_ref: &'a str,
    amount_minor: i64,
) -> RefundRequest<'a> {
    RefundRequest {
        refund_id,
        invoice_id: "inv_test",
        transaction_ref,
        amount_minor,
        currency: Currency::from_code("USD").unwrap(),
        now_unix_ms: now_ms(),
    }
}

/// A manual-capture charge of 15.00 USD on `number`: approved, it only
/// holds the amount.
fn authorization(number: &str) -> Charge {
    let mut charge = charge(number);
    charge.capture = Capture::Manual;
    charge
}

/// Taking `amount_minor` of the 15.00 USD authorized for `inv_test`.
fn capture_of(transaction_ref: &str, amount_minor: i64) -> CaptureRequest<'_> {
    CaptureRequest {
        invoice_id: "inv_test",
        transaction_ref,
        amount_minor,
        authorized_minor: 1_500,
        currency: Currency::from_code("USD").unwrap(),
        now_unix_ms: now_ms(),
    }
}

/// Releasing the 15.00 USD authorized for `inv_test`.
fn void_of(transaction_ref: &str) -> VoidRequest<'_> {
    VoidRequest {
        invoice_id: "inv_test",
        transaction_ref,
        authorized_minor: 1_500,
        currency: Currency::from_code("USD").unwrap(),
        now_unix_ms: now_ms(),
    }
}

/// The POSTs the double received whose path ends with `suffix`: path,
/// body and idempotency key.
fn posts_to(double: &StripeDouble, suffix: &str) -> Vec<(String, String, Option<String>)> {
    double
        .control()
        .requests()
        .into_iter()
        .filter(|request| request.method == "POST" && request.path.ends_with(suffix))
        .map(|request| {
            let key = header(&request.headers, "idempotency-key").map(str::to_owned);
            (request.path, request.body, key)
        })
        .collect()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

#[tokio::test]
async fn an_approved_charge_carries_stripes_authorization_code_and_checks() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let charge = charge(APPROVED).billing_postal_code("62701");

    let approval = approval(&stripe, &charge).await;

    assert!(approval.transaction_ref.starts_with("pi_"), "{approval:?}");
    assert_eq!(approval.authorization_code.len(), 6);
    assert_eq!(approval.avs, AvsResult::StreetAndPostal);
    assert_eq!(approval.security_code, SecurityCodeResult::Match);
    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    let made = &charges[0];
    assert_eq!(made.payment_intent, approval.transaction_ref);
    assert_eq!((made.amount_minor, made.currency.as_str()), (1_500, "usd"));
    assert!(made.is_approved());
    assert_eq!(
        made.outcome,
        StripeOutcome::Approved {
            authorization_code: approval.authorization_code.clone()
        }
    );
    assert_eq!(made.reference(), Some("kassa-inv_test-1"));
    assert_eq!(made.idempotency_key.as_deref(), Some("kassa-inv_test-1"));
    assert_eq!(made.card_last4, "4242");
    assert_eq!(made.holder_name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(made.refunded_minor, 0);

    let requests = double.control().requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", CHARGES)
    );
    assert_eq!(
        header(&sent.headers, "authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(header(&sent.headers, "stripe-version"), Some(API_VERSION));
    assert_eq!(
        header(&sent.headers, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(&sent.headers, "stripe-account"), None);
}

#[tokio::test]
async fn a_single_payment_reaches_stripe_without_installment_parameters() {
    let double = StripeDouble::start(KEY).await;
    approval(&connector(&double), &charge(APPROVED)).await;

    assert_eq!(double.charges()[0].installments, 1);
    let body = &double.control().requests()[0].body;
    assert!(!body.contains("installments"), "{body}");
    assert!(body.contains("amount=1500"), "{body}");
    assert!(body.contains("currency=usd"), "{body}");
}

#[tokio::test]
async fn more_than_one_installment_is_refused_before_any_request() {
    let double = StripeDouble::start(KEY).await;
    let mut charge = charge(APPROVED);
    charge.installments = 3;

    let result = connector(&double).charge(&charge.request()).await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "installments_not_supported"
        })
    );
    assert!(double.control().requests().is_empty());
    assert!(!connector(&double).needs_holder_id());
}

#[tokio::test]
async fn issuer_credit_is_refused_before_any_request() {
    let double = StripeDouble::start(KEY).await;
    for installments in [1, 12] {
        let mut charge = charge(APPROVED);
        charge.installments = installments;
        charge.installment_kind = kassa_processor::InstallmentKind::Credit;

        let result = connector(&double).charge(&charge.request()).await;

        assert_eq!(
            result,
            Err(ProcessorError::Rejected {
                code: "installments_not_supported"
            }),
            "{installments} payments"
        );
    }
    assert!(double.control().requests().is_empty());
}

#[tokio::test]
async fn each_scripted_decline_is_mapped_to_its_reason() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let table = [
        ("4000000000009995", DeclineReason::InsufficientFunds),
        ("4000000000000002", DeclineReason::DoNotHonour),
        ("4000000000009987", DeclineReason::LostCard),
        ("4000000000009979", DeclineReason::StolenCard),
        ("4000000000000069", DeclineReason::ExpiredCard),
        ("4000000000000127", DeclineReason::IncorrectSecurityCode),
        ("4000000000000119", DeclineReason::ProcessingError),
        ("4000000000003220", DeclineReason::AuthenticationRequired),
    ];
    for (attempt, (number, reason)) in (1..).zip(table) {
        let charge = charge(number).for_invoice("inv_declines", attempt);
        let decline = decline(&stripe, &charge).await;
        assert_eq!(decline.reason, reason, "{number}");
        assert!(decline.transaction_ref.starts_with("pi_"), "{number}");
        let expected_code = if reason == DeclineReason::IncorrectSecurityCode {
            SecurityCodeResult::NoMatch
        } else {
            SecurityCodeResult::NotChecked
        };
        assert_eq!(decline.security_code, expected_code, "{number}");
    }
    let charges = double.charges();
    assert_eq!(charges.len(), table.len());
    assert!(charges.iter().all(|charge| !charge.is_approved()));
    assert_eq!(
        charges[0].outcome,
        StripeOutcome::Declined {
            code: "card_declined".into(),
            decline_code: "insufficient_funds".into()
        }
    );
}

#[tokio::test]
async fn the_same_attempt_sent_twice_is_charged_once() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let charge = charge(APPROVED);

    let first = approval(&stripe, &charge).await;
    let second = approval(&stripe, &charge).await;

    assert_eq!(first, second);
    assert_eq!(double.charges().len(), 1);
}

#[tokio::test]
async fn amounts_reach_stripe_in_its_unit_for_the_currency() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let mut yen = charge(APPROVED).for_invoice("inv_jpy", 1);
    (yen.amount_minor, yen.currency) = (500, Currency::from_code("JPY").unwrap());
    let mut krona = charge(APPROVED).for_invoice("inv_isk", 1);
    (krona.amount_minor, krona.currency) = (5_000, Currency::from_code("ISK").unwrap());

    approval(&stripe, &yen).await;
    approval(&stripe, &krona).await;

    let amounts: Vec<_> = double
        .charges()
        .into_iter()
        .map(|charge| (charge.amount_minor, charge.currency))
        .collect();
    assert_eq!(amounts, [(500, "jpy".into()), (500_000, "isk".into())]);
}

#[tokio::test]
async fn refunds_give_back_part_then_the_rest_and_never_more() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &charge(APPROVED)).await;

    let part = stripe
        .refund(&refund("ref_1", &approval.transaction_ref, 500))
        .await
        .unwrap();
    let rest = stripe
        .refund(&refund("ref_2", &approval.transaction_ref, 1_000))
        .await
        .unwrap();
    let more = stripe
        .refund(&refund("ref_3", &approval.transaction_ref, 1))
        .await;

    assert!(part.refund_ref.starts_with("re_") && rest.refund_ref.starts_with("re_"));
    assert_ne!(part.refund_ref, rest.refund_ref);
    assert_eq!(
        more,
        Err(ProcessorError::Rejected {
            code: "charge_already_refunded"
        })
    );
    assert_eq!(double.charges()[0].refunded_minor, 1_500);
    let refunds = double.refunds();
    assert_eq!(refunds.len(), 2);
    assert_eq!(refunds[0].amount_minor, 500);
    assert_eq!(refunds[0].payment_intent, approval.transaction_ref);
    assert_eq!(refunds[0].idempotency_key.as_deref(), Some("kassa-ref_1"));
    assert_eq!(
        refunds[1]
            .metadata
            .get("kassa_reference")
            .map(String::as_str),
        Some("kassa-ref_2")
    );
}

#[tokio::test]
async fn a_full_refund_in_one_go_is_accepted_and_one_above_the_charge_refused() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let first = approval(&stripe, &charge(APPROVED).for_invoice("inv_a", 1)).await;
    let second = approval(&stripe, &charge(APPROVED).for_invoice("inv_b", 1)).await;

    let too_much = stripe
        .refund(&refund("ref_big", &first.transaction_ref, 1_501))
        .await;
    let full = stripe
        .refund(&refund("ref_full", &second.transaction_ref, 1_500))
        .await;

    assert_eq!(
        too_much,
        Err(ProcessorError::Rejected {
            code: "amount_too_large"
        })
    );
    assert!(full.is_ok(), "{full:?}");
    let refunded: Vec<_> = double
        .charges()
        .iter()
        .map(|charge| charge.refunded_minor)
        .collect();
    assert_eq!(refunded, [0, 1_500]);
}

#[tokio::test]
async fn a_refund_whose_answer_is_lost_is_asked_again_with_the_same_key() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &charge(APPROVED)).await;
    double
        .control()
        .fail_next(REFUNDS, Fault::ServerErrorAfterProcessing);

    let confirmation = stripe
        .refund(&refund("ref_lost", &approval.transaction_ref, 700))
        .await
        .unwrap();

    let refunds = double.refunds();
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0].id, confirmation.refund_ref);
    let keys: Vec<_> = double
        .control()
        .requests()
        .iter()
        .filter(|request| request.path == REFUNDS)
        .map(|request| header(&request.headers, "idempotency-key").map(str::to_owned))
        .collect();
    assert_eq!(
        keys,
        [Some("kassa-ref_lost".into()), Some("kassa-ref_lost".into())]
    );
}

#[tokio::test]
async fn a_server_error_before_processing_is_unavailable_and_charges_nothing() {
    let double = StripeDouble::start(KEY).await;
    double.control().fail_next(CHARGES, Fault::ServerError);

    let result = connector(&double).charge(&charge(APPROVED).request()).await;

    assert_eq!(result, Err(ProcessorError::Unavailable));
    assert!(double.charges().is_empty());
}

/// Charges through `fault`, expects a pending charge, then settles it.
async fn lost_then_settled(fault: Fault, options: ConnectorOptions, number: &str) -> Settlement {
    let double = StripeDouble::start(KEY).await;
    // The look-up must not lean on search, which trails new objects.
    double.delay_search(Duration::from_secs(60));
    let stripe = Stripe::new(config(&double, KEY), &options);
    let charge = charge(number);
    double.control().fail_next(CHARGES, fault);

    let pending = pending(&stripe, &charge).await;

    assert_eq!(pending.transaction_ref, "kassa-inv_test-1");
    assert_eq!(pending.settles_at_unix_ms, charge.now_unix_ms);
    assert_eq!(pending.avs, AvsResult::Unavailable);
    assert_eq!(pending.security_code, SecurityCodeResult::NotProvided);
    // The token survives storage; another connector instance settles it.
    let stored = PendingCharge::from_token(&pending.to_token()).unwrap();
    let settlement = Stripe::new(config(&double, KEY), &options)
        .settle(&stored, now_ms())
        .await
        .unwrap()
        .expect("settled");
    assert_eq!(double.charges().len(), 1);
    assert_eq!(settlement.transaction_ref(), pending.transaction_ref);
    settlement
}

fn succeeded(settlement: Settlement) -> Approval {
    match settlement {
        Settlement::Succeeded(approval) => approval,
        other => panic!("expected a success, got {other:?}"),
    }
}

#[tokio::test]
async fn an_answer_lost_after_processing_is_pending_and_settles_as_succeeded() {
    let settlement = lost_then_settled(
        Fault::ServerErrorAfterProcessing,
        ConnectorOptions::default(),
        APPROVED,
    )
    .await;
    let approval = succeeded(settlement);
    assert_eq!(approval.authorization_code.len(), 6);
    assert_eq!(approval.security_code, SecurityCodeResult::Match);
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_pending_and_settles_as_succeeded() {
    let options = ConnectorOptions {
        timeout: Duration::from_millis(500),
        ..ConnectorOptions::default()
    };
    let settlement = lost_then_settled(
        Fault::AnswerAfter(Duration::from_secs(2)),
        options,
        APPROVED,
    )
    .await;
    succeeded(settlement);
}

#[tokio::test]
async fn a_malformed_answer_is_pending_and_settles_as_succeeded() {
    let settlement =
        lost_then_settled(Fault::Malformed, ConnectorOptions::default(), APPROVED).await;
    succeeded(settlement);
}

#[tokio::test]
async fn a_lost_decline_settles_as_failed_with_its_reason() {
    let settlement = lost_then_settled(
        Fault::ServerErrorAfterProcessing,
        ConnectorOptions::default(),
        "4000000000009995",
    )
    .await;
    match settlement {
        Settlement::Failed(decline) => {
            assert_eq!(decline.reason, DeclineReason::InsufficientFunds);
        }
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[tokio::test]
async fn a_charge_that_never_reached_stripe_settles_as_not_charged() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let charge = charge(APPROVED);
    let pending = stripe.lost_charge(&charge.request());

    // Stripe may still be executing a request just sent: not yet.
    let early = stripe.settle(&pending, charge.now_unix_ms + 1_000).await;
    let later = stripe.settle(&pending, charge.now_unix_ms + 180_000).await;

    assert_eq!(early, Ok(None));
    assert_eq!(later, Ok(Some(Settlement::NotCharged)));
    assert!(double.charges().is_empty());
    let requests = double.control().requests();
    assert!(
        requests
            .iter()
            .all(|request| request.method == "GET" && request.path.starts_with(CHARGES))
    );
}

#[tokio::test]
async fn a_pending_charge_of_another_processor_is_refused() {
    let double = StripeDouble::start(KEY).await;
    let mut pending = connector(&double).lost_charge(&charge(APPROVED).request());
    pending.processor_state = "succeed:A1B2C3".into();

    let result = connector(&double).settle(&pending, now_ms()).await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "unknown_pending_charge"
        })
    );
}

#[tokio::test]
async fn a_charge_settled_after_a_lost_answer_is_refunded_by_its_reference() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    double
        .control()
        .fail_next(CHARGES, Fault::ServerErrorAfterProcessing);
    let pending = pending(&stripe, &charge(APPROVED)).await;
    let settled = succeeded(stripe.settle(&pending, now_ms()).await.unwrap().unwrap());

    let confirmation = stripe
        .refund(&refund("ref_after", &settled.transaction_ref, 1_500))
        .await
        .unwrap();

    assert!(confirmation.refund_ref.starts_with("re_"));
    assert_eq!(double.charges()[0].refunded_minor, 1_500);
}

#[tokio::test]
async fn a_bad_secret_key_is_unauthorized_everywhere() {
    let double = StripeDouble::start(KEY).await;
    let wrong = Stripe::new(
        config(&double, "sk_test_wrong0000000000"),
        &ConnectorOptions::default(),
    );
    let charge = charge(APPROVED);

    let charged = wrong.charge(&charge.request()).await;
    let settled = wrong
        .settle(&wrong.lost_charge(&charge.request()), now_ms())
        .await;
    let refunded = wrong.refund(&refund("ref_1", "pi_unknown", 100)).await;
    let captured = wrong.capture(&capture_of("pi_unknown", 100)).await;
    let voided = wrong.void(&void_of("pi_unknown")).await;

    assert_eq!(charged, Err(ProcessorError::Unauthorized));
    assert_eq!(settled, Err(ProcessorError::Unauthorized));
    assert_eq!(refunded, Err(ProcessorError::Unauthorized));
    assert_eq!(captured.map(|_| ()), Err(ProcessorError::Unauthorized));
    assert_eq!(voided, Err(ProcessorError::Unauthorized));
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn a_connected_account_is_sent_as_stripe_account() {
    let double = StripeDouble::start(KEY).await;
    double.connect_account("acct_1KassaConnected");
    let mut connected = config(&double, KEY);
    connected.account = Some("acct_1KassaConnected".into());
    let mut stranger = config(&double, KEY);
    stranger.account = Some("acct_1Unknown".into());
    let options = ConnectorOptions::default();

    let approval = approval(&Stripe::new(connected, &options), &charge(APPROVED)).await;
    let refused = Stripe::new(stranger, &options)
        .charge(&charge(APPROVED).for_invoice("inv_other", 1).request())
        .await;

    assert!(approval.transaction_ref.starts_with("pi_"));
    assert_eq!(refused, Err(ProcessorError::Unauthorized));
    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].account.as_deref(), Some("acct_1KassaConnected"));
    let first = &double.control().requests()[0];
    assert_eq!(
        header(&first.headers, "stripe-account"),
        Some("acct_1KassaConnected")
    );
}

#[tokio::test]
async fn card_number_and_cvc_appear_in_the_charge_request_only() {
    const NUMBER: &str = "4000000000000036";
    const CVC: &str = "987";
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let charge = charge(NUMBER)
        .security_code(Some(CVC))
        .billing_postal_code("62701");
    let mut texts: Vec<String> = Vec::new();

    let approval = approval(&stripe, &charge).await;
    assert_eq!(approval.avs, AvsResult::StreetOnly);
    texts.push(format!("{approval:?}"));
    stripe
        .refund(&refund("ref_canary", &approval.transaction_ref, 100))
        .await
        .unwrap();
    let lost = charge.clone().for_invoice("inv_canary_lost", 1);
    double
        .control()
        .fail_next(CHARGES, Fault::ServerErrorAfterProcessing);
    let pending = pending(&stripe, &lost).await;
    let settlement = stripe.settle(&pending, now_ms()).await.unwrap();
    texts.push(format!("{settlement:?}"));
    let declined = decline(
        &stripe,
        &support::Charge::with_card("4000000000000127")
            .security_code(Some(CVC))
            .for_invoice("inv_canary_declined", 1),
    )
    .await;
    texts.push(format!("{declined:?}"));
    let wrong = Stripe::new(
        config(&double, "sk_test_wrong"),
        &ConnectorOptions::default(),
    );
    let error = wrong.charge(&charge.request()).await.unwrap_err();
    texts.push(error.to_string());
    texts.push(format!("{error:?}"));
    texts.push(format!("{:?}", config(&double, KEY)));
    texts.push(format!("{stripe:?}"));

    let now = charge.now_unix_ms.div_euclid(1_000);
    assert_eq!(
        pending.processor_state,
        format!("list:{}:{}:kassa-inv_canary_lost-1", now - 300, now + 900)
    );
    assert!(!pending.to_token().contains(NUMBER));
    for text in &texts {
        assert!(!text.contains(NUMBER), "{text}");
        assert!(!text.contains(KEY), "{text}");
        assert!(!text.to_lowercase().contains("cvc"), "{text}");
    }
    let requests = double.control().requests();
    let (with_card, without): (Vec<_>, Vec<_>) = requests
        .iter()
        .partition(|request| request.method == "POST" && request.path == CHARGES);
    assert!(
        with_card
            .iter()
            .any(|request| request.body.contains(NUMBER))
    );
    let cvc_field = format!("cvc%5D={CVC}&");
    assert!(
        with_card
            .iter()
            .all(|request| request.body.contains(&cvc_field))
    );
    assert!(!without.is_empty());
    for request in without {
        let headers = format!("{:?}", request.headers);
        for text in [&request.path, &request.body, &headers] {
            assert!(!text.contains(NUMBER), "{text}");
            assert!(!text.contains("cvc"), "{text}");
        }
    }
}

#[tokio::test]
async fn a_manual_charge_is_authorized_and_held_as_requires_capture() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    let approval = approval(&stripe, &authorization(APPROVED)).await;

    assert!(stripe.supports_manual_capture());
    assert!(approval.transaction_ref.starts_with("pi_"), "{approval:?}");
    assert_eq!(approval.authorization_code.len(), 6);
    let held = &double.charges()[0];
    assert_eq!(held.payment_intent, approval.transaction_ref);
    assert_eq!(
        (held.status.as_str(), held.capture_method.as_str()),
        ("requires_capture", "manual")
    );
    assert_eq!((held.capturable_minor, held.received_minor), (1_500, 0));
    let body = &double.control().requests()[0].body;
    assert!(body.contains("capture_method=manual"), "{body}");
}

#[tokio::test]
async fn an_automatic_charge_is_taken_at_once_and_has_nothing_to_capture_or_void() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &charge(APPROVED)).await;

    let captured = stripe
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await;
    let voided = stripe.void(&void_of(&approval.transaction_ref)).await;

    let body = &double.control().requests()[0].body;
    assert!(body.contains("capture_method=automatic&"), "{body}");
    assert_eq!(
        captured,
        Err(ProcessorError::Rejected {
            code: "authorization_not_capturable"
        })
    );
    assert_eq!(
        voided,
        Err(ProcessorError::Rejected {
            code: "authorization_not_voidable"
        })
    );
    let charged = &double.charges()[0];
    assert_eq!(
        (charged.status.as_str(), charged.capture_method.as_str()),
        ("succeeded", "automatic")
    );
    assert_eq!(
        (charged.capturable_minor, charged.received_minor),
        (0, 1_500)
    );
}

#[tokio::test]
async fn capturing_part_of_an_authorization_takes_only_that_part() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;
    let intent = approval.transaction_ref.clone();

    let confirmation = stripe.capture(&capture_of(&intent, 1_000)).await.unwrap();

    assert_eq!(confirmation.capture_ref, intent);
    let captured = &double.charges()[0];
    assert_eq!(captured.status, "succeeded");
    assert_eq!(
        (captured.capturable_minor, captured.received_minor),
        (0, 1_000)
    );
    assert_eq!(
        posts_to(&double, "/capture"),
        [(
            format!("{CHARGES}/{intent}/capture"),
            "amount_to_capture=1000".to_owned(),
            Some("kassa-capture-inv_test".to_owned())
        )]
    );
    // The released rest cannot be refunded.
    let too_much = stripe.refund(&refund("ref_1", &intent, 1_001)).await;
    let all = stripe.refund(&refund("ref_2", &intent, 1_000)).await;
    assert_eq!(
        too_much,
        Err(ProcessorError::Rejected {
            code: "amount_too_large"
        })
    );
    assert!(all.is_ok(), "{all:?}");
}

#[tokio::test]
async fn a_capture_asked_again_replays_the_first_and_takes_the_money_once() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;
    let request = capture_of(&approval.transaction_ref, 1_000);

    let first = stripe.capture(&request).await.unwrap();
    let again = stripe.capture(&request).await.unwrap();

    assert_eq!(first, again);
    assert_eq!(double.charges()[0].received_minor, 1_000);
    let keys: Vec<_> = posts_to(&double, "/capture")
        .into_iter()
        .map(|(_, _, key)| key)
        .collect();
    assert_eq!(
        keys,
        [
            Some("kassa-capture-inv_test".into()),
            Some("kassa-capture-inv_test".into())
        ]
    );
    // Stripe replayed the first answer: nothing had to be looked up.
    assert!(
        double
            .control()
            .requests()
            .iter()
            .all(|request| request.method == "POST")
    );
}

#[tokio::test]
async fn a_capture_whose_answer_is_lost_is_asked_again_with_the_same_key() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;
    double
        .control()
        .fail_next("/capture", Fault::ServerErrorAfterProcessing);

    let confirmation = stripe
        .capture(&capture_of(&approval.transaction_ref, 1_200))
        .await
        .unwrap();

    assert_eq!(confirmation.capture_ref, approval.transaction_ref);
    assert_eq!(double.charges()[0].received_minor, 1_200);
    let captures = posts_to(&double, "/capture");
    assert_eq!(captures.len(), 2);
    assert_eq!(captures[0], captures[1]);
}

#[tokio::test]
async fn a_capture_lost_twice_is_read_from_the_payment_intent() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let made = approval(&stripe, &authorization(APPROVED).for_invoice("inv_test", 1)).await;
    let never = approval(&stripe, &authorization(APPROVED).for_invoice("inv_test", 2)).await;
    for _ in 0..2 {
        double
            .control()
            .fail_next(&made.transaction_ref, Fault::ServerErrorAfterProcessing);
        double
            .control()
            .fail_next(&never.transaction_ref, Fault::ServerError);
    }

    let taken = stripe
        .capture(&capture_of(&made.transaction_ref, 1_500))
        .await;
    let not_taken = stripe
        .capture(&capture_of(&never.transaction_ref, 1_500))
        .await;

    assert_eq!(taken.unwrap().capture_ref, made.transaction_ref);
    // Nothing happened: unavailable, and asking again is safe.
    assert_eq!(not_taken, Err(ProcessorError::Unavailable));
    let states: Vec<_> = double
        .charges()
        .iter()
        .map(|charge| (charge.status.clone(), charge.received_minor))
        .collect();
    assert_eq!(
        states,
        [
            ("succeeded".to_owned(), 1_500),
            ("requires_capture".to_owned(), 0)
        ]
    );
}

#[tokio::test]
async fn a_capture_already_made_under_another_key_is_answered_as_done() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;
    let path = format!("{CHARGES}/{}/capture", approval.transaction_ref);
    // As if Kassa's key had expired (Stripe keeps keys for 24 hours).
    let earlier = post(
        &double,
        Some(KEY),
        &path,
        &[("amount_to_capture", "900")],
        Some("an-expired-key"),
    )
    .await;
    assert_eq!(earlier.status, 200, "{}", earlier.body);

    let same = stripe
        .capture(&capture_of(&approval.transaction_ref, 900))
        .await;
    let other = stripe
        .capture(&capture_of(&approval.transaction_ref, 1_000))
        .await;

    assert_eq!(same.unwrap().capture_ref, approval.transaction_ref);
    assert!(
        matches!(other, Err(ProcessorError::Rejected { .. })),
        "{other:?}"
    );
    assert_eq!(double.charges()[0].received_minor, 900);
}

#[tokio::test]
async fn capturing_more_than_was_authorized_or_nothing_is_refused() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;

    let too_much = stripe
        .capture(&capture_of(&approval.transaction_ref, 1_501))
        .await;
    let nothing = stripe
        .capture(&capture_of(&approval.transaction_ref, 0))
        .await;

    assert_eq!(
        too_much,
        Err(ProcessorError::Rejected {
            code: "amount_too_large"
        })
    );
    assert_eq!(
        nothing,
        Err(ProcessorError::Rejected {
            code: "invalid_amount"
        })
    );
    // Only the first reached Stripe; the authorization is still whole.
    assert_eq!(posts_to(&double, "/capture").len(), 1);
    let held = &double.charges()[0];
    assert_eq!(held.status, "requires_capture");
    assert_eq!((held.capturable_minor, held.received_minor), (1_500, 0));
}

#[tokio::test]
async fn a_voided_authorization_is_released_and_cannot_be_captured_later() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;
    let intent = approval.transaction_ref.clone();

    let voided = stripe.void(&void_of(&intent)).await;
    let late = stripe.capture(&capture_of(&intent, 1_500)).await;
    let again = stripe.void(&void_of(&intent)).await;

    assert_eq!(voided, Ok(()));
    assert_eq!(
        late,
        Err(ProcessorError::Rejected {
            code: "authorization_not_capturable"
        })
    );
    // Released already: a void asked again is done.
    assert_eq!(again, Ok(()));
    let released = &double.charges()[0];
    assert_eq!(released.status, "canceled");
    assert_eq!((released.capturable_minor, released.received_minor), (0, 0));
    assert_eq!(released.cancellation_reason, None);
    let cancels = posts_to(&double, "/cancel");
    assert_eq!(
        cancels[0],
        (
            format!("{CHARGES}/{intent}/cancel"),
            String::new(),
            Some("kassa-void-inv_test".to_owned())
        )
    );
}

#[tokio::test]
async fn a_captured_authorization_cannot_be_voided() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let approval = approval(&stripe, &authorization(APPROVED)).await;
    stripe
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();

    let voided = stripe.void(&void_of(&approval.transaction_ref)).await;

    assert_eq!(
        voided,
        Err(ProcessorError::Rejected {
            code: "authorization_not_voidable"
        })
    );
    let captured = &double.charges()[0];
    assert_eq!(
        (captured.status.as_str(), captured.received_minor),
        ("succeeded", 1_500)
    );
}

#[tokio::test]
async fn capturing_or_voiding_an_unknown_payment_intent_is_refused() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    let captured = stripe.capture(&capture_of("pi_unknown", 1_500)).await;
    let voided = stripe.void(&void_of("pi_unknown")).await;

    let not_found = Err(ProcessorError::Rejected {
        code: "charge_not_found",
    });
    assert_eq!(captured.map(|_| ()), not_found);
    assert_eq!(voided, not_found);
}

#[tokio::test]
async fn a_manual_charge_settled_after_a_lost_answer_is_captured_by_its_reference() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    double
        .control()
        .fail_next(CHARGES, Fault::ServerErrorAfterProcessing);
    let pending = pending(&stripe, &authorization(APPROVED)).await;
    let settled = succeeded(stripe.settle(&pending, now_ms()).await.unwrap().unwrap());
    assert_eq!(settled.transaction_ref, "kassa-inv_test-1");

    let confirmation = stripe
        .capture(&capture_of(&settled.transaction_ref, 1_500))
        .await
        .unwrap();

    let captured = &double.charges()[0];
    assert_eq!(confirmation.capture_ref, captured.payment_intent);
    assert_eq!(
        (captured.status.as_str(), captured.received_minor),
        ("succeeded", 1_500)
    );
}

// Saved cards: kept on a Customer, charged again through the token.

const CUSTOMERS: &str = "/v1/customers";

/// Saves `number` with a first charge and returns the approval's token.
async fn saved_token(stripe: &Stripe, number: &str, invoice_id: &str) -> String {
    let saved = approval(
        stripe,
        &charge(number).for_invoice(invoice_id, 1).save_on_file(),
    )
    .await;
    saved.gateway_token.expect("a gateway token")
}

#[tokio::test]
async fn a_saved_card_is_charged_again_off_session_through_its_token_without_the_card_number() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    let token = saved_token(&stripe, APPROVED, "inv_first").await;

    let (customer, method) = token.split_once('/').unwrap();
    assert!(
        customer.starts_with("cus_") && method.starts_with("pm_"),
        "{token}"
    );
    let first = &double.charges()[0];
    assert_eq!(first.setup_future_usage.as_deref(), Some("off_session"));
    assert_eq!(first.customer.as_deref(), Some(customer));
    assert_eq!(first.payment_method_customer.as_deref(), Some(customer));
    assert!(first.card_number_sent);
    assert_eq!(posts_to(&double, CUSTOMERS).len(), 1);

    let later = charge(APPROVED)
        .for_invoice("inv_later", 1)
        .merchant_initiated(ChargeReason::Recurring, Some(&token));
    let approved = approval(&stripe, &later).await;

    assert_eq!(approved.gateway_token, None);
    assert_eq!(approved.security_code, SecurityCodeResult::NotProvided);
    let second = &double.charges()[1];
    assert!(second.is_approved());
    assert!(!second.card_number_sent);
    assert_eq!(second.off_session.as_deref(), Some("true"));
    assert_eq!(second.payment_method.as_deref(), Some(method));
    assert_eq!(second.customer.as_deref(), Some(customer));
    assert_eq!(second.setup_future_usage, None);
    let posts = posts_to(&double, CHARGES);
    let body = &posts[1].1;
    assert!(!body.contains(APPROVED), "{body}");
    assert!(!body.contains("payment_method_data"), "{body}");
    assert!(body.contains("off_session=true"), "{body}");
    assert_eq!(posts_to(&double, CUSTOMERS).len(), 1, "no second Customer");
    // A real charge: it can be refunded like any other.
    stripe
        .refund(&refund("ref_saved", &approved.transaction_ref, 500))
        .await
        .unwrap();
    assert_eq!(double.refunds()[0].payment_intent, approved.transaction_ref);
}

#[tokio::test]
async fn a_shopper_paying_with_a_saved_card_is_charged_through_its_token_on_session() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let token = saved_token(&stripe, APPROVED, "inv_first").await;

    let again = charge(APPROVED)
        .for_invoice("inv_again", 1)
        .customer_on_file(Some(&token));
    approval(&stripe, &again).await;

    let second = &double.charges()[1];
    assert!(!second.card_number_sent);
    assert_eq!(second.off_session, None);
    let body = &posts_to(&double, CHARGES)[1].1;
    assert!(!body.contains(APPROVED) && !body.contains("cvc"), "{body}");
}

#[tokio::test]
async fn a_merchant_initiated_charge_on_a_card_saved_elsewhere_sends_the_card_off_session() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let later = charge(APPROVED).merchant_initiated(ChargeReason::Unscheduled, None);

    let approved = approval(&stripe, &later).await;

    assert_eq!(approved.gateway_token, None);
    let made = &double.charges()[0];
    assert!(made.card_number_sent);
    assert_eq!(made.off_session.as_deref(), Some("true"));
    assert_eq!(made.customer, None);
    assert!(posts_to(&double, CUSTOMERS).is_empty());
}

#[tokio::test]
async fn an_unknown_token_or_one_used_with_another_customer_is_refused() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let first = saved_token(&stripe, APPROVED, "inv_a").await;
    let second = saved_token(&stripe, "5555555555554444", "inv_b").await;
    let (customer_a, _) = first.split_once('/').unwrap();
    let (_, method_b) = second.split_once('/').unwrap();
    let crossed = format!("{customer_a}/{method_b}");
    let mit = |token: &str| {
        charge(APPROVED)
            .for_invoice("inv_mit", 1)
            .merchant_initiated(ChargeReason::Recurring, Some(token))
    };

    for token in ["cus_Unknown0000/pm_Unknown0000", crossed.as_str()] {
        let result = stripe.charge(&mit(token).request()).await;
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
async fn a_token_that_is_not_stripes_is_refused_before_any_request() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let later = charge(APPROVED).merchant_initiated(ChargeReason::Recurring, Some("tok_visa"));

    let result = stripe.charge(&later.request()).await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "invalid_gateway_token"
        })
    );
    assert!(double.control().requests().is_empty());
}

#[tokio::test]
async fn a_declined_card_is_not_kept() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    decline(&stripe, &charge("4000000000000002").save_on_file()).await;

    let made = &double.charges()[0];
    assert_eq!(made.setup_future_usage.as_deref(), Some("off_session"));
    assert_eq!(made.payment_method_customer, None);
}

#[tokio::test]
async fn a_saving_charge_whose_answer_is_lost_settles_with_its_token() {
    let double = StripeDouble::start(KEY).await;
    double.delay_search(Duration::from_secs(60));
    let stripe = connector(&double);
    let saving = charge(APPROVED).save_on_file();
    double
        .control()
        .fail_next(CHARGES, Fault::ServerErrorAfterProcessing);

    let pending = pending(&stripe, &saving).await;
    let settled = succeeded(
        stripe
            .settle(&pending, now_ms())
            .await
            .unwrap()
            .expect("settled"),
    );

    let made = &double.charges()[0];
    let expected = format!(
        "{}/{}",
        made.customer.as_deref().unwrap(),
        made.payment_method.as_deref().unwrap()
    );
    assert_eq!(settled.gateway_token, Some(expected));
}

#[tokio::test]
async fn a_saving_charge_sent_twice_makes_one_customer_and_one_charge() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let saving = charge(APPROVED).save_on_file();

    let first = approval(&stripe, &saving).await;
    let again = approval(&stripe, &saving).await;

    assert_eq!(first, again);
    assert_eq!(double.charges().len(), 1);
    let customers = posts_to(&double, CUSTOMERS);
    assert_eq!(customers.len(), 2);
    assert_eq!(customers[0].2, customers[1].2, "the same idempotency key");
}

// The double alone: as strict as Stripe.

struct Raw {
    status: u16,
    body: Value,
    replayed: bool,
}

async fn post(
    double: &StripeDouble,
    key: Option<&str>,
    path: &str,
    form: &[(&str, &str)],
    idempotency_key: Option<&str>,
) -> Raw {
    let client = reqwest::Client::new();
    let mut request = client
        .post(format!("{}{path}", double.base_url()))
        .form(form);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    if let Some(idempotency_key) = idempotency_key {
        request = request.header("Idempotency-Key", idempotency_key);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let replayed = response.headers().get("idempotent-replayed").is_some();
    Raw {
        status,
        body: response.json().await.unwrap(),
        replayed,
    }
}

async fn get(double: &StripeDouble, path_and_query: &str) -> Raw {
    let response = reqwest::Client::new()
        .get(format!("{}{path_and_query}", double.base_url()))
        .bearer_auth(KEY)
        .send()
        .await
        .unwrap();
    Raw {
        status: response.status().as_u16(),
        replayed: false,
        body: response.json().await.unwrap(),
    }
}

const CARD_CHARGE: [(&str, &str); 8] = [
    ("amount", "1500"),
    ("currency", "usd"),
    ("confirm", "true"),
    ("payment_method_types[0]", "card"),
    ("payment_method_data[type]", "card"),
    ("payment_method_data[card][number]", "4242424242424242"),
    ("payment_method_data[card][exp_month]", "12"),
    ("payment_method_data[card][exp_year]", "2030"),
];

fn without(key: &str) -> Vec<(&'static str, &'static str)> {
    CARD_CHARGE
        .iter()
        .copied()
        .filter(|(name, _)| *name != key)
        .collect()
}

fn with(key: &'static str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut form = without(key);
    form.push((key, value));
    form
}

fn error(raw: &Raw) -> (&str, Option<&str>, Option<&str>) {
    let error = &raw.body["error"];
    (
        error["type"].as_str().unwrap(),
        error["code"].as_str(),
        error["param"].as_str(),
    )
}

#[tokio::test]
async fn the_double_approves_a_well_formed_card_charge() {
    let double = StripeDouble::start(KEY).await;
    let raw = post(&double, Some(KEY), CHARGES, &CARD_CHARGE, None).await;
    assert_eq!(raw.status, 200, "{}", raw.body);
    assert_eq!(raw.body["object"], "payment_intent");
    assert_eq!(raw.body["status"], "succeeded");
    assert_eq!(raw.body["amount_received"], 1500);
}

#[tokio::test]
async fn the_double_refuses_bad_or_missing_keys_with_401() {
    let double = StripeDouble::start(KEY).await;
    let wrong = post(
        &double,
        Some("sk_test_nope1234"),
        CHARGES,
        &CARD_CHARGE,
        None,
    )
    .await;
    let missing = post(&double, None, CHARGES, &CARD_CHARGE, None).await;
    for raw in [&wrong, &missing] {
        assert_eq!(raw.status, 401);
        assert_eq!(error(raw).0, "invalid_request_error");
    }
    let message = wrong.body["error"]["message"].as_str().unwrap();
    assert!(
        message.ends_with("****1234") && !message.contains("nope"),
        "{message}"
    );
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_refuses_a_missing_required_parameter() {
    let double = StripeDouble::start(KEY).await;
    let no_amount = post(&double, Some(KEY), CHARGES, &without("amount"), None).await;
    let no_number = post(
        &double,
        Some(KEY),
        CHARGES,
        &without("payment_method_data[card][number]"),
        None,
    )
    .await;
    assert_eq!(no_amount.status, 400);
    assert_eq!(
        error(&no_amount),
        (
            "invalid_request_error",
            Some("parameter_missing"),
            Some("amount")
        )
    );
    assert_eq!(
        error(&no_number),
        (
            "invalid_request_error",
            Some("parameter_missing"),
            Some("payment_method_data[card][number]")
        )
    );
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_refuses_amounts_not_in_minor_units() {
    let double = StripeDouble::start(KEY).await;
    let decimal = post(&double, Some(KEY), CHARGES, &with("amount", "15.00"), None).await;
    let tiny = post(&double, Some(KEY), CHARGES, &with("amount", "49"), None).await;
    let huge = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("amount", "100000000"),
        None,
    )
    .await;
    assert_eq!(decimal.status, 400);
    assert_eq!(
        error(&decimal),
        (
            "invalid_request_error",
            Some("parameter_invalid_integer"),
            Some("amount")
        )
    );
    assert_eq!(error(&tiny).1, Some("amount_too_small"));
    assert_eq!(error(&huge).1, Some("amount_too_large"));
}

#[tokio::test]
async fn the_double_refuses_unknown_parameters_and_uppercase_currencies() {
    let double = StripeDouble::start(KEY).await;
    let unknown = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("card_number", "4242"),
        None,
    )
    .await;
    let upper = post(&double, Some(KEY), CHARGES, &with("currency", "USD"), None).await;
    assert_eq!(
        error(&unknown),
        (
            "invalid_request_error",
            Some("parameter_unknown"),
            Some("card_number")
        )
    );
    assert_eq!(upper.status, 400);
    assert_eq!(error(&upper).2, Some("currency"));
}

#[tokio::test]
async fn the_double_refuses_a_redirect_capable_confirmation_without_return_url() {
    let double = StripeDouble::start(KEY).await;
    let raw = post(
        &double,
        Some(KEY),
        CHARGES,
        &without("payment_method_types[0]"),
        None,
    )
    .await;
    assert_eq!(raw.status, 400);
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_replays_an_idempotency_key_and_refuses_it_with_other_parameters() {
    let double = StripeDouble::start(KEY).await;
    let first = post(&double, Some(KEY), CHARGES, &CARD_CHARGE, Some("key-1")).await;
    let again = post(&double, Some(KEY), CHARGES, &CARD_CHARGE, Some("key-1")).await;
    let changed = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("amount", "1600"),
        Some("key-1"),
    )
    .await;
    let elsewhere = post(
        &double,
        Some(KEY),
        REFUNDS,
        &[("payment_intent", "pi_x")],
        Some("key-1"),
    )
    .await;

    assert!(!first.replayed && again.replayed);
    assert_eq!(first.body, again.body);
    for raw in [&changed, &elsewhere] {
        assert_eq!(raw.status, 400);
        assert_eq!(error(raw).0, "idempotency_error");
    }
    assert_eq!(double.charges().len(), 1);
}

#[tokio::test]
async fn the_double_declines_with_a_402_card_error_and_keeps_the_payment_intent() {
    let double = StripeDouble::start(KEY).await;
    let raw = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("payment_method_data[card][number]", "4000000000009995"),
        None,
    )
    .await;
    assert_eq!(raw.status, 402);
    assert_eq!(error(&raw), ("card_error", Some("card_declined"), None));
    assert_eq!(raw.body["error"]["decline_code"], "insufficient_funds");
    let intent = &raw.body["error"]["payment_intent"];
    assert_eq!(intent["status"], "requires_payment_method");
    let id = intent["id"].as_str().unwrap();
    let fetched = get(&double, &format!("{CHARGES}/{id}")).await;
    assert_eq!(
        fetched.body["last_payment_error"]["decline_code"],
        "insufficient_funds"
    );
}

#[tokio::test]
async fn the_double_lists_new_payment_intents_at_once_but_searches_them_late() {
    let double = StripeDouble::start(KEY).await;
    double.delay_search(Duration::from_secs(60));
    let mut form = CARD_CHARGE.to_vec();
    form.push(("metadata[kassa_reference]", "kassa-inv_s-1"));
    post(&double, Some(KEY), CHARGES, &form, None).await;

    let listed = get(&double, &format!("{CHARGES}?limit=100")).await;
    let searched = get(
        &double,
        &format!(
            "{CHARGES}/search?query=metadata%5B%27kassa_reference%27%5D%3A%27kassa-inv_s-1%27"
        ),
    )
    .await;

    assert_eq!(listed.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(searched.status, 200, "{}", searched.body);
    assert_eq!(searched.body["object"], "search_result");
    assert!(searched.body["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_double_takes_only_the_documented_capture_methods() {
    let double = StripeDouble::start(KEY).await;
    let manual = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("capture_method", "manual"),
        None,
    )
    .await;
    let later = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("capture_method", "later"),
        None,
    )
    .await;
    let empty = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("capture_method", ""),
        None,
    )
    .await;

    assert_eq!(manual.status, 200, "{}", manual.body);
    assert_eq!(manual.body["status"], "requires_capture");
    assert_eq!(manual.body["amount_capturable"], 1500);
    assert_eq!(manual.body["amount_received"], 0);
    assert_eq!(later.status, 400);
    assert_eq!(
        error(&later),
        ("invalid_request_error", None, Some("capture_method"))
    );
    assert_eq!(
        error(&empty),
        (
            "invalid_request_error",
            Some("parameter_invalid_empty"),
            Some("capture_method")
        )
    );
    assert_eq!(double.charges().len(), 1);
}

#[tokio::test]
async fn the_double_captures_only_an_authorization_and_at_most_what_it_holds() {
    let double = StripeDouble::start(KEY).await;
    let held = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("capture_method", "manual"),
        None,
    )
    .await;
    let taken = post(&double, Some(KEY), CHARGES, &CARD_CHARGE, None).await;
    let capture = |raw: &Raw| format!("{CHARGES}/{}/capture", raw.body["id"].as_str().unwrap());

    let zero = post(
        &double,
        Some(KEY),
        &capture(&held),
        &[("amount_to_capture", "0")],
        None,
    )
    .await;
    let over = post(
        &double,
        Some(KEY),
        &capture(&held),
        &[("amount_to_capture", "1501")],
        None,
    )
    .await;
    let automatic = post(&double, Some(KEY), &capture(&taken), &[], None).await;
    let unknown = post(
        &double,
        Some(KEY),
        &format!("{CHARGES}/pi_unknown/capture"),
        &[],
        None,
    )
    .await;
    let all = post(&double, Some(KEY), &capture(&held), &[], None).await;
    let twice = post(&double, Some(KEY), &capture(&held), &[], None).await;

    assert_eq!(
        error(&zero),
        ("invalid_request_error", None, Some("amount_to_capture"))
    );
    assert_eq!(
        error(&over),
        (
            "invalid_request_error",
            Some("amount_too_large"),
            Some("amount_to_capture")
        )
    );
    for raw in [&automatic, &twice] {
        assert_eq!(raw.status, 400);
        assert_eq!(
            error(raw),
            (
                "invalid_request_error",
                Some("payment_intent_unexpected_state"),
                None
            )
        );
        assert_eq!(raw.body["error"]["payment_intent"]["status"], "succeeded");
    }
    assert_eq!(unknown.status, 404);
    assert_eq!(
        error(&unknown),
        (
            "invalid_request_error",
            Some("resource_missing"),
            Some("intent")
        )
    );
    // Without `amount_to_capture`, all of `amount_capturable`.
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(all.body["status"], "succeeded");
    assert_eq!(all.body["amount_received"], 1500);
    assert_eq!(all.body["amount_capturable"], 0);
}

#[tokio::test]
async fn the_double_replays_a_capture_key_and_refuses_it_with_another_amount() {
    let double = StripeDouble::start(KEY).await;
    let held = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("capture_method", "manual"),
        None,
    )
    .await;
    let path = format!("{CHARGES}/{}/capture", held.body["id"].as_str().unwrap());

    let first = post(
        &double,
        Some(KEY),
        &path,
        &[("amount_to_capture", "700")],
        Some("capture-1"),
    )
    .await;
    let again = post(
        &double,
        Some(KEY),
        &path,
        &[("amount_to_capture", "700")],
        Some("capture-1"),
    )
    .await;
    let changed = post(
        &double,
        Some(KEY),
        &path,
        &[("amount_to_capture", "800")],
        Some("capture-1"),
    )
    .await;

    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["amount_received"], 700);
    assert!(!first.replayed && again.replayed);
    assert_eq!(first.body, again.body);
    assert_eq!(changed.status, 400);
    assert_eq!(error(&changed).0, "idempotency_error");
    assert_eq!(double.charges()[0].received_minor, 700);
}

#[tokio::test]
async fn the_double_cancels_from_the_documented_statuses_only() {
    let double = StripeDouble::start(KEY).await;
    let held = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("capture_method", "manual"),
        None,
    )
    .await;
    let taken = post(&double, Some(KEY), CHARGES, &CARD_CHARGE, None).await;
    let declined = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("payment_method_data[card][number]", "4000000000000002"),
        None,
    )
    .await;
    let cancel = |id: &Value| format!("{CHARGES}/{}/cancel", id.as_str().unwrap());

    let bad_reason = post(
        &double,
        Some(KEY),
        &cancel(&held.body["id"]),
        &[("cancellation_reason", "changed_mind")],
        None,
    )
    .await;
    let released = post(
        &double,
        Some(KEY),
        &cancel(&held.body["id"]),
        &[("cancellation_reason", "abandoned")],
        None,
    )
    .await;
    let twice = post(&double, Some(KEY), &cancel(&held.body["id"]), &[], None).await;
    let succeeded = post(&double, Some(KEY), &cancel(&taken.body["id"]), &[], None).await;
    let failed = post(
        &double,
        Some(KEY),
        &cancel(&declined.body["error"]["payment_intent"]["id"]),
        &[],
        None,
    )
    .await;

    assert_eq!(bad_reason.status, 400);
    assert_eq!(error(&bad_reason).2, Some("cancellation_reason"));
    assert_eq!(released.status, 200, "{}", released.body);
    assert_eq!(released.body["status"], "canceled");
    assert_eq!(released.body["cancellation_reason"], "abandoned");
    assert_eq!(released.body["amount_capturable"], 0);
    assert!(released.body["canceled_at"].is_i64());
    for raw in [&twice, &succeeded] {
        assert_eq!(raw.status, 400);
        assert_eq!(error(raw).1, Some("payment_intent_unexpected_state"));
    }
    // A declined PaymentIntent waits for another card: it may be canceled.
    assert_eq!(failed.status, 200, "{}", failed.body);
    assert_eq!(failed.body["status"], "canceled");
}

/// Makes a Customer through the double and returns its id.
async fn new_customer(double: &StripeDouble) -> String {
    let raw = post(
        double,
        Some(KEY),
        CUSTOMERS,
        &[("name", "Ada Lovelace")],
        None,
    )
    .await;
    assert_eq!(raw.status, 200, "{}", raw.body);
    raw.body["id"].as_str().unwrap().to_owned()
}

/// A card charge that keeps its PaymentMethod, for `customer` when given;
/// returns the PaymentMethod's id.
async fn saving_charge(double: &StripeDouble, customer: Option<&str>) -> String {
    let mut form = CARD_CHARGE.to_vec();
    form.push(("setup_future_usage", "off_session"));
    if let Some(customer) = customer {
        form.push(("customer", customer));
    }
    let raw = post(double, Some(KEY), CHARGES, &form, None).await;
    assert_eq!(raw.status, 200, "{}", raw.body);
    assert_eq!(raw.body["setup_future_usage"], "off_session");
    raw.body["payment_method"].as_str().unwrap().to_owned()
}

/// An off-session charge of a saved PaymentMethod.
async fn off_session_charge(double: &StripeDouble, method: &str, customer: Option<&str>) -> Raw {
    let mut form = vec![
        ("amount", "1500"),
        ("currency", "usd"),
        ("confirm", "true"),
        ("payment_method_types[0]", "card"),
        ("off_session", "true"),
        ("payment_method", method),
    ];
    if let Some(customer) = customer {
        form.push(("customer", customer));
    }
    post(double, Some(KEY), CHARGES, &form, None).await
}

#[tokio::test]
async fn the_double_charges_a_saved_payment_method_with_its_customer_only() {
    let double = StripeDouble::start(KEY).await;
    let owner = new_customer(&double).await;
    let other = new_customer(&double).await;
    let method = saving_charge(&double, Some(&owner)).await;

    let with_owner = off_session_charge(&double, &method, Some(&owner)).await;
    let with_other = off_session_charge(&double, &method, Some(&other)).await;
    let with_none = off_session_charge(&double, &method, None).await;
    let unknown = off_session_charge(&double, "pm_Nope", Some(&owner)).await;

    assert_eq!(with_owner.status, 200, "{}", with_owner.body);
    assert_eq!(with_owner.body["status"], "succeeded");
    assert_eq!(with_owner.body["customer"], owner.as_str());
    for refused in [&with_other, &with_none] {
        assert_eq!(refused.status, 400, "{}", refused.body);
        assert_eq!(error(refused).2, Some("payment_method"));
    }
    assert_eq!(unknown.status, 404);
    assert_eq!(error(&unknown).1, Some("resource_missing"));
    assert_eq!(double.charges().len(), 2);
}

#[tokio::test]
async fn the_double_will_not_reuse_a_payment_method_kept_without_a_customer() {
    let double = StripeDouble::start(KEY).await;
    // Stripe takes setup_future_usage without a Customer ...
    let method = saving_charge(&double, None).await;
    assert_eq!(double.charges()[0].payment_method_customer, None);

    // ... but the PaymentMethod, never attached, is good for that charge only.
    let customer = new_customer(&double).await;
    for customer in [None, Some(customer.as_str())] {
        let again = off_session_charge(&double, &method, customer).await;
        assert_eq!(again.status, 400, "{}", again.body);
        let message = again.body["error"]["message"].as_str().unwrap();
        assert!(message.contains("may not be used again"), "{message}");
    }
}

#[tokio::test]
async fn the_double_refuses_malformed_saved_card_requests() {
    let double = StripeDouble::start(KEY).await;
    let unknown_customer = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("customer", "cus_Nope"),
        None,
    )
    .await;
    let bad_usage = post(
        &double,
        Some(KEY),
        CHARGES,
        &with("setup_future_usage", "forever"),
        None,
    )
    .await;
    let mut unconfirmed = with("off_session", "true");
    unconfirmed.retain(|(name, _)| *name != "confirm");
    let unconfirmed = post(&double, Some(KEY), CHARGES, &unconfirmed, None).await;
    let unknown_customer_param = post(
        &double,
        Some(KEY),
        CUSTOMERS,
        &[("card_number", "4242")],
        None,
    )
    .await;

    assert_eq!(unknown_customer.status, 404);
    assert_eq!(
        error(&unknown_customer),
        (
            "invalid_request_error",
            Some("resource_missing"),
            Some("customer")
        )
    );
    assert_eq!(bad_usage.status, 400);
    assert_eq!(error(&bad_usage).2, Some("setup_future_usage"));
    assert_eq!(unconfirmed.status, 400);
    assert_eq!(error(&unconfirmed).2, Some("off_session"));
    assert_eq!(error(&unknown_customer_param).1, Some("parameter_unknown"));
    assert!(double.charges().is_empty());
}

// 3-D Secure: Stripe's hosted challenge page, served by the double.

/// Where Kassa's checkout takes the shopper back after Stripe's page.
const RETURN_URL: &str = "https://pay.kassa.test/3ds/return?invoice=inv_test";

/// Stripe's 3-D Secure test cards.
const ALWAYS_AUTHENTICATE: &str = "4000000000003063";
const AUTHENTICATE_THEN_DECLINE: &str = "4000008400001629";
const SUPPORTS_AUTHENTICATION: &str = "4000000000003055";

/// A charge on `number` with a shopper present to answer a challenge.
fn with_shopper(number: &str) -> Charge {
    let mut charge = charge(number);
    charge.return_url = Some(RETURN_URL.to_owned());
    charge
}

async fn challenge(stripe: &Stripe, charge: &Charge) -> kassa_processor::Challenge {
    match stripe.charge(&charge.request()).await {
        Ok(ChargeOutcome::ChallengeRequired(challenge)) => challenge,
        other => panic!("expected a challenge, got {other:?}"),
    }
}

/// Presses a button of the double's challenge page as a browser would:
/// reads the page, posts its form, and answers the redirect's status and
/// `Location`.
async fn answer_page(issuer_url: &str, outcome: &str) -> (u16, Option<String>) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client.get(issuer_url).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(&format!("value=\"{outcome}\"")), "{html}");
    let action = html
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
    let origin: String = issuer_url.split('/').take(3).collect::<Vec<_>>().join("/");
    let posted = client
        .post(format!("{origin}{action}"))
        .form(&[("outcome", outcome)])
        .send()
        .await
        .unwrap();
    let location = posted
        .headers()
        .get("location")
        .map(|value| value.to_str().unwrap().to_owned());
    (posted.status().as_u16(), location)
}

#[tokio::test]
async fn a_challenged_card_with_a_shopper_completes_on_stripes_page_and_is_approved() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    let challenge = challenge(&stripe, &with_shopper(ALWAYS_AUTHENTICATE)).await;

    let issuer_url = challenge.issuer_url.clone().unwrap();
    assert!(
        issuer_url.starts_with(&format!("{}/3d_secure_2/hosted?", double.base_url())),
        "{issuer_url}"
    );
    assert_eq!(stripe.challenge_origins(), [double.base_url()]);
    let intent = challenge.charge.transaction_ref.clone();
    assert!(intent.starts_with("pi_"), "{challenge:?}");
    assert_eq!(double.charges()[0].outcome, StripeOutcome::RequiresAction);
    let body = &posts_to(&double, CHARGES)[0].1;
    assert!(
        body.contains("return_url=https%3A%2F%2Fpay.kassa.test"),
        "{body}"
    );
    assert!(!body.contains("error_on_requires_action"), "{body}");

    let (status, location) = answer_page(&issuer_url, "complete").await;
    assert_eq!(status, 303);
    let location = location.unwrap();
    assert!(
        location.starts_with(&format!("{RETURN_URL}&payment_intent={intent}")),
        "{location}"
    );

    let outcome = stripe
        .complete_authentication(&challenge.charge, ChallengeAnswer::Passed, now_ms())
        .await
        .unwrap();
    let ChargeOutcome::Approved(approval) = outcome else {
        panic!("expected an approval, got {outcome:?}");
    };
    assert_eq!(approval.transaction_ref, intent);
    assert_eq!(approval.authorization_code.len(), 6);
    assert_eq!(approval.security_code, SecurityCodeResult::Match);
    assert_eq!(
        approval.three_d_secure,
        Some(ThreeDSecure {
            flow: AuthenticationFlow::Challenge,
            authenticated: true,
            eci: Some("05".into()),
            liability_shift: true,
        })
    );
    let made = &double.charges()[0];
    assert_eq!(made.status, "succeeded");
    assert_eq!(made.three_d_secure.as_deref(), Some("authenticated"));
    // The page takes one answer.
    let again = reqwest::Client::new()
        .get(&issuer_url)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 400);
}

#[tokio::test]
async fn a_challenged_manual_charge_is_held_once_authenticated() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let mut charge = with_shopper(ALWAYS_AUTHENTICATE);
    charge.capture = Capture::Manual;

    let challenge = challenge(&stripe, &charge).await;
    answer_page(challenge.issuer_url.as_deref().unwrap(), "complete").await;
    let outcome = stripe
        .complete_authentication(&challenge.charge, ChallengeAnswer::Passed, now_ms())
        .await
        .unwrap();

    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");
    assert_eq!(double.charges()[0].status, "requires_capture");
}

#[tokio::test]
async fn a_failed_challenge_is_declined_as_authentication_failed() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let challenge = challenge(&stripe, &with_shopper(ALWAYS_AUTHENTICATE)).await;

    let (status, location) = answer_page(challenge.issuer_url.as_deref().unwrap(), "fail").await;
    let outcome = stripe
        .complete_authentication(&challenge.charge, ChallengeAnswer::Failed, now_ms())
        .await
        .unwrap();

    assert_eq!(status, 303);
    assert!(location.unwrap().contains("payment_intent=pi_"));
    let ChargeOutcome::Declined(decline) = outcome else {
        panic!("expected a decline, got {outcome:?}");
    };
    assert_eq!(decline.reason, DeclineReason::AuthenticationFailed);
    assert_eq!(decline.transaction_ref, challenge.charge.transaction_ref);
    let three_d_secure = decline.three_d_secure.unwrap();
    assert!(!three_d_secure.authenticated && !three_d_secure.liability_shift);
    let made = &double.charges()[0];
    assert_eq!(made.status, "requires_payment_method");
    assert_eq!(
        made.outcome,
        StripeOutcome::Declined {
            code: "payment_intent_authentication_failure".into(),
            decline_code: String::new()
        }
    );
}

#[tokio::test]
async fn an_abandoned_challenge_cancels_the_payment_intent_and_is_declined() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let challenge = challenge(&stripe, &with_shopper(ALWAYS_AUTHENTICATE)).await;

    let outcome = stripe
        .complete_authentication(&challenge.charge, ChallengeAnswer::Abandoned, now_ms())
        .await
        .unwrap();

    let ChargeOutcome::Declined(decline) = outcome else {
        panic!("expected a decline, got {outcome:?}");
    };
    assert_eq!(decline.reason, DeclineReason::AuthenticationFailed);
    let made = &double.charges()[0];
    assert_eq!(made.status, "canceled");
    assert_eq!(made.cancellation_reason.as_deref(), Some("abandoned"));
    let cancels = posts_to(&double, "/cancel");
    assert_eq!(cancels.len(), 1);
    assert_eq!(
        cancels[0].2.as_deref(),
        Some(format!("kassa-abandon-{}", challenge.charge.transaction_ref).as_str())
    );
    // Stripe's page will not take an answer for a canceled PaymentIntent.
    let (status, _) = {
        let client = reqwest::Client::new();
        let page = client
            .get(challenge.issuer_url.as_deref().unwrap())
            .send()
            .await
            .unwrap();
        (page.status().as_u16(), ())
    };
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_card_declined_after_its_challenge_is_declined_with_its_reason() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let challenge = challenge(&stripe, &with_shopper(AUTHENTICATE_THEN_DECLINE)).await;

    answer_page(challenge.issuer_url.as_deref().unwrap(), "complete").await;
    let outcome = stripe
        .complete_authentication(&challenge.charge, ChallengeAnswer::Passed, now_ms())
        .await
        .unwrap();

    let ChargeOutcome::Declined(decline) = outcome else {
        panic!("expected a decline, got {outcome:?}");
    };
    assert_eq!(decline.reason, DeclineReason::DoNotHonour);
    assert_eq!(
        decline.three_d_secure,
        Some(ThreeDSecure {
            flow: AuthenticationFlow::Challenge,
            authenticated: true,
            eci: Some("05".into()),
            liability_shift: true,
        })
    );
    assert_eq!(
        double.charges()[0].outcome,
        StripeOutcome::Declined {
            code: "card_declined".into(),
            decline_code: "generic_decline".into()
        }
    );
}

#[tokio::test]
async fn required_three_d_secure_is_asked_of_stripe_and_passes_frictionless() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let mut charge = with_shopper(SUPPORTS_AUTHENTICATION);
    charge.three_d_secure = ThreeDSecureMode::Required;

    let approval = approval(&stripe, &charge).await;

    assert_eq!(
        approval.three_d_secure,
        Some(ThreeDSecure {
            flow: AuthenticationFlow::Frictionless,
            authenticated: true,
            eci: Some("05".into()),
            liability_shift: true,
        })
    );
    let body = &posts_to(&double, CHARGES)[0].1;
    assert!(
        body.contains("payment_method_options%5Bcard%5D%5Brequest_three_d_secure%5D=any"),
        "{body}"
    );
    assert_eq!(double.charges()[0].request_three_d_secure, "any");
}

#[tokio::test]
async fn automatic_three_d_secure_asks_stripe_nothing_and_reports_none() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    let approval = approval(&stripe, &with_shopper(SUPPORTS_AUTHENTICATION)).await;

    assert_eq!(approval.three_d_secure, None);
    let body = &posts_to(&double, CHARGES)[0].1;
    assert!(!body.contains("request_three_d_secure"), "{body}");
}

#[tokio::test]
async fn a_challenged_card_without_a_shopper_is_declined_and_leaves_nothing_waiting() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);

    let decline = decline(&stripe, &charge(ALWAYS_AUTHENTICATE)).await;

    assert_eq!(decline.reason, DeclineReason::AuthenticationRequired);
    let body = &posts_to(&double, CHARGES)[0].1;
    assert!(body.contains("error_on_requires_action=true"), "{body}");
    assert!(!body.contains("return_url"), "{body}");
    let made = double.charges();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].status, "requires_payment_method");
}

#[tokio::test]
async fn a_merchant_initiated_charge_never_starts_a_challenge() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let charge =
        with_shopper(ALWAYS_AUTHENTICATE).merchant_initiated(ChargeReason::Unscheduled, None);

    let decline = decline(&stripe, &charge).await;

    assert_eq!(decline.reason, DeclineReason::AuthenticationRequired);
    let body = &posts_to(&double, CHARGES)[0].1;
    assert!(!body.contains("return_url"), "{body}");
}

#[tokio::test]
async fn the_challenge_token_holds_the_payment_intent_and_no_card_data() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let charge = with_shopper(ALWAYS_AUTHENTICATE).security_code(Some("987"));

    let challenge = challenge(&stripe, &charge).await;
    let token = challenge.charge.to_token();
    let restored = PendingCharge::from_token(&token).unwrap();

    assert_eq!(
        restored.processor_state,
        format!("challenge:{}", challenge.charge.transaction_ref)
    );
    for text in [&token, &format!("{challenge:?}")] {
        // The digits, and the security code's field (ids are random
        // letters and digits, so the code's three digits alone prove
        // nothing).
        assert!(!text.contains(ALWAYS_AUTHENTICATE), "{text}");
        assert!(!text.to_lowercase().contains("cvc"), "{text}");
    }
    // Completed from the token alone, as in another process.
    answer_page(challenge.issuer_url.as_deref().unwrap(), "complete").await;
    let outcome = stripe
        .complete_authentication(&restored, ChallengeAnswer::Passed, now_ms())
        .await
        .unwrap();
    assert!(matches!(outcome, ChargeOutcome::Approved(_)), "{outcome:?}");
}

#[tokio::test]
async fn a_challenge_still_open_after_a_passed_answer_is_pending_then_released() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let challenge = challenge(&stripe, &with_shopper(ALWAYS_AUTHENTICATE)).await;

    let outcome = stripe
        .complete_authentication(&challenge.charge, ChallengeAnswer::Passed, now_ms())
        .await
        .unwrap();
    let ChargeOutcome::Pending(pending) = outcome else {
        panic!("expected a pending charge, got {outcome:?}");
    };
    assert_eq!(stripe.settle(&pending, now_ms()).await.unwrap(), None);
    let later = stripe
        .settle(&pending, pending.settles_at_unix_ms + 3 * 60 * 1_000)
        .await
        .unwrap();

    let Some(Settlement::Failed(decline)) = later else {
        panic!("expected a failed settlement, got {later:?}");
    };
    assert_eq!(decline.reason, DeclineReason::AuthenticationFailed);
    assert_eq!(double.charges()[0].status, "canceled");
}

#[tokio::test]
async fn an_unknown_challenge_is_refused() {
    let double = StripeDouble::start(KEY).await;
    let stripe = connector(&double);
    let mut pending = challenge(&stripe, &with_shopper(ALWAYS_AUTHENTICATE))
        .await
        .charge;
    pending.processor_state = "list:1:2:kassa-inv_test-1".into();

    let result = stripe
        .complete_authentication(&pending, ChallengeAnswer::Passed, now_ms())
        .await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "unknown_challenge"
        })
    );
}

#[tokio::test]
async fn stripes_challenge_pages_are_on_hooks_stripe_com() {
    let stripe = Stripe::new(
        Config {
            base_url: "https://api.stripe.com".into(),
            secret_key: KEY.into(),
            account: None,
        },
        &ConnectorOptions::default(),
    );
    assert_eq!(stripe.challenge_origins(), ["https://hooks.stripe.com"]);
}

#[tokio::test]
async fn the_double_refuses_an_unknown_or_answered_challenge_and_a_bad_return_url() {
    let double = StripeDouble::start(KEY).await;
    let mut form = with("payment_method_data[card][number]", ALWAYS_AUTHENTICATE);
    form.push(("return_url", RETURN_URL));
    let waiting = post(&double, Some(KEY), CHARGES, &form, None).await;
    let mut bad = with("payment_method_data[card][number]", ALWAYS_AUTHENTICATE);
    bad.push(("return_url", "not a url"));
    let bad = post(&double, Some(KEY), CHARGES, &bad, None).await;

    assert_eq!(waiting.status, 200, "{}", waiting.body);
    assert_eq!(waiting.body["status"], "requires_action");
    let next = &waiting.body["next_action"];
    assert_eq!(next["type"], "redirect_to_url");
    assert_eq!(next["redirect_to_url"]["return_url"], RETURN_URL);
    let url = next["redirect_to_url"]["url"].as_str().unwrap();
    let unknown = url.replace("source=src_", "source=src_X");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let refused = client.get(&unknown).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 404);
    let posted = client
        .post(&unknown)
        .form(&[("outcome", "complete")])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status().as_u16(), 404);
    assert_eq!(answer_page(url, "complete").await.0, 303);
    let twice = client
        .post(url)
        .form(&[("outcome", "fail")])
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status().as_u16(), 400);
    assert_eq!(bad.status, 400);
    assert_eq!(error(&bad).2, Some("return_url"));

    let id = waiting.body["id"].as_str().unwrap();
    let done = get(&double, &format!("{CHARGES}/{id}?expand[]=latest_charge")).await;
    assert_eq!(done.body["status"], "succeeded");
    let secure = &done.body["latest_charge"]["payment_method_details"]["card"]["three_d_secure"];
    assert_eq!(secure["result"], "authenticated");
    assert_eq!(secure["authentication_flow"], "challenge");
    assert_eq!(secure["electronic_commerce_indicator"], "05");
}
