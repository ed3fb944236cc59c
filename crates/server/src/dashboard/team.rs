//! The account's users, as owners manage them (list, add, remove), and
//! every user's own password.
//!
//! Kassa sends no email: adding a user makes a one-time password the owner
//! hands over (shown once, as API keys are); the new user changes it under
//! Account.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kassa_api::{
    ChangePasswordRequest, ErrorBody, InviteUserRequest, NewUser, TeamList, TeamMember,
};

use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::state::AppState;

use super::session::{DashboardSession, OwnerSession, user_view};
use super::users::{MIN_PASSWORD_CHARS, Role, confirm_password, create_user, hash};

/// `GET /api/v1/dashboard/users`.
#[utoipa::path(
    get,
    path = "/api/v1/dashboard/users",
    tag = "dashboard",
    summary = "The account's users",
    responses(
        (status = 200, description = "Oldest first.", body = TeamList),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "Staff (`auth.forbidden_role`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn users_list(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
) -> Result<Json<TeamList>, ApiError> {
    let users = state.store.users_of(&session.merchant.id).await?;
    Ok(Json(TeamList {
        data: users
            .iter()
            .map(|user| TeamMember {
                user: user_view(user),
                created_at: rfc3339(user.created_at),
            })
            .collect(),
    }))
}

/// `POST /api/v1/dashboard/users`: adds a user with a one-time password.
#[utoipa::path(
    post,
    path = "/api/v1/dashboard/users",
    tag = "dashboard",
    summary = "Add a user",
    request_body = InviteUserRequest,
    responses(
        (status = 201, description = "The user and their first password (shown once).", body = NewUser),
        (status = 400, description = "Not an email (`email.format`) or role (`role.unknown`).", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
        (status = 409, description = "The email has a user already (`user.exists`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn users_invite(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
    body: Bytes,
) -> Result<(StatusCode, Json<NewUser>), ApiError> {
    let request: InviteUserRequest = crate::extract::parse_json(&body)?;
    let role = match request.role.as_str() {
        "owner" => Role::Owner,
        "staff" => Role::Staff,
        _ => {
            return Err(ApiError::field(
                "role.unknown",
                "A role is owner or staff.",
                "role",
            ));
        }
    };
    // 96 random bits, grouped for reading aloud or typing.
    let hex = crate::ids::random_hex(12);
    let password = format!("{}-{}-{}", &hex[..8], &hex[8..16], &hex[16..]);
    let user = create_user(
        &state,
        &session.merchant.id,
        &request.email,
        role,
        &password,
    )
    .await?;
    tracing::info!(user_id = %user.id, "dashboard user added");
    Ok((
        StatusCode::CREATED,
        Json(NewUser {
            user: user_view(&user),
            password,
        }),
    ))
}

/// `DELETE /api/v1/dashboard/users/{id}`: removes a user; their sessions
/// end at once.
#[utoipa::path(
    delete,
    path = "/api/v1/dashboard/users/{id}",
    tag = "dashboard",
    summary = "Remove a user",
    params(("id" = String, Path, description = "The user's id: `usr_` and 32 hex digits.")),
    responses(
        (status = 204, description = "Removed."),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`), or staff (`auth.forbidden_role`).", body = ErrorBody),
        (status = 404, description = "No such user of this account (`user.not_found`).", body = ErrorBody),
        (status = 409, description = "Owners cannot remove themselves (`user.self`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn users_remove(
    State(state): State<AppState>,
    OwnerSession(session): OwnerSession,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if id == session.user.id {
        return Err(ApiError::conflict(
            "user.self",
            "You cannot remove yourself; another owner can.",
        ));
    }
    if !state.store.delete_user(&session.merchant.id, &id).await? {
        return Err(ApiError::not_found(
            "user.not_found",
            "There is no such user in this account.",
        ));
    }
    tracing::info!(user_id = %id, "dashboard user removed");
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/dashboard/password`: the signed-in user's new password;
/// every other session of theirs ends.
#[utoipa::path(
    post,
    path = "/api/v1/dashboard/password",
    tag = "dashboard",
    summary = "Change your password",
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed."),
        (status = 400, description = "The new password is shorter than 12 characters (`password.too_short`).", body = ErrorBody),
        (status = 401, description = "Not signed in, or the current password is wrong (`auth.invalid_credentials`).", body = ErrorBody),
        (status = 403, description = "No `X-CSRF-Token` (`auth.csrf`).", body = ErrorBody),
        (status = 429, description = "Five wrong passwords in a row: locked and signed out (`auth.locked`).", body = ErrorBody),
    ),
    security(("session" = []))
)]
pub async fn password_change(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let request: ChangePasswordRequest = crate::extract::parse_json(&body)?;
    if request.new_password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::field(
            "password.too_short",
            "A password has at least 12 characters.",
            "new_password",
        ));
    }
    confirm_password(&state, &session, &request.current_password).await?;
    let hash = hash(request.new_password.clone()).await?;
    state
        .store
        .set_password(&session.user.id, &hash, session.token_hash())
        .await?;
    tracing::info!(user_id = %session.user.id, "dashboard password changed");
    Ok(StatusCode::NO_CONTENT)
}
