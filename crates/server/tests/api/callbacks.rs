//! Callbacks: every state change reaches the merchant once, signed, with its
//! callback JSON byte for byte, through retries and restarts; states that
//! did not change send nothing.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kassa_server::signing::verify_callback_signature;
use serde_json::{Value, json};
use sqlx::Connection;

use crate::both_databases;
use crate::helpers::{Db, Received, TestApp, spawn_app_on, spawn_app_with, test_settings};

const APPROVED: &str = "4242424242424242";
const DECLINED: &str = "4000000000000002";
const LOST: &str = "4000000000009987";
const PENDING: &str = "4000000000003220";

/// Unix seconds now, as a merchant's clock reads them.
fn now_secs() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// Unix milliseconds now.
fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// Long enough for every retry the test settings schedule (at most 200 ms
/// apart) to have happened, so "nothing more arrived" means something.
async fn settle_down() {
    tokio::time::sleep(Duration::from_millis(600)).await;
}

/// Creates an invoice and returns its id.
async fn new_invoice(app: &TestApp) -> String {
    app.create_invoice(json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Pays `id` with `number`, asserting a 200, and returns the answer.
async fn pay_with(app: &TestApp, id: &str, number: &str) -> Value {
    let response = app.pay(id, &TestApp::card(number)).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

/// Creates an invoice and pays it with the approved test card.
async fn paid_invoice(app: &TestApp) -> String {
    let id = new_invoice(app).await;
    assert_eq!(pay_with(app, &id, APPROVED).await["status"], "succeeded");
    id
}

/// `POST /api/v1/invoices/{id}/cancel` with the API key and an optional
/// Idempotency-Key.
async fn cancel(app: &TestApp, id: &str, idempotency_key: Option<&str>) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/api/v1/invoices/{id}/cancel", app.address))
        .header("API-KEY", &app.merchant.api_key);
    if let Some(key) = idempotency_key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

async fn status_of(app: &TestApp, id: &str) -> Value {
    let invoice: Value = app.get_invoice(id).await.json().await.unwrap();
    invoice["status"].clone()
}

/// The callbacks of one kind received for one invoice.
fn of_kind(received: &[Received], invoice_id: &str, kind: &str) -> usize {
    received
        .iter()
        .filter(|r| r.json["invoice"]["id"] == invoice_id && r.json["type"] == kind)
        .count()
}

/// Runs a query on the test's database (SQLite reads `$1` as `?1`).
async fn query<T>(app: &TestApp, sql: &str, bind: &str) -> Vec<T>
where
    T: Send + Unpin,
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
    T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    match app.db {
        Db::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_as(&sql.replace('$', "?"))
                .bind(bind)
                .fetch_all(&mut connection)
                .await
                .unwrap()
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_as(sql)
                .bind(bind)
                .fetch_all(&mut connection)
                .await
                .unwrap()
        }
    }
}

/// Stops `app` and starts it again on the same database and merchant with
/// private callback targets refused: the check that matters is the one made
/// at delivery, since a host name can resolve elsewhere by then.
async fn restart_refusing_private_callbacks(app: TestApp) -> TestApp {
    let mut app = app;
    app.stop().await;
    let mut settings = test_settings(&app.database_url);
    settings.allow_private_callbacks = false;
    let existing = Some((app.merchant.clone(), app.mock.clone()));
    spawn_app_on(app.db, &app.database_url, settings, existing).await
}

/// Points the test merchant's callbacks somewhere else, straight in the
/// database (there is no HTTP route for merchant settings).
async fn set_callback_url(app: &TestApp, url: &str) {
    let sql = "UPDATE merchants SET callback_url = $1 WHERE id = $2";
    match app.db {
        Db::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            let sql = sql.replace('$', "?");
            sqlx::query(&sql)
                .bind(url)
                .bind(&app.merchant.merchant_id)
                .execute(&mut connection)
                .await
                .unwrap();
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query(sql)
                .bind(url)
                .bind(&app.merchant.merchant_id)
                .execute(&mut connection)
                .await
                .unwrap();
        }
    }
}

/// A write lock on one invoice's row, held by the test as a slow
/// transaction would hold it.
enum RowLock {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl RowLock {
    async fn hold(app: &TestApp, invoice_id: &str) -> RowLock {
        let sql = "UPDATE invoices SET updated_at = updated_at WHERE id = $1";
        match app.db {
            Db::Sqlite => {
                let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                    .await
                    .unwrap();
                sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut connection)
                    .await
                    .unwrap();
                sqlx::query(&sql.replace('$', "?"))
                    .bind(invoice_id)
                    .execute(&mut connection)
                    .await
                    .unwrap();
                RowLock::Sqlite(connection)
            }
            Db::Postgres => {
                let mut connection = sqlx::PgConnection::connect(&app.database_url)
                    .await
                    .unwrap();
                sqlx::query("BEGIN").execute(&mut connection).await.unwrap();
                sqlx::query(sql)
                    .bind(invoice_id)
                    .execute(&mut connection)
                    .await
                    .unwrap();
                RowLock::Postgres(connection)
            }
        }
    }

    async fn release(self) {
        match self {
            RowLock::Sqlite(mut connection) => {
                sqlx::query("ROLLBACK")
                    .execute(&mut connection)
                    .await
                    .unwrap();
            }
            RowLock::Postgres(mut connection) => {
                sqlx::query("ROLLBACK")
                    .execute(&mut connection)
                    .await
                    .unwrap();
            }
        }
    }
}

/// The outbox events for an invoice, oldest first: (id, kind).
async fn events_of(app: &TestApp, invoice_id: &str) -> Vec<(String, String)> {
    query(
        app,
        "SELECT id, kind FROM events WHERE invoice_id = $1 ORDER BY created_at, id",
        invoice_id,
    )
    .await
}

/// Every recorded delivery attempt for an invoice's events, oldest first:
/// (event id, HTTP status, error).
async fn deliveries_of(
    app: &TestApp,
    invoice_id: &str,
) -> Vec<(String, Option<i64>, Option<String>)> {
    query(
        app,
        "SELECT d.event_id, d.status_code, d.error FROM delivery_attempts d JOIN events e ON e.id = d.event_id
         WHERE e.invoice_id = $1 ORDER BY d.attempted_at, d.id",
        invoice_id,
    )
    .await
}

/// Waits until `count` delivery attempts are recorded for the invoice (the
/// server records one after the merchant has answered).
async fn wait_for_deliveries(
    app: &TestApp,
    invoice_id: &str,
    count: usize,
) -> Vec<(String, Option<i64>, Option<String>)> {
    for _ in 0..250 {
        let deliveries = deliveries_of(app, invoice_id).await;
        if deliveries.len() >= count {
            return deliveries;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "expected {count} delivery attempts, got {:?}",
        deliveries_of(app, invoice_id).await
    );
}

both_databases! {
    async fn a_paid_invoice_sends_one_signed_invoice_paid_callback_with_the_invoice_and_merchant_data(app: TestApp) {
        let before_ms = now_ms();
        let id = paid_invoice(&app).await;
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        let after_ms = now_ms();

        // Signed over the raw body with the merchant's secret, at about now.
        assert!(
            verify_callback_signature(&app.merchant.callback_secret, &callback.signature, callback.body.as_bytes(), now_secs(), 300),
            "signature {} does not verify",
            callback.signature
        );
        let timestamp: i64 = callback.signature.strip_prefix("t=").unwrap().split(',').next().unwrap().parse().unwrap();
        assert!((before_ms / 1000..=after_ms / 1000 + 1).contains(&timestamp), "t={timestamp}");

        // The header names the event the body carries.
        let event = &callback.json;
        assert!(callback.event_id.starts_with("evt_"), "{}", callback.event_id);
        assert_eq!(event["id"], callback.event_id.as_str());
        assert_eq!(event["type"], "invoice.paid");
        let created_at = event["created_at"].as_str().unwrap();
        assert!(
            created_at >= kassa_server::clock::rfc3339(before_ms - 1000).as_str()
                && created_at <= kassa_server::clock::rfc3339(after_ms + 1000).as_str(),
            "{created_at}"
        );

        let invoice = &event["invoice"];
        assert_eq!(invoice["id"], id.as_str());
        assert_eq!(invoice["status"], "paid");
        assert_eq!(invoice["amount"], "15.04");
        assert_eq!(invoice["amount_minor"], 1504);
        assert_eq!(invoice["currency"], "EUR");
        assert_eq!(invoice["card"]["masked"], "424242******4242");
        assert_eq!(invoice["card"]["brand"], "visa");
        let code = invoice["authorization_code"].as_str().unwrap();
        assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()), "{code}");
        assert_eq!(invoice["avs_result"], "U", "no billing address was given");
        assert_eq!(invoice["security_code_result"], "M");
        assert_eq!(event["merchant_data"], app.invoice_body(json!({}))["callbackJson"]);
        assert!(!callback.body.contains(APPROVED), "the full card number must never be sent");

        // The merchant API agrees with the callback.
        let read: Value = app.get_invoice(&id).await.json().await.unwrap();
        assert_eq!(read["status"], "paid");
        assert_eq!(read["authorization_code"], invoice["authorization_code"]);
        assert_eq!(read["card"], invoice["card"]);

        // Exactly once.
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1, "{:?}", app.mock.received());
        assert_eq!(app.mock.attempts(), 1);
    }

    async fn a_tampered_body_or_another_secret_does_not_verify(app: TestApp) {
        let id = paid_invoice(&app).await;
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        let secret = &app.merchant.callback_secret;
        let now = now_secs();
        assert!(verify_callback_signature(secret, &callback.signature, callback.body.as_bytes(), now, 300));

        let tampered = callback.body.replace("\"15.04\"", "\"1.04\"");
        assert_ne!(tampered, callback.body);
        assert!(!verify_callback_signature(secret, &callback.signature, tampered.as_bytes(), now, 300));
        let mut one_byte = callback.body.clone().into_bytes();
        let last = one_byte.len() - 1;
        one_byte[last - 1] ^= 1;
        assert!(!verify_callback_signature(secret, &callback.signature, &one_byte, now, 300));
        assert!(!verify_callback_signature("whsec_someone_else", &callback.signature, callback.body.as_bytes(), now, 300));
        assert!(!verify_callback_signature(&format!("{secret}x"), &callback.signature, callback.body.as_bytes(), now, 300));
        // Replayed long after it was signed.
        assert!(!verify_callback_signature(secret, &callback.signature, callback.body.as_bytes(), now + 3600, 300));
    }

    async fn merchant_data_is_echoed_byte_for_byte_from_the_raw_request(app: TestApp) {
        let raw = r#"{"z":1,"a":[1.50,2e3],"big":123456789012345678901234567890}"#;
        let text = format!(
            r#"{{"email":"shopper@example.com","amount":"15.04","currency":"EUR","success_url":"https://shop.example/success","cancel_url":"https://shop.example/cancel","pending_url":"https://shop.example/pending","failure_url":"https://shop.example/failure","callbackJson":{raw}}}"#
        );
        let response = app
            .client
            .post(format!("{}/api/v1/invoices", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .header("content-type", "application/json")
            .body(text)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        let created: Value = response.json().await.unwrap();
        let id = created["id"].as_str().unwrap();
        assert_eq!(pay_with(&app, id, APPROVED).await["status"], "succeeded");

        let callback = app.mock.wait_for_event(id, "invoice.paid").await;
        let (_, after) = callback.body.split_once("\"merchant_data\":").expect("a merchant_data member");
        assert!(after.starts_with(raw), "merchant_data was rewritten: {after}");
    }

    async fn a_failing_merchant_gets_the_same_event_until_it_accepts_it(app: TestApp) {
        app.mock.fail_next(3);
        let id = paid_invoice(&app).await;
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(callback.json["id"], callback.event_id.as_str());

        let deliveries = wait_for_deliveries(&app, &id, 4).await;
        settle_down().await;
        assert_eq!(app.mock.attempts(), 4);
        assert_eq!(app.mock.received().len(), 1, "delivered once");
        let deliveries_now = deliveries_of(&app, &id).await;
        assert_eq!(deliveries_now, deliveries, "no attempt after the delivery");
        // Every attempt carried the one event the merchant finally accepted.
        assert!(deliveries.iter().all(|(event_id, _, _)| *event_id == callback.event_id), "{deliveries:?}");
        let statuses: Vec<Option<i64>> = deliveries.iter().map(|(_, status, _)| *status).collect();
        assert_eq!(statuses, [Some(500), Some(500), Some(500), Some(204)]);
        // Backing off: at least half of 50, 100, 200 ms between attempts.
        let times: Vec<i64> = query::<(i64,)>(
            &app,
            "SELECT d.attempted_at FROM delivery_attempts d JOIN events e ON e.id = d.event_id
             WHERE e.invoice_id = $1 ORDER BY d.attempted_at, d.id",
            &id,
        )
        .await
        .into_iter()
        .map(|(at,)| at)
        .collect();
        let gaps: Vec<i64> = times.windows(2).map(|pair| pair[1] - pair[0]).collect();
        assert!(gaps[0] >= 25 && gaps[1] >= 50 && gaps[2] >= 100, "retried too soon: {gaps:?} ms");
        assert_eq!(events_of(&app, &id).await, [(callback.event_id.clone(), "invoice.paid".to_owned())]);
        assert!(
            verify_callback_signature(&app.merchant.callback_secret, &callback.signature, callback.body.as_bytes(), now_secs(), 300),
            "a retried callback is signed too"
        );
    }

    async fn an_undelivered_event_is_delivered_after_a_restart(app: TestApp) {
        let mut app = app;
        app.mock.fail_next(1_000_000);
        let id = paid_invoice(&app).await;
        for _ in 0..500 {
            if app.mock.attempts() >= 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(app.mock.attempts() >= 2, "the server should keep retrying");

        // Stop first, so the delivery below can only come from the new server.
        app.stop().await;
        app.mock.fail_next(0);
        let attempts_at_stop = app.mock.attempts();
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(app.mock.attempts(), attempts_at_stop, "a stopped server sends nothing");
        assert!(app.mock.received().is_empty());

        let app = app.restart().await;
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(callback.json["invoice"]["status"], "paid");
        assert!(verify_callback_signature(&app.merchant.callback_secret, &callback.signature, callback.body.as_bytes(), now_secs(), 300));
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
        assert_eq!(events_of(&app, &id).await, [(callback.event_id.clone(), "invoice.paid".to_owned())]);
    }

    async fn a_merchant_cancel_sends_invoice_canceled(app: TestApp) {
        let id = new_invoice(&app).await;
        let response = cancel(&app, &id, None).await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let canceled: Value = response.json().await.unwrap();
        assert_eq!(canceled["status"], "canceled");

        let callback = app.mock.wait_for_event(&id, "invoice.canceled").await;
        assert_eq!(callback.json["id"], callback.event_id.as_str());
        assert_eq!(callback.json["invoice"]["status"], "canceled");
        assert_eq!(callback.json["invoice"]["card"], Value::Null);
        assert_eq!(callback.json["merchant_data"], app.invoice_body(json!({}))["callbackJson"]);
        assert!(verify_callback_signature(&app.merchant.callback_secret, &callback.signature, callback.body.as_bytes(), now_secs(), 300));
        assert_eq!(status_of(&app, &id).await, "canceled");
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
    }

    async fn an_invoice_past_its_expiry_sends_invoice_expired_and_reads_as_expired(app: TestApp) {
        let id = new_invoice(&app).await;
        let untouched = new_invoice(&app).await;
        app.expire_now(&id).await;

        let callback = app.mock.wait_for_event(&id, "invoice.expired").await;
        assert_eq!(callback.json["id"], callback.event_id.as_str());
        assert_eq!(callback.json["invoice"]["status"], "expired");
        assert_eq!(callback.json["merchant_data"], app.invoice_body(json!({}))["callbackJson"]);
        assert_eq!(status_of(&app, &id).await, "expired");

        settle_down().await;
        assert_eq!(app.mock.received().len(), 1, "one expiry, and nothing for the invoice still open");
        assert_eq!(status_of(&app, &untouched).await, "open");
        // An expired invoice can no longer be canceled (410 Gone), and says
        // nothing more.
        let response = cancel(&app, &id, None).await;
        assert_eq!(response.status(), 410);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "invoice.expired");
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
    }

    async fn three_declines_send_one_invoice_failed_with_the_decline_code(app: TestApp) {
        let id = new_invoice(&app).await;
        let first = pay_with(&app, &id, DECLINED).await;
        assert_eq!(first["status"], "declined");
        assert_eq!(first["attempts_left"], 2);
        let second = pay_with(&app, &id, DECLINED).await;
        assert_eq!(second["status"], "declined");
        assert_eq!(second["attempts_left"], 1);
        let third = pay_with(&app, &id, DECLINED).await;
        assert_eq!(third["status"], "failed");

        let callback = app.mock.wait_for_event(&id, "invoice.failed").await;
        let invoice = &callback.json["invoice"];
        assert_eq!(invoice["status"], "failed");
        assert_eq!(invoice["decline_code"], "do_not_honour");
        assert_eq!(invoice["attempts"], 3);
        assert_eq!(invoice["authorization_code"], Value::Null);
        assert_eq!(invoice["card"]["masked"], "400000******0002");
        assert_eq!(status_of(&app, &id).await, "failed");
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1, "the first two declines changed nothing and send nothing");
        assert_eq!(app.mock.attempts(), 1);
    }

    async fn a_lost_card_fails_the_invoice_at_once_with_invoice_failed(app: TestApp) {
        let id = new_invoice(&app).await;
        assert_eq!(pay_with(&app, &id, LOST).await["status"], "failed");
        let callback = app.mock.wait_for_event(&id, "invoice.failed").await;
        assert_eq!(callback.json["invoice"]["decline_code"], "lost_card");
        assert_eq!(callback.json["invoice"]["attempts"], 1);
    }

    async fn a_decline_that_may_be_retried_sends_no_callback(app: TestApp) {
        let id = new_invoice(&app).await;
        let answer = pay_with(&app, &id, DECLINED).await;
        assert_eq!(answer["status"], "declined");
        settle_down().await;
        assert!(app.mock.received().is_empty(), "{:?}", app.mock.received());
        assert_eq!(app.mock.attempts(), 0);
        assert_eq!(status_of(&app, &id).await, "open");
        assert!(events_of(&app, &id).await.is_empty());

        // The outbox does work: the payment that follows is the first callback.
        assert_eq!(pay_with(&app, &id, APPROVED).await["status"], "succeeded");
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(callback.json["invoice"]["decline_code"], Value::Null);
        assert_eq!(callback.json["invoice"]["attempts"], 2);
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
        assert_eq!(app.mock.attempts(), 1);
    }

    async fn a_pending_payment_sends_invoice_pending_then_invoice_paid(app: TestApp) {
        let id = new_invoice(&app).await;
        let answer = pay_with(&app, &id, PENDING).await;
        assert_eq!(answer["status"], "pending");

        let paid = app.mock.wait_for_event(&id, "invoice.paid").await;
        let pending = app.mock.wait_for_event(&id, "invoice.pending").await;
        let received = app.mock.received();
        let kinds: Vec<&Value> = received.iter().map(|r| &r.json["type"]).collect();
        assert_eq!(kinds, ["invoice.pending", "invoice.paid"], "in the order the states changed");

        assert_eq!(pending.json["invoice"]["status"], "pending");
        assert_eq!(pending.json["invoice"]["authorization_code"], Value::Null);
        assert_eq!(paid.json["invoice"]["status"], "paid");
        assert!(paid.json["invoice"]["authorization_code"].is_string());
        assert_eq!(paid.json["invoice"]["card"]["masked"], "400000******3220");
        assert_eq!(paid.json["invoice"]["transaction_ref"], pending.json["invoice"]["transaction_ref"]);
        assert_eq!(paid.json["merchant_data"], app.invoice_body(json!({}))["callbackJson"]);
        for callback in [&pending, &paid] {
            assert!(verify_callback_signature(&app.merchant.callback_secret, &callback.signature, callback.body.as_bytes(), now_secs(), 300));
        }
        assert_eq!(status_of(&app, &id).await, "paid");
        settle_down().await;
        assert_eq!(of_kind(&app.mock.received(), &id, "invoice.paid"), 1);
        assert_eq!(of_kind(&app.mock.received(), &id, "invoice.pending"), 1);
    }

    async fn each_event_has_its_own_id(app: TestApp) {
        let pending_id = new_invoice(&app).await;
        assert_eq!(pay_with(&app, &pending_id, PENDING).await["status"], "pending");
        let pending = app.mock.wait_for_event(&pending_id, "invoice.pending").await;
        let paid = app.mock.wait_for_event(&pending_id, "invoice.paid").await;
        let other = paid_invoice(&app).await;
        let other_paid = app.mock.wait_for_event(&other, "invoice.paid").await;

        for callback in [&pending, &paid, &other_paid] {
            assert_eq!(callback.json["id"], callback.event_id.as_str());
        }
        assert_ne!(pending.event_id, paid.event_id);
        assert_ne!(paid.event_id, other_paid.event_id);
        assert_ne!(pending.event_id, other_paid.event_id);
        let stored: Vec<String> = events_of(&app, &pending_id).await.into_iter().map(|(id, _)| id).collect();
        assert_eq!(stored, [pending.event_id.clone(), paid.event_id.clone()]);
    }

    async fn canceling_a_paid_invoice_is_a_conflict_and_sends_nothing(app: TestApp) {
        let id = paid_invoice(&app).await;
        app.mock.wait_for_event(&id, "invoice.paid").await;
        let response = cancel(&app, &id, None).await;
        assert_eq!(response.status(), 409);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "invoice.paid");
        assert_eq!(status_of(&app, &id).await, "paid");
        settle_down().await;
        assert_eq!(of_kind(&app.mock.received(), &id, "invoice.canceled"), 0);
        assert_eq!(app.mock.received().len(), 1);
    }

    async fn canceling_twice_answers_409_the_second_time(app: TestApp) {
        let id = new_invoice(&app).await;
        let first = cancel(&app, &id, None).await;
        assert_eq!(first.status(), 200);
        let second = cancel(&app, &id, None).await;
        assert_eq!(second.status(), 409);
        let error: Value = second.json().await.unwrap();
        assert_eq!(error["error"]["code"], "invoice.canceled");
        app.mock.wait_for_event(&id, "invoice.canceled").await;
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1, "one change, one callback");
    }

    async fn a_cancel_replayed_with_its_idempotency_key_gets_the_same_answer(app: TestApp) {
        let id = new_invoice(&app).await;
        let first = cancel(&app, &id, Some("cancel-order-42")).await;
        assert_eq!(first.status(), 200);
        let first_body = first.text().await.unwrap();
        let second = cancel(&app, &id, Some("cancel-order-42")).await;
        assert_eq!(second.status(), 200, "a replay is not a second cancel");
        assert_eq!(second.headers().get("idempotent-replayed").map(|value| value.to_str().unwrap()), Some("true"));
        assert_eq!(second.text().await.unwrap(), first_body);
        let answer: Value = serde_json::from_str(&first_body).unwrap();
        assert_eq!(answer["status"], "canceled");

        // Without the key, it is a second cancel.
        assert_eq!(cancel(&app, &id, None).await.status(), 409);
        app.mock.wait_for_event(&id, "invoice.canceled").await;
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
    }

    async fn callbacks_to_private_addresses_are_refused_when_not_allowed(app: TestApp) {
        let app = restart_refusing_private_callbacks(app).await;
        let id = paid_invoice(&app).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(app.mock.received().is_empty(), "{:?}", app.mock.received());
        assert_eq!(app.mock.attempts(), 0, "the server must not even connect");
        // The worker did try, and recorded why it refused.
        let deliveries = deliveries_of(&app, &id).await;
        assert!(!deliveries.is_empty(), "the event should have been considered");
        for (_, status, error) in &deliveries {
            assert_eq!(*status, None);
            assert!(error.as_deref().unwrap_or_default().contains("private"), "{error:?}");
        }
    }

    async fn concurrent_cancels_with_one_idempotency_key_all_get_the_same_answer(app: TestApp) {
        let id = new_invoice(&app).await;
        // A slow database: hold the invoice's row while the cancels arrive, so
        // they really overlap instead of queueing behind the first.
        let lock = RowLock::hold(&app, &id).await;
        let mut requests = tokio::task::JoinSet::new();
        for _ in 0..4 {
            let request = app
                .client
                .post(format!("{}/api/v1/invoices/{id}/cancel", app.address))
                .header("API-KEY", &app.merchant.api_key)
                .header("Idempotency-Key", "cancel-once");
            requests.spawn(async move {
                let response = request.send().await.unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            });
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        lock.release().await;
        let seen = requests.join_all().await;
        assert!(seen.iter().all(|answer| *answer == seen[0]) && seen[0].0 == 200, "{seen:#?}");
        app.mock.wait_for_event(&id, "invoice.canceled").await;
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
    }

    async fn an_idempotency_key_reused_for_another_invoice_is_refused(app: TestApp) {
        let first = new_invoice(&app).await;
        let second = new_invoice(&app).await;
        assert_eq!(cancel(&app, &first, Some("cancel-key")).await.status(), 200);
        let response = cancel(&app, &second, Some("cancel-key")).await;
        assert_eq!(response.status(), 422);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "idempotency_key.reused");
        assert_eq!(status_of(&app, &second).await, "open");
        app.mock.wait_for_event(&first, "invoice.canceled").await;
        settle_down().await;
        assert_eq!(app.mock.received().len(), 1);
    }

    async fn a_shopper_cancel_sends_invoice_canceled(app: TestApp) {
        let id = new_invoice(&app).await;
        let response = app.client.post(format!("{}/api/v1/checkout/{id}/cancel", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let callback = app.mock.wait_for_event(&id, "invoice.canceled").await;
        assert_eq!(callback.json["invoice"]["status"], "canceled");
        assert_eq!(status_of(&app, &id).await, "canceled");
    }

    async fn canceling_a_pending_invoice_is_a_conflict_and_the_payment_still_completes(app: TestApp) {
        let id = new_invoice(&app).await;
        assert_eq!(pay_with(&app, &id, PENDING).await["status"], "pending");
        let response = cancel(&app, &id, None).await;
        assert_eq!(response.status(), 409);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "invoice.pending");
        app.mock.wait_for_event(&id, "invoice.paid").await;
        settle_down().await;
        assert_eq!(of_kind(&app.mock.received(), &id, "invoice.canceled"), 0);
    }

    async fn callbacks_to_a_host_name_that_resolves_to_loopback_are_refused_when_not_allowed(app: TestApp) {
        set_callback_url(&app, &app.mock.url.replace("127.0.0.1", "localhost")).await;
        let app = restart_refusing_private_callbacks(app).await;
        let id = paid_invoice(&app).await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(app.mock.attempts(), 0, "the server must not connect to localhost");
        let deliveries = deliveries_of(&app, &id).await;
        assert!(!deliveries.is_empty());
        assert!(deliveries.iter().all(|(_, status, error)| status.is_none() && error.as_deref().unwrap_or_default().contains("private")), "{deliveries:?}");
    }

    async fn merchant_data_keeps_whitespace_escapes_and_non_ascii_text(app: TestApp) {
        let raw = "{ \"note\" : \"caf\\u00e9 \u{2615}\",\n  \"n\": -0.0, \"e\": 1E+2, \"s\": \"a\\\"b\" }";
        let text = format!(
            r#"{{"email":"shopper@example.com","amount":"15.04","currency":"EUR","success_url":"https://shop.example/success","cancel_url":"https://shop.example/cancel","pending_url":"https://shop.example/pending","failure_url":"https://shop.example/failure","callbackJson":{raw}}}"#
        );
        let response = app
            .client
            .post(format!("{}/api/v1/invoices", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .header("content-type", "application/json")
            .body(text)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        let created: Value = response.json().await.unwrap();
        let id = created["id"].as_str().unwrap();
        assert_eq!(cancel(&app, id, None).await.status(), 200);

        let callback = app.mock.wait_for_event(id, "invoice.canceled").await;
        let (_, after) = callback.body.split_once("\"merchant_data\":").expect("a merchant_data member");
        assert!(after.starts_with(raw), "merchant_data was rewritten: {after}");
        assert_eq!(callback.json["merchant_data"]["note"], "caf\u{e9} \u{2615}");
        assert!(verify_callback_signature(&app.merchant.callback_secret, &callback.signature, callback.body.as_bytes(), now_secs(), 300));
    }

    async fn an_invoice_without_callback_json_sends_null_merchant_data(app: TestApp) {
        let mut body = app.invoice_body(json!({}));
        body.as_object_mut().unwrap().remove("callbackJson");
        let response = app.post_invoice(&body).await;
        assert_eq!(response.status(), 201);
        let created: Value = response.json().await.unwrap();
        let id = created["id"].as_str().unwrap();
        assert_eq!(pay_with(&app, id, APPROVED).await["status"], "succeeded");
        let callback = app.mock.wait_for_event(id, "invoice.paid").await;
        assert!(callback.body.contains("\"merchant_data\":null"), "{}", callback.body);
    }

    async fn a_merchant_failing_past_the_give_up_age_is_no_longer_called(app: TestApp) {
        let app = spawn_app_with(app.db, |settings| settings.callback_give_up_hours = 0).await;
        app.mock.fail_next(1);
        let id = paid_invoice(&app).await;
        wait_for_deliveries(&app, &id, 1).await;
        settle_down().await;
        assert_eq!(app.mock.attempts(), 1, "no retry once the event is too old");
        assert!(app.mock.received().is_empty());
        assert_eq!(deliveries_of(&app, &id).await.len(), 1);
    }
}
