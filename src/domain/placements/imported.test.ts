import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importedPlacementStanding, notApplicableBeforeImport } from './imported.ts';
import { deriveObligations } from '../deadlines/index.ts';
import { fakeCalendar } from '../deadlines/fake-calendar.ts';
import { child } from '../deadlines/test-facts.ts';

test('an imported placement is history when it ended on or before the day of the import, otherwise current', () => {
  assert.deepEqual(importedPlacementStanding({ endDate: '2025-05-01' }, '2026-01-10'), { status: 'ended', current: false });
  assert.deepEqual(importedPlacementStanding({ endDate: '2026-01-10' }, '2026-01-10'), { status: 'ended', current: false });
  assert.deepEqual(importedPlacementStanding({ endDate: '2026-02-01' }, '2026-01-10'), { status: 'active', current: true });
  assert.deepEqual(importedPlacementStanding({ endDate: null }, '2026-01-10'), { status: 'active', current: true });
});

test('obligations that fell due before the import do not apply; those due on or after it do', () => {
  assert.match(notApplicableBeforeImport('2026-01-09', '2026-01-10') ?? '', /fell due before the child's records were imported into Hearth on 10 January 2026/);
  assert.equal(notApplicableBeforeImport('2026-01-10', '2026-01-10'), null);
  assert.equal(notApplicableBeforeImport('2025-01-01', null), null);
});

test('a child imported two weeks after being placed: early obligations do not apply, the later ones are open', () => {
  const cal = fakeCalendar();
  const importedOn = '2024-01-04';
  const plain = deriveObligations(child(), cal);
  const imported = deriveObligations(child({ importedOn }), cal);
  assert.equal(plain.length, imported.length);
  const before = imported.filter((i) => i.dueOn < importedOn);
  const after = imported.filter((i) => i.dueOn >= importedOn);
  assert.ok(before.length > 0 && after.length > 0, 'the placement gives obligations on both sides of the import');
  for (const i of before) {
    const same = plain.find((p) => p.id === i.id);
    if (same?.notApplicableReason) assert.equal(i.notApplicableReason, same.notApplicableReason, 'a reason the rules gave stays');
    else assert.match(i.notApplicableReason ?? '', /before the child's records were imported/);
  }
  for (const i of after) {
    const same = plain.find((p) => p.id === i.id);
    assert.deepEqual(i, same, 'an obligation due after the import is derived as for any child');
  }
});
