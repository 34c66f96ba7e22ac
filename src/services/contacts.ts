import type { Db, DbOrTx } from '../data/db.ts';
import * as contacts from '../data/repositories/contacts.ts';
import { findOrganisationName } from '../data/repositories/organisations.ts';
import { writeAudit } from '../audit/writer.ts';
import { ContactInput } from '../domain/records/contact.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import { readPage, type Listed, type Paging } from './paging.ts';

export type Contact = contacts.ContactRow;
export type ContactFilter = { q?: string | undefined; role?: string | undefined; organisationId?: string | undefined };

export function createContactService(db: Db) {
  /**
   * One page of the contacts matching a filter, by name, and how many match in all (the list page and
   * the API: the first 500 unless a page and size are asked for). A page past the last shows the last.
   */
  async function list(ctx: Ctx, filter: ContactFilter = {}, paging: Paging = {}): Promise<Listed<Contact>> {
    return db.transaction(async (tx) => {
      const page = await readPage(
        paging,
        () => contacts.countContacts(tx, filter),
        (limit, offset) => contacts.listContacts(tx, filter, limit, offset),
      );
      await writeAudit(tx, ctx, { action: 'contact.listed', subjectType: 'contact', details: { filter, count: page.items.length, total: page.total, page: page.page, truncated: page.truncated } });
      return page;
    });
  }

  async function get(ctx: Ctx, id: string): Promise<Contact> {
    return db.transaction(async (tx) => {
      const row = await contacts.findContact(tx, id);
      if (!row) throw new NotFoundError('Contact');
      await writeAudit(tx, ctx, { action: 'contact.viewed', subjectType: 'contact', subjectId: id });
      return row;
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<Contact> {
    const input = parseInput(ContactInput, raw);
    return db.transaction(async (tx) => {
      const values = await resolveOrganisation(tx, input);
      const row = await contacts.insertContact(tx, values);
      await writeAudit(tx, ctx, { action: 'contact.created', subjectType: 'contact', subjectId: row.id, details: { organisationId: row.organisationId } });
      return row;
    });
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(ContactInput, raw);
    await db.transaction(async (tx) => {
      const values = await resolveOrganisation(tx, input);
      const result = await contacts.updateContact(tx, id, version, values);
      if (result === 'missing') throw new NotFoundError('Contact');
      if (result === 'stale') throw new StaleRecordError('Contact');
      await writeAudit(tx, ctx, { action: 'contact.updated', subjectType: 'contact', subjectId: id, details: { fields: Object.keys(values) } });
    });
  }

  /** Contacts for select lists (for example a child's social worker in another authority). */
  async function options() {
    return contacts.contactOptions(db);
  }

  return { list, get, create, update, options };
}

/**
 * A contact's organisation is a known one (its name is copied so it is always filled) or a name
 * typed in. Choosing a known organisation wins over a typed name.
 */
async function resolveOrganisation(tx: DbOrTx, input: ContactInput) {
  const base = { fullName: input.fullName, role: input.role, email: input.email, phone: input.phone };
  if (input.organisationId) {
    const org = await findOrganisationName(tx, input.organisationId);
    if (!org) throw new ValidationError([{ field: 'organisationId', message: 'Select an organisation from the list' }]);
    return { ...base, organisationId: input.organisationId, organisationName: org.name };
  }
  return { ...base, organisationId: null, organisationName: input.organisationName ?? '' };
}
