//! The vault: cards kept for a merchant's later payments, with the
//! shopper's consent.
//!
//! The key hierarchy (docs/security.md maps it to PCI DSS 3.5 to 3.7):
//! * the server's **master key** (`KASSA_SECRET_KEY` or its key file, see
//!   [`crate::secrets::SealingKey`]) wraps one **data key per merchant**
//!   (`vault_keys`); `kassa-server keys rotate` re-wraps them ([`rotate`]);
//! * each merchant's data key seals that merchant's cards
//!   (`payment_methods.sealed_card`: number, expiry and holder, never the
//!   security code) with XChaCha20-Poly1305, the row's merchant, customer and
//!   fingerprint bound in as associated data so a sealed card moved to
//!   another row does not open;
//! * a key derived from the data key makes the card's **fingerprint**, an
//!   HMAC that finds the same card saved twice for a customer without
//!   revealing it, and that never matches across merchants.
//!
//! Deleting a card erases its sealed bytes and fingerprint (crypto-shredding:
//! what is left cannot be turned back into a card).

mod data_key;
mod kept_card;
mod listing;
mod merchant_initiated;
pub mod rotate;
mod use_saved;

pub use data_key::{DataKey, VaultError};
pub use kept_card::KeptCard;
pub use listing::{expired, offered_cards, view};
pub use merchant_initiated::merchant_initiated_invoice;
pub use use_saved::{SavedUse, card_to_save, saved_card_for_charge};
