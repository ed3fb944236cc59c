//! The checkout API the hosted page calls: reading an invoice, paying it
//! (approvals, field errors, declines, pending payments, races), canceling,
//! expiry and an unreachable processor.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer};

/// The Visa test card every processor approves.
const VISA: &str = "4242 4242 4242 4242";

/// A response's status and JSON body.
/// Pays `id` with `body`, returning the status and JSON.
async fn pay(app: &TestApp, id: &str, body: &Value) -> (u16, Value) {
    answer(app.pay(id, body).await).await
}

/// The checkout view of `id`, asserting 200.
async fn checkout_view(app: &TestApp, id: &str) -> Value {
    let (status, body) = answer(app.checkout(id).await).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The merchant API's view of `id`, asserting 200.
async fn merchant_view(app: &TestApp, id: &str) -> Value {
    let (status, body) = answer(app.get_invoice(id).await).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// A pay body with one card field or option changed.
fn card_with(number: &str, extra: Value) -> Value {
    let mut body = TestApp::card(number);
    for (key, value) in extra.as_object().unwrap() {
        body.as_object_mut()
            .unwrap()
            .insert(key.clone(), value.clone());
    }
    body
}

/// Splits a redirect URL into the part before the query and its pairs.
fn split_redirect(url: &str) -> (String, Vec<(String, String)>) {
    let parsed = url::Url::parse(url).unwrap();
    let pairs = parsed
        .query_pairs()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let mut base = parsed.clone();
    base.set_query(None);
    (base.to_string(), pairs)
}

/// Asserts `url` is `base` with `extra_query` kept, then `invoice_id`,
/// `status` and a valid signature for that status.
fn assert_signed_redirect(
    app: &TestApp,
    url: &str,
    base: &str,
    extra_query: &[(&str, &str)],
    id: &str,
    status: &str,
) {
    let (actual_base, pairs) = split_redirect(url);
    assert_eq!(actual_base, base, "{url}");
    let signature =
        kassa_server::signing::redirect_signature(&app.merchant.callback_secret, id, status);
    let mut expected: Vec<(String, String)> = extra_query
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect();
    expected.push(("invoice_id".into(), id.to_owned()));
    expected.push(("status".into(), status.to_owned()));
    expected.push(("signature".into(), signature));
    assert_eq!(pairs, expected, "{url}");
}

/// Polls the merchant API until `id` has `status` (at most 15 s).
async fn wait_for_status(app: &TestApp, id: &str, status: &str) -> Value {
    let mut last = Value::Null;
    for _ in 0..300 {
        last = merchant_view(app, id).await;
        if last["status"] == status {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("invoice {id} never became {status}; last seen {last}");
}

fn id_of(invoice: &Value) -> String {
    invoice["id"].as_str().unwrap().to_owned()
}

both_databases! {
    async fn checkout_shows_what_the_page_needs_with_installments_whose_first_payment_carries_the_rounding(app: TestApp) {
        let invoice = app
            .create_invoice(json!({"amount": "100.00", "installments": 3, "description": "Three books"}))
            .await;
        let id = id_of(&invoice);
        let view = checkout_view(&app, &id).await;
        assert_eq!(view["invoice_id"], id);
        assert_eq!(view["merchant_name"], "Test Shop");
        assert_eq!(view["amount"], "100.00");
        assert_eq!(view["currency"], "EUR");
        assert_eq!(view["minor_units"], 2);
        assert_eq!(view["description"], "Three books");
        assert_eq!(view["status"], "open");
        assert_eq!(view["attempts_left"], 3);
        assert_eq!(
            view["installment_options"],
            json!([
                {"count": 1, "first_payment": "100.00"},
                {"count": 2, "first_payment": "50.00", "other_payment": "50.00"},
                {"count": 3, "first_payment": "33.34", "other_payment": "33.33"},
            ])
        );
        let expires_in = view["expires_in"].as_i64().unwrap();
        assert!((24 * 3600 - 60..=24 * 3600).contains(&expires_in), "{expires_in}");
    }

    async fn checkout_reports_zero_minor_units_for_yen(app: TestApp) {
        let invoice = app.create_invoice(json!({"amount": "1500", "currency": "JPY"})).await;
        let view = checkout_view(&app, &id_of(&invoice)).await;
        assert_eq!(view["amount"], "1500");
        assert_eq!(view["currency"], "JPY");
        assert_eq!(view["minor_units"], 0);
        assert!(view.get("installment_options").is_none_or(|options| options == &json!([])), "{view}");
    }

    async fn checkout_never_reveals_callback_json_merchant_urls_or_secrets(app: TestApp) {
        let invoice = app
            .create_invoice(json!({"callbackJson": {"order": "secret-order-7731", "big": 9_007_199_254_740_993_u64}}))
            .await;
        let id = id_of(&invoice);
        let text = app.checkout(&id).await.text().await.unwrap();
        for secret in [
            "secret-order-7731",
            "9007199254740993",
            "callbackJson",
            "merchant_data",
            "shop.example",
            "success_url",
            "cancel_url",
            "pending_url",
            "failure_url",
            app.mock.url.as_str(),
            app.merchant.api_key.as_str(),
            app.merchant.callback_secret.as_str(),
            app.merchant.merchant_id.as_str(),
        ] {
            assert!(!text.contains(secret), "the checkout view shows {secret:?}: {text}");
        }
        assert!(text.contains(&id), "{text}");
    }

    async fn paying_with_an_approved_card_redirects_to_the_success_url_with_a_valid_signature(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "succeeded");
        assert_eq!(body["attempts_left"], 0);
        assert!(body.get("decline").is_none(), "{body}");
        assert_signed_redirect(
            &app,
            body["redirect_url"].as_str().unwrap(),
            "https://shop.example/success",
            &[("order", "42")],
            &id,
            "paid",
        );
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
        assert_eq!(checkout_view(&app, &id).await["status"], "paid");
    }

    async fn a_paid_invoice_shows_a_masked_card_brand_and_authorization_code_to_the_merchant(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!((status, &body["status"]), (200, &json!("succeeded")), "{body}");
        let invoice = merchant_view(&app, &id).await;
        assert_eq!(invoice["status"], "paid");
        assert_eq!(invoice["attempts"], 1);
        assert_eq!(invoice["card"]["masked"], "424242******4242");
        assert_eq!(invoice["card"]["brand"], "visa");
        assert_eq!(invoice["card"]["last4"], "4242");
        assert_eq!(invoice["card"]["exp_month"], 12);
        assert_eq!(invoice["card"]["exp_year"], 2030);
        assert_eq!(invoice["card"]["holder_name"], "Ada Lovelace");
        let code = invoice["authorization_code"].as_str().unwrap();
        assert!(code.len() == 6 && code.bytes().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit()), "{code}");
        assert!(!invoice.to_string().contains("4242424242424242"), "{invoice}");
    }

    async fn several_bad_card_fields_are_reported_at_once_with_their_codes(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let bad = json!({"card": {"number": "4242 4242 4242 4241", "expiry": "01/20", "cvv": "12", "name": ""}});
        let (status, body) = pay(&app, &id, &bad).await;
        assert_eq!(status, 400, "{body}");
        let problems: Vec<(&str, &str)> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|problem| (problem["field"].as_str().unwrap(), problem["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            problems,
            [
                ("card.number", "card_number.checksum"),
                ("card.expiry", "expiry.in_past"),
                ("card.cvv", "cvv.length"),
                ("card.name", "name.empty"),
            ]
        );
        assert_eq!(body["error"]["code"], "card_number.checksum");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0, "nothing reaches the processor");
        let view = checkout_view(&app, &id).await;
        assert_eq!((&view["status"], &view["attempts_left"]), (&json!("open"), &json!(3)), "a typo is not an attempt");
    }

    async fn field_errors_speak_the_invoice_locale(app: TestApp) {
        let english = id_of(&app.create_invoice(json!({})).await);
        let french = id_of(&app.create_invoice(json!({"locale": "fr"})).await);
        let bad = json!({"card": {"number": "4242 4242 4242 4241", "expiry": "01/20", "cvv": "12", "name": ""}});
        let (status, in_english) = pay(&app, &english, &bad).await;
        assert_eq!(status, 400, "{in_english}");
        let (status, in_french) = pay(&app, &french, &bad).await;
        assert_eq!(status, 400, "{in_french}");
        let messages = |body: &Value| -> Vec<(String, String)> {
            body["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|problem| (problem["code"].as_str().unwrap().to_owned(), problem["message"].as_str().unwrap().to_owned()))
                .collect()
        };
        let french_messages = messages(&in_french);
        assert_eq!(
            french_messages,
            [
                ("card_number.checksum".to_owned(), "Ce numéro de carte n'est pas valide. Vérifiez qu'il ne contient pas d'erreur de saisie.".to_owned()),
                ("expiry.in_past".to_owned(), "Cette carte a expiré.".to_owned()),
                ("cvv.length".to_owned(), "Le cryptogramme visuel n'a pas le bon nombre de chiffres.".to_owned()),
                ("name.empty".to_owned(), "Saisissez le nom figurant sur la carte.".to_owned()),
            ]
        );
        for ((code, english), (_, french)) in messages(&in_english).iter().zip(&french_messages) {
            assert_ne!(english, french, "{code} is not translated");
        }

        let spanish = id_of(&app.create_invoice(json!({"locale": "es-MX"})).await);
        let german = id_of(&app.create_invoice(json!({"locale": "de"})).await);
        let (status, in_spanish) = pay(&app, &spanish, &bad).await;
        assert_eq!(status, 400, "{in_spanish}");
        let (status, in_german) = pay(&app, &german, &bad).await;
        assert_eq!(status, 400, "{in_german}");
        assert_eq!(
            messages(&in_spanish),
            [
                ("card_number.checksum".to_owned(), "Este número de tarjeta no es válido. Compruebe que esté bien escrito.".to_owned()),
                ("expiry.in_past".to_owned(), "Esta tarjeta ha caducado.".to_owned()),
                ("cvv.length".to_owned(), "El código de seguridad no tiene la cantidad correcta de dígitos.".to_owned()),
                ("name.empty".to_owned(), "Introduzca el nombre que figura en la tarjeta.".to_owned()),
            ]
        );
        assert_eq!(
            messages(&in_german),
            [
                ("card_number.checksum".to_owned(), "Diese Kartennummer ist ungültig. Bitte prüfen Sie sie auf Tippfehler.".to_owned()),
                ("expiry.in_past".to_owned(), "Diese Karte ist abgelaufen.".to_owned()),
                ("cvv.length".to_owned(), "Die Prüfnummer hat nicht die richtige Anzahl an Ziffern.".to_owned()),
                ("name.empty".to_owned(), "Bitte geben Sie den Namen auf der Karte ein.".to_owned()),
            ]
        );
    }

    async fn a_decline_speaks_the_invoice_locale(app: TestApp) {
        for (locale, expected) in [
            (None, "The payment was declined: insufficient funds. Try another card."),
            (Some("fr-CA"), "Le paiement a été refusé : fonds insuffisants. Essayez une autre carte."),
            (Some("es"), "Se rechazó el pago por fondos insuficientes. Pruebe con otra tarjeta."),
            (Some("de-AT"), "Die Zahlung wurde wegen fehlender Deckung abgelehnt. Bitte versuchen Sie es mit einer anderen Karte."),
        ] {
            let invoice = match locale {
                Some(locale) => json!({"locale": locale}),
                None => json!({}),
            };
            let id = id_of(&app.create_invoice(invoice).await);
            let (status, body) = pay(&app, &id, &TestApp::card("4000000000009995")).await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body["decline"]["code"], "declined.insufficient_funds");
            assert_eq!(body["decline"]["message"], expected, "{locale:?}");
        }
    }

    async fn a_retryable_decline_leaves_attempts_and_a_retry_succeeds(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card("4000000000009995")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "declined");
        assert_eq!(body["attempts_left"], 2);
        assert_eq!(body["decline"]["code"], "declined.insufficient_funds");
        assert!(!body["decline"]["message"].as_str().unwrap().is_empty());
        assert!(body.get("redirect_url").is_none(), "no redirect after a retryable decline: {body}");
        let view = checkout_view(&app, &id).await;
        assert_eq!((&view["status"], &view["attempts_left"]), (&json!("open"), &json!(2)));

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "succeeded");
        assert_signed_redirect(&app, body["redirect_url"].as_str().unwrap(), "https://shop.example/success", &[("order", "42")], &id, "paid");
        let invoice = merchant_view(&app, &id).await;
        assert_eq!(invoice["status"], "paid");
        assert_eq!(invoice["attempts"], 2);
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 2);
    }

    async fn three_declines_fail_the_invoice_and_the_third_redirects_to_the_failure_url(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let declined = TestApp::card("4000000000000002");
        for left in [2, 1] {
            let (status, body) = pay(&app, &id, &declined).await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body["status"], "declined");
            assert_eq!(body["attempts_left"], left);
            assert_eq!(body["decline"]["code"], "declined.do_not_honour");
            assert!(body.get("redirect_url").is_none(), "{body}");
        }
        let (status, body) = pay(&app, &id, &declined).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "failed");
        assert_eq!(body["attempts_left"], 0);
        assert_signed_redirect(&app, body["redirect_url"].as_str().unwrap(), "https://shop.example/failure", &[], &id, "failed");
        let invoice = merchant_view(&app, &id).await;
        assert_eq!(invoice["status"], "failed");
        assert_eq!(invoice["attempts"], 3);
        assert_eq!(checkout_view(&app, &id).await["status"], "failed");

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "invoice.failed");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 3);
    }

    async fn a_lost_card_fails_the_invoice_at_once(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card("4000000000009987")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "failed");
        assert_eq!(body["attempts_left"], 0);
        assert_eq!(body["decline"]["code"], "declined.lost_card");
        assert_signed_redirect(&app, body["redirect_url"].as_str().unwrap(), "https://shop.example/failure", &[], &id, "failed");
        assert_eq!(merchant_view(&app, &id).await["status"], "failed");

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "invoice.failed");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
    }

    async fn a_pending_payment_redirects_to_the_pending_url_then_settles_as_paid(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card("4000000000003220")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "pending");
        assert_signed_redirect(&app, body["redirect_url"].as_str().unwrap(), "https://shop.example/pending", &[], &id, "pending");
        assert_eq!(checkout_view(&app, &id).await["status"], "pending");

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 409, "a pending invoice cannot be paid twice: {body}");
        assert_eq!(body["error"]["code"], "invoice.pending");

        let paid = wait_for_status(&app, &id, "paid").await;
        assert_eq!(paid["card"]["masked"], "400000******3220");
        assert!(paid["authorization_code"].as_str().is_some_and(|code| code.len() == 6), "{paid}");
        let paid_event = app.mock.wait_for_event(&id, "invoice.paid").await;
        let received = app.mock.received();
        let kinds: Vec<&Value> = received.iter().filter(|event| event.json["invoice"]["id"] == id.as_str()).map(|event| &event.json["type"]).collect();
        assert_eq!(kinds, [&json!("invoice.pending"), &json!("invoice.paid")]);
        assert_eq!(paid_event.json["invoice"]["status"], "paid");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
    }

    async fn a_pending_payment_can_settle_as_failed(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card("4000000000003071")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "pending");
        let failed = wait_for_status(&app, &id, "failed").await;
        assert!(failed["authorization_code"].is_null(), "{failed}");
        let event = app.mock.wait_for_event(&id, "invoice.failed").await;
        assert_eq!(event.json["invoice"]["decline_code"], "do_not_honour");
        assert_eq!(checkout_view(&app, &id).await["status"], "failed");
    }

    async fn twenty_concurrent_payments_charge_the_card_exactly_once(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let mut payments = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let client = app.client.clone();
            let url = format!("{}/api/v1/checkout/{id}/pay", app.address);
            payments.spawn(async move { answer(client.post(url).json(&TestApp::card(VISA)).send().await.unwrap()).await });
        }
        let mut succeeded = 0;
        while let Some(result) = payments.join_next().await {
            let (status, body) = result.unwrap();
            match status {
                200 => {
                    assert_eq!(body["status"], "succeeded", "{body}");
                    succeeded += 1;
                }
                409 => {
                    let code = body["error"]["code"].as_str().unwrap();
                    assert!(code == "payment.in_progress" || code == "invoice.paid", "{body}");
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        assert_eq!(succeeded, 1);
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
        let invoice = merchant_view(&app, &id).await;
        assert_eq!((&invoice["status"], &invoice["attempts"]), (&json!("paid"), &json!(1)));
    }

    async fn paying_a_paid_invoice_is_a_conflict(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, _) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 200);
        let (status, body) = pay(&app, &id, &TestApp::card("5555 5555 5555 4444")).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "invoice.paid");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);
        assert_eq!(merchant_view(&app, &id).await["card"]["last4"], "4242");
    }

    async fn more_installments_than_the_invoice_allows_are_refused(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({"amount": "90.00", "installments": 3})).await);
        let (status, body) = pay(&app, &id, &card_with(VISA, json!({"installments": 4}))).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["code"], "installments.count");
        assert_eq!(body["error"]["field"], "installments");
        let (status, body) = pay(&app, &id, &card_with(VISA, json!({"installments": 0}))).await;
        assert_eq!((status, &body["error"]["code"]), (400, &json!("installments.count")), "{body}");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);

        let (status, body) = pay(&app, &id, &card_with(VISA, json!({"installments": 3}))).await;
        assert_eq!((status, &body["status"]), (200, &json!("succeeded")), "{body}");
    }

    async fn a_co_badged_card_pays_on_the_network_the_shopper_chose(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &card_with("4571 0000 0000 0001", json!({"network": "visa"}))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "succeeded");
        let invoice = merchant_view(&app, &id).await;
        assert_eq!(invoice["card"]["brand"], "visa");
        assert_eq!(invoice["card"]["masked"], "457100******0001");
    }

    async fn a_co_badged_card_cannot_pay_on_a_network_it_does_not_run_on(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &card_with("4571 0000 0000 0001", json!({"network": "amex"}))).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["code"], "network.not_available");
        assert_eq!(body["error"]["field"], "network");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);
        assert_eq!(checkout_view(&app, &id).await["status"], "open");
    }

    async fn the_shopper_can_cancel_and_is_sent_to_the_cancel_url_with_a_signature(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = answer(app.client.post(format!("{}/api/v1/checkout/{id}/cancel", app.address)).send().await.unwrap()).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "canceled");
        assert_signed_redirect(&app, body["redirect_url"].as_str().unwrap(), "https://shop.example/cancel", &[], &id, "canceled");
        assert_eq!(checkout_view(&app, &id).await["status"], "canceled");
        assert_eq!(merchant_view(&app, &id).await["status"], "canceled");

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "invoice.canceled");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);
        app.mock.wait_for_event(&id, "invoice.canceled").await;
    }

    async fn an_expired_invoice_shows_expired_and_cannot_be_paid(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        app.expire_now(&id).await;
        let view = checkout_view(&app, &id).await;
        assert_eq!(view["status"], "expired");
        assert_eq!(view["expires_in"], 0);

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 410, "{body}");
        assert_eq!(body["error"]["code"], "invoice.expired");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);
        assert_eq!(merchant_view(&app, &id).await["status"], "expired");
    }

    async fn an_unreachable_processor_answers_502_and_the_invoice_stays_payable(app: TestApp) {
        let id = id_of(&app.create_invoice(json!({})).await);
        let (status, body) = pay(&app, &id, &TestApp::card("4000000000005035")).await;
        assert_eq!(status, 502, "{body}");
        assert_eq!(body["error"]["code"], "processor.unavailable");
        let view = checkout_view(&app, &id).await;
        assert_eq!((&view["status"], &view["attempts_left"]), (&json!("open"), &json!(3)), "nothing was charged, no attempt used");

        let (status, body) = pay(&app, &id, &TestApp::card(VISA)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "succeeded");
        assert_eq!(merchant_view(&app, &id).await["status"], "paid");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 2);
    }
}
