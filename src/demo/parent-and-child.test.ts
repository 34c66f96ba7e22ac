import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoData, DEFAULT_SEED } from './generate.ts';
import { parentAndChildRecordsFrom } from './parent-and-child.ts';
import { inCareOn, scenarioProblems } from '../domain/parent-and-child/arrangement.ts';
import { beforePlacingReasons, contingenciesNeeded } from '../domain/parent-and-child/before-placing.ts';

const TODAY = '2026-03-04';

test('the demo has one parent and child arrangement per legal scenario, each fitting its people, with what comes before placing', () => {
  const data = generateDemoData({ children: 400, seed: DEFAULT_SEED, today: TODAY });
  const pc = parentAndChildRecordsFrom(data);
  assert.deepEqual(pc.arrangements.map((a) => a.legalScenario).sort(), ['both_in_care', 'child_in_care', 'parent_in_care']);
  const children = new Map(data.children.map((c) => [c.id, c]));
  const members = new Map([...data.familyMembers.map((m) => ({ ...m, dateOfBirth: null as string | null, lookedAfterBy: null as string | null })), ...pc.newFamilyMembers.map((m) => ({ ...m, lookedAfterBy: null }))].map((m) => [m.id, { ...m, ...pc.memberChanges.get(m.id) }]));
  const households = new Map(data.households.map((h) => [h.id, h]));
  for (const a of pc.arrangements) {
    const h = households.get(a.householdId)!;
    assert.ok(h.skillLevel >= 4 && h.placementKinds.includes('parent_and_child'), `${a.reference}: Level 4 carers approved for parent and child`);
    const people = pc.people.filter((p) => p.arrangementId === a.id).map((p) => {
      const c = p.childId ? children.get(p.childId) : undefined;
      const m = p.familyMemberId ? members.get(p.familyMemberId) : undefined;
      const inCare = c ? inCareOn(data.legalStatuses.filter((l) => l.childId === c.id), TODAY) : !!m?.lookedAfterBy;
      assert.equal(p.inCare, inCare, `${a.reference}: in care as recorded`);
      return { role: p.role, name: c ? `${c.firstName} ${c.lastName}` : (m?.name ?? ''), dateOfBirth: c?.dateOfBirth ?? m?.dateOfBirth ?? null, inCare };
    });
    assert.deepEqual(scenarioProblems({ scenario: a.legalScenario, rationale: a.scenarioRationale, parentNotCinAssessedOn: a.parentNotCinAssessedOn, people }, TODAY), [], a.reference);
    const agreement = pc.agreements.find((x) => x.arrangementId === a.id) ?? null;
    assert.ok(agreement, `${a.reference}: an information-sharing agreement`);
    assert.ok(pc.observations.some((o) => o.arrangementId === a.id), `${a.reference}: a health observation`);
    const facts = {
      agreement,
      contingencies: pc.contingencies.filter((c) => c.arrangementId === a.id).map((c) => c.outcome),
      anyChildInCare: people.some((p) => p.role === 'child' && p.inCare),
      anyChildNotInCare: people.some((p) => p.role === 'child' && !p.inCare),
      parentsNeedingAdvocacy: [],
    };
    const reasons = beforePlacingReasons(facts, TODAY).map((r) => r.code);
    // The 2.2 arrangement shows the gate: its plan for a failure is still missing.
    assert.deepEqual(reasons, a.legalScenario === 'parent_in_care' ? ['contingency-missing'] : [], a.reference);
    assert.ok(contingenciesNeeded(facts).length >= 2);
  }
  assert.equal(pc.advocacy.length, 1, 'one advocacy offer, not yet answered');
  const offered = pc.people.find((p) => p.id === pc.advocacy[0]?.personId);
  assert.equal(offered?.role, 'parent');
  assert.ok(members.get(offered?.familyMemberId ?? '')?.advocacyNeed, 'to a parent with a recorded need for an advocate');
});
