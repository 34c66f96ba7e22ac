/**
 * A placement's first weeks as a task list (the GOV.UK task list pattern): each step with its
 * status and the due date the obligations engine gives it. Pure.
 */
import type { IsoDate } from '../dates.ts';
import type { ObligationStatus } from '../deadlines/types.ts';
import { KIND_SPECS, type PlanningKind } from './kinds.ts';

/** What the task list needs to know of one obligation instance. */
export type TaskObligation = { obligationId: string; status: ObligationStatus; dueOn: IsoDate; dueText: string; completedOn: IsoDate | null; notApplicableReason: string | null };

/** Where a planning record stands. */
export type RecordState = { issuedVersion: number; hasUnissuedChanges: boolean; started: boolean };

export type TaskStatus = 'completed' | 'in_progress' | 'not_started' | 'not_applicable' | 'overdue' | 'changes_not_completed';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  completed: 'Completed',
  in_progress: 'In progress',
  not_started: 'Not started',
  not_applicable: 'Not applicable',
  overdue: 'Overdue',
  changes_not_completed: 'Changes not completed',
};

export type TaskItem = {
  /** A planning kind, or 'notification' (recorded as an event, not a record). */
  key: PlanningKind | 'notification';
  title: string;
  status: TaskStatus;
  /** "Due by Fri 5 Jan 2024 (due in 3 working days)", "Before the placement starts"… */
  dueText: string | null;
  dueOn: IsoDate | null;
  /** Versions completed so far. */
  issuedVersion: number;
};

export const TASK_ORDER: readonly (PlanningKind | 'notification')[] = [
  'carer_profile',
  'introductions',
  'notification',
  'ppm',
  'delegated_authority',
  'placement_plan',
  'care_plan',
  'risk_assessment',
  'support_plan',
];

const NOTIFICATION_OBLIGATION = 'placement-notification';
const CARE_PLAN_OBLIGATION = 'care-plan';

/**
 * A child's obligation rows that belong on one placement's task list: the placement's own, and the
 * care plan, which is the child's (due from the first placement of the period of care).
 */
export function placementTaskObligations<T extends { obligationId: string; placementId: string | null }>(childRows: readonly T[], placementId: string): T[] {
  return childRows.filter((o) => o.placementId === placementId || o.obligationId === CARE_PLAN_OBLIGATION);
}
const MEETING_OBLIGATION = 'placement-planning-meeting';

/**
 * The task list for one placement. `obligations` are the placement's (and, for the care plan, the
 * child's) instances; `records` the state of each planning record.
 */
export function taskList(input: {
  placementStart: IsoDate;
  records: Partial<Record<PlanningKind, RecordState>>;
  obligations: readonly TaskObligation[];
  shortDate: (d: IsoDate) => string;
}): TaskItem[] {
  const byObligation = new Map(input.obligations.map((o) => [o.obligationId, o]));
  return TASK_ORDER.map((key) => {
    if (key === 'notification') {
      const o = byObligation.get(NOTIFICATION_OBLIGATION);
      return {
        key,
        title: 'Give written notice of the placement',
        status: o ? obligationOnly(o) : 'not_started',
        dueText: o ? dueWords(o, input.shortDate) : null,
        dueOn: o?.dueOn ?? null,
        issuedVersion: 0,
      };
    }
    const spec = KIND_SPECS[key];
    // Delegated authority is confirmed at the meeting, so it is due with it; introductions come before the placement.
    const o = byObligation.get(spec.obligationId ?? (key === 'delegated_authority' ? MEETING_OBLIGATION : '')) ?? null;
    const record = input.records[key] ?? { issuedVersion: 0, hasUnissuedChanges: false, started: false };
    let dueText: string | null;
    let dueOn: IsoDate | null;
    if (key === 'introductions') {
      dueOn = input.placementStart;
      dueText = `Before the placement starts on ${input.shortDate(input.placementStart)}, where possible`;
    } else if (key === 'delegated_authority' && o) {
      dueOn = o.dueOn;
      dueText = `With the Placement Planning Meeting, by ${input.shortDate(o.dueOn)}`;
    } else {
      dueOn = o?.dueOn ?? null;
      dueText = o ? dueWords(o, input.shortDate) : null;
    }
    return { key, title: spec.taskName, status: recordStatus(record, spec.obligationId ? o : null), dueText, dueOn, issuedVersion: record.issuedVersion };
  });
}

function obligationOnly(o: TaskObligation): TaskStatus {
  if (o.status === 'not_applicable') return 'not_applicable';
  if (o.completedOn) return 'completed';
  return o.status === 'overdue' ? 'overdue' : 'not_started';
}

function recordStatus(r: RecordState, o: TaskObligation | null): TaskStatus {
  if (o?.status === 'not_applicable' && r.issuedVersion === 0) return 'not_applicable';
  if (r.issuedVersion > 0) return r.hasUnissuedChanges ? 'changes_not_completed' : 'completed';
  // The obligation may have been completed by an event recorded directly (before Hearth kept the record).
  if (o?.completedOn) return 'completed';
  if (o?.status === 'overdue') return 'overdue';
  return r.started ? 'in_progress' : 'not_started';
}

function dueWords(o: TaskObligation, shortDate: (d: IsoDate) => string): string {
  if (o.notApplicableReason) return `Not applicable: ${o.notApplicableReason}`;
  return `Due by ${shortDate(o.dueOn)} (${o.dueText})`;
}
