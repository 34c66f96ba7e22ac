/**
 * Compliance figures for managers: where the open obligations stand today, and the share done on
 * time among those that fell due in a period. Pure: the caller derives the instances and their
 * statuses and says which group (team, worker, obligation) each belongs to.
 */
import { compareDates, dateProblem, isValidIsoDate, type IsoDate } from '../dates.ts';
import type { ObligationStatus } from './types.ts';

export type ComplianceItem = { status: ObligationStatus; dueOn: IsoDate };

export type ComplianceCounts = {
  overdue: number;
  dueSoon: number;
  notYetDue: number;
  /** Fell due in the period and were done by the due date. */
  onTime: number;
  /** Fell due in the period and were done after it. */
  late: number;
  /** Fell due in the period and are still not done (overdue now). */
  missed: number;
  /** onTime / (onTime + late + missed), or null when nothing fell due in the period. */
  onTimeShare: number | null;
};

export type ComplianceGroup = ComplianceCounts & { key: string; label: string };

const empty = (): ComplianceCounts => ({ overdue: 0, dueSoon: 0, notYetDue: 0, onTime: 0, late: 0, missed: 0, onTimeShare: null });

const inPeriod = (d: IsoDate, from: IsoDate, to: IsoDate) => compareDates(from, d) <= 0 && compareDates(d, to) <= 0;

function add(c: ComplianceCounts, i: ComplianceItem, from: IsoDate, to: IsoDate): void {
  if (i.status === 'overdue') c.overdue++;
  else if (i.status === 'due_soon') c.dueSoon++;
  else if (i.status === 'not_yet_due') c.notYetDue++;
  if (!inPeriod(i.dueOn, from, to)) return;
  if (i.status === 'completed_on_time') c.onTime++;
  else if (i.status === 'completed_late') c.late++;
  else if (i.status === 'overdue' || i.status === 'missed') c.missed++;
}

function finish(c: ComplianceCounts): void {
  const fell = c.onTime + c.late + c.missed;
  c.onTimeShare = fell === 0 ? null : c.onTime / fell;
}

/** Totals over every item. */
export function complianceTotals(items: readonly ComplianceItem[], from: IsoDate, to: IsoDate): ComplianceCounts {
  const c = empty();
  for (const i of items) add(c, i, from, to);
  finish(c);
  return c;
}

/**
 * Counts per group, most overdue first (then by label). `groupOf` gives an item's group key and
 * label; an item in no group (null) is left out.
 */
export function complianceBy<T extends ComplianceItem>(
  items: readonly T[],
  groupOf: (item: T) => { key: string; label: string } | null,
  from: IsoDate,
  to: IsoDate,
): ComplianceGroup[] {
  const groups = new Map<string, ComplianceGroup>();
  for (const i of items) {
    const g = groupOf(i);
    if (!g) continue;
    let group = groups.get(g.key);
    if (!group) groups.set(g.key, (group = { key: g.key, label: g.label, ...empty() }));
    add(group, i, from, to);
  }
  return finishGroups([...groups.values()]);
}

/**
 * Groups counted elsewhere (in SQL, over the stored obligations): each gets its on-time share, and
 * they are ordered as complianceBy orders them, most overdue first (then by label).
 */
export function finishGroups(groups: ComplianceGroup[]): ComplianceGroup[] {
  groups.forEach(finish);
  return groups.sort((a, b) => b.overdue - a.overdue || a.label.localeCompare(b.label));
}

/** Totals counted elsewhere, with the on-time share. */
export function finishTotals(c: Omit<ComplianceCounts, 'onTimeShare'>): ComplianceCounts {
  const out: ComplianceCounts = { overdue: c.overdue, dueSoon: c.dueSoon, notYetDue: c.notYetDue, onTime: c.onTime, late: c.late, missed: c.missed, onTimeShare: null };
  finish(out);
  return out;
}

/** "87%" or "–" when nothing fell due. */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** How far back the compliance figures look when no period is chosen. */
export const DEFAULT_PERIOD_MONTHS = 3;

/**
 * The period the figures cover: the dates given, or by default the last three months up to today.
 * Blank strings count as not given. Every problem is returned, in the GOV.UK wording.
 */
export function compliancePeriod(
  given: { from?: string | undefined; to?: string | undefined },
  today: IsoDate,
  addMonths: (d: IsoDate, n: number) => IsoDate,
): { ok: true; from: IsoDate; to: IsoDate } | { ok: false; errors: { field: 'from' | 'to'; message: string }[] } {
  const from = given.from || addMonths(today, -DEFAULT_PERIOD_MONTHS);
  const to = given.to || today;
  const errors: { field: 'from' | 'to'; message: string }[] = [];
  if (!isValidIsoDate(from)) errors.push({ field: 'from', message: dateProblem('The start of the period', from) });
  if (!isValidIsoDate(to)) errors.push({ field: 'to', message: dateProblem('The end of the period', to) });
  if (!errors.length && compareDates(from, to) > 0) errors.push({ field: 'to', message: 'The end of the period must be the same as or after its start' });
  return errors.length ? { ok: false, errors } : { ok: true, from, to };
}
