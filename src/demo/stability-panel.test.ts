import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoData } from './generate.ts';
import { planningRecordsFrom } from './planning.ts';
import { stabilityRecordsFrom } from './stability.ts';
import { panelRecordsFrom } from './stability-panel.ts';
import { panelDecisionProblems, panelReferralProblems, panelSittingProblems } from '../domain/records/stability-panel.ts';

const TODAY = '2026-11-25';

test('the demo panel: a sitting with the Virtual School that decided a case (actions as tasks), and a case waiting; each record passes the rules', () => {
  const d = generateDemoData({ children: 400, seed: 20260401, today: TODAY });
  const s = stabilityRecordsFrom(d, planningRecordsFrom(d));
  const raised = new Map(s.events.map((e) => [e.id, e.eventDate]));
  const r = panelRecordsFrom(d, s.concerns.map((c) => ({ ...c, raisedOn: raised.get(c.eventId)! })), () => null);
  assert.equal(r.sittings.length, 1);
  const sitting = r.sittings[0]!;
  assert.ok(sitting.virtualSchoolAttendee);
  const decided = r.referrals.find((x) => x.status === 'decided')!;
  const waiting = r.referrals.find((x) => x.status === 'referred')!;
  assert.ok(decided && waiting);
  const placements = new Map(d.placements.map((p) => [p.id, p]));
  for (const x of r.referrals) assert.deepEqual(panelReferralProblems({ referredOn: x.referredOn, reason: x.reason, serviceSought: x.serviceSought, tried: x.tried }, { startDate: placements.get(x.placementId)!.startDate, status: placements.get(x.placementId)!.status }, TODAY), []);
  assert.deepEqual(panelSittingProblems({ sitsOn: sitting.sitsOn, members: sitting.members, virtualSchoolAttendee: sitting.virtualSchoolAttendee, referralIds: [decided.id] }, [{ id: decided.id, referredOn: decided.referredOn }]), []);
  const actions = r.tasks.filter((t) => t.panelReferralId === decided.id);
  assert.deepEqual(panelDecisionProblems({ serviceAgreed: decided.serviceAgreed!, fundedBy: decided.fundedBy!, decision: decided.decision!, reviewOn: decided.reviewOn!, actions: actions.map((t) => ({ description: t.description, ownerUserId: t.ownerUserId!, dueOn: t.dueOn })) }, { status: 'on_agenda' }, sitting, TODAY), []);
  assert.ok(actions.every((t) => t.ownerUserId), 'each action has an owner, so it is on their My work');
});
