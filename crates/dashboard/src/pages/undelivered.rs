//! Developers → callbacks not delivered: what the merchant's endpoint has
//! not taken (still retrying, or given up after three days), with the last
//! error and "Send again" once the endpoint is fixed, as Stripe's webhook
//! page lists failed deliveries.

use kassa_api::EventList;
use leptos::prelude::*;

use crate::pager::{PagedList, Pager, Trail};
use crate::route::Route;
use crate::widgets::{Alert, Loading, Note, send_again};
use crate::{Ctx, api};

/// The section listing undelivered callbacks.
#[component]
pub fn Undelivered() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let list = PagedList::<EventList>::new();
    let PagedList { page, trail, error } = list;
    let note = RwSignal::new(None::<String>);
    let load =
        list.loader(|cursor| async move { api::undelivered_events(cursor.as_deref()).await });
    load(None);
    let resend = move |event_id: String| {
        send_again(event_id, note, error, move || {
            // The first page again: what was sent may be gone from it.
            trail.set(Trail::default());
            load(None);
        });
    };
    view! {
        <section class="card" aria-labelledby="undelivered-title">
            <h2 id="undelivered-title">{t.undelivered_title}</h2>
            <Alert message=error />
            <Note message=note id="undelivered-note" />
            {move || match page.get() {
                None => view! { <Loading /> }.into_any(),
                Some(list) if list.data.is_empty() => {
                    view! { <p id="all-delivered">{t.all_delivered}</p> }.into_any()
                }
                Some(list) => {
                    let next = list.next_cursor.clone();
                    view! {
                        <div class="table-wrap" role="region" tabindex="0" aria-labelledby="undelivered-title">
                            <table class="undelivered">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.time}</th>
                                        <th scope="col">{t.event_type}</th>
                                        <th scope="col">{t.invoice}</th>
                                        <th scope="col">{t.tries}</th>
                                        <th scope="col">{t.error}</th>
                                        <th scope="col">{t.next_retry}</th>
                                        <td></td>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.data.into_iter().map(|event| {
                                        let event_id = event.id.clone();
                                        let invoice_href = Route::Payment(event.invoice_id.clone()).href();
                                        view! {
                                            <tr data-undelivered=event.id.clone() data-event-type=event.kind.clone()>
                                                <td><time datetime=event.created_at.clone()>{ctx.time(&event.created_at)}</time></td>
                                                <td><code>{event.kind.clone()}</code></td>
                                                <td dir="ltr"><a href=invoice_href><code>{event.invoice_id.clone()}</code></a></td>
                                                <td class="num">{event.attempts}</td>
                                                <td><span class="error-text">{event.last_error.clone()}</span></td>
                                                <td>{event.next_attempt_at.as_deref().map_or_else(|| t.gave_up.to_owned(), |next| ctx.time(next))}</td>
                                                <td>
                                                    <button type="button" class="redeliver quiet" on:click=move |_| resend(event_id.clone())>
                                                        {t.send_again}
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager trail=trail next=next load=Callback::new(load) />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
