/**
 * COPY into a table in the binary format (src/data/copy.ts), as the obligations rebuild writes its
 * rows: every value comes back as it went in (text with tabs, newlines, backslashes and characters of
 * two and three bytes; uuids; dates across leap days and centuries; nulls), inside a transaction,
 * which a rollback undoes, and given the database itself; malformed values and rows of the wrong width
 * are refused. Runs on PGlite, and on PostgreSQL with DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import { queryRows, type Database } from '../src/data/db.ts';
import { CopyRows, copyRows } from '../src/data/copy.ts';

type Row = readonly [n: number, t: string | null, u: string | null, d: string | null];
const COLUMNS = ['n', 't', 'u', 'd'];

/** Rows in COPY's binary format; `n` is written as text, which the integer column refuses. */
function binaryRows(rows: readonly Row[]): CopyRows {
  const out = new CopyRows(COLUMNS.length);
  for (const [n, t, u, d] of rows) out.row().text(String(n)).text(t).uuid(u).date(d);
  return out;
}

let database: Database;
before(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`CREATE TABLE copy_check (n text PRIMARY KEY, t text, u uuid, d date)`);
});
after(async () => database.close());

const AWKWARD = ['plain', 'a\ttab', 'two\nlines', 'a \\ backslash', '\\N', 'carriage\rreturn', '', 'café – “quoted”', null];
const UUIDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0F8B3C2A-9D4E-4B1A-8C7D-6E5F4A3B2C1D', '12345678-9abc-def0-1234-56789abcdef0', null];
const DATES = ['2000-01-01', '1999-12-31', '2024-02-29', '2026-12-07', '1970-01-01', '2100-03-01', '1900-02-28', '2000-02-29', '2200-12-31', null];

async function back(from: number, below: number): Promise<Row[]> {
  const rows = await queryRows<{ n: string; t: string | null; u: string | null; d: string | null }>(
    database.db,
    sql`SELECT n, t, u::text AS u, d::text AS d FROM copy_check WHERE n::int >= ${from} AND n::int < ${below} ORDER BY n::int`,
  );
  return rows.map((r) => [Number(r.n), r.t, r.u, r.d]);
}

test('rows copied in a transaction come back exactly, and a rollback removes them', async () => {
  const rows: Row[] = AWKWARD.map((t, n) => [n, t, UUIDS[n % UUIDS.length] ?? null, DATES[n % DATES.length] ?? null]);
  await database.db.transaction((tx) => copyRows(tx, 'copy_check', COLUMNS, binaryRows(rows)));
  assert.deepEqual(
    await back(0, 100),
    rows.map(([n, t, u, d]) => [n, t, u?.toLowerCase() ?? null, d]),
  );

  await assert.rejects(
    database.db.transaction(async (tx) => {
      await copyRows(tx, 'copy_check', COLUMNS, binaryRows([[100, 'undone', null, null]]));
      throw new Error('roll back');
    }),
    /roll back/,
  );
  const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM copy_check WHERE n = '100'`);
  assert.equal(count?.n, 0);
});

test('given the database rather than a transaction, the rows are copied on their own; no rows, nothing is sent', async () => {
  await copyRows(database.db, 'copy_check', COLUMNS, binaryRows([[200, 'alone', null, '2026-01-05']]));
  await copyRows(database.db, 'copy_check', COLUMNS, binaryRows([]));
  assert.deepEqual(await back(200, 300), [[200, 'alone', null, '2026-01-05']]);
});

test('many rows, more than the buffer first holds and with characters of two and three bytes, all arrive', async () => {
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
  const rows: Row[] = Array.from({ length: 5000 }, (_, i) => [1000 + i, `${i} – café “${'x'.repeat(i % 50)}”\t${i}`, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, day(i)]);
  const out = binaryRows(rows);
  assert.ok(out.bytes().length > 1 << 16, 'the buffer grew');
  await copyRows(database.db, 'copy_check', COLUMNS, out);
  assert.deepEqual(await back(1000, 6000), rows);
});

test('a malformed uuid or date, a row of the wrong width or a count of columns that is not the rows\' is refused before anything is sent', async () => {
  for (const bad of ['', 'not-a-uuid', '0000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-0000000000000', '00000000-0000-0000-0000-00000000000g'])
    assert.throws(() => new CopyRows(1).row().uuid(bad), /not a uuid/, bad);
  for (const bad of ['2026-02-30', '2026-13-01', '2026-00-10', '26-01-01', '2026/01/01', '2026-1-01x', '2025-02-29', '2100-02-29', '1900-02-29', '2026-04-31', '0099-03-01', '1899-12-31', '2201-01-01'])
    assert.throws(() => new CopyRows(1).row().date(bad), /not a date/, bad);
  assert.throws(() => new CopyRows(2).row().text('one').row(), /a row of 1 fields where there are 2/);
  assert.throws(() => new CopyRows(1).row().text('one').text('two'), /beyond the row's 1/);
  assert.throws(() => new CopyRows(1).text('no row'), /start each row/);
  assert.throws(() => new CopyRows(2).row().text('one').bytes(), /a row of 1 fields/);
  await assert.rejects(copyRows(database.db, 'copy_check', ['n', 't'], binaryRows([[300, 'x', null, null]])), /2 columns for rows of 4 fields/);
  assert.deepEqual(await back(300, 400), []);
});

test('a value of another type than the column\'s fails the COPY, and nothing is stored', async () => {
  await database.db.execute(sql`CREATE TABLE copy_typed (n int)`);
  await assert.rejects(copyRows(database.db, 'copy_typed', ['n'], new CopyRows(1).row().text('400')));
  const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM copy_typed`);
  assert.equal(count?.n, 0);
});
