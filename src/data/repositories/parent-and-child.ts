/** Parent-and-child arrangements and the people placed in them (migration 0028). */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { child, childDocument, childFamilyMember, familyMember, household, legalStatus, parentChildArrangement, parentChildArrangementPerson, pcAdvocacyOffer, pcContingencyPlan, pcExtraSupport, pcHealthObservation, pcSharingAgreement } from '../schema.ts';

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

export type SharingAgreementRow = typeof pcSharingAgreement.$inferSelect;
export type HealthObservationRow = typeof pcHealthObservation.$inferSelect;
export type AdvocacyOfferRow = typeof pcAdvocacyOffer.$inferSelect;
export type ContingencyRow = typeof pcContingencyPlan.$inferSelect;
export type ExtraSupportRow = typeof pcExtraSupport.$inferSelect;

/** Everything recorded before placing and during the placement, for one arrangement. */
export type ArrangementRecords = {
  agreements: SharingAgreementRow[];
  observations: HealthObservationRow[];
  advocacy: AdvocacyOfferRow[];
  contingencies: ContingencyRow[];
  extraSupport: ExtraSupportRow[];
};

export async function recordsOfArrangement(db: DbOrTx, id: string): Promise<ArrangementRecords> {
  return {
    agreements: await db.select().from(pcSharingAgreement).where(eq(pcSharingAgreement.arrangementId, id)).orderBy(desc(pcSharingAgreement.recordedAt)),
    observations: await db.select().from(pcHealthObservation).where(eq(pcHealthObservation.arrangementId, id)).orderBy(desc(pcHealthObservation.observedOn), desc(pcHealthObservation.recordedAt)),
    advocacy: await db.select().from(pcAdvocacyOffer).where(eq(pcAdvocacyOffer.arrangementId, id)).orderBy(desc(pcAdvocacyOffer.offeredOn), desc(pcAdvocacyOffer.recordedAt)),
    contingencies: await db.select().from(pcContingencyPlan).where(eq(pcContingencyPlan.arrangementId, id)),
    extraSupport: await db.select().from(pcExtraSupport).where(eq(pcExtraSupport.arrangementId, id)).orderBy(desc(pcExtraSupport.consideredOn), desc(pcExtraSupport.recordedAt)),
  };
}

export async function insertSharingAgreement(db: DbOrTx, values: typeof pcSharingAgreement.$inferInsert): Promise<string> {
  const [row] = await db.insert(pcSharingAgreement).values(values).returning({ id: pcSharingAgreement.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function insertHealthObservation(db: DbOrTx, values: typeof pcHealthObservation.$inferInsert): Promise<string> {
  const [row] = await db.insert(pcHealthObservation).values(values).returning({ id: pcHealthObservation.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function insertAdvocacyOffer(db: DbOrTx, values: typeof pcAdvocacyOffer.$inferInsert): Promise<string> {
  const [row] = await db.insert(pcAdvocacyOffer).values(values).returning({ id: pcAdvocacyOffer.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function findAdvocacyOffer(db: DbOrTx, arrangementId: string, id: string): Promise<AdvocacyOfferRow | undefined> {
  const [row] = await db.select().from(pcAdvocacyOffer).where(and(eq(pcAdvocacyOffer.arrangementId, arrangementId), eq(pcAdvocacyOffer.id, id))).for('update');
  return row;
}

export async function answerAdvocacyOffer(db: DbOrTx, id: string, version: number, values: { response: 'accepted' | 'declined'; respondedOn: string; advocate: string | null }): Promise<boolean> {
  const rows = await db
    .update(pcAdvocacyOffer)
    .set({ ...values, version: version + 1 })
    .where(and(eq(pcAdvocacyOffer.id, id), eq(pcAdvocacyOffer.version, version)))
    .returning({ id: pcAdvocacyOffer.id });
  return rows.length === 1;
}

/** Record the plan for an outcome, replacing the one recorded before. */
export async function upsertContingency(db: DbOrTx, values: typeof pcContingencyPlan.$inferInsert): Promise<void> {
  await db
    .insert(pcContingencyPlan)
    .values(values)
    .onConflictDoUpdate({ target: [pcContingencyPlan.arrangementId, pcContingencyPlan.outcome], set: { plan: values.plan, recordedBy: values.recordedBy, recordedByName: values.recordedByName, recordedAt: sql`now()` } });
}

export async function insertExtraSupport(db: DbOrTx, values: typeof pcExtraSupport.$inferInsert): Promise<string> {
  const [row] = await db.insert(pcExtraSupport).values(values).returning({ id: pcExtraSupport.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

/** Lock an arrangement for a change (version checked by the caller). */
export async function lockArrangement(db: DbOrTx, id: string): Promise<ArrangementRow | undefined> {
  const [row] = await db.select().from(parentChildArrangement).where(eq(parentChildArrangement.id, id)).for('update');
  return row;
}

/** The planned or active arrangements a child record is placed in (as parent or child), for the placement gate. */
export async function liveArrangementsOfChildren(db: DbOrTx, childIds: readonly string[]): Promise<ArrangementWithPeople[]> {
  if (childIds.length === 0) return [];
  const ids = await db
    .selectDistinct({ id: parentChildArrangementPerson.arrangementId })
    .from(parentChildArrangementPerson)
    .innerJoin(parentChildArrangement, eq(parentChildArrangement.id, parentChildArrangementPerson.arrangementId))
    .where(and(inArray(parentChildArrangementPerson.childId, [...childIds]), inArray(parentChildArrangement.status, ['planned', 'active'])));
  const out: ArrangementWithPeople[] = [];
  for (const { id } of ids) {
    const a = await findArrangement(db, id);
    if (a) out.push(a);
  }
  return out;
}

/** The live (planned or active) arrangement recorded with a placement request, if any. */
export async function liveArrangementOfRequest(db: DbOrTx, requestId: string): Promise<ArrangementWithPeople | undefined> {
  const [row] = await db
    .select({ id: parentChildArrangement.id })
    .from(parentChildArrangement)
    .where(and(eq(parentChildArrangement.placementRequestId, requestId), inArray(parentChildArrangement.status, ['planned', 'active'])))
    .orderBy(desc(parentChildArrangement.createdAt))
    .limit(1);
  return row ? findArrangement(db, row.id) : undefined;
}

/** Every arrangement, newest first, with the household reference (the list page). */
export async function listArrangements(db: DbOrTx, limit = 200): Promise<(ArrangementWithPeople & { householdReference: string })[]> {
  const rows = await db
    .select({ id: parentChildArrangement.id, householdReference: household.reference })
    .from(parentChildArrangement)
    .innerJoin(household, eq(household.id, parentChildArrangement.householdId))
    .orderBy(desc(parentChildArrangement.createdAt))
    .limit(limit);
  const out: (ArrangementWithPeople & { householdReference: string })[] = [];
  for (const r of rows) {
    const a = await findArrangement(db, r.id);
    if (a) out.push({ ...a, householdReference: r.householdReference });
  }
  return out;
}

/** The legal statuses of some children, for deciding who is in care on a day. */
export async function legalStatusesOf(db: DbOrTx, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db.select({ childId: legalStatus.childId, startDate: legalStatus.startDate, endDate: legalStatus.endDate }).from(legalStatus).where(inArray(legalStatus.childId, [...childIds]));
}

/** Children by id, with what the arrangement needs of them. */
export async function childrenForArrangement(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: child.id, firstName: child.firstName, lastName: child.lastName, reference: child.reference, dateOfBirth: child.dateOfBirth }).from(child).where(inArray(child.id, [...ids]));
}

/** Family members by id. */
export async function familyMembersById(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select().from(familyMember).where(inArray(familyMember.id, [...ids]));
}

/** The next free arrangement reference, PC and five digits. */
export async function nextArrangementReference(db: DbOrTx): Promise<string> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(parentChildArrangement);
  let n = (row?.n ?? 0) + 1;
  for (;;) {
    const reference = `PC${String(n).padStart(5, '0')}`;
    const [clash] = await db.select({ id: parentChildArrangement.id }).from(parentChildArrangement).where(eq(parentChildArrangement.reference, reference));
    if (!clash) return reference;
    n += 1;
  }
}

/** Link a person's own placement (made when their placement starts) to the arrangement. */
export async function linkPersonPlacement(db: DbOrTx, personId: string, placementId: string): Promise<void> {
  await db.update(parentChildArrangementPerson).set({ placementId }).where(eq(parentChildArrangementPerson.id, personId));
}

/** Arrangements placed with one household (for the household's page: who lives there as part of the household). */
export async function arrangementsInHousehold(db: DbOrTx, householdId: string): Promise<ArrangementWithPeople[]> {
  const ids = await db.select({ id: parentChildArrangement.id }).from(parentChildArrangement).where(eq(parentChildArrangement.householdId, householdId));
  const out: ArrangementWithPeople[] = [];
  for (const { id } of ids) {
    const a = await findArrangement(db, id);
    if (a) out.push(a);
  }
  return out;
}

/** The household's reference. */
export async function householdReferenceOf(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.select({ reference: household.reference }).from(household).where(eq(household.id, id));
  return row?.reference ?? null;
}

/** Family members who are these child records (a parent in care held in Hearth), by child id. */
export async function familyMembersLookedAfter(db: DbOrTx, childIds: readonly string[]): Promise<Map<string, typeof familyMember.$inferSelect>> {
  if (childIds.length === 0) return new Map();
  const rows = await db.select().from(familyMember).where(inArray(familyMember.lookedAfterChildId, [...childIds]));
  return new Map(rows.flatMap((r) => (r.lookedAfterChildId ? [[r.lookedAfterChildId, r] as const] : [])));
}

/** Households approved for parent-and-child placements, by reference (the arrangement form's choices). */
export async function parentAndChildHouseholds(db: DbOrTx) {
  return db
    .select({ id: household.id, reference: household.reference, town: household.town, skillLevel: household.skillLevel })
    .from(household)
    .where(and(eq(household.approvalStatus, 'approved'), sql`'parent_and_child' = any(${household.placementKinds})`))
    .orderBy(asc(household.reference));
}

/** A child's id by reference (compared in capitals). */
export async function childIdByReference(db: DbOrTx, reference: string): Promise<string | undefined> {
  const [row] = await db.select({ id: child.id }).from(child).where(sql`upper(${child.reference}) = upper(${reference.trim()})`);
  return row?.id;
}

/** A planned arrangement's placement is made: its start date, and active once begun. */
export async function startArrangement(db: DbOrTx, id: string, startDate: string, begun: boolean): Promise<void> {
  await db
    .update(parentChildArrangement)
    .set({ startDate, ...(begun ? { status: 'active' as const } : {}), version: sql`${parentChildArrangement.version} + 1`, updatedAt: new Date() })
    .where(and(eq(parentChildArrangement.id, id), eq(parentChildArrangement.status, 'planned')));
}

/** End a live arrangement on `endDate` (the outcome of its assessment); an arrangement already ended or cancelled is left as it is. */
export async function endArrangement(db: DbOrTx, id: string, endDate: string): Promise<boolean> {
  const rows = await db
    .update(parentChildArrangement)
    .set({ status: 'ended' as const, endDate, version: sql`${parentChildArrangement.version} + 1`, updatedAt: new Date() })
    .where(and(eq(parentChildArrangement.id, id), inArray(parentChildArrangement.status, ['planned', 'active'])))
    .returning({ id: parentChildArrangement.id });
  return rows.length > 0;
}

/** The documents on some children's files (title and child), newest first: the court order or conference record behind an arrangement. */
export async function documentsOfChildren(db: DbOrTx, childIds: readonly string[]) {
  if (childIds.length === 0) return [];
  return db
    .select({ id: childDocument.id, childId: childDocument.childId, title: childDocument.title, createdAt: childDocument.createdAt })
    .from(childDocument)
    .where(inArray(childDocument.childId, [...childIds]))
    .orderBy(desc(childDocument.createdAt));
}
