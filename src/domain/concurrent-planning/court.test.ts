import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptionOrderSteps, adoptionReturnRows, adoptivePlacementSteps, decisionSteps, DecisionInput, AdoptivePlacementInput, AdoptionOrderInput } from './court.ts';

const TODAY = '2026-11-25';
const facts = {
  today: TODAY,
  appliedOn: '2026-03-02',
  alreadyDecided: false,
  openLegalStatus: { id: 'ls1', code: 'C1', startDate: '2026-03-04' },
  placement: { id: 'p1', startDate: '2026-03-05', endDate: null, placementType: 'U5' },
};

test('return home: ends the legal status, the period of care (E4A) and the placement (CARPL) on the day the child went home', () => {
  const input = DecisionInput.parse({ decision: 'return_home', decidedOn: '2026-10-01', returnedHomeOn: '2026-10-08', carersContactAgreed: 'yes', carersContactPlan: 'Cards at birthdays' });
  const { problems, steps } = decisionSteps(input, facts);
  assert.deepEqual(problems, []);
  assert.deepEqual(steps, {
    decision: 'return_home',
    endLegalStatus: { id: 'ls1', on: '2026-10-08' },
    careEnding: { on: '2026-10-08', reason: 'E4A' },
    endPlacement: { id: 'p1', on: '2026-10-08', reasonEnded: 'CARPL' },
  });
});

test('return home refused with every reason: no date home, contact agreed without a plan, a decision in the future', () => {
  const input = DecisionInput.parse({ decision: 'return_home', decidedOn: '2026-11-26', carersContactAgreed: true });
  assert.deepEqual(decisionSteps(input, facts).problems.map((p) => p.field), ['decidedOn', 'returnedHomeOn', 'carersContactPlan']);
  assert.equal(decisionSteps(input, { ...facts, alreadyDecided: true }).problems[0]?.field, 'decision');
});

test('placement order: the interim care order ends and E1 starts on the day of the decision', () => {
  const input = DecisionInput.parse({ decision: 'placement_order', decidedOn: '2026-09-15' });
  assert.deepEqual(decisionSteps(input, facts).steps, { decision: 'placement_order', endLegalStatus: { id: 'ls1', on: '2026-09-15' }, startLegalStatus: { code: 'E1', on: '2026-09-15' } });
  assert.match(decisionSteps(input, { ...facts, openLegalStatus: { id: 'ls2', code: 'E1', startDate: '2026-05-01' } }).problems[0]?.message ?? '', /already subject to a placement order/);
});

test('adoptive placement: the foster placement ends as a status change (PLACE) and an A5 placement with the same carers starts that day; allowance stops, support starts', () => {
  const input = AdoptivePlacementInput.parse({ shouldBePlacedOn: '2026-09-20', placedForAdoptionOn: '2026-10-01', matchedOn: '2026-09-28' });
  const f = { today: TODAY, decision: 'placement_order' as const, decidedOn: '2026-09-15', alreadyPlaced: false, legalStatusOnDay: 'E1', placement: { id: 'p1', startDate: '2026-03-05', endDate: null, householdId: 'h1', placementType: 'U5', kind: 'concurrent_planning' } };
  assert.deepEqual(adoptivePlacementSteps(input, f).steps, {
    endPlacement: { id: 'p1', on: '2026-10-01', reasonEnded: 'PLACE' },
    newPlacement: { householdId: 'h1', startDate: '2026-10-01', placementType: 'A5', kind: 'concurrent_planning' },
    allowanceStoppedOn: '2026-10-01',
    adoptionSupportFrom: '2026-10-01',
  });
  assert.deepEqual(adoptivePlacementSteps(input, { ...f, decision: 'return_home' }).problems.map((p) => p.message), ["The court's placement order must be recorded first"]);
  assert.deepEqual(adoptivePlacementSteps(input, { ...f, legalStatusOnDay: 'C1' }).problems.map((p) => p.field), ['placedForAdoptionOn']);
});

test('adoption order: the period of care ends with E11 or E12 and the adoptive placement with it; the AD1 and PlacedAdoption rows follow', () => {
  const input = AdoptionOrderInput.parse({ adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: '2', adoptersSex: 'MF', adoptersLegalStatus: 'L11' });
  const f = { today: TODAY, placedForAdoptionOn: '2026-10-01', adoptionOrderOn: null, openLegalStatus: { id: 'ls2', code: 'E1' }, adoptivePlacement: { id: 'p2', endDate: null } };
  assert.deepEqual(adoptionOrderSteps(input, f).steps, {
    endLegalStatus: { id: 'ls2', on: '2026-11-20' },
    careEnding: { on: '2026-11-20', reason: 'E12' },
    endPlacement: { id: 'p2', on: '2026-11-20', reasonEnded: 'CARPL' },
  });
  assert.match(adoptionOrderSteps(input, { ...f, placedForAdoptionOn: null }).problems[0]?.message ?? '', /placement for adoption before an adoption/);
  assert.throws(() => AdoptionOrderInput.parse({ adoptionOrderOn: '2026-11-20', adoptionReason: 'E4A', adoptersCount: 3 }));
  const rows = adoptionReturnRows({ reference: 'C1', dateOfBirth: '2026-01-10' }, { shouldBePlacedOn: '2026-09-20', matchedOn: '2026-09-28', adoptionOrderOn: '2026-11-20', adoptersCount: 2, adoptersSex: 'MF', adoptersLegalStatus: 'L11' });
  assert.deepEqual(rows.placedAdoption, { CHILD: 'C1', DOB: '2026-01-10', DATE_PLACED: '2026-09-20', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null });
  assert.deepEqual(rows.ad1, { CHILD: 'C1', DOB: '2026-01-10', DATE_INT: '2026-09-20', DATE_MATCH: '2026-09-28', FOSTER_CARE: '1', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11' });
  assert.equal(adoptionReturnRows({ reference: 'C1', dateOfBirth: '2026-01-10' }, { shouldBePlacedOn: '2026-09-20', matchedOn: null, adoptionOrderOn: null, adoptersCount: null }).ad1, null);
});

test("adoption order: the adopters' number, genders and legal status must agree (SSDA903 AD1 rules 511, 514, 517–520, 524)", () => {
  const f = { today: TODAY, placedForAdoptionOn: '2026-10-01', adoptionOrderOn: null, openLegalStatus: { id: 'ls2', code: 'E1' }, adoptivePlacement: { id: 'p2', endDate: null } };
  const problems = (adoptersCount: string, adoptersSex: string, adoptersLegalStatus: string) =>
    adoptionOrderSteps(AdoptionOrderInput.parse({ adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount, adoptersSex, adoptersLegalStatus }), f).problems.map((p) => p.message);
  assert.deepEqual(problems('1', 'F1', 'L0'), []);
  assert.deepEqual(problems('2', 'FF', 'L12'), []);
  assert.deepEqual(problems('2', 'MM', 'L2'), []);
  assert.deepEqual(problems('2', 'F1', 'L0'), ['Two adopters are a couple: their genders are MM, FF or MF (SSDA903 rule 511)']);
  assert.deepEqual(problems('1', 'F1', 'L2'), ['Civil partners (L2) are a couple: MM, FF or MF (SSDA903 rule 519)']);
  assert.deepEqual(problems('1', 'MF', 'L11'), ['One adopter is one male (M1) or one female (F1)']);
  assert.deepEqual(problems('2', 'MM', 'L11'), ['A married couple of different genders (L11) is MF (SSDA903 rule 520)']);
  assert.deepEqual(problems('2', 'MF', 'L4'), ['An unmarried couple of the same gender (L4) is MM or FF (SSDA903 rule 518)']);
  assert.throws(() => AdoptionOrderInput.parse({ adoptionOrderOn: '2026-11-20', adoptionReason: 'E12', adoptersCount: '2', adoptersSex: 'XX', adoptersLegalStatus: 'L11' }));
});
