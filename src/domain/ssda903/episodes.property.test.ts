/**
 * Property-based tests for the episode derivation: random valid histories of one to three periods
 * of care, each cut at random days (several cuts on one day included) into legal statuses and,
 * independently, into placements drawn from small pools so that repeats happen. The expected state
 * of every day is read from the generated history, not from the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { fromDayNumber, toDayNumber } from '../dates.ts';
import { deriveEpisodes, episodesInYear } from './episodes.ts';
import { collectionYear, type CareEnding, type ChildReturnFacts, type EpisodeRow, type LegalStatusPeriod, type PlacementPeriod } from './return-types.ts';

const isTemporary = (place: string) => /^T[0-4]$/.test(place);

/** Each carer's postcodes start with the carer's letter, so no two carers share a postcode. */
const CARERS = ['A', 'B', 'C'] as const;
const postcodeOf = (carer: string, n: number) => `${carer}${n} 1AA`;
const carerOf = (postcode: string | null) => postcode?.charAt(0) ?? null;

type PlacementDraw = { placeType: string; carer: string; home: number; urn: string; provider: string; reasonEnded: string };
const placementDraw: fc.Arbitrary<PlacementDraw> = fc.record({
  placeType: fc.constantFrom('U4', 'U6', 'U5', 'T3'),
  carer: fc.constantFrom(...CARERS),
  home: fc.integer({ min: 1, max: 2 }),
  urn: fc.constantFrom('SC100001', 'SC200002'),
  provider: fc.constantFrom('PR1', 'PR4'),
  reasonEnded: fc.constantFrom('CARPL', 'CLOSE', 'CHILD', 'PLACE'),
});

/** Cut days (offsets from the start, duplicates and both ends allowed) and what fills each piece. */
const pieces = <T>(length: number, what: fc.Arbitrary<T>) =>
  fc.array(fc.integer({ min: 0, max: length }), { maxLength: 5 }).chain((cuts) => {
    const bounds = [0, ...cuts.sort((a, b) => a - b), length];
    return fc.array(what, { minLength: bounds.length - 1, maxLength: bounds.length - 1 }).map((fills) => fills.map((fill, i) => ({ from: bounds[i] as number, to: bounds[i + 1] as number, fill })));
  });

type CareDraw = { gap: number; length: number; statuses: { from: number; to: number; fill: string }[]; placements: { from: number; to: number; fill: PlacementDraw }[]; reason: string };
const care: fc.Arbitrary<CareDraw> = fc
  .record({ gap: fc.integer({ min: 1, max: 120 }), length: fc.integer({ min: 1, max: 400 }), reason: fc.constantFrom('E4A', 'E13', 'E11') })
  .chain((c) =>
    fc.record({ statuses: pieces(c.length, fc.constantFrom('C1', 'C2', 'E1', 'V2')), placements: pieces(c.length, placementDraw) }).map((p) => ({ ...c, ...p })),
  );

type History = { facts: ChildReturnFacts; periods: { start: number; end: number | null; reason: string | null }[] };
const history: fc.Arbitrary<History> = fc
  .tuple(fc.integer({ min: 0, max: 600 }), fc.array(care, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([offset, cares, lastOpen]) => {
    const legalStatuses: LegalStatusPeriod[] = [];
    const placements: PlacementPeriod[] = [];
    const careEndings: CareEnding[] = [];
    const periods: History['periods'] = [];
    let day = toDayNumber('2019-06-01') + offset;
    cares.forEach((c, i) => {
      const start = day + c.gap;
      const open = lastOpen && i === cares.length - 1;
      const at = (n: number, isLast: boolean) => (open && isLast ? null : fromDayNumber(start + n));
      c.statuses.forEach((s, j) => legalStatuses.push({ code: s.fill, start: fromDayNumber(start + s.from), end: at(s.to, j === c.statuses.length - 1) }));
      c.placements.forEach((p, j) =>
        placements.push({
          id: `pl-${placements.length + 1}`,
          start: fromDayNumber(start + p.from),
          end: at(p.to, j === c.placements.length - 1),
          placeType: p.fill.placeType,
          provider: isTemporary(p.fill.placeType) ? null : p.fill.provider,
          postcode: postcodeOf(p.fill.carer, p.fill.home),
          urn: isTemporary(p.fill.placeType) ? null : p.fill.urn,
          carerId: p.fill.carer,
          reasonEnded: p.fill.reasonEnded,
        }),
      );
      if (!open) careEndings.push({ date: fromDayNumber(start + c.length), reason: c.reason });
      periods.push({ start, end: open ? null : start + c.length, reason: open ? null : c.reason });
      day = start + c.length;
    });
    // The records come in no particular order.
    legalStatuses.reverse();
    return { facts: { childId: 'CH0007', categoryOfNeed: 'N4', homePostcode: 'HX1 1AA', legalStatuses, placements, careEndings }, periods };
  });

/** What the history says about one day, straight from the generated periods. */
function stateOn<T extends { start: string; end: string | null }>(items: readonly T[], day: number): T | undefined {
  return items.find((p) => toDayNumber(p.start) <= day && (p.end === null || day < toDayNumber(p.end)));
}

const placementFields = (e: EpisodeRow) => [e.PLACE, e.PL_POST, e.URN, e.PLACE_PROVIDER].join('|');

/** The episodes of each generated period of care. */
function byPeriod(h: History, episodes: readonly EpisodeRow[]): EpisodeRow[][] {
  return h.periods.map((p) => episodes.filter((e) => toDayNumber(e.DECOM) >= p.start && (p.end === null || toDayNumber(e.DECOM) < p.end)));
}

test('random valid histories: no problems, periods of care contiguous, first RNE S, no one-day episodes, consecutive episodes differ', () => {
  fc.assert(
    fc.property(history, (h) => {
      const { episodes, problems } = deriveEpisodes(h.facts);
      assert.deepEqual(problems, []);
      const periods = byPeriod(h, episodes);
      assert.equal(periods.flat().length, episodes.length, 'every episode is in a period of care');
      periods.forEach((rows, i) => {
        const p = h.periods[i];
        assert.ok(p && rows.length > 0);
        assert.equal(rows[0]?.DECOM, fromDayNumber(p.start));
        rows.forEach((e, j) => {
          assert.notEqual(e.DECOM, e.DEC, 'rule 355');
          assert.equal(e.RNE === 'S', j === 0, 'S only on the first episode of a period of care');
          const next = rows[j + 1];
          if (next) {
            assert.equal(e.DEC, next.DECOM);
            assert.equal(e.REC, 'X1');
            assert.ok(e.LS !== next.LS || placementFields(e) !== placementFields(next), 'consecutive episodes differ in LS or placement');
          } else {
            assert.equal(e.DEC, p.end === null ? null : fromDayNumber(p.end));
            assert.equal(e.REC, p.reason);
          }
        });
      });
      // In date order
      episodes.slice(1).forEach((e, i) => assert.ok((episodes[i]?.DECOM ?? '') < e.DECOM));
    }),
    { numRuns: 300 },
  );
});

test('random valid histories: every day in care shows the legal status and placement in force that day', () => {
  fc.assert(
    fc.property(history, (h) => {
      const { episodes } = deriveEpisodes(h.facts);
      for (const p of h.periods) {
        const last = p.end ?? p.start + 450;
        for (let day = p.start; day < last; day++) {
          const date = fromDayNumber(day);
          const e = episodes.find((x) => x.DECOM <= date && (x.DEC === null || date < x.DEC));
          const ls = stateOn(h.facts.legalStatuses, day);
          const pl = stateOn(h.facts.placements, day);
          assert.ok(e && ls && pl, date);
          assert.deepEqual([e.LS, e.PLACE, e.PL_POST, e.URN, e.PLACE_PROVIDER], [ls.code, pl.placeType, pl.postcode, pl.urn, pl.provider], date);
        }
      }
    }),
    { numRuns: 150 },
  );
});

test('random valid histories: RNE and REASON_PLACE_CHANGE follow from what changed', () => {
  fc.assert(
    fc.property(history, (h) => {
      const { episodes } = deriveEpisodes(h.facts);
      for (const rows of byPeriod(h, episodes)) {
        rows.forEach((e, j) => {
          const prev = rows[j - 1];
          const next = rows[j + 1];
          if (prev) {
            const lsChanged = prev.LS !== e.LS;
            const placementChanged = placementFields(prev) !== placementFields(e);
            const sameCarers = carerOf(prev.PL_POST) === carerOf(e.PL_POST) && !isTemporary(prev.PLACE);
            const expected = !placementChanged ? 'L' : lsChanged ? (sameCarers ? 'U' : 'B') : sameCarers ? 'T' : 'P';
            assert.equal(e.RNE, expected);
          }
          const placementChangeFollows = next !== undefined && next.RNE !== 'L' && !isTemporary(e.PLACE) && !isTemporary(next.PLACE);
          assert.equal(e.REASON_PLACE_CHANGE !== null, placementChangeFollows, 'rules 225, 226, 233');
          if (placementChangeFollows && e.DEC) {
            const ending = stateOn(h.facts.placements, toDayNumber(e.DEC) - 1);
            assert.equal(e.REASON_PLACE_CHANGE, ending?.reasonEnded);
          }
        });
      }
    }),
    { numRuns: 300 },
  );
});

test('random valid histories: each collection year holds exactly the episodes open in it, with DEC and REC blank after 31 March', () => {
  const years = ['2019-20', '2020-21', '2021-22', '2022-23', '2023-24', '2024-25', '2025-26', '2026-27'].map((l) => collectionYear(l));
  fc.assert(
    fc.property(history, (h) => {
      const { episodes } = deriveEpisodes(h.facts);
      const seen = new Set<string>();
      for (const y of years) {
        assert.ok(y);
        const rows = episodesInYear(episodes, y);
        const expected = episodes.filter((e) => e.DECOM <= y.end && (e.DEC === null || e.DEC >= y.start));
        assert.deepEqual(
          rows.map((e) => e.DECOM),
          expected.map((e) => e.DECOM),
        );
        rows.forEach((row, i) => {
          const original = expected[i];
          assert.ok(original);
          seen.add(row.DECOM);
          const openAtYearEnd = original.DEC === null || original.DEC > y.end;
          if (openAtYearEnd) assert.deepEqual({ ...original, DEC: null, REC: null, REASON_PLACE_CHANGE: null }, row);
          else assert.deepEqual(row, original);
        });
      }
      assert.equal(seen.size, episodes.length, 'every episode is in some year');
    }),
    { numRuns: 200 },
  );
});
