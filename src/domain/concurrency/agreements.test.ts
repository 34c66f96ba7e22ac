import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkLinkResponder,
  checkResponder,
  normalisePersonName,
  openAgreementRecordIssues,
  openAgreementStands,
  openAgreementUse,
  placementIsLive,
  samePersonName,
  startMonth,
} from './index.ts';

test('names are compared as people write them: case, spaces, punctuation, accents, titles, middle initials and order do not matter', () => {
  assert.equal(normalisePersonName('  Remi   OTHER '), 'other remi');
  for (const same of ['remi other', 'Ms Remi Other', 'Dr. Remi Other', 'Other, Remi', 'Remi J. Other', 'Rémi Other', 'REMI  OTHER']) {
    assert.ok(samePersonName('Remi Other', same), same);
  }
  assert.ok(samePersonName("Siobhan O'Neill", 'Siobhan ONeill'));
  assert.ok(samePersonName('Anne-Marie Okafor', 'Anne Marie Okafor'));
  for (const different of ['Remi Others', 'Jo Other', 'Remi', 'Other', '', 'Mr']) assert.ok(!samePersonName('Remi Other', different), different);
  assert.ok(!samePersonName('', ''), 'two blanks are nobody');
});

test('who agrees: the recorded social worker needs no reason; anyone else does, and it is kept', () => {
  assert.deepEqual(checkResponder('Remi Other', 'remi other', null), { samePerson: true, issues: [] });
  const refused = checkResponder('Remi Other', 'Pat Boss', null);
  assert.equal(refused.samePerson, false);
  assert.equal(refused.issues.length, 1);
  assert.equal(refused.issues[0]!.field, 'onBehalfReason');
  assert.match(refused.issues[0]!.message, /Pat Boss is not Remi Other, the social worker recorded for the child/);
  assert.deepEqual(checkResponder('Remi Other', 'Pat Boss', '  '), refused, 'a blank reason is no reason');
  assert.deepEqual(checkResponder('Remi Other', 'Pat Boss', 'Their team manager, on their behalf (Remi is on leave)'), { samePerson: false, issues: [] });
  assert.match(checkResponder(null, 'Pat Boss', null).issues[0]!.message, /No social worker is recorded for the child: say who Pat Boss is/);
});

test('through a secure link: the person it was sent to gives their name and the address it went to; anyone else, or another address, says why', () => {
  const sentTo = { name: 'Remi Other', email: 'remi.other@otherborough.test' };
  assert.deepEqual(checkLinkResponder(sentTo, { name: 'remi OTHER', email: ' Remi.Other@otherborough.test ' }, null), { samePerson: true, issues: [] });
  const otherAddress = checkLinkResponder(sentTo, { name: 'Remi Other', email: 'remi@home.test' }, null);
  assert.deepEqual(otherAddress.issues.map((i) => i.field), ['onBehalfReason']);
  assert.match(otherAddress.issues[0]!.message, /remi@home\.test is not the address this request was sent to/);
  const otherPerson = checkLinkResponder(sentTo, { name: 'Sam Deputy', email: 'remi.other@otherborough.test' }, null);
  assert.match(otherPerson.issues[0]!.message, /The name you gave is not Remi Other's, to whom this request was sent/);
  assert.deepEqual(checkLinkResponder(sentTo, { name: 'Sam Deputy', email: 'sam@otherborough.test' }, 'I manage Remi\'s team'), { samePerson: false, issues: [] });
  assert.equal(checkLinkResponder(sentTo, { name: 'Sam Deputy', email: 'sam@otherborough.test' }, ' ').issues.length, 1, 'a blank reason is no reason');
  assert.match(checkLinkResponder({ name: null, email: null }, { name: 'Sam', email: 'sam@x.test' }, null).issues[0]!.message, /Say who you are/);
});

const longTerm = { kind: 'long_term', status: 'active', endDate: null };
const TODAY = '2026-11-25';

test('an in-principle agreement is recorded only for a live long-term placement, once, and not in the future', () => {
  assert.deepEqual(openAgreementRecordIssues(longTerm, '2026-06-01', TODAY, false), []);
  assert.match(openAgreementRecordIssues({ ...longTerm, kind: 'short_term' }, '2026-06-01', TODAY, false)[0]!.message, /only for a child in a long-term placement/);
  assert.match(openAgreementRecordIssues({ ...longTerm, kind: null }, '2026-06-01', TODAY, false)[0]!.message, /long-term/);
  assert.match(openAgreementRecordIssues({ ...longTerm, status: 'ended', endDate: '2026-11-01' }, '2026-06-01', TODAY, false)[0]!.message, /has ended/);
  assert.match(openAgreementRecordIssues(longTerm, '2026-06-01', TODAY, true)[0]!.message, /already recorded/);
  assert.match(openAgreementRecordIssues(longTerm, '2026-11-26', TODAY, false)[0]!.message, /today or in the past/);
  assert.equal(openAgreementRecordIssues({ kind: 'emergency', status: 'ended', endDate: '2026-01-01' }, '2026-12-01', TODAY, true).length, 4, 'every reason, not the first');
});

test('an in-principle agreement stands while the placement goes on and it is not withdrawn', () => {
  assert.ok(placementIsLive(longTerm, TODAY));
  assert.ok(placementIsLive({ ...longTerm, status: 'planned', endDate: '2026-11-26' }, TODAY), 'a planned ending tomorrow: still there');
  assert.ok(!placementIsLive({ ...longTerm, endDate: TODAY }, TODAY), 'ends today');
  assert.ok(!placementIsLive({ ...longTerm, status: 'cancelled' }, TODAY));
  assert.ok(openAgreementStands({ withdrawnOn: null }, longTerm, TODAY));
  assert.ok(!openAgreementStands({ withdrawnOn: '2026-10-01' }, longTerm, TODAY), 'withdrawn');
  assert.ok(!openAgreementStands({ withdrawnOn: null }, { ...longTerm, status: 'ended', endDate: '2026-10-01' }, TODAY), 'the placement ended');
  assert.ok(!openAgreementStands(null, longTerm, TODAY), 'none recorded');
});

test('using it for a proposal: the social worker told after the proposal was made; specific consent asked for keeps the agreement outstanding', () => {
  const use = { stands: true, proposedOn: '2026-11-20', informedOn: '2026-11-20', specificConsentAsked: false };
  assert.deepEqual(openAgreementUse(use, TODAY), { issues: [], status: 'agreed' });
  assert.deepEqual(openAgreementUse({ ...use, specificConsentAsked: true }, TODAY), { issues: [], status: 'requested' });
  const before = openAgreementUse({ ...use, informedOn: '2026-11-19' }, TODAY);
  assert.deepEqual(before.issues.map((i) => i.field), ['informedOn']);
  assert.match(before.issues[0]!.message, /after it was proposed on 20 November 2026/);
  assert.match(openAgreementUse({ ...use, informedOn: '2026-11-26' }, TODAY).issues[0]!.message, /today or in the past/);
  assert.match(openAgreementUse({ ...use, stands: false }, TODAY).issues[0]!.message, /No in-principle agreement stands/);
});

test('the request gives the month of the proposed start, not the date', () => {
  assert.equal(startMonth('2026-12-07'), 'December 2026');
  assert.equal(startMonth('2027-01-31'), 'January 2027');
  assert.equal(startMonth(null), 'a date to be agreed');
});
