//! As-you-type formatting: no panic, the caret stays inside the text, and
//! typing never invents or reorders digits.
#![no_main]

use kassa_card::{InputKind, format_card_number, format_expiry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, usize, u8)| {
    let (text, caret, kind) = input;
    let kind = match kind % 3 {
        0 => InputKind::Other,
        1 => InputKind::DeleteBackward,
        _ => InputKind::DeleteForward,
    };
    let number = format_card_number(text, caret, kind);
    assert!(number.caret() <= number.text().len());
    if kind == InputKind::Other {
        let typed: String = text.chars().filter(char::is_ascii_digit).collect();
        let shown: String = number.text().chars().filter(char::is_ascii_digit).collect();
        assert!(typed.starts_with(&shown));
    }
    let expiry = format_expiry(text, caret, kind);
    assert!(expiry.caret() <= expiry.text().len());
});
