//! `/metrics`: Prometheus text with requests, payments and callbacks.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;

use serde_json::json;

use crate::both_databases;
use crate::helpers::TestApp;

/// Parses the text exposition format: `name{label="value",…} number` lines,
/// `# HELP`/`# TYPE` comments. Panics on any other line.
fn parse(text: &str) -> HashMap<String, f64> {
    let mut samples = HashMap::new();
    for line in text.lines().filter(|line| !line.is_empty()) {
        if line.starts_with("# HELP ") || line.starts_with("# TYPE ") {
            continue;
        }
        let (series, value) = line
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("not a sample: {line}"));
        let name_end = series.find('{').unwrap_or(series.len());
        let name = &series[..name_end];
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "bad name in {line}"
        );
        if name_end < series.len() {
            assert!(series.ends_with('}'), "unclosed labels in {line}");
        }
        samples.insert(
            series.to_owned(),
            value
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("bad value in {line}")),
        );
    }
    samples
}

both_databases! {
    async fn metrics_count_requests_payments_and_callbacks_by_route_pattern(app: TestApp) {
        let invoice = app.create_invoice(json!({})).await;
        let id = invoice["id"].as_str().unwrap();
        app.pay(id, &TestApp::card("4242424242424242")).await;
        app.mock.wait_for_event(id, "invoice.paid").await;
        let text = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
        let samples = parse(&text);
        assert_eq!(samples[r#"kassa_http_requests_total{method="POST",route="/api/v1/invoices",status="201"}"#], 1.0);
        assert_eq!(samples[r#"kassa_http_requests_total{method="POST",route="/api/v1/checkout/{id}/pay",status="200"}"#], 1.0);
        assert_eq!(samples[r#"kassa_payments_total{outcome="approved"}"#], 1.0);
        assert!(samples[r#"kassa_callback_deliveries_total{result="delivered"}"#] >= 1.0);
        assert!(samples.keys().any(|series| series.starts_with("kassa_http_request_duration_seconds_bucket")));
        assert!(samples.contains_key(r#"kassa_database_connections{state="idle"}"#));
        assert!(!text.contains(id), "route patterns, never ids");
    }
}
