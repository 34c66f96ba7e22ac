import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fosteringPhaseAllowance } from './fostering-phase.ts';
import type { RateCard } from './rate-card.ts';

// Two cards: from 1 April 2026, age 0-4 £180.00, 5-10 £200.00, level 2 fee £150.00, level 3 £210.00;
// from 1 April 2027, age 0-4 £190.00, level 2 £160.00.
const cards: RateCard[] = [
  { effectiveFrom: '2026-04-01', allowances: [{ fromAge: 0, toAge: 4, weeklyPence: 18000 }, { fromAge: 5, toAge: 10, weeklyPence: 20000 }], skillsFees: [{ level: 2, weeklyPence: 15000 }, { level: 3, weeklyPence: 21000 }] },
  { effectiveFrom: '2027-04-01', allowances: [{ fromAge: 0, toAge: 4, weeklyPence: 19000 }], skillsFees: [{ level: 2, weeklyPence: 16000 }] },
];
const child = { id: 'c1', name: 'Baby Test', dateOfBirth: '2026-01-10' };
const placement = { kind: 'concurrent_planning', startDate: '2026-03-05', endDate: null };
const at = (day: string, over: Partial<Parameters<typeof fosteringPhaseAllowance>[0]> = {}) => fosteringPhaseAllowance({ cards, child, placement, skillLevel: 2, allowanceStoppedOn: null, day, ...over });

test('during the fostering phase: the allowance for the age band plus the skills fee for the level, from the card in force', () => {
  // 25 November 2026: aged 0 (band 0-4, £180.00) and Level 2 (£150.00): £330.00 a week.
  const a = at('2026-11-25');
  assert.equal(a.status, 'payable');
  if (a.status !== 'payable') return;
  assert.deepEqual(a.weekly.lines.map((l) => [l.kind, l.description, l.weeklyPence]), [
    ['allowance', 'Fostering allowance: Baby Test', 18000],
    ['skills_fee', 'Skills fee: Level 2', 15000],
  ]);
  assert.equal(a.weekly.totals.all, 33000);
  assert.equal(a.weekly.totals.fostering_budget, 33000, 'a child in care: the fostering budget pays');
  // Level 3 carers: £180.00 + £210.00.
  const l3 = at('2026-11-25', { skillLevel: 3 });
  assert.equal(l3.status === 'payable' && l3.weekly.totals.all, 39000);
  // 1 May 2027, the new card: £190.00 + £160.00.
  const later = at('2027-05-01');
  assert.equal(later.status === 'payable' && later.weekly.totals.all, 35000);
});

test('it stops on the day the allowance stopped (the adoptive placement) and when the placement ends; none before it starts', () => {
  assert.deepEqual(at('2026-10-01', { allowanceStoppedOn: '2026-10-01' }), { status: 'stopped', from: '2026-03-05', stoppedOn: '2026-10-01', why: 'adoptive_placement' });
  assert.equal(at('2026-09-30', { allowanceStoppedOn: '2026-10-01' }).status, 'payable', 'payable up to the day before');
  assert.deepEqual(at('2026-12-09', { placement: { ...placement, endDate: '2026-12-08' } }), { status: 'stopped', from: '2026-03-05', stoppedOn: '2026-12-08', why: 'placement_ended' });
  assert.deepEqual(at('2026-03-04'), { status: 'not_started', from: '2026-03-05' });
});

test('only for concurrent planning and fostering for adoption; what cannot be priced is said', () => {
  assert.deepEqual(at('2026-11-25', { placement: { ...placement, kind: 'short_term' } }), { status: 'not_applicable' });
  assert.deepEqual(at('2026-11-25', { placement: null }), { status: 'not_applicable' });
  assert.equal(at('2026-11-25', { placement: { ...placement, kind: 'fostering_for_adoption' } }).status, 'payable');
  const noCard = at('2026-03-10');
  assert.ok(noCard.status === 'payable' && noCard.weekly.cardEffectiveFrom === null && /No rate card/.test(noCard.weekly.problems[0] ?? ''));
  const noFee = at('2026-11-25', { skillLevel: 4 });
  assert.ok(noFee.status === 'payable' && noFee.weekly.problems.some((p) => /no skills fee for Level 4/.test(p)));
});
