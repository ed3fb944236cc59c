//! One payment: its amounts, card and 3-D Secure result, its refunds, its
//! timeline of events and callback deliveries, and the actions its state
//! allows (refund, cancel, capture, void), each confirmed in a second step.

use kassa_api::{InvoiceResponse, InvoiceStatus, InvoiceTimeline, RefundList, RefundStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{fill, plain_name};
use crate::route::Route;
use crate::widgets::{Alert, Loading, Note, StatusBadge, send_again};
use crate::{Ctx, api, money, status_label};

/// An action waiting for its confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pending {
    Refund(String),
    Cancel,
    Capture(String),
    Void,
}

/// Everything the screen shows, reloaded after each action.
#[derive(Clone, Copy, Debug)]
struct Loaded {
    invoice: RwSignal<Option<InvoiceResponse>>,
    refunds: RwSignal<Option<RefundList>>,
    timeline: RwSignal<Option<InvoiceTimeline>>,
    error: RwSignal<Option<String>>,
    /// The last action's result, kept across the reload it causes.
    done: RwSignal<Option<String>>,
}

impl Loaded {
    fn reload(self, id: String, ctx: Ctx) {
        spawn_local(async move {
            match api::invoice(&id).await {
                Ok(invoice) => self.invoice.set(Some(invoice)),
                Err(failure) => {
                    self.error.set(Some(ctx.fail(&failure)));
                    return;
                }
            }
            if let Ok(refunds) = api::refunds(&id).await {
                self.refunds.set(Some(refunds));
            }
            match api::timeline(&id).await {
                Ok(timeline) => self.timeline.set(Some(timeline)),
                Err(failure) => self.error.set(Some(ctx.fail(&failure))),
            }
        });
    }
}

/// The payment screen for invoice `id`.
#[component]
pub fn Payment(
    /// The invoice's id (`inv_…`).
    id: String,
) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let loaded = Loaded {
        invoice: RwSignal::new(None),
        refunds: RwSignal::new(None),
        timeline: RwSignal::new(None),
        error: RwSignal::new(None),
        done: RwSignal::new(None),
    };
    loaded.reload(id.clone(), ctx);
    let id = StoredValue::new(id);
    view! {
        <p class="back"><a href=Route::Payments.href()>{t.back}</a></p>
        <h1>
            {t.payment_title}
            " "
            <code class="id">{id.get_value()}</code>
        </h1>
        <Alert message=loaded.error />
        <Note message=loaded.done id="action-result" />
        {move || match loaded.invoice.get() {
            None => view! { <Loading /> }.into_any(),
            Some(invoice) => view! {
                <Summary invoice=invoice.clone() />
                <Actions invoice=invoice loaded=loaded />
            }
            .into_any(),
        }}
        {move || loaded.refunds.get().filter(|list| !list.data.is_empty()).map(|list| view! { <Refunds list=list /> })}
        <Timeline loaded=loaded id=id.get_value() />
    }
}

#[component]
fn Summary(invoice: InvoiceResponse) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let currency = invoice.currency.clone();
    let amount = |text: &str| ctx.money(text, &currency);
    let row = |label: &'static str, value: String| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let remaining = money::refundable(&invoice);
    let country = invoice
        .prefill
        .billing_address
        .as_ref()
        .map(|address| address.country.clone())
        .filter(|country| !country.is_empty());
    view! {
        <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">{t.payment_title}</h2>
            <dl class="facts">
                <div>
                    <dt>{t.status}</dt>
                    <dd><StatusBadge status=invoice.status /></dd>
                </div>
                {row(t.amount, amount(&invoice.amount))}
                {invoice.surcharge.as_deref().map(|value| row(t.surcharge, amount(value)))}
                {invoice.amount_charged.as_deref().map(|value| row(t.amount_charged, amount(value)))}
                {invoice.captured_amount.as_deref().map(|value| row(t.captured, amount(value)))}
                {invoice.refunded_amount.as_deref().map(|value| row(t.refunded, amount(value)))}
                {remaining.as_deref().map(|value| row(t.remaining, amount(value)))}
                {row(t.created, ctx.time(&invoice.created_at))}
                {row(t.email, invoice.email.clone())}
                {invoice.reference.clone().map(|value| row(t.reference, value))}
                {invoice.card.as_ref().map(|card| view! {
                    <div>
                        <dt>{t.card}</dt>
                        <dd dir="ltr">{money::card_label(card)}</dd>
                    </div>
                    <div>
                        <dt>{t.bin}</dt>
                        <dd dir="ltr"><code>{card.masked.clone()}</code></dd>
                    </div>
                })}
                {country.map(|value| row(t.billing_country, value))}
                {invoice.three_d_secure.as_ref().map(|result| {
                    let mut text = result.flow.clone();
                    if let Some(eci) = &result.eci {
                        text.push_str(" · ECI ");
                        text.push_str(eci);
                    }
                    row(t.three_ds, text)
                })}
            </dl>
        </section>
    }
}

#[component]
fn Actions(invoice: InvoiceResponse, loaded: Loaded) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let id = StoredValue::new(invoice.id.clone());
    let currency = StoredValue::new(invoice.currency.clone());
    let remaining = money::refundable(&invoice);
    let authorized = invoice.status == InvoiceStatus::Authorized;
    let open = invoice.status == InvoiceStatus::Open;
    if remaining.is_none() && !authorized && !open {
        return ().into_any();
    }
    let refund_amount = RwSignal::new(remaining.clone().unwrap_or_default());
    let capture_amount = RwSignal::new(invoice.amount.clone());
    let pending = RwSignal::new(None::<Pending>);
    let error = RwSignal::new(None::<String>);
    let done = loaded.done;
    let busy = RwSignal::new(false);
    let show = move |amount: &str| ctx.money(amount, &currency.get_value());

    let ask = move |action: Option<Pending>, limit: &str| {
        error.set(None);
        done.set(None);
        match action {
            Some(Pending::Refund(typed)) => {
                match money::check_amount(&typed, limit, &currency.get_value()) {
                    Some(amount) => pending.set(Some(Pending::Refund(amount))),
                    None => error.set(Some(fill(t.invalid_amount, &[("amount", &show(limit))]))),
                }
            }
            Some(Pending::Capture(typed)) => {
                match money::check_amount(&typed, limit, &currency.get_value()) {
                    Some(amount) => pending.set(Some(Pending::Capture(amount))),
                    None => error.set(Some(fill(t.invalid_amount, &[("amount", &show(limit))]))),
                }
            }
            other => pending.set(other),
        }
    };
    let confirm = move |_| {
        let Some(action) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        let id = id.get_value();
        let currency = currency.get_value();
        spawn_local(async move {
            let outcome = match &action {
                Pending::Refund(amount) => api::refund(&id, Some(amount)).await.map(|refund| {
                    let status = match refund.status {
                        RefundStatus::Pending => t.refund_statuses[0],
                        RefundStatus::Succeeded => t.refund_statuses[1],
                        RefundStatus::Failed => t.refund_statuses[2],
                    };
                    fill(
                        t.refund_done,
                        &[
                            ("amount", &ctx.money(&refund.amount, &currency)),
                            ("status", status),
                        ],
                    )
                }),
                Pending::Cancel => api::invoice_action(&id, "cancel", None)
                    .await
                    .map(done_text(t)),
                Pending::Capture(amount) => api::invoice_action(&id, "capture", Some(amount))
                    .await
                    .map(done_text(t)),
                Pending::Void => api::invoice_action(&id, "void", None)
                    .await
                    .map(done_text(t)),
            };
            busy.set(false);
            pending.set(None);
            match outcome {
                Ok(message) => {
                    done.set(Some(message));
                    loaded.reload(id, ctx);
                }
                Err(failure) => error.set(Some(ctx.fail(&failure))),
            }
        });
    };
    let confirm_text = move || match pending.get() {
        Some(Pending::Refund(amount)) => fill(t.confirm_refund, &[("amount", &show(&amount))]),
        Some(Pending::Capture(amount)) => fill(t.confirm_capture, &[("amount", &show(&amount))]),
        Some(Pending::Cancel) => t.confirm_cancel.to_owned(),
        Some(Pending::Void) => t.confirm_void.to_owned(),
        None => String::new(),
    };
    let confirm_id = move || match pending.get() {
        Some(Pending::Refund(_)) => "refund-confirm",
        Some(Pending::Capture(_)) => "capture-confirm",
        Some(Pending::Cancel) => "cancel-confirm",
        Some(Pending::Void) => "void-confirm",
        None => "",
    };
    let limit = StoredValue::new(remaining.clone().unwrap_or_default());
    let authorized_amount = StoredValue::new(invoice.amount.clone());

    view! {
        <section class="card actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{t.actions}</h2>
            <Alert message=error />
            {remaining.map(|remaining| view! {
                <form
                    class="inline-form"
                    on:submit=move |event: leptos::ev::SubmitEvent| {
                        event.prevent_default();
                        ask(Some(Pending::Refund(refund_amount.get_untracked())), &limit.get_value());
                    }
                >
                    <div class="field">
                        <label for="refund-amount">{t.refund_amount}</label>
                        <input
                            id="refund-amount"
                            inputmode="decimal"
                            autocomplete="off"
                            dir="ltr"
                            aria-describedby="refund-remaining"
                            prop:value=move || refund_amount.get()
                            on:input=move |event| refund_amount.set(event_target_value(&event))
                        />
                        <p id="refund-remaining" class="hint">
                            {t.remaining}": "{show(&remaining)}
                        </p>
                    </div>
                    <button id="refund-submit" type="submit">{t.refund}</button>
                </form>
            })}
            {open.then(|| view! {
                <button id="cancel-submit" type="button" on:click=move |_| ask(Some(Pending::Cancel), "")>
                    {t.cancel_invoice}
                </button>
            })}
            {authorized.then(|| view! {
                <form
                    class="inline-form"
                    on:submit=move |event: leptos::ev::SubmitEvent| {
                        event.prevent_default();
                        ask(Some(Pending::Capture(capture_amount.get_untracked())), &authorized_amount.get_value());
                    }
                >
                    <div class="field">
                        <label for="capture-amount">{t.amount}</label>
                        <input
                            id="capture-amount"
                            inputmode="decimal"
                            autocomplete="off"
                            dir="ltr"
                            prop:value=move || capture_amount.get()
                            on:input=move |event| capture_amount.set(event_target_value(&event))
                        />
                    </div>
                    <button id="capture-submit" type="submit">{t.capture}</button>
                </form>
                <button id="void-submit" type="button" on:click=move |_| ask(Some(Pending::Void), "")>
                    {t.void}
                </button>
            })}
            <Show when=move || pending.with(Option::is_some)>
                <div class="confirm" role="group" aria-label=t.actions>
                    <button
                        id=confirm_id
                        type="button"
                        class="danger"
                        disabled=move || busy.get()
                        on:click=confirm
                    >
                        {confirm_text}
                    </button>
                    <button type="button" class="quiet" on:click=move |_| pending.set(None)>
                        {t.not_now}
                    </button>
                </div>
            </Show>
        </section>
    }
    .into_any()
}

fn done_text(t: &'static crate::i18n::Texts) -> impl Fn(InvoiceResponse) -> String {
    move |invoice| {
        fill(
            t.action_done,
            &[("status", status_label(t, invoice.status))],
        )
    }
}

#[component]
fn Refunds(list: RefundList) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    view! {
        <section class="card" aria-labelledby="refunds-title">
            <h2 id="refunds-title">{t.refunds_title}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.date}</th>
                        <th scope="col">{t.amount}</th>
                        <th scope="col">{t.status}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.data.into_iter().map(|refund| {
                        let status = match refund.status {
                            RefundStatus::Pending => t.refund_statuses[0],
                            RefundStatus::Succeeded => t.refund_statuses[1],
                            RefundStatus::Failed => t.refund_statuses[2],
                        };
                        view! {
                            <tr data-refund=refund.id.clone()>
                                <td>{ctx.time(&refund.created_at)}</td>
                                <td class="num">{ctx.money(&refund.amount, &refund.currency)}</td>
                                <td>{status}{refund.failure_code.map(|code| format!(" ({code})"))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Timeline(loaded: Loaded, id: String) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let note = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let redeliver = move |event_id: String| {
        send_again(event_id, note, error, move || {
            loaded.reload(id.get_value(), ctx);
        });
    };
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.timeline}</h2>
            <Alert message=error />
            <Note message=note id="redeliver-result" />
            // Where the shopper's browser went back to, signature and all.
            {move || loaded.timeline.get().and_then(|timeline| timeline.redirect_url).map(|url| view! {
                <p id="redirect-taken">{t.redirect_taken}": "<code dir="ltr" class="url">{url}</code></p>
            })}
            // Each attempt, and why a declined one was, in plain words.
            {move || loaded.timeline.get().filter(|timeline| !timeline.attempts.is_empty()).map(|timeline| view! {
                <h3 id="attempts-title">{t.attempts_title}</h3>
                <ol class="attempts-list" aria-labelledby="attempts-title">
                    {timeline.attempts.into_iter().map(|attempt| {
                        let outcome = plain_name(t.outcome_names, &attempt.outcome).to_owned();
                        let reason = attempt.decline_code.as_deref().map(|code| plain_name(t.decline_names, code).to_owned());
                        view! {
                            <li data-attempt=attempt.attempt.to_string() data-outcome=attempt.outcome.clone() data-decline=attempt.decline_code.clone()>
                                <time datetime=attempt.at.clone()>{ctx.time(&attempt.at)}</time>
                                " · "{outcome}
                                {reason.map(|reason| view! { " · "{reason} })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
            {move || match loaded.timeline.get() {
                None => view! { <Loading /> }.into_any(),
                Some(timeline) if timeline.data.is_empty() => view! { <p>{t.no_events}</p> }.into_any(),
                Some(timeline) => view! {
                    <ol class="timeline">
                        {timeline.data.into_iter().map(|item| {
                            let event = item.event;
                            let event_id = event.id.clone();
                            view! {
                                <li data-event-type=event.kind.clone() data-event-id=event.id.clone()>
                                    <div class="event-head">
                                        <code class="event-type">{event.kind.clone()}</code>
                                        <time datetime=event.created_at.clone()>{ctx.time(&event.created_at)}</time>
                                        <span class=if event.delivered { "badge ok" } else { "badge warn" }>
                                            {if event.delivered { t.delivered } else { t.not_delivered }}
                                        </span>
                                    </div>
                                    {(!item.deliveries.is_empty()).then(|| view! {
                                        <ul class="attempts">
                                            {item.deliveries.into_iter().map(|attempt| view! {
                                                <li>
                                                    <time datetime=attempt.attempted_at.clone()>{ctx.time(&attempt.attempted_at)}</time>
                                                    " · "{t.status_code}": "
                                                    {attempt.status_code.map_or_else(|| "—".to_owned(), |code| code.to_string())}
                                                    " · "{t.duration}": "{attempt.duration_ms}" ms"
                                                    {attempt.error.map(|error| view! { " · "{t.error}": "<span class="error-text">{error}</span> })}
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    {event.next_attempt_at.map(|next| view! {
                                        <p class="hint">{t.next_retry}": "{ctx.time(&next)}</p>
                                    })}
                                    <button
                                        type="button"
                                        class="redeliver quiet"
                                        on:click=move |_| redeliver(event_id.clone())
                                    >
                                        {t.send_again}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any(),
            }}
        </section>
    }
}
