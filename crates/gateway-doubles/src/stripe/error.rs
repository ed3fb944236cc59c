//! Stripe's error answers: an HTTP status and
//! `{"error": {"type", "code", "decline_code", "message", "param", "doc_url", …}}`.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

/// One error answer, before it is written.
#[derive(Clone, Debug)]
pub(super) struct StripeError {
    pub(super) status: StatusCode,
    pub(super) fields: Map<String, Value>,
}

impl StripeError {
    fn new(status: StatusCode, kind: &str, message: &str) -> StripeError {
        let mut fields = Map::new();
        fields.insert("type".into(), json!(kind));
        fields.insert("message".into(), json!(message));
        StripeError { status, fields }
    }

    /// Adds `code` (and its `doc_url`, as Stripe writes it).
    fn code(mut self, code: Option<&str>) -> StripeError {
        if let Some(code) = code {
            self.fields.insert("code".into(), json!(code));
            self.fields.insert(
                "doc_url".into(),
                json!(format!(
                    "https://stripe.com/docs/error-codes/{}",
                    code.replace('_', "-")
                )),
            );
        }
        self
    }

    /// Adds `param`.
    fn param(mut self, param: Option<&str>) -> StripeError {
        if let Some(param) = param {
            self.fields.insert("param".into(), json!(param));
        }
        self
    }

    /// Adds any other field (`payment_intent`, `payment_method`, `charge`).
    pub(super) fn with(mut self, name: &str, value: Value) -> StripeError {
        self.fields.insert(name.into(), value);
        self
    }

    /// `400 invalid_request_error`.
    pub(super) fn invalid_request(
        message: &str,
        param: Option<&str>,
        code: Option<&str>,
    ) -> StripeError {
        StripeError::new(StatusCode::BAD_REQUEST, "invalid_request_error", message)
            .param(param)
            .code(code)
    }

    /// `404 invalid_request_error` with `code: resource_missing`.
    pub(super) fn resource_missing(kind: &str, id: &str, param: &str) -> StripeError {
        StripeError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            &format!("No such {kind}: '{id}'"),
        )
        .param(Some(param))
        .code(Some("resource_missing"))
    }

    /// `404` for a URL Stripe does not serve.
    pub(super) fn unrecognized_url(method: &str, path: &str) -> StripeError {
        StripeError::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            &format!(
                "Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
            ),
        )
    }

    /// `401`: no key, or a key Stripe does not know.
    pub(super) fn unauthorized(message: &str) -> StripeError {
        StripeError::new(StatusCode::UNAUTHORIZED, "invalid_request_error", message)
    }

    /// `403`: the key may not act for the `Stripe-Account` named.
    pub(super) fn account_invalid(account: &str) -> StripeError {
        StripeError::new(
            StatusCode::FORBIDDEN,
            "invalid_request_error",
            &format!(
                "The provided key does not have access to account '{account}' (or that account does not exist). Application access may have been revoked."
            ),
        )
        .code(Some("account_invalid"))
    }

    /// `400 idempotency_error`.
    pub(super) fn idempotency(message: &str) -> StripeError {
        StripeError::new(StatusCode::BAD_REQUEST, "idempotency_error", message)
    }

    /// `402 card_error`: the card was refused.
    pub(super) fn card(
        code: &str,
        decline_code: Option<&str>,
        message: &str,
        param: Option<&str>,
    ) -> StripeError {
        let mut error = StripeError::new(StatusCode::PAYMENT_REQUIRED, "card_error", message)
            .code(Some(code))
            .param(param);
        if let Some(decline_code) = decline_code {
            error = error.with("decline_code", json!(decline_code));
        }
        error
    }

    /// The error object alone (a PaymentIntent's `last_payment_error`).
    pub(super) fn object(&self) -> Value {
        Value::Object(self.fields.clone())
    }

    /// The answer body: `{"error": {…}}`.
    pub(super) fn body(&self) -> Value {
        json!({ "error": self.fields })
    }
}
