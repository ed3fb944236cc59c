//! The rows the store reads and writes.

use kassa_api::{CardSummary, InvoiceStatus, Prefill};

/// A merchant. The API key is stored as a SHA-256 hash; the callback secret
/// sealed with the server's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerchantRecord {
    /// `mer_…`.
    pub id: String,
    /// Display name shown to shoppers.
    pub name: String,
    /// Hex SHA-256 of the API key.
    pub api_key_hash: String,
    /// The callback signing secret, sealed (see `secrets.rs`).
    pub callback_secret_sealed: String,
    /// The secret rolled away from, sealed, and until when it still signs
    /// callbacks beside the new one.
    pub previous_callback_secret: Option<(String, i64)>,
    /// Where callbacks go.
    pub callback_url: String,
    /// Origins allowed to embed the checkout.
    pub embed_origins: Vec<String>,
    /// Accepted currencies; empty means every ISO 4217 currency.
    pub currencies: Vec<String>,
    /// The checkout's accent colour and logo.
    pub appearance: kassa_api::Appearance,
    /// Unix milliseconds.
    pub created_at: i64,
    /// The processor settings charges use now; `None`: the test processor.
    pub processor_config_id: Option<String>,
    /// Payment attempts per invoice; `None`: the server's setting.
    pub payment_attempts: Option<u32>,
    /// An invoice's lifetime when it names none (seconds); `None`: 24 hours.
    pub invoice_lifetime_secs: Option<i64>,
}

/// A merchant's processor settings, as stored: never changed once written.
#[derive(Clone)]
pub struct ProcessorConfigRecord {
    /// `pcf_…`.
    pub id: String,
    /// The merchant.
    pub merchant_id: String,
    /// `test`, `creditguard`, `icount` or `stripe`.
    pub processor: String,
    /// The settings' JSON, sealed (it holds the gateway's credentials).
    pub config_sealed: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl std::fmt::Debug for ProcessorConfigRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessorConfigRecord")
            .field("id", &self.id)
            .field("processor", &self.processor)
            .finish_non_exhaustive()
    }
}

/// An invoice as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct InvoiceRecord {
    /// `inv_…`.
    pub id: String,
    /// The owning merchant.
    pub merchant_id: String,
    /// Current state.
    pub status: InvoiceStatus,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Shopper's email.
    pub email: String,
    /// Description.
    pub description: Option<String>,
    /// Merchant's order id.
    pub reference: Option<String>,
    /// Page locale.
    pub locale: Option<String>,
    /// Redirect after success.
    pub success_url: String,
    /// Redirect after cancel.
    pub cancel_url: String,
    /// Redirect while pending.
    pub pending_url: String,
    /// Redirect after failure.
    pub failure_url: String,
    /// The merchant's callback JSON, as raw JSON text.
    pub callback_json: String,
    /// Most installments offered.
    pub installments_max: u8,
    /// Prefilled shopper details.
    pub prefill: Prefill,
    /// Unix milliseconds.
    pub expires_at: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
    /// Payment attempts made.
    pub attempts: u32,
    /// The card of the last attempt (never the number or code).
    pub card: Option<CardSummary>,
    /// Processor authorization code.
    pub authorization_code: Option<String>,
    /// Processor transaction reference.
    pub transaction_ref: Option<String>,
    /// AVS result code.
    pub avs_result: Option<String>,
    /// Security-code check result code.
    pub security_code_result: Option<String>,
    /// Installments the shopper chose.
    pub installments_chosen: Option<u8>,
    /// Why the last attempt was declined.
    pub decline_code: Option<String>,
    /// The processor's token for a pending charge.
    pub pending_token: Option<String>,
    /// When to ask the processor about a pending charge.
    pub settle_at: Option<i64>,
    /// Minor units claimed by refunds, settled or in flight (at most
    /// `amount_minor`).
    pub refund_reserved_minor: i64,
    /// Minor units refunds have given back.
    pub refunded_minor: i64,
    /// The processor settings the payment was charged on (`None`: the test
    /// processor).
    pub processor_config_id: Option<String>,
    /// Until when a payment holds the invoice.
    pub lease_until: Option<i64>,
    /// Charges started on the invoice (see `Store::claim_for_payment`).
    pub charges_started: u32,
    /// Whether paying takes the money or only authorizes it.
    pub capture: kassa_processor::Capture,
    /// When the authorization was approved (manual capture only).
    pub authorized_at: Option<i64>,
    /// What a capture took; refunds give back at most this.
    pub captured_minor: Option<i64>,
    /// Until when a capture or void under way holds the authorization.
    pub capture_claim_until: Option<i64>,
    /// What the merchant asked about saved cards.
    pub card_saving: CardSaving,
    /// The saved card this invoice was paid with, or saved when paid.
    pub payment_method_id: Option<String>,
    /// What 3-D Secure said about the last payment attempt.
    pub three_d_secure: Option<kassa_api::ThreeDSecureResult>,
    /// How the instalments are financed: the merchant's equal payments or
    /// the issuer's credit.
    pub installment_kind: kassa_processor::InstallmentKind,
    /// The credit's fee the merchant states, in minor units.
    pub installments_fee_minor: Option<i64>,
    /// The card surcharge the last payment attempt added, in minor units.
    pub surcharge_minor: Option<i64>,
    /// Payment attempts allowed, as the merchant's setting was when the
    /// invoice was made; `None`: the server's setting.
    pub max_attempts: Option<u32>,
    /// The signed URL the checkout last sent the shopper back to.
    pub redirect_url: Option<String>,
}

/// What an invoice asks about saved cards (stored as JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CardSaving {
    /// The merchant's customer reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// Whether the page keeps the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<kassa_api::SaveCardMode>,
    /// Whether the page offers the customer's saved cards.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub offer_saved: bool,
    /// A merchant-initiated charge's reason (`POST /api/v1/payments`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl CardSaving {
    /// Whether nothing is asked (stored as NULL).
    pub fn is_empty(&self) -> bool {
        self == &CardSaving::default()
    }
}

/// A saved card as stored. `Debug` leaves out the sealed card and the
/// fingerprint.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PaymentMethodRecord {
    /// `pm_…`.
    pub id: String,
    /// The merchant.
    pub merchant_id: String,
    /// The merchant's customer reference.
    pub customer: String,
    /// The shopper's email when it was saved.
    pub email: String,
    /// Keyed fingerprint of the number (see `vault::DataKey::fingerprint`).
    pub fingerprint: String,
    /// The card, sealed under the merchant's data key (`None` once deleted).
    pub sealed_card: Option<String>,
    /// Brand id.
    pub brand: String,
    /// Last four digits.
    pub last4: String,
    /// Expiry month.
    pub exp_month: u8,
    /// Expiry year.
    pub exp_year: u16,
    /// The gateway's own token for the card.
    pub gateway_token: Option<String>,
    /// The processor settings that issued `gateway_token`.
    pub processor_config_id: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
}

impl std::fmt::Debug for PaymentMethodRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentMethodRecord")
            .field("id", &self.id)
            .field("merchant_id", &self.merchant_id)
            .field("brand", &self.brand)
            .field("last4", &self.last4)
            .finish_non_exhaustive()
    }
}

/// A card to keep once its payment is approved, with the shopper's
/// consent: written by [`super::Store::record_payment`] in the payment's
/// transaction. Saving a card the customer already has (same fingerprint)
/// updates that one instead.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CardToSave {
    /// The new card's id, used unless the customer has it already.
    pub new_id: String,
    /// The card as stored (its `id` is `new_id`).
    pub method: PaymentMethodRecord,
    /// The consent wording's version (`kassa_api::words::CARD_CONSENT_VERSION`).
    pub wording_version: String,
    /// The page's language when the shopper agreed.
    pub locale: String,
}

impl std::fmt::Debug for CardToSave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardToSave")
            .field("method", &self.method)
            .finish_non_exhaustive()
    }
}

/// A value sealed with the master key, for `keys rotate`.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedValue {
    /// Which column holds it.
    pub kind: SealedKind,
    /// The row's key (a merchant or processor settings id).
    pub id: String,
    /// The sealed text.
    pub sealed: String,
}

impl std::fmt::Debug for SealedValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealedValue({:?}, {})", self.kind, self.id)
    }
}

/// The columns sealed with the master key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealedKind {
    /// A merchant's vault data key (`vault_keys.wrapped_key`).
    VaultKey,
    /// A merchant's callback secret (`merchants.callback_secret_sealed`).
    CallbackSecret,
    /// A gateway's settings (`processor_configs.config_sealed`).
    ProcessorConfig,
    /// A rolled callback secret in its grace period
    /// (`merchants.callback_secret_previous_sealed`).
    PreviousCallbackSecret,
    /// A dashboard user's authenticator secret (`users.totp_secret_sealed`).
    TotpSecret,
    /// An authenticator being set up, not yet confirmed
    /// (`users.totp_pending_sealed`).
    PendingTotpSecret,
}

impl InvoiceRecord {
    /// What was taken from the card: the capture, or the whole amount of a
    /// payment captured at once. Refunds give back at most this.
    pub fn taken_minor(&self) -> i64 {
        self.captured_minor.unwrap_or_else(|| self.charged_minor())
    }

    /// What a payment charges or authorizes: the amount and its card
    /// surcharge.
    pub fn charged_minor(&self) -> i64 {
        self.amount_minor
            .saturating_add(self.surcharge_minor.unwrap_or(0))
    }

    /// The status an approved charge gives the invoice: authorized when the
    /// merchant captures later, paid otherwise.
    pub fn approved_status(&self) -> kassa_api::InvoiceStatus {
        match self.capture {
            kassa_processor::Capture::Manual => kassa_api::InvoiceStatus::Authorized,
            kassa_processor::Capture::Automatic => kassa_api::InvoiceStatus::Paid,
        }
    }
}

/// What a payment writes as it takes the invoice, before the processor
/// hears of the charge: enough to find the charge again if its answer is
/// lost (see `Store::claim_for_payment`).
#[derive(Clone, Debug)]
pub struct ChargeStart<'a> {
    /// This charge's number: the invoice's `charges_started` as read, plus
    /// one. The claim holds only if nobody started a charge since.
    pub charge_number: u32,
    /// The processor settings that charge (`None`: the test processor).
    pub processor_config_id: Option<&'a str>,
    /// How to look the charge up (a `PendingCharge` token).
    pub lost_token: &'a str,
    /// The card's masked summary.
    pub card: &'a kassa_api::CardSummary,
    /// The payments chosen.
    pub installments: u8,
    /// The card surcharge added to the amount, in minor units.
    pub surcharge_minor: Option<i64>,
}

/// A payment attempt's outcome, written by [`super::Store::record_payment`].
#[derive(Clone, Debug, PartialEq)]
pub struct PaymentUpdate {
    /// The invoice.
    pub invoice_id: String,
    /// This attempt's number (1-based).
    pub attempt: u32,
    /// The invoice's state afterwards.
    pub status: InvoiceStatus,
    /// `approved`, `declined` or `pending`.
    pub outcome: &'static str,
    /// The card used.
    pub card: CardSummary,
    /// Authorization code, when approved.
    pub authorization_code: Option<String>,
    /// Processor reference.
    pub transaction_ref: Option<String>,
    /// AVS result.
    pub avs_result: Option<String>,
    /// Security-code result.
    pub security_code_result: Option<String>,
    /// Installments chosen.
    pub installments: u8,
    /// Decline reason.
    pub decline_code: Option<String>,
    /// Pending token.
    pub pending_token: Option<String>,
    /// When to settle.
    pub settle_at: Option<i64>,
    /// The shopper's address, for the attempts log.
    pub client_ip: Option<String>,
    /// The lease this payment holds; the write happens only under it.
    pub lease_until: i64,
    /// Unix milliseconds.
    pub now: i64,
    /// The saved card this payment used (`payment_method` on the page, or
    /// a merchant-initiated charge).
    pub payment_method_used: Option<String>,
    /// A card to keep, when approved with the shopper's consent.
    pub save: Option<CardToSave>,
    /// What 3-D Secure said, when the card went through it.
    pub three_d_secure: Option<kassa_api::ThreeDSecureResult>,
}

/// The final answer for a pending payment.
#[derive(Clone, Debug, PartialEq)]
pub struct Settlement {
    /// The invoice.
    pub invoice_id: String,
    /// `Paid` or `Failed`.
    pub status: InvoiceStatus,
    /// Authorization code when paid.
    pub authorization_code: Option<String>,
    /// Decline reason when failed.
    pub decline_code: Option<String>,
    /// Unix milliseconds.
    pub now: i64,
}

/// An event to write to the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    /// `evt_…`.
    pub id: String,
    /// The merchant to notify.
    pub merchant_id: String,
    /// The invoice it is about.
    pub invoice_id: String,
    /// `invoice.paid`, …
    pub kind: String,
    /// The JSON body to POST, fixed at the time of the change.
    pub payload: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// An outbox event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRecord {
    /// `evt_…`.
    pub id: String,
    /// The merchant to notify.
    pub merchant_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// Event type.
    pub kind: String,
    /// JSON body.
    pub payload: String,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Delivery attempts so far.
    pub attempts: u32,
}

/// What one delivery attempt led to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// The merchant answered 2xx.
    Delivered {
        /// HTTP status.
        status_code: u16,
        /// Unix milliseconds.
        at: i64,
        /// How long it took.
        duration_ms: i64,
    },
    /// It failed; try again at `next_attempt_at`, or never (`None`: gave up).
    Failed {
        /// HTTP status, when there was an answer.
        status_code: Option<u16>,
        /// What went wrong (no card data: status, timeout, connection error).
        error: String,
        /// Unix milliseconds.
        at: i64,
        /// How long it took.
        duration_ms: i64,
        /// When to retry; `None` after the last attempt.
        next_attempt_at: Option<i64>,
    },
}

/// A stored response for an idempotency key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotentResponse {
    /// The merchant.
    pub merchant_id: String,
    /// The key the merchant sent.
    pub key: String,
    /// SHA-256 of method, path and body: the same key with another body is a 422.
    pub request_hash: String,
    /// HTTP status of the stored response.
    pub status_code: u16,
    /// The stored body.
    pub response_body: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// A refund as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefundRecord {
    /// `ref_…`.
    pub id: String,
    /// The refunded invoice.
    pub invoice_id: String,
    /// Its merchant.
    pub merchant_id: String,
    /// Minor units given back.
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `pending` (reserved, at the processor), `succeeded` or `failed`.
    pub status: String,
    /// The processor's reference, once it confirmed.
    pub processor_ref: Option<String>,
    /// Why it failed.
    pub failure_code: Option<String>,
    /// The merchant's `Idempotency-Key` while it is bound to this refund.
    pub idempotency_key: Option<String>,
    /// The keyed fingerprint of the request that bound the key.
    pub request_hash: Option<String>,
    /// While pending: until when its request (or a worker) is asking the
    /// processor; after that the refund worker takes it over.
    pub lease_until: Option<i64>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
}

/// Why a refund could not be reserved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundReservation {
    /// Reserved: the processor may be asked.
    Reserved,
    /// The invoice is not paid or partially refunded (or not the merchant's).
    NotRefundable,
    /// The amount exceeds what is left to refund.
    ExceedsRemaining,
    /// The merchant's `Idempotency-Key` is bound to another refund.
    KeyInUse,
}

/// A search of one merchant's invoices, newest first; `None` filters match
/// everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceQuery {
    /// Only this merchant's invoices.
    pub merchant_id: String,
    /// The status as the API shows it (open invoices past expiry are expired).
    pub status: Option<InvoiceStatus>,
    /// Created at or after (Unix milliseconds).
    pub created_from: Option<i64>,
    /// Created before (Unix milliseconds).
    pub created_to: Option<i64>,
    /// The merchant's reference, exactly.
    pub reference: Option<String>,
    /// The shopper's email, as stored.
    pub email: Option<String>,
    /// Card brand id.
    pub brand: Option<String>,
    /// Card last four.
    pub last4: Option<String>,
    /// 3-D Secure status: `authenticated`, `attempted` or `failed`.
    pub three_d_secure: Option<String>,
    /// Only invoices after this `(created_at, id)` in the order.
    pub after: Option<(i64, String)>,
    /// At most this many.
    pub limit: i64,
    /// Now, for expiry (Unix milliseconds).
    pub now: i64,
}

/// An outbox event with its delivery state, for the merchant's event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventSummary {
    /// `evt_…`.
    pub id: String,
    /// The invoice it is about.
    pub invoice_id: String,
    /// Event type.
    pub kind: String,
    /// The JSON body, as sent.
    pub payload: String,
    /// Unix milliseconds.
    pub created_at: i64,
    /// When a delivery succeeded (Unix milliseconds).
    pub delivered_at: Option<i64>,
    /// When the next attempt is due; `None` once delivered or given up.
    pub next_attempt_at: Option<i64>,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// What went wrong last time.
    pub last_error: Option<String>,
}

/// A page of a merchant's events, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventQuery {
    /// Only this merchant's events.
    pub merchant_id: String,
    /// Only events not delivered yet (retrying or given up).
    pub undelivered: bool,
    /// Only events after this `(created_at, id)` in the order.
    pub after: Option<(i64, String)>,
    /// At most this many.
    pub limit: i64,
}

/// How an authorization ends (`Store::finish_authorization`).
#[derive(Clone, Copy, Debug)]
pub struct AuthorizationEnd<'a> {
    /// The invoice.
    pub id: &'a str,
    /// The capture's or void's hold on it, as claimed.
    pub hold_until: i64,
    /// Captured, partially captured, voided or expired.
    pub status: InvoiceStatus,
    /// What was captured, for a capture.
    pub captured_minor: Option<i64>,
    /// When.
    pub now: i64,
}

/// A payment waiting for the shopper to pass the issuer's 3-D Secure
/// challenge. No card data: the processor's state for completing the
/// charge, and the simulated issuer's one-time code in test mode.
#[derive(Clone, PartialEq, Eq)]
pub struct ChallengeRecord {
    /// `ch_…`: unguessable, the capability the challenge page's URL carries.
    pub id: String,
    /// The invoice being paid.
    pub invoice_id: String,
    /// The payment attempt this is (counted as the shopper's).
    pub attempt: u32,
    /// The processor's challenged charge (`PendingCharge::to_token`).
    pub charge_token: String,
    /// The gateway's own challenge page, when it hosts one.
    pub issuer_url: Option<String>,
    /// The code the simulated issuer asks for.
    pub one_time_code: String,
    /// Wrong codes typed so far.
    pub wrong_codes: u32,
    /// The invoice's payment lease while the challenge waits.
    pub lease_until: i64,
    /// The shopper's address.
    pub client_ip: Option<String>,
    /// The page's language.
    pub locale: String,
    /// The page's `Idempotency-Key` for the payment (as stored), so its
    /// final answer is kept under it too.
    pub pay_key: Option<String>,
    /// The fingerprint of the payment's body under that key.
    pub pay_key_hash: Option<String>,
    /// The vault's part: the card to keep once approved (sealed, as the
    /// vault keeps it), or the saved card being paid with.
    pub vault: ChallengeVault,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl std::fmt::Debug for ChallengeRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChallengeRecord")
            .field("id", &self.id)
            .field("invoice_id", &self.invoice_id)
            .field("attempt", &self.attempt)
            .finish_non_exhaustive()
    }
}

/// How a challenged payment involves the vault, kept with the challenge
/// (as JSON) until the shopper answers it.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChallengeVault {
    /// A card to keep once approved, with the shopper's consent: already
    /// sealed under the merchant's data key, never the number itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save: Option<CardToSave>,
    /// The saved card the payment uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<String>,
}

impl ChallengeVault {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.save.is_none() && self.used.is_none()
    }
}

impl std::fmt::Debug for ChallengeVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChallengeVault")
            .field("save", &self.save)
            .field("used", &self.used)
            .finish()
    }
}
