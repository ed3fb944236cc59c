-- Kassa's schema (PostgreSQL). Times are Unix milliseconds (BIGINT), ids are text.
-- No column ever holds a card number or security code.

CREATE TABLE merchants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    api_key_hash TEXT NOT NULL UNIQUE,
    callback_secret_sealed TEXT NOT NULL,
    callback_url TEXT NOT NULL,
    embed_origins TEXT NOT NULL DEFAULT '[]',
    currencies TEXT NOT NULL DEFAULT '[]',
    created_at BIGINT NOT NULL
);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    status TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    email TEXT NOT NULL,
    description TEXT,
    reference TEXT,
    locale TEXT,
    success_url TEXT NOT NULL,
    cancel_url TEXT NOT NULL,
    pending_url TEXT NOT NULL,
    failure_url TEXT NOT NULL,
    callback_json TEXT NOT NULL,
    installments_max BIGINT NOT NULL,
    prefill TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_until BIGINT,
    card TEXT,
    authorization_code TEXT,
    transaction_ref TEXT,
    avs_result TEXT,
    security_code_result TEXT,
    installments_chosen BIGINT,
    decline_code TEXT,
    pending_token TEXT,
    settle_at BIGINT
);
CREATE INDEX invoices_by_merchant ON invoices (merchant_id, created_at);
CREATE INDEX invoices_pending ON invoices (status, settle_at);
CREATE INDEX invoices_open_expiry ON invoices (status, expires_at);

CREATE TABLE payment_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    attempt BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    decline_code TEXT,
    client_ip TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (invoice_id, attempt)
);

CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    invoice_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT,
    delivered_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    lease_until BIGINT
);
CREATE INDEX events_due ON events (next_attempt_at);

CREATE TABLE delivery_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    attempted_at BIGINT NOT NULL,
    status_code BIGINT,
    error TEXT,
    duration_ms BIGINT NOT NULL
);
CREATE INDEX delivery_attempts_by_event ON delivery_attempts (event_id);

CREATE TABLE idempotency_keys (
    merchant_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code BIGINT NOT NULL,
    response_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, key)
);
