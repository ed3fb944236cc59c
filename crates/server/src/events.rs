//! Outbox events: what a merchant's callback receives.

use kassa_api::InvoiceStatus;
use serde_json::json;

use crate::clock::rfc3339;
use crate::invoices::{amount_string, minor_string};
use crate::store::{InvoiceRecord, NewEvent, RefundRecord};

/// The event type for an invoice reaching `status`.
pub fn kind_for(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Paid => "invoice.paid",
        InvoiceStatus::Pending => "invoice.pending",
        InvoiceStatus::Failed => "invoice.failed",
        InvoiceStatus::Canceled => "invoice.canceled",
        InvoiceStatus::Expired => "invoice.expired",
        InvoiceStatus::Refunded | InvoiceStatus::PartiallyRefunded => "refund.succeeded",
        InvoiceStatus::Authorized => "payment.authorized",
        InvoiceStatus::Captured | InvoiceStatus::PartiallyCaptured => "payment.captured",
        InvoiceStatus::Voided => "payment.voided",
        InvoiceStatus::Open => "invoice.updated",
    }
}

/// An event for `invoice` as it is after the change. The merchant's
/// callback JSON goes in byte for byte as `merchant_data`.
pub fn new_event(invoice: &InvoiceRecord, now: i64) -> NewEvent {
    event_with(invoice, kind_for(invoice.status), None, now)
}

/// An event of a given `kind` for `invoice` as it is after the change, for
/// changes whose kind the status alone does not say
/// (`authorization.expired`).
pub fn event_of_kind(invoice: &InvoiceRecord, kind: &str, now: i64) -> NewEvent {
    event_with(invoice, kind, None, now)
}

/// A `refund.succeeded` event: the invoice after the refund, and the refund.
pub fn refund_event(invoice: &InvoiceRecord, refund: &RefundRecord, now: i64) -> NewEvent {
    let detail = json!({
        "id": refund.id,
        "status": "succeeded",
        "amount": minor_string(refund.amount_minor, &refund.currency),
        "amount_minor": refund.amount_minor,
        "currency": refund.currency,
        "processor_ref": refund.processor_ref,
        "created_at": rfc3339(refund.created_at),
    });
    event_with(invoice, "refund.succeeded", Some(("refund", detail)), now)
}

fn event_with(
    invoice: &InvoiceRecord,
    kind: &str,
    extra: Option<(&str, serde_json::Value)>,
    now: i64,
) -> NewEvent {
    let id = crate::ids::new_id("evt");
    let mut body = json!({
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
            "refunded_amount": minor_string(invoice.refunded_minor, &invoice.currency),
            "refunded_amount_minor": invoice.refunded_minor,
            "capture": invoice.capture.as_str(),
            "captured_amount": invoice.captured_minor.map(|minor| minor_string(minor, &invoice.currency)),
            "captured_amount_minor": invoice.captured_minor,
            "three_d_secure": invoice.three_d_secure,
            "installments_type": invoice.installment_kind.code(),
            "surcharge": invoice.surcharge_minor.map(|minor| minor_string(minor, &invoice.currency)),
            "surcharge_minor": invoice.surcharge_minor,
            "amount_charged": minor_string(invoice.charged_minor(), &invoice.currency),
            "amount_charged_minor": invoice.charged_minor(),
            "installments_fee": invoice.installments_fee_minor.map(|minor| minor_string(minor, &invoice.currency)),
        },
    });
    if let (Some((name, value)), Some(object)) = (extra, body.as_object_mut()) {
        object.insert(name.to_owned(), value);
    }
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
