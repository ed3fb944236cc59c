-- Searching a merchant's invoices: the card's brand and last four as columns
-- (the card summary itself is JSON), and an index for keyset pagination on
-- (created_at, id), newest first.

ALTER TABLE invoices ADD COLUMN card_brand TEXT;
ALTER TABLE invoices ADD COLUMN card_last4 TEXT;
UPDATE invoices SET card_brand = json_extract(card, '$.brand'), card_last4 = json_extract(card, '$.last4')
    WHERE card IS NOT NULL;
CREATE INDEX invoices_search ON invoices (merchant_id, created_at, id);
