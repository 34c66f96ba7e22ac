/**
 * The SSDA903 outcomes files, OC2 (children looked after continuously for 12 months at 31 March:
 * health, offending, substance misuse) and OC3 (care leavers on their 17th to 21st birthdays), as far
 * as Hearth holds their data: which children are in OC2's cohort. Hearth does not hold the OC2
 * fields themselves nor OC3's (what must come from elsewhere: docs/rules/ssda903-outcomes.md), so
 * it writes neither file; the cohort tells the authority whose outcomes to collect. Pure.
 */
import type { CollectionYear, EpisodeRow, HeaderRow, Return903 } from './return-types.ts';

const SHORT_BREAKS: ReadonlySet<string> = new Set(['V3', 'V4']);

/**
 * Whether a child's episodes show them looked after continuously for the 12 months to 31 March:
 * looked after on 1 April (an episode began on or before it) and still at 31 March, with no episode
 * in the year under a short-break status (V3, V4), no care ending in the year (an episode ending in
 * or after the year with a REC other than X1) and no new period of care starting after 1 April (RNE S).
 * The DfE's definition as the community validator implements it (csc-validator-be-903,
 * lac_validator/utils.py, add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER).
 */
export function continuouslyLookedAfter(episodes: readonly EpisodeRow[], year: CollectionYear): boolean {
  const during = episodes.filter((e) => e.DECOM <= year.end && (e.DEC === null || e.DEC >= year.start));
  if (during.length === 0) return false;
  if (!during.some((e) => e.DECOM <= year.start)) return false;
  if (!during.some((e) => e.DEC === null)) return false;
  for (const e of during) {
    if (SHORT_BREAKS.has(e.LS)) return false;
    if (e.DEC !== null && e.REC !== 'X1') return false;
    if (e.RNE === 'S' && e.DECOM > year.start) return false;
  }
  return true;
}

/** The children of a return in OC2's cohort (CHILD and DOB, in the header's order). */
export function oc2Cohort(ret: Pick<Return903, 'year' | 'header' | 'episodes'>): Pick<HeaderRow, 'CHILD' | 'DOB'>[] {
  const episodesOf = new Map<string, EpisodeRow[]>();
  for (const e of ret.episodes) {
    const list = episodesOf.get(e.CHILD);
    if (list) list.push(e);
    else episodesOf.set(e.CHILD, [e]);
  }
  return ret.header.filter((h) => continuouslyLookedAfter(episodesOf.get(h.CHILD) ?? [], ret.year)).map((h) => ({ CHILD: h.CHILD, DOB: h.DOB }));
}
