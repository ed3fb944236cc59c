//! The one error type handlers return, and its JSON shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kassa_api::{ErrorBody, ErrorDetail};

/// An error answer: a status and `{"error": {"code", "message", "field"}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    /// An error with one problem.
    pub fn new(status: StatusCode, code: &str, message: &str, field: Option<&str>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody::new(code, message, field),
        }
    }

    /// 400 with every field problem (the first one under `error`).
    pub fn fields(errors: Vec<ErrorDetail>) -> ApiError {
        let first = errors.first().cloned().unwrap_or_else(|| ErrorDetail {
            code: "request.invalid".into(),
            message: "The request is not valid.".into(),
            field: None,
        });
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body: ErrorBody {
                error: first,
                errors,
            },
        }
    }

    /// 400 for one field.
    pub fn field(code: &str, message: &str, field: &str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message, Some(field))
    }

    /// 404.
    pub fn not_found(code: &str, message: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, message, None)
    }

    /// 409: the resource's state does not allow the action.
    pub fn conflict(code: &str, message: &str) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message, None)
    }

    /// 500, saying only that something went wrong and giving an id to quote;
    /// the cause goes to the log under the same id.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        let id = crate::ids::new_id("err");
        tracing::error!(error_id = %id, %cause, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            &format!("Something went wrong on our side. Quote {id} if you contact support."),
            None,
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The body.
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> ApiError {
        ApiError::internal(error)
    }
}
