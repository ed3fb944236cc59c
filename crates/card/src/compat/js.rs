//! The few JavaScript string semantics card-validator's rules rely on.

/// Whether `c` is matched by JavaScript's `\s` (and removed by `trim()`):
/// WhiteSpace and LineTerminator of ECMA-262. Not `char::is_whitespace`, which
/// differs (U+0085 is white space in Unicode, not in JavaScript; U+FEFF the
/// other way round).
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `String.prototype.trim`.
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// `/^\d*$/.test(text)`: ASCII digits only (JavaScript's `\d` is ASCII).
pub(crate) fn all_digits(text: &str) -> bool {
    text.bytes().all(|byte| byte.is_ascii_digit())
}

/// `text.length`: UTF-16 code units.
pub(crate) fn length(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    }
}

/// `text.substr(0, count)`, counting characters (the same as UTF-16 units
/// except for characters outside the Basic Multilingual Plane).
pub(crate) fn prefix(text: &str, count: usize) -> &str {
    if text.is_ascii() {
        return &text[..count.min(text.len())];
    }
    match text.char_indices().nth(count) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// `text.substr(start)`, counting characters.
pub(crate) fn suffix(text: &str, start: usize) -> &str {
    &text[prefix(text, start).len()..]
}

/// The number of characters (see [`prefix`]).
pub(crate) fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// `parseInt(text, 10)`; `None` for `NaN`.
pub(crate) fn parse_int(text: &str) -> Option<f64> {
    let text = text.trim_start_matches(is_space);
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value = 0.0_f64;
    let mut any = false;
    for byte in digits.bytes() {
        if !byte.is_ascii_digit() {
            break;
        }
        any = true;
        value = value * 10.0 + f64::from(byte - b'0');
    }
    any.then_some(if negative { -value } else { value })
}

/// `Number(character)` for one character (or none): its digit, `NaN` (`None`)
/// otherwise. White space, which `Number` reads as 0, never reaches the
/// callers (they split on it first).
pub(crate) fn digit_value(text: &str, index: usize) -> Option<u32> {
    suffix(text, index)
        .chars()
        .next()
        .and_then(|c| c.to_digit(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_reads_a_leading_number_like_javascript() {
        assert_eq!(parse_int("42abc"), Some(42.0));
        assert_eq!(parse_int("  -7"), Some(-7.0));
        assert_eq!(parse_int("x1"), None);
        assert_eq!(parse_int(""), None);
    }

    #[test]
    fn javascript_white_space_is_not_unicode_white_space() {
        assert!(is_space('\u{feff}'));
        assert!(!is_space('\u{85}'));
        assert_eq!(trim("\u{a0} 12 \t"), "12");
    }

    #[test]
    fn length_counts_utf16_units() {
        assert_eq!(length("ab"), 2);
        assert_eq!(length("é"), 1);
        assert_eq!(length("😀"), 2);
    }
}
