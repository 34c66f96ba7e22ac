/**
 * Imported children's names: the SSDA903 return holds none, so a child is imported with the
 * placeholder "Child <CHILD>", marked as a name not yet recorded, unless the children's details file
 * gives it (checked by date of birth); the allocated social worker (or, without one, the
 * administrators) has it in a queue; recording the name clears the mark.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { appUser, child, organisation } from '../src/data/schema.ts';
import { createServices } from '../src/services/index.ts';
import { childFormValues } from '../src/web/presenters/children.ts';
import type { Role } from '../src/domain/access/index.ts';
import { freshDatabase } from './helpers.ts';

const TODAY = '2026-11-20';
const system = { actor: null, correlationId: 'test-names' };

test('names from the children’s details file, placeholders marked and queued, and recording a name clears the mark', async () => {
  const database = await freshDatabase();
  try {
    const s = createServices(database, { allowDemoAccounts: false, today: () => TODAY });
    const [la] = await database.db.insert(organisation).values({ kind: 'local_authority', name: 'Testborough (test)', laCode: '999' }).returning();
    const [sw] = await database.db.insert(appUser).values({ organisationId: la!.id, email: 'sw@test.invalid', fullName: 'Sal Worker', role: 'social_worker', active: true, sweNumber: 'SW1' }).returning();
    const [admin] = await database.db.insert(appUser).values({ organisationId: la!.id, email: 'ad@test.invalid', fullName: 'Ash Admin', role: 'administrator', active: true }).returning();
    const actor = (u: typeof sw) => ({ actor: { userId: u!.id, name: u!.fullName, email: u!.email, role: u!.role as Role, organisationId: la!.id, teamId: null }, correlationId: 'test-names' });

    const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nN1,M,01/02/2015,WBRI,UN1,,\nN2,F,03/04/2014,WBRI,UN1,0,\nN4,F,05/06/2013,WBRI,UN1,0,\n';
    const episodes =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      ['N1', 'N2', 'N4'].map((c) => `${c},01/05/2025,S,C2,N1,U4,PR1,,,,BS1 1AA,BS7 8AB,SC000001\n`).join('');
    const swEpisodes = 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nN1,01/02/2015,SW1,01/05/2025,,\nN2,03/04/2014,SW1,01/05/2025,,\nN4,05/06/2013,SW9,01/05/2025,,\n';
    const current = [
      { name: 'header.csv', content: header },
      { name: 'episodes.csv', content: episodes },
      { name: 'sw.csv', content: swEpisodes },
    ];
    const details = { name: 'names.csv', content: 'CHILD,FIRST_NAME,LAST_NAME,DOB\nN1,Ada,Example,01/02/2015\nN2,Bea,Sample,04/04/2014\nN3,Cy,Nobody,\n' };

    const report = await s.imports.run(system, { current, details }, { dryRun: false });
    assert.equal(report.children.created, 3);
    assert.equal(report.children.namesNotRecorded, 2);
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.column, e.child]),
      [
        ['names.csv', 3, 'DOB', 'N2'],
        ['names.csv', 4, 'CHILD', 'N3'],
      ],
    );
    assert.match(report.errors[0]?.message ?? '', /DOB 4 April 2014 is not the date of birth the return gives N2 \(3 April 2014\)/);
    assert.deepEqual(report.files.at(-1), { name: 'names.csv', kind: 'details', rows: 3, year: null });
    const named = async (reference: string) => (await database.db.select().from(child).where(eq(child.reference, reference)))[0]!;
    assert.deepEqual([(await named('N1')).firstName, (await named('N1')).lastName, (await named('N1')).nameRecorded], ['Ada', 'Example', true]);
    assert.deepEqual([(await named('N2')).firstName, (await named('N2')).lastName, (await named('N2')).nameRecorded], ['Child', 'N2', false]);

    // The allocated social worker has N2 to name; the administrators, N4 (its worker is not active in Hearth).
    const swQueue = (await s.work.queues(actor(sw), [])).find((q) => q.id === 'names-to-record');
    assert.deepEqual(swQueue?.items.map((i) => [i.subject, i.href]), [[`Child N2 (imported on 20 November 2026)`, `/children/${(await named('N2')).id}/edit`]]);
    const adminQueue = (await s.work.queues(actor(admin), [])).find((q) => q.id === 'unallocated-names');
    assert.deepEqual(adminQueue?.items.map((i) => [i.action, i.childIds.length]), [['Record the names of 1 imported child', 0]]);

    // The details file again, corrected: N2's name is filled; a run after that changes nothing.
    const fixed = { name: 'names.csv', content: 'CHILD,FIRST_NAME,LAST_NAME,DOB\nN2,Bea,Sample,03/04/2014\n' };
    const again = await s.imports.run(system, { current, details: fixed }, { dryRun: false });
    assert.deepEqual(again.changes.find((c) => c.reference === 'N2'), { reference: 'N2', outcome: 'updated', changes: ["name recorded from the children's details file"], nameNotRecorded: false });
    assert.equal(again.children.namesNotRecorded, 1);
    assert.deepEqual([(await named('N2')).firstName, (await named('N2')).nameRecorded], ['Bea', true]);
    const third = await s.imports.run(system, { current, details: fixed }, { dryRun: false });
    assert.deepEqual([third.children.created, third.children.updated, third.children.unchanged], [0, 0, 3]);
    // A name recorded in Hearth is kept, whatever a later details file says.
    await s.imports.run(system, { current, details: { name: 'n.csv', content: 'CHILD,FIRST_NAME,LAST_NAME\nN2,Other,Name\n' } }, { dryRun: false });
    assert.equal((await named('N2')).firstName, 'Bea');
    assert.equal((await s.work.queues(actor(sw), [])).find((q) => q.id === 'names-to-record')?.items.length, 0);

    // On the record: a change that keeps the placeholder keeps the mark; recording the name clears it.
    const n4 = await s.children.get(system, (await named('N4')).id, 'edit');
    assert.equal(n4.nameRecorded, false);
    await s.children.update(system, n4.id, n4.version, { ...childFormValues(n4), homePostcode: 'BS1 1AA' });
    const kept = await s.children.get(system, n4.id);
    assert.equal(kept.nameRecorded, false);
    await s.children.update(system, n4.id, kept.version, { ...childFormValues(kept), firstName: 'Dee', lastName: 'Example' });
    assert.equal((await named('N4')).nameRecorded, true);
    assert.deepEqual((await s.work.queues(actor(admin), [])).find((q) => q.id === 'unallocated-names')?.items, []);
  } finally {
    await database.close();
  }
});
