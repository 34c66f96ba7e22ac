/**
 * The statutory obligations registry (functional core). Derive a child's or a household's
 * obligations from the recorded facts, then ask each instance's status on a given day:
 *
 *   const instances = deriveObligations(childFacts, englandAndWales);
 *   for (const i of instances) status(i, today, englandAndWales);
 *
 * Pure: derive again whenever a fact changes (a date corrected, a meeting recorded, an obligation
 * closed by a manager) and the due dates and statuses follow. The service stores the result and
 * refreshes it for exactly what a change touches (ADR 0007). Rules and
 * worked examples: docs/rules/.
 */
import { compareDates } from '../dates.ts';
import { CHILD_OBLIGATIONS, HOUSEHOLD_OBLIGATIONS } from './registry.ts';
import type { ChildFacts, Closure, DeadlineCalendar, HouseholdFacts, ObligationInstance } from './types.ts';
import type { IsoDate } from '../dates.ts';
import { shortDate } from './helpers.ts';
import { notApplicableBeforeImport } from '../placements/imported.ts';

export * from './types.ts';
export { CHILD_OBLIGATIONS, HOUSEHOLD_OBLIGATIONS, REGISTRY, getObligation } from './registry.ts';
export { DEFAULT_DUE_SOON_WORKING_DAYS, OPEN_STATUSES, describeDue, dueSoonUntil, status } from './status.ts';
export { instanceId } from './helpers.ts';
export { DEFAULT_EARLY_PERMANENCE_WORKING_DAYS, DEFAULT_PSM_WORKING_DAYS, DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS, localTimescales, setLocalTimescales, type LocalTimescales } from './local-settings.ts';
export { STARTED_WITHOUT_AGREEMENT, startedWithoutWrittenAgreement } from './placement-obligations.ts';

function ordered(instances: ObligationInstance[]): ObligationInstance[] {
  const seen = new Set<string>();
  for (const i of instances) {
    if (seen.has(i.id)) throw new Error(`Two obligation instances share the id ${i.id}`);
    seen.add(i.id);
  }
  return instances.sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.id.localeCompare(b.id));
}

/** Open: neither completed, nor not applicable, nor missed. */
export const isOpen = (i: ObligationInstance): boolean => !i.completedOn && !i.notApplicableReason && !i.missedReason;

/**
 * What happened after the rules gave the instance: for a child imported from a return, nothing that
 * fell due before the import applies (placements/imported.ts, ADR 0012); nothing falls due once the child has stopped
 * being looked after (an open instance due on or after the day care ended no longer applies), and a
 * manager may close an open instance that can no longer be met, as missed or not applicable.
 */
function settle(instances: ObligationInstance[], closures: readonly Closure[], careEnded: IsoDate | null, importedOn: IsoDate | null = null): ObligationInstance[] {
  const closed = new Map(closures.map((c) => [c.instanceId, c]));
  return instances.map((i) => {
    if (!isOpen(i)) return i;
    const beforeImport = notApplicableBeforeImport(i.dueOn, importedOn);
    if (beforeImport) return { ...i, notApplicableReason: beforeImport };
    if (careEnded && compareDates(i.dueOn, careEnded) >= 0) {
      return { ...i, notApplicableReason: `the child stopped being looked after on ${shortDate(careEnded)}, before it fell due` };
    }
    const c = closed.get(i.id);
    if (!c) return i;
    const why = `closed by a manager on ${shortDate(c.closedOn)}: ${c.reason}`;
    return c.outcome === 'missed' ? { ...i, missedReason: why } : { ...i, notApplicableReason: why };
  });
}

/** Every obligation arising from one child's facts, earliest due first. */
export function deriveObligations(facts: ChildFacts, cal: DeadlineCalendar): ObligationInstance[] {
  return ordered(settle(CHILD_OBLIGATIONS.flatMap((d) => d.derive(facts, cal)), facts.closures ?? [], facts.lookedAfterUntil ?? null, facts.importedOn ?? null));
}

/** Every obligation arising from one foster household's facts, earliest due first. */
export function deriveHouseholdObligations(facts: HouseholdFacts, cal: DeadlineCalendar): ObligationInstance[] {
  return ordered(settle(HOUSEHOLD_OBLIGATIONS.flatMap((d) => d.derive(facts, cal)), facts.closures ?? [], null));
}
