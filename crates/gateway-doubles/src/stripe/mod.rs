//! A double of Stripe's API v1 (`https://api.stripe.com/v1/…`): the
//! PaymentIntents card flow (with separate authorization and capture),
//! cards kept on a Customer and charged again (by the shopper or off
//! session), refunds, and the look-ups (list, search, retrieve), for the
//! Stripe connector's tests.
//!
//! Written from Stripe's OpenAPI description (`stripe/openapi`,
//! `openapi/spec3.yaml`, API version 2023-08-16, the newest whose text the
//! snapshot holds), its API reference and guides (errors, idempotent
//! requests, search, currencies, testing) and `docs/gateways.md`, not from
//! Kassa's connector.
//!
//! # Calls
//!
//! Every call authenticates with the secret key: `Authorization: Bearer
//! <key>` (or HTTP Basic with the key as the user name, which Stripe also
//! takes). Parameters are `application/x-www-form-urlencoded` (a POST's
//! body, a GET's query) with bracketed nesting (`metadata[key]`,
//! `expand[]`). Every answer is JSON.
//!
//! * `POST /v1/payment_intents`: creates a PaymentIntent and, with
//!   `confirm=true`, confirms it with a card given as `payment_method_data`
//!   (`[type]=card`, `[card][number]`, `[card][exp_month]`,
//!   `[card][exp_year]`, `[card][cvc]`, `[billing_details][…]`). Approved:
//!   `200` and the PaymentIntent, `status: succeeded` (`requires_capture`
//!   with `capture_method=manual`). Declined: `402` and
//!   `{"error": {"type": "card_error", "code", "decline_code", "message",
//!   "charge", "payment_intent", "payment_method", …}}`; the PaymentIntent
//!   stays, `status: requires_payment_method` with that error as
//!   `last_payment_error`. `capture_method` is `automatic_async` (the
//!   default), `automatic` or `manual`; an approved `manual` one holds
//!   the whole amount as `amount_capturable`.
//! * Saved cards, on the same call: `customer` (a `cus_…` of the account,
//!   else `404 resource_missing`, `param: customer`) with
//!   `setup_future_usage` (`off_session` or `on_session`) attaches the new
//!   PaymentMethod to the Customer once the charge succeeds. A later
//!   PaymentIntent names it in `payment_method` (exclusive with
//!   `payment_method_data`) with the same `customer`, and `off_session`
//!   (`true`, `false`, `one_off` or `recurring`; only with `confirm=true`)
//!   when the shopper is absent, in which case a card that asks for 3-D
//!   Secure is declined `authentication_required` instead of waiting.
//!   Stripe's refusals, all `400` with `param: payment_method`: a
//!   PaymentMethod used once without being attached "may not be used
//!   again"; one attached to another Customer ("The customer does not have
//!   a payment method with the ID …"); one attached to a Customer while the
//!   PaymentIntent names none. An id the account does not have: `404
//!   resource_missing`. A charge on a saved PaymentMethod has no CVC to
//!   check; its billing address is checked again.
//! * `POST /v1/customers` (`name`, `email`, `phone`, `description`,
//!   `metadata`) and `GET /v1/customers/{id}`.
//! * `POST /v1/payment_intents/{id}/capture` (`amount_to_capture`, all of
//!   `amount_capturable` when absent; `final_capture`, `metadata`,
//!   `statement_descriptor_suffix`, `expand[]`): only from
//!   `requires_capture`; takes at most `amount_capturable` and releases
//!   the rest; the PaymentIntent becomes `succeeded`, `amount_received`
//!   the amount taken.
//! * `POST /v1/payment_intents/{id}/cancel` (`cancellation_reason`:
//!   `abandoned`, `duplicate`, `fraudulent`, `requested_by_customer`;
//!   `expand[]`): from `requires_payment_method`, `requires_capture`,
//!   `requires_confirmation`, `requires_action` or `processing`; the
//!   PaymentIntent becomes `canceled`, an authorization released whole.
//! * `GET /v1/payment_intents`: newest first, `created[gt|gte|lt|lte]`,
//!   `limit` (1–100, default 10), `starting_after`, `ending_before`.
//! * `GET /v1/payment_intents/search?query=…`: exact-match clauses
//!   `metadata['key']:'value'`, `status:'…'`, `currency:'…'`, `amount:…`
//!   joined by spaces or `AND` (`OR`, negation and other fields are
//!   refused as a malformed query). New PaymentIntents become searchable only
//!   after [`StripeDouble::delay_search`] (none by default): Stripe says
//!   search is not for read-after-write, and lags up to a minute, more in
//!   an outage; the list call has no such lag.
//! * `GET /v1/payment_intents/{id}`.
//! * `POST /v1/refunds` (`payment_intent` or `charge`, optional `amount`,
//!   `reason`, `metadata`), `GET /v1/refunds` (`payment_intent`, `charge`,
//!   paging) and `GET /v1/refunds/{id}`. A refund never exceeds what remains
//!   of the charge: `400 amount_too_large`, or `charge_already_refunded`
//!   when nothing remains.
//! * Any other URL: `404` "Unrecognized request URL".
//!
//! `expand[]` takes `latest_charge` and `payment_method` (`data.…` on
//! lists); the charge then shows
//! `payment_method_details.card.{authorization_code, checks}`.
//!
//! # Refusals
//!
//! * No key, or a key other than the one the double was started with:
//!   `401`, `type: invalid_request_error`.
//! * A `Stripe-Account` the double was not told of
//!   ([`StripeDouble::connect_account`]): `403 account_invalid`. Objects
//!   belong to the account they were made for.
//! * A parameter the endpoint does not take: `400 parameter_unknown`; a
//!   missing one `parameter_missing`; an empty one
//!   `parameter_invalid_empty`; `amount` not an integer
//!   `parameter_invalid_integer` (amounts are in the currency's smallest
//!   unit, as Stripe counts it); below Stripe's minimum `amount_too_small`,
//!   above eight digits `amount_too_large`; a `currency` that is not a
//!   lowercase ISO 4217 code: `400` with `param: currency`. An enum
//!   parameter (`capture_method`, `cancellation_reason`, …) sent empty:
//!   `parameter_invalid_empty`; any value Stripe does not list: `400`
//!   naming the parameter.
//! * A PaymentIntent id the account does not have: `404
//!   resource_missing`, `param: intent`.
//! * Capturing anything but a `requires_capture` PaymentIntent, or
//!   canceling a `succeeded` or `canceled` one: `400
//!   payment_intent_unexpected_state`, the PaymentIntent attached to the
//!   error. `amount_to_capture` below 1: `400`, `param:
//!   amount_to_capture`; above `amount_capturable`: `400
//!   amount_too_large`.
//! * `Idempotency-Key` (at most 255 characters) on a POST: the first answer
//!   that was executed (a `200` or a `402`) is saved with a fingerprint of
//!   the parameters; the same key again with the same parameters replays it
//!   (header `Idempotent-Replayed: true`); with other parameters or on
//!   another endpoint it answers `400 idempotency_error`. Refusals of the
//!   parameters are not saved, as Stripe documents.
//!
//! # 3-D Secure
//!
//! A card that asks for authentication, confirmed with a `return_url`,
//! leaves the PaymentIntent `requires_action` with `next_action: {type:
//! redirect_to_url, redirect_to_url: {url, return_url}}` (without one,
//! `use_stripe_sdk`, which only Stripe.js can handle). `url` is the
//! double's own page, `GET /3d_secure_2/hosted?payment_intent=pi_…&source=src_…`
//! (Stripe's is on `https://hooks.stripe.com`): plain HTML whose
//! "Complete" and "Fail" buttons post `outcome=complete|fail` to the same
//! URL, which answers `303` to the `return_url` with `payment_intent` and
//! `payment_intent_client_secret` appended, as Stripe redirects. Completed,
//! the card is charged as scripted and the charge's
//! `payment_method_details.card.three_d_secure` says `authentication_flow:
//! challenge`, `result: authenticated`, `electronic_commerce_indicator: 05`
//! (`02` for Mastercard), `version: 2.2.0`. Failed, no charge is made and
//! the PaymentIntent is `requires_payment_method` with
//! `last_payment_error.code: payment_intent_authentication_failure`. A
//! challenge takes one answer: an unknown `source` is `404`, one answered
//! already (or whose PaymentIntent was canceled) `400`. A `requires_action`
//! PaymentIntent may be canceled.
//!
//! # Card numbers
//!
//! Stripe's test cards (<https://docs.stripe.com/testing>); the double is a
//! test-mode account.
//!
//! | Card number | Answer |
//! |---|---|
//! | `4242424242424242`, `4000056655665556`, `5555555555554444`, `2223003122003222`, `5200828282828210`, `5105105105105100`, `378282246310005`, `371449635398431`, `6011111111111117`, `6011000990139424`, `3056930009020004`, `36227206271667`, `3566002020360505`, `6200000000000005` | approved; every check sent passes |
//! | `4000000000000028` | approved; `address_line1_check: fail` |
//! | `4000000000000036` | approved; `address_postal_code_check: fail` |
//! | `4000000000000010` | approved; both address checks fail |
//! | `4000000000000044` | approved; both address checks `unavailable` |
//! | `4000000000000002` | `402 card_declined`, `decline_code: generic_decline` |
//! | `4000000000009995` | `402 card_declined`, `insufficient_funds` |
//! | `4000000000009987` | `402 card_declined`, `lost_card` |
//! | `4000000000009979` | `402 card_declined`, `stolen_card` |
//! | `4000000000000069` | `402 expired_card`, `expired_card` |
//! | `4000000000000127` | `402 incorrect_cvc`, `incorrect_cvc` (`cvc_check: fail`) |
//! | `4000000000000119` | `402 processing_error`, `processing_error` |
//! | `4000000000003220`, `4000002760003184`, `4000000000003063` | 3-D Secure required: `status: requires_action`, or with `error_on_requires_action=true` (or off session) `402 authentication_required`, `authentication_not_handled`; approved once the challenge is completed |
//! | `4000008400001629` | as `4000000000003063`, but declined `card_declined`, `generic_decline` once the challenge is completed |
//! | `4000000000003055` | 3-D Secure supported, not required: approved; with `request_three_d_secure=any` authenticated without a challenge (`frictionless`), with `challenge` challenged |
//! | any other valid number | `402 card_declined`, `test_mode_live_card` |
//! | an invalid number | `402 incorrect_number`, no PaymentIntent made |
//!
//! An expiry month outside 1–12 or in the past answers `402
//! invalid_expiry_month` or `invalid_expiry_year`, a CVC that is not 3 or 4
//! digits `402 invalid_cvc`; like a bad number, no PaymentIntent is made.
//! Approvals carry a six-digit `authorization_code`.
//!
//! # Choices where the documents are silent or disagree
//!
//! The double is strict about each of these:
//!
//! * Card data travels as `payment_method_data[card][…]` on the
//!   PaymentIntent. The public OpenAPI text lists `card` only under
//!   `POST /v1/payment_methods` (raw card numbers are a gated feature), but
//!   Stripe takes the same `card_details_params` inline, as Stripe's own
//!   integrations send them; `number`, `exp_month` and `exp_year` are
//!   required there, `cvc` is optional.
//! * `setup_future_usage` without a `customer` is accepted, as the
//!   reference says ("If no Customer was provided, the payment method can
//!   still be attached to a Customer after the transaction completes"):
//!   Stripe has no such refusal. The PaymentMethod is then left
//!   unattached, and, since attaching later (`POST
//!   /v1/payment_methods/{id}/attach`) is not modelled, any later use of it
//!   is refused as one used without a Customer. A connector that forgets
//!   the Customer therefore fails on the second charge, as it would at
//!   Stripe.
//! * PaymentMethods exist only as made by a PaymentIntent's
//!   `payment_method_data`; `/v1/payment_methods` is not served.
//!   `off_session` is not shown on the PaymentIntent (Stripe's object has
//!   no such field); [`StripeCharge::off_session`] reports it.
//! * Answers follow API version `2024-09-30.acacia` (the first to show the
//!   charge's `authorization_code`); a `Stripe-Version` header naming any
//!   other version is refused with `400`, and every answer names it.
//! * Since 2023-08-16 a PaymentIntent without `payment_method_types` takes
//!   the Dashboard's payment methods, so confirming it needs a `return_url`
//!   or `automatic_payment_methods[allow_redirects]=never`; the double
//!   refuses such a confirmation, as Stripe does. `payment_method_types`
//!   may name `card` only.
//! * `return_url` together with `error_on_requires_action=true` is
//!   accepted (the OpenAPI description of 2023-08-16 forbids neither;
//!   each "can only be used with `confirm=true`"); the error flag wins: a
//!   card that asks for 3-D Secure is declined. A `return_url` that is not
//!   an absolute URL is refused (`param: return_url`).
//! * The charge's `three_d_secure.electronic_commerce_indicator` is not in
//!   the 2023-08-16 description; Stripe added it later (stripe-go lists
//!   `01`, `02`, `05`, `06`, `07`).
//! * Other approving cards ignore `request_three_d_secure=any` (no
//!   `three_d_secure` on their charge): Stripe's testing page does not say
//!   what they do.
//! * Card installments (Stripe's are for Mexico and Japan only) are not
//!   modelled: their parameters are unknown, and
//!   [`StripeCharge::installments`] is always 1.
//! * Minimum amounts: Stripe's table for the currencies it lists, 200 for
//!   ILS (about the USD 0.50 it asks elsewhere), 1 otherwise; ISK amounts
//!   must be whole krónur (multiples of 100), three-decimal currencies end
//!   in 0.
//! * Search and list are per account; a search's `page` token is the
//!   double's own (`page_<offset>`).
//! * Capturing more than `amount_capturable` answers `code:
//!   amount_too_large`: the reference names no code for it, and Stripe's
//!   clients (WooPayments) read this refusal as `amount_too_large`.
//! * What an authorization gives up (the rest of a partial capture, or
//!   all of it when canceled) counts in its charge's `amount_refunded`
//!   without a refund object, as the cancel reference says the capturable
//!   amount "is automatically refunded"; refunds may give back only what
//!   was captured.
//! * Refusals of a capture or a cancel (a wrong status, an amount too
//!   large) are not saved for their idempotency key: Stripe saves only
//!   requests whose execution began, and these change nothing.
//! * A capture takes any amount from 1 up to `amount_capturable`: the
//!   reference sets no minimum for captures. `final_capture=false`
//!   (multicapture, an account feature) and `statement_descriptor` (which
//!   Stripe refuses for card charges) are refused; `application_fee_amount`,
//!   `transfer_data`, `amount_details`, `payment_details` and `hooks` are
//!   not modelled (`parameter_unknown`). Authorizations never expire (Stripe
//!   cancels them after seven days).

mod cards;
mod customers;
mod error;
mod intents;
mod page;
mod params;
mod refunds;
mod search;
mod store;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::{Control, Running};
use error::StripeError;
use params::Params;
use store::{Saved, Store};

/// The API version the double's answers follow.
pub const API_VERSION: &str = "2024-09-30.acacia";

/// The longest idempotency key Stripe takes.
const MAX_IDEMPOTENCY_KEY: usize = 255;

/// A running Stripe double.
///
/// ```no_run
/// # async fn example() {
/// use kassa_gateway_doubles::stripe::StripeDouble;
///
/// let double = StripeDouble::start("sk_test_kassa").await;
/// assert!(double.base_url().starts_with("http://127.0.0.1:"));
/// assert!(double.charges().is_empty());
/// # }
/// ```
#[derive(Debug)]
pub struct StripeDouble {
    running: Running,
    store: Arc<Mutex<Store>>,
}

/// A card charge the double was asked for: a PaymentIntent confirmed with
/// a card. It holds no card number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StripeCharge {
    /// The PaymentIntent's id (`pi_…`).
    pub payment_intent: String,
    /// The amount, in the currency's smallest unit as Stripe counts it.
    pub amount_minor: i64,
    /// The currency, lowercase (`usd`).
    pub currency: String,
    /// The number of payments: always 1 (Stripe's card installments are
    /// not modelled).
    pub installments: u8,
    /// What the issuer answered.
    pub outcome: StripeOutcome,
    /// How much of it was refunded.
    pub refunded_minor: i64,
    /// The PaymentIntent's `metadata`.
    pub metadata: BTreeMap<String, String>,
    /// The `Idempotency-Key` it was created with.
    pub idempotency_key: Option<String>,
    /// The `Stripe-Account` it was created for.
    pub account: Option<String>,
    /// The card's last four digits.
    pub card_last4: String,
    /// The name in `billing_details`.
    pub holder_name: Option<String>,
    /// The PaymentIntent's `status`: `succeeded`, `requires_capture` (an
    /// authorization waiting for its capture), `canceled`,
    /// `requires_payment_method` (declined), `requires_action`.
    pub status: String,
    /// `manual` for an authorization captured later; `automatic` or
    /// `automatic_async` when an approval takes the money at once.
    pub capture_method: String,
    /// What can still be captured (`amount_capturable`).
    pub capturable_minor: i64,
    /// What was taken (`amount_received`): the whole amount with automatic
    /// capture, what the capture took with manual capture.
    pub received_minor: i64,
    /// Why it was canceled, as the cancel call said.
    pub cancellation_reason: Option<String>,
    /// The PaymentMethod charged (`pm_…`).
    pub payment_method: Option<String>,
    /// The Customer (`cus_…`) the PaymentIntent was made for.
    pub customer: Option<String>,
    /// `setup_future_usage` as sent: `off_session` or `on_session` (keep
    /// the card for later), `None` when not sent.
    pub setup_future_usage: Option<String>,
    /// `off_session` as sent (`true`, `false`, `one_off`, `recurring`):
    /// the merchant charged without the shopper.
    pub off_session: Option<String>,
    /// Whether the request carried a card number (`payment_method_data`);
    /// `false` for a charge on a saved PaymentMethod.
    pub card_number_sent: bool,
    /// The Customer the PaymentMethod is attached to now (after a
    /// `setup_future_usage` charge with a Customer: reusable).
    pub payment_method_customer: Option<String>,
    /// `payment_method_options[card][request_three_d_secure]`: `automatic`
    /// unless the request asked for `any` or `challenge`.
    pub request_three_d_secure: String,
    /// What 3-D Secure said of the charge (its `three_d_secure.result`:
    /// `authenticated`), `None` when it was not authenticated.
    pub three_d_secure: Option<String>,
}

impl StripeCharge {
    /// The `kassa_reference` metadata Kassa sends with a charge.
    pub fn reference(&self) -> Option<&str> {
        self.metadata.get("kassa_reference").map(String::as_str)
    }

    /// Whether the issuer approved it.
    pub fn is_approved(&self) -> bool {
        matches!(self.outcome, StripeOutcome::Approved { .. })
    }
}

/// What the issuer answered to a charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StripeOutcome {
    /// Approved.
    Approved {
        /// The issuer's authorization code.
        authorization_code: String,
    },
    /// Declined.
    Declined {
        /// Stripe's `code` (`card_declined`, `expired_card`, …).
        code: String,
        /// Stripe's `decline_code` (`insufficient_funds`, …).
        decline_code: String,
    },
    /// Waiting for 3-D Secure (`requires_action`).
    RequiresAction,
}

/// A refund the double made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StripeRefund {
    /// The refund's id (`re_…`).
    pub id: String,
    /// The PaymentIntent refunded.
    pub payment_intent: String,
    /// The amount, in the currency's smallest unit.
    pub amount_minor: i64,
    /// The refund's `metadata`.
    pub metadata: BTreeMap<String, String>,
    /// The `Idempotency-Key` it was created with.
    pub idempotency_key: Option<String>,
}

impl StripeDouble {
    /// Starts a double that accepts `secret_key` only.
    pub async fn start(secret_key: &str) -> StripeDouble {
        let store = Arc::new(Mutex::new(Store {
            secret_key: secret_key.to_owned(),
            accounts: HashSet::new(),
            customers: Vec::new(),
            methods: Vec::new(),
            intents: Vec::new(),
            refunds: Vec::new(),
            saved: HashMap::new(),
            sequence: 0,
            search_lag: Duration::ZERO,
            origin: String::new(),
        }));
        let router = Router::new()
            .route(
                intents::HOSTED_PAGE,
                axum::routing::get(page::show).post(page::answer),
            )
            .fallback(handle)
            .with_state(Arc::clone(&store));
        let running = crate::start(router).await;
        store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .origin
            .clone_from(&running.origin);
        StripeDouble { running, store }
    }

    /// What goes into the connector's `base_url` setting (Stripe's is
    /// `https://api.stripe.com`; `/v1/…` is appended).
    pub fn base_url(&self) -> String {
        self.running.origin.clone()
    }

    /// The request log and the scripted faults.
    pub fn control(&self) -> &Control {
        &self.running.control
    }

    /// Lets a `Stripe-Account: <account>` header through.
    pub fn connect_account(&self, account: &str) {
        self.lock().accounts.insert(account.to_owned());
    }

    /// Makes new PaymentIntents searchable only after `lag`, as Stripe's
    /// search index trails its data.
    pub fn delay_search(&self, lag: Duration) {
        self.lock().search_lag = lag;
    }

    /// Every card charge asked for, oldest first.
    pub fn charges(&self) -> Vec<StripeCharge> {
        let store = self.lock();
        store
            .intents
            .iter()
            .filter(|intent| intent.confirmed)
            .map(|intent| {
                let text = |value: Option<&Value>| {
                    value.and_then(Value::as_str).unwrap_or_default().to_owned()
                };
                let outcome = match (&intent.charge, &intent.last_payment_error) {
                    (Some(charge), _) if charge.failure.is_none() => StripeOutcome::Approved {
                        authorization_code: charge.authorization_code.clone().unwrap_or_default(),
                    },
                    (_, Some(error)) => StripeOutcome::Declined {
                        code: text(error.get("code")),
                        decline_code: text(error.get("decline_code")),
                    },
                    _ => StripeOutcome::RequiresAction,
                };
                let method = intent.payment_method.as_ref();
                StripeCharge {
                    payment_intent: intent.id.clone(),
                    amount_minor: intent.amount,
                    currency: intent.currency.clone(),
                    installments: 1,
                    outcome,
                    refunded_minor: intent
                        .charge
                        .as_ref()
                        .map_or(0, |charge| charge.amount_refunded),
                    metadata: intent.metadata.clone(),
                    idempotency_key: intent.idempotency_key.clone(),
                    account: intent.account.clone(),
                    card_last4: method
                        .map(|method| method.last4.clone())
                        .unwrap_or_default(),
                    holder_name: method
                        .and_then(|method| method.billing_details.get("name"))
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    status: intent.status.to_owned(),
                    capture_method: intent.capture_method.clone(),
                    capturable_minor: if intent.status == "requires_capture" {
                        intent.amount
                    } else {
                        0
                    },
                    received_minor: intent
                        .charge
                        .as_ref()
                        .filter(|charge| charge.failure.is_none())
                        .map_or(0, |charge| charge.amount_captured),
                    cancellation_reason: intent.cancellation_reason.clone(),
                    payment_method: method.map(|method| method.id.clone()),
                    customer: intent.customer.clone(),
                    setup_future_usage: intent.setup_future_usage.clone(),
                    off_session: intent.off_session.clone(),
                    card_number_sent: intent.card_number_sent,
                    payment_method_customer: method
                        .and_then(|method| store.method(intent.account.as_deref(), &method.id))
                        .and_then(|kept| kept.customer.clone()),
                    request_three_d_secure: intent.request_three_d_secure.clone(),
                    three_d_secure: intent
                        .charge
                        .as_ref()
                        .and_then(|charge| charge.three_d_secure)
                        .map(|three_d_secure| three_d_secure.result.to_owned()),
                }
            })
            .collect()
    }

    /// Every refund made, oldest first.
    pub fn refunds(&self) -> Vec<StripeRefund> {
        self.lock()
            .refunds
            .iter()
            .map(|refund| StripeRefund {
                id: refund.id.clone(),
                payment_intent: refund.intent.clone(),
                amount_minor: refund.amount,
                metadata: refund.metadata.clone(),
                idempotency_key: refund.idempotency_key.clone(),
            })
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Who is asking, and when.
#[derive(Debug)]
struct Call<'a> {
    /// The `Stripe-Account` header.
    account: Option<&'a str>,
    /// The `Idempotency-Key` header of a POST.
    idempotency_key: Option<&'a str>,
    /// Now, in Unix seconds.
    now: i64,
}

/// Why a call was not answered with its object.
#[derive(Debug)]
enum Failure {
    /// Refused before execution began: not saved for its idempotency key.
    Refused(StripeError),
    /// An executed answer (a card declined): saved for its idempotency key.
    Answered(StripeError),
}

impl From<StripeError> for Failure {
    fn from(error: StripeError) -> Failure {
        Failure::Refused(error)
    }
}

/// One answer: status, body, and whether it was replayed.
type Reply = (StatusCode, Value, bool);

async fn handle(
    State(store): State<Arc<Mutex<Store>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut store = store.lock().unwrap_or_else(PoisonError::into_inner);
    let request_id = store.next_id("req");
    let (status, body, replayed) = match answer(&mut store, &method, &uri, &headers, &body) {
        Ok(reply) => reply,
        Err(error) => (error.status, error.body(), false),
    };
    let mut response = (status, axum::Json(body)).into_response();
    let response_headers = response.headers_mut();
    for (name, value) in [
        ("request-id", Some(request_id.as_str())),
        ("stripe-version", Some(API_VERSION)),
        ("idempotent-replayed", replayed.then_some("true")),
        (
            "idempotency-key",
            (method == Method::POST)
                .then(|| header(&headers, "idempotency-key"))
                .flatten(),
        ),
    ] {
        if let Some(value) = value.and_then(|value| HeaderValue::from_str(value).ok()) {
            response_headers.insert(name, value);
        }
    }
    response
}

fn answer(
    store: &mut Store,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Reply, StripeError> {
    authenticate(headers, &store.secret_key)?;
    if let Some(version) = header(headers, "stripe-version")
        && version != API_VERSION
    {
        return Err(StripeError::invalid_request(
            &format!(
                "Invalid Stripe API version: {version}. This double answers {API_VERSION} only."
            ),
            None,
            None,
        ));
    }
    let account = header(headers, "stripe-account");
    if let Some(account) = account
        && !store.accounts.contains(account)
    {
        return Err(StripeError::account_invalid(account));
    }
    let post = *method == Method::POST;
    let call = Call {
        account,
        idempotency_key: header(headers, "idempotency-key").filter(|_| post),
        now: unix_now(),
    };
    let path = uri.path();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let read = |result: Result<Value, Failure>| match result {
        Ok(body) => Ok((StatusCode::OK, body, false)),
        Err(Failure::Refused(error) | Failure::Answered(error)) => Err(error),
    };
    let query = || Params::parse(uri.query().unwrap_or_default());
    match (post, *method == Method::GET, segments.as_slice()) {
        (true, _, ["v1", "payment_intents"]) => {
            idempotent(store, &call, path, &form(headers, body)?, intents::create)
        }
        (true, _, ["v1", "payment_intents", id, "capture"]) => idempotent(
            store,
            &call,
            path,
            &form(headers, body)?,
            |store: &mut Store, call: &Call<'_>, params: &Params| {
                intents::capture(store, call, id, params)
            },
        ),
        (true, _, ["v1", "payment_intents", id, "cancel"]) => idempotent(
            store,
            &call,
            path,
            &form(headers, body)?,
            |store: &mut Store, call: &Call<'_>, params: &Params| {
                intents::cancel(store, call, id, params)
            },
        ),
        (true, _, ["v1", "customers"]) => {
            idempotent(store, &call, path, &form(headers, body)?, customers::create)
        }
        (_, true, ["v1", "customers", id]) => {
            read(customers::retrieve(store, &call, id, &query()?))
        }
        (true, _, ["v1", "refunds"]) => {
            idempotent(store, &call, path, &form(headers, body)?, refunds::create)
        }
        (_, true, ["v1", "payment_intents"]) => read(intents::list(store, &call, &query()?)),
        (_, true, ["v1", "payment_intents", "search"]) => {
            read(intents::search(store, &call, &query()?))
        }
        (_, true, ["v1", "payment_intents", id]) => {
            read(intents::retrieve(store, &call, id, &query()?))
        }
        (_, true, ["v1", "refunds"]) => read(refunds::list(store, &call, &query()?)),
        (_, true, ["v1", "refunds", id]) => read(refunds::retrieve(store, &call, id, &query()?)),
        _ => Err(StripeError::unrecognized_url(method.as_str(), path)),
    }
}

/// Runs a POST under Stripe's idempotency rules.
fn idempotent(
    store: &mut Store,
    call: &Call<'_>,
    path: &str,
    params: &Params,
    run: impl FnOnce(&mut Store, &Call<'_>, &Params) -> Result<Value, Failure>,
) -> Result<Reply, StripeError> {
    let fingerprint = params.fingerprint();
    let slot = call
        .idempotency_key
        .map(|key| (call.account.map(str::to_owned), key.to_owned()));
    if let Some((_, key)) = &slot
        && (key.is_empty() || key.chars().count() > MAX_IDEMPOTENCY_KEY)
    {
        return Err(StripeError::invalid_request(
            &format!(
                "Invalid Idempotency-Key: keys must be 1 to {MAX_IDEMPOTENCY_KEY} characters long."
            ),
            None,
            None,
        ));
    }
    if let Some(saved) = slot.as_ref().and_then(|slot| store.saved.get(slot)) {
        let key = call.idempotency_key.unwrap_or_default();
        if saved.path != path {
            return Err(StripeError::idempotency(&format!(
                "Keys for idempotent requests can only be used for the same endpoint they were first used for ('{}' vs '{path}'). Try using a key other than '{key}' if you meant to execute a different request.",
                saved.path
            )));
        }
        if saved.fingerprint != fingerprint {
            return Err(StripeError::idempotency(&format!(
                "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."
            )));
        }
        return Ok((saved.status, saved.body.clone(), true));
    }
    let (status, body) = match run(store, call, params) {
        Ok(body) => (StatusCode::OK, body),
        Err(Failure::Answered(error)) => (error.status, error.body()),
        Err(Failure::Refused(error)) => return Err(error),
    };
    if let Some(slot) = slot {
        store.saved.insert(
            slot,
            Saved {
                path: path.to_owned(),
                fingerprint,
                status,
                body: body.clone(),
            },
        );
    }
    Ok((status, body, false))
}

/// A POST's parameters: a form body, or none (Stripe reads no other body).
fn form(headers: &HeaderMap, body: &[u8]) -> Result<Params, StripeError> {
    let is_form = header(headers, "content-type")
        .is_some_and(|kind| kind.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(Params::empty());
    }
    let text = std::str::from_utf8(body).map_err(|_| {
        StripeError::invalid_request("Invalid request: the body is not UTF-8.", None, None)
    })?;
    Params::parse(text)
}

/// The secret key from `Authorization`, checked.
fn authenticate(headers: &HeaderMap, secret_key: &str) -> Result<(), StripeError> {
    let missing = || {
        StripeError::unauthorized(
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        )
    };
    let value = header(headers, "authorization").ok_or_else(missing)?;
    let key = if let Some(token) = value.strip_prefix("Bearer ") {
        token.trim().to_owned()
    } else if let Some(encoded) = value.strip_prefix("Basic ") {
        let decoded = base64(encoded.trim()).ok_or_else(missing)?;
        let text = String::from_utf8(decoded).map_err(|_| missing())?;
        text.split(':').next().unwrap_or_default().to_owned()
    } else {
        return Err(missing());
    };
    if key.is_empty() {
        return Err(missing());
    }
    if key != secret_key {
        return Err(StripeError::unauthorized(&format!(
            "Invalid API Key provided: {}",
            mask(&key)
        )));
    }
    Ok(())
}

/// A key as Stripe shows it in errors: its `sk_test_` prefix, stars, and
/// its last four characters.
fn mask(key: &str) -> String {
    let prefix_end = key
        .match_indices('_')
        .nth(1)
        .map_or(0, |(index, _)| index + 1);
    let chars: Vec<char> = key[prefix_end..].chars().collect();
    let shown = chars.len().min(4);
    let hidden = chars.len() - shown;
    let tail: String = chars[hidden..].iter().collect();
    format!("{}{}{tail}", &key[..prefix_end], "*".repeat(hidden))
}

/// Standard base64, padding optional.
fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.trim_end_matches('=').bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xFF).ok()?);
        }
    }
    Some(out)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// A `metadata` hash, within Stripe's limits: 50 keys of at most 40
/// characters, values of at most 500.
fn metadata(params: &Params, name: &str) -> Result<BTreeMap<String, String>, StripeError> {
    let entries = params.hash(name);
    if entries.len() > 50 {
        return Err(StripeError::invalid_request(
            "You can specify up to 50 metadata keys.",
            Some(name),
            None,
        ));
    }
    for (key, value) in &entries {
        if key.is_empty() || key.chars().count() > 40 {
            return Err(StripeError::invalid_request(
                "Metadata keys must be 1 to 40 characters long.",
                Some(&format!("{name}[{key}]")),
                None,
            ));
        }
        if value.chars().count() > 500 {
            return Err(StripeError::invalid_request(
                "Metadata values can have up to 500 characters.",
                Some(&format!("{name}[{key}]")),
                None,
            ));
        }
    }
    Ok(entries)
}

/// The `created` filter of a list: `created=<t>` or
/// `created[gt|gte|lt|lte]=<t>`, Unix seconds.
fn created_filter(params: &Params) -> Result<impl Fn(i64) -> bool + use<>, StripeError> {
    let exact = params.integer("created")?;
    let gt = params.integer("created[gt]")?;
    let gte = params.integer("created[gte]")?;
    let lt = params.integer("created[lt]")?;
    let lte = params.integer("created[lte]")?;
    Ok(move |created: i64| {
        exact.is_none_or(|value| created == value)
            && gt.is_none_or(|value| created > value)
            && gte.is_none_or(|value| created >= value)
            && lt.is_none_or(|value| created < value)
            && lte.is_none_or(|value| created <= value)
    })
}

/// The page of `ids` (newest first) a list call asks for: start, end, and
/// whether more follow.
fn page(
    ids: &[&str],
    params: &Params,
    limit: usize,
    kind: &str,
) -> Result<(usize, usize, bool), StripeError> {
    let position = |cursor: &str, param: &str| {
        ids.iter()
            .position(|id| *id == cursor)
            .ok_or_else(|| StripeError::resource_missing(kind, cursor, param))
    };
    match (params.get("starting_after"), params.get("ending_before")) {
        (Some(_), Some(_)) => Err(StripeError::invalid_request(
            "You may only specify one of these parameters: ending_before, starting_after.",
            Some("starting_after"),
            Some("parameters_exclusive"),
        )),
        (Some(cursor), None) => {
            let start = position(cursor, "starting_after")? + 1;
            let end = (start + limit).min(ids.len());
            Ok((start, end, end < ids.len()))
        }
        (None, Some(cursor)) => {
            let end = position(cursor, "ending_before")?;
            let start = end.saturating_sub(limit);
            Ok((start, end, start > 0))
        }
        (None, None) => {
            let end = limit.min(ids.len());
            Ok((0, end, end < ids.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{base64, mask};

    #[test]
    fn keys_are_masked_but_for_their_prefix_and_last_four() {
        assert_eq!(mask("sk_test_abcdefgh1234"), "sk_test_********1234");
        assert_eq!(mask("abc"), "abc");
    }

    #[test]
    fn basic_credentials_decode() {
        assert_eq!(base64("c2tfdGVzdDo=").unwrap(), b"sk_test:");
        assert!(base64("!!").is_none());
    }
}
