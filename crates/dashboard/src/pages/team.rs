//! Team (owners): the account's users, removing one (not yourself), and
//! adding one, whose one-time password is shown once.

use kassa_api::{InviteUserRequest, NewUser, TeamList};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::fill;
use crate::widgets::{Alert, Loading, Note};
use crate::{Ctx, api, browser};

/// The roles a user may be given, as the API names them.
pub const ROLES: [&str; 2] = ["staff", "owner"];

/// A user waiting for the removal's confirmation: id and email.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Removal {
    id: String,
    email: String,
}

/// The team screen.
#[component]
pub fn Team() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let team = RwSignal::new(None::<TeamList>);
    let error = RwSignal::new(None::<String>);
    let removed = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Removal>);
    let busy = RwSignal::new(false);
    let me = ctx.session.with_untracked(|session| {
        session
            .as_ref()
            .map(|session| session.user.id.clone())
            .unwrap_or_default()
    });
    let reload = move || {
        spawn_local(async move {
            match api::team().await {
                Ok(list) => team.set(Some(list)),
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    reload();
    let ask = move |removal: Removal| {
        removed.set(None);
        pending.set(Some(removal));
        request_animation_frame(|| browser::focus("remove-user-confirm"));
    };
    let confirm = move |_| {
        let Some(removal) = pending.get_untracked() else {
            return;
        };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::remove_user(&removal.id).await;
            busy.set(false);
            pending.set(None);
            match result {
                Ok(()) => {
                    removed.set(Some(fill(t.user_removed, &[("email", &removal.email)])));
                    reload();
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    view! {
        <h1>{t.team_title}</h1>
        <section class="card" aria-labelledby="users-title">
            <h2 id="users-title">{t.users}</h2>
            <Alert message=error />
            <Note message=removed id="remove-user-result" />
            {move || match team.get() {
                None => view! { <Loading /> }.into_any(),
                Some(list) => {
                    let me = me.clone();
                    view! {
                        <div class="table-wrap" role="region" tabindex="0" aria-label=t.users>
                            <table class="users">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.email}</th>
                                        <th scope="col">{t.role}</th>
                                        <th scope="col">{t.two_factor}</th>
                                        <th scope="col">{t.added}</th>
                                        <th scope="col"><span class="visually-hidden">{t.actions}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.data.into_iter().map(|member| {
                                        let user = member.user;
                                        let mine = user.id == me;
                                        let role = if user.is_owner() { t.role_owner } else { t.role_staff };
                                        let removal = Removal { id: user.id.clone(), email: user.email.clone() };
                                        view! {
                                            <tr data-user-id=user.id.clone()>
                                                <th scope="row">
                                                    <bdi>{user.email.clone()}</bdi>
                                                    {mine.then(|| view! { " " {t.you} })}
                                                </th>
                                                <td data-role=user.role.clone()>{role}</td>
                                                <td>{if user.totp { t.on } else { t.off }}</td>
                                                <td>{ctx.time(&member.created_at)}</td>
                                                <td class="row-actions">
                                                    {(!mine).then(|| view! {
                                                        <button
                                                            type="button"
                                                            class="remove-user quiet"
                                                            aria-label=format!("{} {}", t.remove_user, user.email)
                                                            on:click=move |_| ask(removal.clone())
                                                        >
                                                            {t.remove_user}
                                                        </button>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }
            }}
            {move || pending.get().map(|removal| view! {
                <div class="confirm" role="group" aria-label=t.actions>
                    <button
                        id="remove-user-confirm"
                        type="button"
                        class="danger"
                        disabled=move || busy.get()
                        on:click=confirm
                    >
                        {fill(t.confirm_remove_user, &[("email", &removal.email)])}
                    </button>
                    <button type="button" class="quiet" on:click=move |_| pending.set(None)>{t.not_now}</button>
                </div>
            })}
        </section>
        <Invite on_added=Callback::new(move |()| reload()) />
    }
}

/// The add-a-user form and, after it, the one-time password.
#[component]
fn Invite(
    /// Called when a user was added (the list reloads).
    on_added: Callback<()>,
) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(ROLES[0].to_owned());
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(None::<NewUser>);
    let copied = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = InviteUserRequest {
            email: email.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
        };
        error.set(None);
        added.set(None);
        copied.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = api::invite_user(&request).await;
            busy.set(false);
            match result {
                Ok(new) => {
                    email.set(String::new());
                    added.set(Some(new));
                    on_added.run(());
                    request_animation_frame(|| browser::focus("invite-password"));
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t.invite_title}</h2>
            <Alert message=error />
            {move || added.get().map(|new| {
                let text = new.password.clone();
                view! {
                    <div class="secret-box" role="group" aria-labelledby="invite-password-title">
                        <h3 id="invite-password-title">
                            {fill(t.invite_password_title, &[("email", &new.user.email)])}
                        </h3>
                        <p class="warning">{t.invite_password_warning}</p>
                        <div class="secret-row">
                            <code id="invite-password" tabindex="0" dir="ltr">{new.password.clone()}</code>
                            <button
                                id="copy-invite-password"
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
            <form on:submit=submit novalidate=true>
                <div class="field">
                    <label for="invite-email">{t.email}</label>
                    <input
                        id="invite-email"
                        type="email"
                        name="email"
                        autocomplete="off"
                        inputmode="email"
                        dir="ltr"
                        required=true
                        prop:value=move || email.get()
                        on:input=move |event| email.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="invite-role">{t.role}</label>
                    <select
                        id="invite-role"
                        name="role"
                        on:change=move |event| role.set(event_target_value(&event))
                    >
                        {ROLES.into_iter().map(|value| {
                            let label = if value == "owner" { t.role_owner } else { t.role_staff };
                            view! { <option value=value selected=move || role.get() == value>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button
                    id="invite-submit"
                    type="submit"
                    class="primary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                >
                    {t.invite_submit}
                </button>
            </form>
        </section>
    }
}
