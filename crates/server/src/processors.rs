//! Which processor charges a payment: each merchant's own, from its stored
//! settings, built once per settings row and kept.
//!
//! Settings rows never change (see migration 0007), so a processor built
//! for a row stays right for as long as the server runs, and an invoice
//! charged on one row is settled and refunded on that row, whatever the
//! merchant chose since.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use kassa_processor::{ConfigError, ConnectorOptions, Processor, ProcessorConfig, TestProcessor};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::ProcessorConfigRecord;

/// The processors, by settings row.
pub struct Processors {
    /// For merchants without settings (and `test` settings): the server's
    /// test processor (or the one a test handed to the application).
    default: Arc<dyn Processor>,
    options: ConnectorOptions,
    built: RwLock<HashMap<String, Arc<dyn Processor>>>,
}

impl std::fmt::Debug for Processors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Processors")
            .field("default", &self.default.name())
            .finish_non_exhaustive()
    }
}

impl Processors {
    /// Processors that default to `default` and build gateways with `options`.
    pub fn new(default: Arc<dyn Processor>, options: ConnectorOptions) -> Processors {
        Processors {
            default,
            options,
            built: RwLock::new(HashMap::new()),
        }
    }

    /// The processor of settings row `config_id` (`None`: the default).
    ///
    /// # Errors
    /// 500 when the row is missing or cannot be opened (the sealing key
    /// changed, or the row is corrupt); the details go to the log.
    pub async fn get(
        &self,
        state: &AppState,
        config_id: Option<&str>,
    ) -> Result<Arc<dyn Processor>, ApiError> {
        let Some(config_id) = config_id else {
            return Ok(Arc::clone(&self.default));
        };
        if let Some(processor) = self
            .built
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(config_id)
        {
            return Ok(Arc::clone(processor));
        }
        let record = state
            .store
            .processor_config(config_id)
            .await?
            .ok_or_else(|| ApiError::internal("processor settings missing"))?;
        let config = open(state, &record, &self.options)
            .map_err(|error| ApiError::internal(format!("stored processor settings: {error}")))?;
        let processor = match config {
            ProcessorConfig::Test => Arc::clone(&self.default),
            config => config.build(&self.options, TestProcessor::default()),
        };
        self.built
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(config_id.to_owned(), Arc::clone(&processor));
        Ok(processor)
    }

    /// The processor a merchant charges through now.
    ///
    /// # Errors
    /// As [`get`](Self::get).
    pub async fn of_merchant(
        &self,
        state: &AppState,
        merchant: &crate::store::MerchantRecord,
    ) -> Result<Arc<dyn Processor>, ApiError> {
        self.get(state, merchant.processor_config_id.as_deref())
            .await
    }
}

/// Opens a stored settings row.
fn open(
    state: &AppState,
    record: &ProcessorConfigRecord,
    options: &ConnectorOptions,
) -> Result<ProcessorConfig, String> {
    let json = state
        .sealing_key
        .open(&record.config_sealed)
        .map_err(|error| error.to_string())?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|_| "not JSON".to_owned())?;
    // Stored settings were checked when they were set; reading them back
    // allows what was allowed then (a later, stricter setting must not
    // strand payments already made on them).
    let lenient = ConnectorOptions {
        allow_plain_http: true,
        ..*options
    };
    ProcessorConfig::parse(&record.processor, &value, &lenient).map_err(|error| error.to_string())
}

/// What the API says about a merchant's processor: never a credential.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProcessorSummary {
    /// `test`, `creditguard`, `icount` or `stripe`.
    pub processor: String,
    /// Whether the checkout asks the card holder's ID number (CreditGuard
    /// and iCount terminals require it).
    pub holder_id_required: bool,
    /// When these settings were set (Unix milliseconds); absent for the
    /// default test processor.
    pub since: Option<i64>,
}

/// Checks `config` for processor `name` and makes it the merchant's: later
/// charges use it, payments already made keep theirs.
///
/// # Errors
/// 400 `processor_config.unknown`, `processor_config.invalid` or
/// `processor_config.insecure_url` (field `processor_config`); 404 when
/// there is no such merchant.
pub async fn set_processor(
    state: &AppState,
    merchant_id: &str,
    name: &str,
    config: &serde_json::Value,
) -> Result<ProcessorSummary, ApiError> {
    let parsed = ProcessorConfig::parse(name, config, &state.settings.connector_options())
        .map_err(config_error)?;
    let record = ProcessorConfigRecord {
        id: crate::ids::new_id("pcf"),
        merchant_id: merchant_id.to_owned(),
        processor: parsed.name().to_owned(),
        config_sealed: state.sealing_key.seal(&config.to_string()),
        created_at: crate::clock::now_ms(),
    };
    if !state.store.add_processor_config(&record).await? {
        return Err(crate::extract::not_found());
    }
    tracing::info!(
        merchant_id,
        processor = record.processor,
        config_id = record.id,
        "processor set"
    );
    let processor = state.processors.get(state, Some(&record.id)).await?;
    Ok(ProcessorSummary {
        processor: record.processor,
        holder_id_required: processor.needs_holder_id(),
        since: Some(record.created_at),
    })
}

/// The merchant's processor, as the API shows it.
///
/// # Errors
/// 500 when its settings cannot be read.
pub async fn summary(
    state: &AppState,
    merchant: &crate::store::MerchantRecord,
) -> Result<ProcessorSummary, ApiError> {
    let processor = state.processors.of_merchant(state, merchant).await?;
    let since = match merchant.processor_config_id.as_deref() {
        Some(id) => state
            .store
            .processor_config(id)
            .await?
            .map(|record| record.created_at),
        None => None,
    };
    Ok(ProcessorSummary {
        processor: processor.name().to_owned(),
        holder_id_required: processor.needs_holder_id(),
        since,
    })
}

/// Checks settings without storing them (before a merchant is created).
///
/// # Errors
/// As [`set_processor`].
pub fn check(state: &AppState, name: &str, config: &serde_json::Value) -> Result<(), ApiError> {
    ProcessorConfig::parse(name, config, &state.settings.connector_options())
        .map(|_| ())
        .map_err(config_error)
}

fn config_error(error: ConfigError) -> ApiError {
    ApiError::field(error.code(), &error.to_string(), "processor_config")
}
