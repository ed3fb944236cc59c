//! Merchants, through the real binary's `merchant create`, and what the
//! server keeps of a short card.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{Db, TestApp, fresh_database};

fn merchant_create(
    database_url: &str,
    callback_url: &str,
    allow_private: bool,
) -> std::process::Output {
    merchant_create_allowing(database_url, callback_url, allow_private.then_some("true"))
}

/// `merchant create` with `KASSA_ALLOW_PRIVATE_CALLBACKS` set to `allow` (unset for `None`).
fn merchant_create_allowing(
    database_url: &str,
    callback_url: &str,
    allow: Option<&str>,
) -> std::process::Output {
    let key_file = std::env::temp_dir().join(format!(
        "kassa_test_{}.key",
        kassa_server::ids::random_hex(6)
    ));
    let mut command = Command::new(env!("CARGO_BIN_EXE_kassa-server"));
    command
        .args([
            "merchant",
            "create",
            "--name",
            "CLI Shop",
            "--callback-url",
            callback_url,
            "--json",
        ])
        .env("KASSA_DATABASE_URL", database_url)
        .env("KASSA_SECRET_KEY_FILE", &key_file)
        .env_remove("KASSA_ALLOW_PRIVATE_CALLBACKS");
    if let Some(allow) = allow {
        command.env("KASSA_ALLOW_PRIVATE_CALLBACKS", allow);
    }
    command.output().unwrap()
}

#[tokio::test]
async fn merchant_create_prints_the_key_and_secret_once_as_json() {
    let database_url = fresh_database(Db::Sqlite).await;
    let output = merchant_create(&database_url, "https://shop.example/kassa", false);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let created: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(created["merchant_id"].as_str().unwrap().starts_with("mer_"));
    assert!(created["api_key"].as_str().unwrap().starts_with("sk_"));
    assert!(
        created["callback_secret"]
            .as_str()
            .unwrap()
            .starts_with("whsec_")
    );
}

#[tokio::test]
async fn a_loopback_callback_url_is_refused_unless_the_operator_allows_it() {
    let database_url = fresh_database(Db::Sqlite).await;
    let refused = merchant_create(&database_url, "http://127.0.0.1:9/callbacks", false);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("private or loopback"));
    let allowed = merchant_create(&database_url, "http://127.0.0.1:9/callbacks", true);
    assert!(
        allowed.status.success(),
        "{}",
        String::from_utf8_lossy(&allowed.stderr)
    );
}

#[tokio::test]
async fn boolean_settings_take_what_operators_type() {
    let database_url = fresh_database(Db::Sqlite).await;
    for yes in ["1", "yes", "on", "true", "TRUE"] {
        let allowed =
            merchant_create_allowing(&database_url, "http://127.0.0.1:9/callbacks", Some(yes));
        assert!(
            allowed.status.success(),
            "{yes}: {}",
            String::from_utf8_lossy(&allowed.stderr)
        );
    }
    for no in ["0", "no", "off", "false"] {
        let refused =
            merchant_create_allowing(&database_url, "http://127.0.0.1:9/callbacks", Some(no));
        assert!(
            !refused.status.success(),
            "{no} allowed a loopback callback"
        );
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("private or loopback"),
            "{no}"
        );
    }
    let nonsense = merchant_create_allowing(
        &database_url,
        "http://127.0.0.1:9/callbacks",
        Some("perhaps"),
    );
    assert!(!nonsense.status.success());
    assert!(
        String::from_utf8_lossy(&nonsense.stderr).contains("KASSA_ALLOW_PRIVATE_CALLBACKS")
            || String::from_utf8_lossy(&nonsense.stderr).contains("perhaps")
    );
}

both_databases! {
    async fn a_short_card_keeps_no_more_digits_than_its_masked_form_shows(app: TestApp) {
        let invoice = app.create_invoice(json!({})).await;
        let id = invoice["id"].as_str().unwrap();
        // A 12-digit Maestro: BIN and last four together would be 10 of 12 digits.
        let paid: Value = app.pay(id, &TestApp::card("5000 0000 0009")).await.json().await.unwrap();
        assert_eq!(paid["status"], "succeeded", "{paid}");
        let stored: Value = app.get_invoice(id).await.json().await.unwrap();
        assert_eq!(stored["card"]["masked"], "500*****0009");
        assert_eq!(stored["card"]["bin"], "500");
        assert_eq!(stored["card"]["last4"], "0009");
        assert!(!app.database_dump().await.contains("500000000009"));
    }
}
