/** My work's queues as the page shows them: each queue a heading, a count and a list of items, most urgent first. */
import type { Queue } from '../../services/work.ts';
import type { QueueItem } from '../../domain/work/queues.ts';
import { formatDate, type Tag } from './common.ts';
import { todayInEngland } from '../../domain/dates.ts';

export type QueueItemView = { href: string; action: string; subject: string; tag: Tag | null; lines: string[] };
export type QueueView = { id: string; title: string; description: string; count: number; items: QueueItemView[] };

/** The day in England (a request submitted at 00:30 in summer was submitted that day, not the day before in UTC). */
const waitedSince = (d: Date) => formatDate(todayInEngland(d));

export function queueItemView(i: QueueItem): QueueItemView {
  return {
    href: i.href,
    action: i.action,
    subject: i.subject,
    tag: i.urgent === 'emergency' ? { text: 'Emergency', classes: 'govuk-tag--red' } : i.urgent === 'overdue' ? { text: 'Overdue', classes: 'govuk-tag--red' } : null,
    lines: [
      ...(i.dueOn ? [`Needed by ${formatDate(i.dueOn)}`] : []),
      `Waiting since ${waitedSince(i.since)}`,
      ...(i.waitingOn ? [`Waiting on ${i.waitingOn}`] : []),
    ],
  };
}

export const queueViews = (queues: readonly Queue[]): QueueView[] =>
  queues.map((q) => ({ id: q.id, title: q.title, description: q.description, count: q.items.length, items: q.items.map(queueItemView) }));

/** The navigation's "My work" item: the number waiting, said in words to screen readers. */
export function myWorkNavHtml(count: number | null): string {
  if (!count) return 'My work';
  return `My work <strong class="govuk-tag govuk-tag--blue hearth-nav-count">${count}<span class="govuk-visually-hidden"> waiting</span></strong>`;
}
