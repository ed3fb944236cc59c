//! Expiry dates: parsing and typing status never panic, and whatever parses
//! parses again from its own display.
#![no_main]

use kassa_card::{Date, Expiry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(today) = Date::new(2026, 11, 21) else { return };
    let status = Expiry::status(text, today);
    if let Ok(expiry) = Expiry::parse(text) {
        assert_eq!(Expiry::parse(&expiry.to_long_string()), Ok(expiry));
        assert_eq!(status.is_valid(), expiry.check(today).is_ok());
    }
    let _ = Date::parse(text);
});
