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

/// The server's master key, for sealing callback secrets, gateway settings
/// and the vault's data keys: a ring of one or two keys, the first of which
/// seals; any of them opens. `kassa-server keys rotate` puts a new key
/// first and re-seals everything under it; an instance that started before
/// then finds a value it cannot open, reads its key file again and opens it
/// with the new key, so a rotation needs no restart.
#[derive(Clone)]
pub struct SealingKey(std::sync::Arc<KeyRing>);

struct KeyRing {
    keys: std::sync::RwLock<Vec<Key>>,
    /// Read again when a value opens with none of the keys, and every
    /// [`RELOAD_EVERY`] before sealing.
    file: Option<std::path::PathBuf>,
    /// When the file was last read.
    read_at: std::sync::Mutex<std::time::Instant>,
}

/// How often a ring from a file reads it again before sealing, so that
/// after `keys rotate` every instance seals with the new key within this
/// time (the rotation waits longer than this before re-sealing).
pub const RELOAD_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

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

/// Parses a key ring: keys of 64 hex digits, one per line (or separated
/// by commas); the first seals.
fn parse_ring(text: &str) -> Result<Vec<Key>, SealError> {
    let keys = text
        .split(['\n', ','])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let bytes = hex::decode(line).map_err(|_| SealError::BadKey)?;
            let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealError::BadKey)?;
            Ok(Key::from(bytes))
        })
        .collect::<Result<Vec<Key>, SealError>>()?;
    if keys.is_empty() {
        return Err(SealError::BadKey);
    }
    Ok(keys)
}

impl SealingKey {
    /// A key from 64 hex digits (`KASSA_SECRET_KEY`), or a ring of them,
    /// one per line or separated by commas, the sealing one first.
    ///
    /// ```
    /// use kassa_server::secrets::SealingKey;
    /// let old = SealingKey::from_hex(&"11".repeat(32)).unwrap();
    /// let sealed = old.seal("whsec_abc");
    /// let ring = SealingKey::from_hex(&format!("{}\n{}", "22".repeat(32), "11".repeat(32))).unwrap();
    /// assert_eq!(ring.open(&sealed).unwrap(), "whsec_abc", "the old key still opens");
    /// assert!(old.open(&ring.seal("x")).is_err(), "the new key seals");
    /// assert!(SealingKey::from_hex("").is_err());
    /// ```
    ///
    /// # Errors
    /// [`SealError::BadKey`] for anything else.
    pub fn from_hex(text: &str) -> Result<SealingKey, SealError> {
        Ok(SealingKey(std::sync::Arc::new(KeyRing {
            keys: std::sync::RwLock::new(parse_ring(text)?),
            file: None,
            read_at: std::sync::Mutex::new(std::time::Instant::now()),
        })))
    }

    /// The ring in `path`, read again whenever a value opens with none of
    /// its keys (after a rotation by another process).
    ///
    /// # Errors
    /// [`SealError::BadKey`] when the file does not hold a ring.
    pub fn from_file_text(text: &str, path: &std::path::Path) -> Result<SealingKey, SealError> {
        Ok(SealingKey(std::sync::Arc::new(KeyRing {
            keys: std::sync::RwLock::new(parse_ring(text)?),
            file: Some(path.to_owned()),
            read_at: std::sync::Mutex::new(std::time::Instant::now()),
        })))
    }

    /// The ring as its file holds it: hex keys, one per line, sealing first.
    pub fn to_ring_text(&self) -> String {
        self.keys()
            .iter()
            .map(|key| format!("{}\n", hex::encode(key.as_slice())))
            .collect()
    }

    /// A ring with a new sealing key first and this ring's sealing key
    /// after it. Older keys are dropped: the rotation that made the current
    /// key re-sealed everything under it.
    pub fn rotated(&self) -> SealingKey {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let current = self.sealing();
        SealingKey(std::sync::Arc::new(KeyRing {
            keys: std::sync::RwLock::new(vec![Key::from(bytes), current]),
            file: self.0.file.clone(),
            read_at: std::sync::Mutex::new(std::time::Instant::now()),
        }))
    }

    fn keys(&self) -> Vec<Key> {
        self.0
            .keys
            .read()
            .map(|keys| keys.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    fn sealing(&self) -> Key {
        self.keys()[0]
    }

    /// Reads the key file again when it was last read [`RELOAD_EVERY`] ago.
    fn reload_if_due(&self) {
        if self.0.file.is_none() {
            return;
        }
        let due = {
            let mut read_at = self
                .0
                .read_at
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let due = read_at.elapsed() >= RELOAD_EVERY;
            if due {
                *read_at = std::time::Instant::now();
            }
            due
        };
        if due {
            self.reload();
        }
    }

    /// Reads the key file again; `true` when it now holds other keys.
    fn reload(&self) -> bool {
        let Some(path) = &self.0.file else {
            return false;
        };
        let Ok(keys) = std::fs::read_to_string(path)
            .map_err(|_| SealError::BadKey)
            .and_then(|text| parse_ring(&text))
        else {
            return false;
        };
        let mut current = self
            .0
            .keys
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *current == keys {
            return false;
        }
        tracing::info!("the secret key file changed (a key rotation); using its keys");
        *current = keys;
        true
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
        let mut derive = <HmacSha256 as Mac>::new_from_slice(self.sealing().as_slice())
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
        self.reload_if_due();
        let cipher = XChaCha20Poly1305::new(&self.sealing());
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
        match self.open_with_ring(sealed) {
            Err(SealError::Open) if self.reload() => self.open_with_ring(sealed),
            result => result,
        }
    }

    fn open_with_ring(&self, sealed: &str) -> Result<String, SealError> {
        let bytes = hex::decode(sealed).map_err(|_| SealError::Open)?;
        if bytes.len() < 24 {
            return Err(SealError::Open);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        for key in self.keys() {
            let cipher = XChaCha20Poly1305::new(&key);
            if let Ok(plain) = cipher.decrypt(XNonce::from_slice(nonce), ciphertext) {
                return String::from_utf8(plain).map_err(|_| SealError::Open);
            }
        }
        Err(SealError::Open)
    }
}
