import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, clientsFor, testWorld, tokenFor, type TestWorld, childInserter } from './helpers.ts';
import {
  agreementRequirement,
  appUser,
  auditEvent,
  childEvent,
  externalContact,
  household,
  householdDocument,
  householdMember,
  legalStatus,
  organisation,
  outboundEmail,
  placement,
  placementProposal,
  placementRequest,
} from '../src/data/schema.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../src/services/errors.ts';
import { createProposalService } from '../src/services/proposals.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { paths } from '../src/http/paths.ts';

/** The real today: agreement requests are stamped with the clock, and chasing counts from them. */
const TODAY = todayInEngland(new Date());
const START = addDays(TODAY, 7);

let w: TestWorld;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const ids = { hh: '', newChild: '', ours: '', theirs: '', contact: '', otherLa: '' };
let seq = 0;

/** A child row put straight into the table (the children service is not under test here). */
const insertChild = childInserter(() => w, (n) => ({ reference: `CP${n}`, firstName: `Kid${n}`, lastName: 'Concurrent', dateOfBirth: '2016-05-01', upn: `A${String(100000000000 + n)}` }));

async function newRequest(childId: string, urgency: 'planned' | 'emergency' = 'planned') {
  seq += 1;
  const [r] = await w.database.db
    .insert(placementRequest)
    .values({
      reference: `PRT${seq}`,
      childId,
      status: 'matching',
      urgency,
      kind: 'short_term',
      neededBy: START,
      needs: { health: 'Asthma; inhaler at school', needTags: [] },
      risks: { riskToSelf: 'None known', riskFromOthers: 'None known', riskToOthers: 'None known' },
      childViews: { childViews: 'Wants to keep seeing her friends' },
    })
    .returning();
  return r!;
}

before(async () => {
  w = await testWorld({ today: TODAY });
  const db = w.database.db;
  // The SSW's line manager is the team manager (Concurrent placement agreement procedure: "the SSW … or their line manager").
  await db.update(appUser).set({ lineManagerId: w.users.team_manager.userId }).where(eq(appUser.id, w.users.supervising_social_worker.userId));
  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '992' }).returning();
  ids.otherLa = other!.id;
  const [contact] = await db
    .insert(externalContact)
    .values({ fullName: 'Remi Other', role: 'Social worker', organisationId: other!.id, organisationName: 'Otherborough Council', email: 'remi.other@otherborough.test' })
    .returning();
  ids.contact = contact!.id;
  const [h] = await db
    .insert(household)
    .values({
      reference: 'HCP1',
      addressLine1: '3 Test Row',
      town: 'Testford',
      postcode: 'TF1 1AC',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 3,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term', 'long_term'],
      skillLevel: 2,
    })
    .returning();
  ids.hh = h!.id;
  await db.insert(householdMember).values({ householdId: h!.id, kind: 'carer', firstName: 'Jo', lastName: 'Carer', position: 1, email: 'jo.carer@example.test' });
  const ours = await insertChild({ firstName: 'Ola', dateOfBirth: '2014-02-02' });
  const theirs = await insertChild({ firstName: 'Tam', dateOfBirth: '2013-03-03', responsibleAuthorityId: other!.id, socialWorkerId: null, externalSocialWorkerId: contact!.id });
  ids.ours = ours.id;
  ids.theirs = theirs.id;
  for (const c of [ours, theirs]) {
    await db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: '2025-01-06' });
    await db.insert(placement).values({ childId: c.id, householdId: h!.id, startDate: '2025-01-06', placementType: 'U3', status: 'active', kind: 'short_term' });
  }
  const newChild = await insertChild({ firstName: 'Zuri', lastName: 'Newcome', dateOfBirth: '2015-09-09', homePostcode: 'TF9 9ZZ' });
  ids.newChild = newChild.id;
  await db.insert(legalStatus).values({ childId: newChild.id, code: 'C2', startDate: TODAY });
});
after(async () => w.close());

const s = () => w.services.proposals;
const messages = async (field: string, p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return err.errors.filter((e) => field === '*' || e.field === field).map((e) => e.message);
  }
  assert.fail('expected a ValidationError');
};

test('from consideration to confirmation: every gate holds, agreements arrive by secure link and by letter, and the placement starts with its obligations', async () => {
  const db = w.database.db;
  const request = await newRequest(ids.newChild);
  const { id } = await s().createProposal(ctx('placement_officer'), request.id, ids.hh);
  let v = await s().get(ctx('placement_officer'), id);
  assert.deepEqual(v.there.map((t) => t.childId).sort(), [ids.ours, ids.theirs].sort());
  assert.equal(v.blockers.propose.length, 4, 'two children, two roles each');

  // The work queues: the placement team sees on whom the proposal waits; the SSW has a consideration to record.
  const queue = async (role: Role, id: string) => (await w.services.work.queues(ctx(role), [])).find((q) => q.id === id)!.items;
  const waiting = (await queue('placement_officer', 'open-proposals')).find((i) => i.href === `/proposals/${id}`);
  assert.match(waiting?.waitingOn ?? '', /the supervising social worker, Test supervising social worker: consideration/);
  assert.ok((await queue('supervising_social_worker', 'considerations')).some((i) => i.href === `/proposals/${id}` && /household HCP1/.test(i.action)));

  // Proposing before the considerations is refused, listing each one missing.
  const early = await messages('proposedStart', s().propose(ctx('placement_officer'), id, v.p.version, { proposedStart: START }));
  assert.equal(early.length, 4);

  // Only the household's own SSW records the SSW's consideration; an IRO cannot.
  await assert.rejects(s().consider(ctx('iro'), id, { existingChildId: ids.ours, servesWellbeing: 'yes', reasoning: 'x' }), ForbiddenError);
  for (const existingChildId of [ids.ours, ids.theirs]) {
    await s().consider(ctx('placement_officer'), id, { existingChildId, servesWellbeing: 'yes', reasoning: 'Settled; welcomes a younger child; room to share' });
    await s().consider(ctx('supervising_social_worker'), id, { existingChildId, servesWellbeing: 'yes', reasoning: 'Discussed with the carers and the child' });
  }
  v = await s().get(ctx('placement_officer'), id);
  assert.deepEqual(v.blockers.propose, []);

  await s().propose(ctx('placement_officer'), id, v.p.version, { proposedStart: START });
  v = await s().get(ctx('placement_officer'), id);
  assert.equal(v.p.status, 'proposed');
  assert.equal(v.request.status, 'proposed');
  assert.equal(v.requirements.length, 2);
  const theirsReq = v.requirements.find((r) => r.existingChildId === ids.theirs)!;
  const oursReq = v.requirements.find((r) => r.existingChildId === ids.ours)!;
  assert.equal(theirsReq.placingAuthority, 'Otherborough Council');
  assert.equal(theirsReq.socialWorkerName, 'Remi Other');
  assert.equal(oursReq.socialWorkerName, 'Test social worker');
  const remind = await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, id));
  assert.ok(remind.some((m) => m.toAddresses.includes('supervising_social_worker@test.hearth.test') && /written agreement needed/.test(m.subject)), 'the SSW is reminded to get the agreements');
  assert.equal((await queue('supervising_social_worker', 'agreements')).filter((i) => i.href === `/proposals/${id}` && /^Request written agreement/.test(i.action)).length, 2);
  assert.match((await queue('placement_officer', 'open-proposals')).find((i) => i.href === `/proposals/${id}`)?.waitingOn ?? '', /requesting written agreement/);
  assert.ok(!(await queue('supervising_social_worker', 'considerations')).some((i) => i.href === `/proposals/${id}`), 'considered: it leaves that queue');

  // Confirming now is refused with both missing agreements listed, and nothing changes.
  const blocked = await messages('confirm', s().confirm(ctx('placement_officer'), id, v.p.version, { connectedPerson: 'no' }));
  assert.equal(blocked.length, 2);
  assert.ok(blocked.every((m) => /^No written agreement from the social worker of .* is recorded\.$/.test(m)), blocked.join('; '));
  assert.equal((await db.select().from(placement).where(eq(placement.childId, ids.newChild))).length, 0);

  // The SSW previews the anonymised summary, then sends the secure link to the other authority.
  const preview = await s().agreementPreview(ctx('supervising_social_worker'), theirsReq.id);
  for (const identifier of ['Zuri', 'Newcome', '2015', 'TF9 9ZZ', 'CP']) assert.ok(!preview.summary.includes(identifier), `the summary leaks ${identifier}: ${preview.summary}`);
  await assert.rejects(s().requestAgreement(ctx('placement_officer'), theirsReq.id, theirsReq.version, { confirm: 'yes' }), ForbiddenError, 'the placement officer reminds; the SSW asks');
  assert.deepEqual(await messages('confirm', s().requestAgreement(ctx('supervising_social_worker'), theirsReq.id, theirsReq.version, {})), ['Confirm you have read the anonymised summary']);
  await s().requestAgreement(ctx('supervising_social_worker'), theirsReq.id, theirsReq.version, { confirm: 'yes' });
  const [sent] = await db.select().from(outboundEmail).where(and(eq(outboundEmail.relatedId, theirsReq.id)));
  assert.deepEqual(sent?.toAddresses, ['remi.other@otherborough.test']);
  assert.ok(!/Zuri|Newcome/.test(sent!.bodyText));
  assert.doesNotMatch(sent!.bodyText, /\/agreement\/[A-Za-z0-9_-]{20,}/, 'the outbox copy masks the link');
  // The text as sent (what the recipient's mailbox holds) carries it.
  const token = /\/agreement\/([A-Za-z0-9_-]+)/.exec(sent!.bodySecret ?? '')?.[1];
  assert.ok(token);
  const filed = await db.select().from(householdDocument).where(eq(householdDocument.relatedId, theirsReq.id));
  assert.equal(filed.length, 1, 'the request is filed on the carers’ file');
  assert.ok(!new TextDecoder().decode(filed[0]!.content).includes(token), 'the filed copy does not carry the link');

  // The other social worker answers through the link, without an account.
  const anonymous = { actor: null };
  const seen = await s().viewLink(anonymous, token);
  assert.ok(seen?.summary.includes('Asthma'));
  const [linkViewed] = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'agreement.link.viewed'), eq(auditEvent.subjectId, theirsReq.id)));
  assert.deepEqual([...linkViewed!.childIds].sort(), [ids.newChild, theirsReq.existingChildId].sort(), 'the link view names the proposed child and the child already placed');
  assert.equal(await s().viewLink(anonymous, 'not-a-real-token-at-all-xxxxxxxx'), null);
  const fromElsewhere = { outcome: 'agreed', responderName: 'Remi Other', responderEmail: 'remi@home.example', responderRole: 'Social worker, Otherborough' };
  await assert.rejects(s().answerLink(anonymous, token, fromElsewhere), /not the address this request was sent to/, 'another address needs a reason');
  assert.equal(await s().answerLink(anonymous, token, { ...fromElsewhere, responderEmail: 'remi.other@otherborough.test' }), 'agreed');
  await assert.rejects(s().answerLink(anonymous, token, { outcome: 'declined', responderName: 'X', responderEmail: 'x@y.test', responderRole: 'Y' }), NotFoundError, 'single use');
  assert.equal((await s().viewLink(anonymous, token))?.answered, true);

  // Our own child's social worker agreed by e-mail: the SSW records it, pasting the text.
  v = await s().get(ctx('supervising_social_worker'), id);
  const ours2 = v.requirements.find((r) => r.existingChildId === ids.ours)!;
  assert.match(
    (await messages('method', s().recordAgreement(ctx('supervising_social_worker'), ours2.id, ours2.version, { method: 'open_agreement', outcome: 'agreed', respondedOn: TODAY, responderName: 'A', responderRole: 'B', correspondence: 'c' })))[0]!,
    /recorded once on the child’s placement/,
    'an in-principle agreement has its own path (test/agreements.test.ts)',
  );
  await s().recordAgreement(ctx('supervising_social_worker'), ours2.id, ours2.version, {
    method: 'letter_or_email',
    outcome: 'agreed',
    respondedOn: TODAY,
    responderName: 'Test social worker',
    responderRole: 'Social worker, Testshire',
    correspondence: 'I agree to the placement of a second child with these carers.',
  });

  v = await s().get(ctx('placement_officer'), id);
  assert.deepEqual(v.blockers.confirm, []);
  const { placementId } = await s().confirm(ctx('placement_officer'), id, v.p.version, { connectedPerson: 'no' });
  const [made] = await db.select().from(placement).where(eq(placement.id, placementId));
  assert.equal(made?.startDate, START);
  assert.equal(made?.status, 'planned');
  const [req] = await db.select().from(placementRequest).where(eq(placementRequest.id, request.id));
  assert.equal(req?.status, 'confirmed');
  const agreements = await db.select().from(childEvent).where(and(eq(childEvent.childId, ids.newChild), eq(childEvent.kind, 'agreement_recorded')));
  assert.deepEqual(agreements.map((a) => a.aboutChildId).sort(), [ids.ours, ids.theirs].sort());
  const confirmation = (await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, id))).find((m) => /^Placement confirmed/.test(m.subject));
  assert.deepEqual(confirmation?.toAddresses.sort(), ['jo.carer@example.test', 'social_worker@test.hearth.test', 'supervising_social_worker@test.hearth.test'].sort());

  // The placement's obligations start: the agreements show as completed before the start.
  const obligations = await w.services.obligations.list(ctx('placement_officer'), { placementId });
  const agreementObligations = obligations.items.filter((o) => o.obligationId === 'concurrent-placement-agreement');
  assert.equal(agreementObligations.length, 2);
  assert.ok(agreementObligations.every((o) => o.status === 'completed_on_time'));
  assert.ok(obligations.items.some((o) => o.obligationId === 'placement-planning-meeting' && o.status === 'not_yet_due'));

  const actions = (await db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.subjectId, id))).map((a) => a.action);
  for (const a of ['proposal.created', 'proposal.considered', 'proposal.proposed', 'proposal.confirmed']) assert.ok(actions.includes(a), a);
});

test('unanswered requests are reminded after a working day and escalated to the line manager and the placement team', async () => {
  const db = w.database.db;
  const request = await newRequest((await insertChild({ firstName: 'Ira' })).id);
  // A second household with one child of another authority already there.
  const [h2] = await db
    .insert(household)
    .values({ reference: 'HCP2', addressLine1: '4 Test Row', town: 'Testford', postcode: 'TF1 1AD', fosteringServiceId: w.laId, supervisingSocialWorkerId: w.users.supervising_social_worker.userId, approvalStatus: 'approved', approvalDate: '2020-01-01', approvedChildren: 2, placementKinds: ['short_term'] })
    .returning();
  const resident = await insertChild({ firstName: 'Bo', responsibleAuthorityId: ids.otherLa, socialWorkerId: null, externalSocialWorkerId: ids.contact });
  await db.insert(placement).values({ childId: resident.id, householdId: h2!.id, startDate: '2025-02-03', placementType: 'U3', status: 'active' });
  const { id } = await s().createProposal(ctx('placement_officer'), request.id, h2!.id);
  await s().consider(ctx('placement_officer'), id, { existingChildId: resident.id, servesWellbeing: 'yes', reasoning: 'Fine' });
  await s().consider(ctx('supervising_social_worker'), id, { existingChildId: resident.id, servesWellbeing: 'yes', reasoning: 'Fine' });
  let v = await s().get(ctx('placement_officer'), id);
  await s().propose(ctx('placement_officer'), id, v.p.version, { proposedStart: START });
  v = await s().get(ctx('placement_officer'), id);
  const r = v.requirements[0]!;
  // The line manager of the SSW may act for them.
  await s().requestAgreement(ctx('team_manager'), r.id, r.version, { confirm: 'yes' });

  const chaseOn = (day: string) => createProposalService(db, { today: () => day, publicUrl: 'http://hearth.test', mailer: w.services.email }).chaseAgreements({ actor: null });
  // Reminders are stamped with the clock; a simulated day needs the stamp moved to it.
  const stamp = (day: string) => db.update(agreementRequirement).set({ lastReminderAt: new Date(`${day}T12:00:00Z`) }).where(eq(agreementRequirement.id, r.id));
  const [d1, d2, d3] = [1, 2, 3].map((n) => englandAndWales.addWorkingDays(TODAY, n)) as [string, string, string];
  assert.deepEqual(await chaseOn(TODAY), { reminded: 0, escalated: 0 }, 'not on the day it was sent');
  assert.deepEqual(await chaseOn(d1), { reminded: 1, escalated: 0 });
  await stamp(d1);
  assert.deepEqual(await chaseOn(d1), { reminded: 0, escalated: 0 }, 'once a working day');
  assert.deepEqual(await chaseOn(d2), { reminded: 1, escalated: 0 });
  await stamp(d2);
  const [after2] = await db.select().from(agreementRequirement).where(eq(agreementRequirement.id, r.id));
  assert.equal(after2?.remindersSent, 2);
  assert.deepEqual(await chaseOn(d3), { reminded: 0, escalated: 1 });
  assert.deepEqual(await chaseOn(d3), { reminded: 0, escalated: 0 }, 'escalated once');
  const escalation = (await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, r.id))).find((m) => /^Escalation/.test(m.subject));
  assert.ok(escalation?.toAddresses.includes('team_manager@test.hearth.test'), 'the SSW’s line manager');
  assert.ok(escalation?.toAddresses.includes('placement_officer@test.hearth.test'), 'the placement team');
});

test("a head of service may authorise an emergency placement before every agreement is in, only with a recorded reason, which the placement page shows", async () => {
  const db = w.database.db;
  const kid = await insertChild({ firstName: 'Uma' });
  await db.insert(legalStatus).values({ childId: kid.id, code: 'C2', startDate: TODAY });
  const request = await newRequest(kid.id, 'emergency');
  const [h3] = await db
    .insert(household)
    .values({ reference: 'HCP3', addressLine1: '5 Test Row', town: 'Testford', postcode: 'TF1 1AE', fosteringServiceId: w.laId, supervisingSocialWorkerId: w.users.supervising_social_worker.userId, approvalStatus: 'approved', approvalDate: '2020-01-01', approvedChildren: 2, placementKinds: ['short_term'] })
    .returning();
  const resident = await insertChild({ firstName: 'Cy' });
  await db.insert(placement).values({ childId: resident.id, householdId: h3!.id, startDate: '2025-02-03', placementType: 'U3', status: 'active' });

  // Through the API, as an integration would.
  const api = apiCaller(() => w.app, () => '');
  const po = await tokenFor(w, 'placement_officer');
  const ssw = await tokenFor(w, 'supervising_social_worker');
  const hos = await tokenFor(w, 'head_of_service');
  const created = await api('POST', paths.api.proposals(request.id), { householdId: h3!.id }, po);
  assert.equal(created.statusCode, 201);
  const id = (created.json() as { id: string }).id;
  for (const token of [po, ssw]) {
    const res = await api('POST', paths.api.proposalAction(id, 'consider'), { existingChildId: resident.id, servesWellbeing: 'yes', reasoning: 'Considered' }, token);
    assert.equal(res.statusCode, 200, res.body);
  }
  let view = (await api('GET', paths.api.proposal(id), undefined, po)).json() as { version: number; blockers: { confirm: string[] } };
  assert.equal((await api('POST', paths.api.proposalAction(id, 'propose'), { version: view.version, proposedStart: TODAY }, po)).statusCode, 200);
  view = (await api('GET', paths.api.proposal(id), undefined, po)).json() as typeof view;
  const refused = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version, connectedPerson: 'no' }, po);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /No written agreement from the social worker of Cy Concurrent \(CP\d+\) is recorded/);
  assert.equal((await api('POST', paths.api.proposalAction(id, 'override'), { version: view.version, reason: 'x' }, po)).statusCode, 403, 'only a head of service overrides');
  assert.equal((await api('POST', paths.api.proposalAction(id, 'override'), { version: view.version, reason: '' }, hos)).statusCode, 400, 'a reason is required');
  assert.equal((await api('POST', paths.api.proposalAction(id, 'override'), { version: view.version, reason: 'Child at immediate risk tonight; agreement being chased' }, hos)).statusCode, 200);
  view = (await api('GET', paths.api.proposal(id), undefined, po)).json() as typeof view;
  assert.deepEqual(view.blockers.confirm, []);
  const confirmed = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version, connectedPerson: 'no' }, po);
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  const { placementId } = confirmed.json() as { placementId: string };
  const [p] = await db.select().from(placementProposal).where(eq(placementProposal.id, id));
  assert.equal(p?.overrideReason, 'Child at immediate risk tonight; agreement being chased');
  const audits = await db.select().from(auditEvent).where(and(eq(auditEvent.action, 'agreement.overridden'), eq(auditEvent.subjectId, id)));
  assert.equal(audits.length, 1);
  const page = await (await clientsFor(() => w.app)('placement_officer')).get(paths.placements.show(placementId));
  assert.match(page.body, /Child at immediate risk tonight/);
  // The placement started without the agreement: it says so until the agreement is recorded, and the obligation is open.
  assert.match(page.body, /Started without written agreement/);
  const [row] = await db.select().from(placement).where(eq(placement.id, placementId));
  assert.equal(row?.emergencyAuthorisedBy, w.users.head_of_service.userId);
  assert.deepEqual(row?.waivedChecks.map((c) => c.code), ['agreement-missing']);
});

test('the pages: consideration through the form, a blocked confirmation lists every unmet condition, and the secure link answers without an account', async () => {
  const db = w.database.db;
  const kid = await insertChild({ firstName: 'Pia' });
  await db.insert(legalStatus).values({ childId: kid.id, code: 'C2', startDate: TODAY });
  const request = await newRequest(kid.id);
  const [h4] = await db
    .insert(household)
    .values({ reference: 'HCP4', addressLine1: '6 Test Row', town: 'Testford', postcode: 'TF1 1AF', fosteringServiceId: w.laId, supervisingSocialWorkerId: w.users.supervising_social_worker.userId, approvalStatus: 'approved', approvalDate: '2020-01-01', approvedChildren: 2, placementKinds: ['short_term'] })
    .returning();
  const resident = await insertChild({ firstName: 'Rex', responsibleAuthorityId: ids.otherLa, socialWorkerId: null, externalSocialWorkerId: ids.contact });
  await db.insert(placement).values({ childId: resident.id, householdId: h4!.id, startDate: '2025-02-03', placementType: 'U3', status: 'active' });
  const as = clientsFor(() => w.app);
  const po = await as('placement_officer');
  await po.get(paths.requests.matching(request.id));
  const created = await po.post(paths.proposals.create(request.id), { householdId: h4!.id });
  assert.equal(created.statusCode, 303);
  const proposalUrl = String(created.headers.location);
  const id = proposalUrl.split('/').pop()!;

  let page = await po.get(proposalUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /It cannot be proposed yet/);
  const bad = await po.post(paths.proposals.consider(id), { existingChildId: resident.id, reasoning: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /Select whether this placement serves the well-being/);
  assert.equal((await po.post(paths.proposals.consider(id), { existingChildId: resident.id, servesWellbeing: 'yes', reasoning: 'Good fit' })).statusCode, 303);
  const ssw = await as('supervising_social_worker');
  await ssw.get(proposalUrl);
  assert.equal((await ssw.post(paths.proposals.consider(id), { existingChildId: resident.id, servesWellbeing: 'yes', reasoning: 'Agreed with carers' })).statusCode, 303);
  page = await po.get(proposalUrl);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  const [y, m, d] = START.split('-');
  assert.equal((await po.post(paths.proposals.propose(id), { version, 'proposedStart-day': d!, 'proposedStart-month': m!, 'proposedStart-year': y! })).statusCode, 303);

  // Confirming with the agreement missing: the page answers with an error summary listing it, and nothing is made.
  page = await po.get(proposalUrl);
  const v2 = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  const blocked = await po.post(paths.proposals.confirm(id), { version: v2, connectedPerson: 'no' });
  assert.equal(blocked.statusCode, 400);
  assert.match(blocked.body, /govuk-error-summary/);
  assert.match(blocked.body, /No written agreement from the social worker of Rex Concurrent \(CP\d+\) is recorded/);
  assert.equal((await db.select().from(placement).where(eq(placement.childId, kid.id))).length, 0);

  // The SSW sends the request from the preview page.
  const [req] = await db.select().from(agreementRequirement).where(eq(agreementRequirement.proposalId, id));
  const preview = await ssw.get(paths.agreements.request(req!.id));
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /What they will see about the child/);
  assert.doesNotMatch(preview.body.slice(preview.body.indexOf('What they will see')), /Pia Concurrent/);
  const unconfirmed = await ssw.post(paths.agreements.request(req!.id), { version: String(req!.version) });
  assert.equal(unconfirmed.statusCode, 400);
  assert.equal((await ssw.post(paths.agreements.request(req!.id), { version: String(req!.version), confirm: 'yes' })).statusCode, 303);
  const [mail] = await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, req!.id));
  const linkPath = /(\/agreement\/[A-Za-z0-9_-]+)/.exec(mail!.bodySecret ?? '')?.[1];
  assert.ok(linkPath);

  // Someone without an account opens the link and answers.
  const { Client } = await import('./helpers.ts');
  const stranger = new Client(w.app);
  const open = await stranger.get(linkPath);
  assert.equal(open.statusCode, 200);
  assert.match(open.body, /your agreement is needed/);
  assert.match(String(open.headers['cache-control']), /no-store/);
  const missing = await stranger.post(linkPath, { responderName: 'Remi Other' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Select whether you agree to this placement/);
  const answered = await stranger.post(linkPath, { outcome: 'agreed', responderName: 'Remi Other', responderEmail: 'remi.other@otherborough.test', responderRole: 'Social worker, Otherborough' });
  assert.equal(answered.statusCode, 200);
  assert.match(answered.body, /your answer has been recorded/);
  assert.equal((await stranger.get(linkPath)).statusCode, 410, 'the link works once');
  assert.equal((await stranger.get('/agreement/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).statusCode, 404);
  const [doneReq] = await db.select().from(agreementRequirement).where(eq(agreementRequirement.id, req!.id));
  assert.equal(doneReq?.status, 'agreed');
  assert.equal(doneReq?.method, 'secure_link');

  page = await po.get(proposalUrl);
  const v3 = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  const ok = await po.post(paths.proposals.confirm(id), { version: v3, connectedPerson: 'no' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  assert.equal((await db.select().from(placement).where(eq(placement.childId, kid.id))).length, 1);
});
