/**
 * COPY into a table (src/data/copy.ts), as the obligations rebuild writes its rows: every value
 * comes back as it went in (tabs, newlines, backslashes, nulls and text that looks like an escape),
 * inside a transaction, which a rollback undoes, and given the database itself.
 * Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import { queryRows, type Database } from '../src/data/db.ts';
import { CopyText, copyField, copyText } from '../src/data/copy.ts';

/** Rows as lines of COPY's text format, each field escaped. */
function copyLines(rows: readonly (readonly (string | number | null)[])[]): CopyText {
  const out = new CopyText();
  for (const row of rows) out.add(`${row.map(copyField).join('\t')}\n`);
  return out;
}

let database: Database;
before(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`CREATE TABLE copy_check (n int PRIMARY KEY, t text, d date)`);
});
after(async () => database.close());

const AWKWARD = ['plain', 'a\ttab', 'two\nlines', 'a \\ backslash', '\\N', 'carriage\rreturn', '', 'café – “quoted”', null];

test('copyField escapes what COPY text format would read as something else', () => {
  assert.equal(copyField(null), '\\N');
  assert.equal(copyField('\\N'), '\\\\N');
  assert.equal(copyField('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
  assert.equal(copyField(12), '12');
});

test('rows copied in a transaction come back exactly, and a rollback removes them', async () => {
  const rows = AWKWARD.map((t, n) => [n, t, n % 2 ? '2026-11-03' : null] as const);
  await database.db.transaction((tx) => copyText(tx, 'copy_check', ['n', 't', 'd'], copyLines(rows)));
  const back = await queryRows<{ n: number; t: string | null; d: string | null }>(database.db, sql`SELECT n, t, d::text AS d FROM copy_check ORDER BY n`);
  assert.deepEqual(
    back.map((r) => [r.n, r.t, r.d]),
    rows.map((r) => [...r]),
  );

  await assert.rejects(
    database.db.transaction(async (tx) => {
      await copyText(tx, 'copy_check', ['n', 't'], copyLines([[100, 'undone']]));
      throw new Error('roll back');
    }),
    /roll back/,
  );
  const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM copy_check WHERE n = 100`);
  assert.equal(count?.n, 0);
});

test('given the database rather than a transaction, the rows are copied on their own; no rows, nothing is sent', async () => {
  await copyText(database.db, 'copy_check', ['n', 't'], copyLines([[200, 'alone']]));
  await copyText(database.db, 'copy_check', ['n', 't'], copyLines([]));
  const [row] = await queryRows<{ t: string }>(database.db, sql`SELECT t FROM copy_check WHERE n = 200`);
  assert.equal(row?.t, 'alone');
});

test('many lines, more than the buffer first holds and with characters of two and three bytes, all arrive', async () => {
  const rows = Array.from({ length: 5000 }, (_, i) => [1000 + i, `${i} – café “${'x'.repeat(i % 50)}”\t${i}`, null] as const);
  const text = copyLines(rows);
  assert.ok(text.bytes().length > 1 << 16, 'the buffer grew');
  await copyText(database.db, 'copy_check', ['n', 't', 'd'], text);
  const back = await queryRows<{ n: number; t: string }>(database.db, sql`SELECT n, t FROM copy_check WHERE n >= 1000 ORDER BY n`);
  assert.deepEqual(
    back.map((r) => [r.n, r.t]),
    rows.map((r) => [r[0], r[1]]),
  );
});
