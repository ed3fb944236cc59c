//! Behaviour tests for money amounts (`Amount`, `AmountLimits`) and currencies
//! (`Currency`): exact minor units, the text accepted, limits, and lookups.

#![allow(clippy::unwrap_used)]

use kassa_card::{Amount, AmountError, AmountLimits, Currency, CurrencyError};
use rust_decimal::Decimal;

fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

fn usd() -> Currency {
    currency("USD")
}

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn shown(text: &str, code: &str) -> String {
    match Amount::parse(text, currency(code)) {
        Ok(amount) => amount.to_string(),
        Err(error) => panic!("{text:?} {code} was refused: {error}"),
    }
}

#[test]
fn a_decimal_string_is_exact_to_the_cent() {
    let amount = Amount::parse("15.04", usd()).unwrap();
    assert_eq!(amount.to_minor_units(), 1504);
    assert_eq!(amount.to_string(), "15.04");
    assert_eq!(amount.value(), Decimal::new(1504, 2));
    assert_eq!(amount.currency(), usd());
}

#[test]
fn an_integer_string_is_shown_with_the_currency_decimals() {
    assert_eq!(shown("42", "USD"), "42.00");
    assert_eq!(shown("42", "JPY"), "42");
    assert_eq!(shown("42", "KWD"), "42.000");
    assert_eq!(Amount::parse("42", usd()).unwrap().to_minor_units(), 4200);
}

#[test]
fn fewer_decimals_than_the_currency_has_are_padded() {
    assert_eq!(shown("0.5", "USD"), "0.50");
    assert_eq!(shown("1.2", "KWD"), "1.200");
    assert_eq!(
        Amount::parse("1.2", currency("KWD"))
            .unwrap()
            .to_minor_units(),
        1200
    );
}

#[test]
fn yen_have_no_minor_units() {
    let yen = currency("JPY");
    assert_eq!(yen.minor_units(), 0);
    let amount = Amount::parse("1500", yen).unwrap();
    assert_eq!(amount.to_minor_units(), 1500);
    assert_eq!(amount.to_string(), "1500");
    assert_eq!(Amount::parse("1500.5", yen), Err(AmountError::TooPrecise));
}

#[test]
fn dollars_have_two_minor_units() {
    assert_eq!(usd().minor_units(), 2);
    assert_eq!(Amount::parse("0.01", usd()).unwrap().to_minor_units(), 1);
    assert_eq!(Amount::parse("1.234", usd()), Err(AmountError::TooPrecise));
}

#[test]
fn kuwaiti_dinars_have_three_minor_units() {
    let kwd = currency("KWD");
    assert_eq!(kwd.minor_units(), 3);
    assert_eq!(Amount::parse("1.234", kwd).unwrap().to_minor_units(), 1234);
    assert_eq!(Amount::parse("1.2345", kwd), Err(AmountError::TooPrecise));
}

#[test]
fn trailing_zeros_beyond_the_minor_units_are_accepted() {
    assert_eq!(shown("100.00", "JPY"), "100");
    assert_eq!(shown("1.230", "USD"), "1.23");
    assert_eq!(shown("1.2000", "KWD"), "1.200");
    assert_eq!(shown("7.000000", "USD"), "7.00");
}

#[test]
fn leading_zeros_are_harmless() {
    assert_eq!(shown("007.50", "USD"), "7.50");
    assert_eq!(shown("0.10", "USD"), "0.10");
}

#[test]
fn the_same_amount_written_two_ways_is_equal() {
    assert_eq!(Amount::parse("1.5", usd()), Amount::parse("1.50", usd()));
    assert_eq!(Amount::parse("2", usd()), Amount::parse("2.000", usd()));
    assert_ne!(
        Amount::parse("2", usd()).unwrap(),
        Amount::parse("2", currency("EUR")).unwrap()
    );
}

#[test]
fn surrounding_spaces_are_trimmed() {
    assert_eq!(shown("  15.04 \t", "USD"), "15.04");
}

#[test]
fn a_comma_is_not_a_decimal_or_thousands_separator() {
    assert_eq!(Amount::parse("1,000.00", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("1,5", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("1.000,00", usd()), Err(AmountError::Format));
}

#[test]
fn an_exponent_is_a_format_error() {
    for text in ["1e3", "1E3", "1.5e2", "1e-2"] {
        assert_eq!(
            Amount::parse(text, usd()),
            Err(AmountError::Format),
            "{text:?}"
        );
    }
}

#[test]
fn a_plus_sign_is_a_format_error() {
    assert_eq!(Amount::parse("+5", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("5+", usd()), Err(AmountError::Format));
}

#[test]
fn spaces_inside_a_number_are_a_format_error() {
    assert_eq!(Amount::parse("1 000", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("10 .00", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("- 5", usd()), Err(AmountError::Format));
}

#[test]
fn a_leading_or_trailing_dot_is_a_format_error() {
    assert_eq!(Amount::parse(".5", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("5.", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse(".", usd()), Err(AmountError::Format));
    assert_eq!(Amount::parse("1.2.3", usd()), Err(AmountError::Format));
}

#[test]
fn other_text_is_a_format_error() {
    for text in [
        "abc", "$5", "5$", "0x10", "NaN", "inf", "Infinity", "٥", "５", "--5", "-",
    ] {
        assert_eq!(
            Amount::parse(text, usd()),
            Err(AmountError::Format),
            "{text:?}"
        );
    }
}

#[test]
fn nothing_at_all_is_empty() {
    assert_eq!(Amount::parse("", usd()), Err(AmountError::Empty));
    assert_eq!(Amount::parse("   ", usd()), Err(AmountError::Empty));
}

#[test]
fn zero_is_not_positive() {
    for text in ["0", "0.00", "000", "-0", "-0.00"] {
        assert_eq!(
            Amount::parse(text, usd()),
            Err(AmountError::NotPositive),
            "{text:?}"
        );
    }
    assert_eq!(
        Amount::from_decimal(Decimal::ZERO, usd()),
        Err(AmountError::NotPositive)
    );
}

#[test]
fn a_negative_amount_is_not_positive() {
    assert_eq!(Amount::parse("-5", usd()), Err(AmountError::NotPositive));
    assert_eq!(Amount::parse("-0.01", usd()), Err(AmountError::NotPositive));
    assert_eq!(
        Amount::from_decimal(Decimal::NEGATIVE_ONE, usd()),
        Err(AmountError::NotPositive)
    );
}

#[test]
fn default_limits_are_one_cent_to_just_under_a_million_inclusive() {
    let limits = AmountLimits::default();
    assert_eq!(limits.min(), decimal("0.01"));
    assert_eq!(limits.max(), decimal("999999.99"));
    assert_eq!(Amount::parse("0.01", usd()).unwrap().to_minor_units(), 1);
    assert_eq!(
        Amount::parse("999999.99", usd()).unwrap().to_minor_units(),
        99_999_999
    );
    assert_eq!(Amount::parse("1000000", usd()), Err(AmountError::TooLarge));
    assert_eq!(
        Amount::parse("1000000.00", usd()),
        Err(AmountError::TooLarge)
    );
}

#[test]
fn default_limits_apply_in_currencies_with_other_minor_units() {
    let kwd = currency("KWD");
    assert_eq!(Amount::parse("0.009", kwd), Err(AmountError::TooSmall));
    assert!(Amount::parse("0.010", kwd).is_ok());
    assert_eq!(Amount::parse("999999.991", kwd), Err(AmountError::TooLarge));
    let yen = currency("JPY");
    assert!(Amount::parse("999999", yen).is_ok());
    assert_eq!(Amount::parse("1000000", yen), Err(AmountError::TooLarge));
}

#[test]
fn custom_limits_are_inclusive_at_both_ends() {
    let limits = AmountLimits::new(decimal("0.50"), decimal("100")).unwrap();
    assert_eq!(
        Amount::parse_within("0.49", usd(), limits),
        Err(AmountError::TooSmall)
    );
    assert_eq!(
        Amount::parse_within("0.50", usd(), limits)
            .unwrap()
            .to_minor_units(),
        50
    );
    assert_eq!(
        Amount::parse_within("100", usd(), limits)
            .unwrap()
            .to_minor_units(),
        10_000
    );
    assert_eq!(
        Amount::parse_within("100.01", usd(), limits),
        Err(AmountError::TooLarge)
    );
    assert_eq!(
        Amount::from_decimal_within(decimal("100.01"), usd(), limits),
        Err(AmountError::TooLarge)
    );
}

#[test]
fn custom_limits_may_reach_past_the_default_maximum() {
    let limits = AmountLimits::new(Decimal::ONE, decimal("5000000")).unwrap();
    assert_eq!(
        Amount::parse_within("2500000.25", usd(), limits)
            .unwrap()
            .to_minor_units(),
        250_000_025
    );
}

#[test]
fn limits_must_be_positive_and_in_order() {
    assert!(AmountLimits::new(Decimal::ONE, Decimal::ZERO).is_none());
    assert!(AmountLimits::new(Decimal::ZERO, Decimal::ONE).is_none());
    assert!(AmountLimits::new(Decimal::NEGATIVE_ONE, Decimal::ONE).is_none());
    assert!(AmountLimits::new(decimal("2"), decimal("1.99")).is_none());
    let single = AmountLimits::new(Decimal::TEN, Decimal::TEN).unwrap();
    assert!(Amount::parse_within("10", usd(), single).is_ok());
    assert_eq!(
        Amount::parse_within("10.01", usd(), single),
        Err(AmountError::TooLarge)
    );
}

#[test]
fn minor_units_round_trip_in_every_currency_shape() {
    for code in ["USD", "JPY", "KWD"] {
        for minor in [1_i64, 7, 99, 100, 1504, 99_999_999, 1_000_000_000_000] {
            let amount = Amount::from_minor_units(minor, currency(code)).unwrap();
            assert_eq!(amount.to_minor_units(), minor, "{code} {minor}");
            let within = AmountLimits::new(decimal("0.001"), Decimal::MAX).unwrap();
            let reparsed = Amount::parse_within(&amount.to_string(), currency(code), within);
            assert_eq!(reparsed, Ok(amount), "{code} {minor}");
        }
    }
}

#[test]
fn from_minor_units_refuses_zero_and_negatives() {
    assert_eq!(
        Amount::from_minor_units(0, usd()),
        Err(AmountError::NotPositive)
    );
    assert_eq!(
        Amount::from_minor_units(-1, usd()),
        Err(AmountError::NotPositive)
    );
    assert_eq!(
        Amount::from_minor_units(i64::MIN, usd()),
        Err(AmountError::NotPositive)
    );
}

#[test]
fn from_minor_units_places_the_decimal_point_by_currency() {
    assert_eq!(
        Amount::from_minor_units(1504, usd()).unwrap().to_string(),
        "15.04"
    );
    assert_eq!(
        Amount::from_minor_units(1504, currency("JPY"))
            .unwrap()
            .to_string(),
        "1504"
    );
    assert_eq!(
        Amount::from_minor_units(1504, currency("KWD"))
            .unwrap()
            .to_string(),
        "1.504"
    );
}

#[test]
fn from_decimal_accepts_trailing_zeros_and_refuses_extra_decimals() {
    assert_eq!(
        Amount::from_decimal(Decimal::new(1500, 2), currency("JPY"))
            .unwrap()
            .to_string(),
        "15"
    );
    assert_eq!(
        Amount::from_decimal(Decimal::new(1501, 2), currency("JPY")),
        Err(AmountError::TooPrecise)
    );
}

#[test]
fn the_largest_accepted_integer_part_fits_minor_units_exactly() {
    let limits = AmountLimits::new(Decimal::ONE, Decimal::MAX).unwrap();
    let amount = Amount::parse_within("999999999999999.999", currency("KWD"), limits).unwrap();
    assert_eq!(amount.to_minor_units(), 999_999_999_999_999_999);
    assert_eq!(
        Amount::parse_within("1000000000000000", usd(), limits),
        Err(AmountError::TooLarge)
    );
}

#[test]
fn forty_digit_amounts_are_refused_without_panicking() {
    let forty = "9".repeat(40);
    assert_eq!(Amount::parse(&forty, usd()), Err(AmountError::TooLarge));
    let limits = AmountLimits::new(Decimal::ONE, Decimal::MAX).unwrap();
    assert_eq!(
        Amount::parse_within(&forty, usd(), limits),
        Err(AmountError::TooLarge)
    );
    assert_eq!(
        Amount::parse(&format!("{forty}.99"), usd()),
        Err(AmountError::TooLarge)
    );
    assert!(matches!(
        Amount::parse(&format!("-{forty}"), usd()),
        Err(AmountError::TooLarge | AmountError::NotPositive)
    ));
}

#[test]
fn forty_leading_zeros_do_not_make_an_amount_large() {
    let text = format!("{}1.00", "0".repeat(40));
    assert_eq!(shown(&text, "USD"), "1.00");
}

#[test]
fn forty_trailing_zeros_are_still_only_trailing_zeros() {
    let text = format!("1.{}", "0".repeat(40));
    assert_eq!(shown(&text, "USD"), "1.00");
}

#[test]
fn forty_decimal_places_are_too_precise_not_too_large() {
    let text = format!("0.{}1", "0".repeat(39));
    assert_eq!(Amount::parse(&text, usd()), Err(AmountError::TooPrecise));
}

#[test]
fn currencies_are_found_by_code_in_any_case() {
    for text in ["EUR", "eur", "Eur", " eur "] {
        assert_eq!(
            Currency::from_code(text).map(Currency::code),
            Some("EUR"),
            "{text:?}"
        );
    }
    assert_eq!(Currency::from_code("jpy").unwrap().numeric(), 392);
}

#[test]
fn codes_that_are_not_three_letters_are_not_found() {
    for text in ["", "E", "EU", "EURO", "€", "E U R"] {
        assert!(Currency::from_code(text).is_none(), "{text:?}");
    }
}

#[test]
fn currencies_are_found_by_numeric_code() {
    assert_eq!(Currency::from_numeric(978).map(Currency::code), Some("EUR"));
    assert_eq!(Currency::from_numeric(840).map(Currency::code), Some("USD"));
    assert_eq!(Currency::from_numeric(392).map(Currency::code), Some("JPY"));
    assert_eq!(Currency::from_numeric(414).map(Currency::code), Some("KWD"));
    assert!(Currency::from_numeric(0).is_none());
    assert!(Currency::from_numeric(1000).is_none());
}

#[test]
fn currencies_are_found_by_english_name_in_any_case() {
    assert_eq!(Currency::from_name("Euro").map(Currency::code), Some("EUR"));
    assert_eq!(
        Currency::from_name("us dollar").map(Currency::code),
        Some("USD")
    );
    assert_eq!(Currency::from_name("YEN").map(Currency::code), Some("JPY"));
    assert_eq!(
        Currency::from_name(" Pound Sterling ").map(Currency::code),
        Some("GBP")
    );
    assert_eq!(
        Currency::from_name("Kuwaiti Dinar").map(Currency::code),
        Some("KWD")
    );
    assert!(Currency::from_name("Dollar").is_none());
}

#[test]
fn parse_accepts_a_code_a_numeric_code_or_a_name() {
    assert_eq!(Currency::parse("eur").map(Currency::code), Ok("EUR"));
    assert_eq!(Currency::parse("978").map(Currency::code), Ok("EUR"));
    assert_eq!(Currency::parse("euro").map(Currency::code), Ok("EUR"));
    assert_eq!(Currency::parse("840").map(Currency::name), Ok("US Dollar"));
    assert_eq!("kwd".parse::<Currency>().map(Currency::minor_units), Ok(3));
}

#[test]
fn unknown_currencies_are_refused() {
    for text in ["ZZZ", "ABC", "", "0", "99999", "Bitcoin", "BTC"] {
        assert_eq!(
            Currency::parse(text),
            Err(CurrencyError::Unknown),
            "{text:?}"
        );
    }
}

#[test]
fn precious_metals_and_testing_codes_are_excluded() {
    for text in [
        "XAU", "xau", "XAG", "XPT", "XPD", "XTS", "XXX", "959", "963", "999",
    ] {
        assert_eq!(
            Currency::parse(text),
            Err(CurrencyError::Unknown),
            "{text:?}"
        );
    }
}

#[test]
fn all_currencies_are_sorted_by_code_and_include_the_common_ones() {
    let codes: Vec<&str> = Currency::all().map(Currency::code).collect();
    assert!(
        codes.windows(2).all(|pair| pair[0] < pair[1]),
        "sorted and unique"
    );
    for code in ["EUR", "USD", "JPY", "KWD", "GBP", "ILS"] {
        assert!(codes.contains(&code), "{code}");
    }
    for code in ["XAU", "XTS", "XXX"] {
        assert!(!codes.contains(&code), "{code}");
    }
    assert!(codes.len() > 150);
}

#[test]
fn every_listed_currency_is_found_by_its_own_code_and_numeric_code() {
    for currency in Currency::all() {
        let code = currency.code();
        assert_eq!(code.len(), 3, "{code}");
        assert!(code.bytes().all(|byte| byte.is_ascii_uppercase()), "{code}");
        assert_eq!(Currency::from_code(code), Some(currency), "{code}");
        assert_eq!(
            Currency::from_code(&code.to_lowercase()),
            Some(currency),
            "{code}"
        );
        assert_eq!(
            Currency::from_numeric(currency.numeric()),
            Some(currency),
            "{code}"
        );
        assert!(currency.minor_units() <= 4, "{code}");
        assert!(!currency.name().is_empty(), "{code}");
    }
}

#[test]
fn a_currency_prints_as_its_code() {
    let euro = currency("eur");
    assert_eq!(euro.to_string(), "EUR");
    assert_eq!(format!("{euro:?}"), "Currency(EUR)");
    assert_eq!(euro.name(), "Euro");
}
