//! Three real `kassa-server` processes on one PostgreSQL database, charging
//! through the Stripe double; one is killed with SIGKILL while payments are
//! in flight, and restarted. Nothing accepted is lost, nothing is charged
//! twice, every callback arrives, and no job stays with the dead instance
//! past its lease.

#![allow(clippy::unwrap_used)]

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde_json::json;

use crate::crash::{create_merchant, free_port, serve};
use crate::gateways::Gateway;
use crate::helpers::{Db, MockMerchant, answer, fresh_database};

/// Invoices created (and paid) across the three instances.
const INVOICES: usize = 45;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_with_one_killed_mid_load_charge_each_invoice_once() {
    let database_url = fresh_database(Db::Postgres).await;
    let double = Gateway::start("stripe").await;
    let mock = MockMerchant::start().await;
    let api_key = create_merchant(&database_url, &double, &mock, "Three Shop");

    let ports = [free_port(), free_port(), free_port()];
    let mut servers = Vec::new();
    for port in ports {
        servers.push(serve(&database_url, port).await);
    }
    let base = |n: usize| format!("http://127.0.0.1:{}", ports[n % 3]);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    // Invoices through all three instances.
    let mut invoices = Vec::new();
    for n in 0..INVOICES {
        let (status, invoice) = answer(
            client.post(format!("{}/api/v1/invoices", base(n))).bearer_auth(&api_key)
                .json(&json!({"email": "shopper@example.com", "amount": "150.00", "currency": "ILS",
                    "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/cancel",
                    "pending_url": "https://shop.example/pending", "failure_url": "https://shop.example/failed",
                    "reference": format!("order-{n}")}))
                .send().await.unwrap(),
        ).await;
        assert_eq!(status, 201, "{invoice}");
        invoices.push(invoice["id"].as_str().unwrap().to_owned());
    }

    // Every invoice paid at once, each through one instance; the gateway
    // holds its answers, so the first instance's charges are in flight
    // when it dies.
    for _ in 0..INVOICES {
        double.control().fail_next(
            double.charge_path(),
            kassa_gateway_doubles::Fault::AnswerAfter(Duration::from_millis(1500)),
        );
    }
    let mut paying = tokio::task::JoinSet::new();
    for (n, id) in invoices.iter().enumerate() {
        let request = client
            .post(format!("{}/api/v1/checkout/{id}/pay", base(n)))
            .json(&double.pay_body(double.approved_card(), json!({})));
        paying.spawn(async move {
            request
                .send()
                .await
                .map(|response| response.status().as_u16())
        });
    }
    // Killed once every charge has reached the gateway, while the answers
    // are held: the dead instance's charges are made, their answers lost.
    // (A request that dies before the gateway sees it is declared never
    // charged only two minutes later, Stripe's safety margin; crash.rs and
    // the connector's tests cover that path.)
    for _ in 0..500 {
        if double.charges().len() >= INVOICES {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut killed = servers.remove(0);
    killed.kill().unwrap(); // SIGKILL, mid-load
    killed.wait().unwrap();
    let answers = paying.join_all().await;
    let lost = answers.iter().filter(|answer| answer.is_err()).count();
    assert!(lost > 0, "the instance died with payments in flight");
    servers.insert(0, serve(&database_url, ports[0]).await);
    let started = std::time::Instant::now();

    // Shoppers whose payment died with the instance try again elsewhere;
    // the surviving instances' workers settle the dead one's charges once
    // their lease lapses.
    let mut statuses: HashMap<String, String> = HashMap::new();
    for round in 0..200 {
        statuses.clear();
        for (n, id) in invoices.iter().enumerate() {
            let (_, view) = answer(
                client
                    .get(format!("{}/api/v1/invoices/{id}", base(n + 1)))
                    .bearer_auth(&api_key)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            let status = view["status"].as_str().unwrap_or_default().to_owned();
            if status == "open" && round % 10 == 9 {
                let retry = client
                    .post(format!("{}/api/v1/checkout/{id}/pay", base(n + 2)))
                    .json(&double.pay_body(double.approved_card(), json!({})))
                    .send()
                    .await
                    .unwrap();
                assert!(
                    [200, 409].contains(&retry.status().as_u16()),
                    "{}",
                    retry.status()
                );
            }
            statuses.insert(id.clone(), status);
        }
        if statuses.values().all(|status| status == "paid") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        statuses.values().all(|status| status == "paid"),
        "every accepted invoice is there and paid ({lost} requests died with the instance): {statuses:?}"
    );

    eprintln!(
        "{lost} payments died with the instance; all paid {:?} after the restart",
        started.elapsed()
    );
    // Once per invoice at the gateway: as many approved charges as invoices,
    // and every invoice paid, leaves no room for a second charge.
    let approved = double.charges().iter().filter(|charge| charge.0).count();
    assert_eq!(approved, INVOICES, "one approved charge per invoice");

    // Every invoice's invoice.paid callback arrived: one event per invoice.
    for id in &invoices {
        mock.wait_for_event(id, "invoice.paid").await;
    }
    let received = mock.received();
    let mut events_per_invoice: HashMap<String, HashSet<String>> = HashMap::new();
    for callback in &received {
        if callback.json["type"] == "invoice.paid" {
            events_per_invoice
                .entry(callback.json["invoice"]["id"].as_str().unwrap().to_owned())
                .or_default()
                .insert(callback.event_id.clone());
        }
    }
    assert!(
        events_per_invoice.values().all(|events| events.len() == 1),
        "one invoice.paid event per invoice: {events_per_invoice:?}"
    );

    // Nothing is left claimed: no payment lease, no undelivered event.
    let (_, undelivered) = answer(
        client
            .get(format!("{}/api/v1/events?undelivered=true", base(1)))
            .bearer_auth(&api_key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(undelivered["data"], json!([]), "{undelivered}");
    let mut connection = <sqlx::PgConnection as sqlx::Connection>::connect(&database_url)
        .await
        .unwrap();
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invoices WHERE lease_until IS NOT NULL OR pending_token IS NOT NULL",
    )
    .fetch_one(&mut connection)
    .await
    .unwrap();
    assert_eq!(held, 0, "no invoice still held by a payment");

    for mut server in servers {
        server.kill().unwrap();
        server.wait().unwrap();
    }
}
