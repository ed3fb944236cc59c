-- Which processor each merchant charges through (issue 20). A merchant's
-- settings are rows that never change: new settings are a new row and the
-- merchant points at it, so a payment keeps the processor it was charged on
-- and its refunds and settlement go back to that one. The gateway's
-- settings (credentials included) are sealed like callback secrets.
CREATE TABLE processor_configs (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    processor TEXT NOT NULL,
    config_sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX processor_configs_by_merchant ON processor_configs (merchant_id, created_at);

-- NULL: the built-in test processor (every merchant before this migration).
ALTER TABLE merchants ADD COLUMN processor_config_id TEXT REFERENCES processor_configs (id);
-- The processor a payment was (or is being) charged on, set when the charge
-- starts. Together with pending_token on an open invoice, it also marks a
-- charge whose outcome was never recorded (a crash, a lost answer): the
-- worker looks it up with that processor before anyone may pay again.
ALTER TABLE invoices ADD COLUMN processor_config_id TEXT REFERENCES processor_configs (id);
-- Charges started on the invoice, whether or not they counted as a
-- shopper's attempt (an unreachable gateway does not): each charge's
-- reference at the gateway carries its number, so none is ever reused (a
-- gateway's idempotency key replays the first answer for a day).
ALTER TABLE invoices ADD COLUMN charges_started BIGINT NOT NULL DEFAULT 0;
CREATE INDEX invoices_lost_charges ON invoices (status, lease_until) WHERE pending_token IS NOT NULL;
