-- An import (its dry run or the real run) runs in the background: the page and the API start it and
-- read its progress and, once finished, its report from here.
CREATE TABLE import_job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The files (import_upload), forgotten once imported; not a foreign key, so the job outlives them.
  upload_id uuid NOT NULL,
  dry_run boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  report jsonb,
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_job_upload_idx ON import_job (upload_id);
