-- An authenticator being set up from the dashboard: its secret (sealed with
-- the server's key) waits here until the user types a code it made, and
-- only then becomes `totp_secret_sealed`. Setting up again replaces it.
ALTER TABLE users ADD COLUMN totp_pending_sealed TEXT;
