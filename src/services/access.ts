/**
 * Caseload access as use cases: what a person may do with one child or household (the route guard
 * and the "ask this person" card), restricting a record to named people, breaking the glass, and a
 * manager seeing who broke it (ADR 0014, docs/rules/caseload-access.md).
 */
import { z } from 'zod';
import type { Db, DbOrTx } from '../data/db.ts';
import * as caseload from '../data/repositories/caseload.ts';
import { childAccess, householdAccess, GLASS_HOURS, mayBreakGlass, mayRestrict, type ChildAccess, type AccessLevel } from '../domain/access/caseload.ts';
import { writeAudit } from '../audit/writer.ts';
import { assertChildAccessNow } from '../audit/caseload.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import type { EmailService } from './email.ts';

/** Whom to ask about a child the person cannot see: the allocated worker, else their manager, else the head of service. */
export type AskPerson = { name: string; email: string; role: 'social worker' | 'team manager' | 'manager who restricted it' | 'placement team' };

/** The card: that the child exists, and whom to ask. A restricted record's card does not name the child. */
export type ChildCard = {
  id: string;
  reference: string;
  name: string | null;
  restricted: boolean;
  ask: AskPerson | null;
  /** The person may break the glass on this record. */
  mayBreakGlass: boolean;
};

export type ChildAccessAnswer = { access: ChildAccess; card: ChildCard };

/** The people named: none, one (a form's single tick) or several. */
const userIds = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
  z.array(z.string().uuid('Select people from the list')).max(50, 'Name 50 people or fewer'),
);

const RestrictionInput = z.object({
  reason: z.string().trim().min(1, 'Enter why the record is restricted').max(2000, 'The reason must be 2,000 characters or fewer'),
  memberIds: userIds,
});

const GlassInput = z.object({
  reason: z.string().trim().min(10, 'Enter why you need to see this record (at least 10 characters)').max(2000, 'The reason must be 2,000 characters or fewer'),
});

export function createAccessService(db: Db, opts: { mailer: EmailService; now?: () => Date }) {
  const now = opts.now ?? (() => new Date());

  async function facts(tx: DbOrTx, ctx: Ctx, childId: string) {
    if (!ctx.actor) throw new ForbiddenError();
    const actor = await caseload.accessActor(tx, ctx.actor);
    const f = (await caseload.childAccessFacts(tx, [childId], actor.userId, now())).get(childId);
    if (!f) throw new NotFoundError('Child');
    return { actor, f };
  }

  const personOf = caseload.staffMember;

  async function card(tx: DbOrTx, ctx: Ctx, childId: string, access: ChildAccess, restrictedBy: string | null, socialWorkerId: string | null): Promise<ChildCard> {
    const c = await caseload.childLabel(tx, childId);
    if (!c) throw new NotFoundError('Child');
    let ask: AskPerson | null = null;
    if (restrictedBy) {
      const p = await personOf(tx, restrictedBy);
      if (p) ask = { name: p.name, email: p.email, role: 'manager who restricted it' };
    } else {
      const worker = await personOf(tx, socialWorkerId);
      if (worker?.active) ask = { name: worker.name, email: worker.email, role: 'social worker' };
      else {
        const manager = await personOf(tx, worker?.lineManagerId ?? null);
        if (manager?.active) ask = { name: manager.name, email: manager.email, role: 'team manager' };
      }
    }
    return {
      id: childId,
      reference: c.reference,
      name: restrictedBy ? null : `${c.firstName} ${c.lastName}`,
      restricted: restrictedBy !== null,
      ask,
      mayBreakGlass: access.level === 'card' && ctx.actor !== null && mayBreakGlass(ctx.actor.role),
    };
  }

  /** What the person may do with one child (the route guard's question, asked on every child page). Reads only. */
  async function toChild(ctx: Ctx, childId: string): Promise<ChildAccess> {
    return db.transaction(async (tx) => {
      const { actor, f } = await facts(tx, ctx, childId);
      return childAccess(actor, f);
    });
  }

  /** What the person may do with one child, and the card they see if they may not read it. Reads only. */
  async function forChild(ctx: Ctx, childId: string): Promise<ChildAccessAnswer> {
    return db.transaction(async (tx) => {
      const { actor, f } = await facts(tx, ctx, childId);
      const access = childAccess(actor, f);
      return { access, card: await card(tx, ctx, childId, access, f.restriction?.restrictedBy ?? null, f.socialWorkerId) };
    });
  }

  /** Shows the card: audited as such (it names the child, but shows nothing of the record). */
  async function showCard(ctx: Ctx, childId: string): Promise<ChildCard> {
    return db.transaction(async (tx) => {
      const { actor, f } = await facts(tx, ctx, childId);
      const shown = await card(tx, ctx, childId, childAccess(actor, f), f.restriction?.restrictedBy ?? null, f.socialWorkerId);
      await writeAudit(tx, ctx, { action: 'child.card.viewed', subjectType: 'child', subjectId: childId, details: { restricted: shown.restricted } });
      return shown;
    });
  }

  /** What the person may do with one household, and whom to ask. Reads only. */
  async function forHousehold(ctx: Ctx, householdId: string): Promise<{ level: AccessLevel; ask: string | null }> {
    return db.transaction(async (tx) => {
      if (!ctx.actor) throw new ForbiddenError();
      const actor = await caseload.accessActor(tx, ctx.actor);
      const f = (await caseload.householdAccessFacts(tx, [householdId])).get(householdId);
      if (!f) throw new NotFoundError('Household');
      const ssw = await personOf(tx, f.supervisorId);
      return { level: householdAccess(actor, f).level, ask: ssw ? `${ssw.name} (${ssw.email})` : null };
    });
  }

  /** The restriction page for a manager: the child, the restriction if any, and the staff who can be named. */
  async function restrictionPage(ctx: Ctx, childId: string) {
    assertManager(ctx);
    return db.transaction(async (tx) => {
      await assertChildAccessNow(tx, ctx.actor, childId, 'write');
      const c = await caseload.childLabel(tx, childId);
      if (!c) throw new NotFoundError('Child');
      const r = await caseload.findRestriction(tx, childId);
      const by = r ? await personOf(tx, r.restrictedBy) : null;
      const staff = await caseload.activeStaff(tx, ctx.actor!.organisationId);
      await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: childId, details: { part: 'restriction' } });
      return { child: { id: childId, reference: c.reference, name: `${c.firstName} ${c.lastName}` }, restriction: r ? { ...r, restrictedByName: by?.name ?? '' } : null, staff };
    });
  }

  /** The broken glass a manager is to review, audited as seen. */
  async function brokenGlassPage(ctx: Ctx) {
    if (!ctx.actor || !mayRestrict(ctx.actor.role)) throw new ForbiddenError('Only a team manager or head of service reviews broken glass.');
    const actor = ctx.actor;
    return db.transaction(async (tx) => {
      const grants = await grantsToReviewIn(tx, actor);
      await writeAudit(tx, ctx, { action: 'access.grants.listed', subjectType: 'user', details: { count: grants.length } });
      return grants;
    });
  }

  function assertManager(ctx: Ctx) {
    if (!ctx.actor || !mayRestrict(ctx.actor.role)) throw new ForbiddenError('Only a team manager or head of service can restrict a record or lift a restriction.');
  }

  async function assertActiveUsers(tx: DbOrTx, ids: readonly string[]) {
    for (const id of ids) {
      const p = await personOf(tx, id);
      if (!p?.active) throw new ValidationError([{ field: 'memberIds', message: 'Select people who work here now' }]);
    }
  }

  /** Restricts a child's record to named people (or changes who is named), as a manager who may change the record. */
  async function restrict(ctx: Ctx, childId: string, raw: unknown, version: number | null): Promise<void> {
    assertManager(ctx);
    const input = parseInput(RestrictionInput, raw);
    await db.transaction(async (tx) => {
      await assertChildAccessNow(tx, ctx.actor, childId, 'write');
      await assertActiveUsers(tx, input.memberIds);
      const existing = await caseload.findRestriction(tx, childId);
      if (existing) {
        if (version === null || !(await caseload.updateRestriction(tx, childId, version, input))) throw new StaleRecordError('Restriction');
        await writeAudit(tx, ctx, { action: 'child.restricted', subjectType: 'child', subjectId: childId, details: { memberIds: input.memberIds, changed: true } });
        return;
      }
      if (version !== null) throw new StaleRecordError('Restriction');
      await caseload.insertRestriction(tx, { childId, reason: input.reason, restrictedBy: ctx.actor!.userId, memberIds: input.memberIds });
      await writeAudit(tx, ctx, { action: 'child.restricted', subjectType: 'child', subjectId: childId, details: { memberIds: input.memberIds } });
    });
  }

  async function lift(ctx: Ctx, childId: string, version: number): Promise<void> {
    assertManager(ctx);
    await db.transaction(async (tx) => {
      await assertChildAccessNow(tx, ctx.actor, childId, 'write');
      if (!(await caseload.deleteRestriction(tx, childId, version))) {
        if (await caseload.findRestriction(tx, childId)) throw new StaleRecordError('Restriction');
        throw new NotFoundError('Restriction');
      }
      await writeAudit(tx, ctx, { action: 'child.restriction.lifted', subjectType: 'child', subjectId: childId });
    });
  }

  /**
   * "Break the glass": read access to a child not on one's caseload (or restricted) for a few
   * hours, with the reason; audited, and e-mailed to the person's line manager and, for a restricted
   * record, to the manager who restricted it, who see it on their work list until they have looked.
   */
  async function breakGlass(ctx: Ctx, childId: string, raw: unknown): Promise<{ expiresAt: Date }> {
    const input = parseInput(GlassInput, raw);
    return db.transaction(async (tx) => {
      const { actor, f } = await facts(tx, ctx, childId);
      if (!mayBreakGlass(actor.role)) throw new ForbiddenError('Administrators cannot open children’s records: ask a team manager.');
      if (childAccess(actor, f).level !== 'card') throw new ValidationError([{ field: 'reason', message: 'You can already see this record' }]);
      const grantedAt = now();
      const expiresAt = new Date(grantedAt.getTime() + GLASS_HOURS * 3600_000);
      const grant = await caseload.insertGrant(tx, { userId: actor.userId, childId, reason: input.reason, grantedAt, expiresAt });
      await writeAudit(tx, ctx, { action: 'access.glass-broken', subjectType: 'child', subjectId: childId, details: { grantId: grant.id, reason: input.reason, expiresAt: expiresAt.toISOString() } });
      const me = await personOf(tx, actor.userId);
      const tell = [await personOf(tx, me?.lineManagerId ?? null), await personOf(tx, f.restriction?.restrictedBy ?? null)].filter((p) => p?.active).map((p) => p!.email);
      const c = await caseload.childLabel(tx, childId);
      if (tell.length) {
        await opts.mailer.enqueue(tx, ctx, {
          to: [...new Set(tell)],
          subject: `Hearth: ${me?.name ?? 'a colleague'} broke the glass on child ${c?.reference ?? ''}`,
          body: `${me?.name ?? 'A colleague'} opened the record of child ${c?.reference ?? ''}, which is not on their caseload${f.restriction ? ' and is restricted' : ''}, until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.\n\nTheir reason: ${input.reason}\n\nReview it under "My work" in Hearth.`,
          related: { type: 'child', id: childId },
        });
      }
      return { expiresAt };
    });
  }

  /** Broken glass not yet reviewed, for a manager: their reports' (every one for a head of service). */
  async function grantsToReview(ctx: Ctx) {
    if (!ctx.actor || !mayRestrict(ctx.actor.role)) return [];
    const actor = ctx.actor;
    return db.transaction((tx) => grantsToReviewIn(tx, actor));
  }

  async function reviewGrant(ctx: Ctx, grantId: string): Promise<void> {
    if (!ctx.actor || !mayRestrict(ctx.actor.role)) throw new ForbiddenError('Only a team manager or head of service reviews broken glass.');
    const actor = ctx.actor;
    await db.transaction(async (tx) => {
      const mine = await grantsToReviewIn(tx, actor);
      if (!mine.some((g) => g.id === grantId)) throw new NotFoundError('Broken glass');
      const done = await caseload.reviewGrant(tx, grantId, actor.userId, now());
      if (!done) throw new NotFoundError('Broken glass');
      await writeAudit(tx, ctx, { action: 'access.grant.reviewed', subjectType: 'user', subjectId: done.userId, details: { grantId, childId: done.childId } });
    });
  }

  async function grantsToReviewIn(tx: DbOrTx, actor: NonNullable<Ctx['actor']>) {
    const managed = actor.role === 'head_of_service' ? 'all' : [...(await caseload.accessActor(tx, actor)).manages];
    return caseload.unreviewedGrants(tx, managed);
  }

  return { toChild, forChild, showCard, forHousehold, restrictionPage, brokenGlassPage, restrict, lift, breakGlass, grantsToReview, reviewGrant };
}

export type AccessService = ReturnType<typeof createAccessService>;
