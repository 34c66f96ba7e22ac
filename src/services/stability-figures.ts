/**
 * Placement stability figures (src/domain/stability/figures.ts) for the authority, a team, a worker or
 * a household, by month for the last 24 complete months. A team's and a worker's figures are those of
 * the children allocated to them now (the child's current social worker), so a child who changed
 * worker counts for the new one in every month shown.
 */
import type { Db } from '../data/db.ts';
import * as repo from '../data/repositories/stability-figures.ts';
import { writeAudit } from '../audit/writer.ts';
import { can } from '../domain/access/index.ts';
import { englandAndWales } from '../domain/calendar/index.ts';
import { todayInEngland, type IsoDate } from '../domain/dates.ts';
import { lastMonthEnds, stabilityFigures, type MonthFigures, type StabilityScope } from '../domain/stability/figures.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, ValidationError } from './errors.ts';

export const FIGURE_MONTHS = 24;

/** Whose figures were asked for: at most one of a team, a worker and a household (by reference). */
export type FiguresAsked = { teamId?: string | undefined; workerId?: string | undefined; householdReference?: string | undefined };
export type StabilityFiguresView = {
  scope: { kind: 'authority' | 'team' | 'worker' | 'household'; id: string | null; label: string };
  months: MonthFigures[];
};

export function createStabilityFiguresService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function figures(ctx: Ctx, asked: FiguresAsked): Promise<StabilityFiguresView> {
    if (!ctx.actor || !can(ctx.actor.role, 'obligation:dashboard')) throw new ForbiddenError('Only team managers and heads of service can see the stability figures');
    const given = [asked.teamId && 'teamId', asked.workerId && 'workerId', asked.householdReference && 'householdReference'].filter((f): f is string => Boolean(f));
    if (given.length > 1) throw new ValidationError(given.map((field) => ({ field, message: 'Choose one of a team, a worker or a household (or none, for the whole authority)' })));
    return db.transaction(async (tx) => {
      let scope: StabilityScope = { kind: 'authority' };
      let view: StabilityFiguresView['scope'] = { kind: 'authority', id: null, label: 'The whole authority' };
      if (asked.teamId) {
        const name = await repo.teamName(tx, asked.teamId);
        if (!name) throw new ValidationError([{ field: 'teamId', message: 'Select a team from the list' }]);
        scope = { kind: 'children', childIds: new Set(await repo.allocatedChildIds(tx, { teamId: asked.teamId })) };
        view = { kind: 'team', id: asked.teamId, label: `${name} (the children allocated to its social workers)` };
      } else if (asked.workerId) {
        const name = await repo.workerName(tx, asked.workerId);
        if (!name) throw new ValidationError([{ field: 'workerId', message: 'Select a social worker from the list' }]);
        scope = { kind: 'children', childIds: new Set(await repo.allocatedChildIds(tx, { workerId: asked.workerId })) };
        view = { kind: 'worker', id: asked.workerId, label: `${name} (the children allocated to them)` };
      } else if (asked.householdReference) {
        const h = await repo.householdByReference(tx, asked.householdReference.trim());
        if (!h) throw new ValidationError([{ field: 'householdReference', message: `No household has the reference ${asked.householdReference.trim()}` }]);
        scope = { kind: 'household', householdId: h.id };
        view = { kind: 'household', id: h.id, label: `Household ${h.reference} (the children placed with it)` };
      }
      const months = stabilityFigures(await repo.stabilityRecords(tx), scope, lastMonthEnds(today(), FIGURE_MONTHS), (a, b) => englandAndWales.workingDaysBetween(a, b));
      await writeAudit(tx, ctx, { action: 'stability.figures.viewed', subjectType: view.kind === 'household' ? 'household' : 'system', ...(view.id ? { subjectId: view.id } : {}), details: { scope: view.kind, months: months.length } });
      return { scope: view, months };
    });
  }

  return { figures };
}
