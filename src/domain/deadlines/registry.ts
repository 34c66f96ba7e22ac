/**
 * The statutory obligations registry: every obligation Hearth tracks, as data. Each has a page in
 * docs/rules/<id>.md (registry.test.ts checks).
 */
import type { ChildObligationDefinition, HouseholdObligationDefinition, ObligationDefinition } from './types.ts';
import { connectedPersonTemporaryApproval, emergencyPlacementOutsideTerms, fosterCarerReview } from './household-obligations.ts';
import { parentAndChildAssessmentPeriod, parentAndChildReview } from './parent-and-child.ts';
import { parentAndChildCarerReport, parentAndChildCarerReportRead } from './parent-and-child-reports.ts';
import {
  carePlan,
  childFriendlyProfile,
  concurrentPlacementAgreement,
  initialSupportPlan,
  placementNotification,
  placementPlan,
  placementPlanningMeeting,
  placementEntryChecks,
  placementRiskAssessment,
} from './placement-obligations.ts';
import { delegatedAuthorityReview, lookedAfterReview } from './reviews.ts';
import { socialWorkerVisits } from './visits.ts';
import { placementSupportMeeting } from './stability.ts';
import { reviewFeedback } from './review-feedback.ts';
import { contactSessions } from './contact-sessions.ts';
import { earlyPermanenceConsideration } from './early-permanence.ts';

/** Obligations derived from a child's facts, in the order a placement meets them. */
export const CHILD_OBLIGATIONS: readonly ChildObligationDefinition[] = [
  placementEntryChecks,
  concurrentPlacementAgreement,
  childFriendlyProfile,
  placementNotification,
  placementPlan,
  placementPlanningMeeting,
  initialSupportPlan,
  placementRiskAssessment,
  placementSupportMeeting,
  carePlan,
  socialWorkerVisits,
  reviewFeedback,
  lookedAfterReview,
  delegatedAuthorityReview,
  parentAndChildAssessmentPeriod,
  parentAndChildReview,
  contactSessions,
  parentAndChildCarerReport,
  parentAndChildCarerReportRead,
  earlyPermanenceConsideration,
];

/** Obligations derived from a foster household's facts. */
export const HOUSEHOLD_OBLIGATIONS: readonly HouseholdObligationDefinition[] = [emergencyPlacementOutsideTerms, connectedPersonTemporaryApproval, fosterCarerReview];

export const REGISTRY: readonly ObligationDefinition[] = [...CHILD_OBLIGATIONS, ...HOUSEHOLD_OBLIGATIONS];

const BY_ID = new Map(REGISTRY.map((d) => [d.id, d]));

export function getObligation(id: string): ObligationDefinition | undefined {
  return BY_ID.get(id);
}
