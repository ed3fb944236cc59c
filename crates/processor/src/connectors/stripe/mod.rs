//! Stripe: PLACEHOLDER, replaced by the connector.

use crate::{
    ChargeOutcome, ChargeRequest, ConnectorOptions, PendingCharge, Processor, ProcessorError,
    RefundConfirmation, RefundRequest, Settlement,
};

/// Stripe's settings, named as Stripe names them. `Debug` hides the credentials.
#[derive(Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `https://api.stripe.com`; `/v1/…` is appended.
    pub base_url: String,
    /// The secret API key, `sk_live_…` or `sk_test_…`.
    pub secret_key: String,
    /// A connected account (`acct_…`), sent as `Stripe-Account`.
    #[serde(default)]
    pub account: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// The Stripe connector.
#[derive(Debug)]
pub struct Stripe {
    config: Config,
    http: reqwest::Client,
}

impl Stripe {
    /// A connector for these settings.
    pub fn new(config: Config, options: &ConnectorOptions) -> Stripe {
        Stripe {
            config,
            http: crate::http::client(options),
        }
    }
}

#[async_trait::async_trait]
impl Processor for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        let _ = (&self.config, &self.http);
        PendingCharge {
            transaction_ref: crate::charge_reference(request.invoice_id, request.attempt),
            settles_at_unix_ms: request.now_unix_ms,
            avs: crate::AvsResult::Unavailable,
            security_code: crate::SecurityCodeResult::NotProvided,
            processor_state: String::new(),
        }
    }

    async fn charge(&self, _request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        Err(ProcessorError::Unavailable)
    }

    async fn settle(
        &self,
        _pending: &PendingCharge,
        _now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        Err(ProcessorError::Unavailable)
    }

    async fn refund(
        &self,
        _request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        Err(ProcessorError::Unavailable)
    }
}
