-- APIs (resource servers) developers register: their identifier is the audience of the tokens
-- issued for them (RFC 8707), and their own server introspects with `client_id` and a secret
-- stored as a hash, as app secrets are.
CREATE TABLE apis (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    identifier      TEXT NOT NULL UNIQUE,
    visibility      TEXT NOT NULL,
    token_format    TEXT NOT NULL,
    token_lifetime  BIGINT NOT NULL,
    client_id       TEXT NOT NULL UNIQUE,
    secret_hash     TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX apis_by_owner ON apis (owner_id);

-- An API's resources; the primary key keeps scope names (`NAME:read`) unambiguous across APIs.
CREATE TABLE api_resources (
    name      TEXT PRIMARY KEY,
    api_id    TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
    position  BIGINT NOT NULL
);
CREATE INDEX api_resources_by_api ON api_resources (api_id);

-- A token's audience (an access token's `aud`; for a refresh token, the APIs it may be
-- exchanged for), identifiers separated by spaces. '' for tokens issued before APIs existed,
-- which were all for the built-in API.
ALTER TABLE tokens ADD COLUMN audience TEXT NOT NULL DEFAULT '';
-- The `resource` parameters of the authorization request (RFC 8707 section 2.1), if any.
ALTER TABLE authorization_codes ADD COLUMN resources TEXT NOT NULL DEFAULT '';
