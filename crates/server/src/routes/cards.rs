//! Card utilities for merchants' own servers: the same rules as the page.

use axum::Json;
use axum::extract::State;
use kassa_api::ErrorBody;
use kassa_card::{
    Brand, CardNumber, CardholderName, Coded, Date, ErrorCode, Expiry, Locale, SecurityCode, detect,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::clock::{date_of, now_ms};
use crate::error::ApiError;
use crate::extract::{AuthenticatedMerchant, RawBody, parse_json};
use crate::state::AppState;

/// One brand as the API shows it.
fn brand_json(brand: Brand) -> Value {
    json!({
        "id": brand.id(),
        "name": brand.display_name(),
        "company_code": brand.company_code(),
        "lengths": brand.lengths(),
        "gaps": brand.gaps(),
        "security_code": brand.security_code_name().map(|name| json!({"name": name.as_str(), "size": brand.security_code_size()})),
        "iin_ranges": brand.iin_ranges().map(|(first, last)| [first, last]).collect::<Vec<_>>(),
        "co_badges": brand.co_badges().iter().map(|partner| partner.id()).collect::<Vec<_>>(),
        "source": brand.source(),
    })
}

/// `GET /api/v1/cards/brands`: the brand table.
#[utoipa::path(
    get,
    path = "/api/v1/cards/brands",
    tag = "cards",
    summary = "The card brands Kassa knows",
    responses(
        (status = 200, description = "`{\"brands\": [...]}`: id, name, lengths, gaps, security code, IIN ranges, co-badges and source of each.", body = Object),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub(super) async fn cards_brands(_merchant: AuthenticatedMerchant) -> Json<Value> {
    Json(json!({ "brands": Brand::ALL.iter().copied().map(brand_json).collect::<Vec<_>>() }))
}

/// `POST /api/v1/cards/brand` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct BrandRequest {
    /// The first digits typed.
    prefix: String,
}

/// `POST /api/v1/cards/brand`: every brand a prefix could still be.
#[utoipa::path(
    post,
    path = "/api/v1/cards/brand",
    tag = "cards",
    summary = "Detect the brand of a card number prefix",
    request_body(content = BrandRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "`brands` it could be, the `primary` one, whether it is `co_badged`, and its `max_length`.", body = Object),
        (status = 400, description = "The body or a field is not valid; `field` names it, `errors` lists every one.", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub(super) async fn cards_brand(
    _merchant: AuthenticatedMerchant,
    RawBody(body): RawBody,
) -> Result<Json<Value>, ApiError> {
    let request: BrandRequest = parse_json(&body)?;
    let detection = detect(&request.prefix);
    Ok(Json(json!({
        "brands": detection.brands().iter().map(brand_json).collect::<Vec<_>>(),
        "primary": detection.primary().map(Brand::id),
        "co_badged": detection.is_co_badged(),
        "max_length": detection.max_length(),
    })))
}

/// `POST /api/v1/cards/validate` body. `Debug` never shows the number or code.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ValidateRequest {
    /// The card number, as typed.
    #[serde(default)]
    number: String,
    /// The expiry (`MM/YY` or another shape kassa-card reads).
    #[serde(default)]
    expiry: String,
    /// The security code.
    #[serde(default)]
    cvv: String,
    /// The name on the card, when it should be checked.
    #[serde(default)]
    name: Option<String>,
    /// The messages' language (`en`, `fr`, `he`).
    #[serde(default)]
    locale: Option<String>,
}

impl std::fmt::Debug for ValidateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidateRequest")
            .field("expiry", &self.expiry)
            .finish_non_exhaustive()
    }
}

/// One field's verdict.
#[derive(Debug, Serialize)]
pub(super) struct FieldResult {
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'static str>,
}

fn verdict(error: Option<ErrorCode>, locale: Locale) -> FieldResult {
    FieldResult {
        valid: error.is_none(),
        code: error.map(ErrorCode::as_str),
        message: error.map(|code| code.message(locale)),
    }
}

/// `POST /api/v1/cards/validate`: a result per field, and the brand. The
/// number and code are never stored or logged.
#[utoipa::path(
    post,
    path = "/api/v1/cards/validate",
    tag = "cards",
    summary = "Validate card fields",
    request_body(content = ValidateRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "`valid`, then `number`, `expiry`, `cvv` and `name` each as `{valid, code, message}`, with the `brand`, `networks` and `masked` number.", body = Object),
        (status = 400, description = "The body or a field is not valid; `field` names it, `errors` lists every one.", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one (`auth.missing_key`, `auth.invalid_key`, `auth.conflicting_keys`).", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
pub(super) async fn cards_validate(
    _merchant: AuthenticatedMerchant,
    State(_state): State<AppState>,
    RawBody(body): RawBody,
) -> Result<Json<Value>, ApiError> {
    let request: ValidateRequest = parse_json(&body)?;
    let locale = Locale::parse(request.locale.as_deref().unwrap_or("en"));
    let today: Date = date_of(now_ms()).ok_or_else(|| ApiError::internal("clock out of range"))?;
    let card = CardNumber::parse(&request.number);
    let brand = card.as_ref().ok().map(CardNumber::brand);
    let number = verdict(card.as_ref().err().map(Coded::code), locale);
    let expiry = verdict(
        Expiry::parse_valid(&request.expiry, today)
            .err()
            .map(|error| error.code()),
        locale,
    );
    let cvv = verdict(
        SecurityCode::parse_optional(&request.cvv, brand)
            .err()
            .map(|error| error.code()),
        locale,
    );
    let name = request.name.as_deref().map(|name| {
        verdict(
            CardholderName::parse(name).err().map(|error| error.code()),
            locale,
        )
    });
    let valid =
        number.valid && expiry.valid && cvv.valid && name.as_ref().is_none_or(|name| name.valid);
    Ok(Json(json!({
        "valid": valid,
        "number": number,
        "expiry": expiry,
        "cvv": cvv,
        "name": name,
        "brand": brand.map(brand_json),
        "networks": card.as_ref().ok().map(|card| card.networks().iter().map(Brand::id).collect::<Vec<_>>()),
        "masked": card.as_ref().ok().map(CardNumber::masked),
    })))
}
