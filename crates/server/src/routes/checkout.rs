//! The checkout API the hosted page calls. The invoice id is the capability:
//! it is unguessable, and these routes reveal only what the page needs.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use kassa_api::{CheckoutView, ErrorBody, PayRequest, PayResponse, PayStatus};
use serde::Serialize;

use crate::payments::PayKey;

use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::{InvoiceId, RawBody, not_found, parse_json};
use crate::state::AppState;

/// `GET /api/v1/checkout/{id}`: what the payment page shows, and nothing
/// more (never the callback JSON, the merchant's URLs or secrets).
#[utoipa::path(
    get,
    path = "/api/v1/checkout/{id}",
    tag = "checkout",
    summary = "What the payment page shows",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits.")),
    responses(
        (status = 200, description = "The page's view of the invoice.", body = CheckoutView),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all, fields(invoice_id = %id))]
pub(super) async fn checkout_get(
    State(state): State<AppState>,
    InvoiceId(id): InvoiceId,
) -> Result<Json<CheckoutView>, ApiError> {
    let invoice = state.store.invoice(&id).await?.ok_or_else(not_found)?;
    let merchant = state
        .store
        .merchant(&invoice.merchant_id)
        .await?
        .ok_or_else(not_found)?;
    let holder_id_required = state
        .processors
        .of_merchant(&state, &merchant)
        .await?
        .needs_holder_id();
    let now = now_ms();
    let mut view = crate::invoices::checkout_view(
        &invoice,
        &merchant,
        crate::payments::max_attempts(&state, &invoice),
        now,
        holder_id_required,
    );
    view.challenge = crate::payments::challenge::open_for(&state, &invoice).await?;
    view.surcharge = crate::payments::surcharge::offer_for(&state, &invoice).await?;
    if invoice.card_saving.offer_saved
        && let Some(customer) = &invoice.card_saving.customer
    {
        view.saved_cards =
            crate::vault::offered_cards(&state, &invoice.merchant_id, customer, now).await?;
    }
    Ok(Json(view))
}

/// `POST /api/v1/checkout/{id}/pay`, with an optional `Idempotency-Key`:
/// the shopper pays. Card data is validated again, never stored or logged.
#[utoipa::path(
    post,
    path = "/api/v1/checkout/{id}/pay",
    tag = "checkout",
    summary = "Pay an invoice",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 characters, made by the page once per attempt: a retried request gets the first answer, never a second charge.")),
    request_body(content = PayRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Paid, pending, declined or failed: `status` says which, `redirect_url` where to go.", body = PayResponse),
        (status = 400, description = "A field is not valid (`card.number`, `card.expiry`, …); each one under `errors`.", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
        (status = 409, description = "Not payable (`invoice.<status>`), or a payment is in progress.", body = ErrorBody),
        (status = 410, description = "It expired (`invoice.expired`).", body = ErrorBody),
        (status = 429, description = "Too many payment attempts from this address.", body = ErrorBody),
        (status = 502, description = "The processor could not be reached; nothing was charged.", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all, fields(invoice_id = %id, client = tracing::field::Empty))]
pub(super) async fn checkout_pay(
    State(state): State<AppState>,
    InvoiceId(id): InvoiceId,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Json<PayResponse>, ApiError> {
    let request: PayRequest = parse_json(&body)?;
    let key = match headers
        .get("idempotency-key")
        .map(|value| value.to_str().map(str::trim))
    {
        None => None,
        Some(Ok(key)) if crate::extract::valid_idempotency_key(key) => Some(PayKey {
            key: key.to_owned(),
            request_hash: card_free_fingerprint(&state, &request),
        }),
        Some(_) => {
            return Err(ApiError::field(
                "idempotency_key.format",
                "An Idempotency-Key is 1 to 255 visible characters.",
                "Idempotency-Key",
            ));
        }
    };
    // Behind a trusted proxy, the shopper's address is the one it forwarded.
    let client = crate::client_address::client_address(
        peer.ip(),
        &headers,
        &state.settings.trusted_proxies,
        state.settings.forwarded_header,
    );
    tracing::Span::current().record("client", tracing::field::display(client));
    let answer = crate::payments::pay(&state, &id, &request, client, key.as_ref()).await?;
    if answer.status == PayStatus::Succeeded {
        tracing::info!("paid");
    }
    Ok(Json(answer))
}

/// A fingerprint of a payment request with the card number reduced to its
/// masked form and the security code left out: nothing stored may help
/// anyone recover card data, even with the server's key.
fn card_free_fingerprint(state: &AppState, request: &PayRequest) -> String {
    let mut canonical = request.clone();
    canonical.card.number = kassa_card::CardNumber::parse(&request.card.number)
        .map(|card| card.masked())
        .unwrap_or_default();
    canonical.card.cvv = String::new();
    state
        .sealing_key
        .fingerprint(&serde_json::to_vec(&canonical).unwrap_or_default())
}

/// The answer to a shopper's cancel: where to go.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(super) struct CancelAnswer {
    /// Always `canceled`.
    #[schema(value_type = String, example = "canceled")]
    status: &'static str,
    /// The merchant's cancel URL, signed.
    redirect_url: String,
}

/// `POST /api/v1/checkout/{id}/cancel`: the shopper gives up; back to the
/// merchant's cancel URL.
#[utoipa::path(
    post,
    path = "/api/v1/checkout/{id}/cancel",
    tag = "checkout",
    summary = "Give up paying",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits.")),
    responses(
        (status = 200, description = "Canceled (also when it already was).", body = CancelAnswer),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
        (status = 409, description = "Not open (paid, failed, …), or a payment is in progress.", body = ErrorBody),
        (status = 410, description = "It expired (`invoice.expired`).", body = ErrorBody),
    ),
)]
#[tracing::instrument(skip_all, fields(invoice_id = %id))]
pub(super) async fn checkout_cancel(
    State(state): State<AppState>,
    InvoiceId(id): InvoiceId,
) -> Result<Json<CancelAnswer>, ApiError> {
    let invoice = state.store.invoice(&id).await?.ok_or_else(not_found)?;
    let merchant = state
        .store
        .merchant(&invoice.merchant_id)
        .await?
        .ok_or_else(not_found)?;
    // A browser that lost the first answer and asks again gets the same way
    // back to the merchant, not a dead end.
    if invoice.status != kassa_api::InvoiceStatus::Canceled {
        super::invoices::cancel(&state, &invoice, now_ms(), |_| Ok(None)).await?;
    }
    let redirect_url = crate::redirect::signed_redirect(
        &state,
        &merchant,
        &invoice.cancel_url,
        &id,
        kassa_api::InvoiceStatus::Canceled,
    )?;
    state.store.set_redirect_url(&id, &redirect_url).await?;
    Ok(Json(CancelAnswer {
        status: "canceled",
        redirect_url,
    }))
}
