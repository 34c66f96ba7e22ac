import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupBy, keptAnswers } from './collections.ts';

test('groupBy keeps each group in the order of the items', () => {
  const g = groupBy([{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }], (x) => x.k);
  assert.deepEqual([...g.keys()], ['a', 'b']);
  assert.deepEqual(g.get('a')?.map((x) => x.n), [1, 3]);
  assert.equal(groupBy([], () => 'x').size, 0);
});

test('keptAnswers works each answer out once, forgets them all past its limit, and keeps no failure', () => {
  const asked: number[] = [];
  const double = keptAnswers((n: number) => {
    asked.push(n);
    if (n < 0) throw new RangeError('negative');
    return n * 2;
  }, 2);
  assert.equal(double(1), 2);
  assert.equal(double(1), 2);
  assert.equal(double(2), 4);
  assert.deepEqual(asked, [1, 2], 'the second 1 was kept');
  assert.equal(double(3), 6, 'a third answer: the two kept are forgotten');
  assert.equal(double(1), 2);
  assert.deepEqual(asked, [1, 2, 3, 1]);
  assert.throws(() => double(-1), RangeError);
  assert.throws(() => double(-1), RangeError);
  assert.deepEqual(asked, [1, 2, 3, 1, -1, -1], 'a failure is asked again');
});
