//! The page's words, in the one language the server chose.
//!
//! The tables of every language live in [`kassa_api::words`], shared with
//! the server, which writes one language's words and kassa-card's messages
//! into the page as `<script type="application/json" id="kassa-words">`
//! ([`kassa_api::words::page_words_json`]). The page reads that block once:
//! its WebAssembly carries no text of any language (23 KB of strings in
//! five languages before), and the CSP allows the block because it is data,
//! not script.

use std::cell::Cell;

use kassa_card::ErrorCode;
use wasm_bindgen::JsValue;

use crate::wire::{self, Fields};

pub use kassa_api::words::{Lang, Texts, fill};

/// The id of the element holding the words.
pub const WORDS_ELEMENT_ID: &str = "kassa-words";

/// One language's words, as the page got them.
#[derive(Debug)]
pub struct Words {
    /// The language the server chose.
    pub lang: Lang,
    /// The page's own words.
    pub texts: Texts,
    /// kassa-card's message for each code, in [`ErrorCode::ALL`]'s order.
    messages: Vec<&'static str>,
}

impl Words {
    /// The words of a JSON text in [`kassa_api::words::page_words_json`]'s
    /// shape; `None` when it is not that.
    pub fn parse(json: &str) -> Option<Words> {
        wire::parse(json, Words::read)
    }

    fn read(value: JsValue) -> Option<Words> {
        let block = Fields::of(value)?;
        let strings = |key: &str| -> Option<Vec<&'static str>> {
            // Leaked on purpose: read once per page load, kept for its life.
            Some(
                block
                    .array(key)?
                    .into_iter()
                    .map(|text| &*text.as_string().unwrap_or_default().leak())
                    .collect(),
            )
        };
        Some(Words {
            lang: Lang::from_tag(&block.string("lang")?)?,
            texts: Texts::from_list(strings("texts")?.into_iter()),
            messages: strings("messages")?,
        })
    }

    /// kassa-card's message for `code`.
    pub fn message(&self, code: ErrorCode) -> &'static str {
        ErrorCode::ALL
            .iter()
            .position(|known| *known == code)
            .and_then(|index| self.messages.get(index))
            .copied()
            .unwrap_or_default()
    }
}

thread_local! {
    static INSTALLED: Cell<Option<&'static Words>> = const { Cell::new(None) };
}

/// Makes `json` the page's words (the component tests switch languages
/// this way); `false`, and nothing changed, when it is not words.
pub fn install(json: &str) -> bool {
    match Words::parse(json) {
        Some(words) => {
            INSTALLED.with(|installed| installed.set(Some(Box::leak(Box::new(words)))));
            true
        }
        None => false,
    }
}

/// The page's words: read from the page's `#kassa-words` block the first
/// time. A page served without it (not by kassa-server) shows empty labels
/// in English layout rather than fail.
pub fn words() -> &'static Words {
    if let Some(words) = INSTALLED.with(Cell::get) {
        return words;
    }
    let json = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(WORDS_ELEMENT_ID))
        .and_then(|element| element.text_content())
        .unwrap_or_default();
    let words: &'static Words = Box::leak(Box::new(Words::parse(&json).unwrap_or(Words {
        lang: Lang::En,
        texts: Texts::from_list(std::iter::empty()),
        messages: Vec::new(),
    })));
    INSTALLED.with(|installed| installed.set(Some(words)));
    words
}

/// `number` in decimal, zero-padded to at least `width` digits.
///
/// By hand, like `browser::random_id`'s hex: one `format!` or `to_string`
/// keeps `core::fmt`'s machinery (padding, integer tables) in the module.
///
/// ```
/// use kassa_checkout::i18n::decimal;
/// assert_eq!(decimal(7, 2), "07");
/// assert_eq!(decimal(1234, 1), "1234");
/// assert_eq!(decimal(0, 1), "0");
/// ```
pub fn decimal(mut number: u64, width: usize) -> String {
    let mut digits = Vec::new();
    while number > 0 || digits.len() < width.max(1) {
        digits.push(b'0' + (number % 10) as u8);
        number /= 10;
    }
    digits
        .iter()
        .rev()
        .map(|&digit| char::from(digit))
        .collect()
}

/// The page's words: shorthand for `&words().texts`.
pub fn texts() -> &'static Texts {
    &words().texts
}
