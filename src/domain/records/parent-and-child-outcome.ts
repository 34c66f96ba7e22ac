/**
 * The outcome of a parent-and-child placement (Parent and child fostering procedure, 7.1 to 7.5) and
 * the changes it implies for each person placed: legal statuses, the SSDA903 reason an episode
 * ceased, placements ending (through the one ending gate, src/domain/placements/moves.ts
 * decideEnding) and placement requests through the normal request and matching.
 *
 * Success:
 * - 7.1: "the parent should be assisted by the professionals involved to plan their future family life" (the plan recorded);
 * - 7.2: "their child should be assessed for any needs for ongoing support (for example, through Early Help or as
 *   a Child in Need) through the Step Up, Step Down, Step Across procedure" (the referral recorded). A child in
 *   care stops being looked after on the day of the decision: their legal status ends and their care ends with
 *   the SSDA903 reason E4A (returned home to a person with parental responsibility, as part of care
 *   planning); their placement ends that day (allowed by the ending gate as "the child left care"), with
 *   the reason for placement change CARPL (implementation of the care plan);
 * - 7.3: "Where the parent is a young person in care, arrangements should be made with them and their child for a
 *   long-term fostering placement (if they are under 16) or for an appropriate independent living arrangement
 *   (only where the parent is 16 or 17)": checked against the parent's age on the day of the decision; a
 *   draft placement request is started for the parent;
 * - 7.4: "Where the parent is not in care, the professionals … should assist them to identify and engage with
 *   whichever services will be required" (the services recorded).
 *
 * Failure (7.5), "the parent cannot safely and successfully care for their child":
 * - a child already in care "will be removed to another foster placement": a draft placement request
 *   for them (the normal request and matching); their legal status does not change, and this placement
 *   ends when the next one is confirmed (a change of placement: the episode ends X1, the next starts P);
 * - a child not in care: "either the agreement of the parent will be sought for them to be placed under the
 *   care of the local authority (S20) … or the local authority will seek a Court Order": with the
 *   parent's agreement the child becomes looked after under section 20 (legal status V2) from the day it
 *   was given; with an interim care order granted, under it (C1) from the day it was granted; a court
 *   order only sought so far changes nothing yet. Either way the child is to be placed elsewhere: a draft
 *   placement request for them.
 */
import { z } from 'zod';
import { ageOn, compareDates, formatDate, type IsoDate } from '../dates.ts';
import { isoDate, oneOf, optionalIsoDate, optionalText, text, MAX_LONG_TEXT } from './fields.ts';

type Problem = { field: string; message: string };

export const OUTCOMES = { successful: 'Successful: the parent has shown the skills and capabilities required', unsuccessful: 'Unsuccessful: the parent cannot safely and successfully care for their child' } as const;
export type Outcome = keyof typeof OUTCOMES;
export const SUPPORT_ROUTES = { early_help: 'Early Help', child_in_need: 'Child in Need' } as const;
export type SupportRoute = keyof typeof SUPPORT_ROUTES;
export const PARENT_ROUTES = { long_term_fostering: 'A long-term fostering placement (parent under 16)', independent_living: 'An independent living arrangement (parent 16 or 17)' } as const;
export type ParentRoute = keyof typeof PARENT_ROUTES;
export const CHILD_ROUTES = { s20: "The parent's agreement to accommodation under section 20", court_order: 'A court order sought' } as const;
export type ChildRoute = keyof typeof CHILD_ROUTES;

const optionalOneOf = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.enum(values, { error: `Select ${label}` }), z.literal(''), z.null()], { error: `Select ${label}` })
    .optional()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const OutcomeInput = z.object({
  outcome: oneOf(Object.keys(OUTCOMES) as [Outcome, ...Outcome[]], 'the outcome'),
  decidedOn: isoDate('the day the outcome was decided'),
  reasons: text('the reasons', MAX_LONG_TEXT),
  familyLifePlan: optionalText('the plan for their future family life', MAX_LONG_TEXT),
  supportReferredOn: optionalIsoDate('the day of the Step Up, Step Down, Step Across referral'),
  supportRoute: optionalOneOf(Object.keys(SUPPORT_ROUTES) as [SupportRoute, ...SupportRoute[]], 'where the child was referred for ongoing support'),
  parentRoute: optionalOneOf(Object.keys(PARENT_ROUTES) as [ParentRoute, ...ParentRoute[]], "the parent's next arrangement"),
  servicesEngaged: optionalText('the services the parent will engage with', MAX_LONG_TEXT),
  childRoute: optionalOneOf(Object.keys(CHILD_ROUTES) as [ChildRoute, ...ChildRoute[]], 'how the child will be placed elsewhere'),
  s20AgreedOn: optionalIsoDate("the day the parent agreed to section 20 accommodation"),
  s20AgreedBy: optionalText('who agreed'),
  courtOrderSoughtOn: optionalIsoDate('the day the court order was applied for'),
  interimCareOrderOn: optionalIsoDate('the day the interim care order was granted'),
});
export type OutcomeInput = z.output<typeof OutcomeInput>;

/** A person placed, as the outcome needs them: their record (if Hearth holds one), age, care and current legal status. */
export type OutcomePerson = {
  role: 'parent' | 'child';
  name: string;
  /** Their child record, if Hearth holds one. */
  childId: string | null;
  dateOfBirth: IsoDate | null;
  inCare: boolean;
  /** Their own placement with the household, when in care. */
  placementId: string | null;
  /** Their legal status in force on the day (open, or ending on or after it). */
  legalStatus: { id: string; code: string } | null;
};

/** One change an outcome implies. */
export type OutcomeChange =
  | { kind: 'end_legal_status'; childId: string; legalStatusId: string; code: string; endOn: IsoDate; careEndedReason: 'E4A' }
  | { kind: 'end_placement'; childId: string; placementId: string; endOn: IsoDate; reasonEnded: 'CARPL' }
  | { kind: 'start_legal_status'; childId: string; code: 'V2' | 'C1'; startOn: IsoDate }
  | { kind: 'placement_request'; childId: string; why: string };

/** In words, for the page, the audit and the PDF. */
export function describeChange(c: OutcomeChange, names: ReadonlyMap<string, string>): string {
  const who = names.get(c.childId) ?? 'The child';
  switch (c.kind) {
    case 'end_legal_status':
      return `${who}: legal status ${c.code} ends on ${formatDate(c.endOn)}; care ends (SSDA903 reason episode ceased ${c.careEndedReason}: returned home to a person with parental responsibility, as part of care planning)`;
    case 'end_placement':
      return `${who}: this placement ends on ${formatDate(c.endOn)} (SSDA903 reason for placement change ${c.reasonEnded}: implementation of the care plan)`;
    case 'start_legal_status':
      return `${who}: becomes looked after with legal status ${c.code} (${c.code === 'V2' ? 'section 20 accommodation' : 'interim care order'}) from ${formatDate(c.startOn)}`;
    case 'placement_request':
      return `${who}: a placement request is started (${c.why})`;
  }
}

/**
 * May a parent in care have this arrangement, at their age on the day (7.3)? Long-term fostering only
 * under 16; an independent living arrangement only at 16 or 17. The problem in words, or null.
 */
export function parentRouteProblem(route: ParentRoute, dateOfBirth: IsoDate | null, on: IsoDate): string | null {
  if (!dateOfBirth) return "The parent's date of birth is not recorded: record it, so that their age on the day can be checked";
  const age = ageOn(dateOfBirth, on);
  if (route === 'long_term_fostering' && age >= 16) return `A long-term fostering placement is for a parent under 16: the parent is ${age} on ${formatDate(on)}`;
  if (route === 'independent_living' && (age < 16 || age > 17)) return `An independent living arrangement is only for a parent aged 16 or 17: the parent is ${age} on ${formatDate(on)}`;
  return null;
}

const inFuture = (d: IsoDate | null, today: IsoDate) => d !== null && compareDates(d, today) > 0;

/**
 * What an outcome needs and what it changes: every problem (with the field to fix), and the changes to
 * make when there are none. `people` are the arrangement's people (a placement recorded without one:
 * its child alone, in care). Pure.
 */
export function outcomeChanges(input: OutcomeInput, people: readonly OutcomePerson[], ctx: { today: IsoDate; placementStart: IsoDate }): { problems: Problem[]; changes: OutcomeChange[] } {
  const problems: Problem[] = [];
  const changes: OutcomeChange[] = [];
  const day = input.decidedOn;
  if (inFuture(day, ctx.today)) problems.push({ field: 'decidedOn', message: 'The day the outcome was decided must be today or in the past' });
  else if (compareDates(day, ctx.placementStart) < 0) problems.push({ field: 'decidedOn', message: 'The day the outcome was decided must be on or after the day the placement started' });
  const parents = people.filter((p) => p.role === 'parent');
  const children = people.filter((p) => p.role === 'child');
  const parentInCare = parents.find((p) => p.inCare) ?? null;

  if (input.outcome === 'successful') {
    if (!input.familyLifePlan) problems.push({ field: 'familyLifePlan', message: 'Enter the plan for their future family life (Parent and child fostering procedure, 7.1)' });
    if (!input.supportRoute) problems.push({ field: 'supportRoute', message: 'Select where the child was referred for ongoing support through Step Up, Step Down, Step Across (7.2)' });
    if (!input.supportReferredOn) problems.push({ field: 'supportReferredOn', message: 'Enter the day of the Step Up, Step Down, Step Across referral (7.2)' });
    else if (inFuture(input.supportReferredOn, ctx.today)) problems.push({ field: 'supportReferredOn', message: 'The day of the referral must be today or in the past' });
    if (parentInCare) {
      if (!input.parentRoute) problems.push({ field: 'parentRoute', message: "Select the parent's next arrangement: long-term fostering (under 16) or independent living (16 or 17) (7.3)" });
      else {
        const p = parentRouteProblem(input.parentRoute, parentInCare.dateOfBirth, day);
        if (p) problems.push({ field: 'parentRoute', message: p });
        else if (parentInCare.childId) changes.push({ kind: 'placement_request', childId: parentInCare.childId, why: PARENT_ROUTES[input.parentRoute] });
      }
    } else {
      if (!input.servicesEngaged) problems.push({ field: 'servicesEngaged', message: 'Enter the services the parent will engage with to support them and their child (7.4)' });
      if (input.parentRoute) problems.push({ field: 'parentRoute', message: 'The parent is not in care: leave their next arrangement blank and record the services they will engage with' });
    }
    for (const c of children.filter((x) => x.inCare && x.childId)) {
      if (c.legalStatus) changes.push({ kind: 'end_legal_status', childId: c.childId!, legalStatusId: c.legalStatus.id, code: c.legalStatus.code, endOn: day, careEndedReason: 'E4A' });
      if (c.placementId) changes.push({ kind: 'end_placement', childId: c.childId!, placementId: c.placementId, endOn: day, reasonEnded: 'CARPL' });
    }
    for (const f of ['childRoute', 's20AgreedOn', 'courtOrderSoughtOn', 'interimCareOrderOn'] as const) {
      if (input[f]) problems.push({ field: f, message: 'Section 20 and court orders are for an unsuccessful outcome: leave this blank' });
    }
    return { problems, changes: problems.length ? [] : changes };
  }

  // Unsuccessful (7.5).
  for (const c of children.filter((x) => x.inCare && x.childId)) {
    changes.push({ kind: 'placement_request', childId: c.childId!, why: 'to another foster placement (7.5)' });
  }
  const notInCare = children.filter((x) => !x.inCare);
  if (notInCare.length) {
    if (notInCare.some((c) => !c.childId)) {
      problems.push({ field: 'childRoute', message: "Hearth holds no record of the child who is not in care: add the child's record to the arrangement first, so that their legal status can be recorded" });
    }
    if (!input.childRoute) problems.push({ field: 'childRoute', message: "Select how the child will be placed elsewhere: the parent's agreement under section 20, or a court order (7.5)" });
    else if (input.childRoute === 's20') {
      if (!input.s20AgreedOn) problems.push({ field: 's20AgreedOn', message: 'Enter the day the parent agreed to section 20 accommodation' });
      else if (inFuture(input.s20AgreedOn, ctx.today)) problems.push({ field: 's20AgreedOn', message: 'The day the parent agreed must be today or in the past' });
      if (!input.s20AgreedBy) problems.push({ field: 's20AgreedBy', message: 'Enter who gave the agreement' });
      if (input.courtOrderSoughtOn || input.interimCareOrderOn) problems.push({ field: 'courtOrderSoughtOn', message: 'With the parent\'s agreement under section 20, leave the court order dates blank' });
      for (const c of notInCare.filter((x) => x.childId)) {
        if (input.s20AgreedOn) changes.push({ kind: 'start_legal_status', childId: c.childId!, code: 'V2', startOn: input.s20AgreedOn });
        changes.push({ kind: 'placement_request', childId: c.childId!, why: 'placed elsewhere under section 20 (7.5)' });
      }
    } else {
      if (!input.courtOrderSoughtOn) problems.push({ field: 'courtOrderSoughtOn', message: 'Enter the day the court order was applied for' });
      else if (inFuture(input.courtOrderSoughtOn, ctx.today)) problems.push({ field: 'courtOrderSoughtOn', message: 'The day the court order was applied for must be today or in the past' });
      if (input.interimCareOrderOn) {
        if (inFuture(input.interimCareOrderOn, ctx.today)) problems.push({ field: 'interimCareOrderOn', message: 'The day the interim care order was granted must be today or in the past' });
        else if (input.courtOrderSoughtOn && compareDates(input.interimCareOrderOn, input.courtOrderSoughtOn) < 0) problems.push({ field: 'interimCareOrderOn', message: 'The interim care order cannot be granted before it was applied for' });
      }
      if (input.s20AgreedOn || input.s20AgreedBy) problems.push({ field: 's20AgreedOn', message: 'With a court order sought, leave the section 20 agreement blank' });
      for (const c of notInCare.filter((x) => x.childId)) {
        if (input.interimCareOrderOn) {
          changes.push({ kind: 'start_legal_status', childId: c.childId!, code: 'C1', startOn: input.interimCareOrderOn });
          changes.push({ kind: 'placement_request', childId: c.childId!, why: 'placed elsewhere under an interim care order (7.5)' });
        }
      }
    }
  } else if (input.childRoute) {
    problems.push({ field: 'childRoute', message: 'The child is already in care: they move to another foster placement through a placement request; leave this blank' });
  }
  for (const f of ['familyLifePlan', 'supportReferredOn', 'supportRoute', 'parentRoute', 'servicesEngaged'] as const) {
    if (input[f]) problems.push({ field: f, message: 'This is for a successful outcome: leave it blank' });
  }
  return { problems, changes: problems.length ? [] : changes };
}

export const InterimCareOrderInput = z.object({ interimCareOrderOn: isoDate('the day the interim care order was granted') });
export type InterimCareOrderInput = z.output<typeof InterimCareOrderInput>;

/**
 * An interim care order granted after an unsuccessful outcome recorded with a court order only sought
 * (7.5): the outcome as if recorded with it, and the changes that adds (legal status C1 from the day it
 * was granted, and a placement request). Refused for any other outcome, or once one is recorded.
 */
export function interimCareOrderChanges(
  recorded: { outcome: Outcome; decidedOn: IsoDate; details: Readonly<Record<string, string>> },
  grantedOn: IsoDate,
  people: readonly OutcomePerson[],
  ctx: { today: IsoDate; placementStart: IsoDate },
): { problems: Problem[]; changes: OutcomeChange[] } {
  if (recorded.outcome !== 'unsuccessful' || recorded.details.childRoute !== 'court_order') {
    return { problems: [{ field: 'interimCareOrderOn', message: 'An interim care order is recorded here only after an unsuccessful outcome with a court order sought' }], changes: [] };
  }
  if (recorded.details.interimCareOrderOn) {
    return { problems: [{ field: 'interimCareOrderOn', message: `The interim care order is already recorded, granted on ${formatDate(recorded.details.interimCareOrderOn)}` }], changes: [] };
  }
  const input = OutcomeInput.parse({ ...recorded.details, outcome: recorded.outcome, decidedOn: recorded.decidedOn, interimCareOrderOn: grantedOn });
  return outcomeChanges(input, people, ctx);
}
