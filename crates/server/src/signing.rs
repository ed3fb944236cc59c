//! Signatures merchants verify: on callbacks (`Kassa-Signature`) and on the
//! parameters of the redirect back to their site.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::MerchantRecord;

type HmacSha256 = Hmac<Sha256>;

/// The secrets that sign for `merchant` at `now`: its callback secret, then
/// the one it rolled from while that one's grace period runs, so a merchant
/// still checking with the old secret is not locked out mid-roll.
///
/// # Errors
/// 500 when the current secret cannot be opened (a previous one that cannot
/// be opened is left out: the current one still signs).
pub fn signing_secrets(
    state: &AppState,
    merchant: &MerchantRecord,
    now: i64,
) -> Result<Vec<String>, ApiError> {
    let current = state
        .sealing_key
        .open(&merchant.callback_secret_sealed)
        .map_err(ApiError::internal)?;
    let previous = merchant
        .previous_callback_secret
        .as_ref()
        .filter(|(_, until)| *until > now)
        .and_then(|(sealed, _)| state.sealing_key.open(sealed).ok());
    Ok(std::iter::once(current).chain(previous).collect())
}

fn hmac_hex(secret: &str, message: &[u8]) -> String {
    // HMAC accepts keys of any length.
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// The `Kassa-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<raw body>">`.
///
/// ```
/// use kassa_server::signing::{callback_signature, verify_callback_signature};
/// let header = callback_signature("whsec_x", 1_700_000_000, br#"{"id":"evt_1"}"#);
/// assert!(header.starts_with("t=1700000000,v1="));
/// assert!(verify_callback_signature("whsec_x", &header, br#"{"id":"evt_1"}"#, 1_700_000_100, 300));
/// assert!(!verify_callback_signature("whsec_x", &header, br#"{"id":"evt_2"}"#, 1_700_000_100, 300));
/// assert!(!verify_callback_signature("whsec_x", &header, br#"{"id":"evt_1"}"#, 1_700_000_400, 300), "too old");
/// ```
pub fn callback_signature(secret: &str, unix_seconds: i64, body: &[u8]) -> String {
    let mut message = format!("{unix_seconds}.").into_bytes();
    message.extend_from_slice(body);
    format!("t={unix_seconds},v1={}", hmac_hex(secret, &message))
}

/// A `Kassa-Signature` header with one `v1` per secret: while a rolled
/// secret's grace period lasts, merchants verifying with either succeed.
///
/// ```
/// use kassa_server::signing::{callback_signatures, verify_callback_signature};
/// let header = callback_signatures(&["whsec_new", "whsec_old"], 1_700_000_000, b"{}");
/// assert_eq!(header.matches("v1=").count(), 2);
/// assert!(verify_callback_signature("whsec_old", &header, b"{}", 1_700_000_000, 300));
/// assert!(verify_callback_signature("whsec_new", &header, b"{}", 1_700_000_000, 300));
/// ```
pub fn callback_signatures(secrets: &[&str], unix_seconds: i64, body: &[u8]) -> String {
    let mut header = format!("t={unix_seconds}");
    let mut message = format!("{unix_seconds}.").into_bytes();
    message.extend_from_slice(body);
    for secret in secrets {
        header.push_str(",v1=");
        header.push_str(&hmac_hex(secret, &message));
    }
    header
}

/// Verifies a `Kassa-Signature` header over the raw body, in constant time,
/// allowing `tolerance_seconds` of clock difference (what a merchant runs;
/// here for tests and the docs).
pub fn verify_callback_signature(
    secret: &str,
    header: &str,
    body: &[u8],
    now_seconds: i64,
    tolerance_seconds: i64,
) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else {
        return false;
    };
    if (now_seconds - timestamp).abs() > tolerance_seconds {
        return false;
    }
    let expected = callback_signature(secret, timestamp, body);
    let expected = expected.rsplit("v1=").next().unwrap_or_default();
    signatures
        .iter()
        .any(|signature| crate::secrets::hashes_match(signature, expected))
}

/// The signature appended to redirect URLs: hex HMAC-SHA256 of
/// `invoice_id=<id>&status=<status>` with the callback secret.
///
/// ```
/// use kassa_server::signing::redirect_signature;
/// let a = redirect_signature("whsec_x", "inv_1", "paid");
/// assert_eq!(a.len(), 64);
/// assert_ne!(a, redirect_signature("whsec_x", "inv_1", "failed"));
/// ```
pub fn redirect_signature(secret: &str, invoice_id: &str, status: &str) -> String {
    hmac_hex(
        secret,
        format!("invoice_id={invoice_id}&status={status}").as_bytes(),
    )
}
