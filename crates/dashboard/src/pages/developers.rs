//! Developers (owners): API keys (create, roll, revoke; a new secret shown
//! once), the callback URL and embed origins, a test callback, the
//! callbacks not delivered ([`super::undelivered`]), and rolling the
//! callback signing secret.

use kassa_api::{ApiKeyList, MerchantSettings, NewApiKey, NewCallbackSecret};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::fill;
use crate::widgets::{Alert, Loading, Note};
use crate::{Ctx, api, browser};

/// A key action waiting for its confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
enum KeyAction {
    Roll(String),
    Revoke(String),
}

/// The developers screen.
#[component]
pub fn Developers() -> impl IntoView {
    let t = Ctx::get().t();
    view! {
        <h1>{t.developers_title}</h1>
        <Keys />
        <Callbacks />
        <super::undelivered::Undelivered />
        <CallbackSecret />
    }
}

#[component]
fn Keys() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let keys = RwSignal::new(None::<ApiKeyList>);
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<NewApiKey>);
    let pending = RwSignal::new(None::<KeyAction>);
    let grace = RwSignal::new("0".to_owned());
    let copied = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reload = move || {
        spawn_local(async move {
            match api::api_keys().await {
                Ok(list) => keys.set(Some(list)),
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    reload();
    let made = move |result: Result<NewApiKey, api::Failure>| {
        busy.set(false);
        pending.set(None);
        match result {
            Ok(new) => {
                copied.set(None);
                secret.set(Some(new));
                reload();
                request_animation_frame(|| browser::focus("new-key-secret"));
            }
            Err(failure) => error.set(Some(ctx.fail(&failure))),
        }
    };
    let create = move |_| {
        error.set(None);
        busy.set(true);
        spawn_local(async move { made(api::create_api_key().await) });
    };
    let confirm = move |_| {
        let Some(action) = pending.get_untracked() else {
            return;
        };
        error.set(None);
        busy.set(true);
        let hours = grace
            .get_untracked()
            .trim()
            .parse::<u32>()
            .unwrap_or(0)
            .min(168);
        spawn_local(async move {
            match action {
                KeyAction::Roll(id) => made(api::roll_api_key(&id, hours).await),
                KeyAction::Revoke(id) => {
                    let result = api::revoke_api_key(&id).await;
                    busy.set(false);
                    pending.set(None);
                    match result {
                        Ok(()) => reload(),
                        Err(failure) => error.set(Some(ctx.fail(&failure))),
                    }
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="keys-title">
            <h2 id="keys-title">{t.api_keys}</h2>
            <Alert message=error />
            {move || secret.get().map(|new| {
                let text = new.secret.clone();
                view! {
                    <div class="secret-box" role="group" aria-labelledby="secret-title">
                        <h3 id="secret-title">{t.new_secret_title}</h3>
                        <p class="warning">{t.new_secret_warning}</p>
                        <div class="secret-row">
                            <code id="new-key-secret" tabindex="0" dir="ltr">{new.secret.clone()}</code>
                            <button
                                id="copy-secret"
                                type="button"
                                on:click=move |_| {
                                    browser::copy(&text);
                                    copied.set(Some(t.copied.to_owned()));
                                }
                            >
                                {t.copy}
                            </button>
                        </div>
                        <Note message=copied />
                    </div>
                }
            })}
            {move || match keys.get() {
                None => view! { <Loading /> }.into_any(),
                Some(list) => view! {
                    <div class="table-wrap" role="region" tabindex="0" aria-label=t.api_keys>
                        <table class="keys">
                            <thead>
                                <tr>
                                    <th scope="col">{t.key}</th>
                                    <th scope="col">{t.created}</th>
                                    <th scope="col">{t.last_used}</th>
                                    <th scope="col">{t.expires}</th>
                                    <th scope="col"><span class="visually-hidden">{t.actions}</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.data.into_iter().map(|key| {
                                    let roll_id = key.id.clone();
                                    let revoke_id = key.id.clone();
                                    view! {
                                        <tr data-key-id=key.id.clone()>
                                            <td dir="ltr"><code>{key.prefix.clone()}"…"</code></td>
                                            <td>{ctx.time(&key.created_at)}</td>
                                            <td>{key.last_used_at.as_deref().map_or_else(|| t.never.to_owned(), |at| ctx.time(at))}</td>
                                            <td>{key.expires_at.as_deref().map_or_else(|| t.never.to_owned(), |at| ctx.time(at))}</td>
                                            <td class="row-actions">
                                                <button type="button" class="roll" on:click=move |_| pending.set(Some(KeyAction::Roll(roll_id.clone())))>
                                                    {t.roll}
                                                </button>
                                                <button type="button" class="revoke quiet" on:click=move |_| pending.set(Some(KeyAction::Revoke(revoke_id.clone())))>
                                                    {t.revoke}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any(),
            }}
            {move || pending.get().map(|action| {
                let rolling = matches!(action, KeyAction::Roll(_));
                view! {
                    <div class="confirm" role="group" aria-label=t.actions>
                        {rolling.then(|| view! {
                            <div class="field">
                                <label for="roll-grace">{t.grace_hours}</label>
                                <input
                                    id="roll-grace"
                                    type="number"
                                    min="0"
                                    max="168"
                                    inputmode="numeric"
                                    prop:value=move || grace.get()
                                    on:input=move |event| grace.set(event_target_value(&event))
                                />
                            </div>
                        })}
                        <button
                            id=if rolling { "roll-confirm" } else { "revoke-confirm" }
                            type="button"
                            class="danger"
                            disabled=move || busy.get()
                            on:click=confirm
                        >
                            {if rolling { t.confirm_roll } else { t.confirm_revoke }}
                        </button>
                        <button type="button" class="quiet" on:click=move |_| pending.set(None)>{t.not_now}</button>
                    </div>
                }
            })}
            <button id="create-key" type="button" class="primary" disabled=move || busy.get() on:click=create>
                {t.create_key}
            </button>
        </section>
    }
}

/// Origins typed one per line (or separated by commas or spaces).
///
/// ```
/// use kassa_dashboard::pages::developers::origins;
/// assert_eq!(origins("https://a.example\n https://b.example, "), ["https://a.example", "https://b.example"]);
/// ```
pub fn origins(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
fn Callbacks() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let loaded = RwSignal::new(None::<MerchantSettings>);
    let url = RwSignal::new(String::new());
    let embeds = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let test_note = RwSignal::new(None::<String>);
    let apply = move |settings: MerchantSettings| {
        url.set(settings.callback_url.clone().unwrap_or_default());
        embeds.set(
            settings
                .embed_origins
                .clone()
                .unwrap_or_default()
                .join("\n"),
        );
        loaded.set(Some(settings));
    };
    spawn_local(async move {
        match api::settings().await {
            Ok(settings) => apply(settings),
            Err(failure) => error.set(Some(ctx.fail(&failure))),
        }
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(before) = loaded.get_untracked() else {
            return;
        };
        let callback_url = url.get_untracked().trim().to_owned();
        let embed_origins = origins(&embeds.get_untracked());
        let changes = MerchantSettings {
            callback_url: (before.callback_url.as_deref().unwrap_or_default() != callback_url)
                .then_some(callback_url),
            embed_origins: (before.embed_origins.as_deref().unwrap_or_default()
                != embed_origins.as_slice())
            .then_some(embed_origins),
            ..MerchantSettings::default()
        };
        error.set(None);
        saved.set(None);
        spawn_local(async move {
            match api::save_settings(&changes).await {
                Ok(settings) => {
                    apply(settings);
                    saved.set(Some(t.saved.to_owned()));
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    let test = move |_| {
        error.set(None);
        test_note.set(None);
        spawn_local(async move {
            match api::test_callback().await {
                Ok(event) => test_note.set(Some(fill(t.test_callback_sent, &[("id", &event.id)]))),
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="callbacks-title">
            <h2 id="callbacks-title">{t.callbacks}</h2>
            <Alert message=error />
            <form on:submit=save>
                <div class="field">
                    <label for="settings-callback-url">{t.callback_url}</label>
                    <input
                        id="settings-callback-url"
                        type="url"
                        inputmode="url"
                        autocomplete="url"
                        dir="ltr"
                        prop:value=move || url.get()
                        on:input=move |event| url.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="settings-embed-origins">{t.embed_origins}</label>
                    <textarea
                        id="settings-embed-origins"
                        rows="3"
                        dir="ltr"
                        prop:value=move || embeds.get()
                        on:input=move |event| embeds.set(event_target_value(&event))
                    ></textarea>
                </div>
                <button id="callbacks-save" type="submit" class="primary">{t.save}</button>
                <Note message=saved id="callbacks-saved" />
            </form>
            <button id="test-callback" type="button" on:click=test>{t.test_callback}</button>
            <Note message=test_note id="test-callback-result" />
        </section>
    }
}

/// The grace periods offered when rolling the callback secret, in hours,
/// in the order of [`crate::i18n::Texts::grace_options`].
pub const CALLBACK_GRACE_HOURS: [u32; 3] = [0, 24, 72];

#[component]
fn CallbackSecret() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let grace = RwSignal::new(CALLBACK_GRACE_HOURS[0]);
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<NewCallbackSecret>);
    let copied = RwSignal::new(None::<String>);
    let ask = move |_| {
        error.set(None);
        confirming.set(true);
        request_animation_frame(|| browser::focus("callback-roll-confirm"));
    };
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        let hours = grace.get_untracked();
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::roll_callback_secret(hours).await;
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(new) => {
                    copied.set(None);
                    secret.set(Some(new));
                    request_animation_frame(|| browser::focus("new-callback-secret"));
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="callback-secret-title">
            <h2 id="callback-secret-title">{t.callback_secret_title}</h2>
            <p>{t.callback_secret_help}</p>
            <Alert message=error />
            {move || secret.get().map(|new| {
                let text = new.secret.clone();
                view! {
                    <div class="secret-box" role="group" aria-labelledby="callback-secret-new-title">
                        <h3 id="callback-secret-new-title">{t.new_callback_secret_title}</h3>
                        <p class="warning">{t.new_secret_warning}</p>
                        <div class="secret-row">
                            <code id="new-callback-secret" tabindex="0" dir="ltr">{new.secret.clone()}</code>
                            <button
                                id="copy-callback-secret"
                                type="button"
                                on:click=move |_| {
                                    browser::copy(&text);
                                    copied.set(Some(t.copied.to_owned()));
                                }
                            >
                                {t.copy}
                            </button>
                        </div>
                        <Note message=copied />
                        {new.previous_expires_at.as_deref().map(|at| view! {
                            <p id="callback-previous-until">
                                {fill(t.previous_secret_until, &[("time", &ctx.time(at))])}
                            </p>
                        })}
                    </div>
                }
            })}
            <div class="field">
                <label for="callback-grace">{t.callback_grace}</label>
                <select
                    id="callback-grace"
                    on:change=move |event| {
                        if let Ok(hours) = event_target_value(&event).parse::<u32>() {
                            grace.set(hours);
                        }
                    }
                >
                    {CALLBACK_GRACE_HOURS
                        .into_iter()
                        .zip(t.grace_options)
                        .map(|(hours, label)| view! {
                            <option value=hours.to_string() selected=move || grace.get() == hours>{label}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <button
                id="roll-callback-secret"
                type="button"
                aria-expanded=move || confirming.get().to_string()
                on:click=ask
            >
                {t.roll_callback_secret}
            </button>
            {move || confirming.get().then(|| view! {
                <div class="confirm" role="group" aria-label=t.callback_secret_title>
                    <button
                        id="callback-roll-confirm"
                        type="button"
                        class="danger"
                        disabled=move || busy.get()
                        on:click=confirm
                    >
                        {t.confirm_callback_roll}
                    </button>
                    <button type="button" class="quiet" on:click=move |_| confirming.set(false)>{t.not_now}</button>
                </div>
            })}
        </section>
    }
}
