import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptionApprovalCurrentOn, dualApprovalOn, earlyPermanenceReasons, type AdoptionApprovalFact } from './dual-approval.ts';

const approved = (decisionDate: string | null, over: Partial<AdoptionApprovalFact> = {}): AdoptionApprovalFact => ({ status: 'approved', decisionDate, endedOn: null, ...over });

test("an adoption approval is current from the agency decision-maker's decision, not from the panel", () => {
  const a = approved('2024-06-10');
  assert.equal(adoptionApprovalCurrentOn(a, '2024-06-09'), false);
  assert.equal(adoptionApprovalCurrentOn(a, '2024-06-10'), true);
  assert.equal(adoptionApprovalCurrentOn(a, '2030-01-01'), true);
});

test('an approval put on hold or withdrawn was current only before the day it stopped; one in assessment never is', () => {
  const held = approved('2024-06-10', { status: 'on_hold', endedOn: '2024-09-01' });
  assert.equal(adoptionApprovalCurrentOn(held, '2024-08-31'), true);
  assert.equal(adoptionApprovalCurrentOn(held, '2024-09-01'), false);
  assert.equal(adoptionApprovalCurrentOn({ status: 'withdrawn', decisionDate: '2024-06-10', endedOn: null }, '2024-07-01'), false);
  assert.equal(adoptionApprovalCurrentOn({ status: 'in_assessment', decisionDate: null, endedOn: null }, '2024-07-01'), false);
});

test('a record made from the former dual-approval tick stays current (its dates to be confirmed); any other approval without a decision date is not', () => {
  assert.equal(adoptionApprovalCurrentOn(approved(null, { fromFormerTick: true }), '2020-01-01'), true);
  assert.equal(adoptionApprovalCurrentOn(approved(null), '2020-01-01'), false);
});

test('dual approval on a day needs the fostering approval and an adoption approval both current', () => {
  const approvals = [approved('2024-06-10')];
  assert.equal(dualApprovalOn(true, approvals, '2024-06-10'), true);
  assert.equal(dualApprovalOn(false, approvals, '2024-06-10'), false);
  assert.equal(dualApprovalOn(true, approvals, '2024-06-09'), false);
  assert.equal(dualApprovalOn(true, [], '2024-06-10'), false);
});

test('other kinds of placement ask nothing of an adoption approval', () => {
  assert.deepEqual(earlyPermanenceReasons('short_term', true, undefined, '2024-06-10'), []);
  assert.deepEqual(earlyPermanenceReasons('long_term', false, undefined, '2024-06-10'), []);
});

test('the signed agreement to support a return home counts from the day it was signed', () => {
  const facts = { adoptionApprovals: [approved('2024-01-01')], fullTimeCarer: true, returnAgreementSignedOn: '2024-06-10' };
  assert.deepEqual(earlyPermanenceReasons('concurrent_planning', true, facts, '2024-06-10'), []);
  const before = earlyPermanenceReasons('concurrent_planning', true, facts, '2024-06-09');
  assert.deepEqual(before.map((r) => r.code), ['return-agreement-missing']);
  assert.match(before[0]?.message ?? '', /none is recorded before 10 June 2024/);
});
