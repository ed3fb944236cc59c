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
//!
//! credit-card-type's module state (`addCard`, `removeCard`, …) is this
//! module's state too, in a `static` (see [`order`], [`add_card`]).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use kassa_card::YearMonth;
use kassa_card::compat::{
    self as rules, CardType, CardUpdate, DateVerification, Match, NumberOptions, Pattern, Registry,
    RegistryError, Verification,
};
use spin::mutex::SpinMutex;
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

/// The size of the scratch buffer ([`scratch`]): longer or non-ASCII text
/// goes through [`number`] instead.
pub const SCRATCH_SIZE: usize = 64;

/// credit-card-type's module state, as it is a module's state in
/// JavaScript: one per loaded module.
#[derive(Debug)]
struct State {
    registry: Registry,
    /// Where JavaScript writes a short ASCII argument for
    /// [`number_scratch`]: a string argument costs an allocation, a copy and
    /// a free in WebAssembly, several times the work of detecting the brand.
    scratch: [u8; SCRATCH_SIZE],
}

/// The module's state, made on first use. A lock because a `static` must be
/// shareable; WebAssembly here has one thread, so it never waits. Module
/// state rather than an exported class: a class costs glue (a wrapper, a
/// finalizer, borrow checks) in every module that loads it.
static STATE: SpinMutex<Option<State>> = SpinMutex::new(None);

/// Runs `work` on the module's state.
fn with_state<T>(work: impl FnOnce(&mut State) -> T) -> T {
    // Nothing re-enters, so the lock is free unless a trap (a bug) stopped
    // a call that held it: then every later call traps too (JavaScript sees
    // a `RuntimeError`) instead of spinning forever.
    let Some(mut state) = STATE.try_lock() else {
        unreachable!()
    };
    work(state.get_or_insert_with(|| State {
        registry: Registry::new(),
        scratch: [0; SCRATCH_SIZE],
    }))
}

/// card-validator's `number(String(value), options)`, packed.
#[wasm_bindgen(js_name = compatNumber)]
pub fn number(
    value: &str,
    max_length: Option<f64>,
    skip_luhn_validation: bool,
    luhn_validate_union_pay: bool,
) -> u32 {
    with_state(|state| {
        number_in(
            &state.registry,
            value,
            max_length,
            skip_luhn_validation,
            luhn_validate_union_pay,
        )
    })
}

fn number_in(
    registry: &Registry,
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
    let result = registry.number(value, &options);
    u32::from(result.is_potentially_valid)
        | u32::from(result.is_valid) << 1
        | pack_match(result.card)
}

/// The address in the module's memory ([`memory`]) of the [`SCRATCH_SIZE`]
/// bytes that [`number_scratch`] reads. It does not move: the state lives in
/// a `static`.
#[wasm_bindgen(js_name = compatScratch)]
pub fn scratch() -> usize {
    with_state(|state| state.scratch.as_ptr() as usize)
}

/// [`number`] for the ASCII text of `length` bytes that JavaScript wrote at
/// [`scratch`].
#[wasm_bindgen(js_name = compatNumberScratch)]
pub fn number_scratch(
    length: usize,
    max_length: Option<f64>,
    skip_luhn_validation: bool,
    luhn_validate_union_pay: bool,
) -> u32 {
    with_state(|state| {
        let text = state
            .scratch
            .get(..length)
            .and_then(|bytes| core::str::from_utf8(bytes).ok())
            .unwrap_or_default();
        number_in(
            &state.registry,
            text,
            max_length,
            skip_luhn_validation,
            luhn_validate_union_pay,
        )
    })
}

/// `creditCardType(value)`: the matches, each packed like [`number`]'s card.
#[wasm_bindgen(js_name = compatCardTypes)]
pub fn card_types(value: &str) -> Vec<u32> {
    with_state(|state| {
        state
            .registry
            .card_types(value)
            .into_iter()
            .map(|found| pack_match(Some(found)))
            .collect()
    })
}

/// The type names in test order (an array of strings).
#[wasm_bindgen(js_name = compatOrder)]
pub fn order() -> JsValue {
    with_state(|state| js::array(state.registry.order().iter().map(|name| name.as_ref())).into())
}

/// `addCard(config)`. The patterns are the `String()` of every bound joined
/// into `bounds`, and their `shape`: for each pattern its number of bounds
/// (1, or 2 for a `[min, max]` pair) followed by each bound's length in
/// UTF-16 units. One string and one array cross to WebAssembly instead of an
/// array of strings, which costs a crossing per string and glue of its own.
#[wasm_bindgen(js_name = compatAddCard)]
pub fn add_card(type_name: String, bounds: &str, shape: &[u32], lengths: Vec<u32>) {
    let card = CardType::new(
        type_name,
        "",
        patterns(bounds, shape),
        Vec::new(),
        lengths,
        "",
        0,
    );
    with_state(|state| state.registry.add_card(card));
}

/// `updateCard(type, updates)`, patterns as [`add_card`] takes them: 0 when
/// done, else the error (1 not supported, 2 not recognized, 3 cannot
/// overwrite type).
#[wasm_bindgen(js_name = compatUpdateCard)]
pub fn update_card(
    type_name: &str,
    new_type: Option<String>,
    bounds: Option<String>,
    shape: Option<Vec<u32>>,
    lengths: Option<Vec<u32>>,
) -> u32 {
    let update = CardUpdate {
        type_name: new_type.map(Into::into),
        patterns: match (bounds, shape) {
            (Some(bounds), Some(shape)) => Some(patterns(&bounds, &shape)),
            _ => None,
        },
        lengths,
        ..CardUpdate::default()
    };
    error_number(with_state(|state| {
        state.registry.update_card(type_name, update)
    }))
}

/// `removeCard(name)`: 0 when done, 1 when `name` is not in the order.
#[wasm_bindgen(js_name = compatRemoveCard)]
pub fn remove_card(name: &str) -> u32 {
    error_number(with_state(|state| state.registry.remove_card(name)))
}

/// `changeOrder(name, position)`: 0 when done, 1 when `name` is not in the
/// order.
#[wasm_bindgen(js_name = compatChangeOrder)]
pub fn change_order(name: &str, position: f64) -> u32 {
    error_number(with_state(|state| {
        state.registry.change_order(name, position)
    }))
}

/// `resetModifications()`.
#[wasm_bindgen(js_name = compatReset)]
pub fn reset() {
    with_state(|state| state.registry.reset());
}

/// The module's memory, for writing at [`scratch`].
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
        .set(
            "cards",
            js::array(rules::default_cards().iter().map(config)),
        )
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

/// The patterns of `bounds` as `shape` describes them (see [`add_card`]).
fn patterns(bounds: &str, shape: &[u32]) -> Vec<Pattern> {
    let mut rest = bounds;
    let mut shape = shape.iter().map(|&value| value as usize);
    let mut bound = move |units: Option<usize>| {
        let (bound, tail) = split_utf16(rest, units.unwrap_or_default());
        rest = tail;
        Cow::Owned(String::from(bound))
    };
    let mut patterns = Vec::new();
    while let Some(count) = shape.next() {
        patterns.push(if count == 2 {
            let min = bound(shape.next());
            Pattern::Range(min, bound(shape.next()))
        } else {
            Pattern::Prefix(bound(shape.next()))
        });
    }
    patterns
}

/// `text` split after `units` UTF-16 units: JavaScript's `length` of a
/// string joined into it. A lone surrogate, which arrives as U+FFFD, is one
/// unit on both sides (unless joining pairs it with the next bound's: no
/// pattern of that kind can match a card number anyway).
fn split_utf16(text: &str, units: usize) -> (&str, &str) {
    let mut counted = 0;
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            let done = counted >= units;
            counted += c.len_utf16();
            done
        })
        .map_or(text.len(), |(end, _)| end);
    text.split_at(end)
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
