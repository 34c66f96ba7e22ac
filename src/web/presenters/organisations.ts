/** Organisations as data: the form's questions, the list's rows, an organisation's summary and teams. */
import type { Organisation } from '../../services/organisations.ts';
import { AGENCY_PROVIDER_CODES, ORGANISATION_KINDS } from '../../domain/records/organisation.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { linkTo, type Cell, type SummaryRow, type Table } from './common.ts';

export const organisationFields: Field[] = [
  { name: 'kind', label: 'Kind of organisation', type: 'radios', items: itemsFrom(ORGANISATION_KINDS, false) },
  { name: 'name', label: 'Name' },
  { name: 'laCode', label: 'DfE LA code', hint: 'Local authorities only: three digits, for example 202', classes: 'govuk-input--width-3', inputmode: 'numeric' },
  { name: 'ofstedUrn', label: 'Ofsted URN (optional)', classes: 'govuk-input--width-10' },
  {
    name: 'providerCode',
    label: 'Placement provider for the SSDA903 return (fostering agencies only)',
    hint: "Whether the agency is a private (PR4) or a voluntary or third sector (PR5) provider. Placements with the agency's carers are reported with this code unless the placement says otherwise. Leave blank for a local authority",
    type: 'select',
    placeholder: 'Not recorded',
    items: itemsFrom(AGENCY_PROVIDER_CODES),
  },
];

export const organisationListFilters = [
  { name: 'q', label: 'Name or LA code' },
  { name: 'kind', label: 'Kind', type: 'select', placeholder: 'Any', items: itemsFrom(ORGANISATION_KINDS, false) },
];

/** The change form's values, from the record. */
export function organisationFormValues(o: Organisation): Record<string, unknown> {
  return { kind: o.kind, name: o.name, laCode: o.laCode, ofstedUrn: o.ofstedUrn, providerCode: o.providerCode ?? '' };
}

export const organisationListHead: Table['head'] = [{ text: 'Name' }, { text: 'Kind' }, { text: 'LA code' }];

/** One row of the organisations list: name (a link), kind, LA code. */
export function organisationListRow(o: Pick<Organisation, 'id' | 'name' | 'kind' | 'laCode'>): Cell[] {
  return [{ parts: [linkTo(paths.organisations.show(o.id), o.name)] }, { text: ORGANISATION_KINDS[o.kind] }, { text: o.laCode ?? '' }];
}

/** An organisation's summary; an agency's SSDA903 provider code is spelt out. */
export function organisationSummary(o: Pick<Organisation, 'kind' | 'laCode' | 'ofstedUrn' | 'providerCode'>): SummaryRow[] {
  return [
    { key: { text: 'Kind' }, value: { text: ORGANISATION_KINDS[o.kind] } },
    { key: { text: 'DfE LA code' }, value: { text: o.laCode ?? 'Not applicable' } },
    { key: { text: 'Ofsted URN' }, value: { text: o.ofstedUrn ?? 'Not recorded' } },
    ...(o.kind === 'fostering_agency'
      ? [
          {
            key: { text: 'Placement provider (SSDA903)' },
            value: { text: o.providerCode && o.providerCode in AGENCY_PROVIDER_CODES ? `${AGENCY_PROVIDER_CODES[o.providerCode as keyof typeof AGENCY_PROVIDER_CODES]} (${o.providerCode})` : 'Not recorded' },
          },
        ]
      : []),
  ];
}

export function teamsTable(teams: readonly { name: string }[]): Table {
  return { head: [{ text: 'Team' }], rows: teams.map((t) => [{ text: t.name }]) };
}
