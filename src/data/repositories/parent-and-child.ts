/** Parent-and-child arrangements and the people placed in them (migration 0028). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { child, childFamilyMember, familyMember, parentChildArrangement, parentChildArrangementPerson } from '../schema.ts';

export type ArrangementRow = typeof parentChildArrangement.$inferSelect;
export type ArrangementPersonRow = typeof parentChildArrangementPerson.$inferSelect & {
  /** The person's name and date of birth, from their child record or family member record. */
  name: string;
  dateOfBirth: string | null;
};
export type ArrangementWithPeople = ArrangementRow & { people: ArrangementPersonRow[] };

export async function insertArrangement(
  db: DbOrTx,
  values: typeof parentChildArrangement.$inferInsert,
  people: Omit<typeof parentChildArrangementPerson.$inferInsert, 'arrangementId'>[],
): Promise<string> {
  const [row] = await db.insert(parentChildArrangement).values(values).returning({ id: parentChildArrangement.id });
  if (!row) throw new Error('insert returned nothing');
  if (people.length > 0) {
    await db.insert(parentChildArrangementPerson).values(people.map((p, i) => ({ ...p, position: p.position ?? i, arrangementId: row.id })));
  }
  return row.id;
}

async function peopleOf(db: DbOrTx, arrangementIds: string[]): Promise<ArrangementPersonRow[]> {
  if (arrangementIds.length === 0) return [];
  const rows = await db
    .select({
      p: parentChildArrangementPerson,
      childFirst: child.firstName,
      childLast: child.lastName,
      childDob: child.dateOfBirth,
      memberName: familyMember.name,
      memberDob: familyMember.dateOfBirth,
    })
    .from(parentChildArrangementPerson)
    .leftJoin(child, eq(child.id, parentChildArrangementPerson.childId))
    .leftJoin(familyMember, eq(familyMember.id, parentChildArrangementPerson.familyMemberId))
    .where(inArray(parentChildArrangementPerson.arrangementId, arrangementIds))
    .orderBy(asc(parentChildArrangementPerson.position));
  return rows.map((r) => ({
    ...r.p,
    name: r.childFirst !== null ? `${r.childFirst} ${r.childLast ?? ''}`.trim() : (r.memberName ?? ''),
    dateOfBirth: r.childDob ?? r.memberDob ?? null,
  }));
}

/** An arrangement with its people, parents first then children, each in the order recorded. */
export async function findArrangement(db: DbOrTx, id: string): Promise<ArrangementWithPeople | undefined> {
  const [row] = await db.select().from(parentChildArrangement).where(eq(parentChildArrangement.id, id));
  if (!row) return undefined;
  const people = await peopleOf(db, [id]);
  return { ...row, people: [...people.filter((p) => p.role === 'parent'), ...people.filter((p) => p.role === 'child')] };
}

/** The arrangements a child record is part of (as parent or child), newest first. */
export async function arrangementsOfChild(db: DbOrTx, childId: string): Promise<ArrangementWithPeople[]> {
  const ids = await db
    .selectDistinct({ id: parentChildArrangementPerson.arrangementId })
    .from(parentChildArrangementPerson)
    .where(eq(parentChildArrangementPerson.childId, childId));
  const out: ArrangementWithPeople[] = [];
  for (const { id } of ids) {
    const a = await findArrangement(db, id);
    if (a) out.push(a);
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** A child's family member: the person and the child's relationship to them. */
export type ChildFamilyMemberRow = typeof familyMember.$inferSelect & { relationship: string; position: number };

/** A child's family members, in the child's order. */
export async function familyMembersOfChild(db: DbOrTx, childId: string): Promise<ChildFamilyMemberRow[]> {
  const rows = await db
    .select({ m: familyMember, relationship: childFamilyMember.relationship, position: childFamilyMember.position })
    .from(childFamilyMember)
    .innerJoin(familyMember, eq(familyMember.id, childFamilyMember.familyMemberId))
    .where(eq(childFamilyMember.childId, childId))
    .orderBy(asc(childFamilyMember.position), asc(familyMember.name));
  return rows.map((r) => ({ ...r.m, relationship: r.relationship, position: r.position }));
}

/** Several children's family members, by child, each in the child's order. */
export async function familyMembersOfChildren(db: DbOrTx, childIds: readonly string[]): Promise<Map<string, { name: string; relationship: string }[]>> {
  const out = new Map<string, { name: string; relationship: string }[]>();
  if (childIds.length === 0) return out;
  const rows = await db
    .select({ childId: childFamilyMember.childId, name: familyMember.name, relationship: childFamilyMember.relationship })
    .from(childFamilyMember)
    .innerJoin(familyMember, eq(familyMember.id, childFamilyMember.familyMemberId))
    .where(inArray(childFamilyMember.childId, [...childIds]))
    .orderBy(asc(childFamilyMember.position));
  for (const r of rows) out.set(r.childId, [...(out.get(r.childId) ?? []), { name: r.name, relationship: r.relationship }]);
  return out;
}

/** The names of the family members of some children (for redaction), each once. */
export async function familyNamesOfChildren(db: DbOrTx, childIds: readonly string[]): Promise<string[]> {
  const byChild = await familyMembersOfChildren(db, childIds);
  return [...new Set([...byChild.values()].flatMap((l) => l.map((m) => m.name)))];
}

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Sets a child's family members to this list (name and relationship, in order). A person already
 * linked to the child with the same name is kept (with their details); otherwise a person of the same
 * name who is family of one of the child's linked siblings is reused (a parent shared by siblings is
 * one person); otherwise a new person is made. Links not in the list are removed; the people stay.
 */
export async function setFamilyMembersOfChild(db: DbOrTx, childId: string, list: readonly { name: string; relationship: string; id?: string | null }[], siblingIds: readonly string[]): Promise<void> {
  const current = await familyMembersOfChild(db, childId);
  const siblingsPeople = siblingIds.length
    ? await db
        .select({ id: familyMember.id, name: familyMember.name })
        .from(childFamilyMember)
        .innerJoin(familyMember, eq(familyMember.id, childFamilyMember.familyMemberId))
        .where(inArray(childFamilyMember.childId, [...siblingIds]))
    : [];
  await db.delete(childFamilyMember).where(eq(childFamilyMember.childId, childId));
  const used = new Set<string>();
  for (const [position, m] of list.entries()) {
    let id: string | undefined;
    if (m.id) {
      const [known] = await db.select({ id: familyMember.id }).from(familyMember).where(eq(familyMember.id, m.id));
      id = known?.id;
    }
    id ??= current.find((c) => !used.has(c.id) && sameName(c.name, m.name))?.id ?? siblingsPeople.find((c) => !used.has(c.id) && sameName(c.name, m.name))?.id;
    if (!id) {
      const [row] = await db.insert(familyMember).values({ name: m.name }).returning({ id: familyMember.id });
      if (!row) throw new Error('insert returned nothing');
      id = row.id;
    }
    if (used.has(id)) continue;
    used.add(id);
    await db.insert(childFamilyMember).values({ childId, familyMemberId: id, relationship: m.relationship, position });
  }
}

/** A family member by id. */
export async function findFamilyMember(db: DbOrTx, id: string) {
  const [row] = await db.select().from(familyMember).where(eq(familyMember.id, id));
  return row;
}

/** The children a family member is family of, with the relationship. */
export async function childrenOfFamilyMember(db: DbOrTx, id: string) {
  return db
    .select({ childId: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference, relationship: childFamilyMember.relationship })
    .from(childFamilyMember)
    .innerJoin(child, eq(child.id, childFamilyMember.childId))
    .where(eq(childFamilyMember.familyMemberId, id))
    .orderBy(asc(child.dateOfBirth));
}

/** Change a family member's details (version checked). */
export async function updateFamilyMember(db: DbOrTx, id: string, version: number, values: Partial<typeof familyMember.$inferInsert>): Promise<'ok' | 'missing' | 'stale'> {
  const [cur] = await db.select({ version: familyMember.version }).from(familyMember).where(eq(familyMember.id, id)).for('update');
  if (!cur) return 'missing';
  if (cur.version !== version) return 'stale';
  await db.update(familyMember).set({ ...values, version: version + 1, updatedAt: new Date() }).where(eq(familyMember.id, id));
  return 'ok';
}
