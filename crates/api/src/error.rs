//! The one error shape every endpoint uses.

use serde::{Deserialize, Serialize};

/// `{"error": {"code", "message", "field"}, "errors": [...]}`: the first
/// problem under `error`, every field problem under `errors`.
///
/// ```
/// use kassa_api::ErrorBody;
/// let body = ErrorBody::new("invoice.not_found", "No such invoice.", None);
/// assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"error":{"code":"invoice.not_found","message":"No such invoice."}}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The first (or only) problem.
    pub error: ErrorDetail,
    /// Every field problem, when there are several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl ErrorBody {
    /// A body with one problem.
    pub fn new(code: &str, message: &str, field: Option<&str>) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message: message.to_owned(),
                field: field.map(str::to_owned),
            },
            errors: Vec::new(),
        }
    }
}

/// One problem: a stable machine code, a human message, and the field.
///
/// ```
/// use kassa_api::ErrorDetail;
/// let detail: ErrorDetail = serde_json::from_str(r#"{"code":"x.y","message":"m"}"#).unwrap();
/// assert_eq!(detail.field, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable code, `<field>.<reason>` (`expiry.in_past`).
    pub code: String,
    /// Message for a person, in the request's locale.
    pub message: String,
    /// The request field it is about (`card.number`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A problem with one field of a request.
pub type FieldError = ErrorDetail;
