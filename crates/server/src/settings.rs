//! Settings: defaults, overridden by `KASSA_…` environment variables, then
//! by command-line flags. `kassa-server --help` lists them all.

use std::time::Duration;

use clap::ArgAction;
use clap::builder::BoolishValueParser;

/// How logs are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Pretty,
    /// One JSON object per line.
    Json,
}

/// A setting that must not be printed: `Debug` shows `***`.
///
/// ```
/// use kassa_server::settings::Secret;
/// let secret = Secret::from(String::from("00ff"));
/// assert_eq!(format!("{secret:?}"), "Secret(***)");
/// assert_eq!(secret.expose(), "00ff");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything an operator can set.
#[derive(Clone, Debug, clap::Args)]
pub struct Settings {
    /// Address to listen on (port 0 picks a free port).
    #[arg(
        long,
        env = "KASSA_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: String,

    /// The URL shoppers reach this server at; payment URLs start with it.
    /// Defaults to `http://` and the listen address.
    #[arg(long, env = "KASSA_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// `sqlite://file.db` (created if missing) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "KASSA_DATABASE_URL",
        default_value = "sqlite://kassa.db",
        global = true
    )]
    pub database_url: String,

    /// The built checkout page (`cargo xtask page` writes it to `dist/`).
    #[arg(long, env = "KASSA_PAGE_DIR", default_value = "dist", global = true)]
    pub page_dir: String,

    /// The built merchant dashboard (`cargo xtask dashboard` writes it to
    /// `dist-dashboard/`).
    #[arg(
        long,
        env = "KASSA_DASHBOARD_DIR",
        default_value = "dist-dashboard",
        global = true
    )]
    pub dashboard_dir: String,

    /// Log format.
    #[arg(
        long,
        env = "KASSA_LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    pub log_format: LogFormat,

    /// Allow callbacks to loopback and private addresses (tests, the demo).
    /// Takes what operators type: true/false, 1/0, yes/no, on/off.
    #[arg(
        long,
        env = "KASSA_ALLOW_PRIVATE_CALLBACKS",
        global = true,
        action = ArgAction::Set,
        num_args = 0..=1,
        default_value = "false",
        default_missing_value = "true",
        value_parser = BoolishValueParser::new()
    )]
    pub allow_private_callbacks: bool,

    /// Allow plain-http merchant URLs on any host (otherwise only localhost).
    /// Takes true/false, 1/0, yes/no, on/off.
    #[arg(
        long,
        env = "KASSA_ALLOW_HTTP_URLS",
        global = true,
        action = ArgAction::Set,
        num_args = 0..=1,
        default_value = "false",
        default_missing_value = "true",
        value_parser = BoolishValueParser::new()
    )]
    pub allow_http_urls: bool,

    /// A proxy (or load balancer) in front of Kassa, as an address or CIDR
    /// block (repeatable; `KASSA_TRUSTED_PROXIES` takes a comma-separated
    /// list). Only when the connection comes from one is the shopper's
    /// address read from the header they write (`--forwarded-header`), right
    /// to left, skipping the trusted hops; otherwise it is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "KASSA_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true,
        value_parser = parse_proxy
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The header the trusted proxies write the client's address to:
    /// `x-forwarded-for` (nginx, HAProxy, load balancers) or `forwarded`
    /// (RFC 7239). Only that one is read.
    #[arg(
        long,
        env = "KASSA_FORWARDED_HEADER",
        value_enum,
        default_value_t = crate::client_address::ForwardedHeader::XForwardedFor,
        global = true
    )]
    pub forwarded_header: crate::client_address::ForwardedHeader,

    /// Serve HTTPS with this certificate chain (PEM); needs `--tls-key`.
    /// A renewed file is picked up without a restart (see
    /// `--tls-reload-ms`). Without it Kassa serves plain HTTP, for a TLS
    /// proxy in front (then set `--public-url https://…`).
    #[arg(long, env = "KASSA_TLS_CERT", global = true, requires = "tls_key")]
    pub tls_cert: Option<std::path::PathBuf>,

    /// The certificate's private key (PEM).
    #[arg(long, env = "KASSA_TLS_KEY", global = true, requires = "tls_cert")]
    pub tls_key: Option<std::path::PathBuf>,

    /// How often the certificate files are checked for a renewal, in ms.
    #[arg(
        long,
        env = "KASSA_TLS_RELOAD_MS",
        default_value_t = 60_000,
        global = true
    )]
    pub tls_reload_ms: u64,

    /// 64 hex digits sealing callback secrets at rest. When unset, the key is
    /// read from (or created in) `--secret-key-file`.
    #[arg(long, env = "KASSA_SECRET_KEY", hide_env_values = true, global = true)]
    pub secret_key: Option<Secret>,

    /// Where the sealing key lives when `KASSA_SECRET_KEY` is unset.
    #[arg(
        long,
        env = "KASSA_SECRET_KEY_FILE",
        default_value = "kassa.key",
        global = true
    )]
    pub secret_key_file: String,

    /// Seconds a merchant's callback endpoint has to answer.
    #[arg(
        long,
        env = "KASSA_CALLBACK_TIMEOUT_SECS",
        default_value_t = 10,
        global = true
    )]
    pub callback_timeout_secs: u64,

    /// Delay before the first callback retry, in milliseconds; it doubles
    /// (with jitter) after each failure.
    #[arg(
        long,
        env = "KASSA_CALLBACK_FIRST_RETRY_MS",
        default_value_t = 30_000,
        global = true
    )]
    pub callback_first_retry_ms: u64,

    /// The most invoices one CSV export holds; a search that finds more is
    /// refused (400 `export.too_large`) rather than cut short.
    #[arg(
        long,
        env = "KASSA_EXPORT_MAX_ROWS",
        default_value_t = 100_000,
        global = true
    )]
    pub export_max_rows: u64,

    /// The longest delay between two callback attempts, in milliseconds.
    #[arg(
        long,
        env = "KASSA_CALLBACK_MAX_RETRY_MS",
        default_value_t = 3_600_000,
        global = true
    )]
    pub callback_max_retry_ms: u64,

    /// Hours after which an undelivered callback is given up.
    #[arg(
        long,
        env = "KASSA_CALLBACK_GIVE_UP_HOURS",
        default_value_t = 72,
        global = true
    )]
    pub callback_give_up_hours: u64,

    /// Payment attempts (declines) allowed per invoice before it fails.
    #[arg(
        long,
        env = "KASSA_MAX_PAYMENT_ATTEMPTS",
        default_value_t = 3,
        global = true
    )]
    pub max_payment_attempts: u32,

    /// Payment requests allowed per client address per minute (card-testing defence).
    #[arg(
        long,
        env = "KASSA_PAY_RATE_PER_MINUTE",
        default_value_t = 20,
        global = true
    )]
    pub pay_rate_per_minute: u32,

    /// Milliseconds the test processor keeps a pending payment pending.
    #[arg(
        long,
        env = "KASSA_PENDING_DELAY_MS",
        default_value_t = 5_000,
        global = true
    )]
    pub pending_delay_ms: u64,

    /// How often background workers look for work, in milliseconds.
    #[arg(
        long,
        env = "KASSA_WORKER_INTERVAL_MS",
        default_value_t = 500,
        global = true
    )]
    pub worker_interval_ms: u64,

    /// Milliseconds one request to a card gateway may take. A slower answer
    /// is a lost answer: the payment goes pending and is looked up with the
    /// gateway. Kept below the payment's own limit (25 s).
    #[arg(
        long,
        env = "KASSA_PROCESSOR_TIMEOUT_MS",
        default_value_t = 20_000,
        global = true
    )]
    pub processor_timeout_ms: u64,

    /// Milliseconds a payment holds its invoice. When a server dies
    /// mid-charge, another instance (or the same one restarted) looks the
    /// charge up with the gateway once this has passed.
    #[arg(
        long,
        env = "KASSA_PAYMENT_LEASE_MS",
        default_value_t = 60_000,
        global = true
    )]
    pub payment_lease_ms: u64,
}

/// An address (a one-address block) or a CIDR block.
fn parse_proxy(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map(|net| net.trunc())
        .map_err(|_| format!("{text:?} is not an IP address or CIDR block"))
}

impl Settings {
    /// How connectors talk to gateways.
    pub fn connector_options(&self) -> kassa_processor::ConnectorOptions {
        kassa_processor::ConnectorOptions {
            allow_plain_http: self.allow_http_urls,
            timeout: Duration::from_millis(self.processor_timeout_ms.clamp(100, 24_000)),
        }
    }

    /// The callback timeout.
    pub fn callback_timeout(&self) -> Duration {
        Duration::from_secs(self.callback_timeout_secs)
    }

    /// The worker polling interval.
    pub fn worker_interval(&self) -> Duration {
        Duration::from_millis(self.worker_interval_ms.max(10))
    }
}
