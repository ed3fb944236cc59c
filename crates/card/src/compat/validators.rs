//! card-validator 10.0.4's field verifications (`dist/*.js` of the npm
//! package, MIT licensed, © Braintree), ported rule for rule.

use alloc::string::String;
use alloc::vec::Vec;

use super::js;
use crate::YearMonth;

/// `{isValid, isPotentiallyValid}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verification {
    /// `isValid`.
    pub is_valid: bool,
    /// `isPotentiallyValid`.
    pub is_potentially_valid: bool,
}

const fn verification(is_valid: bool, is_potentially_valid: bool) -> Verification {
    Verification {
        is_valid,
        is_potentially_valid,
    }
}

/// `expirationMonth`'s result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthVerification {
    /// `isValid`.
    pub is_valid: bool,
    /// `isPotentiallyValid`.
    pub is_potentially_valid: bool,
    /// `isValidForThisYear`.
    pub is_valid_for_this_year: bool,
}

/// `expirationYear`'s result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearVerification {
    /// `isValid`.
    pub is_valid: bool,
    /// `isPotentiallyValid`.
    pub is_potentially_valid: bool,
    /// `isCurrentYear`.
    pub is_current_year: bool,
}

/// `expirationDate`'s result: `month` and `year` are the parsed parts when
/// valid, `None` (JavaScript `null`) otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateVerification {
    /// `isValid`.
    pub is_valid: bool,
    /// `isPotentiallyValid`.
    pub is_potentially_valid: bool,
    /// `month`.
    pub month: Option<String>,
    /// `year`.
    pub year: Option<String>,
}

/// `luhn-10.js`: the Luhn check of a string of digits (`""` passes).
///
/// ```
/// assert!(kassa_card::compat::luhn10("4111111111111111"));
/// assert!(!kassa_card::compat::luhn10("4111111111111112"));
/// ```
pub fn luhn10(digits: &str) -> bool {
    let mut sum = 0u32;
    for (index, byte) in digits.bytes().rev().enumerate() {
        let mut digit = u32::from(byte.wrapping_sub(b'0')) % 10;
        if !index.is_multiple_of(2) {
            digit *= 2;
            if digit > 9 {
                digit = digit % 10 + 1;
            }
        }
        sum += digit;
    }
    sum.is_multiple_of(10)
}

/// A digit string's value, saturating (only compared with small numbers).
fn digits_value(digits: &str) -> f64 {
    js::parse_int(digits).unwrap_or(f64::NAN)
}

/// `expiration-month.js`.
///
/// ```
/// use kassa_card::YearMonth;
/// use kassa_card::compat::expiration_month;
/// let today = YearMonth::new(2026, 11).unwrap();
/// assert!(expiration_month("12", today).is_valid_for_this_year);
/// assert!(!expiration_month("13", today).is_potentially_valid);
/// assert!(expiration_month("0", today).is_potentially_valid);
/// ```
pub fn expiration_month(value: &str, today: YearMonth) -> MonthVerification {
    let result = |is_valid, is_potentially_valid, this_year| MonthVerification {
        is_valid,
        is_potentially_valid,
        is_valid_for_this_year: this_year,
    };
    if value.chars().all(js::is_space) || value == "0" {
        return result(false, true, false);
    }
    if !js::all_digits(value) {
        return result(false, false, false);
    }
    let month = digits_value(value);
    let valid = month > 0.0 && month < 13.0;
    result(valid, valid, valid && month >= f64::from(today.month()))
}

/// `expiration-year.js`; `max_elapsed_year` defaults to 19.
///
/// ```
/// use kassa_card::YearMonth;
/// use kassa_card::compat::expiration_year;
/// let today = YearMonth::new(2026, 11).unwrap();
/// assert!(expiration_year("26", None, today).is_current_year);
/// assert!(expiration_year("2045", None, today).is_valid);
/// assert!(!expiration_year("2046", None, today).is_potentially_valid);
/// assert!(expiration_year("20", None, today).is_potentially_valid, "could become 2030");
/// ```
pub fn expiration_year(
    value: &str,
    max_elapsed_year: Option<f64>,
    today: YearMonth,
) -> YearVerification {
    let result = |is_valid, is_potentially_valid, is_current_year| YearVerification {
        is_valid,
        is_potentially_valid,
        is_current_year,
    };
    let max_elapsed_year = max_elapsed_year.unwrap_or(19.0);
    if value.chars().all(js::is_space) {
        return result(false, true, false);
    }
    if !js::all_digits(value) {
        return result(false, false, false);
    }
    let len = value.len();
    if len < 2 {
        return result(false, true, false);
    }
    let current_year = today.year();
    let mut year_text = [0u8; 5];
    let year_text = format_year(current_year, &mut year_text);
    if len == 3 {
        return result(
            false,
            value.as_bytes()[..2] == year_text.as_bytes()[..2],
            false,
        );
    }
    if len > 4 {
        return result(false, false, false);
    }
    let numeric = digits_value(value);
    let two_digit_year = digits_value(js::prefix(js::suffix(year_text, 2), 2));
    let (valid, is_current_year) = if len == 2 {
        if js::prefix(year_text, 2) == value {
            return result(false, true, false);
        }
        (
            numeric >= two_digit_year && numeric <= two_digit_year + max_elapsed_year,
            two_digit_year == numeric,
        )
    } else {
        let current = f64::from(current_year);
        (
            numeric >= current && numeric <= current + max_elapsed_year,
            current == numeric,
        )
    };
    result(valid, valid, is_current_year)
}

fn format_year(year: u16, buffer: &mut [u8; 5]) -> &str {
    let mut start = buffer.len();
    let mut rest = year;
    loop {
        start -= 1;
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    core::str::from_utf8(&buffer[start..]).unwrap_or_default()
}

/// `getNumberOfMonthDigitsInDateString` of `lib/parse-date.js`.
fn month_digits(text: &str, today: YearMonth) -> usize {
    let first = js::digit_value(text, 0);
    match first {
        Some(0) => return 2,
        Some(digit) if digit > 1 => return 1,
        Some(1) => {
            if js::digit_value(text, 1).is_some_and(|second| second > 2) {
                return 1;
            }
            return if expiration_year(js::suffix(text, 1), None, today).is_potentially_valid {
                1
            } else {
                2
            };
        }
        _ => {}
    }
    match js::length(text) {
        5 => 1,
        length if length > 5 => 2,
        _ => 1,
    }
}

/// `parseDate` of `lib/parse-date.js`: the month and year parts of a string.
fn parse_date(text: &str, today: YearMonth) -> (String, String) {
    let split: Option<Vec<&str>> = if is_year_dash_month(text) {
        let (year, month) = text.split_once('-').unwrap_or((text, ""));
        Some(alloc::vec![month, year])
    } else if text.contains('/') {
        Some(split_slashes(text))
    } else if text.chars().any(js::is_space) {
        Some(split_spaces(text))
    } else {
        None
    };
    if let Some(parts) = split {
        let month = parts.first().copied().unwrap_or_default();
        let year = parts.get(1..).unwrap_or_default().join(",");
        return (String::from(month), year);
    }
    let month = js::prefix(text, month_digits(text, today));
    (
        String::from(month),
        String::from(js::suffix(text, js::char_count(month))),
    )
}

/// `text.split(/\s*\/\s*/g)`.
fn split_slashes(text: &str) -> Vec<&str> {
    let parts: Vec<&str> = text.split('/').collect();
    let last = parts.len() - 1;
    parts
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let part = if index > 0 {
                part.trim_start_matches(js::is_space)
            } else {
                part
            };
            if index < last {
                part.trim_end_matches(js::is_space)
            } else {
                part
            }
        })
        .collect()
}

/// `text.split(/ +/g)`: a run of spaces is one separator.
fn split_spaces(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let (mut start, mut index) = (0, 0);
    while index < bytes.len() {
        if bytes[index] == b' ' {
            parts.push(&text[start..index]);
            while index < bytes.len() && bytes[index] == b' ' {
                index += 1;
            }
            start = index;
        } else {
            index += 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `/^\d{4}-\d{1,2}$/`.
fn is_year_dash_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    (bytes.len() == 6 || bytes.len() == 7)
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..].iter().all(u8::is_ascii_digit)
}

/// `expiration-date.js` for a string value.
///
/// ```
/// use kassa_card::YearMonth;
/// use kassa_card::compat::expiration_date;
/// let today = YearMonth::new(2026, 11).unwrap();
/// let date = expiration_date("10 / 2029", None, today);
/// assert!(date.is_valid);
/// assert_eq!((date.month.as_deref(), date.year.as_deref()), (Some("10"), Some("2029")));
/// assert!(expiration_date("1", None, today).is_potentially_valid);
/// assert!(!expiration_date("10/25", None, today).is_potentially_valid);
/// ```
pub fn expiration_date(
    value: &str,
    max_elapsed_year: Option<f64>,
    today: YearMonth,
) -> DateVerification {
    // value.replace(/^(\d\d) (\d\d(\d\d)?)$/, "$1/$2")
    let bytes = value.as_bytes();
    let spaced = (bytes.len() == 5 || bytes.len() == 7)
        && bytes[2] == b' '
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[3..].iter().all(u8::is_ascii_digit);
    let (month, year) = if spaced {
        (String::from(&value[..2]), String::from(&value[3..]))
    } else {
        parse_date(value, today)
    };
    expiration_date_parts(month, year, max_elapsed_year, today)
}

/// `expiration-date.js` for `{month, year}` (after `String()` of each).
///
/// ```
/// use kassa_card::YearMonth;
/// use kassa_card::compat::expiration_date_parts;
/// let today = YearMonth::new(2026, 11).unwrap();
/// assert!(expiration_date_parts("11".into(), "2026".into(), None, today).is_valid);
/// assert!(!expiration_date_parts("10".into(), "2026".into(), None, today).is_valid);
/// ```
pub fn expiration_date_parts(
    month: String,
    year: String,
    max_elapsed_year: Option<f64>,
    today: YearMonth,
) -> DateVerification {
    let month_valid = expiration_month(&month, today);
    let year_valid = expiration_year(&year, max_elapsed_year, today);
    if month_valid.is_valid {
        if year_valid.is_current_year {
            let this_year = month_valid.is_valid_for_this_year;
            return DateVerification {
                is_valid: this_year,
                is_potentially_valid: this_year,
                month: Some(month),
                year: Some(year),
            };
        }
        if year_valid.is_valid {
            return DateVerification {
                is_valid: true,
                is_potentially_valid: true,
                month: Some(month),
                year: Some(year),
            };
        }
    }
    DateVerification {
        is_valid: false,
        is_potentially_valid: month_valid.is_potentially_valid && year_valid.is_potentially_valid,
        month: None,
        year: None,
    }
}

/// `cvv.js`: `max_lengths` is `maxLength` as an array (default `[3]`).
///
/// ```
/// use kassa_card::compat::cvv;
/// assert!(cvv("123", &[3.0]).is_valid);
/// assert!(cvv("12", &[3.0]).is_potentially_valid);
/// assert!(cvv("1234", &[3.0, 4.0]).is_valid);
/// assert!(!cvv("12a", &[3.0]).is_potentially_valid);
/// ```
pub fn cvv(value: &str, max_lengths: &[f64]) -> Verification {
    if !js::all_digits(value) {
        return verification(false, false);
    }
    let length = value.len() as f64;
    if max_lengths.contains(&length) {
        return verification(true, true);
    }
    let min = max_lengths.iter().copied().fold(f64::INFINITY, f64::min);
    if max_lengths.iter().any(|value| value.is_nan()) {
        // Math.min with a NaN is NaN: `length < NaN` is false.
    } else if length < min {
        return verification(false, true);
    }
    let max = max_lengths.iter().fold(
        3.0_f64,
        |maximum, &value| if value > maximum { value } else { maximum },
    );
    if length > max {
        return verification(false, false);
    }
    verification(true, true)
}

/// `postal-code.js`: `min_length` is `options.minLength || 2`.
///
/// ```
/// use kassa_card::compat::postal_code;
/// assert!(postal_code("94107", 2).is_valid);
/// assert!(postal_code("9", 2).is_potentially_valid);
/// assert!(!postal_code(" -1", 2).is_valid);
/// ```
pub fn postal_code(value: &str, min_length: usize) -> Verification {
    if js::length(value) < min_length {
        return verification(false, true);
    }
    let head = js::prefix(js::trim(value), min_length);
    if head.is_empty() || !head.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
        return verification(false, true);
    }
    verification(true, true)
}

/// `cardholder-name.js`.
///
/// ```
/// use kassa_card::compat::cardholder_name;
/// assert!(cardholder_name("Ada Lovelace").is_valid);
/// assert!(cardholder_name("4111 1111").is_potentially_valid);
/// assert!(!cardholder_name("4111 1111").is_valid);
/// ```
pub fn cardholder_name(value: &str) -> Verification {
    if value.is_empty() {
        return verification(false, true);
    }
    if js::length(value) > 255 {
        return verification(false, false);
    }
    if value
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || js::is_space(c))
    {
        return verification(false, true);
    }
    verification(true, true)
}
