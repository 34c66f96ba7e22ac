/**
 * Obligations as data for pages: status tags, table rows, the section a child's, placement's or
 * household's page shows, and the "Record" link that opens the right form already filled in.
 */
import { OPEN_STATUSES, type ObligationStatus } from '../../domain/deadlines/index.ts';
import type { NotComputed, ObligationRow, RecordedEvent } from '../../services/obligations.ts';
import { paths } from '../../http/paths.ts';
import { formatDate, linkTo, secondary, tagPart, text, visuallyHidden, type Cell, type Part, type Table, type TableHead, type Tag } from './common.ts';

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

function actionCell(r: ObligationRow, canRecord: boolean, canClose: boolean): Cell {
  const href = canRecord ? recordHref(r) : '';
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
export type TableOptions = { canRecord: boolean; canClose?: boolean; withSubject: boolean; withRule: boolean; withResponsible: boolean };

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
export type Section = { id: string; title: string; table: Table; empty: string; text?: string };

/** Not-applicable instances only clutter a record's page: they are counted, not listed. */
export function obligationsSection(
  rows: readonly ObligationRow[],
  notComputed: readonly NotComputed[],
  o: { canRecord: boolean; canClose?: boolean; id?: string; title?: string; withSubject?: boolean },
): Section {
  const shown = rows.filter((r) => r.status !== 'not_applicable');
  const hidden = rows.length - shown.length;
  const notes = [
    ...notComputed.map((n) => n.reason),
    ...(hidden ? [`${hidden} ${hidden === 1 ? 'obligation does' : 'obligations do'} not apply and ${hidden === 1 ? 'is' : 'are'} not shown.`] : []),
  ];
  return {
    id: o.id ?? 'obligations',
    title: o.title ?? 'Statutory obligations',
    table: obligationsTable(shown, { canRecord: o.canRecord, canClose: o.canClose ?? false, withSubject: o.withSubject ?? false, withRule: true, withResponsible: true }),
    empty: 'No statutory obligations arise from this record yet.',
    text: notes.join(' '),
  };
}

/** What has been recorded as happening, newest first, each with a link to correct it. */
export function recordedEventsSection(events: readonly RecordedEvent[], o: { canCorrect: boolean; correctHref?: (e: RecordedEvent) => string }): Section {
  const correctHref = o.canCorrect ? o.correctHref : undefined;
  return {
    id: 'recorded-events',
    title: 'Recorded events',
    table: {
      head: [{ text: 'What happened' }, { text: 'Date' }, { text: 'Evidence' }, { text: 'Recorded by' }, ...(correctHref ? [actionHead] : [])],
      rows: events.map((e) => [
        { text: e.aboutChildReference ? `${e.kindLabel} (about ${e.aboutChildReference})` : e.kindLabel },
        { text: formatDate(e.eventDate) },
        { text: e.evidence },
        { text: `${e.recordedByName ?? 'Demo data'}, ${e.recordedAt.toISOString().slice(0, 10)}` },
        ...(correctHref ? [{ parts: [linkTo(correctHref(e), 'Correct', `${e.kindLabel} of ${formatDate(e.eventDate)}`)] }] : []),
      ]),
    },
    empty: 'Nothing recorded yet.',
  };
}
