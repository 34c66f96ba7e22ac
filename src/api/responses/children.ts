import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { OTHER_NAME_KINDS, type OtherNameKind } from '../../domain/records/child.ts';
import { SEX_CODES } from '../../domain/ssda903/codes.ts';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../../domain/records/placement.ts';
import { DateTime, Int, IsoDate, PagedItems, Uuid, describing } from '../responses.ts';

type S = Services['children'];
type Result<K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R> ? R : never;

const Sex = z.enum(Object.keys(SEX_CODES) as (keyof typeof SEX_CODES)[]).meta({ description: 'SSDA903 SEX: M, F or U' });

const NameRecorded = z.boolean().meta({
  description: 'False while the name is the placeholder an import from the SSDA903 return gave ("Child" and the CHILD id): the return holds no names. Changing the name records it',
});

/** A child in a list, with who is allocated to them. */
export const ChildListItem = z.object({
  id: Uuid,
  reference: z.string().meta({ description: 'Child reference, e.g. C000123' }),
  firstName: z.string(),
  lastName: z.string(),
  nameRecorded: NameRecorded,
  dateOfBirth: IsoDate,
  age: Int.meta({ description: 'Age in whole years today' }),
  upn: z.string().meta({ description: 'Unique pupil number (or a UN code)' }),
  responsibleAuthorityId: Uuid,
  responsibleAuthorityName: z.string().nullable(),
  socialWorkerId: Uuid.nullable(),
  socialWorkerName: z.string().nullable(),
  iroId: Uuid.nullable(),
  iroName: z.string().nullable(),
  categoryOfNeed: z.string().meta({ description: 'SSDA903 CIN code, N1–N8' }),
  currentLegalStatus: z.string().nullable().meta({ description: 'SSDA903 LS code of the open legal status period' }),
});

export const ChildList = describing<Omit<Result<'list'>, 'filter'>>()(PagedItems(ChildListItem));

/** A child's stored fields, as made and changed. */
const childFields = {
  id: Uuid,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  nameRecorded: NameRecorded,
  dateOfBirth: IsoDate,
  sex: Sex,
  ethnicity: z.string().meta({ description: 'SSDA903 ETHNIC code' }),
  upn: z.string(),
  responsibleAuthorityId: Uuid,
  socialWorkerId: Uuid.nullable(),
  externalSocialWorkerId: Uuid.nullable().meta({ description: "An external contact: the child's social worker at another authority" }),
  iroId: Uuid.nullable(),
  categoryOfNeed: z.string(),
  homePostcode: z.string().nullable(),
  courtCarePlan: z.boolean(),
  uasc: z.boolean().meta({ description: 'Unaccompanied asylum-seeking child' }),
  uascCeasedOn: IsoDate.nullable(),
  isMother: z.boolean(),
  motherChildDob: IsoDate.nullable().meta({ description: "Date of birth of the mother's child" }),
  otherNames: z.array(z.object({ name: z.string(), kind: z.enum(Object.keys(OTHER_NAME_KINDS) as OtherNameKind[]) })).meta({ description: 'Nicknames, preferred and previous names' }),
  familyMembers: z
    .array(z.object({ id: Uuid.meta({ description: 'The family member: a person of their own, shared by siblings (GET /api/v1/family-members/{id})' }), name: z.string(), relationship: z.string() }))
    .meta({ description: "The child's parents and other relatives. Sending familyMembers (name and relationship) replaces the list: a name already on the child, or on a linked sibling, keeps that person" }),
  importedOn: IsoDate.nullable().meta({ description: 'The day the child was imported from an SSDA903 return (obligations due before it do not apply), or null' }),
  historyStartOn: IsoDate.nullable().meta({ description: 'For imported history: the DECOM of the first episode imported, when care began before it' }),
  historyStartRne: z.string().nullable().meta({ description: 'The RNE of that first episode as returned' }),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
};

export const ChildRecord = describing<Result<'create'>>()(z.object(childFields));

export const LegalStatus = describing<Result<'addLegalStatus'>>()(
  z.object({ id: Uuid, childId: Uuid, code: z.string().meta({ description: 'SSDA903 LS code' }), startDate: IsoDate, endDate: IsoDate.nullable() }),
);

export const MissingPeriod = describing<Result<'addMissing'>>()(
  z.object({
    id: Uuid,
    version: Int,
    kind: z.enum(['M', 'A']).meta({ description: 'M missing, A away without authorisation' }),
    childId: Uuid,
    startedOn: IsoDate,
    endedOn: IsoDate.nullable().meta({ description: 'null while it goes on' }),
    recordedBy: Uuid.nullable(),
    recordedAt: DateTime,
  }),
);

/** A child with everything the API shows of them (GET, and after a change). */
export const ChildView = describing<Result<'get'>>()(
  z.object({
    ...childFields,
    age: Int,
    responsibleAuthorityName: z.string().nullable(),
    socialWorkerName: z.string().nullable(),
    iroName: z.string().nullable(),
    legalStatuses: z.array(LegalStatus),
    currentLegalStatus: LegalStatus.nullable(),
    siblings: z.array(z.object({ id: Uuid, reference: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: IsoDate })),
    placements: z.array(
      z.object({
        id: Uuid,
        startDate: IsoDate,
        endDate: IsoDate.nullable(),
        placementType: z.string().meta({ description: 'SSDA903 PLACE code' }),
        status: z.enum(Object.keys(PLACEMENT_STATUSES) as PlacementStatus[]),
        householdId: Uuid,
        householdReference: z.string(),
        carers: z.string().nullable().describe("The carers' names, in the household's order"),
      }),
    ),
    careEndings: z.array(
      z.object({ id: Uuid, version: Int, childId: Uuid, endedOn: IsoDate, reason: z.string().meta({ description: 'SSDA903 REC code' }), recordedBy: Uuid.nullable(), recordedAt: DateTime }),
    ),
    missingPeriods: z.array(MissingPeriod),
    socialWorkerEpisodes: z.array(
      z.object({
        id: Uuid,
        childId: Uuid,
        userId: Uuid.nullable(),
        socialWorkerName: z.string().nullable(),
        swId: z.string().meta({ description: 'SSDA903 SW_ID' }),
        startedOn: IsoDate,
        endedOn: IsoDate.nullable(),
        reason: z.string().nullable().meta({ description: 'SSDA903 SW_REASON for the change' }),
        startReason: z.string().nullable().meta({ description: 'For the first imported episode: its SW_REASON as returned, when the episode before it was not imported' }),
        recordedAt: DateTime,
      }),
    ),
  }),
);

export const SiblingLinked = describing<Result<'linkSibling'>>()(z.object({ siblingId: Uuid }));
