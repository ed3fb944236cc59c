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
//!   bits 12 and up: the card's position in the test order
//!   ([`CompatRegistry::order`]).
//!
//! credit-card-type's module state (`addCard`, `removeCard`, …) is a
//! [`CompatRegistry`] object that `compat.js` creates once: the module keeps
//! no global state of its own.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::Cell;

use kassa_card::YearMonth;
use kassa_card::compat::{
    self as rules, CardType, CardUpdate, DateVerification, Match, NumberOptions, Pattern, Registry,
    RegistryError, Verification,
};
use wasm_bindgen::prelude::*;

use crate::js;

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

/// The size of [`CompatRegistry::scratch`]: longer or non-ASCII text goes
/// through [`CompatRegistry::number`] instead.
pub const SCRATCH_SIZE: usize = 64;

/// credit-card-type's module state, with detection and card-validator's
/// `number()` over it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CompatRegistry {
    registry: Registry,
    /// Where JavaScript writes a short ASCII argument for
    /// [`CompatRegistry::number_scratch`]: a string argument costs an
    /// allocation, a copy and a free in WebAssembly, several times the work
    /// of detecting the brand.
    scratch: Cell<[u8; SCRATCH_SIZE]>,
}

impl Default for CompatRegistry {
    fn default() -> Self {
        CompatRegistry::new()
    }
}

#[wasm_bindgen]
impl CompatRegistry {
    /// The 15 default card types in credit-card-type's order.
    #[wasm_bindgen(constructor)]
    pub fn new() -> CompatRegistry {
        CompatRegistry {
            registry: Registry::new(),
            scratch: Cell::new([0; SCRATCH_SIZE]),
        }
    }

    /// card-validator's `number(String(value), options)`, packed.
    pub fn number(
        &self,
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
        let result = self.registry.number(value, &options);
        u32::from(result.is_potentially_valid)
            | u32::from(result.is_valid) << 1
            | pack_match(result.card)
    }

    /// The address in the module's memory ([`memory`]) of the
    /// [`SCRATCH_SIZE`] bytes that [`CompatRegistry::number_scratch`] reads.
    pub fn scratch(&self) -> usize {
        self.scratch.as_ptr() as usize
    }

    /// [`CompatRegistry::number`] for the ASCII text of `length` bytes that
    /// JavaScript wrote at [`CompatRegistry::scratch`].
    #[wasm_bindgen(js_name = numberScratch)]
    pub fn number_scratch(
        &self,
        length: usize,
        max_length: Option<f64>,
        skip_luhn_validation: bool,
        luhn_validate_union_pay: bool,
    ) -> u32 {
        let bytes = self.scratch.get();
        let text = bytes
            .get(..length)
            .and_then(|bytes| core::str::from_utf8(bytes).ok())
            .unwrap_or_default();
        self.number(
            text,
            max_length,
            skip_luhn_validation,
            luhn_validate_union_pay,
        )
    }

    /// `creditCardType(value)`: the matches, each packed like
    /// [`CompatRegistry::number`]'s card.
    #[wasm_bindgen(js_name = cardTypes)]
    pub fn card_types(&self, value: &str) -> Vec<u32> {
        self.registry
            .card_types(value)
            .into_iter()
            .map(|found| pack_match(Some(found)))
            .collect()
    }

    /// The type names in test order.
    pub fn order(&self) -> Vec<String> {
        self.registry
            .order()
            .iter()
            .map(|name| name.to_string())
            .collect()
    }

    /// `addCard(config)`: `mins`, `maxes` and `ranges` describe the patterns
    /// (`String()` of each bound; `ranges[i]` is 1 for a `[min, max]` pair).
    #[wasm_bindgen(js_name = addCard)]
    pub fn add_card(
        &mut self,
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
        self.registry.add_card(card);
    }

    /// `updateCard(type, updates)`: 0 when done, else the error (1 not
    /// supported, 2 not recognized, 3 cannot overwrite type).
    #[wasm_bindgen(js_name = updateCard)]
    pub fn update_card(
        &mut self,
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
        error_number(self.registry.update_card(type_name, update))
    }

    /// `removeCard(name)`: 0 when done, 1 when `name` is not in the order.
    #[wasm_bindgen(js_name = removeCard)]
    pub fn remove_card(&mut self, name: &str) -> u32 {
        error_number(self.registry.remove_card(name))
    }

    /// `changeOrder(name, position)`: 0 when done, 1 when `name` is not in
    /// the order.
    #[wasm_bindgen(js_name = changeOrder)]
    pub fn change_order(&mut self, name: &str, position: f64) -> u32 {
        error_number(self.registry.change_order(name, position))
    }

    /// `resetModifications()`.
    pub fn reset(&mut self) {
        self.registry.reset();
    }
}

/// The module's memory, for writing into [`CompatRegistry::scratch`].
#[wasm_bindgen(js_name = compatMemory)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The decimal value of a pattern's digits (`Number()` of the default
/// table's strings, which are all digits and at most six long).
fn number_of(text: &str) -> u64 {
    text.bytes().fold(0, |value, digit| {
        value
            .saturating_mul(10)
            .saturating_add(u64::from(digit.wrapping_sub(b'0')))
    })
}

/// A credit-card-type configuration object, numbers as numbers.
fn config(card: &CardType) -> js::Object {
    let patterns = js::array(card.patterns().iter().map(|pattern| match pattern {
        Pattern::Prefix(prefix) => js::value(number_of(prefix)),
        Pattern::Range(min, max) => js::array([number_of(min), number_of(max)]),
    }));
    js::Object::new()
        .set("niceType", card.nice_type())
        .set("type", card.type_name())
        .set("patterns", patterns)
        .set("gaps", js::array(card.gaps().iter().copied()))
        .set("lengths", js::array(card.lengths().iter().copied()))
        .set(
            "code",
            js::Object::new()
                .set("name", card.code_name())
                .set("size", card.code_size()),
        )
}

/// The 15 default configurations and the `types` names (`[[name, value]]`).
#[wasm_bindgen(js_name = compatDefaults)]
pub fn defaults() -> JsValue {
    js::Object::new()
        .set("cards", js::array(rules::DEFAULT_CARDS.iter().map(config)))
        .set(
            "types",
            js::array(
                rules::TYPE_NAMES
                    .iter()
                    .map(|&(name, value)| js::array([name, value])),
            ),
        )
        .into()
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

fn error_number(result: Result<(), RegistryError>) -> u32 {
    match result {
        Ok(()) => 0,
        Err(RegistryError::NotRecognized) => 2,
        Err(RegistryError::CannotOverwriteType) => 3,
        Err(_) => 1,
    }
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

fn date_result(date: DateVerification) -> JsValue {
    js::Object::new()
        .set("isValid", date.is_valid)
        .set("isPotentiallyValid", date.is_potentially_valid)
        .set("month", date.month.as_deref())
        .set("year", date.year.as_deref())
        .into()
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
