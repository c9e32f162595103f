-- Passkeys (issue 20): WebAuthn credentials a person registered, and the challenges of
-- ceremonies under way.
--
-- `credential_id` is the authenticator's credential id (base64url), unique across accounts
-- (WebAuthn Level 3 section 7.1 step 25: a credential id registered to another account is
-- refused). `credential` is webauthn-rs's `Passkey` as JSON: the public key, the signature
-- counter and the backup flags, updated on every use. Nothing here is secret, but it is key
-- material all the same: it is never logged or shown.
CREATE TABLE passkeys (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    credential    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX passkeys_by_user ON passkeys (user_id, created_at);

-- A ceremony's server-side state (webauthn-rs's registration or authentication state, JSON),
-- kept between its two requests so that any node can finish it. Taking it deletes it
-- (single use); it expires after five minutes. `owner` is whom the live ones are counted
-- against: the account that registers, or the address that signs in.
CREATE TABLE passkey_challenges (
    id         TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL,
    owner      TEXT NOT NULL,
    state      TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX passkey_challenges_by_owner ON passkey_challenges (owner, expires_at);
CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);
