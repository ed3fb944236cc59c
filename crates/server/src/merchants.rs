//! Creating merchants (the CLI and tests; there is no HTTP route for it).

use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::MerchantRecord;
use crate::url_policy::check_merchant_url;

/// What a new merchant receives once: its id, API key and callback secret.
#[derive(Clone, Serialize)]
pub struct NewMerchant {
    /// `mer_…`.
    pub merchant_id: String,
    /// The API key (only its hash is stored).
    pub api_key: String,
    /// The callback signing secret (stored sealed).
    pub callback_secret: String,
}

impl std::fmt::Debug for NewMerchant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewMerchant")
            .field("merchant_id", &self.merchant_id)
            .finish_non_exhaustive()
    }
}

/// Creates a merchant.
///
/// # Errors
/// 400 for a bad name, callback URL or currency; 500 when storing fails.
pub async fn create_merchant(
    state: &AppState,
    name: &str,
    callback_url: &str,
    embed_origins: &[String],
    currencies: &[String],
) -> Result<NewMerchant, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::field(
            "name.length",
            "A merchant name has 1 to 100 characters.",
            "name",
        ));
    }
    let callback_url = check_merchant_url(callback_url, state.settings.allow_http_urls)
        .map_err(|error| ApiError::field(error.code(), error.message(), "callback_url"))?;
    // A host that resolves to a private address is refused now; one that
    // does not resolve yet is accepted (delivery checks again every time).
    match crate::url_policy::check_callback_target(
        &callback_url,
        state.settings.allow_private_callbacks,
    )
    .await
    {
        Ok(()) | Err(crate::url_policy::UrlError::Unresolvable) => {}
        Err(error) => {
            return Err(ApiError::field(
                error.code(),
                error.message(),
                "callback_url",
            ));
        }
    }
    let mut codes = Vec::with_capacity(currencies.len());
    for code in currencies {
        let currency = kassa_card::Currency::parse(code).map_err(|_| {
            ApiError::field("currency.unknown", "Not an ISO 4217 currency.", "currency")
        })?;
        codes.push(currency.code().to_owned());
    }
    let api_key = crate::secrets::new_api_key();
    let callback_secret = crate::secrets::new_callback_secret();
    let merchant = MerchantRecord {
        id: crate::ids::new_id("mer"),
        name: name.to_owned(),
        api_key_hash: crate::secrets::api_key_hash(&api_key),
        callback_secret_sealed: state.sealing_key.seal(&callback_secret),
        callback_url: callback_url.to_string(),
        embed_origins: embed_origins.to_vec(),
        currencies: codes,
        created_at: crate::clock::now_ms(),
    };
    state.store.create_merchant(&merchant).await?;
    Ok(NewMerchant {
        merchant_id: merchant.id,
        api_key,
        callback_secret,
    })
}
