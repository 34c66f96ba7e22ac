/** Money pages: the rate card, an arrangement's weekly amount, allowance requests, the finance week (view models only). */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { bandLabel, formatPence, STANDARD_AGE_BANDS, STANDARD_SKILL_LEVELS } from '../../domain/money/rate-card.ts';
import { ALLOWANCE_REQUEST_STATUSES, PAYERS, type WeeklyAmount } from '../../domain/money/parent-and-child.ts';
import type { AllowanceRequest, ArrangementMoney, FinanceRow, RateCard } from '../../services/money.ts';
import { formatDate, formatDateTime, hint, linkTo, text, type Cell, type SummaryRow, type Table } from './common.ts';

const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
const money = (pence: number): Cell => ({ text: formatPence(pence), format: 'numeric' });

/** The fields of a new rate card: its date, one allowance per standard age band and one fee per level. */
export function rateCardFields(): Field[] {
  return [
    { name: 'effectiveFrom', label: 'The date the rates take effect', type: 'date', hint: 'After the latest card’s date. For example, 7 4 2025' },
    ...STANDARD_AGE_BANDS.map((b, i) => ({ name: `allowance${i}`, label: `All-inclusive allowance a week, ages ${bandLabel(b)} (£)`, classes: 'govuk-input--width-10', inputmode: 'decimal' })),
    ...STANDARD_SKILL_LEVELS.map((l): Field => ({ name: `fee${l}`, label: `Skills fee a week, Level ${l} (£)`, classes: 'govuk-input--width-10', inputmode: 'decimal', ...(l === 4 ? { hint: 'Paid once for a parent-and-child arrangement' } : {}) })),
    { name: 'note', label: 'Note (optional)', type: 'textarea', hint: 'For example, the policy the rates come from' },
  ];
}

/** The form's answers as the rate card input (API shape); a blank fee leaves that level without a fee. */
export function rateCardInputFrom(form: Record<string, unknown>) {
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  return {
    effectiveFrom: form.effectiveFrom,
    note: form.note,
    allowances: STANDARD_AGE_BANDS.map((b, i) => ({ fromAge: b.fromAge, toAge: b.toAge, weekly: str(`allowance${i}`) })),
    skillsFees: STANDARD_SKILL_LEVELS.filter((l) => str(`fee${l}`).trim() !== '').map((l) => ({ level: l, weekly: str(`fee${l}`) })),
  };
}

/** An error on `allowances.2.weekly` belongs to the form's `allowance2`; on `skillsFees.N`, to the Nth fee entered. */
export function rateCardErrorField(field: string, form: Record<string, unknown>): string {
  const a = /^allowances\.(\d+)/.exec(field);
  if (a) return `allowance${a[1]}`;
  const f = /^skillsFees\.(\d+)/.exec(field);
  if (f) {
    const entered = STANDARD_SKILL_LEVELS.filter((l) => typeof form[`fee${l}`] === 'string' && (form[`fee${l}`] as string).trim() !== '');
    return `fee${entered[Number(f[1])] ?? ''}`;
  }
  return field === 'allowances' ? 'allowance0' : field;
}

export function rateCardTable(c: RateCard): Table {
  return {
    head: [{ text: 'Rate' }, { text: 'A week', format: 'numeric' }],
    rows: [
      ...c.allowances.map((b): Cell[] => [{ text: `All-inclusive allowance, ages ${bandLabel(b)}` }, money(b.weeklyPence)]),
      ...c.skillsFees.map((f): Cell[] => [{ text: `Skills fee, Level ${f.level}` }, money(f.weeklyPence)]),
    ],
  };
}

/** The rate card page: every card, the one in force today first marked so, later ones "from …". */
export function rateCardSections(cards: RateCard[], today: string) {
  const inForce = cards.find((c) => c.effectiveFrom <= today);
  return cards.map((c) => ({
    id: `card-${c.effectiveFrom}`,
    title: `${c === inForce ? 'In force: ' : c.effectiveFrom > today ? 'Takes effect: ' : 'Superseded: '}rates from ${formatDate(c.effectiveFrom)}`,
    summary: [row('Entered by', `${c.createdByName}, ${formatDateTime(c.createdAt)}`), ...(c.note ? [row('Note', c.note)] : [])],
    table: rateCardTable(c),
  }));
}

/** The weekly amount, line by line: who pays each, and the totals by budget. */
export function weeklyTable(w: WeeklyAmount): Table {
  const rows: Cell[][] = w.lines.map((l) => [
    { parts: [text(l.description), ...(l.band ? [hint(`Age ${l.age} on ${formatDate(w.day)}: band ${l.band}`)] : [])] },
    { parts: [text(PAYERS[l.payer]), ...(l.requestStatus ? [hint(ALLOWANCE_REQUEST_STATUSES[l.requestStatus] + (l.budgetCode ? `, budget code ${l.budgetCode}` : ''))] : [])] },
    money(l.weeklyPence),
  ]);
  rows.push([{ text: 'Fostering budget' }, { text: 'Total' }, money(w.totals.fostering_budget)]);
  if (w.totals.child_care_team) rows.push([{ text: 'Child-care team' }, { text: 'Total' }, money(w.totals.child_care_team)]);
  rows.push([{ text: 'Weekly amount' }, { text: 'Total' }, money(w.totals.all)]);
  return { head: [{ text: 'Line' }, { text: 'Who pays' }, { text: 'A week', format: 'numeric' }], rows };
}

export function allowanceRequestTable(m: ArrangementMoney): Table {
  const name = (r: AllowanceRequest) => m.people.find((p) => p.id === r.arrangementPersonId)?.name ?? '';
  return {
    head: [{ text: 'Child' }, { text: 'Requested' }, { text: 'Answer' }, { text: 'Budget code' }],
    rows: m.requests.map((r) => [
      { text: name(r) },
      { parts: [text(`${formatDate(r.requestedOn)}, of ${r.requestedOf}`), hint(`By ${r.requestedByName}${r.requestNote ? `: ${r.requestNote}` : ''}`)] },
      r.answer
        ? { parts: [text(`${r.answer === 'agreed' ? 'Agreed' : 'Refused'} on ${formatDate(r.answeredOn)}`), hint(`By ${r.answeredByName ?? ''}${r.answerNote ? `: ${r.answerNote}` : ''}`)] }
        : { parts: [text('Awaiting an answer'), linkTo(paths.money.answerAllowance(r.id), 'Record the answer', `for ${name(r)}`)] },
      { text: r.budgetCode ?? '' },
    ]),
  };
}

/** The children whose allowance is the child-care team's and has not been requested yet. */
export function childrenToRequest(m: ArrangementMoney) {
  return m.people.filter((p) => p.role === 'child' && !p.inCare && !m.requests.some((r) => r.arrangementPersonId === p.id));
}

export function moneyPage(m: ArrangementMoney, opts: { canRequest: boolean }) {
  const toRequest = childrenToRequest(m);
  return {
    title: `Weekly amount: ${m.arrangement.reference}`,
    caption: 'Parent and child fostering',
    actions: opts.canRequest && toRequest.length ? [{ text: 'Request an allowance from the child-care team', href: paths.money.requestAllowance(m.arrangement.id) }] : [],
    summary: [
      row('Household', `${m.household.reference} (Level ${m.household.skillLevel})`),
      row('Placed', m.people.map((p) => `${p.name} (${p.role}, ${p.inCare ? 'in care' : 'not in care'})`).join('; ')),
      row('Priced on', formatDate(m.weekly.day)),
      row('Rate card', m.weekly.cardEffectiveFrom ? `Rates from ${formatDate(m.weekly.cardEffectiveFrom)}` : 'None in force'),
    ],
    sections: [
      {
        id: 'weekly',
        title: 'Weekly amount and who pays',
        table: weeklyTable(m.weekly),
        empty: 'Nothing can be priced yet.',
        ...(m.weekly.problems.length ? { text: `Not priced: ${m.weekly.problems.join('. ')}.` } : {}),
      },
      {
        id: 'allowance-requests',
        title: 'Allowance requests to the child-care team',
        table: allowanceRequestTable(m),
        empty: toRequest.length ? `Not yet requested for ${toRequest.map((p) => p.name).join(' and ')}: the fostering budget pays only for children in care (Parent and child fostering procedure, 8.5).` : 'None needed: everyone placed is paid for by the fostering budget.',
      },
    ],
  };
}

export function allowanceRequestFields(m: ArrangementMoney): Field[] {
  return [
    { name: 'personId', label: 'Which child’s allowance is requested?', type: 'radios', items: childrenToRequest(m).map((p) => ({ value: p.id, text: p.name })) },
    { name: 'requestedOn', label: 'Date of the request', type: 'date' },
    { name: 'requestedOf', label: 'Child-care team asked', hint: 'The team, and the person if known' },
    { name: 'requestNote', label: 'Note (optional)', type: 'textarea' },
  ];
}

export function allowanceAnswerFields(): Field[] {
  return [
    { name: 'answer', label: 'The child-care team’s answer', type: 'radios', items: [{ value: 'agreed', text: 'Agreed: the team funds the allowance' }, { value: 'refused', text: 'Refused' }] },
    { name: 'answeredOn', label: 'Date of the answer', type: 'date' },
    { name: 'answeredByName', label: 'Who answered for the child-care team' },
    { name: 'budgetCode', label: 'Budget code', hint: 'The child-care team’s budget code the allowance is paid from (needed when agreed)', classes: 'govuk-input--width-20' },
    { name: 'answerNote', label: 'Note (optional)', type: 'textarea' },
  ];
}

/** The finance week: one table row per line of each arrangement, and the totals by budget. */
export function financeTables(rows: FinanceRow[]) {
  const totals = { fostering_budget: 0, child_care_team: 0, all: 0 };
  const lines: Cell[][] = [];
  for (const r of rows) {
    for (const l of r.weekly.lines) {
      lines.push([
        { parts: [linkTo(paths.money.arrangement(r.arrangementId), r.reference), hint(r.householdReference)] },
        { parts: [text(l.description), ...(l.band ? [hint(`Age ${l.age}: band ${l.band}`)] : [])] },
        { parts: [text(PAYERS[l.payer]), ...(l.requestStatus ? [hint(ALLOWANCE_REQUEST_STATUSES[l.requestStatus] + (l.budgetCode ? `, ${l.budgetCode}` : ''))] : [])] },
        money(l.weeklyPence),
      ]);
    }
    for (const p of r.weekly.problems) lines.push([{ parts: [linkTo(paths.money.arrangement(r.arrangementId), r.reference)] }, { text: `Not priced: ${p}` }, { text: '' }, { text: '', format: 'numeric' }]);
    totals.fostering_budget += r.weekly.totals.fostering_budget;
    totals.child_care_team += r.weekly.totals.child_care_team;
    totals.all += r.weekly.totals.all;
  }
  return {
    lines: { head: [{ text: 'Arrangement' }, { text: 'Line' }, { text: 'Budget' }, { text: 'A week', format: 'numeric' as const }], rows: lines },
    totals: [row('Fostering budget', formatPence(totals.fostering_budget)), row('Child-care team', formatPence(totals.child_care_team)), row('All budgets', formatPence(totals.all))],
  };
}

/** The money section of the arrangement's page (views/money/arrangement-section.njk): this week's lines and a link to the rest. */
export function arrangementMoneySection(m: ArrangementMoney) {
  return { table: weeklyTable(m.weekly), empty: 'Nothing can be priced yet.', problems: m.weekly.problems, href: paths.money.arrangement(m.arrangement.id) };
}
