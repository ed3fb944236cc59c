//! 3-D Secure on the test processor: challenged cards wait for the
//! shopper's answer on Kassa's simulated issuer page, frictionless and
//! unauthenticated results are recorded, and a merchant may require it.

#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer, execute_sql};

/// Stripe's test card that always asks for a challenge.
const CHALLENGED: &str = "4000000000003063";
/// Stripe's test card challenged, then declined once passed.
const CHALLENGED_THEN_DECLINED: &str = "4000008400001629";

/// Pays `number` on a new invoice and expects a challenge: the invoice id,
/// the challenge's id and its URL.
async fn challenged(app: &TestApp, number: &str, extra: Value) -> (String, String, String) {
    let id = app.create_invoice(extra).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, paid) = answer(app.pay(&id, &TestApp::card(number)).await).await;
    assert_eq!(status, 200, "{paid}");
    assert_eq!(paid["status"], "challenge", "{paid}");
    assert!(paid.get("redirect_url").is_none(), "{paid}");
    let challenge_id = paid["challenge"]["id"].as_str().unwrap().to_owned();
    let url = paid["challenge"]["url"].as_str().unwrap().to_owned();
    assert_eq!(url, format!("{}/challenge/{challenge_id}", app.address));
    (id, challenge_id, url)
}

/// The challenge as the page asks for it.
async fn challenge_status(app: &TestApp, id: &str, challenge_id: &str) -> (u16, Value) {
    answer(
        app.client
            .get(format!(
                "{}/api/v1/checkout/{id}/challenges/{challenge_id}",
                app.address
            ))
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The simulated issuer's page: its status, CSP and HTML.
async fn issuer_page(app: &TestApp, url: &str) -> (u16, String, String) {
    let response = app.client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    let csp = response
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    (status, csp, response.text().await.unwrap())
}

/// The one-time code the simulated issuer shows (six digits after "Your code: ").
fn one_time_code(html: &str) -> String {
    let at = html.find("Your code: ").unwrap() + "Your code: ".len();
    html[at..at + 6].to_owned()
}

/// Answers the issuer's page with a form post.
async fn answer_issuer(app: &TestApp, url: &str, form: &[(&str, &str)]) -> String {
    let response = app.client.post(url).form(form).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn invoice(app: &TestApp, id: &str) -> Value {
    answer(app.get_invoice(id).await).await.1
}

/// The invoices `GET /api/v1/invoices?{query}` finds, by id.
async fn search(app: &TestApp, query: &str) -> Vec<String> {
    let (status, body) = answer(
        app.client
            .get(format!("{}/api/v1/invoices?{query}", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|invoice| invoice["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Sets the merchant's 3-D Secure rule with the CLI, as an operator would.
fn require(app: &TestApp, args: &[&str]) {
    let output = crate::helpers::merchant_command(app, "set-three-d-secure", args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

both_databases! {
    async fn a_challenged_card_pays_once_the_shopper_passes_the_challenge(app: TestApp) {
        let (id, challenge_id, url) = challenged(&app, CHALLENGED, json!({})).await;
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);

        // While it waits: the invoice is open and held, the page reloaded
        // finds the challenge, a second payment is refused.
        assert_eq!(invoice(&app, &id).await["status"], "open");
        let (_, view) = answer(app.checkout(&id).await).await;
        assert_eq!(view["challenge"]["id"], challenge_id.as_str(), "{view}");
        let (status, again) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!((status, again["error"]["code"].as_str()), (409, Some("payment.in_progress")));
        let (status, waiting) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!((status, waiting["status"].as_str()), (200, Some("challenge")), "{waiting}");

        // The simulated issuer: the merchant, the amount, the code; no
        // script, framed only by the checkout.
        let (status, csp, html) = issuer_page(&app, &url).await;
        assert_eq!(status, 200);
        assert!(html.contains("Test Shop asks your bank"), "{html}");
        assert!(html.contains("15.04 EUR"), "{html}");
        assert!(html.contains("<label for=\"code\">One-time code</label>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(csp.starts_with("default-src 'none'; style-src 'sha256-"), "{csp}");
        assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
        assert!(!csp.contains("script-src"), "{csp}");
        let code = one_time_code(&html);

        // A wrong code is counted, the right one passes.
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let retry = answer_issuer(&app, &url, &[("action", "confirm"), ("code", wrong)]).await;
        assert!(retry.contains("Tries left: 2."), "{retry}");
        assert!(retry.contains("role=\"alert\""), "{retry}");
        let done = answer_issuer(&app, &url, &[("action", "confirm"), ("code", &code)]).await;
        assert!(done.contains("data-challenge=\"passed\""), "{done}");

        let (status, paid) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!(status, 200);
        assert_eq!(paid["status"], "succeeded", "{paid}");
        assert!(paid["redirect_url"].as_str().unwrap().starts_with("https://shop.example/success"));
        let read = invoice(&app, &id).await;
        assert_eq!(read["status"], "paid");
        assert_eq!(read["attempts"], 1);
        assert_eq!(
            read["three_d_secure"],
            json!({"flow": "challenge", "authenticated": true, "eci": "05", "liability_shift": true})
        );
        let event = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(event.json["invoice"]["three_d_secure"], read["three_d_secure"]);
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1, "charged once, completed once");

        // Answering again changes nothing.
        let again = answer_issuer(&app, &url, &[("action", "refuse")]).await;
        assert!(again.contains("data-challenge=\"passed\""), "{again}");
        assert_eq!(invoice(&app, &id).await["status"], "paid");

        assert_eq!(search(&app, "three_d_secure=authenticated").await, std::slice::from_ref(&id));
        assert!(search(&app, "three_d_secure=failed").await.is_empty());
        let (status, refused) = answer(
            app.client
                .get(format!("{}/api/v1/invoices?three_d_secure=maybe", app.address))
                .header("API-KEY", &app.merchant.api_key)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("three_d_secure.unknown")));
        let dump = app.database_dump().await;
        assert!(!dump.contains(CHALLENGED), "the card number reached the database");
    }

    async fn a_refused_challenge_declines_and_the_shopper_pays_again(app: TestApp) {
        let (id, challenge_id, url) = challenged(&app, CHALLENGED, json!({})).await;
        let done = answer_issuer(&app, &url, &[("action", "refuse")]).await;
        assert!(done.contains("data-challenge=\"failed\""), "{done}");
        let (_, declined) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!(declined["status"], "declined", "{declined}");
        assert_eq!(declined["decline"]["code"], "declined.authentication_failed");
        assert_eq!(declined["attempts_left"], 2);
        let read = invoice(&app, &id).await;
        assert_eq!(read["status"], "open");
        assert_eq!(read["three_d_secure"]["authenticated"], false);
        assert_eq!(read["three_d_secure"]["liability_shift"], false);
        assert_eq!(search(&app, "three_d_secure=failed").await, std::slice::from_ref(&id));

        let (status, paid) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
        let read = invoice(&app, &id).await;
        assert_eq!(read["attempts"], 2);
        assert!(read.get("three_d_secure").is_none(), "the last attempt had none: {read}");
    }

    async fn three_wrong_codes_fail_the_challenge(app: TestApp) {
        let (id, challenge_id, url) = challenged(&app, CHALLENGED, json!({})).await;
        let (_, _, html) = issuer_page(&app, &url).await;
        let wrong = if one_time_code(&html) == "000000" { "111111" } else { "000000" };
        for tries_left in ["2", "1"] {
            let page = answer_issuer(&app, &url, &[("action", "confirm"), ("code", wrong)]).await;
            assert!(page.contains(&format!("Tries left: {tries_left}.")), "{page}");
        }
        let last = answer_issuer(&app, &url, &[("action", "confirm"), ("code", wrong)]).await;
        assert!(last.contains("data-challenge=\"failed\""), "{last}");
        let (_, declined) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!(declined["decline"]["code"], "declined.authentication_failed");
    }

    async fn closing_the_challenge_declines_it_once(app: TestApp) {
        let (id, challenge_id, _) = challenged(&app, CHALLENGED, json!({})).await;
        let abandon = || async {
            answer(
                app.client
                    .post(format!("{}/api/v1/checkout/{id}/challenges/{challenge_id}/abandon", app.address))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        };
        let (status, first) = abandon().await;
        assert_eq!(status, 200);
        assert_eq!(first["status"], "declined");
        assert_eq!(first["decline"]["code"], "declined.authentication_failed");
        let (_, second) = abandon().await;
        assert_eq!(first, second);
        assert_eq!(invoice(&app, &id).await["attempts"], 1);
        // Another invoice's path does not reach it.
        let other = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (status, _) = challenge_status(&app, &other, &challenge_id).await;
        assert_eq!(status, 404);
    }

    async fn a_passed_challenge_can_still_be_declined_by_the_issuer(app: TestApp) {
        let (id, challenge_id, url) = challenged(&app, CHALLENGED_THEN_DECLINED, json!({})).await;
        let (_, _, html) = issuer_page(&app, &url).await;
        let code = one_time_code(&html);
        answer_issuer(&app, &url, &[("action", "confirm"), ("code", &code)]).await;
        let (_, declined) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!(declined["decline"]["code"], "declined.do_not_honour", "{declined}");
        let read = invoice(&app, &id).await;
        assert_eq!(read["three_d_secure"]["authenticated"], true);
    }

    async fn frictionless_attempted_and_unavailable_results_are_recorded(app: TestApp) {
        let cases = [
            ("4000000000003055", json!({"flow": "frictionless", "authenticated": true, "eci": "05", "liability_shift": true})),
            ("4000000000003600", json!({"flow": "attempted", "authenticated": false, "eci": "06", "liability_shift": true})),
            ("4000000000003402", json!({"flow": "unavailable", "authenticated": false, "eci": "07", "liability_shift": false})),
        ];
        let mut ids = Vec::new();
        for (number, expected) in cases {
            let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
            let (status, paid) = answer(app.pay(&id, &TestApp::card(number)).await).await;
            assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{number}: {paid}");
            assert_eq!(invoice(&app, &id).await["three_d_secure"], expected, "{number}");
            ids.push(id);
        }
        assert_eq!(search(&app, "three_d_secure=attempted").await, [ids[1].clone()]);
    }

    async fn a_merchant_may_require_3_d_secure_always_or_above_an_amount(app: TestApp) {
        require(&app, &["--require", "always"]);
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(invoice(&app, &id).await["three_d_secure"]["flow"], "frictionless");
        // Authentication unavailable: without it, no payment.
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (_, declined) = answer(app.pay(&id, &TestApp::card("4000000000003402")).await).await;
        assert_eq!(declined["decline"]["code"], "declined.authentication_required", "{declined}");

        require(&app, &["--require", "above", "--amount", "100.00", "--currency", "EUR"]);
        let small = app.create_invoice(json!({"amount": "100.00"})).await["id"].as_str().unwrap().to_owned();
        answer(app.pay(&small, &TestApp::card("4242424242424242")).await).await;
        assert!(invoice(&app, &small).await.get("three_d_secure").is_none());
        let large = app.create_invoice(json!({"amount": "100.01"})).await["id"].as_str().unwrap().to_owned();
        answer(app.pay(&large, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(invoice(&app, &large).await["three_d_secure"]["authenticated"], true);
        let dollars = app.create_invoice(json!({"currency": "USD", "amount": "1.00"})).await["id"].as_str().unwrap().to_owned();
        answer(app.pay(&dollars, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(invoice(&app, &dollars).await["three_d_secure"]["authenticated"], true, "another currency: required");

        require(&app, &["--require", "automatic"]);
        let id = app.create_invoice(json!({"amount": "500.00"})).await["id"].as_str().unwrap().to_owned();
        answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert!(invoice(&app, &id).await.get("three_d_secure").is_none());
    }

    async fn an_unanswered_challenge_lapses_and_frees_the_invoice(app: TestApp) {
        let (id, challenge_id, url) = challenged(&app, CHALLENGED, json!({})).await;
        // Ten minutes pass.
        execute_sql(&app, "UPDATE invoices SET lease_until = 1 WHERE id = $1", &[&id]).await;
        execute_sql(&app, "UPDATE challenges SET lease_until = 1 WHERE id = $1", &[&challenge_id]).await;
        let (status, lapsed) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!((status, lapsed["error"]["code"].as_str()), (410, Some("challenge.expired")));
        let (_, _, html) = issuer_page(&app, &url).await;
        assert!(html.contains("data-challenge=\"lapsed\""), "{html}");
        // The worker finds nothing was charged and frees the invoice.
        let mut paid = Value::Null;
        for _ in 0..100 {
            let (status, body) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
            if status == 200 {
                paid = body;
                break;
            }
            assert_eq!(status, 409, "{body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(paid["status"], "succeeded", "{paid}");
        assert_eq!(invoice(&app, &id).await["attempts"], 1, "the lapsed challenge used no attempt");
    }

    async fn a_payment_without_a_shopper_cannot_be_challenged(app: TestApp) {
        let body = app.invoice_body(json!({
            "name": "Ada Lovelace", "address1": "1 Main Street", "address2": "", "city": "Springfield",
            "country": "US", "state": "IL", "postcode": "62701", "date_of_birth": "1990-05-17",
            "card_number": CHALLENGED, "card_expiry_date": "12/2030", "card_ccv": "123",
            "customer_ip": "203.0.113.7", "phone": "+12175550100",
        }));
        let (status, created) = answer(app.post_invoice(&body).await).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["payment"]["status"], "failed", "{created}");
        assert_eq!(created["payment"]["decline"]["code"], "declined.authentication_required");
    }

    async fn the_issuer_page_refuses_what_it_does_not_know(app: TestApp) {
        let (_, _, url) = challenged(&app, CHALLENGED, json!({})).await;
        let response = app.client.post(&url).form(&[("action", "maybe")]).send().await.unwrap();
        let (status, body) = answer(response).await;
        assert_eq!((status, body["error"]["code"].as_str()), (400, Some("challenge.action")));
        let unknown = format!("{}/challenge/ch_{}", app.address, "0".repeat(32));
        let (status, _) = answer(app.client.get(&unknown).send().await.unwrap()).await;
        assert_eq!(status, 404);
        let (status, _) = answer(app.client.get(format!("{}/challenge/nope", app.address)).send().await.unwrap()).await;
        assert_eq!(status, 404);
    }
}

/// Puts the app's merchant on a Stripe double.
async fn on_stripe(app: &TestApp) -> kassa_gateway_doubles::stripe::StripeDouble {
    let double = kassa_gateway_doubles::stripe::StripeDouble::start("sk_test_kassa").await;
    let response = app
        .client
        .put(format!("{}/api/v1/merchant/processor", app.address))
        .bearer_auth(&app.merchant.api_key)
        .json(&json!({"processor": "stripe", "config": {"base_url": double.base_url(), "secret_key": "sk_test_kassa"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    double
}

both_databases! {
    async fn a_stripe_challenge_runs_on_stripes_page_and_completes_on_the_way_back(app: TestApp) {
        let double = on_stripe(&app).await;
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();

        let (status, paid) = answer(app.pay(&id, &TestApp::card(CHALLENGED)).await).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("challenge")), "{paid}");
        let url = paid["challenge"]["url"].as_str().unwrap().to_owned();
        let challenge_id = paid["challenge"]["id"].as_str().unwrap().to_owned();
        assert!(url.starts_with(&format!("{}/3d_secure_2/hosted?", double.base_url())), "{url}");
        // Kassa serves no page of its own for a challenge Stripe hosts.
        let (status, _) = answer(app.client.get(format!("{}/challenge/{challenge_id}", app.address)).send().await.unwrap()).await;
        assert_eq!(status, 404);

        // The shopper completes Stripe's page, which sends them back to Kassa.
        let done = app.client.post(&url).form(&[("outcome", "complete")]).send().await.unwrap();
        assert_eq!(done.status(), 303);
        let back = done.headers()["location"].to_str().unwrap().to_owned();
        assert!(back.starts_with(&format!("{}/challenge/return/{id}?payment_intent=pi_", app.address)), "{back}");
        let returned = app.client.get(&back).send().await.unwrap();
        assert_eq!(returned.status(), 200);
        let html = returned.text().await.unwrap();
        assert!(html.contains("data-challenge=\"passed\""), "{html}");

        let (_, ended) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!(ended["status"], "succeeded", "{ended}");
        let read = invoice(&app, &id).await;
        assert_eq!(read["status"], "paid");
        assert_eq!(read["three_d_secure"]["flow"], "challenge");
        assert_eq!(read["three_d_secure"]["authenticated"], true);
        assert_eq!(read["three_d_secure"]["eci"], "05");
        // Coming back again changes nothing.
        let (status, _) = answer(app.client.get(&back).send().await.unwrap()).await;
        assert_eq!(status, 404, "no challenge waits any more");
        assert_eq!(invoice(&app, &id).await["status"], "paid");
    }

    async fn a_failed_stripe_challenge_declines_and_frees_the_invoice(app: TestApp) {
        let _double = on_stripe(&app).await;
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (_, paid) = answer(app.pay(&id, &TestApp::card(CHALLENGED)).await).await;
        let url = paid["challenge"]["url"].as_str().unwrap().to_owned();
        let challenge_id = paid["challenge"]["id"].as_str().unwrap().to_owned();
        let done = app.client.post(&url).form(&[("outcome", "fail")]).send().await.unwrap();
        let back = done.headers()["location"].to_str().unwrap().to_owned();
        let html = app.client.get(&back).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("data-challenge=\"failed\""), "{html}");
        let (_, ended) = challenge_status(&app, &id, &challenge_id).await;
        assert_eq!(ended["decline"]["code"], "declined.authentication_failed", "{ended}");
        assert_eq!(invoice(&app, &id).await["status"], "open");
    }
}

both_databases! {
    async fn a_card_the_shopper_agreed_to_keep_is_kept_once_the_challenge_passes(app: TestApp) {
        let id = app
            .create_invoice(json!({"customer": "cus-3ds", "save_card": "optional"}))
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut body = TestApp::card(CHALLENGED);
        body["save_card"] = json!(true);
        let (_, paid) = answer(app.pay(&id, &body).await).await;
        assert_eq!(paid["status"], "challenge", "{paid}");
        let url = paid["challenge"]["url"].as_str().unwrap().to_owned();
        let list = |app: &TestApp| {
            let request = app
                .client
                .get(format!("{}/api/v1/customers/cus-3ds/payment_methods", app.address))
                .header("API-KEY", &app.merchant.api_key);
            async move { answer(request.send().await.unwrap()).await.1 }
        };
        assert_eq!(list(&app).await["data"].as_array().unwrap().len(), 0, "nothing kept before the bank's answer");
        let (_, _, html) = issuer_page(&app, &url).await;
        answer_issuer(&app, &url, &[("action", "confirm"), ("code", &one_time_code(&html))]).await;
        let read = invoice(&app, &id).await;
        assert_eq!(read["status"], "paid");
        let kept = list(&app).await;
        let cards = kept["data"].as_array().unwrap();
        assert_eq!(cards.len(), 1, "{kept}");
        assert_eq!(cards[0]["last4"], "3063");
        assert_eq!(read["payment_method"], cards[0]["id"]);
        let dump = app.database_dump().await;
        assert!(!dump.contains(CHALLENGED), "only sealed, never the number");
    }
}
