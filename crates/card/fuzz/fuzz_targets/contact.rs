//! Email, phone, IP, name, Israeli ID, security code: no panic, and
//! normalised values parse to themselves.
#![no_main]

use kassa_card::{CardholderName, Country, CustomerIp, Email, IsraeliId, Phone, SecurityCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u8)| {
    let (text, country_index) = input;
    if let Ok(email) = Email::parse(text) {
        assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
    }
    let country = Country::all().nth(usize::from(country_index));
    if let Ok(phone) = Phone::parse(text, country) {
        assert_eq!(Phone::parse(phone.as_str(), None), Ok(phone.clone()));
    }
    let _ = CustomerIp::parse(text);
    if let Ok(name) = CardholderName::parse(text) {
        assert!(name.as_str().chars().count() <= 30);
    }
    let _ = IsraeliId::parse(text);
    let _ = SecurityCode::parse(text, None);
});
