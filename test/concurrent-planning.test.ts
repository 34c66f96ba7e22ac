import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { adoptionApproval, auditEvent, careEnding, cpReferral, household, legalStatus, placement, rateCard, rateCardAllowance, rateCardSkillsFee } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';

// Wednesday 25 November 2026. The children were placed on Thursday 5 March 2026 under an interim care order.
const TODAY = '2026-11-25';
const START = '2026-03-05';

let w: TestWorld;
let token = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `CP${n}`, firstName: `Concurrent${n}`, lastName: 'Test', dateOfBirth: '2026-01-10' }));
let householdId = '';

async function concurrentPlacement() {
  const c = await insertChild();
  const [p] = await w.database.db.insert(placement).values({ childId: c.id, householdId, startDate: START, placementType: 'U5', status: 'active', kind: 'fostering_for_adoption' }).returning();
  return { childId: c.id, placementId: p!.id };
}

const plan = { startsOn: '2026-11-02', sessionsPerWeek: '3', supervisor: 'Family Time Service', venue: 'Oak Lodge contact centre', transport: 'The carers drive the child', whoAttends: 'Mother and father' };
const session = (over: Record<string, unknown> = {}) => ({
  sessionDate: '2026-11-16',
  outcome: 'took_place',
  whoAttended: 'Mother',
  handoverAtStartByCarers: 'yes',
  handoverAtEndByCarers: 'yes',
  observations: 'Mother fed and changed the baby, responsive to cues',
  ...over,
});

async function proceedings(childId: string) {
  return w.services.concurrentPlanning.recordProceedings(ctx('social_worker'), childId, { court: 'Testford Family Court', caseNumber: 'TF26C00123', appliedOn: '2026-03-02', interimCareOrderOn: '2026-03-04' });
}

async function statuses(childId: string) {
  const rows = await w.database.db.select().from(legalStatus).where(eq(legalStatus.childId, childId));
  return rows.map((r) => [r.code, r.startDate, r.endDate]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
}

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'social_worker');
  householdId = await approvedHousehold(w, { reference: 'HCP1', addressLine1: '1 Early Permanence Way' });
  await w.database.db.update(household).set({ placementKinds: ['short_term', 'fostering_for_adoption'] }).where(eq(household.id, householdId));
});
after(async () => w.close());

test('contact: a plan and its sessions; the sessions due are obligations; missed and cancelled ones reach the social worker; the observations list every session', async () => {
  const { childId } = await concurrentPlacement();
  const s = w.services.concurrentPlanning;
  assert.deepEqual(await problemsOf(s.recordSession(ctx('social_worker'), childId, session())), ['sessionDate: Record the contact plan first: sessions are recorded under it']);
  await s.saveContactPlan(ctx('social_worker'), childId, 0, plan);
  await s.recordSession(ctx('supervising_social_worker'), childId, session({ sessionDate: '2026-11-02' }));
  await s.recordSession(ctx('supervising_social_worker'), childId, session({ sessionDate: '2026-11-05', outcome: 'cancelled', cancelledBy: 'parents', notHeldReason: 'Father unwell', whoAttended: '', observations: '' }));
  await s.recordSession(ctx('supervising_social_worker'), childId, session({ sessionDate: '2026-11-06', outcome: 'missed', notHeldReason: 'Mother did not arrive', whoAttended: '', observations: '' }));
  assert.deepEqual(
    (await problemsOf(s.recordSession(ctx('social_worker'), childId, session({ outcome: 'cancelled', observations: '' })))).map((p) => p.split(':')[0]),
    ['notHeldReason', 'cancelledBy'],
  );
  await assert.rejects(s.recordSession(ctx('placement_officer'), childId, session()), ForbiddenError);

  const obligations = await w.services.obligations.list(ctx('team_manager'), { childId });
  const contact = obligations.items.filter((o) => o.obligationId === 'contact-sessions').map((o) => [o.startedOn, o.dueOn, o.completedOn]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  assert.deepEqual(contact, [
    ['2026-11-02', '2026-11-04', '2026-11-02'],
    ['2026-11-02', '2026-11-05', null],
  ]);

  const notHeld = await s.sessionsNotHeld(ctx('social_worker'), { mine: true });
  assert.deepEqual(notHeld.filter((x) => x.childId === childId).map((x) => [x.sessionDate, x.outcome, x.cancelledBy]), [
    ['2026-11-06', 'missed', null],
    ['2026-11-05', 'cancelled', 'parents'],
  ]);
  const obs = await s.observations(ctx('social_worker'), childId);
  assert.deepEqual(obs.lines.map((l) => [l.date, l.outcome]), [
    ['2026-11-02', 'took_place'],
    ['2026-11-05', 'cancelled'],
    ['2026-11-06', 'missed'],
  ]);
  const audit = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, childId), eq(auditEvent.action, 'contact-session.recorded')));
  assert.equal(audit.length, 3);
  // A stale change of the plan is refused.
  await assert.rejects(s.saveContactPlan(ctx('social_worker'), childId, 7, plan), /changed by someone else/);
});

test('court: proceedings record the interim care order (C1); a return home ends the legal status, the period of care (E4A) and the placement as planned', async () => {
  const { childId, placementId } = await concurrentPlacement();
  const s = w.services.concurrentPlanning;
  const p = await proceedings(childId);
  assert.deepEqual(await statuses(childId), [['C1', '2026-03-04', null]]);
  await s.recordHearing(ctx('social_worker'), childId, p.id, { heardOn: '2026-06-10', kind: 'case_management', outcome: 'Timetable set; parenting assessment directed' });
  await s.recordHearing(ctx('social_worker'), childId, p.id, { heardOn: '2026-10-01', kind: 'final', outcome: 'Final hearing' });
  const before = (await s.courtOf(ctx('social_worker'), childId)).proceedings[0]!;
  assert.equal(before.finalHearingOn, '2026-10-01');
  assert.equal(before.hearings.length, 2);
  assert.deepEqual(
    (await problemsOf(s.recordDecision(ctx('social_worker'), childId, p.id, before.version, { decision: 'return_home', decidedOn: '2026-10-01', returnedHomeOn: '2026-10-08' }))).map((x) => x.split(':')[0]),
    ['carersContactAgreed'],
  );
  const decided = await s.recordDecision(ctx('social_worker'), childId, p.id, before.version, {
    decision: 'return_home',
    decidedOn: '2026-10-01',
    returnedHomeOn: '2026-10-08',
    carersContactAgreed: 'yes',
    carersContactPlan: 'The carers visit monthly for six months',
  });
  assert.equal(decided.decision, 'return_home');
  assert.deepEqual(await statuses(childId), [['C1', '2026-03-04', '2026-10-08']]);
  const [ending] = await w.database.db.select().from(careEnding).where(eq(careEnding.childId, childId));
  assert.deepEqual([ending?.endedOn, ending?.reason], ['2026-10-08', 'E4A']);
  const [pl] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([pl?.endDate, pl?.status, pl?.reasonEnded, pl?.endingBasis], ['2026-10-08', 'ended', 'CARPL', 'leaving_care']);
  await assert.rejects(s.recordDecision(ctx('social_worker'), childId, p.id, before.version, { decision: 'other', decidedOn: '2026-10-01' }), /changed by someone else/);
});

test('court: a placement order (E1), then the adoptive placement (A5, same carers, the allowance stops), then the adoption order (E12) with the AD1 and PlacedAdoption rows; then future contact with each side kept apart', async () => {
  const { childId, placementId } = await concurrentPlacement();
  const s = w.services.concurrentPlanning;
  const p = await proceedings(childId);
  let v = (await s.recordDecision(ctx('team_manager'), childId, p.id, p.version, { decision: 'placement_order', decidedOn: '2026-09-15' })).version;
  assert.deepEqual(await statuses(childId), [
    ['C1', '2026-03-04', '2026-09-15'],
    ['E1', '2026-09-15', null],
  ]);
  assert.deepEqual(await problemsOf(s.recordAdoptionOrder(ctx('social_worker'), childId, p.id, v, { adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: 2, adoptersSex: 'MF', adoptersLegalStatus: 'L3' })), [
    'adoptionOrderOn: Record the day the placement became an adoptive placement first (SSDA903 needs a placement for adoption before an adoption)',
  ]);
  const placed = await s.recordAdoptivePlacement(ctx('social_worker'), childId, p.id, v, { shouldBePlacedOn: '2026-09-20', placedForAdoptionOn: '2026-10-01', matchedOn: '2026-09-28' });
  assert.equal(placed.allowanceStoppedOn, '2026-10-01');
  assert.equal(placed.adoptionSupportFrom, '2026-10-01');
  const rows = await w.database.db.select().from(placement).where(eq(placement.childId, childId));
  const old = rows.find((r) => r.id === placementId)!;
  const adoptive = rows.find((r) => r.id !== placementId)!;
  assert.deepEqual([old.endDate, old.reasonEnded, old.endingBasis], ['2026-10-01', 'PLACE', 'status_change']);
  assert.deepEqual([adoptive.startDate, adoptive.placementType, adoptive.householdId, adoptive.status], ['2026-10-01', 'A5', householdId, 'active']);
  v = placed.version;
  const adopted = await s.recordAdoptionOrder(ctx('social_worker'), childId, p.id, v, { adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: 2, adoptersSex: 'MF', adoptersLegalStatus: 'L3' });
  assert.equal(adopted.adoptionOrderOn, '2026-11-20');
  const [ending] = await w.database.db.select().from(careEnding).where(eq(careEnding.childId, childId));
  assert.deepEqual([ending?.endedOn, ending?.reason], ['2026-11-20', 'E12']);
  const court = await s.courtOf(ctx('social_worker'), childId);
  assert.equal(court.returnRows.ad1?.DATE_INT, '2026-09-20');
  assert.equal(court.returnRows.ad1?.FOSTER_CARE, '1');
  assert.equal(court.returnRows.placedAdoption?.DATE_PLACED, '2026-09-20');

  const fc = {
    kind: 'letterbox',
    frequency: 'Once a year, in June',
    arrangements: 'Letters through the agency letterbox service',
    agreedOn: '2026-11-20',
    birthFamilyNames: 'Alex Birth',
    birthFamilyContact: '1 Birth Road, Testford',
    adoptersNames: 'Jo and Sam Carer',
    adoptersContact: '1 Early Permanence Way',
  };
  await assert.rejects(s.saveFutureContact(ctx('supervising_social_worker'), childId, 0, fc), ForbiddenError);
  await s.saveFutureContact(ctx('social_worker'), childId, 0, fc);
  const sw = await s.futureContactOf(ctx('social_worker'), childId);
  assert.deepEqual(sw?.adopters, { names: 'Jo and Sam Carer', contactDetails: '1 Early Permanence Way' });
  const ssw = await s.futureContactOf(ctx('supervising_social_worker'), childId);
  assert.equal(ssw?.adopters, 'restricted');
  assert.deepEqual(ssw?.birthFamily, { names: 'Alex Birth', contactDetails: '1 Birth Road, Testford' });
  const po = await s.futureContactOf(ctx('placement_officer'), childId);
  assert.equal(po?.birthFamily, 'restricted');
  assert.equal(po?.adopters, 'restricted');
  assert.equal(po?.kind, 'letterbox');

  const figures = await s.figures(ctx('team_manager'), { from: '2026-01-01', to: '2026-12-31' });
  const by = Object.fromEntries(figures.map((f) => [f.key, f.value]));
  assert.ok((by.adopted ?? 0) >= 1 && (by.moves_avoided ?? 0) >= 1 && (by.returned_home ?? 0) >= 1);
  assert.equal(by.referral_to_placement, null);
  await assert.rejects(s.figures(ctx('social_worker'), { from: '2026-01-01', to: '2026-12-31' }), ForbiddenError);
});

// Worked by hand for 1 January to 31 December 2025 (no other test's records fall in 2025):
//   Child R placed 10 June 2025 (concurrent planning); its referral, placed and linked to that placement, is dated
//   20 May 2025: 21 days. Child S placed 1 August 2025 (fostering for adoption); its only referral was accepted but
//   never marked placed: not known. Referral to placement: median 21 days, from 1 child, not known for 1.
//   Carers: H2 fostering approved 1 February 2025, adopters approved 1 April 2025: dual from 1 April 2025 (counted).
//   H3 fostering 1 January 2024, adopters 1 May 2024: dual from 1 May 2024 (before the period). H4 fostering approved
//   3 March 2025 and takes concurrent planning placements, but has no adoption approval: not dual approved.
//   H5 adopters approved 1 March 2025 but put on hold 1 June 2025, fostering approved 1 July 2025: never both current.
//   Carers approved: 1 (H2).
test('figures: the referral that was placed gives the time from referral; carers approved counts the derived dual approval', async () => {
  const db = w.database.db;
  const hh = async (reference: string, approvalDate: string, kinds: ('short_term' | 'concurrent_planning' | 'fostering_for_adoption')[]) => {
    const id = await approvedHousehold(w, { reference, addressLine1: `${reference} Figures Road` });
    await db.update(household).set({ approvalDate, placementKinds: kinds }).where(eq(household.id, id));
    return id;
  };
  const h2 = await hh('HF2', '2025-02-01', ['concurrent_planning']);
  const h3 = await hh('HF3', '2024-01-01', ['concurrent_planning']);
  await hh('HF4', '2025-03-03', ['concurrent_planning']);
  const h5 = await hh('HF5', '2025-07-01', ['fostering_for_adoption']);
  await db.insert(adoptionApproval).values([
    { householdId: h2, status: 'approved', decisionDate: '2025-04-01' },
    { householdId: h3, status: 'approved', decisionDate: '2024-05-01' },
    { householdId: h5, status: 'on_hold', decisionDate: '2025-03-01', endedOn: '2025-06-01' },
  ]);
  const r = await insertChild();
  const sChild = await insertChild();
  const [pr] = await db.insert(placement).values({ childId: r.id, householdId: h2, startDate: '2025-06-10', placementType: 'U5', status: 'active', kind: 'concurrent_planning' }).returning();
  const [ps] = await db.insert(placement).values({ childId: sChild.id, householdId: h2, startDate: '2025-08-01', placementType: 'U5', status: 'active', kind: 'fostering_for_adoption' }).returning();
  await db.insert(cpReferral).values([
    { reference: 'CPR-F1', childId: r.id, status: 'placed', referralDate: '2025-05-20', sentOn: '2025-05-21', placementId: pr!.id },
    { reference: 'CPR-F2', childId: sChild.id, status: 'accepted', referralDate: '2025-07-01', sentOn: '2025-07-01', placementId: null },
  ]);
  assert.ok(ps);
  const figures = await w.services.concurrentPlanning.figures(ctx('team_manager'), { from: '2025-01-01', to: '2025-12-31' });
  const by = Object.fromEntries(figures.map((f) => [f.key, f.value]));
  assert.equal(by.children_placed, 2);
  assert.equal(by.referral_to_placement, 21);
  assert.match(figures.find((f) => f.key === 'referral_to_placement')!.note, /1 child .*not known for 1/);
  assert.equal(by.carers_approved, 1);
});

// The rate card from 1 January 2026: age 0-4 £180.00 a week, Level 2 skills fee £150.00 (HCP1's carers are Level 2).
// A baby born 10 January 2026 placed 5 March: on 25 November (today) the fostering allowance is £180.00 + £150.00 =
// £330.00 a week. After the adoptive placement on 1 October 2026 it stopped that day.
test('the fostering allowance of the fostering phase is shown on the court record (and the page), and stops at the adoptive placement', async () => {
  const db = w.database.db;
  const [card] = await db.insert(rateCard).values({ effectiveFrom: '2026-01-01', createdByName: 'Test' }).returning();
  await db.insert(rateCardAllowance).values([{ rateCardId: card!.id, fromAge: 0, toAge: 4, weeklyPence: 18000 }, { rateCardId: card!.id, fromAge: 5, toAge: null, weeklyPence: 20000 }]);
  await db.insert(rateCardSkillsFee).values({ rateCardId: card!.id, level: 2, weeklyPence: 15000 });
  const { childId } = await concurrentPlacement();
  const s = w.services.concurrentPlanning;
  const during = (await s.courtOf(ctx('social_worker'), childId)).allowance;
  assert.equal(during.status, 'payable');
  assert.deepEqual(during.status === 'payable' && during.weekly.lines.map((l) => l.weeklyPence), [18000, 15000]);
  assert.equal(during.status === 'payable' && during.weekly.totals.all, 33000);
  const sw = await clients('social_worker');
  const page = await sw.get(paths.concurrentPlanning.child(childId));
  assert.match(page.body, /Fostering allowance/);
  assert.match(page.body, /£330\.00/);

  const p = await proceedings(childId);
  const v = (await s.recordDecision(ctx('team_manager'), childId, p.id, p.version, { decision: 'placement_order', decidedOn: '2026-09-15' })).version;
  await s.recordAdoptivePlacement(ctx('social_worker'), childId, p.id, v, { shouldBePlacedOn: '2026-09-20', placedForAdoptionOn: '2026-10-01', matchedOn: '2026-09-28' });
  assert.deepEqual((await s.courtOf(ctx('social_worker'), childId)).allowance, { status: 'stopped', from: START, stoppedOn: '2026-10-01', why: 'adoptive_placement' });
  assert.match((await sw.get(paths.concurrentPlanning.child(childId))).body, /stopped on 1 October 2026|stopped on Thu 1 Oct 2026/);
});

test('API: contact plan, sessions and observations; bad input is a problem listing every field and changes nothing; the placement officer may not record', async () => {
  const { childId } = await concurrentPlacement();
  const saved = await api('PUT', paths.api.contactPlan(childId), { ...plan, sessionsPerWeek: 2, version: 0 });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().sessionsPerWeek, 2);
  const bad = await api('POST', paths.api.contactSessions(childId), { sessionDate: '2026-11-31', outcome: 'maybe' });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /problem\+json/);
  assert.match(bad.body, /sessionDate/);
  assert.match(bad.body, /outcome/);
  const created = await api('POST', paths.api.contactSessions(childId), session({ sessionDate: '2026-11-03' }));
  assert.equal(created.statusCode, 201, created.body);
  const po = await tokenFor(w, 'placement_officer');
  assert.equal((await api('POST', paths.api.contactSessions(childId), session(), po)).statusCode, 403);
  const got = await api('GET', paths.api.contactPlan(childId));
  assert.equal(got.statusCode, 200);
  assert.equal(got.json().sessions.length, 1);
  assert.deepEqual(got.json().nextDue, { startedOn: '2026-11-03', dueOn: '2026-11-07', overdue: true, explanation: '4 days after the last session held on Tue 3 Nov 2026 (2 a week)' });
  const obs = await api('GET', paths.api.contactObservations(childId));
  assert.equal(obs.json()[0].handovers, 'Start: by the carers; end: by the carers');
  const stale = await api('PUT', paths.api.contactPlan(childId), { ...plan, version: 9 });
  assert.equal(stale.statusCode, 409);
});

test('API: proceedings, hearing, decision; the court record with SSDA903 rows; figures need a real period', async () => {
  const { childId } = await concurrentPlacement();
  const created = await api('POST', paths.api.courtProceedings(childId), { court: 'Testford Family Court', caseNumber: 'TF26C00999', appliedOn: '2026-03-02', interimCareOrderOn: '2026-03-04' });
  assert.equal(created.statusCode, 201, created.body);
  const pid = created.json().id as string;
  assert.equal((await api('POST', paths.api.courtHearings(childId, pid), { heardOn: '2026-05-01', kind: 'interim', outcome: 'ICO renewed' })).statusCode, 201);
  const noVersion = await api('POST', paths.api.courtDecision(childId, pid), { decision: 'placement_order', decidedOn: '2026-09-15' });
  assert.equal(noVersion.statusCode, 400);
  const decided = await api('POST', paths.api.courtDecision(childId, pid), { decision: 'placement_order', decidedOn: '2026-09-15', version: created.json().version });
  assert.equal(decided.statusCode, 200, decided.body);
  assert.equal(decided.json().decision, 'placement_order');
  const court = await api('GET', paths.api.courtProceedings(childId));
  assert.equal(court.json().proceedings[0].hearings.length, 1);
  assert.equal(court.json().ad1, null);
  const tm = await tokenFor(w, 'team_manager');
  const figures = await api('GET', `${paths.api.serviceFigures}?from=2026-01-01&to=2026-12-31`, undefined, tm);
  assert.equal(figures.statusCode, 200, figures.body);
  assert.ok(figures.json().some((f: { key: string }) => f.key === 'moves_avoided'));
  assert.equal((await api('GET', `${paths.api.serviceFigures}?from=2026-02-30&to=2026-12-31`, undefined, tm)).statusCode, 400);
  assert.equal((await api('GET', `${paths.api.serviceFigures}?from=2026-01-01&to=2026-12-31`)).statusCode, 403);
});

test("pages: the child's contact, court and adoption page; a session form refused with the error summary keeping the input; a return home through the pages", async () => {
  const { childId } = await concurrentPlacement();
  const sw = await clients('social_worker');
  const planForm = await sw.get(paths.concurrentPlanning.contactPlan(childId));
  assert.equal(planForm.statusCode, 200);
  const savedPlan = await sw.post(paths.concurrentPlanning.contactPlan(childId), {
    'startsOn-day': '2',
    'startsOn-month': '11',
    'startsOn-year': '2026',
    sessionsPerWeek: '1',
    supervisor: 'Family Time Service',
    venue: 'Oak Lodge',
    transport: 'Carers drive',
    whoAttends: 'Mother',
  });
  assert.equal(savedPlan.statusCode, 303, savedPlan.body.slice(0, 400));
  await sw.get(paths.concurrentPlanning.newSession(childId));
  const bad = await sw.post(paths.concurrentPlanning.newSession(childId), { 'sessionDate-day': '4', 'sessionDate-month': '11', 'sessionDate-year': '2026', outcome: 'took_place', whoAttended: 'Mother and aunt' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Enter the supervisor(&#39;|’|')s observations/);
  assert.match(bad.body, /Mother and aunt/);
  const ok = await sw.post(paths.concurrentPlanning.newSession(childId), {
    'sessionDate-day': '4',
    'sessionDate-month': '11',
    'sessionDate-year': '2026',
    outcome: 'cancelled',
    cancelledBy: 'carers',
    notHeldReason: 'Child unwell',
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
  await sw.get(paths.concurrentPlanning.newProceedings(childId));
  const proc = await sw.post(paths.concurrentPlanning.newProceedings(childId), { court: 'Testford Family Court', caseNumber: 'TF26C00777', 'appliedOn-day': '2', 'appliedOn-month': '3', 'appliedOn-year': '2026', 'interimCareOrderOn-day': '4', 'interimCareOrderOn-month': '3', 'interimCareOrderOn-year': '2026' });
  assert.equal(proc.statusCode, 303, proc.body.slice(0, 400));
  const [p] = (await w.services.concurrentPlanning.courtOf(ctx('social_worker'), childId)).proceedings;
  const form = await sw.get(paths.concurrentPlanning.decision(childId, p!.id));
  assert.equal(form.statusCode, 200);
  const decided = await sw.post(paths.concurrentPlanning.decision(childId, p!.id), {
    version: String(p!.version),
    decision: 'return_home',
    'decidedOn-day': '1',
    'decidedOn-month': '10',
    'decidedOn-year': '2026',
    'returnedHomeOn-day': '8',
    'returnedHomeOn-month': '10',
    'returnedHomeOn-year': '2026',
    carersContactAgreed: 'no',
  });
  assert.equal(decided.statusCode, 303, decided.body.slice(0, 600));
  const page = await sw.get(paths.concurrentPlanning.child(childId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Contact plan/);
  assert.match(page.body, /Cancelled by the carers: Child unwell/);
  assert.match(page.body, /Return home to the birth family, 1 October 2026/);
  assert.match(page.body, /SSDA903 reason E4A/);
  const obs = await sw.get(paths.concurrentPlanning.observationsCsv(childId));
  assert.equal(obs.statusCode, 200);
  assert.match(String(obs.headers['content-type']), /text\/csv/);
  assert.match(obs.body, /Cancelled/);
  const queue = await w.services.work.queues(ctx('social_worker'), []);
  assert.ok(queue.find((q) => q.id === 'contact-not-held')?.items.some((i) => i.childIds.includes(childId)));
});

test('pages: the service figures as a table, a chart with its text alternative, and CSV; a wrong period is an error summary', async () => {
  const tm = await clients('team_manager');
  const page = await tm.get(`${paths.concurrentPlanning.figures}?from-day=1&from-month=1&from-year=2026&to-day=31&to-month=12&to-year=2026`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg role="img"/);
  assert.match(page.body, /Moves avoided/);
  assert.match(page.body, /Not known/);
  const bad = await tm.get(`${paths.concurrentPlanning.figures}?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  const csv = await tm.get(`${paths.concurrentPlanning.figuresCsv}?from=2026-01-01&to=2026-12-31`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /^Figure,Value,Unit/);
  const sw = await clients('social_worker');
  assert.equal((await sw.get(paths.concurrentPlanning.figures)).statusCode, 403);
});

const dateForm = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

test('adoption through the pages (hearing, adoptive placement, adoption order, future contact) and through the API; the supervising social worker sees the birth family but not the adopters', async () => {
  const s = w.services.concurrentPlanning;
  const sw = await clients('social_worker');

  // Through the pages.
  const a = await concurrentPlacement();
  let p = await proceedings(a.childId);
  await sw.get(paths.concurrentPlanning.newHearing(a.childId, p.id));
  const heard = await sw.post(paths.concurrentPlanning.newHearing(a.childId, p.id), { ...dateForm('heardOn', '2026-09-15'), kind: 'final', outcome: 'Placement order made' });
  assert.equal(heard.statusCode, 303, heard.body.slice(0, 400));
  p = (await s.courtOf(ctx('social_worker'), a.childId)).proceedings[0]!;
  p = await s.recordDecision(ctx('social_worker'), a.childId, p.id, p.version, { decision: 'placement_order', decidedOn: '2026-09-15' });
  await sw.get(paths.concurrentPlanning.adoptivePlacement(a.childId, p.id));
  const placed = await sw.post(paths.concurrentPlanning.adoptivePlacement(a.childId, p.id), { version: String(p.version), ...dateForm('shouldBePlacedOn', '2026-09-20'), ...dateForm('matchedOn', '2026-09-25'), ...dateForm('placedForAdoptionOn', '2026-10-01') });
  assert.equal(placed.statusCode, 303, placed.body.slice(0, 400));
  p = (await s.courtOf(ctx('social_worker'), a.childId)).proceedings[0]!;
  await sw.get(paths.concurrentPlanning.adoptionOrder(a.childId, p.id));
  const stale = await sw.post(paths.concurrentPlanning.adoptionOrder(a.childId, p.id), { version: String(p.version - 1), ...dateForm('adoptionOrderOn', '2026-11-20'), adoptionReason: 'E11', adoptersCount: '2', adoptersSex: 'FF', adoptersLegalStatus: 'L12' });
  assert.equal(stale.statusCode, 409);
  const order = await sw.post(paths.concurrentPlanning.adoptionOrder(a.childId, p.id), { version: String(p.version), ...dateForm('adoptionOrderOn', '2026-11-20'), adoptionReason: 'E11', adoptersCount: '2', adoptersSex: 'FF', adoptersLegalStatus: 'L12' });
  assert.equal(order.statusCode, 303, order.body.slice(0, 400));
  await sw.get(paths.concurrentPlanning.futureContact(a.childId));
  const fc = await sw.post(paths.concurrentPlanning.futureContact(a.childId), {
    kind: 'direct',
    frequency: 'Twice a year',
    arrangements: 'Meeting at a family centre, supported by the agency',
    ...dateForm('agreedOn', '2026-11-20'),
    birthFamilyNames: 'Robin Birth',
    birthFamilyContact: '2 Birth Road, Testford',
    adoptersNames: 'Jo and Sam Carer',
    adoptersContact: '1 Early Permanence Way',
  });
  assert.equal(fc.statusCode, 303, fc.body.slice(0, 400));
  const ssw = await clients('supervising_social_worker');
  const sswPage = await ssw.get(paths.concurrentPlanning.child(a.childId));
  assert.match(sswPage.body, /Robin Birth/);
  assert.doesNotMatch(sswPage.body, /Early Permanence Way/);
  assert.match(sswPage.body, /Restricted: not shown to your role/);
  const swPage = await sw.get(paths.concurrentPlanning.child(a.childId));
  assert.match(swPage.body, /Early Permanence Way/);
  assert.match(swPage.body, /Adopted: application unopposed \(E11\)/);
  assert.match(swPage.body, /placement type A5/);
  assert.equal((await sw.get(paths.concurrentPlanning.observations(a.childId))).statusCode, 200);

  // Through the API.
  const b = await concurrentPlacement();
  let q = await proceedings(b.childId);
  q = await s.recordDecision(ctx('social_worker'), b.childId, q.id, q.version, { decision: 'placement_order', decidedOn: '2026-09-15' });
  const ap = await api('POST', paths.api.courtAdoptivePlacement(b.childId, q.id), { shouldBePlacedOn: '2026-09-20', matchedOn: '2026-09-25', placedForAdoptionOn: '2026-10-01', version: q.version });
  assert.equal(ap.statusCode, 200, ap.body);
  const ao = await api('POST', paths.api.courtAdoptionOrder(b.childId, q.id), { adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: 1, adoptersSex: 'F1', adoptersLegalStatus: 'L0', version: ap.json().version });
  assert.equal(ao.statusCode, 200, ao.body);
  assert.equal((await api('GET', paths.api.futureContact(b.childId))).body, 'null');
  const put = await api('PUT', paths.api.futureContact(b.childId), {
    kind: 'letterbox',
    frequency: 'Yearly',
    arrangements: 'Letterbox',
    agreedOn: '2026-11-21',
    birthFamilyNames: 'Kit Birth',
    birthFamilyContact: '3 Birth Road',
    adoptersNames: 'Lee Adopter',
    adoptersContact: '4 Adopter Lane',
    version: 0,
  });
  assert.equal(put.statusCode, 200, put.body);
  const sswToken = await tokenFor(w, 'supervising_social_worker');
  const seen = await api('GET', paths.api.futureContact(b.childId), undefined, sswToken);
  assert.equal(seen.json().adopters, 'restricted');
  assert.equal(seen.json().birthFamily.names, 'Kit Birth');
  const court = await api('GET', paths.api.courtProceedings(b.childId));
  assert.equal(court.json().ad1.NB_ADOPTR, '1');
  const notHeld = await api('GET', `${paths.api.contactNotHeld}?mine=true`);
  assert.equal(notHeld.statusCode, 200);
});

test('proceedings: the interim care order replaces a legal status open that day; a second set of proceedings waits for the decision; a return home ends a placement of any kind', async () => {
  const s = w.services.concurrentPlanning;
  const c = await insertChild();
  await w.database.db.insert(legalStatus).values({ childId: c.id, code: 'V2', startDate: '2026-02-20' });
  const [p] = await w.database.db.insert(placement).values({ childId: c.id, householdId, startDate: '2026-02-20', placementType: 'U6', status: 'active', kind: 'short_term' }).returning();
  const pr = await proceedings(c.id);
  assert.deepEqual(await statuses(c.id), [
    ['V2', '2026-02-20', '2026-03-04'],
    ['C1', '2026-03-04', null],
  ]);
  assert.deepEqual(await problemsOf(proceedings(c.id)), ['court: The child already has proceedings without a decision: record hearings and the decision on them']);
  assert.deepEqual(await problemsOf(s.recordProceedings(ctx('social_worker'), c.id, { court: 'X', caseNumber: 'Y', appliedOn: '2026-11-26' })), [
    'appliedOn: The date of the application must be today or in the past',
  ]);
  await s.recordDecision(ctx('social_worker'), c.id, pr.id, pr.version, { decision: 'return_home', decidedOn: '2026-06-01', returnedHomeOn: '2026-06-01', carersContactAgreed: 'no' });
  const [ended] = await w.database.db.select().from(placement).where(eq(placement.id, p!.id));
  assert.deepEqual([ended?.endDate, ended?.status, ended?.endingBasis], ['2026-06-01', 'ended', 'leaving_care']);
});
