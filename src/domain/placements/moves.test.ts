import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { decideEnding, isPlannedEnding, moveDecisionProblems, moveRequestProblems, MoveDecisionInput, MoveRequestInput, type EndingFacts } from './moves.ts';

const TODAY = '2026-11-25';
const facts = (over: Partial<EndingFacts> = {}): EndingFacts => ({ placementType: 'U3', endDate: '2026-12-01', reasonEnded: 'CREQB', carePlanEndOn: null, careEndsOn: [], moveRequests: [], ...over });

test('an early end with no move request is refused, naming both ways to ask', () => {
  const d = decideEnding(facts());
  assert.equal(d.allowed, false);
  assert.match(d.allowed ? '' : d.message, /agreed by the HARP panel or the head of service: request a move, or an urgent move/);
});

test('a request still waiting for agreement does not let the placement end; an agreed one does, and names itself', () => {
  const waiting = decideEnding(facts({ moveRequests: [{ id: 'm1', urgent: false, status: 'requested' }] }));
  assert.equal(waiting.allowed, false);
  assert.match(waiting.allowed ? '' : waiting.message, /has not been agreed by the HARP panel or the head of service yet/);
  assert.deepEqual(decideEnding(facts({ moveRequests: [{ id: 'm0', urgent: false, status: 'declined' }, { id: 'm1', urgent: false, status: 'agreed' }] })), { allowed: true, basis: 'agreed_move', moveRequestId: 'm1' });
  assert.deepEqual(decideEnding(facts({ moveRequests: [{ id: 'u1', urgent: true, status: 'agreed' }] })), { allowed: true, basis: 'urgent_move', moveRequestId: 'u1' });
  assert.equal(decideEnding(facts({ moveRequests: [{ id: 'm0', urgent: false, status: 'declined' }, { id: 'm2', urgent: false, status: 'withdrawn' }] })).allowed, false);
});

test('the care plan: an end on or after its planned end needs no move; an earlier one does', () => {
  assert.deepEqual(decideEnding(facts({ carePlanEndOn: '2026-12-01' })), { allowed: true, basis: 'care_plan', moveRequestId: null });
  assert.deepEqual(decideEnding(facts({ carePlanEndOn: '2026-11-28' })), { allowed: true, basis: 'care_plan', moveRequestId: null });
  const early = decideEnding(facts({ carePlanEndOn: '2027-01-10' }));
  assert.equal(early.allowed, false);
  assert.match(early.allowed ? '' : early.message, /the care plan plans its end on 10 January 2027/);
});

test('leaving care on the day, a temporary placement and a change of status only are not moves', () => {
  assert.equal(decideEnding(facts({ careEndsOn: ['2026-12-01'] })).allowed && 'leaving_care', 'leaving_care');
  assert.equal(decideEnding(facts({ careEndsOn: ['2026-12-02'] })).allowed, false, 'care ending on another day does not count');
  assert.deepEqual(decideEnding(facts({ placementType: 'T1', reasonEnded: null })), { allowed: true, basis: 'temporary', moveRequestId: null });
  assert.deepEqual(decideEnding(facts({ reasonEnded: 'PLACE' })), { allowed: true, basis: 'status_change', moveRequestId: null });
});

test('property: without an agreed request, a care-plan end on or before the day, or care ending that day, a non-temporary change of carers is always refused', () => {
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-12-${String(d).padStart(2, '0')}`);
  fc.assert(
    fc.property(day, fc.option(day, { nil: null }), fc.array(day, { maxLength: 3 }), fc.array(fc.constantFrom('requested', 'declined', 'withdrawn', 'agreed') as fc.Arbitrary<'requested' | 'declined' | 'withdrawn' | 'agreed'>, { maxLength: 3 }), (endDate, carePlanEndOn, careEndsOn, statuses) => {
      const f = facts({ endDate, carePlanEndOn, careEndsOn, moveRequests: statuses.map((status, i) => ({ id: `m${i}`, urgent: i % 2 === 1, status })) });
      const d = decideEnding(f);
      const planned = (carePlanEndOn !== null && endDate >= carePlanEndOn) || careEndsOn.includes(endDate);
      assert.equal(d.allowed, planned || statuses.includes('agreed'));
      if (d.allowed && d.moveRequestId) assert.equal(f.moveRequests.find((m) => m.id === d.moveRequestId)?.status, 'agreed');
    }),
  );
});

const request = (over: Record<string, unknown> = {}) =>
  MoveRequestInput.parse({
    reason: 'The carers have given notice',
    supportTried: 'Two Placement Support Meetings; the Stability Panel funded mentoring',
    virtualSchoolAdviceFrom: 'Pat Virtual',
    virtualSchoolAdvice: 'Keep the school place',
    alternativesConsidered: 'More respite; a mentor',
    tellingPlan: 'Told together by the SW and carers on Saturday',
    tellingConfirmedBySw: 'Sam Social',
    tellingConfirmedBySsw: 'Sue Supervising',
    tellingConfirmedByCarers: 'Jo Carer',
    ...over,
  });

test('a planned move: the plan for telling the child is agreed by the social worker, the SSW and the carers; the Virtual School advice is required', () => {
  assert.deepEqual(moveRequestProblems(request()), []);
  assert.deepEqual(moveRequestProblems(request({ tellingConfirmedByCarers: '', tellingConfirmedBySw: '' })).map((p) => p.field), ['tellingConfirmedBySw', 'tellingConfirmedByCarers']);
  const parsed = MoveRequestInput.safeParse({ ...request(), virtualSchoolAdvice: '' });
  assert.equal(parsed.success, false);
  assert.deepEqual(parsed.error?.issues.map((i) => i.message), ["Enter the Virtual School's advice"]);
  assert.deepEqual(moveRequestProblems(request({ safeguardingIssue: 'x' })).map((p) => p.field), ['safeguardingIssue']);
});

test('an urgent move: only for an immediate safeguarding issue, recorded', () => {
  assert.deepEqual(moveRequestProblems(request({ urgent: true, tellingConfirmedByCarers: '' })).map((p) => p.message), ['An urgent move is only for an immediate safeguarding issue: enter the issue']);
  assert.deepEqual(moveRequestProblems(request({ urgent: true, safeguardingIssue: 'Allegation against a carer', tellingConfirmedByCarers: '' })), []);
});

const decision = (over: Record<string, unknown> = {}) => MoveDecisionInput.parse({ outcome: 'agreed', decidedThrough: 'harp_panel', panelDate: '2026-11-24', panelChair: 'Chris Chair', decisionReason: 'Support tried; the move is in the child\'s interests', ...over });

test('agreement: the HARP panel (recorded by a manager, with date and chair) or the head of service as themself; never twice', () => {
  const open = { status: 'requested' as const, urgent: false, alternativeOptions: [] };
  assert.deepEqual(moveDecisionProblems(open, decision(), 'team_manager', TODAY), []);
  assert.deepEqual(moveDecisionProblems(open, decision({ panelDate: '', panelChair: '' }), 'team_manager', TODAY).map((p) => p.field), ['panelDate', 'panelChair']);
  assert.deepEqual(moveDecisionProblems(open, decision({ panelDate: '2026-11-26' }), 'team_manager', TODAY).map((p) => p.message), ['The date of the HARP panel must be today or in the past']);
  assert.deepEqual(moveDecisionProblems(open, decision({ decidedThrough: 'head_of_service', panelDate: '', panelChair: '' }), 'team_manager', TODAY).map((p) => p.field), ['decidedThrough']);
  assert.deepEqual(moveDecisionProblems(open, decision({ decidedThrough: 'head_of_service', panelDate: '', panelChair: '' }), 'head_of_service', TODAY), []);
  assert.match(moveDecisionProblems({ ...open, status: 'agreed' }, decision(), 'head_of_service', TODAY)[0]?.message ?? '', /already agreed/);
});

test('an urgent move is authorised only by the head of service, and only once the alternative placement options are listed', () => {
  const urgent = { status: 'requested' as const, urgent: true, alternativeOptions: [] as unknown[] };
  const hos = decision({ decidedThrough: 'head_of_service', panelDate: '', panelChair: '' });
  assert.match(moveDecisionProblems(urgent, hos, 'head_of_service', TODAY)[0]?.message ?? '', /only once the alternative placement options are listed/);
  assert.deepEqual(moveDecisionProblems({ ...urgent, alternativeOptions: [{ option: 'Aunt', suitable: false, why: 'No room' }] }, hos, 'head_of_service', TODAY), []);
  assert.deepEqual(moveDecisionProblems({ ...urgent, alternativeOptions: [{}] }, decision(), 'head_of_service', TODAY).map((p) => p.message), ['An urgent move is authorised by the head of service']);
  assert.deepEqual(moveDecisionProblems(urgent, { ...hos, outcome: 'declined' }, 'head_of_service', TODAY), [], 'declining needs no list');
  assert.equal(isPlannedEnding('urgent_move'), false);
  assert.equal(isPlannedEnding('agreed_move'), true);
});
