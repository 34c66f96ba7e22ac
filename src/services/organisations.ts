import type { Db, DbOrTx } from '../data/db.ts';
import * as organisations from '../data/repositories/organisations.ts';
import { writeAudit } from '../audit/writer.ts';
import { OrganisationInput, type OrganisationKind } from '../domain/records/organisation.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Organisation = organisations.OrganisationRow;
export type OrganisationFilter = { q?: string | undefined; kind?: OrganisationKind | undefined };

export function createOrganisationService(db: Db) {
  async function list(ctx: Ctx, filter: OrganisationFilter = {}): Promise<Organisation[]> {
    return db.transaction(async (tx) => {
      const rows = await organisations.listOrganisations(tx, filter);
      await writeAudit(tx, ctx, { action: 'organisation.listed', subjectType: 'organisation', details: { filter, count: rows.length } });
      return rows;
    });
  }

  async function get(ctx: Ctx, id: string) {
    return db.transaction(async (tx) => {
      const row = await organisations.findOrganisation(tx, id);
      if (!row) throw new NotFoundError('Organisation');
      const teams = await organisations.teamsOfOrganisation(tx, id);
      await writeAudit(tx, ctx, { action: 'organisation.viewed', subjectType: 'organisation', subjectId: id });
      return { ...row, teams };
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<Organisation> {
    const input = parseInput(OrganisationInput, raw);
    return db.transaction(async (tx) => {
      await assertLaCodeFree(tx, input.laCode, null);
      const row = await organisations.insertOrganisation(tx, input);
      await writeAudit(tx, ctx, { action: 'organisation.created', subjectType: 'organisation', subjectId: row.id, details: { name: row.name } });
      return row;
    });
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(OrganisationInput, raw);
    await db.transaction(async (tx) => {
      await assertLaCodeFree(tx, input.laCode, id);
      const result = await organisations.updateOrganisation(tx, id, version, input);
      if (result === 'missing') throw new NotFoundError('Organisation');
      if (result === 'stale') throw new StaleRecordError('Organisation');
      await writeAudit(tx, ctx, { action: 'organisation.updated', subjectType: 'organisation', subjectId: id, details: { fields: Object.keys(input) } });
    });
  }

  /**
   * Organisations to choose from: local authorities and fostering agencies; Virtual Schools and
   * adoption agencies too with `virtualSchools` (a contact's organisation).
   */
  async function options(o: { virtualSchools?: boolean } = {}) {
    const rows = await organisations.organisationOptions(db);
    return o.virtualSchools ? rows : rows.filter((r) => r.kind !== 'virtual_school' && r.kind !== 'adoption_agency');
  }

  /** The adoption agencies and local authorities: who approves adopters and runs concurrent planning services. */
  async function adoptionAgencies() {
    const rows = await organisations.organisationOptions(db);
    return rows.filter((r) => r.kind === 'adoption_agency' || r.kind === 'local_authority');
  }

  /** The Virtual Schools, with their contacts (the people consulted). */
  async function virtualSchools() {
    const rows = await organisations.organisationOptions(db);
    const schools = rows.filter((r) => r.kind === 'virtual_school');
    const contacts = schools.length ? await organisations.contactsOfOrganisations(db, schools.map((s) => s.id)) : [];
    return schools.map((s) => ({ id: s.id, name: s.name, contacts: contacts.filter((c) => c.organisationId === s.id).map((c) => ({ id: c.id, fullName: c.fullName, role: c.role })) }));
  }

  async function teamOptions() {
    return organisations.teamOptions(db);
  }

  return { list, get, create, update, options, virtualSchools, adoptionAgencies, teamOptions };
}

async function assertLaCodeFree(tx: DbOrTx, laCode: string | null, exceptId: string | null) {
  if (!laCode) return;
  const clash = await organisations.findOrganisationByLaCode(tx, laCode);
  if (clash && clash.id !== exceptId) throw new ValidationError([{ field: 'laCode', message: 'Another organisation already has this LA code' }]);
}
