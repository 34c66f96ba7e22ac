import { test } from 'node:test';
import { fosterTypesFor } from '../placements/placement-type.ts';
import type { PlacementKind } from './household.ts';
import assert from 'node:assert/strict';
import { PlacementInput, PlacementUpdateInput, clashingPlacement, hasPlannedEnding, periodsOverlap, placementAgeProblems, placementUpdateInputOn, type PlacementPeriod } from './placement.ts';

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

test('an ended placement needs an end date; a live one may have a planned end date', () => {
  assert.deepEqual(fieldsOf(PlacementUpdateInput.safeParse({ ...valid, status: 'ended' })), ['endDate']);
  assert.equal(PlacementUpdateInput.safeParse({ ...valid, status: 'active', endDate: '2025-03-01' }).success, true);
  assert.equal(PlacementUpdateInput.safeParse({ ...valid, status: 'planned', endDate: '2025-03-01' }).success, true);
  assert.equal(PlacementUpdateInput.safeParse({ ...valid, status: 'cancelled' }).success, true);
});

test('on a given day: "Ended" only on or before today; an ending to come is a planned ending of an active placement', () => {
  const on = placementUpdateInputOn('2025-02-10');
  // Ended with an end date after today: refused, with the way to record it.
  const future = on.safeParse({ ...valid, status: 'ended', endDate: '2025-02-11', reasonEnded: 'CARPL' });
  assert.deepEqual(fieldsOf(future), ['endDate']);
  assert.match(future.error?.issues[0]?.message ?? '', /planned end date/);
  assert.equal(on.safeParse({ ...valid, status: 'ended', endDate: '2025-02-10', reasonEnded: 'CARPL' }).success, true);
  // Active with an end date still to come, and the reason it will end: a planned ending.
  assert.equal(on.safeParse({ ...valid, status: 'active', endDate: '2025-02-11', reasonEnded: 'CARPL' }).success, true);
  // Active with an end date that has come: it is ended.
  assert.deepEqual(fieldsOf(on.safeParse({ ...valid, status: 'active', endDate: '2025-02-10' })), ['endDate']);
  // A reason without any end date is refused.
  assert.deepEqual(fieldsOf(on.safeParse({ ...valid, status: 'active', reasonEnded: 'CARPL' })), ['reasonEnded']);
  assert.equal(hasPlannedEnding({ status: 'active', endDate: '2025-02-11' }, '2025-02-10'), true);
  assert.equal(hasPlannedEnding({ status: 'active', endDate: '2025-02-10' }, '2025-02-10'), false);
  assert.equal(hasPlannedEnding({ status: 'ended', endDate: '2025-02-11' }, '2025-02-10'), false);
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

/** A kind with the foster placement type it allows for carers not connected to the child (U4 for long-term…). */
const ofKind = (kind: PlacementKind | undefined) => (kind ? { kind, placementType: fosterTypesFor(kind)[1] } : { kind });

test('the SSDA903 foster placement type must fit the kind and whether the carers are connected to the child', () => {
  assert.equal(PlacementInput.safeParse({ ...valid, kind: 'long_term', placementType: 'U4' }).success, true);
  assert.equal(PlacementInput.safeParse({ ...valid, kind: 'long_term', placementType: 'U1' }).success, true);
  const wrong = PlacementInput.safeParse({ ...valid, kind: 'long_term', placementType: 'U6' });
  assert.deepEqual(fieldsOf(wrong), ['placementType']);
  assert.equal(wrong.error!.issues[0]!.message, 'A placement of the kind "Long-term" is U1 (carers who are a relative, friend or other connected person) or U4 (other foster carers), not U6');
  const connected = PlacementInput.safeParse({ ...valid, kind: 'short_term', placementType: 'U6', connectedPerson: true });
  assert.deepEqual(fieldsOf(connected), ['placementType']);
  assert.match(connected.error!.issues[0]!.message, /^A placement with a connected person is U1, U2 or U3/);
  // Other placement types (a children's home, with parents…) and a kind not recorded are not checked here.
  assert.equal(PlacementInput.safeParse({ ...valid, kind: null, placementType: 'U4' }).success, true);
  assert.equal(PlacementInput.safeParse({ ...valid, kind: 'short_term', placementType: 'A5' }).success, true);
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
  const fromForm = PlacementInput.parse({ ...valid, placementType: 'U4', kind: 'long_term', intendedUntil18: 'true', sixMonthlyVisitsAgreed: 'true', assessmentPeriodEndsOn: '' });
  assert.deepEqual([fromForm.kind, fromForm.intendedUntil18, fromForm.sixMonthlyVisitsAgreed, fromForm.connectedPerson], ['long_term', true, true, false]);
  const fromApi = PlacementUpdateInput.parse({ ...valid, placementType: 'U3', kind: 'short_term', connectedPerson: true, emergency: false });
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
  for (const kind of [undefined, 'short_term', 'long_term'] as const) {
    const r = PlacementUpdateInput.safeParse({ ...valid, ...ofKind(kind), assessmentPeriodEndsOn: '2025-01-20' });
    assert.deepEqual(fieldsOf(r), ['assessmentPeriodEndsOn'], String(kind));
    assert.match(r.error!.issues[0]!.message, /^Only a parent and child placement has an assessment period/);
  }
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...pc, assessmentPeriodEndsOn: '2025-02-30' })), ['assessmentPeriodEndsOn']);
});

test('six-monthly visits only for a long-term placement; "until 18" never for emergency placements or short breaks', () => {
  assert.equal(PlacementInput.safeParse({ ...valid, placementType: 'U4', kind: 'long_term', sixMonthlyVisitsAgreed: true }).success, true);
  for (const kind of [undefined, 'short_term', 'parent_and_child', 'fostering_for_adoption'] as const) {
    const r = PlacementInput.safeParse({ ...valid, ...ofKind(kind), sixMonthlyVisitsAgreed: true });
    assert.deepEqual(fieldsOf(r), ['sixMonthlyVisitsAgreed'], String(kind));
    assert.match(r.error!.issues[0]!.message, /^Six-monthly visits can only be agreed for a long-term placement/);
  }
  for (const kind of [undefined, 'short_term', 'long_term', 'parent_and_child', 'fostering_for_adoption'] as const) {
    assert.equal(PlacementInput.safeParse({ ...valid, ...ofKind(kind), intendedUntil18: true }).success, true, String(kind));
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

test('the return’s rules about one placement are refused at entry: provider, URN, T1/T3 length (SSDA903 213, 222, 375, 376, 527–531, 550)', () => {
  assert.equal(PlacementInput.safeParse({ ...valid, placementType: 'U4', provider: 'PR4', urn: 'SC123456' }).success, true);
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...valid, placementType: 'U4', provider: 'PR3' })), ['provider']);
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...valid, placementType: 'T1', urn: 'SC123456' })), ['urn']);
  assert.equal(PlacementInput.safeParse({ ...valid, placementType: 'T1', urn: 'XXXXXXX' }).success, true);
  assert.deepEqual(fieldsOf(PlacementInput.safeParse({ ...valid, placementType: 'T3', status: 'ended', startDate: '2025-01-06', endDate: '2025-01-28' })), ['endDate']);
  assert.equal(PlacementInput.safeParse({ ...valid, placementType: 'T3', status: 'ended', startDate: '2025-01-06', endDate: '2025-01-27' }).success, true);
});

test('the minimum age for a placement type on its start date (SSDA903 371–374)', () => {
  assert.deepEqual(placementAgeProblems({ placementType: 'K3', startDate: '2025-05-01', endDate: null }, '2009-05-01', '2025-06-01'), []);
  const young = placementAgeProblems({ placementType: 'K3', startDate: '2025-05-01', endDate: null }, '2009-05-02', '2025-06-01');
  assert.deepEqual(young.map((e) => e.field), ['placementType']);
  assert.match(young[0]!.message, /aged 16 or over; the child was 15/);
  assert.deepEqual(placementAgeProblems({ placementType: 'U4', startDate: '2025-05-01', endDate: null }, '2024-05-02', '2025-06-01'), []);
});
