import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figuresCsv, median, referredOnFor, serviceFigures, type ChildJourney } from './figures.ts';

const j = (over: Partial<ChildJourney> & { childId: string; placedOn: string }): ChildJourney => ({ householdId: 'h1', referredOn: null, decidedOn: null, outcome: null, adoptedByHouseholdId: null, ...over });

test('median: the middle value, or the mean of the middle two; none for nothing', () => {
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([10, 1, 4, 7]), 5.5);
  assert.equal(median([]), null);
});

// Worked by hand for 1 April 2026 to 31 March 2027:
//   A placed 10 Apr 2026 (referred 1 Apr: 9 days), decision 10 Oct 2026 (183 days), adopted by the same carers 1 Mar 2027: adopted, a move avoided.
//   B placed 1 Jun 2026 (referral not known), decision 1 Dec 2026 (183 days), went home 8 Dec 2026.
//   C placed 1 Jan 2026 (before the period; referred 20 Dec 2025), decision 1 Jul 2026 (181 days), adopted 1 Feb 2027 by other carers (a move).
//   D placed 1 Feb 2027 (referred 25 Jan: 7 days), placement ended 20 Mar 2027 otherwise.
//   Children placed: A, B, D = 3. Referral to placement: 9 and 7 days, median 8; not known for B.
//   Decisions in the period: A 183, B 183, C 181 days: median 183.
//   Returned home 1 (B); adopted 2 (A, C); other 1 (D); moves avoided 1 (A).
//   Carers approved: h1 on 5 May 2026 and h2 on 1 Apr 2027 (after the period): 1.
const journeys = [
  j({ childId: 'A', placedOn: '2026-04-10', referredOn: '2026-04-01', decidedOn: '2026-10-10', outcome: { kind: 'adopted', on: '2027-03-01' }, adoptedByHouseholdId: 'h1' }),
  j({ childId: 'B', placedOn: '2026-06-01', decidedOn: '2026-12-01', outcome: { kind: 'returned_home', on: '2026-12-08' } }),
  j({ childId: 'C', placedOn: '2026-01-01', householdId: 'h3', referredOn: '2025-12-20', decidedOn: '2026-07-01', outcome: { kind: 'adopted', on: '2027-02-01' }, adoptedByHouseholdId: 'h4' }),
  j({ childId: 'D', placedOn: '2027-02-01', referredOn: '2027-01-25', outcome: { kind: 'other', on: '2027-03-20' } }),
];
const approvals = [
  { householdId: 'h1', approvedOn: '2026-05-05' },
  { householdId: 'h2', approvedOn: '2027-04-01' },
];

test('service figures for a year, checked against the hand-worked example', () => {
  const figures = serviceFigures({ from: '2026-04-01', to: '2027-03-31' }, journeys, approvals);
  const by = Object.fromEntries(figures.map((f) => [f.key, f.value]));
  assert.deepEqual(by, { children_placed: 3, carers_approved: 1, returned_home: 1, adopted: 2, other_outcome: 1, moves_avoided: 1, referral_to_placement: 8, placement_to_decision: 183 });
  assert.match(figures.find((f) => f.key === 'referral_to_placement')!.note, /2 children .*not known for 1/);
});

test('a period with no referral dates says "not known"; CSV leaves the value blank and quotes what needs it', () => {
  const figures = serviceFigures({ from: '2026-06-01', to: '2026-06-30' }, journeys, approvals);
  const r = figures.find((f) => f.key === 'referral_to_placement')!;
  assert.equal(r.value, null);
  assert.match(r.note, /^Not known/);
  const csv = figuresCsv({ from: '2026-06-01', to: '2026-06-30' }, figures);
  assert.match(csv, /^Figure,Value,Unit,Period from,Period to,Note\r\n/);
  assert.match(csv, /\r\nChildren placed,1,children,2026-06-01,2026-06-30,/);
  assert.match(csv, /\r\nTime from referral to placement \(median\),,days,/);
  assert.match(csv, /\r\nTime from placement to the court's decision \(median\),,days,2026-06-01,2026-06-30,No decisions in the period\r\n$/);
});

test("the referral date is the placed referral's, linked to the child's first placement; the day sent when no referral date; none when none was placed", () => {
  const r = (placementId: string | null, status: string, referralDate: string | null, sentOn: string | null = null) => ({ placementId, status, referralDate, sentOn });
  // p1 is the first placement, p2 the adoptive one; the referral linked to p1 wins over an earlier-dated one linked to p2.
  assert.equal(referredOnFor(['p1', 'p2'], [r('p2', 'placed', '2026-01-01'), r('p1', 'placed', '2026-03-01')]), '2026-03-01');
  assert.equal(referredOnFor(['p1'], [r('p1', 'placed', null, '2026-02-14')]), '2026-02-14');
  // Accepted but not placed, or placed with another child's placement: not this child's referral.
  assert.equal(referredOnFor(['p1'], [r('p1', 'accepted', '2026-01-01'), r('p9', 'placed', '2026-01-01'), r(null, 'placed', '2026-01-01')]), null);
});
