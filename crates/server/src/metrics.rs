//! Prometheus metrics, one registry per application (tests run several
//! servers in one process, so nothing global).

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};

use crate::state::AppState;

/// The application's metrics.
#[derive(Clone, Debug)]
pub struct Metrics {
    registry: Registry,
    /// HTTP requests by route, method and status.
    pub requests: IntCounterVec,
    /// HTTP latency by route.
    pub latency: HistogramVec,
    /// Payment attempts by outcome (`approved`, `declined`, `pending`, `error`).
    pub payments: IntCounterVec,
    /// Callback delivery attempts by result (`delivered`, `failed`).
    pub callbacks: IntCounterVec,
    /// Undelivered callbacks, as of the last worker pass.
    pub callback_backlog: IntGauge,
    /// Database connections in use and idle.
    pub database_connections: prometheus::IntGaugeVec,
}

impl Metrics {
    /// Registers every metric in a fresh registry.
    ///
    /// # Panics
    /// Never in practice: the names are fixed and registered once.
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "kassa_http_requests_total",
                "HTTP requests by route, method and status.",
            ),
            &["route", "method", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "kassa_http_request_duration_seconds",
                "HTTP request latency by route.",
            )
            .buckets(vec![
                0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
            ]),
            &["route"],
        )
        .expect("valid metric");
        let payments = IntCounterVec::new(
            Opts::new("kassa_payments_total", "Payment attempts by outcome."),
            &["outcome"],
        )
        .expect("valid metric");
        let callbacks = IntCounterVec::new(
            Opts::new(
                "kassa_callback_deliveries_total",
                "Callback delivery attempts by result.",
            ),
            &["result"],
        )
        .expect("valid metric");
        let callback_backlog = IntGauge::new(
            "kassa_callback_backlog",
            "Callbacks not delivered yet (last worker pass).",
        )
        .expect("valid metric");
        let database_connections = prometheus::IntGaugeVec::new(
            Opts::new(
                "kassa_database_connections",
                "Database pool connections by state.",
            ),
            &["state"],
        )
        .expect("valid metric");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(payments.clone()),
            Box::new(callbacks.clone()),
            Box::new(callback_backlog.clone()),
            Box::new(database_connections.clone()),
        ] {
            registry
                .register(collector)
                .expect("each metric registered once");
        }
        Metrics {
            registry,
            requests,
            latency,
            payments,
            callbacks,
            callback_backlog,
            database_connections,
        }
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
        String::from_utf8(buffer).unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// Middleware: counts and times every request under its route pattern
/// (`/api/v1/invoices/{id}`), never the concrete path, which holds ids.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or_else(
        || String::from("unmatched"),
        |path| path.as_str().to_owned(),
    );
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    state
        .metrics
        .requests
        .with_label_values(&[route.as_str(), method.as_str(), status.as_str()])
        .inc();
    state
        .metrics
        .latency
        .with_label_values(&[route.as_str()])
        .observe(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: request counts and latencies by route pattern, payment
/// outcomes, callback deliveries and backlog, database connections.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    summary = "Prometheus metrics",
    responses((status = 200, description = "The Prometheus text format.", content_type = "text/plain; version=0.0.4", body = String)),
)]
pub async fn metrics_get(State(state): State<AppState>) -> impl IntoResponse {
    if let Some((in_use, idle)) = state.store.pool_usage() {
        state
            .metrics
            .database_connections
            .with_label_values(&["in_use"])
            .set(in_use);
        state
            .metrics
            .database_connections
            .with_label_values(&["idle"])
            .set(idle);
    }
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        state.metrics.render(),
    )
}
