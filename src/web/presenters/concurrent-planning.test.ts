import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figuresChart, figuresTable } from './concurrent-planning.ts';
import type { Figure } from '../../domain/concurrent-planning/figures.ts';

const figures: Figure[] = [
  { key: 'children_placed', label: 'Children placed', value: 4, unit: 'children', note: 'n' },
  { key: 'adopted', label: 'Adopted', value: 2, unit: 'children', note: 'n' },
  { key: 'moves_avoided', label: 'Moves avoided', value: 0, unit: 'children', note: 'n' },
  { key: 'referral_to_placement', label: 'Time from referral to placement (median)', value: null, unit: 'days', note: 'Not known' },
  { key: 'placement_to_decision', label: "Time from placement to the court's decision (median)", value: 183.5, unit: 'days', note: 'n' },
];

test('the figures table says "Not known" for a figure without a value and gives days with their unit', () => {
  const t = figuresTable(figures);
  assert.deepEqual(
    t.rows.map((r) => (r[1] as { text: string }).text),
    ['4', '2', '0', 'Not known', '183.5 days'],
  );
});

test('the chart draws the counts only, the longest bar for the largest count, each with its label and value', () => {
  const c = figuresChart(figures);
  assert.deepEqual(
    c.bars.map((b) => [b.label, b.value, b.width]),
    [
      ['Children placed', 4, 300],
      ['Adopted', 2, 150],
      ['Moves avoided', 0, 0],
    ],
  );
  assert.equal(c.height, 3 * 32 + 10);
  assert.ok(c.bars.every((b) => b.valueX === 200 + b.width + 8));
});
