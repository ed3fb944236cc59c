//! Card surcharges: the merchant's terms for an invoice, and the check that
//! the surcharge the shopper was shown is the one the server works out.
//!
//! The server works the amount out with kassa-card's rule; the page shows
//! it when kassa-card's `surcharge_applies` says the typed card is one it
//! applies to (by the card's public funding and issuing country), the same
//! check the server makes. Only a shopper on the page is surcharged:
//! server-to-server and merchant-initiated charges never are, since nobody
//! would have seen the surcharge before paying.

use kassa_api::SurchargeOffer;
use kassa_card::{Amount, CardNumber, Country, Currency, Funding, SurchargeRule};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::invoices::minor_string;
use crate::state::AppState;
use crate::store::InvoiceRecord;

/// A merchant's surcharge terms as stored (`merchants.surcharge_rule`).
///
/// ```
/// use kassa_card::Currency;
/// use kassa_server::payments::surcharge::StoredSurcharge;
///
/// let stored = StoredSurcharge { percent_bps: 200, fixed_minor: Some(30), currency: Some("EUR".into()), cap_bps: 300, countries: Vec::new(), eu_cards_exempt: true };
/// let eur = Currency::from_code("EUR").unwrap();
/// assert_eq!(stored.rule(eur).unwrap().fixed().map(|fixed| fixed.to_minor_units()), Some(30));
/// // In another currency the fixed part cannot be converted: the percentage alone.
/// assert_eq!(stored.rule(Currency::from_code("USD").unwrap()).unwrap().fixed(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSurcharge {
    /// The percentage, in basis points.
    pub percent_bps: u32,
    /// A fixed amount, in `currency`'s minor units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_minor: Option<i64>,
    /// The fixed amount's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The cap, in basis points of the amount.
    pub cap_bps: u32,
    /// The card countries it applies to; empty: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Whether EU/EEA-issued cards are exempt.
    pub eu_cards_exempt: bool,
}

impl StoredSurcharge {
    /// The terms `kassa-server merchant set-surcharge` was given:
    /// percentages as decimal text (`2.5`), the fixed amount in its
    /// currency, country codes; checked as a rule would be.
    ///
    /// ```
    /// use kassa_server::payments::surcharge::StoredSurcharge;
    ///
    /// let stored = StoredSurcharge::from_cli("2.5", Some("0.30"), Some("eur"), "3", &["us".into()], true).unwrap();
    /// assert_eq!((stored.percent_bps, stored.fixed_minor, stored.cap_bps), (250, Some(30), 300));
    /// assert_eq!(stored.countries, ["US"]);
    /// assert!(StoredSurcharge::from_cli("4", None, None, "3", &[], true).is_err(), "above the cap");
    /// assert!(StoredSurcharge::from_cli("0", None, None, "3", &[], true).is_err(), "nothing to add");
    /// ```
    ///
    /// # Errors
    /// A message naming what is wrong.
    pub fn from_cli(
        percent: &str,
        fixed: Option<&str>,
        currency: Option<&str>,
        cap: &str,
        countries: &[String],
        eu_cards_exempt: bool,
    ) -> Result<StoredSurcharge, String> {
        let bps = |text: &str, what: &str| {
            let value: rust_decimal::Decimal = text
                .trim()
                .parse()
                .map_err(|_| format!("{what} {text} is not a number"))?;
            let bps = value * rust_decimal::Decimal::from(100);
            if bps.fract() != rust_decimal::Decimal::ZERO || bps.is_sign_negative() {
                return Err(format!(
                    "{what} {text} has more than two decimals or is negative"
                ));
            }
            u32::try_from(bps.trunc().mantissa()).map_err(|_| format!("{what} {text} is too large"))
        };
        let (fixed_minor, currency) = match (fixed, currency) {
            (Some(fixed), Some(code)) => {
                let currency = Currency::from_code(&code.trim().to_ascii_uppercase())
                    .ok_or_else(|| format!("{code} is not an ISO 4217 currency"))?;
                let amount = Amount::parse(fixed, currency)
                    .map_err(|_| format!("{fixed} is not an amount in {}", currency.code()))?;
                (
                    Some(amount.to_minor_units()),
                    Some(currency.code().to_owned()),
                )
            }
            _ => (None, None),
        };
        let countries = countries
            .iter()
            .map(|code| {
                kassa_card::Country::parse(code.trim())
                    .map(|country| country.code().to_owned())
                    .map_err(|_| format!("{code} is not an ISO 3166 country code"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let stored = StoredSurcharge {
            percent_bps: bps(percent, "--percent")?,
            fixed_minor,
            currency,
            cap_bps: bps(cap, "--cap")?,
            countries,
            eu_cards_exempt,
        };
        // The checks every payment's rule gets.
        if stored.percent_bps == 0 && stored.fixed_minor.is_none() {
            return Err("give --percent or --fixed (with --currency)".to_owned());
        }
        let currency = Currency::from_code(stored.currency.as_deref().unwrap_or("USD"))
            .ok_or("unknown currency")?;
        if stored.rule(currency).is_none() {
            return Err("the percentage is above the cap, or the cap above 100%".to_owned());
        }
        Ok(stored)
    }

    /// The rule for amounts in `currency`: the fixed part only in its own
    /// currency (amounts in different currencies do not convert); `None`
    /// when nothing is left to add, or the terms make no lawful rule.
    pub fn rule(&self, currency: Currency) -> Option<SurchargeRule> {
        let mut builder = SurchargeRule::builder()
            .percent_bps(self.percent_bps)
            .cap_bps(self.cap_bps)
            .eu_consumer_cards_exempt(self.eu_cards_exempt)
            .fundings([Funding::Credit]);
        if let (Some(code), Some(minor)) = (&self.currency, self.fixed_minor)
            && code == currency.code()
        {
            builder = builder.fixed(Amount::from_minor_units(minor, currency).ok()?);
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

    /// What the page shows for an invoice of `base`: the surcharge and the
    /// total on a card it applies to; `None` when it adds nothing.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency};
    /// use kassa_server::payments::surcharge::StoredSurcharge;
    ///
    /// let stored = StoredSurcharge { percent_bps: 250, fixed_minor: None, currency: None, cap_bps: 300, countries: Vec::new(), eu_cards_exempt: true };
    /// let base = Amount::parse("18.00", Currency::from_code("EUR").unwrap()).unwrap();
    /// let offer = stored.offer(base).unwrap();
    /// assert_eq!((offer.amount.as_str(), offer.total.as_str()), ("0.45", "18.45"));
    /// // Listed countries: the amount is the same; French cards stay exempt.
    /// let listed = StoredSurcharge { countries: vec!["FR".into(), "US".into()], ..stored.clone() };
    /// assert_eq!(listed.offer(base).unwrap().amount, "0.45");
    /// let french_only = StoredSurcharge { countries: vec!["FR".into()], ..stored };
    /// assert_eq!(french_only.offer(base), None, "exempt: nothing to offer");
    /// ```
    pub fn offer(&self, base: Amount) -> Option<SurchargeOffer> {
        let rule = self.rule(base.currency())?;
        // The amount on a card the rule applies to: credit, from a country
        // it names (or any), outside the EU/EEA while those are exempt. The
        // amount does not depend on which; only whether it applies does.
        let outside_exemption = |country: &Country| !self.eu_cards_exempt || !country.is_in_eea();
        let country = match rule.countries() {
            Some(countries) => countries.iter().copied().find(outside_exemption),
            None => Country::parse("US").ok(),
        };
        let amount = kassa_card::surcharge(&rule, base, Some(Funding::Credit), country).ok()??;
        let total = Amount::from_minor_units(
            base.to_minor_units()
                .saturating_add(amount.to_minor_units()),
            base.currency(),
        )
        .ok()?;
        Some(SurchargeOffer {
            amount: amount.to_string(),
            total: total.to_string(),
            countries: self.countries.clone(),
            eu_cards_exempt: self.eu_cards_exempt,
        })
    }
}

/// The merchant's surcharge on `invoice`; `None` without one, and for a
/// merchant-initiated charge.
///
/// # Errors
/// When the store fails.
pub async fn offer_for(
    state: &AppState,
    invoice: &InvoiceRecord,
) -> Result<Option<SurchargeOffer>, ApiError> {
    if invoice.card_saving.reason.is_some() {
        return Ok(None);
    }
    let Some(text) = state.store.surcharge_rule(&invoice.merchant_id).await? else {
        return Ok(None);
    };
    let stored: StoredSurcharge = serde_json::from_str(&text).map_err(ApiError::internal)?;
    let base = Currency::from_code(&invoice.currency)
        .and_then(|currency| Amount::from_minor_units(invoice.amount_minor, currency).ok());
    Ok(base.and_then(|base| stored.offer(base)))
}

/// The surcharge on `invoice` for `card`, in minor units, checked against
/// what the shopper was shown (`shown`, the pay request's `surcharge`).
///
/// # Errors
/// 400 `surcharge.mismatch` when the shopper was shown another surcharge,
/// or none where one applies (or one where none does).
pub fn check(
    offer: Option<&SurchargeOffer>,
    invoice: &InvoiceRecord,
    card: &CardNumber,
    shown: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let currency = Currency::from_code(&invoice.currency)
        .ok_or_else(|| ApiError::internal("stored currency unknown"))?;
    let expected = match offer {
        Some(offer) if offer.applies_to(card) => Some(
            Amount::parse(&offer.amount, currency)
                .map_err(ApiError::internal)?
                .to_minor_units(),
        ),
        _ => None,
    };
    let shown_minor = shown
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(|text| Amount::parse(text, currency).map(Amount::to_minor_units));
    match (expected, shown_minor) {
        (None, None) => Ok(None),
        (Some(expected), Some(Ok(shown))) if shown == expected => Ok(Some(expected)),
        (expected, _) => Err(ApiError::field(
            "surcharge.mismatch",
            &match expected {
                Some(minor) => format!(
                    "This card carries a surcharge of {} {}: show it to the shopper before they pay.",
                    minor_string(minor, &invoice.currency),
                    invoice.currency
                ),
                None => "This card carries no surcharge.".to_owned(),
            },
            "surcharge",
        )),
    }
}
