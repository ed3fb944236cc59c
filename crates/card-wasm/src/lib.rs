//! kassa-card for JavaScript: the npm package `kassa-card`.
//!
//! A thin adapter over [`kassa_card`]: every function turns JavaScript values
//! into the core's types and the core's answers into plain objects, with no
//! rule of its own. Two APIs:
//!
//! * the Kassa API (this module): `validateCard`, `detectBrands`,
//!   `formatCardNumber`, `formatExpiry`, `maskCardNumber`, `brands`,
//!   `validateAmount`, `installmentPlan`, `validatePostalCode`, `countries`,
//!   `currencies`, `errorMessage`, with the stable error codes of
//!   [`kassa_card::ErrorCode`] and messages in English, French and Hebrew;
//! * the low-level entry points of the card-validator-compatible API
//!   ([`compat`]), which `kassa-card/compat` wraps in card-validator's shapes.
//!
//! Browsers and Node load it through the files `cargo xtask js` writes to
//! `target/npm/kassa-card/`.

use kassa_card::{
    Amount, Brand, CardNumber, CardholderName, Coded, Country, Currency, Date, Detection,
    ErrorCode, Expiry, InputKind, InstallmentPlan, Locale, PostalCode, SecurityCode,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

pub mod compat;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A field's state: `code` is a stable machine code such as `card_number.checksum`. */
export interface FieldResult {
  valid: boolean;
  potentiallyValid: boolean;
  code: string | null;
  message: string | null;
}
export interface BrandInfo {
  id: string;
  name: string;
  companyCode: string;
  lengths: number[];
  gaps: number[];
  securityCode: { name: string; size: number } | null;
  luhn: boolean;
}
export interface NumberResult extends FieldResult {
  /** The brand when only one is possible (the primary one of a co-badged card). */
  brand: BrandInfo | null;
  /** Every brand the digits may still be, ids in table order. */
  brands: string[];
  coBadged: boolean;
}
export interface CardInput { number?: string; expiry?: string; cvv?: string; name?: string }
export interface Options { locale?: string }
export interface CardOptions extends Options { today?: string | Date }
export interface CardValidation {
  valid: boolean;
  number: NumberResult | null;
  expiry: FieldResult | null;
  cvv: FieldResult | null;
  name: FieldResult | null;
  brand: BrandInfo | null;
}
export interface Detected { brands: BrandInfo[]; primary: string | null; coBadged: boolean; maxLength: number; gaps: number[] }
export interface Formatted { text: string; caret: number }
export type InputType = "insertText" | "deleteContentBackward" | "deleteContentForward" | string;
export interface ValueResult { valid: boolean; code: string | null; message: string | null }
export interface AmountResult extends ValueResult { value: string | null; minorUnits: number | null; currency: string | null }
export interface InstallmentResult extends ValueResult { count: number | null; firstPayment: string | null; otherPayment: string | null; payments: string[] }
export interface PostalCodeResult extends ValueResult { normalized: string | null }
export interface CountryInfo { code: string; name: string; callingCode: number; requiresRegion: boolean; hasPostalCodes: boolean; postalCodeExample: string | null }
export interface CurrencyInfo { code: string; numeric: number; minorUnits: number; name: string }
"#;

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true)
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serializer()).unwrap_or(JsValue::NULL)
}

#[derive(Deserialize, Default)]
struct OptionsInput {
    locale: Option<String>,
}

fn locale_of(options: &JsValue) -> Locale {
    let options: OptionsInput = if options.is_object() {
        serde_wasm_bindgen::from_value(options.clone()).unwrap_or_default()
    } else {
        OptionsInput::default()
    };
    options.locale.as_deref().map_or(Locale::En, Locale::parse)
}

/// `{valid, potentiallyValid, code, message}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FieldResult {
    valid: bool,
    potentially_valid: bool,
    code: Option<&'static str>,
    message: Option<&'static str>,
}

fn field(potentially_valid: bool, error: Option<ErrorCode>, locale: Locale) -> FieldResult {
    FieldResult {
        valid: error.is_none(),
        potentially_valid: error.is_none() || potentially_valid,
        code: error.map(ErrorCode::as_str),
        message: error.map(|code| code.message(locale)),
    }
}

#[derive(Serialize)]
struct SecurityCodeInfo {
    name: &'static str,
    size: u8,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BrandInfo {
    id: &'static str,
    name: &'static str,
    company_code: &'static str,
    lengths: &'static [u8],
    gaps: &'static [u8],
    security_code: Option<SecurityCodeInfo>,
    luhn: bool,
}

fn brand_info(brand: Brand) -> BrandInfo {
    BrandInfo {
        id: brand.id(),
        name: brand.display_name(),
        company_code: brand.company_code(),
        lengths: brand.lengths(),
        gaps: brand.gaps(),
        security_code: brand.security_code_name().map(|name| SecurityCodeInfo {
            name: name.as_str(),
            size: brand.security_code_size(),
        }),
        luhn: brand.checksum() == kassa_card::Checksum::Luhn,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NumberResult {
    #[serde(flatten)]
    field: FieldResult,
    brand: Option<BrandInfo>,
    brands: Vec<&'static str>,
    co_badged: bool,
}

#[derive(Deserialize)]
struct CardInput {
    number: Option<String>,
    expiry: Option<String>,
    cvv: Option<String>,
    name: Option<String>,
}

#[derive(Serialize)]
struct CardValidation {
    valid: bool,
    number: Option<NumberResult>,
    expiry: Option<FieldResult>,
    cvv: Option<FieldResult>,
    name: Option<FieldResult>,
    brand: Option<BrandInfo>,
}

/// Today's date from `options.today` (`"YYYY-MM-DD"` or a `Date`), else from
/// JavaScript's clock, in local time.
fn today_of(options: &JsValue) -> Result<Date, JsError> {
    let given = if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str("today")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if let Some(text) = given.as_string() {
        return Date::parse(&text).map_err(|error| JsError::new(error.code().as_str()));
    }
    let date = match given.dyn_into::<js_sys::Date>() {
        Ok(date) => date,
        Err(_) => js_sys::Date::new_0(),
    };
    Date::new(
        u16::try_from(date.get_full_year()).unwrap_or(0),
        u8::try_from(date.get_month() + 1).unwrap_or(0),
        u8::try_from(date.get_date()).unwrap_or(0),
    )
    .map_err(|error| JsError::new(error.code().as_str()))
}

/// Validates a card form: each given field gets `{valid, potentiallyValid,
/// code, message}`; the number also gets its brand. `options.today`
/// (`"YYYY-MM-DD"` or a `Date`) replaces the clock; `options.locale` picks the
/// messages (`en`, `fr`, `he`).
///
/// # Errors
/// Throws when `card` is not an object of strings or `today` is not a date.
#[wasm_bindgen(js_name = validateCard, unchecked_return_type = "CardValidation")]
pub fn validate_card(
    #[wasm_bindgen(unchecked_param_type = "CardInput")] card: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CardOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let card: CardInput =
        serde_wasm_bindgen::from_value(card).map_err(|error| JsError::new(&error.to_string()))?;
    let locale = locale_of(&options);
    let today = today_of(&options)?;
    let mut brand = None;
    let number = card.number.as_deref().map(|text| {
        let status = CardNumber::status(text);
        let detection = status.detection();
        brand = detection.primary();
        NumberResult {
            field: field(
                status.is_potentially_valid(),
                status.error().map(|error| error.code()),
                locale,
            ),
            brand: detection.primary().map(brand_info),
            brands: detection.brands().iter().map(Brand::id).collect(),
            co_badged: detection.is_co_badged(),
        }
    });
    let expiry = card.expiry.as_deref().map(|text| {
        let status = Expiry::status(text, today);
        field(
            status.is_potentially_valid(),
            status.error().map(|error| error.code()),
            locale,
        )
    });
    let cvv = card.cvv.as_deref().map(|text| {
        field(
            SecurityCode::is_potentially_valid(text, brand),
            SecurityCode::parse_optional(text, brand)
                .err()
                .map(|error| error.code()),
            locale,
        )
    });
    let name = card.name.as_deref().map(|text| {
        let error = CardholderName::parse(text).err().map(|error| error.code());
        // Like the number and the expiry, an empty field is still to be filled.
        field(error == Some(ErrorCode::NameEmpty), error, locale)
    });
    let valid = [
        number.as_ref().map(|result| &result.field),
        expiry.as_ref(),
        cvv.as_ref(),
        name.as_ref(),
    ]
    .iter()
    .all(|result| result.is_none_or(|result| result.valid));
    Ok(to_js(&CardValidation {
        valid,
        number,
        expiry,
        cvv,
        name,
        brand: brand.map(brand_info),
    }))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Detected {
    brands: Vec<BrandInfo>,
    primary: Option<&'static str>,
    co_badged: bool,
    max_length: u8,
    gaps: &'static [u8],
}

fn detected(detection: Detection) -> Detected {
    Detected {
        brands: detection.brands().iter().map(brand_info).collect(),
        primary: detection.primary().map(Brand::id),
        co_badged: detection.is_co_badged(),
        max_length: detection.max_length(),
        gaps: detection.gaps(),
    }
}

/// Every brand the digits typed so far may be (all 20 of the Kassa table).
#[wasm_bindgen(js_name = detectBrands, unchecked_return_type = "Detected")]
pub fn detect_brands(prefix: &str) -> JsValue {
    to_js(&detected(kassa_card::detect(prefix)))
}

#[derive(Serialize)]
struct FormattedResult<'a> {
    text: &'a str,
    caret: usize,
}

fn input_kind(input_type: Option<String>) -> InputKind {
    match input_type.as_deref() {
        Some("deleteContentBackward") => InputKind::DeleteBackward,
        Some("deleteContentForward") => InputKind::DeleteForward,
        _ => InputKind::Other,
    }
}

/// As-you-type card number formatting: the new text and caret (in
/// characters), given the field's text, caret and the `InputEvent.inputType`.
#[wasm_bindgen(js_name = formatCardNumber, unchecked_return_type = "Formatted")]
pub fn format_card_number(
    text: &str,
    caret: usize,
    #[wasm_bindgen(unchecked_param_type = "InputType | undefined")] input_type: Option<String>,
) -> JsValue {
    let formatted = kassa_card::format_card_number(text, caret, input_kind(input_type));
    to_js(&FormattedResult {
        text: formatted.text(),
        caret: formatted.caret(),
    })
}

/// As-you-type expiry formatting (`MM / YY`), like [`format_card_number`].
#[wasm_bindgen(js_name = formatExpiry, unchecked_return_type = "Formatted")]
pub fn format_expiry(
    text: &str,
    caret: usize,
    #[wasm_bindgen(unchecked_param_type = "InputType | undefined")] input_type: Option<String>,
) -> JsValue {
    let formatted = kassa_card::format_expiry(text, caret, input_kind(input_type));
    to_js(&FormattedResult {
        text: formatted.text(),
        caret: formatted.caret(),
    })
}

/// `424242******4242` for a valid number, `null` otherwise.
#[wasm_bindgen(js_name = maskCardNumber)]
pub fn mask_card_number(number: &str) -> Option<String> {
    CardNumber::parse(number).ok().map(|card| card.masked())
}

/// The Kassa brand table.
#[wasm_bindgen(unchecked_return_type = "BrandInfo[]")]
pub fn brands() -> JsValue {
    to_js(
        &Brand::ALL
            .iter()
            .copied()
            .map(brand_info)
            .collect::<Vec<_>>(),
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AmountResult {
    valid: bool,
    code: Option<&'static str>,
    message: Option<&'static str>,
    value: Option<String>,
    minor_units: Option<i64>,
    currency: Option<&'static str>,
}

fn parse_currency(code: &str) -> Result<Currency, ErrorCode> {
    Currency::parse(code).map_err(|error| error.code())
}

/// Checks an amount (`"15.04"`) in an ISO 4217 currency.
#[wasm_bindgen(js_name = validateAmount, unchecked_return_type = "AmountResult")]
pub fn validate_amount(
    amount: &str,
    currency: &str,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
) -> JsValue {
    let locale = locale_of(&options);
    let parsed = parse_currency(currency)
        .and_then(|currency| Amount::parse(amount, currency).map_err(|error| error.code()));
    to_js(&match parsed {
        Ok(amount) => AmountResult {
            valid: true,
            code: None,
            message: None,
            value: Some(amount.to_string()),
            minor_units: Some(amount.to_minor_units()),
            currency: Some(amount.currency().code()),
        },
        Err(code) => AmountResult {
            valid: false,
            code: Some(code.as_str()),
            message: Some(code.message(locale)),
            value: None,
            minor_units: None,
            currency: None,
        },
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InstallmentResult {
    valid: bool,
    code: Option<&'static str>,
    message: Option<&'static str>,
    count: Option<u8>,
    first_payment: Option<String>,
    other_payment: Option<String>,
    payments: Vec<String>,
}

/// Splits `total` into `count` payments (an optional larger first payment).
#[wasm_bindgen(js_name = installmentPlan, unchecked_return_type = "InstallmentResult")]
pub fn installment_plan(
    total: &str,
    count: u32,
    first_payment: Option<String>,
    currency: &str,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
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
    to_js(&match plan {
        Ok(plan) => InstallmentResult {
            valid: true,
            code: None,
            message: None,
            count: Some(plan.count()),
            first_payment: Some(plan.first_payment().to_string()),
            other_payment: plan.other_payment().map(|amount| amount.to_string()),
            payments: plan.payments().map(|amount| amount.to_string()).collect(),
        },
        Err(code) => InstallmentResult {
            valid: false,
            code: Some(code.as_str()),
            message: Some(code.message(locale)),
            count: None,
            first_payment: None,
            other_payment: None,
            payments: Vec::new(),
        },
    })
}

#[derive(Serialize)]
struct PostalCodeResult {
    valid: bool,
    code: Option<&'static str>,
    message: Option<&'static str>,
    normalized: Option<String>,
}

/// Checks a postal code for an ISO 3166-1 alpha-2 country.
#[wasm_bindgen(js_name = validatePostalCode, unchecked_return_type = "PostalCodeResult")]
pub fn validate_postal_code(
    code: &str,
    country: &str,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
) -> JsValue {
    let locale = locale_of(&options);
    let parsed = Country::parse(country)
        .map_err(|error| error.code())
        .and_then(|country| PostalCode::parse(code, country).map_err(|error| error.code()));
    to_js(&match parsed {
        Ok(postal) => PostalCodeResult {
            valid: true,
            code: None,
            message: None,
            normalized: Some(postal.as_str().into()),
        },
        Err(code) => PostalCodeResult {
            valid: false,
            code: Some(code.as_str()),
            message: Some(code.message(locale)),
            normalized: None,
        },
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CountryInfo {
    code: &'static str,
    name: &'static str,
    calling_code: u16,
    requires_region: bool,
    has_postal_codes: bool,
    postal_code_example: Option<&'static str>,
}

/// ISO 3166-1 countries with their calling code and postal-code facts.
#[wasm_bindgen(unchecked_return_type = "CountryInfo[]")]
pub fn countries() -> JsValue {
    let all: Vec<CountryInfo> = Country::all()
        .map(|country| CountryInfo {
            code: country.code(),
            name: country.name(),
            calling_code: country.calling_code(),
            requires_region: country.requires_region(),
            has_postal_codes: PostalCode::has_postal_codes(country),
            postal_code_example: PostalCode::example(country),
        })
        .collect();
    to_js(&all)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CurrencyInfo {
    code: &'static str,
    numeric: u16,
    minor_units: u8,
    name: &'static str,
}

/// ISO 4217 currencies.
#[wasm_bindgen(unchecked_return_type = "CurrencyInfo[]")]
pub fn currencies() -> JsValue {
    let all: Vec<CurrencyInfo> = Currency::all()
        .map(|currency| CurrencyInfo {
            code: currency.code(),
            numeric: currency.numeric(),
            minor_units: currency.minor_units(),
            name: currency.name(),
        })
        .collect();
    to_js(&all)
}

/// The message for a stable error code in a locale (`en`, `fr`, `he`), or
/// `null` for an unknown code.
#[wasm_bindgen(js_name = errorMessage)]
pub fn error_message(code: &str, locale: Option<String>) -> Option<String> {
    let locale = locale.as_deref().map_or(Locale::En, Locale::parse);
    ErrorCode::from_code(code).map(|code| code.message(locale).into())
}

/// Every stable error code.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    ErrorCode::ALL
        .iter()
        .map(|code| code.as_str().into())
        .collect()
}
