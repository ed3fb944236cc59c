//! The rest of the Kassa API (feature `extras`, module `kassa_card_extras`,
//! `kassa-card/extras`): amounts, installment plans, postal codes, countries
//! and currencies. Their tables and decimal arithmetic are most of the
//! package's bytes, so browsers load them only when asked.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use kassa_card::{
    Amount, Coded, Country, Currency, ErrorCode, InstallmentPlan, Locale, PostalCode,
};
use wasm_bindgen::prelude::*;

use crate::js;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface ExtrasOptions { locale?: string }
export interface ValueResult { valid: boolean; code: string | null; message: string | null }
export interface AmountResult extends ValueResult { value: string | null; minorUnits: number | null; currency: string | null }
export interface InstallmentResult extends ValueResult { count: number | null; firstPayment: string | null; otherPayment: string | null; payments: string[] }
export interface PostalCodeResult extends ValueResult { normalized: string | null }
export interface CountryInfo { code: string; name: string; callingCode: number; requiresRegion: boolean; hasPostalCodes: boolean; postalCodeExample: string | null }
export interface CurrencyInfo { code: string; numeric: number; minorUnits: number; name: string }
"#;

fn parse_currency(code: &str) -> Result<Currency, ErrorCode> {
    Currency::parse(code).map_err(|error| error.code())
}

/// Checks an amount (`"15.04"`) in an ISO 4217 currency.
#[wasm_bindgen(js_name = validateAmount, unchecked_return_type = "AmountResult")]
pub fn validate_amount(
    amount: &str,
    currency: &str,
    #[wasm_bindgen(unchecked_param_type = "ExtrasOptions | undefined")] options: JsValue,
) -> JsValue {
    let locale = locale_of(&options);
    let parsed = parse_currency(currency)
        .and_then(|currency| Amount::parse(amount, currency).map_err(|error| error.code()));
    let amount = parsed.as_ref().ok();
    outcome(parsed.as_ref().err().copied(), locale)
        .set("value", amount.map(|amount| amount.to_string()))
        .set("minorUnits", amount.map(|amount| amount.to_minor_units()))
        .set("currency", amount.map(|amount| amount.currency().code()))
        .into()
}

/// Splits `total` into `count` payments (an optional larger first payment).
#[wasm_bindgen(js_name = installmentPlan, unchecked_return_type = "InstallmentResult")]
pub fn installment_plan(
    total: &str,
    count: u32,
    first_payment: Option<String>,
    currency: &str,
    #[wasm_bindgen(unchecked_param_type = "ExtrasOptions | undefined")] options: JsValue,
) -> JsValue {
    let locale = locale_of(&options);
    let plan = parse_currency(currency).and_then(|currency| {
        let total = Amount::parse(total, currency).map_err(|error| error.code())?;
        let first = match first_payment.as_deref() {
            Some(text) => Some(
                Amount::parse(text, currency)
                    .map_err(|error| error.code())?
                    .value(),
            ),
            None => None,
        };
        let count = u8::try_from(count).unwrap_or(u8::MAX);
        InstallmentPlan::new(total, count, first).map_err(|error| error.code())
    });
    let result = outcome(plan.as_ref().err().copied(), locale);
    match plan {
        Ok(plan) => result
            .set("count", u32::from(plan.count()))
            .set("firstPayment", plan.first_payment().to_string())
            .set(
                "otherPayment",
                plan.other_payment().map(|amount| amount.to_string()),
            )
            .set(
                "payments",
                js::array(plan.payments().map(|amount| amount.to_string())),
            ),
        Err(_) => result
            .set("count", None::<u32>)
            .set("firstPayment", None::<&str>)
            .set("otherPayment", None::<&str>)
            .set("payments", js::array(Vec::<&str>::new())),
    }
    .into()
}

/// Checks a postal code for an ISO 3166-1 alpha-2 country.
#[wasm_bindgen(js_name = validatePostalCode, unchecked_return_type = "PostalCodeResult")]
pub fn validate_postal_code(
    code: &str,
    country: &str,
    #[wasm_bindgen(unchecked_param_type = "ExtrasOptions | undefined")] options: JsValue,
) -> JsValue {
    let locale = locale_of(&options);
    let parsed = Country::parse(country)
        .map_err(|error| error.code())
        .and_then(|country| PostalCode::parse(code, country).map_err(|error| error.code()));
    outcome(parsed.as_ref().err().copied(), locale)
        .set(
            "normalized",
            parsed.as_ref().ok().map(|postal| postal.as_str()),
        )
        .into()
}

/// ISO 3166-1 countries with their calling code and postal-code facts.
#[wasm_bindgen(unchecked_return_type = "CountryInfo[]")]
pub fn countries() -> JsValue {
    js::array(Country::all().map(|country| {
        js::Object::new()
            .set("code", country.code())
            .set("name", country.name())
            .set("callingCode", u32::from(country.calling_code()))
            .set("requiresRegion", country.requires_region())
            .set("hasPostalCodes", PostalCode::has_postal_codes(country))
            .set("postalCodeExample", PostalCode::example(country))
    }))
    .into()
}

/// ISO 4217 currencies.
#[wasm_bindgen(unchecked_return_type = "CurrencyInfo[]")]
pub fn currencies() -> JsValue {
    js::array(Currency::all().map(|currency| {
        js::Object::new()
            .set("code", currency.code())
            .set("numeric", u32::from(currency.numeric()))
            .set("minorUnits", u32::from(currency.minor_units()))
            .set("name", currency.name())
    }))
    .into()
}

/// The locale of `options.locale` (`en` when absent or unknown).
fn locale_of(options: &JsValue) -> Locale {
    js::get(options, "locale")
        .as_string()
        .as_deref()
        .map_or(Locale::En, Locale::parse)
}

/// `{valid, code, message}`, the start of every result object.
fn outcome(error: Option<ErrorCode>, locale: Locale) -> js::Object {
    js::Object::new()
        .set("valid", error.is_none())
        .set("code", error.map(ErrorCode::as_str))
        .set("message", error.map(|code| code.message(locale)))
}
