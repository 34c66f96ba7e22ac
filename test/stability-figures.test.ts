import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, childInserter, clientsFor, problemsOf, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { auditEvent, childEvent, legalStatus, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import { StabilityFiguresResponse } from '../src/api/stability-figures.ts';

// Wednesday 25 November 2026: the figures run from November 2024 to October 2026.
const TODAY = '2026-11-25';

let w: TestWorld;
let token = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `SF${n}`, firstName: `Figure${n}`, lastName: 'Test', dateOfBirth: '2016-05-01' }));
let h1 = '';
let h2 = '';

/*
 * Moved (born 2016): in care since 1 January 2026, three placements since (H1 to 31 March, H2 to
 * 31 July through an urgent move, H1 again). Settled (born 2016): in care and with H2 since 2022.
 * Someone else's (born 2016, another worker): looked after, one placement with H2 since 2020.
 * At 31 October 2026: three or more placements, 1 of 3; same placement for two years, 2 of 2
 * (Moved has not been in care for two and a half years). A concern about Settled's placement on
 * Monday 5 October 2026 and the meeting on Monday 12 October: 5 working days.
 */
before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'team_manager');
  h1 = await approvedHousehold(w, { reference: 'HSF1', addressLine1: '1 Figure Street' });
  h2 = await approvedHousehold(w, { reference: 'HSF2', addressLine1: '2 Figure Street' });
  const db = w.database.db;
  const a = await insertChild();
  await db.insert(legalStatus).values({ childId: a.id, code: 'C2', startDate: '2026-01-01' });
  await db.insert(placement).values([
    { childId: a.id, householdId: h1, startDate: '2026-01-01', endDate: '2026-03-31', placementType: 'U3', status: 'ended', endingBasis: 'agreed_move' },
    { childId: a.id, householdId: h2, startDate: '2026-03-31', endDate: '2026-07-31', placementType: 'U3', status: 'ended', endingBasis: 'urgent_move' },
    { childId: a.id, householdId: h1, startDate: '2026-07-31', placementType: 'U3', status: 'active' },
  ]);
  const b = await insertChild();
  await db.insert(legalStatus).values({ childId: b.id, code: 'C2', startDate: '2022-02-01' });
  const [p] = await db.insert(placement).values({ childId: b.id, householdId: h2, startDate: '2022-02-01', placementType: 'U3', status: 'active' }).returning();
  await w.services.stability.recordConcern(ctx('supervising_social_worker'), p!.id, {
    raisedOn: '2026-10-05',
    whatWasSeen: 'Not sleeping; arguments at bedtime',
    raisedByRole: 'foster_carer',
    raisedByName: 'Jo Carer',
    seriousness: 'medium',
  });
  await db.insert(childEvent).values({ childId: b.id, kind: 'psm_held', eventDate: '2026-10-12', placementId: p!.id });
  const c = await insertChild({ socialWorkerId: null });
  await db.insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: '2020-06-01' });
  await db.insert(placement).values({ childId: c.id, householdId: h2, startDate: '2020-06-01', placementType: 'U3', status: 'active' });
});
after(async () => w.close());

test('the authority’s figures by month, worked by hand for October 2026', async () => {
  const view = await w.services.stabilityFigures.figures(ctx('team_manager'), {});
  assert.equal(view.scope.kind, 'authority');
  assert.equal(view.months.length, 24);
  assert.equal(view.months[0]?.monthEnd, '2024-11-30');
  const oct = view.months.at(-1)!;
  assert.equal(oct.monthEnd, '2026-10-31');
  assert.deepEqual(oct.threeOrMorePlacements, { children: 1, of: 3 });
  assert.deepEqual(oct.samePlacementTwoYears, { children: 2, of: 2 });
  assert.equal(oct.concerns, 1);
  assert.equal(oct.medianWorkingDaysToMeeting, 5);
  assert.equal(view.months.find((m) => m.monthEnd === '2026-07-31')?.unplannedEndings, 1);
  assert.equal(view.months.find((m) => m.monthEnd === '2026-03-31')?.unplannedEndings, 0, 'an agreed move is a planned ending');
});

test('a worker’s figures are their allocated children’s; a household’s those placed with it', async () => {
  const worker = await w.services.stabilityFigures.figures(ctx('team_manager'), { workerId: w.users.social_worker.userId });
  assert.equal(worker.scope.kind, 'worker');
  assert.deepEqual(worker.months.at(-1)?.threeOrMorePlacements, { children: 1, of: 2 });
  const team = await w.services.stabilityFigures.figures(ctx('team_manager'), { teamId: w.users.social_worker.teamId! });
  assert.deepEqual(team.months.at(-1)?.threeOrMorePlacements, { children: 1, of: 2 }, 'the unallocated child is in no team');
  const household = await w.services.stabilityFigures.figures(ctx('team_manager'), { householdReference: 'hsf2' });
  assert.equal(household.scope.label, 'Household HSF2 (the children placed with it)');
  assert.deepEqual(household.months.at(-1)?.threeOrMorePlacements, { children: 0, of: 2 });
  assert.equal(household.months.find((m) => m.monthEnd === '2026-07-31')?.unplannedEndings, 1, 'the urgent move was from its placement');
  const [audit] = await w.database.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.action, 'stability.figures.viewed'), eq(auditEvent.subjectType, 'household')));
  assert.equal(audit?.subjectId, h2);
});

test('only managers see the figures; one scope at a time; an unknown household is a problem to fix', async () => {
  await assert.rejects(w.services.stabilityFigures.figures(ctx('social_worker'), {}), ForbiddenError);
  assert.deepEqual(await problemsOf(w.services.stabilityFigures.figures(ctx('team_manager'), { teamId: w.users.social_worker.teamId!, householdReference: 'HSF1' })), [
    'teamId: Choose one of a team, a worker or a household (or none, for the whole authority)',
    'householdReference: Choose one of a team, a worker or a household (or none, for the whole authority)',
  ]);
  assert.deepEqual(await problemsOf(w.services.stabilityFigures.figures(ctx('team_manager'), { householdReference: 'NOPE' })), ['householdReference: No household has the reference NOPE']);
});

test('page: the chart and the table of the same figures, the CSV, and errors in a summary', async () => {
  const tm = await clients('team_manager');
  const page = await tm.get(paths.reports.stability);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg class="hearth-chart"[^>]*role="img" aria-labelledby="chart-title chart-desc"/);
  assert.match(page.body, /In October 2026: three or more placements in the year, 33% \(1 of 3\); same placement for two years, 100% \(2 of 2\)/);
  assert.match(page.body, /<th scope="row" class="govuk-table__header">October 2026<\/th>/);
  assert.match(page.body, /5 \(1 of 1 met\)/);
  const bad = await tm.get(`${paths.reports.stability}?householdReference=NOPE&teamId=not-an-id`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Select a team from the list/);
  assert.match(bad.body, /value="NOPE"/, 'what was typed is kept');
  const csv = await tm.get(`${paths.reports.stabilityCsv}?householdReference=HSF2`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines.length, 25);
  assert.match(lines[0]!, /^scope,month_end,three_or_more_placements_children/);
  assert.match(lines.at(-1)!, /^Household HSF2 \(the children placed with it\),2026-10-31,0,2,/);
  const sw = await clients('social_worker');
  assert.equal((await sw.get(paths.reports.stability)).statusCode, 403);
});

test('API: the figures as described, refused to a social worker', async () => {
  const res = await api('GET', `${paths.api.stabilityFigures}?workerId=${w.users.social_worker.userId}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = StabilityFiguresResponse.parse(res.json());
  assert.equal(body.months.length, 24);
  assert.deepEqual(body.months.at(-1)?.threeOrMorePlacements, { children: 1, of: 2 });
  const swToken = await tokenFor(w, 'social_worker');
  assert.equal((await api('GET', paths.api.stabilityFigures, undefined, swToken)).statusCode, 403);
  const badId = await api('GET', `${paths.api.stabilityFigures}?teamId=nope`);
  assert.equal(badId.statusCode, 400);
  assert.match(String(badId.headers['content-type']), /problem\+json/);
});
