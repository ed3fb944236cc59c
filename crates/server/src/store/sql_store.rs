//! The SQL both stores run, written once. Statements use `$1`-style
//! placeholders; SQLite reads them as `?1` (see `SqliteStore::sql`).
//!
//! Every write that must be atomic with another (a state change and its
//! event, an invoice and its idempotent response) shares one transaction,
//! and each transaction starts with its write so SQLite takes the write lock
//! at once rather than upgrading a read lock.

/// Implements [`super::Store`] for a store type with a `pool` field and a
/// `sql(&str) -> Cow<str>` method; `extra` holds the methods whose SQL
/// differs between the databases.
macro_rules! sql_store {
    ($store:ty, extra: { $($extra:item)* }) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            $($extra)*

            async fn undelivered_events(&self) -> Result<i64, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT COUNT(*) AS backlog FROM events WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL",
                );
                let row = sqlx::query(&sql).fetch_one(&self.pool).await?;
                Ok(row.try_get("backlog")?)
            }

            async fn ping(&self) -> Result<(), $crate::store::StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn create_merchant(
                &self,
                merchant: &$crate::store::MerchantRecord,
                key_prefix: &str,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "INSERT INTO merchants (id, name, api_key_hash, callback_secret_sealed, callback_url, embed_origins, currencies, created_at, appearance)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                );
                sqlx::query(&sql)
                    .bind(&merchant.id)
                    .bind(&merchant.name)
                    .bind(&merchant.api_key_hash)
                    .bind(&merchant.callback_secret_sealed)
                    .bind(&merchant.callback_url)
                    .bind($crate::store::sql_store::to_json(&merchant.embed_origins))
                    .bind($crate::store::sql_store::to_json(&merchant.currencies))
                    .bind(merchant.created_at)
                    .bind($crate::store::sql_store::to_json(&merchant.appearance))
                    .execute(&mut *tx)
                    .await?;
                let sql = self.sql(
                    "INSERT INTO api_keys (id, merchant_id, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5)",
                );
                sqlx::query(&sql)
                    .bind($crate::ids::new_id("key"))
                    .bind(&merchant.id)
                    .bind(&merchant.api_key_hash)
                    .bind(key_prefix)
                    .bind(merchant.created_at)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn merchant(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::MerchantRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM merchants WHERE id = $1");
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(|row| $crate::store::sql_store::merchant_from_row(&row)).transpose()
            }

            async fn create_invoice(
                &self,
                invoice: &$crate::store::InvoiceRecord,
                idempotency: Option<&$crate::store::IdempotentResponse>,
            ) -> Result<(), $crate::store::StoreError> {
                // One statement needs no transaction of its own: without an
                // idempotent answer to store beside it, the INSERT commits
                // alone, sparing BEGIN and COMMIT (two round trips on
                // PostgreSQL, two hops to SQLite's thread) on the busiest route.
                let mut tx = match idempotency {
                    Some(response) => {
                        let mut tx = self.pool.begin().await?;
                        $crate::store::sql_store::insert_idempotent!(self, &mut *tx, response);
                        Some(tx)
                    }
                    None => None,
                };
                let sql = self.sql(
                    "INSERT INTO invoices (id, merchant_id, status, amount_minor, currency, email, description, reference, locale,
                        success_url, cancel_url, pending_url, failure_url, callback_json, installments_max, prefill,
                        expires_at, created_at, updated_at, attempts, capture_mode, card_saving, payment_method_id,
                        installments_kind, installments_fee_minor, max_attempts)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 0, $20, $21, $22, $23, $24, $25)",
                );
                let insert = sqlx::query(&sql)
                    .bind(&invoice.id)
                    .bind(&invoice.merchant_id)
                    .bind(invoice.status.as_str())
                    .bind(invoice.amount_minor)
                    .bind(&invoice.currency)
                    .bind(&invoice.email)
                    .bind(&invoice.description)
                    .bind(&invoice.reference)
                    .bind(&invoice.locale)
                    .bind(&invoice.success_url)
                    .bind(&invoice.cancel_url)
                    .bind(&invoice.pending_url)
                    .bind(&invoice.failure_url)
                    .bind(&invoice.callback_json)
                    .bind(i64::from(invoice.installments_max))
                    .bind($crate::store::sql_store::to_json(&invoice.prefill))
                    .bind(invoice.expires_at)
                    .bind(invoice.created_at)
                    .bind(invoice.updated_at)
                    .bind(invoice.capture.as_str())
                    .bind((!invoice.card_saving.is_empty()).then(|| $crate::store::sql_store::to_json(&invoice.card_saving)))
                    .bind(&invoice.payment_method_id)
                    .bind(invoice.installment_kind.code())
                    .bind(invoice.installments_fee_minor)
                    .bind(invoice.max_attempts.map(i64::from));
                match tx.as_mut() {
                    Some(tx) => insert.execute(&mut **tx).await?,
                    None => insert.execute(&self.pool).await?,
                };
                if let Some(tx) = tx {
                    tx.commit().await?;
                }
                Ok(())
            }

            async fn invoice(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::InvoiceRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM invoices WHERE id = $1");
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(|row| $crate::store::sql_store::invoice_from_row(&row)).transpose()
            }

            async fn idempotent_response(
                &self,
                merchant_id: &str,
                key: &str,
            ) -> Result<Option<$crate::store::IdempotentResponse>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql("SELECT * FROM idempotency_keys WHERE merchant_id = $1 AND key = $2");
                let row = sqlx::query(&sql).bind(merchant_id).bind(key).fetch_optional(&self.pool).await?;
                row.map(|row| {
                    Ok($crate::store::IdempotentResponse {
                        merchant_id: row.try_get("merchant_id")?,
                        key: row.try_get("key")?,
                        request_hash: row.try_get("request_hash")?,
                        status_code: u16::try_from(row.try_get::<i64, _>("status_code")?)
                            .map_err(|_| $crate::store::StoreError::Corrupt("status_code".into()))?,
                        response_body: row.try_get("response_body")?,
                        created_at: row.try_get("created_at")?,
                    })
                })
                .transpose()
            }

            async fn save_idempotent_response(
                &self,
                response: &$crate::store::IdempotentResponse,
            ) -> Result<(), $crate::store::StoreError> {
                let mut connection = self.pool.acquire().await?;
                $crate::store::sql_store::insert_idempotent!(self, &mut *connection, response);
                Ok(())
            }

            async fn claim_for_payment(
                &self,
                id: &str,
                now: i64,
                lease_until: i64,
                max_attempts: u32,
                start: &$crate::store::ChargeStart<'_>,
            ) -> Result<Option<u32>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "UPDATE invoices SET lease_until = $1, charges_started = $5, processor_config_id = $6,
                        pending_token = $7, card = $8, installments_chosen = $9, surcharge_minor = $10
                     WHERE id = $2 AND status = 'open' AND expires_at > $3 AND attempts < $4
                       AND (lease_until IS NULL OR lease_until < $3) AND pending_token IS NULL
                       AND charges_started = $5 - 1
                     RETURNING attempts",
                );
                let row = sqlx::query(&sql)
                    .bind(lease_until)
                    .bind(id)
                    .bind(now)
                    .bind(i64::from(max_attempts))
                    .bind(i64::from(start.charge_number))
                    .bind(start.processor_config_id)
                    .bind(start.lost_token)
                    .bind($crate::store::sql_store::to_json(start.card))
                    .bind(i64::from(start.installments))
                    .bind(start.surcharge_minor)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|row| {
                    u32::try_from(row.try_get::<i64, _>("attempts")?)
                        .map_err(|_| $crate::store::StoreError::Corrupt("attempts".into()))
                })
                .transpose()
            }

            async fn release_payment_claim(
                &self,
                id: &str,
                lease_until: i64,
            ) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE invoices SET lease_until = NULL, pending_token = NULL
                     WHERE id = $1 AND status = 'open' AND lease_until = $2",
                );
                let done = sqlx::query(&sql).bind(id).bind(lease_until).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn lost_charges(
                &self,
                now: i64,
                limit: i64,
            ) -> Result<Vec<$crate::store::InvoiceRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM invoices WHERE status = 'open' AND pending_token IS NOT NULL AND lease_until < $1
                     ORDER BY lease_until LIMIT $2",
                );
                let rows = sqlx::query(&sql).bind(now).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::sql_store::invoice_from_row).collect()
            }

            async fn add_processor_config(
                &self,
                config: &$crate::store::ProcessorConfigRecord,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "INSERT INTO processor_configs (id, merchant_id, processor, config_sealed, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
                );
                sqlx::query(&sql)
                    .bind(&config.id)
                    .bind(&config.merchant_id)
                    .bind(&config.processor)
                    .bind(&config.config_sealed)
                    .bind(config.created_at)
                    .execute(&mut *tx)
                    .await?;
                let sql = self.sql("UPDATE merchants SET processor_config_id = $1 WHERE id = $2");
                let done = sqlx::query(&sql)
                    .bind(&config.id)
                    .bind(&config.merchant_id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn processor_config(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::ProcessorConfigRecord>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql("SELECT * FROM processor_configs WHERE id = $1");
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(|row| {
                    Ok($crate::store::ProcessorConfigRecord {
                        id: row.try_get("id")?,
                        merchant_id: row.try_get("merchant_id")?,
                        processor: row.try_get("processor")?,
                        config_sealed: row.try_get("config_sealed")?,
                        created_at: row.try_get("created_at")?,
                    })
                })
                .transpose()
            }

            async fn set_redirect_url(&self, invoice_id: &str, url: &str) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql("UPDATE invoices SET redirect_url = $1 WHERE id = $2");
                sqlx::query(&sql).bind(url).bind(invoice_id).execute(&self.pool).await?;
                Ok(())
            }

            async fn record_payment(
                &self,
                update: &$crate::store::PaymentUpdate,
                redirect_url: Option<&str>,
                event: Option<&$crate::store::NewEvent>,
                idempotency: Option<&$crate::store::IdempotentResponse>,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "UPDATE invoices SET status = $1, attempts = $2, lease_until = NULL, card = $3,
                        authorization_code = $4, transaction_ref = $5, avs_result = $6, security_code_result = $7,
                        installments_chosen = $8, decline_code = $9, pending_token = $10, settle_at = $11, updated_at = $12,
                        card_brand = $15, card_last4 = $16,
                        authorized_at = CASE WHEN $1 = 'authorized' THEN $12 ELSE authorized_at END,
                        payment_method_id = COALESCE($17, payment_method_id),
                        three_d_secure = $18, three_d_secure_status = $19,
                        redirect_url = COALESCE($20, redirect_url)
                     WHERE id = $13 AND lease_until = $14",
                );
                let done = sqlx::query(&sql)
                    .bind(update.status.as_str())
                    .bind(i64::from(update.attempt))
                    .bind($crate::store::sql_store::to_json(&update.card))
                    .bind(&update.authorization_code)
                    .bind(&update.transaction_ref)
                    .bind(&update.avs_result)
                    .bind(&update.security_code_result)
                    .bind(i64::from(update.installments))
                    .bind(&update.decline_code)
                    .bind(&update.pending_token)
                    .bind(update.settle_at)
                    .bind(update.now)
                    .bind(&update.invoice_id)
                    .bind(update.lease_until)
                    .bind(&update.card.brand)
                    .bind(&update.card.last4)
                    .bind(&update.payment_method_used)
                    .bind(update.three_d_secure.as_ref().map($crate::store::sql_store::to_json))
                    .bind(update.three_d_secure.as_ref().map(kassa_api::ThreeDSecureResult::status))
                    .bind(redirect_url)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    // The lease lapsed and someone else may hold the invoice.
                    tx.rollback().await?;
                    return Err($crate::store::StoreError::Conflict);
                }
                if let Some(save) = &update.save {
                    $crate::store::sql_store::save_card!(self, &mut *tx, save, update);
                }
                let sql = self.sql(
                    "INSERT INTO payment_attempts (id, invoice_id, attempt, outcome, decline_code, client_ip, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                );
                sqlx::query(&sql)
                    .bind($crate::ids::new_id("pat"))
                    .bind(&update.invoice_id)
                    .bind(i64::from(update.attempt))
                    .bind(update.outcome)
                    .bind(&update.decline_code)
                    .bind(&update.client_ip)
                    .bind(update.now)
                    .execute(&mut *tx)
                    .await?;
                if let Some(event) = event {
                    $crate::store::sql_store::insert_event!(self, &mut *tx, event);
                }
                if let Some(response) = idempotency {
                    $crate::store::sql_store::insert_idempotent_if_new!(self, &mut *tx, response);
                }
                tx.commit().await?;
                Ok(())
            }

            async fn start_challenge(
                &self,
                challenge: &$crate::store::ChallengeRecord,
                lease_before: i64,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql("UPDATE invoices SET lease_until = $1 WHERE id = $2 AND lease_until = $3");
                let done = sqlx::query(&sql)
                    .bind(challenge.lease_until)
                    .bind(&challenge.invoice_id)
                    .bind(lease_before)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                let sql = self.sql(
                    "INSERT INTO challenges (id, invoice_id, attempt, charge_token, issuer_url, one_time_code,
                        wrong_codes, lease_until, client_ip, locale, pay_key, pay_key_hash, created_at, vault)
                     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10, $11, $12, $13)",
                );
                sqlx::query(&sql)
                    .bind(&challenge.id)
                    .bind(&challenge.invoice_id)
                    .bind(i64::from(challenge.attempt))
                    .bind(&challenge.charge_token)
                    .bind(&challenge.issuer_url)
                    .bind(&challenge.one_time_code)
                    .bind(challenge.lease_until)
                    .bind(&challenge.client_ip)
                    .bind(&challenge.locale)
                    .bind(&challenge.pay_key)
                    .bind(&challenge.pay_key_hash)
                    .bind(challenge.created_at)
                    .bind((!challenge.vault.is_empty()).then(|| $crate::store::sql_store::to_json(&challenge.vault)))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn challenge(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::ChallengeRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM challenges WHERE id = $1");
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map($crate::store::sql_store::challenge_from_row).transpose()
            }

            async fn open_challenge(
                &self,
                invoice_id: &str,
                lease_until: i64,
            ) -> Result<Option<$crate::store::ChallengeRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM challenges WHERE invoice_id = $1 AND lease_until = $2");
                let row = sqlx::query(&sql).bind(invoice_id).bind(lease_until).fetch_optional(&self.pool).await?;
                row.as_ref().map($crate::store::sql_store::challenge_from_row).transpose()
            }

            async fn count_wrong_code(&self, id: &str) -> Result<u32, $crate::store::StoreError> {
                let sql = self.sql("UPDATE challenges SET wrong_codes = wrong_codes + 1 WHERE id = $1 RETURNING wrong_codes");
                let count: i64 = sqlx::query_scalar(&sql).bind(id).fetch_one(&self.pool).await?;
                u32::try_from(count).map_err(|_| $crate::store::StoreError::Corrupt("wrong_codes".into()))
            }

            async fn surcharge_rule(
                &self,
                merchant_id: &str,
            ) -> Result<Option<String>, $crate::store::StoreError> {
                let sql = self.sql("SELECT surcharge_rule FROM merchants WHERE id = $1");
                let rule: Option<Option<String>> = sqlx::query_scalar(&sql).bind(merchant_id).fetch_optional(&self.pool).await?;
                Ok(rule.flatten())
            }

            async fn set_surcharge_rule(
                &self,
                merchant_id: &str,
                rule: Option<&str>,
            ) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql("UPDATE merchants SET surcharge_rule = $1 WHERE id = $2");
                let done = sqlx::query(&sql).bind(rule).bind(merchant_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn three_d_secure_rule(
                &self,
                merchant_id: &str,
            ) -> Result<Option<String>, $crate::store::StoreError> {
                let sql = self.sql("SELECT three_d_secure_rule FROM merchants WHERE id = $1");
                Ok(sqlx::query_scalar(&sql).bind(merchant_id).fetch_optional(&self.pool).await?)
            }

            async fn set_three_d_secure_rule(
                &self,
                merchant_id: &str,
                rule: &str,
            ) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql("UPDATE merchants SET three_d_secure_rule = $1 WHERE id = $2");
                let done = sqlx::query(&sql).bind(rule).bind(merchant_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_authorization_window(
                &self,
                merchant_id: &str,
                window_ms: i64,
            ) -> Result<bool, $crate::store::StoreError> {
                let sql = self.sql("UPDATE merchants SET authorization_window_ms = $1 WHERE id = $2");
                let done = sqlx::query(&sql).bind(window_ms).bind(merchant_id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn vault_key(
                &self,
                merchant_id: &str,
            ) -> Result<Option<String>, $crate::store::StoreError> {
                let sql = self.sql("SELECT wrapped_key FROM vault_keys WHERE merchant_id = $1");
                Ok(sqlx::query_scalar(&sql).bind(merchant_id).fetch_optional(&self.pool).await?)
            }

            async fn add_vault_key(
                &self,
                merchant_id: &str,
                wrapped: &str,
                now: i64,
            ) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "INSERT INTO vault_keys (merchant_id, wrapped_key, created_at, rewrapped_at)
                     VALUES ($1, $2, $3, $3) ON CONFLICT (merchant_id) DO NOTHING",
                );
                sqlx::query(&sql).bind(merchant_id).bind(wrapped).bind(now).execute(&self.pool).await?;
                Ok(())
            }

            async fn payment_methods_of(
                &self,
                merchant_id: &str,
                customer: &str,
            ) -> Result<Vec<$crate::store::PaymentMethodRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM payment_methods WHERE merchant_id = $1 AND customer = $2 AND deleted_at IS NULL
                     ORDER BY created_at DESC, id DESC LIMIT 100",
                );
                let rows = sqlx::query(&sql).bind(merchant_id).bind(customer).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::sql_store::payment_method_from_row).collect()
            }

            async fn payment_method(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::PaymentMethodRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM payment_methods WHERE id = $1 AND deleted_at IS NULL");
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(|row| $crate::store::sql_store::payment_method_from_row(&row)).transpose()
            }

            async fn delete_payment_method(
                &self,
                merchant_id: &str,
                id: &str,
                now: i64,
            ) -> Result<bool, $crate::store::StoreError> {
                // The fingerprint is replaced too: it would link the card
                // to the same card saved again later.
                let sql = self.sql(
                    "UPDATE payment_methods SET sealed_card = NULL, fingerprint = 'deleted:' || id,
                        gateway_token = NULL, deleted_at = $3, updated_at = $3
                     WHERE id = $1 AND merchant_id = $2 AND deleted_at IS NULL",
                );
                let done = sqlx::query(&sql).bind(id).bind(merchant_id).bind(now).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn sealed_values(
                &self,
            ) -> Result<Vec<$crate::store::SealedValue>, $crate::store::StoreError> {
                use $crate::store::{SealedKind, SealedValue};
                let mut values = Vec::new();
                for (kind, sql) in [
                    (SealedKind::VaultKey, "SELECT merchant_id, wrapped_key FROM vault_keys"),
                    (SealedKind::CallbackSecret, "SELECT id, callback_secret_sealed FROM merchants"),
                    (SealedKind::ProcessorConfig, "SELECT id, config_sealed FROM processor_configs"),
                    (SealedKind::PreviousCallbackSecret, "SELECT id, callback_secret_previous_sealed FROM merchants WHERE callback_secret_previous_sealed IS NOT NULL"),
                    (SealedKind::TotpSecret, "SELECT id, totp_secret_sealed FROM users WHERE totp_secret_sealed IS NOT NULL"),
                    (SealedKind::PendingTotpSecret, "SELECT id, totp_pending_sealed FROM users WHERE totp_pending_sealed IS NOT NULL"),
                ] {
                    let rows: Vec<(String, String)> = sqlx::query_as(sql).fetch_all(&self.pool).await?;
                    values.extend(rows.into_iter().map(|(id, sealed)| SealedValue { kind, id, sealed }));
                }
                Ok(values)
            }

            async fn reseal(
                &self,
                changes: &[($crate::store::SealedValue, String)],
            ) -> Result<(), $crate::store::StoreError> {
                use $crate::store::SealedKind;
                let mut tx = self.pool.begin().await?;
                for (old, new) in changes {
                    let sql = self.sql(match old.kind {
                        SealedKind::VaultKey => "UPDATE vault_keys SET wrapped_key = $1 WHERE merchant_id = $2 AND wrapped_key = $3",
                        SealedKind::CallbackSecret => "UPDATE merchants SET callback_secret_sealed = $1 WHERE id = $2 AND callback_secret_sealed = $3",
                        SealedKind::ProcessorConfig => "UPDATE processor_configs SET config_sealed = $1 WHERE id = $2 AND config_sealed = $3",
                        SealedKind::PreviousCallbackSecret => "UPDATE merchants SET callback_secret_previous_sealed = $1 WHERE id = $2 AND callback_secret_previous_sealed = $3",
                        SealedKind::TotpSecret => "UPDATE users SET totp_secret_sealed = $1 WHERE id = $2 AND totp_secret_sealed = $3",
                        SealedKind::PendingTotpSecret => "UPDATE users SET totp_pending_sealed = $1 WHERE id = $2 AND totp_pending_sealed = $3",
                    });
                    let done = sqlx::query(&sql).bind(new).bind(&old.id).bind(&old.sealed).execute(&mut *tx).await?;
                    if done.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Err($crate::store::StoreError::Conflict);
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn transition(
                &self,
                id: &str,
                from: &[kassa_api::InvoiceStatus],
                to: kassa_api::InvoiceStatus,
                event: &$crate::store::NewEvent,
                now: i64,
                idempotency: Option<&$crate::store::IdempotentResponse>,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let mut changed = false;
                for status in from {
                    let sql = self.sql(
                        "UPDATE invoices SET status = $1, updated_at = $2
                         WHERE id = $3 AND status = $4 AND (lease_until IS NULL OR lease_until < $2)
                           AND (status <> 'open' OR pending_token IS NULL)",
                    );
                    let done = sqlx::query(&sql)
                        .bind(to.as_str())
                        .bind(now)
                        .bind(id)
                        .bind(status.as_str())
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 1 {
                        changed = true;
                        break;
                    }
                }
                if changed {
                    $crate::store::sql_store::insert_event!(self, &mut *tx, event);
                    if let Some(response) = idempotency {
                        $crate::store::sql_store::insert_idempotent!(self, &mut *tx, response);
                    }
                    tx.commit().await?;
                } else {
                    tx.rollback().await?;
                }
                Ok(changed)
            }

            async fn claim_authorization(
                &self,
                id: &str,
                merchant_id: &str,
                now: i64,
                until: i64,
            ) -> Result<Option<$crate::store::InvoiceRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE invoices SET capture_claim_until = $1
                     WHERE id = $2 AND merchant_id = $3 AND status = 'authorized'
                       AND (capture_claim_until IS NULL OR capture_claim_until < $4)
                     RETURNING *",
                );
                let row = sqlx::query(&sql)
                    .bind(until)
                    .bind(id)
                    .bind(merchant_id)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map($crate::store::sql_store::invoice_from_row).transpose()
            }

            async fn release_authorization(
                &self,
                id: &str,
                until: i64,
            ) -> Result<(), $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE invoices SET capture_claim_until = NULL
                     WHERE id = $1 AND status = 'authorized' AND capture_claim_until = $2",
                );
                sqlx::query(&sql).bind(id).bind(until).execute(&self.pool).await?;
                Ok(())
            }

            async fn finish_authorization(
                &self,
                end: &$crate::store::AuthorizationEnd<'_>,
                make_event: &(dyn for<'i> Fn(&'i $crate::store::InvoiceRecord) -> $crate::store::NewEvent + Send + Sync),
                idempotency: Option<&$crate::store::IdempotentResponse>,
            ) -> Result<$crate::store::InvoiceRecord, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "UPDATE invoices SET status = $1, captured_minor = $2, capture_claim_until = NULL, updated_at = $3
                     WHERE id = $4 AND status = 'authorized' AND capture_claim_until = $5
                     RETURNING *",
                );
                let Some(row) = sqlx::query(&sql)
                    .bind(end.status.as_str())
                    .bind(end.captured_minor)
                    .bind(end.now)
                    .bind(end.id)
                    .bind(end.hold_until)
                    .fetch_optional(&mut *tx)
                    .await?
                else {
                    tx.rollback().await?;
                    return Err($crate::store::StoreError::Conflict);
                };
                let invoice = $crate::store::sql_store::invoice_from_row(&row)?;
                let event = make_event(&invoice);
                $crate::store::sql_store::insert_event!(self, &mut *tx, &event);
                if let Some(response) = idempotency {
                    $crate::store::sql_store::insert_idempotent!(self, &mut *tx, response);
                }
                tx.commit().await?;
                Ok(invoice)
            }

            async fn lapsed_authorizations(
                &self,
                now: i64,
                limit: i64,
            ) -> Result<Vec<$crate::store::InvoiceRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT invoices.* FROM invoices JOIN merchants ON merchants.id = invoices.merchant_id
                     WHERE invoices.status = 'authorized'
                       AND invoices.authorized_at + merchants.authorization_window_ms <= $1
                       AND (invoices.capture_claim_until IS NULL OR invoices.capture_claim_until < $1)
                     ORDER BY invoices.authorized_at LIMIT $2",
                );
                let rows = sqlx::query(&sql).bind(now).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::sql_store::invoice_from_row).collect()
            }

            async fn settle_payment(
                &self,
                settlement: &$crate::store::Settlement,
                event: &$crate::store::NewEvent,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "UPDATE invoices SET status = $1, authorization_code = COALESCE($2, authorization_code),
                        decline_code = $3, pending_token = NULL, settle_at = NULL, updated_at = $4,
                        authorized_at = CASE WHEN $1 = 'authorized' THEN $4 ELSE authorized_at END
                     WHERE id = $5 AND status = 'pending'",
                );
                let done = sqlx::query(&sql)
                    .bind(settlement.status.as_str())
                    .bind(&settlement.authorization_code)
                    .bind(&settlement.decline_code)
                    .bind(settlement.now)
                    .bind(&settlement.invoice_id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                $crate::store::sql_store::insert_event!(self, &mut *tx, event);
                tx.commit().await?;
                Ok(true)
            }

            async fn pending_due(
                &self,
                now: i64,
                limit: i64,
            ) -> Result<Vec<$crate::store::InvoiceRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM invoices WHERE status = 'pending' AND settle_at <= $1 ORDER BY settle_at LIMIT $2",
                );
                let rows = sqlx::query(&sql).bind(now).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::sql_store::invoice_from_row).collect()
            }

            async fn expired_open(&self, now: i64, limit: i64) -> Result<Vec<String>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT id FROM invoices WHERE status = 'open' AND expires_at <= $1 AND pending_token IS NULL
                     ORDER BY expires_at LIMIT $2",
                );
                let rows = sqlx::query(&sql).bind(now).bind(limit).fetch_all(&self.pool).await?;
                rows.iter().map(|row| Ok(row.try_get("id")?)).collect()
            }

            async fn claim_due_events(
                &self,
                now: i64,
                lease_until: i64,
                limit: i64,
            ) -> Result<Vec<$crate::store::EventRecord>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT * FROM events
                     WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL AND next_attempt_at <= $1
                       AND (lease_until IS NULL OR lease_until < $1)
                     ORDER BY next_attempt_at LIMIT $2",
                );
                let rows = sqlx::query(&sql).bind(now).bind(limit).fetch_all(&self.pool).await?;
                let mut claimed = Vec::with_capacity(rows.len());
                for row in rows {
                    let id: String = row.try_get("id")?;
                    let sql = self.sql(
                        "UPDATE events SET lease_until = $1
                         WHERE id = $2 AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until < $3)",
                    );
                    let done = sqlx::query(&sql).bind(lease_until).bind(&id).bind(now).execute(&self.pool).await?;
                    if done.rows_affected() == 1 {
                        claimed.push($crate::store::EventRecord {
                            id,
                            merchant_id: row.try_get("merchant_id")?,
                            invoice_id: row.try_get("invoice_id")?,
                            kind: row.try_get("kind")?,
                            payload: row.try_get("payload")?,
                            created_at: row.try_get("created_at")?,
                            attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                        });
                    }
                }
                Ok(claimed)
            }

            async fn record_delivery(
                &self,
                event_id: &str,
                outcome: &$crate::store::DeliveryOutcome,
            ) -> Result<(), $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let (status_code, error, at, duration_ms) = match outcome {
                    $crate::store::DeliveryOutcome::Delivered { status_code, at, duration_ms } => {
                        (Some(*status_code), None, *at, *duration_ms)
                    }
                    $crate::store::DeliveryOutcome::Failed { status_code, error, at, duration_ms, .. } => {
                        (*status_code, Some(error.as_str()), *at, *duration_ms)
                    }
                };
                let sql = match outcome {
                    $crate::store::DeliveryOutcome::Delivered { .. } => self.sql(
                        "UPDATE events SET attempts = attempts + 1, delivered_at = $1, next_attempt_at = NULL,
                            lease_until = NULL, last_error = NULL WHERE id = $2",
                    ),
                    $crate::store::DeliveryOutcome::Failed { .. } => self.sql(
                        "UPDATE events SET attempts = attempts + 1, next_attempt_at = $1, lease_until = NULL,
                            last_error = $3 WHERE id = $2",
                    ),
                };
                let first = match outcome {
                    $crate::store::DeliveryOutcome::Delivered { at, .. } => Some(*at),
                    $crate::store::DeliveryOutcome::Failed { next_attempt_at, .. } => *next_attempt_at,
                };
                let mut query = sqlx::query(&sql).bind(first).bind(event_id);
                if let Some(error) = error {
                    query = query.bind(error);
                }
                query.execute(&mut *tx).await?;
                let sql = self.sql(
                    "INSERT INTO delivery_attempts (id, event_id, attempted_at, status_code, error, duration_ms)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                );
                sqlx::query(&sql)
                    .bind($crate::ids::new_id("dat"))
                    .bind(event_id)
                    .bind(at)
                    .bind(status_code.map(i64::from))
                    .bind(error)
                    .bind(duration_ms)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn search_finds_more_than(
                &self,
                query: &$crate::store::InvoiceQuery,
                rows: i64,
            ) -> Result<bool, $crate::store::StoreError> {
                // The search's own statement, asking only whether a row
                // lies beyond the first `rows`: the index walks past them
                // without reading the invoices.
                let unpaged = $crate::store::InvoiceQuery { after: None, ..query.clone() };
                let text = $crate::store::sql_store::invoice_search_sql(&unpaged, "id", "LIMIT 1 OFFSET $2");
                let sql = self.sql(&text);
                let statement = $crate::store::sql_store::bind_search_filters!(
                    sqlx::query(&sql).bind(&query.merchant_id).bind(rows),
                    query
                );
                Ok(statement.fetch_optional(&self.pool).await?.is_some())
            }

            async fn search_invoices(
                &self,
                query: &$crate::store::InvoiceQuery,
            ) -> Result<Vec<$crate::store::InvoiceRecord>, $crate::store::StoreError> {
                // Only the filters given go into the statement, so that the
                // database can use the index each one has (a filter written
                // `($n IS NULL OR column = $n)` would scan every invoice of
                // the merchant). Open invoices past their expiry count as
                // expired, as the API shows them.
                let text = $crate::store::sql_store::invoice_search_sql(query, "*", "LIMIT $2");
                let sql = self.sql(&text);
                let mut statement = $crate::store::sql_store::bind_search_filters!(
                    sqlx::query(&sql).bind(&query.merchant_id).bind(query.limit),
                    query
                );
                if let Some((at, id)) = &query.after {
                    statement = statement.bind(*at).bind(id);
                }
                let rows = statement.fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::sql_store::invoice_from_row).collect()
            }

            async fn list_events(
                &self,
                query: &$crate::store::EventQuery,
            ) -> Result<Vec<$crate::store::EventSummary>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM events
                     WHERE merchant_id = $1
                       AND ($2 = 0 OR delivered_at IS NULL)
                       AND ($3 IS NULL OR created_at < $3 OR (created_at = $3 AND id < $4))
                     ORDER BY created_at DESC, id DESC
                     LIMIT $5",
                );
                let (after_at, after_id) = match &query.after {
                    Some((at, id)) => (Some(*at), id.as_str()),
                    None => (None, ""),
                };
                let rows = sqlx::query(&sql)
                    .bind(&query.merchant_id)
                    .bind(i64::from(query.undelivered))
                    .bind(after_at)
                    .bind(after_id)
                    .bind(query.limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map($crate::store::sql_store::event_summary_from_row).collect()
            }

            async fn redeliver_event(
                &self,
                merchant_id: &str,
                id: &str,
                now: i64,
            ) -> Result<Option<$crate::store::EventSummary>, $crate::store::StoreError> {
                let sql = self.sql(
                    "UPDATE events SET next_attempt_at = $1, delivered_at = NULL
                     WHERE id = $2 AND merchant_id = $3
                     RETURNING *",
                );
                let row = sqlx::query(&sql)
                    .bind(now)
                    .bind(id)
                    .bind(merchant_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|row| $crate::store::sql_store::event_summary_from_row(&row)).transpose()
            }

            async fn reserve_refund(
                &self,
                refund: &$crate::store::RefundRecord,
            ) -> Result<$crate::store::RefundReservation, $crate::store::StoreError> {
                use $crate::store::RefundReservation;
                // The refund row first, then the invoice: the same lock order
                // as complete_refund, so two refunds of one invoice (with one
                // Idempotency-Key) cannot deadlock each other.
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "INSERT INTO refunds (id, invoice_id, merchant_id, amount_minor, currency, status, processor_ref,
                        failure_code, idempotency_key, created_at, updated_at, request_hash, lease_until)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                );
                let inserted = sqlx::query(&sql)
                    .bind(&refund.id)
                    .bind(&refund.invoice_id)
                    .bind(&refund.merchant_id)
                    .bind(refund.amount_minor)
                    .bind(&refund.currency)
                    .bind(&refund.status)
                    .bind(&refund.processor_ref)
                    .bind(&refund.failure_code)
                    .bind(&refund.idempotency_key)
                    .bind(refund.created_at)
                    .bind(refund.updated_at)
                    .bind(&refund.request_hash)
                    .bind(refund.lease_until)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::store::sql_store::conflict_on_unique);
                match inserted {
                    Ok(_) => {}
                    Err($crate::store::StoreError::Conflict) => {
                        tx.rollback().await?;
                        return Ok(RefundReservation::KeyInUse);
                    }
                    Err(error) => return Err(error),
                }
                let sql = self.sql(
                    "UPDATE invoices SET refund_reserved_minor = refund_reserved_minor + $1
                     WHERE id = $2 AND merchant_id = $3
                       AND status IN ('paid', 'partially_refunded', 'captured', 'partially_captured')
                       AND refund_reserved_minor + $1 <= COALESCE(captured_minor, amount_minor + COALESCE(surcharge_minor, 0))",
                );
                let done = sqlx::query(&sql)
                    .bind(refund.amount_minor)
                    .bind(&refund.invoice_id)
                    .bind(&refund.merchant_id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    tx.rollback().await?;
                    let refundable = self.invoice(&refund.invoice_id).await?.is_some_and(|invoice| {
                        matches!(
                            invoice.status,
                            kassa_api::InvoiceStatus::Paid
                                | kassa_api::InvoiceStatus::PartiallyRefunded
                                | kassa_api::InvoiceStatus::Captured
                                | kassa_api::InvoiceStatus::PartiallyCaptured
                        )
                    });
                    return Ok(if refundable {
                        RefundReservation::ExceedsRemaining
                    } else {
                        RefundReservation::NotRefundable
                    });
                }
                tx.commit().await?;
                Ok(RefundReservation::Reserved)
            }

            async fn complete_refund(
                &self,
                refund_id: &str,
                processor_ref: &str,
                now: i64,
                make_event: &(dyn for<'i> Fn(&'i $crate::store::InvoiceRecord) -> $crate::store::NewEvent + Send + Sync),
                respond: &(dyn for<'i> Fn(&'i $crate::store::InvoiceRecord) -> Option<$crate::store::IdempotentResponse> + Send + Sync),
            ) -> Result<$crate::store::InvoiceRecord, $crate::store::StoreError> {
                use sqlx::Row as _;
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "UPDATE refunds SET status = 'succeeded', processor_ref = $1, lease_until = NULL, updated_at = $2
                     WHERE id = $3 AND status = 'pending'
                     RETURNING invoice_id, amount_minor",
                );
                let Some(row) = sqlx::query(&sql)
                    .bind(processor_ref)
                    .bind(now)
                    .bind(refund_id)
                    .fetch_optional(&mut *tx)
                    .await?
                else {
                    tx.rollback().await?;
                    return Err($crate::store::StoreError::Conflict);
                };
                let invoice_id: String = row.try_get("invoice_id")?;
                let amount_minor: i64 = row.try_get("amount_minor")?;
                // The new total is read from the row being updated, so two
                // refunds completing at once both count.
                let sql = self.sql(
                    "UPDATE invoices SET refunded_minor = refunded_minor + $1, updated_at = $2,
                        status = CASE WHEN refunded_minor + $1 >= COALESCE(captured_minor, amount_minor) THEN 'refunded' ELSE 'partially_refunded' END
                     WHERE id = $3
                     RETURNING *",
                );
                let row = sqlx::query(&sql)
                    .bind(amount_minor)
                    .bind(now)
                    .bind(&invoice_id)
                    .fetch_one(&mut *tx)
                    .await?;
                let invoice = $crate::store::sql_store::invoice_from_row(&row)?;
                let event = make_event(&invoice);
                $crate::store::sql_store::insert_event!(self, &mut *tx, event);
                if let Some(response) = respond(&invoice) {
                    $crate::store::sql_store::insert_idempotent_if_new!(self, &mut *tx, response);
                }
                tx.commit().await?;
                Ok(invoice)
            }

            async fn fail_refund(
                &self,
                refund_id: &str,
                failure_code: &str,
                now: i64,
            ) -> Result<(), $crate::store::StoreError> {
                use sqlx::Row as _;
                let mut tx = self.pool.begin().await?;
                let sql = self.sql(
                    "UPDATE refunds SET status = 'failed', failure_code = $1, idempotency_key = NULL, request_hash = NULL,
                        lease_until = NULL, updated_at = $2
                     WHERE id = $3 AND status = 'pending'
                     RETURNING invoice_id, amount_minor",
                );
                let row = sqlx::query(&sql)
                    .bind(failure_code)
                    .bind(now)
                    .bind(refund_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(row) = row {
                    let sql = self.sql(
                        "UPDATE invoices SET refund_reserved_minor = refund_reserved_minor - $1 WHERE id = $2",
                    );
                    sqlx::query(&sql)
                        .bind(row.try_get::<i64, _>("amount_minor")?)
                        .bind(row.try_get::<String, _>("invoice_id")?)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn refund(
                &self,
                id: &str,
            ) -> Result<Option<$crate::store::RefundRecord>, $crate::store::StoreError> {
                let sql = self.sql("SELECT * FROM refunds WHERE id = $1");
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(|row| $crate::store::sql_store::refund_from_row(&row)).transpose()
            }

            async fn refunds_of_invoice(
                &self,
                invoice_id: &str,
            ) -> Result<Vec<$crate::store::RefundRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM refunds WHERE invoice_id = $1 ORDER BY created_at, id",
                );
                let rows = sqlx::query(&sql).bind(invoice_id).fetch_all(&self.pool).await?;
                rows.iter().map($crate::store::sql_store::refund_from_row).collect()
            }

            async fn claim_stale_refunds(
                &self,
                now: i64,
                lease_until: i64,
                limit: i64,
            ) -> Result<Vec<$crate::store::RefundRecord>, $crate::store::StoreError> {
                let sql = self.sql(
                    "SELECT * FROM refunds
                     WHERE status = 'pending' AND (lease_until IS NULL OR lease_until < $1)
                     ORDER BY created_at LIMIT $2",
                );
                let rows = sqlx::query(&sql).bind(now).bind(limit).fetch_all(&self.pool).await?;
                let mut claimed = Vec::with_capacity(rows.len());
                for row in rows {
                    let mut refund = $crate::store::sql_store::refund_from_row(&row)?;
                    // Taken only if nobody took it since it was read.
                    let sql = self.sql(
                        "UPDATE refunds SET lease_until = $1
                         WHERE id = $2 AND status = 'pending' AND (lease_until IS NULL OR lease_until < $3)",
                    );
                    let done = sqlx::query(&sql)
                        .bind(lease_until)
                        .bind(&refund.id)
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    if done.rows_affected() == 1 {
                        refund.lease_until = Some(lease_until);
                        claimed.push(refund);
                    }
                }
                Ok(claimed)
            }

            async fn next_event_due(&self) -> Result<Option<i64>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let sql = self.sql(
                    "SELECT MIN(next_attempt_at) AS due FROM events WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL",
                );
                let row = sqlx::query(&sql).fetch_one(&self.pool).await?;
                Ok(row.try_get::<Option<i64>, _>("due")?)
            }
        }
    };
}

/// Inserts an outbox event inside the caller's transaction; it is due at once.
macro_rules! insert_event {
    ($store:expr, $executor:expr, $event:expr) => {{
        let sql = $store.sql(
            "INSERT INTO events (id, merchant_id, invoice_id, kind, payload, created_at, next_attempt_at, attempts)
             VALUES ($1, $2, $3, $4, $5, $6, $6, 0)",
        );
        sqlx::query(&sql)
            .bind(&$event.id)
            .bind(&$event.merchant_id)
            .bind(&$event.invoice_id)
            .bind(&$event.kind)
            .bind(&$event.payload)
            .bind($event.created_at)
            .execute($executor)
            .await?;
    }};
}
pub(crate) use insert_event;

/// Keeps a card inside the payment's transaction: the customer's card with
/// the same fingerprint is updated (a new expiry, the latest gateway token),
/// or a new one added; the consent is written beside it, and the invoice
/// points at the card.
macro_rules! save_card {
    ($store:expr, $executor:expr, $save:expr, $update:expr) => {{
        let card = &$save.method;
        let sql = $store.sql(
            "INSERT INTO payment_methods (id, merchant_id, customer, fingerprint, sealed_card, brand, last4,
                exp_month, exp_year, gateway_token, processor_config_id, created_at, updated_at, email)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)
             ON CONFLICT (merchant_id, customer, fingerprint) WHERE deleted_at IS NULL
             DO UPDATE SET sealed_card = excluded.sealed_card, brand = excluded.brand,
                exp_month = excluded.exp_month, exp_year = excluded.exp_year,
                gateway_token = excluded.gateway_token, processor_config_id = excluded.processor_config_id,
                updated_at = excluded.updated_at, email = excluded.email
             RETURNING id",
        );
        let id: String = sqlx::query_scalar(&sql)
            .bind(&$save.new_id)
            .bind(&card.merchant_id)
            .bind(&card.customer)
            .bind(&card.fingerprint)
            .bind(&card.sealed_card)
            .bind(&card.brand)
            .bind(&card.last4)
            .bind(i64::from(card.exp_month))
            .bind(i64::from(card.exp_year))
            .bind(&card.gateway_token)
            .bind(&card.processor_config_id)
            .bind($update.now)
            .bind(&card.email)
            .fetch_one($executor)
            .await?;
        let sql = $store.sql(
            "INSERT INTO card_consents (id, payment_method_id, invoice_id, wording_version, locale, consented_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        );
        sqlx::query(&sql)
            .bind($crate::ids::new_id("cns"))
            .bind(&id)
            .bind(&$update.invoice_id)
            .bind(&$save.wording_version)
            .bind(&$save.locale)
            .bind($update.now)
            .execute($executor)
            .await?;
        let sql = $store.sql("UPDATE invoices SET payment_method_id = $1 WHERE id = $2");
        sqlx::query(&sql)
            .bind(&id)
            .bind(&$update.invoice_id)
            .execute($executor)
            .await?;
    }};
}
pub(crate) use save_card;

/// Stores an idempotent response inside the caller's transaction; a key
/// taken meanwhile is [`StoreError::Conflict`].
macro_rules! insert_idempotent {
    ($store:expr, $executor:expr, $response:expr) => {{
        let sql = $store.sql(
            "INSERT INTO idempotency_keys (merchant_id, key, request_hash, status_code, response_body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        );
        sqlx::query(&sql)
            .bind(&$response.merchant_id)
            .bind(&$response.key)
            .bind(&$response.request_hash)
            .bind(i64::from($response.status_code))
            .bind(&$response.response_body)
            .bind($response.created_at)
            .execute($executor)
            .await
            .map_err($crate::store::sql_store::conflict_on_unique)?;
    }};
}
pub(crate) use insert_idempotent;

/// As `insert_idempotent!`, keeping an answer stored meanwhile: after a card
/// was charged, nothing may roll the record of it back.
macro_rules! insert_idempotent_if_new {
    ($store:expr, $executor:expr, $response:expr) => {{
        let sql = $store.sql(
            "INSERT INTO idempotency_keys (merchant_id, key, request_hash, status_code, response_body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        );
        sqlx::query(&sql)
            .bind(&$response.merchant_id)
            .bind(&$response.key)
            .bind(&$response.request_hash)
            .bind(i64::from($response.status_code))
            .bind(&$response.response_body)
            .bind($response.created_at)
            .execute($executor)
            .await?;
    }};
}
pub(crate) use insert_idempotent_if_new;

use kassa_api::{InvoiceStatus, Prefill};
use serde::Serialize;
use sqlx::Row;

use super::{
    ChallengeRecord, EventSummary, InvoiceRecord, MerchantRecord, PaymentMethodRecord,
    RefundRecord, StoreError,
};

/// JSON text for a column; these values always serialize.
pub(crate) fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| String::from("null"))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, column: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|_| StoreError::Corrupt(column.to_owned()))
}

/// A unique-key violation is a conflict the caller can act on.
pub(crate) fn conflict_on_unique(error: sqlx::Error) -> StoreError {
    match &error {
        sqlx::Error::Database(database) if database.is_unique_violation() => StoreError::Conflict,
        _ => StoreError::Database(error),
    }
}

/// The invoice search's statement with exactly the filters `query` has,
/// numbered in the order `search_invoices` binds them: merchant, limit,
/// status and now, then reference, email, brand, last four, 3-D Secure,
/// the two dates and the cursor.
/// Binds a search's filters, in [`invoice_search_sql`]'s order, after the
/// merchant (`$1`) and the limit (`$2`) the statement was given.
macro_rules! bind_search_filters {
    ($statement:expr, $query:expr) => {{
        let query = $query;
        let mut statement = $statement;
        if let Some(status) = query.status {
            statement = statement.bind(status.as_str()).bind(query.now);
        }
        for value in [
            &query.reference,
            &query.email,
            &query.brand,
            &query.last4,
            &query.three_d_secure,
        ]
        .into_iter()
        .flatten()
        {
            statement = statement.bind(value);
        }
        for bound in [query.created_from, query.created_to].into_iter().flatten() {
            statement = statement.bind(bound);
        }
        statement
    }};
}
pub(crate) use bind_search_filters;

/// The search statement: `columns` of the merchant's (`$1`) invoices the
/// given filters find, newest first, then `page` (which takes `$2`).
pub(crate) fn invoice_search_sql(query: &super::InvoiceQuery, columns: &str, page: &str) -> String {
    let mut sql = format!("SELECT {columns} FROM invoices WHERE merchant_id = $1");
    let mut next = 3;
    let mut param = || {
        let name = format!("${next}");
        next += 1;
        name
    };
    if query.status.is_some() {
        let (status, now) = (param(), param());
        sql.push_str(&format!(
            " AND ((status = {status} AND NOT ({status} = 'open' AND expires_at <= {now}))
                   OR ({status} = 'expired' AND status = 'open' AND expires_at <= {now}))"
        ));
    }
    for (value, column) in [
        (&query.reference, "reference"),
        (&query.email, "email"),
        (&query.brand, "card_brand"),
        (&query.last4, "card_last4"),
        (&query.three_d_secure, "three_d_secure_status"),
    ] {
        if value.is_some() {
            sql.push_str(&format!(" AND {column} = {}", param()));
        }
    }
    if query.created_from.is_some() {
        sql.push_str(&format!(" AND created_at >= {}", param()));
    }
    if query.created_to.is_some() {
        sql.push_str(&format!(" AND created_at < {}", param()));
    }
    if query.after.is_some() {
        let (at, id) = (param(), param());
        sql.push_str(&format!(
            " AND (created_at < {at} OR (created_at = {at} AND id < {id}))"
        ));
    }
    sql.push_str(" ORDER BY created_at DESC, id DESC ");
    sql.push_str(page);
    sql
}

pub(crate) fn merchant_from_row<R: Row>(row: &R) -> Result<MerchantRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(MerchantRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        api_key_hash: row.try_get("api_key_hash")?,
        callback_secret_sealed: row.try_get("callback_secret_sealed")?,
        previous_callback_secret: match (
            row.try_get::<Option<String>, _>("callback_secret_previous_sealed")?,
            row.try_get::<Option<i64>, _>("callback_secret_previous_until")?,
        ) {
            (Some(sealed), Some(until)) => Some((sealed, until)),
            _ => None,
        },
        callback_url: row.try_get("callback_url")?,
        embed_origins: from_json(&row.try_get::<String, _>("embed_origins")?, "embed_origins")?,
        currencies: from_json(&row.try_get::<String, _>("currencies")?, "currencies")?,
        appearance: from_json(&row.try_get::<String, _>("appearance")?, "appearance")?,
        created_at: row.try_get("created_at")?,
        processor_config_id: row.try_get("processor_config_id")?,
        payment_attempts: row
            .try_get::<Option<i64>, _>("payment_attempts")?
            .and_then(|attempts| u32::try_from(attempts).ok()),
        invoice_lifetime_secs: row.try_get("invoice_lifetime_secs")?,
    })
}

pub(crate) fn invoice_from_row<R: Row>(row: &R) -> Result<InvoiceRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let status: String = row.try_get("status")?;
    let small = |column: &str| -> Result<u8, StoreError> {
        u8::try_from(row.try_get::<i64, _>(column)?)
            .map_err(|_| StoreError::Corrupt(column.to_owned()))
    };
    let card: Option<String> = row.try_get("card")?;
    Ok(InvoiceRecord {
        redirect_url: row.try_get("redirect_url")?,
        id: row.try_get("id")?,
        merchant_id: row.try_get("merchant_id")?,
        status: InvoiceStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt("status".into()))?,
        amount_minor: row.try_get("amount_minor")?,
        currency: row.try_get("currency")?,
        email: row.try_get("email")?,
        description: row.try_get("description")?,
        reference: row.try_get("reference")?,
        locale: row.try_get("locale")?,
        success_url: row.try_get("success_url")?,
        cancel_url: row.try_get("cancel_url")?,
        pending_url: row.try_get("pending_url")?,
        failure_url: row.try_get("failure_url")?,
        callback_json: row.try_get("callback_json")?,
        installments_max: small("installments_max")?,
        prefill: from_json::<Prefill>(&row.try_get::<String, _>("prefill")?, "prefill")?,
        expires_at: row.try_get("expires_at")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        attempts: u32::try_from(row.try_get::<i64, _>("attempts")?)
            .map_err(|_| StoreError::Corrupt("attempts".into()))?,
        card: card.map(|text| from_json(&text, "card")).transpose()?,
        authorization_code: row.try_get("authorization_code")?,
        transaction_ref: row.try_get("transaction_ref")?,
        avs_result: row.try_get("avs_result")?,
        security_code_result: row.try_get("security_code_result")?,
        installments_chosen: row
            .try_get::<Option<i64>, _>("installments_chosen")?
            .map(|value| {
                u8::try_from(value).map_err(|_| StoreError::Corrupt("installments_chosen".into()))
            })
            .transpose()?,
        decline_code: row.try_get("decline_code")?,
        pending_token: row.try_get("pending_token")?,
        settle_at: row.try_get("settle_at")?,
        refund_reserved_minor: row.try_get("refund_reserved_minor")?,
        refunded_minor: row.try_get("refunded_minor")?,
        processor_config_id: row.try_get("processor_config_id")?,
        lease_until: row.try_get("lease_until")?,
        charges_started: u32::try_from(row.try_get::<i64, _>("charges_started")?)
            .map_err(|_| StoreError::Corrupt("charges_started".into()))?,
        capture: kassa_processor::Capture::parse(&row.try_get::<String, _>("capture_mode")?)
            .ok_or_else(|| StoreError::Corrupt("capture_mode".into()))?,
        authorized_at: row.try_get("authorized_at")?,
        captured_minor: row.try_get("captured_minor")?,
        capture_claim_until: row.try_get("capture_claim_until")?,
        card_saving: row
            .try_get::<Option<String>, _>("card_saving")?
            .map(|text| from_json(&text, "card_saving"))
            .transpose()?
            .unwrap_or_default(),
        payment_method_id: row.try_get("payment_method_id")?,
        three_d_secure: row
            .try_get::<Option<String>, _>("three_d_secure")?
            .map(|text| from_json(&text, "three_d_secure"))
            .transpose()?,
        installment_kind: kassa_processor::InstallmentKind::parse(
            &row.try_get::<String, _>("installments_kind")?,
        )
        .ok_or_else(|| StoreError::Corrupt("installments_kind".into()))?,
        installments_fee_minor: row.try_get("installments_fee_minor")?,
        max_attempts: row
            .try_get::<Option<i64>, _>("max_attempts")?
            .and_then(|attempts| u32::try_from(attempts).ok()),
        surcharge_minor: row.try_get("surcharge_minor")?,
    })
}

pub(crate) fn challenge_from_row<R: Row>(row: &R) -> Result<ChallengeRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let count = |column: &str| -> Result<u32, StoreError> {
        u32::try_from(row.try_get::<i64, _>(column)?)
            .map_err(|_| StoreError::Corrupt(column.to_owned()))
    };
    Ok(ChallengeRecord {
        id: row.try_get("id")?,
        invoice_id: row.try_get("invoice_id")?,
        attempt: count("attempt")?,
        charge_token: row.try_get("charge_token")?,
        issuer_url: row.try_get("issuer_url")?,
        one_time_code: row.try_get("one_time_code")?,
        wrong_codes: count("wrong_codes")?,
        lease_until: row.try_get("lease_until")?,
        client_ip: row.try_get("client_ip")?,
        locale: row.try_get("locale")?,
        pay_key: row.try_get("pay_key")?,
        pay_key_hash: row.try_get("pay_key_hash")?,
        created_at: row.try_get("created_at")?,
        vault: row
            .try_get::<Option<String>, _>("vault")?
            .map(|text| from_json(&text, "vault"))
            .transpose()?
            .unwrap_or_default(),
    })
}

pub(crate) fn payment_method_from_row<R: Row>(row: &R) -> Result<PaymentMethodRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(PaymentMethodRecord {
        id: row.try_get("id")?,
        merchant_id: row.try_get("merchant_id")?,
        customer: row.try_get("customer")?,
        email: row.try_get("email")?,
        fingerprint: row.try_get("fingerprint")?,
        sealed_card: row.try_get("sealed_card")?,
        brand: row.try_get("brand")?,
        last4: row.try_get("last4")?,
        exp_month: u8::try_from(row.try_get::<i64, _>("exp_month")?)
            .map_err(|_| StoreError::Corrupt("exp_month".into()))?,
        exp_year: u16::try_from(row.try_get::<i64, _>("exp_year")?)
            .map_err(|_| StoreError::Corrupt("exp_year".into()))?,
        gateway_token: row.try_get("gateway_token")?,
        processor_config_id: row.try_get("processor_config_id")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub(crate) fn event_summary_from_row<R: Row>(row: &R) -> Result<EventSummary, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(EventSummary {
        id: row.try_get("id")?,
        invoice_id: row.try_get("invoice_id")?,
        kind: row.try_get("kind")?,
        payload: row.try_get("payload")?,
        created_at: row.try_get("created_at")?,
        delivered_at: row.try_get("delivered_at")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        attempts: u32::try_from(row.try_get::<i64, _>("attempts")?)
            .map_err(|_| StoreError::Corrupt("attempts".into()))?,
        last_error: row.try_get("last_error")?,
    })
}

pub(crate) fn refund_from_row<R: Row>(row: &R) -> Result<RefundRecord, StoreError>
where
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(RefundRecord {
        id: row.try_get("id")?,
        invoice_id: row.try_get("invoice_id")?,
        merchant_id: row.try_get("merchant_id")?,
        amount_minor: row.try_get("amount_minor")?,
        currency: row.try_get("currency")?,
        status: row.try_get("status")?,
        processor_ref: row.try_get("processor_ref")?,
        failure_code: row.try_get("failure_code")?,
        idempotency_key: row.try_get("idempotency_key")?,
        request_hash: row.try_get("request_hash")?,
        lease_until: row.try_get("lease_until")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}
