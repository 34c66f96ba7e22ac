/**
 * A child's page checks the child's part of this year's and last year's SSDA903 returns from one
 * load of the child's records (buildChildReturns, src/services/ssda903.ts). On the demo authority,
 * for every child (the home authority's and others', in care in either year or neither), on days in
 * three collection years, it must give exactly what buildReturn gives for each year with the child's
 * id. Runs on PGlite, or on PostgreSQL with TEST_DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from './helpers.ts';
import type { Database } from '../src/data/db.ts';
import { child } from '../src/data/schema.ts';
import { findHomeAuthority } from '../src/data/repositories/ssda903.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { buildChildReturns, buildReturn, previousYearOf, yearContaining } from '../src/services/ssda903.ts';

let database: Database;
before(async () => {
  database = await freshDatabase();
  await loadDemoData(database.db, { children: 60, seed: 11, today: '2026-11-20' });
});
after(async () => database.close());

for (const day of ['2026-04-01', '2026-11-20', '2027-06-01']) {
  test(`on ${day}, each child's two returns from one load are buildReturn's for each year`, async () => {
    const db = database.db;
    const home = await findHomeAuthority(db);
    assert.ok(home, 'the demo has a home authority');
    const year = yearContaining(day);
    const last = previousYearOf(year);
    const children = await db.select({ id: child.id, authority: child.responsibleAuthorityId }).from(child);
    assert.ok(children.some((c) => c.authority !== home), 'some child is another authority’s');
    let inThisYear = 0;
    let inLastOnly = 0;
    for (const c of children) {
      const [now, before] = await buildChildReturns(db, [year, last], home, c.id);
      assert.deepEqual(now, await buildReturn(db, year, home, c.id), `this year's return of ${c.id}`);
      assert.deepEqual(before, await buildReturn(db, last, home, c.id), `last year's return of ${c.id}`);
      if (now.children.length) inThisYear++;
      else if (before.children.length) inLastOnly++;
    }
    // The comparison covers children in this year's return and children only in last year's.
    assert.ok(inThisYear > 0, 'some child is in this year’s return');
    assert.ok(inLastOnly > 0, 'some child is only in last year’s return');
  });
}
