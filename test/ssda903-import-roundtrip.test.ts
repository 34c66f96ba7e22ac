/**
 * Round trip without a database: a generated authority's return (Hearth's export) is read back
 * (read.ts), turned into records (import-plan.ts) and assembled again; the episodes, header, UASC,
 * reviews, missing and social worker episode rows come back the same, for this year and last.
 * The database round trip (import into an empty database, export again) is in ssda903-import.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from './fast-check.ts';
import { generateDemoData } from '../src/demo/generate.ts';
import { returnRecordsFrom } from '../src/demo/return-records.ts';
import { assembleReturn, type ReturnRecords } from '../src/domain/ssda903/assemble.ts';
import { childImportRecords, planImport } from '../src/domain/ssda903/import-plan.ts';
import { readReturnFiles } from '../src/domain/ssda903/read.ts';
import { collectionYear, type CollectionYear, type Return903 } from '../src/domain/ssda903/return-types.ts';
import { returnFiles } from '../src/domain/ssda903/write.ts';

const YEAR = collectionYear('2025-26') as CollectionYear;
const PREV = collectionYear('2024-25') as CollectionYear;
const TODAY = '2026-11-20';

/** The files of a return, as text, read back. */
const readBack = (ret: Return903) => readReturnFiles(returnFiles(ret).map((f) => ({ name: f.name, content: f.content })));

/** Import the two years' files into fresh records: every carer group its own household, kept with the postcode. */
function importInto(current: Return903, previous: Return903): { records: ReturnRecords; errors: number } {
  const plan = planImport(readBack(current), readBack(previous));
  const home = 'home-la';
  const records: ReturnRecords = {
    organisations: [{ id: home, kind: 'local_authority', ofstedUrn: null }],
    households: [],
    children: [],
    legalStatuses: [],
    placements: [],
    careEndings: [],
    reviews: [],
    missing: [],
    socialWorkerEpisodes: [],
  };
  const households = records.households as { id: string; postcode: string; fosteringServiceId: string }[];
  for (const c of plan.children) {
    const r = childImportRecords(c, {
      childId: `child-${c.reference}`,
      placementId: (i) => `pl-${c.reference}-${i}`,
      householdOf: (g) => {
        const id = `hh-${c.reference}-${g}`;
        if (!households.some((h) => h.id === id)) households.push({ id, postcode: '', fosteringServiceId: home });
        return id;
      },
      responsibleAuthorityId: home,
      importedOn: TODAY,
      placementStatus: (p) => (p.endDate ? 'ended' : 'active'),
    });
    (records.children as unknown[]).push(r.child);
    (records.legalStatuses as unknown[]).push(...r.legalStatuses);
    (records.placements as unknown[]).push(...r.placements);
    (records.careEndings as unknown[]).push(...r.careEndings);
    (records.reviews as unknown[]).push(...r.reviews);
    (records.missing as unknown[]).push(...r.missing);
    (records.socialWorkerEpisodes as unknown[]).push(...r.socialWorkerEpisodes);
  }
  return { records, errors: plan.errors.length };
}

/** The rows of each file that differ, as text, for a readable failure. */
function differences(a: Return903, b: Return903): string[] {
  const out: string[] = [];
  for (const key of ['header', 'episodes', 'uasc', 'reviews', 'missing', 'swEpisodes'] as const) {
    const left = a[key].map((r) => JSON.stringify(r));
    const right = new Set(b[key].map((r) => JSON.stringify(r)));
    const leftSet = new Set(left);
    for (const r of left) if (!right.has(r)) out.push(`${key}: exported only before: ${r}`);
    for (const r of b[key].map((x) => JSON.stringify(x))) if (!leftSet.has(r)) out.push(`${key}: exported only after: ${r}`);
  }
  return out;
}

function roundTrip(children: number, seed: number): { before: Return903; after: Return903; prevBefore: Return903; prevAfter: Return903; errors: number } {
  const data = generateDemoData({ children, seed, today: TODAY });
  const records = returnRecordsFrom(data);
  const before = assembleReturn(records, YEAR, data.homeAuthorityId).ret;
  const prevBefore = assembleReturn(records, PREV, data.homeAuthorityId).ret;
  const imported = importInto(before, prevBefore);
  const after = assembleReturn(imported.records, YEAR, 'home-la').ret;
  const prevAfter = assembleReturn(imported.records, PREV, 'home-la').ret;
  return { before, after, prevBefore, prevAfter, errors: imported.errors };
}

test('the demo authority’s return, read back and imported, is exported again row for row (this year and last)', () => {
  const r = roundTrip(120, 2026);
  assert.ok(r.before.episodes.length > 100, 'the demo return has episodes to compare');
  assert.ok(r.before.reviews.length > 0 && r.before.swEpisodes.length > 0 && r.before.missing.length > 0);
  assert.equal(r.errors, 0);
  assert.deepEqual(differences(r.before, r.after), []);
  assert.deepEqual(differences(r.prevBefore, r.prevAfter), []);
});

test('property: for generated authorities of any size, import then export gives the same rows', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1_000_000 }), (children, seed) => {
      const r = roundTrip(children, seed);
      assert.deepEqual(differences(r.before, r.after), []);
    }),
    { numRuns: 15 },
  );
});
