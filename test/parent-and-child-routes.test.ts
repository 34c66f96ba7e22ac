/**
 * Parent and child fostering through the pages and the API: every route, its permission, its audit,
 * bad input shown as the GOV.UK error summary or problem+json, changing nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, familyMember, household, legalStatus, parentChildArrangement, pcContingencyPlan } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { ArrangementResponse } from '../src/api/parent-and-child.ts';

const TODAY = '2026-03-04';
let w: TestWorld;
let token = '';
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `PR${n}`, firstName: `Route${n}`, lastName: 'Okafor', dateOfBirth: '2026-01-10' }));
let householdId = '';

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'social_worker');
  householdId = await approvedHousehold(w, { reference: 'HPR1', addressLine1: '9 Harbour Row' });
  await w.database.db.update(household).set({ placementKinds: ['parent_and_child'], skillLevel: 4 }).where(eq(household.id, householdId));
});
after(async () => w.close());

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

test('pages: record an arrangement for a child (errors first), see it, record everything before placing, and change a family member', async () => {
  const baby = await insertChild({ familyMembers: [{ name: 'Adaeze Okafor', relationship: 'mother' }] });
  await w.database.db.insert(legalStatus).values({ childId: baby.id, code: 'C1', startDate: '2026-01-12' });
  const [mum] = await w.database.db.select().from(familyMember).where(eq(familyMember.name, 'Adaeze Okafor'));
  const sw = await clients('social_worker');

  // The child's page shows the family member and the way to record an arrangement.
  const childPage = await sw.get(paths.children.show(baby.id));
  assert.equal(childPage.statusCode, 200);
  assert.match(childPage.body, new RegExp(`href="${paths.parentAndChild.familyMember(mum!.id)}">Adaeze Okafor<`));
  assert.match(childPage.body, /Record a parent and child arrangement with this child/);

  const form = await sw.get(paths.parentAndChild.newForChild(baby.id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Adaeze Okafor \(mother\)/);
  assert.match(form.body, /HPR1, Testford \(level 4\)/);

  const bad = await sw.post(paths.parentAndChild.newForChild(baby.id), { householdId, parent: `member:${mum!.id}`, legalScenario: 'both_in_care', scenarioRationale: '', needArose: 'court_order', ...date('needAroseOn', '2026-02-01') });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /href="#scenarioRationale">Enter the rationale/);
  assert.equal((await w.database.db.select().from(parentChildArrangement)).length, 0, 'nothing stored');

  const wrongScenario = await sw.post(paths.parentAndChild.newForChild(baby.id), { householdId, parent: `member:${mum!.id}`, legalScenario: 'both_in_care', scenarioRationale: 'x', needArose: 'court_order', ...date('needAroseOn', '2026-02-01') });
  assert.equal(wrongScenario.statusCode, 400);
  assert.match(wrongScenario.body, /Adaeze Okafor is not in care on 4 March 2026/);

  // 2.3 needs the parent's date of birth (under 18, the child in need assessment date is needed too).
  const noDob = await sw.post(paths.parentAndChild.newForChild(baby.id), { householdId, parent: `member:${mum!.id}`, legalScenario: 'child_in_care', scenarioRationale: 'x', needArose: 'court_order', ...date('needAroseOn', '2026-02-01') });
  assert.match(noDob.body, /href="#parent">Enter Adaeze Okafor’s date of birth/);
  await w.database.db.update(familyMember).set({ dateOfBirth: '2001-04-04' }).where(eq(familyMember.id, mum!.id));
  const ok = await sw.post(paths.parentAndChild.newForChild(baby.id), {
    householdId,
    parent: `member:${mum!.id}`,
    legalScenario: 'child_in_care',
    scenarioRationale: 'Interim care order for the baby; the mother is an adult, not looked after.',
    needArose: 'child_protection_conference',
    ...date('needAroseOn', '2026-02-01'),
  });
  assert.equal(ok.statusCode, 303, (/govuk-error-summary__list[\s\S]*?<\/ul>/.exec(ok.body) ?? [ok.body.slice(0, 300)])[0]);
  const id = ok.headers.location!.split('/').at(-1)!;
  const page = await sw.get(paths.parentAndChild.show(id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Not ready/);
  assert.match(page.body, /Member of the fostering household while placed/);
  assert.match(page.body, /No information-sharing agreement is recorded/);

  // The information-sharing agreement: the chair is needed under child protection procedures.
  assert.equal((await sw.get(paths.parentAndChild.sharingAgreement(id))).statusCode, 200);
  const agreement = { whatShared: 'Care of the baby', sharedWith: 'Health visitor, carers', whenShared: 'Weekly', howShared: 'Secure e-mail', ...date('agreedWithParentOn', '2026-02-20'), childProtectionApplies: 'true' };
  const noChair = await sw.post(paths.parentAndChild.sharingAgreement(id), agreement);
  assert.equal(noChair.statusCode, 400);
  assert.match(noChair.body, /href="#chairName">Child protection procedures are in effect/);
  assert.equal((await sw.post(paths.parentAndChild.sharingAgreement(id), { ...agreement, chairName: 'Priya Shah', ...date('chairConfirmedOn', '2026-02-25') })).statusCode, 303);

  for (const outcome of ['success', 'failure_child_in_care'] as const) {
    assert.equal((await sw.get(paths.parentAndChild.contingency(id, outcome))).statusCode, 200);
    assert.equal((await sw.post(paths.parentAndChild.contingency(id, outcome), { plan: `Plan for ${outcome}` })).statusCode, 303);
  }
  assert.equal((await w.database.db.select().from(pcContingencyPlan).where(eq(pcContingencyPlan.arrangementId, id))).length, 2);

  assert.equal((await sw.get(paths.parentAndChild.healthObservation(id))).statusCode, 200);
  assert.equal((await sw.post(paths.parentAndChild.healthObservation(id), { professional: 'midwife', professionalName: 'Ruth Bell', ...date('observedOn', '2026-03-01'), observation: 'Baby feeding well' })).statusCode, 303);

  const offerForm = await sw.get(paths.parentAndChild.advocacyOffer(id));
  assert.equal(offerForm.statusCode, 200);
  const personId = /name="personId"[^>]*value="([0-9a-f-]{36})"/.exec(offerForm.body)?.[1];
  assert.ok(personId);
  assert.equal((await sw.post(paths.parentAndChild.advocacyOffer(id), { personId, ...date('offeredOn', '2026-03-02') })).statusCode, 303);
  const withOffer = await sw.get(paths.parentAndChild.show(id));
  assert.match(withOffer.body, /Not answered/);
  const offerId = new RegExp(`${paths.parentAndChild.show(id)}/advocacy/([0-9a-f-]{36})`).exec(withOffer.body)?.[1];
  assert.ok(offerId);
  assert.equal((await sw.get(paths.parentAndChild.advocacyAnswer(id, offerId))).statusCode, 200);
  assert.equal((await sw.post(paths.parentAndChild.advocacyAnswer(id, offerId), { version: '1', response: 'declined', ...date('respondedOn', '2026-03-03') })).statusCode, 303);
  const stale = await sw.post(paths.parentAndChild.advocacyAnswer(id, offerId), { version: '1', response: 'accepted', advocate: 'X', ...date('respondedOn', '2026-03-03') });
  assert.equal(stale.statusCode, 409);

  assert.equal((await sw.get(paths.parentAndChild.extraSupport(id))).statusCode, 200);
  assert.equal((await sw.post(paths.parentAndChild.extraSupport(id), { ...date('consideredOn', TODAY), socialWorkerName: 'Test social worker', supervisingSocialWorkerName: 'Test SSW', forParent: 'More visits', forCarers: 'Respite' })).statusCode, 303);

  const ready = await sw.get(paths.parentAndChild.show(id));
  assert.match(ready.body, /govuk-tag--green">\s*Ready\s*</);
  // The money: this week's lines, who pays, and the way to the allowance requests; audited as a view of the money too.
  assert.match(ready.body, /<h2 class="govuk-heading-m" id="money">Weekly amount and who pays<\/h2>/);
  assert.ok(ready.body.includes(`href="${paths.money.arrangement(id)}"`), 'links the arrangement’s money page');
  assert.ok(ready.body.includes('href="#money"'), 'the contents list the money');
  assert.match(ready.body, /Not started: the assessment begins when the placement is confirmed/);
  const moneyViews = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'money.viewed'), eq(auditEvent.subjectId, id)));
  assert.ok(moneyViews.length >= 1);
  assert.match(ready.body, /Ruth Bell/);
  assert.match(ready.body, /Respite/);

  const list = await sw.get(paths.parentAndChild.list);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /1 arrangement/);

  // The family member's page: details, shared by every child they are family of.
  const member = await sw.get(paths.parentAndChild.familyMember(mum!.id));
  assert.equal(member.statusCode, 200);
  assert.match(member.body, /a change here is seen on each child/);
  const badDob = await sw.post(paths.parentAndChild.familyMember(mum!.id), { version: '1', name: 'Adaeze Okafor', ...date('dateOfBirth', '2030-01-01') });
  assert.equal(badDob.statusCode, 400);
  assert.equal((await sw.post(paths.parentAndChild.familyMember(mum!.id), { version: '1', name: 'Adaeze Okafor', ...date('dateOfBirth', '2001-04-05'), advocacyNeed: 'Mild learning disability' })).statusCode, 303);
  const [changed] = await w.database.db.select().from(familyMember).where(eq(familyMember.id, mum!.id));
  assert.deepEqual([changed?.dateOfBirth, changed?.advocacyNeed, changed?.version], ['2001-04-05', 'Mild learning disability', 2]);
  // Their own child record, by reference: an unknown one is refused against that field.
  const unknown = await sw.post(paths.parentAndChild.familyMember(mum!.id), { version: '2', name: 'Adaeze Okafor', lookedAfterReference: 'NOPE1' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /href="#lookedAfterReference">No child record has that reference/);
  const own = await insertChild({ firstName: 'Adaeze', dateOfBirth: '2001-04-05' });
  assert.equal((await sw.post(paths.parentAndChild.familyMember(mum!.id), { version: '2', name: 'Adaeze Okafor', ...date('dateOfBirth', '2001-04-05'), lookedAfterReference: own.reference.toLowerCase() })).statusCode, 303);
  assert.match((await sw.get(paths.parentAndChild.familyMember(mum!.id))).body, new RegExp(`name="lookedAfterReference"[^>]*value="${own.reference}"`));

  // Someone who may not record sees no forms.
  const iro = await clients('iro');
  assert.equal((await iro.get(paths.parentAndChild.sharingAgreement(id))).statusCode, 403);
  const iroView = await iro.get(paths.parentAndChild.show(id));
  assert.equal(iroView.statusCode, 200);
  assert.doesNotMatch(iroView.body, /Record an observation/);
});

test('API: record an arrangement, everything before placing, read it back, and a family member', async () => {
  const mum = await insertChild({ firstName: 'Tia', dateOfBirth: '2010-02-02' });
  const baby = await insertChild({ firstName: 'Zac' });
  await w.database.db.insert(legalStatus).values([{ childId: mum.id, code: 'C2', startDate: '2025-01-01' }, { childId: baby.id, code: 'C1', startDate: '2026-01-12' }]);
  const bad = await api('POST', paths.api.parentAndChildArrangements, { householdId, legalScenario: 'both_in_care', scenarioRationale: '', needArose: 'court_order', needAroseOn: '2026-02-01', people: [] });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers['content-type']?.toString().startsWith('application/problem+json'), true);
  const created = await api('POST', paths.api.parentAndChildArrangements, {
    householdId,
    legalScenario: 'both_in_care',
    scenarioRationale: 'Tia is looked after (C2); Zac is subject to an interim care order.',
    needArose: 'court_order',
    needAroseOn: '2026-02-01',
    people: [{ role: 'parent', childId: mum.id }, { role: 'child', childId: baby.id }],
  });
  assert.equal(created.statusCode, 201, created.body);
  const a = ArrangementResponse.parse(created.json());
  assert.deepEqual(a.obligations.map((o) => [o.role, o.fostered]), [['parent', true], ['child', true]]);
  const id = a.id;
  assert.equal((await api('POST', paths.api.parentAndChildSharingAgreements(id), { whatShared: 'a', sharedWith: 'b', whenShared: 'c', howShared: 'd', agreedWithParentOn: '2026-03-01' })).statusCode, 201);
  assert.equal((await api('POST', paths.api.parentAndChildHealthObservations(id), { professional: 'gp', professionalName: 'Dr Amin', observedOn: '2026-03-01', observation: 'Well' })).statusCode, 201);
  const offer = await api('POST', paths.api.parentAndChildAdvocacyOffers(id), { personId: a.people[0]!.id, offeredOn: '2026-03-02' });
  assert.equal(offer.statusCode, 201);
  assert.equal((await api('PUT', paths.api.parentAndChildAdvocacyOffer(id, offer.json().id), { version: 1, response: 'accepted', respondedOn: '2026-03-03', advocate: 'Voices' })).statusCode, 204);
  assert.equal((await api('PUT', paths.api.parentAndChildContingencyPlans(id), { outcome: 'success', plan: 'Independent living plan' })).statusCode, 204);
  const badPlan = await api('PUT', paths.api.parentAndChildContingencyPlans(id), { outcome: 'maybe', plan: '' });
  assert.equal(badPlan.statusCode, 400);
  assert.equal((await api('POST', paths.api.parentAndChildExtraSupport(id), { consideredOn: TODAY, socialWorkerName: 'A', supervisingSocialWorkerName: 'B', forParent: 'C', forCarers: 'D' })).statusCode, 201);
  const got = await api('GET', paths.api.parentAndChildArrangement(id));
  assert.equal(got.statusCode, 200);
  const v = ArrangementResponse.parse(got.json());
  assert.deepEqual(v.beforePlacing.map((r) => r.code), ['contingency-missing'], 'the plan for the baby in care moving on is still missing');
  assert.equal(v.advocacyOffers[0]?.advocate, 'Voices');
  assert.equal((await api('GET', paths.api.parentAndChildArrangements)).json().length >= 1, true);
  const ofChild = await api('GET', paths.api.childParentAndChild(baby.id));
  assert.deepEqual(ofChild.json().map((x: { id: string }) => x.id), [id]);

  const withFamily = await w.services.children.create({ actor: w.users.social_worker }, { firstName: 'Ola', lastName: 'Okafor', dateOfBirth: '2025-05-05', sex: 'M', ethnicity: 'BAFR', upn: 'UN1', responsibleAuthorityId: w.laId, socialWorkerId: w.users.social_worker.userId, categoryOfNeed: 'N1', familyMembers: [{ name: 'Grace Okafor', relationship: 'mother' }] });
  const memberId = withFamily.familyMembers[0]!.id;
  const member = await api('GET', paths.api.familyMember(memberId));
  assert.equal(member.statusCode, 200);
  assert.deepEqual(member.json().children.map((c: { relationship: string }) => c.relationship), ['mother']);
  assert.equal((await api('PUT', paths.api.familyMember(memberId), { version: 1, name: 'Grace Okafor', lookedAfterBy: 'Northshire County Council' })).statusCode, 204);
  assert.equal((await api('PUT', paths.api.familyMember(memberId), { version: 1, name: 'Grace Okafor' })).statusCode, 409);
});
