//! Searching a merchant's invoices: the query string, and opaque cursors
//! for keyset pagination on `(created_at, id)`.

use kassa_api::{ErrorDetail, InvoiceStatus};
use kassa_card::{Brand, Coded, Email, Locale};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::ApiError;
use crate::store::InvoiceQuery;

/// Invoices per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: i64 = 20;
/// The most invoices per page.
pub const MAX_LIMIT: i64 = 100;

/// The error for a parameter given empty (`status=`), with `{name}` in the
/// message for the parameter's name: leaving a parameter out is how a
/// query says "any", so an empty one is most likely a client's slip.
pub const EMPTY_PARAMETER: (&str, &str) = (
    "query.empty_parameter",
    "{name} is empty: give a value, or leave the parameter out.",
);

/// Parses `GET /api/v1/invoices`'s query string: `status`, `created_from`
/// (RFC 3339, inclusive), `created_to` (RFC 3339, exclusive), `reference`,
/// `email`, `brand`, `last4`, `three_d_secure`, `limit` (1 to 100, default 20) and `cursor`.
/// Unknown and empty parameters are refused, so a typo does not silently
/// widen a search.
///
/// # Errors
/// [`ApiError`] 400 listing each bad parameter.
pub fn parse_query(
    raw: Option<&str>,
    merchant_id: &str,
    now: i64,
) -> Result<InvoiceQuery, ApiError> {
    let mut query = InvoiceQuery {
        merchant_id: merchant_id.to_owned(),
        status: None,
        created_from: None,
        created_to: None,
        reference: None,
        email: None,
        brand: None,
        last4: None,
        three_d_secure: None,
        after: None,
        limit: DEFAULT_LIMIT,
        now,
    };
    let mut problems = Vec::new();
    let mut problem = |code: &str, message: &str, field: &str| {
        problems.push(ErrorDetail {
            code: code.to_owned(),
            message: message.to_owned(),
            field: Some(field.to_owned()),
        });
    };
    for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            // `status=` matches nothing the document allows; leaving a
            // parameter out is how a search says "any".
            let (code, message) = EMPTY_PARAMETER;
            problem(code, &message.replace("{name}", &name), &name);
            continue;
        }
        match name.as_ref() {
            "status" => match InvoiceStatus::parse(value) {
                Some(status) => query.status = Some(status),
                None => problem("status.unknown", "This is not an invoice status.", "status"),
            },
            "created_from" | "created_to" => match parse_bound(value, name == "created_to") {
                Some(ms) => {
                    if name == "created_from" {
                        query.created_from = Some(ms);
                    } else {
                        query.created_to = Some(ms);
                    }
                }
                None => problem(
                    "time.format",
                    "Give an RFC 3339 time, such as 2026-11-21T10:00:00Z, or a date, such as 2026-11-21.",
                    &name,
                ),
            },
            // The C0 controls and DEL, as the document's pattern says (a
            // NUL would be refused by PostgreSQL as a 500).
            "reference" if value.chars().any(|c| c < ' ' || c == '\u{7f}') => problem(
                "reference.format",
                "A reference has no control characters.",
                "reference",
            ),
            "reference" => query.reference = Some(value.to_owned()),
            "email" => match Email::parse(value) {
                Ok(email) => query.email = Some(email.as_str().to_owned()),
                Err(error) => problem(error.code().as_str(), error.message(Locale::En), "email"),
            },
            "brand" => match Brand::from_name(value) {
                Some(brand) => query.brand = Some(brand.id().to_owned()),
                None => problem("brand.unknown", "This is not a card brand.", "brand"),
            },
            "last4" => {
                if value.len() == 4 && value.bytes().all(|byte| byte.is_ascii_digit()) {
                    query.last4 = Some(value.to_owned());
                } else {
                    problem("last4.format", "Give the card's last four digits.", "last4");
                }
            }
            "three_d_secure" => match value {
                "authenticated" | "attempted" | "failed" => {
                    query.three_d_secure = Some(value.to_owned());
                }
                _ => problem(
                    "three_d_secure.unknown",
                    "three_d_secure is authenticated, attempted or failed.",
                    "three_d_secure",
                ),
            },
            "limit" => match value.parse::<i64>() {
                Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => query.limit = limit,
                _ => problem(
                    "limit.range",
                    "limit is a whole number from 1 to 100.",
                    "limit",
                ),
            },
            "cursor" => match decode_cursor(value) {
                Some(after) => query.after = Some(after),
                None => problem(
                    "cursor.invalid",
                    "This cursor is not one this API gave out.",
                    "cursor",
                ),
            },
            other => problem(
                "query.unknown_parameter",
                &format!("{other} is not a search parameter."),
                other,
            ),
        }
    }
    if problems.is_empty() {
        Ok(query)
    } else {
        Err(ApiError::fields(problems))
    }
}

/// An opaque cursor for the position after `(created_at, id)`.
///
/// ```
/// use kassa_server::search::{decode_cursor, encode_cursor};
/// let id = format!("inv_{}", "ab".repeat(16));
/// let cursor = encode_cursor(1_700_000_000_000, &id);
/// assert_eq!(decode_cursor(&cursor), Some((1_700_000_000_000, id)));
/// assert_eq!(decode_cursor("nonsense"), None);
/// ```
pub fn encode_cursor(created_at: i64, id: &str) -> String {
    hex::encode(format!("v1:{created_at}:{id}"))
}

/// Reads a cursor [`encode_cursor`] made for an invoice; `None` for
/// anything else.
pub fn decode_cursor(cursor: &str) -> Option<(i64, String)> {
    decode_keyset(cursor, "inv_")
}

/// Reads a cursor [`encode_cursor`] made for an id starting `prefix`.
///
/// ```
/// use kassa_server::search::{decode_keyset, encode_cursor};
/// let id = format!("evt_{}", "0f".repeat(16));
/// assert_eq!(decode_keyset(&encode_cursor(5, &id), "evt_"), Some((5, id.clone())));
/// assert_eq!(decode_keyset(&encode_cursor(5, &id), "inv_"), None);
/// ```
pub fn decode_keyset(cursor: &str, prefix: &str) -> Option<(i64, String)> {
    let text = String::from_utf8(hex::decode(cursor).ok()?).ok()?;
    let rest = text.strip_prefix("v1:")?;
    let (created_at, id) = rest.split_once(':')?;
    let well_formed = id.len() == 36
        && id.starts_with(prefix)
        && id[4..].bytes().all(|byte| byte.is_ascii_hexdigit());
    let created_at = created_at.parse().ok()?;
    well_formed.then(|| (created_at, id.to_owned()))
}

/// A search bound in Unix milliseconds: an RFC 3339 time, or a date alone
/// (what a date picker gives), which counts whole UTC days: `created_from`
/// from the day's start, `created_to` to its end.
///
/// ```
/// use kassa_server::search::parse_bound;
/// assert_eq!(parse_bound("2026-11-21T10:00:00Z", false), Some(1_795_255_200_000));
/// assert_eq!(parse_bound("2026-11-21", false), Some(1_795_219_200_000));
/// assert_eq!(parse_bound("2026-11-21", true), Some(1_795_305_600_000), "the next midnight");
/// assert_eq!(parse_bound("21/11/2026", false), None);
/// ```
pub fn parse_bound(value: &str, end_of_day: bool) -> Option<i64> {
    if let Ok(time) = OffsetDateTime::parse(value, &Rfc3339) {
        return i64::try_from(time.unix_timestamp_nanos() / 1_000_000).ok();
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(value, &format).ok()?;
    let date = if end_of_day { date.next_day()? } else { date };
    Some(date.midnight().assume_utc().unix_timestamp() * 1000)
}
