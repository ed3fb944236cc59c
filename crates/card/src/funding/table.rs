//! Public BIN facts: what a card's publisher says about its funding and
//! issuing country.
//!
//! Source: Stripe's testing docs, <https://docs.stripe.com/testing> (read
//! 2026), sections "Simulate a payment by card brand" (funding where the brand
//! column names one: "Visa (debit)", "Mastercard (prepaid)", …) and "Simulate
//! a payment by country" (the issuing country; funding only where the column
//! names one). These numbers sit in the networks' test ranges; the table
//! matches them exactly and says nothing about any other number, since no
//! public source ties a real BIN range to a funding or a country. Where
//! Stripe names no funding the row says `None`, even though its test mode may
//! answer "credit": the table never guesses.

use super::{Funding, PublishedCard};
use crate::Brand;

const BY_BRAND: &str = "https://docs.stripe.com/testing#cards";
const BY_COUNTRY: &str = "https://docs.stripe.com/testing#international-cards";

const fn card(
    number: &'static str,
    brand: Brand,
    funding: Option<Funding>,
    country: Option<&'static str>,
    source: &'static str,
) -> PublishedCard {
    PublishedCard {
        number,
        funding,
        country,
        brand,
        source,
    }
}

/// Published test numbers with a stated funding or issuing country.
#[rustfmt::skip]
pub(super) static TEST_NUMBERS: &[PublishedCard] = &[
    // Cards by brand: the rows whose brand column names a funding.
    card("4000056655665556", Brand::Visa, Some(Funding::Debit), None, BY_BRAND), // Visa (debit)
    card("5200828282828210", Brand::Mastercard, Some(Funding::Debit), None, BY_BRAND), // Mastercard (debit)
    card("5105105105105100", Brand::Mastercard, Some(Funding::Prepaid), None, BY_BRAND), // Mastercard (prepaid)
    card("6011981111111113", Brand::Discover, Some(Funding::Debit), None, BY_BRAND), // Discover (debit)
    card("6200000000000047", Brand::UnionPay, Some(Funding::Debit), None, BY_BRAND), // UnionPay (debit)
    // Cards by country: Americas, Europe and Middle East, Asia-Pacific.
    card("4242424242424242", Brand::Visa, None, Some("US"), BY_COUNTRY),
    card("4000000320000021", Brand::Visa, None, Some("AR"), BY_COUNTRY),
    card("4000000760000002", Brand::Visa, None, Some("BR"), BY_COUNTRY),
    card("4000001240000000", Brand::Visa, None, Some("CA"), BY_COUNTRY),
    card("4000001520000001", Brand::Visa, None, Some("CL"), BY_COUNTRY),
    card("4000001700000003", Brand::Visa, None, Some("CO"), BY_COUNTRY),
    card("4000001880000005", Brand::Visa, None, Some("CR"), BY_COUNTRY),
    card("4000002180000000", Brand::Visa, None, Some("EC"), BY_COUNTRY),
    card("4000004840008001", Brand::Visa, None, Some("MX"), BY_COUNTRY),
    card("4000005910000000", Brand::Visa, None, Some("PA"), BY_COUNTRY),
    card("4000006000000066", Brand::Visa, None, Some("PY"), BY_COUNTRY),
    card("4000006040000068", Brand::Visa, None, Some("PE"), BY_COUNTRY),
    card("4000008580000003", Brand::Visa, None, Some("UY"), BY_COUNTRY),
    card("4000007840000001", Brand::Visa, None, Some("AE"), BY_COUNTRY),
    card("5200007840000022", Brand::Mastercard, None, Some("AE"), BY_COUNTRY),
    card("4000000400000008", Brand::Visa, None, Some("AT"), BY_COUNTRY),
    card("4000000560000004", Brand::Visa, None, Some("BE"), BY_COUNTRY),
    card("4000001000000000", Brand::Visa, None, Some("BG"), BY_COUNTRY),
    card("4000001120000005", Brand::Visa, None, Some("BY"), BY_COUNTRY),
    card("4000001910000009", Brand::Visa, None, Some("HR"), BY_COUNTRY),
    card("4000001960000008", Brand::Visa, None, Some("CY"), BY_COUNTRY),
    card("4000002030000002", Brand::Visa, None, Some("CZ"), BY_COUNTRY),
    card("4000002080000001", Brand::Visa, None, Some("DK"), BY_COUNTRY),
    card("4000002330000009", Brand::Visa, None, Some("EE"), BY_COUNTRY),
    card("4000002460000001", Brand::Visa, None, Some("FI"), BY_COUNTRY),
    card("4000002500000003", Brand::Visa, None, Some("FR"), BY_COUNTRY),
    card("4000002760000016", Brand::Visa, None, Some("DE"), BY_COUNTRY),
    card("4000002920000005", Brand::Visa, None, Some("GI"), BY_COUNTRY),
    card("4000003000000030", Brand::Visa, None, Some("GR"), BY_COUNTRY),
    card("4000003480000005", Brand::Visa, None, Some("HU"), BY_COUNTRY),
    card("4000003720000005", Brand::Visa, None, Some("IE"), BY_COUNTRY),
    card("4000003800000008", Brand::Visa, None, Some("IT"), BY_COUNTRY),
    card("4000004280000005", Brand::Visa, None, Some("LV"), BY_COUNTRY),
    card("4000004380000004", Brand::Visa, None, Some("LI"), BY_COUNTRY),
    card("4000004400000000", Brand::Visa, None, Some("LT"), BY_COUNTRY),
    card("4000004420000006", Brand::Visa, None, Some("LU"), BY_COUNTRY),
    card("4000004700000007", Brand::Visa, None, Some("MT"), BY_COUNTRY),
    card("4000005280000002", Brand::Visa, None, Some("NL"), BY_COUNTRY),
    card("4000005780000007", Brand::Visa, None, Some("NO"), BY_COUNTRY),
    card("4000006160000005", Brand::Visa, None, Some("PL"), BY_COUNTRY),
    card("4000006200000007", Brand::Visa, None, Some("PT"), BY_COUNTRY),
    card("4000006420000001", Brand::Visa, None, Some("RO"), BY_COUNTRY),
    card("4000006820000007", Brand::Visa, None, Some("SA"), BY_COUNTRY),
    card("4000007050000006", Brand::Visa, None, Some("SI"), BY_COUNTRY),
    card("4000007030000001", Brand::Visa, None, Some("SK"), BY_COUNTRY),
    card("4000007240000007", Brand::Visa, None, Some("ES"), BY_COUNTRY),
    card("4000007520000008", Brand::Visa, None, Some("SE"), BY_COUNTRY),
    card("4000007560000009", Brand::Visa, None, Some("CH"), BY_COUNTRY),
    card("4000008260000000", Brand::Visa, None, Some("GB"), BY_COUNTRY),
    card("4000058260000005", Brand::Visa, Some(Funding::Debit), Some("GB"), BY_COUNTRY),
    card("5555558265554449", Brand::Mastercard, None, Some("GB"), BY_COUNTRY),
    card("4000000360000006", Brand::Visa, None, Some("AU"), BY_COUNTRY),
    card("4000001560000002", Brand::Visa, None, Some("CN"), BY_COUNTRY),
    card("4000003440000004", Brand::Visa, None, Some("HK"), BY_COUNTRY),
    card("4000003560000008", Brand::Visa, None, Some("IN"), BY_COUNTRY),
    card("4000003920000003", Brand::Visa, None, Some("JP"), BY_COUNTRY),
    card("3530111333300000", Brand::Jcb, None, Some("JP"), BY_COUNTRY),
    card("4000004580000002", Brand::Visa, None, Some("MY"), BY_COUNTRY),
    card("4000005540000008", Brand::Visa, None, Some("NZ"), BY_COUNTRY),
    card("4000007020000003", Brand::Visa, None, Some("SG"), BY_COUNTRY),
    card("4000001580000008", Brand::Visa, None, Some("TW"), BY_COUNTRY),
    card("4000007640000003", Brand::Visa, Some(Funding::Credit), Some("TH"), BY_COUNTRY),
    card("4000057640000008", Brand::Visa, Some(Funding::Debit), Some("TH"), BY_COUNTRY),
];

/// Facts true of every card of a brand.
///
/// Maestro is Mastercard's brand of debit cards, never credit; Mastercard
/// also runs prepaid programmes on it ("Maestro (debit card)", Wikipedia,
/// <https://en.wikipedia.org/wiki/Maestro_(debit_card)>). No public range
/// tells the prepaid ones apart, so the table calls every Maestro card
/// debit: the one thing it must not do, call one credit, it never does, and
/// a processor's `prepaid` answer wins. Visa Electron is a debit product too,
/// but it is not a brand of its own here and Visa publishes no complete list
/// of its ranges, so Visa numbers stay `None`.
pub(super) static BRAND_FUNDING: &[(Brand, Funding)] = &[(Brand::Maestro, Funding::Debit)];
