/**
 * Placement stability figures, worked out from the records (Placement stability guidance; the DfE's
 * two placement stability indicators, as published in "Children looked after in England including
 * adoptions" and its methodology). Pure: the records and the months are parameters.
 *
 * At the end of each month:
 * - **Three or more placements** (the DfE's short-term indicator): of the children looked after on that
 *   day, how many had three or more placements in the twelve months ending that day (a placement
 *   counts when it was open on any day of those twelve months).
 * - **Same placement for two years** (the long-term indicator): of the children under 16 on that day who
 *   had been looked after continuously for at least two and a half years, how many had lived with the same
 *   carers for at least two years (consecutive placements with one household count as one, as the DfE's
 *   "living with the same carer"), or were placed for adoption (A3–A6) where the adoptive placement and the
 *   placement before it together lasted at least two years (NI 63).
 * Within each month: placements that ended unplanned (their ending went through an urgent move),
 * moves agreed, urgent moves, and the working days from each concern raised to the first Placement
 * Support Meeting held for that placement on or after it (median, and how many concerns had one).
 *
 * "Looked after" is having a legal status on the day other than short breaks (V3, V4); continuous care
 * joins legal statuses that meet or overlap (one starting on the day the previous ended, or the next day).
 */
import { addCalendarMonths } from '../calendar/index.ts';
import { addDays, ageOn, compareDates, type IsoDate } from '../dates.ts';

export type FigureChild = { id: string; dateOfBirth: IsoDate };
export type FigureLegalStatus = { childId: string; code: string; startDate: IsoDate; endDate: IsoDate | null };
export type FigurePlacement = {
  id: string;
  childId: string;
  householdId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  placementType: string;
  /** How its ending was allowed (placement.ending_basis); null while open, or for history. */
  endingBasis: string | null;
  status: string;
};
export type FigureMove = { childId: string; placementId: string; urgent: boolean; status: string; decidedOn: IsoDate | null };
export type FigureConcern = { placementId: string; raisedOn: IsoDate };
export type FigureMeeting = { placementId: string; heldOn: IsoDate };

export type StabilityRecords = {
  children: FigureChild[];
  legalStatuses: FigureLegalStatus[];
  placements: FigurePlacement[];
  moves: FigureMove[];
  concerns: FigureConcern[];
  meetings: FigureMeeting[];
};

/** Whose figures: every child, the children given (a team's or a worker's), or the children placed with one household. */
export type StabilityScope = { kind: 'authority' } | { kind: 'children'; childIds: ReadonlySet<string> } | { kind: 'household'; householdId: string };

export type Ratio = { children: number; of: number };
export type MonthFigures = {
  /** The last day of the month. */
  monthEnd: IsoDate;
  threeOrMorePlacements: Ratio;
  samePlacementTwoYears: Ratio;
  unplannedEndings: number;
  movesAgreed: number;
  urgentMoves: number;
  concerns: number;
  concernsWithMeeting: number;
  /** Median working days from concern to meeting, of the concerns raised in the month that had one; null when none. */
  medianWorkingDaysToMeeting: number | null;
};

const SHORT_BREAKS = new Set(['V3', 'V4']);
const PLACED_FOR_ADOPTION = new Set(['A3', 'A4', 'A5', 'A6']);
/** Endings that were not planned (src/domain/placements/moves.ts: an urgent move is the only unplanned basis). */
const UNPLANNED_BASES = new Set(['urgent_move']);

/** The last days of the `count` months ending with the month before `today`'s, oldest first. */
export function lastMonthEnds(today: IsoDate, count: number): IsoDate[] {
  const firstOfThisMonth = `${today.slice(0, 8)}01`;
  const out: IsoDate[] = [];
  for (let i = count; i >= 1; i--) out.push(addDays(addCalendarMonths(firstOfThisMonth, -i + 1), -1));
  return out;
}

const within = (d: IsoDate, from: IsoDate, to: IsoDate) => compareDates(d, from) >= 0 && compareDates(d, to) <= 0;
const openOn = (start: IsoDate, end: IsoDate | null, day: IsoDate) => compareDates(start, day) <= 0 && (end === null || compareDates(end, day) >= 0);
const overlaps = (start: IsoDate, end: IsoDate | null, from: IsoDate, to: IsoDate) => compareDates(start, to) <= 0 && (end === null || compareDates(end, from) >= 0);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

/** The day the child's current continuous spell of care began, if looked after on `day`. */
function careSpellStart(statuses: readonly FigureLegalStatus[], day: IsoDate): IsoDate | null {
  const counted = statuses.filter((s) => !SHORT_BREAKS.has(s.code)).sort((a, b) => compareDates(a.startDate, b.startDate));
  if (!counted.some((s) => openOn(s.startDate, s.endDate, day))) return null;
  let start: IsoDate | null = null;
  let reach: IsoDate | null = null; // the last day covered so far; null = open
  let spellOpenOnDay = false;
  for (const s of counted) {
    if (compareDates(s.startDate, day) > 0) break;
    const joins = start !== null && (reach === null || compareDates(s.startDate, addDays(reach, 1)) <= 0);
    if (!joins) {
      start = s.startDate;
      reach = s.endDate;
    } else if (reach !== null && (s.endDate === null || compareDates(s.endDate, reach) > 0)) {
      reach = s.endDate;
    }
    spellOpenOnDay = reach === null || compareDates(reach, day) >= 0;
  }
  return spellOpenOnDay ? start : null;
}

/** The placement that ended on the day the given one started, or the day before. */
function placementJustBefore(mine: readonly FigurePlacement[], p: FigurePlacement): FigurePlacement | undefined {
  return mine
    .filter((o) => o.id !== p.id && o.endDate !== null && compareDates(o.endDate, p.startDate) <= 0 && compareDates(o.endDate, addDays(p.startDate, -1)) >= 0)
    .sort((a, b) => compareDates(a.startDate, b.startDate))[0];
}

/**
 * Since when the child has lived with the current placement's carers: a new placement with the same
 * household straight after the last (a change of placement type, say to A5 with the current foster
 * carers) does not break it.
 */
function sameCarerSince(mine: readonly FigurePlacement[], current: FigurePlacement): IsoDate {
  let p = current;
  for (let before = placementJustBefore(mine, p); before && before.householdId === current.householdId; before = placementJustBefore(mine, p)) p = before;
  return p.startDate;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The figures for each month end given (see the file's comment for each definition). Placements that
 * were cancelled never happened and are not counted.
 */
export function stabilityFigures(
  records: StabilityRecords,
  scope: StabilityScope,
  monthEnds: readonly IsoDate[],
  workingDaysBetween: (from: IsoDate, to: IsoDate) => number,
): MonthFigures[] {
  const placements = records.placements.filter((p) => p.status !== 'cancelled');
  const placementsByChild = groupBy(placements, (p) => p.childId);
  const statusesByChild = groupBy(records.legalStatuses, (s) => s.childId);
  const placementById = new Map(placements.map((p) => [p.id, p]));
  const meetingsByPlacement = groupBy(records.meetings, (m) => m.placementId);
  const childInScope = (id: string) => scope.kind !== 'children' || scope.childIds.has(id);
  const placementInScope = (p: FigurePlacement) => childInScope(p.childId) && (scope.kind !== 'household' || p.householdId === scope.householdId);

  return monthEnds.map((monthEnd) => {
    const monthStart = `${monthEnd.slice(0, 8)}01`;
    const yearStart = addDays(addCalendarMonths(monthEnd, -12), 1);
    const twoYearsBefore = addCalendarMonths(monthEnd, -24);
    const thirtyMonthsBefore = addCalendarMonths(monthEnd, -30);
    const threeOrMore: Ratio = { children: 0, of: 0 };
    const sameTwoYears: Ratio = { children: 0, of: 0 };

    for (const c of records.children) {
      if (!childInScope(c.id)) continue;
      const mine = placementsByChild.get(c.id) ?? [];
      const current = mine.find((p) => openOn(p.startDate, p.endDate, monthEnd));
      // A household's figures are those of the children placed with it on the day.
      if (scope.kind === 'household' && current?.householdId !== scope.householdId) continue;
      const spellStart = careSpellStart(statusesByChild.get(c.id) ?? [], monthEnd);
      if (spellStart === null) continue;

      threeOrMore.of++;
      if (mine.filter((p) => overlaps(p.startDate, p.endDate, yearStart, monthEnd)).length >= 3) threeOrMore.children++;

      if (ageOn(c.dateOfBirth, monthEnd) < 16 && compareDates(spellStart, thirtyMonthsBefore) <= 0) {
        sameTwoYears.of++;
        if (current && compareDates(sameCarerSince(mine, current), twoYearsBefore) <= 0) sameTwoYears.children++;
        else if (current && PLACED_FOR_ADOPTION.has(current.placementType)) {
          const before = placementJustBefore(mine, current);
          if (before && compareDates(before.startDate, twoYearsBefore) <= 0) sameTwoYears.children++;
        }
      }
    }

    const inMonth = (d: IsoDate | null): d is IsoDate => d !== null && within(d, monthStart, monthEnd);
    const unplannedEndings = placements.filter((p) => placementInScope(p) && inMonth(p.endDate) && p.endingBasis !== null && UNPLANNED_BASES.has(p.endingBasis)).length;
    const movesOfScope = records.moves.filter((m) => {
      const p = placementById.get(m.placementId);
      return m.status === 'agreed' && inMonth(m.decidedOn) && p !== undefined && placementInScope(p);
    });
    const delays: number[] = [];
    let concerns = 0;
    for (const concern of records.concerns) {
      const p = placementById.get(concern.placementId);
      if (!p || !placementInScope(p) || !inMonth(concern.raisedOn)) continue;
      concerns++;
      const first = (meetingsByPlacement.get(concern.placementId) ?? [])
        .filter((m) => compareDates(m.heldOn, concern.raisedOn) >= 0)
        .sort((a, b) => compareDates(a.heldOn, b.heldOn))[0];
      if (first) delays.push(workingDaysBetween(concern.raisedOn, first.heldOn));
    }
    return {
      monthEnd,
      threeOrMorePlacements: threeOrMore,
      samePlacementTwoYears: sameTwoYears,
      unplannedEndings,
      movesAgreed: movesOfScope.filter((m) => !m.urgent).length,
      urgentMoves: movesOfScope.filter((m) => m.urgent).length,
      concerns,
      concernsWithMeeting: delays.length,
      medianWorkingDaysToMeeting: median(delays),
    };
  });
}

/** A ratio as a whole percentage, or null when nobody is counted. */
export function percent(r: Ratio): number | null {
  return r.of === 0 ? null : Math.round((100 * r.children) / r.of);
}
