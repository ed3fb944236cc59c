//! ISO 4217 currencies: code, numeric code, minor units, English name.

use core::fmt;
use core::str::FromStr;

use crate::error::{Coded, ErrorCode, coded_error};

mod table;

/// One row of the currency table.
#[derive(Debug, PartialEq, Eq, Hash)]
struct CurrencyRow {
    code: [u8; 3],
    numeric: u16,
    minor_units: u8,
    name: &'static str,
}

/// An ISO 4217 currency that cards can be charged in.
///
/// ```
/// use kassa_card::Currency;
///
/// let yen = Currency::from_code("jpy").unwrap();
/// assert_eq!(yen.code(), "JPY");
/// assert_eq!(yen.minor_units(), 0);
/// assert_eq!(Currency::from_numeric(414).unwrap().code(), "KWD");
/// assert_eq!(Currency::from_code("KWD").unwrap().minor_units(), 3);
/// assert_eq!(Currency::from_name("euro").unwrap().code(), "EUR");
/// assert_eq!(Currency::parse("840").unwrap().name(), "US Dollar");
/// assert!(Currency::parse("XAU").is_err(), "gold is not charged on cards");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(&'static CurrencyRow);

/// A currency that is not in the table.
///
/// ```
/// use kassa_card::{Coded, Currency, CurrencyError};
///
/// assert_eq!(Currency::parse("BTC"), Err(CurrencyError::Unknown));
/// assert_eq!(CurrencyError::Unknown.code().as_str(), "currency.unknown");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurrencyError {
    /// Not an ISO 4217 currency that cards can be charged in.
    Unknown,
}

impl Coded for CurrencyError {
    fn code(&self) -> ErrorCode {
        ErrorCode::CurrencyUnknown
    }
}
coded_error!(CurrencyError);

impl Currency {
    /// Looks up an alphabetic code, ignoring case.
    pub fn from_code(code: &str) -> Option<Currency> {
        let code: [u8; 3] = code.trim().as_bytes().try_into().ok()?;
        let code = code.map(|byte| byte.to_ascii_uppercase());
        table::CURRENCIES
            .binary_search_by(|row| row.code.cmp(&code))
            .ok()
            .map(|index| Currency(&table::CURRENCIES[index]))
    }

    /// Looks up a numeric code (`978` is the euro).
    pub fn from_numeric(numeric: u16) -> Option<Currency> {
        table::CURRENCIES
            .iter()
            .find(|row| row.numeric == numeric)
            .map(Currency)
    }

    /// Looks up an English name, ignoring case (`"pound sterling"`).
    pub fn from_name(name: &str) -> Option<Currency> {
        let name = name.trim();
        table::CURRENCIES
            .iter()
            .find(|row| row.name.eq_ignore_ascii_case(name))
            .map(Currency)
    }

    /// Looks up an alphabetic code, a numeric code or an English name.
    ///
    /// # Errors
    /// [`CurrencyError::Unknown`] when none matches.
    pub fn parse(text: &str) -> Result<Currency, CurrencyError> {
        let text = text.trim();
        let by_numeric = || text.parse::<u16>().ok().and_then(Currency::from_numeric);
        Currency::from_code(text)
            .or_else(by_numeric)
            .or_else(|| Currency::from_name(text))
            .ok_or(CurrencyError::Unknown)
    }

    /// Every currency, sorted by code.
    ///
    /// ```
    /// use kassa_card::Currency;
    /// assert!(Currency::all().count() > 150);
    /// ```
    pub fn all() -> impl Iterator<Item = Currency> {
        table::CURRENCIES.iter().map(Currency)
    }

    /// The alphabetic code (`"EUR"`).
    pub fn code(self) -> &'static str {
        core::str::from_utf8(&self.0.code).unwrap_or_default()
    }

    /// The numeric code (`978`).
    ///
    /// ```
    /// use kassa_card::Currency;
    /// assert_eq!(Currency::from_code("EUR").unwrap().numeric(), 978);
    /// ```
    pub fn numeric(self) -> u16 {
        self.0.numeric
    }

    /// Digits after the decimal point (JPY 0, USD 2, KWD 3).
    pub fn minor_units(self) -> u8 {
        self.0.minor_units
    }

    /// The English name.
    pub fn name(self) -> &'static str {
        self.0.name
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Currency::parse(text)
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Currency;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Currency {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.code())
        }
    }

    impl<'de> Deserialize<'de> for Currency {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            Currency::parse(&text).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::table::CURRENCIES;

    #[test]
    fn table_is_sorted_with_unique_numeric_codes() {
        assert!(
            CURRENCIES
                .windows(2)
                .all(|pair| pair[0].code < pair[1].code)
        );
        for (index, row) in CURRENCIES.iter().enumerate() {
            assert!(
                CURRENCIES[index + 1..]
                    .iter()
                    .all(|other| other.numeric != row.numeric)
            );
            assert!(row.minor_units <= 4);
        }
    }
}
