/**
 * The generator's dual-approved carers: it marks carers approved for fostering for adoption among
 * their kinds, which stands for an adoption approval decided on their fostering approval day. The
 * loader stores it that way (./early-permanence.ts), and the generator's own matching reads it here.
 */
import type { AdoptionApprovalFact } from '../domain/matching/dual-approval.ts';
import type { GenHousehold } from './types.ts';

/** The generator marks carers approved for fostering for adoption among their kinds: that is their dual approval. */
export const generatedAsDualApproved = (h: Pick<GenHousehold, 'placementKinds'>): boolean => h.placementKinds.includes('fostering_for_adoption');

/** The adoption approval the generator's dual-approved carers stand for: decided on their fostering approval day. */
export function generatedAdoptionApprovals(h: Pick<GenHousehold, 'placementKinds' | 'approvalDate'>): AdoptionApprovalFact[] {
  return generatedAsDualApproved(h) && h.approvalDate ? [{ status: 'approved', decisionDate: h.approvalDate, endedOn: null }] : [];
}

