//! Amounts and installment plans: no panic, exact minor units, plans that
//! always add up.
#![no_main]

use kassa_card::{Amount, Currency, InstallmentPlan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u8, u8)| {
    let (text, currency_index, count) = input;
    let Some(currency) = Currency::all().nth(usize::from(currency_index) % 150) else { return };
    let _ = Currency::parse(text);
    if let Ok(amount) = Amount::parse(text, currency) {
        assert_eq!(Amount::from_minor_units(amount.to_minor_units(), currency), Ok(amount));
        if let Ok(plan) = InstallmentPlan::new(amount, count, None) {
            let sum: i64 = plan.payments().map(Amount::to_minor_units).sum();
            assert_eq!(sum, amount.to_minor_units());
        }
    }
});
