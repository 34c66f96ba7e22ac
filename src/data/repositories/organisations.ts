/** Organisations (local authorities, agencies…) and their teams. */
import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { externalContact, organisation, team } from '../schema.ts';
import { likePattern, updateVersioned, type VersionedUpdateResult } from './versioned.ts';

export type OrganisationRow = typeof organisation.$inferSelect;
export type NewOrganisationRow = typeof organisation.$inferInsert;
export type TeamRow = typeof team.$inferSelect;

export type OrganisationWhere = { q?: string | undefined; kind?: OrganisationRow['kind'] | undefined };

export async function listOrganisations(db: DbOrTx, filter: OrganisationWhere): Promise<OrganisationRow[]> {
  const where: SQL[] = [];
  if (filter.q) {
    const p = likePattern(filter.q);
    where.push(or(ilike(organisation.name, p), ilike(organisation.laCode, p)) as SQL);
  }
  if (filter.kind) where.push(eq(organisation.kind, filter.kind));
  return db.select().from(organisation).where(and(...where)).orderBy(asc(organisation.name));
}

export async function findOrganisation(db: DbOrTx, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisation).where(eq(organisation.id, id));
  return row;
}

export async function findOrganisationName(db: DbOrTx, id: string): Promise<{ name: string } | undefined> {
  const [row] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, id));
  return row;
}

export async function organisationExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id));
  return row !== undefined;
}

/** The organisation holding an LA code, if any. */
export async function findOrganisationByLaCode(db: DbOrTx, laCode: string): Promise<{ id: string } | undefined> {
  const [row] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.laCode, laCode));
  return row;
}

export async function teamsOfOrganisation(db: DbOrTx, organisationId: string): Promise<TeamRow[]> {
  return db.select().from(team).where(eq(team.organisationId, organisationId)).orderBy(asc(team.name));
}

export async function findTeamOrganisation(db: DbOrTx, teamId: string): Promise<{ organisationId: string } | undefined> {
  const [row] = await db.select({ organisationId: team.organisationId }).from(team).where(eq(team.id, teamId));
  return row;
}

export async function insertOrganisation(db: DbOrTx, values: NewOrganisationRow): Promise<OrganisationRow> {
  const [row] = await db.insert(organisation).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export function updateOrganisation(db: DbOrTx, id: string, version: number, values: Partial<NewOrganisationRow>): Promise<VersionedUpdateResult> {
  return updateVersioned(db, organisation, id, version, values);
}

export async function organisationOptions(db: DbOrTx) {
  return db.select({ id: organisation.id, name: organisation.name, kind: organisation.kind, laCode: organisation.laCode }).from(organisation).orderBy(asc(organisation.name));
}

export async function teamOptions(db: DbOrTx) {
  return db
    .select({ id: team.id, name: team.name, organisationId: team.organisationId, organisationName: organisation.name })
    .from(team)
    .innerJoin(organisation, eq(organisation.id, team.organisationId))
    .orderBy(asc(organisation.name), asc(team.name));
}

export async function findOrganisationKind(db: DbOrTx, id: string): Promise<{ kind: OrganisationRow['kind'] } | undefined> {
  const [row] = await db.select({ kind: organisation.kind }).from(organisation).where(eq(organisation.id, id));
  return row;
}

/** Names of some organisations (in no particular order). */
export async function organisationNames(db: DbOrTx, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, [...ids]));
}

/** The contacts (external contacts) of some organisations, by name. */
export async function contactsOfOrganisations(db: DbOrTx, ids: readonly string[]) {
  return db
    .select({ id: externalContact.id, organisationId: externalContact.organisationId, fullName: externalContact.fullName, role: externalContact.role })
    .from(externalContact)
    .where(inArray(externalContact.organisationId, [...ids]))
    .orderBy(asc(externalContact.fullName));
}
