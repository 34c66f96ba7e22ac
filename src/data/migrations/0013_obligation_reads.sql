-- Lists and compliance figures are read from the stored obligations in SQL (ADR 0007): each row
-- keeps the role responsible for it (from its rule) and the household it concerns (the household
-- itself, or the placement's), so that who is responsible and their team are a join away and follow
-- a re-allocation at once, without deriving anything again.
DELETE FROM obligation;
DELETE FROM obligation_not_computed;
ALTER TABLE obligation ADD COLUMN responsible_role text NOT NULL;
ALTER TABLE obligation ADD COLUMN household_id uuid;

-- At the scale of a large authority (millions of rows), writing the stored obligations costs more
-- than deriving them. They are derived data, kept again from the facts at any time, so:
--  * the tables are not written to the write-ahead log (UNLOGGED). After a crash PostgreSQL empties
--    them, and the server, finding them empty while there are children, rebuilds them
--    (services/obligations.ts ensureRulesCurrent) before it listens;
--  * no primary key on the long text id (unique by construction, checked by the derivation; rows are
--    found by child, household and source).
ALTER TABLE obligation DROP CONSTRAINT obligation_pkey;
ALTER TABLE obligation SET UNLOGGED;
ALTER TABLE obligation_not_computed SET UNLOGGED;
CREATE INDEX obligation_household_idx ON obligation (household_id);
-- The missed obligations, for the dashboard's list (few among millions).
CREATE INDEX obligation_missed_idx ON obligation (due_on) WHERE not_applicable_reason IS NULL AND missed_reason IS NOT NULL;
-- The queue is taken oldest first, a batch at a time: without this each batch sorted the whole queue.
CREATE INDEX obligation_dirty_marked_idx ON obligation_dirty (marked_at);

-- Every stored row was just removed: derive them all again (the start-up drain or the first read).
INSERT INTO obligation_dirty (source_type, source_id) SELECT 'child', id FROM child ON CONFLICT DO NOTHING;
INSERT INTO obligation_dirty (source_type, source_id) SELECT 'household', id FROM household ON CONFLICT DO NOTHING;

-- Every due date, for the compliance figures over a period; and the open obligations in the order
-- lists show them (soonest due first, then by id), so that the first page of an overdue list reads
-- only its own rows.
DROP INDEX obligation_open_due_idx;
CREATE INDEX obligation_due_idx ON obligation (due_on);
CREATE INDEX obligation_open_order_idx ON obligation (due_on, id COLLATE "C") WHERE not_applicable_reason IS NULL AND missed_reason IS NULL AND completed_on IS NULL;
