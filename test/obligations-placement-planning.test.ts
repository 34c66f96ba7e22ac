/**
 * The obligations of a placement's first weeks on a real database: the carers' profile shared with
 * the child (Placement stability guidance) and the supervising social worker's risk assessment after the Placement
 * Planning Meeting (Placement planning guidance), recorded through the obligations service.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TestWorld } from './helpers.ts';
import { obligationWorld, type ObligationIds } from './obligation-fixture.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ValidationError } from '../src/services/errors.ts';
import type { ObligationRow } from '../src/services/obligations.ts';

/** Monday 15 January 2024: three weeks after a placement made on Thursday 21 December 2023. */
const TODAY = '2024-01-15';

let w: TestWorld;
let ids: ObligationIds;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });

before(async () => {
  ({ w, ids } = await obligationWorld(TODAY));
});
after(async () => w.close());

const find = async (obligationId: string): Promise<ObligationRow> => {
  const { items } = await w.services.obligations.list(ctx('team_manager'), { childId: ids.child });
  const found = items.filter((r) => r.obligationId === obligationId && r.subjectId === ids.placement);
  assert.equal(found.length, 1, `one ${obligationId} for the placement, found ${found.length}`);
  return found[0]!;
};

test("the carers' profile is due the day the placement starts, the child's social worker's to record", async () => {
  const profile = await find('child-friendly-profile');
  assert.equal(profile.title, "Carers' profile shared and the child's views sought");
  assert.equal(profile.dueOn, '2023-12-21');
  assert.equal(profile.status, 'overdue');
  assert.equal(profile.responsible.userId, w.users.social_worker.userId);
  assert.deepEqual(profile.completion, { scope: 'child', kind: 'carer_profile_shared', placementId: ids.placement, aboutChildId: null });

  // It belongs to a placement: the form asks which.
  await assert.rejects(
    w.services.obligations.recordChildEvent(ctx('social_worker'), ids.child, { kind: 'carer_profile_shared', eventDate: '2023-12-19', evidence: 'Profile read together' }),
    (e: unknown) => e instanceof ValidationError && e.errors.some((x) => x.field === 'placementId'),
  );
  await w.services.obligations.recordChildEvent(ctx('social_worker'), ids.child, {
    kind: 'carer_profile_shared',
    eventDate: '2023-12-19',
    placementId: ids.placement,
    evidence: "Carers' profile read together at a visit; the child's views noted",
  });
  const done = await find('child-friendly-profile');
  assert.equal(done.status, 'completed_on_time');
  assert.equal(done.completedOn, '2023-12-19');
  assert.equal(done.completion, null);
});

test('the risk assessment is due 5 working days after the meeting is due, then after the meeting is held', async () => {
  const pending = await find('placement-risk-assessment');
  assert.equal(pending.title, 'Placement risk assessment');
  assert.equal(pending.dueOn, '2024-01-09', 'meeting due Tue 2 Jan 2024, then 5 working days');
  assert.equal(pending.status, 'overdue');
  assert.equal(pending.responsible.userId, w.users.supervising_social_worker.userId);
  assert.deepEqual(pending.completion, { scope: 'child', kind: 'risk_assessment_completed', placementId: ids.placement, aboutChildId: null });

  const s = w.services.obligations;
  await s.recordChildEvent(ctx('supervising_social_worker'), ids.child, { kind: 'ppm_held', eventDate: '2023-12-28', placementId: ids.placement, evidence: 'Minutes on the case record' });
  const afterMeeting = await find('placement-risk-assessment');
  assert.equal(afterMeeting.dueOn, '2024-01-05', 'Thu 28 Dec 2023 + 5 working days, skipping New Year');
  assert.match(afterMeeting.explanation, /held on Thu 28 Dec 2023/);

  await s.recordChildEvent(ctx('supervising_social_worker'), ids.child, {
    kind: 'risk_assessment_completed',
    eventDate: '2024-01-08',
    placementId: ids.placement,
    evidence: 'Risk assessment shared with the carers',
  });
  const late = await find('placement-risk-assessment');
  assert.equal(late.status, 'completed_late');
  assert.equal(late.completedOn, '2024-01-08');
});
