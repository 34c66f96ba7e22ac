-- An import job's row is its progress for every process (the one running it refreshes done, total
-- and updated_at as it goes), and the same files are never checked or imported twice at once: at most
-- one running job per upload. Jobs left running by a process that stopped are closed first.
UPDATE import_job SET status = 'failed', error = 'The server stopped while this ran', updated_at = now()
  WHERE status = 'running' AND updated_at < now() - interval '2 minutes';
UPDATE import_job j SET status = 'failed', error = 'The server stopped while this ran', updated_at = now()
  WHERE status = 'running' AND EXISTS (
    SELECT 1 FROM import_job o WHERE o.upload_id = j.upload_id AND o.status = 'running' AND (o.created_at, o.id) > (j.created_at, j.id));
CREATE UNIQUE INDEX import_job_running_upload_idx ON import_job (upload_id) WHERE status = 'running';
