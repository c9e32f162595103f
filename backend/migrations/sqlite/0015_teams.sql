-- Teams: several developers manage apps and APIs together, each member with a role
-- ('owner', 'admin', 'developer', 'viewer'; at least one owner per team, kept by the
-- `teams` module's conditional updates).
CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Bumped by every membership change, which also makes it the row those changes lock, so
    -- concurrent demotions of the last two owners are taken one after the other.
    updated_at BIGINT NOT NULL
);

CREATE TABLE team_members (
    team_id  TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_by_user ON team_members (user_id);

-- An app or API owned by a team has its team here (`owner_id` stays the person who registered
-- it); NULL: owned by `owner_id` alone. No cascade: a team that owns something is not deleted.
ALTER TABLE apps ADD COLUMN team_id TEXT REFERENCES teams (id);
CREATE INDEX apps_by_team ON apps (team_id, created_at DESC, client_id DESC);
ALTER TABLE apis ADD COLUMN team_id TEXT REFERENCES teams (id);
CREATE INDEX apis_by_team ON apis (team_id);
