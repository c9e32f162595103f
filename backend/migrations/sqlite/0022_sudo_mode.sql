-- Sudo mode (issue 20, item 4): sensitive actions need a session that authenticated recently.
--
-- `authenticated_at` is when the session's person last proved who they are: set when the
-- session starts, and again when they re-authenticate (`POST /api/v1/session/reauthenticate`).
-- Sessions from before count from when they started.
ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET authenticated_at = created_at;

-- The account's own log shows from which browser each entry came: the acting session's
-- User-Agent label (already cut to 256 characters when the session started). Older entries
-- have none.
ALTER TABLE account_audit ADD COLUMN user_agent TEXT;
