//! Behaviour tests for security codes (`SecurityCode`): the length each brand
//! issues, the optional code of UATP cards, validity while typing, and masking.

use kassa_card::{Brand, SecurityCode, SecurityCodeError};

fn digits(count: usize) -> String {
    "1234567890".chars().cycle().take(count).collect()
}

#[test]
fn american_express_takes_four_digits() {
    let code = SecurityCode::parse("1234", Some(Brand::AmericanExpress)).unwrap();
    assert_eq!(code.len(), 4);
    assert_eq!(code.expose_digits(), "1234");
}

#[test]
fn american_express_refuses_three_digits() {
    assert_eq!(
        SecurityCode::parse("123", Some(Brand::AmericanExpress)),
        Err(SecurityCodeError::Length)
    );
}

#[test]
fn visa_takes_three_digits_and_refuses_four() {
    assert_eq!(
        SecurityCode::parse("123", Some(Brand::Visa))
            .unwrap()
            .expose_digits(),
        "123"
    );
    assert_eq!(
        SecurityCode::parse("1234", Some(Brand::Visa)),
        Err(SecurityCodeError::Length)
    );
    assert_eq!(
        SecurityCode::parse("12", Some(Brand::Visa)),
        Err(SecurityCodeError::Length)
    );
}

#[test]
fn mastercard_and_discover_take_three_digits() {
    for brand in [Brand::Mastercard, Brand::Discover] {
        assert!(SecurityCode::parse("123", Some(brand)).is_ok(), "{brand}");
        assert_eq!(
            SecurityCode::parse("1234", Some(brand)),
            Err(SecurityCodeError::Length),
            "{brand}"
        );
    }
}

#[test]
fn every_brand_with_a_code_takes_exactly_its_size() {
    for &brand in Brand::ALL {
        let size = usize::from(brand.security_code_size());
        if size == 0 {
            continue;
        }
        let code = SecurityCode::parse(&digits(size), Some(brand)).unwrap();
        assert_eq!(code.len(), size, "{brand}");
        assert_eq!(
            SecurityCode::parse(&digits(size - 1), Some(brand)),
            Err(SecurityCodeError::Length),
            "{brand}"
        );
        assert_eq!(
            SecurityCode::parse(&digits(size + 1), Some(brand)),
            Err(SecurityCodeError::Length),
            "{brand}"
        );
    }
}

#[test]
fn an_unknown_brand_takes_three_or_four_digits() {
    assert_eq!(
        SecurityCode::parse("123", None).unwrap().expose_digits(),
        "123"
    );
    assert_eq!(
        SecurityCode::parse("1234", None).unwrap().expose_digits(),
        "1234"
    );
    assert_eq!(
        SecurityCode::parse("12", None),
        Err(SecurityCodeError::Length)
    );
    assert_eq!(
        SecurityCode::parse("12345", None),
        Err(SecurityCodeError::Length)
    );
}

#[test]
fn uatp_cards_may_leave_the_code_out() {
    assert_eq!(
        SecurityCode::parse_optional("", Some(Brand::Uatp)),
        Ok(None)
    );
    assert_eq!(
        SecurityCode::parse_optional("   ", Some(Brand::Uatp)),
        Ok(None)
    );
}

#[test]
fn a_code_given_for_a_uatp_card_must_still_be_three_or_four_digits() {
    let code = SecurityCode::parse_optional("123", Some(Brand::Uatp))
        .unwrap()
        .unwrap();
    assert_eq!(code.expose_digits(), "123");
    assert!(
        SecurityCode::parse_optional("1234", Some(Brand::Uatp))
            .unwrap()
            .is_some()
    );
    assert_eq!(
        SecurityCode::parse_optional("12", Some(Brand::Uatp)),
        Err(SecurityCodeError::Length)
    );
    assert_eq!(
        SecurityCode::parse_optional("12a", Some(Brand::Uatp)),
        Err(SecurityCodeError::Format)
    );
}

#[test]
fn brands_with_a_code_require_it_even_when_optional_parsing() {
    assert_eq!(
        SecurityCode::parse_optional("", Some(Brand::Visa)),
        Err(SecurityCodeError::Empty)
    );
    assert_eq!(
        SecurityCode::parse_optional("", None),
        Err(SecurityCodeError::Empty)
    );
    assert_eq!(
        SecurityCode::parse_optional("123", Some(Brand::Visa))
            .unwrap()
            .map(|code| code.len()),
        Some(3)
    );
}

#[test]
fn a_required_code_is_empty_when_nothing_is_given() {
    assert_eq!(
        SecurityCode::parse("", Some(Brand::Visa)),
        Err(SecurityCodeError::Empty)
    );
    assert_eq!(
        SecurityCode::parse("  ", None),
        Err(SecurityCodeError::Empty)
    );
    assert_eq!(
        SecurityCode::parse("", Some(Brand::Uatp)),
        Err(SecurityCodeError::Empty)
    );
}

#[test]
fn anything_but_ascii_digits_is_a_format_error() {
    for text in [
        "12a",
        "1 23",
        "-123",
        "+123",
        "12.3",
        "１２３",
        "١٢٣",
        "abc",
    ] {
        assert_eq!(
            SecurityCode::parse(text, None),
            Err(SecurityCodeError::Format),
            "{text:?}"
        );
    }
}

#[test]
fn surrounding_spaces_are_trimmed() {
    let code = SecurityCode::parse(" 987 \t", Some(Brand::Visa)).unwrap();
    assert_eq!(code.expose_digits(), "987");
    assert_eq!(code.len(), 3);
    assert!(!code.is_empty());
}

#[test]
fn leading_zeros_are_kept() {
    assert_eq!(
        SecurityCode::parse("007", Some(Brand::Visa))
            .unwrap()
            .expose_digits(),
        "007"
    );
    assert_eq!(
        SecurityCode::parse("0000", Some(Brand::AmericanExpress))
            .unwrap()
            .expose_digits(),
        "0000"
    );
}

#[test]
fn a_partly_typed_code_is_potentially_valid_up_to_the_brand_length() {
    for text in ["", "1", "12", "123"] {
        assert!(
            SecurityCode::is_potentially_valid(text, Some(Brand::Visa)),
            "{text:?}"
        );
    }
    assert!(!SecurityCode::is_potentially_valid(
        "1234",
        Some(Brand::Visa)
    ));
    assert!(SecurityCode::is_potentially_valid(
        "1234",
        Some(Brand::AmericanExpress)
    ));
    assert!(!SecurityCode::is_potentially_valid(
        "12345",
        Some(Brand::AmericanExpress)
    ));
}

#[test]
fn a_partly_typed_code_for_an_unknown_or_uatp_brand_may_reach_four_digits() {
    for brand in [None, Some(Brand::Uatp)] {
        assert!(
            SecurityCode::is_potentially_valid("1234", brand),
            "{brand:?}"
        );
        assert!(
            !SecurityCode::is_potentially_valid("12345", brand),
            "{brand:?}"
        );
    }
}

#[test]
fn a_code_with_a_letter_is_never_potentially_valid() {
    assert!(!SecurityCode::is_potentially_valid("1a", None));
    assert!(!SecurityCode::is_potentially_valid(
        "a",
        Some(Brand::AmericanExpress)
    ));
}

#[test]
fn debug_output_never_shows_the_digits() {
    let code = SecurityCode::parse("9876", None).unwrap();
    assert_eq!(format!("{code:?}"), "SecurityCode(***)");
    assert!(!format!("{code:#?}").contains("9876"));
    assert!(!format!("{:?}", Some(code)).contains('9'));
}

#[test]
fn codes_with_the_same_digits_are_equal() {
    assert_eq!(
        SecurityCode::parse("123", None),
        SecurityCode::parse(" 123 ", Some(Brand::Visa))
    );
    assert_ne!(
        SecurityCode::parse("123", None).unwrap(),
        SecurityCode::parse("1230", None).unwrap()
    );
}
