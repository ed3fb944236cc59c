-- Saved cards (issue 16). A merchant's cards are sealed under that
-- merchant's data key; the data key is stored only wrapped (sealed) by the
-- server's master key, so rotating the master key re-wraps these rows and
-- leaves the cards as they are.
CREATE TABLE vault_keys (
    merchant_id TEXT PRIMARY KEY NOT NULL REFERENCES merchants (id),
    wrapped_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    rewrapped_at BIGINT NOT NULL
);

-- One saved card of one of a merchant's customers. sealed_card holds the
-- number, expiry and holder's name (never the security code), sealed with
-- XChaCha20-Poly1305 under the merchant's data key; deleting a card erases
-- it (and its fingerprint), keeping only what the merchant may see.
CREATE TABLE payment_methods (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    customer TEXT NOT NULL,
    -- The shopper's email when the card was saved: a merchant-initiated
    -- payment's invoice carries it, as the page's invoices do.
    email TEXT NOT NULL,
    -- HMAC of the card number under a key derived from the merchant's data
    -- key: finds the same card saved twice without revealing it.
    fingerprint TEXT NOT NULL,
    sealed_card TEXT,
    brand TEXT NOT NULL,
    last4 TEXT NOT NULL,
    exp_month BIGINT NOT NULL,
    exp_year BIGINT NOT NULL,
    -- The gateway's own token for the card, and the processor settings it
    -- belongs to (a token is only good with the gateway that issued it).
    gateway_token TEXT,
    processor_config_id TEXT REFERENCES processor_configs (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE UNIQUE INDEX payment_methods_one_per_card ON payment_methods (merchant_id, customer, fingerprint) WHERE deleted_at IS NULL;
CREATE INDEX payment_methods_by_customer ON payment_methods (merchant_id, customer, created_at);

-- The shopper's consent to keep the card, one row per time it was given:
-- nothing is saved without one, written in the same transaction.
CREATE TABLE card_consents (
    id TEXT PRIMARY KEY NOT NULL,
    payment_method_id TEXT NOT NULL REFERENCES payment_methods (id),
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    wording_version TEXT NOT NULL,
    locale TEXT NOT NULL,
    consented_at BIGINT NOT NULL
);
CREATE INDEX card_consents_by_method ON card_consents (payment_method_id);

-- What the merchant asked of the invoice about saved cards (JSON: customer,
-- save_card, offer_saved, reason), and the saved card it used or saved.
ALTER TABLE invoices ADD COLUMN card_saving TEXT;
ALTER TABLE invoices ADD COLUMN payment_method_id TEXT;
