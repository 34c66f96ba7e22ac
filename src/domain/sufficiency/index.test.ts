import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnquiryInput, NoneInAreaInput, OutcomeInput, enquiryProblems, noneInAreaProblems, outcomeProblems, sufficiencyReport } from './index.ts';
import { sufficiencyCsv } from './csv.ts';

const TODAY = '2026-11-25';
const request = { kind: 'parent_and_child', status: 'matching', createdOn: '2026-11-02' };
const none = NoneInAreaInput.parse({ noneInAreaOn: '2026-11-20', whyNoneSuitable: 'No place free' });

test('none in the area: a parent-and-child request being matched, with no Level 4 household in the area that can be considered', () => {
  assert.deepEqual(noneInAreaProblems(none, request, 0, TODAY), []);
  assert.match(noneInAreaProblems(none, request, 2, TODAY)[0]?.message ?? '', /2 suitable Level 4 households in the area: consider them first/);
  assert.deepEqual(noneInAreaProblems(none, { ...request, kind: 'short_term' }, 0, TODAY).map((p) => p.field), ['form']);
  assert.deepEqual(noneInAreaProblems(none, { ...request, status: 'confirmed' }, 0, TODAY).map((p) => p.field), ['form']);
  assert.deepEqual(noneInAreaProblems({ ...none, noneInAreaOn: '2026-10-30' }, request, 0, TODAY).map((p) => p.field), ['noneInAreaOn']);
  assert.deepEqual(noneInAreaProblems({ ...none, noneInAreaOn: '2026-11-26' }, request, 0, TODAY).map((p) => p.field), ['noneInAreaOn']);
});

test('an enquiry: an agency or another authority, asked after the search began, answered after it was asked', () => {
  const search = { noneInAreaOn: '2026-11-20', outcome: 'searching' as const };
  const agency = { id: 'a', kind: 'fostering_agency' };
  const e = (over: Record<string, unknown> = {}) => EnquiryInput.parse({ organisationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', askedOn: '2026-11-21', answer: 'offered', answeredOn: '2026-11-23', ...over });
  assert.deepEqual(enquiryProblems(e(), agency, 'home', search, TODAY), []);
  assert.deepEqual(enquiryProblems(e(), { id: 'home', kind: 'local_authority' }, 'home', search, TODAY).map((p) => p.field), ['organisationId']);
  assert.deepEqual(enquiryProblems(e(), { id: 'vs', kind: 'virtual_school' }, 'home', search, TODAY).map((p) => p.field), ['organisationId']);
  assert.deepEqual(enquiryProblems(e({ askedOn: '2026-11-19' }), agency, 'home', search, TODAY).map((p) => p.field), ['askedOn']);
  assert.deepEqual(enquiryProblems(e({ answeredOn: '' }), agency, 'home', search, TODAY).map((p) => p.field), ['answeredOn']);
  assert.deepEqual(enquiryProblems(e({ answer: 'awaiting', answeredOn: '' }), agency, 'home', search, TODAY), []);
  assert.deepEqual(enquiryProblems(e({ answer: 'awaiting' }), agency, 'home', search, TODAY).map((p) => p.field), ['answeredOn']);
  assert.deepEqual(enquiryProblems(e(), agency, 'home', { ...search, outcome: 'none_found' }, TODAY).map((p) => p.field), ['form']);
});

test('the outcome: found outside names one that offered; none found needs someone asked', () => {
  const search = { noneInAreaOn: '2026-11-20', outcome: 'searching' as const };
  const found = OutcomeInput.parse({ outcome: 'found_outside', outcomeOn: '2026-11-24', foundOrganisationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
  assert.deepEqual(outcomeProblems(found, search, [{ organisationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', answer: 'offered' }], TODAY), []);
  assert.deepEqual(outcomeProblems(found, search, [{ organisationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', answer: 'declined' }], TODAY).map((p) => p.field), ['foundOrganisationId']);
  const noneFound = OutcomeInput.parse({ outcome: 'none_found', outcomeOn: '2026-11-24' });
  assert.deepEqual(outcomeProblems(noneFound, search, [], TODAY).map((p) => p.field), ['form']);
  assert.deepEqual(outcomeProblems(noneFound, search, [{ organisationId: 'x', answer: 'no_vacancy' }], TODAY), []);
});

test('the report: only what falls in the period; in and out of area by fostering service; a vacancy needs a place free and no arrangement there', () => {
  const r = sufficiencyReport({
    from: '2026-11-01',
    to: '2026-11-30',
    homeAuthorityId: 'home',
    requests: [
      { id: '1', reference: 'R1', createdOn: '2026-11-02', status: 'matching', search: { outcome: 'found_outside', enquiries: 2, offers: 1 } },
      { id: '2', reference: 'R2', createdOn: '2026-11-10', status: 'confirmed', search: null },
      { id: '3', reference: 'R3', createdOn: '2026-10-31', status: 'confirmed', search: { outcome: 'none_found', enquiries: 1, offers: 0 } },
    ],
    placements: [
      { id: 'p1', startDate: '2026-11-12', householdReference: 'H1', fosteringServiceId: 'home', fosteringServiceName: 'Home' },
      { id: 'p2', startDate: '2026-11-24', householdReference: 'X1', fosteringServiceId: 'agency', fosteringServiceName: 'Agency' },
      { id: 'p3', startDate: '2026-12-01', householdReference: 'X2', fosteringServiceId: 'agency', fosteringServiceName: 'Agency' },
    ],
    households: [
      { id: 'h1', reference: 'H1', approvedChildren: 3, placed: 2, parentAndChildActive: true },
      { id: 'h2', reference: 'H2', approvedChildren: 2, placed: 0, parentAndChildActive: false },
      { id: 'h3', reference: 'H3', approvedChildren: 1, placed: 1, parentAndChildActive: false },
    ],
  });
  assert.deepEqual(r.totals, { requests: 2, searchesOutside: 1, foundOutside: 1, noneFound: 0, placementsInArea: 1, placementsOutOfArea: 1, level4Households: 3, level4WithVacancy: 1 });
  assert.deepEqual(r.households.map((h) => [h.reference, h.free, h.vacancy]), [['H1', 1, false], ['H2', 2, true], ['H3', 0, false]]);
  const csv = sufficiencyCsv(r);
  assert.match(csv, /^section,item,value\r\n/);
  assert.match(csv, /placements,out of area,2026-11-24,X1,Agency/);
  assert.doesNotMatch(csv, /X2/);
});
