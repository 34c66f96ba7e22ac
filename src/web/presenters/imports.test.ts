import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeRows, errorRows, importSummary, jobProgress, notKnownItems, unresolvedRow } from './imports.ts';
import type { ImportReport } from '../../services/ssda903-import.ts';

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  importId: 'i-1',
  dryRun: true,
  importedOn: '2026-11-20',
  files: [{ name: 'episodes.csv', kind: 'episodes', rows: 3, year: 'current' }],
  errors: [{ file: 'episodes.csv', line: 3, column: 'RNE', message: 'RNE "Q" is not one of the DfE\'s codes for RNE', child: 'C1', rule: '143' }],
  children: { created: 2, updated: 1, unchanged: 4, leftOut: 1, failed: 0, namesNotRecorded: 2 },
  households: { created: 0, updated: 0, unchanged: 0 },
  socialWorkers: { matched: 1, created: 2 },
  placements: { created: 3, linkedToRegister: 1, householdNotKnown: 2 },
  changes: [
    { reference: 'C2', outcome: 'created', changes: ['create: 1 legal status(es)'] },
    { reference: 'C3', outcome: 'unchanged', changes: [] },
  ],
  durationMs: 1200,
  ...over,
});

test('the summary says what the import does with each kind of record', () => {
  const rows = importSummary(report());
  const text = (key: string) => {
    const v = rows.find((r) => r.key.text === key)?.value;
    return v && 'text' in v ? v.text : '';
  };
  assert.equal(text('Children'), '2 created, 1 updated, 4 unchanged, 1 left out because of errors');
  assert.match(text('Placements'), /1 linked to a household in the register, 2 with the household not known/);
  assert.equal(text('Files'), 'episodes.csv: Episodes, 3 rows');
  assert.equal(text('Row errors'), '1');
});

test('each row error names the file, line, column, child and the DfE rule', () => {
  assert.deepEqual(errorRows(report()), [
    [{ text: 'episodes.csv' }, { text: '3', format: 'numeric' }, { text: 'RNE' }, { text: 'C1' }, { text: 'RNE "Q" is not one of the DfE\'s codes for RNE (DfE rule 143)' }],
  ]);
});

test('children that change are listed, in the future for a dry run and the past after the import', () => {
  assert.deepEqual(changeRows(report()), [[{ text: 'C2' }, { text: 'Create' }, { text: 'create: 1 legal status(es)' }]]);
  assert.deepEqual(changeRows(report({ dryRun: false }))[0]?.[1], { text: 'Created' });
});

test('a placement whose household is not known shows what the return said, and each such household is offered once', () => {
  const p = { childId: 'c-1', childReference: 'C1', startDate: '2025-05-01', endDate: null, placementType: 'U4', provider: 'PR1', urn: null, plPost: 'BS7 8AB', householdId: 'h-1', householdReference: 'NK-C1-1' };
  const row = unresolvedRow(p);
  assert.deepEqual(row.slice(1), [{ text: '1 May 2025 to now' }, { text: 'U4' }, { text: 'BS7 8AB' }, { text: 'PR1' }, { text: 'NK-C1-1' }]);
  assert.deepEqual(notKnownItems([p, { ...p, startDate: '2025-06-01' }]), [{ value: 'h-1', text: 'NK-C1-1: C1, from 1 May 2025, BS7 8AB' }]);
});

test('a running job says how many children of how many, and the share done', () => {
  assert.deepEqual(jobProgress({ dryRun: true, status: 'running', done: 1200, total: 20000, error: null }), { running: true, status: '1,200 of 20,000 children checked (6%)', percent: 6, problem: null });
  assert.equal(jobProgress({ dryRun: false, status: 'running', done: 0, total: 0, error: null }).status, 'Reading the files');
  const failed = jobProgress({ dryRun: false, status: 'failed', done: 100, total: 200, error: 'The import stopped: boom' });
  assert.deepEqual([failed.running, failed.status, failed.problem], [false, 'Stopped: 100 of 200 children imported (50%)', 'The import stopped: boom']);
});
