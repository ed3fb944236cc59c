//! Credit instalments: an invoice offering the card issuer's credit, its
//! fee shown before paying, and the plan carried to the callback.

#![allow(clippy::unwrap_used)]

use serde_json::json;

use crate::both_databases;
use crate::helpers::{TestApp, answer};

both_databases! {
    async fn a_credit_plan_is_offered_with_its_fee_and_paid(app: TestApp) {
        let created = app
            .create_invoice(json!({"amount": "120.00", "installments": 12, "installments_type": "credit", "installments_fee": "6.00"}))
            .await;
        assert_eq!(created["installments"], 12);
        assert_eq!(created["installments_type"], "credit");
        assert_eq!(created["installments_fee"], "6.00");
        let id = created["id"].as_str().unwrap().to_owned();

        let (_, view) = answer(app.checkout(&id).await).await;
        assert_eq!(view["installments_credit"], true, "{view}");
        assert_eq!(view["installments_fee"], "6.00");
        assert_eq!(view["installment_options"].as_array().unwrap().len(), 12);

        let mut body = TestApp::card("4242424242424242");
        body["installments"] = json!(12);
        let (status, paid) = answer(app.pay(&id, &body).await).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
        let event = app.mock.wait_for_event(&id, "invoice.paid").await;
        assert_eq!(event.json["invoice"]["installments"], 12);
        assert_eq!(event.json["invoice"]["installments_type"], "credit");
        assert_eq!(event.json["invoice"]["installments_fee"], "6.00");
    }

    async fn equal_payments_stay_the_default(app: TestApp) {
        let created = app.create_invoice(json!({"installments": 3})).await;
        assert_eq!(created["installments_type"], "equal");
        assert!(created.get("installments_fee").is_none());
        let (_, view) = answer(app.checkout(created["id"].as_str().unwrap()).await).await;
        assert!(view.get("installments_credit").is_none(), "{view}");
    }

    async fn credit_terms_are_checked(app: TestApp) {
        for (extra, field, code) in [
            (json!({"installments_type": "credit"}), "installments_type", "installments_type.needs_installments"),
            (json!({"installments": 3, "installments_type": "loan"}), "installments_type", "installments_type.unknown"),
            (json!({"installments": 3, "installments_fee": "1.00"}), "installments_fee", "installments_fee.credit_only"),
            (json!({"installments": 3, "installments_type": "credit", "installments_fee": "20.00"}), "installments_fee", "installments_fee.range"),
            (json!({"installments": 3, "installments_type": "credit", "installments_fee": "1.234"}), "installments_fee", "amount.too_precise"),
        ] {
            let (status, body) = answer(app.post_invoice(&app.invoice_body(extra.clone())).await).await;
            assert_eq!(status, 400, "{extra}: {body}");
            assert_eq!(body["error"]["field"], field, "{extra}: {body}");
            assert_eq!(body["error"]["code"], code, "{extra}: {body}");
        }
    }
}
