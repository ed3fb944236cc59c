//! The OpenAPI document: valid OpenAPI 3.1, the same routes as the router,
//! schemas that real answers and callbacks match, and the page that shows
//! it.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, answer, spawn_app};

/// The OpenAPI Initiative's schema for 3.1 documents (see fixtures/README.md).
const OPENAPI_3_1_SCHEMA: &str = include_str!("fixtures/openapi-3.1-schema-2022-10-07.json");

/// The methods an OpenAPI path item can hold that axum routes by name
/// (`HEAD` is answered by every `GET` route, so it is not probed).
const METHODS: [&str; 6] = ["get", "post", "put", "patch", "delete", "options"];

async fn served_document(app: &TestApp) -> Value {
    let response = app
        .client
        .get(format!("{}/api/openapi.json", app.address))
        .send()
        .await
        .unwrap();
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let (status, document) = answer(response).await;
    assert_eq!(status, 200);
    document
}

/// Every error of `instance` against `validator`, one per line.
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("at {}: {error}", error.instance_path()))
        .collect()
}

fn openapi_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(OPENAPI_3_1_SCHEMA).unwrap();
    assert_eq!(
        schema["$id"],
        "https://spec.openapis.org/oas/3.1/schema/2022-10-07"
    );
    jsonschema::validator_for(&schema).unwrap()
}

/// A validator for one of the document's component schemas.
fn component_validator(document: &Value, name: &str) -> jsonschema::Validator {
    assert!(
        document["components"]["schemas"][name].is_object(),
        "no schema {name}"
    );
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": document["components"],
    });
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_matches(document: &Value, name: &str, instance: &Value) {
    let problems = errors(&component_validator(document, name), instance);
    assert!(
        problems.is_empty(),
        "{instance} does not match {name}:\n{}",
        problems.join("\n")
    );
}

/// `(METHOD, path)` of every operation in the document.
fn documented_operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in METHODS.iter().chain(&["head", "trace"]) {
            if item.get(*method).is_some() {
                operations.insert((method.to_ascii_uppercase(), path.clone()));
            }
        }
    }
    operations
}

/// `(METHOD, path)` of everything the running server routes: the paths the
/// router was given, each asked with every method. A method is routed
/// unless the server answers the router's own 405 (or, for a path that
/// never reached the router, its 404).
async fn routed_operations(app: &TestApp) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for path in kassa_server::routes::documented().paths() {
        // Any value fills a parameter: handlers refuse it after routing.
        let concrete: String = path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "x"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for method in METHODS {
            let response = app
                .client
                .request(
                    method.to_ascii_uppercase().parse().unwrap(),
                    format!("{}{concrete}", app.address),
                )
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let code = body["error"]["code"].as_str().unwrap_or_default();
            let unrouted = (status == 405 && code == "route.method_not_allowed")
                || (status == 404 && code == "route.not_found");
            if !unrouted {
                operations.insert((method.to_ascii_uppercase(), path.clone()));
            }
        }
    }
    operations
}

#[tokio::test]
async fn the_openapi_document_validates_as_openapi_3_1() {
    let app = spawn_app(Db::Sqlite).await;
    let document = served_document(&app).await;
    assert_eq!(document["openapi"], "3.1.0");
    let validator = openapi_validator();
    let problems = errors(&validator, &document);
    assert!(
        problems.is_empty(),
        "/api/openapi.json is not a valid OpenAPI 3.1 document:\n{}",
        problems.join("\n")
    );
    assert_eq!(
        &document,
        kassa_server::openapi::document(),
        "what is served is what the code generates"
    );
}

#[tokio::test]
async fn the_openapi_schema_refuses_a_broken_document() {
    // The validator is only worth having if it can say no.
    let validator = openapi_validator();
    let mut broken = kassa_server::openapi::document().clone();
    broken["paths"]["/api/v1/invoices"]["post"]["responses"] = json!("none");
    assert!(!errors(&validator, &broken).is_empty());
    broken = json!({"openapi": "3.1.0", "paths": {}});
    assert!(!errors(&validator, &broken).is_empty(), "info is required");
    broken = json!({"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}});
    assert!(!errors(&validator, &broken).is_empty(), "only 3.1");
}

#[tokio::test]
async fn every_route_the_router_serves_is_in_the_document_and_nothing_else() {
    let app = spawn_app(Db::Sqlite).await;
    let document = served_document(&app).await;
    let documented = documented_operations(&document);
    let routed = routed_operations(&app).await;
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "served but not in /api/openapi.json (give the handler #[utoipa::path] and add it with routes!): {undocumented:?}"
    );
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(
        unrouted.is_empty(),
        "in /api/openapi.json but not served: {unrouted:?}"
    );
    for expected in [
        ("POST", "/api/v1/invoices"),
        ("GET", "/api/v1/invoices/{id}/refunds"),
        ("GET", "/api/v1/refunds/{id}"),
        ("GET", "/api/openapi.json"),
        ("GET", "/api/docs"),
        ("GET", "/metrics"),
    ] {
        assert!(
            documented.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?}"
        );
    }
}

#[tokio::test]
async fn the_document_names_its_security_errors_idempotency_and_callbacks() {
    let document = kassa_server::openapi::document();
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["api_key"]["type"], "apiKey");
    assert_eq!(schemes["api_key"]["in"], "header");
    assert_eq!(schemes["api_key"]["name"], "API-KEY");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");

    let create = &document["paths"]["/api/v1/invoices"]["post"];
    assert_eq!(
        create["security"],
        json!([{"api_key": []}, {"bearer": []}, {"session": []}])
    );
    assert!(
        create["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|parameter| parameter["name"] == "Idempotency-Key" && parameter["in"] == "header")
    );
    assert_eq!(
        create["responses"]["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorBody"
    );
    // The page's routes need no key.
    assert!(
        document["paths"]["/api/v1/checkout/{id}/pay"]["post"]
            .get("security")
            .is_none()
    );

    let callback = &document["webhooks"]["callback"]["post"];
    let headers: Vec<&str> = callback["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|parameter| parameter["name"].as_str().unwrap())
        .collect();
    assert_eq!(headers, ["Kassa-Event-Id", "Kassa-Signature"]);
    assert!(
        !document.to_string().contains("```"),
        "no Rust examples in descriptions"
    );
}

#[test]
fn the_cursors_this_api_gives_out_match_their_documented_pattern() {
    let document = kassa_server::openapi::document();
    for (path, prefix) in [("/api/v1/invoices", "inv_"), ("/api/v1/events", "evt_")] {
        let schema = document["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|parameter| parameter["name"] == "cursor")
            .unwrap()["schema"]
            .clone();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for (created_at, hex) in [
            (1_795_219_200_123_i64, "0123456789abcdef0123456789abcdef"),
            (7, "ffffffffffffffffffffffffffffffff"),
        ] {
            let cursor = kassa_server::search::encode_cursor(created_at, &format!("{prefix}{hex}"));
            assert!(validator.is_valid(&json!(cursor)), "{path}: {cursor}");
        }
        let other = if prefix == "inv_" { "evt_" } else { "inv_" };
        let foreign = kassa_server::search::encode_cursor(5, &format!("{other}{}", "0".repeat(32)));
        assert!(
            !validator.is_valid(&json!(foreign)),
            "{path}: another list's cursor"
        );
        assert!(!validator.is_valid(&json!("0")), "{path}");
    }
}

#[tokio::test]
async fn links_lead_from_an_answer_to_the_operations_that_take_its_ids() {
    let document = kassa_server::openapi::document();
    let mut operations = std::collections::BTreeMap::new();
    for item in document["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if let Some(id) = operation["operationId"].as_str() {
                operations.insert(id.to_owned(), operation.clone());
            }
        }
    }
    let mut followed = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let Some(links) = response.get("links").and_then(Value::as_object) else {
                    continue;
                };
                for (name, link) in links {
                    let target = &operations[link["operationId"].as_str().unwrap()];
                    for parameter in link["parameters"].as_object().unwrap().keys() {
                        assert!(
                            target["parameters"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .any(|known| known["name"] == *parameter && known["in"] == "path"),
                            "{method} {path} {status} {name}: {parameter}"
                        );
                    }
                    followed.insert(link["operationId"].as_str().unwrap().to_owned());
                }
            }
        }
    }
    // Every operation behind an id is reachable from an answer.
    for id in [
        "invoices_get",
        "invoices_cancel",
        "invoices_capture",
        "invoices_void",
        "refunds_create",
        "refunds_list",
        "refunds_get",
        "checkout_get",
        "checkout_pay",
        "checkout_cancel",
        "events_redeliver",
    ] {
        assert!(followed.contains(id), "{id} has no link leading to it");
    }
}

#[tokio::test]
async fn answers_and_callbacks_match_the_documented_schemas() {
    let app = spawn_app(Db::Sqlite).await;
    let document = served_document(&app).await;

    let invoice = app
        .create_invoice(json!({"description": "Order 7", "reference": "7"}))
        .await;
    assert_matches(&document, "InvoiceResponse", &invoice);
    let id = invoice["id"].as_str().unwrap();
    let (_, view) = answer(app.checkout(id).await).await;
    assert_matches(&document, "CheckoutView", &view);
    let (status, paid) = answer(app.pay(id, &TestApp::card("4242424242424242")).await).await;
    assert_eq!(status, 200, "{paid}");
    assert_matches(&document, "PayResponse", &paid);

    let refund = app
        .client
        .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .json(&json!({"amount": "5.00"}))
        .send()
        .await
        .unwrap();
    let (status, refund) = answer(refund).await;
    assert_eq!(status, 201, "{refund}");
    assert_matches(&document, "RefundResponse", &refund);
    let list = app
        .client
        .get(format!("{}/api/v1/invoices/{id}/refunds", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    assert_matches(&document, "RefundList", &answer(list).await.1);
    let search = app
        .client
        .get(format!("{}/api/v1/invoices", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    assert_matches(&document, "InvoiceList", &answer(search).await.1);
    let (status, error) = answer(app.get_invoice(&format!("inv_{}", "0".repeat(32))).await).await;
    assert_eq!(status, 404);
    assert_matches(&document, "ErrorBody", &error);

    for callback in app.mock.wait_for(2).await {
        assert_matches(&document, "CallbackEvent", &callback.json);
    }
}

#[tokio::test]
async fn the_docs_page_shows_every_operation_with_no_script_or_outside_request() {
    let app = spawn_app(Db::Sqlite).await;
    let document = served_document(&app).await;
    let response = app
        .client
        .get(format!("{}/api/docs", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(policy.contains("style-src 'sha256-"), "{policy}");
    assert!(
        !policy.contains("unsafe-inline") && !policy.contains("http"),
        "{policy}"
    );
    let page = response.text().await.unwrap();

    assert!(!page.to_ascii_lowercase().contains("<script"), "no script");
    for outside in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "@import",
        "url(",
    ] {
        assert!(!page.contains(outside), "nothing from elsewhere: {outside}");
    }
    // The one style element is the one the policy's hash allows.
    let style = page
        .split("<style>")
        .nth(1)
        .and_then(|rest| rest.split("</style>").next())
        .unwrap();
    assert_eq!(page.matches("<style>").count(), 1);
    assert!(!page.contains(" style=\""), "no style attributes");
    let digest = {
        use sha2::Digest as _;
        sha2::Sha256::digest(style.as_bytes())
    };
    let expected = base64_encode(&digest);
    assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");

    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let summary = operation["summary"].as_str().unwrap();
            let id = operation["operationId"].as_str().unwrap();
            assert!(
                page.contains(&escape(summary)),
                "{method} {path}: {summary}"
            );
            assert!(page.contains(id), "{method} {path}: {id}");
            assert!(
                page.contains(&format!("<code>{}</code>", escape(path))),
                "{path}"
            );
        }
    }
    for schema in [
        "InvoiceResponse",
        "RefundResponse",
        "ErrorBody",
        "CallbackEvent",
    ] {
        assert!(
            page.contains(&format!("id=\"schema-{schema}\"")),
            "{schema}"
        );
    }
    assert!(page.contains("Kassa-Signature"));
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Standard base64 with padding, written out so the test does not share
/// the server's encoder.
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
