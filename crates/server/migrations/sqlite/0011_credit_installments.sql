-- Credit instalments (issue 17). How an invoice's instalments are financed:
-- 'equal' (the merchant's own payments) or 'credit' (the card issuer pays
-- the merchant at once; the shopper repays the issuer), and the fee the
-- merchant states for the credit, shown to the shopper before paying.
ALTER TABLE invoices ADD COLUMN installments_kind TEXT NOT NULL DEFAULT 'equal';
ALTER TABLE invoices ADD COLUMN installments_fee_minor INTEGER;
