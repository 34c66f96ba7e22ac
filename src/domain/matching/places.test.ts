import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availablePlaces, placeCounts, placedOn, type PlacementSpan } from './places.ts';

const span = (overrides: Partial<PlacementSpan> = {}): PlacementSpan => ({ childId: 'a', status: 'active', startDate: '2024-01-10', endDate: null, ...overrides });
const approved = (approvedChildren: number) => ({ approvalStatus: 'approved' as const, approvedChildren });

test('available places are the number approved minus the children placed now', () => {
  assert.equal(availablePlaces(approved(3), [], '2025-03-03'), 3);
  assert.equal(availablePlaces(approved(3), [span({ childId: 'a' }), span({ childId: 'b' })], '2025-03-03'), 1);
  assert.equal(availablePlaces(approved(2), [span({ childId: 'a' }), span({ childId: 'b' })], '2025-03-03'), 0);
});

test('never below 0, even when more children are placed than approved (an emergency outside the terms)', () => {
  assert.equal(availablePlaces(approved(1), [span({ childId: 'a' }), span({ childId: 'b' })], '2025-03-03'), 0);
  assert.deepEqual(placeCounts({ approvedChildren: 1 }, [span({ childId: 'a' }), span({ childId: 'b' })], '2025-03-03'), { approved: 1, placed: 2, free: 0 });
});

test('0 places when the approval is not current, whatever the terms say', () => {
  for (const approvalStatus of ['in_assessment', 'on_hold', 'deregistered'] as const) {
    assert.equal(availablePlaces({ approvalStatus, approvedChildren: 3 }, [], '2025-03-03'), 0, approvalStatus);
  }
});

test('ended and cancelled placements take no place; a placement ending on the day frees it that day', () => {
  const placements = [
    span({ childId: 'a', status: 'ended', endDate: '2025-01-01' }),
    span({ childId: 'b', status: 'cancelled' }),
    span({ childId: 'c', status: 'active', endDate: '2025-03-03' }),
    span({ childId: 'd', status: 'active', endDate: '2025-03-04' }),
  ];
  assert.deepEqual(
    placedOn(placements, '2025-03-03').map((p) => p.childId),
    ['d'],
  );
  assert.equal(availablePlaces(approved(3), placements, '2025-03-03'), 2);
});

test('a planned placement takes a place from its start date, not before', () => {
  const placements = [span({ childId: 'p', status: 'planned', startDate: '2025-03-10' })];
  assert.equal(availablePlaces(approved(1), placements, '2025-03-09'), 1);
  assert.equal(availablePlaces(approved(1), placements, '2025-03-10'), 0);
  assert.equal(availablePlaces(approved(1), placements, '2025-04-01'), 0);
});

test('a child with two overlapping rows counts once', () => {
  const placements = [span({ childId: 'a' }), span({ childId: 'a', status: 'planned', startDate: '2025-03-01' })];
  assert.equal(placeCounts({ approvedChildren: 3 }, placements, '2025-03-03').placed, 1);
});

test('a child placed with their parent and not fostered by the carers (parent and child, 2.2) takes no place', () => {
  const placements = [span({ childId: 'mum' }), span({ childId: 'baby', fostered: false })];
  assert.deepEqual(placeCounts({ approvedChildren: 2 }, placements, '2025-03-03'), { approved: 2, placed: 1, free: 1 });
  assert.equal(availablePlaces(approved(1), placements, '2025-03-03'), 0);
});
