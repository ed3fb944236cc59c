//! Behaviour tests for cardholder names (`CardholderName`): every script,
//! real-world punctuation, the 30-character limit and the inputs refused.

use kassa_card::{CardholderName, NameError};

fn parsed(text: &str) -> String {
    match CardholderName::parse(text) {
        Ok(name) => name.as_str().to_owned(),
        Err(error) => panic!("{text:?} was refused: {error}"),
    }
}

#[test]
fn names_with_accents_are_accepted_as_written() {
    for name in [
        "José Müller",
        "Zoë Ångström",
        "François Lefèvre",
        "Łukasz Żółć",
        "Søren Kierkegård",
    ] {
        assert_eq!(parsed(name), name);
    }
}

#[test]
fn decomposed_accents_are_accepted() {
    let name = "Jose\u{301} Mu\u{308}ller";
    assert_eq!(parsed(name), name);
}

#[test]
fn hebrew_names_are_accepted_with_or_without_points() {
    assert_eq!(parsed("ישראל ישראלי"), "ישראל ישראלי");
    assert_eq!(parsed("שָׁלוֹם כֹּהֵן"), "שָׁלוֹם כֹּהֵן");
}

#[test]
fn cyrillic_arabic_and_cjk_names_are_accepted() {
    for name in [
        "Иван Петров",
        "محمد علي",
        "王小明",
        "山田 太郎",
        "김민수",
        "Νίκος Παπαδόπουλος",
    ] {
        assert_eq!(parsed(name), name);
    }
}

#[test]
fn apostrophes_and_hyphens_are_accepted() {
    for name in [
        "Zoë O'Brien-Smith",
        "Seán O’Connor",
        "D'Angelo Russell",
        "Anne-Marie Dupont",
    ] {
        assert_eq!(parsed(name), name);
    }
}

#[test]
fn initials_suffixes_and_company_lines_are_accepted() {
    for name in [
        "J. R. R. Tolkien",
        "Smith, John",
        "John Smith III",
        "Smith & Sons",
        "John Smith 2nd",
    ] {
        assert_eq!(parsed(name), name);
    }
}

#[test]
fn thirty_characters_is_the_longest_name() {
    let name = "A".repeat(30);
    assert_eq!(parsed(&name), name);
    assert_eq!(
        CardholderName::parse(&"A".repeat(31)),
        Err(NameError::TooLong)
    );
}

#[test]
fn length_is_counted_in_characters_not_bytes() {
    let accented = "é".repeat(30);
    assert_eq!(accented.len(), 60);
    assert_eq!(parsed(&accented), accented);
    let hebrew = "ש".repeat(30);
    assert_eq!(parsed(&hebrew), hebrew);
    let chinese = "王".repeat(30);
    assert_eq!(parsed(&chinese), chinese);

    assert_eq!(
        CardholderName::parse(&"é".repeat(31)),
        Err(NameError::TooLong)
    );
    assert_eq!(
        CardholderName::parse(&"ש".repeat(31)),
        Err(NameError::TooLong)
    );
}

#[test]
fn length_is_counted_after_spaces_are_collapsed() {
    let spaced = format!("  {}     {}  ", "A".repeat(15), "B".repeat(14));
    assert_eq!(parsed(&spaced).chars().count(), 30);
    let too_long = format!("{} {}", "A".repeat(15), "B".repeat(15));
    assert_eq!(CardholderName::parse(&too_long), Err(NameError::TooLong));
}

#[test]
fn whitespace_is_trimmed_and_collapsed_to_single_spaces() {
    assert_eq!(parsed("  Jane \t  Doe\n"), "Jane Doe");
    assert_eq!(parsed("Jane\u{a0}Doe"), "Jane Doe");
    assert_eq!(parsed("Jane\u{3000}Doe"), "Jane Doe");
    assert_eq!(parsed("  Zoë   O'Brien-Smith "), "Zoë O'Brien-Smith");
}

#[test]
fn a_name_of_only_spaces_is_empty() {
    for text in ["", " ", "\t\n ", "\u{a0}"] {
        assert_eq!(
            CardholderName::parse(text),
            Err(NameError::Empty),
            "{text:?}"
        );
    }
}

#[test]
fn a_name_of_only_digits_has_no_letter() {
    for text in ["12345", "1", "12345678901", "12 34", "-", "'.'", "1-2"] {
        assert_eq!(
            CardholderName::parse(text),
            Err(NameError::NoLetter),
            "{text:?}"
        );
    }
}

#[test]
fn a_card_number_typed_into_the_name_field_is_recognised() {
    for text in [
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        "4242424242424242",
        "3782 822463 10005",
        "123456789012",
        " 4242 4242 4242 4242 ",
    ] {
        assert_eq!(
            CardholderName::parse(text),
            Err(NameError::LooksLikeCardNumber),
            "{text:?}"
        );
    }
}

#[test]
fn control_characters_are_refused() {
    for text in [
        "Jane\u{0}Doe",
        "Jane\u{7}Doe",
        "Jane\u{1b}[31mDoe",
        "Jane\u{7f}",
        "Jane\u{200b}Doe",
        "Jane\u{202e}eoD",
    ] {
        assert_eq!(
            CardholderName::parse(text),
            Err(NameError::InvalidCharacter),
            "{text:?}"
        );
    }
}

#[test]
fn symbols_names_do_not_have_are_refused() {
    for text in [
        "Jane <script>",
        "jane@example.com",
        "Jane 😀",
        "Jane_Doe",
        "Jane#1",
        "Jane (Doe)",
    ] {
        assert_eq!(
            CardholderName::parse(text),
            Err(NameError::InvalidCharacter),
            "{text:?}"
        );
    }
}

#[test]
fn display_and_from_str_agree_with_parse() {
    let name: CardholderName = "  Jane   Doe ".parse().unwrap();
    assert_eq!(name.to_string(), "Jane Doe");
    assert_eq!(name, CardholderName::parse("Jane Doe").unwrap());
    assert_eq!("".parse::<CardholderName>(), Err(NameError::Empty));
}
