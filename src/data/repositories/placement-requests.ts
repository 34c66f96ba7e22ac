/** Placement requests: what a child's social worker asks the placements team to find. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { placementRequest } from '../schema.ts';

export type PlacementRequestRow = typeof placementRequest.$inferSelect;
export type NewPlacementRequestRow = typeof placementRequest.$inferInsert;

export async function findPlacementRequest(db: DbOrTx, id: string): Promise<PlacementRequestRow | undefined> {
  const [row] = await db.select().from(placementRequest).where(eq(placementRequest.id, id));
  return row;
}
