//! The cardholder's name, as embossed on the card.

use core::fmt;

use crate::error::{Coded, ErrorCode, coded_error};

/// The longest name cards carry.
const MAX_CHARS: usize = 30;

/// A cardholder name: trimmed, inner spaces collapsed, 1 to 30 characters,
/// with at least one letter of any script.
///
/// ```
/// use kassa_card::{CardholderName, NameError};
///
/// assert_eq!(CardholderName::parse("A1234567890123"), Err(NameError::LooksLikeCardNumber));
/// assert_eq!(CardholderName::parse("  Zoë   O'Brien-Smith ").unwrap().as_str(), "Zoë O'Brien-Smith");
/// assert!(CardholderName::parse("ישראל ישראלי").is_ok());
/// assert!(CardholderName::parse("Иван Петров").is_ok());
/// assert_eq!(CardholderName::parse("4242 4242 4242 4242"), Err(NameError::LooksLikeCardNumber));
/// assert_eq!(CardholderName::parse("12345"), Err(NameError::NoLetter));
/// assert_eq!(CardholderName::parse(" "), Err(NameError::Empty));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CardholderName(alloc::string::String);

/// Why a name was refused.
///
/// ```
/// use kassa_card::{CardholderName, Coded, NameError};
///
/// assert_eq!(CardholderName::parse("Jane <script>"), Err(NameError::InvalidCharacter));
/// assert_eq!(CardholderName::parse(&"A".repeat(31)), Err(NameError::TooLong));
/// assert_eq!(NameError::TooLong.code().as_str(), "name.too_long");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Nothing but spaces.
    Empty,
    /// More than 30 characters.
    TooLong,
    /// Not a single letter.
    NoLetter,
    /// A control character or a symbol names do not have.
    InvalidCharacter,
    /// Twelve or more digits, as if the card number went into the name field.
    LooksLikeCardNumber,
}

impl Coded for NameError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::NameEmpty,
            Self::TooLong => ErrorCode::NameTooLong,
            Self::NoLetter => ErrorCode::NameNoLetter,
            Self::InvalidCharacter => ErrorCode::NameInvalidCharacter,
            Self::LooksLikeCardNumber => ErrorCode::NameLooksLikeCardNumber,
        }
    }
}
coded_error!(NameError);

/// The two Unicode character properties the name rules read.
///
/// [`CardholderName::parse`] reads them from Rust's own tables
/// ([`RustUnicode`]). A WebAssembly module in a browser may read them from the
/// JavaScript engine instead (`/\p{Alphabetic}/u`, `/\p{N}/u`: the same
/// properties of the same standard), rather than carry a second copy of the
/// tables: 2 KB of the 25 KB the npm package allows itself. ASCII never
/// reaches an implementation; the rules answer it themselves.
///
/// ```
/// use kassa_card::{CardholderName, NameError, RustUnicode, UnicodeProperties};
///
/// /// Letters of the Latin script only.
/// struct LatinOnly;
/// impl UnicodeProperties for LatinOnly {
///     fn is_alphabetic(&self, character: char) -> bool {
///         matches!(character, 'À'..='ɏ')
///     }
///     fn is_alphanumeric(&self, character: char) -> bool {
///         self.is_alphabetic(character)
///     }
/// }
/// assert!(CardholderName::parse_with("Zoë", &LatinOnly).is_ok());
/// assert_eq!(CardholderName::parse_with("Иван", &LatinOnly), Err(NameError::InvalidCharacter));
/// assert!(CardholderName::parse_with("Иван", &RustUnicode).is_ok());
/// ```
pub trait UnicodeProperties {
    /// Unicode's `Alphabetic` property, as [`char::is_alphabetic`].
    fn is_alphabetic(&self, character: char) -> bool;
    /// `Alphabetic` or a numeric general category (`Nd`, `Nl`, `No`), as
    /// [`char::is_alphanumeric`].
    fn is_alphanumeric(&self, character: char) -> bool;
}

/// Rust's own Unicode tables (those of `core`).
///
/// ```
/// use kassa_card::{RustUnicode, UnicodeProperties};
/// assert!(RustUnicode.is_alphabetic('ש'));
/// assert!(RustUnicode.is_alphanumeric('٣'));
/// assert!(!RustUnicode.is_alphanumeric('€'));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct RustUnicode;

impl UnicodeProperties for RustUnicode {
    fn is_alphabetic(&self, character: char) -> bool {
        character.is_alphabetic()
    }

    fn is_alphanumeric(&self, character: char) -> bool {
        character.is_alphanumeric()
    }
}

impl CardholderName {
    /// Parses a name (see the type's docs for the rules), with Rust's Unicode
    /// tables.
    ///
    /// # Errors
    /// A [`NameError`] naming the first rule the input breaks.
    pub fn parse(text: &str) -> Result<CardholderName, NameError> {
        CardholderName::parse_with(text, &RustUnicode)
    }

    /// [`CardholderName::parse`], with the Unicode properties of `unicode`.
    ///
    /// # Errors
    /// A [`NameError`] naming the first rule the input breaks.
    pub fn parse_with(
        text: &str,
        unicode: &impl UnicodeProperties,
    ) -> Result<CardholderName, NameError> {
        let mut name = alloc::string::String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(word);
        }
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        if looks_like_card_number(&name) {
            return Err(NameError::LooksLikeCardNumber);
        }
        if name
            .chars()
            .any(|character| !is_allowed(character, unicode))
        {
            return Err(NameError::InvalidCharacter);
        }
        let is_letter = |character: char| {
            if character.is_ascii() {
                character.is_ascii_alphabetic()
            } else {
                unicode.is_alphabetic(character)
            }
        };
        if !name.chars().any(is_letter) {
            return Err(NameError::NoLetter);
        }
        if name.chars().count() > MAX_CHARS {
            return Err(NameError::TooLong);
        }
        Ok(CardholderName(name))
    }

    /// The normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Letters and marks of any script, spaces, and the punctuation real names
/// use: apostrophes, hyphens, dots, commas. Digits are allowed (a company line
/// may carry a number), but not twelve of them (see below).
fn is_allowed(character: char, unicode: &impl UnicodeProperties) -> bool {
    let alphanumeric = if character.is_ascii() {
        character.is_ascii_alphanumeric()
    } else {
        unicode.is_alphanumeric(character)
    };
    alphanumeric
        || matches!(character, ' ' | '\'' | '’' | '-' | '.' | ',' | '&' | '/')
        // Combining marks (Hebrew points, decomposed accents) are not alphanumeric.
        || ('\u{0300}'..='\u{036F}').contains(&character)
        || ('\u{0591}'..='\u{05C7}').contains(&character)
}

/// Twelve or more digits: a card number typed (or autofilled) into the name
/// field, whatever else surrounds it. No embossed name carries that many.
fn looks_like_card_number(name: &str) -> bool {
    name.chars().filter(char::is_ascii_digit).count() >= 12
}

impl fmt::Display for CardholderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::str::FromStr for CardholderName {
    type Err = NameError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CardholderName::parse(text)
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::CardholderName;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for CardholderName {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for CardholderName {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            CardholderName::parse(&text).map_err(D::Error::custom)
        }
    }
}
