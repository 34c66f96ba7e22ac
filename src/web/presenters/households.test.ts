import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CurrentPlacement, ExemptionView, HouseholdMember } from '../../services/households.ts';
import { approvalSummary, approvalTag, exemptionFields, exemptionsTable, householdListRow, householdSummary, membersTable, offerSummary, placedNowTable } from './households.ts';

const HH = '2d9e6b7a-7f3c-4e3a-9f4d-8b2c3a4f5e6d';
const CHILD = '0b7c4f5e-5d1a-4c1e-9d2b-6f0a1e2d3c4b';
const PLACEMENT = '4fb08d9c-9b5e-4a5c-8b6f-ad4e5c6b7a8f';
const MEMBER = '5ac19e0d-ac6f-4b6d-9c7a-be5f6d7c8b9a';
const MAX = '9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a6f';
const LA = '6bd2af1e-bd7a-4c7e-8d8b-cf6a7e8d9cab';
const member = (m: Partial<HouseholdMember> = {}): HouseholdMember => ({
  id: MEMBER,
  householdId: HH,
  kind: 'carer',
  firstName: 'Jo',
  lastName: 'Smith',
  dateOfBirth: null,
  position: 1,
  email: null,
  ...m,
});
const carers = [member()];
const child = { id: CHILD, firstName: 'Sam', lastName: 'Taylor', reference: 'C123456', dateOfBirth: '2015-03-27' };

test('approval statuses are tags as data, one colour each', () => {
  assert.deepEqual(approvalTag('approved'), { text: 'Approved', classes: 'govuk-tag--green' });
  assert.deepEqual(approvalTag('in_assessment').classes, 'govuk-tag--blue');
  assert.deepEqual(approvalTag('on_hold').classes, 'govuk-tag--yellow');
  assert.deepEqual(approvalTag('deregistered').classes, 'govuk-tag--grey');
});

test('a row of the households list links the reference and shows the approval tag', () => {
  const row = householdListRow({
    id: HH,
    reference: 'H0001',
    carers,
    town: 'Northtown',
    postcode: 'NT1 1AA',
    approvalStatus: 'approved',
    approvedChildren: 2,
    childrenPlacedNow: 1,
    supervisingSocialWorkerName: null,
  });
  assert.deepEqual(row[0], { parts: [{ text: 'H0001', href: `/households/${HH}` }] });
  assert.deepEqual(row[2], { text: 'Northtown, NT1 1AA' });
  assert.deepEqual(row[3], { parts: [{ tag: { text: 'Approved', classes: 'govuk-tag--green' } }] });
  assert.deepEqual(row.slice(4), [{ text: '2', format: 'numeric' }, { text: '1', format: 'numeric' }, { text: 'Not allocated' }]);
});

test("the household's address is one line each, leaving out a missing line", () => {
  const rows = householdSummary({ reference: 'H0001', carers, addressLine1: '1 High Street', addressLine2: null, town: 'Northtown', postcode: 'NT1 1AA', fosteringServiceName: 'Northshire', supervisingSocialWorkerName: 'Sue Worker' });
  assert.deepEqual(rows.find((r) => r.key.text === 'Address')?.value, { parts: [{ text: '1 High Street' }, { text: 'Northtown' }, { text: 'NT1 1AA' }] });
  assert.deepEqual(rows.find((r) => r.key.text === 'Supervising social worker')?.value, { text: 'Sue Worker' });
});

test('the terms of approval and the offer read as sentences', () => {
  const approval = approvalSummary({ approvalStatus: 'approved', approvalDate: '2024-03-27', approvedChildren: 1, ageMin: 5, ageMax: 5, placementKinds: [], skillLevel: 2 });
  const value = (rows: typeof approval, key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value(approval, 'Date of approval'), { text: '27 March 2024' });
  assert.deepEqual(value(approval, 'Number of children'), { text: '1 child' });
  assert.deepEqual(value(approval, 'Age range'), { text: '5 years' });
  assert.deepEqual(value(approval, 'Kinds of placement'), { text: 'None recorded' });
  assert.deepEqual(value(approval, 'Skill level'), { text: 'Level 2' });
  const offer = offerSummary({ languages: ['English', 'Polish'], faith: null, experience: [], preferences: [], pets: true, accessibleHome: false });
  assert.deepEqual(value(offer, 'Languages'), { text: 'English, Polish' });
  assert.deepEqual(value(offer, 'Faith'), { text: 'Not recorded' });
  assert.deepEqual(value(offer, 'Pets'), { text: 'Yes' });
  assert.deepEqual(value(offer, 'Accessible home'), { text: 'No' });
});

test('a child placed now links to the child, with the reference below, and to the placement by its start', () => {
  const placements: CurrentPlacement[] = [{ child, placementId: PLACEMENT, startDate: '2025-02-03', placementType: 'U1', placingAuthority: { id: LA, name: 'Northshire' }, socialWorkerName: null }];
  const [row] = placedNowTable(placements, '2026-12-06').rows;
  assert.deepEqual(row![0], { parts: [{ text: 'Sam Taylor', href: `/children/${CHILD}` }, { text: 'C123456', hint: true }] });
  assert.deepEqual(row![1], { text: '27 March 2015 (age 11)' });
  assert.deepEqual(row![2], { parts: [{ text: '3 February 2025', href: `/placements/${PLACEMENT}` }] });
  assert.match((row![3] as { text: string }).text, /^U1: ./);
  assert.deepEqual(row![4], { text: 'Northshire' });
  assert.deepEqual(row![5], { text: 'Not allocated' });
  const fields = exemptionFields(placements, []);
  assert.deepEqual(fields[0]!.items, [{ value: CHILD, text: 'Sam Taylor (C123456)' }]);
  assert.equal(exemptionFields([], [])[0]!.label, 'Children, by reference');
});

test('members get a remove link (to a confirmation page, named for screen readers) only for someone who may change the record', () => {
  const members = [member({ firstName: 'Ann', kind: 'other_adult', position: 0 })];
  const readOnly = membersTable(HH, members, '2026-12-06');
  assert.equal(readOnly.head.length, 3);
  assert.deepEqual(readOnly.rows[0], [{ text: 'Ann Smith' }, { text: 'Other adult' }, { text: 'Not recorded' }]);
  const writable = membersTable(HH, members, '2026-12-06', true);
  assert.deepEqual(writable.head[3], { parts: [{ text: 'Actions', visuallyHidden: true }] });
  assert.deepEqual(writable.rows[0]![3], {
    parts: [{ text: 'Remove', href: `/households/${HH}/members/${MEMBER}/remove`, hidden: 'Ann Smith' }],
  });
});

test('an exemption names its children as links, one a line, and says whether it is in force today', () => {
  const max = { id: MAX, firstName: 'Max', lastName: 'Taylor', reference: 'C2' };
  const exemptions: ExemptionView[] = [
    {
      id: '3e8f7a6b-5c4d-4e3f-8a2b-1c0d9e8f7a6b',
      householdId: HH,
      grantingAuthorityId: LA,
      grantingAuthorityName: 'Northshire',
      conditions: '',
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      childIds: [CHILD, max.id],
      children: [child, max],
      version: 1,
      createdAt: new Date('2026-01-01T09:00:00Z'),
    },
  ];
  const [row] = exemptionsTable(exemptions, '2026-12-06').rows;
  assert.deepEqual(row![0], {
    parts: [
      { text: 'Sam Taylor (C123456)', href: `/children/${CHILD}` },
      { text: 'Max Taylor (C2)', href: `/children/${MAX}` },
    ],
  });
  assert.deepEqual(row!.slice(1), [{ text: 'None' }, { text: 'Northshire' }, { text: '1 January 2026' }, { text: '30 June 2026' }, { text: 'No' }]);
});
