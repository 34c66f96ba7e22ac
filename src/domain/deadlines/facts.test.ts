import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childFacts, childrenAlreadyPlaced, householdFacts, periodsOfCare, type PlacementRecord } from './facts.ts';

const pl = (over: Partial<PlacementRecord> & { id: string }): PlacementRecord => ({
  childId: 'c1',
  householdId: 'h1',
  startDate: '2024-01-10',
  endDate: null,
  status: 'active',
  ...over,
});

test('periods of care: consecutive legal statuses form one period; a gap starts another', () => {
  assert.deepEqual(
    periodsOfCare([
      { code: 'C2', startDate: '2022-05-01', endDate: null },
      { code: 'V2', startDate: '2020-01-01', endDate: '2020-03-01' },
      { code: 'L1', startDate: '2022-02-01', endDate: '2022-05-01' },
      { code: 'C1', startDate: '2020-03-01', endDate: '2021-01-01' },
    ]),
    [
      { start: '2020-01-01', end: '2021-01-01' },
      { start: '2022-02-01', end: null },
    ],
  );
  assert.deepEqual(periodsOfCare([]), []);
});

test('children already placed: those living there the day before, not those leaving that day or arriving with the child', () => {
  const p = pl({ id: 'p', childId: 'new', startDate: '2024-03-01' });
  const others = [
    pl({ id: 'a', childId: 'stays', startDate: '2023-01-01' }),
    pl({ id: 'b', childId: 'left', startDate: '2023-01-01', endDate: '2024-03-01' }),
    pl({ id: 'c', childId: 'sibling', startDate: '2024-03-01' }),
    pl({ id: 'd', childId: 'cancelled', startDate: '2023-06-01', status: 'cancelled' }),
    pl({ id: 'e', childId: 'later', startDate: '2024-04-01' }),
    p,
  ];
  assert.deepEqual(childrenAlreadyPlaced(p, others), ['stays']);
});

test('child facts keep only the latest period of care, its placements and its events', () => {
  const placements = [
    pl({ id: 'old', startDate: '2019-06-01', endDate: '2020-01-10' }),
    pl({ id: 'now', startDate: '2024-01-10', kind: 'emergency', householdId: 'h2' }),
    pl({ id: 'gone', startDate: '2024-01-05', endDate: '2024-01-06', status: 'cancelled' }),
  ];
  const facts = childFacts({
    child: { id: 'c1', dateOfBirth: '2015-02-03', courtCarePlan: true },
    legalStatuses: [
      { code: 'C2', startDate: '2019-06-01', endDate: '2020-01-10' },
      { code: 'L1', startDate: '2024-01-10', endDate: null },
    ],
    placements,
    events: [
      { id: 'e1', kind: 'care_plan_completed', eventDate: '2019-06-05' },
      { id: 'e2', kind: 'visit', eventDate: '2019-06-07', placementId: 'old' },
      { id: 'e3', kind: 'care_plan_completed', eventDate: '2024-01-08' },
      { id: 'e4', kind: 'visit', eventDate: '2024-01-12', placementId: 'now' },
    ],
    householdPlacements: (h) => (h === 'h2' ? [pl({ id: 'x', childId: 'c9', householdId: 'h2', startDate: '2023-01-01' })] : []),
  });
  assert.deepEqual(facts.placements.map((p) => p.id), ['now']);
  assert.deepEqual(facts.placements[0]?.otherChildrenPlaced, ['c9']);
  assert.equal(facts.placements[0]?.emergency, true);
  assert.deepEqual(facts.events.map((e) => e.id), ['e3', 'e4']);
  assert.deepEqual(facts.legalStatuses, [{ code: 'L1', start: '2024-01-10', end: null }]);
  assert.equal(facts.lookedAfterUntil, undefined);
  assert.equal(facts.courtCarePlan, true);
});

test('a closed period of care gives the day the child stopped being looked after', () => {
  const facts = childFacts({
    child: { id: 'c1', dateOfBirth: '2010-02-03' },
    legalStatuses: [{ code: 'C2', startDate: '2023-01-01', endDate: '2024-02-01' }],
    placements: [pl({ id: 'p', startDate: '2023-01-01', endDate: '2024-02-01' })],
    events: [],
    householdPlacements: () => [],
  });
  assert.equal(facts.lookedAfterUntil, '2024-02-01');
});

test('household facts: a connected-person placement is a temporary approval until full approval', () => {
  const facts = householdFacts({
    household: { id: 'h1', approvalStatus: 'approved', approvalDate: '2024-05-01' },
    placements: [pl({ id: 'p', startDate: '2024-02-01', connectedPerson: true }), pl({ id: 'q', childId: 'c2', startDate: '2024-06-01', status: 'cancelled' })],
    events: [{ id: 'r', kind: 'carer_review_held', eventDate: '2025-04-01' }],
  });
  assert.deepEqual(facts.temporaryApprovals, [{ id: 'p', childId: 'c1', start: '2024-02-01', fullyApprovedOn: '2024-05-01', endedOn: null, extension: null }]);
  assert.deepEqual(facts.placements.map((p) => p.id), ['p']);
  assert.deepEqual(facts.events, [{ kind: 'carer_review_held', date: '2025-04-01', id: 'r' }]);
  const deregistered = householdFacts({ household: { id: 'h1', approvalStatus: 'deregistered', approvalDate: '2020-01-01' }, placements: [], events: [] });
  assert.equal(deregistered.approvalDate, null);
});
