import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChildInput,
  LegalStatusInput,
  childInputOn,
  childReference,
  currentLegalStatus,
  endLegalStatusProblems,
  legalStatusProblems,
  periodsOverlap,
  siblingPair,
  type LegalStatusPeriod,
} from './child.ts';

const TODAY = '2025-06-15';
const valid = {
  firstName: ' Amara ',
  lastName: 'Okafor',
  dateOfBirth: '2015-03-02',
  sex: 'F',
  ethnicity: 'BAFR',
  upn: 'a123456789012',
  responsibleAuthorityId: '7b0f8a5e-2d1c-4e3f-9a8b-1c2d3e4f5a6b',
  socialWorkerId: '',
  categoryOfNeed: 'N1',
  homePostcode: 'ab12cd',
};

const fieldsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  [...new Set((r.error?.issues ?? []).map((i) => String(i.path[0])))].sort();

test('a valid child is normalised: names trimmed, UPN and postcode upper case, blanks become null', () => {
  const r = childInputOn(TODAY).parse(valid);
  assert.equal(r.firstName, 'Amara');
  assert.equal(r.upn, 'A123456789012');
  assert.equal(r.homePostcode, 'AB1 2CD');
  assert.equal(r.socialWorkerId, null);
  assert.equal(r.iroId, null);
  assert.equal(r.reference, null);
});

test('the independent reviewing officer is optional: blank, null or missing is none; anything else must be an id', () => {
  const iroId = '3c9d2e1f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
  assert.equal(childInputOn(TODAY).parse({ ...valid, iroId }).iroId, iroId);
  assert.equal(childInputOn(TODAY).parse({ ...valid, iroId: '' }).iroId, null);
  assert.equal(childInputOn(TODAY).parse({ ...valid, iroId: null }).iroId, null);
  assert.equal(childInputOn(TODAY).parse(valid).iroId, null);
  for (const bad of ['not-an-id', 42]) {
    const r = childInputOn(TODAY).safeParse({ ...valid, iroId: bad });
    assert.deepEqual(fieldsOf(r), ['iroId'], String(bad));
    assert.equal(r.error?.issues[0]?.message, 'Select the independent reviewing officer');
  }
});

test('the home postcode is optional but must be real when given', () => {
  const { homePostcode: _omit, ...noPostcode } = valid;
  assert.equal(childInputOn(TODAY).parse(noPostcode).homePostcode, null);
  assert.equal(childInputOn(TODAY).parse({ ...valid, homePostcode: '  ' }).homePostcode, null);
  const r = childInputOn(TODAY).safeParse({ ...valid, homePostcode: 'NOT A POSTCODE' });
  assert.deepEqual(fieldsOf(r), ['homePostcode']);
});

test('UPN accepts 13 characters or UN1 to UN5 only', () => {
  assert.equal(childInputOn(TODAY).parse({ ...valid, upn: 'un4' }).upn, 'UN4');
  for (const upn of ['UN6', 'A12345678901', '1123456789012', '']) {
    assert.deepEqual(fieldsOf(childInputOn(TODAY).safeParse({ ...valid, upn })), ['upn'], upn);
  }
});

test('unknown codes, missing and oversized fields are all reported', () => {
  const r = childInputOn(TODAY).safeParse({ ...valid, sex: 'X', ethnicity: 'ZZZZ', categoryOfNeed: 'N9', firstName: '', lastName: 'x'.repeat(101), responsibleAuthorityId: 'nope' });
  assert.deepEqual(fieldsOf(r), ['categoryOfNeed', 'ethnicity', 'firstName', 'lastName', 'responsibleAuthorityId', 'sex']);
});

test('date of birth must be real, not in the future and under 26', () => {
  const schema = childInputOn(TODAY);
  assert.deepEqual(fieldsOf(schema.safeParse({ ...valid, dateOfBirth: '2023-02-30' })), ['dateOfBirth']);
  assert.deepEqual(fieldsOf(schema.safeParse({ ...valid, dateOfBirth: 'tomorrow' })), ['dateOfBirth']);
  assert.deepEqual(fieldsOf(schema.safeParse({ ...valid, dateOfBirth: '2025-06-16' })), ['dateOfBirth']);
  assert.ok(schema.safeParse({ ...valid, dateOfBirth: TODAY }).success);
  // 26th birthday is today: too old; the day after, still 25.
  assert.deepEqual(fieldsOf(schema.safeParse({ ...valid, dateOfBirth: '1999-06-15' })), ['dateOfBirth']);
  assert.ok(schema.safeParse({ ...valid, dateOfBirth: '1999-06-16' }).success);
  // The documentation schema knows nothing of today.
  assert.ok(ChildInput.safeParse({ ...valid, dateOfBirth: '2030-01-01' }).success);
});

test('the child reference is optional, upper-cased and at most 10 letters or digits', () => {
  assert.equal(childInputOn(TODAY).parse({ ...valid, reference: 'c42' }).reference, 'C42');
  assert.deepEqual(fieldsOf(childInputOn(TODAY).safeParse({ ...valid, reference: 'C-1' })), ['reference']);
  assert.deepEqual(fieldsOf(childInputOn(TODAY).safeParse({ ...valid, reference: 'C12345678901' })), ['reference']);
  assert.match(childReference(0), /^C000000$/);
  assert.match(childReference(0.9999999), /^C999999$/);
  assert.equal(childReference(0.123456), 'C123456');
});

test('a legal status input needs a known code and real dates, end not before start', () => {
  assert.ok(LegalStatusInput.safeParse({ code: 'C2', startDate: '2024-01-01', endDate: '' }).success);
  assert.equal(LegalStatusInput.parse({ code: 'C2', startDate: '2024-01-01', endDate: '' }).endDate, null);
  assert.deepEqual(fieldsOf(LegalStatusInput.safeParse({ code: 'Z9', startDate: '2024-02-30' })), ['code', 'startDate']);
  assert.deepEqual(fieldsOf(LegalStatusInput.safeParse({ code: 'C2', startDate: '2024-02-01', endDate: '2024-01-31' })), ['endDate']);
});

const child = { dateOfBirth: '2012-05-10' };
const history: LegalStatusPeriod[] = [
  { code: 'V2', startDate: '2023-01-01', endDate: '2023-03-01' },
  { code: 'C1', startDate: '2023-03-01', endDate: null },
];

test('overlap: a period may start the day the previous one ended, not before', () => {
  assert.equal(periodsOverlap(history[0]!, history[1]!), false);
  assert.equal(periodsOverlap(history[0]!, { code: 'L1', startDate: '2023-02-28', endDate: '2023-02-28' }), true);
  assert.equal(periodsOverlap({ code: 'L1', startDate: '2022-12-31', endDate: '2022-12-31' }, history[0]!), false);
});

test('legal status problems: overlap, second open period, future, before birth', () => {
  assert.deepEqual(legalStatusProblems({ code: 'C2', startDate: '2023-02-01', endDate: '2023-02-10' }, history, child, TODAY).map((i) => i.field), ['startDate']);
  const open = legalStatusProblems({ code: 'C2', startDate: '2024-01-01', endDate: null }, history, child, TODAY);
  assert.equal(open.length, 1);
  assert.match(open[0]!.message, /End it before adding another open period/);
  assert.deepEqual(legalStatusProblems({ code: 'L1', startDate: '2022-06-01', endDate: '2022-06-02' }, history, child, TODAY), []);
  assert.deepEqual(legalStatusProblems({ code: 'L1', startDate: '2025-06-16', endDate: null }, [], child, TODAY).map((i) => i.field), ['startDate']);
  assert.deepEqual(legalStatusProblems({ code: 'L1', startDate: '2012-05-09', endDate: '2012-05-10' }, [], child, TODAY).map((i) => i.field), ['startDate']);
  assert.deepEqual(legalStatusProblems({ code: 'C2', startDate: '2025-01-01', endDate: '2025-07-01' }, [], child, TODAY).map((i) => i.field), ['endDate']);
});

test('short-term legal statuses at most as long as the return allows (SSDA903 rules 361–363)', () => {
  assert.deepEqual(legalStatusProblems({ code: 'L1', startDate: '2024-01-01', endDate: '2024-01-04' }, [], child, TODAY), []);
  const tooLong = legalStatusProblems({ code: 'L1', startDate: '2024-01-01', endDate: '2024-01-05' }, [], child, TODAY);
  assert.deepEqual(tooLong.map((i) => i.field), ['endDate']);
  assert.match(tooLong[0]!.message, /72 hours/);
  assert.deepEqual(endLegalStatusProblems({ code: 'L2', startDate: '2024-01-01', endDate: null }, '2024-01-22', TODAY), []);
  assert.match(endLegalStatusProblems({ code: 'L2', startDate: '2024-01-01', endDate: null }, '2024-01-23', TODAY)[0]?.message ?? '', /21 days/);
});

test('J codes only from age 10 (SSDA903 rule 358)', () => {
  // 10th birthday is 2022-05-10.
  const under = legalStatusProblems({ code: 'J1', startDate: '2022-05-09', endDate: '2022-05-20' }, [], child, TODAY);
  assert.deepEqual(under.map((i) => i.field), ['code']);
  assert.deepEqual(legalStatusProblems({ code: 'J1', startDate: '2022-05-10', endDate: '2022-05-20' }, [], child, TODAY), []);
});

test('ending the open period: not before its start, not in the future, not twice', () => {
  const open = history[1]!;
  assert.deepEqual(endLegalStatusProblems(open, '2024-01-01', TODAY), []);
  assert.deepEqual(endLegalStatusProblems(open, '2023-02-28', TODAY).map((i) => i.field), ['endDate']);
  assert.deepEqual(endLegalStatusProblems(open, '2025-06-16', TODAY).map((i) => i.field), ['endDate']);
  assert.match(endLegalStatusProblems(history[0]!, '2024-01-01', TODAY)[0]!.message, /already ended/);
});

test('the current legal status is the one in force today', () => {
  assert.equal(currentLegalStatus(history, TODAY)?.code, 'C1');
  assert.equal(currentLegalStatus(history, '2023-02-15')?.code, 'V2');
  assert.equal(currentLegalStatus(history, '2023-03-01')?.code, 'C1');
  assert.equal(currentLegalStatus(history, '2022-12-31'), null);
});

test('sibling pairs are stored smaller id first, whatever the order given', () => {
  const a = '0a0a0a0a-0000-4000-8000-000000000000';
  const b = 'BBBBBBBB-0000-4000-8000-000000000000';
  assert.deepEqual(siblingPair(b, a), { childId: a, siblingId: b.toLowerCase() });
  assert.deepEqual(siblingPair(a, b), { childId: a, siblingId: b.toLowerCase() });
});
