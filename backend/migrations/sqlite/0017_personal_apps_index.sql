-- A person's own apps (not their teams'), newest first: the "Mine" list and the first part of
-- "what I can see" (`store::app_list`). Partial, so the apps a person registered into a team
-- (which keep `owner_id`) are not walked past to find their own.
CREATE INDEX apps_by_personal_owner ON apps (owner_id, created_at DESC, client_id DESC)
    WHERE team_id IS NULL;
