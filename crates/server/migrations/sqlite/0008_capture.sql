-- Authorize now, capture later (issue 16). An invoice created with
-- capture "manual" is only authorized when paid; the merchant captures part
-- or all of it, or voids it, within the merchant's window, after which the
-- worker releases it (authorization.expired).
ALTER TABLE invoices ADD COLUMN capture_mode TEXT NOT NULL DEFAULT 'automatic';
-- When the authorization was approved.
ALTER TABLE invoices ADD COLUMN authorized_at INTEGER;
-- What a capture took; refunds give back at most this.
ALTER TABLE invoices ADD COLUMN captured_minor INTEGER;
-- A capture or void under way holds the authorization until then: one
-- request (or instance) at a time asks the processor.
ALTER TABLE invoices ADD COLUMN capture_claim_until INTEGER;
-- How long an authorization may wait for its capture, per merchant.
ALTER TABLE merchants ADD COLUMN authorization_window_ms INTEGER NOT NULL DEFAULT 604800000;
CREATE INDEX invoices_authorized ON invoices (authorized_at) WHERE status = 'authorized';
