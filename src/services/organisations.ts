import { asc, eq, ilike, and, or, type SQL } from 'drizzle-orm';
import type { Db } from '../data/db.ts';
import { organisation, team } from '../data/schema.ts';
import { likePattern, updateVersioned } from '../data/repositories/versioned.ts';
import { writeAudit } from '../audit/writer.ts';
import { OrganisationInput, type OrganisationKind } from '../domain/records/organisation.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Organisation = typeof organisation.$inferSelect;
export type OrganisationFilter = { q?: string | undefined; kind?: OrganisationKind | undefined };

export function createOrganisationService(db: Db) {
  async function list(ctx: Ctx, filter: OrganisationFilter = {}): Promise<Organisation[]> {
    const where: SQL[] = [];
    if (filter.q) {
      const p = likePattern(filter.q);
      where.push(or(ilike(organisation.name, p), ilike(organisation.laCode, p)) as SQL);
    }
    if (filter.kind) where.push(eq(organisation.kind, filter.kind));
    return db.transaction(async (tx) => {
      const rows = await tx.select().from(organisation).where(and(...where)).orderBy(asc(organisation.name));
      await writeAudit(tx, ctx, { action: 'organisation.listed', subjectType: 'organisation', details: { filter, count: rows.length } });
      return rows;
    });
  }

  async function get(ctx: Ctx, id: string) {
    return db.transaction(async (tx) => {
      const [row] = await tx.select().from(organisation).where(eq(organisation.id, id));
      if (!row) throw new NotFoundError('Organisation');
      const teams = await tx.select().from(team).where(eq(team.organisationId, id)).orderBy(asc(team.name));
      await writeAudit(tx, ctx, { action: 'organisation.viewed', subjectType: 'organisation', subjectId: id });
      return { ...row, teams };
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<Organisation> {
    const input = parseInput(OrganisationInput, raw);
    return db.transaction(async (tx) => {
      await assertLaCodeFree(tx, input.laCode, null);
      const [row] = await tx.insert(organisation).values(input).returning();
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, ctx, { action: 'organisation.created', subjectType: 'organisation', subjectId: row.id, details: { name: row.name } });
      return row;
    });
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(OrganisationInput, raw);
    await db.transaction(async (tx) => {
      await assertLaCodeFree(tx, input.laCode, id);
      const result = await updateVersioned(tx, organisation, id, version, input);
      if (result === 'missing') throw new NotFoundError('Organisation');
      if (result === 'stale') throw new StaleRecordError('Organisation');
      await writeAudit(tx, ctx, { action: 'organisation.updated', subjectType: 'organisation', subjectId: id, details: { fields: Object.keys(input) } });
    });
  }

  async function options() {
    return db.select({ id: organisation.id, name: organisation.name, kind: organisation.kind, laCode: organisation.laCode }).from(organisation).orderBy(asc(organisation.name));
  }

  async function teamOptions() {
    return db
      .select({ id: team.id, name: team.name, organisationId: team.organisationId, organisationName: organisation.name })
      .from(team)
      .innerJoin(organisation, eq(organisation.id, team.organisationId))
      .orderBy(asc(organisation.name), asc(team.name));
  }

  return { list, get, create, update, options, teamOptions };
}

async function assertLaCodeFree(tx: Pick<Db, 'select'>, laCode: string | null, exceptId: string | null) {
  if (!laCode) return;
  const [clash] = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.laCode, laCode));
  if (clash && clash.id !== exceptId) throw new ValidationError([{ field: 'laCode', message: 'Another organisation already has this LA code' }]);
}
