import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportsTable, userEditFields, userListRow, userSummary, userTag } from './users.ts';

const ID = '9e05d24b-e0ad-4fab-9abe-fc9dabb0cfde';
const BOSS = 'af16e35c-f1be-4abc-8bcf-0daebcc1d0ef';
const ORG = '7ce3b02f-ce8b-4d8f-9e9c-da7b8f9eadbc';
const person = {
  id: ID,
  fullName: 'Priya Officer',
  email: 'priya@demo.test',
  role: 'social_worker' as const,
  organisationId: ORG,
  organisationName: 'Northshire',
  teamId: null,
  teamName: null,
  lineManagerId: BOSS,
  lineManagerName: 'Tom Manager',
  sweNumber: null,
  active: false,
  version: 1,
};

test('a row of the staff list links the person and their line manager', () => {
  const row = userListRow(person);
  assert.deepEqual(row[0], { parts: [{ text: 'Priya Officer', href: `/staff/${ID}` }] });
  assert.deepEqual(row[4], { parts: [{ text: 'Tom Manager', href: `/staff/${BOSS}` }] });
  assert.deepEqual(row[5], { text: 'No' });
  assert.deepEqual(userListRow({ ...person, lineManagerId: null, lineManagerName: null })[4], { text: '' });
});

test("someone who cannot sign in is tagged, and their summary links their organisation", () => {
  assert.deepEqual(userTag(person), { text: 'Inactive', classes: 'govuk-tag--grey' });
  assert.equal(userTag({ active: true }), undefined);
  const rows = userSummary(person as never);
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('Organisation'), { parts: [{ text: 'Northshire', href: `/organisations/${ORG}` }] });
  assert.deepEqual(value('Team'), { text: 'Not recorded' });
  assert.deepEqual(value('Social Work England number'), { text: 'Not recorded' });
});

test('an inactive line manager stays selectable for the person who has them, and nobody manages themselves', () => {
  const options = { organisations: [], teams: [], managers: [{ id: ID, fullName: 'Priya Officer', role: 'social_worker' as const }] };
  const manager = userEditFields(options, person).find((f) => f.name === 'lineManagerId');
  assert.deepEqual(manager?.items, [{ value: BOSS, text: 'Tom Manager (inactive)' }]);
  assert.equal(userEditFields(options, person).some((f) => f.name === 'password'), false);
});

test('the people someone line-manages link to their records', () => {
  assert.deepEqual(reportsTable([{ id: BOSS, fullName: 'Tom Manager', role: 'team_manager', active: true }]).rows[0]![0], { parts: [{ text: 'Tom Manager', href: `/staff/${BOSS}` }] });
});
