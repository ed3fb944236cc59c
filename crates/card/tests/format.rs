//! As-you-type formatting of the card-number and expiry fields: the text after
//! each keystroke or paste, and where the caret goes.

use kassa_card::{CardNumber, InputKind, format_card_number, format_expiry, test_cards};

/// `digits` with a space after each gap.
fn grouped(digits: &str, gaps: &[usize]) -> String {
    let mut text = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if gaps.contains(&index) {
            text.push(' ');
        }
        text.push(digit);
    }
    text
}

/// Types `number` one digit at a time at the end of the field, checking the
/// grouping and that the caret stays at the end after every keystroke.
fn type_digit_by_digit(number: &str, gaps: &[usize]) -> String {
    let mut field = String::new();
    for (index, digit) in number.char_indices() {
        let typed = &number[..index + digit.len_utf8()];
        field.push(digit);
        let caret = field.chars().count();
        let formatted = format_card_number(&field, caret, InputKind::Other);
        let expected = grouped(typed, gaps);
        assert_eq!(formatted.text(), expected, "after typing {typed}");
        assert_eq!(
            formatted.caret(),
            expected.chars().count(),
            "caret after typing {typed}"
        );
        field = formatted.into_text();
    }
    field
}

/// Formats an expiry as if just typed or pasted, caret at the end.
fn expiry(text: &str) -> (String, usize) {
    let formatted = format_expiry(text, text.chars().count(), InputKind::Other);
    (formatted.text().to_owned(), formatted.caret())
}

fn card(text: &str, caret: usize, kind: InputKind) -> (String, usize) {
    let formatted = format_card_number(text, caret, kind);
    (formatted.text().to_owned(), formatted.caret())
}

// Typing at the end.

#[test]
fn visa_groups_in_fours_while_typing() {
    let field = type_digit_by_digit("4242424242424242", &[4, 8, 12]);
    assert_eq!(field, "4242 4242 4242 4242");
}

#[test]
fn amex_groups_four_six_five() {
    let field = type_digit_by_digit("378282246310005", &[4, 10]);
    assert_eq!(field, "3782 822463 10005");
}

#[test]
fn diners_groups_four_six_four() {
    let field = type_digit_by_digit("36227206271667", &[4, 10]);
    assert_eq!(field, "3622 720627 1667");
}

#[test]
fn nineteen_digits_group_four_four_four_four_three() {
    let field = type_digit_by_digit("4242424242424242424", &[4, 8, 12, 16]);
    assert_eq!(field, "4242 4242 4242 4242 424");
}

#[test]
fn an_empty_field_stays_empty() {
    assert_eq!(card("", 0, InputKind::Other), (String::new(), 0));
    assert_eq!(card("", 0, InputKind::DeleteBackward), (String::new(), 0));
}

// Pasting.

#[test]
fn pasting_a_number_with_dashes_groups_it_with_spaces() {
    assert_eq!(
        card("4242-4242-4242-4242", 19, InputKind::Other),
        ("4242 4242 4242 4242".to_owned(), 19)
    );
    assert_eq!(
        card("3782-822463-10005", 17, InputKind::Other),
        ("3782 822463 10005".to_owned(), 17)
    );
}

#[test]
fn pasting_a_number_with_no_break_spaces_groups_it_with_spaces() {
    let pasted = "4242\u{a0}4242\u{a0}4242\u{a0}4242";
    assert_eq!(
        card(pasted, pasted.chars().count(), InputKind::Other),
        ("4242 4242 4242 4242".to_owned(), 19)
    );
}

#[test]
fn every_test_card_formatted_in_the_field_parses_back() {
    for test_card in test_cards() {
        let number = test_card.number();
        let formatted = format_card_number(number, number.len(), InputKind::Other);
        let parsed = CardNumber::parse(formatted.text())
            .unwrap_or_else(|error| panic!("{:?}: {error:?}", formatted.text()));
        assert_eq!(parsed.expose_digits(), number);
        assert_eq!(formatted.caret(), formatted.text().len(), "{number}");
    }
}

// Editing in the middle.

#[test]
fn typing_in_the_middle_keeps_the_caret_right_after_the_typed_digit() {
    // "4242 |4242" + "1" → "4242 1|4242", regrouped.
    assert_eq!(
        card("4242 14242", 6, InputKind::Other),
        ("4242 1424 2".to_owned(), 6)
    );
    // "4242| 4242" + "1" → "42421| 4242": the new digit moves past the gap.
    assert_eq!(
        card("42421 4242", 5, InputKind::Other),
        ("4242 1424 2".to_owned(), 6)
    );
    // "42|42 4242" + "9" → "429|42 4242".
    assert_eq!(
        card("42942 4242", 3, InputKind::Other),
        ("4294 2424 2".to_owned(), 3)
    );
    // At the start of the field.
    assert_eq!(
        card("54242 4242", 1, InputKind::Other),
        ("5424 2424 2".to_owned(), 1)
    );
}

#[test]
fn backspace_right_after_a_space_deletes_the_digit_before_the_space() {
    // "4242 |4242": the browser removed the space, giving "4242|4242".
    assert_eq!(
        card("42424242", 4, InputKind::DeleteBackward),
        ("4244 242".to_owned(), 3)
    );
    // "4242 4242 |4242" → "4242 4242|4242".
    assert_eq!(
        card("4242 42424242", 9, InputKind::DeleteBackward),
        ("4242 4244 242".to_owned(), 8)
    );
    // Amex "3782 822463 |10005" → "3782 822463|10005".
    assert_eq!(
        card("3782 82246310005", 11, InputKind::DeleteBackward),
        ("3782 822461 0005".to_owned(), 10)
    );
}

#[test]
fn delete_right_before_a_space_deletes_the_digit_after_the_space() {
    // "4242| 4242": the browser removed the space, giving "4242|4242".
    assert_eq!(
        card("42424242", 4, InputKind::DeleteForward),
        ("4242 242".to_owned(), 4)
    );
    // Amex "3782 822463| 10005" → "3782 822463|10005".
    assert_eq!(
        card("3782 82246310005", 11, InputKind::DeleteForward),
        ("3782 822463 0005".to_owned(), 11)
    );
}

#[test]
fn backspace_inside_a_group_deletes_only_that_digit() {
    // "4242 42|42" → "4242 4|42".
    assert_eq!(
        card("4242 442", 6, InputKind::DeleteBackward),
        ("4242 442".to_owned(), 6)
    );
    // "4242 4242|" → "4242 424|".
    assert_eq!(
        card("4242 424", 8, InputKind::DeleteBackward),
        ("4242 424".to_owned(), 8)
    );
    // Removing the last digit of a group leaves no trailing space.
    assert_eq!(
        card("4242 ", 5, InputKind::DeleteBackward),
        ("4242".to_owned(), 4)
    );
}

// Dropped input.

#[test]
fn digits_beyond_the_brands_longest_length_are_dropped() {
    assert_eq!(
        card("3782822463100051", 16, InputKind::Other),
        ("3782 822463 10005".to_owned(), 17)
    );
    assert_eq!(
        card("5555 5555 5555 4444 1", 21, InputKind::Other),
        ("5555 5555 5555 4444".to_owned(), 19)
    );
    assert_eq!(
        card("42424242424242424242", 20, InputKind::Other),
        ("4242 4242 4242 4242 424".to_owned(), 23)
    );
}

#[test]
fn letters_are_dropped() {
    assert_eq!(
        card("4242abcd4242", 12, InputKind::Other),
        ("4242 4242".to_owned(), 9)
    );
    assert_eq!(card("x", 1, InputKind::Other), (String::new(), 0));
    assert_eq!(
        card("4242 4x", 7, InputKind::Other),
        ("4242 4".to_owned(), 6)
    );
}

// Expiry.

#[test]
fn expiry_one_stays_one_while_the_month_is_open() {
    assert_eq!(expiry("1"), ("1".to_owned(), 1));
    assert_eq!(expiry("0"), ("0".to_owned(), 1));
    assert_eq!(expiry(""), (String::new(), 0));
}

#[test]
fn expiry_a_complete_month_gets_its_slash() {
    assert_eq!(expiry("12"), ("12/".to_owned(), 3));
    assert_eq!(expiry("01"), ("01/".to_owned(), 3));
    assert_eq!(expiry("1/"), ("01/".to_owned(), 3));
}

#[test]
fn expiry_a_leading_four_means_april() {
    assert_eq!(expiry("4"), ("04/".to_owned(), 3));
    assert_eq!(expiry("9"), ("09/".to_owned(), 3));
    assert_eq!(expiry("2"), ("02/".to_owned(), 3));
}

#[test]
fn expiry_thirteen_means_january_and_a_year_starting_with_three() {
    assert_eq!(expiry("13"), ("01/3".to_owned(), 4));
    assert_eq!(expiry("19"), ("01/9".to_owned(), 4));
}

#[test]
fn expiry_four_digits_become_month_slash_year() {
    assert_eq!(expiry("1230"), ("12/30".to_owned(), 5));
    assert_eq!(expiry("123"), ("12/3".to_owned(), 4));
    assert_eq!(expiry("12/3"), ("12/3".to_owned(), 4));
    assert_eq!(expiry("12/30"), ("12/30".to_owned(), 5));
    assert_eq!(expiry("12 / 30"), ("12/30".to_owned(), 5));
}

#[test]
fn expiry_digits_beyond_the_year_are_dropped() {
    assert_eq!(expiry("12/303"), ("12/30".to_owned(), 5));
    assert_eq!(expiry("123045"), ("12/30".to_owned(), 5));
}

#[test]
fn expiry_long_forms_become_month_slash_two_digit_year() {
    assert_eq!(expiry("12/2030"), ("12/30".to_owned(), 5));
    assert_eq!(expiry("2030-12"), ("12/30".to_owned(), 5));
    assert_eq!(expiry("07/2029"), ("07/29".to_owned(), 5));
}

#[test]
fn expiry_backspace_over_the_slash_removes_the_months_last_digit() {
    // "12/|": the browser removed the slash, giving "12|".
    let back = format_expiry("12", 2, InputKind::DeleteBackward);
    assert_eq!((back.text(), back.caret()), ("1", 1));
    let back = format_expiry("04", 2, InputKind::DeleteBackward);
    assert_eq!((back.text(), back.caret()), ("0", 1));
}

#[test]
fn expiry_backspace_in_the_year_removes_one_digit() {
    // "12/30|" → "12/3|".
    let back = format_expiry("12/3", 4, InputKind::DeleteBackward);
    assert_eq!((back.text(), back.caret()), ("12/3", 4));
}

#[test]
fn expiry_typing_in_the_month_keeps_the_caret_after_the_typed_digit() {
    // "|2/30" with the caret after a new "1": "1|2/30" is already full.
    let typed = format_expiry("12/30", 1, InputKind::Other);
    assert_eq!((typed.text(), typed.caret()), ("12/30", 1));
    // "2|/30": a 2 typed first becomes "02", caret after the 2.
    let typed = format_expiry("2/30", 1, InputKind::Other);
    assert_eq!((typed.text(), typed.caret()), ("02/30", 2));
    // Digits without the slash, caret after the month's first digit.
    let typed = format_expiry("1230", 1, InputKind::Other);
    assert_eq!((typed.text(), typed.caret()), ("12/30", 1));
}
