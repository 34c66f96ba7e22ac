/**
 * The duty to consider a placement with dual-approved carers (Children Act 1989 s22C(9A)–(9B),
 * inserted by the Children and Families Act 2014 s2): where the local authority are considering
 * adoption for a child they look after, or are satisfied the child ought to be placed for adoption
 * but are not yet authorised to place, they must consider placing the child with a local authority
 * foster parent who has been approved as a prospective adopter (fostering for adoption, or
 * concurrent planning). Hearth records it as an obligation with a recorded decision.
 */
import type { ChildObligationDefinition } from './types.ts';
import { afterWorkingDays, childEvents, instance, isOnOrBefore } from './helpers.ts';
import { localTimescales } from './local-settings.ts';

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

export const earlyPermanenceConsideration: ChildObligationDefinition = {
  scope: 'child',
  id: 'early-permanence-consideration',
  title: 'Placement with dual-approved carers considered',
  get rule() {
    return (
      "When adoption is, or may become, the plan for a child in care, the local authority must consider placing the child with a foster parent who is also approved as a prospective adopter " +
      '(fostering for adoption or concurrent planning), once a placement with a relative, friend or other connected person has been considered and is not the most appropriate. ' +
      `The decision is recorded within ${days(localTimescales().earlyPermanenceWorkingDays)} (a local setting): the date, who decided, the outcome (refer to concurrent planning, fostering for adoption, or neither) and the reasons.`
    );
  },
  source: {
    ref: 'Children Act 1989 s22C(9A)–(9B) (inserted by the Children and Families Act 2014 s2)',
    detail:
      '(9A): applies where the local authority "are considering adoption for C, or are satisfied that C ought to be placed for adoption but are not authorised … to place C for adoption". ' +
      '(9B)(c): "where the local authority decide that a placement with such an individual [a connected person] is not the most appropriate placement for C, the local authority must consider placing C with a local authority foster parent who has been approved as a prospective adopter." ' +
      '(9C): not where the authority applied for a placement order and the application was refused.',
    confidence: 'V',
    url: 'https://www.legislation.gov.uk/ukpga/2014/6/section/2/enacted',
  },
  otherSources: [
    {
      ref: 'Concurrent planning guide, "Early Permanence - an introduction to Concurrent Planning"',
      detail:
        'The Children and Families Act 2014 "placed a duty on the local authority to consider placing a child with a foster parent who has also been approved as a prospective adopter where a placement with the family is not appropriate. Concurrent Planning is a tried and tested way of doing this".',
      confidence: 'V',
    },
  ],
  trigger: 'The child\'s permanence plan is recorded as including adoption, or that adoption may become the plan (an event "adoption_in_plan"): the first such record in the period of care.',
  get dueRule() {
    return (
      `${days(localTimescales().earlyPermanenceWorkingDays)} after the day adoption came into the plan (that day not counted; weekends and bank holidays skipped). ` +
      'The Act gives no time for the decision; the number of days is a local setting (EARLY_PERMANENCE_WORKING_DAYS, default 10).'
    );
  },
  get firstDue() {
    return { amount: localTimescales().earlyPermanenceWorkingDays, unit: 'working_days' as const, from: 'the day adoption came into the plan' };
  },
  responsibleRole: 'social_worker',
  completes: 'The decision is recorded (an event "early_permanence_considered") on or after the day adoption came into the plan.',
  notApplicableWhen: 'The child stopped being looked after before it fell due.',
  derive(facts, cal) {
    const inPlan = childEvents(facts, 'adoption_in_plan')[0];
    if (!inPlan) return [];
    const n = localTimescales().earlyPermanenceWorkingDays;
    const { due, explanation } = afterWorkingDays(inPlan.date, n, 'adoption came into the plan', cal);
    const decided = childEvents(facts, 'early_permanence_considered').find((e) => isOnOrBefore(inPlan.date, e.date));
    return [
      instance({
        obligationId: 'early-permanence-consideration',
        subjectType: 'child',
        subjectId: facts.childId,
        sequence: 1,
        childId: facts.childId,
        startedOn: inPlan.date,
        dueOn: due,
        completedOn: decided?.date ?? null,
        explanation,
      }),
    ];
  },
};
