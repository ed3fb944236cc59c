//! Behaviour tests for the stable error codes (`ErrorCode`), their messages in
//! every locale (`Locale`), and the code each error type reports (`Coded`).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fmt::Display;

use kassa_card::{
    AddressError, AddressInput, AmountError, BillingAddress, Brand, CardNumberError, Coded,
    CountryError, CurrencyError, DateError, EmailError, ErrorCode, ExpiryError, InstallmentError,
    IpError, IsraeliIdError, Locale, NameError, PhoneError, PostalCodeError, SecurityCodeError,
    SurchargeError, UnknownBrand,
};

fn is_lower_snake_case(word: &str) -> bool {
    word.starts_with(|character: char| character.is_ascii_lowercase())
        && !word.ends_with('_')
        && !word.contains("__")
        && word.chars().all(|character| {
            character.is_ascii_lowercase() || character.is_ascii_digit() || character == '_'
        })
}

fn is_hebrew_letter(character: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&character)
}

/// Checks everything a coded error promises, and returns its code.
fn check<E: Coded + Display + std::error::Error>(error: &E, expected: ErrorCode) -> ErrorCode {
    assert_eq!(error.code(), expected, "{error}");
    for &locale in Locale::ALL {
        assert_eq!(error.message(locale), expected.message(locale), "{error}");
    }
    let shown = error.to_string();
    assert!(
        shown.contains(expected.as_str()),
        "{shown:?} lacks {expected}"
    );
    // Display is lowercase by convention: the message starts in lower case.
    let english = expected.message(Locale::En);
    let mut characters = english.chars();
    let lowered: String = characters
        .next()
        .map(|first| first.to_lowercase().chain(characters).collect())
        .unwrap_or_default();
    assert!(
        shown == format!("{}: {lowered}", expected.as_str()),
        "{shown:?} is not the code and the lower-cased English message"
    );
    expected
}

fn address_error(input: &AddressInput<'_>) -> AddressError {
    BillingAddress::parse(input).unwrap_err()
}

/// One sample of every variant of every error type, with the code it must
/// report.
fn every_error_code_reported() -> BTreeSet<ErrorCode> {
    let mut seen = BTreeSet::new();
    for (error, code) in [
        (CardNumberError::Empty, ErrorCode::CardNumberEmpty),
        (
            CardNumberError::InvalidCharacter { index: 3 },
            ErrorCode::CardNumberInvalidCharacter,
        ),
        (CardNumberError::TooShort, ErrorCode::CardNumberTooShort),
        (CardNumberError::TooLong, ErrorCode::CardNumberTooLong),
        (
            CardNumberError::Length { brand: Brand::Visa },
            ErrorCode::CardNumberLength,
        ),
        (CardNumberError::Checksum, ErrorCode::CardNumberChecksum),
        (
            CardNumberError::UnknownBrand,
            ErrorCode::CardNumberUnknownBrand,
        ),
    ] {
        seen.insert(check(&error, code));
    }
    seen.insert(check(&UnknownBrand, ErrorCode::BrandUnknown));
    for (error, code) in [
        (ExpiryError::Empty, ErrorCode::ExpiryEmpty),
        (ExpiryError::Format, ErrorCode::ExpiryFormat),
        (ExpiryError::Month, ErrorCode::ExpiryMonth),
        (ExpiryError::InPast, ErrorCode::ExpiryInPast),
        (ExpiryError::TooFar, ErrorCode::ExpiryTooFar),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (SecurityCodeError::Empty, ErrorCode::CvvEmpty),
        (SecurityCodeError::Format, ErrorCode::CvvFormat),
        (SecurityCodeError::Length, ErrorCode::CvvLength),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (NameError::Empty, ErrorCode::NameEmpty),
        (NameError::TooLong, ErrorCode::NameTooLong),
        (NameError::NoLetter, ErrorCode::NameNoLetter),
        (NameError::InvalidCharacter, ErrorCode::NameInvalidCharacter),
        (
            NameError::LooksLikeCardNumber,
            ErrorCode::NameLooksLikeCardNumber,
        ),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (IsraeliIdError::Format, ErrorCode::IsraeliIdFormat),
        (IsraeliIdError::Checksum, ErrorCode::IsraeliIdChecksum),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (AmountError::Empty, ErrorCode::AmountEmpty),
        (AmountError::Format, ErrorCode::AmountFormat),
        (AmountError::NotPositive, ErrorCode::AmountNotPositive),
        (AmountError::TooPrecise, ErrorCode::AmountTooPrecise),
        (AmountError::TooSmall, ErrorCode::AmountTooSmall),
        (AmountError::TooLarge, ErrorCode::AmountTooLarge),
    ] {
        seen.insert(check(&error, code));
    }
    seen.insert(check(&CurrencyError::Unknown, ErrorCode::CurrencyUnknown));
    for (error, code) in [
        (InstallmentError::Count, ErrorCode::InstallmentsCount),
        (
            InstallmentError::FirstPaymentNotPositive,
            ErrorCode::InstallmentsFirstPaymentNotPositive,
        ),
        (
            InstallmentError::FirstPaymentNotBelowTotal,
            ErrorCode::InstallmentsFirstPaymentNotBelowTotal,
        ),
        (
            InstallmentError::FirstPaymentTooPrecise,
            ErrorCode::AmountTooPrecise,
        ),
        (InstallmentError::TooSmall, ErrorCode::InstallmentsTooSmall),
    ] {
        seen.insert(check(&error, code));
    }
    seen.insert(check(&CountryError::Unknown, ErrorCode::CountryUnknown));
    for (error, code) in [
        (PostalCodeError::Required, ErrorCode::PostalCodeRequired),
        (PostalCodeError::Format, ErrorCode::PostalCodeFormat),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (EmailError::Empty, ErrorCode::EmailEmpty),
        (EmailError::Format, ErrorCode::EmailFormat),
        (EmailError::TooLong, ErrorCode::EmailTooLong),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (PhoneError::Empty, ErrorCode::PhoneEmpty),
        (PhoneError::Format, ErrorCode::PhoneFormat),
        (PhoneError::CountryCode, ErrorCode::PhoneCountryCode),
        (PhoneError::Length, ErrorCode::PhoneLength),
    ] {
        seen.insert(check(&error, code));
    }
    seen.insert(check(&IpError::Format, ErrorCode::IpFormat));
    for (error, code) in [
        (DateError::Format, ErrorCode::DateFormat),
        (DateError::Invalid, ErrorCode::DateInvalid),
        (DateError::InFuture, ErrorCode::DateOfBirthInFuture),
    ] {
        seen.insert(check(&error, code));
    }
    for (error, code) in [
        (SurchargeError::Empty, ErrorCode::SurchargeEmpty),
        (
            SurchargeError::PercentAboveCap,
            ErrorCode::SurchargePercentAboveCap,
        ),
        (SurchargeError::CapTooHigh, ErrorCode::SurchargeCapTooHigh),
        (
            SurchargeError::CurrencyMismatch,
            ErrorCode::SurchargeCurrencyMismatch,
        ),
    ] {
        seen.insert(check(&error, code));
    }
    let long = "x".repeat(101);
    for error in [
        address_error(&AddressInput {
            country: "US",
            ..AddressInput::default()
        }),
        address_error(&AddressInput {
            line1: &long,
            line2: &long,
            city: &long,
            region: &long,
            postal_code: "ABC",
            country: "US",
        }),
        address_error(&AddressInput {
            region: &long,
            country: "GB",
            ..AddressInput::default()
        }),
        address_error(&AddressInput::default()),
    ] {
        let codes: Vec<ErrorCode> = error.codes().collect();
        assert_eq!(error.code(), codes[0], "the first problem");
        let shown = error.to_string();
        for code in codes {
            assert!(shown.contains(code.as_str()), "{shown:?} lacks {code}");
            seen.insert(code);
        }
    }
    seen
}

#[test]
fn every_code_has_a_unique_string() {
    let strings: BTreeSet<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    assert_eq!(strings.len(), ErrorCode::ALL.len());
}

#[test]
fn every_code_reads_field_dot_reason_in_lower_snake_case() {
    for &code in ErrorCode::ALL {
        let text = code.as_str();
        let (field, reason) = text.split_once('.').unwrap();
        assert!(is_lower_snake_case(field), "{text}");
        assert!(is_lower_snake_case(reason), "{text}");
        assert_eq!(code.field(), field, "{text}");
    }
}

#[test]
fn every_code_round_trips_through_from_code() {
    for &code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
        assert_eq!(code.to_string(), code.as_str());
    }
}

#[test]
fn strings_that_are_not_codes_are_not_found() {
    for text in [
        "",
        "nope",
        "expiry",
        "expiry.",
        ".in_past",
        "expiry.nope",
        "EXPIRY.IN_PAST",
        " expiry.in_past",
    ] {
        assert_eq!(ErrorCode::from_code(text), None, "{text:?}");
    }
}

#[test]
fn every_code_has_a_message_ending_with_a_period_in_every_locale() {
    for &code in ErrorCode::ALL {
        for &locale in Locale::ALL {
            let message = code.message(locale);
            assert!(!message.trim().is_empty(), "{code} in {locale:?}");
            assert!(message.ends_with('.'), "{code} in {locale:?}: {message:?}");
            assert_eq!(message, message.trim(), "{code} in {locale:?}");
        }
    }
}

#[test]
fn every_message_outside_english_is_translated() {
    for &code in ErrorCode::ALL {
        let english = code.message(Locale::En);
        for &locale in Locale::ALL.iter().filter(|&&locale| locale != Locale::En) {
            assert_ne!(code.message(locale), english, "{code} in {locale:?}");
        }
    }
}

#[test]
fn spanish_and_german_messages_are_translated_for_every_code() {
    for &code in ErrorCode::ALL {
        let english = code.message(Locale::En);
        for locale in [Locale::Es, Locale::De] {
            let message = code.message(locale);
            assert!(!message.trim().is_empty(), "{code} in {locale:?}");
            assert_ne!(
                message, english,
                "{code} in {locale:?} is a copy of English"
            );
        }
        assert_ne!(
            code.message(Locale::Es),
            code.message(Locale::Fr),
            "{code}: Spanish is a copy of French"
        );
        assert_ne!(
            code.message(Locale::De),
            code.message(Locale::Fr),
            "{code}: German is a copy of French"
        );
        assert_ne!(
            code.message(Locale::Es),
            code.message(Locale::De),
            "{code}: Spanish and German are the same"
        );
    }
}

#[test]
fn messages_in_a_locale_are_all_different() {
    // Two codes with one message would be a copy-paste slip: the shopper
    // could not tell the errors apart.
    for &locale in Locale::ALL {
        let mut seen = BTreeSet::new();
        for &code in ErrorCode::ALL {
            assert!(
                seen.insert(code.message(locale)),
                "{code} in {locale:?} repeats another code's message"
            );
        }
    }
}

#[test]
fn hebrew_messages_are_written_in_hebrew_letters() {
    for &code in ErrorCode::ALL {
        let message = code.message(Locale::He);
        assert!(message.chars().any(is_hebrew_letter), "{code}: {message:?}");
    }
}

#[test]
fn messages_are_looked_up_by_locale() {
    assert_eq!(
        ErrorCode::ExpiryInPast.message(Locale::En),
        "This card has expired."
    );
    assert_eq!(
        ErrorCode::ExpiryInPast.message(Locale::Fr),
        "Cette carte a expiré."
    );
    assert_eq!(
        ErrorCode::ExpiryInPast.message(Locale::He),
        "תוקף הכרטיס פג."
    );
    assert_eq!(
        ErrorCode::ExpiryInPast.message(Locale::Es),
        "Esta tarjeta ha caducado."
    );
    assert_eq!(
        ErrorCode::ExpiryInPast.message(Locale::De),
        "Diese Karte ist abgelaufen."
    );
    assert_eq!(
        ErrorCode::CvvEmpty.message(Locale::Es),
        "Introduzca el código de seguridad."
    );
    assert_eq!(
        ErrorCode::CvvEmpty.message(Locale::De),
        "Bitte geben Sie die Prüfnummer ein."
    );
}

#[test]
fn locale_parse_picks_the_language_of_a_tag() {
    for (tag, locale) in [
        ("fr", Locale::Fr),
        ("fr-CA", Locale::Fr),
        ("FR-fr", Locale::Fr),
        ("fr_BE", Locale::Fr),
        ("he", Locale::He),
        ("he-IL", Locale::He),
        ("HE", Locale::He),
        ("iw", Locale::He),
        ("iw-IL", Locale::He),
        ("es", Locale::Es),
        ("es-ES", Locale::Es),
        ("es-MX", Locale::Es),
        ("es-419", Locale::Es),
        ("ES", Locale::Es),
        ("es_AR", Locale::Es),
        ("de", Locale::De),
        ("de-DE", Locale::De),
        ("de-AT", Locale::De),
        ("de-CH", Locale::De),
        ("DE-de", Locale::De),
        ("de_LU", Locale::De),
        ("en", Locale::En),
        ("en-US", Locale::En),
    ] {
        assert_eq!(Locale::parse(tag), locale, "{tag:?}");
    }
}

#[test]
fn locale_parse_falls_back_to_english() {
    for tag in [
        "", "pt-BR", "it", "ar", "fra", "french", "hebrew", "-fr", "spa", "deu", "ger", "esp",
        "-es", "d", "e",
    ] {
        assert_eq!(Locale::parse(tag), Locale::En, "{tag:?}");
    }
}

#[test]
fn every_locale_round_trips_through_its_tag() {
    for &locale in Locale::ALL {
        assert_eq!(Locale::parse(locale.tag()), locale);
    }
    assert_eq!(Locale::ALL.len(), 5);
}

#[test]
fn only_hebrew_runs_right_to_left() {
    assert!(Locale::He.is_right_to_left());
    assert!(!Locale::En.is_right_to_left());
    assert!(!Locale::Fr.is_right_to_left());
    assert!(!Locale::Es.is_right_to_left());
    assert!(!Locale::De.is_right_to_left());
}

#[test]
fn every_error_type_reports_its_code_and_shows_it() {
    let seen = every_error_code_reported();
    assert!(seen.len() > 40);
}

#[test]
fn every_code_is_reported_by_some_error() {
    let seen = every_error_code_reported();
    let all: BTreeSet<ErrorCode> = ErrorCode::ALL.iter().copied().collect();
    let never: Vec<&ErrorCode> = all.difference(&seen).collect();
    assert!(never.is_empty(), "no error reports {never:?}");
}

#[test]
fn real_parse_failures_carry_the_matching_code() {
    use kassa_card::{CardNumber, Expiry};
    assert_eq!(
        CardNumber::parse("4242 4242 4242 4241").unwrap_err().code(),
        ErrorCode::CardNumberChecksum
    );
    let error = Expiry::parse("13/30").unwrap_err();
    assert_eq!(error.code(), ErrorCode::ExpiryMonth);
    assert!(error.to_string().starts_with("expiry.month"));
    assert_eq!(
        "nope".parse::<Brand>().unwrap_err().code(),
        ErrorCode::BrandUnknown
    );
}
