import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formFieldOfMove, moveRequestInput, moveSummaryRows, type MoveFacts } from './moves.ts';
import { decisionInput, formFieldOfDecision } from './stability-panel.ts';

test('the urgent form: filled alternative rows become the list, blank rows are dropped, and errors come back to their own fields', () => {
  const input = moveRequestInput({ reason: 'x', alternative1Option: 'Aunt', alternative1Suitable: 'no', alternative1Why: 'No room', alternative2Option: '', alternative2Why: '', alternative3Option: 'Respite', alternative3Why: '' }, true);
  assert.deepEqual(input, {
    urgent: true,
    reason: 'x',
    alternativeOptions: [
      { option: 'Aunt', suitable: false, why: 'No room' },
      { option: 'Respite', suitable: undefined, why: '' },
    ],
  });
  assert.deepEqual(moveRequestInput({ reason: 'x', alternative1Option: 'ignored' }, false), { urgent: false, reason: 'x' });
  assert.equal(formFieldOfMove('alternativeOptions.1.why'), 'alternative2Why');
  assert.equal(formFieldOfMove('alternativeOptions.0.suitable'), 'alternative1Suitable');
  assert.equal(formFieldOfMove('reason'), 'reason');
});

test("the panel's decision form: action rows become the list; errors come back to their own fields", () => {
  assert.deepEqual(decisionInput({ decision: 'd', action1Description: 'Refer', action1Owner: 'u1', action1DueOn: '2026-12-01', action2Description: '', action2Owner: '', action2DueOn: '' }), {
    decision: 'd',
    actions: [{ description: 'Refer', ownerUserId: 'u1', dueOn: '2026-12-01' }],
  });
  assert.equal(formFieldOfDecision('actions.2.ownerUserId'), 'action3Owner');
  assert.equal(formFieldOfDecision('actions.0.dueOn'), 'action1DueOn');
});

test('a move request shows the plan for telling the child with who agreed it, and an urgent one its alternatives', () => {
  const m: MoveFacts = {
    id: 'm',
    placementId: 'p',
    childId: 'c',
    urgent: true,
    reason: 'r',
    supportTried: 's',
    virtualSchoolAdviceFrom: 'Pat',
    virtualSchoolAdvice: 'Keep the school',
    alternativesConsidered: 'a',
    tellingPlan: 't',
    tellingConfirmedBySw: 'Sam',
    tellingConfirmedBySsw: null,
    tellingConfirmedByCarers: null,
    safeguardingIssue: 'Allegation',
    alternativeOptions: [{ option: 'Aunt', suitable: false, why: 'No room' }],
    status: 'requested',
    decidedThrough: null,
    panelDate: null,
    panelChair: null,
    decisionReason: null,
    decidedByName: null,
    decidedAt: null,
    requestedByName: 'Sam',
    requestedAt: new Date('2026-11-25T10:00:00Z'),
    version: 1,
  };
  const rows = moveSummaryRows(m);
  const byKey = new Map(rows.map((r) => [r.key.text, JSON.stringify(r.value)]));
  assert.match(byKey.get('Plan agreed by') ?? '', /Child's social worker: Sam.*Supervising social worker: not yet.*Carers: not yet/);
  assert.match(byKey.get('Alternative placement options') ?? '', /Aunt: not suitable.*No room/);
  assert.match(byKey.get('Immediate safeguarding issue') ?? '', /Allegation/);
  assert.ok(!byKey.has('Authorisation'), 'no decision yet');
});
