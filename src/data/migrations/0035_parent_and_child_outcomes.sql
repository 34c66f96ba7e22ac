-- Parent and child fostering: the outcome of the placement (Parent and child fostering procedure,
-- 7.1 to 7.5), recorded once per placement, with what it set in motion: the legal status it implies,
-- the placement request for a child who must be placed elsewhere, the referral for ongoing support.
CREATE TABLE parent_child_outcome (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL UNIQUE REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  review_id uuid REFERENCES parent_child_review(id) ON DELETE SET NULL,
  outcome text NOT NULL CHECK (outcome IN ('successful', 'unsuccessful')),
  decided_on date NOT NULL,
  -- What was recorded (future family life plan, Step Up, Step Down, Step Across referral, the
  -- parent's route, services engaged, s20 agreement or court order) and the changes it implied.
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  changes jsonb NOT NULL DEFAULT '[]'::jsonb,
  placement_request_id uuid REFERENCES placement_request(id) ON DELETE SET NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parent_child_outcome_child_idx ON parent_child_outcome (child_id);
