import { test } from 'node:test';
import { earlyPermanenceRecordsFrom } from './early-permanence.ts';
import assert from 'node:assert/strict';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { DEFAULT_SEED, ageFromParts, generateDemoData, makeUpn, mulberry32, USUAL_FOSTERING_LIMIT, type DemoData, type GenPlacement } from './generate.ts';
import { retarget } from './events.ts';
import { addDays, ageOn, fromDayNumber, isValidIsoDate, toDayNumber } from '../domain/dates.ts';
import { CalendarRangeError, englandAndWales } from '../domain/calendar/index.ts';
import {
  CHILD_EVENT_KINDS,
  HOUSEHOLD_EVENT_KINDS,
  deriveHouseholdObligations,
  deriveObligations,
  getObligation,
  status,
  type ObligationInstance,
  type ObligationStatus,
} from '../domain/deadlines/index.ts';
import { childFacts, householdFacts } from '../domain/deadlines/facts.ts';
import { CATEGORY_OF_NEED, ETHNICITY_CODES, LEGAL_STATUS, PLACEMENT_TYPES, UPN_UNKNOWN_CODES, isValidUpn } from '../domain/ssda903/codes.ts';
import { ROLES } from '../domain/access/index.ts';
import { ExemptionInput, MemberInput, PLACEMENT_KINDS } from '../domain/records/household.ts';
import { LegalStatusInput, childInputOn, legalStatusProblems } from '../domain/records/child.ts';
import { PlacementInput } from '../domain/records/placement.ts';
import { ContactInput } from '../domain/records/contact.ts';
import { UserInput } from '../domain/records/user.ts';
import {
  CARER_PREFERENCES,
  NEED_TAGS,
  OPEN_REQUEST_STATUSES,
  RequestBasicsDraftInput,
  RequestNeedsInput,
  RequestRisksInput,
  RequestViewsInput,
  canMoveRequest,
  isOpenRequest,
  missingForSubmission,
  type RequestStatus,
} from '../domain/records/placement-request.ts';
import { HouseholdRecordInput } from '../domain/matching/household-profile.ts';
import { DEMO_CENTROIDS, outwardCode, rank, type MatchChild, type MatchHousehold, type MatchRequest } from '../domain/matching/index.ts';
import { CARER_EMAIL_DOMAIN } from './profiles.ts';
import type { GenChild, GenPlacementRequest } from './generate.ts';
import { assembleReturn } from '../domain/ssda903/assemble.ts';
import { returnRecordsFrom } from './return-records.ts';
import { concurrentPlanningDemoFrom } from './concurrent-planning.ts';
import { collectionYear, type CollectionYear } from '../domain/ssda903/return-types.ts';
import { validateReturn } from '../domain/ssda903/validation.ts';
import { REC_CODES, isCodeValidIn } from '../domain/ssda903/return-codes.ts';
import { groupBy } from '../domain/collections.ts';
import { DEMO_POSTCODES, type DemoAreaCode } from './postcodes-data.ts';
import { HOME_AUTHORITY, OTHER_AUTHORITIES, localityOf } from './names.ts';

const TODAY = '2026-05-14';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Which area each real postcode of the demo is in, and each authority's area (by LA code). */
const AREA_OF_POSTCODE = new Map(Object.entries(DEMO_POSTCODES).flatMap(([area, list]) => list.map(([postcode]) => [postcode, area as DemoAreaCode] as const)));
const AREA_OF_LA = new Map<string, DemoAreaCode>([HOME_AUTHORITY, ...OTHER_AUTHORITIES].map((a) => [a.laCode, a.onsCode]));

const cache = new Map<string, DemoData>();
function data(children: number, seed = 1, today = TODAY): DemoData {
  const key = `${children}/${seed}/${today}`;
  let d = cache.get(key);
  if (!d) {
    d = generateDemoData({ children, seed, today });
    cache.set(key, d);
  }
  return d;
}

const end = (x: { endDate: string | null }) => (x.endDate === null ? Number.MAX_SAFE_INTEGER : toDayNumber(x.endDate));
const start = (x: { startDate: string }) => toDayNumber(x.startDate);
/** Periods are half-open [start, end): one ending the day the next starts do not overlap. */
const overlaps = (a: { startDate: string; endDate: string | null }, b: { startDate: string; endDate: string | null }) => start(a) < end(b) && start(b) < end(a);

function siblingsOf(d: DemoData): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const l of d.siblingLinks) {
    if (!m.has(l.childId)) m.set(l.childId, new Set());
    if (!m.has(l.siblingId)) m.set(l.siblingId, new Set());
    m.get(l.childId)?.add(l.siblingId);
    m.get(l.siblingId)?.add(l.childId);
  }
  return m;
}


/** Children in care today: those with no recorded end of care. */
const inCare = (d: DemoData) => {
  const left = new Set(d.careEndings.map((e) => e.childId));
  return d.children.filter((c) => !left.has(c.id));
};

/** Children fostered in each household today. */
function currentlyPlaced(d: DemoData): Map<string, GenPlacement[]> {
  return groupBy(
    d.placements.filter((p) => p.status === 'active'),
    (p) => p.householdId,
  );
}

/** Checks every rule the demo data promises; used on several sizes and seeds. */
function checkInvariants(d: DemoData, today: string) {

  const childById = new Map(d.children.map((c) => [c.id, c]));
  const householdById = new Map(d.households.map((h) => [h.id, h]));
  const orgById = new Map(d.organisations.map((o) => [o.id, o]));
  const userById = new Map(d.users.map((u) => [u.id, u]));
  const contactById = new Map(d.contacts.map((c) => [c.id, c]));
  const siblings = siblingsOf(d);

  // Ids are UUIDs and unique across everything; references are unique.
  const ids = [
    d.organisations,
    d.teams,
    d.users,
    d.contacts,
    d.children,
    d.legalStatuses,
    d.households,
    d.householdMembers,
    d.exemptions,
    d.placements,
    d.childEvents,
    d.householdEvents,
    d.placementRequests,
    d.placementRequestStatuses,
  ].flatMap(
    (list) => list.map((x) => x.id),
  );
  for (const id of ids) assert.match(id, UUID);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.equal(new Set(d.children.map((c) => c.reference)).size, d.children.length, 'child references are unique');
  assert.equal(new Set(d.households.map((h) => h.reference)).size, d.households.length, 'household references are unique');

  // Dates: valid ISO calendar dates, never after today.
  const dates: [string, string | null][] = [
    ...d.children.map((c) => ['child DOB', c.dateOfBirth] as [string, string]),
    ...d.legalStatuses.flatMap((l) => [['legal status start', l.startDate], ['legal status end', l.endDate]] as [string, string | null][]),
    ...d.placements.flatMap((p) => [['placement start', p.startDate], ['placement end', p.endDate]] as [string, string | null][]),
    ...d.households.map((h) => ['approval date', h.approvalDate] as [string, string | null]),
    ...d.householdMembers.map((m) => ['member DOB', m.dateOfBirth] as [string, string | null]),
    ...d.exemptions.flatMap((e) => [['exemption start', e.startDate], ['exemption end', e.endDate]] as [string, string | null][]),
    ...d.childEvents.map((e) => ['child event', e.eventDate] as [string, string]),
    ...d.householdEvents.map((e) => ['household event', e.eventDate] as [string, string]),
  ];
  for (const [what, date] of dates) {
    if (date === null) continue;
    assert.ok(isValidIsoDate(date), `${what} ${date} is a calendar date`);
    assert.ok(date <= today, `${what} ${date} is not after ${today}`);
  }

  // Staff: known roles, managers listed before the people they manage, unique e-mail addresses.
  const seen = new Set<string>();
  for (const u of d.users) {
    assert.ok((ROLES as readonly string[]).includes(u.role));
    assert.equal(u.organisationId, d.homeAuthorityId);
    assert.ok(d.teams.some((t) => t.id === u.teamId && t.organisationId === d.homeAuthorityId));
    if (u.lineManagerId) assert.ok(seen.has(u.lineManagerId), `${u.fullName}'s line manager comes first`);
    seen.add(u.id);
  }
  assert.equal(new Set(d.users.map((u) => u.email.toLowerCase())).size, d.users.length);
  for (const a of DEMO_ACCOUNTS) {
    const u = d.users.find((x) => x.email === a.email);
    assert.ok(u, `demo account ${a.email}`);
    assert.equal(u.role, a.role);
    assert.equal(u.fullName, a.name);
    assert.equal(u.isDemo, true);
    assert.equal(d.teams.find((t) => t.id === u.teamId)?.name, a.team);
  }
  assert.equal(d.users.filter((u) => u.isDemo).length, DEMO_ACCOUNTS.length);

  // Children: valid codes, UPNs, real postcodes of their authority's area; the home authority's have
  // a social worker, others an external one.
  for (const c of d.children) {
    assert.ok(c.ethnicity in ETHNICITY_CODES);
    assert.ok(c.categoryOfNeed in CATEGORY_OF_NEED);
    assert.ok(['M', 'F', 'U'].includes(c.sex));
    assert.ok(isValidUpn(c.upn), `UPN ${c.upn}`);
    if (ageOn(c.dateOfBirth, today) < 5) assert.ok(c.upn in UPN_UNKNOWN_CODES, 'under-5s have a UN code');
    const la = orgById.get(c.responsibleAuthorityId);
    if (c.homePostcode !== null) assert.equal(AREA_OF_POSTCODE.get(c.homePostcode), AREA_OF_LA.get(la?.laCode ?? ''), `${c.reference}: ${c.homePostcode} is in ${la?.name}`);
    assert.equal(la?.kind, 'local_authority');
    assert.equal(typeof c.courtCarePlan, 'boolean');
    if (c.responsibleAuthorityId === d.homeAuthorityId) {
      assert.equal(userById.get(c.socialWorkerId ?? '')?.role, 'social_worker');
      assert.equal(userById.get(c.iroId ?? '')?.role, 'iro', `${c.reference} has an independent reviewing officer`);
      assert.equal(c.externalSocialWorkerId, null);
    } else {
      assert.equal(c.socialWorkerId, null);
      assert.equal(c.iroId, null, "another authority's child has that authority's IRO");
      const contact = contactById.get(c.externalSocialWorkerId ?? '');
      assert.ok(contact, `${c.reference} has an external social worker`);
      assert.equal(contact.organisationId, c.responsibleAuthorityId, "the contact works for the child's authority");
    }
  }

  // Legal statuses: every child has a history, consecutive and non-overlapping, the last one open.
  const statusesByChild = groupBy(d.legalStatuses, (l) => l.childId);
  for (const c of d.children) {
    const list = [...(statusesByChild.get(c.id) ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate));
    assert.ok(list.length > 0, `${c.reference} has a legal status`);
    assert.ok(list[0] && list[0].startDate >= c.dateOfBirth, 'care starts after birth');
    list.forEach((l, i) => {
      assert.ok(l.code in LEGAL_STATUS, `code ${l.code}`);
      const next = list[i + 1];
      if (next) {
        assert.equal(l.endDate, next.startDate, `${c.reference}: each status ends the day the next starts`);
        assert.ok(start(l) < end(l), 'a status lasts at least a day');
      } else if (l.endDate !== null) {
        assert.ok(d.careEndings.some((e) => e.childId === c.id && e.endedOn === l.endDate), `${c.reference}: the last status ends only when care ends`);
      } else assert.ok(!d.careEndings.some((e) => e.childId === c.id), `${c.reference}: the current status is open`);
      for (const other of list) if (other !== l) assert.ok(!overlaps(l, other), `${c.reference}: statuses do not overlap`);
      if (l.code.startsWith('J')) assert.ok(ageOn(c.dateOfBirth, l.startDate) >= 10, 'J codes only from age 10');
      if (l.code === 'L1' && l.endDate) assert.ok(end(l) - start(l) <= 3, 'police protection lasts at most 72 hours');
      if (l.code === 'L2' && l.endDate) assert.ok(end(l) - start(l) <= 21, 'an EPO lasts at most 21 days');
    });
  }

  // Placements: one child's never overlap, the current one is active and open, households fit.
  const placementsByChild = groupBy(d.placements, (p) => p.childId);
  for (const [childId, list] of placementsByChild) {
    const c = childById.get(childId);
    assert.ok(c, 'placement of a known child');
    assert.ok(list.filter((p) => p.status === 'active').length <= 1, 'at most one current placement');
    const firstStatus = [...(statusesByChild.get(childId) ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    for (const p of list) {
      assert.ok(p.placementType in PLACEMENT_TYPES, `type ${p.placementType}`);
      assert.equal(p.status === 'active', p.endDate === null, 'active placements are open, ended ones closed');
      if (p.endDate) assert.ok(p.startDate < p.endDate, 'a placement lasts at least a day');
      assert.ok(firstStatus && p.startDate >= firstStatus.startDate, 'placed only while looked after');
      for (const q of list) if (q !== p) assert.ok(!overlaps(p, q), `${c.reference}: placements do not overlap`);
      const h = householdById.get(p.householdId);
      assert.ok(h, 'placement in a known household');
      assert.notEqual(h.approvalStatus, 'in_assessment', 'no placements with carers still in assessment');
      assert.ok(h.approvalDate !== null && h.approvalDate <= p.startDate, 'carers approved before the placement');
      if (p.status === 'active') assert.equal(h.approvalStatus, 'approved', 'current placements only with approved carers');
      const age = ageOn(c.dateOfBirth, p.startDate);
      assert.ok(age >= h.ageMin && age <= h.ageMax, `${c.reference} aged ${age} within ${h.reference}'s approval ${h.ageMin}-${h.ageMax}`);
      // The kind of placement is one the carers are approved for, and agrees with its SSDA903 type.
      assert.ok(h.placementKinds.includes(p.kind), `${c.reference}: ${p.kind} placement with ${h.reference}, approved for ${h.placementKinds.join(', ')}`);
      assert.equal(['U1', 'U4'].includes(p.placementType), p.kind === 'long_term', `${p.placementType} is long-term exactly when the kind is`);
      assert.equal(['U5', 'A5'].includes(p.placementType), p.kind === 'fostering_for_adoption');
      if (p.kind === 'emergency') assert.ok(p.emergency, 'an emergency placement was placed in an emergency');
      if (p.intendedUntil18 || p.sixMonthlyVisitsAgreed) assert.equal(p.kind, 'long_term');
      if (p.kind === 'parent_and_child') {
        assert.ok(p.assessmentPeriodEndsOn !== null && p.assessmentPeriodEndsOn > p.startDate && toDayNumber(p.assessmentPeriodEndsOn) - start(p) <= 28, 'initial assessment period of at most 28 days');
      } else assert.equal(p.assessmentPeriodEndsOn, null);
      assert.equal(p.outsideTermsOfApproval, false);
      assert.equal(p.connectedPerson, false, 'connected people are fully approved before the child arrives');
    }
  }

  // Recorded events: known kinds, about known children and their own placements, recorded by staff
  // of the right roles, with neutral evidence.
  const placementById = new Map(d.placements.map((p) => [p.id, p]));
  const recorderRoles = new Set(['social_worker', 'supervising_social_worker', 'iro']);
  for (const e of d.childEvents) {
    assert.ok(e.kind in CHILD_EVENT_KINDS, e.kind);
    const c = childById.get(e.childId);
    assert.ok(c, 'event of a known child');
    const firstStatus = [...(statusesByChild.get(e.childId) ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    assert.ok(firstStatus && e.eventDate >= addDays(firstStatus.startDate, -10), 'not long before the child came into care');
    if (e.placementId !== null) {
      const p = placementById.get(e.placementId);
      assert.equal(p?.childId, e.childId, "a placement event is about the child's own placement");
      assert.ok(p && e.eventDate >= addDays(p.startDate, -10) && (p.endDate === null || e.kind !== 'visit' || e.eventDate <= p.endDate), 'during the placement');
    } else assert.ok(['care_plan_completed', 'review_held', 'delegated_authority_reviewed'].includes(e.kind), `${e.kind} belongs to a placement`);
    if (e.kind === 'agreement_recorded') assert.ok(e.aboutChildId && childById.has(e.aboutChildId) && e.aboutChildId !== e.childId);
    else assert.equal(e.aboutChildId, null);
    if (e.kind === 'parent_and_child_review_held') {
      assert.equal(placementById.get(e.placementId ?? '')?.kind, 'parent_and_child');
      assert.ok(e.periodEndsOn !== null && e.periodEndsOn > e.eventDate);
    } else assert.equal(e.periodEndsOn, null);
    if (e.recordedBy !== null) assert.ok(recorderRoles.has(userById.get(e.recordedBy)?.role ?? ''), 'recorded by a social worker, SSW or IRO');
    if (c.responsibleAuthorityId === d.homeAuthorityId && e.kind === 'visit') assert.equal(e.recordedBy, c.socialWorkerId, 'visits are recorded by the social worker');
    assert.ok(e.evidence.length > 10);
    assert.ok(e.recordedAt.startsWith(e.eventDate), 'recorded on the day');
  }
  for (const e of d.householdEvents) {
    assert.ok(e.kind in HOUSEHOLD_EVENT_KINDS, e.kind);
    const h = householdById.get(e.householdId);
    assert.ok(h && h.approvalDate !== null && e.eventDate > h.approvalDate, 'carer reviews after approval');
    assert.equal(e.recordedBy, h.supervisingSocialWorkerId);
    assert.ok(e.evidence.length > 10);
  }

  // Households: real postcodes (the authority's own carers in its area) and their town, known
  // services, at most three fostered children at any time unless all siblings or named in an
  // exemption in force.
  for (const h of d.households) {
    const area = AREA_OF_POSTCODE.get(h.postcode);
    assert.ok(area, `${h.reference}: ${h.postcode} is a real postcode of the demo area`);
    assert.equal(h.town, localityOf(h.postcode, area));
    if (h.fosteringServiceId === d.homeAuthorityId) assert.equal(area, HOME_AUTHORITY.onsCode, `${h.reference}: the authority's carers live in its area`);
    assert.ok(orgById.has(h.fosteringServiceId));
    assert.ok(h.ageMin <= h.ageMax);
    for (const k of h.placementKinds) assert.ok(k in PLACEMENT_KINDS, `placement kind ${k}`);
    if (h.supervisingSocialWorkerId) assert.equal(userById.get(h.supervisingSocialWorkerId)?.role, 'supervising_social_worker');
  }
  // A child's home postcode is never the postcode of a household they live with (SSDA903 rule 392d).
  for (const p of d.placements) {
    const home = childById.get(p.childId)?.homePostcode;
    if (home) assert.notEqual(home, householdById.get(p.householdId)?.postcode, `${p.id}: home and placement postcodes differ`);
  }
  // A missing or away period ends by the day the placement the child went from ends (SSDA903 rule 575),
  // and a move between two households is visible in the return: not the same postcode under the same
  // fostering service (rule 435).
  for (const m of d.missingEpisodes) {
    const from = placementsByChild.get(m.childId)?.find((p) => start(p) <= toDayNumber(m.startedOn) && toDayNumber(m.startedOn) < end(p));
    assert.ok(from, `${m.id}: the child was in a placement when the period started`);
    assert.ok(m.endedOn !== null && toDayNumber(m.endedOn) <= end(from), `${m.id}: ends (${m.endedOn}) by the end of its placement (${from.endDate})`);
  }
  for (const list of placementsByChild.values()) {
    for (const p of list) {
      const next = list.find((q) => q.startDate === p.endDate);
      const [a, b] = [householdById.get(p.householdId), next && householdById.get(next.householdId)];
      if (a && b && a.id !== b.id) assert.ok(a.postcode !== b.postcode || a.fosteringServiceId !== b.fosteringServiceId, `${p.id}: a move the return can show`);
    }
  }
  const exemptionsByHousehold = groupBy(d.exemptions, (e) => e.householdId);
  for (const [householdId, list] of groupBy(d.placements, (p) => p.householdId)) {
    const h = householdById.get(householdId);
    assert.ok(h);
    for (const moment of new Set(list.map(start))) {
      const there = list.filter((p) => start(p) <= moment && moment < end(p)).map((p) => p.childId);
      assert.equal(new Set(there).size, there.length, 'a child is placed once in a household at a time');
      if (there.length <= USUAL_FOSTERING_LIMIT) continue;
      const allSiblings = there.every((a) => there.every((b) => a === b || siblings.get(a)?.has(b)));
      const exempt = (exemptionsByHousehold.get(householdId) ?? []).some(
        (e) => start(e) <= moment && (e.endDate === null || moment <= toDayNumber(e.endDate)) && there.every((id) => e.childIds.includes(id)),
      );
      assert.ok(allSiblings || exempt, `${h.reference} has ${there.length} children on day ${moment} who are neither all siblings nor exempt`);
    }
  }
  const now = currentlyPlaced(d);
  for (const [householdId, list] of now) {
    const h = householdById.get(householdId);
    assert.ok(h && (list.length <= h.approvedChildren || (exemptionsByHousehold.get(householdId) ?? []).length > 0), 'within the terms of approval today');
  }

  // Sibling links point at two known children, smaller id first.
  for (const l of d.siblingLinks) {
    assert.ok(childById.has(l.childId) && childById.has(l.siblingId));
    assert.ok(l.childId < l.siblingId);
  }

  checkProfiles(d, today);
  checkRequests(d, today);
}

const SECOND_LANGUAGES = new Set(['Welsh', 'BSL', 'French', 'Irish', 'Polish', 'Romanian', 'Lithuanian', 'Slovak', 'Czech', 'Yoruba', 'Igbo', 'Twi', 'Somali', 'Amharic', 'Tigrinya', 'Punjabi', 'Gujarati', 'Hindi', 'Urdu', 'Bengali', 'Sylheti', 'Cantonese', 'Mandarin', 'Arabic', 'Kurdish', 'Farsi']);

/** What the carers offer never contradicts the children placed with them today; carers' e-mail addresses. */
function checkProfiles(d: DemoData, today: string) {
  const childById = new Map(d.children.map((c) => [c.id, c]));
  const now = currentlyPlaced(d);
  for (const h of d.households) {
    const what = `${h.reference} ${JSON.stringify({ languages: h.languages, experience: h.experience, preferences: h.preferences })}`;
    assert.equal(h.languages[0], 'English', what);
    assert.ok(h.languages.length <= 2 && h.languages.slice(1).every((l) => SECOND_LANGUAGES.has(l)), what);
    assert.ok(h.faith === null || h.faith.length > 0);
    assert.ok(h.experience.length >= 1 && h.experience.length <= 4, what);
    assert.equal(new Set(h.experience).size, h.experience.length);
    for (const t of h.experience) assert.ok(t in NEED_TAGS, what);
    if (h.experience.includes('parent_and_child')) assert.equal(h.skillLevel, 4, `${what}: parent and child experience only at level 4`);
    for (const p of h.preferences) assert.ok(p in CARER_PREFERENCES, what);
    assert.equal(new Set(h.preferences).size, h.preferences.length);
    assert.ok(!(h.preferences.includes('girls_only') && h.preferences.includes('boys_only')), `${what}: never both`);
    const placed = (now.get(h.id) ?? []).map((p) => childById.get(p.childId) as GenChild);
    if (h.preferences.includes('girls_only')) assert.ok(placed.every((c) => c.sex === 'F'), `${what}: only girls placed there`);
    if (h.preferences.includes('boys_only')) assert.ok(placed.every((c) => c.sex === 'M'), `${what}: only boys placed there`);
    if (h.preferences.includes('no_teenagers')) assert.ok(h.ageMax === 17 && placed.every((c) => ageOn(c.dateOfBirth, today) < 13), `${what}: no teenager placed there`);
    if (h.preferences.includes('no_under_5s')) assert.ok(placed.every((c) => ageOn(c.dateOfBirth, today) >= 5), `${what}: no young child placed there`);
    // Distances between postcodes mean something: every address has a demo centroid.
    assert.ok(DEMO_CENTROIDS.has(outwardCode(h.postcode) ?? ''), `${h.postcode} has a centroid`);
  }
  for (const c of d.children) if (c.homePostcode) assert.ok(DEMO_CENTROIDS.has(outwardCode(c.homePostcode) ?? ''), `${c.homePostcode} has a centroid`);
  const emails = d.householdMembers.filter((m) => m.email !== null).map((m) => m.email as string);
  assert.equal(new Set(emails).size, emails.length, "carers' e-mail addresses are unique");
  for (const m of d.householdMembers) {
    if (m.kind !== 'carer') assert.equal(m.email, null, 'only carers have an e-mail address here');
    else if (m.email) assert.match(m.email, new RegExp(`^[a-z]+\\.[a-z]+[0-9]*@${CARER_EMAIL_DOMAIN.replace(/\./g, '\\.')}$`));
  }
  assert.ok(!emails.some((e) => d.users.some((u) => u.email === e)));
}

/** The matching facts of every household, as the matching service gathers them from the rows. */
function matchHouseholdsOf(d: DemoData): MatchHousehold[] {
  const dob = new Map(d.children.map((c) => [c.id, c.dateOfBirth]));
  const placements = groupBy(
    d.placements.filter((p) => p.status === 'active'),
    (p) => p.householdId,
  );
  const exemptions = groupBy(d.exemptions, (e) => e.householdId);
  const members = groupBy(d.householdMembers, (m) => m.householdId);
  return d.households.map((h) => ({
    ...h,
    placements: (placements.get(h.id) ?? []).map((p) => ({ childId: p.childId, status: p.status, startDate: p.startDate, endDate: p.endDate, dateOfBirth: dob.get(p.childId) as string })),
    exemptions: exemptions.get(h.id) ?? [],
    residents: (members.get(h.id) ?? []).filter((m) => m.kind !== 'carer').map((m) => ({ kind: m.kind as 'carer_child' | 'other_child' | 'other_adult', dateOfBirth: m.dateOfBirth })),
  }));
}

const asMatchChild = (c: GenChild): MatchChild => ({ id: c.id, firstName: c.firstName, dateOfBirth: c.dateOfBirth, sex: c.sex, homePostcode: c.homePostcode });

/** A request run through the matching domain, as the matching page would on `today`. */
function matchDemoRequest(d: DemoData, q: GenPlacementRequest, today: string) {
  const childById = new Map(d.children.map((c) => [c.id, c]));
  assert.ok(q.kind && q.neededBy, `${q.reference} can be matched`);
  const request: MatchRequest = {
    kind: q.kind,
    neededBy: q.neededBy,
    child: asMatchChild(childById.get(q.childId) as GenChild),
    siblings: q.siblingIds.map((id) => asMatchChild(childById.get(id) as GenChild)),
    needs: q.needs,
  };
  return rank(request, matchHouseholdsOf(d), { today, siblingLinks: d.siblingLinks, centroids: DEMO_CENTROIDS });
}

/** Every rule the demo placement requests keep. */
function checkRequests(d: DemoData, today: string) {
  const childById = new Map(d.children.map((c) => [c.id, c]));
  const userById = new Map(d.users.map((u) => [u.id, u]));
  const siblings = siblingsOf(d);
  const history = groupBy(d.placementRequestStatuses, (h) => h.requestId);
  const named = new Map<string, string>();
  const references = d.placementRequests.map((q) => q.reference);
  assert.deepEqual(references, references.map((_, i) => `PR${String(i + 1).padStart(5, '0')}`), 'references in the order the requests were started');
  assert.deepEqual(
    d.placementRequests.map((q) => q.createdAt),
    d.placementRequests.map((q) => q.createdAt).sort(),
  );
  for (const q of d.placementRequests) {
    const what = `${q.reference} (${q.status})`;
    const c = childById.get(q.childId);
    assert.ok(c, `${what}: a known child`);
    assert.equal(c.responsibleAuthorityId, d.homeAuthorityId, `${what}: a child of the home authority`);
    assert.equal(q.createdBy, c.socialWorkerId, `${what}: started by the child's social worker`);
    // One request for each child: never two open ones (as the child or as a sibling to be placed with them).
    for (const id of [q.childId, ...q.siblingIds]) {
      assert.ok(!named.has(id), `${what}: ${id} is already on ${named.get(id)}`);
      named.set(id, q.reference);
    }
    for (const id of q.siblingIds) assert.ok(siblings.get(q.childId)?.has(id), `${what}: siblings named are linked siblings`);
    // No placement of the children starts on or after the day the request was started.
    const group = [c, ...q.siblingIds.map((id) => childById.get(id) as GenChild)];
    const started = q.createdAt.slice(0, 10);
    for (const x of group) {
      for (const p of d.placements.filter((p) => p.childId === x.id)) assert.ok(p.startDate < started, `${what}: ${x.reference}'s placement from ${p.startDate} began before the request`);
      assert.ok(ageOn(x.dateOfBirth, q.neededBy ?? today) <= 17, `${what}: under 18 when needed`);
    }

    // Status history: started as a draft by the social worker, then each move allowed, in order,
    // before today, ending at the request's status.
    const rows = [...(history.get(q.id) ?? [])];
    assert.ok(rows.length >= 1, `${what} has a history`);
    assert.deepEqual([rows[0]?.status, rows[0]?.at, rows[0]?.byUserId], ['draft', q.createdAt, q.createdBy]);
    rows.forEach((h, i) => {
      const prev = rows[i - 1];
      if (prev) {
        assert.ok(canMoveRequest(prev.status, h.status), `${what}: ${prev.status} to ${h.status}`);
        assert.ok(prev.at < h.at, `${what}: history in order`);
      }
      assert.ok(h.at.slice(0, 10) < today, `${what}: ${h.at} is before today`);
      const role = userById.get(h.byUserId)?.role;
      if (h.status === 'matching') assert.equal(role, 'placement_officer', 'the placement team starts matching');
      else assert.equal(h.byUserId, q.createdBy, `${what}: ${h.status} by the social worker`);
      if (h.status === 'withdrawn') assert.ok(h.note.length > 30, 'withdrawn with a reason');
    });
    assert.equal(rows.at(-1)?.status, q.status);
    assert.ok(q.updatedAt >= (rows.at(-1)?.at ?? '') && q.updatedAt.slice(0, 10) < today);
    assert.ok(q.version >= rows.length, `${what}: version ${q.version}`);

    // Each section as its page saves it; a submitted request was complete when it was submitted.
    assert.equal(RequestBasicsDraftInput.safeParse({ urgency: q.urgency, kind: q.kind, neededBy: q.neededBy, siblingIds: q.siblingIds }).success, true);
    const page = <T,>(schema: { parse: (v: unknown) => T }, value: object) => {
      if (Object.keys(value).length > 0) assert.deepEqual(schema.parse(value), value, `${what}: saved as its page saves it`);
    };
    page(RequestNeedsInput, q.needs);
    page(RequestRisksInput, q.risks);
    page(RequestViewsInput, q.childViews);
    const submitted = rows.find((h) => h.status === 'submitted');
    if (q.status === 'draft') assert.ok(Object.keys(q.risks).length === 0 || Object.keys(q.childViews).length === 0 || q.neededBy === null, `${what}: partly filled in`);
    else {
      assert.ok(submitted, `${what} was submitted`);
      const facts = { childId: q.childId, status: q.status, urgency: q.urgency, kind: q.kind, neededBy: q.neededBy, siblingIds: q.siblingIds, needs: q.needs, risks: q.risks, views: q.childViews };
      assert.deepEqual(missingForSubmission(facts, submitted.at.slice(0, 10)), [], `${what}: complete when submitted`);
    }
    // Needs that agree with the child.
    const tags = q.needs.needTags ?? [];
    if (q.needs.needTags) {
      assert.equal(tags.includes('sibling_group'), q.siblingIds.length > 0, `${what}: sibling group exactly when siblings are named`);
      assert.equal(tags.includes('parent_and_child'), q.kind === 'parent_and_child');
      const age = ageOn(c.dateOfBirth, today);
      if (tags.some((t) => ['self_harm', 'missing_episodes', 'exploitation', 'substance_misuse', 'unaccompanied'].includes(t))) assert.ok(age >= 12, `${what}: ${tags.join(', ')} at ${age}`);
      if (q.needs.schoolPostcode) assert.equal(AREA_OF_POSTCODE.get(q.needs.schoolPostcode), HOME_AUTHORITY.onsCode, `${what}: a school in South Gloucestershire`);
      if (q.needs.keepSchool) assert.ok(q.needs.school && q.needs.schoolPostcode);
      assert.equal(q.needs.needsAccessibleHome, tags.includes('disability') && q.needs.adaptations !== null);
    }
    if (q.needs.noYoungerChildren) assert.ok(q.needs.cannotLiveWith && !/younger/i.test(q.needs.canLiveWith ?? ''), `${what}: no younger children, said consistently`);
    if (q.urgency === 'emergency') assert.equal(q.kind, 'emergency');
    // Neutral text that names no one: no child's name, date of birth or home postcode in it.
    // (The school's name, such as "Hazelmere Academy", may share a word with a surname.)
    const text = JSON.stringify([{ ...q.needs, school: null }, q.risks, q.childViews]);
    for (const x of group) {
      for (const word of [x.firstName, x.lastName, x.dateOfBirth, x.homePostcode ?? x.dateOfBirth]) {
        assert.ok(!new RegExp(`\\b${word.replace(/[^A-Za-z0-9 -]/g, '.')}\\b`).test(text), `${what}: no ${word} in the text`);
      }
    }

    // A request being matched has at least one household that passes every hard constraint.
    if (q.status === 'matching') {
      const { eligible } = matchDemoRequest(d, q, today);
      assert.ok(eligible.length >= 1, `${what}: some household can be considered`);
    }
  }
  // Open requests: at most one per child (the rule the request service enforces).
  const open = d.placementRequests.filter((q) => isOpenRequest(q.status));
  assert.equal(new Set(open.map((q) => q.childId)).size, open.length);
}

test('the default size: about 400 children and 250 households in South Gloucestershire', () => {
  const d = data(400);
  assert.equal(inCare(d).length, 400, '400 children in care today, besides those who left');
  // 250 drawn up front, and a few approved later for children no other household could take (every day in care has a placement).
  assert.ok(d.households.length >= 250 && d.households.length <= 300, `${d.households.length} households`);
  const home = d.organisations.find((o) => o.id === d.homeAuthorityId);
  assert.deepEqual([home?.name, home?.laCode, home?.kind], ['South Gloucestershire Council (demo)', '803', 'local_authority']);
  const las = d.organisations.filter((o) => o.kind === 'local_authority');
  // Its neighbours: Bath and North East Somerset, Bristol, North Somerset, Wiltshire, Gloucestershire.
  assert.deepEqual(las.map((o) => o.laCode).sort(), ['800', '801', '802', '803', '865', '916']);
  assert.ok(las.every((o) => o.name.endsWith(' (demo)')));
  assert.equal(d.organisations.filter((o) => o.kind === 'fostering_agency').length, 3);
  assert.ok(d.users.length >= 35 && d.users.length <= 50, `${d.users.length} staff`);
  assert.ok(d.contacts.length >= 25 && d.contacts.length <= 40, `${d.contacts.length} contacts`);
  for (const name of ['Referral Response Team', 'Children in Care Team 1', 'Children in Care Team 2', 'Children in Care Team 3', 'Fostering Support Team', 'Service Management', 'Independent Reviewing Service', 'Business Support']) {
    assert.ok(d.teams.some((t) => t.name === name), name);
  }
  // Most children are placed today; most have had earlier placements too; some are in sibling groups.
  const placedNow = new Set(d.placements.filter((p) => p.status === 'active').map((p) => p.childId));
  assert.ok(placedNow.size >= 320, `${placedNow.size} children placed today`);
  const withHistory = new Set(d.placements.filter((p) => p.status === 'ended').map((p) => p.childId));
  assert.ok(withHistory.size >= 150, `${withHistory.size} children with earlier placements`);
  const perChild = groupBy(d.placements, (p) => p.childId);
  // A child adopted by their foster carers also has the placement for adoption (A5) with those carers.
  const forAdoptionWithSameCarers = (l: GenPlacement[]) => l.filter((p) => p.placementType === 'A5' && l.some((q) => q !== p && q.householdId === p.householdId && q.endDate === p.startDate)).length;
  assert.ok(Math.max(...[...perChild.values()].map((l) => l.length - forAdoptionWithSameCarers(l))) <= 5, 'at most four earlier placements and the current one');
  assert.ok(d.siblingLinks.length >= 50, 'sibling groups');
  // Both local authority and agency carers; carers and some of their own children.
  assert.ok(d.households.filter((h) => h.fosteringServiceId === d.homeAuthorityId).length > 150);
  assert.ok(d.households.filter((h) => h.fosteringServiceId !== d.homeAuthorityId).length > 30);
  for (const h of d.households) assert.ok(d.householdMembers.some((m) => m.householdId === h.id && m.kind === 'carer'), `${h.reference} has a carer`);
  assert.ok(d.householdMembers.filter((m) => m.kind === 'carer_child').length > 40, "carers' own children");
  assert.ok(new Set(d.households.map((h) => h.approvalStatus)).size === 4, 'every approval status occurs');
  assert.ok(new Set(d.households.map((h) => h.approvedChildren)).size >= 3, 'varied terms of approval');
  // A realistic mix of codes.
  assert.ok(new Set(d.children.map((c) => c.ethnicity)).size >= 12);
  assert.ok(new Set(d.children.map((c) => c.categoryOfNeed)).size >= 6);
  assert.ok(new Set(d.legalStatuses.map((l) => l.code)).size >= 5);
  const ages = inCare(d).map((c) => ageOn(c.dateOfBirth, TODAY));
  assert.ok(Math.min(...ages) === 0 && Math.max(...ages) === 17, 'ages 0 to 17');
  const teens = ages.filter((a) => a >= 10).length / ages.length;
  assert.ok(teens > 0.5 && teens < 0.8, 'most children in care are 10 or older');
  checkInvariants(d, TODAY);
});

test('the same seed gives the same data; another seed gives different data', () => {
  const a = generateDemoData({ children: 150, seed: 42, today: TODAY });
  const b = generateDemoData({ children: 150, seed: 42, today: TODAY });
  assert.deepEqual(a, b);
  const c = generateDemoData({ children: 150, seed: 43, today: TODAY });
  assert.notDeepEqual(
    a.children.map((x) => x.id),
    c.children.map((x) => x.id),
  );
  assert.notDeepEqual(
    a.children.map((x) => `${x.firstName} ${x.lastName} ${x.dateOfBirth}`),
    c.children.map((x) => `${x.firstName} ${x.lastName} ${x.dateOfBirth}`),
  );
  // mulberry32 itself is deterministic and stays in [0, 1).
  const r1 = mulberry32(7);
  const r2 = mulberry32(7);
  for (let i = 0; i < 1000; i++) {
    const x = r1();
    assert.equal(x, r2());
    assert.ok(x >= 0 && x < 1);
  }
});

test('exactly one household is at the usual fostering limit today: H00001, with three unrelated children', () => {
  const d = data(400);
  const now = currentlyPlaced(d);
  const atLimit = [...now].filter(([, list]) => list.length === USUAL_FOSTERING_LIMIT).map(([id]) => d.households.find((h) => h.id === id)?.reference);
  assert.deepEqual(atLimit, ['H00001']);
  const h1 = d.households.find((h) => h.reference === 'H00001');
  assert.ok(h1);
  assert.equal(h1.approvedChildren, 3);
  const there = (now.get(h1.id) ?? []).map((p) => p.childId);
  const siblings = siblingsOf(d);
  for (const a of there) for (const b of there) if (a !== b) assert.ok(!siblings.get(a)?.has(b), 'not siblings');
  // One of them is placed by another authority: its social worker must agree to a further placement.
  assert.ok(there.some((id) => d.children.find((c) => c.id === id)?.responsibleAuthorityId !== d.homeAuthorityId));
  // The demo supervising social worker supervises it.
  assert.equal(d.users.find((u) => u.id === h1.supervisingSocialWorkerId)?.email, 'ssw@demo.hearth.test');
});

test('H00002 has four children today under a fostering limit exemption that names them', () => {
  const d = data(400);
  const h2 = d.households.find((h) => h.reference === 'H00002');
  assert.ok(h2);
  const there = (currentlyPlaced(d).get(h2.id) ?? []).map((p) => p.childId).sort();
  assert.equal(there.length, 4);
  assert.equal(d.exemptions.length, 1);
  const [e] = d.exemptions;
  assert.equal(e?.householdId, h2.id);
  assert.equal(e?.grantingAuthorityId, d.homeAuthorityId, 'granted by the authority where the carers live');
  assert.deepEqual([...(e?.childIds ?? [])].sort(), there);
  assert.ok(e && e.conditions.length > 20);
});

test('several children belong to other authorities, placed with the home authority’s carers, with their own social worker as a contact', () => {
  const d = data(400);
  const outside = d.children.filter((c) => c.responsibleAuthorityId !== d.homeAuthorityId);
  assert.ok(outside.length >= 8 && outside.length <= 12, `${outside.length} children from other authorities`);
  assert.ok(new Set(outside.map((c) => c.responsibleAuthorityId)).size >= 3, 'from several authorities');
  for (const c of outside) {
    const contact = d.contacts.find((x) => x.id === c.externalSocialWorkerId);
    assert.equal(contact?.role, 'Social worker');
    assert.equal(contact?.organisationId, c.responsibleAuthorityId);
    const current = d.placements.find((p) => p.childId === c.id && p.status === 'active');
    assert.ok(current, `${c.reference} is placed today`);
    assert.equal(d.households.find((h) => h.id === current.householdId)?.fosteringServiceId, d.homeAuthorityId, 'with the home authority’s carers');
  }
});

test('the demo accounts have work to see: a caseload and supervised households', () => {
  const d = data(400);
  const sw = d.users.find((u) => u.email === 'socialworker@demo.hearth.test');
  const ssw = d.users.find((u) => u.email === 'ssw@demo.hearth.test');
  const caseload = d.children.filter((c) => c.socialWorkerId === sw?.id).length;
  assert.ok(caseload >= 10 && caseload <= 35, `caseload ${caseload}`);
  assert.ok(d.households.filter((h) => h.supervisingSocialWorkerId === ssw?.id).length >= 10);
  const manager = d.users.find((u) => u.email === 'manager@demo.hearth.test');
  assert.equal(sw?.lineManagerId, manager?.id, "the demo social worker's line manager is the demo team manager");
});

test('carers offer what matching looks for, in realistic shares, and most have an e-mail address', () => {
  for (const [children, seed] of [
    [400, DEFAULT_SEED],
    [400, 6],
    [2000, 7],
  ] as const) {
    const d = data(children, seed);
    const hs = d.households;
    const share = (list: readonly (typeof hs)[number][], f: (h: (typeof hs)[number]) => boolean) => list.filter(f).length / list.length;
    const has = (p: string) => (h: (typeof hs)[number]) => (h.preferences as string[]).includes(p);
    const upTo17 = hs.filter((h) => h.ageMax === 17);
    const shares = {
      secondLanguage: share(hs, (h) => h.languages.length > 1),
      faith: share(hs, (h) => h.faith !== null),
      noTeenagers: share(upTo17, has('no_teenagers')),
      noUnder5s: share(hs, has('no_under_5s')),
      singleSex: share(hs, (h) => has('girls_only')(h) || has('boys_only')(h)),
      noSmoking: share(hs, has('no_smoking_household')),
      pets: share(hs, (h) => h.pets),
      accessibleHome: share(hs, (h) => h.accessibleHome),
    };
    const what = `${children}/${seed}: ${JSON.stringify(shares)}`;
    assert.ok(shares.secondLanguage > 0.08 && shares.secondLanguage < 0.2, `about 15% speak a second language: ${what}`);
    assert.ok(shares.faith > 0.4 && shares.faith < 0.6, `about half have a faith recorded: ${what}`);
    assert.ok(shares.noTeenagers > 0.15 && shares.noTeenagers < 0.25, `about 20% approved up to 17 prefer no teenagers: ${what}`);
    assert.ok(shares.noUnder5s > 0 && shares.noUnder5s < 0.06, `a few prefer no under-5s: ${what}`);
    assert.ok(shares.singleSex > 0.03 && shares.singleSex < 0.07, `about 5% girls or boys only: ${what}`);
    assert.ok(hs.some(has('girls_only')) && hs.some(has('boys_only')));
    assert.ok(shares.noSmoking > 0.33 && shares.noSmoking < 0.47, `about 40% smoke-free: ${what}`);
    assert.ok(shares.pets > 0.28 && shares.pets < 0.42, `about 35% have pets: ${what}`);
    assert.ok(shares.accessibleHome > 0.04 && shares.accessibleHome < 0.12, `about 8% accessible: ${what}`);
    // Experience: one to four needs each, every need somewhere; parent and child at level 4 only.
    const sizes = new Set(hs.map((h) => h.experience.length));
    assert.deepEqual([...sizes].sort(), [1, 2, 3, 4]);
    assert.deepEqual(new Set(hs.flatMap((h) => h.experience)), new Set(Object.keys(NEED_TAGS)));
    for (const h of hs) if (h.placementKinds.includes('parent_and_child')) assert.ok(h.experience.includes('parent_and_child'), `${h.reference} approved for parent and child has that experience`);
    // Languages that fit the carers' heritage: several, not one.
    assert.ok(new Set(hs.flatMap((h) => h.languages.slice(1))).size >= 8);
    const carers = d.householdMembers.filter((m) => m.kind === 'carer');
    const withEmail = carers.filter((m) => m.email !== null).length / carers.length;
    assert.ok(withEmail > 0.78 && withEmail < 0.92, `most carers have an e-mail address: ${withEmail}`);
  }
});

test('the demo has placement requests at every stage; the demo social worker owns a draft and a submitted one', () => {
  for (const [children, seed, today] of [
    [400, DEFAULT_SEED, TODAY],
    [400, 6, '2026-11-20'],
    [150, 11, '2027-08-31'],
    [60, 3, '2026-11-20'],
  ] as const) {
    const d = data(children, seed, today);
    const what = `${children}/${seed}`;
    const count = (s: RequestStatus) => d.placementRequests.filter((q) => q.status === s).length;
    assert.deepEqual(
      { draft: count('draft'), submitted: count('submitted'), matching: count('matching'), withdrawn: count('withdrawn') },
      { draft: 2, submitted: 2, matching: 2, withdrawn: 1 },
      what,
    );
    const sw = d.users.find((u) => u.email === 'socialworker@demo.hearth.test');
    const po = d.users.find((u) => u.email === 'placements@demo.hearth.test');
    const mine = d.placementRequests.filter((q) => q.createdBy === sw?.id);
    assert.ok(mine.some((q) => q.status === 'draft') && mine.some((q) => q.status === 'submitted'), what);
    // Drafts partly filled in; one emergency; a pair of siblings to be placed together; matching started by the demo placement officer.
    const drafts = d.placementRequests.filter((q) => q.status === 'draft');
    assert.ok(drafts.every((q) => Object.keys(q.risks).length === 0 && q.kind !== null), what);
    assert.ok(drafts.some((q) => q.neededBy === null) && drafts.some((q) => Object.keys(q.needs).length > 0), what);
    assert.equal(d.placementRequests.filter((q) => q.urgency === 'emergency' && q.status === 'submitted').length, 1, what);
    assert.ok(d.placementRequests.some((q) => q.status === 'matching' && q.siblingIds.length === 1), `${what}: siblings to be placed together`);
    const matchingRows = d.placementRequestStatuses.filter((h) => h.status === 'matching');
    assert.ok(matchingRows.length >= 2 && matchingRows.every((h) => h.byUserId === po?.id), what);
    // Every open request is a different child's.
    const open = d.placementRequests.filter((q) => (OPEN_REQUEST_STATUSES as readonly string[]).includes(q.status));
    assert.equal(new Set(open.flatMap((q) => [q.childId, ...q.siblingIds])).size, open.reduce((n, q) => n + 1 + q.siblingIds.length, 0), what);
  }
});

test('matching a demo request that is being matched finds households to consider, with explained scores', () => {
  const d = data(400);
  const matching = d.placementRequests.filter((q) => q.status === 'matching');
  assert.equal(matching.length, 2);
  for (const q of matching) {
    const { eligible, excluded } = matchDemoRequest(d, q, TODAY);
    assert.ok(eligible.length >= 1, `${q.reference}: ${eligible.length} eligible`);
    assert.ok(excluded.length > 0 && excluded.every((e) => e.reasons.length > 0), 'others excluded with their reasons');
    // Distances are measured between demo centroids, not guessed from the postcode area.
    const top = eligible[0];
    assert.ok(top && top.factors.some((f) => (f.code === 'home-distance' || f.code === 'school-distance') && /miles|same postcode district/i.test(f.explanation)), JSON.stringify(top?.factors));
  }
  // At least one of them has a choice of several households.
  assert.ok(matching.some((q) => matchDemoRequest(d, q, TODAY).eligible.length >= 3));
});

test('the rules hold for other sizes and seeds, including tiny and empty authorities', () => {
  for (const [children, seed] of [
    [0, 1],
    [1, 2],
    [7, 3],
    [12, 4],
    [60, 5],
    [400, 6],
    [2000, 7],
  ] as const) {
    const d = data(children, seed);
    assert.equal(inCare(d).length, children);
    checkInvariants(d, TODAY);
  }
  // Another "today" (a leap day) works too.
  checkInvariants(data(300, 9, '2028-02-29'), '2028-02-29');
});

test('UPNs follow the DfE format with a check letter', () => {
  const upn = makeUpn('803', 2001, 2019, 42);
  assert.match(upn, /^[A-Z]8032001190(42)$/);
  assert.ok(isValidUpn(upn));
  // The check letter changes with the digits.
  const letters = new Set(Array.from({ length: 50 }, (_, i) => makeUpn('803', 2001, 2019, i + 1)[0]));
  assert.ok(letters.size > 10);
  assert.ok(!/[IOS]/.test([...letters].join('')), 'I, O and S are never check letters');
});

test('the H00001 and H00002 scenarios and the placed children from elsewhere hold for any seed', () => {
  for (const seed of [2, 3, 5, 8, 13, 21]) {
    const d = data(seed % 2 === 0 ? 400 : 120, seed);
    const now = currentlyPlaced(d);
    const at = (n: number) => [...now].filter(([, list]) => list.length === n).map(([id]) => d.households.find((h) => h.id === id)?.reference);
    assert.deepEqual(at(USUAL_FOSTERING_LIMIT), ['H00001'], `seed ${seed}`);
    const h1 = d.households[0];
    const there = (now.get(h1?.id ?? '') ?? []).map((p) => p.childId);
    const siblings = siblingsOf(d);
    assert.ok(there.every((a) => there.every((b) => a === b || !siblings.get(a)?.has(b))), `seed ${seed}: H00001's children are unrelated`);
    assert.equal(d.exemptions.length, 1);
    for (const c of d.children.filter((x) => x.responsibleAuthorityId !== d.homeAuthorityId)) {
      assert.ok(d.placements.some((p) => p.childId === c.id && p.status === 'active'), `seed ${seed}: ${c.reference} is placed`);
    }
  }
});

test("every generated record passes the records' own input rules, so it can be edited and saved as it is", () => {
  const d = data(400);
  const parse = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown, what: string) => {
    const r = schema.safeParse(value);
    assert.ok(r.success, `${what}: ${JSON.stringify(r.error)}`);
  };
  const childSchema = childInputOn(TODAY);
  for (const c of d.children) parse(childSchema, c, c.reference);
  const byChild = groupBy(d.legalStatuses, (l) => l.childId);
  for (const c of d.children) {
    const list = byChild.get(c.id) ?? [];
    for (const l of list) {
      parse(LegalStatusInput, l, `${c.reference} ${l.code}`);
      // Adding each period to the others would be accepted (no overlap, one open period, J rules).
      assert.deepEqual(legalStatusProblems(l, list.filter((x) => x !== l), c, TODAY), [], `${c.reference} ${l.code} from ${l.startDate}`);
    }
  }
  for (const p of d.placements) parse(PlacementInput, p, `placement ${p.id}`);
  for (const c of d.contacts) parse(ContactInput, c, c.fullName);
  for (const u of d.users) parse(UserInput, { ...u, active: true }, u.email);
  const members = groupBy(d.householdMembers, (m) => m.householdId);
  // Households as loaded: the generator's fostering-for-adoption kind becomes an adoption approval (./early-permanence.ts).
  for (const h of earlyPermanenceRecordsFrom(d).households) {
    const list = members.get(h.id) ?? [];
    const carers = list.filter((m) => m.kind === 'carer');
    assert.ok(carers.length >= 1 && carers.length <= 2, `${h.reference} has one or two carers`);
    parse(
      HouseholdRecordInput,
      {
        ...h,
        carer1FirstName: carers[0]?.firstName,
        carer1LastName: carers[0]?.lastName,
        carer2FirstName: carers[1]?.firstName ?? null,
        carer2LastName: carers[1]?.lastName ?? null,
      },
      h.reference,
    );
    for (const m of list.filter((x) => x.kind !== 'carer')) parse(MemberInput, m, `${h.reference} member`);
  }
  for (const e of d.exemptions) parse(ExemptionInput, e, 'exemption');
});

// Obligations derived from the generated facts ---------------------------------------------------

type Derived = { instance: ObligationInstance; status: ObligationStatus; childId: string | null; householdId: string | null };

/** Every obligation of the generated authority, with its status on the generation's today. */
function deriveAll(d: DemoData): { derived: Derived[]; skipped: number } {
  const statuses = groupBy(d.legalStatuses, (s) => s.childId);
  const placements = groupBy(d.placements, (p) => p.childId);
  const byHousehold = groupBy(d.placements, (p) => p.householdId);
  const childEvents = groupBy(d.childEvents, (e) => e.childId);
  const householdEvents = groupBy(d.householdEvents, (e) => e.householdId);
  const derived: Derived[] = [];
  let skipped = 0;
  for (const child of d.children) {
    const facts = childFacts({
      child,
      legalStatuses: statuses.get(child.id) ?? [],
      placements: placements.get(child.id) ?? [],
      events: childEvents.get(child.id) ?? [],
      householdPlacements: (id) => byHousehold.get(id) ?? [],
    });
    let instances: ObligationInstance[];
    try {
      instances = deriveObligations(facts, englandAndWales);
    } catch (e) {
      // Care that began before the bank-holiday data: its working days cannot be counted.
      if (!(e instanceof CalendarRangeError)) throw e;
      skipped++;
      continue;
    }
    for (const i of instances) derived.push({ instance: i, status: status(i, d.today, englandAndWales), childId: child.id, householdId: null });
  }
  for (const h of d.households) {
    const facts = householdFacts({ household: h, placements: byHousehold.get(h.id) ?? [], events: householdEvents.get(h.id) ?? [] });
    for (const i of deriveHouseholdObligations(facts, englandAndWales)) derived.push({ instance: i, status: status(i, d.today, englandAndWales), childId: null, householdId: h.id });
  }
  return { derived, skipped };
}

const countBy = (list: readonly Derived[]) => {
  const m = new Map<ObligationStatus, number>();
  for (const x of list) m.set(x.status, (m.get(x.status) ?? 0) + 1);
  return m;
};

test('the recorded facts give a realistic mix of obligation statuses: mostly completed on time, some late, a few overdue', () => {
  for (const [children, seed, today] of [
    [400, DEFAULT_SEED, TODAY],
    [400, 6, '2026-11-20'],
    [150, 11, '2027-08-31'],
  ] as const) {
    const d = data(children, seed, today);
    const { derived, skipped } = deriveAll(d);
    assert.ok(skipped <= children * 0.02, `${skipped} children outside the bank-holiday data`);
    const counts = countBy(derived);
    const n = (s: ObligationStatus) => counts.get(s) ?? 0;
    const what = `seed ${seed}, ${today}: ${JSON.stringify(Object.fromEntries(counts))}`;
    const dueOrDone = n('overdue') + n('completed_on_time') + n('completed_late');
    assert.ok(n('overdue') > 0 && n('overdue') / dueOrDone < 0.15, `overdue share ${what}`);
    const [top] = [...counts].sort((a, b) => b[1] - a[1]);
    assert.equal(top?.[0], 'completed_on_time', what);
    assert.ok(n('completed_late') / dueOrDone > 0.03 && n('completed_late') / dueOrDone < 0.15, `some completed late: ${what}`);
    for (const s of ['due_soon', 'not_yet_due', 'not_applicable'] as const) assert.ok(n(s) > 0, `some ${s}: ${what}`);
    // Every kind of obligation occurs, including household ones and parent-and-child placements.
    const ids = new Set(derived.map((x) => x.instance.obligationId));
    for (const id of ['placement-plan', 'care-plan', 'placement-planning-meeting', 'initial-support-plan', 'placement-notification', 'concurrent-placement-agreement', 'social-worker-visits', 'looked-after-review', 'delegated-authority-review', 'foster-carer-review']) {
      assert.ok(ids.has(id), `${id} in ${what}`);
    }
    if (d.households.some((h) => h.placementKinds.includes('parent_and_child'))) assert.ok(d.placements.some((p) => p.kind === 'parent_and_child'), 'parent-and-child placements');
    // Steps still open on placements of the last fortnight.
    const recent = new Set(d.placements.filter((p) => p.startDate > addDays(today, -14)).map((p) => p.id));
    assert.ok(derived.some((x) => recent.has(x.instance.subjectId) && ['due_soon', 'overdue', 'not_yet_due'].includes(x.status)), 'recent placements have steps open');
  }
});

test('the demo social worker, supervising social worker and IRO each have something overdue, something due soon and work done', () => {
  for (const [children, seed, today] of [
    [400, DEFAULT_SEED, TODAY],
    [400, DEFAULT_SEED, '2026-11-25'],
    [60, 5, '2026-11-20'],
  ] as const) {
    const d = data(children, seed, today);
    const { derived } = deriveAll(d);
    const user = (email: string) => d.users.find((u) => u.email === email)?.id;
    const sw = user('socialworker@demo.hearth.test');
    const ssw = user('ssw@demo.hearth.test');
    const iro = user('iro@demo.hearth.test');
    const role = (x: Derived) => getObligation(x.instance.obligationId)?.responsibleRole;
    const childById = new Map(d.children.map((c) => [c.id, c]));
    const placementById = new Map(d.placements.map((p) => [p.id, p]));
    const householdById = new Map(d.households.map((h) => [h.id, h]));
    const sswOf = (x: Derived) =>
      x.householdId ? householdById.get(x.householdId)?.supervisingSocialWorkerId : householdById.get(placementById.get(x.instance.subjectId)?.householdId ?? '')?.supervisingSocialWorkerId;
    const caseloads = {
      'social worker': derived.filter((x) => x.childId && childById.get(x.childId)?.socialWorkerId === sw && role(x) === 'social_worker'),
      IRO: derived.filter((x) => x.childId && childById.get(x.childId)?.iroId === iro && role(x) === 'iro'),
      'supervising social worker': derived.filter((x) => role(x) === 'supervising_social_worker' && sswOf(x) === ssw),
    };
    for (const [who, list] of Object.entries(caseloads)) {
      const counts = countBy(list);
      const what = `${who}, seed ${seed}, ${today}: ${JSON.stringify(Object.fromEntries(counts))}`;
      assert.ok((counts.get('overdue') ?? 0) >= 1, what);
      assert.ok((counts.get('due_soon') ?? 0) >= 1, what);
      assert.ok((counts.get('completed_on_time') ?? 0) + (counts.get('completed_late') ?? 0) >= 5, what);
    }
    // The child of the demo social worker: any obligation, whoever is responsible.
    const ofSw = countBy(derived.filter((x) => x.childId && childById.get(x.childId)?.socialWorkerId === sw));
    assert.ok((ofSw.get('overdue') ?? 0) >= 1 && (ofSw.get('due_soon') ?? 0) >= 1);
  }
});

test('retarget rewrites a series so that its next item falls due on the day asked', () => {
  // Every 10 days, the first due 5 days after the start (day 0).
  const series = { start: 0, firstDue: 5, dueAfter: (last: number) => last + 10 };
  assert.deepEqual(retarget([4, 13, 22, 31], series, 42, 40), [4, 13, 22, 32], 'the last event moved a day later');
  assert.deepEqual(retarget([4, 13, 22, 31], series, 33, 40), [4, 13, 23], 'later events dropped: the next is due on day 33');
  assert.deepEqual(retarget([4, 13], series, 23, 40), [4, 13], 'already so');
  assert.deepEqual(retarget([], series, 12, 40), [2]);
  assert.equal(retarget([4], series, 60, 40), null, 'no day up to today makes it so');
});

test('the demo authority’s SSDA903 return for 2025-26, assembled as the service does, has no validation errors', () => {
  for (const [children, seed, today] of [
    [400, DEFAULT_SEED, TODAY],
    [400, 6, '2026-11-20'],
  ] as const) {
    // With the court records of the children under placement orders, as the demo loads them.
    const made = concurrentPlanningDemoFrom(data(children, seed, today));
    const d = made.data;
    const records = returnRecordsFrom(d, made.records.proceedings);
    const { ret, problems } = assembleReturn(records, collectionYear('2025-26') as CollectionYear, d.homeAuthorityId);
    const what = `seed ${seed}, ${today}`;
    assert.ok(ret.header.length > children * 0.6, what); // not those who came into care after 31 March 2026
    assert.deepEqual(problems, [], `${what}: every day in care has a placement`);
    assert.ok(ret.reviews.length > 0 && ret.missing.length > 0 && ret.swEpisodes.length > 0 && (seed !== DEFAULT_SEED || ret.uasc.length > 0), what);
    assert.ok(ret.episodes.some((e) => e.REASON_PLACE_CHANGE === 'CARPL'), what);
    assert.ok((ret.ad1?.length ?? 0) > 0 && (ret.placedAdoption?.length ?? 0) > (ret.ad1?.length ?? 0), `${what}: adopted children, and children waiting under placement orders`);
    const errors = validateReturn(ret).filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `${f.childId} ${f.rule}: ${f.message}`), [], what);
  }
});

test('about a third of the children in care leave each year, each with a reason valid that year, their legal status and placement ending that day', () => {
  for (const [children, seed, today] of [
    [400, DEFAULT_SEED, TODAY],
    [400, 6, '2026-11-20'],
    [60, 5, TODAY],
  ] as const) {
    const d = data(children, seed, today);
    const what = `${children}/${seed}/${today}`;
    const year = collectionYear('2025-26') as CollectionYear;
    const inYear = d.careEndings.filter((e) => e.endedOn >= year.start && e.endedOn <= year.end);
    assert.ok(inYear.length >= children * 0.2 && inYear.length <= children * 0.45, `${what}: ${inYear.length} left care in 2025-26`);
    if (children >= 400) assert.ok(new Set(inYear.map((e) => e.reason)).size >= 8, `${what}: varied reasons`);
    const childById = new Map(d.children.map((c) => [c.id, c]));
    const statuses = groupBy(d.legalStatuses, (l) => l.childId);
    const placements = groupBy(d.placements, (p) => p.childId);
    const events = groupBy(d.childEvents, (e) => e.childId);
    assert.equal(new Set(d.careEndings.map((e) => e.childId)).size, d.careEndings.length, 'one ending a child');
    for (const e of d.careEndings) {
      const c = childById.get(e.childId);
      assert.ok(c && e.endedOn >= '2025-04-01' && e.endedOn < today, `${what}: ended in 2025-26 or since`);
      const y = collectionYear(`${Number(e.endedOn.slice(0, 4)) - (e.endedOn.slice(5) < '04-01' ? 1 : 0)}-${String((Number(e.endedOn.slice(2, 4)) + (e.endedOn.slice(5) < '04-01' ? 0 : 1)) % 100).padStart(2, '0')}`) as CollectionYear;
      assert.ok(isCodeValidIn(REC_CODES, e.reason, y) && e.reason !== 'X1', `${c.reference}: ${e.reason} valid in ${y.label}`);
      const age = ageOn(c.dateOfBirth, e.endedOn);
      if (['E17', 'E5', 'E6', 'E13'].includes(e.reason)) assert.equal(age, 18, `${c.reference}: ${e.reason} at 18`);
      else assert.ok(age <= 18, `${c.reference}: not over 18 when care ended (${e.reason})`);
      const ls = [...(statuses.get(c.id) ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate));
      assert.equal(ls.at(-1)?.endDate, e.endedOn, `${c.reference}: the legal status ends with care`);
      const ps = [...(placements.get(c.id) ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate));
      const last = ps.at(-1);
      assert.ok(last && last.endDate === e.endedOn && last.status === 'ended' && last.reasonEnded, `${c.reference}: the last placement ends with care, with a reason`);
      assert.ok(ps.every((p) => p.status === 'ended' && p.endDate !== null && p.endDate <= e.endedOn), `${c.reference}: no placement open or after care ended`);
      if (e.reason === 'E11' || e.reason === 'E12') {
        assert.equal(ls.at(-1)?.code, 'E1', `${c.reference}: adopted under a placement order`);
        assert.equal(last.placementType, 'A5', `${c.reference}: placed for adoption`);
      }
      if (e.reason === 'E45' || e.reason === 'E46') assert.ok(/^U[1-6]$/.test(last.placementType), `${c.reference}: SGO to former foster carers`);
      for (const ev of events.get(c.id) ?? []) assert.ok(ev.eventDate <= e.endedOn, `${c.reference}: nothing recorded after care ended (${ev.kind} ${ev.eventDate})`);
      assert.ok(!d.placementRequests.some((q) => q.childId === c.id), `${c.reference}: no placement request`);
    }
    // Nobody who left care has obligations still to do.
    const byHousehold = groupBy(d.placements, (p) => p.householdId);
    for (const e of d.careEndings) {
      const child = childById.get(e.childId) as GenChild;
      const facts = childFacts({ child, legalStatuses: statuses.get(child.id) ?? [], placements: placements.get(child.id) ?? [], events: events.get(child.id) ?? [], householdPlacements: (id) => byHousehold.get(id) ?? [] });
      let open: string[] = [];
      try {
        open = deriveObligations(facts, englandAndWales)
          .filter((i) => ['overdue', 'due_soon', 'not_yet_due'].includes(status(i, d.today, englandAndWales)))
          .map((i) => i.id);
      } catch (err) {
        if (!(err instanceof CalendarRangeError)) throw err;
      }
      assert.deepEqual(open, [], `${child.reference}: left care on ${e.endedOn}`);
    }
  }
});

test("the generator's quick age agrees with the domain's ageOn, across birthdays, month ends and leap days", () => {
  const parts = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) });
  const births = ['2008-02-29', '2010-12-31', '2012-01-01', '2015-06-15'];
  for (const dob of births) {
    for (let day = toDayNumber('2020-01-01'); day < toDayNumber('2027-01-01'); day += 13) {
      const on = fromDayNumber(day);
      assert.equal(ageFromParts(parts(dob), parts(on)), ageOn(dob, on), `${dob} on ${on}`);
    }
    if (!dob.endsWith('02-29')) assert.equal(ageFromParts(parts(dob), parts(`${Number(dob.slice(0, 4)) + 10}${dob.slice(4)}`)), 10, 'on the birthday');
  }
});
