-- Device authorization requests (RFC 8628): the device polls with its device code (stored as a
-- hash), the person enters the user code (short, unique among live requests) and decides.
-- `status` is pending, approved, denied or redeemed; `interval` grows on `slow_down`.
CREATE TABLE device_codes (
    device_code_hash TEXT PRIMARY KEY,
    user_code        TEXT NOT NULL UNIQUE,
    client_id        TEXT NOT NULL REFERENCES apps (client_id) ON DELETE CASCADE,
    scopes           TEXT NOT NULL,
    resources        TEXT NOT NULL,
    status           TEXT NOT NULL,
    user_id          TEXT REFERENCES users (id) ON DELETE CASCADE,
    auth_time        BIGINT,
    poll_interval    BIGINT NOT NULL,
    last_polled_at   BIGINT,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
CREATE INDEX device_codes_by_expiry ON device_codes (expires_at);
