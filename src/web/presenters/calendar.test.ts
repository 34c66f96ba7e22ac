import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englandAndWales } from '../../domain/calendar/index.ts';
import { CALCULATOR_OBLIGATIONS, answerWorkingDays } from '../../domain/calendar/working-days-query.ts';
import { presentWorkingDays } from './calendar.ts';

function answer(input: Partial<{ from: string; add: string; obligation: string; to: string }>) {
  const result = answerWorkingDays(englandAndWales, { from: '', add: '', obligation: '', to: '', ...input });
  assert.ok(result.ok);
  return presentWorkingDays(result.answer);
}

test('two working days after Thursday 21 December 2023 are Wednesday 27 December, with the days skipped listed', () => {
  const a = answer({ from: '2023-12-21', add: '2' });
  assert.deepEqual(a.rows, [
    { key: { text: 'Start date' }, value: { text: 'Thursday 21 December 2023' } },
    { key: { text: 'Working days added' }, value: { text: '2' } },
    { key: { text: 'Due date' }, value: { text: 'Wednesday 27 December 2023' } },
  ]);
  assert.deepEqual(a.skipped[0], [{ text: 'Saturday 23 December 2023' }, { text: 'Weekend' }]);
  assert.deepEqual(a.skipped.at(-1)?.[1], { text: 'Bank holiday: Boxing Day' });
});

test('a count between two dates gives the number of working days', () => {
  const a = answer({ from: '2023-12-21', to: '2023-12-27' });
  assert.deepEqual(a.rows.at(-1), { key: { text: 'Working days' }, value: { text: '2' } });
});

test("an obligation's answer links its legal source when it has an address", () => {
  const a = answer({ from: '2023-12-21', obligation: CALCULATOR_OBLIGATIONS[0]!.id });
  assert.equal(a.kind, 'obligation');
  const source = a.rows.find((r) => r.key.text === 'Legal source')?.value;
  assert.ok(source && ('parts' in source || 'text' in source));
  if (source && 'parts' in source) assert.ok('href' in source.parts[0]!);
  assert.deepEqual(a.rows.map((r) => r.key.text), ['Obligation', 'Counted from', 'Time allowed', 'Due date', 'The rule', 'How the due date is worked out', 'Legal source']);
});
