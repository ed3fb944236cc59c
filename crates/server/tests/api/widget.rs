//! The embeddable widget's files (`/widget.js`, `/widget.mjs`,
//! `/widget.d.ts`) with the headers cross-origin pages and SRI need, the
//! README's integrity hash kept current, and the demo merchant's shop. (What
//! the widget does in a browser is tested end to end in
//! `tests/e2e/widget.test.mjs`.)

#![allow(clippy::unwrap_used)]

use base64::Engine;
use kassa_server::demo_shop::{DemoShop, ShopMerchant};
use serde_json::{Value, json};
use sha2::{Digest, Sha384};

use crate::helpers::{Db, TestApp, answer, spawn_app};

fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

async fn fetch(app: &TestApp, path: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.address))
        .header("origin", "https://shop.example")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_widget_files_are_served_to_any_origin_with_their_types_and_a_short_cache() {
    let app = spawn_app(Db::Sqlite).await;
    for (path, content_type, body) in [
        (
            "/widget.js",
            "text/javascript; charset=utf-8",
            kassa_server::widget::WIDGET_JS,
        ),
        (
            "/widget.mjs",
            "text/javascript; charset=utf-8",
            kassa_server::widget::WIDGET_MJS,
        ),
        (
            "/widget.d.ts",
            "application/typescript; charset=utf-8",
            kassa_server::widget::WIDGET_D_TS,
        ),
    ] {
        let response = fetch(&app, path).await;
        assert_eq!(response.status(), 200, "{path}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().unwrap().to_owned())
                .unwrap_or_default()
        };
        assert_eq!(header("content-type"), content_type, "{path}");
        assert_eq!(header("cache-control"), "public, max-age=300", "{path}");
        assert_eq!(header("access-control-allow-origin"), "*", "{path}");
        assert_eq!(
            header("cross-origin-resource-policy"),
            "cross-origin",
            "{path}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert!(header("etag").starts_with('"'), "{path}");
        assert_eq!(response.text().await.unwrap(), body, "{path}");
    }
}

#[tokio::test]
async fn widget_js_is_a_small_classic_script_and_widget_mjs_a_module_of_the_same_code() {
    let app = spawn_app(Db::Sqlite).await;
    let script = fetch(&app, "/widget.js").await.text().await.unwrap();
    let module = fetch(&app, "/widget.mjs").await.text().await.unwrap();
    assert!(script.len() < 10 * 1024, "a few KB: {} bytes", script.len());
    assert!(script.starts_with("/*! Kassa checkout widget"));
    assert!(script.contains("var Kassa = "));
    assert!(!script.contains("export "));
    assert!(module.starts_with(&script));
    assert!(module.contains("export function mount(target, options)"));
    assert!(
        !script.contains("fetch(") && !script.contains("XMLHttpRequest"),
        "the widget makes no request of its own"
    );
    assert!(
        !script.contains("postMessage("),
        "the widget sends nothing to the iframe"
    );
}

#[tokio::test]
async fn a_browser_holding_the_current_copy_gets_a_304() {
    let app = spawn_app(Db::Sqlite).await;
    let first = fetch(&app, "/widget.js").await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(format!("{}/widget.js", app.address))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(again.headers()["access-control-allow-origin"], "*");
    let stale = app
        .client
        .get(format!("{}/widget.js", app.address))
        .header("if-none-match", "\"0123\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200);
}

#[tokio::test]
async fn the_readme_gives_the_current_integrity_hash_of_widget_js() {
    let app = spawn_app(Db::Sqlite).await;
    let served = fetch(&app, "/widget.js").await.bytes().await.unwrap();
    let hash = sri(&served);
    assert_eq!(hash, kassa_server::widget::widget_js_integrity());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    assert!(
        readme.contains(&format!("integrity=\"{hash}\"")),
        "README.md must give widget.js's current hash; replace the old one with {hash}"
    );
    let stale: Vec<&str> = readme
        .lines()
        .filter(|line| line.contains("widget.js") && line.contains("sha384-"))
        .filter(|line| !line.contains(&hash))
        .collect();
    assert!(stale.is_empty(), "README.md has old hashes: {stale:?}");
}

/// The demo shop on its own port, as the demo merchant (here, the test
/// app's merchant) with Kassa at the test app.
async fn start_shop(app: &TestApp) -> String {
    let shop = DemoShop::bind("127.0.0.1:0").await.unwrap();
    let origin = shop.origin().to_owned();
    assert!(origin.starts_with("http://127.0.0.1:"));
    assert_eq!(shop.callback_url(), format!("{origin}/callback"));
    let merchant = ShopMerchant {
        kassa_url: app.address.clone(),
        api_key: app.merchant.api_key.clone(),
        callback_secret: app.merchant.callback_secret.clone(),
    };
    tokio::spawn(shop.run(merchant));
    origin
}

#[tokio::test]
async fn the_demo_shop_creates_the_invoice_on_its_server_and_embeds_it_with_the_hashed_widget() {
    let app = spawn_app(Db::Sqlite).await;
    let shop = start_shop(&app).await;
    let cart = app.client.get(format!("{shop}/")).send().await.unwrap();
    assert_eq!(cart.status(), 200);
    assert!(cart.text().await.unwrap().contains("action=\"/checkout\""));

    let created = app
        .client
        .post(format!("{shop}/checkout"))
        .form(&[("redirect", "always")])
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 303);
    let location = created.headers()["location"].to_str().unwrap().to_owned();
    let invoice_id = location
        .strip_prefix("/checkout/")
        .and_then(|rest| rest.strip_suffix("?redirect=always"))
        .unwrap()
        .to_owned();

    let (status, invoice) = answer(
        app.client
            .get(format!("{}/api/v1/invoices/{invoice_id}", app.address))
            .header("API-KEY", &app.merchant.api_key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{invoice}");
    assert_eq!(invoice["status"], "open");
    assert_eq!(invoice["amount"], "15.04");
    assert_eq!(invoice["description"], "Demo order");
    assert!(invoice["reference"].as_str().unwrap().starts_with("order_"));

    let page = app
        .client
        .get(format!("{shop}{location}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let kassa = &app.address;
    assert!(
        csp.contains(&format!("script-src 'self' {kassa};")),
        "{csp}"
    );
    assert!(csp.contains(&format!("frame-src {kassa};")), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let html = page.text().await.unwrap();
    let widget = fetch(&app, "/widget.js").await.bytes().await.unwrap();
    assert!(html.contains(&format!(
        "<script src=\"{kassa}/widget.js\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
        sri(&widget)
    )));
    assert!(html.contains(&format!("data-invoice=\"{invoice_id}\"")));
    assert!(html.contains("data-redirect=\"always\""));
    for tag in html.match_indices("<script").map(|(at, _)| &html[at..]) {
        assert!(tag.starts_with("<script src="), "no inline script");
    }

    let script = app
        .client
        .get(format!("{shop}/shop.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(script.text().await.unwrap().contains("Kassa.mount("));
    let missing = app
        .client
        .get(format!("{shop}/checkout/not-an-invoice"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

async fn post_callback(app: &TestApp, shop: &str, body: &str, signature: &str) -> u16 {
    app.client
        .post(format!("{shop}/callback"))
        .header("content-type", "application/json")
        .header("kassa-signature", signature)
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn shop_events(app: &TestApp, shop: &str, invoice: &str) -> Vec<Value> {
    let body: Value = app
        .client
        .get(format!("{shop}/events?invoice={invoice}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["callbacks"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_demo_shop_keeps_a_callback_only_when_its_signature_verifies_and_only_once() {
    let app = spawn_app(Db::Sqlite).await;
    let shop = start_shop(&app).await;
    let body = json!({
        "id": "evt_1",
        "type": "invoice.paid",
        "invoice": {"id": "inv_0123456789abcdef0123456789abcdef", "status": "paid"},
    })
    .to_string();
    let now = kassa_server::clock::now_ms() / 1000;
    let secret = &app.merchant.callback_secret;

    let forged = kassa_server::signing::callback_signature("whsec_wrong", now, body.as_bytes());
    assert_eq!(post_callback(&app, &shop, &body, &forged).await, 401);
    let old = kassa_server::signing::callback_signature(secret, now - 3600, body.as_bytes());
    assert_eq!(
        post_callback(&app, &shop, &body, &old).await,
        401,
        "replayed"
    );
    assert_eq!(post_callback(&app, &shop, &body, "").await, 401);
    let invoice = "inv_0123456789abcdef0123456789abcdef";
    assert!(shop_events(&app, &shop, invoice).await.is_empty());

    let signed = kassa_server::signing::callback_signature(secret, now, body.as_bytes());
    assert_eq!(post_callback(&app, &shop, &body, &signed).await, 204);
    assert_eq!(
        post_callback(&app, &shop, &body, &signed).await,
        204,
        "redelivery"
    );
    let kept = shop_events(&app, &shop, invoice).await;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["event_id"], "evt_1");
    assert_eq!(kept[0]["type"], "invoice.paid");
    assert_eq!(kept[0]["invoice_status"], "paid");
    assert!(
        shop_events(&app, &shop, "inv_other").await.is_empty(),
        "filtered by invoice"
    );
}

#[tokio::test]
async fn the_demo_shop_return_page_checks_the_redirect_signature() {
    let app = spawn_app(Db::Sqlite).await;
    let shop = start_shop(&app).await;
    let signature =
        kassa_server::signing::redirect_signature(&app.merchant.callback_secret, "inv_1", "paid");
    let page = |query: String| {
        let client = app.client.clone();
        let url = format!("{shop}/return/success?{query}");
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let valid = page(format!(
        "invoice_id=inv_1&status=paid&signature={signature}"
    ))
    .await;
    assert!(valid.contains("data-testid=\"redirect-signature\">valid<"));
    let tampered = page(format!(
        "invoice_id=inv_1&status=failed&signature={signature}"
    ))
    .await;
    assert!(tampered.contains(">not valid<"));
    let unknown = app
        .client
        .get(format!("{shop}/return/elsewhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
