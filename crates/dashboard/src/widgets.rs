//! Small pieces every screen uses: alerts, status badges, the language menu.

use kassa_api::InvoiceStatus;
use leptos::prelude::*;

use crate::Ctx;
use crate::i18n::{LANGS, Lang, native_name};

/// The error of the last call, in a `role="alert"` paragraph when there is one.
#[component]
pub fn Alert(
    /// The message, `None` for none.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|text| {
            view! { <p class="alert" role="alert">{text}</p> }
        })
    }
}

/// A `role="status"` note (an action's result), with an `id` for tests.
#[component]
pub fn Note(
    /// The note, `None` for none.
    message: RwSignal<Option<String>>,
    /// The element's id.
    #[prop(optional)]
    id: &'static str,
) -> impl IntoView {
    view! {
        <p class="note" role="status" id=(!id.is_empty()).then_some(id)>
            {move || message.get()}
        </p>
    }
}

/// An invoice's status as a coloured badge.
#[component]
pub fn StatusBadge(
    /// The status.
    status: InvoiceStatus,
) -> impl IntoView {
    let t = Ctx::get().t();
    view! {
        <span class=["badge status-", status.as_str()].concat() data-status=status.as_str()>
            {crate::status_label(t, status)}
        </span>
    }
}

/// The language menu: changes the whole app's language.
#[component]
pub fn LanguageMenu() -> impl IntoView {
    let ctx = Ctx::get();
    let current = ctx.lang();
    view! {
        <div class="language">
            <label for="language">{ctx.t().language}</label>
            <select
                id="language"
                on:change=move |event| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&event)) {
                        ctx.lang.set(lang);
                    }
                }
            >
                {LANGS
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.tag() lang=lang.tag() selected=lang == current>
                                {native_name(lang)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Sends a callback again ("Send again" on a payment's timeline and on
/// Developers): says so in `note` or the failure in `error`, then runs
/// `after` (to show the list anew).
pub fn send_again(
    event_id: String,
    note: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    after: impl FnOnce() + 'static,
) {
    let ctx = Ctx::get();
    note.set(None);
    error.set(None);
    leptos::task::spawn_local(async move {
        match crate::api::redeliver(&event_id).await {
            Ok(_) => {
                note.set(Some(ctx.t().sent_again.to_owned()));
                after();
            }
            Err(failure) => error.set(Some(ctx.fail(&failure))),
        }
    });
}

/// A "Loading…" line.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">{Ctx::get().t().loading}</p> }
}
