//! As-you-type formatting: the text a field should show, and where its caret
//! goes, after every keystroke or paste.
//!
//! Carets count characters (for the ASCII text these functions produce,
//! characters and the browser's UTF-16 offsets agree).

use alloc::string::String;
use alloc::vec::Vec;

use crate::Brand;
use crate::brand::detect_digits;

/// What the shopper just did, as the browser's `InputEvent.inputType` says.
///
/// Pass the deletions only for a single-character delete (a collapsed
/// selection); deleting a selected range is [`InputKind::Other`].
///
/// ```
/// use kassa_card::{InputKind, format_card_number};
///
/// // The browser removed the space of "4242 4242" just before the caret.
/// assert_eq!(format_card_number("42424242", 4, InputKind::Other).text(), "4242 4242");
/// assert_eq!(format_card_number("42424242", 4, InputKind::DeleteBackward).text(), "4244 242");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// Typing, pasting, autofill, or anything not listed below.
    Other,
    /// Backspace with nothing selected (`deleteContentBackward`).
    DeleteBackward,
    /// Delete with nothing selected (`deleteContentForward`).
    DeleteForward,
}

/// A field's new text and caret.
///
/// ```
/// use kassa_card::{InputKind, format_card_number};
///
/// let formatted = format_card_number("4242424242", 10, InputKind::Other);
/// assert_eq!((formatted.text(), formatted.caret()), ("4242 4242 42", 12));
/// assert_eq!(formatted.into_text(), "4242 4242 42");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Formatted {
    text: String,
    caret: usize,
}

impl Formatted {
    /// The text to show.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the caret goes, in characters from the start.
    pub fn caret(&self) -> usize {
        self.caret
    }

    /// The text, by value.
    pub fn into_text(self) -> String {
        self.text
    }
}

/// Formats a card number as the shopper types: digits grouped by the brand's
/// gaps (4-4-4-4, Amex 4-6-5, 19 digits 4-4-4-4-3), cut at the brand's longest
/// length, with the caret kept beside the digit it followed.
///
/// A backspace or delete that removed only a separator removes the digit
/// beyond it instead, as a person expects.
///
/// ```
/// use kassa_card::{InputKind, format_card_number};
///
/// let typed = format_card_number("42424", 5, InputKind::Other);
/// assert_eq!((typed.text(), typed.caret()), ("4242 4", 6));
///
/// let amex = format_card_number("378282246310005", 15, InputKind::Other);
/// assert_eq!(amex.text(), "3782 822463 10005");
/// let diners = format_card_number("3056930009020004", 16, InputKind::Other);
/// assert_eq!(diners.text(), "3056 9300 0902 0004");
///
/// // Typing in the middle keeps the caret after the new digit.
/// let middle = format_card_number("4242 14242", 6, InputKind::Other);
/// assert_eq!((middle.text(), middle.caret()), ("4242 1424 2", 6));
///
/// // Backspace just after a space: the browser removed the space; we remove the 2 before it.
/// let back = format_card_number("42424242", 4, InputKind::DeleteBackward);
/// assert_eq!((back.text(), back.caret()), ("4244 242", 3));
/// ```
pub fn format_card_number(text: &str, caret: usize, kind: InputKind) -> Formatted {
    let (mut digits, mut before_caret) = digits_and_caret(text, caret);
    if kind != InputKind::Other
        && deleted_a_separator(text, caret, before_caret, &gaps_for(&digits))
    {
        match kind {
            InputKind::DeleteBackward if before_caret > 0 => {
                digits.remove(before_caret - 1);
                before_caret -= 1;
            }
            InputKind::DeleteForward if before_caret < digits.len() => {
                digits.remove(before_caret);
            }
            _ => {}
        }
    }
    let max_length = usize::from(detect_digits(&prefix_values(&digits)).max_length());
    digits.truncate(max_length);
    let before_caret = before_caret.min(digits.len());
    let gaps = gaps_for(&digits);
    group(&digits, &gaps, before_caret)
}

/// Formats an expiry as `MM/YY` while typing: a leading `2`–`9` becomes
/// `02`–`09`, `1` then `3`–`9` becomes `01/3`, and the `/` appears once the
/// month is complete. Backspace over the `/` removes the month's last digit.
/// A complete expiry in another shape (`12/2030`, `2030-12`) becomes `12/30`.
///
/// ```
/// use kassa_card::{InputKind, format_expiry};
///
/// let f = |text: &str| format_expiry(text, text.chars().count(), InputKind::Other);
/// assert_eq!(f("1").text(), "1");
/// assert_eq!(f("12").text(), "12/");
/// assert_eq!((f("4").text(), f("4").caret()), ("04/", 3));
/// assert_eq!(f("13").text(), "01/3");
/// assert_eq!(f("1/").text(), "01/");
/// assert_eq!(f("1/27").text(), "01/27");
/// assert_eq!(f("1230").text(), "12/30");
/// assert_eq!(f("2030-12").text(), "12/30");
///
/// let back = format_expiry("12", 2, InputKind::DeleteBackward);
/// assert_eq!((back.text(), back.caret()), ("1", 1));
/// ```
pub fn format_expiry(text: &str, caret: usize, kind: InputKind) -> Formatted {
    if let Some(long) = long_form_expiry(text) {
        let caret = long.len();
        return Formatted { text: long, caret };
    }
    let (mut digits, mut before_caret) = digits_and_caret(text, caret);
    let had_separator = text.contains(['/', '-', '.', ' ']);
    if kind == InputKind::DeleteBackward && digits.len() == 2 && !had_separator && before_caret == 2
    {
        // The shopper backspaced over the `/` we inserted.
        digits.pop();
        before_caret = 1;
    }
    // A month can only start with 0 or 1; "4" means April, "13" means January
    // and a year starting with 3, and "1/" (a separator after one digit) January.
    let single_digit_month = text
        .trim_start()
        .chars()
        .nth(1)
        .is_some_and(|c| matches!(c, '/' | '-' | '.' | ' '));
    let needs_zero = match digits.as_slice() {
        [0, ..] => false,
        [first, ..] if *first >= 2 => true,
        [1, second, ..] if *second > 2 => true,
        [_, ..] if single_digit_month => true,
        _ => false,
    };
    if needs_zero {
        digits.insert(0, 0);
        before_caret += 1;
    }
    digits.truncate(4);
    let before_caret = before_caret.min(digits.len());
    let mut out = String::with_capacity(5);
    let mut new_caret = 0;
    for (index, digit) in digits.iter().enumerate() {
        if index == 2 {
            out.push('/');
        }
        out.push(char::from(b'0' + digit));
        if index + 1 == before_caret {
            new_caret = out.len();
        }
    }
    let month_just_completed = digits.len() == 2 && kind == InputKind::Other;
    if month_just_completed {
        out.push('/');
        if before_caret == 2 {
            new_caret = out.len();
        }
    }
    Formatted {
        text: out,
        caret: new_caret,
    }
}

/// `12/2030`, `2030-12` and similar become `12/30`; `None` for anything that
/// is not a complete long form.
fn long_form_expiry(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let long =
        trimmed.len() >= 7 && (trimmed.as_bytes().get(4) == Some(&b'-') || trimmed.contains('/'));
    if !long {
        return None;
    }
    let expiry = crate::Expiry::parse(trimmed).ok()?;
    let has_four_digit_year = trimmed.split(['/', '-', ' ']).any(|part| part.len() == 4);
    has_four_digit_year.then(|| crate::expiry::short_form(expiry))
}

/// The digit values of `text` and how many of them precede the caret.
fn digits_and_caret(text: &str, caret: usize) -> (Vec<u8>, usize) {
    let mut digits = Vec::with_capacity(19);
    let mut before_caret = 0;
    for (index, character) in text.chars().enumerate() {
        if character.is_ascii_digit() {
            digits.push(character as u8 - b'0');
            if index < caret {
                before_caret += 1;
            }
        }
    }
    (digits, before_caret)
}

/// Whether the raw text shows two digits touching at `caret` where the
/// formatted number has a separator: the mark of a deleted space.
fn deleted_a_separator(text: &str, caret: usize, before_caret: usize, gaps: &[u8]) -> bool {
    let is_gap = gaps.iter().any(|&gap| usize::from(gap) == before_caret);
    let mut characters = text.chars().skip(caret.saturating_sub(1));
    let left = characters.next();
    let right = characters.next();
    is_gap
        && caret > 0
        && left.is_some_and(|c| c.is_ascii_digit())
        && right.is_some_and(|c| c.is_ascii_digit())
}

fn prefix_values(digits: &[u8]) -> Vec<u8> {
    digits.iter().take(8).copied().collect()
}

fn gaps_for(digits: &[u8]) -> Vec<u8> {
    let detection = detect_digits(&prefix_values(digits));
    // Diners Club groups 4-6-4 only on its 14-digit 36 range; its 30x, 38
    // and 39 ranges issue 16 to 19 digits, grouped like everyone else's.
    if detection.primary() == Some(Brand::DinersClub) && !digits.starts_with(&[3, 6]) {
        return alloc::vec![4, 8, 12, 16];
    }
    detection.gaps().to_vec()
}

/// Digits with a space at each gap, and the caret after the
/// `before_caret`-th digit.
fn group(digits: &[u8], gaps: &[u8], before_caret: usize) -> Formatted {
    let mut text = String::with_capacity(digits.len() + gaps.len());
    let mut caret = 0;
    for (index, digit) in digits.iter().enumerate() {
        if index > 0 && gaps.iter().any(|&gap| usize::from(gap) == index) {
            text.push(' ');
        }
        text.push(char::from(b'0' + digit));
        if index + 1 == before_caret {
            caret = text.len();
        }
    }
    Formatted { text, caret }
}
