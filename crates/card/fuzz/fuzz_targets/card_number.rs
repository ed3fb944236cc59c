//! Card numbers: parsing, status and detection never panic; a parsed number
//! keeps exactly the input's digits and never shows them in Debug.
#![no_main]

use kassa_card::{CardNumber, detect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = detect(text);
    let status = CardNumber::status(text);
    if let Ok(card) = CardNumber::parse(text) {
        assert!(status.is_valid());
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(card.expose_digits(), digits);
        // The masked form shows at most ten digits: a prefix of the number
        // and its last four, never the whole of it.
        let debug = format!("{card:?}");
        let shown: String = debug.chars().filter(char::is_ascii_digit).collect();
        assert!(shown.len() <= 10 && shown.len() < digits.len(), "{debug}");
        let (prefix, last4) = shown.split_at(shown.len().saturating_sub(4));
        assert!(digits.starts_with(prefix) && digits.ends_with(last4), "{debug}");
        assert!(card.brand().lengths().contains(&(digits.len() as u8)));
    }
});
