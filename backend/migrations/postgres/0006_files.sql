-- The demo resource behind `files:read` / `files:write`: a few named notes per user, enough to
-- prove that scopes decide what a token may do.
CREATE TABLE files (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    content    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX files_by_user ON files (user_id, created_at);
