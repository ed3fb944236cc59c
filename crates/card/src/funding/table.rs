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

use super::Funding;
use crate::{Brand, Country};

/// Where a row's facts are published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    /// "Simulate a payment by card brand".
    ByBrand,
    /// "Simulate a payment by country".
    ByCountry,
}

impl Source {
    pub(super) const fn url(self) -> &'static str {
        match self {
            Source::ByBrand => "https://docs.stripe.com/testing#cards",
            Source::ByCountry => "https://docs.stripe.com/testing#international-cards",
        }
    }
}

/// What is published about one number; the number itself is in
/// [`NUMBERS`] at the row's position.
///
/// Kept small on purpose: the checkout page carries this table (for the
/// surcharge check), and rows of string references (number, country,
/// source: 28 bytes each, plus the strings) were 3 KB of its module; a
/// row is now 6 bytes and the numbers one string.
#[derive(Clone, Copy, Debug)]
pub(super) struct Row {
    pub(super) brand: Brand,
    pub(super) funding: Option<Funding>,
    country: Option<[u8; 2]>,
    pub(super) source: Source,
}

impl Row {
    /// The issuing country the publisher states.
    pub(super) fn country(&self) -> Option<Country> {
        let code = self.country.as_ref()?;
        Country::parse(core::str::from_utf8(code).ok()?).ok()
    }
}

/// The digits of each published number.
pub(super) const NUMBER_LEN: usize = 16;

/// The table, written one row per number: `NUMBERS` is every number
/// concatenated, `ROWS` the facts in the same order.
macro_rules! published {
    ($(($number:literal, $brand:ident, $funding:expr, $country:expr, $source:ident)),* $(,)?) => {
        /// Every published number, [`NUMBER_LEN`] digits each, in `ROWS`' order.
        pub(super) const NUMBERS: &str = concat!($($number),*);
        /// Published test numbers with a stated funding or issuing country.
        pub(super) const ROWS: &[Row] = &[$(Row {
            brand: Brand::$brand,
            funding: $funding,
            country: $country,
            source: Source::$source,
        }),*];
    };
}

// Every number has its row and NUMBER_LEN digits (checked at compile time;
// the digits themselves by a test).
const _: () = assert!(NUMBERS.len() == NUMBER_LEN * ROWS.len());

published! {
    // Cards by brand: the rows whose brand column names a funding.
    ("4000056655665556", Visa, Some(Funding::Debit), None, ByBrand), // Visa (debit)
    ("5200828282828210", Mastercard, Some(Funding::Debit), None, ByBrand), // Mastercard (debit)
    ("5105105105105100", Mastercard, Some(Funding::Prepaid), None, ByBrand), // Mastercard (prepaid)
    ("6011981111111113", Discover, Some(Funding::Debit), None, ByBrand), // Discover (debit)
    ("6200000000000047", UnionPay, Some(Funding::Debit), None, ByBrand), // UnionPay (debit)
    // Cards by country: Americas, Europe and Middle East, Asia-Pacific.
    ("4242424242424242", Visa, None, Some(*b"US"), ByCountry),
    ("4000000320000021", Visa, None, Some(*b"AR"), ByCountry),
    ("4000000760000002", Visa, None, Some(*b"BR"), ByCountry),
    ("4000001240000000", Visa, None, Some(*b"CA"), ByCountry),
    ("4000001520000001", Visa, None, Some(*b"CL"), ByCountry),
    ("4000001700000003", Visa, None, Some(*b"CO"), ByCountry),
    ("4000001880000005", Visa, None, Some(*b"CR"), ByCountry),
    ("4000002180000000", Visa, None, Some(*b"EC"), ByCountry),
    ("4000004840008001", Visa, None, Some(*b"MX"), ByCountry),
    ("4000005910000000", Visa, None, Some(*b"PA"), ByCountry),
    ("4000006000000066", Visa, None, Some(*b"PY"), ByCountry),
    ("4000006040000068", Visa, None, Some(*b"PE"), ByCountry),
    ("4000008580000003", Visa, None, Some(*b"UY"), ByCountry),
    ("4000007840000001", Visa, None, Some(*b"AE"), ByCountry),
    ("5200007840000022", Mastercard, None, Some(*b"AE"), ByCountry),
    ("4000000400000008", Visa, None, Some(*b"AT"), ByCountry),
    ("4000000560000004", Visa, None, Some(*b"BE"), ByCountry),
    ("4000001000000000", Visa, None, Some(*b"BG"), ByCountry),
    ("4000001120000005", Visa, None, Some(*b"BY"), ByCountry),
    ("4000001910000009", Visa, None, Some(*b"HR"), ByCountry),
    ("4000001960000008", Visa, None, Some(*b"CY"), ByCountry),
    ("4000002030000002", Visa, None, Some(*b"CZ"), ByCountry),
    ("4000002080000001", Visa, None, Some(*b"DK"), ByCountry),
    ("4000002330000009", Visa, None, Some(*b"EE"), ByCountry),
    ("4000002460000001", Visa, None, Some(*b"FI"), ByCountry),
    ("4000002500000003", Visa, None, Some(*b"FR"), ByCountry),
    ("4000002760000016", Visa, None, Some(*b"DE"), ByCountry),
    ("4000002920000005", Visa, None, Some(*b"GI"), ByCountry),
    ("4000003000000030", Visa, None, Some(*b"GR"), ByCountry),
    ("4000003480000005", Visa, None, Some(*b"HU"), ByCountry),
    ("4000003720000005", Visa, None, Some(*b"IE"), ByCountry),
    ("4000003800000008", Visa, None, Some(*b"IT"), ByCountry),
    ("4000004280000005", Visa, None, Some(*b"LV"), ByCountry),
    ("4000004380000004", Visa, None, Some(*b"LI"), ByCountry),
    ("4000004400000000", Visa, None, Some(*b"LT"), ByCountry),
    ("4000004420000006", Visa, None, Some(*b"LU"), ByCountry),
    ("4000004700000007", Visa, None, Some(*b"MT"), ByCountry),
    ("4000005280000002", Visa, None, Some(*b"NL"), ByCountry),
    ("4000005780000007", Visa, None, Some(*b"NO"), ByCountry),
    ("4000006160000005", Visa, None, Some(*b"PL"), ByCountry),
    ("4000006200000007", Visa, None, Some(*b"PT"), ByCountry),
    ("4000006420000001", Visa, None, Some(*b"RO"), ByCountry),
    ("4000006820000007", Visa, None, Some(*b"SA"), ByCountry),
    ("4000007050000006", Visa, None, Some(*b"SI"), ByCountry),
    ("4000007030000001", Visa, None, Some(*b"SK"), ByCountry),
    ("4000007240000007", Visa, None, Some(*b"ES"), ByCountry),
    ("4000007520000008", Visa, None, Some(*b"SE"), ByCountry),
    ("4000007560000009", Visa, None, Some(*b"CH"), ByCountry),
    ("4000008260000000", Visa, None, Some(*b"GB"), ByCountry),
    ("4000058260000005", Visa, Some(Funding::Debit), Some(*b"GB"), ByCountry),
    ("5555558265554449", Mastercard, None, Some(*b"GB"), ByCountry),
    ("4000000360000006", Visa, None, Some(*b"AU"), ByCountry),
    ("4000001560000002", Visa, None, Some(*b"CN"), ByCountry),
    ("4000003440000004", Visa, None, Some(*b"HK"), ByCountry),
    ("4000003560000008", Visa, None, Some(*b"IN"), ByCountry),
    ("4000003920000003", Visa, None, Some(*b"JP"), ByCountry),
    ("3530111333300000", Jcb, None, Some(*b"JP"), ByCountry),
    ("4000004580000002", Visa, None, Some(*b"MY"), ByCountry),
    ("4000005540000008", Visa, None, Some(*b"NZ"), ByCountry),
    ("4000007020000003", Visa, None, Some(*b"SG"), ByCountry),
    ("4000001580000008", Visa, None, Some(*b"TW"), ByCountry),
    ("4000007640000003", Visa, Some(Funding::Credit), Some(*b"TH"), ByCountry),
    ("4000057640000008", Visa, Some(Funding::Debit), Some(*b"TH"), ByCountry),
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_is_digits_and_every_country_is_known() {
        assert!(NUMBERS.bytes().all(|byte| byte.is_ascii_digit()));
        for row in ROWS {
            assert_eq!(row.country.is_some(), row.country().is_some(), "{row:?}");
        }
    }
}
