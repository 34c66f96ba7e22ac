/**
 * The generated authority's records in the shape the SSDA903 assembly reads (as the service reads
 * them from the database), for the benchmark and the generator's tests.
 */
import type { ReturnRecords } from '../domain/ssda903/assemble.ts';
import type { DemoData } from './generate.ts';
import type { GenProceedings } from './concurrent-planning.ts';

/** With the court records (concurrent-planning.ts), the adoption decisions the AD1 and PlacedAdoption files are made from. */
export function returnRecordsFrom(d: DemoData, proceedings: readonly GenProceedings[] = []): ReturnRecords {
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
    adoptions: proceedings
      .filter((p) => p.shouldBePlacedOn !== null || p.adoptionOrderOn !== null)
      .map((p) => ({ childId: p.childId, shouldBePlacedOn: p.shouldBePlacedOn, matchedOn: p.matchedOn, adoptionOrderOn: p.adoptionOrderOn, adoptersCount: p.adoptersCount, adoptersSex: p.adoptersSex, adoptersLegalStatus: p.adoptersLegalStatus })),
  };
}
