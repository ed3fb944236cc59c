//! A customer's saved cards: `GET /api/v1/customers/{customer}/payment_methods`
//! and `DELETE /api/v1/payment_methods/{id}`.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use kassa_api::{ErrorBody, PaymentMethodList, PaymentMethodView};

use crate::clock::now_ms;
use crate::error::ApiError;
use crate::extract::AuthenticatedMerchant;
use crate::state::AppState;

/// `GET /api/v1/customers/{customer}/payment_methods`: the customer's saved
/// cards, newest first: brand, last four, expiry and dates, never more.
#[utoipa::path(
    get,
    path = "/api/v1/customers/{customer}/payment_methods",
    tag = "saved cards",
    summary = "List a customer's saved cards",
    params(("customer" = String, Path, min_length = 1, max_length = 200, pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]+$", description = "The merchant's customer reference, as given with `customer` on the invoice that saved the card (URL-encoded).")),
    responses(
        (status = 200, description = "The saved cards (an empty list for an unknown customer).", body = PaymentMethodList),
        (status = 400, description = "Not a customer reference (`customer.length`, `customer.format`).", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn payment_methods_list(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    Customer(customer): Customer,
) -> Result<Json<PaymentMethodList>, ApiError> {
    let methods = state
        .store
        .payment_methods_of(&merchant.id, &customer)
        .await?;
    Ok(Json(PaymentMethodList {
        data: methods.iter().map(crate::vault::view).collect(),
    }))
}

/// `DELETE /api/v1/payment_methods/{id}`: forgets a saved card. Its sealed
/// number and fingerprint are erased at once (crypto-shredding); what is
/// left is what this API shows, for the merchant's records.
#[utoipa::path(
    delete,
    path = "/api/v1/payment_methods/{id}",
    tag = "saved cards",
    summary = "Delete a saved card",
    params(("id" = String, Path, pattern = "^pm_[0-9a-f]{32}$", description = "The saved card: `pm_` and 32 hex digits.")),
    responses(
        (status = 200, description = "Deleted; the card as it was.", body = PaymentMethodView),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
        (status = 404, description = "No such saved card, another merchant's, or deleted already (`payment_method.not_found`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id, payment_method = %id))]
pub(super) async fn payment_methods_delete(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    PaymentMethodId(id): PaymentMethodId,
) -> Result<Json<PaymentMethodView>, ApiError> {
    let method = state
        .store
        .payment_method(&id)
        .await?
        .filter(|method| method.merchant_id == merchant.id)
        .ok_or_else(not_found)?;
    if !state
        .store
        .delete_payment_method(&merchant.id, &id, now_ms())
        .await?
    {
        return Err(not_found());
    }
    tracing::info!("saved card deleted");
    Ok(Json(crate::vault::view(&method)))
}

pub(super) fn not_found() -> ApiError {
    ApiError::not_found("payment_method.not_found", "There is no such saved card.")
}

/// A saved card's id from the path (`pm_` and 32 hex digits).
#[derive(Debug, Clone)]
pub(super) struct PaymentMethodId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PaymentMethodId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| not_found())?;
        if is_payment_method_id(&id) {
            Ok(PaymentMethodId(id))
        } else {
            Err(not_found())
        }
    }
}

/// Whether `id` has the shape of a saved card's id.
pub(super) fn is_payment_method_id(id: &str) -> bool {
    id.strip_prefix("pm_").is_some_and(|hex| {
        hex.len() == 32
            && hex
                .bytes()
                .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// A customer reference from the path, checked as on invoices.
#[derive(Debug, Clone)]
pub(super) struct Customer(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Customer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(customer) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| {
                ApiError::field(
                    "customer.format",
                    "The customer reference is not valid UTF-8.",
                    "customer",
                )
            })?;
        crate::invoices::check_customer(&customer)
            .map(Customer)
            .map_err(|problem| ApiError::fields(vec![problem]))
    }
}
