/** Sufficiency pages: a request's search outside the area, and the report for the Fostering Panel (view models only). */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { ENQUIRY_ANSWERS, SEARCH_OUTCOMES, type SufficiencyReport } from '../../domain/sufficiency/index.ts';
import type { RequestSufficiency } from '../../services/sufficiency.ts';
import { formatDate, hint, linkTo, tagPart, text, type Cell, type SummaryRow, type Table } from './common.ts';

const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
const num = (n: number): Cell => ({ text: String(n), format: 'numeric' });

export function inAreaTable(r: RequestSufficiency): Table {
  return {
    head: [{ text: 'Household' }, { text: 'Can be considered' }],
    rows: r.inArea.map((h) => [
      { parts: [linkTo(paths.households.show(h.id), h.reference)] },
      h.eligible ? { parts: [tagPart({ text: 'Yes', classes: 'govuk-tag--green' })] } : { parts: [tagPart({ text: 'No', classes: 'govuk-tag--grey' }), ...h.reasons.map((x) => hint(x))] },
    ]),
  };
}

export function enquiriesTable(r: RequestSufficiency): Table {
  return {
    head: [{ text: 'Asked' }, { text: 'When' }, { text: 'Answer' }],
    rows: r.enquiries.map((e) => [
      { parts: [text(e.organisationName), hint(e.organisationKind === 'local_authority' ? 'Local authority' : 'Independent fostering agency')] },
      { text: formatDate(e.askedOn) },
      { parts: [text(ENQUIRY_ANSWERS[e.answer] + (e.answeredOn ? ` (${formatDate(e.answeredOn)})` : '')), ...(e.answerDetail ? [hint(e.answerDetail)] : [])] },
    ]),
  };
}

export function requestSufficiencyPage(r: RequestSufficiency, canRecord: boolean) {
  const id = r.request.id;
  const eligible = r.inArea.filter((h) => h.eligible).length;
  const actions: { text: string; href: string }[] = [];
  if (canRecord && !r.search && r.request.kind === 'parent_and_child') actions.push({ text: 'Record that no suitable household is available in the area', href: paths.sufficiency.noneInArea(id) });
  if (canRecord && r.search?.outcome === 'searching') {
    actions.push({ text: 'Record an agency or authority asked', href: paths.sufficiency.enquiry(id) });
    actions.push({ text: 'Record the outcome of the search', href: paths.sufficiency.outcome(id) });
  }
  const search = r.search;
  return {
    title: `Parent and child: placements in and outside the area`,
    caption: `Placement request ${r.request.reference}`,
    backLink: paths.requests.matching(id),
    actions,
    summary: [
      row('Child', r.request.childName),
      row('Level 4 households in the area (approved for parent and child)', String(r.inArea.length)),
      row('Of these, can be considered for this request today', String(eligible)),
    ],
    sections: [
      { id: 'in-area', title: 'Level 4 households in the area', table: inAreaTable(r), empty: 'The authority has no approved Level 4 household approved for parent and child.' },
      {
        id: 'search',
        title: 'Search outside the area',
        ...(search
          ? {
              summary: [
                row('No suitable household in the area', `${formatDate(search.noneInAreaOn)}: ${search.whyNoneSuitable}`),
                row('What matching showed then', `${search.inAreaLevel4Households} Level 4 household${search.inAreaLevel4Households === 1 ? '' : 's'}, ${search.inAreaEligibleHouseholds} that could be considered`),
                row('Recorded by', search.recordedByName),
                row('Outcome', SEARCH_OUTCOMES[search.outcome] + (search.outcomeOn ? ` (${formatDate(search.outcomeOn)})` : '') + (search.foundOrganisationName ? `: ${search.foundOrganisationName}` : '')),
              ],
              table: enquiriesTable(r),
              empty: 'No agency or authority recorded as asked yet.',
            }
          : { text: 'Not recorded: the search outside the area begins when no suitable Level 4 household is available in the area (Parent and child fostering procedure, 6.3).' }),
      },
    ],
  };
}

export function noneInAreaFields(): Field[] {
  return [
    { name: 'noneInAreaOn', label: 'Date no suitable household was found in the area', type: 'date' },
    { name: 'whyNoneSuitable', label: 'Why no household in the area is suitable', type: 'textarea', hint: 'For example, none has a vacancy, or none within reach of the family’s support' },
  ];
}

export function enquiryFields(organisations: { id: string; name: string; kind: string }[], homeAuthorityId: string): Field[] {
  return [
    {
      name: 'organisationId',
      label: 'Agency or authority asked',
      type: 'select',
      items: organisations.filter((o) => o.kind !== 'virtual_school' && o.id !== homeAuthorityId).map((o) => ({ value: o.id, text: `${o.name} (${o.kind === 'local_authority' ? 'local authority' : 'agency'})` })),
    },
    { name: 'askedOn', label: 'Date they were asked', type: 'date' },
    { name: 'answer', label: 'Their answer', type: 'radios', items: Object.entries(ENQUIRY_ANSWERS).map(([value, t]) => ({ value, text: t })) },
    { name: 'answeredOn', label: 'Date of the answer', type: 'date', hint: 'Leave empty while awaiting an answer' },
    { name: 'answerDetail', label: 'Details of the answer (optional)', type: 'textarea', hint: 'For example, the household offered, or why they declined' },
  ];
}

export function outcomeFields(r: RequestSufficiency): Field[] {
  const offered = r.enquiries.filter((e) => e.answer === 'offered');
  return [
    { name: 'outcome', label: 'Outcome of the search', type: 'radios', items: [{ value: 'found_outside', text: SEARCH_OUTCOMES.found_outside }, { value: 'none_found', text: SEARCH_OUTCOMES.none_found }] },
    { name: 'outcomeOn', label: 'Date of the outcome', type: 'date' },
    { name: 'foundOrganisationId', label: 'Agency or authority whose household was found', type: 'select', hint: 'One that offered a household', items: [...new Map(offered.map((e) => [e.organisationId, e.organisationName]))].map(([value, t]) => ({ value, text: t })) },
  ];
}

export function reportView(r: SufficiencyReport, homeAuthorityName: string) {
  const t = r.totals;
  const placementRows = (list: SufficiencyReport['placementsInArea'], where: string): Cell[][] => list.map((p) => [{ text: formatDate(p.startDate) }, { text: p.householdReference }, { text: p.fosteringServiceName }, { text: where }]);
  return {
    summaryTitle: `${formatDate(r.from)} to ${formatDate(r.to)}`,
    summary: [
      row('Parent-and-child requests', String(t.requests)),
      row('Searches outside the area', `${t.searchesOutside} (found outside ${t.foundOutside}, none found ${t.noneFound})`),
      row('Placements made in the area', String(t.placementsInArea)),
      row('Placements made outside the area', String(t.placementsOutOfArea)),
      row(`Level 4 households of ${homeAuthorityName || 'the authority'} (approved for parent and child)`, String(t.level4Households)),
      row(`With a parent-and-child vacancy on ${formatDate(r.to)}`, String(t.level4WithVacancy)),
    ],
    sections: [
      {
        id: 'requests',
        title: 'Parent-and-child requests',
        table: {
          head: [{ text: 'Request' }, { text: 'Made' }, { text: 'Status' }, { text: 'Search outside the area' }],
          rows: r.requests.map((q): Cell[] => [
            { parts: [linkTo(paths.sufficiency.request(q.id), q.reference)] },
            { text: formatDate(q.createdOn) },
            { text: q.status },
            { text: q.search ? `${SEARCH_OUTCOMES[q.search.outcome]}: ${q.search.enquiries} asked, ${q.search.offers} offered` : 'None' },
          ]),
        },
        empty: 'No parent-and-child request was made in the period.',
      },
      {
        id: 'placements',
        title: 'Placements made',
        table: { head: [{ text: 'Began' }, { text: 'Household' }, { text: 'Fostering service' }, { text: 'Where' }], rows: [...placementRows(r.placementsInArea, 'In the area'), ...placementRows(r.placementsOutOfArea, 'Outside the area')] },
        empty: 'No parent-and-child placement began in the period.',
      },
      {
        id: 'households',
        title: 'Level 4 households and their vacancies',
        table: {
          head: [{ text: 'Household' }, { text: 'Approved for', format: 'numeric' as const }, { text: 'Placed', format: 'numeric' as const }, { text: 'Places free', format: 'numeric' as const }, { text: 'Parent-and-child vacancy' }],
          rows: r.households.map((h): Cell[] => [{ parts: [linkTo(paths.households.show(h.id), h.reference)] }, num(h.approvedChildren), num(h.placed), num(h.free), { text: h.vacancy ? 'Yes' : h.parentAndChildActive ? 'No: a parent-and-child arrangement is in place' : 'No: no place free' }]),
        },
        empty: 'No Level 4 household is approved for parent and child.',
      },
    ],
  };
}
