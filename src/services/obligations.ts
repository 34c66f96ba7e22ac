/**
 * Statutory obligations: derived from the recorded facts by the pure rules (src/domain/deadlines),
 * stored per child and per household, and refreshed for exactly the sources a change touches (ADR
 * 0007): triggers mark them in the same transaction as the change, readers refresh what they read, a
 * background loop refreshes the rest. Correcting a date still changes every due date and status that
 * follows from it. Each use case is one transaction with its audit row.
 *
 * Who is responsible for an instance follows from the obligation's role: the child's allocated
 * social worker (or, for a child of another authority, that authority's social worker), the child's
 * independent reviewing officer, or the supervising social worker of the household concerned.
 */
import { assessmentEndFacts, carerReportFacts } from '../data/repositories/parent-and-child-reviews.ts';
import type { Db, DbOrTx } from '../data/db.ts';
import * as facts from '../data/repositories/obligation-facts.ts';
import * as store from '../data/repositories/obligation-store.ts';
import { childExists, childForRules, lockChildBirthDate } from '../data/repositories/children.ts';
import { findHouseholdReference, householdExists } from '../data/repositories/households.ts';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import holidayData from '../domain/calendar/bank-holidays.england-and-wales.json' with { type: 'json' };
import { text } from '../domain/records/fields.ts';
import { writeAudit, type AuditEntry } from '../audit/writer.ts';
import { keepReadable, readableFor } from './readable.ts';
import { mapPage, readPage, type Listed, type Paging } from './paging.ts';
import { ROLE_LABELS, type Role } from '../domain/access/index.ts';
import { CalendarRangeError, englandAndWales } from '../domain/calendar/index.ts';
import { compareDates, formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import {
  OBLIGATION_STATUSES,
  REGISTRY,
  describeDue,
  dueSoonUntil,
  deriveHouseholdObligations,
  deriveObligations,
  getObligation,
  status as statusOn,
  OPEN_STATUSES,
  STARTED_WITHOUT_AGREEMENT,
  startedWithoutWrittenAgreement,
  CHILD_EVENT_KINDS,
  HOUSEHOLD_EVENT_KINDS,
  type Closure,
  type ContactPlanFact,
  type ObligationInstance,
  type ObligationStatus,
} from '../domain/deadlines/index.ts';
import { childFacts, householdFacts, type PlacementRecord } from '../domain/deadlines/facts.ts';
import { completionFor, type Completion } from '../domain/deadlines/completion.ts';
import { concurrentPlacementAgreement } from '../domain/deadlines/placement-obligations.ts';
import { finishGroups, finishTotals, type ComplianceCounts, type ComplianceGroup } from '../domain/deadlines/compliance.ts';
import {
  complianceCounts,
  countObligations,
  findNotComputed,
  findObligations,
  type ComplianceGrouping,
  type NotComputedRow,
  type ObligationWhere,
  type StatusDay,
  type StoredObligationRow,
} from '../data/repositories/obligations.ts';
import { ChildEventInput, EventCorrectionInput, HouseholdEventInput, LookedAfterReviewInput, PLACEMENT_EVENT_KINDS, attendanceErrors, eventDateErrors, participationErrors, reviewEvidence } from '../domain/records/obligation-event.ts';
import { mayRecordEventKind } from '../domain/access/recording.ts';
import { collectionYearOn } from '../domain/records/return-fields.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';
import { groupBy } from '../domain/collections.ts';
import { isUuid } from '../domain/ids.ts';
import { loggableError } from '../logging.ts';

export type ObligationFilter = {
  responsibleUserId?: string | undefined;
  teamId?: string | undefined;
  obligationId?: string | undefined;
  status?: readonly ObligationStatus[] | undefined;
  childId?: string | undefined;
  placementId?: string | undefined;
  householdId?: string | undefined;
  dueFrom?: IsoDate | undefined;
  dueTo?: IsoDate | undefined;
  /** With dueFrom/dueTo: also include overdue obligations that fell due before the period. */
  includeOverdue?: boolean | undefined;
};

export type Responsible = {
  role: Role;
  roleLabel: string;
  userId: string | null;
  /** The person's name; for another authority's social worker, their name from the contacts. */
  name: string | null;
  teamId: string | null;
  teamName: string | null;
  /** Responsible person outside this service (another authority's social worker). */
  external: boolean;
};

export type ObligationRow = {
  id: string;
  obligationId: string;
  title: string;
  rule: string;
  sourceRef: string;
  status: ObligationStatus;
  statusLabel: string;
  startedOn: IsoDate;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
  notApplicableReason: string | null;
  /** What was missed, for an obligation that can no longer be met. */
  missedReason: string | null;
  /** A warning to show beside the status, e.g. "Started without written agreement". */
  flag: string | null;
  /** "due in 3 working days", "2 working days overdue", "completed on time" … */
  dueText: string;
  /** How the due date was worked out. */
  explanation: string;
  subjectType: ObligationInstance['subjectType'];
  subjectId: string;
  child: { id: string; reference: string; name: string } | null;
  placementId: string | null;
  household: { id: string; reference: string } | null;
  responsible: Responsible;
  /** What to record to complete it, when it is open. */
  completion: Completion | null;
};

/** A child or household whose obligations cannot be worked out, and why. */
export type NotComputed = { subjectType: 'child' | 'household'; id: string; reference: string; reason: string };

/** Obligations as the site's pages list them: the first LIST_LIMIT, the records not worked out, and the day judged on. */
export type ObligationList = { items: ObligationRow[]; truncated: boolean; notComputed: NotComputed[]; today: IsoDate };

/** A page of obligations (see Listed: total, page, pages, pageSize, truncated), the records not worked out, and the day judged on (the API). */
export type ObligationPage = Listed<ObligationRow> & { notComputed: NotComputed[]; today: IsoDate };

export type RecordedEvent = {
  id: string;
  kind: string;
  kindLabel: string;
  eventDate: IsoDate;
  placementId: string | null;
  aboutChildId: string | null;
  aboutChildReference: string | null;
  periodEndsOn: IsoDate | null;
  evidence: string;
  recordedByName: string | null;
  recordedAt: Date;
  version: number;
};

export type Dashboard = {
  today: IsoDate;
  from: IsoDate;
  to: IsoDate;
  totals: ComplianceCounts;
  byTeam: ComplianceGroup[];
  byWorker: ComplianceGroup[];
  byObligation: ComplianceGroup[];
  /** The first DASHBOARD_LIST_LIMIT overdue obligations, oldest first; overdueTotal counts them all. */
  overdue: ObligationRow[];
  overdueTotal: number;
  /** Placements that started without a social worker's written agreement, still not recorded. */
  startedWithoutAgreement: ObligationRow[];
  startedWithoutAgreementTotal: number;
  /** Obligations missed and closed, or checks a placement recorded after it began did not meet (never in the overdue list). */
  missed: ObligationRow[];
  missedTotal: number;
  notComputed: NotComputed[];
};

export type RecordingChoices = {
  subject: { id: string; label: string };
  placements: { id: string; label: string }[];
  otherChildren: { id: string; label: string }[];
};

/** The most obligations a list of the site shows (the API's pages hold at most API_LIMIT_MAX). */
export const LIST_LIMIT = 1000;

/** How many of each list the compliance dashboard shows (the CSV has them all). */
export const DASHBOARD_LIST_LIMIT = 200;

/** The obligation whose open, due instances are "started without written agreement". */
const AGREEMENT_OBLIGATION = concurrentPlacementAgreement.id;

export const CLOSE_OUTCOMES = {
  missed: 'Missed: it was not done and can no longer be done',
  not_applicable: 'Not applicable: it should never have applied',
} as const;

/**
 * The rule and the record an instance id names (`${obligationId}:${subjectType}:${subjectId}:${sequence}`),
 * as the filter that derives it; an id that names no rule or no record is not found.
 */
function instanceRecord(instanceId: string) {
  const [obligationId, subjectType, subjectId] = instanceId.split(':');
  const def = obligationId ? getObligation(obligationId) : undefined;
  if (!def || !subjectId || !isUuid(subjectId)) throw new NotFoundError('Obligation');
  const filter: ObligationFilter = subjectType === 'placement' ? { placementId: subjectId } : subjectType === 'household' ? { householdId: subjectId } : { childId: subjectId };
  return { def, filter };
}

const CloseInput = z.object({
  outcome: z.enum(['missed', 'not_applicable'], { error: 'Select whether the obligation was missed or does not apply' }),
  reason: text('the reason for closing it', 2000),
});

/** Events are recorded on a child or on a foster household. */
export type EventSubject = 'child' | 'household';

async function loadEvent(tx: DbOrTx, subject: EventSubject, subjectId: string, eventId: string) {
  const row = subject === 'child' ? await facts.findChildEventOf(tx, subjectId, eventId) : await facts.findHouseholdEventOf(tx, subjectId, eventId);
  if (!row) throw new NotFoundError('Recorded event');
  return row;
}

const OPEN_FIRST: Record<ObligationStatus, number> = { overdue: 0, due_soon: 1, not_yet_due: 2, missed: 3, completed_late: 4, completed_on_time: 5, not_applicable: 6 };

/** Overdue first (oldest first), then due soon and not yet due (soonest first), then the closed ones (latest first). */
export function compareRows(a: ObligationRow, b: ObligationRow): number {
  const rank = OPEN_FIRST[a.status] - OPEN_FIRST[b.status];
  if (rank) return rank;
  const closed = OPEN_FIRST[a.status] >= 3;
  return (closed ? compareDates(b.dueOn, a.dueOn) : compareDates(a.dueOn, b.dueOn)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type ServiceOptions = { today?: () => IsoDate };

/** Everything needed to derive and describe the obligations of some children and households. */
type ChildInfo = {
  id: string;
  reference: string;
  name: string;
  dateOfBirth: IsoDate;
  courtCarePlan: boolean;
  socialWorkerId: string | null;
  iroId: string | null;
  externalSocialWorkerId: string | null;
};

type World = {
  children: Map<string, ChildInfo>;
  /** The children whose obligations are derived (those in `children`, or all of them). */
  derivedChildIds: string[];
  households: Map<string, { id: string; reference: string; sswId: string | null; approvalStatus: 'in_assessment' | 'approved' | 'on_hold' | 'deregistered'; approvalDate: IsoDate | null }>;
  derivedHouseholdIds: string[];
  placementsByChild: Map<string, PlacementRecord[]>;
  placementsByHousehold: Map<string, PlacementRecord[]>;
  placementById: Map<string, PlacementRecord>;
  statusesByChild: Map<string, { code: string; startDate: IsoDate; endDate: IsoDate | null }[]>;
  childEventsByChild: Map<string, { kind: string; eventDate: IsoDate; placementId: string | null; aboutChildId: string | null; periodEndsOn: IsoDate | null }[]>;
  householdEventsByHousehold: Map<string, { id: string; kind: string; eventDate: IsoDate; placementId: string | null; extendedUntil: IsoDate | null }[]>;
  closuresByChild: Map<string, Closure[]>;
  closuresByHousehold: Map<string, Closure[]>;
  contactPlanByChild: Map<string, ContactPlanFact>;
};


type Scope = { childIds: string[] | 'all'; householdIds: string[] | 'all' };

/** The children and households a filter needs derived. */
async function scopeFor(tx: DbOrTx, f: ObligationFilter): Promise<Scope> {
  if (f.placementId) {
    const p = await facts.placementParties(tx, f.placementId);
    return p ? { childIds: [p.childId], householdIds: [p.householdId] } : { childIds: [], householdIds: [] };
  }
  if (f.childId) {
    const hs = await facts.householdIdsOfChild(tx, f.childId);
    return { childIds: [f.childId], householdIds: hs.map((h) => h.id) };
  }
  if (f.householdId) {
    const cs = await facts.childIdsOfHousehold(tx, f.householdId);
    return { childIds: cs.map((c) => c.id), householdIds: [f.householdId] };
  }
  if (f.responsibleUserId) return facts.scopeOfPerson(tx, f.responsibleUserId);
  return { childIds: 'all', householdIds: 'all' };
}

async function loadWorld(tx: DbOrTx, scope: Scope): Promise<World> {
  const placements = await facts.placementFactsAround(tx, scope.childIds, scope.householdIds);
  const allPlacements = new Map<string, PlacementRecord>();
  for (const p of placements) allPlacements.set(p.id, p);
  // A parent-and-child placement's carers' reporting schedule and reports (Parent and child fostering procedure, 5.1).
  for (const [placementId, reports] of await carerReportFacts(tx, scope.childIds)) {
    const p = allPlacements.get(placementId);
    if (p) allPlacements.set(placementId, { ...p, carerReports: reports });
  }
  for (const [placementId, endedOn] of await assessmentEndFacts(tx, scope.childIds)) {
    const p = allPlacements.get(placementId);
    if (p) allPlacements.set(placementId, { ...p, assessmentEndedOn: endedOn });
  }
  // Only the children and households derived: the other children placed with the same carers count by their ids alone.
  const derivedChildIds = scope.childIds === 'all' ? null : scope.childIds;
  const childRows = await facts.childFactsOf(tx, scope.childIds);
  const householdRows = await facts.householdFactsOf(tx, scope.householdIds);
  const derivedIds = derivedChildIds ?? childRows.map((c) => c.id);
  const statuses = await facts.legalStatusFacts(tx, derivedIds.length ? (derivedChildIds ?? 'all') : []);
  const events = await facts.childEventFacts(tx, derivedIds.length ? (derivedChildIds ?? 'all') : []);
  const derivedHouseholdIds = scope.householdIds === 'all' ? householdRows.map((h) => h.id) : scope.householdIds;
  const hEvents = await facts.householdEventFacts(tx, derivedHouseholdIds.length ? scope.householdIds : []);
  const childClosures = await facts.childClosures(tx, derivedIds.length ? (derivedChildIds ?? 'all') : []);
  const householdClosures = await facts.householdClosures(tx, derivedHouseholdIds.length ? scope.householdIds : []);
  const contact = await facts.contactPlanFacts(tx, derivedIds.length ? (derivedChildIds ?? 'all') : []);
  const sessionsByPlan = groupBy(contact.sessions, (x) => x.planId);
  const contactPlanByChild = new Map<string, ContactPlanFact>(
    contact.plans.map((p) => [
      p.childId,
      { start: p.startsOn, end: p.endsOn, sessionsPerWeek: p.sessionsPerWeek, sessions: (sessionsByPlan.get(p.id) ?? []).map((x) => ({ date: x.sessionDate, held: x.outcome === 'took_place' })) },
    ]),
  );

  const placementsByChild = groupBy([...allPlacements.values()], (p) => p.childId);
  return {
    children: new Map(childRows.map((c) => [c.id, c])),
    derivedChildIds: derivedIds,
    households: new Map(householdRows.map((h) => [h.id, h])),
    derivedHouseholdIds,
    placementsByChild,
    placementsByHousehold: groupBy([...allPlacements.values()], (p) => p.householdId),
    placementById: allPlacements,
    statusesByChild: groupBy(statuses, (s) => s.childId),
    childEventsByChild: groupBy(events, (e) => e.childId),
    householdEventsByHousehold: groupBy(hEvents, (e) => e.householdId),
    closuresByChild: groupBy(childClosures, (c) => c.childId ?? ''),
    closuresByHousehold: groupBy(householdClosures, (c) => c.householdId ?? ''),
    contactPlanByChild,
  };
}

function notComputedReason(err: unknown): string {
  if (err instanceof CalendarRangeError) {
    return `Hearth holds bank holidays from ${formatDate(englandAndWales.firstDate)} to ${formatDate(englandAndWales.lastDate)}; this record's dates fall outside them, so its working-day deadlines are not worked out`;
  }
  throw err;
}

type Source = { type: 'child' | 'household'; id: string };

/**
 * Derive every instance in the world, handing each child's or household's to `each` as soon as they
 * are derived (a rebuild writes them out at once rather than holding a batch's millions of objects).
 * Returns the records whose obligations could not be worked out.
 */
function deriveEach(w: World, each: (source: Source, instances: ObligationInstance[]) => void): NotComputed[] {
  const notComputed: NotComputed[] = [];
  for (const id of w.derivedChildIds) {
    const c = w.children.get(id);
    if (!c) continue;
    const facts = childFacts({
      child: c,
      legalStatuses: w.statusesByChild.get(id) ?? [],
      placements: w.placementsByChild.get(id) ?? [],
      events: w.childEventsByChild.get(id) ?? [],
      householdPlacements: (h) => w.placementsByHousehold.get(h) ?? [],
      closures: w.closuresByChild.get(id) ?? [],
      contactPlan: w.contactPlanByChild.get(id) ?? null,
    });
    let derived: ObligationInstance[];
    try {
      derived = deriveObligations(facts, englandAndWales);
    } catch (err) {
      notComputed.push({ subjectType: 'child', id, reference: c.reference, reason: notComputedReason(err) });
      continue;
    }
    each({ type: 'child', id }, derived);
  }
  for (const id of w.derivedHouseholdIds) {
    const h = w.households.get(id);
    if (!h) continue;
    const facts = householdFacts({ household: h, placements: w.placementsByHousehold.get(id) ?? [], events: w.householdEventsByHousehold.get(id) ?? [], closures: w.closuresByHousehold.get(id) ?? [] });
    let derived: ObligationInstance[];
    try {
      derived = deriveHouseholdObligations(facts, englandAndWales);
    } catch (err) {
      notComputed.push({ subjectType: 'household', id, reference: h.reference, reason: notComputedReason(err) });
      continue;
    }
    each({ type: 'household', id }, derived);
  }
  return notComputed;
}

/**
 * The due date in words. Counting working days long before the bank-holiday data begins is not
 * possible (a carer review due in 2013, done late): then the dates are given instead of a count.
 */
function dueInWords(i: ObligationInstance, today: IsoDate): string {
  try {
    return describeDue(i, today, englandAndWales);
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    if (i.completedOn) return `completed on ${formatDate(i.completedOn)}, due ${formatDate(i.dueOn)}`;
    return `due ${formatDate(i.dueOn)}`;
  }
}

/**
 * Who answers for a supervising social worker's obligation of a placement imported with its
 * household not known: nobody supervises a household Hearth does not know, so the placement team does
 * until a placement officer links the placement to the household (Imported placements to link).
 */
export const UNLINKED_OWNER = 'The placement team (household not known: link it to a household)';

/** A stored row as lists show it: where it stands today, the due date in words, who is responsible. */
function describeStored(r: StoredObligationRow, today: IsoDate): ObligationRow {
  const def = getObligation(r.obligation_id);
  if (!def) throw new Error(`Unknown obligation ${r.obligation_id}`);
  const i = asInstance(r);
  const st = statusOn(i, today, englandAndWales);
  const role = def.responsibleRole;
  const base: Responsible = { role, roleLabel: ROLE_LABELS[role], userId: null, name: null, teamId: null, teamName: null, external: false };
  const responsible: Responsible = r.responsible_user_id
    ? { ...base, userId: r.responsible_user_id, name: r.responsible_name, teamId: r.team_id, teamName: r.team_name }
    : r.external_name !== null
      ? { ...base, name: r.external_name, external: true }
      : r.household_not_known && role === 'supervising_social_worker'
        ? { ...base, name: UNLINKED_OWNER }
        : base;
  return {
    id: r.id,
    obligationId: r.obligation_id,
    title: def.title,
    rule: def.rule,
    sourceRef: def.source.ref,
    status: st,
    statusLabel: OBLIGATION_STATUSES[st],
    startedOn: i.startedOn,
    dueOn: i.dueOn,
    completedOn: i.completedOn ?? null,
    notApplicableReason: i.notApplicableReason ?? null,
    missedReason: i.missedReason ?? null,
    flag: startedWithoutWrittenAgreement(i, today) ? STARTED_WITHOUT_AGREEMENT : null,
    dueText: dueInWords(i, today),
    explanation: i.explanation,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    child: r.child_id && r.child_reference !== null ? { id: r.child_id, reference: r.child_reference, name: r.child_name ?? '' } : null,
    placementId: r.subject_type === 'placement' ? r.subject_id : null,
    household: r.household_id && r.household_reference !== null ? { id: r.household_id, reference: r.household_reference } : null,
    responsible,
    completion: completionFor(i),
  };
}

const asInstance = (r: StoredObligationRow): ObligationInstance => {
  const i: ObligationInstance = { id: r.id, obligationId: r.obligation_id, subjectType: r.subject_type, subjectId: r.subject_id, sequence: r.sequence, startedOn: r.started_on, dueOn: r.due_on, explanation: r.explanation };
  if (r.child_id) i.childId = r.child_id;
  if (r.completed_on) i.completedOn = r.completed_on;
  if (r.not_applicable_reason) i.notApplicableReason = r.not_applicable_reason;
  if (r.missed_reason) i.missedReason = r.missed_reason;
  return i;
};

/**
 * What the stored obligations were derived with. A change of any rule's text (a new obligation, a
 * changed due rule) or of the bank-holiday data changes it, and a rebuild follows; a change of
 * derivation code that keeps the texts must raise DERIVATION_VERSION.
 */
const DERIVATION_VERSION = 3;
/** Worked out when asked: the rules' texts include the local timescales, set at start-up from the configuration. */
export function rulesVersion(): string {
  return createHash('sha256')
    .update(JSON.stringify([DERIVATION_VERSION, REGISTRY.map((d) => [d.id, d.title, d.rule, d.dueRule, d.completes, d.notApplicableWhen, d.firstDue ?? null, d.responsibleRole]), holidayData]))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Refresh the stored obligations of the sources marked dirty (by the triggers of migration 0012, in
 * the same transaction as each change): derive them again from their facts and replace their rows.
 * Readers call it first, so what they read always equals a fresh derivation; the background drain
 * passes `limit` and `skipLocked` so several processes share the work. Returns how many sources.
 */
export async function refreshObligations(tx: DbOrTx, opts: { limit?: number; skipLocked?: boolean; scope?: Scope } = {}): Promise<number> {
  const taken = await store.takeDirtySources(tx, opts);
  if (!taken.length) return 0;
  const childIds = taken.filter((t) => t.source_type === 'child').map((t) => t.source_id);
  const householdIds = taken.filter((t) => t.source_type === 'household').map((t) => t.source_id);
  // Those a rebuild marked when it emptied the table have nothing stored to delete.
  const stored = new Set(taken.filter((t) => !t.none_stored).map((t) => t.source_id));
  for (let i = 0; i < Math.max(childIds.length, householdIds.length); i += REFRESH_BATCH) {
    await storeDerived(tx, childIds.slice(i, i + REFRESH_BATCH), householdIds.slice(i, i + REFRESH_BATCH), stored);
  }
  return taken.length;
}

const REFRESH_BATCH = 2000;

/** Derive the sources' obligations and store them in place of those stored for the ones in `stored`. */
async function storeDerived(tx: DbOrTx, childIds: string[], householdIds: string[], stored: ReadonlySet<string>): Promise<void> {
  const w = await loadWorld(tx, { childIds, householdIds });
  for (const [type, ids] of [['child', childIds], ['household', householdIds]] as const) {
    const replaced = ids.filter((id) => stored.has(id));
    if (replaced.length) await store.deleteStoredFor(tx, type, replaced);
  }
  const rows = new store.StoredObligationRows();
  const notComputed = deriveEach(w, (source, instances) => {
    for (const i of instances) {
      const def = getObligation(i.obligationId);
      if (!def) throw new Error(`Unknown obligation ${i.obligationId}`);
      const householdId = i.subjectType === 'household' ? i.subjectId : i.subjectType === 'placement' ? (w.placementById.get(i.subjectId)?.householdId ?? null) : null;
      rows.add(source, i, def.responsibleRole, householdId);
    }
  });
  await store.insertStoredObligations(tx, rows);
  if (notComputed.length) await store.insertNotComputed(tx, notComputed.map((n) => ({ sourceType: n.subjectType, sourceId: n.id, reason: n.reason })));
}

/** Mark every child and household for a refresh (a rebuild), and record the rules it will be derived with. */
export async function markAllForRebuild(tx: DbOrTx): Promise<number> {
  return store.markAllDirty(tx, rulesVersion());
}

/**
 * Derive and store every marked source, `concurrency` transactions at a time (each takes its batch
 * with SKIP LOCKED): while one derives in JavaScript, another's rows are written by the database.
 * Returns how many sources were refreshed; `onProgress` hears after each batch. `analyze: false`
 * leaves the planner's statistics to the caller (a rebuild's workers).
 */
export async function drainObligations(
  db: Db,
  opts: { batch?: number; concurrency?: number; onProgress?: ((done: number) => void) | undefined; analyze?: boolean } = {},
): Promise<number> {
  let done = 0;
  const worker = async () => {
    for (;;) {
      const n = await db.transaction((tx) => refreshObligations(tx, { limit: opts.batch ?? 500, skipLocked: true }));
      if (n === 0) return;
      done += n;
      opts.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  // The planner's statistics: a rebuild replaces most of the table.
  if (done > 1000 && opts.analyze !== false) await store.analyzeObligations(db);
  return done;
}

/**
 * When the stored rows were derived with other rules or bank holidays (or never), or were lost (the
 * tables are unlogged: PostgreSQL empties them after a crash, and a standby never has them), mark
 * everything for a rebuild.
 */
export async function ensureRulesCurrent(tx: DbOrTx): Promise<boolean> {
  const state = await store.storedRulesState(tx);
  if (state.rulesVersion === rulesVersion() && !state.lost) return false;
  await markAllForRebuild(tx);
  return true;
}

/** The day statuses are worked out for, with the last day that counts as due soon. */
function statusDay(today: IsoDate): StatusDay {
  return { today, dueSoonUntil: dueSoonUntil(today, englandAndWales) };
}


/**
 * The stored obligations matching a filter, as lists show them, overdue first; at most `limit`.
 * The sources in the filter's scope are refreshed first, so what is read equals a fresh derivation.
 */
/** Obligations matching a filter, refreshed first; not audited (callers audit what they show). */
export async function read(tx: DbOrTx, f: ObligationFilter & { instanceId?: string }, today: IsoDate, limit?: number): Promise<{ rows: ObligationRow[]; notComputed: NotComputed[] }> {
  const scope = await scopeFor(tx, f);
  await refreshObligations(tx, { scope });
  const stored = await findObligations(tx, f, statusDay(today), limit);
  const rows = stored.map((r) => describeStored(r, today));
  rows.sort(compareRows);
  const notComputed = (await findNotComputed(tx, scope)).map(presentNotComputed);
  return { rows, notComputed };
}

/** A record whose obligations could not be worked out, as lists give it. */
function presentNotComputed(n: NotComputedRow): NotComputed {
  return { subjectType: n.source_type, id: n.source_id, reference: n.reference ?? '', reason: n.reason };
}

/** A fresh derivation of everything, as the stored rows must equal (tests and the rebuild check use it). */
export async function deriveFresh(tx: DbOrTx): Promise<ObligationInstance[]> {
  const all: ObligationInstance[] = [];
  deriveEach(await loadWorld(tx, { childIds: 'all', householdIds: 'all' }), (_, instances) => all.push(...instances));
  return all;
}

/** The children obligations belong to (each once), for the audit row of a list that shows them. */
function childrenOf(rows: readonly ObligationRow[]): string[] {
  return [...new Set(rows.flatMap((r) => (r.child ? [r.child.id] : [])))];
}

/** The audit row of a list of obligations: what it was about, the filter, how many and which children it showed. */
function listingAudit(filter: ObligationFilter, items: readonly ObligationRow[], more: Record<string, unknown>): AuditEntry {
  return {
    action: 'obligation.listed',
    subjectType: filter.childId ? 'child' : filter.householdId ? 'household' : filter.placementId ? 'placement' : 'system',
    subjectId: filter.childId ?? filter.householdId ?? filter.placementId ?? null,
    details: { filter, count: items.length, ...more },
    childIds: childrenOf(items),
  };
}

export function createObligationService(db: Db, opts: ServiceOptions = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  /**
   * The obligations matching a filter, overdue first, as the site's pages list them: the first
   * LIST_LIMIT (`truncated` when there are more). Audited as a listing, with the filter. The children
   * the person may not read are left out after the read (one check of the few children read), so a
   * page can show fewer than LIST_LIMIT; the API's pages (listPage) leave them out in the query, at
   * the price of a count and the caseload worked out in the query (measured at 20,000 children:
   * My work 38 pages a second this way, 23 that way).
   */
  async function list(ctx: Ctx, filter: ObligationFilter = {}): Promise<ObligationList> {
    const day = today();
    return db.transaction(async (tx) => {
      const found = await read(tx, filter, day, LIST_LIMIT + 1);
      const notComputed = found.notComputed;
      // Only the obligations of children the person may read (caseload access); a household's are the household page's.
      const rows = await keepReadable(tx, ctx, found.rows, (r) => r.child?.id);
      const items = rows.slice(0, LIST_LIMIT);
      await writeAudit(tx, ctx, listingAudit(filter, items, {}));
      return { items, truncated: rows.length > LIST_LIMIT, notComputed, today: day };
    });
  }

  /**
   * One page of the obligations matching a filter, in the list's order, and how many match in all
   * (the API); a page past the last shows the last; without paging, the first API_LIMIT_MAX. The
   * obligations of children the person may not read are left out in the query, so that a page is
   * full and the total true. Audited as a listing, with the filter.
   */
  async function listPage(ctx: Ctx, filter: ObligationFilter = {}, paging: Paging = {}): Promise<ObligationPage> {
    const day = today();
    const d = statusDay(day);
    return db.transaction(async (tx) => {
      const scope = await scopeFor(tx, filter);
      await refreshObligations(tx, { scope });
      // A household's obligations (no child) are kept, as the household page lists them.
      const where = { ...filter, readable: await readableFor(tx, ctx) };
      const listed = await readPage(
        paging,
        () => countObligations(tx, where, d),
        (limit, offset) => findObligations(tx, where, d, limit, offset),
      );
      const page = await mapPage(listed, (rows) => rows.map((r) => describeStored(r, day)));
      const notComputed = (await findNotComputed(tx, scope)).map(presentNotComputed);
      await writeAudit(tx, ctx, listingAudit(filter, page.items, { total: page.total, page: page.page }));
      return { ...page, notComputed, today: day };
    });
  }

  /**
   * Compliance figures for managers over a period (due dates from `from` to `to`), counted in the
   * database, with the first of the overdue, started-without-agreement and missed obligations and how
   * many there are of each.
   */
  async function dashboard(ctx: Ctx, q: { from: IsoDate; to: IsoDate; teamId?: string | undefined; obligationId?: string | undefined }): Promise<Dashboard> {
    const day = today();
    const d = statusDay(day);
    return db.transaction(async (tx) => {
      await refreshObligations(tx, { scope: { childIds: 'all', householdIds: 'all' } });
      const where = { teamId: q.teamId, obligationId: q.obligationId };
      const period = { from: q.from, to: q.to };
      const grouped = await complianceCounts(tx, where, period, d);
      const counts = (grouping: ComplianceGrouping, label: (key: string, name: string | null) => string) =>
        finishGroups(
          grouped
            .filter((g) => g.grouping === grouping)
            .map((g) => {
              const key = g.key ?? '';
              return { key, label: label(key, g.label), overdue: g.overdue, dueSoon: g.due_soon, notYetDue: g.not_yet_due, onTime: g.on_time, late: g.late, missed: g.missed, onTimeShare: null };
            }),
        );
      const [all] = counts('all', () => '');
      const totals = finishTotals(all ?? { overdue: 0, dueSoon: 0, notYetDue: 0, onTime: 0, late: 0, missed: 0 });
      // The figures count every child; the lists name only the children the manager may read (caseload access).
      const page = async (f: ObligationWhere) => keepReadable(tx, ctx, (await findObligations(tx, f, d, DASHBOARD_LIST_LIMIT)).map((r) => describeStored(r, day)), (r) => r.child?.id);
      const agreementWhere: ObligationWhere | null =
        q.obligationId && q.obligationId !== AGREEMENT_OBLIGATION ? null : { ...where, obligationId: AGREEMENT_OBLIGATION, status: OPEN_STATUSES, dueTo: day };
      const result: Dashboard = {
        today: day,
        from: q.from,
        to: q.to,
        totals,
        byTeam: counts('team', (key, name) => (key === 'none' ? 'Not allocated' : (name ?? ''))),
        byWorker: counts('worker', (key, name) => (key === 'none' ? 'Not allocated' : key === 'external' ? 'Social workers of other authorities' : (name ?? ''))),
        byObligation: counts('obligation', (key) => getObligation(key)?.title ?? key),
        overdue: await page({ ...where, status: ['overdue'] }),
        overdueTotal: totals.overdue,
        startedWithoutAgreement: agreementWhere ? (await page(agreementWhere)).filter((r) => r.flag === STARTED_WITHOUT_AGREEMENT) : [],
        startedWithoutAgreementTotal: agreementWhere ? await countObligations(tx, agreementWhere, d) : 0,
        missed: await page({ ...where, status: ['missed'] }),
        missedTotal: await countObligations(tx, { ...where, status: ['missed'] }, d),
        notComputed: (await findNotComputed(tx, { childIds: 'all', householdIds: 'all' })).map((n) => ({ subjectType: n.source_type, id: n.source_id, reference: n.reference ?? '', reason: n.reason })),
      };
      await writeAudit(tx, ctx, {
        action: 'obligation.dashboard.viewed',
        subjectType: 'system',
        details: { ...q, overdue: result.overdueTotal },
        childIds: childrenOf([...result.overdue, ...result.startedWithoutAgreement, ...result.missed]),
      });
      return result;
    });
  }

  /** Every matching obligation for a CSV download (no limit). Audited as an export. */
  async function exportRows(ctx: Ctx, filter: ObligationFilter): Promise<ObligationRow[]> {
    const day = today();
    return db.transaction(async (tx) => {
      const rows = await keepReadable(tx, ctx, (await read(tx, filter, day)).rows, (r) => r.child?.id);
      await writeAudit(tx, ctx, { action: 'obligation.exported', subjectType: 'system', details: { filter, count: rows.length }, childIds: childrenOf(rows) });
      return rows;
    });
  }

  async function eventsForChild(tx: DbOrTx, childId: string, limit?: number): Promise<RecordedEvent[]> {
    const rows = await facts.childEventsWithNames(tx, childId, limit);
    return rows.map((r) => ({
      id: r.e.id,
      kind: r.e.kind,
      kindLabel: CHILD_EVENT_KINDS[r.e.kind as keyof typeof CHILD_EVENT_KINDS] ?? r.e.kind,
      eventDate: r.e.eventDate,
      placementId: r.e.placementId,
      aboutChildId: r.e.aboutChildId,
      aboutChildReference: r.aboutChildReference,
      periodEndsOn: r.e.periodEndsOn,
      evidence: r.e.evidence,
      recordedByName: r.recordedByName,
      recordedAt: r.e.recordedAt,
      version: r.e.version,
    }));
  }

  async function eventsForHousehold(tx: DbOrTx, householdId: string, limit?: number): Promise<RecordedEvent[]> {
    const rows = await facts.householdEventsWithNames(tx, householdId, limit);
    return rows.map((r) => ({
      id: r.e.id,
      kind: r.e.kind,
      kindLabel: HOUSEHOLD_EVENT_KINDS[r.e.kind as keyof typeof HOUSEHOLD_EVENT_KINDS] ?? r.e.kind,
      eventDate: r.e.eventDate,
      placementId: r.e.placementId,
      aboutChildId: null,
      aboutChildReference: null,
      periodEndsOn: null,
      evidence: r.e.evidence,
      recordedByName: r.recordedByName,
      recordedAt: r.e.recordedAt,
      version: r.e.version,
    }));
  }

  /** The recorded events of a child (for its page). Part of viewing the child: audited with the list. */
  async function childEvents(ctx: Ctx, childId: string): Promise<RecordedEvent[]> {
    return (await latestChildEvents(ctx, childId)).events;
  }

  /**
   * The latest `limit` recorded events of a child (all without a limit), latest first, and how many
   * there are. Part of viewing the child: audited with the list.
   */
  async function latestChildEvents(ctx: Ctx, childId: string, limit?: number): Promise<{ events: RecordedEvent[]; total: number }> {
    return db.transaction(async (tx) => {
      if (!(await childExists(tx, childId))) throw new NotFoundError('Child');
      const events = await eventsForChild(tx, childId, limit);
      const total = limit !== undefined && events.length === limit ? await facts.countChildEvents(tx, childId) : events.length;
      await writeAudit(tx, ctx, { action: 'obligation.listed', subjectType: 'child', subjectId: childId, details: { events: events.length, ...(total > events.length ? { total } : {}) } });
      return { events, total };
    });
  }

  async function householdEvents(ctx: Ctx, householdId: string): Promise<RecordedEvent[]> {
    return db.transaction(async (tx) => {
      if (!(await householdExists(tx, householdId))) throw new NotFoundError('Household');
      const events = await eventsForHousehold(tx, householdId);
      await writeAudit(tx, ctx, { action: 'obligation.listed', subjectType: 'household', subjectId: householdId, details: { events: events.length } });
      return events;
    });
  }

  /** A household's latest `limit` recorded events (all without one), and how many it has in all: its page shows the latest and links to the rest. */
  async function latestHouseholdEvents(ctx: Ctx, householdId: string, limit?: number): Promise<{ events: RecordedEvent[]; total: number }> {
    return db.transaction(async (tx) => {
      if (!(await householdExists(tx, householdId))) throw new NotFoundError('Household');
      const events = await eventsForHousehold(tx, householdId, limit);
      const total = limit !== undefined && events.length === limit ? await facts.countHouseholdEvents(tx, householdId) : events.length;
      await writeAudit(tx, ctx, { action: 'obligation.listed', subjectType: 'household', subjectId: householdId, details: { events: events.length, ...(total > events.length ? { total } : {}) } });
      return { events, total };
    });
  }

  /** Refused unless the actor's role may record this kind of event (one rule: src/domain/access/recording.ts). */
  function assertMayRecord(ctx: Ctx, kind: string): void {
    if (ctx.actor && !mayRecordEventKind(ctx.actor.role, kind)) throw new ForbiddenError('Your role does not record this kind of event');
  }

  /** Validate and insert one of a child's events, with its audit row, inside the caller's transaction. */
  async function insertChildEvent(tx: DbOrTx, ctx: Ctx, childId: string, input: ChildEventInput, day: IsoDate): Promise<{ id: string }> {
    assertMayRecord(ctx, input.kind);
    const c = await lockChildBirthDate(tx, childId);
    if (!c) throw new NotFoundError('Child');
    const errors: FieldError[] = eventDateErrors(input, day);
    if (compareDates(input.eventDate, c.dateOfBirth) < 0) errors.push({ field: 'eventDate', message: "The date must be on or after the child's date of birth" });
    // A looked-after review's REVIEW_CODE: a code of the collection year containing today; PN0 if and only if under 4.
    errors.push(...participationErrors(input, c.dateOfBirth, collectionYearOn(day)));
    if (input.placementId) {
      const p = await facts.placementParties(tx, input.placementId);
      if (!p || p.childId !== childId) errors.push({ field: 'placementId', message: "Select one of this child's placements" });
    }
    if (input.aboutChildId) {
      const known = await childExists(tx, input.aboutChildId);
      if (!known || input.aboutChildId === childId) errors.push({ field: 'aboutChildId', message: 'Select the child already placed with the carers' });
    }
    if (errors.length) throw new ValidationError(errors);
    const row = await facts.insertRecordedChildEvent(tx, { childId, ...input, recordedBy: ctx.actor?.userId ?? null });
    await writeAudit(tx, ctx, {
      action: 'obligation.event.recorded',
      subjectType: 'child',
      subjectId: childId,
      details: {
        eventId: row.id,
        kind: input.kind,
        eventDate: input.eventDate,
        placementId: input.placementId,
        aboutChildId: input.aboutChildId,
        ...(input.participationCode ? { participationCode: input.participationCode } : {}),
      },
    });
    return row;
  }

  /** Record that something happened for a child: a plan written, a meeting held, a visit made… */
  async function recordChildEvent(ctx: Ctx, childId: string, raw: unknown): Promise<{ id: string }> {
    const day = today();
    // Refused for the kind before any other question is looked at.
    const asked = (raw as { kind?: unknown } | null)?.kind;
    if (typeof asked === 'string') assertMayRecord(ctx, asked);
    const input = parseInput(ChildEventInput, raw);
    return db.transaction((tx) => insertChildEvent(tx, ctx, childId, input, day));
  }

  /**
   * The independent reviewing officer records a looked-after review: the review (with how the child
   * took part and the decisions) and, when it was reviewed there, the delegated authority, in one
   * transaction.
   */
  async function recordReview(ctx: Ctx, childId: string, raw: unknown): Promise<{ id: string }> {
    const day = today();
    const input = parseInput(LookedAfterReviewInput, raw);
    assertMayRecord(ctx, 'review_held');
    const evidence = reviewEvidence(input);
    return db.transaction(async (tx) => {
      const base = { eventDate: input.eventDate, placementId: null, aboutChildId: null, periodEndsOn: null, evidence };
      const missing = attendanceErrors(input);
      let review: { id: string };
      try {
        review = await insertChildEvent(tx, ctx, childId, { ...base, kind: 'review_held', participationCode: input.participationCode }, day);
      } catch (err) {
        if (err instanceof ValidationError && missing.length) throw new ValidationError([...err.errors, ...missing]);
        throw err;
      }
      if (!input.carersAttendance || !input.keyworkerAttendance) throw new ValidationError(missing);
      await facts.insertReviewAttendance(tx, { eventId: review.id, carers: input.carersAttendance, keyworker: input.keyworkerAttendance });
      if (input.delegatedAuthorityReviewed) {
        await insertChildEvent(tx, ctx, childId, { ...base, kind: 'delegated_authority_reviewed', participationCode: null, evidence: `Reviewed at the looked-after review.\n${evidence}` }, day);
      }
      return review;
    });
  }

  /** Record a foster carer review or a change of terms of approval for a household. */
  async function recordHouseholdEvent(ctx: Ctx, householdId: string, raw: unknown): Promise<{ id: string }> {
    const day = today();
    const asked = (raw as { kind?: unknown } | null)?.kind;
    if (typeof asked === 'string') assertMayRecord(ctx, asked);
    const input = parseInput(HouseholdEventInput, raw);
    return db.transaction(async (tx) => {
      const h = await facts.lockHousehold(tx, householdId);
      if (!h) throw new NotFoundError('Household');
      const errors: FieldError[] = eventDateErrors(input, day);
      if (input.placementId) {
        const p = await facts.placementParties(tx, input.placementId);
        if (!p || p.householdId !== householdId) errors.push({ field: 'placementId', message: 'Select one of the placements with this household' });
      }
      if (errors.length) throw new ValidationError(errors);
      const row = await facts.insertHouseholdEvent(tx, { householdId, ...input, recordedBy: ctx.actor?.userId ?? null });
      await writeAudit(tx, ctx, {
        action: 'obligation.event.recorded',
        subjectType: 'household',
        subjectId: householdId,
        details: { eventId: row.id, kind: input.kind, eventDate: input.eventDate, placementId: input.placementId },
      });
      return row;
    });
  }

  /**
   * Correct a recorded event's date or evidence, with the reason. The obligations follow on the
   * next read. The previous values go into the audit row, so nothing is lost.
   */
  async function correctEvent(ctx: Ctx, subject: EventSubject, subjectId: string, eventId: string, version: number, raw: unknown): Promise<void> {
    const day = today();
    const input = parseInput(EventCorrectionInput, raw);
    await db.transaction(async (tx) => {
      const before = await loadEvent(tx, subject, subjectId, eventId);
      assertMayRecord(ctx, before.kind);
      const errors = eventDateErrors(input, day);
      if (subject === 'child') {
        const c = await childForRules(tx, subjectId);
        if (c && compareDates(input.eventDate, c.dateOfBirth) < 0) errors.push({ field: 'eventDate', message: "The date must be on or after the child's date of birth" });
      }
      if (input.periodEndsOn && before.kind !== 'parent_and_child_review_held') errors.push({ field: 'periodEndsOn', message: 'Only a parent-and-child review sets the end of the next review period' });
      if (errors.length) throw new ValidationError(errors);
      const after = { eventDate: input.eventDate, evidence: input.evidence, ...(subject === 'child' ? { periodEndsOn: input.periodEndsOn } : {}) };
      const result = await facts.updateRecordedEvent(tx, subject, eventId, version, after);
      if (result === 'missing') throw new NotFoundError('Recorded event');
      if (result === 'stale') throw new StaleRecordError('Recorded event');
      await writeAudit(tx, ctx, {
        action: 'obligation.event.corrected',
        subjectType: subject,
        subjectId,
        details: {
          eventId,
          kind: before.kind,
          reason: input.reason,
          before: { eventDate: before.eventDate, evidence: before.evidence, ...(subject === 'child' ? { periodEndsOn: before.periodEndsOn } : {}) },
          after,
        },
      });
    });
  }

  /** One recorded event, for the correction form. */
  async function getEvent(ctx: Ctx, subject: EventSubject, subjectId: string, eventId: string): Promise<RecordedEvent> {
    return db.transaction(async (tx) => {
      const events = subject === 'child' ? await eventsForChild(tx, subjectId) : await eventsForHousehold(tx, subjectId);
      const e = events.find((x) => x.id === eventId);
      if (!e) throw new NotFoundError('Recorded event');
      await writeAudit(tx, ctx, { action: 'obligation.listed', subjectType: subject, subjectId, details: { eventId } });
      return e;
    });
  }

  /**
   * Choices for the form that records a child's event: the child's placements and the children
   * placed with the same carers. Showing them is a view of the child's record, so it is audited.
   */
  async function recordingChoices(ctx: Ctx, childId: string): Promise<RecordingChoices> {
    return db.transaction(async (tx) => {
      const c = await facts.childLabelOf(tx, childId);
      if (!c) throw new NotFoundError('Child');
      const ps = await facts.uncancelledPlacementsOfChild(tx, childId);
      const householdIds = [...new Set(ps.map((p) => p.householdId))];
      const others = householdIds.length
        ? await facts.otherChildrenPlacedWith(tx, householdIds, childId)
        : [];
      await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: childId, details: { purpose: 'record an event' } });
      return {
        subject: { id: c.id, label: `${c.name} (${c.reference})` },
        placements: ps.map((p) => ({ id: p.id, label: `Household ${p.reference}, from ${formatDate(p.startDate)}` })),
        otherChildren: others.sort((a, b) => a.reference.localeCompare(b.reference)).map((o) => ({ id: o.id, label: `${o.name} (${o.reference})` })),
      };
    });
  }

  /**
   * What the independent reviewing officer reads before recording a review: the carers' and keyworker's
   * feedback received since the last review held (Placement stability guidance: they "feedback into all
   * CLA review processes"), newest first, with who recorded it.
   */
  async function feedbackForNextReview(ctx: Ctx, childId: string): Promise<{ eventDate: IsoDate; evidence: string; recordedByName: string | null; lastReviewOn: IsoDate | null }[]> {
    return db.transaction(async (tx) => {
      const events = await facts.childEventsWithNames(tx, childId);
      const lastReviewOn = events.find((r) => r.e.kind === 'review_held')?.e.eventDate ?? null;
      const feedback = events
        .filter((r) => r.e.kind === 'review_feedback_received' && (lastReviewOn === null || compareDates(r.e.eventDate, lastReviewOn) > 0))
        .map((r) => ({ eventDate: r.e.eventDate, evidence: r.e.evidence, recordedByName: r.recordedByName, lastReviewOn }));
      await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: childId, details: { purpose: 'feedback for the looked-after review', count: feedback.length } });
      return feedback;
    });
  }

  /** Choices for the form that records a household's event: the placements with the household. */
  async function householdRecordingChoices(ctx: Ctx, householdId: string): Promise<RecordingChoices> {
    return db.transaction(async (tx) => {
      const h = await findHouseholdReference(tx, householdId);
      if (!h) throw new NotFoundError('Household');
      const ps = await facts.uncancelledPlacementsInHousehold(tx, householdId);
      await writeAudit(tx, ctx, { action: 'household.viewed', subjectType: 'household', subjectId: householdId, details: { purpose: 'record an event' } });
      return {
        subject: { id: h.id, label: `Household ${h.reference}` },
        placements: ps.map((p) => ({ id: p.id, label: `${p.name} (${p.reference}), from ${formatDate(p.startDate)}` })),
        otherChildren: [],
      };
    });
  }

  /**
   * A manager closes an open obligation that can no longer be met, as missed (it counts as missed in
   * the compliance figures) or not applicable, with the reason. It leaves the overdue lists and stays
   * in the record's history with who closed it, when and why.
   */
  async function close(ctx: Ctx, instanceId: string, raw: unknown): Promise<ObligationRow> {
    const input = parseInput(CloseInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      const { def, filter } = instanceRecord(instanceId);
      const [row] = (await read(tx, { ...filter, instanceId }, day)).rows;
      if (!row) throw new NotFoundError('Obligation');
      if (!OPEN_STATUSES.includes(row.status)) {
        throw new ValidationError([{ field: 'outcome', message: `Only an open obligation can be closed: this one is ${OBLIGATION_STATUSES[row.status].toLowerCase()}` }]);
      }
      const owner = def.scope === 'child' ? { childId: row.child?.id ?? null, householdId: null } : { childId: null, householdId: row.household?.id ?? null };
      if (!owner.childId && !owner.householdId) throw new NotFoundError('Obligation');
      await facts.insertClosure(tx, { instanceId, obligationId: def.id, ...owner, outcome: input.outcome, reason: input.reason, closedOn: day, closedBy: ctx.actor?.userId ?? null });
      await writeAudit(tx, ctx, {
        action: 'obligation.closed',
        subjectType: owner.childId ? 'child' : 'household',
        subjectId: owner.childId ?? owner.householdId,
        details: { instanceId, obligationId: def.id, outcome: input.outcome, reason: input.reason, statusBefore: row.status, dueOn: row.dueOn },
      });
      const [after] = (await read(tx, { ...filter, instanceId }, day)).rows;
      if (!after) throw new Error('closed obligation vanished');
      return after;
    });
  }

  /** One obligation, for the page that closes it (audited as a view of the record it belongs to). */
  async function getOne(ctx: Ctx, instanceId: string): Promise<ObligationRow> {
    const day = today();
    return db.transaction(async (tx) => {
      const { filter } = instanceRecord(instanceId);
      const [row] = (await read(tx, { ...filter, instanceId }, day)).rows;
      if (!row) throw new NotFoundError('Obligation');
      await writeAudit(tx, ctx, { action: 'obligation.listed', subjectType: row.child ? 'child' : 'household', subjectId: row.child?.id ?? row.household?.id ?? null, details: { instanceId } });
      return row;
    });
  }

  /**
   * Keep the stored obligations current in the background: on start, a change of rules or bank
   * holidays marks everything for a rebuild; then every few seconds a batch of marked children and
   * households is refreshed (claimed with SKIP LOCKED, so several processes share the work).
   */
  function startRefreshLoop(o: { everyMs?: number; log?: { error: (obj: unknown, msg: string) => void; info: (obj: unknown, msg: string) => void } } = {}) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await db.transaction((tx) => ensureRulesCurrent(tx));
        await drainObligations(db, { batch: 200 });
      } catch (err) {
        o.log?.error({ error: loggableError(err) }, 'refreshing obligations failed');
      } finally {
        running = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), o.everyMs ?? 5_000);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** How far behind the stored obligations are: children and households waiting to be refreshed. */
  async function pending(): Promise<number> {
    return store.countDirty(db);
  }

  /** Teams, for the dashboard's filter (names of teams are not personal data: not audited). */
  async function teams(): Promise<{ id: string; name: string }[]> {
    return facts.teamOptions(db);
  }

  return {
    today,
    teams,
    list,
    listPage,
    dashboard,
    exportRows,
    childEvents,
    latestChildEvents,
    householdEvents,
    latestHouseholdEvents,
    recordChildEvent,
    recordReview,
    feedbackForNextReview,
    recordHouseholdEvent,
    correctEvent,
    getEvent,
    close,
    getOne,
    startRefreshLoop,
    pending,
    recordingChoices,
    householdRecordingChoices,
    registry: REGISTRY,
    placementEventKinds: PLACEMENT_EVENT_KINDS,
  };
}

export type ObligationService = ReturnType<typeof createObligationService>;
