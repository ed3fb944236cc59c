//! Entry points of the card-validator-compatible API.
//!
//! `kassa-card/compat` (`compat.js` in the package) gives these
//! card-validator's names and result objects; the rules are
//! [`kassa_card::compat`]. Results that the hot paths return are packed into
//! one number so a call crosses the JavaScript boundary once, without
//! allocating:
//!
//! * bit 0: `isPotentiallyValid`, bit 1: `isValid`, bit 2: a `card` is given,
//!   bit 3: the card has `matchStrength`, bits 4 to 11: `matchStrength`,
//!   bits 12 and up: the card's position in the test order ([`order`]).

use std::cell::RefCell;

use kassa_card::YearMonth;
use kassa_card::compat::{
    self as rules, CardType, CardUpdate, DateVerification, Match, NumberOptions, Pattern, Registry,
    RegistryError, Verification,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

thread_local! {
    /// credit-card-type's module state (`addCard`, `removeCard`, …).
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::new());
}

fn pack_match(found: Option<Match>) -> u32 {
    let Some(found) = found else {
        return 0;
    };
    let mut packed = 1 << 2 | (found.position as u32) << 12;
    if let Some(strength) = found.match_strength {
        packed |= 1 << 3 | (strength.min(255) as u32) << 4;
    }
    packed
}

fn pack(verification: Verification) -> u32 {
    u32::from(verification.is_potentially_valid) | u32::from(verification.is_valid) << 1
}

fn today(year: u32, month: u32) -> YearMonth {
    YearMonth::new(
        u16::try_from(year).unwrap_or(2000),
        u8::try_from(month).unwrap_or(1),
    )
    .unwrap_or_else(|| YearMonth::new(2000, 1).unwrap_or_else(|| unreachable!()))
}

/// card-validator's `number(String(value), options)`, packed.
#[wasm_bindgen(js_name = compatNumber)]
pub fn number(
    value: &str,
    max_length: Option<f64>,
    skip_luhn_validation: bool,
    luhn_validate_union_pay: bool,
) -> u32 {
    let options = NumberOptions {
        max_length,
        skip_luhn_validation,
        luhn_validate_union_pay,
    };
    let result = REGISTRY.with_borrow(|registry| registry.number(value, &options));
    u32::from(result.is_potentially_valid)
        | u32::from(result.is_valid) << 1
        | pack_match(result.card)
}

/// `creditCardType(value)`: the matches, each packed like [`number`]'s card.
#[wasm_bindgen(js_name = compatCardTypes)]
pub fn card_types(value: &str) -> Vec<u32> {
    REGISTRY.with_borrow(|registry| {
        registry
            .card_types(value)
            .into_iter()
            .map(|found| pack_match(Some(found)))
            .collect()
    })
}

/// The type names in test order.
#[wasm_bindgen(js_name = compatOrder)]
pub fn order() -> Vec<String> {
    REGISTRY.with_borrow(|registry| {
        registry
            .order()
            .iter()
            .map(|name| name.to_string())
            .collect()
    })
}

#[derive(Serialize)]
struct Code<'a> {
    name: &'a str,
    size: u32,
}

/// A credit-card-type configuration object, numbers as numbers.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CardConfig<'a> {
    nice_type: &'a str,
    #[serde(rename = "type")]
    type_name: &'a str,
    patterns: Vec<PatternValue>,
    gaps: &'a [u32],
    lengths: &'a [u32],
    code: Code<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PatternValue {
    Number(f64),
    Range([f64; 2]),
}

fn number_of(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

fn config(card: &CardType) -> CardConfig<'_> {
    CardConfig {
        nice_type: card.nice_type(),
        type_name: card.type_name(),
        patterns: card
            .patterns()
            .iter()
            .map(|pattern| match pattern {
                Pattern::Prefix(prefix) => PatternValue::Number(number_of(prefix)),
                Pattern::Range(min, max) => PatternValue::Range([number_of(min), number_of(max)]),
            })
            .collect(),
        gaps: card.gaps(),
        lengths: card.lengths(),
        code: Code {
            name: card.code_name(),
            size: card.code_size(),
        },
    }
}

/// The 15 default configurations, keyed by type, and the `types` names.
#[wasm_bindgen(js_name = compatDefaults)]
pub fn defaults() -> JsValue {
    #[derive(Serialize)]
    struct Defaults<'a> {
        cards: Vec<CardConfig<'a>>,
        types: &'a [(&'a str, &'a str)],
    }
    let defaults = Defaults {
        cards: rules::DEFAULT_CARDS.iter().map(config).collect(),
        types: rules::TYPE_NAMES,
    };
    defaults
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .unwrap_or(JsValue::NULL)
}

fn patterns(mins: Vec<String>, maxes: Vec<String>, ranges: &[u8]) -> Vec<Pattern> {
    mins.into_iter()
        .zip(maxes)
        .zip(ranges)
        .map(|((min, max), &range)| {
            if range == 0 {
                Pattern::Prefix(min.into())
            } else {
                Pattern::Range(min.into(), max.into())
            }
        })
        .collect()
}

/// `addCard(config)`: `mins`, `maxes` and `ranges` describe the patterns
/// (`String()` of each bound; `ranges[i]` is 1 for a `[min, max]` pair).
#[wasm_bindgen(js_name = compatAddCard)]
pub fn add_card(
    type_name: String,
    mins: Vec<String>,
    maxes: Vec<String>,
    ranges: &[u8],
    lengths: Vec<u32>,
) {
    let card = CardType::new(
        type_name,
        "",
        patterns(mins, maxes, ranges),
        Vec::new(),
        lengths,
        "",
        0,
    );
    REGISTRY.with_borrow_mut(|registry| registry.add_card(card));
}

fn error_number(result: Result<(), RegistryError>) -> u32 {
    match result {
        Ok(()) => 0,
        Err(RegistryError::NotRecognized) => 2,
        Err(RegistryError::CannotOverwriteType) => 3,
        Err(_) => 1,
    }
}

/// `updateCard(type, updates)`: 0 when done, else the error (1 not
/// supported, 2 not recognized, 3 cannot overwrite type).
#[wasm_bindgen(js_name = compatUpdateCard)]
pub fn update_card(
    type_name: &str,
    new_type: Option<String>,
    mins: Option<Vec<String>>,
    maxes: Option<Vec<String>>,
    ranges: Option<Vec<u8>>,
    lengths: Option<Vec<u32>>,
) -> u32 {
    let update = CardUpdate {
        type_name: new_type.map(Into::into),
        patterns: match (mins, maxes, ranges) {
            (Some(mins), Some(maxes), Some(ranges)) => Some(patterns(mins, maxes, &ranges)),
            _ => None,
        },
        lengths,
        ..CardUpdate::default()
    };
    error_number(REGISTRY.with_borrow_mut(|registry| registry.update_card(type_name, update)))
}

/// `removeCard(name)`: 0 when done, 1 when `name` is not in the order.
#[wasm_bindgen(js_name = compatRemoveCard)]
pub fn remove_card(name: &str) -> u32 {
    error_number(REGISTRY.with_borrow_mut(|registry| registry.remove_card(name)))
}

/// `changeOrder(name, position)`: 0 when done, 1 when `name` is not in the order.
#[wasm_bindgen(js_name = compatChangeOrder)]
pub fn change_order(name: &str, position: f64) -> u32 {
    error_number(REGISTRY.with_borrow_mut(|registry| registry.change_order(name, position)))
}

/// `resetModifications()`.
#[wasm_bindgen(js_name = compatReset)]
pub fn reset() {
    REGISTRY.with_borrow_mut(Registry::reset);
}

/// credit-card-type's message for a registry error about `name`.
#[wasm_bindgen(js_name = compatErrorMessage)]
pub fn error_message(error: u32, name: &str) -> String {
    let error = match error {
        2 => RegistryError::NotRecognized,
        3 => RegistryError::CannotOverwriteType,
        _ => RegistryError::NotSupported,
    };
    error.message(name)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DateResult {
    is_valid: bool,
    is_potentially_valid: bool,
    month: Option<String>,
    year: Option<String>,
}

fn date_result(date: DateVerification) -> JsValue {
    DateResult {
        is_valid: date.is_valid,
        is_potentially_valid: date.is_potentially_valid,
        month: date.month,
        year: date.year,
    }
    .serialize(&serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true))
    .unwrap_or(JsValue::NULL)
}

/// `expirationDate(value, maxElapsedYear)` for a string, on `year`-`month`.
#[wasm_bindgen(js_name = compatExpirationDate)]
pub fn expiration_date(
    value: &str,
    max_elapsed_year: Option<f64>,
    year: u32,
    month: u32,
) -> JsValue {
    date_result(rules::expiration_date(
        value,
        max_elapsed_year,
        today(year, month),
    ))
}

/// `expirationDate({month, year}, maxElapsedYear)` after `String()` of each.
#[wasm_bindgen(js_name = compatExpirationDateParts)]
pub fn expiration_date_parts(
    month_text: String,
    year_text: String,
    max_elapsed_year: Option<f64>,
    year: u32,
    month: u32,
) -> JsValue {
    date_result(rules::expiration_date_parts(
        month_text,
        year_text,
        max_elapsed_year,
        today(year, month),
    ))
}

/// `expirationMonth(value)`: bit 2 is `isValidForThisYear`.
#[wasm_bindgen(js_name = compatExpirationMonth)]
pub fn expiration_month(value: &str, year: u32, month: u32) -> u32 {
    let result = rules::expiration_month(value, today(year, month));
    u32::from(result.is_potentially_valid)
        | u32::from(result.is_valid) << 1
        | u32::from(result.is_valid_for_this_year) << 2
}

/// `expirationYear(value, maxElapsedYear)`: bit 2 is `isCurrentYear`.
#[wasm_bindgen(js_name = compatExpirationYear)]
pub fn expiration_year(value: &str, max_elapsed_year: Option<f64>, year: u32, month: u32) -> u32 {
    let result = rules::expiration_year(value, max_elapsed_year, today(year, month));
    u32::from(result.is_potentially_valid)
        | u32::from(result.is_valid) << 1
        | u32::from(result.is_current_year) << 2
}

/// `cvv(value, maxLength)` with `maxLength` as an array.
#[wasm_bindgen(js_name = compatCvv)]
pub fn cvv(value: &str, max_lengths: &[f64]) -> u32 {
    pack(rules::cvv(value, max_lengths))
}

/// `postalCode(value, {minLength})` with `minLength` already defaulted.
#[wasm_bindgen(js_name = compatPostalCode)]
pub fn postal_code(value: &str, min_length: u32) -> u32 {
    pack(rules::postal_code(value, min_length as usize))
}

/// `cardholderName(value)`.
#[wasm_bindgen(js_name = compatCardholderName)]
pub fn cardholder_name(value: &str) -> u32 {
    pack(rules::cardholder_name(value))
}
