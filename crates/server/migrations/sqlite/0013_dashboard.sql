-- The merchant dashboard (issue 18).
--
-- API keys get their own table: a merchant may have several, roll one with
-- a grace period, revoke one, and see when each was last used. Only the
-- SHA-256 of a key is kept (keys are 192 random bits), with its first
-- characters to tell keys apart. The merchant's first key moves here;
-- merchants.api_key_hash stays as it was and is no longer read.
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    key_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    -- Set when revoked (now) or rolled (now plus the grace period).
    expires_at INTEGER
);
CREATE INDEX api_keys_by_merchant ON api_keys (merchant_id, created_at);
INSERT INTO api_keys (id, merchant_id, key_hash, prefix, created_at)
    SELECT 'key_' || substr(api_key_hash, 1, 32), id, api_key_hash, 'sk_', created_at FROM merchants;

-- People who sign in to the dashboard. Emails are kept lowercased and are
-- unique across merchants (a user works for one merchant). The password is
-- an argon2id PHC string; the authenticator secret is sealed with the
-- server's key. Five wrong passwords in a row lock the user for 15 minutes.
CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL REFERENCES merchants (id),
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    totp_secret_sealed TEXT,
    -- The last 30-second step whose code signed in: a code is good once.
    totp_last_step INTEGER,
    -- Sign-in attempts under way or failed since the last success; an
    -- attempt is counted before the password is checked, so parallel
    -- guesses cannot outrun the lock.
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    created_at INTEGER NOT NULL
);

-- Signed-in sessions: the cookie holds a random token, this table its
-- SHA-256, so a copy of the database signs nobody in. Deleting a row signs
-- that browser out.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ip TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- What dashboard users did: who (their email at the time), what, to what,
-- from where, when; failed sign-ins and lock-outs of its users too.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    merchant_id TEXT NOT NULL,
    user_id TEXT,
    user_email TEXT,
    action TEXT NOT NULL,
    target TEXT,
    ip TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_merchant ON audit_log (merchant_id, created_at);

-- A rolled callback secret keeps signing beside the new one until its
-- grace period ends (callbacks then carry two v1 signatures).
ALTER TABLE merchants ADD COLUMN callback_secret_previous_sealed TEXT;
ALTER TABLE merchants ADD COLUMN callback_secret_previous_until INTEGER;

-- The merchant's own payment attempts per invoice and invoice lifetime
-- (NULL: the server's settings). An invoice keeps the attempts it was
-- created with, so changing the setting never changes a shopper's count.
ALTER TABLE merchants ADD COLUMN payment_attempts INTEGER;
ALTER TABLE merchants ADD COLUMN invoice_lifetime_secs INTEGER;
ALTER TABLE invoices ADD COLUMN max_attempts INTEGER;

-- The dashboard's payment search on many invoices: a rare last four or
-- email is found through its own index, newest first, instead of reading
-- every invoice of the merchant (docs/benchmarks.md).
CREATE INDEX invoices_by_last4 ON invoices (merchant_id, card_last4, created_at, id);
CREATE INDEX invoices_by_email ON invoices (merchant_id, email, created_at, id);
CREATE INDEX invoices_by_reference ON invoices (merchant_id, reference, created_at, id);
