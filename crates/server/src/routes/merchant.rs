//! The merchant API for the merchant's own account: which processor
//! charges its payments.

use axum::Json;
use axum::extract::State;
use kassa_api::ErrorBody;
use serde::Deserialize;

use crate::error::ApiError;
use crate::extract::{AuthenticatedMerchant, RawBody, parse_json};
use crate::processors::ProcessorSummary;
use crate::state::AppState;

/// New processor settings: the processor's name and its gateway's
/// settings, named as the gateway names them.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct SetProcessorRequest {
    /// `test`, `creditguard`, `icount` or `stripe`.
    pub(super) processor: String,
    /// The gateway's settings: `base_url` for every gateway, and `user`,
    /// `password`, `terminal` (CreditGuard); `cid`, `user`, `pass`,
    /// optional `is_test` (iCount); `secret_key`, optional `account`
    /// (Stripe). Empty for `test`. Stored sealed, never shown again.
    #[serde(default = "empty_object")]
    #[schema(value_type = Object)]
    pub(super) config: serde_json::Value,
}

/// Never the settings: they hold the gateway's credentials.
impl std::fmt::Debug for SetProcessorRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetProcessorRequest")
            .field("processor", &self.processor)
            .finish_non_exhaustive()
    }
}

fn empty_object() -> serde_json::Value {
    serde_json::Value::Object(serde_json::Map::new())
}

/// `GET /api/v1/merchant/processor`: which processor charges the
/// merchant's payments now (never its credentials).
#[utoipa::path(
    get,
    path = "/api/v1/merchant/processor",
    tag = "merchant",
    summary = "Read the merchant's processor",
    responses(
        (status = 200, description = "The processor.", body = ProcessorSummary),
        (status = 401, description = "No API key, or not a valid one.", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn merchant_processor_get(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
) -> Result<Json<ProcessorSummary>, ApiError> {
    crate::processors::summary(&state, &merchant)
        .await
        .map(Json)
}

/// `PUT /api/v1/merchant/processor`: charge later payments through another
/// processor, or with new credentials. Payments already made keep the
/// processor they were charged on; their refunds and settlement go there.
#[utoipa::path(
    put,
    path = "/api/v1/merchant/processor",
    tag = "merchant",
    summary = "Change the merchant's processor",
    request_body(content = SetProcessorRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Set; later charges use it.", body = ProcessorSummary),
        (status = 400, description = "An unknown processor (`processor_config.unknown`), settings that are not the gateway's (`processor_config.invalid`, naming the field, never its value), or a `base_url` that is not https (`processor_config.insecure_url`).", body = ErrorBody),
        (status = 401, description = "No API key, or not a valid one.", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn merchant_processor_put(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    RawBody(body): RawBody,
) -> Result<Json<ProcessorSummary>, ApiError> {
    let request: SetProcessorRequest = parse_json(&body)?;
    crate::processors::set_processor(&state, &merchant.id, &request.processor, &request.config)
        .await
        .map(Json)
}
