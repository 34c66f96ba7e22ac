-- Caseload access (ADR 0014, docs/rules/caseload-access.md): a child's record can be restricted to
-- named people, and anyone else who needs it breaks the glass with a reason, for a few hours.
CREATE TABLE child_restriction (
  child_id uuid PRIMARY KEY REFERENCES child(id),
  reason text NOT NULL,
  restricted_by uuid NOT NULL REFERENCES app_user(id),
  restricted_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE child_restriction_member (
  child_id uuid NOT NULL REFERENCES child_restriction(child_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (child_id, user_id)
);
CREATE INDEX child_restriction_member_user_idx ON child_restriction_member (user_id);

-- "Break the glass": read access to one child for a few hours, with the reason, until a manager has seen it.
CREATE TABLE access_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user(id),
  child_id uuid NOT NULL REFERENCES child(id),
  reason text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  reviewed_by uuid REFERENCES app_user(id),
  reviewed_at timestamptz
);
CREATE INDEX access_grant_user_child_idx ON access_grant (user_id, child_id, expires_at);
CREATE INDEX access_grant_unreviewed_idx ON access_grant (granted_at) WHERE reviewed_at IS NULL;

-- Whose line manager is whom, read up and down the chain on every access decision.
CREATE INDEX IF NOT EXISTS app_user_line_manager_idx ON app_user (line_manager_id);
CREATE INDEX IF NOT EXISTS child_iro_idx ON child (iro_id);
