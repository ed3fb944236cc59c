//! The signed-in frame: header (merchant, user, language, sign out, the
//! test-mode banner), navigation, and the screen the route names.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::pages::{account, audit, developers, overview, payment, payments, settings, team};
use crate::route::Route;
use crate::widgets::LanguageMenu;
use crate::{Ctx, api};

/// The frame around every signed-in screen.
#[component]
pub fn Shell() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let Some(session) = ctx.session.get_untracked() else {
        return ().into_any();
    };
    let owner = session.user.is_owner();
    let role = if owner { t.role_owner } else { t.role_staff };
    let test_mode = session.merchant.test_mode;
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            ctx.session.set(None);
        });
    };
    let skip = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        crate::browser::focus("main");
    };
    let mut links = vec![
        (Route::Overview, t.nav_overview),
        (Route::Payments, t.nav_payments),
    ];
    if owner {
        links.extend([
            (Route::Developers, t.nav_developers),
            (Route::Settings, t.nav_settings),
            (Route::Team, t.nav_team),
            (Route::Audit, t.nav_audit),
        ]);
    }
    links.push((Route::Account, t.nav_account));
    let nav = links
        .into_iter()
        .map(|(route, label)| {
            let href = route.href();
            let current = {
                let route = route.clone();
                move || (ctx.route.get().section() == route).then_some("page")
            };
            view! {
                <li>
                    <a href=href aria-current=current>{label}</a>
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="app" class:test-mode=test_mode>
            <a class="skip" href="#main" on:click=skip>{t.skip}</a>
            <header class="top">
                {test_mode.then(|| view! {
                    <p id="test-mode-banner" class="test-banner" role="note">{t.test_mode}</p>
                })}
                <div class="top-row">
                    <span class="merchant">
                        {move || {
                            ctx.session
                                .with(|session| session.as_ref().map(|session| session.merchant.name.clone()))
                        }}
                    </span>
                    <span id="signed-in-as" class="who">
                        <bdi>{session.user.email.clone()}</bdi>
                        " · "
                        {role}
                    </span>
                    <LanguageMenu />
                    <button id="sign-out" type="button" on:click=sign_out>{t.sign_out}</button>
                </div>
            </header>
            <div class="layout">
                <nav aria-label=t.nav_label class="side">
                    <ul>{nav}</ul>
                </nav>
                <main id="main" tabindex="-1">
                    {move || {
                        let route = ctx.route.get();
                        if route.owners_only() && !owner {
                            return view! {
                                <h1>{t.app_name}</h1>
                                <p class="alert" role="alert">{t.forbidden}</p>
                            }
                            .into_any();
                        }
                        match route {
                            Route::Overview => view! { <overview::Overview /> }.into_any(),
                            Route::Payments => view! { <payments::Payments /> }.into_any(),
                            Route::Payment(id) => view! { <payment::Payment id=id /> }.into_any(),
                            Route::Developers => view! { <developers::Developers /> }.into_any(),
                            Route::Settings => view! { <settings::Settings /> }.into_any(),
                            Route::Audit => view! { <audit::Audit /> }.into_any(),
                            Route::Team => view! { <team::Team /> }.into_any(),
                            Route::Account => view! { <account::Account /> }.into_any(),
                        }
                    }}
                </main>
            </div>
        </div>
    }
    .into_any()
}
