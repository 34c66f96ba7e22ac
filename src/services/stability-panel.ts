/**
 * The Placement Stability Panel (src/domain/records/stability-panel.ts): referrals, sittings with
 * their agenda, and the panel's decision on each case. The decision's actions become tasks of their
 * owners (on their My work, like a meeting's agreed actions), the child's social worker gets a task to
 * review it on the review date, and the decision is e-mailed to the child's social worker and the
 * supervising social worker through the outbox, in the same transaction.
 */
import type { Db } from '../data/db.ts';
import * as panel from '../data/repositories/stability-panel.ts';
import { findPlanningPlacement } from '../data/repositories/planning.ts';
import { findUserContact } from '../data/repositories/users.ts';
import { writeAudit } from '../audit/writer.ts';
import { can } from '../domain/access/index.ts';
import { formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { PanelDecisionInput, PanelReferralInput, PanelSittingInput, panelDecisionProblems, panelReferralProblems, panelSittingProblems } from '../domain/records/stability-panel.ts';
import type { Ctx } from './context.ts';
import type { EmailService } from './email.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type PanelReferral = panel.PanelReferralRow & { child: { id: string; reference: string; firstName: string; lastName: string }; householdReference: string };
export type PanelSitting = panel.PanelSittingRow;
export type PanelSittingView = PanelSitting & { agenda: PanelReferral[] };
export type PanelTask = Awaited<ReturnType<typeof panel.tasksOfReferral>>[number];

const flat = (r: Awaited<ReturnType<typeof panel.referralsWithChild>>[number]): PanelReferral => ({ ...r.r, child: r.child, householdReference: r.householdReference });

export function createPanelService(db: Db, opts: { today?: () => IsoDate; mailer: Pick<EmailService, 'enqueue'>; publicUrl?: string }) {
  const today = opts.today ?? (() => todayInEngland(new Date()));
  const mustBe = (ctx: Ctx, permission: 'panel:refer' | 'panel:manage', message: string) => {
    if (!ctx.actor || !can(ctx.actor.role, permission)) throw new ForbiddenError(message);
    return ctx.actor;
  };

  /** Refer a child's case to the panel, with the latest initial support plan attached. */
  async function refer(ctx: Ctx, placementId: string, raw: unknown): Promise<PanelReferral> {
    const actor = mustBe(ctx, 'panel:refer', "Only the child's social worker or a manager can refer a case to the Placement Stability Panel");
    const input = parseInput(PanelReferralInput, raw);
    return db.transaction(async (tx) => {
      const row = await findPlanningPlacement(tx, placementId);
      if (!row) throw new NotFoundError('Placement');
      const problems = panelReferralProblems(input, row.p, today());
      if (problems.length) throw new ValidationError(problems);
      const saved = await panel.insertReferral(tx, {
        ...input,
        placementId,
        childId: row.c.id,
        supportPlanVersionId: await panel.latestSupportPlanVersion(tx, placementId),
        referredBy: actor.userId,
        referredByName: actor.name,
      });
      await writeAudit(tx, ctx, { action: 'panel.referred', subjectType: 'placement', subjectId: placementId, details: { childId: row.c.id, referralId: saved.id, referredOn: saved.referredOn, supportPlanVersionId: saved.supportPlanVersionId } });
      return flat((await panel.referralsWithChild(tx, { childId: row.c.id })).find((r) => r.r.id === saved.id)!);
    });
  }

  /** Referrals: waiting for a sitting, on an agenda, decided; or all of a child's. */
  async function referrals(ctx: Ctx, by: { childId?: string; status?: 'referred' | 'on_agenda' | 'decided' } = {}): Promise<PanelReferral[]> {
    return db.transaction(async (tx) => {
      const rows = (await panel.referralsWithChild(tx, by)).map(flat);
      await writeAudit(tx, ctx, { action: 'panel.listed', subjectType: by.childId ? 'child' : 'placement', ...(by.childId ? { subjectId: by.childId } : {}), details: { ...by, count: rows.length, childIds: [...new Set(rows.map((r) => r.childId))] } });
      return rows;
    });
  }

  /** Record a sitting (date, members, the Virtual School) and put the referred cases on its agenda. */
  async function recordSitting(ctx: Ctx, raw: unknown): Promise<PanelSittingView> {
    const actor = mustBe(ctx, 'panel:manage', 'Only a manager can record a sitting of the Placement Stability Panel');
    const input = parseInput(PanelSittingInput, raw);
    return db.transaction(async (tx) => {
      const waiting = await panel.lockWaitingReferrals(tx, input.referralIds);
      const problems = panelSittingProblems(input, waiting);
      if (problems.length) throw new ValidationError(problems);
      const sitting = await panel.insertSitting(tx, { sitsOn: input.sitsOn, members: input.members, virtualSchoolAttendee: input.virtualSchoolAttendee, recordedBy: actor.userId });
      await panel.putOnAgenda(tx, input.referralIds, sitting.id);
      await writeAudit(tx, ctx, { action: 'panel.sitting.recorded', subjectType: 'placement', details: { sittingId: sitting.id, sitsOn: sitting.sitsOn, referralIds: input.referralIds } });
      return { ...sitting, agenda: (await panel.referralsWithChild(tx, { sittingId: sitting.id })).map(flat) };
    });
  }

  async function sittings(ctx: Ctx): Promise<PanelSitting[]> {
    return db.transaction(async (tx) => {
      const rows = await panel.listSittings(tx, 100);
      await writeAudit(tx, ctx, { action: 'panel.listed', subjectType: 'placement', details: { sittings: rows.length } });
      return rows;
    });
  }

  /** A sitting with its agenda (each case's child: audited as a view of their records). */
  async function sitting(ctx: Ctx, id: string): Promise<PanelSittingView> {
    return db.transaction(async (tx) => {
      const s = await panel.findSitting(tx, id);
      if (!s) throw new NotFoundError('Panel sitting');
      const agenda = (await panel.referralsWithChild(tx, { sittingId: id })).map(flat);
      await writeAudit(tx, ctx, { action: 'panel.viewed', subjectType: 'placement', details: { sittingId: id, childIds: agenda.map((r) => r.childId) } });
      return { ...s, agenda };
    });
  }

  /** One referral, with the tasks its decision made. */
  async function referral(ctx: Ctx, id: string): Promise<PanelReferral & { tasks: PanelTask[] }> {
    return db.transaction(async (tx) => {
      const r = await panel.findReferral(tx, id);
      if (!r) throw new NotFoundError('Panel referral');
      const row = (await panel.referralsWithChild(tx, { childId: r.childId })).find((x) => x.r.id === id)!;
      await writeAudit(tx, ctx, { action: 'panel.viewed', subjectType: 'placement', subjectId: r.placementId, details: { childId: r.childId, referralId: id } });
      return { ...flat(row), tasks: await panel.tasksOfReferral(tx, id) };
    });
  }

  /**
   * The panel's decision on a case on a sitting's agenda: the service agreed, who funds it, the
   * decision, a review date and the actions (each an owned task); e-mailed to the child's social worker
   * and the supervising social worker.
   */
  async function decide(ctx: Ctx, referralId: string, version: number, raw: unknown): Promise<PanelReferral & { tasks: PanelTask[] }> {
    const actor = mustBe(ctx, 'panel:manage', "Only a manager can record the Placement Stability Panel's decision");
    const input = parseInput(PanelDecisionInput, raw);
    await db.transaction(async (tx) => {
      const r = await panel.findReferral(tx, referralId, true);
      if (!r) throw new NotFoundError('Panel referral');
      if (r.version !== version) throw new StaleRecordError('Panel referral');
      const s = r.sittingId ? await panel.findSitting(tx, r.sittingId) : undefined;
      const problems = panelDecisionProblems(input, r, s ?? null, today());
      const names = await panel.userNames(tx, input.actions.map((a) => a.ownerUserId));
      input.actions.forEach((a, i) => {
        if (!names.has(a.ownerUserId)) problems.push({ field: `actions.${i}.ownerUserId`, message: `Action ${i + 1}: select who owns the action` });
      });
      if (problems.length || !s) throw new ValidationError(problems);
      const result = await panel.updateReferral(tx, referralId, version, {
        status: 'decided',
        serviceAgreed: input.serviceAgreed,
        fundedBy: input.fundedBy,
        decision: input.decision,
        reviewOn: input.reviewOn,
        decidedOn: s.sitsOn,
        decidedByName: actor.name,
      });
      if (result !== 'updated') throw new StaleRecordError('Panel referral');
      const p = await findPlanningPlacement(tx, r.placementId);
      if (!p) throw new NotFoundError('Placement');
      const sw = p.c.socialWorkerId ? await findUserContact(tx, p.c.socialWorkerId) : undefined;
      const reviewTask = p.c.socialWorkerId
        ? [{ placementId: r.placementId, childId: r.childId, panelReferralId: referralId, description: "Placement Stability Panel: review the panel's decision and whether the service is in place", ownerUserId: p.c.socialWorkerId, ownerName: sw?.name ?? '', dueOn: input.reviewOn }]
        : [];
      await panel.insertPanelTasks(tx, [
        ...input.actions.map((a) => ({ placementId: r.placementId, childId: r.childId, panelReferralId: referralId, description: `Placement Stability Panel: ${a.description}`, ownerUserId: a.ownerUserId, ownerName: names.get(a.ownerUserId)!, dueOn: a.dueOn })),
        ...reviewTask,
      ]);
      const ssw = p.h.supervisingSocialWorkerId ? await findUserContact(tx, p.h.supervisingSocialWorkerId) : undefined;
      const to = [...new Set([sw?.email, ssw?.email].filter((e): e is string => !!e))];
      if (to.length) {
        await opts.mailer.enqueue(tx, ctx, {
          to,
          subject: `Placement Stability Panel decision for ${p.c.firstName} ${p.c.lastName} (${p.c.reference})`,
          body:
            `The Placement Stability Panel sat on ${formatDate(s.sitsOn)} and decided on the case of ${p.c.firstName} ${p.c.lastName} (${p.c.reference}), placed with household ${p.h.reference}.\n\n` +
            `Service sought: ${r.serviceSought}\nService agreed: ${input.serviceAgreed}\nFunded by: ${input.fundedBy}\nDecision: ${input.decision}\nReview date: ${formatDate(input.reviewOn)}\n\n` +
            (input.actions.length ? `Actions:\n${input.actions.map((a) => `- ${a.description} (${names.get(a.ownerUserId)}, by ${formatDate(a.dueOn)})`).join('\n')}\n\n` : '') +
            `Each action is on its owner's My work in Hearth${opts.publicUrl ? ` (${opts.publicUrl}/stability-panel/referrals/${referralId})` : ''}.\n\nHearth, on behalf of the Placement Stability Panel`,
          related: { type: 'panel-referral', id: referralId },
        });
      }
      await writeAudit(tx, ctx, { action: 'panel.decided', subjectType: 'placement', subjectId: r.placementId, details: { childId: r.childId, referralId, sittingId: s.id, reviewOn: input.reviewOn, actions: input.actions.length, emailedTo: to.length } });
    });
    return referral(ctx, referralId);
  }

  return { refer, referrals, recordSitting, sittings, sitting, referral, decide, today };
}

export type PanelService = ReturnType<typeof createPanelService>;
