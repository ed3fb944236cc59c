//! The invoice export: the same filters as the search, every invoice across
//! the export's internal pages, RFC 4180 CSV a spreadsheet opens, cells
//! that would run as formulas defused, and no card number.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer};

const COLUMNS: [&str; 17] = [
    "id",
    "created_at",
    "status",
    "amount",
    "currency",
    "surcharge",
    "amount_charged",
    "captured_amount",
    "refunded_amount",
    "installments",
    "email",
    "reference",
    "description",
    "card_brand",
    "card_masked",
    "authorization_code",
    "three_d_secure",
];

/// The export for `query`: status, headers and the rows as maps by column.
async fn export(app: &TestApp, query: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let response = app
        .client
        .get(format!(
            "{}/api/v1/invoices/export.csv?{query}",
            app.address
        ))
        .header("API-KEY", &app.merchant.api_key)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

fn rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, COLUMNS);
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

both_databases! {
    async fn the_export_is_what_the_search_finds_as_csv_with_formulas_defused(app: TestApp) {
        let paid = app
            .create_invoice(json!({
                "amount": "20.00",
                "reference": "=HYPERLINK(\"http://evil.example\",\"x\")",
                "description": "Two mugs, \"large\"; one plate",
            }))
            .await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (status, body) = answer(app.pay(&paid, &TestApp::card("4242424242424242")).await).await;
        assert_eq!(status, 200, "{body}");
        let open = app.create_invoice(json!({"amount": "2.00", "reference": "plain-1"})).await["id"].as_str().unwrap().to_owned();

        let (status, headers, text) = export(&app, "").await;
        assert_eq!(status, 200, "{text}");
        assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
        let disposition = headers["content-disposition"].to_str().unwrap();
        assert!(disposition.starts_with("attachment; filename=\"kassa-invoices-20") && disposition.ends_with(".csv\""), "{disposition}");
        assert!(text.contains("\r\n"), "RFC 4180 lines end with CRLF");
        assert!(!text.contains("4242424242424242"), "no card number");
        let all = rows(&text);
        let ids: Vec<&str> = all.iter().map(|row| row["id"].as_str()).collect();
        assert_eq!(ids, [open.as_str(), paid.as_str()], "newest first");
        let row = &all[1];
        assert_eq!((row["status"].as_str(), row["amount"].as_str(), row["currency"].as_str()), ("paid", "20.00", "EUR"));
        assert_eq!((row["card_brand"].as_str(), row["card_masked"].as_str()), ("visa", "424242******4242"));
        assert_eq!(row["reference"], "'=HYPERLINK(\"http://evil.example\",\"x\")", "a formula is shown, not run");
        assert_eq!(row["description"], "Two mugs, \"large\"; one plate", "commas and quotes survive");
        assert!(!row["authorization_code"].is_empty() && !row["created_at"].is_empty());

        // The search's filters, and its refusals.
        let (_, _, text) = export(&app, "status=paid").await;
        assert_eq!(rows(&text).len(), 1);
        let (_, _, text) = export(&app, "reference=plain-1").await;
        assert_eq!(rows(&text)[0]["id"], open);
        for (query, code) in [("limit=5", "query.unknown_parameter"), ("cursor=abc", "query.unknown_parameter"), ("status=lost", "status.unknown"), ("colour=red", "query.unknown_parameter")] {
            let (status, _, text) = export(&app, query).await;
            let body: Value = serde_json::from_str(&text).unwrap();
            assert_eq!((status, body["error"]["code"].as_str().or(body["errors"][0]["code"].as_str())), (400, Some(code)), "{query}: {body}");
        }
        // No key, no file.
        let response = app.client.get(format!("{}/api/v1/invoices/export.csv", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 401);
    }

    async fn the_export_holds_every_invoice_across_its_pages(app: TestApp) {
        // More than one of the export's pages (500 invoices each).
        let mut made = Vec::new();
        for _ in 0..26 {
            let batch = (0..20).map(|_| app.create_invoice(json!({"amount": "1.00"})));
            for created in futures_util::future::join_all(batch).await {
                made.push(created["id"].as_str().unwrap().to_owned());
            }
        }
        let (status, _, text) = export(&app, "").await;
        assert_eq!(status, 200);
        let mut exported: Vec<String> = rows(&text).into_iter().map(|row| row["id"].clone()).collect();
        assert_eq!(exported.len(), 520);
        exported.sort();
        made.sort();
        assert_eq!(exported, made, "each invoice once, none missing");
    }
}

/// More invoices than one export holds: refused whole, never cut short.
async fn too_many_invoices_are_refused_not_cut_short(db: crate::helpers::Db) {
    let app = crate::helpers::spawn_app_with(db, |settings| settings.export_max_rows = 2).await;
    for amount in ["1.00", "2.00", "3.00"] {
        app.create_invoice(json!({"amount": amount})).await;
    }
    let (status, _, text) = export(&app, "").await;
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("export.too_large")),
        "{body}"
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("More than 2 invoices")
    );
    // Two of them fit.
    let newest = app
        .create_invoice(json!({"amount": "4.00", "reference": "fits"}))
        .await;
    let (status, _, text) = export(&app, "reference=fits").await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(rows(&text)[0]["id"], newest["id"].as_str().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_invoices_are_refused_not_cut_short_sqlite() {
    too_many_invoices_are_refused_not_cut_short(crate::helpers::Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_invoices_are_refused_not_cut_short_postgres() {
    too_many_invoices_are_refused_not_cut_short(crate::helpers::Db::Postgres).await;
}
