import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../data/db.ts';
import { child, household, householdMember, placement } from '../data/schema.ts';
import { likePattern, updateVersioned } from '../data/repositories/versioned.ts';
import { writeAudit } from '../audit/writer.ts';
import { PLACEMENT_FLAG_NAMES, clashingPlacement, placementInputOn, placementUpdateInputOn, type PlacementInput, type PlacementPeriod, type PlacementStatus } from '../domain/records/placement.ts';
import { formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Placement = typeof placement.$inferSelect;
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
export type PlacementView = Placement & { child: ChildSummary; household: HouseholdSummary };

export const LIST_LIMIT = 500;
const MAX_REFERENCE = 50;

/**
 * Placements of children with foster households: dates, type, status, and the details (kind,
 * emergency, terms of approval, visits, assessment period) that decide which obligations apply.
 */
export function createPlacementService(db: Db, opts: { today?: () => IsoDate } = {}) {
  /** Today in England: the SSDA903 codes offered are those of the collection year containing it. */
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function list(ctx: Ctx, filter: PlacementFilter = {}): Promise<{ items: PlacementListItem[]; truncated: boolean }> {
    const where: SQL[] = [];
    if (filter.q) {
      const p = likePattern(filter.q);
      where.push(or(ilike(child.reference, p), ilike(sql`${child.firstName} || ' ' || ${child.lastName}`, p), ilike(child.lastName, p)) as SQL);
    }
    if (filter.status) where.push(eq(placement.status, filter.status));
    if (filter.placementType) where.push(eq(placement.placementType, filter.placementType));
    if (filter.householdId) where.push(eq(placement.householdId, filter.householdId));
    if (filter.householdReference) where.push(sql`upper(${household.reference}) = ${filter.householdReference.toUpperCase()}`);
    if (filter.childId) where.push(eq(placement.childId, filter.childId));
    return db.transaction(async (tx) => {
      const rows = await tx
        .select({
          p: placement,
          child: { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName },
          household: { id: household.id, reference: household.reference },
        })
        .from(placement)
        .innerJoin(child, eq(child.id, placement.childId))
        .innerJoin(household, eq(household.id, placement.householdId))
        .where(and(...where))
        .orderBy(desc(placement.startDate), asc(child.lastName), asc(child.firstName))
        .limit(LIST_LIMIT + 1);
      const items = rows.slice(0, LIST_LIMIT).map((r) => ({ ...r.p, child: r.child, household: r.household }));
      await writeAudit(tx, ctx, { action: 'placement.listed', subjectType: 'placement', details: { filter, count: items.length } });
      return { items, truncated: rows.length > LIST_LIMIT };
    });
  }

  async function get(ctx: Ctx, id: string): Promise<PlacementView> {
    return db.transaction(async (tx) => {
      const view = await load(tx, id);
      await writeAudit(tx, ctx, { action: 'placement.viewed', subjectType: 'placement', subjectId: id, details: { childId: view.childId } });
      return view;
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<Placement> {
    return db.transaction(async (tx) => {
      const input = await parseWithReferences(tx, raw, today());
      const errors: FieldError[] = [];
      // Lock the child so two placements cannot be made for them at the same moment.
      const [c] = await tx.select({ id: child.id }).from(child).where(eq(child.id, input.childId)).for('update');
      if (!c) errors.push({ field: 'childId', message: 'Select the child' });
      const [h] = await tx.select({ id: household.id }).from(household).where(eq(household.id, input.householdId));
      if (!h) errors.push({ field: 'householdId', message: 'Select the household' });
      if (errors.length) throw new ValidationError(errors);
      await assertNoClash(tx, { ...input, childId: input.childId });
      const [row] = await tx.insert(placement).values(input).returning();
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
        },
      });
      return row;
    });
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(placementUpdateInputOn(today()), raw);
    await db.transaction(async (tx) => {
      const [current] = await tx.select().from(placement).where(eq(placement.id, id)).for('update');
      if (!current) throw new NotFoundError('Placement');
      await tx.select({ id: child.id }).from(child).where(eq(child.id, current.childId)).for('update');
      await assertNoClash(tx, { ...input, id, childId: current.childId });
      const result = await updateVersioned(tx, placement, id, version, input);
      if (result === 'missing') throw new NotFoundError('Placement');
      if (result === 'stale') throw new StaleRecordError('Placement');
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== current[k]);
      await writeAudit(tx, ctx, {
        action: 'placement.updated',
        subjectType: 'placement',
        subjectId: id,
        details: { fields: changed, status: input.status, ...(input.reasonEnded ? { reasonEnded: input.reasonEnded } : {}) },
      });
    });
  }

  return { list, get, create, update, today };
}

/**
 * Pages and API clients may name the child and household by reference (C…, H…) instead of id.
 * Unknown references are reported against the reference field; all problems come back together.
 */
async function parseWithReferences(tx: DbOrTx, raw: unknown, today: IsoDate): Promise<PlacementInput> {
  const body: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  const refErrors: FieldError[] = [];
  const lookups = [
    { refField: 'childReference', idField: 'childId', table: child, noun: 'child', label: "the child's reference" },
    { refField: 'householdReference', idField: 'householdId', table: household, noun: 'household', label: "the household's reference" },
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
    const [row] = await tx
      .select({ id: l.table.id })
      .from(l.table)
      .where(sql`upper(${l.table.reference}) = ${ref.trim().toUpperCase()}`);
    if (row) body[l.idField] = row.id;
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
  const others = await tx
    .select({
      id: placement.id,
      startDate: placement.startDate,
      endDate: placement.endDate,
      status: placement.status,
      householdReference: household.reference,
    })
    .from(placement)
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(and(eq(placement.childId, candidate.childId), inArray(placement.status, ['planned', 'active'])));
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
  const [row] = await tx
    .select({
      p: placement,
      child: { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName },
      household: { id: household.id, reference: household.reference },
    })
    .from(placement)
    .innerJoin(child, eq(child.id, placement.childId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(eq(placement.id, id));
  if (!row) throw new NotFoundError('Placement');
  const carers = await tx
    .select({ firstName: householdMember.firstName, lastName: householdMember.lastName })
    .from(householdMember)
    .where(and(eq(householdMember.householdId, row.household.id), eq(householdMember.kind, 'carer')))
    .orderBy(asc(householdMember.position));
  return { ...row.p, child: row.child, household: { ...row.household, carers: carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and ') } };
}
