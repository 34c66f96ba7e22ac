import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { TestWorld } from './helpers.ts';
import { obligationWorld, type ObligationIds } from './obligation-fixture.ts';
import { auditEvent, childEvent, household, householdEvent, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { StaleRecordError, ValidationError } from '../src/services/errors.ts';
import { DASHBOARD_LIST_LIMIT, type ObligationRow } from '../src/services/obligations.ts';

/** Monday 15 January 2024: three weeks after a placement made just before Christmas. */
const TODAY = '2024-01-15';

let w: TestWorld;
let ids: ObligationIds;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });

before(async () => {
  ({ w, ids } = await obligationWorld(TODAY));
});
after(async () => w.close());

const find = (rows: readonly ObligationRow[], obligationId: string, childId = ids.child) => {
  const found = rows.filter((r) => r.obligationId === obligationId && r.child?.id === childId);
  assert.equal(found.length, 1, `one ${obligationId} for ${childId}, found ${found.length}`);
  return found[0]!;
};

test("a child's obligations are derived from the record, with working-day due dates, explanations and the person responsible", async () => {
  const { items, today } = await w.services.obligations.list(ctx('social_worker'), { childId: ids.child });
  assert.equal(today, TODAY);
  const plan = find(items, 'placement-plan');
  assert.equal(plan.dueOn, '2024-01-02', '5 working days after Thu 21 Dec 2023, skipping Christmas and New Year');
  assert.equal(plan.status, 'overdue');
  assert.equal(plan.dueText, '9 working days overdue');
  assert.match(plan.explanation, /skipping 23–26 Dec/);
  assert.equal(plan.responsible.userId, w.users.social_worker.userId);
  assert.equal(plan.responsible.teamName, 'Test Team');
  assert.equal(plan.household?.reference, 'HOB1');
  assert.deepEqual(plan.completion, { scope: 'child', kind: 'placement_plan_completed', placementId: ids.placement, aboutChildId: null });

  const ppm = find(items, 'placement-planning-meeting');
  assert.equal(ppm.responsible.userId, w.users.supervising_social_worker.userId);
  const review = find(items, 'looked-after-review');
  assert.equal(review.responsible.userId, w.users.iro.userId);
  assert.equal(review.dueOn, '2024-01-23', 'first review within 20 working days of becoming looked after');
  assert.equal(review.status, 'not_yet_due');

  // The child already living with the carers: their social worker's written agreement was needed first.
  const agreement = find(items, 'concurrent-placement-agreement');
  assert.equal(agreement.dueOn, '2023-12-21');
  assert.deepEqual(agreement.completion, { scope: 'child', kind: 'agreement_recorded', placementId: ids.placement, aboutChildId: ids.older });

  // Overdue first, oldest first.
  const order = items.map((r) => r.status);
  assert.equal(order[0], 'overdue');
  assert.ok(order.lastIndexOf('overdue') < order.indexOf('not_yet_due'));
});

test('recording an event completes the obligation, with who, when and the evidence; correcting its date recomputes the status', async () => {
  const s = w.services.obligations;
  const { id } = await s.recordChildEvent(ctx('social_worker'), ids.child, {
    kind: 'placement_plan_completed',
    eventDate: '2024-01-02',
    placementId: ids.placement,
    evidence: 'Placement plan signed by the carers, filed on the case record',
  });
  let plan = find((await s.list(ctx('social_worker'), { childId: ids.child })).items, 'placement-plan');
  assert.equal(plan.status, 'completed_on_time');
  assert.equal(plan.completedOn, '2024-01-02');

  const [stored] = await w.database.db.select().from(childEvent).where(eq(childEvent.id, id));
  assert.equal(stored?.recordedBy, w.users.social_worker.userId);
  assert.equal(stored?.evidence, 'Placement plan signed by the carers, filed on the case record');

  await s.correctEvent(ctx('social_worker'), 'child', ids.child, id, 1, { eventDate: '2024-01-04', evidence: 'Signed on 4 January', reason: 'The date was typed wrongly' });
  plan = find((await s.list(ctx('social_worker'), { childId: ids.child })).items, 'placement-plan');
  assert.equal(plan.status, 'completed_late');
  assert.equal(plan.dueText, 'completed 2 working days late');

  const audits = await w.database.db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.subjectId, ids.child), eq(auditEvent.action, 'obligation.event.corrected')));
  assert.equal(audits.length, 1);
  assert.deepEqual((audits[0]!.details as { before: { eventDate: string } }).before.eventDate, '2024-01-02');
  assert.equal((audits[0]!.details as { reason: string }).reason, 'The date was typed wrongly');

  // The form was opened at version 1; saving it again is refused and changes nothing.
  await assert.rejects(
    s.correctEvent(ctx('social_worker'), 'child', ids.child, id, 1, { eventDate: '2024-01-02', evidence: 'x', reason: 'Again' }),
    StaleRecordError,
  );
  const [after1] = await w.database.db.select().from(childEvent).where(eq(childEvent.id, id));
  assert.equal(after1?.eventDate, '2024-01-04');
});

test('an agreement names the child already placed and completes the obligation for that child', async () => {
  const s = w.services.obligations;
  await s.recordChildEvent(ctx('supervising_social_worker'), ids.child, {
    kind: 'agreement_recorded',
    eventDate: '2023-12-20',
    placementId: ids.placement,
    aboutChildId: ids.older,
    evidence: "E-mail from the older child's social worker agreeing, saved to the carers' file",
  });
  const agreement = find((await s.list(ctx('supervising_social_worker'), { childId: ids.child })).items, 'concurrent-placement-agreement');
  assert.equal(agreement.status, 'completed_on_time');
});

test('bad events are refused with clear messages and store nothing', async () => {
  const s = w.services.obligations;
  const count = async () => (await w.database.db.select().from(childEvent).where(eq(childEvent.childId, ids.child))).length;
  const before1 = await count();
  const cases: [unknown, string, RegExp][] = [
    [{ kind: 'visit', eventDate: '2024-01-16', placementId: ids.placement, evidence: 'x' }, 'eventDate', /today or in the past/],
    [{ kind: 'visit', eventDate: '2024-01-10', placementId: ids.olderPlacement, evidence: 'x' }, 'placementId', /this child's placements/],
    [{ kind: 'visit', eventDate: '2024-01-10', evidence: 'x' }, 'placementId', /Select the placement/],
    [{ kind: 'agreement_recorded', eventDate: '2024-01-10', placementId: ids.placement, evidence: 'x' }, 'aboutChildId', /Select the child already placed/],
    [{ kind: 'visit', eventDate: '2024-01-10', placementId: ids.placement, evidence: '' }, 'evidence', /Enter the evidence/],
    [{ kind: 'party', eventDate: '2024-01-10', evidence: 'x' }, 'kind', /Select what happened/],
    [{ kind: 'care_plan_completed', eventDate: '2024-02-30', evidence: 'x' }, 'eventDate', /real date/],
    [{ kind: 'care_plan_completed', eventDate: '2010-01-01', evidence: 'x' }, 'eventDate', /date of birth/],
    [{ kind: 'care_plan_completed', eventDate: '2024-01-10', evidence: 'x'.repeat(6000) }, 'evidence', /5000 characters or fewer/],
  ];
  for (const [input, field, message] of cases) {
    await assert.rejects(s.recordChildEvent(ctx('social_worker'), ids.child, input), (err: unknown) => {
      assert.ok(err instanceof ValidationError, `ValidationError for ${JSON.stringify(input).slice(0, 80)}`);
      const e = err.errors.find((x) => x.field === field);
      assert.ok(e, `an error on ${field} for ${JSON.stringify(input).slice(0, 80)}: ${JSON.stringify(err.errors)}`);
      assert.match(e.message, message);
      return true;
    });
  }
  assert.equal(await count(), before1);
});

test('"my work": each person sees the obligations they are responsible for', async () => {
  const s = w.services.obligations;
  const mine = async (role: Role) => (await s.list(ctx(role), { responsibleUserId: w.users[role].userId })).items;
  const sw = await mine('social_worker');
  assert.ok(sw.length > 0 && sw.every((r) => r.responsible.userId === w.users.social_worker.userId));
  assert.ok(sw.some((r) => r.obligationId === 'care-plan' && r.child?.id === ids.child));
  const ssw = await mine('supervising_social_worker');
  assert.ok(ssw.some((r) => r.obligationId === 'placement-planning-meeting'));
  assert.ok(ssw.some((r) => r.obligationId === 'foster-carer-review' && r.household?.id === ids.hh));
  assert.ok(ssw.every((r) => r.responsible.role === 'supervising_social_worker'));
  const iro = await mine('iro');
  assert.ok(iro.length > 0 && iro.every((r) => r.obligationId === 'looked-after-review'));
  assert.deepEqual(await mine('administrator'), []);
});

test('filters by status, obligation and due dates; records outside the bank-holiday data are listed as not computed', async () => {
  const s = w.services.obligations;
  const overdue = await s.list(ctx('team_manager'), { status: ['overdue'] });
  assert.ok(overdue.items.length > 0 && overdue.items.every((r) => r.status === 'overdue'));
  const visits = await s.list(ctx('team_manager'), { obligationId: 'social-worker-visits', dueFrom: '2024-01-01', dueTo: '2024-01-31' });
  assert.ok(visits.items.every((r) => r.obligationId === 'social-worker-visits' && r.dueOn >= '2024-01-01' && r.dueOn <= '2024-01-31'));
  assert.deepEqual(
    overdue.notComputed.map((n) => n.reference),
    ['OBOLD'],
  );
  assert.match(overdue.notComputed[0]!.reason, /bank holidays from 1 January 2015/);
  const listed = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'obligation.listed'));
  assert.ok(listed.length > 0);
});

test('the compliance dashboard counts by team, worker and obligation, with the on-time share over a period', async () => {
  const d = await w.services.obligations.dashboard(ctx('team_manager'), { from: '2023-12-01', to: '2024-01-15' });
  assert.equal(d.today, TODAY);
  const fell = d.totals.onTime + d.totals.late + d.totals.missed;
  assert.ok(fell > 0);
  assert.equal(d.totals.onTimeShare, d.totals.onTime / fell);
  assert.equal(d.byTeam.reduce((n, g) => n + g.overdue, 0), d.totals.overdue);
  assert.equal(d.byWorker.reduce((n, g) => n + g.overdue, 0), d.totals.overdue);
  assert.equal(d.byObligation.reduce((n, g) => n + g.overdue, 0), d.totals.overdue);
  assert.equal(d.overdueTotal, d.totals.overdue);
  assert.equal(d.overdue.length, Math.min(d.totals.overdue, DASHBOARD_LIST_LIMIT));
  assert.ok(d.byObligation.some((g) => g.key === 'placement-plan' && g.late === 1), 'the corrected placement plan counts as late');
});

test('a carer review long before the bank-holiday data is shown with its dates rather than a count of working days', async () => {
  const db = w.database.db;
  const [h] = await db
    .insert(household)
    .values({ reference: 'HOLD', addressLine1: '2 Test Row', town: 'Testford', postcode: 'TF1 1AB', fosteringServiceId: w.laId, approvalStatus: 'approved', approvalDate: '2012-01-10' })
    .returning();
  await db.insert(householdEvent).values({ householdId: h!.id, kind: 'carer_review_held', eventDate: '2013-03-01', evidence: 'Old review' });
  const { items } = await w.services.obligations.list(ctx('team_manager'), { householdId: h!.id, obligationId: 'foster-carer-review' });
  const first = items.find((r) => r.dueOn === '2013-01-10');
  assert.equal(first?.status, 'completed_late');
  assert.equal(first?.dueText, 'completed on 1 March 2013, due 10 January 2013');
});

test("a connected person's temporary approval runs 16 weeks; a recorded extension moves its end, and bad extensions are refused", async () => {
  const db = w.database.db;
  const [h] = await db
    .insert(household)
    .values({ reference: 'HKIN', addressLine1: '3 Test Row', town: 'Testford', postcode: 'TF1 1AC', fosteringServiceId: w.laId, supervisingSocialWorkerId: w.users.supervising_social_worker.userId, approvalStatus: 'in_assessment' })
    .returning();
  const [p] = await db.insert(placement).values({ childId: ids.oldChild, householdId: h!.id, startDate: '2023-11-01', placementType: 'U3', status: 'active', connectedPerson: true }).returning();
  const approval = async () =>
    (await w.services.obligations.list(ctx('team_manager'), { householdId: h!.id, obligationId: 'connected-person-temporary-approval' })).items[0];
  assert.equal((await approval())?.dueOn, '2024-02-21', '16 weeks after 1 November 2023');
  const s = w.services.obligations;
  await assert.rejects(
    s.recordHouseholdEvent(ctx('supervising_social_worker'), h!.id, { kind: 'temporary_approval_extended', eventDate: '2024-01-10', evidence: 'x' }),
    (err: unknown) => err instanceof ValidationError && err.errors.map((e) => e.field).sort().join() === 'extendedUntil,placementId',
  );
  await s.recordHouseholdEvent(ctx('supervising_social_worker'), h!.id, {
    kind: 'temporary_approval_extended',
    eventDate: '2024-01-10',
    placementId: p!.id,
    extendedUntil: '2024-04-17',
    evidence: 'Nominated officer approved an extension of 8 weeks',
  });
  assert.equal((await approval())?.dueOn, '2024-04-17', 'the extension moves the end by up to 8 weeks');
});
