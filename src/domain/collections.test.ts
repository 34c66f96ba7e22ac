import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupBy } from './collections.ts';

test('groupBy keeps each group in the order of the items', () => {
  const g = groupBy([{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }], (x) => x.k);
  assert.deepEqual([...g.keys()], ['a', 'b']);
  assert.deepEqual(g.get('a')?.map((x) => x.n), [1, 3]);
  assert.equal(groupBy([], () => 'x').size, 0);
});
