/**
 * Parent and child fostering: family members shared by siblings; recording an arrangement with its
 * legal scenario checked against the people's legal status; what must be in place before placing
 * (the placement gate); advocacy, health observations, extra support; counting places.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { approvedHousehold, childInserter, problemsOf, testWorld, type TestWorld } from './helpers.ts';
import { auditEvent, childDocument, familyMember, household, legalStatus, parentChildArrangement, parentChildArrangementPerson, placement, placementRequest } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { evaluateHousehold, householdFacts } from '../src/services/matching.ts';
import { placeCounts } from '../src/domain/matching/places.ts';

// Wednesday 4 March 2026.
const TODAY = '2026-03-04';
let w: TestWorld;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const insertChild = childInserter(() => w, (n) => ({ reference: `PC${n}`, firstName: `Pc${n}`, lastName: 'Reid', dateOfBirth: '2026-01-10' }));
let householdId = '';

before(async () => {
  w = await testWorld({ today: TODAY });
  householdId = await approvedHousehold(w, { reference: 'HPC1', addressLine1: '4 Level Four Lane' });
  await w.database.db.update(household).set({ placementKinds: ['parent_and_child', 'short_term'], skillLevel: 4, approvedChildren: 2 }).where(eq(household.id, householdId));
});
after(async () => w.close());

const inCare = (childId: string, startDate = '2026-01-12') => w.database.db.insert(legalStatus).values({ childId, code: 'C1', startDate });

const arrangement = (over: Record<string, unknown>) => ({
  householdId,
  legalScenario: 'child_in_care',
  scenarioRationale: 'The baby is subject to an interim care order; the mother is 19 and not looked after.',
  needArose: 'pre_birth_assessment',
  needAroseOn: '2026-01-05',
  ...over,
});

test('a parent added to a sibling is the same person (shared across linked siblings)', async () => {
  const s = w.services.children;
  const older = await insertChild({ familyMembers: [{ name: 'Kayla Reid', relationship: 'mother' }] });
  const younger = await insertChild();
  await s.linkSibling(ctx('social_worker'), younger.id, { siblingReference: older.reference });
  const got = await s.get(ctx('social_worker'), younger.id);
  await s.update(ctx('social_worker'), younger.id, got.version, { ...childBodyOf(got), familyMembers: [{ name: 'Kayla  Reid', relationship: 'mother' }] });
  const olderMum = (await s.get(ctx('social_worker'), older.id)).familyMembers[0]!;
  const youngerMum = (await s.get(ctx('social_worker'), younger.id)).familyMembers[0]!;
  assert.equal(youngerMum.id, olderMum.id, 'one person, mother of both');
  assert.equal((await w.database.db.select().from(familyMember).where(eq(familyMember.name, 'Kayla Reid'))).length, 1);
});

function childBodyOf(c: Awaited<ReturnType<TestWorld['services']['children']['get']>>) {
  return {
    reference: c.reference,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    sex: c.sex,
    ethnicity: c.ethnicity,
    upn: c.upn,
    responsibleAuthorityId: c.responsibleAuthorityId,
    socialWorkerId: c.socialWorkerId ?? '',
    iroId: c.iroId ?? '',
    categoryOfNeed: c.categoryOfNeed,
  };
}

test('2.3: the parent not in care is a family member; the scenario is checked against the legal status; a parent under 18 needs the child in need assessment date', async () => {
  const baby = await insertChild({ familyMembers: [{ name: 'Shannon Reid', relationship: 'mother' }] });
  const [mum] = await w.database.db.select().from(familyMember).where(eq(familyMember.name, 'Shannon Reid'));
  const people = [
    { role: 'parent', familyMemberId: mum!.id },
    { role: 'child', childId: baby.id },
  ];
  // The baby is not yet in care: 2.3 does not fit.
  assert.match((await problemsOf(w.services.parentAndChild.create(ctx('social_worker'), arrangement({ people })))).join('\n'), /legalScenario: Pc\d+ Reid is not in care on 4 March 2026/);
  await inCare(baby.id);
  // The mother's date of birth makes her 17.
  await w.database.db.update(familyMember).set({ dateOfBirth: '2008-06-01', advocacyNeed: 'Learning disability: needs help to follow meetings' }).where(eq(familyMember.id, mum!.id));
  assert.match((await problemsOf(w.services.parentAndChild.create(ctx('social_worker'), arrangement({ people })))).join('\n'), /parentNotCinAssessedOn: Shannon Reid is under 18/);
  await assert.rejects(w.services.parentAndChild.create(ctx('iro'), arrangement({ people, parentNotCinAssessedOn: '2026-02-01' })), ForbiddenError);

  const a = await w.services.parentAndChild.create(ctx('social_worker'), arrangement({ people, parentNotCinAssessedOn: '2026-02-01' }));
  assert.match(a.reference, /^PC\d{5}$/);
  assert.deepEqual(a.people.map((p) => [p.role, p.name, p.inCare]), [['parent', 'Shannon Reid', false], ['child', `${baby.firstName} Reid`, true]]);
  assert.deepEqual(a.obligations.map((o) => [o.role, o.fostered, o.householdMember]), [['parent', false, true], ['child', true, false]]);
  // Nothing recorded before placing yet: the agreement and the plans are missing; advocacy not offered is visible.
  assert.deepEqual(a.beforePlacing.map((r) => r.code), ['sharing-agreement-missing', 'contingency-missing', 'contingency-missing']);
  assert.deepEqual(a.notices.map((n) => n.code), ['advocacy-not-offered']);
  const audit = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'parent-and-child.recorded'));
  assert.deepEqual(audit.at(-1)?.childIds, [baby.id]);

  // The gate: a parent-and-child placement of the baby is refused until the agreement and the plans are in.
  const place = () => w.services.placements.create(ctx('placement_officer'), { childId: baby.id, householdId, startDate: TODAY, placementType: 'U3', status: 'active', kind: 'parent_and_child', assessmentPeriodEndsOn: '2026-03-31' });
  const refused = (await problemsOf(place())).join('\n');
  assert.match(refused, /No information-sharing agreement is recorded/);
  assert.match(refused, /No contingency plan for the outcome “The placement succeeds/);
  assert.equal((await w.database.db.select().from(placement).where(eq(placement.childId, baby.id))).length, 0, 'nothing stored');

  const pcs = w.services.parentAndChild;
  // Child protection procedures in effect: the chair is needed.
  const agreement = { whatShared: 'Observations of feeding and care', sharedWith: 'Health visitor, carers, SW', whenShared: 'After each visit', howShared: 'Secure e-mail', agreedWithParentOn: '2026-02-20' };
  assert.deepEqual(await problemsOf(pcs.recordSharingAgreement(ctx('social_worker'), a.id, { ...agreement, childProtectionApplies: true })), [
    'chairName: Child protection procedures are in effect: enter the name of the Child Protection Conference Chair who confirms the arrangements are sufficient',
    'chairConfirmedOn: Child protection procedures are in effect: enter the date the chair confirmed the arrangements are sufficient',
  ]);
  await pcs.recordSharingAgreement(ctx('social_worker'), a.id, { ...agreement, childProtectionApplies: true, chairName: 'Priya Shah', chairConfirmedOn: '2026-02-25' });
  await pcs.recordContingency(ctx('social_worker'), a.id, { outcome: 'success', plan: 'Plan future family life; Step Up, Step Down, Step Across referral' });
  assert.match((await problemsOf(place())).join('\n'), /The placement fails and the child is in care/);
  await pcs.recordContingency(ctx('supervising_social_worker'), a.id, { outcome: 'failure_child_in_care', plan: 'Move the baby to the Level 2 carers already identified' });
  await pcs.recordHealthObservation(ctx('social_worker'), a.id, { professional: 'health_visitor', professionalName: 'Gill Moss', observedOn: '2026-03-02', observation: 'Feeding well; mother responsive' });
  const offer = await pcs.offerAdvocacy(ctx('social_worker'), a.id, { personId: a.people[0]!.id, offeredOn: '2026-03-03' });
  let v = await pcs.get(ctx('social_worker'), a.id);
  assert.deepEqual(v.beforePlacing, []);
  assert.deepEqual(v.notices.map((n) => n.code), ['advocacy-unanswered']);
  assert.deepEqual(await problemsOf(pcs.answerAdvocacy(ctx('social_worker'), a.id, offer, { version: 1, response: 'accepted', respondedOn: '2026-03-03' })), ['advocate: Enter the advocate (a person or a service) the parent accepted']);
  await pcs.answerAdvocacy(ctx('social_worker'), a.id, offer, { version: 1, response: 'accepted', respondedOn: '2026-03-03', advocate: 'Voices Advocacy Service' });
  await assert.rejects(pcs.answerAdvocacy(ctx('social_worker'), a.id, offer, { version: 1, response: 'declined', respondedOn: '2026-03-03' }), /changed by someone else/);
  v = await pcs.get(ctx('social_worker'), a.id);
  assert.deepEqual(v.notices, []);

  // Now the placement starts, and the baby's own placement is linked to the arrangement.
  const p = await place();
  const [person] = await w.database.db.select().from(parentChildArrangementPerson).where(and(eq(parentChildArrangementPerson.arrangementId, a.id), eq(parentChildArrangementPerson.childId, baby.id)));
  assert.equal(person?.placementId, p.id);
  const started = await pcs.get(ctx('social_worker'), a.id);
  assert.deepEqual([started.status, started.startDate], ['active', TODAY], 'the planned arrangement starts with the placement');

  // 7.7: extra support considered when the placement may be failing.
  await pcs.recordExtraSupport(ctx('supervising_social_worker'), a.id, { consideredOn: TODAY, socialWorkerName: 'Test social worker', supervisingSocialWorkerName: 'Test SSW', forParent: 'Daily visits from the family support worker', forCarers: 'Respite evening each week' });
  v = await pcs.get(ctx('team_manager'), a.id);
  assert.equal(v.records.extraSupport.length, 1);
  assert.equal(v.records.observations[0]?.professionalName, 'Gill Moss');
  const views = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'parent-and-child.viewed'));
  assert.deepEqual(views.at(-1)?.childIds, [baby.id], 'a view of the arrangement names the child');
});

test('2.2: the child placed with their parent in care takes no place; the parent takes one', async () => {
  const mum = await insertChild({ firstName: 'Jade', dateOfBirth: '2010-02-01' });
  await inCare(mum.id, '2024-05-01');
  const baby = await insertChild({ firstName: 'Mia' });
  // The court order is on Jade's file; a document on another child's file is refused.
  const [order] = await w.database.db.insert(childDocument).values({ childId: mum.id, title: 'Interim order, 1 February 2026', fileName: 'order.pdf', contentType: 'application/pdf', sizeBytes: 3, content: Buffer.from('pdf') }).returning();
  const stranger = await insertChild();
  const [elsewhere] = await w.database.db.insert(childDocument).values({ childId: stranger.id, title: 'Not theirs', fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 3, content: Buffer.from('pdf') }).returning();
  const body = (needDocumentId: string) =>
    arrangement({ legalScenario: 'parent_in_care', scenarioRationale: 'Jade is looked after (C1); Mia is not: no order, placed with her mother', needArose: 'court_order', needDocumentId, people: [{ role: 'parent', childId: mum.id }, { role: 'child', childId: baby.id }] });
  assert.deepEqual(await problemsOf(w.services.parentAndChild.create(ctx('social_worker'), body(elsewhere!.id))), ['needDocumentId: Select a document on the file of a child in the arrangement']);
  const a = await w.services.parentAndChild.create(ctx('social_worker'), body(order!.id));
  assert.deepEqual(a.needDocument, { id: order!.id, childId: mum.id, title: 'Interim order, 1 February 2026', createdAt: order!.createdAt });
  assert.deepEqual(a.obligations.map((o) => [o.role, o.regulations]), [['parent', ['care_planning', 'fostering_services']], ['child', ['care_planning', 'placement_with_parent']]]);
  // With both placed there (each their own placement, linked to the arrangement), the household counts one foster child.
  const other = await w.database.db.insert(household).values({ reference: 'HPC2', addressLine1: '2 Lane', town: 'T', postcode: 'BS37 5AA', fosteringServiceId: w.laId, approvalStatus: 'approved', approvedChildren: 1, ageMin: 0, ageMax: 17, placementKinds: ['parent_and_child'], skillLevel: 4 }).returning();
  const hid = other[0]!.id;
  const placements = await w.database.db.insert(placement).values([mum.id, baby.id].map((childId) => ({ childId, householdId: hid, startDate: '2026-03-01', placementType: 'U3', status: 'active' as const, kind: 'parent_and_child' as const }))).returning();
  await w.database.db.update(parentChildArrangementPerson).set({ placementId: placements[0]!.id }).where(eq(parentChildArrangementPerson.childId, mum.id));
  await w.database.db.update(parentChildArrangementPerson).set({ placementId: placements[1]!.id }).where(eq(parentChildArrangementPerson.childId, baby.id));
  await w.database.db.update(parentChildArrangement).set({ householdId: hid }).where(eq(parentChildArrangement.id, a.id));
  const facts = await w.database.db.transaction((tx) => householdFacts(tx, hid));
  assert.deepEqual(placeCounts(facts, facts.placements, TODAY), { approved: 1, placed: 1, free: 0 });
  assert.deepEqual(facts.placements.map((p) => [p.childId === mum.id ? 'mum' : 'baby', p.fostered !== false]).sort(), [['baby', false], ['mum', true]]);
  // Approved for two, the household has one place free: matching (its database prefilter too) offers it for another child.
  await w.database.db.update(household).set({ approvedChildren: 2 }).where(eq(household.id, hid));
  const next = await insertChild({ firstName: 'Ava', dateOfBirth: '2025-06-01' });
  await inCare(next.id);
  const [request] = await w.database.db.insert(placementRequest).values({ reference: `PR-${next.reference}`, childId: next.id, status: 'submitted', kind: 'parent_and_child', neededBy: TODAY }).returning();
  const match = await w.services.matching.matchRequest(ctx('placement_officer'), request!.id);
  assert.equal(match.excludedFirst.find((x) => x.code === 'not-enough-places'), undefined, `the baby placed with her fostered mother takes no place: ${JSON.stringify(match.excludedFirst)}`);
  assert.ok(match.eligible.some((e) => e.household.reference === 'HPC2'), 'HPC2 has a place free');
});

test('the scenario must match who is in care: 2.1 with a parent not in care is refused, naming them', async () => {
  const mum = await insertChild({ firstName: 'Lily', dateOfBirth: '2010-02-01' });
  const baby = await insertChild({ firstName: 'Noah' });
  await inCare(baby.id);
  const problems = await problemsOf(
    w.services.parentAndChild.create(ctx('social_worker'), arrangement({ legalScenario: 'both_in_care', needArose: 'older_child', needReason: '', people: [{ role: 'parent', childId: mum.id }, { role: 'child', childId: baby.id }] })),
  );
  assert.ok(problems.some((p) => /^legalScenario: Lily Reid is not in care/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /^needReason: Give the reason for a placement with an older child/.test(p)));
});

test('2.1: the parent in care arriving with their baby takes a place too, so one free place is not enough', async () => {
  const mum = await insertChild({ firstName: 'Esme', dateOfBirth: '2009-09-09' });
  const baby = await insertChild({ firstName: 'Rory' });
  await inCare(mum.id, '2023-01-01');
  await inCare(baby.id);
  const [h] = await w.database.db
    .insert(household)
    .values({ reference: 'HPC3', addressLine1: '3 Lane', town: 'T', postcode: 'BS37 5AA', fosteringServiceId: w.laId, approvalStatus: 'approved', approvedChildren: 1, ageMin: 0, ageMax: 17, placementKinds: ['parent_and_child'], skillLevel: 4 })
    .returning();
  const pcs = w.services.parentAndChild;
  const a = await pcs.create(ctx('social_worker'), arrangement({ householdId: h!.id, legalScenario: 'both_in_care', scenarioRationale: 'Both looked after', needArose: 'court_order', people: [{ role: 'parent', childId: mum.id }, { role: 'child', childId: baby.id }] }));
  await pcs.recordSharingAgreement(ctx('social_worker'), a.id, { whatShared: 'a', sharedWith: 'b', whenShared: 'c', howShared: 'd', agreedWithParentOn: '2026-03-01' });
  for (const outcome of ['success', 'failure_child_in_care']) await pcs.recordContingency(ctx('social_worker'), a.id, { outcome, plan: 'A plan' });
  const place = (approvedChildren: number) =>
    w.database.db
      .update(household)
      .set({ approvedChildren })
      .where(eq(household.id, h!.id))
      .then(() => w.services.placements.create(ctx('placement_officer'), { childId: baby.id, householdId: h!.id, startDate: TODAY, placementType: 'U3', status: 'active', kind: 'parent_and_child', assessmentPeriodEndsOn: '2026-03-31' }));
  // Matching a request for the baby counts the mother arriving with her, as the gate does: one free place is not enough.
  const [request] = await w.database.db.insert(placementRequest).values({ reference: `PR-${baby.reference}`, childId: baby.id, status: 'submitted', kind: 'parent_and_child', neededBy: TODAY }).returning();
  const listed = async () => (await w.services.matching.matchRequest(ctx('placement_officer'), request!.id)).eligible.some((e) => e.household.reference === 'HPC3');
  const recheck = () => w.database.db.transaction((tx) => evaluateHousehold(tx, request!.id, h!.id, TODAY));
  const first = await w.services.matching.matchRequest(ctx('placement_officer'), request!.id);
  assert.equal(first.eligible.some((e) => e.household.reference === 'HPC3'), false, 'not suitable with one free place');
  assert.ok(first.excludedFirst.some((x) => x.code === 'not-enough-places'), 'the database prefilter counts the parent too');
  const again = await recheck();
  assert.deepEqual([again.eligible, again.reasons], [false, ['Approved for 1 child and 0 are placed, so only 1 place is free; the request is for 2 children (Rory and the parent Esme, who arrives too).']]);
  const refused = (await problemsOf(place(1))).join('\n');
  assert.match(refused, /Approved for 1 child and 0 are placed, so only 1 place is free; the request is for 2 children \(Rory and the parent Esme, who arrives too\)/);
  assert.doesNotMatch(refused, /sibling/, 'the arriving parent is not a sibling');
  await w.database.db.update(household).set({ approvedChildren: 2 }).where(eq(household.id, h!.id));
  assert.equal(await listed(), true, 'two free places: suitable');
  assert.equal((await recheck()).eligible, true);
  const p = await place(2);
  assert.equal(p.childId, baby.id);
});
