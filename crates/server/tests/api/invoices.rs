//! The merchant API: creating, reading and canceling invoices.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::both_databases;

both_databases! {
    async fn create_invoice_returns_201_with_an_unguessable_id_and_normalised_amount(app: TestApp) {
        let invoice = app.create_invoice(json!({"amount": 42})).await;
        let id = invoice["id"].as_str().unwrap();
        assert!(id.starts_with("inv_") && id.len() == 36, "{id}");
        assert_eq!(invoice["status"], "open");
        assert_eq!(invoice["amount"], "42.00");
        assert_eq!(invoice["currency"], "EUR");
        assert_eq!(invoice["payment_url"], format!("{}/pay/{id}", app.address));
        let other = app.create_invoice(json!({})).await;
        assert_ne!(other["id"], invoice["id"]);
    }

    async fn devise_is_accepted_for_currency_and_the_invoice_reads_back(app: TestApp) {
        let mut body = app.invoice_body(json!({"devise": "JPY", "amount": "1500"}));
        body.as_object_mut().unwrap().remove("currency");
        let response = app.post_invoice(&body).await;
        assert_eq!(response.status(), 201);
        let created: Value = response.json().await.unwrap();
        assert_eq!(created["currency"], "JPY");
        assert_eq!(created["amount"], "1500");
        let read: Value = app.get_invoice(created["id"].as_str().unwrap()).await.json().await.unwrap();
        assert_eq!(read, created);
    }

    async fn every_invalid_field_is_reported_at_once_with_its_code(app: TestApp) {
        let body = app.invoice_body(json!({
            "email": "not-an-email", "amount": "1,000.00", "success_url": "http://shop.example/ok", "installments": 40
        }));
        let response = app.post_invoice(&body).await;
        assert_eq!(response.status(), 400);
        let error: Value = response.json().await.unwrap();
        let codes: Vec<(&str, &str)> = error["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|problem| (problem["field"].as_str().unwrap(), problem["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [("email", "email.format"), ("amount", "amount.format"), ("success_url", "url.insecure"), ("installments", "installments.count")]
        );
        assert_eq!(error["error"]["code"], "email.format");
    }

    async fn prefilled_details_are_bounded_and_refused_when_too_long(app: TestApp) {
        let body = app.invoice_body(json!({
            "name": "A".repeat(101),
            "billing_address": {"line1": "x".repeat(201), "country": "FR"},
        }));
        let response = app.post_invoice(&body).await;
        assert_eq!(response.status(), 400);
        let error: Value = response.json().await.unwrap();
        let codes: Vec<&str> = error["errors"].as_array().unwrap().iter().map(|problem| problem["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["name.too_long", "billing_address.too_long"]);

        let fine = app.create_invoice(json!({"name": "Ada Lovelace", "billing_address": {"line1": "1 Rue de Rivoli", "city": "Paris", "postal_code": "75001", "country": "FR"}})).await;
        let view: Value = app.checkout(fine["id"].as_str().unwrap()).await.json().await.unwrap();
        assert_eq!(view["prefill"]["name"], "Ada Lovelace");
        assert_eq!(view["prefill"]["billing_address"]["city"], "Paris");
    }
}
