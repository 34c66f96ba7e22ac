/**
 * Statements prepared once a connection on PostgreSQL (src/data/named-statements.ts, ADR 0019): a
 * parameterised text is named from its second use, always with the same name, and no more texts than
 * the pool's limit are named; on PostgreSQL the pool's connections prepare them
 * (pg_prepared_statements), give the same answers with other parameters, and go on after a named
 * statement fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import { queryRows, sqlStateOf } from '../src/data/db.ts';
import { statementNamer } from '../src/data/named-statements.ts';

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

test('a text is named from its second use, with one name made from the text alone', () => {
  const statementName = statementNamer();
  const text = 'select $1::int + 1';
  assert.equal(statementName(text), undefined);
  const name = statementName(text);
  assert.match(name ?? '', /^h_[0-9a-f]{40}$/);
  assert.equal(statementName(text), name);
  const other = 'select $1::int + 2';
  statementName(other);
  const otherName = statementName(other);
  assert.ok(otherName && otherName !== name);
});

test('on PostgreSQL a connection prepares a repeated query once and answers it with each new parameter', { skip: serverUrl ? false : 'needs PostgreSQL (DATABASE_URL)' }, async () => {
  const database = await freshDatabase();
  try {
    await database.db.transaction(async (tx) => {
      const doubled: number[] = [];
      for (let i = 1; i <= 7; i++) {
        const [row] = await queryRows<{ n: number }>(tx, sql`select (${i}::int * 2) as n`);
        doubled.push(Number(row?.n));
      }
      assert.deepEqual(doubled, [2, 4, 6, 8, 10, 12, 14]);
      const prepared = await queryRows<{ name: string; calls: string | number }>(
        tx,
        sql`select name, generic_plans + custom_plans as calls from pg_prepared_statements where statement like '%::int * 2) as n'`,
      );
      assert.equal(prepared.length, 1, JSON.stringify(prepared));
      assert.match(prepared[0]!.name, /^h_/);
      assert.equal(Number(prepared[0]!.calls), 6, 'named from the second use: six runs of the prepared statement');
    });
    // A named statement that fails leaves the connection usable, and the same statement then answers.
    for (const divisor of [1, 0, 0, 2]) {
      const run = queryRows<{ q: number }>(database.db, sql`select 10 / ${divisor}::int as q`);
      if (divisor === 0) await assert.rejects(run, (err) => sqlStateOf(err) === '22012'); // division by zero
      else assert.equal(Number((await run)[0]?.q), 10 / divisor);
    }
  } finally {
    await database.close();
  }
});

test('no more than the limit of texts are named; those named keep their names', () => {
  const statementName = statementNamer(20);
  const first = 'select $1::text';
  statementName(first);
  const kept = statementName(first);
  assert.ok(kept);
  const names = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const text = `select $1::int * ${i}`;
    statementName(text);
    const name = statementName(text);
    if (name) names.add(name);
  }
  assert.equal(names.size, 19, 'the first text and 19 others are named');
  const late = 'select $1::int';
  statementName(late);
  assert.equal(statementName(late), undefined, 'a text first used when the limit is reached runs unnamed');
  assert.equal(statementName(first), kept);
  // Another pool's namer has its own record: the same text gets the same name there.
  const other = statementNamer(20);
  other(first);
  assert.equal(other(first), kept);
});
