/**
 * SSDA903 episodes derived from legal status and placement histories: one worked example for each
 * rule in rules.md §3.10 (see docs/rules/ssda903-episodes.md). The property tests are in
 * episodes.property.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveEpisodes, episodesInYear } from './episodes.ts';
import { collectionYear, type CareEnding, type ChildReturnFacts, type EpisodeRow, type LegalStatusPeriod, type PlacementPeriod } from './return-types.ts';

// Synthetic carers: each household has a postcode and its fostering service's Ofsted URN.
const CARERS = {
  A: { postcode: 'LS6 2AB', urn: 'SC100001', provider: 'PR1' },
  B: { postcode: 'LS8 3CD', urn: 'SC100001', provider: 'PR1' },
  R: { postcode: 'LS12 4EF', urn: 'SC200002', provider: 'PR4' },
} as const;
type Carer = keyof typeof CARERS;

let ids = 0;
function placed(start: string, end: string | null, placeType: string, carer: Carer, more: Partial<PlacementPeriod> = {}): PlacementPeriod {
  const c = CARERS[carer];
  return { id: `pl-${++ids}`, start, end, placeType, provider: c.provider, postcode: c.postcode, urn: c.urn, carerId: carer, reasonEnded: null, ...more };
}
const ls = (code: string, start: string, end: string | null): LegalStatusPeriod => ({ code, start, end });

function facts(legalStatuses: LegalStatusPeriod[], placements: PlacementPeriod[], careEndings: CareEnding[] = []): ChildReturnFacts {
  return { childId: 'CH0042', categoryOfNeed: 'N1', homePostcode: 'BD7 1AA', legalStatuses, placements, careEndings };
}

/** Derive and insist the records were consistent. */
function derive(f: ChildReturnFacts): EpisodeRow[] {
  const { episodes, problems } = deriveEpisodes(f);
  assert.deepEqual(problems, []);
  for (const e of episodes) assert.notEqual(e.DECOM, e.DEC, 'rule 355: no episode shorter than a day');
  return episodes;
}

/** The columns that tell the story: DECOM, RNE, LS, PLACE, DEC, REC, REASON_PLACE_CHANGE. */
const brief = (rows: readonly EpisodeRow[]) => rows.map((e) => [e.DECOM, e.RNE, e.LS, e.PLACE, e.DEC, e.REC, e.REASON_PLACE_CHANGE]);

function year(label: string) {
  const y = collectionYear(label);
  if (!y) throw new Error(`not a collection year: ${label}`);
  return y;
}

test('starting to be looked after: one episode, RNE S, open, with CIN, HOME_POST and the placement fields', () => {
  const rows = derive(facts([ls('V2', '2024-05-13', null)], [placed('2024-05-13', null, 'U6', 'A')]));
  assert.deepEqual(rows, [
    {
      CHILD: 'CH0042',
      DECOM: '2024-05-13',
      RNE: 'S',
      LS: 'V2',
      CIN: 'N1',
      PLACE: 'U6',
      PLACE_PROVIDER: 'PR1',
      DEC: null,
      REC: null,
      REASON_PLACE_CHANGE: null,
      HOME_POST: 'BD7 1AA',
      PL_POST: 'LS6 2AB',
      URN: 'SC100001',
    },
  ]);
});

test('a change of legal status only: RNE L, the previous episode ends that day with X1 and no reason for placement change', () => {
  const rows = derive(facts([ls('C1', '2024-05-13', '2024-09-02'), ls('C2', '2024-09-02', null)], [placed('2024-05-13', null, 'U6', 'A')]));
  assert.deepEqual(brief(rows), [
    ['2024-05-13', 'S', 'C1', 'U6', '2024-09-02', 'X1', null],
    ['2024-09-02', 'L', 'C2', 'U6', null, null, null],
  ]);
});

test('a change of placement to new carers: RNE P, and the ending episode carries the reason the placement ended (rule 225)', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [placed('2024-05-13', '2024-07-01', 'U6', 'A', { reasonEnded: 'CREQB' }), placed('2024-07-01', null, 'U6', 'B')],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2024-05-13', 'S', 'C2', 'U6', '2024-07-01', 'X1', 'CREQB'],
    ['2024-07-01', 'P', 'C2', 'U6', null, null, null],
  ]);
  assert.equal(rows[1]?.PL_POST, 'LS8 3CD');
});

test('a change of placement with the same carers (U6 to U4): RNE T, with the reason for the change', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [placed('2024-05-13', '2024-11-20', 'U6', 'A', { reasonEnded: 'PLACE' }), placed('2024-11-20', null, 'U4', 'A')],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2024-05-13', 'S', 'C2', 'U6', '2024-11-20', 'X1', 'PLACE'],
    ['2024-11-20', 'T', 'C2', 'U4', null, null, null],
  ]);
});

test('the same carers moving house change PL_POST only: still a placement change, RNE T', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [placed('2024-05-13', '2024-10-01', 'U4', 'A', { reasonEnded: 'OTHER' }), placed('2024-10-01', null, 'U4', 'A', { postcode: 'LS17 9ZZ' })],
    ),
  );
  assert.deepEqual(
    rows.map((e) => [e.RNE, e.PL_POST, e.REASON_PLACE_CHANGE]),
    [
      ['S', 'LS6 2AB', 'OTHER'],
      ['T', 'LS17 9ZZ', null],
    ],
  );
});

test('a change of URN or provider alone is a placement change too', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [
        placed('2024-05-13', '2024-08-01', 'U6', 'A', { reasonEnded: 'PLACE' }),
        placed('2024-08-01', '2024-09-01', 'U6', 'A', { urn: 'SC999999', reasonEnded: 'PLACE' }),
        placed('2024-09-01', null, 'U6', 'A', { urn: 'SC999999', provider: 'PR5' }),
      ],
    ),
  );
  assert.deepEqual(
    rows.map((e) => e.RNE),
    ['S', 'T', 'T'],
  );
});

test('a new placement record that the return cannot tell apart from the old one makes no new episode', () => {
  // e.g. the placement was re-recorded (emergency to short term) with the same carers, type and address
  const rows = derive(
    facts([ls('C2', '2024-05-13', null)], [placed('2024-05-13', '2024-06-01', 'U6', 'A', { reasonEnded: 'PLACE' }), placed('2024-06-01', null, 'U6', 'A')]),
  );
  assert.deepEqual(brief(rows), [['2024-05-13', 'S', 'C2', 'U6', null, null, null]]);
});

test('legal status and placement change on the same day: B with new carers, U with the same carers', () => {
  const withNewCarers = derive(
    facts(
      [ls('C1', '2024-05-13', '2025-01-06'), ls('C2', '2025-01-06', null)],
      [placed('2024-05-13', '2025-01-06', 'U6', 'A', { reasonEnded: 'CARPL' }), placed('2025-01-06', null, 'U4', 'B')],
    ),
  );
  assert.deepEqual(brief(withNewCarers), [
    ['2024-05-13', 'S', 'C1', 'U6', '2025-01-06', 'X1', 'CARPL'],
    ['2025-01-06', 'B', 'C2', 'U4', null, null, null],
  ]);
  const withSameCarers = derive(
    facts(
      [ls('C2', '2024-05-13', '2025-01-06'), ls('E1', '2025-01-06', null)],
      [placed('2024-05-13', '2025-01-06', 'U6', 'A', { reasonEnded: 'CARPL' }), placed('2025-01-06', null, 'U5', 'A')],
    ),
  );
  assert.deepEqual(brief(withSameCarers), [
    ['2024-05-13', 'S', 'C2', 'U6', '2025-01-06', 'X1', 'CARPL'],
    ['2025-01-06', 'U', 'E1', 'U5', null, null, null],
  ]);
});

test('several changes on one day collapse to the final state of that day (rule 355)', () => {
  // On 1 July: police protection ends and an emergency protection order starts and ends, then an
  // interim care order; the child goes to carer B for a few hours, then on to carer R.
  const rows = derive(
    facts(
      [ls('L1', '2024-06-29', '2024-07-01'), ls('L2', '2024-07-01', '2024-07-01'), ls('C1', '2024-07-01', null)],
      [
        placed('2024-06-29', '2024-07-01', 'U6', 'A', { reasonEnded: 'CARPL' }),
        placed('2024-07-01', '2024-07-01', 'U6', 'B', { reasonEnded: 'CHILD' }),
        placed('2024-07-01', null, 'U6', 'R'),
      ],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2024-06-29', 'S', 'L1', 'U6', '2024-07-01', 'X1', 'CARPL'],
    ['2024-07-01', 'B', 'C1', 'U6', null, null, null],
  ]);
  assert.equal(rows[1]?.PL_POST, CARERS.R.postcode);
});

test('changes on one day that end where they began make no episode at all', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [
        placed('2024-05-13', '2024-08-08', 'U6', 'A', { reasonEnded: 'OTHER' }),
        placed('2024-08-08', '2024-08-08', 'U6', 'B'),
        placed('2024-08-08', null, 'U6', 'A'),
      ],
    ),
  );
  assert.deepEqual(brief(rows), [['2024-05-13', 'S', 'C2', 'U6', null, null, null]]);
});

test('a period of care that starts and ends on the same day is not returned, and is reported', () => {
  const { episodes, problems } = deriveEpisodes(facts([ls('L1', '2024-05-13', '2024-05-13')], [], [{ date: '2024-05-13', reason: 'E4A' }]));
  assert.deepEqual(episodes, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? '', /rule 355/);
  assert.equal(problems[0]?.date, '2024-05-13');
});

test('a temporary placement and the return: P into T3 and P back (rule 383), no reason for placement change either side (rule 226)', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [
        placed('2024-05-13', '2024-08-10', 'U4', 'A', { reasonEnded: 'OTHER' }),
        placed('2024-08-10', '2024-08-24', 'T3', 'R', { provider: null, urn: null, reasonEnded: 'OTHER' }),
        placed('2024-08-24', null, 'U4', 'A'),
      ],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2024-05-13', 'S', 'C2', 'U4', '2024-08-10', 'X1', null],
    ['2024-08-10', 'P', 'C2', 'T3', '2024-08-24', 'X1', null],
    ['2024-08-24', 'P', 'C2', 'U4', null, null, null],
  ]);
  assert.deepEqual([rows[1]?.PLACE_PROVIDER, rows[1]?.URN], [null, null]);
  // The child returns to the same PLACE and PL_POST as before (rule 383).
  assert.deepEqual([rows[2]?.PLACE, rows[2]?.PL_POST], [rows[0]?.PLACE, rows[0]?.PL_POST]);
});

test('a hospital stay recorded against the usual carers: T on the way in, but P on the way back (rule 383)', () => {
  const rows = derive(
    facts(
      [ls('C2', '2024-05-13', null)],
      [placed('2024-05-13', '2024-09-03', 'U4', 'A'), placed('2024-09-03', '2024-09-09', 'T1', 'A', { provider: null, urn: null }), placed('2024-09-09', null, 'U4', 'A')],
    ),
  );
  assert.deepEqual(
    rows.map((e) => [e.RNE, e.PLACE, e.REASON_PLACE_CHANGE]),
    [
      ['S', 'U4', null],
      ['T', 'T1', null],
      ['P', 'U4', null],
    ],
  );
});

test('a period of care ending with E4A: the last episode has DEC = the end of the legal status and REC E4A', () => {
  const rows = derive(
    facts(
      [ls('V2', '2024-05-13', '2025-01-15')],
      [placed('2024-05-13', '2024-10-01', 'U6', 'A', { reasonEnded: 'CLOSE' }), placed('2024-10-01', '2025-01-15', 'U6', 'B', { reasonEnded: 'CARPL' })],
      [{ date: '2025-01-15', reason: 'E4A' }],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2024-05-13', 'S', 'V2', 'U6', '2024-10-01', 'X1', 'CLOSE'],
    ['2024-10-01', 'P', 'V2', 'U6', '2025-01-15', 'E4A', null],
  ]);
});

test('a second period of care after a gap in legal status starts again with RNE S', () => {
  const rows = derive(
    facts(
      [ls('V2', '2023-02-01', '2023-06-30'), ls('C1', '2023-09-14', '2024-03-01'), ls('C2', '2024-03-01', null)],
      [placed('2023-02-01', '2023-06-30', 'U6', 'A'), placed('2023-09-14', null, 'U6', 'B')],
      [{ date: '2023-06-30', reason: 'E4A' }],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2023-02-01', 'S', 'V2', 'U6', '2023-06-30', 'E4A', null],
    ['2023-09-14', 'S', 'C1', 'U6', '2024-03-01', 'X1', null],
    ['2024-03-01', 'L', 'C2', 'U6', null, null, null],
  ]);
});

test('an X1 chain: every episode but the last ends with X1 on the day the next starts', () => {
  const rows = derive(
    facts(
      [ls('L2', '2023-11-02', '2023-11-09'), ls('C1', '2023-11-09', '2024-06-20'), ls('C2', '2024-06-20', '2025-02-03'), ls('E1', '2025-02-03', '2025-09-30')],
      [
        placed('2023-11-02', '2023-12-04', 'U6', 'R', { reasonEnded: 'CARPL' }),
        placed('2023-12-04', '2024-06-20', 'U6', 'A', { reasonEnded: 'CARPL' }),
        placed('2024-06-20', '2025-02-03', 'U4', 'A', { reasonEnded: 'PLACE' }),
        placed('2025-02-03', '2025-05-12', 'U5', 'B', { reasonEnded: 'CARPL' }),
        placed('2025-05-12', '2025-09-30', 'A5', 'B'),
      ],
      [{ date: '2025-09-30', reason: 'E12' }],
    ),
  );
  assert.deepEqual(brief(rows), [
    ['2023-11-02', 'S', 'L2', 'U6', '2023-11-09', 'X1', null],
    ['2023-11-09', 'L', 'C1', 'U6', '2023-12-04', 'X1', 'CARPL'],
    ['2023-12-04', 'P', 'C1', 'U6', '2024-06-20', 'X1', 'CARPL'],
    ['2024-06-20', 'U', 'C2', 'U4', '2025-02-03', 'X1', 'PLACE'],
    ['2025-02-03', 'B', 'E1', 'U5', '2025-05-12', 'X1', 'CARPL'],
    ['2025-05-12', 'T', 'E1', 'A5', '2025-09-30', 'E12', null],
  ]);
  rows.slice(0, -1).forEach((e, i) => assert.equal(e.DEC, rows[i + 1]?.DECOM));
});

test('inconsistent records are problems, not guesses', () => {
  // A placement starts before the legal status; the legal status then outlasts the placements.
  const early = placed('2024-05-01', '2024-09-01', 'U6', 'A');
  const { episodes, problems } = deriveEpisodes(facts([ls('C1', '2024-05-13', null)], [early]));
  assert.deepEqual(
    problems.map((p) => [p.date, p.placementId ?? null]),
    [
      ['2024-05-01', early.id],
      ['2024-09-01', null],
    ],
  );
  assert.match(problems[0]?.message ?? '', /outside any legal status from 1 May 2024 to 13 May 2024/);
  assert.match(problems[1]?.message ?? '', /No placement is recorded from 1 September 2024 onwards/);
  // The days in care are still returned, with no placement type where none is recorded.
  assert.deepEqual(brief(episodes), [
    ['2024-05-13', 'S', 'C1', 'U6', '2024-09-01', 'X1', null],
    ['2024-09-01', 'P', 'C1', '', null, null, null],
  ]);
});

test('a period of care that ended with no reason, a reason with no ending, and overlapping placements are reported', () => {
  const first = placed('2024-05-13', '2024-08-01', 'U6', 'A');
  const second = placed('2024-07-01', '2024-09-01', 'U6', 'B');
  const { episodes, problems } = deriveEpisodes(
    facts([ls('V2', '2024-05-13', '2024-09-01')], [first, second], [{ date: '2024-12-25', reason: 'E13' }]),
  );
  assert.deepEqual(
    problems.map((p) => p.date),
    ['2024-07-01', '2024-09-01', '2024-12-25'],
  );
  assert.equal(problems[0]?.placementId, second.id);
  assert.match(problems[0]?.message ?? '', /overlaps/);
  assert.match(problems[1]?.message ?? '', /no reason it ended \(REC\)/);
  assert.match(problems[2]?.message ?? '', /does not end on that day/);
  // The later placement is used from its start.
  assert.deepEqual(brief(episodes), [
    ['2024-05-13', 'S', 'V2', 'U6', '2024-07-01', 'X1', null],
    ['2024-07-01', 'P', 'V2', 'U6', '2024-09-01', null, null],
  ]);
});

test('an episode the records show still open has DEC and REC blank', () => {
  const rows = derive(facts([ls('C2', '2020-01-10', null)], [placed('2020-01-10', null, 'U4', 'A')]));
  assert.deepEqual([rows[0]?.DEC, rows[0]?.REC], [null, null]);
});

// ---------------------------------------------------------------------------------------------
// The collection year
// ---------------------------------------------------------------------------------------------

/** Episodes around the 2024-25 / 2025-26 boundary (31 March / 1 April 2025). */
const history = derive(
  facts(
    [ls('V2', '2023-06-01', '2024-03-31'), ls('C1', '2024-06-01', '2025-03-31'), ls('C2', '2025-03-31', '2025-04-01'), ls('E1', '2025-04-01', '2025-04-20')],
    [
      placed('2023-06-01', '2024-03-31', 'U6', 'A'),
      placed('2024-06-01', '2025-04-01', 'U6', 'B', { reasonEnded: 'CARPL' }),
      placed('2025-04-01', '2025-04-20', 'U5', 'R'),
    ],
    [
      { date: '2024-03-31', reason: 'E4A' },
      { date: '2025-04-20', reason: 'E11' },
    ],
  ),
);

test('the boundary history derives as expected', () => {
  assert.deepEqual(brief(history), [
    ['2023-06-01', 'S', 'V2', 'U6', '2024-03-31', 'E4A', null],
    ['2024-06-01', 'S', 'C1', 'U6', '2025-03-31', 'X1', null],
    ['2025-03-31', 'L', 'C2', 'U6', '2025-04-01', 'X1', 'CARPL'],
    ['2025-04-01', 'B', 'E1', 'U5', '2025-04-20', 'E11', null],
  ]);
});

test('an episode ending on 31 March belongs to that year only; one ending on 1 April is in both years', () => {
  assert.deepEqual(
    brief(episodesInYear(history, year('2023-24'))),
    [['2023-06-01', 'S', 'V2', 'U6', '2024-03-31', 'E4A', null]],
  );
  assert.deepEqual(episodesInYear(history, year('2024-25')).map((e) => e.DECOM), ['2024-06-01', '2025-03-31']);
  assert.deepEqual(episodesInYear(history, year('2025-26')).map((e) => e.DECOM), ['2025-03-31', '2025-04-01']);
});

test('an episode open at 31 March (here one that started on 31 March) has DEC, REC and REASON_PLACE_CHANGE blank in that year, and its ending in the next', () => {
  const [endsOn31March, startsOn31March] = episodesInYear(history, year('2024-25'));
  assert.deepEqual([endsOn31March?.DEC, endsOn31March?.REC], ['2025-03-31', 'X1']);
  assert.deepEqual([startsOn31March?.DECOM, startsOn31March?.RNE, startsOn31March?.DEC, startsOn31March?.REC, startsOn31March?.REASON_PLACE_CHANGE], ['2025-03-31', 'L', null, null, null]);
  const [carried] = episodesInYear(history, year('2025-26'));
  // Next year's return repeats it unchanged (rules 502, 503) with its ending.
  assert.deepEqual({ ...carried, DEC: null, REC: null, REASON_PLACE_CHANGE: null }, startsOn31March);
  assert.deepEqual([carried?.DEC, carried?.REC, carried?.REASON_PLACE_CHANGE], ['2025-04-01', 'X1', 'CARPL']);
});

test('an episode starting on 1 April is not in the year before; no episodes in a year with no care', () => {
  assert.ok(!episodesInYear(history, year('2024-25')).some((e) => e.DECOM === '2025-04-01'));
  assert.deepEqual(episodesInYear(history, year('2026-27')), []);
  assert.deepEqual(episodesInYear(history, year('2022-23')), []);
});

test('an open episode is in every year from its start', () => {
  const rows = derive(facts([ls('C2', '2022-03-31', null)], [placed('2022-03-31', null, 'U4', 'A')]));
  for (const label of ['2021-22', '2022-23', '2030-31']) assert.equal(episodesInYear(rows, year(label)).length, 1, label);
  assert.equal(episodesInYear(rows, year('2020-21')).length, 0);
});
