import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlacementInput, PlacementUpdateInput, clashingPlacement, periodsOverlap, type PlacementPeriod } from './placement.ts';

const id = '6f1c1f0e-3d4b-4c52-9a57-1d2e3f4a5b6c';
const valid = { childId: id, householdId: id, startDate: '2025-01-06', placementType: 'U6', status: 'active' };
const fieldsOf = (r: { error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.')).sort();

test('a valid active placement parses, with no end date', () => {
  const v = PlacementInput.parse({ ...valid, endDate: '' });
  assert.equal(v.endDate, null);
  assert.equal(v.placementType, 'U6');
});

test('unknown placement types and statuses, and bad dates, are refused', () => {
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...valid, placementType: 'P1', status: 'paused', startDate: '2025-02-30' })), ['placementType', 'startDate', 'status']);
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...valid, childId: 'C0001' })), ['childId']);
});

test('the end date cannot be before the start date', () => {
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...valid, status: 'ended', endDate: '2025-01-05' })), ['endDate']);
  assert.equal(PlacementInput.safeParse({ ...valid, status: 'ended', endDate: '2025-01-06' }).success, true);
});

test('an ended placement needs an end date; an active one has none', () => {
  assert.deepEqual(fieldsOf(PlacementUpdateInput.safeParse({ ...valid, status: 'ended' })), ['endDate']);
  assert.deepEqual(fieldsOf(PlacementUpdateInput.safeParse({ ...valid, status: 'active', endDate: '2025-03-01' })), ['endDate']);
  assert.equal(PlacementUpdateInput.safeParse({ ...valid, status: 'planned', endDate: '2025-03-01' }).success, true);
  assert.equal(PlacementUpdateInput.safeParse({ ...valid, status: 'cancelled' }).success, true);
});

test('periods overlap unless one ends on or before the day the other starts', () => {
  assert.equal(periodsOverlap({ startDate: '2025-01-01', endDate: '2025-02-01' }, { startDate: '2025-02-01', endDate: null }), false);
  assert.equal(periodsOverlap({ startDate: '2025-01-01', endDate: '2025-02-02' }, { startDate: '2025-02-01', endDate: null }), true);
  assert.equal(periodsOverlap({ startDate: '2025-03-01', endDate: null }, { startDate: '2025-01-01', endDate: null }), true);
  assert.equal(periodsOverlap({ startDate: '2025-03-01', endDate: '2025-03-01' }, { startDate: '2025-03-01', endDate: '2025-03-05' }), true);
  assert.equal(periodsOverlap({ startDate: '2025-01-01', endDate: '2025-01-10' }, { startDate: '2025-02-01', endDate: '2025-02-10' }), false);
});

test('a child cannot have two overlapping planned or active placements', () => {
  const others: PlacementPeriod[] = [
    { id: 'a', startDate: '2024-01-01', endDate: '2024-06-01', status: 'ended' },
    { id: 'b', startDate: '2025-01-01', endDate: null, status: 'active' },
    { id: 'c', startDate: '2025-06-01', endDate: '2025-07-01', status: 'cancelled' },
  ];
  assert.equal(clashingPlacement({ startDate: '2025-05-01', endDate: null, status: 'planned' }, others)?.id, 'b');
  // An ended or cancelled placement never clashes, and does not block others.
  assert.equal(clashingPlacement({ startDate: '2024-02-01', endDate: '2024-03-01', status: 'planned' }, others), null);
  assert.equal(clashingPlacement({ startDate: '2025-05-01', endDate: '2025-05-09', status: 'ended' }, others), null);
  // A placement is not compared with itself when it is edited.
  assert.equal(clashingPlacement({ id: 'b', startDate: '2025-01-02', endDate: null, status: 'active' }, others), null);
  // A planned move starting on the day the current one ends is fine.
  const current: PlacementPeriod[] = [{ id: 'd', startDate: '2025-01-01', endDate: '2025-04-01', status: 'planned' }];
  assert.equal(clashingPlacement({ startDate: '2025-04-01', endDate: null, status: 'planned' }, current), null);
});
