//! A tiny pattern language for postal codes, written by hand because a regex
//! engine would triple the WebAssembly module the checkout page downloads.
//!
//! On input that [`normalize`] has trimmed, upper-cased and whose spaces it
//! has collapsed: `#` is a digit, `@` a letter, `*` a letter or digit, ` ` an
//! optional space and `-` an optional hyphen or space (both shown in the
//! canonical form); any other character must appear as written.

/// Trims, upper-cases ASCII letters and collapses runs of whitespace.
pub(super) fn normalize(text: &str) -> alloc::string::String {
    let mut out = alloc::string::String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|character| character.to_ascii_uppercase()));
    }
    out
}

/// The canonical form of `input` when it matches `pattern`.
pub(super) fn canonical(pattern: &str, input: &str) -> Option<alloc::string::String> {
    let input = input.as_bytes();
    let mut out = alloc::string::String::with_capacity(pattern.len());
    let mut at = 0;
    for symbol in pattern.bytes() {
        let next = input.get(at).copied();
        match symbol {
            // An optional separator; a hyphen may also be typed as a space
            // ("94103 1234"), the canonical form shows the hyphen.
            b' ' | b'-' => {
                if next == Some(symbol) || (symbol == b'-' && next == Some(b' ')) {
                    at += 1;
                }
                out.push(char::from(symbol));
            }
            b'#' | b'@' | b'*' => {
                let byte = next?;
                let fits = match symbol {
                    b'#' => byte.is_ascii_digit(),
                    b'@' => byte.is_ascii_uppercase(),
                    _ => byte.is_ascii_digit() || byte.is_ascii_uppercase(),
                };
                if !fits {
                    return None;
                }
                out.push(char::from(byte));
                at += 1;
            }
            literal => {
                if next != Some(literal) {
                    return None;
                }
                out.push(char::from(literal));
                at += 1;
            }
        }
    }
    (at == input.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_separators_are_added_in_canonical_form() {
        assert_eq!(
            canonical("#####-####", "941031234").as_deref(),
            Some("94103-1234")
        );
        assert_eq!(canonical("@#@ #@#", "K1A0B1").as_deref(), Some("K1A 0B1"));
        assert_eq!(canonical("GIR 0AA", "GIR 0AA").as_deref(), Some("GIR 0AA"));
        assert_eq!(canonical("#####", "9410"), None);
        assert_eq!(canonical("#####", "941033"), None);
        assert_eq!(normalize("  sw1a \t 1aa "), "SW1A 1AA");
    }
}
