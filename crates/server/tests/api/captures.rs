//! Authorize, then capture or void: invoices created with
//! `capture: "manual"`, on the test processor.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer, execute_sql};

/// A paid invoice created with `capture: "manual"`: authorized, not taken.
async fn authorized(app: &TestApp) -> String {
    let created = app
        .create_invoice(json!({"capture": "manual", "amount": "15.04"}))
        .await;
    assert_eq!(created["capture"], "manual");
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, paid) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(status, 200, "{paid}");
    assert_eq!(
        paid["status"], "succeeded",
        "an authorization is the shopper's success"
    );
    let redirect = paid["redirect_url"].as_str().unwrap();
    assert!(
        redirect.starts_with("https://shop.example/success"),
        "{redirect}"
    );
    assert!(redirect.contains("status=authorized"), "{redirect}");
    id
}

/// POSTs `body` (or nothing) to `/api/v1/invoices/{id}/{action}`.
async fn act(app: &TestApp, id: &str, action: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = app
        .client
        .post(format!("{}/api/v1/invoices/{id}/{action}", app.address))
        .header("API-KEY", &app.merchant.api_key);
    if let Some(body) = body {
        request = request.json(&body);
    }
    answer(request.send().await.unwrap()).await
}

async fn invoice(app: &TestApp, id: &str) -> Value {
    answer(app.get_invoice(id).await).await.1
}

both_databases! {
    async fn an_authorization_is_captured_in_part_and_refunds_stay_within_the_capture(app: TestApp) {
        let id = authorized(&app).await;
        let read = invoice(&app, &id).await;
        assert_eq!(read["status"], "authorized");
        assert!(read.get("captured_amount").is_none(), "{read}");
        let event = app.mock.wait_for_event(&id, "payment.authorized").await;
        assert_eq!(event.json["invoice"]["capture"], "manual");
        assert_eq!(event.json["invoice"]["status"], "authorized");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);

        // Refunding before the capture takes nothing.
        let (status, body) = act(&app, &id, "refunds", Some(json!({}))).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.authorized")), "{body}");

        let (status, body) = act(&app, &id, "capture", Some(json!({"amount": "15.05"}))).await;
        assert_eq!((status, body["error"]["code"].as_str()), (400, Some("amount.exceeds_authorized")), "{body}");
        let (status, captured) = act(&app, &id, "capture", Some(json!({"amount": "10.00"}))).await;
        assert_eq!(status, 200, "{captured}");
        assert_eq!(captured["status"], "partially_captured");
        assert_eq!(captured["captured_amount"], "10.00");
        assert_eq!(captured["amount"], "15.04", "the authorization's amount stays");
        let event = app.mock.wait_for_event(&id, "payment.captured").await;
        assert_eq!(event.json["invoice"]["captured_amount_minor"], 1000);
        assert_eq!(event.json["invoice"]["status"], "partially_captured");

        // The same capture again changes nothing; another amount is refused,
        // and so is voiding what was captured.
        let (status, again) = act(&app, &id, "capture", Some(json!({"amount": "10.00"}))).await;
        assert_eq!((status, again["captured_amount"].as_str()), (200, Some("10.00")), "{again}");
        let (status, body) = act(&app, &id, "capture", Some(json!({"amount": "5.00"}))).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.partially_captured")), "{body}");
        let (status, body) = act(&app, &id, "void", None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.partially_captured")), "{body}");
        assert_eq!(app.processor.captures.load(Ordering::SeqCst), 1);

        // The search finds it by its new state.
        let search = app.client.get(format!("{}/api/v1/invoices?status=partially_captured", app.address))
            .header("API-KEY", &app.merchant.api_key).send().await.unwrap();
        let (_, found) = answer(search).await;
        let ids: Vec<&str> = found["data"].as_array().unwrap().iter().map(|invoice| invoice["id"].as_str().unwrap()).collect();
        assert_eq!(ids, [id.as_str()]);

        // Refunds give back at most what was captured.
        let (status, body) = act(&app, &id, "refunds", Some(json!({"amount": "10.01"}))).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("refund.exceeds_remaining")), "{body}");
        let (status, refund) = act(&app, &id, "refunds", Some(json!({}))).await;
        assert_eq!(status, 201, "{refund}");
        assert_eq!(refund["amount"], "10.00");
        assert_eq!(invoice(&app, &id).await["status"], "refunded");
    }

    async fn a_void_releases_the_authorization_and_nothing_can_be_captured_after(app: TestApp) {
        let id = authorized(&app).await;
        let (status, voided) = act(&app, &id, "void", None).await;
        assert_eq!((status, voided["status"].as_str()), (200, Some("voided")), "{voided}");
        app.mock.wait_for_event(&id, "payment.voided").await;
        let (status, again) = act(&app, &id, "void", None).await;
        assert_eq!((status, again["status"].as_str()), (200, Some("voided")), "voiding again is not an error");
        let (status, body) = act(&app, &id, "capture", None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.voided")), "{body}");
        assert_eq!(app.processor.voids.load(Ordering::SeqCst), 1);
        assert_eq!(app.processor.captures.load(Ordering::SeqCst), 0);
    }

    async fn twenty_concurrent_captures_take_the_money_once(app: TestApp) {
        let id = authorized(&app).await;
        let mut captures = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let request = app
                .client
                .post(format!("{}/api/v1/invoices/{id}/capture", app.address))
                .header("API-KEY", &app.merchant.api_key);
            captures.spawn(async move { answer(request.send().await.unwrap()).await });
        }
        let answers: Vec<(u16, Value)> = captures.join_all().await;
        let mut succeeded = 0;
        for (status, body) in &answers {
            match status {
                200 => {
                    succeeded += 1;
                    assert_eq!(body["status"], "captured", "{body}");
                    assert_eq!(body["captured_amount"], "15.04", "{body}");
                }
                409 => assert_eq!(body["error"]["code"], "capture.in_progress", "{body}"),
                other => panic!("{other}: {body}"),
            }
        }
        assert!(succeeded >= 1, "{answers:?}");
        assert_eq!(app.processor.captures.load(Ordering::SeqCst), 1, "the processor was asked once");
        app.mock.wait_for_event(&id, "payment.captured").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let captured_events = app.mock.received().iter().filter(|received| received.json["type"] == "payment.captured").count();
        assert_eq!(captured_events, 1);
        assert_eq!(invoice(&app, &id).await["captured_amount"], "15.04");
    }

    async fn an_authorization_past_the_merchants_window_expires_with_its_callback(app: TestApp) {
        let id = authorized(&app).await;
        let fresh = authorized(&app).await;
        // Eight days ago, past the default window of seven.
        execute_sql(&app, "UPDATE invoices SET authorized_at = authorized_at - 691200000 WHERE id = $1", &[&id]).await;
        let event = app.mock.wait_for_event(&id, "authorization.expired").await;
        assert_eq!(event.json["invoice"]["status"], "expired");
        assert_eq!(invoice(&app, &id).await["status"], "expired");
        assert_eq!(invoice(&app, &fresh).await["status"], "authorized", "a recent one waits");
        assert_eq!(app.processor.voids.load(Ordering::SeqCst), 1, "the processor was told to release it");
        let (status, body) = act(&app, &id, "capture", None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.expired")), "{body}");
    }

    async fn the_merchant_sets_its_own_authorization_window(app: TestApp) {
        let merchant = app.merchant.merchant_id.clone();
        let set = |days: &str| crate::crash::command(&app.database_url)
            .args(["merchant", "set-authorization-window", "--merchant", &merchant, "--days", days])
            .output()
            .unwrap();
        let refused = set("31");
        assert!(!refused.status.success(), "31 days is beyond what schemes hold");
        let done = set("2");
        assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
        let old = authorized(&app).await;
        let recent = authorized(&app).await;
        // Three days and one day ago: past and within a two-day window.
        execute_sql(&app, "UPDATE invoices SET authorized_at = authorized_at - 259200000 WHERE id = $1", &[&old]).await;
        execute_sql(&app, "UPDATE invoices SET authorized_at = authorized_at - 86400000 WHERE id = $1", &[&recent]).await;
        app.mock.wait_for_event(&old, "authorization.expired").await;
        assert_eq!(invoice(&app, &old).await["status"], "expired");
        assert_eq!(invoice(&app, &recent).await["status"], "authorized");
    }

    async fn capture_modes_are_checked_and_automatic_payments_cannot_be_captured(app: TestApp) {
        let response = app.post_invoice(&app.invoice_body(json!({"capture": "later"}))).await;
        let (status, body) = answer(response).await;
        assert_eq!(status, 400);
        assert_eq!(body["error"]["field"], "capture", "{body}");
        assert_eq!(body["error"]["code"], "capture.unknown", "{body}");

        let paid = app.create_invoice(json!({})).await;
        assert_eq!(paid["capture"], "automatic");
        let id = paid["id"].as_str().unwrap();
        let (status, _) = answer(app.pay(id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 200);
        assert_eq!(invoice(&app, id).await["status"], "paid");
        let (status, body) = act(&app, id, "capture", None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.paid")), "{body}");
        let (status, body) = act(&app, id, "void", None).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invoice.paid")), "{body}");
        let other = format!("inv_{}", "0".repeat(32));
        assert_eq!(act(&app, &other, "capture", None).await.0, 404);
    }

    async fn a_declined_authorization_is_not_capturable(app: TestApp) {
        let created = app.create_invoice(json!({"capture": "manual"})).await;
        let id = created["id"].as_str().unwrap();
        let (status, paid) = answer(app.pay(id, &TestApp::card("4000000000000002")).await).await;
        assert_eq!(status, 200);
        assert_ne!(paid["status"], "succeeded", "{paid}");
        let (status, body) = act(&app, id, "capture", None).await;
        assert_eq!(status, 409, "{body}");
        let code = body["error"]["code"].as_str().unwrap();
        assert!(code == "invoice.open" || code == "invoice.failed", "{body}");
        assert_eq!(app.processor.captures.load(Ordering::SeqCst), 0);
    }
}
