import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completedOn, completionProblems, extraFocusReasons, meetingProblems, parseDraft, sameContent, supportMeetingProblems, type Content } from './content.ts';
import { KIND_SPECS, PLANNING_KINDS, mayWrite, mayWriteFor } from './kinds.ts';
import { placementTaskObligations, taskList, type TaskObligation } from './task-list.ts';
import { printableSections } from './printable.ts';

const TODAY = '2026-11-25';
const ctx = { today: TODAY, delegatedAuthorityCompleted: true, meetingHeldOn: '2026-11-24' as string | null, extraFocusReasons: [] as string[] };

const attendees = (over: Record<string, Record<string, string>> = {}) =>
  [
    { name: 'Jo', role: 'foster_carer', attendance: 'in_person', reason: '' },
    { name: 'Sam', role: 'childs_social_worker', attendance: 'video', reason: '' },
    { name: 'Lee', role: 'supervising_social_worker', attendance: 'in_person', reason: '' },
    { name: 'Ava', role: 'child', attendance: 'not_invited', reason: 'Aged 3' },
    { name: 'Mum', role: 'birth_parent', attendance: 'video', reason: '' },
  ].map((a) => ({ ...a, ...(over[a.role] ?? {}) }));

test('every kind has sections, a writer and unique field names; groups have a noun and a row limit', () => {
  for (const kind of PLANNING_KINDS) {
    const spec = KIND_SPECS[kind];
    assert.equal(spec.kind, kind);
    assert.ok(spec.sections.length > 0 && spec.writers.length > 0, kind);
    const names = spec.sections.flatMap((s) => [...(s.fields ?? []).map((f) => f.name), ...(s.group ? [s.group.name] : [])]);
    assert.equal(new Set(names).size, names.length, `${kind}: unique names`);
    for (const s of spec.sections) if (s.group) assert.ok(s.group.itemNoun && s.group.maxRows > 0);
  }
});

test('who writes: the SSW chairs the meeting and writes the risk assessment; the child’s social worker the placement plan; managers may write any', () => {
  assert.equal(mayWrite('ppm', 'supervising_social_worker'), true);
  assert.equal(mayWrite('ppm', 'social_worker'), false);
  assert.equal(mayWrite('placement_plan', 'social_worker'), true);
  assert.equal(mayWrite('placement_plan', 'supervising_social_worker'), false);
  assert.equal(mayWrite('risk_assessment', 'supervising_social_worker'), true);
  for (const kind of PLANNING_KINDS) {
    assert.equal(mayWrite(kind, 'team_manager'), true);
    assert.equal(mayWrite(kind, 'iro'), false);
    assert.equal(mayWrite(kind, 'placement_officer'), false);
  }
});

test('who writes this child’s record: the role writes the kind and the allocation lets them (caseload access)', () => {
  // The allocated social worker's side needs the record kept by them (write): reading it, after breaking the glass, is not enough.
  assert.equal(mayWriteFor('placement_plan', 'social_worker', 'write'), true);
  assert.equal(mayWriteFor('placement_plan', 'social_worker', 'read'), false);
  assert.equal(mayWriteFor('placement_plan', 'social_worker', 'card'), false);
  // The carers' side: their supervising social worker reads the child because they supervise the carers.
  assert.equal(mayWriteFor('ppm', 'supervising_social_worker', 'read'), true);
  assert.equal(mayWriteFor('ppm', 'supervising_social_worker', 'card'), false);
  assert.equal(mayWriteFor('placement_plan', 'supervising_social_worker', 'read'), false);
  // A manager writes where they keep the record, not elsewhere.
  assert.equal(mayWriteFor('placement_plan', 'team_manager', 'write'), true);
  assert.equal(mayWriteFor('placement_plan', 'team_manager', 'card'), false);
  assert.equal(mayWriteFor('ppm', 'team_manager', 'read'), false);
});

test('a draft: answers trimmed, blank rows dropped, bad dates and codes named by field and row', () => {
  const { content, problems } = parseDraft('ppm', {
    chair: '  Lee  ',
    meetingDate: '2026-13-01',
    attendees: [{ name: 'Jo', role: 'foster_carer', attendance: 'in_person' }, { name: '', role: '', attendance: '' }, { name: 'X', role: 'pilot' }],
    actions: [{ description: 'x'.repeat(501) }],
    unknownField: 'ignored',
  });
  assert.equal(content.chair, 'Lee');
  assert.equal(content.unknownField, undefined);
  assert.equal((content.attendees as unknown[]).length, 2);
  assert.deepEqual(problems, [
    { field: 'meetingDate', message: 'Date of the meeting must be a real date' },
    { field: 'attendees.2.role', message: 'Attendee 3: select their role from the list' },
    { field: 'actions.0.description', message: 'Action 1: action must be 500 characters or fewer' },
  ]);
  assert.deepEqual(parseDraft('ppm', { chair: 42, attendees: ['x'] }).problems, [{ field: 'attendees.0', message: 'Attendee 1 must be a set of answers' }]);
  assert.deepEqual(parseDraft('ppm', { chair: { a: 1 } }).problems, [{ field: 'chair', message: 'Chaired by must be text' }]);
});

test('the meeting is held only with the foster carer, the child’s social worker and the SSW there, in person or by video', () => {
  const base: Content = { meetingDate: '2026-11-24', attendees: attendees(), delegatedAuthorityConfirmed: 'yes' };
  assert.deepEqual(meetingProblems(base, ctx), []);
  const noSsw = meetingProblems({ ...base, attendees: attendees({ supervising_social_worker: { attendance: 'invited_absent', reason: 'Off sick' } }) }, ctx);
  assert.deepEqual(noSsw.map((p) => p.message), ['The meeting cannot be marked as held: record the supervising social worker as attending, in person or by video']);
  const noReason = meetingProblems({ ...base, attendees: attendees({ child: { reason: '' } }) }, ctx);
  assert.deepEqual(noReason, [{ field: 'attendees.3.reason', message: 'Attendee 4: say why Ava was not invited' }]);
  const future = meetingProblems({ ...base, meetingDate: '2026-11-26' }, ctx);
  assert.deepEqual(future.map((p) => p.field), ['meetingDate']);
  assert.deepEqual(meetingProblems(base, { ...ctx, delegatedAuthorityCompleted: false }).map((p) => p.field), ['delegatedAuthorityConfirmed']);
  assert.match(meetingProblems({ ...base, delegatedAuthorityConfirmed: 'no' }, ctx)[0]!.message, /must confirm delegated authority/);
  const ownerless = meetingProblems({ ...base, actions: [{ description: 'Book GP', dueOn: '2026-12-01', ownerUserId: '', ownerName: '' }] }, ctx);
  assert.deepEqual(ownerless, [{ field: 'actions.0.ownerName', message: 'Action 1: choose an owner or enter their name' }]);
});

test('completion asks for every required answer, and at least the rows a record needs', () => {
  const problems = completionProblems('risk_assessment', {}, ctx).map((p) => p.field);
  assert.deepEqual(problems, ['riskToSelf', 'riskFromOthers', 'riskToOthers', 'householdImpact', 'parentViews', 'childViews', 'strategies', 'reviewOn', 'people']);
  assert.deepEqual(completionProblems('risk_assessment', { reviewOn: TODAY }, ctx).find((p) => p.field === 'reviewOn'), { field: 'reviewOn', message: 'The review date must be in the future' });
  assert.deepEqual(
    completionProblems('risk_assessment', {}, { ...ctx, meetingHeldOn: null }).find((p) => p.field === 'form'),
    { field: 'form', message: 'The risk assessment follows the Placement Planning Meeting: mark the meeting as held first' },
    'written after the meeting (Placement planning guidance)',
  );
  assert.deepEqual(completionProblems('introductions', { introductions: [{ kind: 'visit', date: '2026-11-20', status: 'planned', notes: '' }] }, ctx), [
    { field: 'introductions.0.status', message: 'Introduction 1 is still planned: record whether it took place or was cancelled' },
  ]);
  assert.equal(completionProblems('ppm', {}, ctx).find((p) => p.field === 'attendees')?.message, 'Add at least 3 attendees');
});

test('additional focus (Placement stability guidance): a child who has moved before, or is 13 to 15 when placed', () => {
  assert.deepEqual(extraFocusReasons({ dateOfBirth: '2014-01-01', placementStart: '2026-11-23', earlierPlacementsThisPeriod: 0 }), []);
  assert.deepEqual(extraFocusReasons({ dateOfBirth: '2013-11-23', placementStart: '2026-11-23', earlierPlacementsThisPeriod: 0 }), ['they were 13 when the placement started']);
  assert.deepEqual(extraFocusReasons({ dateOfBirth: '2010-11-24', placementStart: '2026-11-23', earlierPlacementsThisPeriod: 0 }), ['they were 15 when the placement started']);
  assert.deepEqual(extraFocusReasons({ dateOfBirth: '2010-11-23', placementStart: '2026-11-23', earlierPlacementsThisPeriod: 0 }), [], '16 on the day');
  assert.deepEqual(extraFocusReasons({ dateOfBirth: '2020-01-01', placementStart: '2026-11-23', earlierPlacementsThisPeriod: 2 }), [
    'they have already moved placement (2 earlier placements in this period of care)',
  ]);
});

test("a version's date: the meeting's own date, the care plan's date, otherwise the day it is completed", () => {
  assert.equal(completedOn('ppm', { meetingDate: '2026-11-20' }, TODAY), '2026-11-20');
  assert.equal(completedOn('care_plan', { completedOn: '2026-11-19' }, TODAY), '2026-11-19');
  assert.equal(completedOn('placement_plan', {}, TODAY), TODAY);
});

test('the task list: statuses from the records and due dates from the obligations', () => {
  const obligation = (obligationId: string, over: Partial<TaskObligation> = {}): TaskObligation => ({
    obligationId,
    status: 'not_yet_due',
    dueOn: '2026-11-30',
    dueText: 'due in 3 working days',
    completedOn: null,
    notApplicableReason: null,
    ...over,
  });
  const items = taskList({
    placementStart: '2026-11-23',
    shortDate: (d) => d,
    records: { ppm: { issuedVersion: 1, hasUnissuedChanges: false, started: true }, placement_plan: { issuedVersion: 2, hasUnissuedChanges: true, started: true }, risk_assessment: { issuedVersion: 0, hasUnissuedChanges: true, started: true } },
    obligations: [
      obligation('placement-planning-meeting', { completedOn: '2026-11-24', status: 'completed_on_time' }),
      obligation('placement-plan', { status: 'completed_on_time', completedOn: '2026-11-24' }),
      obligation('placement-risk-assessment', { status: 'overdue', dueOn: '2026-11-20', dueText: '3 working days overdue' }),
      obligation('child-friendly-profile', { status: 'not_applicable', notApplicableReason: 'An emergency placement' }),
      obligation('placement-notification', { status: 'completed_on_time', completedOn: '2026-11-23' }),
      obligation('care-plan', { status: 'due_soon' }),
    ],
  });
  const by = new Map(items.map((i) => [i.key, i]));
  assert.deepEqual(items.map((i) => i.key), ['carer_profile', 'introductions', 'notification', 'ppm', 'delegated_authority', 'placement_plan', 'care_plan', 'risk_assessment', 'support_plan']);
  assert.equal(by.get('ppm')?.status, 'completed');
  assert.equal(by.get('placement_plan')?.status, 'changes_not_completed');
  assert.equal(by.get('risk_assessment')?.status, 'overdue');
  assert.equal(by.get('risk_assessment')?.dueText, 'Due by 2026-11-20 (3 working days overdue)');
  assert.equal(by.get('carer_profile')?.status, 'not_applicable');
  assert.equal(by.get('notification')?.status, 'completed');
  assert.equal(by.get('care_plan')?.status, 'not_started');
  assert.equal(by.get('introductions')?.dueOn, '2026-11-23');
  assert.equal(by.get('delegated_authority')?.dueText, 'With the Placement Planning Meeting, by 2026-11-30');
  assert.equal(by.get('support_plan')?.status, 'not_started');
});

test('printable: codes become words, dates are written out, staff are named, empty answers stay empty', () => {
  const sections = printableSections(
    'ppm',
    { meetingDate: '2026-11-24', venue: 'carers_home', plansShared: 'yes', attendees: [{ name: 'Jo', role: 'foster_carer', attendance: 'video', reason: '' }], actions: [{ description: 'GP', ownerUserId: 'u1', ownerName: '', dueOn: '2026-12-01' }] },
    new Map([['u1', 'Sam Worker']]),
  );
  const meeting = sections[0]!;
  assert.deepEqual(meeting.fields?.slice(0, 3), [
    { label: 'Date of the meeting', value: '24 November 2026' },
    { label: 'Time (optional)', value: null },
    { label: 'Where', value: "The foster carers' home" },
  ]);
  assert.deepEqual(sections[1]!.table?.rows, [['Jo', 'Foster carer', 'Attended by video call', '']]);
  assert.deepEqual(sections[3]!.table?.rows, [['GP', 'Sam Worker', '', '1 December 2026']]);
  assert.equal(sections[2]!.fields?.find((f) => f.label.startsWith('Were the placement plan'))?.value, 'Yes');
  assert.deepEqual(printableSections('ppm', {})[1]!.paragraphs, ['No attendees recorded.']);
});

test('two contents are the same whatever the order of their keys (stored JSON reorders them)', () => {
  assert.equal(sameContent({ a: '1', rows: [{ x: '1', y: '2' }] }, { rows: [{ y: '2', x: '1' }], a: '1' }), true);
  assert.equal(sameContent({ a: '1', rows: [{ x: '1' }, { x: '2' }] }, { a: '1', rows: [{ x: '2' }, { x: '1' }] }), false, 'the order of rows matters');
  assert.equal(sameContent({ a: '1' }, { a: '2' }), false);
});

test("a placement's task list takes the placement's own obligations and the child's care plan", () => {
  const rows = [
    { obligationId: 'placement-plan', placementId: 'p1' },
    { obligationId: 'placement-plan', placementId: 'p0' },
    { obligationId: 'care-plan', placementId: null },
    { obligationId: 'looked-after-review', placementId: null },
  ];
  assert.deepEqual(placementTaskObligations(rows, 'p1'), [rows[0], rows[2]]);
});

test('a Placement Support Meeting is held only with the Virtual School invited, reasons for absence, owned actions and a new support plan version reviewed at it', () => {
  const psmAttendees = [
    { name: 'Sam', role: 'childs_social_worker', attendance: 'in_person', reason: '' },
    { name: 'Lee', role: 'supervising_social_worker', attendance: 'in_person', reason: '' },
    { name: 'Jo', role: 'foster_carer', attendance: 'video', reason: '' },
    { name: 'Pat', role: 'virtual_school', attendance: 'invited_absent', reason: '' },
  ];
  const base = { meetingDate: '2026-11-24', attendees: psmAttendees, actions: [{ description: 'Mentoring', ownerUserId: '', ownerName: '', dueOn: '2026-12-01' }] };
  const plan = { number: 2, completedOn: '2026-11-24', reviewedAtEarlierMeeting: false };
  const messages = (content: Content, latestSupportPlan: typeof plan | null) => supportMeetingProblems(content, { today: TODAY, latestSupportPlan }).map((p) => p.message);
  assert.deepEqual(messages(base, plan), ['Attendee 4: say why Pat did not attend', 'Action 1: choose an owner or enter their name']);
  const fixed = { ...base, attendees: psmAttendees.map((a) => (a.role === 'virtual_school' ? { ...a, reason: 'Advice given by e-mail' } : a)), actions: [{ description: 'Mentoring', ownerUserId: '', ownerName: 'Sam', dueOn: '2026-12-01' }] };
  assert.deepEqual(messages(fixed, plan), []);
  assert.deepEqual(messages({ ...fixed, attendees: fixed.attendees.slice(0, 3) }, plan), ['Record the Virtual School as invited, and if they did not attend, why']);
  assert.deepEqual(messages({ ...fixed, attendees: fixed.attendees.map((a) => (a.role === 'virtual_school' ? { ...a, attendance: 'not_invited' } : a)) }, plan), [
    'Attendee 4: the Virtual School must be invited to a Placement Support Meeting',
  ]);
  assert.match(messages(fixed, null).join(), /Complete the initial support plan, reviewed at this meeting/);
  assert.match(messages(fixed, { ...plan, completedOn: '2026-11-20' }).join(), /was completed before the meeting/);
  assert.match(messages(fixed, { ...plan, reviewedAtEarlierMeeting: true }).join(), /was reviewed at an earlier meeting/);
  assert.match(messages({ ...fixed, meetingDate: '2026-11-26' }, { ...plan, completedOn: '2026-11-26' }).join(), /today or in the past/);
});

test('a meeting time must be a real time ("25:99" is refused); one typed as people do is kept', () => {
  assert.deepEqual(parseDraft('ppm', { meetingTime: '25:99' }).problems, [{ field: 'meetingTime', message: 'Time must be a real time, like 10:30am' }]);
  assert.deepEqual(parseDraft('psm', { meetingTime: '10:60am' }).problems, [{ field: 'meetingTime', message: 'Time must be a real time, like 10:30am' }]);
  assert.deepEqual(parseDraft('ppm', { meetingTime: '2:15pm' }).problems, []);
  assert.equal(parseDraft('ppm', { meetingTime: ' 10am ' }).content.meetingTime, '10am');
});

test('error messages read as GOV.UK sentences: what was discussed, yes-if questions, each row', () => {
  const problems = completionProblems('ppm', {}, { today: '2026-11-20', delegatedAuthorityCompleted: true, meetingHeldOn: null, extraFocusReasons: [] });
  const message = (field: string) => problems.find((p) => p.field === field)?.message;
  assert.equal(message('friends'), 'Enter what was discussed about friendships');
  assert.equal(message('venue'), 'Select where the meeting was held');
  assert.equal(message('chair'), 'Enter who chaired the meeting');
  assert.equal(message('plansShared'), 'Select yes if the placement plan and care plan were shared at the meeting');
  assert.ok(!problems.some((p) => /^(Enter friends|Select where|Enter chaired by)$/.test(p.message)), 'no "Enter friends"');
  const rows = completionProblems('ppm', { attendees: [{ name: 'Ann' }] }, { today: '2026-11-20', delegatedAuthorityCompleted: true, meetingHeldOn: null, extraFocusReasons: [] });
  assert.ok(rows.some((p) => p.message === 'Attendee 1: select their role'));
});
