//! Searching invoices: every filter, cursor pagination without duplicates
//! or gaps, bad parameters, and only the merchant's own invoices.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use serde_json::{Value, json};
use sqlx::Connection;

use crate::both_databases;
use crate::helpers::{Db, TestApp, answer, spawn_app_on, test_settings};

/// 2026-01-01T00:00:00Z in Unix milliseconds.
const BASE_MS: i64 = 1_767_225_600_000;
const INVOICES: usize = 60;

async fn search(app: &TestApp, query: &str) -> (u16, Value) {
    let response = app
        .client
        .get(format!("{}/api/v1/invoices?{query}", app.address))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// Every page of a search, following `next_cursor`: the ids in order.
async fn all_pages(app: &TestApp, query: &str) -> (Vec<String>, usize) {
    let mut ids = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(cursor) => format!("{query}&cursor={cursor}"),
            None => query.to_owned(),
        };
        let (status, page) = search(app, &url).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        for invoice in page["data"].as_array().unwrap() {
            ids.push(invoice["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (ids, pages),
        }
        assert!(pages < 100, "pagination does not end");
    }
}

/// Sets an invoice's creation time straight in the database, so tests can
/// spread invoices over time (and give some the same instant).
async fn set_created_at(app: &TestApp, id: &str, created_at: i64) {
    let sql = "UPDATE invoices SET created_at = $1 WHERE id = $2";
    match app.db {
        Db::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query(&sql.replace('$', "?"))
                .bind(created_at)
                .bind(id)
                .execute(&mut connection)
                .await
                .unwrap();
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            sqlx::query(sql)
                .bind(created_at)
                .bind(id)
                .execute(&mut connection)
                .await
                .unwrap();
        }
    }
}

/// One invoice of the fixture and what it was made with.
#[derive(Clone, Debug)]
struct Made {
    id: String,
    created_at: i64,
    status: &'static str,
    email: String,
    reference: String,
    brand: Option<&'static str>,
    last4: Option<&'static str>,
}

/// Sixty invoices: a quarter paid by Visa, a quarter by Mastercard, a
/// quarter canceled, a quarter open; three shoppers; two invoices per
/// instant, so the cursor's tie-break on id matters.
async fn fixture(app: &TestApp) -> Vec<Made> {
    let mut made = Vec::new();
    for i in 0..INVOICES {
        let email = format!("shopper{}@example.com", i % 3);
        let reference = format!("order-{i}");
        let created = app
            .create_invoice(json!({"email": email, "reference": reference}))
            .await;
        let id = created["id"].as_str().unwrap().to_owned();
        let (status, brand, last4) = match i % 4 {
            0 | 1 => {
                let (number, brand, last4) = if i % 4 == 0 {
                    ("4242424242424242", "visa", "4242")
                } else {
                    ("5555555555554444", "mastercard", "4444")
                };
                let (code, body) = answer(app.pay(&id, &TestApp::card(number)).await).await;
                assert_eq!(
                    (code, &body["status"]),
                    (200, &json!("succeeded")),
                    "{body}"
                );
                ("paid", Some(brand), Some(last4))
            }
            2 => {
                let response = app
                    .client
                    .post(format!("{}/api/v1/invoices/{id}/cancel", app.address))
                    .header("API-KEY", &app.merchant.api_key)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200);
                ("canceled", None, None)
            }
            _ => ("open", None, None),
        };
        let created_at = BASE_MS + i64::try_from(i / 2).unwrap() * 60_000;
        set_created_at(app, &id, created_at).await;
        made.push(Made {
            id,
            created_at,
            status,
            email,
            reference,
            brand,
            last4,
        });
    }
    made
}

/// The fixture's ids matching `keep`, newest first (ties by id, descending).
fn expected(made: &[Made], keep: impl Fn(&Made) -> bool) -> Vec<String> {
    let mut matching: Vec<&Made> = made.iter().filter(|m| keep(m)).collect();
    matching.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    matching.into_iter().map(|m| m.id.clone()).collect()
}

fn rfc3339(ms: i64) -> String {
    kassa_server::clock::rfc3339(ms)
}

both_databases! {
    async fn paging_returns_every_invoice_once_newest_first(app: TestApp) {
        let made = fixture(&app).await;
        let all = expected(&made, |_| true);
        for limit in [1, 7, 20, 60, 100] {
            let (ids, pages) = all_pages(&app, &format!("limit={limit}")).await;
            assert_eq!(ids, all, "limit {limit}: every invoice once, in order");
            assert_eq!(pages, INVOICES.div_ceil(limit).max(1), "limit {limit}");
            let unique: HashSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), INVOICES);
        }
        let (status, first) = search(&app, "").await;
        assert_eq!(status, 200);
        assert_eq!(first["data"].as_array().unwrap().len(), 20, "20 per page by default");
        assert_eq!(first["data"][0]["id"], all[0].as_str());
        let newest = first["data"][0]["reference"].as_str().unwrap();
        assert!(["order-58", "order-59"].contains(&newest), "{newest}");
    }

    async fn each_filter_finds_exactly_its_invoices(app: TestApp) {
        let made = fixture(&app).await;
        let cases: Vec<(String, Vec<String>)> = vec![
            ("status=paid".into(), expected(&made, |m| m.status == "paid")),
            ("status=canceled".into(), expected(&made, |m| m.status == "canceled")),
            ("status=open".into(), expected(&made, |m| m.status == "open")),
            ("status=refunded".into(), Vec::new()),
            ("reference=order-17".into(), expected(&made, |m| m.reference == "order-17")),
            ("email=shopper1%40example.com".into(), expected(&made, |m| m.email == "shopper1@example.com")),
            ("brand=visa".into(), expected(&made, |m| m.brand == Some("visa"))),
            ("brand=mastercard".into(), expected(&made, |m| m.brand == Some("mastercard"))),
            ("last4=4444".into(), expected(&made, |m| m.last4 == Some("4444"))),
            ("last4=1111".into(), Vec::new()),
            (
                format!("created_from={}", rfc3339(BASE_MS + 10 * 60_000)),
                expected(&made, |m| m.created_at >= BASE_MS + 10 * 60_000),
            ),
            (
                format!("created_to={}", rfc3339(BASE_MS + 10 * 60_000)),
                expected(&made, |m| m.created_at < BASE_MS + 10 * 60_000),
            ),
            (
                format!(
                    "created_from={}&created_to={}&status=paid&email=shopper0%40example.com",
                    rfc3339(BASE_MS + 5 * 60_000),
                    rfc3339(BASE_MS + 25 * 60_000)
                ),
                expected(&made, |m| {
                    (BASE_MS + 5 * 60_000..BASE_MS + 25 * 60_000).contains(&m.created_at)
                        && m.status == "paid"
                        && m.email == "shopper0@example.com"
                }),
            ),
        ];
        for (query, want) in cases {
            for limit in [4, 100] {
                let (ids, _) = all_pages(&app, &format!("{query}&limit={limit}")).await;
                assert_eq!(ids, want, "{query} (limit {limit})");
            }
        }
        // An open invoice past its expiry is found as expired, not open.
        let open = made.iter().find(|m| m.status == "open").unwrap();
        app.expire_now(&open.id).await;
        let (ids, _) = all_pages(&app, "status=expired").await;
        assert_eq!(ids, vec![open.id.clone()]);
        let (ids, _) = all_pages(&app, "status=open").await;
        assert!(!ids.contains(&open.id));
        assert_eq!(ids.len(), INVOICES / 4 - 1);
        // The filtered invoices come back whole.
        let (_, page) = search(&app, "last4=4242&limit=1").await;
        assert_eq!(page["data"][0]["card"]["brand"], "visa");
        assert_eq!(page["data"][0]["status"], "paid");
    }

    async fn bad_parameters_are_field_errors(app: TestApp) {
        let id = app.create_invoice(json!({})).await["id"].as_str().unwrap().to_owned();
        let cursor = kassa_server::search::encode_cursor(BASE_MS, &id);
        let (status, _) = search(&app, &format!("cursor={cursor}")).await;
        assert_eq!(status, 200, "a well-formed cursor is accepted");
        let tampered = format!("{}ff", &cursor[..cursor.len() - 2]);
        for (query, field, code) in [
            ("cursor=nonsense", "cursor", "cursor.invalid"),
            ("cursor=7631", "cursor", "cursor.invalid"),
            (tampered.as_str(), "cursor", "cursor.invalid"),
            ("status=lost", "status", "status.unknown"),
            ("limit=0", "limit", "limit.range"),
            ("limit=101", "limit", "limit.range"),
            ("limit=ten", "limit", "limit.range"),
            ("created_from=yesterday", "created_from", "time.format"),
            ("created_to=2026-13-01T00:00:00Z", "created_to", "time.format"),
            ("brand=nope", "brand", "brand.unknown"),
            ("last4=42", "last4", "last4.format"),
            ("email=nobody", "email", "email.format"),
            ("colour=red", "colour", "query.unknown_parameter"),
            ("status=", "status", "query.empty_parameter"),
            ("reference=%20", "reference", "query.empty_parameter"),
        ] {
            let query = if query.starts_with("cursor") || query.contains('=') {
                query.to_owned()
            } else {
                format!("cursor={query}")
            };
            let (status, body) = search(&app, &query).await;
            assert_eq!(status, 400, "{query}: {body}");
            assert_eq!(body["error"]["field"], field, "{query}: {body}");
            assert_eq!(body["error"]["code"], code, "{query}: {body}");
        }
        let response = app.client.get(format!("{}/api/v1/invoices", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 401);
    }

    async fn a_merchant_finds_only_its_own_invoices(app: TestApp) {
        let mine = app.create_invoice(json!({"reference": "shared-ref"})).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // A second merchant on the same database.
        let other = spawn_app_on(app.db, &app.database_url, test_settings(&app.database_url), None).await;
        let theirs = other.create_invoice(json!({"reference": "shared-ref"})).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (ids, _) = all_pages(&app, "reference=shared-ref").await;
        assert_eq!(ids, vec![mine.clone()]);
        let (ids, _) = all_pages(&other, "limit=5").await;
        assert_eq!(ids, vec![theirs.clone()]);
        // A cursor naming another merchant's invoice reveals nothing either.
        let created_at = BASE_MS * 2;
        let cursor = kassa_server::search::encode_cursor(created_at, &theirs);
        let (status, page) = search(&app, &format!("cursor={cursor}")).await;
        assert_eq!(status, 200);
        let ids: Vec<_> = page["data"].as_array().unwrap().iter().map(|i| i["id"].clone()).collect();
        assert_eq!(ids, vec![json!(mine)]);
    }
}
