//! Kassa's hosted checkout page: Leptos in the browser, with kassa-card
//! checking every field as the shopper types, the same rules and messages
//! the server applies when the payment arrives.
//!
//! The page lives at `/pay/{invoice_id}`; it reads the invoice from the
//! checkout API, shows the form or the screen the invoice's state calls
//! for, and sends the payment. Pure parts (the form's rules, the words in
//! each language) are plain Rust modules tested natively; the components
//! are tested in headless Chromium.
//!
//! ```
//! use kassa_checkout::form::{Field, Values};
//! let values = Values { number: "4242 4242 4242 4241".into(), ..Values::default() };
//! let today = kassa_card::Date::new(2026, 11, 21).unwrap();
//! assert_eq!(values.check(Field::Number, today), Some(kassa_card::ErrorCode::CardNumberChecksum));
//! ```

pub mod api;
pub mod browser;
pub mod components;
pub mod embed;
pub mod form;
pub mod i18n;
pub mod wire;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiFailure;
use crate::components::pay_form::PayForm;
use crate::components::screens::{MessageScreen, Screen};
use crate::embed::Embed;

/// Mounts the page into `<body>`, replacing the static loading note.
pub fn start() {
    if let Some(note) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("boot"))
    {
        note.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// Framed by a merchant: no page chrome of our own, the merchant's accent.
fn embed_appearance() {
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-embedded", "");
    }
    if let Some(accent) = browser::query_param("accent") {
        apply_accent(&accent);
    }
}

/// Paints buttons and focus rings in `accent` (a hex colour; anything else
/// is ignored), with black or white text on it, whichever reads better.
fn apply_accent(accent: &str) {
    if let Some((accent, ink)) = embed::accent_colours(accent) {
        browser::set_css_variable("--accent", &accent);
        browser::set_css_variable("--accent-ink", ink);
        browser::set_css_variable("--focus", &accent);
    }
}
/// The page: loads the invoice and shows the screen its state calls for.
#[component]
pub fn App() -> impl IntoView {
    let screen = RwSignal::new(Screen::Loading);
    // The server chose the language (address, invoice, browser) and put its
    // words in the page.
    let lang = i18n::words().lang;
    let invoice_id = browser::invoice_id();
    let embed = Embed::from_address();
    if let Some(embed) = embed {
        provide_context(embed);
        embed_appearance();
        embed.follow_height();
    }

    let load = Callback::new(move |()| {
        let Some(invoice_id) = invoice_id.clone() else {
            screen.set(Screen::NotFound);
            return;
        };
        screen.set(Screen::Loading);
        spawn_local(async move {
            let next = match api::checkout_view(&invoice_id).await {
                Ok(view) => {
                    let title =
                        i18n::fill(i18n::texts().title, &[("merchant", &view.merchant_name)]);
                    browser::set_document_language(lang, &title);
                    if let Some(embed) = embed {
                        embed.trust(&view.embed_origins);
                    }
                    // The merchant's accent, unless the widget asked for another.
                    if browser::query_param("accent").is_none()
                        && let Some(accent) = view.appearance.accent_color.as_deref()
                    {
                        apply_accent(accent);
                    }
                    Screen::for_view(view)
                }
                Err(ApiFailure::Refused { status: 404, .. }) => Screen::NotFound,
                Err(_) => Screen::NetworkError,
            };
            if let Some(embed) = embed {
                embed.ready(next.status_name());
            }
            screen.set(next);
        });
    });
    browser::set_document_language(lang, "Kassa");
    load.run(());

    let on_screen = Callback::new(move |next: Screen| screen.set(next));
    move || match screen.get() {
        Screen::Form(view) => {
            view! { <PayForm view=*view lang=lang on_screen=on_screen on_reload=load /> }.into_any()
        }
        Screen::NetworkError => {
            view! { <MessageScreen screen=Screen::NetworkError on_retry=load /> }.into_any()
        }
        other => view! { <MessageScreen screen=other /> }.into_any(),
    }
}
