//! The redirect back to the merchant: their URL, plus `invoice_id`, `status`
//! and a `signature` they can check.

use kassa_api::InvoiceStatus;
use reqwest::Url;

use crate::error::ApiError;
use crate::signing::redirect_signature;
use crate::state::AppState;
use crate::store::MerchantRecord;

/// `url` with `invoice_id`, `status` and `signature` appended to its query.
///
/// # Errors
/// 500 when the stored URL or sealed secret is unreadable.
pub fn signed_redirect(
    state: &AppState,
    merchant: &MerchantRecord,
    url: &str,
    invoice_id: &str,
    status: InvoiceStatus,
) -> Result<String, ApiError> {
    let secret = state
        .sealing_key
        .open(&merchant.callback_secret_sealed)
        .map_err(ApiError::internal)?;
    signed_url(&secret, url, invoice_id, status)
}

/// `url` with the signed parameters, given the merchant's callback secret.
///
/// # Errors
/// 500 when the stored URL is unreadable.
pub fn signed_url(
    secret: &str,
    url: &str,
    invoice_id: &str,
    status: InvoiceStatus,
) -> Result<String, ApiError> {
    let mut url = Url::parse(url).map_err(ApiError::internal)?;
    let signature = redirect_signature(secret, invoice_id, status.as_str());
    url.query_pairs_mut()
        .append_pair("invoice_id", invoice_id)
        .append_pair("status", status.as_str())
        .append_pair("signature", &signature);
    Ok(url.to_string())
}
