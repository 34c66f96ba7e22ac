import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, childEvent, household, legalStatus, placement, placementTask, planningDocumentVersion } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import { ChildConcernResponse, ConcernResponse, ConsultationResponse } from '../src/api/stability.ts';

// Wednesday 25 November 2026; the placement started on Monday 2 November.
const TODAY = '2026-11-25';
const START = '2026-11-02';

let w: TestWorld;
let token = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `ST${n}`, firstName: `Stable${n}`, lastName: 'Test', dateOfBirth: '2016-05-01' }));
let householdId = '';

async function newPlacement() {
  const c = await insertChild();
  await w.database.db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: START });
  const [p] = await w.database.db.insert(placement).values({ childId: c.id, householdId, startDate: START, placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  return { childId: c.id, placementId: p!.id };
}

const concern = (over: Record<string, string> = {}) => ({
  raisedOn: '2026-11-23',
  whatWasSeen: 'Came home late twice and refused to talk about it',
  raisedByRole: 'foster_carer',
  raisedByName: 'Jo Carer',
  seriousness: 'medium',
  ...over,
});


async function meetings(placementId: string) {
  const list = await w.services.obligations.list(ctx('team_manager'), { placementId });
  return list.items.filter((o) => o.obligationId === 'placement-support-meeting').map((o) => [o.id.split(':').at(-1), o.startedOn, o.dueOn, o.completedOn])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

const ATTENDEES = [
  { name: 'Test social worker', role: 'childs_social_worker', attendance: 'in_person', reason: '' },
  { name: 'Test supervising social worker', role: 'supervising_social_worker', attendance: 'in_person', reason: '' },
  { name: 'Jo Carer', role: 'foster_carer', attendance: 'in_person', reason: '' },
  { name: 'Pat Virtual', role: 'virtual_school', attendance: 'invited_absent', reason: 'Gave advice by e-mail beforehand' },
];
const MINUTES = {
  meetingDate: '2026-11-24',
  venue: 'carers_home',
  chair: 'Test supervising social worker',
  concernsDiscussed: 'Coming home late; not talking about school',
  goingWell: 'Settled at home; eating well',
  notGoingWell: 'Evenings; school attendance',
  supportPlanReview: 'Added weekly mentoring and a school check-in',
  attendees: ATTENDEES,
  actions: [{ description: 'Refer to the mentoring service', ownerUserId: '', ownerName: 'Test social worker', dueOn: '2026-12-04' }],
};

async function completeSupportPlan(placementId: string, need: string) {
  const s = w.services.planning;
  const current = await s.get(ctx('supervising_social_worker'), placementId, 'support_plan');
  const doc = await s.saveDraft(ctx('supervising_social_worker'), placementId, 'support_plan', current.document?.version ?? 0, {
    needs: [{ need, support: 'Weekly mentoring', by: 'Mentoring service' }],
  });
  return s.complete(ctx('supervising_social_worker'), placementId, 'support_plan', doc.version);
}

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'supervising_social_worker');
  householdId = await approvedHousehold(w, { reference: 'HST1', addressLine1: '1 Steady Street' });
});
after(async () => w.close());

test("a concern records its event and starts a Placement Support Meeting, due 5 working days later; concerns while it is due start no second one", async () => {
  const { childId, placementId } = await newPlacement();
  const c = await w.services.stability.recordConcern(ctx('supervising_social_worker'), placementId, concern());
  assert.equal(c.raisedOn, '2026-11-23');
  assert.equal(c.raisedByRole, 'foster_carer');
  assert.equal(c.recordedByName, 'Test supervising social worker');
  const events = await w.database.db.select().from(childEvent).where(and(eq(childEvent.childId, childId), eq(childEvent.kind, 'placement_concern')));
  assert.equal(events.length, 1);
  assert.equal(events[0]?.id, c.eventId);
  assert.deepEqual(await meetings(placementId), [['1', '2026-11-23', '2026-11-30', null]]);
  await w.services.stability.recordConcern(ctx('iro'), placementId, concern({ raisedOn: '2026-11-25', raisedByRole: 'iro', raisedByName: 'Test IRO', seriousness: 'high' }));
  assert.deepEqual(await meetings(placementId), [['1', '2026-11-23', '2026-11-30', null]]);
  const audit = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, placementId), eq(auditEvent.action, 'concern.recorded')));
  assert.equal(audit.length, 2);
  const listed = await w.services.stability.ofPlacement(ctx('social_worker'), placementId);
  assert.deepEqual(listed.map((x) => x.raisedOn), ['2026-11-25', '2026-11-23']);
});

test("who may record: the carers' concerns through their SSW; the Virtual School's through any worker; not the placement officer", async () => {
  const { placementId } = await newPlacement();
  assert.deepEqual(await problemsOf(w.services.stability.recordConcern(ctx('social_worker'), placementId, concern())), [
    "raisedByRole: The carers' concerns are recorded by their supervising social worker (or a manager)",
  ]);
  const vs = await w.services.stability.recordConcern(ctx('social_worker'), placementId, concern({ raisedByRole: 'virtual_school', raisedByName: 'Pat Virtual (Virtual School)' }));
  assert.equal(vs.raisedByRole, 'virtual_school');
  await assert.rejects(w.services.stability.recordConcern(ctx('placement_officer'), placementId, concern()), ForbiddenError);
  assert.deepEqual(await problemsOf(w.services.stability.recordConcern(ctx('team_manager'), placementId, concern({ raisedOn: '2026-11-26' }))), [
    'raisedOn: The date the concern was raised must be today or in the past',
  ]);
  assert.deepEqual(await problemsOf(w.services.stability.recordConcern(ctx('team_manager'), placementId, { seriousness: 'extreme' })), [
    'raisedOn: Enter the date the concern was raised',
    'whatWasSeen: Enter what was seen',
    'raisedByRole: Select who raised the concern',
    'raisedByName: Enter the name of the person who raised it',
    'seriousness: Select how serious the concern is',
  ]);
});

test('a Placement Support Meeting: refused until the Virtual School is invited and a new support plan version is reviewed at it; held, it completes the obligation, links the plan and makes the actions tasks; the next concern starts the next', async () => {
  const { childId, placementId } = await newPlacement();
  const s = w.services.planning;
  await w.services.stability.recordConcern(ctx('supervising_social_worker'), placementId, concern());
  const draft = await s.saveDraft(ctx('supervising_social_worker'), placementId, 'psm', 0, { ...MINUTES, attendees: ATTENDEES.slice(0, 3).concat({ name: 'Vic', role: 'child', attendance: 'in_person', reason: '' }) });
  assert.deepEqual(await problemsOf(s.complete(ctx('supervising_social_worker'), placementId, 'psm', draft.version)), [
    'attendees: Record the Virtual School as invited, and if they did not attend, why',
    'supportPlanReview: Complete the initial support plan, reviewed at this meeting, before marking the meeting as held',
  ]);
  const ready = await s.saveDraft(ctx('supervising_social_worker'), placementId, 'psm', draft.version, MINUTES);
  const plan1 = await completeSupportPlan(placementId, 'Evenings are hard');
  const held = await s.complete(ctx('supervising_social_worker'), placementId, 'psm', ready.version);
  assert.equal(held.number, 1);
  assert.equal(held.completedOn, '2026-11-24');
  const [link] = await w.database.db.select({ reviewed: planningDocumentVersion.reviewedVersionId }).from(planningDocumentVersion).where(eq(planningDocumentVersion.id, held.id));
  assert.equal(link?.reviewed, plan1.id, 'the support plan version reviewed at the meeting is linked to it');
  assert.deepEqual(await meetings(placementId), [['1', '2026-11-23', '2026-11-30', '2026-11-24']]);
  const tasks = await w.database.db.select().from(placementTask).where(eq(placementTask.sourceVersionId, held.id));
  assert.deepEqual(tasks.map((t) => [t.description, t.dueOn]), [['Refer to the mentoring service', '2026-12-04']]);

  // A concern after the meeting starts the next one.
  await w.services.stability.recordConcern(ctx('supervising_social_worker'), placementId, concern({ raisedOn: '2026-11-25' }));
  assert.deepEqual(await meetings(placementId), [
    ['1', '2026-11-23', '2026-11-30', '2026-11-24'],
    ['2', '2026-11-25', '2026-12-02', null],
  ]);
  // The second meeting reviews the plan again: the version reviewed at the first does not count.
  const next = await s.saveDraft(ctx('supervising_social_worker'), placementId, 'psm', (await s.get(ctx('supervising_social_worker'), placementId, 'psm')).document!.version, { ...MINUTES, meetingDate: '2026-11-25' });
  assert.match((await problemsOf(s.complete(ctx('supervising_social_worker'), placementId, 'psm', next.version))).join(), /was reviewed at an earlier meeting/);
  const plan2 = await completeSupportPlan(placementId, 'Evenings and school');
  const second = await s.complete(ctx('supervising_social_worker'), placementId, 'psm', next.version);
  assert.equal(second.number, 2);
  const [link2] = await w.database.db.select({ reviewed: planningDocumentVersion.reviewedVersionId }).from(planningDocumentVersion).where(eq(planningDocumentVersion.id, second.id));
  assert.equal(link2?.reviewed, plan2.id);
  assert.equal((await meetings(placementId))[1]?.[3], '2026-11-25');
  const held2 = await w.database.db.select().from(childEvent).where(and(eq(childEvent.childId, childId), eq(childEvent.kind, 'psm_held')));
  assert.equal(held2.length, 2, 'every meeting held records its event');
});

test('a meeting that agrees to meet again: the date must be after it, and the next meeting is due by it', async () => {
  const { placementId } = await newPlacement();
  const s = w.services.planning;
  await w.services.stability.recordConcern(ctx('supervising_social_worker'), placementId, concern());
  await completeSupportPlan(placementId, 'Evenings are hard');
  const early = await s.saveDraft(ctx('supervising_social_worker'), placementId, 'psm', 0, { ...MINUTES, nextMeetingOn: '2026-11-24' });
  assert.deepEqual(await problemsOf(s.complete(ctx('supervising_social_worker'), placementId, 'psm', early.version)), ['nextMeetingOn: The date of the next meeting must be after this meeting']);
  const ready = await s.saveDraft(ctx('supervising_social_worker'), placementId, 'psm', early.version, { ...MINUTES, nextMeetingOn: '2026-12-22' });
  await s.complete(ctx('supervising_social_worker'), placementId, 'psm', ready.version);
  assert.deepEqual(await meetings(placementId), [
    ['1', '2026-11-23', '2026-11-30', '2026-11-24'],
    ['2', '2026-11-24', '2026-12-22', null],
  ]);
});

test('pages: the concern form refuses with an error summary keeping what was typed, records a concern, and the placement and child pages show it with the meeting due', async () => {
  const { childId, placementId } = await newPlacement();
  const ssw = await clients('supervising_social_worker');
  const form = await ssw.get(paths.stability.newConcern(placementId));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /How serious is it\?/);
  const bad = await ssw.post(paths.stability.newConcern(placementId), { whatWasSeen: 'Shouting at night', 'raisedOn-day': '31', 'raisedOn-month': '2', 'raisedOn-year': '2026' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /The date the concern was raised must be a real date/);
  assert.match(bad.body, /Shouting at night/);
  const ok = await ssw.post(paths.stability.newConcern(placementId), {
    'raisedOn-day': '23',
    'raisedOn-month': '11',
    'raisedOn-year': '2026',
    whatWasSeen: 'Shouting at night',
    raisedByRole: 'foster_carer',
    raisedByName: 'Jo Carer',
    seriousness: 'high',
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  assert.equal(ok.headers.location, `${paths.placements.show(placementId)}#stability`);
  const page = await ssw.get(paths.placements.show(placementId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Placement stability/);
  assert.match(page.body, /Shouting at night/);
  assert.match(page.body, /Due by 30 November 2026/);
  const child = await ssw.get(paths.children.show(childId));
  assert.match(child.body, /Concerns about placements/);
  assert.match(child.body, /Shouting at night/);
  const po = await clients('placement_officer');
  assert.equal((await po.get(paths.stability.newConcern(placementId))).statusCode, 403);
  assert.equal((await po.post(paths.stability.newConcern(placementId), { whatWasSeen: 'x' })).statusCode, 403);
});

test('pages: the Placement Support Meeting minutes are a planning record (kind psm): saved, refused with the reasons, held', async () => {
  const { placementId } = await newPlacement();
  await w.services.stability.recordConcern(ctx('supervising_social_worker'), placementId, concern());
  const ssw = await clients('supervising_social_worker');
  const form = await ssw.get(paths.planning.record(placementId, 'psm'));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Placement Support Meeting minutes/);
  const fields: Record<string, string> = { version: '0', 'meetingDate-day': '24', 'meetingDate-month': '11', 'meetingDate-year': '2026', venue: 'carers_home', chair: 'SSW' };
  for (const k of ['concernsDiscussed', 'goingWell', 'notGoingWell', 'supportPlanReview'] as const) fields[k] = MINUTES[k];
  ATTENDEES.forEach((a, i) => Object.entries(a).forEach(([k, v]) => (fields[`attendees.${i}.${k}`] = v)));
  const saved = await ssw.post(paths.planning.record(placementId, 'psm'), fields);
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
  const refused = await ssw.post(paths.planning.complete(placementId, 'psm'), { version: '1' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Complete the initial support plan, reviewed at this meeting/);
  await completeSupportPlan(placementId, 'Evenings');
  const held = await ssw.post(paths.planning.complete(placementId, 'psm'), { version: '1' });
  assert.equal(held.statusCode, 303, held.body.slice(0, 500));
  const page = await ssw.get(paths.placements.show(placementId));
  assert.match(page.body, /1 \(latest on 24 November 2026\)/);
  const pdf = await ssw.get(paths.planning.pdf(placementId, 'psm', 1));
  assert.equal(pdf.headers['content-type'], 'application/pdf');
});

test('API: record and list concerns (precise responses), problems as JSON, refusals; the meeting through the planning API with a stale version refused', async () => {
  const { childId, placementId } = await newPlacement();
  const created = await api('POST', paths.api.placementConcerns(placementId), concern());
  assert.equal(created.statusCode, 201, created.body);
  const c = ConcernResponse.parse(created.json());
  assert.equal(c.raisedByRoleLabel, 'The foster carers (through their supervising social worker)');
  const bad = await api('POST', paths.api.placementConcerns(placementId), concern({ seriousness: 'extreme' }));
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['seriousness']);
  const list = await api('GET', paths.api.placementConcerns(placementId));
  assert.equal(list.statusCode, 200);
  assert.deepEqual(z.array(ConcernResponse).parse(list.json()).map((x) => x.id), [c.id]);
  const ofChild = await api('GET', paths.api.childConcerns(childId));
  assert.equal(z.array(ChildConcernResponse).parse(ofChild.json())[0]?.householdReference, 'HST1');
  const po = await tokenFor(w, 'placement_officer');
  assert.equal((await api('POST', paths.api.placementConcerns(placementId), concern(), po)).statusCode, 403);
  const missing = await api('POST', paths.api.placementConcerns('00000000-0000-4000-8000-000000000000'), concern());
  assert.equal(missing.statusCode, 404);

  const saved = await api('PUT', paths.api.planningRecord(placementId, 'psm'), { version: 0, content: MINUTES });
  assert.equal(saved.statusCode, 200, saved.body);
  const stale = await api('PUT', paths.api.planningRecord(placementId, 'psm'), { version: 0, content: MINUTES });
  assert.equal(stale.statusCode, 409);
  await completeSupportPlan(placementId, 'Evenings');
  const done = await api('POST', paths.api.planningComplete(placementId, 'psm'), { version: 1 });
  assert.equal(done.statusCode, 201, done.body);
  const iro = await tokenFor(w, 'iro');
  assert.equal((await api('PUT', paths.api.planningRecord(placementId, 'psm'), { version: 2, content: MINUTES }, iro)).statusCode, 403);
});

test('the Virtual School: an organisation of its own kind with named contacts; consultations on the child, shown on the child, the placement and the meeting', async () => {
  const { childId, placementId } = await newPlacement();
  const vs = await w.services.organisations.create(ctx('administrator'), { kind: 'virtual_school', name: 'Testford Virtual School' });
  assert.equal(vs.kind, 'virtual_school');
  assert.deepEqual(await problemsOf(w.services.organisations.create(ctx('administrator'), { kind: 'virtual_school', name: 'Other', laCode: '123' })), ['laCode: Only a local authority has an LA code']);
  const head = await w.services.contacts.create(ctx('social_worker'), { fullName: 'Pat Virtual', role: 'Virtual School Head', organisationId: vs.id });
  const schools = await w.services.organisations.virtualSchools();
  assert.deepEqual(schools.find((s) => s.id === vs.id)?.contacts.map((c) => c.fullName), ['Pat Virtual']);
  assert.ok(!(await w.services.organisations.options()).some((o) => o.id === vs.id), 'not offered as a fostering service or an authority');
  const [existing] = await w.database.db.select().from(household).where(eq(household.id, householdId));
  assert.ok(existing);
  assert.deepEqual(
    await problemsOf(w.services.households.update(ctx('team_manager'), householdId, existing.version, { ...existing, carer1FirstName: 'Jo', carer1LastName: 'Carer', fosteringServiceId: vs.id })),
    ['fosteringServiceId: Select the fostering service'],
  );

  const input = { consultedOn: '2026-11-24', virtualSchoolId: vs.id, contactId: head.id, question: 'Would a move mean a change of school?', advice: 'Keep the school place; a mentor for the rest of term' };
  const c = await w.services.stability.recordConsultation(ctx('social_worker'), childId, input);
  assert.equal(c.consultedName, 'Pat Virtual');
  assert.equal(c.virtualSchoolName, 'Testford Virtual School');
  assert.deepEqual(await problemsOf(w.services.stability.recordConsultation(ctx('social_worker'), childId, { ...input, contactId: '', consultedOn: '2026-11-26' })), [
    'contactId: Select who was consulted, or enter their name',
  ]);
  assert.deepEqual(await problemsOf(w.services.stability.recordConsultation(ctx('social_worker'), childId, { ...input, contactId: '', consultedName: 'A teacher', consultedOn: '2026-11-26', virtualSchoolId: w.laId })), [
    'consultedOn: The date of the consultation must be today or in the past',
    'virtualSchoolId: Select the Virtual School from the list',
  ]);
  await assert.rejects(w.services.stability.recordConsultation(ctx('iro'), childId, input), ForbiddenError);

  const sw = await clients('social_worker');
  const form = await sw.get(paths.stability.newConsultation(childId));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Pat Virtual, Virtual School Head \(Testford Virtual School\)/);
  const bad = await sw.post(paths.stability.newConsultation(childId), { virtualSchoolId: vs.id, question: 'Would a move change school?' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter the date of the consultation/);
  assert.match(bad.body, /Would a move change school\?/);
  const ok = await sw.post(paths.stability.newConsultation(childId), { 'consultedOn-day': '25', 'consultedOn-month': '11', 'consultedOn-year': '2026', virtualSchoolId: vs.id, contactId: '', consultedName: 'Sam Teacher', question: 'Transport if the child moves?', advice: 'The Virtual School will fund a taxi for the term' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  const childPage = await sw.get(paths.children.show(childId));
  assert.match(childPage.body, /Consultations with the Virtual School/);
  assert.match(childPage.body, /The Virtual School will fund a taxi for the term/);
  const placementPage = await sw.get(paths.placements.show(placementId));
  assert.match(placementPage.body, /Keep the school place; a mentor for the rest of term/);
  const meeting = await sw.get(paths.planning.record(placementId, 'psm'));
  assert.match(meeting.body, /Consultations with the Virtual School/);
  assert.match(meeting.body, /Sam Teacher/);
  const iro = await clients('iro');
  assert.equal((await iro.get(paths.stability.newConsultation(childId))).statusCode, 403);

  const list = await api('GET', paths.api.childConsultations(childId));
  assert.equal(list.statusCode, 200);
  assert.equal(z.array(ConsultationResponse).parse(list.json()).length, 2);
  const created = await api('POST', paths.api.childConsultations(childId), { ...input, consultedOn: '2026-11-25' });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(ConsultationResponse.parse(created.json()).contactId, head.id);
  const refused = await api('POST', paths.api.childConsultations(childId), { ...input, question: '' });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(refused.json().errors.map((e: { field: string }) => e.field), ['question']);
  assert.equal((await api('POST', paths.api.childConsultations(childId), input, await tokenFor(w, 'iro'))).statusCode, 403);
});
