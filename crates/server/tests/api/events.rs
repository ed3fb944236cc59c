//! The event log: events listed with their delivery state, filtered and
//! paged, and redelivered on request, only ever the merchant's own.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::time::Duration;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer, spawn_app_on, test_settings};

async fn events(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app
        .client
        .get(format!("{}/api/v1/events?{query}", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    answer(response).await
}

async fn redeliver(app: &TestApp, id: &str) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/api/v1/events/{id}/redeliver", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// Creates and cancels an invoice: one `invoice.canceled` event.
async fn canceled_invoice(app: &TestApp) -> String {
    let id = app.create_invoice(json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = app
        .client
        .post(format!("{}/api/v1/invoices/{id}/cancel", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    id
}

/// Waits until the event log says `event_id` has `attempts` attempts.
async fn wait_for_attempts(app: &TestApp, event_id: &str, attempts: u64) -> Value {
    for _ in 0..250 {
        let (_, page) = events(app, "limit=100").await;
        if let Some(event) = page["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == event_id)
            && event["attempts"].as_u64().unwrap() >= attempts
        {
            return event.clone();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{event_id} never reached {attempts} attempts");
}

both_databases! {
    async fn events_are_listed_with_their_delivery_state(app: TestApp) {
        let paid = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (status, _) = answer(app.pay(&paid, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 200);
        let canceled = canceled_invoice(&app).await;
        let received = app.mock.wait_for(2).await;
        for callback in &received {
            wait_for_attempts(&app, &callback.event_id, 1).await;
        }

        let (status, page) = events(&app, "").await;
        assert_eq!(status, 200, "{page}");
        let data = page["data"].as_array().unwrap();
        assert_eq!(data.len(), 2);
        assert!(page["next_cursor"].is_null());
        let kinds: Vec<_> = data.iter().map(|e| e["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["invoice.canceled", "invoice.paid"], "newest first");
        assert_eq!(data[0]["invoice_id"], canceled.as_str());
        assert_eq!(data[1]["invoice_id"], paid.as_str());
        for event in data {
            assert_eq!(event["delivered"], true);
            assert_eq!(event["attempts"], 1);
            assert!(event["delivered_at"].is_string());
            assert!(event.get("next_attempt_at").is_none());
            assert_eq!(event["payload"]["id"], event["id"]);
            assert_eq!(event["payload"]["type"], event["type"]);
            let callback = received.iter().find(|r| r.event_id == event["id"]).unwrap();
            assert_eq!(callback.json, event["payload"], "the payload as it was sent");
        }
        let (_, undelivered) = events(&app, "undelivered=true").await;
        assert_eq!(undelivered["data"], json!([]));

        // The merchant's endpoint starts failing: the next event waits.
        app.mock.fail_next(1_000);
        let failing = canceled_invoice(&app).await;
        let (_, page) = events(&app, "undelivered=true").await;
        let pending = &page["data"][0];
        assert_eq!(pending["invoice_id"], failing.as_str());
        let pending = wait_for_attempts(&app, pending["id"].as_str().unwrap(), 2).await;
        assert_eq!(pending["delivered"], false);
        assert_eq!(pending["last_error"], "HTTP 500");
        assert!(pending["next_attempt_at"].is_string());
        let (_, page) = events(&app, "undelivered=true").await;
        assert_eq!(page["data"].as_array().unwrap().len(), 1);
        let (_, page) = events(&app, "undelivered=false").await;
        assert_eq!(page["data"].as_array().unwrap().len(), 3);
    }

    async fn events_page_without_duplicates_or_gaps(app: TestApp) {
        for _ in 0..12 {
            canceled_invoice(&app).await;
        }
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut sizes = Vec::new();
        loop {
            let query = match &cursor {
                Some(cursor) => format!("limit=5&cursor={cursor}"),
                None => "limit=5".to_owned(),
            };
            let (status, page) = events(&app, &query).await;
            assert_eq!(status, 200, "{page}");
            let data = page["data"].as_array().unwrap();
            sizes.push(data.len());
            seen.extend(data.iter().map(|e| e["id"].as_str().unwrap().to_owned()));
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(sizes, [5, 5, 2]);
        assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 12);
        let (_, all) = events(&app, "limit=100").await;
        let all: Vec<_> = all["data"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
        assert_eq!(seen, all, "pages in order, nothing skipped");

        let invoice_cursor = kassa_server::search::encode_cursor(1, &format!("inv_{}", "0".repeat(32)));
        for (query, field, code) in [
            ("cursor=zz".to_owned(), "cursor", "cursor.invalid"),
            (format!("cursor={invoice_cursor}"), "cursor", "cursor.invalid"),
            ("limit=0".to_owned(), "limit", "limit.range"),
            ("limit=101".to_owned(), "limit", "limit.range"),
            ("undelivered=maybe".to_owned(), "undelivered", "undelivered.format"),
            ("kind=x".to_owned(), "kind", "query.unknown_parameter"),
        ] {
            let (status, body) = events(&app, &query).await;
            assert_eq!(status, 400, "{query}: {body}");
            assert_eq!((&body["error"]["field"], &body["error"]["code"]), (&json!(field), &json!(code)), "{query}");
        }
        let response = app.client.get(format!("{}/api/v1/events", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 401);
    }

    async fn a_delivered_event_can_be_delivered_again(app: TestApp) {
        canceled_invoice(&app).await;
        let first = app.mock.wait_for(1).await[0].clone();
        wait_for_attempts(&app, &first.event_id, 1).await;

        let (status, event) = redeliver(&app, &first.event_id).await;
        assert_eq!(status, 202, "{event}");
        assert_eq!(event["id"], first.event_id.as_str());
        assert_eq!(event["delivered"], false);
        let received = app.mock.wait_for(2).await;
        assert_eq!(received[1].event_id, first.event_id, "the same event, again");
        assert_eq!(received[1].body, first.body, "byte for byte");
        let event = wait_for_attempts(&app, &first.event_id, 2).await;
        assert_eq!(event["delivered"], true);
    }

    async fn a_waiting_event_is_redelivered_now(app: TestApp) {
        app.mock.fail_next(1);
        canceled_invoice(&app).await;
        let (_, page) = events(&app, "").await;
        let id = page["data"][0]["id"].as_str().unwrap().to_owned();
        wait_for_attempts(&app, &id, 1).await;
        let (status, _) = redeliver(&app, &id).await;
        assert_eq!(status, 202);
        app.mock.wait_for(1).await;
        let event = wait_for_attempts(&app, &id, 2).await;
        assert_eq!(event["delivered"], true);
    }

    async fn another_merchants_event_is_not_found(app: TestApp) {
        let other = spawn_app_on(app.db, &app.database_url, test_settings(&app.database_url), None).await;
        canceled_invoice(&other).await;
        let theirs = other.mock.wait_for(1).await[0].event_id.clone();

        let (status, body) = redeliver(&app, &theirs).await;
        assert_eq!((status, &body["error"]["code"]), (404, &json!("event.not_found")));
        let (_, page) = events(&app, "").await;
        assert_eq!(page["data"], json!([]), "only the merchant's own events");
        for id in [format!("evt_{}", "0".repeat(32)), "evt_nope".to_owned(), "inv_1".to_owned()] {
            let (status, body) = redeliver(&app, &id).await;
            assert_eq!((status, &body["error"]["code"]), (404, &json!("event.not_found")), "{id}");
        }
        // Their event was not touched.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(other.mock.received().len(), 1);
    }
}
