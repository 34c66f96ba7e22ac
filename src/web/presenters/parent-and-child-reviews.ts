/**
 * The assessment of a parent-and-child placement as data for the pages (Parent and child fostering
 * procedure, 5.1 to 5.3 and 7): the plan's capabilities and reporting schedule, the carers' reports,
 * the reviews, the outcome; and the forms that record them.
 */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { PLAN_VARIANTS, REPORT_FREQUENCIES } from '../../domain/planning/parent-and-child-plan.ts';
import { PROGRESS_RATINGS, REVIEW_DECISIONS, decisionText } from '../../domain/records/parent-and-child-review.ts';
import { CHILD_ROUTES, OUTCOMES, PARENT_ROUTES, SUPPORT_ROUTES } from '../../domain/records/parent-and-child-outcome.ts';
import { formatDate, hint, linkTo, listPart, tagPart, text, type Cell, type SummaryRow, type Table } from './common.ts';

/** What the page reads of the assessment (the service's Assessment, narrowed). */
export type AssessmentFacts = {
  placement: { id: string; childId: string; childFirstName: string; childLastName: string; householdReference: string };
  variant: keyof typeof PLAN_VARIANTS | null;
  plan: { number: number; completedOn: string; capabilities: string[] } | null;
  schedule: { frequency: keyof typeof REPORT_FREQUENCIES; firstDueOn: string } | null;
  nextReportDue: string | null;
  currentPeriodEndsOn: string;
  reports: { id: string; dueOn: string; receivedOn: string; receivedFrom: string; summary: string; readOn: string | null; readByName: string | null }[];
  reviews: { id: string; heldOn: string; attendees: { name: string; role: string }[]; progress: { capability: string; rating: string; evidence: string }[]; reportIds: string[]; decision: keyof typeof REVIEW_DECISIONS; periodEndsOn: string | null; reasons: string; documentId: string | null }[];
  outcome: { outcome: keyof typeof OUTCOMES; decidedOn: string; details: Record<string, string>; changes: unknown[]; recordedByName: string } | null;
};

const items = (o: Record<string, string>) => Object.entries(o).map(([value, t]) => ({ value, text: t }));

export function assessmentSummary(a: AssessmentFacts): SummaryRow[] {
  return [
    { key: { text: 'Placement plan' }, value: a.plan ? { text: `Version ${a.plan.number}, completed ${formatDate(a.plan.completedOn)}` } : { text: 'Not completed yet' } },
    { key: { text: 'The parent' }, value: { text: a.variant ? PLAN_VARIANTS[a.variant] : 'Not recorded' } },
    { key: { text: 'Skills and capabilities' }, value: a.plan?.capabilities.length ? { parts: [listPart(a.plan.capabilities)] } : { text: 'None listed yet' } },
    {
      key: { text: "Carers' reports" },
      value: a.schedule ? { text: `${REPORT_FREQUENCIES[a.schedule.frequency]}, from ${formatDate(a.schedule.firstDueOn)}; next due ${formatDate(a.nextReportDue)}` } : { text: 'No reporting schedule yet: complete the placement plan' },
    },
    { key: { text: 'Current review period ends' }, value: { text: formatDate(a.currentPeriodEndsOn) } },
  ];
}

export function reportsTable(a: AssessmentFacts, o: { canRead: boolean }): Table {
  return {
    head: [{ text: 'Due' }, { text: 'Received' }, { text: 'What it says' }, { text: 'Read by the child’s social worker' }],
    rows: a.reports.map((r): Cell[] => [
      { text: formatDate(r.dueOn) },
      { parts: [text(formatDate(r.receivedOn)), hint(`from ${r.receivedFrom}`)] },
      { text: r.summary },
      r.readOn
        ? { parts: [text(formatDate(r.readOn)), ...(r.readByName ? [hint(r.readByName)] : [])] }
        : { parts: [tagPart({ text: 'Not read', classes: 'govuk-tag--yellow' }), ...(o.canRead ? [linkTo(paths.parentAndChildAssessment.readReport(a.placement.id, r.id), 'Record as read', `the report due ${formatDate(r.dueOn)}`)] : [])] },
    ]),
  };
}

export function reviewsTable(a: AssessmentFacts): Table {
  const due = new Map(a.reports.map((r) => [r.id, r.dueOn]));
  return {
    head: [{ text: 'Held' }, { text: 'Decision' }, { text: 'Progress' }, { text: 'Reports considered' }, { text: 'Record' }],
    rows: a.reviews.map((r): Cell[] => [
      { parts: [text(formatDate(r.heldOn)), hint(r.attendees.map((x) => `${x.name} (${x.role})`).join(', '))] },
      { parts: [text(decisionText(r.decision, r.periodEndsOn)), hint(r.reasons)] },
      { parts: [listPart(r.progress.map((p) => `${p.capability}: ${PROGRESS_RATINGS[p.rating as keyof typeof PROGRESS_RATINGS] ?? p.rating}`))] },
      { text: r.reportIds.map((id) => (due.get(id) ? `Due ${formatDate(due.get(id))}` : '')).filter(Boolean).join('; ') || 'None' },
      r.documentId ? { parts: [linkTo(paths.planning.childDocument(a.placement.childId, r.documentId), 'PDF', `of the review on ${formatDate(r.heldOn)}`)] } : { text: '—' },
    ]),
  };
}

export function outcomeSummary(a: AssessmentFacts): SummaryRow[] {
  const o = a.outcome;
  if (!o) return [];
  const changes = o.changes.map((c) => (c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : '')).filter(Boolean);
  const d = o.details;
  return [
    { key: { text: 'Outcome' }, value: { text: `${OUTCOMES[o.outcome]}, decided ${formatDate(o.decidedOn)}` } },
    ...(d.reasons ? [{ key: { text: 'Reasons' }, value: { text: d.reasons } }] : []),
    ...(d.familyLifePlan ? [{ key: { text: 'Future family life plan' }, value: { text: d.familyLifePlan } }] : []),
    ...(d.supportRoute ? [{ key: { text: 'Step Up, Step Down, Step Across referral' }, value: { text: `${SUPPORT_ROUTES[d.supportRoute as keyof typeof SUPPORT_ROUTES] ?? d.supportRoute}, ${formatDate(d.supportReferredOn)}` } }] : []),
    ...(d.parentRoute ? [{ key: { text: "The parent's next arrangement" }, value: { text: PARENT_ROUTES[d.parentRoute as keyof typeof PARENT_ROUTES] ?? d.parentRoute } }] : []),
    ...(d.servicesEngaged ? [{ key: { text: 'Services engaged' }, value: { text: d.servicesEngaged } }] : []),
    ...(d.childRoute ? [{ key: { text: 'The child placed elsewhere' }, value: { text: CHILD_ROUTES[d.childRoute as keyof typeof CHILD_ROUTES] ?? d.childRoute } }] : []),
    ...(d.s20AgreedOn ? [{ key: { text: 'Section 20 agreement' }, value: { text: `${formatDate(d.s20AgreedOn)}, by ${d.s20AgreedBy ?? ''}` } }] : []),
    ...(d.courtOrderSoughtOn ? [{ key: { text: 'Court order applied for' }, value: { text: formatDate(d.courtOrderSoughtOn) } }] : []),
    ...(d.childRoute === 'court_order' ? [{ key: { text: 'Interim care order granted' }, value: { text: d.interimCareOrderOn ? formatDate(d.interimCareOrderOn) : 'Not yet' } }] : []),
    { key: { text: 'What it changed' }, value: changes.length ? { parts: [listPart(changes)] } : { text: 'Nothing yet' } },
    { key: { text: 'Recorded by' }, value: { text: o.recordedByName } },
  ];
}

export function reportFields(): Field[] {
  return [
    { name: 'dueOn', label: 'The day the report was due', type: 'date', hint: 'One of the days the placement plan’s reporting schedule gives' },
    { name: 'receivedOn', label: 'The day it was received', type: 'date' },
    { name: 'receivedFrom', label: 'Who it is from', type: 'text', hint: 'The carer who wrote it' },
    { name: 'summary', label: 'What the report says', type: 'textarea' },
  ];
}

export const READ_FIELDS: Field[] = [{ name: 'readOn', label: 'The day the child’s social worker read it', type: 'date' }];

/** The review form: one progress question per capability in the plan, and a box per report received. */
export function reviewFields(a: AssessmentFacts): Field[] {
  return [
    { name: 'heldOn', label: 'The day the review was held', type: 'date' },
    { name: 'attendees', label: 'Who attended', type: 'textarea', hint: 'One person a line: their name, a comma, then their role. For example "Sam Patel, child’s social worker"' },
    ...(a.plan?.capabilities ?? []).flatMap((c, i): Field[] => [
      { name: `rating_${i}`, label: `Progress: ${c}`, type: 'radios', items: items(PROGRESS_RATINGS), classes: 'govuk-radios--small' },
      { name: `evidence_${i}`, label: `What was seen: ${c}`, type: 'textarea' },
    ]),
    ...(a.reports.length
      ? [{ name: 'reportIds', label: 'The carers’ reports considered', type: 'checkboxes' as const, items: a.reports.map((r) => ({ value: r.id, text: `Due ${formatDate(r.dueOn)}, received ${formatDate(r.receivedOn)}` })) }]
      : []),
    { name: 'decision', label: 'The decision', type: 'radios', items: items(REVIEW_DECISIONS) },
    { name: 'periodEndsOn', label: 'New end of the assessment (only to extend it)', type: 'date', hint: `The current review period ends on ${formatDate(a.currentPeriodEndsOn)}` },
    { name: 'reasons', label: 'The reasons for the decision', type: 'textarea' },
  ];
}

/** The posted review form as the service's input. */
export function reviewInputFrom(form: Record<string, unknown>, capabilities: readonly string[]): Record<string, unknown> {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const attendees = str(form.attendees)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(',');
      return at < 0 ? { name: l, role: '' } : { name: l.slice(0, at).trim(), role: l.slice(at + 1).trim() };
    });
  return {
    heldOn: form.heldOn,
    attendees,
    progress: capabilities.map((capability, i) => ({ capability, rating: str(form[`rating_${i}`]), evidence: str(form[`evidence_${i}`]) })),
    reportIds: Array.isArray(form.reportIds) ? form.reportIds : [],
    decision: form.decision,
    periodEndsOn: form.periodEndsOn,
    reasons: form.reasons,
  };
}

/** The service's problem fields as the review form names them. */
export function reviewErrorField(field: string): string {
  const progress = /^progress\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (progress) return progress[2] === 'evidence' ? `evidence_${progress[1]}` : `rating_${progress[1]}`;
  if (field.startsWith('attendees')) return 'attendees';
  if (field.startsWith('reportIds')) return 'reportIds';
  return field;
}

export function outcomeFields(): Field[] {
  return [
    { name: 'outcome', label: 'The outcome', type: 'radios', items: items(OUTCOMES) },
    { name: 'decidedOn', label: 'The day it was decided', type: 'date' },
    { name: 'reasons', label: 'The reasons', type: 'textarea' },
    { name: 'familyLifePlan', label: 'If successful: the plan for their future family life', type: 'textarea' },
    { name: 'supportRoute', label: 'If successful: the child referred for ongoing support through Step Up, Step Down, Step Across to', type: 'radios', items: items(SUPPORT_ROUTES) },
    { name: 'supportReferredOn', label: 'If successful: the day of the referral', type: 'date' },
    { name: 'parentRoute', label: "If successful and the parent is in care: the parent's next arrangement", type: 'radios', items: items(PARENT_ROUTES), hint: 'Checked against the parent’s age on the day of the decision' },
    { name: 'servicesEngaged', label: 'If successful and the parent is not in care: the services they will engage with', type: 'textarea' },
    { name: 'childRoute', label: 'If unsuccessful and the child is not in care: how the child will be placed elsewhere', type: 'radios', items: items(CHILD_ROUTES) },
    { name: 's20AgreedOn', label: 'The day the parent agreed to section 20 accommodation', type: 'date' },
    { name: 's20AgreedBy', label: 'Who agreed', type: 'text' },
    { name: 'courtOrderSoughtOn', label: 'The day the court order was applied for', type: 'date' },
    { name: 'interimCareOrderOn', label: 'The day the interim care order was granted, if it has been', type: 'date' },
  ];
}
