/**
 * The reads of the SSDA903 return: which authority is at home here, and every record of the children
 * it looked after in a collection year (the return is assembled from them by src/domain/ssda903).
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';
import { careEnding, child, childEvent, courtProceedings, household, legalStatus, missingEpisode, organisation, placement, socialWorkerEpisode } from '../schema.ts';

/** The local authority responsible for the most children (ties: lowest id); null when there is none. */
export async function findHomeAuthority(tx: DbOrTx): Promise<string | null> {
  const [row] = await tx
    .select({ id: child.responsibleAuthorityId, n: count() })
    .from(child)
    .innerJoin(organisation, and(eq(organisation.id, child.responsibleAuthorityId), eq(organisation.kind, 'local_authority')))
    .groupBy(child.responsibleAuthorityId)
    .orderBy(desc(count()), asc(child.responsibleAuthorityId))
    .limit(1);
  if (row) return row.id;
  const authorities = await tx.select({ id: organisation.id }).from(organisation).where(eq(organisation.kind, 'local_authority')).limit(2);
  return authorities.length === 1 ? (authorities[0]?.id ?? null) : null;
}

/** The records of the home authority's children looked after at some time in the year (all their history), or of one child. */
export async function returnRecords(tx: DbOrTx, year: { start: string; end: string }, homeAuthorityId: string, onlyChildId?: string) {
  const inYear = and(lte(legalStatus.startDate, year.end), or(isNull(legalStatus.endDate), gte(legalStatus.endDate, year.start))) as SQL;
  const scope = tx
    .selectDistinct({ id: legalStatus.childId })
    .from(legalStatus)
    .innerJoin(child, eq(child.id, legalStatus.childId))
    .where(and(inYear, eq(child.responsibleAuthorityId, homeAuthorityId), onlyChildId === undefined ? undefined : eq(child.id, onlyChildId)));
  // One query after another: a transaction runs one statement at a time.
  const organisations = await tx.select({ id: organisation.id, kind: organisation.kind, ofstedUrn: organisation.ofstedUrn, providerCode: organisation.providerCode }).from(organisation);
  const children = await tx.select().from(child).where(inArray(child.id, scope));
  const legalStatuses = await tx.select().from(legalStatus).where(inArray(legalStatus.childId, scope));
  const placements = await tx.select().from(placement).where(inArray(placement.childId, scope));
  const households = await tx
    .select({ id: household.id, postcode: household.postcode, fosteringServiceId: household.fosteringServiceId })
    .from(household)
    .where(inArray(household.id, tx.selectDistinct({ id: placement.householdId }).from(placement).where(inArray(placement.childId, scope))));
  const careEndings = await tx.select().from(careEnding).where(inArray(careEnding.childId, scope));
  const reviews = await tx
    .select({ childId: childEvent.childId, eventDate: childEvent.eventDate, participationCode: childEvent.participationCode })
    .from(childEvent)
    .where(and(eq(childEvent.kind, 'review_held'), inArray(childEvent.childId, scope)));
  const missing = await tx
    .select({ childId: missingEpisode.childId, kind: missingEpisode.kind, startedOn: missingEpisode.startedOn, endedOn: missingEpisode.endedOn })
    .from(missingEpisode)
    .where(inArray(missingEpisode.childId, scope));
  const socialWorkerEpisodes = await tx
    .select({ childId: socialWorkerEpisode.childId, swId: socialWorkerEpisode.swId, startedOn: socialWorkerEpisode.startedOn, endedOn: socialWorkerEpisode.endedOn, reason: socialWorkerEpisode.reason, startReason: socialWorkerEpisode.startReason })
    .from(socialWorkerEpisode)
    .where(inArray(socialWorkerEpisode.childId, scope));
  const adoptions = await tx
    .select({ childId: courtProceedings.childId, shouldBePlacedOn: courtProceedings.shouldBePlacedOn, matchedOn: courtProceedings.matchedOn, adoptionOrderOn: courtProceedings.adoptionOrderOn, adoptersCount: courtProceedings.adoptersCount, adoptersSex: courtProceedings.adoptersSex, adoptersLegalStatus: courtProceedings.adoptersLegalStatus })
    .from(courtProceedings)
    .where(and(inArray(courtProceedings.childId, scope), or(isNotNull(courtProceedings.shouldBePlacedOn), isNotNull(courtProceedings.adoptionOrderOn))));
  return { organisations, households, children, legalStatuses, placements, careEndings, reviews, missing, socialWorkerEpisodes, adoptions };
}
