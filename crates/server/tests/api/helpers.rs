//! The test harness: `spawn_app(Db)`, the mock merchant, and a macro that
//! runs each test against both databases.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    unreachable_pub
)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use kassa_processor::{
    ChargeOutcome, ChargeRequest, PendingCharge, Processor, ProcessorError, RefundConfirmation,
    RefundRequest, Settlement, TestProcessor,
};
use kassa_server::merchants::{NewMerchant, create_merchant};
use kassa_server::settings::{LogFormat, Settings};
use kassa_server::startup::Application;
use serde_json::{Value, json};
use sqlx::Connection;
use tokio::sync::oneshot;

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Runs each listed async test against SQLite and PostgreSQL:
/// `both_databases! { async fn name(app: TestApp) { … } }` makes
/// `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both_databases {
    ($($(#[$meta:meta])* async fn $name:ident($app:ident : TestApp) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn run($app: $crate::helpers::TestApp) $body

                $(#[$meta])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    run($crate::helpers::spawn_app($crate::helpers::Db::Sqlite).await).await;
                }

                $(#[$meta])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    run($crate::helpers::spawn_app($crate::helpers::Db::Postgres).await).await;
                }
            }
        )*
    };
}

/// The PostgreSQL server tests create their databases on.
fn postgres_admin_url() -> String {
    std::env::var("KASSA_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh, empty database URL.
pub async fn fresh_database(db: Db) -> String {
    let name = format!("kassa_test_{}", kassa_server::ids::random_hex(8));
    match db {
        Db::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            format!("sqlite://{}", path.display())
        }
        Db::Postgres => {
            let admin = postgres_admin_url();
            let mut connection = sqlx::PgConnection::connect(&admin)
                .await
                .expect("PostgreSQL at 127.0.0.1:5432");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut connection)
                .await
                .unwrap();
            let base = admin
                .rsplit_once('/')
                .map(|(base, _)| base.to_owned())
                .unwrap();
            format!("{base}/{name}")
        }
    }
}

/// The one origin the test merchant lets embed its checkout.
pub const EMBED_ORIGIN: &str = "https://embedding-store.example";

/// Settings for tests: port 0, fast workers and retries, private callbacks.
pub fn test_settings(database_url: &str) -> Settings {
    Settings {
        listen: "127.0.0.1:0".into(),
        public_url: None,
        database_url: database_url.into(),
        page_dir: "dist".into(),
        dashboard_dir: "dist-dashboard".into(),
        log_format: LogFormat::Pretty,
        allow_private_callbacks: true,
        allow_http_urls: false,
        secret_key: Some("11".repeat(32).into()),
        secret_key_file: String::new(),
        callback_timeout_secs: 2,
        callback_first_retry_ms: 50,
        export_max_rows: 100_000,
        callback_max_retry_ms: 200,
        callback_give_up_hours: 72,
        max_payment_attempts: 3,
        pay_rate_per_minute: 1_000,
        pending_delay_ms: 300,
        worker_interval_ms: 20,
        processor_timeout_ms: 1_000,
        trusted_proxies: Vec::new(),
        forwarded_header: kassa_server::client_address::ForwardedHeader::XForwardedFor,
        tls_cert: None,
        tls_key: None,
        tls_reload_ms: 60_000,
        payment_lease_ms: 3_000,
    }
}

/// The test processor, counting charges so tests can assert "charged once".
#[derive(Debug, Default)]
pub struct CountingProcessor {
    inner: TestProcessor,
    pub charges: AtomicU32,
    pub refunds: AtomicU32,
    pub captures: AtomicU32,
    pub voids: AtomicU32,
    /// Each charge's stored-credential terms, as `Debug` prints them.
    pub stored: std::sync::Mutex<Vec<String>>,
}

impl CountingProcessor {
    /// With the settings' pending delay, as the real server would use.
    pub fn new(pending_delay: Duration) -> CountingProcessor {
        CountingProcessor {
            inner: TestProcessor::new().with_pending_delay(pending_delay),
            charges: AtomicU32::new(0),
            refunds: AtomicU32::new(0),
            captures: AtomicU32::new(0),
            voids: AtomicU32::new(0),
            stored: std::sync::Mutex::new(Vec::new()),
        }
    }
}

#[async_trait]
impl Processor for CountingProcessor {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        self.inner.lost_charge(request)
    }

    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        self.charges.fetch_add(1, Ordering::SeqCst);
        self.stored
            .lock()
            .unwrap()
            .push(format!("{:?}", request.stored));
        // A little latency, so concurrent payments really overlap.
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.inner.charge(request).await
    }

    async fn settle(
        &self,
        pending: &PendingCharge,
        now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        self.inner.settle(pending, now_unix_ms).await
    }

    async fn complete_authentication(
        &self,
        challenge: &PendingCharge,
        answer: kassa_processor::ChallengeAnswer,
        now_unix_ms: i64,
    ) -> Result<ChargeOutcome, ProcessorError> {
        self.inner
            .complete_authentication(challenge, answer, now_unix_ms)
            .await
    }

    async fn refund(
        &self,
        request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        self.refunds.fetch_add(1, Ordering::SeqCst);
        // Latency, so concurrent refunds really overlap at the processor.
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.inner.refund(request).await
    }

    fn supports_manual_capture(&self) -> bool {
        self.inner.supports_manual_capture()
    }

    async fn capture(
        &self,
        request: &kassa_processor::CaptureRequest<'_>,
    ) -> Result<kassa_processor::CaptureConfirmation, ProcessorError> {
        self.captures.fetch_add(1, Ordering::SeqCst);
        // Latency, so concurrent captures really overlap at the processor.
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.inner.capture(request).await
    }

    async fn void(&self, request: &kassa_processor::VoidRequest<'_>) -> Result<(), ProcessorError> {
        self.voids.fetch_add(1, Ordering::SeqCst);
        self.inner.void(request).await
    }
}

/// Runs one statement on the app's database (`$1`… placeholders), for
/// tests that move time: an old `created_at`, an authorization's age.
pub async fn execute_sql(app: &TestApp, sql: &str, binds: &[&str]) {
    use sqlx::Connection as _;
    match app.db {
        Db::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            let sql = sql.replace('$', "?");
            let mut query = sqlx::query(&sql);
            for bind in binds {
                query = query.bind(*bind);
            }
            query.execute(&mut connection).await.unwrap();
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            let mut query = sqlx::query(sql);
            for bind in binds {
                query = query.bind(*bind);
            }
            query.execute(&mut connection).await.unwrap();
        }
    }
}

/// The first column of the first row of a query, as text (`$1`… binds).
pub async fn query_text(app: &TestApp, sql: &str, binds: &[&str]) -> Option<String> {
    use sqlx::Connection as _;
    match app.db {
        Db::Sqlite => {
            let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
                .await
                .unwrap();
            let sql = sql.replace('$', "?");
            let mut query = sqlx::query_scalar::<_, Option<String>>(&sql);
            for bind in binds {
                query = query.bind(*bind);
            }
            query
                .fetch_optional(&mut connection)
                .await
                .unwrap()
                .flatten()
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(&app.database_url)
                .await
                .unwrap();
            let mut query = sqlx::query_scalar::<_, Option<String>>(sql);
            for bind in binds {
                query = query.bind(*bind);
            }
            query
                .fetch_optional(&mut connection)
                .await
                .unwrap()
                .flatten()
        }
    }
}

/// A callback the mock merchant received.
#[derive(Clone, Debug)]
pub struct Received {
    pub event_id: String,
    pub signature: String,
    pub body: String,
    pub json: Value,
}

/// A merchant's callback endpoint on loopback: records what arrives, and can
/// be told to fail the next requests.
#[derive(Clone, Debug)]
pub struct MockMerchant {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    failures_left: Arc<AtomicU32>,
    attempts: Arc<AtomicU32>,
}

impl MockMerchant {
    pub async fn start() -> MockMerchant {
        let received = Arc::new(Mutex::new(Vec::new()));
        let failures_left = Arc::new(AtomicU32::new(0));
        let attempts = Arc::new(AtomicU32::new(0));
        let state = (received.clone(), failures_left.clone(), attempts.clone());
        let app = axum::Router::new()
            .route("/callbacks", axum::routing::post(record))
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/callbacks", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        MockMerchant {
            url,
            received,
            failures_left,
            attempts,
        }
    }

    /// Makes the next `count` requests fail with 500.
    pub fn fail_next(&self, count: u32) {
        self.failures_left.store(count, Ordering::SeqCst);
    }

    /// Every request that reached the endpoint, failed ones included.
    pub fn attempts(&self) -> u32 {
        self.attempts.load(Ordering::SeqCst)
    }

    /// The callbacks accepted so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until `count` callbacks were accepted (at most 10 s).
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..500 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "expected {count} callbacks, got {:?}",
            self.received()
                .iter()
                .map(|r| &r.json["type"])
                .collect::<Vec<_>>()
        );
    }

    /// Waits for a callback of `kind` about `invoice_id`.
    pub async fn wait_for_event(&self, invoice_id: &str, kind: &str) -> Received {
        for _ in 0..500 {
            if let Some(found) = self.received().into_iter().find(|received| {
                received.json["invoice"]["id"] == invoice_id && received.json["type"] == kind
            }) {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "no {kind} callback for {invoice_id}; got {:?}",
            self.received()
                .iter()
                .map(|r| &r.json["type"])
                .collect::<Vec<_>>()
        );
    }
}

type MockState = (Arc<Mutex<Vec<Received>>>, Arc<AtomicU32>, Arc<AtomicU32>);

async fn record(
    State((received, failures_left, attempts)): State<MockState>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    attempts.fetch_add(1, Ordering::SeqCst);
    if failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
            left.checked_sub(1)
        })
        .is_ok()
    {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let body = String::from_utf8(body.to_vec()).unwrap();
    let json = serde_json::from_str(&body).unwrap();
    received.lock().unwrap().push(Received {
        event_id: header("kassa-event-id"),
        signature: header("kassa-signature"),
        body,
        json,
    });
    StatusCode::NO_CONTENT
}

/// A running server with one merchant and its mock endpoint.
pub struct TestApp {
    pub db: Db,
    pub database_url: String,
    pub address: String,
    pub client: reqwest::Client,
    pub merchant: NewMerchant,
    pub mock: MockMerchant,
    pub processor: Arc<CountingProcessor>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

/// Starts the server on a fresh database, with a merchant whose callbacks go
/// to a new mock merchant.
pub async fn spawn_app(db: Db) -> TestApp {
    let database_url = fresh_database(db).await;
    spawn_app_on(db, &database_url, test_settings(&database_url), None).await
}

/// Starts the server on a fresh database with adjusted settings.
pub async fn spawn_app_with(db: Db, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let database_url = fresh_database(db).await;
    let mut settings = test_settings(&database_url);
    adjust(&mut settings);
    spawn_app_on(db, &database_url, settings, None).await
}

/// Starts the server on an existing database; creates a merchant unless one
/// is given (a restart keeps the old one).
pub async fn spawn_app_on(
    db: Db,
    database_url: &str,
    settings: Settings,
    existing: Option<(NewMerchant, MockMerchant)>,
) -> TestApp {
    spawn_app_charging(db, database_url, settings, existing, None).await
}

/// As [`spawn_app_on`], with `charging` (instead of a [`CountingProcessor`])
/// for merchants on the test processor.
pub async fn spawn_app_charging(
    db: Db,
    database_url: &str,
    settings: Settings,
    existing: Option<(NewMerchant, MockMerchant)>,
    charging: Option<Arc<dyn Processor>>,
) -> TestApp {
    let processor = Arc::new(CountingProcessor::new(Duration::from_millis(
        settings.pending_delay_ms,
    )));
    let charging = charging.unwrap_or_else(|| processor.clone());
    let app = Application::build_with_processor(settings, charging)
        .await
        .expect("the server starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let (merchant, mock) = match existing {
        Some(existing) => existing,
        None => {
            let mock = MockMerchant::start().await;
            let embed_origins = [EMBED_ORIGIN.to_owned()];
            let merchant =
                create_merchant(app.state(), "Test Shop", &mock.url, &embed_origins, &[])
                    .await
                    .unwrap();
            (merchant, mock)
        }
    };
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        app.run_until(async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        db,
        database_url: database_url.to_owned(),
        address,
        client,
        merchant,
        mock,
        processor,
        stop: Some(stop),
        server: Some(server),
    }
}

impl TestApp {
    /// Stops the server gracefully and waits for it.
    pub async fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap();
        }
    }

    /// Stops and starts again on the same database, with the same merchant.
    pub async fn restart(mut self) -> TestApp {
        self.stop().await;
        let existing = Some((self.merchant.clone(), self.mock.clone()));
        spawn_app_on(
            self.db,
            &self.database_url,
            test_settings(&self.database_url),
            existing,
        )
        .await
    }

    /// A valid create-invoice body; override fields with `extra`.
    pub fn invoice_body(&self, extra: Value) -> Value {
        let mut body = json!({
            "email": "shopper@example.com",
            "amount": "15.04",
            "currency": "EUR",
            "success_url": "https://shop.example/success?order=42",
            "cancel_url": "https://shop.example/cancel",
            "pending_url": "https://shop.example/pending",
            "failure_url": "https://shop.example/failure",
            "callbackJson": {"order": 42, "big": 9_007_199_254_740_993_u64, "nested": {"a": [1, 2.5]}},
        });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            for (key, value) in extra {
                body.insert(key.clone(), value.clone());
            }
        }
        body
    }

    pub async fn post_invoice(&self, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1/invoices", self.address))
            .header("API-KEY", &self.merchant.api_key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Creates an invoice (asserting 201) and returns its JSON.
    pub async fn create_invoice(&self, extra: Value) -> Value {
        let response = self.post_invoice(&self.invoice_body(extra)).await;
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    /// Creates an invoice through `base` (an HTTPS address whose certificate
    /// is `pem`); its id.
    pub async fn create_invoice_at(&self, base: &str, pem: &[u8]) -> String {
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(false)
            .add_root_certificate(reqwest::Certificate::from_pem(pem).unwrap())
            .build()
            .unwrap();
        let response = client
            .post(format!("{base}/api/v1/invoices"))
            .header("API-KEY", &self.merchant.api_key)
            .json(&self.invoice_body(json!({})))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.unwrap();
        body["id"].as_str().unwrap().to_owned()
    }

    pub async fn get_invoice(&self, id: &str) -> reqwest::Response {
        self.client
            .get(format!("{}/api/v1/invoices/{id}", self.address))
            .bearer_auth(&self.merchant.api_key)
            .send()
            .await
            .unwrap()
    }

    pub async fn checkout(&self, id: &str) -> reqwest::Response {
        self.client
            .get(format!("{}/api/v1/checkout/{id}", self.address))
            .send()
            .await
            .unwrap()
    }

    pub async fn pay(&self, id: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1/checkout/{id}/pay", self.address))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// A valid pay body for `number`.
    pub fn card(number: &str) -> Value {
        json!({"card": {"number": number, "expiry": "12/30", "cvv": "123", "name": "Ada Lovelace"}})
    }

    /// Moves an invoice's expiry into the past, straight in the database: the
    /// API's shortest lifetime is a minute, too long to wait in a test.
    pub async fn expire_now(&self, id: &str) {
        let sql = "UPDATE invoices SET expires_at = 1 WHERE id = $1";
        match self.db {
            Db::Sqlite => {
                let mut connection = sqlx::SqliteConnection::connect(&self.database_url)
                    .await
                    .unwrap();
                sqlx::query(&sql.replace('$', "?"))
                    .bind(id)
                    .execute(&mut connection)
                    .await
                    .unwrap();
            }
            Db::Postgres => {
                let mut connection = sqlx::PgConnection::connect(&self.database_url)
                    .await
                    .unwrap();
                sqlx::query(sql)
                    .bind(id)
                    .execute(&mut connection)
                    .await
                    .unwrap();
            }
        }
    }

    /// The rows of a table, as seen by the database, for card-data checks.
    pub async fn database_dump(&self) -> String {
        dump_database(self.db, &self.database_url).await
    }
}

/// The peer address the server sees for test requests.
pub fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

/// A response's status and JSON body (panics, naming the status, when the
/// body is not JSON).
pub async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, body)
}

/// Every table's rows (SQLite: the database file and its write-ahead log,
/// as bytes), for card-data checks.
pub async fn dump_database(db: Db, database_url: &str) -> String {
    match db {
        Db::Sqlite => {
            let path = database_url.trim_start_matches("sqlite://");
            let mut dump = Vec::new();
            for suffix in ["", "-wal", "-shm"] {
                if let Ok(bytes) = std::fs::read(format!("{path}{suffix}")) {
                    dump.extend(bytes);
                }
            }
            String::from_utf8_lossy(&dump).into_owned()
        }
        Db::Postgres => {
            let mut connection = sqlx::PgConnection::connect(database_url).await.unwrap();
            let mut dump = String::new();
            for table in [
                "merchants",
                "invoices",
                "payment_attempts",
                "events",
                "delivery_attempts",
                "idempotency_keys",
                "refunds",
                "processor_configs",
                "vault_keys",
                "payment_methods",
                "card_consents",
            ] {
                let rows: Vec<(String,)> =
                    sqlx::query_as(&format!("SELECT CAST(t AS TEXT) FROM {table} t"))
                        .fetch_all(&mut connection)
                        .await
                        .unwrap();
                for (row,) in rows {
                    dump.push_str(&row);
                    dump.push('\n');
                }
            }
            dump
        }
    }
}

/// Runs `kassa-server merchant <action> --merchant <the app's merchant> <args…>`
/// against the app's database, as an operator would; its output.
pub fn merchant_command(app: &TestApp, action: &str, args: &[&str]) -> std::process::Output {
    crate::crash::command(&app.database_url)
        .args(["merchant", action, "--merchant", &app.merchant.merchant_id])
        .args(args)
        .output()
        .unwrap()
}
