/** External contacts as data: the form's questions, the list's rows and a contact's summary. */
import type { Contact } from '../../services/contacts.ts';
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';
import { linkTo, type Cell, type SummaryRow, type Table } from './common.ts';

/** The contact's add and change form, given the organisations to choose from. */
export function contactFields(organisations: { value: string; text: string }[]): Field[] {
  return [
    { name: 'fullName', label: 'Full name', autocomplete: 'off' },
    { name: 'role', label: 'Role', hint: 'For example, Social worker, Independent reviewing officer, Health visitor' },
    { name: 'organisationId', label: 'Organisation', type: 'select', placeholder: 'Not in this list', items: organisations },
    { name: 'organisationName', label: 'Or, the name of the organisation', hint: 'Use this when the organisation is not in the list above' },
    { name: 'email', label: 'Email address (optional)', inputType: 'email', autocomplete: 'off' },
    { name: 'phone', label: 'Phone number (optional)', inputType: 'tel', autocomplete: 'off', classes: 'govuk-input--width-20' },
  ];
}

/** The list's filters. */
export function contactListFilters(organisations: { value: string; text: string }[]) {
  return [
    { name: 'q', label: 'Name, email address or organisation' },
    { name: 'role', label: 'Role contains' },
    { name: 'organisationId', label: 'Organisation', type: 'select', placeholder: 'Any', items: organisations },
  ];
}

/** The change form's values: the organisation's name only when it is not one of Hearth's. */
export function contactFormValues(c: Contact): Record<string, unknown> {
  return { fullName: c.fullName, role: c.role, organisationId: c.organisationId, organisationName: c.organisationId ? '' : c.organisationName, email: c.email, phone: c.phone };
}

export const contactListHead: Table['head'] = [{ text: 'Name' }, { text: 'Role' }, { text: 'Organisation' }, { text: 'Email address' }, { text: 'Phone' }];

type ListItem = Pick<Contact, 'id' | 'fullName' | 'role' | 'organisationName' | 'email' | 'phone'>;

/** One row of the contacts list: name (a link), role, organisation, email address, phone. */
export function contactListRow(c: ListItem): Cell[] {
  return [{ parts: [linkTo(paths.contacts.show(c.id), c.fullName)] }, { text: c.role }, { text: c.organisationName }, { text: c.email ?? '' }, { text: c.phone ?? '' }];
}

/** A contact's summary; an organisation Hearth holds links to its record. */
export function contactSummary(c: Pick<Contact, 'fullName' | 'role' | 'organisationId' | 'organisationName' | 'email' | 'phone'>): SummaryRow[] {
  return [
    { key: { text: 'Full name' }, value: { text: c.fullName } },
    { key: { text: 'Role' }, value: { text: c.role } },
    { key: { text: 'Organisation' }, value: c.organisationId ? { parts: [linkTo(paths.organisations.show(c.organisationId), c.organisationName)] } : { text: c.organisationName } },
    { key: { text: 'Email address' }, value: { text: c.email ?? 'Not recorded' } },
    { key: { text: 'Phone number' }, value: { text: c.phone ?? 'Not recorded' } },
  ];
}
