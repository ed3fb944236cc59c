//! The overview: today, this month, the last 30 days as a bar chart, and
//! declines by reason.

use kassa_api::{DayVolume, Overview as OverviewData, VolumeFigures};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::widgets::{Alert, Loading};
use crate::{Ctx, api, browser, money};

/// The chart's drawing box.
const CHART_WIDTH: f64 = 600.0;
const CHART_HEIGHT: f64 = 200.0;

/// The overview screen.
#[component]
pub fn Overview() -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let data = RwSignal::new(None::<OverviewData>);
    let error = RwSignal::new(None::<String>);
    let currency = ctx.session.with_untracked(|session| {
        session
            .as_ref()
            .map(|session| session.merchant.default_currency.clone())
            .unwrap_or_default()
    });
    spawn_local(async move {
        match api::overview(&currency).await {
            Ok(overview) => data.set(Some(overview)),
            Err(failure) => error.set(Some(ctx.fail(&failure))),
        }
    });
    view! {
        <h1>{t.nav_overview}</h1>
        <Alert message=error />
        {move || match data.get() {
            None if error.with(Option::is_none) => view! { <Loading /> }.into_any(),
            None => ().into_any(),
            Some(overview) => view! { <Figures overview=overview /> }.into_any(),
        }}
    }
}

#[component]
fn Figures(overview: OverviewData) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let currency = overview.currency.clone();
    view! {
        <div class="stats">
            <Period title=t.today figures=overview.today.clone() currency=currency.clone() />
            <Period title=t.this_month figures=overview.month.clone() currency=currency.clone() />
        </div>
        <section class="card" aria-labelledby="chart-title">
            <h2 id="chart-title">{t.chart_title}</h2>
            <Chart days=overview.days.clone() currency=currency.clone() />
        </section>
        <section class="card" aria-labelledby="declines-title">
            <h2 id="declines-title">{t.declines_title}</h2>
            <Declines overview=overview />
        </section>
    }
}

#[component]
fn Period(title: &'static str, figures: VolumeFigures, currency: String) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    view! {
        <section class="card stat">
            <h2>{title}</h2>
            <dl>
                <div>
                    <dt>{t.volume}</dt>
                    <dd class="big">{ctx.money(&figures.volume, &currency)}</dd>
                </div>
                <div>
                    <dt>{t.paid_count}</dt>
                    <dd>{figures.paid}</dd>
                </div>
                <div>
                    <dt>{t.success_rate}</dt>
                    <dd>{browser::percent(figures.success_rate, ctx.lang())}</dd>
                </div>
                <div>
                    <dt>{t.declined}</dt>
                    <dd>{figures.declined}</dd>
                </div>
            </dl>
        </section>
    }
}

/// One bar of the chart: `(x, y, width, height)` in the drawing box.
///
/// ```
/// use kassa_dashboard::pages::overview::bar;
/// assert_eq!(bar(0, 30, 50, 100), (2.0, 100.0, 16.0, 100.0));
/// ```
pub fn bar(index: usize, count: usize, value: i64, max: i64) -> (f64, f64, f64, f64) {
    let slot = CHART_WIDTH / count.max(1) as f64;
    let height = if max > 0 {
        (value.max(0) as f64 / max as f64) * CHART_HEIGHT
    } else {
        0.0
    };
    (
        index as f64 * slot + slot * 0.1,
        CHART_HEIGHT - height,
        slot * 0.8,
        height,
    )
}

#[component]
fn Chart(days: Vec<DayVolume>, currency: String) -> impl IntoView {
    let ctx = Ctx::get();
    let t = ctx.t();
    let max = days.iter().map(|day| day.volume_minor).max().unwrap_or(0);
    let units = money::minor_units(&currency);
    let count = days.len();
    let bars = days
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let (x, y, width, height) = bar(index, count, day.volume_minor, max);
            view! {
                <rect
                    class="bar"
                    x=x.to_string()
                    y=y.to_string()
                    width=width.to_string()
                    height=height.max(0.5).to_string()
                />
            }
        })
        .collect_view();
    let rows = days
        .iter()
        .map(|day| {
            let amount = money::minor_to_text(day.volume_minor, units);
            view! {
                <tr>
                    <th scope="row">{day.date.clone()}</th>
                    <td>{ctx.money(&amount, &currency)}</td>
                    <td>{day.paid}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")
            preserveAspectRatio="none"
            role="img"
            aria-label=t.chart_title
            focusable="false"
        >
            {bars}
        </svg>
        <table class="visually-hidden">
            <caption>{t.chart_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.day}</th>
                    <th scope="col">{t.volume}</th>
                    <th scope="col">{t.paid_count}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn Declines(overview: OverviewData) -> impl IntoView {
    let t = Ctx::get().t();
    if overview.declines.is_empty() {
        return view! { <p>{t.no_declines}</p> }.into_any();
    }
    let max = overview
        .declines
        .iter()
        .map(|decline| decline.count)
        .max()
        .unwrap_or(1)
        .max(1);
    let rows = overview
        .declines
        .into_iter()
        .map(|decline| {
            let width = decline.count as f64 / max as f64 * 100.0;
            view! {
                <tr data-reason=decline.reason.clone()>
                    <th scope="row">{crate::i18n::plain_name(t.decline_names, &decline.reason).to_owned()}</th>
                    <td class="num">{decline.count}</td>
                    <td class="bar-cell">
                        <svg class="mini" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                            <rect class="bar" x="0" y="0" width=width.to_string() height="10" />
                        </svg>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="declines">
            <thead>
                <tr>
                    <th scope="col">{t.reason}</th>
                    <th scope="col">{t.count}</th>
                    <td></td>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
