//! Saved cards: what the merchant asks of an invoice, what the page offers
//! a returning customer, and the merchant API over a customer's cards.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Whether the page keeps the card for the merchant's later payments.
///
/// ```
/// use kassa_api::SaveCardMode;
/// assert_eq!(serde_json::to_string(&SaveCardMode::Required).unwrap(), "\"required\"");
/// assert_eq!(SaveCardMode::parse("optional"), Some(SaveCardMode::Optional));
/// assert_eq!(SaveCardMode::parse("always"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SaveCardMode {
    /// The shopper chooses, with a checkbox (unticked at first).
    Optional,
    /// Paying keeps the card; the page says so before the shopper pays.
    Required,
}

impl SaveCardMode {
    /// The mode as the API writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            SaveCardMode::Optional => "optional",
            SaveCardMode::Required => "required",
        }
    }

    /// The mode for its API name.
    pub fn parse(text: &str) -> Option<SaveCardMode> {
        [SaveCardMode::Optional, SaveCardMode::Required]
            .into_iter()
            .find(|mode| mode.as_str() == text)
    }
}

/// A saved card the page offers a returning customer: enough to recognise
/// it, nothing more.
///
/// ```
/// use kassa_api::SavedCardOption;
/// let card: SavedCardOption = serde_json::from_str(
///     r#"{"id": "pm_1", "brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030, "expired": false}"#,
/// ).unwrap();
/// assert_eq!(card.last4, "4242");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SavedCardOption {
    /// The saved card (`pm_…`), sent back as `payment_method` to pay with it.
    pub id: String,
    /// Brand id (`visa`).
    pub brand: String,
    /// The last four digits.
    pub last4: String,
    /// Expiry month, 1 to 12.
    pub exp_month: u8,
    /// Expiry year, four digits.
    pub exp_year: u16,
    /// Whether the card has expired (the page shows it, but cannot pay with it).
    pub expired: bool,
}

/// A saved card, as the merchant API shows it: brand, last four, expiry
/// and dates; never more.
///
/// ```
/// use kassa_api::PaymentMethodView;
/// let card: PaymentMethodView = serde_json::from_str(r#"{"id": "pm_1", "customer": "cus-42",
///     "brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030,
///     "created_at": "2026-12-07T10:00:00Z", "updated_at": "2026-12-07T10:00:00Z"}"#).unwrap();
/// assert_eq!(card.customer, "cus-42");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethodView {
    /// `pm_` and 32 hex digits.
    pub id: String,
    /// The merchant's customer reference it was saved for.
    pub customer: String,
    /// Brand id (`visa`).
    pub brand: String,
    /// The last four digits.
    pub last4: String,
    /// Expiry month, 1 to 12.
    pub exp_month: u8,
    /// Expiry year, four digits.
    pub exp_year: u16,
    /// RFC 3339 time it was first saved.
    pub created_at: String,
    /// RFC 3339 time it was last saved again (a new expiry).
    pub updated_at: String,
}

/// `GET /api/v1/customers/{customer}/payment_methods`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethodList {
    /// The customer's saved cards.
    pub data: Vec<PaymentMethodView>,
}

/// `POST /api/v1/payments`: the merchant charges a saved card, without the
/// shopper (merchant-initiated).
///
/// ```
/// use kassa_api::CreatePaymentRequest;
/// let request: CreatePaymentRequest = serde_json::from_str(r#"{"payment_method": "pm_1",
///     "amount": "9.90", "currency": "EUR", "reason": "recurring", "callbackJson": {"plan": "monthly"}}"#).unwrap();
/// assert_eq!(request.reason.as_deref(), Some("recurring"));
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePaymentRequest {
    /// The saved card (`pm_…`).
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, nullable = false, pattern = "^pm_[0-9a-f]{32}$")
    )]
    pub payment_method: Option<String>,
    /// `"9.90"` or `42`, as in `POST /api/v1/invoices`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount, required = true))]
    pub amount: Option<Box<RawValue>>,
    /// ISO 4217 code.
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, nullable = false, pattern = "^[A-Za-z]{3}$")
    )]
    pub currency: Option<String>,
    /// Why the merchant charges without the shopper: `unscheduled`,
    /// `recurring` or `installment` (sent to the gateway as such).
    #[cfg_attr(
        feature = "openapi",
        schema(
            required = true,
            nullable = false,
            pattern = "^(unscheduled|recurring|installment)$"
        )
    )]
    pub reason: Option<String>,
    /// Any JSON (up to 16 KB), echoed back byte for byte in every callback.
    #[serde(rename = "callbackJson", alias = "callback_json")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub callback_json: Option<Box<RawValue>>,
    /// What is being paid for.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: Option<String>,
    /// The merchant's order id.
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub reference: Option<String>,
}
