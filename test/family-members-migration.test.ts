/**
 * Migrations 0028 and 0029: the names on child.family_members become people of their own (one per
 * entry and child, with the relationship and order kept), and then the JSON column goes. Run from a
 * database migrated only up to 0027, on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR, migrationFiles } from '../src/data/migration-files.ts';

type Raw = { exec: (sql: string) => Promise<void>; rows: <T>(sql: string) => Promise<T[]>; close: () => Promise<void> };

async function bareDatabase(): Promise<Raw> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const client = new PGlite();
    await client.waitReady;
    return {
      exec: async (sql) => void (await client.exec(sql)),
      rows: async <T>(sql: string) => (await client.query<T>(sql)).rows,
      close: () => client.close(),
    };
  }
  const name = `hearth_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    close: async () => {
      await client.end();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

const apply = async (db: Raw, files: readonly string[]) => {
  for (const f of files) await db.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8'));
};

test('a child’s JSON family members become people linked to the child (0028), and the JSON column is then dropped (0029)', async () => {
  const files = migrationFiles();
  const before = files.filter((f) => f < '0028');
  const after = files.filter((f) => f >= '0028');
  assert.ok(before.some((f) => f.startsWith('0027')) && after[0]?.startsWith('0028'), 'migrations 0027 and 0028 are checked in');
  const db = await bareDatabase();
  try {
    await apply(db, before);
    await db.exec(`INSERT INTO organisation (id, kind, name, la_code) VALUES ('11111111-1111-4111-8111-111111111111', 'local_authority', 'Testshire', '991')`);
    const child = (ref: string, id: string, family: unknown) =>
      db.exec(`INSERT INTO child (id, reference, first_name, last_name, date_of_birth, sex, ethnicity, upn, responsible_authority_id, category_of_need, family_members)
        VALUES ('${id}', '${ref}', 'Kid', 'Test', '2020-01-01', 'F', 'WBRI', 'UN1', '11111111-1111-4111-8111-111111111111', 'N1', '${JSON.stringify(family).replace(/'/g, "''")}'::jsonb)`);
    const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    await child('C1', A, [
      { name: 'Marguerite Fairweather', relationship: 'mother' },
      { name: "Desmond O'Shaughnessy", relationship: '' },
      { name: '  ', relationship: 'aunt' },
    ]);
    await child('C2', B, []);

    await apply(db, after);

    const links = await db.rows<{ child_id: string; name: string; relationship: string; position: number }>(
      `SELECT l.child_id, m.name, l.relationship, l.position FROM child_family_member l JOIN family_member m ON m.id = l.family_member_id ORDER BY l.child_id, l.position`,
    );
    assert.deepEqual(
      links.map((l) => [l.child_id, l.name, l.relationship, Number(l.position)]),
      [
        [A, 'Marguerite Fairweather', 'mother', 0],
        [A, "Desmond O'Shaughnessy", 'relative', 1],
      ],
      'each named entry is a person linked with its relationship (a blank one becomes "relative") in order; a blank name is left out',
    );
    const people = await db.rows<{ n: string | number }>(`SELECT count(*) AS n FROM family_member`);
    assert.equal(Number(people[0]?.n), 2);
    const column = await db.rows<{ n: string | number }>(`SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'child' AND column_name = 'family_members'`);
    assert.equal(Number(column[0]?.n), 0, 'child.family_members is gone after 0029');
  } finally {
    await db.close();
  }
});
