/** The outbox's pages as data: the list's rows and filter, one message's summary and status tag. */
import type { OutboxItem, OutboxMessage } from '../../services/email.ts';
import { paths } from '../../http/paths.ts';
import { formatDateTime, linkTo, type Cell, type SummaryRow, type Tag } from './common.ts';

const TRANSPORT_LABELS = { smtp: 'E-mail (SMTP)', outbox: 'Outbox only' } as const;

/** What happened to a message. */
export function emailStatus(m: Pick<OutboxItem, 'transport' | 'sentAt' | 'error'>): Tag {
  if (m.transport === 'outbox') return { text: 'In outbox', classes: 'govuk-tag--blue' };
  if (m.sentAt && m.error) return { text: 'Sent, partly refused', classes: 'govuk-tag--orange' };
  if (m.sentAt) return { text: 'Sent', classes: 'govuk-tag--green' };
  if (m.error) return { text: 'Failed', classes: 'govuk-tag--red' };
  return { text: 'Waiting to send', classes: 'govuk-tag--grey' };
}

type ListItem = Pick<OutboxItem, 'id' | 'subject' | 'toAddresses' | 'createdAt' | 'transport' | 'sentAt' | 'error' | 'relatedType'>;

/** One row of the outbox table: subject (a link), to, written, sent by, status, about. */
export function outboxRow(m: ListItem): Cell[] {
  return [
    { parts: [linkTo(paths.outbox.show(m.id), m.subject)] },
    { text: m.toAddresses.join(', ') },
    { text: formatDateTime(m.createdAt) },
    { text: TRANSPORT_LABELS[m.transport] },
    { parts: [{ tag: emailStatus(m) }] },
    { text: m.relatedType ?? '' },
  ];
}

type ShownItem = ListItem & Pick<OutboxMessage, 'createdByName' | 'masked' | 'relatedId'>;

/** The summary of one message. */
export function outboxSummary(m: ShownItem, from: string): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  return [
    row('To', m.toAddresses.join(', ')),
    row('From', from),
    row('Subject', m.subject),
    row('Written', `${formatDateTime(m.createdAt)} by ${m.createdByName ?? 'Hearth'}`),
    row('Sent by', TRANSPORT_LABELS[m.transport]),
    row('Sent', m.transport === 'outbox' ? 'Kept in the outbox (no mail server is configured)' : m.sentAt ? formatDateTime(m.sentAt) : 'Not yet'),
    ...(m.masked ? [row('Secure link', 'Hidden here: only the recipient sees it, since whoever holds the link can answer in their name')] : []),
    ...(m.error ? [row('Problem', m.error)] : []),
    ...(m.relatedType ? [row('About', `${m.relatedType} ${m.relatedId ?? ''}`.trim())] : []),
  ];
}
