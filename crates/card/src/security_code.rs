//! Security codes (CVV, CVC, CID, …). Never displayed, never serialized.

use core::fmt;

use crate::Brand;
use crate::error::{Coded, ErrorCode, coded_error};

/// A security code of the right length for its brand.
///
/// It has no `Display` and no `Serialize`; `Debug` prints `SecurityCode(***)`.
///
/// ```
/// use kassa_card::{Brand, SecurityCode, SecurityCodeError};
///
/// assert!(SecurityCode::parse("123", Some(Brand::Visa)).is_ok());
/// assert!(SecurityCode::parse("1234", Some(Brand::AmericanExpress)).is_ok());
/// assert_eq!(SecurityCode::parse("1234", Some(Brand::Visa)), Err(SecurityCodeError::Length));
/// assert!(SecurityCode::parse("1234", None).is_ok(), "3 or 4 digits while the brand is unknown");
/// assert_eq!(SecurityCode::parse("12a", None), Err(SecurityCodeError::Format));
/// assert_eq!(format!("{:?}", SecurityCode::parse("123", None).unwrap()), "SecurityCode(***)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SecurityCode {
    digits: [u8; 4],
    len: u8,
}

/// Why a security code was refused.
///
/// ```
/// use kassa_card::{Brand, Coded, SecurityCode, SecurityCodeError};
///
/// assert_eq!(SecurityCode::parse(" ", Some(Brand::Visa)), Err(SecurityCodeError::Empty));
/// assert_eq!(SecurityCodeError::Length.code().as_str(), "cvv.length");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecurityCodeError {
    /// Nothing was given, and the brand requires a code.
    Empty,
    /// Something other than digits.
    Format,
    /// The wrong number of digits for the brand.
    Length,
}

impl Coded for SecurityCodeError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::CvvEmpty,
            Self::Format => ErrorCode::CvvFormat,
            Self::Length => ErrorCode::CvvLength,
        }
    }
}
coded_error!(SecurityCodeError);

impl SecurityCode {
    /// Parses a security code for `brand`: exactly the brand's size, or 3 or 4
    /// digits when the brand is not known yet. Surrounding spaces are trimmed.
    /// For a brand whose cards carry no code (UATP), an empty code is valid
    /// and gives `Ok(None)`.
    ///
    /// ```
    /// use kassa_card::{Brand, SecurityCode};
    /// assert_eq!(SecurityCode::parse_optional("", Some(Brand::Uatp)), Ok(None));
    /// assert!(SecurityCode::parse_optional("", Some(Brand::Visa)).is_err());
    /// ```
    ///
    /// # Errors
    /// [`SecurityCodeError`] naming the first rule the input breaks.
    pub fn parse_optional(
        text: &str,
        brand: Option<Brand>,
    ) -> Result<Option<SecurityCode>, SecurityCodeError> {
        let text = text.trim();
        let brand_has_no_code = brand.is_some_and(|brand| brand.security_code_size() == 0);
        if text.is_empty() && brand_has_no_code {
            return Ok(None);
        }
        SecurityCode::parse(text, brand).map(Some)
    }

    /// Parses a required security code (see [`SecurityCode::parse_optional`]).
    ///
    /// # Errors
    /// [`SecurityCodeError`] naming the first rule the input breaks.
    pub fn parse(text: &str, brand: Option<Brand>) -> Result<SecurityCode, SecurityCodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(SecurityCodeError::Empty);
        }
        if !text.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(SecurityCodeError::Format);
        }
        let (shortest, longest) = allowed_lengths(brand);
        if !(shortest..=longest).contains(&text.len()) {
            return Err(SecurityCodeError::Length);
        }
        let mut digits = [0u8; 4];
        digits[..text.len()].copy_from_slice(text.as_bytes());
        Ok(SecurityCode {
            digits,
            len: text.len() as u8,
        })
    }

    /// Whether a partly typed code could still become valid for `brand`.
    ///
    /// ```
    /// use kassa_card::{Brand, SecurityCode};
    /// assert!(SecurityCode::is_potentially_valid("12", Some(Brand::Visa)));
    /// assert!(!SecurityCode::is_potentially_valid("1234", Some(Brand::Visa)));
    /// ```
    pub fn is_potentially_valid(text: &str, brand: Option<Brand>) -> bool {
        let text = text.trim();
        text.bytes().all(|byte| byte.is_ascii_digit()) && text.len() <= allowed_lengths(brand).1
    }

    /// The number of digits.
    ///
    /// ```
    /// use kassa_card::{Brand, SecurityCode};
    /// assert_eq!(SecurityCode::parse("1234", Some(Brand::AmericanExpress)).unwrap().len(), 4);
    /// ```
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always `false`: a parsed code has digits.
    ///
    /// ```
    /// use kassa_card::SecurityCode;
    /// assert!(!SecurityCode::parse("123", None).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The digits, for the one place that needs them: the request to the
    /// processor.
    ///
    /// ```
    /// use kassa_card::{Brand, SecurityCode};
    /// let code = SecurityCode::parse(" 0123 ", Some(Brand::AmericanExpress)).unwrap();
    /// assert_eq!(code.expose_digits(), "0123", "trimmed, leading zero kept");
    /// ```
    pub fn expose_digits(&self) -> &str {
        core::str::from_utf8(&self.digits[..self.len()]).unwrap_or_default()
    }
}

/// Shortest and longest code for a brand; 3 or 4 when unknown or optional.
fn allowed_lengths(brand: Option<Brand>) -> (usize, usize) {
    match brand.map(Brand::security_code_size) {
        Some(size) if size > 0 => (usize::from(size), usize::from(size)),
        _ => (3, 4),
    }
}

impl fmt::Debug for SecurityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecurityCode(***)")
    }
}
