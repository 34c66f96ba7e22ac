import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutcomeInput, interimCareOrderChanges, outcomeChanges, parentRouteProblem, type OutcomePerson } from './parent-and-child-outcome.ts';
import { carerReportProblems, isDueDay, nextReportDue, reportReadProblems, ReviewInput, reviewProblems, type ReviewContext } from './parent-and-child-review.ts';

const TODAY = '2024-03-01';
const ctx = { today: TODAY, placementStart: '2024-01-08' };
const parse = (o: Record<string, unknown>) => OutcomeInput.parse({ decidedOn: '2024-02-28', reasons: 'Because', ...o });
const person = (over: Partial<OutcomePerson>): OutcomePerson => ({ role: 'child', name: 'Baby', childId: 'c-baby', dateOfBirth: '2023-12-01', inCare: true, placementId: 'pl-baby', legalStatus: { id: 'ls-1', code: 'C1' }, ...over });
const mum = (over: Partial<OutcomePerson> = {}) => person({ role: 'parent', name: 'Mum', childId: 'c-mum', dateOfBirth: '2008-06-01', placementId: 'pl-mum', legalStatus: { id: 'ls-m', code: 'C2' }, ...over });
const success = { outcome: 'successful', familyLifePlan: 'Live together with support', supportReferredOn: '2024-02-28', supportRoute: 'child_in_need' };

test('the age rule (7.3): long-term fostering under 16, independent living only at 16 or 17, on the day', () => {
  assert.equal(parentRouteProblem('long_term_fostering', '2008-06-01', '2024-05-31'), null, '15 the day before the 16th birthday');
  assert.match(parentRouteProblem('long_term_fostering', '2008-06-01', '2024-06-01') ?? '', /under 16: the parent is 16/);
  assert.equal(parentRouteProblem('independent_living', '2008-06-01', '2024-06-01'), null, '16 on the birthday');
  assert.match(parentRouteProblem('independent_living', '2008-06-01', '2024-05-31') ?? '', /16 or 17: the parent is 15/);
  assert.match(parentRouteProblem('independent_living', '2006-02-01', '2024-02-01') ?? '', /the parent is 18/);
  assert.match(parentRouteProblem('independent_living', null, '2024-02-01') ?? '', /date of birth is not recorded/);
});

test('success, both in care (2.1): the child leaves care (E4A) and their placement ends that day; the parent under 16 goes on to long-term fostering', () => {
  const r = outcomeChanges(parse({ ...success, parentRoute: 'long_term_fostering' }), [mum(), person({})], ctx);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.changes, [
    { kind: 'placement_request', childId: 'c-mum', why: 'A long-term fostering placement (parent under 16)' },
    { kind: 'end_legal_status', childId: 'c-baby', legalStatusId: 'ls-1', code: 'C1', endOn: '2024-02-28', careEndedReason: 'E4A' },
    { kind: 'end_placement', childId: 'c-baby', placementId: 'pl-baby', endOn: '2024-02-28', reasonEnded: 'CARPL' },
  ]);
});

test('success with a parent in care who is 15: independent living is refused, checked by age on the day', () => {
  const r = outcomeChanges(parse({ ...success, parentRoute: 'independent_living' }), [mum(), person({})], ctx);
  assert.deepEqual(r.changes, []);
  assert.deepEqual(r.problems.map((p) => p.field), ['parentRoute']);
});

test('success, parent not in care (2.3): the services engaged are required (7.4), and the referral (7.2) and plan (7.1) always', () => {
  const r = outcomeChanges(parse({ outcome: 'successful' }), [mum({ inCare: false, childId: null, placementId: null, legalStatus: null }), person({})], ctx);
  assert.deepEqual(r.problems.map((p) => p.field).sort(), ['familyLifePlan', 'servicesEngaged', 'supportReferredOn', 'supportRoute']);
  const ok = outcomeChanges(parse({ ...success, servicesEngaged: 'Health visitor, children’s centre' }), [mum({ inCare: false, childId: null, placementId: null, legalStatus: null }), person({})], ctx);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.changes.map((c) => c.kind), ['end_legal_status', 'end_placement']);
});

test('failure, child in care: a placement request for the child (the normal request and matching); no legal status changes', () => {
  const r = outcomeChanges(parse({ outcome: 'unsuccessful' }), [mum({ inCare: false, childId: null }), person({})], ctx);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.changes, [{ kind: 'placement_request', childId: 'c-baby', why: 'to another foster placement (7.5)' }]);
});

test("failure, child not in care (2.2): the parent's s20 agreement makes the child looked after under V2 from that day", () => {
  const people = [mum(), person({ inCare: false, placementId: null, legalStatus: null })];
  const missing = outcomeChanges(parse({ outcome: 'unsuccessful' }), people, ctx);
  assert.deepEqual(missing.problems.map((p) => p.field), ['childRoute']);
  const r = outcomeChanges(parse({ outcome: 'unsuccessful', childRoute: 's20', s20AgreedOn: '2024-02-27', s20AgreedBy: 'Mum' }), people, ctx);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.changes, [
    { kind: 'start_legal_status', childId: 'c-baby', code: 'V2', startOn: '2024-02-27' },
    { kind: 'placement_request', childId: 'c-baby', why: 'placed elsewhere under section 20 (7.5)' },
  ]);
});

test('failure, child not in care: a court order sought changes nothing yet; an interim care order granted gives C1 from that day', () => {
  const people = [mum(), person({ inCare: false, placementId: null, legalStatus: null })];
  const sought = outcomeChanges(parse({ outcome: 'unsuccessful', childRoute: 'court_order', courtOrderSoughtOn: '2024-02-20' }), people, ctx);
  assert.deepEqual(sought, { problems: [], changes: [] });
  const granted = outcomeChanges(parse({ outcome: 'unsuccessful', childRoute: 'court_order', courtOrderSoughtOn: '2024-02-20', interimCareOrderOn: '2024-02-23' }), people, ctx);
  assert.deepEqual(granted.changes[0], { kind: 'start_legal_status', childId: 'c-baby', code: 'C1', startOn: '2024-02-23' });
  const early = outcomeChanges(parse({ outcome: 'unsuccessful', childRoute: 'court_order', courtOrderSoughtOn: '2024-02-20', interimCareOrderOn: '2024-02-19' }), people, ctx);
  assert.deepEqual(early.problems.map((p) => p.field), ['interimCareOrderOn']);
});

test('answers that belong to the other outcome are refused, and a decision in the future', () => {
  const r = outcomeChanges(parse({ outcome: 'unsuccessful', familyLifePlan: 'x', decidedOn: '2024-03-02' }), [person({})], ctx);
  assert.deepEqual(r.problems.map((p) => p.field).sort(), ['decidedOn', 'familyLifePlan']);
});

// Carers' reports and reviews -------------------------------------------------------------------------

const schedule = { frequency: 'weekly' as const, firstDueOn: '2024-01-12' };

test("a report answers one of the schedule's due days, once", () => {
  assert.equal(isDueDay(schedule, '2024-01-26'), true);
  assert.equal(isDueDay(schedule, '2024-01-27'), false);
  assert.equal(isDueDay(schedule, '2024-01-05'), false);
  assert.equal(nextReportDue(schedule, ['2024-01-12', '2024-01-19']), '2024-01-26');
  const base = { today: TODAY, placementStart: '2024-01-08', schedule, receivedDueDays: ['2024-01-12'] };
  const input = { dueOn: '2024-01-12', receivedOn: '2024-01-13', receivedFrom: 'Carer', summary: 'Good week' };
  assert.deepEqual(carerReportProblems(input, base).map((p) => p.field), ['dueOn']);
  assert.deepEqual(carerReportProblems({ ...input, dueOn: '2024-01-19', receivedOn: '2024-03-02' }, base).map((p) => p.field), ['receivedOn']);
  assert.deepEqual(carerReportProblems({ ...input, dueOn: '2024-01-19' }, base), []);
  assert.match(carerReportProblems(input, { ...base, schedule: null })[0]?.message ?? '', /sets no reporting schedule/);
  assert.deepEqual(reportReadProblems({ readOn: '2024-01-12' }, { receivedOn: '2024-01-13', readOn: null }, TODAY).map((p) => p.field), ['readOn']);
  assert.deepEqual(reportReadProblems({ readOn: '2024-01-14' }, { receivedOn: '2024-01-13', readOn: null }, TODAY), []);
});

const reviewCtx: ReviewContext = {
  today: TODAY,
  placement: { start: '2024-01-08', end: null },
  currentPeriodEndsOn: '2024-02-05',
  capabilities: ['Feeding', 'Safe sleep'],
  reports: [{ id: '6f1c1a1e-0000-4000-8000-000000000001', receivedOn: '2024-01-12' }, { id: '6f1c1a1e-0000-4000-8000-000000000002', receivedOn: '2024-02-02' }],
  outcomeRecorded: false,
};
const review = (o: Record<string, unknown> = {}) =>
  ReviewInput.parse({
    heldOn: '2024-01-26',
    attendees: [{ name: 'Sam', role: "Child's social worker" }],
    progress: [
      { capability: 'Feeding', rating: 'progressing', evidence: 'Feeds on cue' },
      { capability: 'Safe sleep', rating: 'demonstrated', evidence: 'Always on back' },
    ],
    reportIds: ['6f1c1a1e-0000-4000-8000-000000000001'],
    decision: 'extend',
    periodEndsOn: '2024-03-15',
    reasons: 'More time to see feeding',
    ...o,
  });

test('a review: progress against every capability in the plan, reports received by then, and an extension beyond the current period', () => {
  assert.deepEqual(reviewProblems(review(), reviewCtx), []);
  assert.deepEqual(reviewProblems(review({ progress: [{ capability: 'Feeding', rating: 'progressing', evidence: 'x' }] }), reviewCtx).map((p) => p.field), ['progress.1']);
  assert.deepEqual(reviewProblems(review({ reportIds: ['6f1c1a1e-0000-4000-8000-000000000002'] }), reviewCtx).map((p) => p.field), ['reportIds.0']);
  assert.deepEqual(reviewProblems(review({ periodEndsOn: '2024-02-05' }), reviewCtx).map((p) => p.field), ['periodEndsOn']);
  assert.deepEqual(reviewProblems(review({ periodEndsOn: '' }), reviewCtx).map((p) => p.field), ['periodEndsOn']);
  assert.deepEqual(reviewProblems(review({ decision: 'end_successful' }), reviewCtx).map((p) => p.field), ['periodEndsOn'], 'an end date only with an extension');
  assert.deepEqual(reviewProblems(review({ decision: 'end_successful', periodEndsOn: '' }), reviewCtx), []);
  assert.deepEqual(reviewProblems(review(), { ...reviewCtx, outcomeRecorded: true }).map((p) => p.field), ['form']);
  assert.deepEqual(reviewProblems(review({ heldOn: '2024-01-01' }), reviewCtx).map((p) => p.field), ['heldOn', 'reportIds.0'], 'before the placement, and so before the report');
});

test('an interim care order granted later, after a court order was sought: C1 from that day and a placement request; only once, only then', () => {
  const people = [mum(), person({ inCare: false, placementId: null, legalStatus: null })];
  const sought = { outcome: 'unsuccessful' as const, decidedOn: '2024-02-20', details: { reasons: 'Not safe', childRoute: 'court_order', courtOrderSoughtOn: '2024-02-20' } };
  const r = interimCareOrderChanges(sought, '2024-02-26', people, ctx);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.changes, [
    { kind: 'start_legal_status', childId: 'c-baby', code: 'C1', startOn: '2024-02-26' },
    { kind: 'placement_request', childId: 'c-baby', why: 'placed elsewhere under an interim care order (7.5)' },
  ]);
  assert.deepEqual(interimCareOrderChanges(sought, '2024-02-19', people, ctx).problems.map((p) => p.field), ['interimCareOrderOn'], 'not before it was sought');
  assert.match(interimCareOrderChanges({ ...sought, details: { ...sought.details, interimCareOrderOn: '2024-02-26' } }, '2024-02-27', people, ctx).problems[0]?.message ?? '', /already recorded/);
  assert.match(interimCareOrderChanges({ ...sought, details: { reasons: 'x', childRoute: 's20', s20AgreedOn: '2024-02-20', s20AgreedBy: 'Mum' } }, '2024-02-27', people, ctx).problems[0]?.message ?? '', /only after an unsuccessful outcome with a court order sought/);
});
