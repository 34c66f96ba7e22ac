/**
 * Repository functions with conditions, joins or SQL of their own that the service tests do not
 * reach directly: each is checked on a small set of rows written for it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { child, household } from '../src/data/schema.ts';
import { insertUser } from '../src/data/repositories/users.ts';
import { freshDatabase } from './helpers.ts';
import type { Database } from '../src/data/db.ts';
import { insertOrganisation } from '../src/data/repositories/organisations.ts';
import { insertChild, insertLegalStatus, listChildren, siblingLinksTouching, insertSiblingLink, childIdByReference, childrenByReferences } from '../src/data/repositories/children.ts';
import { highestHouseholdReference, householdIdByReference, insertHousehold, insertHouseholdMember, listHouseholds, placementsInHouseholds } from '../src/data/repositories/households.ts';
import { insertPlacement, listPlacements, livePlacementsOfChildren, lockLivePlacementEndingOn, setPlacement, findPlacement } from '../src/data/repositories/placements.ts';
import { insertPlacementRequest, latestRequestOfChildIn, lockAndReadHighestReference } from '../src/data/repositories/placement-requests.ts';
import { countDirty, takeDirtySources } from '../src/data/repositories/obligation-store.ts';
import { householdIdsOfChild, otherChildrenPlacedWith, scopeOfPerson } from '../src/data/repositories/obligation-facts.ts';
import { claimEmail, insertEmail, lockNextUnsentEmail, recordEmailOutcome } from '../src/data/repositories/email-queue.ts';

let database: Database;
let laId: string;
const ids: Record<string, string> = {};

before(async () => {
  database = await freshDatabase();
  const db = database.db;
  laId = (await insertOrganisation(db, { kind: 'local_authority', name: 'Repo County Council', laCode: '992' })).id;
  const childValues = (reference: string, firstName: string, lastName: string) => ({
    reference,
    firstName,
    lastName,
    dateOfBirth: '2015-05-01',
    sex: 'F' as const,
    ethnicity: 'WBRI',
    upn: 'UN1',
    responsibleAuthorityId: laId,
    categoryOfNeed: 'N1',
  });
  ids.amy = (await insertChild(db, childValues('C000101', 'Amy', 'Able'))).id;
  ids.ben = (await insertChild(db, childValues('C000102', 'Ben', 'Baker'))).id;
  ids.cat = (await insertChild(db, { ...childValues('C000103', 'Cat', 'Cole'), otherNames: [{ name: 'Kitty', kind: 'nickname' }] })).id;
  await insertLegalStatus(db, { childId: ids.amy, code: 'C2', startDate: '2025-01-01', endDate: '2025-06-01' });
  await insertLegalStatus(db, { childId: ids.ben, code: 'C2', startDate: '2025-01-01', endDate: null });
  const household = (reference: string, postcode: string) => ({ reference, addressLine1: '1 Road', town: 'Town', postcode, fosteringServiceId: laId, approvalStatus: 'approved' as const });
  ids.h1 = (await insertHousehold(db, household('H00007', 'AB1 2CD'))).id;
  ids.h2 = (await insertHousehold(db, household('H00012', 'ZZ9 9ZZ'))).id;
  await insertHouseholdMember(db, { householdId: ids.h1, kind: 'carer', firstName: 'Dora', lastName: 'Dean', position: 1 });
  const placement = (childId: string, householdId: string, startDate: string, endDate: string | null, status: 'planned' | 'active' | 'ended' | 'cancelled') => ({
    childId,
    householdId,
    startDate,
    endDate,
    status,
    placementType: 'U3',
  });
  ids.p1 = (await insertPlacement(db, placement(ids.amy, ids.h1, '2025-01-01', '2025-03-01', 'active'))).id;
  ids.p2 = (await insertPlacement(db, placement(ids.amy, ids.h2, '2025-03-01', null, 'planned'))).id;
  ids.p3 = (await insertPlacement(db, placement(ids.ben, ids.h1, '2024-01-01', '2024-06-01', 'ended'))).id;
  ids.p4 = (await insertPlacement(db, placement(ids.cat, ids.h2, '2024-01-01', null, 'cancelled'))).id;
});

after(async () => {
  await database?.close();
});

test('children: a name, another name or a legal status held on the day finds a child', async () => {
  const db = database.db;
  const byNickname = await listChildren(db, { q: 'kitt' }, '2025-02-01', 10);
  assert.deepEqual(byNickname.map((c) => c.reference), ['C000103']);
  const byFullName = await listChildren(db, { q: 'amy able' }, '2025-02-01', 10);
  assert.deepEqual(byFullName.map((c) => c.reference), ['C000101']);
  const c2InFebruary = await listChildren(db, { legalStatus: 'C2' }, '2025-02-01', 10);
  assert.deepEqual(c2InFebruary.map((c) => c.reference), ['C000101', 'C000102']);
  const c2InJuly = await listChildren(db, { legalStatus: 'C2' }, '2025-07-01', 10);
  assert.deepEqual(c2InJuly.map((c) => c.reference), ['C000102'], 'a status that ended no longer counts');
  assert.equal((await listChildren(db, {}, '2025-02-01', 2)).length, 2, 'the limit is kept');
  assert.equal(await childIdByReference(db, 'c000102'), ids.ben, 'references compare in capitals');
  assert.deepEqual((await childrenByReferences(db, ['C000101', 'C999999'])).map((c) => c.id), [ids.amy]);
});

test('children: sibling links are found from either child', async () => {
  const db = database.db;
  await insertSiblingLink(db, { childId: ids.amy! < ids.ben! ? ids.amy! : ids.ben!, siblingId: ids.amy! < ids.ben! ? ids.ben! : ids.amy! });
  assert.equal((await siblingLinksTouching(db, [ids.amy!])).length, 1);
  assert.equal((await siblingLinksTouching(db, [ids.ben!])).length, 1);
  assert.equal((await siblingLinksTouching(db, [ids.cat!])).length, 0);
});

test('households: found by reference, postcode without spaces or carer; children placed now counted; the highest reference', async () => {
  const db = database.db;
  assert.deepEqual((await listHouseholds(db, { q: 'ab12c' }, 10)).map((h) => h.h.reference), ['H00007']);
  assert.deepEqual((await listHouseholds(db, { q: 'dora dean' }, 10)).map((h) => h.h.reference), ['H00007']);
  const all = await listHouseholds(db, {}, 10);
  assert.deepEqual(
    all.map((h) => [h.h.reference, h.placedNow]),
    [
      ['H00007', 1],
      ['H00012', 0],
    ],
  );
  assert.equal(await highestHouseholdReference(db), 'H00012');
  assert.equal(await householdIdByReference(db, 'h00012'), ids.h2);
  const live = await placementsInHouseholds(db, [ids.h1!, ids.h2!], ['active', 'planned']);
  assert.deepEqual(live.map((p) => p.childId).sort(), [ids.amy, ids.amy].sort());
  const withEnded = await placementsInHouseholds(db, [ids.h1!], ['active', 'planned', 'ended']);
  assert.equal(withEnded.length, 2);
});

test('placements: lists filter by household reference and name; live placements and the one a move leaves', async () => {
  const db = database.db;
  const inH1 = await listPlacements(db, { householdReference: 'h00007' }, 10);
  assert.deepEqual(inH1.map((p) => p.p.id), [ids.p1, ids.p3], 'latest start first');
  assert.deepEqual((await listPlacements(db, { q: 'cat cole' }, 10)).map((p) => p.p.id), [ids.p4]);
  const live = await livePlacementsOfChildren(db, [ids.amy!, ids.ben!, ids.cat!]);
  assert.deepEqual(live.map((p) => p.id).sort(), [ids.p1, ids.p2].sort());
  await database.db.transaction(async (tx) => {
    const left = await lockLivePlacementEndingOn(tx, ids.amy!, '2025-03-01', ids.p2!);
    assert.equal(left?.id, ids.p1);
    assert.equal(await lockLivePlacementEndingOn(tx, ids.amy!, '2025-03-01', ids.p1!), undefined, 'the placement itself is left out');
  });
  const before = await findPlacement(db, ids.p4!);
  await setPlacement(db, ids.p4!, { reasonEnded: 'E11' });
  const afterSet = await findPlacement(db, ids.p4!);
  assert.equal(afterSet?.version, before!.version + 1, 'a change counts a new version');
});

test('placement requests: the highest PR reference and the newest open request of a child', async () => {
  const db = database.db;
  await db.transaction(async (tx) => {
    assert.equal(await lockAndReadHighestReference(tx), 0);
    await insertPlacementRequest(tx, { reference: 'PR00041', childId: ids.amy!, status: 'draft' });
    await insertPlacementRequest(tx, { reference: 'PR00009', childId: ids.amy!, status: 'withdrawn' });
    assert.equal(await lockAndReadHighestReference(tx), 41);
  });
  assert.equal((await latestRequestOfChildIn(db, ids.amy!, ['draft', 'submitted']))?.reference, 'PR00041');
  assert.equal(await latestRequestOfChildIn(db, ids.ben!, ['draft', 'submitted']), undefined);
});

test('e-mail queue: a message is claimed once while its lease lasts, and is not offered again once sent', async () => {
  const db = database.db;
  const { id } = await insertEmail(db, { toAddresses: ['a@example.test'], subject: 'S', bodyText: 'B', transport: 'smtp' }, false);
  await insertEmail(db, { toAddresses: ['b@example.test'], subject: 'Outbox', bodyText: 'B', transport: 'outbox' }, true);
  const [first, second] = [randomUUID(), randomUUID()];
  const claimed = await db.transaction(async (tx) => {
    const next = await lockNextUnsentEmail(tx);
    assert.equal(next?.id, id, 'only SMTP messages not yet sent are offered');
    return claimEmail(tx, id, first, 'test', 600);
  });
  assert.equal(claimed, first);
  assert.equal(await db.transaction((tx) => lockNextUnsentEmail(tx)), undefined, 'a live lease hides the message');
  assert.equal(await claimEmail(db, id, second, 'other', 600), undefined, 'another claim does not take a live lease');
  await recordEmailOutcome(db, id, { sentAt: new Date(), error: null });
  await recordEmailOutcome(db, id, { sentAt: null, error: 'late failure' });
  const rows = (await db.execute(sql`select sent_at, error from outbound_email where id = ${id}`)) as unknown as { rows: { sent_at: Date | null; error: string | null }[] };
  assert.notEqual(rows.rows[0]?.sent_at, null);
  assert.equal(rows.rows[0]?.error, null, 'the first outcome recorded stands');
});

test('obligations: a reader takes only the dirty sources in its scope; the scope queries follow placements', async () => {
  const db = database.db;
  const waiting = await countDirty(db);
  assert.ok(waiting >= 5, 'writing children and households marks them dirty');
  const taken = await db.transaction((tx) => takeDirtySources(tx, { scope: { childIds: [ids.amy!], householdIds: [] } }));
  assert.deepEqual(taken, [{ source_type: 'child', source_id: ids.amy, none_stored: false }], 'marked by a change: its stored rows are to be replaced');
  assert.equal(await countDirty(db), waiting - 1);
  const two = await db.transaction((tx) => takeDirtySources(tx, { limit: 2 }));
  assert.equal(two.length, 2, 'at most the limit');
  assert.deepEqual((await householdIdsOfChild(db, ids.amy!)).map((h) => h.id).sort(), [ids.h1, ids.h2].sort());
  assert.deepEqual(await scopeOfPerson(db, randomUUID()), { childIds: [], householdIds: [] }, 'nobody’s');
  // A supervising social worker of h1 who is also Cat's social worker: h1, the children ever placed
  // there (Amy, and Ben, whose placement has ended) and Cat, each once.
  const worker = await insertUser(db, { organisationId: laId, email: 'scope@example.test', fullName: 'Sam Scope', role: 'supervising_social_worker' });
  await db.update(household).set({ supervisingSocialWorkerId: worker.id }).where(eq(household.id, ids.h1!));
  await db.update(child).set({ socialWorkerId: worker.id }).where(eq(child.id, ids.cat!));
  const scope = await scopeOfPerson(db, worker.id);
  assert.deepEqual({ childIds: [...scope.childIds].sort(), householdIds: scope.householdIds }, { childIds: [ids.amy, ids.ben, ids.cat].sort(), householdIds: [ids.h1] });
  const others = await otherChildrenPlacedWith(db, [ids.h2!], ids.amy!);
  assert.deepEqual(others, [], 'a cancelled placement does not count');
});
