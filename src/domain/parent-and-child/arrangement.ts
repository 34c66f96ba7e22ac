/**
 * A parent-and-child arrangement: the parent(s) and child(ren) placed together with one household,
 * and the legal scenario that decides which regulations' obligations apply to whom (Parent and child
 * fostering procedure, 2.1 to 2.4), and how the need arose (3.1 and 3.2).
 *
 * Who is in care is not typed in: where the person has a child record, it is derived from their legal
 * status on the day (a legal status in force = looked after); a family member who is not held as a
 * child record is in care only when recorded as looked after by another authority.
 */
import { ageOn, compareDates, formatDate, type IsoDate } from '../dates.ts';
import type { ArrivingPerson } from '../matching/types.ts';

export const LEGAL_SCENARIOS = {
  both_in_care: 'The parent and child are both in care (2.1)',
  parent_in_care: 'The parent is in care, but their child is not (2.2)',
  child_in_care: 'The parent is not in care, but their child is (2.3)',
} as const;
export type LegalScenario = keyof typeof LEGAL_SCENARIOS;

export const NEED_AROSE = {
  pre_birth_assessment: 'A pre-birth assessment',
  child_protection_conference: 'A Child Protection Conference recommended the placement to reduce the likelihood of significant harm to the child',
  court_order: 'A Court Order',
  older_child: 'An older child: another reason, for example the parent’s relationship with their partner has ended',
} as const;
export type NeedArose = keyof typeof NEED_AROSE;

/** The regulations an obligation comes from (Parent and child fostering procedure, 2.1 to 2.3). */
export const REGULATIONS = {
  care_planning: 'Care Planning, Placement and Case Review (England) Regulations 2010',
  fostering_services: 'The Fostering Services (England) Regulations 2011',
  placement_with_parent: 'Care Planning, Placement and Case Review (England) Regulations 2010 (Placement of child in care with parent)',
} as const;
export type Regulation = keyof typeof REGULATIONS;

export type PersonRole = 'parent' | 'child';

/** One person in the arrangement, as the rules read them. */
export type ArrangementPersonFacts = {
  role: PersonRole;
  name: string;
  dateOfBirth: IsoDate | null;
  /** In care on the day: derived from the child record's legal status, or the family member's "looked after by". */
  inCare: boolean;
};

export type ScenarioFacts = {
  scenario: LegalScenario;
  rationale: string;
  /** 2.3 with a parent under 18: the day they were assessed as not a child in need in their own right. */
  parentNotCinAssessedOn: IsoDate | null;
  people: readonly ArrangementPersonFacts[];
};

export type Problem = { field: string; message: string };

/** What each role must be, in care or not, for each scenario. */
const EXPECTED: Record<LegalScenario, Record<PersonRole, boolean>> = {
  both_in_care: { parent: true, child: true },
  parent_in_care: { parent: true, child: false },
  child_in_care: { parent: false, child: true },
};

const roleWord = (r: PersonRole) => (r === 'parent' ? 'parent' : 'child');

/** In care on `day` for a child record: a legal status in force that day. */
export function inCareOn(periods: readonly { startDate: IsoDate; endDate: IsoDate | null }[], day: IsoDate): boolean {
  return periods.some((p) => compareDates(p.startDate, day) <= 0 && (p.endDate === null || compareDates(p.endDate, day) > 0));
}

/**
 * Every way the recorded scenario does not fit the people on `day`: at least one parent and one
 * child; each parent and child in care, or not, as the scenario says (2.1, 2.2, 2.3); the rationale
 * given (2.4); in 2.1 and 2.2 a parent in care is under 18 (the procedure describes a looked-after
 * parent under 18); in 2.3 a parent under 18 has the date they were assessed as not a child in need.
 */
export function scenarioProblems(f: ScenarioFacts, day: IsoDate): Problem[] {
  const out: Problem[] = [];
  const parents = f.people.filter((p) => p.role === 'parent');
  const children = f.people.filter((p) => p.role === 'child');
  if (parents.length === 0) out.push({ field: 'people', message: 'Add the parent placed with the child' });
  if (children.length === 0) out.push({ field: 'people', message: 'Add the child placed with the parent' });
  if (!f.rationale.trim()) out.push({ field: 'scenarioRationale', message: 'Give the rationale for whether the parent, the child or both are in care (Parent and child fostering procedure, 2.4)' });
  const expected = EXPECTED[f.scenario];
  for (const p of f.people) {
    const want = expected[p.role];
    if (p.inCare !== want) {
      out.push({
        field: 'legalScenario',
        message: want
          ? `${p.name} is not in care on ${formatDate(day)}, but in this scenario the ${roleWord(p.role)} is in care: check their legal status or choose another scenario`
          : `${p.name} is in care on ${formatDate(day)}, but in this scenario the ${roleWord(p.role)} is not in care: choose another scenario`,
      });
    }
  }
  if (f.scenario === 'child_in_care') {
    const under18 = parents.filter((p) => p.dateOfBirth !== null && ageOn(p.dateOfBirth, day) < 18);
    if (under18.length && !f.parentNotCinAssessedOn) {
      out.push({
        field: 'parentNotCinAssessedOn',
        message: `${under18.map((p) => p.name).join(' and ')} is under 18: enter the date they were assessed as not a child in need in their own right (Parent and child fostering procedure, 2.3)`,
      });
    }
    if (f.parentNotCinAssessedOn && compareDates(f.parentNotCinAssessedOn, day) > 0) out.push({ field: 'parentNotCinAssessedOn', message: 'The date of the child in need assessment must be today or in the past' });
    for (const p of parents) if (p.dateOfBirth === null) out.push({ field: 'people', message: `Enter ${p.name}’s date of birth: a parent under 18 must have been assessed as not a child in need (Parent and child fostering procedure, 2.3)` });
  } else if (f.parentNotCinAssessedOn) {
    out.push({ field: 'parentNotCinAssessedOn', message: 'The child in need assessment date is for a parent who is not in care (2.3): leave it blank' });
  }
  return out;
}

/** What applies to one person: the regulations, whether they are fostered (a foster child of the household) or part of the fostering household. */
export type PersonObligations = {
  role: PersonRole;
  name: string;
  regulations: Regulation[];
  /** A foster child of the carers: takes a place and counts towards the fostering limit. */
  fostered: boolean;
  /** Part of the fostering household while placed (2.3: a parent not in care). */
  householdMember: boolean;
  /** The procedure's sentence this comes from. */
  source: string;
};

const SOURCES: Record<LegalScenario, Record<PersonRole, string>> = {
  both_in_care: {
    parent: 'Parent and child fostering procedure, 2.1: each will be subject to all the requirements of the Care Planning Regulations 2010 and the Fostering Services Regulations 2011',
    child: 'Parent and child fostering procedure, 2.1: each will be subject to all the requirements of the Care Planning Regulations 2010 and the Fostering Services Regulations 2011',
  },
  parent_in_care: {
    parent: 'Parent and child fostering procedure, 2.2: the requirements of the 2010 Care Planning Regulations will apply to both parent and child, but the 2011 Fostering Regulations will apply only to the parent',
    child: 'Parent and child fostering procedure, 2.2: the child is placed with the parent under the Care Planning Regulations 2010 (Placement of child in care with parent); the 2011 Fostering Regulations apply only to the parent',
  },
  child_in_care: {
    parent: 'Parent and child fostering procedure, 2.3: the regulations in relation to placement with parents will not apply, and the parent will be considered as part of the fostering household',
    child: 'Parent and child fostering procedure, 2.3: only the child will be subject to all the requirements of the 2010 Care Planning and 2011 Fostering Regulations',
  },
};

/** Which regulations' obligations apply to whom, by the scenario (the mapping in docs/rules/parent-and-child-legal-scenario.md). */
export function obligationsOf(scenario: LegalScenario, people: readonly Pick<ArrangementPersonFacts, 'role' | 'name'>[]): PersonObligations[] {
  return people.map((p) => {
    const source = SOURCES[scenario][p.role];
    if (scenario === 'both_in_care') return { role: p.role, name: p.name, regulations: ['care_planning', 'fostering_services'], fostered: true, householdMember: false, source };
    if (scenario === 'parent_in_care') {
      return p.role === 'parent'
        ? { role: p.role, name: p.name, regulations: ['care_planning', 'fostering_services'], fostered: true, householdMember: false, source }
        : { role: p.role, name: p.name, regulations: ['care_planning', 'placement_with_parent'], fostered: false, householdMember: false, source };
    }
    return p.role === 'parent'
      ? { role: p.role, name: p.name, regulations: [], fostered: false, householdMember: true, source }
      : { role: p.role, name: p.name, regulations: ['care_planning', 'fostering_services'], fostered: true, householdMember: false, source };
  });
}

/** How the need arose (3.1, 3.2): the date always; a document for the three mechanisms; the reason for an older child. */
export function needProblems(n: { needArose: NeedArose; needAroseOn: IsoDate; needDocumentId: string | null; needReason: string }, day: IsoDate): Problem[] {
  const out: Problem[] = [];
  if (compareDates(n.needAroseOn, day) > 0) out.push({ field: 'needAroseOn', message: 'The date the need arose must be today or in the past' });
  if (n.needArose === 'older_child' && !n.needReason.trim()) {
    out.push({ field: 'needReason', message: 'Give the reason for a placement with an older child, for example the parent’s relationship has ended and their ability to parent alone must be assessed (Parent and child fostering procedure, 3.2)' });
  }
  return out;
}

/** Whether someone in this role is a foster child of the carers in this scenario (takes a place, counts towards the fostering limit). */
export function fosteredIn(scenario: LegalScenario, role: PersonRole): boolean {
  return obligationsOf(scenario, [{ role, name: '' }])[0]?.fostered ?? true;
}

/** Someone of the arrangement who moves in with the children entering and takes a place of their own (a parent in care, 2.1 and 2.3). */
export type { ArrivingPerson };

/**
 * The arrangement as a placement entry sees it (matching and the placement gate both use this):
 * whether each child entering is fostered by the carers (a child not in care placed with their
 * parent who is takes no place, 2.2), and the arrangement's other foster children, not entering and
 * not yet placed, who arrive with them and take their places too (a parent in care arriving with
 * their baby, 2.1). Someone without a date of birth cannot be counted by age and is left out.
 */
export function entryOfArrangement(
  scenario: LegalScenario,
  people: readonly { id: string; role: PersonRole; name: string; childId: string | null; familyMemberId: string | null; placementId: string | null; dateOfBirth: IsoDate | null }[],
  entering: ReadonlySet<string>,
): { fostered: Map<string, boolean>; arriving: ArrivingPerson[] } {
  const obligations = obligationsOf(scenario, people);
  const fostered = new Map<string, boolean>();
  const arriving: ArrivingPerson[] = [];
  people.forEach((p, i) => {
    const isFostered = obligations[i]?.fostered ?? true;
    if (p.childId) fostered.set(p.childId, isFostered);
    if (isFostered && !p.placementId && !(p.childId && entering.has(p.childId)) && p.dateOfBirth) {
      arriving.push({ id: p.childId ?? p.familyMemberId ?? p.id, firstName: p.name.split(' ')[0] || p.name, dateOfBirth: p.dateOfBirth, role: p.role });
    }
  });
  return { fostered, arriving };
}
