/**
 * Drizzle table definitions. They mirror the SQL migrations in ./migrations, which are the
 * source of truth for the database (test/schema.test.ts checks the two agree).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, char, customType, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const organisation = pgTable('organisation', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<'local_authority' | 'fostering_agency' | 'virtual_school' | 'adoption_agency'>().notNull(),
  name: text('name').notNull(),
  laCode: char('la_code', { length: 3 }),
  ofstedUrn: text('ofsted_urn'),
  providerCode: text('provider_code'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const team = pgTable('team', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  name: text('name').notNull(),
});

export const appUser = pgTable('app_user', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull(),
  teamId: uuid('team_id'),
  lineManagerId: uuid('line_manager_id'),
  email: text('email').notNull(),
  fullName: text('full_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash'),
  active: boolean('active').notNull().default(true),
  isDemo: boolean('is_demo').notNull().default(false),
  sweNumber: text('swe_number'),
  /** The identity provider's subject claim, recorded at the first single sign-on (unique). */
  oidcSubject: text('oidc_subject'),
  /** The TOTP secret, encrypted; never shown again after enrolment. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: ts('totp_enabled_at'),
  /** The last 30-second time step a code was accepted for (a code is used once). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const userSession = pgTable('user_session', {
  sid: text('sid').primaryKey(),
  data: jsonb('data').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

export const apiToken = pgTable('api_token', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  tokenPrefix: text('token_prefix').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
  expiresAt: ts('expires_at').notNull(),
  scope: text('scope').notNull().default('read_write'),
});

export const externalContact = pgTable('external_contact', {
  id: uuid('id').primaryKey().defaultRandom(),
  fullName: text('full_name').notNull(),
  role: text('role').notNull(),
  organisationId: uuid('organisation_id'),
  organisationName: text('organisation_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const child = pgTable('child', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  dateOfBirth: day('date_of_birth').notNull(),
  sex: char('sex', { length: 1 }).$type<'M' | 'F' | 'U'>().notNull(),
  ethnicity: text('ethnicity').notNull(),
  upn: text('upn').notNull(),
  responsibleAuthorityId: uuid('responsible_authority_id').notNull(),
  socialWorkerId: uuid('social_worker_id'),
  externalSocialWorkerId: uuid('external_social_worker_id'),
  categoryOfNeed: char('category_of_need', { length: 2 }).notNull(),
  homePostcode: text('home_postcode'),
  courtCarePlan: boolean('court_care_plan').notNull().default(false),
  iroId: uuid('iro_id'),
  uasc: boolean('uasc').notNull().default(false),
  uascCeasedOn: day('uasc_ceased_on'),
  isMother: boolean('is_mother').notNull().default(false),
  motherChildDob: day('mother_child_dob'),
  /** Nicknames, preferred and previous names (migration 0008). */
  otherNames: jsonb('other_names').$type<ChildOtherName[]>().notNull().default([]),
  /** Parents and other relatives, by name and relationship (migration 0008). */
  /** Imported from an SSDA903 return on this day (migration 0026, ADR 0012). */
  /** False while the name is the import's placeholder ("Child <CHILD>"): src/domain/records/children-details.ts. */
  nameRecorded: boolean('name_recorded').notNull().default(true),
  importedOn: day('imported_on'),
  historyStartOn: day('history_start_on'),
  historyStartRne: text('history_start_rne'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const legalStatus = pgTable('legal_status', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  code: text('code').notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
});

/**
 * Each child's periods of care, kept by triggers on legal_status (migration 0060): the earliest day a
 * status begins, and the days some status is in force as a date multirange ("{[2020-01-01,2022-01-01)}"),
 * so that whether a child has left care by a day is a test of one row (leftCareBySql, src/data/repositories/children.ts).
 */
const dateMultirange = customType<{ data: string }>({ dataType: () => 'datemultirange' });
export const childCareSummary = pgTable('child_care_summary', {
  childId: uuid('child_id').primaryKey(),
  firstStart: day('first_start'),
  periods: dateMultirange('periods').notNull(),
});

export const siblingLink = pgTable(
  'sibling_link',
  { childId: uuid('child_id').notNull(), siblingId: uuid('sibling_id').notNull() },
  (t) => [primaryKey({ columns: [t.childId, t.siblingId] })],
);

export const household = pgTable('household', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  addressLine1: text('address_line1').notNull(),
  addressLine2: text('address_line2'),
  town: text('town').notNull(),
  postcode: text('postcode').notNull(),
  fosteringServiceId: uuid('fostering_service_id').notNull(),
  supervisingSocialWorkerId: uuid('supervising_social_worker_id'),
  approvalStatus: text('approval_status').$type<'in_assessment' | 'approved' | 'on_hold' | 'deregistered'>().notNull(),
  approvalDate: day('approval_date'),
  approvedChildren: integer('approved_children').notNull().default(1),
  ageMin: integer('age_min').notNull().default(0),
  ageMax: integer('age_max').notNull().default(17),
  placementKinds: text('placement_kinds').array().notNull().default(sql`'{}'`),
  skillLevel: integer('skill_level').notNull().default(1),
  languages: text('languages').array().notNull().default(sql`'{}'`),
  faith: text('faith'),
  experience: text('experience').array().notNull().default(sql`'{}'`),
  preferences: text('preferences').array().notNull().default(sql`'{}'`),
  pets: boolean('pets').notNull().default(false),
  accessibleHome: boolean('accessible_home').notNull().default(false),
  /** One carer looks after the child full-time during the fostering phase (concurrent planning, fostering for adoption). */
  fullTimeCarer: boolean('full_time_carer').notNull().default(false),
  /** The day the carers signed their agreement to support the plan to return a child to the birth family. */
  returnAgreementSignedOn: day('return_agreement_signed_on'),
  /** Their concurrent planning social worker, support group and out-of-hours helpline. */
  cpSocialWorker: text('cp_social_worker'),
  cpSupportGroup: text('cp_support_group'),
  cpHelpline: text('cp_helpline'),
  /** Kept for imported placements whose carers were not found in the carers' register (migration 0026). */
  notKnown: boolean('not_known').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const householdMember = pgTable('household_member', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  kind: text('kind').$type<'carer' | 'carer_child' | 'other_child' | 'other_adult'>().notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  dateOfBirth: day('date_of_birth'),
  position: integer('position').notNull().default(0),
  email: text('email'),
});

export const fosteringLimitExemption = pgTable('fostering_limit_exemption', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  grantingAuthorityId: uuid('granting_authority_id').notNull(),
  conditions: text('conditions').notNull().default(''),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
  childIds: uuid('child_ids').array().notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const placement = pgTable('placement', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  householdId: uuid('household_id').notNull(),
  startDate: day('start_date').notNull(),
  endDate: day('end_date'),
  placementType: text('placement_type').notNull(),
  status: text('status').$type<'planned' | 'active' | 'ended' | 'cancelled'>().notNull(),
  kind: text('kind').$type<'emergency' | 'short_term' | 'long_term' | 'short_breaks' | 'parent_and_child' | 'fostering_for_adoption' | 'concurrent_planning'>(),
  emergency: boolean('emergency').notNull().default(false),
  outsideTermsOfApproval: boolean('outside_terms_of_approval').notNull().default(false),
  intendedUntil18: boolean('intended_until_18').notNull().default(false),
  connectedPerson: boolean('connected_person').notNull().default(false),
  sixMonthlyVisitsAgreed: boolean('six_monthly_visits_agreed').notNull().default(false),
  assessmentPeriodEndsOn: day('assessment_period_ends_on'),
  reasonEnded: text('reason_ended'),
  provider: text('provider'),
  urn: text('urn'),
  emergencyAuthorisedBy: uuid('emergency_authorised_by'),
  emergencyAuthorisedAt: ts('emergency_authorised_at'),
  emergencyAuthorisedReason: text('emergency_authorised_reason'),
  /** The checks an emergency authorisation stood in for, as the gate stated them. */
  waivedChecks: jsonb('waived_checks').$type<PlacementCheck[]>().notNull().default([]),
  recordedLateReason: text('recorded_late_reason'),
  /** For a placement recorded after it began: every check it did not meet on the day it began. */
  entryBreaches: jsonb('entry_breaches').$type<PlacementCheck[]>().notNull().default([]),
  /** How its ending was allowed (src/domain/placements/moves.ts); null while it has no end. */
  endingBasis: text('ending_basis').$type<'care_plan' | 'leaving_care' | 'agreed_move' | 'urgent_move' | 'temporary' | 'status_change'>(),
  /** The agreed (or urgent) move request its ending went through. */
  moveRequestId: uuid('move_request_id'),
  /** Imported from an SSDA903 return on this day; PLACE_PROVIDER, URN and PL_POST as returned (migration 0026). */
  importedOn: day('imported_on'),
  plPost: text('pl_post'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A condition of the placement gate, as it was stated (domain/placements/entry.ts). */
export type PlacementCheck = { code: string; message: string; aboutChildId?: string };

export const auditEvent = pgTable('audit_event', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: ts('at').notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorLabel: text('actor_label').notNull(),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id'),
  correlationId: text('correlation_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  /** The row's place in the hash chain, the previous row's hash and its own (src/data/audit-chain.ts). */
  seq: bigint('seq', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
  /** How `hash` was made: 1 before migration 0057, 2 since (src/data/audit-chain.ts). */
  hashFormat: smallint('hash_format').notNull().default(1),
  /** The children whose data the answer showed. */
  childIds: uuid('child_ids').array().notNull().default(sql`'{}'`),
});

export const childEvent = pgTable('child_event', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  kind: text('kind').notNull(),
  eventDate: day('event_date').notNull(),
  placementId: uuid('placement_id'),
  aboutChildId: uuid('about_child_id'),
  periodEndsOn: day('period_ends_on'),
  participationCode: text('participation_code'),
  evidence: text('evidence').notNull().default(''),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const householdEvent = pgTable('household_event', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  kind: text('kind').notNull(),
  eventDate: day('event_date').notNull(),
  placementId: uuid('placement_id'),
  extendedUntil: day('extended_until'),
  evidence: text('evidence').notNull().default(''),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const placementRequest = pgTable('placement_request', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  childId: uuid('child_id').notNull(),
  status: text('status').$type<'draft' | 'submitted' | 'matching' | 'proposed' | 'confirmed' | 'withdrawn'>().notNull().default('draft'),
  urgency: text('urgency').$type<'emergency' | 'planned'>(),
  kind: text('kind').$type<'emergency' | 'short_term' | 'long_term' | 'short_breaks' | 'parent_and_child' | 'fostering_for_adoption' | 'concurrent_planning'>(),
  neededBy: day('needed_by'),
  siblingIds: uuid('sibling_ids').array().notNull().default(sql`'{}'`),
  needs: jsonb('needs').$type<Record<string, unknown>>().notNull().default({}),
  risks: jsonb('risks').$type<Record<string, unknown>>().notNull().default({}),
  childViews: jsonb('child_views').$type<Record<string, unknown>>().notNull().default({}),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const placementRequestStatus = pgTable('placement_request_status', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull(),
  status: text('status').notNull(),
  at: ts('at').notNull().defaultNow(),
  byUserId: uuid('by_user_id'),
  note: text('note').notNull().default(''),
});

export const placementProposal = pgTable('placement_proposal', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull(),
  householdId: uuid('household_id').notNull(),
  status: text('status').$type<'considering' | 'proposed' | 'confirmed' | 'withdrawn'>().notNull().default('considering'),
  proposedStart: day('proposed_start'),
  proposedBy: uuid('proposed_by'),
  proposedAt: ts('proposed_at'),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: ts('confirmed_at'),
  placementId: uuid('placement_id'),
  overrideBy: uuid('override_by'),
  overrideAt: ts('override_at'),
  overrideReason: text('override_reason'),
  withdrawnReason: text('withdrawn_reason'),
  createdAt: ts('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const proposalConsideration = pgTable('proposal_consideration', {
  id: uuid('id').primaryKey().defaultRandom(),
  proposalId: uuid('proposal_id').notNull(),
  existingChildId: uuid('existing_child_id').notNull(),
  role: text('role').$type<'placement_officer' | 'supervising_social_worker'>().notNull(),
  userId: uuid('user_id').notNull(),
  servesWellbeing: boolean('serves_wellbeing').notNull(),
  reasoning: text('reasoning').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const agreementRequirement = pgTable('agreement_requirement', {
  id: uuid('id').primaryKey().defaultRandom(),
  proposalId: uuid('proposal_id').notNull(),
  existingChildId: uuid('existing_child_id').notNull(),
  existingPlacementId: uuid('existing_placement_id').notNull(),
  placingAuthorityId: uuid('placing_authority_id').notNull(),
  socialWorkerUserId: uuid('social_worker_user_id'),
  socialWorkerContactId: uuid('social_worker_contact_id'),
  status: text('status').$type<'not_requested' | 'requested' | 'agreed' | 'declined'>().notNull().default('not_requested'),
  requestedAt: ts('requested_at'),
  requestedBy: uuid('requested_by'),
  remindersSent: integer('reminders_sent').notNull().default(0),
  lastReminderAt: ts('last_reminder_at'),
  escalatedAt: ts('escalated_at'),
  method: text('method').$type<'letter_or_email' | 'secure_link' | 'open_agreement'>(),
  respondedOn: day('responded_on'),
  responderName: text('responder_name'),
  responderEmail: text('responder_email'),
  responderRole: text('responder_role'),
  comments: text('comments'),
  documentId: uuid('document_id'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at'),
  version: integer('version').notNull().default(1),
  onBehalfReason: text('on_behalf_reason'),
  openAgreementId: uuid('open_agreement_id'),
  informedOn: day('informed_on'),
  specificConsentAsked: boolean('specific_consent_asked'),
  noticeSentAt: ts('notice_sent_at'),
  answeredAt: ts('answered_at'),
  answerSeenAt: ts('answer_seen_at'),
  answerSeenBy: uuid('answer_seen_by'),
});

export const agreementLink = pgTable('agreement_link', {
  id: uuid('id').primaryKey().defaultRandom(),
  requirementId: uuid('requirement_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  summary: text('summary').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const outboundEmail = pgTable('outbound_email', {
  id: uuid('id').primaryKey().defaultRandom(),
  toAddresses: text('to_addresses').array().notNull(),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  relatedType: text('related_type'),
  relatedId: uuid('related_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
  transport: text('transport').$type<'smtp' | 'outbox'>().notNull(),
  error: text('error'),
  /** The text as sent when it carries a secret (a secure link); body_text then has it masked. */
  bodySecret: text('body_secret'),
});

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const householdDocument = pgTable('household_document', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  category: text('category').$type<'concurrency' | 'approval' | 'review' | 'other'>().notNull(),
  title: text('title').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  content: bytea('content').notNull(),
  relatedType: text('related_type'),
  relatedId: uuid('related_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const careEnding = pgTable('care_ending', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  endedOn: day('ended_on').notNull(),
  reason: text('reason').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const missingEpisode = pgTable('missing_episode', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  kind: char('kind', { length: 1 }).$type<'M' | 'A'>().notNull(),
  startedOn: day('started_on').notNull(),
  endedOn: day('ended_on'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const socialWorkerEpisode = pgTable('social_worker_episode', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  userId: uuid('user_id'),
  swId: text('sw_id').notNull(),
  startedOn: day('started_on').notNull(),
  endedOn: day('ended_on'),
  reason: text('reason'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  /** SW_REASON of the first imported episode when the one before it was not imported (migration 0026). */
  startReason: text('start_reason'),
});

export const planningDocument = pgTable('planning_document', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  kind: text('kind')
    .$type<'carer_profile' | 'introductions' | 'ppm' | 'placement_plan' | 'care_plan' | 'risk_assessment' | 'delegated_authority' | 'support_plan' | 'psm'>()
    .notNull(),
  content: jsonb('content').$type<Record<string, unknown>>().notNull().default({}),
  issuedVersion: integer('issued_version').notNull().default(0),
  hasUnissuedChanges: boolean('has_unissued_changes').notNull().default(true),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const planningDocumentVersion = pgTable('planning_document_version', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull(),
  number: integer('number').notNull(),
  content: jsonb('content').$type<Record<string, unknown>>().notNull(),
  completedOn: day('completed_on').notNull(),
  completedBy: uuid('completed_by'),
  completedByName: text('completed_by_name').notNull(),
  sharedOn: day('shared_on'),
  sharedWith: text('shared_with'),
  acknowledgedOn: day('acknowledged_on'),
  acknowledgedBy: text('acknowledged_by'),
  acknowledgementNote: text('acknowledgement_note'),
  /** For a Placement Support Meeting: the initial support plan version reviewed at it. */
  reviewedVersionId: uuid('reviewed_version_id'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const placementConcern = pgTable('placement_concern', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  eventId: uuid('event_id').notNull(),
  whatWasSeen: text('what_was_seen').notNull(),
  raisedByRole: text('raised_by_role')
    .$type<'childs_social_worker' | 'supervising_social_worker' | 'foster_carer' | 'iro' | 'team_manager' | 'head_of_service' | 'virtual_school' | 'other'>()
    .notNull(),
  raisedByName: text('raised_by_name').notNull(),
  seriousness: text('seriousness').$type<'low' | 'medium' | 'high'>().notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const childDocument = pgTable('child_document', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  placementId: uuid('placement_id'),
  documentVersionId: uuid('document_version_id'),
  title: text('title').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  content: bytea('content').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const placementTask = pgTable('placement_task', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  sourceVersionId: uuid('source_version_id'),
  description: text('description').notNull(),
  ownerUserId: uuid('owner_user_id'),
  ownerName: text('owner_name').notNull(),
  dueOn: day('due_on').notNull(),
  completedOn: day('completed_on'),
  completedBy: uuid('completed_by'),
  note: text('note').notNull().default(''),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** An action of the Placement Stability Panel's decision on a referral. */
  panelReferralId: uuid('panel_referral_id'),
});

/** An in-principle ("open") concurrent placement agreement, recorded once on the existing placement (migration 0009). */
export const openAgreement = pgTable('open_agreement', {
  id: uuid('id').primaryKey().defaultRandom(),
  existingPlacementId: uuid('existing_placement_id').notNull(),
  existingChildId: uuid('existing_child_id').notNull(),
  householdId: uuid('household_id').notNull(),
  givenOn: day('given_on').notNull(),
  givenByName: text('given_by_name').notNull(),
  givenByRole: text('given_by_role').notNull(),
  onBehalfReason: text('on_behalf_reason'),
  documentId: uuid('document_id'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  withdrawnOn: day('withdrawn_on'),
  withdrawnReason: text('withdrawn_reason'),
  withdrawnBy: uuid('withdrawn_by'),
  version: integer('version').notNull().default(1),
});

/** One of a child's other names (child.other_names, migration 0008). */
export type ChildOtherName = { name: string; kind: 'nickname' | 'previous' | 'other' };

/** Which process is sending an SMTP message, until when (migration 0011: several instances on one database). */
export const outboundEmailClaim = pgTable('outbound_email_claim', {
  emailId: uuid('email_id').primaryKey(),
  claimId: uuid('claim_id').notNull(),
  claimedBy: text('claimed_by').notNull(),
  claimedAt: ts('claimed_at').notNull().defaultNow(),
  leaseUntil: ts('lease_until').notNull(),
});

/** @fastify/rate-limit counters shared by every process (migration 0011); `key` is a digest, never an address. */
export const rateLimitCounter = pgTable('rate_limit_counter', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowEndsAt: ts('window_ends_at').notNull(),
});

/** A manager's closure of an open obligation that can no longer be met (missed or not applicable). */
export const obligationClosure = pgTable('obligation_closure', {
  id: uuid('id').primaryKey().defaultRandom(),
  instanceId: text('instance_id').notNull(),
  obligationId: text('obligation_id').notNull(),
  childId: uuid('child_id'),
  householdId: uuid('household_id'),
  outcome: text('outcome').$type<'missed' | 'not_applicable'>().notNull(),
  reason: text('reason').notNull(),
  closedOn: day('closed_on').notNull(),
  closedBy: uuid('closed_by'),
  closedAt: ts('closed_at').notNull().defaultNow(),
});

/** The stored obligations (migration 0012, ADR 0007): the derivation's result per source, refreshed when a fact changes. */
export const obligation = pgTable('obligation', {
  id: text('id').notNull(),
  sourceType: text('source_type').$type<'child' | 'household'>().notNull(),
  sourceId: uuid('source_id').notNull(),
  obligationId: text('obligation_id').notNull(),
  subjectType: text('subject_type').$type<'child' | 'placement' | 'household'>().notNull(),
  subjectId: text('subject_id').notNull(),
  sequence: text('sequence').notNull(),
  childId: uuid('child_id'),
  startedOn: day('started_on').notNull(),
  dueOn: day('due_on').notNull(),
  completedOn: day('completed_on'),
  notApplicableReason: text('not_applicable_reason'),
  missedReason: text('missed_reason'),
  explanation: text('explanation').notNull(),
  /** The role the rule makes responsible (migration 0013). */
  responsibleRole: text('responsible_role').notNull(),
  /** The household concerned: the household itself, or the placement's household. */
  householdId: uuid('household_id'),
});

export const obligationNotComputed = pgTable('obligation_not_computed', {
  sourceType: text('source_type').$type<'child' | 'household'>().notNull(),
  sourceId: uuid('source_id').notNull(),
  reason: text('reason').notNull(),
});

/** Sources marked by triggers when a fact changes, waiting to be refreshed. */
export const obligationDirty = pgTable('obligation_dirty', {
  sourceType: text('source_type').$type<'child' | 'household'>().notNull(),
  sourceId: uuid('source_id').notNull(),
  markedAt: ts('marked_at').notNull().defaultNow(),
  /** Marked by a rebuild that emptied the stored rows: the source has none to delete (migration 0059). */
  noneStored: boolean('none_stored').notNull().default(false),
});

export const obligationState = pgTable('obligation_state', {
  singleton: boolean('singleton').primaryKey().default(true),
  rulesVersion: text('rules_version').notNull(),
  rebuiltAt: ts('rebuilt_at').notNull().defaultNow(),
});

/** Indexes of `obligation` dropped for a full rebuild, to create again when it ends (migration 0056). */
export const obligationIndexParked = pgTable('obligation_index_parked', {
  name: text('name').primaryKey(),
  definition: text('definition').notNull(),
  parkedAt: ts('parked_at').notNull().defaultNow(),
});

/** Files uploaded to import, kept from the dry run to the import (migration 0027). */
export const importUpload = pgTable('import_upload', {
  id: uuid('id').primaryKey().defaultRandom(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  files: jsonb('files').$type<ImportUploadFiles>().notNull(),
});
/** An import running in the background, or finished with its report (migration 0048). */
export const importJob = pgTable('import_job', {
  id: uuid('id').primaryKey().defaultRandom(),
  uploadId: uuid('upload_id').notNull(),
  dryRun: boolean('dry_run').notNull(),
  status: text('status').$type<'running' | 'done' | 'failed'>().notNull(),
  done: integer('done').notNull().default(0),
  total: integer('total').notNull().default(0),
  report: jsonb('report'),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type ImportUploadFiles = {
  current: { name: string; content: string }[];
  previous: { name: string; content: string }[];
  register: { name: string; content: string } | null;
  /** The children's details (names by CHILD); absent in uploads kept before it was asked for. */
  details?: { name: string; content: string } | null;
};

export const virtualSchoolConsultation = pgTable('virtual_school_consultation', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  virtualSchoolId: uuid('virtual_school_id').notNull(),
  contactId: uuid('contact_id'),
  consultedName: text('consulted_name').notNull(),
  consultedOn: day('consulted_on').notNull(),
  question: text('question').notNull(),
  advice: text('advice').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** A request to move a child from a placement, and its agreement (src/domain/placements/moves.ts). */
export type AlternativeOption = { option: string; suitable: boolean; why: string };
export const moveRequest = pgTable('move_request', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  urgent: boolean('urgent').notNull().default(false),
  reason: text('reason').notNull(),
  supportTried: text('support_tried').notNull(),
  virtualSchoolAdviceFrom: text('virtual_school_advice_from').notNull(),
  virtualSchoolAdvice: text('virtual_school_advice').notNull(),
  alternativesConsidered: text('alternatives_considered').notNull(),
  tellingPlan: text('telling_plan').notNull(),
  tellingConfirmedBySw: text('telling_confirmed_by_sw'),
  tellingConfirmedBySsw: text('telling_confirmed_by_ssw'),
  tellingConfirmedByCarers: text('telling_confirmed_by_carers'),
  safeguardingIssue: text('safeguarding_issue'),
  alternativeOptions: jsonb('alternative_options').$type<AlternativeOption[]>().notNull().default([]),
  status: text('status').$type<'requested' | 'agreed' | 'declined' | 'withdrawn'>().notNull().default('requested'),
  decidedThrough: text('decided_through').$type<'harp_panel' | 'head_of_service'>(),
  panelDate: day('panel_date'),
  panelChair: text('panel_chair'),
  decisionReason: text('decision_reason'),
  decidedBy: uuid('decided_by'),
  decidedByName: text('decided_by_name'),
  decidedAt: ts('decided_at'),
  requestedBy: uuid('requested_by'),
  requestedByName: text('requested_by_name').notNull(),
  requestedAt: ts('requested_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** A disruption (ending) meeting about an ended placement, with its learning for the household and the child. */
export const endingMeeting = pgTable('ending_meeting', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  householdId: uuid('household_id').notNull(),
  heldOn: day('held_on').notNull(),
  chair: text('chair').notNull(),
  attendees: text('attendees').notNull(),
  whatHappened: text('what_happened').notNull(),
  learningForHousehold: text('learning_for_household').notNull(),
  learningForChild: text('learning_for_child').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const stabilityPanelSitting = pgTable('stability_panel_sitting', {
  id: uuid('id').primaryKey().defaultRandom(),
  sitsOn: day('sits_on').notNull(),
  members: text('members').notNull(),
  virtualSchoolAttendee: text('virtual_school_attendee').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const stabilityPanelReferral = pgTable('stability_panel_referral', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  referredOn: day('referred_on').notNull(),
  reason: text('reason').notNull(),
  serviceSought: text('service_sought').notNull(),
  tried: text('tried').notNull(),
  supportPlanVersionId: uuid('support_plan_version_id'),
  referredBy: uuid('referred_by'),
  referredByName: text('referred_by_name').notNull(),
  sittingId: uuid('sitting_id'),
  status: text('status').$type<'referred' | 'on_agenda' | 'decided'>().notNull().default('referred'),
  serviceAgreed: text('service_agreed'),
  fundedBy: text('funded_by'),
  decision: text('decision'),
  reviewOn: day('review_on'),
  decidedOn: day('decided_on'),
  decidedByName: text('decided_by_name'),
  version: integer('version').notNull().default(1),
});

/** A parent or other relative of one or more children, as a person of their own (migration 0028). */
export const familyMember = pgTable('family_member', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  dateOfBirth: day('date_of_birth'),
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  postcode: text('postcode'),
  /** Their own record, when they are themselves a child in care held in Hearth. */
  lookedAfterChildId: uuid('looked_after_child_id'),
  /** By whom they are looked after, when Hearth does not hold their record. */
  lookedAfterBy: text('looked_after_by'),
  /** A learning disability or other need for an advocate (Parent and child fostering procedure, 4.3). */
  advocacyNeed: text('advocacy_need'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Which children a family member is family of, and as what ("mother"), in the child's order (migration 0028). */
export const childFamilyMember = pgTable(
  'child_family_member',
  {
    childId: uuid('child_id').notNull(),
    familyMemberId: uuid('family_member_id').notNull(),
    relationship: text('relationship').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.childId, t.familyMemberId] })],
);

export type ParentChildScenario = 'both_in_care' | 'parent_in_care' | 'child_in_care';
export type ParentChildNeedArose = 'pre_birth_assessment' | 'child_protection_conference' | 'court_order' | 'older_child';

/** Parent(s) and child(ren) placed together with one household (migration 0028; Parent and child fostering procedure, 2–3). */
export const parentChildArrangement = pgTable('parent_child_arrangement', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  householdId: uuid('household_id').notNull(),
  placementRequestId: uuid('placement_request_id'),
  status: text('status').$type<'planned' | 'active' | 'ended' | 'cancelled'>().notNull().default('planned'),
  startDate: day('start_date'),
  endDate: day('end_date'),
  legalScenario: text('legal_scenario').$type<ParentChildScenario>().notNull(),
  scenarioRationale: text('scenario_rationale').notNull(),
  parentNotCinAssessedOn: day('parent_not_cin_assessed_on'),
  needArose: text('need_arose').$type<ParentChildNeedArose>().notNull(),
  needAroseOn: day('need_arose_on').notNull(),
  needDocumentId: uuid('need_document_id'),
  needReason: text('need_reason').notNull().default(''),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One person placed in a parent-and-child arrangement: a child record or a family member; their own placement when in care. */
export const parentChildArrangementPerson = pgTable('parent_child_arrangement_person', {
  id: uuid('id').primaryKey().defaultRandom(),
  arrangementId: uuid('arrangement_id').notNull(),
  role: text('role').$type<'parent' | 'child'>().notNull(),
  childId: uuid('child_id'),
  familyMemberId: uuid('family_member_id'),
  inCare: boolean('in_care').notNull(),
  placementId: uuid('placement_id'),
  position: integer('position').notNull().default(0),
});

/** Whether the foster carers and the child's keyworker attended a looked-after review (migration 0038). */
export const reviewAttendance = pgTable('review_attendance', {
  eventId: uuid('event_id').primaryKey(),
  carers: text('carers').$type<'attended' | 'feedback_only' | 'did_not_attend' | 'not_placed'>().notNull(),
  keyworker: text('keyworker').$type<'attended' | 'feedback_only' | 'did_not_attend' | 'no_keyworker'>().notNull(),
  note: text('note').notNull().default(''),
});

/** A fostering rate card, in force from its date until the next (migration 0036; Parent and child fostering procedure, 8.1). Never changed once entered. */
export const rateCard = pgTable('rate_card', {
  id: uuid('id').primaryKey().defaultRandom(),
  effectiveFrom: day('effective_from').notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdByName: text('created_by_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A rate card's all-inclusive allowance a week for an age band (to_age null: and over). */
export const rateCardAllowance = pgTable(
  'rate_card_allowance',
  {
    rateCardId: uuid('rate_card_id').notNull(),
    fromAge: integer('from_age').notNull(),
    toAge: integer('to_age'),
    weeklyPence: integer('weekly_pence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rateCardId, t.fromAge] })],
);

/** A rate card's skills fee a week for a skill level. */
export const rateCardSkillsFee = pgTable(
  'rate_card_skills_fee',
  {
    rateCardId: uuid('rate_card_id').notNull(),
    level: integer('level').notNull(),
    weeklyPence: integer('weekly_pence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rateCardId, t.level] })],
);

/** A request to the child-care team to fund the allowance of a child placed who is not in care (migration 0036; procedure, 8.5). */
export const allowanceRequest = pgTable('allowance_request', {
  id: uuid('id').primaryKey().defaultRandom(),
  arrangementId: uuid('arrangement_id').notNull(),
  arrangementPersonId: uuid('arrangement_person_id').notNull(),
  requestedOn: day('requested_on').notNull(),
  requestedOf: text('requested_of').notNull(),
  requestNote: text('request_note').notNull().default(''),
  requestedBy: uuid('requested_by'),
  requestedByName: text('requested_by_name').notNull(),
  answer: text('answer').$type<'agreed' | 'refused'>(),
  answeredOn: day('answered_on'),
  answeredByName: text('answered_by_name'),
  budgetCode: text('budget_code'),
  answerNote: text('answer_note').notNull().default(''),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** No Level 4 household of the authority's own for a parent-and-child request, and the search outside the area (migration 0037; procedure, 6.3). */
export const sufficiencySearch = pgTable('sufficiency_search', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementRequestId: uuid('placement_request_id').notNull(),
  noneInAreaOn: day('none_in_area_on').notNull(),
  inAreaLevel4Households: integer('in_area_level4_households').notNull(),
  inAreaEligibleHouseholds: integer('in_area_eligible_households').notNull(),
  whyNoneSuitable: text('why_none_suitable').notNull(),
  outcome: text('outcome').$type<'searching' | 'found_outside' | 'none_found'>().notNull().default('searching'),
  outcomeOn: day('outcome_on'),
  foundOrganisationId: uuid('found_organisation_id'),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One agency or other authority asked for a parent-and-child placement, and its answer (migration 0037). */
export const sufficiencyEnquiry = pgTable('sufficiency_enquiry', {
  id: uuid('id').primaryKey().defaultRandom(),
  searchId: uuid('search_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  askedOn: day('asked_on').notNull(),
  answer: text('answer').$type<'awaiting' | 'offered' | 'no_vacancy' | 'declined'>().notNull().default('awaiting'),
  answeredOn: day('answered_on'),
  answerDetail: text('answer_detail').notNull().default(''),
  recordedByName: text('recorded_by_name').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Concurrent planning: a child's contact plan with their birth family (migration 0032). */
export const contactPlan = pgTable('contact_plan', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  startsOn: day('starts_on').notNull(),
  endsOn: day('ends_on'),
  sessionsPerWeek: integer('sessions_per_week').notNull(),
  supervisor: text('supervisor').notNull(),
  venue: text('venue').notNull(),
  transport: text('transport').notNull(),
  whoAttends: text('who_attends').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** One contact session under a contact plan: held, missed or cancelled (migration 0032). */
export const contactSession = pgTable('contact_session', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  planId: uuid('plan_id').notNull(),
  sessionDate: day('session_date').notNull(),
  outcome: text('outcome').$type<'took_place' | 'missed' | 'cancelled'>().notNull(),
  whoAttended: text('who_attended').notNull().default(''),
  handoverAtStartByCarers: boolean('handover_at_start_by_carers'),
  handoverAtEndByCarers: boolean('handover_at_end_by_carers'),
  observations: text('observations').notNull().default(''),
  cancelledBy: text('cancelled_by').$type<'parents' | 'carers' | 'local_authority' | 'supervisor' | 'court' | 'other'>(),
  notHeldReason: text('not_held_reason').notNull().default(''),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Concurrent planning: court proceedings for a child, the decision and what followed (migration 0033). */
export const courtProceedings = pgTable('court_proceedings', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  court: text('court').notNull(),
  caseNumber: text('case_number').notNull(),
  appliedOn: day('applied_on').notNull(),
  interimCareOrderOn: day('interim_care_order_on'),
  finalHearingOn: day('final_hearing_on'),
  decision: text('decision').$type<'return_home' | 'placement_order' | 'other'>(),
  decidedOn: day('decided_on'),
  decisionNotes: text('decision_notes').notNull().default(''),
  returnedHomeOn: day('returned_home_on'),
  carersContactAgreed: boolean('carers_contact_agreed'),
  carersContactPlan: text('carers_contact_plan').notNull().default(''),
  shouldBePlacedOn: day('should_be_placed_on'),
  placedForAdoptionOn: day('placed_for_adoption_on'),
  adoptivePlacementId: uuid('adoptive_placement_id'),
  allowanceStoppedOn: day('allowance_stopped_on'),
  adoptionSupportFrom: day('adoption_support_from'),
  matchedOn: day('matched_on'),
  adoptionOrderOn: day('adoption_order_on'),
  adoptionReason: text('adoption_reason').$type<'E11' | 'E12'>(),
  adoptersCount: integer('adopters_count'),
  adoptersSex: text('adopters_sex'),
  adoptersLegalStatus: text('adopters_legal_status'),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const courtHearing = pgTable('court_hearing', {
  id: uuid('id').primaryKey().defaultRandom(),
  proceedingsId: uuid('proceedings_id').notNull(),
  childId: uuid('child_id').notNull(),
  heardOn: day('heard_on').notNull(),
  kind: text('kind').$type<'case_management' | 'interim' | 'issues_resolution' | 'final' | 'other'>().notNull(),
  outcome: text('outcome').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** After adoption: the agreed arrangements for future contact with the birth family (migration 0033). */
export const futureContact = pgTable('future_contact', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  kind: text('kind').$type<'letterbox' | 'direct'>().notNull(),
  frequency: text('frequency').notNull(),
  arrangements: text('arrangements').notNull(),
  agreedOn: day('agreed_on').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** One side of a future contact arrangement: the birth family's or the adopters' details, kept apart. */
export const futureContactParty = pgTable('future_contact_party', {
  id: uuid('id').primaryKey().defaultRandom(),
  futureContactId: uuid('future_contact_id').notNull(),
  side: text('side').$type<'birth_family' | 'adopters'>().notNull(),
  names: text('names').notNull(),
  contactDetails: text('contact_details').notNull(),
});

/** The carers' reporting schedule set by a parent-and-child placement plan (migration 0034; Parent and child fostering procedure, 5.1). */
export const parentChildReportSchedule = pgTable('parent_child_report_schedule', {
  placementId: uuid('placement_id').primaryKey(),
  childId: uuid('child_id').notNull(),
  frequency: text('frequency').$type<'weekly' | 'fortnightly' | 'four_weekly'>().notNull(),
  firstDueOn: day('first_due_on').notNull(),
  planVersionId: uuid('plan_version_id'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A carers' report on a parent-and-child placement: received, and read by the child's social worker (migration 0034). */
export const parentChildCarerReport = pgTable('parent_child_carer_report', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  dueOn: day('due_on').notNull(),
  receivedOn: day('received_on').notNull(),
  receivedFrom: text('received_from').notNull(),
  summary: text('summary').notNull(),
  readOn: day('read_on'),
  readBy: uuid('read_by'),
  recordedBy: uuid('recorded_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type ParentChildReviewDecision = 'extend' | 'end_successful' | 'end_unsuccessful';

/** A placement review of a parent-and-child assessment period (migration 0034; Parent and child fostering procedure, 5.2–5.3). */
export const parentChildReview = pgTable('parent_child_review', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  heldOn: day('held_on').notNull(),
  attendees: jsonb('attendees').$type<{ name: string; role: string }[]>().notNull().default(sql`'[]'::jsonb`),
  progress: jsonb('progress').$type<{ capability: string; rating: string; evidence: string }[]>().notNull().default(sql`'[]'::jsonb`),
  decision: text('decision').$type<ParentChildReviewDecision>().notNull(),
  periodEndsOn: day('period_ends_on'),
  reasons: text('reasons').notNull(),
  eventId: uuid('event_id'),
  documentId: uuid('document_id'),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The carers' reports a review considered (migration 0034). */
export const parentChildReviewReport = pgTable(
  'parent_child_review_report',
  {
    reviewId: uuid('review_id').notNull(),
    reportId: uuid('report_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.reportId] })],
);

/** The outcome of a parent-and-child placement and the changes it implied (migration 0035; Parent and child fostering procedure, 7). */
export const parentChildOutcome = pgTable('parent_child_outcome', {
  id: uuid('id').primaryKey().defaultRandom(),
  placementId: uuid('placement_id').notNull(),
  childId: uuid('child_id').notNull(),
  reviewId: uuid('review_id'),
  outcome: text('outcome').$type<'successful' | 'unsuccessful'>().notNull(),
  decidedOn: day('decided_on').notNull(),
  details: jsonb('details').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  changes: jsonb('changes').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
  placementRequestId: uuid('placement_request_id'),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The day a parent-and-child assessment ended with its outcome, per placement of the arrangement (migration 0035). */
export const parentChildAssessmentEnd = pgTable('parent_child_assessment_end', {
  placementId: uuid('placement_id').primaryKey(),
  childId: uuid('child_id').notNull(),
  outcomeId: uuid('outcome_id').notNull(),
  endedOn: day('ended_on').notNull(),
});

/** The decision on the duty to consider a placement with dual-approved carers (Children Act 1989 s22C(9A)–(9B)). */
export const earlyPermanenceDecision = pgTable('early_permanence_decision', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id').notNull(),
  eventId: uuid('event_id').notNull(),
  decidedOn: day('decided_on').notNull(),
  decidedByName: text('decided_by_name').notNull(),
  decidedByRole: text('decided_by_role').notNull(),
  outcome: text('outcome').$type<'concurrent_planning' | 'fostering_for_adoption' | 'neither'>().notNull(),
  reasons: text('reasons').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull(),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** A household's approval as prospective adopters, beside its fostering approval. */
export const adoptionApproval = pgTable('adoption_approval', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  agencyId: uuid('agency_id'),
  panelDate: day('panel_date'),
  decisionDate: day('decision_date'),
  status: text('status').$type<'in_assessment' | 'approved' | 'on_hold' | 'withdrawn'>().notNull(),
  endedOn: day('ended_on'),
  reviewDate: day('review_date'),
  fromFormerTick: boolean('from_former_tick').notNull().default(false),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** Preparation, training, assessment and support sessions of prospective concurrent carers. */
export const carerJourneySession = pgTable('carer_journey_session', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdId: uuid('household_id').notNull(),
  kind: text('kind').$type<'preparation' | 'training' | 'assessment' | 'support_group' | 'post_approval_training'>().notNull(),
  heldOn: day('held_on').notNull(),
  title: text('title').notNull(),
  attended: text('attended').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** An early enquiry or a referral to a concurrent planning service. */
export const cpReferral = pgTable('cp_referral', {
  id: uuid('id').primaryKey().defaultRandom(),
  reference: text('reference').notNull(),
  childId: uuid('child_id'),
  serviceId: uuid('service_id'),
  status: text('status').$type<'enquiry' | 'draft' | 'sent' | 'accepted' | 'declined' | 'carers_identified' | 'placed' | 'closed'>().notNull(),
  expectedBirthDate: day('expected_birth_date'),
  siblings: text('siblings').notNull().default(''),
  circumstances: text('circumstances').notNull().default(''),
  referralDate: day('referral_date'),
  criteria: jsonb('criteria').$type<Record<string, { answer: 'yes' | 'no' | 'not_applicable'; evidence: string }>>().notNull().default({}),
  exceptionReason: text('exception_reason'),
  sentOn: day('sent_on'),
  decidedOn: day('decided_on'),
  declineReason: text('decline_reason'),
  placementId: uuid('placement_id'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const cpReferralCarer = pgTable(
  'cp_referral_carer',
  { referralId: uuid('referral_id').notNull(), householdId: uuid('household_id').notNull(), shortlistedOn: day('shortlisted_on').notNull(), note: text('note').notNull().default('') },
  (t) => [primaryKey({ columns: [t.referralId, t.householdId] })],
);

/** The information-sharing agreement before a parent-and-child placement, latest counts (migration 0029; procedure, 4.1). */
export const pcSharingAgreement = pgTable('pc_sharing_agreement', {
  id: uuid('id').primaryKey().defaultRandom(),
  arrangementId: uuid('arrangement_id').notNull(),
  whatShared: text('what_shared').notNull(),
  sharedWith: text('shared_with').notNull(),
  whenShared: text('when_shared').notNull(),
  howShared: text('how_shared').notNull(),
  agreedWithParentOn: day('agreed_with_parent_on').notNull(),
  childProtectionApplies: boolean('child_protection_applies').notNull().default(false),
  chairName: text('chair_name'),
  chairConfirmedOn: day('chair_confirmed_on'),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull().default(''),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** A health professional's observation (health visitor, midwife, GP) (migration 0029; procedure, 4.2). */
export const pcHealthObservation = pgTable('pc_health_observation', {
  id: uuid('id').primaryKey().defaultRandom(),
  arrangementId: uuid('arrangement_id').notNull(),
  professional: text('professional').$type<'health_visitor' | 'midwife' | 'gp'>().notNull(),
  professionalName: text('professional_name').notNull(),
  observedOn: day('observed_on').notNull(),
  observation: text('observation').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull().default(''),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** Advocacy offered to a parent who needs it, and their answer (migration 0029; procedure, 4.3). */
export const pcAdvocacyOffer = pgTable('pc_advocacy_offer', {
  id: uuid('id').primaryKey().defaultRandom(),
  arrangementId: uuid('arrangement_id').notNull(),
  personId: uuid('person_id').notNull(),
  offeredOn: day('offered_on').notNull(),
  response: text('response').$type<'accepted' | 'declined'>(),
  respondedOn: day('responded_on'),
  advocate: text('advocate'),
  recordedBy: uuid('recorded_by'),
  version: integer('version').notNull().default(1),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** A contingency plan for one possible outcome (migration 0029; procedure, 7.6). */
export const pcContingencyPlan = pgTable(
  'pc_contingency_plan',
  {
    arrangementId: uuid('arrangement_id').notNull(),
    outcome: text('outcome').$type<'success' | 'failure_child_in_care' | 'failure_child_not_in_care'>().notNull(),
    plan: text('plan').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull().default(''),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.arrangementId, t.outcome] })],
);

/** Extra support considered for the parent and the carers when a placement may not succeed (migration 0029; procedure, 7.7). */
export const pcExtraSupport = pgTable('pc_extra_support', {
  id: uuid('id').primaryKey().defaultRandom(),
  arrangementId: uuid('arrangement_id').notNull(),
  consideredOn: day('considered_on').notNull(),
  socialWorkerName: text('social_worker_name').notNull(),
  supervisingSocialWorkerName: text('supervising_social_worker_name').notNull(),
  forParent: text('for_parent').notNull(),
  forCarers: text('for_carers').notNull(),
  recordedBy: uuid('recorded_by'),
  recordedByName: text('recorded_by_name').notNull().default(''),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
});

/** A child's record restricted to named people (migration 0055, docs/rules/caseload-access.md). */
export const childRestriction = pgTable('child_restriction', {
  childId: uuid('child_id').primaryKey(),
  reason: text('reason').notNull(),
  restrictedBy: uuid('restricted_by').notNull(),
  restrictedAt: ts('restricted_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const childRestrictionMember = pgTable(
  'child_restriction_member',
  { childId: uuid('child_id').notNull(), userId: uuid('user_id').notNull() },
  (t) => [primaryKey({ columns: [t.childId, t.userId] })],
);

/** "Break the glass": one person's read access to one child for a few hours, with the reason, until a manager has seen it. */
export const accessGrant = pgTable('access_grant', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  childId: uuid('child_id').notNull(),
  reason: text('reason').notNull(),
  grantedAt: ts('granted_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  reviewedBy: uuid('reviewed_by'),
  reviewedAt: ts('reviewed_at'),
});
