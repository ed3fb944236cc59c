//! What every handler shares.

use std::sync::Arc;

use crate::processors::Processors;
use tokio::sync::Notify;

use crate::rate_limit::RateLimiter;
use crate::secrets::SealingKey;
use crate::settings::Settings;
use crate::store::Store;

/// The application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Storage.
    pub store: Arc<dyn Store>,
    /// Where cards are charged: each merchant's processor.
    pub processors: Arc<Processors>,
    /// Settings.
    pub settings: Arc<Settings>,
    /// The URL shoppers reach the server at, without a trailing slash.
    pub public_url: Arc<str>,
    /// Seals and opens callback secrets.
    pub sealing_key: SealingKey,
    /// Wakes the outbox worker when an event is written.
    pub outbox_wakeup: Arc<Notify>,
    /// Limits payment requests per client address.
    pub pay_limiter: Arc<RateLimiter>,
    /// Limits dashboard sign-in attempts per client address (a password
    /// guesser spreading over many users).
    pub sign_in_limiter: Arc<RateLimiter>,
    /// For callbacks.
    pub http: reqwest::Client,
    /// Prometheus metrics.
    pub metrics: crate::metrics::Metrics,
    /// Where the built checkout page is (`index.html` and its assets).
    pub page_dir: Arc<std::path::Path>,
    /// Where the built dashboard is.
    pub dashboard_dir: Arc<std::path::Path>,
    /// Whether `kassa-server demo` runs (enables `POST /demo/callback`).
    pub demo: bool,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}
