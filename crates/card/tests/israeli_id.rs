//! Behaviour tests for Israeli identity numbers (`IsraeliId`): the check digit,
//! the left-padded short forms and the inputs refused.

use kassa_card::{IsraeliId, IsraeliIdError};

#[test]
fn valid_nine_digit_numbers_are_accepted_as_written() {
    for id in [
        "123456782",
        "000000018",
        "039337423",
        "012345674",
        "300000007",
        "999999998",
        "280340639",
        "863972501",
    ] {
        assert_eq!(
            IsraeliId::parse(id).map(|parsed| parsed.as_str().to_owned()),
            Ok(id.to_owned()),
            "{id}"
        );
    }
}

#[test]
fn short_numbers_are_left_padded_with_zeros() {
    assert_eq!(IsraeliId::parse("18").unwrap().as_str(), "000000018");
    assert_eq!(IsraeliId::parse("0018").unwrap().as_str(), "000000018");
    assert_eq!(IsraeliId::parse("39337423").unwrap().as_str(), "039337423");
    assert_eq!(IsraeliId::parse("12345674").unwrap().as_str(), "012345674");
}

#[test]
fn a_short_form_and_its_padded_form_are_the_same_id() {
    assert_eq!(IsraeliId::parse("18"), IsraeliId::parse("000000018"));
    assert_eq!(IsraeliId::parse("39337423"), IsraeliId::parse("039337423"));
}

#[test]
fn surrounding_spaces_are_trimmed() {
    assert_eq!(
        IsraeliId::parse("  123456782\t").unwrap().as_str(),
        "123456782"
    );
}

#[test]
fn a_wrong_check_digit_is_a_checksum_error() {
    for id in [
        "123456789",
        "123456781",
        "000000019",
        "19",
        "039337424",
        "999999999",
        "100000000",
    ] {
        assert_eq!(IsraeliId::parse(id), Err(IsraeliIdError::Checksum), "{id}");
    }
}

#[test]
fn swapping_two_adjacent_digits_is_caught() {
    assert_eq!(IsraeliId::parse("213456782"), Err(IsraeliIdError::Checksum));
}

#[test]
fn all_zeros_is_not_an_id() {
    assert_eq!(IsraeliId::parse("000000000"), Err(IsraeliIdError::Checksum));
    assert_eq!(IsraeliId::parse("0"), Err(IsraeliIdError::Checksum));
}

#[test]
fn anything_but_digits_is_a_format_error() {
    for text in [
        "12-3",
        "12345678a",
        "1234 5678",
        "+123456782",
        "123456782.",
        "١٢٣٤٥٦٧٨٢",
        "１２３４５６７８２",
        "abcdefghi",
    ] {
        assert_eq!(
            IsraeliId::parse(text),
            Err(IsraeliIdError::Format),
            "{text:?}"
        );
    }
}

#[test]
fn nothing_at_all_is_a_format_error() {
    assert_eq!(IsraeliId::parse(""), Err(IsraeliIdError::Format));
    assert_eq!(IsraeliId::parse("   "), Err(IsraeliIdError::Format));
}

#[test]
fn ten_digits_are_too_many_even_with_a_leading_zero() {
    assert_eq!(IsraeliId::parse("1234567820"), Err(IsraeliIdError::Format));
    assert_eq!(IsraeliId::parse("0123456782"), Err(IsraeliIdError::Format));
    assert_eq!(
        IsraeliId::parse(&"1".repeat(40)),
        Err(IsraeliIdError::Format)
    );
}

#[test]
fn display_shows_the_nine_digits() {
    assert_eq!(IsraeliId::parse("18").unwrap().to_string(), "000000018");
}
