import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { APPROVAL_STATUSES, MEMBER_KINDS, type ApprovalStatus, type MemberKind } from '../../domain/records/household.ts';
import { DateTime, Int, IsoDate, PagedItems, Uuid, describing } from '../responses.ts';

type S = Services['households'];
type Result<K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R> ? R : never;

/** A household's stored fields, with what the carers offer for matching. */
const householdFields = {
  id: Uuid,
  reference: z.string().meta({ description: 'Household reference, e.g. H00034' }),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  town: z.string(),
  postcode: z.string(),
  fosteringServiceId: Uuid.meta({ description: 'The organisation whose carers they are' }),
  supervisingSocialWorkerId: Uuid.nullable(),
  approvalStatus: z.enum(Object.keys(APPROVAL_STATUSES) as ApprovalStatus[]),
  approvalDate: IsoDate.nullable(),
  approvedChildren: Int.meta({ description: 'Approved number of children' }),
  ageMin: Int,
  ageMax: Int,
  placementKinds: z.array(z.string()).meta({ description: 'Kinds of placement approved for (terms of approval)' }),
  skillLevel: Int,
  languages: z.array(z.string()),
  faith: z.string().nullable(),
  experience: z.array(z.string()),
  preferences: z.array(z.string()),
  pets: z.boolean(),
  accessibleHome: z.boolean(),
  fullTimeCarer: z.boolean().meta({ description: 'One carer is available full-time during the fostering phase (concurrent planning, fostering for adoption)' }),
  returnAgreementSignedOn: IsoDate.nullable().meta({ description: 'The day the carers signed their agreement to support the plan to return a child to the birth family' }),
  cpSocialWorker: z.string().nullable().meta({ description: 'Their concurrent planning social worker' }),
  cpSupportGroup: z.string().nullable().meta({ description: 'The support group they attend' }),
  cpHelpline: z.string().nullable().meta({ description: 'The out-of-hours emergency helpline' }),
  notKnown: z.boolean().meta({ description: 'Kept for imported placements whose carers were not found in the carers’ register, until a person links them' }),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
};

export const HouseholdList = describing<Result<'list'>>()(
  PagedItems(
    z.object({
      ...householdFields,
      carers: z.array(z.object({ firstName: z.string(), lastName: z.string() })),
      supervisingSocialWorkerName: z.string().nullable(),
      childrenPlacedNow: Int,
    }),
  ),
);

/** A carer or another member of the household. */
export const HouseholdMember = describing<Result<'addMember'>>()(
  z.object({
    id: Uuid,
    householdId: Uuid,
    kind: z.enum(['carer', ...(Object.keys(MEMBER_KINDS) as MemberKind[])]),
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: IsoDate.nullable(),
    email: z.string().nullable(),
    position: Int.meta({ description: 'Order within the household' }),
  }),
);

/** An exemption from the usual fostering limit, with the children it names. */
export const Exemption = describing<Result<'addExemption'>>()(
  z.object({
    id: Uuid,
    householdId: Uuid,
    grantingAuthorityId: Uuid,
    grantingAuthorityName: z.string(),
    startDate: IsoDate,
    endDate: IsoDate.nullable(),
    conditions: z.string(),
    childIds: z.array(Uuid),
    children: z.array(z.object({ id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string() })),
    version: Int,
    createdAt: DateTime,
  }),
);

/** A household as GET gives it: carers, members, exemptions and the children placed there now. */
export const HouseholdView = describing<Result<'get'>>()(
  z.object({
    ...householdFields,
    fosteringServiceName: z.string(),
    supervisingSocialWorkerName: z.string().nullable(),
    carers: z.array(HouseholdMember),
    members: z.array(HouseholdMember),
    exemptions: z.array(Exemption),
    currentPlacements: z.array(
      z.object({
        placementId: Uuid,
        startDate: IsoDate,
        placementType: z.string().meta({ description: 'SSDA903 PLACE code' }),
        child: z.object({ id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: IsoDate }),
        placingAuthority: z.object({ id: Uuid, name: z.string() }),
        socialWorkerName: z.string().nullable(),
      }),
    ),
  }),
);
