//! The optional second factor: time-based one-time passwords (RFC 6238,
//! HMAC-SHA1, 30-second steps, six digits), which every authenticator app
//! reads from an `otpauth://` address.
//!
//! Written here on RustCrypto's `hmac` and `sha1` (the whole algorithm is
//! the dozen lines of [`code_at`]), rather than adding a crate that brings
//! its own QR and clock dependencies.

use axum::http::StatusCode;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::UserRecord;

/// Seconds per code.
const STEP_SECONDS: i64 = 30;

/// The six-digit code for `secret` at Unix time `unix_seconds`.
///
/// ```
/// use kassa_server::dashboard::totp::code_at;
/// // RFC 6238, appendix B (SHA-1), the last six of its eight digits.
/// assert_eq!(code_at(b"12345678901234567890", 59), "287082");
/// assert_eq!(code_at(b"12345678901234567890", 1_111_111_109), "081804");
/// ```
pub fn code_at(secret: &[u8], unix_seconds: i64) -> String {
    let counter = unix_seconds.div_euclid(STEP_SECONDS).to_be_bytes();
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&counter);
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", word % 1_000_000)
}

/// Whether `code` is right now, or one step before or after (a phone's
/// clock a little off).
pub fn code_matches(secret: &[u8], code: &str, unix_seconds: i64) -> bool {
    let code = code.trim().replace(' ', "");
    (-1..=1).any(|step| {
        let expected = code_at(secret, unix_seconds + step * STEP_SECONDS);
        crate::secrets::hashes_match(&expected, &code)
    })
}

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
///
/// ```
/// assert_eq!(kassa_server::dashboard::totp::base32(b"foobar"), "MZXW6YTBOI");
/// ```
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0_u32, 0_u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// A new secret (160 random bits, as RFC 4226 recommends), sealed for the
/// database, and the `otpauth://` address to give the user's app.
pub fn new_secret(state: &AppState, email: &str) -> (String, String) {
    let mut secret = [0_u8; 20];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
    let encoded = base32(&secret);
    let label: String =
        url::form_urlencoded::byte_serialize(format!("Kassa:{email}").as_bytes()).collect();
    let address = format!("otpauth://totp/{label}?secret={encoded}&issuer=Kassa");
    (state.sealing_key.seal(&hex::encode(secret)), address)
}

/// Checks the second factor at sign-in, when the user has one.
///
/// # Errors
/// 401 `auth.totp_required` (no code) or `auth.invalid_code`.
pub fn check_sign_in(
    state: &AppState,
    user: &UserRecord,
    code: Option<&str>,
    now_ms: i64,
) -> Result<(), ApiError> {
    let Some(sealed) = &user.totp_secret_sealed else {
        return Ok(());
    };
    let Some(code) = code.filter(|code| !code.trim().is_empty()) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.totp_required",
            "Enter the six-digit code from your authenticator app.",
            Some("code"),
        ));
    };
    let secret = state
        .sealing_key
        .open(sealed)
        .ok()
        .and_then(|text| hex::decode(text).ok())
        .ok_or_else(|| ApiError::internal("authenticator secret cannot be opened"))?;
    if code_matches(&secret, code, now_ms.div_euclid(1000)) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.invalid_code",
            "This code is not right. Codes change every 30 seconds.",
            Some("code"),
        ))
    }
}
