//! The checkout API the hosted page calls. The invoice id is the capability:
//! it is unguessable, and these routes reveal only what the page needs.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use kassa_api::{CheckoutView, PayRequest, PayResponse, PayStatus};
use serde::Serialize;

use crate::payments::PayKey;

use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::{InvoiceId, RawBody, not_found, parse_json};
use crate::state::AppState;

/// `GET /api/v1/checkout/{id}`.
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
    let view = crate::invoices::checkout_view(
        &invoice,
        &merchant.name,
        state.settings.max_payment_attempts,
        now_ms(),
    );
    Ok(Json(view))
}

/// `POST /api/v1/checkout/{id}/pay`, with an optional `Idempotency-Key`.
#[tracing::instrument(skip_all, fields(invoice_id = %id))]
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
        Some(Ok(key)) if !key.is_empty() && key.len() <= 255 => Some(PayKey {
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
    let answer = crate::payments::pay(&state, &id, &request, peer.ip(), key.as_ref()).await?;
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
#[derive(Debug, Serialize)]
pub(super) struct CancelAnswer {
    status: &'static str,
    redirect_url: String,
}

/// `POST /api/v1/checkout/{id}/cancel`: the shopper gives up; back to the
/// merchant's cancel URL.
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
    Ok(Json(CancelAnswer {
        status: "canceled",
        redirect_url,
    }))
}
