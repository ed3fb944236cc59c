//! Plain JavaScript values: results are written as JSON text and handed to
//! `JSON.parse` once per call.
//!
//! serde-wasm-bindgen builds objects through serde's generic machinery, and
//! setting fields one by one from WebAssembly costs a crossing and a string
//! decoding per field; one JSON text costs one of each, and these few
//! helpers are all the adapter needs (no `core::fmt` either).

use alloc::string::String;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse(text)` of a text this module wrote.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
    /// `Reflect.get(target, key)` (only called with an object).
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &str) -> JsValue;
}

/// A value that can be written as JSON.
pub trait ToJson {
    /// Appends the JSON text of the value to `out`.
    fn write_json(&self, out: &mut String);
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

fn write_integer(value: i64, out: &mut String) {
    if value < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = value.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut String) {
        write_integer(i64::from(*self), out);
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut String) {
        write_integer(i64::try_from(*self).unwrap_or(i64::MAX), out);
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut String) {
        write_integer(i64::try_from(*self).unwrap_or(i64::MAX), out);
    }
}

impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        write_integer(*self, out);
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if u32::from(c) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let code = u32::from(c) as usize;
                    out.push_str("\\u00");
                    out.push(char::from(HEX[code >> 4]));
                    out.push(char::from(HEX[code & 15]));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

/// `null` for `None`.
impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

/// A JSON text, ready to be given to JavaScript.
#[derive(Debug)]
pub struct Json(String);

impl ToJson for Json {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl From<Json> for JsValue {
    fn from(json: Json) -> JsValue {
        json_parse(&json.0)
    }
}

/// A plain object (`{}`) being filled in.
#[derive(Debug)]
pub struct Object(String);

impl Object {
    /// `{}`.
    pub fn new() -> Object {
        Object(String::from("{"))
    }

    /// Adds the field `key` (a name without quotes or backslashes).
    pub fn set(mut self, key: &str, value: impl ToJson) -> Object {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
        value.write_json(&mut self.0);
        self
    }

    /// The finished object.
    pub fn json(mut self) -> Json {
        self.0.push('}');
        Json(self.0)
    }
}

impl Default for Object {
    fn default() -> Self {
        Object::new()
    }
}

impl ToJson for Object {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
        out.push('}');
    }
}

impl From<Object> for JsValue {
    fn from(object: Object) -> JsValue {
        object.json().into()
    }
}

/// The JSON text of one value.
pub fn value(value: impl ToJson) -> Json {
    let mut out = String::new();
    value.write_json(&mut out);
    Json(out)
}

/// An array of the given values.
pub fn array<T: ToJson>(values: impl IntoIterator<Item = T>) -> Json {
    let mut out = String::from("[");
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        value.write_json(&mut out);
    }
    out.push(']');
    Json(out)
}

/// `options[key]`, or `undefined` when `options` is not an object.
pub fn get(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        reflect_get(options, key)
    } else {
        JsValue::UNDEFINED
    }
}
