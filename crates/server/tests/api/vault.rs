//! Saved cards: the shopper's consent, the vault, the merchant's API over a
//! customer's cards, merchant-initiated charges, and the master key's
//! rotation, on the test processor.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{Db, TestApp, answer, execute_sql, query_text, spawn_app_with};

/// A customer reference of its own for each test.
fn customer() -> String {
    format!("cus-{}", &kassa_server::ids::random_hex(6))
}

/// Pays a new invoice for `customer` asking `save_card: mode`, with
/// `extra` merged into the pay body; answers the invoice id and the pay
/// answer.
async fn pay_saving(
    app: &TestApp,
    customer: &str,
    mode: &str,
    number: &str,
    extra: Value,
) -> (String, u16, Value) {
    let created = app
        .create_invoice(json!({"customer": customer, "save_card": mode, "amount": "15.04"}))
        .await;
    assert_eq!(created["customer"], customer, "{created}");
    assert_eq!(created["save_card"], mode, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let mut body = TestApp::card(number);
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    let (status, paid) = answer(app.pay(&id, &body).await).await;
    (id, status, paid)
}

async fn saved_cards(app: &TestApp, customer: &str) -> Vec<Value> {
    let response = app
        .client
        .get(format!(
            "{}/api/v1/customers/{customer}/payment_methods",
            app.address
        ))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    let (status, body) = answer(response).await;
    assert_eq!(status, 200, "{body}");
    body["data"].as_array().unwrap().clone()
}

async fn charge_saved(app: &TestApp, key: &str, body: &Value) -> (u16, Value, bool) {
    let response = app
        .client
        .post(format!("{}/api/v1/payments", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    let replayed = response.headers().get("idempotent-replayed").is_some();
    let (status, body) = answer(response).await;
    (status, body, replayed)
}

async fn invoice(app: &TestApp, id: &str) -> Value {
    answer(app.get_invoice(id).await).await.1
}

both_databases! {
    async fn a_card_saved_with_consent_is_charged_again_by_the_merchant(app: TestApp) {
        let customer = customer();
        let (id, status, paid) = pay_saving(&app, &customer, "optional", "4242424242424242", json!({"save_card": true})).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
        let cards = saved_cards(&app, &customer).await;
        assert_eq!(cards.len(), 1, "{cards:?}");
        let card = &cards[0];
        assert_eq!((card["brand"].as_str(), card["last4"].as_str()), (Some("visa"), Some("4242")));
        assert_eq!((card["exp_month"].as_u64(), card["exp_year"].as_u64()), (Some(12), Some(2030)));
        let keys: Vec<&str> = card.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["brand", "created_at", "customer", "exp_month", "exp_year", "id", "last4", "updated_at"], "nothing more is shown");
        let pm = card["id"].as_str().unwrap().to_owned();
        assert_eq!(invoice(&app, &id).await["payment_method"], pm.as_str());
        // The consent is on record, with the wording's version.
        let wording = query_text(&app, "SELECT wording_version FROM card_consents WHERE payment_method_id = $1 AND invoice_id = $2", &[&pm, &id]).await;
        assert_eq!(wording.as_deref(), Some(kassa_api::words::CARD_CONSENT_VERSION));
        assert!(app.processor.stored.lock().unwrap()[0].contains("SaveOnFile"));

        // The merchant charges it again, without the shopper.
        let body = json!({"payment_method": pm, "amount": "9.90", "currency": "EUR", "reason": "recurring", "callbackJson": {"plan": "monthly"}});
        let (status, charged, replayed) = charge_saved(&app, "renewal-2027-01", &body).await;
        assert_eq!((status, replayed), (201, false), "{charged}");
        assert_eq!(charged["payment"]["status"], "succeeded", "{charged}");
        assert_eq!(charged["status"], "paid");
        assert_eq!((charged["amount"].as_str(), charged["reason"].as_str()), (Some("9.90"), Some("recurring")));
        assert_eq!((charged["customer"].as_str(), charged["payment_method"].as_str()), (Some(customer.as_str()), Some(pm.as_str())));
        let renewal = charged["id"].as_str().unwrap().to_owned();
        let stored = app.processor.stored.lock().unwrap().clone();
        assert!(stored[1].contains("MerchantInitiated") && stored[1].contains("Recurring"), "{stored:?}");
        let event = app.mock.wait_for_event(&renewal, "invoice.paid").await;
        assert_eq!(event.json["merchant_data"], json!({"plan": "monthly"}), "{}", event.body);
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 2);

        // A retry with the key answers the same payment and charges nothing.
        let (status, again, replayed) = charge_saved(&app, "renewal-2027-01", &body).await;
        assert_eq!((status, replayed, again["id"].as_str()), (201, true, Some(renewal.as_str())), "{again}");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 2);
        // Without a key, nothing is charged.
        let response = app.client.post(format!("{}/api/v1/payments", app.address))
            .header("API-KEY", &app.merchant.api_key).json(&body).send().await.unwrap();
        let (status, refused) = answer(response).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("idempotency_key.required")), "{refused}");

        // Refunds apply as to any payment.
        let response = app.client.post(format!("{}/api/v1/invoices/{renewal}/refunds", app.address))
            .header("API-KEY", &app.merchant.api_key).json(&json!({"amount": "4.00"})).send().await.unwrap();
        let (status, refund) = answer(response).await;
        assert_eq!((status, refund["amount"].as_str()), (201, Some("4.00")), "{refund}");
    }

    async fn nothing_is_kept_without_the_shoppers_consent(app: TestApp) {
        let customer = customer();
        let (_, status, paid) = pay_saving(&app, &customer, "optional", "4242424242424242", json!({})).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
        assert!(saved_cards(&app, &customer).await.is_empty(), "the box was not ticked");

        let (_, status, refused) = pay_saving(&app, &customer, "required", "4242424242424242", json!({})).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("save_card.consent_required")), "{refused}");
        assert_eq!(refused["error"]["field"], "save_card");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1, "refused before charging");

        let plain = app.create_invoice(json!({})).await;
        let mut body = TestApp::card("4242424242424242");
        body["save_card"] = json!(true);
        let (status, refused) = answer(app.pay(plain["id"].as_str().unwrap(), &body).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("save_card.not_offered")), "{refused}");

        let (status, refused) = answer(app.post_invoice(&app.invoice_body(json!({"save_card": "optional"}))).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("customer.required")), "{refused}");
        let (status, refused) = answer(app.post_invoice(&app.invoice_body(json!({"customer": "c", "save_card": "always"}))).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("save_card.unknown")), "{refused}");
        assert!(saved_cards(&app, &customer).await.is_empty());

        // A declined payment keeps nothing either (the test processor
        // declines 4000 0000 0000 0002).
        let (_, status, declined) = pay_saving(&app, &customer, "optional", "4000000000000002", json!({"save_card": true})).await;
        assert_eq!((status, declined["status"].as_str()), (200, Some("declined")), "{declined}");
        assert!(saved_cards(&app, &customer).await.is_empty());
    }

    async fn saving_the_same_card_again_updates_its_expiry(app: TestApp) {
        let customer = customer();
        pay_saving(&app, &customer, "required", "4242424242424242", json!({"save_card": true})).await;
        let first = saved_cards(&app, &customer).await;
        let (_, status, paid) = pay_saving(&app, &customer, "required", "4242 4242 4242 4242", json!({"save_card": true, "card": {"number": "4242424242424242", "expiry": "11/31", "cvv": "123", "name": "Ada Lovelace"}})).await;
        assert_eq!(status, 200, "{paid}");
        let cards = saved_cards(&app, &customer).await;
        assert_eq!(cards.len(), 1, "one card, not a copy: {cards:?}");
        assert_eq!(cards[0]["id"], first[0]["id"]);
        assert_eq!((cards[0]["exp_month"].as_u64(), cards[0]["exp_year"].as_u64()), (Some(11), Some(2031)));
        // Another card is another entry, newest first.
        pay_saving(&app, &customer, "required", "5555555555554444", json!({"save_card": true})).await;
        let cards = saved_cards(&app, &customer).await;
        let last4: Vec<&str> = cards.iter().map(|card| card["last4"].as_str().unwrap()).collect();
        assert_eq!(last4, ["4444", "4242"]);
        // Each consent is on record.
        let consents = query_text(&app, "SELECT CAST(COUNT(*) AS TEXT) FROM card_consents WHERE payment_method_id = $1", &[first[0]["id"].as_str().unwrap()]).await;
        assert_eq!(consents.as_deref(), Some("2"));
    }

    async fn the_page_offers_saved_cards_and_charges_one_with_a_fresh_security_code(app: TestApp) {
        let customer = customer();
        pay_saving(&app, &customer, "optional", "4242424242424242", json!({"save_card": true})).await;
        let pm = saved_cards(&app, &customer).await[0]["id"].as_str().unwrap().to_owned();

        let returning = app.create_invoice(json!({"customer": customer, "offer_saved": true})).await;
        let id = returning["id"].as_str().unwrap();
        let (_, view) = answer(app.checkout(id).await).await;
        assert_eq!(view["saved_cards"], json!([{"id": pm, "brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030, "expired": false}]), "{view}");
        assert!(!view.to_string().contains("424242"), "no more than the last four: {view}");

        let saved = |cvv: &str| json!({"payment_method": pm, "card": {"number": "", "expiry": "", "cvv": cvv, "name": ""}});
        let (status, refused) = answer(app.pay(id, &saved("")).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("card.cvv_required")), "{refused}");
        let (status, paid) = answer(app.pay(id, &saved("123")).await).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
        let read = invoice(&app, id).await;
        assert_eq!(read["payment_method"], pm.as_str());
        assert_eq!(read["card"]["last4"], "4242");
        let stored = app.processor.stored.lock().unwrap().clone();
        assert!(stored.last().unwrap().contains("CustomerOnFile"), "{stored:?}");

        // Another customer's invoice cannot use it, nor one that does not offer saved cards.
        let stranger = app.create_invoice(json!({"customer": "someone-else", "offer_saved": true})).await;
        let (_, view) = answer(app.checkout(stranger["id"].as_str().unwrap()).await).await;
        assert!(view.get("saved_cards").is_none(), "{view}");
        let (status, refused) = answer(app.pay(stranger["id"].as_str().unwrap(), &saved("123")).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("payment_method.not_found")), "{refused}");
        let plain = app.create_invoice(json!({"customer": customer})).await;
        let (status, refused) = answer(app.pay(plain["id"].as_str().unwrap(), &saved("123")).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("payment_method.not_found")), "{refused}");
    }

    async fn an_expired_saved_card_is_refused_before_the_gateway(app: TestApp) {
        let customer = customer();
        pay_saving(&app, &customer, "optional", "4242424242424242", json!({"save_card": true})).await;
        let pm = saved_cards(&app, &customer).await[0]["id"].as_str().unwrap().to_owned();
        execute_sql(&app, "UPDATE payment_methods SET exp_year = 2021 WHERE id = $1", &[&pm]).await;
        let charges = app.processor.charges.load(Ordering::SeqCst);
        let body = json!({"payment_method": pm, "amount": "9.90", "currency": "EUR", "reason": "unscheduled"});
        let (status, refused, _) = charge_saved(&app, "late", &body).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("payment_method.expired")), "{refused}");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), charges, "no gateway was called");
        let returning = app.create_invoice(json!({"customer": customer, "offer_saved": true})).await;
        let (_, view) = answer(app.checkout(returning["id"].as_str().unwrap()).await).await;
        assert_eq!(view["saved_cards"][0]["expired"], true, "{view}");
        let (status, refused) = answer(app.pay(returning["id"].as_str().unwrap(), &json!({"payment_method": pm, "card": {"cvv": "123"}})).await).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("payment_method.expired")), "{refused}");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), charges);
        // A reason is required and checked.
        let (status, refused, _) = charge_saved(&app, "why", &json!({"payment_method": pm, "amount": "1.00", "currency": "EUR", "reason": "weekly"})).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("reason.unknown")), "{refused}");
    }

    async fn a_deleted_card_is_shredded_and_cannot_be_charged(app: TestApp) {
        let customer = customer();
        pay_saving(&app, &customer, "optional", "4242424242424242", json!({"save_card": true})).await;
        let pm = saved_cards(&app, &customer).await[0]["id"].as_str().unwrap().to_owned();
        assert!(query_text(&app, "SELECT sealed_card FROM payment_methods WHERE id = $1", &[&pm]).await.is_some());
        let delete = || app.client.delete(format!("{}/api/v1/payment_methods/{pm}", app.address)).header("API-KEY", &app.merchant.api_key).send();
        let (status, deleted) = answer(delete().await.unwrap()).await;
        assert_eq!((status, deleted["last4"].as_str()), (200, Some("4242")), "{deleted}");
        assert!(saved_cards(&app, &customer).await.is_empty());
        assert_eq!(query_text(&app, "SELECT sealed_card FROM payment_methods WHERE id = $1", &[&pm]).await, None, "its ciphertext is gone");
        let fingerprint = query_text(&app, "SELECT fingerprint FROM payment_methods WHERE id = $1", &[&pm]).await.unwrap();
        assert_eq!(fingerprint, format!("deleted:{pm}"));
        let (status, again) = answer(delete().await.unwrap()).await;
        assert_eq!((status, again["error"]["code"].as_str()), (404, Some("payment_method.not_found")), "{again}");
        let (status, refused, _) = charge_saved(&app, "after-delete", &json!({"payment_method": pm, "amount": "9.90", "currency": "EUR", "reason": "recurring"})).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("payment_method.not_found")), "{refused}");
        // Without the merchant's key, nothing.
        let response = app.client.get(format!("{}/api/v1/customers/{customer}/payment_methods", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 401);
    }

    async fn no_card_number_or_code_reaches_the_vault_tables_in_the_clear(app: TestApp) {
        let customer = customer();
        // A valid Visa number used nowhere else.
        let number = "4000056655665556";
        let (_, status, paid) = pay_saving(&app, &customer, "optional", number, json!({"save_card": true, "card": {"number": number, "expiry": "12/30", "cvv": "987", "name": "Ada Lovelace"}})).await;
        assert_eq!(status, 200, "{paid}");
        let dump = app.database_dump().await;
        assert!(dump.contains("5556"), "the dump reads the vault tables");
        for secret in [number, "00005665566", "4000 0566"] {
            assert!(!dump.contains(secret), "{secret} is in the database");
        }
        let sealed = query_text(&app, "SELECT sealed_card FROM payment_methods WHERE customer = $1", &[&customer]).await.unwrap();
        assert!(sealed.len() > 100 && sealed.bytes().all(|byte| byte.is_ascii_hexdigit()), "{sealed}");
    }
}

/// Rotates the master key while the server runs: the saved card is still
/// charged, callbacks are still signed, and the old key alone no longer
/// opens the re-wrapped data key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_master_key_rotates_while_the_server_runs() {
    let key_file = std::env::temp_dir().join(format!(
        "kassa-rotation-{}.key",
        kassa_server::ids::random_hex(6)
    ));
    std::fs::write(&key_file, "11".repeat(32)).unwrap();
    let key_file_text = key_file.to_str().unwrap().to_owned();
    let app = spawn_app_with(Db::Sqlite, |settings| {
        settings.secret_key = None;
        settings.secret_key_file = key_file_text.clone();
    })
    .await;
    let customer = customer();
    pay_saving(
        &app,
        &customer,
        "optional",
        "4242424242424242",
        json!({"save_card": true}),
    )
    .await;
    let pm = saved_cards(&app, &customer).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrapped_before = query_text(&app, "SELECT wrapped_key FROM vault_keys", &[])
        .await
        .unwrap();

    let mut settings = crate::helpers::test_settings(&app.database_url);
    settings.secret_key = None;
    settings.secret_key_file = key_file_text;
    let rotation = kassa_server::vault::rotate::rotate(&settings)
        .await
        .unwrap();
    assert_eq!(
        rotation,
        kassa_server::vault::rotate::Rotation {
            data_keys: 1,
            other_values: 1
        }
    );

    let ring = std::fs::read_to_string(&key_file).unwrap();
    let keys: Vec<&str> = ring.lines().collect();
    assert_eq!(keys.len(), 2, "{ring}");
    assert_eq!(keys[1], "11".repeat(32), "the old key follows the new one");
    let wrapped_after = query_text(&app, "SELECT wrapped_key FROM vault_keys", &[])
        .await
        .unwrap();
    assert_ne!(wrapped_before, wrapped_after);
    let old = kassa_server::secrets::SealingKey::from_hex(&"11".repeat(32)).unwrap();
    assert!(
        old.open(&wrapped_after).is_err(),
        "re-wrapped under the new key"
    );
    let new = kassa_server::secrets::SealingKey::from_hex(keys[0]).unwrap();
    assert!(new.open(&wrapped_after).is_ok());

    // The running server charges the saved card and signs its callback.
    let body =
        json!({"payment_method": pm, "amount": "9.90", "currency": "EUR", "reason": "unscheduled"});
    let (status, charged, _) = charge_saved(&app, "after-rotation", &body).await;
    assert_eq!(
        (status, charged["payment"]["status"].as_str()),
        (201, Some("succeeded")),
        "{charged}"
    );
    let event = app
        .mock
        .wait_for_event(charged["id"].as_str().unwrap(), "invoice.paid")
        .await;
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap();
    assert!(kassa_server::signing::verify_callback_signature(
        &app.merchant.callback_secret,
        &event.signature,
        event.body.as_bytes(),
        now,
        300
    ));
    std::fs::remove_file(&key_file).ok();
}
