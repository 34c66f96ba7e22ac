-- The files an administrator uploaded to import (ADR 0012), kept between the dry run they were checked
-- with and the "Import" that confirms it, so the import runs on exactly the files previewed; deleted
-- when imported, or a day after the dry run when never imported. One row per upload: the files' names and text.
CREATE TABLE import_upload (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  files jsonb NOT NULL
);
