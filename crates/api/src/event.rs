//! The merchant's event log: callbacks and their delivery.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// One event, with its delivery state.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    /// `evt_` and 32 hex digits (the callback's `Kassa-Event-Id`).
    pub id: String,
    /// `invoice.paid`, `refund.succeeded`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The invoice it is about.
    pub invoice_id: String,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// Whether the merchant's endpoint accepted it.
    pub delivered: bool,
    /// RFC 3339 time of the successful delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// RFC 3339 time of the next attempt; absent once delivered or given up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<String>,
    /// What went wrong on the last attempt (status or connection error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The callback's JSON body, exactly as it is POSTed.
    #[cfg_attr(feature = "openapi", schema(value_type = Value))]
    pub payload: Box<RawValue>,
}

/// One page of `GET /api/v1/events`, newest first.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventList {
    /// The events on this page.
    pub data: Vec<EventView>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}
