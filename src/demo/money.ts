/**
 * The demo's money and sufficiency for parent and child fostering (Parent and child fostering procedure,
 * 6.1–6.3 and 8.1–8.5):
 * - a rate card with a history of two dates (last financial year's, superseded, and this year's);
 * - an arrangement in which a young mother looked after by a neighbouring authority is placed with her
 *   baby, who is not in care (scenario 2.2), with one of the authority's Level 4 households: the baby's
 *   allowance was requested from the child-care team, which agreed, with its budget code;
 * - a parent-and-child request being matched for which no Level 4 household was available in the area,
 *   and the search outside it: an agency with no vacancy, a neighbouring authority that offered one.
 * Every name is synthetic.
 */
import { addDays } from '../domain/dates.ts';
import { requestReference } from '../domain/records/placement-request.ts';
import type { DemoData } from './generate.ts';
import { demoId, demoIdsFor } from './ids.ts';

/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

const ALLOWANCES_LAST_YEAR: [number, number | null, number][] = [
  [0, 4, 146_00],
  [5, 10, 166_00],
  [11, 15, 189_00],
  [16, 17, 252_00],
  [18, null, 140_00],
];
const FEES_LAST_YEAR: [number, number][] = [
  [1, 50_00],
  [2, 100_00],
  [3, 200_00],
  [4, 340_00],
];
/** This year's rates: last year's and 4%, to the penny. */
const uplift = (pence: number) => Math.round(pence * 1.04);

export function moneyDemoRecords(d: DemoData) {
  idFrom = demoIdsFor(d, 'money');
  const today = d.today;
  const year = Number(today.slice(0, 4));
  const fy = Number(today.slice(5, 7)) >= 4 ? year : year - 1;
  const admin = d.users.find((u) => u.role === 'administrator');
  const sw = d.users.find((u) => u.role === 'social_worker' && u.isDemo) ?? d.users.find((u) => u.role === 'social_worker');
  const po = d.users.find((u) => u.role === 'placement_officer' && u.isDemo) ?? d.users.find((u) => u.role === 'placement_officer');
  const tm = d.users.find((u) => u.role === 'team_manager');

  const cards = [
    { id: idFrom(`rate-card:${fy - 1}`), effectiveFrom: `${fy - 1}-04-01`, note: `Fees and Allowances Policy ${fy - 1}-${String(fy % 100).padStart(2, '0')} (demo figures)`, createdBy: admin?.id ?? null, createdByName: admin?.fullName ?? 'Administrator', createdAt: new Date(`${fy - 1}-03-20T10:00:00Z`) },
    { id: idFrom(`rate-card:${fy}`), effectiveFrom: `${fy}-04-01`, note: `Fees and Allowances Policy ${fy}-${String((fy + 1) % 100).padStart(2, '0')}: 4% uplift (demo figures)`, createdBy: admin?.id ?? null, createdByName: admin?.fullName ?? 'Administrator', createdAt: new Date(`${fy}-03-18T10:00:00Z`) },
  ];
  const allowances = cards.flatMap((c, i) => ALLOWANCES_LAST_YEAR.map(([fromAge, toAge, p]) => ({ rateCardId: c.id, fromAge, toAge, weeklyPence: i === 0 ? p : uplift(p) })));
  const fees = cards.flatMap((c, i) => FEES_LAST_YEAR.map(([level, p]) => ({ rateCardId: c.id, level, weeklyPence: i === 0 ? p : uplift(p) })));

  const level4 = d.households
    .filter((h) => h.fosteringServiceId === d.homeAuthorityId && h.approvalStatus === 'approved' && h.skillLevel >= 4 && h.placementKinds.includes('parent_and_child'))
    .sort((a, b) => (a.reference < b.reference ? -1 : 1));
  const neighbour = d.organisations.find((o) => o.kind === 'local_authority' && o.id !== d.homeAuthorityId);
  const agency = d.organisations.find((o) => o.kind === 'fostering_agency');

  // The arrangement: a mother of 17, looked after by a neighbouring authority, and her baby, not in care.
  const household = level4[0];
  const start = addDays(today, -45);
  const mother = { id: idFrom('pc-money:mother'), name: 'Kayla Pearce', dateOfBirth: addDays(today, -(17 * 365 + 120)), lookedAfterBy: neighbour?.name ?? 'A neighbouring authority' };
  const baby = { id: idFrom('pc-money:baby'), name: 'Rio Pearce', dateOfBirth: addDays(start, -12) };
  const arrangementId = idFrom('pc-money:arrangement');
  const babyPersonId = idFrom('pc-money:baby-person');
  const arrangements = household
    ? [
        {
          id: arrangementId,
          reference: 'PC-M0001',
          householdId: household.id,
          status: 'active' as const,
          startDate: start,
          legalScenario: 'parent_in_care' as const,
          scenarioRationale: `Kayla is looked after by ${mother.lookedAfterBy}; Rio is not looked after and is placed with her during the assessment (demo).`,
          needArose: 'pre_birth_assessment' as const,
          needAroseOn: addDays(start, -40),
          createdBy: sw?.id ?? null,
        },
      ]
    : [];
  const people = household
    ? [
        { id: idFrom('pc-money:mother-person'), arrangementId, role: 'parent' as const, familyMemberId: mother.id, inCare: true, position: 0 },
        { id: babyPersonId, arrangementId, role: 'child' as const, familyMemberId: baby.id, inCare: false, position: 1 },
      ]
    : [];
  const allowanceRequests = household
    ? [
        {
          id: idFrom('pc-money:allowance-request'),
          arrangementId,
          arrangementPersonId: babyPersonId,
          requestedOn: addDays(start, 1),
          requestedOf: 'Children in Need team, Locality North (demo)',
          requestNote: "Rio is not in care: the fostering budget pays Kayla's allowance and the skills fee (procedure, 8.5).",
          requestedBy: sw?.id ?? null,
          requestedByName: sw?.fullName ?? "The child's social worker",
          answer: 'agreed' as const,
          answeredOn: addDays(start, 6),
          answeredByName: tm?.fullName ?? 'Team manager',
          budgetCode: 'CIN-803-AIA',
          answerNote: 'Agreed for the assessment period and its extensions.',
        },
      ]
    : [];

  // A request being matched, for a young woman in care and her expected baby, and the search outside the area.
  const open = new Set(d.placementRequests.flatMap((q) => [q.childId, ...q.siblingIds]));
  const placedNow = new Set(d.placements.filter((p) => p.endDate === null && p.status === 'active').map((p) => p.childId));
  const young = d.children
    .filter((c) => c.responsibleAuthorityId === d.homeAuthorityId && c.sex === 'F' && !open.has(c.id) && placedNow.has(c.id))
    .filter((c) => c.dateOfBirth <= addDays(today, -16 * 366) && c.dateOfBirth > addDays(today, -18 * 365 + 60))
    .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  const created = addDays(today, -8);
  const requestId = idFrom('pc-money:request');
  const requests =
    young && sw
      ? [
          {
            id: requestId,
            reference: requestReference(d.placementRequests.length + 1),
            childId: young.id,
            status: 'matching' as const,
            urgency: 'planned' as const,
            kind: 'parent_and_child' as const,
            neededBy: addDays(today, 21),
            siblingIds: [],
            needs: {},
            risks: {},
            childViews: {},
            createdBy: young.socialWorkerId ?? sw.id,
            createdAt: new Date(`${created}T09:30:00Z`),
            updatedAt: new Date(`${addDays(created, 1)}T11:00:00Z`),
            version: 3,
          },
        ]
      : [];
  const statuses = requests.flatMap((q) => [
    { id: idFrom('pc-money:status:draft'), requestId: q.id, status: 'draft', at: new Date(`${created}T09:30:00Z`), byUserId: q.createdBy, note: '' },
    { id: idFrom('pc-money:status:submitted'), requestId: q.id, status: 'submitted', at: new Date(`${created}T15:00:00Z`), byUserId: q.createdBy, note: '' },
    { id: idFrom('pc-money:status:matching'), requestId: q.id, status: 'matching', at: new Date(`${addDays(created, 1)}T11:00:00Z`), byUserId: po?.id ?? null, note: '' },
  ]);
  const searchId = idFrom('pc-money:search');
  const searches = requests.map((q) => ({
    id: searchId,
    placementRequestId: q.id,
    noneInAreaOn: addDays(created, 2),
    inAreaLevel4Households: level4.length,
    inAreaEligibleHouseholds: 0,
    whyNoneSuitable: "None of the authority's Level 4 carers approved for parent and child could take a mother and a newborn by the date needed (demo).",
    recordedBy: po?.id ?? null,
    recordedByName: po?.fullName ?? 'Placement officer',
  }));
  const enquiries = searches.flatMap((s) => [
    ...(agency ? [{ id: idFrom('pc-money:enquiry:agency'), searchId: s.id, organisationId: agency.id, askedOn: addDays(created, 2), answer: 'no_vacancy' as const, answeredOn: addDays(created, 3), answerDetail: 'No Level 4 parent-and-child vacancy until the spring.', recordedByName: s.recordedByName }] : []),
    ...(neighbour ? [{ id: idFrom('pc-money:enquiry:neighbour'), searchId: s.id, organisationId: neighbour.id, askedOn: addDays(created, 3), answer: 'offered' as const, answeredOn: addDays(created, 5), answerDetail: 'A Level 4 household 14 miles away; carers to meet the social worker next week.', recordedByName: s.recordedByName }] : []),
  ]);

  return {
    cards,
    allowances,
    fees,
    familyMembers: household ? [{ ...mother }, { ...baby }] : [],
    arrangements,
    people,
    allowanceRequests,
    requests,
    statuses,
    searches,
    enquiries,
  };
}
