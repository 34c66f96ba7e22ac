import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobStatus, STALE_AFTER_SECONDS } from './import-job.ts';

const now = new Date('2026-12-06T20:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

test('a running job is running while its row is refreshed, and interrupted once it is not', () => {
  assert.equal(jobStatus({ status: 'running', updatedAt: ago(5) }, now), 'running');
  assert.equal(jobStatus({ status: 'running', updatedAt: ago(STALE_AFTER_SECONDS) }, now), 'running', 'exactly at the limit: not yet');
  assert.equal(jobStatus({ status: 'running', updatedAt: ago(STALE_AFTER_SECONDS + 1) }, now), 'interrupted');
});

test('a finished job keeps its status however old its row', () => {
  assert.equal(jobStatus({ status: 'done', updatedAt: ago(86_400) }, now), 'done');
  assert.equal(jobStatus({ status: 'failed', updatedAt: ago(86_400) }, now), 'failed');
});
