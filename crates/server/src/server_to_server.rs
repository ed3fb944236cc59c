//! Server-to-server invoices: `POST /api/v1/invoices` with the card and the
//! shopper's details creates the invoice and charges it at once, through
//! the same path as the page's pay ([`crate::payments::charge`]).
//!
//! The card number and security code are only ever parsed and handed to the
//! processor; the idempotency fingerprint is taken over a card-free copy of
//! the request, and the stored answer names the invoice, nothing more.

use std::net::IpAddr;

use kassa_api::{
    BillingAddressInput, CardInput, ChargeResponse, ChargeResult, CreateInvoiceRequest,
    ErrorDetail, InvoiceStatus, PayRequest, PayStatus,
};
use kassa_card::{CardNumber, Coded, CustomerIp, Date, Locale};
use serde::{Deserialize, Serialize};

use crate::clock::date_of;
use crate::error::ApiError;
use crate::invoices::{response, validate_new};
use crate::settings::Settings;
use crate::store::{InvoiceRecord, MerchantRecord};

/// Server-to-server charges get one attempt: a decline is final, and the
/// `invoice.failed` callback follows.
pub const MAX_ATTEMPTS: u32 = 1;

/// The fields a create request must carry with `card_number` (besides an
/// invoice's own); the OpenAPI document lists them as `dependentRequired`.
pub const REQUIRED_WITH_CARD: [&str; 13] = [
    "name",
    "phone",
    "address1",
    "address2",
    "city",
    "country",
    "state",
    "postcode",
    "date_of_birth",
    "card_number",
    "card_expiry_date",
    "card_ccv",
    "customer_ip",
];

/// Whether a create request asks for a server-to-server charge.
pub fn requested(request: &CreateInvoiceRequest) -> bool {
    request.card_number.is_some()
}

/// A validated server-to-server request: the invoice to create, and the
/// payment to make on it.
#[derive(Debug)]
pub struct DirectCharge {
    /// The invoice, not yet stored.
    pub invoice: InvoiceRecord,
    /// The payment, as the page would have sent it.
    pub payment: PayRequest,
    /// The shopper's address, for rate limits and the attempts log.
    pub customer_ip: IpAddr,
}

/// Checks a server-to-server request: the invoice fields, every required
/// shopper field, and the card with kassa-card, all problems at once under
/// this mode's field names.
///
/// # Errors
/// [`ApiError`] 400 listing each invalid field.
pub fn validate(
    request: &CreateInvoiceRequest,
    merchant: &MerchantRecord,
    settings: &Settings,
    id: String,
    now: i64,
) -> Result<DirectCharge, ApiError> {
    let mut problems = Vec::new();
    let mut required = |value: Option<&str>, field: &str| -> String {
        if value.is_none() {
            problems.push(ErrorDetail {
                code: format!("{field}.required"),
                message: format!("{field} is required when charging a card directly."),
                field: Some(field.to_owned()),
            });
        }
        value.unwrap_or_default().to_owned()
    };
    let name = required(request.name.as_deref(), "name");
    let address1 = required(request.address1.as_deref(), "address1");
    let address2 = required(request.address2.as_deref(), "address2");
    let city = required(request.city.as_deref(), "city");
    let country = required(request.country.as_deref(), "country");
    let region = required(request.state.as_deref(), "state");
    let postcode = required(request.postcode.as_deref(), "postcode");
    let date_of_birth = required(request.date_of_birth.as_deref(), "date_of_birth");
    let card_number = required(
        request.card_number.as_ref().map(kassa_api::Secret::expose),
        "card_number",
    );
    let card_expiry_date = required(request.card_expiry_date.as_deref(), "card_expiry_date");
    let card_ccv = required(
        request.card_ccv.as_ref().map(kassa_api::Secret::expose),
        "card_ccv",
    );
    let customer_ip = required(request.customer_ip.as_deref(), "customer_ip");
    let phone = required(request.phone.as_deref(), "phone");

    let mut report = |error: &dyn Coded, field: &str| {
        problems.push(ErrorDetail {
            code: error.code().as_str().to_owned(),
            message: error.message(Locale::En).to_owned(),
            field: Some(field.to_owned()),
        });
    };
    let today = date_of(now).ok_or_else(|| ApiError::internal("clock out of range"))?;
    if request.date_of_birth.is_some()
        && let Err(error) = Date::parse_birth_date(&date_of_birth, today)
    {
        report(&error, "date_of_birth");
    }
    let ip = match CustomerIp::parse(&customer_ip) {
        Ok(ip) => Some(ip.addr()),
        Err(error) => {
            if request.customer_ip.is_some() {
                report(&error, "customer_ip");
            }
            None
        }
    };
    if request.card_expiry_date.is_some() && !is_month_slash_year(&card_expiry_date) {
        problems.push(ErrorDetail {
            code: "expiry.format".into(),
            message: "Give the expiry as MM/YYYY.".into(),
            field: Some("card_expiry_date".into()),
        });
    }

    let billing_address = BillingAddressInput {
        line1: address1,
        line2: address2,
        city,
        region,
        postal_code: postcode,
        country,
    };
    let mut invoice_request = request.clone();
    invoice_request.billing_address = Some(billing_address.clone());
    let invoice = match validate_new(&invoice_request, merchant, settings, id, now) {
        Ok(invoice) => Some(invoice),
        Err(error) => {
            problems.extend(all_problems(&error));
            None
        }
    };
    let payment = PayRequest {
        card: CardInput {
            number: card_number,
            expiry: card_expiry_date,
            cvv: card_ccv,
            name,
        },
        billing_address: Some(billing_address),
        email: None,
        phone: Some(phone),
        installments: None,
        network: None,
        holder_id: request.holder_id.clone(),
        // A merchant sending the card itself with `save_card` has the
        // shopper's consent on its own page.
        save_card: request.save_card.is_some().then_some(true),
        payment_method: None,
        surcharge: None,
    };
    // The card is checked as the page's pay checks it, once the invoice it
    // would be charged on is known; only fields that were sent are judged.
    if let Some(invoice) = &invoice
        && let Err(error) = crate::payments::check(&payment, invoice, now, false)
    {
        problems.extend(
            all_problems(&error)
                .into_iter()
                .map(|mut problem| {
                    problem.field = problem.field.map(|field| renamed(&field).to_owned());
                    problem
                })
                .filter(|problem| {
                    !problems_cover_missing(request, problem.field.as_deref().unwrap_or(""))
                }),
        );
    }
    match (invoice, ip) {
        (Some(invoice), Some(customer_ip)) if problems.is_empty() => Ok(DirectCharge {
            invoice,
            payment,
            customer_ip,
        }),
        _ => Err(ApiError::fields(problems)),
    }
}

/// Every problem an error lists.
fn all_problems(error: &ApiError) -> Vec<ErrorDetail> {
    let body = error.body();
    if body.errors.is_empty() {
        vec![body.error.clone()]
    } else {
        body.errors.clone()
    }
}

/// A missing field is reported once, as `<field>.required`.
fn problems_cover_missing(request: &CreateInvoiceRequest, field: &str) -> bool {
    let missing = |value: bool| !value;
    match field {
        "card_number" => missing(request.card_number.is_some()),
        "card_expiry_date" => missing(request.card_expiry_date.is_some()),
        "card_ccv" => missing(request.card_ccv.is_some()),
        "name" => missing(request.name.is_some()),
        "address1" => missing(request.address1.is_some()),
        "address2" => missing(request.address2.is_some()),
        "city" => missing(request.city.is_some()),
        "state" => missing(request.state.is_some()),
        "postcode" => missing(request.postcode.is_some()),
        "country" => missing(request.country.is_some()),
        "phone" => missing(request.phone.is_some()),
        _ => false,
    }
}

/// The page's field names, as this mode calls them.
fn renamed(field: &str) -> &str {
    match field {
        "card.number" => "card_number",
        "card.expiry" => "card_expiry_date",
        "card.cvv" => "card_ccv",
        "card.name" => "name",
        "billing_address.line1" => "address1",
        "billing_address.line2" => "address2",
        "billing_address.city" => "city",
        "billing_address.region" => "state",
        "billing_address.postal_code" => "postcode",
        "billing_address.country" => "country",
        other => other,
    }
}

/// `MM/YYYY`, as this mode's `card_expiry_date` is documented.
fn is_month_slash_year(text: &str) -> bool {
    let bytes = text.trim().as_bytes();
    bytes.len() == 7
        && bytes[2] == b'/'
        && bytes[..2].iter().chain(&bytes[3..]).all(u8::is_ascii_digit)
}

/// The request with its card data reduced to what may be kept (the masked
/// number; no security code), for the idempotency fingerprint: nothing
/// stored may help anyone recover card data, even with the server's key.
pub fn card_free(request: &CreateInvoiceRequest) -> CreateInvoiceRequest {
    let mut canonical = request.clone();
    canonical.card_number = request.card_number.as_ref().map(|number| {
        kassa_api::Secret::new(
            CardNumber::parse(number.expose())
                .map(|card| card.masked())
                .unwrap_or_default(),
        )
    });
    canonical.card_ccv = None;
    canonical
}

/// What a server-to-server request's `Idempotency-Key` stores: the invoice
/// it created. A repeat answers with that invoice as it is then, so a key
/// can never charge twice.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredCharge {
    /// The invoice the first request created.
    pub server_to_server_invoice: String,
}

/// The answer for an invoice charged server to server, from its state.
/// `None` while its charge is still running.
pub fn answer(
    invoice: &InvoiceRecord,
    public_url: &str,
    now: i64,
    latest: Option<ChargeResult>,
) -> Option<ChargeResponse> {
    let payment = match latest {
        Some(result) => result,
        None => ChargeResult {
            status: match invoice.status {
                InvoiceStatus::Open => return None,
                InvoiceStatus::Pending => PayStatus::Pending,
                InvoiceStatus::Paid
                | InvoiceStatus::Authorized
                | InvoiceStatus::Captured
                | InvoiceStatus::PartiallyCaptured
                | InvoiceStatus::Refunded
                | InvoiceStatus::PartiallyRefunded => PayStatus::Succeeded,
                InvoiceStatus::Failed
                | InvoiceStatus::Canceled
                | InvoiceStatus::Expired
                | InvoiceStatus::Voided => PayStatus::Failed,
            },
            decline: invoice
                .decline_code
                .as_deref()
                .filter(|_| invoice.status == InvoiceStatus::Failed)
                .and_then(kassa_processor::DeclineReason::from_code)
                .map(|reason| ErrorDetail {
                    code: format!("declined.{}", reason.code()),
                    message: crate::decline_messages::message(reason, Locale::En).to_owned(),
                    field: None,
                }),
        },
    };
    Some(ChargeResponse {
        invoice: response(invoice, public_url, now),
        payment,
    })
}
