-- Clients that register themselves (RFC 7591) belong to the account `usr_self_registered`,
-- created with the first of them (`store/registrations.rs`), which nobody can sign in as, until
-- an administrator gives one to a developer.

-- How an app came to be: 'console' (a developer, or the CLI) or 'dynamic' (RFC 7591); a dynamic
-- one keeps the hash of its registration access token (RFC 7592) to read, change or delete
-- its registration.
ALTER TABLE apps ADD COLUMN registration TEXT NOT NULL DEFAULT 'console';
ALTER TABLE apps ADD COLUMN registration_token_hash TEXT;

-- Initial access tokens (RFC 7591 section 3): minted by administrators, stored as hashes, each
-- good for a number of registrations until it expires.
CREATE TABLE initial_access_tokens (
    token_hash  TEXT PRIMARY KEY,
    created_by  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    uses_left   BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
