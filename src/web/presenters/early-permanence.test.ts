import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCriteria } from '../../domain/records/cp-referral.ts';
import { criteriaTable, householdFactsSummary, referralFieldName, referralInput } from './early-permanence.ts';

test('the referral form: each criterion answered becomes a nested answer with its evidence; unanswered ones are left out', () => {
  const input = referralInput({
    childId: 'c1',
    serviceId: '',
    referralDate: '2026-11-25',
    siblingGroup: 'yes',
    answer_interim_care_order: 'yes',
    evidence_interim_care_order: 'ICO made',
    answer_no_extended_family: '',
    evidence_no_extended_family: 'ignored without an answer',
    exceptionReason: 'Sibling group',
    circumstances: '',
  });
  assert.deepEqual(input, {
    childId: 'c1',
    serviceId: '',
    referralDate: '2026-11-25',
    siblingGroup: true,
    criteria: { interim_care_order: { answer: 'yes', evidence: 'ICO made' } },
    exceptionReason: 'Sibling group',
    circumstances: '',
  });
});

test("the service's problems are named as the form's fields, so the error summary links to them", () => {
  assert.equal(referralFieldName('criteria.no_extended_family'), 'answer_no_extended_family');
  assert.equal(referralFieldName('criteria.no_extended_family.evidence'), 'evidence_no_extended_family');
  assert.equal(referralFieldName('exceptionReason'), 'exceptionReason');
});

test('the criteria table says the age was worked out and marks each criterion met or not', () => {
  const check = checkCriteria({ dateOfBirth: '2021-01-01', referralDate: '2026-11-25', siblingGroup: false, answers: {}, exceptionReason: null });
  const t = criteriaTable(check);
  assert.equal(t.rows.length, 5);
  assert.deepEqual(t.rows[0]?.[1], { text: 'Worked out' });
  assert.deepEqual(t.rows[1]?.[1], { text: 'Not answered' });
  assert.match(JSON.stringify(t.rows[0]?.[3]), /Not met.*refer as an exception/);
});

test('the household summary says whether dual approval holds today, derived, and what is not recorded', () => {
  const rows = householdFactsSummary({ fullTimeCarer: false, returnAgreementSignedOn: null, cpSocialWorker: null, cpSupportGroup: null, cpHelpline: '0300 000 0000' }, false);
  assert.deepEqual(
    rows.map((r) => [r.key.text, 'text' in r.value ? r.value.text : '']),
    [
      ['Dual approval today', 'No: needs a current fostering approval and a current adoption approval'],
      ['A carer full-time in the fostering phase', 'No'],
      ['Agreement to support a return home signed', 'Not recorded'],
      ['Concurrent planning social worker', 'Not recorded'],
      ['Support group', 'Not recorded'],
      ['Out-of-hours helpline', '0300 000 0000'],
    ],
  );
});
