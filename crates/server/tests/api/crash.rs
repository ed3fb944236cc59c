//! The real `kassa-server` binary killed with SIGKILL after a gateway took
//! a charge and before Kassa recorded it: after a restart, the charge is
//! looked up with the gateway and recorded once, with one callback. For
//! each connector, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use kassa_gateway_doubles::Fault;
use serde_json::{Value, json};

use crate::gateways::Gateway;
use crate::helpers::{Db, MockMerchant, answer, fresh_database};

const BINARY: &str = env!("CARGO_BIN_EXE_kassa-server");

/// The settings every run of the binary shares: the database, the sealing
/// key, a lease that lapses a few seconds after a charge starts, and a
/// gateway timeout long enough that the first server is killed while it
/// still waits for the answer.
pub(crate) fn command(database_url: &str) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env("KASSA_DATABASE_URL", database_url)
        .env("KASSA_SECRET_KEY", "22".repeat(32))
        .env("KASSA_ALLOW_PRIVATE_CALLBACKS", "true")
        .env("KASSA_PROCESSOR_TIMEOUT_MS", "4000")
        .env("KASSA_PAYMENT_LEASE_MS", "6000")
        .env("KASSA_WORKER_INTERVAL_MS", "50")
        .env("KASSA_CALLBACK_FIRST_RETRY_MS", "50")
        .env("KASSA_LOG_FORMAT", "json")
        // Every test shopper pays from 127.0.0.1.
        .env("KASSA_PAY_RATE_PER_MINUTE", "100000")
        .stdin(Stdio::null());
    command
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Creates a merchant charging through `double`'s gateway, with
/// `kassa-server merchant create`; its API key.
pub(crate) fn create_merchant(
    database_url: &str,
    double: &Gateway,
    mock: &MockMerchant,
    name: &str,
) -> String {
    let settings = double.settings(false);
    let created = command(database_url)
        .args([
            "merchant",
            "create",
            "--name",
            name,
            "--callback-url",
            &mock.url,
            "--json",
        ])
        .args(["--processor", settings["processor"].as_str().unwrap()])
        .env("KASSA_PROCESSOR_CONFIG", settings["config"].to_string())
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let merchant: Value = serde_json::from_slice(&created.stdout).unwrap();
    merchant["api_key"].as_str().unwrap().to_owned()
}

/// Starts `kassa-server serve` and waits until it answers.
pub(crate) async fn serve(database_url: &str, port: u16) -> Child {
    let mut child = command(database_url)
        .arg("serve")
        .env("KASSA_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok()
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("kassa-server did not start");
}

async fn killed_mid_charge_records_one_charge_and_one_callback_after_restart(db: Db, gw: &str) {
    killed_mid_charge(db, gw, false).await;
}

/// `saving`: the invoice keeps the card (the shopper consented), and the
/// kill falls between the gateway's approval and the save, which is
/// written only with the payment's record: after the restart the payment
/// is recorded, nothing half-saved is left, and no card data is anywhere.
async fn killed_mid_charge(db: Db, gw: &str, saving: bool) {
    let database_url = fresh_database(db).await;
    let double = Gateway::start(gw).await;
    let mock = MockMerchant::start().await;
    let api_key = create_merchant(&database_url, &double, &mock, "Crash Shop");

    let port = free_port();
    let mut server = serve(&database_url, port).await;
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, invoice) = answer(
        client.post(format!("{base}/api/v1/invoices")).bearer_auth(&api_key)
            .json(&json!({"email": "shopper@example.com", "amount": "150.00", "currency": "ILS",
                "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/cancel",
                "pending_url": "https://shop.example/pending", "failure_url": "https://shop.example/failed",
                "callbackJson": {"order": 7},
                "customer": "cus-crash", "save_card": if saving { "required" } else { "optional" }}))
            .send().await.unwrap(),
    ).await;
    assert_eq!(status, 201, "{invoice}");
    let id = invoice["id"].as_str().unwrap().to_owned();

    // The gateway charges, then holds its answer: the server is killed
    // while it waits.
    double.control().fail_next(
        double.charge_path(),
        Fault::AnswerAfter(Duration::from_secs(30)),
    );
    let pay = client
        .post(format!("{base}/api/v1/checkout/{id}/pay"))
        .json(&double.pay_body(double.approved_card(), json!({"save_card": saving})));
    let paying = tokio::spawn(pay.send());
    for _ in 0..200 {
        if !double.charges().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(double.charges().len(), 1, "the gateway took the charge");
    server.kill().unwrap(); // SIGKILL: nothing more is written
    server.wait().unwrap();
    assert!(
        paying.await.unwrap().is_err(),
        "the shopper's request died with the server"
    );

    let mut server = serve(&database_url, port).await;
    let mut status = Value::Null;
    for _ in 0..300 {
        let (_, view) = answer(
            client
                .get(format!("{base}/api/v1/invoices/{id}"))
                .bearer_auth(&api_key)
                .send()
                .await
                .unwrap(),
        )
        .await;
        status = view["status"].clone();
        if status == "paid" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        status, "paid",
        "the lost charge was recorded after the restart"
    );
    mock.wait_for_event(&id, "invoice.paid").await;
    // Nothing half-saved: the card's data died with the request that
    // carried it, so the recovered payment keeps no card, and no table
    // holds the number.
    let (_, cards) = answer(
        client
            .get(format!("{base}/api/v1/customers/cus-crash/payment_methods"))
            .bearer_auth(&api_key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(cards["data"], json!([]), "{cards}");
    let dump = crate::helpers::dump_database(db, &database_url).await;
    let number = double.approved_card();
    assert!(dump.contains("cus-crash"), "the dump reads the invoices");
    assert!(!dump.contains(number), "the card number is in the database");
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.kill().unwrap();
    server.wait().unwrap();

    assert_eq!(
        double.charges().len(),
        1,
        "exactly one charge at the gateway"
    );
    assert!(double.charges()[0].0, "approved");
    let about: Vec<String> = mock
        .received()
        .iter()
        .filter(|event| event.json["invoice"]["id"] == id.as_str())
        .map(|event| event.json["type"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(about, ["invoice.paid"], "one callback");
}

/// SIGKILL between the gateway's approval and saving the card, through the
/// Stripe double (which keeps cards itself), on both databases.
mod killed_mid_save {
    use super::*;
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        killed_mid_charge(Db::Sqlite, "stripe", true).await;
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        killed_mid_charge(Db::Postgres, "stripe", true).await;
    }
}

macro_rules! crash_cases {
    ($($gateway:ident),*) => {$(
        mod $gateway {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                killed_mid_charge_records_one_charge_and_one_callback_after_restart(Db::Sqlite, stringify!($gateway)).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                killed_mid_charge_records_one_charge_and_one_callback_after_restart(Db::Postgres, stringify!($gateway)).await;
            }
        }
    )*};
}

crash_cases!(creditguard, icount, stripe);
