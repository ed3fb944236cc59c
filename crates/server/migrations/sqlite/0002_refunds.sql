-- Refunds. `refund_reserved_minor` is what refunds have claimed (settled or in
-- flight); a conditional UPDATE keeps it at most `amount_minor`, so
-- concurrent refunds never together exceed what was paid.
-- `refunded_minor` is what refunds have actually given back.

ALTER TABLE invoices ADD COLUMN refund_reserved_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN refunded_minor INTEGER NOT NULL DEFAULT 0;

CREATE TABLE refunds (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    -- pending (reserved, at the processor), succeeded, failed
    status TEXT NOT NULL,
    processor_ref TEXT,
    failure_code TEXT,
    -- The merchant's Idempotency-Key while it is bound to this refund (a
    -- failed refund frees it, so the merchant may try again with it).
    idempotency_key TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX refunds_by_invoice ON refunds (invoice_id, created_at);
CREATE UNIQUE INDEX refunds_by_key ON refunds (merchant_id, idempotency_key);
