-- What a user allowed an app: remembered per user and app, asked again only for more scopes.
CREATE TABLE consents (
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id    TEXT NOT NULL REFERENCES apps (client_id) ON DELETE CASCADE,
    scopes       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);
CREATE INDEX consents_by_client ON consents (client_id);

-- Authorization codes (RFC 6749 4.1), stored as hashes; `redeemed_at` makes them single-use.
CREATE TABLE authorization_codes (
    code_hash      TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES apps (client_id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    scopes         TEXT NOT NULL,
    code_challenge TEXT,
    nonce          TEXT,
    auth_time      BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    redeemed_at    BIGINT
);
CREATE INDEX authorization_codes_by_client ON authorization_codes (client_id);

-- Access and refresh tokens, stored as hashes (JWT access tokens by their `jti`).
-- `grant_id` ties together everything issued from one authorization (a code, a password
-- grant, or one client-credentials request): revoking a family revokes the grant.
CREATE TABLE tokens (
    token_hash  TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    client_id   TEXT NOT NULL REFERENCES apps (client_id) ON DELETE CASCADE,
    user_id     TEXT REFERENCES users (id) ON DELETE CASCADE,
    secret_id   TEXT,
    grant_id    TEXT NOT NULL,
    grant_type  TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    auth_time   BIGINT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    revoked_at  BIGINT
);
CREATE INDEX tokens_by_grant ON tokens (grant_id);
CREATE INDEX tokens_by_client_user ON tokens (client_id, user_id);
CREATE INDEX tokens_by_secret ON tokens (secret_id);
