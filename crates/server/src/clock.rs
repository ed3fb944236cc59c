//! Time: a clock the server reads, and RFC 3339 formatting.

use std::time::{SystemTime, UNIX_EPOCH};

use kassa_card::Date;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// RFC 3339 in UTC (`2026-11-21T10:00:00Z`) for Unix milliseconds.
///
/// ```
/// assert_eq!(kassa_server::clock::rfc3339(0), "1970-01-01T00:00:00Z");
/// ```
pub fn rfc3339(unix_ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_ms.div_euclid(1000))
        .ok()
        .and_then(|time| time.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// The UTC calendar date of Unix milliseconds, for kassa-card's checks.
pub fn date_of(unix_ms: i64) -> Option<Date> {
    let time = OffsetDateTime::from_unix_timestamp(unix_ms.div_euclid(1000)).ok()?;
    let year = u16::try_from(time.year()).ok()?;
    Date::new(year, u8::from(time.month()), time.day()).ok()
}
