//! The calendar month of a Unix time, for the expiry check.

/// Milliseconds in a day.
const MS_PER_DAY: i64 = 86_400_000;

/// The UTC year and month (1 to 12) of `unix_ms`, milliseconds since the
/// Unix epoch. Howard Hinnant's `civil_from_days`
/// (<https://howardhinnant.github.io/date_algorithms.html>), valid for every
/// `i64`.
pub(crate) fn year_month_utc(unix_ms: i64) -> (i64, i64) {
    let days = unix_ms.div_euclid(MS_PER_DAY);
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::year_month_utc;

    #[test]
    fn known_instants_fall_in_their_months() {
        assert_eq!(year_month_utc(0), (1970, 1));
        assert_eq!(year_month_utc(-1), (1969, 12));
        // 2024-02-29T23:59:59.999Z and the next millisecond.
        assert_eq!(year_month_utc(1_709_251_199_999), (2024, 2));
        assert_eq!(year_month_utc(1_709_251_200_000), (2024, 3));
        // 2026-11-21T00:00:00Z.
        assert_eq!(year_month_utc(1_795_219_200_000), (2026, 11));
        // 2000-12-31T12:00:00Z.
        assert_eq!(year_month_utc(978_264_000_000), (2000, 12));
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        let (_, month) = year_month_utc(i64::MAX);
        assert!((1..=12).contains(&month));
        let (_, month) = year_month_utc(i64::MIN);
        assert!((1..=12).contains(&month));
    }
}
