//! Stripe's requests and answers exactly as they travel: form-encoded
//! parameters with bracketed keys (`payment_method_data[card][number]`),
//! JSON answers, amounts in the currency's smallest unit as Stripe counts
//! it. Fields Kassa does not read are left out of the answers (serde skips
//! them).
//!
//! The charge request carries the card number and CVC, so it (and its
//! card) has no `Debug`: it exists only to be serialized into the request
//! body.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The metadata key carrying Kassa's reference (`kassa-<invoice>-<attempt>`
/// on a PaymentIntent, `kassa-<refund_id>` on a refund).
pub(super) const REFERENCE_KEY: &str = "kassa_reference";

/// `POST /v1/payment_intents`: a PaymentIntent created and confirmed in
/// one call, the card given inline as `payment_method_data` or, for a card
/// kept on a Customer, named by its PaymentMethod.
#[derive(Serialize)]
pub(super) struct CreatePaymentIntent<'a> {
    /// In the currency's smallest unit, as Stripe counts it.
    pub(super) amount: i64,
    /// Lowercase ISO 4217 (`usd`).
    pub(super) currency: String,
    /// Confirm now: the card is charged in this call.
    pub(super) confirm: bool,
    /// `automatic`: captured at once; `manual`: only authorized, then
    /// captured or canceled by their own calls.
    pub(super) capture_method: &'static str,
    /// `card` only: without it the PaymentIntent takes the Dashboard's
    /// payment methods, and confirming would need a `return_url`.
    #[serde(rename = "payment_method_types[0]")]
    pub(super) payment_method_type: &'static str,
    /// `true` when no shopper can answer a 3-D Secure challenge (no
    /// `return_url`): a card that asks for one is declined at once
    /// (`authentication_required`) instead of left waiting. Not sent with
    /// `return_url`: then Stripe answers `requires_action`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) error_on_requires_action: Option<bool>,
    /// Where Stripe's hosted 3-D Secure page sends the shopper back
    /// (`next_action.redirect_to_url.return_url`); only with `confirm=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) return_url: Option<&'a str>,
    /// `any`: the merchant requires 3-D Secure whenever the card supports
    /// it (Stripe's enum: `any`, `automatic`, and since 2024 `challenge`).
    #[serde(
        rename = "payment_method_options[card][request_three_d_secure]",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) request_three_d_secure: Option<&'static str>,
    /// Shown in Stripe's Dashboard.
    pub(super) description: String,
    /// Kassa's charge reference, to look the charge up by.
    #[serde(rename = "metadata[kassa_reference]")]
    pub(super) reference: &'a str,
    /// The invoice paid.
    #[serde(rename = "metadata[kassa_invoice_id]")]
    pub(super) invoice_id: &'a str,
    /// The card, when it is sent (not for a saved PaymentMethod).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(super) card: Option<CardData<'a>>,
    /// A saved PaymentMethod (`pm_…`), attached to `customer`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) payment_method: Option<&'a str>,
    /// The Customer (`cus_…`) the card is kept on, or is to be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) customer: Option<&'a str>,
    /// `off_session`: attach the new PaymentMethod to `customer` for
    /// charges made without the shopper.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) setup_future_usage: Option<&'static str>,
    /// `true`: the shopper is absent (a merchant-initiated charge).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) off_session: Option<bool>,
    /// The network chosen on a co-badged card, when it is not the card's
    /// own brand.
    #[serde(
        rename = "payment_method_options[card][network]",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) network: Option<&'static str>,
    /// `latest_charge`: answer with the charge, for its authorization code
    /// and checks.
    #[serde(rename = "expand[0]")]
    pub(super) expand: &'static str,
}

/// `payment_method_data[…]`: the card itself.
#[derive(Serialize)]
pub(super) struct CardData<'a> {
    /// `card`.
    #[serde(rename = "payment_method_data[type]")]
    pub(super) method_type: &'static str,
    /// The card number, digits only.
    #[serde(rename = "payment_method_data[card][number]")]
    pub(super) number: &'a str,
    /// 1 to 12.
    #[serde(rename = "payment_method_data[card][exp_month]")]
    pub(super) exp_month: u8,
    /// Four digits.
    #[serde(rename = "payment_method_data[card][exp_year]")]
    pub(super) exp_year: u16,
    /// The security code, when the shopper gave one.
    #[serde(
        rename = "payment_method_data[card][cvc]",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) cvc: Option<&'a str>,
    /// The name on the card.
    #[serde(rename = "payment_method_data[billing_details][name]")]
    pub(super) name: &'a str,
    /// The billing address, when the checkout asked for one.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(super) address: Option<BillingAddress<'a>>,
}

/// `POST /v1/customers`: the Customer a saved card is attached to.
#[derive(Debug, Serialize)]
pub(super) struct CreateCustomer<'a> {
    /// The name on the card.
    pub(super) name: &'a str,
    /// Shown in Stripe's Dashboard.
    pub(super) description: String,
    /// The charge that saved the card.
    #[serde(rename = "metadata[kassa_reference]")]
    pub(super) reference: &'a str,
}

/// A Customer, as far as Kassa reads it.
#[derive(Debug, Deserialize)]
pub(super) struct Customer {
    /// `cus_…`.
    pub(super) id: String,
}

/// `payment_method_data[billing_details][address][…]`.
#[derive(Debug, Serialize)]
pub(super) struct BillingAddress<'a> {
    #[serde(rename = "payment_method_data[billing_details][address][line1]")]
    pub(super) line1: &'a str,
    #[serde(
        rename = "payment_method_data[billing_details][address][line2]",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) line2: Option<&'a str>,
    #[serde(rename = "payment_method_data[billing_details][address][city]")]
    pub(super) city: &'a str,
    #[serde(
        rename = "payment_method_data[billing_details][address][state]",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) state: Option<&'a str>,
    #[serde(rename = "payment_method_data[billing_details][address][postal_code]")]
    pub(super) postal_code: &'a str,
    /// ISO 3166-1 alpha-2.
    #[serde(rename = "payment_method_data[billing_details][address][country]")]
    pub(super) country: &'a str,
}

/// `GET /v1/payment_intents`: a page of PaymentIntents created in a time
/// window, newest first, each with its charge.
#[derive(Debug, Serialize)]
pub(super) struct ListPaymentIntents<'a> {
    /// Unix seconds.
    #[serde(rename = "created[gte]")]
    pub(super) created_gte: i64,
    /// Unix seconds.
    #[serde(rename = "created[lte]")]
    pub(super) created_lte: i64,
    /// 1 to 100.
    pub(super) limit: u8,
    /// The last id of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) starting_after: Option<&'a str>,
    /// `data.latest_charge`.
    #[serde(rename = "expand[0]")]
    pub(super) expand: &'static str,
}

/// `GET /v1/payment_intents/search`.
#[derive(Debug, Serialize)]
pub(super) struct SearchPaymentIntents {
    /// In Stripe's search query language.
    pub(super) query: String,
    /// 1 to 100.
    pub(super) limit: u8,
}

/// `POST /v1/refunds`.
#[derive(Debug, Serialize)]
pub(super) struct CreateRefund<'a> {
    /// The PaymentIntent refunded (`pi_…`).
    pub(super) payment_intent: &'a str,
    /// In the currency's smallest unit, as Stripe counts it.
    pub(super) amount: i64,
    /// Kassa's refund reference, to find the refund by.
    #[serde(rename = "metadata[kassa_reference]")]
    pub(super) reference: &'a str,
}

/// `POST /v1/payment_intents/{id}/capture`.
#[derive(Debug, Serialize)]
pub(super) struct CapturePaymentIntent {
    /// In the currency's smallest unit, as Stripe counts it; Stripe
    /// refuses more than the PaymentIntent's `amount_capturable` and
    /// releases what is left.
    pub(super) amount_to_capture: i64,
}

/// `POST /v1/payment_intents/{id}/cancel`, with no parameters: Stripe's
/// `cancellation_reason` is optional, and Kassa is not told why a
/// merchant releases an authorization, so it claims none.
#[derive(Debug, Serialize)]
pub(super) struct CancelPaymentIntent {}

/// `POST /v1/payment_intents/{id}/cancel` of a PaymentIntent whose
/// shopper gave up its 3-D Secure challenge.
#[derive(Debug, Serialize)]
pub(super) struct AbandonPaymentIntent {
    /// `abandoned`.
    pub(super) cancellation_reason: &'static str,
}

/// `GET /v1/payment_intents/{id}` with its charge.
#[derive(Debug, Serialize)]
pub(super) struct RetrievePaymentIntent {
    /// `latest_charge`.
    #[serde(rename = "expand[0]")]
    pub(super) expand: &'static str,
}

/// `GET /v1/refunds`: a PaymentIntent's refunds, newest first.
#[derive(Debug, Serialize)]
pub(super) struct ListRefunds<'a> {
    pub(super) payment_intent: &'a str,
    pub(super) limit: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) starting_after: Option<&'a str>,
}

/// A PaymentIntent, as far as Kassa reads it.
#[derive(Debug, Deserialize)]
pub(super) struct PaymentIntent {
    /// `pi_…`.
    pub(super) id: String,
    /// `succeeded`, `requires_capture`, `processing`,
    /// `requires_payment_method`, `canceled`, …
    pub(super) status: String,
    /// What was taken, in Stripe's unit: after a capture, what it took.
    #[serde(default)]
    pub(super) amount_received: i64,
    /// `manual` for an authorization; `automatic` or `automatic_async` when
    /// the approval took the money.
    #[serde(default)]
    pub(super) capture_method: String,
    #[serde(default)]
    pub(super) metadata: HashMap<String, String>,
    /// The charge: an id, or the object when expanded.
    #[serde(default)]
    pub(super) latest_charge: Option<Expandable<Charge>>,
    /// Why the last confirmation failed.
    #[serde(default)]
    pub(super) last_payment_error: Option<ApiError>,
    /// What the shopper must do: with `requires_action`, a
    /// `redirect_to_url` to Stripe's hosted 3-D Secure page.
    #[serde(default)]
    pub(super) next_action: Option<NextAction>,
    /// The Customer (`cus_…`); Kassa never expands it.
    #[serde(default)]
    pub(super) customer: Option<String>,
    /// The PaymentMethod (`pm_…`); Kassa never expands it.
    #[serde(default)]
    pub(super) payment_method: Option<String>,
    /// `off_session` or `on_session` when the charge kept its card.
    #[serde(default)]
    pub(super) setup_future_usage: Option<String>,
}

/// `next_action` (Stripe's `payment_intent_next_action`), as far as Kassa
/// reads it.
#[derive(Debug, Deserialize)]
pub(super) struct NextAction {
    /// `redirect_to_url`, `use_stripe_sdk`, …
    #[serde(rename = "type", default)]
    pub(super) kind: String,
    /// With `type: redirect_to_url`.
    #[serde(default)]
    pub(super) redirect_to_url: Option<RedirectToUrl>,
}

/// `next_action.redirect_to_url` (`payment_intent_next_action_redirect_to_url`).
#[derive(Debug, Deserialize)]
pub(super) struct RedirectToUrl {
    /// The page to send the shopper to.
    #[serde(default)]
    pub(super) url: Option<String>,
}

/// An id, or the object when `expand[]` asked for it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Expandable<T> {
    /// The object.
    Object(Box<T>),
    /// Its id (not read).
    Id(serde::de::IgnoredAny),
}

/// A charge, as far as Kassa reads it.
#[derive(Debug, Deserialize)]
pub(super) struct Charge {
    #[serde(default)]
    pub(super) payment_method_details: Option<PaymentMethodDetails>,
}

/// `payment_method_details`.
#[derive(Debug, Deserialize)]
pub(super) struct PaymentMethodDetails {
    #[serde(default)]
    pub(super) card: Option<CardDetails>,
}

/// `payment_method_details.card`.
#[derive(Debug, Deserialize)]
pub(super) struct CardDetails {
    /// The issuer's authorization code (API 2024-09-30 and later).
    #[serde(default)]
    pub(super) authorization_code: Option<String>,
    #[serde(default)]
    pub(super) checks: Option<Checks>,
    /// Set when the charge went through 3-D Secure.
    #[serde(default)]
    pub(super) three_d_secure: Option<ThreeDSecureDetails>,
}

/// `payment_method_details.card.three_d_secure` (Stripe's
/// `three_d_secure_details_charge`): every field may be `null`.
#[derive(Debug, Deserialize)]
pub(super) struct ThreeDSecureDetails {
    /// `challenge` or `frictionless`.
    #[serde(default)]
    pub(super) authentication_flow: Option<String>,
    /// `authenticated`, `attempt_acknowledged`, `exempted`, `failed`,
    /// `not_supported`, `processing_error`.
    #[serde(default)]
    pub(super) result: Option<String>,
    /// `01`, `02`, `05`, `06`, `07` (added to the object after the
    /// 2023-08-16 description; stripe-go's
    /// `ChargePaymentMethodDetailsCardThreeDSecure` lists it).
    #[serde(default)]
    pub(super) electronic_commerce_indicator: Option<String>,
}

/// `payment_method_details.card.checks`: `pass`, `fail`, `unavailable`,
/// `unchecked`, or `null` when nothing was sent to check.
#[derive(Debug, Deserialize)]
pub(super) struct Checks {
    #[serde(default)]
    pub(super) address_line1_check: Option<String>,
    #[serde(default)]
    pub(super) address_postal_code_check: Option<String>,
    #[serde(default)]
    pub(super) cvc_check: Option<String>,
}

/// An error answer: `{"error": {…}}`.
#[derive(Debug, Deserialize)]
pub(super) struct ErrorBody {
    pub(super) error: ApiError,
}

/// Stripe's error object (also a PaymentIntent's `last_payment_error`).
#[derive(Debug, Deserialize)]
pub(super) struct ApiError {
    /// `card_error`, `invalid_request_error`, `idempotency_error`,
    /// `api_error`.
    #[serde(rename = "type", default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) code: Option<String>,
    #[serde(default)]
    pub(super) decline_code: Option<String>,
    #[serde(default)]
    pub(super) param: Option<String>,
    /// On a card error: the PaymentIntent, left `requires_payment_method`.
    #[serde(default)]
    pub(super) payment_intent: Option<Box<PaymentIntent>>,
}

/// A page of a list or of a search.
#[derive(Debug, Deserialize)]
pub(super) struct List<T> {
    pub(super) data: Vec<T>,
    pub(super) has_more: bool,
}

/// A refund, as far as Kassa reads it.
#[derive(Debug, Deserialize)]
pub(super) struct Refund {
    /// `re_…`.
    pub(super) id: String,
    /// `pending`, `requires_action`, `succeeded`, `failed`, `canceled`.
    #[serde(default)]
    pub(super) status: Option<String>,
    #[serde(default)]
    pub(super) metadata: HashMap<String, String>,
}
