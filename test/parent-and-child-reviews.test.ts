import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, childInserter, clientsFor, problemsOf, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, careEnding, childDocument, legalStatus, parentChildArrangement, placement, placementRequest } from '../src/data/schema.ts';
import { insertArrangement } from '../src/data/repositories/parent-and-child.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import { AssessmentResponse, CarerReportResponse, OutcomeResponse, ReviewResponse } from '../src/api/parent-and-child-reviews.ts';

// Wednesday 25 November 2026; mother and baby placed together on Monday 2 November.
const TODAY = '2026-11-25';
const START = '2026-11-02';

let w: TestWorld;
let token = '';
let swToken = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const api = apiCaller(() => w.app, () => token);
const as = clientsFor(() => w.app);
const insertChild = childInserter(() => w, (n) => ({ reference: `PCR${n}`, firstName: `Pc${n}`, lastName: 'Review', dateOfBirth: '2026-09-01' }));
let householdId = '';

/** A mother (born 1 June 2011, 15 today) and her baby, both in care and placed together (Parent and child fostering procedure, 2.1). */
async function bothInCare(opts: { babyInCare?: boolean } = {}) {
  const babyInCare = opts.babyInCare ?? true;
  const mum = await insertChild({ dateOfBirth: '2011-06-01' });
  const baby = await insertChild();
  const db = w.database.db;
  await db.insert(legalStatus).values({ childId: mum.id, code: 'C2', startDate: '2024-01-01' });
  if (babyInCare) await db.insert(legalStatus).values({ childId: baby.id, code: 'C1', startDate: START });
  const [pm] = await db.insert(placement).values({ childId: mum.id, householdId, startDate: START, placementType: 'U6', status: 'active', kind: 'parent_and_child' }).returning();
  const [pb] = babyInCare ? await db.insert(placement).values({ childId: baby.id, householdId, startDate: START, placementType: 'U6', status: 'active', kind: 'parent_and_child' }).returning() : [undefined];
  const arrangementId = await insertArrangement(
    db,
    { reference: `PCA-${mum.reference}`, householdId, status: 'active', startDate: START, legalScenario: babyInCare ? 'both_in_care' : 'parent_in_care', scenarioRationale: 'Both are looked after', needArose: 'court_order', needAroseOn: '2026-10-20' },
    [
      { role: 'parent', childId: mum.id, inCare: true, placementId: pm!.id },
      { role: 'child', childId: baby.id, inCare: babyInCare, placementId: pb?.id ?? null },
    ],
  );
  return { mum, baby, arrangementId, mumPlacement: pm!.id, placementId: (pb ?? pm)!.id };
}

const PLAN = {
  purpose: 'Assess whether the mother can care for her baby safely',
  dayToDay: 'Routines led by the mother with the carers alongside',
  health: 'Health visitor weekly',
  education: 'Mother attends school three days a week',
  contact: 'Father on Saturdays, supervised',
  delegatedAuthority: 'See the record',
  support: 'Carers model feeding and settling',
  childWishes: 'Too young; the mother wants to stay together',
  pcPurpose: 'Whether the baby can stay in the mother’s care',
  capabilities: [
    { capability: 'Feeding on cue', aim: 'demonstrate', evidence: 'Carers’ daily notes' },
    { capability: 'Safe sleep', aim: 'learn_and_demonstrate', evidence: 'Night checks' },
  ],
  carersSupportRemit: 'Model and prompt; do not take over',
  carersReportingRemit: 'A written report each week to the child’s social worker; concerns at once',
  reportFrequency: 'weekly',
  reportFirstDueOn: '2026-11-06',
  conductAgreements: 'Music off after 9pm; visitors by agreement',
  parentFosteringNeeds: 'School, health, contact with her own mother',
  childFosteringNeeds: 'Health visitor checks, immunisations',
  parentExpectations: 'Does the night feeds; keeps appointments',
};

async function completePlan(placementId: string) {
  const s = w.services.planning;
  const doc = await s.saveDraft(ctx('social_worker'), placementId, 'placement_plan', 0, PLAN);
  return s.complete(ctx('social_worker'), placementId, 'placement_plan', doc.version);
}

async function arrangementState(id: string) {
  const [a] = await w.database.db.select().from(parentChildArrangement).where(eq(parentChildArrangement.id, id));
  return [a?.status, a?.startDate, a?.endDate];
}

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'supervising_social_worker');
  swToken = await tokenFor(w, 'social_worker');
  householdId = await approvedHousehold(w, { reference: 'HPCR1', addressLine1: '1 Nursery Lane' });
});
after(async () => w.close());

test('the plan of a parent-and-child placement has the procedure’s sections, and completing it sets the carers’ reporting schedule as obligations', async () => {
  const { placementId, mumPlacement } = await bothInCare();
  const s = w.services.planning;
  const rec = await s.get(ctx('social_worker'), placementId, 'placement_plan');
  assert.equal(rec.placement.variant, 'parent_in_care');
  const doc = await s.saveDraft(ctx('social_worker'), placementId, 'placement_plan', 0, { ...PLAN, parentFosteringNeeds: '', capabilities: [] });
  const refused = await problemsOf(s.complete(ctx('social_worker'), placementId, 'placement_plan', doc.version));
  assert.ok(refused.includes('capabilities: Add at least one capability'), refused.join('; '));
  assert.ok(refused.some((p) => p.startsWith('parentFosteringNeeds:')));
  const updated = await s.saveDraft(ctx('social_worker'), placementId, 'placement_plan', doc.version, PLAN);
  await s.complete(ctx('social_worker'), placementId, 'placement_plan', updated.version);

  const list = await w.services.obligations.list(ctx('team_manager'), { placementId });
  const reports = list.items.filter((o) => o.obligationId === 'parent-and-child-carer-report');
  assert.deepEqual(reports.map((o) => [o.dueOn, o.status]), [['2026-11-06', 'overdue']]);
  const a = await w.services.parentAndChildReviews.get(ctx('social_worker'), placementId);
  assert.deepEqual(a.plan?.capabilities, ['Feeding on cue', 'Safe sleep']);
  // One plan covers parent and child (5.4): the mother's own placement plan is complete too.
  const mine = await w.services.obligations.list(ctx('team_manager'), { placementId: mumPlacement });
  const planOf = (items: typeof mine.items) => items.filter((o) => o.obligationId === 'placement-plan').map((o) => [o.completedOn, o.status]);
  assert.deepEqual(planOf(mine.items), [[TODAY, 'completed_late']]);
  assert.deepEqual(planOf(mine.items), planOf(list.items), 'as the baby’s');
  assert.equal(mine.items.filter((o) => o.obligationId === 'parent-and-child-carer-report').length, 0, 'the reports are due once, on the plan’s placement');
  assert.equal(a.nextReportDue, '2026-11-06');
  // A PDF of the plan prints the parent-and-child sections.
  const [filed] = await w.database.db.select({ title: childDocument.title }).from(childDocument).where(eq(childDocument.placementId, placementId));
  assert.match(filed?.title ?? '', /Placement plan/);
});

test("carers' reports: received against a due day, read by the child's social worker only, each an obligation met", async () => {
  const { placementId, baby, mum } = await bothInCare();
  await completePlan(placementId);
  const bad = await api('POST', paths.api.pcCarerReports(placementId), { dueOn: '2026-11-07', receivedOn: '2026-11-06', receivedFrom: 'Jo Carer', summary: 'A good week' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /one of the days the plan sets/);
  const res = await api('POST', paths.api.pcCarerReports(placementId), { dueOn: '2026-11-06', receivedOn: '2026-11-06', receivedFrom: 'Jo Carer', summary: 'A good week' });
  assert.equal(res.statusCode, 201, res.body);
  const report = CarerReportResponse.parse(res.json());
  assert.equal(report.readOn, null);
  const late = await api('POST', paths.api.pcCarerReports(placementId), { dueOn: '2026-11-13', receivedOn: '2026-11-16', receivedFrom: 'Jo Carer', summary: 'Tired; feeding better' });
  assert.equal(late.statusCode, 201);

  // Only the child's social worker (or a manager) records a report as read.
  await assert.rejects(w.services.parentAndChildReviews.markRead(ctx('supervising_social_worker'), placementId, report.id, { readOn: '2026-11-09', version: 1 }), ForbiddenError);
  const read = await api('POST', paths.api.pcCarerReportRead(placementId, report.id), { readOn: '2026-11-09', version: 1 }, swToken);
  assert.equal(read.statusCode, 200, read.body);
  assert.equal(CarerReportResponse.parse(read.json()).readOn, '2026-11-09');
  const stale = await api('POST', paths.api.pcCarerReportRead(placementId, report.id), { readOn: '2026-11-09', version: 1 }, swToken);
  assert.equal(stale.statusCode, 409);

  const list = await w.services.obligations.list(ctx('team_manager'), { placementId });
  const of = (id: string) => list.items.filter((o) => o.obligationId === id).map((o) => [o.dueOn, o.status]).sort();
  assert.deepEqual(of('parent-and-child-carer-report'), [
    ['2026-11-06', 'completed_on_time'],
    ['2026-11-13', 'completed_late'],
    ['2026-11-20', 'overdue'],
  ]);
  assert.deepEqual(of('parent-and-child-carer-report-read'), [
    ['2026-11-13', 'completed_on_time'],
    ['2026-11-23', 'overdue'],
  ]);
  const audits = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'parent-and-child.report.recorded'), eq(auditEvent.subjectId, placementId)));
  assert.equal(audits.length, 2);
  assert.ok((audits[0]?.details as { childIds: string[] }).childIds.includes(baby.id), 'the audit names the children');
  // The mother's record finds who saw the assessment too.
  const seen = await w.database.db.select({ childIds: auditEvent.childIds }).from(auditEvent).where(and(eq(auditEvent.action, 'parent-and-child.report.recorded'), eq(auditEvent.subjectId, placementId)));
  assert.ok(seen.every((r) => r.childIds.includes(mum.id) && r.childIds.includes(baby.id)));
});

test('a review with an extension moves the next review and files its PDF on the child’s record', async () => {
  const { placementId, baby, mumPlacement } = await bothInCare();
  await completePlan(placementId);
  const r1 = await api('POST', paths.api.pcCarerReports(placementId), { dueOn: '2026-11-06', receivedOn: '2026-11-06', receivedFrom: 'Jo Carer', summary: 'A good week' });
  const reportId = CarerReportResponse.parse(r1.json()).id;
  const review = {
    heldOn: '2026-11-23',
    attendees: [{ name: 'Sam Social', role: "Child's social worker" }, { name: 'Jo Carer', role: 'Foster carer' }],
    progress: [
      { capability: 'Feeding on cue', rating: 'progressing', evidence: 'Responds to most cues' },
      { capability: 'Safe sleep', rating: 'demonstrated', evidence: 'Always on her back, in the cot' },
    ],
    reportIds: [reportId],
    decision: 'extend',
    periodEndsOn: '2026-12-30',
    reasons: 'Feeding needs more time',
  };
  const early = await api('POST', paths.api.pcReviews(placementId), { ...review, periodEndsOn: '2026-11-30' });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /after the end of the current review period \(30 November 2026\)/);
  const res = await api('POST', paths.api.pcReviews(placementId), review);
  assert.equal(res.statusCode, 201, res.body);
  const saved = ReviewResponse.parse(res.json());
  assert.deepEqual(saved.reportIds, [reportId]);
  const [pdf] = await w.database.db.select().from(childDocument).where(eq(childDocument.id, saved.documentId!));
  assert.equal(pdf?.childId, baby.id);
  assert.equal(Buffer.from(pdf!.content).subarray(0, 5).toString('latin1'), '%PDF-');

  const list = await w.services.obligations.list(ctx('team_manager'), { placementId });
  const reviews = list.items.filter((o) => o.obligationId === 'parent-and-child-review').map((o) => [o.dueOn, o.completedOn]).sort();
  // Review 1 due a week before 30 Nov; held 23 Nov. Review 2: a week before the new end (23 Dec), sooner than a month (23 Dec): 23 Dec.
  assert.deepEqual(reviews, [['2026-11-23', '2026-11-23'], ['2026-12-23', null]]);
  const periods = list.items.filter((o) => o.obligationId === 'parent-and-child-assessment-period').map((o) => o.dueOn).sort();
  assert.deepEqual(periods, ['2026-11-30', '2026-12-30']);
  // The review counts for the mother's own placement too.
  const hers = await w.services.obligations.list(ctx('team_manager'), { placementId: mumPlacement });
  assert.deepEqual(hers.items.filter((o) => o.obligationId === 'parent-and-child-review').map((o) => [o.dueOn, o.completedOn]).sort(), reviews);
});

test('success, both in care: the baby leaves care (E4A), the placement ends through the ending gate, and the mother (15) gets a long-term fostering request', async () => {
  const { placementId, baby, mum, mumPlacement, arrangementId } = await bothInCare();
  const outcome = { outcome: 'successful', decidedOn: '2026-11-24', reasons: 'Every capability demonstrated', familyLifePlan: 'Mother and baby stay together', supportRoute: 'child_in_need', supportReferredOn: '2026-11-24' };
  const refused = await api('POST', paths.api.pcOutcome(placementId), { ...outcome, parentRoute: 'independent_living' }, swToken);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /only for a parent aged 16 or 17: the parent is 15/);
  assert.deepEqual(await arrangementState(arrangementId), ['active', START, null], 'a refused outcome leaves the arrangement as it was');
  const res = await api('POST', paths.api.pcOutcome(placementId), { ...outcome, parentRoute: 'long_term_fostering' }, swToken);
  assert.equal(res.statusCode, 201, res.body);
  const o = OutcomeResponse.parse(res.json());
  assert.deepEqual(o.changes.map((c) => c.kind), ['placement_request', 'end_legal_status', 'end_placement']);
  // The outcome ends the arrangement on the day it was decided, in the same transaction, audited with the outcome.
  assert.deepEqual(await arrangementState(arrangementId), ['ended', START, '2026-11-24']);
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'parent-and-child.outcome.recorded'), eq(auditEvent.subjectId, placementId)));
  assert.deepEqual((audit?.details as { arrangementEnded?: unknown } | undefined)?.arrangementEnded, { id: arrangementId, endDate: '2026-11-24' });
  const [status] = await w.database.db.select().from(legalStatus).where(eq(legalStatus.childId, baby.id));
  assert.equal(status?.endDate, '2026-11-24');
  const [ended] = await w.database.db.select().from(careEnding).where(eq(careEnding.childId, baby.id));
  assert.equal(ended?.reason, 'E4A');
  const [p] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([p?.endDate, p?.reasonEnded, p?.status, p?.endingBasis], ['2026-11-24', 'CARPL', 'ended', 'leaving_care']);
  const [request] = await w.database.db.select().from(placementRequest).where(eq(placementRequest.childId, mum.id));
  assert.equal(request?.status, 'draft');
  const again = await api('POST', paths.api.pcOutcome(placementId), { ...outcome, parentRoute: 'long_term_fostering' }, swToken);
  assert.equal(again.statusCode, 400);
  // The assessment is over for the mother's own placement too: no review or review period is left open.
  const hers = await w.services.obligations.list(ctx('team_manager'), { placementId: mumPlacement });
  const pc = hers.items.filter((o) => o.obligationId.startsWith('parent-and-child-'));
  // (The review due on 23 November, before the outcome, was not held: it stays overdue, as it should.)
  assert.deepEqual(
    pc.map((o) => [o.obligationId, o.dueOn, o.completedOn ?? null, o.status]).sort(),
    [
      ['parent-and-child-assessment-period', '2026-11-30', '2026-11-24', 'completed_on_time'],
      ['parent-and-child-review', '2026-11-23', null, 'overdue'],
    ],
  );
  const view = AssessmentResponse.parse((await api('GET', paths.api.pcAssessment(placementId))).json());
  assert.equal(view.outcome?.outcome, 'successful');
});

test('failure, child not in care (2.2): the s20 agreement makes the baby looked after under V2 and starts a placement request; nothing changes on a refusal', async () => {
  const { mumPlacement, baby, arrangementId } = await bothInCare({ babyInCare: false });
  const outcome = { outcome: 'unsuccessful', decidedOn: '2026-11-24', reasons: 'Not safe at night', childRoute: 's20', s20AgreedOn: '2026-11-24', s20AgreedBy: 'The mother' };
  const missing = await problemsOf(w.services.parentAndChildReviews.recordOutcome(ctx('social_worker'), mumPlacement, { ...outcome, s20AgreedBy: '' }));
  assert.deepEqual(missing, ['s20AgreedBy: Enter who gave the agreement']);
  assert.equal((await w.database.db.select().from(legalStatus).where(eq(legalStatus.childId, baby.id))).length, 0);
  assert.deepEqual(await arrangementState(arrangementId), ['active', START, null]);
  const o = await w.services.parentAndChildReviews.recordOutcome(ctx('social_worker'), mumPlacement, outcome);
  assert.equal(o.outcome, 'unsuccessful');
  assert.deepEqual(await arrangementState(arrangementId), ['ended', START, '2026-11-24'], 'an unsuccessful outcome ends the arrangement too');
  const statuses = await w.database.db.select().from(legalStatus).where(eq(legalStatus.childId, baby.id));
  assert.deepEqual(statuses.map((s) => [s.code, s.startDate, s.endDate]), [['V2', '2026-11-24', null]]);
  const [request] = await w.database.db.select().from(placementRequest).where(eq(placementRequest.childId, baby.id));
  assert.equal(request?.id, o.placementRequestId);
  const audited = await w.database.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.subjectId, baby.id));
  assert.ok(audited.some((a) => a.action === 'child.legal-status.added'));
});

test('failure, child not in care, a court order sought: nothing changes until the interim care order is granted, then C1 and a placement request', async () => {
  const { mumPlacement, baby, arrangementId } = await bothInCare({ babyInCare: false });
  const res = await api('POST', paths.api.pcOutcome(mumPlacement), { outcome: 'unsuccessful', decidedOn: '2026-11-20', reasons: 'Not safe at night', childRoute: 'court_order', courtOrderSoughtOn: '2026-11-20' }, swToken);
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(await arrangementState(arrangementId), ['ended', START, '2026-11-20'], 'the arrangement ends with the outcome, even while the court order is awaited');
  assert.deepEqual(OutcomeResponse.parse(res.json()).changes, []);
  assert.equal((await w.database.db.select().from(legalStatus).where(eq(legalStatus.childId, baby.id))).length, 0);
  const sw = await as('social_worker');
  const page = await sw.get(paths.parentAndChildAssessment.show(mumPlacement));
  assert.match(page.body, /Record the interim care order granted/);
  const form = await sw.get(paths.parentAndChildAssessment.interimCareOrder(mumPlacement));
  assert.equal(form.statusCode, 200);
  const early = await sw.post(paths.parentAndChildAssessment.interimCareOrder(mumPlacement), { ...date('interimCareOrderOn', '2026-11-19') });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /cannot be granted before it was applied for/);
  const granted = await sw.post(paths.parentAndChildAssessment.interimCareOrder(mumPlacement), { ...date('interimCareOrderOn', '2026-11-23') });
  assert.equal(granted.statusCode, 303, granted.body.slice(0, 1500));
  const statuses = await w.database.db.select().from(legalStatus).where(eq(legalStatus.childId, baby.id));
  assert.deepEqual(statuses.map((x) => [x.code, x.startDate]), [['C1', '2026-11-23']]);
  const [request] = await w.database.db.select().from(placementRequest).where(eq(placementRequest.childId, baby.id));
  assert.equal(request?.status, 'draft');
  const again = await api('POST', paths.api.pcInterimCareOrder(mumPlacement), { interimCareOrderOn: '2026-11-24' }, swToken);
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /already recorded/);
});

test('the API records an interim care order granted and answers with the outcome', async () => {
  const { mumPlacement } = await bothInCare({ babyInCare: false });
  await w.services.parentAndChildReviews.recordOutcome(ctx('social_worker'), mumPlacement, { outcome: 'unsuccessful', decidedOn: '2026-11-20', reasons: 'Not safe', childRoute: 'court_order', courtOrderSoughtOn: '2026-11-20' });
  const res = await api('POST', paths.api.pcInterimCareOrder(mumPlacement), { interimCareOrderOn: '2026-11-24' }, swToken);
  assert.equal(res.statusCode, 200, res.body);
  const o = OutcomeResponse.parse(res.json());
  assert.deepEqual(o.changes.map((c) => [c.kind, c.code ?? null]), [['start_legal_status', 'C1'], ['placement_request', null]]);
  assert.equal(o.details.interimCareOrderOn, '2026-11-24');
});

test('not a parent-and-child placement: not found', async () => {
  const c = await insertChild();
  const [p] = await w.database.db.insert(placement).values({ childId: c.id, householdId, startDate: START, placementType: 'U6', status: 'active', kind: 'short_term' }).returning();
  const res = await api('GET', paths.api.pcAssessment(p!.id));
  assert.equal(res.statusCode, 404);
});

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

test('the pages: the assessment, a report recorded and read, a review and the outcome through the forms, with errors shown and nothing changed', async () => {
  const { placementId, baby, mumPlacement, arrangementId } = await bothInCare();
  await completePlan(placementId);
  const ssw = await as('supervising_social_worker');
  const sw = await as('social_worker');

  // The arrangement's page links each placement's assessment (the mother's and the baby's, both in care).
  const arrangementPage = await sw.get(paths.parentAndChild.show(arrangementId));
  assert.equal(arrangementPage.statusCode, 200);
  assert.ok(arrangementPage.body.includes(`href="${paths.parentAndChildAssessment.show(mumPlacement)}"`), 'links the mother’s assessment');
  assert.ok(arrangementPage.body.includes(`href="${paths.parentAndChildAssessment.show(placementId)}"`), 'links the baby’s assessment');

  const planPage = await sw.get(paths.planning.record(placementId, 'placement-plan'));
  assert.equal(planPage.statusCode, 200);
  assert.match(planPage.body, /Skills and capabilities the parent must demonstrate or learn/);
  assert.match(planPage.body, /The parent is in care: fostering needs and expectations/);
  const version = await sw.get(paths.planning.version(placementId, 'placement-plan', 1));
  assert.match(version.body, /Feeding on cue/);
  const placementPage = await ssw.get(paths.placements.show(placementId));
  assert.match(placementPage.body, /Open the parent-and-child assessment/);
  const page = await ssw.get(paths.parentAndChildAssessment.show(placementId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Feeding on cue/);
  assert.match(page.body, /Every week, from 6 November 2026; next due 6 November 2026/);

  const form = await ssw.get(paths.parentAndChildAssessment.newReport(placementId));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /value="2026"/, 'the next due day is suggested');
  const bad = await ssw.post(paths.parentAndChildAssessment.newReport(placementId), { ...date('dueOn', '2026-11-06'), ...date('receivedOn', '2026-11-06'), receivedFrom: '', summary: 'Settling' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /Enter who the report is from/);
  const ok = await ssw.post(paths.parentAndChildAssessment.newReport(placementId), { ...date('dueOn', '2026-11-06'), ...date('receivedOn', '2026-11-06'), receivedFrom: 'Jo Carer', summary: 'Settling well' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 1500));
  const a = await w.services.parentAndChildReviews.get(ctx('social_worker'), placementId);
  const report = a.reports[0]!;

  const readForm = await sw.get(paths.parentAndChildAssessment.readReport(placementId, report.id));
  assert.equal(readForm.statusCode, 200);
  const read = await sw.post(paths.parentAndChildAssessment.readReport(placementId, report.id), { ...date('readOn', '2026-11-09'), version: String(report.version) });
  assert.equal(read.statusCode, 303, read.body.slice(0, 1500));

  const reviewForm = await sw.get(paths.parentAndChildAssessment.newReview(placementId));
  assert.match(reviewForm.body, /Progress: Safe sleep/);
  const review = {
    ...date('heldOn', '2026-11-23'),
    attendees: 'Sam Social, child’s social worker\nJo Carer, foster carer',
    rating_0: 'progressing',
    evidence_0: 'Mostly on cue',
    rating_1: 'demonstrated',
    evidence_1: 'Always on her back',
    reportIds: report.id,
    decision: 'extend',
    ...date('periodEndsOn', '2026-12-30'),
    reasons: 'More time for feeding',
  };
  const missing = await sw.post(paths.parentAndChildAssessment.newReview(placementId), { ...review, rating_1: '' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /href="#rating_1"/, 'the error links to the capability’s question');
  const held = await sw.post(paths.parentAndChildAssessment.newReview(placementId), review);
  assert.equal(held.statusCode, 303, held.body.slice(0, 1500));

  const outcomeForm = await sw.get(paths.parentAndChildAssessment.newOutcome(placementId));
  assert.equal(outcomeForm.statusCode, 200);
  const outcome = { outcome: 'unsuccessful', ...date('decidedOn', '2026-11-24'), reasons: 'Not safe at night' };
  const wrong = await sw.post(paths.parentAndChildAssessment.newOutcome(placementId), { ...outcome, familyLifePlan: 'Together' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /This is for a successful outcome: leave it blank/);
  const done = await sw.post(paths.parentAndChildAssessment.newOutcome(placementId), outcome);
  assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
  const [request] = await w.database.db.select().from(placementRequest).where(eq(placementRequest.childId, baby.id));
  assert.equal(request?.status, 'draft', 'the baby, in care, is to move through the normal request and matching');

  const after = await sw.get(paths.parentAndChildAssessment.show(placementId));
  assert.match(after.body, /Unsuccessful: the parent cannot safely and successfully care for their child/);
  assert.match(after.body, /Extend the assessment to 30 December 2026/);
  assert.doesNotMatch(after.body, /Record the outcome/, 'no second outcome');
});
