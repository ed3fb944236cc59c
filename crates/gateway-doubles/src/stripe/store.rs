//! What the double remembers (Customers, PaymentMethods, PaymentIntents with
//! their charge, refunds, idempotent answers) and how Stripe writes each
//! object in JSON. No card number is kept: a PaymentMethod keeps its brand,
//! last four digits and expiry, as Stripe shows it, and what the test
//! issuer answers for its card (so a saved card can be charged again).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::cards::{Check, Refusal, Scripted};

/// Everything the double knows.
#[derive(Debug)]
pub(super) struct Store {
    /// The one secret key it accepts.
    pub(super) secret_key: String,
    /// The connected accounts a `Stripe-Account` header may name.
    pub(super) accounts: HashSet<String>,
    /// Every Customer, oldest first.
    pub(super) customers: Vec<Customer>,
    /// Every card PaymentMethod made, oldest first: the one a PaymentIntent
    /// made from `payment_method_data`, kept so that a later PaymentIntent
    /// can name it in `payment_method`.
    pub(super) methods: Vec<Method>,
    /// Every PaymentIntent, oldest first.
    pub(super) intents: Vec<Intent>,
    /// Every refund, oldest first.
    pub(super) refunds: Vec<Refund>,
    /// The first answer to each idempotency key, per account.
    pub(super) saved: HashMap<(Option<String>, String), Saved>,
    /// Counts the ids handed out.
    pub(super) sequence: u64,
    /// How long a new object takes to become searchable.
    pub(super) search_lag: Duration,
    /// The double's own origin (`http://127.0.0.1:<port>`), where it
    /// serves its 3-D Secure page.
    pub(super) origin: String,
}

/// The first answer given to an idempotency key.
#[derive(Debug)]
pub(super) struct Saved {
    /// The path it was used on.
    pub(super) path: String,
    /// The parameters' fingerprint.
    pub(super) fingerprint: u64,
    /// The answer's status.
    pub(super) status: StatusCode,
    /// The answer's body.
    pub(super) body: Value,
}

/// A PaymentIntent.
#[derive(Debug)]
pub(super) struct Intent {
    pub(super) id: String,
    pub(super) account: Option<String>,
    pub(super) created: i64,
    /// When it was made, for the search lag.
    pub(super) born: Instant,
    pub(super) amount: i64,
    pub(super) currency: String,
    pub(super) capture_method: String,
    pub(super) status: &'static str,
    pub(super) description: Option<String>,
    pub(super) metadata: BTreeMap<String, String>,
    pub(super) payment_method_types: Vec<String>,
    pub(super) automatic_payment_methods: Option<Value>,
    /// The PaymentMethod as it stood when the PaymentIntent used it.
    pub(super) payment_method: Option<Method>,
    /// The Customer (`cus_…`) it belongs to.
    pub(super) customer: Option<String>,
    /// `on_session` or `off_session`: keep the PaymentMethod for later.
    pub(super) setup_future_usage: Option<String>,
    /// `off_session` as sent (`true`, `false`, `one_off`, `recurring`):
    /// the shopper is absent. Stripe does not show it on the object; the
    /// double keeps it for the tests.
    pub(super) off_session: Option<String>,
    /// Whether the request carried a card number (`payment_method_data`)
    /// rather than a saved PaymentMethod.
    pub(super) card_number_sent: bool,
    pub(super) charge: Option<Charge>,
    pub(super) last_payment_error: Option<Value>,
    pub(super) next_action: Option<Value>,
    pub(super) network: Option<String>,
    /// `payment_method_options[card][request_three_d_secure]`: `automatic`
    /// unless the request said `any` or `challenge`.
    pub(super) request_three_d_secure: String,
    pub(super) idempotency_key: Option<String>,
    /// Whether a confirmation was attempted (a charge was tried).
    pub(super) confirmed: bool,
    /// When it was canceled, Unix seconds.
    pub(super) canceled_at: Option<i64>,
    /// Why, as the cancel call said (`abandoned`, `duplicate`,
    /// `fraudulent`, `requested_by_customer`).
    pub(super) cancellation_reason: Option<String>,
    /// The 3-D Secure challenge a `redirect_to_url` next action waits for.
    pub(super) authentication: Option<Authentication>,
}

/// A 3-D Secure challenge on the double's hosted page: what the issuer
/// does once the shopper has answered.
#[derive(Debug)]
pub(super) struct Authentication {
    /// The page's `source` (`src_…`), which the page URL carries.
    pub(super) source: String,
    /// Where the page sends the shopper back (`redirect_to_url.return_url`).
    pub(super) return_url: String,
    /// The issuer's answer after a passed challenge: `None` approves.
    pub(super) then: Option<Refusal>,
    /// The checks the charge reports (what the confirmation sent).
    pub(super) cvc_sent: bool,
    pub(super) line1_sent: bool,
    pub(super) postal_code_sent: bool,
    /// Whether the shopper has answered; a challenge is answered once.
    pub(super) answered: bool,
}

/// What 3-D Secure said about a charge, as
/// `payment_method_details.card.three_d_secure` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ThreeDs {
    /// `authentication_flow`: `challenge` or `frictionless`.
    pub(super) flow: &'static str,
    /// `result`: `authenticated`, `failed`, …
    pub(super) result: &'static str,
    /// `electronic_commerce_indicator`: `05` (Visa and others) or `02`
    /// (Mastercard) when authenticated.
    pub(super) eci: Option<&'static str>,
}

impl ThreeDs {
    /// An authentication the issuer accepted, by `flow`, for a card of
    /// `brand` (Stripe's `card.brand`).
    pub(super) fn authenticated(flow: &'static str, brand: &str) -> ThreeDs {
        ThreeDs {
            flow,
            result: "authenticated",
            eci: Some(if brand == "mastercard" { "02" } else { "05" }),
        }
    }
}

/// A card PaymentMethod, without its number.
#[derive(Clone, Debug)]
pub(super) struct Method {
    pub(super) id: String,
    pub(super) account: Option<String>,
    pub(super) created: i64,
    /// The Customer it is attached to: only such a PaymentMethod can be
    /// used again, and only with that Customer.
    pub(super) customer: Option<String>,
    /// What the test issuer answers for the card.
    pub(super) scripted: Scripted,
    pub(super) brand: &'static str,
    pub(super) last4: String,
    pub(super) exp_month: i64,
    pub(super) exp_year: i64,
    pub(super) billing_details: Value,
}

/// A Customer: what a PaymentMethod is attached to for reuse.
#[derive(Debug)]
pub(super) struct Customer {
    pub(super) id: String,
    pub(super) account: Option<String>,
    pub(super) created: i64,
    pub(super) name: Option<String>,
    pub(super) email: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) description: Option<String>,
    pub(super) metadata: BTreeMap<String, String>,
}

/// The charge a confirmation made.
#[derive(Debug)]
pub(super) struct Charge {
    pub(super) id: String,
    pub(super) created: i64,
    pub(super) authorization_code: Option<String>,
    pub(super) cvc_check: Check,
    pub(super) line1_check: Check,
    pub(super) postal_code_check: Check,
    /// `None` when it succeeded.
    pub(super) failure: Option<Refusal>,
    /// What 3-D Secure said, when the charge was authenticated.
    pub(super) three_d_secure: Option<ThreeDs>,
    /// What was taken: the amount at once with automatic capture, what a
    /// capture took with manual capture, 0 until then.
    pub(super) amount_captured: i64,
    /// What refunds gave back.
    pub(super) amount_refunded: i64,
    /// What an authorization gave up without a refund: the rest of a
    /// partial capture, or all of it when canceled. Stripe counts it in
    /// the charge's `amount_refunded` ("automatically refunded").
    pub(super) amount_released: i64,
}

/// A refund.
#[derive(Debug)]
pub(super) struct Refund {
    pub(super) id: String,
    pub(super) account: Option<String>,
    pub(super) created: i64,
    pub(super) amount: i64,
    pub(super) currency: String,
    pub(super) intent: String,
    pub(super) charge: String,
    pub(super) reason: Option<String>,
    pub(super) metadata: BTreeMap<String, String>,
    pub(super) idempotency_key: Option<String>,
}

impl Store {
    /// A new id with Stripe's prefix (`pi`, `pm`, `ch`, `re`, `req`): 24
    /// letters and digits after the underscore, as Stripe's ids look.
    pub(super) fn next_id(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        self.sequence += 1;
        // splitmix64, so that consecutive ids do not look alike.
        let mut state = self.sequence.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut id = format!("{prefix}_");
        for _ in 0..24 {
            state ^= state >> 31;
            state = state.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            state ^= state >> 27;
            let index = usize::try_from(state % 62).unwrap_or(0);
            id.push(char::from(ALPHABET[index]));
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        }
        id
    }

    /// The intent `id` as seen by `account`.
    pub(super) fn intent(&self, account: Option<&str>, id: &str) -> Option<&Intent> {
        self.intents
            .iter()
            .find(|intent| intent.id == id && intent.account.as_deref() == account)
    }

    /// The Customer `id` as seen by `account`.
    pub(super) fn customer(&self, account: Option<&str>, id: &str) -> Option<&Customer> {
        self.customers
            .iter()
            .find(|customer| customer.id == id && customer.account.as_deref() == account)
    }

    /// The PaymentMethod `id` as seen by `account`.
    pub(super) fn method(&self, account: Option<&str>, id: &str) -> Option<&Method> {
        self.methods
            .iter()
            .find(|method| method.id == id && method.account.as_deref() == account)
    }

    /// The intent `id` as seen by `account`, to change.
    pub(super) fn intent_mut(&mut self, account: Option<&str>, id: &str) -> Option<&mut Intent> {
        self.intents
            .iter_mut()
            .find(|intent| intent.id == id && intent.account.as_deref() == account)
    }
}

/// Which nested objects to write in full rather than as ids.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Expand {
    pub(super) latest_charge: bool,
    pub(super) payment_method: bool,
}

/// A PaymentIntent as Stripe writes it.
pub(super) fn intent_json(intent: &Intent, expand: Expand) -> Value {
    let received = match &intent.charge {
        Some(charge) if charge.failure.is_none() => charge.amount_captured,
        _ => 0,
    };
    let capturable = if intent.status == "requires_capture" {
        intent.amount
    } else {
        0
    };
    let latest_charge = match &intent.charge {
        Some(charge) if expand.latest_charge => charge_json(intent, charge),
        Some(charge) => json!(charge.id),
        None => Value::Null,
    };
    let payment_method = match &intent.payment_method {
        Some(method) if expand.payment_method => method_json(method),
        Some(method) => json!(method.id),
        None => Value::Null,
    };
    json!({
        "id": intent.id,
        "object": "payment_intent",
        "amount": intent.amount,
        "amount_capturable": capturable,
        "amount_details": { "tip": {} },
        "amount_received": received,
        "application": null,
        "application_fee_amount": null,
        "automatic_payment_methods": intent.automatic_payment_methods,
        "canceled_at": intent.canceled_at,
        "cancellation_reason": intent.cancellation_reason,
        "capture_method": intent.capture_method,
        "client_secret": format!("{}_secret_{}", intent.id, &intent.id[3..]),
        "confirmation_method": "automatic",
        "created": intent.created,
        "currency": intent.currency,
        "customer": intent.customer,
        "description": intent.description,
        "invoice": null,
        "last_payment_error": intent.last_payment_error,
        "latest_charge": latest_charge,
        "livemode": false,
        "metadata": intent.metadata,
        "next_action": intent.next_action,
        "on_behalf_of": null,
        "payment_method": payment_method,
        "payment_method_configuration_details": null,
        "payment_method_options": {
            "card": {
                "installments": null,
                "mandate_options": null,
                "network": intent.network,
                "request_three_d_secure": intent.request_three_d_secure
            }
        },
        "payment_method_types": intent.payment_method_types,
        "processing": null,
        "receipt_email": null,
        "review": null,
        "setup_future_usage": intent.setup_future_usage,
        "shipping": null,
        "source": null,
        "statement_descriptor": null,
        "statement_descriptor_suffix": null,
        "status": intent.status,
        "transfer_data": null,
        "transfer_group": null
    })
}

/// A card PaymentMethod as Stripe writes it.
pub(super) fn method_json(method: &Method) -> Value {
    json!({
        "id": method.id,
        "object": "payment_method",
        "billing_details": method.billing_details,
        "card": {
            "brand": method.brand,
            "checks": null,
            "country": "US",
            "display_brand": method.brand,
            "exp_month": method.exp_month,
            "exp_year": method.exp_year,
            "funding": "credit",
            "last4": method.last4,
            "networks": { "available": [method.brand], "preferred": null },
            "three_d_secure_usage": { "supported": true },
            "wallet": null
        },
        "created": method.created,
        "customer": method.customer,
        "livemode": false,
        "metadata": {},
        "type": "card"
    })
}

/// A Customer as Stripe writes it.
pub(super) fn customer_json(customer: &Customer) -> Value {
    json!({
        "id": customer.id,
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": customer.created,
        "currency": null,
        "default_source": null,
        "delinquent": false,
        "description": customer.description,
        "discount": null,
        "email": customer.email,
        "invoice_prefix": null,
        "invoice_settings": {
            "custom_fields": null,
            "default_payment_method": null,
            "footer": null,
            "rendering_options": null
        },
        "livemode": false,
        "metadata": customer.metadata,
        "name": customer.name,
        "phone": customer.phone,
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null
    })
}

/// The charge of `intent` as Stripe writes it.
pub(super) fn charge_json(intent: &Intent, charge: &Charge) -> Value {
    let paid = charge.failure.is_none();
    let given_back = charge.amount_refunded + charge.amount_released;
    let method = intent.payment_method.as_ref();
    let (network_status, outcome_type, seller_message, reason) = match &charge.failure {
        None => (
            "approved_by_network",
            "authorized",
            "Payment complete.",
            None,
        ),
        Some(refusal) => (
            "declined_by_network",
            "issuer_declined",
            "The bank did not return any further details with this decline.",
            Some(refusal.decline_code),
        ),
    };
    json!({
        "id": charge.id,
        "object": "charge",
        "amount": intent.amount,
        "amount_captured": charge.amount_captured,
        "amount_refunded": given_back,
        "balance_transaction": null,
        "billing_details": method.map(|method| method.billing_details.clone()),
        "captured": charge.amount_captured > 0,
        "created": charge.created,
        "currency": intent.currency,
        "description": intent.description,
        "disputed": false,
        "failure_code": charge.failure.map(|refusal| refusal.code),
        "failure_message": charge.failure.map(|refusal| refusal.message),
        "livemode": false,
        "metadata": intent.metadata,
        "outcome": {
            "network_status": network_status,
            "reason": reason,
            "risk_level": "normal",
            "seller_message": seller_message,
            "type": outcome_type
        },
        "paid": paid,
        "payment_intent": intent.id,
        "payment_method": method.map(|method| method.id.clone()),
        "payment_method_details": {
            "card": {
                "amount_authorized": if paid { Some(intent.amount) } else { None },
                "authorization_code": charge.authorization_code,
                "brand": method.map(|method| method.brand),
                "checks": {
                    "address_line1_check": charge.line1_check.as_json(),
                    "address_postal_code_check": charge.postal_code_check.as_json(),
                    "cvc_check": charge.cvc_check.as_json()
                },
                "country": "US",
                "exp_month": method.map(|method| method.exp_month),
                "exp_year": method.map(|method| method.exp_year),
                "funding": "credit",
                "installments": null,
                "last4": method.map(|method| method.last4.clone()),
                "network": method.map(|method| method.brand),
                "three_d_secure": charge.three_d_secure.map(|three_d_secure| json!({
                    "authentication_flow": three_d_secure.flow,
                    "electronic_commerce_indicator": three_d_secure.eci,
                    "result": three_d_secure.result,
                    "result_reason": null,
                    "transaction_id": format!("{}-3ds", charge.id),
                    "version": "2.2.0"
                })),
                "wallet": null
            },
            "type": "card"
        },
        "refunded": given_back > 0 && given_back == intent.amount,
        "status": if paid { "succeeded" } else { "failed" }
    })
}

/// A refund as Stripe writes it.
pub(super) fn refund_json(refund: &Refund) -> Value {
    json!({
        "id": refund.id,
        "object": "refund",
        "amount": refund.amount,
        "balance_transaction": null,
        "charge": refund.charge,
        "created": refund.created,
        "currency": refund.currency,
        "destination_details": { "card": { "reference_status": "pending", "type": "refund" }, "type": "card" },
        "metadata": refund.metadata,
        "payment_intent": refund.intent,
        "reason": refund.reason,
        "receipt_number": null,
        "source_transfer_reversal": null,
        "status": "succeeded",
        "transfer_reversal": null
    })
}

/// A page of a list, as Stripe writes it.
pub(super) fn list_json(url: &str, data: Vec<Value>, has_more: bool) -> Value {
    json!({ "object": "list", "data": data, "has_more": has_more, "url": url })
}
