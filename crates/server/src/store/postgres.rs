//! The PostgreSQL store, for several instances sharing one database.

use std::borrow::Cow;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use super::StoreError;

/// PostgreSQL.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects and migrates (`postgres://user@host/db`).
    ///
    /// # Errors
    /// When the server cannot be reached or the schema migrated.
    pub async fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|error| StoreError::Database(error.into()))?;
        Ok(PostgresStore { pool })
    }

    fn sql<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(text)
    }
}

sql_store!(PostgresStore, extra: {
    fn pool_usage(&self) -> Option<(i64, i64)> {
        let size = i64::from(self.pool.size());
        let idle = i64::try_from(self.pool.num_idle()).unwrap_or(i64::MAX);
        Some((size - idle, idle))
    }
});

super::dashboard::dashboard_store!(PostgresStore);
