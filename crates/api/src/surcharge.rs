//! Card surcharges as the API carries them: the merchant's terms, which the
//! page and the server turn into the same `kassa_card::SurchargeRule`, so
//! the amount the shopper sees is the amount the server charges.

use kassa_card::{Amount, CardNumber, Country, Currency, Funding, SurchargeRule};
use serde::{Deserialize, Serialize};

/// A merchant's card surcharge, in an invoice's currency.
///
/// ```
/// use kassa_api::SurchargeTerms;
/// use kassa_card::{Amount, CardNumber, Currency};
///
/// let terms = SurchargeTerms { percent_bps: 250, fixed: None, cap_bps: 300, countries: Vec::new(), eu_cards_exempt: true };
/// let eur = Currency::from_code("EUR").unwrap();
/// let base = Amount::parse("18.00", eur).unwrap();
/// // Stripe's Thai Visa credit card: 2.5% of 18.00.
/// let thai_credit = CardNumber::parse("4000 0076 4000 0003").unwrap();
/// assert_eq!(terms.surcharge_for(base, &thai_credit).unwrap().to_string(), "0.45");
/// // A debit card is never surcharged.
/// let debit = CardNumber::parse("4000 0566 5566 5556").unwrap();
/// assert_eq!(terms.surcharge_for(base, &debit), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurchargeTerms {
    /// The percentage of the amount, in basis points (250 = 2.5%).
    pub percent_bps: u32,
    /// A fixed amount added, in the invoice's currency (`"0.30"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// The most the surcharge may be, in basis points of the amount (300 =
    /// 3%).
    pub cap_bps: u32,
    /// The card countries (ISO 3166 alpha-2) it applies to; empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Whether cards issued in the EU/EEA are exempt (PSD2 forbids
    /// surcharging consumer cards there).
    pub eu_cards_exempt: bool,
}

impl SurchargeTerms {
    /// The rule, for amounts in `currency`; `None` when the terms do not
    /// make one (nothing to add, a fixed amount that is not one).
    pub fn rule(&self, currency: Currency) -> Option<SurchargeRule> {
        let mut builder = SurchargeRule::builder()
            .percent_bps(self.percent_bps)
            .cap_bps(self.cap_bps)
            .eu_consumer_cards_exempt(self.eu_cards_exempt)
            .fundings([Funding::Credit]);
        if let Some(fixed) = &self.fixed {
            builder = builder.fixed(Amount::parse(fixed, currency).ok()?);
        }
        if !self.countries.is_empty() {
            let countries: Option<Vec<Country>> = self
                .countries
                .iter()
                .map(|code| Country::parse(code).ok())
                .collect();
            builder = builder.countries(countries?);
        }
        builder.build().ok()
    }

    /// The surcharge on `base` for `card` (by the card's public funding and
    /// issuing country), or `None`.
    pub fn surcharge_for(&self, base: Amount, card: &CardNumber) -> Option<Amount> {
        let rule = self.rule(base.currency())?;
        kassa_card::surcharge(&rule, base, card.funding(), card.issuer_country())
            .ok()
            .flatten()
    }
}
