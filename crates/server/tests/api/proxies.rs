//! Behind a trusted proxy, each shopper is rate-limited on their own
//! address; a client cannot escape the limit by writing forwarding headers.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, answer, spawn_app_with};

/// Two payments a minute per address; `trusted` proxies in front.
async fn limited_app(db: Db, trusted: &[&str]) -> TestApp {
    let trusted: Vec<ipnet::IpNet> = trusted.iter().map(|net| net.parse().unwrap()).collect();
    spawn_app_with(db, move |settings| {
        settings.pay_rate_per_minute = 2;
        settings.trusted_proxies = trusted;
    })
    .await
}

/// Pays a fresh invoice with `headers`; the status code.
async fn pay_with(app: &TestApp, headers: &[(&str, &str)]) -> u16 {
    let id = app.create_invoice(json!({})).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut request = app
        .client
        .post(format!("{}/api/v1/checkout/{id}/pay", app.address))
        .json(&TestApp::card("4242424242424242"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (status, body): (u16, Value) = answer(request.send().await.unwrap()).await;
    assert!(status == 200 || status == 429, "{status} {body}");
    status
}

async fn shoppers_behind_a_trusted_proxy_are_limited_one_by_one(db: Db) {
    let app = limited_app(db, &["127.0.0.0/8"]).await;
    let alice = [("x-forwarded-for", "203.0.113.10")];
    assert_eq!(pay_with(&app, &alice).await, 200);
    assert_eq!(pay_with(&app, &alice).await, 200);
    assert_eq!(
        pay_with(&app, &alice).await,
        429,
        "the third in a minute from one shopper"
    );
    // Another shopper behind the same proxy is not held back by the first.
    assert_eq!(
        pay_with(&app, &[("x-forwarded-for", "2001:db8::5")]).await,
        200
    );
    // The proxy writes X-Forwarded-For: a Forwarded header is the client's
    // own and changes nothing.
    let forged = [
        ("forwarded", "for=198.51.100.77"),
        ("x-forwarded-for", "203.0.113.10"),
    ];
    assert_eq!(pay_with(&app, &forged).await, 429);
    // Alice cannot escape by writing an address of her own on the left:
    // the proxy appended her real one, and that is the one read.
    assert_eq!(
        pay_with(&app, &[("x-forwarded-for", "198.51.100.1, 203.0.113.10")]).await,
        429
    );
}

async fn forwarding_headers_from_an_untrusted_peer_count_for_nothing(db: Db) {
    let app = limited_app(db, &["10.0.0.0/8"]).await;
    assert_eq!(
        pay_with(&app, &[("x-forwarded-for", "203.0.113.1")]).await,
        200
    );
    assert_eq!(
        pay_with(&app, &[("x-forwarded-for", "203.0.113.2")]).await,
        200
    );
    // Every request came from 127.0.0.1, whatever the headers claim.
    assert_eq!(
        pay_with(&app, &[("x-forwarded-for", "203.0.113.3")]).await,
        429
    );
    assert_eq!(
        pay_with(&app, &[("forwarded", "for=203.0.113.4")]).await,
        429
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxy_limits_each_shopper_sqlite() {
    shoppers_behind_a_trusted_proxy_are_limited_one_by_one(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_proxy_limits_each_shopper_postgres() {
    shoppers_behind_a_trusted_proxy_are_limited_one_by_one(Db::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untrusted_forwarding_headers_are_ignored_sqlite() {
    forwarding_headers_from_an_untrusted_peer_count_for_nothing(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untrusted_forwarding_headers_are_ignored_postgres() {
    forwarding_headers_from_an_untrusted_peer_count_for_nothing(Db::Postgres).await;
}
