//! Behaviour tests for billing addresses (`BillingAddress`), countries
//! (`Country`) and postal codes (`PostalCode`): valid addresses around the
//! world, every error reported at once, and each country's postal format.

#![allow(clippy::unwrap_used)]

use kassa_card::{
    AddressInput, BillingAddress, Coded, Country, CountryError, ErrorCode, PostalCode,
    PostalCodeError, PostalKind,
};

fn country(code: &str) -> Country {
    Country::parse(code).unwrap()
}

fn postal(text: &str, code: &str) -> Result<String, PostalCodeError> {
    PostalCode::parse(text, country(code)).map(|postal| postal.as_str().to_owned())
}

fn accepted(input: &AddressInput<'_>) -> BillingAddress {
    BillingAddress::parse(input).unwrap_or_else(|error| panic!("{input:?} was refused: {error}"))
}

fn errors(input: &AddressInput<'_>) -> Vec<ErrorCode> {
    match BillingAddress::parse(input) {
        Ok(address) => panic!("{input:?} was accepted as {address:?}"),
        Err(error) => error.codes().collect(),
    }
}

fn input<'a>(country: &'a str, region: &'a str, postal_code: &'a str) -> AddressInput<'a> {
    AddressInput {
        line1: "1 Main Street",
        city: "Springfield",
        region,
        postal_code,
        country,
        ..AddressInput::default()
    }
}

#[test]
fn a_us_address_with_a_state_code_is_accepted() {
    let address = accepted(&AddressInput {
        line1: "1 Infinite Loop",
        line2: "Suite 100",
        city: "Cupertino",
        region: "CA",
        postal_code: "95014",
        country: "US",
    });
    assert_eq!(address.line1(), "1 Infinite Loop");
    assert_eq!(address.line2(), Some("Suite 100"));
    assert_eq!(address.city(), "Cupertino");
    assert_eq!(address.region(), Some("CA"));
    assert_eq!(address.postal_code().as_str(), "95014");
    assert_eq!(address.country().code(), "US");
}

#[test]
fn a_us_state_given_by_name_is_stored_as_its_code() {
    let address = accepted(&input("us", "california", "94043-1351"));
    assert_eq!(address.region(), Some("CA"));
    assert_eq!(address.postal_code().as_str(), "94043-1351");
    assert_eq!(address.country().code(), "US");
    assert_eq!(
        accepted(&input("US", "New York", "10001")).region(),
        Some("NY")
    );
    assert_eq!(accepted(&input("US", "dc", "20500")).region(), Some("DC"));
}

#[test]
fn a_canadian_address_is_accepted() {
    let address = accepted(&input("CA", "Ontario", "k1a0b1"));
    assert_eq!(address.region(), Some("ON"));
    assert_eq!(address.postal_code().as_str(), "K1A 0B1");
}

#[test]
fn an_australian_address_is_accepted() {
    let address = accepted(&input("AU", "new south wales", "2000"));
    assert_eq!(address.region(), Some("NSW"));
    assert_eq!(accepted(&input("AU", "VIC", "3000")).region(), Some("VIC"));
}

#[test]
fn a_british_address_is_accepted_with_or_without_a_county() {
    let address = accepted(&input("GB", "", "sw1a 2aa"));
    assert_eq!(address.region(), None);
    assert_eq!(address.postal_code().as_str(), "SW1A 2AA");
    assert_eq!(
        accepted(&input("GB", "Greater London", "EC1A 1BB")).region(),
        Some("Greater London")
    );
}

#[test]
fn german_french_and_israeli_addresses_are_accepted() {
    assert_eq!(
        accepted(&input("DE", "", "10115")).postal_code().as_str(),
        "10115"
    );
    assert_eq!(
        accepted(&input("FR", "Île-de-France", "75008")).region(),
        Some("Île-de-France")
    );
    let israel = accepted(&AddressInput {
        line1: "רחוב הרצל 1",
        city: "תל אביב",
        postal_code: "6100000",
        country: "IL",
        ..AddressInput::default()
    });
    assert_eq!(israel.city(), "תל אביב");
    assert_eq!(israel.postal_code().as_str(), "6100000");
}

#[test]
fn indian_japanese_and_brazilian_addresses_are_accepted() {
    assert_eq!(
        accepted(&input("IN", "Delhi", "110001"))
            .postal_code()
            .as_str(),
        "110001"
    );
    let japan = accepted(&input("JP", "Tokyo", "1000001"));
    assert_eq!(japan.postal_code().as_str(), "100-0001");
    assert_eq!(japan.region(), Some("Tokyo"));
    let brazil = accepted(&input("BR", "SP", "01310100"));
    assert_eq!(brazil.postal_code().as_str(), "01310-100");
    assert_eq!(brazil.region(), Some("SP"));
}

#[test]
fn a_dutch_address_is_accepted() {
    assert_eq!(
        accepted(&input("NL", "", "1012js")).postal_code().as_str(),
        "1012 JS"
    );
}

#[test]
fn a_hong_kong_address_needs_no_postal_code() {
    let address = accepted(&input("HK", "Kowloon", ""));
    assert_eq!(address.postal_code().as_str(), "");
    assert_eq!(address.region(), Some("Kowloon"));
    assert_eq!(address.country().code(), "HK");
}

#[test]
fn text_fields_are_trimmed_and_collapsed() {
    let address = accepted(&AddressInput {
        line1: " 1600  Amphitheatre \t Pkwy ",
        line2: "   ",
        city: "  Mountain   View ",
        region: " CA ",
        postal_code: " 94043 ",
        country: " us ",
    });
    assert_eq!(address.line1(), "1600 Amphitheatre Pkwy");
    assert_eq!(address.line2(), None);
    assert_eq!(address.city(), "Mountain View");
    assert_eq!(address.region(), Some("CA"));
    assert_eq!(address.postal_code().as_str(), "94043");
}

#[test]
fn every_missing_field_is_reported_together_in_form_order() {
    let codes = errors(&AddressInput {
        country: "US",
        ..AddressInput::default()
    });
    assert_eq!(
        codes,
        [
            ErrorCode::Line1Required,
            ErrorCode::CityRequired,
            ErrorCode::RegionRequired,
            ErrorCode::PostalCodeRequired,
        ]
    );
}

#[test]
fn every_wrong_field_is_reported_together_in_form_order() {
    let long = "x".repeat(101);
    let input = AddressInput {
        line1: &long,
        line2: &long,
        city: &long,
        region: "Bavaria",
        postal_code: "1234",
        country: "US",
    };
    assert_eq!(
        errors(&input),
        [
            ErrorCode::Line1TooLong,
            ErrorCode::Line2TooLong,
            ErrorCode::CityTooLong,
            ErrorCode::RegionUnknown,
            ErrorCode::PostalCodeFormat,
        ]
    );
    let error = BillingAddress::parse(&input).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Line1TooLong, "the first problem");
    assert_eq!(
        error.to_string(),
        "line1.too_long; line2.too_long; city.too_long; region.unknown; postal_code.format"
    );
}

#[test]
fn a_single_wrong_field_is_the_only_error() {
    assert_eq!(
        errors(&input("US", "CA", "9501")),
        [ErrorCode::PostalCodeFormat]
    );
    assert_eq!(
        errors(&input("CA", "Texas", "K1A 0B1")),
        [ErrorCode::RegionUnknown]
    );
}

#[test]
fn the_region_is_required_in_the_us_canada_and_australia() {
    assert_eq!(
        errors(&input("US", "", "95014")),
        [ErrorCode::RegionRequired]
    );
    assert_eq!(
        errors(&input("CA", "  ", "K1A 0B1")),
        [ErrorCode::RegionRequired]
    );
    assert_eq!(
        errors(&input("AU", "", "2000")),
        [ErrorCode::RegionRequired]
    );
}

#[test]
fn a_region_not_on_the_list_is_unknown_in_the_us_canada_and_australia() {
    assert_eq!(
        errors(&input("US", "Bavaria", "95014")),
        [ErrorCode::RegionUnknown]
    );
    assert_eq!(
        errors(&input("US", "ON", "95014")),
        [ErrorCode::RegionUnknown]
    );
    assert_eq!(
        errors(&input("CA", "CA", "K1A 0B1")),
        [ErrorCode::RegionUnknown]
    );
    assert_eq!(
        errors(&input("AU", "California", "2000")),
        [ErrorCode::RegionUnknown]
    );
}

#[test]
fn the_region_is_free_text_elsewhere() {
    assert_eq!(
        accepted(&input("DE", "Bayern", "80331")).region(),
        Some("Bayern")
    );
    assert_eq!(accepted(&input("DE", "", "80331")).region(), None);
    assert_eq!(
        accepted(&input("GB", "  West   Midlands ", "B33 8TH")).region(),
        Some("West Midlands")
    );
}

#[test]
fn a_free_text_region_may_have_at_most_one_hundred_characters() {
    let hundred = "r".repeat(100);
    assert_eq!(
        accepted(&input("GB", &hundred, "SW1A 1AA")).region(),
        Some(hundred.as_str())
    );
    let longer = "r".repeat(101);
    assert_eq!(
        errors(&input("GB", &longer, "SW1A 1AA")),
        [ErrorCode::RegionTooLong]
    );
}

#[test]
fn text_fields_may_have_at_most_one_hundred_characters_counted_as_characters() {
    let hundred = "א".repeat(100);
    let address = accepted(&AddressInput {
        line1: &hundred,
        line2: &hundred,
        city: &hundred,
        country: "IL",
        postal_code: "12345",
        ..AddressInput::default()
    });
    assert_eq!(address.line1().chars().count(), 100);
    assert_eq!(address.line2().map(|line| line.chars().count()), Some(100));

    let longer = "א".repeat(101);
    let codes = errors(&AddressInput {
        line1: &longer,
        line2: &longer,
        city: &longer,
        country: "IL",
        postal_code: "12345",
        ..AddressInput::default()
    });
    assert_eq!(
        codes,
        [
            ErrorCode::Line1TooLong,
            ErrorCode::Line2TooLong,
            ErrorCode::CityTooLong
        ]
    );
}

#[test]
fn an_unknown_country_is_reported_after_the_other_fields() {
    assert_eq!(
        errors(&input("XX", "CA", "95014")),
        [ErrorCode::CountryUnknown]
    );
    assert_eq!(
        errors(&input("USA", "CA", "95014")),
        [ErrorCode::CountryUnknown]
    );
    assert_eq!(
        errors(&AddressInput::default()),
        [
            ErrorCode::Line1Required,
            ErrorCode::CityRequired,
            ErrorCode::CountryUnknown
        ]
    );
}

#[test]
fn british_postcodes_take_their_canonical_form() {
    for (typed, canonical) in [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        (" sw1a   1aa ", "SW1A 1AA"),
        ("ec1a1bb", "EC1A 1BB"),
        ("w1a0ax", "W1A 0AX"),
        ("m11ae", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("cr26xh", "CR2 6XH"),
        ("dn551pt", "DN55 1PT"),
        ("gir0aa", "GIR 0AA"),
        ("bfpo 1234", "BFPO 1234"),
    ] {
        assert_eq!(postal(typed, "GB"), Ok(canonical.to_owned()), "{typed:?}");
    }
}

#[test]
fn canadian_postal_codes_take_their_canonical_form() {
    assert_eq!(postal("k1a0b1", "CA"), Ok("K1A 0B1".to_owned()));
    assert_eq!(postal("K1A 0B1", "CA"), Ok("K1A 0B1".to_owned()));
    assert_eq!(postal("h2x 1y4", "CA"), Ok("H2X 1Y4".to_owned()));
}

#[test]
fn dutch_postal_codes_take_their_canonical_form() {
    assert_eq!(postal("1012js", "NL"), Ok("1012 JS".to_owned()));
    assert_eq!(postal("1012 JS", "NL"), Ok("1012 JS".to_owned()));
}

#[test]
fn us_zip_plus_four_takes_its_canonical_form() {
    assert_eq!(postal("94103", "US"), Ok("94103".to_owned()));
    assert_eq!(postal("94103-1234", "US"), Ok("94103-1234".to_owned()));
    assert_eq!(postal("941031234", "US"), Ok("94103-1234".to_owned()));
}

#[test]
fn us_zip_plus_four_typed_with_a_space_takes_its_canonical_form() {
    assert_eq!(postal("94103 1234", "US"), Ok("94103-1234".to_owned()));
}

#[test]
fn brazilian_japanese_and_polish_codes_take_their_canonical_form() {
    assert_eq!(postal("01310100", "BR"), Ok("01310-100".to_owned()));
    assert_eq!(postal("01310-100", "BR"), Ok("01310-100".to_owned()));
    assert_eq!(postal("1540023", "JP"), Ok("154-0023".to_owned()));
    assert_eq!(postal("154-0023", "JP"), Ok("154-0023".to_owned()));
    assert_eq!(postal("00950", "PL"), Ok("00-950".to_owned()));
    assert_eq!(postal("00-950", "PL"), Ok("00-950".to_owned()));
}

#[test]
fn codes_that_do_not_fit_the_country_are_refused() {
    for (typed, code) in [
        ("1234", "US"),
        ("123456", "US"),
        ("9410A", "US"),
        ("94103-123", "US"),
        ("94103-12345", "US"),
        ("SW1A", "GB"),
        ("12345", "GB"),
        ("SW1A 1A", "GB"),
        ("SW1A 1AAA", "GB"),
        ("123456", "CA"),
        ("K1A 0B", "CA"),
        ("K1A-0B1", "CA"),
        ("1234", "DE"),
        ("123456", "DE"),
        ("ABCDE", "DE"),
        ("7500", "FR"),
        ("750088", "FR"),
        ("75-008", "FR"),
        ("1012", "NL"),
        ("1012 J", "NL"),
        ("JS 1012", "NL"),
        ("0131-0100", "BR"),
        ("01310-10", "BR"),
        ("100-001", "JP"),
        ("10000001", "JP"),
        ("009-50", "PL"),
        ("0095", "PL"),
        ("11000", "IN"),
        ("1100011", "IN"),
        ("123456", "IL"),
        ("200", "AU"),
        ("20000", "AU"),
    ] {
        assert_eq!(
            postal(typed, code),
            Err(PostalCodeError::Format),
            "{typed:?} in {code}"
        );
    }
}

#[test]
fn a_country_with_postal_codes_requires_one() {
    for code in ["US", "GB", "DE", "FR", "CA", "JP", "BR"] {
        assert_eq!(postal("", code), Err(PostalCodeError::Required), "{code}");
        assert_eq!(
            postal("   ", code),
            Err(PostalCodeError::Required),
            "{code}"
        );
        assert!(PostalCode::has_postal_codes(country(code)), "{code}");
    }
}

#[test]
fn a_country_without_a_known_format_takes_any_short_code() {
    assert_eq!(postal("999077", "HK"), Ok("999077".to_owned()));
    assert_eq!(postal("ab-12 c", "AQ"), Ok("AB-12 C".to_owned()));
    assert_eq!(postal(&"9".repeat(12), "HK"), Ok("9".repeat(12)));
    assert_eq!(postal(&"9".repeat(13), "HK"), Err(PostalCodeError::Format));
    assert_eq!(postal("12#4", "HK"), Err(PostalCodeError::Format));
}

#[test]
fn postal_kind_names_the_field_as_each_country_does() {
    for (code, kind) in [
        ("US", PostalKind::Zip),
        ("PR", PostalKind::Zip),
        ("GB", PostalKind::Postcode),
        ("AU", PostalKind::Postcode),
        ("NZ", PostalKind::Postcode),
        ("ZA", PostalKind::Postcode),
        ("IN", PostalKind::Pin),
        ("BR", PostalKind::Cep),
        ("IE", PostalKind::Eircode),
        ("DE", PostalKind::Postal),
        ("FR", PostalKind::Postal),
        ("CA", PostalKind::Postal),
        ("HK", PostalKind::Postal),
    ] {
        assert_eq!(PostalCode::kind(country(code)), kind, "{code}");
    }
}

#[test]
fn not_used_in_names_countries_without_postal_codes() {
    for code in ["HK", "AE", "QA", "JM"] {
        assert!(PostalCode::not_used_in(country(code)), "{code}");
    }
    for code in ["FR", "US", "GB", "DE", "IE", "IL", "JP"] {
        assert!(!PostalCode::not_used_in(country(code)), "{code}");
    }
}

#[test]
fn every_country_without_postal_codes_accepts_an_empty_one() {
    let mut without = 0;
    for country in Country::all().filter(|country| PostalCode::not_used_in(*country)) {
        without += 1;
        assert!(!PostalCode::has_postal_codes(country), "{country}");
        assert_eq!(
            PostalCode::parse("", country).map(|postal| postal.as_str().to_owned()),
            Ok(String::new()),
            "{country}"
        );
        assert_eq!(PostalCode::example(country), None, "{country}");
    }
    assert!(without > 20);
}

#[test]
fn every_example_parses_back_to_itself() {
    let mut examples = 0;
    for country in Country::all() {
        let Some(example) = PostalCode::example(country) else {
            continue;
        };
        examples += 1;
        assert!(PostalCode::has_postal_codes(country), "{country}");
        assert_eq!(
            PostalCode::parse(example, country).map(|postal| postal.to_string()),
            Ok(example.to_owned()),
            "{country}"
        );
        assert_eq!(
            PostalCode::parse(&example.to_lowercase(), country).map(|postal| postal.to_string()),
            Ok(example.to_owned()),
            "{country} in lower case"
        );
    }
    assert!(examples >= 40, "{examples}");
    assert_eq!(PostalCode::example(country("NL")), Some("1012 JS"));
    assert_eq!(PostalCode::example(country("HK")), None);
}

#[test]
fn country_all_has_249_entries_sorted_by_code() {
    let codes: Vec<&str> = Country::all().map(Country::code).collect();
    assert_eq!(codes.len(), 249);
    assert!(
        codes.windows(2).all(|pair| pair[0] < pair[1]),
        "sorted and unique"
    );
    assert!(
        codes
            .iter()
            .all(|code| code.len() == 2 && code.bytes().all(|byte| byte.is_ascii_uppercase()))
    );
    for code in ["US", "GB", "IL", "FR", "HK", "AQ", "AX", "ZW"] {
        assert!(codes.contains(&code), "{code}");
    }
}

#[test]
fn every_country_is_found_by_its_own_code_in_any_case() {
    for each in Country::all() {
        assert_eq!(Country::parse(each.code()), Ok(each));
        assert_eq!(Country::parse(&each.code().to_lowercase()), Ok(each));
        assert!(!each.name().is_empty(), "{each}");
        assert!(each.calling_code() > 0, "{each}");
    }
}

#[test]
fn country_lookups_ignore_case_and_surrounding_spaces() {
    for text in ["IL", "il", "Il", "iL", " il "] {
        assert_eq!(
            Country::parse(text).map(Country::code),
            Ok("IL"),
            "{text:?}"
        );
    }
    let israel = country("il");
    assert_eq!(israel.name(), "Israel");
    assert_eq!(israel.calling_code(), 972);
    assert_eq!(israel.to_string(), "IL");
    assert_eq!("fr".parse::<Country>().map(Country::name), Ok("France"));
}

#[test]
fn codes_that_are_not_iso_3166_alpha_2_are_unknown() {
    for text in ["XX", "ZZ", "UK", "EU", "", "U", "USA", "840", "U S", "ÜS"] {
        assert_eq!(Country::parse(text), Err(CountryError::Unknown), "{text:?}");
    }
}

#[test]
fn only_the_us_canada_and_australia_list_their_regions() {
    for each in Country::all() {
        let listed = matches!(each.code(), "US" | "CA" | "AU");
        assert_eq!(each.requires_region(), listed, "{each}");
        assert_eq!(each.regions().count() > 0, listed, "{each}");
    }
    assert_eq!(country("CA").regions().count(), 13);
    assert_eq!(country("AU").regions().count(), 8);
}

#[test]
fn regions_are_found_by_code_or_name_in_any_case() {
    let us = country("US");
    assert_eq!(
        us.region("new york").map(|region| region.code()),
        Some("NY")
    );
    assert_eq!(
        us.region("NY").map(|region| region.name()),
        Some("New York")
    );
    assert_eq!(us.region(" tx ").map(|region| region.code()), Some("TX"));
    assert!(us.region("Bavaria").is_none());
    assert!(us.region("").is_none());
    let canada = country("CA");
    assert_eq!(
        canada.region("qc").map(|region| region.name()),
        Some("Quebec")
    );
    assert_eq!(
        country("AU")
            .region("Western Australia")
            .map(|region| region.code()),
        Some("WA")
    );
    assert!(country("FR").region("Île-de-France").is_none());
}
