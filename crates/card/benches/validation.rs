//! Criterion benchmarks for kassa-card: full card validation, brand detection
//! on every prefix, formatting, and number validation against the
//! `card-validate` crate in the same run. Figures go in docs/benchmarks.md.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kassa_card::{
    CardNumber, Date, Expiry, InputKind, SecurityCode, detect, format_card_number, format_expiry,
};

/// A mix of brands and lengths, all valid.
const NUMBERS: &[&str] = &[
    "4242424242424242",
    "5555555555554444",
    "378282246310005",
    "6011111111111117",
    "3566002020360505",
    "2223003122003222",
    "36227206271667",
    "6200000000000005",
];

fn full_card_validation(c: &mut Criterion) {
    let today = Date::new(2026, 11, 21).expect("a real date");
    c.bench_function("validate_card/number+brand+expiry+cvv", |b| {
        b.iter(|| {
            let card = CardNumber::parse(black_box("4242 4242 4242 4242")).expect("valid");
            let expiry = Expiry::parse_valid(black_box("12/30"), today).expect("valid");
            let cvv = SecurityCode::parse(black_box("123"), Some(card.brand())).expect("valid");
            black_box((card.brand(), expiry, cvv.len()))
        })
    });
}

fn each_step_alone(c: &mut Criterion) {
    let today = Date::new(2026, 11, 21).expect("a real date");
    c.bench_function("step/detect_full_number", |b| {
        b.iter(|| detect(black_box("4242424242424242")))
    });
    c.bench_function("step/card_number_parse", |b| {
        b.iter(|| CardNumber::parse(black_box("4242 4242 4242 4242")).map(|card| card.brand()))
    });
    c.bench_function("step/expiry_parse_valid", |b| {
        b.iter(|| Expiry::parse_valid(black_box("12/30"), today))
    });
    c.bench_function("step/security_code_parse", |b| {
        b.iter(|| {
            SecurityCode::parse(black_box("123"), Some(kassa_card::Brand::Visa))
                .map(|code| code.len())
        })
    });
}

fn number_validation_against_peer(c: &mut Criterion) {
    let mut group = c.benchmark_group("number_validation_8_cards");
    group.bench_function("kassa-card", |b| {
        b.iter(|| {
            for number in NUMBERS {
                black_box(
                    CardNumber::parse(black_box(number))
                        .map(|card| card.brand())
                        .is_ok(),
                );
            }
        })
    });
    group.bench_function("card-validate 2.4", |b| {
        b.iter(|| {
            for number in NUMBERS {
                black_box(card_validate::Validate::from(black_box(number)).is_ok());
            }
        })
    });
    group.finish();
}

fn detection_while_typing(c: &mut Criterion) {
    let number = "4242424242424242";
    c.bench_function("detect/every_prefix_of_16_digits", |b| {
        b.iter(|| {
            for length in 1..=number.len() {
                black_box(detect(black_box(&number[..length])));
            }
        })
    });
    c.bench_function("detect/single_digit_5", |b| {
        b.iter(|| black_box(detect(black_box("5"))))
    });
}

fn formatting(c: &mut Criterion) {
    c.bench_function("format/card_number_16_digits", |b| {
        b.iter(|| format_card_number(black_box("4242424242424242"), 16, InputKind::Other))
    });
    c.bench_function("format/expiry", |b| {
        b.iter(|| format_expiry(black_box("1230"), 4, InputKind::Other))
    });
}

criterion_group!(
    benches,
    full_card_validation,
    each_step_alone,
    number_validation_against_peer,
    detection_while_typing,
    formatting
);
criterion_main!(benches);
