//! The invoice behind `POST /api/v1/payments`: a merchant charging a saved
//! card without the shopper. Everything is checked before the invoice is
//! stored, so a refused request leaves nothing behind.

use kassa_api::{CreateInvoiceRequest, CreatePaymentRequest};
use kassa_processor::ChargeReason;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{InvoiceRecord, MerchantRecord};

/// Stands in for the redirect URLs the invoice checks require: no shopper
/// is redirected after a merchant-initiated charge, and they are not kept.
const NO_REDIRECT: &str = "https://merchant-initiated.invalid/";

/// Checks a merchant-initiated charge and makes its invoice (not stored):
/// the saved card's customer and email, the amount and currency checked as
/// on `POST /api/v1/invoices`, the reason kept.
///
/// # Errors
/// 400 with every field problem: `payment_method.required`,
/// `payment_method.not_found`, `payment_method.expired`, `reason.required`,
/// `reason.unknown`, and the invoice fields' own.
pub async fn merchant_initiated_invoice(
    state: &AppState,
    merchant: &MerchantRecord,
    request: &CreatePaymentRequest,
    now: i64,
) -> Result<InvoiceRecord, ApiError> {
    let reason = match request.reason.as_deref() {
        None => {
            return Err(ApiError::field(
                "reason.required",
                "Say why the card is charged: unscheduled, recurring or installment.",
                "reason",
            ));
        }
        Some(text) => ChargeReason::parse(text).ok_or_else(|| {
            ApiError::field(
                "reason.unknown",
                "reason is unscheduled, recurring or installment.",
                "reason",
            )
        })?,
    };
    let id = request.payment_method.as_deref().ok_or_else(|| {
        ApiError::field(
            "payment_method.required",
            "Give the saved card to charge.",
            "payment_method",
        )
    })?;
    let not_found = || {
        ApiError::field(
            "payment_method.not_found",
            "There is no such saved card.",
            "payment_method",
        )
    };
    let method = state
        .store
        .payment_method(id)
        .await?
        .filter(|method| method.merchant_id == merchant.id)
        .ok_or_else(not_found)?;
    if super::expired(&method, now) {
        return Err(ApiError::field(
            "payment_method.expired",
            "This saved card has expired; ask the customer for another card.",
            "payment_method",
        ));
    }
    let as_invoice = CreateInvoiceRequest {
        email: Some(method.email.clone()),
        amount: request.amount.clone(),
        currency: request.currency.clone(),
        success_url: Some(NO_REDIRECT.to_owned()),
        cancel_url: Some(NO_REDIRECT.to_owned()),
        pending_url: Some(NO_REDIRECT.to_owned()),
        failure_url: Some(NO_REDIRECT.to_owned()),
        callback_json: request.callback_json.clone(),
        description: request.description.clone(),
        reference: request.reference.clone(),
        customer: Some(method.customer.clone()),
        ..CreateInvoiceRequest::default()
    };
    let mut invoice = crate::invoices::validate_new(
        &as_invoice,
        merchant,
        &state.settings,
        crate::ids::new_id("inv"),
        now,
    )?;
    for url in [
        &mut invoice.success_url,
        &mut invoice.cancel_url,
        &mut invoice.pending_url,
        &mut invoice.failure_url,
    ] {
        url.clear();
    }
    invoice.card_saving.reason = Some(reason.as_str().to_owned());
    invoice.payment_method_id = Some(method.id);
    Ok(invoice)
}
