//! Card expiry dates, in every shape merchants and browsers send them.

use core::fmt;
use core::str::FromStr;

use crate::date::{Date, YearMonth, parse_digits};
use crate::error::{Coded, ErrorCode, coded_error};

/// How many years ahead an expiry may be.
const MAX_YEARS_AHEAD: i32 = 20;

/// A card's expiry month. The card is valid through the last day of it.
///
/// Parsing accepts `MM/YY`, `M/YY`, `MM/YYYY`, `MM / YY`, `MM-YY`, `MMYY`,
/// `MMYYYY`, `YYYY-MM` (what browsers autofill), and an ISO date or date-time
/// of which only the month and year count. Two-digit years are 20YY.
///
/// ```
/// use kassa_card::{Date, Expiry, ExpiryError};
///
/// let today = Date::new(2026, 11, 21).unwrap();
/// for text in ["12/30", "12 / 30", "12/2030", "1230", "122030", "2030-12", "2030-12-31T23:59:59Z"] {
///     let expiry = Expiry::parse(text).unwrap();
///     assert_eq!((expiry.month(), expiry.year()), (12, 2030), "{text}");
/// }
/// assert_eq!(Expiry::parse("3/27").unwrap().to_string(), "03/27");
/// assert!(Expiry::parse("11/26").unwrap().check(today).is_ok(), "valid through November 30th");
/// assert_eq!(Expiry::parse("10/26").unwrap().check(today), Err(ExpiryError::InPast));
/// assert_eq!(Expiry::parse("12/47").unwrap().check(today), Err(ExpiryError::TooFar));
/// assert_eq!(Expiry::parse("13/30"), Err(ExpiryError::Month));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Expiry {
    month: YearMonth,
}

/// Why an expiry was refused.
///
/// ```
/// use kassa_card::{Coded, Expiry, ExpiryError};
///
/// assert_eq!(Expiry::parse("  "), Err(ExpiryError::Empty));
/// assert_eq!(Expiry::parse("12/3x"), Err(ExpiryError::Format));
/// assert_eq!(ExpiryError::InPast.code().as_str(), "expiry.in_past");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryError {
    /// Nothing was given.
    Empty,
    /// Not a month and a year in any known shape.
    Format,
    /// The month is not 1 to 12.
    Month,
    /// The card has expired.
    InPast,
    /// More than 20 years ahead.
    TooFar,
}

impl Coded for ExpiryError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::ExpiryEmpty,
            Self::Format => ErrorCode::ExpiryFormat,
            Self::Month => ErrorCode::ExpiryMonth,
            Self::InPast => ErrorCode::ExpiryInPast,
            Self::TooFar => ErrorCode::ExpiryTooFar,
        }
    }
}
coded_error!(ExpiryError);

/// Where an expiry field stands while the shopper types.
///
/// ```
/// use kassa_card::{Date, Expiry, ExpiryError};
/// let today = Date::new(2026, 11, 21).unwrap();
///
/// assert!(Expiry::status("1", today).is_potentially_valid());
/// assert!(Expiry::status("12/2", today).is_potentially_valid());
/// assert!(Expiry::status("12/20", today).is_potentially_valid(), "could become 12/2030");
/// assert!(!Expiry::status("13", today).is_potentially_valid());
/// assert!(!Expiry::status("12/2019", today).is_potentially_valid());
/// assert!(Expiry::status("12/30", today).is_valid());
/// assert_eq!(Expiry::status("10/26", today).error(), Some(ExpiryError::InPast));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryStatus {
    error: Option<ExpiryError>,
    potentially_valid: bool,
}

impl ExpiryStatus {
    /// Whether the field holds a valid, unexpired date.
    pub const fn is_valid(&self) -> bool {
        self.error.is_none()
    }

    /// Whether typing more could still make it valid (or it already is).
    pub const fn is_potentially_valid(&self) -> bool {
        self.potentially_valid
    }

    /// Why it is not valid; `None` when it is.
    pub const fn error(&self) -> Option<ExpiryError> {
        self.error
    }
}

/// The pieces of an expiry field, possibly incomplete.
#[derive(Debug)]
struct Pieces<'a> {
    month: &'a [u8],
    year: &'a [u8],
    /// Whether the month is known to be finished (a separator followed it).
    month_closed: bool,
}

impl Expiry {
    /// Builds an expiry from numbers; a year below 100 means 20YY.
    ///
    /// ```
    /// use kassa_card::Expiry;
    /// assert_eq!(Expiry::from_month_year(7, 29).unwrap(), Expiry::parse("07/2029").unwrap());
    /// ```
    ///
    /// # Errors
    /// [`ExpiryError::Month`] for a month outside 1 to 12, [`ExpiryError::Format`]
    /// for a year from 100 to 999 or above 9999 (below 100 means 20YY).
    pub fn from_month_year(month: u32, year: u32) -> Result<Expiry, ExpiryError> {
        if !(1..=12).contains(&month) {
            return Err(ExpiryError::Month);
        }
        let year = match year {
            0..=99 => 2000 + year,
            1000..=9999 => year,
            _ => return Err(ExpiryError::Format),
        };
        YearMonth::new(year as u16, month as u8)
            .map(|month| Expiry { month })
            .ok_or(ExpiryError::Format)
    }

    /// Parses an expiry in any accepted shape (see the type's docs). It does
    /// not compare with today: see [`Expiry::check`] and [`Expiry::parse_valid`].
    ///
    /// # Errors
    /// [`ExpiryError::Empty`], [`ExpiryError::Format`] or [`ExpiryError::Month`].
    pub fn parse(text: &str) -> Result<Expiry, ExpiryError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ExpiryError::Empty);
        }
        if let Some(expiry) = parse_iso(text) {
            return expiry;
        }
        let pieces = split(text).ok_or(ExpiryError::Format)?;
        if pieces.month.is_empty() || !matches!(pieces.year.len(), 2 | 4) {
            return Err(ExpiryError::Format);
        }
        let month = parse_digits(pieces.month).ok_or(ExpiryError::Format)?;
        let year = parse_digits(pieces.year).ok_or(ExpiryError::Format)?;
        Expiry::from_month_year(month, year)
    }

    /// Parses and checks against `today` in one step.
    ///
    /// ```
    /// use kassa_card::{Date, Expiry};
    /// let today = Date::new(2026, 11, 21).unwrap();
    /// assert!(Expiry::parse_valid("04/28", today).is_ok());
    /// ```
    ///
    /// # Errors
    /// As [`Expiry::parse`] and [`Expiry::check`].
    pub fn parse_valid(text: &str, today: Date) -> Result<Expiry, ExpiryError> {
        let expiry = Expiry::parse(text)?;
        expiry.check(today)?;
        Ok(expiry)
    }

    /// Whether the card can be used on `today`: not expired (valid through
    /// the last day of its month) and not more than 20 years ahead.
    ///
    /// # Errors
    /// [`ExpiryError::InPast`] or [`ExpiryError::TooFar`].
    pub fn check(self, today: Date) -> Result<(), ExpiryError> {
        let now = today.year_month();
        let ahead = now.months_until(self.month);
        if ahead < 0 {
            Err(ExpiryError::InPast)
        } else if ahead > MAX_YEARS_AHEAD * 12 {
            Err(ExpiryError::TooFar)
        } else {
            Ok(())
        }
    }

    /// Whether the card has expired on `today`.
    ///
    /// ```
    /// use kassa_card::{Date, Expiry};
    /// let expiry = Expiry::parse("11/26").unwrap();
    /// assert!(!expiry.is_expired_at(Date::new(2026, 11, 30).unwrap()));
    /// assert!(expiry.is_expired_at(Date::new(2026, 12, 1).unwrap()));
    /// ```
    pub fn is_expired_at(self, today: Date) -> bool {
        self.check(today) == Err(ExpiryError::InPast)
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month.month()
    }

    /// The four-digit year.
    pub fn year(self) -> u16 {
        self.month.year()
    }

    /// The last day the card is valid.
    ///
    /// ```
    /// use kassa_card::{Date, Expiry};
    /// assert_eq!(Expiry::parse("02/28").unwrap().last_valid_day(), Date::new(2028, 2, 29).unwrap());
    /// ```
    pub fn last_valid_day(self) -> Date {
        self.month.last_day()
    }

    /// `MM/YYYY`, as server-to-server APIs often want it.
    ///
    /// ```
    /// use kassa_card::Expiry;
    /// assert_eq!(Expiry::parse("3/27").unwrap().to_long_string(), "03/2027");
    /// ```
    pub fn to_long_string(self) -> alloc::string::String {
        alloc::format!("{:02}/{:04}", self.month(), self.year())
    }

    /// Where a partly typed expiry stands.
    ///
    /// ```
    /// use kassa_card::{Date, Expiry, ExpiryError};
    /// let today = Date::new(2026, 11, 21).unwrap();
    /// let status = Expiry::status("12/3", today);
    /// assert_eq!(status.error(), Some(ExpiryError::Format));
    /// assert!(status.is_potentially_valid(), "could become 12/30");
    /// ```
    pub fn status(text: &str, today: Date) -> ExpiryStatus {
        let error = Expiry::parse_valid(text, today).err();
        let potentially_valid = match error {
            None | Some(ExpiryError::Empty) => true,
            Some(_) => could_complete(text.trim(), today),
        };
        ExpiryStatus {
            error,
            potentially_valid,
        }
    }
}

/// `YYYY-MM`, `YYYY-MM-DD` and `YYYY-MM-DDThh:mm…`: only month and year count.
fn parse_iso(text: &str) -> Option<Result<Expiry, ExpiryError>> {
    let bytes = text.as_bytes();
    if bytes.len() < 7 || bytes[4] != b'-' || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let month_end = bytes[5..]
        .iter()
        .position(|byte| !byte.is_ascii_digit())
        .map_or(bytes.len(), |at| at + 5);
    if month_end - 5 != 2 {
        return Some(Err(ExpiryError::Format));
    }
    let rest = &text[month_end..];
    if !rest.is_empty() && Date::parse(text).is_err() {
        return Some(Err(ExpiryError::Format));
    }
    let year = parse_digits(&bytes[..4])?;
    let month = parse_digits(&bytes[5..7])?;
    Some(Expiry::from_month_year(month, year))
}

/// Splits `MM/YY`-like input into month and year digits; `None` when it has
/// characters no expiry has. Accepts `/`, `-`, `.` and spaces between them.
fn split(text: &str) -> Option<Pieces<'_>> {
    let bytes = text.as_bytes();
    let month_end = bytes
        .iter()
        .position(|byte| !byte.is_ascii_digit())
        .unwrap_or(bytes.len());
    if month_end == bytes.len() {
        // Digits only: MM, MMYY, MMYYYY.
        let split_at = bytes.len().min(2);
        return Some(Pieces {
            month: &bytes[..split_at],
            year: &bytes[split_at..],
            month_closed: false,
        });
    }
    let mut year_start = month_end;
    let mut separators = 0;
    while year_start < bytes.len() && !bytes[year_start].is_ascii_digit() {
        match bytes[year_start] {
            b'/' | b'-' | b'.' => separators += 1,
            b' ' => {}
            _ => return None,
        }
        year_start += 1;
    }
    let year = &bytes[year_start..];
    if separators > 1 || month_end > 2 || !year.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(Pieces {
        month: &bytes[..month_end],
        year,
        month_closed: true,
    })
}

/// Whether some continuation of a partly typed expiry would be valid today.
fn could_complete(text: &str, today: Date) -> bool {
    if looks_like_partial_iso(text) {
        return true;
    }
    let Some(pieces) = split(text) else {
        return false;
    };
    let month_ok = match pieces.month {
        [] => true,
        [b'0'] | [b'1'] if !pieces.month_closed => true,
        [digit] => *digit != b'0',
        [b'0', digit] => *digit != b'0',
        [b'1', digit] => *digit <= b'2',
        _ => false,
    };
    if !month_ok {
        return false;
    }
    let this_year = u32::from(today.year());
    let last_year = this_year + MAX_YEARS_AHEAD as u32;
    // Two complete year digits were already judged as YY by the caller; from
    // there only a four-digit year can still make the date valid.
    let short_year_possible = pieces.year.len() < 2;
    match pieces.year.len() {
        0 => true,
        1..=3 => (this_year..=last_year).any(|year| {
            let full = four_digits(year);
            full.starts_with(pieces.year)
                || (short_year_possible && full[2..].starts_with(pieces.year))
        }),
        _ => false,
    }
}

/// `year` as four ASCII digits. Written out by hand because this runs on
/// every keystroke in the browser, where `format!` would bring the whole
/// formatting machinery into the WebAssembly module for four digits.
fn four_digits(year: u32) -> [u8; 4] {
    let digit = |place: u32| b'0' + (year / place % 10) as u8;
    [digit(1000), digit(100), digit(10), digit(1)]
}

/// `MM/YY` as text, without `core::fmt` (see [`four_digits`]).
pub(crate) fn short_form(expiry: Expiry) -> alloc::string::String {
    let year = four_digits(u32::from(expiry.year()));
    let month = four_digits(u32::from(expiry.month()));
    [month[2], month[3], b'/', year[2], year[3]]
        .iter()
        .map(|&byte| char::from(byte))
        .collect()
}

fn looks_like_partial_iso(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() > 4
        && bytes.len() < 7
        && bytes[4] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(at, byte)| at == 4 || byte.is_ascii_digit())
}

impl fmt::Display for Expiry {
    /// `MM/YY`, the form printed on cards.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}", self.month(), self.year() % 100)
    }
}

impl FromStr for Expiry {
    type Err = ExpiryError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Expiry::parse(text)
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Expiry;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Expiry {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(&format_args!("{:02}/{:04}", self.month(), self.year()))
        }
    }

    impl<'de> Deserialize<'de> for Expiry {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            Expiry::parse(&text).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn the_short_form_is_the_display_form_for_every_month_and_year() {
        for year in [2000, 2009, 2010, 2026, 2099] {
            for month in 1..=12 {
                let expiry = Expiry::from_month_year(month, year).unwrap();
                assert_eq!(short_form(expiry), expiry.to_string());
            }
        }
    }

    #[test]
    fn four_digits_writes_every_place() {
        assert_eq!(&four_digits(2026), b"2026");
        assert_eq!(&four_digits(7), b"0007");
    }
}
