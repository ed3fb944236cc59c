//! The Luhn (mod 10) checksum that most card networks use.

/// Whether a string of ASCII digits passes the Luhn check. Anything that is
/// not a digit makes it fail; the empty string fails.
///
/// ```
/// use kassa_card::is_luhn_valid;
/// assert!(is_luhn_valid("4242424242424242"));
/// assert!(!is_luhn_valid("4242424242424241"));
/// assert!(!is_luhn_valid("4242 4242"));
/// ```
pub fn is_luhn_valid(digits: &str) -> bool {
    !digits.is_empty()
        && digits.bytes().all(|byte| byte.is_ascii_digit())
        && luhn_sum(digits.as_bytes().iter().map(|byte| byte - b'0'), true) % 10 == 0
}

/// The digit that, appended to `partial`, makes it pass the Luhn check; `None`
/// when `partial` is empty or has anything but ASCII digits.
///
/// ```
/// use kassa_card::luhn_check_digit;
/// assert_eq!(luhn_check_digit("424242424242424"), Some(2));
/// assert_eq!(luhn_check_digit("42x"), None);
/// ```
pub fn luhn_check_digit(partial: &str) -> Option<u8> {
    if partial.is_empty() || !partial.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let sum = luhn_sum(partial.as_bytes().iter().map(|byte| byte - b'0'), false);
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether a slice of digit values (0 to 9) passes the Luhn check.
pub(crate) fn is_luhn_valid_digits(digits: &[u8]) -> bool {
    luhn_sum(digits.iter().copied(), true) % 10 == 0
}

/// The Luhn sum of `digits`, read from the right. With `has_check_digit` the
/// last digit is the check digit (not doubled); without it, the last digit is
/// the first to double, as it will be once a check digit is appended.
fn luhn_sum(digits: impl DoubleEndedIterator<Item = u8>, has_check_digit: bool) -> u32 {
    digits
        .rev()
        .enumerate()
        .map(|(position, digit)| {
            let doubled = (position % 2 == 1) == has_check_digit;
            let value = u32::from(digit);
            if doubled {
                let twice = value * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                value
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_completes_a_valid_number() {
        for partial in ["7992739871", "40128888888818", "37828224631000", "0"] {
            let digit = luhn_check_digit(partial).unwrap();
            let mut full = alloc::string::String::from(partial);
            full.push(char::from(b'0' + digit));
            assert!(is_luhn_valid(&full), "{full}");
        }
        assert_eq!(luhn_check_digit("7992739871"), Some(3));
    }

    #[test]
    fn single_changed_digit_fails() {
        assert!(is_luhn_valid("79927398713"));
        assert!(!is_luhn_valid("79927398710"));
        assert!(!is_luhn_valid(""));
    }
}
