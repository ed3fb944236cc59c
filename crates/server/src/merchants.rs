//! Creating merchants (the CLI and tests; there is no HTTP route for it).

use kassa_api::Appearance;
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

/// Creates a merchant whose checkout has Kassa's own look.
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
    create_styled_merchant(
        state,
        name,
        callback_url,
        embed_origins,
        currencies,
        Appearance::default(),
    )
    .await
}

/// The largest logo a merchant may store (it travels with every checkout view).
pub const MAX_LOGO_BYTES: usize = 32 * 1024;

/// A logo file as a `data:` URL, when it is a PNG or an SVG of at most
/// [`MAX_LOGO_BYTES`].
///
/// ```
/// use kassa_server::merchants::logo_data_url;
/// let svg = logo_data_url(b"<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
/// assert!(svg.starts_with("data:image/svg+xml;base64,"));
/// assert_eq!(logo_data_url(b"GIF89a").unwrap_err().body().error.code, "logo.format");
/// ```
///
/// # Errors
/// 400 `logo.format` or `logo.too_large`.
pub fn logo_data_url(bytes: &[u8]) -> Result<String, ApiError> {
    use base64::Engine as _;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(ApiError::field(
            "logo.too_large",
            "A logo is at most 32 KB.",
            "logo",
        ));
    }
    let text_start = String::from_utf8_lossy(&bytes[..bytes.len().min(256)])
        .trim_start()
        .to_owned();
    let media_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if text_start.starts_with("<svg") || text_start.starts_with("<?xml") {
        "image/svg+xml"
    } else {
        return Err(ApiError::field(
            "logo.format",
            "A logo is a PNG or an SVG file.",
            "logo",
        ));
    };
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(format!("data:{media_type};base64,{encoded}"))
}

/// Creates a merchant with its checkout's accent colour and logo.
///
/// # Errors
/// 400 for a bad name, callback URL, currency, accent colour or logo; 500
/// when storing fails.
pub async fn create_styled_merchant(
    state: &AppState,
    name: &str,
    callback_url: &str,
    embed_origins: &[String],
    currencies: &[String],
    appearance: Appearance,
) -> Result<NewMerchant, ApiError> {
    check_appearance(&appearance)?;
    let name = check_name(name)?;
    let embed_origins = embed_origins
        .iter()
        .map(|origin| {
            crate::dashboard::settings::check_origin(origin, state.settings.allow_http_urls)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let callback_url = check_callback_url(state, callback_url).await?;
    let codes = check_currencies(currencies)?;
    let api_key = crate::secrets::new_api_key();
    let callback_secret = crate::secrets::new_callback_secret();
    let merchant = MerchantRecord {
        id: crate::ids::new_id("mer"),
        name,
        api_key_hash: crate::secrets::api_key_hash(&api_key),
        callback_secret_sealed: state.sealing_key.seal(&callback_secret),
        previous_callback_secret: None,
        payment_attempts: None,
        invoice_lifetime_secs: None,
        callback_url,
        embed_origins,
        currencies: codes,
        appearance,
        created_at: crate::clock::now_ms(),
        processor_config_id: None,
    };
    state
        .store
        .create_merchant(&merchant, &crate::dashboard::api_keys::prefix_of(&api_key))
        .await?;
    Ok(NewMerchant {
        merchant_id: merchant.id,
        api_key,
        callback_secret,
    })
}

/// Checks an accent colour (`#rgb` or `#rrggbb`) and a logo (a PNG or SVG
/// `data:` URL).
///
/// ```
/// use kassa_api::Appearance;
/// use kassa_server::merchants::check_appearance;
/// let red = Appearance { accent_color: Some("#c00".into()), logo: None };
/// assert!(check_appearance(&red).is_ok());
/// let bad = Appearance { accent_color: Some("red".into()), logo: None };
/// assert_eq!(check_appearance(&bad).unwrap_err().body().error.code, "accent_color.format");
/// ```
///
/// # Errors
/// 400 `accent_color.format` or `logo.format`.
pub fn check_appearance(appearance: &Appearance) -> Result<(), ApiError> {
    if let Some(accent) = &appearance.accent_color {
        let hex = accent.strip_prefix('#').unwrap_or_default();
        if !matches!(hex.len(), 3 | 6) || !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(ApiError::field(
                "accent_color.format",
                "An accent colour is #rgb or #rrggbb.",
                "accent_color",
            ));
        }
    }
    if let Some(logo) = &appearance.logo
        && !(logo.starts_with("data:image/png;base64,")
            || logo.starts_with("data:image/svg+xml;base64,"))
    {
        return Err(ApiError::field(
            "logo.format",
            "A logo is a PNG or an SVG file.",
            "logo",
        ));
    }
    if appearance
        .logo
        .as_ref()
        .is_some_and(|logo| logo.len() > MAX_LOGO_BYTES * 4 / 3 + 64)
    {
        return Err(ApiError::field(
            "logo.too_large",
            "A logo is at most 32 KB.",
            "logo",
        ));
    }
    Ok(())
}

/// A merchant name, trimmed: 1 to 100 characters.
///
/// # Errors
/// 400 `name.length`.
pub fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::field(
            "name.length",
            "A merchant name has 1 to 100 characters.",
            "name",
        ));
    }
    Ok(name.to_owned())
}

/// A callback URL Kassa may send to.
///
/// # Errors
/// 400 for a URL the policy refuses (see `url_policy`).
pub async fn check_callback_url(state: &AppState, callback_url: &str) -> Result<String, ApiError> {
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
        Ok(()) | Err(crate::url_policy::UrlError::Unresolvable) => Ok(callback_url.to_string()),
        Err(error) => Err(ApiError::field(
            error.code(),
            error.message(),
            "callback_url",
        )),
    }
}

/// ISO 4217 codes, normalised.
///
/// # Errors
/// 400 `currency.unknown`.
pub fn check_currencies(currencies: &[String]) -> Result<Vec<String>, ApiError> {
    currencies
        .iter()
        .map(|code| {
            kassa_card::Currency::parse(code)
                .map(|currency| currency.code().to_owned())
                .map_err(|_| {
                    ApiError::field("currency.unknown", "Not an ISO 4217 currency.", "currency")
                })
        })
        .collect()
}
