import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PanelDecisionInput, PanelReferralInput, PanelSittingInput, panelDecisionProblems, panelReferralProblems, panelSittingProblems } from './stability-panel.ts';

const TODAY = '2026-11-25';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

test('a referral: about an active placement, dated by today and not before it began', () => {
  const input = PanelReferralInput.parse({ referredOn: '2026-11-20', reason: 'Needs therapy to stay', serviceSought: 'Weekly therapeutic support', tried: 'Two PSMs; mentoring' });
  assert.deepEqual(panelReferralProblems(input, { startDate: '2026-06-01', status: 'active' }, TODAY), []);
  assert.deepEqual(panelReferralProblems({ ...input, referredOn: '2026-11-26' }, { startDate: '2026-06-01', status: 'ended' }, TODAY).map((p) => p.field), ['form', 'referredOn']);
  assert.equal(PanelReferralInput.safeParse({ ...input, serviceSought: '' }).success, false);
});

test('a sitting: at least one waiting case, none referred after the sitting; the Virtual School attends', () => {
  const waiting = [{ id: A, referredOn: '2026-11-20' }];
  const ok = PanelSittingInput.parse({ sitsOn: '2026-11-24', members: 'Head of service (chair); team managers', virtualSchoolAttendee: 'Pat Virtual', referralIds: [A] });
  assert.deepEqual(panelSittingProblems(ok, waiting), []);
  assert.deepEqual(panelSittingProblems({ ...ok, referralIds: [] }, waiting).map((p) => p.message), ['Select at least one referred case for the agenda']);
  assert.deepEqual(panelSittingProblems({ ...ok, referralIds: [B] }, waiting).map((p) => p.message), ['Select only cases waiting for the panel']);
  assert.match(panelSittingProblems({ ...ok, sitsOn: '2026-11-19' }, waiting)[0]?.message ?? '', /on or after the day it was referred/);
  assert.equal(PanelSittingInput.safeParse({ ...ok, virtualSchoolAttendee: '' }).success, false);
});

test('a decision: on a case on the agenda, at or after the sitting; review after it; actions due from it', () => {
  const d = PanelDecisionInput.parse({ serviceAgreed: 'Therapy, 12 sessions', fundedBy: "Children's services", decision: 'Agreed', reviewOn: '2027-02-24', actions: [{ description: 'Refer to the therapy service', ownerUserId: A, dueOn: '2026-12-01' }] });
  const sitting = { sitsOn: '2026-11-24' };
  assert.deepEqual(panelDecisionProblems(d, { status: 'on_agenda' }, sitting, TODAY), []);
  assert.deepEqual(panelDecisionProblems(d, { status: 'referred' }, null, TODAY).map((p) => p.message), ['Put the case on the agenda of a panel sitting first']);
  assert.deepEqual(panelDecisionProblems(d, { status: 'decided' }, sitting, TODAY).map((p) => p.message), ['The panel has already decided on this case']);
  assert.deepEqual(panelDecisionProblems(d, { status: 'on_agenda' }, { sitsOn: '2026-11-26' }, TODAY).map((p) => p.field), ['form']);
  assert.deepEqual(panelDecisionProblems(d, { status: 'on_agenda' }, { sitsOn: '2026-12-02' }, '2026-12-03').map((p) => p.field), ['actions.0.dueOn']);
  assert.deepEqual(panelDecisionProblems({ ...d, reviewOn: '2026-11-24' }, { status: 'on_agenda' }, sitting, TODAY).map((p) => p.field), ['reviewOn']);
});
