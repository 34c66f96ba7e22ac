/**
 * The generated authority's records in the shape the SSDA903 assembly reads (as the service reads
 * them from the database), for the benchmark and the generator's tests.
 */
import type { ReturnRecords } from '../domain/ssda903/assemble.ts';
import type { DemoData } from './generate.ts';

export function returnRecordsFrom(d: DemoData): ReturnRecords {
  return {
    organisations: d.organisations,
    households: d.households,
    children: d.children,
    legalStatuses: d.legalStatuses,
    placements: d.placements,
    careEndings: d.careEndings,
    reviews: d.childEvents.filter((e) => e.kind === 'review_held').map((e) => ({ childId: e.childId, eventDate: e.eventDate, participationCode: e.participationCode })),
    missing: d.missingEpisodes,
    socialWorkerEpisodes: d.socialWorkerEpisodes,
  };
}
