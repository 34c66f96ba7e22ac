/**
 * What a person sends to record a parent-and-child arrangement and what comes before placing
 * (Parent and child fostering procedure, 2 to 4, 7.6, 7.7): one schema each, shared by pages and the API.
 */
import { z } from 'zod';
import { checkbox, isoDate, oneOf, optionalIsoDate, optionalText, optionalUuid, text, uuid, version, MAX_LONG_TEXT } from '../records/fields.ts';
import { LEGAL_SCENARIOS, NEED_AROSE, type LegalScenario, type NeedArose } from './arrangement.ts';
import { CONTINGENCY_OUTCOMES, type ContingencyOutcome } from './before-placing.ts';

const keys = <T extends string>(o: Record<T, unknown>) => Object.keys(o) as [T, ...T[]];

export const HEALTH_PROFESSIONALS = { health_visitor: 'Health visitor', midwife: 'Midwife', gp: 'GP' } as const;
export type HealthProfessional = keyof typeof HEALTH_PROFESSIONALS;

export const ADVOCACY_RESPONSES = { accepted: 'Accepted', declined: 'Declined' } as const;

/** One person placed: a child record (childId) or a family member (familyMemberId), as a parent or a child. */
export const ArrangementPersonInput = z
  .object({
    role: oneOf(['parent', 'child'], 'whether they are a parent or a child'),
    childId: optionalUuid('the child record'),
    familyMemberId: optionalUuid('the family member'),
  })
  .refine((p) => (p.childId === null) !== (p.familyMemberId === null), { error: 'Choose either a child record or a family member for each person', path: ['childId'] });

export const ArrangementInput = z.object({
  householdId: uuid('the household'),
  placementRequestId: optionalUuid('the placement request'),
  legalScenario: oneOf(keys<LegalScenario>(LEGAL_SCENARIOS), 'whether the parent, the child or both are in care'),
  scenarioRationale: text('the rationale for whether the parent, the child or both are in care', MAX_LONG_TEXT),
  parentNotCinAssessedOn: optionalIsoDate('the date the parent was assessed as not a child in need'),
  needArose: oneOf(keys<NeedArose>(NEED_AROSE), 'how the need for the placement arose'),
  needAroseOn: isoDate('the date the need arose'),
  needDocumentId: optionalUuid('the document'),
  needReason: optionalText('the reason', MAX_LONG_TEXT).transform((v) => v ?? ''),
  people: z.array(ArrangementPersonInput, { error: 'Add the parent and the child' }).min(2, { error: 'Add the parent and the child' }).max(8, { error: 'Add at most 8 people' }),
});
export type ArrangementInput = z.output<typeof ArrangementInput>;

export const SharingAgreementInput = z.object({
  whatShared: text('what information may be shared', MAX_LONG_TEXT),
  sharedWith: text('with whom it may be shared', MAX_LONG_TEXT),
  whenShared: text('when it may be shared', MAX_LONG_TEXT),
  howShared: text('how it may be shared', MAX_LONG_TEXT),
  agreedWithParentOn: isoDate('the date it was agreed with the parent'),
  childProtectionApplies: checkbox('whether child protection procedures are in effect'),
  chairName: optionalText('the name of the Child Protection Conference Chair'),
  chairConfirmedOn: optionalIsoDate('the date the chair confirmed the arrangements'),
});
export type SharingAgreementInput = z.output<typeof SharingAgreementInput>;

export const HealthObservationInput = z.object({
  professional: oneOf(keys<HealthProfessional>(HEALTH_PROFESSIONALS), 'the health professional'),
  professionalName: text('the name of the health professional'),
  observedOn: isoDate('the date of the observation'),
  observation: text('the observation', MAX_LONG_TEXT),
});
export type HealthObservationInput = z.output<typeof HealthObservationInput>;

export const AdvocacyOfferInput = z.object({
  personId: uuid('the parent offered advocacy'),
  offeredOn: isoDate('the date advocacy was offered'),
});
export type AdvocacyOfferInput = z.output<typeof AdvocacyOfferInput>;

export const AdvocacyAnswerInput = z.object({
  version,
  response: oneOf(['accepted', 'declined'], 'the parent’s answer'),
  respondedOn: isoDate('the date of the answer'),
  advocate: optionalText('the advocate'),
});
export type AdvocacyAnswerInput = z.output<typeof AdvocacyAnswerInput>;

export const ContingencyInput = z.object({
  outcome: oneOf(keys<ContingencyOutcome>(CONTINGENCY_OUTCOMES), 'the outcome the plan is for'),
  plan: text('the plan', MAX_LONG_TEXT),
});
export type ContingencyInput = z.output<typeof ContingencyInput>;

export const ExtraSupportInput = z.object({
  consideredOn: isoDate('the date the extra support was considered'),
  socialWorkerName: text('the child’s social worker'),
  supervisingSocialWorkerName: text('the supervising social worker'),
  forParent: text('the extra support considered for the parent', MAX_LONG_TEXT),
  forCarers: text('the extra support considered for the foster carers', MAX_LONG_TEXT),
});
export type ExtraSupportInput = z.output<typeof ExtraSupportInput>;

/** A family member's details (Parent and child fostering procedure, 4.3 for the advocacy need). */
export const FamilyMemberInput = z.object({
  version,
  name: text('their name', 100),
  dateOfBirth: optionalIsoDate('their date of birth'),
  phone: optionalText('their phone number', 40),
  email: optionalText('their e-mail address'),
  address: optionalText('their address', 500),
  postcode: optionalText('their postcode', 10),
  lookedAfterChildId: optionalUuid('their own child record'),
  lookedAfterBy: optionalText('who looks after them'),
  advocacyNeed: optionalText('their need for an advocate', MAX_LONG_TEXT),
});
export type FamilyMemberInput = z.output<typeof FamilyMemberInput>;
