//! Turning the second factor on and off from the dashboard, as GitHub and
//! Stripe do: the user confirms their password, scans a QR code (or types
//! the secret), and the second factor is on only once they type a code the
//! app made, so a mis-scanned secret cannot lock them out.
//!
//! The algorithm is in [`super::totp`]; `kassa-server user totp` stays the
//! operator's way in for a user who lost their phone.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use kassa_api::{ConfirmPasswordRequest, ErrorBody, QrPath, TotpConfirmRequest, TotpSetup};

use crate::error::ApiError;
use crate::state::AppState;

use super::session::DashboardSession;
use super::totp::{matching_step, new_secret, open_secret};
use super::users::confirm_password;

/// `text` as a QR code (error correction M, as authenticator apps' own
/// set-up pages use), one SVG path of its dark modules, each row's runs
/// drawn as one rectangle.
///
/// ```
/// use kassa_server::dashboard::two_factor::qr_path;
/// let qr = qr_path("otpauth://totp/Kassa:a%40b.example?secret=MZXW6YTBOI&issuer=Kassa").unwrap();
/// assert_eq!((qr.size - 17) % 4, 0, "a QR code's side is 17 + 4 × its version");
/// // The top-left finder pattern: a run of seven dark modules.
/// assert!(qr.path.starts_with("M0 0h7v1h-7z"));
/// ```
///
/// # Errors
/// When `text` does not fit a QR code (about 2 KB).
pub fn qr_path(text: &str) -> Result<QrPath, qrcode::types::QrError> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)?;
    let size = code.width();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if code[(x, y)] == qrcode::Color::Dark {
                let start = x;
                while x < size && code[(x, y)] == qrcode::Color::Dark {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!("M{start} {y}h{run}v1h-{run}z"));
            } else {
                x += 1;
            }
        }
    }
    Ok(QrPath {
        size: u32::try_from(size).unwrap_or(u32::MAX),
        path,
    })
}

/// `POST /api/v1/dashboard/totp/setup`: a new authenticator secret for the
/// signed-in user, shown once, kept aside until a code confirms it.
#[utoipa::path(
    post,
    path = "/api/v1/dashboard/totp/setup",
    tag = "dashboard",
    summary = "Set up an authenticator app",
    request_body = ConfirmPasswordRequest,
    responses(
        (status = 200, description = "The secret, its `otpauth://` address and the address as a QR code; sign-in asks for codes once one is confirmed.", body = TotpSetup),
        (status = 401, description = "Not signed in, or the password is wrong (`auth.invalid_credentials`).", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`).", body = ErrorBody),
        (status = 409, description = "The second factor is on already (`totp.already_on`): turn it off first.", body = ErrorBody),
        (status = 429, description = "Five wrong passwords in a row: locked and signed out (`auth.locked`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn totp_setup(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    body: Bytes,
) -> Result<Json<TotpSetup>, ApiError> {
    let request: ConfirmPasswordRequest = crate::extract::parse_json(&body)?;
    if session.user.totp_secret_sealed.is_some() {
        return Err(ApiError::conflict(
            "totp.already_on",
            "Your sign-in asks for an authenticator code already. Turn it off first to use another app.",
        ));
    }
    confirm_password(&state, &session, &request.current_password).await?;
    let secret = new_secret(&state, &session.user.email);
    let qr = qr_path(&secret.address).map_err(ApiError::internal)?;
    state
        .store
        .set_pending_totp_secret(&session.user.id, &secret.sealed)
        .await?;
    tracing::info!(user_id = %session.user.id, "authenticator set-up started");
    Ok(Json(TotpSetup {
        secret: secret.base32,
        uri: secret.address,
        qr,
    }))
}

/// `POST /api/v1/dashboard/totp/confirm`: a code from the app just set up;
/// from now on sign-in asks for one.
#[utoipa::path(
    post,
    path = "/api/v1/dashboard/totp/confirm",
    tag = "dashboard",
    summary = "Turn the second factor on",
    request_body = TotpConfirmRequest,
    responses(
        (status = 204, description = "On: sign-in asks for a code from now on. This code is used up."),
        (status = 400, description = "Not the code the app shows now (`totp.invalid_code`).", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`).", body = ErrorBody),
        (status = 409, description = "No set-up under way (`totp.not_started`), or another one replaced it.", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn totp_confirm(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let request: TotpConfirmRequest = crate::extract::parse_json(&body)?;
    let not_started = || {
        ApiError::conflict(
            "totp.not_started",
            "There is no authenticator being set up. Start again.",
        )
    };
    let sealed = session
        .user
        .totp_pending_sealed
        .as_deref()
        .ok_or_else(not_started)?;
    // A secret sealed under a key since retired cannot be opened: start again.
    let secret = open_secret(&state, sealed).ok_or_else(not_started)?;
    let now = crate::clock::now_ms().div_euclid(1000);
    let step = matching_step(&secret, &request.code, now).ok_or_else(|| {
        ApiError::field(
            "totp.invalid_code",
            "This is not the code your app shows now. Check that its clock is right and type the newest code.",
            "code",
        )
    })?;
    if !state
        .store
        .confirm_totp_secret(&session.user.id, sealed, step)
        .await?
    {
        return Err(not_started());
    }
    tracing::info!(user_id = %session.user.id, "second factor turned on");
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/dashboard/totp/off`: sign-in asks for the password only.
#[utoipa::path(
    post,
    path = "/api/v1/dashboard/totp/off",
    tag = "dashboard",
    summary = "Turn the second factor off",
    request_body = ConfirmPasswordRequest,
    responses(
        (status = 204, description = "Off (and any set-up under way dropped)."),
        (status = 401, description = "Not signed in, or the password is wrong (`auth.invalid_credentials`).", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`).", body = ErrorBody),
        (status = 429, description = "Five wrong passwords in a row: locked and signed out (`auth.locked`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn totp_off(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let request: ConfirmPasswordRequest = crate::extract::parse_json(&body)?;
    confirm_password(&state, &session, &request.current_password).await?;
    state.store.set_totp_secret(&session.user.id, None).await?;
    tracing::info!(user_id = %session.user.id, "second factor turned off");
    Ok(StatusCode::NO_CONTENT)
}
