/**
 * Presenting obligations on pages: status tags, table rows, the section a child's, placement's or
 * household's page shows, and the "Record" link that opens the right form already filled in.
 */
import { formatDate } from '../domain/dates.ts';
import { OPEN_STATUSES, type ObligationStatus } from '../domain/deadlines/index.ts';
import type { NotComputed, ObligationRow, RecordedEvent } from '../services/obligations.ts';
import { escapeHtml, link } from './html.ts';
import { paths } from '../http/paths.ts';

const TAG_CLASS: Record<ObligationStatus, string> = {
  overdue: 'govuk-tag--red',
  due_soon: 'govuk-tag--orange',
  not_yet_due: 'govuk-tag--blue',
  completed_on_time: 'govuk-tag--green',
  completed_late: 'govuk-tag--yellow',
  missed: 'govuk-tag--red',
  not_applicable: 'govuk-tag--grey',
};

export function statusTag(r: Pick<ObligationRow, 'status' | 'statusLabel'> & { flag?: string | null }): string {
  const flag = r.flag ? ` <strong class="govuk-tag govuk-tag--red">${escapeHtml(r.flag)}</strong>` : '';
  return `<strong class="govuk-tag ${TAG_CLASS[r.status]}">${escapeHtml(r.statusLabel)}</strong>${flag}`;
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

function subjectCell(r: ObligationRow): string {
  const parts: string[] = [];
  if (r.child) parts.push(link(paths.children.show(r.child.id), `${r.child.name} (${r.child.reference})`));
  if (r.household) parts.push(`<span class="govuk-body-s">Household ${link(paths.households.show(r.household.id), r.household.reference)}</span>`);
  return parts.join('<br>');
}

function dueCell(r: ObligationRow): string {
  const when = r.completedOn ? `Done ${formatDate(r.completedOn)}, due ${formatDate(r.dueOn)}` : `Due ${formatDate(r.dueOn)}`;
  return `${escapeHtml(when)}<br><span class="govuk-body-s">${escapeHtml(r.dueText)}</span>`;
}

function obligationCell(r: ObligationRow, withRule: boolean): string {
  const title = link(paths.obligations.rule(r.obligationId), r.title);
  if (!withRule) return title;
  const why = r.notApplicableReason ?? r.missedReason ?? r.explanation;
  return `${title}<br><span class="govuk-body-s">${escapeHtml(why)}. Source: ${escapeHtml(r.sourceRef)}.</span>`;
}

function responsibleText(r: ObligationRow): string {
  const who = r.responsible.name ?? 'Not allocated';
  return `${who}<br><span class="govuk-body-s">${r.responsible.roleLabel}</span>`;
}

function actionCell(r: ObligationRow, canRecord: boolean, canClose: boolean): { html: string } {
  const href = canRecord ? recordHref(r) : '';
  const links = [
    ...(href ? [`<a class="govuk-link" href="${escapeHtml(href)}">Record<span class="govuk-visually-hidden"> ${escapeHtml(r.title)}</span></a>`] : []),
    ...(canClose && OPEN_STATUSES.includes(r.status) ? [`<a class="govuk-link" href="${escapeHtml(paths.obligations.close(r.id))}">Close<span class="govuk-visually-hidden"> ${escapeHtml(r.title)}</span></a>`] : []),
  ];
  return { html: links.join('<br>') };
}

/** `canClose`: a manager may close open obligations that can no longer be met. */
export type TableOptions = { canRecord: boolean; canClose?: boolean; withSubject: boolean; withRule: boolean; withResponsible: boolean };

/** A govukTable of obligations. */
export function obligationsTable(rows: readonly ObligationRow[], o: TableOptions) {
  const head = [
    { text: 'Obligation' },
    ...(o.withSubject ? [{ text: 'Child or household' }] : []),
    { text: 'Status' },
    { text: 'Due' },
    ...(o.withResponsible ? [{ text: 'Responsible' }] : []),
    ...(o.canRecord || o.canClose ? [{ html: '<span class="govuk-visually-hidden">Action</span>' }] : []),
  ];
  return {
    head,
    rows: rows.map((r) => [
      { html: obligationCell(r, o.withRule) },
      ...(o.withSubject ? [{ html: subjectCell(r) }] : []),
      { html: statusTag(r) },
      { html: dueCell(r) },
      ...(o.withResponsible ? [{ html: responsibleText(escapedResponsible(r)) }] : []),
      ...(o.canRecord || o.canClose ? [actionCell(r, o.canRecord, o.canClose ?? false)] : []),
    ]),
  };
}

function escapedResponsible(r: ObligationRow): ObligationRow {
  return { ...r, responsible: { ...r.responsible, name: r.responsible.name ? escapeHtml(r.responsible.name) : null, roleLabel: escapeHtml(r.responsible.roleLabel) } };
}

/** Not-applicable instances only clutter a record's page: they are counted, not listed. */
export function obligationsSection(rows: readonly ObligationRow[], notComputed: readonly NotComputed[], o: { canRecord: boolean; canClose?: boolean; id?: string; title?: string; withSubject?: boolean }) {
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
export function recordedEventsSection(events: readonly RecordedEvent[], o: { canCorrect: boolean; correctHref?: (e: RecordedEvent) => string }) {
  const canCorrect = o.canCorrect && o.correctHref !== undefined;
  return {
    id: 'recorded-events',
    title: 'Recorded events',
    table: {
      head: [{ text: 'What happened' }, { text: 'Date' }, { text: 'Evidence' }, { text: 'Recorded by' }, ...(canCorrect ? [{ html: '<span class="govuk-visually-hidden">Action</span>' }] : [])],
      rows: events.map((e) => [
        { text: e.aboutChildReference ? `${e.kindLabel} (about ${e.aboutChildReference})` : e.kindLabel },
        { text: formatDate(e.eventDate) },
        { text: e.evidence },
        { text: `${e.recordedByName ?? 'Demo data'}, ${e.recordedAt.toISOString().slice(0, 10)}` },
        ...(canCorrect && o.correctHref
          ? [{ html: `<a class="govuk-link" href="${escapeHtml(o.correctHref(e))}">Correct<span class="govuk-visually-hidden"> ${escapeHtml(e.kindLabel)} of ${escapeHtml(formatDate(e.eventDate))}</span></a>` }]
          : []),
      ]),
    },
    empty: 'Nothing recorded yet.',
  };
}
