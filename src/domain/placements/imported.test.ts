import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideHouseholdLink, importedPlacementStanding, notApplicableBeforeImport } from './imported.ts';
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

test('linking placements kept with a household not known: refused to another not-known household, or where the return says the carers changed', () => {
  const target = { id: 'h-1', reference: 'H00001', notKnown: false };
  const linking = [{ startDate: '2025-03-01', endDate: '2025-06-01', householdId: 'nk-1' }];
  const before = { startDate: '2025-01-01', endDate: '2025-03-01', householdId: 'h-1' };
  const after = { startDate: '2025-06-01', endDate: null, householdId: 'h-2' };
  assert.deepEqual(decideHouseholdLink({ target, linking, childPlacements: [before, ...linking, after].map((p) => ({ ...p, householdId: p.householdId === 'h-1' ? 'h-9' : p.householdId })) }), []);
  const refused = decideHouseholdLink({ target, linking, childPlacements: [after, ...linking, before] });
  assert.deepEqual(refused.map((r) => r.code), ['same-carers-as-next-placement']);
  assert.match(refused[0]?.message ?? '', /from 1 January 2025 is already with H00001.*from 1 March 2025/);
  assert.deepEqual(
    decideHouseholdLink({ target: { ...target, notKnown: true, reference: 'NK-C1-2' }, linking, childPlacements: linking }).map((r) => r.code),
    ['not-a-foster-household'],
  );
  // A placement further back with the same household is no contradiction: the child may have gone back to them.
  const earlier = { startDate: '2024-01-01', endDate: '2024-06-01', householdId: 'h-1' };
  const between = { startDate: '2024-06-01', endDate: '2025-03-01', householdId: 'h-3' };
  assert.deepEqual(decideHouseholdLink({ target, linking, childPlacements: [earlier, between, ...linking] }), []);
});
