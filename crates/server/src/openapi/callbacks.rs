//! The callbacks Kassa POSTs to merchants, as OpenAPI 3.1 `webhooks`.
//!
//! utoipa 5 has no webhooks, so they are added to the JSON document here.
//! The payload's schema follows `events.rs`, which builds it; a test checks
//! real callbacks against it.

use serde_json::{Value, json};

/// The event types `events.rs` sends.
const KINDS: [&str; 6] = [
    "invoice.paid",
    "invoice.pending",
    "invoice.failed",
    "invoice.canceled",
    "invoice.expired",
    "refund.succeeded",
];

/// Adds `webhooks.callback` and the `CallbackEvent` schema to `document`.
pub(super) fn add(document: &mut Value) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    if let Some(schemas) = root
        .get_mut("components")
        .and_then(|components| components.get_mut("schemas"))
        .and_then(Value::as_object_mut)
    {
        schemas.insert("CallbackEvent".into(), event_schema());
    }
    root.insert("webhooks".into(), json!({ "callback": webhook() }));
}

fn webhook() -> Value {
    json!({
        "post": {
            "tags": ["events"],
            "operationId": "callback",
            "summary": "A callback to the merchant",
            "description": "POSTed to the merchant's callback URL on every change of an invoice's state. \
                Answer any 2xx once it is stored; anything else (or no answer in time) is retried with \
                exponential backoff and jitter for three days. Delivery is at least once: ignore an event \
                id already seen.",
            "parameters": [
                {
                    "name": "Kassa-Event-Id",
                    "in": "header",
                    "required": true,
                    "description": "The event's id (`evt_…`), the same on every retry.",
                    "schema": {"type": "string"}
                },
                {
                    "name": "Kassa-Signature",
                    "in": "header",
                    "required": true,
                    "description": "`t=<unix seconds>,v1=<hex HMAC-SHA256>` of `\"<t>.\"` followed by the raw \
                        body, keyed with the merchant's callback secret. Verify it over the raw bytes, in \
                        constant time, before parsing; refuse a `t` more than five minutes away.",
                    "schema": {"type": "string", "pattern": "^t=[0-9]+,v1=[0-9a-f]{64}$"}
                }
            ],
            "requestBody": {
                "required": true,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CallbackEvent"}}}
            },
            "responses": {
                "2XX": {"description": "Stored; not sent again."},
                "default": {"description": "Not stored; sent again later."}
            }
        }
    })
}

fn event_schema() -> Value {
    let text = |description: &str| json!({"type": "string", "description": description});
    let optional_text =
        |description: &str| json!({"type": ["string", "null"], "description": description});
    let integer = |description: &str| json!({"type": "integer", "description": description});
    json!({
        "type": "object",
        "description": "A callback's body. `merchant_data` is the invoice's `callbackJson`, byte for byte.",
        "required": ["id", "type", "created_at", "invoice", "merchant_data"],
        "properties": {
            "id": text("`evt_` and 32 hex digits, as in `Kassa-Event-Id`."),
            "type": {"type": "string", "enum": KINDS, "description": "What happened."},
            "created_at": text("RFC 3339 time of the change."),
            "invoice": {
                "type": "object",
                "description": "The invoice as it was right after the change.",
                "required": ["id", "status", "amount", "amount_minor", "currency", "email", "attempts",
                    "refunded_amount", "refunded_amount_minor"],
                "properties": {
                    "id": text("The invoice id."),
                    "status": {"$ref": "#/components/schemas/InvoiceStatus"},
                    "amount": text("The amount (`\"15.04\"`)."),
                    "amount_minor": integer("The amount in minor units (1504)."),
                    "currency": text("ISO 4217 code."),
                    "reference": optional_text("The merchant's order id."),
                    "email": text("The shopper's email."),
                    "card": {
                        "oneOf": [{"$ref": "#/components/schemas/CardSummary"}, {"type": "null"}],
                        "description": "The card that paid or last tried to (never the number or code)."
                    },
                    "authorization_code": optional_text("The processor's authorization code."),
                    "transaction_ref": optional_text("The processor's reference for the charge."),
                    "avs_result": optional_text("The address check's result code."),
                    "security_code_result": optional_text("The security code check's result code."),
                    "installments": {"type": ["integer", "null"], "description": "Installments chosen."},
                    "installments_type": {"type": "string", "enum": ["equal", "credit"], "description": "How the instalments are financed: your own payments, or the card issuer's credit."},
                    "installments_fee": optional_text("The credit's fee stated to the shopper."),
                    "surcharge": optional_text("The card surcharge added to `amount` (`\"0.45\"`), when there was one."),
                    "surcharge_minor": {"type": ["integer", "null"], "description": "The same in minor units."},
                    "amount_charged": text("What the card was charged: `amount` plus the surcharge."),
                    "amount_charged_minor": integer("The same in minor units."),
                    "decline_code": optional_text("Why the last attempt was declined."),
                    "three_d_secure": {
                        "oneOf": [{"$ref": "#/components/schemas/ThreeDSecureResult"}, {"type": "null"}],
                        "description": "What 3-D Secure said about the last attempt, when the card went through it."
                    },
                    "attempts": integer("Payment attempts made."),
                    "refunded_amount": text("What refunds have given back (`\"0.00\"` before any)."),
                    "refunded_amount_minor": integer("The same in minor units.")
                }
            },
            "refund": {
                "type": "object",
                "description": "The refund, on `refund.succeeded` only.",
                "required": ["id", "status", "amount", "amount_minor", "currency", "created_at"],
                "properties": {
                    "id": text("`ref_` and 32 hex digits."),
                    "status": {"type": "string", "enum": ["succeeded"]},
                    "amount": text("What this refund gave back (`\"5.00\"`)."),
                    "amount_minor": integer("The same in minor units."),
                    "currency": text("ISO 4217 code."),
                    "processor_ref": optional_text("The processor's reference for the refund."),
                    "created_at": text("RFC 3339 time the refund was asked for.")
                }
            },
            "merchant_data": {"description": "The invoice's `callbackJson`, byte for byte."}
        }
    })
}
