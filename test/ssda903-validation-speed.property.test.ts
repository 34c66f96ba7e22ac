/**
 * The SSDA903 checks, restructured for speed (validation.ts, validation-rules.ts: no lists built for
 * a rule that finds nothing, rules skipped for a child without the rows they read, rows grouped by
 * child once), find exactly the failures the rules found before (the reference implementation,
 * test/ssda903-reference-rules.ts): the same rules, rows, messages and order. Checked on random
 * returns whose rows mix valid, rare and invalid codes and dates around the collection year (so that
 * every kind of rule fails somewhere), with and without last year's return, and on a small generated
 * authority.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from './fast-check.ts';
import { collectionYear, type Ad1Row, type CollectionYear, type EpisodeRow, type HeaderRow, type MissingRow, type PlacedAdoptionRow, type Return903, type ReviewRow, type SwEpisodeRow, type UascRow } from '../src/domain/ssda903/return-types.ts';
import { validateReturn } from '../src/domain/ssda903/validation.ts';
import { assembleReturn } from '../src/domain/ssda903/assemble.ts';
import { generateDemoData } from '../src/demo/generate.ts';
import { returnRecordsFrom } from '../src/demo/return-records.ts';
import { concurrentPlanningDemoFrom } from '../src/demo/concurrent-planning.ts';
import { referenceValidateReturn } from './ssda903-reference-rules.ts';

const YEARS = ['2023-24', '2024-25', '2025-26'].map((l) => collectionYear(l) as CollectionYear);

// Dates around the years: boundaries, birthdays' neighbourhoods, one that is not a calendar date.
const DATES = [
  '2005-06-15', '2008-02-29', '2012-05-10', '2016-03-31', '2021-09-01', '2022-04-01', '2023-03-31', '2023-04-01', '2023-04-02', '2024-01-15',
  '2024-03-26', '2024-03-31', '2024-04-01', '2024-06-30', '2024-09-01', '2024-12-01', '2025-03-27', '2025-03-31', '2025-04-01', '2025-04-02',
  '2025-04-08', '2025-05-01', '2025-05-04', '2025-05-22', '2025-06-01', '2025-07-01', '2025-08-01', '2025-08-15', '2025-09-01', '2025-10-01',
  '2025-12-25', '2026-02-01', '2026-03-20', '2026-03-27', '2026-03-31', '2026-04-01', '2026-06-01', '2025-02-30',
];
const date = fc.constantFrom(...DATES);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });
const code = (...codes: string[]) => fc.constantFrom(...codes);
const CHILDREN = ['C1', 'C2', 'C3', 'C4'];
const child = fc.constantFrom(...CHILDREN);

const LS = code('C1', 'C2', 'E1', 'D1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3', 'XX');
const PLACE = code('U1', 'U4', 'U6', 'P1', 'P3', 'K2', 'K3', 'R2', 'R5', 'S1', 'T0', 'T1', 'T3', 'T4', 'A3', 'A5', 'A6', 'Z11', 'Z1', 'H5', 'ZZ');
const REC = code('X1', 'E11', 'E12', 'E2', 'E15', 'E4A', 'E8', 'E13', 'BAD');
const RNE = code('S', 'L', 'P', 'T', 'B', 'U', 'Q') as fc.Arbitrary<EpisodeRow['RNE']>;

const episode: fc.Arbitrary<EpisodeRow> = fc.record({
  CHILD: child,
  DECOM: date,
  RNE,
  LS,
  CIN: code('N1', 'N4', 'N8', 'N9', ''),
  PLACE,
  PLACE_PROVIDER: maybe(code('PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5', 'PR9')),
  DEC: maybe(date),
  REC: maybe(REC),
  REASON_PLACE_CHANGE: maybe(code('CARPL', 'CLOSE', 'CUSTOD', 'LAREQ', 'OTHER', 'XXX')),
  HOME_POST: maybe(code('NE1 4ST', 'ne14st', 'NE3 1AB', ' ')),
  PL_POST: maybe(code('NE3 1AB', 'NE1 4ST', 'NE5 2CD', '')),
  URN: maybe(code('SC123456', 'SC654321', 'XXXXXXX', '')),
});
const header: fc.Arbitrary<HeaderRow> = fc.record({
  CHILD: child,
  SEX: code('M', 'F', 'U', '1', '2', 'X'),
  DOB: date,
  ETHNIC: code('WBRI', 'REFU', 'NOBT', 'XXXX'),
  UPN: code('A123456789012', 'UN1', 'UN4', 'UN9', 'NOT-A-UPN', ''),
  MOTHER: maybe(code('0', '1')) as fc.Arbitrary<HeaderRow['MOTHER']>,
  MC_DOB: maybe(date),
});
const uasc: fc.Arbitrary<UascRow> = fc.record({ CHILD: child, SEX: code('M', 'F'), DOB: date, DUC: maybe(date) });
const review: fc.Arbitrary<ReviewRow> = fc.record({ CHILD: child, DOB: date, REVIEW: date, REVIEW_CODE: code('PN0', 'PN1', 'PN7', 'PN9', '') });
const missing: fc.Arbitrary<MissingRow> = fc.record({ CHILD: child, DOB: date, MISSING: code('M', 'A', 'Z') as fc.Arbitrary<MissingRow['MISSING']>, MIS_START: date, MIS_END: maybe(date) });
const swEpisode: fc.Arbitrary<SwEpisodeRow> = fc.record({
  CHILD: child,
  DOB: date,
  SW_ID: code('SW123456', 'XX12', 'AB1234', 'SW1', ''),
  SW_DECOM: code(...DATES, ''),
  SW_DEC: maybe(date),
  SW_REASON: maybe(code('FCONTA', 'MANAGE', 'LEFTRL', 'OTHERS', 'NOPE', '')),
});
const ad1: fc.Arbitrary<Ad1Row> = fc.record({
  CHILD: child,
  DOB: date,
  DATE_INT: code(...DATES, ''),
  DATE_MATCH: maybe(date),
  FOSTER_CARE: code('0', '1', '') as fc.Arbitrary<Ad1Row['FOSTER_CARE']>,
  NB_ADOPTR: code('1', '2', '3', ''),
  SEX_ADOPTR: maybe(code('M1', 'F1', 'MM', 'FF', 'MF', 'XX')),
  LS_ADOPTR: maybe(code('L0', 'L11', 'L12', 'L2', 'L3', 'L4', 'LX')),
});
const placedAdoption: fc.Arbitrary<PlacedAdoptionRow> = fc.record({
  CHILD: child,
  DOB: date,
  DATE_PLACED: code(...DATES, ''),
  DATE_PLACED_CEASED: maybe(date),
  REASON_PLACED_CEASED: maybe(code('RD1', 'RD4', 'RD9')),
});

const rows = <T>(a: fc.Arbitrary<T>, max: number) => fc.array(a, { maxLength: max });
const ret = (year: CollectionYear): fc.Arbitrary<Return903> =>
  fc
    .record({
      header: rows(header, 5),
      episodes: rows(episode, 10),
      uasc: rows(uasc, 3),
      reviews: rows(review, 6),
      missing: rows(missing, 4),
      swEpisodes: rows(swEpisode, 6),
      ad1: rows(ad1, 3),
      placedAdoption: rows(placedAdoption, 4),
      formerlyUasc: fc.subarray(CHILDREN),
    })
    .map((r) => ({ year, ...r }));

const previousYearOf = (year: CollectionYear) => {
  const first = Number(year.label.slice(0, 4)) - 1;
  return collectionYear(`${first}-${String((first + 1) % 100).padStart(2, '0')}`) as CollectionYear;
};

test('the restructured checks find exactly the failures the reference rules find, on random returns with and without last year', () => {
  let failures = 0;
  const rules = new Set<string>();
  for (const year of YEARS) {
    fc.assert(
      fc.property(ret(year), fc.option(ret(previousYearOf(year)), { nil: undefined }), (current, previous) => {
        const expected = referenceValidateReturn(current, previous);
        assert.deepEqual(validateReturn(current, previous), expected);
        failures += expected.length;
        for (const f of expected) rules.add(f.rule);
      }),
      { numRuns: 300 },
    );
  }
  // The comparison is worth something only if the random returns fail many rules.
  assert.ok(failures > 1000, `${failures} failures`);
  assert.ok(rules.size > 100, `${rules.size} rules failed: ${[...rules].sort().join(' ')}`);
});

test('the restructured checks find exactly the failures the reference rules find on a generated authority', () => {
  const year = collectionYear('2025-26') as CollectionYear;
  for (const seed of [7, 2026]) {
    const made = concurrentPlanningDemoFrom(generateDemoData({ children: 300, seed, today: '2026-11-20' }));
    const records = returnRecordsFrom(made.data, made.records.proceedings);
    const current = assembleReturn(records, year, made.data.homeAuthorityId).ret;
    const previous = assembleReturn(records, previousYearOf(year), made.data.homeAuthorityId).ret;
    assert.ok(current.header.length > 200);
    assert.deepEqual(validateReturn(current, previous), referenceValidateReturn(current, previous));
  }
});
