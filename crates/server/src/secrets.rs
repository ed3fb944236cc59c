//! Merchant secrets at rest: API keys hashed, callback secrets sealed with
//! the server's key (they must be read back to sign), compared in constant
//! time.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A new API key: `sk_` and 48 hex digits (192 random bits).
pub fn new_api_key() -> String {
    format!("sk_{}", crate::ids::random_hex(24))
}

/// A new callback signing secret: `whsec_` and 64 hex digits.
pub fn new_callback_secret() -> String {
    format!("whsec_{}", crate::ids::random_hex(32))
}

/// SHA-256 of an API key, hex. Keys are 192 random bits, so a fast hash is
/// enough: there is nothing to brute-force.
///
/// ```
/// use kassa_server::secrets::{api_key_hash, hashes_match};
/// let hash = api_key_hash("sk_test");
/// assert!(hashes_match(&hash, &api_key_hash("sk_test")));
/// assert!(!hashes_match(&hash, &api_key_hash("sk_tesu")));
/// ```
pub fn api_key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Constant-time equality of two hashes or signatures.
pub fn hashes_match(left: &str, right: &str) -> bool {
    left.as_bytes().ct_eq(right.as_bytes()).into()
}

/// The server's key for sealing callback secrets.
#[derive(Clone)]
pub struct SealingKey(Key);

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(***)")
    }
}

/// Why a sealed secret could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The key is not 64 hex digits.
    #[error("the secret key must be 64 hex digits")]
    BadKey,
    /// The sealed value was not made with this key (or was altered).
    #[error("a sealed secret could not be opened with this key")]
    Open,
}

impl SealingKey {
    /// A key from 64 hex digits (`KASSA_SECRET_KEY`).
    ///
    /// # Errors
    /// [`SealError::BadKey`] for anything else.
    pub fn from_hex(text: &str) -> Result<SealingKey, SealError> {
        let bytes = hex::decode(text.trim()).map_err(|_| SealError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealError::BadKey)?;
        Ok(SealingKey(Key::from(bytes)))
    }

    /// A keyed fingerprint of a request body, for matching idempotent
    /// retries. Bodies can carry card data, and an unkeyed hash of a card
    /// whose BIN, last four and expiry are known can be brute-forced; an HMAC
    /// under a key derived from the server's secret cannot.
    ///
    /// ```
    /// use kassa_server::secrets::SealingKey;
    /// let key = SealingKey::from_hex(&"22".repeat(32)).unwrap();
    /// let other = SealingKey::from_hex(&"33".repeat(32)).unwrap();
    /// assert_eq!(key.fingerprint(b"body"), key.fingerprint(b"body"));
    /// assert_ne!(key.fingerprint(b"body"), other.fingerprint(b"body"));
    /// assert_ne!(key.fingerprint(b"body"), kassa_server::secrets::api_key_hash("body"));
    /// ```
    pub fn fingerprint(&self, data: &[u8]) -> String {
        use hmac::{Hmac, Mac};
        type HmacSha256 = Hmac<sha2::Sha256>;
        // A subkey, so the sealing key itself never keys anything else.
        let mut derive = <HmacSha256 as Mac>::new_from_slice(self.0.as_slice())
            .unwrap_or_else(|_| unreachable!("any key length"));
        derive.update(b"kassa idempotency fingerprint v1");
        let subkey = derive.finalize().into_bytes();
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&subkey)
            .unwrap_or_else(|_| unreachable!("any key length"));
        mac.update(data);
        hex::encode(mac.finalize().into_bytes())
    }

    /// A new random key, as hex.
    pub fn generate_hex() -> String {
        crate::ids::random_hex(32)
    }

    /// Seals `secret`: hex of a random 24-byte nonce and the ciphertext.
    ///
    /// ```
    /// use kassa_server::secrets::SealingKey;
    /// let key = SealingKey::from_hex(&SealingKey::generate_hex()).unwrap();
    /// let sealed = key.seal("whsec_abc");
    /// assert!(!sealed.contains("whsec_abc"));
    /// assert_eq!(key.open(&sealed).unwrap(), "whsec_abc");
    /// ```
    pub fn seal(&self, secret: &str) -> String {
        let cipher = XChaCha20Poly1305::new(&self.0);
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        // Encryption with a fresh nonce and an in-memory buffer cannot fail.
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), secret.as_bytes())
            .unwrap_or_default();
        format!("{}{}", hex::encode(nonce), hex::encode(sealed))
    }

    /// Opens a value made by [`SealingKey::seal`].
    ///
    /// # Errors
    /// [`SealError::Open`] when it was sealed with another key or altered.
    pub fn open(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = hex::decode(sealed).map_err(|_| SealError::Open)?;
        if bytes.len() < 24 {
            return Err(SealError::Open);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new(&self.0);
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map_err(|_| SealError::Open)?;
        String::from_utf8(plain).map_err(|_| SealError::Open)
    }
}
