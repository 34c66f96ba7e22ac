/**
 * Lists and compliance figures are read from the stored obligations in SQL
 * (src/data/repositories/obligations.ts). They must agree with the domain: on the demo authority,
 * for days that include Christmas and a bank-holiday weekend, every row's status in SQL is the one
 * `status` gives, the lists come in the order `compareRows` gives, the responsible person follows the
 * rule's role, and the compliance counts by team, worker and obligation are those `complianceBy`
 * counts over every row. Runs on PGlite, or on PostgreSQL with TEST_DATABASE_URL.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase } from './helpers.ts';
import type { Database } from '../src/data/db.ts';
import { appUser, child, household, obligation, team } from '../src/data/schema.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { complianceBy, complianceTotals } from '../src/domain/deadlines/compliance.ts';
import { OBLIGATION_STATUSES, dueSoonUntil, getObligation, status, type ObligationInstance, type ObligationStatus } from '../src/domain/deadlines/index.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { findObligations } from '../src/data/repositories/obligations.ts';
import { compareRows, createObligationService, ensureRulesCurrent, refreshObligations, type ObligationRow } from '../src/services/obligations.ts';
import type { Ctx } from '../src/services/context.ts';

const SEEDED_ON = '2026-11-20';
const DAYS = ['2026-11-20', '2026-12-22', '2026-12-24', '2027-03-26'];
const system: Ctx = { actor: null };

let database: Database;
before(async () => {
  database = await freshDatabase();
  await loadDemoData(database.db, { children: 80, seed: 7, today: SEEDED_ON });
  await database.db.transaction((tx) => refreshObligations(tx));
});
after(async () => database.close());

type Expected = { id: string; status: ObligationStatus; dueOn: string; obligationId: string; userId: string | null; teamId: string | null; external: boolean };

/** Each stored row's status by the domain, and its responsible person by the rule's role, worked out here in JS. */
async function expected(day: string): Promise<Expected[]> {
  const db = database.db;
  const rows = await db.select().from(obligation);
  const children = new Map((await db.select().from(child)).map((c) => [c.id, c]));
  const households = new Map((await db.select().from(household)).map((h) => [h.id, h]));
  const users = new Map((await db.select().from(appUser)).map((u) => [u.id, u]));
  return rows.map((r) => {
    const i: ObligationInstance = { id: r.id, obligationId: r.obligationId, subjectType: r.subjectType, subjectId: r.subjectId, sequence: r.sequence, startedOn: r.startedOn, dueOn: r.dueOn, explanation: r.explanation };
    if (r.completedOn) i.completedOn = r.completedOn;
    if (r.notApplicableReason) i.notApplicableReason = r.notApplicableReason;
    if (r.missedReason) i.missedReason = r.missedReason;
    const role = getObligation(r.obligationId)!.responsibleRole;
    const c = r.childId ? children.get(r.childId) : undefined;
    const h = r.householdId ? households.get(r.householdId) : undefined;
    const userId = role === 'social_worker' ? (c?.socialWorkerId ?? null) : role === 'iro' ? (c?.iroId ?? null) : role === 'supervising_social_worker' ? (h?.supervisingSocialWorkerId ?? null) : null;
    return {
      id: r.id,
      status: status(i, day, englandAndWales),
      dueOn: r.dueOn,
      obligationId: r.obligationId,
      userId,
      teamId: userId ? (users.get(userId)?.teamId ?? null) : null,
      external: role === 'social_worker' && !userId && !!c?.externalSocialWorkerId,
    };
  });
}

test('the demo authority has obligations of every open status to compare', async () => {
  const all = await expected(SEEDED_ON);
  for (const s of ['overdue', 'due_soon', 'not_yet_due', 'completed_on_time', 'completed_late'] as const) {
    assert.ok(all.some((e) => e.status === s), `some obligation is ${s}`);
  }
});

for (const day of DAYS) {
  test(`on ${day}, every status read in SQL is the status the domain gives, and lists come in the domain's order`, async () => {
    const all = await expected(day);
    const d = { today: day, dueSoonUntil: dueSoonUntil(day, englandAndWales) };
    for (const s of Object.keys(OBLIGATION_STATUSES) as ObligationStatus[]) {
      const got = (await findObligations(database.db, { status: [s] }, d)).map((r) => r.id).sort();
      const want = all.filter((e) => e.status === s).map((e) => e.id).sort();
      assert.deepEqual(got, want, `the ${s} obligations`);
    }
    const service = createObligationService(database.db, { today: () => day });
    const everything = await service.exportRows(system, {});
    assert.equal(everything.length, all.length);
    assert.deepEqual(everything.map((r) => r.id), [...everything].sort(compareRows).map((r) => r.id), 'the order of compareRows');
    const byId = new Map(all.map((e) => [e.id, e]));
    for (const r of everything) {
      const e = byId.get(r.id)!;
      assert.equal(r.status, e.status);
      assert.equal(r.responsible.userId, e.userId, `who is responsible for ${r.id}`);
      assert.equal(r.responsible.teamId, e.teamId);
      assert.equal(r.responsible.external, e.external);
    }
  });

  test(`on ${day}, the compliance dashboard's counts are those complianceBy counts over every row`, async () => {
    const all = await expected(day);
    const service = createObligationService(database.db, { today: () => day });
    const teams = new Map((await database.db.select().from(team)).map((t) => [t.id, t.name]));
    const period = { from: '2026-09-01', to: day };
    const dash = await service.dashboard(system, period);
    assert.deepEqual(dash.totals, complianceTotals(all, period.from, period.to));
    // SQL counts only what is open or fell due in the period; a group with nothing to count is not shown.
    const shown = (groups: ReturnType<typeof complianceBy>) =>
      groups.filter((g) => g.overdue + g.dueSoon + g.notYetDue + g.onTime + g.late + g.missed > 0).map(({ key, overdue, dueSoon, notYetDue, onTime, late, missed, onTimeShare }) => ({ key, overdue, dueSoon, notYetDue, onTime, late, missed, onTimeShare }));
    const strip = (groups: typeof dash.byTeam) => groups.map(({ key, overdue, dueSoon, notYetDue, onTime, late, missed, onTimeShare }) => ({ key, overdue, dueSoon, notYetDue, onTime, late, missed, onTimeShare }));
    const sortKeys = <T extends { key: string }>(xs: T[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key));
    assert.deepEqual(sortKeys(strip(dash.byTeam)), sortKeys(shown(complianceBy(all, (e) => ({ key: e.teamId ?? 'none', label: e.teamId ? (teams.get(e.teamId) ?? '') : 'Not allocated' }), period.from, period.to))));
    assert.deepEqual(sortKeys(strip(dash.byWorker)), sortKeys(shown(complianceBy(all, (e) => ({ key: e.userId ?? (e.external ? 'external' : 'none'), label: '' }), period.from, period.to))));
    assert.deepEqual(sortKeys(strip(dash.byObligation)), sortKeys(shown(complianceBy(all, (e) => ({ key: e.obligationId, label: '' }), period.from, period.to))));
    assert.equal(dash.overdueTotal, all.filter((e) => e.status === 'overdue').length);

    // One team's figures, as a team manager filters them: the rows whose responsible person is in it.
    const busiest = dash.byTeam.find((g) => g.key !== 'none');
    assert.ok(busiest, 'some team is responsible for something');
    const one = await service.dashboard(system, { ...period, teamId: busiest.key });
    assert.deepEqual(one.totals, complianceTotals(all.filter((e) => e.teamId === busiest.key), period.from, period.to));
  });
}

test("a person's own list is the rows they are responsible for, open first", async () => {
  const day = SEEDED_ON;
  const all = await expected(day);
  const service = createObligationService(database.db, { today: () => day });
  const counts = new Map<string, number>();
  for (const e of all) if (e.userId) counts.set(e.userId, (counts.get(e.userId) ?? 0) + 1);
  const [userId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const mine: ObligationRow[] = (await service.list(system, { responsibleUserId: userId })).items;
  assert.deepEqual(mine.map((r) => r.id).sort(), all.filter((e) => e.userId === userId).map((e) => e.id).sort().slice(0, 1000));
  assert.ok(mine.length > 0);
});

test('stored obligations lost in a crash (PostgreSQL empties unlogged tables) are found missing and rebuilt', async () => {
  const db = database.db;
  const before = (await db.select().from(obligation)).length;
  assert.ok(before > 0);
  await db.transaction((tx) => ensureRulesCurrent(tx)); // records the rules' version, as the server does at start
  await db.transaction((tx) => refreshObligations(tx));
  assert.equal(await db.transaction((tx) => ensureRulesCurrent(tx)), false, 'nothing to do while the rows are there');
  await db.delete(obligation); // what crash recovery does to an unlogged table
  assert.equal(await db.transaction((tx) => ensureRulesCurrent(tx)), true, 'no rows, nothing queued, children recorded: everything is marked');
  await db.transaction((tx) => refreshObligations(tx));
  assert.equal((await db.select().from(obligation)).length, before);
});
