//! Card surcharges: the merchant's terms on the page, the surcharge the
//! shopper was shown checked again by the server, and the base amount, the
//! surcharge and what was charged kept apart everywhere.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};

use crate::both_databases;
use crate::helpers::{TestApp, answer};

/// Stripe's Thai Visa credit card: credit, issued outside the EU/EEA.
const THAI_CREDIT: &str = "4000007640000003";
/// Stripe's Visa debit card.
const DEBIT: &str = "4000056655665556";

/// Sets the merchant's surcharge with the CLI, as an operator would.
fn set_surcharge(app: &TestApp, args: &[&str]) {
    let output = crate::helpers::merchant_command(app, "set-surcharge", args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn card(number: &str, surcharge: Option<&str>) -> Value {
    let mut body = TestApp::card(number);
    if let Some(surcharge) = surcharge {
        body["surcharge"] = json!(surcharge);
    }
    body
}

async fn new_invoice(app: &TestApp, amount: &str) -> String {
    app.create_invoice(json!({"amount": amount})).await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn invoice(app: &TestApp, id: &str) -> Value {
    answer(app.get_invoice(id).await).await.1
}

both_databases! {
    async fn a_credit_card_pays_the_surcharge_it_was_shown_and_a_full_refund_returns_it(app: TestApp) {
        set_surcharge(&app, &["--percent", "2.5"]);
        let id = new_invoice(&app, "18.00").await;
        let (_, view) = answer(app.checkout(&id).await).await;
        assert_eq!(view["surcharge"], json!({"amount": "0.45", "total": "18.45", "eu_cards_exempt": true}));

        // Not shown, or shown wrong: refused before any charge.
        for shown in [None, Some("0.40")] {
            let (status, refused) = answer(app.pay(&id, &card(THAI_CREDIT, shown)).await).await;
            assert_eq!(status, 400, "{refused}");
            assert_eq!(refused["error"]["code"], "surcharge.mismatch");
            assert!(refused["error"]["message"].as_str().unwrap().contains("0.45 EUR"), "{refused}");
        }
        assert_eq!(app.processor.charges.load(std::sync::atomic::Ordering::SeqCst), 0);

        let (status, paid) = answer(app.pay(&id, &card(THAI_CREDIT, Some("0.45"))).await).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
        let read = invoice(&app, &id).await;
        assert_eq!((read["amount"].as_str(), read["surcharge"].as_str(), read["amount_charged"].as_str()), (Some("18.00"), Some("0.45"), Some("18.45")));
        let event = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(event.json["invoice"]["amount_minor"], 1800);
        assert_eq!(event.json["invoice"]["surcharge_minor"], 45);
        assert_eq!(event.json["invoice"]["amount_charged_minor"], 1845);

        // A full refund gives back what was charged, surcharge included.
        let (status, refund) = answer(
            app.client
                .post(format!("{}/api/v1/invoices/{id}/refunds", app.address))
                .bearer_auth(&app.merchant.api_key)
                .json(&json!({}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{refund}");
        assert_eq!(refund["amount"], "18.45", "{refund}");
        let read = invoice(&app, &id).await;
        assert_eq!(read["status"], "refunded");
        assert_eq!(read["refunded_amount"], "18.45");
    }

    async fn debit_unknown_and_eu_cards_are_never_surcharged(app: TestApp) {
        set_surcharge(&app, &["--percent", "2.5"]);
        for number in [DEBIT, "4242424242424242", "4000002500000003"] {
            let id = new_invoice(&app, "18.00").await;
            let (_, refused) = answer(app.pay(&id, &card(number, Some("0.45"))).await).await;
            assert_eq!(refused["error"]["code"], "surcharge.mismatch", "{number}: {refused}");
            assert_eq!(refused["error"]["message"], "This card carries no surcharge.");
            let (_, paid) = answer(app.pay(&id, &card(number, None)).await).await;
            assert_eq!(paid["status"], "succeeded", "{number}: {paid}");
            assert!(invoice(&app, &id).await.get("surcharge").is_none());
        }
    }

    async fn the_surcharge_is_capped_limited_to_countries_and_can_be_removed(app: TestApp) {
        // 2% of 18.00 plus 0.30 is 0.66: above the 3% cap, 0.54.
        set_surcharge(&app, &["--percent", "2", "--fixed", "0.30", "--currency", "EUR"]);
        let id = new_invoice(&app, "18.00").await;
        let (_, paid) = answer(app.pay(&id, &card(THAI_CREDIT, Some("0.54"))).await).await;
        assert_eq!(paid["status"], "succeeded", "{paid}");
        assert_eq!(invoice(&app, &id).await["amount_charged"], "18.54");

        set_surcharge(&app, &["--percent", "2", "--countries", "US"]);
        let id = new_invoice(&app, "18.00").await;
        let (_, paid) = answer(app.pay(&id, &card(THAI_CREDIT, None)).await).await;
        assert_eq!(paid["status"], "succeeded", "a Thai card is not in the list: {paid}");

        set_surcharge(&app, &["--off"]);
        let id = new_invoice(&app, "18.00").await;
        let (_, view) = answer(app.checkout(&id).await).await;
        assert!(view.get("surcharge").is_none(), "{view}");

        // What the law and the schemes forbid is refused.
        let output = crate::helpers::merchant_command(&app, "set-surcharge", &["--percent", "4"]);
        assert!(!output.status.success(), "4% is above the 3% cap");
    }

    async fn an_authorization_holds_the_surcharge_and_captures_it(app: TestApp) {
        set_surcharge(&app, &["--percent", "2.5"]);
        let id = app.create_invoice(json!({"amount": "18.00", "capture": "manual"})).await["id"].as_str().unwrap().to_owned();
        let (_, paid) = answer(app.pay(&id, &card(THAI_CREDIT, Some("0.45"))).await).await;
        assert_eq!(paid["status"], "succeeded", "{paid}");
        let (status, captured) = answer(
            app.client
                .post(format!("{}/api/v1/invoices/{id}/capture", app.address))
                .bearer_auth(&app.merchant.api_key)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{captured}");
        assert_eq!(captured["captured_amount"], "18.45", "{captured}");
    }
}
