import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptionApprovalCurrentOn, dualApprovalBegan, dualApprovalOn, earlyPermanenceReasons, type AdoptionApprovalFact } from './dual-approval.ts';

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

test('dual approval began on the later of the fostering approval and the adoption decision, if both were then current', () => {
  // Fostering approved 1 March 2026; adopters approved by the agency decision-maker 10 June 2026: dual from 10 June.
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: '2026-03-01' }, [approved('2026-06-10')]), ['2026-06-10']);
  // Adopters approved first (1 January), fostering approved 20 April: dual from 20 April.
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: '2026-04-20' }, [approved('2026-01-01')]), ['2026-04-20']);
  // An adoption approval put on hold on 1 April, before fostering began on 20 April: they never overlapped.
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: '2026-04-20' }, [approved('2026-01-01', { status: 'on_hold', endedOn: '2026-04-01' })]), []);
  // Held on 1 May, after fostering began on 20 April: dual from 20 April (it did begin, then stopped).
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: '2026-04-20' }, [approved('2026-01-01', { status: 'on_hold', endedOn: '2026-05-01' })]), ['2026-04-20']);
  // Re-approved after a withdrawal: two beginnings, sorted.
  assert.deepEqual(
    dualApprovalBegan({ current: true, approvedOn: '2025-01-01' }, [approved('2026-09-01'), approved('2025-03-01', { status: 'withdrawn', endedOn: '2025-12-01' })]),
    ['2025-03-01', '2026-09-01'],
  );
});

test('no beginning without a current fostering approval with its day, nor from the former tick or an approval in assessment', () => {
  assert.deepEqual(dualApprovalBegan({ current: false, approvedOn: '2026-03-01' }, [approved('2026-06-10')]), []);
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: null }, [approved('2026-06-10')]), []);
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: '2026-03-01' }, [approved(null, { fromFormerTick: true })]), []);
  assert.deepEqual(dualApprovalBegan({ current: true, approvedOn: '2026-03-01' }, [{ status: 'in_assessment', decisionDate: null, endedOn: null }]), []);
});
