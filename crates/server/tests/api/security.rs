//! Security: card data never reaches the database or the logs; API keys,
//! other merchants' invoices, malformed input, body limits, security
//! headers, idempotency keys, the pay rate limit and merchant URLs.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::Connection;

use crate::both_databases;
use crate::helpers::{Db, TestApp, answer, spawn_app_on, spawn_app_with, test_settings};

/// The canary card: a valid Visa number used nowhere else in the tests.
const CANARY: &str = "4000056655665556";
/// The canary as a shopper types it.
const CANARY_SPACED: &str = "4000 0566 5566 5556";
/// The canary's digits between its BIN (400005) and last four (5556).
const CANARY_MIDDLE: &str = "665566";
/// The canary with its last digit mistyped (fails the checksum).
const CANARY_MISTYPED: &str = "4000056655665557";
/// The security code of the successful payment.
const CVV: &str = "987";
/// The security code of the declined payment (a leading 2 is "no match").
const DECLINED_CVV: &str = "287";

/// Everything the global JSON log subscriber wrote, for the whole test process.
static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

/// Appends log lines to the shared buffer.
struct SharedWriter(Arc<Mutex<Vec<u8>>>);

impl Write for SharedWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs (once per process) a global DEBUG-level JSON subscriber writing
/// into a shared buffer, and returns the buffer.
pub(crate) fn capture_logs() -> Arc<Mutex<Vec<u8>>> {
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let installed = tracing_subscriber::fmt()
            .json()
            .with_max_level(tracing::Level::DEBUG)
            .with_current_span(true)
            .with_span_list(true)
            .with_writer(move || SharedWriter(writer.clone()))
            .try_init();
        assert!(
            installed.is_ok(),
            "another global subscriber was installed first: {installed:?}"
        );
        buffer
    })
    .clone()
}

/// A response's status and JSON body.
fn card(number: &str, expiry: &str, cvv: &str) -> Value {
    json!({"card": {"number": number, "expiry": expiry, "cvv": cvv, "name": "Ada Lovelace"}})
}

/// Where `text` shows a security code: as a JSON or form value, or as a
/// stand-alone number within a few characters of a card field name.
pub(crate) fn security_code_leaks(text: &str, code: &str) -> Vec<String> {
    let mut leaks = Vec::new();
    for fragment in [
        format!("\"cvv\":\"{code}\""),
        format!("\"cvv\": \"{code}\""),
        format!("\"cvv\":{code}"),
        format!("\"cvc\":\"{code}\""),
        format!("\"security_code\":\"{code}\""),
        format!("cvv={code}"),
        format!("cvv: {code}"),
    ] {
        if text.contains(&fragment) {
            leaks.push(fragment);
        }
    }
    let bytes = text.as_bytes();
    for (start, _) in text.match_indices(code) {
        let end = start + code.len();
        let alone = (start == 0 || !bytes[start - 1].is_ascii_alphanumeric())
            && (end == bytes.len() || !bytes[end].is_ascii_alphanumeric());
        if !alone {
            continue;
        }
        let window =
            String::from_utf8_lossy(&bytes[start.saturating_sub(40)..(end + 40).min(bytes.len())])
                .to_lowercase();
        if ["cvv", "cvc", "security", "card", "number"]
            .iter()
            .any(|field| window.contains(field))
        {
            leaks.push(window);
        }
    }
    leaks
}

/// The logs without the timings sqlx and spans write (`"elapsed":"4.665566ms"`)
/// and every line's own clock (`"timestamp":"…T11:58:00.665566Z"`):
/// random digits that could spell part of the canary by chance. Line by
/// line, so the work stays linear in the logs' size (the whole test run's
/// logs, megabytes of them).
fn without_timings(logs: &str) -> String {
    logs.lines()
        .map(line_without_timings)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `line` without hexadecimal identifiers (request ids, `inv_…`, `ch_…`,
/// references): 16 or more hex digits with at least one letter, which no
/// card number is (all digits), but which may spell the canary's middle
/// digits by chance.
fn without_hex_identifiers(line: &str) -> String {
    let mut kept = String::with_capacity(line.len());
    let mut run = String::new();
    let flush = |run: &mut String, kept: &mut String| {
        let is_identifier = run.len() >= 16 && run.bytes().any(|byte| matches!(byte, b'a'..=b'f'));
        if !is_identifier {
            kept.push_str(run);
        }
        run.clear();
    };
    for c in line.chars() {
        if c.is_ascii_digit() || matches!(c, 'a'..='f') {
            run.push(c);
        } else {
            flush(&mut run, &mut kept);
            kept.push(c);
        }
    }
    flush(&mut run, &mut kept);
    kept
}

fn line_without_timings(line: &str) -> String {
    let line = without_hex_identifiers(line);
    let line = line.as_str();
    const KEYS: [&str; 5] = [
        "\"timestamp\":",
        "\"elapsed\":",
        "\"elapsed_secs\":",
        "\"time.busy\":",
        "\"time.idle\":",
    ];
    let mut kept = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((at, key)) = KEYS
        .iter()
        .filter_map(|key| rest.find(key).map(|at| (at, *key)))
        .min_by_key(|(at, _)| *at)
    {
        kept.push_str(&rest[..at + key.len()]);
        rest = &rest[at + key.len()..];
        // The value: a number or a quoted string, up to the next , or }.
        let end = rest.find([',', '}']).unwrap_or(rest.len());
        rest = &rest[end..];
    }
    kept.push_str(rest);
    kept
}

#[test]
fn timings_are_left_out_of_the_log_check() {
    let line = r#"{"timestamp":"2026-12-07T11:58:00.665566Z","summary":"COMMIT","elapsed":"4.665566ms","elapsed_secs":0.004665566,"card":"400005******5556"}"#;
    let kept = without_timings(line);
    assert!(!kept.contains("665566"), "{kept}");
    let ids = r#"{"request_id":"0b6655668c2e4f1a9d3e","invoice_id":"inv_00665566aa00000000000000000000ff","leak":"4000056655665556"}"#;
    let kept_ids = without_timings(ids);
    assert!(
        !kept_ids.contains("0b6655668c2e4f1a9d3e") && !kept_ids.contains("inv_00665566"),
        "{kept_ids}"
    );
    assert!(
        kept_ids.contains("4000056655665556"),
        "an all-digit number is kept: {kept_ids}"
    );
    assert!(
        kept.contains("COMMIT") && kept.contains("400005******5556"),
        "{kept}"
    );
}

/// Asserts `text` (named `what`) holds none of the canary's card data.
fn assert_no_card_data(what: &str, text: &str) {
    for needle in [
        CANARY,
        CANARY_SPACED,
        CANARY_MISTYPED,
        CANARY_MIDDLE,
        "0566 5566",
    ] {
        if let Some(at) = text.find(needle) {
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(80)
                .map_or(0, |(index, _)| index);
            let end = (at + needle.len() + 80).min(text.len());
            let end = (end..=text.len())
                .find(|index| text.is_char_boundary(*index))
                .unwrap_or(text.len());
            panic!("{what} contains {needle:?}: …{}…", &text[start..end]);
        }
    }
    for code in [CVV, DECLINED_CVV] {
        let leaks = security_code_leaks(text, code);
        assert!(
            leaks.is_empty(),
            "{what} shows the security code {code}: {leaks:?}"
        );
    }
}

/// How many invoices the database holds.
async fn invoice_count(app: &TestApp) -> i64 {
    let sql = "SELECT COUNT(*) FROM invoices";
    match app.db {
        Db::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql)
                .fetch_one(&mut connection)
                .await
                .unwrap()
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query_scalar(sql)
                .fetch_one(&mut connection)
                .await
                .unwrap()
        }
    }
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

both_databases! {
    async fn two_credentials_that_disagree_are_refused(app: TestApp) {
        let get = |api_key: Option<&str>, authorization: Option<&str>| {
            let mut request = app.client.get(format!("{}/api/v1/invoices", app.address));
            if let Some(key) = api_key {
                request = request.header("API-KEY", key);
            }
            if let Some(value) = authorization {
                request = request.header("Authorization", value);
            }
            async move {
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap();
                (status, body["error"]["code"].as_str().unwrap_or_default().to_owned())
            }
        };
        let key = app.merchant.api_key.as_str();
        let bearer = format!("Bearer {key}");
        assert_eq!(get(Some(key), None).await.0, 200);
        assert_eq!(get(None, Some(&bearer)).await.0, 200);
        assert_eq!(get(Some(key), Some(&bearer)).await.0, 200, "the same key twice");
        for authorization in ["Bearer sk_other", "Basic dXNlcjpwYXNz", "j0"] {
            assert_eq!(
                get(Some(key), Some(authorization)).await,
                (401, "auth.conflicting_keys".to_owned()),
                "{authorization}"
            );
        }
    }

    async fn card_numbers_and_security_codes_never_reach_the_database_or_the_logs(app: TestApp) {
        let logs = capture_logs();
        let paid = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let refused = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();

        // A decline, then a success, with the canary card.
        let (status, body) = answer(app.pay(&paid, &card(CANARY_SPACED, "12/30", DECLINED_CVV)).await).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["decline"]["code"], "declined.incorrect_security_code");
        let (status, body) = answer(app.pay(&paid, &card(CANARY, "12/30", CVV)).await).await;
        assert_eq!((status, &body["status"]), (200, &json!("succeeded")), "{body}");

        // Validation failures: a mistyped number, and the right number with a past expiry.
        let (status, body) = answer(app.pay(&refused, &card(CANARY_MISTYPED, "12/30", CVV)).await).await;
        assert_eq!((status, &body["error"]["code"]), (400, &json!("card_number.checksum")), "{body}");
        assert_no_card_data("a validation error", &body.to_string());
        let (status, body) = answer(app.pay(&refused, &card(CANARY, "01/20", CVV)).await).await;
        assert_eq!((status, &body["error"]["code"]), (400, &json!("expiry.in_past")), "{body}");
        assert_no_card_data("a validation error", &body.to_string());

        // The merchant learns only the masked card.
        let event = app.mock.wait_for_event(&paid, "invoice.paid").await;
        assert_eq!(event.json["invoice"]["card"]["masked"], "400005******5556");
        for received in app.mock.received() {
            assert_no_card_data("a callback", &received.body);
        }
        let invoice: Value = app.get_invoice(&paid).await.json().await.unwrap();
        assert_eq!(invoice["card"]["masked"], "400005******5556");
        assert_no_card_data("the merchant API", &invoice.to_string());
        // Let the delivery be recorded too.
        tokio::time::sleep(Duration::from_millis(200)).await;

        let dump = app.database_dump().await;
        assert!(dump.contains(&paid) && dump.contains("400005******5556"), "the dump does not show the invoices");
        assert_no_card_data("the database", &dump);

        let logged = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
        assert!(logged.contains(&paid), "the payment was not logged, so logs were not captured");
        assert!(logged.contains(&refused), "the refused payment was not logged");
        assert_no_card_data("the logs", &without_timings(&logged));
    }


    async fn a_payment_idempotency_key_keeps_no_unkeyed_hash_of_the_card_data(app: TestApp) {
        // The page sends an Idempotency-Key with each payment. What is kept to
        // recognise a retry must not let anyone recover the card: a plain
        // SHA-256 of a body whose only unknowns are six middle digits and a
        // three-digit code is brute-forced in seconds.
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let body = serde_json::to_vec(&card(CANARY, "12/30", CVV)).unwrap();
        let send = || {
            app.client
                .post(format!("{}/api/v1/checkout/{id}/pay", app.address))
                .header("Idempotency-Key", "page-attempt-1")
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
        };
        let (status, first) = answer(send().await.unwrap()).await;
        assert_eq!((status, &first["status"]), (200, &json!("succeeded")), "{first}");
        let (status, again) = answer(send().await.unwrap()).await;
        assert_eq!((status, &again), (200, &first), "a retry with the key gets the first answer");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 1);

        let dump = app.database_dump().await;
        assert_no_card_data("the database", &dump);
        let digest = hex::encode(Sha256::digest(&body));
        assert!(!dump.contains(&digest), "the database keeps SHA-256(pay body) = {digest}, which reveals the card number and CVV");
    }

    async fn a_missing_api_key_is_refused_with_401(app: TestApp) {
        let url = format!("{}/api/v1/invoices", app.address);
        let (status, body) = answer(app.client.post(&url).json(&app.invoice_body(json!({}))).send().await.unwrap()).await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["error"]["code"], "auth.missing_key");
        let (status, body) = answer(app.client.post(&url).header("API-KEY", " ").json(&app.invoice_body(json!({}))).send().await.unwrap()).await;
        assert_eq!((status, &body["error"]["code"]), (401, &json!("auth.missing_key")), "{body}");
        let invoice = app.create_invoice(json!({})).await;
        let (status, body) = answer(app.client.get(format!("{url}/{}", invoice["id"].as_str().unwrap())).send().await.unwrap()).await;
        assert_eq!((status, &body["error"]["code"]), (401, &json!("auth.missing_key")), "{body}");
        assert_eq!(invoice_count(&app).await, 1);
    }

    async fn a_wrong_api_key_is_refused_with_401(app: TestApp) {
        let url = format!("{}/api/v1/invoices", app.address);
        let wrong = format!("{}x", app.merchant.api_key);
        let (status, body) = answer(app.client.post(&url).header("API-KEY", &wrong).json(&app.invoice_body(json!({}))).send().await.unwrap()).await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["error"]["code"], "auth.invalid_key");
        assert!(!body.to_string().contains(&wrong), "the key is echoed: {body}");
        let (status, body) = answer(app.client.post(&url).bearer_auth("kassa_not_a_key").json(&app.invoice_body(json!({}))).send().await.unwrap()).await;
        assert_eq!((status, &body["error"]["code"]), (401, &json!("auth.invalid_key")), "{body}");
        assert_eq!(invoice_count(&app).await, 0);
    }

    async fn another_merchants_invoice_is_not_found(app: TestApp) {
        let other = spawn_app_on(app.db, &app.database_url, test_settings(&app.database_url), None).await;
        assert_ne!(other.merchant.merchant_id, app.merchant.merchant_id);
        let theirs = other.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        assert_eq!(other.get_invoice(&theirs).await.status(), 200);

        let (status, body) = answer(app.get_invoice(&theirs).await).await;
        assert_eq!(status, 404, "{body}");
        assert_eq!(body["error"]["code"], "invoice.not_found");
        let cancel = app
            .client
            .post(format!("{}/api/v1/invoices/{theirs}/cancel", app.address))
            .bearer_auth(&app.merchant.api_key)
            .send()
            .await
            .unwrap();
        let (status, body) = answer(cancel).await;
        assert_eq!((status, &body["error"]["code"]), (404, &json!("invoice.not_found")), "{body}");
        let (_, still) = answer(other.get_invoice(&theirs).await).await;
        assert_eq!(still["status"], "open");
    }

    async fn malformed_and_unknown_invoice_ids_are_not_found(app: TestApp) {
        let unknown = format!("inv_{}", "0".repeat(32));
        for id in ["inv_xyz", "not-an-id", &format!("inv_{}", "g".repeat(32)), &format!("INV_{}", "0".repeat(32)), &unknown] {
            let (status, body) = answer(app.get_invoice(id).await).await;
            assert_eq!((status, &body["error"]["code"]), (404, &json!("invoice.not_found")), "{id}: {body}");
            let (status, body) = answer(app.checkout(id).await).await;
            assert_eq!((status, &body["error"]["code"]), (404, &json!("invoice.not_found")), "{id}: {body}");
            let (status, body) = answer(app.pay(id, &TestApp::card("4242424242424242")).await).await;
            assert_eq!((status, &body["error"]["code"]), (404, &json!("invoice.not_found")), "{id}: {body}");
        }
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);
    }

    async fn an_unknown_route_answers_404_in_json(app: TestApp) {
        let response = app.client.get(format!("{}/api/v1/nothing-here", app.address)).send().await.unwrap();
        assert!(header(&response, "content-type").starts_with("application/json"), "{:?}", response.headers());
        let (status, body) = answer(response).await;
        assert_eq!(status, 404);
        assert_eq!(body["error"]["code"], "route.not_found");
        assert!(body["error"]["message"].as_str().is_some_and(|message| !message.is_empty()));
    }

    async fn invalid_json_is_refused_without_echoing_the_body(app: TestApp) {
        let broken = r#"{"email": "echo-canary-314@example.com", "amount": "#;
        let response = app
            .client
            .post(format!("{}/api/v1/invoices", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .header("content-type", "application/json")
            .body(broken)
            .send()
            .await
            .unwrap();
        let (status, body) = answer(response).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["code"], "request.invalid_json");
        assert!(!body.to_string().contains("echo-canary-314"), "{body}");

        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        for pay_body in [
            format!(r#"{{"card": {{"number": "{CANARY}", "cvv": "{CVV}""#),
            format!(r#"{{"card": {{"number": {CANARY}, "expiry": "12/30", "cvv": "{CVV}", "name": "A"}}}}"#),
        ] {
            let response = app
                .client
                .post(format!("{}/api/v1/checkout/{id}/pay", app.address))
                .header("content-type", "application/json")
                .body(pay_body.clone())
                .send()
                .await
                .unwrap();
            let (status, body) = answer(response).await;
            assert_eq!((status, &body["error"]["code"]), (400, &json!("request.invalid_json")), "{pay_body}: {body}");
            assert_no_card_data("an invalid-JSON error", &body.to_string());
        }
        assert_eq!(invoice_count(&app).await, 1);
    }

    async fn a_100_kb_body_is_refused_with_413(app: TestApp) {
        let huge = app.invoice_body(json!({"description": "x".repeat(100 * 1024)}));
        let (status, body) = answer(app.post_invoice(&huge).await).await;
        assert_eq!((status, &body["error"]["code"]), (413, &json!("request.too_large")), "{body}");
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let mut pay_body = TestApp::card("4242424242424242");
        pay_body["padding"] = json!("x".repeat(100 * 1024));
        let (status, body) = answer(app.pay(&id, &pay_body).await).await;
        assert_eq!((status, &body["error"]["code"]), (413, &json!("request.too_large")), "{body}");
        assert_eq!(invoice_count(&app).await, 1);
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 0);
    }

    async fn api_responses_carry_security_headers_and_a_request_id(app: TestApp) {
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let responses = [
            app.checkout(&id).await,
            app.get_invoice(&id).await,
            app.client.get(format!("{}/api/v1/nothing-here", app.address)).send().await.unwrap(),
            app.client.get(format!("{}/api/v1/invoices/{id}", app.address)).send().await.unwrap(),
        ];
        assert_eq!(responses.iter().map(|response| response.status().as_u16()).collect::<Vec<_>>(), [200, 200, 404, 401]);
        let mut request_ids = Vec::new();
        for response in &responses {
            let url = response.url().clone();
            assert_eq!(header(response, "x-content-type-options"), "nosniff", "{url}");
            assert_eq!(header(response, "x-frame-options"), "DENY", "{url}");
            assert_eq!(header(response, "referrer-policy"), "no-referrer", "{url}");
            let policy = header(response, "content-security-policy");
            assert!(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), "{url}: {policy}");
            assert_eq!(header(response, "cache-control"), "no-store", "{url}");
            let request_id = header(response, "x-request-id");
            assert!(request_id.len() >= 16, "{url}: {request_id:?}");
            request_ids.push(request_id.to_owned());
        }
        request_ids.sort();
        request_ids.dedup();
        assert_eq!(request_ids.len(), responses.len(), "request ids repeat: {request_ids:?}");

        let response = app.client.get(format!("{}/healthz", app.address)).header("x-request-id", "trace-me-123").send().await.unwrap();
        assert_eq!(header(&response, "x-request-id"), "trace-me-123");
    }

    async fn health_and_readiness_answer_200(app: TestApp) {
        let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
        assert_eq!(health.status(), 200);
        assert_eq!(health.text().await.unwrap(), "ok");
        let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
        assert_eq!(ready.status(), 200);
        assert_eq!(ready.text().await.unwrap(), "ready");
    }

    async fn an_idempotency_key_replays_the_first_answer_and_refuses_another_body(app: TestApp) {
        let body = app.invoice_body(json!({"reference": "order-77"}));
        let send = |key: &'static str, body: Value| {
            app.client
                .post(format!("{}/api/v1/invoices", app.address))
                .header("API-KEY", &app.merchant.api_key)
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
        };
        let first = send("order-77-create", body.clone()).await.unwrap();
        assert_eq!(first.status(), 201);
        assert_eq!(header(&first, "idempotent-replayed"), "");
        let first: Value = first.json().await.unwrap();

        let second = send("order-77-create", body.clone()).await.unwrap();
        assert_eq!(second.status(), 201);
        assert_eq!(header(&second, "idempotent-replayed"), "true");
        assert!(header(&second, "content-type").starts_with("application/json"));
        let second: Value = second.json().await.unwrap();
        assert_eq!(second, first);
        assert_eq!(invoice_count(&app).await, 1);

        let other_body = app.invoice_body(json!({"reference": "order-78"}));
        let (status, error) = answer(send("order-77-create", other_body.clone()).await.unwrap()).await;
        assert_eq!(status, 422, "{error}");
        assert_eq!(error["error"]["code"], "idempotency_key.reused");
        assert_eq!(invoice_count(&app).await, 1);

        let third = send("order-78-create", other_body).await.unwrap();
        assert_eq!(third.status(), 201, "a new key is a new request");
        assert_eq!(invoice_count(&app).await, 2);
    }

    async fn the_third_payment_request_in_a_minute_from_one_address_is_rate_limited(app: TestApp) {
        let app = spawn_app_with(app.db, |settings| settings.pay_rate_per_minute = 2).await;
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        // The limiter counts per calendar minute: do not straddle two.
        let into_minute = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() % 60_000;
        if into_minute > 55_000 {
            tokio::time::sleep(Duration::from_millis(u64::try_from(60_100 - into_minute).unwrap())).await;
        }
        for _ in 0..2 {
            let (status, body) = answer(app.pay(&id, &TestApp::card("4000000000000002")).await).await;
            assert_eq!((status, &body["status"]), (200, &json!("declined")), "{body}");
        }
        let (status, body) = answer(app.pay(&id, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 429, "{body}");
        assert_eq!(body["error"]["code"], "rate_limited");
        assert_eq!(app.processor.charges.load(Ordering::SeqCst), 2);
        let (_, invoice) = answer(app.get_invoice(&id).await).await;
        assert_eq!((&invoice["status"], &invoice["attempts"]), (&json!("open"), &json!(2)));
    }

    async fn merchant_urls_must_be_https_without_credentials(app: TestApp) {
        let (status, body) = answer(app.post_invoice(&app.invoice_body(json!({"success_url": "http://shop.example/success"}))).await).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!((&body["error"]["code"], &body["error"]["field"]), (&json!("url.insecure"), &json!("success_url")));

        let (status, body) = answer(app.post_invoice(&app.invoice_body(json!({"cancel_url": "https://user:pw@shop.example/cancel"}))).await).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!((&body["error"]["code"], &body["error"]["field"]), (&json!("url.credentials"), &json!("cancel_url")));
        assert!(!body.to_string().contains("pw@"), "{body}");
        assert_eq!(invoice_count(&app).await, 0);

        let local = app.post_invoice(&app.invoice_body(json!({"success_url": "http://localhost:3000/success"}))).await;
        assert_eq!(local.status(), 201, "plain http is fine for localhost");
    }

    async fn callback_json_over_16_kb_is_refused(app: TestApp) {
        let big = json!({"blob": "x".repeat(17 * 1024)});
        let (status, body) = answer(app.post_invoice(&app.invoice_body(json!({"callbackJson": big}))).await).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["error"]["code"], "callback_json.too_large");
        assert_eq!(body["error"]["field"], "callbackJson");
        assert_eq!(invoice_count(&app).await, 0);

        let fits = json!({"blob": "x".repeat(15 * 1024)});
        assert_eq!(app.post_invoice(&app.invoice_body(json!({"callbackJson": fits}))).await.status(), 201);
    }
}
