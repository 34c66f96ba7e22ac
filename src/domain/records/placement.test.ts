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

test('the details that decide the obligations: kind and tick boxes from a form or JSON; missing means no', () => {
  const plain = PlacementInput.parse(valid);
  assert.equal(plain.kind, null);
  assert.deepEqual(
    [plain.emergency, plain.outsideTermsOfApproval, plain.intendedUntil18, plain.connectedPerson, plain.sixMonthlyVisitsAgreed],
    [false, false, false, false, false],
  );
  assert.equal(plain.assessmentPeriodEndsOn, null);
  // A form sends 'true' for a ticked box and nothing otherwise; the API sends booleans.
  const fromForm = PlacementInput.parse({ ...valid, kind: 'long_term', intendedUntil18: 'true', sixMonthlyVisitsAgreed: 'true', assessmentPeriodEndsOn: '' });
  assert.deepEqual([fromForm.kind, fromForm.intendedUntil18, fromForm.sixMonthlyVisitsAgreed, fromForm.connectedPerson], ['long_term', true, true, false]);
  const fromApi = PlacementUpdateInput.parse({ ...valid, kind: 'short_term', connectedPerson: true, emergency: false });
  assert.deepEqual([fromApi.connectedPerson, fromApi.emergency], [true, false]);
  assert.equal(PlacementInput.parse({ ...valid, kind: '' }).kind, null);
});

test('anything but a boolean (or a ticked box) is refused, as is an unknown kind', () => {
  const r = PlacementInput.safeParse({ ...valid, emergency: 'yes', connectedPerson: 1, intendedUntil18: null, outsideTermsOfApproval: 'false', kind: 'respite' });
  assert.deepEqual(fieldsOf(r), ['connectedPerson', 'emergency', 'intendedUntil18', 'kind', 'outsideTermsOfApproval']);
  assert.match(r.error!.issues.find((i) => i.path[0] === 'emergency')!.message, /^"Placed in an emergency" must be true or false$/);
  assert.match(r.error!.issues.find((i) => i.path[0] === 'kind')!.message, /^Select the kind of placement$/);
});

test('a placement of kind "emergency" is marked as made in an emergency', () => {
  assert.equal(PlacementInput.parse({ ...valid, kind: 'emergency' }).emergency, true);
  assert.equal(PlacementUpdateInput.parse({ ...valid, kind: 'emergency', emergency: false }).emergency, true);
  // Once the kind has changed, the flag stays as given.
  assert.equal(PlacementUpdateInput.parse({ ...valid, kind: 'short_term', emergency: true }).emergency, true);
  assert.equal(PlacementUpdateInput.parse({ ...valid, kind: 'short_term' }).emergency, false);
});

test('the assessment period belongs to a parent and child placement and ends within 28 days of the start', () => {
  const pc = { ...valid, kind: 'parent_and_child' }; // starts Monday 6 January 2025
  assert.equal(PlacementInput.parse({ ...pc, assessmentPeriodEndsOn: '2025-02-03' }).assessmentPeriodEndsOn, '2025-02-03'); // 28 days
  assert.equal(PlacementInput.safeParse({ ...pc, assessmentPeriodEndsOn: '2025-01-06' }).success, true); // the same day
  assert.equal(PlacementInput.safeParse({ ...pc }).success, true); // not agreed yet
  const late = PlacementInput.safeParse({ ...pc, assessmentPeriodEndsOn: '2025-02-04' }); // 29 days
  assert.deepEqual(fieldsOf(late), ['assessmentPeriodEndsOn']);
  assert.equal(late.error!.issues[0]!.message, 'The initial assessment period must end no more than 28 days after the start date, on or before 3 February 2025');
  const early = PlacementInput.safeParse({ ...pc, assessmentPeriodEndsOn: '2025-01-05' });
  assert.equal(early.error!.issues[0]!.message, 'The end of the assessment period must be the same as or after the start date');
  for (const kind of [undefined, 'short_term', 'long_term']) {
    const r = PlacementUpdateInput.safeParse({ ...valid, kind, assessmentPeriodEndsOn: '2025-01-20' });
    assert.deepEqual(fieldsOf(r), ['assessmentPeriodEndsOn'], String(kind));
    assert.match(r.error!.issues[0]!.message, /^Only a parent and child placement has an assessment period/);
  }
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...pc, assessmentPeriodEndsOn: '2025-02-30' })), ['assessmentPeriodEndsOn']);
});

test('six-monthly visits only for a long-term placement; "until 18" never for emergency placements or short breaks', () => {
  assert.equal(PlacementInput.safeParse({ ...valid, kind: 'long_term', sixMonthlyVisitsAgreed: true }).success, true);
  for (const kind of [undefined, 'short_term', 'parent_and_child', 'fostering_for_adoption']) {
    const r = PlacementInput.safeParse({ ...valid, kind, sixMonthlyVisitsAgreed: true });
    assert.deepEqual(fieldsOf(r), ['sixMonthlyVisitsAgreed'], String(kind));
    assert.match(r.error!.issues[0]!.message, /^Six-monthly visits can only be agreed for a long-term placement/);
  }
  for (const kind of [undefined, 'short_term', 'long_term', 'parent_and_child', 'fostering_for_adoption']) {
    assert.equal(PlacementInput.safeParse({ ...valid, kind, intendedUntil18: true }).success, true, String(kind));
  }
  assert.match(PlacementInput.safeParse({ ...valid, kind: 'emergency', intendedUntil18: true }).error!.issues[0]!.message, /^An emergency placement is not intended to last until the child is 18/);
  assert.match(PlacementInput.safeParse({ ...valid, kind: 'short_breaks', intendedUntil18: 'true' }).error!.issues[0]!.message, /^Short breaks are not intended to last until the child is 18/);
});

test('a placement outside the terms of approval must be an emergency one (CPPCR reg 23)', () => {
  const r = PlacementInput.safeParse({ ...valid, outsideTermsOfApproval: true });
  assert.deepEqual(fieldsOf(r), ['outsideTermsOfApproval']);
  assert.match(r.error!.issues[0]!.message, /only be placed outside the carers' terms of approval in an emergency/);
  assert.equal(PlacementInput.safeParse({ ...valid, outsideTermsOfApproval: true, emergency: true }).success, true);
  assert.equal(PlacementInput.parse({ ...valid, outsideTermsOfApproval: 'true', kind: 'emergency' }).emergency, true);
});

test('every broken rule is reported together', () => {
  const r = PlacementInput.safeParse({ ...valid, kind: 'short_breaks', status: 'ended', intendedUntil18: true, sixMonthlyVisitsAgreed: true, outsideTermsOfApproval: true, assessmentPeriodEndsOn: '2025-01-10' });
  assert.deepEqual(fieldsOf(r), ['assessmentPeriodEndsOn', 'endDate', 'intendedUntil18', 'outsideTermsOfApproval', 'sixMonthlyVisitsAgreed']);
});

test('dates that are not real dates get that message only', () => {
  const r = PlacementInput.safeParse({ ...valid, kind: 'parent_and_child', startDate: 'soon', assessmentPeriodEndsOn: 'later' });
  assert.deepEqual(fieldsOf(r), ['assessmentPeriodEndsOn', 'startDate']);
  assert.equal(r.error!.issues.find((i) => i.path[0] === 'assessmentPeriodEndsOn')!.message, 'The end of the assessment period must be a real date');
});
