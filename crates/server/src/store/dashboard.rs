//! What the merchant dashboard keeps: API keys, users, sessions and the
//! audit log, plus the reads its screens need (a timeline, the overview's
//! figures). Written once for both databases, like `sql_store.rs`.

use async_trait::async_trait;

use super::{EventSummary, MerchantRecord, StoreError};

/// The longest a session lasts, however much it is used.
pub const SESSION_LIFETIME_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// An API key, as stored: its hash, never the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKeyRecord {
    /// `key_…`.
    pub id: String,
    /// Its merchant.
    pub merchant_id: String,
    /// Hex SHA-256 of the key.
    pub key_hash: String,
    /// The key's first characters (`sk_1a2b3c4`).
    pub prefix: String,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds, to the minute.
    pub last_used_at: Option<i64>,
    /// When it stops working (revoked, or rolled with a grace period).
    pub expires_at: Option<i64>,
}

/// A dashboard user.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    /// `usr_…`.
    pub id: String,
    /// The merchant they work for.
    pub merchant_id: String,
    /// Lowercased.
    pub email: String,
    /// argon2id, as a PHC string.
    pub password_hash: String,
    /// `owner` or `staff`.
    pub role: String,
    /// The authenticator secret, sealed, when the second factor is on.
    pub totp_secret_sealed: Option<String>,
    /// An authenticator secret being set up (sealed), until a code confirms it.
    pub totp_pending_sealed: Option<String>,
    /// Wrong passwords since the last success or lock.
    pub failed_sign_ins: i64,
    /// Locked until (Unix milliseconds).
    pub locked_until: Option<i64>,
    /// The authenticator step that last signed in.
    pub totp_last_step: Option<i64>,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("merchant_id", &self.merchant_id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// One thing a user did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    /// `aud_…`.
    pub id: String,
    /// Whose dashboard.
    pub merchant_id: String,
    /// Who, when known.
    pub user_id: Option<String>,
    /// Their email at the time.
    pub user_email: Option<String>,
    /// `refund.created`, `session.signed_in`, …
    pub action: String,
    /// What it was done to.
    pub target: Option<String>,
    /// The client's address.
    pub ip: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// One try at delivering a callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryRecord {
    /// The event delivered.
    pub event_id: String,
    /// Unix milliseconds.
    pub attempted_at: i64,
    /// The merchant's status, when it answered.
    pub status_code: Option<i64>,
    /// What went wrong.
    pub error: Option<String>,
    /// How long it took.
    pub duration_ms: i64,
}

/// A payment attempt, for the overview's figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptFigure {
    /// Unix milliseconds.
    pub created_at: i64,
    /// `approved`, `declined`, …
    pub outcome: String,
    /// Why it was declined.
    pub decline_code: Option<String>,
    /// What the card was charged, in minor units (surcharge included).
    pub charged_minor: i64,
}

/// One payment attempt on an invoice, for its timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptRecord {
    /// 1 for the first.
    pub attempt: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    /// `approved`, `declined` or `pending`.
    pub outcome: String,
    /// Why it was declined.
    pub decline_code: Option<String>,
}

/// The dashboard's storage.
#[async_trait]
pub trait DashboardStore: Send + Sync {
    /// The merchant and the working key that hash to `key_hash` at `now`.
    async fn merchant_by_api_key(
        &self,
        key_hash: &str,
        now: i64,
    ) -> Result<Option<(MerchantRecord, ApiKeyRecord)>, StoreError>;
    /// Notes a key's use (callers do it at most once a minute per key).
    async fn touch_api_key(&self, id: &str, now: i64) -> Result<(), StoreError>;
    /// Adds a key.
    async fn add_api_key(&self, key: &ApiKeyRecord) -> Result<(), StoreError>;
    /// The merchant's keys that work at `now`, newest first.
    async fn api_keys(&self, merchant_id: &str, now: i64) -> Result<Vec<ApiKeyRecord>, StoreError>;
    /// Makes a working key stop at `expires_at` (no later than it already
    /// would) and, in the same transaction, adds `successor` when there is
    /// one; `false` (nothing written) for an unknown, another merchant's or
    /// a stopped key.
    async fn expire_api_key(
        &self,
        merchant_id: &str,
        id: &str,
        now: i64,
        expires_at: i64,
        successor: Option<&ApiKeyRecord>,
    ) -> Result<bool, StoreError>;

    /// Adds a user; [`StoreError::Conflict`] when the email is taken.
    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError>;
    /// A user by (lowercased) email.
    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError>;
    /// Counts a sign-in attempt before its password is checked: the count
    /// after it, or `None` when the user is locked at `now` or already has
    /// `limit` attempts counted (the attempt must not go on).
    async fn reserve_sign_in(
        &self,
        user_id: &str,
        limit: i64,
        now: i64,
    ) -> Result<Option<i64>, StoreError>;
    /// Locks the user until `locked_until` and starts counting again.
    async fn lock_user(&self, user_id: &str, locked_until: i64) -> Result<(), StoreError>;
    /// Takes back a counted attempt that was not a failure (the password was
    /// right; the authenticator code is asked for next).
    async fn release_sign_in(&self, user_id: &str) -> Result<(), StoreError>;
    /// Records that the authenticator's code of `step` signed the user in;
    /// `false` when that step (or a later one) was used already.
    async fn use_totp_step(&self, user_id: &str, step: i64) -> Result<bool, StoreError>;
    /// Sets the user's authenticator secret (sealed), or turns it off;
    /// either way a secret being set up is dropped.
    async fn set_totp_secret(
        &self,
        user_id: &str,
        sealed: Option<&str>,
    ) -> Result<bool, StoreError>;
    /// Keeps a secret being set up (sealed) until the user confirms it with
    /// a code.
    async fn set_pending_totp_secret(
        &self,
        user_id: &str,
        sealed: &str,
    ) -> Result<bool, StoreError>;
    /// Turns the pending secret `sealed` on, with `step` as its first used
    /// code; `false` when the pending secret changed meanwhile.
    async fn confirm_totp_secret(
        &self,
        user_id: &str,
        sealed: &str,
        step: i64,
    ) -> Result<bool, StoreError>;

    /// The merchant's users, oldest first.
    async fn users_of(&self, merchant_id: &str) -> Result<Vec<UserRecord>, StoreError>;
    /// Removes a user of the merchant and ends their sessions; `false` when
    /// there is no such user.
    async fn delete_user(&self, merchant_id: &str, id: &str) -> Result<bool, StoreError>;
    /// Sets a user's password and ends their sessions but `keep_session`.
    async fn set_password(
        &self,
        user_id: &str,
        password_hash: &str,
        keep_session: &str,
    ) -> Result<(), StoreError>;
    /// Puts a new callback secret in place; the old one (`previous`, sealed)
    /// keeps signing until `previous_until`, or stops now when `None`.
    async fn roll_callback_secret(
        &self,
        merchant_id: &str,
        sealed: &str,
        previous: Option<(&str, i64)>,
    ) -> Result<(), StoreError>;

    /// Starts a session and clears the user's wrong-password count.
    async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
        ip: Option<&str>,
    ) -> Result<(), StoreError>;
    /// The session's user and its expiry, when it has not expired at `now`
    /// (idle, or older than [`SESSION_LIFETIME_MS`]).
    async fn session_user(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<(UserRecord, i64)>, StoreError>;
    /// Moves a session's expiry on.
    async fn extend_session(&self, token_hash: &str, expires_at: i64) -> Result<(), StoreError>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// Records what a user did.
    async fn add_audit(&self, entry: &AuditRecord) -> Result<(), StoreError>;
    /// The merchant's audit log, newest first, after a keyset cursor.
    async fn audit_log(
        &self,
        merchant_id: &str,
        after: Option<(i64, String)>,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError>;

    /// Adds an event on its own (a test callback).
    async fn add_event(&self, event: &super::NewEvent) -> Result<(), StoreError>;

    /// Changes the merchant's settings (the whole new values).
    async fn update_merchant_settings(&self, merchant: &MerchantRecord) -> Result<(), StoreError>;

    /// The invoice's events, oldest first, and every delivery of them.
    async fn invoice_timeline(
        &self,
        merchant_id: &str,
        invoice_id: &str,
    ) -> Result<(Vec<EventSummary>, Vec<DeliveryRecord>), StoreError>;

    /// The payment attempts on one invoice, oldest first.
    async fn invoice_attempts(&self, invoice_id: &str) -> Result<Vec<AttemptRecord>, StoreError>;

    /// The merchant's payment attempts in `currency` since `since`.
    async fn attempt_figures(
        &self,
        merchant_id: &str,
        currency: &str,
        since: i64,
    ) -> Result<Vec<AttemptFigure>, StoreError>;
}

/// Inserts an API key with `$executor` (the pool or a transaction); a key
/// hash taken already is [`StoreError::Conflict`].
macro_rules! insert_api_key {
    ($store:expr, $executor:expr, $key:expr) => {{
        let sql = $store.sql(
            "INSERT INTO api_keys (id, merchant_id, key_hash, prefix, created_at, last_used_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        );
        sqlx::query(&sql)
            .bind(&$key.id)
            .bind(&$key.merchant_id)
            .bind(&$key.key_hash)
            .bind(&$key.prefix)
            .bind($key.created_at)
            .bind($key.last_used_at)
            .bind($key.expires_at)
            .execute($executor)
            .await
            .map_err($crate::store::sql_store::conflict_on_unique)?;
    }};
}
pub(crate) use insert_api_key;

/// Implements [`DashboardStore`] for a store type with a `pool` field and a
/// `sql(&str) -> Cow<str>` method (as `sql_store!` does).
macro_rules! dashboard_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::DashboardStore for $store {
            async fn merchant_by_api_key(
                &self,
                key_hash: &str,
                now: i64,
            ) -> Result<Option<($crate::store::MerchantRecord, $crate::store::ApiKeyRecord)>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT merchants.*, api_keys.id AS key_id, api_keys.key_hash, api_keys.prefix,
                            api_keys.created_at AS key_created_at, api_keys.last_used_at, api_keys.expires_at AS key_expires_at
                     FROM api_keys JOIN merchants ON merchants.id = api_keys.merchant_id
                     WHERE api_keys.key_hash = $1 AND (api_keys.expires_at IS NULL OR api_keys.expires_at > $2)",
                );
                let Some(row) = sqlx::query(&sql).bind(key_hash).bind(now).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                use sqlx::Row as _;
                let merchant = $crate::store::sql_store::merchant_from_row(&row)?;
                let key = $crate::store::ApiKeyRecord {
                    id: row.try_get("key_id")?,
                    merchant_id: merchant.id.clone(),
                    key_hash: row.try_get("key_hash")?,
                    prefix: row.try_get("prefix")?,
                    created_at: row.try_get("key_created_at")?,
                    last_used_at: row.try_get("last_used_at")?,
                    expires_at: row.try_get("key_expires_at")?,
                };
                Ok(Some((merchant, key)))
            }

            async fn touch_api_key(&self, id: &str, now: i64) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql("UPDATE api_keys SET last_used_at = $1 WHERE id = $2");
                sqlx::query(&sql).bind(now).bind(id).execute(&self.pool).await?;
                Ok(())
            }

            async fn add_api_key(&self, key: &$crate::store::ApiKeyRecord) -> Result<(), $crate::store::StoreError> {
                $crate::store::dashboard::insert_api_key!(self, &self.pool, key);
                Ok(())
            }

            async fn api_keys(
                &self,
                merchant_id: &str,
                now: i64,
            ) -> Result<Vec<$crate::store::ApiKeyRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM api_keys WHERE merchant_id = $1 AND (expires_at IS NULL OR expires_at > $2)
                     ORDER BY created_at DESC, id DESC",
                );
                let rows = sqlx::query(&sql).bind(merchant_id).bind(now).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::dashboard::api_key_from_row).collect()
            }

            async fn expire_api_key(
                &self,
                merchant_id: &str,
                id: &str,
                now: i64,
                expires_at: i64,
                successor: Option<&$crate::store::ApiKeyRecord>,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "UPDATE api_keys SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > $1 THEN $1 ELSE expires_at END
                     WHERE id = $2 AND merchant_id = $3 AND (expires_at IS NULL OR expires_at > $4)",
                );
                let done = sqlx::query(&sql)
                    .bind(expires_at)
                    .bind(id)
                    .bind(merchant_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                if let Some(key) = successor {
                    $crate::store::dashboard::insert_api_key!(self, &mut *tx, key);
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn create_user(&self, user: &$crate::store::UserRecord) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "INSERT INTO users (id, merchant_id, email, password_hash, role, totp_secret_sealed, failed_sign_ins, locked_until, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                );
                sqlx::query(&sql)
                    .bind(&user.id)
                    .bind(&user.merchant_id)
                    .bind(&user.email)
                    .bind(&user.password_hash)
                    .bind(&user.role)
                    .bind(&user.totp_secret_sealed)
                    .bind(user.failed_sign_ins)
                    .bind(user.locked_until)
                    .bind(user.created_at)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::store::sql_store::conflict_on_unique)?;
                Ok(())
            }

            async fn user_by_email(&self, email: &str) -> Result<Option<$crate::store::UserRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM users WHERE email = $1");
                let row = sqlx::query(&sql).bind(email).fetch_optional(&self.pool).await?;
                row.as_ref().map($crate::store::dashboard::user_from_row).transpose()
            }

            async fn reserve_sign_in(&self, user_id: &str, limit: i64, now: i64) -> Result<Option<i64>, $crate::store::StoreError> {
                // One statement: of attempts made at once, at most `limit`
                // are let through to the password check.
                let sql = self.sql(
                    "UPDATE users SET failed_sign_ins = failed_sign_ins + 1
                     WHERE id = $1 AND failed_sign_ins < $2 AND (locked_until IS NULL OR locked_until <= $3)
                     RETURNING failed_sign_ins",
                );
                Ok(sqlx::query_scalar(&sql).bind(user_id).bind(limit).bind(now).fetch_optional(&self.pool).await?)
            }

            async fn lock_user(&self, user_id: &str, locked_until: i64) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql("UPDATE users SET locked_until = $1, failed_sign_ins = 0 WHERE id = $2");
                sqlx::query(&sql).bind(locked_until).bind(user_id).execute(&self.pool).await?;
                Ok(())
            }

            async fn release_sign_in(&self, user_id: &str) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE users SET failed_sign_ins = CASE WHEN failed_sign_ins > 0 THEN failed_sign_ins - 1 ELSE 0 END WHERE id = $1",
                );
                sqlx::query(&sql).bind(user_id).execute(&self.pool).await?;
                Ok(())
            }

            async fn use_totp_step(&self, user_id: &str, step: i64) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
                );
                let done = sqlx::query(&sql).bind(step).bind(user_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_totp_secret(&self, user_id: &str, sealed: Option<&str>) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql("UPDATE users SET totp_secret_sealed = $1, totp_pending_sealed = NULL WHERE id = $2");
                let done = sqlx::query(&sql).bind(sealed).bind(user_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_pending_totp_secret(&self, user_id: &str, sealed: &str) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql("UPDATE users SET totp_pending_sealed = $1 WHERE id = $2");
                let done = sqlx::query(&sql).bind(sealed).bind(user_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn confirm_totp_secret(&self, user_id: &str, sealed: &str, step: i64) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE users SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL, totp_last_step = $1
                     WHERE id = $2 AND totp_pending_sealed = $3",
                );
                let done = sqlx::query(&sql).bind(step).bind(user_id).bind(sealed).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn users_of(&self, merchant_id: &str) -> Result<Vec<$crate::store::UserRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM users WHERE merchant_id = $1 ORDER BY created_at, id");
                let rows = sqlx::query(&sql).bind(merchant_id).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::dashboard::user_from_row).collect()
            }

            async fn delete_user(&self, merchant_id: &str, id: &str) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE id = $1 AND merchant_id = $2)");
                sqlx::query(&sql).bind(id).bind(merchant_id).execute(&mut *tx).await?;
                let sql = self.sql("DELETE FROM users WHERE id = $1 AND merchant_id = $2");
                let done = sqlx::query(&sql).bind(id).bind(merchant_id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_password(
                &self,
                user_id: &str,
                password_hash: &str,
                keep_session: &str,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql("UPDATE users SET password_hash = $1, failed_sign_ins = 0 WHERE id = $2");
                sqlx::query(&sql).bind(password_hash).bind(user_id).execute(&mut *tx).await?;
                let sql = self.sql("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2");
                sqlx::query(&sql).bind(user_id).bind(keep_session).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn roll_callback_secret(
                &self,
                merchant_id: &str,
                sealed: &str,
                previous: Option<(&str, i64)>,
            ) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE merchants SET callback_secret_sealed = $1, callback_secret_previous_sealed = $2,
                        callback_secret_previous_until = $3 WHERE id = $4",
                );
                sqlx::query(&sql)
                    .bind(sealed)
                    .bind(previous.map(|(sealed, _)| sealed))
                    .bind(previous.map(|(_, until)| until))
                    .bind(merchant_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn create_session(
                &self,
                token_hash: &str,
                user_id: &str,
                now: i64,
                expires_at: i64,
                ip: Option<&str>,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ip) VALUES ($1, $2, $3, $4, $5)");
                sqlx::query(&sql).bind(token_hash).bind(user_id).bind(now).bind(expires_at).bind(ip).execute(&mut *tx).await?;
                let sql = self.sql("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1");
                sqlx::query(&sql).bind(user_id).execute(&mut *tx).await?;
                // Sessions that ended are of no use to anyone.
                let sql = self.sql("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2");
                sqlx::query(&sql).bind(user_id).bind(now).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn session_user(
                &self,
                token_hash: &str,
                now: i64,
            ) -> Result<Option<($crate::store::UserRecord, i64)>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT users.*, sessions.expires_at AS session_expires_at
                     FROM sessions JOIN users ON users.id = sessions.user_id
                     WHERE sessions.token_hash = $1 AND sessions.expires_at > $2 AND sessions.created_at > $3",
                );
                let born_after = now - $crate::store::dashboard::SESSION_LIFETIME_MS;
                let Some(row) = sqlx::query(&sql).bind(token_hash).bind(now).bind(born_after).fetch_optional(&self.pool).await? else {
                    return Ok(None);
                };
                let user = $crate::store::dashboard::user_from_row(&row)?;
                Ok(Some((user, row.try_get("session_expires_at")?)))
            }

            async fn extend_session(&self, token_hash: &str, expires_at: i64) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2");
                sqlx::query(&sql).bind(expires_at).bind(token_hash).execute(&self.pool).await?;
                Ok(())
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql("DELETE FROM sessions WHERE token_hash = $1");
                sqlx::query(&sql).bind(token_hash).execute(&self.pool).await?;
                Ok(())
            }

            async fn add_audit(&self, entry: &$crate::store::AuditRecord) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "INSERT INTO audit_log (id, merchant_id, user_id, user_email, action, target, ip, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                );
                sqlx::query(&sql)
                    .bind(&entry.id)
                    .bind(&entry.merchant_id)
                    .bind(&entry.user_id)
                    .bind(&entry.user_email)
                    .bind(&entry.action)
                    .bind(&entry.target)
                    .bind(&entry.ip)
                    .bind(entry.created_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn audit_log(
                &self,
                merchant_id: &str,
                after: Option<(i64, String)>,
                limit: i64,
            ) -> Result<Vec<$crate::store::AuditRecord>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT * FROM audit_log
                     WHERE merchant_id = $1 AND ($2 IS NULL OR created_at < $2 OR (created_at = $2 AND id < $3))
                     ORDER BY created_at DESC, id DESC LIMIT $4",
                );
                let (after_at, after_id) = match after {
                    Some((at, id)) => (Some(at), id),
                    None => (None, String::new()),
                };
                let rows = sqlx::query(&sql)
                    .bind(merchant_id)
                    .bind(after_at)
                    .bind(after_id)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::store::AuditRecord {
                            id: row.try_get("id")?,
                            merchant_id: row.try_get("merchant_id")?,
                            user_id: row.try_get("user_id")?,
                            user_email: row.try_get("user_email")?,
                            action: row.try_get("action")?,
                            target: row.try_get("target")?,
                            ip: row.try_get("ip")?,
                            created_at: row.try_get("created_at")?,
                        })
                    })
                    .collect()
            }

            async fn add_event(&self, event: &$crate::store::NewEvent) -> Result<(), $crate::store::StoreError> {
                $crate::store::sql_store::insert_event!(self, &self.pool, event);
                Ok(())
            }

            async fn update_merchant_settings(
                &self,
                merchant: &$crate::store::MerchantRecord,
            ) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE merchants SET name = $1, appearance = $2, callback_url = $3, embed_origins = $4, currencies = $5,
                        payment_attempts = $7, invoice_lifetime_secs = $8
                     WHERE id = $6",
                );
                sqlx::query(&sql)
                    .bind(&merchant.name)
                    .bind($crate::store::sql_store::to_json(&merchant.appearance))
                    .bind(&merchant.callback_url)
                    .bind($crate::store::sql_store::to_json(&merchant.embed_origins))
                    .bind($crate::store::sql_store::to_json(&merchant.currencies))
                    .bind(&merchant.id)
                    .bind(merchant.payment_attempts.map(i64::from))
                    .bind(merchant.invoice_lifetime_secs)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn invoice_timeline(
                &self,
                merchant_id: &str,
                invoice_id: &str,
            ) -> Result<(Vec<$crate::store::EventSummary>, Vec<$crate::store::DeliveryRecord>), $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT * FROM events WHERE merchant_id = $1 AND invoice_id = $2 ORDER BY created_at, id",
                );
                let rows = sqlx::query(&sql).bind(merchant_id).bind(invoice_id).fetch_all(&self.pool).await?;
                let events = rows
                    .iter()
                    .map($crate::store::sql_store::event_summary_from_row)
                    .collect::<Result<Vec<_>, _>>()?;
                let sql = self.sql(
                    "SELECT delivery_attempts.* FROM delivery_attempts JOIN events ON events.id = delivery_attempts.event_id
                     WHERE events.merchant_id = $1 AND events.invoice_id = $2
                     ORDER BY delivery_attempts.attempted_at, delivery_attempts.id",
                );
                let rows = sqlx::query(&sql).bind(merchant_id).bind(invoice_id).fetch_all(&self.pool).await?;
                let deliveries = rows
                    .iter()
                    .map(|row| {
                        Ok($crate::store::DeliveryRecord {
                            event_id: row.try_get("event_id")?,
                            attempted_at: row.try_get("attempted_at")?,
                            status_code: row.try_get("status_code")?,
                            error: row.try_get("error")?,
                            duration_ms: row.try_get("duration_ms")?,
                        })
                    })
                    .collect::<Result<Vec<_>, $crate::store::StoreError>>()?;
                Ok((events, deliveries))
            }

            async fn invoice_attempts(
                &self,
                invoice_id: &str,
            ) -> Result<Vec<$crate::store::AttemptRecord>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT attempt, created_at, outcome, decline_code FROM payment_attempts
                     WHERE invoice_id = $1 ORDER BY attempt",
                );
                let rows = sqlx::query(&sql).bind(invoice_id).fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::store::AttemptRecord {
                            attempt: row.try_get("attempt")?,
                            created_at: row.try_get("created_at")?,
                            outcome: row.try_get("outcome")?,
                            decline_code: row.try_get("decline_code")?,
                        })
                    })
                    .collect()
            }

            async fn attempt_figures(
                &self,
                merchant_id: &str,
                currency: &str,
                since: i64,
            ) -> Result<Vec<$crate::store::AttemptFigure>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT payment_attempts.created_at, payment_attempts.outcome, payment_attempts.decline_code,
                            invoices.amount_minor + COALESCE(invoices.surcharge_minor, 0) AS charged_minor
                     FROM payment_attempts JOIN invoices ON invoices.id = payment_attempts.invoice_id
                     WHERE invoices.merchant_id = $1 AND invoices.currency = $2 AND payment_attempts.created_at >= $3",
                );
                let rows = sqlx::query(&sql).bind(merchant_id).bind(currency).bind(since).fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::store::AttemptFigure {
                            created_at: row.try_get("created_at")?,
                            outcome: row.try_get("outcome")?,
                            decline_code: row.try_get("decline_code")?,
                            charged_minor: row.try_get("charged_minor")?,
                        })
                    })
                    .collect()
            }
        }
    };
}
pub(crate) use dashboard_store;

/// An API key from an `api_keys` row.
pub(crate) fn api_key_from_row<R: sqlx::Row>(row: &R) -> Result<ApiKeyRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(ApiKeyRecord {
        id: row.try_get("id")?,
        merchant_id: row.try_get("merchant_id")?,
        key_hash: row.try_get("key_hash")?,
        prefix: row.try_get("prefix")?,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

/// A user from a `users` row.
pub(crate) fn user_from_row<R: sqlx::Row>(row: &R) -> Result<UserRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(UserRecord {
        id: row.try_get("id")?,
        merchant_id: row.try_get("merchant_id")?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        role: row.try_get("role")?,
        totp_secret_sealed: row.try_get("totp_secret_sealed")?,
        totp_pending_sealed: row.try_get("totp_pending_sealed")?,
        failed_sign_ins: row.try_get("failed_sign_ins")?,
        locked_until: row.try_get("locked_until")?,
        totp_last_step: row.try_get("totp_last_step")?,
        created_at: row.try_get("created_at")?,
    })
}
