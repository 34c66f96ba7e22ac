-- Importing an authority's records from its SSDA903 return and carers' register (ADR 0012,
-- docs/rules/imported-history.md).
--
-- child.imported_on: the day the child's records were imported; obligations that fell due before it
-- do not apply. history_start_on / history_start_rne: the first episode imported continued a period
-- of care that began before the earliest file; its DECOM and RNE, so the return repeats them.
ALTER TABLE child ADD COLUMN imported_on date;
ALTER TABLE child ADD COLUMN history_start_on date;
ALTER TABLE child ADD COLUMN history_start_rne text CHECK (history_start_rne IN ('S', 'L', 'P', 'T', 'B', 'U'));

-- placement.imported_on: the placement came from a return; its PLACE_PROVIDER, URN and PL_POST
-- (pl_post) are kept as returned, never derived from the household.
ALTER TABLE placement ADD COLUMN imported_on date;
ALTER TABLE placement ADD COLUMN pl_post text;

-- The SW_REASON of the first imported social worker episode, when the one before it was not imported.
ALTER TABLE social_worker_episode ADD COLUMN start_reason text;

-- A household kept for imported placements whose carers could not be matched to the carers'
-- register: listed for a person to link each placement to the right household.
ALTER TABLE household ADD COLUMN not_known boolean NOT NULL DEFAULT false;
CREATE INDEX household_not_known_idx ON household (id) WHERE not_known;
