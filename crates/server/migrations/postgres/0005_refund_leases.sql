-- A pending refund's lease: until `lease_until`, the request that made it
-- (or a worker) is asking the processor. Once it passes, the refund worker
-- takes the refund over and asks again (processors make refunds idempotent
-- on the refund id), so a refund whose process died between the reservation
-- and the processor's answer still ends succeeded or failed.
ALTER TABLE refunds ADD COLUMN lease_until BIGINT;
-- The keyed fingerprint of the request that bound `idempotency_key`, so the
-- worker can store the answer a retry with that key gets.
ALTER TABLE refunds ADD COLUMN request_hash TEXT;
CREATE INDEX refunds_pending ON refunds (lease_until) WHERE status = 'pending';
