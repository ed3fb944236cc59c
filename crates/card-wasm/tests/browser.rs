//! The adapter in a real browser (headless Chromium through
//! wasm-bindgen-test-runner and chromedriver): results are plain JavaScript
//! objects with the stable codes, the browser's clock and `Date` are read,
//! and the compatible API's registry and scratch buffer work in the page's
//! memory. Run by `cargo xtask js-test` (`cargo test --target
//! wasm32-unknown-unknown -p kassa-card-wasm`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, Uint8Array};
use kassa_card_wasm::compat;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        Reflect::set(&object, &JsValue::from_str(key), value).expect("an object takes fields");
    }
    object.into()
}

fn get(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |value, key| {
        Reflect::get(&value, &JsValue::from_str(key)).expect("a field")
    })
}

#[wasm_bindgen_test]
fn validate_card_returns_plain_objects_with_stable_codes() {
    let card = object(&[
        ("number", "4242 4242 4242 4241".into()),
        ("expiry", "10/26".into()),
        ("cvv", "12".into()),
    ]);
    let options = object(&[("today", "2026-11-21".into()), ("locale", "fr".into())]);
    let result = kassa_card_wasm::validate_card(card, options).expect("a card object");
    assert_eq!(get(&result, &["valid"]), JsValue::FALSE);
    assert_eq!(
        get(&result, &["number", "code"]).as_string().as_deref(),
        Some("card_number.checksum")
    );
    assert_eq!(
        get(&result, &["expiry", "code"]).as_string().as_deref(),
        Some("expiry.in_past")
    );
    assert_eq!(
        get(&result, &["brand", "id"]).as_string().as_deref(),
        Some("visa")
    );
    // The module carries codes only: the entry file adds the message from
    // the language's catalog (checked in Node and through Vite).
    assert!(get(&result, &["number", "message"]).is_undefined());
    assert!(get(&result, &["name"]).is_null());
}

#[wasm_bindgen_test]
fn the_messages_locale_is_the_cores_choice() {
    let locale = |tag: Option<&str>| kassa_card_wasm::message_locale(tag.map(str::to_owned));
    assert_eq!(locale(Some("fr-CA")), "fr");
    assert_eq!(locale(Some("iw")), "he");
    assert_eq!(locale(Some("pt-BR")), "en");
    assert_eq!(locale(None), "en");
}

#[wasm_bindgen_test]
fn the_browser_clock_and_date_objects_give_today() {
    let expired =
        kassa_card_wasm::validate_card(object(&[("expiry", "01/20".into())]), JsValue::UNDEFINED)
            .expect("a card object");
    assert_eq!(
        get(&expired, &["expiry", "code"]).as_string().as_deref(),
        Some("expiry.in_past")
    );
    let today = js_sys::Date::new_with_year_month_day(2026, 10, 21);
    let current = kassa_card_wasm::validate_card(
        object(&[("expiry", "12/26".into())]),
        object(&[("today", today.into())]),
    )
    .expect("a card object");
    assert_eq!(get(&current, &["expiry", "valid"]), JsValue::TRUE);
}

#[wasm_bindgen_test]
fn a_card_that_is_not_an_object_throws() {
    assert!(kassa_card_wasm::validate_card(JsValue::from_str("4242"), JsValue::UNDEFINED).is_err());
    let bad_field = object(&[("number", JsValue::from_f64(4242.0))]);
    assert!(kassa_card_wasm::validate_card(bad_field, JsValue::UNDEFINED).is_err());
}

/// The card module asks the engine for Unicode properties (src/unicode.rs):
/// it must answer as Rust's tables do, on every code point.
#[wasm_bindgen_test]
fn the_engines_unicode_properties_are_rusts_on_every_code_point() {
    use kassa_card::{RustUnicode, UnicodeProperties};
    use kassa_card_wasm::unicode::EngineUnicode;

    let engine = EngineUnicode::default();
    let mut differences = Vec::new();
    let mut letters = 0;
    for character in ('\u{80}'..=char::MAX).filter(|character| !character.is_ascii()) {
        letters += usize::from(RustUnicode.is_alphabetic(character));
        if engine.is_alphabetic(character) != RustUnicode.is_alphabetic(character)
            || engine.is_alphanumeric(character) != RustUnicode.is_alphanumeric(character)
        {
            differences.push(u32::from(character));
        }
    }
    assert!(letters > 100_000, "{letters}");
    assert!(
        differences.is_empty(),
        "{} code points differ, from U+{:04X}",
        differences.len(),
        differences.first().copied().unwrap_or_default()
    );
}

#[wasm_bindgen_test]
fn names_in_any_script_are_checked_in_the_browser() {
    let options = object(&[("today", "2026-11-21".into())]);
    for (name, code) in [
        ("ישראל ישראלי", JsValue::NULL),
        ("Zoë O'Brien", JsValue::NULL),
        ("Иван Петров", JsValue::NULL),
        ("王小明", JsValue::NULL),
        ("١٢٣", "name.no_letter".into()),
        ("Jane 🙂", "name.invalid_character".into()),
    ] {
        let card = object(&[("name", name.into())]);
        let result = kassa_card_wasm::validate_card(card, options.clone()).expect("a card");
        assert_eq!(get(&result, &["name", "code"]), code, "{name}");
    }
}

#[wasm_bindgen_test]
fn formatting_and_detection_work_in_the_browser() {
    let formatted = kassa_card_wasm::format_card_number("4242424242", 10, None);
    assert_eq!(
        get(&formatted, &["text"]).as_string().as_deref(),
        Some("4242 4242 42")
    );
    assert_eq!(get(&formatted, &["caret"]).as_f64(), Some(12.0));
    let detected = kassa_card_wasm::detect_brands("4");
    assert_eq!(
        get(&detected, &["primary"]).as_string().as_deref(),
        Some("visa")
    );
}

#[wasm_bindgen_test]
fn the_compat_registry_detects_through_its_scratch_buffer() {
    let memory: js_sys::WebAssembly::Memory = compat::memory().unchecked_into();
    let number = b"4111111111111111";
    let view = Uint8Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        compat::scratch() as u32,
        number.len() as u32,
    );
    view.copy_from(number);
    let packed = compat::number_scratch(number.len(), None, false, false);
    let from_string = compat::number("4111111111111111", None, false, false);
    assert_eq!(packed, from_string);
    // isPotentiallyValid, isValid, a card, at position 0 (visa).
    assert_eq!(packed & 0b111, 0b111);
    assert_eq!(packed >> 12, 0);
}

#[wasm_bindgen_test]
fn extras_build_their_tables_in_the_browser() {
    let countries = kassa_card_wasm::countries();
    let countries: js_sys::Array = countries.unchecked_into();
    assert!(
        countries
            .iter()
            .any(|country| get(&country, &["code"]).as_string().as_deref() == Some("IL"))
    );
    let amount = kassa_card_wasm::validate_amount("15.04", "EUR", JsValue::UNDEFINED);
    assert_eq!(get(&amount, &["minorUnits"]).as_f64(), Some(1504.0));
}
