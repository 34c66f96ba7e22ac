/**
 * What the route tests of test/audit-declared*.test.ts share: the audit rows a request wrote, a
 * household put straight into the table, and the Concurrent placement agreement setting (carers who
 * already care for another authority's child in a long-term placement and one of ours in a short-term
 * one, and households proposed to join them), so that each file reads as its scenarios.
 */
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { TestWorld, childInserter } from './helpers.ts';
import { agreementRequirement, auditEvent, externalContact, household, householdMember, organisation, placement, placementProposal, placementRequest } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';

/** The context a service call takes, acting as the world's user of that role. */
export const actingAs = (w: TestWorld, role: Role): { actor: Actor } => ({ actor: w.users[role] });

/** The audit rows a request wrote (by its correlation id), in the order written. */
export async function auditRows(w: TestWorld, res: LightMyRequestResponse) {
  const id = res.headers['x-request-id'];
  assert.equal(typeof id, 'string', 'the answer carries its request id');
  const rows = await w.database.db.select().from(auditEvent).where(eq(auditEvent.correlationId, id as string)).orderBy(auditEvent.id);
  return rows.map((r) => ({ action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, details: r.details }));
}

/** The audit rows a request wrote as [action, subject type, subject id]. */
export async function auditSubjects(w: TestWorld, res: LightMyRequestResponse) {
  return (await auditRows(w, res)).map((r) => [r.action, r.subjectType, r.subjectId]);
}

/** The written actions, the declared one first and then the rest sorted (their order is the use case's business). */
export async function declaredThenRest(w: TestWorld, res: LightMyRequestResponse, declared: string) {
  const acts = (await auditRows(w, res)).map((r) => r.action);
  assert.ok(acts.includes(declared), `declared ${declared}, wrote ${acts.join(', ') || 'nothing'}`);
  return [declared, ...acts.filter((a) => a !== declared).sort()];
}

/** An approved household of the world's own fostering service, supervised by its supervising social worker, with one carer. */
export async function insertHousehold(w: TestWorld, values: Pick<typeof household.$inferInsert, 'reference' | 'addressLine1' | 'postcode'> & Partial<typeof household.$inferInsert>) {
  const [h] = await w.database.db
    .insert(household)
    .values({
      town: 'Testford',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 3,
      ...values,
    })
    .returning();
  await w.database.db.insert(householdMember).values({ householdId: h!.id, kind: 'carer', firstName: 'Jo', lastName: 'Carer', position: 1 });
  return h!;
}

/** Another local authority and its social worker for the children it places with our carers (Remi Other, who has an e-mail address). */
export async function otherAuthority(w: TestWorld) {
  const db = w.database.db;
  const [la] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '993' }).returning();
  const [contact] = await db
    .insert(externalContact)
    .values({ fullName: 'Remi Other', role: 'Social worker', organisationId: la!.id, organisationName: 'Otherborough Council', email: 'remi.other@otherborough.test' })
    .returning();
  return { laId: la!.id, contactId: contact!.id };
}

export type Other = Awaited<ReturnType<typeof otherAuthority>>;
type InsertChild = ReturnType<typeof childInserter>;

/**
 * Carers already caring for two children: Lee, placed by the other authority (Remi Other is his social
 * worker) in a long-term placement, and Sol, ours, in a short-term one.
 */
export async function carersOfTwo(w: TestWorld, insertChild: InsertChild, other: Other, h: Pick<typeof household.$inferInsert, 'reference' | 'addressLine1' | 'postcode'>) {
  const db = w.database.db;
  const hh = await insertHousehold(w, { ...h, placementKinds: ['short_term', 'long_term'] });
  const lee = await insertChild({ firstName: 'Lee', responsibleAuthorityId: other.laId, socialWorkerId: null, externalSocialWorkerId: other.contactId });
  const sol = await insertChild({ firstName: 'Sol' });
  const [lp] = await db.insert(placement).values({ childId: lee.id, householdId: hh.id, startDate: '2024-01-08', placementType: 'U1', status: 'active', kind: 'long_term' }).returning();
  const [sp] = await db.insert(placement).values({ childId: sol.id, householdId: hh.id, startDate: '2025-03-03', placementType: 'U3', status: 'active', kind: 'short_term' }).returning();
  return { householdId: hh.id, other, longKid: lee.id, longPlacement: lp!.id, shortKid: sol.id, shortPlacement: sp!.id };
}

export type Carers = Awaited<ReturnType<typeof carersOfTwo>>;

/**
 * Households proposed for, or considered for, a new child, put straight into the tables. A proposed
 * household has one agreement requirement per child already placed: Lee's (asked of Remi Other) and
 * Sol's (asked of our social worker).
 */
export function proposals(w: () => TestWorld, insertChild: InsertChild, opts: { referencePrefix: string; start: string }) {
  let seq = 0;
  const db = () => w().database.db;
  const request = async (firstName: string, status: 'proposed' | 'matching', urgency: 'planned' | 'emergency') => {
    seq += 1;
    const kid = await insertChild({ firstName });
    const [r] = await db().insert(placementRequest).values({ reference: `${opts.referencePrefix}${seq}`, childId: kid.id, status, urgency, kind: 'short_term', neededBy: opts.start }).returning();
    return r!;
  };
  return {
    /** A household proposed for a new child today: its two agreement requirements (Lee's and Sol's). */
    async proposed(carers: Carers, firstName: string, urgency: 'planned' | 'emergency' = 'planned') {
      const r = await request(firstName, 'proposed', urgency);
      const [p] = await db().insert(placementProposal).values({ requestId: r.id, householdId: carers.householdId, status: 'proposed', proposedStart: opts.start, proposedAt: new Date() }).returning();
      const [long] = await db()
        .insert(agreementRequirement)
        .values({ proposalId: p!.id, existingChildId: carers.longKid, existingPlacementId: carers.longPlacement, placingAuthorityId: carers.other.laId, socialWorkerContactId: carers.other.contactId })
        .returning();
      const [short] = await db()
        .insert(agreementRequirement)
        .values({ proposalId: p!.id, existingChildId: carers.shortKid, existingPlacementId: carers.shortPlacement, placingAuthorityId: w().laId, socialWorkerUserId: w().users.social_worker.userId })
        .returning();
      return { requestId: r.id, proposal: p!, long: long!, short: short! };
    },
    /** A household still being considered for a new child (not yet proposed: no agreements asked for). */
    async considering(carers: Carers, firstName: string) {
      const r = await request(firstName, 'matching', 'planned');
      const [p] = await db().insert(placementProposal).values({ requestId: r.id, householdId: carers.householdId, status: 'considering' }).returning();
      return { requestId: r.id, proposal: p! };
    },
  };
}
