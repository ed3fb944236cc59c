-- 3-D Secure (issue 17). What authentication said about an invoice's last
-- payment attempt, as JSON (flow, authenticated, ECI, liability shift), and
-- its one-word status for the search filter.
ALTER TABLE invoices ADD COLUMN three_d_secure TEXT;
ALTER TABLE invoices ADD COLUMN three_d_secure_status TEXT;
-- When the merchant requires 3-D Secure: 'automatic' (the issuer decides),
-- 'always', or 'above:EUR:10000' (above 100.00 EUR; always in any other
-- currency).
ALTER TABLE merchants ADD COLUMN three_d_secure_rule TEXT NOT NULL DEFAULT 'automatic';

-- A payment waiting for the shopper to pass the issuer's challenge. The
-- invoice's payment lease is extended to the challenge's: while it holds,
-- no other payment starts, and once it lapses unanswered the lost-charge
-- worker asks the processor and frees the invoice. No card data: the
-- processor's state for completing the charge, and in test mode the
-- simulated issuer's one-time code.
CREATE TABLE challenges (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    attempt BIGINT NOT NULL,
    charge_token TEXT NOT NULL,
    issuer_url TEXT,
    one_time_code TEXT NOT NULL,
    wrong_codes BIGINT NOT NULL DEFAULT 0,
    lease_until BIGINT NOT NULL,
    client_ip TEXT,
    locale TEXT NOT NULL,
    pay_key TEXT,
    pay_key_hash TEXT,
    -- A card to keep once approved (sealed under the merchant's data key, as
    -- the vault keeps it) or the saved card being paid with, as JSON.
    vault TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX challenges_invoice ON challenges (invoice_id, lease_until);
