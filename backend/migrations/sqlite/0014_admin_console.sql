-- The administrators' console for clients that register themselves (RFC 7591, RFC 7592).

-- Initial access tokens get an id the console lists and revokes them by, while the hash stays the key
-- a registration looks its token up by. Tokens minted before this get one made from their hash
-- (a hash reveals nothing, and the id is only shown to administrators).
ALTER TABLE initial_access_tokens ADD COLUMN id TEXT;
UPDATE initial_access_tokens SET id = 'iat_' || substr(token_hash, 1, 24) WHERE id IS NULL;
CREATE UNIQUE INDEX initial_access_tokens_by_id ON initial_access_tokens (id);

-- How a self-registered client got in: 'open' or 'token' (NULL: before this was recorded).
ALTER TABLE apps ADD COLUMN registered_with TEXT;

-- Settings administrators change while the server runs, by name (`builtin_api_visibility`).
CREATE TABLE server_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
