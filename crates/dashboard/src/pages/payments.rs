//! Payments: the filter form and a page of invoices, newest first.

use kassa_api::{InvoiceList, InvoiceStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::pager::{Pager, Trail};
use crate::route::Route;
use crate::widgets::{Alert, Loading, StatusBadge};
use crate::{Ctx, STATUSES, api, money, status_label};

/// The filters as typed.
#[derive(Clone, Copy, Debug)]
struct Filters {
    status: RwSignal<String>,
    brand: RwSignal<String>,
    last4: RwSignal<String>,
    email: RwSignal<String>,
    reference: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Filters {
    /// The filters as the search and the export take them.
    fn filters(&self) -> Vec<(&'static str, String)> {
        vec![
            ("status", self.status.get_untracked()),
            ("brand", self.brand.get_untracked()),
            ("last4", self.last4.get_untracked()),
            ("email", self.email.get_untracked()),
            ("reference", self.reference.get_untracked()),
            ("created_from", self.from.get_untracked()),
            ("created_to", self.to.get_untracked()),
        ]
    }

    fn query(&self, cursor: Option<String>) -> Vec<(&'static str, String)> {
        let mut query = self.filters();
        query.push(("limit", "25".to_owned()));
        if let Some(cursor) = cursor {
            query.push(("cursor", cursor));
        }
        query
    }
}

/// The payments screen.
#[component]
pub fn Payments() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let filters = Filters {
        status: RwSignal::new(String::new()),
        brand: RwSignal::new(String::new()),
        last4: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        reference: RwSignal::new(String::new()),
        from: RwSignal::new(String::new()),
        to: RwSignal::new(String::new()),
    };
    let page = RwSignal::new(None::<InvoiceList>);
    let trail = RwSignal::new(Trail::default());
    // The export follows the search last run, not what is half typed.
    let export_href = RwSignal::new(api::export_url(&filters.filters()));
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let load = move |cursor: Option<String>| {
        let query = filters.query(cursor);
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::invoices(&query).await {
                Ok(list) => page.set(Some(list)),
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
            busy.set(false);
        });
    };
    load(None);

    let text_field = move |id: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           kind: &'static str,
                           extra: (&'static str, &'static str)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type=kind
                    inputmode=(!extra.0.is_empty()).then_some(extra.0)
                    autocomplete=extra.1
                    prop:value=move || value.get()
                    on:input=move |event| value.set(event_target_value(&event))
                />
            </div>
        }
    };

    view! {
        <h1>{t.nav_payments}</h1>
        <form
            class="card filters"
            aria-label=t.filters
            on:submit=move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                trail.set(Trail::default());
                export_href.set(api::export_url(&filters.filters()));
                load(None);
            }
        >
            <div class="field">
                <label for="filter-status">{t.status}</label>
                <select
                    id="filter-status"
                    on:change=move |event| filters.status.set(event_target_value(&event))
                >
                    <option value="">{t.any_status}</option>
                    {STATUSES
                        .into_iter()
                        .map(|status| {
                            view! { <option value=status.as_str()>{status_label(t, status)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-brand">{t.card_brand}</label>
                <select
                    id="filter-brand"
                    on:change=move |event| filters.brand.set(event_target_value(&event))
                >
                    <option value="">{t.any_brand}</option>
                    {kassa_card::Brand::ALL
                        .iter()
                        .map(|brand| view! { <option value=brand.id()>{brand.display_name()}</option> })
                        .collect_view()}
                </select>
            </div>
            {text_field("filter-last4", t.last4, filters.last4, "text", ("numeric", "off"))}
            {text_field("filter-email", t.email, filters.email, "email", ("email", "off"))}
            {text_field("filter-reference", t.reference, filters.reference, "text", ("text", "off"))}
            {text_field("filter-from", t.date_from, filters.from, "date", ("", "off"))}
            {text_field("filter-to", t.date_to, filters.to, "date", ("", "off"))}
            <button id="filter-submit" type="submit" class="primary">{t.search}</button>
            <a id="export-csv" class="button" href=move || export_href.get() download="">{t.export_csv}</a>
        </form>
        <Alert message=error />
        {move || match page.get() {
            None if busy.get() => view! { <Loading /> }.into_any(),
            None => ().into_any(),
            Some(list) if list.data.is_empty() => view! { <p class="empty">{t.no_results}</p> }.into_any(),
            Some(list) => {
                let next = list.next_cursor.clone();
                view! {
                    <div class="table-wrap" role="region" tabindex="0" aria-label=t.nav_payments>
                        <table class="invoices">
                            <caption class="visually-hidden">{t.nav_payments}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.date}</th>
                                    <th scope="col">{t.amount}</th>
                                    <th scope="col">{t.status}</th>
                                    <th scope="col">{t.email}</th>
                                    <th scope="col">{t.card}</th>
                                    <th scope="col">{t.reference}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.data.into_iter().map(|invoice| {
                                    let href = Route::Payment(invoice.id.clone()).href();
                                    let status: InvoiceStatus = invoice.status;
                                    view! {
                                        <tr data-invoice=invoice.id.clone()>
                                            <td><a href=href>{ctx.time(&invoice.created_at)}</a></td>
                                            <td class="num">{ctx.money(&invoice.amount, &invoice.currency)}</td>
                                            <td><StatusBadge status=status /></td>
                                            <td><bdi>{invoice.email.clone()}</bdi></td>
                                            <td dir="ltr">{invoice.card.as_ref().map(money::card_label)}</td>
                                            <td>{invoice.reference.clone()}</td>
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
    }
}
