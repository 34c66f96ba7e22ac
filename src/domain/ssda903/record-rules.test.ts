/**
 * The return's rules about one record, as the forms and the API apply them at entry: a passing and
 * a failing case for each, and the same limits as the return's checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legalStatusDurationProblem, placementRecordProblems, providerAllowedWith, PROVIDER_PLACEMENT_RULES } from './record-rules.ts';
import { RULES } from './validation-rules.ts';

const placement = (over: Partial<Parameters<typeof placementRecordProblems>[0]> = {}) => ({ placeType: 'U4', provider: 'PR1', urn: 'SC123456', startDate: '2025-05-01', endDate: null, ...over });
const rulesOf = (ps: { rule: string }[]) => ps.map((p) => p.rule);

test('provider against placement type (213, 527–531, 550)', () => {
  assert.deepEqual(placementRecordProblems(placement(), null, '2025-26'), []);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'T1', provider: 'PR1', urn: null }), null, null)), ['213']);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'U4', provider: 'PR0' }), null, null)), ['550']);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'P1', provider: 'PR1', urn: null }), null, null)), ['527']);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'R2', provider: 'PR2', urn: null }), null, null)), ['528']);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'K2', provider: 'PR3' }), null, null)), ['529']);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'P1', provider: 'PR4', urn: null }), null, null)), ['530']);
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'P1', provider: 'PR5', urn: null }), null, null)), ['531']);
  assert.deepEqual(placementRecordProblems(placement({ placeType: 'P1', provider: 'PR0', urn: null }), null, null), []);
  assert.deepEqual(placementRecordProblems(placement({ placeType: 'K2', provider: 'PR4' }), null, null), []);
});

test('each provider rule is the return check of the same number', () => {
  const numbers = new Set(RULES.map((r) => r.rule));
  for (const r of Object.values(PROVIDER_PLACEMENT_RULES)) assert.ok(numbers.has(r.rule), r.rule);
  assert.equal(providerAllowedWith('PR9', 'U4'), true, 'an unknown provider is refused by its code list, not here');
});

test('no URN for the placement types that have none (222); XXXXXXX accepted', () => {
  assert.deepEqual(rulesOf(placementRecordProblems(placement({ placeType: 'R1', provider: 'PR3', urn: 'SC123456' }), null, null)), ['222']);
  assert.deepEqual(placementRecordProblems(placement({ placeType: 'R1', provider: 'PR3', urn: 'XXXXXXX' }), null, null), []);
  assert.deepEqual(placementRecordProblems(placement({ placeType: 'R1', provider: 'PR3', urn: null }), null, null), []);
});

test('T1 at most 42 days (375), T3 at most 21 (376)', () => {
  const t = (placeType: string, endDate: string) => rulesOf(placementRecordProblems(placement({ placeType, provider: null, urn: null, startDate: '2025-05-01', endDate }), null, null));
  assert.deepEqual(t('T1', '2025-06-12'), []);
  assert.deepEqual(t('T1', '2025-06-13'), ['375']);
  assert.deepEqual(t('T3', '2025-05-22'), []);
  assert.deepEqual(t('T3', '2025-05-23'), ['376']);
});

test('minimum age for K3 (from 2024-25), R5, S1 and P3 on the start date (371–374)', () => {
  const age = (placeType: string, dateOfBirth: string, year: string) => rulesOf(placementRecordProblems(placement({ placeType, provider: null, urn: null, startDate: '2025-05-01' }), { dateOfBirth }, year));
  assert.deepEqual(age('K3', '2009-05-01', '2025-26'), []);
  assert.deepEqual(age('K3', '2009-05-02', '2025-26'), ['371']);
  assert.deepEqual(age('R5', '2015-05-01', '2025-26'), []);
  assert.deepEqual(age('R5', '2015-05-02', '2025-26'), ['372']);
  assert.deepEqual(age('S1', '2021-05-01', '2025-26'), []);
  assert.deepEqual(age('S1', '2021-05-02', '2025-26'), ['373']);
  assert.deepEqual(age('P3', '2011-05-01', '2025-26'), []);
  assert.deepEqual(age('P3', '2011-05-02', '2025-26'), ['374']);
  assert.deepEqual(age('K3', '2012-01-01', '2023-24'), [], 'K3 has no minimum age before 2024-25');
});

test('short-term legal statuses: L1 at most 3 days (361), L2 21 (362), L3 7 (363)', () => {
  assert.equal(legalStatusDurationProblem('L1', '2025-05-01', '2025-05-04'), null);
  assert.equal(legalStatusDurationProblem('L1', '2025-05-01', '2025-05-05')?.rule, '361');
  assert.equal(legalStatusDurationProblem('L2', '2025-05-01', '2025-05-22'), null);
  assert.equal(legalStatusDurationProblem('L2', '2025-05-01', '2025-05-23')?.rule, '362');
  assert.equal(legalStatusDurationProblem('L3', '2025-05-01', '2025-05-08'), null);
  assert.equal(legalStatusDurationProblem('L3', '2025-05-01', '2025-05-09')?.rule, '363');
  assert.equal(legalStatusDurationProblem('L1', '2025-05-01', null), null, 'an open one is checked by the return at 31 March');
  assert.equal(legalStatusDurationProblem('C2', '2020-05-01', '2025-05-09'), null);
});
