//! Dashboard users: passwords hashed with argon2id (the `argon2` crate,
//! OWASP's parameters: 19 MiB, two passes), roles, and the operator's
//! `kassa-server user create`.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::StatusCode;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{StoreError, UserRecord};

/// What a user may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// Everything: keys, users and settings too.
    Owner,
    /// View, and refund.
    Staff,
}

impl Role {
    /// Its stored name.
    ///
    /// ```
    /// assert_eq!(kassa_server::dashboard::users::Role::Staff.as_str(), "staff");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Staff => "staff",
        }
    }
}

/// The shortest password Kassa takes (NIST SP 800-63B's floor for a
/// password chosen by its user).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// An argon2id PHC string for `password`, with a fresh random salt.
///
/// ```
/// use kassa_server::dashboard::users::{hash_password, password_matches};
/// let hash = hash_password("correct horse battery").unwrap();
/// assert!(hash.starts_with("$argon2id$"));
/// assert!(password_matches(&hash, "correct horse battery"));
/// assert!(!password_matches(&hash, "correct horse battery!"));
/// ```
///
/// # Errors
/// When argon2 refuses its input (a password over 4 GiB).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let mut salt = [0_u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(ApiError::internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(ApiError::internal)
}

/// Whether `password` is the one `hash` was made from (argon2 compares in
/// constant time).
pub fn password_matches(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Burns the time one verification takes, so that an unknown email answers
/// no faster than a wrong password (nobody learns who has an account).
fn verify_nobody(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("kassa-nobody-password").unwrap_or_default());
    let _ = password_matches(hash, password);
}

/// argon2 runs this many at once (one per core): each takes 19 MiB and
/// tens of milliseconds of CPU, so sign-ins in a flood queue here instead of
/// starving payments of threads and memory.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from))
    })
}

/// Runs `work` (argon2) on the blocking pool, at most one per core; 503
/// `auth.busy` after waiting 10 seconds for a turn.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let busy = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "auth.busy",
            "Too many sign-ins at once. Try again in a moment.",
            None,
        )
    };
    let _permit = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        hashing_permits().acquire(),
    )
    .await
    .map_err(|_| busy())?
    .map_err(|_| busy())?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(ApiError::internal)
}

/// Whether `password` matches `hash`; with no hash (an unknown email), as
/// long as a check takes, and `false`.
///
/// # Errors
/// 503 `auth.busy` when argon2 is saturated.
pub async fn verify(hash: Option<String>, password: String) -> Result<bool, ApiError> {
    off_thread(move || match hash {
        Some(hash) => password_matches(&hash, &password),
        None => {
            verify_nobody(&password);
            false
        }
    })
    .await
}

/// [`hash_password`] off the async threads.
///
/// # Errors
/// As [`hash_password`]; 503 `auth.busy`.
pub async fn hash(password: String) -> Result<String, ApiError> {
    off_thread(move || hash_password(&password)).await?
}

/// Asks a signed-in user for their password again before a change that a
/// session left open must not be enough for (a new password, the second
/// factor). A wrong one counts as a failed sign-in, so a stolen session is
/// no way to guess the password without limit; the fifth locks the user and
/// ends all their sessions.
///
/// # Errors
/// 401 `auth.invalid_credentials` naming `current_password`; 429
/// `auth.locked`; 503 `auth.busy`.
pub async fn confirm_password(
    state: &AppState,
    session: &super::session::SessionUser,
    password: &str,
) -> Result<(), ApiError> {
    use super::session::{LOCK_AFTER, LOCK_MS, locked};
    let now = crate::clock::now_ms();
    let Some(attempts) = state
        .store
        .reserve_sign_in(&session.user.id, LOCK_AFTER, now)
        .await?
    else {
        return Err(locked(LOCK_MS));
    };
    if verify(
        Some(session.user.password_hash.clone()),
        password.to_owned(),
    )
    .await?
    {
        state.store.release_sign_in(&session.user.id).await?;
        return Ok(());
    }
    if attempts >= LOCK_AFTER {
        state
            .store
            .lock_user(&session.user.id, now + LOCK_MS)
            .await?;
        // The same hash again, keeping no session: signed out everywhere.
        state
            .store
            .set_password(&session.user.id, &session.user.password_hash, "")
            .await?;
        return Err(locked(LOCK_MS));
    }
    Err(ApiError::new(
        StatusCode::UNAUTHORIZED,
        "auth.invalid_credentials",
        "The current password is not right.",
        Some("current_password"),
    ))
}

/// An email as Kassa keeps it: trimmed and lowercased, when it has one `@`
/// with something on both sides.
///
/// ```
/// use kassa_server::dashboard::users::normalize_email;
/// assert_eq!(normalize_email(" Ada@Shop.Example "), Some("ada@shop.example".into()));
/// assert_eq!(normalize_email("ada"), None);
/// ```
pub fn normalize_email(email: &str) -> Option<String> {
    let email = email.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let valid = !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace);
    valid.then_some(email)
}

/// Creates a user of `merchant_id`.
///
/// # Errors
/// 400 for an unknown merchant, a bad email or a short password; 409 when
/// the email has a user already.
pub async fn create_user(
    state: &AppState,
    merchant_id: &str,
    email: &str,
    role: Role,
    password: &str,
) -> Result<UserRecord, ApiError> {
    if state.store.merchant(merchant_id).await?.is_none() {
        return Err(ApiError::field(
            "merchant.not_found",
            "There is no merchant with this id.",
            "merchant",
        ));
    }
    let email = normalize_email(email)
        .ok_or_else(|| ApiError::field("email.format", "This is not an email address.", "email"))?;
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::field(
            "password.too_short",
            "A password has at least 12 characters.",
            "password",
        ));
    }
    let user = UserRecord {
        id: crate::ids::new_id("usr"),
        merchant_id: merchant_id.to_owned(),
        email,
        password_hash: hash(password.to_owned()).await?,
        role: role.as_str().to_owned(),
        totp_secret_sealed: None,
        totp_pending_sealed: None,
        failed_sign_ins: 0,
        locked_until: None,
        totp_last_step: None,
        created_at: crate::clock::now_ms(),
    };
    match state.store.create_user(&user).await {
        Ok(()) => Ok(user),
        Err(StoreError::Conflict) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "user.exists",
            "A user with this email exists already.",
            Some("email"),
        )),
        Err(error) => Err(error.into()),
    }
}

/// `kassa-server user …`.
///
/// # Errors
/// A message for the operator.
pub async fn run_command(
    mut settings: crate::settings::Settings,
    action: crate::cli::UserCommand,
) -> Result<(), String> {
    settings.listen = "127.0.0.1:0".into();
    let app = crate::startup::Application::build(settings)
        .await
        .map_err(|error| error.to_string())?;
    let state = app.state();
    let message = |error: ApiError| error.body().error.message.clone();
    match action {
        crate::cli::UserCommand::Create {
            merchant,
            email,
            role,
            password_stdin: _,
        } => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .map_err(|error| format!("cannot read the password: {error}"))?;
            let password = password.trim_end_matches(['\r', '\n']);
            let user = create_user(state, &merchant, &email, role, password)
                .await
                .map_err(message)?;
            println!(
                "{} ({}) may now sign in at {}/dashboard",
                user.email,
                role.as_str(),
                state.public_url
            );
            Ok(())
        }
        crate::cli::UserCommand::Totp { email, off } => {
            let email = normalize_email(&email).ok_or("this is not an email address")?;
            let user = state
                .store
                .user_by_email(&email)
                .await
                .map_err(|error| error.to_string())?
                .ok_or_else(|| format!("there is no user {email}"))?;
            if off {
                state
                    .store
                    .set_totp_secret(&user.id, None)
                    .await
                    .map_err(|error| error.to_string())?;
                println!("{email} signs in with a password only.");
                return Ok(());
            }
            let secret = super::totp::new_secret(state, &email);
            state
                .store
                .set_totp_secret(&user.id, Some(&secret.sealed))
                .await
                .map_err(|error| error.to_string())?;
            println!(
                "Add this to {email}'s authenticator app (shown once):\n{}",
                secret.address
            );
            Ok(())
        }
    }
}
