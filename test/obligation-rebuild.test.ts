/**
 * A full rebuild (`npm run obligations:rebuild`, src/services/obligation-rebuild.ts) replaces every
 * stored obligation with what a fresh derivation gives: rows that had gone stale without being marked
 * are replaced, rows that had gone missing come back, and nothing is written twice. In this process
 * on the embedded database; on PostgreSQL also by worker threads sharing the queue.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import type { Database } from '../src/data/db.ts';
import { queryRows } from '../src/data/db.ts';
import { obligation } from '../src/data/schema.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { deriveFresh, markAllForRebuild, refreshObligations } from '../src/services/obligations.ts';
import { rebuildAllObligations, restoreObligationIndexes } from '../src/services/obligation-rebuild.ts';
import { parkObligationIndexes } from '../src/data/repositories/obligation-store.ts';
import { setLocalTimescales, localTimescales } from '../src/domain/deadlines/local-settings.ts';

let database: Database & { url?: string };
before(async () => {
  database = await freshDatabase();
  await loadDemoData(database.db, { children: 60, seed: 11, today: '2026-11-20' });
  await database.db.transaction((tx) => refreshObligations(tx));
});
after(async () => database.close());

const key = (i: { id: string; obligationId: string; dueOn: string; startedOn: string; completedOn?: string | null; notApplicableReason?: string | null; missedReason?: string | null; explanation: string }) =>
  JSON.stringify([i.id, i.obligationId, i.startedOn, i.dueOn, i.completedOn ?? null, i.notApplicableReason ?? null, i.missedReason ?? null, i.explanation]);

async function storedAndFresh() {
  const stored = (await database.db.select().from(obligation)).map(key).sort();
  const fresh = (await deriveFresh(database.db)).map(key).sort();
  return { stored, fresh };
}

/** Damage the stored rows behind the triggers' back: one child's rows gone, another's explanation stale, a row written twice. */
async function damage(): Promise<void> {
  const [victim] = await queryRows<{ child_id: string }>(database.db, sql`SELECT child_id FROM obligation WHERE child_id IS NOT NULL ORDER BY child_id LIMIT 1`);
  const [stale] = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM obligation ORDER BY id DESC LIMIT 1`);
  assert.ok(victim && stale);
  await database.db.execute(sql`DELETE FROM obligation WHERE child_id = ${victim.child_id}`);
  await database.db.execute(sql`UPDATE obligation SET explanation = 'stale' WHERE id = ${stale.id}`);
  await database.db.execute(sql`INSERT INTO obligation SELECT * FROM obligation WHERE id = ${stale.id}`);
  const { stored, fresh } = await storedAndFresh();
  assert.notDeepEqual(stored, fresh, 'the damage shows');
}

const indexesOfObligation = async () =>
  (await queryRows<{ indexdef: string }>(database.db, sql`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'obligation' ORDER BY indexname`)).map((r) => r.indexdef);

test('a rebuild in this process stores exactly a fresh derivation, whatever the table held, and leaves the indexes as they were', async () => {
  const indexes = await indexesOfObligation();
  assert.ok(indexes.length >= 8, 'the migrations made the indexes');
  await damage();
  const marked: number[] = [];
  const progress: number[] = [];
  const result = await rebuildAllObligations(database, { onMarked: (n) => marked.push(n), onProgress: (n) => progress.push(n) });
  const [sources] = await queryRows<{ n: number }>(database.db, sql`SELECT (SELECT count(*) FROM child)::int + (SELECT count(*) FROM household)::int AS n`);
  assert.deepEqual(marked, [sources?.n], 'every child and household is marked, and the count is given before the work');
  assert.equal(result.marked, sources?.n);
  assert.equal(result.done, sources?.n, 'each is derived once');
  assert.equal(result.threads, 1);
  assert.equal(progress.at(-1), result.done);
  const { stored, fresh } = await storedAndFresh();
  assert.ok(stored.length > 1000);
  assert.deepEqual(stored, fresh);
  const [queue] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM obligation_dirty`);
  assert.equal(queue?.n, 0, 'nothing is left marked');
  assert.deepEqual(await indexesOfObligation(), indexes, 'every index dropped for the rebuild is there again');
  const [parked] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM obligation_index_parked`);
  assert.equal(parked?.n, 0);
});

test('indexes left dropped by a rebuild that stopped are created again (as the server does when it starts), once', async () => {
  const indexes = await indexesOfObligation();
  const parked = await database.db.transaction((tx) => parkObligationIndexes(tx));
  const partial = indexes.filter((d) => d.includes(' WHERE '));
  assert.ok(partial.length >= 2, 'the open and missed rows have partial indexes');
  assert.equal(parked.length, indexes.length - 1 - partial.length, 'all but the index by source and the partial ones');
  assert.deepEqual(await indexesOfObligation(), indexes.filter((d) => d.startsWith('CREATE INDEX obligation_source_idx ') || partial.includes(d)));
  assert.equal(await restoreObligationIndexes(database), parked.length);
  assert.deepEqual(await indexesOfObligation(), indexes);
  assert.equal(await restoreObligationIndexes(database), 0, 'nothing left to do');
});

test('a source a change marks after a rebuild has its rows replaced, not added to; one marked before is derived once', async () => {
  const [one] = await queryRows<{ child_id: string }>(database.db, sql`SELECT child_id FROM obligation WHERE child_id IS NOT NULL ORDER BY child_id LIMIT 1`);
  assert.ok(one);
  // Marked by a change (as the triggers mark: none_stored left false) before the rebuild empties the table.
  await database.db.execute(sql`INSERT INTO obligation_dirty (source_type, source_id) VALUES ('child', ${one.child_id}) ON CONFLICT DO NOTHING`);
  await database.db.transaction((tx) => markAllForRebuild(tx));
  const flags = await queryRows<{ none_stored: boolean; n: number }>(database.db, sql`SELECT none_stored, count(*)::int AS n FROM obligation_dirty GROUP BY none_stored`);
  assert.deepEqual(flags.map((f) => f.none_stored), [true], 'every source, the one already marked too, has nothing stored after the emptying');
  await database.db.transaction((tx) => refreshObligations(tx));
  assert.deepEqual((await storedAndFresh()).stored, (await storedAndFresh()).fresh);

  // After the rebuild: rows gone stale, then a change marks the child (none_stored false), so its refresh deletes them first.
  await database.db.execute(sql`UPDATE obligation SET explanation = 'stale' WHERE child_id = ${one.child_id}`);
  await database.db.execute(sql`INSERT INTO obligation_dirty (source_type, source_id) VALUES ('child', ${one.child_id})`);
  const [flag] = await queryRows<{ none_stored: boolean }>(database.db, sql`SELECT none_stored FROM obligation_dirty`);
  assert.equal(flag?.none_stored, false);
  await database.db.transaction((tx) => refreshObligations(tx));
  const { stored, fresh } = await storedAndFresh();
  assert.deepEqual(stored, fresh, 'the stale rows are replaced, and none is stored twice');
});

test(
  'a rebuild that fails half way still creates the indexes again, and leaves every source marked for the next reader',
  { skip: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL)' },
  async () => {
    const indexes = await indexesOfObligation();
    // Worker threads that cannot reach the server: the drain fails after the marking.
    await assert.rejects(rebuildAllObligations(database, { databaseUrl: 'postgres://nobody@127.0.0.1:1/none', threads: 2 }));
    assert.deepEqual(await indexesOfObligation(), indexes);
    await database.db.transaction((tx) => refreshObligations(tx));
    const { stored, fresh } = await storedAndFresh();
    assert.deepEqual(stored, fresh, 'what was marked is refreshed by the next reader as ever');
  },
);

test(
  'on PostgreSQL, worker threads share the work and store exactly a fresh derivation, with the local timescales of the process',
  { skip: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL)' },
  async () => {
    const url = database.url;
    assert.ok(url, 'the test database on the server has an address');
    const before = localTimescales();
    const withDefault = (await storedAndFresh()).fresh;
    // A local timescale other than the default: the workers must derive with it too, or the rows differ.
    setLocalTimescales({ ...before, reviewFeedbackWorkingDays: before.reviewFeedbackWorkingDays + 2 });
    try {
      await damage();
      const progress: number[] = [];
      const result = await rebuildAllObligations(database, { databaseUrl: url, threads: 2, onProgress: (n) => progress.push(n) });
      assert.equal(result.threads, 2);
      assert.equal(result.done, result.marked, 'each source is derived once between the two');
      assert.equal(progress.at(-1), result.done);
      const { stored, fresh } = await storedAndFresh();
      assert.deepEqual(stored, fresh);
      assert.notDeepEqual(stored, withDefault, 'the timescale changes some due dates, so the workers derived with it');
    } finally {
      setLocalTimescales(before);
    }
  },
);
