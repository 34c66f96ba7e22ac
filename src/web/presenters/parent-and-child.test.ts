import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrangementSections, assessmentTable, beforePlacingRows, contingencyRows, peopleTable } from './parent-and-child.ts';
import { obligationsOf } from '../../domain/parent-and-child/arrangement.ts';
import type { ArrangementView } from '../../services/parent-and-child.ts';

const person = (role: 'parent' | 'child', name: string, inCare: boolean, ids: { childId?: string; familyMemberId?: string }) => ({
  id: `${name}-p`,
  arrangementId: 'a1',
  role,
  childId: ids.childId ?? null,
  familyMemberId: ids.familyMemberId ?? null,
  inCare,
  placementId: null,
  position: 0,
  name,
  dateOfBirth: '2026-01-10',
  advocacyNeed: null,
  familyMemberIdForNeed: null,
});

function view(over: Partial<ArrangementView> = {}): ArrangementView {
  const people = [person('parent', 'Shannon Reid', false, { familyMemberId: 'fm1' }), person('child', 'Ava Reid', true, { childId: 'c1' })];
  return {
    id: 'a1',
    reference: 'PC00001',
    householdId: 'h1',
    householdReference: 'H00001',
    needDocument: null,
    placementRequestId: null,
    status: 'planned',
    startDate: null,
    endDate: null,
    legalScenario: 'child_in_care',
    scenarioRationale: 'Because',
    parentNotCinAssessedOn: null,
    needArose: 'pre_birth_assessment',
    needAroseOn: '2026-01-05',
    needDocumentId: null,
    needReason: '',
    createdBy: null,
    version: 1,
    createdAt: new Date('2026-03-01T10:00:00Z'),
    updatedAt: new Date('2026-03-01T10:00:00Z'),
    people,
    obligations: obligationsOf('child_in_care', people),
    records: { agreements: [], observations: [], advocacy: [], contingencies: [], extraSupport: [] },
    beforePlacing: [{ code: 'sharing-agreement-missing', message: 'No information-sharing agreement is recorded.' }],
    notices: [],
    contingenciesNeeded: ['success', 'failure_child_in_care'],
    ...over,
  };
}

test('people: each with their page, in care or not, the regulations and what they are in the household', () => {
  const t = peopleTable(view());
  assert.deepEqual(t.rows.map((r) => r[3]), [{ text: 'Member of the fostering household while placed' }, { text: 'Foster child' }]);
  assert.deepEqual(t.rows[0]![0], { parts: [{ text: 'Shannon Reid', href: '/family-members/fm1' }, { text: 'Parent, born 10 January 2026', hint: true }] });
  assert.deepEqual(t.rows[0]![2], { parts: [{ text: 'None: not in care' }, { text: view().obligations[0]!.source, hint: true }] });
  assert.deepEqual(t.rows[1]![1], { text: 'Yes' });
});

test('before placing: not ready lists every reason; the agreement row offers to record it', () => {
  const rows = beforePlacingRows(view(), true);
  assert.deepEqual(rows[0]!.value, { parts: [{ tag: { text: 'Not ready', classes: 'govuk-tag--red' } }, { list: ['No information-sharing agreement is recorded.'] }] });
  assert.equal(rows[1]!.key.text, 'Information-sharing agreement');
  assert.deepEqual(rows[1]!.actions?.items.map((i) => i.href), ['/parent-and-child/a1/sharing-agreement']);
  assert.equal(beforePlacingRows(view(), false)[1]!.actions, undefined, 'no action for someone who may not record');
  assert.deepEqual((beforePlacingRows(view({ beforePlacing: [] }), false)[0]!.value as { parts: { tag?: unknown }[] }).parts[0], { tag: { text: 'Ready', classes: 'govuk-tag--green' } });
});

test('contingency plans: a plan needed and missing says so; one not possible for these people says that', () => {
  const rows = contingencyRows(view(), true);
  assert.deepEqual(rows.map((r) => r.value), [{ text: 'None recorded: needed before placing' }, { text: 'None recorded: needed before placing' }, { text: 'None recorded (not a possible outcome for these people)' }]);
});

test('the assessment: each person placed by the arrangement links their placement’s assessment; none before confirmation', () => {
  const none = arrangementSections(view(), true).find((s) => s.id === 'assessment');
  assert.deepEqual(none?.table?.rows, []);
  assert.match(none?.empty ?? '', /begins when the placement is confirmed/);
  const placed = view({ status: 'active', people: view().people.map((p) => (p.role === 'child' ? { ...p, placementId: 'pl1' } : p)) });
  const t = assessmentTable(placed);
  assert.deepEqual(t.rows, [
    [
      { parts: [{ text: 'Ava Reid' }, { text: 'Child', hint: true }] },
      { parts: [{ text: 'Plan, carers’ reports, reviews and outcome', href: '/placements/pl1/parent-and-child-assessment', hidden: 'of the placement of Ava Reid' }] },
    ],
  ]);
  assert.deepEqual(arrangementSections(placed, false).map((s) => s.id).slice(0, 2), ['people', 'assessment']);
});
