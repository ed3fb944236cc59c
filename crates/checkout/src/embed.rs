//! The page inside a merchant's own site: the widget's iframe
//! (`/pay/{id}?embed=1&origin=…`).
//!
//! The page talks to exactly one window: the parent, at the origin the
//! widget named, and only when the merchant lists that origin (the server
//! also lets only those origins frame the page). What crosses is the
//! invoice id, a status, the page's height and the merchant's own return
//! URL: never anything the shopper typed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

use crate::browser;

/// The embedding, provided as context when the page is framed.
#[derive(Clone, Copy, Debug)]
pub struct Embed {
    /// The parent's origin, once the invoice's merchant is known to list it.
    parent: RwSignal<Option<String>>,
    /// The invoice the messages are about.
    invoice: RwSignal<String>,
}

impl Embed {
    /// The embedding the address asks for (`?embed=1`), if any.
    pub fn from_address() -> Option<Embed> {
        (browser::query_param("embed").as_deref() == Some("1")).then(|| Embed {
            parent: RwSignal::new(None),
            invoice: RwSignal::new(browser::invoice_id().unwrap_or_default()),
        })
    }

    /// Accepts the origin the widget named when the merchant lists it.
    pub fn trust(self, listed: &[String]) {
        let asked = browser::query_param("origin");
        self.parent
            .set(asked.filter(|origin| listed.iter().any(|listed| listed == origin)));
    }

    /// Tells the parent the page is showing its first screen.
    pub fn ready(self, status: &str) {
        let status = status.to_owned();
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            self.post(&[
                ("type", "ready".into()),
                ("status", status.into()),
                ("height", content_height().into()),
            ]);
        });
    }

    /// Tells the parent how a payment or a cancel ended.
    pub fn status(self, status: &str, redirect_url: &str) {
        self.post(&[
            ("type", "status".into()),
            ("status", status.into()),
            ("redirect_url", redirect_url.into()),
        ]);
    }

    /// Reports the page's height whenever it changes, so the iframe fits it.
    pub fn follow_height(self) {
        let Some(body) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.body())
        else {
            return;
        };
        let report = Closure::<dyn FnMut()>::new(move || {
            self.post(&[
                ("type", "resize".into()),
                ("height", content_height().into()),
            ]);
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()) {
            observer.observe(&body);
            // Lives as long as the page.
            report.forget();
        }
    }

    /// Posts `{source: "kassa", invoice, ...fields}` to the merchant's page.
    fn post(self, fields: &[(&str, JsValue)]) {
        let Some(origin) = self.parent.get_untracked() else {
            return;
        };
        let Some(parent) = web_sys::window().and_then(|window| window.parent().ok().flatten())
        else {
            return;
        };
        let message = js_sys::Object::new();
        let invoice = JsValue::from(self.invoice.get_untracked());
        for (key, value) in [("source", "kassa".into()), ("invoice", invoice)]
            .iter()
            .chain(fields)
        {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
        }
        let _ = parent.post_message(&message, &origin);
    }
}

/// The page's content height in CSS pixels.
fn content_height() -> i32 {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.body())
        .map_or(0, |body| body.scroll_height())
}

/// The merchant's accent colour (`?accent=#0a7`), when it is a hex colour,
/// with black or white text on it, whichever reads better.
///
/// ```
/// use kassa_checkout::embed::accent_colours;
/// assert_eq!(accent_colours("#0a7"), Some(("#00aa77".into(), "#000000")));
/// assert_eq!(accent_colours("#1d4ed8"), Some(("#1d4ed8".into(), "#ffffff")));
/// assert_eq!(accent_colours("red; background: url(x)"), None);
/// ```
pub fn accent_colours(text: &str) -> Option<(String, &'static str)> {
    let hex = text.strip_prefix('#')?;
    if !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    }
    .to_ascii_lowercase();
    let channel = |index: usize| {
        let value = f64::from(u8::from_str_radix(&full[index..index + 2], 16).unwrap_or(0)) / 255.0;
        if value <= 0.039_28 {
            value / 12.92
        } else {
            power((value + 0.055) / 1.055, 2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    // WCAG contrast against white is 1.05 / (L + 0.05), against black (L + 0.05) / 0.05.
    let ink = if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#000000"
    };
    Some((["#", &full].concat(), ink))
}

/// `base` to the power `exponent`: the browser's `Math.pow` in the page
/// (`f64::powf` would link 2 KB of libm into the module for one colour),
/// `powf` where there is no browser (the doc tests).
fn power(base: f64, exponent: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::pow(base, exponent);
    #[cfg(not(target_arch = "wasm32"))]
    return base.powf(exponent);
}
