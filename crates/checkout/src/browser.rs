//! What the page asks of the browser: the address, the languages, today's
//! date, `Intl` formatting, focus and navigation. Kept in one place so the
//! components stay plain Rust.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The invoice id in `/pay/{id}`, if the address has one.
pub fn invoice_id() -> Option<String> {
    let path = window()?.location().pathname().ok()?;
    let id = path.trim_end_matches('/').rsplit('/').next()?.to_owned();
    (path.contains("/pay/") && !id.is_empty()).then_some(id)
}

/// A query parameter of the page's address.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// The browser's preferred languages, most preferred first.
pub fn languages() -> Vec<String> {
    let Some(navigator) = window().map(|window| window.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    tags
}

/// Today's date in UTC on the shopper's clock, for the expiry check: the
/// server judges in UTC too, so a card in its last valid month is not
/// refused on the page in the first hours of the next month east of
/// Greenwich while the server would take it.
pub fn today() -> kassa_card::Date {
    let now = js_sys::Date::new_0();
    let date = || {
        let year = u16::try_from(now.get_utc_full_year()).ok()?;
        let month = u8::try_from(now.get_utc_month() + 1).ok()?;
        let day = u8::try_from(now.get_utc_date()).ok()?;
        kassa_card::Date::new(year, month, day).ok()
    };
    // A clock too broken to give a date: the server's check decides.
    date().unwrap_or(EPOCH)
}

/// Checked when compiling, so the fallback cannot fail at run time.
const EPOCH: kassa_card::Date = match kassa_card::Date::new(2000, 1, 1) {
    Ok(date) => date,
    Err(_) => panic!("2000-01-01 is a date"),
};

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

/// Formats an amount for the shopper's language and the currency
/// (`Intl.NumberFormat`), falling back to `EUR 15.04`.
pub fn format_money(amount: &str, currency: &str, lang: Lang) -> String {
    intl_currency(amount, currency, lang).unwrap_or_else(|| [currency, " ", amount].concat())
}

thread_local! {
    /// The last `Intl.NumberFormat`'s `format`, by language and currency.
    /// Building a formatter is costly (the first one loads locale data: the
    /// largest single JavaScript call of the page's start in a CPU profile);
    /// a page formats one currency in one language, so one formatter serves
    /// the amount, the button and every installment line.
    static MONEY_FORMAT: std::cell::RefCell<Option<((Lang, String), Function)>> =
        const { std::cell::RefCell::new(None) };
}

fn intl_currency(amount: &str, currency: &str, lang: Lang) -> Option<String> {
    // The decimal text as it is: `format` reads a string as an exact decimal
    // (older browsers as a Number), and the module needs no float parser.
    let decimal = amount.split_once('.').map_or((amount, "0"), |parts| parts);
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(decimal.0) || !digits(decimal.1) {
        return None;
    }
    let format = MONEY_FORMAT.with_borrow_mut(|cached| {
        if let Some(((cached_lang, cached_currency), format)) = cached.as_ref()
            && *cached_lang == lang
            && cached_currency == currency
        {
            return Some(format.clone());
        }
        let options = Object::new();
        Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
        Reflect::set(&options, &"currency".into(), &currency.into()).ok()?;
        let locales = Array::of1(&lang.tag().into());
        let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
        *cached = Some(((lang, currency.to_owned()), format.clone()));
        Some(format)
    })?;
    format
        .call1(&JsValue::NULL, &amount.into())
        .ok()?
        .as_string()
}

/// Country names in the shopper's language (`Intl.DisplayNames`), falling
/// back to the ISO code. Every browser that can run the page's module
/// (WebAssembly reference types: Chrome 96, Firefox 79, Safari 15) has
/// `Intl.DisplayNames` (Chrome 81, Firefox 86, Safari 14.1) but Firefox 79
/// to 85; kassa-card's 249 English names as a fallback would be in every
/// download for those few.
pub fn country_namer(lang: Lang) -> impl Fn(kassa_card::Country) -> String {
    let display_names = region_display_names(lang);
    move |country| {
        display_names
            .as_ref()
            .and_then(|names| {
                let of: Function = Reflect::get(names, &"of".into()).ok()?.dyn_into().ok()?;
                of.call1(names, &country.code().into()).ok()?.as_string()
            })
            .unwrap_or_else(|| country.code().to_owned())
    }
}

fn region_display_names(lang: Lang) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &"DisplayNames".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
    let arguments = Array::of2(&Array::of1(&lang.tag().into()), &options);
    Reflect::construct(&constructor, &arguments).ok()
}

/// Every country as `(code, name)`: named in the shopper's language (see
/// [`country_namer`]) and in the order that language sorts them.
///
/// The browser sorts: `Array.prototype.sort` with one `Intl.Collator`'s
/// `compare`, so the module carries no sorting code of its own. (One
/// collator, not `localeCompare` with a locale, which builds a collator on
/// every call: sorting the 249 countries that way was most of the page's
/// start-up time on a slow phone.)
pub fn countries_by_name(lang: Lang) -> Vec<(String, String)> {
    let name_of = country_namer(lang);
    let names = Array::new();
    let codes = js_sys::Map::new();
    for country in kassa_card::Country::all() {
        let mut name = JsValue::from(name_of(country));
        // Two countries with one name in some language: told apart by code.
        if codes.has(&name) {
            name = JsValue::from(
                [
                    &name.as_string().unwrap_or_default(),
                    " (",
                    country.code(),
                    ")",
                ]
                .concat(),
            );
        }
        codes.set(&name, &country.code().into());
        names.push(&name);
    }
    let locales = Array::of1(&lang.tag().into());
    let compare = js_sys::Intl::Collator::new(&locales, &Object::new()).compare();
    if let Some(sort) = Reflect::get(&names, &"sort".into())
        .ok()
        .and_then(|sort| sort.dyn_into::<Function>().ok())
    {
        let _ = sort.call1(&names, &compare);
    }
    names
        .iter()
        .filter_map(|name| Some((codes.get(&name).as_string()?, name.as_string()?)))
        .collect()
}

/// A fresh random id for an `Idempotency-Key`: 128 bits from
/// `crypto.getRandomValues`, which (unlike `randomUUID`) also exists on a
/// plain-http page, such as the demo opened from another machine.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    // By hand: `format!("{byte:02x}")` would keep the formatting machinery.
    let hex = |nibble: u8| char::from(b"0123456789abcdef"[usize::from(nibble & 15)]);
    bytes
        .iter()
        .flat_map(|byte| [hex(byte >> 4), hex(*byte)])
        .collect()
}

/// Milliseconds since the epoch on the shopper's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Moves the focus to the element with this id once the page has drawn
/// what was just decided (an element that is still hidden cannot take it).
pub fn focus_soon(id: &'static str) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        focus(id);
    });
}

/// Moves the keyboard focus to the element with this id.
pub fn focus(id: &str) {
    if let Some(element) = window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Sends the browser to `url` (the merchant's page after a payment).
pub fn go_to(url: &str) {
    if let Some(window) = window() {
        let _ = window.location().assign(url);
    }
}

/// Sets a CSS custom property on `<html>` (the merchant's accent colour),
/// through the CSSOM so the page's CSP needs no `'unsafe-inline'`.
pub fn set_css_variable(name: &str, value: &str) {
    if let Some(root) = window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = root.style().set_property(name, value);
    }
}
