import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReturnCheck } from '../../services/ssda903.ts';
import { fixHref, presentCheck, returnFiles, yearItems } from './ssda903.ts';

const CHILD = '0d6f2c1a-5b3e-4c7d-9a8b-1e2f3a4b5c6d';
const P = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

test('a failure links to the child and to the page that puts it right; its severity is a tag', () => {
  const check: ReturnCheck = {
    year: { label: '2024-25', start: '2024-04-01', end: '2025-03-31' },
    children: 2,
    episodes: 3,
    failures: [
      { childId: 'C1', childReference: 'C1', childRecordId: CHILD, rule: '103', message: 'The placement type is not valid. Choose a placement type.', howToFix: 'Choose a placement type.', severity: 'error', fix: { kind: 'placement', id: P } },
      { childId: 'C2', childReference: 'C2', childRecordId: null, rule: '2001', message: 'Check the date', severity: 'warning', fix: undefined },
    ],
    problems: [{ childReference: 'C1', childRecordId: CHILD, date: '2024-05-01', message: 'Two placements overlap', fix: { kind: 'child', id: CHILD } }],
    previousYear: false,
  };
  const v = presentCheck(check);
  assert.deepEqual(v.summary, { children: 2, episodes: 3, errors: 1, warnings: 1, problems: 1 });
  assert.deepEqual(v.failureRows, [
    [
      { parts: [{ text: 'C1', href: `/children/${CHILD}` }] },
      { text: '103' },
      { text: 'The placement type is not valid.' },
      { parts: [{ text: 'Choose a placement type.' }, { text: 'Correct the placement', href: `/placements/${P}` }] },
      { parts: [{ tag: { text: 'Error', classes: 'govuk-tag--red' } }] },
    ],
    [{ text: 'C2' }, { text: '2001' }, { text: 'Check the date' }, { parts: [{ text: '' }] }, { parts: [{ tag: { text: 'Warning', classes: 'govuk-tag--yellow' } }] }],
  ]);
  assert.deepEqual(v.problemRows, [
    [{ parts: [{ text: 'C1', href: `/children/${CHILD}` }] }, { text: '1 May 2024' }, { parts: [{ text: 'Two placements overlap' }, { text: "Correct the child's record", href: `/children/${CHILD}` }] }],
  ]);
  assert.equal(fixHref({ kind: 'child', id: CHILD }), `/children/${CHILD}`);
});

test('the years offered and the files of a year', () => {
  assert.deepEqual(yearItems(['2024-25', '2025-26'], '2024-25', '2025-26'), [
    { value: '2024-25', text: '2024-25', selected: true },
    { value: '2025-26', text: '2025-26 (current year, so far)', selected: false },
  ]);
  const files = returnFiles('2024-25');
  assert.ok(files.length > 1);
  assert.ok(files.every((f) => f.href.includes('2024-25')));
  assert.equal(files.at(-1)?.name.endsWith('.xml'), true);
});
