import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HouseholdMatch, MatchResult, Vacancy } from '../../services/matching.ts';
import { eligibleView, excludedGroups, excludedView, matchingNotice, requestRows, vacancyRow, weightsTable } from './matching.ts';

const HH = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const CHILD = '0d6f2c1a-5b3e-4c7d-9a8b-1e2f3a4b5c6d';
const SIB = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const vacancy: Vacancy = {
  householdId: HH,
  reference: 'HM001',
  carers: 'Ada HM001',
  town: 'Clevedon',
  postcode: 'BS21 5BB',
  approvedChildren: 3,
  placed: 1,
  placesFree: 2,
  placementKinds: ['short_term', 'long_term'],
  ageMin: 0,
  ageMax: 17,
  skillLevel: 3,
  supervisingSocialWorker: null,
};

test('a vacancy: the household links to its page with the carers and where under it', () => {
  assert.deepEqual(vacancyRow(vacancy), [
    { parts: [{ text: 'HM001', href: `/households/${HH}` }, { text: 'Ada HM001, Clevedon BS21 5BB', hint: true }] },
    { text: '2 of 3', format: 'numeric' },
    { text: 'Short-term, Long-term' },
    { text: '0 to 17' },
    { text: '3', format: 'numeric' },
    { text: 'Not allocated' },
  ]);
});

const match = (score: number, reasons: HouseholdMatch['reasons'] = []): HouseholdMatch => ({
  household: { ...vacancy, approvalStatus: 'approved' },
  eligible: reasons.length === 0,
  score,
  factors: [{ code: 'language', name: 'Language', points: 5, explanation: 'A carer speaks Polish' }],
  reasons,
});

test('an eligible household: its score as a tag coloured by sign, each factor with its points', () => {
  const v = eligibleView(match(53), 0, '/proposals/new');
  assert.equal(v.rank, 1);
  assert.deepEqual(v.score, { text: 'Score +53', classes: 'govuk-tag--green' });
  assert.deepEqual(eligibleView(match(-2), 1, null).score, { text: 'Score \u22122', classes: 'govuk-tag--orange' });
  assert.deepEqual(eligibleView(match(0), 1, null).score.classes, 'govuk-tag--grey');
  assert.deepEqual(v.factors.rows, [[{ text: 'Language' }, { text: '+5', format: 'numeric' }, { text: 'A carer speaks Polish' }]]);
});

test('an excluded household: how many reasons, a link to it, and every reason as data', () => {
  const reasons: HouseholdMatch['reasons'] = [
    { code: 'approval-not-current', message: 'Approval is on hold' },
    { code: 'not-enough-places', message: 'No place free' },
  ];
  assert.deepEqual(excludedView(match(0, reasons)), {
    summary: 'HM001 Ada HM001: 2 reasons',
    household: { href: `/households/${HH}`, text: 'Household HM001' },
    reasons: ['Approval is on hold', 'No place free'],
  });
});

test('the excluded households grouped by reason: each group counted, the nearest misses named under the first of their reasons', () => {
  const limit = match(0, [
    { code: 'no-other-children', message: 'Other children live there' },
    { code: 'fostering-limit', message: 'Over the usual fostering limit' },
  ]);
  const groups = excludedGroups({
    excludedByReason: [
      { code: 'approval-not-current', households: 1204 },
      { code: 'fostering-limit', households: 3 },
    ],
    excluded: [limit],
  });
  assert.deepEqual(
    groups.map((g) => [g.title, g.households.map((h) => h.summary), g.unnamed]),
    [
      ['Approval not current (in assessment, on hold or deregistered) (1,204)', [], 1204],
      ['Over the usual fostering limit, with no exemption that covers the children (3)', ['HM001 Ada HM001: 2 reasons'], 2],
    ],
  );
});

test('the request: the child and siblings link to their records, one per line', () => {
  const m: Pick<MatchResult, 'request'> = {
    request: {
      id: 'r',
      reference: 'PR001',
      status: 'matching',
      urgency: null,
      kind: 'short_term',
      neededBy: '2025-03-10',
      placementDate: '2025-03-10',
      child: { id: CHILD, reference: 'C1', name: 'Sam Rivers', firstName: 'Sam', sex: 'M', ageOnPlacementDate: 14, homePostcode: null },
      siblings: [{ id: SIB, reference: 'C2', name: 'Jo Rivers', ageOnPlacementDate: 9 }],
      needs: {},
    },
  };
  const rows = requestRows(m);
  assert.deepEqual(rows[0]?.value, { parts: [{ text: 'Sam Rivers', href: `/children/${CHILD}` }, { text: '(C1), 14 on 10 March 2025', inline: true }] });
  assert.deepEqual(rows[1]?.value, { parts: [{ text: 'Jo Rivers', href: `/children/${SIB}` }, { text: '(C2), 9', inline: true }] });
  assert.deepEqual(requestRows({ ...m, request: { ...m.request, siblings: [] } })[1]?.value, { text: 'None' });
  assert.deepEqual(rows.find((r) => r.key.text === 'Urgency')?.value, { text: 'Not given' });
});

test('the weights table and the notice when households cannot be considered', () => {
  const w = weightsTable();
  assert.equal(w.rows.length, 9);
  assert.deepEqual(w.rows[2]?.[0], { text: 'Language' });
  assert.equal(matchingNotice('matching'), null);
  assert.equal(matchingNotice('submitted'), 'Start matching on the request before considering a household.');
});
