/** Staff as data: the form's questions, the list's rows, a person's summary, tag and the people they line-manage. */
import type { Services } from '../../services/index.ts';
import type { User, UserListRow } from '../../services/users.ts';
import { isRole, ROLE_LABELS } from '../../domain/access/index.ts';
import { MIN_PASSWORD } from '../../domain/records/user.ts';
import { APPROVAL_STATUSES } from '../../domain/records/household.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, linkTo, type Cell, type SummaryRow, type Table, type Tag } from './common.ts';

type StaffMember = Awaited<ReturnType<Services['users']['get']>>;
type Item = { value: string; text: string };

const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);

export type UserFieldOptions = {
  organisations: readonly { id: string; name: string }[];
  teams: readonly { id: string; name: string; organisationName: string }[];
  managers: readonly Pick<User, 'id' | 'fullName' | 'role'>[];
};

const organisationItems = (orgs: UserFieldOptions['organisations']): Item[] => orgs.map((o) => ({ value: o.id, text: o.name }));
const teamItems = (teams: UserFieldOptions['teams']): Item[] => teams.map((t) => ({ value: t.id, text: `${t.organisationName} – ${t.name}` }));

/** The form's fields with today's organisations, teams and possible line managers (never the person themselves). */
export function userFields({ organisations, teams, managers }: UserFieldOptions, opts: { withPassword: boolean; exceptId?: string }): Field[] {
  const fields: Field[] = [
    { name: 'fullName', label: 'Full name', autocomplete: 'off' },
    { name: 'email', label: 'Email address', inputType: 'email', autocomplete: 'off', hint: 'Also the sign-in name' },
    { name: 'role', label: 'Role', type: 'select', items: itemsFrom(ROLE_LABELS, false) },
    { name: 'organisationId', label: 'Organisation', type: 'select', items: organisationItems(organisations) },
    { name: 'teamId', label: 'Team', type: 'select', hint: 'The team must be in the organisation above', items: teamItems(teams) },
    {
      name: 'lineManagerId',
      label: 'Line manager (optional)',
      type: 'select',
      placeholder: 'No line manager',
      items: managers.filter((m) => m.id !== opts.exceptId).map((m) => ({ value: m.id, text: `${m.fullName} (${ROLE_LABELS[m.role]})` })),
    },
    {
      name: 'sweNumber',
      label: 'Social Work England registration number (optional)',
      hint: 'Registered social workers only: SW followed by digits, like SW123456. The SSDA903 return identifies a child’s social worker by it',
      classes: 'govuk-input--width-10',
      autocomplete: 'off',
    },
    { name: 'active', label: 'Can this person sign in and be assigned work?', type: 'radios', items: YES_NO, classes: 'govuk-radios--inline' },
  ];
  if (opts.withPassword) {
    fields.push({
      name: 'password',
      label: 'First password (optional)',
      inputType: 'password',
      autocomplete: 'new-password',
      hint: `At least ${MIN_PASSWORD} characters. Leave blank if the person will be given a password later.`,
    });
  }
  return fields;
}

/** The change form for a person: an inactive line manager stays selectable for the person who already has them. */
export function userEditFields(options: UserFieldOptions, u: Pick<StaffMember, 'id' | 'lineManagerId' | 'lineManagerName'>): Field[] {
  return userFields(options, { withPassword: false, exceptId: u.id }).map((f) =>
    f.name === 'lineManagerId' && u.lineManagerId && u.lineManagerName && !f.items?.some((i) => i.value === u.lineManagerId)
      ? { ...f, items: [...(f.items ?? []), { value: u.lineManagerId, text: `${u.lineManagerName} (inactive)` }] }
      : f,
  );
}

/** The change form's values, from the record. */
export function userFormValues(u: StaffMember): Record<string, unknown> {
  return { fullName: u.fullName, email: u.email, role: u.role, organisationId: u.organisationId, teamId: u.teamId, lineManagerId: u.lineManagerId, sweNumber: u.sweNumber ?? '', active: u.active ? 'yes' : 'no' };
}

/** The list's filters. */
export function userListFilters(organisations: UserFieldOptions['organisations'], teams: UserFieldOptions['teams']) {
  return [
    { name: 'q', label: 'Name or email address' },
    { name: 'role', label: 'Role', type: 'select', placeholder: 'Any', items: itemsFrom(ROLE_LABELS, false) },
    { name: 'organisationId', label: 'Organisation', type: 'select', placeholder: 'Any', items: organisationItems(organisations) },
    { name: 'teamId', label: 'Team', type: 'select', placeholder: 'Any', items: teamItems(teams) },
    { name: 'active', label: 'Active', type: 'select', placeholder: 'Any', items: YES_NO },
  ];
}

export const userListHead: Table['head'] = [{ text: 'Name' }, { text: 'Role' }, { text: 'Team' }, { text: 'Organisation' }, { text: 'Line manager' }, { text: 'Active' }];

/** One row of the staff list: name (a link), role, team, organisation, line manager (a link), active. */
export function userListRow(u: Pick<UserListRow, 'id' | 'fullName' | 'role' | 'teamName' | 'organisationName' | 'lineManagerId' | 'lineManagerName' | 'active'>): Cell[] {
  return [
    { parts: [linkTo(paths.users.show(u.id), u.fullName)] },
    { text: ROLE_LABELS[u.role] },
    { text: u.teamName ?? '' },
    { text: u.organisationName },
    u.lineManagerId && u.lineManagerName ? { parts: [linkTo(paths.users.show(u.lineManagerId), u.lineManagerName)] } : { text: '' },
    { text: u.active ? 'Yes' : 'No' },
  ];
}

/** Shown by the name of someone who can no longer sign in. */
export const userTag = (u: Pick<User, 'active'>): Tag | undefined => (u.active ? undefined : { text: 'Inactive', classes: 'govuk-tag--grey' });

/** A person's summary: their organisation and line manager link to their records. */
export function userSummary(u: Omit<StaffMember, 'reports'>): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  return [
    row('Full name', u.fullName),
    row('Email address', u.email),
    row('Role', ROLE_LABELS[u.role]),
    { key: { text: 'Organisation' }, value: { parts: [linkTo(paths.organisations.show(u.organisationId), u.organisationName)] } },
    row('Team', u.teamName ?? 'Not recorded'),
    { key: { text: 'Line manager' }, value: u.lineManagerId && u.lineManagerName ? { parts: [linkTo(paths.users.show(u.lineManagerId), u.lineManagerName)] } : { text: 'None recorded' } },
    row('Social Work England number', u.sweNumber ?? 'Not recorded'),
    row('Active', u.active ? 'Yes' : 'No'),
  ];
}

/** The people someone line-manages. */
export function reportsTable(reports: readonly Pick<User, 'id' | 'fullName' | 'role' | 'active'>[]): Table {
  return {
    head: [{ text: 'Name' }, { text: 'Role' }, { text: 'Active' }],
    rows: reports.map((r) => [{ parts: [linkTo(paths.users.show(r.id), r.fullName)] }, { text: roleLabel(r.role) }, { text: r.active ? 'Yes' : 'No' }]),
  };
}

/** A worker's caseload: the children in care allocated to them, and the households they supervise. */
export function caseloadTables(load: {
  children: readonly { id: string; reference: string; firstName: string; lastName: string; dateOfBirth: string }[];
  households: readonly { id: string; reference: string; town: string; approvalStatus: string }[];
}): { children: Table; households: Table } {
  return {
    children: {
      head: [{ text: 'Child' }, { text: 'Reference' }, { text: 'Date of birth' }],
      rows: load.children.map((c) => [{ parts: [linkTo(paths.children.show(c.id), `${c.firstName} ${c.lastName}`)] }, { text: c.reference }, { text: formatDate(c.dateOfBirth) }]),
    },
    households: {
      head: [{ text: 'Household' }, { text: 'Town' }, { text: 'Approval' }],
      rows: load.households.map((h) => [{ parts: [linkTo(paths.households.show(h.id), h.reference)] }, { text: h.town }, { text: APPROVAL_STATUSES[h.approvalStatus as keyof typeof APPROVAL_STATUSES] ?? h.approvalStatus }]),
    },
  };
}
