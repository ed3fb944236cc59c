//! The merchant API: creating and reading invoices.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::checkout::{BillingAddressInput, Prefill};

/// `POST /api/v1/invoices`. Everything arrives as the merchant sent it; the
/// server validates each field and answers with field errors.
///
/// ```
/// use kassa_api::CreateInvoiceRequest;
/// let request: CreateInvoiceRequest = serde_json::from_str(r#"{
///     "email": "shopper@example.com", "amount": "15.04", "devise": "EUR",
///     "success_url": "https://shop.example/ok", "cancel_url": "https://shop.example/cancel",
///     "pending_url": "https://shop.example/pending", "failure_url": "https://shop.example/failed",
///     "callbackJson": {"order": 42}
/// }"#).unwrap();
/// assert_eq!(request.currency.as_deref(), Some("EUR"));
/// assert_eq!(request.callback_json.unwrap().get(), r#"{"order": 42}"#, "kept byte for byte");
/// assert_eq!(request.amount.unwrap().get(), r#""15.04""#);
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInvoiceRequest {
    /// The shopper's email.
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false, format = Email))]
    pub email: Option<String>,
    /// `"15.04"` or `42`, with `.` as the decimal point, kept as written so
    /// no digit is lost to floating point.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::amount, required = true))]
    pub amount: Option<Box<RawValue>>,
    /// ISO 4217 code; `devise` is accepted too.
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, nullable = false, pattern = "^[A-Za-z]{3}$")
    )]
    #[serde(alias = "devise")]
    pub currency: Option<String>,
    /// Where the shopper goes after a successful payment.
    #[cfg_attr(
        feature = "openapi",
        schema(
            required = true,
            nullable = false,
            pattern = r"^https://[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62})+(/[A-Za-z0-9._~/?=&%!$'()*+,;:@-]*)?$"
        )
    )]
    pub success_url: Option<String>,
    /// Where the shopper goes after canceling.
    #[cfg_attr(
        feature = "openapi",
        schema(
            required = true,
            nullable = false,
            pattern = r"^https://[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62})+(/[A-Za-z0-9._~/?=&%!$'()*+,;:@-]*)?$"
        )
    )]
    pub cancel_url: Option<String>,
    /// Where the shopper goes while a payment is pending.
    #[cfg_attr(
        feature = "openapi",
        schema(
            required = true,
            nullable = false,
            pattern = r"^https://[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62})+(/[A-Za-z0-9._~/?=&%!$'()*+,;:@-]*)?$"
        )
    )]
    pub pending_url: Option<String>,
    /// Where the shopper goes after a failed payment.
    #[cfg_attr(
        feature = "openapi",
        schema(
            required = true,
            nullable = false,
            pattern = r"^https://[a-z0-9][a-z0-9-]{0,62}(\.[a-z0-9][a-z0-9-]{0,62})+(/[A-Za-z0-9._~/?=&%!$'()*+,;:@-]*)?$"
        )
    )]
    pub failure_url: Option<String>,
    /// Any JSON (up to 16 KB), echoed back byte for byte in every callback.
    #[serde(rename = "callbackJson", alias = "callback_json")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Value>))]
    pub callback_json: Option<Box<RawValue>>,
    /// What is being paid for, shown to the shopper.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub description: Option<String>,
    /// The merchant's order id.
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub reference: Option<String>,
    /// The page's language (`fr`, `he-IL`).
    #[cfg_attr(feature = "openapi", schema(max_length = 35))]
    pub locale: Option<String>,
    /// Seconds until the invoice expires (default 24 hours).
    #[cfg_attr(feature = "openapi", schema(minimum = 60, maximum = 2592000))]
    pub expires_in: Option<i64>,
    /// The most payments a shopper may split the amount into.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 36))]
    pub installments: Option<u8>,
    /// How the instalments are financed: `"equal"` (the default: your own
    /// payments, the first taken now, the others monthly) or `"credit"`
    /// (the card issuer's credit: the issuer pays you the whole amount and
    /// the shopper repays the issuer). Credit needs `installments` of 2 or
    /// more.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(equal|credit)$"))]
    pub installments_type: Option<String>,
    /// With `"credit"`: the credit's fee you state to the shopper before
    /// they pay (`"6.00"`, in the invoice's currency, at most the amount).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[0-9]{1,12}(\.[0-9]{1,4})?$"))]
    pub installments_fee: Option<String>,
    /// The shopper's name, to prefill.
    pub name: Option<String>,
    /// The shopper's phone, to prefill.
    pub phone: Option<String>,
    /// The shopper's billing address, to prefill.
    pub billing_address: Option<BillingAddressInput>,
    /// `"automatic"` (the default): paying takes the money. `"manual"`:
    /// paying only authorizes it, to be captured (`POST
    /// /api/v1/invoices/{id}/capture`) or voided within the merchant's
    /// window (7 days unless set), after which it is released.
    #[cfg_attr(
        feature = "openapi",
        schema(nullable = false, pattern = "^(automatic|manual)$")
    )]
    pub capture: Option<String>,
    /// The merchant's reference for the shopper (1 to 200 characters, no
    /// control characters): the customer a saved card belongs to. Needed
    /// with `save_card` and `offer_saved`.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, nullable = false)
    )]
    pub customer: Option<String>,
    /// `"optional"`: the page asks the shopper whether to keep the card for
    /// this merchant's later payments; `"required"`: paying keeps it, and
    /// the page says so. Nothing is kept without the shopper's consent.
    #[cfg_attr(
        feature = "openapi",
        schema(nullable = false, pattern = "^(optional|required)$")
    )]
    pub save_card: Option<String>,
    /// Whether the page offers the customer's saved cards (brand and last
    /// four, with a fresh security code) besides a new card.
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub offer_saved: Option<bool>,

    // Server-to-server mode: with `card_number`, the invoice is charged at
    // once, and every field below (with `name` and `phone`) is required.
    /// Street, first line.
    #[serde(default)]
    pub address1: Option<String>,
    /// Street, second line (may be empty).
    #[serde(default)]
    pub address2: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2 country.
    #[serde(default)]
    pub country: Option<String>,
    /// State, province or region (may be empty where there is none).
    #[serde(default)]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub postcode: Option<String>,
    /// The shopper's date of birth, `YYYY-MM-DD`.
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// The card number; its presence selects server-to-server mode.
    #[serde(default)]
    pub card_number: Option<Secret>,
    /// The card's expiry, `MM/YYYY`.
    #[serde(default)]
    pub card_expiry_date: Option<String>,
    /// The card's security code.
    #[serde(default)]
    pub card_ccv: Option<Secret>,
    /// The card holder's Israeli ID number (nine digits), required when
    /// the merchant's gateway needs it (CreditGuard, iCount).
    #[serde(default)]
    pub holder_id: Option<String>,
    /// The shopper's IP address, as the merchant's server saw it.
    #[serde(default)]
    pub customer_ip: Option<String>,
}

/// Card data as sent: serialized as given, but `Debug` never shows it.
///
/// ```
/// use kassa_api::Secret;
/// let number: Secret = serde_json::from_str(r#""4242424242424242""#).unwrap();
/// assert_eq!(format!("{number:?}"), "<redacted>");
/// assert_eq!(number.expose(), "4242424242424242");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// A secret holding `text`.
    ///
    /// ```
    /// assert_eq!(kassa_api::Secret::new("123").expose(), "123");
    /// ```
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The text, for the one place that must read it.
    ///
    /// ```
    /// assert_eq!(kassa_api::Secret::new("123").expose(), "123");
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The answer to a server-to-server `POST /api/v1/invoices`: the invoice as
/// it is after the charge, and the charge's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargeResponse {
    /// The invoice.
    #[serde(flatten)]
    pub invoice: InvoiceResponse,
    /// What the charge did.
    pub payment: ChargeResult,
}

/// A server-to-server charge's outcome.
///
/// ```
/// use kassa_api::{ChargeResult, PayStatus};
/// let result = ChargeResult { status: PayStatus::Succeeded, decline: None };
/// assert_eq!(serde_json::to_value(&result).unwrap()["status"], "succeeded");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChargeResult {
    /// `succeeded`, `pending` or `failed` (a server-to-server decline is final).
    pub status: crate::PayStatus,
    /// Why it was declined (stable code and message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline: Option<crate::ErrorDetail>,
}

/// An invoice's state.
///
/// ```
/// use kassa_api::InvoiceStatus;
/// assert_eq!(serde_json::to_string(&InvoiceStatus::PartiallyRefunded).unwrap(), "\"partially_refunded\"");
/// assert_eq!(InvoiceStatus::parse("paid"), Some(InvoiceStatus::Paid));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Waiting for the shopper.
    Open,
    /// A payment awaits the processor's answer.
    Pending,
    /// Paid.
    Paid,
    /// Failed for good (declined too often, or the processor said so).
    Failed,
    /// Canceled by the merchant or the shopper.
    Canceled,
    /// Not paid in time.
    Expired,
    /// Fully refunded.
    Refunded,
    /// Partly refunded.
    PartiallyRefunded,
    /// Approved, the amount reserved on the card until the merchant
    /// captures or voids it (`capture: "manual"`).
    Authorized,
    /// The whole authorization was captured.
    Captured,
    /// Part of the authorization was captured; the rest was released.
    PartiallyCaptured,
    /// The authorization was released without taking anything.
    Voided,
}

impl InvoiceStatus {
    /// The status as stored and sent (`"open"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Failed => "failed",
            Self::Canceled => "canceled",
            Self::Expired => "expired",
            Self::Refunded => "refunded",
            Self::PartiallyRefunded => "partially_refunded",
            Self::Authorized => "authorized",
            Self::Captured => "captured",
            Self::PartiallyCaptured => "partially_captured",
            Self::Voided => "voided",
        }
    }

    /// The status for its string.
    pub fn parse(text: &str) -> Option<InvoiceStatus> {
        [
            Self::Open,
            Self::Pending,
            Self::Paid,
            Self::Failed,
            Self::Canceled,
            Self::Expired,
            Self::Refunded,
            Self::PartiallyRefunded,
            Self::Authorized,
            Self::Captured,
            Self::PartiallyCaptured,
            Self::Voided,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// What the invoice keeps of the card: never the number or security code.
///
/// ```
/// use kassa_api::CardSummary;
/// let card = CardSummary { brand: "visa".into(), masked: "424242******4242".into(), bin: "424242".into(), last4: "4242".into(), exp_month: 12, exp_year: 2030, holder_name: "Ada".into() };
/// assert!(serde_json::to_string(&card).unwrap().contains("******"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardSummary {
    /// Brand id (`"visa"`).
    pub brand: String,
    /// BIN and last four: `424242******4242`.
    pub masked: String,
    /// First six digits.
    pub bin: String,
    /// Last four digits.
    pub last4: String,
    /// Expiry month.
    pub exp_month: u8,
    /// Expiry year.
    pub exp_year: u16,
    /// Name on the card.
    pub holder_name: String,
}

/// An invoice, as the merchant API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceResponse {
    /// Unguessable id (`inv_` and 32 hex digits).
    pub id: String,
    /// Current state.
    pub status: InvoiceStatus,
    /// Normalised amount (`"15.04"`).
    pub amount: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The hosted page for the shopper.
    pub payment_url: String,
    /// RFC 3339 time after which it can no longer be paid.
    pub expires_at: String,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// The shopper's email.
    pub email: String,
    /// Description shown to the shopper.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The merchant's order id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Page language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The most installments offered.
    pub installments: u8,
    /// `"equal"` or `"credit"` (the card issuer's credit).
    pub installments_type: String,
    /// The credit's fee stated to the shopper (`"6.00"`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installments_fee: Option<String>,
    /// The card surcharge added to `amount` for the last payment attempt
    /// (`"0.45"`), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surcharge: Option<String>,
    /// What the card was charged: `amount` plus `surcharge`, when there was
    /// a surcharge. Refunds give back up to this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_charged: Option<String>,
    /// Payment attempts made so far.
    pub attempts: u32,
    /// The card that paid (or last tried to), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<CardSummary>,
    /// The processor's authorization code, once paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    /// `"automatic"` or `"manual"` (authorize, then capture or void).
    pub capture: String,
    /// What a capture took (`"10.00"`), once captured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_amount: Option<String>,
    /// What refunds have given back so far (`"5.00"`), once there are any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_amount: Option<String>,
    /// Prefilled shopper details.
    #[serde(default)]
    pub prefill: Prefill,
    /// The merchant's customer reference, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// `"optional"` or `"required"` when the page may keep the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<crate::SaveCardMode>,
    /// The saved card this invoice was paid with, or saved when paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// Why the merchant charged a saved card without the shopper
    /// (`POST /api/v1/payments`): `unscheduled`, `recurring` or `installment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What 3-D Secure said about the last payment attempt, when the card
    /// went through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_d_secure: Option<crate::ThreeDSecureResult>,
}

/// One page of `GET /api/v1/invoices`, newest first.
///
/// ```
/// use kassa_api::InvoiceList;
/// let page: InvoiceList = serde_json::from_str(r#"{"data": [], "next_cursor": null}"#).unwrap();
/// assert!(page.data.is_empty() && page.next_cursor.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceList {
    /// The invoices on this page.
    pub data: Vec<InvoiceResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}
