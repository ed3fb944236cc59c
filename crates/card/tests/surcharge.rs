//! Behaviour tests for card surcharges (`SurchargeRule`, `surcharge`) and the
//! EEA list they lean on (`Country::is_in_eea`).

#![allow(clippy::unwrap_used)]

use kassa_card::{
    Amount, CardNumber, Coded, Country, Currency, Funding, SurchargeError, SurchargeRule, surcharge,
};
use proptest::prelude::*;

fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

fn amount(text: &str, code: &str) -> Amount {
    Amount::parse(text, currency(code)).unwrap()
}

fn country(code: &str) -> Option<Country> {
    Some(Country::parse(code).unwrap())
}

fn percent(bps: u32) -> SurchargeRule {
    SurchargeRule::builder().percent_bps(bps).build().unwrap()
}

/// The surcharge as text, or `None`.
fn fee(
    rule: &SurchargeRule,
    base: Amount,
    funding: Option<Funding>,
    card_country: Option<Country>,
) -> Option<String> {
    surcharge(rule, base, funding, card_country)
        .unwrap()
        .map(|fee| fee.to_string())
}

const CREDIT: Option<Funding> = Some(Funding::Credit);

#[test]
fn a_credit_card_from_outside_the_eea_pays_the_percentage() {
    let rule = percent(250);
    assert_eq!(
        fee(&rule, amount("80.00", "USD"), CREDIT, country("US")),
        Some("2.00".into())
    );
}

#[test]
fn debit_and_prepaid_cards_are_never_surcharged_even_when_the_rule_names_them() {
    let rule = SurchargeRule::builder()
        .percent_bps(200)
        .fundings([Funding::Credit, Funding::Debit, Funding::Prepaid])
        .eu_consumer_cards_exempt(false)
        .build()
        .unwrap();
    let base = amount("100.00", "USD");
    for funding in [Funding::Debit, Funding::Prepaid] {
        assert_eq!(fee(&rule, base, Some(funding), country("US")), None);
    }
    assert_eq!(fee(&rule, base, CREDIT, country("US")), Some("2.00".into()));
}

#[test]
fn a_card_of_unknown_funding_is_not_surcharged() {
    let rule = SurchargeRule::builder()
        .percent_bps(200)
        .eu_consumer_cards_exempt(false)
        .build()
        .unwrap();
    assert_eq!(
        fee(&rule, amount("100.00", "USD"), None, country("US")),
        None
    );
    assert_eq!(fee(&rule, amount("100.00", "USD"), None, None), None);
}

#[test]
fn a_rule_that_does_not_name_credit_never_applies() {
    let rule = SurchargeRule::builder()
        .percent_bps(200)
        .fundings([Funding::Debit])
        .build()
        .unwrap();
    assert_eq!(
        fee(&rule, amount("100.00", "USD"), CREDIT, country("US")),
        None
    );
}

#[test]
fn cards_issued_in_the_eu_or_eea_are_exempt_by_default() {
    let rule = percent(200);
    let base = amount("100.00", "EUR");
    for code in ["FR", "DE", "IE", "NO", "IS", "LI", "RE", "AX"] {
        assert_eq!(fee(&rule, base, CREDIT, country(code)), None, "{code}");
    }
    for code in ["GB", "CH", "US", "IL", "BR"] {
        assert_eq!(
            fee(&rule, base, CREDIT, country(code)),
            Some("2.00".into()),
            "{code}"
        );
    }
}

#[test]
fn a_card_of_unknown_country_is_exempt_while_eu_cards_are() {
    let exempt = percent(200);
    let base = amount("100.00", "EUR");
    assert_eq!(fee(&exempt, base, CREDIT, None), None);
    let not_exempt = SurchargeRule::builder()
        .percent_bps(200)
        .eu_consumer_cards_exempt(false)
        .build()
        .unwrap();
    assert_eq!(fee(&not_exempt, base, CREDIT, None), Some("2.00".into()));
    assert_eq!(
        fee(&not_exempt, base, CREDIT, country("FR")),
        Some("2.00".into())
    );
}

#[test]
fn the_eea_is_the_eu_27_and_iceland_liechtenstein_norway_with_their_own_coded_regions() {
    let eea: Vec<&str> = Country::all()
        .filter(|country| country.is_in_eea())
        .map(Country::code)
        .collect();
    assert_eq!(
        eea,
        [
            "AT", "AX", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GF", "GP",
            "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MF", "MQ", "MT", "NL",
            "NO", "PL", "PT", "RE", "RO", "SE", "SI", "SK", "YT"
        ]
    );
}

#[test]
fn a_country_filter_surcharges_only_the_countries_it_names() {
    let rule = SurchargeRule::builder()
        .percent_bps(100)
        .countries([Country::parse("US").unwrap(), Country::parse("CA").unwrap()])
        .build()
        .unwrap();
    let base = amount("50.00", "USD");
    assert_eq!(fee(&rule, base, CREDIT, country("US")), Some("0.50".into()));
    assert_eq!(fee(&rule, base, CREDIT, country("CA")), Some("0.50".into()));
    assert_eq!(fee(&rule, base, CREDIT, country("MX")), None);
    assert_eq!(fee(&rule, base, CREDIT, None), None);
}

#[test]
fn the_eu_exemption_wins_over_a_country_filter_that_names_an_eu_country() {
    let rule = SurchargeRule::builder()
        .percent_bps(100)
        .countries([Country::parse("FR").unwrap()])
        .build()
        .unwrap();
    assert_eq!(
        fee(&rule, amount("50.00", "EUR"), CREDIT, country("FR")),
        None
    );
}

#[test]
fn the_cap_applies_to_the_percentage_and_the_fixed_amount_together() {
    let usd = currency("USD");
    let rule = SurchargeRule::builder()
        .percent_bps(250)
        .fixed(Amount::from_minor_units(30, usd).unwrap())
        .build()
        .unwrap();
    // 2.5% of 10.00 = 0.25, + 0.30 = 0.55, above 3% (0.30): capped.
    assert_eq!(
        fee(&rule, amount("10.00", "USD"), CREDIT, country("US")),
        Some("0.30".into())
    );
    // 2.5% of 100.00 = 2.50, + 0.30 = 2.80, under 3% (3.00).
    assert_eq!(
        fee(&rule, amount("100.00", "USD"), CREDIT, country("US")),
        Some("2.80".into())
    );
}

#[test]
fn a_custom_cap_replaces_three_percent() {
    let rule = SurchargeRule::builder()
        .percent_bps(400)
        .cap_bps(400)
        .build()
        .unwrap();
    assert_eq!(
        fee(&rule, amount("100.00", "USD"), CREDIT, country("US")),
        Some("4.00".into())
    );
}

#[test]
fn rounding_is_half_up_in_two_decimals() {
    let rule = percent(250);
    // 2.5% of 0.99 EUR = 0.02475 → 0.02; of 1.00 = 0.025 → 0.03 (under the cap of 0.03).
    assert_eq!(
        fee(&rule, amount("0.99", "EUR"), CREDIT, country("US")),
        Some("0.02".into())
    );
    assert_eq!(
        fee(&rule, amount("1.00", "EUR"), CREDIT, country("US")),
        Some("0.03".into())
    );
    // 2.5% of 12.34 = 0.3085 → 0.31.
    assert_eq!(
        fee(&rule, amount("12.34", "EUR"), CREDIT, country("US")),
        Some("0.31".into())
    );
}

#[test]
fn rounding_is_half_up_in_yen_without_decimals() {
    let rule = percent(250);
    // 2.5% of 1,020 yen = 25.5 → 26; of 1,000 = 25.
    assert_eq!(
        fee(&rule, amount("1020", "JPY"), CREDIT, country("JP")),
        Some("26".into())
    );
    assert_eq!(
        fee(&rule, amount("1000", "JPY"), CREDIT, country("JP")),
        Some("25".into())
    );
    // 2.5% of 19 yen = 0.475 → 0, and zero is no surcharge.
    assert_eq!(fee(&rule, amount("19", "JPY"), CREDIT, country("JP")), None);
    // 2.5% of 20 yen = 0.5 → 1, but the cap, 3% of 20 = 0.6, rounds down to 0.
    assert_eq!(fee(&rule, amount("20", "JPY"), CREDIT, country("JP")), None);
    // 3% of 34 yen = 1.02: the cap allows 1.
    assert_eq!(
        fee(&rule, amount("34", "JPY"), CREDIT, country("JP")),
        Some("1".into())
    );
}

#[test]
fn rounding_is_half_up_in_kuwaiti_dinar_with_three_decimals() {
    let rule = percent(150);
    // 1.5% of 1.234 KWD = 0.018510 → 0.019.
    assert_eq!(
        fee(&rule, amount("1.234", "KWD"), CREDIT, country("KW")),
        Some("0.019".into())
    );
    // 1.5% of 0.100 = 0.0015 → 0.002 (the cap, 0.003, allows it).
    assert_eq!(
        fee(&rule, amount("0.100", "KWD"), CREDIT, country("KW")),
        Some("0.002".into())
    );
    // 1.5% of 0.033 = 0.000495 → 0: none.
    assert_eq!(
        fee(&rule, amount("0.033", "KWD"), CREDIT, country("KW")),
        None
    );
}

#[test]
fn the_surcharge_is_in_the_currency_of_the_amount() {
    let result = surcharge(&percent(100), amount("500", "JPY"), CREDIT, country("JP"))
        .unwrap()
        .unwrap();
    assert_eq!(result.currency(), currency("JPY"));
    assert_eq!(result.to_minor_units(), 5);
}

#[test]
fn a_fixed_amount_alone_is_a_rule() {
    let eur = currency("EUR");
    let rule = SurchargeRule::builder()
        .fixed(Amount::from_minor_units(50, eur).unwrap())
        .eu_consumer_cards_exempt(false)
        .build()
        .unwrap();
    assert_eq!(rule.percent_bps(), 0);
    assert_eq!(
        fee(&rule, amount("100.00", "EUR"), CREDIT, None),
        Some("0.50".into())
    );
    // Capped at 3% of 10.00.
    assert_eq!(
        fee(&rule, amount("10.00", "EUR"), CREDIT, None),
        Some("0.30".into())
    );
}

#[test]
fn a_fixed_amount_in_another_currency_is_a_configuration_error() {
    let rule = SurchargeRule::builder()
        .fixed(Amount::from_minor_units(30, currency("USD")).unwrap())
        .build()
        .unwrap();
    let error = surcharge(&rule, amount("10.00", "EUR"), None, None).unwrap_err();
    assert_eq!(error, SurchargeError::CurrencyMismatch);
    assert_eq!(error.code().as_str(), "surcharge.currency_mismatch");
}

#[test]
fn rules_that_make_no_sense_are_refused_when_built() {
    assert_eq!(SurchargeRule::builder().build(), Err(SurchargeError::Empty));
    assert_eq!(
        SurchargeRule::builder().percent_bps(301).build(),
        Err(SurchargeError::PercentAboveCap)
    );
    assert_eq!(
        SurchargeRule::builder()
            .percent_bps(100)
            .cap_bps(50)
            .build(),
        Err(SurchargeError::PercentAboveCap)
    );
    assert_eq!(
        SurchargeRule::builder()
            .percent_bps(100)
            .cap_bps(10_001)
            .build(),
        Err(SurchargeError::CapTooHigh)
    );
    assert!(
        SurchargeRule::builder()
            .percent_bps(10_000)
            .cap_bps(10_000)
            .build()
            .is_ok()
    );
    assert_eq!(SurchargeError::Empty.code().as_str(), "surcharge.empty");
    assert_eq!(
        SurchargeError::PercentAboveCap.code().as_str(),
        "surcharge.percent_above_cap"
    );
    assert_eq!(
        SurchargeError::CapTooHigh.code().as_str(),
        "surcharge.cap_too_high"
    );
}

#[test]
fn a_card_number_feeds_the_surcharge_through_the_public_table() {
    let rule = percent(200);
    let base = amount("100.00", "THB");
    let thai_credit = CardNumber::parse("4000007640000003").unwrap();
    let thai_debit = CardNumber::parse("4000057640000008").unwrap();
    let brazil = CardNumber::parse("4000000760000002").unwrap();
    let surcharge_for = |card: &CardNumber| fee(&rule, base, card.funding(), card.issuer_country());
    assert_eq!(surcharge_for(&thai_credit), Some("2.00".into()));
    assert_eq!(surcharge_for(&thai_debit), None);
    assert_eq!(surcharge_for(&brazil), None, "Stripe names no funding");
    // The processor's answer wins over the table.
    assert_eq!(
        fee(
            &rule,
            base,
            Funding::from_code("credit"),
            brazil.issuer_country()
        ),
        Some("2.00".into())
    );
}

fn any_currency() -> impl Strategy<Value = Currency> {
    proptest::sample::select(vec![
        currency("EUR"),
        currency("JPY"),
        currency("KWD"),
        currency("USD"),
    ])
}

fn any_funding() -> impl Strategy<Value = Option<Funding>> {
    proptest::option::of(proptest::sample::select(Funding::ALL.to_vec()))
}

fn any_country() -> impl Strategy<Value = Option<Country>> {
    proptest::option::of(proptest::sample::select(Country::all().collect::<Vec<_>>()))
}

proptest! {
    #[test]
    fn the_surcharge_never_exceeds_the_cap_and_is_never_zero_or_negative(
        base_minor in 1i64..100_000_000_000,
        cap in 0u32..=10_000,
        percent_share in 0u32..=10_000,
        fixed_minor in proptest::option::of(1i64..10_000_000),
        currency in any_currency(),
        funding in any_funding(),
        card_country in any_country(),
        exempt in any::<bool>(),
    ) {
        let percent = (u64::from(cap) * u64::from(percent_share) / 10_000) as u32;
        let mut builder = SurchargeRule::builder()
            .percent_bps(percent)
            .cap_bps(cap)
            .eu_consumer_cards_exempt(exempt);
        if let Some(fixed) = fixed_minor {
            builder = builder.fixed(Amount::from_minor_units(fixed, currency).unwrap());
        }
        let Ok(rule) = builder.build() else {
            prop_assert!(percent == 0 && fixed_minor.is_none());
            return Ok(());
        };
        let base = Amount::from_minor_units(base_minor, currency).unwrap();
        let result = surcharge(&rule, base, funding, card_country).unwrap();
        if let Some(fee) = result {
            let fee_minor = i128::from(fee.to_minor_units());
            prop_assert!(fee_minor > 0);
            prop_assert!(fee_minor * 10_000 <= i128::from(base_minor) * i128::from(cap));
            prop_assert_eq!(fee.currency(), currency);
            prop_assert_eq!(funding, Some(Funding::Credit));
            if exempt {
                prop_assert!(card_country.is_some_and(|country| !country.is_in_eea()));
            }
        }
    }
}
