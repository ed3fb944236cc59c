//! Behaviour tests for the payer's contact details: email addresses (`Email`),
//! phone numbers in E.164 (`Phone`) and IP addresses (`CustomerIp`).

#![allow(clippy::unwrap_used)]

use kassa_card::{Country, CustomerIp, Email, EmailError, IpError, Phone, PhoneError};

fn email(text: &str) -> String {
    match Email::parse(text) {
        Ok(email) => email.as_str().to_owned(),
        Err(error) => panic!("{text:?} was refused: {error}"),
    }
}

fn country(code: &str) -> Option<Country> {
    Some(Country::parse(code).unwrap())
}

fn e164(text: &str, default_country: Option<Country>) -> String {
    match Phone::parse(text, default_country) {
        Ok(phone) => phone.as_str().to_owned(),
        Err(error) => panic!("{text:?} in {default_country:?} was refused: {error}"),
    }
}

#[test]
fn ordinary_email_addresses_are_accepted() {
    for text in [
        "jane@example.com",
        "jane.doe@example.co.uk",
        "o'brien@example.ie",
        "user_name-1@sub-domain.example.org",
        "a@b.co",
        "1234@example.com",
        "jane@123.example.com",
        "x@example.museum",
    ] {
        assert_eq!(email(text), text);
    }
}

#[test]
fn plus_tags_are_kept() {
    assert_eq!(email("jane+shop@example.com"), "jane+shop@example.com");
    assert_eq!(email("jane+a+b@example.com"), "jane+a+b@example.com");
}

#[test]
fn the_domain_is_lower_cased_and_the_local_part_kept() {
    assert_eq!(
        email(" Jane.Doe+Shop@Example.COM "),
        "Jane.Doe+Shop@example.com"
    );
    assert_eq!(email("JANE@EXAMPLE.COM").to_string(), "JANE@example.com");
}

#[test]
fn a_punycode_top_level_domain_is_accepted() {
    assert_eq!(email("user@example.xn--p1ai"), "user@example.xn--p1ai");
    assert_eq!(email("user@xn--80ak6aa92e.com"), "user@xn--80ak6aa92e.com");
    assert_eq!(email("user@example.XN--P1AI"), "user@example.xn--p1ai");
}

#[test]
fn a_domain_without_a_top_level_domain_is_refused() {
    assert_eq!(Email::parse("jane@localhost"), Err(EmailError::Format));
    assert_eq!(Email::parse("jane@example"), Err(EmailError::Format));
}

#[test]
fn a_numeric_or_one_letter_top_level_domain_is_refused() {
    assert_eq!(Email::parse("jane@example.123"), Err(EmailError::Format));
    assert_eq!(Email::parse("jane@192.168.0.1"), Err(EmailError::Format));
    assert_eq!(Email::parse("jane@example.c0m"), Err(EmailError::Format));
    assert_eq!(Email::parse("jane@example.c"), Err(EmailError::Format));
}

#[test]
fn misplaced_dots_are_refused() {
    for text in [
        ".jane@example.com",
        "jane.@example.com",
        "jane..doe@example.com",
        "jane@.example.com",
        "jane@example..com",
        "jane@example.com.",
    ] {
        assert_eq!(Email::parse(text), Err(EmailError::Format), "{text:?}");
    }
}

#[test]
fn hyphens_may_sit_inside_a_domain_label_but_not_at_its_ends() {
    assert_eq!(
        email("jane@my-shop.example.com"),
        "jane@my-shop.example.com"
    );
    for text in [
        "jane@-example.com",
        "jane@example-.com",
        "jane@example.-com",
    ] {
        assert_eq!(Email::parse(text), Err(EmailError::Format), "{text:?}");
    }
}

#[test]
fn spaces_inside_an_address_are_refused() {
    for text in [
        "jane doe@example.com",
        "jane@exa mple.com",
        "jane @example.com",
    ] {
        assert_eq!(Email::parse(text), Err(EmailError::Format), "{text:?}");
    }
}

#[test]
fn anything_but_exactly_one_at_sign_is_refused() {
    for text in [
        "jane@doe@example.com",
        "jane@@example.com",
        "jane.example.com",
        "@example.com",
        "jane@",
        "@",
    ] {
        assert_eq!(Email::parse(text), Err(EmailError::Format), "{text:?}");
    }
}

#[test]
fn quoted_ip_literal_and_non_ascii_addresses_are_refused() {
    for text in [
        "\"jane doe\"@example.com",
        "jane@[192.168.0.1]",
        "jané@example.com",
        "jane@exämple.com",
        "jane@example.рф",
        "jane(comment)@example.com",
    ] {
        assert_eq!(Email::parse(text), Err(EmailError::Format), "{text:?}");
    }
}

#[test]
fn nothing_at_all_is_empty() {
    assert_eq!(Email::parse(""), Err(EmailError::Empty));
    assert_eq!(Email::parse("  \t"), Err(EmailError::Empty));
}

/// `a…@b….c….d….com` with a 64-character local part and 63-character labels.
fn address_of_length(length: usize) -> String {
    let local = "a".repeat(64);
    let fixed = 64 + 1 + 63 + 1 + 63 + 1 + 4;
    let third = "d".repeat(length - fixed);
    format!("{local}@{}.{}.{third}.com", "b".repeat(63), "c".repeat(63))
}

#[test]
fn an_address_of_254_characters_is_accepted() {
    let text = address_of_length(254);
    assert_eq!(text.len(), 254);
    assert_eq!(email(&text), text);
}

#[test]
fn an_address_of_255_characters_is_too_long() {
    let text = address_of_length(255);
    assert_eq!(text.len(), 255);
    assert_eq!(Email::parse(&text), Err(EmailError::TooLong));
    assert_eq!(Email::parse(&"a".repeat(1_000)), Err(EmailError::TooLong));
}

#[test]
fn a_local_part_may_have_at_most_64_characters() {
    let sixty_four = format!("{}@example.com", "a".repeat(64));
    assert_eq!(email(&sixty_four), sixty_four);
    let sixty_five = format!("{}@example.com", "a".repeat(65));
    assert_eq!(Email::parse(&sixty_five), Err(EmailError::Format));
}

#[test]
fn a_domain_label_may_have_at_most_63_characters() {
    let sixty_three = format!("jane@{}.com", "b".repeat(63));
    assert_eq!(email(&sixty_three), sixty_three);
    let sixty_four = format!("jane@{}.com", "b".repeat(64));
    assert_eq!(Email::parse(&sixty_four), Err(EmailError::Format));
}

#[test]
fn us_numbers_are_normalised_to_e164() {
    let us = country("US");
    assert_eq!(e164("(415) 555-0123", us), "+14155550123");
    assert_eq!(e164("415.555.0123", us), "+14155550123");
    assert_eq!(e164("1 415 555 0123", us), "+14155550123");
    assert_eq!(e164("+1 415 555 0123", us), "+14155550123");
    assert_eq!(e164("+1 (415) 555-0123", None), "+14155550123");
}

#[test]
fn north_american_numbers_have_exactly_ten_digits() {
    let us = country("US");
    assert_eq!(Phone::parse("415 555 012", us), Err(PhoneError::Length));
    assert_eq!(Phone::parse("415 555 01234", us), Err(PhoneError::Length));
    assert_eq!(Phone::parse("+1 415 555", None), Err(PhoneError::Length));
}

#[test]
fn uk_numbers_drop_their_trunk_zero() {
    let gb = country("GB");
    assert_eq!(e164("020 7946 0958", gb), "+442079460958");
    assert_eq!(e164("07700 900123", gb), "+447700900123");
    assert_eq!(e164("+44 20 7946 0958", None), "+442079460958");
}

#[test]
fn french_numbers_drop_their_trunk_zero() {
    let fr = country("FR");
    assert_eq!(e164("06 12 34 56 78", fr), "+33612345678");
    assert_eq!(e164("+33 6 12 34 56 78", None), "+33612345678");
    assert_eq!(e164("+33 6 12 34 56 78", country("US")), "+33612345678");
}

#[test]
fn israeli_numbers_drop_their_trunk_zero() {
    let il = country("IL");
    assert_eq!(e164("050-123-4567", il), "+972501234567");
    assert_eq!(e164("03-123-4567", il), "+97231234567");
    assert_eq!(e164("+972-50-123-4567", None), "+972501234567");
}

#[test]
fn german_numbers_drop_their_trunk_zero() {
    let de = country("DE");
    assert_eq!(e164("030 123456", de), "+4930123456");
    assert_eq!(e164("030/123456", de), "+4930123456");
    assert_eq!(e164("+49 30 123456", None), "+4930123456");
}

#[test]
fn italian_numbers_keep_their_leading_zero() {
    let it = country("IT");
    assert_eq!(e164("06 1234 5678", it), "+390612345678");
    assert_eq!(e164("+39 06 1234 5678", None), "+390612345678");
    assert_eq!(e164("333 123 4567", it), "+393331234567");
}

#[test]
fn russian_numbers_drop_their_trunk_eight() {
    let ru = country("RU");
    assert_eq!(e164("8 (912) 345-67-89", ru), "+79123456789");
    assert_eq!(e164("+7 912 345-67-89", None), "+79123456789");
    assert_eq!(e164("8 701 123 4567", country("KZ")), "+77011234567");
}

#[test]
fn a_leading_double_zero_is_an_international_prefix() {
    assert_eq!(e164("0044 20 7946 0958", None), "+442079460958");
    assert_eq!(e164("00 33 6 12 34 56 78", country("DE")), "+33612345678");
    assert_eq!(e164("001 415 555 0123", None), "+14155550123");
}

#[test]
fn calling_code_and_national_number_are_split_apart() {
    let phone = Phone::parse("+972 50 123 4567", None).unwrap();
    assert_eq!(phone.country_calling_code(), 972);
    assert_eq!(phone.national_number(), "501234567");
    assert_eq!(phone.to_string(), "+972501234567");
    let phone = Phone::parse("0044 20 7946 0958", None).unwrap();
    assert_eq!(phone.country_calling_code(), 44);
    assert_eq!(phone.national_number(), "2079460958");
}

#[test]
fn a_national_number_without_a_country_has_no_country_code() {
    assert_eq!(
        Phone::parse("06 12 34 56 78", None),
        Err(PhoneError::CountryCode)
    );
    assert_eq!(Phone::parse("555-0123", None), Err(PhoneError::CountryCode));
}

#[test]
fn an_unknown_country_calling_code_is_refused() {
    for text in [
        "+999 123 4567",
        "+210 123 4567",
        "+888 123 4567",
        "00999 123 4567",
        "+",
    ] {
        assert_eq!(
            Phone::parse(text, None),
            Err(PhoneError::CountryCode),
            "{text:?}"
        );
    }
}

#[test]
fn a_calling_code_starting_with_zero_is_unknown() {
    assert_eq!(
        Phone::parse("+0 1 415 555 0123", None),
        Err(PhoneError::CountryCode)
    );
    assert_eq!(
        Phone::parse("+044 20 7946 0958", None),
        Err(PhoneError::CountryCode)
    );
}

#[test]
fn too_short_numbers_are_refused() {
    assert_eq!(Phone::parse("+44 123", None), Err(PhoneError::Length));
    assert_eq!(Phone::parse("12", country("FR")), Err(PhoneError::Length));
    assert_eq!(Phone::parse("0", country("FR")), Err(PhoneError::Length));
}

#[test]
fn numbers_over_fifteen_digits_are_refused() {
    assert_eq!(
        Phone::parse("+44 1234 5678 9012 3456", None),
        Err(PhoneError::Length)
    );
    assert_eq!(
        Phone::parse("06 12 34 56 78 90 12 34 56", country("FR")),
        Err(PhoneError::Length)
    );
    assert_eq!(
        Phone::parse(&"9".repeat(40), country("FR")),
        Err(PhoneError::Length)
    );
    assert_eq!(
        Phone::parse(&format!("+{}", "4".repeat(40)), None),
        Err(PhoneError::Length)
    );
}

#[test]
fn a_number_of_exactly_fifteen_digits_is_accepted() {
    assert_eq!(e164("+44 1234 5678 9012 3", None), "+441234567890123");
}

#[test]
fn letters_and_symbols_are_format_errors() {
    for text in [
        "415-555-CALL",
        "+1 415 555 0123 ext 4",
        "call me",
        "415#555#0123",
        "+1 415 555 0123;",
        "+1 ４１５ 555 0123",
    ] {
        assert_eq!(
            Phone::parse(text, country("US")),
            Err(PhoneError::Format),
            "{text:?}"
        );
    }
}

#[test]
fn nothing_at_all_is_an_empty_phone() {
    assert_eq!(Phone::parse("", country("US")), Err(PhoneError::Empty));
    assert_eq!(Phone::parse("   ", None), Err(PhoneError::Empty));
}

#[test]
fn ipv4_addresses_are_accepted() {
    for text in [
        "203.0.113.7",
        "0.0.0.0",
        "255.255.255.255",
        "10.0.0.1",
        " 192.168.1.1 ",
    ] {
        let ip = CustomerIp::parse(text).unwrap();
        assert!(ip.is_ipv4(), "{text:?}");
        assert_eq!(ip.to_string(), text.trim());
    }
}

#[test]
fn ipv6_addresses_are_accepted_and_printed_canonically() {
    for (text, shown) in [
        ("2001:db8::1", "2001:db8::1"),
        ("::1", "::1"),
        ("::", "::"),
        ("FE80::1", "fe80::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
    ] {
        let ip = CustomerIp::parse(text).unwrap();
        assert!(!ip.is_ipv4(), "{text:?}");
        assert!(ip.addr().is_ipv6(), "{text:?}");
        assert_eq!(ip.to_string(), shown, "{text:?}");
    }
}

#[test]
fn text_that_is_not_an_ip_address_is_refused() {
    for text in [
        "",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "1.2.3.4/24",
        "1.2.3.4:80",
        "01.2.3.4",
        "1.2.3.-4",
        "[::1]",
        "2001:db8:::1",
        "2001:db8::1::2",
        "gggg::1",
        "fe80::1%eth0",
        "localhost",
        "1 .2.3.4",
    ] {
        assert_eq!(CustomerIp::parse(text), Err(IpError::Format), "{text:?}");
    }
}
