//! Behaviour tests for card expiry dates (`Expiry`) and calendar dates (`Date`):
//! every accepted shape, the last-day-of-the-month rule, the 20-year horizon,
//! typing status and dates of birth.

#![allow(clippy::unwrap_used)]

use kassa_card::{Date, DateError, Expiry, ExpiryError};

fn date(year: u16, month: u8, day: u8) -> Date {
    Date::new(year, month, day).unwrap()
}

fn month_and_year(text: &str) -> (u8, u16) {
    let expiry = Expiry::parse(text).unwrap_or_else(|error| panic!("{text:?}: {error}"));
    (expiry.month(), expiry.year())
}

/// The day the doc examples are written on.
fn today() -> Date {
    date(2026, 11, 21)
}

#[test]
fn every_accepted_shape_reads_as_the_same_month() {
    for text in [
        "12/30",
        "12/2030",
        "12 / 30",
        "12 /30",
        "12/ 2030",
        "12-30",
        "12-2030",
        "12.30",
        "1230",
        "122030",
        "2030-12",
        "2030-12-31",
        "2030-12-01",
        "2030-12-31T23:59:59Z",
        "2030-12-15T08:00:00+02:00",
        "2030-12-15 08:00",
        "  12/30  ",
    ] {
        assert_eq!(month_and_year(text), (12, 2030), "{text:?}");
    }
}

#[test]
fn a_single_digit_month_is_read_with_or_without_its_leading_zero() {
    assert_eq!(month_and_year("3/27"), (3, 2027));
    assert_eq!(month_and_year("03/27"), (3, 2027));
    assert_eq!(month_and_year("3/2027"), (3, 2027));
    assert_eq!(month_and_year("3 / 27"), (3, 2027));
    assert_eq!(month_and_year("3-27"), (3, 2027));
    assert_eq!(Expiry::parse("3/27"), Expiry::parse("03/27"));
}

#[test]
fn two_digit_years_are_in_this_century() {
    assert_eq!(month_and_year("01/00"), (1, 2000));
    assert_eq!(month_and_year("01/99"), (1, 2099));
    assert_eq!(month_and_year("0199"), (1, 2099));
}

#[test]
fn an_expiry_prints_as_on_the_card_and_in_long_form() {
    let expiry = Expiry::parse("3/27").unwrap();
    assert_eq!(expiry.to_string(), "03/27");
    assert_eq!(expiry.to_long_string(), "03/2027");
    assert_eq!(Expiry::parse("2030-12").unwrap().to_string(), "12/30");
}

#[test]
fn parsing_through_from_str_gives_the_same_expiry() {
    assert_eq!("12/30".parse::<Expiry>(), Expiry::parse("12/30"));
    assert_eq!("13/30".parse::<Expiry>(), Err(ExpiryError::Month));
}

#[test]
fn from_month_year_matches_parsing_the_same_month() {
    assert_eq!(
        Expiry::from_month_year(7, 29).unwrap(),
        Expiry::parse("07/2029").unwrap()
    );
    assert_eq!(
        Expiry::from_month_year(7, 2029).unwrap(),
        Expiry::parse("07/29").unwrap()
    );
    assert_eq!(Expiry::from_month_year(12, 0).unwrap().year(), 2000);
}

#[test]
fn from_month_year_refuses_months_outside_one_to_twelve() {
    assert_eq!(Expiry::from_month_year(0, 30), Err(ExpiryError::Month));
    assert_eq!(Expiry::from_month_year(13, 30), Err(ExpiryError::Month));
    assert_eq!(
        Expiry::from_month_year(u32::MAX, 30),
        Err(ExpiryError::Month)
    );
}

#[test]
fn from_month_year_refuses_years_that_are_neither_two_nor_four_digits() {
    assert_eq!(Expiry::from_month_year(12, 100), Err(ExpiryError::Format));
    assert_eq!(Expiry::from_month_year(12, 300), Err(ExpiryError::Format));
    assert_eq!(
        Expiry::from_month_year(12, 10_000),
        Err(ExpiryError::Format)
    );
    assert_eq!(
        Expiry::from_month_year(12, u32::MAX),
        Err(ExpiryError::Format)
    );
}

#[test]
fn december_card_is_valid_on_december_31st() {
    let expiry = Expiry::parse("12/30").unwrap();
    assert_eq!(expiry.check(date(2030, 12, 31)), Ok(()));
    assert!(!expiry.is_expired_at(date(2030, 12, 31)));
}

#[test]
fn december_card_has_expired_on_january_1st() {
    let expiry = Expiry::parse("12/30").unwrap();
    assert_eq!(expiry.check(date(2031, 1, 1)), Err(ExpiryError::InPast));
    assert!(expiry.is_expired_at(date(2031, 1, 1)));
}

#[test]
fn card_is_valid_on_the_last_day_of_its_month_and_expired_the_day_after() {
    let november = Expiry::parse("11/26").unwrap();
    assert_eq!(november.check(date(2026, 11, 1)), Ok(()));
    assert_eq!(november.check(date(2026, 11, 30)), Ok(()));
    assert_eq!(november.check(date(2026, 12, 1)), Err(ExpiryError::InPast));
}

#[test]
fn february_card_is_valid_on_a_leap_day_and_expired_on_march_1st() {
    let february = Expiry::parse("02/28").unwrap();
    assert_eq!(february.check(date(2028, 2, 29)), Ok(()));
    assert_eq!(february.check(date(2028, 3, 1)), Err(ExpiryError::InPast));
}

#[test]
fn a_card_from_last_month_or_last_year_has_expired() {
    assert_eq!(
        Expiry::parse("10/26").unwrap().check(today()),
        Err(ExpiryError::InPast)
    );
    assert_eq!(
        Expiry::parse("12/25").unwrap().check(today()),
        Err(ExpiryError::InPast)
    );
    assert!(Expiry::parse("12/25").unwrap().is_expired_at(today()));
}

#[test]
fn last_valid_day_is_the_last_day_of_the_month_leap_years_included() {
    let last_day = |text| Expiry::parse(text).unwrap().last_valid_day();
    assert_eq!(last_day("02/24"), date(2024, 2, 29));
    assert_eq!(last_day("02/23"), date(2023, 2, 28));
    assert_eq!(last_day("02/2000"), date(2000, 2, 29), "divisible by 400");
    assert_eq!(
        last_day("02/2100"),
        date(2100, 2, 28),
        "divisible by 100 only"
    );
    assert_eq!(last_day("04/30"), date(2030, 4, 30));
    assert_eq!(last_day("12/30"), date(2030, 12, 31));
    assert_eq!(last_day("01/30"), date(2030, 1, 31));
}

#[test]
fn exactly_twenty_years_ahead_is_valid() {
    let expiry = Expiry::parse("11/46").unwrap();
    assert_eq!(expiry.check(today()), Ok(()));
    assert_eq!(Expiry::parse_valid("11/2046", today()), Ok(expiry));
}

#[test]
fn twenty_years_and_one_month_ahead_is_too_far() {
    let expiry = Expiry::parse("12/46").unwrap();
    assert_eq!(expiry.check(today()), Err(ExpiryError::TooFar));
    assert!(!expiry.is_expired_at(today()), "too far is not expired");
    assert_eq!(
        Expiry::parse_valid("12/47", today()),
        Err(ExpiryError::TooFar)
    );
}

#[test]
fn parse_valid_reports_both_shape_and_date_problems() {
    assert_eq!(
        Expiry::parse_valid("04/28", today()).map(Expiry::month),
        Ok(4)
    );
    assert_eq!(
        Expiry::parse_valid("10/26", today()),
        Err(ExpiryError::InPast)
    );
    assert_eq!(
        Expiry::parse_valid("13/30", today()),
        Err(ExpiryError::Month)
    );
    assert_eq!(Expiry::parse_valid("", today()), Err(ExpiryError::Empty));
}

#[test]
fn months_outside_one_to_twelve_are_refused() {
    assert_eq!(Expiry::parse("13/30"), Err(ExpiryError::Month));
    assert_eq!(Expiry::parse("00/30"), Err(ExpiryError::Month));
    assert_eq!(Expiry::parse("0/30"), Err(ExpiryError::Month));
    assert_eq!(Expiry::parse("1330"), Err(ExpiryError::Month));
    assert_eq!(Expiry::parse("2030-13"), Err(ExpiryError::Month));
    assert_eq!(Expiry::parse("2030-00"), Err(ExpiryError::Month));
}

#[test]
fn shapes_that_are_not_a_month_and_a_year_are_refused() {
    for text in [
        "1/2/30",
        "12//30",
        "12/30/",
        "ab/cd",
        "12/ab",
        "12/3",
        "12/300",
        "12/20300",
        "123/30",
        "12",
        "123",
        "12345",
        "1234567",
        "12\\30",
        "12_30",
        "December 2030",
        "2030-1",
        "2030-123",
        "2030-12x",
        "2030-02-30",
        "2030-12-31X10:00",
        "١٢/٣٠",
    ] {
        assert_eq!(Expiry::parse(text), Err(ExpiryError::Format), "{text:?}");
    }
}

#[test]
fn nothing_but_spaces_is_empty() {
    assert_eq!(Expiry::parse(""), Err(ExpiryError::Empty));
    assert_eq!(Expiry::parse("   "), Err(ExpiryError::Empty));
}

#[test]
fn every_prefix_of_a_valid_expiry_is_potentially_valid_while_typing() {
    for full in ["12/30", "1230", "12/2030", "3/27", "03 / 27", "11/26"] {
        for end in 0..=full.len() {
            let prefix = &full[..end];
            let status = Expiry::status(prefix, today());
            assert!(status.is_potentially_valid(), "{prefix:?} of {full:?}");
        }
        let status = Expiry::status(full, today());
        assert!(status.is_valid(), "{full:?}");
        assert_eq!(status.error(), None, "{full:?}");
    }
}

#[test]
fn an_incomplete_expiry_is_potentially_valid_but_not_yet_valid() {
    for prefix in [
        "1", "12", "12/", "12/3", "12/20", "12/203", "2030-", "2030-1",
    ] {
        let status = Expiry::status(prefix, today());
        assert!(status.is_potentially_valid(), "{prefix:?}");
        assert!(!status.is_valid(), "{prefix:?}");
        assert!(status.error().is_some(), "{prefix:?}");
    }
}

#[test]
fn an_empty_field_is_potentially_valid_and_reports_empty() {
    let status = Expiry::status("", today());
    assert!(status.is_potentially_valid());
    assert!(!status.is_valid());
    assert_eq!(status.error(), Some(ExpiryError::Empty));
}

#[test]
fn input_that_no_typing_can_fix_is_not_potentially_valid() {
    for text in [
        "13", "00", "0/", "20", "1/2/", "ab", "12/a", "12/19", "12/2019", "12/47", "12/2047",
        "12/19999",
    ] {
        let status = Expiry::status(text, today());
        assert!(!status.is_potentially_valid(), "{text:?}");
        assert!(!status.is_valid(), "{text:?}");
    }
}

#[test]
fn an_expired_month_of_this_year_is_not_potentially_valid() {
    let status = Expiry::status("10/26", today());
    assert_eq!(status.error(), Some(ExpiryError::InPast));
    assert!(!status.is_potentially_valid());
}

#[test]
fn a_complete_expiry_past_the_twenty_year_horizon_is_not_potentially_valid() {
    let status = Expiry::status("12/46", today());
    assert_eq!(status.error(), Some(ExpiryError::TooFar));
    assert!(!status.is_potentially_valid());
}

#[test]
fn birth_date_before_today_is_accepted() {
    assert_eq!(
        Date::parse_birth_date("1990-05-17", today()),
        Ok(date(1990, 5, 17))
    );
    assert_eq!(
        Date::parse_birth_date("1990-05-17T10:00:00Z", today()),
        Ok(date(1990, 5, 17))
    );
}

#[test]
fn birth_date_of_today_is_accepted() {
    assert_eq!(Date::parse_birth_date("2026-11-21", today()), Ok(today()));
}

#[test]
fn birth_date_after_today_is_in_the_future() {
    assert_eq!(
        Date::parse_birth_date("2026-11-22", today()),
        Err(DateError::InFuture)
    );
    assert_eq!(
        Date::parse_birth_date("2027-01-01", today()),
        Err(DateError::InFuture)
    );
}

#[test]
fn february_29th_exists_only_in_leap_years() {
    assert_eq!(
        Date::parse_birth_date("2023-02-29", today()),
        Err(DateError::Invalid)
    );
    assert_eq!(
        Date::parse_birth_date("1900-02-29", today()),
        Err(DateError::Invalid)
    );
    assert_eq!(
        Date::parse_birth_date("2000-02-29", today()),
        Ok(date(2000, 2, 29))
    );
    assert_eq!(
        Date::parse_birth_date("2024-02-29", today()),
        Ok(date(2024, 2, 29))
    );
}

#[test]
fn birth_dates_that_do_not_exist_are_invalid() {
    for text in [
        "1990-13-01",
        "1990-00-10",
        "1990-04-31",
        "1990-05-00",
        "0000-01-01",
    ] {
        assert_eq!(
            Date::parse_birth_date(text, today()),
            Err(DateError::Invalid),
            "{text:?}"
        );
    }
}

#[test]
fn birth_dates_not_written_as_yyyy_mm_dd_are_format_errors() {
    for text in [
        "",
        "1990/05/17",
        "17-05-1990",
        "17/05/1990",
        "1990-5-17",
        "1990-05-7",
        "19900517",
        "1990-05",
        "abcd-ef-gh",
        "1990-05-17X",
        "1990-05-17/10:00",
        "May 17, 1990",
    ] {
        assert_eq!(
            Date::parse_birth_date(text, today()),
            Err(DateError::Format),
            "{text:?}"
        );
    }
}

#[test]
fn dates_compare_and_print_in_calendar_order() {
    assert!(date(2026, 11, 21) < date(2026, 11, 22));
    assert!(date(2026, 12, 1) > date(2026, 11, 30));
    assert_eq!(date(2026, 3, 7).to_string(), "2026-03-07");
    assert_eq!("2026-03-07".parse::<Date>(), Ok(date(2026, 3, 7)));
    assert_eq!(Date::new(2023, 2, 29), Err(DateError::Invalid));
}
