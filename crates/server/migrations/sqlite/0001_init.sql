-- Kassa's schema. Times are Unix milliseconds (INTEGER), ids are text.
-- No column ever holds a card number or security code.

CREATE TABLE merchants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    api_key_hash TEXT NOT NULL UNIQUE,
    callback_secret_sealed TEXT NOT NULL,
    callback_url TEXT NOT NULL,
    embed_origins TEXT NOT NULL DEFAULT '[]',
    currencies TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL
);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    status TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
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
    installments_max INTEGER NOT NULL,
    prefill TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER,
    card TEXT,
    authorization_code TEXT,
    transaction_ref TEXT,
    avs_result TEXT,
    security_code_result TEXT,
    installments_chosen INTEGER,
    decline_code TEXT,
    pending_token TEXT,
    settle_at INTEGER
);
CREATE INDEX invoices_by_merchant ON invoices (merchant_id, created_at);
CREATE INDEX invoices_pending ON invoices (status, settle_at);
CREATE INDEX invoices_open_expiry ON invoices (status, expires_at);

CREATE TABLE payment_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    attempt INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    decline_code TEXT,
    client_ip TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (invoice_id, attempt)
);

CREATE TABLE events (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    invoice_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER,
    delivered_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    lease_until INTEGER
);
CREATE INDEX events_due ON events (next_attempt_at);

CREATE TABLE delivery_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES events (id),
    attempted_at INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
);
CREATE INDEX delivery_attempts_by_event ON delivery_attempts (event_id);

CREATE TABLE idempotency_keys (
    merchant_id TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (merchant_id, key)
);
