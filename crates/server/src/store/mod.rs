//! Storage: one [`Store`] trait, with SQLite and PostgreSQL implementations
//! sharing one body of SQL (see `sql_store.rs`).

use async_trait::async_trait;
use kassa_api::InvoiceStatus;

mod dashboard;
mod records;
#[macro_use]
mod sql_store;
mod postgres;
mod sqlite;

pub use dashboard::{
    ApiKeyRecord, AttemptFigure, AttemptRecord, AuditRecord, DashboardStore, DeliveryRecord,
    SESSION_LIFETIME_MS, UserRecord,
};
pub use postgres::PostgresStore;
pub use records::{
    AuthorizationEnd, CardSaving, CardToSave, ChallengeRecord, ChallengeVault, ChargeStart,
    DeliveryOutcome, EventQuery, EventRecord, EventSummary, IdempotentResponse, InvoiceQuery,
    InvoiceRecord, MerchantRecord, NewEvent, PaymentMethodRecord, PaymentUpdate,
    ProcessorConfigRecord, RefundRecord, RefundReservation, SealedKind, SealedValue, Settlement,
};
pub use sqlite::SqliteStore;

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique key already exists (an idempotency key used concurrently).
    #[error("conflict with an existing row")]
    Conflict,
    /// The database failed; details are logged, never sent to clients.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored value could not be read back.
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

/// Everything the server keeps. Implementations must make each method atomic.
#[async_trait]
pub trait Store: DashboardStore + Send + Sync + 'static {
    /// Checks the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Adds a merchant and, in the same transaction, its first API key
    /// (`merchant.api_key_hash`; `key_prefix` its first characters).
    async fn create_merchant(
        &self,
        merchant: &MerchantRecord,
        key_prefix: &str,
    ) -> Result<(), StoreError>;

    /// A merchant by id.
    async fn merchant(&self, id: &str) -> Result<Option<MerchantRecord>, StoreError>;

    /// Adds an invoice and, in the same transaction, the idempotent response.
    /// [`StoreError::Conflict`] when the idempotency key was taken meanwhile.
    async fn create_invoice(
        &self,
        invoice: &InvoiceRecord,
        idempotency: Option<&IdempotentResponse>,
    ) -> Result<(), StoreError>;

    /// An invoice by id.
    async fn invoice(&self, id: &str) -> Result<Option<InvoiceRecord>, StoreError>;

    /// The response stored for a merchant's idempotency key.
    async fn idempotent_response(
        &self,
        merchant_id: &str,
        key: &str,
    ) -> Result<Option<IdempotentResponse>, StoreError>;

    /// Stores an idempotent response on its own (for actions with no row of
    /// their own to write).
    async fn save_idempotent_response(
        &self,
        response: &IdempotentResponse,
    ) -> Result<(), StoreError>;

    /// Takes the invoice's payment lease until `lease_until` if it is open,
    /// unexpired, has attempts left (fewer than `max_attempts`), nobody
    /// holds the lease, no lost charge waits to be looked up, and no charge
    /// started since `start.charge_number` was read; and, in the same
    /// statement, writes `start`: the charge's number (so the gateway
    /// reference derived from it is never reused), the processor settings,
    /// the look-up token and the card's summary. From then until the
    /// outcome is recorded or the claim released, nobody else may claim the
    /// invoice, and once the lease lapses [`lost_charges`](Self::lost_charges)
    /// lists it. Returns the attempts made before this one, read in the same
    /// statement. Only the holder may charge the card.
    async fn claim_for_payment(
        &self,
        id: &str,
        now: i64,
        lease_until: i64,
        max_attempts: u32,
        start: &ChargeStart<'_>,
    ) -> Result<Option<u32>, StoreError>;

    /// Gives the lease `lease_until` back without recording anything (the
    /// processor was unreachable, refused the request, or never received a
    /// lost charge), forgetting the charge it
    /// started. Only while that
    /// lease is still the invoice's: `false` (and nothing changes) when
    /// another payment or instance has moved on since.
    async fn release_payment_claim(&self, id: &str, lease_until: i64) -> Result<bool, StoreError>;

    /// Open invoices with a charge started whose outcome was never recorded
    /// and whose lease has lapsed (the server died mid-charge, or gave up).
    async fn lost_charges(&self, now: i64, limit: i64) -> Result<Vec<InvoiceRecord>, StoreError>;

    /// Extends the payment's lease (`lease_before`) to the challenge's and
    /// records the challenge, in one transaction; `false` when the lease
    /// was no longer the payment's (nothing is written).
    async fn start_challenge(
        &self,
        challenge: &ChallengeRecord,
        lease_before: i64,
    ) -> Result<bool, StoreError>;

    /// A challenge by id.
    async fn challenge(&self, id: &str) -> Result<Option<ChallengeRecord>, StoreError>;

    /// The challenge holding `invoice_id`'s payment lease `lease_until`.
    async fn open_challenge(
        &self,
        invoice_id: &str,
        lease_until: i64,
    ) -> Result<Option<ChallengeRecord>, StoreError>;

    /// Counts a wrong one-time code; answers how many there have been.
    async fn count_wrong_code(&self, id: &str) -> Result<u32, StoreError>;

    /// The merchant's card surcharge terms (JSON), when it has any.
    async fn surcharge_rule(&self, merchant_id: &str) -> Result<Option<String>, StoreError>;

    /// Sets (or, with `None`, removes) the merchant's surcharge terms;
    /// `false` when there is no such merchant.
    async fn set_surcharge_rule(
        &self,
        merchant_id: &str,
        rule: Option<&str>,
    ) -> Result<bool, StoreError>;

    /// The merchant's 3-D Secure rule (`automatic`, `always`,
    /// `above:EUR:10000`); `None` when there is no such merchant.
    async fn three_d_secure_rule(&self, merchant_id: &str) -> Result<Option<String>, StoreError>;

    /// Sets the merchant's 3-D Secure rule; `false` when there is no such
    /// merchant.
    async fn set_three_d_secure_rule(
        &self,
        merchant_id: &str,
        rule: &str,
    ) -> Result<bool, StoreError>;

    /// Sets how long the merchant's authorizations wait for a capture;
    /// `false` when there is no such merchant.
    async fn set_authorization_window(
        &self,
        merchant_id: &str,
        window_ms: i64,
    ) -> Result<bool, StoreError>;

    /// Stores new processor settings and makes them the merchant's, in one
    /// transaction; `false` when there is no such merchant.
    async fn add_processor_config(
        &self,
        config: &ProcessorConfigRecord,
    ) -> Result<bool, StoreError>;

    /// Processor settings by id.
    async fn processor_config(&self, id: &str)
    -> Result<Option<ProcessorConfigRecord>, StoreError>;

    /// Records a payment attempt's outcome, its event (if the state changed),
    /// the idempotent response (if the page sent a key), and releases the
    /// lease, in one transaction; only while `update.lease_until` is still the
    /// invoice's lease ([`StoreError::Conflict`] otherwise, and nothing is
    /// written). `redirect_url` is where the shopper is sent back to, if
    /// anywhere.
    async fn record_payment(
        &self,
        update: &PaymentUpdate,
        redirect_url: Option<&str>,
        event: Option<&NewEvent>,
        idempotency: Option<&IdempotentResponse>,
    ) -> Result<(), StoreError>;

    /// The merchant's vault data key, wrapped by the master key.
    async fn vault_key(&self, merchant_id: &str) -> Result<Option<String>, StoreError>;

    /// Stores a merchant's first data key unless it has one already (two
    /// instances racing: the first wins, and both read it back).
    async fn add_vault_key(
        &self,
        merchant_id: &str,
        wrapped: &str,
        now: i64,
    ) -> Result<(), StoreError>;

    /// A customer's saved cards, newest first (deleted ones left out).
    async fn payment_methods_of(
        &self,
        merchant_id: &str,
        customer: &str,
    ) -> Result<Vec<PaymentMethodRecord>, StoreError>;

    /// A saved card by id; `None` when unknown or deleted.
    async fn payment_method(&self, id: &str) -> Result<Option<PaymentMethodRecord>, StoreError>;

    /// Deletes a merchant's saved card: its sealed card and fingerprint are
    /// erased, the row keeps only what the merchant may see. `false` when
    /// the merchant has no such card.
    async fn delete_payment_method(
        &self,
        merchant_id: &str,
        id: &str,
        now: i64,
    ) -> Result<bool, StoreError>;

    /// Every value sealed with the master key (for `keys rotate`).
    async fn sealed_values(&self) -> Result<Vec<SealedValue>, StoreError>;

    /// Replaces sealed values, each `(old, new text)`, in one transaction;
    /// [`StoreError::Conflict`] (and nothing changes) when any of them
    /// changed meanwhile.
    async fn reseal(&self, changes: &[(SealedValue, String)]) -> Result<(), StoreError>;

    /// Whether `query`'s search finds more than `rows` invoices (its
    /// `after` and `limit` ignored).
    async fn search_finds_more_than(
        &self,
        query: &InvoiceQuery,
        rows: i64,
    ) -> Result<bool, StoreError>;

    /// Notes the signed URL the checkout sent the shopper back to (for a
    /// cancel; a payment's is written with its outcome).
    async fn set_redirect_url(&self, invoice_id: &str, url: &str) -> Result<(), StoreError>;

    /// Moves an invoice from one of `from` to `to` and writes its event, in
    /// one transaction. `false` when the invoice was not in one of `from` (or
    /// a payment holds its lease).
    async fn transition(
        &self,
        id: &str,
        from: &[InvoiceStatus],
        to: InvoiceStatus,
        event: &NewEvent,
        now: i64,
        idempotency: Option<&IdempotentResponse>,
    ) -> Result<bool, StoreError>;

    /// Settles a pending payment and writes its event; `false` when it was
    /// no longer pending.
    async fn settle_payment(
        &self,
        settlement: &Settlement,
        event: &NewEvent,
    ) -> Result<bool, StoreError>;

    /// Takes an authorized invoice of `merchant_id` for a capture or void
    /// until `until`: the invoice as it is then, or `None` when it is not
    /// authorized, or another capture or void holds it.
    async fn claim_authorization(
        &self,
        id: &str,
        merchant_id: &str,
        now: i64,
        until: i64,
    ) -> Result<Option<InvoiceRecord>, StoreError>;

    /// Gives a capture's or void's hold `until` back without a change (the
    /// processor was unreachable or refused).
    async fn release_authorization(&self, id: &str, until: i64) -> Result<(), StoreError>;

    /// Ends an authorization as `end` says (captured, partially captured,
    /// voided or expired), writes its event and the idempotent answer, in
    /// one transaction. The invoice as it is after; [`StoreError::Conflict`]
    /// (and nothing written) when the hold was lost.
    async fn finish_authorization(
        &self,
        end: &AuthorizationEnd<'_>,
        make_event: &(dyn for<'i> Fn(&'i InvoiceRecord) -> NewEvent + Send + Sync),
        idempotency: Option<&IdempotentResponse>,
    ) -> Result<InvoiceRecord, StoreError>;

    /// Authorizations their merchant's window has passed (and no capture or
    /// void holds), oldest first.
    async fn lapsed_authorizations(
        &self,
        now: i64,
        limit: i64,
    ) -> Result<Vec<InvoiceRecord>, StoreError>;

    /// Pending invoices whose processor answer is due.
    async fn pending_due(&self, now: i64, limit: i64) -> Result<Vec<InvoiceRecord>, StoreError>;

    /// Ids of open invoices past their expiry.
    async fn expired_open(&self, now: i64, limit: i64) -> Result<Vec<String>, StoreError>;

    /// Claims up to `limit` undelivered events that are due, leasing each
    /// until `lease_until` so that one instance delivers it at a time.
    async fn claim_due_events(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<EventRecord>, StoreError>;

    /// Records one delivery attempt and what follows from it.
    async fn record_delivery(
        &self,
        event_id: &str,
        outcome: &DeliveryOutcome,
    ) -> Result<(), StoreError>;

    /// Connections in use and idle in the pool, for `/metrics`.
    fn pool_usage(&self) -> Option<(i64, i64)> {
        None
    }

    /// How many events wait for delivery (given up ones excluded), for `/metrics`.
    async fn undelivered_events(&self) -> Result<i64, StoreError> {
        Ok(0)
    }

    /// The earliest time an undelivered event is due, if any.
    async fn next_event_due(&self) -> Result<Option<i64>, StoreError>;

    /// One page of a merchant's invoices, newest first, keyed on
    /// `(created_at, id)`.
    async fn search_invoices(&self, query: &InvoiceQuery)
    -> Result<Vec<InvoiceRecord>, StoreError>;

    /// One page of a merchant's events with their delivery state.
    async fn list_events(&self, query: &EventQuery) -> Result<Vec<EventSummary>, StoreError>;

    /// Schedules one of the merchant's events for delivery at `now`, even
    /// if it was delivered or given up; `None` when the merchant has no
    /// such event.
    async fn redeliver_event(
        &self,
        merchant_id: &str,
        id: &str,
        now: i64,
    ) -> Result<Option<EventSummary>, StoreError>;

    /// Reserves `refund.amount_minor` of a paid or partially refunded
    /// invoice and stores the refund as `pending`, in one transaction: the
    /// reservation is a conditional UPDATE, so concurrent refunds never
    /// together exceed the amount paid.
    async fn reserve_refund(&self, refund: &RefundRecord) -> Result<RefundReservation, StoreError>;

    /// Marks a reserved refund succeeded, adds it to the invoice's refunded
    /// amount, moves the invoice to `partially_refunded` or `refunded`, and
    /// writes the event `make_event` builds from the invoice as it then is
    /// and the idempotent answer `respond` builds, all in one transaction.
    /// Returns the invoice after the change.
    async fn complete_refund(
        &self,
        refund_id: &str,
        processor_ref: &str,
        now: i64,
        make_event: &(dyn for<'i> Fn(&'i InvoiceRecord) -> NewEvent + Send + Sync),
        respond: &(dyn for<'i> Fn(&'i InvoiceRecord) -> Option<IdempotentResponse> + Send + Sync),
    ) -> Result<InvoiceRecord, StoreError>;

    /// Marks a reserved refund failed, gives its reservation back and frees
    /// its idempotency key, in one transaction.
    async fn fail_refund(
        &self,
        refund_id: &str,
        failure_code: &str,
        now: i64,
    ) -> Result<(), StoreError>;

    /// A refund by id.
    async fn refund(&self, id: &str) -> Result<Option<RefundRecord>, StoreError>;

    /// Every refund of an invoice, oldest first.
    async fn refunds_of_invoice(&self, invoice_id: &str) -> Result<Vec<RefundRecord>, StoreError>;

    /// Claims up to `limit` pending refunds whose lease has lapsed (their
    /// request died or timed out), leasing each until `lease_until` so that
    /// one worker asks the processor about it at a time.
    async fn claim_stale_refunds(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> Result<Vec<RefundRecord>, StoreError>;
}
