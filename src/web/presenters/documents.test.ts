import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentRow, formatSize } from './documents.ts';

const HH = '2d9e6b7a-7f3c-4e3a-9f4d-8b2c3a4f5e6d';
const DOC = 'b027f46d-02cf-4bcd-9cd0-1ebfcdd2e1f0';

test('sizes read as bytes, KB or MB', () => {
  assert.equal(formatSize(512), '512 bytes');
  assert.equal(formatSize(14 * 1024), '14 KB');
  assert.equal(formatSize(2.34 * 1024 * 1024), '2.3 MB');
});

test("a document's title downloads it, named with its file for screen readers; one filed by Hearth says so", () => {
  const row = documentRow(HH, { id: DOC, title: 'Written agreement', fileName: 'agreement.pdf', category: 'approval', sizeBytes: 2048, createdByName: null, createdAt: new Date('2026-01-15T09:30:00Z') } as never);
  assert.deepEqual(row[0], { parts: [{ text: 'Written agreement', href: `/households/${HH}/documents/${DOC}`, hidden: '(download agreement.pdf)', download: true }] });
  assert.deepEqual(row.slice(2), [{ text: 'agreement.pdf' }, { text: '2 KB', format: 'numeric' }, { text: 'Hearth (filed automatically)' }, { text: '15 January 2026 at 9:30am' }]);
});
