/**
 * What the browser walks insert before they start (synthetic names only): the demo's own staff,
 * approved foster households with their first carer, children in care, their placements and placement
 * requests at the matching stage.
 */
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/data/db.ts';
import { appUser, child, household, householdMember, legalStatus, placement, placementRequest } from '../src/data/schema.ts';
import { demoAccount } from './browser.ts';

/** The demo authority's child's social worker and supervising social worker, and their authority. */
export async function demoStaff(db: Db): Promise<{ sw: typeof appUser.$inferSelect; ssw: typeof appUser.$inferSelect; home: string }> {
  const [sw] = await db.select().from(appUser).where(eq(appUser.email, demoAccount('social_worker').email));
  const [ssw] = await db.select().from(appUser).where(eq(appUser.email, demoAccount('supervising_social_worker').email));
  assert.ok(sw && ssw, 'the demo accounts are loaded');
  return { sw, ssw, home: sw.organisationId };
}

/** An approved household of the authority, supervised by the demo SSW, with its first carer; `values` overrides the terms. */
export async function approvedHousehold(
  db: Db,
  staff: { ssw: { id: string }; home: string },
  h: { reference: string; addressLine1: string; carer: { firstName: string; lastName: string } },
  values: Partial<typeof household.$inferInsert> = {},
): Promise<string> {
  const [row] = await db
    .insert(household)
    .values({
      reference: h.reference,
      addressLine1: h.addressLine1,
      town: 'Yate',
      postcode: 'BS37 4AA',
      fosteringServiceId: staff.home,
      supervisingSocialWorkerId: staff.ssw.id,
      approvalStatus: 'approved',
      approvalDate: '2021-09-14',
      approvedChildren: 2,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term'],
      skillLevel: 2,
      ...values,
    })
    .returning();
  await db.insert(householdMember).values({ householdId: row!.id, kind: 'carer', ...h.carer, position: 1, email: `${h.carer.firstName}.${h.carer.lastName}@example.test`.toLowerCase() });
  return row!.id;
}

type Staff = { sw: { id: string }; home: string };
type Named = { firstName: string; lastName: string; dateOfBirth: string; reference: string };

/**
 * A child of the authority, allocated to the demo child's social worker (who writes their records) and
 * looked after since `since` under the legal status `code`; `values` overrides the rest of the record.
 */
export async function childInCare(
  db: Db,
  staff: Staff,
  c: Named & { sex: 'M' | 'F' },
  inCare: { code: string; since: string },
  values: Partial<typeof child.$inferInsert> = {},
): Promise<string> {
  const [row] = await db
    .insert(child)
    .values({ ethnicity: 'WBRI', upn: `E${c.reference}`, categoryOfNeed: 'N1', responsibleAuthorityId: staff.home, socialWorkerId: staff.sw.id, homePostcode: 'BS37 6AT', ...c, ...values })
    .returning();
  await db.insert(legalStatus).values({ childId: row!.id, code: inCare.code, startDate: inCare.since });
  return row!.id;
}

/** A child's active placement with a household from `startDate` (short-term, U6 unless given). */
export async function activePlacement(
  db: Db,
  p: { childId: string; householdId: string; startDate: string; placementType?: string; kind?: typeof placement.$inferInsert.kind },
): Promise<string> {
  const [row] = await db
    .insert(placement)
    .values({ placementType: 'U6', kind: 'short_term', ...p, status: 'active' })
    .returning();
  return row!.id;
}

/** A placement request the demo child's social worker wrote, submitted and now at the matching stage (planned, short-term unless given). */
export async function requestAtMatching(
  db: Db,
  staff: Staff,
  r: { reference: string; childId: string; neededBy: string; urgency?: 'planned' | 'emergency'; kind?: typeof placementRequest.$inferInsert.kind; siblingIds?: string[] },
): Promise<string> {
  const [row] = await db
    .insert(placementRequest)
    .values({ urgency: 'planned', kind: 'short_term', ...r, status: 'matching', createdBy: staff.sw.id })
    .returning();
  return row!.id;
}
