/**
 * SSDA903 episodes, derived from a child's legal status history and placement history
 * (rules.md §3.10; docs/rules/ssda903-episodes.md). Nobody types an episode: each one is a stretch
 * of days in care over which the legal status and the placement (PLACE, PL_POST, URN,
 * PLACE_PROVIDER and the carers) stay the same.
 *
 * Periods are end-exclusive day ranges, as the records hold them: a legal status or placement that
 * ends on 10 May covers the days up to 9 May, and the next one may start on 10 May. A period that
 * starts and ends on the same day is one of several changes made on that day; it covers no day, so
 * only the final state of the day reaches the return (rule 355: no episode shorter than a day).
 *
 * Records that contradict each other (a placement outside any legal status, days in care with no
 * placement, overlapping periods, a period of care with no recorded ending) come back as problems
 * with the date they concern. Nothing is guessed: days outside any legal status are not in care, and
 * days in care with no placement are returned with a blank PLACE, which the validation rules reject.
 */
import { formatDate, fromDayNumber, type IsoDate } from '../dates.ts';
import { dayNumberOf } from './day-numbers.ts';
import type { ChildReturnFacts, CollectionYear, EpisodeRow, LegalStatusPeriod, PlacementPeriod } from './return-types.ts';

/** Something in the records that stops an episode being derived as recorded; `date` is the day it concerns. */
export type EpisodeProblem = { message: string; date: IsoDate; placementId?: string };

export type DerivedEpisodes = { episodes: EpisodeRow[]; problems: EpisodeProblem[] };

/** PLACE codes for a temporary placement (T0–T4): rules 225, 226, 380, 381, 383. */
export function isTemporaryPlacement(place: string): boolean {
  return /^T[0-4]$/.test(place);
}

// ---------------------------------------------------------------------------------------------
// Periods as day numbers
// ---------------------------------------------------------------------------------------------

/** A record as a day range [s, e): e is Infinity while it is open. `order` keeps the input order for ties. */
type Span<T> = { item: T; s: number; e: number; order: number };

function spans<T extends { start: IsoDate; end: IsoDate | null }>(items: readonly T[], describe: (t: T) => string, problems: EpisodeProblem[], idOf: (t: T) => string | undefined): Span<T>[] {
  const out: Span<T>[] = [];
  for (let order = 0; order < items.length; order++) {
    const item = items[order] as T;
    const s = dayNumberOf(item.start);
    const e = item.end === null ? Number.POSITIVE_INFINITY : dayNumberOf(item.end);
    let message: string | null = null;
    if (s === null || e === null) message = `The ${describe(item)} has a date that is not a real date (${item.start} to ${item.end ?? 'open'}), so it is left out.`;
    else if (e < s) message = `The ${describe(item)} ends (${formatDate(item.end)}) before it starts (${formatDate(item.start)}), so it is left out.`;
    else out.push({ item, s, e, order });
    if (message !== null) {
      const id = idOf(item);
      problems.push(id === undefined ? { message, date: item.start } : { message, date: item.start, placementId: id });
    }
  }
  return out.sort((a, b) => a.s - b.s || a.order - b.order);
}

/** The record in force on `day`: the one that started last among those covering it (a period that starts and ends on one day covers none). */
function inForce<T>(sorted: readonly Span<T>[], day: number): T | null {
  let found: T | null = null;
  for (const p of sorted) {
    if (p.s > day) break;
    if (day < p.e) found = p.item;
  }
  return found;
}

/** Overlapping records: the later one wins from its start (see inForce), and the overlap is reported. */
function reportOverlaps<T>(sorted: readonly Span<T>[], describe: (t: T) => string, problems: EpisodeProblem[], idOf: (t: T) => string | undefined): void {
  let widest: Span<T> | null = null;
  for (const p of sorted) {
    if (p.s === p.e) continue;
    if (widest && p.s < widest.e) {
      const id = idOf(p.item);
      const message = `The ${describe(p.item)} overlaps the ${describe(widest.item)}. Only one can be in force on a day: the later one is used from ${formatDate(fromDayNumber(p.s))}. Correct the dates.`;
      problems.push(id === undefined ? { message, date: fromDayNumber(p.s) } : { message, date: fromDayNumber(p.s), placementId: id });
    }
    if (!widest || p.e > widest.e) widest = p;
  }
}

const describeStatus = (p: LegalStatusPeriod) => `legal status ${p.code} from ${formatDate(p.start)}${p.end ? ` to ${formatDate(p.end)}` : ''}`;
const describePlacement = (p: PlacementPeriod) => `placement (${p.placeType}) from ${formatDate(p.start)}${p.end ? ` to ${formatDate(p.end)}` : ''}`;
const dayText = (n: number) => formatDate(fromDayNumber(n));

/** Periods of care: legal statuses that follow one another without a gap. A gap ends the period of care. */
function periodsOfCare(statuses: readonly Span<LegalStatusPeriod>[]): { start: number; end: number; statuses: Span<LegalStatusPeriod>[] }[] {
  const out: { start: number; end: number; statuses: Span<LegalStatusPeriod>[] }[] = [];
  for (const p of statuses) {
    const last = out.at(-1);
    if (last && p.s <= last.end) {
      last.end = Math.max(last.end, p.e);
      last.statuses.push(p);
    } else out.push({ start: p.s, end: p.e, statuses: [p] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Episodes
// ---------------------------------------------------------------------------------------------

type State = { ls: LegalStatusPeriod; pl: PlacementPeriod | null };
/** A stretch of days with one state: [start, end). `pl` is the placement in force on its last day. */
type Run = State & { start: number; end: number };

/** What makes a "placement change" for the return (rules.md §3.10; rule 435), plus the carers. */
function samePlacement(a: PlacementPeriod | null, b: PlacementPeriod | null): boolean {
  if (a === null || b === null) return a === b;
  return a.placeType === b.placeType && a.postcode === b.postcode && a.urn === b.urn && a.provider === b.provider && a.carerId === b.carerId;
}

/**
 * RNE for an episode that follows `prev` in the same period of care (rules.md §3.6, §3.10).
 * The carers count as the same when both placements name the same carer, except on the way back
 * from a temporary placement (T0–T4): the return is always to "new" carers, RNE P (rule 383).
 */
function reasonForNewEpisode(prev: State, next: State): EpisodeRow['RNE'] {
  const legalStatusChanged = prev.ls.code !== next.ls.code;
  if (samePlacement(prev.pl, next.pl)) return 'L';
  const sameCarers = prev.pl !== null && next.pl !== null && prev.pl.carerId === next.pl.carerId && !isTemporaryPlacement(prev.pl.placeType);
  if (!legalStatusChanged) return sameCarers ? 'T' : 'P';
  return sameCarers ? 'U' : 'B';
}

/**
 * Every episode of every period of care, in date order, and the problems found in the records.
 *
 * - Each period of care starts with RNE S; a gap in the legal status history ends it. The one
 *   exception is imported history (`historyStart`): care that began before the earliest return
 *   file keeps the RNE that file gave its first episode.
 * - A new episode starts whenever the legal status or the placement (PLACE, PL_POST, URN,
 *   PLACE_PROVIDER or the carers) changes; the previous one ends the same day with REC X1.
 * - Changes on one day collapse to the final state of that day; no episode has DECOM = DEC.
 * - The last episode of a period of care that has ended carries DEC = the end of its last legal
 *   status and REC = the reason recorded in `careEndings` for that date.
 * - REASON_PLACE_CHANGE is on the ending episode, from the ending placement's `reasonEnded`, when
 *   REC = X1, the next RNE is P, B, T or U and neither PLACE is T0–T4 (rule 225); otherwise blank
 *   (rules 226, 233).
 */
export function deriveEpisodes(facts: ChildReturnFacts): DerivedEpisodes {
  const problems: EpisodeProblem[] = [];
  const statuses = spans(facts.legalStatuses, describeStatus, problems, () => undefined);
  const placements = spans(facts.placements, describePlacement, problems, (p) => p.id);
  reportOverlaps(statuses, describeStatus, problems, () => undefined);
  reportOverlaps(placements, describePlacement, problems, (p) => p.id);

  const endings = new Map<IsoDate, string>();
  for (const ending of facts.careEndings) {
    const already = endings.get(ending.date);
    if (already !== undefined && already !== ending.reason) {
      problems.push({ message: `Two reasons are recorded for the period of care that ended on ${formatDate(ending.date)} (${already} and ${ending.reason}); ${already} is used.`, date: ending.date });
    } else endings.set(ending.date, ending.reason);
  }
  const endingsUsed = new Set<IsoDate>();

  const episodes: EpisodeRow[] = [];
  const inCare: { start: number; end: number }[] = [];
  for (const care of periodsOfCare(statuses)) {
    if (care.start === care.end) {
      const codes = care.statuses.map((p) => p.item.code).join(', ');
      problems.push({
        message: `The legal status ${codes} starts and ends on ${dayText(care.start)}. A period of care shorter than a day cannot be returned (rule 355), so it is left out.`,
        date: fromDayNumber(care.start),
      });
      endingsUsed.add(fromDayNumber(care.start)); // its ending, if recorded, belongs to it
      continue;
    }
    inCare.push({ start: care.start, end: care.end });
    const runs = runsOf(care, statuses, placements);
    reportDaysWithoutPlacement(runs, problems);

    let ending: { DEC: IsoDate | null; REC: string | null } = { DEC: null, REC: null };
    if (Number.isFinite(care.end)) {
      const DEC = fromDayNumber(care.end);
      const REC = endings.get(DEC) ?? null;
      if (REC === null) {
        problems.push({
          message: `The period of care that began on ${dayText(care.start)} ended on ${formatDate(DEC)} (its legal status ended), but no reason it ended (REC) is recorded.`,
          date: DEC,
        });
      } else endingsUsed.add(DEC);
      ending = { DEC, REC };
    }

    runs.forEach((run, i) => {
      const next = runs[i + 1];
      const continuesEarlierCare = i === 0 && facts.historyStart?.date === fromDayNumber(run.start);
      const RNE = i === 0 ? (continuesEarlierCare && facts.historyStart ? facts.historyStart.rne : 'S') : reasonForNewEpisode(runs[i - 1] as Run, run);
      let REASON_PLACE_CHANGE: string | null = null;
      if (next) {
        const nextRne = reasonForNewEpisode(run, next);
        const placementChanged = nextRne !== 'L';
        if (placementChanged && run.pl && next.pl && !isTemporaryPlacement(run.pl.placeType) && !isTemporaryPlacement(next.pl.placeType)) {
          REASON_PLACE_CHANGE = run.pl.reasonEnded;
        }
      }
      episodes.push({
        CHILD: facts.childId,
        DECOM: fromDayNumber(run.start),
        RNE,
        LS: run.ls.code,
        CIN: facts.categoryOfNeed,
        PLACE: run.pl?.placeType ?? '',
        PLACE_PROVIDER: run.pl?.provider ?? null,
        DEC: next ? fromDayNumber(run.end) : ending.DEC,
        REC: next ? 'X1' : ending.REC, // X1: a new episode starts the same day (rules 388, 433)
        REASON_PLACE_CHANGE,
        HOME_POST: facts.homePostcode,
        PL_POST: run.pl?.postcode ?? null,
        URN: run.pl?.urn ?? null,
      });
    });
  }

  for (const [date, reason] of endings) {
    if (!endingsUsed.has(date)) {
      problems.push({
        message: `A period of care is recorded as ending on ${formatDate(date)} (${reason}), but the legal status history does not end on that day.`,
        date,
      });
    }
  }
  reportPlacementsOutsideCare(placements, inCare, problems);
  problems.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { episodes, problems };
}

/** The period of care cut at every change of legal status or placement, then merged where nothing the return shows has changed. */
function runsOf(care: { start: number; end: number }, statuses: readonly Span<LegalStatusPeriod>[], placements: readonly Span<PlacementPeriod>[]): Run[] {
  const cuts = new Set<number>([care.start]);
  for (const p of [...statuses, ...placements]) {
    for (const day of [p.s, p.e]) if (day > care.start && day < care.end) cuts.add(day);
  }
  const days = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  days.forEach((start, i) => {
    const end = days[i + 1] ?? care.end;
    const ls = inForce(statuses, start);
    if (ls === null) throw new Error('a period of care has a day with no legal status'); // periodsOfCare covers every day
    const pl = inForce(placements, start);
    const last = runs.at(-1);
    if (last && last.ls.code === ls.code && samePlacement(last.pl, pl)) {
      last.end = end;
      last.ls = ls;
      last.pl = pl;
    } else runs.push({ ls, pl, start, end });
  });
  return runs;
}

function reportDaysWithoutPlacement(runs: readonly Run[], problems: EpisodeProblem[]): void {
  let from: number | null = null;
  runs.forEach((run, i) => {
    if (run.pl === null && from === null) from = run.start;
    const next = runs[i + 1];
    if (from !== null && (!next || next.pl !== null)) {
      const until = Number.isFinite(run.end) ? ` to ${dayText(run.end)}` : ' onwards';
      problems.push({
        message: `No placement is recorded from ${dayText(from)}${until}, while the child was looked after (legal status ${run.ls.code}). Every day in care needs a placement; until one is recorded the episode has no placement type.`,
        date: fromDayNumber(from),
      });
      from = null;
    }
  });
}

function reportPlacementsOutsideCare(placements: readonly Span<PlacementPeriod>[], inCare: readonly { start: number; end: number }[], problems: EpisodeProblem[]): void {
  for (const p of placements) {
    const outside: [number, number][] = [];
    let cursor = p.s;
    for (const care of inCare) {
      if (cursor >= p.e) break;
      if (care.end <= cursor) continue;
      if (care.start >= p.e) break;
      if (care.start > cursor) outside.push([cursor, care.start]);
      cursor = Math.max(cursor, care.end);
    }
    if (cursor < p.e) outside.push([cursor, p.e]);
    for (const [s, e] of outside) {
      const until = Number.isFinite(e) ? ` to ${dayText(e)}` : ' onwards';
      problems.push({
        message: `The ${describePlacement(p.item)} is outside any legal status from ${dayText(s)}${until}: the child was not looked after then, so those days are left out of the return. Record the legal status or correct the placement dates.`,
        date: fromDayNumber(s),
        placementId: p.item.id,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The collection year
// ---------------------------------------------------------------------------------------------

/**
 * The episodes open at any time in the collection year (DECOM ≤ 31 March and DEC blank or
 * ≥ 1 April), as that year's return shows them: an episode still open at 31 March has DEC, REC and
 * REASON_PLACE_CHANGE blank there (rules 233, 502, 503), even when the records show it closed
 * later; next year's return repeats it with the same DECOM, RNE, LS and placement and its ending.
 */
export function episodesInYear(episodes: readonly EpisodeRow[], year: CollectionYear): EpisodeRow[] {
  return episodes
    .filter((e) => e.DECOM <= year.end && (e.DEC === null || e.DEC >= year.start))
    .map((e) => (e.DEC !== null && e.DEC > year.end ? { ...e, DEC: null, REC: null, REASON_PLACE_CHANGE: null } : e));
}
