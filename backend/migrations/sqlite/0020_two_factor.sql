-- Two-factor sign-in (issue 20): authenticator apps (RFC 6238), recovery codes, pending
-- sign-ins waiting for a second factor, and sessions that may only set one up.
--
-- One authenticator app per account. `secret` is the shared key in base32: the app needs the
-- key itself, so it cannot be hashed, and the server keeps no key outside the database that
-- could encrypt it (the signing keys live in `signing_keys`). `confirmed_at` is NULL while
-- being set up (on after a first correct code). `last_step` is the last accepted time step
-- (unix time / 30): a code is accepted only through `UPDATE … WHERE last_step < step`, so a
-- code works once even when two submissions race (RFC 6238 section 5.2).
CREATE TABLE totp_factors (
    user_id      TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT NOT NULL
);

-- Ten single-use recovery codes per account, stored as their SHA-256 (80 random bits each);
-- using one is a conditional update of `used_at`.
CREATE TABLE recovery_codes (
    code_hash  TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX recovery_codes_by_user ON recovery_codes (user_id);

-- A correct password waiting for its second factor: the token is stored as its SHA-256, lives
-- five minutes, works once, and an account has at most five at once.
CREATE TABLE pending_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX pending_sign_ins_by_user ON pending_sign_ins (user_id);
CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins (expires_at);

-- 1: the administrator requires a second factor and this person had none when signing in;
-- the session may only set one up (cleared when they do, or when the policy is lifted).
ALTER TABLE sessions ADD COLUMN setup_only BIGINT NOT NULL DEFAULT 0;
