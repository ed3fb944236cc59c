//! Stripe's parameters as they travel: `application/x-www-form-urlencoded`
//! pairs (in a POST body or a GET query) whose keys nest with brackets
//! (`payment_method_data[card][number]`, `expand[]`, `metadata[key]`), and
//! the answers Stripe gives to parameters it cannot take.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::error::StripeError;

/// The decoded pairs of one request, in the order they came.
#[derive(Debug)]
pub(super) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes `a=1&b%5Bc%5D=x+y`. Stripe refuses a body it cannot decode.
    pub(super) fn parse(text: &str) -> Result<Params, StripeError> {
        let mut pairs = Vec::new();
        for piece in text.split('&').filter(|piece| !piece.is_empty()) {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            let (Some(key), Some(value)) = (decode(key), decode(value)) else {
                return Err(StripeError::invalid_request(
                    "Invalid request: the parameters could not be decoded as application/x-www-form-urlencoded.",
                    None,
                    None,
                ));
            };
            pairs.push((key, value));
        }
        Ok(Params { pairs })
    }

    /// No parameters at all.
    pub(super) fn empty() -> Params {
        Params { pairs: Vec::new() }
    }

    /// The value of `key` (the last one, when a key comes twice).
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Whether any key is `prefix` or starts with `prefix[`.
    pub(super) fn has_prefix(&self, prefix: &str) -> bool {
        self.pairs.iter().any(|(name, _)| {
            name == prefix
                || name
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('['))
        })
    }

    /// The items of the list `name`, sent as `name[]=…` or `name[0]=…`, in
    /// index order.
    pub(super) fn list(&self, name: &str) -> Vec<&str> {
        let mut indexed: Vec<(usize, usize, &str)> = Vec::new();
        for (position, (key, value)) in self.pairs.iter().enumerate() {
            let Some(rest) = key.strip_prefix(name) else {
                continue;
            };
            if rest == "[]" {
                indexed.push((usize::MAX, position, value));
            } else if let Some(index) = rest
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|index| index.parse::<usize>().ok())
            {
                indexed.push((index, position, value));
            }
        }
        indexed.sort_by_key(|(index, position, _)| (*index, *position));
        indexed.into_iter().map(|(_, _, value)| value).collect()
    }

    /// The entries of the hash `name` (`metadata[key]=value`).
    pub(super) fn hash(&self, name: &str) -> BTreeMap<String, String> {
        let mut entries = BTreeMap::new();
        for (key, value) in &self.pairs {
            if let Some(inner) = key
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('['))
                .and_then(|rest| rest.strip_suffix(']'))
            {
                entries.insert(inner.to_owned(), value.clone());
            }
        }
        entries
    }

    /// Refuses the first key whose shape is not in `allowed`, as Stripe
    /// does: `400 parameter_unknown`. A shape writes list indexes as `[]`
    /// and any key inside a `metadata` hash as `[*]`.
    pub(super) fn check_known(&self, allowed: &[&str]) -> Result<(), StripeError> {
        for (key, _) in &self.pairs {
            if !allowed.contains(&shape(key).as_str()) {
                return Err(StripeError::invalid_request(
                    &format!("Received unknown parameter: {key}"),
                    Some(key),
                    Some("parameter_unknown"),
                ));
            }
        }
        Ok(())
    }

    /// A fingerprint of the parameters, whatever their order, to compare a
    /// request with the first one made with its idempotency key without
    /// keeping the parameters (a card number among them).
    pub(super) fn fingerprint(&self) -> u64 {
        let mut sorted: Vec<&(String, String)> = self.pairs.iter().collect();
        sorted.sort();
        let mut hasher = DefaultHasher::new();
        sorted.hash(&mut hasher);
        hasher.finish()
    }

    /// A required string: missing, or sent empty, is refused as Stripe does.
    pub(super) fn required(&self, key: &str) -> Result<&str, StripeError> {
        match self.get(key) {
            None => Err(StripeError::invalid_request(
                &format!("Missing required param: {key}."),
                Some(key),
                Some("parameter_missing"),
            )),
            Some("") => Err(empty(key)),
            Some(value) => Ok(value),
        }
    }

    /// An optional integer: digits with an optional minus sign, else
    /// `400 parameter_invalid_integer`.
    pub(super) fn integer(&self, key: &str) -> Result<Option<i64>, StripeError> {
        match self.get(key) {
            None => Ok(None),
            Some("") => Err(empty(key)),
            Some(text) => {
                let digits = text.strip_prefix('-').unwrap_or(text);
                let parsed = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| text.parse::<i64>().ok())
                    .flatten();
                parsed.map(Some).ok_or_else(|| {
                    StripeError::invalid_request(
                        &format!("Invalid integer: {text}"),
                        Some(key),
                        Some("parameter_invalid_integer"),
                    )
                })
            }
        }
    }

    /// An optional boolean: `true` or `false`.
    pub(super) fn boolean(&self, key: &str) -> Result<Option<bool>, StripeError> {
        match self.get(key) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => Err(StripeError::invalid_request(
                &format!("Invalid boolean: {other}"),
                Some(key),
                None,
            )),
        }
    }

    /// An optional value that must be one of `allowed`; sent empty, it is
    /// refused as an attempt to unset it (`parameter_invalid_empty`).
    pub(super) fn one_of(&self, key: &str, allowed: &[&str]) -> Result<Option<&str>, StripeError> {
        match self.get(key) {
            None => Ok(None),
            Some("") => Err(empty(key)),
            Some(value) if allowed.contains(&value) => Ok(Some(value)),
            Some(_) => Err(StripeError::invalid_request(
                &format!("Invalid {key}: must be one of {}", allowed.join(", ")),
                Some(key),
                None,
            )),
        }
    }

    /// A page size: 1 to 100, 10 when absent.
    pub(super) fn limit(&self) -> Result<usize, StripeError> {
        match self.integer("limit")? {
            None => Ok(10),
            Some(limit @ 1..=100) => Ok(usize::try_from(limit).unwrap_or(10)),
            Some(_) => Err(StripeError::invalid_request(
                "Invalid limit: must be between 1 and 100.",
                Some("limit"),
                None,
            )),
        }
    }
}

/// Stripe's refusal of an empty string for a parameter that cannot be unset.
fn empty(key: &str) -> StripeError {
    StripeError::invalid_request(
        &format!(
            "You passed an empty string for '{key}'. We assume empty values are an attempt to unset a parameter; however '{key}' cannot be unset. You should remove '{key}' from your request or supply a non-empty value."
        ),
        Some(key),
        Some("parameter_invalid_empty"),
    )
}

/// The shape of a key: list indexes as `[]`, keys inside a `metadata`
/// hash as `[*]`.
fn shape(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let (head, mut rest) = key
        .split_once('[')
        .map_or((key, ""), |(head, rest)| (head, rest));
    out.push_str(head);
    let mut previous = head.to_owned();
    while !rest.is_empty() {
        let (segment, after) = rest.split_once(']').unwrap_or((rest, ""));
        if previous == "metadata" {
            out.push_str("[*]");
        } else if segment.is_empty() || segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str("[]");
        } else {
            out.push('[');
            out.push_str(segment);
            out.push(']');
        }
        previous = segment.to_owned();
        rest = after.strip_prefix('[').unwrap_or(after);
    }
    out
}

/// Percent-decoding with `+` as a space; `None` for a bad escape or bytes
/// that are not UTF-8.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let high = hex(*bytes.get(index + 1)?)?;
                let low = hex(*bytes.get(index + 2)?)?;
                out.push(high * 16 + low);
                index += 2;
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8(out).ok()
}

fn hex(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_write_indexes_and_metadata_keys_generically() {
        assert_eq!(shape("amount"), "amount");
        assert_eq!(shape("expand[]"), "expand[]");
        assert_eq!(shape("payment_method_types[0]"), "payment_method_types[]");
        assert_eq!(shape("metadata[kassa_reference]"), "metadata[*]");
        assert_eq!(
            shape("payment_method_data[card][number]"),
            "payment_method_data[card][number]"
        );
        assert_eq!(
            shape("payment_method_data[metadata][x]"),
            "payment_method_data[metadata][*]"
        );
    }

    #[test]
    fn bodies_decode_with_brackets_escaped_or_not() {
        let params = Params::parse("a=1&b%5Bc%5D=x+y&expand[1]=z&expand[0]=w&c=%E2%82%AC").unwrap();
        assert_eq!(params.get("b[c]"), Some("x y"));
        assert_eq!(params.list("expand"), ["w", "z"]);
        assert_eq!(params.get("c"), Some("€"));
        assert!(Params::parse("a=%zz").is_err());
    }
}
