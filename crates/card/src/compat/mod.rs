//! card-validator's rules, for a drop-in JavaScript API (feature `compat`).
//!
//! The JS/WASM package exposes `kassa-card/compat`, shaped like braintree's
//! [`card-validator`](https://www.npmjs.com/package/card-validator) 10.0.4 and
//! its [`credit-card-type`](https://www.npmjs.com/package/credit-card-type)
//! 10.3.0, so switching is an import change. Its rules live here, as Rust,
//! like every other rule of Kassa: credit-card-type's 15-brand table
//! ([`default_cards`]) and matching ([`Registry::card_types`]), and
//! card-validator's verifications ([`Registry::number`], [`expiration_date`],
//! [`expiration_month`], [`expiration_year`], [`cvv`], [`postal_code`],
//! [`cardholder_name`]). Each function names the file of the npm package it
//! follows; they are ports, quirks included, because merchants depend on the
//! exact answers. The Kassa rules (20 brands, co-badging, stricter expiry) are
//! the rest of this crate and are not changed by this module.
//!
//! Where card-validator reads `new Date()`, these functions take `today`.
//! Text is counted in characters where JavaScript counts UTF-16 units; the two
//! differ only for characters outside the Basic Multilingual Plane (emoji),
//! except in lengths compared against limits, which are counted in UTF-16.
//!
//! ```
//! use kassa_card::YearMonth;
//! use kassa_card::compat::{NumberOptions, Registry, expiration_date};
//!
//! let registry = Registry::new();
//! let result = registry.number("4111 1111 1111 1111", &NumberOptions::default());
//! assert!(result.is_valid && result.is_potentially_valid);
//! assert_eq!(registry.card(result.card.unwrap().position).unwrap().type_name(), "visa");
//!
//! let today = YearMonth::new(2026, 11).unwrap();
//! assert!(expiration_date("12/27", None, today).is_valid);
//! ```

use alloc::borrow::Cow;
use alloc::vec::Vec;

mod cards;
mod index;
mod js;
mod validators;

pub use cards::{TYPE_NAMES, default_cards};
pub use validators::{
    DateVerification, MonthVerification, Verification, YearVerification, cardholder_name, cvv,
    expiration_date, expiration_date_parts, expiration_month, expiration_year, luhn10, postal_code,
};

/// One entry of a card type's `patterns`: a prefix (`4`) or an inclusive
/// range of prefixes (`[51, 55]`), each as the decimal text JavaScript's
/// `String()` gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// A single prefix.
    Prefix(Cow<'static, str>),
    /// `[min, max]`.
    Range(Cow<'static, str>, Cow<'static, str>),
}

impl Pattern {
    /// `matches(cardNumber, pattern)` of credit-card-type's `lib/matches.js`.
    ///
    /// ```
    /// use kassa_card::compat::Pattern;
    /// let range = Pattern::Range("51".into(), "55".into());
    /// assert!(range.matches("5"));
    /// assert!(range.matches("5312"));
    /// assert!(!range.matches("56"));
    /// assert!(Pattern::Prefix("6011".into()).matches("60"));
    /// ```
    pub fn matches(&self, number: &str) -> bool {
        if !number.is_empty() && js::all_digits(number) {
            return self.matches_known_digits(number.as_bytes());
        }
        self.matches_text(number)
    }

    /// [`Pattern::matches`] for a number known to be one or more ASCII digits.
    fn matches_known_digits(&self, digits: &[u8]) -> bool {
        match self.matches_digits(digits) {
            Some(answer) => answer,
            // ASCII digits are valid UTF-8.
            None => self.matches_text(core::str::from_utf8(digits).unwrap_or_default()),
        }
    }

    /// The general path of [`Pattern::matches`], on JavaScript strings.
    fn matches_text(&self, number: &str) -> bool {
        match self {
            Pattern::Prefix(pattern) => {
                // pattern.substring(0, n.length) === n.substring(0, pattern.length)
                let shared = js::char_count(number).min(js::char_count(pattern));
                js::prefix(pattern, shared) == js::prefix(number, shared)
            }
            Pattern::Range(min, max) => {
                let head = js::prefix(number, js::char_count(min));
                let taken = js::char_count(head);
                match (
                    js::parse_int(head),
                    js::parse_int(js::prefix(min, taken)),
                    js::parse_int(js::prefix(max, taken)),
                ) {
                    (Some(value), Some(min), Some(max)) => value >= min && value <= max,
                    _ => false,
                }
            }
        }
    }

    /// The same answer as [`Pattern::matches`] for the common case, a number
    /// of one or more ASCII digits against ASCII patterns, on bytes and integers (ten
    /// times faster than the general path in WebAssembly); `None` otherwise.
    fn matches_digits(&self, digits: &[u8]) -> Option<bool> {
        match self {
            Pattern::Prefix(pattern) => {
                let pattern = pattern.as_bytes();
                let shared = digits.len().min(pattern.len());
                Some(pattern[..shared] == digits[..shared])
            }
            Pattern::Range(min, max) => {
                if !min.is_ascii() || !max.is_ascii() {
                    return None;
                }
                let taken = digits.len().min(min.len());
                let value = unsigned(&digits[..taken])?;
                let low = unsigned(&min.as_bytes()[..taken])?;
                let high = unsigned(&max.as_bytes()[..taken.min(max.len())])?;
                Some(value >= low && value <= high)
            }
        }
    }

    /// `String(pattern).length`, or `String(pattern[0]).length` for a range:
    /// the match strength a long enough number gets.
    pub fn strength(&self) -> usize {
        match self {
            Pattern::Prefix(text) | Pattern::Range(text, _) => js::length(text),
        }
    }
}

/// A credit-card-type card configuration (`{niceType, type, patterns, gaps,
/// lengths, code: {name, size}}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardType {
    type_name: Cow<'static, str>,
    nice_type: Cow<'static, str>,
    patterns: Cow<'static, [Pattern]>,
    gaps: Cow<'static, [u32]>,
    lengths: Cow<'static, [u32]>,
    code_name: Cow<'static, str>,
    code_size: u32,
}

impl CardType {
    /// A card type as `addCard` receives it.
    ///
    /// ```
    /// use kassa_card::compat::{CardType, Pattern};
    /// let card = CardType::new("acme", "Acme", vec![Pattern::Prefix("1234".into())], vec![4, 8, 12], vec![16], "CVV", 3);
    /// assert_eq!(card.type_name(), "acme");
    /// ```
    pub fn new(
        type_name: impl Into<Cow<'static, str>>,
        nice_type: impl Into<Cow<'static, str>>,
        patterns: Vec<Pattern>,
        gaps: Vec<u32>,
        lengths: Vec<u32>,
        code_name: impl Into<Cow<'static, str>>,
        code_size: u32,
    ) -> CardType {
        CardType {
            type_name: type_name.into(),
            nice_type: nice_type.into(),
            patterns: patterns.into(),
            gaps: gaps.into(),
            lengths: lengths.into(),
            code_name: code_name.into(),
            code_size,
        }
    }

    /// `type`: the identifier (`"american-express"`).
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// `niceType`: the name to show (`"American Express"`).
    pub fn nice_type(&self) -> &str {
        &self.nice_type
    }

    /// `patterns`.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// `gaps`.
    pub fn gaps(&self) -> &[u32] {
        &self.gaps
    }

    /// `lengths`.
    pub fn lengths(&self) -> &[u32] {
        &self.lengths
    }

    /// `code.name` (`"CVV"`).
    pub fn code_name(&self) -> &str {
        &self.code_name
    }

    /// `code.size`.
    pub fn code_size(&self) -> u32 {
        self.code_size
    }

    /// The strength of the first pattern that matches (`addMatchingCardsToResults`):
    /// `None` when none matches, `Some(None)` when one matches but the number is
    /// shorter than the pattern.
    fn match_strength(&self, number: &str, number_length: usize) -> Option<Option<usize>> {
        let pattern = self
            .patterns
            .iter()
            .find(|pattern| pattern.matches(number))?;
        let strength = pattern.strength();
        Some((number_length >= strength).then_some(strength))
    }
}

/// One card type a number may be: its position in the registry's test order
/// and, once the number is as long as the matching pattern, `matchStrength`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// Index into [`Registry::order`].
    pub position: usize,
    /// `matchStrength` when the result has one.
    pub match_strength: Option<usize>,
}

/// Why a change to the card types was refused; the JavaScript messages are
/// in [`RegistryError::message_parts`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistryError {
    /// `removeCard`/`changeOrder` of a name not in the test order.
    NotSupported,
    /// `updateCard` of a type that does not exist.
    NotRecognized,
    /// `updateCard` with a different `type`.
    CannotOverwriteType,
}

impl RegistryError {
    /// The text around the card type's name in credit-card-type's error
    /// message: `before + name + after`.
    ///
    /// ```
    /// use kassa_card::compat::RegistryError;
    /// assert_eq!(RegistryError::NotSupported.message_parts(), ("\"", "\" is not a supported card type."));
    /// ```
    pub fn message_parts(self) -> (&'static str, &'static str) {
        match self {
            RegistryError::NotSupported => ("\"", "\" is not a supported card type."),
            // The stray quote at the end is credit-card-type's own.
            RegistryError::NotRecognized => {
                ("\"", "\" is not a recognized type. Use `addCard` instead.'")
            }
            RegistryError::CannotOverwriteType => ("", "Cannot overwrite type parameter."),
        }
    }

    /// credit-card-type's error message about the card type `name`.
    ///
    /// ```
    /// use kassa_card::compat::RegistryError;
    /// assert_eq!(RegistryError::NotSupported.message("acme"), "\"acme\" is not a supported card type.");
    /// assert_eq!(RegistryError::CannotOverwriteType.message("acme"), "Cannot overwrite type parameter.");
    /// ```
    pub fn message(self, name: &str) -> alloc::string::String {
        let (before, after) = self.message_parts();
        if before.is_empty() {
            return after.into();
        }
        [before, name, after].concat()
    }
}

/// The changes `updateCard` can make (fields left `None` are kept).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardUpdate {
    /// `type`, which must equal the current one when given.
    pub type_name: Option<Cow<'static, str>>,
    /// `niceType`.
    pub nice_type: Option<Cow<'static, str>>,
    /// `patterns`.
    pub patterns: Option<Vec<Pattern>>,
    /// `gaps`.
    pub gaps: Option<Vec<u32>>,
    /// `lengths`.
    pub lengths: Option<Vec<u32>>,
    /// `code.name` and `code.size`.
    pub code: Option<(Cow<'static, str>, u32)>,
}

/// Where a name in the test order finds its configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Default(usize),
    Custom(usize),
}

/// credit-card-type's module state: the test order and the custom cards
/// (`addCard`, `updateCard`, `removeCard`, `changeOrder`,
/// `resetModifications`), with detection over it. See `dist/index.js`.
#[derive(Clone, Debug)]
pub struct Registry {
    /// [`default_cards`], read once.
    defaults: Vec<CardType>,
    custom: Vec<CardType>,
    order: Vec<Cow<'static, str>>,
    resolved: Vec<Source>,
    /// Rebuilt by every change; `None` only for tables too large to index.
    index: Option<index::PrefixIndex>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    /// The 15 default card types in their original order.
    pub fn new() -> Registry {
        let defaults = default_cards();
        let mut registry = Registry {
            order: defaults.iter().map(|card| card.type_name.clone()).collect(),
            defaults,
            custom: Vec::new(),
            resolved: Vec::new(),
            index: None,
        };
        registry.resolve();
        registry
    }

    fn resolve(&mut self) {
        let (custom, defaults) = (&self.custom, &self.defaults);
        self.resolved = self
            .order
            .iter()
            .filter_map(|name| {
                if let Some(index) = custom.iter().position(|card| card.type_name == *name) {
                    Some(Source::Custom(index))
                } else {
                    defaults
                        .iter()
                        .position(|card| card.type_name == *name)
                        .map(Source::Default)
                }
            })
            .collect();
        let patterns: Vec<&[Pattern]> = (0..self.resolved.len())
            .filter_map(|position| self.card(position).map(CardType::patterns))
            .collect();
        self.index = index::PrefixIndex::build(patterns.iter().copied());
    }

    /// Calls `found` with each card type that matches `number` (not empty),
    /// in test order, as `addMatchingCardsToResults` finds them: the strength
    /// is that of the card's first matching pattern.
    fn each_match(&self, number: &str, mut found: impl FnMut(Match)) {
        let length = js::length(number);
        let digits = number.as_bytes();
        if let Some(index) = &self.index
            && js::all_digits(number)
        {
            // Only the patterns the first digits allow, still in test order.
            let mut last = None;
            for candidate in index.candidates(digits) {
                let position = usize::from(candidate.position);
                if last == Some(position) {
                    continue;
                }
                let Some(pattern) = self
                    .card(position)
                    .and_then(|card| card.patterns.get(usize::from(candidate.pattern)))
                else {
                    continue;
                };
                if pattern.matches_known_digits(digits) {
                    last = Some(position);
                    let strength = pattern.strength();
                    found(Match {
                        position,
                        match_strength: (length >= strength).then_some(strength),
                    });
                }
            }
            return;
        }
        for position in 0..self.resolved.len() {
            if let Some(card) = self.card(position)
                && let Some(match_strength) = card.match_strength(number, length)
            {
                found(Match {
                    position,
                    match_strength,
                });
            }
        }
    }

    /// The type names in test order.
    pub fn order(&self) -> &[Cow<'static, str>] {
        &self.order
    }

    /// The configuration at `position` in the test order.
    pub fn card(&self, position: usize) -> Option<&CardType> {
        Some(match *self.resolved.get(position)? {
            Source::Default(index) => self.defaults.get(index)?,
            Source::Custom(index) => &self.custom[index],
        })
    }

    /// `findType`: a custom card first, then a default one (`getTypeInfo`).
    pub fn find_type(&self, type_name: &str) -> Option<&CardType> {
        self.custom
            .iter()
            .find(|card| card.type_name == type_name)
            .or_else(|| {
                self.defaults
                    .iter()
                    .find(|card| card.type_name == type_name)
            })
    }

    /// `creditCardType(cardNumber)`: every card type the number may be, or
    /// only the best when every candidate has a match strength; all of them
    /// for an empty string.
    ///
    /// ```
    /// use kassa_card::compat::Registry;
    /// let registry = Registry::new();
    /// let names = |n| registry.card_types(n).iter().map(|m| registry.order()[m.position].to_string()).collect::<Vec<_>>();
    /// assert_eq!(names("4111"), ["visa"]);
    /// assert_eq!(names("6"), ["discover", "troy", "unionpay", "maestro", "elo", "hiper", "hipercard"]);
    /// assert_eq!(names("5"), ["mastercard", "naranja", "verve", "maestro", "elo"]);
    /// ```
    pub fn card_types(&self, number: &str) -> Vec<Match> {
        if number.is_empty() {
            return (0..self.resolved.len())
                .map(|position| Match {
                    position,
                    match_strength: None,
                })
                .collect();
        }
        let mut results = Vec::new();
        self.each_match(number, |found| results.push(found));
        match best_match(results.iter().copied()) {
            Some(best) => alloc::vec![best],
            None => results,
        }
    }

    /// What `creditCardType` would return when it is one card, without
    /// allocating: `Ok(Some(match))` for one, `Ok(None)` for none, `Err(())`
    /// for several.
    fn single_card_type(&self, number: &str) -> Result<Option<Match>, ()> {
        if number.is_empty() {
            return match self.resolved.len() {
                0 => Ok(None),
                1 => Ok(Some(Match {
                    position: 0,
                    match_strength: None,
                })),
                _ => Err(()),
            };
        }
        let mut count = 0;
        let mut strong = 0;
        let mut first = None;
        let mut best: Option<Match> = None;
        self.each_match(number, |found| {
            count += 1;
            first.get_or_insert(found);
            if found.match_strength.is_some_and(|strength| strength > 0) {
                strong += 1;
            }
            best = Some(match best {
                Some(current) if strength(current) >= strength(found) => current,
                _ => found,
            });
        });
        if strong > 0 && strong == count {
            return Ok(best);
        }
        match count {
            0 => Ok(None),
            1 => Ok(first),
            _ => Err(()),
        }
    }

    /// `removeCard(name)`.
    ///
    /// # Errors
    /// [`RegistryError::NotSupported`] when `name` is not in the test order.
    pub fn remove_card(&mut self, name: &str) -> Result<(), RegistryError> {
        let position = self.position(name)?;
        self.order.remove(position);
        self.resolve();
        Ok(())
    }

    fn position(&self, name: &str) -> Result<usize, RegistryError> {
        self.order
            .iter()
            .position(|entry| entry == name)
            .ok_or(RegistryError::NotSupported)
    }

    /// `addCard(config)`: adds a card type, or replaces the configuration of
    /// one with the same `type` (keeping its place in the order).
    pub fn add_card(&mut self, card: CardType) {
        if !self.order.contains(&card.type_name) {
            self.order.push(card.type_name.clone());
        }
        match self
            .custom
            .iter_mut()
            .find(|existing| existing.type_name == card.type_name)
        {
            Some(existing) => *existing = card,
            None => self.custom.push(card),
        }
        self.resolve();
    }

    /// `updateCard(cardType, updates)`. Like credit-card-type, it does not put
    /// a removed card back in the order.
    ///
    /// # Errors
    /// [`RegistryError::NotRecognized`] for an unknown type,
    /// [`RegistryError::CannotOverwriteType`] when `updates` renames it.
    pub fn update_card(
        &mut self,
        type_name: &str,
        update: CardUpdate,
    ) -> Result<(), RegistryError> {
        let mut card = self
            .find_type(type_name)
            .ok_or(RegistryError::NotRecognized)?
            .clone();
        if let Some(new_name) = &update.type_name
            && !new_name.is_empty()
            && *new_name != card.type_name
        {
            return Err(RegistryError::CannotOverwriteType);
        }
        if let Some(nice_type) = update.nice_type {
            card.nice_type = nice_type;
        }
        if let Some(patterns) = update.patterns {
            card.patterns = patterns.into();
        }
        if let Some(gaps) = update.gaps {
            card.gaps = gaps.into();
        }
        if let Some(lengths) = update.lengths {
            card.lengths = lengths.into();
        }
        if let Some((name, size)) = update.code {
            card.code_name = name;
            card.code_size = size;
        }
        match self
            .custom
            .iter_mut()
            .find(|existing| existing.type_name == card.type_name)
        {
            Some(existing) => *existing = card,
            None => self.custom.push(card),
        }
        self.resolve();
        Ok(())
    }

    /// `changeOrder(name, position)`, with `Array.prototype.splice`'s reading
    /// of `position` (negative counts from the end).
    ///
    /// # Errors
    /// [`RegistryError::NotSupported`] when `name` is not in the test order.
    pub fn change_order(&mut self, name: &str, position: f64) -> Result<(), RegistryError> {
        let current = self.position(name)?;
        let entry = self.order.remove(current);
        // ToIntegerOrInfinity: NaN is 0, fractions are cut (`as` saturates).
        let position = position as i64;
        let length = self.order.len() as i64;
        let start = if position < 0 {
            (length + position).max(0)
        } else {
            position.min(length)
        };
        self.order.insert(start as usize, entry);
        self.resolve();
        Ok(())
    }

    /// `resetModifications()`.
    pub fn reset(&mut self) {
        *self = Registry::new();
    }

    /// card-validator's `number(value, options)` (`dist/card-number.js`) for
    /// a string value (`String(value)` of a number).
    ///
    /// ```
    /// use kassa_card::compat::{NumberOptions, Registry};
    /// let registry = Registry::new();
    /// let typing = registry.number("4111 1111", &NumberOptions::default());
    /// assert!(typing.is_potentially_valid && !typing.is_valid);
    /// let ambiguous = registry.number("5", &NumberOptions::default());
    /// assert!(ambiguous.card.is_none() && ambiguous.is_potentially_valid);
    /// assert!(!registry.number("4111x", &NumberOptions::default()).is_potentially_valid);
    /// ```
    pub fn number(&self, value: &str, options: &NumberOptions) -> NumberVerification {
        let invalid = NumberVerification {
            card: None,
            is_potentially_valid: false,
            is_valid: false,
        };
        // String(value).replace(/-|\s/g, "")
        let cleaned: Cow<'_, str> = if value.bytes().all(|byte| byte.is_ascii_digit()) {
            Cow::Borrowed(value)
        } else {
            Cow::Owned(
                value
                    .chars()
                    .filter(|&c| c != '-' && !js::is_space(c))
                    .collect(),
            )
        };
        if !js::all_digits(&cleaned) {
            return invalid;
        }
        let card = match self.single_card_type(&cleaned) {
            Ok(Some(card)) => card,
            Ok(None) => return invalid,
            Err(()) => {
                return NumberVerification {
                    card: None,
                    is_potentially_valid: true,
                    is_valid: false,
                };
            }
        };
        let Some(config) = self.card(card.position) else {
            return invalid;
        };
        let length = cleaned.len() as f64;
        if let Some(max) = options.max_length
            && length > max
        {
            return NumberVerification {
                card: Some(card),
                is_potentially_valid: false,
                is_valid: false,
            };
        }
        let is_valid = options.skip_luhn_validation
            || (config.type_name == "unionpay" && !options.luhn_validate_union_pay)
            || luhn10(&cleaned);
        // Math.max.apply(null, lengths), then Math.min(options.maxLength, …)
        let mut max_length = config
            .lengths
            .iter()
            .map(|&length| f64::from(length))
            .fold(f64::NEG_INFINITY, f64::max);
        if let Some(max) = options.max_length {
            max_length = max.min(max_length);
        }
        if config.lengths.iter().any(|&l| f64::from(l) == length) {
            return NumberVerification {
                card: Some(card),
                is_potentially_valid: length < max_length || is_valid,
                is_valid,
            };
        }
        NumberVerification {
            card: Some(card),
            is_potentially_valid: length < max_length,
            is_valid: false,
        }
    }
}

/// The value of 1 to 19 ASCII digits; `None` for anything else.
fn unsigned(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        digits
            .iter()
            .fold(0, |value, &digit| value * 10 + u64::from(digit - b'0')),
    )
}

fn strength(found: Match) -> f64 {
    // Number(undefined) is NaN: every comparison with it is false.
    found
        .match_strength
        .map_or(f64::NAN, |strength| strength as f64)
}

/// `findBestMatch` of `lib/find-best-match.js`.
fn best_match(results: impl Iterator<Item = Match> + Clone) -> Option<Match> {
    let count = results.clone().count();
    let strong = results
        .clone()
        .filter(|found| found.match_strength.is_some_and(|strength| strength > 0))
        .count();
    if strong == 0 || strong != count {
        return None;
    }
    results.reduce(|best, found| {
        if strength(best) < strength(found) {
            found
        } else {
            best
        }
    })
}

/// The options of card-validator's `number()`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NumberOptions {
    /// `maxLength` when truthy.
    pub max_length: Option<f64>,
    /// `skipLuhnValidation === true`.
    pub skip_luhn_validation: bool,
    /// `luhnValidateUnionPay === true`.
    pub luhn_validate_union_pay: bool,
}

/// The result of card-validator's `number()`: `card` is the matched type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberVerification {
    /// The card type, when there is exactly one candidate.
    pub card: Option<Match>,
    /// `isPotentiallyValid`.
    pub is_potentially_valid: bool,
    /// `isValid`.
    pub is_valid: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn names(registry: &Registry, number: &str) -> Vec<alloc::string::String> {
        registry
            .card_types(number)
            .iter()
            .map(|found| registry.order()[found.position].to_string())
            .collect()
    }

    #[test]
    fn the_best_match_wins_once_every_candidate_is_long_enough() {
        let registry = Registry::new();
        assert_eq!(names(&registry, "6011"), ["discover"]);
        assert_eq!(names(&registry, "4011780000"), ["elo"]);
        assert_eq!(names(&registry, "").len(), 15);
    }

    #[test]
    fn single_card_type_agrees_with_card_types() {
        let registry = Registry::new();
        for number in [
            "", "4", "5", "6", "62", "6011", "9", "1", "220", "2200", "x", "50617",
        ] {
            let all = registry.card_types(number);
            let single = registry.single_card_type(number);
            match all.len() {
                0 => assert_eq!(single, Ok(None), "{number}"),
                1 => assert_eq!(single, Ok(Some(all[0])), "{number}"),
                _ => assert_eq!(single, Err(()), "{number}"),
            }
        }
    }

    #[test]
    fn modifications_change_detection_and_reset_restores_it() {
        let mut registry = Registry::new();
        registry.remove_card("visa").unwrap();
        assert!(names(&registry, "4111").is_empty());
        registry.add_card(CardType::new(
            "acme",
            "Acme",
            alloc::vec![Pattern::Prefix("41".into())],
            alloc::vec![4],
            alloc::vec![16],
            "CVV",
            3,
        ));
        assert_eq!(names(&registry, "4111"), ["acme"]);
        assert_eq!(
            registry.update_card("nope", CardUpdate::default()),
            Err(RegistryError::NotRecognized)
        );
        registry.change_order("acme", 0.0).unwrap();
        assert_eq!(registry.order()[0], "acme");
        registry.reset();
        assert_eq!(names(&registry, "4111"), ["visa"]);
    }

    /// Every number of one to four digits and a spread of longer ones, with
    /// and without the prefix index.
    fn assert_index_agrees_with_a_full_scan(registry: &Registry) {
        let mut scan = registry.clone();
        scan.index = None;
        let mut numbers: Vec<alloc::string::String> = Vec::new();
        for length in 1..=4 {
            for value in 0..10_u32.pow(length) {
                numbers.push(alloc::format!("{value:0width$}", width = length as usize));
            }
        }
        for value in (0..1_000_000_u32).step_by(1999) {
            numbers.push(alloc::format!("{value:06}"));
            numbers.push(alloc::format!("{value:06}1234567890"));
        }
        for number in &numbers {
            assert_eq!(
                registry.card_types(number),
                scan.card_types(number),
                "{number}"
            );
            assert_eq!(
                registry.single_card_type(number),
                scan.single_card_type(number),
                "{number}"
            );
        }
    }

    #[test]
    fn the_prefix_index_finds_what_a_full_scan_finds() {
        let mut registry = Registry::new();
        assert!(registry.index.is_some());
        assert_index_agrees_with_a_full_scan(&registry);
        registry.add_card(CardType::new(
            "odd",
            "Odd",
            alloc::vec![
                Pattern::Range("1000".into(), "99".into()),
                Pattern::Range("0".into(), "12".into()),
                Pattern::Prefix("".into()),
                Pattern::Prefix("x7".into()),
                Pattern::Range("4a".into(), "49".into()),
                Pattern::Range("62212600".into(), "62212699".into()),
            ],
            alloc::vec![4],
            alloc::vec![16],
            "CVV",
            3,
        ));
        registry.change_order("odd", 2.0).unwrap();
        registry.remove_card("mastercard").unwrap();
        assert_index_agrees_with_a_full_scan(&registry);
    }

    #[test]
    fn union_pay_skips_luhn_unless_asked() {
        let registry = Registry::new();
        let number = "6212345678901234";
        assert!(registry.number(number, &NumberOptions::default()).is_valid);
        let strict = NumberOptions {
            luhn_validate_union_pay: true,
            ..NumberOptions::default()
        };
        assert!(!registry.number(number, &strict).is_valid);
    }
}
