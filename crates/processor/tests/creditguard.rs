//! The CreditGuard connector against the CreditGuard double, over real
//! HTTP; and the double's own strictness, with raw relay requests.

#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use kassa_card::{Currency, IsraeliId};
use kassa_gateway_doubles::Fault;
use kassa_gateway_doubles::creditguard::{CreditGuardDouble, cards};
use kassa_processor::connectors::creditguard::{Config, CreditGuard};
use kassa_processor::{
    Approval, Capture, CaptureRequest, ChargeOutcome, ChargeReason, ConnectorOptions,
    DeclineReason, InstallmentKind, PendingCharge, Processor, ProcessorError, RefundConfirmation,
    RefundRequest, SecurityCodeResult, Settlement, VoidRequest,
};
use support::Charge;

const USER: &str = "kassa-relay";
const PASSWORD: &str = "Pa55-relay-secret";
const TERMINAL: &str = "0962832";
/// A valid Israeli ID (check digit included).
const HOLDER_ID: &str = "123456782";
/// The path every relay request takes.
const RELAY: &str = "/xpo/Relay";

async fn double() -> CreditGuardDouble {
    CreditGuardDouble::start(USER, PASSWORD, TERMINAL).await
}

fn config(double: &CreditGuardDouble) -> Config {
    Config {
        base_url: double.base_url(),
        user: USER.to_owned(),
        password: PASSWORD.to_owned(),
        terminal: TERMINAL.to_owned(),
    }
}

fn connector(double: &CreditGuardDouble) -> CreditGuard {
    CreditGuard::new(config(double), &ConnectorOptions::default())
}

/// A charge in shekels with the holder's ID, on `number`.
fn shekels(number: &str) -> Charge {
    let mut charge = Charge::with_card(number);
    charge.currency = Currency::from_code("ILS").unwrap();
    charge.holder_id = Some(IsraeliId::parse(HOLDER_ID).unwrap());
    charge
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
        currency: Currency::from_code("ILS").unwrap(),
        now_unix_ms: support::NOW,
    }
}

async fn pending(processor: &CreditGuard, charge: &Charge) -> PendingCharge {
    match processor.charge(&charge.request()).await {
        Ok(ChargeOutcome::Pending(pending)) => pending,
        other => panic!("expected a pending charge, got {other:?}"),
    }
}

/// The form fields of a recorded request, decoded.
fn fields(body: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

fn int_in(body: &str) -> String {
    fields(body)
        .into_iter()
        .find(|(key, _)| key == "int_in")
        .map(|(_, value)| value)
        .unwrap_or_default()
}

#[tokio::test]
async fn an_approved_charge_carries_the_auth_number_and_the_reference() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::APPROVED).for_invoice("inv_approved", 2);

    let Ok(ChargeOutcome::Approved(approval)) = processor.charge(&charge.request()).await else {
        panic!("expected an approval");
    };

    assert_eq!(approval.transaction_ref, "kassa-inv_approved-2");
    assert_eq!(approval.authorization_code.len(), 7);
    assert_eq!(approval.security_code, SecurityCodeResult::Match);
    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    assert!(charges[0].approved);
    assert_eq!(charges[0].amount_minor, 1_500);
    assert_eq!(charges[0].currency, "ILS");
    assert_eq!(charges[0].installments, 1);
    assert_eq!(
        charges[0].reference.as_deref(),
        Some("kassa-inv_approved-2")
    );
    assert_eq!(charges[0].holder_id.as_deref(), Some(HOLDER_ID));
    assert_eq!(charges[0].user.as_deref().map(str::len), Some(19));
    let xml = int_in(&double.control().requests()[0].body);
    for element in [
        "<version>2000</version>",
        "<command>doDeal</command>",
        "<transactionType>Debit</transactionType>",
        "<creditType>RegularCredit</creditType>",
        "<transactionCode>Internet</transactionCode>",
        "<validation>AutoComm</validation>",
        "<cardExpiration>1230</cardExpiration>",
        "<total>1500</total>",
        "<currency>ILS</currency>",
    ] {
        assert!(xml.contains(element), "{element} missing from the deal");
    }
}

#[tokio::test]
async fn mastercard_and_isracard_are_approved_too() {
    let double = double().await;
    let processor = connector(&double);
    for (attempt, number) in [cards::APPROVED_MASTERCARD, cards::APPROVED_ISRACARD]
        .into_iter()
        .enumerate()
    {
        let charge = shekels(number).for_invoice("inv_brands", u32::try_from(attempt).unwrap() + 1);
        let outcome = processor.charge(&charge.request()).await;
        assert!(
            matches!(outcome, Ok(ChargeOutcome::Approved(_))),
            "{number}: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn each_scripted_decline_maps_to_its_reason() {
    let double = double().await;
    let processor = connector(&double);
    let table = [
        (cards::INSUFFICIENT_FUNDS, DeclineReason::InsufficientFunds),
        (cards::REFUSED, DeclineReason::DoNotHonour),
        (cards::CALL_ISSUER, DeclineReason::DoNotHonour),
        (cards::BLOCKED, DeclineReason::LostCard),
        (cards::STOLEN, DeclineReason::StolenCard),
        (cards::EXPIRED, DeclineReason::ExpiredCard),
        (cards::WRONG_CVV, DeclineReason::IncorrectSecurityCode),
    ];
    for (attempt, (number, reason)) in (1..).zip(table) {
        let charge = shekels(number).for_invoice("inv_declines", attempt);
        match processor.charge(&charge.request()).await {
            Ok(ChargeOutcome::Declined(decline)) => {
                assert_eq!(decline.reason, reason, "{number}");
                assert_eq!(
                    decline.transaction_ref,
                    format!("kassa-inv_declines-{attempt}")
                );
            }
            other => panic!("{number}: expected a decline, got {other:?}"),
        }
    }
    assert!(double.charges().iter().all(|charge| !charge.approved));
}

#[tokio::test]
async fn a_charge_without_the_holder_id_is_rejected_before_any_request() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = shekels(cards::APPROVED);
    charge.holder_id = None;

    assert!(processor.needs_holder_id());
    assert_eq!(
        processor.charge(&charge.request()).await,
        Err(ProcessorError::Rejected {
            code: "holder_id_required"
        })
    );
    assert!(double.control().requests().is_empty());
}

#[tokio::test]
async fn installments_reach_the_gateway_as_payments_with_the_remainder_first() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = shekels(cards::APPROVED);
    charge.amount_minor = 1_000;
    charge.installments = 3;

    let outcome = processor.charge(&charge.request()).await;

    assert!(
        matches!(outcome, Ok(ChargeOutcome::Approved(_))),
        "{outcome:?}"
    );
    let charges = double.charges();
    assert_eq!(charges[0].credit_type, "Payments");
    assert_eq!(charges[0].installments, 3);
    assert_eq!(charges[0].first_payment_minor, Some(334));
    assert_eq!(charges[0].periodical_payment_minor, Some(333));
    let xml = int_in(&double.control().requests()[0].body);
    assert!(xml.contains("<creditType>Payments</creditType>"));
    assert!(xml.contains("<numberOfPayments>2</numberOfPayments>"));
    assert!(xml.contains("<firstPayment>334</firstPayment>"));
    assert!(xml.contains("<periodicalPayment>333</periodicalPayment>"));
}

/// A charge of 1,200.00 ILS in `installments` payments of the issuer's credit.
fn on_credit(installments: u8) -> Charge {
    let mut charge = shekels(cards::APPROVED);
    charge.amount_minor = 120_000;
    charge.installments = installments;
    charge.installment_kind = InstallmentKind::Credit;
    charge
}

#[tokio::test]
async fn a_credit_plan_of_twelve_reaches_the_gateway_as_a_special_credit_deal_of_twelve_payments() {
    let double = double().await;
    let processor = connector(&double);

    let outcome = processor.charge(&on_credit(12).request()).await;

    assert!(
        matches!(outcome, Ok(ChargeOutcome::Approved(_))),
        "{outcome:?}"
    );
    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].credit_type, "SpecialCredit");
    assert_eq!(charges[0].installments, 12);
    assert_eq!(charges[0].amount_minor, 120_000);
    assert_eq!(charges[0].first_payment_minor, None);
    assert_eq!(charges[0].periodical_payment_minor, None);
    let xml = int_in(&double.control().requests()[0].body);
    assert!(
        xml.contains("<creditType>SpecialCredit</creditType>"),
        "{xml}"
    );
    assert!(
        xml.contains("<numberOfPayments>12</numberOfPayments>"),
        "{xml}"
    );
    assert!(xml.contains("<total>120000</total>"), "{xml}");
    for absent in ["<firstPayment>", "<periodicalPayment>"] {
        assert!(!xml.contains(absent), "{absent} sent with a credit deal");
    }
}

#[tokio::test]
async fn credit_in_a_single_payment_is_refused_before_any_request() {
    let double = double().await;

    let result = connector(&double).charge(&on_credit(1).request()).await;

    assert_eq!(
        result.map(|_| ()),
        Err(ProcessorError::Rejected {
            code: "invalid_installments"
        })
    );
    assert!(double.control().requests().is_empty());
}

#[tokio::test]
async fn a_credit_plan_the_issuer_does_not_offer_is_refused_by_the_relay_and_charges_nothing() {
    let double = double().await;

    let result = connector(&double).charge(&on_credit(24).request()).await;

    assert_eq!(
        result.map(|_| ()),
        Err(ProcessorError::Rejected {
            code: "invalid_request"
        })
    );
    assert_eq!(double.control().requests().len(), 1);
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn a_full_refund_gives_back_the_whole_charge() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::APPROVED);
    let Ok(ChargeOutcome::Approved(approval)) = processor.charge(&charge.request()).await else {
        panic!("expected an approval");
    };

    let confirmation = processor
        .refund(&refund("ref_full", &approval.transaction_ref, 1_500))
        .await
        .unwrap();

    assert!(!confirmation.refund_ref.is_empty());
    assert_eq!(double.charges()[0].refunded_minor, 1_500);
}

#[tokio::test]
async fn partial_refunds_add_up_and_one_above_what_remains_is_refused() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::APPROVED);
    let Ok(ChargeOutcome::Approved(approval)) = processor.charge(&charge.request()).await else {
        panic!("expected an approval");
    };
    let reference = approval.transaction_ref;

    let first = processor
        .refund(&refund("ref_1", &reference, 500))
        .await
        .unwrap();
    let second = processor
        .refund(&refund("ref_2", &reference, 700))
        .await
        .unwrap();
    let too_much = processor.refund(&refund("ref_3", &reference, 301)).await;

    assert_ne!(first, second);
    assert_eq!(
        too_much,
        Err(ProcessorError::Rejected {
            code: "refund_refused"
        })
    );
    assert_eq!(double.charges()[0].refunded_minor, 1_200);
}

#[tokio::test]
async fn a_refund_repeated_with_the_same_id_is_made_once() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::APPROVED);
    let Ok(ChargeOutcome::Approved(approval)) = processor.charge(&charge.request()).await else {
        panic!("expected an approval");
    };

    let first: RefundConfirmation = processor
        .refund(&refund("ref_once", &approval.transaction_ref, 400))
        .await
        .unwrap();
    let again = processor
        .refund(&refund("ref_once", &approval.transaction_ref, 400))
        .await
        .unwrap();

    assert_eq!(first, again);
    assert_eq!(double.charges()[0].refunded_minor, 400);
}

#[tokio::test]
async fn a_refund_of_a_declined_charge_is_refused() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::REFUSED);
    let Ok(ChargeOutcome::Declined(decline)) = processor.charge(&charge.request()).await else {
        panic!("expected a decline");
    };

    let refused = processor
        .refund(&refund("ref_declined", &decline.transaction_ref, 100))
        .await;

    assert_eq!(
        refused,
        Err(ProcessorError::Rejected {
            code: "unknown_charge"
        })
    );
}

#[tokio::test]
async fn a_server_error_before_processing_is_unavailable_and_charges_nothing() {
    let double = double().await;
    let processor = connector(&double);
    double.control().fail_next(RELAY, Fault::ServerError);

    let outcome = processor.charge(&shekels(cards::APPROVED).request()).await;

    assert_eq!(outcome, Err(ProcessorError::Unavailable));
    assert!(double.charges().is_empty());
}

async fn lost_then_settled(fault: Fault, options: ConnectorOptions) {
    let double = double().await;
    let processor = CreditGuard::new(config(&double), &options);
    let charge = shekels(cards::APPROVED).for_invoice("inv_lost", 1);
    double.control().fail_next(RELAY, fault);

    let pending = pending(&processor, &charge).await;
    assert_eq!(pending.transaction_ref, "kassa-inv_lost-1");
    let token = pending.to_token();
    let pending = PendingCharge::from_token(&token).unwrap();
    let settled = processor.settle(&pending, support::NOW).await.unwrap();

    let Some(Settlement::Succeeded(approval)) = settled else {
        panic!("{fault:?}: expected a success, got {settled:?}");
    };
    assert_eq!(approval.transaction_ref, "kassa-inv_lost-1");
    assert_eq!(approval.authorization_code.len(), 7);
    assert_eq!(double.charges().len(), 1, "{fault:?}: exactly one charge");
}

#[tokio::test]
async fn a_server_error_after_processing_is_pending_then_settles_as_succeeded() {
    lost_then_settled(
        Fault::ServerErrorAfterProcessing,
        ConnectorOptions::default(),
    )
    .await;
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_pending_then_settles_as_succeeded() {
    let options = ConnectorOptions {
        timeout: Duration::from_millis(500),
        ..ConnectorOptions::default()
    };
    lost_then_settled(Fault::AnswerAfter(Duration::from_secs(2)), options).await;
}

#[tokio::test]
async fn a_malformed_answer_is_pending_then_settles_as_succeeded() {
    lost_then_settled(Fault::Malformed, ConnectorOptions::default()).await;
}

#[tokio::test]
async fn a_lost_declined_charge_settles_as_failed() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::STOLEN).for_invoice("inv_lost_decline", 1);
    double
        .control()
        .fail_next(RELAY, Fault::ServerErrorAfterProcessing);

    let pending = pending(&processor, &charge).await;
    let settled = processor.settle(&pending, support::NOW).await.unwrap();

    let Some(Settlement::Failed(decline)) = settled else {
        panic!("expected a failure, got {settled:?}");
    };
    assert_eq!(decline.reason, DeclineReason::StolenCard);
}

#[tokio::test]
async fn a_charge_that_never_reached_the_gateway_settles_as_not_charged() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::APPROVED).for_invoice("inv_never", 1);

    let pending = processor.lost_charge(&charge.request());
    let settled = processor.settle(&pending, support::NOW).await;

    assert_eq!(settled, Ok(Some(Settlement::NotCharged)));
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn a_pending_charge_with_a_foreign_state_is_rejected() {
    let double = double().await;
    let processor = connector(&double);
    let mut pending = processor.lost_charge(&shekels(cards::APPROVED).request());
    pending.processor_state = "succeed:A1B2C3".to_owned();

    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Err(ProcessorError::Rejected {
            code: "unknown_pending_charge"
        })
    );
}

#[tokio::test]
async fn an_unreachable_relay_is_unavailable() {
    let double = double().await;
    let mut config = config(&double);
    drop(double);
    config.base_url = "http://127.0.0.1:9/xpo/Relay".to_owned();
    let processor = CreditGuard::new(config, &ConnectorOptions::default());
    let charge = shekels(cards::APPROVED);

    assert_eq!(
        processor.charge(&charge.request()).await,
        Err(ProcessorError::Unavailable)
    );
    let pending = processor.lost_charge(&charge.request());
    assert_eq!(
        processor.settle(&pending, support::NOW).await,
        Err(ProcessorError::Unavailable)
    );
}

#[tokio::test]
async fn bad_credentials_are_unauthorized() {
    let double = double().await;
    let wrong = [
        Config {
            password: "not-the-password".to_owned(),
            ..config(&double)
        },
        Config {
            user: "someone-else".to_owned(),
            ..config(&double)
        },
        Config {
            terminal: "0000000".to_owned(),
            ..config(&double)
        },
    ];
    for config in wrong {
        let processor = CreditGuard::new(config, &ConnectorOptions::default());
        let charge = shekels(cards::APPROVED);
        assert_eq!(
            processor.charge(&charge.request()).await,
            Err(ProcessorError::Unauthorized)
        );
        let pending = processor.lost_charge(&charge.request());
        assert_eq!(
            processor.settle(&pending, support::NOW).await,
            Err(ProcessorError::Unauthorized)
        );
        assert_eq!(
            processor
                .refund(&refund("ref_x", &pending.transaction_ref, 100))
                .await,
            Err(ProcessorError::Unauthorized)
        );
    }
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn card_data_appears_only_in_the_charge_request() {
    let double = double().await;
    let processor = connector(&double);
    let number = cards::APPROVED;
    let cvv = "907";
    let charge = shekels(number)
        .security_code(Some(cvv))
        .for_invoice("inv_canary", 1);

    let Ok(ChargeOutcome::Approved(approval)) = processor.charge(&charge.request()).await else {
        panic!("expected an approval");
    };
    processor
        .refund(&refund("ref_canary", &approval.transaction_ref, 100))
        .await
        .unwrap();
    let pending = processor.lost_charge(&charge.request());
    processor.settle(&pending, support::NOW).await.unwrap();
    let refused_credentials = CreditGuard::new(
        Config {
            password: "wrong".to_owned(),
            ..config(&double)
        },
        &ConnectorOptions::default(),
    );
    let error = refused_credentials
        .charge(&charge.request())
        .await
        .unwrap_err();
    let mut without_id = charge.clone();
    without_id.holder_id = None;
    let rejected = processor.charge(&without_id.request()).await.unwrap_err();

    let requests = double.control().requests();
    let with_card: Vec<_> = requests
        .iter()
        .filter(|request| int_in(&request.body).contains(number))
        .collect();
    assert_eq!(with_card.len(), 2, "the charge and the refused charge only");
    for request in &requests {
        let xml = int_in(&request.body);
        let is_deal = xml.contains("<command>doDeal</command>");
        assert_eq!(xml.contains(number), is_deal, "card number outside a deal");
        assert_eq!(
            xml.contains(&format!("<cvv>{cvv}</cvv>")),
            is_deal,
            "security code outside a deal"
        );
        assert!(!request.path.contains(number) && !request.path.contains(cvv));
        assert!(
            request
                .headers
                .iter()
                .all(|(_, value)| !value.contains(number))
        );
    }
    for text in [
        pending.to_token(),
        format!("{pending:?}"),
        format!("{:?}", config(&double)),
        format!("{processor:?}"),
        error.to_string(),
        rejected.to_string(),
        format!("{error:?}"),
    ] {
        assert!(!text.contains(number), "card number in {text}");
        assert!(!text.contains(PASSWORD), "password in {text}");
    }
    assert!(!pending.processor_state.contains(cvv));
}

// Saved cards: CreditGuard's `cardId`.

async fn approved(processor: &CreditGuard, charge: &Charge) -> Approval {
    match processor.charge(&charge.request()).await {
        Ok(ChargeOutcome::Approved(approval)) => approval,
        other => panic!("expected an approval, got {other:?}"),
    }
}

/// The `doDeal` XML of every charge the double received.
fn deals_sent(double: &CreditGuardDouble) -> Vec<String> {
    double
        .control()
        .requests()
        .iter()
        .map(|request| int_in(&request.body))
        .filter(|xml| xml.contains("<doDeal>"))
        .collect()
}

#[tokio::test]
async fn a_saved_card_is_charged_again_by_its_card_id_without_the_card_number() {
    let double = double().await;
    let processor = connector(&double);
    let saving = shekels(cards::APPROVED)
        .for_invoice("inv_first", 1)
        .save_on_file();

    let token = approved(&processor, &saving)
        .await
        .gateway_token
        .expect("a cardId");
    assert!(token.bytes().all(|byte| byte.is_ascii_digit()), "{token}");
    assert_eq!(double.charges()[0].card_id.as_deref(), Some(token.as_str()));

    let later = shekels(cards::APPROVED)
        .for_invoice("inv_later", 1)
        .merchant_initiated(ChargeReason::Recurring, Some(&token));
    let again = approved(&processor, &later).await;

    assert_eq!(again.gateway_token, None);
    let second = &double.charges()[1];
    assert!(second.approved);
    assert!(!second.card_number_sent);
    assert!(!second.cvv_sent);
    assert_eq!(second.card_id.as_deref(), Some(token.as_str()));
    let xml = &deals_sent(&double)[1];
    assert!(!xml.contains(cards::APPROVED), "{xml}");
    assert!(!xml.contains("<cardNo>") && !xml.contains("<cvv>"), "{xml}");
    assert!(xml.contains(&format!("<cardId>{token}</cardId>")), "{xml}");
    assert!(
        xml.contains("<cardExpiration>1230</cardExpiration>"),
        "{xml}"
    );
    // A real deal: refunded like any other.
    processor
        .refund(&refund("ref_saved", &again.transaction_ref, 500))
        .await
        .unwrap();
    assert_eq!(double.charges()[1].refunded_minor, 500);
}

#[tokio::test]
async fn a_charge_not_saving_the_card_keeps_no_token() {
    let double = double().await;
    let processor = connector(&double);

    let approval = approved(&processor, &shekels(cards::APPROVED)).await;

    assert_eq!(approval.gateway_token, None);
}

#[tokio::test]
async fn a_shopper_paying_with_a_saved_card_sends_the_token_and_the_fresh_cvv() {
    let double = double().await;
    let processor = connector(&double);
    let token = approved(&processor, &shekels(cards::APPROVED).save_on_file())
        .await
        .gateway_token
        .unwrap();

    let again = shekels(cards::APPROVED)
        .for_invoice("inv_again", 1)
        .customer_on_file(Some(&token));
    let approval = approved(&processor, &again).await;

    assert_eq!(approval.security_code, SecurityCodeResult::Match);
    let second = &double.charges()[1];
    assert!(!second.card_number_sent);
    assert!(second.cvv_sent);
}

#[tokio::test]
async fn a_merchant_initiated_charge_without_a_token_sends_the_card_and_no_cvv() {
    let double = double().await;
    let processor = connector(&double);
    let later = shekels(cards::APPROVED).merchant_initiated(ChargeReason::Unscheduled, None);

    let result = processor.charge(&later.request()).await;

    // The double's terminal, like many, demands the CVV with a card number.
    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "security_code_required"
        })
    );
    let xml = &deals_sent(&double)[0];
    assert!(
        xml.contains("<cardNo>") && xml.contains("<cvv>0</cvv>"),
        "{xml}"
    );
}

#[tokio::test]
async fn an_unknown_card_id_is_refused_and_charges_nothing() {
    let double = double().await;
    let processor = connector(&double);
    let later = shekels(cards::APPROVED)
        .merchant_initiated(ChargeReason::Recurring, Some("1012163999994580"));

    let result = processor.charge(&later.request()).await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "unknown_gateway_token"
        })
    );
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn a_token_that_is_not_a_card_id_is_refused_before_any_request() {
    let double = double().await;
    let processor = connector(&double);
    let later =
        shekels(cards::APPROVED).merchant_initiated(ChargeReason::Recurring, Some("cus_1/pm_2"));

    let result = processor.charge(&later.request()).await;

    assert_eq!(
        result,
        Err(ProcessorError::Rejected {
            code: "invalid_gateway_token"
        })
    );
    assert!(double.control().requests().is_empty());
}

// The double is as strict as the relay: raw requests.

/// A raw relay call: the form fields, the answer's body.
async fn relay(double: &CreditGuardDouble, user: &str, password: &str, xml: &str) -> String {
    reqwest::Client::new()
        .post(double.base_url())
        .form(&[("user", user), ("password", password), ("int_in", xml)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A `doDeal` for 15.00 ILS on the approving card, with `changes` applied:
/// `(element, Some(value))` replaces or adds, `(element, None)` removes.
fn deal(changes: &[(&str, Option<&str>)]) -> String {
    let mut elements = vec![
        ("terminalNumber", TERMINAL.to_owned()),
        ("cardNo", cards::APPROVED.to_owned()),
        ("cardExpiration", "1230".to_owned()),
        ("cvv", "123".to_owned()),
        ("id", HOLDER_ID.to_owned()),
        ("total", "1500".to_owned()),
        ("transactionType", "Debit".to_owned()),
        ("creditType", "RegularCredit".to_owned()),
        ("currency", "ILS".to_owned()),
        ("transactionCode", "Internet".to_owned()),
        ("validation", "AutoComm".to_owned()),
        ("user", "raw-test".to_owned()),
    ];
    for (name, value) in changes {
        elements.retain(|(element, _)| element != name);
        if let Some(value) = value {
            elements.push((name, (*value).to_owned()));
        }
    }
    let body: String = elements
        .iter()
        .map(|(name, value)| format!("<{name}>{value}</{name}>"))
        .collect();
    format!(
        "<ashrait><request><version>2000</version><language>ENG</language><command>doDeal</command><requestId/><doDeal>{body}</doDeal></request></ashrait>"
    )
}

fn result(answer: &str) -> &str {
    answer
        .split_once("<result>")
        .and_then(|(_, rest)| rest.split_once("</result>"))
        .map_or("", |(code, _)| code)
}

#[tokio::test]
async fn the_double_approves_a_well_formed_deal() {
    let double = double().await;
    let answer = relay(&double, USER, PASSWORD, &deal(&[])).await;
    assert_eq!(result(&answer), "000", "{answer}");
    assert!(answer.contains("<authNumber>"), "{answer}");
    assert!(
        !answer.contains(cards::APPROVED),
        "the answer masks the card"
    );
    assert_eq!(double.charges().len(), 1);
}

#[tokio::test]
async fn the_double_refuses_bad_credentials_with_405() {
    let double = double().await;
    assert_eq!(
        result(&relay(&double, USER, "wrong", &deal(&[])).await),
        "405"
    );
    assert_eq!(result(&relay(&double, "", "", &deal(&[])).await), "405");
    let other_terminal = deal(&[("terminalNumber", Some("0000000"))]);
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &other_terminal).await),
        "405"
    );
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_refuses_missing_fields_with_their_codes() {
    let double = double().await;
    let cases = [
        ("cardNo", "061"),
        ("id", "057"),
        ("cvv", "058"),
        ("total", "300"),
        ("transactionType", "062"),
        ("transactionCode", "063"),
        ("creditType", "064"),
        ("currency", "065"),
        ("validation", "300"),
    ];
    for (field, code) in cases {
        let answer = relay(&double, USER, PASSWORD, &deal(&[(field, None)])).await;
        assert_eq!(result(&answer), code, "without {field}: {answer}");
    }
    assert!(double.charges().is_empty());
}

#[tokio::test]
async fn the_double_refuses_wrong_formats() {
    let double = double().await;
    let cases: [(&str, &str, &str); 9] = [
        ("total", "15.00", "300"),
        ("total", "0", "300"),
        ("cardExpiration", "12/30", "300"),
        ("cardNo", "4580458045804581", "039"),
        ("id", "123456789", "006"),
        ("id", "12345678", "006"),
        ("currency", "XYZ", "065"),
        ("user", "a-user-field-longer-than-19", "300"),
        ("cardExpiration", "0120", "036"),
    ];
    for (field, value, code) in cases {
        let answer = relay(&double, USER, PASSWORD, &deal(&[(field, Some(value))])).await;
        assert_eq!(result(&answer), code, "{field}={value}: {answer}");
    }
    let version = deal(&[]).replace("<version>2000</version>", "<version>1001</version>");
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &version).await),
        "300"
    );
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, "<ashrait><request>").await),
        "300"
    );
    // Only the expired card reached the card check.
    assert_eq!(double.charges().len(), 1);
}

#[tokio::test]
async fn the_double_refuses_installments_that_do_not_add_up() {
    let double = double().await;
    let payments = [("creditType", Some("Payments"))];
    let missing = relay(&double, USER, PASSWORD, &deal(&payments)).await;
    assert_eq!(result(&missing), "037");
    let wrong_sum = deal(&[
        ("creditType", Some("Payments")),
        ("numberOfPayments", Some("2")),
        ("firstPayment", Some("500")),
        ("periodicalPayment", Some("400")),
    ]);
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &wrong_sum).await),
        "037"
    );
    let regular_with_payments = deal(&[("firstPayment", Some("500"))]);
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &regular_with_payments).await),
        "066"
    );
    let right = deal(&[
        ("creditType", Some("Payments")),
        ("numberOfPayments", Some("2")),
        ("firstPayment", Some("500")),
        ("periodicalPayment", Some("500")),
    ]);
    assert_eq!(result(&relay(&double, USER, PASSWORD, &right).await), "000");
    assert_eq!(double.charges()[0].installments, 3);
}

#[tokio::test]
async fn the_double_refuses_malformed_credit_deals() {
    let double = double().await;
    let credit = ("creditType", Some("SpecialCredit"));
    type Changes<'a> = &'a [(&'a str, Option<&'a str>)];
    let cases: [(Changes<'_>, &str); 7] = [
        (&[credit], "037"),
        (&[credit, ("numberOfPayments", Some("2"))], "037"),
        (&[credit, ("numberOfPayments", Some("19"))], "037"),
        (&[credit, ("numberOfPayments", Some("twelve"))], "037"),
        (
            &[
                credit,
                ("numberOfPayments", Some("12")),
                ("firstPayment", Some("125")),
            ],
            "066",
        ),
        (
            &[
                credit,
                ("numberOfPayments", Some("12")),
                ("periodicalPayment", Some("125")),
            ],
            "066",
        ),
        // `Credit` is a transaction type (a refund), not a credit type.
        (
            &[
                ("creditType", Some("Credit")),
                ("numberOfPayments", Some("12")),
            ],
            "064",
        ),
    ];
    for (changes, code) in cases {
        let answer = relay(&double, USER, PASSWORD, &deal(changes)).await;
        assert_eq!(result(&answer), code, "{changes:?}: {answer}");
    }
    assert!(double.charges().is_empty());

    let right = deal(&[credit, ("numberOfPayments", Some("12"))]);
    assert_eq!(result(&relay(&double, USER, PASSWORD, &right).await), "000");
    let charges = double.charges();
    assert_eq!(charges[0].credit_type, "SpecialCredit");
    assert_eq!(charges[0].installments, 12);
}

#[tokio::test]
async fn the_double_finds_deals_by_user_and_refuses_refunds_above_what_remains() {
    let double = double().await;
    let answer = relay(&double, USER, PASSWORD, &deal(&[])).await;
    let tran_id = double.charges()[0].tran_id.clone();
    assert!(answer.contains(&format!("<tranId>{tran_id}</tranId>")));

    let inquiry = format!(
        "<ashrait><request><version>2000</version><language>ENG</language><command>inquireTransactions</command><inquireTransactions><terminalNumber>{TERMINAL}</terminalNumber><user>raw-test</user></inquireTransactions></request></ashrait>"
    );
    let found = relay(&double, USER, PASSWORD, &inquiry).await;
    assert_eq!(result(&found), "000");
    assert!(
        found.contains(&format!("<tranId>{tran_id}</tranId>")),
        "{found}"
    );

    let refund = |total: &str| {
        format!(
            "<ashrait><request><version>2000</version><language>ENG</language><command>refundDeal</command><refundDeal><terminalNumber>{TERMINAL}</terminalNumber><tranId>{tran_id}</tranId><total>{total}</total></refundDeal></request></ashrait>"
        )
    };
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &refund("1000")).await),
        "000"
    );
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &refund("501")).await),
        "311"
    );
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &refund("500")).await),
        "000"
    );
    assert_eq!(double.charges()[0].refunded_minor, 1_500);
    let unknown = refund("1").replace(&tran_id, "1");
    assert_eq!(
        result(&relay(&double, USER, PASSWORD, &unknown).await),
        "310"
    );
}

fn card_id(answer: &str) -> &str {
    answer
        .split_once("<cardId>")
        .and_then(|(_, rest)| rest.split_once("</cardId>"))
        .map_or("", |(card_id, _)| card_id)
}

#[tokio::test]
async fn the_double_issues_card_ids_and_charges_only_those_it_issued() {
    let double = double().await;
    let first = relay(&double, USER, PASSWORD, &deal(&[])).await;
    let token = card_id(&first).to_owned();
    assert_eq!(token.len(), 16, "{first}");
    assert!(token.ends_with("4580"), "{token}");

    let by_token = deal(&[
        ("cardNo", None),
        ("cvv", None),
        ("id", None),
        ("cardId", Some(&token)),
    ]);
    let again = relay(&double, USER, PASSWORD, &by_token).await;
    let unknown = deal(&[("cardNo", None), ("cardId", Some("1012163900004580"))]);
    let unknown = relay(&double, USER, PASSWORD, &unknown).await;
    let both = relay(&double, USER, PASSWORD, &deal(&[("cardId", Some(&token))])).await;
    let no_expiry = deal(&[
        ("cardNo", None),
        ("cardExpiration", None),
        ("cardId", Some(&token)),
    ]);
    let no_expiry = relay(&double, USER, PASSWORD, &no_expiry).await;
    let bad_cvv = deal(&[
        ("cardNo", None),
        ("cvv", Some("12")),
        ("cardId", Some(&token)),
    ]);
    let bad_cvv = relay(&double, USER, PASSWORD, &bad_cvv).await;

    assert_eq!(result(&again), "000", "{again}");
    assert_eq!(card_id(&again), token);
    assert_eq!(result(&unknown), "300", "{unknown}");
    assert!(unknown.contains("<additionalInfo>cardId</additionalInfo>"));
    assert_eq!(result(&both), "300", "{both}");
    assert!(both.contains("<additionalInfo>cardNo</additionalInfo>"));
    assert_eq!(result(&no_expiry), "300", "{no_expiry}");
    assert_eq!(result(&bad_cvv), "006", "{bad_cvv}");
    let charges = double.charges();
    assert_eq!(charges.len(), 2, "only the two approved deals");
    assert!(charges[0].card_number_sent && !charges[1].card_number_sent);
}

#[tokio::test]
async fn the_double_issues_no_card_id_for_a_declined_deal() {
    let double = double().await;
    let answer = relay(
        &double,
        USER,
        PASSWORD,
        &deal(&[("cardNo", Some(cards::REFUSED))]),
    )
    .await;
    assert_eq!(result(&answer), "004");
    assert_eq!(card_id(&answer), "");
    assert_eq!(double.charges()[0].card_id, None);
}

// Manual capture: a J5 authorization, captured or cancelled later.

/// A manual-capture charge of 15.00 ILS on `number`, for `inv_manual`.
fn authorization(number: &str) -> Charge {
    let mut charge = shekels(number).for_invoice("inv_manual", 1);
    charge.capture = Capture::Manual;
    charge
}

fn capture_of(transaction_ref: &str, amount_minor: i64) -> CaptureRequest<'_> {
    CaptureRequest {
        invoice_id: "inv_manual",
        transaction_ref,
        amount_minor,
        authorized_minor: 1_500,
        currency: Currency::from_code("ILS").unwrap(),
        now_unix_ms: support::NOW,
    }
}

fn void_of(transaction_ref: &str) -> VoidRequest<'_> {
    VoidRequest {
        invoice_id: "inv_manual",
        transaction_ref,
        authorized_minor: 1_500,
        currency: Currency::from_code("ILS").unwrap(),
        now_unix_ms: support::NOW,
    }
}

/// The `int_in` of every request of `command` the double received.
fn commands_sent(double: &CreditGuardDouble, command: &str) -> Vec<String> {
    double
        .control()
        .requests()
        .iter()
        .map(|request| int_in(&request.body))
        .filter(|xml| xml.contains(&format!("<command>{command}</command>")))
        .collect()
}

#[tokio::test]
async fn a_manual_capture_charge_is_a_j5_deal_that_takes_nothing() {
    let double = double().await;
    let processor = connector(&double);
    assert!(processor.supports_manual_capture());

    let approval = approved(&processor, &authorization(cards::APPROVED)).await;

    assert_eq!(approval.transaction_ref, "kassa-inv_manual-1");
    assert_eq!(approval.authorization_code.len(), 7);
    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].validation, "Verify");
    assert_eq!(charges[0].captured_minor, None);
    let xml = &commands_sent(&double, "doDeal")[0];
    for element in [
        "<validation>Verify</validation>",
        "<transactionType>Debit</transactionType>",
        "<cardExpiration>1230</cardExpiration>",
        "<total>1500</total>",
        &format!("<id>{HOLDER_ID}</id>"),
    ] {
        assert!(xml.contains(element), "{element} missing from the J5");
    }
}

#[tokio::test]
async fn a_full_capture_charges_the_authorization_by_its_cg_uid_without_the_card() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;

    let captured = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();

    let charges = double.charges();
    assert_eq!(charges.len(), 2);
    assert_eq!(charges[0].captured_minor, Some(1_500));
    assert_eq!(charges[1].validation, "AutoComm");
    assert_eq!(charges[1].amount_minor, 1_500);
    assert_eq!(charges[1].cg_uid, charges[0].cg_uid);
    assert_eq!(captured.capture_ref, charges[1].tran_id);
    let xml = &commands_sent(&double, "doDeal")[1];
    assert!(xml.contains("<validation>AutoComm</validation>"), "{xml}");
    assert!(xml.contains(&format!("<cgUid>{}</cgUid>", charges[0].cg_uid)));
    assert!(xml.contains("<authNumber>"), "{xml}");
    for absent in ["<cardNo>", "<cardId>", "<cvv>", "<cardExpiration>", "<id>"] {
        assert!(!xml.contains(absent), "{absent} sent with the capture");
    }
    assert!(!xml.contains(cards::APPROVED));
}

#[tokio::test]
async fn a_partial_capture_takes_less_and_a_refund_gives_back_only_what_was_taken() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;

    processor
        .capture(&capture_of(&approval.transaction_ref, 1_000))
        .await
        .unwrap();
    let refunded = processor
        .refund(&refund("ref_manual_1", &approval.transaction_ref, 1_000))
        .await;
    let beyond = processor
        .refund(&refund("ref_manual_2", &approval.transaction_ref, 1))
        .await;

    let charges = double.charges();
    assert_eq!(charges[0].captured_minor, Some(1_000));
    assert_eq!(charges[1].amount_minor, 1_000);
    assert!(refunded.is_ok(), "{refunded:?}");
    assert_eq!(charges[1].refunded_minor, 1_000);
    assert_eq!(charges[0].refunded_minor, 0, "the J5 itself took nothing");
    assert!(
        matches!(beyond, Err(ProcessorError::Rejected { .. })),
        "{beyond:?}"
    );
}

#[tokio::test]
async fn a_partial_capture_of_installments_splits_the_captured_total_again() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = authorization(cards::APPROVED);
    charge.installments = 3;
    let approval = approved(&processor, &charge).await;

    processor
        .capture(&capture_of(&approval.transaction_ref, 1_000))
        .await
        .unwrap();

    let capture = &double.charges()[1];
    assert_eq!(capture.installments, 3);
    assert_eq!(capture.first_payment_minor, Some(334));
    assert_eq!(capture.periodical_payment_minor, Some(333));
}

#[tokio::test]
async fn a_j5_in_credit_is_a_special_credit_deal_and_its_capture_keeps_the_credit_plan() {
    let double = double().await;
    let processor = connector(&double);
    let mut charge = authorization(cards::APPROVED);
    charge.installments = 12;
    charge.installment_kind = InstallmentKind::Credit;
    let approval = approved(&processor, &charge).await;

    processor
        .capture(&capture_of(&approval.transaction_ref, 1_000))
        .await
        .unwrap();

    let charges = double.charges();
    assert_eq!(charges.len(), 2);
    for (deal, validation) in charges.iter().zip(["Verify", "AutoComm"]) {
        assert_eq!(deal.validation, validation);
        assert_eq!(deal.credit_type, "SpecialCredit");
        assert_eq!(deal.installments, 12);
        assert_eq!(deal.first_payment_minor, None);
        assert_eq!(deal.periodical_payment_minor, None);
    }
    assert_eq!(charges[1].amount_minor, 1_000);
    let xml = &commands_sent(&double, "doDeal")[1];
    assert!(
        xml.contains("<creditType>SpecialCredit</creditType>"),
        "{xml}"
    );
    assert!(
        xml.contains("<numberOfPayments>12</numberOfPayments>"),
        "{xml}"
    );
}

#[tokio::test]
async fn capturing_more_than_was_authorized_is_refused_before_any_capture() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;

    let above_request = processor
        .capture(&capture_of(&approval.transaction_ref, 1_501))
        .await;
    // Even if Kassa's record said more, the J5 holds what it holds.
    let mut above_j5 = capture_of(&approval.transaction_ref, 1_600);
    above_j5.authorized_minor = 2_000;
    let above_j5 = processor.capture(&above_j5).await;

    let too_large = Err(ProcessorError::Rejected {
        code: "amount_too_large",
    });
    assert_eq!(above_request, too_large);
    assert_eq!(above_j5, too_large);
    assert_eq!(commands_sent(&double, "doDeal").len(), 1, "only the J5");
    assert_eq!(double.charges()[0].captured_minor, None);
}

#[tokio::test]
async fn a_capture_asked_again_answers_the_first_and_takes_nothing_more() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;

    let first = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();
    let again = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();
    let other_amount = processor
        .capture(&capture_of(&approval.transaction_ref, 1_000))
        .await;

    assert_eq!(first, again);
    assert_eq!(
        other_amount,
        Err(ProcessorError::Rejected {
            code: "authorization_not_capturable"
        })
    );
    assert_eq!(double.charges().len(), 2, "one J5, one capture");
    assert_eq!(commands_sent(&double, "doDeal").len(), 2);
}

#[tokio::test]
async fn a_lost_capture_answer_is_looked_up_and_never_captured_twice() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;
    double
        .control()
        .fail_next_with_body(RELAY, "doDeal", Fault::ServerErrorAfterProcessing);

    let captured = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();
    let again = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();

    let charges = double.charges();
    assert_eq!(charges.len(), 2);
    assert_eq!(captured.capture_ref, charges[1].tran_id);
    assert_eq!(again, captured);
}

#[tokio::test]
async fn a_capture_that_never_arrived_is_unavailable_and_may_be_asked_again() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;
    double
        .control()
        .fail_next_with_body(RELAY, "doDeal", Fault::ServerError);

    let first = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await;
    assert_eq!(double.charges()[0].captured_minor, None);
    let retried = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await;

    assert_eq!(first, Err(ProcessorError::Unavailable));
    assert!(retried.is_ok(), "{retried:?}");
    assert_eq!(double.charges().len(), 2);
}

#[tokio::test]
async fn a_void_cancels_the_j5_and_a_void_asked_again_is_done() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;

    let voided = processor.void(&void_of(&approval.transaction_ref)).await;
    let again = processor.void(&void_of(&approval.transaction_ref)).await;
    let capture = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await;

    assert_eq!(voided, Ok(()));
    assert_eq!(again, Ok(()));
    assert_eq!(
        capture,
        Err(ProcessorError::Rejected {
            code: "authorization_not_capturable"
        })
    );
    let charges = double.charges();
    assert_eq!(charges.len(), 1);
    assert!(charges[0].cancelled);
    let cancels = commands_sent(&double, "cancelDeal");
    assert_eq!(cancels.len(), 1, "cancelled once");
    assert!(cancels[0].contains(&format!("<tranId>{}</tranId>", charges[0].tran_id)));
}

#[tokio::test]
async fn a_lost_void_answer_is_looked_up() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;
    double
        .control()
        .fail_next_with_body(RELAY, "cancelDeal", Fault::Malformed);

    let voided = processor.void(&void_of(&approval.transaction_ref)).await;

    assert_eq!(voided, Ok(()));
    assert!(double.charges()[0].cancelled);
}

#[tokio::test]
async fn a_captured_authorization_cannot_be_voided() {
    let double = double().await;
    let processor = connector(&double);
    let approval = approved(&processor, &authorization(cards::APPROVED)).await;
    processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await
        .unwrap();

    let voided = processor.void(&void_of(&approval.transaction_ref)).await;

    assert_eq!(
        voided,
        Err(ProcessorError::Rejected {
            code: "authorization_not_voidable"
        })
    );
    assert!(commands_sent(&double, "cancelDeal").is_empty());
}

#[tokio::test]
async fn an_automatic_charge_or_an_unknown_one_is_no_authorization() {
    let double = double().await;
    let processor = connector(&double);
    let charge = shekels(cards::APPROVED).for_invoice("inv_manual", 1);
    let approval = approved(&processor, &charge).await;

    let capture = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await;
    let void = processor.void(&void_of(&approval.transaction_ref)).await;
    let unknown = processor
        .capture(&capture_of("kassa-inv_nowhere-1", 1_500))
        .await;

    assert_eq!(
        capture,
        Err(ProcessorError::Rejected {
            code: "authorization_not_capturable"
        })
    );
    assert_eq!(
        void,
        Err(ProcessorError::Rejected {
            code: "authorization_not_voidable"
        })
    );
    assert_eq!(
        unknown,
        Err(ProcessorError::Rejected {
            code: "unknown_charge"
        })
    );
    assert_eq!(commands_sent(&double, "doDeal").len(), 1);
}

#[tokio::test]
async fn a_lost_authorization_settles_as_succeeded_and_can_be_captured() {
    let double = double().await;
    let processor = connector(&double);
    let charge = authorization(cards::APPROVED);
    double
        .control()
        .fail_next(RELAY, Fault::ServerErrorAfterProcessing);
    let pending = pending(&processor, &charge).await;

    let settled = processor.settle(&pending, support::NOW).await.unwrap();
    let Some(Settlement::Succeeded(approval)) = settled else {
        panic!("expected a success, got {settled:?}");
    };
    let captured = processor
        .capture(&capture_of(&approval.transaction_ref, 1_500))
        .await;

    assert!(captured.is_ok(), "{captured:?}");
    assert_eq!(double.charges()[0].captured_minor, Some(1_500));
}

// The double's J5 rules, with raw relay requests.

fn cg_uid(answer: &str) -> &str {
    answer
        .split_once("<cgUid>")
        .and_then(|(_, rest)| rest.split_once("</cgUid>"))
        .map_or("", |(cg_uid, _)| cg_uid)
}

/// A capture of `total` for the J5 `cg_uid`, with `changes` applied.
fn capture_deal(cg_uid: &str, total: &str, changes: &[(&str, Option<&str>)]) -> String {
    let mut all: Vec<(&str, Option<&str>)> = vec![
        ("cardNo", None),
        ("cardExpiration", None),
        ("cvv", None),
        ("id", None),
        ("cgUid", Some(cg_uid)),
        ("total", Some(total)),
    ];
    all.extend_from_slice(changes);
    deal(&all)
}

#[tokio::test]
async fn the_double_takes_a_j5_only_with_the_fields_of_any_deal() {
    let double = double().await;
    let verify = |changes: &[(&str, Option<&str>)]| {
        let mut all = vec![("validation", Some("Verify"))];
        all.extend_from_slice(changes);
        deal(&all)
    };
    let no_id = relay(&double, USER, PASSWORD, &verify(&[("id", None)])).await;
    let no_cvv = relay(&double, USER, PASSWORD, &verify(&[("cvv", None)])).await;
    let no_card = relay(&double, USER, PASSWORD, &verify(&[("cardNo", None)])).await;
    let no_expiry = relay(
        &double,
        USER,
        PASSWORD,
        &verify(&[("cardExpiration", None)]),
    )
    .await;
    let no_total = relay(&double, USER, PASSWORD, &verify(&[("total", None)])).await;
    let unknown = relay(
        &double,
        USER,
        PASSWORD,
        &deal(&[("validation", Some("Hold"))]),
    )
    .await;
    let good = relay(&double, USER, PASSWORD, &verify(&[])).await;

    assert_eq!(result(&no_id), "057", "{no_id}");
    assert_eq!(result(&no_cvv), "058", "{no_cvv}");
    assert_eq!(result(&no_card), "061", "{no_card}");
    assert_eq!(result(&no_expiry), "300", "{no_expiry}");
    assert_eq!(result(&no_total), "300", "{no_total}");
    assert_eq!(result(&unknown), "300", "{unknown}");
    assert_eq!(result(&good), "000", "{good}");
    assert!(good.contains("<validation>Verify</validation>"), "{good}");
    assert_eq!(double.charges().len(), 1);
}

#[tokio::test]
async fn the_double_captures_a_j5_once_for_at_most_its_amount() {
    let double = double().await;
    let j5 = relay(
        &double,
        USER,
        PASSWORD,
        &deal(&[("validation", Some("Verify"))]),
    )
    .await;
    let held = cg_uid(&j5).to_owned();
    let token = card_id(&j5).to_owned();

    let unknown = relay(&double, USER, PASSWORD, &capture_deal("1", "1500", &[])).await;
    let above = relay(&double, USER, PASSWORD, &capture_deal(&held, "1501", &[])).await;
    let with_number = relay(
        &double,
        USER,
        PASSWORD,
        &capture_deal(&held, "1500", &[("cardNo", Some(cards::APPROVED))]),
    )
    .await;
    let other_token = relay(
        &double,
        USER,
        PASSWORD,
        &capture_deal(&held, "1500", &[("cardId", Some("1012163900004580"))]),
    )
    .await;
    let other_currency = relay(
        &double,
        USER,
        PASSWORD,
        &capture_deal(&held, "1500", &[("currency", Some("USD"))]),
    )
    .await;
    let wrong_auth = relay(
        &double,
        USER,
        PASSWORD,
        &capture_deal(&held, "1500", &[("authNumber", Some("0000000"))]),
    )
    .await;
    let no_total = relay(&double, USER, PASSWORD, &capture_deal(&held, "", &[])).await;
    let first = relay(
        &double,
        USER,
        PASSWORD,
        &capture_deal(&held, "1200", &[("cardId", Some(&token))]),
    )
    .await;
    let second = relay(&double, USER, PASSWORD, &capture_deal(&held, "300", &[])).await;

    assert_eq!(result(&unknown), "310", "{unknown}");
    assert_eq!(result(&above), "312", "{above}");
    assert_eq!(result(&with_number), "300", "{with_number}");
    assert!(with_number.contains("<additionalInfo>cardNo</additionalInfo>"));
    assert_eq!(result(&other_token), "300", "{other_token}");
    assert_eq!(result(&other_currency), "300", "{other_currency}");
    assert_eq!(result(&wrong_auth), "300", "{wrong_auth}");
    assert!(wrong_auth.contains("<additionalInfo>authNumber</additionalInfo>"));
    assert_eq!(result(&no_total), "300", "{no_total}");
    assert_eq!(result(&first), "000", "{first}");
    assert_eq!(cg_uid(&first), held);
    assert_eq!(result(&second), "313", "{second}");
    let charges = double.charges();
    assert_eq!(charges.len(), 2);
    assert_eq!(charges[0].captured_minor, Some(1_200));
}

#[tokio::test]
async fn the_double_cancels_only_open_deals_in_full_and_refunds_no_j5() {
    let double = double().await;
    let j5 = relay(
        &double,
        USER,
        PASSWORD,
        &deal(&[("validation", Some("Verify"))]),
    )
    .await;
    let tran_id = double.charges()[0].tran_id.clone();
    let held = cg_uid(&j5).to_owned();
    let cancel = |criteria: &str| {
        format!(
            "<ashrait><request><version>2000</version><language>ENG</language><command>cancelDeal</command><cancelDeal><terminalNumber>{TERMINAL}</terminalNumber>{criteria}</cancelDeal></request></ashrait>"
        )
    };
    let refund = format!(
        "<ashrait><request><version>2000</version><language>ENG</language><command>refundDeal</command><refundDeal><terminalNumber>{TERMINAL}</terminalNumber><tranId>{tran_id}</tranId><total>1500</total></refundDeal></request></ashrait>"
    );

    let refunded = relay(&double, USER, PASSWORD, &refund).await;
    let nothing = relay(&double, USER, PASSWORD, &cancel("")).await;
    let unknown = relay(&double, USER, PASSWORD, &cancel("<tranId>1</tranId>")).await;
    let part = relay(
        &double,
        USER,
        PASSWORD,
        &cancel(&format!("<tranId>{tran_id}</tranId><total>100</total>")),
    )
    .await;
    let cancelled = relay(
        &double,
        USER,
        PASSWORD,
        &cancel(&format!("<tranId>{tran_id}</tranId>")),
    )
    .await;
    let twice = relay(
        &double,
        USER,
        PASSWORD,
        &cancel(&format!("<tranId>{tran_id}</tranId>")),
    )
    .await;
    let captured = relay(&double, USER, PASSWORD, &capture_deal(&held, "1500", &[])).await;

    assert_eq!(result(&refunded), "310", "{refunded}");
    assert_eq!(result(&nothing), "300", "{nothing}");
    assert_eq!(result(&unknown), "310", "{unknown}");
    assert_eq!(result(&part), "300", "{part}");
    assert_eq!(result(&cancelled), "000", "{cancelled}");
    assert_eq!(result(&twice), "313", "{twice}");
    assert_eq!(result(&captured), "313", "{captured}");
    assert!(double.charges()[0].cancelled);

    let inquiry = format!(
        "<ashrait><request><version>2000</version><language>ENG</language><command>inquireTransactions</command><inquireTransactions><terminalNumber>{TERMINAL}</terminalNumber><cgUid>{held}</cgUid></inquireTransactions></request></ashrait>"
    );
    let found = relay(&double, USER, PASSWORD, &inquiry).await;
    assert!(
        found.contains("<transactionType code=\"52\">Cancel</transactionType>"),
        "{found}"
    );
    assert!(found.contains("<financialStatus>Cancelled</financialStatus>"));
}
