import { z } from 'zod';
import type { Db, DbOrTx } from '../data/db.ts';
import * as placements from '../data/repositories/placements.ts';
import { childForRules, childIdByReference, childNames } from '../data/repositories/children.ts';
import { carerNames, householdIdByReference } from '../data/repositories/households.ts';
import { mapPage, readPage, type Listed, type Paging } from './paging.ts';
import { writeAudit } from '../audit/writer.ts';
import { readableFor } from './readable.ts';
import { LIVE_STATUSES, PLACEMENT_FLAG_NAMES, clashingPlacement, placementAgeProblems, placementInputOn, placementUpdateInputOn, type PlacementInput, type PlacementPeriod, type PlacementStatus } from '../domain/records/placement.ts';
import { compareDates, formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { isEmergency, kindReasons, roomReasons, startsBeforeToday, type ExistingChildRecord } from '../domain/placements/entry.ts';
import { termsReasons } from '../domain/matching/constraints.ts';
import type { PlacementKind } from '../domain/records/household.ts';
import { optionalText } from '../domain/records/fields.ts';
import { currentPlacements, decide, lockChildren, startPlacements } from './placement-entry.ts';
import { householdFacts, siblingLinksOf } from './matching.ts';
import { checkEnding } from './moves.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Placement = placements.PlacementRow;
export type PlacementFilter = {
  q?: string | undefined;
  status?: PlacementStatus | undefined;
  placementType?: string | undefined;
  householdId?: string | undefined;
  householdReference?: string | undefined;
  childId?: string | undefined;
};

type ChildSummary = { id: string; reference: string; firstName: string; lastName: string };
type HouseholdSummary = { id: string; reference: string; carers: string };

export type PlacementListItem = Placement & { child: ChildSummary; household: { id: string; reference: string } };
export type PlacementView = Placement & { child: ChildSummary; household: HouseholdSummary; emergencyAuthorisedByName: string | null };

const MAX_REFERENCE = 50;

/**
 * Placements of children with foster households: dates, type, status, and the details (kind,
 * emergency, terms of approval, visits, assessment period) that decide which obligations apply.
 */
export function createPlacementService(db: Db, opts: { today?: () => IsoDate } = {}) {
  /** Today in England: the SSDA903 codes offered are those of the collection year containing it. */
  const today = opts.today ?? (() => todayInEngland(new Date()));

  /** One page of the placements matching a filter, latest start first, and how many match in all. */
  async function list(ctx: Ctx, filter: PlacementFilter = {}, paging: Paging = {}): Promise<Listed<PlacementListItem>> {
    return db.transaction(async (tx) => {
      // Only the placements of children the person may read (caseload access).
      const where = { ...filter, readable: await readableFor(tx, ctx) };
      const listed = await readPage(
        paging,
        () => placements.countPlacements(tx, where),
        (limit, offset) => placements.listPlacements(tx, where, limit, offset),
      );
      const page = await mapPage(listed, (rows) => rows.map((r) => ({ ...r.p, child: r.child, household: r.household })));
      await writeAudit(tx, ctx, {
        action: 'placement.listed',
        subjectType: 'placement',
        details: { filter, count: page.items.length, total: page.total, page: page.page },
        childIds: page.items.map((p) => p.child.id),
      });
      return page;
    });
  }

  async function get(ctx: Ctx, id: string): Promise<PlacementView> {
    return db.transaction(async (tx) => {
      const view = await load(tx, id);
      await writeAudit(tx, ctx, { action: 'placement.viewed', subjectType: 'placement', subjectId: id, details: { childId: view.childId } });
      return view;
    });
  }

  /**
   * A placement starting today or later, through the placement gate: refused with every reason it
   * may not start, unless a head of service authorises an emergency placement with a reason. A
   * child who lives elsewhere until then moves: `currentPlacementEndReason` ends that placement on
   * the day this one starts.
   */
  async function create(ctx: Ctx, raw: unknown): Promise<Placement> {
    return enter(ctx, raw, 'new');
  }

  /**
   * A placement that began before today (migration, late recording): the same checks, run on the
   * day it began; every check it did not meet is kept on the placement as a missed obligation
   * instead of refusing it. The reason it is recorded late is required.
   */
  async function recordPast(ctx: Ctx, raw: unknown): Promise<Placement> {
    return enter(ctx, raw, 'past');
  }

  async function enter(ctx: Ctx, raw: unknown, mode: 'new' | 'past'): Promise<Placement> {
    const day = today();
    const extras = parseInput(EntryExtras, raw);
    return db.transaction(async (tx) => {
      const input = await parseWithReferences(tx, raw, day);
      const byReference = isRecord(raw) && 'householdReference' in raw && !raw.householdId;
      const field = byReference ? 'householdReference' : 'householdId';
      const errors: FieldError[] = [];
      if (!input.kind) errors.push({ field: 'kind', message: "Select the kind of placement: it is checked against the carers' terms of approval" });
      if (mode === 'new' && !LIVE_STATUSES.includes(input.status)) {
        errors.push({ field: 'status', message: 'A placement starting today or later is planned or active: to record a placement that has already ended, record a past placement' });
      }
      if (mode === 'past' && (input.status === 'cancelled' || input.status === 'planned')) {
        errors.push({ field: 'status', message: 'A past placement has begun: choose "Active" if the child still lives there, or "Ended"' });
      }
      if (mode === 'past' && !extras.recordedLateReason) errors.push({ field: 'recordedLateReason', message: 'Enter why this placement is recorded after it began' });
      const child = await childForRules(tx, input.childId);
      if (child) errors.push(...placementAgeProblems(input, child.dateOfBirth, day));
      if (extras.emergencyAuthorisationReason && ctx.actor?.role !== 'head_of_service') {
        errors.push({ field: 'emergencyAuthorisationReason', message: 'Only a head of service can authorise an emergency placement before every check is met: leave this blank, or ask a head of service to record the placement' });
      }
      if (errors.length) throw new ValidationError(errors);
      const current = extras.currentPlacementEndReason ? await currentPlacements(tx, [input.childId], input.startDate) : [];
      const { childId, householdId, startDate, status, endDate, kind, ...values } = input;
      const authorisation =
        extras.emergencyAuthorisationReason && ctx.actor ? { userId: ctx.actor.userId, byHeadOfService: ctx.actor.role === 'head_of_service', reason: extras.emergencyAuthorisationReason, at: new Date() } : null;
      const { ids, decision, ended } = await startPlacements(
        tx,
        ctx,
        {
          householdId,
          startDate,
          kind: kind!,
          emergency: isEmergency({ kind, emergency: input.emergency }),
          children: [{ childId, values, status, endDate }],
          existing: [],
          authorisation,
          endReasons: Object.fromEntries(current.map((c) => [c.id, extras.currentPlacementEndReason!])),
          mode,
          recordedLateReason: extras.recordedLateReason,
          field,
          endReasonField: 'currentPlacementEndReason',
        },
        day,
      );
      const row = await placements.findPlacement(tx, ids[0]!);
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, ctx, {
        action: 'placement.created',
        subjectType: 'placement',
        subjectId: row.id,
        details: {
          childId: row.childId,
          householdId: row.householdId,
          status: row.status,
          placementType: row.placementType,
          kind: row.kind,
          flags: PLACEMENT_FLAG_NAMES.filter((f) => row[f]),
          assessmentPeriodEndsOn: row.assessmentPeriodEndsOn,
          reasonEnded: row.reasonEnded,
          provider: row.provider,
          urn: row.urn,
          mode,
          ...(decision.waived.length ? { emergencyAuthorisation: extras.emergencyAuthorisationReason, waived: decision.waived.map((r) => r.code) } : {}),
          ...(row.entryBreaches.length ? { breaches: row.entryBreaches.map((b) => b.code), recordedLateReason: row.recordedLateReason } : {}),
          ...(ended.length ? { moveFrom: ended.map((e) => e.id) } : {}),
        },
      });
      return row;
    });
  }

  /**
   * A change to a placement. When the change makes the child start living in the household on a
   * different day (a new start date, or a cancelled or ended placement made live again), the gate
   * runs again on that day, with the agreements recorded for this placement; when the end date moves
   * later (or goes), the household must still have room on every day a child joins it in the extra
   * time. A start before today is kept with every check it did not meet, as a past placement is.
   */
  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const day = today();
    const input = parseInput(placementUpdateInputOn(day), raw);
    await db.transaction(async (tx) => {
      const current = await placements.lockPlacement(tx, id);
      if (!current) throw new NotFoundError('Placement');
      if (current.version !== version) throw new StaleRecordError('Placement');
      const child = (await lockChildren(tx, [current.childId])).get(current.childId);
      if (child && (input.placementType !== current.placementType || input.startDate !== current.startDate)) {
        const problems = placementAgeProblems(input, child.dateOfBirth, day);
        if (problems.length) throw new ValidationError(problems);
      }
      await followMove(tx, ctx, current, input);
      await assertNoClash(tx, { ...input, id, childId: current.childId });
      const live = LIVE_STATUSES.includes(input.status);
      const enters = live && (input.startDate !== current.startDate || !LIVE_STATUSES.includes(current.status));
      let entryBreaches = current.entryBreaches;
      if (enters) {
        const kind = input.kind ?? current.kind;
        if (!kind) throw new ValidationError([{ field: 'kind', message: "Select the kind of placement: it is checked against the carers' terms of approval" }]);
        const c = await childForRules(tx, current.childId);
        const decision = await decide(
          tx,
          {
            householdId: current.householdId,
            startDate: input.startDate,
            kind,
            emergency: isEmergency({ kind, emergency: input.emergency }),
            existing: await recordedAbout(tx, id),
            children: c ? [c] : [],
            authorisation: current.emergencyAuthorisedReason ? { byHeadOfService: true, reason: current.emergencyAuthorisedReason } : null,
          },
          day,
        );
        if (startsBeforeToday(input.startDate, day)) entryBreaches = decision.blocking.filter((r) => r.code !== 'agreement-missing').map((r) => ({ code: r.code, message: r.message }));
        else if (!decision.allowed) throw new ValidationError(decision.blocking.map((r) => ({ field: 'startDate', message: r.message })));
        else entryBreaches = [];
      } else if (live && input.kind && input.kind !== current.kind) {
        // A new kind must be within the carers' terms of approval (dual approval, skill level…) from today.
        const problems = await kindAllowed(
          tx,
          {
            childId: current.childId,
            householdId: current.householdId,
            kind: input.kind,
            on: compareDates(input.startDate, day) > 0 ? input.startDate : day,
            // CPPCR reg 23: an emergency placement may be outside the carers' terms, and is then flagged so.
            outsideTerms: input.outsideTermsOfApproval && isEmergency({ kind: input.kind, emergency: input.emergency }),
          },
          day,
        );
        if (problems.length) throw new ValidationError(problems.map((message) => ({ field: 'kind', message })));
      }
      if (!enters && live && endsLater(current.endDate, input.endDate)) {
        const problems = await roomUntil(tx, { placementId: id, childId: current.childId, householdId: current.householdId, kind: input.kind ?? current.kind, from: current.endDate!, to: input.endDate }, day);
        if (problems.length) throw new ValidationError(problems.map((message) => ({ field: 'endDate', message })));
      }
      // Moves are agreed, not done: a live placement given an end (or an earlier one) passes the ending gate,
      // and so does the correction of an ended placement's end date when its ending went through the gate (a
      // planned end or the child leaving care holds only on its own day). An ending kept as history, without
      // a basis (imported, or ended before endings needed agreement), is corrected as history (ADR 0012).
      let ending: { endingBasis: typeof current.endingBasis; moveRequestId: string | null } | Record<string, never> = {};
      const gated = LIVE_STATUSES.includes(current.status) || (current.status === 'ended' && current.endingBasis !== null && input.endDate !== current.endDate);
      if (input.endDate === null) ending = { endingBasis: null, moveRequestId: null };
      else if (gated && input.status !== 'cancelled' && (input.endDate !== current.endDate || !current.endingBasis)) {
        const e = await checkEnding(tx, { id, childId: current.childId, placementType: input.placementType }, input.endDate, input.reasonEnded ?? null, 'endDate');
        ending = { endingBasis: e.basis, moveRequestId: e.moveRequestId };
      }
      const result = await placements.updatePlacement(tx, id, version, { ...input, entryBreaches, ...ending });
      if (result === 'missing') throw new NotFoundError('Placement');
      if (result === 'stale') throw new StaleRecordError('Placement');
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== current[k]);
      await writeAudit(tx, ctx, {
        action: 'placement.updated',
        subjectType: 'placement',
        subjectId: id,
        details: {
          fields: changed,
          status: input.status,
          ...(input.reasonEnded ? { reasonEnded: input.reasonEnded } : {}),
          ...(enters ? { gate: true, breaches: entryBreaches.map((b) => b.code) } : {}),
          ...('endingBasis' in ending && ending.endingBasis ? { endingBasis: ending.endingBasis, moveRequestId: ending.moveRequestId } : {}),
        },
      });
    });
  }

  return { list, get, create, recordPast, update, today };
}

/**
 * Pages and API clients may name the child and household by reference (C…, H…) instead of id.
 * Unknown references are reported against the reference field; all problems come back together.
 */
async function parseWithReferences(tx: DbOrTx, raw: unknown, today: IsoDate): Promise<PlacementInput> {
  const body: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  const refErrors: FieldError[] = [];
  const lookups = [
    { refField: 'childReference', idField: 'childId', table: 'child', noun: 'child', label: "the child's reference" },
    { refField: 'householdReference', idField: 'householdId', table: 'household', noun: 'household', label: "the household's reference" },
  ] as const;
  for (const l of lookups) {
    if (!(l.refField in body) || (body[l.idField] !== undefined && body[l.idField] !== '')) continue;
    const ref = body[l.refField];
    delete body[l.refField];
    if (typeof ref !== 'string' || !ref.trim()) {
      refErrors.push({ field: l.refField, message: `Enter ${l.label}` });
      continue;
    }
    if (ref.trim().length > MAX_REFERENCE) {
      refErrors.push({ field: l.refField, message: `No ${l.noun} has that reference` });
      continue;
    }
    const id = l.table === 'child' ? await childIdByReference(tx, ref.trim()) : await householdIdByReference(tx, ref.trim());
    if (id) body[l.idField] = id;
    else refErrors.push({ field: l.refField, message: `No ${l.noun} has the reference ${ref.trim()}` });
  }
  try {
    const input = parseInput(placementInputOn(today), body);
    if (refErrors.length) throw new ValidationError(refErrors);
    return input;
  } catch (err) {
    if (!(err instanceof ValidationError) || !refErrors.length) throw err;
    const covered = new Set<string>(refErrors.map((e) => (e.field === 'childReference' ? 'childId' : 'householdId')));
    throw new ValidationError([...refErrors, ...err.errors.filter((e) => !covered.has(e.field) && !refErrors.some((r) => r.field === e.field))]);
  }
}

async function assertNoClash(tx: DbOrTx, candidate: PlacementPeriod & { childId: string }) {
  const others = await placements.livePlacementsOfChild(tx, candidate.childId);
  const clash = clashingPlacement(candidate, others);
  if (clash) {
    const until = clash.endDate ? ` to ${formatDate(clash.endDate)}` : '';
    throw new ValidationError([
      {
        field: 'startDate',
        message: `This child already has ${clash.status === 'active' ? 'an active' : 'a planned'} placement with household ${clash.householdReference} from ${formatDate(clash.startDate)}${until} that overlaps these dates. End or cancel that placement first, or change the dates.`,
      },
    ]);
  }
}

async function load(tx: DbOrTx, id: string): Promise<PlacementView> {
  const row = await placements.findPlacementWithParties(tx, id);
  if (!row) throw new NotFoundError('Placement');
  const carers = await carerNames(tx, row.household.id);
  const authoriserName = row.p.emergencyAuthorisedBy ? await placements.userName(tx, row.p.emergencyAuthorisedBy) : undefined;
  return {
    ...row.p,
    child: row.child,
    household: { ...row.household, carers: carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and ') },
    emergencyAuthorisedByName: authoriserName ?? null,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields of a new placement that are not columns: who authorised an emergency, a move, a late record. */
const EntryExtras = z.object({
  emergencyAuthorisationReason: optionalText("the head of service's reason for authorising the emergency placement", 5000),
  currentPlacementEndReason: z
    .union([z.string(), z.null()], { error: 'Select the reason the current placement ends' })
    .optional()
    .transform((v) => (v && v.trim() ? v.trim().toUpperCase() : null)),
  recordedLateReason: optionalText('why this placement is recorded after it began', 5000),
});

/** True when `next` ends later than `previous` (no end is latest of all). */
function endsLater(previous: IsoDate | null, next: IsoDate | null): boolean {
  if (previous === null) return false;
  return next === null || compareDates(next, previous) > 0;
}

/**
 * What is recorded about the children already living with the household, for an existing
 * placement: the written agreements recorded for it (agreement_recorded events naming the child)
 * and, when it came from a proposal, the considerations made then.
 */
async function recordedAbout(tx: DbOrTx, placementId: string): Promise<ExistingChildRecord[]> {
  const agreed = await placements.agreementsRecordedFor(tx, placementId);
  const considered = await placements.considerationsForPlacement(tx, placementId);
  const ids = [...new Set([...agreed.map((a) => a.aboutChildId).filter((x): x is string => x !== null), ...considered.map((c) => c.existingChildId)])];
  if (!ids.length) return [];
  const names = await childNames(tx, ids);
  return names.map((n) => ({
    childId: n.id,
    label: `${n.firstName} ${n.lastName} (${n.reference})`,
    considered: Object.fromEntries(considered.filter((c) => c.existingChildId === n.id).map((c) => [c.role, c.servesWellbeing])),
    agreement: agreed.some((a) => a.aboutChildId === n.id) ? 'agreed' : 'not_requested',
  }));
}

/**
 * A move is two placements: the one the child leaves has a planned ending on the day the new one
 * starts. When the new one is cancelled before it starts, the child stays: that ending is removed.
 * When its start date moves, the ending moves with it. Audited on the placement that changes.
 */
async function followMove(
  tx: DbOrTx,
  ctx: Ctx,
  current: { id: string; childId: string; startDate: IsoDate; status: PlacementStatus },
  next: { startDate: IsoDate; status: PlacementStatus },
): Promise<void> {
  if (!LIVE_STATUSES.includes(current.status)) return;
  const cancelled = next.status === 'cancelled';
  const moved = LIVE_STATUSES.includes(next.status) && next.startDate !== current.startDate;
  if (!cancelled && !moved) return;
  const left = await placements.lockLivePlacementEndingOn(tx, current.childId, current.startDate, current.id);
  if (!left || compareDates(left.startDate, current.startDate) >= 0) return;
  if (moved && compareDates(next.startDate, left.startDate) <= 0) return;
  let change: Partial<placements.PlacementRow>;
  if (cancelled) change = { endDate: null, reasonEnded: null, endingBasis: null, moveRequestId: null };
  else {
    // The placement the child leaves now ends on another day: the ending gate decides again.
    const e = await checkEnding(tx, left, next.startDate, left.reasonEnded, 'startDate');
    change = { endDate: next.startDate, endingBasis: e.basis, moveRequestId: e.moveRequestId };
  }
  await placements.setPlacement(tx, left.id, change);
  await writeAudit(tx, ctx, {
    action: 'placement.updated',
    subjectType: 'placement',
    subjectId: left.id,
    details: { fields: Object.keys(change), move: cancelled ? 'the move was cancelled: the child stays' : `the move now starts on ${next.startDate}`, nextPlacementId: current.id },
  });
}

/** Reasons a placement of this kind is outside the household's terms of approval on a day. */
async function kindAllowed(tx: DbOrTx, p: { childId: string; householdId: string; kind: PlacementKind; on: IsoDate; outsideTerms: boolean }, today: IsoDate): Promise<string[]> {
  const h = await householdFacts(tx, p.householdId);
  const c = await childForRules(tx, p.childId);
  if (!c) return [];
  return kindReasons(termsReasons({ kind: p.kind, date: p.on, children: [c] }, h, { today, siblingLinks: [] }), p.outsideTerms).map((r) => r.message);
}

/**
 * A placement whose end moves later: the household must have room (terms of approval and the
 * usual fostering limit) on each day another child joins it in the extra time.
 */
async function roomUntil(
  tx: DbOrTx,
  p: { placementId: string; childId: string; householdId: string; kind: PlacementKind | null; from: IsoDate; to: IsoDate | null },
  today: IsoDate,
): Promise<string[]> {
  const h = await householdFacts(tx, p.householdId);
  const c = await childForRules(tx, p.childId);
  if (!c) return [];
  const joins = [...new Set(h.placements.filter((q) => q.childId !== p.childId && compareDates(q.startDate, p.from) >= 0 && (p.to === null || compareDates(q.startDate, p.to) < 0)).map((q) => q.startDate))];
  const links = await siblingLinksOf(tx, [p.childId, ...h.placements.map((q) => q.childId)]);
  const out = new Set<string>();
  for (const date of joins) {
    for (const r of roomReasons(termsReasons({ kind: p.kind ?? 'short_term', date, children: [c] }, h, { today, siblingLinks: links }))) {
      out.add(`On ${formatDate(date)}, when another child joins the household: ${r.message}`);
    }
  }
  return [...out];
}
