/**
 * What has been recorded for the synthetic demo authority: for each child's current period of
 * care, the carers' profiles shared, plans written, meetings held, risk assessments written, notices
 * sent, agreements obtained, visits made and reviews held; for each foster household, its carer
 * reviews. The statutory obligations are derived from these (src/domain/deadlines, via the facts in
 * src/domain/deadlines/facts.ts), so the demo shows a realistic mix: most things done on time, some
 * late, steps still open on placements of the last fortnight, and a few overdue.
 *
 * The dates follow the rules' due dates (docs/rules/): working days from the England and Wales
 * calendar where it has data, weeks and months as calendar periods. Events never fall after
 * `today`. Pure and deterministic: all randomness comes from the generator's random source, or
 * (for the carers' profile and the risk assessment) from a random source of each placement's own,
 * seeded from its id.
 *
 * The demo accounts get something to act on: the demo social worker has a child's visit due in the
 * next few days and another child's visit overdue; the demo IRO a looked-after review due soon and
 * one overdue; the demo supervising social worker a carer review due soon and one overdue.
 */
import { addCalendarMonths, englandAndWales } from '../domain/calendar/index.ts';
import { fromDayNumber, toDayNumber, type IsoDate } from '../domain/dates.ts';
import { childrenAlreadyPlaced, countsAsPlacement, periodsOfCare } from '../domain/deadlines/facts.ts';
import type { ChildEventKind, HouseholdEventKind } from '../domain/deadlines/types.ts';
import type { GenChild, GenHousehold, GenLegalStatus, GenPlacement } from './types.ts';
import { groupBy } from '../domain/collections.ts';

export type GenChildEvent = {
  id: string;
  childId: string;
  kind: ChildEventKind;
  eventDate: IsoDate;
  placementId: string | null;
  aboutChildId: string | null;
  periodEndsOn: IsoDate | null;
  evidence: string;
  /** The member of staff who recorded it (null when the child's own authority's worker did). */
  recordedBy: string | null;
  /** ISO timestamp, on the day of the event. */
  recordedAt: string;
  /** Reviews held: how the child took part (REVIEW_CODE, PN0 to PN7; filled in by ./generate.ts). */
  participationCode: string | null;
};

export type GenHouseholdEvent = {
  id: string;
  householdId: string;
  kind: HouseholdEventKind;
  eventDate: IsoDate;
  placementId: string | null;
  evidence: string;
  recordedBy: string | null;
  recordedAt: string;
};

/** The part of the generator's random source the events use. */
export type EventRandom = { int(min: number, max: number): number; chance(p: number): boolean; uuid(): string };

export type EventsInput = {
  today: IsoDate;
  children: readonly GenChild[];
  legalStatuses: readonly GenLegalStatus[];
  placements: readonly GenPlacement[];
  households: readonly GenHousehold[];
  demo: { socialWorkerId: string; supervisingSocialWorkerId: string; iroId: string };
};

/** Short, neutral evidence notes (no personal details). */
const CHILD_EVIDENCE: Record<ChildEventKind, string> = {
  placement_plan_completed: 'Placement plan uploaded to the case record',
  care_plan_completed: 'Care plan signed off and saved to the case record',
  ppm_held: 'Placement Planning Meeting minutes saved to the case record',
  notification_sent: 'Placement notice sent; copies saved to the case record',
  visit: 'Visit record saved to the case record',
  review_held: 'Review record and recommendations saved to the case record',
  agreement_recorded: "Written agreement from the other child's social worker saved to the carers' file",
  delegated_authority_reviewed: 'Delegated authority reviewed at the looked-after review',
  support_plan_completed: 'Initial support plan saved to the case record',
  parent_and_child_review_held: 'Placement review record saved; review period agreed',
  risk_assessment_completed: 'Placement risk assessment saved to the case record and shared with the carers',
  carer_profile_shared: "Carers' profile shared with the child; the child's views saved to the case record",
  placement_concern: 'Concern about the placement recorded on the case record',
  psm_held: 'Placement Support Meeting minutes saved to the case record',
  review_feedback_received: "Foster carers' written feedback for the review received and shared with the IRO",
  adoption_in_plan: 'Permanence plan updated on the case record',
  early_permanence_considered: 'Early permanence decision saved to the case record',
};
const HOUSEHOLD_EVIDENCE: Record<HouseholdEventKind, string> = {
  carer_review_held: "Foster carer review report saved to the carers' file",
  terms_of_approval_changed: "Terms of approval updated on the carers' file",
  temporary_approval_extended: "Extension approved by the nominated officer; decision saved to the carers' file",
};

/** Share of steps done late, and of one-off steps from more than six weeks ago never recorded. */
const LATE = 0.07;
const LATE_RECENT = 0.3;
const MISSED = 0.01;
/** Placements that started this many days ago or less still have steps open. */
const RECENT_DAYS = 14;

const CAL_FIRST = toDayNumber(englandAndWales.firstDate);
const CAL_LAST = toDayNumber(englandAndWales.lastDate);
/** Children whose care began before this day are outside the bank-holiday data (their deadlines cannot be derived). */
const FIRST_DERIVABLE_DAY = CAL_FIRST + 60;

const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

/** `n` working days after `day`: the England and Wales calendar where it has data, otherwise weekdays only. */
function workingDaysAfter(day: number, n: number): number {
  if (day >= CAL_FIRST && day + 3 * n + 30 <= CAL_LAST) return toDayNumber(englandAndWales.addWorkingDays(fromDayNumber(day), n));
  let d = day;
  for (let left = n; left > 0; ) {
    d += 1;
    if (weekday(d) !== 0 && weekday(d) !== 6) left -= 1;
  }
  return d;
}

/** Calendar months on (src/domain/calendar's addCalendarMonths), remembered: the same days recur. */
const monthsCache = new Map<number, number>();
function addMonths(day: number, months: number): number {
  const key = day * 1024 + months;
  let result = monthsCache.get(key);
  if (result === undefined) {
    result = toDayNumber(addCalendarMonths(fromDayNumber(day), months));
    if (monthsCache.size > 200_000) monthsCache.clear();
    monthsCache.set(key, result);
  }
  return result;
}


/**
 * A series of recurring events (visits, reviews) rewritten so that the next one is due on
 * `target`: later events are dropped and one is added on the day that makes it so, on time for its
 * own due day and not crowding the one before. Null when no such day exists up to `today`.
 */
export function retarget(
  days: readonly number[],
  series: { start: number; firstDue: number; dueAfter: (last: number, held: number) => number },
  target: number,
  today: number,
): number[] | null {
  for (let keep = days.length; keep >= 0; keep--) {
    const prefix = days.slice(0, keep);
    const last = prefix[keep - 1];
    if (last !== undefined && series.dueAfter(last, keep) === target) return prefix;
    const due = last === undefined ? series.firstDue : series.dueAfter(last, keep);
    // Not crowding the previous one: at least a third of the interval after it.
    const lo = last === undefined ? series.start : last + Math.ceil((due - last) / 3);
    for (let d = Math.min(due, today); d >= lo; d--) if (series.dueAfter(d, keep + 1) === target) return [...prefix, d];
  }
  return null;
}

type Draft = {
  kind: ChildEventKind;
  day: number;
  placementId: string | null;
  aboutChildId: string | null;
  periodEndsOn: number | null;
  recordedBy: string | null;
  /** The hour it was recorded, when drawn already (from a placement's own random source). */
  hour?: number;
};

/** What a placement's own random source offers. */
type PlacementRandom = { int(min: number, max: number): number; chance(p: number): boolean };

/**
 * A random source of one placement's own, seeded from its id (FNV-1a, then mulberry32). The
 * carers' profile shared and the risk assessment (records added later than the rest) draw from it rather than from the
 * generator's stream, so that adding them leaves every other record of a seed's authority as it
 * was; only the ids drawn after theirs move.
 */
function placementRandom(placementId: string): PlacementRandom {
  let h = 0x811c9dc5;
  for (let i = 0; i < placementId.length; i++) h = Math.imul(h ^ placementId.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)), chance: (p) => next() < p };
}

/** A placement with its days worked out once. */
type Stay = { p: GenPlacement; start: number; end: number | null };

/**
 * The days on which a demo account's caseload should have its next item due, taken in turn: the
 * first candidate (in the generator's order) whose series can be rewritten so takes the first day
 * left. Each candidate takes at most one.
 */
type Targets = { days: number[] };

export function generateEvents(r: EventRandom, input: EventsInput): { childEvents: GenChildEvent[]; householdEvents: GenHouseholdEvent[] } {
  const today = toDayNumber(input.today);
  const { demo } = input;
  const dates = new Map<number, IsoDate>();
  const date = (day: number): IsoDate => {
    let d = dates.get(day);
    if (d === undefined) dates.set(day, (d = fromDayNumber(day)));
    return d;
  };
  const stamps = new Map<number, string>();
  const stamp = (day: number, hour: number): string => {
    const key = day * 24 + hour;
    let s = stamps.get(key);
    if (s === undefined) stamps.set(key, (s = `${date(day)}T${String(hour).padStart(2, '0')}:00:00.000Z`));
    return s;
  };

  const statusesByChild = groupBy(input.legalStatuses, (s) => s.childId);
  const placementsByChild = groupBy(input.placements, (p) => p.childId);
  const placementsByHousehold = groupBy(input.placements, (p) => p.householdId);
  const householdById = new Map(input.households.map((h) => [h.id, h]));

  /** A one-off step due on `due`: on time between `from` and `due`, sometimes late, rarely (long ago) never recorded. */
  /** The child being drafted has left care: every step was done (none can be done any more). */
  let leftCare = false;
  const decideWith = (random: PlacementRandom, due: number, from: number, pLate: number): number | null => {
    if (!leftCare && due < today - 42 && random.chance(MISSED)) return null;
    if (random.chance(pLate)) return due + random.int(1, 15);
    return random.int(Math.min(from, due), due);
  };
  const decide = (due: number, from: number, pLate: number): number | null => decideWith(r, due, from, pLate);

  /** When the visit after `last` is due (CPPCR reg 28(2), as src/domain/deadlines/visits.ts). */
  const visitDueAfter = (s: Stay, last: number): number => {
    if (last < addMonths(s.start, 12)) return last + 42;
    if (s.p.kind === 'long_term' && s.p.sixMonthlyVisitsAgreed) return addMonths(last, 6);
    if (s.p.intendedUntil18 || s.p.kind === 'long_term') return addMonths(last, 3);
    return last + 42;
  };
  const visitSeries = (s: Stay) => ({ start: s.start, firstDue: s.start + 7, dueAfter: (last: number) => visitDueAfter(s, last) });
  /** Looked-after reviews (CPPCR reg 33): 20 working days, then 3 months, then every 6 months. */
  const reviewSeries = (start: number) => ({
    start,
    firstDue: workingDaysAfter(start, 20),
    dueAfter: (last: number, held: number) => addMonths(last, held === 1 ? 3 : 6),
  });
  /** Foster carer reviews (FSR reg 28): within a year of approval, then yearly. */
  const carerReviewSeries = (approved: number) => ({ start: approved, firstDue: addMonths(approved, 12), dueAfter: (last: number) => addMonths(last, 12) });

  // The demo accounts' caseloads each get one thing due in the next few days and one overdue.
  const socialWorkerTargets: Targets = { days: [today + 2, today - 9] };
  const iroTargets: Targets = { days: [today + 1, today - 10] };
  const sswTargets: Targets = { days: [today + 2, today - 15] };
  const tryTarget = (targets: Targets, apply: (target: number) => boolean): boolean => {
    const target = targets.days[0];
    if (target === undefined || !apply(target)) return false;
    targets.days.shift();
    return true;
  };

  // Children ---------------------------------------------------------------------------------------
  const childEvents: GenChildEvent[] = [];
  for (const child of input.children) {
    const period = periodsOfCare(statusesByChild.get(child.id) ?? []).at(-1);
    if (!period) continue;
    const start = toDayNumber(period.start);
    // Care that has ended: nothing is due after it (reviews and visits stop with it).
    const until = period.end === null ? null : toDayNumber(period.end);
    leftCare = until !== null;
    const eighteenth = addMonths(toDayNumber(child.dateOfBirth), 18 * 12);
    const stays: Stay[] = (placementsByChild.get(child.id) ?? [])
      .filter((p) => countsAsPlacement(p) && (p.endDate === null || toDayNumber(p.endDate) > start))
      .map((p) => ({ p, start: toDayNumber(p.startDate), end: p.endDate === null ? null : toDayNumber(p.endDate) }))
      .sort((a, b) => a.start - b.start);
    const sw = child.socialWorkerId;
    const drafts: Draft[] = [];
    const add = (
      kind: ChildEventKind,
      day: number | null,
      recordedBy: string | null,
      placementId: string | null = null,
      extra: { aboutChildId?: string; periodEndsOn?: number; hour?: number } = {},
    ) => {
      if (day === null) return;
      if (until !== null && day > until) day = until; // done, at the latest, on the day care ended
      if (day > today) return;
      const draft: Draft = { kind, day, placementId, aboutChildId: extra.aboutChildId ?? null, periodEndsOn: extra.periodEndsOn ?? null, recordedBy };
      if (extra.hour !== undefined) draft.hour = extra.hour;
      drafts.push(draft);
    };

    // The care plan: before the first placement or within 10 working days of it (CPPCR reg 4),
    // unless the plan the court considered applies.
    const first = stays[0];
    if (first && !child.courtCarePlan) {
      add('care_plan_completed', decide(workingDaysAfter(first.start, 10), Math.max(start, first.start - 10), first.start > today - RECENT_DAYS ? LATE_RECENT : LATE), sw);
    }

    // Looked-after reviews, until the next one is still to come.
    const reviewPlan = reviewSeries(start);
    let reviews: number[] = [];
    for (let due = reviewPlan.firstDue, last = start; due < eighteenth && (until === null || due < until); ) {
      const held = reviews.length;
      let day = r.chance(LATE) ? due + r.int(3, 30) : held === 0 ? r.int(Math.min(start + 14, due), due) : due - r.int(0, Math.floor((due - last) / 6));
      if (until !== null && day >= until) day = Math.max(last + 1, until - 1); // held before care ended
      if (day > today || (until !== null && day >= until)) break;
      reviews.push(day);
      last = day;
      due = reviewPlan.dueAfter(day, held + 1);
    }

    const visitsByStay = new Map<Stay, number[]>();
    for (const s of stays) {
      const { p, start: placed, end: ended } = s;
      const pLate = placed > today - RECENT_DAYS ? LATE_RECENT : LATE;
      const ssw = householdById.get(p.householdId)?.supervisingSocialWorkerId ?? sw;
      const fiveDays = workingDaysAfter(placed, 5);
      add('placement_plan_completed', decide(fiveDays, placed - 3, pLate), sw, p.id);
      const ppm = decide(fiveDays, placed - 2, pLate);
      add('ppm_held', ppm, ssw, p.id);
      if (ppm !== null) add('support_plan_completed', r.chance(0.93) ? ppm : ppm + r.int(1, 10), ssw, p.id);
      // Placement stability guidance: the carers' profile shared with the child a few days before a planned placement
      // (none before an emergency one). Placement planning guidance: the SSW's risk assessment a few working days
      // after the meeting (Hearth expects it within 5). From the placement's own random source.
      const own = placementRandom(p.id);
      if (!p.emergency && p.kind !== 'emergency') add('carer_profile_shared', decideWith(own, placed, placed - 7, pLate), sw, p.id, { hour: own.int(9, 17) });
      if (ppm !== null) add('risk_assessment_completed', decideWith(own, workingDaysAfter(ppm, 5), ppm + 1, pLate), ssw, p.id, { hour: own.int(9, 17) });
      add('notification_sent', p.emergency ? decide(fiveDays, placed, pLate) : decide(placed, placed - 5, pLate), sw, p.id);
      for (const other of childrenAlreadyPlaced(p, placementsByHousehold.get(p.householdId) ?? [])) {
        add('agreement_recorded', decide(placed, placed - 10, pLate), ssw, p.id, { aboutChildId: other });
      }

      // Visits: within a week, then every few weeks (more often at first), until the placement ends.
      const visits: number[] = [];
      for (let due = placed + 7, last = placed; due < eighteenth && (ended === null || ended > due); ) {
        let day: number;
        if (r.chance(pLate)) day = due + r.int(2, 20);
        else if (visits.length === 0) day = r.int(placed, due);
        else if (visits.length === 1) day = Math.min(due, last + r.int(14, 28));
        else day = due - r.int(0, Math.floor((due - last) / 4));
        if (ended !== null && day > ended) day = ended; // the last visit, on the day the child moved
        if (day > today) break;
        visits.push(day);
        last = day;
        due = visitDueAfter(s, day);
      }
      visitsByStay.set(s, visits);

      // Parent-and-child placements are assessments in review periods (Parent and child fostering procedure, 5.2–5.3): each
      // review, a week before the period ends (or within a month), extends it by four weeks.
      if (p.kind === 'parent_and_child') {
        const agreed = p.assessmentPeriodEndsOn ? toDayNumber(p.assessmentPeriodEndsOn) : placed + 28;
        let periodEnd = agreed > placed && agreed <= placed + 28 ? agreed : placed + 28;
        let anchor = placed;
        for (;;) {
          // Each review opens a new period, so the week-before rule always applies.
          const monthly = addMonths(anchor, 1);
          const weekBefore = periodEnd - 7;
          const due = anchor < weekBefore && weekBefore < monthly ? weekBefore : monthly;
          if (ended !== null && ended <= due) break;
          let day = Math.max(anchor + 1, r.chance(LATE) ? due + r.int(1, 6) : due - r.int(0, 3));
          if (ended !== null && day > ended) day = ended;
          if (day > today) break;
          const endsOn = Math.max(periodEnd, day) + 28;
          add('parent_and_child_review_held', day, sw, p.id, { periodEndsOn: endsOn });
          periodEnd = endsOn;
          anchor = day;
        }
      }
    }

    // The demo social worker: a child's next visit due in a couple of days, another's overdue.
    // The demo IRO: likewise a looked-after review.
    const derivable = start >= FIRST_DERIVABLE_DAY && eighteenth > today + 60;
    const current = stays.find((s) => s.end === null);
    let targeted = false;
    if (derivable && sw === demo.socialWorkerId && current && current.p.kind !== 'parent_and_child' && current.start <= today - 120) {
      targeted = tryTarget(socialWorkerTargets, (target) => {
        const visits = retarget(visitsByStay.get(current) ?? [], visitSeries(current), target, today);
        if (visits) visitsByStay.set(current, visits);
        return visits !== null;
      });
    }
    if (!targeted && derivable && until === null && child.iroId === demo.iroId && reviews.length >= 2) {
      tryTarget(iroTargets, (target) => {
        const rewritten = retarget(reviews, reviewPlan, target, today);
        if (rewritten) reviews = rewritten;
        return rewritten !== null;
      });
    }

    reviews.forEach((day, i) => {
      drafts.push({ kind: 'review_held', day, placementId: null, aboutChildId: null, periodEndsOn: null, recordedBy: child.iroId ?? sw });
      // The carers' written feedback for it, a week before (no random draw, so the rest of the demo is unchanged).
      const feedbackDay = day - 7;
      const feedbackStay = stays.find((s) => s.start <= feedbackDay && (s.end === null || feedbackDay < s.end));
      if (feedbackStay && feedbackDay > (reviews[i - 1] ?? Number.MIN_SAFE_INTEGER) && feedbackDay <= today) {
        drafts.push({ kind: 'review_feedback_received', day: feedbackDay, placementId: feedbackStay.p.id, aboutChildId: null, periodEndsOn: null, recordedBy: sw });
      }
      // Delegated authority is reviewed at each review while the child is placed: on the day, or a little later.
      const placed = stays.some((s) => s.start <= day && (s.end === null || day < s.end));
      // Never missed for a child whose care has ended: it could no longer be done.
      if (!placed || (day < today - 42 && r.chance(MISSED) && until === null)) return;
      const next = Math.min(reviews[i + 1] ?? Number.MAX_SAFE_INTEGER, until === null ? Number.MAX_SAFE_INTEGER : until + 1);
      const reviewed = r.chance(LATE) ? Math.min(day + r.int(1, 14), next - 1) : day;
      if (reviewed <= today) drafts.push({ kind: 'delegated_authority_reviewed', day: reviewed, placementId: null, aboutChildId: null, periodEndsOn: null, recordedBy: sw });
    });
    for (const [s, days] of visitsByStay) {
      for (const day of days) drafts.push({ kind: 'visit', day, placementId: s.p.id, aboutChildId: null, periodEndsOn: null, recordedBy: sw });
    }
    for (const d of drafts) {
      childEvents.push({
        id: r.uuid(),
        childId: child.id,
        kind: d.kind,
        eventDate: date(d.day),
        placementId: d.placementId,
        aboutChildId: d.aboutChildId,
        periodEndsOn: d.periodEndsOn === null ? null : date(d.periodEndsOn),
        evidence: CHILD_EVIDENCE[d.kind],
        recordedBy: d.recordedBy,
        recordedAt: stamp(d.day, d.hour ?? r.int(9, 17)),
        participationCode: null,
      });
    }
  }

  // Households: carer reviews, mostly on time; the demo supervising social worker has one due soon and one overdue.
  const householdEvents: GenHouseholdEvent[] = [];
  for (const h of input.households) {
    if (!h.approvalDate || (h.approvalStatus !== 'approved' && h.approvalStatus !== 'on_hold')) continue;
    const series = carerReviewSeries(toDayNumber(h.approvalDate));
    let held: number[] = [];
    for (let due = series.firstDue; ; ) {
      const day = r.chance(0.06) ? due + r.int(5, 50) : due - r.int(0, 40);
      if (day > today) break;
      held.push(day);
      due = series.dueAfter(day);
    }
    if (h.supervisingSocialWorkerId === demo.supervisingSocialWorkerId && h.approvalStatus === 'approved') {
      tryTarget(sswTargets, (target) => {
        const rewritten = retarget(held, series, target, today);
        if (rewritten) held = rewritten;
        return rewritten !== null;
      });
    }
    for (const day of held) {
      householdEvents.push({
        id: r.uuid(),
        householdId: h.id,
        kind: 'carer_review_held',
        eventDate: date(day),
        placementId: null,
        evidence: HOUSEHOLD_EVIDENCE.carer_review_held,
        recordedBy: h.supervisingSocialWorkerId,
        recordedAt: stamp(day, r.int(9, 17)),
      });
    }
  }
  return { childEvents, householdEvents };
}
