import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, childDocument, childEvent, legalStatus, placement, placementProposal, placementRequest, placementTask, planningDocument } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError, StaleRecordError, ValidationError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';

const TODAY = '2026-11-25';
const START = '2026-11-23';

let w: TestWorld;
let token = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const s = () => w.services.planning;
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `PL${n}`, firstName: `Plan${n}`, lastName: 'Test', dateOfBirth: '2016-05-01' }));
let householdId = '';

async function newPlacement(over: { dateOfBirth?: string; start?: string } = {}) {
  const c = await insertChild(over.dateOfBirth ? { dateOfBirth: over.dateOfBirth } : {});
  await w.database.db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: over.start ?? START });
  const [p] = await w.database.db
    .insert(placement)
    .values({ childId: c.id, householdId, startDate: over.start ?? START, placementType: 'U3', status: 'active', kind: 'short_term' })
    .returning();
  return { childId: c.id, placementId: p!.id };
}


const ATTENDED = [
  { name: 'Jo Carer', role: 'foster_carer', attendance: 'in_person', reason: '' },
  { name: 'Test social worker', role: 'childs_social_worker', attendance: 'video', reason: '' },
  { name: 'Test supervising social worker', role: 'supervising_social_worker', attendance: 'in_person', reason: '' },
  { name: 'Plan', role: 'child', attendance: 'in_person', reason: '' },
  { name: 'Mum', role: 'birth_parent', attendance: 'invited_absent', reason: 'Unwell; will see the bedroom at the first family time' },
];
const DISCUSSION = {
  routines: 'Bed at 8pm; likes a story',
  health: 'Asthma; inhaler in school bag',
  school: 'Stays at Oak Primary; taxi arranged',
  familyTime: 'Mum twice a week, supervised',
  friends: 'Best friend Sam from school',
  hobbies: 'Swimming on Saturdays',
  safeguarding: 'No contact with the former partner (court order)',
  householdSupport: 'Respite for the carers’ son one evening a week',
  background: 'Shared the chronology and the last two assessments',
};

async function completeDelegatedAuthority(placementId: string, occasion = 'placement_planning_meeting') {
  const doc = await s().saveDraft(ctx('social_worker'), placementId, 'delegated_authority', 0, {
    occasion,
    childViews: 'Wants to go on the school trip',
    decisions: [
      { area: 'haircuts', decider: 'both_carers', parentUnderstands: 'yes' },
      { area: 'holidays_abroad', decider: 'parent', reason: 'Mother holds parental responsibility and wants to decide', parentUnderstands: 'yes' },
    ],
  });
  return s().complete(ctx('social_worker'), placementId, 'delegated_authority', doc.version);
}

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'supervising_social_worker');
  householdId = await approvedHousehold(w, { reference: 'HPL1', addressLine1: '1 Plan Street', otherMembers: [{ kind: 'carer_child', firstName: 'Kim', lastName: 'Carer', position: 2, dateOfBirth: '2014-01-01' }] });
});
after(async () => w.close());

test('a new meeting record starts from the people Hearth knows: the carers, both social workers, the child and a birth parent', async () => {
  const { placementId } = await newPlacement();
  const r = await s().get(ctx('supervising_social_worker'), placementId, 'ppm');
  assert.equal(r.document, null);
  const attendees = r.content.attendees as Record<string, string>[];
  assert.deepEqual(
    attendees.map((a) => [a.name, a.role]),
    [
      ['Jo Carer', 'foster_carer'],
      ['Test social worker', 'childs_social_worker'],
      ['Test supervising social worker', 'supervising_social_worker'],
      [r.placement.child.firstName, 'child'],
      ['', 'birth_parent'],
    ],
  );
  assert.equal(r.content.venue, 'carers_home');
  const risk = await s().get(ctx('supervising_social_worker'), placementId, 'risk_assessment');
  assert.deepEqual((risk.content.people as Record<string, string>[]).map((p) => p.person), ['Jo Carer (foster carer)', "Kim Carer (carers' child)"]);
});

test('the risk assessment starts from the risks the child’s social worker described on the placement request the placement was matched from', async () => {
  const { childId, placementId } = await newPlacement();
  const [q] = await w.database.db
    .insert(placementRequest)
    .values({ reference: 'PR-PL1', childId, status: 'confirmed', urgency: 'planned', kind: 'short_term', neededBy: START, risks: { riskToSelf: 'Self-harm when anxious', riskFromOthers: 'None known', riskToOthers: 'Hits out when frightened' } })
    .returning();
  await w.database.db.insert(placementProposal).values({ requestId: q!.id, householdId, status: 'confirmed', placementId });
  const r = await s().get(ctx('supervising_social_worker'), placementId, 'risk_assessment');
  assert.deepEqual(r.fromRequest?.reference, 'PR-PL1');
  assert.equal(r.content.riskToSelf, 'On the placement request: Self-harm when anxious');
  assert.equal(r.content.riskToOthers, 'On the placement request: Hits out when frightened');
  const page = await (await clients('supervising_social_worker')).get(paths.planning.record(placementId, 'risk-assessment'));
  assert.match(page.body, /Risks described on placement request PR-PL1/);
});

test('the Placement Planning Meeting cannot be marked held without its minimum attendees, reasons for absence and delegated authority confirmed', async () => {
  const { childId, placementId } = await newPlacement();
  const draft = await s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', 0, {
    meetingDate: '2026-11-24',
    venue: 'carers_home',
    chair: 'Test supervising social worker',
    ...DISCUSSION,
    plansShared: 'yes',
    delegatedAuthorityConfirmed: 'yes',
    attendees: [
      { name: 'Jo Carer', role: 'foster_carer', attendance: 'in_person' },
      { name: 'SW', role: 'childs_social_worker', attendance: 'invited_absent' },
      { name: 'SSW', role: 'supervising_social_worker', attendance: 'in_person' },
      { name: '', role: '', attendance: '' },
    ],
  });
  const problems = await problemsOf(s().complete(ctx('supervising_social_worker'), placementId, 'ppm', draft.version));
  assert.ok(problems.includes("attendees: The meeting cannot be marked as held: record the child's social worker as attending, in person or by video"), problems.join('\n'));
  assert.ok(problems.includes('attendees: Record whether the child or young person was invited, and if they did not attend, why'));
  assert.ok(problems.includes('attendees: Record whether each birth parent was invited, and if they did not attend, why'));
  assert.ok(problems.includes('attendees.1.reason: Attendee 2: say why SW did not attend'));
  assert.ok(problems.includes('delegatedAuthorityConfirmed: Complete the delegated authority record agreed at the meeting before marking the meeting as held'));
  // The blank row was dropped, and nothing was recorded.
  const [doc] = await w.database.db.select().from(planningDocument).where(eq(planningDocument.id, draft.id));
  assert.equal((doc!.content.attendees as unknown[]).length, 3);
  assert.equal(doc!.issuedVersion, 0);
  assert.equal((await w.database.db.select().from(childEvent).where(eq(childEvent.childId, childId))).length, 0);
});

test('marking the meeting held records ppm_held on its date, turns agreed actions into tasks and files the minutes as a PDF', async () => {
  const { childId, placementId } = await newPlacement();
  await completeDelegatedAuthority(placementId);
  const draft = await s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', 0, {
    meetingDate: '2026-11-24',
    venue: 'online',
    chair: 'Test supervising social worker',
    ...DISCUSSION,
    plansShared: 'no',
    delegatedAuthorityConfirmed: 'yes',
    attendees: ATTENDED,
    actions: [
      { description: 'Register with the local GP', ownerUserId: w.users.social_worker.userId, dueOn: '2026-12-01' },
      { description: 'Buy a school uniform', ownerName: 'Jo Carer', dueOn: '2026-11-27' },
    ],
  });
  const v = await s().complete(ctx('supervising_social_worker'), placementId, 'ppm', draft.version);
  assert.equal(v.number, 1);
  assert.equal(v.completedOn, '2026-11-24', "the meeting's date, not the day it was recorded");
  const events = await w.database.db.select().from(childEvent).where(eq(childEvent.childId, childId));
  assert.deepEqual(
    events.map((e) => [e.kind, e.eventDate, e.placementId]).sort(),
    [['ppm_held', '2026-11-24', placementId]],
  );
  const tasks = await w.database.db.select().from(placementTask).where(eq(placementTask.placementId, placementId));
  assert.deepEqual(
    tasks.map((t) => [t.description, t.ownerName, t.ownerUserId, t.dueOn]).sort(),
    [
      ['Buy a school uniform', 'Jo Carer', null, '2026-11-27'],
      ['Register with the local GP', 'Test social worker', w.users.social_worker.userId, '2026-12-01'],
    ],
  );
  const docs = await w.database.db.select().from(childDocument).where(eq(childDocument.childId, childId));
  assert.ok(docs.some((d) => d.title.startsWith('Placement Planning Meeting minutes, version 1')));
  const minutes = docs.find((d) => d.documentVersionId === v.id)!;
  assert.equal(Buffer.from(minutes.content).subarray(0, 5).toString('latin1'), '%PDF-');
  // The obligation is now complete and on time.
  const obligations = await w.services.obligations.list(ctx('supervising_social_worker'), { childId });
  const ppm = obligations.items.find((o) => o.obligationId === 'placement-planning-meeting' && o.placementId === placementId);
  assert.equal(ppm?.status, 'completed_on_time');
  // The owner sees their task; marking it done records who and when.
  const mine = await s().openTasksFor(ctx('social_worker'), w.users.social_worker.userId);
  const gp = mine.find((t) => t.description === 'Register with the local GP')!;
  assert.ok(gp);
  assert.match((await problemsOf(s().completeTask(ctx('social_worker'), gp.id, { completedOn: '2026-12-30', version: gp.version })))[0]!, /today or in the past/);
  const done = await s().completeTask(ctx('social_worker'), gp.id, { completedOn: TODAY, note: 'Registered', version: gp.version });
  assert.equal(done.completedOn, TODAY);
  await assert.rejects(s().completeTask(ctx('social_worker'), gp.id, { completedOn: TODAY, version: gp.version }), ValidationError);
  const audit = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, placementId), eq(auditEvent.action, 'planning.completed')));
  assert.deepEqual(audit.map((a) => a.details.kind).sort(), ['delegated_authority', 'ppm']);
});

test('only the writer the procedure names (or a manager) may write each record', async () => {
  const { placementId } = await newPlacement();
  await assert.rejects(s().saveDraft(ctx('social_worker'), placementId, 'ppm', 0, {}), ForbiddenError);
  await assert.rejects(s().saveDraft(ctx('supervising_social_worker'), placementId, 'placement_plan', 0, {}), ForbiddenError);
  await assert.rejects(s().saveDraft(ctx('iro'), placementId, 'care_plan', 0, {}), ForbiddenError);
  const cancelled = await newPlacement();
  await w.database.db.update(placement).set({ status: 'cancelled' }).where(eq(placement.id, cancelled.placementId));
  assert.deepEqual(await problemsOf(s().saveDraft(ctx('social_worker'), cancelled.placementId, 'placement_plan', 0, {})), ['form: This placement was cancelled: there is nothing to plan for it']);
  const ok = await s().saveDraft(ctx('team_manager'), placementId, 'placement_plan', 0, { purpose: 'Short-term care while the assessment completes' });
  assert.equal(ok.version, 1);
});

test('drafts: bad answers are refused with every reason and change nothing; a stale version is refused', async () => {
  const { placementId } = await newPlacement();
  const problems = await problemsOf(
    s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', 0, {
      meetingDate: '2026-02-30',
      venue: 'pub',
      attendees: [{ name: 'A', role: 'astronaut', attendance: 'in_person' }],
      actions: 'not a list',
    }),
  );
  assert.deepEqual(problems.sort(), [
    'actions: Actions must be a list',
    'attendees.0.role: Attendee 1: select their role from the list',
    'meetingDate: Date of the meeting must be a real date',
    'venue: Select where the meeting was held from the list',
  ]);
  assert.equal((await w.database.db.select().from(planningDocument).where(eq(planningDocument.placementId, placementId))).length, 0);
  const first = await s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', 0, { chair: 'A' });
  await s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', first.version, { chair: 'B' });
  await assert.rejects(s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', first.version, { chair: 'C' }), StaleRecordError);
  await assert.rejects(s().saveDraft(ctx('supervising_social_worker'), placementId, 'ppm', 0, { chair: 'D' }), StaleRecordError);
  await assert.rejects(s().complete(ctx('supervising_social_worker'), placementId, 'ppm', first.version), StaleRecordError);
  const [doc] = await w.database.db.select().from(planningDocument).where(eq(planningDocument.placementId, placementId));
  assert.equal(doc!.content.chair, 'B');
});

test('the placement plan: versioned, completing version 1 completes the obligation once, shared then acknowledged by the carers', async () => {
  const { childId, placementId } = await newPlacement();
  const plan = {
    purpose: 'Short-term care',
    dayToDay: 'Walks to school with the carers’ son',
    health: 'Registered with the GP',
    education: 'Oak Primary',
    contact: 'Mum twice a week',
    delegatedAuthority: 'See the delegated authority record',
    support: 'Weekly SSW visits for the first month',
    childWishes: 'Wants to keep swimming',
  };
  const d1 = await s().saveDraft(ctx('social_worker'), placementId, 'placement_plan', 0, { ...plan, purpose: '' });
  assert.deepEqual(await problemsOf(s().complete(ctx('social_worker'), placementId, 'placement_plan', d1.version)), ['purpose: Enter the purpose of the placement']);
  const d2 = await s().saveDraft(ctx('social_worker'), placementId, 'placement_plan', d1.version, plan);
  const v1 = await s().complete(ctx('social_worker'), placementId, 'placement_plan', d2.version);
  assert.equal(v1.completedOn, TODAY);
  // Nothing changed since version 1: no empty new version.
  assert.match((await problemsOf(s().complete(ctx('social_worker'), placementId, 'placement_plan', d2.version + 1)))[0]!, /already holds every change/);
  // The carers cannot acknowledge what has not been shared with them.
  assert.match((await problemsOf(s().acknowledge(ctx('social_worker'), placementId, 'placement_plan', 1, { acknowledgedOn: TODAY, acknowledgedBy: 'Jo Carer', version: v1.version })))[0]!, /shared with the carers/);
  await s().share(ctx('social_worker'), placementId, 'placement_plan', 1, { sharedOn: '2026-11-24', sharedWith: 'Jo Carer', version: v1.version });
  assert.match(
    (await problemsOf(s().acknowledge(ctx('social_worker'), placementId, 'placement_plan', 1, { acknowledgedOn: '2026-11-23', acknowledgedBy: 'Jo Carer', version: v1.version + 1 })))[0]!,
    /before it was shared/,
  );
  await assert.rejects(s().acknowledge(ctx('social_worker'), placementId, 'placement_plan', 1, { acknowledgedOn: TODAY, acknowledgedBy: 'Jo Carer', version: v1.version }), StaleRecordError);
  await s().acknowledge(ctx('social_worker'), placementId, 'placement_plan', 1, { acknowledgedOn: TODAY, acknowledgedBy: 'Jo Carer', acknowledgementNote: 'Signed copy', version: v1.version + 1 });
  // Saving exactly what version 1 says leaves nothing to complete.
  const same = await s().saveDraft(ctx('social_worker'), placementId, 'placement_plan', d2.version + 1, plan);
  assert.equal(same.hasUnissuedChanges, false);
  const d3 = await s().saveDraft(ctx('social_worker'), placementId, 'placement_plan', same.version, { ...plan, contact: 'Mum three times a week' });
  const v2 = await s().complete(ctx('social_worker'), placementId, 'placement_plan', d3.version);
  assert.equal(v2.number, 2);
  const r = await s().get(ctx('social_worker'), placementId, 'placement_plan');
  assert.deepEqual(
    r.versions.map((v) => [v.number, v.acknowledgedBy]),
    [
      [2, null],
      [1, 'Jo Carer'],
    ],
  );
  const events = await w.database.db.select().from(childEvent).where(eq(childEvent.childId, childId));
  assert.deepEqual(events.map((e) => e.kind), ['placement_plan_completed'], 'one event: version 1 completes the obligation');
});

test('delegated authority: a decision not delegated needs a reason; a named carer needs a name; reviewed at a looked-after review completes that obligation', async () => {
  const { childId, placementId } = await newPlacement();
  const d = await s().saveDraft(ctx('social_worker'), placementId, 'delegated_authority', 0, {
    occasion: 'placement_planning_meeting',
    childViews: 'Fine',
    decisions: [
      { area: 'school_trips', decider: 'childs_social_worker', parentUnderstands: 'no' },
      { area: 'haircuts', decider: 'named_carer', parentUnderstands: 'yes' },
      { area: 'other', decider: 'both_carers', parentUnderstands: 'not_known' },
    ],
  });
  assert.deepEqual((await problemsOf(s().complete(ctx('social_worker'), placementId, 'delegated_authority', d.version))).sort(), [
    'decisions.0.reason: Decision 1: say why this decision is not delegated to the carers',
    'decisions.1.namedCarer: Decision 2: enter the name of the carer who decides',
    'decisions.2.detail: Decision 3: describe the decision',
  ]);
  const v1 = await completeDelegatedAuthorityOn(placementId, d.version, 'placement_planning_meeting');
  assert.equal(v1.number, 1);
  const doc = (await s().get(ctx('social_worker'), placementId, 'delegated_authority')).document!;
  const v2 = await completeDelegatedAuthorityOn(placementId, doc.version, 'looked_after_review');
  assert.equal(v2.number, 2);
  const events = await w.database.db.select().from(childEvent).where(eq(childEvent.childId, childId));
  assert.deepEqual(events.map((e) => [e.kind, e.eventDate]), [['delegated_authority_reviewed', TODAY]]);
});

async function completeDelegatedAuthorityOn(placementId: string, version: number, occasion: string) {
  const d = await s().saveDraft(ctx('social_worker'), placementId, 'delegated_authority', version, {
    occasion,
    childViews: 'Fine',
    decisions: [{ area: 'school_trips', decider: 'childs_social_worker', reason: 'Court order restricts travel', parentUnderstands: 'no' }],
  });
  return s().complete(ctx('social_worker'), placementId, 'delegated_authority', d.version);
}

test('the initial support plan asks for additional focus for a child aged 13 to 15', async () => {
  const { placementId } = await newPlacement({ dateOfBirth: '2012-06-01' });
  const d = await s().saveDraft(ctx('supervising_social_worker'), placementId, 'support_plan', 0, {
    needs: [{ need: 'Settling at a new school', support: 'Virtual School advice', by: 'Virtual School' }],
  });
  assert.deepEqual(await problemsOf(s().complete(ctx('supervising_social_worker'), placementId, 'support_plan', d.version)), [
    'extraFocus: Enter the additional focus for this child: they were 14 when the placement started',
  ]);
  const d2 = await s().saveDraft(ctx('supervising_social_worker'), placementId, 'support_plan', d.version, {
    needs: [{ need: 'Settling at a new school', support: 'Virtual School advice', by: 'Virtual School' }],
    extraFocus: 'Weekly check-ins with the SSW for six weeks',
  });
  assert.equal((await s().complete(ctx('supervising_social_worker'), placementId, 'support_plan', d2.version)).number, 1);
});

test('pages: the placement page shows the task list; the meeting form saves rows, refuses with an error summary, and marks it held', async () => {
  const { childId, placementId } = await newPlacement();
  const ssw = await clients('supervising_social_worker');
  const page = await ssw.get(paths.placements.show(placementId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /govuk-task-list/);
  assert.match(page.body, /Hold the Placement Planning Meeting/);
  assert.match(page.body, /Share the carers&#39; profile and hear the child&#39;s views|Share the carers' profile and hear the child's views/);
  const form = await ssw.get(paths.planning.record(placementId, 'ppm'));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="attendees\.0\.name"/);
  const bad = await ssw.post(paths.planning.record(placementId, 'ppm'), { version: '0', 'meetingDate-day': '31', 'meetingDate-month': '2', 'meetingDate-year': '2026' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Date of the meeting must be a real date/);
  const badTime = await ssw.post(paths.planning.record(placementId, 'ppm'), { version: '0', meetingTime: '25:99' });
  assert.equal(badTime.statusCode, 400, 'a time that is not real is refused');
  assert.match(badTime.body, /href="#meetingTime">Time must be a real time, like 10:30am</);
  assert.match(badTime.body, /value="25:99"/, 'what was typed is kept');
  const noMonth = await ssw.post(paths.planning.record(placementId, 'ppm'), { version: '0', 'meetingDate-day': '3', 'meetingDate-year': '2026' });
  assert.match(noMonth.body, /href="#meetingDate-month">Date of the meeting must include a month</);
  // The delegated authority record first (the child's social worker), then the meeting.
  await completeDelegatedAuthority(placementId);
  const fields: Record<string, string> = { version: '0', 'meetingDate-day': '24', 'meetingDate-month': '11', 'meetingDate-year': '2026', venue: 'carers_home', chair: 'SSW', plansShared: 'yes', delegatedAuthorityConfirmed: 'yes', ...DISCUSSION };
  ATTENDED.forEach((a, i) => Object.entries(a).forEach(([k, v]) => (fields[`attendees.${i}.${k}`] = v)));
  Object.assign(fields, { 'actions.0.description': 'Book the dentist', 'actions.0.ownerName': 'Jo Carer', 'actions.0.dueOn-day': '4', 'actions.0.dueOn-month': '12', 'actions.0.dueOn-year': '2026' });
  const saved = await ssw.post(paths.planning.record(placementId, 'ppm'), fields);
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
  const again = await ssw.get(paths.planning.record(placementId, 'ppm'));
  assert.match(again.body, /value="Book the dentist"/);
  assert.match(again.body, /The saved draft is complete/);
  const held = await ssw.post(paths.planning.complete(placementId, 'ppm'), { version: '1' });
  assert.equal(held.statusCode, 303, held.body.slice(0, 500));
  const version = await ssw.get(held.headers.location as string);
  assert.match(version.body, /Placement Planning Meeting minutes: version 1/);
  assert.match(version.body, /Book the dentist/);
  const pdf = await ssw.get(paths.planning.pdf(placementId, 'ppm', 1));
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const after = await ssw.get(paths.placements.show(placementId));
  assert.match(after.body, /Book the dentist/);
  const child = await ssw.get(paths.children.show(childId));
  assert.match(child.body, /Placement Planning Meeting minutes, version 1/);
});

test('API: read, save, complete and download, with problems as JSON and stale versions refused', async () => {
  const { childId, placementId } = await newPlacement();
  const read = await api('GET', paths.api.planningRecord(placementId, 'risk-assessment'));
  assert.equal(read.statusCode, 200, read.body);
  assert.equal(read.json().version, 0);
  const bad = await api('PUT', paths.api.planningRecord(placementId, 'risk-assessment'), { version: 0, content: { reviewOn: 'soon' } });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors, [{ field: 'reviewOn', message: 'Review date must be a real date' }]);
  const content = {
    riskToSelf: 'Low',
    riskFromOthers: 'Former partner of mother',
    riskToOthers: 'Low',
    householdImpact: 'Carers’ son shares a bathroom',
    people: [{ person: 'Kim Carer', impact: 'Needs his own time with the carers' }],
    parentViews: 'Mother agrees',
    childViews: 'Wants a lock on the bathroom door',
    strategies: 'Lock fitted; former partner’s photo shared with school',
    reviewOn: '2027-02-25',
  };
  const saved = await api('PUT', paths.api.planningRecord(placementId, 'risk-assessment'), { version: 0, content });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().version, 1);
  const stale = await api('PUT', paths.api.planningRecord(placementId, 'risk-assessment'), { version: 0, content });
  assert.equal(stale.statusCode, 409);
  const early = await api('POST', paths.api.planningComplete(placementId, 'risk-assessment'), { version: 1 });
  assert.equal(early.statusCode, 400, 'the risk assessment follows the meeting');
  assert.match(JSON.stringify(early.json().errors), /mark the meeting as held first/);
  // The meeting recorded directly (as a team may before it keeps minutes in Hearth) counts too.
  await w.database.db.insert(childEvent).values({ childId, kind: 'ppm_held', eventDate: '2026-11-24', placementId });
  const done = await api('POST', paths.api.planningComplete(placementId, 'risk-assessment'), { version: 1 });
  assert.equal(done.statusCode, 201, done.body);
  assert.equal(done.json().number, 1);
  const shared = await api('POST', paths.api.planningVersionAction(placementId, 'risk-assessment', 1, 'share'), { sharedOn: TODAY, sharedWith: 'The carers', version: 1 });
  assert.equal(shared.statusCode, 204, shared.body);
  const again = await api('POST', paths.api.planningVersionAction(placementId, 'risk-assessment', 1, 'share'), { sharedOn: TODAY, sharedWith: 'The carers', version: 1 });
  assert.equal(again.statusCode, 409, 'the version changed when it was shared');
  const ack = await api('POST', paths.api.planningVersionAction(placementId, 'risk-assessment', 1, 'acknowledge'), { acknowledgedOn: TODAY, acknowledgedBy: 'Jo', version: 2 });
  assert.equal(ack.statusCode, 404, "only the placement plan is acknowledged by the carers");
  const sharedAudit = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, placementId), eq(auditEvent.action, 'planning.shared')));
  assert.equal(sharedAudit.length, 1);
  const pdf = await api('GET', paths.api.planningPdf(placementId, 'risk-assessment', 1));
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const overview = await api('GET', paths.api.planning(placementId));
  assert.equal(overview.statusCode, 200);
  const items = overview.json().tasks as { key: string; status: string }[];
  assert.equal(items.find((i) => i.key === 'risk_assessment')?.status, 'completed');
  assert.equal(items.find((i) => i.key === 'ppm')?.status, 'completed', 'held as recorded directly, without minutes in Hearth');
  assert.equal(items.find((i) => i.key === 'support_plan')?.status, 'overdue', 'due at the meeting, held yesterday');
  const sw = await tokenFor(w, 'social_worker');
  const refused = await api('PUT', paths.api.planningRecord(placementId, 'ppm'), { version: 0, content: {} }, sw);
  assert.equal(refused.statusCode, 403);
});

test('no typed work is lost: "Mark the meeting as held" is in the same form as the fields, saves them first, and a refusal shows the typed text back and saves nothing', async () => {
  const { placementId } = await newPlacement();
  const ssw = await clients('supervising_social_worker');
  const form = await ssw.get(paths.planning.record(placementId, 'ppm'));
  // The completing button posts the page's own form (formaction), so whatever is typed goes with it.
  const formHtml = form.body.slice(form.body.indexOf(`action="${paths.planning.record(placementId, 'ppm')}"`));
  assert.match(formHtml.slice(0, formHtml.indexOf('</form>')), new RegExp(`formaction="${paths.planning.complete(placementId, 'ppm')}"[^>]*>\\s*Mark the meeting as held`));

  const typed = 'Zara loves drawing and wants her art things at the carers';
  const fields: Record<string, string> = { version: '0', _complete: 'page', 'meetingDate-day': '24', 'meetingDate-month': '11', 'meetingDate-year': '2026', venue: 'carers_home', chair: 'SSW', plansShared: 'yes', delegatedAuthorityConfirmed: 'yes', ...DISCUSSION, hobbies: typed };
  // Nobody is recorded as attending: refused, with the typed words on the page again and nothing saved.
  const refused = await ssw.post(paths.planning.complete(placementId, 'ppm'), fields);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /There is a problem/);
  assert.ok(refused.body.includes(typed), 'the typed text is shown back');
  assert.equal((await w.database.db.select().from(planningDocument).where(eq(planningDocument.placementId, placementId))).length, 0, 'a refused completion saves nothing');

  await completeDelegatedAuthority(placementId);
  ATTENDED.forEach((a, i) => Object.entries(a).forEach(([k, v]) => (fields[`attendees.${i}.${k}`] = v)));
  const held = await ssw.post(paths.planning.complete(placementId, 'ppm'), fields);
  assert.equal(held.statusCode, 303, (held.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/) ?? [''])[0]);
  const version = await ssw.get(held.headers.location as string);
  assert.ok(version.body.includes(typed), 'the completed version holds what was typed, never saved as a draft before');
});
