-- Clients met through their Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-
-- document): the client id is the HTTPS URL of the document. Each is an app of the account
-- `usr_self_registered` whose `client_id` is that URL and whose `registration` is 'document'
-- (so codes, tokens and consents work as for any app); this table says where and when it was
-- met and whether an administrator blocked it. `id` names it in the console API.
CREATE TABLE client_documents (
    id            TEXT PRIMARY KEY,
    client_id     TEXT NOT NULL UNIQUE REFERENCES apps (client_id) ON DELETE CASCADE,
    host          TEXT NOT NULL,
    first_used_at BIGINT NOT NULL,
    last_used_at  BIGINT NOT NULL,
    blocked_at    BIGINT
);
CREATE INDEX client_documents_by_last_use ON client_documents (last_used_at DESC, id DESC);
