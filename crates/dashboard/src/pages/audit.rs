//! The audit log (owners): who did what, newest first.

use kassa_api::AuditList;
use leptos::prelude::*;

use crate::pager::{PagedList, Pager};
use crate::widgets::{Alert, Loading};
use crate::{Ctx, api};

/// The audit screen.
#[component]
pub fn Audit() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let list = PagedList::<AuditList>::new();
    let PagedList { page, trail, error } = list;
    let load = list.loader(|cursor| async move { api::audit(cursor.as_deref()).await });
    load(None);
    view! {
        <h1>{t.audit_title}</h1>
        <Alert message=error />
        {move || match page.get() {
            None => view! { <Loading /> }.into_any(),
            Some(list) => {
                let next = list.next_cursor.clone();
                view! {
                    <div class="table-wrap" role="region" tabindex="0" aria-label=t.audit_title>
                        <table class="audit">
                            <thead>
                                <tr>
                                    <th scope="col">{t.time}</th>
                                    <th scope="col">{t.user}</th>
                                    <th scope="col">{t.action}</th>
                                    <th scope="col">{t.target}</th>
                                    <th scope="col">{t.ip}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.data.into_iter().map(|entry| view! {
                                    <tr data-audit-id=entry.id.clone() data-action=entry.action.clone()>
                                        <td>{ctx.time(&entry.at)}</td>
                                        <td><bdi>{entry.user_email.unwrap_or_else(|| "—".to_owned())}</bdi></td>
                                        <td>{crate::i18n::plain_name(t.action_names, &entry.action).to_owned()}</td>
                                        <td dir="ltr">{entry.target.map(|target| {
                                            let href = target.starts_with("inv_").then(|| crate::route::Route::Payment(target.clone()).href());
                                            match href {
                                                Some(href) => view! { <a href=href><code>{target}</code></a> }.into_any(),
                                                None => view! { <code>{target}</code> }.into_any(),
                                            }
                                        })}</td>
                                        <td dir="ltr">{entry.ip}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager trail=trail next=next load=Callback::new(load) />
                }
                .into_any()
            }
        }}
    }
}
