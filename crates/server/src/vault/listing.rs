//! What is shown of saved cards: to the merchant, and to the shopper on
//! the page. Brand, last four and expiry; never more.

use kassa_api::{PaymentMethodView, SavedCardOption};

use crate::clock::{date_of, rfc3339};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::PaymentMethodRecord;

/// A saved card as the merchant API shows it.
pub fn view(method: &PaymentMethodRecord) -> PaymentMethodView {
    PaymentMethodView {
        id: method.id.clone(),
        customer: method.customer.clone(),
        brand: method.brand.clone(),
        last4: method.last4.clone(),
        exp_month: method.exp_month,
        exp_year: method.exp_year,
        created_at: rfc3339(method.created_at),
        updated_at: rfc3339(method.updated_at),
    }
}

/// Whether the card's expiry month has passed on `now`.
pub fn expired(method: &PaymentMethodRecord, now: i64) -> bool {
    let expiry = kassa_card::Expiry::parse(&format!("{:02}/{}", method.exp_month, method.exp_year));
    match (expiry, date_of(now)) {
        (Ok(expiry), Some(today)) => expiry.is_expired_at(today),
        _ => true,
    }
}

/// The customer's saved cards the page offers, newest first.
///
/// # Errors
/// 500 when the database fails.
pub async fn offered_cards(
    state: &AppState,
    merchant_id: &str,
    customer: &str,
    now: i64,
) -> Result<Vec<SavedCardOption>, ApiError> {
    let methods = state
        .store
        .payment_methods_of(merchant_id, customer)
        .await?;
    Ok(methods
        .iter()
        .map(|method| SavedCardOption {
            id: method.id.clone(),
            brand: method.brand.clone(),
            last4: method.last4.clone(),
            exp_month: method.exp_month,
            exp_year: method.exp_year,
            expired: expired(method, now),
        })
        .collect())
}
