import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, legalStatus, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import { ChildMovesResponse, MoveResponse } from '../src/api/moves.ts';

// Wednesday 25 November 2026; the placements started on Monday 2 November.
const TODAY = '2026-11-25';
const START = '2026-11-02';

let w: TestWorld;
let token = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `MV${n}`, firstName: `Mover${n}`, lastName: 'Test', dateOfBirth: '2014-05-01' }));
const households: string[] = [];

const newHousehold = (ref: string) => approvedHousehold(w, { reference: ref, addressLine1: '2 Move Street', carerLastName: ref });

async function newPlacement() {
  const c = await insertChild();
  await w.database.db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: START });
  const [p] = await w.database.db.insert(placement).values({ childId: c.id, householdId: households[0]!, startDate: START, placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  return { childId: c.id, placementId: p!.id, version: p!.version };
}

const REQUEST = {
  reason: 'The carers have given notice after repeated incidents in the evenings',
  supportTried: 'Two Placement Support Meetings; mentoring funded by the Stability Panel',
  virtualSchoolAdviceFrom: 'Pat Virtual, Virtual School Head',
  virtualSchoolAdvice: 'Keep the school place; transport from the new home',
  alternativesConsidered: 'More respite; a mentor at weekends',
  tellingPlan: 'Told together by the social worker and the carers at home on Saturday',
  tellingConfirmedBySw: 'Test social worker',
  tellingConfirmedBySsw: 'Test supervising social worker',
  tellingConfirmedByCarers: 'Jo Carer',
};
const URGENT = {
  ...REQUEST,
  urgent: true,
  tellingConfirmedByCarers: '',
  safeguardingIssue: 'An allegation against a member of the household, referred the same day',
  alternativeOptions: [
    { option: 'Stay with a safety plan', suitable: false, why: 'The allegation is about someone living there' },
    { option: 'Household HMV2 (vacancy)', suitable: true, why: 'Same school; approved for the age' },
  ],
};
const HARP = { outcome: 'agreed', decidedThrough: 'harp_panel', panelDate: '2026-11-24', panelChair: 'Chris Chair', decisionReason: 'Support was tried; the move is in the child’s interests' };
const HOS = { outcome: 'agreed', decidedThrough: 'head_of_service', decisionReason: 'The child cannot stay safely; the alternatives were considered' };


const endBody = (endDate: string) => ({ startDate: START, endDate, placementType: 'U3', status: 'ended', kind: 'short_term', reasonEnded: 'CREQB' });

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'social_worker');
  households.push(await newHousehold('HMV1'), await newHousehold('HMV2'));
});
after(async () => w.close());

test('a planned move: requested with every part, agreed by the HARP panel (recorded by a manager); only then does the placement end, recording how', async () => {
  const { childId, placementId } = await newPlacement();
  const m = w.services.moves;
  assert.deepEqual(await problemsOf(m.request(ctx('social_worker'), placementId, { ...REQUEST, tellingConfirmedBySsw: '', tellingConfirmedByCarers: '' })), [
    'tellingConfirmedBySsw: Enter who agreed, for the supervising social worker, how and when the child will be told',
    'tellingConfirmedByCarers: Enter who agreed, for the carers, how and when the child will be told',
  ]);
  await assert.rejects(m.request(ctx('iro'), placementId, REQUEST), ForbiddenError);
  const r = await m.request(ctx('social_worker'), placementId, REQUEST);
  assert.deepEqual([r.status, r.urgent, r.requestedByName], ['requested', false, 'Test social worker']);
  assert.deepEqual(await problemsOf(m.request(ctx('social_worker'), placementId, REQUEST)), ['form: A move from this placement is already waiting for agreement']);

  // Waiting: the placement cannot end.
  const p = await w.services.placements.get(ctx('team_manager'), placementId);
  assert.match((await problemsOf(w.services.placements.update(ctx('team_manager'), placementId, p.version, endBody(TODAY)))).join(), /has not been agreed by the HARP panel or the head of service yet/);

  await assert.rejects(m.decide(ctx('social_worker'), r.id, r.version, HARP), ForbiddenError);
  assert.deepEqual(await problemsOf(m.decide(ctx('team_manager'), r.id, r.version, { ...HARP, panelChair: '' })), ['panelChair: Enter the name of the HARP panel chair']);
  assert.deepEqual(await problemsOf(m.decide(ctx('team_manager'), r.id, r.version, HOS)), [
    'decidedThrough: Only the head of service can record their own decision: record the HARP panel decision, or ask the head of service',
  ]);
  const agreed = await m.decide(ctx('team_manager'), r.id, r.version, HARP);
  assert.deepEqual([agreed.status, agreed.decidedThrough, agreed.panelDate, agreed.decidedByName], ['agreed', 'harp_panel', '2026-11-24', 'Test team manager']);
  assert.ok(agreed.decidedAt instanceof Date);

  await w.services.placements.update(ctx('team_manager'), placementId, p.version, endBody(TODAY));
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([row?.status, row?.endingBasis, row?.moveRequestId], ['ended', 'agreed_move', r.id]);
  const audit = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, placementId), eq(auditEvent.action, 'move.decided')));
  assert.equal(audit.length, 1);
  assert.equal((await m.ofChild(ctx('iro'), childId)).length, 1);
});

test('an urgent move: only for a recorded safeguarding issue; authorised only by the head of service once the alternatives are listed; the new placement is then confirmed and its Placement Planning Meeting is due', async () => {
  const { childId, placementId } = await newPlacement();
  const m = w.services.moves;
  assert.deepEqual(await problemsOf(m.request(ctx('social_worker'), placementId, { ...URGENT, safeguardingIssue: '' })), ['safeguardingIssue: An urgent move is only for an immediate safeguarding issue: enter the issue']);
  const bare = await m.request(ctx('social_worker'), placementId, { ...URGENT, alternativeOptions: [] });
  assert.match((await problemsOf(m.decide(ctx('head_of_service'), bare.id, bare.version, HOS))).join(), /only once the alternative placement options are listed/);
  await m.withdraw(ctx('social_worker'), bare.id, bare.version);

  // Until authorised, no new placement for the child can be confirmed.
  const move = { childId, householdId: households[1], startDate: TODAY, placementType: 'U3', status: 'active', kind: 'short_term', currentPlacementEndReason: 'ALLEG' };
  assert.match((await problemsOf(w.services.placements.create(ctx('team_manager'), move))).join(), /cannot end early unless a move is agreed/);
  const r = await m.request(ctx('social_worker'), placementId, URGENT);
  assert.match((await problemsOf(w.services.placements.create(ctx('team_manager'), move))).join(), /The urgent move from this placement has not been authorised by the head of service yet/);
  assert.deepEqual(await problemsOf(m.decide(ctx('team_manager'), r.id, r.version, HARP)), ['decidedThrough: An urgent move is authorised by the head of service']);
  const ok = await m.decide(ctx('head_of_service'), r.id, r.version, HOS);
  assert.deepEqual([ok.status, ok.decidedThrough, ok.decidedByName], ['agreed', 'head_of_service', 'Test head of service']);

  const next = await w.services.placements.create(ctx('team_manager'), move);
  const [old] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([old?.status, old?.endDate, old?.endingBasis, old?.moveRequestId], ['ended', TODAY, 'urgent_move', r.id]);
  const obligations = await w.services.obligations.list(ctx('team_manager'), { placementId: next.id });
  assert.ok(obligations.items.some((o) => o.obligationId === 'placement-planning-meeting'), 'the new placement has its Placement Planning Meeting obligation, as any placement does');
});

test('a planned end in the care plan, or the child leaving care that day, needs no move request', async () => {
  const { placementId, version } = await newPlacement();
  const s = w.services.planning;
  const draft = await s.saveDraft(ctx('social_worker'), placementId, 'care_plan', 0, { completedOn: '2026-11-20', whereHeld: 'Case record', agreedWithParent: 'yes', plannedEndOn: '2026-11-25' });
  await s.complete(ctx('social_worker'), placementId, 'care_plan', draft.version);
  await w.services.placements.update(ctx('team_manager'), placementId, version, endBody(TODAY));
  const [row] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([row?.endingBasis, row?.moveRequestId], ['care_plan', null]);
});

test('correcting the end date of an ended placement passes the ending gate again: a planned end holds only on its day', async () => {
  const { placementId, version } = await newPlacement();
  const s = w.services.planning;
  const draft = await s.saveDraft(ctx('social_worker'), placementId, 'care_plan', 0, { completedOn: '2026-11-20', whereHeld: 'Case record', agreedWithParent: 'yes', plannedEndOn: '2026-11-25' });
  await s.complete(ctx('social_worker'), placementId, 'care_plan', draft.version);
  await w.services.placements.update(ctx('team_manager'), placementId, version, endBody(TODAY));
  const [ended] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([ended?.status, ended?.endingBasis], ['ended', 'care_plan']);
  // Moved two days earlier, before the end the care plan plans: that is a move, and none is agreed.
  assert.match((await problemsOf(w.services.placements.update(ctx('team_manager'), placementId, ended!.version, endBody('2026-11-23')))).join(), /endDate: This placement cannot end early \(the care plan plans its end on 25 November 2026\) unless a move is agreed/);
  const [unchanged] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([unchanged?.endDate, unchanged?.version], [TODAY, ended!.version], 'nothing changed');
  // A correction that keeps the day (here, the reason) is allowed as before.
  await w.services.placements.update(ctx('team_manager'), placementId, ended!.version, { ...endBody(TODAY), reasonEnded: 'CARPL' });
  const [same] = await w.database.db.select().from(placement).where(eq(placement.id, placementId));
  assert.deepEqual([same?.endDate, same?.endingBasis, same?.reasonEnded], [TODAY, 'care_plan', 'CARPL'], 'a correction that keeps the day keeps its basis');
});

test('API: request, list, get, decide (precise responses); problems as JSON; refusals and a stale version', async () => {
  const { childId, placementId } = await newPlacement();
  const bad = await api('POST', paths.api.placementMoves(placementId), { ...REQUEST, virtualSchoolAdvice: '' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['virtualSchoolAdvice']);
  const created = await api('POST', paths.api.placementMoves(placementId), REQUEST);
  assert.equal(created.statusCode, 201, created.body);
  const r = MoveResponse.parse(created.json());
  const list = await api('GET', paths.api.placementMoves(placementId));
  assert.equal(list.statusCode, 200);
  assert.deepEqual(z.array(MoveResponse).parse(list.json()).map((x) => x.id), [r.id]);
  const ofChild = await api('GET', paths.api.childMoves(childId));
  assert.equal(ChildMovesResponse.parse(ofChild.json())[0]?.householdReference, 'HMV1');
  assert.equal((await api('GET', paths.api.move(r.id))).statusCode, 200);
  const hos = await tokenFor(w, 'head_of_service');
  assert.equal((await api('POST', paths.api.moveDecision(r.id), { ...HOS, version: r.version }, token)).statusCode, 403);
  const stale = await api('POST', paths.api.moveDecision(r.id), { ...HOS, version: r.version + 1 }, hos);
  assert.equal(stale.statusCode, 409);
  const decided = await api('POST', paths.api.moveDecision(r.id), { ...HOS, outcome: 'declined', version: r.version }, hos);
  assert.equal(decided.statusCode, 200, decided.body);
  assert.equal(MoveResponse.parse(decided.json()).status, 'declined');
  // Declined: the placement still cannot end early; a new request can be made, and withdrawn.
  const again = MoveResponse.parse((await api('POST', paths.api.placementMoves(placementId), REQUEST)).json());
  const withdrawn = await api('POST', paths.api.moveWithdrawal(again.id), { version: again.version });
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  assert.equal(MoveResponse.parse(withdrawn.json()).status, 'withdrawn');
  const p = (await api('GET', `/api/v1/placements/${placementId}`, undefined, hos)).json() as { version: number };
  const ended = await api('PUT', `/api/v1/placements/${placementId}`, { ...endBody(TODAY), version: p.version }, hos);
  assert.equal(ended.statusCode, 400);
  assert.match(JSON.stringify(ended.json()), /cannot end early unless a move is agreed/);
  assert.equal((await api('POST', paths.api.placementMoves(placementId), REQUEST, await tokenFor(w, 'iro'))).statusCode, 403);
});

test('pages: the request forms keep what was typed with an error summary; the move page, the decision and the withdrawal; the placement page lists the moves', async () => {
  const { placementId } = await newPlacement();
  const sw = await clients('social_worker');
  const form = await sw.get(paths.moves.request(placementId));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /How and when the child will be told/);
  const bad = await sw.post(paths.moves.request(placementId), { reason: 'Carers gave notice' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Enter the Virtual School&#39;s advice|Enter the Virtual School's advice/);
  assert.match(bad.body, /Carers gave notice/);

  // Urgent: an alternative with no reason is shown against its own field.
  const urgentForm = await sw.get(paths.moves.urgent(placementId));
  assert.match(urgentForm.body, /The immediate safeguarding issue/);
  const { alternativeOptions: _alternatives, urgent: _urgent, ...urgentText } = URGENT;
  const badUrgent = await sw.post(paths.moves.urgent(placementId), { ...urgentText, alternative1Option: 'Aunt', alternative1Suitable: 'no' });
  assert.equal(badUrgent.statusCode, 400);
  assert.match(badUrgent.body, /href="#alternative1Why"/);
  const urgent = await sw.post(paths.moves.urgent(placementId), { ...urgentText, alternative1Option: 'Aunt', alternative1Suitable: 'no', alternative1Why: 'No room until spring' });
  assert.equal(urgent.statusCode, 303, urgent.body.slice(0, 500));
  const moveUrl = urgent.headers.location as string;
  const page = await sw.get(moveUrl);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Urgent move request/);
  assert.match(page.body, /Aunt: not suitable/);
  assert.match(page.body, /Withdraw the request/);
  const moveId = moveUrl.split('/').at(-1)!;
  const ask = await sw.get(paths.moves.withdraw(moveId));
  assert.match(ask.body, /Are you sure you want to withdraw this move request\?/);
  const unasked = await sw.post(paths.moves.withdraw(moveId), {});
  assert.equal(unasked.headers.location, paths.moves.withdraw(moveId), 'asked first');
  assert.doesNotMatch((await sw.get(moveUrl)).body, /Withdrawn/, 'nothing changed');
  const shownVersion = Number(/name="version" value="(\d+)"/.exec(ask.body)?.[1]);
  const stale = await sw.post(paths.moves.withdraw(moveId), { confirm: 'yes', version: String(shownVersion + 1) });
  assert.equal(stale.statusCode, 409, 'a version other than the record has (as after someone else changed it): refused');
  assert.doesNotMatch((await sw.get(moveUrl)).body, /Withdrawn/, 'nothing changed');
  const withdrawn = await sw.post(paths.moves.withdraw(moveId), { confirm: 'yes', version: String(shownVersion) });
  assert.equal(withdrawn.statusCode, 303);
  const after = (await sw.get(moveUrl)).body;
  assert.match(after, /Withdrawn/);
  assert.match(after, /govuk-notification-banner--success[\s\S]*The move request has been withdrawn/);
  assert.equal((await sw.get(paths.moves.withdraw(moveId))).headers.location, moveUrl, 'nothing left to withdraw');

  const ok = await sw.post(paths.moves.request(placementId), REQUEST);
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  const id = (ok.headers.location as string).split('/').at(-1)!;
  const tm = await clients('team_manager');
  const decision = await tm.get(paths.moves.decide(id));
  assert.equal(decision.statusCode, 200);
  assert.match(decision.body, /Date of the HARP panel/);
  const badDecision = await tm.post(paths.moves.decide(id), { version: '1', outcome: 'agreed', decidedThrough: 'harp_panel', decisionReason: 'Agreed' });
  assert.equal(badDecision.statusCode, 400);
  assert.match(badDecision.body, /Enter the date of the HARP panel/);
  const decided = await tm.post(paths.moves.decide(id), { version: '1', outcome: 'agreed', decidedThrough: 'harp_panel', 'panelDate-day': '24', 'panelDate-month': '11', 'panelDate-year': '2026', panelChair: 'Chris Chair', decisionReason: 'Agreed at panel' });
  assert.equal(decided.statusCode, 303, decided.body.slice(0, 500));
  const shown = await tm.get(paths.moves.show(id));
  assert.match(shown.body, /Agreed by the HARP panel on 24 November 2026 \(chair: Chris Chair\)/);
  const placementPage = await sw.get(paths.placements.show(placementId));
  assert.match(placementPage.body, /id="moves"/);
  assert.match(placementPage.body, /Agreed at panel|Agreed/);
  assert.equal((await sw.get(paths.moves.decide(id))).statusCode, 403);
  const iro = await clients('iro');
  assert.equal((await iro.get(paths.moves.request(placementId))).statusCode, 403);
});

test('endings: planned or unplanned, who agreed it and the SSDA903 reason; a disruption meeting keeps its learning on the household and the child (pages and API)', async () => {
  const { childId, placementId, version } = await newPlacement();
  const m = w.services.moves;
  const r = await m.request(ctx('social_worker'), placementId, URGENT);
  await m.decide(ctx('head_of_service'), r.id, r.version, HOS);
  // No disruption meeting before the placement has an end.
  const meeting = { heldOn: '2026-11-25', chair: 'Test supervising social worker', attendees: 'SW, SSW, carers, Virtual School', whatHappened: 'An allegation; the child moved the same day', learningForHousehold: 'Safer-care plan to be reviewed before the next placement', learningForChild: 'Needs time to settle; keep the school' };
  assert.deepEqual(await problemsOf(m.recordEndingMeeting(ctx('supervising_social_worker'), placementId, meeting)), ['form: A disruption meeting is about a placement that has ended or has an end date']);
  await w.services.placements.update(ctx('team_manager'), placementId, version, { ...endBody(TODAY), reasonEnded: 'ALLEG' });

  const ending = await api('GET', paths.api.placementEnding(placementId));
  assert.equal(ending.statusCode, 200, ending.body);
  assert.deepEqual(ending.json(), { placementId, endDate: TODAY, reasonEnded: 'ALLEG', planned: false, basis: 'An urgent move (immediate safeguarding issue)', agreedBy: 'Test head of service (head of service)', moveRequestId: r.id });

  const ssw = await clients('supervising_social_worker');
  const page = await ssw.get(paths.placements.show(placementId));
  assert.match(page.body, /Unplanned/);
  assert.match(page.body, /Test head of service \(head of service\)/);
  assert.match(page.body, /ALLEG: Allegation \(s47\)/);
  const bad = await ssw.post(paths.moves.endingMeeting(placementId), { chair: 'Sue' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter the learning for the child/);
  const ok = await ssw.post(paths.moves.endingMeeting(placementId), { ...meeting, 'heldOn-day': '25', 'heldOn-month': '11', 'heldOn-year': '2026' });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  const childPage = await ssw.get(paths.children.show(childId));
  assert.match(childPage.body, /Learning from placement endings/);
  assert.match(childPage.body, /Needs time to settle; keep the school/);
  const householdPage = await ssw.get(paths.households.show(households[0]!));
  assert.match(householdPage.body, /Safer-care plan to be reviewed before the next placement/);

  const viaApi = await api('POST', paths.api.placementEndingMeetings(placementId), meeting);
  assert.equal(viaApi.statusCode, 201, viaApi.body);
  for (const url of [paths.api.placementEndingMeetings(placementId), paths.api.childEndingMeetings(childId), paths.api.householdEndingMeetings(households[0]!)]) {
    const list = await api('GET', url);
    assert.equal(list.statusCode, 200, url);
    assert.ok((list.json() as { learningForChild: string }[]).some((x) => x.learningForChild === meeting.learningForChild), url);
  }
  const refused = await api('POST', paths.api.placementEndingMeetings(placementId), { ...meeting, heldOn: '2026-11-26' });
  assert.equal(refused.statusCode, 400);
  assert.equal((await api('POST', paths.api.placementEndingMeetings(placementId), meeting, await tokenFor(w, 'iro'))).statusCode, 403);
});
