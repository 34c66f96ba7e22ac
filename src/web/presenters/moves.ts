/**
 * Placement moves as data: the request forms (a planned move and an urgent move), the decision form,
 * a request's summary, and the placement page's section (Placement stability guidance, "Placements
 * are ended in a planned way unless there are immediate safeguarding concerns").
 */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { DECIDED_THROUGH, ENDING_BASES, MOVE_STATUS_LABELS, isPlannedEnding, type DecidedThrough, type EndingBasis, type MoveRequestInput, type MoveStatus } from '../../domain/placements/moves.ts';
import { formatDate, formatDateTime, hint, linkTo, tagPart, text, type Cell, type SummaryRow, type Table, type Tag } from './common.ts';

/** What the pages show of a move request. */
export type MoveFacts = MoveRequestInput & {
  id: string;
  placementId: string;
  childId: string;
  status: MoveStatus;
  decidedThrough: DecidedThrough | null;
  panelDate: string | null;
  panelChair: string | null;
  decisionReason: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  requestedByName: string;
  requestedAt: Date;
  version: number;
};

/** How many alternative placement options the urgent form offers (the API takes up to 20). */
export const ALTERNATIVE_ROWS = 3;

const STATUS_TAG: Record<MoveStatus, Tag> = {
  requested: { text: 'Waiting for agreement', classes: 'govuk-tag--yellow' },
  agreed: { text: 'Agreed', classes: 'govuk-tag--green' },
  declined: { text: 'Not agreed', classes: 'govuk-tag--red' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};
export const moveStatusTag = (m: { status: MoveStatus; urgent: boolean }): Tag => (m.urgent && m.status === 'agreed' ? { text: 'Authorised', classes: 'govuk-tag--green' } : STATUS_TAG[m.status]);

/** The request form: a planned move, or an urgent one (the safeguarding issue and the alternative placement options). */
export function moveRequestFields(urgent: boolean): Field[] {
  const fields: Field[] = [];
  if (urgent) {
    fields.push({ name: 'safeguardingIssue', label: 'The immediate safeguarding issue', type: 'textarea', hint: 'An urgent move is requested only for an immediate safeguarding issue' });
  }
  fields.push(
    { name: 'reason', label: 'Why the child needs to move', type: 'textarea' },
    { name: 'supportTried', label: 'Support already tried', type: 'textarea', hint: 'Placement Support Meetings held, the Placement Stability Panel, other support' },
    { name: 'virtualSchoolAdviceFrom', label: "Who gave the Virtual School's advice", type: 'text', hint: 'Reference and advice must be sought from the Virtual School when considering a placement move' },
    { name: 'virtualSchoolAdvice', label: "The Virtual School's advice", type: 'textarea' },
    { name: 'alternativesConsidered', label: 'Alternatives to a move that were considered', type: 'textarea' },
    { name: 'tellingPlan', label: 'How and when the child will be told', type: 'textarea', hint: "Discussed by the child's social worker, the supervising social worker and the carers" },
    { name: 'tellingConfirmedBySw', label: "Agreed by the child's social worker (name)", type: 'text' },
    { name: 'tellingConfirmedBySsw', label: 'Agreed by the supervising social worker (name)', type: 'text' },
    { name: 'tellingConfirmedByCarers', label: 'Agreed by the carers (name)', type: 'text', ...(urgent ? { hint: 'For an urgent move these may be recorded later' } : {}) },
  );
  if (urgent) {
    for (let i = 1; i <= ALTERNATIVE_ROWS; i++) {
      fields.push(
        { name: `alternative${i}Option`, label: `Alternative placement option ${i}${i > 1 ? ' (optional)' : ''}`, type: 'text', ...(i === 1 ? { hint: 'The head of service authorises an urgent move only once the alternative placement options are listed' } : {}) },
        { name: `alternative${i}Suitable`, label: `Is option ${i} suitable?`, type: 'radios', classes: 'govuk-radios--inline', items: [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }] },
        { name: `alternative${i}Why`, label: `Why option ${i} is or is not suitable`, type: 'textarea' },
      );
    }
  }
  return fields;
}

/** The posted request form as the service's input: the urgent flag and the alternatives as a list. */
export function moveRequestInput(input: Record<string, unknown>, urgent: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { urgent };
  for (const [k, v] of Object.entries(input)) if (!/^alternative\d/.test(k)) out[k] = v;
  if (urgent) {
    const options: Record<string, unknown>[] = [];
    for (let i = 1; i <= ALTERNATIVE_ROWS; i++) {
      const option = String(input[`alternative${i}Option`] ?? '').trim();
      const suitable = input[`alternative${i}Suitable`];
      const why = String(input[`alternative${i}Why`] ?? '').trim();
      if (!option && !why && !suitable) continue;
      options.push({ option, suitable: suitable === 'yes' ? true : suitable === 'no' ? false : undefined, why });
    }
    out.alternativeOptions = options;
  }
  return out;
}

/** The service's field for an alternative ("alternativeOptions.0.why") as the form's ("alternative1Why"). */
export function formFieldOfMove(field: string): string {
  const m = /^alternativeOptions\.(\d+)\.(option|suitable|why)$/.exec(field);
  if (!m) return field;
  const name = m[2]!;
  return `alternative${Number(m[1]) + 1}${name[0]!.toUpperCase()}${name.slice(1)}`;
}

/** The decision form: the HARP panel's (with its date and chair) or the head of service's own. */
export function moveDecisionFields(urgent: boolean): Field[] {
  return [
    {
      name: 'outcome',
      label: urgent ? 'Is the urgent move authorised?' : 'Is the move agreed?',
      type: 'radios',
      items: [
        { value: 'agreed', text: urgent ? 'Yes, authorised' : 'Yes, agreed' },
        { value: 'declined', text: urgent ? 'No, not authorised' : 'No, not agreed' },
      ],
    },
    {
      name: 'decidedThrough',
      label: 'Who decided',
      type: 'radios',
      hint: urgent ? 'An urgent move is authorised by the head of service' : 'A placement move can only be agreed through HARP or via the relevant head of service',
      items: (Object.keys(DECIDED_THROUGH) as DecidedThrough[]).map((value) => ({ value, text: DECIDED_THROUGH[value] })),
    },
    { name: 'panelDate', label: 'Date of the HARP panel', type: 'date', hint: 'Only for a HARP panel decision' },
    { name: 'panelChair', label: 'HARP panel chair', type: 'text', hint: 'Only for a HARP panel decision' },
    { name: 'decisionReason', label: 'Reason for the decision', type: 'textarea' },
  ];
}

const lines = (t: string | null) => ({ text: t ?? 'Not recorded' });

/** A request's details. */
export function moveSummaryRows(m: MoveFacts): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: { text: 'Kind of move' }, value: { text: m.urgent ? 'Urgent move (immediate safeguarding issue)' : 'Planned move' } },
    { key: { text: 'Status' }, value: { parts: [tagPart(moveStatusTag(m))] } },
    { key: { text: 'Requested by' }, value: { parts: [text(m.requestedByName), hint(formatDateTime(m.requestedAt))] } },
  ];
  if (m.urgent) rows.push({ key: { text: 'Immediate safeguarding issue' }, value: lines(m.safeguardingIssue) });
  rows.push(
    { key: { text: 'Why the child needs to move' }, value: lines(m.reason) },
    { key: { text: 'Support already tried' }, value: lines(m.supportTried) },
    { key: { text: "The Virtual School's advice" }, value: { parts: [text(m.virtualSchoolAdvice), hint(`From ${m.virtualSchoolAdviceFrom}`)] } },
    { key: { text: 'Alternatives considered' }, value: lines(m.alternativesConsidered) },
    { key: { text: 'How and when the child will be told' }, value: lines(m.tellingPlan) },
    {
      key: { text: 'Plan agreed by' },
      value: {
        parts: [
          text(`Child's social worker: ${m.tellingConfirmedBySw ?? 'not yet'}`),
          text(`Supervising social worker: ${m.tellingConfirmedBySsw ?? 'not yet'}`),
          text(`Carers: ${m.tellingConfirmedByCarers ?? 'not yet'}`),
        ],
      },
    },
  );
  if (m.urgent) {
    rows.push({
      key: { text: 'Alternative placement options' },
      value: m.alternativeOptions.length
        ? { parts: m.alternativeOptions.flatMap((o) => [text(`${o.option}: ${o.suitable ? 'suitable' : 'not suitable'}`), hint(o.why)]) }
        : { text: 'None listed yet: the head of service cannot authorise the move until they are' },
    });
  }
  if (m.decidedThrough) {
    rows.push({
      key: { text: m.urgent ? 'Authorisation' : 'Decision' },
      value: {
        parts: [
          text(`${MOVE_STATUS_LABELS[m.status]} by ${DECIDED_THROUGH[m.decidedThrough].replace(/^The/, 'the')}${m.panelDate ? ` on ${formatDate(m.panelDate)} (chair: ${m.panelChair ?? ''})` : ''}`),
          text(m.decisionReason ?? ''),
          hint(`Recorded by ${m.decidedByName ?? ''}, ${formatDateTime(m.decidedAt)}`),
        ],
      },
    });
  }
  return rows;
}

/** The requests as a table, latest first. */
export function movesTable(moves: readonly MoveFacts[]): Table {
  return {
    head: [{ text: 'Requested' }, { text: 'Kind' }, { text: 'Status' }, { text: 'Reason' }],
    rows: moves.map((m): Cell[] => [
      { parts: [linkTo(paths.moves.show(m.id), formatDateTime(m.requestedAt), 'move request'), hint(m.requestedByName)] },
      { text: m.urgent ? 'Urgent' : 'Planned' },
      { parts: [tagPart(moveStatusTag(m))] },
      { text: m.reason },
    ]),
  };
}

/** How an ending is shown: planned or not, how it was allowed, who agreed it, the SSDA903 reason. */
export type EndingFacts = { planned: boolean | null; basis: string; agreedBy: string; reasonEnded: string | null; moveRequestId: string | null };

/** The placement page's section: the ending, the requests, the disruption meetings, and links to ask. */
export function movesSection(
  placement: { id: string; endingBasis: EndingBasis | null; status: string },
  moves: readonly MoveFacts[],
  o: { canRequest: boolean; ending?: EndingFacts | null; reasonText?: (code: string) => string; canRecordMeeting?: boolean },
) {
  const open = moves.some((m) => m.status === 'requested' || m.status === 'agreed');
  const summary: SummaryRow[] = [];
  if (o.ending) {
    const e = o.ending;
    summary.push(
      { key: { text: 'Planned or unplanned ending' }, value: { text: e.planned === null ? 'Not recorded' : e.planned ? 'Planned' : 'Unplanned' } },
      { key: { text: 'How the ending was allowed' }, value: { parts: [text(e.basis), ...(e.moveRequestId ? [linkTo(paths.moves.show(e.moveRequestId), 'View the move request')] : [])] } },
      { key: { text: 'Agreed by' }, value: { text: e.agreedBy } },
      { key: { text: 'SSDA903 reason' }, value: { text: e.reasonEnded ? (o.reasonText ? o.reasonText(e.reasonEnded) : e.reasonEnded) : 'Not recorded' } },
    );
    if (o.canRecordMeeting) summary.push({ key: { text: 'Disruption meeting' }, value: { parts: [linkTo(paths.moves.endingMeeting(placement.id), 'Record a disruption (ending) meeting')] } });
  } else if (placement.endingBasis) {
    summary.push({ key: { text: 'How the ending was allowed' }, value: { parts: [text(ENDING_BASES[placement.endingBasis]), hint(isPlannedEnding(placement.endingBasis) ? 'A planned ending' : 'An unplanned ending')] } });
  }
  if (o.canRequest && !open && (placement.status === 'active' || placement.status === 'planned')) {
    summary.push({
      key: { text: 'Ask for a move' },
      value: { parts: [linkTo(paths.moves.request(placement.id), 'Request a move'), linkTo(paths.moves.urgent(placement.id), 'Request an urgent move (immediate safeguarding issue)')] },
    });
  }
  return {
    id: 'moves',
    title: 'Moves',
    ...(summary.length ? { summary } : {}),
    table: movesTable(moves),
    empty: 'No move requested from this placement.',
    text: 'A placement ends early only when a move is agreed by the HARP panel or the head of service, or an urgent move is authorised by the head of service for an immediate safeguarding issue (Placement stability guidance, "Placements are ended in a planned way unless there are immediate safeguarding concerns").',
  };
}

/** The move page's link to withdraw a request still waiting (a confirmation page first). */
export function withdrawLink(m: Pick<MoveFacts, 'id'>) {
  return { text: 'Withdraw the request', href: paths.moves.withdraw(m.id) };
}

/** What a disruption meeting row shows. */
export type EndingMeetingFacts = { heldOn: string; chair: string; attendees: string; whatHappened: string; learningForHousehold: string; learningForChild: string; recordedByName: string };

/** The disruption meeting form. */
export function endingMeetingFields(): Field[] {
  return [
    { name: 'heldOn', label: 'Date of the meeting', type: 'date', hint: 'For example, 8 1 2024' },
    { name: 'chair', label: 'Who chaired it', type: 'text' },
    { name: 'attendees', label: 'Who attended', type: 'textarea' },
    { name: 'whatHappened', label: 'What happened', type: 'textarea', hint: 'What led to the ending, and how the child was told' },
    { name: 'learningForHousehold', label: 'Learning for the household', type: 'textarea', hint: 'Kept on the household’s record' },
    { name: 'learningForChild', label: 'Learning for the child', type: 'textarea', hint: 'Kept on the child’s record, for the next placement' },
  ];
}

/** Disruption meetings and their learning: `learning` says whose (the household's or the child's). */
export function endingMeetingsSection(rows: readonly EndingMeetingFacts[], learning: 'household' | 'child' | 'both') {
  return {
    id: 'ending-learning',
    title: 'Learning from placement endings',
    table: {
      head: [{ text: 'Meeting' }, { text: 'What happened' }, ...(learning !== 'child' ? [{ text: 'Learning for the household' }] : []), ...(learning !== 'household' ? [{ text: 'Learning for the child' }] : [])],
      rows: rows.map((m): Cell[] => [
        { parts: [text(formatDate(m.heldOn)), hint(`Chair: ${m.chair}`)] },
        { text: m.whatHappened },
        ...(learning !== 'child' ? [{ text: m.learningForHousehold }] : []),
        ...(learning !== 'household' ? [{ text: m.learningForChild }] : []),
      ]),
    } satisfies Table,
    empty: 'No disruption meetings recorded.',
  };
}
