/**
 * Imported history and the placement gate (ADR 0012; docs/rules/imported-history.md). One rule,
 * used by the import (src/services/ssda903-import.ts) and by the obligations (deadlines/index.ts).
 *
 * A placement imported from an authority's SSDA903 return is a record of what happened, not a
 * decision Hearth takes: the child was placed under the authority's previous system. So:
 * - the placement gate (entry.ts) is not run for it, on the day it began or on the day of the
 *   import, and no entry breach is recorded: Hearth was given no approval, terms, considerations or
 *   written agreements to check, and refusing or flagging history it cannot check would be false;
 * - it is marked as imported (the day of the import), and its status is what the dates say on that
 *   day: ended when it ended on or before it, otherwise active (a current placement);
 * - the obligations of an imported child that fell due before the day of the import do not apply
 *   (Hearth did not hold the record then; what was done is in the previous system). Those falling
 *   due on or after it start as for any child: a current placement's visits, reviews and plans are
 *   due from then on, and anything recorded by hand afterwards completes them as usual.
 */
import { compareDates, formatDate, type IsoDate } from '../dates.ts';

export type ImportedStanding = { status: 'ended' | 'active'; current: boolean };

/** How an imported placement stands on the day of the import. */
export function importedPlacementStanding(p: { endDate: IsoDate | null }, importedOn: IsoDate): ImportedStanding {
  const ended = p.endDate !== null && compareDates(p.endDate, importedOn) <= 0;
  return { status: ended ? 'ended' : 'active', current: !ended };
}

/** Why an obligation of an imported child does not apply, or null when it does (it falls due on or after the import). */
export function notApplicableBeforeImport(dueOn: IsoDate, importedOn: IsoDate | null | undefined): string | null {
  if (!importedOn || compareDates(dueOn, importedOn) >= 0) return null;
  return `it fell due before the child's records were imported into Hearth on ${formatDate(importedOn)}; what was done then is in the previous case system (record it here if it is needed)`;
}

/** A placement of the child, with the household it is kept with, for deciding a link. */
export type LinkablePlacement = { startDate: IsoDate; endDate: IsoDate | null; householdId: string };

export type HouseholdLinkRefusal = { code: 'not-a-foster-household' | 'same-carers-as-next-placement'; message: string };

/**
 * Whether the placements kept with a household "not known" may be linked to `target` (a person
 * found the carers the child lived with). Returns every reason it may not, or none:
 * - the target must be a foster household in Hearth, not another household kept as not known;
 * - the child's placement just before or just after these, with other carers in the return (the
 *   import keeps placements with the same carers together), must not already be with the target:
 *   the return says the carers changed there, so the two cannot be one household.
 * Linking changes only the household: what the return said (type, provider, URN, postcode) stays.
 */
export function decideHouseholdLink(input: {
  target: { id: string; reference: string; notKnown: boolean };
  /** The placements being linked (those kept with the household not known). */
  linking: readonly LinkablePlacement[];
  /** Every placement of the same child(ren), those being linked included. */
  childPlacements: readonly LinkablePlacement[];
}): HouseholdLinkRefusal[] {
  const refusals: HouseholdLinkRefusal[] = [];
  if (input.target.notKnown) refusals.push({ code: 'not-a-foster-household', message: `${input.target.reference} is a household kept as not known, not a foster household: enter the reference of the household the child lived with` });
  const ordered = [...input.childPlacements].sort((a, b) => compareDates(a.startDate, b.startDate));
  const linkingStarts = new Set(input.linking.map((p) => p.startDate));
  for (let i = 0; i < ordered.length; i += 1) {
    const p = ordered[i] as LinkablePlacement;
    if (!linkingStarts.has(p.startDate)) continue;
    for (const q of [ordered[i - 1], ordered[i + 1]]) {
      if (!q || linkingStarts.has(q.startDate) || q.householdId !== input.target.id) continue;
      refusals.push({
        code: 'same-carers-as-next-placement',
        message: `The child's placement from ${formatDate(q.startDate)} is already with ${input.target.reference}, and the return says the carers changed between it and the placement from ${formatDate(p.startDate)}: check the household's reference`,
      });
    }
  }
  return refusals;
}
