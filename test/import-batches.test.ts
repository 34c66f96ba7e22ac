/**
 * The real import writes children a batch at a time, each batch in one transaction; when the database
 * refuses one child's rows, the batch is written again one child per transaction. So a child the
 * database refuses leaves nothing behind (not its child row, not the records written before the
 * refused one, not its audit row), the others are kept, and a run after the cause is gone imports it.
 * The refusal is made for the test by a trigger that refuses one child's placements (written after
 * the child row).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/data/db.ts';
import { createServices } from '../src/services/index.ts';
import { freshDatabase } from './helpers.ts';

const TODAY = '2026-11-20';
const ctx = { actor: null, correlationId: 'test-import-batches' };
const authority = { name: 'Testborough (test)', code: '999' };
const children = ['C1', 'C2', 'C3', 'C4', 'C5'];

const current = [
  { name: 'header.csv', content: 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n' + children.map((c) => `${c},M,01/02/2015,WBRI,UN1,,\n`).join('') },
  {
    name: 'episodes.csv',
    content:
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      children.map((c) => `${c},01/05/2025,S,C2,N1,U4,PR1,01/09/2025,X1,CARPL,BS1 1AA,BS7 8AB,SC000001\n${c},01/09/2025,P,C2,N1,U4,PR1,,,,BS1 1AA,BS7 8AC,SC000002\n`).join(''),
  },
  { name: 'reviews.csv', content: 'CHILD,DOB,REVIEW,REVIEW_CODE\n' + children.map((c) => `${c},01/02/2015,01/06/2025,PN1\n`).join('') },
];

const countsOf = async (db: Parameters<typeof queryRows>[0], reference: string) => {
  const [row] = await queryRows<{ children: number; statuses: number; placements: number; events: number; audits: number }>(
    db,
    sql`select (select count(*) from child where reference = ${reference})::int as children,
               (select count(*) from legal_status s join child c on c.id = s.child_id where c.reference = ${reference})::int as statuses,
               (select count(*) from placement p join child c on c.id = p.child_id where c.reference = ${reference})::int as placements,
               (select count(*) from child_event e join child c on c.id = e.child_id where c.reference = ${reference})::int as events,
               (select count(*) from audit_event where action = 'import.child-created' and details->>'reference' = ${reference})::int as audits`,
  );
  return row;
};

test('a child the database refuses leaves nothing behind, the rest of its batch is kept, and a later run imports it', async () => {
  const database = await freshDatabase();
  try {
    const s = createServices(database, { allowDemoAccounts: false, today: () => TODAY });
    await database.exec(`
      create function test_refuse_c3() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from child where id = new.child_id and reference = 'C3') then raise exception 'refused for the test'; end if;
        return new;
      end $$;
      create trigger test_refuse_c3 before insert on placement for each row execute function test_refuse_c3();`);

    const dry = await s.imports.run(ctx, { current }, { dryRun: true, authority });
    assert.deepEqual(dry.errors, []);
    assert.equal(dry.children.created, 5, 'the dry run cannot see what the database will refuse');

    const report = await s.imports.run(ctx, { current }, { dryRun: false, authority });
    assert.deepEqual(report.children, { created: 4, updated: 0, unchanged: 0, leftOut: 0, failed: 1, namesNotRecorded: 4 });
    const failed = report.changes.find((c) => c.reference === 'C3');
    assert.equal(failed?.outcome, 'failed');
    assert.match(failed?.changes.join(' ') ?? '', /placement/, 'the report says what the database refused');
    assert.deepEqual(await countsOf(database.db, 'C3'), { children: 0, statuses: 0, placements: 0, events: 0, audits: 0 }, 'nothing of the refused child is left');
    for (const c of ['C1', 'C2', 'C4', 'C5']) {
      assert.deepEqual(await countsOf(database.db, c), { children: 1, statuses: 1, placements: 2, events: 1, audits: 1 }, `${c} is imported whole`);
    }

    await database.exec('drop trigger test_refuse_c3 on placement; drop function test_refuse_c3();');
    const again = await s.imports.run(ctx, { current }, { dryRun: false, authority });
    assert.deepEqual(again.children, { created: 1, updated: 0, unchanged: 4, leftOut: 0, failed: 0, namesNotRecorded: 5 }, 'the run carries on: only the child left behind is created');
    assert.deepEqual(await countsOf(database.db, 'C3'), { children: 1, statuses: 1, placements: 2, events: 1, audits: 1 });
  } finally {
    await database.close();
  }
});
