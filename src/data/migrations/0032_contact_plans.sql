-- Concurrent planning: the child's contact with their birth family (Concurrent planning guide,
-- "Concurrent Planning": "The birth family has regular contact with their child … The concurrent
-- carers agree … to take the child to supervised contact sessions on a frequent basis").
--
-- A contact plan per child (how often, who supervises, where, how the child gets there, who
-- attends) and the log of sessions: the day, who attended, the carers' handovers at the start and
-- the end, the supervisor's observations (for the parents' assessment), and for a session that did
-- not take place, whether it was missed or cancelled and by whom. The sessions due under the plan
-- are obligations derived from both tables (src/domain/deadlines/contact-sessions.ts): the
-- triggers below mark the child for a refresh, as migration 0012's do for the other facts.
CREATE TABLE contact_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  starts_on date NOT NULL,
  ends_on date,
  sessions_per_week integer NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 7),
  supervisor text NOT NULL,
  venue text NOT NULL,
  transport text NOT NULL,
  who_attends text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
-- One plan per child: a new arrangement changes the plan (its version), it does not add a second.
CREATE UNIQUE INDEX contact_plan_child_idx ON contact_plan (child_id);

CREATE TABLE contact_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES contact_plan(id) ON DELETE CASCADE,
  session_date date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('took_place', 'missed', 'cancelled')),
  who_attended text NOT NULL DEFAULT '',
  handover_at_start_by_carers boolean,
  handover_at_end_by_carers boolean,
  observations text NOT NULL DEFAULT '',
  cancelled_by text CHECK (cancelled_by IN ('parents', 'carers', 'local_authority', 'supervisor', 'court', 'other')),
  not_held_reason text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((outcome = 'cancelled') = (cancelled_by IS NOT NULL))
);
CREATE INDEX contact_session_child_idx ON contact_session (child_id, session_date);

DO $$
DECLARE
  t text;
  ev text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contact_plan', 'contact_session'] LOOP
    FOREACH ev IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_rows_changed(%L)',
        'obligation_' || t || '_' || lower(ev), ev, t, CASE WHEN ev = 'DELETE' THEN 'OLD' ELSE 'NEW' END, 'child_id');
    END LOOP;
  END LOOP;
END $$;
