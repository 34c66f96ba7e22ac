/**
 * Sufficiency of parent-and-child placements (Parent and child fostering procedure, 6.1–6.3): when no
 * Level 4 household of the authority's own can be considered for a parent-and-child request, the
 * placement officer records that and the search outside the area; the report for the Fostering Panel.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { household, legalStatus, organisation, placement, placementRequest, sufficiencySearch } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { EnquiryResponse, ReportResponse, RequestSufficiencyResponse } from '../src/api/sufficiency.ts';

const TODAY = '2026-11-25';
let w: TestWorld;
let poToken = '';
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => poToken);
const insertChild = childInserter(() => w, (n) => ({ reference: `SF${n}`, firstName: `Mum${n}`, lastName: 'Sufficient', dateOfBirth: '2009-03-01' }));
let fullHouseholdId = '';
let agencyId = '';
let otherLaId = '';

async function pcRequest(ref: string) {
  const mum = await insertChild();
  await w.database.db.insert(legalStatus).values({ childId: mum.id, code: 'C2', startDate: '2025-01-01' });
  const [r] = await w.database.db
    .insert(placementRequest)
    .values({ reference: ref, childId: mum.id, status: 'matching', urgency: 'planned', kind: 'parent_and_child', neededBy: '2026-12-01', createdAt: new Date('2026-11-02T10:00:00Z') })
    .returning();
  return r!.id;
}

before(async () => {
  w = await testWorld({ today: TODAY });
  poToken = await tokenFor(w, 'placement_officer');
  // The authority's one Level 4 household for parent and child is full: one place, one child placed.
  fullHouseholdId = await approvedHousehold(w, { reference: 'HSF1', addressLine1: '1 Full House' });
  await w.database.db.update(household).set({ skillLevel: 4, placementKinds: ['parent_and_child'], approvedChildren: 1 }).where(eq(household.id, fullHouseholdId));
  const placed = await insertChild({ dateOfBirth: '2015-01-01' });
  await w.database.db.insert(placement).values({ childId: placed.id, householdId: fullHouseholdId, startDate: '2026-01-05', placementType: 'U3', status: 'active', kind: 'short_term' });
  const orgs = await w.database.db
    .insert(organisation)
    .values([
      { kind: 'fostering_agency', name: 'Brightwater Fostering (test)', providerCode: 'PR4' },
      { kind: 'local_authority', name: 'Neighbourshire Council (test)', laCode: '992' },
    ])
    .returning();
  agencyId = orgs[0]!.id;
  otherLaId = orgs[1]!.id;
});
after(async () => w.close());

test('a Level 4 household in the area that can be considered must be considered first', async () => {
  const id = await pcRequest('PR-SF0');
  const spare = await approvedHousehold(w, { reference: 'HSF0', addressLine1: '2 Spare Room' });
  await w.database.db.update(household).set({ skillLevel: 4, placementKinds: ['parent_and_child'] }).where(eq(household.id, spare));
  const res = await api('POST', paths.api.requestSufficiency(id), { noneInAreaOn: '2026-11-20', whyNoneSuitable: 'None free' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /1 suitable Level 4 household in the area: consider it first/);
  assert.equal((await w.database.db.select().from(sufficiencySearch).where(eq(sufficiencySearch.placementRequestId, id))).length, 0);
  await w.database.db.update(household).set({ approvalStatus: 'on_hold' }).where(eq(household.id, spare));
});

test('on the pages: none in the area, an agency asked and its offer, the outcome', async () => {
  const id = await pcRequest('PR-SF1');
  const po = await clients('placement_officer');
  const matching = await po.get(paths.requests.matching(id));
  assert.equal(matching.statusCode, 200);
  assert.ok(matching.body.includes(`href="${paths.sufficiency.request(id)}"`), 'the matching page of a parent-and-child request links to the search outside the area');
  const page = await po.get(paths.sufficiency.request(id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /HSF1/);
  assert.match(page.body, /Record that no suitable household is available in the area/);
  assert.equal((await po.get(paths.sufficiency.noneInArea(id))).statusCode, 200);
  const empty = await po.post(paths.sufficiency.noneInArea(id), {});
  assert.equal(empty.statusCode, 400);
  const none = await po.post(paths.sufficiency.noneInArea(id), { 'noneInAreaOn-day': '20', 'noneInAreaOn-month': '11', 'noneInAreaOn-year': '2026', whyNoneSuitable: 'The only Level 4 household has no place free' });
  assert.equal(none.statusCode, 303, none.body);
  const [search] = await w.database.db.select().from(sufficiencySearch).where(eq(sufficiencySearch.placementRequestId, id));
  assert.deepEqual([search?.inAreaLevel4Households, search?.inAreaEligibleHouseholds], [1, 0]);
  const form = await po.get(paths.sufficiency.enquiry(id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Brightwater Fostering/);
  assert.doesNotMatch(form.body, /Testshire County Council/, 'the authority itself is not asked');
  const asked = await po.post(paths.sufficiency.enquiry(id), { organisationId: agencyId, 'askedOn-day': '21', 'askedOn-month': '11', 'askedOn-year': '2026', answer: 'offered', 'answeredOn-day': '23', 'answeredOn-month': '11', 'answeredOn-year': '2026', answerDetail: 'Household BW-7, Level 4' });
  assert.equal(asked.statusCode, 303, asked.body);
  assert.equal((await po.get(paths.sufficiency.outcome(id))).statusCode, 200);
  const outcome = await po.post(paths.sufficiency.outcome(id), { version: String(search!.version), outcome: 'found_outside', 'outcomeOn-day': '24', 'outcomeOn-month': '11', 'outcomeOn-year': '2026', foundOrganisationId: agencyId });
  assert.equal(outcome.statusCode, 303, outcome.body);
  const after = await po.get(paths.sufficiency.request(id));
  assert.match(after.body, /Placement found outside the area \(24 November 2026\): Brightwater Fostering/);
  // A social worker sees the search but may not record one.
  const sw = await clients('social_worker');
  assert.equal((await sw.get(paths.sufficiency.request(id))).statusCode, 200);
  assert.equal((await sw.get(paths.sufficiency.noneInArea(id))).statusCode, 403);
});

test('through the API: an enquiry before the search is refused; the authority cannot be asked; none found needs someone asked', async () => {
  const id = await pcRequest('PR-SF2');
  const early = await api('POST', paths.api.sufficiencyEnquiries(id), { organisationId: otherLaId, askedOn: '2026-11-21', answer: 'awaiting' });
  assert.equal(early.statusCode, 400);
  const started = await api('POST', paths.api.requestSufficiency(id), { noneInAreaOn: '2026-11-20', whyNoneSuitable: 'No place free' });
  assert.equal(started.statusCode, 201, started.body);
  const s = RequestSufficiencyResponse.parse(started.json());
  assert.equal(s.search?.outcome, 'searching');
  const self = await api('POST', paths.api.sufficiencyEnquiries(id), { organisationId: w.laId, askedOn: '2026-11-21', answer: 'awaiting' });
  assert.equal(self.statusCode, 400);
  const noneYet = await api('POST', paths.api.sufficiencyOutcome(id), { version: s.search!.version, outcome: 'none_found', outcomeOn: '2026-11-24' });
  assert.equal(noneYet.statusCode, 400);
  const asked = await api('POST', paths.api.sufficiencyEnquiries(id), { organisationId: otherLaId, askedOn: '2026-11-21', answer: 'no_vacancy', answeredOn: '2026-11-22' });
  assert.equal(asked.statusCode, 201, asked.body);
  assert.equal(EnquiryResponse.parse(asked.json()).organisationName, 'Neighbourshire Council (test)');
  const found = await api('POST', paths.api.sufficiencyOutcome(id), { version: s.search!.version, outcome: 'found_outside', outcomeOn: '2026-11-24', foundOrganisationId: otherLaId });
  assert.equal(found.statusCode, 400, 'only one that offered');
  const staleVersion = await api('POST', paths.api.sufficiencyOutcome(id), { version: s.search!.version + 1, outcome: 'none_found', outcomeOn: '2026-11-24' });
  assert.equal(staleVersion.statusCode, 409, 'a version that is not the one read changes nothing');
  const done = await api('POST', paths.api.sufficiencyOutcome(id), { version: s.search!.version, outcome: 'none_found', outcomeOn: '2026-11-24' });
  assert.equal(done.statusCode, 200, done.body);
  const stale = await api('POST', paths.api.sufficiencyOutcome(id), { version: s.search!.version, outcome: 'none_found', outcomeOn: '2026-11-24' });
  assert.equal(stale.statusCode, 400, 'the search already has its outcome');
  const view = RequestSufficiencyResponse.parse((await api('GET', paths.api.requestSufficiency(id))).json());
  assert.deepEqual([view.search?.outcome, view.enquiries.length, view.inArea.map((h) => h.eligible)], ['none_found', 1, [false]]);
});

test('the report for the Fostering Panel: requests, searches, placements in and out of the area, Level 4 households and vacancies', async () => {
  // A parent-and-child placement made outside the area, with the agency's household, in the period.
  const [agencyHouse] = await w.database.db
    .insert(household)
    .values({ reference: 'HBW7', addressLine1: '7 Brook Way', town: 'Elsewhere', postcode: 'GL1 1AA', fosteringServiceId: agencyId, approvalStatus: 'approved', approvedChildren: 2, skillLevel: 4, placementKinds: ['parent_and_child'] })
    .returning();
  const mum = await insertChild();
  await w.database.db.insert(placement).values({ childId: mum.id, householdId: agencyHouse!.id, startDate: '2026-11-24', placementType: 'U4', status: 'active', kind: 'parent_and_child' });
  const res = await api('GET', `${paths.api.sufficiencyReport}?from=2026-11-01&to=2026-11-30`);
  assert.equal(res.statusCode, 200, res.body);
  const r = ReportResponse.parse(res.json());
  assert.equal(r.homeAuthorityName, 'Testshire County Council');
  assert.deepEqual(r.totals, { requests: 3, searchesOutside: 2, foundOutside: 1, noneFound: 1, placementsInArea: 0, placementsOutOfArea: 1, level4Households: 1, level4WithVacancy: 0 });
  assert.deepEqual(r.households.map((h) => [h.reference, h.free, h.vacancy]), [['HSF1', 0, false]]);
  const outside = await api('GET', `${paths.api.sufficiencyReport}?from=2025-01-01&to=2025-12-31`);
  assert.equal(ReportResponse.parse(outside.json()).totals.requests, 0);
  assert.equal((await api('GET', `${paths.api.sufficiencyReport}?from=2026-12-01&to=2026-11-01`)).statusCode, 400);
  const csv = await api('GET', `${paths.api.sufficiencyReportCsv}?from=2026-11-01&to=2026-11-30`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /placements,out of area,2026-11-24,HBW7,Brightwater Fostering \(test\)/);
  assert.match(csv.body, /totals,level4WithVacancy,0/);

  const tm = await clients('team_manager');
  const page = await tm.get(`${paths.sufficiency.report}?from-day=1&from-month=11&from-year=2026&to-day=30&to-month=11&to-year=2026`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /PR-SF1/);
  assert.match(page.body, /Outside the area/);
  const bad = await tm.get(`${paths.sufficiency.report}?from-day=31&from-month=2&from-year=2026`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  const pageCsv = await tm.get(`${paths.sufficiency.reportCsv}?from-day=1&from-month=11&from-year=2026&to-day=30&to-month=11&to-year=2026`);
  assert.equal(pageCsv.statusCode, 200);
  assert.equal(pageCsv.body, csv.body);
  const sw = await clients('social_worker');
  assert.equal((await sw.get(paths.sufficiency.report)).statusCode, 403);
});
