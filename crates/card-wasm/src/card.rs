//! The card part of the Kassa API (feature `card`, module `kassa_card_wasm`).

use alloc::string::String;
use kassa_card::{
    Brand, CardNumber, CardholderName, Coded, Date, Detection, ErrorCode, Expiry, InputKind,
    SecurityCode,
};
use wasm_bindgen::prelude::*;

use crate::js;
use crate::unicode::EngineUnicode;

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
"#;

/// `{valid, potentiallyValid, code}`: the package's entry file adds the
/// `message` from the locale's catalog, so that a browser downloads the
/// messages of the one language it shows (see `web/kassa-card/src/messages-body.js`).
fn field(potentially_valid: bool, error: Option<ErrorCode>) -> js::Object {
    js::Object::new()
        .set("valid", error.is_none())
        .set("code", error.map(ErrorCode::as_str))
        .set("potentiallyValid", error.is_none() || potentially_valid)
}

fn numbers(values: &[u8]) -> js::Json {
    js::array(values.iter().map(|&value| u32::from(value)))
}

fn brand_info(brand: Brand) -> js::Object {
    let security_code = brand.security_code_name().map(|name| {
        js::Object::new()
            .set("name", name.as_str())
            .set("size", u32::from(brand.security_code_size()))
    });
    js::Object::new()
        .set("id", brand.id())
        .set("name", brand.display_name())
        .set("companyCode", brand.company_code())
        .set("lengths", numbers(brand.lengths()))
        .set("gaps", numbers(brand.gaps()))
        .set("securityCode", security_code)
        .set("luhn", brand.checksum() == kassa_card::Checksum::Luhn)
}

/// A field of the card form: a string, or absent (`undefined` or `null`).
///
/// # Errors
/// Anything else.
fn card_field(card: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    let value = js::get(card, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| JsError::new(&[key, " must be a string"].concat()))
}

/// Today's date from `options.today` (`"YYYY-MM-DD"` or a `Date`), else from
/// JavaScript's clock, in local time.
fn today_of(options: &JsValue) -> Result<Date, JsError> {
    let given = js::get(options, "today");
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
/// (`"YYYY-MM-DD"` or a `Date`) replaces the clock. (The entry file adds each
/// `message` in `options.locale`.)
///
/// # Errors
/// Throws when `card` is not an object of strings or `today` is not a date.
#[wasm_bindgen(js_name = validateCard, unchecked_return_type = "CardValidation")]
pub fn validate_card(
    #[wasm_bindgen(unchecked_param_type = "CardInput")] card: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CardOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    if !card.is_object() {
        return Err(JsError::new("the card must be an object"));
    }
    let number = card_field(&card, "number")?;
    let expiry = card_field(&card, "expiry")?;
    let cvv = card_field(&card, "cvv")?;
    let name = card_field(&card, "name")?;
    let today = today_of(&options)?;
    let mut valid = true;
    let mut result = |potentially_valid: bool, error: Option<ErrorCode>| {
        valid &= error.is_none();
        field(potentially_valid, error)
    };

    let mut brand = None;
    let number = number.as_deref().map(|text| {
        let status = CardNumber::status(text);
        let detection = status.detection();
        brand = detection.primary();
        result(
            status.is_potentially_valid(),
            status.error().map(|error| error.code()),
        )
        .set("brand", brand.map(brand_info))
        .set(
            "brands",
            js::array(detection.brands().iter().map(Brand::id)),
        )
        .set("coBadged", detection.is_co_badged())
    });
    let expiry = expiry.as_deref().map(|text| {
        let status = Expiry::status(text, today);
        result(
            status.is_potentially_valid(),
            status.error().map(|error| error.code()),
        )
    });
    let cvv = cvv.as_deref().map(|text| {
        result(
            SecurityCode::is_potentially_valid(text, brand),
            SecurityCode::parse_optional(text, brand)
                .err()
                .map(|error| error.code()),
        )
    });
    let name = name.as_deref().map(|text| {
        // The engine's Unicode tables, not a second copy in the module.
        let error = CardholderName::parse_with(text, &EngineUnicode::default())
            .err()
            .map(|error| error.code());
        // Like the number and the expiry, an empty field is still to be filled.
        result(error == Some(ErrorCode::NameEmpty), error)
    });
    Ok(js::Object::new()
        .set("valid", valid)
        .set("number", number)
        .set("expiry", expiry)
        .set("cvv", cvv)
        .set("name", name)
        .set("brand", brand.map(brand_info))
        .into())
}

fn detected(detection: Detection) -> JsValue {
    js::Object::new()
        .set(
            "brands",
            js::array(detection.brands().iter().map(brand_info)),
        )
        .set("primary", detection.primary().map(Brand::id))
        .set("coBadged", detection.is_co_badged())
        .set("maxLength", u32::from(detection.max_length()))
        .set("gaps", numbers(detection.gaps()))
        .into()
}

/// Every brand the digits typed so far may be (all 20 of the Kassa table).
#[wasm_bindgen(js_name = detectBrands, unchecked_return_type = "Detected")]
pub fn detect_brands(prefix: &str) -> JsValue {
    detected(kassa_card::detect(prefix))
}

fn input_kind(input_type: Option<String>) -> InputKind {
    match input_type.as_deref() {
        Some("deleteContentBackward") => InputKind::DeleteBackward,
        Some("deleteContentForward") => InputKind::DeleteForward,
        _ => InputKind::Other,
    }
}

fn formatted(text: &str, caret: usize) -> JsValue {
    js::Object::new()
        .set("text", text)
        .set("caret", caret)
        .into()
}

/// As-you-type card number formatting: the new text and caret (in
/// characters), given the field's text, caret and the `InputEvent.inputType`.
#[wasm_bindgen(js_name = formatCardNumber, unchecked_return_type = "Formatted")]
pub fn format_card_number(
    text: &str,
    caret: usize,
    #[wasm_bindgen(unchecked_param_type = "InputType | undefined")] input_type: Option<String>,
) -> JsValue {
    let result = kassa_card::format_card_number(text, caret, input_kind(input_type));
    formatted(result.text(), result.caret())
}

/// As-you-type expiry formatting (`MM / YY`), like [`format_card_number`].
#[wasm_bindgen(js_name = formatExpiry, unchecked_return_type = "Formatted")]
pub fn format_expiry(
    text: &str,
    caret: usize,
    #[wasm_bindgen(unchecked_param_type = "InputType | undefined")] input_type: Option<String>,
) -> JsValue {
    let result = kassa_card::format_expiry(text, caret, input_kind(input_type));
    formatted(result.text(), result.caret())
}

/// `424242******4242` for a valid number, `undefined` otherwise.
#[wasm_bindgen(js_name = maskCardNumber)]
pub fn mask_card_number(number: &str) -> Option<String> {
    CardNumber::parse(number).ok().map(|card| card.masked())
}

/// The Kassa brand table.
#[wasm_bindgen(unchecked_return_type = "BrandInfo[]")]
pub fn brands() -> JsValue {
    js::array(Brand::ALL.iter().copied().map(brand_info)).into()
}

/// The messages locale for a BCP 47 tag: `en`, `fr`, `he`, `es` or `de`
/// (any region, such as `es-MX`, gets its language; other languages get
/// `en`), as the core decides it. The entry file picks the message catalog
/// with it.
#[wasm_bindgen(js_name = messageLocale)]
pub fn message_locale(tag: Option<String>) -> String {
    tag.as_deref()
        .map_or(kassa_card::Locale::En, kassa_card::Locale::parse)
        .tag()
        .into()
}

/// Every stable error code.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "string[]")]
pub fn error_codes() -> JsValue {
    js::array(ErrorCode::ALL.iter().map(|code| code.as_str())).into()
}
