//! Refunds: full and partial, the limits between them (also under
//! concurrency), the processor's refusals, idempotency and the
//! `refund.succeeded` callback.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;
use std::time::{SystemTime, UNIX_EPOCH};

use kassa_server::signing::verify_callback_signature;
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
}
