-- Other names on the child record: the child's nicknames, preferred and previous
-- names, and the names of their parents and other relatives with how each is related to them, so
-- that the anonymised summary sent for a concurrent placement agreement can remove every one of
-- them (the procedure "Concurrent Placement Agreement": "ensuring that every detail is fully
-- anonymised"; docs/rules/anonymised-summary.md).
--
-- Each is a list kept with the child's row and changed with it (under its version):
--   other_names:    [{"name": "Lulu", "kind": "nickname" | "previous" | "other"}, …]
--   family_members: [{"name": "Marguerite Fairweather", "relationship": "mother"}, …]
-- Existing children start with none. Plain ALTER TABLE … ADD COLUMN with a constant default and
-- a CHECK, which PGlite and PostgreSQL both apply in place.
ALTER TABLE child ADD COLUMN other_names jsonb NOT NULL DEFAULT '[]'::jsonb
  CONSTRAINT child_other_names_is_list CHECK (jsonb_typeof(other_names) = 'array');
ALTER TABLE child ADD COLUMN family_members jsonb NOT NULL DEFAULT '[]'::jsonb
  CONSTRAINT child_family_members_is_list CHECK (jsonb_typeof(family_members) = 'array');
