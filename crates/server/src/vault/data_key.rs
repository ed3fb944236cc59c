//! A merchant's data key: made on the merchant's first saved card, stored
//! only wrapped by the master key, and used to seal and fingerprint that
//! merchant's cards.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::KeptCard;
use crate::secrets::SealingKey;
use crate::store::{Store, StoreError};

/// Why the vault could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A wrapped key or sealed card did not open: it was altered, moved to
    /// another row, or sealed under a key this server does not have.
    #[error("a sealed vault value could not be opened")]
    Open,
}

/// One merchant's data key. `Debug` shows nothing of it.
#[derive(Clone)]
pub struct DataKey(Key);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(***)")
    }
}

impl DataKey {
    /// The merchant's data key, made and stored (wrapped) the first time.
    ///
    /// # Errors
    /// [`VaultError::Open`] when the stored key does not unwrap with the
    /// master key; [`VaultError::Store`] when the database fails.
    pub async fn of_merchant(
        store: &dyn Store,
        master: &SealingKey,
        merchant_id: &str,
        now: i64,
    ) -> Result<DataKey, VaultError> {
        if let Some(wrapped) = store.vault_key(merchant_id).await? {
            return DataKey::unwrap(master, &wrapped);
        }
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        store
            .add_vault_key(merchant_id, &master.seal(&hex::encode(bytes)), now)
            .await?;
        // Another instance may have stored its key first: the stored one wins.
        let wrapped = store
            .vault_key(merchant_id)
            .await?
            .ok_or(VaultError::Open)?;
        DataKey::unwrap(master, &wrapped)
    }

    /// A data key from raw bytes (tests and benchmarks).
    ///
    /// ```
    /// use kassa_server::vault::DataKey;
    /// let key = DataKey::from_bytes([7; 32]);
    /// assert_eq!(format!("{key:?}"), "DataKey(***)");
    /// ```
    pub fn from_bytes(bytes: [u8; 32]) -> DataKey {
        DataKey(Key::from(bytes))
    }

    fn unwrap(master: &SealingKey, wrapped: &str) -> Result<DataKey, VaultError> {
        let text = master.open(wrapped).map_err(|_| VaultError::Open)?;
        let bytes = hex::decode(text).map_err(|_| VaultError::Open)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| VaultError::Open)?;
        Ok(DataKey::from_bytes(bytes))
    }

    /// The card number's fingerprint for this merchant: HMAC-SHA-256 under
    /// a key derived from the data key, so it finds a card saved twice
    /// without revealing it, and differs between merchants.
    ///
    /// ```
    /// use kassa_card::CardNumber;
    /// use kassa_server::vault::DataKey;
    /// let card = CardNumber::parse("4242 4242 4242 4242").unwrap();
    /// let key = DataKey::from_bytes([7; 32]);
    /// assert_eq!(key.fingerprint(&card), key.fingerprint(&card));
    /// assert_ne!(key.fingerprint(&card), DataKey::from_bytes([8; 32]).fingerprint(&card));
    /// assert!(!key.fingerprint(&card).contains("4242"));
    /// ```
    pub fn fingerprint(&self, card: &kassa_card::CardNumber) -> String {
        let mut mac = self.subkey(b"kassa vault fingerprint v1");
        mac.update(card.expose_digits().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn subkey(&self, label: &[u8]) -> Hmac<Sha256> {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_slice())
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        derive.update(label);
        let subkey = derive.finalize().into_bytes();
        <Hmac<Sha256> as Mac>::new_from_slice(&subkey)
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"))
    }

    /// Seals a card for the row `(merchant, customer, fingerprint)`: hex of
    /// a random 24-byte nonce and the ciphertext, the row's identity bound
    /// in as associated data.
    ///
    /// ```
    /// use kassa_card::{CardNumber, CardholderName, Expiry};
    /// use kassa_server::vault::{DataKey, KeptCard};
    /// let key = DataKey::from_bytes([7; 32]);
    /// let card = KeptCard {
    ///     number: CardNumber::parse("4242424242424242").unwrap(),
    ///     expiry: Expiry::parse("12/30").unwrap(),
    ///     holder: CardholderName::parse("Ada Lovelace").unwrap(),
    ///     holder_id: None,
    /// };
    /// let sealed = key.seal_card(&card, ["mer_1", "cus-1", "fp"]);
    /// assert!(!sealed.contains("4242"));
    /// assert_eq!(key.open_card(&sealed, ["mer_1", "cus-1", "fp"]).unwrap(), card);
    /// assert!(key.open_card(&sealed, ["mer_1", "cus-2", "fp"]).is_err(), "another row");
    /// ```
    pub fn seal_card(&self, card: &KeptCard, row: [&str; 3]) -> String {
        let cipher = XChaCha20Poly1305::new(&self.0);
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let aad = associated_data(row);
        let plaintext = card.to_plaintext();
        // Encryption into memory with a fresh nonce cannot fail.
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plaintext,
                    aad: &aad,
                },
            )
            .unwrap_or_default();
        format!("{}{}", hex::encode(nonce), hex::encode(sealed))
    }

    /// Opens a card sealed by [`DataKey::seal_card`] for the same row.
    ///
    /// # Errors
    /// [`VaultError::Open`] when the bytes were altered, belong to another
    /// row or key, or do not hold a card: never a wrong card.
    pub fn open_card(&self, sealed: &str, row: [&str; 3]) -> Result<KeptCard, VaultError> {
        let bytes = hex::decode(sealed).map_err(|_| VaultError::Open)?;
        if bytes.len() < 24 {
            return Err(VaultError::Open);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let aad = associated_data(row);
        let plain = XChaCha20Poly1305::new(&self.0)
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| VaultError::Open)?;
        KeptCard::from_plaintext(&plain).ok_or(VaultError::Open)
    }
}

/// The row's identity, each part length-prefixed so no two rows share it.
fn associated_data(row: [&str; 3]) -> Vec<u8> {
    let mut aad = b"kassa vault card v1".to_vec();
    for part in row {
        aad.extend_from_slice(&u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
        aad.extend_from_slice(part.as_bytes());
    }
    aad
}

#[cfg(test)]
mod tests {
    use kassa_card::{CardNumber, CardholderName, Expiry};
    use proptest::prelude::*;

    use super::*;

    fn card() -> KeptCard {
        KeptCard {
            number: CardNumber::parse("4242424242424242").unwrap_or_else(|_| unreachable!()),
            expiry: Expiry::parse("12/30").unwrap_or_else(|_| unreachable!()),
            holder: CardholderName::parse("Ada Lovelace").unwrap_or_else(|_| unreachable!()),
            holder_id: kassa_card::IsraeliId::parse("000000018").ok(),
        }
    }

    const ROW: [&str; 3] = ["mer_1", "cus-1", "fp"];

    proptest! {
        /// Any single altered byte of a sealed card makes it refuse to
        /// open: never a wrong card.
        #[test]
        fn a_tampered_byte_is_refused(position in 0usize..1000, flip in 1u8..=255) {
            let key = DataKey::from_bytes([7; 32]);
            let sealed = key.seal_card(&card(), ROW);
            let mut bytes = hex::decode(&sealed).unwrap_or_default();
            let position = position % bytes.len();
            bytes[position] ^= flip;
            prop_assert!(key.open_card(&hex::encode(bytes), ROW).is_err());
        }

        /// A sealed card opens only for its own row and key.
        #[test]
        fn another_row_or_key_is_refused(customer in "[a-z0-9-]{1,20}", other_key in any::<[u8; 32]>()) {
            let key = DataKey::from_bytes([7; 32]);
            let sealed = key.seal_card(&card(), ROW);
            prop_assert_eq!(key.open_card(&sealed, ROW).ok(), Some(card()));
            if customer != ROW[1] {
                prop_assert!(key.open_card(&sealed, [ROW[0], &customer, ROW[2]]).is_err());
            }
            if other_key != [7; 32] {
                prop_assert!(DataKey::from_bytes(other_key).open_card(&sealed, ROW).is_err());
            }
        }
    }

    #[test]
    fn a_truncated_or_empty_value_is_refused() {
        let key = DataKey::from_bytes([7; 32]);
        let sealed = key.seal_card(&card(), ROW);
        for cut in [0, 10, 48, sealed.len() - 2] {
            assert!(key.open_card(&sealed[..cut], ROW).is_err(), "cut at {cut}");
        }
        assert!(key.open_card("zz", ROW).is_err());
    }
}
