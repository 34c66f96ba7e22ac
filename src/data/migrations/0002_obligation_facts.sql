-- Facts the statutory obligations are derived from (src/domain/deadlines): what happened for a
-- child (plans, meetings, visits, reviews, agreements…) and for a household (carer reviews), each
-- recorded with who recorded it, when, and the evidence; and the placement details that change
-- which rules apply.

CREATE TABLE child_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN (
    'placement_plan_completed', 'care_plan_completed', 'ppm_held', 'notification_sent', 'visit',
    'review_held', 'agreement_recorded', 'delegated_authority_reviewed', 'support_plan_completed',
    'parent_and_child_review_held')),
  event_date date NOT NULL,
  placement_id uuid REFERENCES placement(id) ON DELETE CASCADE,
  about_child_id uuid REFERENCES child(id) ON DELETE CASCADE,
  period_ends_on date,
  evidence text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX child_event_child_idx ON child_event (child_id, event_date);

CREATE TABLE household_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('carer_review_held', 'terms_of_approval_changed')),
  event_date date NOT NULL,
  placement_id uuid REFERENCES placement(id) ON DELETE CASCADE,
  evidence text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX household_event_household_idx ON household_event (household_id, event_date);

ALTER TABLE placement
  ADD COLUMN kind text CHECK (kind IN ('emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child', 'fostering_for_adoption')),
  ADD COLUMN emergency boolean NOT NULL DEFAULT false,
  ADD COLUMN outside_terms_of_approval boolean NOT NULL DEFAULT false,
  ADD COLUMN intended_until_18 boolean NOT NULL DEFAULT false,
  ADD COLUMN connected_person boolean NOT NULL DEFAULT false,
  ADD COLUMN six_monthly_visits_agreed boolean NOT NULL DEFAULT false,
  ADD COLUMN assessment_period_ends_on date;

ALTER TABLE child
  ADD COLUMN court_care_plan boolean NOT NULL DEFAULT false,
  ADD COLUMN iro_id uuid REFERENCES app_user(id);
CREATE INDEX child_iro_idx ON child (iro_id);
CREATE INDEX placement_household_start_idx ON placement (household_id, start_date);
