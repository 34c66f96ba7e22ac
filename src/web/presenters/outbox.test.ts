import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailStatus, outboxRow, outboxSummary } from './outbox.ts';

const base = {
  id: '3f1e6a52-2c41-4b7e-9d55-0a6d3c1b2e10',
  subject: 'Placement confirmed',
  toAddresses: ['carer@example.test', 'sw@example.test'],
  createdAt: new Date('2026-12-04T14:05:00Z'),
  transport: 'smtp' as const,
  sentAt: new Date('2026-12-04T14:06:00Z'),
  error: null,
  relatedType: 'proposal',
  relatedId: 'p-1',
  createdByName: 'Priya Officer',
  masked: false,
};

test('a message is tagged by what happened to it', () => {
  assert.deepEqual(emailStatus({ ...base, transport: 'outbox' }), { text: 'In outbox', classes: 'govuk-tag--blue' });
  assert.deepEqual(emailStatus({ ...base, error: '1 refused' }), { text: 'Sent, partly refused', classes: 'govuk-tag--orange' });
  assert.deepEqual(emailStatus(base), { text: 'Sent', classes: 'govuk-tag--green' });
  assert.deepEqual(emailStatus({ ...base, sentAt: null, error: 'refused' }), { text: 'Failed', classes: 'govuk-tag--red' });
  assert.deepEqual(emailStatus({ ...base, sentAt: null }), { text: 'Waiting to send', classes: 'govuk-tag--grey' });
});

test('an outbox row links the subject to the message and shows the time in England', () => {
  assert.deepEqual(outboxRow(base), [
    { parts: [{ text: 'Placement confirmed', href: `/outbox/${base.id}` }] },
    { text: 'carer@example.test, sw@example.test' },
    { text: '4 December 2026 at 2:05pm' },
    { text: 'E-mail (SMTP)' },
    { parts: [{ tag: { text: 'Sent', classes: 'govuk-tag--green' } }] },
    { text: 'proposal' },
  ]);
});

test("a message's summary says who wrote it, how it went and hides a secure link", () => {
  const rows = outboxSummary({ ...base, masked: true, createdByName: null, transport: 'outbox', sentAt: null }, 'hearth@demo.test');
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('Written'), { text: '4 December 2026 at 2:05pm by Hearth' });
  assert.deepEqual(value('Sent'), { text: 'Kept in the outbox (no mail server is configured)' });
  assert.match(JSON.stringify(value('Secure link')), /only the recipient sees it/);
  assert.deepEqual(value('About'), { text: 'proposal p-1' });
  assert.equal(value('Problem'), undefined);
});
