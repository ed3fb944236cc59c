//! Authorize now, take the money later: how a charge is captured, and what
//! capturing or voiding an authorization asks of a processor.

use kassa_card::Currency;

/// When an approved charge takes the money.
///
/// ```
/// use kassa_processor::Capture;
/// assert_eq!(Capture::parse("manual"), Some(Capture::Manual));
/// assert_eq!(Capture::Manual.as_str(), "manual");
/// assert_eq!(Capture::parse("later"), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Capture {
    /// At once: an approval is a payment.
    #[default]
    Automatic,
    /// Later: an approval only reserves the amount on the card (an
    /// authorization, J5 at Israeli acquirers), taken by
    /// [`Processor::capture`](crate::Processor::capture) or released by
    /// [`Processor::void`](crate::Processor::void).
    Manual,
}

impl Capture {
    /// `"automatic"` or `"manual"`, as the API spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Automatic => "automatic",
            Self::Manual => "manual",
        }
    }

    /// The mode for its name; `None` for anything else.
    pub fn parse(text: &str) -> Option<Capture> {
        match text {
            "automatic" => Some(Self::Automatic),
            "manual" => Some(Self::Manual),
            _ => None,
        }
    }
}

/// Taking part or all of an authorization. The rest is released.
///
/// ```
/// use kassa_card::Currency;
/// use kassa_processor::CaptureRequest;
///
/// let request = CaptureRequest {
///     invoice_id: "inv_42",
///     transaction_ref: "tp_0123456789abcdef01234567",
///     amount_minor: 1_000,
///     authorized_minor: 1_500,
///     currency: Currency::from_code("EUR").unwrap(),
///     now_unix_ms: 1_795_219_200_000,
/// };
/// assert!(request.amount_minor <= request.authorized_minor);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CaptureRequest<'a> {
    /// The invoice the authorization paid. Processors derive the capture's
    /// idempotency reference from it: a capture retried after a lost answer
    /// never takes the money twice.
    pub invoice_id: &'a str,
    /// The processor's reference for the authorization.
    pub transaction_ref: &'a str,
    /// How much to take, in minor units: positive, at most `authorized_minor`.
    pub amount_minor: i64,
    /// What was authorized.
    pub authorized_minor: i64,
    /// The currency of both amounts.
    pub currency: Currency,
    /// When the request is made, in milliseconds since the Unix epoch (UTC).
    pub now_unix_ms: i64,
}

/// Releasing an authorization without taking anything.
///
/// ```
/// use kassa_card::Currency;
/// use kassa_processor::VoidRequest;
///
/// let request = VoidRequest {
///     invoice_id: "inv_42",
///     transaction_ref: "tp_0123456789abcdef01234567",
///     authorized_minor: 1_500,
///     currency: Currency::from_code("EUR").unwrap(),
///     now_unix_ms: 1_795_219_200_000,
/// };
/// assert_eq!(request.authorized_minor, 1_500);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct VoidRequest<'a> {
    /// The invoice the authorization paid.
    pub invoice_id: &'a str,
    /// The processor's reference for the authorization.
    pub transaction_ref: &'a str,
    /// What was authorized.
    pub authorized_minor: i64,
    /// Its currency.
    pub currency: Currency,
    /// When the request is made, in milliseconds since the Unix epoch (UTC).
    pub now_unix_ms: i64,
}

/// A processor's answer to a capture.
///
/// ```
/// let confirmation = kassa_processor::CaptureConfirmation { capture_ref: "tpc_1".into() };
/// assert_eq!(confirmation.capture_ref, "tpc_1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CaptureConfirmation {
    /// The processor's reference for the capture (its own transaction at
    /// some gateways, the authorization's at others).
    pub capture_ref: String,
}
