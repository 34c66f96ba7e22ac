import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Organisation } from '../../services/organisations.ts';
import { organisationFormValues, organisationListRow, organisationSummary, teamsTable } from './organisations.ts';

const ID = '8df4c13a-df9c-4e9a-8fad-eb8c9aafbecd';
const RECORDED = new Date('2026-01-05T09:30:00Z');
const agency: Organisation = {
  id: ID,
  name: 'Brightway Fostering',
  kind: 'fostering_agency',
  laCode: null,
  ofstedUrn: 'SC123456',
  providerCode: 'PR4',
  version: 1,
  createdAt: RECORDED,
  updatedAt: RECORDED,
};

test('a row of the organisations list links the name and spells out the kind', () => {
  const row = organisationListRow(agency);
  assert.deepEqual(row[0], { parts: [{ text: 'Brightway Fostering', href: `/organisations/${ID}` }] });
  assert.deepEqual(row[2], { text: '' });
  assert.notEqual((row[1] as { text: string }).text, 'fostering_agency');
});

test("an agency's summary names its SSDA903 provider code; a local authority's has no such row", () => {
  const rows = organisationSummary(agency);
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('DfE LA code'), { text: 'Not applicable' });
  assert.match((value('Placement provider (SSDA903)') as { text: string }).text, /\(PR4\)$/);
  assert.deepEqual(organisationSummary({ ...agency, providerCode: null }).at(-1)?.value, { text: 'Not recorded' });
  assert.equal(organisationSummary({ ...agency, kind: 'local_authority', laCode: '202' }).length, 3);
});

test('teams are a one-column table, and the change form keeps an empty provider code', () => {
  assert.deepEqual(teamsTable([{ name: 'North' }]), { head: [{ text: 'Team' }], rows: [[{ text: 'North' }]] });
  assert.equal(organisationFormValues({ ...agency, providerCode: null }).providerCode, '');
});
