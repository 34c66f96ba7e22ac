/**
 * Placement stability as data: the form for a concern, the concerns on a placement and a child, and
 * what the placement page says about its Placement Support Meetings (Placement stability guidance,
 * "Placements are ended in a planned way…").
 */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { kindSlug } from '../../http/planning.ts';
import { CONCERN_RAISED_BY, CONCERN_SERIOUSNESS, CONCERN_SERIOUSNESS_HINTS, type ConcernRaisedBy, type ConcernSeriousness } from '../../domain/records/concern.ts';
import { formatDate, formatDateTime, linkTo, tagPart, text, hint, type Cell, type SummaryRow, type Table, type Tag } from './common.ts';

/** What a concern row shows. */
export type ConcernFacts = {
  id: string;
  raisedOn: string;
  whatWasSeen: string;
  raisedByRole: ConcernRaisedBy;
  raisedByName: string;
  seriousness: ConcernSeriousness;
  recordedByName: string;
  recordedAt: Date;
};

/** What the placement page needs of one Placement Support Meeting obligation. */
export type MeetingObligation = { id: string; sequence?: string; status: string; statusLabel: string; dueOn: string; dueText: string; startedOn: string; completedOn: string | null };

/** What the placement page needs of one meeting held (a completed version of the minutes). */
export type MeetingHeld = { number: number; completedOn: string; completedByName: string };

const SERIOUSNESS_TAG: Record<ConcernSeriousness, Tag> = {
  low: { text: 'Low', classes: 'govuk-tag--grey' },
  medium: { text: 'Medium', classes: 'govuk-tag--yellow' },
  high: { text: 'High', classes: 'govuk-tag--red' },
};

export const seriousnessTag = (s: ConcernSeriousness): Tag => SERIOUSNESS_TAG[s];

/** The form to record a concern. */
export function concernFields(): Field[] {
  return [
    { name: 'raisedOn', label: 'Date the concern was raised', type: 'date', hint: 'The day it was seen or reported, for example 8 1 2024' },
    { name: 'whatWasSeen', label: 'What was seen', type: 'textarea', hint: 'What happened, or what was noticed, that suggests the placement may be becoming unstable' },
    {
      name: 'raisedByRole',
      label: 'Who raised the concern',
      type: 'radios',
      hint: "The carers' concerns are recorded by their supervising social worker; the Virtual School's by the worker it told",
      items: Object.entries(CONCERN_RAISED_BY).map(([value, t]) => ({ value, text: t })),
    },
    { name: 'raisedByName', label: 'Name of the person who raised it', type: 'text' },
    {
      name: 'seriousness',
      label: 'How serious is it?',
      type: 'radios',
      items: (Object.keys(CONCERN_SERIOUSNESS) as ConcernSeriousness[]).map((value) => ({ value, text: CONCERN_SERIOUSNESS[value], hint: { text: CONCERN_SERIOUSNESS_HINTS[value] } })),
    },
  ];
}

/** The concerns as a table, latest first; `withPlacement` adds the household (on the child's page). */
export function concernsTable(concerns: readonly (ConcernFacts & { householdReference?: string; placementId?: string })[], o: { withPlacement?: boolean } = {}): Table {
  return {
    head: [{ text: 'Raised' }, { text: 'How serious' }, { text: 'What was seen' }, { text: 'Raised by' }, ...(o.withPlacement ? [{ text: 'Placement' }] : []), { text: 'Recorded by' }],
    rows: concerns.map((c): Cell[] => [
      { text: formatDate(c.raisedOn) },
      { parts: [tagPart(seriousnessTag(c.seriousness))] },
      { text: c.whatWasSeen },
      { parts: [text(c.raisedByName), hint(CONCERN_RAISED_BY[c.raisedByRole])] },
      ...(o.withPlacement && c.placementId ? [{ parts: [linkTo(paths.placements.show(c.placementId), `Household ${c.householdReference ?? ''}`)] }] : []),
      { parts: [text(c.recordedByName), hint(formatDateTime(c.recordedAt))] },
    ]),
  };
}

/** Where the placement's Placement Support Meetings stand, in words: the latest obligation first. */
export function meetingStatusRows(placementId: string, meetings: readonly MeetingObligation[], held: readonly MeetingHeld[], o: { canRecordConcern: boolean }): SummaryRow[] {
  const open = meetings.find((m) => !m.completedOn && m.status !== 'not_applicable');
  const last = held[0];
  const rows: SummaryRow[] = [
    {
      key: { text: 'Next Placement Support Meeting' },
      value: open
        ? { parts: [text(`Due by ${formatDate(open.dueOn)} (${open.dueText})`), hint(`Started by the concern raised on ${formatDate(open.startedOn)}`)] }
        : { text: 'None due: a concern about the placement starts one' },
      actions: { items: [{ href: paths.planning.record(placementId, kindSlug('psm')), text: open ? 'Record the meeting' : 'Open the minutes', visuallyHiddenText: 'of the Placement Support Meeting' }] },
    },
    {
      key: { text: 'Meetings held' },
      value: last ? { parts: [text(`${held.length} (latest on ${formatDate(last.completedOn)})`), linkTo(paths.planning.version(placementId, kindSlug('psm'), last.number), 'View the latest minutes')] } : { text: 'None yet' },
    },
  ];
  if (o.canRecordConcern) {
    rows.push({ key: { text: 'Concerns' }, value: { parts: [linkTo(paths.stability.newConcern(placementId), 'Record a concern about this placement')] } });
  }
  return rows;
}

/** The placement page's section on stability: where the meetings stand, then the concerns. */
export function stabilitySection(placementId: string, concerns: readonly ConcernFacts[], meetings: readonly MeetingObligation[], held: readonly MeetingHeld[], o: { canRecordConcern: boolean }) {
  return {
    id: 'stability',
    title: 'Placement stability',
    summary: meetingStatusRows(placementId, meetings, held, o),
    table: concernsTable(concerns),
    empty: 'No concerns recorded about this placement.',
    text: 'A Placement Support Meeting is held as soon as there are signs that a placement is becoming unstable; the initial support plan is reviewed at it (Placement stability guidance, "Placements are ended in a planned way…").',
  };
}

/** The child's page: every concern about their placements. */
export function childConcernsSection(concerns: readonly (ConcernFacts & { householdReference: string; placementId: string })[]) {
  return { id: 'concerns', title: 'Concerns about placements', table: concernsTable(concerns, { withPlacement: true }), empty: 'No concerns recorded.' };
}

/** What a consultation row shows. */
export type ConsultationFacts = { consultedOn: string; virtualSchoolName: string; consultedName: string; question: string; advice: string; recordedByName: string; recordedAt: Date };

/** The Virtual Schools to choose from, with their people. */
export type VirtualSchoolChoice = { id: string; name: string; contacts: { id: string; fullName: string; role: string }[] };

/** The form to record a consultation with the Virtual School. */
export function consultationFields(schools: readonly VirtualSchoolChoice[]): Field[] {
  return [
    { name: 'consultedOn', label: 'Date of the consultation', type: 'date', hint: 'For example, 8 1 2024' },
    { name: 'virtualSchoolId', label: 'Virtual School', type: 'select', items: [{ value: '', text: 'Select the Virtual School' }, ...schools.map((s) => ({ value: s.id, text: s.name }))] },
    {
      name: 'contactId',
      label: 'Who was consulted',
      type: 'select',
      hint: 'One of its contacts; if they are not listed, enter their name below',
      items: [{ value: '', text: 'Not listed' }, ...schools.flatMap((s) => s.contacts.map((c) => ({ value: c.id, text: `${c.fullName}, ${c.role} (${s.name})` })))],
    },
    { name: 'consultedName', label: 'Or the name of the person consulted', type: 'text' },
    { name: 'question', label: 'The question asked', type: 'textarea', hint: 'For example, whether a move would mean a change of school, and what would help the child stay' },
    { name: 'advice', label: 'The advice given', type: 'textarea' },
  ];
}

export function consultationsTable(rows: readonly ConsultationFacts[]): Table {
  return {
    head: [{ text: 'Date' }, { text: 'Consulted' }, { text: 'Question' }, { text: 'Advice' }, { text: 'Recorded by' }],
    rows: rows.map((c): Cell[] => [
      { text: formatDate(c.consultedOn) },
      { parts: [text(c.consultedName), hint(c.virtualSchoolName)] },
      { text: c.question },
      { text: c.advice },
      { parts: [text(c.recordedByName), hint(formatDateTime(c.recordedAt))] },
    ]),
  };
}

/**
 * The Virtual School's advice, wherever a move is discussed (the child's page, the placement and the
 * Placement Support Meeting): "Reference and advice must be sought from the Virtual School when
 * considering a placement move" (Placement stability guidance, "Early and robust escalation processes…").
 */
export function consultationsSection(childId: string, rows: readonly ConsultationFacts[], o: { canRecord: boolean }) {
  return {
    id: 'virtual-school',
    title: 'Consultations with the Virtual School',
    table: consultationsTable(rows),
    empty: 'No consultations with the Virtual School recorded.',
    ...(o.canRecord ? { summary: [{ key: { text: 'Consultations' }, value: { parts: [linkTo(paths.stability.newConsultation(childId), 'Record a consultation with the Virtual School')] } }] } : {}),
  };
}
