/**
 * Shared helpers for deriving obligations: reading the facts, building instances with stable ids,
 * and explaining due dates in words.
 */
import { compareDates, dayOf, formatDate, fromDayNumber, monthOf, toDayNumber, yearOf, type IsoDate } from '../dates.ts';
import { keptAnswers } from '../collections.ts';
import type { ChildEvent, ChildEventKind, ChildFacts, DeadlineCalendar, ObligationInstance, PlacementFact, SubjectType } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Instances
// ---------------------------------------------------------------------------------------------

export function instanceId(obligationId: string, subjectType: SubjectType, subjectId: string, sequence: string | number): string {
  return `${obligationId}:${subjectType}:${subjectId}:${sequence}`;
}

type InstanceInput = Omit<ObligationInstance, 'id' | 'sequence'> & { sequence: string | number };

/** An instance with its stable id; empty optional fields are left out. */
export function instance(i: InstanceInput): ObligationInstance {
  const out: ObligationInstance = {
    id: instanceId(i.obligationId, i.subjectType, i.subjectId, i.sequence),
    obligationId: i.obligationId,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    sequence: String(i.sequence),
    startedOn: i.startedOn,
    dueOn: i.dueOn,
    explanation: i.explanation,
  };
  if (i.childId) out.childId = i.childId;
  if (i.completedOn) out.completedOn = i.completedOn;
  if (i.missedReason) out.missedReason = i.missedReason;
  if (i.notApplicableReason) out.notApplicableReason = i.notApplicableReason;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) <= 0 ? a : b);
export const isOnOrBefore = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) <= 0;
export const isBefore = (a: IsoDate, b: IsoDate): boolean => compareDates(a, b) < 0;

export function earliest(dates: readonly (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d && (best === null || compareDates(d, best) < 0)) best = d;
  return best;
}

/** Distinct dates, earliest first. */
export function sortedDates(dates: readonly IsoDate[]): IsoDate[] {
  return [...new Set(dates)].sort(compareDates);
}

const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Thu 21 Dec 2023" (each answer kept: a rebuild writes millions of explanations from a few thousand dates). */
export const shortDate: (d: IsoDate) => string = keptAnswers((d: IsoDate) => {
  const weekday = DAY[(((toDayNumber(d) + 4) % 7) + 7) % 7];
  return `${weekday} ${dayOf(d)} ${MON[monthOf(d) - 1]} ${yearOf(d)}`;
}, 100_000);

/** "23–26 Dec", "30 Dec 2023–1 Jan 2024", "25 Dec" */
function rangeText(from: IsoDate, to: IsoDate): string {
  const fy = yearOf(from);
  const fm = monthOf(from);
  const fd = dayOf(from);
  const ty = yearOf(to);
  const tm = monthOf(to);
  const td = dayOf(to);
  if (from === to) return `${fd} ${MON[fm - 1]}`;
  if (fy !== ty) return `${fd} ${MON[fm - 1]} ${fy}–${td} ${MON[tm - 1]} ${ty}`;
  if (fm !== tm) return `${fd} ${MON[fm - 1]}–${td} ${MON[tm - 1]}`;
  return `${fd}–${td} ${MON[fm - 1]}`;
}

const isWeekendDay = (n: number): boolean => {
  const w = (((n + 4) % 7) + 7) % 7;
  return w === 0 || w === 6;
};

/**
 * The non-working days strictly between two dates, in words: runs containing a bank holiday are
 * listed ("23–26 Dec, 30 Dec 2023–1 Jan 2024"); ordinary weekends are listed when there is only
 * one, otherwise summed up as "weekends". Empty when nothing was skipped.
 */
export function skippedText(from: IsoDate, to: IsoDate, cal: DeadlineCalendar): string {
  // Day numbers, not dates, and no list of the runs: this runs for most explanations of a rebuild.
  const first = toDayNumber(from) + 1;
  const last = toDayNumber(to) - 1;
  let weekendRuns = 0;
  let holidayRuns = 0;
  eachNonWorkingRun(first, last, cal, (_from, _to, holiday) => (holiday ? holidayRuns++ : weekendRuns++));
  if (!weekendRuns && !holidayRuns) return '';
  const parts: string[] = [];
  eachNonWorkingRun(first, last, cal, (runFrom, runTo, holiday) => {
    if (weekendRuns <= 1 || holiday) parts.push(rangeText(fromDayNumber(runFrom), fromDayNumber(runTo)));
  });
  if (weekendRuns > 1) parts.push('weekends');
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
}

/** Each run of consecutive non-working days from day `first` to day `last`, earliest first, with whether it holds a bank holiday. */
function eachNonWorkingRun(first: number, last: number, cal: DeadlineCalendar, each: (from: number, to: number, holiday: boolean) => void): void {
  let runFrom = -1;
  let holiday = false;
  for (let n = first; n <= last + 1; n++) {
    const working = n > last || cal.isWorkingDayNumber(n);
    if (!working) {
      if (runFrom < 0) {
        runFrom = n;
        holiday = false;
      }
      holiday ||= !isWeekendDay(n);
    } else if (runFrom >= 0) {
      each(runFrom, n - 1, holiday);
      runFrom = -1;
    }
  }
}

/** Add working days and explain: "5 working days after the placement started on Thu 21 Dec 2023 (skipping 23–26 Dec)". */
export function afterWorkingDays(start: IsoDate, n: number, what: string, cal: DeadlineCalendar): { due: IsoDate; explanation: string } {
  const due = cal.addWorkingDays(start, n);
  const skipped = skippedText(start, due, cal);
  return {
    due,
    explanation: `${n} working ${n === 1 ? 'day' : 'days'} after ${what} on ${shortDate(start)}${skipped ? ` (skipping ${skipped})` : ''}`,
  };
}

/** Add calendar weeks or months and explain: "6 weeks after the visit on Mon 8 Jan 2024". */
export function afterPeriod(start: IsoDate, n: number, unit: 'week' | 'month', what: string, cal: DeadlineCalendar): { due: IsoDate; explanation: string } {
  const due = unit === 'week' ? cal.addCalendarWeeks(start, n) : cal.addCalendarMonths(start, n);
  return { due, explanation: `${n} ${unit}${n === 1 ? '' : 's'} after ${what} on ${shortDate(start)}` };
}

export const longDate = formatDate;

// ---------------------------------------------------------------------------------------------
// Reading the child's facts
// ---------------------------------------------------------------------------------------------

const SHORT_BREAK_CODES = new Set(['V3', 'V4']);

/** The legal status in force on a date, if any. */
export function legalStatusOn(facts: ChildFacts, date: IsoDate): string | null {
  for (const s of facts.legalStatuses) {
    if (s.start === s.end ? date === s.start : isOnOrBefore(s.start, date) && (s.end === null || isBefore(date, s.end))) return s.code;
  }
  return null;
}

/** The child receives short breaks (CPPCR reg 48): stated, or every legal status recorded is V3/V4. */
export function childOnShortBreaks(facts: ChildFacts): boolean {
  if (facts.shortBreaks !== undefined) return facts.shortBreaks;
  return facts.legalStatuses.length > 0 && facts.legalStatuses.every((s) => SHORT_BREAK_CODES.has(s.code));
}

/** This placement is a short break: stated on the child, the placement's kind, or a V3/V4 legal status on its first day. */
export function isShortBreakPlacement(facts: ChildFacts, p: PlacementFact): boolean {
  if (facts.shortBreaks === true || p.kind === 'short_breaks') return true;
  const code = legalStatusOn(facts, p.start);
  return code !== null && SHORT_BREAK_CODES.has(code);
}

/** "The child receives short breaks (CPPCR reg 48): a short-break care plan replaces the placement plan" */
export const shortBreaksReason = (replaced: string): string => `The child receives short breaks (CPPCR reg 48): a short-break care plan replaces ${replaced}`;

/** The day the child became looked after: stated, else the earliest legal status that is not a short break, else the first placement. */
export function lookedAfterStart(facts: ChildFacts): IsoDate | null {
  if (facts.lookedAfterSince) return facts.lookedAfterSince;
  const statuses = facts.legalStatuses.filter((s) => !SHORT_BREAK_CODES.has(s.code)).map((s) => s.start);
  return earliest(statuses) ?? earliest(facts.placements.map((p) => p.start));
}

/** When and why the child stops being looked after: the recorded end, or their 18th birthday, whichever is first. */
export function lookedAfterEnd(facts: ChildFacts, cal: DeadlineCalendar): { date: IsoDate; reason: string } {
  const eighteenth = cal.addCalendarMonths(facts.dateOfBirth, 18 * 12);
  if (facts.lookedAfterUntil && isOnOrBefore(facts.lookedAfterUntil, eighteenth)) {
    return { date: facts.lookedAfterUntil, reason: `the child stopped being looked after on ${shortDate(facts.lookedAfterUntil)}` };
  }
  return { date: eighteenth, reason: `the child turns 18 on ${shortDate(eighteenth)}` };
}

// Facts are not changed once assembled, so what is worked out from them again and again (placements
// in order, each placement's events of a kind) is kept beside them, and forgotten with them.
const inOrder = new WeakMap<ChildFacts, readonly PlacementFact[]>();
const eventsOfPlacement = new WeakMap<ChildFacts, Map<ChildEventKind, Map<string | null, ChildEvent[]>>>();
const eventsOfChild = new WeakMap<ChildFacts, Map<ChildEventKind, ChildEvent[]>>();

function sortedPlacements(facts: ChildFacts): readonly PlacementFact[] {
  let sorted = inOrder.get(facts);
  if (!sorted) inOrder.set(facts, (sorted = [...facts.placements].sort((a, b) => compareDates(a.start, b.start) || a.id.localeCompare(b.id))));
  return sorted;
}

/** Placements earliest first. */
export function placementsInOrder(facts: ChildFacts): PlacementFact[] {
  return [...sortedPlacements(facts)];
}

/**
 * The placement an event belongs to: the one it names; otherwise the placement in effect on its
 * date (a placement ending on a day is no longer in effect that day); otherwise the next to start
 * after it (a plan written before placing).
 */
export function placementOfEvent(facts: ChildFacts, e: ChildEvent): PlacementFact | null {
  if (e.placementId) return facts.placements.find((p) => p.id === e.placementId) ?? null;
  const ordered = sortedPlacements(facts);
  const inEffect = ordered.find((p) => (p.start === p.end ? e.date === p.start : isOnOrBefore(p.start, e.date) && (p.end === null || isBefore(e.date, p.end))));
  return inEffect ?? ordered.find((p) => isBefore(e.date, p.start)) ?? null;
}

/** The events of one kind that belong to a placement, earliest first. */
export function placementEvents(facts: ChildFacts, p: PlacementFact, kind: ChildEventKind): ChildEvent[] {
  let byKind = eventsOfPlacement.get(facts);
  if (!byKind) eventsOfPlacement.set(facts, (byKind = new Map()));
  let byPlacement = byKind.get(kind);
  if (!byPlacement) {
    byPlacement = new Map();
    const ofKind = facts.events.filter((e) => e.kind === kind).sort((a, b) => compareDates(a.date, b.date));
    for (const e of ofKind) {
      const id = placementOfEvent(facts, e)?.id ?? null;
      const list = byPlacement.get(id);
      if (list) list.push(e);
      else byPlacement.set(id, [e]);
    }
    byKind.set(kind, byPlacement);
  }
  return [...(byPlacement.get(p.id) ?? [])];
}

/** The events of one kind for the child, earliest first. */
export function childEvents(facts: ChildFacts, kind: ChildEventKind): ChildEvent[] {
  let byKind = eventsOfChild.get(facts);
  if (!byKind) eventsOfChild.set(facts, (byKind = new Map()));
  let list = byKind.get(kind);
  if (!list) byKind.set(kind, (list = facts.events.filter((e) => e.kind === kind).sort((a, b) => compareDates(a.date, b.date))));
  return [...list];
}

/** The first event date, if any. */
export function firstDate(events: readonly { date: IsoDate }[]): IsoDate | null {
  return earliest(events.map((e) => e.date));
}
