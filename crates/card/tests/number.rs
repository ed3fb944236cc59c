//! Card numbers: parsing, the while-typing status, masking, and generated
//! numbers.

use std::collections::BTreeSet;

use kassa_card::{
    Brand, BrandSet, CardNumber, CardNumberError, generate_card_number, is_luhn_valid,
    luhn_check_digit, test_cards,
};

/// `prefix` completed with a Luhn check digit.
fn with_check_digit(prefix: &str) -> String {
    let check = luhn_check_digit(prefix).expect("digits only");
    format!("{prefix}{check}")
}

/// `number` with its last digit changed so the Luhn check fails.
fn with_wrong_check_digit(number: &str) -> String {
    let (body, last) = number.split_at(number.len() - 1);
    let wrong = (last.parse::<u8>().expect("a digit") + 1) % 10;
    format!("{body}{wrong}")
}

fn parse_ok(input: &str) -> CardNumber {
    CardNumber::parse(input).unwrap_or_else(|error| panic!("{input:?}: {error:?}"))
}

// Parsing.

#[test]
fn every_public_test_card_parses_as_its_brand() {
    for card in test_cards() {
        let parsed = parse_ok(card.number());
        assert_eq!(parsed.brand(), card.brand(), "{}", card.number());
        assert_eq!(parsed.expose_digits(), card.number());
        assert_eq!(parsed.len(), card.number().len());
        assert!(!parsed.is_empty());
        assert!(parsed.brand().lengths().contains(&(parsed.len() as u8)));
    }
}

#[test]
fn every_brand_has_a_public_test_card() {
    for &brand in Brand::ALL {
        assert!(
            test_cards().any(|card| card.brand() == brand),
            "{brand:?} has no test card"
        );
    }
}

#[test]
fn spaces_dashes_and_a_pasted_no_break_space_separate_digits() {
    let plain = parse_ok("4242424242424242");
    for input in [
        "4242 4242 4242 4242",
        "4242-4242-4242-4242",
        "4242\u{a0}4242\u{a0}4242\u{a0}4242",
        "  4242 4242-4242\u{a0}4242  ",
        "4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2",
    ] {
        let parsed = parse_ok(input);
        assert_eq!(parsed, plain, "{input:?}");
        assert_eq!(parsed.expose_digits(), "4242424242424242");
    }
    let amex = parse_ok("3782-822463-10005");
    assert_eq!(amex.brand(), Brand::AmericanExpress);
    assert_eq!(amex.expose_digits(), "378282246310005");
}

#[test]
fn an_invalid_character_is_reported_at_its_character_index() {
    assert_eq!(
        CardNumber::parse("4242 é242 4242 4242"),
        Err(CardNumberError::InvalidCharacter { index: 5 })
    );
    // The no-break space takes two bytes; the index still counts it as one.
    assert_eq!(
        CardNumber::parse("4242\u{a0}42é2 4242 4242"),
        Err(CardNumberError::InvalidCharacter { index: 7 })
    );
    assert_eq!(
        CardNumber::parse("é\u{a0}€x"),
        Err(CardNumberError::InvalidCharacter { index: 0 })
    );
    assert_eq!(
        CardNumber::parse("4242\u{a0}\u{a0}€"),
        Err(CardNumberError::InvalidCharacter { index: 6 })
    );
    assert_eq!(
        CardNumber::parse("4242.4242.4242.4242"),
        Err(CardNumberError::InvalidCharacter { index: 4 })
    );
}

#[test]
fn digits_other_than_ascii_are_invalid_characters() {
    assert_eq!(
        CardNumber::parse("４２４２４２４２４２４２４２４２"),
        Err(CardNumberError::InvalidCharacter { index: 0 })
    );
    assert_eq!(
        CardNumber::parse("4242 ٤٢٤٢ 4242 4242"),
        Err(CardNumberError::InvalidCharacter { index: 5 })
    );
}

#[test]
fn an_empty_field_is_empty() {
    for input in ["", "   ", " - ", "\u{a0}"] {
        assert_eq!(
            CardNumber::parse(input),
            Err(CardNumberError::Empty),
            "{input:?}"
        );
    }
}

#[test]
fn too_few_digits_is_too_short() {
    for input in ["4", "4242 4242", "42424242424", "7"] {
        assert_eq!(
            CardNumber::parse(input),
            Err(CardNumberError::TooShort),
            "{input:?}"
        );
    }
}

#[test]
fn twenty_digits_is_too_long() {
    assert_eq!(
        CardNumber::parse("42424242424242424242"),
        Err(CardNumberError::TooLong)
    );
    assert_eq!(
        CardNumber::parse("4242 4242 4242 4242 4242 4242"),
        Err(CardNumberError::TooLong)
    );
}

#[test]
fn a_length_the_brand_does_not_issue_is_a_length_error() {
    assert_eq!(
        CardNumber::parse("4242 4242 4242 42"),
        Err(CardNumberError::Length { brand: Brand::Visa })
    );
    assert_eq!(
        CardNumber::parse("3782 822463 1000"),
        Err(CardNumberError::Length {
            brand: Brand::AmericanExpress
        })
    );
    assert_eq!(
        CardNumber::parse("5555 5555 5555 4444 1"),
        Err(CardNumberError::Length {
            brand: Brand::Mastercard
        })
    );
}

#[test]
fn a_wrong_check_digit_is_a_checksum_error() {
    assert_eq!(
        CardNumber::parse("4242 4242 4242 4241"),
        Err(CardNumberError::Checksum)
    );
    for card in test_cards()
        .filter(|card| card.brand() != Brand::UnionPay && card.brand() != Brand::Isracard)
    {
        assert_eq!(
            CardNumber::parse(&with_wrong_check_digit(card.number())),
            Err(CardNumberError::Checksum),
            "{}",
            card.number()
        );
    }
}

#[test]
fn a_number_no_network_issues_is_an_unknown_brand() {
    for input in ["7000 0000 0000 0000", "0000 0000 0000 0000"] {
        assert_eq!(
            CardNumber::parse(input),
            Err(CardNumberError::UnknownBrand),
            "{input:?}"
        );
    }
}

#[test]
fn a_unionpay_number_that_fails_luhn_still_parses() {
    let number = "6200000000000001";
    assert!(!is_luhn_valid(number));
    let card = parse_ok(number);
    assert_eq!(card.brand(), Brand::UnionPay);
    assert_eq!(card.expose_digits(), number);
}

#[test]
fn a_thirteen_digit_visa_parses() {
    let card = parse_ok("4222 2222 2222 2");
    assert_eq!(card.brand(), Brand::Visa);
    assert_eq!(card.len(), 13);
}

#[test]
fn a_nineteen_digit_visa_parses() {
    let number = with_check_digit("424242424242424242");
    let card = parse_ok(&number);
    assert_eq!(card.brand(), Brand::Visa);
    assert_eq!(card.len(), 19);
}

#[test]
fn isracard_numbers_have_eight_or_nine_digits() {
    let eight = parse_ok("10830529");
    assert_eq!(eight.brand(), Brand::Isracard);
    assert_eq!(eight.len(), 8);
    assert_eq!(eight.networks(), [Brand::Isracard].into_iter().collect());

    let nine = parse_ok("010830529");
    assert_eq!(nine.brand(), Brand::Isracard);
    assert_eq!(nine.len(), 9);
    assert_eq!(nine.expose_digits(), "010830529");
}

#[test]
fn an_isracard_number_failing_its_check_is_refused() {
    for input in ["10830528", "010830528", "10830592"] {
        assert_eq!(
            CardNumber::parse(input),
            Err(CardNumberError::TooShort),
            "{input:?}"
        );
    }
}

#[test]
fn from_str_and_try_from_parse_the_same_way() {
    for input in ["4242 4242 4242 4242", "4242 4242 4242 4241", "", "42x"] {
        let parsed = CardNumber::parse(input);
        assert_eq!(input.parse::<CardNumber>(), parsed, "{input:?}");
        assert_eq!(CardNumber::try_from(input), parsed, "{input:?}");
    }
}

// Co-badged cards.

#[test]
fn a_co_badged_card_lists_every_network_it_runs_on() {
    let cases: [(&str, Brand, &[Brand]); 5] = [
        (
            "4571 0000 0000 0001",
            Brand::Dankort,
            &[Brand::Visa, Brand::Dankort],
        ),
        (
            "4464 0400 0000 0007",
            Brand::Mada,
            &[Brand::Visa, Brand::Mada],
        ),
        (
            "4035 5010 0000 0008",
            Brand::CartesBancaires,
            &[Brand::Visa, Brand::CartesBancaires],
        ),
        (
            &with_check_digit("513500123456789"),
            Brand::CartesBancaires,
            &[Brand::Mastercard, Brand::CartesBancaires],
        ),
        ("4242 4242 4242 4242", Brand::Visa, &[Brand::Visa]),
    ];
    for (input, brand, networks) in cases {
        let card = parse_ok(input);
        assert_eq!(card.brand(), brand, "{input}");
        assert_eq!(
            card.networks(),
            networks.iter().copied().collect::<BrandSet>(),
            "{input}"
        );
    }
}

// Status while typing.

#[test]
fn every_prefix_of_a_valid_number_is_potentially_valid() {
    for number in ["4242424242424242", "378282246310005", "5555555555554444"] {
        for end in 1..number.len() {
            let status = CardNumber::status(&number[..end]);
            assert!(status.is_potentially_valid(), "{}", &number[..end]);
            assert!(status.error().is_some(), "{}", &number[..end]);
        }
        let status = CardNumber::status(number);
        assert!(
            status.is_valid() && status.is_potentially_valid(),
            "{number}"
        );
        assert_eq!(status.error(), None);
    }
}

#[test]
fn an_empty_field_is_potentially_valid_but_not_valid() {
    let status = CardNumber::status("");
    assert!(!status.is_valid());
    assert!(status.is_potentially_valid());
    assert_eq!(status.error(), Some(CardNumberError::Empty));
}

#[test]
fn typing_reports_the_detected_brand() {
    let status = CardNumber::status("4242 4242");
    assert_eq!(status.detection().single(), Some(Brand::Visa));
    assert_eq!(status.error(), Some(CardNumberError::TooShort));
    assert_eq!(
        CardNumber::status("4571\u{a0}0000").detection().primary(),
        Some(Brand::Dankort)
    );
}

#[test]
fn an_invalid_character_is_not_potentially_valid() {
    let status = CardNumber::status("4242x");
    assert!(!status.is_valid());
    assert!(!status.is_potentially_valid());
    assert_eq!(
        status.error(),
        Some(CardNumberError::InvalidCharacter { index: 4 })
    );
    assert!(status.detection().is_empty());
}

#[test]
fn an_unknown_prefix_past_isracards_nine_digits_is_not_potentially_valid() {
    for input in ["7000 0000 00", "0000 0000 0000", "9999999999"] {
        assert!(!CardNumber::status(input).is_potentially_valid(), "{input}");
    }
}

#[test]
fn a_short_unknown_prefix_may_still_become_an_isracard_number() {
    for input in ["7", "70", "0108305"] {
        let status = CardNumber::status(input);
        assert!(status.is_potentially_valid(), "{input}");
        assert!(!status.is_valid(), "{input}");
    }
}

#[test]
fn a_sixteen_digit_visa_failing_luhn_is_potentially_valid_because_visa_issues_19() {
    let status = CardNumber::status("4242 4242 4242 4241");
    assert!(!status.is_valid());
    assert_eq!(status.error(), Some(CardNumberError::Checksum));
    assert!(status.is_potentially_valid());
}

#[test]
fn a_fifteen_digit_amex_failing_luhn_is_not_potentially_valid() {
    let status = CardNumber::status("3782 822463 10006");
    assert_eq!(status.error(), Some(CardNumberError::Checksum));
    assert!(!status.is_potentially_valid());
}

#[test]
fn a_nineteen_digit_visa_failing_luhn_is_not_potentially_valid() {
    let number = with_wrong_check_digit(&with_check_digit("424242424242424242"));
    let status = CardNumber::status(&number);
    assert_eq!(status.error(), Some(CardNumberError::Checksum));
    assert!(!status.is_potentially_valid());
}

#[test]
fn more_digits_than_any_card_is_not_potentially_valid() {
    let status = CardNumber::status("4242 4242 4242 4242 4242");
    assert_eq!(status.error(), Some(CardNumberError::TooLong));
    assert!(!status.is_potentially_valid());
}

#[test]
fn a_prefix_of_a_valid_isracard_number_is_potentially_valid() {
    assert!(CardNumber::status("010830529").is_valid());
    assert!(CardNumber::status("01083052").is_potentially_valid());
}

// Masking.

#[test]
fn a_sixteen_digit_card_masks_all_but_bin_and_last_four() {
    let card = parse_ok("4242 4242 4242 4242");
    assert_eq!(card.masked(), "424242******4242");
    assert_eq!(card.masked_short(), "4242***4242");
    assert_eq!(card.masked_last4(), "•••• 4242");
    assert_eq!(card.last4(), "4242");
    assert_eq!(card.bin(), "424242");
    assert_eq!(card.to_string(), card.masked());

    let mastercard = parse_ok("5555555555554444");
    assert_eq!(mastercard.masked(), "555555******4444");
    assert_eq!(mastercard.masked_short(), "5555***4444");
    assert_eq!(mastercard.masked_last4(), "•••• 4444");
    assert_eq!(mastercard.bin(), "555555");
}

#[test]
fn an_amex_masks_five_middle_digits() {
    let card = parse_ok("378282246310005");
    assert_eq!(card.masked(), "378282*****0005");
    assert_eq!(card.masked_short(), "3782***0005");
    assert_eq!(card.masked_last4(), "•••• 0005");
    assert_eq!(card.last4(), "0005");
    assert_eq!(card.bin(), "378282");
}

#[test]
fn a_nineteen_digit_card_masks_nine_digits() {
    let number = with_check_digit("506100000000000000");
    let card = parse_ok(&number);
    assert_eq!(card.masked().len(), 19);
    assert_eq!(card.masked().matches('*').count(), 9);
    assert!(card.masked().starts_with(&number[..6]));
    assert!(card.masked().ends_with(&number[15..]));
}

#[test]
fn short_cards_hide_at_least_five_digits() {
    let maestro_12 = with_check_digit("67591234567");
    let maestro_13 = with_check_digit("675912345678");
    let diners_14 = String::from("36227206271667");
    for number in [&maestro_12, &maestro_13, &diners_14] {
        let card = parse_ok(number);
        let hidden = number.len() - 4 - shown_prefix(&card.masked());
        assert!(hidden >= 5, "{number}: {}", card.masked());
        let short = card.masked_short();
        let shown_short = short.chars().filter(char::is_ascii_digit).count();
        assert!(number.len() - shown_short >= 5, "{number}: {short}");
        assert!(short.ends_with(card.last4()));
        assert!(!card.masked().contains(&number[..8]));
    }
    let maestro = parse_ok(&maestro_12);
    assert_eq!(maestro.brand(), Brand::Maestro);
    assert_eq!(maestro.masked(), format!("675*****{}", &maestro_12[8..]));
    assert_eq!(
        maestro.masked_short(),
        format!("675***{}", &maestro_12[8..])
    );
}

/// How many leading digits a masked form shows before its first `*`.
fn shown_prefix(masked: &str) -> usize {
    masked.chars().take_while(char::is_ascii_digit).count()
}

#[test]
fn masking_shows_at_most_the_first_six_and_the_last_four_of_every_test_card() {
    for card in test_cards() {
        let parsed = parse_ok(card.number());
        let number = card.number();
        let masked = parsed.masked();
        assert_eq!(masked.chars().count(), number.len(), "{masked}");
        let shown = shown_prefix(&masked);
        assert!(shown <= 6, "{masked}");
        assert!(masked.starts_with(&number[..shown]), "{masked}");
        assert!(masked.ends_with(&number[number.len() - 4..]), "{masked}");
        assert_eq!(masked.matches('*').count(), number.len() - shown - 4);
        assert_eq!(parsed.last4(), &number[number.len() - 4..]);
        assert_eq!(parsed.masked_last4(), format!("•••• {}", parsed.last4()));
    }
}

#[test]
fn an_eight_digit_isracard_shows_only_its_last_four() {
    let card = parse_ok("10830529");
    assert_eq!(card.masked(), "****0529");
    assert_eq!(card.masked_short(), "***0529");
    assert_eq!(format!("{card:?}"), "CardNumber(****0529)");
    assert_eq!(parse_ok("010830529").masked(), "*****0529");
}

#[test]
fn debug_and_display_never_contain_the_number() {
    for canary in [
        with_check_digit("471629385071904"),
        with_check_digit("492039175826403917"),
    ] {
        let card = parse_ok(&canary);
        let wrong = with_wrong_check_digit(&canary);
        let spaced: String = canary
            .chars()
            .enumerate()
            .flat_map(|(index, digit)| {
                (index > 0 && index % 4 == 0)
                    .then_some(' ')
                    .into_iter()
                    .chain([digit])
            })
            .collect();
        let outputs = [
            format!("{card:?}"),
            format!("{card:#?}"),
            format!("{card}"),
            format!("{:?}", CardNumber::parse(&canary)),
            format!("{:?}", card.networks()),
            card.masked(),
            card.masked_short(),
            card.masked_last4(),
            format!("{:?}", CardNumber::parse(&wrong)),
            format!(
                "{}",
                CardNumber::parse(&wrong).expect_err("a checksum error")
            ),
            format!("{:?}", CardNumber::parse(&format!("{canary}x"))),
            format!(
                "{}",
                CardNumber::parse(&format!("{canary}x")).expect_err("an invalid character")
            ),
            format!("{:?}", CardNumber::status(&canary)),
            format!("{:?}", CardNumber::status(&wrong)),
            format!("{:?}", CardNumber::status(&spaced)),
        ];
        let middle = &canary[6..canary.len() - 4];
        for output in &outputs {
            assert!(!output.contains(canary.as_str()), "{output}");
            assert!(!output.contains(wrong.as_str()), "{output}");
            assert!(!output.contains(spaced.as_str()), "{output}");
            assert!(!output.contains(middle), "{output} shows {middle}");
            for window in canary.as_bytes().windows(7) {
                let window = std::str::from_utf8(window).expect("ASCII digits");
                assert!(!output.contains(window), "{output} shows {window}");
            }
        }
        // The masked forms still identify the card.
        assert!(format!("{card:?}").contains(card.last4()));
    }
}

// Generated numbers.

#[test]
fn generated_numbers_parse_as_their_brand() {
    for &brand in Brand::ALL.iter().filter(|&&brand| brand != Brand::Isracard) {
        let mut distinct = BTreeSet::new();
        for seed in 0..300 {
            let number = generate_card_number(brand, seed)
                .unwrap_or_else(|| panic!("{brand:?} seed {seed} gave nothing"));
            let card = parse_ok(&number);
            assert_eq!(card.brand(), brand, "{number} (seed {seed})");
            assert_eq!(card.expose_digits(), number);
            assert!(is_luhn_valid(&number), "{number}");
            assert!(brand.lengths().contains(&(number.len() as u8)));
            distinct.insert(number);
        }
        assert!(
            distinct.len() > 250,
            "{brand:?}: {} distinct",
            distinct.len()
        );
    }
}

#[test]
fn generated_numbers_depend_only_on_the_seed() {
    for &brand in Brand::ALL {
        for seed in [0, 1, 42, u64::MAX] {
            assert_eq!(
                generate_card_number(brand, seed),
                generate_card_number(brand, seed)
            );
        }
    }
    assert_ne!(
        generate_card_number(Brand::Visa, 1),
        generate_card_number(Brand::Visa, 2)
    );
}

#[test]
fn isracard_numbers_are_not_generated() {
    for seed in 0..10 {
        assert_eq!(generate_card_number(Brand::Isracard, seed), None);
    }
}
