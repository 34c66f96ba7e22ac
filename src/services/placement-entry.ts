/**
 * The one way a child starts living in a household in Hearth. Confirming a proposal, the placement
 * form and API, and recording a past placement all come here, inside their own transaction:
 *
 * 1. the children are locked (so two placements cannot be made for one child at once);
 * 2. a child who lives somewhere else until then moves: their current placement ends on the day
 *    the new one starts, with the reason given (a planned ending when that day is still to come),
 *    only if that ending passes the ending gate (src/domain/placements/moves.ts: a planned end in
 *    the care plan, the child leaving care, or an agreed or urgent move);
 * 3. the placement gate (src/domain/placements/entry.ts) decides on the household's facts as they
 *    stand, with every reason; a new placement is refused unless it is allowed; a past placement
 *    (one that began before today) is recorded with every check it did not meet kept as a missed
 *    obligation;
 * 4. one placement per child is inserted, with what an emergency authorisation stood in for.
 *
 * The caller audits its own use case; the ending of a current placement is audited here too.
 */
import type { DbOrTx } from '../data/db.ts';
import type { PlacementCheck } from '../data/schema.ts';
import { insertPlacement, livePlacementsOfChildren, setPlacement, type NewPlacementRow } from '../data/repositories/placements.ts';
import { childNames, lockChildRows } from '../data/repositories/children.ts';
import { householdExists } from '../data/repositories/households.ts';
import { writeAudit } from '../audit/writer.ts';
import { compareDates, formatDate, type IsoDate } from '../domain/dates.ts';
import { childrenLivingThere, decideEntry, type EntryDecision, type EntryReason, type ExistingChildRecord } from '../domain/placements/entry.ts';
import { periodsOverlap, LIVE_STATUSES, type PlacementStatus } from '../domain/records/placement.ts';
import type { PlacementKind } from '../domain/records/household.ts';
import { REASON_PLACE_CHANGE_CODES } from '../domain/ssda903/return-codes.ts';
import { collectionYearOn, isCodeAllowed } from '../domain/records/return-fields.ts';
import { householdFacts, siblingLinksOf } from './matching.ts';
import { checkEnding } from './moves.ts';
import { arrangementForEntry, linkArrangementPlacements } from './parent-and-child.ts';
import type { Ctx } from './context.ts';
import { ValidationError, type FieldError } from './errors.ts';

/** One child of the entry, with the columns of their placement other than child, household, dates and status. */
export type EntryChild = {
  childId: string;
  /** Columns of the new placement (placement type, flags, SSDA903 overrides…). */
  values: Omit<NewPlacementRow, 'childId' | 'householdId' | 'startDate' | 'status' | 'id'>;
  /** Planned or active: worked out from the start date when left out. */
  status?: PlacementStatus;
  endDate?: IsoDate | null;
};

export type EntryPlan = {
  householdId: string;
  startDate: IsoDate;
  kind: PlacementKind;
  emergency: boolean;
  children: readonly EntryChild[];
  /** What is recorded about the fostered children already living there (considerations, agreements). */
  existing: readonly ExistingChildRecord[];
  /** A head of service's authorisation of an emergency placement before every check is met. */
  authorisation: { userId: string; byHeadOfService: boolean; reason: string; at: Date } | null;
  /** For a child who lives elsewhere until the start date: the SSDA903 reason that placement ends, by the current placement's id. */
  endReasons: Readonly<Record<string, string>>;
  /** 'new': refused unless the gate allows it. 'past': began before today; breaches are recorded instead. */
  mode: 'new' | 'past';
  recordedLateReason?: string | null;
  /** The field that problems about the whole entry are shown against. */
  field: string;
  /** The field a missing or wrong end reason is shown against (default `reasonEnded-<current placement id>`). */
  endReasonField?: string;
};

export type CurrentPlacement = {
  id: string;
  childId: string;
  householdId: string;
  householdReference: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: PlacementStatus;
  placementType: string;
};

/**
 * The placements each child lives in on the day before `startDate` and still on it (live, begun
 * before that day, not ended by it): a new placement from `startDate` is a move from it.
 */
export async function currentPlacements(tx: DbOrTx, childIds: readonly string[], startDate: IsoDate): Promise<CurrentPlacement[]> {
  if (!childIds.length) return [];
  const rows = await livePlacements(tx, childIds);
  return rows.filter((r) => compareDates(r.startDate, startDate) < 0 && (r.endDate === null || compareDates(r.endDate, startDate) > 0));
}

async function livePlacements(tx: DbOrTx, childIds: readonly string[]): Promise<CurrentPlacement[]> {
  return livePlacementsOfChildren(tx, childIds);
}

/** Lock the children's rows, in a fixed order so two entries never wait on each other. */
export async function lockChildren(tx: DbOrTx, childIds: readonly string[]): Promise<Map<string, { id: string; firstName: string; lastName: string; reference: string; dateOfBirth: IsoDate }>> {
  const ids = [...new Set(childIds)].sort();
  const rows = ids.length ? await lockChildRows(tx, ids) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The gate's decision on the household's facts as they stand in this transaction. */
export async function decide(tx: DbOrTx, plan: Pick<EntryPlan, 'householdId' | 'startDate' | 'kind' | 'emergency' | 'existing'> & { children: readonly { id: string; firstName: string; dateOfBirth: IsoDate }[]; authorisation: { byHeadOfService: boolean; reason: string } | null }, today: IsoDate): Promise<EntryDecision> {
  const h = await householdFacts(tx, plan.householdId);
  const links = await siblingLinksOf(tx, [...plan.children.map((c) => c.id), ...h.placements.map((p) => p.childId)]);
  // Every child living there is named, whether or not anything is recorded about them.
  const there = childrenLivingThere({ household: h, date: plan.startDate, children: plan.children });
  const names = there.length
    ? await childNames(tx, there)
    : [];
  const recorded = new Map(plan.existing.map((e) => [e.childId, e]));
  const existing: ExistingChildRecord[] = names.map(
    (n) => recorded.get(n.id) ?? { childId: n.id, label: `${n.firstName} ${n.lastName} (${n.reference})`, considered: {}, agreement: 'not_requested' },
  );
  // A parent-and-child placement whose child is in an arrangement: what must be in place before
  // placing, and a child placed with their parent (not fostered, 2.2) takes no place.
  const pc = plan.kind === 'parent_and_child' ? await arrangementForEntry(tx, plan.children.map((c) => c.id), plan.startDate) : null;
  return decideEntry(
    {
      kind: plan.kind,
      date: plan.startDate,
      children: pc ? plan.children.map((c) => ({ ...c, fostered: pc.fostered.get(c.id) ?? true })) : plan.children,
      ...(pc ? { arriving: pc.arriving } : {}),
      beforePlacing: pc?.facts ?? null,
      household: h,
      siblingLinks: links,
      existing,
      emergency: plan.emergency,
      authorisation: plan.authorisation,
    },
    today,
  );
}

const asCheck = (r: EntryReason): PlacementCheck => ({ code: r.code, message: r.message, ...(r.aboutChildId ? { aboutChildId: r.aboutChildId } : {}) });

/**
 * Start the children's placements: moves, gate, insert. Throws ValidationError with every reason
 * when the entry is refused. Returns the new placements in the order of `plan.children`.
 */
export async function startPlacements(tx: DbOrTx, ctx: Ctx, plan: EntryPlan, today: IsoDate): Promise<{ ids: string[]; decision: EntryDecision; ended: CurrentPlacement[] }> {
  const childIds = plan.children.map((c) => c.childId);
  const locked = await lockChildren(tx, childIds);
  const missing = childIds.filter((id) => !locked.has(id));
  const h = await householdExists(tx, plan.householdId);
  if (missing.length || !h) {
    throw new ValidationError([...(missing.length ? [{ field: 'childId', message: 'Select the child' }] : []), ...(h ? [] : [{ field: 'householdId', message: 'Select the household' }])]);
  }
  if (plan.mode === 'new' && compareDates(plan.startDate, today) < 0) {
    throw new ValidationError([{ field: 'startDate', message: `The start date is before today: record a placement that has already begun as a past placement` }]);
  }
  if (plan.mode === 'past' && compareDates(plan.startDate, today) >= 0) {
    throw new ValidationError([{ field: 'startDate', message: 'A past placement began before today: for a placement starting today or later, add a placement' }]);
  }

  // Moves: each child's current placement ends the day the new one starts, with its reason.
  const errors: FieldError[] = [];
  const live = await livePlacements(tx, childIds);
  const year = collectionYearOn(today);
  const moving: CurrentPlacement[] = [];
  for (const c of plan.children) {
    const name = locked.get(c.childId)!;
    // A placement recorded as already ended or cancelled holds no place: it neither clashes nor moves the child.
    if (c.status !== undefined && !LIVE_STATUSES.includes(c.status)) continue;
    const candidate = { startDate: plan.startDate, endDate: c.endDate ?? null };
    for (const other of live.filter((l) => l.childId === c.childId)) {
      if (!periodsOverlap(candidate, other)) continue;
      const isCurrent = compareDates(other.startDate, plan.startDate) < 0;
      if (!isCurrent) {
        errors.push({
          field: plan.field,
          message: `${name.firstName} ${name.lastName} already has ${other.status === 'active' ? 'an active' : 'a planned'} placement with household ${other.householdReference} from ${formatDate(other.startDate)} that overlaps these dates. Cancel or change that placement first, or change the dates.`,
        });
        continue;
      }
      if (other.householdId === plan.householdId) {
        errors.push({ field: plan.field, message: `${name.firstName} ${name.lastName} already lives with household ${other.householdReference}.` });
        continue;
      }
      const reason = plan.endReasons[other.id];
      if (!reason) {
        errors.push({
          field: plan.endReasonField ?? `reasonEnded-${other.id}`,
          message: `${name.firstName} ${name.lastName} lives with household ${other.householdReference} until this placement starts: select the reason that placement ends`,
        });
      } else if (!isCodeAllowed(REASON_PLACE_CHANGE_CODES, reason, year)) {
        errors.push({ field: plan.endReasonField ?? `reasonEnded-${other.id}`, message: 'Select the reason the current placement ends from the list' });
      } else {
        moving.push(other);
      }
    }
  }
  // Moves are agreed, not done: each placement the children leave must be allowed to end that day.
  const endings = new Map<string, Awaited<ReturnType<typeof checkEnding>>>();
  for (const m of moving) {
    try {
      endings.set(m.id, await checkEnding(tx, m, plan.startDate, plan.endReasons[m.id] ?? null, plan.endReasonField ?? `reasonEnded-${m.id}`));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const name = locked.get(m.childId)!;
      errors.push(...err.errors.map((e) => ({ field: e.field, message: `${name.firstName} ${name.lastName} lives with household ${m.householdReference}: ${e.message}` })));
    }
  }
  if (errors.length) throw new ValidationError(errors);

  // The gate, on the household as it stands (the moving children's old households are not this one).
  const decision = await decide(
    tx,
    {
      householdId: plan.householdId,
      startDate: plan.startDate,
      kind: plan.kind,
      emergency: plan.emergency,
      existing: plan.existing,
      children: plan.children.map((c) => {
        const x = locked.get(c.childId)!;
        return { id: x.id, firstName: x.firstName, dateOfBirth: x.dateOfBirth };
      }),
      authorisation: plan.authorisation,
    },
    today,
  );
  if (plan.mode === 'new' && !decision.allowed) throw new ValidationError(decision.blocking.map((r) => ({ field: plan.field, message: r.message })));
  // A past placement: every check it did not meet is kept (missing written agreements are already
  // obligations of their own, overdue until recorded).
  const breaches = plan.mode === 'past' ? decision.blocking.filter((r) => r.code !== 'agreement-missing').map(asCheck) : [];

  for (const m of moving) {
    const reason = plan.endReasons[m.id]!;
    const endsNow = compareDates(plan.startDate, today) <= 0;
    const ending = endings.get(m.id)!;
    await setPlacement(tx, m.id, { endDate: plan.startDate, reasonEnded: reason, endingBasis: ending.basis, moveRequestId: ending.moveRequestId, ...(endsNow ? { status: 'ended' as const } : {}) });
    await writeAudit(tx, ctx, {
      action: 'placement.updated',
      subjectType: 'placement',
      subjectId: m.id,
      details: { fields: ['endDate', 'reasonEnded', 'endingBasis', ...(endsNow ? ['status'] : [])], endDate: plan.startDate, reasonEnded: reason, move: true, plannedEnding: !endsNow, endingBasis: ending.basis, moveRequestId: ending.moveRequestId },
    });
  }

  const ids: string[] = [];
  const auth = decision.waived.length && plan.authorisation ? plan.authorisation : null;
  for (const c of plan.children) {
    const status = c.status ?? (compareDates(plan.startDate, today) <= 0 ? 'active' : 'planned');
    const row = await insertPlacement(tx, {
      ...c.values,
      childId: c.childId,
      householdId: plan.householdId,
      startDate: plan.startDate,
      endDate: c.endDate ?? null,
      status,
      kind: plan.kind,
      emergency: plan.emergency || Boolean(c.values.emergency),
      outsideTermsOfApproval: Boolean(c.values.outsideTermsOfApproval) || decision.outsideTerms,
      emergencyAuthorisedBy: auth?.userId ?? null,
      emergencyAuthorisedAt: auth?.at ?? null,
      emergencyAuthorisedReason: auth?.reason ?? null,
      waivedChecks: decision.waived.map(asCheck),
      recordedLateReason: plan.mode === 'past' ? (plan.recordedLateReason ?? null) : null,
      entryBreaches: breaches,
    });
    ids.push(row.id);
  }
  // Each person of a parent-and-child arrangement placed here has their own placement linked to it.
  if (plan.kind === 'parent_and_child') await linkArrangementPlacements(tx, plan.householdId, ids.map((id, i) => ({ id, childId: plan.children[i]!.childId })), { date: plan.startDate, begun: compareDates(plan.startDate, today) <= 0 });
  return { ids, decision, ended: moving };
}

