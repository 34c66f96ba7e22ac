-- Children imported from an SSDA903 return: the return holds no names, so an imported child is
-- named "Child <CHILD>" until a person (or the children's details file) records their name.
-- false: the name shown is that placeholder; the child's page and lists say "Name not yet recorded"
-- and the child is on the allocated social worker's (or, without one, the administrators') queue.
ALTER TABLE child ADD COLUMN name_recorded boolean NOT NULL DEFAULT true;
CREATE INDEX child_name_not_recorded_idx ON child (social_worker_id) WHERE NOT name_recorded;
-- Children imported before this column existed still carry the placeholder.
UPDATE child SET name_recorded = false WHERE imported_on IS NOT NULL AND first_name = 'Child' AND last_name = reference;
