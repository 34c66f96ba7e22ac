/**
 * What a worker records to complete an obligation: the event kind, and which instance fields the
 * event must carry to be counted against that instance (its placement, the already-placed child it
 * is about). Pages use it to offer "Record" next to an open obligation with the form filled in.
 */
import type { ChildEventKind, HouseholdEventKind, ObligationInstance } from './types.ts';

export type Completion =
  | { scope: 'child'; kind: ChildEventKind; placementId: string | null; aboutChildId: string | null }
  | { scope: 'household'; kind: HouseholdEventKind; placementId: string | null };

const CHILD_EVENT_FOR: Record<string, ChildEventKind> = {
  'placement-plan': 'placement_plan_completed',
  'care-plan': 'care_plan_completed',
  'placement-planning-meeting': 'ppm_held',
  'initial-support-plan': 'support_plan_completed',
  'placement-risk-assessment': 'risk_assessment_completed',
  'child-friendly-profile': 'carer_profile_shared',
  'placement-notification': 'notification_sent',
  'concurrent-placement-agreement': 'agreement_recorded',
  'social-worker-visits': 'visit',
  'looked-after-review': 'review_held',
  'delegated-authority-review': 'delegated_authority_reviewed',
  'parent-and-child-review': 'parent_and_child_review_held',
  'placement-support-meeting': 'psm_held',
};

const HOUSEHOLD_EVENT_FOR: Record<string, HouseholdEventKind> = {
  'foster-carer-review': 'carer_review_held',
  'emergency-placement-outside-terms': 'terms_of_approval_changed',
};

/**
 * The event that completes an open instance, or null when none can: the instance is already
 * completed or not applicable, or the obligation ends some other way (an assessment period ends
 * with the placement or a review that extends it; a temporary approval with full approval).
 */
export function completionFor(i: ObligationInstance): Completion | null {
  if (i.completedOn || i.notApplicableReason) return null;
  const placementId = i.subjectType === 'placement' ? i.subjectId : null;
  const childKind = CHILD_EVENT_FOR[i.obligationId];
  if (childKind) {
    const aboutChildId = i.obligationId === 'concurrent-placement-agreement' ? i.sequence : null;
    return { scope: 'child', kind: childKind, placementId, aboutChildId };
  }
  const householdKind = HOUSEHOLD_EVENT_FOR[i.obligationId];
  if (householdKind) return { scope: 'household', kind: householdKind, placementId };
  return null;
}
