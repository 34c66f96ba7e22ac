import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcernInput, concernProblems } from './concern.ts';

const valid = { raisedOn: '2024-01-08', whatWasSeen: 'Two missed nights at home', raisedByRole: 'foster_carer', raisedByName: 'Alex Carer', seriousness: 'medium' };
const placement = { start: '2023-12-21', end: null };

test('a concern needs every answer, in the words of the form', () => {
  const r = ConcernInput.safeParse({});
  assert.equal(r.success, false);
  const fields = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  assert.deepEqual(fields.sort(), ['raisedByName', 'raisedByRole', 'raisedOn', 'seriousness', 'whatWasSeen']);
  assert.equal(ConcernInput.safeParse({ ...valid, seriousness: 'extreme' }).success, false);
  assert.equal(ConcernInput.safeParse(valid).success, true);
});

test("the carers' concern is recorded by their supervising social worker or a manager, not by the child's social worker", () => {
  const input = ConcernInput.parse(valid);
  assert.deepEqual(concernProblems(input, 'supervising_social_worker', '2024-02-01', placement), []);
  assert.deepEqual(concernProblems(input, 'team_manager', '2024-02-01', placement), []);
  assert.deepEqual(
    concernProblems(input, 'social_worker', '2024-02-01', placement).map((p) => p.field),
    ['raisedByRole'],
  );
  assert.deepEqual(concernProblems({ ...input, raisedByRole: 'virtual_school' }, 'social_worker', '2024-02-01', placement), []);
});

test('the day it was raised is not in the future and falls within the placement', () => {
  const input = ConcernInput.parse(valid);
  assert.match(concernProblems(input, 'iro', '2024-01-07', placement)[0]?.message ?? '', /today or in the past/);
  assert.match(concernProblems({ ...input, raisedOn: '2023-12-20' }, 'iro', '2024-02-01', placement)[0]?.message ?? '', /placement started/);
  assert.match(concernProblems(input, 'iro', '2024-02-01', { start: '2023-12-21', end: '2024-01-05' })[0]?.message ?? '', /placement ended/);
});
