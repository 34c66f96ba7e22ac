/**
 * The Placement Request Form: the service (drafts page by page, submission, status history,
 * withdrawal, setRequestStatus), the pages (question pages with the error summary, check your
 * answers, the request page) and the API. Today is fixed at Monday 2 March 2026.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import { testWorld, clientsFor, apiCaller, tokenFor, type TestWorld, childInserter } from './helpers.ts';
import { auditEvent, placementRequest, placementRequestStatus, siblingLink, type child } from '../src/data/schema.ts';
import { siblingPair } from '../src/domain/records/child.ts';
import {
  REQUEST_TRANSITIONS,
  REQUEST_STATUSES,
  RequestBasicsDraftInput,
  canMoveRequest,
  nextRequestPage,
  requestReference,
  type RequestStatus,
} from '../src/domain/records/placement-request.ts';
import { OpenRequestError, setRequestStatus } from '../src/services/placement-requests.ts';
import { ForbiddenError, StaleRecordError, ValidationError } from '../src/services/errors.ts';
import type { Role } from '../src/domain/access/index.ts';
import { paths } from '../src/http/paths.ts';
import { startMatchingPath, startRequestHref } from '../src/web/routes/placement-requests.ts';

const TODAY = '2026-03-02';

let w: TestWorld;
let tokens: Partial<Record<Role, string>> = {};
before(async () => {
  w = await testWorld({ today: TODAY });
  tokens = {};
  for (const role of ['social_worker', 'team_manager', 'placement_officer', 'iro', 'supervising_social_worker'] as const) tokens[role] = await tokenFor(w, role);
});
after(async () => w.close());

const as = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => tokens.social_worker!);
const ctxOf = (role: Role) => ({ actor: w.users[role] });

/** A child row put straight into the table (the children service is not under test here). */
const insertChild = childInserter(() => w, (n) => ({ reference: `RQ${String(n).padStart(4, '0')}`, firstName: `Kid${n}`, lastName: 'Requesttest', dateOfBirth: '2014-05-01' }));

async function linkSiblings(a: string, b: string) {
  await w.database.db.insert(siblingLink).values(siblingPair(a, b));
}

async function stored(id: string) {
  const [row] = await w.database.db.select().from(placementRequest).where(eq(placementRequest.id, id));
  return row!;
}

async function historyOf(id: string) {
  return w.database.db.select().from(placementRequestStatus).where(eq(placementRequestStatus.requestId, id)).orderBy(asc(placementRequestStatus.at), asc(placementRequestStatus.id));
}

async function auditsOf(id: string) {
  return (await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, id)).orderBy(asc(auditEvent.id))).map((a) => a.action);
}

const validBasics = { urgency: 'planned', kind: 'long_term', neededBy: '2026-04-01' };
const validRisks = { riskToSelf: 'None known', riskFromOthers: 'Contact with her uncle must be supervised', riskToOthers: 'None known' };
const validViews = { childViews: 'Wants to stay at her school and keep her cat' };

/** A complete request through the service, ready to submit. */
async function completeDraft(role: Role = 'social_worker', childValues: Partial<typeof child.$inferInsert> = {}) {
  const kid = await insertChild(childValues);
  const ctx = ctxOf(role);
  const r = await w.services.requests.create(ctx, kid.id);
  let v = r.version;
  v = (await w.services.requests.savePage(ctx, r.id, 'basics', v, validBasics)).version;
  v = (await w.services.requests.savePage(ctx, r.id, 'needs', v, { needTags: ['trauma'], school: 'Testford Primary', schoolPostcode: 'tf1 2ab', keepSchool: true })).version;
  v = (await w.services.requests.savePage(ctx, r.id, 'risks', v, validRisks)).version;
  v = (await w.services.requests.savePage(ctx, r.id, 'views', v, validViews)).version;
  return { kid, id: r.id, reference: r.reference, version: v };
}

const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

/** The version in the hidden field of the last form. */
const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);

// ---------------------------------------------------------------------------------------------
// Domain additions
// ---------------------------------------------------------------------------------------------

test('domain: references, page order, transitions and the draft schema of page 1', () => {
  assert.equal(requestReference(1), 'PR00001');
  assert.equal(requestReference(123456), 'PR123456');
  assert.throws(() => requestReference(0));
  assert.equal(nextRequestPage('basics'), 'needs');
  assert.equal(nextRequestPage('views'), null);
  assert.equal(canMoveRequest('draft', 'submitted'), true);
  assert.equal(canMoveRequest('draft', 'matching'), false);
  assert.equal(canMoveRequest('withdrawn', 'draft'), false);
  const draft = RequestBasicsDraftInput.safeParse({ urgency: '', kind: '', neededBy: '', siblingIds: [] });
  assert.ok(draft.success);
  assert.deepEqual(draft.data, { urgency: null, kind: null, neededBy: null, siblingIds: [] });
  const bad = RequestBasicsDraftInput.safeParse({ urgency: 'soon', neededBy: '2026-02-30' });
  assert.deepEqual(bad.error?.issues.map((i) => i.path.join('.')).sort(), ['neededBy', 'urgency']);
});

// ---------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------

test('service: a draft is started for a child who exists, with a PR reference, history and audit; a second open request is refused', async () => {
  const kid = await insertChild({ firstName: 'Maya', lastName: 'Holt' });
  const ctx = ctxOf('social_worker');
  const r = await w.services.requests.create(ctx, kid.id);
  assert.match(r.reference, /^PR\d{5}$/);
  const row = await stored(r.id);
  assert.equal(row.status, 'draft');
  assert.equal(row.createdBy, w.users.social_worker.userId);
  const history = await historyOf(r.id);
  assert.deepEqual(history.map((h) => [h.status, h.byUserId]), [['draft', w.users.social_worker.userId]]);
  assert.deepEqual(await auditsOf(r.id), ['request.created']);

  await assert.rejects(w.services.requests.create(ctx, kid.id), (err: unknown) => {
    assert.ok(err instanceof OpenRequestError);
    assert.equal(err.existing.id, r.id);
    assert.match(err.errors[0]!.message, new RegExp(`Maya Holt already has an open placement request, ${r.reference} \\(draft\\)`));
    return true;
  });
  await assert.rejects(w.services.requests.create(ctx, '00000000-0000-4000-8000-000000000000'), ValidationError);
  await assert.rejects(w.services.requests.create(ctx, 'not-an-id'), ValidationError);

  // Once withdrawn, a new request can be started, and it takes the next number.
  await w.services.requests.withdraw(ctx, r.id, row.version, 'Family found a kinship carer');
  const again = await w.services.requests.create(ctx, kid.id);
  assert.equal(Number(again.reference.slice(2)), Number(r.reference.slice(2)) + 1);
});

test('service: the form is saved page by page into its columns and JSON; each save is audited', async () => {
  const kid = await insertChild();
  const sib = await insertChild({ firstName: 'Sibling' });
  await linkSiblings(kid.id, sib.id);
  const ctx = ctxOf('social_worker');
  const r = await w.services.requests.create(ctx, kid.id);
  const s1 = await w.services.requests.savePage(ctx, r.id, 'basics', r.version, { ...validBasics, siblingIds: [sib.id.toUpperCase(), sib.id] });
  assert.deepEqual(s1, { version: r.version + 1, status: 'draft' });
  let row = await stored(r.id);
  assert.equal(row.urgency, 'planned');
  assert.equal(row.kind, 'long_term');
  assert.equal(row.neededBy, '2026-04-01');
  assert.deepEqual(row.siblingIds, [sib.id]);

  await w.services.requests.savePage(ctx, r.id, 'needs', s1.version, { needTags: ['trauma', 'education_support'], schoolPostcode: 'tf1 2ab', keepSchool: true, health: '  Asthma  ' });
  row = await stored(r.id);
  assert.deepEqual(row.needs.needTags, ['trauma', 'education_support']);
  assert.equal(row.needs.schoolPostcode, 'TF1 2AB');
  assert.equal(row.needs.keepSchool, true);
  assert.equal(row.needs.noPets, false);
  assert.equal(row.needs.health, 'Asthma');
  assert.equal(row.needs.disability, null);
  await w.services.requests.savePage(ctx, r.id, 'risks', row.version, validRisks);
  await w.services.requests.savePage(ctx, r.id, 'views', row.version + 1, { viewsNotSoughtReason: 'She is 18 months old' });
  row = await stored(r.id);
  assert.equal(row.risks.riskFromOthers, validRisks.riskFromOthers);
  assert.equal(row.childViews.viewsNotSoughtReason, 'She is 18 months old');
  assert.equal(row.status, 'draft');
  assert.equal((await historyOf(r.id)).length, 1, 'saving a draft adds nothing to the status history');
  const audits = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, r.id), eq(auditEvent.action, 'request.updated')));
  assert.deepEqual(audits.map((a) => (a.details as { page: string }).page), ['basics', 'needs', 'risks', 'views']);
  assert.ok(!JSON.stringify(audits.map((a) => a.details)).includes('Asthma'), 'the answers themselves are not copied into the audit trail');

  const view = await w.services.requests.get(ctx, r.id);
  assert.deepEqual(view.siblings.map((s) => s.id), [sib.id]);
  assert.deepEqual(view.linkedSiblings.map((s) => s.id), [sib.id]);
  assert.deepEqual(view.missing, []);
});

test('service: bad input, siblings who are not linked, a past date and a stale version are refused and store nothing', async () => {
  const kid = await insertChild();
  const stranger = await insertChild({ firstName: 'Stranger' });
  const ctx = ctxOf('social_worker');
  const r = await w.services.requests.create(ctx, kid.id);
  const before = await stored(r.id);
  const fieldsOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      if (err instanceof ValidationError) return err.errors.map((e) => e.field).sort();
      throw err;
    }
    assert.fail('expected a ValidationError');
  };
  assert.deepEqual(await fieldsOf(w.services.requests.savePage(ctx, r.id, 'basics', r.version, { urgency: 'whenever', neededBy: '2026-02-30' })), ['kind', 'neededBy', 'urgency']);
  assert.deepEqual(await fieldsOf(w.services.requests.savePage(ctx, r.id, 'basics', r.version, { ...validBasics, siblingIds: [stranger.id] })), ['siblingIds']);
  assert.deepEqual(await fieldsOf(w.services.requests.savePage(ctx, r.id, 'basics', r.version, { ...validBasics, neededBy: '2026-03-01' })), ['neededBy']);
  assert.deepEqual(await fieldsOf(w.services.requests.savePage(ctx, r.id, 'needs', r.version, { schoolPostcode: 'nowhere', needTags: ['tall'] })), ['needTags.0', 'schoolPostcode']);
  assert.deepEqual(await fieldsOf(w.services.requests.savePage(ctx, r.id, 'risks', r.version, { riskToSelf: 'x'.repeat(5001) })), ['riskToSelf']);
  assert.deepEqual(await fieldsOf(w.services.requests.savePage(ctx, r.id, 'views', r.version, { childViews: 42 })), ['childViews']);
  await assert.rejects(w.services.requests.savePage(ctx, r.id, 'basics', r.version + 1, validBasics), StaleRecordError);
  await assert.rejects(w.services.requests.savePage(ctx, r.id, 'nonsense' as 'basics', r.version, {}), /not found/);
  assert.deepEqual(await stored(r.id), before);
  assert.deepEqual(await auditsOf(r.id), ['request.created']);
});

test('service: submit is refused listing every missing answer; then submitted with who and when', async () => {
  const kid = await insertChild();
  const ctx = ctxOf('social_worker');
  const r = await w.services.requests.create(ctx, kid.id);
  await assert.rejects(w.services.requests.submit(ctx, r.id, r.version), (err: unknown) => {
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(
      err.errors.map((e) => [e.field, e.message]),
      [
        ['urgency', 'Select whether this is an emergency or planned'],
        ['kind', 'Select the kind of placement needed'],
        ['neededBy', 'Enter the date the placement is needed by'],
        ['riskToSelf', 'Describe each of the three risks, or write "none known"'],
        ['childViews', "Enter the child's views, or why they were not sought"],
      ],
    );
    assert.deepEqual(
      err.errors.map((e) => (e as { page?: string }).page),
      ['basics', 'basics', 'basics', 'risks', 'views'],
    );
    return true;
  });
  assert.equal((await stored(r.id)).status, 'draft');

  const done = await completeDraft();
  await assert.rejects(w.services.requests.submit(ctx, done.id, done.version - 1), StaleRecordError);
  await w.services.requests.submit(ctx, done.id, done.version);
  const row = await stored(done.id);
  assert.equal(row.status, 'submitted');
  assert.equal(row.version, done.version + 1);
  const history = await historyOf(done.id);
  assert.deepEqual(history.map((h) => h.status), ['draft', 'submitted']);
  assert.equal(history[1]!.byUserId, w.users.social_worker.userId);
  assert.ok(history[1]!.at instanceof Date);
  const view = await w.services.requests.get(ctx, done.id);
  assert.equal(view.history[1]!.byName, 'Test social worker');
  assert.ok((await auditsOf(done.id)).includes('request.status-changed'));
  await assert.rejects(w.services.requests.submit(ctx, done.id, row.version), /already submitted/);
});

test('service: after submission a page can still be changed, noted in the history, but must stay complete; not once matching starts', async () => {
  const done = await completeDraft();
  const sw = ctxOf('social_worker');
  await w.services.requests.submit(sw, done.id, done.version);
  let row = await stored(done.id);
  await assert.rejects(w.services.requests.savePage(sw, done.id, 'risks', row.version, { riskToSelf: 'None known' }), (err: unknown) => {
    assert.ok(err instanceof ValidationError);
    assert.deepEqual(err.errors.map((e) => e.field), ['riskToSelf']);
    return true;
  });
  await assert.rejects(w.services.requests.savePage(sw, done.id, 'basics', row.version, { urgency: '', kind: '', neededBy: '' }, { draft: true }), ValidationError);
  const saved = await w.services.requests.savePage(sw, done.id, 'needs', row.version, { needTags: ['trauma', 'self_harm'] });
  assert.equal(saved.status, 'submitted');
  const history = await historyOf(done.id);
  assert.deepEqual(history.map((h) => [h.status, h.note]).slice(-1), [['submitted', "Changed after submission: the child's needs"]]);

  row = await stored(done.id);
  await w.services.requests.startMatching(ctxOf('placement_officer'), done.id, row.version);
  row = await stored(done.id);
  assert.equal(row.status, 'matching');
  await assert.rejects(w.services.requests.savePage(sw, done.id, 'views', row.version, validViews), /matching and can no longer be changed/);
});

test('service: setRequestStatus refuses a move not in REQUEST_TRANSITIONS and changes nothing; allowed moves are kept with the note', async () => {
  const kid = await insertChild();
  const r = await w.services.requests.create(ctxOf('social_worker'), kid.id);
  const ctx = ctxOf('placement_officer');
  for (const to of Object.keys(REQUEST_STATUSES) as RequestStatus[]) {
    if (REQUEST_TRANSITIONS.draft.includes(to)) continue;
    await assert.rejects(
      w.database.db.transaction((tx) => setRequestStatus(tx, ctx, r.id, to, 'jumping ahead')),
      (err: unknown) => err instanceof ValidationError && err.errors[0]!.field === 'status',
      `draft → ${to}`,
    );
  }
  assert.equal((await stored(r.id)).status, 'draft');
  assert.equal((await historyOf(r.id)).length, 1);
  await assert.rejects(w.database.db.transaction((tx) => setRequestStatus(tx, ctx, '00000000-0000-4000-8000-000000000000', 'submitted', '')), /not found/);

  // Another service's transaction: the status change rolls back with it.
  await assert.rejects(
    w.database.db.transaction(async (tx) => {
      await setRequestStatus(tx, ctx, r.id, 'submitted', 'inside another use case');
      throw new Error('the other use case failed');
    }),
    /the other use case failed/,
  );
  assert.equal((await stored(r.id)).status, 'draft');

  const before = await stored(r.id);
  await w.database.db.transaction((tx) => setRequestStatus(tx, ctx, r.id, 'submitted', 'by another service'));
  const after = await stored(r.id);
  assert.equal(after.status, 'submitted');
  assert.equal(after.version, before.version + 1);
  const last = (await historyOf(r.id)).at(-1)!;
  assert.deepEqual([last.status, last.note, last.byUserId], ['submitted', 'by another service', w.users.placement_officer.userId]);
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, r.id), eq(auditEvent.action, 'request.status-changed')));
  assert.deepEqual(audit?.details, { childId: kid.id, from: 'draft', to: 'submitted' });
});

test('service: withdraw needs a reason; roles without the permission are refused', async () => {
  const kid = await insertChild();
  const sw = ctxOf('social_worker');
  const r = await w.services.requests.create(sw, kid.id);
  await assert.rejects(w.services.requests.withdraw(sw, r.id, r.version, '   '), (err: unknown) => err instanceof ValidationError && err.errors[0]!.field === 'reason');
  await assert.rejects(w.services.requests.create(ctxOf('supervising_social_worker'), kid.id), ForbiddenError);
  await assert.rejects(w.services.requests.create(ctxOf('iro'), kid.id), ForbiddenError);
  await assert.rejects(w.services.requests.savePage(ctxOf('iro'), r.id, 'views', r.version, validViews), ForbiddenError);
  await assert.rejects(w.services.requests.startMatching(sw, r.id, r.version), ForbiddenError);
  await w.services.requests.withdraw(sw, r.id, r.version, 'Returned home to mum');
  const row = await stored(r.id);
  assert.equal(row.status, 'withdrawn');
  assert.deepEqual((await historyOf(r.id)).map((h) => [h.status, h.note]).at(-1), ['withdrawn', 'Returned home to mum']);
  await assert.rejects(w.services.requests.withdraw(sw, r.id, row.version, 'again'), /already withdrawn/);
  // An IRO can read it.
  const view = await w.services.requests.get(ctxOf('iro'), r.id);
  assert.equal(view.status, 'withdrawn');
});

test('the list page is shown 50 a page, most recently changed first, with the true total; the page links keep the filters; the API pages too', async () => {
  const kids = [];
  for (let i = 0; i < 51; i++) kids.push(await insertChild({ firstName: `Rq${String(i).padStart(2, '0')}`, lastName: 'Pagedrequest' }));
  await w.database.db.insert(placementRequest).values(
    kids.map((k, i) => ({ reference: `PRPAGE${String(i).padStart(2, '0')}`, childId: k.id, createdBy: w.users.social_worker.userId, updatedAt: new Date(Date.UTC(2025, 0, 1, 0, i)) })),
  );
  const c = await as('placement_officer');
  const first = await c.get(`${paths.requests.list}?q=Pagedrequest&status=draft`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /51 requests \(showing 1 to 50 of 51\)/);
  assert.match(first.body, /Rq50 Pagedrequest/);
  assert.doesNotMatch(first.body, /Rq00 Pagedrequest/);
  assert.match(first.body, /href="\/requests\?q=Pagedrequest&amp;status=draft&amp;page=2"/);
  const second = await c.get(`${paths.requests.list}?q=Pagedrequest&status=draft&page=2`);
  assert.match(second.body, /51 requests \(showing 51 to 51 of 51\)/);
  assert.match(second.body, /Rq00 Pagedrequest/);
  const rows = await w.database.db.select().from(auditEvent).where(eq(auditEvent.correlationId, String(second.headers['x-request-id'])));
  assert.deepEqual(rows.flatMap((r) => r.childIds), [kids[0]!.id], 'the audit names the child on this page');
  const beyond = await c.get(`${paths.requests.list}?q=Pagedrequest&page=3`);
  assert.match(beyond.body, /showing 51 to 51 of 51/);
  const viaApi = (await api('GET', '/api/v1/requests?q=Pagedrequest&limit=10&page=6', undefined, tokens.placement_officer)).json() as { items: unknown[]; total: number; page: number; pages: number; truncated: boolean; filter: unknown };
  assert.deepEqual([viaApi.items.length, viaApi.total, viaApi.page, viaApi.pages, viaApi.truncated], [1, 51, 6, 6, false], 'the last page: nothing comes after it');
  assert.deepEqual(viaApi.filter, { q: 'Pagedrequest' });
});

test('service: the list filters by status, child, "mine" and name or reference; listing is audited', async () => {
  const mineKid = await insertChild({ firstName: 'Orla', lastName: 'Fenwick' });
  const otherKid = await insertChild({ firstName: 'Nico', lastName: 'Abara', socialWorkerId: null });
  const a = await w.services.requests.create(ctxOf('social_worker'), mineKid.id);
  const b = await w.services.requests.create(ctxOf('team_manager'), otherKid.id);
  const sw = ctxOf('social_worker');
  // The team manager reads both children (the unallocated one too); the social worker only their own (caseload access).
  const ids = async (f: Parameters<typeof w.services.requests.list>[1]) => (await w.services.requests.list(ctxOf('team_manager'), f)).items.map((i) => i.id);
  const swSees = (await w.services.requests.list(sw, { q: 'abara' })).items.map((i) => i.id);
  assert.deepEqual(swSees, [], "a social worker does not list the request of a child not on their caseload");
  const mine = (await w.services.requests.list(sw, { mine: true })).items.map((i) => i.id);
  assert.ok(mine.includes(a.id));
  assert.ok(!mine.includes(b.id));
  assert.ok((await w.services.requests.list(ctxOf('team_manager'), { mine: true })).items.some((i) => i.id === b.id), 'started by me counts as mine');
  assert.deepEqual(await ids({ q: 'fenwick' }), [a.id]);
  assert.deepEqual(await ids({ q: 'nico abara' }), [b.id]);
  assert.deepEqual(await ids({ q: b.reference }), [b.id]);
  assert.deepEqual(await ids({ childId: otherKid.id }), [b.id]);
  const drafts = await ids({ status: 'draft' });
  assert.ok(drafts.includes(a.id) && drafts.includes(b.id));
  assert.ok(!(await ids({ status: 'submitted' })).includes(a.id));
  const listed = await w.services.requests.list(sw, { status: 'nonsense', childId: 'x', q: 'fenwick' });
  assert.deepEqual(listed.filter, { q: 'fenwick' }, 'unknown filters are dropped, not sent to the database');
  const audits = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'request.listed'));
  assert.ok(audits.length >= 1);
});

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

test('pages: a social worker starts a request from a child, fills it in page by page, checks the answers and submits it', async () => {
  const kid = await insertChild({ firstName: 'Leah', lastName: 'Marsh' });
  const sib = await insertChild({ firstName: 'Tom', lastName: 'Marsh' });
  await linkSiblings(kid.id, sib.id);
  const c = await as('social_worker');

  const list = await c.get(paths.requests.list);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Start a placement request/);
  assert.match(list.body, /href="\/requests"[^>]*>[^<]*<strong[^>]*>Requests</, 'Requests is in the service navigation');

  const byRef = await c.get(`${paths.requests.new}?childReference=${kid.reference.toLowerCase()}`);
  assert.equal(byRef.statusCode, 303);
  assert.equal(byRef.headers.location, startRequestHref(kid.id));
  const unknownRef = await c.get(`${paths.requests.new}?childReference=ZZZ999`);
  assert.equal(unknownRef.statusCode, 400);
  assert.match(unknownRef.body, /No child has the reference ZZZ999/);

  const start = await c.get(startRequestHref(kid.id));
  assert.equal(start.statusCode, 200);
  assert.match(start.body, /Start a placement request for Leah Marsh/);
  const created = await c.post(paths.requests.new, { child: kid.id });
  assert.equal(created.statusCode, 303);
  const [row] = await w.database.db.select().from(placementRequest).where(eq(placementRequest.childId, kid.id));
  assert.ok(row);
  const id = row.id;
  assert.equal(created.headers.location, paths.requests.page(id, 'basics'));

  // Page 1: the siblings linked on the child's record are offered.
  const p1 = await c.get(paths.requests.page(id, 'basics'));
  assert.equal(p1.statusCode, 200);
  assert.match(p1.body, /What is needed/);
  assert.match(p1.body, /Tom Marsh \(RQ\d{4}\)/);
  assert.match(p1.body, /Save and continue/);
  assert.match(p1.body, /Save as draft and return later/);
  const r1 = await c.post(paths.requests.page(id, 'basics'), {
    version: String(versionIn(p1.body)),
    action: 'continue',
    urgency: 'emergency',
    kind: 'short_term',
    ...dateParts('neededBy', '2026-03-06'),
    siblingIds: sib.id,
  });
  assert.equal(r1.statusCode, 303);
  assert.equal(r1.headers.location, paths.requests.page(id, 'needs'));

  const p2 = await c.get(paths.requests.page(id, 'needs'));
  assert.match(p2.body, /Health, disability and adaptations/);
  const r2 = await c.post(paths.requests.page(id, 'needs'), {
    version: String(versionIn(p2.body)),
    action: 'continue',
    needTags: ['trauma', 'self_harm'],
    health: 'Asthma: inhaler twice a day\nSees the nurse monthly',
    school: 'Testford Primary',
    schoolPostcode: 'tf1 2ab',
    keepSchool: 'true',
    firstLanguage: 'English',
    noPets: 'true',
  });
  assert.equal(r2.statusCode, 303);
  assert.equal(r2.headers.location, paths.requests.page(id, 'risks'));

  const p3 = await c.get(paths.requests.page(id, 'risks'));
  const r3 = await c.post(paths.requests.page(id, 'risks'), { version: String(versionIn(p3.body)), action: 'continue', ...validRisks });
  assert.equal(r3.headers.location, paths.requests.page(id, 'views'));
  const p4 = await c.get(paths.requests.page(id, 'views'));
  const r4 = await c.post(paths.requests.page(id, 'views'), { version: String(versionIn(p4.body)), action: 'continue', childViews: 'Wants to live with Tom', viewsNotSoughtReason: '' });
  assert.equal(r4.headers.location, paths.requests.check(id));

  const check = await c.get(paths.requests.check(id));
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /Check your answers before submitting the request/);
  assert.match(check.body, /govuk-summary-list/);
  assert.match(check.body, /Emergency \(needed today or out of hours\)/);
  assert.match(check.body, /6 March 2026/);
  assert.match(check.body, /Tom Marsh/);
  assert.match(check.body, /Asthma: inhaler twice a day<br>Sees the nurse monthly/);
  assert.match(check.body, /TF1 2AB/);
  for (const page of ['basics', 'needs', 'risks', 'views']) {
    assert.ok(check.body.includes(`href="${paths.requests.page(id, page)}?from=check#`), `a Change link to ${page}`);
  }
  assert.match(check.body, /Change<span class="govuk-visually-hidden"> what kind of placement is needed\?<\/span>/);

  // A Change link comes back to the check page.
  const change = await c.get(`${paths.requests.page(id, 'risks')}?from=check`);
  assert.match(change.body, /Risk to Leah from others/);
  assert.match(change.body, /Contact with her uncle must be supervised/, 'the saved answer is shown');
  const changed = await c.post(`${paths.requests.page(id, 'risks')}?from=check`, { version: String(versionIn(change.body)), action: 'continue', ...validRisks, riskToOthers: 'Can hit out when upset' });
  assert.equal(changed.headers.location, paths.requests.check(id));

  const check2 = await c.get(paths.requests.check(id));
  const submitted = await c.post(paths.requests.submit(id), { version: String(versionIn(check2.body)) });
  assert.equal(submitted.statusCode, 303);
  assert.equal(submitted.headers.location, paths.requests.show(id));
  assert.equal((await stored(id)).status, 'submitted');

  const show = await c.get(paths.requests.show(id));
  assert.equal(show.statusCode, 200);
  assert.match(show.body, /Request submitted to the placement team/);
  assert.match(show.body, /govuk-tag govuk-tag--blue">\s*Submitted/);
  assert.match(show.body, /Status history/);
  assert.match(show.body, /Submitted to the placement team/);
  assert.match(show.body, /Test social worker/);
  assert.match(show.body, /Withdraw request/);
  assert.ok(!show.body.includes(paths.requests.matching(id)), 'the social worker cannot run matching');
  const again = await c.get(paths.requests.show(id));
  assert.ok(!/Request submitted to the placement team/.test(again.body.split('Status history')[0]!), 'the banner is not shown twice');

  const actions = await auditsOf(id);
  assert.ok(actions.includes('request.created'));
  assert.equal(actions.filter((a) => a === 'request.updated').length, 5);
  assert.ok(actions.includes('request.status-changed'));
  assert.ok(actions.filter((a) => a === 'request.viewed').length >= 7, 'every view of the request is audited');
});

test('pages: bad input on each page shows the error summary, keeps the input and stores nothing', async () => {
  const kid = await insertChild({ firstName: 'Ava' });
  const stranger = await insertChild();
  const c = await as('social_worker');
  const r = await w.services.requests.create(ctxOf('social_worker'), kid.id);
  const before = await stored(r.id);
  const post = (page: string, form: Record<string, string | string[]>) => c.post(paths.requests.page(r.id, page), { version: String(r.version), action: 'continue', ...form });

  const b = await post('basics', { urgency: '', kind: 'long_term', 'neededBy-day': '31', 'neededBy-month': '2', 'neededBy-year': '2026', siblingIds: stranger.id });
  assert.equal(b.statusCode, 400);
  assert.match(b.body, /There is a problem/);
  assert.match(b.body, /href="#urgency">Select whether this is an emergency or planned/);
  assert.match(b.body, /href="#neededBy-day">The date the placement is needed by must be a real date/);
  assert.match(b.body, /name="neededBy-day" type="text" value="31"/);
  assert.match(b.body, /value="long_term" checked/);
  assert.match(b.body, /<title>Error: /);

  const past = await post('basics', { urgency: 'planned', kind: 'long_term', ...dateParts('neededBy', '2026-02-27') });
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /must be today or in the future/);

  const stray = await c.post(paths.requests.page(r.id, 'basics'), { version: String(r.version), action: 'continue', ...validBasicsForm(), siblingIds: stranger.id });
  assert.equal(stray.statusCode, 400);
  assert.match(stray.body, /Select only children linked as this child(&#39;|')s siblings/);

  const n = await post('needs', { schoolPostcode: 'not a postcode', school: 'Hill Top Academy', needTags: ['trauma'], noPets: 'true' });
  assert.equal(n.statusCode, 400);
  assert.match(n.body, /href="#schoolPostcode">Enter a real postcode/);
  assert.match(n.body, /value="Hill Top Academy"/);
  assert.match(n.body, /value="trauma" checked/);
  assert.match(n.body, /name="noPets" type="checkbox" value="true" checked/);

  const k = await post('risks', { riskToSelf: 'x'.repeat(5001), riskFromOthers: 'Kept this' });
  assert.equal(k.statusCode, 400);
  assert.match(k.body, /href="#riskToSelf">The risk to the child themself must be 5000 characters or fewer/);
  assert.match(k.body, />Kept this<\/textarea>/);

  const v = await post('views', { childViews: 'y'.repeat(5001) });
  assert.equal(v.statusCode, 400);
  assert.match(v.body, /href="#childViews">The child(&#39;|')s views must be 5000 characters or fewer/);

  assert.deepEqual(await stored(r.id), before);

  // A stale version: the page says so, keeps the input and overwrites nothing.
  await w.services.requests.savePage(ctxOf('team_manager'), r.id, 'views', r.version, validViews);
  const stale = await post('risks', validRisks);
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /changed by someone else/);
  assert.match(stale.body, /Contact with her uncle must be supervised/);
  assert.deepEqual((await stored(r.id)).risks, {});
});

function validBasicsForm() {
  return { urgency: 'planned', kind: 'long_term', ...dateParts('neededBy', '2026-04-01') };
}

test('pages: "Save as draft and return later" keeps blanks for later; submitting lists each missing answer with a link to its page', async () => {
  const kid = await insertChild();
  const c = await as('social_worker');
  const r = await w.services.requests.create(ctxOf('social_worker'), kid.id);
  const saved = await c.post(paths.requests.page(r.id, 'basics'), { version: String(r.version), action: 'draft', urgency: 'planned', kind: '', 'neededBy-day': '', 'neededBy-month': '', 'neededBy-year': '' });
  assert.equal(saved.statusCode, 303);
  assert.equal(saved.headers.location, paths.requests.show(r.id));
  const row = await stored(r.id);
  assert.equal(row.urgency, 'planned');
  assert.equal(row.kind, null);
  const show = await c.get(paths.requests.show(r.id));
  assert.match(show.body, /saved as a draft/);
  assert.match(show.body, /Still to answer before the request can be submitted/);
  assert.match(show.body, /Continue the request/);

  // "Save and continue" needs the page's questions answered.
  const strict = await c.post(paths.requests.page(r.id, 'basics'), { version: String(row.version), action: 'continue', urgency: 'planned' });
  assert.equal(strict.statusCode, 400);
  assert.match(strict.body, /Select the kind of placement needed/);

  const check = await c.get(paths.requests.check(r.id));
  assert.match(check.body, /Not answered/);
  const refused = await c.post(paths.requests.submit(r.id), { version: String(versionIn(check.body)) });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /There is a problem/);
  for (const [page, field, text] of [
    ['basics', 'kind', 'Select the kind of placement needed'],
    ['basics', 'neededBy-day', 'Enter the date the placement is needed by'],
    ['risks', 'riskToSelf', 'Describe each of the three risks, or write &quot;none known&quot;'],
    ['views', 'childViews', 'Enter the child(&#39;|\')s views, or why they were not sought'],
  ] as const) {
    assert.match(refused.body, new RegExp(`href="${paths.requests.page(r.id, page)}\\?from=check#${field}">${text}`), text);
  }
  assert.ok(!refused.body.includes('Select whether this is an emergency'), 'the answered question is not listed');
  assert.equal((await stored(r.id)).status, 'draft');
});

test('pages: an SSW or an IRO cannot start or change a request; an IRO can read it', async () => {
  const done = await completeDraft();
  for (const role of ['supervising_social_worker', 'iro'] as const) {
    const c = await as(role);
    assert.equal((await c.get(startRequestHref(done.kid.id))).statusCode, 403, `${role} start page`);
    assert.equal((await c.post(paths.requests.new, { child: done.kid.id })).statusCode, 403, `${role} start`);
    assert.equal((await c.get(paths.requests.page(done.id, 'needs'))).statusCode, 403, `${role} page`);
    assert.equal((await c.post(paths.requests.page(done.id, 'needs'), { version: String(done.version), action: 'continue' })).statusCode, 403, `${role} save`);
    assert.equal((await c.post(paths.requests.submit(done.id), { version: String(done.version) })).statusCode, 403, `${role} submit`);
    assert.equal((await c.post(paths.requests.withdraw(done.id), { version: String(done.version), reason: 'x' })).statusCode, 403, `${role} withdraw`);
  }
  const iro = await as('iro');
  const show = await iro.get(paths.requests.show(done.id));
  assert.equal(show.statusCode, 200);
  assert.match(show.body, new RegExp(done.reference));
  assert.ok(!show.body.includes('>Change<'), 'no Change links for a reader');
  assert.ok(!show.body.includes('Withdraw request'));
  assert.ok(!(await iro.get(paths.requests.list)).body.includes('Start a placement request'));
  assert.equal((await stored(done.id)).version, done.version);
});

test('pages: a child with an open request cannot have another; the page links to the open one', async () => {
  const done = await completeDraft();
  const c = await as('team_manager');
  const start = await c.get(startRequestHref(done.kid.id));
  assert.equal(start.statusCode, 200);
  assert.match(start.body, new RegExp(`already has an open placement request,\\s*<a class="govuk-link" href="${paths.requests.show(done.id)}">${done.reference}</a>`));
  assert.ok(!start.body.includes('Start placement request</button>'));
  const res = await c.post(paths.requests.new, { child: done.kid.id });
  assert.equal(res.statusCode, 409);
  assert.match(res.body, new RegExp(`<a href="${paths.requests.show(done.id)}">[^<]*already has an open placement request, ${done.reference}`));
  assert.equal((await w.database.db.select().from(placementRequest).where(eq(placementRequest.childId, done.kid.id))).length, 1);
});

test('pages: changes after submission are noted; withdraw needs a reason; the placement team starts matching', async () => {
  const done = await completeDraft();
  await w.services.requests.submit(ctxOf('social_worker'), done.id, done.version);
  const sw = await as('social_worker');
  const page = await sw.get(`${paths.requests.page(done.id, 'views')}?from=request`);
  assert.match(page.body, /Save changes/);
  assert.ok(!page.body.includes('Save as draft'));
  const saved = await sw.post(`${paths.requests.page(done.id, 'views')}?from=request`, { version: String(versionIn(page.body)), action: 'continue', childViews: 'Would like a dog' });
  assert.equal(saved.headers.location, paths.requests.show(done.id));
  const show = await sw.get(paths.requests.show(done.id));
  assert.match(show.body, /Changed after submission: the child(&#39;|')s views/);
  assert.match(show.body, /Would like a dog/);

  // The placement team sees the start of matching and the link to the matching page.
  const po = await as('placement_officer');
  const poShow = await po.get(paths.requests.show(done.id));
  assert.match(poShow.body, new RegExp(`action="${startMatchingPath(done.id)}"`));
  assert.match(poShow.body, new RegExp(`href="${paths.requests.matching(done.id)}"`));
  assert.ok(!poShow.body.includes('Withdraw request'), 'the placement officer cannot withdraw');
  assert.equal((await sw.post(startMatchingPath(done.id), { version: String(versionIn(poShow.body)) })).statusCode, 403);
  const stale = await po.post(startMatchingPath(done.id), { version: '1' });
  assert.equal(stale.statusCode, 409);
  assert.equal((await stored(done.id)).status, 'submitted');
  const started = await po.post(startMatchingPath(done.id), { version: String(versionIn(poShow.body)) });
  assert.equal(started.statusCode, 303);
  assert.equal(started.headers.location, paths.requests.matching(done.id));
  assert.equal((await stored(done.id)).status, 'matching');
  const matching = await po.get(paths.requests.show(done.id));
  assert.ok(!matching.body.includes(startMatchingPath(done.id)));
  assert.match(matching.body, new RegExp(`href="${paths.requests.matching(done.id)}"`));

  // No more changes to the form; it can still be withdrawn, with a reason.
  const locked = await sw.get(paths.requests.page(done.id, 'needs'));
  assert.equal(locked.statusCode, 303);
  const form = await sw.get(paths.requests.withdraw(done.id));
  assert.equal(form.statusCode, 200);
  const noReason = await sw.post(paths.requests.withdraw(done.id), { version: String(versionIn(form.body)), reason: '  ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter why the request is being withdrawn/);
  assert.equal((await stored(done.id)).status, 'matching');
  const withdrawn = await sw.post(paths.requests.withdraw(done.id), { version: String(versionIn(form.body)), reason: 'Placed with grandparents under a special guardianship order' });
  assert.equal(withdrawn.statusCode, 303);
  const after = await sw.get(paths.requests.show(done.id));
  assert.match(after.body, /govuk-tag--red">\s*Withdrawn/);
  assert.match(after.body, /Placed with grandparents under a special guardianship order/);
  const history = await historyOf(done.id);
  assert.deepEqual(history.map((h) => h.status), ['draft', 'submitted', 'submitted', 'matching', 'withdrawn']);
});

test('pages: the list filters by status and "mine"', async () => {
  const mineKid = await insertChild({ firstName: 'Priya', lastName: 'Listfilter' });
  // Allocated to a colleague in the social worker's team, so on the team's caseload but not "mine".
  const otherKid = await insertChild({ firstName: 'Quinn', lastName: 'Listfilter', socialWorkerId: w.users.team_manager.userId });
  const a = await w.services.requests.create(ctxOf('social_worker'), mineKid.id);
  const b = await w.services.requests.create(ctxOf('team_manager'), otherKid.id);
  const c = await as('social_worker');
  const all = await c.get(`${paths.requests.list}?q=listfilter`);
  assert.ok(all.body.includes(a.reference) && all.body.includes(b.reference));
  const mine = await c.get(`${paths.requests.list}?q=listfilter&whose=mine`);
  assert.ok(mine.body.includes(a.reference));
  assert.ok(!mine.body.includes(b.reference));
  const submitted = await c.get(`${paths.requests.list}?q=listfilter&status=submitted`);
  assert.match(submitted.body, /0 requests/);
});

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

test('API: start, save pages, refused submission, stale versions, submit, start matching, withdraw', async () => {
  const kid = await insertChild();
  const sib = await insertChild();
  await linkSiblings(kid.id, sib.id);
  const created = await api('POST', '/api/v1/requests', { childId: kid.id });
  assert.equal(created.statusCode, 201);
  const r = created.json() as { id: string; reference: string; status: string; version: number; missing: { field: string; page: string }[]; linkedSiblings: { id: string }[] };
  assert.equal(r.status, 'draft');
  assert.deepEqual(r.linkedSiblings.map((s) => s.id), [sib.id]);
  assert.deepEqual(r.missing.map((m) => m.field), ['urgency', 'kind', 'neededBy', 'riskToSelf', 'childViews']);

  const dup = await api('POST', '/api/v1/requests', { childId: kid.id });
  assert.equal(dup.statusCode, 409);
  assert.match(dup.headers['content-type'] as string, /problem\+json/);
  assert.deepEqual((dup.json() as { existingRequest: unknown }).existingRequest, { id: r.id, reference: r.reference, status: 'draft' });
  assert.equal((await api('POST', '/api/v1/requests', { childId: 'C0001' })).statusCode, 400);

  const refused = await api('POST', `/api/v1/requests/${r.id}/submit`, { version: r.version });
  assert.equal(refused.statusCode, 400);
  const problem = refused.json() as { errors: { field: string; page: string }[] };
  assert.deepEqual(problem.errors.map((e) => `${e.page}.${e.field}`), ['basics.urgency', 'basics.kind', 'basics.neededBy', 'risks.riskToSelf', 'views.childViews']);

  const bad = await api('PUT', `/api/v1/requests/${r.id}/pages/basics`, { version: r.version, urgency: 'soon', kind: 'long_term', neededBy: '2026-04-01' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual((bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['urgency']);
  const partial = await api('PUT', `/api/v1/requests/${r.id}/pages/basics?draft=true`, { version: r.version, kind: 'long_term' });
  assert.equal(partial.statusCode, 200);
  let v = (partial.json() as { version: number }).version;
  const stale = await api('PUT', `/api/v1/requests/${r.id}/pages/basics`, { version: r.version, ...validBasics });
  assert.equal(stale.statusCode, 409);
  const noVersion = await api('PUT', `/api/v1/requests/${r.id}/pages/basics`, validBasics);
  assert.equal(noVersion.statusCode, 400);
  assert.equal((await api('PUT', `/api/v1/requests/${r.id}/pages/contact`, { version: v })).statusCode, 404);

  for (const [page, body] of [
    ['basics', { ...validBasics, siblingIds: [sib.id] }],
    ['needs', { needTags: ['sibling_group'], needsAccessibleHome: true, firstLanguage: 'Polish', interpreter: true }],
    ['risks', validRisks],
    ['views', validViews],
  ] as const) {
    const res = await api('PUT', `/api/v1/requests/${r.id}/pages/${page}`, { version: v, ...body });
    assert.equal(res.statusCode, 200, `${page}: ${res.body}`);
    v = (res.json() as { version: number }).version;
  }
  const got = (await api('GET', `/api/v1/requests/${r.id}`)).json() as { siblingIds: string[]; needs: Record<string, unknown>; missing: unknown[] };
  assert.deepEqual(got.siblingIds, [sib.id]);
  assert.equal(got.needs.interpreter, true);
  assert.deepEqual(got.missing, []);

  const submitted = await api('POST', `/api/v1/requests/${r.id}/submit`, { version: v });
  assert.equal(submitted.statusCode, 200);
  const s = submitted.json() as { status: string; version: number; history: { status: string; byName: string }[] };
  assert.equal(s.status, 'submitted');
  assert.deepEqual(s.history.map((h) => [h.status, h.byName]), [['draft', 'Test social worker'], ['submitted', 'Test social worker']]);

  assert.equal((await api('POST', `/api/v1/requests/${r.id}/start-matching`, { version: s.version })).statusCode, 403, 'a social worker cannot start matching');
  const matching = await api('POST', `/api/v1/requests/${r.id}/start-matching`, { version: s.version }, tokens.placement_officer);
  assert.equal(matching.statusCode, 200);
  const m = matching.json() as { status: string; version: number };
  assert.equal(m.status, 'matching');

  const noReason = await api('POST', `/api/v1/requests/${r.id}/withdraw`, { version: m.version });
  assert.equal(noReason.statusCode, 400);
  assert.deepEqual((noReason.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ['reason']);
  const withdrawn = await api('POST', `/api/v1/requests/${r.id}/withdraw`, { version: m.version, reason: 'No longer needed' });
  assert.equal(withdrawn.statusCode, 200);
  assert.equal((withdrawn.json() as { status: string }).status, 'withdrawn');

  const listed = await api('GET', `/api/v1/requests?childId=${kid.id}&status=withdrawn`);
  assert.deepEqual((listed.json() as { items: { id: string }[] }).items.map((i) => i.id), [r.id]);
  const mine = await api('GET', '/api/v1/requests?mine=true&status=withdrawn');
  assert.ok((mine.json() as { items: { id: string }[] }).items.some((i) => i.id === r.id));
});

test('API: an SSW or IRO cannot start or change a request; an IRO can read it; the OpenAPI document describes the routes', async () => {
  const done = await completeDraft();
  for (const role of ['supervising_social_worker', 'iro'] as const) {
    const token = tokens[role]!;
    assert.equal((await api('POST', '/api/v1/requests', { childId: (await insertChild()).id }, token)).statusCode, 403);
    assert.equal((await api('PUT', `/api/v1/requests/${done.id}/pages/views`, { version: done.version, ...validViews }, token)).statusCode, 403);
    assert.equal((await api('POST', `/api/v1/requests/${done.id}/submit`, { version: done.version }, token)).statusCode, 403);
    assert.equal((await api('POST', `/api/v1/requests/${done.id}/withdraw`, { version: done.version, reason: 'x' }, token)).statusCode, 403);
  }
  const read = await api('GET', `/api/v1/requests/${done.id}`, undefined, tokens.iro);
  assert.equal(read.statusCode, 200);
  assert.equal((read.json() as { reference: string }).reference, done.reference);
  assert.equal((await api('GET', '/api/v1/requests', undefined, tokens.iro)).statusCode, 200);
  assert.equal((await stored(done.id)).version, done.version);
  const viewed = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, done.id), eq(auditEvent.action, 'request.viewed'), eq(auditEvent.actorUserId, w.users.iro.userId)));
  assert.equal(viewed.length, 1, "the IRO's view is audited");

  const doc = (await w.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { summary?: string }>> };
  for (const [path, method] of [
    ['/api/v1/requests', 'get'],
    ['/api/v1/requests', 'post'],
    ['/api/v1/requests/{id}', 'get'],
    ['/api/v1/requests/{id}/pages/{page}', 'put'],
    ['/api/v1/requests/{id}/submit', 'post'],
    ['/api/v1/requests/{id}/withdraw', 'post'],
    ['/api/v1/requests/{id}/start-matching', 'post'],
  ] as const) {
    assert.ok(doc.paths[path]?.[method]?.summary, `${method.toUpperCase()} ${path} is documented`);
  }
});
