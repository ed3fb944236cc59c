//! Property tests: the invariants every parser and formatter must keep, on
//! inputs nobody would think to write by hand.

use kassa_card::{
    AddressInput, Amount, BillingAddress, Brand, CardNumber, CardholderName, Country, Currency,
    CustomerIp, Date, Email, Expiry, InputKind, InstallmentPlan, IsraeliId, Phone, PostalCode,
    SecurityCode, detect, format_card_number, format_expiry, generate_card_number, is_luhn_valid,
    luhn_check_digit,
};
use proptest::prelude::*;

fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn any_brand() -> impl Strategy<Value = Brand> {
    proptest::sample::select(
        Brand::ALL
            .iter()
            .copied()
            .filter(|brand| *brand != Brand::Isracard)
            .collect::<Vec<_>>(),
    )
}

fn input_kind() -> impl Strategy<Value = InputKind> {
    prop_oneof![
        Just(InputKind::Other),
        Just(InputKind::DeleteBackward),
        Just(InputKind::DeleteForward)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn typing_or_pasting_never_changes_the_digits(text in "[0-9 -]{0,30}", caret in 0usize..40) {
        let formatted = format_card_number(&text, caret, InputKind::Other);
        let digits = digits_of(&text);
        let kept = digits_of(formatted.text());
        prop_assert!(digits.starts_with(&kept), "{text:?} became {:?}", formatted.text());
        prop_assert_eq!(kept.len(), digits.len().min(usize::from(detect(&digits).max_length())));
        prop_assert!(formatted.caret() <= formatted.text().len());
    }

    #[test]
    fn formatting_is_idempotent(text in "[0-9]{0,19}") {
        let once = format_card_number(&text, text.len(), InputKind::Other);
        let twice = format_card_number(once.text(), once.caret(), InputKind::Other);
        prop_assert_eq!(&once, &twice);
        let once = format_expiry(&text, text.len(), InputKind::Other);
        let twice = format_expiry(once.text(), once.caret(), InputKind::Other);
        prop_assert_eq!(once.text(), twice.text());
    }

    #[test]
    fn a_deletion_removes_at_most_one_digit(text in "[0-9 ]{0,24}", caret in 0usize..30, kind in input_kind()) {
        let before = digits_of(&text);
        let formatted = format_card_number(&text, caret, kind);
        let after = digits_of(formatted.text());
        let limit = usize::from(detect(&before).max_length()).min(before.len());
        prop_assert!(after.len() + 1 >= limit, "{text:?} lost more than one digit: {:?}", formatted.text());
    }

    #[test]
    fn generated_numbers_parse_as_their_brand(brand in any_brand(), seed in any::<u64>()) {
        let number = generate_card_number(brand, seed).expect("every IIN brand generates");
        let card = CardNumber::parse(&number).expect("generated numbers are valid");
        prop_assert_eq!(card.brand(), brand);
        prop_assert_eq!(card.expose_digits(), number.as_str());
    }

    #[test]
    fn formatted_numbers_parse_back_to_the_same_digits(brand in any_brand(), seed in any::<u64>()) {
        let number = generate_card_number(brand, seed).expect("generated");
        let formatted = format_card_number(&number, number.len(), InputKind::Other);
        let card = CardNumber::parse(formatted.text()).expect("formatting keeps a number valid");
        prop_assert_eq!(card.expose_digits(), number.as_str());
        // Every prefix of a real number still has some candidate brand.
        for length in 1..=number.len() {
            prop_assert!(!detect(&number[..length]).is_empty(), "{brand:?} prefix {length}");
        }
    }

    #[test]
    fn masked_forms_never_show_more_than_bin_and_last_four(brand in any_brand(), seed in any::<u64>()) {
        let number = generate_card_number(brand, seed).expect("generated");
        let card = CardNumber::parse(&number).expect("valid");
        let middle = &number[6..number.len() - 4];
        for shown in [card.masked(), card.masked_short(), card.masked_last4(), format!("{card:?}"), card.to_string()] {
            prop_assert!(!shown.contains(&number), "{shown}");
            prop_assert!(middle.len() < 4 || !shown.contains(middle), "{shown} shows the middle digits");
            prop_assert_eq!(digits_of(&shown).len() <= 10, true);
        }
    }

    #[test]
    fn one_wrong_digit_always_breaks_luhn(partial in "[0-9]{11,18}", position in any::<prop::sample::Index>(), delta in 1u8..10) {
        let check = luhn_check_digit(&partial).expect("digits");
        let mut number: Vec<u8> = format!("{partial}{check}").into_bytes();
        prop_assert!(is_luhn_valid(std::str::from_utf8(&number).expect("ascii")));
        let at = position.index(number.len());
        number[at] = b'0' + (number[at] - b'0' + delta) % 10;
        prop_assert!(!is_luhn_valid(std::str::from_utf8(&number).expect("ascii")));
    }

    #[test]
    fn expiry_display_parses_back(month in 1u32..=12, year in 2000u32..=2099) {
        let expiry = Expiry::from_month_year(month, year).expect("valid month");
        prop_assert_eq!(Expiry::parse(&expiry.to_string()), Ok(expiry));
        prop_assert_eq!(Expiry::parse(&expiry.to_long_string()), Ok(expiry));
        prop_assert_eq!(Expiry::parse(&format!("{year}-{month:02}")), Ok(expiry));
    }

    #[test]
    fn amounts_round_trip_through_text_and_minor_units(minor in 1i64..=99_999_999, currency in proptest::sample::select(vec!["USD", "JPY", "KWD", "EUR", "CLF"])) {
        let Some(currency) = Currency::from_code(currency) else { return Ok(()) };
        let amount = Amount::from_minor_units(minor, currency).expect("positive");
        prop_assert_eq!(amount.to_minor_units(), minor);
        if let Ok(parsed) = Amount::parse(&amount.to_string(), currency) {
            prop_assert_eq!(parsed, amount);
        }
    }

    #[test]
    fn installment_plans_always_add_up(total in 1i64..=99_999_999, count in 1u8..=36, first in proptest::option::of(1i64..=99_999_999)) {
        let usd = Currency::from_code("USD").expect("USD");
        let total = Amount::from_minor_units(total, usd).expect("positive");
        let first = first.map(|minor| rust_decimal::Decimal::new(minor, 2));
        if let Ok(plan) = InstallmentPlan::new(total, count, first) {
            let payments: Vec<i64> = plan.payments().map(Amount::to_minor_units).collect();
            prop_assert_eq!(payments.len(), usize::from(count));
            prop_assert_eq!(payments.iter().sum::<i64>(), total.to_minor_units());
            prop_assert!(payments.iter().all(|&payment| payment > 0));
            prop_assert!(payments.windows(2).skip(1).all(|pair| pair[0] == pair[1]), "all but the first are equal");
        }
    }

    #[test]
    fn canonical_postal_codes_parse_to_themselves(text in "[A-Za-z0-9 -]{0,10}", country in proptest::sample::select(Country::all().collect::<Vec<_>>())) {
        if let Ok(code) = PostalCode::parse(&text, country) {
            prop_assert_eq!(PostalCode::parse(code.as_str(), country), Ok(code.clone()));
        }
    }

    #[test]
    fn normalised_emails_and_phones_parse_to_themselves(email in "[a-z0-9.+_-]{1,20}@[a-z0-9-]{1,10}\\.[a-z]{2,6}", phone in "\\+[1-9][0-9 ]{6,16}") {
        if let Ok(parsed) = Email::parse(&email) {
            prop_assert_eq!(Email::parse(parsed.as_str()), Ok(parsed.clone()));
        }
        if let Ok(parsed) = Phone::parse(&phone, None) {
            prop_assert_eq!(Phone::parse(parsed.as_str(), None), Ok(parsed.clone()));
        }
    }

    /// Whatever arrives from outside, every parser answers with a value or a
    /// typed error: never a panic.
    #[test]
    fn no_input_makes_any_parser_panic(text in any::<String>(), caret in any::<usize>(), kind in input_kind(), country in proptest::sample::select(Country::all().collect::<Vec<_>>())) {
        let today = Date::new(2026, 11, 21).expect("date");
        let _ = CardNumber::parse(&text);
        let _ = CardNumber::status(&text);
        let _ = detect(&text);
        let _ = Expiry::parse(&text);
        let _ = Expiry::status(&text, today);
        let _ = SecurityCode::parse(&text, None);
        let _ = SecurityCode::parse(&text, Some(Brand::AmericanExpress));
        let _ = CardholderName::parse(&text);
        let _ = IsraeliId::parse(&text);
        let _ = Currency::parse(&text);
        let _ = Amount::parse(&text, Currency::from_code("KWD").expect("KWD"));
        let _ = PostalCode::parse(&text, country);
        let _ = Email::parse(&text);
        let _ = Phone::parse(&text, Some(country));
        let _ = Phone::parse(&text, None);
        let _ = CustomerIp::parse(&text);
        let _ = Date::parse(&text);
        let _ = Date::parse_birth_date(&text, today);
        let _ = BillingAddress::parse(&AddressInput { line1: &text, city: &text, region: &text, postal_code: &text, country: &text, ..AddressInput::default() });
        let _ = format_card_number(&text, caret, kind);
        let _ = format_expiry(&text, caret, kind);
    }

    #[test]
    fn digit_heavy_input_never_panics(text in "[0-9/ .-]{0,30}", caret in 0usize..40, kind in input_kind()) {
        let today = Date::new(2026, 11, 21).expect("date");
        let _ = CardNumber::status(&text);
        let _ = Expiry::status(&text, today);
        let _ = Amount::parse(&text, Currency::from_code("JPY").expect("JPY"));
        let _ = format_card_number(&text, caret, kind);
        let _ = format_expiry(&text, caret, kind);
    }
}
