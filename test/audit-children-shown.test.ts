/**
 * Every answer that shows children's data records which children it showed (the audit row's
 * `child_ids`), lists included: for each list page and API list, the children on the answer are
 * exactly the children its audit rows name; and "who has seen this record" for a child finds every
 * such row, not only the rows about the child itself.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { clientsFor, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { obligationWorld, type ObligationIds } from './obligation-fixture.ts';
import { auditEvent, placementRequest } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import type { Role } from '../src/domain/access/index.ts';

let w: TestWorld;
let ids: ObligationIds;
let requestId: string;
let client: ReturnType<typeof clientsFor>;
const tokens = new Map<Role, string>();

before(async () => {
  ({ w, ids } = await obligationWorld('2024-01-15'));
  client = clientsFor(() => w.app);
  // A placement request for the child in care since 2012.
  const [request] = await w.database.db.insert(placementRequest).values({ reference: 'PR-SHOWN', childId: ids.oldChild, createdBy: w.users.social_worker.userId }).returning();
  requestId = request!.id;
});
after(async () => {
  await w.close();
});

/** The children a request's audit rows name, with the actions written. */
async function named(res: LightMyRequestResponse): Promise<{ childIds: string[]; actions: string[] }> {
  const id = res.headers['x-request-id'];
  assert.equal(typeof id, 'string');
  const rows = await w.database.db.select().from(auditEvent).where(eq(auditEvent.correlationId, id as string));
  return { childIds: [...new Set(rows.flatMap((r) => r.childIds))].sort(), actions: rows.map((r) => r.action) };
}

/** The world's children shown on a page: each by its first name (Child1, Child2, Child3), linked or not. */
function childrenOnPage(html: string): string[] {
  const names: [string, string][] = [
    ['Child1', ids.older],
    ['Child2', ids.child],
    ['Child3', ids.oldChild],
  ];
  return names.filter(([name]) => new RegExp(`\\b${name}\\b`).test(html)).map(([, id]) => id).sort();
}

/** The children an API answer's items name (any child id or child object in them). */
function childrenInJson(body: unknown, key: string): string[] {
  const items = (body as Record<string, unknown[]>)[key] ?? [];
  const found = new Set<string>();
  for (const item of items) {
    const x = item as { id?: string; childId?: string; child?: { id: string } | null };
    if (key === 'items' && x.child === undefined && x.childId === undefined && x.id) found.add(x.id);
    if (x.childId) found.add(x.childId);
    if (x.child?.id) found.add(x.child.id);
  }
  return [...found].sort();
}

const all = () => [ids.older, ids.child, ids.oldChild].sort();

test('list pages (every view and page): the audit rows name exactly the children on the page', async () => {
  const cases: { role: Role; url: string; expect: () => string[] }[] = [
    { role: 'placement_officer', url: paths.children.list, expect: all },
    { role: 'placement_officer', url: `${paths.children.list}?q=OBOLD`, expect: () => [ids.oldChild] },
    // The other view, and a page past the last (which shows the last).
    { role: 'placement_officer', url: `${paths.children.list}?view=all`, expect: all },
    { role: 'placement_officer', url: `${paths.children.list}?q=OBOLD&view=all&page=4`, expect: () => [ids.oldChild] },
    { role: 'placement_officer', url: `${paths.placements.list}?page=2`, expect: () => [ids.older, ids.child].sort() },
    { role: 'placement_officer', url: paths.households.list, expect: () => [] },
    { role: 'team_manager', url: `${paths.outbox.list}?page=3`, expect: () => [] },
    { role: 'placement_officer', url: paths.placements.list, expect: () => [ids.older, ids.child].sort() },
    { role: 'placement_officer', url: paths.households.show(ids.hh), expect: () => [ids.older, ids.child].sort() },
    // Their obligations (the two children placed), and their unfinished request (the child in care since 2012).
    { role: 'social_worker', url: paths.obligations.myWork, expect: all },
    { role: 'team_manager', url: paths.obligations.dashboard, expect: () => [ids.older, ids.child].sort() },
    { role: 'placement_officer', url: paths.placements.show(ids.placement), expect: () => [ids.child] },
    { role: 'placement_officer', url: paths.requests.list, expect: () => [ids.oldChild] },
    { role: 'placement_officer', url: paths.requests.show(requestId), expect: () => [ids.oldChild] },
  ];
  for (const c of cases) {
    const res = await (await client(c.role)).get(c.url);
    assert.equal(res.statusCode, 200, `${c.url}: ${res.statusCode}`);
    const shown = childrenOnPage(res.body);
    const { childIds, actions } = await named(res);
    assert.deepEqual(shown, c.expect(), `${c.url} shows the children expected`);
    assert.deepEqual(childIds, shown, `${c.url} (${actions.join(', ')}): the audit names exactly the children shown`);
  }
});

test('API lists: the audit row names exactly the children in the answer', async () => {
  const cases: { role: Role; url: string; key: string; expect: () => string[] }[] = [
    { role: 'placement_officer', url: '/api/v1/children', key: 'items', expect: all },
    { role: 'placement_officer', url: '/api/v1/children?q=OB1', key: 'items', expect: () => [ids.older] },
    { role: 'placement_officer', url: '/api/v1/placements', key: 'items', expect: () => [ids.older, ids.child].sort() },
    { role: 'placement_officer', url: '/api/v1/requests', key: 'items', expect: () => [ids.oldChild] },
    // Paged: a page of one, and a page past the last (which gives the last).
    { role: 'placement_officer', url: '/api/v1/children?q=OB1&limit=1', key: 'items', expect: () => [ids.older] },
    { role: 'placement_officer', url: '/api/v1/requests?limit=1&page=5', key: 'items', expect: () => [ids.oldChild] },
    { role: 'placement_officer', url: '/api/v1/placements?limit=2&page=1', key: 'items', expect: () => [ids.older, ids.child].sort() },
    { role: 'social_worker', url: `${paths.api.obligations}?mine=true`, key: 'items', expect: () => [ids.older, ids.child].sort() },
    { role: 'team_manager', url: `${paths.api.obligations}?childId=${ids.child}`, key: 'items', expect: () => [ids.child] },
  ];
  for (const c of cases) {
    let token = tokens.get(c.role);
    if (!token) tokens.set(c.role, (token = await tokenFor(w, c.role)));
    const res = await w.app.inject({ method: 'GET', url: c.url, headers: bearer(token) });
    assert.equal(res.statusCode, 200, `${c.url}: ${res.body}`);
    const shown = childrenInJson(res.json(), c.key);
    const { childIds, actions } = await named(res);
    assert.deepEqual(shown, c.expect(), `${c.url} answers with the children expected`);
    assert.deepEqual(childIds, shown, `${c.url} (${actions.join(', ')}): the audit names exactly the children in the answer`);
  }
});

test('"who has seen this record" finds every row that showed the child, lists included', async () => {
  const page = await (await client('administrator')).get(paths.audit.subject('child', ids.child));
  assert.equal(page.statusCode, 200);
  const rows = await w.services.audit.forSubject({ actor: w.users.administrator }, 'child', ids.child);
  const everything = await w.database.db.select().from(auditEvent);
  const naming = everything.filter((r) => r.childIds.includes(ids.child) || (r.subjectType === 'child' && r.subjectId === ids.child));
  assert.ok(everything.length > naming.length, 'rows about other children are left out');
  const actions = new Set(naming.map((r) => r.action));
  for (const action of ['child.listed', 'placement.listed', 'household.viewed', 'obligation.listed', 'obligation.dashboard.viewed', 'placement.viewed']) {
    assert.ok(actions.has(action), `a ${action} row that showed the child is among them`);
  }
  // Every such row and no other (but the view forSubject writes after reading, the newest row).
  const newest = Math.max(...everything.map((r) => r.id));
  assert.equal(everything.find((r) => r.id === newest)?.action, 'audit.viewed');
  assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(naming.filter((r) => r.id !== newest).map((r) => r.id)));
});
