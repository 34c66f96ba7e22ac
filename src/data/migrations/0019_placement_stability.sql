-- Placement stability (Placement stability guidance, "Placements are ended in a planned way…"):
-- concerns that a placement may be becoming unstable, and the Placement Support Meetings they start.
--
-- A concern is recorded as a `placement_concern` child event (the fact the obligation is derived
-- from: the child_event triggers of migration 0012 already mark the child for a refresh, and a
-- correction of its date through the events page moves the meeting's due date) with its details in
-- `placement_concern`, which obligations do not read. Each Placement Support Meeting held is one
-- completed version of the placement's `psm` planning record and records a `psm_held` event.

ALTER TABLE child_event DROP CONSTRAINT child_event_kind_check;
ALTER TABLE child_event ADD CONSTRAINT child_event_kind_check CHECK (kind IN (
  'placement_plan_completed', 'care_plan_completed', 'ppm_held', 'notification_sent', 'visit',
  'review_held', 'agreement_recorded', 'delegated_authority_reviewed', 'support_plan_completed',
  'parent_and_child_review_held', 'risk_assessment_completed', 'carer_profile_shared',
  'placement_concern', 'psm_held'));

ALTER TABLE planning_document DROP CONSTRAINT planning_document_kind_check;
ALTER TABLE planning_document ADD CONSTRAINT planning_document_kind_check CHECK (kind IN (
  'carer_profile', 'introductions', 'ppm', 'placement_plan', 'care_plan', 'risk_assessment',
  'delegated_authority', 'support_plan', 'psm'));

-- For a Placement Support Meeting's version: the initial support plan version reviewed at it.
ALTER TABLE planning_document_version ADD COLUMN reviewed_version_id uuid REFERENCES planning_document_version(id);
CREATE UNIQUE INDEX planning_document_version_reviewed_idx ON planning_document_version (reviewed_version_id) WHERE reviewed_version_id IS NOT NULL;

CREATE TABLE placement_concern (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  -- The event that starts the obligation; its date is the day the concern was raised.
  event_id uuid NOT NULL UNIQUE REFERENCES child_event(id) ON DELETE CASCADE,
  what_was_seen text NOT NULL,
  raised_by_role text NOT NULL CHECK (raised_by_role IN (
    'childs_social_worker', 'supervising_social_worker', 'foster_carer', 'iro', 'team_manager',
    'head_of_service', 'virtual_school', 'other')),
  raised_by_name text NOT NULL,
  seriousness text NOT NULL CHECK (seriousness IN ('low', 'medium', 'high')),
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX placement_concern_placement_idx ON placement_concern (placement_id);
CREATE INDEX placement_concern_child_idx ON placement_concern (child_id);
