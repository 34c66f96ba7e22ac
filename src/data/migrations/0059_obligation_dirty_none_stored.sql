-- A full rebuild empties the stored obligations (TRUNCATE) and marks every source in the same
-- transaction, so the first refresh of each has nothing of its own to delete. Deleting anyway cost
-- a plan per batch against a table whose statistics were those of before the TRUNCATE: at 100,000
-- children, with the index by source_id alone (migration 0058), PostgreSQL chose to scan the whole
-- growing table, 912 s of a 421 s rebuild's database time. A source marked by the rebuild says so
-- here and its refresh skips the delete; one marked by a change (the triggers, which leave this
-- false) is deleted as before, also when the rebuild had already refreshed it.
ALTER TABLE obligation_dirty ADD COLUMN none_stored boolean NOT NULL DEFAULT false;
