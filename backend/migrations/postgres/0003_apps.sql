-- Registered OAuth apps. List-valued settings are JSON arrays of strings validated by the
-- shared crate before they are written; `scopes` is the canonical OAuth scope string.
CREATE TABLE apps (
    client_id          TEXT PRIMARY KEY,
    owner_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    website            TEXT NOT NULL,
    description        TEXT NOT NULL,
    client_type        TEXT NOT NULL,
    redirect_uris      TEXT NOT NULL,
    allowed_origins    TEXT NOT NULL,
    scopes             TEXT NOT NULL,
    grant_types        TEXT NOT NULL,
    privacy_policy_url TEXT NOT NULL,
    terms_url          TEXT NOT NULL,
    token_format       TEXT NOT NULL,
    icon_version       BIGINT,
    disabled           BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);
-- Keyset pagination, newest first: per owner ("my apps") and across all apps (admins).
CREATE INDEX apps_by_owner ON apps (owner_id, created_at DESC, client_id DESC);
CREATE INDEX apps_by_created ON apps (created_at DESC, client_id DESC);

-- Icons as served: raster uploads are re-encoded as 32x32 and 64x64 PNG; SVG is kept as sent
-- (after the shared crate's safety checks) and served sandboxed.
CREATE TABLE app_icons (
    client_id    TEXT PRIMARY KEY REFERENCES apps (client_id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    small        BYTEA NOT NULL,
    large        BYTEA NOT NULL
);

-- Client secrets, stored only as SHA-256 hashes of 256-bit random values.
CREATE TABLE client_secrets (
    id           TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL REFERENCES apps (client_id) ON DELETE CASCADE,
    secret_hash  TEXT NOT NULL UNIQUE,
    prefix       TEXT NOT NULL,
    label        TEXT,
    created_by   TEXT,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT,
    last_used_at BIGINT,
    last_used_ip TEXT,
    use_count    BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX client_secrets_by_client ON client_secrets (client_id, created_at);
