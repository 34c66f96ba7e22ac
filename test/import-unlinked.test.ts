/**
 * Imported placements whose carers were not found in the carers' register (kept with a household
 * "not known"): the placement team answers for their supervising social worker's obligations and has
 * them in a work queue until a placement officer links each to a household, through the domain's rule
 * (decideHouseholdLink); then the obligations fall to that household's supervising social worker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { appUser, household, organisation, placement } from '../src/data/schema.ts';
import { createServices } from '../src/services/index.ts';
import { UNLINKED_OWNER } from '../src/services/obligations.ts';
import { freshDatabase } from './helpers.ts';

const TODAY = '2026-11-20';
const system = { actor: null, correlationId: 'test-unlinked' };

test('placements with a household not known: the placement team owns their obligations and queue until linked, then the household’s supervising social worker', async () => {
  const database = await freshDatabase();
  try {
    const s = createServices(database, { allowDemoAccounts: false, today: () => TODAY });
    // B1: a placement with carers the return calls PR1 at BS7 8AB (current), then before it one elsewhere.
    const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nB1,M,01/02/2015,WBRI,UN1,,\n';
    const episodes =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      'B1,01/05/2025,S,C2,N1,U4,PR1,16/11/2026,E3,CARPL,BS1 1AA,BS6 1AA,SC000001\n' +
      'B1,16/11/2026,P,C2,N1,U4,PR1,,,,BS1 1AA,BS7 8AB,SC000001\n';
    const report = await s.imports.run(system, { current: [{ name: 'h.csv', content: header }, { name: 'e.csv', content: episodes }] }, { dryRun: false, authority: { name: 'Testborough (test)', code: '999' } });
    assert.equal(report.children.created, 1, JSON.stringify(report.errors));
    assert.equal(report.placements.householdNotKnown, 2);

    const [la] = await database.db.select().from(organisation);
    const [officer] = await database.db.insert(appUser).values({ organisationId: la!.id, email: 'po@test.invalid', fullName: 'Pat Officer', role: 'placement_officer', active: true }).returning();
    const [ssw] = await database.db.insert(appUser).values({ organisationId: la!.id, email: 'ssw@test.invalid', fullName: 'Sam Supervisor', role: 'supervising_social_worker', active: true }).returning();
    const po = { actor: { userId: officer!.id, name: 'Pat Officer', email: 'po@test.invalid', role: 'placement_officer' as const, organisationId: la!.id, teamId: null }, correlationId: 'test-po' };
    const [childRow] = (await s.imports.unresolved(system)).items;
    assert.ok(childRow);
    const childId = childRow.childId;

    // The supervising social worker's obligations of the current placement: the placement team answers for them.
    const sswRows = async () => (await s.obligations.list(system, { childId })).items.filter((r) => r.responsible.role === 'supervising_social_worker' && r.status !== 'not_applicable');
    const before = await sswRows();
    assert.ok(before.length > 0, 'the current placement has supervising social worker obligations');
    assert.ok(before.every((r) => r.responsible.name === UNLINKED_OWNER && r.responsible.userId === null));

    // The placement officer's queue: one item per household not known, the current one marked.
    const queues = await s.work.queues(po, []);
    const queue = queues.find((q) => q.id === 'unlinked-placements');
    assert.equal(queue?.items.length, 2);
    const current = queue?.items.find((i) => i.action.includes('(current)'));
    assert.match(current?.action ?? '', /^Link the placement from 16 November 2026 \(current\), kept as NK-B1-\d, to a household$/);
    assert.deepEqual(current?.childIds, [childId]);
    assert.equal(await s.work.count(po.actor), 2);

    // Two households; the earlier placement's carers were H00002's.
    const approved = { town: 'Testbury', fosteringServiceId: la!.id, approvalStatus: 'approved' as const, approvalDate: '2020-01-01' };
    const [h1] = await database.db.insert(household).values({ ...approved, reference: 'H00001', addressLine1: '1 Test Road', postcode: 'BS7 8AB', supervisingSocialWorkerId: ssw!.id }).returning();
    await database.db.insert(household).values({ ...approved, reference: 'H00002', addressLine1: '2 Test Road', postcode: 'BS6 1AA' });
    const notKnownOf = async (start: string) => (await database.db.select().from(placement).where(eq(placement.startDate, start)))[0]!.householdId;
    await s.imports.linkHousehold(po, await notKnownOf('2025-05-01'), 'H00002');

    // The return says the carers changed on 16 November 2026: the next placement cannot be H00002's too.
    await assert.rejects(s.imports.linkHousehold(po, await notKnownOf('2026-11-16'), 'H00002'), /from 1 May 2025 is already with H00002.*the carers changed/);
    const linked = await s.imports.linkHousehold(po, await notKnownOf('2026-11-16'), 'H00001');
    assert.deepEqual(linked, { moved: 1, householdId: h1!.id });

    const after = await sswRows();
    assert.ok(after.length > 0);
    assert.ok(after.every((r) => r.responsible.userId === ssw!.id && r.responsible.name === 'Sam Supervisor'), JSON.stringify(after.map((r) => r.responsible)));
    assert.equal((await s.work.queues(po, [])).find((q) => q.id === 'unlinked-placements')?.items.length, 0);
  } finally {
    await database.close();
  }
});
