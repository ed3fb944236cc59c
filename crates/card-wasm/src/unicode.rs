//! The JavaScript engine's Unicode tables for kassa-card's name rules.
//!
//! The rules ask two Unicode properties of a non-ASCII character (see
//! [`kassa_card::UnicodeProperties`]). Rust's tables for them are 2 KB
//! gzipped of the card module; every JavaScript engine already holds the same
//! properties of the same standard behind `\p{…}` in regular expressions. So
//! the card module asks the engine. The two agree on every code point when
//! the engine's Unicode version is Rust's (a browser test checks all of them);
//! an older engine does not yet know the letters of scripts added since,
//! which it then refuses in a name.

use core::cell::OnceCell;

use js_sys::RegExp;
use kassa_card::UnicodeProperties;

/// Unicode properties read through the engine's regular expressions, compiled
/// on the first non-ASCII character.
///
/// ```no_run
/// use kassa_card::CardholderName;
/// use kassa_card_wasm::unicode::EngineUnicode;
///
/// assert!(CardholderName::parse_with("ישראל ישראלי", &EngineUnicode::default()).is_ok());
/// ```
#[derive(Debug, Default)]
pub struct EngineUnicode {
    /// `[Alphabetic, Alphabetic or N]`.
    expressions: OnceCell<[RegExp; 2]>,
}

impl EngineUnicode {
    fn test(&self, which: usize, character: char) -> bool {
        let expressions = self.expressions.get_or_init(|| {
            [
                RegExp::new(r"^\p{Alphabetic}$", "u"),
                RegExp::new(r"^[\p{Alphabetic}\p{N}]$", "u"),
            ]
        });
        let mut buffer = [0; 4];
        expressions[which].test(character.encode_utf8(&mut buffer))
    }
}

impl UnicodeProperties for EngineUnicode {
    fn is_alphabetic(&self, character: char) -> bool {
        self.test(0, character)
    }

    fn is_alphanumeric(&self, character: char) -> bool {
        self.test(1, character)
    }
}
