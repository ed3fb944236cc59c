#![doc = include_str!("../README.md")]

mod authentication;
mod avs;
mod capture;
mod config;
pub mod connectors;
mod decline;
mod error;
mod http;
mod outcome;
mod pending;
mod processor;
mod reference;
mod refund;
mod request;
mod security_code;
mod stored;
mod test_processor;

pub use authentication::{
    AuthenticationFlow, Challenge, ChallengeAnswer, ThreeDSecure, ThreeDSecureMode,
};
pub use avs::AvsResult;
pub use capture::{Capture, CaptureConfirmation, CaptureRequest, VoidRequest};
pub use config::{ConfigError, ConnectorOptions, PROCESSOR_NAMES, ProcessorConfig};
pub use decline::DeclineReason;
pub use error::ProcessorError;
pub use outcome::{Approval, ChargeOutcome, Decline, Settlement};
pub use pending::{PendingCharge, PendingTokenError};
pub use processor::Processor;
pub use reference::{charge_reference, refund_reference};
pub use refund::{RefundConfirmation, RefundRequest};
pub use request::{ChargeRequest, InstallmentKind};
pub use security_code::SecurityCodeResult;
pub use stored::{ChargeReason, StoredCredential};
pub use test_processor::TestProcessor;
