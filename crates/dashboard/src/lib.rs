//! Kassa's merchant dashboard: Leptos in the browser, served by
//! kassa-server at `/dashboard`.
//!
//! Sign-in, an overview of the money, the payments with their timelines
//! and actions (refund, cancel, capture, void), API keys and callbacks,
//! the checkout's settings and the audit log. Screens follow the address's
//! hash (`#/payments/inv_…`, see [`route`]); every message is a
//! `kassa-api` type; the words are in [`i18n`], five languages.
//!
//! ```
//! use kassa_dashboard::route::Route;
//! assert_eq!(Route::parse("#/settings"), Route::Settings);
//! ```

pub mod api;
pub mod browser;
pub mod i18n;
pub mod money;
pub mod pager;
pub mod pages;
pub mod route;
pub mod widgets;

use kassa_api::{InvoiceStatus, SessionView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Failure;
use crate::i18n::{Lang, Texts, texts};
use crate::route::Route;

/// Every invoice status, in the order of [`Texts::statuses`].
pub const STATUSES: [InvoiceStatus; 12] = [
    InvoiceStatus::Open,
    InvoiceStatus::Pending,
    InvoiceStatus::Paid,
    InvoiceStatus::Failed,
    InvoiceStatus::Canceled,
    InvoiceStatus::Expired,
    InvoiceStatus::Refunded,
    InvoiceStatus::PartiallyRefunded,
    InvoiceStatus::Authorized,
    InvoiceStatus::Captured,
    InvoiceStatus::PartiallyCaptured,
    InvoiceStatus::Voided,
];

/// A status's name in `texts`' language.
pub fn status_label(texts: &Texts, status: InvoiceStatus) -> &'static str {
    STATUSES
        .iter()
        .position(|known| *known == status)
        .and_then(|index| texts.statuses.get(index))
        .copied()
        .unwrap_or_else(|| status.as_str())
}

/// What every screen shares: who is signed in, the language, the route.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    /// The session; `None` shows sign-in.
    pub session: RwSignal<Option<SessionView>>,
    /// The language chosen.
    pub lang: RwSignal<Lang>,
    /// The screen the address names.
    pub route: RwSignal<Route>,
}

impl Ctx {
    /// The context the app provided.
    pub fn get() -> Ctx {
        expect_context::<Ctx>()
    }

    /// The language (untracked: the app re-renders on a change).
    pub fn lang(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// The words of the language.
    pub fn t(&self) -> &'static Texts {
        texts(self.lang())
    }

    /// An amount in the language's way with the currency.
    pub fn money(&self, amount: &str, currency: &str) -> String {
        browser::money(amount, currency, self.lang())
    }

    /// A time in the language's way.
    pub fn time(&self, rfc3339: &str) -> String {
        browser::date_time(rfc3339, self.lang())
    }

    /// What to show for a failure; a lost session (401) goes back to sign-in.
    pub fn fail(&self, failure: &Failure) -> String {
        if failure.signed_out() {
            api::forget_session();
            self.session.set(None);
        }
        failure.message(self.t().network_error)
    }

    /// Whether the signed-in user is the owner.
    pub fn is_owner(&self) -> bool {
        self.session
            .with_untracked(|session| session.as_ref().is_some_and(|s| s.user.is_owner()))
    }
}

/// Mounts the dashboard into `<body>`, replacing the static loading note.
pub fn start() {
    if let Some(note) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("boot"))
    {
        note.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// The dashboard: checks the session, then shows sign-in or the screens.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::choose(None, &browser::languages()));
    let session = RwSignal::new(None::<SessionView>);
    let route = RwSignal::new(Route::parse(&browser::hash()));
    let checked = RwSignal::new(false);
    let ctx = Ctx {
        session,
        lang,
        route,
    };
    provide_context(ctx);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&browser::hash()));
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_language(lang, texts(lang).app_name);
    });
    spawn_local(async move {
        if let Ok(found) = api::session().await {
            session.set(Some(found));
        }
        checked.set(true);
    });
    let signed_in = Memo::new(move |_| session.with(Option::is_some));
    move || {
        let t = texts(lang.get());
        if !checked.get() {
            view! {
                <main id="main" class="boot" aria-busy="true">
                    <p>{t.loading}</p>
                </main>
            }
            .into_any()
        } else if signed_in.get() {
            view! { <pages::shell::Shell /> }.into_any()
        } else {
            view! { <pages::sign_in::SignIn /> }.into_any()
        }
    }
}
