//! Calendar dates without a clock: the caller always says what today is.
//!
//! Written by hand rather than pulling in `time` or `chrono`: the core only
//! needs to build, compare and parse dates, and every byte counts in the
//! WebAssembly module the checkout page downloads.

use core::fmt;
use core::str::FromStr;

use crate::error::{Coded, ErrorCode, coded_error};

/// A month of a year, as printed on a card: `2030-12`.
///
/// ```
/// use kassa_card::YearMonth;
///
/// let december = YearMonth::new(2030, 12).unwrap();
/// assert_eq!(december.to_string(), "2030-12");
/// assert_eq!(december.next(), YearMonth::new(2031, 1).unwrap());
/// assert!(YearMonth::new(2030, 13).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: u16,
    month: u8,
}

impl YearMonth {
    /// A year (1 to 9999) and month (1 to 12); `None` outside those ranges.
    pub const fn new(year: u16, month: u8) -> Option<YearMonth> {
        if year == 0 || year > 9999 || month == 0 || month > 12 {
            None
        } else {
            Some(YearMonth { year, month })
        }
    }

    /// The year.
    ///
    /// ```
    /// use kassa_card::YearMonth;
    /// assert_eq!(YearMonth::new(2030, 12).unwrap().year(), 2030);
    /// ```
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// use kassa_card::YearMonth;
    /// assert_eq!(YearMonth::new(2030, 12).unwrap().month(), 12);
    /// ```
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The month after this one (saturating at December 9999).
    pub const fn next(self) -> YearMonth {
        if self.month == 12 {
            if self.year == 9999 {
                self
            } else {
                YearMonth {
                    year: self.year + 1,
                    month: 1,
                }
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Months from `self` to `later` (negative when `later` is earlier).
    ///
    /// ```
    /// use kassa_card::YearMonth;
    /// let a = YearMonth::new(2026, 11).unwrap();
    /// assert_eq!(a.months_until(YearMonth::new(2027, 2).unwrap()), 3);
    /// ```
    pub const fn months_until(self, later: YearMonth) -> i32 {
        (later.year as i32 - self.year as i32) * 12 + (later.month as i32 - self.month as i32)
    }

    /// The last day of the month.
    ///
    /// ```
    /// use kassa_card::{Date, YearMonth};
    /// assert_eq!(YearMonth::new(2024, 2).unwrap().last_day(), Date::new(2024, 2, 29).unwrap());
    /// assert_eq!(YearMonth::new(2025, 2).unwrap().last_day(), Date::new(2025, 2, 28).unwrap());
    /// ```
    pub const fn last_day(self) -> Date {
        Date {
            year: self.year,
            month: self.month,
            day: days_in_month(self.year, self.month),
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A calendar date (proleptic Gregorian), years 1 to 9999.
///
/// ```
/// use kassa_card::Date;
///
/// let today = Date::new(2026, 11, 21).unwrap();
/// assert_eq!(today.to_string(), "2026-11-21");
/// assert_eq!("2024-02-29".parse::<Date>().unwrap(), Date::new(2024, 2, 29).unwrap());
/// assert!(Date::new(2023, 2, 29).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date was refused.
///
/// ```
/// use kassa_card::{Coded, Date, DateError};
///
/// assert_eq!(Date::parse("21/11/2026"), Err(DateError::Format));
/// assert_eq!(Date::parse("2026-02-30"), Err(DateError::Invalid));
/// assert_eq!(DateError::InFuture.code().as_str(), "date_of_birth.in_future");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`.
    Format,
    /// A month or day that does not exist.
    Invalid,
    /// A birth date after today.
    InFuture,
}

impl Coded for DateError {
    fn code(&self) -> ErrorCode {
        match self {
            DateError::Format => ErrorCode::DateFormat,
            DateError::Invalid => ErrorCode::DateInvalid,
            DateError::InFuture => ErrorCode::DateOfBirthInFuture,
        }
    }
}
coded_error!(DateError);

impl Date {
    /// Builds a date.
    ///
    /// # Errors
    /// [`DateError::Invalid`] when the month or the day does not exist.
    pub const fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if year == 0 || year > 9999 || month == 0 || month > 12 {
            return Err(DateError::Invalid);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Invalid);
        }
        Ok(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, or the date part of an ISO 8601 date-time
    /// (`2026-11-21T10:00:00Z`).
    ///
    /// ```
    /// use kassa_card::Date;
    /// assert_eq!(Date::parse("2026-11-21T10:00:00Z").unwrap().to_string(), "2026-11-21");
    /// ```
    ///
    /// # Errors
    /// [`DateError::Format`] for anything else, [`DateError::Invalid`] for a
    /// day that does not exist.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() < 10 || (bytes.len() > 10 && !matches!(bytes[10], b'T' | b't' | b' ')) {
            return Err(DateError::Format);
        }
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let year = parse_digits(&bytes[0..4]).ok_or(DateError::Format)?;
        let month = parse_digits(&bytes[5..7]).ok_or(DateError::Format)?;
        let day = parse_digits(&bytes[8..10]).ok_or(DateError::Format)?;
        Date::new(year as u16, month as u8, day as u8)
    }

    /// Parses a date of birth: a real date, not after `today`.
    ///
    /// ```
    /// use kassa_card::{Date, DateError};
    /// let today = Date::new(2026, 11, 21).unwrap();
    /// assert!(Date::parse_birth_date("1990-05-17", today).is_ok());
    /// assert_eq!(Date::parse_birth_date("2027-01-01", today), Err(DateError::InFuture));
    /// ```
    ///
    /// # Errors
    /// As [`Date::parse`], and [`DateError::InFuture`] after `today`.
    pub fn parse_birth_date(text: &str, today: Date) -> Result<Date, DateError> {
        let date = Date::parse(text)?;
        if date > today {
            Err(DateError::InFuture)
        } else {
            Ok(date)
        }
    }

    /// The year.
    ///
    /// ```
    /// use kassa_card::Date;
    /// assert_eq!(Date::new(2026, 11, 21).unwrap().year(), 2026);
    /// ```
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// use kassa_card::Date;
    /// assert_eq!(Date::new(2026, 11, 21).unwrap().month(), 11);
    /// ```
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    ///
    /// ```
    /// use kassa_card::Date;
    /// assert_eq!(Date::new(2026, 11, 21).unwrap().day(), 21);
    /// ```
    pub const fn day(self) -> u8 {
        self.day
    }

    /// The month this date falls in.
    ///
    /// ```
    /// use kassa_card::{Date, YearMonth};
    /// let today = Date::new(2026, 11, 21).unwrap();
    /// assert_eq!(today.year_month(), YearMonth::new(2026, 11).unwrap());
    /// ```
    pub const fn year_month(self) -> YearMonth {
        YearMonth {
            year: self.year,
            month: self.month,
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Date::parse(text)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days in a month of a year, leap years included.
pub(crate) const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Parses a run of ASCII digits (at most 9, so it cannot overflow).
pub(crate) fn parse_digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |value, &byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Date {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for Date {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            Date::parse(&text).map_err(D::Error::custom)
        }
    }
}
