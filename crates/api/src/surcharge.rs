//! Card surcharges as the page sees them: the surcharge and total the
//! server worked out for the invoice, and which cards they apply to. The
//! page decides with kassa-card's `surcharge_applies` on the typed card, the
//! same check the server makes, and does no arithmetic of its own.

use kassa_card::{CardNumber, Country};
use serde::{Deserialize, Serialize};

/// The merchant's card surcharge on an invoice, as the page shows it.
///
/// ```
/// use kassa_api::SurchargeOffer;
/// use kassa_card::CardNumber;
///
/// let offer = SurchargeOffer { amount: "0.45".into(), total: "18.45".into(), countries: Vec::new(), eu_cards_exempt: true };
/// // Stripe's Thai Visa credit card is surcharged; its Visa debit card never is.
/// assert!(offer.applies_to(&CardNumber::parse("4000 0076 4000 0003").unwrap()));
/// assert!(!offer.applies_to(&CardNumber::parse("4000 0566 5566 5556").unwrap()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurchargeOffer {
    /// The surcharge on a card it applies to (`"0.45"`).
    pub amount: String,
    /// The invoice's amount with it (`"18.45"`).
    pub total: String,
    /// The card countries (ISO 3166 alpha-2) it applies to; empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Whether cards issued in the EU/EEA are exempt (PSD2 forbids
    /// surcharging consumer cards there).
    pub eu_cards_exempt: bool,
}

impl SurchargeOffer {
    /// Whether the surcharge applies to `card`: a credit card, by its
    /// public funding and issuing country (see `kassa_card::surcharge_applies`).
    pub fn applies_to(&self, card: &CardNumber) -> bool {
        let countries: Vec<Country> = self
            .countries
            .iter()
            .filter_map(|code| Country::parse(code).ok())
            .collect();
        let countries = (!self.countries.is_empty()).then_some(countries.as_slice());
        kassa_card::surcharge_applies(
            countries,
            self.eu_cards_exempt,
            card.funding(),
            card.issuer_country(),
        )
    }
}
