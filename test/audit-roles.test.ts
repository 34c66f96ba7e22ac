/**
 * The service's own database role cannot change the audit log (ADR 0011), on PostgreSQL (skipped on
 * the embedded database, which has one user). Migrations run as an owning role
 * (MIGRATION_DATABASE_URL); the service (DATABASE_URL) connects as another, which may insert and read
 * audit rows but is refused UPDATE, DELETE, TRUNCATE, disabling the trigger and replica mode; and
 * `audit:verify` catches a row the owner edits. The two roles are made here, idempotently, with the
 * server's superuser (as CI's trust-authenticated `postgres`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, openDatabase } from '../src/data/db.ts';
import { openMigratedDatabase, runMigrations } from '../src/data/migrate.ts';
import { verifyAuditChain } from '../src/audit/verify.ts';
import { loadDemoDataIfEmpty } from '../src/demo/load-if-empty.ts';
import { organisation } from '../src/data/schema.ts';
import { writeAudit } from '../src/audit/writer.ts';

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const OWNER = 'hearth_test_owner';
const RUNTIME = 'hearth_test_runtime';

function urlFor(role: string, dbName: string): string {
  const url = new URL(serverUrl!);
  url.username = role;
  url.password = '';
  url.pathname = `/${dbName}`;
  return url.toString();
}

async function asSuperuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a login role unless it exists (test files may run side by side). */
async function ensureRole(c: pg.Client, role: string, extra: string): Promise<void> {
  await c.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN ${extra}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
}

test('the runtime role only inserts and reads audit rows; verify catches what the owner edits', { skip: serverUrl ? false : 'needs PostgreSQL (DATABASE_URL)' }, async () => {
  const dbName = `hearth_t_${crypto.randomBytes(6).toString('hex')}`;
  await asSuperuser(async (c) => {
    await ensureRole(c, OWNER, 'NOSUPERUSER NOCREATEROLE');
    await ensureRole(c, RUNTIME, 'NOSUPERUSER NOCREATEROLE NOINHERIT');
    await c.query(`CREATE DATABASE ${dbName} OWNER ${OWNER}`);
  });
  const ownerUrl = urlFor(OWNER, dbName);
  const runtimeUrl = urlFor(RUNTIME, dbName);
  const database = await openMigratedDatabase({ databaseUrl: runtimeUrl, migrationDatabaseUrl: ownerUrl });
  const runtime = new pg.Client({ connectionString: runtimeUrl });
  await runtime.connect();
  try {
    // The service works as the runtime role: it loads a small demo authority (records, obligations,
    // documents, audit rows) and changes a record.
    const demo = await loadDemoDataIfEmpty(database, { children: 6, env: 'test' });
    assert.ok(demo && demo.children > 0);
    const [la] = await database.db.insert(organisation).values({ kind: 'local_authority', name: 'Testshire', laCode: '992' }).returning();
    assert.ok(la);
    await database.db.update(organisation).set({ name: 'Testshire County Council' }).where(sql`id = ${la.id}`);
    for (let i = 0; i < 3; i++) await database.db.transaction((tx) => writeAudit(tx, { actor: null, correlationId: 'roles-test' }, { action: 'organisation.updated', subjectType: 'organisation', subjectId: la.id, details: { i } }));
    const [{ n: written } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_event`);
    assert.ok(written >= 4);
    const [who] = await queryRows<{ role: string }>(database.db, sql`select current_user as role`);
    assert.equal(who?.role, RUNTIME);

    // Every way of changing or hiding audit rows is refused to it.
    const refused: [string, RegExp][] = [
      ['UPDATE audit_event SET actor_label = \'someone else\'', /permission denied for table audit_event/],
      ['DELETE FROM audit_event', /permission denied for table audit_event/],
      ['TRUNCATE audit_event', /permission denied for table audit_event/],
      ['ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update', /must be owner of table audit_event/],
      ['ALTER TABLE audit_event DISABLE TRIGGER ALL', /must be owner of table audit_event/],
      ['DROP TRIGGER audit_event_no_update ON audit_event', /must be owner of (table|relation) audit_event/],
      ['SET session_replication_role = replica', /permission denied to set parameter "session_replication_role"/],
      ['SET LOCAL session_replication_role = replica', /permission denied to set parameter "session_replication_role"/],
      [`SET ROLE ${OWNER}`, /permission denied to set role/],
      ['CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$', /must be owner of function audit_event_append_only|permission denied for schema public/],
      [`SELECT setval(pg_get_serial_sequence('audit_event', 'id'), 1)`, /permission denied for sequence/],
    ];
    for (const [statement, message] of refused) {
      await assert.rejects(runtime.query(statement), (err: Error & { code?: string }) => {
        assert.match(err.message, message, statement);
        assert.equal(err.code, '42501', `${statement}: insufficient privilege`);
        return true;
      });
    }
    const [count] = (await runtime.query<{ n: number }>('select count(*)::int as n from audit_event')).rows;
    assert.equal(count?.n, written, 'it reads the audit rows, and none was changed or removed');
    assert.equal((await verifyAuditChain(database.db)).intact, true);

    // The owner can still edit a row (setting the trigger aside): verify, run as the runtime role, names it.
    const owner = await openDatabase({ databaseUrl: ownerUrl });
    try {
      const [row] = await queryRows<{ id: string | number }>(owner.db, sql`select id from audit_event where seq = ${written - 1}`);
      assert.ok(row);
      await owner.exec(`BEGIN; ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; UPDATE audit_event SET details = '{"i": 7}' WHERE id = ${Number(row.id)}; ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update; COMMIT;`);
      const report = await verifyAuditChain(database.db);
      assert.equal(report.intact, false);
      assert.equal(!report.intact && report.broken.rowId, Number(row.id));
      assert.match(!report.intact ? report.broken.problem : '', /was changed after it was written/);

      // The grants refuse a role that could undo them: the owner itself, or a superuser.
      await assert.rejects(runMigrations(owner, { grantTo: OWNER }), /owns the tables/);
      await assert.rejects(runMigrations(owner, { grantTo: 'postgres' }), /is a superuser/);
    } finally {
      await owner.close();
    }
  } finally {
    await runtime.end();
    await database.close();
    await asSuperuser((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
});
