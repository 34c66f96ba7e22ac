import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_LIMIT_MAX } from '../domain/paging.ts';
import { readPage } from './paging.ts';

/** 1,234 numbered records, read as a list reads them (LIMIT/OFFSET), with the windows asked for. */
function records() {
  const all = Array.from({ length: 1234 }, (_, i) => i);
  const asked: { limit: number; offset: number }[] = [];
  return {
    asked,
    count: () => Promise.resolve(all.length),
    read: (limit: number, offset: number) => {
      asked.push({ limit, offset });
      return Promise.resolve(all.slice(offset, offset + limit));
    },
  };
}

test('readPage: without paging, the first API_LIMIT_MAX; a size above API_LIMIT_MAX is cut to it; a page past the last gives the last', async () => {
  const r = records();
  const first = await readPage({}, r.count, r.read);
  assert.deepEqual({ ...first, items: first.items.length }, { items: API_LIMIT_MAX, total: 1234, page: 1, pages: 3, pageSize: API_LIMIT_MAX, truncated: true });
  const cut = await readPage({ size: 1000 }, r.count, r.read);
  assert.equal(cut.pageSize, API_LIMIT_MAX);
  assert.deepEqual(r.asked, [
    { limit: API_LIMIT_MAX, offset: 0 },
    { limit: API_LIMIT_MAX, offset: 0 },
  ]);
  const beyond = await readPage({ page: 99, size: 100 }, r.count, r.read);
  assert.deepEqual([beyond.page, beyond.pages, beyond.items[0], beyond.items.length, beyond.truncated], [13, 13, 1200, 34, false]);
});
