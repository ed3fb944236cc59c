//! A processor per merchant: choosing and changing it through the merchant
//! API, what the checkout asks when the gateway needs the holder's ID,
//! payments keeping the processor they were charged on, and charges whose
//! answer was lost (looked up, never charged twice).

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use kassa_processor::{
    Approval, AvsResult, ChargeOutcome, ChargeRequest, PendingCharge, Processor, ProcessorError,
    RefundConfirmation, RefundRequest, SecurityCodeResult, Settlement,
};
use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{Db, TestApp, answer, fresh_database, spawn_app_charging, test_settings};

async fn put_processor(app: &TestApp, body: &Value) -> (u16, Value) {
    answer(
        app.client
            .put(format!("{}/api/v1/merchant/processor", app.address))
            .bearer_auth(&app.merchant.api_key)
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn get_processor(app: &TestApp) -> (u16, Value) {
    answer(
        app.client
            .get(format!("{}/api/v1/merchant/processor", app.address))
            .bearer_auth(&app.merchant.api_key)
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn id_of(invoice: &Value) -> String {
    invoice["id"].as_str().unwrap().to_owned()
}

/// Settings for a gateway nobody listens on (port 9 on loopback): any
/// charge through it finds the gateway unreachable.
fn unreachable_stripe(secret: &str) -> Value {
    json!({"processor": "stripe", "config": {"base_url": "http://127.0.0.1:9", "secret_key": secret}})
}

both_databases! {
    async fn a_merchant_starts_on_the_test_processor_and_can_switch_without_its_credentials_ever_coming_back(app: TestApp) {
        let (status, body) = get_processor(&app).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body, json!({"processor": "test", "holder_id_required": false, "since": null}));

        let canary = "sk_test_CANARY4c0ffee";
        let (status, body) = put_processor(&app, &unreachable_stripe(canary)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["processor"], "stripe");
        assert_eq!(body["holder_id_required"], false);
        assert!(body["since"].as_i64().is_some());
        let (_, read) = get_processor(&app).await;
        assert_eq!(read["processor"], "stripe");
        assert!(!read.to_string().contains(canary) && !body.to_string().contains(canary));
        // Sealed at rest.
        assert!(!app.database_dump().await.contains(canary));
    }

    async fn processor_settings_that_are_not_the_gateways_are_refused_with_stable_codes_and_no_values(app: TestApp) {
        let cases = [
            (json!({"processor": "paypal", "config": {}}), "processor_config.unknown"),
            (json!({"processor": "icount", "config": {"base_url": "https://api.icount.co.il/api/v3.php", "cid": "c", "user": "u"}}), "processor_config.invalid"),
            (json!({"processor": "creditguard", "config": {"base_url": "https://cg.example/xpo/Relay", "user": "u", "password": 123_456_789, "terminal": "0962832"}}), "processor_config.invalid"),
            (json!({"processor": "stripe", "config": {"base_url": "https://api.stripe.com", "secret_key": "sk", "surprise": true}}), "processor_config.invalid"),
            (json!({"processor": "stripe", "config": {"base_url": "http://api.stripe.com", "secret_key": "sk_test_x"}}), "processor_config.insecure_url"),
        ];
        for (body, code) in cases {
            let (status, answer) = put_processor(&app, &body).await;
            assert_eq!(status, 400, "{body} -> {answer}");
            assert_eq!(answer["error"]["code"], code, "{body} -> {answer}");
            assert_eq!(answer["error"]["field"], "processor_config");
            assert!(!answer.to_string().contains("123456789"), "{answer}");
        }
        let (status, answer) = put_processor(&app, &json!({"processor": "stripe", "config": {"base_url": "https://api.stripe.com"}})).await;
        assert_eq!(status, 400);
        assert!(answer["error"]["message"].as_str().unwrap().contains("secret_key"), "the message names the missing field: {answer}");
        // Nothing changed.
        assert_eq!(get_processor(&app).await.1["processor"], "test");
    }

    async fn a_gateway_that_needs_the_holder_id_makes_the_checkout_ask_for_it_and_checks_it(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({"currency": "ILS"})).await);
        let view: Value = app.checkout(&id).await.json().await.unwrap();
        assert!(view.get("holder_id_required").is_none(), "not asked on the test processor: {view}");

        let (status, body) = put_processor(&app, &json!({"processor": "creditguard", "config": {
            "base_url": "http://127.0.0.1:9/xpo/Relay", "user": "u", "password": "p", "terminal": "0962832"}})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["holder_id_required"], true);
        let view: Value = app.checkout(&id).await.json().await.unwrap();
        assert_eq!(view["holder_id_required"], true);

        let (status, body) = answer(app.pay(&id, &TestApp::card("4580000000000000")).await).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["code"], "holder_id.required");
        assert_eq!(body["error"]["field"], "holder_id");
        let mut with_bad_id = TestApp::card("4580000000000000");
        with_bad_id["holder_id"] = json!("123456789");
        let (status, body) = answer(app.pay(&id, &with_bad_id).await).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["code"], "israeli_id.checksum");
    }

    async fn a_payment_keeps_the_processor_it_was_charged_on_for_its_refund(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!((status, body["status"].as_str()), (200, Some("succeeded")), "{body}");

        let (status, _) = put_processor(&app, &unreachable_stripe("sk_test_later")).await;
        assert_eq!(status, 200);
        // The refund goes to the processor that took the money.
        let refund = app.client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .bearer_auth(&app.merchant.api_key)
            .send().await.unwrap();
        let (status, body) = answer(refund).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["status"], "succeeded");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 1);

        // A new payment goes to the new one (unreachable here: nothing charged).
        let other = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = answer(app.pay(&other, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 502, "{body}");
        assert_eq!(body["error"]["code"], "processor.unavailable");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
        // Nothing was charged, so the shopper may try again at once.
        let view: Value = app.checkout(&other).await.json().await.unwrap();
        assert_eq!(view["status"], "open");
    }
}

/// A processor that never answers a charge in time. With `reaches`, the
/// charge reaches it first (a gateway that charged, then the answer was
/// lost); without, it never arrives. Its look-up tells which.
#[derive(Debug, Default)]
struct StallingProcessor {
    reaches: bool,
    charges: AtomicU32,
    /// The reference of every charge asked for, reaching or not.
    references: Mutex<Vec<String>>,
    charged: Mutex<HashSet<String>>,
    lookups: AtomicU32,
}

#[async_trait]
impl Processor for StallingProcessor {
    fn name(&self) -> &'static str {
        "test"
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        PendingCharge {
            transaction_ref: kassa_processor::charge_reference(request.invoice_id, request.attempt),
            settles_at_unix_ms: request.now_unix_ms,
            avs: AvsResult::Unavailable,
            security_code: SecurityCodeResult::NotProvided,
            processor_state: "look-up".into(),
        }
    }

    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        self.references
            .lock()
            .unwrap()
            .push(kassa_processor::charge_reference(
                request.invoice_id,
                request.attempt,
            ));
        if self.reaches {
            self.charges.fetch_add(1, Ordering::SeqCst);
            self.charged
                .lock()
                .unwrap()
                .insert(kassa_processor::charge_reference(
                    request.invoice_id,
                    request.attempt,
                ));
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
        Err(ProcessorError::Unavailable)
    }

    async fn settle(
        &self,
        pending: &PendingCharge,
        _now: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        self.lookups.fetch_add(1, Ordering::SeqCst);
        let charged = self
            .charged
            .lock()
            .unwrap()
            .contains(&pending.transaction_ref);
        Ok(Some(if charged {
            Settlement::Succeeded(Approval {
                gateway_token: None,
                authorization_code: "LOST01".into(),
                transaction_ref: pending.transaction_ref.clone(),
                avs: pending.avs,
                security_code: pending.security_code,
                three_d_secure: None,
            })
        } else {
            Settlement::NotCharged
        }))
    }

    async fn refund(
        &self,
        _request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        Err(ProcessorError::Unavailable)
    }
}

async fn stalling_app(db: Db, processor: Arc<StallingProcessor>) -> TestApp {
    let url = fresh_database(db).await;
    spawn_app_charging(db, &url, test_settings(&url), None, Some(processor)).await
}

async fn wait_until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..400 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting until {what}");
}

async fn a_charge_whose_answer_was_lost_is_looked_up_and_recorded_once(db: Db) {
    let processor = Arc::new(StallingProcessor {
        reaches: true,
        ..StallingProcessor::default()
    });
    let app = stalling_app(db, processor.clone()).await;
    let id = id_of(&app.create_invoice(json!({})).await);
    let (status, body) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(status, 504, "{body}");
    assert_eq!(body["error"]["code"], "processor.timeout");
    // Until it is looked up, nobody may pay again (no second charge).
    let (status, body) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(status, 409, "{body}");

    let paid = app.mock.wait_for_event(&id, "invoice.paid").await;
    assert_eq!(paid.json["invoice"]["authorization_code"], "LOST01");
    assert_eq!(paid.json["invoice"]["card"]["last4"], "4242");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let events: Vec<_> = app
        .mock
        .received()
        .into_iter()
        .filter(|event| event.json["invoice"]["id"] == id.as_str())
        .collect();
    assert_eq!(events.len(), 1, "one callback");
    assert_eq!(processor.charges.load(Ordering::SeqCst), 1, "one charge");
}

async fn a_charge_that_never_reached_the_processor_frees_the_invoice_without_a_callback(db: Db) {
    let processor = Arc::new(StallingProcessor::default());
    let app = stalling_app(db, processor.clone()).await;
    let id = id_of(&app.create_invoice(json!({})).await);
    let (status, _) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(status, 504);
    // Locked until the look-up: a second charge cannot start.
    let (status, body) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("payment.in_progress")),
        "{body}"
    );
    wait_until("the look-up freed the invoice", async || {
        processor.lookups.load(Ordering::SeqCst) > 0
    })
    .await;
    // Free again: the next payment starts a new charge (which stalls too),
    // under a reference of its own.
    let mut second = (0, Value::Null);
    for _ in 0..100 {
        second = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        if second.0 != 409 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(second.0, 504, "a new charge started: {}", second.1);
    let references = processor.references.lock().unwrap().clone();
    assert_eq!(references.len(), 2, "{references:?}");
    assert_ne!(
        references[0], references[1],
        "a charge's reference is never reused"
    );
    let view: Value = app.checkout(&id).await.json().await.unwrap();
    assert_eq!(view["status"], "open");
    assert_eq!(
        view["attempts_left"], 3,
        "a charge that never happened is not an attempt"
    );
    assert!(app.mock.received().is_empty());
    assert_eq!(processor.charges.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_charge_recorded_once_sqlite() {
    a_charge_whose_answer_was_lost_is_looked_up_and_recorded_once(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_charge_recorded_once_postgres() {
    a_charge_whose_answer_was_lost_is_looked_up_and_recorded_once(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_charge_never_made_frees_the_invoice_sqlite() {
    a_charge_that_never_reached_the_processor_frees_the_invoice_without_a_callback(Db::Sqlite)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_charge_never_made_frees_the_invoice_postgres() {
    a_charge_that_never_reached_the_processor_frees_the_invoice_without_a_callback(Db::Postgres)
        .await;
}
