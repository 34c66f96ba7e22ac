import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englandAndWales } from '../calendar/index.ts';
import { lastMonthEnds, percent, stabilityFigures, type FigurePlacement, type StabilityRecords } from './figures.ts';

const wd = (a: string, b: string) => englandAndWales.workingDaysBetween(a, b);
const placement = (id: string, childId: string, householdId: string, startDate: string, endDate: string | null, extra: Partial<FigurePlacement> = {}): FigurePlacement => ({
  id, childId, householdId, startDate, endDate, placementType: 'U1', endingBasis: endDate ? 'care_plan' : null, status: endDate ? 'ended' : 'active', ...extra,
});

/*
 * Worked by hand, as at 31 December 2024 (twelve months from 1 January 2024; two years before is
 * 31 December 2022; two and a half years before is 30 June 2022):
 * - A (9): looked after since 2020; three placements open in 2024 (P1 ended 10 Feb, P2, P3 since 30 June).
 *   Counts towards both indicators' children; three or more: yes; same placement two years: no.
 * - B (12): C1 then C2 from 1 January 2021 (one spell); one placement since then: same placement, yes.
 * - C (16): looked after, one placement: the first indicator only (16 or over is outside the second).
 * - D: short breaks only (V3): not looked after, in neither.
 * - E (5): E1 since March 2021; placed for adoption (A5) on 1 May 2023 with the carers she had been with
 *   since 1 March 2021: counts as the same placement for two years.
 * - F: left care on 30 November 2024: in neither.
 * - G (7): looked after 2020–2021, then again from 1 September 2022: the spell is too short for the second.
 * - H (10): looked after since 2021 with the same carers, whose placement changed type (U3 to U1) on
 *   1 June 2023: living with the same carer for two years.
 * So three or more placements: 1 of 6 (A of A, B, C, E, G, H); same placement: 3 of 4 (B, E, H of A, B, E, H).
 */
const records: StabilityRecords = {
  children: [
    { id: 'A', dateOfBirth: '2015-01-01' },
    { id: 'B', dateOfBirth: '2012-05-05' },
    { id: 'C', dateOfBirth: '2008-03-01' },
    { id: 'D', dateOfBirth: '2014-01-01' },
    { id: 'E', dateOfBirth: '2019-01-01' },
    { id: 'F', dateOfBirth: '2010-01-01' },
    { id: 'G', dateOfBirth: '2017-06-01' },
    { id: 'H', dateOfBirth: '2014-02-02' },
  ],
  legalStatuses: [
    { childId: 'A', code: 'C2', startDate: '2020-01-01', endDate: null },
    { childId: 'B', code: 'C1', startDate: '2021-01-01', endDate: '2021-06-01' },
    { childId: 'B', code: 'C2', startDate: '2021-06-01', endDate: null },
    { childId: 'C', code: 'C2', startDate: '2019-01-01', endDate: null },
    { childId: 'D', code: 'V3', startDate: '2024-01-01', endDate: null },
    { childId: 'E', code: 'E1', startDate: '2021-03-01', endDate: null },
    { childId: 'F', code: 'C2', startDate: '2018-01-01', endDate: '2024-11-30' },
    { childId: 'G', code: 'V2', startDate: '2020-01-01', endDate: '2022-01-01' },
    { childId: 'G', code: 'C2', startDate: '2022-09-01', endDate: null },
    { childId: 'H', code: 'C2', startDate: '2021-01-01', endDate: null },
  ],
  placements: [
    placement('P1', 'A', 'H1', '2020-01-01', '2024-02-10'),
    placement('P2', 'A', 'H2', '2024-02-10', '2024-06-30', { endingBasis: 'urgent_move' }),
    placement('P3', 'A', 'H3', '2024-06-30', null),
    placement('Q1', 'B', 'H1', '2021-01-01', null),
    placement('S1', 'C', 'H2', '2019-01-01', null),
    placement('D1', 'D', 'H2', '2024-01-01', null),
    placement('R1', 'E', 'H4', '2021-03-01', '2023-05-01'),
    placement('R2', 'E', 'H4', '2023-05-01', null, { placementType: 'A5' }),
    placement('F1', 'F', 'H1', '2018-01-01', '2024-11-30'),
    placement('F2', 'F', 'H5', '2024-01-01', '2024-01-01', { status: 'cancelled' }),
    placement('G1', 'G', 'H5', '2022-09-01', null),
    placement('X1', 'H', 'H6', '2021-01-01', '2023-06-01', { placementType: 'U3' }),
    placement('X2', 'H', 'H6', '2023-06-01', null),
  ],
  moves: [
    { childId: 'A', placementId: 'P2', urgent: true, status: 'agreed', decidedOn: '2024-06-28' },
    { childId: 'A', placementId: 'P1', urgent: false, status: 'agreed', decidedOn: '2024-01-20' },
    { childId: 'B', placementId: 'Q1', urgent: false, status: 'declined', decidedOn: '2024-12-10' },
    { childId: 'B', placementId: 'Q1', urgent: false, status: 'agreed', decidedOn: '2024-12-11' },
  ],
  concerns: [
    { placementId: 'P3', raisedOn: '2024-12-02' },
    { placementId: 'Q1', raisedOn: '2024-12-20' },
    { placementId: 'P3', raisedOn: '2024-12-30' },
  ],
  meetings: [
    { placementId: 'P3', heldOn: '2024-12-09' },
    { placementId: 'Q1', heldOn: '2025-01-06' },
  ],
};

test('the two DfE indicators for the authority, worked by hand', () => {
  const [dec] = stabilityFigures(records, { kind: 'authority' }, ['2024-12-31'], wd);
  assert.deepEqual(dec?.threeOrMorePlacements, { children: 1, of: 6 });
  assert.deepEqual(dec?.samePlacementTwoYears, { children: 3, of: 4 });
  assert.equal(percent(dec!.threeOrMorePlacements), 17);
  assert.equal(percent(dec!.samePlacementTwoYears), 75);
});

test('a month’s concerns and the working days to the first meeting after each, across Christmas', () => {
  const [dec] = stabilityFigures(records, { kind: 'authority' }, ['2024-12-31'], wd);
  // 2 Dec → 9 Dec: 5 working days; 20 Dec → 6 Jan: 8 (25, 26 Dec and 1 Jan are bank holidays);
  // 30 Dec: no meeting after it yet.
  assert.equal(dec?.concerns, 3);
  assert.equal(dec?.concernsWithMeeting, 2);
  assert.equal(dec?.medianWorkingDaysToMeeting, 6.5);
  assert.equal(dec?.movesAgreed, 1, 'the declined request is not counted');
  assert.equal(dec?.urgentMoves, 0);
});

test('endings and moves fall in the month they happened', () => {
  const figures = stabilityFigures(records, { kind: 'authority' }, ['2024-01-31', '2024-06-30'], wd);
  assert.deepEqual(
    figures.map((f) => [f.monthEnd, f.unplannedEndings, f.movesAgreed, f.urgentMoves]),
    [
      ['2024-01-31', 0, 1, 0],
      ['2024-06-30', 1, 0, 1],
    ],
  );
});

test('a move to other carers breaks the two years; a change of placement type with the same carers does not', () => {
  const moved: StabilityRecords = {
    ...records,
    placements: records.placements.map((p) => (p.id === 'X2' ? { ...p, householdId: 'H7' } : p)),
  };
  const [dec] = stabilityFigures(moved, { kind: 'children', childIds: new Set(['H']) }, ['2024-12-31'], wd);
  assert.deepEqual(dec?.samePlacementTwoYears, { children: 0, of: 1 });
  const [same] = stabilityFigures(records, { kind: 'children', childIds: new Set(['H']) }, ['2024-12-31'], wd);
  assert.deepEqual(same?.samePlacementTwoYears, { children: 1, of: 1 });
});

test('a household’s figures are those of the children placed with it on the day', () => {
  const [h3] = stabilityFigures(records, { kind: 'household', householdId: 'H3' }, ['2024-12-31'], wd);
  assert.deepEqual(h3?.threeOrMorePlacements, { children: 1, of: 1 });
  assert.deepEqual(h3?.samePlacementTwoYears, { children: 0, of: 1 });
  assert.equal(h3?.concerns, 2, 'only the concerns about its own placements');
  const [h4] = stabilityFigures(records, { kind: 'household', householdId: 'H4' }, ['2024-12-31'], wd);
  assert.deepEqual(h4?.samePlacementTwoYears, { children: 1, of: 1 });
});

test('a team’s or worker’s figures are those of the children given', () => {
  const [some] = stabilityFigures(records, { kind: 'children', childIds: new Set(['B', 'C']) }, ['2024-12-31'], wd);
  assert.deepEqual(some?.threeOrMorePlacements, { children: 0, of: 2 });
  assert.deepEqual(some?.samePlacementTwoYears, { children: 1, of: 1 });
  assert.equal(some?.concerns, 1);
  assert.equal(some?.movesAgreed, 1);
});

test('nobody counted gives no percentage rather than 0%', () => {
  assert.equal(percent({ children: 0, of: 0 }), null);
});

test('the months are the 24 (or n) complete months before today’s, oldest first', () => {
  assert.deepEqual(lastMonthEnds('2025-01-15', 3), ['2024-10-31', '2024-11-30', '2024-12-31']);
  assert.deepEqual(lastMonthEnds('2024-03-01', 2), ['2024-01-31', '2024-02-29']);
  const all = lastMonthEnds('2026-12-06', 24);
  assert.equal(all.length, 24);
  assert.equal(all[0], '2024-12-31');
  assert.equal(all[23], '2026-11-30');
});
