-- Listing a merchant's events, newest first, with keyset pagination.
CREATE INDEX events_by_merchant ON events (merchant_id, created_at, id);
