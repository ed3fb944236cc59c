//! Building and running the application.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use kassa_processor::{Processor, TestProcessor};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

use crate::rate_limit::RateLimiter;
use crate::secrets::SealingKey;
use crate::settings::Settings;
use crate::state::AppState;
use crate::store::{PostgresStore, SqliteStore, Store, StoreError};

/// Why the application could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Store(#[from] StoreError),
    /// The listen address or key file failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A setting is wrong.
    #[error("settings: {0}")]
    Settings(String),
}

/// A bound, ready-to-run server.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    state: AppState,
    port: u16,
    /// HTTPS, when a certificate was given.
    tls: Option<(crate::tls::TlsFiles, axum_server::tls_rustls::RustlsConfig)>,
}

impl Application {
    /// Builds the server with the built-in test processor.
    ///
    /// # Errors
    /// A [`StartupError`].
    pub async fn build(settings: Settings) -> Result<Application, StartupError> {
        let processor = TestProcessor::new()
            .with_pending_delay(Duration::from_millis(settings.pending_delay_ms));
        Application::build_with_processor(settings, Arc::new(processor)).await
    }

    /// Builds the server with `processor`.
    ///
    /// # Errors
    /// A [`StartupError`].
    pub async fn build_with_processor(
        settings: Settings,
        processor: Arc<dyn Processor>,
    ) -> Result<Application, StartupError> {
        let store = connect_store(&settings.database_url).await?;
        let sealing_key = sealing_key(&settings)?;
        let tls = match (&settings.tls_cert, &settings.tls_key) {
            (Some(cert), Some(key)) => {
                let files = crate::tls::TlsFiles {
                    cert: cert.clone(),
                    key: key.clone(),
                };
                let config = files.load().await.map_err(StartupError::Settings)?;
                Some((files, config))
            }
            _ => None,
        };
        let listener = TcpListener::bind(&settings.listen).await?;
        let address = listener.local_addr()?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("{scheme}://{address}"))
            .trim_end_matches('/')
            .to_owned();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(crate::url_policy::CallbackResolver {
                allow_private: settings.allow_private_callbacks,
            }))
            .build()
            .map_err(|error| StartupError::Settings(error.to_string()))?;
        if settings.payment_lease_ms < settings.processor_timeout_ms + 2_000 {
            return Err(StartupError::Settings(
                "--payment-lease-ms must exceed --processor-timeout-ms by at least 2000".into(),
            ));
        }
        let state = AppState {
            store,
            processors: Arc::new(crate::processors::Processors::new(
                processor,
                settings.connector_options(),
            )),
            pay_limiter: Arc::new(RateLimiter::new(settings.pay_rate_per_minute)),
            sign_in_limiter: Arc::new(RateLimiter::new(
                crate::dashboard::session::SIGN_INS_PER_MINUTE,
            )),
            page_dir: crate::page::page_dir(&settings.page_dir).into(),
            dashboard_dir: crate::page::page_dir(&settings.dashboard_dir).into(),
            settings: Arc::new(settings),
            public_url: public_url.into(),
            sealing_key,
            outbox_wakeup: Arc::new(Notify::new()),
            http,
            demo: false,
            metrics: crate::metrics::Metrics::new(),
        };
        Ok(Application {
            listener,
            state,
            port: address.port(),
            tls,
        })
    }

    /// Turns on the demo merchant's callback receiver (`kassa-server demo`).
    pub fn enable_demo(&mut self) {
        self.state.demo = true;
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The shared state (for the CLI's merchant commands and tests).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until Ctrl-C or SIGTERM.
    ///
    /// # Errors
    /// When serving fails.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `signal` completes: in-flight requests finish, then the
    /// workers finish their pass and stop.
    ///
    /// # Errors
    /// When serving fails.
    pub async fn run_until(
        self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stop_workers, stopped) = watch::channel(false);
        let workers = tokio::spawn(crate::workers::run(self.state.clone(), stopped));
        let reload_every = Duration::from_millis(self.state.settings.tls_reload_ms.max(100));
        let app = crate::routes::router(self.state);
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        match self.tls {
            None => {
                tracing::info!(port = self.port, "listening");
                axum::serve(self.listener, service)
                    .with_graceful_shutdown(signal)
                    .await?;
            }
            Some((files, config)) => {
                tracing::info!(port = self.port, "listening (HTTPS)");
                tokio::spawn(files.reload_on_change(
                    config.clone(),
                    reload_every,
                    stop_workers.subscribe(),
                ));
                let handle = axum_server::Handle::new();
                let stopping = handle.clone();
                tokio::spawn(async move {
                    signal.await;
                    stopping.graceful_shutdown(Some(Duration::from_secs(30)));
                });
                axum_server::from_tcp_rustls(self.listener.into_std()?, config)
                    .handle(handle)
                    .serve(service)
                    .await?;
            }
        }
        let _ = stop_workers.send(true);
        let _ = workers.await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Opens the store the URL names: `sqlite:` or `postgres:`/`postgresql:`.
///
/// # Errors
/// A [`StartupError`].
pub async fn connect_store(url: &str) -> Result<Arc<dyn Store>, StartupError> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PostgresStore::connect(url).await?))
    } else {
        Err(StartupError::Settings(
            "KASSA_DATABASE_URL must start with sqlite: or postgres:".into(),
        ))
    }
}

/// The sealing key: `KASSA_SECRET_KEY`, else the key file, created (mode
/// 0600) with a fresh key on first start.
pub(crate) fn sealing_key(settings: &Settings) -> Result<SealingKey, StartupError> {
    let bad_key = |error: crate::secrets::SealError| StartupError::Settings(error.to_string());
    if let Some(key) = &settings.secret_key {
        return SealingKey::from_hex(key.expose()).map_err(bad_key);
    }
    let path = std::path::Path::new(&settings.secret_key_file);
    match std::fs::read_to_string(path) {
        Ok(text) => SealingKey::from_file_text(&text, path).map_err(bad_key),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let key = SealingKey::generate_hex();
            write_private(path, &key)?;
            tracing::warn!(path = %path.display(), "created a new secret key file; back it up with the database");
            SealingKey::from_file_text(&key, path).map_err(bad_key)
        }
        Err(error) => Err(error.into()),
    }
}

fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
