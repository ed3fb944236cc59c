//! Money amounts: a decimal in a currency, exact to its minor units.

use core::fmt;

use rust_decimal::Decimal;

use crate::Currency;
use crate::error::{Coded, ErrorCode, coded_error};

/// Integer digits accepted before the decimal point; far above any card
/// payment, low enough that every amount fits `i64` minor units.
const MAX_INTEGER_DIGITS: usize = 15;

/// The range an amount must fall in, inclusive.
///
/// ```
/// use kassa_card::AmountLimits;
/// use rust_decimal::Decimal;
///
/// let limits = AmountLimits::new(Decimal::new(50, 2), Decimal::new(10_000, 0)).unwrap();
/// assert_eq!(limits.min().to_string(), "0.50");
/// assert!(AmountLimits::new(Decimal::ONE, Decimal::ZERO).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountLimits {
    min: Decimal,
    max: Decimal,
}

impl AmountLimits {
    /// Limits from `min` to `max`; `None` unless `0 < min <= max`.
    pub fn new(min: Decimal, max: Decimal) -> Option<AmountLimits> {
        (min > Decimal::ZERO && min <= max).then_some(AmountLimits { min, max })
    }

    /// The smallest amount accepted.
    pub fn min(&self) -> Decimal {
        self.min
    }

    /// The largest amount accepted.
    ///
    /// ```
    /// use kassa_card::AmountLimits;
    /// assert_eq!(AmountLimits::default().max().to_string(), "999999.99");
    /// ```
    pub fn max(&self) -> Decimal {
        self.max
    }
}

impl Default for AmountLimits {
    /// 0.01 to 999,999.99.
    fn default() -> Self {
        AmountLimits {
            min: Decimal::new(1, 2),
            max: Decimal::new(99_999_999, 2),
        }
    }
}

/// A positive amount of money in a currency, with no more decimals than the
/// currency's minor units.
///
/// Text uses `.` as the only decimal separator: no thousands separators, no
/// exponent, no sign. Trailing zeros are fine (`"100.00"` yen is 100 yen).
///
/// ```
/// use kassa_card::{Amount, AmountError, Currency};
///
/// let usd = Currency::from_code("USD").unwrap();
/// let amount = Amount::parse("15.04", usd).unwrap();
/// assert_eq!(amount.to_minor_units(), 1504);
/// assert_eq!(amount.to_string(), "15.04");
/// assert_eq!(Amount::parse("42", usd).unwrap().to_string(), "42.00");
/// assert_eq!(Amount::from_minor_units(1504, usd).unwrap(), amount);
///
/// let kwd = Currency::from_code("KWD").unwrap();
/// assert_eq!(Amount::parse("1.234", kwd).unwrap().to_minor_units(), 1234);
/// assert_eq!(Amount::parse("1.234", usd), Err(AmountError::TooPrecise));
/// assert_eq!(Amount::parse("1,000.00", usd), Err(AmountError::Format));
/// assert_eq!(Amount::parse("1e3", usd), Err(AmountError::Format));
/// assert_eq!(Amount::parse("-5", usd), Err(AmountError::NotPositive));
/// assert_eq!(Amount::parse("0.00", usd), Err(AmountError::NotPositive));
/// assert_eq!(Amount::parse("1000000", usd), Err(AmountError::TooLarge));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    value: Decimal,
    currency: Currency,
}

/// Why an amount was refused.
///
/// ```
/// use kassa_card::{Amount, AmountError, Coded, Currency};
///
/// let usd = Currency::from_code("USD").unwrap();
/// assert_eq!(Amount::parse(" ", usd), Err(AmountError::Empty));
/// assert_eq!(Amount::parse("1.5.0", usd), Err(AmountError::Format));
/// assert_eq!(AmountError::TooPrecise.code().as_str(), "amount.too_precise");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing was given.
    Empty,
    /// Not a plain decimal number with `.` as the separator.
    Format,
    /// Zero or negative.
    NotPositive,
    /// More decimals than the currency has minor units.
    TooPrecise,
    /// Below the minimum.
    TooSmall,
    /// Above the maximum.
    TooLarge,
}

impl Coded for AmountError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::AmountEmpty,
            Self::Format => ErrorCode::AmountFormat,
            Self::NotPositive => ErrorCode::AmountNotPositive,
            Self::TooPrecise => ErrorCode::AmountTooPrecise,
            Self::TooSmall => ErrorCode::AmountTooSmall,
            Self::TooLarge => ErrorCode::AmountTooLarge,
        }
    }
}
coded_error!(AmountError);

impl Amount {
    /// Parses an amount within the default limits (0.01 to 999,999.99).
    ///
    /// # Errors
    /// An [`AmountError`] naming the first rule the input breaks.
    pub fn parse(text: &str, currency: Currency) -> Result<Amount, AmountError> {
        Amount::parse_within(text, currency, AmountLimits::default())
    }

    /// Parses an amount within `limits`.
    ///
    /// ```
    /// use kassa_card::{Amount, AmountError, AmountLimits, Currency};
    /// use rust_decimal::Decimal;
    /// let eur = Currency::from_code("EUR").unwrap();
    /// let limits = AmountLimits::new(Decimal::ONE, Decimal::new(500, 0)).unwrap();
    /// assert!(Amount::parse_within("500.00", eur, limits).is_ok());
    /// assert_eq!(Amount::parse_within("0.99", eur, limits), Err(AmountError::TooSmall));
    /// ```
    ///
    /// # Errors
    /// An [`AmountError`] naming the first rule the input breaks.
    pub fn parse_within(
        text: &str,
        currency: Currency,
        limits: AmountLimits,
    ) -> Result<Amount, AmountError> {
        let value = parse_decimal(text)?;
        Amount::from_decimal_within(value, currency, limits)
    }

    /// An amount from a decimal within the default limits.
    ///
    /// ```
    /// use kassa_card::{Amount, AmountError, Currency};
    /// use rust_decimal::Decimal;
    /// let jpy = Currency::from_code("JPY").unwrap();
    /// assert_eq!(Amount::from_decimal(Decimal::new(1500, 0), jpy).unwrap().to_string(), "1500");
    /// assert_eq!(Amount::from_decimal(Decimal::new(15, 1), jpy), Err(AmountError::TooPrecise));
    /// ```
    ///
    /// # Errors
    /// [`AmountError::NotPositive`], [`AmountError::TooPrecise`] or a limit.
    pub fn from_decimal(value: Decimal, currency: Currency) -> Result<Amount, AmountError> {
        Amount::from_decimal_within(value, currency, AmountLimits::default())
    }

    /// An amount from a decimal within `limits`.
    ///
    /// ```
    /// use kassa_card::{Amount, AmountError, AmountLimits, Currency};
    /// use rust_decimal::Decimal;
    /// let usd = Currency::from_code("USD").unwrap();
    /// let limits = AmountLimits::new(Decimal::ONE, Decimal::new(100, 0)).unwrap();
    /// assert_eq!(Amount::from_decimal_within(Decimal::new(10_001, 2), usd, limits), Err(AmountError::TooLarge));
    /// ```
    ///
    /// # Errors
    /// [`AmountError::NotPositive`], [`AmountError::TooPrecise`] or a limit.
    pub fn from_decimal_within(
        value: Decimal,
        currency: Currency,
        limits: AmountLimits,
    ) -> Result<Amount, AmountError> {
        if value <= Decimal::ZERO {
            return Err(AmountError::NotPositive);
        }
        let value = value.normalize();
        if value.scale() > u32::from(currency.minor_units()) {
            return Err(AmountError::TooPrecise);
        }
        if value < limits.min {
            return Err(AmountError::TooSmall);
        }
        if value > limits.max {
            return Err(AmountError::TooLarge);
        }
        let mut value = value;
        value.rescale(u32::from(currency.minor_units()));
        Ok(Amount { value, currency })
    }

    /// An amount from minor units (cents); no limits apply beyond being positive.
    ///
    /// # Errors
    /// [`AmountError::NotPositive`] for zero or less.
    pub fn from_minor_units(minor: i64, currency: Currency) -> Result<Amount, AmountError> {
        if minor <= 0 {
            return Err(AmountError::NotPositive);
        }
        Ok(Amount {
            value: Decimal::new(minor, u32::from(currency.minor_units())),
            currency,
        })
    }

    /// The amount in minor units (cents): exact, since the scale never
    /// exceeds the currency's minor units.
    pub fn to_minor_units(self) -> i64 {
        let mut value = self.value;
        value.rescale(u32::from(self.currency.minor_units()));
        i64::try_from(value.mantissa()).unwrap_or(i64::MAX)
    }

    /// The decimal value, scaled to the currency's minor units.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency};
    /// let usd = Currency::from_code("USD").unwrap();
    /// assert_eq!(Amount::parse("7.5", usd).unwrap().value().to_string(), "7.50");
    /// ```
    pub fn value(self) -> Decimal {
        self.value
    }

    /// The currency.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency};
    /// let ils = Currency::from_code("ILS").unwrap();
    /// assert_eq!(Amount::parse("99.90", ils).unwrap().currency(), ils);
    /// ```
    pub fn currency(self) -> Currency {
        self.currency
    }
}

/// `digits[.digits]`, nothing else; a leading `-` is read as a (refused)
/// negative number rather than a format error, since that is what it is.
fn parse_decimal(text: &str) -> Result<Decimal, AmountError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits =
        |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !all_digits(integer) || fraction.is_some_and(|fraction| !all_digits(fraction)) {
        return Err(AmountError::Format);
    }
    let integer = integer.trim_start_matches('0');
    if integer.len() > MAX_INTEGER_DIGITS {
        return Err(AmountError::TooLarge);
    }
    // No currency has more than four minor units: past that many significant
    // decimals the answer is "too precise", whatever the currency.
    if fraction.is_some_and(|fraction| fraction.trim_end_matches('0').len() > 18) {
        return Err(AmountError::TooPrecise);
    }
    let significant = match fraction {
        Some(fraction) if !fraction.trim_end_matches('0').is_empty() => {
            &unsigned[..unsigned.len() - (fraction.len() - fraction.trim_end_matches('0').len())]
        }
        Some(_) => unsigned.split('.').next().unwrap_or(unsigned),
        None => unsigned,
    };
    let value = Decimal::from_str_exact(significant).map_err(|_| AmountError::Format)?;
    if negative && !value.is_zero() {
        return Err(AmountError::NotPositive);
    }
    Ok(value)
}

impl fmt::Display for Amount {
    /// The decimal with exactly the currency's minor units (`15.00`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}
