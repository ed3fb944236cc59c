//! The checkout API's JSON, read from and written to the browser's own
//! `JSON.parse` and `JSON.stringify`, field by field.
//!
//! The types are kassa-api's, the ones the server serializes with serde:
//! written once. Only the reading is by hand here, because serde's
//! generated visitors, serde-wasm-bindgen and the error formatting they
//! pull in were the largest part of the page's module that was not the
//! page itself (see docs/benchmarks.md). The wire tests
//! (`crates/checkout/tests/wire.rs`) keep both sides in step: what the
//! server's serde writes, this reads back equal, and what this writes, the
//! server's serde reads back equal.

use js_sys::{Array, JSON, Object, Reflect};
use kassa_api::{
    Appearance, BillingAddressInput, ChallengeInfo, CheckoutView, ErrorBody, ErrorDetail,
    InstallmentOption, InvoiceStatus, PayRequest, PayResponse, PayStatus, Prefill, SaveCardMode,
    SavedCardOption, SurchargeOffer,
};
use wasm_bindgen::{JsCast, JsValue};

/// The answer to a cancel: where the merchant wants the shopper back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelAnswer {
    /// The merchant's cancel URL, signed.
    pub redirect_url: String,
}

/// A parsed JSON value, read as an object; absent members read as absent.
/// (The page's words block is read with it too: `crate::i18n`.)
pub(crate) struct Fields(JsValue);

impl Fields {
    /// `value` when it is a JSON object.
    pub(crate) fn of(value: JsValue) -> Option<Fields> {
        (value.is_object() && !Array::is_array(&value)).then_some(Fields(value))
    }

    fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// A string member; `None` when absent, `null` or not a string.
    pub(crate) fn string(&self, key: &str) -> Option<String> {
        self.get(key).as_string()
    }

    /// A string member that defaults to empty (`#[serde(default)]`).
    fn text(&self, key: &str) -> String {
        self.string(key).unwrap_or_default()
    }

    /// A whole-number member in `T`'s range.
    fn whole<T: TryFrom<i64>>(&self, key: &str) -> Option<T> {
        let number = self.get(key).as_f64()?;
        if number.fract() != 0.0 || number.abs() > 9.0e15 {
            return None;
        }
        T::try_from(number as i64).ok()
    }

    /// An object member.
    fn object(&self, key: &str) -> Option<Fields> {
        Fields::of(self.get(key))
    }

    /// An array member's items; `None` when it is not an array.
    pub(crate) fn array(&self, key: &str) -> Option<Vec<JsValue>> {
        let items = self.get(key).dyn_into::<Array>().ok()?;
        Some(items.iter().collect())
    }

    /// An array member's items; empty when absent (`#[serde(default)]`).
    fn list(&self, key: &str) -> Vec<JsValue> {
        self.array(key).unwrap_or_default()
    }
}

/// A parsed `GET /api/v1/checkout/{id}` answer.
pub fn checkout_view(value: JsValue) -> Option<CheckoutView> {
    let view = Fields::of(value)?;
    let installment_options = view
        .list("installment_options")
        .into_iter()
        .map(|option| {
            let option = Fields::of(option)?;
            Some(InstallmentOption {
                count: option.whole("count")?,
                first_payment: option.string("first_payment")?,
                other_payment: option.string("other_payment"),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let embed_origins = view
        .list("embed_origins")
        .into_iter()
        .map(|origin| origin.as_string())
        .collect::<Option<Vec<_>>>()?;
    let prefill = view
        .object("prefill")
        .map_or_else(Prefill::default, |prefill| Prefill {
            email: prefill.string("email"),
            name: prefill.string("name"),
            phone: prefill.string("phone"),
            billing_address: prefill
                .object("billing_address")
                .map(|address| address_from(&address)),
        });
    let saved_cards = view
        .list("saved_cards")
        .into_iter()
        .map(|card| {
            let card = Fields::of(card)?;
            Some(SavedCardOption {
                id: card.string("id")?,
                brand: card.string("brand")?,
                last4: card.string("last4")?,
                exp_month: card.whole("exp_month")?,
                exp_year: card.whole("exp_year")?,
                expired: card.get("expired").as_bool()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    // Absent or null: the page keeps nothing. A mode it does not know is
    // refused, as the server's serde would: paying without its consent
    // would only be refused later.
    let save_card = match view.get("save_card") {
        mode if mode.is_undefined() || mode.is_null() => None,
        mode => Some(SaveCardMode::parse(&mode.as_string()?)?),
    };
    let appearance = view
        .object("appearance")
        .map_or_else(Appearance::default, |appearance| Appearance {
            accent_color: appearance.string("accent_color"),
            logo: appearance.string("logo"),
        });
    Some(CheckoutView {
        invoice_id: view.string("invoice_id")?,
        merchant_name: view.string("merchant_name")?,
        amount: view.string("amount")?,
        currency: view.string("currency")?,
        minor_units: view.whole("minor_units")?,
        description: view.string("description"),
        status: InvoiceStatus::parse(&view.string("status")?)?,
        expires_at: view.string("expires_at")?,
        expires_in: view.whole("expires_in")?,
        locale: view.string("locale"),
        installment_options,
        attempts_left: view.whole("attempts_left")?,
        surcharge: surcharge_from(&view),
        installments_credit: view.get("installments_credit").as_bool() == Some(true),
        installments_fee: view.string("installments_fee"),
        prefill,
        appearance,
        embed_origins,
        holder_id_required: view.get("holder_id_required").as_bool() == Some(true),
        save_card,
        challenge: challenge_from(&view),
        saved_cards,
    })
}

/// A `surcharge` member (the merchant's surcharge on this invoice).
fn surcharge_from(view: &Fields) -> Option<SurchargeOffer> {
    let offer = view.object("surcharge")?;
    Some(SurchargeOffer {
        amount: offer.string("amount")?,
        total: offer.string("total")?,
        countries: offer
            .list("countries")
            .into_iter()
            .map(|code| code.as_string())
            .collect::<Option<_>>()?,
        eu_cards_exempt: offer.get("eu_cards_exempt").as_bool()?,
    })
}

/// A `challenge` member (`{id, url}`), when there is one.
fn challenge_from(answer: &Fields) -> Option<ChallengeInfo> {
    let challenge = answer.object("challenge")?;
    Some(ChallengeInfo {
        id: challenge.string("id")?,
        url: challenge.string("url")?,
    })
}

fn address_from(address: &Fields) -> BillingAddressInput {
    BillingAddressInput {
        line1: address.text("line1"),
        line2: address.text("line2"),
        city: address.text("city"),
        region: address.text("region"),
        postal_code: address.text("postal_code"),
        country: address.text("country"),
    }
}

/// A parsed `POST /api/v1/checkout/{id}/pay` answer.
pub fn pay_response(value: JsValue) -> Option<PayResponse> {
    let answer = Fields::of(value)?;
    let decline = match answer.object("decline") {
        Some(decline) => Some(detail_from(&decline)?),
        None => None,
    };
    Some(PayResponse {
        status: PayStatus::parse(&answer.string("status")?)?,
        redirect_url: answer.string("redirect_url"),
        decline,
        attempts_left: answer.whole("attempts_left")?,
        challenge: challenge_from(&answer),
    })
}

/// A parsed `POST /api/v1/checkout/{id}/cancel` answer.
pub fn cancel_answer(value: JsValue) -> Option<CancelAnswer> {
    Some(CancelAnswer {
        redirect_url: Fields::of(value)?.string("redirect_url")?,
    })
}

/// A parsed error body (any 4xx or 5xx answer of the API).
pub fn error_body(value: JsValue) -> Option<ErrorBody> {
    let body = Fields::of(value)?;
    let errors = body
        .list("errors")
        .into_iter()
        .map(|error| detail_from(&Fields::of(error)?))
        .collect::<Option<Vec<_>>>()?;
    Some(ErrorBody {
        error: detail_from(&body.object("error")?)?,
        errors,
    })
}

fn detail_from(detail: &Fields) -> Option<ErrorDetail> {
    Some(ErrorDetail {
        code: detail.string("code")?,
        message: detail.string("message")?,
        field: detail.string("field"),
    })
}

/// A JSON text parsed by the browser and read by `read`.
///
/// ```no_run
/// // In the browser (the wire tests run this in Chromium):
/// use kassa_checkout::wire;
/// let answer = wire::parse(r#"{"redirect_url":"https://shop.example/back"}"#, wire::cancel_answer);
/// assert_eq!(answer.unwrap().redirect_url, "https://shop.example/back");
/// ```
pub fn parse<T>(text: &str, read: fn(JsValue) -> Option<T>) -> Option<T> {
    read(JSON::parse(text).ok()?)
}

/// The JSON text of a payment, written by the browser; absent options are
/// left out, as the server's serde writes them.
pub fn pay_request_json(request: &PayRequest) -> Option<String> {
    let card = Members::new()
        .text("number", &request.card.number)
        .text("expiry", &request.card.expiry)
        .text("cvv", &request.card.cvv)
        .text("name", &request.card.name);
    let mut body = Members::new().value("card", card.0);
    if let Some(address) = &request.billing_address {
        let address = Members::new()
            .text("line1", &address.line1)
            .text("line2", &address.line2)
            .text("city", &address.city)
            .text("region", &address.region)
            .text("postal_code", &address.postal_code)
            .text("country", &address.country);
        body = body.value("billing_address", address.0);
    }
    for (key, text) in [
        ("surcharge", &request.surcharge),
        ("email", &request.email),
        ("phone", &request.phone),
        ("network", &request.network),
        ("holder_id", &request.holder_id),
        ("payment_method", &request.payment_method),
    ] {
        if let Some(text) = text {
            body = body.text(key, text);
        }
    }
    if let Some(count) = request.installments {
        body = body.value("installments", JsValue::from(count));
    }
    if let Some(consent) = request.save_card {
        body = body.value("save_card", JsValue::from_bool(consent));
    }
    JSON::stringify(&body.0).ok()?.as_string()
}

/// A JSON object being written.
struct Members(Object);

impl Members {
    fn new() -> Members {
        Members(Object::new())
    }

    fn value(self, key: &str, value: impl Into<JsValue>) -> Members {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }

    fn text(self, key: &str, text: &str) -> Members {
        self.value(key, JsValue::from_str(text))
    }
}
