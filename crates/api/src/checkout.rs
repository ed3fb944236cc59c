//! The checkout API: what the hosted page reads and sends.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::invoice::InvoiceStatus;

/// `GET /api/v1/checkout/{id}`: what the page needs, and nothing more
/// (never the callback JSON or the merchant's URLs and secrets).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutView {
    /// The invoice id.
    pub invoice_id: String,
    /// The merchant's display name.
    pub merchant_name: String,
    /// Normalised amount (`"15.04"`).
    pub amount: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Digits after the decimal point for the currency.
    pub minor_units: u8,
    /// What is being paid for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Current state.
    pub status: InvoiceStatus,
    /// RFC 3339 expiry time.
    pub expires_at: String,
    /// Seconds left before expiry (0 once expired).
    pub expires_in: i64,
    /// Page language asked for by the merchant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The installment plans a shopper may choose (empty: pay at once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub installment_options: Vec<InstallmentOption>,
    /// Payment attempts left before the invoice fails.
    pub attempts_left: u32,
    /// The merchant's card surcharge: the page shows it, and the total, as
    /// soon as the card number says it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surcharge: Option<crate::SurchargeOffer>,
    /// Whether the instalments on offer are the card issuer's credit (the
    /// page says so, with the fee) rather than the merchant's payments.
    #[serde(default, skip_serializing_if = "is_false")]
    pub installments_credit: bool,
    /// The credit's fee the merchant states (`"6.00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installments_fee: Option<String>,
    /// Details to prefill.
    #[serde(default)]
    pub prefill: Prefill,
    /// The merchant's accent colour and logo.
    #[serde(default, skip_serializing_if = "Appearance::is_default")]
    pub appearance: Appearance,
    /// The origins allowed to embed this checkout (the merchant's sites):
    /// the only windows the page in an iframe reports to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub embed_origins: Vec<String>,
    /// Whether the merchant's gateway needs the card holder's ID number
    /// (CreditGuard and iCount terminals do): the page then asks for it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub holder_id_required: bool,
    /// Whether the page keeps the card: it then shows the consent checkbox
    /// (`optional`) or notice (`required`) in the page's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<crate::SaveCardMode>,
    /// A 3-D Secure challenge this invoice's payment waits for (the page
    /// was reloaded during it): the page shows it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<crate::ChallengeInfo>,
    /// The customer's saved cards the page may offer (newest first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saved_cards: Vec<crate::SavedCardOption>,
}

/// How a merchant's checkout looks.
///
/// ```
/// use kassa_api::Appearance;
/// let plain = Appearance::default();
/// assert!(plain.is_default());
/// assert_eq!(serde_json::to_string(&plain).unwrap(), "{}");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appearance {
    /// Buttons and focus rings: `#rgb` or `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent_color: Option<String>,
    /// The logo as a `data:image/png` or `data:image/svg+xml` URL (stored
    /// by Kassa, so the page asks no other origin for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

impl Appearance {
    /// Whether nothing is set.
    pub fn is_default(&self) -> bool {
        self == &Appearance::default()
    }
}

/// One installment plan on offer: `3 × 33.34`, first payment adjusted.
///
/// ```
/// use kassa_api::InstallmentOption;
/// let option = InstallmentOption { count: 3, first_payment: "33.34".into(), other_payment: Some("33.33".into()) };
/// assert_eq!(serde_json::to_value(&option).unwrap()["count"], 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstallmentOption {
    /// Number of payments.
    pub count: u8,
    /// The first payment (it carries the rounding).
    pub first_payment: String,
    /// Each later payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_payment: Option<String>,
}

/// Shopper details a merchant may prefill.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Prefill {
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Billing address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<BillingAddressInput>,
}

/// A billing address as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BillingAddressInput {
    /// Street, first line.
    #[serde(default)]
    pub line1: String,
    /// Street, second line.
    #[serde(default)]
    pub line2: String,
    /// City.
    #[serde(default)]
    pub city: String,
    /// State, province or region.
    #[serde(default)]
    pub region: String,
    /// Postal code.
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 country.
    #[serde(default)]
    pub country: String,
}

/// The card fields as typed. `Debug` never shows the number or code.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CardInput {
    /// Card number.
    #[serde(default)]
    pub number: String,
    /// Expiry (`MM/YY` or any shape kassa-card accepts).
    #[serde(default)]
    pub expiry: String,
    /// Security code.
    #[serde(default)]
    pub cvv: String,
    /// Name on the card.
    #[serde(default)]
    pub name: String,
}

impl fmt::Debug for CardInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardInput")
            .field("number", &"<redacted>")
            .field("expiry", &self.expiry)
            .field("cvv", &"<redacted>")
            .field("name", &self.name)
            .finish()
    }
}

/// `POST /api/v1/checkout/{id}/pay`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PayRequest {
    /// The card.
    pub card: CardInput,
    /// Billing address, when the page collects one.
    #[serde(default)]
    pub billing_address: Option<BillingAddressInput>,
    /// Email (required unless the invoice has one).
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Number of installments chosen (1 when absent).
    #[serde(default)]
    pub installments: Option<u8>,
    /// The network the shopper chose on a co-badged card (brand id).
    #[serde(default)]
    pub network: Option<String>,
    /// The card holder's Israeli ID number (nine digits), when the
    /// merchant's gateway asks for it (`CheckoutView::holder_id_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_id: Option<String>,
    /// The shopper's consent to keep the card (`CheckoutView::save_card`):
    /// `true` when the box was ticked, or the required notice accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<bool>,
    /// Pay with this saved card (`CheckoutView::saved_cards`) instead of a
    /// typed one: `card.number` and `card.expiry` stay empty, `card.cvv`
    /// is asked afresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// The card surcharge the shopper was shown (`"0.45"`), when the
    /// merchant's terms add one to this card: the server charges it only
    /// when it is the one it works out too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surcharge: Option<String>,
}

/// The outcome of a payment attempt.
///
/// ```
/// use kassa_api::PayStatus;
/// assert_eq!(serde_json::to_string(&PayStatus::Succeeded).unwrap(), "\"succeeded\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PayStatus {
    /// Approved: the invoice is paid.
    Succeeded,
    /// The processor will answer later; the callback follows.
    Pending,
    /// Declined; the shopper may try again (`attempts_left` > 0).
    Declined,
    /// Failed for good.
    Failed,
    /// The card's issuer asks the shopper to pass a 3-D Secure challenge
    /// first: show `challenge.url` and ask the challenge how it ended.
    Challenge,
}

impl PayStatus {
    /// Every outcome.
    pub const ALL: [PayStatus; 5] = [
        PayStatus::Succeeded,
        PayStatus::Pending,
        PayStatus::Declined,
        PayStatus::Failed,
        PayStatus::Challenge,
    ];

    /// The outcome as sent (`"succeeded"`), as serde writes it.
    ///
    /// ```
    /// use kassa_api::PayStatus;
    /// for status in PayStatus::ALL {
    ///     assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
    ///     assert_eq!(PayStatus::parse(status.as_str()), Some(status));
    /// }
    /// assert_eq!(PayStatus::parse("approved"), None);
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            PayStatus::Succeeded => "succeeded",
            PayStatus::Pending => "pending",
            PayStatus::Declined => "declined",
            PayStatus::Failed => "failed",
            PayStatus::Challenge => "challenge",
        }
    }

    /// The outcome for its string.
    pub fn parse(text: &str) -> Option<PayStatus> {
        PayStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// `POST /api/v1/checkout/{id}/pay` answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayResponse {
    /// What happened.
    pub status: PayStatus,
    /// Where to send the browser; absent after a decline that may be retried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Why it was declined (stable code and message), after a decline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decline: Option<crate::ErrorDetail>,
    /// Attempts left before the invoice fails.
    pub attempts_left: u32,
    /// The issuer's challenge, with status `challenge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<crate::ChallengeInfo>,
}

/// For `skip_serializing_if`: a `false` flag is left out of the JSON.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(flag: &bool) -> bool {
    !*flag
}
