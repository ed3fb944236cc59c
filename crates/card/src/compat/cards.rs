//! credit-card-type's brand table, copied as data.
//!
//! Source: the npm package `credit-card-type` 10.3.0 (the version
//! `card-validator@10.0.4` resolves to through its `^10.1.0` range), file
//! `dist/lib/card-types.js`, and the test order `ORIGINAL_TEST_ORDER` and the
//! `types` names of `dist/index.js`. MIT licensed, © Braintree. Patterns are
//! kept as the decimal strings that `String(pattern)` gives in JavaScript,
//! because the matching rules work on those strings.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use super::{CardType, Pattern};

/// `creditCardType.types`: the constant names, in `ORIGINAL_TEST_ORDER`
/// (`VISA` → `"visa"`, …).
pub const TYPE_NAMES: &[(&str, &str)] = &[
    ("VISA", "visa"),
    ("MASTERCARD", "mastercard"),
    ("AMERICAN_EXPRESS", "american-express"),
    ("DINERS_CLUB", "diners-club"),
    ("DISCOVER", "discover"),
    ("TROY", "troy"),
    ("JCB", "jcb"),
    ("UNIONPAY", "unionpay"),
    ("NARANJA", "naranja"),
    ("VERVE", "verve"),
    ("MAESTRO", "maestro"),
    ("ELO", "elo"),
    ("MIR", "mir"),
    ("HIPER", "hiper"),
    ("HIPERCARD", "hipercard"),
];

/// credit-card-type's 15 card types in `ORIGINAL_TEST_ORDER` (the order
/// detection tries them in), one line each:
/// `type|niceType|patterns|gaps|lengths|code.name|code.size`, lists separated
/// by spaces and a range pattern written `min-max`.
///
/// Text rather than a table of [`CardType`] values: 161 patterns as Rust
/// values are 24 bytes of pointers and lengths each, several times the
/// digits they point to, in every WebAssembly module that carries them.
const TABLE: &str = "\
    visa|Visa|4|4 8 12|16 18 19|CVV|3\n\
    mastercard|Mastercard|51-55 2221-2229 223-229 23-26 270-271 2720|4 8 12|16|CVC|3\n\
    american-express|American Express|34 37|4 10|15|CID|4\n\
    diners-club|Diners Club|300-305 36 38 39|4 10|14 16 19|CVV|3\n\
    discover|Discover|6011 644-649 65|4 8 12|16 19|CID|3\n\
    troy|Troy|9792 650052 650082-650083 650092 650161 650170 650173 650175 650268 650271 \
    650273-650274 650456-650457 650836 650846-650850 650923 650987 650990 654997 657366 \
    657998 658758 658767-658768 65083700-65083704 65085800-65085804 65085900-65085901 \
    65086000 65086100-65086105 65086200-65086203 65875000-65875003 65875009 \
    65875101-65875104 65875200 65875501 65875601 65875900 65876000-65876002 \
    65876100-65876103 65876110 65876115-65876116 65876200-65876201 65876500 \
    65876504-65876505 65876600-65876602 65877100-65877101 65877600-65877602 65877700 \
    65877801-65877802 65878200-65878202 65878300-65878311 65878400-65878405 \
    65878500-65878505 65878600-65878601 65879800 65880800 65880900|4 8 12|16|CVV|3\n\
    jcb|JCB|2131 1800 3528-3589|4 8 12|16 17 18 19|CVV|3\n\
    unionpay|UnionPay|620 62100-62182 62184-62187 62185-62197 62200-62205 622010-622999 \
    622018 62207-62209 623-626 6270 6272 6276 627700-627779 627781-627799 6282-6289 6291 \
    6292 810 8110-8131 8132-8151 8152-8163 8164-8171|4 8 12|14 15 16 17 18 19|CVN|3\n\
    naranja|Naranja|589562 402918 527572|4 8 12|16|CVV|3\n\
    verve|Verve|506099-506127 506129 506133-506150 506158-506163 506166 506168 506170 506173 \
    506176-506180 506184 506187-506188 506191 506195 506197 507865 507866 507868-507877 \
    507880-507888 507900 507941|4 8 12|16 18 19|CVV|3\n\
    maestro|Maestro|493698 500000-504174 504176-506698 506779-508999 56-59 63 67 6|4 8 12|12 \
    13 14 15 16 17 18 19|CVC|3\n\
    elo|Elo|401178 401179 438935 457631 457632 431274 451416 457393 504175 506699-506778 \
    509000-509999 627780 636297 636368 650031-650033 650035-650051 650405-650439 \
    650485-650538 650541-650598 650700-650718 650720-650727 650901-650978 651652-651679 \
    655000-655019 655021-655058|4 8 12|16|CVE|3\n\
    mir|Mir|2200-2204|4 8 12|16 17 18 19|CVP2|3\n\
    hiper|Hiper|637095 63737423 63743358 637568 637599 637609 637612|4 8 12|16|CVC|3\n\
    hipercard|Hipercard|606282|4 8 12|16|CVC|3";

/// credit-card-type's 15 default card types, in `ORIGINAL_TEST_ORDER`.
///
/// ```
/// let cards = kassa_card::compat::default_cards();
/// assert_eq!(cards.len(), 15);
/// assert_eq!(cards[2].type_name(), "american-express");
/// assert_eq!(cards[2].gaps(), [4, 10]);
/// assert_eq!(cards[2].code_size(), 4);
/// ```
pub fn default_cards() -> Vec<CardType> {
    pieces(TABLE, b'\n').map(card).collect()
}

/// One line of [`TABLE`].
fn card(line: &'static str) -> CardType {
    let mut fields = pieces(line, b'|');
    let mut field = move || fields.next().unwrap_or_default();
    let (type_name, nice_type, patterns) = (field(), field(), field());
    let (gaps, lengths, code_name) = (field(), field(), field());
    CardType {
        type_name: Cow::Borrowed(type_name),
        nice_type: Cow::Borrowed(nice_type),
        patterns: pieces(patterns, b' ')
            .map(|pattern| {
                let mut bounds = pieces(pattern, b'-');
                match (bounds.next(), bounds.next()) {
                    (Some(min), Some(max)) => {
                        Pattern::Range(Cow::Borrowed(min), Cow::Borrowed(max))
                    }
                    _ => Pattern::Prefix(Cow::Borrowed(pattern)),
                }
            })
            .collect(),
        gaps: numbers(gaps).collect(),
        lengths: numbers(lengths).collect(),
        code_name: Cow::Borrowed(code_name),
        code_size: numbers(field()).next().unwrap_or_default(),
    }
}

/// The numbers of a space-separated list of decimal digits (the table's
/// are small: gaps, lengths and code sizes).
fn numbers(list: &str) -> impl Iterator<Item = u32> + '_ {
    pieces(list, b' ').map(|number| {
        super::unsigned(number.as_bytes())
            .and_then(|value| u32::try_from(value).ok())
            .unwrap_or_default()
    })
}

/// `text` cut at each `separator`, an ASCII byte: `str::split` with its
/// general pattern search is over a kilobyte of WebAssembly more.
fn pieces(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|byte| byte == separator) {
            Some(at) => {
                rest = text.get(at + 1..);
                text.get(..at)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line break in the wrong place of [`TABLE`] would join two patterns
    /// (`650271650273-650274`) or split a field; credit-card-type's patterns
    /// are 1 to 8 digits, ranges of bounds of one length.
    #[test]
    fn the_table_reads_as_credit_card_types_cards() {
        let cards = default_cards();
        let names: Vec<&str> = cards.iter().map(CardType::type_name).collect();
        let expected: Vec<&str> = TYPE_NAMES.iter().map(|&(_, name)| name).collect();
        assert_eq!(names, expected);
        let patterns: usize = cards.iter().map(|card| card.patterns().len()).sum();
        assert_eq!(patterns, 161);
        let digits =
            |text: &str| (1..=8).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
        for card in &cards {
            for pattern in card.patterns() {
                match pattern {
                    Pattern::Prefix(prefix) => assert!(digits(prefix), "{prefix}"),
                    Pattern::Range(min, max) => {
                        assert!(
                            digits(min) && digits(max) && min.len() == max.len() && min <= max,
                            "{min}-{max}"
                        );
                    }
                }
            }
            assert!(
                card.lengths()
                    .iter()
                    .all(|length| (12..=19).contains(length))
            );
            assert!([3, 4].contains(&card.code_size()));
            assert!(card.code_name().starts_with('C'));
        }
        let mastercard = &cards[1];
        assert_eq!(mastercard.nice_type(), "Mastercard");
        assert_eq!(
            mastercard.patterns()[1],
            Pattern::Range("2221".into(), "2229".into())
        );
        assert_eq!(mastercard.gaps(), [4, 8, 12]);
        assert_eq!(cards[10].lengths(), [12, 13, 14, 15, 16, 17, 18, 19]);
    }
}
