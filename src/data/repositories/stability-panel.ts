/** The Placement Stability Panel: referrals, sittings and the decisions' actions. */
import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { appUser, child, household, placement, placementTask, planningDocument, planningDocumentVersion, stabilityPanelReferral, stabilityPanelSitting } from '../schema.ts';
import { updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type PanelReferralRow = typeof stabilityPanelReferral.$inferSelect;
export type PanelSittingRow = typeof stabilityPanelSitting.$inferSelect;

const withChild = {
  r: stabilityPanelReferral,
  child: { id: child.id, reference: child.reference, firstName: child.firstName, lastName: child.lastName },
  householdReference: household.reference,
};

export async function insertReferral(db: DbOrTx, values: typeof stabilityPanelReferral.$inferInsert): Promise<PanelReferralRow> {
  const [row] = await db.insert(stabilityPanelReferral).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findReferral(db: DbOrTx, id: string, lock = false): Promise<PanelReferralRow | undefined> {
  const q = db.select().from(stabilityPanelReferral).where(eq(stabilityPanelReferral.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export function updateReferral(db: DbOrTx, id: string, version: number, values: Partial<typeof stabilityPanelReferral.$inferInsert>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, stabilityPanelReferral, id, version, values);
}

/** Referrals with their child and household: all, those of a child, a sitting's agenda, or those waiting. */
export async function referralsWithChild(db: DbOrTx, by: { childId?: string; sittingId?: string; status?: PanelReferralRow['status'] } = {}) {
  const conds = [
    ...(by.childId ? [eq(stabilityPanelReferral.childId, by.childId)] : []),
    ...(by.sittingId ? [eq(stabilityPanelReferral.sittingId, by.sittingId)] : []),
    ...(by.status ? [eq(stabilityPanelReferral.status, by.status)] : []),
  ];
  return db
    .select(withChild)
    .from(stabilityPanelReferral)
    .innerJoin(child, eq(child.id, stabilityPanelReferral.childId))
    .innerJoin(placement, eq(placement.id, stabilityPanelReferral.placementId))
    .innerJoin(household, eq(household.id, placement.householdId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(stabilityPanelReferral.referredOn), asc(child.reference));
}

/** Lock the referrals waiting for the panel among `ids`. */
export async function lockWaitingReferrals(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: stabilityPanelReferral.id, referredOn: stabilityPanelReferral.referredOn })
    .from(stabilityPanelReferral)
    .where(and(inArray(stabilityPanelReferral.id, [...ids]), eq(stabilityPanelReferral.status, 'referred')))
    .for('update');
}

export async function putOnAgenda(db: DbOrTx, ids: readonly string[], sittingId: string): Promise<void> {
  if (ids.length) await db.update(stabilityPanelReferral).set({ sittingId, status: 'on_agenda', version: sql`${stabilityPanelReferral.version} + 1` }).where(inArray(stabilityPanelReferral.id, [...ids]));
}

export async function insertSitting(db: DbOrTx, values: typeof stabilityPanelSitting.$inferInsert): Promise<PanelSittingRow> {
  const [row] = await db.insert(stabilityPanelSitting).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findSitting(db: DbOrTx, id: string): Promise<PanelSittingRow | undefined> {
  const [row] = await db.select().from(stabilityPanelSitting).where(eq(stabilityPanelSitting.id, id));
  return row;
}

export async function listSittings(db: DbOrTx, limit: number): Promise<PanelSittingRow[]> {
  return db.select().from(stabilityPanelSitting).orderBy(desc(stabilityPanelSitting.sitsOn)).limit(limit);
}

/** The latest completed version of a placement's initial support plan, if any (attached to a referral). */
export async function latestSupportPlanVersion(db: DbOrTx, placementId: string): Promise<string | null> {
  const [n] = await db
    .select({ n: max(planningDocumentVersion.number) })
    .from(planningDocumentVersion)
    .innerJoin(planningDocument, eq(planningDocument.id, planningDocumentVersion.documentId))
    .where(and(eq(planningDocument.placementId, placementId), eq(planningDocument.kind, 'support_plan')));
  if (!n?.n) return null;
  const [row] = await db
    .select({ id: planningDocumentVersion.id })
    .from(planningDocumentVersion)
    .innerJoin(planningDocument, eq(planningDocument.id, planningDocumentVersion.documentId))
    .where(and(eq(planningDocument.placementId, placementId), eq(planningDocument.kind, 'support_plan'), eq(planningDocumentVersion.number, n.n)));
  return row?.id ?? null;
}

/** The names of active users among `ids`. */
export async function userNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: appUser.id, name: appUser.fullName }).from(appUser).where(inArray(appUser.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertPanelTasks(db: DbOrTx, values: (typeof placementTask.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(placementTask).values(values);
}

export async function tasksOfReferral(db: DbOrTx, referralId: string) {
  return db.select().from(placementTask).where(eq(placementTask.panelReferralId, referralId)).orderBy(asc(placementTask.dueOn), asc(placementTask.createdAt));
}
