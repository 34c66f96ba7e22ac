import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExemptionInput, HouseholdInput, MemberInput, exemptionInForce, householdDateErrors, memberDateErrors, splitReferences } from './household.ts';

const service = '6f1c1f0e-3d4b-4c52-9a57-1d2e3f4a5b6c';
const valid = {
  carer1FirstName: 'Ada',
  carer1LastName: 'Brook',
  addressLine1: '1 Mill Lane',
  town: 'Testford',
  postcode: 'tf12ab',
  fosteringServiceId: service,
  approvalStatus: 'approved',
  approvalDate: '2024-03-01',
  approvedChildren: '2',
  ageMin: '0',
  ageMax: '11',
  placementKinds: ['emergency', 'short_term', 'emergency'],
  skillLevel: '3',
};

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => i.path.join('.')).sort();

test('a valid household is normalised: postcode spaced and upper case, numbers parsed, kinds deduplicated, carer 2 empty', () => {
  const v = HouseholdInput.parse({ ...valid, carer2FirstName: '', carer2LastName: '' });
  assert.equal(v.postcode, 'TF1 2AB');
  assert.equal(v.approvedChildren, 2);
  assert.equal(v.skillLevel, 3);
  assert.deepEqual(v.placementKinds, ['emergency', 'short_term']);
  assert.equal(v.carer2FirstName, null);
  assert.equal(v.supervisingSocialWorkerId, null);
});

test('carer 2 needs both names or neither', () => {
  const r = HouseholdInput.safeParse({ ...valid, carer2FirstName: 'Sam' });
  assert.deepEqual(fieldsOf(r), ['carer2LastName']);
  const ok = HouseholdInput.safeParse({ ...valid, carer2FirstName: 'Sam', carer2LastName: 'Brook' });
  assert.equal(ok.success, true);
});

test('an approved household needs an approval date; one in assessment does not', () => {
  assert.deepEqual(fieldsOf(HouseholdInput.safeParse({ ...valid, approvalDate: '' })), ['approvalDate']);
  assert.equal(HouseholdInput.safeParse({ ...valid, approvalStatus: 'in_assessment', approvalDate: '' }).success, true);
});

test('the youngest age may not exceed the oldest', () => {
  const r = HouseholdInput.safeParse({ ...valid, ageMin: '12', ageMax: '5' });
  assert.deepEqual(fieldsOf(r), ['ageMax']);
  assert.equal(HouseholdInput.safeParse({ ...valid, ageMin: '7', ageMax: '7' }).success, true);
});

test('numbers out of range, unknown kinds and codes, and missing carers are each reported', () => {
  const r = HouseholdInput.safeParse({ ...valid, carer1FirstName: '', approvedChildren: '11', skillLevel: '5', placementKinds: ['residential'], approvalStatus: 'maybe', fosteringServiceId: 'x', postcode: 'nope' });
  assert.deepEqual(fieldsOf(r), ['approvalStatus', 'approvedChildren', 'carer1FirstName', 'fosteringServiceId', 'placementKinds.0', 'postcode', 'skillLevel']);
  const skill = HouseholdInput.safeParse({ ...valid, skillLevel: '' });
  assert.equal(skill.error?.issues[0]?.message, 'Select the skill level');
  const frac = HouseholdInput.safeParse({ ...valid, approvedChildren: 1.5 });
  assert.match(frac.error?.issues[0]?.message ?? '', /whole number/);
  const wrongType = HouseholdInput.safeParse({ ...valid, approvedChildren: true });
  assert.deepEqual(fieldsOf(wrongType), ['approvedChildren']);
});

test('an approval date in the future is refused, today is fine', () => {
  assert.equal(householdDateErrors({ approvalDate: '2025-06-02' }, '2025-06-01').length, 1);
  assert.equal(householdDateErrors({ approvalDate: '2025-06-01' }, '2025-06-01').length, 0);
  assert.equal(householdDateErrors({ approvalDate: null }, '2025-06-01').length, 0);
});

test('a household member: children need a date of birth, adults need not; future births refused', () => {
  assert.deepEqual(fieldsOf(MemberInput.safeParse({ kind: 'carer_child', firstName: 'Kit', lastName: 'Brook' })), ['dateOfBirth']);
  assert.equal(MemberInput.safeParse({ kind: 'other_adult', firstName: 'Gran', lastName: 'Brook' }).success, true);
  assert.deepEqual(fieldsOf(MemberInput.safeParse({ kind: 'carer', firstName: 'X', lastName: 'Y' })), ['kind']);
  assert.equal(memberDateErrors({ dateOfBirth: '2030-01-01' }, '2025-01-01').length, 1);
});

test('an exemption names at least one child, and ends on or after it starts', () => {
  const base = { grantingAuthorityId: service, startDate: '2025-01-10', conditions: '' };
  assert.deepEqual(fieldsOf(ExemptionInput.safeParse(base)), ['childReferences']);
  assert.deepEqual(fieldsOf(ExemptionInput.safeParse({ ...base, childReferences: 'C00001', endDate: '2025-01-09' })), ['endDate']);
  const ok = ExemptionInput.parse({ ...base, childIds: [service, service], endDate: '2025-01-10' });
  assert.deepEqual(ok.childIds, [service]);
  assert.equal(ok.conditions, '');
  assert.deepEqual(fieldsOf(ExemptionInput.safeParse({ ...base, childIds: ['not-an-id'] })), ['childIds.0']);
});

test('child references are split on commas, spaces and new lines, upper-cased and deduplicated', () => {
  assert.deepEqual(splitReferences(' c00001, C00002\nC00001;c00003 '), ['C00001', 'C00002', 'C00003']);
  assert.deepEqual(splitReferences(null), []);
});

test('an exemption is in force from its start date to its end date inclusive', () => {
  const e = { startDate: '2025-01-10', endDate: '2025-02-10' };
  assert.equal(exemptionInForce(e, '2025-01-09'), false);
  assert.equal(exemptionInForce(e, '2025-01-10'), true);
  assert.equal(exemptionInForce(e, '2025-02-10'), true);
  assert.equal(exemptionInForce(e, '2025-02-11'), false);
  assert.equal(exemptionInForce({ startDate: '2025-01-10', endDate: null }, '2030-01-01'), true);
});
