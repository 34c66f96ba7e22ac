/**
 * Factories for the deadlines tests: a child placed on Thursday 21 December 2023 (just before
 * Christmas), and a foster household.
 */
import type { ChildFacts, HouseholdFacts, ObligationInstance, PlacementFact } from './types.ts';

export const CHRISTMAS_START = '2023-12-21';

export function placement(over: Partial<PlacementFact> = {}): PlacementFact {
  return { id: 'pl-1', householdId: 'hh-1', start: CHRISTMAS_START, end: null, ...over };
}

export function child(over: Partial<ChildFacts> = {}): ChildFacts {
  return {
    childId: 'child-1',
    dateOfBirth: '2012-03-04',
    legalStatuses: [{ code: 'C2', start: CHRISTMAS_START, end: null }],
    placements: [placement()],
    events: [],
    ...over,
  };
}

export function household(over: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return { householdId: 'hh-1', approvalStatus: 'approved', approvalDate: '2023-02-28', placements: [], events: [], ...over };
}

/** The instances of one obligation, in the order derived. */
export function only(instances: readonly ObligationInstance[], obligationId: string): ObligationInstance[] {
  return instances.filter((i) => i.obligationId === obligationId);
}

/** The single instance of an obligation (fails the test if there is not exactly one). */
export function one(instances: readonly ObligationInstance[], obligationId: string): ObligationInstance {
  const found = only(instances, obligationId);
  if (found.length !== 1) throw new Error(`Expected one ${obligationId}, found ${found.length}`);
  return found[0]!;
}
