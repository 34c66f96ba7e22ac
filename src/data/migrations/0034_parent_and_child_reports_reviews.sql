-- Parent and child fostering: the carers' reporting schedule set by the placement plan, the carers'
-- reports received and read, and the records of the placement reviews of the assessment period
-- (Parent and child fostering procedure, 5.1 to 5.3).

-- The schedule the latest completed parent-and-child placement plan sets (5.1: the carers' remit and
-- responsibilities for reporting). Kept from the plan's content, so that the obligations (each report
-- due, received and read) are derived from a fact, like every other.
CREATE TABLE parent_child_report_schedule (
  placement_id uuid PRIMARY KEY REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly')),
  first_due_on date NOT NULL,
  plan_version_id uuid REFERENCES planning_document_version(id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One carers' report: which report due it answers, when it was received, from whom, what it says, and
-- when the child's social worker read it.
CREATE TABLE parent_child_carer_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  due_on date NOT NULL,
  received_on date NOT NULL,
  received_from text NOT NULL CHECK (length(btrim(received_from)) > 0),
  summary text NOT NULL CHECK (length(btrim(summary)) > 0),
  read_on date,
  read_by uuid REFERENCES app_user(id),
  recorded_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (placement_id, due_on),
  CHECK (read_on IS NULL OR read_on >= received_on)
);
CREATE INDEX parent_child_carer_report_child_idx ON parent_child_carer_report (child_id);

-- A placement review of the assessment period (5.2, 5.3): who attended, progress against each
-- capability in the plan, the carers' reports considered and the decision. Recording it records the
-- event parent_and_child_review_held (with the new end of the review period when it extends).
CREATE TABLE parent_child_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  held_on date NOT NULL,
  attendees jsonb NOT NULL DEFAULT '[]'::jsonb,
  progress jsonb NOT NULL DEFAULT '[]'::jsonb,
  decision text NOT NULL CHECK (decision IN ('extend', 'end_successful', 'end_unsuccessful')),
  period_ends_on date,
  reasons text NOT NULL CHECK (length(btrim(reasons)) > 0),
  event_id uuid REFERENCES child_event(id) ON DELETE SET NULL,
  document_id uuid REFERENCES child_document(id) ON DELETE SET NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((decision = 'extend') = (period_ends_on IS NOT NULL)),
  CHECK (period_ends_on IS NULL OR period_ends_on > held_on)
);
CREATE INDEX parent_child_review_placement_idx ON parent_child_review (placement_id, held_on);

-- The carers' reports a review considered.
CREATE TABLE parent_child_review_report (
  review_id uuid NOT NULL REFERENCES parent_child_review(id) ON DELETE CASCADE,
  report_id uuid NOT NULL REFERENCES parent_child_carer_report(id) ON DELETE CASCADE,
  PRIMARY KEY (review_id, report_id)
);

-- The schedule and the reports are facts the obligations follow (ADR 0007): mark the child.
DO $$
DECLARE
  t text;
  ev text;
BEGIN
  FOREACH t IN ARRAY ARRAY['parent_child_report_schedule', 'parent_child_carer_report'] LOOP
    FOREACH ev IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_rows_changed(%L)',
        'obligation_' || t || '_' || lower(ev), ev, t, CASE WHEN ev = 'DELETE' THEN 'OLD' ELSE 'NEW' END, 'child_id');
    END LOOP;
  END LOOP;
END $$;
