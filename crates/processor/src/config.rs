//! Which processor a merchant charges through, and its settings, as the
//! merchant gives them (`--processor NAME --processor-config JSON`).

use std::sync::Arc;
use std::time::Duration;

use crate::connectors::{creditguard, icount, stripe};
use crate::{Processor, TestProcessor};

/// How Kassa talks to gateways: its own settings, not the merchant's.
///
/// ```
/// use kassa_processor::ConnectorOptions;
/// let options = ConnectorOptions::default();
/// assert!(!options.allow_plain_http);
/// assert_eq!(options.timeout.as_secs(), 20);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectorOptions {
    /// Whether a `base_url` may be plain `http://` on a host other than
    /// loopback (the server's setting that allows plain-HTTP merchant URLs).
    pub allow_plain_http: bool,
    /// How long one request to a gateway may take, from connecting to the
    /// last byte of the answer. Must stay below the server's own processor
    /// timeout, so that a connector, not the server, decides what a slow
    /// answer means (a lost answer: pending, then looked up).
    pub timeout: Duration,
}

impl Default for ConnectorOptions {
    fn default() -> Self {
        ConnectorOptions {
            allow_plain_http: false,
            timeout: Duration::from_secs(20),
        }
    }
}

/// A processor's settings, checked: the test processor, or a gateway with
/// its credentials. `Debug` never shows a credential.
///
/// ```
/// use kassa_processor::{ConnectorOptions, ProcessorConfig};
///
/// let config = serde_json::json!({"base_url": "https://api.stripe.com", "secret_key": "sk_test_123"});
/// let parsed = ProcessorConfig::parse("stripe", &config, &ConnectorOptions::default()).unwrap();
/// assert_eq!(parsed.name(), "stripe");
/// assert!(!format!("{parsed:?}").contains("sk_test_123"));
///
/// let insecure = serde_json::json!({"base_url": "http://api.stripe.com", "secret_key": "sk_test_123"});
/// let error = ProcessorConfig::parse("stripe", &insecure, &ConnectorOptions::default()).unwrap_err();
/// assert_eq!(error.code(), "processor_config.insecure_url");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum ProcessorConfig {
    /// The built-in [`TestProcessor`].
    Test,
    /// CreditGuard's XML relay.
    CreditGuard(creditguard::Config),
    /// iCount API v3.
    ICount(icount::Config),
    /// Stripe's PaymentIntents.
    Stripe(stripe::Config),
}

/// Why a processor's settings were refused. Messages name fields, never
/// their values.
///
/// ```
/// use kassa_processor::{ConnectorOptions, ProcessorConfig};
/// let error = ProcessorConfig::parse("paypal", &serde_json::json!({}), &ConnectorOptions::default()).unwrap_err();
/// assert_eq!(error.code(), "processor_config.unknown");
/// assert_eq!(error.to_string(), "unknown processor: use test, creditguard, icount or stripe");
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The processor's name is not one Kassa knows.
    #[error("unknown processor: use test, creditguard, icount or stripe")]
    UnknownProcessor,
    /// The settings are not the processor's (a missing or mistyped field).
    #[error("invalid settings for {processor}: {detail}")]
    Invalid {
        /// The processor.
        processor: &'static str,
        /// What is wrong, naming the field (serde's words, without values).
        detail: String,
    },
    /// `base_url` is not an absolute `https://` URL (plain `http://` is for
    /// loopback, or with the setting that allows it).
    #[error("base_url must be an https:// URL (plain http:// only on loopback or when allowed)")]
    InsecureUrl,
}

impl ConfigError {
    /// A stable machine code.
    ///
    /// ```
    /// assert_eq!(kassa_processor::ConfigError::InsecureUrl.code(), "processor_config.insecure_url");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownProcessor => "processor_config.unknown",
            Self::Invalid { .. } => "processor_config.invalid",
            Self::InsecureUrl => "processor_config.insecure_url",
        }
    }
}

/// The processors a merchant may choose, by name.
pub const PROCESSOR_NAMES: [&str; 4] = ["test", "creditguard", "icount", "stripe"];

impl ProcessorConfig {
    /// Checks `config` (the gateway's settings, named as the gateway names
    /// them) for the processor `name`.
    ///
    /// ```
    /// use kassa_processor::{ConnectorOptions, ProcessorConfig};
    /// let options = ConnectorOptions::default();
    /// assert_eq!(ProcessorConfig::parse("test", &serde_json::json!({}), &options).unwrap().name(), "test");
    /// let missing = ProcessorConfig::parse("icount", &serde_json::json!({"base_url": "https://api.icount.co.il/api/v3.php"}), &options);
    /// assert_eq!(missing.unwrap_err().code(), "processor_config.invalid");
    /// ```
    ///
    /// # Errors
    /// [`ConfigError`] for an unknown name, settings that are not the
    /// processor's, or an insecure `base_url`.
    pub fn parse(
        name: &str,
        config: &serde_json::Value,
        options: &ConnectorOptions,
    ) -> Result<ProcessorConfig, ConfigError> {
        let parsed = match name {
            "test" => ProcessorConfig::Test,
            "creditguard" => ProcessorConfig::CreditGuard(from_json("creditguard", config)?),
            "icount" => ProcessorConfig::ICount(from_json("icount", config)?),
            "stripe" => ProcessorConfig::Stripe(from_json("stripe", config)?),
            _ => return Err(ConfigError::UnknownProcessor),
        };
        if let Some(base_url) = parsed.base_url() {
            check_base_url(base_url, options)?;
        }
        Ok(parsed)
    }

    /// The processor's name.
    ///
    /// ```
    /// assert_eq!(kassa_processor::ProcessorConfig::Test.name(), "test");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Self::Test => "test",
            Self::CreditGuard(_) => "creditguard",
            Self::ICount(_) => "icount",
            Self::Stripe(_) => "stripe",
        }
    }

    fn base_url(&self) -> Option<&str> {
        match self {
            Self::Test => None,
            Self::CreditGuard(config) => Some(&config.base_url),
            Self::ICount(config) => Some(&config.base_url),
            Self::Stripe(config) => Some(&config.base_url),
        }
    }

    /// The processor these settings describe. `test` gets `test_processor`
    /// (the server's, with its pending delay).
    ///
    /// ```
    /// use kassa_processor::{ConnectorOptions, ProcessorConfig, TestProcessor};
    /// let processor = ProcessorConfig::Test.build(&ConnectorOptions::default(), TestProcessor::default());
    /// assert_eq!(processor.name(), "test");
    /// ```
    pub fn build(
        &self,
        options: &ConnectorOptions,
        test_processor: TestProcessor,
    ) -> Arc<dyn Processor> {
        match self {
            Self::Test => Arc::new(test_processor),
            Self::CreditGuard(config) => {
                Arc::new(creditguard::CreditGuard::new(config.clone(), options))
            }
            Self::ICount(config) => Arc::new(icount::ICount::new(config.clone(), options)),
            Self::Stripe(config) => Arc::new(stripe::Stripe::new(config.clone(), options)),
        }
    }
}

/// Reads a connector's `Config`, keeping serde's words about *which* field
/// is wrong but never echoing a value.
fn from_json<T: serde::de::DeserializeOwned>(
    processor: &'static str,
    config: &serde_json::Value,
) -> Result<T, ConfigError> {
    T::deserialize(config).map_err(|error| ConfigError::Invalid {
        processor,
        detail: without_values(&error.to_string()),
    })
}

/// serde_json's messages quote the offending value for type errors
/// (`invalid type: string "hunter2", expected u32`); keep only the part
/// that names what was expected.
fn without_values(message: &str) -> String {
    match message.find("invalid type:") {
        Some(_) => message
            .split_once(", expected")
            .map(|(_, expected)| format!("invalid type, expected{expected}"))
            .unwrap_or_else(|| "invalid type".to_owned()),
        None if message.contains("invalid value") => "invalid value".to_owned(),
        None => message.to_owned(),
    }
}

/// `https://…`, or `http://` on loopback or when allowed.
fn check_base_url(base_url: &str, options: &ConnectorOptions) -> Result<(), ConfigError> {
    let url = reqwest::Url::parse(base_url).map_err(|_| ConfigError::InsecureUrl)?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if options.allow_plain_http || is_loopback(&url) => Ok(()),
        _ => Err(ConfigError::InsecureUrl),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_name_the_expectation_not_the_value() {
        let config = serde_json::json!({"base_url": "https://x.test/xpo/Relay", "user": "u", "password": 12345678, "terminal": "0962832"});
        let error = ProcessorConfig::parse("creditguard", &config, &ConnectorOptions::default())
            .unwrap_err();
        assert_eq!(error.code(), "processor_config.invalid");
        assert!(!error.to_string().contains("12345678"), "{error}");
    }

    #[test]
    fn plain_http_is_for_loopback_unless_allowed() {
        let options = ConnectorOptions::default();
        for url in [
            "http://127.0.0.1:9/",
            "http://[::1]:9/",
            "http://localhost:9/",
        ] {
            assert_eq!(check_base_url(url, &options), Ok(()), "{url}");
        }
        for url in ["http://gateway.example/", "ftp://127.0.0.1/", "not a url"] {
            assert_eq!(
                check_base_url(url, &options),
                Err(ConfigError::InsecureUrl),
                "{url}"
            );
        }
        let allowed = ConnectorOptions {
            allow_plain_http: true,
            ..options
        };
        assert_eq!(check_base_url("http://gateway.example/", &allowed), Ok(()));
    }
}
