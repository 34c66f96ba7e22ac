import { test } from 'node:test';
import assert from 'node:assert/strict';
import { myWorkNavHtml, queueItemView, queueViews } from './work.ts';

test('an item says when it is needed, since when it waits and on whom; an emergency is tagged', () => {
  const v = queueItemView({ action: 'Take request PR00001', subject: 'Ann Lee (C1)', childIds: ['c1'], href: '/requests/x', urgent: 'emergency', dueOn: '2026-11-03', since: new Date('2026-11-01T10:00:00Z'), waitingOn: 'the placement team' });
  assert.deepEqual(v.lines, ['Needed by 3 November 2026', 'Waiting since 1 November 2026', 'Waiting on the placement team']);
  assert.equal(v.tag?.text, 'Emergency');
  const late = queueItemView({ action: 'Visit', subject: 'Ann Lee (C1)', childIds: ['c1'], href: '/children/c1', urgent: 'overdue', dueOn: '2026-11-03', since: new Date('2026-11-01T10:00:00Z'), waitingOn: null });
  assert.deepEqual(late.tag, { text: 'Overdue', classes: 'govuk-tag--red' }, 'an overdue step says so, not that it is an emergency');
  const calm = queueItemView({ action: 'a', subject: 's', childIds: [], href: '/', urgent: null, dueOn: null, since: new Date('2026-11-01T10:00:00Z'), waitingOn: null });
  assert.deepEqual(calm.lines, ['Waiting since 1 November 2026']);
  assert.equal(calm.tag, null);
});

test('a queue counts its items; the navigation shows the count only when something waits', () => {
  const [q] = queueViews([{ id: 'x', title: 'T', description: 'D', items: [] }]);
  assert.equal(q!.count, 0);
  assert.equal(myWorkNavHtml(0), 'My work');
  assert.match(myWorkNavHtml(4), /My work <strong[^>]*>4<span class="govuk-visually-hidden"> waiting<\/span>/);
});
