import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreement, agreementTable, parseCsv, returnFromCsv } from './agreement.ts';
import { collectionYear, type CollectionYear, type Return903 } from './return-types.ts';
import { returnFiles } from './write.ts';

const year = collectionYear('2025-26') as CollectionYear;

test('parseCsv reads quoted fields, doubled quotes, CRLF and LF rows', () => {
  assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi"""\n1,\n'), [
    ['a', 'b'],
    ['x, y', 'say "hi"'],
    ['1', ''],
  ]);
});

test('a return written as CSV reads back as the same rows', () => {
  const ret: Return903 = {
    year,
    header: [{ CHILD: 'C1', SEX: 'F', DOB: '2012-07-09', ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: '0', MC_DOB: null }],
    episodes: [
      { CHILD: 'C1', DECOM: '2025-05-01', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U4', PLACE_PROVIDER: 'PR1', DEC: null, REC: null, REASON_PLACE_CHANGE: null, HOME_POST: 'NE1 4ST', PL_POST: 'NE3 1AB', URN: 'SC123456' },
    ],
    uasc: [{ CHILD: 'C1', SEX: 'F', DOB: '2012-07-09', DUC: '2025-06-01' }],
    reviews: [{ CHILD: 'C1', DOB: '2012-07-09', REVIEW: '2025-05-20', REVIEW_CODE: 'PN1' }],
    missing: [{ CHILD: 'C1', DOB: '2012-07-09', MISSING: 'M', MIS_START: '2025-06-01', MIS_END: null }],
    swEpisodes: [{ CHILD: 'C1', DOB: '2012-07-09', SW_ID: 'SW123456', SW_DECOM: '2025-05-01', SW_DEC: null, SW_REASON: 'FCONTA' }],
    ad1: [{ CHILD: 'C1', DOB: '2012-07-09', DATE_INT: '2025-06-01', DATE_MATCH: '2025-08-15', FOSTER_CARE: '1', NB_ADOPTR: '2', SEX_ADOPTR: 'FF', LS_ADOPTR: 'L2' }],
    placedAdoption: [{ CHILD: 'C1', DOB: '2012-07-09', DATE_PLACED: '2025-06-01', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null }],
  };
  const files = Object.fromEntries(returnFiles(ret).map((f) => [f.name, f.content]));
  assert.deepEqual(returnFromCsv(files, year), ret);
  assert.throws(() => returnFromCsv({ 'header.csv': 'CHILD,SEX\r\n' }, year), /header\.csv: expected the columns/);
});

test('agreement counts the rows both flag, only Hearth flags and only the validator flags, rule by rule', () => {
  const rows = agreement(
    [
      { rule: '392b', table: 'Episodes', row: 1 },
      { rule: '392b', table: 'Episodes', row: 2 },
      { rule: '104', table: 'UASC', row: 0 },
    ],
    [
      { rule: '392b', table: 'Episodes', row: 2 },
      { rule: '392b', table: 'Episodes', row: 2 },
      { rule: 'SW12STG2', table: 'Episodes', row: 5 },
    ],
  );
  assert.deepEqual(rows, [
    { rule: '104', both: 0, onlyHearth: 1, onlyValidator: 0 },
    { rule: '392b', both: 1, onlyHearth: 1, onlyValidator: 0 },
    { rule: 'SW12STG2', both: 0, onlyHearth: 0, onlyValidator: 1 },
  ]);
  const table = agreementTable(rows, new Set(['104', '392b']), { SW12STG2: 'validator false positive' });
  assert.ok(table.includes('| 392b | 1 | 1 | 0 |  |'));
  assert.match(table, /\| SW12STG2 \| 0 \| 0 \| 1 \| validator false positive \|/);
});

test('a row the return cannot hold is refused with its file and row, not read as the wrong type', () => {
  const y = collectionYear('2025-26') as CollectionYear;
  const episodes = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\nC1,01/05/2025,S,C2,N1,U4,PR1,,,,NE1 4ST,NE3 1AB,SC123456\r\nC1,01/06/2025,Q,C2,N1,U4,PR1,,,,,,\r\n';
  assert.throws(() => returnFromCsv({ 'episodes.csv': episodes }, y), /episodes\.csv row 2: RNE/);
  const missing = 'CHILD,DOB,MISSING,MIS_START,MIS_END\r\n,01/01/2012,M,01/06/2025,\r\n';
  assert.throws(() => returnFromCsv({ 'missing.csv': missing }, y), /missing\.csv row 1: CHILD/);
  const ok = returnFromCsv({ 'episodes.csv': episodes.split('\r\n').slice(0, 2).join('\r\n') + '\r\n' }, y);
  assert.equal(ok.episodes[0]?.RNE, 'S');
  assert.equal(ok.episodes[0]?.DEC, null);
});
