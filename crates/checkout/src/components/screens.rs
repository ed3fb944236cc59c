//! The screens other than the form: loading, expired, paid, canceled, not
//! found, failed, pending, network error, and "taking you back".

use leptos::prelude::*;

use crate::i18n::{self, fill};

/// Which screen the page shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Fetching the invoice.
    Loading,
    /// The payment form.
    Form(Box<kassa_api::CheckoutView>),
    /// Not paid in time.
    Expired,
    /// Already paid (or refunded).
    Paid,
    /// Canceled.
    Canceled,
    /// No such invoice.
    NotFound,
    /// Failed for good.
    Failed,
    /// Awaiting the processor.
    Pending,
    /// The server could not be reached.
    NetworkError,
    /// A payment finished; the browser is on its way to the merchant.
    Redirecting {
        /// The outcome.
        status: kassa_api::PayStatus,
        /// Who the shopper goes back to.
        merchant: String,
    },
}

impl Screen {
    /// The `data-testid` of the screen (`screen-expired`).
    pub fn test_id(&self) -> &'static str {
        match self {
            Screen::Loading => "screen-loading",
            Screen::Form(_) => "screen-form",
            Screen::Expired => "screen-expired",
            Screen::Paid => "screen-paid",
            Screen::Canceled => "screen-canceled",
            Screen::NotFound => "screen-not-found",
            Screen::Failed => "screen-failed",
            Screen::Pending => "screen-pending",
            Screen::NetworkError => "screen-network-error",
            Screen::Redirecting { .. } => "screen-redirecting",
        }
    }

    /// What a framed page reports to the widget when it shows this screen.
    ///
    /// ```
    /// use kassa_checkout::components::screens::Screen;
    /// assert_eq!(Screen::Expired.status_name(), "expired");
    /// assert_eq!(Screen::NotFound.status_name(), "not_found");
    /// ```
    pub fn status_name(&self) -> &'static str {
        match self {
            Screen::Loading => "loading",
            Screen::Form(_) => "open",
            Screen::Expired => "expired",
            Screen::Paid => "paid",
            Screen::Canceled => "canceled",
            Screen::NotFound => "not_found",
            Screen::Failed => "failed",
            Screen::Pending => "pending",
            Screen::NetworkError => "error",
            Screen::Redirecting { status, .. } => match status {
                kassa_api::PayStatus::Succeeded => "succeeded",
                kassa_api::PayStatus::Pending => "pending",
                kassa_api::PayStatus::Declined | kassa_api::PayStatus::Failed => "failed",
                kassa_api::PayStatus::Challenge => "pending",
            },
        }
    }

    /// The screen for an invoice in `status` (the form when it is open).
    pub fn for_view(view: kassa_api::CheckoutView) -> Screen {
        use kassa_api::InvoiceStatus as S;
        match view.status {
            S::Open if view.expires_in <= 0 => Screen::Expired,
            S::Open if view.attempts_left == 0 => Screen::Failed,
            S::Open => Screen::Form(Box::new(view)),
            S::Pending => Screen::Pending,
            // The shopper's card was accepted whether the merchant takes the
            // money now or later.
            S::Paid
            | S::Authorized
            | S::Captured
            | S::PartiallyCaptured
            | S::Refunded
            | S::PartiallyRefunded => Screen::Paid,
            S::Failed => Screen::Failed,
            // A released authorization: nothing was taken.
            S::Canceled | S::Voided => Screen::Canceled,
            S::Expired => Screen::Expired,
        }
    }
}

/// A screen with a title, a line of explanation and an optional action.
#[component]
pub fn MessageScreen(
    /// The screen shown.
    screen: Screen,
    /// "Try again", for the network error screen.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let texts = i18n::texts();
    let (title, body, icon) = match &screen {
        Screen::Loading | Screen::Form(_) => (texts.loading.to_owned(), String::new(), ""),
        Screen::Expired => pair(texts.expired, "⌛"),
        Screen::Paid => pair(texts.paid, "✓"),
        Screen::Canceled => pair(texts.canceled, "×"),
        Screen::NotFound => pair(texts.not_found, "?"),
        Screen::Failed => pair(texts.failed, "!"),
        Screen::Pending => pair(texts.pending, "…"),
        Screen::NetworkError => pair(texts.network_error, "!"),
        Screen::Redirecting { status, merchant } => {
            let (title, icon) = match status {
                kassa_api::PayStatus::Pending | kassa_api::PayStatus::Challenge => {
                    (texts.pending[0], "…")
                }
                kassa_api::PayStatus::Failed | kassa_api::PayStatus::Declined => {
                    (texts.failed[0], "!")
                }
                kassa_api::PayStatus::Succeeded => (texts.redirecting[0], "✓"),
            };
            // Framed, the merchant's own page goes on from here: no "taking you back".
            let body = if merchant.is_empty() {
                String::new()
            } else {
                fill(texts.redirecting[1], &[("merchant", merchant)])
            };
            (title.to_owned(), body, icon)
        }
    };
    let busy = matches!(screen, Screen::Loading)
        || matches!(&screen, Screen::Redirecting { merchant, .. } if !merchant.is_empty());
    // A new screen replaced what had the focus: its title takes it, so a
    // screen reader says where the shopper is now.
    if !matches!(screen, Screen::Loading) {
        crate::browser::focus_soon("screen-title");
    }
    view! {
        <main class="screen" data-testid=screen.test_id() aria-busy=busy.then_some("true")>
            {(!icon.is_empty()).then(|| view! { <div class="screen-icon" aria-hidden="true">{icon}</div> })}
            {busy.then(|| view! { <div class="spinner" aria-hidden="true"></div> })}
            <h1 id="screen-title" tabindex="-1">{title}</h1>
            {(!body.is_empty()).then(|| view! { <p>{body}</p> })}
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" class="primary" data-testid="retry" on:click=move |_| retry.run(())>
                            {texts.retry}
                        </button>
                    }
                })}
        </main>
    }
}

fn pair(texts: [&'static str; 2], icon: &'static str) -> (String, String, &'static str) {
    (texts[0].to_owned(), texts[1].to_owned(), icon)
}
