import type { PlanningKind } from '../../domain/planning/kinds.ts';
import { taskList } from '../../domain/planning/task-list.ts';
import { shortDate } from '../../domain/deadlines/helpers.ts';
import type { ObligationRow } from '../../services/obligations.ts';

/** The placement's task list from its records and its obligations (the care plan is the child's). */
export function placementTaskList(placementStart: string, docs: { kind: PlanningKind; issuedVersion: number; hasUnissuedChanges: boolean }[], obligations: ObligationRow[]) {
  return taskList({
    placementStart,
    records: Object.fromEntries(docs.map((d) => [d.kind, { issuedVersion: d.issuedVersion, hasUnissuedChanges: d.hasUnissuedChanges, started: true }])),
    obligations: obligations.map((o) => ({ obligationId: o.obligationId, status: o.status, dueOn: o.dueOn, dueText: o.dueText, completedOn: o.completedOn, notApplicableReason: o.notApplicableReason })),
    shortDate,
  });
}
