//! Brand detection as the shopper types and on full numbers, name lookup, and
//! the facts in the brand table.

use kassa_card::{
    Brand, BrandSet, Checksum, SecurityCodeName, UnknownBrand, detect, luhn_check_digit, test_cards,
};

fn set(brands: &[Brand]) -> BrandSet {
    brands.iter().copied().collect()
}

/// Asserts the exact candidate set for `input`.
fn assert_candidates(input: &str, expected: &[Brand]) {
    let detection = detect(input);
    assert_eq!(
        detection.brands(),
        set(expected),
        "{input:?} gave {detection:?}"
    );
}

/// `prefix` completed with zeros and a Luhn check digit to `length` digits.
fn complete(prefix: &str, length: usize) -> String {
    let mut number = format!("{prefix:0<width$}", width = length - 1);
    let check = luhn_check_digit(&number).expect("digits only");
    number.push(char::from(b'0' + check));
    number
}

// Detection while typing: the first digit.

#[test]
fn four_is_visa_alone() {
    let detection = detect("4");
    assert_candidates("4", &[Brand::Visa]);
    assert_eq!(detection.single(), Some(Brand::Visa));
    assert_eq!(detection.primary(), Some(Brand::Visa));
    assert!(!detection.is_co_badged());
}

#[test]
fn five_is_mastercard_or_maestro() {
    let detection = detect("5");
    assert_candidates("5", &[Brand::Mastercard, Brand::Maestro]);
    assert_eq!(detection.single(), None);
    assert_eq!(detection.primary(), None);
    assert_eq!(
        detection.brands().iter().collect::<Vec<_>>(),
        [Brand::Mastercard, Brand::Maestro],
        "candidates come in table order"
    );
}

#[test]
fn two_is_mastercard_jcb_or_mir() {
    // mada's 2233…, 2240… and 242030 BINs sit inside Mastercard's 2221-2720,
    // so they are held back until reached.
    assert_candidates("2", &[Brand::Mastercard, Brand::Jcb, Brand::Mir]);
    assert_eq!(detect("2").primary(), None);
    assert_candidates("22", &[Brand::Mastercard, Brand::Mir]);
}

#[test]
fn three_is_amex_diners_or_jcb() {
    // RuPay's 353800 lies inside JCB's 3528-3589, Hipercard's 3841x0 inside
    // Diners' 38: both held back.
    assert_candidates(
        "3",
        &[Brand::AmericanExpress, Brand::DinersClub, Brand::Jcb],
    );
    assert_eq!(detect("3").primary(), None);
    assert_candidates("35", &[Brand::Jcb]);
    assert_candidates("38", &[Brand::DinersClub]);
}

#[test]
fn six_is_discover_unionpay_maestro_hipercard_rupay_or_mada() {
    // Elo, Hiper and Verve BINs all nest inside 62, 63 or 65; Hipercard's
    // 606282, RuPay's 603741/606985… and mada's 604906/605141 nest in nothing.
    assert_candidates(
        "6",
        &[
            Brand::Discover,
            Brand::UnionPay,
            Brand::Maestro,
            Brand::Hipercard,
            Brand::RuPay,
            Brand::Mada,
        ],
    );
    assert_eq!(detect("6").primary(), None);
    assert_candidates("62", &[Brand::UnionPay]);
    assert_candidates("63", &[Brand::Maestro]);
    assert_candidates("65", &[Brand::Discover]);
}

#[test]
fn one_is_uatp_until_jcbs_1800_is_typed() {
    for prefix in ["1", "18", "180"] {
        assert_candidates(prefix, &[Brand::Uatp]);
    }
    assert_candidates("1800", &[Brand::Jcb]);
    assert_eq!(detect("1800").primary(), Some(Brand::Jcb));
    assert_candidates("1801", &[Brand::Uatp]);
}

#[test]
fn an_empty_field_keeps_every_top_level_brand_open() {
    let detection = detect("");
    for brand in [
        Brand::Visa,
        Brand::Mastercard,
        Brand::AmericanExpress,
        Brand::Discover,
        Brand::UnionPay,
        Brand::Uatp,
    ] {
        assert!(detection.brands().contains(brand), "{brand:?}");
    }
    assert!(!detection.brands().contains(Brand::Isracard));
    assert_eq!(detection.primary(), None);
    assert_eq!(detection.max_length(), 19);
}

// Boundaries.

#[test]
fn mastercard_starts_at_2221_and_ends_at_2720() {
    assert!(!detect("2220").brands().contains(Brand::Mastercard));
    assert_candidates("2221", &[Brand::Mastercard]);
    assert_candidates("2720", &[Brand::Mastercard]);
    assert!(!detect("2721").brands().contains(Brand::Mastercard));
    assert!(detect("222").brands().contains(Brand::Mastercard));
    assert!(detect("272").brands().contains(Brand::Mastercard));
    assert!(!detect("273").brands().contains(Brand::Mastercard));
    assert_candidates("51", &[Brand::Mastercard]);
    assert_candidates("55", &[Brand::Mastercard]);
}

#[test]
fn mir_is_2200_to_2204() {
    assert_candidates("220", &[Brand::Mir]);
    for prefix in ["2200", "2201", "2202", "2203", "2204"] {
        assert_candidates(prefix, &[Brand::Mir]);
        assert_eq!(detect(prefix).primary(), Some(Brand::Mir));
    }
    assert!(!detect("2205").brands().contains(Brand::Mir));
    assert!(!detect("2199").brands().contains(Brand::Mir));
}

#[test]
fn amex_is_34_and_37() {
    for prefix in ["34", "37"] {
        let detection = detect(prefix);
        assert_eq!(detection.single(), Some(Brand::AmericanExpress), "{prefix}");
        assert_eq!(detection.max_length(), 15);
        assert_eq!(detection.gaps(), &[4, 10]);
    }
    for prefix in ["33", "35", "36", "38"] {
        assert!(
            !detect(prefix).brands().contains(Brand::AmericanExpress),
            "{prefix}"
        );
    }
}

/// Every brand with IIN ranges is the primary brand at the first and the last
/// prefix of each of its ranges; any other brand reported beside it must be
/// one of its co-badged networks.
mod each_iin_range_end_detects_as_primary {
    use kassa_card::{Brand, detect};

    fn check(brand: Brand) {
        let ranges: Vec<_> = brand.iin_ranges().collect();
        assert!(!ranges.is_empty(), "{brand:?} has no ranges");
        let mut failures = Vec::new();
        for (first, last) in ranges {
            for end in [first, last] {
                let prefix = end.to_string();
                let detection = detect(&prefix);
                let others_are_co_badges = detection
                    .brands()
                    .iter()
                    .filter(|&other| other != brand)
                    .all(|other| brand.co_badges().contains(&other));
                let ok = detection.primary() == Some(brand)
                    && detection.brands().contains(brand)
                    && others_are_co_badges
                    && detection.is_co_badged() == (detection.brands().len() > 1);
                if !ok {
                    failures.push((prefix, detection));
                }
            }
        }
        assert!(failures.is_empty(), "{brand:?}: {failures:#?}");
    }

    macro_rules! brands {
        ($($(#[$attribute:meta])* $name:ident => $brand:ident,)*) => {
            $(
                #[test]
                $(#[$attribute])*
                fn $name() {
                    check(Brand::$brand);
                }
            )*
            /// The brands with a test above, in table order.
            pub(super) const TESTED: &[Brand] = &[$(Brand::$brand),*];
        };
    }

    brands! {
        visa => Visa,
        mastercard => Mastercard,
        american_express => AmericanExpress,
        diners_club => DinersClub,
        discover => Discover,
        jcb => Jcb,
        unionpay => UnionPay,
        maestro => Maestro,
        mir => Mir,
        elo => Elo,
        hiper => Hiper,
        hipercard => Hipercard,
        verve => Verve,
        troy => Troy,
        rupay => RuPay,
        dankort => Dankort,
        uatp => Uatp,
        mada => Mada,
        cartes_bancaires => CartesBancaires,
    }
}

#[test]
fn every_brand_but_isracard_has_a_range_end_test() {
    let expected: Vec<Brand> = Brand::ALL
        .iter()
        .copied()
        .filter(|&brand| brand != Brand::Isracard)
        .collect();
    assert_eq!(each_iin_range_end_detects_as_primary::TESTED, expected);
}

#[test]
fn a_mada_bin_inside_a_cartes_bancaires_range_is_mada() {
    let detection = detect("513213");
    assert_eq!(detection.primary(), Some(Brand::Mada), "{detection:?}");
    assert!(detection.brands().contains(Brand::Mastercard));
    assert!(detection.is_co_badged());
}

// Full numbers.

#[test]
fn every_public_test_card_is_detected_as_its_brand() {
    for card in test_cards().filter(|card| card.brand() != Brand::Isracard) {
        let detection = detect(card.number());
        assert_eq!(
            detection.primary(),
            Some(card.brand()),
            "{} gave {detection:?}",
            card.number()
        );
    }
}

#[test]
fn spaces_and_dashes_do_not_change_the_detection() {
    assert_eq!(detect("4242 4242 4242 4242"), detect("4242424242424242"));
    assert_eq!(
        detect("3782-822463-10005").single(),
        Some(Brand::AmericanExpress)
    );
    assert_eq!(detect("4571 0000 0000 0001"), detect("4571000000000001"));
}

#[test]
fn a_pasted_no_break_space_separates_like_a_space() {
    assert_eq!(detect("4571\u{a0}0000"), detect("4571 0000"));
    assert_eq!(detect("4242\u{a0}4242").single(), Some(Brand::Visa));
}

// Co-badged cards.

#[test]
fn visa_dankort_reports_both_networks() {
    let detection = detect("4571");
    assert_eq!(detection.brands(), set(&[Brand::Visa, Brand::Dankort]));
    assert_eq!(detection.primary(), Some(Brand::Dankort));
    assert!(detection.is_co_badged());
    assert_eq!(detection.single(), None);
}

#[test]
fn dankorts_own_range_is_dankort_alone() {
    let detection = detect("5019");
    assert_eq!(detection.single(), Some(Brand::Dankort));
    assert!(!detection.is_co_badged());
}

#[test]
fn a_mada_bin_on_visa_reports_both_networks() {
    let detection = detect("440647");
    assert_eq!(detection.brands(), set(&[Brand::Visa, Brand::Mada]));
    assert_eq!(detection.primary(), Some(Brand::Mada));
    assert!(detection.is_co_badged());
    assert_eq!(detect(&complete("440647", 16)), detection);
}

#[test]
fn a_cartes_bancaires_bin_on_visa_reports_both_networks() {
    let detection = detect("403550");
    assert_eq!(
        detection.brands(),
        set(&[Brand::Visa, Brand::CartesBancaires])
    );
    assert_eq!(detection.primary(), Some(Brand::CartesBancaires));
    assert!(detection.is_co_badged());
}

#[test]
fn a_cartes_bancaires_bin_on_mastercard_reports_both_networks() {
    for bin in ["513000", "513500", "513799"] {
        let detection = detect(bin);
        assert_eq!(
            detection.brands(),
            set(&[Brand::Mastercard, Brand::CartesBancaires]),
            "{bin}"
        );
        assert_eq!(detection.primary(), Some(Brand::CartesBancaires));
        assert!(detection.is_co_badged());
    }
    assert!(!detect("513800").brands().contains(Brand::CartesBancaires));
}

#[test]
fn a_plain_card_is_not_co_badged() {
    for number in ["4242424242424242", "5555555555554444", "378282246310005"] {
        assert!(!detect(number).is_co_badged(), "{number}");
    }
}

// Nested BINs.

#[test]
fn elo_bin_typed_in_full_is_elo_alone() {
    for prefix in ["4", "40", "401", "4011", "40117"] {
        assert_eq!(detect(prefix).single(), Some(Brand::Visa), "{prefix}");
    }
    for number in ["401178", "401179", "4011 7812 3456 7890"] {
        let detection = detect(number);
        assert_eq!(detection.single(), Some(Brand::Elo), "{number}");
        assert!(!detection.is_co_badged());
    }
    assert_eq!(detect("401177").single(), Some(Brand::Visa));
}

// Nothing to detect.

#[test]
fn an_unknown_first_digit_is_empty() {
    for prefix in ["0", "7", "00", "70", "0000 0000"] {
        let detection = detect(prefix);
        assert!(detection.is_empty(), "{prefix}: {detection:?}");
        assert_eq!(detection.primary(), None);
        assert_eq!(detection.max_length(), 19);
    }
}

#[test]
fn non_digit_input_is_empty() {
    for input in ["x", "4x", "4242.4242", "4242/4242", "٤٢٤٢", "４２４２"] {
        assert!(detect(input).is_empty(), "{input:?}");
    }
}

// Names.

#[test]
fn from_name_finds_a_brand_by_id_company_code_or_display_name() {
    assert_eq!(
        Brand::from_name("american-express"),
        Some(Brand::AmericanExpress)
    );
    assert_eq!(Brand::from_name("AX"), Some(Brand::AmericanExpress));
    assert_eq!(
        Brand::from_name("American Express"),
        Some(Brand::AmericanExpress)
    );
    assert_eq!(Brand::from_name("mc"), Some(Brand::Mastercard));
    assert_eq!(Brand::from_name("MASTERCARD"), Some(Brand::Mastercard));
    assert_eq!(Brand::from_name("  visa  "), Some(Brand::Visa));
    assert_eq!(
        Brand::from_name("Cartes Bancaires"),
        Some(Brand::CartesBancaires)
    );
    assert_eq!(
        Brand::from_name("cartes-bancaires"),
        Some(Brand::CartesBancaires)
    );
}

#[test]
fn every_brand_is_found_by_each_of_its_names() {
    for &brand in Brand::ALL {
        for name in [brand.id(), brand.company_code(), brand.display_name()] {
            assert_eq!(Brand::from_name(name), Some(brand), "{name:?}");
            assert_eq!(name.parse::<Brand>(), Ok(brand), "{name:?}");
            assert_eq!(
                Brand::from_name(&name.to_ascii_uppercase()),
                Some(brand),
                "{name:?}"
            );
        }
        assert_eq!(brand.to_string(), brand.display_name());
    }
}

#[test]
fn an_unknown_name_is_refused() {
    for name in ["", "nope", "visa electron", "american express card", "V"] {
        assert_eq!(Brand::from_name(name), None, "{name:?}");
        assert_eq!(name.parse::<Brand>(), Err(UnknownBrand), "{name:?}");
    }
}

// Table facts.

#[test]
fn visa_issues_13_16_and_19_digits_with_a_three_digit_cvv() {
    let visa = Brand::Visa;
    assert_eq!(visa.id(), "visa");
    assert_eq!(visa.company_code(), "VI");
    assert_eq!(visa.lengths(), &[13, 16, 19]);
    assert_eq!(visa.max_length(), 19);
    assert_eq!(visa.gaps(), &[4, 8, 12, 16]);
    assert_eq!(visa.security_code_name(), Some(SecurityCodeName::Cvv));
    assert_eq!(visa.security_code_size(), 3);
    assert_eq!(visa.checksum(), Checksum::Luhn);
    assert_eq!(visa.iin_ranges().collect::<Vec<_>>(), [(4, 4)]);
}

#[test]
fn amex_groups_four_six_five_with_a_four_digit_cid() {
    let amex = Brand::AmericanExpress;
    assert_eq!(amex.lengths(), &[15]);
    assert_eq!(amex.gaps(), &[4, 10]);
    assert_eq!(amex.security_code_name(), Some(SecurityCodeName::Cid));
    assert_eq!(amex.security_code_size(), 4);
    assert_eq!(amex.checksum(), Checksum::Luhn);
    assert_eq!(amex.iin_ranges().collect::<Vec<_>>(), [(34, 34), (37, 37)]);
}

#[test]
fn diners_groups_four_six_and_issues_14_to_19_digits() {
    let diners = Brand::DinersClub;
    assert_eq!(diners.lengths(), &[14, 15, 16, 17, 18, 19]);
    assert_eq!(diners.gaps(), &[4, 10]);
    assert_eq!(diners.security_code_name(), Some(SecurityCodeName::Cvv));
    assert_eq!(diners.security_code_size(), 3);
    assert_eq!(diners.company_code(), "DC");
}

#[test]
fn unionpay_does_not_require_luhn() {
    let unionpay = Brand::UnionPay;
    assert_eq!(unionpay.checksum(), Checksum::LuhnNotRequired);
    assert_eq!(unionpay.security_code_name(), Some(SecurityCodeName::Cvn));
    assert_eq!(unionpay.security_code_size(), 3);
    assert_eq!(unionpay.lengths(), &[14, 15, 16, 17, 18, 19]);
    assert_eq!(unionpay.gaps(), &[4, 8, 12, 16]);
}

#[test]
fn uatp_has_no_security_code() {
    let uatp = Brand::Uatp;
    assert_eq!(uatp.security_code_name(), None);
    assert_eq!(uatp.security_code_size(), 0);
    assert_eq!(uatp.lengths(), &[15]);
    assert_eq!(uatp.gaps(), &[4, 9]);
}

#[test]
fn isracard_has_eight_or_nine_digits_and_no_iin_range() {
    let isracard = Brand::Isracard;
    assert_eq!(isracard.lengths(), &[8, 9]);
    assert_eq!(isracard.max_length(), 9);
    assert_eq!(isracard.checksum(), Checksum::Isracard);
    assert_eq!(isracard.iin_ranges().count(), 0);
    assert_eq!(isracard.security_code_size(), 3);
}

#[test]
fn each_network_names_its_own_security_code() {
    assert_eq!(
        Brand::Mastercard.security_code_name(),
        Some(SecurityCodeName::Cvc)
    );
    assert_eq!(
        Brand::Discover.security_code_name(),
        Some(SecurityCodeName::Cid)
    );
    assert_eq!(Brand::Discover.security_code_size(), 3);
    assert_eq!(
        Brand::Mir.security_code_name(),
        Some(SecurityCodeName::Cvp2)
    );
    assert_eq!(Brand::Elo.security_code_name(), Some(SecurityCodeName::Cve));
    assert_eq!(SecurityCodeName::Cvp2.to_string(), "CVP2");
}

#[test]
fn co_badged_brands_name_their_partner_networks() {
    assert_eq!(Brand::Dankort.co_badges(), &[Brand::Visa]);
    assert_eq!(Brand::Mada.co_badges(), &[Brand::Visa, Brand::Mastercard]);
    assert_eq!(
        Brand::CartesBancaires.co_badges(),
        &[Brand::Visa, Brand::Mastercard]
    );
    assert!(Brand::Visa.co_badges().is_empty());
}

#[test]
fn every_brand_has_sorted_lengths_gaps_within_them_and_a_source() {
    for &brand in Brand::ALL {
        let lengths = brand.lengths();
        assert!(!lengths.is_empty(), "{brand:?}");
        assert!(
            lengths.windows(2).all(|pair| pair[0] < pair[1]),
            "{brand:?}"
        );
        assert_eq!(brand.max_length(), *lengths.last().unwrap_or(&0));
        assert!(
            brand.gaps().iter().all(|&gap| gap <= brand.max_length()),
            "{brand:?}"
        );
        assert!(!brand.source().is_empty(), "{brand:?}");
    }
}

#[test]
fn every_iin_range_is_written_with_equal_length_ends_in_order() {
    for &brand in Brand::ALL {
        for (first, last) in brand.iin_ranges() {
            assert!(first <= last, "{brand:?} {first}-{last}");
            assert_eq!(
                first.to_string().len(),
                last.to_string().len(),
                "{brand:?} {first}-{last}"
            );
        }
    }
}

#[test]
fn no_two_brands_share_an_identical_iin_range() {
    let mut shared = Vec::new();
    for (index, &brand) in Brand::ALL.iter().enumerate() {
        for &other in &Brand::ALL[index + 1..] {
            for range in brand.iin_ranges() {
                if other.iin_ranges().any(|other_range| other_range == range) {
                    shared.push((brand, other, range));
                }
            }
        }
    }
    assert!(shared.is_empty(), "{shared:?}");
}
