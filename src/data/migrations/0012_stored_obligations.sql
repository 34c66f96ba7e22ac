-- Obligations are kept, not re-derived on every page (ADR 0007). The pure derivation in
-- src/domain/deadlines decides them; the result is stored here per source (a child's facts or a
-- household's facts) and refreshed for exactly the sources a change touches.
CREATE TABLE obligation (
  id text PRIMARY KEY,
  source_type text NOT NULL CHECK (source_type IN ('child', 'household')),
  source_id uuid NOT NULL,
  obligation_id text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  sequence text NOT NULL,
  child_id uuid,
  started_on date NOT NULL,
  due_on date NOT NULL,
  completed_on date,
  not_applicable_reason text,
  missed_reason text,
  explanation text NOT NULL
);
CREATE INDEX obligation_source_idx ON obligation (source_type, source_id);
CREATE INDEX obligation_child_idx ON obligation (child_id);
CREATE INDEX obligation_open_due_idx ON obligation (due_on) WHERE completed_on IS NULL AND not_applicable_reason IS NULL AND missed_reason IS NULL;

-- Sources whose obligations cannot be worked out (dates outside the bank-holiday data), and why.
CREATE TABLE obligation_not_computed (
  source_type text NOT NULL,
  source_id uuid NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (source_type, source_id)
);

-- The durable queue: a source is marked here, by triggers, in the same transaction as any change to
-- a fact its obligations follow from. Nothing can change a fact without marking it.
CREATE TABLE obligation_dirty (
  source_type text NOT NULL CHECK (source_type IN ('child', 'household')),
  source_id uuid NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_type, source_id)
);

-- What the stored rows were derived with: a change of rules or bank-holiday data means a rebuild.
CREATE TABLE obligation_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  rules_version text NOT NULL,
  rebuilt_at timestamptz NOT NULL DEFAULT now()
);

-- The triggers are per statement, reading the rows a statement changed (transition tables): a bulk
-- load marks each source once, not once per row.
CREATE FUNCTION obligation_mark_children(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO obligation_dirty (source_type, source_id)
    SELECT DISTINCT 'child', x FROM unnest(ids) AS x WHERE x IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;

-- A household's placements change the obligations of every child placed there (who is already
-- placed when another arrives; who supervises them) and of the household itself.
CREATE FUNCTION obligation_mark_households(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO obligation_dirty (source_type, source_id)
    SELECT DISTINCT 'household', x FROM unnest(ids) AS x WHERE x IS NOT NULL
  ON CONFLICT DO NOTHING;
  INSERT INTO obligation_dirty (source_type, source_id)
    SELECT DISTINCT 'child', p.child_id FROM placement p WHERE p.household_id = ANY (ids)
  ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION obligation_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  children uuid[] := '{}';
  households uuid[] := '{}';
  household_facts uuid[] := '{}';
BEGIN
  -- TG_ARGV[0]: which column names the source. changed_rows: the statement's new or old rows.
  IF TG_ARGV[0] = 'child.id' THEN
    SELECT coalesce(array_agg(id), '{}') INTO children FROM changed_rows;
  ELSIF TG_ARGV[0] = 'child_id' THEN
    SELECT coalesce(array_agg(child_id), '{}') INTO children FROM changed_rows;
  ELSIF TG_ARGV[0] = 'household.id' THEN
    SELECT coalesce(array_agg(id), '{}') INTO households FROM changed_rows;
  ELSIF TG_ARGV[0] = 'household_id' THEN
    SELECT coalesce(array_agg(household_id), '{}') INTO household_facts FROM changed_rows;
  ELSIF TG_ARGV[0] = 'placement' THEN
    SELECT coalesce(array_agg(child_id), '{}'), coalesce(array_agg(household_id), '{}') INTO children, households FROM changed_rows;
  ELSIF TG_ARGV[0] = 'closure' THEN
    SELECT coalesce(array_agg(child_id), '{}'), coalesce(array_agg(household_id), '{}') INTO children, household_facts FROM changed_rows;
  END IF;
  PERFORM obligation_mark_children(children);
  PERFORM obligation_mark_households(households);
  INSERT INTO obligation_dirty (source_type, source_id)
    SELECT DISTINCT 'household', x FROM unnest(household_facts) AS x WHERE x IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- One trigger per table and kind of change (a trigger with a transition table has one event).
DO $$
DECLARE
  t record;
  ev text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('child', 'child.id'), ('legal_status', 'child_id'), ('child_event', 'child_id'),
    ('household', 'household.id'), ('household_event', 'household_id'),
    ('placement', 'placement'), ('obligation_closure', 'closure')) AS v(tbl, arg)
  LOOP
    FOREACH ev IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format(
        'CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_rows_changed(%L)',
        'obligation_' || t.tbl || '_' || lower(ev), ev, t.tbl, CASE WHEN ev = 'DELETE' THEN 'OLD' ELSE 'NEW' END, t.arg);
    END LOOP;
    -- An update that moves a row (a placement to another household, an event to another child) marks
    -- where it was too.
    EXECUTE format(
      'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION obligation_rows_changed(%L)',
      'obligation_' || t.tbl || '_update_old', t.tbl, t.arg);
  END LOOP;
END $$;

-- Everything recorded before this migration is derived once, by the first read or the start-up drain.
INSERT INTO obligation_dirty (source_type, source_id) SELECT 'child', id FROM child ON CONFLICT DO NOTHING;
INSERT INTO obligation_dirty (source_type, source_id) SELECT 'household', id FROM household ON CONFLICT DO NOTHING;
