//! Component tests in headless Chromium (wasm-bindgen-test): each mounts one
//! component into a real document and acts on it as a browser would.

#![cfg(target_arch = "wasm32")]

use kassa_api::{CheckoutView, InvoiceStatus};
use kassa_card::{Brand, format_card_number};
use kassa_checkout::components::brand_logo::BrandLogo;
use kassa_checkout::components::fields::{FormState, Problems, SelectInput, TextInput};
use kassa_checkout::components::pay_form::PayForm;
use kassa_checkout::components::screens::{MessageScreen, Screen};
use kassa_checkout::form::{Field, Values};
use kassa_checkout::i18n::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into.
fn host() -> HtmlElement {
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

fn input(id: &str) -> HtmlInputElement {
    document().get_element_by_id(id).unwrap().unchecked_into()
}

/// Types `text` into an input the way a browser reports it: the value
/// changes, the caret sits at its end, an `input` event fires.
fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let end = text.encode_utf16().count() as u32;
    input.set_selection_range(end, end).unwrap();
    let init = web_sys::InputEventInit::new();
    init.set_input_type("insertText");
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn today() -> kassa_card::Date {
    kassa_card::Date::new(2026, 11, 21).unwrap()
}

/// Gives the page `lang`'s words, as the server writes them into it.
fn speak(lang: Lang) {
    assert!(kassa_checkout::i18n::install(
        &kassa_api::words::page_words_json(lang)
    ));
}

/// An empty form in `lang`, as the page provides it to its fields.
fn form_state(lang: Lang) -> FormState {
    speak(lang);
    FormState {
        values: RwSignal::new(Values::default()),
        problems: RwSignal::new(Problems::default()),
        lang,
        today: today(),
        announcement: RwSignal::new(String::new()),
    }
}

#[wasm_bindgen_test]
async fn every_brand_has_a_labelled_logo() {
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        Brand::ALL
            .iter()
            .map(|brand| view! { <BrandLogo brand=*brand /> })
            .collect_view()
    });
    leptos::task::tick().await;
    let logos = host.query_selector_all("svg[role=img]").unwrap();
    assert_eq!(logos.length() as usize, Brand::ALL.len());
    for (index, brand) in Brand::ALL.iter().enumerate() {
        let logo: web_sys::Element = logos.item(index as u32).unwrap().unchecked_into();
        assert_eq!(
            logo.get_attribute("aria-label").as_deref(),
            Some(brand.display_name())
        );
    }
}

#[wasm_bindgen_test]
async fn the_card_number_field_formats_as_typed_and_reports_on_leaving() {
    let host = host();
    let state = form_state(Lang::En);
    let _mounted = leptos::mount::mount_to(host, move || {
        provide_context(state);
        view! {
            <TextInput
                field=Field::Number
                label="Card number".to_owned()
                autocomplete="cc-number"
                ltr=true
                formatter=format_card_number
            />
        }
    });
    leptos::task::tick().await;
    let number = input("card-number");
    assert_eq!(
        number.get_attribute("autocomplete").as_deref(),
        Some("cc-number")
    );
    assert_eq!(number.get_attribute("dir").as_deref(), Some("ltr"));

    type_into(&number, "4242424242424241");
    leptos::task::tick().await;
    assert_eq!(number.value(), "4242 4242 4242 4241");
    assert_eq!(
        number.selection_start().unwrap(),
        Some(19),
        "caret stays at the end"
    );
    assert_eq!(state.values.get_untracked().number, "4242 4242 4242 4241");
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("false"),
        "no scolding while typing"
    );

    number
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        number.get_attribute("aria-describedby").as_deref(),
        Some("card-number-error")
    );
    let error = document().get_element_by_id("card-number-error").unwrap();
    assert_eq!(
        error.text_content().unwrap(),
        kassa_card::ErrorCode::CardNumberChecksum.message(kassa_card::Locale::En)
    );

    type_into(&number, "4242 4242 4242 4242");
    leptos::task::tick().await;
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("false"),
        "mended, error gone"
    );
    assert_eq!(error.text_content().unwrap(), "");
}

#[wasm_bindgen_test]
async fn an_impossible_month_is_reported_while_typing_in_french() {
    let host = host();
    let state = form_state(Lang::Fr);
    let _mounted = leptos::mount::mount_to(host, move || {
        provide_context(state);
        view! {
            <TextInput
                field=Field::Expiry
                label="Expiration".to_owned()
                autocomplete="cc-exp"
                formatter=kassa_card::format_expiry
            />
        }
    });
    leptos::task::tick().await;
    let expiry = input("card-expiry");
    type_into(&expiry, "00/28");
    leptos::task::tick().await;
    assert_eq!(
        expiry.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let error = document().get_element_by_id("card-expiry-error").unwrap();
    assert_eq!(
        error.text_content().unwrap(),
        kassa_card::ErrorCode::ExpiryMonth.message(kassa_card::Locale::Fr)
    );
}

#[wasm_bindgen_test]
async fn screens_speak_the_page_language() {
    let host = host();
    speak(Lang::De);
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        view! { <MessageScreen screen=Screen::NotFound /> }
    });
    leptos::task::tick().await;
    let screen = host
        .query_selector("[data-testid=screen-not-found] h1")
        .unwrap()
        .unwrap();
    assert_eq!(screen.text_content().unwrap(), "Zahlung nicht gefunden");
}

#[wasm_bindgen_test]
fn countries_are_named_and_sorted_as_the_shoppers_language_does() {
    let countries = kassa_checkout::browser::countries_by_name(Lang::De);
    assert_eq!(countries.len(), kassa_card::Country::all().count());
    let mut codes: Vec<&str> = countries.iter().map(|(code, _)| code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), countries.len(), "every country once");
    let place = |countries: &[(String, String)], code: &str| {
        countries
            .iter()
            .position(|(known, _)| known == code)
            .expect("listed")
    };
    assert_eq!(countries[place(&countries, "AT")].1, "Österreich");
    // By bytes "Österreich" would come last; German sorts Ö with O.
    assert!(place(&countries, "NL") < place(&countries, "AT"));
    assert!(place(&countries, "AT") < place(&countries, "PL"));
    let countries = kassa_checkout::browser::countries_by_name(Lang::Fr);
    assert_eq!(countries[place(&countries, "EG")].1, "Égypte");
    assert!(place(&countries, "DK") < place(&countries, "EG"));
    assert!(place(&countries, "EG") < place(&countries, "ES"));
}

#[wasm_bindgen_test]
async fn a_select_shows_its_list_and_the_choice_and_follows_both() {
    let host = host();
    let state = form_state(Lang::En);
    state.values.update(|values| values.region = "NY".into());
    let options = RwSignal::new(vec![
        (String::new(), "Choose…".to_owned()),
        ("CA".to_owned(), "California".to_owned()),
        ("NY".to_owned(), "New York & <Co>".to_owned()),
    ]);
    let _mounted = leptos::mount::mount_to(host, move || {
        provide_context(state);
        view! {
            <SelectInput
                field=Field::Region
                label="State".to_owned()
                autocomplete="address-level1"
                options=options
            />
        }
    });
    leptos::task::tick().await;
    let select: web_sys::HtmlSelectElement = document()
        .get_element_by_id("region")
        .unwrap()
        .unchecked_into();
    assert_eq!(select.length(), 3);
    assert_eq!(select.value(), "NY", "the prefilled choice");
    let texts: Vec<String> = (0..select.length())
        .map(|index| select.item(index).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(texts, ["Choose…", "California", "New York & <Co>"]);

    // The shopper picks one: the form's value follows.
    select.set_value("CA");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(state.values.get_untracked().region, "CA");

    // The form's value changes (a prefill, a new country): the select follows.
    state.values.update(|values| values.region = "NY".into());
    leptos::task::tick().await;
    assert_eq!(select.value(), "NY");

    // A new list (another country) and a cleared choice.
    options.set(vec![
        (String::new(), "Choose…".to_owned()),
        ("ON".to_owned(), "Ontario".to_owned()),
    ]);
    state.values.update(|values| values.region.clear());
    leptos::task::tick().await;
    assert_eq!(select.length(), 2);
    assert_eq!(select.value(), "");
    assert_eq!(select.item(1).unwrap().text_content().unwrap(), "Ontario");
}

/// An open invoice whose merchant's gateway does or does not need the card
/// holder's ID number.
fn open_invoice(holder_id_required: bool) -> CheckoutView {
    CheckoutView {
        invoice_id: "inv_0123456789abcdef0123456789abcdef".into(),
        merchant_name: "Chez Ada".into(),
        amount: "100.00".into(),
        currency: "ILS".into(),
        minor_units: 2,
        description: None,
        status: InvoiceStatus::Open,
        expires_at: "2026-11-22T12:00:00Z".into(),
        expires_in: 3_599,
        locale: None,
        installment_options: Vec::new(),
        attempts_left: 3,
        prefill: Default::default(),
        appearance: Default::default(),
        embed_origins: Vec::new(),
        holder_id_required,
        save_card: None,
        installments_credit: false,
        installments_fee: None,
        surcharge: None,
        challenge: None,
        saved_cards: Vec::new(),
    }
}

/// Mounts the whole payment form for `invoice` into a fresh element.
fn mount_pay_form(
    invoice: CheckoutView,
    lang: Lang,
) -> (HtmlElement, leptos::mount::UnmountHandle<impl Mountable>) {
    speak(lang);
    let host = host();
    let mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <PayForm
                view=invoice
                lang=lang
                on_screen=Callback::new(|_| ())
                on_reload=Callback::new(|()| ())
            />
        }
    });
    (host, mounted)
}

#[wasm_bindgen_test]
async fn the_holder_id_is_asked_for_only_when_the_gateway_needs_it() {
    let (host, mounted) = mount_pay_form(open_invoice(false), Lang::He);
    leptos::task::tick().await;
    assert!(
        host.query_selector("[data-testid=card-name]")
            .unwrap()
            .is_some()
    );
    assert!(
        host.query_selector("[data-testid=holder-id]")
            .unwrap()
            .is_none(),
        "not asked for"
    );
    assert!(host.query_selector("#holder-id-error").unwrap().is_none());
    drop(mounted);

    let (host, _mounted) = mount_pay_form(open_invoice(true), Lang::He);
    leptos::task::tick().await;
    let holder_id: HtmlInputElement = host
        .query_selector("[data-testid=holder-id]")
        .unwrap()
        .expect("asked for")
        .unchecked_into();
    // In the card section, right after the name on the card.
    let name_field = host
        .query_selector("[data-testid=card-name]")
        .unwrap()
        .unwrap()
        .closest(".field")
        .unwrap()
        .unwrap();
    let next = name_field.next_element_sibling().unwrap();
    assert!(next.contains(Some(&holder_id)));
    assert!(next.closest("fieldset.card").unwrap().is_some());
    let label = host
        .query_selector("label[for=holder-id]")
        .unwrap()
        .unwrap();
    assert_eq!(label.text_content().unwrap(), "מספר תעודת זהות");
    assert_eq!(
        holder_id.get_attribute("inputmode").as_deref(),
        Some("numeric")
    );
    assert_eq!(
        holder_id.get_attribute("autocomplete").as_deref(),
        Some("off")
    );
    assert_eq!(holder_id.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(
        holder_id.get_attribute("aria-describedby").as_deref(),
        Some("holder-id-hint")
    );
}

#[wasm_bindgen_test]
async fn a_holder_id_with_a_wrong_check_digit_is_reported_in_the_page_language() {
    let (host, _mounted) = mount_pay_form(open_invoice(true), Lang::He);
    leptos::task::tick().await;
    let holder_id: HtmlInputElement = host
        .query_selector("[data-testid=holder-id]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    type_into(&holder_id, "123456789");
    leptos::task::tick().await;
    assert_eq!(
        holder_id.get_attribute("aria-invalid").as_deref(),
        Some("false"),
        "no scolding while typing"
    );
    holder_id
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        holder_id.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        holder_id.get_attribute("aria-describedby").as_deref(),
        Some("holder-id-hint holder-id-error")
    );
    let error = host
        .query_selector("[data-testid=holder-id-error]")
        .unwrap()
        .unwrap();
    assert_eq!(
        error.text_content().unwrap(),
        kassa_card::ErrorCode::IsraeliIdChecksum.message(kassa_card::Locale::He)
    );

    type_into(&holder_id, "123456782");
    leptos::task::tick().await;
    assert_eq!(
        holder_id.get_attribute("aria-invalid").as_deref(),
        Some("false"),
        "mended, error gone"
    );
    assert_eq!(error.text_content().unwrap(), "");
}

/// An open invoice of a returning customer: an expired saved card (the
/// newest) and a good one, and the box to keep a new card.
fn returning_customer_invoice() -> CheckoutView {
    let card = |id: &str, brand: &str, last4: &str, exp_year: u16, expired: bool| {
        kassa_api::SavedCardOption {
            id: id.into(),
            brand: brand.into(),
            last4: last4.into(),
            exp_month: 12,
            exp_year,
            expired,
        }
    };
    CheckoutView {
        save_card: Some(kassa_api::SaveCardMode::Optional),
        saved_cards: vec![
            card("pm_expired", "mastercard", "4444", 2024, true),
            card("pm_good", "american-express", "0005", 2030, false),
        ],
        ..open_invoice(false)
    }
}

fn is_present(host: &HtmlElement, selector: &str) -> bool {
    host.query_selector(selector).unwrap().is_some()
}

#[wasm_bindgen_test]
async fn a_returning_customer_pays_with_a_saved_card_and_its_code_only() {
    let (host, _mounted) = mount_pay_form(returning_customer_invoice(), Lang::En);
    leptos::task::tick().await;
    let radio = |id: &str| -> HtmlInputElement {
        host.query_selector(&format!("[data-testid={id}]"))
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    let legend = host.query_selector(".saved-cards legend").unwrap().unwrap();
    assert_eq!(legend.text_content().unwrap(), "Pay with");
    assert!(
        radio("saved-card-pm_good").checked(),
        "the first card that can pay"
    );
    assert!(radio("saved-card-pm_expired").disabled());
    assert!(!radio("saved-card-pm_expired").checked());
    let expired_label = radio("saved-card-pm_expired")
        .closest("label")
        .unwrap()
        .unwrap();
    assert!(expired_label.text_content().unwrap().ends_with("expired"));
    // Only the security code, as long as the brand's (Amex: 4).
    for id in ["card-number", "card-expiry", "card-name", "save-card"] {
        assert!(
            !is_present(&host, &format!("[data-testid={id}]")),
            "{id} hidden"
        );
    }
    assert_eq!(
        input("card-cvv").get_attribute("maxlength").as_deref(),
        Some("4")
    );

    // A new card: its fields and the box to keep it.
    let new_card = radio("new-card");
    new_card.set_checked(true);
    new_card
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    for id in ["card-number", "card-expiry", "card-name", "save-card"] {
        assert!(
            is_present(&host, &format!("[data-testid={id}]")),
            "{id} shown"
        );
    }
    let box_ = input("save-card");
    assert_eq!(box_.type_(), "checkbox");
    assert!(!box_.checked(), "unticked at first");
    let label = host
        .query_selector("label[for=save-card]")
        .unwrap()
        .unwrap();
    assert_eq!(
        label.text_content().unwrap(),
        "Save this card for future payments to Chez Ada"
    );
}

#[wasm_bindgen_test]
async fn a_required_save_is_announced_with_the_pay_button_in_the_page_language() {
    let invoice = CheckoutView {
        save_card: Some(kassa_api::SaveCardMode::Required),
        ..open_invoice(false)
    };
    let (host, _mounted) = mount_pay_form(invoice, Lang::De);
    leptos::task::tick().await;
    assert!(!is_present(&host, "input[type=checkbox]"));
    let notice = host
        .query_selector("[data-testid=save-card-notice]")
        .unwrap()
        .unwrap();
    assert!(
        notice
            .text_content()
            .unwrap()
            .starts_with("Diese Karte wird für künftige Zahlungen an Chez Ada gespeichert.")
    );
    let button = host
        .query_selector("[data-testid=pay-button]")
        .unwrap()
        .unwrap();
    assert_eq!(
        button.get_attribute("aria-describedby"),
        notice.get_attribute("id")
    );
}
