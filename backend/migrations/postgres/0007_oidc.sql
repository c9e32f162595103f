-- Signing keys for ID tokens and JWT access tokens. At most one current key per algorithm;
-- a retired key stays published in the JWKS until every token it signed has expired.
CREATE TABLE signing_keys (
    kid          TEXT PRIMARY KEY,
    alg          TEXT NOT NULL,
    private_der  BYTEA NOT NULL,
    public_jwk   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    retired_at   BIGINT
);
-- Two nodes starting together cannot both create a current key for one algorithm.
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys (alg) WHERE retired_at IS NULL;

-- How the app's ID tokens are signed (OpenID Connect Registration `id_token_signed_response_alg`).
ALTER TABLE apps ADD COLUMN id_token_alg TEXT NOT NULL DEFAULT 'RS256';
