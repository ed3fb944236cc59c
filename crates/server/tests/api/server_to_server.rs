//! Server-to-server mode: `POST /api/v1/invoices` with the card and the
//! shopper's details charges at once, through the page's payment path.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer};

/// A response's status and JSON body.
/// The shopper's details and `number`, as a merchant's server sends them.
fn direct(app: &TestApp, number: &str, extra: Value) -> Value {
    let mut body = app.invoice_body(json!({
        "name": "Ada Lovelace",
        "address1": "1 Main Street",
        "address2": "",
        "city": "Springfield",
        "country": "US",
        "state": "IL",
        "postcode": "62701",
        "date_of_birth": "1990-05-17",
        "card_number": number,
        "card_expiry_date": "12/2030",
        "card_ccv": "123",
        "customer_ip": "203.0.113.7",
        "phone": "+12175550100",
    }));
    for (key, value) in extra.as_object().unwrap() {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(key);
        } else {
            body.as_object_mut()
                .unwrap()
                .insert(key.clone(), value.clone());
        }
    }
    body
}

async fn create(app: &TestApp, body: &Value, key: Option<&str>) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/api/v1/invoices", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

/// The fields an error body lists, with their codes.
fn problems(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap_or(&vec![body["error"].clone()])
        .iter()
        .map(|problem| {
            (
                problem["field"].as_str().unwrap_or_default().to_owned(),
                problem["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

both_databases! {
    async fn a_direct_charge_pays_the_invoice_at_once(app: TestApp) {
        let (status, body) = answer(create(&app, &direct(&app, "4242 4242 4242 4242", json!({})), None).await).await;
        assert_eq!(status, 201, "{body}");
        assert!(body["id"].as_str().unwrap().starts_with("inv_"));
        assert_eq!(body["status"], "paid");
        assert_eq!(body["payment"]["status"], "succeeded");
        assert!(body["payment"].get("decline").is_none());
        assert_eq!(body["amount"], "15.04");
        assert_eq!(body["attempts"], 1);
        assert_eq!(body["card"]["last4"], "4242");
        assert_eq!(body["card"]["holder_name"], "Ada Lovelace");
        assert_eq!(body["authorization_code"].as_str().unwrap().len(), 6);
        assert_eq!(body["prefill"]["billing_address"]["postal_code"], "62701");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);

        let id = body["id"].as_str().unwrap();
        let callback = app.mock.wait_for_event(id, "invoice.paid").await;
        assert_eq!(callback.json["invoice"]["avs_result"], "Y");
        assert_eq!(callback.json["invoice"]["security_code_result"], "M");
        assert_eq!(callback.json["merchant_data"]["order"], 42);
        let (status, stored) = answer(app.get_invoice(id).await).await;
        assert_eq!((status, &stored["status"]), (200, &json!("paid")));
    }

    async fn a_declined_direct_charge_fails_the_invoice(app: TestApp) {
        let (status, body) = answer(create(&app, &direct(&app, "4000000000009995", json!({})), None).await).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["status"], "failed");
        assert_eq!(body["payment"]["status"], "failed");
        assert_eq!(body["payment"]["decline"]["code"], "declined.insufficient_funds");
        let id = body["id"].as_str().unwrap();
        let callback = app.mock.wait_for_event(id, "invoice.failed").await;
        assert_eq!(callback.json["invoice"]["decline_code"], "insufficient_funds");
        // A failed invoice takes no more payments, on the page either.
        let (status, page) = answer(app.pay(id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!((status, &page["error"]["code"]), (409, &json!("invoice.failed")));
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
    }

    async fn a_pending_direct_charge_settles_and_the_callback_follows(app: TestApp) {
        let (status, body) = answer(create(&app, &direct(&app, "4000000000003220", json!({})), None).await).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["status"], "pending");
        assert_eq!(body["payment"]["status"], "pending");
        let id = body["id"].as_str().unwrap();
        app.mock.wait_for_event(id, "invoice.paid").await;
    }

    async fn missing_shopper_fields_are_each_required(app: TestApp) {
        let body = app.invoice_body(json!({"card_number": "4242424242424242"}));
        let (status, body) = answer(create(&app, &body, None).await).await;
        assert_eq!(status, 400, "{body}");
        let found = problems(&body);
        for field in [
            "name", "address1", "address2", "city", "country", "state", "postcode",
            "date_of_birth", "card_expiry_date", "card_ccv", "customer_ip", "phone",
        ] {
            assert!(
                found.contains(&(field.to_owned(), format!("{field}.required"))),
                "{field}: {found:?}"
            );
        }
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);
    }

    async fn invalid_fields_get_kassa_card_codes_under_their_names(app: TestApp) {
        let cases = [
            (json!({"card_number": "4242 4242 4242 4241"}), "card_number", "card_number.checksum"),
            (json!({"card_expiry_date": "13/2030"}), "card_expiry_date", "expiry.month"),
            (json!({"card_expiry_date": "01/2020"}), "card_expiry_date", "expiry.in_past"),
            (json!({"card_expiry_date": "12/30"}), "card_expiry_date", "expiry.format"),
            (json!({"card_ccv": "12"}), "card_ccv", "cvv.length"),
            (json!({"date_of_birth": "2999-01-01"}), "date_of_birth", "date_of_birth.in_future"),
            (json!({"customer_ip": "not-an-ip"}), "customer_ip", "ip.format"),
            (json!({"name": "4242424242424242"}), "name", "name.looks_like_card_number"),
            (json!({"email": "nobody"}), "email", "email.format"),
        ];
        for (extra, field, code) in cases {
            let (status, body) = answer(create(&app, &direct(&app, "4242424242424242", extra.clone()), None).await).await;
            assert_eq!(status, 400, "{extra}: {body}");
            let found = problems(&body);
            assert!(
                found.contains(&(field.to_owned(), code.to_owned())),
                "{extra}: expected {field} {code}, got {found:?}"
            );
        }
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0, "nothing invalid is charged");
    }

    async fn the_same_idempotency_key_charges_once(app: TestApp) {
        let body = direct(&app, "4242424242424242", json!({}));
        let (status, first) = answer(create(&app, &body, Some("order-42")).await).await;
        assert_eq!(status, 201, "{first}");
        let response = create(&app, &body, Some("order-42")).await;
        assert_eq!(response.headers()["idempotent-replayed"], "true");
        let (status, again) = answer(response).await;
        assert_eq!(status, 201, "{again}");
        assert_eq!(again["id"], first["id"]);
        assert_eq!(again["payment"]["status"], "succeeded");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);

        let other = direct(&app, "4242424242424242", json!({"amount": "20.00"}));
        let (status, body) = answer(create(&app, &other, Some("order-42")).await).await;
        assert_eq!((status, &body["error"]["code"]), (422, &json!("idempotency_key.reused")));
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
    }

    async fn the_card_number_never_reaches_the_database(app: TestApp) {
        // A canary: a valid Visa number used nowhere else.
        let canary = "4000056655665556";
        let body = direct(&app, canary, json!({"card_ccv": "987"}));
        let (status, paid) = answer(create(&app, &body, Some("canary")).await).await;
        assert_eq!(status, 201, "{paid}");
        let declined = direct(&app, "4000000000000002", json!({}));
        let (status, _) = answer(create(&app, &declined, None).await).await;
        assert_eq!(status, 201);
        let id = paid["id"].as_str().unwrap();
        app.mock.wait_for_event(id, "invoice.paid").await;
        let (status, _) = answer(
            app.client
                .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
                .header("API-KEY", &app.merchant.api_key)
                .json(&json!({"amount": "1.00"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201);

        let dump = app.database_dump().await;
        assert!(dump.contains(id), "the dump holds the invoice");
        assert!(!dump.contains(canary), "card number stored");
        assert!(!dump.contains("0566556655"), "middle digits stored");
        assert!(!dump.contains("4000 0566 5566 5556"));
        let serialized = serde_json::to_string(&paid).unwrap();
        assert!(!serialized.contains(canary), "card number returned");
        for callback in app.mock.received() {
            assert!(!callback.body.contains(canary), "card number in a callback");
        }
    }
}
