//! Invoices: validating what a merchant sends, and the views of a stored one.

use kassa_api::{
    CheckoutView, CreateInvoiceRequest, ErrorDetail, InstallmentOption, InvoiceResponse,
    InvoiceStatus, Prefill, SaveCardMode,
};
use kassa_card::{Amount, Coded, Currency, Email, InstallmentPlan, Locale};
use kassa_processor::Capture;
use serde_json::value::RawValue;

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::settings::Settings;
use crate::store::{CardSaving, InvoiceRecord, MerchantRecord};
use crate::url_policy::check_merchant_url;

/// Default lifetime of an invoice: 24 hours.
const DEFAULT_EXPIRES_IN_SECS: i64 = 24 * 3600;
/// Bounds on `expires_in`: one minute to thirty days.
const EXPIRES_IN_RANGE: std::ops::RangeInclusive<i64> = 60..=30 * 24 * 3600;
/// Largest `callbackJson`, in bytes.
const MAX_CALLBACK_JSON: usize = 16 * 1024;
/// Longest description and reference.
const MAX_DESCRIPTION: usize = 500;
const MAX_REFERENCE: usize = 200;

fn problem(code: &str, message: &str, field: &str) -> ErrorDetail {
    ErrorDetail {
        code: code.into(),
        message: message.into(),
        field: Some(field.into()),
    }
}

fn core_problem(error: &impl Coded, field: &str) -> ErrorDetail {
    problem(error.code().as_str(), error.message(Locale::En), field)
}

/// Checks a create request and builds the invoice to store, or every field
/// problem at once.
///
/// # Errors
/// [`ApiError`] 400 listing each invalid field.
pub fn validate_new(
    request: &CreateInvoiceRequest,
    merchant: &MerchantRecord,
    settings: &Settings,
    id: String,
    now: i64,
) -> Result<InvoiceRecord, ApiError> {
    let mut problems = Vec::new();

    let email = match request.email.as_deref().map(Email::parse) {
        Some(Ok(email)) => Some(email.as_str().to_owned()),
        Some(Err(error)) => {
            problems.push(core_problem(&error, "email"));
            None
        }
        None => {
            problems.push(problem("email.empty", "Give the shopper's email.", "email"));
            None
        }
    };

    let currency = match request.currency.as_deref().map(Currency::parse) {
        Some(Ok(currency)) if accepts(merchant, currency) => Some(currency),
        Some(Ok(_)) => {
            problems.push(problem(
                "currency.not_accepted",
                "This merchant does not accept this currency.",
                "currency",
            ));
            None
        }
        Some(Err(error)) => {
            problems.push(core_problem(&error, "currency"));
            None
        }
        None => {
            problems.push(problem(
                "currency.unknown",
                "Give an ISO 4217 currency code.",
                "currency",
            ));
            None
        }
    };

    let amount = match (request.amount.as_deref(), currency) {
        (Some(raw), Some(currency)) => {
            match amount_text(raw).map(|text| Amount::parse(&text, currency)) {
                Some(Ok(amount)) => Some(amount),
                Some(Err(error)) => {
                    problems.push(core_problem(&error, "amount"));
                    None
                }
                None => {
                    problems.push(problem(
                        "amount.format",
                        "Give the amount as a string or a number, with . for decimals.",
                        "amount",
                    ));
                    None
                }
            }
        }
        (None, _) => {
            problems.push(problem("amount.empty", "Give an amount.", "amount"));
            None
        }
        (Some(_), None) => None,
    };

    let allow_http = settings.allow_http_urls;
    let mut url = |value: &Option<String>, field: &str| -> Option<String> {
        let Some(text) = value.as_deref() else {
            problems.push(problem(
                &format!("{field}.required"),
                "Give this URL.",
                field,
            ));
            return None;
        };
        match check_merchant_url(text, allow_http) {
            Ok(url) => Some(url.to_string()),
            Err(error) => {
                problems.push(problem(error.code(), error.message(), field));
                None
            }
        }
    };
    let success_url = url(&request.success_url, "success_url");
    let cancel_url = url(&request.cancel_url, "cancel_url");
    let pending_url = url(&request.pending_url, "pending_url");
    let failure_url = url(&request.failure_url, "failure_url");

    let callback_json = match request.callback_json.as_deref().map(RawValue::get) {
        Some(text) if text.len() > MAX_CALLBACK_JSON => {
            problems.push(problem(
                "callback_json.too_large",
                "callbackJson can be at most 16 KB.",
                "callbackJson",
            ));
            String::new()
        }
        Some(text) => text.to_owned(),
        None => String::from("null"),
    };

    let expires_in = request
        .expires_in
        .or(merchant.invoice_lifetime_secs)
        .unwrap_or(DEFAULT_EXPIRES_IN_SECS);
    if !EXPIRES_IN_RANGE.contains(&expires_in) {
        problems.push(problem(
            "expires_in.range",
            "expires_in is between 60 seconds and 30 days.",
            "expires_in",
        ));
    }
    let capture = match request.capture.as_deref() {
        None => Capture::Automatic,
        Some(text) => Capture::parse(text).unwrap_or_else(|| {
            problems.push(problem(
                "capture.unknown",
                "capture is \"automatic\" or \"manual\".",
                "capture",
            ));
            Capture::Automatic
        }),
    };
    let installments = request.installments.unwrap_or(1);
    if !(1..=kassa_card::MAX_INSTALLMENTS).contains(&installments) {
        problems.push(problem(
            "installments.count",
            "installments is between 1 and 36.",
            "installments",
        ));
    }
    let (installment_kind, installments_fee) =
        installment_terms(request, installments, &mut problems);
    let description = bounded(
        &request.description,
        MAX_DESCRIPTION,
        "description",
        &mut problems,
    );
    let reference = bounded(
        &request.reference,
        MAX_REFERENCE,
        "reference",
        &mut problems,
    );
    let locale = bounded(&request.locale, 35, "locale", &mut problems);

    let prefill = prefill(request, email.clone(), &mut problems);
    let card_saving = card_saving(request, &mut problems);
    let (
        Some(email),
        Some(currency),
        Some(amount),
        Some(success_url),
        Some(cancel_url),
        Some(pending_url),
        Some(failure_url),
    ) = (
        email,
        currency,
        amount,
        success_url,
        cancel_url,
        pending_url,
        failure_url,
    )
    else {
        return Err(ApiError::fields(problems));
    };
    if !problems.is_empty() {
        return Err(ApiError::fields(problems));
    }
    Ok(InvoiceRecord {
        id,
        merchant_id: merchant.id.clone(),
        status: InvoiceStatus::Open,
        amount_minor: amount.to_minor_units(),
        currency: currency.code().to_owned(),
        email: email.clone(),
        description,
        reference,
        locale,
        success_url,
        cancel_url,
        pending_url,
        failure_url,
        callback_json,
        installments_max: installments,
        prefill,
        expires_at: now + expires_in * 1000,
        created_at: now,
        updated_at: now,
        attempts: 0,
        card: None,
        redirect_url: None,
        authorization_code: None,
        transaction_ref: None,
        avs_result: None,
        security_code_result: None,
        installments_chosen: None,
        decline_code: None,
        pending_token: None,
        settle_at: None,
        refund_reserved_minor: 0,
        refunded_minor: 0,
        processor_config_id: None,
        lease_until: None,
        charges_started: 0,
        capture,
        authorized_at: None,
        captured_minor: None,
        capture_claim_until: None,
        card_saving,
        payment_method_id: None,
        three_d_secure: None,
        installment_kind,
        surcharge_minor: None,
        installments_fee_minor: match installments_fee.as_deref() {
            Some(fee) => match kassa_card::Amount::parse(fee, currency) {
                Ok(fee) if fee.to_minor_units() <= amount.to_minor_units() => {
                    Some(fee.to_minor_units())
                }
                Ok(_) => {
                    return Err(ApiError::field(
                        "installments_fee.range",
                        "The credit's fee is at most the invoice's amount.",
                        "installments_fee",
                    ));
                }
                Err(error) => {
                    return Err(ApiError::field(
                        error.code().as_str(),
                        error.message(kassa_card::Locale::En),
                        "installments_fee",
                    ));
                }
            },
            // A zero fee is a fee of zero, said as such.
            None => None,
        },
        max_attempts: merchant.payment_attempts,
    })
}

/// How the invoice's instalments are financed, and the credit's fee as
/// given (checked against the currency once it is known).
fn installment_terms(
    request: &CreateInvoiceRequest,
    installments: u8,
    problems: &mut Vec<ErrorDetail>,
) -> (kassa_processor::InstallmentKind, Option<String>) {
    let kind = match request.installments_type.as_deref() {
        None => kassa_processor::InstallmentKind::Equal,
        Some(text) => kassa_processor::InstallmentKind::parse(text).unwrap_or_else(|| {
            problems.push(problem(
                "installments_type.unknown",
                "installments_type is \"equal\" or \"credit\".",
                "installments_type",
            ));
            kassa_processor::InstallmentKind::Equal
        }),
    };
    if kind == kassa_processor::InstallmentKind::Credit && installments < 2 {
        problems.push(problem(
            "installments_type.needs_installments",
            "Credit needs installments of 2 or more.",
            "installments_type",
        ));
    }
    let fee = request
        .installments_fee
        .as_deref()
        .map(str::trim)
        .map(str::to_owned);
    if fee.is_some() && kind != kassa_processor::InstallmentKind::Credit {
        problems.push(problem(
            "installments_fee.credit_only",
            "A fee goes with installments_type \"credit\" only.",
            "installments_fee",
        ));
    }
    (kind, fee)
}

/// The longest customer reference.
const MAX_CUSTOMER: usize = 200;

/// Checks a customer reference: 1 to 200 characters, no control
/// characters (it names the customer in URLs and logs), kept exactly as
/// given.
///
/// ```
/// use kassa_server::invoices::check_customer;
/// assert_eq!(check_customer("cus-42").unwrap(), "cus-42");
/// assert_eq!(check_customer("a\u{7}b").unwrap_err().code, "customer.format");
/// assert_eq!(check_customer("").unwrap_err().code, "customer.length");
/// ```
///
/// # Errors
/// The problem, under field `customer`.
pub fn check_customer(text: &str) -> Result<String, ErrorDetail> {
    if text.is_empty() || text.chars().count() > MAX_CUSTOMER {
        return Err(problem(
            "customer.length",
            "customer is 1 to 200 characters.",
            "customer",
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(problem(
            "customer.format",
            "customer cannot hold control characters.",
            "customer",
        ));
    }
    Ok(text.to_owned())
}

/// What the invoice asks about saved cards: `save_card` and `offer_saved`
/// need a `customer` to keep cards for.
fn card_saving(request: &CreateInvoiceRequest, problems: &mut Vec<ErrorDetail>) -> CardSaving {
    let customer = request.customer.as_deref().and_then(|text| {
        check_customer(text)
            .map_err(|error| problems.push(error))
            .ok()
    });
    let save_card = request.save_card.as_deref().and_then(|text| {
        let mode = SaveCardMode::parse(text);
        if mode.is_none() {
            problems.push(problem(
                "save_card.unknown",
                "save_card is \"optional\" or \"required\".",
                "save_card",
            ));
        }
        mode
    });
    let offer_saved = request.offer_saved == Some(true);
    if (save_card.is_some() || offer_saved) && request.customer.is_none() {
        problems.push(problem(
            "customer.required",
            "Give the customer the saved card belongs to.",
            "customer",
        ));
    }
    CardSaving {
        customer,
        save_card,
        offer_saved,
        reason: None,
    }
}

/// Prefilled details, bounded: they are shown on the page and returned by
/// the API, so nothing unbounded gets stored.
fn prefill(
    request: &CreateInvoiceRequest,
    email: Option<String>,
    problems: &mut Vec<ErrorDetail>,
) -> Prefill {
    const MAX_FIELD: usize = 200;
    let name = bounded(&request.name, 100, "name", problems);
    let phone = bounded(&request.phone, 32, "phone", problems);
    let billing_address = request.billing_address.clone().filter(|address| {
        let fields = [
            &address.line1,
            &address.line2,
            &address.city,
            &address.region,
            &address.postal_code,
            &address.country,
        ];
        let fits = fields
            .iter()
            .all(|field| field.chars().count() <= MAX_FIELD);
        if !fits {
            problems.push(problem(
                "billing_address.too_long",
                "Each billing address field can be at most 200 characters.",
                "billing_address",
            ));
        }
        fits
    });
    Prefill {
        email,
        name,
        phone,
        billing_address,
    }
}

/// The amount as text: a JSON string's content, or a JSON number as written.
pub(crate) fn amount_text(raw: &RawValue) -> Option<String> {
    let text = raw.get().trim();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text).ok()
    } else if text
        .bytes()
        .all(|byte| byte.is_ascii_digit() || matches!(byte, b'.' | b'-' | b'e' | b'E' | b'+'))
    {
        Some(text.to_owned())
    } else {
        None
    }
}

fn accepts(merchant: &MerchantRecord, currency: Currency) -> bool {
    merchant.currencies.is_empty()
        || merchant
            .currencies
            .iter()
            .any(|code| code == currency.code())
}

fn bounded(
    value: &Option<String>,
    max: usize,
    field: &str,
    problems: &mut Vec<ErrorDetail>,
) -> Option<String> {
    let value = value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())?;
    if value.chars().count() > max {
        problems.push(problem(
            &format!("{field}.too_long"),
            &format!("{field} can be at most {max} characters."),
            field,
        ));
        return None;
    }
    Some(value.to_owned())
}

/// The amount of a stored invoice, as a decimal string (`"15.04"`).
pub fn amount_string(invoice: &InvoiceRecord) -> String {
    minor_string(invoice.amount_minor, &invoice.currency)
}

/// Minor units of a currency as a decimal string (`1504` EUR is `"15.04"`).
///
/// ```
/// assert_eq!(kassa_server::invoices::minor_string(1504, "EUR"), "15.04");
/// assert_eq!(kassa_server::invoices::minor_string(0, "EUR"), "0.00");
/// ```
pub fn minor_string(minor: i64, currency: &str) -> String {
    let Some(currency) = Currency::from_code(currency) else {
        return String::new();
    };
    if minor == 0 {
        // `Amount` holds positive amounts only.
        let places = usize::from(currency.minor_units());
        return if places == 0 {
            "0".to_owned()
        } else {
            format!("0.{}", "0".repeat(places))
        };
    }
    Amount::from_minor_units(minor, currency)
        .map(|amount| amount.to_string())
        .unwrap_or_default()
}

/// The invoice's status as the outside sees it: open invoices past their
/// expiry are expired even before the sweeper marks them.
pub fn visible_status(invoice: &InvoiceRecord, now: i64) -> InvoiceStatus {
    if invoice.status == InvoiceStatus::Open && invoice.expires_at <= now {
        InvoiceStatus::Expired
    } else {
        invoice.status
    }
}

/// The merchant API's view.
pub fn response(invoice: &InvoiceRecord, public_url: &str, now: i64) -> InvoiceResponse {
    InvoiceResponse {
        id: invoice.id.clone(),
        status: visible_status(invoice, now),
        amount: amount_string(invoice),
        currency: invoice.currency.clone(),
        payment_url: format!("{public_url}/pay/{}", invoice.id),
        expires_at: rfc3339(invoice.expires_at),
        created_at: rfc3339(invoice.created_at),
        email: invoice.email.clone(),
        description: invoice.description.clone(),
        reference: invoice.reference.clone(),
        locale: invoice.locale.clone(),
        installments: invoice.installments_max,
        installments_type: invoice.installment_kind.code().to_owned(),
        installments_fee: invoice
            .installments_fee_minor
            .map(|minor| minor_string(minor, &invoice.currency)),
        attempts: invoice.attempts,
        card: invoice.card.clone(),
        authorization_code: invoice.authorization_code.clone(),
        capture: invoice.capture.as_str().to_owned(),
        captured_amount: invoice
            .captured_minor
            .map(|minor| minor_string(minor, &invoice.currency)),
        refunded_amount: (invoice.refunded_minor > 0)
            .then(|| minor_string(invoice.refunded_minor, &invoice.currency)),
        surcharge: invoice
            .surcharge_minor
            .map(|minor| minor_string(minor, &invoice.currency)),
        amount_charged: invoice
            .surcharge_minor
            .map(|_| minor_string(invoice.charged_minor(), &invoice.currency)),
        prefill: invoice.prefill.clone(),
        customer: invoice.card_saving.customer.clone(),
        save_card: invoice.card_saving.save_card,
        payment_method: invoice.payment_method_id.clone(),
        reason: invoice.card_saving.reason.clone(),
        three_d_secure: invoice.three_d_secure.clone(),
    }
}

/// The checkout page's view: nothing it does not need.
/// `holder_id_required`: the merchant's gateway needs the holder's ID.
pub fn checkout_view(
    invoice: &InvoiceRecord,
    merchant: &MerchantRecord,
    max_attempts: u32,
    now: i64,
    holder_id_required: bool,
) -> CheckoutView {
    let currency = Currency::from_code(&invoice.currency);
    let installment_options = match currency
        .and_then(|currency| Amount::from_minor_units(invoice.amount_minor, currency).ok())
    {
        Some(total) if invoice.installments_max > 1 => (1..=invoice.installments_max)
            .filter_map(|count| InstallmentPlan::new(total, count, None).ok())
            .map(|plan| InstallmentOption {
                count: plan.count(),
                first_payment: plan.first_payment().to_string(),
                other_payment: plan.other_payment().map(|payment| payment.to_string()),
            })
            .collect(),
        _ => Vec::new(),
    };
    CheckoutView {
        invoice_id: invoice.id.clone(),
        merchant_name: merchant.name.clone(),
        amount: amount_string(invoice),
        currency: invoice.currency.clone(),
        minor_units: currency.map_or(2, Currency::minor_units),
        description: invoice.description.clone(),
        status: visible_status(invoice, now),
        expires_at: rfc3339(invoice.expires_at),
        expires_in: ((invoice.expires_at - now) / 1000).max(0),
        locale: invoice.locale.clone(),
        installment_options,
        attempts_left: max_attempts.saturating_sub(invoice.attempts),
        // Filled in by the route, which reads the merchant's terms.
        surcharge: None,
        installments_credit: invoice.installment_kind == kassa_processor::InstallmentKind::Credit,
        installments_fee: invoice
            .installments_fee_minor
            .map(|minor| minor_string(minor, &invoice.currency)),
        prefill: invoice.prefill.clone(),
        appearance: merchant.appearance.clone(),
        embed_origins: merchant.embed_origins.clone(),
        holder_id_required,
        save_card: invoice.card_saving.save_card,
        // Filled in by the route, which reads the customer's cards and
        // the open challenge.
        saved_cards: Vec::new(),
        challenge: None,
    }
}
