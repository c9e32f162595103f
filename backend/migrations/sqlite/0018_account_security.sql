-- Accounts worth protecting (issue 20): sessions a person can see and end, password changes,
-- and mailed password-reset links.
--
-- Sessions get a public `id` (what the console lists and ends them by; the cookie's token is
-- still stored only as its SHA-256), the browser's User-Agent (cut to 256 characters, shown as
-- a label, never trusted), the client address and when the session was last seen (written at
-- most once a minute). Sessions from before have none of these, so they end: everyone signs in
-- once more after the upgrade.
DROP TABLE sessions;
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    user_agent   TEXT NOT NULL,
    address      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Password-reset links: the token (256 random bits) is stored only as its SHA-256. Using one
-- sets `used_at` with a conditional update written first in its transaction, so a link works
-- once even when two uses race.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at);

-- An account's own log: password changes and resets, in the columns of the apps' log
-- (`audit_events`), written by the same code (`audit::record_in`). `event` is the JSON of
-- shared::api::AccountEvent, which holds no secret; `actor_email` is who acted ("command line"
-- for an operator), `ip` where from. Ids sort by time (`ids::sortable_id`).
CREATE TABLE account_audit (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor_id    TEXT,
    actor_email TEXT,
    ip          TEXT,
    at          BIGINT NOT NULL,
    event       TEXT NOT NULL
);
CREATE INDEX account_audit_by_user ON account_audit (user_id, at DESC, id DESC);
