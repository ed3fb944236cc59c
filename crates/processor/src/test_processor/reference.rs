//! The test processor's authorization codes and transaction references,
//! derived from the invoice and attempt (never from card data).

use sha2::{Digest, Sha256};

/// Keeps these digests apart from any other SHA-256 of the same fields.
const DOMAIN: &[u8] = b"kassa-test-processor/v1\0";
/// The characters of an authorization code.
const CODE_ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Bytes of the digest shown in a transaction reference (24 hex digits).
const REF_BYTES: usize = 12;
/// Characters in an authorization code.
const CODE_LEN: usize = 6;

/// The references of one charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct References {
    /// `tp_` and 24 lower-case hex digits.
    pub(crate) transaction_ref: String,
    /// Six upper-case letters and digits.
    pub(crate) authorization_code: String,
}

impl References {
    /// The references for attempt `attempt` on invoice `invoice_id`: a
    /// SHA-256 over both (the invoice id length-prefixed, so no two pairs
    /// hash the same input), its first 12 bytes as the reference and the next
    /// six, each reduced to a letter or digit, as the code.
    pub(crate) fn derive(invoice_id: &str, attempt: u32) -> References {
        let mut hasher = Sha256::new();
        hasher.update(DOMAIN);
        hasher.update((invoice_id.len() as u64).to_be_bytes());
        hasher.update(invoice_id.as_bytes());
        hasher.update(attempt.to_be_bytes());
        let digest = hasher.finalize();
        let (reference, rest) = digest.split_at(REF_BYTES);
        let authorization_code = rest[..CODE_LEN]
            .iter()
            .map(|byte| char::from(CODE_ALPHABET[usize::from(*byte) % CODE_ALPHABET.len()]))
            .collect();
        References {
            transaction_ref: format!("tp_{}", hex::encode(reference)),
            authorization_code,
        }
    }
}

/// The test processor's reference for a refund: `tr_` and 24 lower-case hex
/// digits of a SHA-256 over the refund id (in its own domain).
pub(crate) fn refund_reference(refund_id: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"kassa-test-processor/refund/v1\0");
    hasher.update(refund_id.as_bytes());
    let digest = hasher.finalize();
    format!("tr_{}", hex::encode(&digest[..REF_BYTES]))
}

/// Whether `code` has the shape of an authorization code.
pub(crate) fn is_authorization_code(code: &str) -> bool {
    code.len() == CODE_LEN && code.bytes().all(|byte| CODE_ALPHABET.contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::{References, is_authorization_code};

    #[test]
    fn references_have_their_documented_shapes() {
        for attempt in 0..200 {
            let references = References::derive("inv", attempt);
            let hex = references.transaction_ref.strip_prefix("tp_").unwrap();
            assert_eq!(hex.len(), 24);
            assert!(
                hex.bytes()
                    .all(|byte| byte.is_ascii_hexdigit() && !byte.is_ascii_uppercase())
            );
            assert!(is_authorization_code(&references.authorization_code));
        }
    }

    #[test]
    fn invoice_and_attempt_cannot_run_into_each_other() {
        assert_ne!(References::derive("inv1", 2), References::derive("inv", 12));
        assert_ne!(References::derive("", 1), References::derive("\0", 1));
    }
}
