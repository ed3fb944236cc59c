//! What the dashboard asks of the browser: the address's hash, languages,
//! `Intl` formatting, random keys, CSS custom properties, the clipboard.

use js_sys::{Array, Object, Reflect};
use kassa_api::words::Lang;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::window;

/// The address's hash (`#/payments`).
pub fn hash() -> String {
    window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to `hash` (`#/payments/inv_…`).
pub fn set_hash(hash: &str) {
    if let Some(window) = window() {
        let _ = window.location().set_hash(hash);
    }
}

/// The browser's preferred languages, best first.
pub fn languages() -> Vec<String> {
    window()
        .map(|window| {
            window
                .navigator()
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Sets `<html lang dir>` and the document title.
pub fn set_document_language(lang: Lang, title: &str) {
    let Some(document) = window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
        let _ = root.set_attribute("dir", if lang.is_rtl() { "rtl" } else { "ltr" });
    }
    document.set_title(title);
}

/// An amount in the language's way with the currency (`Intl.NumberFormat`),
/// like the checkout page; `EUR 15.04` when `Intl` cannot.
pub fn money(amount: &str, currency: &str, lang: Lang) -> String {
    intl_money(amount, currency, lang)
        .unwrap_or_else(|| crate::money::plain_money(amount, currency))
}

fn intl_money(amount: &str, currency: &str, lang: Lang) -> Option<String> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    let unsigned = amount.strip_prefix('-').unwrap_or(amount);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    if !digits(whole) || !digits(fraction) || currency.len() != 3 {
        return None;
    }
    let options = Object::new();
    Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
    Reflect::set(&options, &"currency".into(), &currency.into()).ok()?;
    let locales = Array::of1(&lang.tag().into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    format
        .call1(&JsValue::NULL, &amount.into())
        .ok()?
        .as_string()
}

/// An RFC 3339 time in the language's short date and time.
pub fn date_time(rfc3339: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = Object::new();
    let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(lang.tag(), &options)
        .as_string()
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// A percentage in the language's way (`0.973` → `97.3 %`).
pub fn percent(rate: f64, lang: Lang) -> String {
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"percent".into());
    let _ = Reflect::set(&options, &"maximumFractionDigits".into(), &1.into());
    let locales = Array::of1(&lang.tag().into());
    js_sys::Intl::NumberFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &rate.into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{:.1}%", rate * 100.0))
}

/// 16 random bytes as hex: an idempotency key.
pub fn random_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Sets a CSS custom property on `element` through the CSSOM (the CSP
/// forbids `style` attributes, not this).
pub fn set_css_variable(element: &web_sys::Element, name: &str, value: &str) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.style().set_property(name, value);
    }
}

/// Puts `text` on the clipboard.
pub fn copy(text: &str) {
    if let Some(window) = window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Moves focus to the element with `id` (after a screen changes).
pub fn focus(id: &str) {
    if let Some(element) = window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
