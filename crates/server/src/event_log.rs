//! The merchant's event log: `GET /api/v1/events` lists callbacks with
//! their delivery state, `POST /api/v1/events/{id}/redeliver` sends one
//! again now.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use kassa_api::{ErrorBody, ErrorDetail, EventList, EventView};
use serde_json::value::RawValue;

use crate::clock::{now_ms, rfc3339};
use crate::error::ApiError;
use crate::extract::AuthenticatedMerchant;
use crate::search::{DEFAULT_LIMIT, MAX_LIMIT, decode_keyset, encode_cursor};
use crate::state::AppState;
use crate::store::{EventQuery, EventSummary};

/// `GET /api/v1/events?undelivered=true&limit=&cursor=`: the merchant's
/// events, newest first, with their delivery state.
#[utoipa::path(
    get,
    path = "/api/v1/events",
    tag = "events",
    summary = "List callbacks and their delivery",
    params(
        ("undelivered" = Option<bool>, Query, description = "Only events not delivered yet (retrying or given up)."),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "Events per page, 1 to 100 (20)."),
        ("cursor" = Option<String>, Query, pattern = "^76313a(3[0-9]){1,18}3a6576745f(3[0-9]|6[1-6]){32}$", description = "The `next_cursor` of the previous page, exactly as given (the pattern is what this API gives out; anything else is refused with 400 `cursor.invalid`)."),
    ),
    responses(
        (status = 200, description = "One page, newest first.", body = EventList),
        (status = 400, description = "A parameter is not valid.", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub async fn events_list(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    RawQuery(raw): RawQuery,
) -> Result<Json<EventList>, ApiError> {
    let mut query = parse_query(raw.as_deref(), &merchant.id)?;
    let limit = query.limit;
    query.limit = limit + 1;
    let mut events = state.store.list_events(&query).await?;
    let more = i64::try_from(events.len()).unwrap_or(i64::MAX) > limit;
    events.truncate(usize::try_from(limit).unwrap_or(0));
    let next_cursor = events
        .last()
        .filter(|_| more)
        .map(|last| encode_cursor(last.created_at, &last.id));
    Ok(Json(EventList {
        data: events.iter().map(view).collect::<Result<_, _>>()?,
        next_cursor,
    }))
}

/// `POST /api/v1/events/{id}/redeliver`: delivers the event again as soon
/// as the worker runs, whether it was delivered, is retrying or was given
/// up. 202 with the event; 404 for an unknown event or another merchant's.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/redeliver",
    tag = "events",
    summary = "Send a callback again",
    params(("id" = String, Path, description = "The event id: `evt_` and 32 hex digits.")),
    responses(
        (status = 202, description = "Scheduled for delivery now.", body = EventView),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such event, or another merchant's (`event.not_found`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, event_id = %id))]
pub async fn events_redeliver(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<EventView>), ApiError> {
    let well_formed = id.len() == 36
        && id.starts_with("evt_")
        && id[4..].bytes().all(|byte| byte.is_ascii_hexdigit());
    let not_found = || ApiError::not_found("event.not_found", "There is no event with this id.");
    if !well_formed {
        return Err(not_found());
    }
    let event = state
        .store
        .redeliver_event(&merchant.id, &id, now_ms())
        .await?
        .ok_or_else(not_found)?;
    state.outbox_wakeup.notify_one();
    tracing::info!("event scheduled for redelivery");
    Ok((StatusCode::ACCEPTED, Json(view(&event)?)))
}

/// An event as the API shows it.
pub(crate) fn view(event: &EventSummary) -> Result<EventView, ApiError> {
    Ok(EventView {
        id: event.id.clone(),
        kind: event.kind.clone(),
        invoice_id: event.invoice_id.clone(),
        created_at: rfc3339(event.created_at),
        delivered: event.delivered_at.is_some(),
        delivered_at: event.delivered_at.map(rfc3339),
        attempts: event.attempts,
        next_attempt_at: event.next_attempt_at.map(rfc3339),
        last_error: event.last_error.clone(),
        payload: RawValue::from_string(event.payload.clone()).map_err(ApiError::internal)?,
    })
}

/// `undelivered` (`true` or `false`), `limit` (1 to 100, default 20) and
/// `cursor`; anything else is refused.
fn parse_query(raw: Option<&str>, merchant_id: &str) -> Result<EventQuery, ApiError> {
    let mut query = EventQuery {
        merchant_id: merchant_id.to_owned(),
        undelivered: false,
        after: None,
        limit: DEFAULT_LIMIT,
    };
    let mut problems = Vec::new();
    let mut problem = |code: &str, message: &str, field: &str| {
        problems.push(ErrorDetail {
            code: code.to_owned(),
            message: message.to_owned(),
            field: Some(field.to_owned()),
        });
    };
    for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let value = value.trim();
        if value.is_empty() {
            let (code, message) = crate::search::EMPTY_PARAMETER;
            problem(code, &message.replace("{name}", &name), &name);
            continue;
        }
        match name.as_ref() {
            "undelivered" => match value {
                "true" | "1" => query.undelivered = true,
                "false" | "0" => query.undelivered = false,
                _ => problem(
                    "undelivered.format",
                    "undelivered is true or false.",
                    "undelivered",
                ),
            },
            "limit" => match value.parse::<i64>() {
                Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => query.limit = limit,
                _ => problem(
                    "limit.range",
                    "limit is a whole number from 1 to 100.",
                    "limit",
                ),
            },
            "cursor" => match decode_keyset(value, "evt_") {
                Some(after) => query.after = Some(after),
                None => problem(
                    "cursor.invalid",
                    "This cursor is not one this API gave out.",
                    "cursor",
                ),
            },
            other => problem(
                "query.unknown_parameter",
                &format!("{other} is not a parameter here."),
                other,
            ),
        }
    }
    if problems.is_empty() {
        Ok(query)
    } else {
        Err(ApiError::fields(problems))
    }
}
