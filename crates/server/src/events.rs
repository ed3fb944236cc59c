//! Outbox events: what a merchant's callback receives.

use kassa_api::InvoiceStatus;
use serde_json::json;

use crate::clock::rfc3339;
use crate::invoices::amount_string;
use crate::store::{InvoiceRecord, NewEvent};

/// The event type for an invoice reaching `status`.
pub fn kind_for(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Paid => "invoice.paid",
        InvoiceStatus::Pending => "invoice.pending",
        InvoiceStatus::Failed => "invoice.failed",
        InvoiceStatus::Canceled => "invoice.canceled",
        InvoiceStatus::Expired => "invoice.expired",
        InvoiceStatus::Refunded | InvoiceStatus::PartiallyRefunded => "refund.succeeded",
        InvoiceStatus::Open => "invoice.updated",
    }
}

/// An event for `invoice` as it is after the change. The merchant's
/// callback JSON goes in byte for byte as `merchant_data`.
pub fn new_event(invoice: &InvoiceRecord, now: i64) -> NewEvent {
    let id = crate::ids::new_id("evt");
    let kind = kind_for(invoice.status);
    let body = json!({
        "id": id,
        "type": kind,
        "created_at": rfc3339(now),
        "invoice": {
            "id": invoice.id,
            "status": invoice.status,
            "amount": amount_string(invoice),
            "amount_minor": invoice.amount_minor,
            "currency": invoice.currency,
            "reference": invoice.reference,
            "email": invoice.email,
            "card": invoice.card,
            "authorization_code": invoice.authorization_code,
            "transaction_ref": invoice.transaction_ref,
            "avs_result": invoice.avs_result,
            "security_code_result": invoice.security_code_result,
            "installments": invoice.installments_chosen,
            "decline_code": invoice.decline_code,
            "attempts": invoice.attempts,
        },
    });
    // Append the merchant's raw JSON as the last member, so its numbers and
    // key order reach the merchant exactly as sent.
    let object = body.to_string();
    let without_brace = object.strip_suffix('}').unwrap_or(&object);
    let payload = format!(
        "{without_brace},\"merchant_data\":{}}}",
        invoice.callback_json
    );
    NewEvent {
        id,
        merchant_id: invoice.merchant_id.clone(),
        invoice_id: invoice.id.clone(),
        kind: kind.to_owned(),
        payload,
        created_at: now,
    }
}
