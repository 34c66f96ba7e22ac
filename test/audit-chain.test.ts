/**
 * The audit log's hash chain (ADR 0011), on the embedded database and on PostgreSQL: rows written by
 * concurrent transactions form one chain that `npm run audit:verify` walks, and a row changed or
 * removed by the tables' owner (the trigger set aside) is reported at the first broken link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/data/db.ts';
import { openMigratedDatabase, runMigrations } from '../src/data/migrate.ts';
import { writeAudit } from '../src/audit/writer.ts';
import { verifyAuditChain, type ChainReport } from '../src/audit/verify.ts';
import { GENESIS_HASH, auditRowHash, auditRowHashV2, canonicalContent, canonicalContentV2, chainedRowHash, chainedRows, type ChainedContent } from '../src/data/audit-chain.ts';
import { freshDatabase } from './helpers.ts';
import { embeddedEnv, runScript } from './cli-helpers.ts';

const VERIFY = 'audit-verify';
const CHILD_A = '1b6f0c4e-8a0a-4b7e-9a43-0f9b2a1d7c01';
const CHILD_B = '0a2e5d9c-3f1b-4c8e-8d2a-6e7f1b3c9d02';

/** Changes a stored row as the tables' owner can: the append-only trigger set aside. */
async function asOwner(database: Database, statement: string): Promise<void> {
  await database.exec(
    `BEGIN; ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; ${statement}; ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update; COMMIT;`,
  );
}

async function rowIdAt(database: Database, seq: number): Promise<number> {
  const [row] = await queryRows<{ id: string | number }>(database.db, sql`select id from audit_event where seq = ${seq}`);
  assert.ok(row, `a row at link ${seq}`);
  return Number(row.id);
}

function broken(report: ChainReport) {
  assert.equal(report.intact, false, 'the chain is reported broken');
  return (report as Extract<ChainReport, { intact: false }>).broken;
}

test('the canonical content is RFC 8785 JSON of every field, and any change changes the hash', () => {
  const row: ChainedContent = {
    seq: 3,
    prevHash: GENESIS_HASH,
    at: '2026-12-06T10:00:00.123456Z',
    actorUserId: null,
    actorLabel: 'system',
    action: 'child.listed',
    subjectType: 'child',
    subjectId: null,
    correlationId: 'req-1',
    details: { z: 1, a: { y: [2, 'é'], b: null } },
    childIds: [CHILD_B, CHILD_A],
  };
  // Keys sorted at every depth, no spaces, strings as JSON writes them.
  assert.equal(
    canonicalContent(row),
    `{"action":"child.listed","actorLabel":"system","actorUserId":null,"at":"2026-12-06T10:00:00.123456Z","childIds":["${CHILD_B}","${CHILD_A}"],"correlationId":"req-1","details":{"a":{"b":null,"y":[2,"é"]},"z":1},"prevHash":"${GENESIS_HASH}","seq":3,"subjectId":null,"subjectType":"child"}`,
  );
  const hash = auditRowHash(row);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const changes: Partial<ChainedContent>[] = [
    { seq: 4 },
    { prevHash: 'f'.repeat(64) },
    { at: '2026-12-06T10:00:00.123457Z' },
    { actorUserId: CHILD_A },
    { actorLabel: 'someone' },
    { action: 'child.viewed' },
    { subjectType: 'household' },
    { subjectId: CHILD_A },
    { correlationId: 'req-2' },
    { details: { z: 2, a: { y: [2, 'é'], b: null } } },
    { childIds: [CHILD_A] },
  ];
  for (const change of changes) assert.notEqual(auditRowHash({ ...row, ...change }), hash, `changing ${Object.keys(change)[0]} changes the hash`);

  // Format 2 (migration 0057): the place, the previous hash and the time on lines of their own, then
  // the canonical JSON of the rest; any change changes it too.
  assert.equal(
    canonicalContentV2(row),
    `{"action":"child.listed","actorLabel":"system","actorUserId":null,"childIds":["${CHILD_B}","${CHILD_A}"],"correlationId":"req-1","details":{"a":{"b":null,"y":[2,"é"]},"z":1},"subjectId":null,"subjectType":"child"}`,
  );
  const v2 = auditRowHashV2(row);
  assert.equal(v2, crypto.createHash('sha256').update(`hearth-audit-2\n3\n${GENESIS_HASH}\n2026-12-06T10:00:00.123456Z\n${canonicalContentV2(row)}`, 'utf8').digest('hex'));
  assert.notEqual(v2, hash);
  for (const change of changes) assert.notEqual(auditRowHashV2({ ...row, ...change }), v2, `changing ${Object.keys(change)[0]} changes the format-2 hash`);
});

test('rows from concurrent transactions form one chain; verify catches a changed, a rewritten and a removed row', async () => {
  const database = await freshDatabase();
  try {
    const ctx = { actor: null, correlationId: 'chain-test' };
    // Twenty transactions at once (truly concurrent on PostgreSQL), two rows each, with awkward details.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await writeAudit(tx, ctx, { action: 'child.listed', subjectType: 'child', details: { i, when: new Date(Date.UTC(2026, 11, 6, 9, i)), text: `ünïcode ${'\u{1F600}'} "quoted"`, gone: undefined, n: 0.1 + 0.2 }, childIds: [CHILD_B, CHILD_A.toUpperCase(), CHILD_B] });
          await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: CHILD_A });
        }),
      ),
    );
    // A transaction that rolls back leaves no row and no gap in the chain.
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: CHILD_B });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    const intact = await verifyAuditChain(database.db, { batch: 7 });
    assert.equal(intact.intact, true, JSON.stringify(intact));
    assert.equal(intact.intact && intact.rows, 40);
    const links = await queryRows<{ seq: string | number; child_ids: string }>(database.db, sql`select seq, array_to_json(child_ids)::text as child_ids from audit_event order by seq`);
    assert.deepEqual(links.map((l) => Number(l.seq)), Array.from({ length: 40 }, (_, i) => i + 1), 'links 1 to 40 without a gap');
    assert.deepEqual(JSON.parse(links[0]!.child_ids), [CHILD_B, CHILD_A].sort(), 'child ids stored once each, lower case, sorted');
    // Written by the database's function in format 2, and verified above by recomputing it in Node.
    const formats = await queryRows<{ hash_format: number | string; n: number | string }>(database.db, sql`select hash_format, count(*) as n from audit_event group by hash_format`);
    assert.deepEqual(formats.map((f) => [Number(f.hash_format), Number(f.n)]), [[2, 40]]);

    // The owner changes a row's details: reported at that row.
    const edited = await rowIdAt(database, 17);
    const [before] = await queryRows<{ details: string }>(database.db, sql`select details::text as details from audit_event where id = ${edited}`);
    await asOwner(database, `UPDATE audit_event SET details = '{"i": 99}' WHERE id = ${edited}`);
    const changed = broken(await verifyAuditChain(database.db, { batch: 7 }));
    assert.equal(changed.rowId, edited);
    assert.match(changed.problem, /was changed after it was written/);

    // … and writes the hash its new content has, to hide it: the next row's link no longer matches.
    const [tampered] = await chainedRows(database.db, 16, 1);
    assert.ok(tampered);
    await asOwner(database, `UPDATE audit_event SET hash = '${chainedRowHash(tampered)}' WHERE id = ${edited}`);
    const relinked = broken(await verifyAuditChain(database.db));
    assert.equal(relinked.rowId, await rowIdAt(database, 18));
    assert.match(relinked.problem, new RegExp(`previous hash is [0-9a-f]{64}, but row ${edited} before it has the hash`));

    // Put it back as it was: intact again.
    const original = before!.details.replace(/'/g, "''");
    await asOwner(database, `UPDATE audit_event SET details = '${original}'::jsonb, hash = (SELECT prev_hash FROM audit_event WHERE seq = 18) WHERE id = ${edited}`);
    assert.equal((await verifyAuditChain(database.db)).intact, true, 'restored');

    // The owner removes a row: the row after it is reported, with the missing link.
    const removed = await rowIdAt(database, 30);
    const next = await rowIdAt(database, 31);
    await asOwner(database, `DELETE FROM audit_event WHERE id = ${removed}`);
    const gap = broken(await verifyAuditChain(database.db));
    assert.equal(gap.rowId, next);
    assert.match(gap.problem, /link 30 is missing/);
  } finally {
    await database.close();
  }
});

test('rows written before the chain existed are chained, in order, when the migrations run', async () => {
  const database = await freshDatabase();
  try {
    await database.db.transaction((tx) => writeAudit(tx, { actor: null }, { action: 'seed.loaded', subjectType: 'system' }));
    // As before migration 0021: rows without chain columns.
    await database.exec(`BEGIN; ALTER TABLE audit_event DROP CONSTRAINT audit_event_chained;
      INSERT INTO audit_event (actor_label, action, subject_type, subject_id, details) VALUES
        ('system', 'child.viewed', 'child', '${CHILD_A}', '{"old": true}'), ('system', 'child.listed', 'child', NULL, '{"count": 2}');
      ALTER TABLE audit_event ADD CONSTRAINT audit_event_chained CHECK (seq IS NOT NULL AND seq > 0 AND prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$') NOT VALID; COMMIT;`);
    const outside = broken(await verifyAuditChain(database.db));
    assert.match(outside.problem, /outside the chain/);
    await runMigrations(database);
    const report = await verifyAuditChain(database.db);
    assert.equal(report.intact, true, JSON.stringify(report));
    assert.equal(report.intact && report.rows, 3);
    const rows = await queryRows<{ action: string; seq: string | number }>(database.db, sql`select action, seq from audit_event order by seq`);
    assert.deepEqual(rows.map((r) => r.action), ['seed.loaded', 'child.viewed', 'child.listed']);
    // A new row cannot be written outside the chain.
    await assert.rejects(database.exec(`INSERT INTO audit_event (actor_label, action, subject_type) VALUES ('system', 'child.viewed', 'child')`), /audit_event_chained/);
  } finally {
    await database.close();
  }
});

test('npm run audit:verify prints "chain intact, N rows", or the first broken row and exits 1', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-audit-'));
  try {
    const database = await openMigratedDatabase({ dataDir, holder: 'audit chain test' });
    try {
      for (let i = 0; i < 5; i++) await database.db.transaction((tx) => writeAudit(tx, { actor: null }, { action: 'seed.loaded', subjectType: 'system', details: { i } }));
    } finally {
      await database.close();
    }
    const ok = await runScript(VERIFY, [], embeddedEnv(dataDir));
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^chain intact, 5 rows \(last link 5, hash [0-9a-f]{64}\)/);

    const again = await openMigratedDatabase({ dataDir, holder: 'audit chain test' });
    let edited: number;
    try {
      edited = await rowIdAt(again, 3);
      await asOwner(again, `UPDATE audit_event SET actor_label = 'someone else' WHERE id = ${edited}`);
    } finally {
      await again.close();
    }
    const bad = await runScript(VERIFY, [], embeddedEnv(dataDir));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`chain broken at row ${edited} \\(link 3\\): row ${edited} \\(link 3\\) was changed after it was written`));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('two connection pools (two instances) appending at once make one chain', { skip: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL)' }, async () => {
  const serverUrl = (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL)!;
  const name = `hearth_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const first = await openMigratedDatabase({ databaseUrl: url.toString() });
    const second = await openDatabase({ databaseUrl: url.toString() });
    try {
      const write = (database: Database, i: number) =>
        database.db.transaction(async (tx) => {
          await writeAudit(tx, { actor: null, correlationId: `pool-${i}` }, { action: 'child.viewed', subjectType: 'child', subjectId: i % 2 ? CHILD_A : CHILD_B });
        });
      await Promise.all(Array.from({ length: 60 }, (_, i) => write(i % 2 ? first : second, i)));
      const report = await verifyAuditChain(second.db);
      assert.equal(report.intact, true, JSON.stringify(report));
      assert.equal(report.intact && report.rows, 60);
    } finally {
      await second.close();
      await first.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
