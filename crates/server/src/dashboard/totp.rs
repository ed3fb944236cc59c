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

/// The step whose code `code` is: now, or one step before or after (a
/// phone's clock a little off).
///
/// ```
/// use kassa_server::dashboard::totp::{code_at, matching_step};
/// let secret = b"12345678901234567890";
/// assert_eq!(matching_step(secret, &code_at(secret, 59), 89), Some(1), "a step late is fine");
/// assert_eq!(matching_step(secret, &code_at(secret, 59), 150), None);
/// ```
pub fn matching_step(secret: &[u8], code: &str, unix_seconds: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    (-1..=1)
        .map(|offset| unix_seconds.div_euclid(STEP_SECONDS) + offset)
        .find(|step| crate::secrets::hashes_match(&code_at(secret, step * STEP_SECONDS), &code))
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

/// A new authenticator secret, in the forms it is kept and handed over.
#[derive(Clone)]
pub struct NewSecret {
    /// Sealed for the database.
    pub sealed: String,
    /// Base32, for typing into the app by hand.
    pub base32: String,
    /// The `otpauth://` address the user's app takes.
    pub address: String,
}

/// Masked: the secret must not reach a log.
impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSecret").finish_non_exhaustive()
    }
}

/// A new secret (160 random bits, as RFC 4226 recommends) for `email`.
pub fn new_secret(state: &AppState, email: &str) -> NewSecret {
    let mut secret = [0_u8; 20];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
    let encoded = base32(&secret);
    let label: String =
        url::form_urlencoded::byte_serialize(format!("Kassa:{email}").as_bytes()).collect();
    NewSecret {
        sealed: state.sealing_key.seal(&hex::encode(secret)),
        address: format!("otpauth://totp/{label}?secret={encoded}&issuer=Kassa"),
        base32: encoded,
    }
}

/// The raw secret of a sealed one; `None` when it cannot be opened (sealed
/// under a key since retired, or not a secret this wrote).
pub fn open_secret(state: &AppState, sealed: &str) -> Option<Vec<u8>> {
    state
        .sealing_key
        .open(sealed)
        .ok()
        .and_then(|text| hex::decode(text).ok())
}

/// What the second factor says at sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactor {
    /// The user has none, or the code was right (and is now used up).
    Passed,
    /// The user has one and sent no code.
    Missing,
    /// A wrong code, or one already used.
    Wrong,
}

/// Checks the second factor of a user whose password was right. A code
/// signs in once: its step is recorded, and that step or an earlier one is
/// refused after (RFC 6238, 5.2).
///
/// # Errors
/// 500 when the secret cannot be opened or the store fails.
pub async fn check_sign_in(
    state: &AppState,
    user: &UserRecord,
    code: Option<&str>,
    now_ms: i64,
) -> Result<SecondFactor, ApiError> {
    let Some(sealed) = &user.totp_secret_sealed else {
        return Ok(SecondFactor::Passed);
    };
    let Some(code) = code.filter(|code| !code.trim().is_empty()) else {
        return Ok(SecondFactor::Missing);
    };
    let secret = open_secret(state, sealed)
        .ok_or_else(|| ApiError::internal("authenticator secret cannot be opened"))?;
    match matching_step(&secret, code, now_ms.div_euclid(1000)) {
        Some(step) if state.store.use_totp_step(&user.id, step).await? => Ok(SecondFactor::Passed),
        _ => Ok(SecondFactor::Wrong),
    }
}

/// The answer asking for the authenticator's code.
pub fn code_required() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "auth.totp_required",
        "Enter the six-digit code from your authenticator app.",
        Some("code"),
    )
}

/// The answer to a wrong or reused code.
pub fn wrong_code() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "auth.invalid_code",
        "This code is not right, or was used already. Codes change every 30 seconds.",
        Some("code"),
    )
}
