//! iCount API v3's requests and answers, exactly as they travel: JSON
//! bodies POSTed to `<base_url>/{module}/{method}`, answered with HTTP 200
//! and `status` true or false.
//!
//! The request types hold card data (`Bill`), so none of them implements
//! `Debug`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

/// `auth/login`: open a session.
pub(super) const LOGIN: &str = "auth/login";
/// `cc/bill`: charge a card.
pub(super) const BILL: &str = "cc/bill";
/// `cc_storage/store`: keep a card for a client.
pub(super) const STORE: &str = "cc_storage/store";
/// `cc/transactions`: search the card transactions.
pub(super) const TRANSACTIONS: &str = "cc/transactions";

/// The `reason` of a call made with a session iCount no longer knows.
pub(super) const BAD_SESSION: &str = "bad_sid";

/// `auth/login`'s body.
#[derive(Serialize)]
pub(super) struct Login<'a> {
    pub(super) cid: &'a str,
    pub(super) user: &'a str,
    pub(super) pass: &'a str,
}

/// A call's body with the session id every call but `auth/login` sends.
#[derive(Serialize)]
pub(super) struct WithSession<'a, B> {
    pub(super) sid: &'a str,
    #[serde(flatten)]
    pub(super) body: &'a B,
}

/// `cc/bill`'s body: a card charged in one or more payments.
#[derive(Serialize)]
pub(super) struct Bill<'a> {
    /// The total in major units, a JSON number (`15.04`, `1500` for JPY).
    pub(super) sum: &'a RawValue,
    /// ISO 4217.
    pub(super) currency_code: &'a str,
    /// Digits, as a string (a number would be read as one, and the CVV's and
    /// month's leading zeros would be lost). Absent for a stored card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cc_number: Option<&'a str>,
    /// A stored card's token, instead of `cc_number`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cc_token_id: Option<u64>,
    /// The client a stored card is kept for (with `cc_token_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) client_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cc_cvv: Option<&'a str>,
    /// MMYY; absent for a stored card, which has its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cc_validity: Option<&'a str>,
    /// Nine digits.
    pub(super) cc_holder_id: &'a str,
    pub(super) cc_holder_name: &'a str,
    /// The client the charge is recorded under in iCount.
    pub(super) client_name: &'a str,
    pub(super) num_of_payments: u8,
    /// Only with more than one equal payment (never with `is_credit`): the
    /// first one, carrying what does not divide evenly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) first_payment: Option<&'a RawValue>,
    /// `false`: the merchant's own installments; `true`: issuer-financed
    /// "credit" payments (more than one payment only).
    pub(super) is_credit: bool,
    /// Only when the merchant's `is_test` setting is on.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) is_test: bool,
    /// Kassa's charge reference: what `cc/transactions` searches by.
    pub(super) custom_client_id: &'a str,
    /// Kassa's charge reference again, shown in iCount's screens.
    pub(super) payment_description: &'a str,
}

/// `cc_storage/store`'s body: a card kept for a new client (no CVV: it is
/// never kept).
#[derive(Serialize)]
pub(super) struct Store<'a> {
    /// The new client's name.
    pub(super) client_name: &'a str,
    pub(super) cc_number: &'a str,
    /// MMYY.
    pub(super) cc_validity: &'a str,
    pub(super) cc_holder_id: &'a str,
    pub(super) cc_holder_name: &'a str,
}

/// `cc/transactions`'s body: the transactions of one charge reference.
#[derive(Serialize)]
pub(super) struct Transactions<'a> {
    pub(super) custom_client_id: &'a str,
}

/// What every answer carries: `status`, and on `false` a `reason`.
/// (`error_description` is free text and never read: it may quote the
/// request.)
#[derive(Deserialize)]
pub(super) struct Answer {
    pub(super) status: bool,
    #[serde(default)]
    pub(super) reason: Option<String>,
    /// `auth/login`'s session id.
    #[serde(default)]
    pub(super) sid: Option<String>,
    /// `cc/bill`'s authorization number.
    #[serde(default, deserialize_with = "text_or_number")]
    pub(super) confirmation_code: Option<String>,
    /// `cc_storage/store`: the stored card's token.
    #[serde(default, deserialize_with = "text_or_number")]
    pub(super) cc_token_id: Option<String>,
    /// `cc_storage/store`: the client it is kept for.
    #[serde(default, deserialize_with = "text_or_number")]
    pub(super) client_id: Option<String>,
    /// `cc/transactions`: how many transactions matched.
    #[serde(default)]
    pub(super) results_count: Option<u64>,
    /// `cc/transactions`: the transactions that matched.
    #[serde(default)]
    pub(super) results: Option<Vec<Transaction>>,
}

impl Answer {
    /// The `reason`, empty when none was given.
    pub(super) fn reason(&self) -> &str {
        self.reason.as_deref().unwrap_or_default()
    }
}

/// One transaction found by `cc/transactions`.
#[derive(Deserialize)]
pub(super) struct Transaction {
    #[serde(default, deserialize_with = "text_or_number")]
    pub(super) confirmation_code: Option<String>,
    /// The reference the charge was sent with, when the answer says.
    #[serde(default, deserialize_with = "text_or_number")]
    pub(super) custom_client_id: Option<String>,
}

/// A field iCount may send as a string or as a number.
fn text_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::String(text)) => Some(text),
            Some(serde_json::Value::Number(number)) => Some(number.to_string()),
            _ => None,
        },
    )
}
