/**
 * What the browser walks insert before they start (synthetic names only): the demo's own staff, and
 * approved foster households with their first carer.
 */
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/data/db.ts';
import { appUser, household, householdMember } from '../src/data/schema.ts';
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
