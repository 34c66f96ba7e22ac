/**
 * Planning routes seen succeeding and writing the audit action they declare (test/audit-coverage.ts):
 * sharing and acknowledging a version of the placement plan (pages and API), the agreed actions
 * (tasks) of a placement, and a document on the child's record. Fixtures as in test/planning.test.ts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { apiCaller, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { actingAs, auditRows, auditSubjects, insertHousehold } from './audit-declared-fixtures.ts';
import { childDocument, legalStatus, placement, placementTask, planningDocumentVersion } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { paths } from '../src/http/paths.ts';

const TODAY = '2026-11-25';
const START = '2026-11-23';

let w: TestWorld;
let token = '';
let householdId = '';
const ctx = (role: Role) => actingAs(w, role);
const s = () => w.services.planning;
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => token);
const insertChild = childInserter(() => w, (n) => ({ reference: `ADP${n}`, firstName: `Declared${n}`, lastName: 'Planner', dateOfBirth: '2016-05-01' }));
const db = () => w.database.db;

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'social_worker');
  const h = await insertHousehold(w, { reference: 'HADP1', addressLine1: '2 Declared Street', postcode: 'BS37 5AB', ageMin: 0, ageMax: 17, placementKinds: ['short_term'], skillLevel: 2 });
  householdId = h.id;
});
after(async () => w.close());

async function newPlacement() {
  const c = await insertChild();
  await db().insert(legalStatus).values({ childId: c.id, code: 'C2', startDate: START });
  const [p] = await db().insert(placement).values({ childId: c.id, householdId, startDate: START, placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  return { childId: c.id, placementId: p!.id };
}

const PLAN = {
  purpose: 'Short-term care',
  dayToDay: 'Walks to school with the carers’ son',
  health: 'Registered with the GP',
  education: 'Oak Primary',
  contact: 'Mum twice a week',
  delegatedAuthority: 'See the delegated authority record',
  support: 'Weekly SSW visits for the first month',
  childWishes: 'Wants to keep swimming',
};

/** A placement whose placement plan has a completed version 1. */
async function completedPlan() {
  const ids = await newPlacement();
  const d = await s().saveDraft(ctx('social_worker'), ids.placementId, 'placement_plan', 0, PLAN);
  const v1 = await s().complete(ctx('social_worker'), ids.placementId, 'placement_plan', d.version);
  assert.equal(v1.number, 1);
  return { ...ids, v1 };
}

async function versionRow(id: string) {
  const [row] = await db().select().from(planningDocumentVersion).where(eq(planningDocumentVersion.id, id));
  assert.ok(row);
  return row;
}

const written = (res: LightMyRequestResponse) => auditRows(w, res);
const subjects = (res: LightMyRequestResponse) => auditSubjects(w, res);

async function insertTask(placementId: string, childId: string, description: string) {
  const [t] = await db()
    .insert(placementTask)
    .values({ placementId, childId, description, ownerUserId: w.users.social_worker.userId, ownerName: 'Test social worker', dueOn: '2026-12-01' })
    .returning();
  return t!;
}

test('pages: a social worker records that the placement plan was shared, then the carers acknowledged it', async () => {
  const { placementId, v1 } = await completedPlan();
  const c = await clients('social_worker');
  const page = await c.get(paths.planning.version(placementId, 'placement-plan', 1));
  assert.equal(page.statusCode, 200);
  const shared = await c.post(paths.planning.share(placementId, 'placement-plan', 1), {
    version: String(v1.version),
    'sharedOn-day': '24',
    'sharedOn-month': '11',
    'sharedOn-year': '2026',
    sharedWith: 'Jo Carer and the IRO',
  });
  assert.equal(shared.statusCode, 303, shared.body.slice(0, 1500));
  assert.equal(shared.headers.location, paths.planning.version(placementId, 'placement-plan', 1));
  const afterShare = await versionRow(v1.id);
  assert.equal(afterShare.sharedOn, '2026-11-24');
  assert.equal(afterShare.sharedWith, 'Jo Carer and the IRO');
  const sharedRows = await written(shared);
  assert.deepEqual(sharedRows.map((r) => [r.action, r.subjectType, r.subjectId]), [['planning.shared', 'placement', placementId]]);
  assert.equal(sharedRows[0]!.details.kind, 'placement_plan');

  await c.get(paths.planning.version(placementId, 'placement-plan', 1));
  const acked = await c.post(paths.planning.acknowledge(placementId, 'placement-plan', 1), {
    version: String(afterShare.version),
    'acknowledgedOn-day': '25',
    'acknowledgedOn-month': '11',
    'acknowledgedOn-year': '2026',
    acknowledgedBy: 'Jo Carer',
    acknowledgementNote: 'Signed copy returned',
  });
  assert.equal(acked.statusCode, 303, acked.body.slice(0, 1500));
  const afterAck = await versionRow(v1.id);
  assert.equal(afterAck.acknowledgedOn, '2026-11-25');
  assert.equal(afterAck.acknowledgedBy, 'Jo Carer');
  assert.deepEqual(await subjects(acked), [['planning.acknowledged', 'placement', placementId]]);
  const shown = await c.get(paths.planning.version(placementId, 'placement-plan', 1));
  assert.match(shown.body, /by Jo Carer \(Signed copy returned\)/);
});

test("the API records the carers' acknowledgement of a shared placement plan", async () => {
  const { placementId, v1 } = await completedPlan();
  await s().share(ctx('social_worker'), placementId, 'placement_plan', 1, { sharedOn: '2026-11-24', sharedWith: 'Jo Carer', version: v1.version });
  const res = await api('POST', paths.api.planningVersionAction(placementId, 'placement-plan', 1, 'acknowledge'), {
    acknowledgedOn: TODAY,
    acknowledgedBy: 'Jo Carer',
    acknowledgementNote: 'By e-mail',
    version: v1.version + 1,
  });
  assert.equal(res.statusCode, 204, res.body);
  const row = await versionRow(v1.id);
  assert.equal(row.acknowledgedOn, TODAY);
  assert.equal(row.acknowledgementNote, 'By e-mail');
  assert.deepEqual(await subjects(res), [['planning.acknowledged', 'placement', placementId]]);
});

test('pages: an agreed action is shown, then marked done; each audited as declared', async () => {
  const { childId, placementId } = await newPlacement();
  const t = await insertTask(placementId, childId, 'Register with the local dentist');
  const c = await clients('social_worker');
  const shown = await c.get(paths.planning.task(t.id));
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Register with the local dentist/);
  assert.match(shown.body, /Not yet/);
  const viewRows = await written(shown);
  assert.deepEqual(viewRows.map((r) => [r.action, r.subjectType, r.subjectId]), [['task.listed', 'placement', placementId]]);
  assert.equal(viewRows[0]!.details.taskId, t.id);

  const done = await c.post(paths.planning.task(t.id), { version: String(t.version), 'completedOn-day': '25', 'completedOn-month': '11', 'completedOn-year': '2026', note: 'Registered at Smile Dental' });
  assert.equal(done.statusCode, 303, done.body.slice(0, 1500));
  assert.equal(done.headers.location, `${paths.placements.show(placementId)}#planning-tasks`);
  const [row] = await db().select().from(placementTask).where(eq(placementTask.id, t.id));
  assert.equal(row?.completedOn, TODAY);
  assert.equal(row?.completedBy, w.users.social_worker.userId);
  assert.equal(row?.note, 'Registered at Smile Dental');
  assert.deepEqual(await subjects(done), [['task.completed', 'placement', placementId]]);
});

test('the API marks an agreed action done', async () => {
  const { childId, placementId } = await newPlacement();
  const t = await insertTask(placementId, childId, 'Buy a school uniform');
  const res = await api('POST', paths.api.taskComplete(t.id), { completedOn: '2026-11-24', note: 'Bought', version: t.version });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { id: t.id, completedOn: '2026-11-24', note: 'Bought', version: t.version + 1 });
  const [row] = await db().select().from(placementTask).where(eq(placementTask.id, t.id));
  assert.equal(row?.completedOn, '2026-11-24');
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['task.completed', 'placement', placementId]]);
  assert.equal(rows[0]!.details.taskId, t.id);
});

test("a document on the child's record is downloaded, audited as document.downloaded", async () => {
  const { childId, placementId } = await newPlacement();
  const content = Buffer.from('%PDF-1.4\n% synthetic test document\n');
  const [doc] = await db()
    .insert(childDocument)
    .values({ childId, placementId, title: 'Synthetic minutes', fileName: 'synthetic-minutes.pdf', contentType: 'application/pdf', sizeBytes: content.byteLength, content })
    .returning();
  const c = await clients('iro');
  const res = await c.get(paths.planning.childDocument(childId, doc!.id));
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.match(String(res.headers['content-disposition']), /synthetic-minutes\.pdf/);
  assert.deepEqual(res.rawPayload, content);
  const rows = await written(res);
  assert.deepEqual(rows.map((r) => [r.action, r.subjectType, r.subjectId]), [['document.downloaded', 'document', doc!.id]]);
  assert.equal(rows[0]!.details.childId, childId);
});
