//! Paying through each real gateway's connector, pointed at its test double
//! (a strict stand-in speaking the gateway's wire format over real HTTP):
//! the hosted page's API on top works unchanged. Every case runs for
//! CreditGuard, iCount and Stripe, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use kassa_gateway_doubles::creditguard::CreditGuardDouble;
use kassa_gateway_doubles::icount::ICountDouble;
use kassa_gateway_doubles::stripe::StripeDouble;
use kassa_gateway_doubles::{Control, Fault, Recorded};
use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, answer, spawn_app};

/// The holder's ID the Israeli gateways' terminals require (valid check digit).
const HOLDER_ID: &str = "123456782";
/// The security code every payment here sends.
const CVV: &str = "987";

/// One gateway's double, and what the tests need to know of it.
pub(crate) enum Gateway {
    CreditGuard(CreditGuardDouble),
    ICount(ICountDouble),
    Stripe(StripeDouble),
}

impl Gateway {
    pub(crate) async fn start(name: &str) -> Gateway {
        match name {
            "creditguard" => Gateway::CreditGuard(
                CreditGuardDouble::start("kassa", "relay-secret", "0962832").await,
            ),
            "icount" => {
                Gateway::ICount(ICountDouble::start("kassa-co", "api-user", "api-pass").await)
            }
            _ => Gateway::Stripe(StripeDouble::start("sk_test_kassa").await),
        }
    }

    /// The merchant's processor settings; `wrong` spoils the credentials.
    pub(crate) fn settings(&self, wrong: bool) -> Value {
        let secret = |right: &str| {
            if wrong {
                "not-the-secret".to_owned()
            } else {
                right.to_owned()
            }
        };
        match self {
            Gateway::CreditGuard(double) => json!({"processor": "creditguard", "config": {
                "base_url": double.base_url(), "user": "kassa", "password": secret("relay-secret"), "terminal": "0962832"}}),
            Gateway::ICount(double) => json!({"processor": "icount", "config": {
                "base_url": double.base_url(), "cid": "kassa-co", "user": "api-user", "pass": secret("api-pass")}}),
            Gateway::Stripe(double) => json!({"processor": "stripe", "config": {
                "base_url": double.base_url(), "secret_key": secret("sk_test_kassa")}}),
        }
    }

    pub(crate) fn control(&self) -> &Control {
        match self {
            Gateway::CreditGuard(double) => double.control(),
            Gateway::ICount(double) => double.control(),
            Gateway::Stripe(double) => double.control(),
        }
    }

    /// What the path of a charge request contains, for scripting faults.
    pub(crate) fn charge_path(&self) -> &'static str {
        match self {
            Gateway::CreditGuard(_) => "Relay",
            Gateway::ICount(_) => "cc/bill",
            Gateway::Stripe(_) => "/v1/payment_intents",
        }
    }

    pub(crate) fn approved_card(&self) -> &'static str {
        match self {
            Gateway::CreditGuard(_) => "4580458045804580",
            Gateway::ICount(_) => "4580000000000000",
            Gateway::Stripe(_) => "4242424242424242",
        }
    }

    fn insufficient_funds_card(&self) -> &'static str {
        match self {
            Gateway::ICount(_) => "4580000000000018",
            Gateway::CreditGuard(_) | Gateway::Stripe(_) => "4000000000009995",
        }
    }

    /// (approved, amount in minor units, installments, refunded) of each
    /// charge the gateway made.
    pub(crate) fn charges(&self) -> Vec<(bool, i64, u8, i64)> {
        match self {
            Gateway::CreditGuard(double) => double
                .charges()
                .into_iter()
                .map(|c| (c.approved, c.amount_minor, c.installments, c.refunded_minor))
                .collect(),
            Gateway::ICount(double) => double
                .charges()
                .into_iter()
                .map(|c| {
                    (
                        c.is_approved(),
                        c.amount_minor,
                        c.installments,
                        c.refunded_minor,
                    )
                })
                .collect(),
            Gateway::Stripe(double) => double
                .charges()
                .into_iter()
                .map(|c| {
                    (
                        c.is_approved(),
                        c.amount_minor,
                        c.installments,
                        c.refunded_minor,
                    )
                })
                .collect(),
        }
    }

    /// How each charge's instalments were financed, as the gateway
    /// recorded it: CreditGuard's `creditType`, iCount's `is_credit`.
    fn credit_terms(&self) -> Vec<String> {
        match self {
            Gateway::CreditGuard(double) => double
                .charges()
                .into_iter()
                .map(|c| c.credit_type)
                .collect(),
            Gateway::ICount(double) => double
                .charges()
                .into_iter()
                .map(|c| format!("is_credit={}", c.is_credit))
                .collect(),
            Gateway::Stripe(double) => double
                .charges()
                .into_iter()
                .map(|_| String::from("card"))
                .collect(),
        }
    }

    fn approved_charges(&self) -> usize {
        self.charges().iter().filter(|charge| charge.0).count()
    }

    fn is_israeli(&self) -> bool {
        !matches!(self, Gateway::Stripe(_))
    }

    /// The page's pay body for `number`.
    pub(crate) fn pay_body(&self, number: &str, extra: Value) -> Value {
        let mut body = json!({"card": {"number": number, "expiry": "12/30", "cvv": CVV, "name": "Ada Lovelace"}});
        if self.is_israeli() {
            body["holder_id"] = json!(HOLDER_ID);
        }
        for (key, value) in extra.as_object().unwrap() {
            body[key] = value.clone();
        }
        body
    }
}

/// The server, a merchant on `gateway`'s double, and an ILS invoice.
async fn setup(db: Db, gateway: &str, wrong_credentials: bool) -> (TestApp, Gateway) {
    let app = spawn_app(db).await;
    let double = Gateway::start(gateway).await;
    let response = app
        .client
        .put(format!("{}/api/v1/merchant/processor", app.address))
        .bearer_auth(&app.merchant.api_key)
        .json(&double.settings(wrong_credentials))
        .send()
        .await
        .unwrap();
    let (status, body) = answer(response).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["holder_id_required"], double.is_israeli());
    (app, double)
}

async fn invoice(app: &TestApp, extra: Value) -> String {
    let mut body = json!({"currency": "ILS", "amount": "150.00"});
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    app.create_invoice(body).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn merchant_view(app: &TestApp, id: &str) -> Value {
    app.get_invoice(id).await.json().await.unwrap()
}

async fn wait_for_status(app: &TestApp, id: &str, status: &str) -> Value {
    let mut last = Value::Null;
    for _ in 0..400 {
        last = merchant_view(app, id).await;
        if last["status"] == status {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("invoice {id} never became {status}; last seen {last}");
}

fn callbacks_about(app: &TestApp, id: &str) -> Vec<String> {
    app.mock
        .received()
        .into_iter()
        .filter(|event| event.json["invoice"]["id"] == id)
        .map(|event| event.json["type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn refund(app: &TestApp, id: &str, body: Value) -> (u16, Value) {
    answer(
        app.client
            .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
            .bearer_auth(&app.merchant.api_key)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn approved_payment_lands_on_the_success_url_with_one_charge_and_one_callback(
    db: Db,
    gw: &str,
) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({})).await;
    let (status, body) = answer(
        app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "succeeded");
    assert!(
        body["redirect_url"]
            .as_str()
            .unwrap()
            .starts_with("https://shop.example/success?order=42&invoice_id="),
        "{body}"
    );
    let paid = app.mock.wait_for_event(&id, "invoice.paid").await;
    assert_eq!(paid.json["invoice"]["amount"], "150.00");
    assert_eq!(
        paid.json["invoice"]["card"]["last4"],
        &double.approved_card()[12..]
    );
    assert_eq!(double.charges(), [(true, 15_000, 1, 0)]);
    assert!(
        paid.json["invoice"]["transaction_ref"]
            .as_str()
            .is_some_and(|reference| !reference.is_empty()),
        "{}",
        paid.json
    );
    assert!(
        paid.json["invoice"]["authorization_code"]
            .as_str()
            .is_some_and(|code| !code.is_empty()),
        "{}",
        paid.json
    );
}

async fn a_decline_is_shown_and_leaves_attempts(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({})).await;
    let (status, body) = answer(
        app.pay(
            &id,
            &double.pay_body(double.insufficient_funds_card(), json!({})),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "declined");
    assert_eq!(body["decline"]["code"], "declined.insufficient_funds");
    assert_eq!(body["attempts_left"], 2);
    assert_eq!(double.approved_charges(), 0);
    // The shopper tries another card on the same invoice.
    let (status, body) = answer(
        app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("succeeded")),
        "{body}"
    );
    assert_eq!(double.approved_charges(), 1);
}

async fn installments_reach_the_gateway_or_are_refused_before_it(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({"installments": 6})).await;
    let (status, body) = answer(
        app.pay(
            &id,
            &double.pay_body(double.approved_card(), json!({"installments": 3})),
        )
        .await,
    )
    .await;
    if double.is_israeli() {
        assert_eq!(
            (status, body["status"].as_str()),
            (200, Some("succeeded")),
            "{body}"
        );
        assert_eq!(double.charges(), [(true, 15_000, 3, 0)]);
        let paid = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(paid.json["invoice"]["installments"], 3);
    } else {
        // Stripe has no instalments for these cards: refused, nothing charged.
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "payment.rejected");
        assert!(double.charges().is_empty());
        assert_eq!(merchant_view(&app, &id).await["status"], "open");
    }
}

async fn a_credit_plan_reaches_the_gateway_as_the_issuers_credit(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(
        &app,
        json!({"installments": 12, "installments_type": "credit", "installments_fee": "9.00"}),
    )
    .await;
    let (status, body) = answer(
        app.pay(
            &id,
            &double.pay_body(double.approved_card(), json!({"installments": 12})),
        )
        .await,
    )
    .await;
    match &double {
        Gateway::Stripe(_) => {
            // Stripe has no issuer credit for these cards: refused, nothing charged.
            assert_eq!(status, 422, "{body}");
            assert!(double.charges().is_empty());
        }
        Gateway::CreditGuard(_) | Gateway::ICount(_) => {
            assert_eq!(
                (status, body["status"].as_str()),
                (200, Some("succeeded")),
                "{body}"
            );
            let expected = if matches!(double, Gateway::CreditGuard(_)) {
                "SpecialCredit"
            } else {
                "is_credit=true"
            };
            assert_eq!(double.credit_terms(), [expected]);
            assert_eq!(double.charges(), [(true, 15_000, 12, 0)]);
            let paid = app.mock.wait_for_event(&id, "invoice.paid").await;
            assert_eq!(paid.json["invoice"]["installments_type"], "credit");
        }
    }
}

async fn refunds_go_to_the_gateway_partial_then_full(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({})).await;
    let (status, _) = answer(
        app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = refund(&app, &id, json!({"amount": "40.00"})).await;
    if matches!(double, Gateway::ICount(_)) {
        // iCount publishes no card refund call: refused, nothing refunded.
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "refund.rejected");
        assert_eq!(merchant_view(&app, &id).await["status"], "paid");
        return;
    }
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "succeeded");
    assert_eq!(double.charges(), [(true, 15_000, 1, 4_000)]);
    let (status, body) = refund(&app, &id, json!({})).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["amount"], "110.00");
    assert_eq!(double.charges(), [(true, 15_000, 1, 15_000)]);
    assert_eq!(
        wait_for_status(&app, &id, "refunded").await["status"],
        "refunded"
    );
    let (status, body) = refund(&app, &id, json!({"amount": "1.00"})).await;
    assert_eq!(status, 409, "{body}");
}

async fn a_gateway_error_before_charging_is_looked_up_and_nothing_is_charged(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({})).await;
    double
        .control()
        .fail_next(double.charge_path(), Fault::ServerError);
    let (status, body) = answer(
        app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
            .await,
    )
    .await;
    if !matches!(double, Gateway::ICount(_)) {
        // CreditGuard's and Stripe's connectors look the charge up at once
        // after a 500 and, finding none, say so: the shopper may pay again.
        assert_eq!(status, 502, "{body}");
        assert_eq!(body["error"]["code"], "processor.unavailable");
        assert_eq!(merchant_view(&app, &id).await["status"], "open");
        assert!(double.charges().is_empty());
        let (status, body) = answer(
            app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
                .await,
        )
        .await;
        assert_eq!(
            (status, body["status"].as_str()),
            (200, Some("succeeded")),
            "{body}"
        );
        assert_eq!(double.charges(), [(true, 15_000, 1, 0)]);
        return;
    }
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["status"], "pending",
        "a 5xx is an unknown outcome: {body}"
    );
    wait_for_status(&app, &id, "failed").await;
    assert!(double.charges().is_empty());
    let failed = app.mock.wait_for_event(&id, "invoice.failed").await;
    assert_eq!(failed.json["invoice"]["decline_code"], "processing_error");
    assert_eq!(
        callbacks_about(&app, &id),
        ["invoice.pending", "invoice.failed"]
    );
}

async fn an_answer_lost_after_charging_goes_pending_then_settles_with_one_charge(
    db: Db,
    gw: &str,
    fault: Fault,
) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({})).await;
    double.control().fail_next(double.charge_path(), fault);
    let (status, body) = answer(
        app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "pending", "{body}");
    assert!(
        body["redirect_url"]
            .as_str()
            .unwrap()
            .starts_with("https://shop.example/pending")
    );
    let paid = wait_for_status(&app, &id, "paid").await;
    assert_eq!(paid["card"]["last4"], &double.approved_card()[12..]);
    app.mock.wait_for_event(&id, "invoice.paid").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        double.charges(),
        [(true, 15_000, 1, 0)],
        "exactly one charge"
    );
    assert_eq!(
        callbacks_about(&app, &id),
        ["invoice.pending", "invoice.paid"],
        "one callback per change"
    );
}

async fn refused_credentials_are_the_merchants_problem_not_the_shoppers(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, true).await;
    let id = invoice(&app, json!({})).await;
    let (status, body) = answer(
        app.pay(&id, &double.pay_body(double.approved_card(), json!({})))
            .await,
    )
    .await;
    assert_eq!(status, 502, "{body}");
    assert_eq!(body["error"]["code"], "processor.unavailable");
    let text = body.to_string();
    assert!(
        !text.contains("credential") && !text.contains("merchant"),
        "the shopper is not told why: {text}"
    );
    assert_eq!(merchant_view(&app, &id).await["status"], "open");
    assert!(double.approved_charges() == 0);
    // The merchant's own server-to-server charge says what is wrong.
    let mut direct = app.invoice_body(json!({
        "currency": "ILS", "amount": "150.00", "name": "Ada Lovelace", "address1": "1 Herzl St", "address2": "",
        "city": "Tel Aviv", "country": "IL", "state": "", "postcode": "6100000",
        "card_number": double.approved_card(), "card_expiry_date": "12/2030", "card_ccv": CVV, "date_of_birth": "1990-05-17",
        "customer_ip": "203.0.113.7", "phone": "+972501234567",
    }));
    if double.is_israeli() {
        direct["holder_id"] = json!(HOLDER_ID);
    }
    let (status, body) = answer(app.post_invoice(&direct).await).await;
    assert_eq!(status, 502, "{body}");
    assert_eq!(body["error"]["code"], "processor.unauthorized");
}

async fn card_data_reaches_only_the_charge_request(db: Db, gw: &str) {
    let logs = crate::security::capture_logs();
    let (app, double) = setup(db, gw, false).await;
    let number = double.approved_card();
    let id = invoice(&app, json!({})).await;
    // A lost answer too, so that the look-up path is exercised.
    double
        .control()
        .fail_next(double.charge_path(), Fault::Malformed);
    let (status, body) = answer(app.pay(&id, &double.pay_body(number, json!({}))).await).await;
    assert_eq!(status, 200, "{body}");
    wait_for_status(&app, &id, "paid").await;
    if !matches!(double, Gateway::ICount(_)) {
        let (status, _) = refund(&app, &id, json!({"amount": "1.00"})).await;
        assert_eq!(status, 201);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;

    let requests: Vec<Recorded> = double.control().requests();
    let carrying: Vec<&Recorded> = requests
        .iter()
        .filter(|request| request.body.contains(number) || request.path.contains(number))
        .collect();
    assert_eq!(
        carrying.len(),
        1,
        "only the charge itself carries the card number"
    );
    assert!(carrying[0].path.contains(double.charge_path()));
    for request in requests
        .iter()
        .filter(|request| !request.body.contains(number))
    {
        assert!(
            !request.body.contains(&format!("={CVV}"))
                && !request.body.contains(&format!(">{CVV}<"))
                && !request.body.contains(&format!("\"{CVV}\"")),
            "the security code went beyond the charge: {}",
            request.path
        );
        assert!(
            request
                .headers
                .iter()
                .all(|(_, value)| !value.contains(number))
        );
    }
    let dump = app.database_dump().await;
    assert!(dump.contains(&id));
    assert!(!dump.contains(number), "the database holds the card number");
    let logged = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logged.contains(&id),
        "the payment was not logged, so logs were not captured"
    );
    assert!(
        !logged.contains(number),
        "Kassa's logs hold the card number"
    );
}

/// One case for one gateway, on both databases.
/// A card saved on the page through the merchant's gateway is charged
/// again by the merchant through the gateway's own token: the gateway sees
/// no card number the second time.
async fn a_saved_card_is_charged_again_through_the_gateways_token(db: Db, gw: &str) {
    let (app, double) = setup(db, gw, false).await;
    let id = invoice(&app, json!({"customer": "cus-gw", "save_card": "required"})).await;
    let (status, body) = answer(
        app.pay(
            &id,
            &double.pay_body(double.approved_card(), json!({"save_card": true})),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("succeeded")),
        "{body}"
    );
    let saved = merchant_view(&app, &id).await;
    let pm = saved["payment_method"].as_str().unwrap().to_owned();
    let token = crate::helpers::query_text(
        &app,
        "SELECT gateway_token FROM payment_methods WHERE id = $1",
        &[&pm],
    )
    .await;
    assert!(
        token.is_some_and(|token| !token.is_empty()),
        "the gateway's token is kept"
    );

    let before = double.control().requests().len();
    let (status, charged) = answer(
        app.client
            .post(format!("{}/api/v1/payments", app.address))
            .bearer_auth(&app.merchant.api_key)
            .header("Idempotency-Key", "renewal-1")
            .json(&json!({"payment_method": pm, "amount": "49.00", "currency": "ILS", "reason": "recurring"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, charged["payment"]["status"].as_str()),
        (201, Some("succeeded")),
        "{charged}"
    );
    let renewal = charged["id"].as_str().unwrap();
    app.mock.wait_for_event(renewal, "invoice.paid").await;
    let number = double.approved_card();
    let later: Vec<String> = double.control().requests()[before..]
        .iter()
        .map(|request| request.body.clone())
        .collect();
    assert!(!later.is_empty(), "the gateway was asked");
    for body in &later {
        assert!(
            !body.contains(number),
            "the card number went to the gateway again: {body}"
        );
    }
    assert_eq!(
        double.charges().iter().filter(|charge| charge.0).count(),
        2,
        "two approved charges"
    );
}

macro_rules! case {
    ($gateway:ident, $name:ident, $call:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($call)(Db::Sqlite, stringify!($gateway)).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                ($call)(Db::Postgres, stringify!($gateway)).await;
            }
        }
    };
}

/// Every case, for one gateway.
macro_rules! gateway_cases {
    ($gateway:ident) => {
        mod $gateway {
            use super::*;
            case!(
                $gateway,
                approved,
                approved_payment_lands_on_the_success_url_with_one_charge_and_one_callback
            );
            case!($gateway, declined, a_decline_is_shown_and_leaves_attempts);
            case!(
                $gateway,
                saved_card,
                a_saved_card_is_charged_again_through_the_gateways_token
            );
            case!(
                $gateway,
                installments,
                installments_reach_the_gateway_or_are_refused_before_it
            );
            case!(
                $gateway,
                credit_installments,
                a_credit_plan_reaches_the_gateway_as_the_issuers_credit
            );
            case!(
                $gateway,
                refunds,
                refunds_go_to_the_gateway_partial_then_full
            );
            case!(
                $gateway,
                server_error,
                a_gateway_error_before_charging_is_looked_up_and_nothing_is_charged
            );
            case!($gateway, timeout_after_charging, |db, gw| {
                an_answer_lost_after_charging_goes_pending_then_settles_with_one_charge(
                    db,
                    gw,
                    Fault::AnswerAfter(Duration::from_secs(3)),
                )
            });
            case!($gateway, error_after_charging, |db, gw| {
                an_answer_lost_after_charging_goes_pending_then_settles_with_one_charge(
                    db,
                    gw,
                    Fault::ServerErrorAfterProcessing,
                )
            });
            case!($gateway, malformed_answer, |db, gw| {
                an_answer_lost_after_charging_goes_pending_then_settles_with_one_charge(
                    db,
                    gw,
                    Fault::Malformed,
                )
            });
            case!(
                $gateway,
                bad_credentials,
                refused_credentials_are_the_merchants_problem_not_the_shoppers
            );
            case!(
                $gateway,
                card_data,
                card_data_reaches_only_the_charge_request
            );
        }
    };
}

gateway_cases!(creditguard);
gateway_cases!(icount);
gateway_cases!(stripe);
