//! 3-D Secure challenges: the checkout page asks how one stands or gives it
//! up; in test mode the simulated issuer's page is served here too.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use kassa_api::{ErrorBody, PayResponse};
use kassa_processor::ChallengeAnswer;

use crate::error::ApiError;
use crate::extract::{RawBody, well_formed};
use crate::issuer_page::{Message, render};
use crate::payments::challenge::{self, CodeOutcome, IssuerAction};
use crate::state::AppState;

fn not_found() -> ApiError {
    ApiError::not_found("challenge.not_found", "There is no such challenge.")
}

/// The invoice and challenge ids from the path, refused early when they
/// cannot be ids.
fn ids(invoice_id: &str, challenge_id: &str) -> Result<(), ApiError> {
    if well_formed(invoice_id, "inv_") && well_formed(challenge_id, "ch_") {
        Ok(())
    } else {
        Err(not_found())
    }
}

/// `GET /api/v1/checkout/{id}/challenges/{challenge_id}`: how a challenge
/// stands; the page asks until it ends.
#[utoipa::path(
    get,
    path = "/api/v1/checkout/{id}/challenges/{challenge_id}",
    tag = "checkout",
    summary = "How a 3-D Secure challenge stands",
    description = "While the shopper has not answered: `status: \"challenge\"` and the challenge again. \
        Once answered: the payment's answer, as `POST /api/v1/checkout/{id}/pay` would have given it.",
    params(
        ("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."),
        ("challenge_id" = String, Path, description = "The challenge id: `ch_` and 32 hex digits."),
    ),
    responses(
        (status = 200, description = "Waiting (`challenge`), or the payment's outcome.", body = PayResponse),
        (status = 404, description = "No such challenge on this invoice (`challenge.not_found`).", body = ErrorBody),
        (status = 410, description = "It timed out unanswered; nothing was charged (`challenge.expired`).", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all, fields(invoice_id = %invoice_id))]
pub(super) async fn challenge_get(
    State(state): State<AppState>,
    Path((invoice_id, challenge_id)): Path<(String, String)>,
) -> Result<Json<PayResponse>, ApiError> {
    ids(&invoice_id, &challenge_id)?;
    challenge::status(&state, &invoice_id, &challenge_id)
        .await
        .map(Json)
}

/// `POST /api/v1/checkout/{id}/challenges/{challenge_id}/abandon`: the
/// shopper closed the challenge; the payment is declined
/// (`authentication_failed`) and the shopper may pay again.
#[utoipa::path(
    post,
    path = "/api/v1/checkout/{id}/challenges/{challenge_id}/abandon",
    tag = "checkout",
    summary = "Give up a 3-D Secure challenge",
    description = "Declines the payment waiting for it (`declined.authentication_failed`, one attempt used). \
        A challenge already answered keeps its outcome, which is answered again.",
    params(
        ("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."),
        ("challenge_id" = String, Path, description = "The challenge id: `ch_` and 32 hex digits."),
    ),
    responses(
        (status = 200, description = "The payment's outcome.", body = PayResponse),
        (status = 404, description = "No such challenge on this invoice (`challenge.not_found`).", body = ErrorBody),
        (status = 410, description = "It timed out unanswered; nothing was charged (`challenge.expired`).", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; try again.", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all, fields(invoice_id = %invoice_id))]
pub(super) async fn challenge_abandon(
    State(state): State<AppState>,
    Path((invoice_id, challenge_id)): Path<(String, String)>,
) -> Result<Json<PayResponse>, ApiError> {
    ids(&invoice_id, &challenge_id)?;
    challenge::complete(
        &state,
        Some(&invoice_id),
        &challenge_id,
        ChallengeAnswer::Abandoned,
    )
    .await
    .map(Json)
}

/// `GET /challenge/{challenge_id}`: the simulated issuer's challenge page
/// (test mode).
#[utoipa::path(
    get,
    path = "/challenge/{challenge_id}",
    tag = "page",
    summary = "The simulated card issuer's 3-D Secure challenge (test mode)",
    description = "HTML without script, framed by the checkout page: the merchant, the amount, the one-time \
        code a real bank would text, a field for it, and a button to refuse.",
    params(("challenge_id" = String, Path, description = "The challenge id: `ch_` and 32 hex digits.")),
    responses(
        (status = 200, description = "The challenge (or its outcome, once answered).", content_type = "text/html"),
        (status = 404, description = "No such challenge (`challenge.not_found`).", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all)]
pub(super) async fn issuer_get(
    State(state): State<AppState>,
    Path(challenge_id): Path<String>,
) -> Result<Response, ApiError> {
    if !well_formed(&challenge_id, "ch_") {
        return Err(not_found());
    }
    let view = challenge::issuer_view(&state, &challenge_id).await?;
    Ok(render(&view, &Message::None))
}

/// The simulated issuer's form, as the page posts it (read by hand: any
/// other field is ignored, as a browser form's extra fields are).
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)]
pub(super) struct IssuerForm {
    /// `confirm` (with `code`) or `refuse`.
    #[schema(pattern = "^(confirm|refuse)$")]
    action: String,
    /// The one-time code the page shows: six digits.
    #[schema(pattern = "^[0-9]{0,16}$")]
    code: Option<String>,
}

/// `POST /challenge/{challenge_id}`: the shopper's answer on the simulated
/// issuer's page (`action=confirm` with `code`, or `action=refuse`).
#[utoipa::path(
    post,
    path = "/challenge/{challenge_id}",
    tag = "page",
    summary = "Answer the simulated issuer's challenge (test mode)",
    description = "A form post: `action=confirm` with the one-time `code` passes the challenge (three wrong codes \
        fail it), `action=refuse` fails it. Answers the page again, with the outcome.",
    params(("challenge_id" = String, Path, description = "The challenge id: `ch_` and 32 hex digits.")),
    request_body(content = IssuerForm, content_type = "application/x-www-form-urlencoded", description = "`action=confirm&code=123456` or `action=refuse`."),
    responses(
        (status = 200, description = "The page again: the outcome, or the form with a wrong-code message.", content_type = "text/html"),
        (status = 400, description = "No `action`, or an unknown one (`challenge.action`).", body = ErrorBody),
        (status = 404, description = "No such challenge (`challenge.not_found`).", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; answer again.", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all)]
pub(super) async fn issuer_post(
    State(state): State<AppState>,
    Path(challenge_id): Path<String>,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    if !well_formed(&challenge_id, "ch_") {
        return Err(not_found());
    }
    let mut action = None;
    let mut code = String::new();
    for (name, value) in url::form_urlencoded::parse(&body) {
        match name.as_ref() {
            "action" => action = Some(value.into_owned()),
            "code" => code = value.chars().take(16).collect(),
            _ => {}
        }
    }
    let action = match action.as_deref() {
        Some("confirm") => IssuerAction::Confirm,
        Some("refuse") => IssuerAction::Refuse,
        _ => {
            return Err(ApiError::field(
                "challenge.action",
                "Send action=confirm (with code) or action=refuse.",
                "action",
            ));
        }
    };
    let message = match challenge::issuer_answer(&state, &challenge_id, action, &code).await {
        Ok(CodeOutcome::WrongCode(tries)) => Message::WrongCode(tries),
        Ok(CodeOutcome::Ended(_)) => Message::None,
        // Timed out: the page says so.
        Err(error) if error.status() == axum::http::StatusCode::GONE => Message::None,
        Err(error) => return Err(error),
    };
    let view = challenge::issuer_view(&state, &challenge_id).await?;
    Ok(render(&view, &message).into_response())
}

/// `GET /challenge/return/{id}`: where a gateway's own 3-D Secure page
/// sends the shopper back, inside the checkout's frame.
#[utoipa::path(
    get,
    path = "/challenge/return/{id}",
    tag = "page",
    summary = "Back from a gateway's 3-D Secure page",
    description = "The gateway's challenge page (Stripe's) sends the shopper here when done: the invoice's waiting \
        challenge is completed with the gateway's outcome, and a short page (HTML, no script) says how it ended; \
        the checkout page, which asks how the challenge stands, moves on by itself.",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits.")),
    responses(
        (status = 200, description = "How the challenge ended.", content_type = "text/html"),
        (status = 404, description = "No challenge waits on this invoice (`challenge.not_found`).", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; reload to try again.", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all, fields(invoice_id = %invoice_id))]
pub(super) async fn issuer_return(
    State(state): State<AppState>,
    Path(invoice_id): Path<String>,
) -> Result<Response, ApiError> {
    if !well_formed(&invoice_id, "inv_") {
        return Err(not_found());
    }
    let view = challenge::returned(&state, &invoice_id).await?;
    Ok(render(&view, &Message::None))
}
