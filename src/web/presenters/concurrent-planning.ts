/**
 * Concurrent planning as data: the forms, the child's page (contact, court, future contact), the
 * observations list for the parents' assessment, and the service figures as a table and a chart.
 */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { CANCELLED_BY, SESSION_OUTCOMES, handoverText, type ObservationLine } from '../../domain/concurrent-planning/contact.ts';
import { ADOPTION_REASONS, DECISIONS, HEARING_KINDS } from '../../domain/concurrent-planning/court.ts';
import { LS_ADOPTR_CODES, SEX_ADOPTR_CODES, type CodeList } from '../../domain/ssda903/return-codes.ts';
import { FUTURE_CONTACT_KINDS } from '../../domain/concurrent-planning/future-contact.ts';
import type { Figure } from '../../domain/concurrent-planning/figures.ts';
import type { ContactPlan, ContactSession, CourtRecord, FutureContactView } from '../../services/concurrent-planning.ts';
import { formatDate, tagPart, text, type SummaryRow, type Table, type Cell } from './common.ts';
import { withMeaning } from '../../domain/ssda903/meanings.ts';
import { formatPence } from '../../domain/money/rate-card.ts';
import type { FosteringPhaseAllowance } from '../../domain/money/fostering-phase.ts';
import { scaleBand, scaleLinear } from 'd3-scale';

const items = (o: Record<string, string>) => Object.entries(o).map(([value, t]) => ({ value, text: t }));
/** A code list's codes as radios, each shown with its meaning ("FF: Two females"). */
const codeItems = (list: CodeList, kind: 'adoptersSex' | 'adoptersLegalStatus') => Object.keys(list).map((value) => ({ value, text: withMeaning(kind, value) }));
const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value || 'Not recorded' } });

export const contactPlanFields = (): Field[] => [
  { name: 'startsOn', label: 'Date the contact plan starts', type: 'date', hint: 'For example 2 11 2026' },
  { name: 'endsOn', label: 'Date the contact plan ends (optional)', type: 'date', hint: 'Leave blank while it goes on' },
  { name: 'sessionsPerWeek', label: 'Sessions a week', type: 'text', inputType: 'number', inputmode: 'numeric', classes: 'govuk-input--width-2', hint: 'From 1 to 7. The next session is due within 7 days divided by this number (rounded up) of the last one held' },
  { name: 'supervisor', label: 'Who supervises the sessions', type: 'text' },
  { name: 'venue', label: 'Where the sessions take place', type: 'text' },
  { name: 'transport', label: 'How the child gets to the sessions', type: 'textarea', hint: 'The carers bring the child and hand over at the start and the end' },
  { name: 'whoAttends', label: 'Who attends', type: 'textarea' },
];

export const sessionFields = (): Field[] => [
  { name: 'sessionDate', label: 'Date of the session', type: 'date' },
  { name: 'outcome', label: 'Did the session take place?', type: 'radios', items: items(SESSION_OUTCOMES) },
  { name: 'whoAttended', label: 'Who attended', type: 'textarea', hint: 'If it took place' },
  { name: 'handoverAtStartByCarers', label: 'Did the carers hand the child over at the start?', type: 'radios', items: YES_NO, hint: 'If it took place' },
  { name: 'handoverAtEndByCarers', label: 'Did the carers take the child back at the end?', type: 'radios', items: YES_NO, hint: 'If it took place' },
  { name: 'observations', label: "The supervisor's observations", type: 'textarea', hint: "If it took place. They are part of the parents' assessment" },
  { name: 'cancelledBy', label: 'Who cancelled it', type: 'radios', items: items(CANCELLED_BY), hint: 'If it was cancelled' },
  { name: 'notHeldReason', label: 'Why it did not take place', type: 'textarea', hint: 'If it was missed or cancelled' },
];

export const proceedingsFields = (): Field[] => [
  { name: 'court', label: 'Court', type: 'text' },
  { name: 'caseNumber', label: 'Case number', type: 'text' },
  { name: 'appliedOn', label: 'Date of the application', type: 'date' },
  { name: 'interimCareOrderOn', label: 'Date of the interim care order (optional)', type: 'date', hint: 'It becomes the legal status C1 from that day' },
];

export const hearingFields = (): Field[] => [
  { name: 'heardOn', label: 'Date of the hearing', type: 'date' },
  { name: 'kind', label: 'Kind of hearing', type: 'radios', items: items(HEARING_KINDS) },
  { name: 'outcome', label: 'Outcome', type: 'textarea' },
];

export const decisionFields = (): Field[] => [
  { name: 'decision', label: "The court's decision", type: 'radios', items: items(DECISIONS) },
  { name: 'decidedOn', label: 'Date of the decision', type: 'date' },
  { name: 'decisionNotes', label: 'Notes (optional)', type: 'textarea' },
  { name: 'returnedHomeOn', label: 'Date the child went home', type: 'date', hint: 'For a return home only: the placement and the period of care end that day (SSDA903 reason E4A)' },
  { name: 'carersContactAgreed', label: "Was the carers' continuing contact with the child agreed?", type: 'radios', items: YES_NO, hint: 'For a return home only' },
  { name: 'carersContactPlan', label: "The plan for the carers' continuing contact", type: 'textarea', hint: 'If it was agreed' },
];

export const adoptivePlacementFields = (): Field[] => [
  { name: 'shouldBePlacedOn', label: "Date of the agency decision-maker's decision that the child should be placed for adoption", type: 'date' },
  { name: 'matchedOn', label: 'Date the child was matched with the adopters', type: 'date', hint: 'On or before the day the child is placed for adoption. The SSDA903 return (AD1) needs it' },
  { name: 'placedForAdoptionOn', label: 'Date the placement became an adoptive placement', type: 'date', hint: 'The fostering allowance stops that day and adoption support starts. The placement type becomes A5 (placed for adoption under a placement order with the current foster carers)' },
];

export const adoptionOrderFields = (): Field[] => [
  { name: 'adoptionOrderOn', label: 'Date of the adoption order', type: 'date', hint: 'The period of care ends that day' },
  { name: 'adoptionReason', label: 'How was the adoption made?', type: 'radios', items: items(ADOPTION_REASONS) },
  { name: 'adoptersCount', label: 'Number of adopters', type: 'radios', items: [{ value: '1', text: 'One' }, { value: '2', text: 'Two' }] },
  { name: 'adoptersSex', label: "The adopters' genders", type: 'radios', items: codeItems(SEX_ADOPTR_CODES, 'adoptersSex'), hint: 'For the SSDA903 return (AD1)' },
  { name: 'adoptersLegalStatus', label: "The adopters' legal status", type: 'radios', items: codeItems(LS_ADOPTR_CODES, 'adoptersLegalStatus'), hint: 'For the SSDA903 return (AD1). It must agree with their number and genders' },
];

export const futureContactFields = (): Field[] => [
  { name: 'kind', label: 'Kind of future contact', type: 'radios', items: items(FUTURE_CONTACT_KINDS) },
  { name: 'frequency', label: 'How often', type: 'text' },
  { name: 'arrangements', label: 'The arrangements agreed', type: 'textarea' },
  { name: 'agreedOn', label: 'Date agreed', type: 'date' },
  { name: 'birthFamilyNames', label: "Birth family: names", type: 'text', hint: 'Kept apart from the adopters\u2019 details' },
  { name: 'birthFamilyContact', label: "Birth family: contact details", type: 'textarea' },
  { name: 'adoptersNames', label: "Adopters: names", type: 'text', hint: "Seen only by the child's social worker and the managers" },
  { name: 'adoptersContact', label: 'Adopters: contact details', type: 'textarea' },
];

/** A date as form values (name-day, name-month, name-year). */
export function dateValues(name: string, d: string | null): Record<string, string> {
  if (!d) return {};
  const [y, m, day] = d.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y ?? '' };
}

export const planValues = (p: ContactPlan): Record<string, unknown> => ({
  ...dateValues('startsOn', p.startsOn),
  ...dateValues('endsOn', p.endsOn),
  sessionsPerWeek: String(p.sessionsPerWeek),
  supervisor: p.supervisor,
  venue: p.venue,
  transport: p.transport,
  whoAttends: p.whoAttends,
});

export function contactSection(childId: string, c: { plan: ContactPlan | null; sessions: ContactSession[]; nextDue: { dueOn: string; overdue: boolean; explanation: string } | null }, mayRecord: boolean) {
  const summary: SummaryRow[] = c.plan
    ? [
        row('Starts', formatDate(c.plan.startsOn)),
        row('Ends', c.plan.endsOn ? formatDate(c.plan.endsOn) : 'Goes on'),
        row('Sessions a week', String(c.plan.sessionsPerWeek)),
        row('Supervised by', c.plan.supervisor),
        row('Venue', c.plan.venue),
        row('Transport', c.plan.transport),
        row('Who attends', c.plan.whoAttends),
        {
          key: { text: 'Next session due' },
          value: c.nextDue ? { parts: [text(`By ${formatDate(c.nextDue.dueOn)}`), ...(c.nextDue.overdue ? [tagPart({ text: 'Overdue', classes: 'govuk-tag--red' }, true)] : []), text(c.nextDue.explanation)] } : { text: 'None due' },
        },
      ]
    : [];
  const table: Table = {
    head: [{ text: 'Date' }, { text: 'Outcome' }, { text: 'Who attended' }, { text: 'Handovers by the carers' }, { text: "Supervisor's observations, or why not held" }],
    rows: c.sessions.map((s): Cell[] => [
      { text: formatDate(s.sessionDate) },
      { parts: [tagPart(s.outcome === 'took_place' ? { text: 'Took place', classes: 'govuk-tag--green' } : { text: s.outcome === 'missed' ? 'Missed' : 'Cancelled', classes: 'govuk-tag--red' })] },
      { text: s.whoAttended },
      { text: handoverText(s.handoverAtStartByCarers, s.handoverAtEndByCarers) },
      { text: s.outcome === 'took_place' ? s.observations : `${s.cancelledBy ? `Cancelled by ${CANCELLED_BY[s.cancelledBy].toLowerCase()}: ` : ''}${s.notHeldReason}` },
    ]),
  };
  return [
    {
      id: 'contact',
      title: 'Contact plan',
      ...(c.plan ? { summary } : { text: 'No contact plan recorded.' }),
      ...(mayRecord ? { more: { href: paths.concurrentPlanning.contactPlan(childId), text: c.plan ? 'Change the contact plan' : 'Record the contact plan' } } : {}),
    },
    {
      id: 'sessions',
      title: 'Contact sessions',
      table,
      empty: 'No sessions recorded.',
      more: { href: paths.concurrentPlanning.observations(childId), text: "Observations for the parents' assessment (printable, with CSV)" },
    },
  ];
}

export function courtSections(childId: string, court: CourtRecord, mayRecord: boolean) {
  const sections: Record<string, unknown>[] = [];
  if (court.proceedings.length === 0) sections.push({ id: 'court', title: 'Court proceedings', text: 'No court proceedings recorded.' });
  for (const [i, p] of court.proceedings.entries()) {
    const links: { href: string; text: string }[] = [];
    if (mayRecord && !p.decision) links.push({ href: paths.concurrentPlanning.newHearing(childId, p.id), text: 'Record a hearing' }, { href: paths.concurrentPlanning.decision(childId, p.id), text: "Record the court's decision" });
    if (mayRecord && p.decision === 'placement_order' && !p.placedForAdoptionOn) links.push({ href: paths.concurrentPlanning.adoptivePlacement(childId, p.id), text: 'Record the adoptive placement' });
    if (mayRecord && p.placedForAdoptionOn && !p.adoptionOrderOn) links.push({ href: paths.concurrentPlanning.adoptionOrder(childId, p.id), text: 'Record the adoption order' });
    const summary: SummaryRow[] = [
      row('Court and case number', `${p.court}, ${p.caseNumber}`),
      row('Application', formatDate(p.appliedOn)),
      row('Interim care order', p.interimCareOrderOn ? `${formatDate(p.interimCareOrderOn)} (legal status ${withMeaning('legalStatus', 'C1')})` : ''),
      row('Final hearing', p.finalHearingOn ? formatDate(p.finalHearingOn) : ''),
      row('Decision', p.decision ? `${DECISIONS[p.decision]}, ${formatDate(p.decidedOn)}${p.decisionNotes ? `. ${p.decisionNotes}` : ''}` : 'Not yet decided'),
      ...(p.decision === 'return_home'
        ? [row('Went home', `${formatDate(p.returnedHomeOn)} (SSDA903 reason E4A)`), row("Carers' continuing contact", p.carersContactAgreed ? `Agreed: ${p.carersContactPlan}` : 'Not agreed')]
        : []),
      ...(p.placedForAdoptionOn
        ? [
            row('Decision that the child should be placed for adoption', formatDate(p.shouldBePlacedOn)),
            row('Matched', p.matchedOn ? formatDate(p.matchedOn) : ''),
            row('Adoptive placement from', `${formatDate(p.placedForAdoptionOn)} (placement type ${withMeaning('placementType', 'A5')})`),
            row('Fostering allowance stopped', formatDate(p.allowanceStoppedOn)),
            row('Adoption support from', formatDate(p.adoptionSupportFrom)),
          ]
        : []),
      ...(p.adoptionOrderOn && p.adoptionReason ? [row('Adoption order', `${formatDate(p.adoptionOrderOn)}: ${ADOPTION_REASONS[p.adoptionReason]}`)] : []),
    ];
    sections.push({
      id: i === 0 ? 'court' : `court-${i + 1}`,
      title: i === 0 ? 'Court proceedings' : `Earlier court proceedings (${formatDate(p.appliedOn)})`,
      summary,
      table: { head: [{ text: 'Hearing date' }, { text: 'Kind' }, { text: 'Outcome' }], rows: p.hearings.map((h): Cell[] => [{ text: formatDate(h.heardOn) }, { text: HEARING_KINDS[h.kind] }, { text: h.outcome }]) },
      empty: 'No hearings recorded.',
      ...(links.length ? { links } : {}),
    });
  }
  const r = court.returnRows;
  sections.push({
    id: 'ssda903-adoption',
    title: 'SSDA903 adoption information',
    summary: [
      row('PlacedAdoption', r.placedAdoption ? `DATE_PLACED ${formatDate(r.placedAdoption.DATE_PLACED)}` : 'Not applicable yet'),
      row('AD1', r.ad1 ? `DATE_INT ${formatDate(r.ad1.DATE_INT)}, DATE_MATCH ${r.ad1.DATE_MATCH ? formatDate(r.ad1.DATE_MATCH) : 'not recorded'}, FOSTER_CARE ${r.ad1.FOSTER_CARE}, NB_ADOPTR ${r.ad1.NB_ADOPTR}, SEX_ADOPTR ${r.ad1.SEX_ADOPTR ? withMeaning('adoptersSex', r.ad1.SEX_ADOPTR) : 'not recorded'}, LS_ADOPTR ${r.ad1.LS_ADOPTR ? withMeaning('adoptersLegalStatus', r.ad1.LS_ADOPTR) : 'not recorded'}` : 'Not applicable yet'),
    ],
  });
  return sections;
}

export function futureContactSection(childId: string, f: FutureContactView | null, mayRecord: boolean, adopted: boolean) {
  const side = (v: FutureContactView['adopters']) => (v === 'restricted' ? 'Restricted: not shown to your role' : v ? `${v.names}. ${v.contactDetails}` : '');
  return {
    id: 'future-contact',
    title: 'Future contact after adoption',
    ...(f
      ? {
          summary: [
            row('Kind', FUTURE_CONTACT_KINDS[f.kind]),
            row('How often', f.frequency),
            row('Arrangements', f.arrangements),
            row('Agreed', formatDate(f.agreedOn)),
            row('Birth family', side(f.birthFamily)),
            row('Adopters', side(f.adopters)),
          ],
        }
      : { text: adopted ? 'No future contact recorded yet.' : 'Recorded once the adoption order is made.' }),
    ...(mayRecord && adopted ? { more: { href: paths.concurrentPlanning.futureContact(childId), text: f ? 'Change the future contact' : 'Record the future contact' } } : {}),
  };
}

export function observationsTable(lines: readonly ObservationLine[]): Table {
  return {
    head: [{ text: 'Date' }, { text: 'Outcome' }, { text: 'Who attended' }, { text: 'Handovers' }, { text: "Supervisor's observations" }, { text: 'Why not held' }],
    rows: lines.map((l): Cell[] => [{ text: formatDate(l.date) }, { text: SESSION_OUTCOMES[l.outcome] }, { text: l.whoAttended }, { text: l.handovers }, { text: l.observations }, { text: l.notHeld }]),
  };
}

/** The figures as a table: a count, a median in days, or "Not known". */
export function figuresTable(figures: readonly Figure[]): Table {
  return {
    head: [{ text: 'Figure' }, { text: 'Value', format: 'numeric' }, { text: 'How it is worked out' }],
    rows: figures.map((f): Cell[] => [{ text: f.label }, { text: f.value === null ? 'Not known' : f.unit === 'days' ? `${f.value} days` : String(f.value), format: 'numeric' }, { text: f.note }]),
  };
}

/**
 * The counts as a horizontal bar chart: geometry for an SVG the template draws, each bar labelled
 * with its figure and value (the table above it is the chart's text alternative).
 */
export function figuresChart(figures: readonly Figure[]) {
  const counts = figures.filter((f) => f.unit !== 'days');
  const rowHeight = 32;
  // The same scales as the other charts (d3-scale): bars from x = 200 over 300 px, one band a figure.
  const x = scaleLinear().domain([0, Math.max(1, ...counts.map((f) => f.value ?? 0))]).range([0, 300]);
  const y = scaleBand<number>().domain(counts.map((_, i) => i)).range([0, counts.length * rowHeight]).paddingInner(0.25);
  return {
    width: 560,
    height: counts.length * rowHeight + 10,
    bars: counts.map((f, i) => {
      const width = Math.round(x(f.value ?? 0));
      const top = (y(i) ?? 0) + 5;
      return { label: f.label, value: f.value ?? 0, y: top, textY: top + 20, width, valueX: 200 + width + 8 };
    }),
  };
}


/**
 * The weekly fostering allowance of the fostering phase (Concurrent planning guide, "What support is
 * available for carers?"), or null when the child has no concurrent planning or fostering for
 * adoption placement.
 */
export function allowanceSection(a: FosteringPhaseAllowance) {
  if (a.status === 'not_applicable') return null;
  const base = { id: 'fostering-allowance', title: 'Fostering allowance' };
  if (a.status === 'not_started') return { ...base, text: `The fostering phase starts on ${formatDate(a.from)}; the fostering allowance is paid from then.` };
  if (a.status === 'stopped') {
    return {
      ...base,
      text:
        a.why === 'adoptive_placement'
          ? `The fostering allowance stopped on ${formatDate(a.stoppedOn)}, when the child was placed with the carers for adoption.`
          : `The fostering allowance stopped on ${formatDate(a.stoppedOn)}, when the placement ended.`,
    };
  }
  const w = a.weekly;
  return {
    ...base,
    summary: [
      ...w.lines.map((l) => row(l.kind === 'allowance' ? `${l.description} (age ${l.age ?? ''}, band ${l.band ?? ''})` : l.description, `${formatPence(l.weeklyPence)} a week`)),
      row('Total a week', formatPence(w.totals.all)),
      row('Rates from', w.cardEffectiveFrom ? `The rate card in force from ${formatDate(w.cardEffectiveFrom)}` : 'No rate card in force'),
    ],
    text: [`Paid during the fostering phase, from ${formatDate(a.from)}, until the child is placed with the carers for adoption.`, ...w.problems].join(' '),
  };
}
