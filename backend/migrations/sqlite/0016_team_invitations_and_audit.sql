-- Invitations to a team, by email. The link's token is stored only as its SHA-256
-- (`crypto::token_hash`); a row is pending while `used_at` and `revoked_at` are NULL and
-- `expires_at` is ahead. Accepting sets `used_at` with a conditional update, so a link works
-- once. `invited_by` is NULL for an operator at the command line.
CREATE TABLE team_invitations (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    role       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE INDEX team_invitations_by_team ON team_invitations (team_id, email);
CREATE INDEX team_invitations_by_expiry ON team_invitations (expires_at);

-- A team's own log: membership changes, invitations, apps and APIs moved in or out. `event`
-- is the JSON of shared::api::TeamEvent, which holds no secret; `actor_email` is NULL for an
-- operator at the command line. Ids sort by time (`ids::sortable_id`).
CREATE TABLE team_audit (
    id          TEXT PRIMARY KEY,
    team_id     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    actor_id    TEXT,
    actor_email TEXT,
    at          BIGINT NOT NULL,
    event       TEXT NOT NULL
);
CREATE INDEX team_audit_by_team ON team_audit (team_id, at DESC, id DESC);
