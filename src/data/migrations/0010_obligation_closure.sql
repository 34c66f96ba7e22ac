-- A manager closes an open obligation that can no longer be met (for example one missed before the
-- child left care): as missed (it stays in the compliance figures as missed) or as not applicable,
-- with the reason. A fact like any other: the obligations are derived with it.
CREATE TABLE obligation_closure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instance_id text NOT NULL UNIQUE,
  obligation_id text NOT NULL,
  child_id uuid REFERENCES child(id),
  household_id uuid REFERENCES household(id),
  outcome text NOT NULL CHECK (outcome IN ('missed', 'not_applicable')),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  closed_on date NOT NULL,
  closed_by uuid REFERENCES app_user(id),
  closed_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((child_id IS NULL) <> (household_id IS NULL))
);
CREATE INDEX obligation_closure_child_idx ON obligation_closure (child_id) WHERE child_id IS NOT NULL;
CREATE INDEX obligation_closure_household_idx ON obligation_closure (household_id) WHERE household_id IS NOT NULL;
