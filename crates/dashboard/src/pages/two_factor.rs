//! Account → two-step sign-in: set up an authenticator app (password, QR
//! code, first code) or turn it off (password).

use std::future::Future;
use std::pin::Pin;

use kassa_api::{ConfirmPasswordRequest, QrPath, TotpConfirmRequest, TotpSetup};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Failure;
use crate::widgets::{Alert, Note};
use crate::{Ctx, api};

/// Modules of white around a QR code, as the standard asks, so a camera
/// finds its edges on a dark page too.
const QUIET_ZONE: u32 = 4;

/// The `viewBox` of a QR code `size` modules wide with its quiet zone.
///
/// ```
/// assert_eq!(kassa_dashboard::pages::two_factor::view_box(29), "-4 -4 37 37");
/// ```
pub fn view_box(size: u32) -> String {
    let side = size + 2 * QUIET_ZONE;
    format!("-{QUIET_ZONE} -{QUIET_ZONE} {side} {side}")
}

/// A base32 key in groups of four, as people copy it by hand.
///
/// ```
/// assert_eq!(kassa_dashboard::pages::two_factor::grouped("MZXW6YTBOI"), "MZXW 6YTB OI");
/// ```
pub fn grouped(key: &str) -> String {
    key.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The QR code, drawn as SVG (no picture file, no third-party script).
#[component]
fn QrCode(qr: QrPath) -> impl IntoView {
    let t = Ctx::get().t();
    let side = qr.size + 2 * QUIET_ZONE;
    view! {
        <svg
            id="totp-qr"
            class="qr"
            role="img"
            aria-label=t.totp_qr_label
            viewBox=view_box(qr.size)
            width=(side * 5).to_string()
            height=(side * 5).to_string()
            shape-rendering="crispEdges"
        >
            <rect class="qr-light" x=format!("-{QUIET_ZONE}") y=format!("-{QUIET_ZONE}") width=side.to_string() height=side.to_string() />
            <path class="qr-dark" d=qr.path />
        </svg>
    }
}

/// The two-step sign-in section of the account screen.
#[component]
pub fn TwoFactor() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let on = move || {
        ctx.session
            .with(|session| session.as_ref().is_some_and(|session| session.user.totp))
    };
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let setup = RwSignal::new(None::<TotpSetup>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // A wrong password or code keeps the session: say it here rather than
    // signing out as other 401s do.
    let show = move |failure: Failure| match failure.code() {
        Some(
            "auth.invalid_credentials"
            | "totp.invalid_code"
            | "totp.already_on"
            | "totp.not_started",
        ) => {
            error.set(Some(failure.message(t.network_error)));
        }
        _ => error.set(Some(ctx.fail(&failure))),
    };
    // The session says whether the second factor is on; read it again.
    let refresh = move || async move {
        if let Ok(session) = api::session().await {
            ctx.session.set(Some(session));
        }
    };
    // One call at a time: clears the last word, shows a failure, frees the
    // buttons.
    let run = move |work: Pin<Box<dyn Future<Output = Result<(), Failure>>>>| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        done.set(None);
        spawn_local(async move {
            if let Err(failure) = work.await {
                show(failure);
            }
            busy.set(false);
        });
    };
    let with_password = move || ConfirmPasswordRequest {
        current_password: password.get_untracked(),
    };

    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = with_password();
        run(Box::pin(async move {
            let answer = api::totp_setup(&request).await?;
            password.set(String::new());
            setup.set(Some(answer));
            Ok(())
        }));
    };
    let confirm = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = TotpConfirmRequest {
            code: code.get_untracked(),
        };
        run(Box::pin(async move {
            api::totp_confirm(&request).await?;
            code.set(String::new());
            setup.set(None);
            refresh().await;
            done.set(Some(t.totp_turned_on.to_owned()));
            Ok(())
        }));
    };
    let turn_off = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = with_password();
        run(Box::pin(async move {
            api::totp_off(&request).await?;
            password.set(String::new());
            refresh().await;
            done.set(Some(t.totp_turned_off.to_owned()));
            Ok(())
        }));
    };

    let password_field = move || {
        view! {
            <div class="field">
                <label for="totp-password">{t.current_password}</label>
                <input
                    id="totp-password"
                    type="password"
                    autocomplete="current-password"
                    required=true
                    prop:value=move || password.get()
                    on:input=move |event| password.set(event_target_value(&event))
                />
            </div>
        }
    };

    view! {
        <section class="card" aria-labelledby="totp-title">
            <h2 id="totp-title">{t.totp_title}</h2>
            <p id="totp-state">{move || if on() { t.totp_is_on } else { t.totp_is_off }}</p>
            <Alert message=error />
            {move || match (on(), setup.get()) {
                (true, _) => view! {
                    <form on:submit=turn_off novalidate=true>
                        {password_field()}
                        <button id="totp-off" type="submit" disabled=move || busy.get()>{t.totp_turn_off}</button>
                    </form>
                }
                .into_any(),
                (false, None) => view! {
                    <form on:submit=start novalidate=true>
                        {password_field()}
                        <button id="totp-start" type="submit" disabled=move || busy.get()>{t.totp_start}</button>
                    </form>
                }
                .into_any(),
                (false, Some(answer)) => view! {
                    <p id="totp-scan">{t.totp_scan}</p>
                    <QrCode qr=answer.qr.clone() />
                    <p>
                        {t.totp_key}": "
                        <code id="totp-secret" dir="ltr" data-secret=answer.secret.clone()>{grouped(&answer.secret)}</code>
                    </p>
                    <form on:submit=confirm novalidate=true>
                        <div class="field">
                            <label for="totp-code">{t.code}</label>
                            <input
                                id="totp-code"
                                type="text"
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                maxlength="6"
                                required=true
                                prop:value=move || code.get()
                                on:input=move |event| code.set(event_target_value(&event))
                            />
                        </div>
                        <button id="totp-confirm" type="submit" class="primary" disabled=move || busy.get()>{t.totp_confirm}</button>
                    </form>
                }
                .into_any(),
            }}
            <Note message=done id="totp-done" />
        </section>
    }
}
