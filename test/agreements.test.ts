/**
 * Who gives a concurrent placement agreement, in-principle ("open") agreements, and how the placement
 * team hears back (the Concurrent placement agreement procedure).
 *
 * Proposals are put straight into the tables in the 'proposed' state, with one agreement requirement
 * per child already placed, so these tests exercise the agreements alone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { Client, apiCaller, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
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
import { addDays, formatDate, todayInEngland } from '../src/domain/dates.ts';
import { startMonth } from '../src/domain/concurrency/index.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError, ValidationError } from '../src/services/errors.ts';
import { createProposalService } from '../src/services/proposals.ts';
import { paths } from '../src/http/paths.ts';

/** The real today: requests and answers are stamped with the clock. */
const TODAY = todayInEngland(new Date());
const START = addDays(TODAY, 40);

let w: TestWorld;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const s = () => w.services.proposals;
const as = clientsFor(() => w.app);
const ids = { hh: '', otherLa: '', contact: '', longKid: '', longPlacement: '', shortKid: '', shortPlacement: '' };
let seq = 0;

const insertChild = childInserter(() => w, (n) => ({ reference: `AG${n}`, firstName: `Kid${n}`, lastName: 'Agreeable', dateOfBirth: '2016-05-01', upn: `B${String(100000000000 + n)}` }));

before(async () => {
  w = await testWorld({ today: TODAY });
  const db = w.database.db;
  await db.update(appUser).set({ lineManagerId: w.users.team_manager.userId }).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '993' }).returning();
  ids.otherLa = other!.id;
  const [contact] = await db
    .insert(externalContact)
    .values({ fullName: 'Remi Other', role: 'Social worker', organisationId: other!.id, organisationName: 'Otherborough Council', email: 'remi.other@otherborough.test' })
    .returning();
  ids.contact = contact!.id;
  const [h] = await db
    .insert(household)
    .values({
      reference: 'HAG1',
      addressLine1: '9 Agreement Row',
      town: 'Testford',
      postcode: 'TF1 1AG',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 3,
      placementKinds: ['short_term', 'long_term'],
    })
    .returning();
  ids.hh = h!.id;
  await db.insert(householdMember).values({ householdId: h!.id, kind: 'carer', firstName: 'Jo', lastName: 'Carer', position: 1 });
  // Lee, another authority's child, in a long-term placement; Sol, ours, in a short-term one.
  const longKid = await insertChild({ firstName: 'Lee', responsibleAuthorityId: other!.id, socialWorkerId: null, externalSocialWorkerId: contact!.id });
  const shortKid = await insertChild({ firstName: 'Sol' });
  ids.longKid = longKid.id;
  ids.shortKid = shortKid.id;
  const [lp] = await db.insert(placement).values({ childId: longKid.id, householdId: h!.id, startDate: '2024-01-08', placementType: 'U1', status: 'active', kind: 'long_term' }).returning();
  const [sp] = await db.insert(placement).values({ childId: shortKid.id, householdId: h!.id, startDate: '2025-03-03', placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  ids.longPlacement = lp!.id;
  ids.shortPlacement = sp!.id;
});
after(async () => w.close());

/** A household proposed for a new child today: its two agreement requirements (Lee's and Sol's). */
async function proposed(firstName: string) {
  const db = w.database.db;
  seq += 1;
  const kid = await insertChild({ firstName });
  const [r] = await db.insert(placementRequest).values({ reference: `PRA${seq}`, childId: kid.id, status: 'proposed', urgency: 'planned', kind: 'short_term', neededBy: START }).returning();
  const [p] = await db.insert(placementProposal).values({ requestId: r!.id, householdId: ids.hh, status: 'proposed', proposedStart: START, proposedAt: new Date() }).returning();
  const [long] = await db
    .insert(agreementRequirement)
    .values({ proposalId: p!.id, existingChildId: ids.longKid, existingPlacementId: ids.longPlacement, placingAuthorityId: ids.otherLa, socialWorkerContactId: ids.contact })
    .returning();
  const [short] = await db
    .insert(agreementRequirement)
    .values({ proposalId: p!.id, existingChildId: ids.shortKid, existingPlacementId: ids.shortPlacement, placingAuthorityId: w.laId, socialWorkerUserId: w.users.social_worker.userId })
    .returning();
  return { proposalId: p!.id, long: long!, short: short! };
}

const requirement = async (id: string) => (await w.database.db.select().from(agreementRequirement).where(eq(agreementRequirement.id, id)))[0]!;
const issues = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return err.errors;
  }
  assert.fail('expected a ValidationError');
};
const filed = async (requirementId: string) =>
  (await w.database.db.select().from(householdDocument).where(eq(householdDocument.relatedId, requirementId))).map((d) => ({ title: d.title, text: new TextDecoder().decode(d.content) }));
const letter = { outcome: 'agreed', respondedOn: TODAY, responderRole: 'Team manager, Testshire', correspondence: 'I agree to a second child joining these carers.' };

test('who agrees: someone other than the recorded social worker needs a reason, kept and shown; names are compared sensibly', async () => {
  const p = await proposed('Ana');
  const refused = await issues(s().recordAgreement(ctx('supervising_social_worker'), p.short.id, p.short.version, { ...letter, responderName: 'Pat Manager' }));
  assert.deepEqual(refused.map((e) => e.field), ['onBehalfReason']);
  assert.match(refused[0]!.message, /Pat Manager is not Test social worker, the social worker recorded for the child/);
  assert.equal((await requirement(p.short.id)).status, 'not_requested', 'nothing recorded');

  // Through the API: a problem document naming the field.
  const api = apiCaller(() => w.app, () => '');
  const ssw = await tokenFor(w, 'supervising_social_worker');
  const viaApi = await api('POST', paths.api.agreementAction(p.short.id, 'record'), { version: p.short.version, ...letter, responderName: 'Pat Manager' }, ssw);
  assert.equal(viaApi.statusCode, 400);
  assert.match(String(viaApi.headers['content-type']), /application\/problem\+json/);
  assert.equal((viaApi.json() as { errors: { field: string }[] }).errors[0]?.field, 'onBehalfReason');

  // With the reason: recorded, kept, filed, and shown to the placement team.
  const ok = await api('POST', paths.api.agreementAction(p.short.id, 'record'), { version: p.short.version, ...letter, responderName: 'Pat Manager', onBehalfReason: 'Their team manager, on their behalf, while they are on leave' }, ssw);
  assert.equal(ok.statusCode, 200, ok.body);
  const row = await requirement(p.short.id);
  assert.equal(row.status, 'agreed');
  assert.equal(row.responderName, 'Pat Manager');
  assert.equal(row.onBehalfReason, 'Their team manager, on their behalf, while they are on leave');
  assert.ok((await filed(p.short.id)).some((d) => /On behalf of Test social worker: Their team manager, on their behalf/.test(d.text)));
  const view = (await api('GET', paths.api.proposal(p.proposalId), undefined, ssw)).json() as { requirements?: { id: string; onBehalfReason: string | null }[] };
  if (view.requirements) assert.equal(view.requirements.find((r) => r.id === p.short.id)?.onBehalfReason, row.onBehalfReason);
  const po = await as('placement_officer');
  assert.match((await po.get(paths.obligations.myWork)).body, /Their team manager, on their behalf, while they are on leave/);

  // The page: the recorded social worker is named, and a different name without a reason is refused with the error summary.
  const q = await proposed('Ada');
  const sswClient = await as('supervising_social_worker');
  const form = await sswClient.get(paths.agreements.record(q.short.id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /The social worker recorded for the child is Test social worker/);
  const [y, m, d] = TODAY.split('-');
  const posted = await sswClient.post(paths.agreements.record(q.short.id), {
    version: String(q.short.version),
    outcome: 'agreed',
    'respondedOn-day': d!,
    'respondedOn-month': m!,
    'respondedOn-year': y!,
    responderName: 'Pat Manager',
    responderRole: 'Team manager',
    correspondence: 'Agreed.',
  });
  assert.equal(posted.statusCode, 400);
  assert.match(posted.body, /govuk-error-summary/);
  assert.match(posted.body, /href="#onBehalfReason"/);
  assert.match(posted.body, /value="Pat Manager"/, 'the input is kept');
  const hosPost = await (await as('head_of_service')).post(paths.agreements.record(q.short.id), { version: String(q.short.version), outcome: 'agreed' });
  assert.equal(hosPost.statusCode, 403, 'a head of service cannot record');
  // The same person, written differently, needs no reason.
  await s().recordAgreement(ctx('supervising_social_worker'), q.short.id, q.short.version, { ...letter, responderName: '  ms TEST   Social-Worker ' });
  assert.equal((await requirement(q.short.id)).onBehalfReason, null);

  // At the secure link: the person answering is compared with the one the request was sent to.
  await s().requestAgreement(ctx('supervising_social_worker'), p.long.id, p.long.version, { confirm: 'yes' });
  const [mail] = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, p.long.id));
  const linkPath = /(\/agreement\/[A-Za-z0-9_-]+)/.exec(mail!.bodySecret ?? '')?.[1];
  assert.ok(linkPath, 'the e-mail as sent carries the link');
  const stranger = new Client(w.app);
  const page = await stranger.get(linkPath);
  assert.match(page.body, /This request was sent to Remi Other/);
  const noReason = await stranger.post(linkPath, { outcome: 'agreed', responderName: 'Sam Deputy', responderEmail: 'sam.deputy@otherborough.test', responderRole: 'Team manager, Otherborough' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /govuk-error-summary/);
  assert.match(noReason.body, /The name you gave is not Remi Other(&#39;|')s, to whom this request was sent/);
  assert.equal((await requirement(p.long.id)).status, 'requested', 'the link still works');
  const noEmail = await stranger.post(linkPath, { outcome: 'declined', responderName: 'Sam Deputy', responderRole: 'Team manager, Otherborough', onBehalfReason: 'Remi is on leave; I manage the team' });
  assert.equal(noEmail.statusCode, 400);
  assert.match(noEmail.body, /Enter your email address/);
  const answered = await stranger.post(linkPath, {
    outcome: 'declined',
    responderName: 'Sam Deputy',
    responderEmail: 'Sam.Deputy@otherborough.test',
    responderRole: 'Team manager, Otherborough',
    onBehalfReason: 'Remi is on leave; I manage the team',
  });
  assert.equal(answered.statusCode, 200);
  const linkRow = await requirement(p.long.id);
  assert.equal(linkRow.status, 'declined');
  assert.equal(linkRow.onBehalfReason, 'Remi is on leave; I manage the team');
  assert.equal(linkRow.responderEmail, 'sam.deputy@otherborough.test', 'who answered, by address too');
  assert.ok((await filed(p.long.id)).some((d2) => d2.text.startsWith('From: Sam Deputy <sam.deputy@otherborough.test>, Team manager, Otherborough')));
});

test('the supervising social worker or their line manager records agreements; a head of service no longer does', async () => {
  const p = await proposed('Ben');
  await assert.rejects(s().recordAgreement(ctx('head_of_service'), p.short.id, p.short.version, { ...letter, responderName: 'Test social worker' }), ForbiddenError);
  await assert.rejects(s().requestAgreement(ctx('head_of_service'), p.long.id, p.long.version, { confirm: 'yes' }), ForbiddenError);
  await assert.rejects(s().recordOpenAgreement(ctx('head_of_service'), p.long.id, p.long.version, {}), ForbiddenError, 'refused before the input is read');
  const api = apiCaller(() => w.app, () => '');
  const hos = await tokenFor(w, 'head_of_service');
  const refused = await api('POST', paths.api.agreementAction(p.short.id, 'record'), { version: p.short.version, ...letter, responderName: 'Test social worker' }, hos);
  assert.equal(refused.statusCode, 403);
  assert.equal((await requirement(p.short.id)).status, 'not_requested');
  // The SSW's line manager (the team manager here) may.
  await s().recordAgreement(ctx('team_manager'), p.short.id, p.short.version, { ...letter, responderName: 'Test social worker' });
  assert.equal((await requirement(p.short.id)).status, 'agreed');
});

test('an in-principle agreement: only for a long-term placement, recorded once, the social worker told after the proposal, reused by later proposals until withdrawn', async () => {
  const db = w.database.db;
  const p = await proposed('Cal');
  const ssw = ctx('supervising_social_worker');
  const given = { givenOn: '2025-06-02', givenByName: 'Remi Other', givenByRole: 'Social worker, Otherborough', correspondence: 'I agree in principle to other children being placed with Lee’s carers.' };

  // Sol's placement is short-term: refused.
  const short = await issues(s().recordOpenAgreement(ssw, p.short.id, p.short.version, given));
  assert.match(short.map((e) => e.message).join(' '), /only for a child in a long-term placement/);
  // Given by someone else without a reason: refused.
  assert.match((await issues(s().recordOpenAgreement(ssw, p.long.id, p.long.version, { ...given, givenByName: 'Sam Deputy' })))[0]!.message, /Sam Deputy is not Remi Other/);
  const { id: openId } = await s().recordOpenAgreement(ssw, p.long.id, p.long.version, given);
  assert.ok((await filed(p.long.id)).some((d) => /^In-principle agreement from Remi Other/.test(d.title) && /I agree in principle/.test(d.text)));
  assert.match((await issues(s().recordOpenAgreement(ssw, p.long.id, p.long.version, given)))[0]!.message, /already recorded/, 'once');
  assert.equal((await requirement(p.long.id)).status, 'not_requested', 'recording it does not agree to this proposal by itself');

  // Told before this proposal was made: that was about something else.
  const early = await issues(s().useOpenAgreement(ssw, p.long.id, p.long.version, { informedOn: addDays(TODAY, -1), specificConsentAsked: 'no' }));
  assert.match(early[0]!.message, new RegExp(`after it was proposed on ${formatDate(TODAY)}`));
  assert.deepEqual((await issues(s().useOpenAgreement(ssw, p.long.id, p.long.version, {}))).map((e) => e.field).sort(), ['informedOn', 'specificConsentAsked']);
  assert.equal(await s().useOpenAgreement(ssw, p.long.id, p.long.version, { informedOn: TODAY, specificConsentAsked: 'no' }), 'agreed');
  const used = await requirement(p.long.id);
  assert.equal(used.status, 'agreed');
  assert.equal(used.method, 'open_agreement');
  assert.equal(used.openAgreementId, openId);
  assert.equal(used.informedOn, TODAY);
  assert.equal(used.respondedOn, TODAY);
  assert.equal(used.specificConsentAsked, false);

  // A later proposal reuses it through the API: only the date they were told and whether they asked for specific consent.
  const api = apiCaller(() => w.app, () => '');
  const sswToken = await tokenFor(w, 'supervising_social_worker');
  const q = await proposed('Dee');
  const seen = (await api('GET', paths.api.agreementAction(q.long.id, 'open-agreement'), undefined, sswToken)).json() as { stands: boolean; openAgreement: { id: string } | null; may: { use: boolean; record: boolean } };
  assert.equal(seen.stands, true);
  assert.equal(seen.openAgreement?.id, openId);
  assert.deepEqual([seen.may.use, seen.may.record], [true, false]);
  const bad = await api('POST', paths.api.agreementAction(q.long.id, 'use-open-agreement'), { version: q.long.version, informedOn: '2025-01-01', specificConsentAsked: 'no' }, sswToken);
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  const reused = await api('POST', paths.api.agreementAction(q.long.id, 'use-open-agreement'), { version: q.long.version, informedOn: TODAY, specificConsentAsked: 'no' }, sswToken);
  assert.equal(reused.statusCode, 200, reused.body);
  assert.deepEqual(reused.json(), { status: 'agreed' });
  assert.equal((await db.select().from(openAgreement)).length, 1, 'recorded once, used twice');

  // A third proposal: this time they ask to consent specifically, so written agreement is still needed.
  const r = await proposed('Eve');
  assert.equal(await s().useOpenAgreement(ssw, r.long.id, r.long.version, { informedOn: TODAY, specificConsentAsked: 'yes' }), 'requested');
  const pending = await requirement(r.long.id);
  assert.equal(pending.status, 'requested');
  assert.equal(pending.respondedOn, null);
  // The notice to the social worker: the month, not the date; filed on the carers' file.
  const sent = await api('POST', paths.api.agreementAction(r.long.id, 'notice'), { version: pending.version }, sswToken);
  assert.equal(sent.statusCode, 200, sent.body);
  assert.deepEqual(sent.json(), { ok: true });
  const notice = (await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, r.long.id))).find((m) => /^Notice/.test(m.subject));
  assert.deepEqual(notice?.toAddresses, ['remi.other@otherborough.test']);
  assert.match(notice!.bodyText, new RegExp(`from ${startMonth(START)}`));
  assert.ok(!notice!.bodyText.includes(formatDate(START)));
  assert.ok((await filed(r.long.id)).some((d) => /^Notice of this placement sent to Remi Other/.test(d.title) && d.text.includes(startMonth(START))));

  // The pages: the form's error summary, kept input.
  const page = await (await as('supervising_social_worker')).get(paths.agreements.open(r.long.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Given by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Remi Other, Social worker, Otherborough/);
  const t = await proposed('Fin');
  const tPage = await (await as('supervising_social_worker')).get(paths.agreements.open(t.long.id));
  assert.match(tPage.body, /Use the in-principle agreement for this proposal/);
  const formErr = await (await as('supervising_social_worker')).post(paths.agreements.openUse(t.long.id), { version: String(t.long.version), 'informedOn-day': '1', 'informedOn-month': '1', 'informedOn-year': '2025' });
  assert.equal(formErr.statusCode, 400);
  assert.match(formErr.body, /govuk-error-summary/);
  assert.match(formErr.body, /after it was proposed on/);
  assert.match(formErr.body, /Select whether the social worker asked to give specific consent/);
  assert.match(formErr.body, /name="informedOn-year"[^>]*value="2025"/);

  // Withdrawn: proposals it agreed need written agreement again; later ones cannot use it.
  const [oa] = await db.select().from(openAgreement).where(eq(openAgreement.id, openId));
  const withdrawn = await api('POST', paths.api.openAgreementWithdraw(openId), { version: oa!.version, reason: 'Remi withdrew it by e-mail' }, sswToken);
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  const after = await db.select().from(agreementRequirement).where(inArray(agreementRequirement.id, [p.long.id, q.long.id, r.long.id]));
  assert.deepEqual(Object.fromEntries(after.map((x) => [x.id, x.status])), { [p.long.id]: 'not_requested', [q.long.id]: 'not_requested', [r.long.id]: 'requested' });
  const u = await proposed('Gus');
  assert.match((await issues(s().useOpenAgreement(ssw, u.long.id, u.long.version, { informedOn: TODAY, specificConsentAsked: 'no' })))[0]!.message, /No in-principle agreement stands/);
  const audit = (await db.select().from(auditEvent).where(eq(auditEvent.subjectId, openId))).map((a) => a.action);
  assert.deepEqual(audit.sort(), ['agreement.open.recorded', 'agreement.open.withdrawn']);
  // …and a new one may then be recorded (through the API: 201 with its id).
  const again = await api('POST', paths.api.agreementAction(u.long.id, 'open-agreement'), { version: u.long.version, ...given, givenOn: TODAY }, sswToken);
  assert.equal(again.statusCode, 201, again.body);
  const newest = (await db.select().from(openAgreement)).find((o) => o.id !== openId);
  assert.deepEqual(again.json(), { id: newest?.id });
});

test('the placement team hears back: each answer is e-mailed to the placement officers and waits on their My work until one marks it seen', async () => {
  const db = w.database.db;
  const p = await proposed('Hal');
  await s().recordAgreement(ctx('supervising_social_worker'), p.short.id, p.short.version, { ...letter, outcome: 'declined', responderName: 'Test social worker', correspondence: 'I do not agree: Sol needs time alone with the carers.' });
  const mails = await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, p.short.id));
  const toTeam = mails.find((m) => m.toAddresses.includes('placement_officer@test.hearth.test'));
  assert.ok(toTeam, 'the placement officers are e-mailed');
  assert.match(toTeam.subject, /^Placement declined: Sol Agreeable/);
  assert.match(toTeam.bodyText, /Test social worker .*declined the proposed placement/);

  const po = await as('placement_officer');
  let myWork = await po.get(paths.obligations.myWork);
  assert.match(myWork.body, /Answers about concurrent placements/);
  const row = new RegExp(`action="${paths.agreements.acknowledge(p.short.id)}"`);
  assert.match(myWork.body, row);
  assert.doesNotMatch((await (await as('supervising_social_worker')).get(paths.obligations.myWork)).body, /Answers about concurrent placements/, 'for the placement team');

  // The API lists the same; only a placement officer marks it seen.
  const api = apiCaller(() => w.app, () => '');
  const poToken = await tokenFor(w, 'placement_officer');
  const listed = (await api('GET', paths.api.agreementAnswers, undefined, poToken)).json() as { items: { requirementId: string; status: string; version: number }[] };
  const item = listed.items.find((i) => i.requirementId === p.short.id);
  assert.equal(item?.status, 'declined');
  const tm = await api('POST', paths.api.agreementAction(p.short.id, 'acknowledge'), { version: item!.version }, await tokenFor(w, 'team_manager'));
  assert.equal(tm.statusCode, 403);

  const version = /name="version" value="(\d+)"/.exec(myWork.body.slice(myWork.body.search(row)))?.[1] ?? '';
  const marked = await po.post(paths.agreements.acknowledge(p.short.id), { version });
  assert.equal(marked.statusCode, 303);
  myWork = await po.get(paths.obligations.myWork);
  assert.doesNotMatch(myWork.body, row, 'cleared');
  const seen = await requirement(p.short.id);
  assert.ok(seen.answerSeenAt);
  assert.equal(seen.answerSeenBy, w.users.placement_officer.userId);
  const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'agreement.answer.acknowledged'), eq(auditEvent.subjectId, p.short.id)));
  assert.equal(audit.length, 1);
  assert.equal((await po.post(paths.agreements.acknowledge(p.short.id), { version })).statusCode, 303, 'marking it again changes nothing');
});

test('requests, reminders and escalations are filed on the carers’ file; the request gives the month of the start; the outbox hides the live link from anyone but its recipient', async () => {
  const db = w.database.db;
  const p = await proposed('Ivy');
  await s().requestAgreement(ctx('supervising_social_worker'), p.long.id, p.long.version, { confirm: 'yes' });
  const [mail] = await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, p.long.id));
  const token = /\/agreement\/([A-Za-z0-9_-]+)/.exec(mail!.bodySecret ?? '')?.[1];
  assert.ok(token);
  assert.match(mail!.bodySecret!, new RegExp(`from ${startMonth(START)}\\.`));
  assert.ok(!mail!.bodySecret!.includes(formatDate(START)), 'not the date');

  // Chased: a reminder after a working day, then (after two) an escalation, each filed.
  const chaseOn = (day: string) => createProposalService(db, { today: () => day, publicUrl: 'http://hearth.test', mailer: w.services.email }).chaseAgreements({ actor: null });
  const d1 = englandAndWales.addWorkingDays(TODAY, 1);
  await chaseOn(d1);
  await db.update(agreementRequirement).set({ remindersSent: 2, lastReminderAt: new Date(`${d1}T12:00:00Z`) }).where(eq(agreementRequirement.id, p.long.id));
  await chaseOn(englandAndWales.addWorkingDays(TODAY, 2));
  const docs = await filed(p.long.id);
  assert.deepEqual(
    docs.map((d) => d.title.replace(/ about .*/, '')),
    ['Request for agreement sent to Remi Other', 'Reminder 1', 'Escalation'],
  );
  const request = docs[0]!;
  assert.ok(request.text.includes(`from ${startMonth(START)}`), 'the filed copy gives the month');
  assert.match(docs[1]!.text, /^To: remi\.other@otherborough\.test, supervising_social_worker@test\.hearth\.test/);
  assert.match(docs[2]!.text, /placement_officer@test\.hearth\.test/);

  // The placement officer reads the outbox: the link is masked; the audit trail and the carers' file never hold it.
  const po = await as('placement_officer');
  const shown = await po.get(paths.outbox.show(mail!.id));
  assert.equal(shown.statusCode, 200);
  assert.ok(!shown.body.includes(token), 'the outbox does not show the token');
  assert.match(shown.body, /link hidden: only its recipient can see it/);
  assert.match(shown.body, /Hidden here: only the recipient sees it/);
  // The message is about the child already placed and the proposed child: its audit row names both.
  const [viewed] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'email.viewed'), eq(auditEvent.subjectId, mail!.id)));
  const [{ childId: proposedChild } = { childId: '' }] = await db
    .select({ childId: placementRequest.childId })
    .from(placementProposal)
    .innerJoin(placementRequest, eq(placementRequest.id, placementProposal.requestId))
    .where(eq(placementProposal.id, p.long.proposalId));
  assert.deepEqual([...viewed!.childIds].sort(), [p.long.existingChildId, proposedChild].sort());
  // So does reading the carers' file, whose titles name the child already placed.
  const [doc] = await db.select().from(householdDocument).where(eq(householdDocument.relatedId, p.long.id));
  await w.services.documents.list(ctx('supervising_social_worker'), doc!.householdId);
  const [listed] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'document.listed'), eq(auditEvent.subjectId, doc!.householdId))).orderBy(desc(auditEvent.id)).limit(1);
  assert.ok(listed!.childIds.includes(p.long.existingChildId) && listed!.childIds.includes(proposedChild), 'the carers\' file names the children of its documents');
  const all = await db.select().from(householdDocument);
  assert.ok(all.every((d) => !new TextDecoder().decode(d.content).includes(token)));
  const audits = await db.select().from(auditEvent);
  assert.ok(audits.every((a) => !JSON.stringify(a.details).includes(token)));
  assert.ok((await po.get(paths.outbox.list)).body.indexOf(token) === -1);
});

test('a request sent again (the e-mail lost, or the link expired) replaces the earlier link: only the newest works, and the sender never sees either', async () => {
  const db = w.database.db;
  const p = await proposed('Kit');
  const ssw = ctx('supervising_social_worker');
  const linkOf = async (n: number) => {
    const mails = (await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, p.long.id))).filter((m) => /^Agreement needed/.test(m.subject));
    assert.equal(mails.length, n, `${n} request e-mails`);
    const latest = mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
    const path = /(\/agreement\/[A-Za-z0-9_-]+)/.exec(latest?.bodySecret ?? '')?.[1];
    assert.ok(path);
    return path;
  };
  await s().requestAgreement(ssw, p.long.id, p.long.version, { confirm: 'yes' });
  const first = await linkOf(1);
  const page = await (await as('supervising_social_worker')).get(paths.proposals.show(p.proposalId));
  assert.match(page.body, /Send the request again/);
  await s().requestAgreement(ssw, p.long.id, (await requirement(p.long.id)).version, { confirm: 'yes' });
  const second = await linkOf(2);
  assert.notEqual(second, first);
  const stranger = new Client(w.app);
  assert.equal((await stranger.get(first)).statusCode, 410, 'the earlier link no longer works');
  assert.equal((await stranger.get(second)).statusCode, 200);
  const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'agreement.requested'), eq(auditEvent.subjectId, p.long.id)));
  assert.deepEqual(audit.map((a) => (a.details as { linksReplaced?: number }).linksReplaced ?? 0).sort(), [0, 1]);
  assert.equal((await requirement(p.long.id)).status, 'requested');
});
