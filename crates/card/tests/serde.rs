//! With the `serde` feature: deserializing always parses, serializing uses
//! the canonical forms, and card data never appears in an error.
#![cfg(feature = "serde")]

use kassa_card::{Brand, CardNumber, CardholderName, Country, Currency, Date, Email, Expiry};

#[test]
fn deserializing_a_card_number_runs_the_full_parse() {
    let card: CardNumber = serde_json::from_str("\"4242 4242 4242 4242\"").unwrap();
    assert_eq!(card.brand(), Brand::Visa);
    let error = serde_json::from_str::<CardNumber>("\"4242424242424241\"").unwrap_err();
    assert!(
        error.to_string().contains("card_number.checksum"),
        "{error}"
    );
}

#[test]
fn a_refused_card_number_never_appears_in_the_error() {
    for canary in [
        "4000056655665556x",
        "4000056655665557",
        "400005665566555612345",
    ] {
        let error = serde_json::from_str::<CardNumber>(&format!("\"{canary}\"")).unwrap_err();
        let message = error.to_string();
        assert!(!message.contains("0566556655"), "{message}");
    }
}

#[test]
fn parsed_values_serialize_in_canonical_form() {
    let expiry: Expiry = serde_json::from_str("\"2030-12\"").unwrap();
    assert_eq!(serde_json::to_string(&expiry).unwrap(), "\"12/2030\"");
    assert_eq!(
        serde_json::to_string(&Brand::AmericanExpress).unwrap(),
        "\"american-express\""
    );
    let brand: Brand = serde_json::from_str("\"MC\"").unwrap();
    assert_eq!(brand, Brand::Mastercard);
    let currency: Currency = serde_json::from_str("\"eur\"").unwrap();
    assert_eq!(serde_json::to_string(&currency).unwrap(), "\"EUR\"");
    let country: Country = serde_json::from_str("\"il\"").unwrap();
    assert_eq!(serde_json::to_string(&country).unwrap(), "\"IL\"");
    let date: Date = serde_json::from_str("\"1990-05-17\"").unwrap();
    assert_eq!(serde_json::to_string(&date).unwrap(), "\"1990-05-17\"");
    let email: Email = serde_json::from_str("\"Jane@Example.com\"").unwrap();
    assert_eq!(
        serde_json::to_string(&email).unwrap(),
        "\"Jane@example.com\""
    );
    let name: CardholderName = serde_json::from_str("\"  Ada   Lovelace \"").unwrap();
    assert_eq!(serde_json::to_string(&name).unwrap(), "\"Ada Lovelace\"");
}

#[test]
fn invalid_values_fail_to_deserialize_with_their_code() {
    let cases = [
        (
            serde_json::from_str::<Expiry>("\"13/30\"").map(drop),
            "expiry.month",
        ),
        (
            serde_json::from_str::<Currency>("\"XAU\"").map(drop),
            "currency.unknown",
        ),
        (
            serde_json::from_str::<Country>("\"XX\"").map(drop),
            "country.unknown",
        ),
        (
            serde_json::from_str::<Email>("\"nope\"").map(drop),
            "email.format",
        ),
        (
            serde_json::from_str::<Date>("\"2023-02-29\"").map(drop),
            "date.invalid",
        ),
        (
            serde_json::from_str::<Brand>("\"nope\"").map(drop),
            "brand.unknown",
        ),
    ];
    for (result, code) in cases {
        let error = result.unwrap_err().to_string();
        assert!(error.contains(code), "{error} should name {code}");
    }
}
