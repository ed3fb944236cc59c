//! The Israeli identity number (Teudat Zehut), which Israeli acquirers
//! require with a card.

use core::fmt;

use crate::error::{Coded, ErrorCode, coded_error};

/// A valid Israeli identity number: nine digits, the last a check digit.
/// Shorter forms are left-padded with zeros, as the Population Authority
/// prints them.
///
/// ```
/// use kassa_card::{IsraeliId, IsraeliIdError};
///
/// assert_eq!(IsraeliId::parse("000000018").unwrap().as_str(), "000000018");
/// assert_eq!(IsraeliId::parse("18").unwrap().as_str(), "000000018");
/// assert_eq!(IsraeliId::parse("123456782").unwrap().as_str(), "123456782");
/// assert_eq!(IsraeliId::parse("123456789"), Err(IsraeliIdError::Checksum));
/// assert_eq!(IsraeliId::parse("12-3"), Err(IsraeliIdError::Format));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IsraeliId([u8; 9]);

/// Why an identity number was refused.
///
/// ```
/// use kassa_card::{Coded, IsraeliId, IsraeliIdError};
///
/// assert_eq!(IsraeliId::parse("1234567890"), Err(IsraeliIdError::Format), "ten digits");
/// assert_eq!(IsraeliId::parse("12345678"), Err(IsraeliIdError::Checksum));
/// assert_eq!(IsraeliIdError::Checksum.code().as_str(), "israeli_id.checksum");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsraeliIdError {
    /// Not 1 to 9 digits.
    Format,
    /// The check digit is wrong.
    Checksum,
}

impl Coded for IsraeliIdError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Format => ErrorCode::IsraeliIdFormat,
            Self::Checksum => ErrorCode::IsraeliIdChecksum,
        }
    }
}
coded_error!(IsraeliIdError);

impl IsraeliId {
    /// Parses 1 to 9 digits (surrounding spaces trimmed).
    ///
    /// # Errors
    /// [`IsraeliIdError::Format`] or [`IsraeliIdError::Checksum`].
    pub fn parse(text: &str) -> Result<IsraeliId, IsraeliIdError> {
        let text = text.trim().as_bytes();
        if text.is_empty() || text.len() > 9 || !text.iter().all(u8::is_ascii_digit) {
            return Err(IsraeliIdError::Format);
        }
        let mut digits = [b'0'; 9];
        digits[9 - text.len()..].copy_from_slice(text);
        // Weights alternate 1, 2 from the left; a doubled digit over 9 adds
        // its two digits (the Luhn step), and the total is a multiple of 10.
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(index, &digit)| {
                let value = u32::from(digit - b'0') * (1 + (index as u32 % 2));
                if value > 9 { value - 9 } else { value }
            })
            .sum();
        if !sum.is_multiple_of(10) || digits == [b'0'; 9] {
            return Err(IsraeliIdError::Checksum);
        }
        Ok(IsraeliId(digits))
    }

    /// The nine digits.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for IsraeliId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
