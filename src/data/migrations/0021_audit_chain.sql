-- Tamper-evident audit (ADR 0011): every audit row is a link of a hash chain, the service's own
-- database role may only insert and read it, and each row names the children whose data it showed.

-- The chain: `seq` is the row's place in it (1, 2, 3 … with no gaps), `prev_hash` the hash of the row
-- before (64 zeros for the first), `hash` the SHA-256 of the row's canonical content including both
-- (src/data/audit-chain.ts). Rows are appended one transaction at a time under an advisory lock.
ALTER TABLE audit_event
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text,
  -- The children whose data the answer showed (a list names every child on it): "who has seen this
  -- child" is then one indexed query (GIN) whatever the record the row is about.
  ADD COLUMN child_ids uuid[] NOT NULL DEFAULT '{}';

CREATE UNIQUE INDEX audit_event_seq_idx ON audit_event (seq);
CREATE INDEX audit_event_child_ids_idx ON audit_event USING gin (child_ids);
-- Rows written before the chain existed: chained once, in id order, by the migration runner
-- (src/data/migrate.ts), which looks for them through this small index at every start.
CREATE INDEX audit_event_unchained_idx ON audit_event (id) WHERE hash IS NULL;
-- Every row written from now on is chained (the rows from before are checked by audit:verify).
ALTER TABLE audit_event ADD CONSTRAINT audit_event_chained
  CHECK (seq IS NOT NULL AND seq > 0 AND prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$') NOT VALID;

-- The service's own role (DATABASE_URL, when MIGRATION_DATABASE_URL names another, owning role):
-- reads and writes the records, but only inserts and reads the audit log and only reads the
-- migrations' record. It owns nothing, so it cannot alter or disable the audit triggers, and it is
-- not a superuser, so it cannot set session_replication_role. The migration runner calls this after
-- every run, so tables added by later migrations are granted too.
CREATE FUNCTION hearth_grant_runtime(runtime name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t record;
  owner_role name;
BEGIN
  SELECT pg_get_userbyid(relowner) INTO owner_role FROM pg_class WHERE oid = 'audit_event'::regclass;
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = runtime) THEN
    RAISE EXCEPTION 'the service''s database role % is a superuser: give it a role of its own (README, Security)', runtime;
  END IF;
  IF pg_has_role(runtime, owner_role, 'MEMBER') THEN
    RAISE EXCEPTION 'the service''s database role % is (or is a member of) %, which owns the tables: give it a role of its own (README, Security)', runtime, owner_role;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), runtime);
  FOR t IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')
  LOOP
    EXECUTE format('REVOKE ALL ON %I FROM %I', t.relname, runtime);
    IF t.relname = 'audit_event' THEN
      EXECUTE format('GRANT SELECT, INSERT ON %I TO %I', t.relname, runtime);
    ELSIF t.relname = 'schema_migration' OR t.relkind IN ('v', 'm') THEN
      EXECUTE format('GRANT SELECT ON %I TO %I', t.relname, runtime);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON %I TO %I', t.relname, runtime);
    END IF;
  END LOOP;
  -- nextval for identity and serial columns; setval needs UPDATE, which it is not given.
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), runtime);
END;
$$;
REVOKE ALL ON FUNCTION hearth_grant_runtime(name) FROM PUBLIC;
