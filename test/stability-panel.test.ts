import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { legalStatus, outboundEmail, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import { PanelReferralResponse, PanelReferralView, PanelReferralsResponse, PanelSittingResponse } from '../src/api/stability-panel.ts';

// Wednesday 25 November 2026; the placements started on Monday 2 November.
const TODAY = '2026-11-25';
const START = '2026-11-02';

let w: TestWorld;
let token = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `SP${n}`, firstName: `Panel${n}`, lastName: 'Test', dateOfBirth: '2013-05-01' }));
let householdId = '';

async function newPlacement() {
  const c = await insertChild();
  await w.database.db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: START });
  const [p] = await w.database.db.insert(placement).values({ childId: c.id, householdId, startDate: START, placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  return { childId: c.id, placementId: p!.id };
}

const REFERRAL = { referredOn: '2026-11-20', reason: 'The placement needs therapeutic support to hold', serviceSought: 'Weekly therapeutic support for the child and carers', tried: 'Two Placement Support Meetings; mentoring' };
const SITTING = { sitsOn: '2026-11-24', members: 'Head of service (chair); two team managers', virtualSchoolAttendee: 'Pat Virtual, Virtual School Head' };


before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'team_manager');
  householdId = await approvedHousehold(w, { reference: 'HSP1', addressLine1: '3 Panel Road' });
});
after(async () => w.close());

test('referral → sitting with the Virtual School → decision: actions become the owners\' tasks on My work, the social worker reviews it, and the decision is e-mailed to the SW and SSW', async () => {
  const { childId, placementId } = await newPlacement();
  const s = w.services.panel;
  await assert.rejects(s.refer(ctx('supervising_social_worker'), placementId, REFERRAL), ForbiddenError);
  assert.deepEqual(await problemsOf(s.refer(ctx('social_worker'), placementId, { ...REFERRAL, referredOn: '2026-11-26' })), ['referredOn: The date of the referral must be today or in the past']);
  const r = await s.refer(ctx('social_worker'), placementId, REFERRAL);
  assert.deepEqual([r.status, r.referredByName, r.child.reference], ['referred', 'Test social worker', 'SP1']);

  // A decision before the case is on an agenda is refused.
  const decision = {
    serviceAgreed: 'Twelve sessions of therapeutic support',
    fundedBy: "Children's services",
    decision: 'Agreed: essential to the placement’s stability',
    reviewOn: '2027-02-24',
    actions: [{ description: 'Refer to the therapy service', ownerUserId: w.users.supervising_social_worker.userId, dueOn: '2026-12-01' }],
  };
  assert.deepEqual(await problemsOf(s.decide(ctx('team_manager'), r.id, r.version, decision)), ['form: Put the case on the agenda of a panel sitting first']);
  await assert.rejects(s.recordSitting(ctx('social_worker'), { ...SITTING, referralIds: [r.id] }), ForbiddenError);
  const sitting = await s.recordSitting(ctx('team_manager'), { ...SITTING, referralIds: [r.id] });
  assert.deepEqual(sitting.agenda.map((a) => [a.id, a.status]), [[r.id, 'on_agenda']]);
  assert.deepEqual(await problemsOf(s.recordSitting(ctx('team_manager'), { ...SITTING, referralIds: [r.id] })), ['referralIds: Select only cases waiting for the panel']);

  const onAgenda = await s.referral(ctx('team_manager'), r.id);
  assert.deepEqual(await problemsOf(s.decide(ctx('team_manager'), r.id, onAgenda.version, { ...decision, actions: [{ ...decision.actions[0]!, ownerUserId: '00000000-0000-4000-8000-000000000000' }] })), [
    'actions.0.ownerUserId: Action 1: select who owns the action',
  ]);
  const decided = await s.decide(ctx('team_manager'), r.id, onAgenda.version, decision);
  assert.deepEqual([decided.status, decided.decidedOn, decided.reviewOn, decided.fundedBy], ['decided', '2026-11-24', '2027-02-24', "Children's services"]);
  assert.deepEqual(
    decided.tasks.map((t) => [t.ownerUserId, t.dueOn]),
    [
      [w.users.supervising_social_worker.userId, '2026-12-01'],
      [w.users.social_worker.userId, '2027-02-24'],
    ],
  );
  const sswWork = await w.services.planning.openTasksFor(ctx('supervising_social_worker'), w.users.supervising_social_worker.userId);
  assert.ok(sswWork.some((t) => t.description === 'Placement Stability Panel: Refer to the therapy service' && t.childId === childId), "on the owner's My work");
  // The owner opens the task from My work and marks it done, as any action.
  const task = sswWork.find((t) => t.description === 'Placement Stability Panel: Refer to the therapy service')!;
  const ssw = await clients('supervising_social_worker');
  const myWork = await ssw.get(paths.obligations.myWork);
  assert.match(myWork.body, /Placement Stability Panel: Refer to the therapy service/);
  const taskPage = await ssw.get(paths.planning.task(task.id));
  assert.equal(taskPage.statusCode, 200);
  const mails = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, r.id));
  assert.equal(mails.length, 1);
  assert.deepEqual([...mails[0]!.toAddresses].sort(), [w.users.social_worker.email, w.users.supervising_social_worker.email].sort());
  assert.match(mails[0]!.bodyText, /Service agreed: Twelve sessions of therapeutic support/);
  assert.deepEqual(await problemsOf(s.decide(ctx('team_manager'), r.id, decided.version, decision)), ['form: The panel has already decided on this case']);
});

test('API: refer, list, record a sitting, decide, read (precise responses); problems and refusals', async () => {
  const { childId, placementId } = await newPlacement();
  const sw = await tokenFor(w, 'social_worker');
  const bad = await api('POST', paths.api.placementPanelReferrals(placementId), { ...REFERRAL, serviceSought: '' }, sw);
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['serviceSought']);
  const created = await api('POST', paths.api.placementPanelReferrals(placementId), REFERRAL, sw);
  assert.equal(created.statusCode, 201, created.body);
  const r = PanelReferralResponse.parse(created.json());
  const waiting = await api('GET', `${paths.api.panelReferrals}?status=referred`);
  assert.equal(waiting.statusCode, 200);
  assert.ok(PanelReferralsResponse.parse(waiting.json()).some((x) => x.id === r.id));
  const ofChild = PanelReferralsResponse.parse((await api('GET', `${paths.api.panelReferrals}?childId=${childId}`)).json());
  assert.deepEqual(ofChild.map((x) => x.id), [r.id]);
  assert.equal((await api('POST', paths.api.panelSittings, { ...SITTING, referralIds: [r.id] }, sw)).statusCode, 403);
  const sat = await api('POST', paths.api.panelSittings, { ...SITTING, referralIds: [r.id] });
  assert.equal(sat.statusCode, 201, sat.body);
  const sitting = PanelSittingResponse.parse(sat.json());
  assert.equal(PanelSittingResponse.parse((await api('GET', paths.api.panelSitting(sitting.id))).json()).agenda.length, 1);
  const current = PanelReferralView.parse((await api('GET', paths.api.panelReferral(r.id))).json());
  const stale = await api('POST', paths.api.panelDecision(r.id), { serviceAgreed: 'None', fundedBy: 'Not applicable', decision: 'Not agreed', reviewOn: '2027-01-06', version: current.version + 1 });
  assert.equal(stale.statusCode, 409);
  const done = await api('POST', paths.api.panelDecision(r.id), { serviceAgreed: 'None', fundedBy: 'Not applicable', decision: 'Not agreed: the support plan already holds this', reviewOn: '2027-01-06', version: current.version });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(PanelReferralView.parse(done.json()).tasks.length, 1, 'the review is a task even with no actions');
});

test("pages: refer from the placement, record a sitting with the agenda, the decision form keeps what was typed; the panel's page lists the cases", async () => {
  const { placementId } = await newPlacement();
  const sw = await clients('social_worker');
  const placementPage = await sw.get(paths.placements.show(placementId));
  assert.match(placementPage.body, /Refer to the Placement Stability Panel/);
  const form = await sw.get(paths.panel.refer(placementId));
  assert.equal(form.statusCode, 200);
  const bad = await sw.post(paths.panel.refer(placementId), { reason: 'Needs therapy' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter the service sought/);
  assert.match(bad.body, /Needs therapy/);
  const ok = await sw.post(paths.panel.refer(placementId), { ...REFERRAL, 'referredOn-day': '20', 'referredOn-month': '11', 'referredOn-year': '2026' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  const referralUrl = ok.headers.location as string;
  const id = referralUrl.split('/').at(-1)!;

  const tm = await clients('team_manager');
  const home = await tm.get(paths.panel.home);
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Cases waiting for a sitting/);
  const sittingForm = await tm.get(paths.panel.newSitting);
  assert.match(sittingForm.body, new RegExp(`value="${id}"`));
  const noCase = await tm.post(paths.panel.newSitting, { ...SITTING, 'sitsOn-day': '24', 'sitsOn-month': '11', 'sitsOn-year': '2026' });
  assert.equal(noCase.statusCode, 400);
  assert.match(noCase.body, /Select at least one referred case for the agenda/);
  const sat = await tm.post(paths.panel.newSitting, { ...SITTING, 'sitsOn-day': '24', 'sitsOn-month': '11', 'sitsOn-year': '2026', referralIds: id });
  assert.equal(sat.statusCode, 303, sat.body.slice(0, 500));
  const sittingPage = await tm.get(sat.headers.location as string);
  assert.match(sittingPage.body, /Pat Virtual, Virtual School Head/);
  assert.match(sittingPage.body, /Agenda/);

  const decisionForm = await tm.get(paths.panel.decide(id));
  assert.equal(decisionForm.statusCode, 200);
  const badDecision = await tm.post(paths.panel.decide(id), { version: '2', serviceAgreed: 'Therapy', fundedBy: 'CS', decision: 'Agreed', 'reviewOn-day': '24', 'reviewOn-month': '2', 'reviewOn-year': '2027', action1Description: 'Refer', action1Owner: '' });
  assert.equal(badDecision.statusCode, 400);
  assert.match(badDecision.body, /href="#action1Owner"/);
  const decided = await tm.post(paths.panel.decide(id), {
    version: '2',
    serviceAgreed: 'Therapy',
    fundedBy: 'CS',
    decision: 'Agreed at panel',
    'reviewOn-day': '24',
    'reviewOn-month': '2',
    'reviewOn-year': '2027',
    action1Description: 'Refer to the therapy service',
    action1Owner: w.users.supervising_social_worker.userId,
    'action1DueOn-day': '1',
    'action1DueOn-month': '12',
    'action1DueOn-year': '2026',
  });
  assert.equal(decided.statusCode, 303, decided.body.slice(0, 800));
  const shown = await sw.get(referralUrl);
  assert.match(shown.body, /Agreed at panel/);
  assert.match(shown.body, /Placement Stability Panel: Refer to the therapy service/);
  assert.equal((await sw.get(paths.panel.decide(id))).statusCode, 403);
  assert.equal((await (await clients('iro')).get(paths.panel.refer(placementId))).statusCode, 403);
});
