/**
 * Obligations as data for pages: status tags, table rows, the section a child's, placement's or
 * household's page shows, and the "Record" link that opens the right form already filled in; "My work",
 * the compliance dashboard and its CSV, the rule pages, and the questions of the forms that record,
 * correct and close.
 */
import { stringify } from 'csv-stringify/sync';
import { CHILD_EVENT_KINDS, HOUSEHOLD_EVENT_KINDS, OPEN_STATUSES, REGISTRY, type ObligationDefinition, type ObligationStatus } from '../../domain/deadlines/index.ts';
import { formatShare, type ComplianceCounts, type ComplianceGroup } from '../../domain/deadlines/compliance.ts';
import { ROLE_LABELS } from '../../domain/access/index.ts';
import { CARERS_ATTENDANCE, KEYWORKER_ATTENDANCE, PLACEMENT_EVENT_KINDS } from '../../domain/records/obligation-event.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import { REVIEW_CODES } from '../../domain/ssda903/return-codes.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { CLOSE_OUTCOMES, type NotComputed, type ObligationRow, type RecordedEvent, type RecordingChoices } from '../../services/obligations.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, formatDateTime, linkTo, secondary, tagPart, text, visuallyHidden, type Cell, type Part, type SummaryRow, type Table, type TableHead, type Tag } from './common.ts';

const TAG_CLASS: Record<ObligationStatus, string> = {
  overdue: 'govuk-tag--red',
  due_soon: 'govuk-tag--orange',
  not_yet_due: 'govuk-tag--blue',
  completed_on_time: 'govuk-tag--green',
  completed_late: 'govuk-tag--yellow',
  missed: 'govuk-tag--red',
  not_applicable: 'govuk-tag--grey',
};

/** An obligation's status as a GOV.UK tag. */
export function statusTag(r: Pick<ObligationRow, 'status' | 'statusLabel'>): Tag {
  return { text: r.statusLabel, classes: TAG_CLASS[r.status] };
}

/** The status tag, followed on the same line by a red tag for a flag (such as "Started without agreement"). */
export function statusParts(r: Pick<ObligationRow, 'status' | 'statusLabel'> & { flag?: string | null }): Part[] {
  return [tagPart(statusTag(r)), ...(r.flag ? [tagPart({ text: r.flag, classes: 'govuk-tag--red' }, true)] : [])];
}

/** The link that opens the form to record what completes an open obligation, or '' when none applies. */
export function recordHref(r: ObligationRow): string {
  const c = r.completion;
  if (!c) return '';
  const q = new URLSearchParams({ kind: c.kind });
  if (c.placementId) q.set('placementId', c.placementId);
  if (c.scope === 'child') {
    if (!r.child) return '';
    if (c.kind === 'review_held') return paths.obligations.newReview(r.child.id);
    if (c.aboutChildId) q.set('aboutChildId', c.aboutChildId);
    return `${paths.obligations.newChildEvent(r.child.id)}?${q.toString()}`;
  }
  if (!r.household) return '';
  return `${paths.obligations.newHouseholdEvent(r.household.id)}?${q.toString()}`;
}

function subjectCell(r: ObligationRow): Cell {
  const parts: Part[] = [];
  if (r.child) parts.push(linkTo(paths.children.show(r.child.id), `${r.child.name} (${r.child.reference})`));
  if (r.household) {
    const household: Part[] = [secondary('Household'), { text: r.household.reference, href: paths.households.show(r.household.id), secondary: true, inline: true }];
    parts.push(...household);
  }
  return { parts };
}

function dueCell(r: ObligationRow): Cell {
  const when = r.completedOn ? `Done ${formatDate(r.completedOn)}, due ${formatDate(r.dueOn)}` : `Due ${formatDate(r.dueOn)}`;
  return { parts: [text(when), secondary(r.dueText)] };
}

function obligationCell(r: ObligationRow, withRule: boolean): Cell {
  const title = linkTo(paths.obligations.rule(r.obligationId), r.title);
  if (!withRule) return { parts: [title] };
  const why = r.notApplicableReason ?? r.missedReason ?? r.explanation;
  return { parts: [title, secondary(`${why}. Source: ${r.sourceRef}.`)] };
}

function responsibleCell(r: ObligationRow): Cell {
  return { parts: [text(r.responsible.name ?? 'Not allocated'), secondary(r.responsible.roleLabel)] };
}

function actionCell(r: ObligationRow, canRecord: CanRecord, canClose: boolean): Cell {
  const may = typeof canRecord === 'function' ? r.completion !== null && canRecord(r.completion.kind) : canRecord;
  const href = may ? recordHref(r) : '';
  return {
    parts: [
      ...(href ? [linkTo(href, 'Record', r.title)] : []),
      ...(canClose && OPEN_STATUSES.includes(r.status) ? [linkTo(paths.obligations.close(r.id), 'Close', r.title)] : []),
    ],
  };
}

/** A column heading only screen readers hear. */
const actionHead = { parts: [visuallyHidden('Action')] };

/** `canClose`: a manager may close open obligations that can no longer be met. */
/** Whether the viewer may record what completes an obligation: yes, no, or by the kind of event (src/domain/access/recording.ts). */
export type CanRecord = boolean | ((kind: string) => boolean);
export type TableOptions = { canRecord: CanRecord; canClose?: boolean; withSubject: boolean; withRule: boolean; withResponsible: boolean };

/** A table of obligations. */
export function obligationsTable(rows: readonly ObligationRow[], o: TableOptions): Table {
  const head: TableHead = [
    { text: 'Obligation' },
    ...(o.withSubject ? [{ text: 'Child or household' }] : []),
    { text: 'Status' },
    { text: 'Due' },
    ...(o.withResponsible ? [{ text: 'Responsible' }] : []),
    ...(o.canRecord || o.canClose ? [actionHead] : []),
  ];
  return {
    head,
    rows: rows.map((r) => [
      obligationCell(r, o.withRule),
      ...(o.withSubject ? [subjectCell(r)] : []),
      { parts: statusParts(r) },
      dueCell(r),
      ...(o.withResponsible ? [responsibleCell(r)] : []),
      ...(o.canRecord || o.canClose ? [actionCell(r, o.canRecord, o.canClose ?? false)] : []),
    ]),
  };
}

/** A section of a record's page: heading, table, what to say when it is empty, a note under it. */
export type Section = { id: string; title: string; table: Table; empty: string; text?: string; more?: { text: string; href: string } };

const COMPLETED: readonly ObligationStatus[] = ['completed_on_time', 'completed_late'];

/**
 * Not-applicable instances only clutter a record's page: they are counted, not listed. With
 * `completedShown`, only that many completed ones are listed (those due latest), the others counted,
 * with a link (`showAll`) to the page listing them all.
 */
export function obligationsSection(
  rows: readonly ObligationRow[],
  notComputed: readonly NotComputed[],
  o: { canRecord: CanRecord; canClose?: boolean; id?: string; title?: string; withSubject?: boolean; completedShown?: number; showAll?: string },
): Section {
  const applying = rows.filter((r) => r.status !== 'not_applicable');
  const hidden = rows.length - applying.length;
  const completed = applying.filter((r) => COMPLETED.includes(r.status));
  const latest = o.completedShown === undefined ? null : new Set([...completed].sort((a, b) => (a.dueOn < b.dueOn ? 1 : a.dueOn > b.dueOn ? -1 : 0)).slice(0, o.completedShown));
  const shown = latest ? applying.filter((r) => !COMPLETED.includes(r.status) || latest.has(r)) : applying;
  const older = completed.filter((r) => latest && !latest.has(r));
  const onTime = older.filter((r) => r.status === 'completed_on_time').length;
  const notes = [
    ...notComputed.map((n) => n.reason),
    ...(older.length
      ? [`${older.length} earlier completed ${older.length === 1 ? 'obligation is' : 'obligations are'} not shown (${onTime} on time, ${older.length - onTime} late).`]
      : []),
    ...(hidden ? [`${hidden} ${hidden === 1 ? 'obligation does' : 'obligations do'} not apply and ${hidden === 1 ? 'is' : 'are'} not shown.`] : []),
  ];
  return {
    id: o.id ?? 'obligations',
    title: o.title ?? 'Statutory obligations',
    table: obligationsTable(shown, { canRecord: o.canRecord, canClose: o.canClose ?? false, withSubject: o.withSubject ?? false, withRule: true, withResponsible: true }),
    empty: 'No statutory obligations arise from this record yet.',
    text: notes.join(' '),
    ...(older.length && o.showAll ? { more: { text: `Show all ${applying.length} obligations`, href: o.showAll } } : {}),
  };
}

/** On a child's or a household's page: the latest recorded events, and the completed obligations due latest (the rest are counted, with a link to all). */
export const EVENTS_SHOWN = 20;
export const COMPLETED_OBLIGATIONS_SHOWN = 10;

/** What has been recorded as happening, newest first, each with who recorded it and when (in England's time), and a link to correct it. */
export function recordedEventsSection(
  events: readonly RecordedEvent[],
  o: { canCorrect: CanRecord; correctHref?: (e: RecordedEvent) => string; total?: number; showAll?: string },
): Section {
  const correctHref = o.canCorrect ? o.correctHref : undefined;
  const earlier = (o.total ?? events.length) - events.length;
  return {
    ...(earlier > 0
      ? {
          text: `The latest ${events.length} are shown; ${earlier} earlier ${earlier === 1 ? 'event is' : 'events are'} not.`,
          ...(o.showAll ? { more: { text: `Show all ${o.total ?? events.length} recorded events`, href: o.showAll } } : {}),
        }
      : {}),
    id: 'recorded-events',
    title: 'Recorded events',
    table: {
      head: [{ text: 'What happened' }, { text: 'Date' }, { text: 'Evidence' }, { text: 'Recorded by' }, ...(correctHref ? [actionHead] : [])],
      rows: events.map((e) => [
        { text: e.aboutChildReference ? `${e.kindLabel} (about ${e.aboutChildReference})` : e.kindLabel },
        { text: formatDate(e.eventDate) },
        { text: e.evidence },
        { text: `${e.recordedByName ?? 'Demo data'}, ${formatDateTime(e.recordedAt)}` },
        ...(correctHref ? [{ parts: typeof o.canCorrect === 'function' && !o.canCorrect(e.kind) ? [] : [linkTo(correctHref(e), 'Correct', `${e.kindLabel} of ${formatDate(e.eventDate)}`)] }] : []),
      ]),
    },
    empty: 'Nothing recorded yet.',
  };
}

// "My work" ----------------------------------------------------------------------------------------

/** What "My work" shows: the open obligations by default. */
export const SHOW = {
  open: { label: 'To do', statuses: ['overdue', 'due_soon', 'not_yet_due'] as ObligationStatus[] },
  done: { label: 'Completed', statuses: ['completed_on_time', 'completed_late'] as ObligationStatus[] },
  all: { label: 'All', statuses: [] as ObligationStatus[] },
};
export type Show = keyof typeof SHOW;

/** What a manager's drill-down shows: what is overdue, or everything still to do. */
export const DRILL = {
  overdue: { label: 'Overdue', statuses: ['overdue'] as ObligationStatus[] },
  open: { label: 'All to do', statuses: ['overdue', 'due_soon', 'not_yet_due'] as ObligationStatus[] },
};
export type Drill = keyof typeof DRILL;
export const drillTabs = (base: string, show: Drill) => Object.entries(DRILL).map(([key, v]) => ({ key, label: v.label, href: `${base}?show=${key}`, current: key === show }));

/** The links between the lists of "My work", the current one marked. */
export const myWorkTabs = (show: Show) => Object.entries(SHOW).map(([key, v]) => ({ key, label: v.label, href: `${paths.obligations.myWork}?show=${key}`, current: key === show }));

type AgreementAnswer = {
  id: string;
  proposalId: string;
  existingChildLabel: string;
  householdReference: string;
  status: string;
  responderName: string | null;
  responderRole: string | null;
  onBehalfReason: string | null;
  respondedOn: IsoDate | null;
  version: number;
};

/** An answer about a concurrent placement for the placement team to mark seen: its cells and its form. */
export function agreementAnswerRow(a: AgreementAnswer) {
  const agreed = a.status === 'agreed';
  return {
    cells: [
      { parts: [linkTo(paths.proposals.show(a.proposalId), a.existingChildLabel), secondary(`Household ${a.householdReference}`)] },
      { parts: [tagPart({ text: agreed ? 'Agreed' : 'Declined', classes: agreed ? 'govuk-tag--green' : 'govuk-tag--red' })] },
      {
        text: `${a.responderName ?? ''}${a.responderRole ? `, ${a.responderRole}` : ''}${a.onBehalfReason ? ` (for the social worker: ${a.onBehalfReason})` : ''}${a.respondedOn ? `, ${formatDate(a.respondedOn)}` : ''}`,
      },
    ] satisfies Cell[],
    action: paths.agreements.acknowledge(a.id),
    version: a.version,
    label: `${agreed ? 'agreement' : 'refusal'} about ${a.existingChildLabel}`,
  };
}

type OpenTask = { id: string; description: string; dueOn: IsoDate; child: { id: string; firstName: string; lastName: string } };

/** An action agreed at a Placement Planning Meeting: the action, the child, when it is due (tagged when overdue). */
export function planningActionRow(t: OpenTask, today: IsoDate): Cell[] {
  return [
    { parts: [linkTo(paths.planning.task(t.id), t.description)] },
    { parts: [linkTo(paths.children.show(t.child.id), `${t.child.firstName} ${t.child.lastName}`)] },
    t.dueOn < today ? { parts: [text(formatDate(t.dueOn)), tagPart({ text: 'Overdue', classes: 'govuk-tag--red' }, true)] } : { text: formatDate(t.dueOn) },
  ];
}

/** A child or household whose deadlines cannot be worked out, and why. */
export const notComputedLine = (n: NotComputed) => `${n.subjectType === 'child' ? 'Child' : 'Household'} ${n.reference}: ${n.reason}`;

// The compliance dashboard --------------------------------------------------------------------------

export const dashboardFields = (teams: { value: string; text: string }[]): Field[] => [
  { name: 'from', label: 'Due from', type: 'date', hint: 'The first due date of the period, for example 1 4 2026' },
  { name: 'to', label: 'Due up to', type: 'date', hint: 'The last due date of the period, for example 30 6 2026' },
  { name: 'teamId', label: 'Team', type: 'select', items: teams, placeholder: 'All teams' },
  { name: 'obligationId', label: 'Obligation', type: 'select', items: REGISTRY.map((d) => ({ value: d.id, text: d.title })), placeholder: 'All obligations' },
];

const countCells = (c: ComplianceCounts): Cell[] => [
  { text: String(c.overdue), format: 'numeric' },
  { text: String(c.dueSoon), format: 'numeric' },
  { text: String(c.onTime + c.late + c.missed), format: 'numeric' },
  { text: String(c.onTime), format: 'numeric' },
  { text: formatShare(c.onTimeShare), format: 'numeric' },
];

const countHead = (first: string): TableHead => [
  { text: first },
  { text: 'Overdue now', format: 'numeric' },
  { text: 'Due soon', format: 'numeric' },
  { text: 'Fell due in the period', format: 'numeric' },
  { text: 'Done on time', format: 'numeric' },
  { text: 'On time', format: 'numeric' },
];

/** Compliance counts by team, worker or obligation; a group's name links to its page when it has one. */
export function groupTable(first: string, groups: readonly ComplianceGroup[], href?: (g: ComplianceGroup) => string | null): Table {
  return {
    head: countHead(first),
    rows: groups.map((g) => {
      const target = href?.(g);
      return [target ? { parts: [linkTo(target, g.label)] } : { text: g.label }, ...countCells(g)];
    }),
  };
}

/** The dashboard's totals for the period. */
export const dashboardTotals = (t: ComplianceCounts) => ({
  overdue: t.overdue,
  dueSoon: t.dueSoon,
  fell: t.onTime + t.late + t.missed,
  onTime: t.onTime,
  late: t.late,
  missed: t.missed,
  share: formatShare(t.onTimeShare),
});

/** Spreadsheet programs run cells that start with these as formulas: prefix them so they stay text. */
const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The CSV download of the dashboard. */
export function obligationsCsv(rows: readonly ObligationRow[]): string {
  const header = [
    'obligation_id',
    'obligation',
    'status',
    'started_on',
    'due_on',
    'completed_on',
    'due_in_words',
    'child_reference',
    'household_reference',
    'responsible_role',
    'responsible_person',
    'team',
    'source',
  ];
  const body = rows.map((r) => [
    r.obligationId,
    r.title,
    r.statusLabel,
    r.startedOn,
    r.dueOn,
    r.completedOn ?? '',
    r.dueText,
    r.child?.reference ?? '',
    r.household?.reference ?? '',
    r.responsible.roleLabel,
    r.responsible.name ?? '',
    r.responsible.teamName ?? '',
    r.sourceRef,
  ]);
  return stringify([header, ...body.map((cells) => cells.map(safeCell))], { record_delimiter: 'windows' });
}

// The rules ---------------------------------------------------------------------------------------------

/** The list of every statutory rule. */
export const ruleList = () => REGISTRY.map((d) => ({ href: paths.obligations.rule(d.id), title: d.title, source: d.source.ref, rule: d.rule }));

/** One rule: what starts it, when it is due, who does it, what completes it, when it does not apply. */
export function ruleSummary(d: ObligationDefinition): SummaryRow[] {
  return [
    { key: { text: 'What starts it' }, value: { text: d.trigger } },
    { key: { text: 'When it is due' }, value: { text: d.dueRule } },
    { key: { text: 'Who is responsible' }, value: { text: ROLE_LABELS[d.responsibleRole] } },
    { key: { text: 'What completes it' }, value: { text: d.completes } },
    { key: { text: 'When it does not apply' }, value: { text: d.notApplicableWhen } },
  ];
}

/** Where a rule comes from, and how sure Hearth is of the wording. */
export const ruleSources = (d: ObligationDefinition) =>
  [d.source, ...(d.otherSources ?? [])].map((src) => ({
    ref: src.ref,
    detail: src.detail,
    url: src.url,
    confidence: src.confidence === 'V' ? 'Checked against the source' : 'From a secondary source: check before relying on the wording',
  }));

// Recording, correcting and closing ---------------------------------------------------------------------

/** The questions for recording what happened for a child: only those the kind of event needs, once it is known. */
export function childEventFields(kind: string | undefined, choices: RecordingChoices, today: string, mayRecord: (kind: string) => boolean = () => true): Field[] {
  const known = kind && kind in CHILD_EVENT_KINDS ? (kind as keyof typeof CHILD_EVENT_KINDS) : undefined;
  const fields: Field[] = [
    { name: 'kind', label: 'What happened', type: 'select', items: Object.entries(CHILD_EVENT_KINDS).filter(([value]) => mayRecord(value)).map(([value, text]) => ({ value, text })) },
    { name: 'eventDate', label: 'Date it happened', type: 'date', hint: 'For example, 27 3 2026. It cannot be in the future.' },
  ];
  if (!known || PLACEMENT_EVENT_KINDS.has(known)) {
    fields.push({ name: 'placementId', label: 'Placement', type: 'select', items: choices.placements.map((p) => ({ value: p.id, text: p.label })), hint: 'Plans, meetings, notifications, visits, agreements and support plans belong to one placement' });
  }
  if (!known || known === 'agreement_recorded') {
    fields.push({
      name: 'aboutChildId',
      label: 'Child already placed whose social worker agreed',
      type: 'select',
      items: choices.otherChildren.map((c) => ({ value: c.id, text: c.label })),
      hint: 'Only for a written agreement to a concurrent placement',
    });
  }
  if (!known || known === 'review_held') {
    fields.push({
      name: 'participationCode',
      label: 'How the child took part in the review',
      hint: 'Looked-after reviews only. PN0 if, and only if, the child was under 4 on the review date',
      type: 'select',
      items: itemsFrom(codesWithLabels(REVIEW_CODES, collectionYearOn(today))),
    });
  }
  if (!known || known === 'parent_and_child_review_held') {
    fields.push({ name: 'periodEndsOn', label: 'End of the next review period (optional)', type: 'date', hint: 'Only for a parent-and-child placement review that extends the assessment' });
  }
  fields.push({ name: 'evidence', label: 'Evidence', type: 'textarea', hint: 'Where the document is kept, who attended, or what was agreed. Do not paste the document itself.' });
  return fields;
}

/**
 * The questions of the form an independent reviewing officer records a looked-after review with:
 * the date, how the child took part (each SSDA903 participation code with its meaning), the decisions,
 * and what was reviewed.
 */
export function reviewFields(today: string): Field[] {
  return [
    { name: 'eventDate', label: 'Date of the review', type: 'date', hint: 'For example, 27 3 2026. It cannot be in the future.' },
    {
      name: 'participationCode',
      label: 'How did the child take part in the review?',
      hint: 'PN0 if, and only if, the child was under 4 on the review date',
      type: 'radios',
      items: Object.entries(codesWithLabels(REVIEW_CODES, collectionYearOn(today))).map(([value, text]) => ({ value, text: `${value}: ${text}` })),
    },
    { name: 'decisions', label: 'Decisions made at the review', type: 'textarea', hint: 'The recommendations and decisions, with who will do what and by when' },
    {
      name: 'reviewed',
      label: 'What was reviewed',
      type: 'checkboxes',
      items: [
        { value: 'delegatedAuthority', text: 'Delegated authority (who decides what about the child day to day)' },
        { value: 'placementPlan', text: 'The placement plan' },
      ],
    },
    { name: 'carersAttendance', label: 'Did the foster carers attend?', type: 'radios', items: Object.entries(CARERS_ATTENDANCE).map(([value, text]) => ({ value, text })) },
    { name: 'keyworkerAttendance', label: "Did the child's keyworker attend?", type: 'radios', items: Object.entries(KEYWORKER_ATTENDANCE).map(([value, text]) => ({ value, text })) },
  ];
}

/** The review form's ticked boxes as the service's yes-or-no answers. */
export function reviewInput(input: Record<string, unknown>): Record<string, unknown> {
  const ticked = Array.isArray(input.reviewed) ? (input.reviewed as unknown[]) : [];
  const { reviewed: _reviewed, ...rest } = input;
  return { ...rest, delegatedAuthorityReviewed: ticked.includes('delegatedAuthority'), placementPlanReviewed: ticked.includes('placementPlan') };
}

/** The questions for recording what happened for a household. */
export const householdEventFields = (choices: RecordingChoices): Field[] => [
  { name: 'kind', label: 'What happened', type: 'select', items: Object.entries(HOUSEHOLD_EVENT_KINDS).map(([value, text]) => ({ value, text })) },
  { name: 'eventDate', label: 'Date it happened', type: 'date', hint: 'For example, 27 3 2026. It cannot be in the future.' },
  {
    name: 'placementId',
    label: 'Placement (optional)',
    type: 'select',
    items: choices.placements.map((p) => ({ value: p.id, text: p.label })),
    hint: 'For a change of terms of approval: the placement the new terms cover. For an extension of a temporary approval: the placement with the connected person',
  },
  {
    name: 'extendedUntil',
    label: 'For an extension of a temporary approval: the date it runs until (optional)',
    type: 'date',
    hint: 'At most 8 weeks after the first 16 weeks end (CPPCR reg 25)',
  },
  { name: 'evidence', label: 'Evidence', type: 'textarea', hint: 'For example, the panel minute or the decision letter and where it is kept' },
];

/** The questions for correcting a recorded event. */
export const correctionFields = (withPeriod: boolean): Field[] => [
  { name: 'eventDate', label: 'Date it happened', type: 'date', hint: 'For example, 27 3 2026' },
  ...(withPeriod ? [{ name: 'periodEndsOn', label: 'End of the next review period (optional)', type: 'date' as const }] : []),
  { name: 'evidence', label: 'Evidence', type: 'textarea' as const },
  { name: 'reason', label: 'Why are you correcting this record?', type: 'textarea' as const, hint: 'For example, "the date was typed wrongly". The previous values are kept in the record\'s history.' },
];

/** Closing an obligation that can no longer be met: missed or not applicable, with the reason. */
export const closeFields: Field[] = [
  { name: 'outcome', label: 'Why is it closed?', type: 'radios', items: itemsFrom(CLOSE_OUTCOMES, false) },
  { name: 'reason', label: 'Reason', type: 'textarea', hint: 'For example, "the child returned home before the review could be held". It is kept in the record’s history' },
];

/** Where to go back to from an obligation: its child, else its household. */
export const backTo = (r: ObligationRow) => (r.child ? paths.children.show(r.child.id) : r.household ? paths.households.show(r.household.id) : paths.obligations.dashboard);

/** The page that closes an obligation. */
export const closePage = (r: ObligationRow) => ({
  title: 'Close an obligation',
  caption: `${r.title}: ${r.child ? r.child.name : `household ${r.household?.reference ?? ''}`}, due ${formatDate(r.dueOn)} (${r.dueText})`,
  warning: 'Close an obligation only when it can no longer be met. A missed obligation leaves the overdue lists but counts as missed in the compliance figures.',
  action: paths.obligations.close(r.id),
  backLink: backTo(r),
  fields: closeFields,
  submitText: 'Close the obligation',
});
