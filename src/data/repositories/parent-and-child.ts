/** Parent-and-child arrangements and the people placed in them (migration 0028). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { child, familyMember, parentChildArrangement, parentChildArrangementPerson } from '../schema.ts';

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
