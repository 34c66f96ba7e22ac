import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleReturn, derivedProvider, derivedUrn, homeAuthorityOf, type ReturnRecords } from './assemble.ts';
import { collectionYear, type CollectionYear } from './return-types.ts';

const year = collectionYear('2025-26') as CollectionYear;
const la = { id: 'la', kind: 'local_authority' as const, ofstedUrn: 'SC1' };
const otherLa = { id: 'la2', kind: 'local_authority' as const, ofstedUrn: 'SC2' };
const agency = { id: 'ag', kind: 'fostering_agency' as const, ofstedUrn: 'SC3', providerCode: null };

test('the provider follows who runs the fostering service, and is blank where the DfE wants none', () => {
  assert.equal(derivedProvider('U4', la, 'la'), 'PR1');
  assert.equal(derivedProvider('U4', otherLa, 'la'), 'PR2');
  assert.equal(derivedProvider('U4', agency, 'la'), 'PR4');
  assert.equal(derivedProvider('U4', { ...agency, providerCode: 'PR5' }, 'la'), 'PR5');
  assert.equal(derivedProvider('T1', la, 'la'), null);
  assert.equal(derivedProvider('Z12', la, 'la'), null);
  assert.equal(derivedProvider('P1', la, 'la'), 'PR0');
  assert.equal(derivedUrn('U4', agency), 'SC3');
  assert.equal(derivedUrn('T2', agency), null);
  assert.equal(derivedUrn('P1', agency), null);
});

test('the home authority is the local authority responsible for the most children', () => {
  const kids = [{ responsibleAuthorityId: 'la2' }, { responsibleAuthorityId: 'la' }, { responsibleAuthorityId: 'la2' }, { responsibleAuthorityId: 'ag' }, { responsibleAuthorityId: 'ag' }, { responsibleAuthorityId: 'ag' }];
  assert.equal(homeAuthorityOf(kids, [la, otherLa, agency]), 'la2');
  assert.equal(homeAuthorityOf([], [la, agency]), 'la', 'the only local authority');
  assert.equal(homeAuthorityOf([], [la, otherLa]), null);
});

function records(over: Partial<ReturnRecords> = {}): ReturnRecords {
  return {
    organisations: [la, agency],
    households: [{ id: 'h1', postcode: 'AB1 1AA', fosteringServiceId: 'la' }],
    children: [
      { id: 'c1', reference: 'K1', responsibleAuthorityId: 'la', sex: 'F', dateOfBirth: '2010-01-01', ethnicity: 'WBRI', upn: 'UN2', categoryOfNeed: 'N2', homePostcode: 'ZZ1 1ZZ', isMother: true, motherChildDob: '2025-01-05', uasc: true, uascCeasedOn: null },
    ],
    legalStatuses: [{ childId: 'c1', code: 'C2', startDate: '2025-01-01', endDate: null }],
    placements: [{ id: 'p1', childId: 'c1', householdId: 'h1', startDate: '2025-01-01', endDate: null, placementType: 'U6', status: 'active' }],
    careEndings: [],
    reviews: [
      { childId: 'c1', eventDate: '2025-03-30', participationCode: 'PN1' },
      { childId: 'c1', eventDate: '2025-09-30', participationCode: 'PN1' },
    ],
    missing: [{ childId: 'c1', kind: 'M', startedOn: '2026-03-30', endedOn: '2026-04-02' }],
    socialWorkerEpisodes: [{ childId: 'c1', swId: 'SW123', startedOn: '2025-01-01', endedOn: '2026-05-01', reason: 'LEFTRL' }],
    ...over,
  };
}

test('one child: header, episode, UASC (with no home postcode), reviews in the year, and ends after 31 March left blank', () => {
  const { ret, children, episodePlacementIds, problems } = assembleReturn(records(), year, 'la');
  assert.deepEqual(children, [{ id: 'c1', reference: 'K1' }]);
  assert.deepEqual(ret.header, [{ CHILD: 'K1', SEX: 'F', DOB: '2010-01-01', ETHNIC: 'WBRI', UPN: 'UN2', MOTHER: '1', MC_DOB: '2025-01-05' }]);
  assert.equal(ret.episodes.length, 1);
  assert.deepEqual(ret.episodes[0], {
    CHILD: 'K1', DECOM: '2025-01-01', RNE: 'S', LS: 'C2', CIN: 'N2', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: null, REC: null, REASON_PLACE_CHANGE: null, HOME_POST: null, PL_POST: 'AB1 1AA', URN: 'SC1',
  });
  assert.deepEqual(episodePlacementIds, ['p1']);
  assert.deepEqual(problems, []);
  assert.deepEqual(ret.uasc, [{ CHILD: 'K1', SEX: 'F', DOB: '2010-01-01', DUC: '2028-01-01' }], 'still UASC at 31 March: DUC is the 18th birthday');
  assert.deepEqual(ret.reviews.map((r) => r.REVIEW), ['2025-09-30']);
  assert.deepEqual(ret.missing, [{ CHILD: 'K1', DOB: '2010-01-01', MISSING: 'M', MIS_START: '2026-03-30', MIS_END: null }]);
  assert.deepEqual(ret.swEpisodes, [{ CHILD: 'K1', DOB: '2010-01-01', SW_ID: 'SW123', SW_DECOM: '2025-01-01', SW_DEC: null, SW_REASON: 'FCONTA' }]);
});

test('short breaks only: no postcodes and no MOTHER; other authorities’ children and cancelled placements are left out', () => {
  const r = records({
    children: [
      ...records().children,
      { id: 'c2', reference: 'K2', responsibleAuthorityId: 'la2', sex: 'M', dateOfBirth: '2011-01-01', ethnicity: 'WBRI', upn: 'UN2', categoryOfNeed: 'N1', homePostcode: null },
    ],
    legalStatuses: [
      { childId: 'c1', code: 'V3', startDate: '2025-01-01', endDate: null },
      { childId: 'c2', code: 'C2', startDate: '2025-01-01', endDate: null },
    ],
    placements: [
      ...records().placements,
      { id: 'p0', childId: 'c1', householdId: 'h1', startDate: '2025-06-01', endDate: null, placementType: 'U4', status: 'cancelled' },
    ],
  });
  const { ret } = assembleReturn(r, year, 'la');
  assert.deepEqual(ret.header.map((h) => [h.CHILD, h.MOTHER, h.MC_DOB]), [['K1', null, null]]);
  assert.deepEqual(ret.episodes.map((e) => [e.LS, e.PLACE, e.HOME_POST, e.PL_POST]), [['V3', 'U6', null, null]]);
});

test('SW_REASON: each social worker episode carries the reason the one before it ended; the first is FCONTA (first contact)', () => {
  const r = records({
    socialWorkerEpisodes: [
      { childId: 'c1', swId: 'SW300', startedOn: '2025-09-01', endedOn: null, reason: null },
      { childId: 'c1', swId: 'SW100', startedOn: '2024-06-01', endedOn: '2025-03-01', reason: 'ORGRST' },
      { childId: 'c1', swId: 'SW200', startedOn: '2025-03-01', endedOn: '2025-09-01', reason: 'LEFTRL' },
    ],
  });
  const { ret } = assembleReturn(r, year, 'la');
  // SW100 ended before 1 April 2025 and is not in the return, but its ending reason is SW200's SW_REASON.
  assert.deepEqual(
    ret.swEpisodes.map((s) => [s.SW_ID, s.SW_DECOM, s.SW_DEC, s.SW_REASON]),
    [
      ['SW200', '2025-03-01', '2025-09-01', 'ORGRST'],
      ['SW300', '2025-09-01', null, 'LEFTRL'],
    ],
  );
  const first = assembleReturn(records(), year, 'la').ret.swEpisodes;
  assert.equal(first[0]?.SW_REASON, 'FCONTA');
});

test('SW_REASON after a gap of more than 7 days is FCONTA; the latest episode is reported open even when it ended in the year', () => {
  const r = records({
    socialWorkerEpisodes: [
      { childId: 'c1', swId: 'SW100', startedOn: '2025-01-01', endedOn: '2025-06-01', reason: 'LEFTRL' },
      { childId: 'c1', swId: 'SW200', startedOn: '2025-06-08', endedOn: '2025-08-01', reason: 'ORGRST' },
      { childId: 'c1', swId: 'SW300', startedOn: '2025-08-09', endedOn: '2025-12-01', reason: null },
    ],
  });
  assert.deepEqual(
    assembleReturn(r, year, 'la').ret.swEpisodes.map((s) => [s.SW_ID, s.SW_DEC, s.SW_REASON]),
    [
      ['SW100', '2025-06-01', 'FCONTA'],
      ['SW200', '2025-08-01', 'LEFTRL'],
      ['SW300', null, 'FCONTA'],
    ],
  );
});

test('UASC: a row only for a child UASC in the year, DUC the 18th birthday while it continues; no home postcode for three years', () => {
  const withCeased = (uascCeasedOn: string | null, uasc = true) => {
    const base = records().children[0] as ReturnRecords['children'][number];
    const { ret } = assembleReturn(records({ children: [{ ...base, uasc, uascCeasedOn }] }), year, 'la');
    return [ret.uasc.map((u) => u.DUC), ret.episodes[0]?.HOME_POST, ret.formerlyUasc];
  };
  assert.deepEqual(withCeased('2026-05-01'), [['2028-01-01'], null, []], 'ceased after the year: not yet known at 31 March, so the 18th birthday');
  assert.deepEqual(withCeased(null), [['2028-01-01'], null, []]);
  assert.deepEqual(withCeased('2029-05-01'), [['2028-01-01'], null, []], 'a date after the 18th birthday: status ceased at 18');
  assert.deepEqual(withCeased('2025-04-01'), [['2025-04-01'], null, []]);
  assert.deepEqual(withCeased('2025-03-31'), [[], null, ['K1']], 'ceased last year: no UASC row, still no home postcode');
  assert.deepEqual(withCeased('2023-04-01'), [[], null, ['K1']], 'ceased two years before');
  assert.deepEqual(withCeased('2023-03-31'), [[], 'ZZ1 1ZZ', []], 'ceased more than two years before: the home postcode again');
  assert.deepEqual(withCeased(null, false), [[], 'ZZ1 1ZZ', []]);
  // Born 1 January 2010: 18 on 1 January 2028. In 2028-29 the status has ceased (at 18) before the year.
  const in2028 = collectionYear('2028-29') as CollectionYear;
  const base = records().children[0] as ReturnRecords['children'][number];
  const later = assembleReturn(records({ children: [{ ...base, uasc: true, uascCeasedOn: null }] }), in2028, 'la').ret;
  assert.deepEqual(later.uasc, []);
});

// Adoption, worked by hand for 2025-26 (1 April 2025 to 31 March 2026): K1 (born 1 January 2010) has two court
// records. The first: the decision that K1 should be placed for adoption on 2 June 2025, matched 15 July 2025,
// adoption order 3 February 2026 by 2 adopters: PlacedAdoption (DATE_PLACED 2 June 2025) and AD1 (DATE_INT 2 June,
// DATE_MATCH 15 July, FOSTER_CARE 1, NB_ADOPTR 2). The second: a decision on 10 April 2026, after 31 March: no row.
test('adoption: PlacedAdoption for a decision on or before 31 March, AD1 for an adoption order in the year', () => {
  const adoptions = [
    { childId: 'c1', shouldBePlacedOn: '2025-06-02', matchedOn: '2025-07-15', adoptionOrderOn: '2026-02-03', adoptersCount: 2 },
    { childId: 'c1', shouldBePlacedOn: '2026-04-10', matchedOn: null, adoptionOrderOn: null, adoptersCount: null },
  ];
  const { ret } = assembleReturn(records({ adoptions }), year, 'la');
  assert.deepEqual(ret.placedAdoption, [{ CHILD: 'K1', DOB: '2010-01-01', DATE_PLACED: '2025-06-02', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null }]);
  assert.deepEqual(ret.ad1, [{ CHILD: 'K1', DOB: '2010-01-01', DATE_INT: '2025-06-02', DATE_MATCH: '2025-07-15', FOSTER_CARE: '1', NB_ADOPTR: '2', SEX_ADOPTR: null, LS_ADOPTR: null }]);
  // The adoption order made the year before (2024-25): still placed-for-adoption history, but no AD1 in 2025-26.
  const earlier = assembleReturn(records({ adoptions: [{ ...adoptions[0]!, shouldBePlacedOn: '2024-05-01', adoptionOrderOn: '2025-03-20' }] }), year, 'la');
  assert.deepEqual(earlier.ret.ad1, []);
  assert.deepEqual(earlier.ret.placedAdoption?.map((r) => r.DATE_PLACED), ['2024-05-01']);
  // No court records: no rows.
  assert.deepEqual(assembleReturn(records(), year, 'la').ret.ad1, []);
});
