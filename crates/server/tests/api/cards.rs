//! Card utilities for merchants' servers: the same rules as the page.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::TestApp;

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

both_databases! {
    async fn a_body_that_is_not_an_object_is_refused(app: TestApp) {
        // serde would read `ValidateRequest` from an array of its fields; the
        // document says object, and so does the server.
        for body in [json!([]), json!(["4242424242424242", "12/30", "123"]), json!("4242"), json!(7)] {
            let response = post(&app, "/api/v1/cards/validate", body.clone()).await;
            assert_eq!(response.status(), 400, "{body}");
            let answer: Value = response.json().await.unwrap();
            assert_eq!(answer["error"]["code"], "request.not_an_object", "{body}");
            assert!(!answer.to_string().contains("4242"), "{answer}");
        }
        let object = post(&app, "/api/v1/cards/validate", json!({"number": "4242424242424242", "expiry": "12/30", "cvv": "123"})).await;
        assert_eq!(object.status(), 200);
    }

    async fn the_brand_table_lists_every_brand_with_its_facts(app: TestApp) {
        let response = app.client.get(format!("{}/api/v1/cards/brands", app.address)).bearer_auth(&app.merchant.api_key).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let table: Value = response.json().await.unwrap();
        let brands = table["brands"].as_array().unwrap();
        assert_eq!(brands.len(), 20);
        let amex = brands.iter().find(|brand| brand["id"] == "american-express").unwrap();
        assert_eq!(amex["security_code"], json!({"name": "CID", "size": 4}));
        assert_eq!(amex["gaps"], json!([4, 10]));
        let unauthenticated = app.client.get(format!("{}/api/v1/cards/brands", app.address)).send().await.unwrap();
        assert_eq!(unauthenticated.status(), 401);
    }

    async fn brand_detection_follows_the_prefix_and_reports_co_badging(app: TestApp) {
        let five: Value = post(&app, "/api/v1/cards/brand", json!({"prefix": "5"})).await.json().await.unwrap();
        let ids: Vec<&str> = five["brands"].as_array().unwrap().iter().map(|brand| brand["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["mastercard", "maestro"]);
        let dankort: Value = post(&app, "/api/v1/cards/brand", json!({"prefix": "4571 0000"})).await.json().await.unwrap();
        assert_eq!(dankort["primary"], "dankort");
        assert_eq!(dankort["co_badged"], true);
    }

    async fn validation_answers_per_field_with_stable_codes_and_a_masked_number(app: TestApp) {
        let good: Value = post(&app, "/api/v1/cards/validate", json!({"number": "4242 4242 4242 4242", "expiry": "12/30", "cvv": "123"})).await.json().await.unwrap();
        assert_eq!(good["valid"], true);
        assert_eq!(good["brand"]["id"], "visa");
        assert_eq!(good["masked"], "424242******4242");
        let bad: Value = post(&app, "/api/v1/cards/validate", json!({"number": "4242 4242 4242 4241", "expiry": "01/20", "cvv": "12", "locale": "fr"})).await.json().await.unwrap();
        assert_eq!(bad["valid"], false);
        assert_eq!(bad["number"]["code"], "card_number.checksum");
        assert_eq!(bad["expiry"]["code"], "expiry.in_past");
        assert_eq!(bad["expiry"]["message"], "Cette carte a expiré.");
        assert_eq!(bad["cvv"]["code"], "cvv.length");
        assert!(!bad.to_string().contains("4242424242424241"));
        for (locale, expected) in [("es-ES", "Esta tarjeta ha caducado."), ("de-CH", "Diese Karte ist abgelaufen.")] {
            let answer: Value = post(&app, "/api/v1/cards/validate", json!({"expiry": "01/20", "locale": locale})).await.json().await.unwrap();
            assert_eq!(answer["expiry"]["message"], expected, "{locale}");
        }
    }
}
