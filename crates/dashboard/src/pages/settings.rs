//! Settings (owners): the name shoppers see, the checkout's accent colour
//! and logo, the currencies; a live preview; Save sends what changed.

use kassa_api::{Appearance, MerchantSettings};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::widgets::{Alert, Loading, Note};
use crate::{Ctx, api, browser};

/// The largest logo accepted.
const LOGO_MAX_BYTES: f64 = 32.0 * 1024.0;

/// `#rrggbb` (or `#rgb`) in lower case as `#rrggbb`; `None` otherwise.
///
/// ```
/// use kassa_dashboard::pages::settings::hex_colour;
/// assert_eq!(hex_colour(" #1A2B3C ").as_deref(), Some("#1a2b3c"));
/// assert_eq!(hex_colour("#abc").as_deref(), Some("#aabbcc"));
/// assert_eq!(hex_colour("red"), None);
/// ```
pub fn hex_colour(text: &str) -> Option<String> {
    let digits = text.trim().strip_prefix('#')?;
    if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    match digits.len() {
        6 => Some(["#", &digits.to_ascii_lowercase()].concat()),
        3 => Some(digits.to_ascii_lowercase().chars().fold(
            String::from("#"),
            |mut text, digit| {
                text.push(digit);
                text.push(digit);
                text
            },
        )),
        _ => None,
    }
}

/// Black or white, whichever reads better on `#rrggbb` (WCAG relative
/// luminance: the contrast with each, the larger wins).
///
/// ```
/// use kassa_dashboard::pages::settings::ink_for;
/// assert_eq!(ink_for("#ffcc00"), "#000000");
/// assert_eq!(ink_for("#1a1f71"), "#ffffff");
/// ```
pub fn ink_for(colour: &str) -> &'static str {
    let channel = |index: usize| {
        let value = colour
            .get(1 + index * 2..3 + index * 2)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .unwrap_or(0);
        let value = f64::from(value) / 255.0;
        if value <= 0.04045 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    let with_black = (luminance + 0.05) / 0.05;
    let with_white = 1.05 / (luminance + 0.05);
    if with_black >= with_white {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// Currency codes as typed (`eur, usd`) in upper case, in order.
///
/// ```
/// use kassa_dashboard::pages::settings::currency_codes;
/// assert_eq!(currency_codes("eur, USD  ils"), ["EUR", "USD", "ILS"]);
/// ```
pub fn currency_codes(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// The settings screen.
#[component]
pub fn Settings() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let loaded = RwSignal::new(None::<MerchantSettings>);
    let error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::settings().await {
            Ok(settings) => loaded.set(Some(settings)),
            Err(failure) => error.set(Some(ctx.fail(&failure))),
        }
    });
    view! {
        <h1>{t.settings_title}</h1>
        <Alert message=error />
        {move || match loaded.get() {
            None => view! { <Loading /> }.into_any(),
            Some(settings) => view! { <SettingsForm settings=settings /> }.into_any(),
        }}
    }
}

#[component]
fn SettingsForm(settings: MerchantSettings) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let before = StoredValue::new(settings.clone());
    let appearance = settings.appearance.clone().unwrap_or_default();
    let name = RwSignal::new(settings.name.clone().unwrap_or_default());
    let accent = RwSignal::new(appearance.accent_color.clone().unwrap_or_default());
    let logo = RwSignal::new(appearance.logo.clone().unwrap_or_default());
    let currencies = RwSignal::new(settings.currencies.clone().unwrap_or_default().join(", "));
    let attempts = RwSignal::new(
        settings
            .payment_attempts
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let lifetime = RwSignal::new(
        settings
            .invoice_lifetime_minutes
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let preview = NodeRef::<leptos::html::Div>::new();

    Effect::new(move |_| {
        let colour = hex_colour(&accent.get());
        if let (Some(element), Some(colour)) = (preview.get(), colour) {
            browser::set_css_variable(&element, "--preview-accent", &colour);
            browser::set_css_variable(&element, "--preview-ink", ink_for(&colour));
        }
    });

    let pick_logo = move |event: leptos::ev::Event| {
        error.set(None);
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let kind = file.type_();
        if !matches!(kind.as_str(), "image/png" | "image/svg+xml") || file.size() > LOGO_MAX_BYTES {
            input.set_value("");
            error.set(Some(t.logo_invalid.to_owned()));
            return;
        }
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let done = {
            let reader = reader.clone();
            Closure::once_into_js(move || {
                if let Some(url) = reader.result().ok().and_then(|result| result.as_string()) {
                    logo.set(url);
                }
            })
        };
        reader.set_onload(Some(done.unchecked_ref()));
        let _ = reader.read_as_data_url(&file);
    };

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        error.set(None);
        saved.set(None);
        let base = before.get_value();
        let old = base.appearance.clone().unwrap_or_default();
        let typed_accent = accent.get_untracked();
        let new_accent = if typed_accent.trim().is_empty() {
            String::new()
        } else {
            match hex_colour(&typed_accent) {
                Some(colour) => colour,
                None => {
                    error.set(Some(t.invalid_color.to_owned()));
                    browser::focus("settings-accent");
                    return;
                }
            }
        };
        let new_logo = logo.get_untracked();
        let changed = |old: &Option<String>, new: &str| old.as_deref().unwrap_or_default() != new;
        let accent_changed = changed(&old.accent_color, &new_accent);
        let logo_changed = changed(&old.logo, &new_logo);
        let new_name = name.get_untracked().trim().to_owned();
        let new_currencies = currency_codes(&currencies.get_untracked());
        let changes = MerchantSettings {
            name: changed(&base.name, &new_name).then_some(new_name),
            appearance: (accent_changed || logo_changed).then(|| Appearance {
                accent_color: accent_changed.then_some(new_accent),
                logo: logo_changed.then_some(new_logo),
            }),
            currencies: (base.currencies.as_deref().unwrap_or_default()
                != new_currencies.as_slice())
            .then_some(new_currencies),
            // A number the server checks (and refuses out of range).
            payment_attempts: attempts
                .get_untracked()
                .trim()
                .parse()
                .ok()
                .filter(|new| Some(*new) != base.payment_attempts),
            invoice_lifetime_minutes: lifetime
                .get_untracked()
                .trim()
                .parse()
                .ok()
                .filter(|new| Some(*new) != base.invoice_lifetime_minutes),
            ..MerchantSettings::default()
        };
        spawn_local(async move {
            match api::save_settings(&changes).await {
                Ok(settings) => {
                    // A new name shows in the header too.
                    if let Some(name) = settings.name.clone() {
                        ctx.session.update(|session| {
                            if let Some(session) = session {
                                session.merchant.name = name;
                            }
                        });
                    }
                    // The form stays as typed (re-rendering it would lose the
                    // note); what was saved is the new base for the next save.
                    before.set_value(settings);
                    saved.set(Some(t.saved.to_owned()));
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };

    view! {
        <div class="settings-grid">
            <form class="card" on:submit=save novalidate=true>
                <Alert message=error />
                <div class="field">
                    <label for="settings-name">{t.name}</label>
                    <input
                        id="settings-name"
                        autocomplete="organization"
                        prop:value=move || name.get()
                        on:input=move |event| name.set(event_target_value(&event))
                    />
                </div>
                <div class="field colour">
                    <label for="settings-accent-picker">{t.accent}</label>
                    <input
                        id="settings-accent-picker"
                        type="color"
                        prop:value=move || hex_colour(&accent.get()).unwrap_or_else(|| "#0b57d0".to_owned())
                        on:input=move |event| accent.set(event_target_value(&event))
                    />
                    <label for="settings-accent">{t.accent_hex}</label>
                    <input
                        id="settings-accent"
                        dir="ltr"
                        autocomplete="off"
                        spellcheck="false"
                        maxlength="7"
                        prop:value=move || accent.get()
                        on:input=move |event| accent.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="settings-logo">{t.logo}</label>
                    <input id="settings-logo" type="file" accept="image/png,image/svg+xml" on:change=pick_logo />
                    <Show when=move || !logo.with(String::is_empty)>
                        <button id="settings-remove-logo" type="button" class="quiet" on:click=move |_| logo.set(String::new())>
                            {t.remove_logo}
                        </button>
                    </Show>
                </div>
                <div class="field">
                    <label for="settings-currencies">{t.currencies}</label>
                    <input
                        id="settings-currencies"
                        dir="ltr"
                        autocomplete="off"
                        prop:value=move || currencies.get()
                        on:input=move |event| currencies.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="settings-attempts">{t.payment_attempts}</label>
                    <input
                        id="settings-attempts"
                        type="number"
                        min="1"
                        max="10"
                        inputmode="numeric"
                        prop:value=move || attempts.get()
                        on:input=move |event| attempts.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="settings-lifetime">{t.invoice_lifetime}</label>
                    <input
                        id="settings-lifetime"
                        type="number"
                        min="1"
                        max="43200"
                        inputmode="numeric"
                        prop:value=move || lifetime.get()
                        on:input=move |event| lifetime.set(event_target_value(&event))
                    />
                </div>
                <button id="settings-save" type="submit" class="primary">{t.save}</button>
                <Note message=saved id="settings-saved" />
            </form>
            <section class="card" aria-labelledby="preview-title">
                <h2 id="preview-title">{t.preview}</h2>
                <div class="preview" node_ref=preview>
                    <div class="preview-header">
                        {move || {
                            let url = logo.get();
                            (!url.is_empty()).then(|| view! { <img class="preview-logo" src=url alt="" /> })
                        }}
                        <span>{move || name.get()}</span>
                    </div>
                    <div class="preview-button" aria-hidden="true">
                        {move || {
                            let currency = currency_codes(&currencies.get()).into_iter().next().unwrap_or_else(|| "EUR".to_owned());
                            crate::i18n::fill(t.preview_pay, &[("amount", &ctx.money("15.00", &currency))])
                        }}
                    </div>
                </div>
            </section>
        </div>
    }
}
