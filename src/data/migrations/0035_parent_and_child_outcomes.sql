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

-- The day the assessment ended with its outcome, for each placement of the arrangement (the child's and,
-- when in care, the parent's own): no further review or review period is due after it. A fact the
-- obligations follow (ADR 0007): its triggers mark the child.
CREATE TABLE parent_child_assessment_end (
  placement_id uuid PRIMARY KEY REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  outcome_id uuid NOT NULL REFERENCES parent_child_outcome(id) ON DELETE CASCADE,
  ended_on date NOT NULL
);
CREATE INDEX parent_child_assessment_end_child_idx ON parent_child_assessment_end (child_id);

DO $$
DECLARE
  ev text;
BEGIN
  FOREACH ev IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER %s ON parent_child_assessment_end REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_rows_changed(%L)',
      'obligation_parent_child_assessment_end_' || lower(ev), ev, CASE WHEN ev = 'DELETE' THEN 'OLD' ELSE 'NEW' END, 'child_id');
  END LOOP;
END $$;
