import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { apiCaller, childInserter, clientsFor, tokenFor, type TestWorld } from './helpers.ts';
import { obligationWorld, type ObligationIds } from './obligation-fixture.ts';
import { appUser, auditEvent, childEvent, householdEvent, legalStatus, obligation, organisation, reviewAttendance, team } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { compareRows, type ObligationRow } from '../src/services/obligations.ts';

const TODAY = '2024-01-15';
let w: TestWorld;
let ids: ObligationIds;
before(async () => {
  ({ w, ids } = await obligationWorld(TODAY));
});
after(async () => w.close());

const as = clientsFor(() => w.app);

/** The visible text of a page, without tags, on one line. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

test('"My work" lists the signed-in person\'s obligations, overdue first, with due dates in words and a link to record each', async () => {
  const sw = await as('social_worker');
  const res = await sw.get(paths.obligations.myWork);
  assert.equal(res.statusCode, 200);
  const body = text(res.body);
  assert.match(body, /My work/);
  assert.match(body, /Placement plan/);
  assert.match(body, /9 working days overdue/);
  const tags = [...res.body.matchAll(/<strong class="govuk-tag govuk-tag--\w+">\s*([^<]+?)\s*<\/strong>/g)].map((m) => m[1]);
  assert.ok(tags.length > 2);
  assert.equal(tags[0], 'Overdue');
  const firstOther = tags.findIndex((t) => t !== 'Overdue');
  assert.ok(firstOther === -1 || !tags.slice(firstOther).includes('Overdue'), `overdue first: ${tags.join(', ')}`);
  assert.match(res.body, new RegExp(`href="${paths.obligations.newChildEvent(ids.child)}\\?kind=placement_plan_completed&amp;placementId=${ids.placement}"`));
  assert.doesNotMatch(body, /Looked-after review/, "the IRO's reviews are not on the social worker's list");

  const iro = await as('iro');
  const iroBody = text((await iro.get(paths.obligations.myWork)).body);
  assert.match(iroBody, /Looked-after review/);
  assert.doesNotMatch(iroBody, /Placement plan/);
  const iroPage = (await iro.get(paths.obligations.myWork)).body;
  assert.doesNotMatch(iroPage, /events\/new/, 'an IRO records only reviews, so is offered no other Record link');
  assert.match(iroPage, new RegExp(`href="${paths.obligations.newReview(ids.child)}"`), "the IRO's review queue and Record link open the review form");
  assert.match(text(iroPage), /Looked-after reviews to record \d+/);

  const done = text((await sw.get(`${paths.obligations.myWork}?show=done`)).body);
  assert.match(done, /Nothing to show here/, 'nothing has been completed yet');
});

test('recording from the page: the form comes filled in, bad input shows the error summary and keeps the input, good input completes the obligation', async () => {
  const sw = await as('social_worker');
  const form = await sw.get(`${paths.obligations.newChildEvent(ids.child)}?kind=placement_plan_completed&placementId=${ids.placement}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`<option value="${ids.placement}" selected`));
  assert.doesNotMatch(form.body, /name="aboutChildId"/, 'only the fields this kind of event needs');

  const bad = await sw.post(paths.obligations.newChildEvent(ids.child), {
    kind: 'placement_plan_completed',
    'eventDate-day': '16',
    'eventDate-month': '1',
    'eventDate-year': '2024',
    placementId: ids.placement,
    evidence: 'Signed by the carers',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /today or in the past/);
  assert.match(bad.body, /Signed by the carers/);
  assert.equal((await w.database.db.select().from(childEvent).where(eq(childEvent.childId, ids.child))).length, 0);

  const good = await sw.post(paths.obligations.newChildEvent(ids.child), {
    kind: 'placement_plan_completed',
    'eventDate-day': '2',
    'eventDate-month': '1',
    'eventDate-year': '2024',
    placementId: ids.placement,
    evidence: 'Signed by the carers',
  });
  assert.equal(good.statusCode, 303);
  assert.equal(good.headers.location, `${paths.children.show(ids.child)}#obligations`);

  const page = await sw.get(paths.children.show(ids.child));
  const body = text(page.body);
  assert.match(body, /Statutory obligations/);
  assert.match(body, /Placement plan .*5 working days after the placement started on Thu 21 Dec 2023 \(skipping 23–26 Dec/);
  assert.match(body, /Source: CPPCR/);
  assert.match(body, /Completed on time/);
  assert.match(body, /Recorded events/);
  assert.match(body, /Signed by the carers/);

  // The placement's page lists the placement's own obligations only.
  const placementPage = text((await sw.get(paths.placements.show(ids.placement))).body);
  assert.match(placementPage, /Placement Planning Meeting/);
  assert.match(placementPage, /Written agreement from the social worker of each child already placed/);
  assert.doesNotMatch(placementPage, /Care plan/, 'the care plan belongs to the child, not the placement');
});

test('correcting a recorded date from the page changes the status; a stale form is refused', async () => {
  const sw = await as('social_worker');
  const [e] = await w.database.db.select().from(childEvent).where(and(eq(childEvent.childId, ids.child), eq(childEvent.kind, 'placement_plan_completed')));
  assert.ok(e);
  const url = paths.obligations.correctEvent(ids.child, e.id);
  const form = await sw.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="version" value="1"/);
  const noReason = await sw.post(url, { version: '1', 'eventDate-day': '5', 'eventDate-month': '1', 'eventDate-year': '2024', evidence: 'Signed late' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter why the record is being corrected/);
  const ok = await sw.post(url, { version: '1', 'eventDate-day': '5', 'eventDate-month': '1', 'eventDate-year': '2024', evidence: 'Signed late', reason: 'Wrong date typed' });
  assert.equal(ok.statusCode, 303);
  assert.match(text((await sw.get(paths.children.show(ids.child))).body), /Completed late/);
  const stale = await sw.post(url, { version: '1', 'eventDate-day': '2', 'eventDate-month': '1', 'eventDate-year': '2024', evidence: 'x', reason: 'Again' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /changed by someone else/);
});

test('a household records a foster carer review; the household page lists its obligations and the children placed there', async () => {
  const ssw = await as('supervising_social_worker');
  const page = text((await ssw.get(paths.households.show(ids.hh))).body);
  assert.match(page, /Foster carer review/);
  assert.match(page, /Placement Planning Meeting/);
  const res = await ssw.post(paths.obligations.newHouseholdEvent(ids.hh), {
    kind: 'carer_review_held',
    'eventDate-day': '10',
    'eventDate-month': '1',
    'eventDate-year': '2024',
    evidence: 'Review report to panel',
  });
  assert.equal(res.statusCode, 303);
  const [e] = await w.database.db.select().from(householdEvent).where(eq(householdEvent.householdId, ids.hh));
  assert.equal(e?.recordedBy, w.users.supervising_social_worker.userId);
  assert.match(text((await ssw.get(paths.households.show(ids.hh))).body), /Review report to panel/);

  // Correct its date: the review was in fact held later, and the audit keeps the first date.
  const url = paths.obligations.correctHouseholdEvent(ids.hh, e!.id);
  assert.equal((await ssw.get(url)).statusCode, 200);
  const ok = await ssw.post(url, { version: '1', 'eventDate-day': '12', 'eventDate-month': '1', 'eventDate-year': '2024', evidence: 'Review report to panel', reason: 'Held on the 12th' });
  assert.equal(ok.statusCode, 303);
  const [corrected] = await w.database.db.select().from(householdEvent).where(eq(householdEvent.id, e!.id));
  assert.equal(corrected?.eventDate, '2024-01-12');
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'obligation.event.corrected'), eq(auditEvent.subjectId, ids.hh)));
  assert.deepEqual((audit?.details as { before: { eventDate: string } }).before.eventDate, '2024-01-10');
});

test("a manager drills down from the dashboard into a team's and a worker's overdue and open obligations", async () => {
  const tm = await as('team_manager');
  const teamId = w.users.team_manager.teamId!;
  const worker = w.users.social_worker.userId;
  const dashboard = (await tm.get(paths.obligations.dashboard)).body;
  assert.match(dashboard, new RegExp(`href="${paths.obligations.team(teamId)}"`), 'each team row links to its obligations');
  assert.match(dashboard, new RegExp(`href="${paths.obligations.worker(worker)}"`), 'each worker row links to theirs');
  const overdue = await tm.get(paths.obligations.worker(worker));
  assert.equal(overdue.statusCode, 200);
  const overdueText = text(overdue.body);
  assert.match(overdueText, /Overdue: Test social worker/);
  assert.match(overdueText, /Placement plan/);
  assert.doesNotMatch(overdueText, /Due soon|Not yet due/, 'only what is overdue');
  const open = text((await tm.get(`${paths.obligations.worker(worker)}?show=open`)).body);
  assert.match(open, /All to do: Test social worker/);
  const team = text((await tm.get(paths.obligations.team(teamId))).body);
  assert.match(team, /Overdue: Test Team/);
  assert.match(team, /Test social worker/, 'the team list names who is responsible');
  assert.equal((await tm.get(paths.obligations.worker('00000000-0000-4000-8000-000000000000'))).statusCode, 404);
  assert.equal((await (await as('social_worker')).get(paths.obligations.team(teamId))).statusCode, 403);
});

test('who may do what: an IRO records reviews only, only managers see the dashboard, everyone can read the rules', async () => {
  const iro = await as('iro');
  const form = await iro.get(paths.obligations.newChildEvent(ids.child));
  assert.equal(form.statusCode, 200);
  const offered = [...form.body.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(offered, ['delegated_authority_reviewed', 'review_held'], 'the form offers the IRO only what the IRO records');
  assert.equal((await iro.post(paths.obligations.newChildEvent(ids.child), { kind: 'visit' })).statusCode, 403);
  assert.equal((await iro.post(paths.obligations.newHouseholdEvent(ids.hh), { kind: 'carer_review_held' })).statusCode, 403);
  assert.equal((await (await as('administrator')).get(paths.obligations.newReview(ids.child))).statusCode, 403);
  assert.equal((await iro.get(paths.obligations.dashboard)).statusCode, 403);
  assert.equal((await iro.get(paths.obligations.dashboardCsv)).statusCode, 403);
  assert.equal((await (await as('social_worker')).get(paths.obligations.dashboard)).statusCode, 403);
  const rule = await iro.get(paths.obligations.rule('placement-plan'));
  assert.equal(rule.statusCode, 200);
  assert.match(text(rule.body), /CPPCR reg 9/);
  assert.equal((await iro.get(paths.obligations.rule('no-such-rule'))).statusCode, 404);
  assert.match(text((await iro.get(paths.obligations.rules)).body), /Foster carer review/);
});

test('the compliance dashboard: figures by team, worker and obligation, filters, bad periods refused, and a CSV download that is audited', async () => {
  const tm = await as('team_manager');
  const res = await tm.get(`${paths.obligations.dashboard}?from-day=1&from-month=12&from-year=2023&to-day=15&to-month=1&to-year=2024`);
  assert.equal(res.statusCode, 200);
  const body = text(res.body);
  assert.match(body, /By team/);
  assert.match(body, /Test Team/);
  assert.match(body, /Test social worker/);
  assert.match(body, /Share done on time/);
  assert.match(body, /Overdue now/);

  // A team manager opens their own team's figures; choosing "All teams" (teamId empty) shows everyone's.
  const teamId = w.users.team_manager.teamId!;
  const own = (await tm.get(paths.obligations.dashboard)).body;
  assert.match(own, new RegExp(`<option value="${teamId}" selected`));
  assert.doesNotMatch((await tm.get(`${paths.obligations.dashboard}?teamId=`)).body, /<option value="[0-9a-f-]{36}" selected/);

  const filtered = text((await tm.get(`${paths.obligations.dashboard}?obligationId=foster-carer-review`)).body);
  assert.doesNotMatch(filtered.slice(filtered.indexOf('By obligation')), /Placement plan/);

  const bad = await tm.get(`${paths.obligations.dashboard}?from-day=31&from-month=2&from-year=2024`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  const backwards = await tm.get(`${paths.obligations.dashboard}?from-day=1&from-month=2&from-year=2024&to-day=1&to-month=1&to-year=2024`);
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.body, /same as or after its start/);

  const csv = await tm.get(`${paths.obligations.dashboardCsv}?from=2023-12-01&to=2024-01-15`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'obligation_id,obligation,status,started_on,due_on,completed_on,due_in_words,child_reference,household_reference,responsible_role,responsible_person,team,source');
  assert.ok(lines.some((l) => l.startsWith('placement-plan,Placement plan,Completed late,2023-12-21,2024-01-02,2024-01-05,')));
  assert.ok(lines.slice(1).every((l) => /,(2023-12|2024-01)-\d\d,/.test(l) || l.includes(',Overdue,')));
  const exported = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'obligation.exported'));
  assert.equal(exported.length, 1);
  assert.equal((await tm.get(`${paths.obligations.dashboardCsv}?from=2024-13-01`)).statusCode, 400);
});

test('the API lists obligations with filters, records and corrects events, and answers bad filters with a problem', async () => {
  const token = await tokenFor(w, 'social_worker');
  const api = apiCaller(() => w.app, () => token);
  const mine = await api('GET', `${paths.api.obligations}?responsibleUserId=mine&status=overdue,due_soon`);
  assert.equal(mine.statusCode, 200);
  const list = mine.json() as { items: { obligationId: string; status: string; responsible: { userId: string }; dueText: string; sourceRef: string }[]; today: string };
  assert.equal(list.today, TODAY);
  assert.ok(list.items.length > 0);
  assert.ok(list.items.every((i) => ['overdue', 'due_soon'].includes(i.status) && i.responsible.userId === w.users.social_worker.userId));
  assert.ok(list.items.every((i) => i.dueText && i.sourceRef));

  const forChild = (await api('GET', `${paths.api.obligations}?childId=${ids.child}&obligationId=care-plan`)).json() as { items: { dueOn: string; status: string }[] };
  assert.deepEqual(forChild.items.map((i) => i.dueOn), ['2024-01-09'], '10 working days after Thu 21 Dec 2023');

  const created = await api('POST', paths.api.childEvents(ids.child), { kind: 'care_plan_completed', eventDate: '2024-01-09', evidence: 'Care plan on the case record' });
  assert.equal(created.statusCode, 201);
  const eventId = (created.json() as { id: string }).id;
  const after1 = (await api('GET', `${paths.api.obligations}?childId=${ids.child}&obligationId=care-plan`)).json() as { items: { status: string }[] };
  assert.equal(after1.items[0]?.status, 'completed_on_time');

  const corrected = await api('PUT', paths.api.childEvent(ids.child, eventId), { version: 1, eventDate: '2024-01-10', evidence: 'Care plan on the case record', reason: 'Date typed wrongly' });
  assert.equal(corrected.statusCode, 200);
  assert.equal((corrected.json() as { eventDate: string; version: number }).eventDate, '2024-01-10');
  const after2 = (await api('GET', `${paths.api.obligations}?childId=${ids.child}&obligationId=care-plan`)).json() as { items: { status: string }[] };
  assert.equal(after2.items[0]?.status, 'completed_late');
  const stale = await api('PUT', paths.api.childEvent(ids.child, eventId), { version: 1, eventDate: '2024-01-08', evidence: 'x', reason: 'y' });
  assert.equal(stale.statusCode, 409);

  for (const q of ['status=late', 'childId=123', 'dueFrom=2024-02-30', 'obligationId=nope', 'teamId=x']) {
    const res = await api('GET', `${paths.api.obligations}?${q}`);
    assert.equal(res.statusCode, 400, q);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  const badEvent = await api('POST', paths.api.childEvents(ids.child), { kind: 'visit', eventDate: 20240101, evidence: 7 });
  assert.equal(badEvent.statusCode, 400);
  const fields = (badEvent.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['eventDate', 'evidence']);

  const iroToken = await tokenFor(w, 'iro');
  assert.equal((await api('POST', paths.api.childEvents(ids.child), { kind: 'care_plan_completed', eventDate: '2024-01-08', evidence: 'x' }, iroToken)).statusCode, 403);

  const rules = (await api('GET', paths.api.obligationRules)).json() as { id: string; source: { ref: string } }[];
  assert.ok(rules.some((r) => r.id === 'placement-plan' && /CPPCR/.test(r.source.ref)));
  const openapi = (await api('GET', paths.api.openapi)).json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
  const params = openapi.paths['/api/v1/obligations']?.get?.parameters?.map((p) => p.name) ?? [];
  for (const p of ['responsibleUserId', 'teamId', 'obligationId', 'status', 'childId', 'placementId', 'householdId', 'dueFrom', 'dueTo']) assert.ok(params.includes(p), p);
});

test('the IRO records a looked-after review: date, participation code with its meaning, decisions, delegated authority and placement plan reviewed; a refusal keeps the typed text', async () => {
  const iro = await as('iro');
  const empty = await iro.get(paths.obligations.newReview(ids.child));
  assert.match(text(empty.body), /No written feedback has been recorded since the last review/);
  // The supervising social worker records the carers' written feedback; the IRO reads it on the form.
  await w.services.obligations.recordChildEvent({ actor: w.users.supervising_social_worker }, ids.child, {
    kind: 'review_feedback_received',
    eventDate: '2024-01-05',
    placementId: ids.placement,
    evidence: 'Carers: settling well, sleeping better; would like more contact with her brother',
  });
  const form = await iro.get(paths.obligations.newReview(ids.child));
  assert.equal(form.statusCode, 200);
  assert.match(text(form.body), /The carers' and keyworker's feedback for this review/);
  assert.match(text(form.body), /5 January 2024, recorded by Test supervising social worker Carers: settling well/);
  assert.match(text(form.body), /PN1: Child attends and speaks for themself/);
  const typed = 'Stay with the current carers; contact with brother fortnightly';
  const bad = await iro.post(paths.obligations.newReview(ids.child), { 'eventDate-day': '10', 'eventDate-month': '1', 'eventDate-year': '2024', decisions: typed, reviewed: 'delegatedAuthority' });
  assert.equal(bad.statusCode, 400);
  assert.match(text(bad.body), /Select how the child took part in the review/);
  assert.match(text(bad.body), /Select whether the foster carers attended/);
  assert.ok(bad.body.includes(typed), 'the decisions typed are shown again');
  const ok = await iro.post(paths.obligations.newReview(ids.child), {
    'eventDate-day': '10',
    'eventDate-month': '1',
    'eventDate-year': '2024',
    participationCode: 'PN1',
    decisions: typed,
    reviewed: ['delegatedAuthority', 'placementPlan'],
    carersAttendance: 'feedback_only',
    keyworkerAttendance: 'no_keyworker',
  });
  assert.equal(ok.statusCode, 303);
  const rows = await w.database.db.select().from(childEvent).where(and(eq(childEvent.childId, ids.child), eq(childEvent.eventDate, '2024-01-10')));
  const review = rows.find((r) => r.kind === 'review_held');
  assert.equal(review?.participationCode, 'PN1');
  assert.match(review?.evidence ?? '', /Decisions: Stay with the current carers/);
  assert.match(review?.evidence ?? '', /Placement plan reviewed: yes/);
  assert.match(review?.evidence ?? '', /Foster carers: Did not attend; sent written feedback/);
  const [attendance] = await w.database.db.select().from(reviewAttendance).where(eq(reviewAttendance.eventId, review!.id));
  assert.deepEqual([attendance?.carers, attendance?.keyworker], ['feedback_only', 'no_keyworker']);
  assert.ok(rows.some((r) => r.kind === 'delegated_authority_reviewed'), 'the delegated authority reviewed at it is recorded too');

  // The same through the API, under the same rule.
  const iroToken = await tokenFor(w, 'iro');
  const viaApi = apiCaller(() => w.app, () => iroToken);
  const created = await viaApi('POST', paths.api.childReviews(ids.child), { eventDate: '2024-01-11', participationCode: 'PN6', decisions: 'Carry on as planned', delegatedAuthorityReviewed: false, placementPlanReviewed: true, carersAttendance: 'attended', keyworkerAttendance: 'attended' });
  assert.equal(created.statusCode, 201, created.body);
  const [stored] = await w.database.db.select().from(childEvent).where(eq(childEvent.id, (created.json() as { id: string }).id));
  assert.equal(stored?.kind, 'review_held');
  assert.equal(stored?.participationCode, 'PN6');
  const refused = await viaApi('POST', paths.api.childReviews(ids.child), { eventDate: '2024-01-11', decisions: 'x' });
  assert.equal(refused.statusCode, 400);
  assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
  const adminToken = await tokenFor(w, 'administrator');
  assert.equal((await viaApi('POST', paths.api.childReviews(ids.child), { eventDate: '2024-01-11', participationCode: 'PN6', decisions: 'x' }, adminToken)).statusCode, 403);
});

test("the child's page opens with a summary and 'on this page' links; every placement row links to the placement", async () => {
  const sw = await as('social_worker');
  const res = await sw.get(paths.children.show(ids.child));
  assert.equal(res.statusCode, 200);
  const body = text(res.body);
  const summaryAt = body.indexOf('Summary Lives with');
  assert.ok(summaryAt >= 0 && summaryAt < body.indexOf('On this page') && body.indexOf('On this page') < body.indexOf('Details'), 'the summary first, then the links');
  assert.match(body, /Overdue \(\d+\) [^]*Notice of the placement: \d+ working days overdue[^]*On this page/);
  assert.match(body, /Independent reviewing officer Test iro/);
  assert.match(res.body, /<a class="govuk-link" href="#obligations">/);
  assert.match(res.body, new RegExp(`href="${paths.placements.show(ids.placement)}"`), 'the placement row links to the placement page');
});

test('the API pages the obligations overdue first, ties by id: the pages hold every match once and in order, the true total, only the children one may read (counted and listed in the query, so no page is short)', async () => {
  // A child of another team's social worker, whom the world's social worker may not read.
  const [org] = await w.database.db.insert(organisation).values({ kind: 'local_authority', name: 'Pagefield Council', laCode: '993' }).returning();
  const [otherTeam] = await w.database.db.insert(team).values({ organisationId: org!.id, name: 'Pagefield Team' }).returning();
  const [outsiderWorker] = await w.database.db.insert(appUser).values({ fullName: 'Pagefield Worker', email: 'worker@pagefield.test', role: 'social_worker', organisationId: org!.id, teamId: otherTeam!.id }).returning();
  const outsider = await childInserter(() => w, (n) => ({ reference: `OBPG${n}`, lastName: 'Outsider' }))({ socialWorkerId: outsiderWorker!.id, iroId: null });
  await w.database.db.insert(legalStatus).values({ childId: outsider.id, code: 'C2', startDate: '2023-12-21' });

  type Item = ObligationRow;
  type Page = { items: Item[]; total: number; page: number; pages: number; pageSize: number; truncated: boolean; today: string };
  const listAs = (token: string) => async (query: string) => {
    const res = await w.app.inject({ method: 'GET', url: `${paths.api.obligations}?${query}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200, query);
    return res.json() as Page;
  };
  const asHead = listAs(await tokenFor(w, 'head_of_service'));
  const asWorker = listAs(await tokenFor(w, 'social_worker'));

  // The head of service reads every child: the total is every stored obligation.
  const everything = await asHead('');
  const [stored] = await w.database.db.select({ n: sql<number>`count(*)::int` }).from(obligation);
  assert.ok(stored!.n > 6, `enough obligations to page: ${stored!.n}`);
  assert.deepEqual([everything.total, everything.items.length, everything.page, everything.pages, everything.pageSize, everything.truncated], [stored!.n, stored!.n, 1, 1, 500, false]);
  assert.deepEqual(
    everything.items.map((i) => i.id),
    [...everything.items].sort(compareRows).map((i) => i.id),
    'overdue first (oldest first), then due soon and not yet due, then the closed ones; ties by id',
  );
  assert.equal(everything.items[0]?.status, 'overdue');
  const outsiders = everything.items.filter((i) => i.child?.id === outsider.id).length;
  assert.ok(outsiders > 0, "the outsider child's obligations are there for the head of service");

  const size = Math.ceil(stored!.n / 2);
  const first = await asHead(`limit=${size}`);
  const second = await asHead(`limit=${size}&page=2`);
  assert.deepEqual([...first.items, ...second.items].map((i) => i.id), everything.items.map((i) => i.id), 'page 1 and page 2 together hold every obligation once, in order');
  assert.deepEqual(
    [first, second].map((p) => ({ n: p.items.length, total: p.total, page: p.page, pages: p.pages, pageSize: p.pageSize, truncated: p.truncated })),
    [
      { n: size, total: stored!.n, page: 1, pages: 2, pageSize: size, truncated: true },
      { n: stored!.n - size, total: stored!.n, page: 2, pages: 2, pageSize: size, truncated: false },
    ],
  );
  const beyond = await asHead(`limit=${size}&page=99`);
  assert.deepEqual([beyond.page, beyond.pages, beyond.truncated, beyond.items.map((i) => i.id)], [2, 2, false, second.items.map((i) => i.id)], 'a page past the last gives the last');

  // Filters are paged too: the overdue ones, two a page.
  const overdue = everything.items.filter((i) => i.status === 'overdue').map((i) => i.id);
  assert.ok(overdue.length > 2);
  const overduePages = [];
  for (let page = 1; page <= Math.ceil(overdue.length / 2); page++) overduePages.push(...(await asHead(`status=overdue&limit=2&page=${page}`)).items.map((i) => i.id));
  assert.deepEqual(overduePages, overdue, 'the overdue pages, in due-date order, each obligation once');
  assert.equal((await asHead('status=overdue&limit=2')).total, overdue.length);

  // The social worker may not read the outsider child: those obligations are neither listed nor counted, and every page but the last is full.
  const readable = everything.items.filter((i) => i.child?.id !== outsider.id).map((i) => i.id);
  const firstOutsider = everything.items.findIndex((i) => i.child?.id === outsider.id);
  assert.ok(firstOutsider >= 0 && firstOutsider < readable.length - 3, `the outsider's obligations come among the others (at ${firstOutsider}), so leaving them out after reading a page would make it short`);
  const own = await asWorker('');
  assert.deepEqual([own.total, own.items.map((i) => i.id)], [readable.length, readable]);
  const workerPages = [];
  const perPage = 3;
  for (let page = 1; page <= Math.ceil(readable.length / perPage); page++) {
    const p = await asWorker(`limit=${perPage}&page=${page}`);
    assert.equal(p.total, readable.length);
    assert.equal(p.items.length, Math.min(perPage, readable.length - (page - 1) * perPage), `page ${page} is full`);
    workerPages.push(...p.items.map((i) => i.id));
  }
  assert.deepEqual(workerPages, readable);

  for (const bad of ['limit=0', 'limit=501', 'limit=1000', 'page=0', 'page=x']) {
    const refused = await w.app.inject({ method: 'GET', url: `${paths.api.obligations}?${bad}`, headers: { authorization: `Bearer ${await tokenFor(w, 'social_worker')}` } });
    assert.equal(refused.statusCode, 400, bad);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/, bad);
    assert.deepEqual((refused.json() as { errors: { field: string }[] }).errors.map((e) => e.field), [bad.split('=')[0]], bad);
  }
});
