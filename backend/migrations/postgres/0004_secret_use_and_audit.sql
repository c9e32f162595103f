-- When a secret first authenticated: an older secret not used since the newest one's first
-- use is safe to revoke.
ALTER TABLE client_secrets ADD COLUMN first_used_at BIGINT;

-- The audit log outlives the app it describes (no foreign key), so "app deleted" stays on
-- record. `event` is the JSON of shared::api::AuditEvent, which cannot hold a secret.
CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    actor_id    TEXT,
    actor_email TEXT,
    ip          TEXT,
    at          BIGINT NOT NULL,
    event       TEXT NOT NULL
);
CREATE INDEX audit_events_by_app ON audit_events (client_id, at DESC, id DESC);
