//! The SQLite store: one file, WAL mode, created and migrated at start.

use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::StoreError;

/// SQLite, for one instance (the default).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at `url`
    /// (`sqlite://kassa.db`).
    ///
    /// # Errors
    /// When the file cannot be opened or migrated.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // WAL with NORMAL sync is durable across application crashes
            // and loses at most the last commits on power loss.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&pool)
            .await
            .map_err(|error| StoreError::Database(error.into()))?;
        Ok(SqliteStore { pool })
    }

    /// SQLite numbers its parameters `?1`, not `$1`.
    fn sql<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Owned(text.replace('$', "?"))
    }
}

sql_store!(SqliteStore, extra: {
    fn pool_usage(&self) -> Option<(i64, i64)> {
        let size = i64::from(self.pool.size());
        let idle = i64::try_from(self.pool.num_idle()).unwrap_or(i64::MAX);
        Some((size - idle, idle))
    }
});

super::dashboard::dashboard_store!(SqliteStore);
