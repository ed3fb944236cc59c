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
        if digits.len() >= 12 {
            assert!(!format!("{card:?}").contains(&digits[6..digits.len() - 4]));
        }
        assert!(card.brand().lengths().contains(&(digits.len() as u8)));
    }
});
