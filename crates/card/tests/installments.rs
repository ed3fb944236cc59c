//! Behaviour tests for installment plans (`InstallmentPlan`): splitting a total
//! exactly, the optional first payment, the count bounds and the plans refused.

#![allow(clippy::unwrap_used)]

use kassa_card::{Amount, Currency, InstallmentError, InstallmentPlan, MAX_INSTALLMENTS};
use rust_decimal::Decimal;

fn currency(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

fn amount(text: &str, code: &str) -> Amount {
    Amount::parse(text, currency(code)).unwrap()
}

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn payments(plan: &InstallmentPlan) -> Vec<String> {
    plan.payments().map(|payment| payment.to_string()).collect()
}

fn sum_of_payments(plan: &InstallmentPlan) -> i64 {
    plan.payments().map(Amount::to_minor_units).sum()
}

#[test]
fn one_hundred_in_three_puts_the_extra_cent_in_the_first_payment() {
    let total = amount("100.00", "EUR");
    let plan = InstallmentPlan::new(total, 3, None).unwrap();
    assert_eq!(plan.first_payment().to_string(), "33.34");
    assert_eq!(plan.other_payment().unwrap().to_string(), "33.33");
    assert_eq!(payments(&plan), ["33.34", "33.33", "33.33"]);
    assert_eq!(sum_of_payments(&plan), 10_000);
    assert_eq!(plan.count(), 3);
    assert_eq!(plan.total(), total);
}

#[test]
fn an_even_split_gives_equal_payments() {
    let plan = InstallmentPlan::new(amount("100.00", "USD"), 4, None).unwrap();
    assert_eq!(payments(&plan), ["25.00", "25.00", "25.00", "25.00"]);
}

#[test]
fn payments_are_in_the_total_currency() {
    let plan = InstallmentPlan::new(amount("10", "KWD"), 3, None).unwrap();
    assert!(
        plan.payments()
            .all(|payment| payment.currency() == currency("KWD"))
    );
    assert_eq!(payments(&plan), ["3.334", "3.333", "3.333"]);
}

#[test]
fn a_chosen_first_payment_leaves_the_rest_in_equal_payments() {
    let plan = InstallmentPlan::new(amount("100.00", "EUR"), 4, Some(decimal("40"))).unwrap();
    assert_eq!(plan.first_payment().to_string(), "40.00");
    assert_eq!(plan.other_payment().unwrap().to_string(), "20.00");
    assert_eq!(payments(&plan), ["40.00", "20.00", "20.00", "20.00"]);
}

#[test]
fn a_chosen_first_payment_also_takes_the_rounding_remainder() {
    let plan = InstallmentPlan::new(amount("100.00", "EUR"), 4, Some(decimal("10.01"))).unwrap();
    assert_eq!(payments(&plan), ["10.03", "29.99", "29.99", "29.99"]);
    assert_eq!(sum_of_payments(&plan), 10_000);
}

#[test]
fn a_first_payment_with_trailing_zeros_is_accepted() {
    let plan = InstallmentPlan::new(amount("100", "JPY"), 2, Some(decimal("40.00"))).unwrap();
    assert_eq!(payments(&plan), ["40", "60"]);
}

#[test]
fn a_single_payment_is_the_whole_total() {
    let total = amount("99.99", "USD");
    let plan = InstallmentPlan::new(total, 1, None).unwrap();
    assert_eq!(plan.first_payment(), total);
    assert_eq!(plan.other_payment(), None);
    assert_eq!(payments(&plan), ["99.99"]);
}

#[test]
fn a_single_payment_may_name_the_whole_total_as_its_first_payment() {
    let total = amount("99.99", "USD");
    let plan = InstallmentPlan::new(total, 1, Some(decimal("99.99"))).unwrap();
    assert_eq!(payments(&plan), ["99.99"]);
}

#[test]
fn a_single_payment_with_a_first_payment_below_the_total_is_refused() {
    let total = amount("100.00", "USD");
    assert_eq!(
        InstallmentPlan::new(total, 1, Some(decimal("40"))),
        Err(InstallmentError::FirstPaymentNotBelowTotal)
    );
}

#[test]
fn thirty_six_payments_is_the_most_allowed() {
    assert_eq!(MAX_INSTALLMENTS, 36);
    let plan = InstallmentPlan::new(amount("100.00", "USD"), 36, None).unwrap();
    assert_eq!(plan.count(), 36);
    assert_eq!(plan.payments().count(), 36);
    assert_eq!(plan.first_payment().to_string(), "3.05");
    assert_eq!(plan.other_payment().unwrap().to_string(), "2.77");
    assert_eq!(sum_of_payments(&plan), 10_000);
}

#[test]
fn zero_or_more_than_thirty_six_payments_are_refused() {
    let total = amount("100.00", "USD");
    for count in [0, 37, 100, u8::MAX] {
        assert_eq!(
            InstallmentPlan::new(total, count, None),
            Err(InstallmentError::Count),
            "{count}"
        );
    }
    assert_eq!(
        InstallmentPlan::new(total, 0, Some(decimal("10"))),
        Err(InstallmentError::Count)
    );
}

#[test]
fn a_first_payment_of_zero_or_less_is_refused() {
    let total = amount("100.00", "USD");
    for first in ["0", "0.00", "-10", "-0.01"] {
        assert_eq!(
            InstallmentPlan::new(total, 3, Some(decimal(first))),
            Err(InstallmentError::FirstPaymentNotPositive),
            "{first}"
        );
    }
}

#[test]
fn a_first_payment_equal_to_or_above_the_total_is_refused() {
    let total = amount("100.00", "USD");
    for first in ["100", "100.00", "100.01", "1000"] {
        assert_eq!(
            InstallmentPlan::new(total, 3, Some(decimal(first))),
            Err(InstallmentError::FirstPaymentNotBelowTotal),
            "{first}"
        );
    }
    assert_eq!(
        InstallmentPlan::new(total, 1, Some(decimal("100.01"))),
        Err(InstallmentError::FirstPaymentNotBelowTotal)
    );
}

#[test]
fn an_enormous_first_payment_is_refused_without_panicking() {
    let total = amount("100.00", "USD");
    assert_eq!(
        InstallmentPlan::new(total, 3, Some(Decimal::MAX)),
        Err(InstallmentError::FirstPaymentNotBelowTotal)
    );
    assert_eq!(
        InstallmentPlan::new(total, 3, Some(decimal("100000000000000000000"))),
        Err(InstallmentError::FirstPaymentNotBelowTotal)
    );
}

#[test]
fn a_first_payment_with_more_decimals_than_the_currency_is_refused() {
    assert_eq!(
        InstallmentPlan::new(amount("100.00", "USD"), 3, Some(decimal("10.001"))),
        Err(InstallmentError::FirstPaymentTooPrecise)
    );
    assert_eq!(
        InstallmentPlan::new(amount("1000", "JPY"), 3, Some(decimal("10.5"))),
        Err(InstallmentError::FirstPaymentTooPrecise)
    );
}

#[test]
fn a_total_too_small_for_one_cent_per_payment_is_refused() {
    assert_eq!(
        InstallmentPlan::new(amount("0.02", "USD"), 3, None),
        Err(InstallmentError::TooSmall)
    );
    let plan = InstallmentPlan::new(amount("0.03", "USD"), 3, None).unwrap();
    assert_eq!(payments(&plan), ["0.01", "0.01", "0.01"]);
}

#[test]
fn a_first_payment_that_leaves_too_little_for_the_rest_is_refused() {
    assert_eq!(
        InstallmentPlan::new(amount("1.00", "USD"), 3, Some(decimal("0.99"))),
        Err(InstallmentError::TooSmall)
    );
    let plan = InstallmentPlan::new(amount("1.00", "USD"), 3, Some(decimal("0.98"))).unwrap();
    assert_eq!(payments(&plan), ["0.98", "0.01", "0.01"]);
}

#[test]
fn yen_plans_split_in_whole_yen() {
    let plan = InstallmentPlan::new(amount("10000", "JPY"), 3, None).unwrap();
    assert_eq!(payments(&plan), ["3334", "3333", "3333"]);
    let plan = InstallmentPlan::new(amount("10000", "JPY"), 3, Some(decimal("5000"))).unwrap();
    assert_eq!(payments(&plan), ["5000", "2500", "2500"]);
    assert_eq!(
        InstallmentPlan::new(amount("2", "JPY"), 3, None),
        Err(InstallmentError::TooSmall)
    );
    let plan = InstallmentPlan::new(amount("3", "JPY"), 3, None).unwrap();
    assert_eq!(payments(&plan), ["1", "1", "1"]);
}

#[test]
fn payments_always_add_up_to_the_total() {
    let usd = currency("USD");
    let totals = (1..=400_i64)
        .chain([997, 1_000, 9_999, 10_000, 10_001, 123_457, 99_999_999])
        .chain((0..40).map(|step| 1_000 + step * 7_919));
    for minor in totals {
        let total = Amount::from_minor_units(minor, usd).unwrap();
        for count in 1..=MAX_INSTALLMENTS {
            let Ok(plan) = InstallmentPlan::new(total, count, None) else {
                assert!(minor < i64::from(count), "{minor} in {count} was refused");
                continue;
            };
            assert_eq!(sum_of_payments(&plan), minor, "{minor} in {count}");
            assert_eq!(plan.payments().count(), usize::from(count));
            let first = plan.first_payment().to_minor_units();
            let others: Vec<i64> = plan
                .payments()
                .skip(1)
                .map(Amount::to_minor_units)
                .collect();
            assert!(
                others.iter().all(|other| *other == others[0]),
                "{minor} in {count}"
            );
            if let Some(&other) = others.first() {
                assert!(other > 0);
                assert!(first >= other, "{minor} in {count}");
                assert!(first - other < i64::from(count), "{minor} in {count}");
            }
        }
    }
}

#[test]
fn payments_with_a_chosen_first_payment_always_add_up_to_the_total() {
    let usd = currency("USD");
    for minor in [100_i64, 999, 10_000, 12_345, 99_999_999] {
        let total = Amount::from_minor_units(minor, usd).unwrap();
        for count in 2..=MAX_INSTALLMENTS {
            for first in [1_i64, 7, 50, minor / 2, minor - 1] {
                let chosen = Decimal::new(first, 2);
                match InstallmentPlan::new(total, count, Some(chosen)) {
                    Ok(plan) => {
                        assert_eq!(sum_of_payments(&plan), minor, "{minor} {count} {first}");
                        let paid_first = plan.first_payment().to_minor_units();
                        assert!(paid_first >= first, "{minor} {count} {first}");
                        assert!(
                            paid_first - first < i64::from(count - 1),
                            "{minor} {count} {first}"
                        );
                    }
                    Err(error) => {
                        assert_eq!(error, InstallmentError::TooSmall, "{minor} {count} {first}");
                        assert!(
                            minor - first < i64::from(count - 1),
                            "{minor} {count} {first}"
                        );
                    }
                }
            }
        }
    }
}
