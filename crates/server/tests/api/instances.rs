//! Several `kassa-server` instances on one PostgreSQL database: they start
//! (and migrate) at the same moment, serve every route, and share the
//! workers' jobs so each payment is recorded once and each callback sent
//! once.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, answer, fresh_database, spawn_app_on, test_settings};

async fn three_instances_share_one_database() {
    let url = fresh_database(Db::Postgres).await;
    // All three migrate the fresh database at once.
    let (first, second, third) = tokio::join!(
        spawn_app_on(Db::Postgres, &url, test_settings(&url), None),
        spawn_app_on(Db::Postgres, &url, test_settings(&url), None),
        spawn_app_on(Db::Postgres, &url, test_settings(&url), None),
    );
    let instances = [&first, &second, &third];

    // The first instance's merchant; its shoppers reach any instance.
    let mut invoices = Vec::new();
    for n in 0..24 {
        let id = first
            .create_invoice(json!({"reference": format!("order-{n}")}))
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        invoices.push(id);
    }
    let mut payments = Vec::new();
    for (n, id) in invoices.iter().enumerate() {
        // Half approve at once, half go pending and are settled by whichever
        // instance's worker comes first.
        let card = if n % 2 == 0 {
            "4242424242424242"
        } else {
            "4000000000003220"
        };
        let instance: &TestApp = instances[n % 3];
        let request = instance
            .client
            .post(format!("{}/api/v1/checkout/{id}/pay", instance.address))
            .json(&TestApp::card(card));
        // The same invoice is also paid through another instance at the
        // same moment: one charge wins, the other is refused.
        let rival: &TestApp = instances[(n + 1) % 3];
        let rival_request = rival
            .client
            .post(format!("{}/api/v1/checkout/{id}/pay", rival.address))
            .json(&TestApp::card(card));
        payments.push(async move {
            let (a, b) = tokio::join!(request.send(), rival_request.send());
            (answer(a.unwrap()).await, answer(b.unwrap()).await)
        });
    }
    for ((status_a, body_a), (status_b, body_b)) in futures_join_all(payments).await {
        let statuses = [status_a, status_b];
        assert!(
            statuses.contains(&200),
            "one payment goes through: {body_a} {body_b}"
        );
        assert!(
            statuses.contains(&409),
            "the other is refused: {body_a} {body_b}"
        );
        let refused = if status_a == 409 { &body_a } else { &body_b };
        let code = refused["error"]["code"].as_str().unwrap_or_default();
        // Refused while the first charges, or because it has already charged.
        assert!(
            ["payment.in_progress", "invoice.paid", "invoice.pending"].contains(&code),
            "{refused}"
        );
    }

    // Every invoice ends paid, with exactly one invoice.paid callback, and no
    // event is delivered twice.
    for id in &invoices {
        let mut status = Value::Null;
        for _ in 0..300 {
            // Read through another instance, with the first's merchant key.
            let view: Value = second
                .client
                .get(format!("{}/api/v1/invoices/{id}", second.address))
                .bearer_auth(&first.merchant.api_key)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            status = view["status"].clone();
            if status == "paid" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        assert_eq!(status, "paid", "{id}");
        first.mock.wait_for_event(id, "invoice.paid").await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = first.mock.received();
    let mut by_event: HashMap<String, usize> = HashMap::new();
    for callback in &received {
        *by_event.entry(callback.event_id.clone()).or_default() += 1;
    }
    assert!(
        by_event.values().all(|count| *count == 1),
        "an event was delivered twice: {by_event:?}"
    );
    for id in &invoices {
        let paid = received
            .iter()
            .filter(|callback| {
                callback.json["invoice"]["id"] == id.as_str()
                    && callback.json["type"] == "invoice.paid"
            })
            .count();
        assert_eq!(paid, 1, "{id}");
    }
    let charges: u32 = instances
        .iter()
        .map(|app| {
            app.processor
                .charges
                .load(std::sync::atomic::Ordering::SeqCst)
        })
        .sum();
    assert_eq!(charges, 24, "one charge per invoice across the instances");
}

/// Awaits every future, concurrently.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: Vec<F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_on_one_postgres_database_record_each_payment_and_callback_once() {
    three_instances_share_one_database().await;
}
