-- Each child's periods of care in one row, kept by triggers on legal_status, so that "Children in
-- care" (the children list's default view; leftCareBy, src/domain/records/child.ts) is a test of one
-- row a child rather than two lookups of the child's legal statuses. At 100,000 children the count
-- behind the list's total looked up every child's statuses one child at a time (155,573 lookups,
-- 250-430 ms a page, more under load); it now reads this table once.
--
-- first_start: the earliest day a legal status of the child begins (none: no status recorded).
-- periods:     the days some status is in force, [start_date, end_date) for each, merged; a status
--              ending the day it starts is in force on no day (inCareOn).
-- A child has left care by a day when a status had begun by then and none is in force that day:
--   first_start <= day AND NOT periods @> day
CREATE TABLE child_care_summary (
  child_id uuid PRIMARY KEY REFERENCES child(id) ON DELETE CASCADE,
  first_start date,
  periods datemultirange NOT NULL DEFAULT '{}'
);

-- The summary of some children worked out again from their legal statuses (children that no longer
-- exist, deleted with their statuses, are left out).
CREATE FUNCTION child_care_summarise(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO child_care_summary (child_id, first_start, periods)
    SELECT c.id, min(ls.start_date),
      coalesce(range_agg(daterange(ls.start_date, ls.end_date)) FILTER (WHERE ls.id IS NOT NULL), '{}')
    FROM child c LEFT JOIN legal_status ls ON ls.child_id = c.id
    WHERE c.id = ANY (ids)
    GROUP BY c.id
  ON CONFLICT (child_id) DO UPDATE SET first_start = excluded.first_start, periods = excluded.periods;
$$;

CREATE FUNCTION child_care_statuses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM child_care_summarise(ARRAY(SELECT DISTINCT child_id FROM changed_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER child_care_legal_status_insert AFTER INSERT ON legal_status REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION child_care_statuses_changed();
CREATE TRIGGER child_care_legal_status_update AFTER UPDATE ON legal_status REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION child_care_statuses_changed();
CREATE TRIGGER child_care_legal_status_update_old AFTER UPDATE ON legal_status REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION child_care_statuses_changed();
CREATE TRIGGER child_care_legal_status_delete AFTER DELETE ON legal_status REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION child_care_statuses_changed();

-- Every child with a legal status, as the triggers would have kept them.
INSERT INTO child_care_summary (child_id, first_start, periods)
  SELECT child_id, min(start_date), range_agg(daterange(start_date, end_date))
  FROM legal_status GROUP BY child_id;
