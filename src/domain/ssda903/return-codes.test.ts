import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectionYear } from './return-types.ts';
import { PLACE_CODES, REC_CODES, SEX_BY_YEAR, SW_REASON_CODES, codesValidIn, firstYearOf, inYears, isCodeValidIn } from './return-codes.ts';

test('a year range covers the collection years between its ends, inclusive', () => {
  assert.equal(firstYearOf('2025-26'), 2025);
  assert.equal(firstYearOf(collectionYear('2024-25')!), 2024);
  assert.equal(inYears({}, '1999-00'), true);
  assert.equal(inYears({ from: '2024-25' }, '2023-24'), false);
  assert.equal(inYears({ from: '2024-25' }, '2024-25'), true);
  assert.equal(inYears({ until: '2024-25' }, '2024-25'), true);
  assert.equal(inYears({ until: '2024-25' }, '2025-26'), false);
});

test('placement types offered for each collection year', () => {
  const y2324 = codesValidIn(PLACE_CODES, '2023-24');
  const y2425 = codesValidIn(PLACE_CODES, '2024-25');
  const y2526 = codesValidIn(PLACE_CODES, '2025-26');
  assert.ok(y2324.includes('H5') && y2324.includes('P2') && y2324.includes('Z1') && !y2324.includes('K3'));
  assert.ok(!y2425.includes('H5') && !y2425.includes('P2') && y2425.includes('K3') && y2425.includes('Z1') && !y2425.includes('Z11'));
  assert.ok(y2526.includes('K3') && !y2526.includes('Z1'));
  assert.deepEqual(
    y2526.filter((c) => c.startsWith('Z')),
    ['Z11', 'Z12', 'Z13', 'Z14'],
  );
  assert.equal(y2526.length, 29);
});

test('SEX codes change in 2024-25; SW_REASON exists from 2023-24; unknown codes and blanks are never valid', () => {
  assert.deepEqual(codesValidIn(SEX_BY_YEAR, '2023-24'), ['1', '2']);
  assert.deepEqual(codesValidIn(SEX_BY_YEAR, '2024-25'), ['M', 'F', 'U']);
  assert.deepEqual(codesValidIn(SW_REASON_CODES, '2022-23'), []);
  // The validator's list (csc-validator-be-903 rule_SW13STG1.py), unchanged to 2025-26.
  assert.deepEqual(codesValidIn(SW_REASON_CODES, '2025-26'), ['MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS']);
  assert.equal(codesValidIn(SW_REASON_CODES, '2023-24').length, 10);
  assert.equal(SW_REASON_CODES.FCONTA?.label, 'First contact or re-referral');
  assert.equal(isCodeValidIn(REC_CODES, 'E4A', '2025-26'), true);
  assert.equal(isCodeValidIn(REC_CODES, 'E4', '2025-26'), false);
  assert.equal(isCodeValidIn(REC_CODES, null, '2025-26'), false);
  assert.equal(isCodeValidIn(REC_CODES, 'toString', '2025-26'), false);
});
