//! Sign-in: email and password, then the authenticator's code when asked.

use kassa_api::SignInRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::widgets::{Alert, LanguageMenu};
use crate::{Ctx, api, browser};

/// The sign-in screen.
#[component]
pub fn SignIn() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = SignInRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            code: needs_code
                .get_untracked()
                .then(|| code.get_untracked().trim().to_owned()),
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::sign_in(&request).await {
                Ok(session) => ctx.session.set(Some(session)),
                Err(failure) => {
                    busy.set(false);
                    let asks_code = matches!(
                        failure.code(),
                        Some("auth.totp_required" | "auth.invalid_code")
                    );
                    if asks_code && !needs_code.get_untracked() {
                        needs_code.set(true);
                        request_animation_frame(|| browser::focus("sign-in-code"));
                    }
                    if failure.code() != Some("auth.totp_required") {
                        error.set(Some(failure.message(t.network_error)));
                    }
                }
            }
        });
    };

    view! {
        <header class="sign-in-header">
            <span class="brand">"Kassa"</span>
            <LanguageMenu />
        </header>
        <main id="main" class="sign-in">
            <form class="card sign-in-form" on:submit=submit novalidate=true>
                <h1>{t.sign_in_title}</h1>
                <Alert message=error />
                <div class="field">
                    <label for="sign-in-email">{t.email}</label>
                    <input
                        id="sign-in-email"
                        type="email"
                        name="email"
                        autocomplete="username"
                        inputmode="email"
                        required=true
                        prop:value=move || email.get()
                        on:input=move |event| email.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="sign-in-password">{t.password}</label>
                    <input
                        id="sign-in-password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required=true
                        prop:value=move || password.get()
                        on:input=move |event| password.set(event_target_value(&event))
                    />
                </div>
                <Show when=move || needs_code.get()>
                    <div class="field">
                        <label for="sign-in-code">{t.code}</label>
                        <input
                            id="sign-in-code"
                            name="code"
                            autocomplete="one-time-code"
                            inputmode="numeric"
                            maxlength="8"
                            dir="ltr"
                            prop:value=move || code.get()
                            on:input=move |event| code.set(event_target_value(&event))
                        />
                    </div>
                </Show>
                <button id="sign-in-submit" type="submit" class="primary" aria-busy=move || busy.get().to_string()>
                    {t.sign_in}
                </button>
            </form>
        </main>
    }
}
