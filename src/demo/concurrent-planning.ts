/**
 * The demo's concurrent planning (Concurrent planning guide): three young children, each placed with
 * carers approved as foster carers and adopters (a fostering for adoption placement, U5), under an
 * interim care order:
 * - one in placement now, with a contact plan of three sessions a week and its sessions (one cancelled
 *   by the parents, one missed), and proceedings with two hearings, not yet decided;
 * - one who went home after the court's decision (return home: E4A), the carers' continuing contact agreed;
 * - one adopted by the carers: placement order (E1), adoptive placement (A5) with the allowance stopped,
 *   adoption order (E12), and letterbox contact with the birth family agreed.
 * And for the generated authority's other children under a placement order (E1), the court record
 * of the placement order and the decision that they should be placed for adoption, with the matching
 * and the adoption order for those adopted, so that the SSDA903 return's adoption files have them.
 * Pure: the generated authority in, the same authority with these children and their records added.
 * Every name is synthetic.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import type { DemoData } from './generate.ts';
import type { GenCareEnding, GenChild, GenHousehold, GenHouseholdMember, GenLegalStatus, GenPlacement } from './types.ts';
import { demoId, demoIdsFor } from './ids.ts';
import { socialWorkerReturnId } from '../domain/records/child.ts';

/** A stable UUID-shaped id from a name. */
/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

export type GenContactPlan = { id: string; childId: string; startsOn: IsoDate; endsOn: IsoDate | null; sessionsPerWeek: number; supervisor: string; venue: string; transport: string; whoAttends: string; recordedBy: string | null; recordedByName: string };
export type GenContactSession = {
  id: string;
  childId: string;
  planId: string;
  sessionDate: IsoDate;
  outcome: 'took_place' | 'missed' | 'cancelled';
  whoAttended: string;
  handoverAtStartByCarers: boolean | null;
  handoverAtEndByCarers: boolean | null;
  observations: string;
  cancelledBy: 'parents' | 'carers' | null;
  notHeldReason: string;
  recordedBy: string | null;
  recordedByName: string;
};
export type GenProceedings = {
  id: string;
  childId: string;
  court: string;
  caseNumber: string;
  appliedOn: IsoDate;
  interimCareOrderOn: IsoDate;
  finalHearingOn: IsoDate | null;
  decision: 'return_home' | 'placement_order' | null;
  decidedOn: IsoDate | null;
  decisionNotes: string;
  returnedHomeOn: IsoDate | null;
  carersContactAgreed: boolean | null;
  carersContactPlan: string;
  shouldBePlacedOn: IsoDate | null;
  placedForAdoptionOn: IsoDate | null;
  adoptivePlacementId: string | null;
  allowanceStoppedOn: IsoDate | null;
  adoptionSupportFrom: IsoDate | null;
  matchedOn: IsoDate | null;
  adoptionOrderOn: IsoDate | null;
  adoptionReason: 'E11' | 'E12' | null;
  adoptersCount: number | null;
  adoptersSex: string | null;
  adoptersLegalStatus: string | null;
  recordedBy: string | null;
};
export type GenHearing = { id: string; proceedingsId: string; childId: string; heardOn: IsoDate; kind: 'case_management' | 'interim' | 'issues_resolution' | 'final'; outcome: string; recordedBy: string | null; recordedByName: string };
export type GenFutureContact = { id: string; childId: string; kind: 'letterbox'; frequency: string; arrangements: string; agreedOn: IsoDate; recordedBy: string | null };
export type GenFutureContactParty = { id: string; futureContactId: string; side: 'birth_family' | 'adopters'; names: string; contactDetails: string };

export type ConcurrentPlanningRecords = {
  contactPlans: GenContactPlan[];
  contactSessions: GenContactSession[];
  proceedings: GenProceedings[];
  hearings: GenHearing[];
  futureContacts: GenFutureContact[];
  parties: GenFutureContactParty[];
  /** Each child's referral to the service, placed: linked to the placement it led to (the service figures' time from referral). */
  referrals: GenPlacedReferral[];
};

export type GenPlacedReferral = {
  id: string;
  reference: string;
  childId: string;
  serviceId: null;
  status: 'placed';
  referralDate: IsoDate;
  criteria: Record<string, { answer: 'yes' | 'not_applicable'; evidence: string }>;
  sentOn: IsoDate;
  decidedOn: IsoDate;
  placementId: string;
  circumstances: string;
};

const COURT = 'Family Court sitting at Demoford';
const CARER_SURNAMES = ['Brook', 'Fenwick', 'Hale'];

/** The authority with the concurrent planning children added, and their contact and court records. */
export function concurrentPlanningDemoFrom(data: DemoData): { data: DemoData; records: ConcurrentPlanningRecords } {
  idFrom = demoIdsFor(data, 'cp');
  const t = data.today;
  const sw = data.users.find((u) => u.isDemo && u.role === 'social_worker') ?? data.users.find((u) => u.role === 'social_worker');
  const ssw = data.users.find((u) => u.isDemo && u.role === 'supervising_social_worker') ?? data.users.find((u) => u.role === 'supervising_social_worker');
  const iro = data.users.find((u) => u.role === 'iro');
  const postcode = data.households[0]?.postcode ?? 'BS1 4ST';
  const homePostcode = data.children.find((c) => c.homePostcode)?.homePostcode ?? 'BS2 0JA';
  const swName = sw?.fullName ?? 'Demo social worker';

  const children: GenChild[] = [];
  const households: GenHousehold[] = [];
  const members: GenHouseholdMember[] = [];
  const referrals: GenPlacedReferral[] = [];
  const placements: GenPlacement[] = [];
  const statuses: GenLegalStatus[] = [];
  const endings: GenCareEnding[] = [];
  const records: ConcurrentPlanningRecords = { contactPlans: [], contactSessions: [], proceedings: [], hearings: [], futureContacts: [], parties: [], referrals };

  const add = (n: number, first: string, last: string, born: IsoDate, carers: [string, string]) => {
    const childId = idFrom(`cp-child-${n}`);
    children.push({
      id: childId,
      reference: `CS9000${n}`,
      firstName: first,
      lastName: last,
      dateOfBirth: born,
      sex: n === 2 ? 'M' : 'F',
      ethnicity: 'WBRI',
      upn: 'UN1',
      responsibleAuthorityId: data.homeAuthorityId,
      socialWorkerId: sw?.id ?? null,
      externalSocialWorkerId: null,
      categoryOfNeed: 'N1',
      homePostcode,
      iroId: iro?.id ?? null,
      courtCarePlan: true,
      uasc: false,
      uascCeasedOn: null,
      otherNames: [],
      familyMembers: [
        { name: `Sam ${last}`, relationship: 'Mother' },
        { name: `Alex ${last}`, relationship: 'Father' },
      ],
    });
    const householdId = idFrom(`cp-household-${n}`);
    households.push({
      id: householdId,
      reference: `H9000${n}`,
      addressLine1: `${n} Early Permanence Close`,
      addressLine2: null,
      town: 'Demoford',
      postcode,
      fosteringServiceId: data.homeAuthorityId,
      supervisingSocialWorkerId: ssw?.id ?? null,
      approvalStatus: 'approved',
      approvalDate: addDays(t, -700 + n * 30),
      approvedChildren: 2,
      ageMin: 0,
      ageMax: 4,
      placementKinds: ['fostering_for_adoption', 'short_term'],
      skillLevel: 2,
      languages: ['English'],
      faith: null,
      experience: ['trauma'],
      preferences: [],
      pets: false,
      accessibleHome: false,
    });
    members.push(
      { id: idFrom(`cp-member-${n}-1`), householdId, kind: 'carer', firstName: carers[0], lastName: CARER_SURNAMES[n - 1] ?? 'Hale', dateOfBirth: null, position: 1, email: null },
      { id: idFrom(`cp-member-${n}-2`), householdId, kind: 'carer', firstName: carers[1], lastName: CARER_SURNAMES[n - 1] ?? 'Hale', dateOfBirth: null, position: 2, email: null },
    );
    return { childId, householdId };
  };
  const placement = (n: number, suffix: string, p: Omit<GenPlacement, 'id' | 'kind' | 'emergency' | 'outsideTermsOfApproval' | 'intendedUntil18' | 'connectedPerson' | 'sixMonthlyVisitsAgreed' | 'assessmentPeriodEndsOn'>): GenPlacement => {
    const row: GenPlacement = { id: idFrom(`cp-placement-${n}-${suffix}`), kind: 'fostering_for_adoption', emergency: false, outsideTermsOfApproval: false, intendedUntil18: false, connectedPerson: false, sixMonthlyVisitsAgreed: false, assessmentPeriodEndsOn: null, ...p };
    placements.push(row);
    // The first placement came from a referral to the service three weeks before (referred, sent the same day, accepted a week later).
    if (suffix === 'a') {
      referrals.push({
        id: idFrom(`cp-referral-${n}`),
        reference: `CP001${String(n).padStart(2, '0')}`,
        childId: p.childId,
        serviceId: null,
        status: 'placed',
        referralDate: addDays(p.startDate, -21),
        criteria: {
          interim_care_order: { answer: 'yes', evidence: 'Interim care order applied for' },
          no_extended_family: { answer: 'yes', evidence: 'Viability assessments of the wider family: negative' },
          older_siblings_adopters: { answer: 'not_applicable', evidence: 'No older brothers or sisters adopted' },
          rehabilitation_considered: { answer: 'yes', evidence: 'Parenting assessment directed; adoption likely to be needed if it is negative' },
        },
        sentOn: addDays(p.startDate, -21),
        decidedOn: addDays(p.startDate, -14),
        placementId: row.id,
        circumstances: 'Referred after the early permanence decision (demo).',
      });
    }
    return row;
  };
  const proceedings = (n: number, p: Partial<GenProceedings> & { appliedOn: IsoDate; interimCareOrderOn: IsoDate; childId: string }): GenProceedings => {
    const row: GenProceedings = {
      id: idFrom(`cp-proceedings-${n}`),
      court: COURT,
      caseNumber: `DF${t.slice(2, 4)}C0${n}12${n}`,
      finalHearingOn: null,
      decision: null,
      decidedOn: null,
      decisionNotes: '',
      returnedHomeOn: null,
      carersContactAgreed: null,
      carersContactPlan: '',
      shouldBePlacedOn: null,
      placedForAdoptionOn: null,
      adoptivePlacementId: null,
      allowanceStoppedOn: null,
      adoptionSupportFrom: null,
      matchedOn: null,
      adoptionOrderOn: null,
      adoptionReason: null,
      adoptersCount: null,
      adoptersSex: null,
      adoptersLegalStatus: null,
      recordedBy: sw?.id ?? null,
      ...p,
    };
    records.proceedings.push(row);
    return row;
  };
  const hearing = (n: number, i: number, p: GenProceedings, heardOn: IsoDate, kind: GenHearing['kind'], outcome: string) =>
    records.hearings.push({ id: idFrom(`cp-hearing-${n}-${i}`), proceedingsId: p.id, childId: p.childId, heardOn, kind, outcome, recordedBy: sw?.id ?? null, recordedByName: swName });
  const plan = (n: number, childId: string, startsOn: IsoDate, endsOn: IsoDate | null) => {
    const row: GenContactPlan = {
      id: idFrom(`cp-plan-${n}`),
      childId,
      startsOn,
      endsOn,
      sessionsPerWeek: 3,
      supervisor: 'Demoford Family Time Service',
      venue: 'Oak Lodge family centre',
      transport: 'The carers drive the child to the centre and hand over at the start and the end',
      whoAttends: 'Mother and father',
      recordedBy: sw?.id ?? null,
      recordedByName: swName,
    };
    records.contactPlans.push(row);
    return row;
  };
  const session = (n: number, i: number, p: GenContactPlan, sessionDate: IsoDate, outcome: GenContactSession['outcome'], extra: Partial<GenContactSession> = {}) =>
    records.contactSessions.push({
      id: idFrom(`cp-session-${n}-${i}`),
      childId: p.childId,
      planId: p.id,
      sessionDate,
      outcome,
      whoAttended: outcome === 'took_place' ? 'Mother and father' : '',
      handoverAtStartByCarers: outcome === 'took_place' ? true : null,
      handoverAtEndByCarers: outcome === 'took_place' ? true : null,
      observations: outcome === 'took_place' ? 'Both parents arrived on time, fed and settled the baby and responded to her cues; warm goodbye at handover.' : '',
      cancelledBy: null,
      notHeldReason: '',
      recordedBy: ssw?.id ?? null,
      recordedByName: ssw?.fullName ?? 'Demo supervising social worker',
      ...extra,
    });

  // 1. In placement now: contact three times a week, proceedings not yet decided.
  {
    const placed = addDays(t, -120);
    const { childId, householdId } = add(1, 'Poppy', 'Ashdown', addDays(t, -150), ['Jordan', 'Casey']);
    statuses.push({ id: idFrom('cp-ls-1'), childId, code: 'C1', startDate: placed, endDate: null });
    placement(1, 'a', { childId, householdId, startDate: placed, endDate: null, placementType: 'U5', status: 'active', reasonEnded: null });
    const p = proceedings(1, { childId, appliedOn: addDays(placed, -3), interimCareOrderOn: placed });
    hearing(1, 1, p, addDays(placed, 20), 'case_management', 'Timetable set; parenting assessment of both parents directed');
    hearing(1, 2, p, addDays(placed, 90), 'interim', 'Interim care order renewed; contact to continue three times a week');
    const cp = plan(1, childId, placed, null);
    // The last three weeks of sessions, every other day or so.
    const days = [-20, -18, -16, -13, -11, -9, -6, -4, -2];
    days.forEach((d, i) => {
      const on = addDays(t, d);
      if (d === -9) session(1, i, cp, on, 'cancelled', { cancelledBy: 'parents', notHeldReason: 'Father unwell; the parents rang the centre the evening before' });
      else if (d === -4) session(1, i, cp, on, 'missed', { notHeldReason: 'The parents did not arrive; no message' });
      else session(1, i, cp, on, 'took_place');
    });
  }

  // 2. Went home after the court's decision.
  {
    const placed = addDays(t, -400);
    const home = addDays(t, -35);
    const { childId, householdId } = add(2, 'Leo', 'Brightwell', addDays(t, -430), ['Morgan', 'Rowan']);
    statuses.push({ id: idFrom('cp-ls-2'), childId, code: 'C1', startDate: placed, endDate: home });
    endings.push({ id: idFrom('cp-ending-2'), childId, endedOn: home, reason: 'E4A' });
    placement(2, 'a', { childId, householdId, startDate: placed, endDate: home, placementType: 'U5', status: 'ended', reasonEnded: 'CARPL' });
    const p = proceedings(2, {
      childId,
      appliedOn: addDays(placed, -3),
      interimCareOrderOn: placed,
      finalHearingOn: addDays(t, -42),
      decision: 'return_home',
      decidedOn: addDays(t, -42),
      decisionNotes: 'The parents completed the residential assessment and engaged with every session; supervision order to the local authority',
      returnedHomeOn: home,
      carersContactAgreed: true,
      carersContactPlan: 'The carers visit Leo at home once a month for six months, then at birthdays',
    });
    hearing(2, 1, p, addDays(placed, 25), 'case_management', 'Timetable set; residential parenting assessment directed');
    hearing(2, 2, p, addDays(t, -90), 'issues_resolution', 'Positive assessment; plan of rehabilitation home');
    hearing(2, 3, p, addDays(t, -42), 'final', 'Final hearing: return home under a supervision order');
    // The plan as revised after the residential assessment: contact three times a week until the return home.
    const cp = plan(2, childId, addDays(t, -62), home);
    [-60, -57, -55, -53, -50, -48, -46, -43, -41, -39, -36].forEach((d, i) => session(2, i, cp, addDays(t, d), 'took_place'));
  }

  // 3. Adopted by the carers.
  {
    const placed = addDays(t, -660);
    const order = addDays(t, -300);
    const poDay = addDays(t, -420);
    const adoptive = addDays(t, -380);
    const { childId, householdId } = add(3, 'Isla', 'Ashdown', addDays(t, -690), ['Robin', 'Charlie']);
    statuses.push({ id: idFrom('cp-ls-3a'), childId, code: 'C1', startDate: placed, endDate: poDay });
    statuses.push({ id: idFrom('cp-ls-3b'), childId, code: 'E1', startDate: poDay, endDate: order });
    endings.push({ id: idFrom('cp-ending-3'), childId, endedOn: order, reason: 'E12' });
    placement(3, 'a', { childId, householdId, startDate: placed, endDate: adoptive, placementType: 'U5', status: 'ended', reasonEnded: 'PLACE' });
    const a5 = placement(3, 'b', { childId, householdId, startDate: adoptive, endDate: order, placementType: 'A5', status: 'ended', reasonEnded: 'CARPL' });
    const p = proceedings(3, {
      childId,
      appliedOn: addDays(placed, -3),
      interimCareOrderOn: placed,
      finalHearingOn: poDay,
      decision: 'placement_order',
      decidedOn: poDay,
      decisionNotes: 'Care and placement orders made: the parents were not able to show that they could meet Isla’s needs',
      shouldBePlacedOn: addDays(poDay, -60),
      matchedOn: addDays(adoptive, -7),
      placedForAdoptionOn: adoptive,
      adoptivePlacementId: a5.id,
      allowanceStoppedOn: adoptive,
      adoptionSupportFrom: adoptive,
      adoptionOrderOn: order,
      adoptionReason: 'E12',
      adoptersCount: 2,
      adoptersSex: 'MF',
      adoptersLegalStatus: 'L11',
    });
    hearing(3, 1, p, addDays(placed, 21), 'case_management', 'Timetable set; parenting assessment directed');
    hearing(3, 2, p, addDays(poDay, -50), 'issues_resolution', 'Negative parenting assessment; plan for adoption');
    hearing(3, 3, p, poDay, 'final', 'Care order and placement order made');
    // The plan as it stood in the last weeks before the placement order (contact ended with it).
    const cp = plan(3, childId, addDays(t, -436), poDay);
    [-434, -432, -429, -427, -425, -423, -421].forEach((d, i) => session(3, i, cp, addDays(t, d), i === 3 ? 'cancelled' : 'took_place', i === 3 ? { cancelledBy: 'carers', notHeldReason: 'Isla had a temperature' } : {}));
    const fc: GenFutureContact = { id: idFrom('cp-future-3'), childId, kind: 'letterbox', frequency: 'Once a year, around Isla’s birthday', arrangements: 'Letters and photographs exchanged through the adoption agency’s letterbox service', agreedOn: order, recordedBy: sw?.id ?? null };
    records.futureContacts.push(fc);
    records.parties.push(
      { id: idFrom('cp-party-3-b'), futureContactId: fc.id, side: 'birth_family', names: 'Sam Ashdown (mother), Alex Ashdown (father)', contactDetails: 'Through the agency letterbox; 14 Mill Row, Demoford' },
      { id: idFrom('cp-party-3-a'), futureContactId: fc.id, side: 'adopters', names: 'Robin and Charlie Hale', contactDetails: '3 Early Permanence Close, Demoford' },
    );
  }

  // The generated authority's other children under a placement order (E1), adopted or waiting: the
  // court record of the proceedings and the agency decision-maker's decision that they should be
  // placed for adoption (SSDA903 PlacedAdoption, rules 551 and 553), and for a child adopted from
  // their adoptive placement (A5) the matching and the adoption order with the adopters (AD1, rule
  // 601). The decision is a month before the placement order (554), not before care began (1003).
  const endingOf = new Map(data.careEndings.map((e) => [e.childId, e]));
  const careStartOf = new Map<string, IsoDate>();
  for (const ls of data.legalStatuses) {
    const start = careStartOf.get(ls.childId);
    if (start === undefined || ls.startDate < start) careStartOf.set(ls.childId, ls.startDate);
  }
  const adoptiveOf = new Map(data.placements.filter((pl) => pl.placementType === 'A5').map((pl) => [pl.childId, pl]));
  const firstC1 = new Map<string, IsoDate>();
  for (const ls of data.legalStatuses) if (ls.code === 'C1' && (firstC1.get(ls.childId) ?? '9999') > ls.startDate) firstC1.set(ls.childId, ls.startDate);
  const placementOrders = data.legalStatuses.filter((ls) => ls.code === 'E1').sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
  const seen = new Set<string>();
  placementOrders.forEach((po, i) => {
    if (seen.has(po.childId)) return;
    seen.add(po.childId);
    const careStart = careStartOf.get(po.childId) ?? po.startDate;
    const decision = addDays(po.startDate, -30) < careStart ? careStart : addDays(po.startDate, -30);
    const ending = endingOf.get(po.childId);
    const a5 = adoptiveOf.get(po.childId);
    const adopted = ending && (ending.reason === 'E11' || ending.reason === 'E12') && a5 ? { ending, a5 } : null;
    const matched = adopted ? (addDays(adopted.a5.startDate, -7) < decision ? decision : addDays(adopted.a5.startDate, -7)) : null;
    const couple = i % 4 === 3 ? { adoptersCount: 1, adoptersSex: 'F1', adoptersLegalStatus: 'L0' } : i % 4 === 2 ? { adoptersCount: 2, adoptersSex: 'FF', adoptersLegalStatus: 'L12' } : { adoptersCount: 2, adoptersSex: 'MF', adoptersLegalStatus: 'L11' };
    records.proceedings.push({
      id: idFrom(`po-proceedings-${po.childId}`),
      childId: po.childId,
      court: COURT,
      caseNumber: `DF${t.slice(2, 4)}P${String(i + 1).padStart(4, '0')}`,
      appliedOn: careStart,
      interimCareOrderOn: firstC1.get(po.childId) ?? careStart,
      finalHearingOn: po.startDate,
      decision: 'placement_order',
      decidedOn: po.startDate,
      decisionNotes: 'Care and placement orders made (demo)',
      returnedHomeOn: null,
      carersContactAgreed: null,
      carersContactPlan: '',
      shouldBePlacedOn: decision,
      placedForAdoptionOn: adopted ? adopted.a5.startDate : null,
      adoptivePlacementId: adopted ? adopted.a5.id : null,
      allowanceStoppedOn: adopted ? adopted.a5.startDate : null,
      adoptionSupportFrom: adopted ? adopted.a5.startDate : null,
      matchedOn: matched,
      adoptionOrderOn: adopted ? adopted.ending.endedOn : null,
      adoptionReason: adopted ? (adopted.ending.reason as 'E11' | 'E12') : null,
      ...(adopted ? couple : { adoptersCount: null, adoptersSex: null, adoptersLegalStatus: null }),
      recordedBy: sw?.id ?? null,
    });
  });

  // Each child's social worker since care began (the SSDA903 social worker episodes, rule SW01STG1),
  // to the end of their care.
  const socialWorkerEpisodes: DemoData['socialWorkerEpisodes'] = [];
  if (sw) {
    for (const c of children) {
      const own = statuses.filter((ls) => ls.childId === c.id);
      const began = own.reduce<IsoDate | null>((d, ls) => (d === null || ls.startDate < d ? ls.startDate : d), null);
      if (began === null) continue;
      const ended = endings.find((e) => e.childId === c.id)?.endedOn ?? null;
      socialWorkerEpisodes.push({ id: idFrom(`cp-sw-${c.reference}`), childId: c.id, userId: sw.id, swId: socialWorkerReturnId(sw), startedOn: began, endedOn: ended, reason: null });
    }
  }

  // The birth parents as people of their own, one each, shared by the brothers and sisters who have them.
  const people = new Map<string, { id: string; name: string }>();
  const links: DemoData['childFamilyMembers'] = [];
  for (const c of children) {
    c.familyMembers.forEach((m, position) => {
      const person = people.get(m.name) ?? { id: idFrom(`cp-family-${m.name}`), name: m.name };
      people.set(m.name, person);
      links.push({ childId: c.id, familyMemberId: person.id, relationship: m.relationship.toLowerCase(), position });
    });
  }

  return {
    data: {
      ...data,
      familyMembers: [...data.familyMembers, ...people.values()],
      childFamilyMembers: [...data.childFamilyMembers, ...links],
      children: [...data.children, ...children],
      legalStatuses: [...data.legalStatuses, ...statuses],
      households: [...data.households, ...households],
      householdMembers: [...data.householdMembers, ...members],
      placements: [...data.placements, ...placements],
      careEndings: [...data.careEndings, ...endings],
      socialWorkerEpisodes: [...data.socialWorkerEpisodes, ...socialWorkerEpisodes],
    },
    records,
  };
}
