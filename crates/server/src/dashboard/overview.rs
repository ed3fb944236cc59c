//! The overview: today's and this month's volume and success rate, the
//! last 30 days day by day, and declines by reason, in one currency (UTC
//! days). Worked out from the payment attempts of the last 31 days.

use axum::Json;
use axum::extract::{RawQuery, State};
use kassa_api::{DayVolume, DeclineCount, ErrorBody, Overview, VolumeFigures};
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::AttemptFigure;

use super::session::DashboardSession;

const DAY_MS: i64 = 86_400_000;
const DAYS: i64 = 30;

/// Adds up attempts: volume and count of the approved, count of the
/// declined, and the share approved.
///
/// ```
/// use kassa_server::dashboard::overview::figures;
/// use kassa_server::store::AttemptFigure;
/// let paid = AttemptFigure { created_at: 0, outcome: "approved".into(), decline_code: None, charged_minor: 1500 };
/// let declined = AttemptFigure { created_at: 0, outcome: "declined".into(), decline_code: Some("insufficient_funds".into()), charged_minor: 900 };
/// let today = figures(&[paid, declined], "EUR");
/// assert_eq!((today.volume.as_str(), today.paid, today.declined), ("15.00", 1, 1));
/// assert!((today.success_rate - 0.5).abs() < 1e-9);
/// ```
pub fn figures(attempts: &[AttemptFigure], currency: &str) -> VolumeFigures {
    let approved = attempts
        .iter()
        .filter(|attempt| attempt.outcome == "approved");
    let volume: i64 = approved.clone().map(|attempt| attempt.charged_minor).sum();
    let paid = approved.count() as u64;
    let declined = attempts
        .iter()
        .filter(|attempt| attempt.outcome == "declined")
        .count() as u64;
    let tried = paid + declined;
    VolumeFigures {
        volume: crate::invoices::minor_string(volume, currency),
        paid,
        declined,
        success_rate: if tried == 0 {
            0.0
        } else {
            paid as f64 / tried as f64
        },
    }
}

/// `GET /api/v1/dashboard/overview?currency=EUR`.
#[utoipa::path(
    get,
    path = "/api/v1/dashboard/overview",
    tag = "dashboard",
    summary = "Volume, success rate and declines",
    params(("currency" = Option<String>, Query, description = "ISO 4217; the merchant's first currency (or EUR) when absent.")),
    responses(
        (status = 200, description = "The figures.", body = Overview),
        (status = 400, description = "Not a currency (`currency.unknown`).", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn overview(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    RawQuery(raw): RawQuery,
) -> Result<Json<Overview>, ApiError> {
    let mut currency = session
        .merchant
        .currencies
        .first()
        .cloned()
        .unwrap_or_else(|| "EUR".to_owned());
    for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        if name == "currency" {
            currency = crate::merchants::check_currencies(&[value.into_owned()])?.remove(0);
        }
    }
    let now = crate::clock::now_ms();
    let today_start = now - now.rem_euclid(DAY_MS);
    let first_day = today_start - (DAYS - 1) * DAY_MS;
    let month_start = OffsetDateTime::from_unix_timestamp(today_start / 1000)
        .ok()
        .and_then(|today| today.replace_day(1).ok())
        .map_or(today_start, |first| first.unix_timestamp() * 1000);
    let since = first_day.min(month_start);
    let attempts = state
        .store
        .attempt_figures(&session.merchant.id, &currency, since)
        .await?;
    let within = |from: i64| -> Vec<AttemptFigure> {
        attempts
            .iter()
            .filter(|attempt| attempt.created_at >= from)
            .cloned()
            .collect()
    };
    let days = (0..DAYS)
        .map(|index| {
            let start = first_day + index * DAY_MS;
            let day: Vec<_> = attempts
                .iter()
                .filter(|attempt| (start..start + DAY_MS).contains(&attempt.created_at))
                .filter(|attempt| attempt.outcome == "approved")
                .collect();
            DayVolume {
                date: crate::clock::rfc3339(start)[..10].to_owned(),
                volume_minor: day.iter().map(|attempt| attempt.charged_minor).sum(),
                paid: day.len() as u64,
            }
        })
        .collect();
    let mut declines: Vec<DeclineCount> = Vec::new();
    for attempt in attempts
        .iter()
        .filter(|attempt| attempt.created_at >= first_day && attempt.outcome == "declined")
    {
        let reason = attempt
            .decline_code
            .clone()
            .unwrap_or_else(|| "declined".to_owned());
        match declines.iter_mut().find(|decline| decline.reason == reason) {
            Some(decline) => decline.count += 1,
            None => declines.push(DeclineCount { reason, count: 1 }),
        }
    }
    declines.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    Ok(Json(Overview {
        today: figures(&within(today_start), &currency),
        month: figures(&within(month_start), &currency),
        currency,
        days,
        declines,
    }))
}
