//! The hosted 3-D Secure page a `redirect_to_url` next action sends the
//! shopper to (Stripe's lives at `https://hooks.stripe.com/3d_secure_2/hosted`;
//! the double serves its own at the same path): a plain HTML page whose
//! "Complete" and "Fail" buttons post a form, then a `303` to the
//! PaymentIntent's `return_url` with `payment_intent=pi_…` appended.
//!
//! The page is the shopper's, not the API's: no secret key is asked for,
//! and the PaymentIntent is named by its id and the challenge's `source`
//! together, as the URL handed out carries them.

use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::intents::{self, PageRefusal};
use super::params::Params;
use super::store::Store;

/// `GET /3d_secure_2/hosted?payment_intent=pi_…&source=src_…`: the page,
/// while its challenge waits for an answer.
pub(super) async fn show(
    State(store): State<Arc<Mutex<Store>>>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some((intent, source)) = names(query.as_deref()) else {
        return refused(PageRefusal::Unknown);
    };
    let store = store.lock().unwrap_or_else(PoisonError::into_inner);
    match intents::waiting(&store, &intent, &source) {
        Err(refusal) => refused(refusal),
        Ok(waiting) => {
            let amount = waiting.amount;
            let currency = waiting.currency.to_ascii_uppercase();
            let action = format!(
                "{}?payment_intent={}&amp;source={}",
                intents::HOSTED_PAGE,
                escape(&intent),
                escape(&source)
            );
            Html(format!(
                "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>3D Secure test page</title></head>\n<body>\n<h1>3D Secure 2 test page</h1>\n<p>Authenticate a payment of {amount} (smallest unit) {currency}.</p>\n<form method=\"post\" action=\"{action}\">\n<button type=\"submit\" name=\"outcome\" value=\"complete\" data-testid=\"complete\">Complete</button>\n<button type=\"submit\" name=\"outcome\" value=\"fail\" data-testid=\"fail\">Fail</button>\n</form>\n</body>\n</html>\n"
            ))
            .into_response()
        }
    }
}

/// `POST /3d_secure_2/hosted?payment_intent=pi_…&source=src_…` with
/// `outcome=complete` or `outcome=fail`: answers the challenge once, then
/// `303` to the `return_url`.
pub(super) async fn answer(
    State(store): State<Arc<Mutex<Store>>>,
    RawQuery(query): RawQuery,
    body: String,
) -> Response {
    let Some((intent, source)) = names(query.as_deref()) else {
        return refused(PageRefusal::Unknown);
    };
    let passed = match Params::parse(&body)
        .ok()
        .as_ref()
        .and_then(|params| params.get("outcome"))
    {
        Some("complete") => true,
        Some("fail") => false,
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                Html("<p>Choose Complete or Fail.</p>".to_owned()),
            )
                .into_response();
        }
    };
    let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
    match intents::answer_challenge(&mut store, &intent, &source, passed) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(refusal) => refused(refusal),
    }
}

/// The PaymentIntent and the `source` a page URL names.
fn names(query: Option<&str>) -> Option<(String, String)> {
    let params = Params::parse(query.unwrap_or_default()).ok()?;
    let intent = params.get("payment_intent")?.to_owned();
    let source = params.get("source")?.to_owned();
    Some((intent, source))
}

/// A page that will not take an answer: `404` for an unknown challenge,
/// `400` for one already answered (or whose PaymentIntent was canceled).
fn refused(refusal: PageRefusal) -> Response {
    match refusal {
        PageRefusal::Unknown => (
            StatusCode::NOT_FOUND,
            Html("<p>This authentication is unknown.</p>".to_owned()),
        )
            .into_response(),
        PageRefusal::Answered => (
            StatusCode::BAD_REQUEST,
            Html("<p>This authentication has already been completed.</p>".to_owned()),
        )
            .into_response(),
    }
}

/// Text safe inside an HTML attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
