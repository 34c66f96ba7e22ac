-- Placement endings and the Placement Stability Panel (Placement stability guidance).
--
-- A disruption (ending) meeting about a placement that ended: what happened and the learning, kept
-- for the household and for the child (each shown on their record).
CREATE TABLE ending_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  held_on date NOT NULL,
  chair text NOT NULL,
  attendees text NOT NULL,
  what_happened text NOT NULL,
  learning_for_household text NOT NULL,
  learning_for_child text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX ending_meeting_child_idx ON ending_meeting (child_id);
CREATE INDEX ending_meeting_household_idx ON ending_meeting (household_id);

-- "A child's case must be presented at the Placement Stability Panel if escalation is required to
-- access a service which is considered essential to achieve stability." Sittings (with the Virtual
-- School: "The Virtual School to be included in any placement move discussion; … the Placement
-- Stability Panel"), referrals placed on a sitting's agenda, and the panel's decision on each.
CREATE TABLE stability_panel_sitting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sits_on date NOT NULL,
  members text NOT NULL,
  virtual_school_attendee text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE stability_panel_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  referred_on date NOT NULL,
  reason text NOT NULL,
  service_sought text NOT NULL,
  tried text NOT NULL,
  -- The latest initial support plan version when referred (attached to the referral).
  support_plan_version_id uuid REFERENCES planning_document_version(id),
  referred_by uuid REFERENCES app_user(id),
  referred_by_name text NOT NULL,
  sitting_id uuid REFERENCES stability_panel_sitting(id),
  status text NOT NULL DEFAULT 'referred' CHECK (status IN ('referred', 'on_agenda', 'decided')),
  service_agreed text,
  funded_by text,
  decision text,
  review_on date,
  decided_on date,
  decided_by_name text,
  version integer NOT NULL DEFAULT 1,
  CHECK (status <> 'decided' OR (decision IS NOT NULL AND decided_on IS NOT NULL AND sitting_id IS NOT NULL))
);
CREATE INDEX stability_panel_referral_child_idx ON stability_panel_referral (child_id);
CREATE INDEX stability_panel_referral_sitting_idx ON stability_panel_referral (sitting_id);

-- The panel's actions are the owners' tasks, as the meetings' agreed actions are.
ALTER TABLE placement_task ADD COLUMN panel_referral_id uuid REFERENCES stability_panel_referral(id) ON DELETE CASCADE;
