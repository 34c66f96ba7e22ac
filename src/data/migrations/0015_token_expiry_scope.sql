-- API tokens expire and have a scope. Tokens made before this migration
-- last 90 days from it, as a new token does by default, and keep writing as they could.
ALTER TABLE api_token ADD COLUMN expires_at timestamptz;
UPDATE api_token SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_token ADD COLUMN scope text NOT NULL DEFAULT 'read_write' CHECK (scope IN ('read', 'read_write'));
