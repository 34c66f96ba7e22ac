/**
 * The statutory obligations registry (functional core). Derive a child's or a household's
 * obligations from the recorded facts, then ask each instance's status on a given day:
 *
 *   const instances = deriveObligations(childFacts, englandAndWales);
 *   for (const i of instances) status(i, today, englandAndWales);
 *
 * Nothing is stored or cached: derive again whenever a fact changes (a date corrected, a meeting
 * recorded) and the due dates and statuses follow. Rules and worked examples: docs/rules/.
 */
import { compareDates } from '../dates.ts';
import { CHILD_OBLIGATIONS, HOUSEHOLD_OBLIGATIONS } from './registry.ts';
import type { ChildFacts, DeadlineCalendar, HouseholdFacts, ObligationInstance } from './types.ts';

export * from './types.ts';
export { CHILD_OBLIGATIONS, HOUSEHOLD_OBLIGATIONS, REGISTRY, getObligation } from './registry.ts';
export { DEFAULT_DUE_SOON_WORKING_DAYS, describeDue, status } from './status.ts';
export { instanceId } from './helpers.ts';
export { STARTED_WITHOUT_AGREEMENT, startedWithoutWrittenAgreement } from './placement-obligations.ts';

function ordered(instances: ObligationInstance[]): ObligationInstance[] {
  const seen = new Set<string>();
  for (const i of instances) {
    if (seen.has(i.id)) throw new Error(`Two obligation instances share the id ${i.id}`);
    seen.add(i.id);
  }
  return instances.sort((a, b) => compareDates(a.dueOn, b.dueOn) || a.id.localeCompare(b.id));
}

/** Every obligation arising from one child's facts, earliest due first. */
export function deriveObligations(facts: ChildFacts, cal: DeadlineCalendar): ObligationInstance[] {
  return ordered(CHILD_OBLIGATIONS.flatMap((d) => d.derive(facts, cal)));
}

/** Every obligation arising from one foster household's facts, earliest due first. */
export function deriveHouseholdObligations(facts: HouseholdFacts, cal: DeadlineCalendar): ObligationInstance[] {
  return ordered(HOUSEHOLD_OBLIGATIONS.flatMap((d) => d.derive(facts, cal)));
}
