//! The redirect back to the merchant: their URL, plus `invoice_id`, `status`
//! and a `signature` they can check (two while a rolled callback secret's
//! grace period runs: one with each secret).

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
    let secrets = crate::signing::signing_secrets(state, merchant, crate::clock::now_ms())?;
    signed_url(&secrets, url, invoice_id, status)
}

/// `url` with the signed parameters: a `signature` for each of `secrets`
/// (the current callback secret first).
///
/// ```
/// use kassa_api::InvoiceStatus;
/// use kassa_server::redirect::signed_url;
/// let one = signed_url(&["whsec_new".into()], "https://shop.example/ok?order=7", "inv_1", InvoiceStatus::Paid).unwrap();
/// assert!(one.starts_with("https://shop.example/ok?order=7&invoice_id=inv_1&status=paid&signature="));
/// let new_only = signed_url(&["whsec_new".into()], "https://shop.example/ok", "inv_1", InvoiceStatus::Paid).unwrap();
/// let two = signed_url(&["whsec_new".into(), "whsec_old".into()], "https://shop.example/ok", "inv_1", InvoiceStatus::Paid).unwrap();
/// assert_eq!(two.matches("signature=").count(), 2);
/// assert!(two.starts_with(&new_only), "the current secret's first");
/// ```
///
/// # Errors
/// 500 when the stored URL is unreadable.
pub fn signed_url(
    secrets: &[String],
    url: &str,
    invoice_id: &str,
    status: InvoiceStatus,
) -> Result<String, ApiError> {
    let mut url = Url::parse(url).map_err(ApiError::internal)?;
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("invoice_id", invoice_id)
            .append_pair("status", status.as_str());
        for secret in secrets {
            query.append_pair(
                "signature",
                &redirect_signature(secret, invoice_id, status.as_str()),
            );
        }
    }
    Ok(url.to_string())
}
