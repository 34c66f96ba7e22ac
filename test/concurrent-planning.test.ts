import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, careEnding, household, legalStatus, placement } from '../src/data/schema.ts';
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
  assert.deepEqual(await problemsOf(s.recordAdoptionOrder(ctx('social_worker'), childId, p.id, v, { adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: 2 })), [
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
  const adopted = await s.recordAdoptionOrder(ctx('social_worker'), childId, p.id, v, { adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: 2 });
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
