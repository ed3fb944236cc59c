//! Stripe's search query language, as far as the double takes it:
//! exact-match clauses `field:value` joined by spaces or `AND`, on the
//! PaymentIntent fields `metadata['key']`, `status`, `currency` and
//! `amount`. Values are quoted with `'` or `"` (a backslash escapes the
//! quote); `amount` may be a bare number. `OR`, negation (`-`), prefix
//! (`~`) and comparison operators are refused as a malformed query: Kassa
//! does not use them.

use super::error::StripeError;
use super::store::Intent;

/// One `field:value` clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Clause {
    /// `metadata['key']:'value'`.
    Metadata(String, String),
    /// `status:'succeeded'`.
    Status(String),
    /// `currency:'usd'`.
    Currency(String),
    /// `amount:1500`.
    Amount(i64),
}

impl Clause {
    /// Whether `intent` matches.
    pub(super) fn matches(&self, intent: &Intent) -> bool {
        match self {
            Clause::Metadata(key, value) => intent.metadata.get(key) == Some(value),
            Clause::Status(status) => intent.status == status,
            Clause::Currency(currency) => intent.currency.eq_ignore_ascii_case(currency),
            Clause::Amount(amount) => intent.amount == *amount,
        }
    }
}

/// Parses a query into its clauses (all must match).
pub(super) fn parse(query: &str) -> Result<Vec<Clause>, StripeError> {
    let mut clauses = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        if !clauses.is_empty() {
            if starts_with_keyword(rest, "AND") {
                rest = rest[3..].trim_start();
            } else if starts_with_keyword(rest, "OR") {
                return Err(malformed("OR is not supported by this double"));
            }
        }
        let (clause, after) = clause(rest)?;
        clauses.push(clause);
        rest = after.trim_start();
    }
    if clauses.is_empty() {
        return Err(malformed("the query is empty"));
    }
    Ok(clauses)
}

fn starts_with_keyword(text: &str, keyword: &str) -> bool {
    text.get(..keyword.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(keyword))
        && text[keyword.len()..].starts_with(char::is_whitespace)
}

/// One clause at the start of `text`, and what follows it.
fn clause(text: &str) -> Result<(Clause, &str), StripeError> {
    if let Some(after) = text.strip_prefix("metadata[") {
        let (key, after) = quoted(after)?;
        let after = after
            .strip_prefix("]:")
            .ok_or_else(|| malformed("expected ]: after the metadata key"))?;
        let (value, after) = quoted(after)?;
        return Ok((Clause::Metadata(key, value), after));
    }
    let (field, after) = text
        .split_once(':')
        .ok_or_else(|| malformed("expected field:value"))?;
    match field {
        "status" => {
            let (value, after) = quoted(after)?;
            Ok((Clause::Status(value), after))
        }
        "currency" => {
            let (value, after) = quoted(after)?;
            Ok((Clause::Currency(value), after))
        }
        "amount" => {
            let (value, after) = if after.starts_with(['\'', '"']) {
                quoted(after)?
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (after[..end].to_owned(), &after[end..])
            };
            let amount = value
                .parse()
                .map_err(|_| malformed("amount must be a number"))?;
            Ok((Clause::Amount(amount), after))
        }
        other => Err(StripeError::invalid_request(
            &format!("Field '{other}' is an unsupported search field for payment_intent."),
            Some("query"),
            None,
        )),
    }
}

/// A quoted string at the start of `text`, unescaped, and what follows.
fn quoted(text: &str) -> Result<(String, &str), StripeError> {
    let mut chars = text.char_indices();
    let quote = match chars.next() {
        Some((_, quote @ ('\'' | '"'))) => quote,
        _ => return Err(malformed("expected a quoted value")),
    };
    let mut value = String::new();
    while let Some((index, character)) = chars.next() {
        match character {
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => break,
            },
            _ if character == quote => return Ok((value, &text[index + 1..])),
            _ => value.push(character),
        }
    }
    Err(malformed("unterminated quoted value"))
}

fn malformed(why: &str) -> StripeError {
    StripeError::invalid_request(
        &format!("Invalid search query: {why}."),
        Some("query"),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_clauses_take_either_quote() {
        assert_eq!(
            parse("metadata['kassa_reference']:'kassa-inv_1-1'").unwrap(),
            [Clause::Metadata(
                "kassa_reference".into(),
                "kassa-inv_1-1".into()
            )]
        );
        assert_eq!(
            parse(r#"metadata["k"]:"a\"b" AND status:'succeeded' amount:1500"#).unwrap(),
            [
                Clause::Metadata("k".into(), "a\"b".into()),
                Clause::Status("succeeded".into()),
                Clause::Amount(1500),
            ]
        );
    }

    #[test]
    fn unsupported_queries_are_refused() {
        for query in [
            "",
            "status:'a' OR status:'b'",
            "email:'x'",
            "metadata['k']:'v",
            "-status:'a'",
        ] {
            assert!(parse(query).is_err(), "{query}");
        }
    }
}
