-- The signed URL the checkout last sent the shopper back to (success,
-- pending, failure or cancel, with `invoice_id`, `status` and `signature`),
-- for the dashboard's payment page. Not secret: the shopper's browser
-- carried it.
ALTER TABLE invoices ADD COLUMN redirect_url TEXT;
