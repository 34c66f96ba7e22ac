import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../test/fast-check.ts';
import { pageWindow, PAGE_SIZE } from './paging.ts';

test('pageWindow: the page asked for, its offset, and the true number of pages', () => {
  assert.deepEqual(pageWindow(120, 2), { page: 2, pages: 3, offset: PAGE_SIZE, size: PAGE_SIZE });
  assert.deepEqual(pageWindow(100, 2), { page: 2, pages: 2, offset: 50, size: 50 });
  assert.deepEqual(pageWindow(7, 1, 5), { page: 1, pages: 2, offset: 0, size: 5 });
});

test('pageWindow: a page past the last shows the last; none, zero or nonsense shows the first; nothing matching is one empty page', () => {
  assert.equal(pageWindow(120, 99).page, 3);
  assert.equal(pageWindow(120, undefined).page, 1);
  assert.equal(pageWindow(120, 0).page, 1);
  assert.equal(pageWindow(120, -4).page, 1);
  assert.equal(pageWindow(120, Number.NaN).page, 1);
  assert.deepEqual(pageWindow(0, 5), { page: 1, pages: 1, offset: 0, size: 50 });
});

test('pageWindow: the pages cover every record exactly once, in order', () => {
  fc.assert(
    fc.property(fc.nat(2000), fc.integer({ min: 1, max: 200 }), (total, size) => {
      const { pages } = pageWindow(total, 1, size);
      let seen = 0;
      for (let n = 1; n <= pages; n++) {
        const w = pageWindow(total, n, size);
        assert.equal(w.page, n);
        assert.equal(w.offset, seen);
        const onPage = Math.min(w.size, total - w.offset);
        assert.ok(onPage > 0 || total === 0);
        seen += onPage;
      }
      assert.equal(seen, total);
    }),
  );
});
