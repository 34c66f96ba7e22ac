/**
 * Proposal and agreement routes seen succeeding and writing the audit action they declare
 * (test/audit-coverage.ts). The fixture is test/agreements.test.ts's: a household with Lee (another
 * authority's child, long-term) and Sol (ours, short-term) already placed, and proposals put straight
 * into the tables with one agreement requirement per child already placed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { apiCaller, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import {
  agreementRequirement,
  appUser,
  auditEvent,
  externalContact,
  household,
  householdDocument,
  householdMember,
  openAgreement,
  organisation,
  outboundEmail,
  placement,
  placementProposal,
  placementRequest,
} from '../src/data/schema.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { paths } from '../src/http/paths.ts';

/** The real today: requests and answers are stamped with the clock. */
const TODAY = todayInEngland(new Date());
const START = addDays(TODAY, 40);
const [Y, M, D] = TODAY.split('-') as [string, string, string];

let w: TestWorld;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const s = () => w.services.proposals;
const as = clientsFor(() => w.app);
const tokens = new Map<Role, string>();
const api = apiCaller(() => w.app, () => '');
const ids = { hh: '', otherLa: '', contact: '', longKid: '', longPlacement: '', shortKid: '', shortPlacement: '' };
let seq = 0;

const insertChild = childInserter(() => w, (n) => ({ reference: `ADA${n}`, firstName: `Kid${n}`, lastName: 'Declared', dateOfBirth: '2016-05-01', upn: `C${String(100000000000 + n)}` }));
const db = () => w.database.db;

before(async () => {
  w = await testWorld({ today: TODAY });
  for (const role of ['supervising_social_worker', 'placement_officer', 'head_of_service'] as const) tokens.set(role, await tokenFor(w, role));
  await db().update(appUser).set({ lineManagerId: w.users.team_manager.userId }).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  const [other] = await db().insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '993' }).returning();
  ids.otherLa = other!.id;
  const [contact] = await db()
    .insert(externalContact)
    .values({ fullName: 'Remi Other', role: 'Social worker', organisationId: other!.id, organisationName: 'Otherborough Council', email: 'remi.other@otherborough.test' })
    .returning();
  ids.contact = contact!.id;
  const [h] = await db()
    .insert(household)
    .values({
      reference: 'HADA1',
      addressLine1: '9 Declared Row',
      town: 'Testford',
      postcode: 'TF1 1AD',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 3,
      placementKinds: ['short_term', 'long_term'],
    })
    .returning();
  ids.hh = h!.id;
  await db().insert(householdMember).values({ householdId: h!.id, kind: 'carer', firstName: 'Jo', lastName: 'Carer', position: 1 });
  const longKid = await insertChild({ firstName: 'Lee', responsibleAuthorityId: other!.id, socialWorkerId: null, externalSocialWorkerId: contact!.id });
  const shortKid = await insertChild({ firstName: 'Sol' });
  ids.longKid = longKid.id;
  ids.shortKid = shortKid.id;
  const [lp] = await db().insert(placement).values({ childId: longKid.id, householdId: h!.id, startDate: '2024-01-08', placementType: 'U1', status: 'active', kind: 'long_term' }).returning();
  const [sp] = await db().insert(placement).values({ childId: shortKid.id, householdId: h!.id, startDate: '2025-03-03', placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  ids.longPlacement = lp!.id;
  ids.shortPlacement = sp!.id;
});
after(async () => w.close());

const token = (role: Role) => tokens.get(role)!;

/** A household proposed for a new child today: its two agreement requirements (Lee's and Sol's). */
async function proposed(firstName: string, urgency: 'planned' | 'emergency' = 'planned') {
  seq += 1;
  const kid = await insertChild({ firstName });
  const [r] = await db().insert(placementRequest).values({ reference: `PRD${seq}`, childId: kid.id, status: 'proposed', urgency, kind: 'short_term', neededBy: START }).returning();
  const [p] = await db().insert(placementProposal).values({ requestId: r!.id, householdId: ids.hh, status: 'proposed', proposedStart: START, proposedAt: new Date() }).returning();
  const [long] = await db()
    .insert(agreementRequirement)
    .values({ proposalId: p!.id, existingChildId: ids.longKid, existingPlacementId: ids.longPlacement, placingAuthorityId: ids.otherLa, socialWorkerContactId: ids.contact })
    .returning();
  const [short] = await db()
    .insert(agreementRequirement)
    .values({ proposalId: p!.id, existingChildId: ids.shortKid, existingPlacementId: ids.shortPlacement, placingAuthorityId: w.laId, socialWorkerUserId: w.users.social_worker.userId })
    .returning();
  return { requestId: r!.id, proposal: p!, long: long!, short: short! };
}

/** A household still being considered for a new child (not yet proposed: no agreements asked for). */
async function considering(firstName: string) {
  seq += 1;
  const kid = await insertChild({ firstName });
  const [r] = await db().insert(placementRequest).values({ reference: `PRD${seq}`, childId: kid.id, status: 'matching', urgency: 'planned', kind: 'short_term', neededBy: START }).returning();
  const [p] = await db().insert(placementProposal).values({ requestId: r!.id, householdId: ids.hh, status: 'considering' }).returning();
  return { requestId: r!.id, proposal: p! };
}

const requirement = async (id: string) => (await db().select().from(agreementRequirement).where(eq(agreementRequirement.id, id)))[0]!;
const proposalRow = async (id: string) => (await db().select().from(placementProposal).where(eq(placementProposal.id, id)))[0]!;
const requestRow = async (id: string) => (await db().select().from(placementRequest).where(eq(placementRequest.id, id)))[0]!;
const filedTitles = async (relatedId: string) => (await db().select().from(householdDocument).where(eq(householdDocument.relatedId, relatedId))).map((d) => d.title);

async function written(res: LightMyRequestResponse) {
  const id = res.headers['x-request-id'];
  assert.equal(typeof id, 'string', 'the answer carries its request id');
  const rows = await db().select().from(auditEvent).where(eq(auditEvent.correlationId, id as string)).orderBy(auditEvent.id);
  return rows.map((r) => ({ action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, details: r.details }));
}

/** The written actions, the declared one first and then the rest sorted (their order is the use case's business). */
async function declaredThenRest(res: LightMyRequestResponse, declared: string) {
  const acts = (await written(res)).map((r) => r.action);
  assert.ok(acts.includes(declared), `declared ${declared}, wrote ${acts.join(', ') || 'nothing'}`);
  return [declared, ...acts.filter((a) => a !== declared).sort()];
}

test('pages: the supervising social worker records a written answer; filed, the placement team told, audited as agreement.recorded', async () => {
  const p = await proposed('Ada');
  const c = await as('supervising_social_worker');
  const form = await c.get(paths.agreements.record(p.short.id));
  assert.equal(form.statusCode, 200);
  const res = await c.post(paths.agreements.record(p.short.id), {
    version: String(p.short.version),
    outcome: 'agreed',
    'respondedOn-day': D,
    'respondedOn-month': M,
    'respondedOn-year': Y,
    responderName: 'Test social worker',
    responderRole: 'Social worker, Testshire',
    onBehalfReason: '',
    correspondence: 'I agree to a second child joining these carers.',
    comments: '',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  assert.equal(res.headers.location, paths.proposals.show(p.proposal.id));
  const row = await requirement(p.short.id);
  assert.equal(row.status, 'agreed');
  assert.equal(row.respondedOn, TODAY);
  assert.equal(row.responderName, 'Test social worker');
  assert.equal((await filedTitles(p.short.id)).length, 1, 'the letter is filed on the carers’ file');
  const mails = await db().select().from(outboundEmail).where(eq(outboundEmail.relatedId, p.short.id));
  assert.ok(mails.some((m) => m.toAddresses.includes('placement_officer@test.hearth.test')), 'the placement team is told');
  // The form's page reads the preview again (a view) before recording.
  assert.deepEqual(await declaredThenRest(res, 'agreement.recorded'), ['agreement.recorded', 'document.uploaded', 'email.sent', 'proposal.viewed']);
  const recorded = (await written(res)).find((r) => r.action === 'agreement.recorded')!;
  assert.deepEqual([recorded.subjectType, recorded.subjectId], ['agreement', p.short.id]);
});

test('the API previews a request for agreement, sends it by secure link, and a placement officer marks the answer seen', async () => {
  const p = await proposed('Bea');
  const ssw = token('supervising_social_worker');
  const preview = await api('GET', paths.api.agreementAction(p.long.id, 'preview'), undefined, ssw);
  assert.equal(preview.statusCode, 200, preview.body);
  const shown = preview.json() as { requirementId: string; version: number; to: string; socialWorker: string; summary: string };
  assert.deepEqual([shown.requirementId, shown.to, shown.socialWorker], [p.long.id, 'remi.other@otherborough.test', 'Remi Other']);
  assert.ok(shown.summary.length > 0);
  assert.deepEqual((await written(preview)).map((r) => [r.action, r.subjectType, r.subjectId]), [['proposal.viewed', 'agreement', p.long.id]]);

  const sent = await api('POST', paths.api.agreementAction(p.long.id, 'request'), { version: shown.version, confirm: 'yes' }, ssw);
  assert.equal(sent.statusCode, 200, sent.body);
  assert.deepEqual(sent.json(), { ok: true });
  const requested = await requirement(p.long.id);
  assert.equal(requested.status, 'requested');
  assert.ok(requested.requestedAt);
  const [mail] = await db().select().from(outboundEmail).where(eq(outboundEmail.relatedId, p.long.id));
  assert.deepEqual(mail?.toAddresses, ['remi.other@otherborough.test']);
  const acts = await declaredThenRest(sent, 'agreement.requested');
  assert.ok(acts.every((a) => ['agreement.requested', 'email.sent', 'document.uploaded'].includes(a)), acts.join(', '));
  assert.ok(acts.includes('email.sent'));

  // The answer comes in (recorded by the SSW); a placement officer marks it seen through the API.
  await s().recordAgreement(ctx('supervising_social_worker'), p.short.id, p.short.version, {
    outcome: 'declined',
    respondedOn: TODAY,
    responderName: 'Test social worker',
    responderRole: 'Social worker, Testshire',
    correspondence: 'I do not agree: Sol needs time alone with the carers.',
  });
  const answered = await requirement(p.short.id);
  assert.equal(answered.answerSeenAt, null);
  const seen = await api('POST', paths.api.agreementAction(p.short.id, 'acknowledge'), { version: answered.version }, token('placement_officer'));
  assert.equal(seen.statusCode, 200, seen.body);
  const after = await requirement(p.short.id);
  assert.ok(after.answerSeenAt);
  assert.equal(after.answerSeenBy, w.users.placement_officer.userId);
  const rows = await written(seen);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['agreement.answer.acknowledged', 'agreement', p.short.id]]);
  assert.equal(rows[0]!.details.status, 'declined');
});

test('pages: the standing in-principle agreement is used for a proposal, then withdrawn; each audited as declared', async () => {
  const p = await proposed('Cal');
  const { id: openId } = await s().recordOpenAgreement(ctx('supervising_social_worker'), p.long.id, p.long.version, {
    givenOn: addDays(TODAY, -30),
    givenByName: 'Remi Other',
    givenByRole: 'Social worker, Otherborough',
    correspondence: 'I agree in principle to other children being placed with Lee’s carers.',
  });
  const c = await as('supervising_social_worker');
  const page = await c.get(paths.agreements.open(p.long.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Use the in-principle agreement for this proposal/);
  const before = await requirement(p.long.id);
  const used = await c.post(paths.agreements.openUse(p.long.id), {
    version: String(before.version),
    'informedOn-day': D,
    'informedOn-month': M,
    'informedOn-year': Y,
    specificConsentAsked: 'no',
  });
  assert.equal(used.statusCode, 303, used.body.slice(0, 1500));
  assert.equal(used.headers.location, paths.agreements.open(p.long.id));
  const agreed = await requirement(p.long.id);
  assert.deepEqual([agreed.status, agreed.method, agreed.openAgreementId, agreed.informedOn], ['agreed', 'open_agreement', openId, TODAY]);
  const usedActs = await declaredThenRest(used, 'agreement.recorded');
  assert.ok(usedActs.every((a) => ['agreement.recorded', 'document.uploaded', 'email.sent'].includes(a)), usedActs.join(', '));
  assert.ok(usedActs.includes('document.uploaded'), 'filed on the carers’ file');

  // Withdrawn: the proposal it agreed needs written agreement again.
  const [oa] = await db().select().from(openAgreement).where(eq(openAgreement.id, openId));
  await c.get(paths.agreements.open(p.long.id));
  const withdrawn = await c.post(paths.agreements.openWithdraw(p.long.id), {
    version: String(oa!.version),
    'withdrawnOn-day': '',
    'withdrawnOn-month': '',
    'withdrawnOn-year': '',
    reason: 'Remi withdrew it by e-mail',
  });
  assert.equal(withdrawn.statusCode, 303, withdrawn.body.slice(0, 1500));
  const [gone] = await db().select().from(openAgreement).where(eq(openAgreement.id, openId));
  assert.equal(gone?.withdrawnOn, TODAY);
  assert.equal(gone?.withdrawnReason, 'Remi withdrew it by e-mail');
  assert.equal((await requirement(p.long.id)).status, 'not_requested');
  const rows = await written(withdrawn);
  const withdrawnRow = rows.find((r) => r.action === 'agreement.open.withdrawn');
  assert.deepEqual([withdrawnRow?.subjectType, withdrawnRow?.subjectId], ['open_agreement', openId]);
  assert.deepEqual(withdrawnRow?.details.requirementsReopened, [p.long.id]);
  assert.ok(rows.every((r) => ['agreement.open.withdrawn', 'document.uploaded', 'email.sent', 'proposal.viewed'].includes(r.action)), rows.map((r) => r.action).join(', '));
});

test('pages: a head of service authorises an emergency placement to start before every written agreement is in', async () => {
  const p = await proposed('Dex', 'emergency');
  const c = await as('head_of_service');
  const page = await c.get(paths.proposals.show(p.proposal.id));
  assert.equal(page.statusCode, 200);
  const res = await c.post(paths.proposals.override(p.proposal.id), { version: String(p.proposal.version), reason: 'Emergency out of hours; Remi unreachable until Monday' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  assert.equal(res.headers.location, paths.proposals.show(p.proposal.id));
  const row = await proposalRow(p.proposal.id);
  assert.equal(row.overrideReason, 'Emergency out of hours; Remi unreachable until Monday');
  assert.equal(row.overrideBy, w.users.head_of_service.userId);
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['agreement.overridden', 'proposal', p.proposal.id]]);
});

test('pages and API: a household still being considered is withdrawn, audited as proposal.withdrawn', async () => {
  // Only a household still being considered: withdrawing one already proposed also moves the request back to
  // matching (request.status-changed), which proposal.withdrawn does not list in ACTION_CONSEQUENCES.
  const viaPage = await considering('Eli');
  const c = await as('placement_officer');
  await c.get(paths.proposals.show(viaPage.proposal.id));
  const res = await c.post(paths.proposals.withdraw(viaPage.proposal.id), { version: String(viaPage.proposal.version), reason: 'The carers are no longer available' });
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  const row = await proposalRow(viaPage.proposal.id);
  assert.deepEqual([row.status, row.withdrawnReason], ['withdrawn', 'The carers are no longer available']);
  assert.equal((await requestRow(viaPage.requestId)).status, 'matching', 'the request is still being matched');
  assert.deepEqual((await written(res)).map((r) => [r.action, r.subjectType, r.subjectId]), [['proposal.withdrawn', 'proposal', viaPage.proposal.id]]);

  const viaApi = await considering('Fay');
  const out = await api('POST', paths.api.proposalAction(viaApi.proposal.id, 'withdraw'), { version: viaApi.proposal.version, reason: 'A better match was found' }, token('placement_officer'));
  assert.equal(out.statusCode, 200, out.body);
  assert.deepEqual(out.json(), { ok: true });
  const apiRow = await proposalRow(viaApi.proposal.id);
  assert.deepEqual([apiRow.status, apiRow.withdrawnReason], ['withdrawn', 'A better match was found']);
  assert.deepEqual((await written(out)).map((r) => [r.action, r.subjectType, r.subjectId]), [['proposal.withdrawn', 'proposal', viaApi.proposal.id]]);
});
