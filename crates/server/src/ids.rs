//! Random identifiers and keys, from the operating system's CSPRNG via
//! `rand`'s thread RNG (ChaCha, reseeded from the OS).

use rand::RngCore;

/// `<prefix>_` and 32 hex digits: 128 random bits, so ids of invoices (which
/// are the shopper's capability to pay) cannot be guessed.
///
/// ```
/// let id = kassa_server::ids::new_id("inv");
/// assert!(id.starts_with("inv_") && id.len() == 36);
/// assert_ne!(id, kassa_server::ids::new_id("inv"));
/// ```
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", random_hex(16))
}

/// `bytes` random bytes as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    hex::encode(buffer)
}
