//! The dashboard's server side over HTTP: users made by the operator's
//! CLI, signing in (wrong passwords, lock-out, the second factor), the
//! session cookie and its CSRF token on the merchant routes, roles, API
//! keys rolled and revoked, settings reaching the hosted page, an invoice's
//! timeline, the overview and the audit log.

#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::process::Stdio;

use reqwest::Method;
use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer};

const PASSWORD: &str = "correct horse battery";

/// `kassa-server user …` against the app's database, with the app's key.
fn user_command(app: &TestApp, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = crate::crash::command(&app.database_url)
        .env("KASSA_SECRET_KEY", "11".repeat(32))
        .arg("user")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn create_user(app: &TestApp, email: &str, role: &str) {
    let output = user_command(
        app,
        &[
            "create",
            "--merchant",
            &app.merchant.merchant_id,
            "--email",
            email,
            "--role",
            role,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("/dashboard"));
}

/// A signed-in browser: its cookie and CSRF token.
struct Session {
    cookie: String,
    csrf: String,
    view: Value,
}

async fn sign_in_raw(app: &TestApp, body: Value) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/dashboard/session", app.address))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn sign_in(app: &TestApp, email: &str) -> Session {
    let response = sign_in_raw(app, json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(response.status(), 200);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let view: Value = response.json().await.unwrap();
    Session {
        cookie,
        csrf: view["csrf_token"].as_str().unwrap().to_owned(),
        view,
    }
}

/// A request with the session's cookie, and its CSRF token when `csrf`.
async fn call(
    app: &TestApp,
    session: &Session,
    method: Method,
    path: &str,
    body: Option<Value>,
    csrf: bool,
) -> (u16, Value) {
    let mut request = app
        .client
        .request(method, format!("{}{path}", app.address))
        .header("cookie", &session.cookie);
    if csrf {
        request = request.header("x-csrf-token", &session.csrf);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    if response.status() == 204 {
        return (204, Value::Null);
    }
    answer(response).await
}

async fn paid_invoice(app: &TestApp, amount: &str) -> String {
    let id = app.create_invoice(json!({"amount": amount})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, paid) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(status, 200, "{paid}");
    id
}

async fn audit_actions(
    app: &TestApp,
    owner: &Session,
) -> Vec<(String, Option<String>, Option<String>)> {
    let (status, log) = call(
        app,
        owner,
        Method::GET,
        "/api/v1/dashboard/audit",
        None,
        false,
    )
    .await;
    assert_eq!(status, 200, "{log}");
    log["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["action"].as_str().unwrap().to_owned(),
                entry["target"].as_str().map(str::to_owned),
                entry["ip"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

both_databases! {
    async fn an_owner_signs_in_refunds_in_the_session_and_the_audit_log_says_so(app: TestApp) {
        create_user(&app, "Owner@Shop.example", "owner");
        // A wrong password and an unknown email get the same answer.
        for body in [
            json!({"email": "owner@shop.example", "password": "wrong password!"}),
            json!({"email": "nobody@shop.example", "password": PASSWORD}),
        ] {
            let (status, refused) = answer(sign_in_raw(&app, body).await).await;
            assert_eq!((status, refused["error"]["code"].as_str()), (401, Some("auth.invalid_credentials")));
        }
        let owner = sign_in(&app, "OWNER@shop.example").await;
        assert_eq!(owner.view["user"]["role"], "owner");
        assert_eq!(owner.view["merchant"]["id"], app.merchant.merchant_id.as_str());
        assert_eq!(owner.view["merchant"]["test_mode"], true);

        // The merchant routes take the session.
        let id = paid_invoice(&app, "20.00").await;
        let (status, list) = call(&app, &owner, Method::GET, "/api/v1/invoices?last4=4242", None, false).await;
        assert_eq!(status, 200);
        assert_eq!(list["data"][0]["id"], id.as_str());

        // A change without the CSRF token is refused, and nothing changes.
        let refund_path = format!("/api/v1/invoices/{id}/refunds");
        let (status, refused) = call(&app, &owner, Method::POST, &refund_path, Some(json!({"amount": "5.00"})), false).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("auth.csrf")));
        let refund_once = || {
            app.client
                .post(format!("{}{refund_path}", app.address))
                .header("cookie", &owner.cookie)
                .header("x-csrf-token", &owner.csrf)
                .header("idempotency-key", "refund-once")
                .json(&json!({"amount": "5.00"}))
                .send()
        };
        let (status, refund) = answer(refund_once().await.unwrap()).await;
        assert_eq!(status, 201, "{refund}");
        assert_eq!(refund["invoice"]["refunded_amount"], "5.00");
        // A retry with the same key is the first answer again, not a second refund.
        let replay = refund_once().await.unwrap();
        assert_eq!(replay.headers()["idempotent-replayed"], "true");

        // The timeline has the refund's callback and its delivery.
        app.mock.wait_for_event(&id, "refund.succeeded").await;
        let timeline_path = format!("/api/v1/invoices/{id}/timeline");
        let mut delivered = Value::Null;
        for _ in 0..50 {
            let (_, timeline) = call(&app, &owner, Method::GET, &timeline_path, None, false).await;
            delivered = timeline["data"]
                .as_array()
                .unwrap()
                .iter()
                .find(|entry| entry["event"]["type"] == "refund.succeeded" && entry["event"]["delivered"] == true)
                .cloned()
                .unwrap_or(Value::Null);
            if !delivered.is_null() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(delivered["deliveries"][0]["status_code"], 204, "{delivered}");
        assert!(delivered["deliveries"][0]["duration_ms"].is_u64());
        // And the signed redirect the shopper took, which the merchant can check.
        let (_, timeline) = call(&app, &owner, Method::GET, &timeline_path, None, false).await;
        let taken = reqwest::Url::parse(timeline["redirect_url"].as_str().unwrap()).unwrap();
        let query: Vec<(String, String)> = taken.query_pairs().into_owned().collect();
        let signature = kassa_server::signing::redirect_signature(&app.merchant.callback_secret, &id, "paid");
        assert!(query.contains(&("invoice_id".into(), id.clone())) && query.contains(&("status".into(), "paid".into())), "{taken}");
        assert!(query.contains(&("signature".into(), signature)), "{taken}");

        // A shopper who gives up is sent to the cancel URL, and that is kept too.
        let gave_up = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (status, canceled) = answer(app.client.post(format!("{}/api/v1/checkout/{gave_up}/cancel", app.address)).send().await.unwrap()).await;
        assert_eq!(status, 200, "{canceled}");
        let (_, timeline) = call(&app, &owner, Method::GET, &format!("/api/v1/invoices/{gave_up}/timeline"), None, false).await;
        assert_eq!(timeline["redirect_url"], canceled["redirect_url"]);
        assert!(timeline["redirect_url"].as_str().unwrap().contains("status=canceled"), "{timeline}");

        // The audit log: the failed sign-in, the sign-in, the refund.
        let actions = audit_actions(&app, &owner).await;
        let ip = Some("127.0.0.1".to_owned());
        let refunds = actions.iter().filter(|entry| **entry == ("refund.created".into(), Some(id.clone()), ip.clone())).count();
        assert_eq!(refunds, 1, "one refund, though asked twice: {actions:?}");
        assert!(actions.contains(&("session.signed_in".into(), None, ip.clone())), "{actions:?}");
        assert!(actions.contains(&("session.sign_in_failed".into(), None, ip.clone())), "{actions:?}");
        assert!(!actions.iter().any(|(action, ..)| action.starts_with("GET")), "reads are not changes: {actions:?}");

        // Signing out ends the session on the server, not only in the browser.
        let (status, _) = call(&app, &owner, Method::DELETE, "/api/v1/dashboard/session", None, true).await;
        assert_eq!(status, 204);
        let (status, ended) = call(&app, &owner, Method::GET, "/api/v1/invoices", None, false).await;
        assert_eq!((status, ended["error"]["code"].as_str()), (401, Some("auth.session_ended")));
    }

    async fn five_wrong_passwords_lock_the_user_for_fifteen_minutes(app: TestApp) {
        create_user(&app, "clerk@shop.example", "owner");
        let wrong = json!({"email": "clerk@shop.example", "password": "not the password"});
        for attempt in 1..=5 {
            let (status, body) = answer(sign_in_raw(&app, wrong.clone()).await).await;
            let expected = if attempt < 5 { (401, "auth.invalid_credentials") } else { (429, "auth.locked") };
            assert_eq!((status, body["error"]["code"].as_str().unwrap()), expected, "attempt {attempt}");
        }
        // Locked: even the right password is refused.
        let (status, body) = answer(sign_in_raw(&app, json!({"email": "clerk@shop.example", "password": PASSWORD})).await).await;
        assert_eq!(status, 429);
        assert!(body["error"]["message"].as_str().unwrap().contains("15 minutes"), "{body}");
        // Once the lock has lapsed, the right password works.
        crate::helpers::execute_sql(&app, "UPDATE users SET locked_until = 1 WHERE email = $1", &["clerk@shop.example"]).await;
        let owner = sign_in(&app, "clerk@shop.example").await;
        let actions = audit_actions(&app, &owner).await;
        assert!(actions.iter().any(|(action, ..)| action == "session.locked"), "{actions:?}");

        // Guesses sent at once cannot outrun the lock: each is counted
        // before its password is checked, so at most five are checked.
        create_user(&app, "racer@shop.example", "staff");
        let guesses = (0..12).map(|guess| {
            let body = json!({"email": "racer@shop.example", "password": format!("guess {guess}")});
            let request = app.client.post(format!("{}/api/v1/dashboard/session", app.address)).json(&body);
            async move { request.send().await.unwrap().status().as_u16() }
        });
        let statuses = futures_join_all(guesses).await;
        let checked = statuses.iter().filter(|status| **status == 401).count();
        assert!(checked <= 4, "at most four wrong passwords answered, the fifth locks: {statuses:?}");
        assert!(statuses.iter().all(|status| [401, 429].contains(status)), "{statuses:?}");

        // A sign-in posted by another site's form (not JSON) is refused.
        let form = app
            .client
            .post(format!("{}/api/v1/dashboard/session", app.address))
            .header("content-type", "text/plain")
            .body(format!(r#"{{"email": "clerk@shop.example", "password": "{PASSWORD}"}}"#))
            .send()
            .await
            .unwrap();
        assert_eq!(form.status(), 415);

        // Guessing across many emails from one address meets the address's
        // limit: 30 attempts a minute (20 made above).
        let mut refused_at = None;
        for attempt in 21..=90 {
            let body = json!({"email": format!("guess{attempt}@shop.example"), "password": "guess"});
            let (status, answer_body) = answer(sign_in_raw(&app, body).await).await;
            if status == 429 {
                assert_eq!(answer_body["error"]["code"], "auth.rate_limited");
                refused_at = Some(attempt);
                break;
            }
            assert_eq!(status, 401);
        }
        assert!(refused_at.is_some(), "the address's limit");
    }

    async fn staff_view_and_refund_but_change_nothing_else(app: TestApp) {
        create_user(&app, "staff@shop.example", "staff");
        let staff = sign_in(&app, "staff@shop.example").await;
        let id = paid_invoice(&app, "10.00").await;
        let (status, _) = call(&app, &staff, Method::GET, &format!("/api/v1/invoices/{id}"), None, false).await;
        assert_eq!(status, 200);
        let (status, refund) = call(&app, &staff, Method::POST, &format!("/api/v1/invoices/{id}/refunds"), Some(json!({"amount": "1.00"})), true).await;
        assert_eq!(status, 201, "{refund}");
        let open = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        for (method, path, body) in [
            (Method::POST, format!("/api/v1/invoices/{open}/cancel"), None),
            (Method::GET, "/api/v1/api-keys".to_owned(), None),
            (Method::POST, "/api/v1/api-keys".to_owned(), Some(json!({}))),
            (Method::GET, "/api/v1/merchant/settings".to_owned(), None),
            (Method::PATCH, "/api/v1/merchant/settings".to_owned(), Some(json!({"name": "Mine now"}))),
            (Method::GET, "/api/v1/dashboard/audit".to_owned(), None),
        ] {
            let (status, refused) = call(&app, &staff, method.clone(), &path, body, true).await;
            assert_eq!((status, refused["error"]["code"].as_str()), (403, Some("auth.forbidden_role")), "{method} {path}");
        }
        assert_eq!(answer(app.get_invoice(&open).await).await.1["status"], "open");
    }

    async fn a_rolled_key_stops_at_once_or_after_its_grace_period_and_a_revoked_one_at_once(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        let works = |key: String| {
            let client = app.client.clone();
            let url = format!("{}/api/v1/invoices", app.address);
            async move { client.get(url).header("API-KEY", key).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(works(app.merchant.api_key.clone()).await, 200);
        let (_, keys) = call(&app, &owner, Method::GET, "/api/v1/api-keys", None, false).await;
        let first = keys["data"][0].clone();
        assert_eq!(keys["data"].as_array().unwrap().len(), 1);
        assert!(app.merchant.api_key.starts_with(first["prefix"].as_str().unwrap()));
        assert!(first["last_used_at"].is_string(), "{first}");
        assert!(!keys.to_string().contains(&app.merchant.api_key), "a key's secret is never listed");

        // Roll at once: the old key is refused, the new one works.
        let (status, rolled) = call(&app, &owner, Method::POST, &format!("/api/v1/api-keys/{}/roll", first["id"].as_str().unwrap()), Some(json!({})), true).await;
        assert_eq!(status, 201, "{rolled}");
        let second = rolled["secret"].as_str().unwrap().to_owned();
        assert_eq!(works(app.merchant.api_key.clone()).await, 401);
        assert_eq!(works(second.clone()).await, 200);
        // Rolling the stopped key again finds nothing.
        let (status, _) = call(&app, &owner, Method::POST, &format!("/api/v1/api-keys/{}/roll", first["id"].as_str().unwrap()), None, true).await;
        assert_eq!(status, 404);

        // Roll with a day's grace: both work until then.
        let second_id = rolled["key"]["id"].as_str().unwrap().to_owned();
        let (status, graced) = call(&app, &owner, Method::POST, &format!("/api/v1/api-keys/{second_id}/roll"), Some(json!({"grace_hours": 24})), true).await;
        assert_eq!(status, 201);
        let third = graced["secret"].as_str().unwrap().to_owned();
        assert_eq!((works(second.clone()).await, works(third.clone()).await), (200, 200));
        let (_, keys) = call(&app, &owner, Method::GET, "/api/v1/api-keys", None, false).await;
        let listed: Vec<_> = keys["data"].as_array().unwrap().iter().map(|key| (key["id"].as_str().unwrap().to_owned(), key["expires_at"].is_string())).collect();
        assert!(listed.contains(&(second_id.clone(), true)) && listed.len() == 2, "{keys}");
        // Rolling it again with a longer grace never lengthens its life.
        let expires = |keys: &Value| keys["data"].as_array().unwrap().iter().find(|key| key["id"] == second_id.as_str()).map(|key| key["expires_at"].clone());
        let before = expires(&keys);
        let (status, _) = call(&app, &owner, Method::POST, &format!("/api/v1/api-keys/{second_id}/roll"), Some(json!({"grace_hours": 168})), true).await;
        assert_eq!(status, 201);
        let (_, keys) = call(&app, &owner, Method::GET, "/api/v1/api-keys", None, false).await;
        assert_eq!(expires(&keys), before, "{keys}");
        let (status, refused) = call(&app, &owner, Method::POST, &format!("/api/v1/api-keys/{second_id}/roll"), Some(json!({"grace_hours": 500})), true).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("grace_hours.range")));

        // Revoke: stops now.
        let (status, _) = call(&app, &owner, Method::DELETE, &format!("/api/v1/api-keys/{second_id}"), None, true).await;
        assert_eq!(status, 204);
        assert_eq!((works(second).await, works(third).await), (401, 200));
        // An API key cannot manage keys: a leaked one cannot make successors.
        let response = app.client.get(format!("{}/api/v1/api-keys", app.address)).header("API-KEY", graced["secret"].as_str().unwrap()).send().await.unwrap();
        assert_eq!(response.status(), 401);
        let actions = audit_actions(&app, &owner).await;
        for action in ["api_key.rolled", "api_key.revoked"] {
            assert!(actions.iter().any(|(name, target, _)| name == action && target.as_deref().is_some_and(|id| id.starts_with("key_"))), "{action}: {actions:?}");
        }
    }

    async fn settings_reach_the_hosted_page_and_bad_values_are_refused(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (status, settings) = call(&app, &owner, Method::PATCH, "/api/v1/merchant/settings", Some(json!({"appearance": {"accent_color": "#0A7F3F"}, "name": "Atelier Vert"})), true).await;
        assert_eq!(status, 200, "{settings}");
        assert_eq!(settings["appearance"]["accent_color"], "#0a7f3f");
        let (_, page) = answer(app.checkout(&id).await).await;
        assert_eq!(page["appearance"]["accent_color"], "#0a7f3f", "{page}");
        assert_eq!(page["merchant_name"], "Atelier Vert", "{page}");
        for (change, code) in [
            (json!({"appearance": {"accent_color": "green"}}), "accent_color.format"),
            (json!({"embed_origins": ["https://shop.example/path"]}), "embed_origins.format"),
            (json!({"embed_origins": ["https://a.example; script-src *"]}), "embed_origins.format"),
            (json!({"embed_origins": ["https://*"]}), "embed_origins.format"),
            (json!({"currencies": ["QQQ"]}), "currency.unknown"),
            (json!({"name": " "}), "name.length"),
            (json!({"colour": "#fff"}), "field.unknown"),
        ] {
            let (status, refused) = call(&app, &owner, Method::PATCH, "/api/v1/merchant/settings", Some(change.clone()), true).await;
            assert_eq!((status, refused["error"]["code"].as_str()), (400, Some(code)), "{change}");
        }
        // Nothing refused was kept; the API key reads the same settings.
        let response = app.client.get(format!("{}/api/v1/merchant/settings", app.address)).header("API-KEY", &app.merchant.api_key).send().await.unwrap();
        let (_, kept) = answer(response).await;
        assert_eq!(kept["appearance"]["accent_color"], "#0a7f3f");
        assert_eq!(kept["embed_origins"], json!([crate::helpers::EMBED_ORIGIN]));
        // Going back to Kassa's own colour.
        let (_, reset) = call(&app, &owner, Method::PATCH, "/api/v1/merchant/settings", Some(json!({"appearance": {"accent_color": ""}})), true).await;
        assert!(reset["appearance"].get("accent_color").is_none(), "{reset}");
    }

    async fn the_second_factor_asks_for_the_authenticator_code(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let output = user_command(&app, &["totp", "--email", "owner@shop.example"], "");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let printed = String::from_utf8_lossy(&output.stdout).to_string();
        let secret = printed.split("secret=").nth(1).unwrap().split('&').next().unwrap();
        let secret = base32_decode(secret);
        let body = |code: Option<String>| json!({"email": "owner@shop.example", "password": PASSWORD, "code": code});
        let (status, asked) = answer(sign_in_raw(&app, body(None)).await).await;
        assert_eq!((status, asked["error"]["code"].as_str()), (401, Some("auth.totp_required")));
        let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap();
        let stale = kassa_server::dashboard::totp::code_at(&secret, now - 600);
        let (status, wrong) = answer(sign_in_raw(&app, body(Some(stale))).await).await;
        assert_eq!((status, wrong["error"]["code"].as_str()), (401, Some("auth.invalid_code")));
        let code = kassa_server::dashboard::totp::code_at(&secret, now);
        let (status, session) = answer(sign_in_raw(&app, body(Some(code.clone()))).await).await;
        assert_eq!(status, 200, "{session}");
        assert_eq!(session["user"]["totp"], true);
        // A code signs in once.
        let (status, replayed) = answer(sign_in_raw(&app, body(Some(code))).await).await;
        assert_eq!((status, replayed["error"]["code"].as_str()), (401, Some("auth.invalid_code")));
        // Wrong codes count like wrong passwords: the fifth locks.
        let mut last = 0;
        for _ in 0..5 {
            last = sign_in_raw(&app, body(Some("000000".into()))).await.status().as_u16();
        }
        assert_eq!(last, 429, "locked after wrong codes");
    }

    async fn a_user_turns_the_second_factor_on_with_a_code_and_off_with_the_password(app: TestApp) {
        create_user(&app, "staff@shop.example", "staff");
        let user = sign_in(&app, "staff@shop.example").await;
        assert_eq!(user.view["user"]["totp"], false);
        let post = |path: &'static str, body: Value| {
            let (app, user) = (&app, &user);
            async move { call(app, user, Method::POST, path, Some(body), true).await }
        };
        let error_code = |answer: &(u16, Value)| (answer.0, answer.1["error"]["code"].as_str().map(str::to_owned));

        // The password first; no set-up, nothing to confirm.
        let refused = post("/api/v1/dashboard/totp/setup", json!({"current_password": "not the password"})).await;
        assert_eq!(error_code(&refused), (401, Some("auth.invalid_credentials".into())));
        let early = post("/api/v1/dashboard/totp/confirm", json!({"code": "123456"})).await;
        assert_eq!(error_code(&early), (409, Some("totp.not_started".into())));

        let (status, setup) = post("/api/v1/dashboard/totp/setup", json!({"current_password": PASSWORD})).await;
        assert_eq!(status, 200, "{setup}");
        let secret_text = setup["secret"].as_str().unwrap();
        assert_eq!(secret_text.len(), 32, "160 bits in base32");
        let uri = setup["uri"].as_str().unwrap();
        assert!(uri.starts_with("otpauth://totp/Kassa%3Astaff%40shop.example?"), "{uri}");
        assert!(uri.contains(&format!("secret={secret_text}")) && uri.contains("issuer=Kassa"), "{uri}");
        let size = setup["qr"]["size"].as_u64().unwrap();
        assert!(size >= 21 && (size - 17) % 4 == 0, "{size}");
        let path = setup["qr"]["path"].as_str().unwrap();
        assert!(path.starts_with("M0 0h7v1h-7z"), "the finder pattern first: {path}");
        assert_eq!(read_qr(usize::try_from(size).unwrap(), path), uri, "the QR code holds the address");
        let secret = base32_decode(secret_text);

        // Until a code confirms it, sign-in asks for the password only.
        let again = sign_in(&app, "staff@shop.example").await;
        assert_eq!(again.view["user"]["totp"], false);
        let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap();
        let stale = kassa_server::dashboard::totp::code_at(&secret, now - 600);
        let wrong = post("/api/v1/dashboard/totp/confirm", json!({"code": stale})).await;
        assert_eq!(error_code(&wrong), (400, Some("totp.invalid_code".into())));
        let code = kassa_server::dashboard::totp::code_at(&secret, now);
        let (status, _) = post("/api/v1/dashboard/totp/confirm", json!({"code": code})).await;
        assert_eq!(status, 204);
        let (_, view) = call(&app, &user, Method::GET, "/api/v1/dashboard/session", None, false).await;
        assert_eq!(view["user"]["totp"], true);

        // Now sign-in asks for a code; the confirming one is used up.
        let body = |code: Option<String>| json!({"email": "staff@shop.example", "password": PASSWORD, "code": code});
        let (status, asked) = answer(sign_in_raw(&app, body(None)).await).await;
        assert_eq!((status, asked["error"]["code"].as_str()), (401, Some("auth.totp_required")));
        let (status, used) = answer(sign_in_raw(&app, body(Some(code))).await).await;
        assert_eq!((status, used["error"]["code"].as_str()), (401, Some("auth.invalid_code")));
        let next = kassa_server::dashboard::totp::code_at(&secret, now + 30);
        let (status, signed_in) = answer(sign_in_raw(&app, body(Some(next))).await).await;
        assert_eq!(status, 200, "{signed_in}");

        // Another app only after turning this one off, with the password.
        let twice = post("/api/v1/dashboard/totp/setup", json!({"current_password": PASSWORD})).await;
        assert_eq!(error_code(&twice), (409, Some("totp.already_on".into())));
        let refused = post("/api/v1/dashboard/totp/off", json!({"current_password": "not the password"})).await;
        assert_eq!(error_code(&refused), (401, Some("auth.invalid_credentials".into())));
        let (status, _) = post("/api/v1/dashboard/totp/off", json!({"current_password": PASSWORD})).await;
        assert_eq!(status, 204);
        let (status, _) = answer(sign_in_raw(&app, body(None)).await).await;
        assert_eq!(status, 200, "the password alone again");

        // Without the CSRF token nothing changes.
        let (status, _) = call(&app, &user, Method::POST, "/api/v1/dashboard/totp/setup", Some(json!({"current_password": PASSWORD})), false).await;
        assert_eq!(status, 403);

        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        let actions: Vec<String> = audit_actions(&app, &owner).await.into_iter().map(|(action, ..)| action).collect();
        for action in ["two_factor.setup_started", "two_factor.turned_on", "two_factor.turned_off"] {
            assert_eq!(actions.iter().filter(|done| *done == action).count(), 1, "{action}: {actions:?}");
        }
    }

    async fn the_overview_counts_payments_and_declines_and_a_test_callback_is_signed(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        paid_invoice(&app, "12.50").await;
        let declined = app.create_invoice(json!({"amount": "3.00"})).await["id"].as_str().unwrap().to_owned();
        let (_, answer_body) = answer(app.pay(&declined, &TestApp::card("4000000000009995")).await).await;
        assert_eq!(answer_body["status"], "declined", "{answer_body}");
        let (status, overview) = call(&app, &owner, Method::GET, "/api/v1/dashboard/overview?currency=EUR", None, false).await;
        assert_eq!(status, 200, "{overview}");
        assert_eq!(overview["today"]["volume"], "12.50");
        assert_eq!((overview["today"]["paid"].as_u64(), overview["today"]["declined"].as_u64()), (Some(1), Some(1)));
        assert_eq!(overview["today"]["success_rate"], 0.5);
        assert_eq!(overview["days"].as_array().unwrap().len(), 30);
        assert_eq!(overview["days"][29]["volume_minor"], 1250);
        assert_eq!(overview["declines"][0]["count"], 1);
        let (status, _) = call(&app, &owner, Method::GET, "/api/v1/dashboard/overview?currency=XYZ", None, false).await;
        assert_eq!(status, 400);

        // The shopper tries another card; the timeline shows both attempts, and why the first failed.
        let (_, paid) = answer(app.pay(&declined, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(paid["status"], "succeeded", "{paid}");
        let (_, timeline) = call(&app, &owner, Method::GET, &format!("/api/v1/invoices/{declined}/timeline"), None, false).await;
        let attempts: Vec<(u64, &str, Option<&str>)> = timeline["attempts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|attempt| (attempt["attempt"].as_u64().unwrap(), attempt["outcome"].as_str().unwrap(), attempt["decline_code"].as_str()))
            .collect();
        assert_eq!(attempts, [(1, "declined", Some("insufficient_funds")), (2, "approved", None)], "{timeline}");

        let (status, event) = call(&app, &owner, Method::POST, "/api/v1/merchant/test-callback", None, true).await;
        assert_eq!(status, 202, "{event}");
        let mut test = None;
        for _ in 0..200 {
            test = app.mock.received().into_iter().find(|callback| callback.json["type"] == "test");
            if test.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let test = test.expect("the test callback arrives");
        assert_eq!(test.json["id"], event["id"]);
        let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap();
        assert!(
            kassa_server::signing::verify_callback_signature(&app.merchant.callback_secret, &test.signature, test.body.as_bytes(), now, 300),
            "signed like every callback"
        );
    }

    async fn an_owner_adds_and_removes_users_and_each_changes_their_own_password(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        let (status, added) = call(&app, &owner, Method::POST, "/api/v1/dashboard/users", Some(json!({"email": "New@Shop.example", "role": "staff"})), true).await;
        assert_eq!(status, 201, "{added}");
        assert_eq!((added["user"]["email"].as_str(), added["user"]["role"].as_str()), (Some("new@shop.example"), Some("staff")));
        let first_password = added["password"].as_str().unwrap().to_owned();
        let (status, taken) = call(&app, &owner, Method::POST, "/api/v1/dashboard/users", Some(json!({"email": "new@shop.example", "role": "owner"})), true).await;
        assert_eq!((status, taken["error"]["code"].as_str()), (409, Some("user.exists")));
        let (status, bad) = call(&app, &owner, Method::POST, "/api/v1/dashboard/users", Some(json!({"email": "x@shop.example", "role": "admin"})), true).await;
        assert_eq!((status, bad["error"]["code"].as_str()), (400, Some("role.unknown")));
        let (_, team) = call(&app, &owner, Method::GET, "/api/v1/dashboard/users", None, false).await;
        assert_eq!(team["data"].as_array().unwrap().len(), 2);
        assert!(!team.to_string().contains(&first_password), "a password is never listed");

        // The new user signs in with the one-time password and changes it;
        // their other session ends, this one goes on.
        let response = sign_in_raw(&app, json!({"email": "new@shop.example", "password": first_password})).await;
        assert_eq!(response.status(), 200);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        let view: Value = response.json().await.unwrap();
        let newcomer = Session { cookie, csrf: view["csrf_token"].as_str().unwrap().to_owned(), view };
        let response = sign_in_raw(&app, json!({"email": "new@shop.example", "password": first_password})).await;
        let other_cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        let other = Session { cookie: other_cookie, csrf: String::new(), view: Value::Null };
        let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});
        let (status, wrong) = call(&app, &newcomer, Method::POST, "/api/v1/dashboard/password", Some(change("not it", PASSWORD)), true).await;
        assert_eq!((status, wrong["error"]["code"].as_str()), (401, Some("auth.invalid_credentials")));
        let (status, short) = call(&app, &newcomer, Method::POST, "/api/v1/dashboard/password", Some(change(&first_password, "short")), true).await;
        assert_eq!((status, short["error"]["code"].as_str()), (400, Some("password.too_short")));
        let (status, _) = call(&app, &newcomer, Method::POST, "/api/v1/dashboard/password", Some(change(&first_password, PASSWORD)), true).await;
        assert_eq!(status, 204);
        assert_eq!(call(&app, &newcomer, Method::GET, "/api/v1/dashboard/session", None, false).await.0, 200);
        assert_eq!(call(&app, &other, Method::GET, "/api/v1/dashboard/session", None, false).await.0, 401);
        let (status, _) = answer(sign_in_raw(&app, json!({"email": "new@shop.example", "password": first_password})).await).await;
        assert_eq!(status, 401, "the one-time password is gone");

        // An owner cannot remove themselves; removing a user ends their sessions.
        let owner_id = owner.view["user"]["id"].as_str().unwrap();
        let (status, refused) = call(&app, &owner, Method::DELETE, &format!("/api/v1/dashboard/users/{owner_id}"), None, true).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (409, Some("user.self")));
        let new_id = added["user"]["id"].as_str().unwrap();
        let (status, _) = call(&app, &owner, Method::DELETE, &format!("/api/v1/dashboard/users/{new_id}"), None, true).await;
        assert_eq!(status, 204);
        assert_eq!(call(&app, &newcomer, Method::GET, "/api/v1/invoices", None, false).await.0, 401);
        let actions = audit_actions(&app, &owner).await;
        for action in ["user.added", "user.removed", "password.changed"] {
            assert!(actions.iter().any(|(name, ..)| name == action), "{action}: {actions:?}");
        }
    }

    async fn a_rolled_callback_secret_signs_beside_the_old_one_during_its_grace_period(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        let (status, rolled) = call(&app, &owner, Method::POST, "/api/v1/merchant/callback-secret/roll", Some(json!({"grace_hours": 24})), true).await;
        assert_eq!(status, 200, "{rolled}");
        let new_secret = rolled["secret"].as_str().unwrap().to_owned();
        assert!(new_secret.starts_with("whsec_") && rolled["previous_expires_at"].is_string());
        let id = app.create_invoice(json!({"amount": "4.00"})).await["id"].as_str().unwrap().to_owned();
        let (status, paid) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 200, "{paid}");
        // The shopper's redirect is signed with both secrets, the new one first.
        let redirect = reqwest::Url::parse(paid["redirect_url"].as_str().unwrap()).unwrap();
        let signatures: Vec<String> = redirect.query_pairs().filter(|(key, _)| key == "signature").map(|(_, value)| value.into_owned()).collect();
        let expected = |secret: &str| kassa_server::signing::redirect_signature(secret, &id, "paid");
        assert_eq!(signatures, [expected(&new_secret), expected(&app.merchant.callback_secret)]);
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        let now = i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap();
        let verifies = |secret: &str| kassa_server::signing::verify_callback_signature(secret, &callback.signature, callback.body.as_bytes(), now, 300);
        assert!(verifies(&new_secret) && verifies(&app.merchant.callback_secret), "both secrets verify during the grace period");

        // Rolled again without grace: only the newest signs.
        let (_, again) = call(&app, &owner, Method::POST, "/api/v1/merchant/callback-secret/roll", None, true).await;
        let newest = again["secret"].as_str().unwrap().to_owned();
        assert!(again.get("previous_expires_at").is_none());
        let id = app.create_invoice(json!({"amount": "5.00"})).await["id"].as_str().unwrap().to_owned();
        let (_, paid) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        let redirect = reqwest::Url::parse(paid["redirect_url"].as_str().unwrap()).unwrap();
        let signatures: Vec<String> = redirect.query_pairs().filter(|(key, _)| key == "signature").map(|(_, value)| value.into_owned()).collect();
        assert_eq!(signatures, [kassa_server::signing::redirect_signature(&newest, &id, "paid")]);
        let callback = app.mock.wait_for_event(&id, "invoice.paid").await;
        let verifies = |secret: &str| kassa_server::signing::verify_callback_signature(secret, &callback.signature, callback.body.as_bytes(), now, 300);
        assert!(verifies(&newest));
        assert!(!verifies(&new_secret) && !verifies(&app.merchant.callback_secret));
        assert_eq!(callback.signature.matches("v1=").count(), 1);
        // An API key may not roll it.
        let response = app.client.post(format!("{}/api/v1/merchant/callback-secret/roll", app.address)).header("API-KEY", &app.merchant.api_key).send().await.unwrap();
        assert_eq!(response.status(), 401);
    }

    async fn the_payments_search_takes_the_dates_a_date_picker_gives(app: TestApp) {
        let id = paid_invoice(&app, "7.00").await;
        let today = kassa_server::clock::rfc3339(kassa_server::clock::now_ms())[..10].to_owned();
        let yesterday = kassa_server::clock::rfc3339(kassa_server::clock::now_ms() - 86_400_000)[..10].to_owned();
        let search = |query: String| {
            let request = app.client.get(format!("{}/api/v1/invoices?{query}", app.address)).header("API-KEY", &app.merchant.api_key);
            async move { answer(request.send().await.unwrap()).await }
        };
        // A day alone counts whole: from its start to its end.
        let (status, found) = search(format!("created_from={today}&created_to={today}")).await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found["data"][0]["id"], id.as_str());
        let (_, none) = search(format!("created_from={yesterday}&created_to={yesterday}")).await;
        assert_eq!(none["data"], json!([]));
        let (status, refused) = search("created_from=2026-13-01".to_owned()).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (400, Some("time.format")), "{refused}");
    }

    async fn the_merchants_attempts_and_invoice_lifetime_apply_to_new_invoices(app: TestApp) {
        create_user(&app, "owner@shop.example", "owner");
        let owner = sign_in(&app, "owner@shop.example").await;
        let (_, before) = call(&app, &owner, Method::GET, "/api/v1/merchant/settings", None, false).await;
        assert_eq!((before["payment_attempts"].as_u64(), before["invoice_lifetime_minutes"].as_u64()), (Some(3), Some(1440)));
        let older = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let (status, changed) = call(&app, &owner, Method::PATCH, "/api/v1/merchant/settings", Some(json!({"payment_attempts": 1, "invoice_lifetime_minutes": 90})), true).await;
        assert_eq!(status, 200, "{changed}");
        let newer = app.create_invoice(json!({})).await;
        let (_, page) = answer(app.checkout(newer["id"].as_str().unwrap()).await).await;
        let lifetime = page["expires_in"].as_i64().unwrap();
        assert!((5_300..=5_400).contains(&lifetime), "90 minutes: {page}");
        // One declined attempt ends the new invoice; the older keeps its three.
        for (id, status) in [(newer["id"].as_str().unwrap(), "failed"), (older.as_str(), "open")] {
            let (_, declined) = answer(app.pay(id, &TestApp::card("4000000000009995")).await).await;
            let (answered, left) = if status == "failed" { ("failed", 0) } else { ("declined", 2) };
            assert_eq!((declined["status"].as_str(), declined["attempts_left"].as_u64()), (Some(answered), Some(left)), "{declined}");
            assert_eq!(answer(app.get_invoice(id).await).await.1["status"], status, "{id}");
        }
        for (change, code) in [
            (json!({"payment_attempts": 0}), "payment_attempts.range"),
            (json!({"payment_attempts": 11}), "payment_attempts.range"),
            (json!({"invoice_lifetime_minutes": 43_201}), "invoice_lifetime_minutes.range"),
        ] {
            let (status, refused) = call(&app, &owner, Method::PATCH, "/api/v1/merchant/settings", Some(change), true).await;
            assert_eq!((status, refused["error"]["code"].as_str()), (400, Some(code)));
        }
    }
}

/// Runs futures at once and collects their outputs in order.
async fn futures_join_all<F: std::future::Future<Output = u16> + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<u16> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

/// RFC 4648 base32 (no padding), as authenticator apps read secrets.
/// What a QR code drawn as the dashboard draws it says: `path`'s unit
/// squares (`M{x} {y}h{run}v1h-{run}z`) painted with a quiet zone, four
/// pixels a module, then found and read by a QR decoder (rqrr), as a
/// phone's camera would.
fn read_qr(size: usize, path: &str) -> String {
    const SCALE: usize = 4;
    const QUIET: usize = 4;
    let mut dark = vec![false; size * size];
    for square in path.split('M').filter(|square| !square.is_empty()) {
        let (corner, rest) = square.split_once('h').unwrap();
        let (x, y) = corner.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let run: usize = rest.split('v').next().unwrap().parse().unwrap();
        assert!(
            rest == format!("{run}v1h-{run}z"),
            "one row's run: {square}"
        );
        for cell in &mut dark[y * size + x..y * size + x + run] {
            *cell = true;
        }
    }
    let side = (size + 2 * QUIET) * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(side, side, |px, py| {
        let (x, y) = (px / SCALE, py / SCALE);
        (QUIET..size + QUIET).contains(&x)
            && (QUIET..size + QUIET).contains(&y)
            && dark[(y - QUIET) * size + x - QUIET]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().unwrap().1
}

fn base32_decode(text: &str) -> Vec<u8> {
    let (mut buffer, mut bits, mut out) = (0_u32, 0_u32, Vec::new());
    for character in text.bytes() {
        let value = match character {
            b'A'..=b'Z' => character - b'A',
            b'2'..=b'7' => character - b'2' + 26,
            _ => panic!("not base32: {text}"),
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).unwrap());
        }
    }
    out
}

#[tokio::test]
async fn the_dashboard_is_served_with_the_pages_strict_headers_and_documented() {
    let directory = std::env::temp_dir().join(format!("kassa-dashboard-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    std::fs::write(
        directory.join("index.html"),
        "<!DOCTYPE html><title>Kassa dashboard</title>",
    )
    .unwrap();
    let app = crate::helpers::spawn_app_with(crate::helpers::Db::Sqlite, |settings| {
        settings.dashboard_dir = directory.to_string_lossy().into_owned();
    })
    .await;
    let response = app
        .client
        .get(format!("{}/dashboard", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "connect-src 'self'",
    ] {
        assert!(csp.contains(directive), "{csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    assert!(response.text().await.unwrap().contains("Kassa dashboard"));

    // Every merchant route is documented as taking the session too.
    let (_, document) = answer(
        app.client
            .get(format!("{}/api/openapi.json", app.address))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        document["components"]["securitySchemes"]["session"]["in"],
        "cookie"
    );
    let search = &document["paths"]["/api/v1/invoices"]["get"]["security"];
    assert!(
        search.as_array().unwrap().contains(&json!({"session": []})),
        "{search}"
    );
    let keys = &document["paths"]["/api/v1/api-keys"]["get"]["security"];
    assert_eq!(keys, &json!([{"session": []}]));
}
