/**
 * A worker's spare in-memory database (test/group/spare-database.ts): the next file gets it empty, as
 * a new database would be, and a database whose schema a file changed is closed rather than passed on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/data/db.ts';
import { organisation } from '../src/data/schema.ts';
import { inMemoryDatabase } from './group/spare-database.ts';

type WorkerGlobal = { __hearthWorker?: { afterAll: (() => Promise<void>)[] } };

test('a closed database is emptied for the next file; one whose schema changed is not passed on', async () => {
  const g = globalThis as WorkerGlobal;
  const outside = g.__hearthWorker;
  // As in a worker (this file may also run alone, outside one).
  g.__hearthWorker = outside ?? { afterAll: [] };
  try {
    const first = await inMemoryDatabase();
    await first.db.insert(organisation).values({ kind: 'local_authority', name: 'Firstshire', laCode: '901' });
    await first.exec('SET statement_timeout = 1234');
    await first.close();

    const second = await inMemoryDatabase();
    try {
      assert.equal(second.db, first.db, 'the same database, passed on');
      assert.deepEqual(await queryRows(second.db, sql`select name from organisation`), [], 'its tables are empty');
      const [timeout] = await queryRows<{ statement_timeout: string }>(second.db, sql`show statement_timeout`);
      assert.equal(timeout?.statement_timeout, '0', 'and its session settings as new');
      await second.exec('ALTER TABLE organisation ADD COLUMN left_behind integer');
    } finally {
      await second.close();
    }

    const third = await inMemoryDatabase();
    try {
      assert.notEqual(third.db, second.db, 'a changed schema is not passed on: the next file gets a new database');
      const columns = await queryRows<{ column_name: string }>(third.db, sql`select column_name from information_schema.columns where table_name = 'organisation' and column_name = 'left_behind'`);
      assert.deepEqual(columns, []);
    } finally {
      await third.close();
    }
  } finally {
    if (!outside) for (const close of g.__hearthWorker?.afterAll ?? []) await close();
    g.__hearthWorker = outside;
  }
});
