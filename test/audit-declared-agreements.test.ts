/**
 * Proposal and agreement routes seen succeeding and writing the audit action they declare
 * (test/audit-coverage.ts). The setting is the Concurrent placement agreement procedure's
 * (test/audit-declared-fixtures.ts): carers already caring for Lee (another authority's child,
 * long-term) and Sol (ours, short-term), and proposals put straight into the tables with one agreement
 * requirement per child already placed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { apiCaller, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { actingAs, auditRows, auditSubjects, carersOfTwo, declaredThenRest as declaredFirst, otherAuthority, proposals, type Carers, type Other } from './audit-declared-fixtures.ts';
import { agreementRequirement, appUser, householdDocument, openAgreement, outboundEmail, placementProposal, placementRequest } from '../src/data/schema.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import type { Role } from '../src/domain/access/index.ts';
import { paths } from '../src/http/paths.ts';

/** The real today: requests and answers are stamped with the clock. */
const TODAY = todayInEngland(new Date());
const START = addDays(TODAY, 40);
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

let w: TestWorld;
const ctx = (role: Role) => actingAs(w, role);
const s = () => w.services.proposals;
const as = clientsFor(() => w.app);
const tokens = new Map<Role, string>();
const api = apiCaller(() => w.app, () => '');
const token = (role: Role) => tokens.get(role)!;
const db = () => w.database.db;
const insertChild = childInserter(() => w, (n) => ({ reference: `ADA${n}`, firstName: `Kid${n}`, lastName: 'Declared', dateOfBirth: '2016-05-01', upn: `C${String(100000000000 + n)}` }));
const { proposed: proposedTo, considering: consideringBy } = proposals(() => w, insertChild, { referencePrefix: 'PRD', start: START });
let other: Other;
/** The carers most scenarios propose to; a scenario recording an in-principle agreement on Lee's placement has carers of its own. */
let carers: Carers;
let households = 0;
const newCarers = async () => {
  households += 1;
  return carersOfTwo(w, insertChild, other, { reference: `HADA${households}`, addressLine1: `${households} Declared Row`, postcode: 'TF1 1AD' });
};

before(async () => {
  w = await testWorld({ today: TODAY });
  for (const role of ['supervising_social_worker', 'placement_officer', 'head_of_service'] as const) tokens.set(role, await tokenFor(w, role));
  await db().update(appUser).set({ lineManagerId: w.users.team_manager.userId }).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  other = await otherAuthority(w);
  carers = await newCarers();
});
after(async () => w.close());

const proposed = (firstName: string, urgency: 'planned' | 'emergency' = 'planned') => proposedTo(carers, firstName, urgency);
const considering = (firstName: string) => consideringBy(carers, firstName);
const requirement = async (id: string) => (await db().select().from(agreementRequirement).where(eq(agreementRequirement.id, id)))[0]!;
const proposalRow = async (id: string) => (await db().select().from(placementProposal).where(eq(placementProposal.id, id)))[0]!;
const requestRow = async (id: string) => (await db().select().from(placementRequest).where(eq(placementRequest.id, id)))[0]!;
const filedTitles = async (relatedId: string) => (await db().select().from(householdDocument).where(eq(householdDocument.relatedId, relatedId))).map((d) => d.title);
const mailsAbout = async (relatedId: string) => db().select().from(outboundEmail).where(eq(outboundEmail.relatedId, relatedId));
const written = (res: LightMyRequestResponse) => auditRows(w, res);
const subjects = (res: LightMyRequestResponse) => auditSubjects(w, res);
const declaredThenRest = (res: LightMyRequestResponse, declared: string) => declaredFirst(w, res, declared);

test('pages: the supervising social worker records a written answer; filed, the placement team told, audited as agreement.recorded', async () => {
  const p = await proposed('Ada');
  const c = await as('supervising_social_worker');
  const form = await c.get(paths.agreements.record(p.short.id));
  assert.equal(form.statusCode, 200);
  const res = await c.post(paths.agreements.record(p.short.id), {
    version: String(p.short.version),
    outcome: 'agreed',
    ...dateFields('respondedOn', TODAY),
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
  const mails = await mailsAbout(p.short.id);
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
  assert.deepEqual(await subjects(preview), [['proposal.viewed', 'agreement', p.long.id]]);

  const sent = await api('POST', paths.api.agreementAction(p.long.id, 'request'), { version: shown.version, confirm: 'yes' }, ssw);
  assert.equal(sent.statusCode, 200, sent.body);
  assert.deepEqual(sent.json(), { ok: true });
  const requested = await requirement(p.long.id);
  assert.equal(requested.status, 'requested');
  assert.ok(requested.requestedAt);
  const [mail] = await mailsAbout(p.long.id);
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
    ...dateFields('informedOn', TODAY),
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
  assert.deepEqual(await subjects(res), [['proposal.withdrawn', 'proposal', viaPage.proposal.id]]);

  const viaApi = await considering('Fay');
  const out = await api('POST', paths.api.proposalAction(viaApi.proposal.id, 'withdraw'), { version: viaApi.proposal.version, reason: 'A better match was found' }, token('placement_officer'));
  assert.equal(out.statusCode, 200, out.body);
  assert.deepEqual(out.json(), { ok: true });
  const apiRow = await proposalRow(viaApi.proposal.id);
  assert.deepEqual([apiRow.status, apiRow.withdrawnReason], ['withdrawn', 'A better match was found']);
  assert.deepEqual(await subjects(out), [['proposal.withdrawn', 'proposal', viaApi.proposal.id]]);
});

test('pages: a week without an answer, the placement officer sends the reminders now; Remi and the SSW are reminded, filed, audited as agreement.reminded', async () => {
  const p = await proposed('Gus');
  // The SSW asked Remi for agreement by secure link a week ago; no answer has come.
  await s().requestAgreement(ctx('supervising_social_worker'), p.long.id, p.long.version, { confirm: 'yes' });
  await db().update(agreementRequirement).set({ requestedAt: new Date(Date.now() - 7 * 24 * 3600 * 1000) }).where(eq(agreementRequirement.id, p.long.id));
  const c = await as('placement_officer');
  const page = await c.get(paths.proposals.show(p.proposal.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Send reminders for unanswered requests now/);
  const res = await c.post(paths.proposals.chase(p.proposal.id));
  assert.equal(res.statusCode, 303, res.body.slice(0, 1500));
  assert.equal(res.headers.location, paths.proposals.show(p.proposal.id));
  const chased = await requirement(p.long.id);
  assert.equal(chased.remindersSent, 1);
  assert.ok(chased.lastReminderAt, 'the reminder is dated');
  assert.equal(chased.status, 'requested', 'still waiting for the answer');
  const reminder = (await mailsAbout(p.long.id)).find((m) => /^Reminder/.test(m.subject));
  assert.deepEqual(reminder?.toAddresses, ['remi.other@otherborough.test', 'supervising_social_worker@test.hearth.test'], 'the other social worker and the SSW');
  assert.ok((await filedTitles(p.long.id)).some((t) => t.startsWith('Reminder 1 about the agreement for')), 'filed on the carers’ file');
  assert.equal((await requirement(p.short.id)).remindersSent, 0, 'Sol’s agreement was never asked for, so not chased');
  assert.deepEqual(await declaredThenRest(res, 'agreement.reminded'), ['agreement.reminded', 'document.uploaded', 'email.sent']);
  const reminded = (await written(res)).find((r) => r.action === 'agreement.reminded')!;
  assert.deepEqual([reminded.subjectType, reminded.subjectId, reminded.details.reminder], ['agreement', p.long.id, 1]);
});

test('pages: the SSW records the in-principle agreement Remi gave for Lee’s placement, then e-mails Remi the notice of this proposal; each audited as declared', async () => {
  const own = await newCarers();
  const p = await proposedTo(own, 'Hal');
  const c = await as('supervising_social_worker');
  const page = await c.get(paths.agreements.open(p.long.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Record the in-principle agreement/);
  const givenOn = addDays(TODAY, -30);
  const recorded = await c.post(paths.agreements.openRecord(p.long.id), {
    version: String(p.long.version),
    ...dateFields('givenOn', givenOn),
    givenByName: 'Remi Other',
    givenByRole: 'Social worker, Otherborough Council',
    onBehalfReason: '',
    correspondence: 'Lee is settled for the long term; I agree in principle to other children being placed with his carers.',
  });
  assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 1500));
  assert.equal(recorded.headers.location, paths.agreements.open(p.long.id));
  const [oa] = await db().select().from(openAgreement).where(eq(openAgreement.existingPlacementId, own.longPlacement));
  assert.ok(oa, 'recorded on Lee’s placement');
  assert.deepEqual([oa.givenOn, oa.givenByName, oa.withdrawnOn, oa.householdId], [givenOn, 'Remi Other', null, own.householdId]);
  assert.ok(oa.documentId, 'the correspondence is filed');
  assert.ok((await filedTitles(p.long.id)).some((t) => t.startsWith('In-principle agreement from Remi Other about Lee')), 'filed on the carers’ file');
  assert.equal((await requirement(p.long.id)).status, 'not_requested', 'this proposal still has to use it');
  assert.deepEqual(await declaredThenRest(recorded, 'agreement.open.recorded'), ['agreement.open.recorded', 'document.uploaded']);
  const recordedRow = (await written(recorded)).find((r) => r.action === 'agreement.open.recorded')!;
  assert.deepEqual([recordedRow.subjectType, recordedRow.subjectId, recordedRow.details.requirementId], ['open_agreement', oa.id, p.long.id]);

  // "We still have a duty to inform the social worker … that another child will be placed."
  const shown = await c.get(paths.agreements.open(p.long.id));
  assert.match(shown.body, /Send the notice by e-mail/);
  const before = await requirement(p.long.id);
  const notice = await c.post(paths.agreements.openNotice(p.long.id), { version: String(before.version) });
  assert.equal(notice.statusCode, 303, notice.body.slice(0, 1500));
  assert.equal(notice.headers.location, paths.agreements.open(p.long.id));
  const after = await requirement(p.long.id);
  assert.ok(after.noticeSentAt, 'the notice is dated');
  assert.equal(after.version, before.version + 1);
  const mail = (await mailsAbout(p.long.id)).find((m) => /^Notice/.test(m.subject));
  assert.deepEqual(mail?.toAddresses, ['remi.other@otherborough.test']);
  assert.ok((await filedTitles(p.long.id)).some((t) => t.startsWith('Notice of this placement sent to Remi Other')));
  assert.deepEqual(await declaredThenRest(notice, 'agreement.notice.sent'), ['agreement.notice.sent', 'document.uploaded', 'email.sent']);
  const noticeRow = (await written(notice)).find((r) => r.action === 'agreement.notice.sent')!;
  assert.deepEqual([noticeRow.subjectType, noticeRow.subjectId, noticeRow.details.openAgreementId], ['agreement', p.long.id, oa.id]);
  assert.match((await c.get(paths.agreements.open(p.long.id))).body, /Send the notice again/);
});

test('the API records the in-principle agreement on Lee’s placement and sends the notice of this proposal; each audited as declared', async () => {
  const own = await newCarers();
  const p = await proposedTo(own, 'Ivy');
  const ssw = token('supervising_social_worker');
  const givenOn = addDays(TODAY, -10);
  const created = await api(
    'POST',
    paths.api.agreementAction(p.long.id, 'open-agreement'),
    { version: p.long.version, givenOn, givenByName: 'Remi Other', givenByRole: 'Social worker, Otherborough Council', correspondence: 'By e-mail: I agree in principle to another child joining Lee’s carers.' },
    ssw,
  );
  assert.equal(created.statusCode, 201, created.body);
  const { id: openId } = created.json() as { id: string };
  const [oa] = await db().select().from(openAgreement).where(and(eq(openAgreement.id, openId), eq(openAgreement.existingPlacementId, own.longPlacement)));
  assert.deepEqual([oa?.givenOn, oa?.givenByRole], [givenOn, 'Social worker, Otherborough Council']);
  assert.deepEqual(await declaredThenRest(created, 'agreement.open.recorded'), ['agreement.open.recorded', 'document.uploaded']);
  assert.deepEqual((await written(created)).find((r) => r.action === 'agreement.open.recorded')?.subjectId, openId);

  const view = await api('GET', paths.api.agreementAction(p.long.id, 'open-agreement'), undefined, ssw);
  assert.equal(view.statusCode, 200, view.body);
  const shown = view.json() as { version: number; stands: boolean; openAgreement: { id: string } | null; noticeSentAt: string | null; may: { notice: boolean } };
  assert.deepEqual([shown.stands, shown.openAgreement?.id, shown.noticeSentAt, shown.may.notice], [true, openId, null, true]);

  const sent = await api('POST', paths.api.agreementAction(p.long.id, 'notice'), { version: shown.version }, ssw);
  assert.equal(sent.statusCode, 200, sent.body);
  assert.deepEqual(sent.json(), { ok: true });
  assert.ok((await requirement(p.long.id)).noticeSentAt);
  const mail = (await mailsAbout(p.long.id)).find((m) => /^Notice/.test(m.subject));
  assert.deepEqual(mail?.toAddresses, ['remi.other@otherborough.test']);
  assert.doesNotMatch(mail!.bodyText, /Ivy/, 'the child proposed is anonymised');
  assert.deepEqual(await declaredThenRest(sent, 'agreement.notice.sent'), ['agreement.notice.sent', 'document.uploaded', 'email.sent']);
});
