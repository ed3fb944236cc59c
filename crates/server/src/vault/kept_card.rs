//! What the vault keeps of a card, and how it is written before sealing.

use kassa_card::{CardNumber, CardholderName, Expiry, IsraeliId};
use serde::{Deserialize, Serialize};

/// A card as kept: number, expiry, holder's name and, where the gateway
/// asked for it, the holder's ID number (Israeli gateways want it with
/// their card tokens); never the security code. `Debug` shows only the
/// masked number.
#[derive(Clone, PartialEq, Eq)]
pub struct KeptCard {
    /// The number.
    pub number: CardNumber,
    /// The expiry.
    pub expiry: Expiry,
    /// The name on the card.
    pub holder: CardholderName,
    /// The holder's ID number, when the payment that saved it carried one.
    pub holder_id: Option<IsraeliId>,
}

impl std::fmt::Debug for KeptCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptCard")
            .field("number", &self.number.masked())
            .field("expiry", &self.expiry)
            .finish_non_exhaustive()
    }
}

/// The plaintext layout, versioned so it can change.
#[derive(Serialize, Deserialize)]
struct Plain {
    v: u8,
    number: String,
    month: u8,
    year: u16,
    holder: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    holder_id: Option<String>,
}

impl KeptCard {
    /// The bytes to seal.
    pub(super) fn to_plaintext(&self) -> Vec<u8> {
        serde_json::to_vec(&Plain {
            v: 1,
            number: self.number.expose_digits().to_owned(),
            month: self.expiry.month(),
            year: self.expiry.year(),
            holder: self.holder.as_str().to_owned(),
            holder_id: self.holder_id.map(|id| id.as_str().to_owned()),
        })
        .unwrap_or_default()
    }

    /// The card from opened bytes; `None` when they do not hold one.
    pub(super) fn from_plaintext(bytes: &[u8]) -> Option<KeptCard> {
        let plain: Plain = serde_json::from_slice(bytes).ok()?;
        if plain.v != 1 {
            return None;
        }
        Some(KeptCard {
            number: CardNumber::parse(&plain.number).ok()?,
            expiry: Expiry::parse(&format!("{:02}/{}", plain.month, plain.year)).ok()?,
            holder: CardholderName::parse(&plain.holder).ok()?,
            holder_id: match plain.holder_id {
                Some(id) => Some(IsraeliId::parse(&id).ok()?),
                None => None,
            },
        })
    }
}
