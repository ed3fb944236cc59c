//! Serving HTTPS with rustls, and picking up a renewed certificate without
//! a restart: the certificate and key files are checked every
//! `--tls-reload-ms`, and when either changed (certbot, cert-manager and the
//! like replace them in place) the new pair is loaded for new connections.
//! A pair that does not load (half written, mismatched) is logged and the
//! one in use stays, so a bad renewal never takes the page down.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use axum_server::tls_rustls::RustlsConfig;
use tokio::sync::watch;

/// The certificate chain and key files.
#[derive(Clone, Debug)]
pub struct TlsFiles {
    /// The chain, PEM.
    pub cert: PathBuf,
    /// The private key, PEM.
    pub key: PathBuf,
}

impl TlsFiles {
    /// Loads the pair for serving.
    ///
    /// # Errors
    /// A message naming the files when they cannot be read or do not make a
    /// certificate and its key.
    pub async fn load(&self) -> Result<RustlsConfig, String> {
        // rustls needs one process-wide crypto provider: ring, as reqwest
        // already uses. Installing it twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        RustlsConfig::from_pem_file(&self.cert, &self.key)
            .await
            .map_err(|error| {
                format!(
                    "TLS certificate {} / key {}: {error}",
                    self.cert.display(),
                    self.key.display()
                )
            })
    }

    fn modified(&self) -> (Option<SystemTime>, Option<SystemTime>) {
        let modified = |path: &Path| {
            std::fs::metadata(path)
                .and_then(|meta| meta.modified())
                .ok()
        };
        (modified(&self.cert), modified(&self.key))
    }

    /// Reloads `config` whenever the files change, until `stop` turns true.
    pub async fn reload_on_change(
        self,
        config: RustlsConfig,
        every: Duration,
        mut stop: watch::Receiver<bool>,
    ) {
        let mut seen = self.modified();
        loop {
            tokio::select! {
                _ = stop.changed() => return,
                () = tokio::time::sleep(every) => {}
            }
            let now = self.modified();
            if now == seen {
                continue;
            }
            match config.reload_from_pem_file(&self.cert, &self.key).await {
                Ok(()) => {
                    seen = now;
                    tracing::info!(cert = %self.cert.display(), "TLS certificate reloaded");
                }
                // Keep serving the old pair; try again on the next change
                // or tick (a renewal may still be being written).
                Err(error) => {
                    tracing::error!(cert = %self.cert.display(), %error, "renewed TLS certificate does not load; still serving the previous one");
                }
            }
        }
    }
}
