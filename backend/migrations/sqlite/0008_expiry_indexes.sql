-- Expired rows are deleted in small batches (store/prune.rs); these indexes let each batch
-- find its rows without scanning the table while it holds the write lock.
CREATE INDEX tokens_by_expiry ON tokens (expires_at);
CREATE INDEX authorization_codes_by_expiry ON authorization_codes (expires_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
