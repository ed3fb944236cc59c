//! What every connector shares about talking HTTP to a gateway: one client
//! with Kassa's timeouts, and what a failed exchange means.

use std::time::Duration;

use crate::ConnectorOptions;

/// How long connecting may take. A connection that was never made carried
/// no charge, so this failure is safe to report as unavailable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The HTTP client a connector uses: TLS by rustls, the options' timeout,
/// no redirects (a gateway that redirects a charge is misconfigured, and a
/// redirected POST could be replayed elsewhere), no proxy from the
/// environment, and no cookies.
pub(crate) fn client(options: &ConnectorOptions) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(options.timeout)
        .connect_timeout(CONNECT_TIMEOUT.min(options.timeout))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("kassa/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// What a failed exchange with a gateway means for the money.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The request never left: nothing can have been charged
    /// ([`ProcessorError::Unavailable`](crate::ProcessorError::Unavailable)).
    NotSent,
    /// The request may have reached the gateway and its answer was lost (a
    /// timeout, a dropped connection, a 5xx, an answer Kassa cannot read):
    /// the outcome is unknown and must be looked up, never retried blindly.
    Lost,
}

/// Sorts a `reqwest` error: only a failure to connect proves the request
/// never left.
pub(crate) fn failure(error: &reqwest::Error) -> Failure {
    if error.is_connect() || error.is_builder() {
        Failure::NotSent
    } else {
        Failure::Lost
    }
}
