//! The OpenAPI 3.1 document, generated from the code: `#[utoipa::path]` on
//! every handler, `ToSchema` on the `kassa-api` types, and the router built
//! from both (see `routes/documented.rs`). Served at `GET /api/openapi.json`
//! and rendered as a page at `GET /api/docs`.

use std::sync::OnceLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

mod callbacks;
mod links;
mod page;

/// The security scheme names operations refer to.
pub const API_KEY: &str = "api_key";
/// The bearer form of the same key.
pub const BEARER: &str = "bearer";
/// A dashboard session cookie.
pub const SESSION: &str = "session";

/// What the document says before any route is added: who, what, and how
/// merchants authenticate.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Kassa",
        description = "Card checkout: merchants create invoices, shoppers pay them on the hosted page, \
            and signed callbacks tell the merchant what happened.\n\n\
            Merchant routes take the API key as `API-KEY: sk_…` or `Authorization: Bearer sk_…`. \
            Every error has one shape, `ErrorBody`: a stable `code`, a `message` for people, and the \
            `field` it is about. POSTs that change something accept an `Idempotency-Key`: the same key \
            and body get the first answer again (with `Idempotent-Replayed: true`), another body a 422.\n\n\
            Callbacks (see `webhooks`) are POSTed to the merchant's callback URL with `Kassa-Event-Id` \
            and `Kassa-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" keyed with \
            the callback secret>`; verify the signature over the raw bytes before parsing.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    tags(
        (name = "invoices", description = "Create, search, read and cancel invoices (merchant API)."),
        (name = "merchant", description = "The merchant's own account: which processor (card gateway) charges its payments."),
        (name = "refunds", description = "Give back part or all of a paid invoice (merchant API)."),
        (name = "events", description = "The callbacks sent to the merchant, and sending one again."),
        (name = "cards", description = "Card utilities for a merchant's own server: brands and validation."),
        (name = "checkout", description = "What the hosted payment page calls; the invoice id is the capability."),
        (name = "operations", description = "Health, readiness and metrics for operators."),
        (name = "documentation", description = "This document and its page."),
        (name = "dashboard", description = "The merchant dashboard: signing in, API keys, the overview and the audit log. \
            A dashboard session (the `kassa_session` cookie) also authenticates every merchant route; \
            a change made with it must send the session's `X-CSRF-Token`, and staff may change nothing but refunds."),
        (name = "demo", description = "The demo merchant's callback receiver (`kassa-server demo` only)."),
    ),
    components(schemas(kassa_api::ErrorBody)),
    modifiers(&Security),
)]
pub struct ApiDoc;

/// Adds the merchant API key, in its two forms, as security schemes.
#[derive(Debug)]
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            API_KEY,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "API-KEY",
                "The merchant's API key (`sk_…`), shown once when the merchant is created.",
            ))),
        );
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "kassa_session",
                "A dashboard session (`POST /api/v1/dashboard/session`). Changes also need the \
                 session's `X-CSRF-Token` header.",
            ))),
        );
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The same API key as `Authorization: Bearer sk_…`."))
                    .build(),
            ),
        );
    }
}

/// What `POST /api/v1/invoices` answers: the invoice, or in server-to-server
/// mode the invoice and the charge's outcome. Only the document uses it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum CreatedInvoice {
    /// An invoice for the shopper to pay on `payment_url`.
    Invoice(kassa_api::InvoiceResponse),
    /// A server-to-server charge: the invoice and `payment`.
    Charge(kassa_api::ChargeResponse),
}

/// The document as served: utoipa's, with the callbacks as `webhooks` and
/// the Rust examples of doc comments left out of descriptions.
///
/// ```
/// let document = kassa_server::openapi::document();
/// assert_eq!(document["openapi"], "3.1.0");
/// assert!(document["paths"]["/api/v1/invoices"]["post"].is_object());
/// assert!(document["webhooks"]["callback"]["post"].is_object());
/// // A new invoice links to the operations that take its id.
/// let created = &document["paths"]["/api/v1/invoices"]["post"]["responses"]["201"];
/// assert_eq!(created["links"]["GetInvoice"]["operationId"], "invoices_get");
/// ```
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let (_, openapi) = crate::routes::documented().split();
        let mut document = serde_json::to_value(&openapi).unwrap_or(Value::Null);
        callbacks::add(&mut document);
        links::add(&mut document);
        strip_code_blocks(&mut document);
        not_null_parameters(&mut document);
        brand_parameters(&mut document);
        server_to_server_fields(&mut document);
        known_formats(&mut document);
        session_security(&mut document);
        document
    })
}

/// Every route the API key opens, a dashboard session opens too (the
/// dashboard does nothing the API does not document).
fn session_security(document: &mut Value) {
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    let operations = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut());
    for operation in operations {
        let Some(security) = operation.get_mut("security").and_then(Value::as_array_mut) else {
            continue;
        };
        if security
            .iter()
            .any(|requirement| requirement.get(API_KEY).is_some())
        {
            security.push(serde_json::json!({ SESSION: [] }));
        }
    }
}

/// An optional parameter is absent, never `null`: utoipa types an
/// `Option<T>` parameter as `[T, "null"]`, which says nothing a header or
/// query string can carry.
fn not_null_parameters(document: &mut Value) {
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    let operations = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut());
    for operation in operations {
        let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for parameter in parameters {
            let Some(kinds) = parameter
                .get_mut("schema")
                .and_then(|schema| schema.get_mut("type"))
            else {
                continue;
            };
            if let Some(list) = kinds.as_array_mut() {
                list.retain(|kind| kind != "null");
                if list.len() == 1 {
                    *kinds = list.remove(0);
                }
            }
        }
    }
}

/// With `card_number`, a create request charges at once and needs the
/// shopper's details and the whole card: JSON Schema's `dependentRequired`
/// says so, so a client (or a fuzzer) knows what makes such a request valid.
fn server_to_server_fields(document: &mut Value) {
    let fields: Vec<&str> = crate::server_to_server::REQUIRED_WITH_CARD
        .iter()
        .copied()
        .filter(|field| *field != "card_number")
        .collect();
    if let Some(schema) = document
        .pointer_mut("/components/schemas/CreateInvoiceRequest")
        .and_then(Value::as_object_mut)
    {
        schema.insert(
            "dependentRequired".to_owned(),
            serde_json::json!({ "card_number": fields }),
        );
    }
}

/// What a few fields accept, said where the derives cannot: the
/// `Idempotency-Key` header's characters, and the currencies an invoice
/// may be in (kassa-card's ISO 4217 table).
fn known_formats(document: &mut Value) {
    // Upper case as ISO writes them, lower case as Stripe's habit has it;
    // the server reads either.
    let currencies: Vec<Value> = kassa_card::Currency::all()
        .map(|currency| Value::from(currency.code()))
        .chain(
            kassa_card::Currency::all()
                .map(|currency| Value::from(currency.code().to_ascii_lowercase())),
        )
        .collect();
    if let Some(currency) = document
        .pointer_mut("/components/schemas/CreateInvoiceRequest/properties/currency")
        .and_then(Value::as_object_mut)
    {
        currency.remove("pattern");
        currency.insert("enum".to_owned(), Value::Array(currencies));
    }
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    let headers = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("parameters"))
        .filter_map(Value::as_array_mut)
        .flatten()
        .filter(|parameter| parameter["name"] == "Idempotency-Key");
    for header in headers {
        // 1 to 255 visible ASCII characters, spaces only inside, once the
        // spaces HTTP allows around a header value are dropped. Where the
        // key is required (charging a saved card) the document asks for it
        // without those spaces: clients refuse to send a header value that
        // starts with one.
        let pattern = if header["required"] == true {
            "^[!-~]([ -~]{0,253}[!-~])?$"
        } else {
            "^[ \\t]*[!-~]([ -~]{0,253}[!-~])?[ \\t]*$"
        };
        header["schema"]["pattern"] = Value::from(pattern);
    }
    // The search's bounds, and the export's (the same search): a time, or
    // a date alone (whole UTC days).
    for path in [
        "/paths/~1api~1v1~1invoices/get/parameters",
        "/paths/~1api~1v1~1invoices~1export.csv/get/parameters",
    ] {
        let Some(parameters) = document.pointer_mut(path).and_then(Value::as_array_mut) else {
            continue;
        };
        for parameter in parameters.iter_mut().filter(|parameter| {
            parameter["name"] == "created_from" || parameter["name"] == "created_to"
        }) {
            parameter["schema"] = serde_json::json!({"anyOf": [
                {"type": "string", "format": "date-time"},
                {"type": "string", "format": "date"},
            ]});
        }
    }
}

/// A `brand` query parameter takes one of kassa-card's brand ids, listed
/// in the document so a client knows them without asking
/// `GET /api/v1/cards/brands`.
fn brand_parameters(document: &mut Value) {
    let ids: Vec<Value> = kassa_card::Brand::ALL
        .iter()
        .map(|brand| Value::from(brand.id()))
        .collect();
    let Some(paths) = document["paths"].as_object_mut() else {
        return;
    };
    let parameters = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|operation| operation.get_mut("parameters"))
        .filter_map(Value::as_array_mut)
        .flatten()
        .filter(|parameter| parameter["name"] == "brand" && parameter["in"] == "query");
    for parameter in parameters {
        parameter["schema"]["enum"] = Value::Array(ids.clone());
    }
}

/// Removes fenced code blocks (doctests) from every `description`.
fn strip_code_blocks(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, value) in object.iter_mut() {
                match value {
                    Value::String(text) if key == "description" => {
                        *text = without_code_blocks(text);
                    }
                    other => strip_code_blocks(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_code_blocks),
        _ => {}
    }
}

fn without_code_blocks(text: &str) -> String {
    let mut kept = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
        } else if !in_block {
            kept.push(line);
        }
    }
    kept.join("\n").trim().to_owned()
}

/// `GET /api/openapi.json`.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "documentation",
    summary = "This OpenAPI 3.1 document",
    responses((status = 200, description = "The document.", content_type = "application/json", body = Object)),
)]
pub async fn openapi_json() -> Response {
    axum::Json(document()).into_response()
}

/// `GET /api/docs`: the document as a page, rendered on the server, with
/// no script and nothing loaded from elsewhere.
#[utoipa::path(
    get,
    path = "/api/docs",
    tag = "documentation",
    summary = "This document as a page",
    responses((status = 200, description = "An HTML page.", content_type = "text/html", body = String)),
)]
pub async fn docs_page() -> Response {
    static PAGE: OnceLock<page::Page> = OnceLock::new();
    let page = PAGE.get_or_init(|| page::render(document()));
    let mut response = axum::response::Html(page.html.clone()).into_response();
    if let Ok(policy) = HeaderValue::from_str(&page.content_security_policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::without_code_blocks;

    #[test]
    fn code_blocks_leave_descriptions() {
        let text = "A type.\n\n```\nlet x = 1;\n```\nMore.";
        assert_eq!(without_code_blocks(text), "A type.\n\nMore.");
    }
}
