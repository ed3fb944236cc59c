//! Behaviour tests for card funding and issuing country (`Funding`,
//! `CardNumber::funding`, `CardNumber::issuer_country`, `bin_facts`).

#![allow(clippy::unwrap_used)]

use kassa_card::{Brand, CardNumber, Country, Funding, bin_facts, generate_card_number};

fn card(number: &str) -> CardNumber {
    CardNumber::parse(number).unwrap()
}

fn country(code: &str) -> Option<Country> {
    Some(Country::parse(code).unwrap())
}

#[test]
fn every_published_number_parses_as_its_brand_and_answers_as_published() {
    for fact in bin_facts() {
        let parsed = card(fact.number());
        assert_eq!(parsed.brand(), fact.brand(), "{}", fact.number());
        assert_eq!(parsed.funding(), fact.funding(), "{}", fact.number());
        assert_eq!(
            parsed.issuer_country().map(Country::code),
            fact.country(),
            "{}",
            fact.number()
        );
        assert!(fact.funding().is_some() || fact.country().is_some());
        assert!(fact.source().starts_with("https://docs.stripe.com/testing"));
    }
}

#[test]
fn published_numbers_are_listed_once() {
    let numbers: Vec<&str> = bin_facts().map(|fact| fact.number()).collect();
    for (index, number) in numbers.iter().enumerate() {
        assert!(!numbers[index + 1..].contains(number), "{number} twice");
    }
}

#[test]
fn stripe_debit_and_prepaid_cards_answer_their_funding() {
    assert_eq!(card("4000056655665556").funding(), Some(Funding::Debit));
    assert_eq!(card("5200828282828210").funding(), Some(Funding::Debit));
    assert_eq!(card("5105105105105100").funding(), Some(Funding::Prepaid));
    assert_eq!(card("6011981111111113").funding(), Some(Funding::Debit));
    assert_eq!(card("6200000000000047").funding(), Some(Funding::Debit));
    assert_eq!(card("4000057640000008").funding(), Some(Funding::Debit));
    assert_eq!(card("4000007640000003").funding(), Some(Funding::Credit));
    assert_eq!(card("4000058260000005").funding(), Some(Funding::Debit));
}

#[test]
fn stripe_cards_by_country_answer_their_issuing_country() {
    assert_eq!(card("4000000760000002").issuer_country(), country("BR"));
    assert_eq!(card("4000001240000000").issuer_country(), country("CA"));
    assert_eq!(card("4000002500000003").issuer_country(), country("FR"));
    assert_eq!(card("4000002760000016").issuer_country(), country("DE"));
    assert_eq!(card("4000008260000000").issuer_country(), country("GB"));
    assert_eq!(card("5555558265554449").issuer_country(), country("GB"));
    assert_eq!(card("3530111333300000").issuer_country(), country("JP"));
    assert_eq!(card("4242424242424242").issuer_country(), country("US"));
}

#[test]
fn a_country_card_without_a_stated_funding_answers_none() {
    assert_eq!(card("4000002500000003").funding(), None);
    assert_eq!(card("4242424242424242").funding(), None);
}

#[test]
fn maestro_is_debit_whatever_the_number() {
    for seed in 0..50 {
        let number = generate_card_number(Brand::Maestro, seed).unwrap();
        let maestro = card(&number);
        assert_eq!(maestro.funding(), Some(Funding::Debit));
        assert_eq!(maestro.issuer_country(), None);
    }
}

#[test]
fn numbers_outside_the_table_answer_none_rather_than_a_guess() {
    // Same BIN as Stripe's Brazil card, another number: no public fact.
    assert_eq!(card("4000000760000010").issuer_country(), None);
    assert_eq!(card("4000000760000010").funding(), None);
    // Mixed brands: no brand-wide fact.
    for brand in [
        Brand::Visa,
        Brand::Mastercard,
        Brand::AmericanExpress,
        Brand::Jcb,
    ] {
        for seed in 0..20 {
            let number = generate_card_number(brand, seed).unwrap();
            let parsed = card(&number);
            if bin_facts().any(|fact| fact.number() == number) {
                continue;
            }
            assert_eq!(parsed.funding(), None, "{brand:?}");
            assert_eq!(parsed.issuer_country(), None, "{brand:?}");
        }
    }
}

#[test]
fn a_processor_funding_field_reads_back_and_unknown_is_none() {
    for &funding in Funding::ALL {
        assert_eq!(Funding::from_code(funding.as_str()), Some(funding));
        assert_eq!(funding.to_string(), funding.as_str());
    }
    assert_eq!(Funding::from_code("DEBIT"), Some(Funding::Debit));
    assert_eq!(Funding::from_code("unknown"), None);
    assert_eq!(Funding::from_code(""), None);
    assert_eq!(Funding::from_code("charge"), None);
}
