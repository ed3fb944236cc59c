//! Phone numbers, normalised to E.164 (`+14155550123`).
//!
//! Not a full numbering-plan validator (that is libphonenumber's job, and its
//! metadata would dwarf this crate): it knows every country calling code, the
//! national trunk prefixes, E.164's length limits and the North American
//! plan's fixed ten digits.

use core::fmt;

use crate::Country;
use crate::error::{Coded, ErrorCode, coded_error};

/// E.164's limit on digits, country code included.
const MAX_DIGITS: usize = 15;
/// No country's subscriber numbers are shorter than this.
const MIN_NATIONAL_DIGITS: usize = 4;

/// A phone number in E.164 form.
///
/// ```
/// use kassa_card::{Country, Phone, PhoneError};
///
/// let us = Country::parse("US").ok();
/// assert_eq!(Phone::parse("(415) 555-0123", us).unwrap().as_str(), "+14155550123");
/// assert_eq!(Phone::parse("+44 20 7946 0958", None).unwrap().as_str(), "+442079460958");
/// assert_eq!(Phone::parse("0044 20 7946 0958", None).unwrap().country_calling_code(), 44);
/// let fr = Country::parse("FR").ok();
/// assert_eq!(Phone::parse("06 12 34 56 78", fr).unwrap().as_str(), "+33612345678");
/// let il = Country::parse("IL").ok();
/// assert_eq!(Phone::parse("050-123-4567", il).unwrap().as_str(), "+972501234567");
/// assert_eq!(Phone::parse("555-0123", None), Err(PhoneError::CountryCode));
/// assert_eq!(Phone::parse("+1 415 555", None), Err(PhoneError::Length));
/// assert_eq!(Phone::parse("call me", us), Err(PhoneError::Format));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: alloc::string::String,
    calling_code_digits: u8,
}

/// Why a phone number was refused.
///
/// ```
/// use kassa_card::{Coded, Phone, PhoneError};
///
/// assert_eq!(Phone::parse(" ", None), Err(PhoneError::Empty));
/// assert_eq!(Phone::parse("+999 1234 5678", None), Err(PhoneError::CountryCode));
/// assert_eq!(PhoneError::Length.code().as_str(), "phone.length");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// Nothing was given.
    Empty,
    /// Characters a phone number does not have.
    Format,
    /// No `+` and country code, and no default country; or an unknown code.
    CountryCode,
    /// Too few or too many digits.
    Length,
}

impl Coded for PhoneError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::PhoneEmpty,
            Self::Format => ErrorCode::PhoneFormat,
            Self::CountryCode => ErrorCode::PhoneCountryCode,
            Self::Length => ErrorCode::PhoneLength,
        }
    }
}
coded_error!(PhoneError);

impl Phone {
    /// Parses a number written internationally (`+33 …` or `0033 …`), or
    /// nationally for `default_country` (`06 …` in France).
    ///
    /// # Errors
    /// A [`PhoneError`].
    pub fn parse(text: &str, default_country: Option<Country>) -> Result<Phone, PhoneError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PhoneError::Empty);
        }
        let (international, rest) = match text.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut digits = [0u8; 32];
        let mut count = 0;
        for byte in rest.bytes() {
            match byte {
                b'0'..=b'9' if count < digits.len() => {
                    digits[count] = byte;
                    count += 1;
                }
                b'0'..=b'9' => return Err(PhoneError::Length),
                b' ' | b'-' | b'.' | b'(' | b')' | b'/' => {}
                _ => return Err(PhoneError::Format),
            }
        }
        let mut digits = &digits[..count];
        let international = international || digits.starts_with(b"00");
        if international && !text.starts_with('+') {
            digits = &digits[2..];
        }
        let (calling_code, national) = if international {
            split_calling_code(digits).ok_or(PhoneError::CountryCode)?
        } else {
            let country = default_country.ok_or(PhoneError::CountryCode)?;
            (country.calling_code(), strip_trunk_prefix(country, digits))
        };
        // By hand: `format!` would keep `core::fmt` in every module that
        // checks a phone number (the checkout page's among them).
        let mut code_text = alloc::string::String::new();
        let mut rest = calling_code;
        loop {
            code_text.insert(0, char::from(b'0' + (rest % 10) as u8));
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let total = code_text.len() + national.len();
        let nanp_ok = calling_code != 1 || national.len() == 10;
        if national.len() < MIN_NATIONAL_DIGITS || total > MAX_DIGITS || !nanp_ok {
            return Err(PhoneError::Length);
        }
        let mut e164 = alloc::string::String::with_capacity(total + 1);
        e164.push('+');
        e164.push_str(&code_text);
        e164.extend(national.iter().map(|&byte| char::from(byte)));
        Ok(Phone {
            e164,
            calling_code_digits: code_text.len() as u8,
        })
    }

    /// The number in E.164 form.
    pub fn as_str(&self) -> &str {
        &self.e164
    }

    /// The country calling code (`44`).
    pub fn country_calling_code(&self) -> u16 {
        self.e164[1..=usize::from(self.calling_code_digits)]
            .parse()
            .unwrap_or_default()
    }

    /// The national significant number, without the country code.
    ///
    /// ```
    /// use kassa_card::Phone;
    /// assert_eq!(Phone::parse("+44 20 7946 0958", None).unwrap().national_number(), "2079460958");
    /// ```
    pub fn national_number(&self) -> &str {
        &self.e164[1 + usize::from(self.calling_code_digits)..]
    }
}

/// Country calling codes are prefix-free, so at most one of the first one,
/// two or three digits is a known code.
fn split_calling_code(digits: &[u8]) -> Option<(u16, &[u8])> {
    // No calling code starts with 0 ("+01" is not "+1").
    if digits.first() == Some(&b'0') {
        return None;
    }
    (1..=3.min(digits.len())).find_map(|length| {
        let code: u16 = core::str::from_utf8(&digits[..length]).ok()?.parse().ok()?;
        Country::all()
            .any(|country| country.calling_code() == code)
            .then(|| (code, &digits[length..]))
    })
}

/// Drops the national trunk prefix: a leading 0 in most of the world, 8 in
/// Russia and Kazakhstan; Italy, San Marino and the Vatican keep their 0, and
/// the North American plan's optional leading 1 goes.
fn strip_trunk_prefix(country: Country, digits: &[u8]) -> &[u8] {
    match (country.calling_code(), digits) {
        (39 | 378, _) => digits,
        (1, [b'1', rest @ ..]) if rest.len() == 10 => rest,
        (7, [b'8', rest @ ..]) if rest.len() == 10 => rest,
        (_, [b'0', rest @ ..]) => rest,
        _ => digits,
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}
