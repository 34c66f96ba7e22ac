import { test } from 'node:test';
import assert from 'node:assert/strict';
import { continuouslyLookedAfter, oc2Cohort } from './outcomes.ts';
import { collectionYear, type CollectionYear, type EpisodeRow, type HeaderRow } from './return-types.ts';

const Y = collectionYear('2025-26') as CollectionYear;
const ep = (over: Partial<EpisodeRow> = {}): EpisodeRow => ({
  CHILD: 'C1', DECOM: '2024-06-01', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U4', PLACE_PROVIDER: 'PR1', DEC: null, REC: null, REASON_PLACE_CHANGE: null, HOME_POST: 'NE1 4ST', PL_POST: 'NE3 1AB', URN: 'SC123456', ...over,
});

test('looked after since before 1 April and still at 31 March, moves within care included: in the cohort', () => {
  assert.equal(continuouslyLookedAfter([ep()], Y), true);
  assert.equal(continuouslyLookedAfter([ep({ DEC: '2025-09-01', REC: 'X1' }), ep({ DECOM: '2025-09-01', RNE: 'P', PLACE: 'U6' })], Y), true);
  assert.equal(continuouslyLookedAfter([ep({ DECOM: '2025-04-01' })], Y), true, 'from 1 April itself');
});

test('not in the cohort: came into care in the year, left care, short breaks, a new period of care', () => {
  assert.equal(continuouslyLookedAfter([ep({ DECOM: '2025-04-02' })], Y), false);
  assert.equal(continuouslyLookedAfter([ep({ DEC: '2026-01-10', REC: 'E11' })], Y), false);
  assert.equal(continuouslyLookedAfter([ep({ LS: 'V3' })], Y), false);
  assert.equal(continuouslyLookedAfter([ep({ DEC: '2025-07-01', REC: 'E4A' }), ep({ DECOM: '2025-07-20', RNE: 'S' })], Y), false);
  assert.equal(continuouslyLookedAfter([], Y), false);
});

test('the cohort of a return, in the header order', () => {
  const header = (CHILD: string): HeaderRow => ({ CHILD, SEX: 'F', DOB: '2012-05-10', ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: null, MC_DOB: null });
  const ret = { year: Y, header: [header('C2'), header('C1'), header('C3')], episodes: [ep({ CHILD: 'C1' }), ep({ CHILD: 'C2', DECOM: '2025-10-01' }), ep({ CHILD: 'C3' })] };
  assert.deepEqual(oc2Cohort(ret), [{ CHILD: 'C1', DOB: '2012-05-10' }, { CHILD: 'C3', DOB: '2012-05-10' }]);
});
