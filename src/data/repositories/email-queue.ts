/**
 * The e-mail queue (outbound_email) and the leases a sender holds on a message while it sends it
 * (outbound_email_claim). See the e-mail service's deliverPending for how they are used.
 */
import { and, asc, count, desc, eq, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { appUser, outboundEmail, outboundEmailClaim } from '../schema.ts';

export type OutboundEmailRow = typeof outboundEmail.$inferSelect;

/** Writes a message; `sentNow` marks it sent at the transaction's start (now(), as created_at). */
export async function insertEmail(db: DbOrTx, values: Omit<typeof outboundEmail.$inferInsert, 'sentAt'>, sentNow: boolean): Promise<{ id: string }> {
  const [row] = await db
    .insert(outboundEmail)
    .values({ ...values, sentAt: sentNow ? sql`now()` : null })
    .returning({ id: outboundEmail.id });
  return row!;
}

/** Records what became of a message, unless it is already marked sent or failed. */
export async function recordEmailOutcome(db: DbOrTx, id: string, outcome: { sentAt: Date | null; error: string | null }): Promise<void> {
  await db
    .update(outboundEmail)
    .set(outcome)
    .where(and(eq(outboundEmail.id, id), isNull(outboundEmail.sentAt), isNull(outboundEmail.error)));
}

/** The oldest SMTP message not sent, failed or under a live lease, locked (skipping rows others have locked). */
export async function lockNextUnsentEmail(db: DbOrTx): Promise<OutboundEmailRow | undefined> {
  const [row] = await db
    .select({ m: outboundEmail })
    .from(outboundEmail)
    .leftJoin(outboundEmailClaim, eq(outboundEmailClaim.emailId, outboundEmail.id))
    .where(
      and(
        eq(outboundEmail.transport, 'smtp'),
        isNull(outboundEmail.sentAt),
        isNull(outboundEmail.error),
        or(isNull(outboundEmailClaim.emailId), lte(outboundEmailClaim.leaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(outboundEmail.createdAt), asc(outboundEmail.id))
    .limit(1)
    .for('update', { of: outboundEmail, skipLocked: true });
  return row?.m;
}

/**
 * Writes a lease on a message for `leaseSeconds`, unless another live lease is there (an expired
 * one is taken over). Returns the claim id written, or undefined when another lease stands.
 */
export async function claimEmail(db: DbOrTx, emailId: string, claimId: string, claimedBy: string, leaseSeconds: number): Promise<string | undefined> {
  const won = await db
    .insert(outboundEmailClaim)
    .values({ emailId, claimId, claimedBy, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .onConflictDoUpdate({
      target: outboundEmailClaim.emailId,
      set: { claimId, claimedBy, claimedAt: sql`now()`, leaseUntil: sql`excluded.lease_until` },
      // Another process's live lease stands: only one that has run out is taken over.
      setWhere: lte(outboundEmailClaim.leaseUntil, sql`now()`),
    })
    .returning({ claimId: outboundEmailClaim.claimId });
  return won[0]?.claimId;
}

/** The outbox, newest first (about one kind of record, if given), at most `limit`, with the total and the kinds of record. */
export async function listEmails(db: DbOrTx, relatedType: string | undefined, limit: number, offset = 0) {
  const where: SQL | undefined = relatedType ? eq(outboundEmail.relatedType, relatedType) : undefined;
  const rows = await db
    .select({
      id: outboundEmail.id,
      toAddresses: outboundEmail.toAddresses,
      subject: outboundEmail.subject,
      relatedType: outboundEmail.relatedType,
      relatedId: outboundEmail.relatedId,
      createdBy: outboundEmail.createdBy,
      createdAt: outboundEmail.createdAt,
      sentAt: outboundEmail.sentAt,
      transport: outboundEmail.transport,
      error: outboundEmail.error,
    })
    .from(outboundEmail)
    .where(where)
    .orderBy(desc(outboundEmail.createdAt), desc(outboundEmail.id))
    .limit(limit)
    .offset(offset);
  return rows;
}

/** How many messages there are (about one kind of record, or all). */
export async function countEmails(db: DbOrTx, relatedType: string | undefined): Promise<number> {
  const [total] = await db
    .select({ n: count() })
    .from(outboundEmail)
    .where(relatedType ? eq(outboundEmail.relatedType, relatedType) : undefined);
  return Number(total?.n ?? 0);
}

/** The kinds of record messages are about, for the outbox's filter. */
export async function emailRelatedTypes(db: DbOrTx): Promise<string[]> {
  const types = await db
    .selectDistinct({ type: outboundEmail.relatedType })
    .from(outboundEmail)
    .where(sql`${outboundEmail.relatedType} is not null`)
    .orderBy(asc(outboundEmail.relatedType));
  return types.map((t) => t.type).filter((t): t is string => Boolean(t));
}

/** A message with the name of whoever sent it. */
export async function findEmail(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ m: outboundEmail, createdByName: appUser.fullName })
    .from(outboundEmail)
    .leftJoin(appUser, eq(appUser.id, outboundEmail.createdBy))
    .where(eq(outboundEmail.id, id));
  return row;
}

