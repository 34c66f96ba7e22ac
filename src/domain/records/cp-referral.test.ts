import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCriteria, mayMove, CP_CRITERION_CODES, type CriteriaAnswers } from './cp-referral.ts';

const allYes: CriteriaAnswers = Object.fromEntries(CP_CRITERION_CODES.map((c) => [c, { answer: 'yes', evidence: `Evidence for ${c}` }]));
const check = (over: Partial<Parameters<typeof checkCriteria>[0]> = {}) =>
  checkCriteria({ dateOfBirth: '2024-05-10', referralDate: '2025-03-03', siblingGroup: false, answers: allYes, exceptionReason: null, ...over });

test('a baby meeting every criterion, each with evidence, may be referred: nothing stops it and it is no exception', () => {
  const c = check();
  assert.equal(c.ageOnReferral, 0);
  assert.equal(c.allMet, true);
  assert.equal(c.exception, false);
  assert.deepEqual(c.problems, []);
  assert.deepEqual(c.results.map((r) => r.code), ['under_four', ...CP_CRITERION_CODES]);
});

test('the age is worked out from the date of birth and the referral date: 3 the day before the fourth birthday, 4 on it', () => {
  assert.equal(check({ dateOfBirth: '2021-03-04' }).results[0]?.met, true);
  assert.equal(check({ dateOfBirth: '2021-03-04' }).ageOnReferral, 3);
  const four = check({ dateOfBirth: '2021-03-03' });
  assert.equal(four.ageOnReferral, 4);
  assert.equal(four.results[0]?.met, false);
  assert.equal(four.exception, true);
  assert.deepEqual(four.problems, [{ field: 'exceptionReason', message: 'Give the reason for referring as an exception (the child is 4 or older)' }]);
  // With the reason recorded, an older child may be referred as an exception.
  assert.deepEqual(check({ dateOfBirth: '2021-03-03', exceptionReason: 'Sibling of a baby already placed with these carers' }).problems, []);
});

test('an unborn child (an early enquiry made into a referral) is under 4', () => {
  const c = check({ dateOfBirth: '2025-04-01' });
  assert.equal(c.ageOnReferral, -1);
  assert.equal(c.results[0]?.met, true);
  assert.match(c.results[0]?.evidence ?? '', /Not yet born/);
});

test('a sibling group is always an exception needing its reason, even when every criterion is met', () => {
  const c = check({ siblingGroup: true });
  assert.equal(c.allMet, true);
  assert.equal(c.exception, true);
  assert.deepEqual(c.problems.map((p) => p.field), ['exceptionReason']);
  assert.match(c.problems[0]?.message ?? '', /brothers or sisters/);
});

test('every criterion must be answered with evidence; every problem is returned, not just the first', () => {
  const answers: CriteriaAnswers = { interim_care_order: { answer: 'yes', evidence: '' }, no_extended_family: { answer: 'no', evidence: 'Grandmother being assessed' } };
  const c = check({ answers });
  assert.deepEqual(c.problems.map((p) => p.field), ['criteria.interim_care_order.evidence', 'criteria.older_siblings_adopters', 'criteria.rehabilitation_considered', 'exceptionReason']);
  assert.equal(c.allMet, false);
  assert.equal(c.results.find((r) => r.code === 'no_extended_family')?.met, false);
});

test('only the older-siblings criterion may not apply; the others are answered yes or no', () => {
  const na = { answer: 'not_applicable' as const, evidence: 'No older siblings' };
  assert.deepEqual(check({ answers: { ...allYes, older_siblings_adopters: na } }).problems, []);
  assert.deepEqual(check({ answers: { ...allYes, interim_care_order: na } }).problems.map((p) => p.field), ['criteria.interim_care_order', 'exceptionReason']);
});

test('a referral moves draft → sent → accepted or declined → carers identified → placed, and no other way', () => {
  assert.equal(mayMove('enquiry', 'draft'), true);
  assert.equal(mayMove('draft', 'sent'), true);
  assert.equal(mayMove('sent', 'accepted'), true);
  assert.equal(mayMove('sent', 'declined'), true);
  assert.equal(mayMove('accepted', 'carers_identified'), true);
  assert.equal(mayMove('carers_identified', 'placed'), true);
  assert.equal(mayMove('draft', 'placed'), false);
  assert.equal(mayMove('declined', 'accepted'), false);
  assert.equal(mayMove('enquiry', 'sent'), false);
});
