/**
 * Confirming a proposal: one gate, one transaction. A sibling
 * group is placed together or not at all; a move ends the current placement on the new start date
 * with its reason; the SSDA903 placement type is derived, never preset; a head of service's
 * emergency authorisation stands in for missing considerations and agreements only, and nothing
 * walks round a written refusal (Concurrent placement agreement procedure: the agreement "MUST be secured before the new placement
 * begins").
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { agreedMove, apiCaller, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { adoptionApproval, agreementRequirement, auditEvent, household, legalStatus, placement, placementProposal, placementRequest, siblingLink } from '../src/data/schema.ts';
import { addDays, formatDate, todayInEngland } from '../src/domain/dates.ts';
import { siblingPair } from '../src/domain/records/child.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ValidationError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';

/** The real today: overrides and agreement answers are stamped with the clock. */
const TODAY = todayInEngland(new Date());
const LATER = addDays(TODAY, 7);
const SINCE = '2025-01-06';

let w: TestWorld;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const s = () => w.services.proposals;
const db = () => w.database.db;
const api = apiCaller(() => w.app, () => '');
const as = clientsFor(() => w.app);
const tokens = {} as Record<'po' | 'ssw' | 'hos', string>;

let seq = 0;
const insertChild = childInserter(() => w, (n) => ({ reference: `PC${n}`, firstName: `Kid${n}`, lastName: 'Confirm', dateOfBirth: '2014-06-01', upn: `B${String(100000000000 + n)}` }));

/** A looked-after child (legal status from 2025). */
async function lookedAfter(values: Parameters<typeof insertChild>[0] = {}) {
  const c = await insertChild(values);
  await db().insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: SINCE });
  return c;
}

/** An approved household with no one placed, supervised by the test SSW. */
async function newHousehold(reference: string, values: Partial<typeof household.$inferInsert> = {}) {
  const [h] = await db()
    .insert(household)
    .values({
      reference,
      addressLine1: '1 Gate Row',
      town: 'Testford',
      postcode: 'TF2 2AA',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 2,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term', 'long_term', 'emergency'],
      skillLevel: 2,
      ...values,
    })
    .returning();
  return h!;
}

/** A child already living with a household. */
async function placeThere(childId: string, householdId: string, values: Partial<typeof placement.$inferInsert> = {}) {
  const [p] = await db()
    .insert(placement)
    .values({ childId, householdId, startDate: SINCE, placementType: 'U6', status: 'active', kind: 'short_term', ...values })
    .returning();
  return p!;
}

async function newRequest(childId: string, o: { urgency?: 'planned' | 'emergency'; kind?: 'short_term' | 'long_term' | 'fostering_for_adoption' | 'concurrent_planning'; neededBy?: string; siblingIds?: string[] } = {}) {
  seq += 1;
  const [r] = await db()
    .insert(placementRequest)
    .values({
      reference: `PRC${seq}`,
      childId,
      status: 'matching',
      urgency: o.urgency ?? 'planned',
      kind: o.kind ?? 'short_term',
      neededBy: o.neededBy ?? TODAY,
      siblingIds: o.siblingIds ?? [],
      needs: { health: 'None known', needTags: [] },
      risks: { riskToSelf: 'None known', riskFromOthers: 'None known', riskToOthers: 'None known' },
      childViews: { childViews: 'Wants to stay at the same school' },
    })
    .returning();
  return r!;
}

/** Consider the household (both roles for each child already there) and propose it from `start`. */
async function proposed(requestId: string, householdId: string, start: string, residents: readonly string[] = []): Promise<string> {
  const { id } = await s().createProposal(ctx('placement_officer'), requestId, householdId);
  for (const existingChildId of residents) {
    await s().consider(ctx('placement_officer'), id, { existingChildId, servesWellbeing: 'yes', reasoning: 'Settled; room to share' });
    await s().consider(ctx('supervising_social_worker'), id, { existingChildId, servesWellbeing: 'yes', reasoning: 'Discussed with the carers' });
  }
  await s().propose(ctx('placement_officer'), id, await versionOf(id), { proposedStart: start });
  return id;
}

async function versionOf(proposalId: string): Promise<number> {
  const [p] = await db().select({ version: placementProposal.version }).from(placementProposal).where(eq(placementProposal.id, proposalId));
  return p!.version;
}

async function proposalRow(proposalId: string) {
  const [p] = await db().select().from(placementProposal).where(eq(placementProposal.id, proposalId));
  return p!;
}

const placementsOf = (childIds: string[]) => db().select().from(placement).where(inArray(placement.childId, childIds));
const placementRow = async (id: string) => (await db().select().from(placement).where(eq(placement.id, id)))[0]!;
const requestStatus = async (id: string) => (await db().select({ status: placementRequest.status }).from(placementRequest).where(eq(placementRequest.id, id)))[0]?.status;

/** The messages of a ValidationError for one field ('*': all). */
async function messages(field: string, p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ValidationError, String(err));
    return err.errors.filter((e) => field === '*' || e.field === field).map((e) => e.message);
  }
  return assert.fail('expected a ValidationError');
}

/** The household's line on the vacancies list, full ones included. */
async function vacancy(householdId: string) {
  const { items } = await w.services.matching.vacancies(ctx('placement_officer'), { includeFull: true });
  return items.find((v) => v.householdId === householdId);
}

const problemMessages = (body: string) => ((JSON.parse(body) as { errors?: { field: string; message: string }[] }).errors ?? []).map((e) => e.message);
const pageVersion = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

/** The SSW records a written answer from our own social worker (the one recorded for the child). */
async function recordAnswer(requirementId: string, outcome: 'agreed' | 'declined') {
  const [r] = await db().select().from(agreementRequirement).where(eq(agreementRequirement.id, requirementId));
  await s().recordAgreement(ctx('supervising_social_worker'), requirementId, r!.version, {
    method: 'letter_or_email',
    outcome,
    respondedOn: TODAY,
    responderName: 'Test social worker',
    responderRole: 'Social worker, Testshire',
    correspondence: outcome === 'agreed' ? 'I agree to this placement.' : 'I do not agree: my child needs to be the only child placed there.',
  });
}

const requirementFor = async (proposalId: string, existingChildId: string) =>
  (await db().select().from(agreementRequirement).where(and(eq(agreementRequirement.proposalId, proposalId), eq(agreementRequirement.existingChildId, existingChildId))))[0]!;

before(async () => {
  w = await testWorld({ today: TODAY });
  tokens.po = await tokenFor(w, 'placement_officer');
  tokens.ssw = await tokenFor(w, 'supervising_social_worker');
  tokens.hos = await tokenFor(w, 'head_of_service');
});
after(async () => w.close());

test('siblings: a request for two brothers confirms a placement for each in one step, or none when the household has too few places', async () => {
  const ben = await lookedAfter({ firstName: 'Ben', lastName: 'Brook', sex: 'M', dateOfBirth: '2013-03-03' });
  const cal = await lookedAfter({ firstName: 'Cal', lastName: 'Brook', sex: 'M', dateOfBirth: '2015-05-05' });
  // One row per pair, in id order (the table's check).
  await db().insert(siblingLink).values(siblingPair(ben.id, cal.id));
  const hs1 = await newHousehold('HSB1', { approvedChildren: 2 });
  assert.equal((await vacancy(hs1.id))?.placesFree, 2);

  const request = await newRequest(ben.id, { siblingIds: [cal.id] });
  const id = await proposed(request.id, hs1.id, TODAY);
  const view = await s().get(ctx('placement_officer'), id);
  assert.deepEqual(view.group.map((c) => c.id), [ben.id, cal.id], 'the request’s child first, then his brother');
  assert.deepEqual(view.blockers.confirm, []);
  const page = await (await as('placement_officer')).get(paths.proposals.show(id));
  assert.match(page.body, /Placed together/);
  assert.match(page.body, /Ben Brook \(PC\d+\), Cal Brook \(PC\d+\)/);

  // Through the API: one answer with both placements.
  const res = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.p.version, connectedPerson: 'no' }, tokens.po);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { placementId: string; placementIds: string[] };
  assert.equal(body.placementIds.length, 2);
  assert.equal(body.placementId, body.placementIds[0]);

  const rows = await placementsOf([ben.id, cal.id]);
  assert.equal(rows.length, 2, 'one placement for each brother');
  assert.deepEqual(rows.map((r) => r.id).sort(), [...body.placementIds].sort());
  for (const r of rows) {
    assert.equal(r.householdId, hs1.id);
    assert.equal(r.startDate, TODAY);
    assert.equal(r.status, 'active');
    assert.equal(r.placementType, 'U6', 'short-term, carers not connected');
    assert.equal(r.kind, 'short_term');
    assert.equal(r.endDate, null);
  }
  const p = await proposalRow(id);
  assert.equal(p.status, 'confirmed');
  assert.equal(p.placementId, body.placementIds[0]);
  assert.equal(await requestStatus(request.id), 'confirmed');
  const [audit] = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'proposal.confirmed'), eq(auditEvent.subjectId, id)));
  assert.ok(audit, 'the confirmation is audited');
  const details = audit.details as { placementIds: string[]; childIds: string[]; placementType: string; householdId: string };
  assert.deepEqual(details.placementIds, body.placementIds);
  assert.deepEqual(details.childIds, [ben.id, cal.id]);
  assert.equal(details.placementType, 'U6');
  assert.equal(details.householdId, hs1.id);

  // Brothers arriving together are not children "already placed" with each other: no agreement is owed between them.
  for (const c of [ben, cal]) {
    const owed = await w.services.obligations.list(ctx('placement_officer'), { childId: c.id, obligationId: 'concurrent-placement-agreement' });
    assert.equal(owed.items.length, 1, c.firstName);
    assert.deepEqual([owed.items[0]!.status, owed.items[0]!.flag], ['not_applicable', null], c.firstName);
  }

  // Vacancies count both brothers.
  const after1 = await vacancy(hs1.id);
  assert.equal(after1?.placed, 2);
  assert.equal(after1?.placesFree, 0);
  const open = await w.services.matching.vacancies(ctx('placement_officer'));
  assert.ok(!open.items.some((v) => v.householdId === hs1.id), 'a full household is not offered as a vacancy');

  // Another pair into a household with one place: it cannot even be considered, for the whole group.
  const dan = await lookedAfter({ firstName: 'Dan', lastName: 'Dale', sex: 'M' });
  const eli = await lookedAfter({ firstName: 'Eli', lastName: 'Dale', sex: 'M', dateOfBirth: '2016-01-01' });
  await db().insert(siblingLink).values(siblingPair(dan.id, eli.id));
  const pair = await newRequest(dan.id, { siblingIds: [eli.id] });
  const hs2 = await newHousehold('HSB2', { approvedChildren: 1 });
  const refused = await messages('householdId', s().createProposal(ctx('placement_officer'), pair.id, hs2.id));
  assert.ok(
    refused.some((m) => /^Approved for 1 child and 0 are placed, so only 1 place is free; the request is for 2 children \(Dan and 1 sibling\)\.$/.test(m)),
    refused.join(' | '),
  );
  assert.equal((await db().select().from(placementProposal).where(eq(placementProposal.requestId, pair.id))).length, 0);

  // A household proposed with two places whose approval then drops to one: confirming is refused with the reason, and nothing is stored for either brother.
  const hs3 = await newHousehold('HSB3', { approvedChildren: 2 });
  const id3 = await proposed(pair.id, hs3.id, TODAY);
  await db().update(household).set({ approvedChildren: 1 }).where(eq(household.id, hs3.id));
  const v3 = await versionOf(id3);
  const blocked = await messages('confirm', s().confirm(ctx('placement_officer'), id3, v3, { connectedPerson: 'no' }));
  assert.ok(blocked.some((m) => /^Approved for 1 child and 0 are placed, so only 1 place is free; the request is for 2 children \(Dan and 1 sibling\)\.$/.test(m)), blocked.join(' | '));
  assert.deepEqual(await placementsOf([dan.id, eli.id]), [], 'no placement for either brother');
  const p3 = await proposalRow(id3);
  assert.equal(p3.status, 'proposed');
  assert.equal(p3.version, v3);
  assert.equal(p3.placementId, null);
  assert.equal(await requestStatus(pair.id), 'proposed');
  assert.equal((await vacancy(hs3.id))?.placesFree, 1);
  // The page lists the same reason among what stops it.
  const shown = await s().get(ctx('placement_officer'), id3);
  assert.ok(shown.blockers.confirm.some((m) => m.includes('the request is for 2 children (Dan and 1 sibling)')), shown.blockers.confirm.join(' | '));
});

test('a move: the confirm page shows the current placement that will end and asks why; it ends the day the new one starts, in the same step', async () => {
  const po = await as('placement_officer');
  const max = await lookedAfter({ firstName: 'Max', lastName: 'Mover', sex: 'M' });
  const ha = await newHousehold('HMA1', { approvedChildren: 2 });
  const hb = await newHousehold('HMB1', { approvedChildren: 1 });
  const old = await placeThere(max.id, ha.id);
  assert.equal((await vacancy(ha.id))?.placed, 1);
  const request = await newRequest(max.id);
  const id = await proposed(request.id, hb.id, TODAY);

  let page = await po.get(paths.proposals.show(id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Current placement that will end/);
  assert.match(page.body, /Max Mover lives with household <a [^>]*>HMA1<\/a>/);
  assert.match(page.body, new RegExp(`name="reasonEnded-${old.id}"`), 'a reason question for the current placement');
  assert.match(page.body, /placement with household HMA1 ends/);
  assert.match(page.body, /<option value="CARPL"/);

  // Without the reason: refused, naming the current household, and nothing changes.
  const version = pageVersion(page.body);
  const noReason = await po.post(paths.proposals.confirm(id), { version, connectedPerson: 'no' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /govuk-error-summary/);
  assert.match(noReason.body, /Max Mover lives with household HMA1 until this placement starts: select the reason that placement ends/);
  const unknown = await po.post(paths.proposals.confirm(id), { version, connectedPerson: 'no', [`reasonEnded-${old.id}`]: 'NOPE' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /Select the reason the current placement ends from the list/);
  let oldRow = await placementRow(old.id);
  assert.deepEqual([oldRow.status, oldRow.endDate, oldRow.reasonEnded, oldRow.version], ['active', null, null, old.version]);
  assert.deepEqual((await placementsOf([max.id])).map((p) => p.id), [old.id]);
  assert.equal((await proposalRow(id)).status, 'proposed');

  // With it but no agreed move: refused (moves are agreed, not done), and nothing changes.
  page = await po.get(paths.proposals.show(id));
  const unagreed = await po.post(paths.proposals.confirm(id), { version: pageVersion(page.body), connectedPerson: 'no', [`reasonEnded-${old.id}`]: 'CARPL' });
  assert.equal(unagreed.statusCode, 400);
  assert.match(unagreed.body, /Max Mover lives with household HMA1: This placement cannot end early unless a move is agreed by the HARP panel or the head of service/);
  assert.equal((await proposalRow(id)).status, 'proposed');
  const move = await agreedMove(w, old.id);

  // With it: the old placement ends today with the reason, the new one starts today.
  page = await po.get(paths.proposals.show(id));
  const ok = await po.post(paths.proposals.confirm(id), { version: pageVersion(page.body), connectedPerson: 'no', [`reasonEnded-${old.id}`]: 'CARPL' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  oldRow = await placementRow(old.id);
  assert.equal(oldRow.status, 'ended');
  assert.equal(oldRow.endDate, TODAY);
  assert.equal(oldRow.reasonEnded, 'CARPL');
  const made = (await placementsOf([max.id])).filter((p) => p.id !== old.id);
  assert.equal(made.length, 1);
  assert.deepEqual([made[0]!.householdId, made[0]!.startDate, made[0]!.status, made[0]!.placementType], [hb.id, TODAY, 'active', 'U6']);
  assert.equal((await proposalRow(id)).placementId, made[0]!.id);
  const ending = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'placement.updated'), eq(auditEvent.subjectId, old.id)));
  assert.equal(ending.length, 1, 'the ending is audited');
  assert.deepEqual(ending[0]!.details, { fields: ['endDate', 'reasonEnded', 'endingBasis', 'status'], endDate: TODAY, reasonEnded: 'CARPL', move: true, plannedEnding: false, endingBasis: 'agreed_move', moveRequestId: move.id });
  assert.deepEqual([oldRow.endingBasis, oldRow.moveRequestId], ['agreed_move', move.id]);
  const [confirmed] = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'proposal.confirmed'), eq(auditEvent.subjectId, id)));
  assert.deepEqual((confirmed?.details as { moves: string[] }).moves, [old.id]);
  assert.equal((await vacancy(ha.id))?.placed, 0, 'the old household has its place back');
  assert.equal((await vacancy(hb.id))?.placed, 1);
});

test('a move from a later date: the current placement stays active with a planned ending, and its household counts the child until then', async () => {
  const nia = await lookedAfter({ firstName: 'Nia', lastName: 'Later' });
  const hc = await newHousehold('HMC1', { approvedChildren: 2 });
  const hd = await newHousehold('HMD1', { approvedChildren: 1 });
  const old = await placeThere(nia.id, hc.id);
  const request = await newRequest(nia.id, { neededBy: LATER });
  const id = await proposed(request.id, hd.id, LATER);

  let view = (await api('GET', paths.api.proposal(id), undefined, tokens.po)).json() as { version: number; moves: { placementId: string; householdReference: string; childId: string }[] };
  assert.deepEqual(view.moves.map((m) => [m.placementId, m.householdReference, m.childId]), [[old.id, 'HMC1', nia.id]]);

  const refused = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version, connectedPerson: 'no' }, tokens.po);
  assert.equal(refused.statusCode, 400, refused.body);
  assert.deepEqual(problemMessages(refused.body), ['Nia Later lives with household HMC1 until this placement starts: select the reason that placement ends']);
  assert.deepEqual((await placementsOf([nia.id])).map((p) => [p.id, p.status, p.endDate]), [[old.id, 'active', null]], 'nothing changed');

  await agreedMove(w, old.id);
  view = (await api('GET', paths.api.proposal(id), undefined, tokens.po)).json() as typeof view;
  const ok = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version, connectedPerson: 'no', currentPlacementEndReasons: { [old.id]: 'carpl' } }, tokens.po);
  assert.equal(ok.statusCode, 200, ok.body);
  const { placementId } = ok.json() as { placementId: string };
  const oldRow = await placementRow(old.id);
  assert.equal(oldRow.status, 'active', 'a future ending is a planned ending, not "ended"');
  assert.equal(oldRow.endDate, LATER);
  assert.equal(oldRow.reasonEnded, 'CARPL');
  const made = await placementRow(placementId);
  assert.deepEqual([made.householdId, made.startDate, made.status, made.endDate], [hd.id, LATER, 'planned', null]);
  const [ending] = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'placement.updated'), eq(auditEvent.subjectId, old.id)));
  assert.equal((ending?.details as { plannedEnding: boolean }).plannedEnding, true);

  // Until the move, Nia still lives with HMC1 and takes a place there.
  const hcNow = await vacancy(hc.id);
  assert.equal(hcNow?.placed, 1);
  assert.equal(hcNow?.placesFree, 1);
  const placementsPage = await (await as('placement_officer')).get(paths.placements.show(old.id));
  assert.equal(placementsPage.statusCode, 200);
  assert.match(placementsPage.body, /Status\s*<\/dt>\s*<dd[^>]*>\s*Active\s*<\/dd>/, 'the current placement is shown as active, not ended');
  assert.match(placementsPage.body, new RegExp(`End date\\s*</dt>\\s*<dd[^>]*>\\s*${formatDate(LATER)}\\s*</dd>`), 'with its planned end date');
});

test('placement type: derived from the answer about connected carers and the kind of placement, never preset, and required', async () => {
  const po = await as('placement_officer');
  const cases: { kind: 'short_term' | 'long_term' | 'fostering_for_adoption' | 'concurrent_planning'; answer: 'yes' | 'no'; type: string }[] = [
    { kind: 'short_term', answer: 'no', type: 'U6' },
    { kind: 'short_term', answer: 'yes', type: 'U3' },
    { kind: 'long_term', answer: 'no', type: 'U4' },
    { kind: 'long_term', answer: 'yes', type: 'U1' },
    { kind: 'fostering_for_adoption', answer: 'no', type: 'U5' },
    { kind: 'concurrent_planning', answer: 'no', type: 'U5' },
  ];
  let n = 0;
  for (const c of cases) {
    n += 1;
    const earlyPermanence = c.kind === 'fostering_for_adoption' || c.kind === 'concurrent_planning';
    const kid = await lookedAfter({ firstName: `Ty${n}`, dateOfBirth: earlyPermanence ? '2025-02-01' : '2014-06-01' });
    // Early permanence carers are dual approved by an adoption approval beside the fostering one, never by a tick on the terms.
    const hh = await newHousehold(`HPT${n}`, earlyPermanence ? { approvedChildren: 1, placementKinds: ['short_term'], fullTimeCarer: true, returnAgreementSignedOn: '2020-01-01' } : { approvedChildren: 1, placementKinds: [c.kind] });
    if (earlyPermanence) await db().insert(adoptionApproval).values({ householdId: hh.id, status: 'approved', panelDate: '2019-12-01', decisionDate: '2019-12-15' });
    const request = await newRequest(kid.id, { kind: c.kind });
    const id = await proposed(request.id, hh.id, TODAY);
    const expected = {
      short_term: { yes: 'U3', no: 'U6' },
      long_term: { yes: 'U1', no: 'U4' },
      fostering_for_adoption: { yes: 'U2', no: 'U5' },
      concurrent_planning: { yes: 'U2', no: 'U5' },
    }[c.kind];
    const view = (await api('GET', paths.api.proposal(id), undefined, tokens.po)).json() as { version: number; placementTypes: { yes: string; no: string } };
    assert.deepEqual(view.placementTypes, expected, c.kind);

    if (n === 1) {
      // The page explains each answer's type and presets neither.
      const page = await po.get(paths.proposals.show(id));
      const radios = page.body.match(/<input[^>]*name="connectedPerson"[^>]*>/g) ?? [];
      assert.equal(radios.length, 2, 'a yes and a no');
      assert.ok(radios.every((r) => !/\bchecked\b/.test(r)), `nothing preset: ${radios.join(' ')}`);
      assert.match(page.body, /Placement type U6: /);
      assert.match(page.body, /Placement type U3: /);
      assert.doesNotMatch(page.body, /name="placementType"/, 'no placement type field to preset');

      // Left unanswered: refused with a clear message, on the page and through the API and the service, and nothing is stored.
      const blank = await po.post(paths.proposals.confirm(id), { version: pageVersion(page.body) });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /Select whether the carers are a relative, friend or other connected person of the child/);
      const apiBlank = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version }, tokens.po);
      assert.equal(apiBlank.statusCode, 400);
      assert.deepEqual(problemMessages(apiBlank.body), ['Select whether the carers are a relative, friend or other connected person of the child: the SSDA903 placement type follows from it']);
      assert.deepEqual(await messages('connectedPerson', s().confirm(ctx('placement_officer'), id, view.version, { connectedPerson: 'maybe' })), [
        'Select whether the carers are a relative, friend or other connected person of the child: the SSDA903 placement type follows from it',
      ]);
      assert.deepEqual(await placementsOf([kid.id]), []);
      assert.equal((await proposalRow(id)).status, 'proposed');
    }

    const res = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version, connectedPerson: c.answer }, tokens.po);
    assert.equal(res.statusCode, 200, `${c.kind}/${c.answer}: ${res.body}`);
    const made = await placementRow((res.json() as { placementId: string }).placementId);
    assert.equal(made.placementType, c.type, `${c.kind}, connected: ${c.answer}`);
    assert.equal(made.kind, c.kind);
  }
});

test('emergencies: the head of service authorises only an emergency, never against a refusal; the placement starts without the agreement and says so until it is recorded', async () => {
  // A planned request: no authorisation, whatever is missing.
  const planned = await lookedAfter({ firstName: 'Pat', lastName: 'Planned' });
  const r1 = await lookedAfter({ firstName: 'Rae', lastName: 'Resident' });
  const he1 = await newHousehold('HEM1', { approvedChildren: 2 });
  await placeThere(r1.id, he1.id);
  const plannedId = await proposed((await newRequest(planned.id)).id, he1.id, TODAY, [r1.id]);
  const notEmergency = await api('POST', paths.api.proposalAction(plannedId, 'override'), { version: await versionOf(plannedId), reason: 'The carers are free tonight' }, tokens.hos);
  assert.equal(notEmergency.statusCode, 400);
  assert.match(problemMessages(notEmergency.body).join(' '), /Only an emergency placement can start before every written agreement is in: this request is for a planned placement/);
  assert.equal((await proposalRow(plannedId)).overrideReason, null);
  const plannedPage = await (await as('head_of_service')).get(paths.proposals.show(plannedId));
  assert.doesNotMatch(plannedPage.body, /Authorise the emergency placement/, 'the form is not offered for a planned placement');

  // An emergency request where the social worker declined in writing: no authorisation either.
  const urgent = await lookedAfter({ firstName: 'Una', lastName: 'Urgent' });
  const r2 = await lookedAfter({ firstName: 'Rob', lastName: 'Resident' });
  const he2 = await newHousehold('HEM2', { approvedChildren: 2 });
  await placeThere(r2.id, he2.id);
  const declinedId = await proposed((await newRequest(urgent.id, { urgency: 'emergency' })).id, he2.id, TODAY, [r2.id]);
  await recordAnswer((await requirementFor(declinedId, r2.id)).id, 'declined');
  const againstRefusal = await api('POST', paths.api.proposalAction(declinedId, 'override'), { version: await versionOf(declinedId), reason: 'Child at immediate risk tonight' }, tokens.hos);
  assert.equal(againstRefusal.statusCode, 400);
  assert.deepEqual(problemMessages(againstRefusal.body), [`The social worker of Rob Resident (${r2.reference}) declined this placement in writing: nothing can override a recorded refusal`]);
  assert.equal((await proposalRow(declinedId)).overrideReason, null);

  // An emergency request with the agreement not yet asked for: authorised, confirmed, flagged.
  const eve = await lookedAfter({ firstName: 'Eve', lastName: 'Emergency' });
  const r3 = await lookedAfter({ firstName: 'Ria', lastName: 'Resident' });
  const he3 = await newHousehold('HEM3', { approvedChildren: 2 });
  await placeThere(r3.id, he3.id);
  const request = await newRequest(eve.id, { urgency: 'emergency' });
  const id = await proposed(request.id, he3.id, TODAY, [r3.id]);
  const before1 = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: await versionOf(id), connectedPerson: 'no' }, tokens.po);
  assert.equal(before1.statusCode, 400);
  assert.deepEqual(problemMessages(before1.body), [`No written agreement from the social worker of Ria Resident (${r3.reference}) is recorded.`]);
  assert.equal((await api('POST', paths.api.proposalAction(id, 'override'), { version: await versionOf(id), reason: 'x' }, tokens.po)).statusCode, 403, 'only a head of service');
  const authorised = await api('POST', paths.api.proposalAction(id, 'override'), { version: await versionOf(id), reason: 'Police protection tonight; agreement being chased' }, tokens.hos);
  assert.equal(authorised.statusCode, 200, authorised.body);
  const view = (await api('GET', paths.api.proposal(id), undefined, tokens.po)).json() as { version: number; emergency: boolean; blockers: { confirm: string[] }; override: { reason: string; by: string } | null };
  assert.equal(view.emergency, true);
  assert.deepEqual(view.blockers.confirm, []);
  assert.deepEqual([view.override?.reason, view.override?.by], ['Police protection tonight; agreement being chased', w.users.head_of_service.userId]);
  const confirmed = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: view.version, connectedPerson: 'no' }, tokens.po);
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  const { placementId } = confirmed.json() as { placementId: string };
  const row = await placementRow(placementId);
  assert.equal(row.emergency, true);
  assert.equal(row.emergencyAuthorisedBy, w.users.head_of_service.userId);
  assert.equal(row.emergencyAuthorisedReason, 'Police protection tonight; agreement being chased');
  assert.ok(row.emergencyAuthorisedAt instanceof Date);
  assert.deepEqual(row.waivedChecks.map((c) => [c.code, c.aboutChildId]), [['agreement-missing', r3.id]]);
  assert.equal(row.outsideTermsOfApproval, false);

  // The obligation is open and flagged, through the API.
  const listed = async () => {
    const res = await api('GET', `${paths.api.obligations}?placementId=${placementId}&obligationId=concurrent-placement-agreement`, undefined, tokens.po);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { obligationId: string; status: string; completedOn: string | null; flag?: string | null; dueOn: string }[] }).items;
  };
  let items = await listed();
  assert.equal(items.length, 1, 'one child already placed, one agreement');
  assert.equal(items[0]!.completedOn, null);
  assert.equal(items[0]!.dueOn, TODAY);
  assert.ok(!items[0]!.status.startsWith('completed'), items[0]!.status);
  assert.equal(items[0]!.flag, 'Started without written agreement', 'the API presents the flag');
  const placementPage = async () => (await (await as('placement_officer')).get(paths.placements.show(placementId))).body;
  let shown = await placementPage();
  assert.match(shown, /Started without written agreement/);
  assert.match(shown, /Police protection tonight; agreement being chased/);
  const childPage = async () => (await (await as('placement_officer')).get(paths.children.show(eve.id))).body;
  assert.match(await childPage(), /Started without written agreement/, "the child's record says so too");

  // The agreement arrives after the start and is recorded against the placement: the flag goes.
  const recorded = await api(
    'POST',
    paths.api.childEvents(eve.id),
    { kind: 'agreement_recorded', eventDate: TODAY, placementId, aboutChildId: r3.id, evidence: 'E-mail from the social worker of Ria agreeing to the placement; filed on the carers’ file' },
    tokens.ssw,
  );
  assert.equal(recorded.statusCode, 201, recorded.body);
  items = await listed();
  assert.equal(items[0]!.completedOn, TODAY);
  assert.equal(items[0]!.flag ?? null, null);
  shown = await placementPage();
  assert.doesNotMatch(shown, /Started without written agreement/);
  assert.doesNotMatch(await childPage(), /Started without written agreement/);
});

test('an emergency authorisation stands in for missing considerations and agreements, not for the fostering limit', async () => {
  const zed = await lookedAfter({ firstName: 'Zed', lastName: 'Limit' });
  const residents = [await lookedAfter({ firstName: 'Lia' }), await lookedAfter({ firstName: 'Lou' })];
  const hl = await newHousehold('HLIM1', { approvedChildren: 4 });
  for (const r of residents) await placeThere(r.id, hl.id);
  const request = await newRequest(zed.id, { urgency: 'emergency' });
  const id = await proposed(request.id, hl.id, TODAY, residents.map((r) => r.id));
  // Meanwhile a third, unrelated child was placed there: nobody has considered them or asked their social worker.
  const late = await lookedAfter({ firstName: 'Leo' });
  await placeThere(late.id, hl.id);
  const auth = await api('POST', paths.api.proposalAction(id, 'override'), { version: await versionOf(id), reason: 'No other carers tonight' }, tokens.hos);
  assert.equal(auth.statusCode, 200, auth.body);
  const refused = await api('POST', paths.api.proposalAction(id, 'confirm'), { version: await versionOf(id), connectedPerson: 'no' }, tokens.po);
  assert.equal(refused.statusCode, 400);
  const said = problemMessages(refused.body);
  assert.equal(said.length, 1, said.join(' | '));
  assert.match(said[0]!, /^Placing Zed would make 4 fostered children here, more than the usual fostering limit of three \(Children Act 1989 Schedule 7 para 2\)/);
  assert.deepEqual(await placementsOf([zed.id]), []);
  assert.equal((await proposalRow(id)).status, 'proposed');
});

test('a written refusal is never walked round: not by a planned confirmation once all else holds, nor by an emergency authorisation given before it arrived', async () => {
  // Planned: considerations done, one agreement in, the other declined.
  const kid = await lookedAfter({ firstName: 'Kit', lastName: 'Refused' });
  const [a, b] = [await lookedAfter({ firstName: 'Ada', lastName: 'There' }), await lookedAfter({ firstName: 'Bea', lastName: 'There' })];
  const hr = await newHousehold('HREF1', { approvedChildren: 3 });
  await placeThere(a.id, hr.id);
  await placeThere(b.id, hr.id);
  const planned = await newRequest(kid.id);
  const id = await proposed(planned.id, hr.id, TODAY, [a.id, b.id]);
  await recordAnswer((await requirementFor(id, a.id)).id, 'agreed');
  await recordAnswer((await requirementFor(id, b.id)).id, 'declined');
  const refusal = `The social worker of Bea There (${b.reference}) declined this placement in writing.`;
  const v = await s().get(ctx('placement_officer'), id);
  assert.deepEqual(v.blockers.confirm, [refusal], 'the refusal is the only thing in the way');
  assert.deepEqual(await messages('confirm', s().confirm(ctx('placement_officer'), id, v.p.version, { connectedPerson: 'no' })), [refusal]);
  const page = await (await as('placement_officer')).post(paths.proposals.confirm(id), { version: String(v.p.version), connectedPerson: 'no' });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /Bea There \(PC\d+\) declined this placement in writing/);
  assert.deepEqual(await placementsOf([kid.id]), []);

  // Emergency: the head of service authorised while the agreements were still awaited; then one social worker declined.
  const em = await lookedAfter({ firstName: 'Em', lastName: 'Refused' });
  const [c, d] = [await lookedAfter({ firstName: 'Cas', lastName: 'There' }), await lookedAfter({ firstName: 'Dee', lastName: 'There' })];
  const hr2 = await newHousehold('HREF2', { approvedChildren: 3 });
  await placeThere(c.id, hr2.id);
  await placeThere(d.id, hr2.id);
  const urgent = await newRequest(em.id, { urgency: 'emergency' });
  const id2 = await proposed(urgent.id, hr2.id, TODAY, [c.id, d.id]);
  await s().override(ctx('head_of_service'), id2, await versionOf(id2), { reason: 'Child at risk tonight; agreements being chased' });
  assert.equal((await proposalRow(id2)).overrideReason, 'Child at risk tonight; agreements being chased');
  await recordAnswer((await requirementFor(id2, c.id)).id, 'agreed');
  await recordAnswer((await requirementFor(id2, d.id)).id, 'declined');
  const res = await api('POST', paths.api.proposalAction(id2, 'confirm'), { version: await versionOf(id2), connectedPerson: 'no' }, tokens.po);
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual(problemMessages(res.body), [`The social worker of Dee There (${d.reference}) declined this placement in writing.`]);
  assert.deepEqual(await placementsOf([em.id]), []);
  assert.equal((await proposalRow(id2)).status, 'proposed');
  assert.equal(await requestStatus(urgent.id), 'proposed');
  // A second authorisation is refused too, and the page no longer offers one.
  assert.equal((await api('POST', paths.api.proposalAction(id2, 'override'), { version: await versionOf(id2), reason: 'Again' }, tokens.hos)).statusCode, 400);
  const hosPage = await (await as('head_of_service')).get(paths.proposals.show(id2));
  assert.doesNotMatch(hosPage.body, /Authorise the emergency placement/);
});
