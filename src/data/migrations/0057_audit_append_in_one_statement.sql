-- The audit chain's append in one statement (ADR 0011, addendum of 7 December 2026). A transaction
-- appended its audit rows in four round trips while holding the chain's lock (take the lock, read the
-- head, hash in Node, insert), then committed: with the server's event loop busy drawing pages, every
-- round trip waited for it, and under 20 users the lock was most of the database's time
-- (pg_advisory_xact_lock: 14 ms a call on average, 72% of all statement time). Now one call takes
-- the lock, reads the head (a new statement inside the function: under READ COMMITTED it sees the
-- last holder's committed row), hashes and inserts.
--
-- The hash of a row written this way (hash_format 2) is the SHA-256, in hex, of
--   'hearth-audit-2' LF seq LF prev_hash LF at LF content
-- where `at` is the transaction's time as src/data/audit-chain.ts formats it and `content` the RFC
-- 8785 canonical JSON of the row's other fields, made in Node before the lock (canonicalContentV2).
-- Rows written before keep hash_format 1 (the canonical JSON of every field, seq, prev_hash and at
-- included); audit:verify recomputes each by its own format.
ALTER TABLE audit_event ADD COLUMN hash_format smallint NOT NULL DEFAULT 1;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_hash_format CHECK (hash_format IN (1, 2));

-- `rows`: a JSON array of {actorUserId, actorLabel, action, subjectType, subjectId, correlationId,
-- details, childIds, content}, details and childIds already normalised as the hash has them.
CREATE FUNCTION hearth_audit_append(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  at_text text;
  r jsonb;
  h text;
BEGIN
  PERFORM pg_advisory_xact_lock(727275);
  SELECT seq, hash INTO head_seq, head_hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, repeat('0', 64));
  at_text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  FOR r IN SELECT value FROM jsonb_array_elements(rows) LOOP
    head_seq := head_seq + 1;
    h := encode(sha256(convert_to('hearth-audit-2' || chr(10) || head_seq::text || chr(10) || head_hash || chr(10) || at_text || chr(10) || (r->>'content'), 'UTF8')), 'hex');
    INSERT INTO audit_event (at, actor_user_id, actor_label, action, subject_type, subject_id, correlation_id, details, child_ids, seq, prev_hash, hash, hash_format)
    VALUES (
      at_text::timestamptz, (r->>'actorUserId')::uuid, r->>'actorLabel', r->>'action', r->>'subjectType', r->>'subjectId', r->>'correlationId',
      r->'details', ARRAY(SELECT e FROM jsonb_array_elements_text(r->'childIds') WITH ORDINALITY AS t(e, n) ORDER BY n)::uuid[], head_seq, head_hash, h, 2);
    head_hash := h;
  END LOOP;
END;
$$;
