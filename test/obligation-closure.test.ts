/**
 * A manager closes an obligation that can no longer be met, as missed or not applicable, with the
 * reason: through the API and the page, audited, gone from the overdue lists, kept in the history and
 * counted as missed in the compliance figures. Obligations stop falling due once care has ended.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, clientsFor, tokenFor, type TestWorld } from './helpers.ts';
import { obligationWorld, type ObligationIds } from './obligation-fixture.ts';
import { auditEvent, obligationClosure } from '../src/data/schema.ts';
import type { ObligationRow } from '../src/services/obligations.ts';
import { paths } from '../src/http/paths.ts';

/** Monday 15 January 2024: three weeks after a placement made just before Christmas. */
const TODAY = '2024-01-15';

let w: TestWorld;
let ids: ObligationIds;
let manager: string;
let officer: string;
before(async () => {
  ({ w, ids } = await obligationWorld(TODAY));
  manager = await tokenFor(w, 'team_manager');
  officer = await tokenFor(w, 'placement_officer');
});
after(async () => w.close());

const api = apiCaller(() => w.app, () => manager);
const as = clientsFor(() => w.app);

async function planOf(childId: string): Promise<ObligationRow> {
  const res = await api('GET', `${paths.api.obligations}?childId=${childId}&obligationId=placement-plan`);
  assert.equal(res.statusCode, 200, res.body);
  const [row] = (res.json() as { items: ObligationRow[] }).items;
  assert.ok(row, 'the child has a placement plan obligation');
  return row;
}

test('closing as missed: refused for roles that may not and for bad input; then missed, out of the overdue list, audited, counted as missed', async () => {
  const plan = await planOf(ids.child);
  assert.equal(plan.status, 'overdue');
  const url = paths.api.closeObligation(plan.id);

  assert.equal((await api('POST', url, { outcome: 'missed', reason: 'x' }, officer)).statusCode, 403, 'only managers close obligations');
  const bad = await api('POST', url, { outcome: 'forgotten', reason: '' });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.deepEqual((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort(), ['outcome', 'reason']);
  assert.equal((await api('POST', paths.api.closeObligation('placement-plan:child:not-a-uuid:1'), { outcome: 'missed', reason: 'x' })).statusCode, 404);
  assert.equal((await w.database.db.select().from(obligationClosure)).length, 0, 'nothing stored');

  const closed = await api('POST', url, { outcome: 'missed', reason: 'The child moved before the plan was written' });
  assert.equal(closed.statusCode, 200, closed.body);
  const row = closed.json() as ObligationRow;
  assert.equal(row.status, 'missed');
  assert.match(row.missedReason ?? '', /^closed by a manager on Mon 15 Jan 2024: The child moved before the plan was written$/);

  // Closing it again is refused: it is no longer open.
  const again = await api('POST', url, { outcome: 'not_applicable', reason: 'Changed my mind' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /Only an open obligation can be closed: this one is missed/);

  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'obligation.closed'), eq(auditEvent.subjectId, ids.child)));
  assert.equal(audit?.actorUserId, w.users.team_manager.userId);
  assert.deepEqual([audit?.details.outcome, audit?.details.statusBefore], ['missed', 'overdue']);

  // Out of the overdue lists, still in the record's history, and missed in the figures.
  const dashboard = await w.services.obligations.dashboard({ actor: w.users.team_manager }, { from: '2023-12-01', to: '2024-01-31' });
  assert.ok(!dashboard.overdue.some((r) => r.id === plan.id));
  assert.ok(dashboard.missed.some((r) => r.id === plan.id));
  assert.ok(dashboard.totals.missed >= 1);
  const history = await w.services.obligations.list({ actor: w.users.team_manager }, { childId: ids.child });
  assert.equal(history.items.find((r) => r.id === plan.id)?.status, 'missed');
});

test('the page: a manager sees "Close" on an open obligation, the form refuses a missing reason with the error summary, and closes it as not applicable', async () => {
  const c = await as('team_manager');
  const childPage = await c.get(paths.children.show(ids.child));
  const open = (await w.services.obligations.list({ actor: w.users.team_manager }, { childId: ids.child })).items.find((r) => r.status === 'overdue' || r.status === 'due_soon' || r.status === 'not_yet_due');
  assert.ok(open, 'an open obligation');
  assert.ok(childPage.body.includes(paths.obligations.close(open.id).replace(/&/g, '&amp;')), 'the child page links to closing it');
  const form = await c.get(paths.obligations.close(open.id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Close an obligation/);
  const refused = await c.post(paths.obligations.close(open.id), { outcome: 'not_applicable', reason: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /govuk-error-summary/);
  assert.match(refused.body, /Enter the reason for closing it/);
  const done = await c.post(paths.obligations.close(open.id), { outcome: 'not_applicable', reason: 'Recorded against the wrong placement' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, paths.children.show(ids.child));
  const after = (await w.services.obligations.list({ actor: w.users.team_manager }, { childId: ids.child })).items.find((r) => r.id === open.id);
  assert.equal(after?.status, 'not_applicable');
  // A placement officer sees no "Close" link and cannot open the form.
  const po = await as('placement_officer');
  assert.ok(!(await po.get(paths.children.show(ids.child))).body.includes('/close"'));
  assert.equal((await po.get(paths.obligations.close(open.id))).statusCode, 403);
});
