//! Postal codes, checked against each country's format.

use core::fmt;

use crate::Country;
use crate::error::{Coded, ErrorCode, coded_error};

mod pattern;
mod table;

/// What a country calls its postal code, so a form can label the field.
///
/// ```
/// use kassa_card::{Country, PostalCode, PostalKind};
/// assert_eq!(PostalCode::kind(Country::parse("US").unwrap()), PostalKind::Zip);
/// assert_eq!(PostalCode::kind(Country::parse("IN").unwrap()), PostalKind::Pin);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PostalKind {
    /// "Postal code", the general term.
    Postal,
    /// "ZIP code" (United States and its territories).
    Zip,
    /// "Postcode" (United Kingdom, Australia, New Zealand, South Africa).
    Postcode,
    /// "PIN code" (India).
    Pin,
    /// "CEP" (Brazil).
    Cep,
    /// "Eircode" (Ireland).
    Eircode,
}

/// One country's postal-code formats.
#[derive(Debug)]
struct PostalRule {
    country: [u8; 2],
    kind: PostalKind,
    patterns: &'static [&'static str],
    example: &'static str,
}

/// A postal code valid for its country, in canonical form (upper case, with
/// the country's usual space or hyphen).
///
/// Countries with a known format are checked against it; countries without
/// postal codes take an empty one; for the others any short code of letters,
/// digits, spaces and hyphens is accepted.
///
/// ```
/// use kassa_card::{Country, PostalCode, PostalCodeError};
///
/// let country = |code| Country::parse(code).unwrap();
/// assert_eq!(PostalCode::parse("sw1a1aa", country("GB")).unwrap().as_str(), "SW1A 1AA");
/// assert_eq!(PostalCode::parse("k1a 0b1", country("CA")).unwrap().as_str(), "K1A 0B1");
/// assert_eq!(PostalCode::parse("941031234", country("US")).unwrap().as_str(), "94103-1234");
/// assert_eq!(PostalCode::parse("1234", country("US")), Err(PostalCodeError::Format));
/// assert_eq!(PostalCode::parse("", country("DE")), Err(PostalCodeError::Required));
/// assert_eq!(PostalCode::parse("", country("AE")).unwrap().as_str(), "", "the Emirates have none");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostalCode(alloc::string::String);

/// Why a postal code was refused.
///
/// ```
/// use kassa_card::{Coded, Country, PostalCode, PostalCodeError};
///
/// let germany = Country::parse("DE").unwrap();
/// assert_eq!(PostalCode::parse("1011", germany), Err(PostalCodeError::Format));
/// assert_eq!(PostalCodeError::Required.code().as_str(), "postal_code.required");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostalCodeError {
    /// The country has postal codes and none was given.
    Required,
    /// Not a postal code of that country.
    Format,
}

impl Coded for PostalCodeError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Required => ErrorCode::PostalCodeRequired,
            Self::Format => ErrorCode::PostalCodeFormat,
        }
    }
}
coded_error!(PostalCodeError);

/// Longest postal code accepted for a country without a known format.
const MAX_FREE_FORM: usize = 12;

impl PostalCode {
    /// Parses a postal code for `country` (see the type's docs).
    ///
    /// # Errors
    /// [`PostalCodeError::Required`] or [`PostalCodeError::Format`].
    pub fn parse(text: &str, country: Country) -> Result<PostalCode, PostalCodeError> {
        let normalized = pattern::normalize(text);
        if normalized.is_empty() {
            return if PostalCode::has_postal_codes(country) {
                Err(PostalCodeError::Required)
            } else {
                Ok(PostalCode(normalized))
            };
        }
        match rule(country) {
            Some(rule) => rule
                .patterns
                .iter()
                .find_map(|pattern| pattern::canonical(pattern, &normalized))
                .map(PostalCode)
                .ok_or(PostalCodeError::Format),
            // Shoppers in countries without postal codes often type "00000"
            // where a form insisted before; accept any short code there too.
            None if is_free_form(&normalized) => Ok(PostalCode(normalized)),
            None => Err(PostalCodeError::Format),
        }
    }

    /// Whether addresses in `country` must have a postal code: true where the
    /// format is known. Elsewhere (including the countries known to have no
    /// postal codes) an empty one is accepted.
    ///
    /// ```
    /// use kassa_card::{Country, PostalCode};
    /// assert!(PostalCode::has_postal_codes(Country::parse("DE").unwrap()));
    /// assert!(!PostalCode::has_postal_codes(Country::parse("HK").unwrap()));
    /// ```
    pub fn has_postal_codes(country: Country) -> bool {
        rule(country).is_some()
    }

    /// Whether `country` has no postal codes at all, so a form can hide the
    /// field.
    ///
    /// ```
    /// use kassa_card::{Country, PostalCode};
    /// assert!(PostalCode::not_used_in(Country::parse("HK").unwrap()));
    /// assert!(!PostalCode::not_used_in(Country::parse("FR").unwrap()));
    /// ```
    pub fn not_used_in(country: Country) -> bool {
        let code = country.code().as_bytes();
        table::NO_POSTAL_CODE.iter().any(|entry| entry == code)
    }

    /// What `country` calls its postal code.
    ///
    /// ```
    /// use kassa_card::{Country, PostalCode, PostalKind};
    /// assert_eq!(PostalCode::kind(Country::parse("IE").unwrap()), PostalKind::Eircode);
    /// assert_eq!(PostalCode::kind(Country::parse("FR").unwrap()), PostalKind::Postal);
    /// ```
    pub fn kind(country: Country) -> PostalKind {
        rule(country).map_or(PostalKind::Postal, |rule| rule.kind)
    }

    /// A realistic example for `country`, for placeholders; `None` when the
    /// format is not known.
    ///
    /// ```
    /// use kassa_card::{Country, PostalCode};
    /// assert_eq!(PostalCode::example(Country::parse("NL").unwrap()), Some("1012 JS"));
    /// ```
    pub fn example(country: Country) -> Option<&'static str> {
        rule(country).map(|rule| rule.example)
    }

    /// The canonical code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn rule(country: Country) -> Option<&'static PostalRule> {
    let code: [u8; 2] = country.code().as_bytes().try_into().ok()?;
    table::RULES
        .binary_search_by(|rule| rule.country.cmp(&code))
        .ok()
        .map(|index| &table::RULES[index])
}

fn is_free_form(text: &str) -> bool {
    text.len() <= MAX_FREE_FORM
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b' ' || byte == b'-')
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::pattern::canonical;
    use super::table::{NO_POSTAL_CODE, RULES};

    #[test]
    fn every_example_matches_its_own_rule_unchanged() {
        for rule in RULES {
            let matched = rule
                .patterns
                .iter()
                .find_map(|pattern| canonical(pattern, rule.example));
            assert_eq!(matched.as_deref(), Some(rule.example), "{:?}", rule.country);
        }
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        assert!(
            RULES
                .windows(2)
                .all(|pair| pair[0].country < pair[1].country)
        );
        assert!(NO_POSTAL_CODE.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(
            RULES
                .iter()
                .all(|rule| !NO_POSTAL_CODE.contains(&rule.country))
        );
        assert!(RULES.len() >= 40);
    }
}
