/** The Placement Stability Panel as data: the forms, the agenda and a case's decision. */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { formatDate, hint, linkTo, tagPart, text, type Cell, type SummaryRow, type Table, type Tag } from './common.ts';

export type ReferralFacts = {
  id: string;
  placementId: string;
  child: { reference: string; firstName: string; lastName: string };
  householdReference: string;
  referredOn: string;
  reason: string;
  serviceSought: string;
  tried: string;
  supportPlanVersionId: string | null;
  referredByName: string;
  sittingId: string | null;
  status: 'referred' | 'on_agenda' | 'decided';
  serviceAgreed: string | null;
  fundedBy: string | null;
  decision: string | null;
  reviewOn: string | null;
  decidedOn: string | null;
  decidedByName: string | null;
};
export type SittingFacts = { id: string; sitsOn: string; members: string; virtualSchoolAttendee: string };
export type TaskFacts = { description: string; ownerName: string; dueOn: string; completedOn: string | null };

/** How many actions the decision form offers (the API takes up to 20). */
export const ACTION_ROWS = 3;

const STATUS: Record<ReferralFacts['status'], Tag> = {
  referred: { text: 'Waiting for a sitting', classes: 'govuk-tag--yellow' },
  on_agenda: { text: 'On the agenda', classes: 'govuk-tag--blue' },
  decided: { text: 'Decided', classes: 'govuk-tag--green' },
};
export const referralTag = (s: ReferralFacts['status']): Tag => STATUS[s];

export function referralFields(): Field[] {
  return [
    { name: 'referredOn', label: 'Date of the referral', type: 'date', hint: 'For example, 8 1 2024' },
    { name: 'reason', label: 'Why escalation is needed', type: 'textarea', hint: 'A case is presented at the panel if escalation is needed to get a service essential to the placement’s stability' },
    { name: 'serviceSought', label: 'The service sought', type: 'textarea' },
    { name: 'tried', label: 'What has been tried', type: 'textarea', hint: 'Placement Support Meetings, support in the support plan, other services. The latest initial support plan is attached' },
  ];
}

export function sittingFields(waiting: readonly ReferralFacts[]): Field[] {
  return [
    { name: 'sitsOn', label: 'Date the panel sits', type: 'date' },
    { name: 'members', label: 'Panel members', type: 'textarea', hint: 'Names and roles; the chair first' },
    { name: 'virtualSchoolAttendee', label: 'Who attends for the Virtual School', type: 'text', hint: 'The Virtual School is included in the Placement Stability Panel' },
    {
      name: 'referralIds',
      label: 'Cases on the agenda',
      type: 'checkboxes',
      items: waiting.map((r) => ({ value: r.id, text: `${r.child.firstName} ${r.child.lastName} (${r.child.reference}), referred ${formatDate(r.referredOn)}`, hint: { text: r.serviceSought } })),
    },
  ];
}

export function decisionFields(users: readonly { id: string; fullName: string }[]): Field[] {
  const fields: Field[] = [
    { name: 'serviceAgreed', label: 'Service agreed', type: 'textarea', hint: 'Or "None", saying why in the decision' },
    { name: 'fundedBy', label: 'Funded by', type: 'text' },
    { name: 'decision', label: "The panel's decision", type: 'textarea' },
    { name: 'reviewOn', label: 'Review date', type: 'date' },
  ];
  for (let i = 1; i <= ACTION_ROWS; i++) {
    fields.push(
      { name: `action${i}Description`, label: `Action ${i}${i > 1 ? ' (optional)' : ' (optional)'}`, type: 'textarea' },
      { name: `action${i}Owner`, label: `Who owns action ${i}`, type: 'select', items: [{ value: '', text: 'Select the owner' }, ...users.map((u) => ({ value: u.id, text: u.fullName }))] },
      { name: `action${i}DueOn`, label: `Action ${i} due by`, type: 'date' },
    );
  }
  return fields;
}

/** The posted decision form as the service's input: the actions as a list. */
export function decisionInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (!/^action\d/.test(k)) out[k] = v;
  const actions: Record<string, unknown>[] = [];
  for (let i = 1; i <= ACTION_ROWS; i++) {
    const description = String(input[`action${i}Description`] ?? '').trim();
    const ownerUserId = String(input[`action${i}Owner`] ?? '');
    const dueOn = String(input[`action${i}DueOn`] ?? '');
    if (!description && !ownerUserId && !dueOn) continue;
    actions.push({ description, ownerUserId, dueOn });
  }
  out.actions = actions;
  return out;
}

/** The service's field for an action ("actions.0.dueOn") as the form's ("action1DueOn"). */
export function formFieldOfDecision(field: string): string {
  const m = /^actions\.(\d+)\.(description|ownerUserId|dueOn)$/.exec(field);
  if (!m) return field;
  const name = m[2] === 'ownerUserId' ? 'Owner' : m[2] === 'dueOn' ? 'DueOn' : 'Description';
  return `action${Number(m[1]) + 1}${name}`;
}

export function referralsTable(rows: readonly ReferralFacts[]): Table {
  return {
    head: [{ text: 'Child' }, { text: 'Referred' }, { text: 'Service sought' }, { text: 'Status' }],
    rows: rows.map((r): Cell[] => [
      { parts: [linkTo(paths.panel.referral(r.id), `${r.child.firstName} ${r.child.lastName}`), hint(`${r.child.reference}, household ${r.householdReference}`)] },
      { parts: [text(formatDate(r.referredOn)), hint(r.referredByName)] },
      { text: r.serviceSought },
      { parts: [tagPart(referralTag(r.status))] },
    ]),
  };
}

export function sittingsTable(rows: readonly SittingFacts[]): Table {
  return {
    head: [{ text: 'Sitting' }, { text: 'Members' }, { text: 'Virtual School' }],
    rows: rows.map((s): Cell[] => [{ parts: [linkTo(paths.panel.sitting(s.id), formatDate(s.sitsOn), 'panel sitting')] }, { text: s.members }, { text: s.virtualSchoolAttendee }]),
  };
}

export function referralSummary(r: ReferralFacts, o: { supportPlanHref: string | null }): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: { text: 'Child' }, value: { parts: [text(`${r.child.firstName} ${r.child.lastName} (${r.child.reference})`), linkTo(paths.placements.show(r.placementId), `Placement with household ${r.householdReference}`)] } },
    { key: { text: 'Status' }, value: { parts: [tagPart(referralTag(r.status)), ...(r.sittingId ? [linkTo(paths.panel.sitting(r.sittingId), 'View the sitting')] : [])] } },
    { key: { text: 'Referred' }, value: { parts: [text(formatDate(r.referredOn)), hint(`By ${r.referredByName}`)] } },
    { key: { text: 'Why escalation is needed' }, value: { text: r.reason } },
    { key: { text: 'Service sought' }, value: { text: r.serviceSought } },
    { key: { text: 'What has been tried' }, value: { text: r.tried } },
    { key: { text: 'Latest support plan' }, value: o.supportPlanHref ? { parts: [linkTo(o.supportPlanHref, 'View the support plan attached')] } : { text: 'None completed when referred' } },
  ];
  if (r.status === 'decided') {
    rows.push(
      { key: { text: 'Decided' }, value: { parts: [text(`At the sitting on ${formatDate(r.decidedOn)}`), hint(`Recorded by ${r.decidedByName ?? ''}`)] } },
      { key: { text: 'Service agreed' }, value: { text: r.serviceAgreed ?? '' } },
      { key: { text: 'Funded by' }, value: { text: r.fundedBy ?? '' } },
      { key: { text: "The panel's decision" }, value: { text: r.decision ?? '' } },
      { key: { text: 'Review date' }, value: { text: formatDate(r.reviewOn) } },
    );
  }
  return rows;
}

export function tasksTable(tasks: readonly TaskFacts[]): Table {
  return {
    head: [{ text: 'Action' }, { text: 'Owner' }, { text: 'Due' }, { text: 'Done' }],
    rows: tasks.map((t): Cell[] => [{ text: t.description }, { text: t.ownerName }, { text: formatDate(t.dueOn) }, { text: t.completedOn ? formatDate(t.completedOn) : 'Not yet' }]),
  };
}

/** The placement page's link to refer the case. */
export function panelSection(placementId: string, referrals: readonly ReferralFacts[], o: { canRefer: boolean }) {
  return {
    id: 'stability-panel',
    title: 'Placement Stability Panel',
    ...(o.canRefer ? { summary: [{ key: { text: 'Escalation' }, value: { parts: [linkTo(paths.panel.refer(placementId), 'Refer to the Placement Stability Panel')] } }] } : {}),
    table: referralsTable(referrals.filter((r) => r.placementId === placementId)),
    empty: 'Not referred to the panel.',
  };
}
