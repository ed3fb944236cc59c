//! Idempotency keys on the page's payment call: a retry after a lost answer
//! gets the first answer, never a second charge.

#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::sync::atomic::Ordering;

use crate::both_databases;
use crate::helpers::TestApp;

async fn pay_with_key(app: &TestApp, id: &str, body: &Value, key: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/checkout/{id}/pay", app.address))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

both_databases! {
    async fn a_retried_payment_with_the_same_key_gets_the_first_answer_and_one_charge(app: TestApp) {
        let invoice = app.create_invoice(serde_json::json!({})).await;
        let id = invoice["id"].as_str().unwrap();
        let body = TestApp::card("4242 4242 4242 4242");
        let first = pay_with_key(&app, id, &body, "page-attempt-1").await;
        assert_eq!(first.status(), 200);
        let first: Value = first.json().await.unwrap();
        assert_eq!(first["status"], "succeeded");

        let again = pay_with_key(&app, id, &body, "page-attempt-1").await;
        assert_eq!(again.status(), 200, "a replay, not 409 invoice.paid");
        assert_eq!(again.json::<Value>().await.unwrap(), first);
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);

        let without_key = app.pay(id, &body).await;
        assert_eq!(without_key.status(), 409);
    }

    async fn the_same_payment_key_with_another_card_is_refused(app: TestApp) {
        let invoice = app.create_invoice(serde_json::json!({})).await;
        let id = invoice["id"].as_str().unwrap();
        let declined = pay_with_key(&app, id, &TestApp::card("4000000000009995"), "k").await;
        assert_eq!(declined.json::<Value>().await.unwrap()["status"], "declined");
        let other = pay_with_key(&app, id, &TestApp::card("4242424242424242"), "k").await;
        assert_eq!(other.status(), 422);
        assert_eq!(other.json::<Value>().await.unwrap()["error"]["code"], "idempotency_key.reused");
        let fresh = pay_with_key(&app, id, &TestApp::card("4242424242424242"), "k2").await;
        assert_eq!(fresh.json::<Value>().await.unwrap()["status"], "succeeded");
    }
}
