import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoData } from './generate.ts';
import { parentAndChildRecordsFrom } from './parent-and-child-reviews.ts';
import { completionProblems, parseDraft } from '../domain/planning/content.ts';
import { ReviewInput, reviewProblems } from '../domain/records/parent-and-child-review.ts';
import { ageOn } from '../domain/dates.ts';

const TODAY = '2026-11-20';
const data = generateDemoData({ children: 40, seed: 5, today: TODAY });
const pc = parentAndChildRecordsFrom(data);

test('three arrangements with their own Level 4 household: successful, unsuccessful and one under way', () => {
  assert.equal(pc.arrangements.length, 3);
  assert.deepEqual(pc.households.map((h) => [h.skillLevel, h.placementKinds]), [[4, ['parent_and_child']]]);
  assert.deepEqual(pc.arrangements.map((a) => a.legalScenario), ['both_in_care', 'child_in_care', 'both_in_care']);
  assert.deepEqual(pc.outcomes.map((o) => o.outcome), ['successful', 'unsuccessful']);
  assert.ok(pc.reviews.some((r) => r.decision === 'extend' && r.periodEndsOn), 'a review extended the assessment');
  assert.ok(pc.reports.some((r) => r.readOn === null) && pc.reports.some((r) => r.readOn !== null), 'reports read and not yet read');
  assert.ok(new Set(pc.children.map((c) => c.reference)).size === pc.children.length && !pc.children.some((c) => data.children.some((d) => d.reference === c.reference)));
});

test("every plan is complete as the parent-and-child plan's rules say, for the parent's status", () => {
  for (const d of pc.planningDocuments) {
    const a = pc.arrangements.find((x) => x.people.some((p) => p.placementId === d.placementId))!;
    const variant = a.people.some((p) => p.role === 'parent' && p.inCare) ? 'parent_in_care' : 'parent_not_in_care';
    const parsed = parseDraft('placement_plan', d.content, variant);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(completionProblems('placement_plan', parsed.content, { today: TODAY, delegatedAuthorityCompleted: true, meetingHeldOn: null, extraFocusReasons: [] }, variant), []);
  }
});

test('every review meets the review rules; the outcomes made the changes the rule gives', () => {
  for (const r of pc.reviews) {
    const input = ReviewInput.parse({ ...r, periodEndsOn: r.periodEndsOn ?? '' });
    const p = pc.placements.find((x) => x.id === r.placementId)!;
    const earlier = pc.reviews.filter((x) => x.placementId === r.placementId && x.heldOn < r.heldOn && x.periodEndsOn);
    const current = earlier.length ? earlier[earlier.length - 1]!.periodEndsOn! : p.assessmentPeriodEndsOn!;
    const problems = reviewProblems(input, {
      today: TODAY,
      placement: { start: p.startDate, end: null },
      currentPeriodEndsOn: current,
      capabilities: (pc.planningDocuments.find((d) => d.placementId === p.id)!.content.capabilities as { capability: string }[]).map((c) => c.capability),
      reports: pc.reports.filter((x) => x.placementId === p.id),
      outcomeRecorded: false,
    });
    assert.deepEqual(problems, [], r.heldOn);
  }
  const [success, failure] = pc.outcomes;
  const mum = pc.children.find((c) => c.firstName === 'Kayleigh')!;
  assert.equal(ageOn(mum.dateOfBirth, success!.decidedOn), 15, 'long-term fostering: under 16 on the day');
  const baby = pc.placements.find((p) => p.id === success!.placementId)!;
  assert.deepEqual([baby.endDate, baby.reasonEnded, baby.status], [success!.decidedOn, 'CARPL', 'ended']);
  assert.deepEqual(pc.careEndings.map((e) => e.reason), ['E4A']);
  assert.ok(pc.placementRequests.some((q) => q.childId === mum.id), 'a request for the mother');
  assert.ok(pc.placementRequests.some((q) => q.childId === failure!.childId), 'a request for the baby who moves');
  assert.equal(pc.placements.find((p) => p.id === failure!.placementId)?.endDate, null, 'the baby moves when the next placement is confirmed');
  // Each outcome ended its arrangement on the day it was decided, as recording it does.
  for (const o of pc.outcomes) {
    const a = pc.arrangements.find((x) => x.people.some((p) => p.placementId === o.placementId))!;
    assert.deepEqual([a.status, a.endDate], ['ended', o.decidedOn]);
  }
});
