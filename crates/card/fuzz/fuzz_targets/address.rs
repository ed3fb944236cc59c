//! Billing addresses and postal codes for every country: no panic, and a
//! canonical postal code parses to itself.
#![no_main]

use kassa_card::{AddressInput, BillingAddress, Country, PostalCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, &str, u8)| {
    let (line, region, postal, country_index) = input;
    let Some(country) = Country::all().nth(usize::from(country_index)) else { return };
    if let Ok(code) = PostalCode::parse(postal, country) {
        assert_eq!(PostalCode::parse(code.as_str(), country), Ok(code.clone()));
    }
    let _ = BillingAddress::parse(&AddressInput {
        line1: line,
        line2: line,
        city: line,
        region,
        postal_code: postal,
        country: country.code(),
    });
});
