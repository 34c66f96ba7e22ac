/**
 * Concurrent planning: the court proceedings for the child and what the court's decision drives
 * (Concurrent planning guide, "Concurrent Planning": the child is looked after by dually approved
 * carers "whilst their future is decided by the court. … If the Court decides that the birth family
 * has shown that they are capable of meeting the child's needs … However, if the Court decides that
 * the plan to return the child to their birth family, is not safe and appropriate, … the foster
 * carers go on to adopt the child.").
 *
 * Each step is a pure decision over the facts: what the records must say afterwards (legal status,
 * the placement, the period of care), or every reason it cannot be taken. The SSDA903 codes are
 * those of the return (rules.md 3.5, 3.7, 3.8): C1 interim care order, E1 placement order, A5
 * placed for adoption under a placement order with the current foster carers, E4A returned home as
 * part of care planning, E11/E12 adopted.
 */
import { z } from 'zod';
import { compareDates, formatDate, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, optionalIsoDate, text, MAX_LONG_TEXT } from '../records/fields.ts';
import type { Ad1Row as Return903Ad1Row, PlacedAdoptionRow as Return903PlacedAdoptionRow } from '../ssda903/return-types.ts';
import { LS_ADOPTR_CODES, SEX_ADOPTR_CODES } from '../ssda903/return-codes.ts';
import { adopterProblems } from '../ssda903/record-rules.ts';

type Problem = { field: string; message: string };

/** The placement kinds a concurrent planning record is about. */
export const IN_SCOPE_KINDS: readonly string[] = ['concurrent_planning', 'fostering_for_adoption'];
export const isInScopeKind = (kind: string | null | undefined): boolean => kind !== null && kind !== undefined && IN_SCOPE_KINDS.includes(kind);

/** SSDA903 codes used by the steps. */
export const CODES = {
  interimCareOrder: 'C1',
  placementOrder: 'E1',
  placedForAdoptionWithFosterCarers: 'A5',
  returnedHome: 'E4A',
  placeChangeStatusOnly: 'PLACE',
  placeChangeCarePlan: 'CARPL',
} as const;

export const HEARING_KINDS = {
  case_management: 'Case management hearing',
  interim: 'Interim hearing',
  issues_resolution: 'Issues resolution hearing',
  final: 'Final hearing',
  other: 'Other hearing',
} as const;
export type HearingKind = keyof typeof HEARING_KINDS;

export const DECISIONS = {
  return_home: 'Return home to the birth family',
  placement_order: 'Placement order (the plan is adoption)',
  other: 'Another order or outcome',
} as const;
export type Decision = keyof typeof DECISIONS;

export const ADOPTION_REASONS = { E11: 'Adopted: application unopposed (E11)', E12: 'Adopted: consent dispensed with by the court (E12)' } as const;
export type AdoptionReason = keyof typeof ADOPTION_REASONS;

const yesNo = (label: string) =>
  z
    .union([z.boolean(), z.enum(['yes', 'no']), z.literal(''), z.null()], { error: `Select ${label}` })
    .optional()
    .transform((v) => (v === 'yes' || v === true ? true : v === 'no' || v === false ? false : null));

export const ProceedingsInput = z.object({
  court: text('the court'),
  caseNumber: text('the case number'),
  appliedOn: isoDate('the date of the application'),
  interimCareOrderOn: optionalIsoDate('the date of the interim care order'),
});
export type ProceedingsInput = z.output<typeof ProceedingsInput>;

export const HearingInput = z.object({
  heardOn: isoDate('the date of the hearing'),
  kind: oneOf(Object.keys(HEARING_KINDS) as [HearingKind, ...HearingKind[]], 'the kind of hearing'),
  outcome: text('the outcome of the hearing', MAX_LONG_TEXT),
});
export type HearingInput = z.output<typeof HearingInput>;

export const DecisionInput = z.object({
  decision: oneOf(Object.keys(DECISIONS) as [Decision, ...Decision[]], "the court's decision"),
  decidedOn: isoDate('the date of the decision'),
  decisionNotes: z.string().trim().max(MAX_LONG_TEXT).optional().default(''),
  returnedHomeOn: optionalIsoDate('the date the child went home'),
  carersContactAgreed: yesNo("whether the carers' continuing contact with the child was agreed"),
  carersContactPlan: z.string().trim().max(MAX_LONG_TEXT).optional().default(''),
});
export type DecisionInput = z.output<typeof DecisionInput>;

export const AdoptivePlacementInput = z.object({
  shouldBePlacedOn: isoDate("the date of the agency decision-maker's decision that the child should be placed for adoption"),
  placedForAdoptionOn: isoDate('the date the placement became an adoptive placement'),
  // Required: the return's AD1 gives every adoption item or none (rule 151), and matching comes before placement (331).
  matchedOn: isoDate('the date the child was matched with the adopters'),
});
export type AdoptivePlacementInput = z.output<typeof AdoptivePlacementInput>;

export const AdoptionOrderInput = z.object({
  adoptionOrderOn: isoDate('the date of the adoption order'),
  adoptionReason: oneOf(['E11', 'E12'], 'whether the application was unopposed or consent was dispensed with'),
  adoptersCount: z.coerce.number({ error: 'Select how many adopters there are' }).int().refine((n) => n === 1 || n === 2, { error: 'Select how many adopters there are' }),
  adoptersSex: oneOf(Object.keys(SEX_ADOPTR_CODES) as [string, ...string[]], "the adopters' genders"),
  adoptersLegalStatus: oneOf(Object.keys(LS_ADOPTR_CODES) as [string, ...string[]], "the adopters' legal status"),
});
export type AdoptionOrderInput = z.output<typeof AdoptionOrderInput>;

const notFuture = (d: IsoDate, today: IsoDate, field: string, label: string): Problem[] => (compareDates(d, today) > 0 ? [{ field, message: `${label} must be today or in the past` }] : []);

export function proceedingsProblems(input: ProceedingsInput, today: IsoDate): Problem[] {
  const problems = notFuture(input.appliedOn, today, 'appliedOn', 'The date of the application');
  if (input.interimCareOrderOn) {
    problems.push(...notFuture(input.interimCareOrderOn, today, 'interimCareOrderOn', 'The date of the interim care order'));
    if (compareDates(input.interimCareOrderOn, input.appliedOn) < 0) problems.push({ field: 'interimCareOrderOn', message: 'The date of the interim care order must be on or after the date of the application' });
  }
  return problems;
}

export function hearingProblems(input: HearingInput, proceedings: { appliedOn: IsoDate; decidedOn: IsoDate | null }, today: IsoDate): Problem[] {
  const problems = notFuture(input.heardOn, today, 'heardOn', 'The date of the hearing');
  if (compareDates(input.heardOn, proceedings.appliedOn) < 0) problems.push({ field: 'heardOn', message: 'The date of the hearing must be on or after the date of the application' });
  if (proceedings.decidedOn) problems.push({ field: 'heardOn', message: 'The court has decided: the proceedings are closed to new hearings' });
  return problems;
}

/** What the decision step needs to know of the child's records. */
export type DecisionFacts = {
  today: IsoDate;
  appliedOn: IsoDate;
  alreadyDecided: boolean;
  /** The legal status open on the decision day (or the return-home day), with its id. */
  openLegalStatus: { id: string; code: string; startDate: IsoDate } | null;
  /** The child's live concurrent planning or fostering for adoption placement. */
  placement: { id: string; startDate: IsoDate; endDate: IsoDate | null; placementType: string } | null;
};

/** What the records say after a decision. */
export type DecisionSteps =
  | { decision: 'return_home'; endLegalStatus: { id: string; on: IsoDate }; careEnding: { on: IsoDate; reason: string }; endPlacement: { id: string; on: IsoDate; reasonEnded: string } | null }
  | { decision: 'placement_order'; endLegalStatus: { id: string; on: IsoDate }; startLegalStatus: { code: string; on: IsoDate } }
  | { decision: 'other' };

/**
 * The court's decision. A return home ends the legal status and the period of care on the day the
 * child went home (SSDA903 REC E4A: returned home as part of care planning) and ends the placement
 * that day as planned (the ending rule accepts it: the child leaves care that day). A placement
 * order replaces the interim care order from the day of the decision (legal status E1). Another
 * outcome is recorded with its notes and changes nothing else.
 */
export function decisionSteps(input: DecisionInput, f: DecisionFacts): { problems: Problem[]; steps: DecisionSteps | null } {
  const problems: Problem[] = [];
  if (f.alreadyDecided) return { problems: [{ field: 'decision', message: "The court's decision is already recorded for these proceedings" }], steps: null };
  problems.push(...notFuture(input.decidedOn, f.today, 'decidedOn', 'The date of the decision'));
  if (compareDates(input.decidedOn, f.appliedOn) < 0) problems.push({ field: 'decidedOn', message: 'The date of the decision must be on or after the date of the application' });
  if (input.decision === 'return_home') {
    const home = input.returnedHomeOn;
    if (!home) problems.push({ field: 'returnedHomeOn', message: 'Enter the date the child went home' });
    else {
      problems.push(...notFuture(home, f.today, 'returnedHomeOn', 'The date the child went home'));
      if (compareDates(home, input.decidedOn) < 0) problems.push({ field: 'returnedHomeOn', message: 'The date the child went home must be on or after the date of the decision' });
      if (f.placement && compareDates(home, f.placement.startDate) <= 0) problems.push({ field: 'returnedHomeOn', message: `The date the child went home must be after the placement started on ${formatDate(f.placement.startDate)}` });
    }
    if (input.carersContactAgreed === null) problems.push({ field: 'carersContactAgreed', message: "Select whether the carers' continuing contact with the child was agreed" });
    if (input.carersContactAgreed && !input.carersContactPlan) problems.push({ field: 'carersContactPlan', message: "Enter the plan for the carers' continuing contact" });
    if (!f.openLegalStatus) problems.push({ field: 'decision', message: 'The child has no legal status open on that day: record the interim care order first' });
    else if (home && compareDates(home, f.openLegalStatus.startDate) <= 0) problems.push({ field: 'returnedHomeOn', message: `The date the child went home must be after the legal status ${f.openLegalStatus.code} started` });
    if (problems.length || !home || !f.openLegalStatus) return { problems, steps: null };
    return {
      problems,
      steps: {
        decision: 'return_home',
        endLegalStatus: { id: f.openLegalStatus.id, on: home },
        careEnding: { on: home, reason: CODES.returnedHome },
        endPlacement: f.placement && (f.placement.endDate === null || compareDates(f.placement.endDate, home) > 0) ? { id: f.placement.id, on: home, reasonEnded: CODES.placeChangeCarePlan } : null,
      },
    };
  }
  if (input.returnedHomeOn) problems.push({ field: 'returnedHomeOn', message: 'Only a return home has a date the child went home: leave it blank' });
  if (input.decision === 'placement_order') {
    if (!f.openLegalStatus) problems.push({ field: 'decision', message: 'The child has no legal status open on the day of the decision: record the interim care order first' });
    else if (f.openLegalStatus.code === CODES.placementOrder) problems.push({ field: 'decision', message: 'The child is already subject to a placement order' });
    else if (compareDates(input.decidedOn, f.openLegalStatus.startDate) <= 0) problems.push({ field: 'decidedOn', message: `The date of the decision must be after the legal status ${f.openLegalStatus.code} started` });
    if (problems.length || !f.openLegalStatus) return { problems, steps: null };
    return { problems, steps: { decision: 'placement_order', endLegalStatus: { id: f.openLegalStatus.id, on: input.decidedOn }, startLegalStatus: { code: CODES.placementOrder, on: input.decidedOn } } };
  }
  return { problems, steps: problems.length ? null : { decision: 'other' } };
}

/** What the adoptive-placement step needs. */
export type AdoptivePlacementFacts = {
  today: IsoDate;
  decision: Decision | null;
  decidedOn: IsoDate | null;
  alreadyPlaced: boolean;
  legalStatusOnDay: string | null;
  placement: { id: string; startDate: IsoDate; endDate: IsoDate | null; householdId: string; placementType: string; kind: string | null } | null;
};

/**
 * The placement becomes an adoptive placement on a recorded day, with the same carers: the foster
 * placement ends that day as a change of status only (REASON_PLACE_CHANGE PLACE, so no move) and the
 * adoptive placement (PLACE A5: placed for adoption under a placement order with the current foster
 * carers) starts that day. The fostering allowance stops that day and adoption support starts.
 */
export function adoptivePlacementSteps(input: AdoptivePlacementInput, f: AdoptivePlacementFacts) {
  const problems: Problem[] = [];
  if (f.decision !== 'placement_order' || !f.decidedOn) return { problems: [{ field: 'placedForAdoptionOn', message: "The court's placement order must be recorded first" }], steps: null };
  if (f.alreadyPlaced) return { problems: [{ field: 'placedForAdoptionOn', message: 'The day the placement became an adoptive placement is already recorded' }], steps: null };
  const on = input.placedForAdoptionOn;
  problems.push(...notFuture(on, f.today, 'placedForAdoptionOn', 'The date the placement became an adoptive placement'));
  problems.push(...notFuture(input.shouldBePlacedOn, f.today, 'shouldBePlacedOn', "The date of the decision that the child should be placed for adoption"));
  if (compareDates(input.shouldBePlacedOn, on) > 0) problems.push({ field: 'shouldBePlacedOn', message: 'The decision that the child should be placed for adoption comes on or before the day they are placed' });
  if (input.matchedOn && compareDates(input.matchedOn, on) > 0) problems.push({ field: 'matchedOn', message: 'The date the child was matched must be on or before the day they were placed for adoption' });
  if (compareDates(on, f.decidedOn) <= 0) problems.push({ field: 'placedForAdoptionOn', message: `The date the placement became an adoptive placement must be after the placement order of ${formatDate(f.decidedOn)} (an episode lasts at least a day)` });
  if (f.legalStatusOnDay !== CODES.placementOrder) problems.push({ field: 'placedForAdoptionOn', message: 'The child must be subject to the placement order (legal status E1) on that day' });
  if (!f.placement) problems.push({ field: 'placedForAdoptionOn', message: 'The child has no live concurrent planning or fostering for adoption placement to become an adoptive placement' });
  else if (compareDates(on, f.placement.startDate) <= 0 || (f.placement.endDate && compareDates(on, f.placement.endDate) >= 0)) {
    problems.push({ field: 'placedForAdoptionOn', message: 'The date the placement became an adoptive placement must fall within the current placement' });
  }
  if (problems.length || !f.placement) return { problems, steps: null };
  return {
    problems,
    steps: {
      endPlacement: { id: f.placement.id, on, reasonEnded: CODES.placeChangeStatusOnly },
      newPlacement: { householdId: f.placement.householdId, startDate: on, placementType: CODES.placedForAdoptionWithFosterCarers, kind: f.placement.kind },
      allowanceStoppedOn: on,
      adoptionSupportFrom: on,
    },
  };
}

/** What the adoption order step needs. */
export type AdoptionOrderFacts = {
  today: IsoDate;
  placedForAdoptionOn: IsoDate | null;
  adoptionOrderOn: IsoDate | null;
  openLegalStatus: { id: string; code: string } | null;
  adoptivePlacement: { id: string; endDate: IsoDate | null } | null;
};

/** The adoption order ends the period of care that day with reason E11 or E12, and the adoptive placement with it. */
export function adoptionOrderSteps(input: AdoptionOrderInput, f: AdoptionOrderFacts) {
  const problems: Problem[] = [];
  if (f.adoptionOrderOn) return { problems: [{ field: 'adoptionOrderOn', message: 'The adoption order is already recorded' }], steps: null };
  if (!f.placedForAdoptionOn) return { problems: [{ field: 'adoptionOrderOn', message: 'Record the day the placement became an adoptive placement first (SSDA903 needs a placement for adoption before an adoption)' }], steps: null };
  problems.push(...notFuture(input.adoptionOrderOn, f.today, 'adoptionOrderOn', 'The date of the adoption order'));
  // The adopters' number, genders and legal status agree, as the return's AD1 rules ask (511, 514, 517–520, 524).
  for (const p of adopterProblems({ numberOfAdopters: String(input.adoptersCount), sex: input.adoptersSex, legalStatus: input.adoptersLegalStatus })) {
    const aboutNumber = p.rule === null || p.rule === '511';
    problems.push({ field: aboutNumber ? 'adoptersSex' : 'adoptersLegalStatus', message: p.rule ? `${p.message} (SSDA903 rule ${p.rule})` : p.message });
  }
  if (compareDates(input.adoptionOrderOn, f.placedForAdoptionOn) <= 0) problems.push({ field: 'adoptionOrderOn', message: `The date of the adoption order must be after the child was placed for adoption on ${formatDate(f.placedForAdoptionOn)}` });
  if (!f.openLegalStatus || f.openLegalStatus.code !== CODES.placementOrder) problems.push({ field: 'adoptionOrderOn', message: 'The child must be subject to the placement order (legal status E1) until the adoption order' });
  if (!f.adoptivePlacement || (f.adoptivePlacement.endDate && compareDates(f.adoptivePlacement.endDate, input.adoptionOrderOn) < 0)) {
    problems.push({ field: 'adoptionOrderOn', message: 'The adoptive placement must still be live on the day of the adoption order' });
  }
  if (problems.length || !f.openLegalStatus || !f.adoptivePlacement) return { problems, steps: null };
  return {
    problems,
    steps: {
      endLegalStatus: { id: f.openLegalStatus.id, on: input.adoptionOrderOn },
      careEnding: { on: input.adoptionOrderOn, reason: input.adoptionReason },
      endPlacement: { id: f.adoptivePlacement.id, on: input.adoptionOrderOn, reasonEnded: CODES.placeChangeCarePlan },
    },
  };
}

/** The SSDA903 PlacedAdoption row (rules.md 3.2): the decision that the child should be placed for adoption. */
export type PlacedAdoptionRow = Return903PlacedAdoptionRow;
/** The SSDA903 AD1 row (rules.md 3.2). SEX_ADOPTR and LS_ADOPTR are blank for an adoption order recorded before they were asked. */
export type Ad1Row = Return903Ad1Row;

/**
 * The placed-for-adoption and adoption information for the return, from the proceedings: the
 * PlacedAdoption row once the decision that the child should be placed is recorded (it has not
 * ceased: the child was adopted, or is still placed), and the AD1 row once the adoption order is
 * recorded. FOSTER_CARE is 1: in concurrent planning and fostering for adoption the child is adopted
 * by the carers who fostered them.
 */
export function adoptionReturnRows(
  child: { reference: string; dateOfBirth: IsoDate },
  p: { shouldBePlacedOn: IsoDate | null; matchedOn: IsoDate | null; adoptionOrderOn: IsoDate | null; adoptersCount: number | null; adoptersSex?: string | null; adoptersLegalStatus?: string | null },
): { placedAdoption: PlacedAdoptionRow | null; ad1: Ad1Row | null } {
  const placedAdoption = p.shouldBePlacedOn ? { CHILD: child.reference, DOB: child.dateOfBirth, DATE_PLACED: p.shouldBePlacedOn, DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null } : null;
  const ad1 =
    p.adoptionOrderOn && p.shouldBePlacedOn
      ? { CHILD: child.reference, DOB: child.dateOfBirth, DATE_INT: p.shouldBePlacedOn, DATE_MATCH: p.matchedOn, FOSTER_CARE: '1' as const, NB_ADOPTR: String(p.adoptersCount ?? ''), SEX_ADOPTR: p.adoptersSex ?? null, LS_ADOPTR: p.adoptersLegalStatus ?? null }
      : null;
  return { placedAdoption, ad1 };
}
