//! The merchant API: create, search, read and cancel invoices.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kassa_api::{
    ChargeResult, CreateInvoiceRequest, ErrorBody, InvoiceList, InvoiceResponse, InvoiceStatus,
};

use crate::clock::now_ms;
use crate::error::ApiError;
use crate::events::new_event;
use crate::extract::{AuthenticatedMerchant, InvoiceId, RawBody, not_found, parse_json};
use crate::invoices::{response, validate_new};
use crate::openapi::CreatedInvoice;
use crate::server_to_server;
use crate::state::AppState;
use crate::store::{IdempotentResponse, InvoiceRecord, MerchantRecord, StoreError};

/// `POST /api/v1/invoices`: an invoice for the shopper to pay on
/// `payment_url`; with `card_number` and the shopper's details
/// (server-to-server), the invoice is charged at once and the answer carries
/// the outcome under `payment`.
#[utoipa::path(
    post,
    path = "/api/v1/invoices",
    tag = "invoices",
    summary = "Create an invoice (or charge a card, server-to-server)",
    params(("Idempotency-Key" = Option<String>, Header, description = "1 to 255 characters. The same key and body get the first answer again (with `Idempotent-Replayed: true`); another body with the key is a 422 `idempotency_key.reused`; a key whose request is still running is a 409 `idempotency_key.in_use`.")),
    request_body(content = CreateInvoiceRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Created (and, server-to-server, charged).", body = CreatedInvoice,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is a stored answer."))),
        (status = 400, description = "The body or a field is not valid; `field` names it, `errors` lists every one.", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 409, description = "The Idempotency-Key belongs to a request still running.", body = ErrorBody),
        (status = 422, description = "The Idempotency-Key was used with another body.", body = ErrorBody),
        (status = 429, description = "Too many charges for this customer address (server-to-server).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn invoices_create(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    let request = parse_json::<CreateInvoiceRequest>(&body);
    if let Ok(request) = &request
        && server_to_server::requested(request)
    {
        return create_and_charge(&state, &merchant, &headers, request).await;
    }
    let idempotency = match begin_idempotent(
        &state,
        &merchant.id,
        &headers,
        "POST /api/v1/invoices",
        &body,
    )
    .await?
    {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(key) => key,
    };
    let request = request?;
    let now = now_ms();
    let invoice = validate_new(
        &request,
        &merchant,
        &state.settings,
        crate::ids::new_id("inv"),
        now,
    )?;
    crate::payments::ensure_capture_supported(&state, &merchant, &invoice).await?;
    let created = response(&invoice, &state.public_url, now);
    let body_text = serde_json::to_string(&created).map_err(ApiError::internal)?;
    let stored = idempotency
        .as_ref()
        .map(|key| key.stored(&merchant.id, StatusCode::CREATED, &body_text, now));
    match state.store.create_invoice(&invoice, stored.as_ref()).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => {
            // The same key won a race with this request: answer as it did.
            let key = idempotency
                .as_ref()
                .ok_or_else(|| ApiError::internal("conflict without a key"))?;
            return replay(&state, &merchant.id, key)
                .await?
                .ok_or_else(|| ApiError::internal("lost idempotent response"));
        }
        Err(error) => return Err(error.into()),
    }
    tracing::info!(invoice_id = %invoice.id, "invoice created");
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Server-to-server mode of `POST /api/v1/invoices`: create the invoice
/// and charge it at once; the answer carries the outcome.
async fn create_and_charge(
    state: &AppState,
    merchant: &MerchantRecord,
    headers: &HeaderMap,
    request: &CreateInvoiceRequest,
) -> Result<Response, ApiError> {
    let canonical =
        serde_json::to_vec(&server_to_server::card_free(request)).map_err(ApiError::internal)?;
    let idempotency =
        IdempotencyKey::from_headers(state, headers, "POST /api/v1/invoices", &canonical)?;
    if let Some(key) = &idempotency
        && let Some(stored) = replay_charge(state, &merchant.id, key).await?
    {
        return Ok(stored);
    }
    let now = now_ms();
    let direct = server_to_server::validate(
        request,
        merchant,
        &state.settings,
        crate::ids::new_id("inv"),
        now,
    )?;
    crate::payments::ensure_capture_supported(state, merchant, &direct.invoice).await?;
    if !state.pay_limiter.allow(direct.customer_ip, now) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many payment attempts from this customer address. Wait a minute and try again.",
            None,
        ));
    }
    store_and_charge(
        state,
        direct.invoice,
        &direct.payment,
        direct.customer_ip,
        idempotency.as_ref(),
        now,
    )
    .await
}

/// Stores an invoice made to be charged at once (server to server, or a
/// saved card's merchant-initiated charge) with its idempotency marker,
/// charges it with one attempt, and answers with the invoice and the
/// charge's outcome (201). A request that lost the race for its key gets
/// the winner's answer.
pub(super) async fn store_and_charge(
    state: &AppState,
    invoice: InvoiceRecord,
    payment: &kassa_api::PayRequest,
    client: std::net::IpAddr,
    idempotency: Option<&IdempotencyKey>,
    now: i64,
) -> Result<Response, ApiError> {
    let merchant_id = invoice.merchant_id.clone();
    let marker = serde_json::to_string(&server_to_server::StoredCharge {
        server_to_server_invoice: invoice.id.clone(),
    })
    .map_err(ApiError::internal)?;
    let stored = idempotency.map(|key| key.stored(&merchant_id, StatusCode::CREATED, &marker, now));
    match state.store.create_invoice(&invoice, stored.as_ref()).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => {
            let key = idempotency.ok_or_else(|| ApiError::internal("conflict without a key"))?;
            return replay_charge(state, &merchant_id, key)
                .await?
                .ok_or_else(|| ApiError::internal("lost idempotent response"));
        }
        Err(error) => return Err(error.into()),
    }
    tracing::info!(invoice_id = %invoice.id, "invoice created to be charged at once");
    let id = invoice.id.clone();
    let paid = crate::payments::charge(
        state,
        invoice,
        payment,
        crate::payments::Payer {
            client,
            key: None,
            max_attempts: server_to_server::MAX_ATTEMPTS,
            shopper_present: false,
        },
        now,
    )
    .await?;
    let after = state
        .store
        .invoice(&id)
        .await?
        .ok_or_else(|| ApiError::internal("charged invoice missing"))?;
    let result = ChargeResult {
        status: paid.status,
        decline: paid.decline,
    };
    let body = server_to_server::answer(&after, &state.public_url, now_ms(), Some(result))
        .ok_or_else(|| ApiError::internal("no answer for a charged invoice"))?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// A server-to-server request's stored answer: the invoice it created, as
/// it is now (409 while its charge still runs).
pub(super) async fn replay_charge(
    state: &AppState,
    merchant_id: &str,
    key: &IdempotencyKey,
) -> Result<Option<Response>, ApiError> {
    let Some(stored) = state
        .store
        .idempotent_response(merchant_id, &key.key)
        .await?
    else {
        return Ok(None);
    };
    let Ok(marker) = serde_json::from_str::<server_to_server::StoredCharge>(&stored.response_body)
    else {
        // Not a direct charge's key: the ordinary replay answers (a 422, as
        // the bodies differ).
        return replay(state, merchant_id, key).await;
    };
    if !crate::secrets::hashes_match(&stored.request_hash, &key.request_hash) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key.reused",
            "This Idempotency-Key was used with a different request.",
            Some("Idempotency-Key"),
        ));
    }
    let invoice = owned_invoice(state, merchant_id, &marker.server_to_server_invoice).await?;
    let Some(body) = server_to_server::answer(&invoice, &state.public_url, now_ms(), None) else {
        return Err(ApiError::conflict(
            "idempotency_key.in_use",
            "This Idempotency-Key is being used by another request.",
        ));
    };
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    response.headers_mut().insert(
        "idempotent-replayed",
        axum::http::HeaderValue::from_static("true"),
    );
    Ok(Some(response))
}

/// `GET /api/v1/invoices`: the merchant's invoices, newest first, filtered
/// and paged with an opaque cursor. Unknown parameters are refused.
#[utoipa::path(
    get,
    path = "/api/v1/invoices",
    tag = "invoices",
    summary = "Search invoices",
    params(
        ("status" = Option<InvoiceStatus>, Query, description = "Only invoices in this state (open invoices past expiry count as expired)."),
        ("created_from" = Option<String>, Query, description = "Created at or after this RFC 3339 time, or from the start of this date (`2026-11-21`, UTC)."),
        ("created_to" = Option<String>, Query, description = "Created before this RFC 3339 time, or by the end of this date (`2026-11-21`, UTC)."),
        ("reference" = Option<String>, Query, pattern = "^[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*$", description = "The merchant's order id, exactly (no control characters)."),
        ("email" = Option<String>, Query, format = Email, description = "The shopper's email."),
        ("brand" = Option<String>, Query, min_length = 1, description = "Card brand id (`visa`; `GET /api/v1/cards/brands` lists them)."),
        ("last4" = Option<String>, Query, pattern = "^[0-9]{4}$", description = "The card's last four digits."),
        ("three_d_secure" = Option<String>, Query, pattern = "^(authenticated|attempted|failed)$", description = "What 3-D Secure said: `authenticated`, `attempted` (issuer not enrolled, liability shifted) or `failed` (not authenticated, no liability shift)."),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "Invoices per page, 1 to 100 (20)."),
        ("cursor" = Option<String>, Query, pattern = "^76313a(3[0-9]){1,18}3a696e765f(3[0-9]|6[1-6]){32}$", description = "The `next_cursor` of the previous page of the same search, exactly as given (the pattern is what this API gives out; anything else is refused with 400 `cursor.invalid`)."),
    ),
    responses(
        (status = 200, description = "One page, newest first.", body = InvoiceList),
        (status = 400, description = "A parameter is not valid (each one under `errors`).", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn invoices_search(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    RawQuery(raw): RawQuery,
) -> Result<Json<InvoiceList>, ApiError> {
    let now = now_ms();
    let mut query = crate::search::parse_query(raw.as_deref(), &merchant.id, now)?;
    let limit = query.limit;
    // One more than asked, to know whether another page follows.
    query.limit = limit + 1;
    let mut invoices = state.store.search_invoices(&query).await?;
    let more = i64::try_from(invoices.len()).unwrap_or(i64::MAX) > limit;
    invoices.truncate(usize::try_from(limit).unwrap_or(0));
    let next_cursor = invoices
        .last()
        .filter(|_| more)
        .map(|last| crate::search::encode_cursor(last.created_at, &last.id));
    Ok(Json(InvoiceList {
        data: invoices
            .iter()
            .map(|invoice| response(invoice, &state.public_url, now))
            .collect(),
        next_cursor,
    }))
}

/// `GET /api/v1/invoices/{id}`: one of the merchant's invoices.
#[utoipa::path(
    get,
    path = "/api/v1/invoices/{id}",
    tag = "invoices",
    summary = "Read an invoice",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits.")),
    responses(
        (status = 200, description = "The invoice.", body = InvoiceResponse),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, invoice_id = %id))]
pub(super) async fn invoices_get(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
) -> Result<Json<InvoiceResponse>, ApiError> {
    let invoice = owned_invoice(&state, &merchant.id, &id).await?;
    Ok(Json(response(&invoice, &state.public_url, now_ms())))
}

/// `POST /api/v1/invoices/{id}/cancel`: an open invoice can no longer be
/// paid; `invoice.canceled` follows.
#[utoipa::path(
    post,
    path = "/api/v1/invoices/{id}/cancel",
    tag = "invoices",
    summary = "Cancel an invoice",
    params(("id" = String, Path, description = "The invoice id: `inv_` and 32 hex digits."), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 characters. The same key and body get the first answer again (with `Idempotent-Replayed: true`); another body with the key is a 422 `idempotency_key.reused`; a key whose request is still running is a 409 `idempotency_key.in_use`.")),
    responses(
        (status = 200, description = "Canceled.", body = InvoiceResponse),
        (status = 400, description = "The Idempotency-Key is not 1 to 255 visible characters (`idempotency_key.format`).", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such invoice, or another merchant's (`invoice.not_found`).", body = ErrorBody),
        (status = 409, description = "Not open (`invoice.<status>`), or a payment is in progress (`payment.in_progress`).", body = ErrorBody),
        (status = 410, description = "It expired (`invoice.expired`).", body = ErrorBody),
        (status = 422, description = "The Idempotency-Key was used with another request.", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, invoice_id = %id))]
pub(super) async fn invoices_cancel(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    InvoiceId(id): InvoiceId,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    let path = format!("POST /api/v1/invoices/{id}/cancel");
    let idempotency = match begin_idempotent(&state, &merchant.id, &headers, &path, &body).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(key) => key,
    };
    let invoice = owned_invoice(&state, &merchant.id, &id).await?;
    let now = now_ms();
    // The answer is stored in the same transaction as the cancel.
    let stored = |canceled: &InvoiceRecord| -> Result<Option<IdempotentResponse>, ApiError> {
        let Some(key) = &idempotency else {
            return Ok(None);
        };
        let body = serde_json::to_string(&response(canceled, &state.public_url, now))
            .map_err(ApiError::internal)?;
        Ok(Some(key.stored(&merchant.id, StatusCode::OK, &body, now)))
    };
    match cancel(&state, &invoice, now, stored).await {
        Ok(canceled) => Ok(Json(response(&canceled, &state.public_url, now)).into_response()),
        Err(error) => {
            // A concurrent request with the same key may have won the race:
            // answer as it did.
            if let Some(key) = &idempotency
                && let Some(stored) = replay(&state, &merchant.id, key).await?
            {
                return Ok(stored);
            }
            Err(error)
        }
    }
}

/// Cancels an invoice that is open (or expired-but-unswept is refused as 410).
///
/// # Errors
/// 409 when its state does not allow canceling, 410 when it expired.
pub(crate) async fn cancel(
    state: &AppState,
    invoice: &InvoiceRecord,
    now: i64,
    idempotent_answer: impl FnOnce(&InvoiceRecord) -> Result<Option<IdempotentResponse>, ApiError>,
) -> Result<InvoiceRecord, ApiError> {
    match crate::invoices::visible_status(invoice, now) {
        InvoiceStatus::Open => {}
        InvoiceStatus::Expired => {
            crate::workers::expire(state, &invoice.id, now).await?;
            return Err(ApiError::new(
                StatusCode::GONE,
                "invoice.expired",
                "This invoice has expired.",
                None,
            ));
        }
        status => {
            return Err(ApiError::conflict(
                &format!("invoice.{}", status.as_str()),
                &format!(
                    "This invoice is {} and cannot be canceled.",
                    status.as_str().replace('_', " ")
                ),
            ));
        }
    }
    let canceled = InvoiceRecord {
        status: InvoiceStatus::Canceled,
        updated_at: now,
        ..invoice.clone()
    };
    let event = new_event(&canceled, now);
    let stored = idempotent_answer(&canceled)?;
    let changed = state
        .store
        .transition(
            &invoice.id,
            &[InvoiceStatus::Open],
            InvoiceStatus::Canceled,
            &event,
            now,
            stored.as_ref(),
        )
        .await;
    let changed = match changed {
        Ok(changed) => changed,
        Err(StoreError::Conflict) => {
            return Err(ApiError::conflict(
                "idempotency_key.in_use",
                "This Idempotency-Key is being used by another request.",
            ));
        }
        Err(error) => return Err(error.into()),
    };
    if !changed {
        // Either a payment holds the invoice, or another request changed it
        // a moment ago: say which.
        let current = state
            .store
            .invoice(&invoice.id)
            .await?
            .map(|now_stored| now_stored.status);
        return Err(match current {
            Some(status) if status != InvoiceStatus::Open => ApiError::conflict(
                &format!("invoice.{}", status.as_str()),
                &format!(
                    "This invoice is {} and cannot be canceled.",
                    status.as_str().replace('_', " ")
                ),
            ),
            _ => ApiError::conflict(
                "payment.in_progress",
                "A payment for this invoice is in progress; it cannot be canceled now.",
            ),
        });
    }
    state.outbox_wakeup.notify_one();
    tracing::info!(invoice_id = %invoice.id, "invoice canceled");
    Ok(canceled)
}

pub(super) async fn owned_invoice(
    state: &AppState,
    merchant_id: &str,
    id: &str,
) -> Result<InvoiceRecord, ApiError> {
    match state.store.invoice(id).await? {
        // Another merchant's invoice is as invisible as a missing one.
        Some(invoice) if invoice.merchant_id == merchant_id => Ok(invoice),
        _ => Err(not_found()),
    }
}

/// An `Idempotency-Key` header, bound to the request it came with.
pub(super) struct IdempotencyKey {
    pub(super) key: String,
    pub(super) request_hash: String,
}

impl IdempotencyKey {
    pub(super) fn from_headers(
        state: &AppState,
        headers: &HeaderMap,
        route: &str,
        body: &[u8],
    ) -> Result<Option<IdempotencyKey>, ApiError> {
        let Some(value) = headers.get("idempotency-key") else {
            return Ok(None);
        };
        let key = value.to_str().map(str::trim).unwrap_or_default();
        if !crate::extract::valid_idempotency_key(key) {
            return Err(ApiError::field(
                "idempotency_key.format",
                "An Idempotency-Key is 1 to 255 visible characters.",
                "Idempotency-Key",
            ));
        }
        // Keyed, like the page's payment keys: bodies are not stored, and
        // nothing stored should let anyone test guesses about them.
        let mut bound = Vec::with_capacity(route.len() + 1 + body.len());
        bound.extend_from_slice(route.as_bytes());
        bound.push(0);
        bound.extend_from_slice(body);
        Ok(Some(IdempotencyKey {
            key: key.to_owned(),
            request_hash: state.sealing_key.fingerprint(&bound),
        }))
    }

    pub(super) fn stored(
        &self,
        merchant_id: &str,
        status: StatusCode,
        body: &str,
        now: i64,
    ) -> IdempotentResponse {
        IdempotentResponse {
            merchant_id: merchant_id.to_owned(),
            key: self.key.clone(),
            request_hash: self.request_hash.clone(),
            status_code: status.as_u16(),
            response_body: body.to_owned(),
            created_at: now,
        }
    }
}

/// Where an idempotent request starts: a stored answer to replay, or the
/// key (if any) to store this request's answer under.
pub(super) enum Begun {
    Replayed(Response),
    Fresh(Option<IdempotencyKey>),
}

/// Reads the `Idempotency-Key` and replays a stored answer for it.
pub(super) async fn begin_idempotent(
    state: &AppState,
    merchant_id: &str,
    headers: &HeaderMap,
    route: &str,
    body: &[u8],
) -> Result<Begun, ApiError> {
    let key = IdempotencyKey::from_headers(state, headers, route, body)?;
    if let Some(key) = &key
        && let Some(stored) = replay(state, merchant_id, key).await?
    {
        return Ok(Begun::Replayed(stored));
    }
    Ok(Begun::Fresh(key))
}

/// The stored answer for a key: the same request gets it again; another
/// request with the same key gets a 422.
pub(super) async fn replay(
    state: &AppState,
    merchant_id: &str,
    key: &IdempotencyKey,
) -> Result<Option<Response>, ApiError> {
    let Some(stored) = state
        .store
        .idempotent_response(merchant_id, &key.key)
        .await?
    else {
        return Ok(None);
    };
    if !crate::secrets::hashes_match(&stored.request_hash, &key.request_hash) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key.reused",
            "This Idempotency-Key was used with a different request.",
            Some("Idempotency-Key"),
        ));
    }
    let status = StatusCode::from_u16(stored.status_code).map_err(ApiError::internal)?;
    let mut response = (status, stored.response_body).into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    response.headers_mut().insert(
        "idempotent-replayed",
        axum::http::HeaderValue::from_static("true"),
    );
    Ok(Some(response))
}
