//! Refunds: giving back part or all of what was paid.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::invoice::InvoiceResponse;

/// `POST /api/v1/invoices/{id}/refunds`. Without `amount`, what remains to
/// be refunded is refunded.
///
/// ```
/// use kassa_api::CreateRefundRequest;
/// let partial: CreateRefundRequest = serde_json::from_str(r#"{"amount": "5.00"}"#).unwrap();
/// assert_eq!(partial.amount.unwrap().get(), r#""5.00""#);
/// let full: CreateRefundRequest = serde_json::from_str("{}").unwrap();
/// assert!(full.amount.is_none());
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRefundRequest {
    /// `"5.00"` or `5`, in the invoice's currency, kept as written.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount))]
    pub amount: Option<Box<RawValue>>,
}

/// `POST /api/v1/invoices/{id}/capture`. Without `amount`, the whole
/// authorization is captured; with a smaller one, the rest is released.
///
/// ```
/// use kassa_api::CaptureInvoiceRequest;
/// let part: CaptureInvoiceRequest = serde_json::from_str(r#"{"amount": "10.00"}"#).unwrap();
/// assert_eq!(part.amount.unwrap().get(), r#""10.00""#);
/// assert!(serde_json::from_str::<CaptureInvoiceRequest>("{}").unwrap().amount.is_none());
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CaptureInvoiceRequest {
    /// `"10.00"` or `10`, in the invoice's currency, at most what was
    /// authorized.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount))]
    pub amount: Option<Box<RawValue>>,
}

/// A refund's state.
///
/// ```
/// use kassa_api::RefundStatus;
/// assert_eq!(serde_json::to_string(&RefundStatus::Succeeded).unwrap(), "\"succeeded\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// At the processor.
    Pending,
    /// Given back.
    Succeeded,
    /// The processor refused or could not be reached; nothing was given back.
    Failed,
}

/// A refund, as the merchant API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundResponse {
    /// `ref_` and 32 hex digits.
    pub id: String,
    /// The refunded invoice.
    pub invoice_id: String,
    /// What this refund gave back (`"5.00"`).
    pub amount: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Its state.
    pub status: RefundStatus,
    /// Why it failed (`refund_refused`, `processor_unavailable`), once failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_code: Option<String>,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// The invoice after the refund (as it is now, when read later).
    pub invoice: InvoiceResponse,
}

/// `GET /api/v1/invoices/{id}/refunds`: every refund of the invoice, oldest
/// first, failed ones included.
///
/// ```
/// use kassa_api::RefundList;
/// let list: RefundList = serde_json::from_str(r#"{"data": []}"#).unwrap();
/// assert!(list.data.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundList {
    /// The refunds.
    pub data: Vec<RefundResponse>,
}
