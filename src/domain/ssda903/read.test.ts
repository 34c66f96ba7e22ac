import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoFromDfeDate, readReturnFiles, recogniseFile } from './read.ts';
import { planImport } from './import-plan.ts';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';

test('files are recognised by their columns, whatever their names, case or extra columns', () => {
  assert.equal(recogniseFile(HEADER.split(',')), 'header');
  assert.equal(recogniseFile(['child', 'sex', 'dob', 'duc']), 'uasc');
  assert.equal(recogniseFile([...EPISODES.split(','), 'EXTRA']), 'episodes');
  assert.equal(recogniseFile(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE']), 'reviews');
  assert.equal(recogniseFile(['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END']), 'missing');
  assert.equal(recogniseFile(['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON']), 'swEpisodes');
  assert.equal(recogniseFile(['CHILD', 'NAME']), null);
});

test('dates are dd/mm/yyyy and must exist', () => {
  assert.equal(isoFromDfeDate('01/04/2025'), '2025-04-01');
  assert.equal(isoFromDfeDate('1/4/2025'), '2025-04-01');
  assert.equal(isoFromDfeDate('29/02/2024'), '2024-02-29');
  assert.equal(isoFromDfeDate('29/02/2025'), null);
  assert.equal(isoFromDfeDate('2025-04-01'), null);
  assert.equal(isoFromDfeDate('31/13/2025'), null);
});

test('every row error names the file, the line, the column and what is wrong; the row gives nothing', () => {
  const parsed = readReturnFiles([
    { name: 'a.csv', content: `\uFEFF${HEADER}\r\nC1,M,01/02/2015,WBRI,A123,,\r\nC2,X,31/02/2015,ZZZZ,,,\r\n` },
    { name: 'b.csv', content: `${EPISODES}\r\nC1,01/04/2025,S,C2,N1,U1,PR1,,,,BS1 1AA,BS2 2BB,SC1\r\nC1,02/05/2025,Q,C2,N1,U1,PR1,01/05/2025,,,,,\r\n` },
    { name: 'notes.csv', content: 'NAME,VALUE\r\nx,y\r\n' },
  ]);
  assert.deepEqual(parsed.files.map((f) => [f.name, f.kind]), [['a.csv', 'header'], ['b.csv', 'episodes']]);
  assert.equal(parsed.header.length, 1);
  assert.deepEqual(parsed.header[0]?.row, { CHILD: 'C1', SEX: 'M', DOB: '2015-02-01', ETHNIC: 'WBRI', UPN: 'A123', MOTHER: null, MC_DOB: null });
  assert.deepEqual(parsed.header[0]?.at, { file: 'a.csv', line: 2 });
  const where = parsed.errors.map((e) => `${e.file}:${e.line}:${e.column ?? '-'}`);
  assert.deepEqual(where.sort(), ['a.csv:3:DOB', 'a.csv:3:ETHNIC', 'a.csv:3:SEX', 'b.csv:3:DEC', 'b.csv:3:RNE', 'notes.csv:1:-'].sort());
  const rne = parsed.errors.find((e) => e.column === 'RNE');
  assert.match(rne?.message ?? '', /"Q" is not one of the DfE's codes/);
  assert.equal(rne?.rule, '143');
  assert.equal(rne?.child, 'C1');
  assert.match(parsed.errors.find((e) => e.column === 'DEC')?.message ?? '', /before DECOM/);
  assert.equal(parsed.episodes.length, 1);
});

test('a child with an error in any row is left out whole; overlapping episodes are an error', () => {
  const parsed = readReturnFiles([
    { name: 'header.csv', content: `${HEADER}\nC1,F,01/02/2015,WBRI,A1,0,\nC2,M,01/02/2014,WBRI,A2,,\nC3,M,01/02/2013,WBRI,A3,,\n` },
    {
      name: 'episodes.csv',
      content:
        `${EPISODES}\n` +
        'C1,01/04/2025,S,C2,N1,U1,PR1,10/05/2025,X1,CARPL,BS1 1AA,BS2 2BB,SC1\nC1,10/05/2025,P,C2,N1,U3,PR1,,,,BS1 1AA,BS3 3CC,SC1\n' +
        'C2,01/04/2025,S,C2,N1,U1,PR1,10/05/2025,X1,,,,\nC2,09/05/2025,P,C2,N1,U3,PR1,,,,,,\n' +
        'C3,01/04/2025,S,C2,N1,U1,PR1,,,,,,\n',
    },
    { name: 'reviews.csv', content: 'CHILD,DOB,REVIEW,REVIEW_CODE\nC3,01/02/2013,1/6/2025,PN9\n' },
  ]);
  const plan = planImport(parsed);
  assert.deepEqual(plan.children.map((c) => c.reference), ['C1']);
  assert.deepEqual(plan.leftOut, ['C2', 'C3']);
  assert.ok(plan.errors.some((e) => e.child === 'C2' && e.column === 'DECOM' && /overlaps/.test(e.message) && e.line === 5));
  assert.ok(plan.errors.some((e) => e.child === 'C3' && e.file === 'reviews.csv' && e.column === 'REVIEW_CODE'));
  const c1 = plan.children[0];
  assert.deepEqual(c1?.legalStatuses, [{ code: 'C2', startDate: '2025-04-01', endDate: null }]);
  assert.deepEqual(
    c1?.placements.map((p) => [p.startDate, p.endDate, p.placementType, p.reasonEnded, p.postcode, p.carerGroup]),
    [
      ['2025-04-01', '2025-05-10', 'U1', 'CARPL', 'BS2 2BB', 1],
      ['2025-05-10', null, 'U3', null, 'BS3 3CC', 2],
    ],
  );
});

test('the adoption files Hearth writes are skipped without an error; another unknown file is reported', () => {
  const r = readReturnFiles([
    { name: 'ad1.csv', content: 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\r\nK1,01/01/2020,02/06/2025,,1,2,,\r\n' },
    { name: 'placed_for_adoption.csv', content: 'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\r\n' },
    { name: 'previous_permanence.csv', content: 'CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\r\n' },
  ]);
  assert.deepEqual(r.files, []);
  assert.deepEqual(r.errors.map((e) => e.file), ['previous_permanence.csv']);
});
