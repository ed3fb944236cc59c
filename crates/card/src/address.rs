//! Billing addresses: every field checked, every error reported at once.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::error::{Coded, ErrorCode};
use crate::{Country, PostalCode};

/// Longest street line, city or free-form region accepted.
const MAX_FIELD_CHARS: usize = 100;

/// The raw fields of an address form, as typed.
///
/// ```
/// use kassa_card::AddressInput;
/// let input = AddressInput { line1: "1 Infinite Loop", city: "Cupertino", region: "CA", postal_code: "95014", country: "US", ..AddressInput::default() };
/// assert_eq!(input.line2, "");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddressInput<'a> {
    /// Street address, first line (required).
    pub line1: &'a str,
    /// Street address, second line (optional).
    pub line2: &'a str,
    /// City (required).
    pub city: &'a str,
    /// State, province or region: required and checked against the list in
    /// the United States, Canada and Australia; free text elsewhere.
    pub region: &'a str,
    /// Postal code, checked against the country's format.
    pub postal_code: &'a str,
    /// ISO 3166-1 alpha-2 country code (required).
    pub country: &'a str,
}

/// A checked billing address. Text is trimmed with inner spaces collapsed; a
/// listed region is stored as its code (`"California"` becomes `"CA"`).
///
/// ```
/// use kassa_card::{AddressInput, BillingAddress, ErrorCode};
///
/// let address = BillingAddress::parse(&AddressInput {
///     line1: " 1600  Amphitheatre Pkwy ", city: "Mountain View", region: "california",
///     postal_code: "94043", country: "us", ..AddressInput::default()
/// }).unwrap();
/// assert_eq!(address.line1(), "1600 Amphitheatre Pkwy");
/// assert_eq!(address.region(), Some("CA"));
/// assert_eq!(address.country().code(), "US");
///
/// let errors = BillingAddress::parse(&AddressInput { country: "CA", postal_code: "123", ..AddressInput::default() }).unwrap_err();
/// assert_eq!(
///     errors.codes().collect::<Vec<_>>(),
///     [ErrorCode::Line1Required, ErrorCode::CityRequired, ErrorCode::RegionRequired, ErrorCode::PostalCodeFormat],
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillingAddress {
    line1: String,
    line2: Option<String>,
    city: String,
    region: Option<String>,
    postal_code: PostalCode,
    country: Country,
}

/// Every problem with an address, in form order (never empty).
///
/// ```
/// use kassa_card::{AddressInput, BillingAddress, Coded, ErrorCode};
///
/// let input = AddressInput { line1: "8 Rue de Rivoli", city: "Paris", country: "FR", ..AddressInput::default() };
/// let error = BillingAddress::parse(&input).unwrap_err();
/// assert_eq!(error.codes().collect::<Vec<_>>(), [ErrorCode::PostalCodeRequired]);
/// assert_eq!(error.code(), ErrorCode::PostalCodeRequired);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressError {
    codes: Vec<ErrorCode>,
}

impl AddressError {
    /// The codes, in the order the fields appear on a form.
    pub fn codes(&self) -> impl Iterator<Item = ErrorCode> + '_ {
        self.codes.iter().copied()
    }
}

impl Coded for AddressError {
    /// The first problem.
    fn code(&self) -> ErrorCode {
        self.codes
            .first()
            .copied()
            .unwrap_or(ErrorCode::Line1Required)
    }
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, code) in self.codes.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{code}")?;
        }
        Ok(())
    }
}

impl core::error::Error for AddressError {}

impl BillingAddress {
    /// Checks every field of `input`.
    ///
    /// # Errors
    /// An [`AddressError`] listing every field that breaks a rule.
    pub fn parse(input: &AddressInput<'_>) -> Result<BillingAddress, AddressError> {
        let mut codes = Vec::new();
        let line1 = required(
            input.line1,
            ErrorCode::Line1Required,
            ErrorCode::Line1TooLong,
            &mut codes,
        );
        let line2 = clean(input.line2);
        if line2.chars().count() > MAX_FIELD_CHARS {
            codes.push(ErrorCode::Line2TooLong);
        }
        let city = required(
            input.city,
            ErrorCode::CityRequired,
            ErrorCode::CityTooLong,
            &mut codes,
        );
        let country = Country::parse(input.country);
        let region = match country {
            Ok(country) => region(country, input.region, &mut codes),
            Err(_) => None,
        };
        let postal_code = match country {
            Ok(country) => PostalCode::parse(input.postal_code, country)
                .map_err(|error| codes.push(error.code()))
                .ok(),
            Err(error) => {
                codes.push(error.code());
                None
            }
        };
        match (country, postal_code) {
            (Ok(country), Some(postal_code)) if codes.is_empty() => Ok(BillingAddress {
                line1,
                line2: (!line2.is_empty()).then_some(line2),
                city,
                region,
                postal_code,
                country,
            }),
            _ => Err(AddressError { codes }),
        }
    }

    /// The first street line.
    pub fn line1(&self) -> &str {
        &self.line1
    }

    /// The second street line, when given.
    ///
    /// ```
    /// use kassa_card::{AddressInput, BillingAddress};
    /// let input = AddressInput { line1: "1 Main St", line2: "  ", city: "Boston", region: "MA", postal_code: "02108", country: "US" };
    /// assert_eq!(BillingAddress::parse(&input).unwrap().line2(), None, "a blank line is no line");
    /// ```
    pub fn line2(&self) -> Option<&str> {
        self.line2.as_deref()
    }

    /// The city.
    ///
    /// ```
    /// use kassa_card::{AddressInput, BillingAddress};
    /// let input = AddressInput { line1: "1 Rothschild Blvd", city: " Tel   Aviv ", postal_code: "6688101", country: "IL", ..AddressInput::default() };
    /// assert_eq!(BillingAddress::parse(&input).unwrap().city(), "Tel Aviv");
    /// ```
    pub fn city(&self) -> &str {
        &self.city
    }

    /// The region: a code where the country has a list, free text otherwise.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The postal code, canonical.
    ///
    /// ```
    /// use kassa_card::{AddressInput, BillingAddress};
    /// let input = AddressInput { line1: "10 Downing St", city: "London", postal_code: "sw1a2aa", country: "GB", ..AddressInput::default() };
    /// assert_eq!(BillingAddress::parse(&input).unwrap().postal_code().as_str(), "SW1A 2AA");
    /// ```
    pub fn postal_code(&self) -> &PostalCode {
        &self.postal_code
    }

    /// The country.
    pub fn country(&self) -> Country {
        self.country
    }
}

/// Trims and collapses inner whitespace.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn required(
    text: &str,
    missing: ErrorCode,
    too_long: ErrorCode,
    codes: &mut Vec<ErrorCode>,
) -> String {
    let text = clean(text);
    if text.is_empty() {
        codes.push(missing);
    } else if text.chars().count() > MAX_FIELD_CHARS {
        codes.push(too_long);
    }
    text
}

fn region(country: Country, text: &str, codes: &mut Vec<ErrorCode>) -> Option<String> {
    let text = clean(text);
    if country.requires_region() {
        if text.is_empty() {
            codes.push(ErrorCode::RegionRequired);
            return None;
        }
        return match country.region(&text) {
            Some(region) => Some(String::from(region.code())),
            None => {
                codes.push(ErrorCode::RegionUnknown);
                None
            }
        };
    }
    if text.chars().count() > MAX_FIELD_CHARS {
        codes.push(ErrorCode::RegionTooLong);
    }
    (!text.is_empty()).then_some(text)
}
