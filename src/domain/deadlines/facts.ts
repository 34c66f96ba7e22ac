/**
 * From records to facts: turns the rows a child's or a household's record holds (legal statuses,
 * placements, recorded events) into the ChildFacts / HouseholdFacts the obligations are derived
 * from. Pure: the service, the demo-data generator and the benchmark all assemble facts here, so
 * they cannot disagree about which placements and events count.
 */
import { compareDates, type IsoDate } from '../dates.ts';
import type { PlacementKind } from '../records/household.ts';
import type {
  CarerReportsFact,
  Closure,
  ContactPlanFact,
  ChildEvent,
  ChildEventKind,
  ChildFacts,
  HouseholdEvent,
  HouseholdEventKind,
  HouseholdFacts,
  HouseholdPlacementFact,
  PlacementFact,
  TemporaryApprovalFact,
} from './types.ts';

/** A placement as stored (the columns the rules read). */
export type PlacementRecord = {
  id: string;
  childId: string;
  householdId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: string;
  kind?: PlacementKind | null;
  emergency?: boolean;
  outsideTermsOfApproval?: boolean;
  intendedUntil18?: boolean;
  connectedPerson?: boolean;
  sixMonthlyVisitsAgreed?: boolean;
  assessmentPeriodEndsOn?: IsoDate | null;
  /** A parent-and-child placement's carers' reporting schedule and the reports received. */
  carerReports?: CarerReportsFact | null;
  /** The day a parent-and-child assessment ended with its outcome. */
  assessmentEndedOn?: IsoDate | null;
  /** Checks of the placement gate not met on the day a placement recorded late began. */
  entryBreaches?: readonly { code: string; message: string }[];
};

export type LegalStatusRecord = { code: string; startDate: IsoDate; endDate: IsoDate | null };

export type ChildEventRecord = {
  /** Not needed to derive anything (a rebuild does not read it); kept on the fact when given. */
  id?: string;
  kind: string;
  eventDate: IsoDate;
  placementId?: string | null;
  aboutChildId?: string | null;
  periodEndsOn?: IsoDate | null;
};

export type HouseholdEventRecord = { id: string; kind: string; eventDate: IsoDate; placementId?: string | null; extendedUntil?: IsoDate | null };

export type PeriodOfCare = { start: IsoDate; end: IsoDate | null };

/** A cancelled placement never happened: it gives rise to no obligation. */
export const countsAsPlacement = (p: { status: string }): boolean => p.status !== 'cancelled';

/**
 * Periods of care from the legal status history: statuses run end to start (each ends the day the
 * next begins), so a gap between one status's end and the next one's start ends a period of care.
 * Earliest first; the last may be open (end null).
 */
export function periodsOfCare(statuses: readonly LegalStatusRecord[]): PeriodOfCare[] {
  const sorted = [...statuses].sort((a, b) => compareDates(a.startDate, b.startDate));
  const periods: PeriodOfCare[] = [];
  for (const s of sorted) {
    const last = periods[periods.length - 1];
    if (last && (last.end === null || compareDates(s.startDate, last.end) <= 0)) {
      if (last.end !== null && (s.endDate === null || compareDates(s.endDate, last.end) > 0)) last.end = s.endDate;
    } else periods.push({ start: s.startDate, end: s.endDate });
  }
  return periods;
}

function placementFact(p: PlacementRecord, otherChildrenPlaced: string[]): PlacementFact {
  const fact: PlacementFact = {
    id: p.id,
    householdId: p.householdId,
    start: p.startDate,
    end: p.endDate,
    kind: p.kind ?? null,
    emergency: Boolean(p.emergency) || p.kind === 'emergency',
    outsideTermsOfApproval: Boolean(p.outsideTermsOfApproval),
    intendedUntil18: Boolean(p.intendedUntil18),
    longTerm: p.kind === 'long_term',
    sixMonthlyVisitsAgreed: Boolean(p.sixMonthlyVisitsAgreed),
    connectedPerson: Boolean(p.connectedPerson),
    parentAndChild: p.kind === 'parent_and_child',
    assessmentPeriodEndsOn: p.assessmentPeriodEndsOn ?? null,
  };
  if (otherChildrenPlaced.length) fact.otherChildrenPlaced = otherChildrenPlaced;
  if (p.carerReports) fact.carerReports = p.carerReports;
  if (p.assessmentEndedOn) fact.assessmentEndedOn = p.assessmentEndedOn;
  if (p.entryBreaches?.length) fact.entryBreaches = p.entryBreaches.map((b) => ({ code: b.code, message: b.message }));
  return fact;
}

/**
 * The other fostered children already living in the household on the day a placement starts:
 * placed there before that day and not gone by it. Children arriving the same day (a sibling group)
 * are not "already placed".
 */
export function childrenAlreadyPlaced(p: PlacementRecord, householdPlacements: readonly PlacementRecord[]): string[] {
  const ids = new Set<string>();
  for (const q of householdPlacements) {
    if (q.childId === p.childId || q.id === p.id || !countsAsPlacement(q)) continue;
    if (compareDates(q.startDate, p.startDate) < 0 && (q.endDate === null || compareDates(q.endDate, p.startDate) > 0)) ids.add(q.childId);
  }
  return [...ids].sort();
}

export type ChildRecordFacts = {
  child: { id: string; dateOfBirth: IsoDate; courtCarePlan?: boolean; importedOn?: IsoDate | null };
  legalStatuses: readonly LegalStatusRecord[];
  /** The child's placements (any status: cancelled ones are left out here). */
  placements: readonly PlacementRecord[];
  events: readonly ChildEventRecord[];
  /** Every placement with a household (any child), to find the children already living there. */
  householdPlacements: (householdId: string) => readonly PlacementRecord[];
  /** Obligations a manager closed. */
  closures?: readonly Closure[];
  /** Concurrent planning: the child's contact plan and its sessions, if the child has one. */
  contactPlan?: ContactPlanFact | null;
};

/**
 * The facts of the child's current or latest period of care. Placements that ended before it began
 * and events from before it (after the previous period ended) are left out; an event tied to a
 * placement of this period counts whatever its date.
 */
export function childFacts(r: ChildRecordFacts): ChildFacts {
  const placements = r.placements.filter(countsAsPlacement);
  const periods = periodsOfCare(r.legalStatuses);
  const period = periods[periods.length - 1];
  const previousEnd = periods.length > 1 ? (periods[periods.length - 2]?.end ?? null) : null;
  const inPeriod = period
    ? placements.filter((p) => p.endDate === null || compareDates(p.endDate, period.start) > 0)
    : placements;
  const placementIds = new Set(inPeriod.map((p) => p.id));
  const events: ChildEvent[] = [];
  for (const e of r.events) {
    const tied = e.placementId ? placementIds.has(e.placementId) : false;
    if (e.placementId && !tied) continue;
    if (!tied && previousEnd && compareDates(e.eventDate, previousEnd) < 0) continue;
    const event: ChildEvent = { kind: e.kind as ChildEventKind, date: e.eventDate };
    if (e.id) event.id = e.id;
    if (e.placementId) event.placementId = e.placementId;
    if (e.aboutChildId) event.aboutChildId = e.aboutChildId;
    if (e.periodEndsOn) event.periodEndsOn = e.periodEndsOn;
    events.push(event);
  }
  const facts: ChildFacts = {
    childId: r.child.id,
    dateOfBirth: r.child.dateOfBirth,
    legalStatuses: r.legalStatuses
      .filter((s) => !period || compareDates(s.startDate, period.start) >= 0)
      .map((s) => ({ code: s.code, start: s.startDate, end: s.endDate })),
    placements: inPeriod.map((p) => placementFact(p, childrenAlreadyPlaced(p, r.householdPlacements(p.householdId)))),
    events,
    courtCarePlan: Boolean(r.child.courtCarePlan),
  };
  if (r.closures?.length) facts.closures = r.closures;
  if (r.contactPlan) facts.contactPlan = r.contactPlan;
  if (r.child.importedOn) facts.importedOn = r.child.importedOn;
  if (period?.end) facts.lookedAfterUntil = period.end;
  return facts;
}

/** The (one) extension of a temporary approval: the latest recorded for that placement (CPPCR reg 25). */
function extensionOf(placementId: string, events: readonly HouseholdEventRecord[]): TemporaryApprovalFact['extension'] {
  const recorded = events
    .filter((e) => e.kind === 'temporary_approval_extended' && e.placementId === placementId && e.extendedUntil)
    .sort((a, b) => compareDates(a.eventDate, b.eventDate));
  const last = recorded[recorded.length - 1];
  return last?.extendedUntil ? { approvedOn: last.eventDate, until: last.extendedUntil } : null;
}

export type HouseholdRecordFacts = {
  household: { id: string; approvalStatus: HouseholdFacts['approvalStatus']; approvalDate: IsoDate | null };
  /** Every placement with the household (any status: cancelled ones are left out here). */
  placements: readonly PlacementRecord[];
  events: readonly HouseholdEventRecord[];
  /** Obligations a manager closed. */
  closures?: readonly Closure[];
};

/**
 * The facts of a foster household. A placement with a connected person stands for that person's
 * temporary approval (CPPCR reg 24) from the day the child arrived; it ends with the carers' full
 * approval (an approval date on or after it) or the end of the placement.
 */
export function householdFacts(r: HouseholdRecordFacts): HouseholdFacts {
  const placements = r.placements.filter(countsAsPlacement);
  const { approvalStatus, approvalDate } = r.household;
  const temporaryApprovals: TemporaryApprovalFact[] = placements
    .filter((p) => p.connectedPerson)
    .map((p) => ({
      id: p.id,
      childId: p.childId,
      start: p.startDate,
      fullyApprovedOn: approvalStatus === 'approved' && approvalDate && compareDates(approvalDate, p.startDate) >= 0 ? approvalDate : null,
      endedOn: p.endDate,
      extension: extensionOf(p.id, r.events),
    }));
  return {
    householdId: r.household.id,
    approvalStatus,
    // Hearth records no deregistration date yet: a deregistered household has no reviews to chase.
    approvalDate: approvalStatus === 'deregistered' ? null : approvalDate,
    temporaryApprovals,
    placements: placements.map(
      (p): HouseholdPlacementFact => ({
        id: p.id,
        childId: p.childId,
        start: p.startDate,
        end: p.endDate,
        emergency: Boolean(p.emergency) || p.kind === 'emergency',
        outsideTermsOfApproval: Boolean(p.outsideTermsOfApproval),
      }),
    ),
    events: r.events.map((e): HouseholdEvent => {
      const event: HouseholdEvent = { kind: e.kind as HouseholdEventKind, date: e.eventDate, id: e.id };
      if (e.placementId) event.placementId = e.placementId;
      return event;
    }),
    ...(r.closures?.length ? { closures: r.closures } : {}),
  };
}
