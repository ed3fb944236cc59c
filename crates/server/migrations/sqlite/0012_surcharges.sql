-- Card surcharges (issue 17). A merchant's surcharge terms, as JSON
-- (percentage and fixed amount, cap, card countries, EU/EEA exemption), and
-- what the last payment attempt added to the invoice's amount, in minor
-- units: written when the payment claims the invoice, before the card is
-- charged, so every way a charge ends (at once, pending, after a challenge,
-- looked up after a crash) keeps it. Refunds and captures count it in.
ALTER TABLE merchants ADD COLUMN surcharge_rule TEXT;
ALTER TABLE invoices ADD COLUMN surcharge_minor INTEGER;
