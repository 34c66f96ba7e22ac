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
