//! Refunds: full and partial, the limits between them (also under
//! concurrency), the processor's refusals, idempotency, the
//! `refund.succeeded` callback, listing and reading refunds, and refunds
//! left pending by a process that died.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kassa_server::secrets::{SealingKey, api_key_hash};
use kassa_server::signing::verify_callback_signature;
use kassa_server::store::{MerchantRecord, RefundRecord, RefundReservation, Store};
use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer};

const VISA: &str = "4242424242424242";

/// A response's status and JSON body.
/// `POST /api/v1/invoices/{id}/refunds` with `body` and an optional key.
async fn refund(app: &TestApp, id: &str, body: &Value, key: Option<&str>) -> (u16, Value) {
    let mut request = app
        .client
        .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    answer(request.send().await.unwrap()).await
}

/// A paid invoice of 15.04 EUR.
async fn paid_invoice(app: &TestApp) -> String {
    let id = app.create_invoice(json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, body) = answer(app.pay(&id, &TestApp::card(VISA)).await).await;
    assert_eq!(
        (status, &body["status"]),
        (200, &json!("succeeded")),
        "{body}"
    );
    id
}

async fn invoice(app: &TestApp, id: &str) -> Value {
    let (status, body) = answer(app.get_invoice(id).await).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// A merchant-authenticated GET of `path`.
async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let response = app
        .client
        .get(format!("{}{path}", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// The server's database, opened a second time, as another process would.
async fn store(app: &TestApp) -> std::sync::Arc<dyn Store> {
    kassa_server::startup::connect_store(&app.database_url)
        .await
        .unwrap()
}

/// What a process that died after reserving a refund (and before recording
/// the processor's answer) leaves behind: a pending refund, its amount
/// reserved, its lease `lease_until`. With `key`, the request's
/// `Idempotency-Key` and `body` are bound to it as the server binds them.
async fn leave_pending_refund(
    app: &TestApp,
    invoice_id: &str,
    amount_minor: i64,
    lease_until: i64,
    key: Option<(&str, &str)>,
) -> String {
    let id = kassa_server::ids::new_id("ref");
    let sealing_key = SealingKey::from_hex(&"11".repeat(32)).unwrap();
    let request_hash = key.map(|(_, body)| {
        sealing_key
            .fingerprint(format!("POST /api/v1/invoices/{invoice_id}/refunds\0{body}").as_bytes())
    });
    let created_at = kassa_server::clock::now_ms() - 60_000;
    let record = RefundRecord {
        id: id.clone(),
        invoice_id: invoice_id.to_owned(),
        merchant_id: app.merchant.merchant_id.clone(),
        amount_minor,
        currency: "EUR".into(),
        status: "pending".into(),
        processor_ref: None,
        failure_code: None,
        idempotency_key: key.map(|(key, _)| key.to_owned()),
        request_hash,
        lease_until: Some(lease_until),
        created_at,
        updated_at: created_at,
    };
    let reserved = store(app).await.reserve_refund(&record).await.unwrap();
    assert_eq!(reserved, RefundReservation::Reserved);
    id
}

/// Reads a refund until it is no longer pending (at most 10 s).
async fn settled_refund(app: &TestApp, id: &str) -> Value {
    for _ in 0..500 {
        let (status, body) = get(app, &format!("/api/v1/refunds/{id}")).await;
        assert_eq!(status, 200, "{body}");
        if body["status"] != "pending" {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("refund {id} stayed pending");
}

fn now_secs() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

both_databases! {
    async fn a_refund_without_an_amount_refunds_everything(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (status, body) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 201, "{body}");
        assert!(body["id"].as_str().unwrap().starts_with("ref_"));
        assert_eq!(body["invoice_id"], id.as_str());
        assert_eq!(body["status"], "succeeded");
        assert_eq!(body["amount"], "15.04");
        assert_eq!(body["currency"], "EUR");
        assert_eq!(body["invoice"]["status"], "refunded");
        assert_eq!(body["invoice"]["refunded_amount"], "15.04");
        let stored = invoice(&app, &id).await;
        assert_eq!(stored["status"], "refunded");
        assert_eq!(stored["refunded_amount"], "15.04");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 1);
    }

    async fn an_empty_body_is_a_full_refund_too(app: TestApp) {
        let id = paid_invoice(&app).await;
        let response = app
            .client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .send()
            .await
            .unwrap();
        let (status, body) = answer(response).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["amount"], "15.04");
    }

    async fn a_partial_refund_leaves_the_invoice_partially_refunded(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (status, body) = refund(&app, &id, &json!({"amount": "5.00"}), None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["amount"], "5.00");
        assert_eq!(body["invoice"]["status"], "partially_refunded");
        assert_eq!(body["invoice"]["refunded_amount"], "5.00");
        assert_eq!(invoice(&app, &id).await["status"], "partially_refunded");
    }

    async fn a_partial_refund_then_the_rest_refunds_everything(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (status, first) = refund(&app, &id, &json!({"amount": 5}), None).await;
        assert_eq!(status, 201, "{first}");
        let (status, rest) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 201, "{rest}");
        assert_eq!(rest["amount"], "10.04");
        assert_ne!(first["id"], rest["id"], "each refund has its own id");
        assert_eq!(rest["invoice"]["status"], "refunded");
        assert_eq!(rest["invoice"]["refunded_amount"], "15.04");

        let (status, body) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "invoice.refunded");
        let (status, body) = refund(&app, &id, &json!({"amount": "0.01"}), None).await;
        assert_eq!((status, &body["error"]["code"]), (409, &json!("invoice.refunded")));
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 2);
    }

    async fn refunding_more_than_was_paid_is_a_conflict(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (status, body) = refund(&app, &id, &json!({"amount": "15.05"}), None).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "refund.exceeds_remaining");
        assert!(body["error"]["message"].as_str().unwrap().contains("15.04"));

        let (status, _) = refund(&app, &id, &json!({"amount": "10.00"}), None).await;
        assert_eq!(status, 201);
        let (status, body) = refund(&app, &id, &json!({"amount": "5.05"}), None).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "refund.exceeds_remaining");
        assert!(body["error"]["message"].as_str().unwrap().contains("5.04"));
        let (status, body) = refund(&app, &id, &json!({"amount": "5.04"}), None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["invoice"]["status"], "refunded");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 2, "refused refunds never reach the processor");
    }

    async fn a_malformed_amount_is_a_field_error(app: TestApp) {
        let id = paid_invoice(&app).await;
        for amount in [json!("0"), json!("-1.00"), json!("1.234"), json!("abc"), json!(true)] {
            let (status, body) = refund(&app, &id, &json!({"amount": amount}), None).await;
            assert_eq!(status, 400, "{amount}: {body}");
            assert_eq!(body["error"]["field"], "amount", "{body}");
            assert!(body["error"]["code"].as_str().unwrap().starts_with("amount."), "{body}");
        }
        let response = app
            .client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        let (status, body) = answer(response).await;
        assert_eq!((status, &body["error"]["code"]), (400, &json!("request.invalid_json")));
        assert_eq!(invoice(&app, &id).await["status"], "paid");
    }

    async fn an_unpaid_invoice_cannot_be_refunded(app: TestApp) {
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (status, body) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "invoice.open");
        let (status, body) = refund(&app, &id, &json!({"amount": "1.00"}), None).await;
        assert_eq!((status, &body["error"]["code"]), (409, &json!("invoice.open")));

        let canceled = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let response = app
            .client
            .post(format!("{}/api/v1/invoices/{canceled}/cancel", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let (status, body) = refund(&app, &canceled, &json!({}), None).await;
        assert_eq!((status, &body["error"]["code"]), (409, &json!("invoice.canceled")));

        let missing = format!("inv_{}", "0".repeat(32));
        let (status, body) = refund(&app, &missing, &json!({}), None).await;
        assert_eq!((status, &body["error"]["code"]), (404, &json!("invoice.not_found")));
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 0);
    }

    async fn a_refund_needs_the_merchants_key(app: TestApp) {
        let id = paid_invoice(&app).await;
        let response = app
            .client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        let response = app
            .client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .header("API-KEY", "sk_not_a_key")
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(invoice(&app, &id).await["status"], "paid");
    }

    async fn concurrent_refunds_never_together_exceed_what_was_paid(app: TestApp) {
        let id = paid_invoice(&app).await;
        // Ten refunds of 2.00 on 15.04: exactly seven fit.
        let mut requests = Vec::new();
        for _ in 0..10 {
            let client = app.client.clone();
            let url = format!("{}/api/v1/invoices/{id}/refunds", app.address);
            let api_key = app.merchant.api_key.clone();
            requests.push(tokio::spawn(async move {
                let response = client
                    .post(url)
                    .header("API-KEY", api_key)
                    .json(&json!({"amount": "2.00"}))
                    .send()
                    .await
                    .unwrap();
                answer(response).await
            }));
        }
        let mut succeeded = Vec::new();
        let mut refused = 0;
        for request in requests {
            let (status, body) = request.await.unwrap();
            match status {
                201 => succeeded.push(body["id"].as_str().unwrap().to_owned()),
                409 => {
                    assert_eq!(body["error"]["code"], "refund.exceeds_remaining", "{body}");
                    refused += 1;
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        assert_eq!((succeeded.len(), refused), (7, 3));
        succeeded.sort();
        succeeded.dedup();
        assert_eq!(succeeded.len(), 7, "each refund has its own id");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 7);
        let stored = invoice(&app, &id).await;
        assert_eq!(stored["status"], "partially_refunded");
        assert_eq!(stored["refunded_amount"], "14.00");
        // What is left can still be refunded, and no more.
        let (status, body) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["amount"], "1.04");
        assert_eq!(body["invoice"]["status"], "refunded");

        let callbacks = app.mock.wait_for(9).await;
        let refunds = callbacks
            .iter()
            .filter(|callback| callback.json["type"] == "refund.succeeded")
            .count();
        assert_eq!(refunds, 8);
    }

    async fn a_refund_the_processor_refuses_gives_its_reservation_back(app: TestApp) {
        let id = paid_invoice(&app).await;
        // 6.66 is the test processor's refused refund; 5.03 finds it unavailable.
        let (status, body) = refund(&app, &id, &json!({"amount": "6.66"}), Some("refused")).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "refund.rejected");
        let (status, body) = refund(&app, &id, &json!({"amount": "5.03"}), None).await;
        assert_eq!(status, 502, "{body}");
        assert_eq!(body["error"]["code"], "processor.unavailable");
        assert_eq!(invoice(&app, &id).await["status"], "paid");

        // Nothing stayed reserved: the whole amount can still be refunded,
        // and the failed refund's key is free for another try.
        let (status, body) = refund(&app, &id, &json!({}), Some("refused")).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["amount"], "15.04");
    }

    async fn the_same_idempotency_key_refunds_once(app: TestApp) {
        let id = paid_invoice(&app).await;
        let body = json!({"amount": "3.00"});
        let (status, first) = refund(&app, &id, &body, Some("refund-1")).await;
        assert_eq!(status, 201, "{first}");
        let (status, again) = refund(&app, &id, &body, Some("refund-1")).await;
        assert_eq!(status, 201, "{again}");
        assert_eq!(first, again);
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 1);
        assert_eq!(invoice(&app, &id).await["refunded_amount"], "3.00");

        let (status, other) = refund(&app, &id, &json!({"amount": "4.00"}), Some("refund-1")).await;
        assert_eq!(status, 422, "{other}");
        assert_eq!(other["error"]["code"], "idempotency_key.reused");

        // Concurrent requests with one key: one refund.
        let mut requests = Vec::new();
        for _ in 0..5 {
            let client = app.client.clone();
            let url = format!("{}/api/v1/invoices/{id}/refunds", app.address);
            let api_key = app.merchant.api_key.clone();
            requests.push(tokio::spawn(async move {
                let response = client
                    .post(url)
                    .header("API-KEY", api_key)
                    .header("Idempotency-Key", "refund-2")
                    .json(&json!({"amount": "1.00"}))
                    .send()
                    .await
                    .unwrap();
                answer(response).await
            }));
        }
        for request in requests {
            let (status, body) = request.await.unwrap();
            assert!(
                status == 201 || (status == 409 && body["error"]["code"] == "idempotency_key.in_use"),
                "{status}: {body}"
            );
        }
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 2);
        assert_eq!(invoice(&app, &id).await["refunded_amount"], "4.00");
    }

    async fn each_refund_sends_a_signed_refund_succeeded_callback(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (_, partial) = refund(&app, &id, &json!({"amount": "5.00"}), None).await;
        let (_, rest) = refund(&app, &id, &json!({}), None).await;
        let callbacks = app.mock.wait_for(3).await;
        let refunds: Vec<_> = callbacks
            .iter()
            .filter(|callback| callback.json["type"] == "refund.succeeded")
            .collect();
        assert_eq!(refunds.len(), 2);
        let first = refunds.iter().find(|c| c.json["refund"]["id"] == partial["id"]).unwrap();
        let second = refunds.iter().find(|c| c.json["refund"]["id"] == rest["id"]).unwrap();
        for callback in [first, second] {
            assert!(verify_callback_signature(
                &app.merchant.callback_secret,
                &callback.signature,
                callback.body.as_bytes(),
                now_secs(),
                300
            ));
            assert_eq!(callback.json["invoice"]["id"], id.as_str());
            assert_eq!(callback.json["refund"]["status"], "succeeded");
            assert!(callback.json["refund"]["processor_ref"].as_str().unwrap().starts_with("tr_"));
            assert_eq!(callback.json["merchant_data"]["order"], 42);
            assert!(callback.body.contains(r#""big":9007199254740993"#), "merchant data byte for byte");
        }
        assert_eq!(first.json["refund"]["amount"], "5.00");
        assert_eq!(first.json["refund"]["amount_minor"], 500);
        assert_eq!(first.json["invoice"]["status"], "partially_refunded");
        assert_eq!(first.json["invoice"]["refunded_amount"], "5.00");
        assert_eq!(second.json["refund"]["amount"], "10.04");
        assert_eq!(second.json["invoice"]["status"], "refunded");
        assert_eq!(second.json["invoice"]["refunded_amount"], "15.04");
        assert_ne!(first.event_id, second.event_id);
    }

    async fn an_invoices_refunds_are_listed_oldest_first_failed_ones_included(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (status, body) = get(&app, &format!("/api/v1/invoices/{id}/refunds")).await;
        assert_eq!((status, &body["data"]), (200, &json!([])), "{body}");

        let (_, first) = refund(&app, &id, &json!({"amount": "5.00"}), None).await;
        let (status, _) = refund(&app, &id, &json!({"amount": "6.66"}), None).await;
        assert_eq!(status, 422, "the test processor refuses 6.66");
        let (_, rest) = refund(&app, &id, &json!({}), None).await;

        let (status, body) = get(&app, &format!("/api/v1/invoices/{id}/refunds")).await;
        assert_eq!(status, 200, "{body}");
        let data = body["data"].as_array().unwrap();
        assert_eq!(data.len(), 3, "{body}");
        assert_eq!(data[0]["id"], first["id"]);
        assert_eq!(data[0]["status"], "succeeded");
        assert_eq!(data[0]["amount"], "5.00");
        assert!(data[0].get("failure_code").is_none(), "{body}");
        assert_eq!(data[1]["status"], "failed");
        assert_eq!(data[1]["amount"], "6.66");
        assert_eq!(data[1]["failure_code"], "refund_refused");
        assert_eq!(data[2]["id"], rest["id"]);
        assert_eq!(data[2]["amount"], "10.04");
        for refund in data {
            assert_eq!(refund["invoice_id"], id.as_str());
            assert_eq!(refund["currency"], "EUR");
            assert_eq!(refund["invoice"]["status"], "refunded", "the invoice as it is now");
        }
    }

    async fn listing_refunds_needs_the_merchants_key_and_invoice(app: TestApp) {
        let id = paid_invoice(&app).await;
        let url = format!("{}/api/v1/invoices/{id}/refunds", app.address);
        let response = app.client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 401);
        let response = app.client.get(&url).header("API-KEY", "sk_not_a_key").send().await.unwrap();
        assert_eq!(response.status(), 401);
        let missing = format!("/api/v1/invoices/inv_{}/refunds", "0".repeat(32));
        let (status, body) = get(&app, &missing).await;
        assert_eq!((status, &body["error"]["code"]), (404, &json!("invoice.not_found")));
    }

    async fn a_refund_is_read_by_its_id_by_its_merchant_only(app: TestApp) {
        let id = paid_invoice(&app).await;
        let (_, created) = refund(&app, &id, &json!({"amount": "5.00"}), None).await;
        let refund_id = created["id"].as_str().unwrap();
        let (status, body) = get(&app, &format!("/api/v1/refunds/{refund_id}")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body, created, "the same refund, the invoice unchanged since");

        for unknown in [format!("ref_{}", "0".repeat(32)), "ref_nope".into(), id.clone()] {
            let (status, body) = get(&app, &format!("/api/v1/refunds/{unknown}")).await;
            assert_eq!((status, &body["error"]["code"]), (404, &json!("refund.not_found")), "{unknown}");
        }

        // Another merchant sees nothing of it.
        store(&app)
            .await
            .create_merchant(&MerchantRecord {
                id: kassa_server::ids::new_id("mer"),
                name: "Other Shop".into(),
                api_key_hash: api_key_hash("sk_other_merchant"),
                callback_secret_sealed: String::new(),
                previous_callback_secret: None,
                callback_url: app.mock.url.clone(),
                embed_origins: Vec::new(),
                appearance: Default::default(),
                currencies: Vec::new(),
                created_at: 0,
                processor_config_id: None,
                payment_attempts: None,
                invoice_lifetime_secs: None,
            }, "sk_other")
            .await
            .unwrap();
        for path in [format!("/api/v1/refunds/{refund_id}"), format!("/api/v1/invoices/{id}/refunds")] {
            let response = app
                .client
                .get(format!("{}{path}", app.address))
                .header("API-KEY", "sk_other_merchant")
                .send()
                .await
                .unwrap();
            let (status, body) = answer(response).await;
            assert_eq!(status, 404, "{path}: {body}");
        }
        let response = app.client.get(format!("{}/api/v1/refunds/{refund_id}", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 401);
    }

    async fn a_refund_left_pending_by_a_dead_process_succeeds_and_its_callback_goes_out(app: TestApp) {
        let id = paid_invoice(&app).await;
        let body = r#"{"amount":"5.00"}"#;
        let refund_id = leave_pending_refund(&app, &id, 500, 1, Some(("crash-1", body))).await;

        let callback = app.mock.wait_for_event(&id, "refund.succeeded").await;
        assert_eq!(callback.json["refund"]["id"], refund_id.as_str());
        assert_eq!(callback.json["refund"]["amount"], "5.00");
        assert!(callback.json["refund"]["processor_ref"].as_str().unwrap().starts_with("tr_"));
        assert_eq!(callback.json["invoice"]["status"], "partially_refunded");
        assert!(verify_callback_signature(
            &app.merchant.callback_secret,
            &callback.signature,
            callback.body.as_bytes(),
            now_secs(),
            300
        ));
        let settled = settled_refund(&app, &refund_id).await;
        assert_eq!(settled["status"], "succeeded");
        assert_eq!(settled["invoice"]["refunded_amount"], "5.00");
        assert_eq!(invoice(&app, &id).await["status"], "partially_refunded");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 1);

        // The merchant retrying the lost request with its key gets the
        // refund that was made, not a second one.
        let response = app
            .client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .header("Idempotency-Key", "crash-1")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["idempotent-replayed"], "true");
        let (status, replayed) = answer(response).await;
        assert_eq!(status, 201, "{replayed}");
        assert_eq!(replayed["id"], refund_id.as_str());
        assert_eq!(replayed["status"], "succeeded");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 1);
        assert_eq!(invoice(&app, &id).await["refunded_amount"], "5.00");
    }

    async fn a_refund_left_pending_that_the_processor_refuses_fails_and_frees_its_amount(app: TestApp) {
        let id = paid_invoice(&app).await;
        let refund_id = leave_pending_refund(&app, &id, 666, 1, None).await;
        let settled = settled_refund(&app, &refund_id).await;
        assert_eq!(settled["status"], "failed");
        assert_eq!(settled["failure_code"], "refund_refused");
        assert_eq!(invoice(&app, &id).await["status"], "paid");
        // Nothing stayed reserved.
        let (status, body) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["amount"], "15.04");
    }

    async fn a_pending_refund_is_left_alone_while_its_lease_runs(app: TestApp) {
        let id = paid_invoice(&app).await;
        let lease_until = kassa_server::clock::now_ms() + 60_000;
        let refund_id = leave_pending_refund(&app, &id, 500, lease_until, None).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (status, body) = get(&app, &format!("/api/v1/refunds/{refund_id}")).await;
        assert_eq!((status, &body["status"]), (200, &json!("pending")), "{body}");
        assert_eq!(app.processor.refunds.load(Ordering::SeqCst), 0);
        // Its amount stays reserved meanwhile.
        let (status, body) = refund(&app, &id, &json!({}), None).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["amount"], "10.04");
    }
}
