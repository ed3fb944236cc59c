//! The hosted page's serving: `/pay/{id}` with its security headers, and
//! `/assets/…` with year-long caching. (What the page does in a browser is
//! tested end to end in `tests/e2e`.)

use serde_json::json;

use crate::helpers::{Db, EMBED_ORIGIN, TestApp, answer, spawn_app_with};

/// A page directory with an index and one asset, as `cargo xtask page`
/// writes, or an empty one (a page never built).
fn page_dir(built: bool) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kassa-page-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    if built {
        std::fs::write(
            dir.join("index.html"),
            "<!DOCTYPE html><head><title>Kassa</title></head><body></body>",
        )
        .expect("index.html");
        std::fs::write(dir.join("app-0123.js"), "export default 1;").expect("an asset");
        // The compressed copies `cargo xtask page` writes beside each asset
        // (stand-in bytes: the server sends them as they are).
        std::fs::write(dir.join("app-0123.js.br"), "brotli bytes").expect("a .br copy");
        std::fs::write(dir.join("app-0123.js.gz"), "gzip bytes").expect("a .gz copy");
    }
    dir
}

/// `GET url` with the app's client (which follows no redirect).
async fn get(app: &TestApp, url: String) -> reqwest::Response {
    app.client
        .get(url)
        .send()
        .await
        .expect("the server answers")
}

/// The server on SQLite, serving the page from `page_dir(built)`.
async fn spawn_with_page(built: bool) -> TestApp {
    let dir = page_dir(built);
    spawn_app_with(Db::Sqlite, |settings| {
        settings.page_dir = dir.to_string_lossy().into_owned();
    })
    .await
}

#[tokio::test]
async fn the_page_is_served_for_an_invoice_with_a_strict_policy_and_no_referrer() {
    let app = spawn_with_page(true).await;
    let response = get(
        &app,
        format!("{}/pay/inv_0123456789abcdef0123456789abcdef", app.address),
    )
    .await;
    assert_eq!(response.status(), 200);
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("content-type"), "text/html; charset=utf-8");
    assert_eq!(
        header("content-security-policy"),
        kassa_server::page::PAGE_CSP
    );
    assert!(!header("content-security-policy").contains("unsafe-inline"));
    assert_eq!(header("referrer-policy"), "no-referrer");
    assert_eq!(header("cache-control"), "no-store");
    assert_eq!(header("x-frame-options"), "DENY");
    assert_eq!(header("vary"), "accept-language");
    let html = response.text().await.unwrap();
    assert!(html.starts_with("<!DOCTYPE html><head><title>Kassa</title><script type=\"application/json\" id=\"kassa-words\">{"), "{html}");
    assert!(html.ends_with("</script></head><body></body>"), "{html}");
}

/// The words block the page got, as JSON.
async fn words_of(response: reqwest::Response) -> serde_json::Value {
    let html = response.text().await.expect("an HTML body");
    let start =
        html.find("id=\"kassa-words\">").expect("a words block") + "id=\"kassa-words\">".len();
    let end = start + html[start..].find("</script>").expect("the block's end");
    serde_json::from_str(&html[start..end]).expect("the block is JSON")
}

#[tokio::test]
async fn the_page_carries_one_languages_words_from_the_address_the_invoice_or_the_browser() {
    let app = spawn_with_page(true).await;
    // `GET path` with one request header.
    let page = |path: String, (name, value): (&'static str, &'static str)| {
        app.client
            .get(format!("{}{path}", app.address))
            .header(name, value)
            .send()
    };
    let language = |accept| ("accept-language", accept);
    let plain = app.create_invoice(json!({})).await;
    let plain = plain["id"].as_str().unwrap().to_owned();
    let hebrew = app.create_invoice(json!({"locale": "he"})).await;
    let hebrew = hebrew["id"].as_str().unwrap().to_owned();

    // The browser's first language the page speaks.
    let words = words_of(
        page(
            format!("/pay/{plain}"),
            language("pt-BR, fr-CA;q=0.9, en;q=0.8"),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(words["lang"], "fr");
    assert_eq!(
        words["texts"].as_array().unwrap().len(),
        kassa_api::words::Texts::LEN
    );
    assert!(
        words["texts"]
            .as_array()
            .unwrap()
            .contains(&json!("Numéro de carte"))
    );
    assert_eq!(
        words["messages"].as_array().unwrap().len(),
        kassa_card::ErrorCode::ALL.len()
    );
    assert!(words["messages"].as_array().unwrap().contains(&json!(
        kassa_card::ErrorCode::ExpiryInPast.message(kassa_card::Locale::Fr)
    )));
    // The invoice's locale over the browser's; the address's over both.
    let words = words_of(
        page(format!("/pay/{hebrew}"), language("fr"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(words["lang"], "he");
    let words = words_of(
        page(format!("/pay/{hebrew}?embed=1&locale=de"), language("fr"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(words["lang"], "de");
    // Compressed for a browser that accepts it (the words are most of it).
    let compressed = page(format!("/pay/{plain}"), ("accept-encoding", "gzip"))
        .await
        .unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "gzip");
    // Nothing it speaks, and an unknown invoice: English.
    let words = words_of(
        page(
            "/pay/inv_0123456789abcdef0123456789abcdef".into(),
            language("ja"),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(words["lang"], "en");
    assert!(
        words["texts"]
            .as_array()
            .unwrap()
            .contains(&json!("Card number"))
    );
}

#[tokio::test]
async fn a_mistyped_link_still_gets_the_page_but_with_a_404() {
    let app = spawn_with_page(true).await;
    let response = get(&app, format!("{}/pay/inv_oops", app.address)).await;
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
}

#[tokio::test]
async fn assets_are_cached_for_a_year_and_missing_ones_are_404() {
    let app = spawn_with_page(true).await;
    let asset = get(&app, format!("{}/assets/app-0123.js", app.address)).await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(asset.text().await.unwrap(), "export default 1;");
    let missing = get(&app, format!("{}/assets/../index.html", app.address)).await;
    assert_eq!(missing.status(), 404);
    let absent = get(&app, format!("{}/assets/app-9999.js", app.address)).await;
    assert_eq!(absent.status(), 404);
    assert_eq!(
        absent.headers()["cache-control"],
        "no-store",
        "a miss is never cached"
    );
}

#[tokio::test]
async fn assets_are_sent_as_the_compressed_copy_the_browser_accepts() {
    let app = spawn_with_page(true).await;
    let url = format!("{}/assets/app-0123.js", app.address);
    for (accepted, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "export default 1;"),
    ] {
        let response = app
            .client
            .get(&url)
            .header("accept-encoding", accepted)
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        assert_eq!(
            headers
                .get("content-encoding")
                .map(|value| value.to_str().unwrap()),
            encoding,
            "for Accept-Encoding: {accepted}"
        );
        assert_eq!(headers["content-type"], "text/javascript");
        assert_eq!(
            headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let vary = headers.get("vary").map(|value| value.to_str().unwrap());
        assert_eq!(
            vary,
            Some("accept-encoding"),
            "for Accept-Encoding: {accepted}"
        );
        assert_eq!(response.text().await.unwrap(), body);
    }
}

#[tokio::test]
async fn without_a_built_page_the_server_says_so_in_a_json_error() {
    let app = spawn_with_page(false).await;
    let response = get(
        &app,
        format!("{}/pay/inv_0123456789abcdef0123456789abcdef", app.address),
    )
    .await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "page.not_built");
}

#[tokio::test]
async fn the_embedded_page_may_be_framed_by_the_merchants_listed_origins_only() {
    let app = spawn_with_page(true).await;
    let invoice = app.create_invoice(json!({})).await;
    let id = invoice["id"].as_str().unwrap();
    let embedded = get(&app, format!("{}/pay/{id}?embed=1", app.address)).await;
    assert_eq!(embedded.status(), 200);
    let csp = embedded.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(
        csp.ends_with(&format!("frame-ancestors {EMBED_ORIGIN}")),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"));
    assert!(embedded.headers().get("x-frame-options").is_none());

    let hosted = get(&app, format!("{}/pay/{id}", app.address)).await;
    let csp = hosted.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.ends_with("frame-ancestors 'none'"));
    assert_eq!(hosted.headers()["x-frame-options"], "DENY");

    let (_, view) = answer(app.checkout(id).await).await;
    assert_eq!(view["embed_origins"], json!([EMBED_ORIGIN]));
}

#[tokio::test]
async fn an_unknown_invoice_may_not_be_framed_by_anyone() {
    let app = spawn_with_page(true).await;
    let response = get(
        &app,
        format!(
            "{}/pay/inv_0123456789abcdef0123456789abcdef?embed=1",
            app.address
        ),
    )
    .await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.ends_with("frame-ancestors 'none'"));
    assert_eq!(response.headers()["x-frame-options"], "DENY");
}

/// A Stripe merchant's page may frame Stripe's 3-D Secure pages (its
/// origin, here the double's), and nothing else besides its own origin.
#[tokio::test]
async fn a_stripe_merchants_page_frames_stripes_3_d_secure_pages() {
    let app = spawn_with_page(true).await;
    let double = kassa_gateway_doubles::stripe::StripeDouble::start("sk_test_kassa").await;
    let response = app
        .client
        .put(format!("{}/api/v1/merchant/processor", app.address))
        .bearer_auth(&app.merchant.api_key)
        .json(&serde_json::json!({"processor": "stripe", "config": {"base_url": double.base_url(), "secret_key": "sk_test_kassa"}}))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 200);
    let id = app.create_invoice(serde_json::json!({})).await["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let page = get(&app, format!("{}/pay/{id}", app.address)).await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert_eq!(
        csp,
        kassa_server::page::PAGE_CSP.replace(
            "frame-src 'self';",
            &format!("frame-src 'self' {};", double.base_url())
        )
    );
}
