//! The page reads and writes the checkout API's JSON by hand
//! (`kassa_checkout::wire`); these tests hold it to the server's serde, in
//! headless Chromium with the browser's own `JSON`: every message the
//! server writes reads back equal, and the payment the page writes is the
//! one the server reads.

#![cfg(target_arch = "wasm32")]

use kassa_api::{
    Appearance, BillingAddressInput, CardInput, CheckoutView, ErrorBody, ErrorDetail,
    InstallmentOption, InvoiceStatus, PayRequest, PayResponse, PayStatus, Prefill, SaveCardMode,
    SavedCardOption,
};
use kassa_checkout::wire;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn address() -> BillingAddressInput {
    BillingAddressInput {
        line1: "1 Rue de Rivoli".into(),
        line2: "Bât. \"B\"".into(),
        city: "Paris".into(),
        region: String::new(),
        postal_code: "75001".into(),
        country: "FR".into(),
    }
}

/// An invoice with every member the API may send.
fn full_view() -> CheckoutView {
    CheckoutView {
        invoice_id: "inv_0123456789abcdef0123456789abcdef".into(),
        merchant_name: "Café <Ünïcode> 😀".into(),
        amount: "100.00".into(),
        currency: "EUR".into(),
        minor_units: 2,
        description: Some("Two \"tickets\"".into()),
        status: InvoiceStatus::Open,
        expires_at: "2026-11-22T12:00:00Z".into(),
        expires_in: 3_599,
        locale: Some("fr".into()),
        installment_options: vec![
            InstallmentOption {
                count: 3,
                first_payment: "33.34".into(),
                other_payment: Some("33.33".into()),
            },
            InstallmentOption {
                count: 2,
                first_payment: "50.00".into(),
                other_payment: None,
            },
        ],
        attempts_left: 3,
        installments_credit: true,
        installments_fee: Some("6.00".into()),
        surcharge: Some(kassa_api::SurchargeOffer {
            amount: "0.45".into(),
            total: "18.45".into(),
            countries: vec!["US".into(), "TH".into()],
            eu_cards_exempt: true,
        }),
        prefill: Prefill {
            email: Some("ada@example.com".into()),
            name: Some("Ada Lovelace".into()),
            phone: Some("+33 1 23 45 67 89".into()),
            billing_address: Some(address()),
        },
        appearance: Appearance {
            accent_color: Some("#0a7".into()),
            logo: Some("data:image/svg+xml;base64,PHN2Zy8+".into()),
        },
        embed_origins: vec!["https://shop.example".into()],
        holder_id_required: true,
        save_card: Some(SaveCardMode::Optional),
        challenge: Some(kassa_api::ChallengeInfo {
            id: "ch_0123456789abcdef0123456789abcdef".into(),
            url: "https://pay.example/challenge/ch_0123456789abcdef0123456789abcdef".into(),
        }),
        saved_cards: vec![
            SavedCardOption {
                id: "pm_0123456789abcdef0123456789abcdef".into(),
                brand: "visa".into(),
                last4: "4242".into(),
                exp_month: 12,
                exp_year: 2030,
                expired: false,
            },
            SavedCardOption {
                id: "pm_fedcba9876543210fedcba9876543210".into(),
                brand: "american-express".into(),
                last4: "0005".into(),
                exp_month: 1,
                exp_year: 2024,
                expired: true,
            },
        ],
    }
}

#[wasm_bindgen_test]
fn an_invoice_the_server_writes_reads_back_equal() {
    let full = full_view();
    let text = serde_json::to_string(&full).unwrap();
    assert_eq!(wire::parse(&text, wire::checkout_view), Some(full.clone()));

    // Every optional member left out, as the server leaves them out.
    let plain = CheckoutView {
        description: None,
        locale: None,
        installment_options: Vec::new(),
        prefill: Prefill::default(),
        appearance: Appearance::default(),
        embed_origins: Vec::new(),
        holder_id_required: false,
        save_card: None,
        challenge: None,
        installments_credit: false,
        installments_fee: None,
        surcharge: None,
        saved_cards: Vec::new(),
        status: InvoiceStatus::PartiallyRefunded,
        expires_in: 0,
        ..full
    };
    let text = serde_json::to_string(&plain).unwrap();
    assert!(!text.contains("installment_options") && !text.contains("appearance"));
    assert!(!text.contains("save_card") && !text.contains("saved_cards"));
    assert!(!text.contains("challenge"));
    assert_eq!(wire::parse(&text, wire::checkout_view), Some(plain));
}

#[wasm_bindgen_test]
fn what_is_not_an_invoice_is_refused() {
    let mut value = serde_json::to_value(full_view()).unwrap();
    let text = value.to_string();
    assert!(wire::parse(&text, wire::checkout_view).is_some());
    for broken in [
        serde_json::json!({"status": "bogus"}),
        serde_json::json!({"minor_units": 2.5}),
        serde_json::json!({"attempts_left": -1}),
        serde_json::json!({"amount": 100}),
        serde_json::json!({"installment_options": [{"count": 3}]}),
        serde_json::json!({"save_card": "always"}),
        serde_json::json!({"save_card": true}),
        serde_json::json!({"saved_cards": [{"id": "pm_1", "brand": "visa", "last4": "4242"}]}),
        serde_json::json!({"saved_cards": [{"id": "pm_1", "brand": "visa", "last4": "4242",
            "exp_month": 12, "exp_year": 2030, "expired": "no"}]}),
    ] {
        let mut changed = value.clone();
        for (key, member) in broken.as_object().unwrap() {
            changed[key] = member.clone();
        }
        assert_eq!(
            wire::parse(&changed.to_string(), wire::checkout_view),
            None,
            "{broken}"
        );
    }
    value.as_object_mut().unwrap().remove("invoice_id");
    assert_eq!(wire::parse(&value.to_string(), wire::checkout_view), None);
    assert_eq!(wire::parse("[1, 2]", wire::checkout_view), None);
    assert_eq!(wire::parse("not json", wire::checkout_view), None);
}

#[wasm_bindgen_test]
fn payment_answers_and_errors_read_back_equal() {
    for answer in [
        PayResponse {
            status: PayStatus::Declined,
            redirect_url: None,
            decline: Some(ErrorDetail {
                code: "declined.insufficient_funds".into(),
                message: "Insufficient funds.".into(),
                field: None,
            }),
            attempts_left: 2,
            challenge: None,
        },
        PayResponse {
            status: PayStatus::Succeeded,
            redirect_url: Some("https://shop.example/ok?sig=a%2Fb".into()),
            decline: None,
            attempts_left: 0,
            challenge: None,
        },
        PayResponse {
            status: PayStatus::Challenge,
            redirect_url: None,
            decline: None,
            attempts_left: 3,
            challenge: Some(kassa_api::ChallengeInfo {
                id: "ch_0123456789abcdef0123456789abcdef".into(),
                url: "/challenge/ch_0123456789abcdef0123456789abcdef".into(),
            }),
        },
    ] {
        let text = serde_json::to_string(&answer).unwrap();
        assert_eq!(wire::parse(&text, wire::pay_response), Some(answer));
    }
    let mut body = ErrorBody::new(
        "card.number.checksum",
        "Check the number.",
        Some("card.number"),
    );
    body.errors = vec![
        body.error.clone(),
        ErrorDetail {
            code: "postal_code.format".into(),
            message: "Not a postal code of France.".into(),
            field: Some("billing_address.postal_code".into()),
        },
    ];
    let text = serde_json::to_string(&body).unwrap();
    assert_eq!(wire::parse(&text, wire::error_body), Some(body));
    let cancel = r#"{"redirect_url":"https://shop.example/cancel"}"#;
    assert_eq!(
        wire::parse(cancel, wire::cancel_answer).map(|answer| answer.redirect_url),
        Some("https://shop.example/cancel".into())
    );
}

#[wasm_bindgen_test]
fn the_payment_the_page_writes_is_the_one_the_server_reads() {
    let full = PayRequest {
        card: CardInput {
            number: "4242 4242 4242 4242".into(),
            expiry: "12 / 30".into(),
            cvv: "123".into(),
            name: "Ada \"Countess\" Lovelace".into(),
        },
        billing_address: Some(address()),
        email: Some("ada@example.com".into()),
        phone: Some("+33 1 23 45 67 89".into()),
        installments: Some(3),
        network: Some("cartes_bancaires".into()),
        holder_id: Some("123456782".into()),
        save_card: Some(true),
        payment_method: Some("pm_0123456789abcdef0123456789abcdef".into()),
        surcharge: Some("0.45".into()),
    };
    let text = wire::pay_request_json(&full).unwrap();
    assert_eq!(serde_json::from_str::<PayRequest>(&text).unwrap(), full);
    let plain = PayRequest {
        card: full.card.clone(),
        ..PayRequest::default()
    };
    let text = wire::pay_request_json(&plain).unwrap();
    assert_eq!(serde_json::from_str::<PayRequest>(&text).unwrap(), plain);
}
