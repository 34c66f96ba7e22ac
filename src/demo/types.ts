/**
 * The records of the demo authority, one type per table (./generate.ts makes them; ./events.ts,
 * ./profiles.ts and ./requests.ts add to them). Types only, so the generator's parts can share them
 * without importing one another.
 */
import type { Role } from '../domain/access/index.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { PlacementKind } from '../domain/records/household.ts';
import type { CarerPreference, NeedTag } from '../domain/records/placement-request.ts';
import type { CategoryOfNeed, EthnicityCode, LegalStatusCode, PlacementTypeCode } from '../domain/ssda903/codes.ts';

/** ofstedUrn: the fostering service's Ofsted URN; providerCode: agencies' PLACE_PROVIDER (PR4 private, PR5 voluntary). */
export type GenOrganisation = { id: string; kind: 'local_authority' | 'fostering_agency' | 'virtual_school' | 'adoption_agency'; name: string; laCode: string | null; ofstedUrn: string | null; providerCode: 'PR4' | 'PR5' | null };
export type GenTeam = { id: string; organisationId: string; name: string };
/** sweNumber: Social Work England registration (most social workers; SW_ID in the SSDA903 return). */
export type GenUser = { id: string; organisationId: string; teamId: string; lineManagerId: string | null; email: string; fullName: string; role: Role; isDemo: boolean; sweNumber: string | null };
export type GenContact = { id: string; fullName: string; role: string; organisationId: string | null; organisationName: string; email: string | null; phone: string | null };
export type GenChild = {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  sex: 'M' | 'F' | 'U';
  ethnicity: EthnicityCode;
  upn: string;
  responsibleAuthorityId: string;
  socialWorkerId: string | null;
  externalSocialWorkerId: string | null;
  categoryOfNeed: CategoryOfNeed;
  homePostcode: string | null;
  /** The independent reviewing officer (a user with role 'iro'); null for children of other authorities. */
  iroId: string | null;
  /** A care plan prepared for care proceedings (Children Act 1989 s31A) applies: no separate CPPCR care plan. */
  courtCarePlan: boolean;
  /** Unaccompanied asylum-seeking child, and when that status ceased (SSDA903 UASC file). */
  uasc: boolean;
  uascCeasedOn: IsoDate | null;
  /** Nicknames, previous and other names; parents and other relatives (see addOtherNames). */
  otherNames: { name: string; kind: 'nickname' | 'previous' | 'other' }[];
  familyMembers: { name: string; relationship: string }[];
};
export type GenLegalStatus = { id: string; childId: string; code: LegalStatusCode; startDate: IsoDate; endDate: IsoDate | null };
/** childId < siblingId (the table's CHECK), compared as lowercase UUID text. */
export type GenSiblingLink = { childId: string; siblingId: string };
export type GenHousehold = {
  id: string;
  reference: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  fosteringServiceId: string;
  supervisingSocialWorkerId: string | null;
  approvalStatus: 'in_assessment' | 'approved' | 'on_hold' | 'deregistered';
  approvalDate: IsoDate | null;
  approvedChildren: number;
  ageMin: number;
  ageMax: number;
  placementKinds: PlacementKind[];
  skillLevel: number;
  /** What the carers offer, for matching (./profiles.ts): English and perhaps a second language. */
  languages: string[];
  faith: string | null;
  /** NEED_TAGS codes (src/domain/records/placement-request.ts). */
  experience: NeedTag[];
  /** CARER_PREFERENCES codes; never both girls_only and boys_only. */
  preferences: CarerPreference[];
  pets: boolean;
  accessibleHome: boolean;
};
export type GenHouseholdMember = {
  id: string;
  householdId: string;
  kind: 'carer' | 'carer_child' | 'other_child' | 'other_adult';
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate | null;
  position: number;
  /** Carers only, most of them: at carers.example.test (./profiles.ts). */
  email: string | null;
};
export type GenExemption = { id: string; householdId: string; grantingAuthorityId: string; conditions: string; startDate: IsoDate; endDate: IsoDate | null; childIds: string[] };
export type GenPlacement = {
  id: string;
  childId: string;
  householdId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  placementType: PlacementTypeCode;
  status: 'active' | 'ended';
  /** One of the household's approved kinds, consistent with placementType (U1/U4 long_term, U5 fostering_for_adoption). */
  kind: PlacementKind;
  /** Placed in an emergency, out of hours (always so for kind 'emergency'). */
  emergency: boolean;
  outsideTermsOfApproval: boolean;
  intendedUntil18: boolean;
  connectedPerson: boolean;
  sixMonthlyVisitsAgreed: boolean;
  /** Parent-and-child placements: the agreed end of the initial assessment period (at most 28 days). */
  assessmentPeriodEndsOn: IsoDate | null;
  /** REASON_PLACE_CHANGE, on ended placements followed by another the same day. */
  reasonEnded: string | null;
};
/** Why a period of care ended (REC). */
export type GenCareEnding = { id: string; childId: string; endedOn: IsoDate; reason: string };
/** Missing (M) or away without authorisation (A), within a period of care. */
export type GenMissingEpisode = { id: string; childId: string; kind: 'M' | 'A'; startedOn: IsoDate; endedOn: IsoDate | null };
/** Who the child's social worker was, from when; reason (SW_REASON) on the closed ones. */
export type GenSocialWorkerEpisode = { id: string; childId: string; userId: string; swId: string; startedOn: IsoDate; endedOn: IsoDate | null; reason: string | null };
