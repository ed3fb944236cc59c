//! Card surcharges: what a merchant may add to an amount for paying by card,
//! and the rules that keep it lawful.

use alloc::vec::Vec;

use crate::error::{Coded, ErrorCode, coded_error};
use crate::{Amount, Country, Funding};

/// Basis points in one whole: 10,000 bps = 100%.
const WHOLE: u32 = 10_000;
/// The cap when the rule does not set one: 300 bps = 3%.
const DEFAULT_CAP_BPS: u32 = 300;

/// Why a surcharge rule, or a surcharge, could not be worked out. These are
/// configuration errors, for the merchant, never the shopper's fault.
///
/// ```
/// use kassa_card::{Coded, SurchargeError, SurchargeRule};
///
/// let error = SurchargeRule::builder().percent_bps(400).build().unwrap_err();
/// assert_eq!(error, SurchargeError::PercentAboveCap);
/// assert_eq!(error.code().as_str(), "surcharge.percent_above_cap");
/// assert!(error.to_string().starts_with("surcharge.percent_above_cap: "));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurchargeError {
    /// Neither a percentage nor a fixed amount.
    Empty,
    /// The percentage alone is above the cap.
    PercentAboveCap,
    /// A cap above 10,000 basis points (100% of the amount).
    CapTooHigh,
    /// The fixed amount is in another currency than the amount surcharged.
    CurrencyMismatch,
}

impl Coded for SurchargeError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::SurchargeEmpty,
            Self::PercentAboveCap => ErrorCode::SurchargePercentAboveCap,
            Self::CapTooHigh => ErrorCode::SurchargeCapTooHigh,
            Self::CurrencyMismatch => ErrorCode::SurchargeCurrencyMismatch,
        }
    }
}
coded_error!(SurchargeError);

/// A merchant's card surcharge: a percentage of the amount (in basis
/// points) and/or a fixed amount, for some card fundings and countries,
/// never above a cap.
///
/// Built only through [`SurchargeRule::builder`], which checks it. What a
/// rule cannot do, whatever it says:
/// - surcharge a debit or prepaid card (the card schemes' rules, and in the
///   EU the Interchange Fee Regulation and PSD2, forbid it);
/// - surcharge a card whose funding is unknown (never charge extra on a guess);
/// - go above its cap (300 bps, 3%, unless set), applied to the percentage
///   and the fixed amount together.
///
/// ```
/// use kassa_card::{Amount, Country, Currency, Funding, SurchargeRule, surcharge};
///
/// let usd = Currency::from_code("USD").unwrap();
/// let rule = SurchargeRule::builder().percent_bps(250).build().unwrap();
/// let base = Amount::parse("80.00", usd).unwrap();
/// let us = Country::parse("US").ok();
///
/// let fee = surcharge(&rule, base, Some(Funding::Credit), us).unwrap().unwrap();
/// assert_eq!(fee.to_string(), "2.00");
/// assert_eq!(surcharge(&rule, base, Some(Funding::Debit), us), Ok(None));
/// assert_eq!(surcharge(&rule, base, None, us), Ok(None));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurchargeRule {
    percent_bps: u32,
    fixed: Option<Amount>,
    fundings: Vec<Funding>,
    countries: Option<Vec<Country>>,
    cap_bps: u32,
    eu_consumer_cards_exempt: bool,
}

/// Collects a [`SurchargeRule`]'s settings; [`build`](Self::build) checks them.
///
/// ```
/// use kassa_card::{Amount, Currency, SurchargeRule};
///
/// let eur = Currency::from_code("EUR").unwrap();
/// let rule = SurchargeRule::builder()
///     .percent_bps(150)
///     .fixed(Amount::from_minor_units(20, eur).unwrap())
///     .cap_bps(200)
///     .eu_consumer_cards_exempt(false)
///     .build()
///     .unwrap();
/// assert_eq!(rule.cap_bps(), 200);
/// ```
#[derive(Clone, Debug)]
pub struct SurchargeRuleBuilder {
    rule: SurchargeRule,
}

impl SurchargeRule {
    /// Starts a rule: no percentage, no fixed amount, credit cards only, any
    /// country, a 300 bps (3%) cap, EU/EEA-issued cards exempt.
    ///
    /// ```
    /// use kassa_card::{Funding, SurchargeRule};
    ///
    /// let rule = SurchargeRule::builder().percent_bps(100).build().unwrap();
    /// assert_eq!(rule.fundings(), &[Funding::Credit]);
    /// assert_eq!(rule.countries(), None);
    /// assert_eq!(rule.cap_bps(), 300);
    /// assert!(rule.eu_consumer_cards_exempt());
    /// ```
    pub fn builder() -> SurchargeRuleBuilder {
        SurchargeRuleBuilder {
            rule: SurchargeRule {
                percent_bps: 0,
                fixed: None,
                fundings: alloc::vec![Funding::Credit],
                countries: None,
                cap_bps: DEFAULT_CAP_BPS,
                eu_consumer_cards_exempt: true,
            },
        }
    }

    /// The percentage, in basis points (250 = 2.5%).
    ///
    /// ```
    /// use kassa_card::SurchargeRule;
    /// assert_eq!(SurchargeRule::builder().percent_bps(250).build().unwrap().percent_bps(), 250);
    /// ```
    pub fn percent_bps(&self) -> u32 {
        self.percent_bps
    }

    /// The fixed amount, if any, in the currency of the amounts it applies to.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency, SurchargeRule};
    /// let jpy = Currency::from_code("JPY").unwrap();
    /// let fixed = Amount::from_minor_units(30, jpy).unwrap();
    /// assert_eq!(SurchargeRule::builder().fixed(fixed).build().unwrap().fixed(), Some(fixed));
    /// ```
    pub fn fixed(&self) -> Option<Amount> {
        self.fixed
    }

    /// The fundings the rule names. Only [`Funding::Credit`] is ever
    /// surcharged: debit and prepaid are listed here if the merchant said
    /// so, and still never surcharged.
    ///
    /// ```
    /// use kassa_card::{Funding, SurchargeRule};
    /// let rule = SurchargeRule::builder().percent_bps(100).fundings([Funding::Credit, Funding::Debit]).build().unwrap();
    /// assert_eq!(rule.fundings(), &[Funding::Credit, Funding::Debit]);
    /// ```
    pub fn fundings(&self) -> &[Funding] {
        &self.fundings
    }

    /// The card-issuing countries the rule is limited to; `None` for any.
    ///
    /// ```
    /// use kassa_card::{Country, SurchargeRule};
    /// let us = Country::parse("US").unwrap();
    /// let rule = SurchargeRule::builder().percent_bps(100).countries([us]).build().unwrap();
    /// assert_eq!(rule.countries(), Some(&[us][..]));
    /// ```
    pub fn countries(&self) -> Option<&[Country]> {
        self.countries.as_deref()
    }

    /// The most the surcharge may be, in basis points of the amount.
    ///
    /// ```
    /// use kassa_card::SurchargeRule;
    /// assert_eq!(SurchargeRule::builder().percent_bps(100).cap_bps(150).build().unwrap().cap_bps(), 150);
    /// ```
    pub fn cap_bps(&self) -> u32 {
        self.cap_bps
    }

    /// Whether cards issued in the EU/EEA are left alone (the default).
    ///
    /// PSD2 forbids surcharging consumer cards there, and nothing in a card
    /// number tells a consumer card from a commercial one, so every
    /// EU/EEA-issued card is exempt, and so is every card whose country is
    /// unknown (it might be one). Turn it off only where PSD2 does not
    /// apply to the payment.
    ///
    /// ```
    /// use kassa_card::SurchargeRule;
    /// let rule = SurchargeRule::builder().percent_bps(100).eu_consumer_cards_exempt(false).build().unwrap();
    /// assert!(!rule.eu_consumer_cards_exempt());
    /// ```
    pub fn eu_consumer_cards_exempt(&self) -> bool {
        self.eu_consumer_cards_exempt
    }
}

impl SurchargeRuleBuilder {
    /// The percentage of the amount, in basis points (250 = 2.5%).
    ///
    /// ```
    /// use kassa_card::SurchargeRule;
    /// assert!(SurchargeRule::builder().percent_bps(300).build().is_ok());
    /// ```
    pub fn percent_bps(mut self, bps: u32) -> Self {
        self.rule.percent_bps = bps;
        self
    }

    /// A fixed amount added on top of the percentage, in the currency of
    /// the amounts the rule will apply to.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency, SurchargeRule};
    /// let eur = Currency::from_code("EUR").unwrap();
    /// let rule = SurchargeRule::builder().fixed(Amount::from_minor_units(25, eur).unwrap()).build();
    /// assert!(rule.is_ok());
    /// ```
    pub fn fixed(mut self, amount: Amount) -> Self {
        self.rule.fixed = Some(amount);
        self
    }

    /// The fundings the rule is for (credit only unless set). Debit and
    /// prepaid may be named but are never surcharged.
    ///
    /// ```
    /// use kassa_card::{Funding, SurchargeRule};
    /// let rule = SurchargeRule::builder().percent_bps(100).fundings([]).build().unwrap();
    /// assert!(rule.fundings().is_empty(), "a rule for no funding never applies");
    /// ```
    pub fn fundings(mut self, fundings: impl IntoIterator<Item = Funding>) -> Self {
        let mut list: Vec<Funding> = fundings.into_iter().collect();
        list.sort_unstable();
        list.dedup();
        self.rule.fundings = list;
        self
    }

    /// Limits the rule to cards issued in these countries.
    ///
    /// ```
    /// use kassa_card::{Country, SurchargeRule};
    /// let au = Country::parse("AU").unwrap();
    /// let rule = SurchargeRule::builder().percent_bps(100).countries([au]).build().unwrap();
    /// assert_eq!(rule.countries().unwrap().len(), 1);
    /// ```
    pub fn countries(mut self, countries: impl IntoIterator<Item = Country>) -> Self {
        self.rule.countries = Some(countries.into_iter().collect());
        self
    }

    /// The cap, in basis points of the amount (300 = 3% unless set).
    ///
    /// ```
    /// use kassa_card::{SurchargeError, SurchargeRule};
    /// assert_eq!(SurchargeRule::builder().percent_bps(1).cap_bps(10_001).build(), Err(SurchargeError::CapTooHigh));
    /// ```
    pub fn cap_bps(mut self, bps: u32) -> Self {
        self.rule.cap_bps = bps;
        self
    }

    /// Whether EU/EEA-issued cards (and cards of unknown country) are
    /// exempt; `true` unless set. See [`SurchargeRule::eu_consumer_cards_exempt`].
    ///
    /// ```
    /// use kassa_card::SurchargeRule;
    /// let rule = SurchargeRule::builder().percent_bps(100).eu_consumer_cards_exempt(true).build().unwrap();
    /// assert!(rule.eu_consumer_cards_exempt());
    /// ```
    pub fn eu_consumer_cards_exempt(mut self, exempt: bool) -> Self {
        self.rule.eu_consumer_cards_exempt = exempt;
        self
    }

    /// Checks the settings and makes the rule.
    ///
    /// ```
    /// use kassa_card::{SurchargeError, SurchargeRule};
    /// assert_eq!(SurchargeRule::builder().build(), Err(SurchargeError::Empty));
    /// assert_eq!(SurchargeRule::builder().percent_bps(350).build(), Err(SurchargeError::PercentAboveCap));
    /// assert!(SurchargeRule::builder().percent_bps(350).cap_bps(400).build().is_ok());
    /// ```
    ///
    /// # Errors
    /// [`SurchargeError::Empty`] with neither a percentage nor a fixed
    /// amount, [`SurchargeError::CapTooHigh`] for a cap above 10,000 bps,
    /// [`SurchargeError::PercentAboveCap`] for a percentage above the cap.
    pub fn build(self) -> Result<SurchargeRule, SurchargeError> {
        let rule = self.rule;
        if rule.percent_bps == 0 && rule.fixed.is_none() {
            return Err(SurchargeError::Empty);
        }
        if rule.cap_bps > WHOLE {
            return Err(SurchargeError::CapTooHigh);
        }
        if rule.percent_bps > rule.cap_bps {
            return Err(SurchargeError::PercentAboveCap);
        }
        Ok(rule)
    }
}

/// The surcharge `rule` adds to `base` for a card of this funding and
/// issuing country, or `None` when it adds nothing.
///
/// Pass the processor's funding and country when there are any (a gateway's
/// `funding` and `country` fields), else [`CardNumber::funding`] and
/// [`CardNumber::issuer_country`]. No surcharge (`Ok(None)`) when:
/// - the funding is unknown, debit or prepaid, or not one the rule names;
/// - the rule exempts EU/EEA cards and the country is in the EEA or unknown;
/// - the rule names countries and the card's is not one of them, or unknown;
/// - the amount works out to zero.
///
/// Otherwise the percentage of `base` plus the fixed amount, rounded half up
/// to the currency's minor units, then lowered to the cap (the cap's share of
/// `base`, rounded down, so the surcharge never exceeds it).
///
/// [`CardNumber::funding`]: crate::CardNumber::funding
/// [`CardNumber::issuer_country`]: crate::CardNumber::issuer_country
///
/// ```
/// use kassa_card::{Amount, CardNumber, Country, Currency, Funding, SurchargeRule, surcharge};
///
/// let eur = Currency::from_code("EUR").unwrap();
/// let rule = SurchargeRule::builder()
///     .percent_bps(150)
///     .fixed(Amount::from_minor_units(25, eur).unwrap())
///     .build()
///     .unwrap();
/// let base = Amount::parse("10.00", eur).unwrap();
/// let credit = Some(Funding::Credit);
///
/// // 1.5% of 10.00 is 0.15, plus 0.25 makes 0.40: above the 3% cap, 0.30.
/// let us = Country::parse("US").ok();
/// assert_eq!(surcharge(&rule, base, credit, us).unwrap().unwrap().to_string(), "0.30");
///
/// // A card from France is exempt, and so is a card whose country is unknown.
/// let card = CardNumber::parse("4000 0025 0000 0003").unwrap();
/// assert_eq!(surcharge(&rule, base, credit, card.issuer_country()), Ok(None));
/// assert_eq!(surcharge(&rule, base, credit, None), Ok(None));
/// ```
///
/// # Errors
/// [`SurchargeError::CurrencyMismatch`] when the rule's fixed amount is in
/// another currency than `base`, whether or not the rule applies to the card.
pub fn surcharge(
    rule: &SurchargeRule,
    base: Amount,
    funding: Option<Funding>,
    country: Option<Country>,
) -> Result<Option<Amount>, SurchargeError> {
    let currency = base.currency();
    let fixed_minor = match rule.fixed {
        Some(fixed) if fixed.currency() != currency => {
            return Err(SurchargeError::CurrencyMismatch);
        }
        Some(fixed) => i128::from(fixed.to_minor_units()),
        None => 0,
    };
    if !applies(rule, funding, country) {
        return Ok(None);
    }
    let base_minor = i128::from(base.to_minor_units());
    let whole = i128::from(WHOLE);
    // In ten-thousandths of a minor unit, exact.
    let raw = base_minor * i128::from(rule.percent_bps) + fixed_minor * whole;
    let rounded = (raw + whole / 2) / whole;
    let cap = base_minor * i128::from(rule.cap_bps) / whole;
    let minor = rounded.min(cap);
    if minor <= 0 {
        return Ok(None);
    }
    // Never above the base (the cap is at most 100%), so it fits i64.
    let minor = i64::try_from(minor).unwrap_or(i64::MAX);
    Ok(Amount::from_minor_units(minor, currency).ok())
}

/// Whether the rule surcharges a card of this funding and country at all.
fn applies(rule: &SurchargeRule, funding: Option<Funding>, country: Option<Country>) -> bool {
    rule.fundings.contains(&Funding::Credit)
        && surcharge_applies(
            rule.countries.as_deref(),
            rule.eu_consumer_cards_exempt,
            funding,
            country,
        )
}

/// Whether a surcharge limited to `countries` (any when `None`), with EU/EEA
/// cards exempt or not, applies to a card of this funding and issuing
/// country: only a credit card (never debit, prepaid or unknown funding),
/// never an EU/EEA card (nor one of unknown country) while they are exempt,
/// and only a listed country's when there is a list.
///
/// The page decides with this alone, from the amount the server worked out,
/// so it needs none of the arithmetic.
///
/// ```
/// use kassa_card::{Country, Funding, surcharge_applies};
///
/// let us = Country::parse("US").ok();
/// let fr = Country::parse("FR").ok();
/// assert!(surcharge_applies(None, true, Some(Funding::Credit), us));
/// assert!(!surcharge_applies(None, true, Some(Funding::Credit), fr), "an EU card");
/// assert!(surcharge_applies(None, false, Some(Funding::Credit), fr));
/// assert!(!surcharge_applies(None, false, Some(Funding::Debit), us));
/// assert!(!surcharge_applies(None, false, None, us), "never on a guess");
/// assert!(!surcharge_applies(Some(&[Country::parse("CA").unwrap()]), true, Some(Funding::Credit), us));
/// ```
pub fn surcharge_applies(
    countries: Option<&[Country]>,
    eu_consumer_cards_exempt: bool,
    funding: Option<Funding>,
    country: Option<Country>,
) -> bool {
    // Unknown funding: never charge extra on a guess. Debit and prepaid:
    // never, whatever the rule says.
    if funding != Some(Funding::Credit) {
        return false;
    }
    if eu_consumer_cards_exempt && country.is_none_or(Country::is_in_eea) {
        return false;
    }
    match (countries, country) {
        (None, _) => true,
        (Some(countries), Some(country)) => countries.contains(&country),
        (Some(_), None) => false,
    }
}
