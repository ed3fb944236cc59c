//! `/v1/payment_intents`: create (and confirm), capture, cancel, list,
//! search, retrieve.

use std::time::Instant;

use kassa_card::{Country, Currency};
use serde_json::{Value, json};

use super::cards::{self, AUTHENTICATION_NOT_HANDLED, Check, Refusal, Scripted};
use super::error::StripeError;
use super::params::Params;
use super::search;
use super::store::Customer;
use super::store::{
    Authentication, Charge, Expand, Intent, Method, Store, ThreeDs, intent_json, list_json,
    method_json,
};
use super::{Call, Failure};

/// The parameters `POST /v1/payment_intents` takes (a subset of Stripe's:
/// the card flow; see the module documentation).
const CREATE_PARAMS: &[&str] = &[
    "amount",
    "currency",
    "confirm",
    "capture_method",
    "description",
    "statement_descriptor_suffix",
    "metadata[*]",
    "payment_method",
    "customer",
    "setup_future_usage",
    "off_session",
    "payment_method_types[]",
    "automatic_payment_methods[enabled]",
    "automatic_payment_methods[allow_redirects]",
    "error_on_requires_action",
    "return_url",
    "expand[]",
    "payment_method_data[type]",
    "payment_method_data[card][number]",
    "payment_method_data[card][exp_month]",
    "payment_method_data[card][exp_year]",
    "payment_method_data[card][cvc]",
    "payment_method_data[billing_details][name]",
    "payment_method_data[billing_details][email]",
    "payment_method_data[billing_details][phone]",
    "payment_method_data[billing_details][address][line1]",
    "payment_method_data[billing_details][address][line2]",
    "payment_method_data[billing_details][address][city]",
    "payment_method_data[billing_details][address][state]",
    "payment_method_data[billing_details][address][postal_code]",
    "payment_method_data[billing_details][address][country]",
    "payment_method_data[metadata][*]",
    "payment_method_options[card][network]",
    "payment_method_options[card][request_three_d_secure]",
];

/// The parameters `POST /v1/payment_intents/{id}/capture` takes (a subset
/// of Stripe's: no Connect fees or transfers, no industry data).
const CAPTURE_PARAMS: &[&str] = &[
    "amount_to_capture",
    "expand[]",
    "final_capture",
    "metadata[*]",
    "statement_descriptor",
    "statement_descriptor_suffix",
];

/// The statuses Stripe lets a PaymentIntent be canceled from.
const CANCELABLE: &[&str] = &[
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
];

/// The reasons a cancel call may give (Stripe's other values, `automatic`,
/// `failed_invoice` and `void_invoice`, are Stripe's own).
const CANCELLATION_REASONS: &[&str] = &[
    "abandoned",
    "duplicate",
    "fraudulent",
    "requested_by_customer",
];

/// The networks `payment_method_options[card][network]` may name.
const NETWORKS: &[&str] = &[
    "amex",
    "cartes_bancaires",
    "diners",
    "discover",
    "eftpos_au",
    "girocard",
    "interac",
    "jcb",
    "link",
    "mastercard",
    "unionpay",
    "unknown",
    "visa",
];

/// Stripe's minimum charge amounts in the currency's smallest unit, for
/// the currencies its documentation lists (others: at least 1; ILS, which
/// it does not list, at about the USD 0.50 it asks of the rest).
const MINIMUMS: &[(&str, i64)] = &[
    ("usd", 50),
    ("aud", 50),
    ("brl", 50),
    ("cad", 50),
    ("chf", 50),
    ("eur", 50),
    ("inr", 50),
    ("nzd", 50),
    ("sgd", 50),
    ("gbp", 30),
    ("jpy", 50),
    ("dkk", 250),
    ("nok", 300),
    ("sek", 300),
    ("pln", 200),
    ("hkd", 400),
    ("mxn", 1000),
    ("ils", 200),
];

/// The largest amount Stripe takes (eight digits).
const MAX_AMOUNT: i64 = 99_999_999;

/// Currencies Stripe counts in thousandths but whose last digit must be 0.
const THREE_DECIMAL: &[&str] = &["bhd", "jod", "kwd", "omr", "tnd"];

/// `POST /v1/payment_intents`.
pub(super) fn create(
    store: &mut Store,
    call: &Call<'_>,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(CREATE_PARAMS)?;
    let (amount, currency) = amount_and_currency(params)?;
    let capture_method = params
        .one_of(
            "capture_method",
            &["automatic", "automatic_async", "manual"],
        )?
        .unwrap_or("automatic_async")
        .to_owned();
    let confirm = params.boolean("confirm")?.unwrap_or(false);
    let expand = expand(params, "")?;
    let metadata = super::metadata(params, "metadata")?;
    statement_descriptor_suffix(params)?;
    let types: Vec<String> = params
        .list("payment_method_types")
        .into_iter()
        .map(str::to_owned)
        .collect();
    if let Some(other) = types.iter().find(|kind| kind.as_str() != "card") {
        return Err(StripeError::invalid_request(
            &format!(
                "The payment method type \"{other}\" is invalid. This double takes \"card\" only."
            ),
            Some("payment_method_types"),
            None,
        )
        .into());
    }
    let automatic_enabled = params.boolean("automatic_payment_methods[enabled]")?;
    let allow_redirects = params.one_of(
        "automatic_payment_methods[allow_redirects]",
        &["always", "never"],
    )?;
    if !types.is_empty() && params.has_prefix("automatic_payment_methods") {
        return Err(StripeError::invalid_request(
            "You may only specify one of these parameters: automatic_payment_methods, payment_method_types.",
            Some("automatic_payment_methods"),
            Some("parameters_exclusive"),
        )
        .into());
    }
    // Since 2023-08-16 a PaymentIntent without `payment_method_types`
    // takes the Dashboard's payment methods, some of which redirect.
    let automatic = types.is_empty() && automatic_enabled != Some(false);
    let error_on_requires_action = params.boolean("error_on_requires_action")?;
    let return_url = params.get("return_url");
    if let Some(url) = return_url
        && !is_url(url)
    {
        return Err(StripeError::invalid_request(
            "Not a valid URL",
            Some("return_url"),
            Some("url_invalid"),
        )
        .into());
    }
    let customer = match params.get("customer") {
        Some(id) => Some(
            store
                .customer(call.account, id)
                .map(|customer: &Customer| customer.id.clone())
                .ok_or_else(|| StripeError::resource_missing("customer", id, "customer"))?,
        ),
        None => None,
    };
    let setup_future_usage = params
        .one_of("setup_future_usage", &["off_session", "on_session"])?
        .map(str::to_owned);
    let off_session = off_session(params)?;
    if !confirm {
        for key in ["error_on_requires_action", "return_url", "off_session"] {
            if params.get(key).is_some() {
                return Err(StripeError::invalid_request(
                    &format!("{key} can only be used with confirm=true."),
                    Some(key),
                    None,
                )
                .into());
            }
        }
    }
    let network = params
        .one_of("payment_method_options[card][network]", NETWORKS)?
        .map(str::to_owned);
    let request_three_d_secure = params.one_of(
        "payment_method_options[card][request_three_d_secure]",
        &["automatic", "any", "challenge"],
    )?;
    let saved = match params.get("payment_method") {
        Some(_) if params.has_prefix("payment_method_data") => {
            return Err(StripeError::invalid_request(
                "You may only specify one of these parameters: payment_method, payment_method_data.",
                Some("payment_method_data"),
                Some("parameters_exclusive"),
            )
            .into());
        }
        Some(id) => Some(saved_method(store, call, id, customer.as_deref())?),
        None => None,
    };
    let card = if params.has_prefix("payment_method_data") {
        Some(card_data(params, call.now)?)
    } else {
        None
    };
    if confirm {
        if card.is_none() && saved.is_none() {
            return Err(StripeError::invalid_request(
                "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
                None,
                Some("payment_intent_unexpected_state"),
            )
            .into());
        }
        if automatic && return_url.is_none() && allow_redirects != Some("never") {
            return Err(StripeError::invalid_request(
                "This PaymentIntent is configured to accept payment methods enabled in your Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
                None,
                None,
            )
            .into());
        }
    }
    // The card's own refusals (a bad number or expiry) come from creating
    // the PaymentMethod: no PaymentIntent is made.
    let card = match card.transpose() {
        Ok(card) => card,
        Err(refusal) => return Err(Failure::Answered(refusal)),
    };

    // From here the request is executed.
    let now = call.now;
    let card_number_sent = card.is_some();
    let (method, source) = match (card, saved) {
        (Some(card), _) => {
            let method = Method {
                id: store.next_id("pm"),
                account: call.account.map(str::to_owned),
                created: now,
                customer: None,
                scripted: card.scripted,
                brand: card.brand,
                last4: card.last4.clone(),
                exp_month: card.exp_month,
                exp_year: card.exp_year,
                billing_details: card.billing_details.clone(),
            };
            store.methods.push(method.clone());
            (Some(method), Some(Source::from(&card)))
        }
        (None, Some(method)) => {
            let source = Source::saved(&method);
            (Some(method), Some(source))
        }
        (None, None) => (None, None),
    };
    let mut intent = Intent {
        id: store.next_id("pi"),
        account: call.account.map(str::to_owned),
        created: now,
        born: Instant::now(),
        amount,
        currency,
        capture_method: capture_method.clone(),
        status: if method.is_some() {
            "requires_confirmation"
        } else {
            "requires_payment_method"
        },
        description: params.get("description").map(str::to_owned),
        metadata,
        payment_method_types: if types.is_empty() {
            vec!["card".to_owned()]
        } else {
            types
        },
        automatic_payment_methods: automatic.then(
            || json!({ "allow_redirects": allow_redirects.unwrap_or("always"), "enabled": true }),
        ),
        payment_method: method,
        customer: customer.clone(),
        setup_future_usage: setup_future_usage.clone(),
        off_session: off_session.map(str::to_owned),
        card_number_sent,
        charge: None,
        last_payment_error: None,
        next_action: None,
        network,
        request_three_d_secure: request_three_d_secure.unwrap_or("automatic").to_owned(),
        idempotency_key: call.idempotency_key.map(str::to_owned),
        confirmed: false,
        canceled_at: None,
        cancellation_reason: None,
        authentication: None,
    };
    let mut refusal = None;
    // The shopper is absent: nobody can authenticate.
    let absent = off_session.is_some_and(|value| value != "false");
    if let (true, Some(card)) = (confirm, &source) {
        intent.confirmed = true;
        let brand = intent
            .payment_method
            .as_ref()
            .map_or("unknown", |method| method.brand);
        let challenge = match (card.scripted, request_three_d_secure) {
            (Scripted::Approve { line1, postal_code }, _) => {
                refusal = charge_card(store, &mut intent, card, Ok((line1, postal_code)), None);
                None
            }
            (Scripted::Decline(declined), _) => {
                refusal = charge_card(store, &mut intent, card, Err(declined), None);
                None
            }
            (Scripted::Frictionless, Some("any")) => {
                let three_d_secure = ThreeDs::authenticated("frictionless", brand);
                let passing = Ok((Check::Pass, Check::Pass));
                refusal = charge_card(store, &mut intent, card, passing, Some(three_d_secure));
                None
            }
            (Scripted::Frictionless, Some("challenge")) => Some(None),
            (Scripted::Frictionless, _) => {
                let passing = Ok((Check::Pass, Check::Pass));
                refusal = charge_card(store, &mut intent, card, passing, None);
                None
            }
            (Scripted::Authenticate(then), _) => Some(then),
        };
        match challenge {
            None => {}
            Some(_) if error_on_requires_action == Some(true) || absent => {
                refusal = Some((AUTHENTICATION_NOT_HANDLED, None));
            }
            Some(then) => {
                intent.status = "requires_action";
                intent.next_action = Some(match return_url {
                    Some(url) => {
                        let source = store.next_id("src");
                        let page = format!(
                            "{}{HOSTED_PAGE}?payment_intent={}&source={source}",
                            store.origin, intent.id
                        );
                        intent.authentication = Some(Authentication {
                            source,
                            return_url: url.to_owned(),
                            then,
                            cvc_sent: card.cvc_sent,
                            line1_sent: card.line1_sent,
                            postal_code_sent: card.postal_code_sent,
                            answered: false,
                        });
                        json!({
                            "type": "redirect_to_url",
                            "redirect_to_url": { "return_url": url, "url": page }
                        })
                    }
                    None => json!({
                        "type": "use_stripe_sdk",
                        "use_stripe_sdk": { "type": "stripe_3ds2_fingerprint" }
                    }),
                });
            }
        }
    }
    if refusal.is_none() && intent.charge.is_some() {
        attach(store, &mut intent);
    }
    let answer = match refusal {
        None => Ok(intent_json(&intent, expand)),
        Some((declined, charge)) => {
            let error = record_decline(&mut intent, declined, charge);
            Err(Failure::Answered(error.with(
                "payment_intent",
                intent_json(&intent, Expand::default()),
            )))
        }
    };
    store.intents.push(intent);
    answer
}

/// Where the double serves its hosted 3-D Secure page (Stripe's is
/// `https://hooks.stripe.com/3d_secure_2/hosted`).
pub(super) const HOSTED_PAGE: &str = "/3d_secure_2/hosted";

/// Makes the charge of a confirmation the issuer decides now: approved
/// with these address checks (those sent), or declined. Leaves the
/// PaymentIntent `succeeded` or `requires_capture` when approved; answers
/// the refusal and the charge's id when declined (see [`record_decline`]).
fn charge_card(
    store: &mut Store,
    intent: &mut Intent,
    card: &Source,
    answer: Result<(Check, Check), Refusal>,
    three_d_secure: Option<ThreeDs>,
) -> Option<(Refusal, Option<String>)> {
    let manual = intent.capture_method == "manual";
    let sent = |sent: bool, check: Check| if sent { check } else { Check::NotSent };
    match answer {
        Ok((line1, postal_code)) => {
            let sequence = store.sequence;
            intent.charge = Some(Charge {
                id: store.next_id("ch"),
                created: super::unix_now(),
                authorization_code: Some(format!("{:06}", (sequence * 104_729) % 1_000_000)),
                cvc_check: sent(card.cvc_sent, Check::Pass),
                line1_check: sent(card.line1_sent, line1),
                postal_code_check: sent(card.postal_code_sent, postal_code),
                failure: None,
                three_d_secure,
                amount_captured: if manual { 0 } else { intent.amount },
                amount_refunded: 0,
                amount_released: 0,
            });
            intent.status = if manual {
                "requires_capture"
            } else {
                "succeeded"
            };
            None
        }
        Err(declined) => {
            let charge_id = store.next_id("ch");
            intent.charge = Some(Charge {
                id: charge_id.clone(),
                created: super::unix_now(),
                authorization_code: None,
                cvc_check: if declined.code == "incorrect_cvc" {
                    Check::Fail
                } else {
                    sent(card.cvc_sent, Check::Pass)
                },
                line1_check: sent(card.line1_sent, Check::Pass),
                postal_code_check: sent(card.postal_code_sent, Check::Pass),
                failure: Some(declined),
                three_d_secure,
                amount_captured: 0,
                amount_refunded: 0,
                amount_released: 0,
            });
            Some((declined, Some(charge_id)))
        }
    }
}

/// Leaves a declined PaymentIntent waiting for another card
/// (`requires_payment_method`) with the decline as `last_payment_error`;
/// answers the `402 card_error` (without its `payment_intent`).
fn record_decline(intent: &mut Intent, declined: Refusal, charge: Option<String>) -> StripeError {
    let method = intent.payment_method.as_ref().map(method_json);
    let mut error = card_refusal(declined).with("payment_method", method.unwrap_or(Value::Null));
    if let Some(charge) = charge {
        error = error.with("charge", json!(charge));
    }
    intent.status = "requires_payment_method";
    intent.next_action = None;
    intent.last_payment_error = Some(error.object());
    error
}

/// Why the hosted 3-D Secure page could not take an answer.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PageRefusal {
    /// No PaymentIntent waits for this `source`.
    Unknown,
    /// The challenge was answered already, or its PaymentIntent moved on
    /// (canceled).
    Answered,
}

/// The challenge `source` of PaymentIntent `id`, if one is waiting.
pub(super) fn waiting<'a>(
    store: &'a Store,
    id: &str,
    source: &str,
) -> Result<&'a Intent, PageRefusal> {
    let intent = store
        .intents
        .iter()
        .find(|intent| {
            intent.id == id
                && intent
                    .authentication
                    .as_ref()
                    .is_some_and(|authentication| authentication.source == source)
        })
        .ok_or(PageRefusal::Unknown)?;
    let answered = intent
        .authentication
        .as_ref()
        .is_none_or(|authentication| authentication.answered);
    if answered || intent.status != "requires_action" {
        return Err(PageRefusal::Answered);
    }
    Ok(intent)
}

/// The shopper's answer on the hosted page: passed, the issuer then
/// approves or declines the charge as scripted; failed, the PaymentIntent
/// waits for another card with `payment_intent_authentication_failure`
/// and no charge is made. Answers the `return_url` with `payment_intent`
/// and `payment_intent_client_secret` appended, as Stripe redirects.
pub(super) fn answer_challenge(
    store: &mut Store,
    id: &str,
    source: &str,
    passed: bool,
) -> Result<String, PageRefusal> {
    waiting(store, id, source)?;
    let index = store
        .intents
        .iter()
        .position(|intent| intent.id == id)
        .ok_or(PageRefusal::Unknown)?;
    // Out of the list while it changes (the charge needs the store), then
    // back in its place: lists are ordered by position.
    let mut intent = store.intents.remove(index);
    let Some(authentication) = intent.authentication.as_mut() else {
        store.intents.insert(index, intent);
        return Err(PageRefusal::Unknown);
    };
    authentication.answered = true;
    let card = Source {
        scripted: Scripted::Authenticate(authentication.then),
        cvc_sent: authentication.cvc_sent,
        line1_sent: authentication.line1_sent,
        postal_code_sent: authentication.postal_code_sent,
    };
    let (then, return_url) = (authentication.then, authentication.return_url.clone());
    intent.next_action = None;
    if passed {
        let brand = intent
            .payment_method
            .as_ref()
            .map_or("unknown", |method| method.brand);
        let three_d_secure = Some(ThreeDs::authenticated("challenge", brand));
        let answer = then.map_or(Ok((Check::Pass, Check::Pass)), Err);
        match charge_card(store, &mut intent, &card, answer, three_d_secure) {
            None => attach(store, &mut intent),
            Some((declined, charge)) => {
                record_decline(&mut intent, declined, charge);
            }
        }
    } else {
        let method = intent.payment_method.as_ref().map(method_json);
        intent.status = "requires_payment_method";
        intent.last_payment_error = Some(
            StripeError::invalid_request(
                "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
                None,
                Some("payment_intent_authentication_failure"),
            )
            .with("payment_method", method.unwrap_or(Value::Null))
            .object(),
        );
    }
    let separator = if return_url.contains('?') { '&' } else { '?' };
    let location = format!(
        "{return_url}{separator}payment_intent={}&payment_intent_client_secret={}_secret_{}",
        intent.id,
        intent.id,
        &intent.id[3..]
    );
    store.intents.insert(index, intent);
    Ok(location)
}

/// After a successful charge with `setup_future_usage` and a `customer`,
/// attaches its new PaymentMethod to the Customer, as Stripe does: it can
/// then be used again. Without a Customer it stays unattached, good for
/// this charge only (Stripe leaves attaching to a later call).
fn attach(store: &mut Store, intent: &mut Intent) {
    let (Some(customer), Some(_), Some(method)) = (
        &intent.customer,
        &intent.setup_future_usage,
        intent.payment_method.as_mut(),
    ) else {
        return;
    };
    if method.customer.is_some() {
        return;
    }
    method.customer = Some(customer.clone());
    if let Some(kept) = store
        .methods
        .iter_mut()
        .find(|kept| kept.id == method.id && kept.account == method.account)
    {
        kept.customer = Some(customer.clone());
    }
}

/// The saved PaymentMethod `id`, if this PaymentIntent may use it: one the
/// account has, attached to the Customer named. Stripe refuses a
/// PaymentMethod that was used once without being attached (it "may not
/// be used again"), one attached to another Customer, and one attached to
/// a Customer when the PaymentIntent names none.
fn saved_method(
    store: &Store,
    call: &Call<'_>,
    id: &str,
    customer: Option<&str>,
) -> Result<Method, StripeError> {
    let method = store
        .method(call.account, id)
        .ok_or_else(|| StripeError::resource_missing("PaymentMethod", id, "payment_method"))?;
    match (method.customer.as_deref(), customer) {
        (Some(owner), Some(named)) if owner == named => Ok(method.clone()),
        (Some(_), Some(_)) => Err(StripeError::invalid_request(
            &format!(
                "The customer does not have a payment method with the ID {id}. The payment method must be attached to the customer."
            ),
            Some("payment_method"),
            None,
        )),
        (Some(_), None) => Err(StripeError::invalid_request(
            &format!(
                "The PaymentMethod provided ({id}) belongs to a Customer. Please include the Customer in the `customer` parameter on the PaymentIntent."
            ),
            Some("payment_method"),
            None,
        )),
        (None, _) => Err(StripeError::invalid_request(
            "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.",
            Some("payment_method"),
            None,
        )),
    }
}

/// Whether `text` is an absolute URL: a scheme (an app's own, too, as
/// Stripe takes them), `:`, and more.
fn is_url(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, rest)| {
        scheme
            .bytes()
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"+-.".contains(&byte))
            && !rest.is_empty()
            && !text.contains(char::is_whitespace)
    })
}

/// `off_session`: `true`, `false`, or one of the two reasons the API
/// description lists beside them (`one_off`, `recurring`).
fn off_session(params: &Params) -> Result<Option<&str>, StripeError> {
    params.one_of("off_session", &["true", "false", "one_off", "recurring"])
}

/// `POST /v1/payment_intents/{id}/capture`: takes `amount_to_capture`
/// (all of `amount_capturable` when absent) of an authorization, releases
/// the rest, and leaves the PaymentIntent `succeeded`.
pub(super) fn capture(
    store: &mut Store,
    call: &Call<'_>,
    id: &str,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(CAPTURE_PARAMS)?;
    let expand = expand(params, "")?;
    let metadata = super::metadata(params, "metadata")?;
    let amount = params.integer("amount_to_capture")?;
    if let Some(amount) = amount
        && amount < 1
    {
        return Err(StripeError::invalid_request(
            "This value must be greater than or equal to 1.",
            Some("amount_to_capture"),
            None,
        )
        .into());
    }
    if params.boolean("final_capture")? == Some(false) {
        return Err(StripeError::invalid_request(
            "final_capture=false needs multicapture, which is not available for this PaymentIntent.",
            Some("final_capture"),
            None,
        )
        .into());
    }
    if params.get("statement_descriptor").is_some() {
        return Err(StripeError::invalid_request(
            "The statement_descriptor parameter cannot be set for card charges; use statement_descriptor_suffix instead.",
            Some("statement_descriptor"),
            None,
        )
        .into());
    }
    statement_descriptor_suffix(params)?;
    let intent = store
        .intent_mut(call.account, id)
        .ok_or_else(|| StripeError::resource_missing("payment_intent", id, "intent"))?;
    if intent.status != "requires_capture" {
        let message = format!(
            "This PaymentIntent could not be captured because it has a status of {}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
            intent.status
        );
        return Err(unexpected_state(intent, &message));
    }
    let capturable = intent.amount;
    let amount = amount.unwrap_or(capturable);
    if amount > capturable {
        return Err(StripeError::invalid_request(
            "The payment could not be captured because the requested capture amount is greater than the amount you can capture for this charge.",
            Some("amount_to_capture"),
            Some("amount_too_large"),
        )
        .into());
    }

    // From here the capture is executed.
    for (key, value) in metadata {
        if value.is_empty() {
            intent.metadata.remove(&key);
        } else {
            intent.metadata.insert(key, value);
        }
    }
    if let Some(charge) = intent.charge.as_mut() {
        charge.amount_captured = amount;
        charge.amount_released = capturable - amount;
    }
    intent.status = "succeeded";
    Ok(intent_json(intent, expand))
}

/// `POST /v1/payment_intents/{id}/cancel`: from the statuses Stripe
/// allows; an authorization (`requires_capture`) is released whole.
pub(super) fn cancel(
    store: &mut Store,
    call: &Call<'_>,
    id: &str,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(&["cancellation_reason", "expand[]"])?;
    let expand = expand(params, "")?;
    let reason = params
        .one_of("cancellation_reason", CANCELLATION_REASONS)?
        .map(str::to_owned);
    let intent = store
        .intent_mut(call.account, id)
        .ok_or_else(|| StripeError::resource_missing("payment_intent", id, "intent"))?;
    if !CANCELABLE.contains(&intent.status) {
        let message = format!(
            "You cannot cancel this PaymentIntent because it has a status of {}. Only a PaymentIntent with one of the following statuses may be canceled: {}.",
            intent.status,
            CANCELABLE.join(", ")
        );
        return Err(unexpected_state(intent, &message));
    }

    // From here the cancellation is executed.
    if intent.status == "requires_capture" {
        let authorized = intent.amount;
        if let Some(charge) = intent.charge.as_mut() {
            charge.amount_released = authorized;
        }
    }
    intent.status = "canceled";
    intent.canceled_at = Some(call.now);
    intent.cancellation_reason = reason;
    intent.next_action = None;
    Ok(intent_json(intent, expand))
}

/// `400 payment_intent_unexpected_state`, with the PaymentIntent as
/// Stripe attaches it to the error.
fn unexpected_state(intent: &Intent, message: &str) -> Failure {
    StripeError::invalid_request(message, None, Some("payment_intent_unexpected_state"))
        .with("payment_intent", intent_json(intent, Expand::default()))
        .into()
}

/// `statement_descriptor_suffix`: at most 22 characters.
fn statement_descriptor_suffix(params: &Params) -> Result<(), StripeError> {
    match params.get("statement_descriptor_suffix") {
        Some(suffix) if suffix.chars().count() > 22 => Err(StripeError::invalid_request(
            "The statement descriptor suffix must be at most 22 characters long.",
            Some("statement_descriptor_suffix"),
            None,
        )),
        _ => Ok(()),
    }
}

/// `GET /v1/payment_intents`: newest first, filtered by `created`.
pub(super) fn list(store: &Store, call: &Call<'_>, params: &Params) -> Result<Value, Failure> {
    params.check_known(&[
        "created",
        "created[gt]",
        "created[gte]",
        "created[lt]",
        "created[lte]",
        "customer",
        "ending_before",
        "starting_after",
        "limit",
        "expand[]",
    ])?;
    let limit = params.limit()?;
    let expand = expand(params, "data.")?;
    let created = super::created_filter(params)?;
    let customer = params.get("customer");
    if let Some(id) = customer
        && store.customer(call.account, id).is_none()
    {
        return Err(StripeError::resource_missing("customer", id, "customer").into());
    }
    let visible: Vec<&Intent> = store
        .intents
        .iter()
        .rev()
        .filter(|intent| intent.account.as_deref() == call.account)
        .filter(|intent| customer.is_none_or(|id| intent.customer.as_deref() == Some(id)))
        .filter(|intent| created(intent.created))
        .collect();
    let ids: Vec<&str> = visible.iter().map(|intent| intent.id.as_str()).collect();
    let (start, end, has_more) = super::page(&ids, params, limit, "payment_intent")?;
    let data = visible[start..end]
        .iter()
        .map(|intent| intent_json(intent, expand))
        .collect();
    Ok(list_json("/v1/payment_intents", data, has_more))
}

/// `GET /v1/payment_intents/search`.
pub(super) fn search(store: &Store, call: &Call<'_>, params: &Params) -> Result<Value, Failure> {
    params.check_known(&["query", "limit", "page", "expand[]"])?;
    let query = params.required("query")?;
    let limit = params.limit()?;
    let expand = expand(params, "data.")?;
    let clauses = search::parse(query)?;
    let offset = match params.get("page") {
        None => 0,
        Some(page) => page
            .strip_prefix("page_")
            .and_then(|offset| offset.parse::<usize>().ok())
            .ok_or_else(|| {
                StripeError::invalid_request("Invalid page: not a page token.", Some("page"), None)
            })?,
    };
    let found: Vec<&Intent> = store
        .intents
        .iter()
        .rev()
        .filter(|intent| intent.account.as_deref() == call.account)
        .filter(|intent| intent.born.elapsed() >= store.search_lag)
        .filter(|intent| clauses.iter().all(|clause| clause.matches(intent)))
        .collect();
    let start = offset.min(found.len());
    let end = (start + limit).min(found.len());
    let has_more = end < found.len();
    let data: Vec<Value> = found[start..end]
        .iter()
        .map(|intent| intent_json(intent, expand))
        .collect();
    Ok(json!({
        "object": "search_result",
        "data": data,
        "has_more": has_more,
        "next_page": has_more.then(|| format!("page_{end}")),
        "url": "/v1/payment_intents/search"
    }))
}

/// `GET /v1/payment_intents/{id}`.
pub(super) fn retrieve(
    store: &Store,
    call: &Call<'_>,
    id: &str,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(&["client_secret", "expand[]"])?;
    let expand = expand(params, "")?;
    store
        .intent(call.account, id)
        .map(|intent| intent_json(intent, expand))
        .ok_or_else(|| StripeError::resource_missing("payment_intent", id, "intent").into())
}

/// The card refusal as a `402 card_error`.
fn card_refusal(refusal: Refusal) -> StripeError {
    StripeError::card(
        refusal.code,
        Some(refusal.decline_code),
        refusal.message,
        refusal.param,
    )
}

/// `amount` and `currency`, checked as Stripe checks them.
fn amount_and_currency(params: &Params) -> Result<(i64, String), StripeError> {
    let amount_text = params.required("amount")?;
    let amount = params.integer("amount")?.unwrap_or_default();
    let currency = params.required("currency")?;
    let known = currency.len() == 3
        && currency.bytes().all(|byte| byte.is_ascii_lowercase())
        && Currency::from_code(&currency.to_ascii_uppercase()).is_some();
    if !known {
        return Err(StripeError::invalid_request(
            &format!(
                "Invalid currency: {currency}. Stripe currently supports these currencies: the lowercase ISO 4217 codes."
            ),
            Some("currency"),
            None,
        ));
    }
    let minimum = MINIMUMS
        .iter()
        .find(|(code, _)| *code == currency)
        .map_or(1, |(_, minimum)| *minimum);
    if amount < minimum {
        return Err(StripeError::invalid_request(
            &format!(
                "Amount must be at least {minimum} {currency} (in the currency's smallest unit); got {amount_text}."
            ),
            Some("amount"),
            Some("amount_too_small"),
        ));
    }
    if amount > MAX_AMOUNT {
        return Err(StripeError::invalid_request(
            &format!("Amount must be no more than {MAX_AMOUNT}."),
            Some("amount"),
            Some("amount_too_large"),
        ));
    }
    if currency == "isk" && amount % 100 != 0 {
        return Err(StripeError::invalid_request(
            "Invalid amount. Currency ISK has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.",
            Some("amount"),
            Some("invalid_charge_amount_no_decimal_compatible"),
        ));
    }
    if THREE_DECIMAL.contains(&currency) && amount % 10 != 0 {
        return Err(StripeError::invalid_request(
            &format!(
                "Invalid amount. Amounts in {currency} must end in 0 (rounded to the nearest ten)."
            ),
            Some("amount"),
            None,
        ));
    }
    Ok((amount, currency.to_owned()))
}

/// `expand[]`: which nested objects to write in full. `prefix` is `data.`
/// for lists.
fn expand(params: &Params, prefix: &str) -> Result<Expand, StripeError> {
    let mut expand = Expand::default();
    for path in params.list("expand") {
        match path.strip_prefix(prefix) {
            Some("latest_charge") => expand.latest_charge = true,
            Some("payment_method") => expand.payment_method = true,
            Some("customer") => {}
            _ => {
                return Err(StripeError::invalid_request(
                    &format!("This property cannot be expanded ({path})."),
                    Some("expand"),
                    None,
                ));
            }
        }
    }
    Ok(expand)
}

/// What the issuer is asked to charge: a card just sent, or a saved
/// PaymentMethod (no security code; its billing address, when it has one,
/// is checked again).
#[derive(Debug)]
struct Source {
    scripted: Scripted,
    cvc_sent: bool,
    line1_sent: bool,
    postal_code_sent: bool,
}

impl Source {
    fn from(card: &Card) -> Source {
        Source {
            scripted: card.scripted,
            cvc_sent: card.cvc_sent,
            line1_sent: card.line1_sent,
            postal_code_sent: card.postal_code_sent,
        }
    }

    fn saved(method: &Method) -> Source {
        let present = |field: &str| {
            method.billing_details["address"][field]
                .as_str()
                .is_some_and(|value| !value.is_empty())
        };
        Source {
            scripted: method.scripted,
            cvc_sent: false,
            line1_sent: present("line1"),
            postal_code_sent: present("postal_code"),
        }
    }
}

/// A card from `payment_method_data`, checked.
#[derive(Debug)]
struct Card {
    scripted: Scripted,
    brand: &'static str,
    last4: String,
    exp_month: i64,
    exp_year: i64,
    cvc_sent: bool,
    line1_sent: bool,
    postal_code_sent: bool,
    billing_details: Value,
}

/// Reads `payment_method_data`: a malformed request is `Err` (400); a card
/// Stripe refuses while making the PaymentMethod (bad number, expiry or
/// CVC) is `Ok(Err(402))`.
fn card_data(params: &Params, now: i64) -> Result<Result<Card, StripeError>, StripeError> {
    const DATA: &str = "payment_method_data";
    let kind = params.required("payment_method_data[type]")?;
    if kind != "card" {
        return Err(StripeError::invalid_request(
            "Invalid payment_method_data[type]: this double takes card only.",
            Some("payment_method_data[type]"),
            None,
        ));
    }
    let number = params.required("payment_method_data[card][number]")?;
    params.required("payment_method_data[card][exp_month]")?;
    params.required("payment_method_data[card][exp_year]")?;
    let exp_month = params
        .integer("payment_method_data[card][exp_month]")?
        .unwrap_or_default();
    let mut exp_year = params
        .integer("payment_method_data[card][exp_year]")?
        .unwrap_or_default();
    let cvc = params.get("payment_method_data[card][cvc]");
    super::metadata(params, "payment_method_data[metadata]")?;
    let address = |field: &str| {
        params
            .get(&format!("{DATA}[billing_details][address][{field}]"))
            .filter(|value| !value.is_empty())
    };
    if let Some(country) = address("country")
        && Country::parse(country).is_err()
    {
        return Err(StripeError::invalid_request(
            &format!(
                "Country '{country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'."
            ),
            Some("payment_method_data[billing_details][address][country]"),
            None,
        ));
    }
    let detail = |field: &str| {
        params
            .get(&format!("{DATA}[billing_details][{field}]"))
            .map_or(Value::Null, |value| json!(value))
    };
    let address_json = |field: &str| address(field).map_or(Value::Null, |value| json!(value));
    let billing_details = json!({
        "address": {
            "city": address_json("city"),
            "country": address_json("country"),
            "line1": address_json("line1"),
            "line2": address_json("line2"),
            "postal_code": address_json("postal_code"),
            "state": address_json("state")
        },
        "email": detail("email"),
        "name": detail("name"),
        "phone": detail("phone")
    });

    let refuse = |code: &str, message: &str, field: &str| {
        Ok(Err(StripeError::card(
            code,
            None,
            message,
            Some(&format!("{DATA}[card][{field}]")),
        )))
    };
    let brand = number
        .bytes()
        .all(|byte| byte.is_ascii_digit())
        .then(|| cards::brand(number))
        .flatten();
    let Some(brand) = brand else {
        return refuse(
            "incorrect_number",
            "Your card number is incorrect.",
            "number",
        );
    };
    if !(1..=12).contains(&exp_month) {
        return refuse(
            "invalid_expiry_month",
            "Your card's expiration month is invalid.",
            "exp_month",
        );
    }
    if (0..100).contains(&exp_year) {
        exp_year += 2000;
    }
    let (year, month) = year_month(now);
    if exp_year < year || exp_year > year + 50 {
        return refuse(
            "invalid_expiry_year",
            "Your card's expiration year is invalid.",
            "exp_year",
        );
    }
    if exp_year == year && exp_month < month {
        return refuse(
            "invalid_expiry_month",
            "Your card's expiration month is invalid.",
            "exp_month",
        );
    }
    if let Some(cvc) = cvc
        && (!(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|byte| byte.is_ascii_digit()))
    {
        return refuse(
            "invalid_cvc",
            "Your card's security code is invalid.",
            "cvc",
        );
    }
    Ok(Ok(Card {
        scripted: cards::scripted(number),
        brand,
        last4: number[number.len() - 4..].to_owned(),
        exp_month,
        exp_year,
        cvc_sent: cvc.is_some(),
        line1_sent: address("line1").is_some(),
        postal_code_sent: address("postal_code").is_some(),
        billing_details,
    }))
}

/// The UTC year and month of a Unix time in seconds.
fn year_month(unix_seconds: i64) -> (i64, i64) {
    // Howard Hinnant's days-to-civil algorithm.
    let days = unix_seconds.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::year_month;

    #[test]
    fn unix_times_fall_in_their_month() {
        assert_eq!(year_month(0), (1970, 1));
        assert_eq!(year_month(1_795_219_200), (2026, 11));
        assert_eq!(year_month(951_782_400), (2000, 2)); // 2000-02-29
        assert_eq!(year_month(1_704_067_199), (2023, 12));
    }
}
