/** Administration as data: the kinds of record with an audit trail, the trail's rows, and the token form's questions. */
import type { SubjectType } from '../../audit/events.ts';
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';
import { buttonPart, codeText, formatDateTime, visuallyHidden, type Cell, type Table } from './common.ts';

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

export const tokenFields: Field[] = [
  { name: 'user', label: 'Email address of the user the token acts as', inputType: 'email' },
  { name: 'name', label: 'Name of the integration', hint: 'For example, "Nightly SSDA903 export"' },
];

export const tokenHead: Table['head'] = [
  { text: 'Name' },
  { text: 'Acts as' },
  { text: 'Starts with' },
  { text: 'Created' },
  { text: 'Last used' },
  { text: 'Status' },
  { parts: [visuallyHidden('Actions')] },
];

type Token = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; userName: string; userEmail: string };

/** One personal access token: its name, who it acts as, how it starts, when it was made and last used, and a button to revoke it while active. */
export function tokenRow(t: Token, csrf: string): Cell[] {
  return [
    { text: t.name },
    { text: `${t.userName} (${t.userEmail})` },
    { parts: [codeText(`${t.prefix}…`)] },
    { text: formatDateTime(t.createdAt) },
    { text: formatDateTime(t.lastUsedAt) || 'Never' },
    { text: t.revokedAt ? `Revoked ${formatDateTime(t.revokedAt)}` : 'Active' },
    t.revokedAt ? { text: '' } : { parts: [buttonPart({ text: 'Revoke', action: paths.tokens.revoke(t.id), csrf, hidden: t.name, classes: 'govuk-button--warning' })] },
  ];
}
