/** Rate cards and allowance requests (migration 0036). */
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { allowanceRequest, household, parentChildArrangement, rateCard, rateCardAllowance, rateCardSkillsFee } from '../schema.ts';

export type RateCardRow = typeof rateCard.$inferSelect & {
  allowances: { fromAge: number; toAge: number | null; weeklyPence: number }[];
  skillsFees: { level: number; weeklyPence: number }[];
};
export type AllowanceRequestRow = typeof allowanceRequest.$inferSelect;

/** Every rate card with its rates, latest effective first. */
export async function listRateCards(db: DbOrTx): Promise<RateCardRow[]> {
  const cards = await db.select().from(rateCard).orderBy(desc(rateCard.effectiveFrom));
  if (cards.length === 0) return [];
  const ids = cards.map((c) => c.id);
  const bands = await db.select().from(rateCardAllowance).where(inArray(rateCardAllowance.rateCardId, ids)).orderBy(asc(rateCardAllowance.fromAge));
  const fees = await db.select().from(rateCardSkillsFee).where(inArray(rateCardSkillsFee.rateCardId, ids)).orderBy(asc(rateCardSkillsFee.level));
  return cards.map((c) => ({
    ...c,
    allowances: bands.filter((b) => b.rateCardId === c.id).map((b) => ({ fromAge: b.fromAge, toAge: b.toAge, weeklyPence: b.weeklyPence })),
    skillsFees: fees.filter((f) => f.rateCardId === c.id).map((f) => ({ level: f.level, weeklyPence: f.weeklyPence })),
  }));
}

export async function insertRateCard(
  tx: DbOrTx,
  card: typeof rateCard.$inferInsert,
  allowances: { fromAge: number; toAge: number | null; weeklyPence: number }[],
  fees: { level: number; weeklyPence: number }[],
): Promise<string> {
  const [row] = await tx.insert(rateCard).values(card).returning({ id: rateCard.id });
  if (!row) throw new Error('insert returned nothing');
  await tx.insert(rateCardAllowance).values(allowances.map((a) => ({ ...a, rateCardId: row.id })));
  if (fees.length) await tx.insert(rateCardSkillsFee).values(fees.map((f) => ({ ...f, rateCardId: row.id })));
  return row.id;
}

/** Serialises new rate cards, so that two administrators cannot both add "the latest" card. */
export async function lockRateCards(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('rate_card'))`);
}

export async function householdOf(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: household.id, reference: household.reference, skillLevel: household.skillLevel, fosteringServiceId: household.fosteringServiceId }).from(household).where(eq(household.id, id));
  return row;
}

export async function allowanceRequestsOf(db: DbOrTx, arrangementIds: string[]): Promise<AllowanceRequestRow[]> {
  if (arrangementIds.length === 0) return [];
  return db.select().from(allowanceRequest).where(inArray(allowanceRequest.arrangementId, arrangementIds)).orderBy(asc(allowanceRequest.requestedOn));
}

export async function findAllowanceRequest(db: DbOrTx, id: string): Promise<AllowanceRequestRow | undefined> {
  const [row] = await db.select().from(allowanceRequest).where(eq(allowanceRequest.id, id));
  return row;
}

export async function insertAllowanceRequest(tx: DbOrTx, values: typeof allowanceRequest.$inferInsert): Promise<string> {
  const [row] = await tx.insert(allowanceRequest).values(values).onConflictDoNothing().returning({ id: allowanceRequest.id });
  return row?.id ?? '';
}

/** The answer, if the version is current: 'stale' otherwise. */
export async function answerAllowanceRequest(
  tx: DbOrTx,
  id: string,
  version: number,
  values: { answer: 'agreed' | 'refused'; answeredOn: string; answeredByName: string; budgetCode: string | null; answerNote: string },
): Promise<'ok' | 'stale'> {
  const rows = await tx
    .update(allowanceRequest)
    .set({ ...values, version: sql`${allowanceRequest.version} + 1`, updatedAt: new Date() })
    .where(and(eq(allowanceRequest.id, id), eq(allowanceRequest.version, version)))
    .returning({ id: allowanceRequest.id });
  return rows.length ? 'ok' : 'stale';
}

/** Arrangements in place at some time in [from, to]: started by `to`, not ended before `from` (active or ended; planned and cancelled ones pay nothing). */
export async function arrangementIdsInPlace(db: DbOrTx, from: string, to: string): Promise<string[]> {
  const rows = await db
    .select({ id: parentChildArrangement.id })
    .from(parentChildArrangement)
    .where(
      and(
        inArray(parentChildArrangement.status, ['active', 'ended']),
        lte(parentChildArrangement.startDate, to),
        or(isNull(parentChildArrangement.endDate), gte(parentChildArrangement.endDate, from)),
      ),
    )
    .orderBy(asc(parentChildArrangement.reference));
  return rows.map((r) => r.id);
}
