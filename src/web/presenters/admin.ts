/** Administration as data: the kinds of record with an audit trail, the trail's rows, and the token form's questions. */
import type { SubjectType } from '../../audit/events.ts';
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';
import { TOKEN_MAX_DAYS, TOKEN_SCOPE_LABELS, isTokenScope } from '../../domain/access/tokens.ts';
import { codeText, formatDateTime, visuallyHidden, type Cell, type SummaryRow, type Table } from './common.ts';

/** The kinds of record whose trail can be read (by their URL segment): the subject type, its name and its page. */
export const AUDITABLE: Readonly<Record<string, { type: SubjectType; label: string; show: (id: string) => string }>> = {
  child: { type: 'child', label: 'Child', show: (id) => paths.children.show(id) },
  household: { type: 'household', label: 'Household', show: (id) => paths.households.show(id) },
  placement: { type: 'placement', label: 'Placement', show: (id) => paths.placements.show(id) },
  organisation: { type: 'organisation', label: 'Organisation', show: (id) => paths.organisations.show(id) },
  user: { type: 'user', label: 'Staff member', show: (id) => paths.users.show(id) },
  contact: { type: 'contact', label: 'Contact', show: (id) => paths.contacts.show(id) },
  request: { type: 'request', label: 'Placement request', show: (id) => paths.requests.show(id) },
  proposal: { type: 'proposal', label: 'Proposed placement', show: (id) => paths.proposals.show(id) },
};

export const auditHead: Table['head'] = [{ text: 'When' }, { text: 'Who' }, { text: 'What' }, { text: 'Request' }];

/** One event of a record's trail: when (in England), who, what, and the request it came from. */
export function auditRow(r: { at: Date; actorLabel: string; action: string; correlationId: string | null }): Cell[] {
  return [{ text: formatDateTime(r.at) }, { text: r.actorLabel }, { text: r.action }, { text: r.correlationId ?? '' }];
}

/** The questions for a new token; `defaultDays` is API_TOKEN_DAYS. */
export function tokenFields(defaultDays: number): Field[] {
  return [
    { name: 'user', label: 'Email address of the user the token acts as', inputType: 'email' },
    { name: 'name', label: 'Name of the integration', hint: 'For example, "Nightly SSDA903 export"' },
    {
      name: 'days',
      label: 'How many days the token lasts',
      hint: `A whole number from 1 to ${TOKEN_MAX_DAYS}. Leave it as ${defaultDays} unless the integration needs otherwise; make a new token before it expires.`,
      inputmode: 'numeric',
      classes: 'govuk-input--width-3',
    },
    {
      name: 'scope',
      label: 'What the token may do',
      type: 'radios',
      items: [
        { value: 'read', text: TOKEN_SCOPE_LABELS.read, hint: { text: 'For exports and reports: it cannot change any record.' } },
        { value: 'read_write', text: TOKEN_SCOPE_LABELS.read_write, hint: { text: "Whatever the user's role allows." } },
      ],
    },
  ];
}

/** What the token form starts with. */
export const tokenDefaults = (defaultDays: number) => ({ days: String(defaultDays), scope: 'read' });

export const tokenHead: Table['head'] = [
  { text: 'Name' },
  { text: 'Acts as' },
  { text: 'May' },
  { text: 'Starts with' },
  { text: 'Created' },
  { text: 'Last used' },
  { text: 'Status' },
  { parts: [visuallyHidden('Actions')] },
];

type Token = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  scope: string;
  userName: string;
  userEmail: string;
};

/** A token on the page that asks before revoking it. */
export function tokenSummary(t: Token): SummaryRow[] {
  return [
    { key: { text: 'Acts as' }, value: { text: `${t.userName} (${t.userEmail})` } },
    { key: { text: 'May' }, value: { text: isTokenScope(t.scope) ? TOKEN_SCOPE_LABELS[t.scope] : t.scope } },
    { key: { text: 'Last used' }, value: { text: formatDateTime(t.lastUsedAt) || 'Never' } },
    { key: { text: 'Active until' }, value: { text: formatDateTime(t.expiresAt) } },
  ];
}

/**
 * One personal access token: its name, who it acts as, what it may do, how it starts, when it was made
 * and last used, whether it is active (until when), expired or revoked, and a button to revoke it while
 * it still works.
 */
export function tokenRow(t: Token, now: Date): Cell[] {
  const expired = !t.revokedAt && t.expiresAt.getTime() <= now.getTime();
  const status = t.revokedAt ? `Revoked ${formatDateTime(t.revokedAt)}` : expired ? `Expired ${formatDateTime(t.expiresAt)}` : `Active until ${formatDateTime(t.expiresAt)}`;
  return [
    { text: t.name },
    { text: `${t.userName} (${t.userEmail})` },
    { text: isTokenScope(t.scope) ? TOKEN_SCOPE_LABELS[t.scope] : t.scope },
    { parts: [codeText(`${t.prefix}…`)] },
    { text: formatDateTime(t.createdAt) },
    { text: formatDateTime(t.lastUsedAt) || 'Never' },
    { text: status },
    t.revokedAt || expired ? { text: '' } : { parts: [{ text: 'Revoke', href: paths.tokens.revoke(t.id), hidden: t.name }] },
  ];
}
