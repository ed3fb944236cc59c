//! Account (every user): changing one's own password, and two-step
//! sign-in ([`super::two_factor`]).

use kassa_api::ChangePasswordRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Texts;
use crate::widgets::{Alert, Note};
use crate::{Ctx, api};

/// The fewest characters a password may have (the server's rule too).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// What is wrong with a new password typed twice, before asking the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// The two differ.
    Mismatch,
}

impl PasswordProblem {
    /// The message in `t`'s language.
    pub fn message(self, t: &Texts) -> &'static str {
        match self {
            PasswordProblem::TooShort => t.password_short,
            PasswordProblem::Mismatch => t.password_mismatch,
        }
    }
}

/// Checks a new password and its repetition: long enough, then the same.
///
/// ```
/// use kassa_dashboard::pages::account::{PasswordProblem, check_new_password};
/// assert_eq!(check_new_password("short", "short"), Some(PasswordProblem::TooShort));
/// assert_eq!(check_new_password("twelve chars", "twelve chars!"), Some(PasswordProblem::Mismatch));
/// assert_eq!(check_new_password("twelve chars", "twelve chars"), None);
/// ```
pub fn check_new_password(new: &str, again: &str) -> Option<PasswordProblem> {
    if new.chars().count() < MIN_PASSWORD_CHARS {
        Some(PasswordProblem::TooShort)
    } else if new != again {
        Some(PasswordProblem::Mismatch)
    } else {
        None
    }
}

/// The account screen.
#[component]
pub fn Account() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let email = ctx.session.with_untracked(|session| {
        session
            .as_ref()
            .map(|session| session.user.email.clone())
            .unwrap_or_default()
    });
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let changed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        changed.set(None);
        let new_password = new.get_untracked();
        if let Some(problem) = check_new_password(&new_password, &again.get_untracked()) {
            error.set(Some(problem.message(t).to_owned()));
            return;
        }
        let request = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password,
        };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::change_password(&request).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    // The session stays; fetch its CSRF token again in case
                    // the server rotated it with the password.
                    let _ = api::session().await;
                    current.set(String::new());
                    new.set(String::new());
                    again.set(String::new());
                    changed.set(Some(t.password_changed.to_owned()));
                }
                // A wrong current password is a 401 that keeps the session.
                Err(failure) if failure.code() == Some("auth.invalid_credentials") => {
                    error.set(Some(failure.message(t.network_error)));
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    view! {
        <h1>{t.account_title}</h1>
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">{t.change_password}</h2>
            <form on:submit=submit novalidate=true>
                // For password managers: whose password this is.
                <input type="email" name="username" autocomplete="username" value=email hidden=true readonly=true />
                <Alert message=error />
                <div class="field">
                    <label for="current-password">{t.current_password}</label>
                    <input
                        id="current-password"
                        type="password"
                        name="current-password"
                        autocomplete="current-password"
                        required=true
                        prop:value=move || current.get()
                        on:input=move |event| current.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="new-password">{t.new_password}</label>
                    <input
                        id="new-password"
                        type="password"
                        name="new-password"
                        autocomplete="new-password"
                        minlength=MIN_PASSWORD_CHARS.to_string()
                        required=true
                        prop:value=move || new.get()
                        on:input=move |event| new.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="new-password-again">{t.new_password_again}</label>
                    <input
                        id="new-password-again"
                        type="password"
                        name="new-password-again"
                        autocomplete="new-password"
                        minlength=MIN_PASSWORD_CHARS.to_string()
                        required=true
                        prop:value=move || again.get()
                        on:input=move |event| again.set(event_target_value(&event))
                    />
                </div>
                <button
                    id="password-submit"
                    type="submit"
                    class="primary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                >
                    {t.change_password}
                </button>
                <Note message=changed id="password-changed" />
            </form>
        </section>
        <super::two_factor::TwoFactor />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_characters_count_as_characters_not_bytes() {
        assert_eq!(
            check_new_password("ééééééééééé", "ééééééééééé"),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(check_new_password("éééééééééééé", "éééééééééééé"), None);
    }

    #[test]
    fn a_short_password_is_reported_before_a_mismatch() {
        assert_eq!(
            check_new_password("a", "b"),
            Some(PasswordProblem::TooShort)
        );
    }
}
