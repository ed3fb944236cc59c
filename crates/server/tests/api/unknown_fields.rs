//! A field the API does not know is refused with a 400 naming it
//! (`field.unknown`), never silently ignored: a merchant asking for a
//! feature this server lacks, or misspelling an optional field, finds out.

#![allow(clippy::unwrap_used)]

use serde_json::json;

use crate::both_databases;
use crate::helpers::{TestApp, answer};

both_databases! {
    async fn unknown_fields_are_refused_naming_them_and_documented_aliases_still_work(app: TestApp) {
        for (field, value) in [("capture_method", json!("manual")), ("store_card", json!(true)), ("installments_max", json!(6))] {
            let (status, body) = answer(app.post_invoice(&app.invoice_body(json!({field: value}))).await).await;
            assert_eq!(status, 400, "{field}: {body}");
            assert_eq!(body["error"]["code"], "field.unknown");
            assert_eq!(body["error"]["field"], field);
        }
        // `devise`, the seeds' name for the currency, is a documented alias.
        let mut body = app.invoice_body(json!({}));
        let currency = body.as_object_mut().unwrap().remove("currency").unwrap();
        body["devise"] = currency;
        let (status, created) = answer(app.post_invoice(&body).await).await;
        assert_eq!(status, 201, "{created}");
        let id = created["id"].as_str().unwrap();

        // The page's pay request, and a nested field.
        let mut pay = TestApp::card("4242424242424242");
        pay["card"]["numbr"] = json!("4242");
        let (status, body) = answer(app.pay(id, &pay).await).await;
        assert_eq!((status, body["error"]["code"].as_str()), (400, Some("field.unknown")), "{body}");
        assert_eq!(body["error"]["field"], "numbr");
        // A key that looks like a card number is never echoed.
        let mut pay = TestApp::card("4242424242424242");
        pay["4111111111111111"] = json!(true);
        let (status, body) = answer(app.pay(id, &pay).await).await;
        assert_eq!(status, 400);
        assert!(!body.to_string().contains("4111111111111111"), "{body}");
        // Nothing was charged by the refused requests.
        let view: serde_json::Value = app.get_invoice(id).await.json().await.unwrap();
        assert_eq!(view["status"], "open");

        // A refund with a field Kassa does not know.
        let (status, paid) = answer(app.pay(id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 200, "{paid}");
        let refund = app.client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .bearer_auth(&app.merchant.api_key)
            .json(&json!({"amount": "1.00", "reason": "requested_by_customer"}))
            .send().await.unwrap();
        let (status, body) = answer(refund).await;
        assert_eq!((status, body["error"]["field"].as_str()), (400, Some("reason")), "{body}");
    }
}
