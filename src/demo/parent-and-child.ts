/**
 * The demo's parent and child arrangements (Parent and child fostering procedure, 2 to 4 and 7), one per
 * legal scenario, on the demo's own data:
 * - 2.3: a baby in care placed with their mother, an adult not in care (part of the fostering household),
 *   after a pre-birth assessment; everything in place before placing, a midwife's and a health visitor's
 *   observations, and an offer of advocacy to the mother not yet answered;
 * - 2.1: a baby in care placed with their mother, 17 and looked after by another authority, after a
 *   court order; ready, with a health visitor's observation;
 * - 2.2: a 16-year-old in care and her baby, who is not, to be placed with a Level 4 household after a
 *   Child Protection Conference: the agreement is confirmed by the conference chair, but the plan for a
 *   failure is still missing, so the placement cannot be confirmed yet.
 * Every name is from the synthetic data; the text is neutral.
 */
import { addDays, ageOn, type IsoDate } from '../domain/dates.ts';
import type { DemoData } from './generate.ts';
import { demoId, demoIdsFor } from './ids.ts';

/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

type Scenario = 'both_in_care' | 'parent_in_care' | 'child_in_care';
type Outcome = 'success' | 'failure_child_in_care' | 'failure_child_not_in_care';

export type ParentAndChildRecords = {
  /** Family members to add (a baby not in care) and changes to those generated (dates of birth, looked after by, advocacy need). */
  newFamilyMembers: { id: string; name: string; dateOfBirth: IsoDate }[];
  newLinks: { childId: string; familyMemberId: string; relationship: string; position: number }[];
  memberChanges: Map<string, { dateOfBirth?: IsoDate; lookedAfterBy?: string; advocacyNeed?: string }>;
  arrangements: {
    id: string;
    reference: string;
    householdId: string;
    status: 'planned' | 'active';
    startDate: IsoDate | null;
    legalScenario: Scenario;
    scenarioRationale: string;
    parentNotCinAssessedOn: IsoDate | null;
    needArose: 'pre_birth_assessment' | 'child_protection_conference' | 'court_order';
    needAroseOn: IsoDate;
    needReason: string;
    createdBy: string | null;
  }[];
  people: { id: string; arrangementId: string; role: 'parent' | 'child'; childId: string | null; familyMemberId: string | null; inCare: boolean; placementId: string | null; position: number }[];
  agreements: { id: string; arrangementId: string; whatShared: string; sharedWith: string; whenShared: string; howShared: string; agreedWithParentOn: IsoDate; childProtectionApplies: boolean; chairName: string | null; chairConfirmedOn: IsoDate | null; recordedBy: string | null; recordedByName: string }[];
  observations: { id: string; arrangementId: string; professional: 'health_visitor' | 'midwife' | 'gp'; professionalName: string; observedOn: IsoDate; observation: string; recordedBy: string | null; recordedByName: string }[];
  advocacy: { id: string; arrangementId: string; personId: string; offeredOn: IsoDate; recordedBy: string | null }[];
  contingencies: { arrangementId: string; outcome: Outcome; plan: string; recordedBy: string | null; recordedByName: string }[];
};

const PLANS: Record<Outcome, string> = {
  success: 'Plan future family life with the parent; refer for ongoing support through Step Up, Step Down, Step Across (Early Help or Child in Need).',
  failure_child_in_care: 'The child moves to the Level 2 carers already identified; the parent is supported to keep contact as the care plan sets out.',
  failure_child_not_in_care: 'Seek the parent’s agreement to section 20 accommodation, or apply for a court order, and place the child elsewhere.',
};

const SHARING = {
  whatShared: 'Observations of the baby’s care, feeding, sleep and health; the parent’s progress against the placement plan',
  sharedWith: 'The child’s social worker, the supervising social worker, the carers, the health visitor and the GP',
  whenShared: 'After each visit, and at once if there is a concern for the baby’s safety',
  howShared: 'Secure e-mail and the weekly carers’ report; by phone when urgent',
};

/** The demo's arrangements, or none when the data has no parent and child placements to build them on. */
export function parentAndChildRecordsFrom(data: DemoData): ParentAndChildRecords {
  idFrom = demoIdsFor(data, 'pc-arrangement');
  const out: ParentAndChildRecords = { newFamilyMembers: [], newLinks: [], memberChanges: new Map(), arrangements: [], people: [], agreements: [], observations: [], advocacy: [], contingencies: [] };
  const today = data.today;
  const sw = data.users.find((u) => u.isDemo && u.role === 'social_worker') ?? null;
  const swId = sw?.id ?? null;
  const swName = sw?.fullName ?? 'The child’s social worker';
  // In care now: a legal status not ended (a set: looking through every status for each child took minutes at 100,000 children).
  const inCare = new Set(data.legalStatuses.filter((l) => l.endDate === null).map((l) => l.childId));
  const open = (childId: string) => inCare.has(childId);
  const households = new Map(data.households.map((h) => [h.id, h]));
  // Each child's first mother recorded.
  const mothers = new Map<string, DemoData['childFamilyMembers'][number]>();
  for (const l of data.childFamilyMembers) if (l.relationship === 'mother' && !mothers.has(l.childId)) mothers.set(l.childId, l);
  const level4 = data.households.filter((h) => h.approvalStatus === 'approved' && h.skillLevel >= 4 && h.placementKinds.includes('parent_and_child')).sort((a, b) => a.reference.localeCompare(b.reference));
  // Babies in care with a mother recorded: those placed now with Level 4 carers for parent and child
  // first (their arrangement is active); otherwise the arrangement is planned with Level 4 carers.
  const current = new Map(data.placements.filter((p) => p.status === 'active' && p.endDate === null).map((p) => [p.childId, p]));
  const babies = data.children
    .filter((c) => open(c.id) && ageOn(c.dateOfBirth, today) < 2)
    .map((c) => {
      const p = current.get(c.id);
      const placed = p && p.kind === 'parent_and_child' && (households.get(p.householdId)?.skillLevel ?? 0) >= 4 ? p : null;
      return { c, p: placed, mother: mothers.get(c.id) };
    })
    .filter((x) => x.mother)
    .sort((a, b) => (a.p ? 0 : 1) - (b.p ? 0 : 1) || a.c.reference.localeCompare(b.c.reference));
  let nextCarers = 0;
  const where = (b: { p: { householdId: string; startDate: IsoDate; id: string } | null }) => {
    if (b.p) return { householdId: b.p.householdId, status: 'active' as const, startDate: b.p.startDate, placementId: b.p.id, decidedOn: b.p.startDate };
    const h = level4[nextCarers++ % Math.max(1, level4.length)];
    return h ? { householdId: h.id, status: 'planned' as const, startDate: null, placementId: null, decidedOn: addDays(today, -3) } : null;
  };

  let n = 0;
  const arrangement = (a: Omit<ParentAndChildRecords['arrangements'][number], 'id' | 'reference' | 'createdBy'>) => {
    n += 1;
    const id = idFrom(`pc-arrangement:${n}`);
    out.arrangements.push({ ...a, id, reference: `PC${String(n).padStart(5, '0')}`, createdBy: swId });
    return id;
  };
  const person = (arrangementId: string, p: Omit<ParentAndChildRecords['people'][number], 'id' | 'arrangementId'>) => {
    const id = idFrom(`pc-person:${arrangementId}:${p.position}`);
    out.people.push({ ...p, id, arrangementId });
    return id;
  };
  const plans = (arrangementId: string, outcomes: readonly Outcome[]) => {
    for (const outcome of outcomes) out.contingencies.push({ arrangementId, outcome, plan: PLANS[outcome], recordedBy: swId, recordedByName: swName });
  };

  // 2.3: the mother, an adult not in care, is part of the fostering household while placed.
  const first = babies[0];
  const firstAt = first ? where(first) : null;
  if (first?.mother && firstAt) {
    const start = firstAt.decidedOn;
    out.memberChanges.set(first.mother.familyMemberId, { dateOfBirth: addDays(today, -22 * 365), advocacyNeed: 'A learning disability: needs information in easy read and time to take part in reviews' });
    const id = arrangement({
      householdId: firstAt.householdId,
      status: firstAt.status,
      startDate: firstAt.startDate,
      legalScenario: 'child_in_care',
      scenarioRationale: `${first.c.firstName} is in care (legal status in force); the mother is 22 and not looked after, so she is part of the fostering household while placed.`,
      parentNotCinAssessedOn: null,
      needArose: 'pre_birth_assessment',
      needAroseOn: addDays(start, -35),
      needReason: '',
    });
    const mum = person(id, { role: 'parent', childId: null, familyMemberId: first.mother.familyMemberId, inCare: false, placementId: null, position: 0 });
    person(id, { role: 'child', childId: first.c.id, familyMemberId: null, inCare: true, placementId: firstAt.placementId, position: 1 });
    out.agreements.push({ id: idFrom(`pc-agreement:${id}`), arrangementId: id, ...SHARING, agreedWithParentOn: addDays(start, -5), childProtectionApplies: false, chairName: null, chairConfirmedOn: null, recordedBy: swId, recordedByName: swName });
    plans(id, ['success', 'failure_child_in_care']);
    out.observations.push(
      { id: idFrom(`pc-obs:${id}:1`), arrangementId: id, professional: 'midwife', professionalName: 'Ruth Bellamy', observedOn: addDays(start, -3), observation: 'Baby feeding well; mother attentive and asking for help when unsure.', recordedBy: swId, recordedByName: swName },
      { id: idFrom(`pc-obs:${id}:2`), arrangementId: id, professional: 'health_visitor', professionalName: 'Gill Moss', observedOn: addDays(today, -2), observation: 'Weight gain on track; safe sleeping advice followed.', recordedBy: swId, recordedByName: swName },
    );
    out.advocacy.push({ id: idFrom(`pc-advocacy:${id}`), arrangementId: id, personId: mum, offeredOn: addDays(today, -6), recordedBy: swId });
  }

  // 2.1: the mother is 17 and looked after by another authority; the baby is in care here.
  const second = babies[1];
  const secondAt = second ? where(second) : null;
  if (second?.mother && secondAt) {
    const start = secondAt.decidedOn;
    out.memberChanges.set(second.mother.familyMemberId, { dateOfBirth: addDays(today, -17 * 365 - 100), lookedAfterBy: 'Northshire County Council' });
    const id = arrangement({
      householdId: secondAt.householdId,
      status: secondAt.status,
      startDate: secondAt.startDate,
      legalScenario: 'both_in_care',
      scenarioRationale: `${second.c.firstName} is subject to a care order here; the mother is 17 and looked after by Northshire County Council (section 20): both are in care.`,
      parentNotCinAssessedOn: null,
      needArose: 'court_order',
      needAroseOn: addDays(start, -10),
      needReason: '',
    });
    person(id, { role: 'parent', childId: null, familyMemberId: second.mother.familyMemberId, inCare: true, placementId: null, position: 0 });
    person(id, { role: 'child', childId: second.c.id, familyMemberId: null, inCare: true, placementId: secondAt.placementId, position: 1 });
    out.agreements.push({ id: idFrom(`pc-agreement:${id}`), arrangementId: id, ...SHARING, agreedWithParentOn: addDays(start, -2), childProtectionApplies: false, chairName: null, chairConfirmedOn: null, recordedBy: swId, recordedByName: swName });
    plans(id, ['success', 'failure_child_in_care']);
    out.observations.push({ id: idFrom(`pc-obs:${id}:1`), arrangementId: id, professional: 'health_visitor', professionalName: 'Anita Rao', observedOn: addDays(today, -9), observation: 'Baby alert and content; mother settling into routines with the carers’ support.', recordedBy: swId, recordedByName: swName });
  }

  // 2.2: a 16-year-old in care and her baby, who is not in care, to be placed with Level 4 carers.
  const girl = data.children
    .filter((c) => c.sex === 'F' && open(c.id) && c.responsibleAuthorityId === data.homeAuthorityId && ageOn(c.dateOfBirth, today) === 16)
    .sort((a, b) => a.reference.localeCompare(b.reference))[0];
  const carers = level4[nextCarers++ % Math.max(1, level4.length)];
  if (girl && carers) {
    const babyId = idFrom(`pc-baby:${girl.id}`);
    out.newFamilyMembers.push({ id: babyId, name: `Ivy ${girl.lastName}`, dateOfBirth: addDays(today, -40) });
    out.newLinks.push({ childId: girl.id, familyMemberId: babyId, relationship: 'daughter', position: 99 });
    const id = arrangement({
      householdId: carers.id,
      status: 'planned',
      startDate: null,
      legalScenario: 'parent_in_care',
      scenarioRationale: `${girl.firstName} is looked after (legal status in force); her baby Ivy is not in care and is to be placed with her under the placement with parent provisions during care proceedings.`,
      parentNotCinAssessedOn: null,
      needArose: 'child_protection_conference',
      needAroseOn: addDays(today, -12),
      needReason: '',
    });
    person(id, { role: 'parent', childId: girl.id, familyMemberId: null, inCare: true, placementId: null, position: 0 });
    person(id, { role: 'child', childId: null, familyMemberId: babyId, inCare: false, placementId: null, position: 1 });
    out.agreements.push({ id: idFrom(`pc-agreement:${id}`), arrangementId: id, ...SHARING, agreedWithParentOn: addDays(today, -8), childProtectionApplies: true, chairName: 'Priya Shah', chairConfirmedOn: addDays(today, -7), recordedBy: swId, recordedByName: swName });
    plans(id, ['success']);
    out.observations.push({ id: idFrom(`pc-obs:${id}:1`), arrangementId: id, professional: 'gp', professionalName: 'Dr Tomasz Nowak', observedOn: addDays(today, -10), observation: 'Six-week check: baby well; mother to be supported with feeding.', recordedBy: swId, recordedByName: swName });
  }
  return out;
}
