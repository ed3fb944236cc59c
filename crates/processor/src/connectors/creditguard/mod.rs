//! CreditGuard: PLACEHOLDER, replaced by the connector.

use crate::{
    ChargeOutcome, ChargeRequest, ConnectorOptions, PendingCharge, Processor, ProcessorError,
    RefundConfirmation, RefundRequest, Settlement,
};

/// CreditGuard's settings, named as CreditGuard names them. `Debug` hides the credentials.
#[derive(Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The relay URL itself, `https://…/xpo/Relay`.
    pub base_url: String,
    /// The relay user.
    pub user: String,
    /// The relay password.
    pub password: String,
    /// The terminal number.
    pub terminal: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// The CreditGuard connector.
#[derive(Debug)]
pub struct CreditGuard {
    config: Config,
    http: reqwest::Client,
}

impl CreditGuard {
    /// A connector for these settings.
    pub fn new(config: Config, options: &ConnectorOptions) -> CreditGuard {
        CreditGuard {
            config,
            http: crate::http::client(options),
        }
    }
}

#[async_trait::async_trait]
impl Processor for CreditGuard {
    fn name(&self) -> &'static str {
        "creditguard"
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
