//! Card numbers: parsing, per-brand length and checksum rules, masking.

use core::fmt;
use core::str::FromStr;

use crate::brand::{self, Brand, BrandSet, Detection, detect_digits, is_separator};
use crate::error::{Coded, ErrorCode, coded_error};

/// The longest card number any network issues.
const MAX_DIGITS: usize = 19;
/// The shortest number of an IIN-based brand (Maestro).
const MIN_IIN_DIGITS: usize = 12;

/// A card number that passed every check: digits only, a length its brand
/// issues, and the brand's checksum.
///
/// `Debug` and `Display` show at most the first six and last four digits;
/// the full number is reachable only through [`CardNumber::expose_digits`].
///
/// ```
/// use kassa_card::{Brand, CardNumber};
///
/// let card = CardNumber::parse("4242 4242 4242 4242").unwrap();
/// assert_eq!(card.brand(), Brand::Visa);
/// assert_eq!(card.last4(), "4242");
/// assert_eq!(card.bin(), "424242");
/// assert_eq!(card.to_string(), "424242******4242");
/// assert_eq!(format!("{card:?}"), "CardNumber(424242******4242)");
/// assert_eq!(card.expose_digits(), "4242424242424242");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardNumber {
    /// ASCII digits; only the first `len` are meaningful.
    digits: [u8; MAX_DIGITS],
    len: u8,
    brand: Brand,
    networks: BrandSet,
}

/// Why a card number was refused.
///
/// ```
/// use kassa_card::{CardNumber, CardNumberError, Coded};
///
/// assert_eq!(CardNumber::parse(" - "), Err(CardNumberError::Empty));
/// assert_eq!(CardNumber::parse("4242 4242 4242 4242 4242"), Err(CardNumberError::TooLong));
/// assert_eq!(CardNumber::parse("0000 0000 0000 0000"), Err(CardNumberError::UnknownBrand));
/// assert_eq!(CardNumberError::TooLong.code().as_str(), "card_number.too_long");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardNumberError {
    /// No digits at all.
    Empty,
    /// A character other than a digit, space or dash, at this character index.
    InvalidCharacter {
        /// Index of the offending character, counted in characters (not bytes).
        index: usize,
    },
    /// Fewer digits than any card has.
    TooShort,
    /// More than 19 digits.
    TooLong,
    /// A length the brand does not issue.
    Length {
        /// The brand the number belongs to.
        brand: Brand,
    },
    /// The check digit is wrong.
    Checksum,
    /// No known network issues numbers that start this way.
    UnknownBrand,
}

impl Coded for CardNumberError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::CardNumberEmpty,
            Self::InvalidCharacter { .. } => ErrorCode::CardNumberInvalidCharacter,
            Self::TooShort => ErrorCode::CardNumberTooShort,
            Self::TooLong => ErrorCode::CardNumberTooLong,
            Self::Length { .. } => ErrorCode::CardNumberLength,
            Self::Checksum => ErrorCode::CardNumberChecksum,
            Self::UnknownBrand => ErrorCode::CardNumberUnknownBrand,
        }
    }
}
coded_error!(CardNumberError);

/// Where a card-number field stands while the shopper types.
///
/// ```
/// use kassa_card::{Brand, CardNumber, CardNumberError};
///
/// let typing = CardNumber::status("4242 4242");
/// assert!(!typing.is_valid() && typing.is_potentially_valid());
/// assert_eq!(typing.detection().single(), Some(Brand::Visa));
///
/// let typo = CardNumber::status("4242 4242 4242 4241");
/// assert_eq!(typo.error(), Some(CardNumberError::Checksum));
/// assert!(typo.is_potentially_valid(), "Visa also issues 19 digits");
///
/// assert!(!CardNumber::status("4242x").is_potentially_valid());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStatus {
    detection: Detection,
    error: Option<CardNumberError>,
    potentially_valid: bool,
}

impl NumberStatus {
    /// Whether the field holds a complete, valid number.
    pub const fn is_valid(&self) -> bool {
        self.error.is_none()
    }

    /// Whether typing more could still make it valid (or it already is).
    pub const fn is_potentially_valid(&self) -> bool {
        self.potentially_valid
    }

    /// Why it is not valid yet; `None` when it is.
    pub const fn error(&self) -> Option<CardNumberError> {
        self.error
    }

    /// The brands the number could be.
    pub const fn detection(&self) -> Detection {
        self.detection
    }
}

/// Digits read from a card-number field.
struct Digits {
    values: [u8; MAX_DIGITS],
    /// Every digit counted, including any past the 19th.
    count: usize,
}

impl Digits {
    fn read(input: &str) -> Result<Digits, CardNumberError> {
        let mut values = [0u8; MAX_DIGITS];
        let mut count = 0;
        let mut read = |(index, character): (usize, char)| {
            if character.is_ascii_digit() {
                if count < MAX_DIGITS {
                    values[count] = character as u8 - b'0';
                }
                count += 1;
                Ok(())
            } else if is_separator(character) {
                Ok(())
            } else {
                Err(CardNumberError::InvalidCharacter { index })
            }
        };
        // Most input is ASCII, where byte and character indexes agree; decode
        // characters only when it is not.
        if input.is_ascii() {
            input
                .bytes()
                .map(char::from)
                .enumerate()
                .try_for_each(&mut read)?;
        } else {
            input.chars().enumerate().try_for_each(&mut read)?;
        }
        Ok(Digits { values, count })
    }

    fn as_slice(&self) -> &[u8] {
        &self.values[..self.count.min(MAX_DIGITS)]
    }

    fn detection(&self) -> Detection {
        let digits = self.as_slice();
        detect_digits(&digits[..digits.len().min(8)])
    }
}

impl CardNumber {
    /// Parses a card number: digits with optional spaces or dashes.
    ///
    /// ```
    /// use kassa_card::{Brand, CardNumber, CardNumberError};
    ///
    /// assert_eq!(CardNumber::parse("3782-822463-10005").unwrap().brand(), Brand::AmericanExpress);
    /// assert_eq!(CardNumber::parse("4242 42a2"), Err(CardNumberError::InvalidCharacter { index: 7 }));
    /// assert_eq!(CardNumber::parse("4242 4242"), Err(CardNumberError::TooShort));
    /// assert_eq!(CardNumber::parse("3782 822463 1000"), Err(CardNumberError::Length { brand: Brand::AmericanExpress }));
    /// assert_eq!(CardNumber::parse("010830529").unwrap().brand(), Brand::Isracard);
    /// ```
    ///
    /// Eight or nine digits are an Isracard number when its check passes,
    /// and [`CardNumberError::TooShort`] otherwise.
    ///
    /// # Errors
    /// A [`CardNumberError`] naming the first rule the input breaks.
    pub fn parse(input: &str) -> Result<CardNumber, CardNumberError> {
        let digits = Digits::read(input)?;
        let values = digits.as_slice();
        match digits.count {
            0 => return Err(CardNumberError::Empty),
            count if count > MAX_DIGITS => return Err(CardNumberError::TooLong),
            8 | 9 if brand::is_isracard_valid(values) => {
                return Ok(CardNumber::new(values, Brand::Isracard, BrandSet::EMPTY));
            }
            count if count < MIN_IIN_DIGITS => return Err(CardNumberError::TooShort),
            _ => {}
        }
        let detection = digits.detection();
        let brand = detection
            .primary()
            .or_else(|| detection.brands().iter().next())
            .ok_or(CardNumberError::UnknownBrand)?;
        if !brand.lengths().contains(&(digits.count as u8)) {
            return Err(CardNumberError::Length { brand });
        }
        if !brand::checksum_passes(brand.checksum(), values) {
            return Err(CardNumberError::Checksum);
        }
        Ok(CardNumber::new(values, brand, detection.brands()))
    }

    /// Where a partly typed number stands: valid, potentially valid, and why not.
    ///
    /// ```
    /// use kassa_card::{Brand, CardNumber};
    /// assert!(CardNumber::status("4242 4242 4242 4242").is_valid());
    /// let amex = CardNumber::status("3782");
    /// assert!(amex.is_potentially_valid() && amex.detection().single() == Some(Brand::AmericanExpress));
    /// ```
    pub fn status(input: &str) -> NumberStatus {
        let digits = match Digits::read(input) {
            Ok(digits) => digits,
            Err(error) => {
                return NumberStatus {
                    detection: brand::detect("x"),
                    error: Some(error),
                    potentially_valid: false,
                };
            }
        };
        let detection = digits.detection();
        let error = CardNumber::parse(input).err();
        let potentially_valid = match error {
            None => true,
            Some(CardNumberError::Empty) => true,
            Some(_) if digits.count == 0 => true,
            // Isracard has no IIN: any prefix of up to 8 digits may still
            // become a valid 9-digit Isracard number.
            Some(_) if detection.is_empty() => digits.count < 9,
            Some(_) => usize::from(detection.max_length()) > digits.count,
        };
        NumberStatus {
            detection,
            error,
            potentially_valid,
        }
    }

    fn new(values: &[u8], brand: Brand, networks: BrandSet) -> CardNumber {
        let mut digits = [0u8; MAX_DIGITS];
        for (slot, value) in digits.iter_mut().zip(values) {
            *slot = b'0' + value;
        }
        let networks = if networks.is_empty() {
            [brand].into_iter().collect()
        } else {
            networks
        };
        CardNumber {
            digits,
            len: values.len() as u8,
            brand,
            networks,
        }
    }

    /// The brand the number belongs to (the local network of a co-badged card).
    pub fn brand(&self) -> Brand {
        self.brand
    }

    /// Every network the card runs on: one brand, or two for a co-badged card
    /// (Visa and Dankort), among which the shopper may choose.
    ///
    /// ```
    /// use kassa_card::{Brand, CardNumber};
    /// let card = CardNumber::parse("4571 0000 0000 0001").unwrap();
    /// assert_eq!(card.networks().iter().collect::<Vec<_>>(), [Brand::Visa, Brand::Dankort]);
    /// ```
    pub fn networks(&self) -> BrandSet {
        self.networks
    }

    /// The number of digits.
    ///
    /// ```
    /// use kassa_card::CardNumber;
    /// assert_eq!(CardNumber::parse("3782 822463 10005").unwrap().len(), 15);
    /// ```
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always `false`: a parsed number has digits. Here for API symmetry.
    ///
    /// ```
    /// use kassa_card::CardNumber;
    /// assert!(!CardNumber::parse("4242 4242 4242 4242").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The full number, digits only. Name the call site's reason in a comment:
    /// this is the one way the digits leave the type.
    pub fn expose_digits(&self) -> &str {
        core::str::from_utf8(&self.digits[..self.len()]).unwrap_or_default()
    }

    /// The last four digits.
    pub fn last4(&self) -> &str {
        let digits = self.expose_digits();
        &digits[digits.len().saturating_sub(4)..]
    }

    /// The first six digits (the bank identification number), for routing
    /// and BIN lookups. On short cards it overlaps [`last4`](Self::last4): to
    /// show a number to a person, use [`masked`](Self::masked).
    pub fn bin(&self) -> &str {
        let digits = self.expose_digits();
        &digits[..digits.len().min(6)]
    }

    /// How many leading digits a masked form may show: six for cards of 15
    /// digits or more, fewer for short cards, none below 10 digits, so that
    /// masking hides at least as many digits as the last four show.
    fn shown_prefix_len(&self) -> usize {
        self.len().saturating_sub(9).min(6)
    }

    /// The number with at most the first six and last four digits shown:
    /// `424242******4242`.
    ///
    /// ```
    /// use kassa_card::CardNumber;
    /// assert_eq!(CardNumber::parse("3782 822463 10005").unwrap().masked(), "378282*****0005");
    /// // A 12-digit Maestro shows only three leading digits, hiding five.
    /// assert_eq!(CardNumber::parse("5000 0000 0009").unwrap().masked(), "500*****0009");
    /// ```
    pub fn masked(&self) -> alloc::string::String {
        self.mask_with(self.shown_prefix_len())
    }

    /// The short form on receipts: first four, three stars, last four
    /// (`4242***4242`). For short cards the prefix shrinks as in [`masked`](Self::masked).
    ///
    /// ```
    /// use kassa_card::CardNumber;
    /// let card = CardNumber::parse("5555555555554444").unwrap();
    /// assert_eq!(card.masked_short(), "5555***4444");
    /// assert_eq!(card.masked_last4(), "•••• 4444");
    /// ```
    pub fn masked_short(&self) -> alloc::string::String {
        let shown = self.shown_prefix_len().min(4);
        let mut out = alloc::string::String::with_capacity(11);
        out.push_str(&self.expose_digits()[..shown]);
        out.push_str("***");
        out.push_str(self.last4());
        out
    }

    /// Only the last four, as wallets show it: `•••• 4242`.
    pub fn masked_last4(&self) -> alloc::string::String {
        let mut out = alloc::string::String::from("•••• ");
        out.push_str(self.last4());
        out
    }

    fn mask_with(&self, shown: usize) -> alloc::string::String {
        let digits = self.expose_digits();
        let hidden_end = digits.len().saturating_sub(4);
        let mut out = alloc::string::String::with_capacity(digits.len());
        out.push_str(&digits[..shown]);
        (shown..hidden_end).for_each(|_| out.push('*'));
        out.push_str(&digits[hidden_end..]);
        out
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber({})", self.masked())
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl FromStr for CardNumber {
    type Err = CardNumberError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        CardNumber::parse(input)
    }
}

impl TryFrom<&str> for CardNumber {
    type Error = CardNumberError;

    fn try_from(input: &str) -> Result<Self, Self::Error> {
        CardNumber::parse(input)
    }
}

// Deserialize only: a card number is never serialized, so it cannot end up in
// a JSON log or response by accident.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CardNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        // The error's Display carries the code and message, never the input.
        CardNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}
