import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObligationRow, RecordedEvent } from '../../services/obligations.ts';
import type { ComplianceGroup } from '../../domain/deadlines/compliance.ts';
import { REGISTRY } from '../../domain/deadlines/index.ts';
import {
  agreementAnswerRow,
  closePage,
  dashboardTotals,
  groupTable,
  myWorkTabs,
  notComputedLine,
  obligationsCsv,
  obligationsSection,
  obligationsTable,
  planningActionRow,
  recordHref,
  recordedEventsSection,
  ruleSources,
  ruleSummary,
  statusParts,
  statusTag,
} from './obligations.ts';

const CHILD = '0d6f2c1a-5b3e-4c7d-9a8b-1e2f3a4b5c6d';
const HH = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PLACEMENT = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const row: ObligationRow = {
  id: 'placement_plan:p-1',
  obligationId: 'placement_plan',
  title: 'Placement plan',
  rule: 'The plan is agreed before the child moves in',
  sourceRef: 'CPPCR reg 9',
  status: 'overdue',
  statusLabel: 'Overdue',
  startedOn: '2023-12-01',
  dueOn: '2023-12-21',
  completedOn: null,
  notApplicableReason: null,
  missedReason: null,
  flag: null,
  dueText: '2 working days overdue',
  explanation: 'Due 5 working days after the placement began',
  subjectType: 'child',
  subjectId: CHILD,
  child: { id: CHILD, reference: 'C-001', name: 'Sam <Jones>' },
  placementId: PLACEMENT,
  household: { id: HH, reference: 'H-010' },
  responsible: { role: 'social_worker', roleLabel: 'Social worker', userId: null, name: null, teamId: null, teamName: null, external: false } as ObligationRow['responsible'],
  completion: { scope: 'child', kind: 'placement_plan_completed', placementId: PLACEMENT, aboutChildId: null },
};

test('a status is a GOV.UK tag, and a flag a second red tag on the same line', () => {
  assert.deepEqual(statusTag(row), { text: 'Overdue', classes: 'govuk-tag--red' });
  assert.deepEqual(statusTag({ status: 'completed_late', statusLabel: 'Completed late' }), { text: 'Completed late', classes: 'govuk-tag--yellow' });
  assert.deepEqual(statusParts({ ...row, flag: 'Started without written agreement' }), [
    { tag: { text: 'Overdue', classes: 'govuk-tag--red' } },
    { tag: { text: 'Started without written agreement', classes: 'govuk-tag--red' }, inline: true },
  ]);
});

test('the Record link opens the right form already filled in', () => {
  assert.equal(recordHref(row), `/children/${CHILD}/events/new?kind=placement_plan_completed&placementId=${PLACEMENT}`);
  assert.equal(recordHref({ ...row, completion: null }), '');
  assert.equal(recordHref({ ...row, completion: { scope: 'household', kind: 'review_held' as never, placementId: null } }), `/households/${HH}/events/new?kind=review_held`);
});

test('a full obligations table: rule, subject, status, due date in words, who is responsible, Record and Close', () => {
  const t = obligationsTable([row], { canRecord: true, canClose: true, withSubject: true, withRule: true, withResponsible: true });
  assert.deepEqual(t.head, [
    { text: 'Obligation' },
    { text: 'Child or household' },
    { text: 'Status' },
    { text: 'Due' },
    { text: 'Responsible' },
    { parts: [{ text: 'Action', visuallyHidden: true }] },
  ]);
  assert.deepEqual(t.rows, [
    [
      { parts: [{ text: 'Placement plan', href: '/rules/placement_plan' }, { text: 'Due 5 working days after the placement began. Source: CPPCR reg 9.', secondary: true }] },
      {
        parts: [
          { text: 'Sam <Jones> (C-001)', href: `/children/${CHILD}` },
          { text: 'Household', secondary: true },
          { text: 'H-010', href: `/households/${HH}`, secondary: true, inline: true },
        ],
      },
      { parts: [{ tag: { text: 'Overdue', classes: 'govuk-tag--red' } }] },
      { parts: [{ text: 'Due 21 December 2023' }, { text: '2 working days overdue', secondary: true }] },
      { parts: [{ text: 'Not allocated' }, { text: 'Social worker', secondary: true }] },
      {
        parts: [
          { text: 'Record', href: `/children/${CHILD}/events/new?kind=placement_plan_completed&placementId=${PLACEMENT}`, hidden: 'Placement plan' },
          { text: 'Close', href: '/obligations/placement_plan%3Ap-1/close', hidden: 'Placement plan' },
        ],
      },
    ],
  ]);
});

test('a short table for My work: no rule, no responsible person, no action column when nothing can be done', () => {
  const done = { ...row, status: 'completed_on_time' as const, statusLabel: 'Completed on time', completedOn: '2023-12-20', dueText: 'completed on time' };
  const t = obligationsTable([done], { canRecord: false, withSubject: false, withRule: false, withResponsible: false });
  assert.deepEqual(t.head, [{ text: 'Obligation' }, { text: 'Status' }, { text: 'Due' }]);
  assert.deepEqual(t.rows[0], [
    { parts: [{ text: 'Placement plan', href: '/rules/placement_plan' }] },
    { parts: [{ tag: { text: 'Completed on time', classes: 'govuk-tag--green' } }] },
    { parts: [{ text: 'Done 20 December 2023, due 21 December 2023' }, { text: 'completed on time', secondary: true }] },
  ]);
});

test("a record's section counts the obligations that do not apply instead of listing them", () => {
  const na = { ...row, id: 'x', status: 'not_applicable' as const, statusLabel: 'Does not apply' };
  const s = obligationsSection([row, na, na], [{ subjectType: 'child', id: CHILD, reference: 'C-001', reason: 'Dates before 2020 cannot be worked out.' }], { canRecord: false });
  assert.equal(s.id, 'obligations');
  assert.equal(s.title, 'Statutory obligations');
  assert.equal(s.table.rows.length, 1);
  assert.equal(s.text, 'Dates before 2020 cannot be worked out. 2 obligations do not apply and are not shown.');
  assert.equal(s.empty, 'No statutory obligations arise from this record yet.');
});

test("a child's page lists the open obligations and the completed ones due latest, counting the earlier ones, with a link to all", () => {
  const done = (n: number, status: 'completed_on_time' | 'completed_late') => ({ ...row, id: `done-${n}`, status, statusLabel: 'Done', dueOn: `2023-0${n}-01`, completedOn: `2023-0${n}-01` });
  const rows = [row, done(1, 'completed_late'), done(2, 'completed_on_time'), done(3, 'completed_on_time'), done(4, 'completed_on_time')];
  const s = obligationsSection(rows, [], { canRecord: false, completedShown: 2, showAll: '/children/x?all=obligations#obligations' });
  assert.equal(s.table.rows.length, 3, 'the open one and the two completed ones due latest');
  assert.equal(s.text, '2 earlier completed obligations are not shown (1 on time, 1 late).');
  assert.deepEqual(s.more, { text: 'Show all 5 obligations', href: '/children/x?all=obligations#obligations' });
  const all = obligationsSection(rows, [], { canRecord: false });
  assert.equal(all.table.rows.length, 5);
  assert.equal(all.more, undefined);
});

/** A placement plan recorded as completed, by the demo data unless said otherwise. */
const recordedEvent = (e: Partial<RecordedEvent> = {}): RecordedEvent => ({
  id: 'e-1',
  kind: 'placement_plan_completed',
  kindLabel: 'Placement plan completed',
  eventDate: '2023-12-20',
  placementId: PLACEMENT,
  aboutChildId: null,
  aboutChildReference: 'C-002',
  periodEndsOn: null,
  evidence: 'On the file',
  recordedByName: null,
  recordedAt: new Date('2023-12-21T10:00:00Z'),
  version: 1,
  ...e,
});

test('recorded events, each with a link to correct it for those who may', () => {
  const e = recordedEvent();
  const s = recordedEventsSection([e], { canCorrect: true, correctHref: (x) => `/fix/${x.id}` });
  assert.deepEqual(s.table.head.at(-1), { parts: [{ text: 'Action', visuallyHidden: true }] });
  assert.deepEqual(s.table.rows[0], [
    { text: 'Placement plan completed (about C-002)' },
    { text: '20 December 2023' },
    { text: 'On the file' },
    { text: 'Demo data, 21 December 2023 at 10am' },
    { parts: [{ text: 'Correct', href: '/fix/e-1', hidden: 'Placement plan completed of 20 December 2023' }] },
  ]);
  const readOnly = recordedEventsSection([e], { canCorrect: false, correctHref: (x) => `/fix/${x.id}` });
  assert.equal(readOnly.table.head.length, 4);
  assert.equal(readOnly.table.rows[0]?.length, 4);
});

test("when an event was recorded is England's day and time, as every page shows a moment, not the UTC date", () => {
  const e = recordedEvent({
    kind: 'carer_review_held',
    kindLabel: 'Foster carer review completed',
    eventDate: '2024-06-28',
    placementId: null,
    aboutChildReference: null,
    recordedByName: 'Sue Worker',
    // 00:30 on 1 July in England (summer time), still 30 June in UTC.
    recordedAt: new Date('2024-06-30T23:30:00Z'),
  });
  const [row] = recordedEventsSection([e], { canCorrect: false }).table.rows;
  assert.deepEqual(row?.[0], { text: 'Foster carer review completed' });
  assert.deepEqual(row?.[1], { text: '28 June 2024' });
  assert.deepEqual(row?.[3], { text: 'Sue Worker, 1 July 2024 at 12:30am' });
});

test('My work: an answer about a concurrent placement, an action from a planning meeting tagged when overdue, a record not worked out', () => {
  const answer = agreementAnswerRow({
    id: 'a-1',
    proposalId: 'p-1',
    existingChildLabel: 'Alex (C-002)',
    householdReference: 'H-010',
    status: 'declined',
    responderName: 'Jo Worker',
    responderRole: 'Social worker',
    onBehalfReason: null,
    respondedOn: '2023-12-20',
    version: 3,
  });
  assert.deepEqual(answer.cells, [
    { parts: [{ text: 'Alex (C-002)', href: '/proposals/p-1' }, { text: 'Household H-010', secondary: true }] },
    { parts: [{ tag: { text: 'Declined', classes: 'govuk-tag--red' } }] },
    { text: 'Jo Worker, Social worker, 20 December 2023' },
  ]);
  assert.equal(answer.label, 'refusal about Alex (C-002)');
  assert.equal(answer.version, 3);

  const task = { id: 't-1', description: 'Send the plan', dueOn: '2023-12-20', child: { id: CHILD, firstName: 'Sam', lastName: 'Jones' } };
  assert.deepEqual(planningActionRow(task, '2023-12-21')[2], { parts: [{ text: '20 December 2023' }, { tag: { text: 'Overdue', classes: 'govuk-tag--red' }, inline: true }] });
  assert.deepEqual(planningActionRow(task, '2023-12-20'), [
    { parts: [{ text: 'Send the plan', href: '/tasks/t-1' }] },
    { parts: [{ text: 'Sam Jones', href: `/children/${CHILD}` }] },
    { text: '20 December 2023' },
  ]);
  assert.equal(notComputedLine({ subjectType: 'household', id: HH, reference: 'H-010', reason: 'No dates' }), 'Household H-010: No dates');
  assert.deepEqual(
    myWorkTabs('done').map((t) => [t.label, t.href, t.current]),
    [
      ['To do', '/my-work?show=open', false],
      ['Completed', '/my-work?show=done', true],
      ['All', '/my-work?show=all', false],
    ],
  );
});

test('dashboard: counts by group, linked when the group has a page', () => {
  const counts = { overdue: 2, dueSoon: 1, onTime: 3, late: 1, missed: 0, onTimeShare: 0.75 } as ComplianceGroup;
  const t = groupTable('Obligation', [{ ...counts, key: 'placement_plan', label: 'Placement plan' }], (g) => `/rules/${g.key}`);
  assert.equal(t.head[0] && 'text' in t.head[0] ? t.head[0].text : '', 'Obligation');
  assert.deepEqual(t.rows[0]?.[0], { parts: [{ text: 'Placement plan', href: '/rules/placement_plan' }] });
  assert.deepEqual(t.rows[0]?.slice(1, 4), [
    { text: '2', format: 'numeric' },
    { text: '1', format: 'numeric' },
    { text: '4', format: 'numeric' },
  ]);
  assert.deepEqual(groupTable('Team', [{ ...counts, key: 'none', label: 'No team' }]).rows[0]?.[0], { text: 'No team' });
  assert.equal(dashboardTotals(counts).fell, 4);
});

test('the CSV keeps a cell that looks like a formula as text', () => {
  const csv = obligationsCsv([{ ...row, title: '=HYPERLINK("x")', responsible: { ...row.responsible, name: 'Jo' } }]);
  const lines = csv.split('\r\n');
  assert.match(lines[0] ?? '', /^obligation_id,obligation,status,/);
  assert.match(lines[1] ?? '', /^placement_plan,"'=HYPERLINK\(""x""\)",Overdue,2023-12-01,2023-12-21,,2 working days overdue,C-001,H-010,Social worker,Jo,,CPPCR reg 9$/);
});

test('a rule as a summary list, and the close page says what is being closed', () => {
  const d = REGISTRY[0]!;
  const rows = ruleSummary(d);
  assert.deepEqual(
    rows.map((r) => r.key.text),
    ['What starts it', 'When it is due', 'Who is responsible', 'What completes it', 'When it does not apply'],
  );
  assert.deepEqual(rows[0]?.value, { text: d.trigger });
  assert.equal(ruleSources(d)[0]?.ref, d.source.ref);
  const page = closePage(row);
  assert.equal(page.caption, 'Placement plan: Sam <Jones>, due 21 December 2023 (2 working days overdue)');
  assert.equal(page.backLink, `/children/${CHILD}`);
  assert.equal(page.action, '/obligations/placement_plan%3Ap-1/close');
});
