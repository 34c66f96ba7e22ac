import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrangementMoneySection, childrenToRequest, rateCardErrorField, rateCardInputFrom, weeklyTable } from './money.ts';
import { weeklyAmount } from '../../domain/money/parent-and-child.ts';
import type { ArrangementMoney } from '../../services/money.ts';

const card = { effectiveFrom: '2022-04-04', allowances: [{ fromAge: 0, toAge: 17, weeklyPence: 146_00 }, { fromAge: 18, toAge: null, weeklyPence: 140_00 }], skillsFees: [{ level: 4, weeklyPence: 340_00 }] };
const people = [
  { id: 'p', role: 'parent' as const, name: 'Mia', dateOfBirth: '2004-09-01', inCare: true, childId: 'c1' },
  { id: 'b', role: 'child' as const, name: 'Ivy', dateOfBirth: '2022-05-01', inCare: false, childId: null },
];
const m: ArrangementMoney = {
  arrangement: { id: 'a', reference: 'PC1', status: 'active', startDate: '2022-06-01', endDate: null, legalScenario: 'parent_in_care' },
  household: { id: 'h', reference: 'H1', skillLevel: 4 },
  people,
  weekly: weeklyAmount({ cards: [card], people, skillLevel: 4, day: '2022-06-06' }),
  requests: [],
};

test('the weekly table: a row per line with who pays, then the totals by budget', () => {
  const t = weeklyTable(m.weekly);
  assert.equal(t.rows.length, 3 + 3);
  const last = t.rows.at(-1);
  assert.deepEqual(last?.map((c) => ('text' in c ? c.text : '')), ['Weekly amount', 'Total', '£632.00']);
  assert.deepEqual(arrangementMoneySection(m).href, '/parent-and-child/a/money');
});

test('only a child not in care, not yet requested, is offered for a request', () => {
  assert.deepEqual(childrenToRequest(m).map((p) => p.name), ['Ivy']);
  const asked = { ...m, requests: [{ arrangementPersonId: 'b' } as ArrangementMoney['requests'][number]] };
  assert.deepEqual(childrenToRequest(asked), []);
});

test('the rate card form becomes the general input, and its errors go back to the boxes they are about', () => {
  const form = { effectiveFrom: '2023-04-03', allowance0: '146', allowance1: '1', allowance2: '2', allowance3: '3', allowance4: '4', fee1: '', fee2: '', fee3: '', fee4: '340', note: '' };
  const input = rateCardInputFrom(form);
  assert.deepEqual(input.allowances.map((a) => [a.fromAge, a.toAge]), [[0, 4], [5, 10], [11, 15], [16, 17], [18, null]]);
  assert.deepEqual(input.skillsFees, [{ level: 4, weekly: '340' }]);
  assert.equal(rateCardErrorField('allowances.3.weekly', form), 'allowance3');
  assert.equal(rateCardErrorField('skillsFees.0.weekly', form), 'fee4');
  assert.equal(rateCardErrorField('effectiveFrom', form), 'effectiveFrom');
});
