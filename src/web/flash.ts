/**
 * The notification banner after a save: the one mechanism every form post that redirects uses, and
 * the one place its words are kept.
 *
 * A post that saves sets a banner in the session (`setFlash`, or `setWarning` for one that carries a
 * warning) and redirects; the next page drawn for the signed-in person takes it out of the session
 * (`takeFlash`, read by the layout through `reply.locals.flash`) and shows it in a GOV.UK notification
 * banner. As the Design System's success pattern asks, the banner says what happened ("Visit
 * recorded", "Placement plan saved as a draft"): SAVED says it for each audit event a page form
 * declares, SAVED_AT where one event covers saves that say different things, and `saveBanner` builds the
 * messages that name what was saved. A page post that redirects without setting a banner gets its
 * route's message from those tables (`defaultFlash`, an onSend hook in src/app.ts), so no save goes
 * unacknowledged; a redirect that saves nothing (a confirmation not yet given, sign-in steps) says so
 * with `noFlash`.
 *
 * A banner that carries a warning — something still needed, something refused in whole or in part —
 * is not a success: it is shown as the "Important" banner, never in the success style.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteAudit } from '../audit/events.ts';
import type { ChildEventKind, HouseholdEventKind } from '../domain/deadlines/types.ts';
import { paths } from '../http/paths.ts';

/** What a save with no message of its own would say (SAVED covers every page form; see the banners test). */
export const SAVED_TEXT = 'Your changes have been saved';

/** A banner for the next page: a success, or important information (a warning). */
export type Banner = { text: string; important?: true };

/** What each save says, by the audit event its route declares. */
export const SAVED: Partial<Record<RouteAudit, string>> = {
  'organisation.created': 'Organisation added',
  'organisation.updated': 'Organisation details saved',
  'user.created': 'Member of staff added',
  'user.updated': 'Staff details saved',
  'auth.two-factor-reset': 'Two-factor sign-in reset: they will set it up again when they next sign in',
  'auth.password-changed': 'Your password has been changed',
  'auth.two-factor-enrolled': 'Two-factor sign-in is on',
  'child.created': 'Child added',
  'child.updated': "Child's details saved",
  'child.legal-status.added': 'Legal status added',
  'child.legal-status.ended': 'Legal status ended',
  'child.sibling.linked': 'Sibling linked',
  'child.sibling.unlinked': 'Sibling link removed',
  'child.restricted': 'Record restricted to the people named',
  'child.restriction.lifted': 'Restriction lifted: the record is open to the caseload again',
  'access.glass-broken': 'Record opened for 8 hours: your manager has been told',
  'access.grant.reviewed': 'Broken glass marked as reviewed',
  'missing.recorded': 'Missing episode recorded',
  'missing.updated': 'Missing episode updated',
  'contact.created': 'Contact added',
  'contact.updated': 'Contact details saved',
  'household.created': 'Household added',
  'household.updated': 'Household details saved',
  'household.member.added': 'Member added to the household',
  'household.member.removed': 'Member removed from the household',
  'household.exemption.added': 'Exemption from the usual fostering limit recorded',
  'placement.created': 'Placement recorded',
  'placement.updated': 'Placement details saved',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'obligation.closed': 'Obligation closed',
  'obligation.event.recorded': 'Recorded',
  'obligation.event.corrected': 'Correction recorded',
  'request.created': 'Placement request started',
  'request.updated': 'Placement request saved as a draft',
  'request.status-changed': 'Placement request updated',
  'document.uploaded': "Document added to the carers' file",
  'import.started': 'Import started',
  'import.placement-linked': 'Placements linked',
  'proposal.created': 'Household added to the shortlist',
  'proposal.considered': 'Consideration recorded',
  'proposal.proposed': 'Household proposed',
  'proposal.withdrawn': 'Proposal withdrawn',
  'proposal.confirmed': 'Placement confirmed',
  'agreement.overridden': 'Decision to go ahead without written agreement recorded',
  'agreement.reminded': 'Reminders sent',
  'agreement.requested': 'Agreement request sent',
  'agreement.recorded': 'Answer recorded',
  'agreement.open.recorded': 'In-principle agreement recorded',
  'agreement.notice.sent': 'Notice of the placement sent',
  'agreement.open.withdrawn': 'In-principle agreement withdrawn',
  'agreement.answer.acknowledged': 'Answer marked as seen',
  'agreement.link.answered': 'Your answer has been sent',
  'planning.draft-saved': 'Draft saved',
  'planning.completed': 'Version completed',
  'planning.shared': 'Recorded as shared',
  'planning.acknowledged': 'Acknowledgement recorded',
  'task.completed': 'Task completed',
  'concern.recorded': 'Concern recorded',
  'consultation.recorded': 'Virtual School advice recorded',
  'parent-and-child.recorded': 'Parent and child placement recorded',
  'parent-and-child.sharing-agreement.recorded': 'Information sharing agreement recorded',
  'parent-and-child.health-observation.recorded': 'Health observation recorded',
  'parent-and-child.extra-support.recorded': 'Extra support recorded',
  'parent-and-child.advocacy.offered': 'Offer of advocacy recorded',
  'parent-and-child.advocacy.answered': 'Answer to the offer of advocacy recorded',
  'parent-and-child.contingency.recorded': 'Contingency plan recorded',
  'parent-and-child.report.recorded': 'Assessment report recorded',
  'parent-and-child.report.read': 'Report marked as read',
  'parent-and-child.review.recorded': 'Assessment review recorded',
  'parent-and-child.outcome.recorded': 'Assessment outcome recorded',
  'parent-and-child.interim-care-order.recorded': 'Interim care order recorded',
  'family-member.updated': 'Family member saved',
  'permanence.adoption-in-plan.recorded': 'Adoption in the permanence plan recorded',
  'permanence.decision.recorded': 'Early permanence decision recorded',
  'adoption-approval.added': 'Adoption approval added',
  'household.early-permanence.updated': 'Early permanence details saved',
  'carer-journey.recorded': "Carers' journey recorded",
  'cp-referral.created': 'Concurrent planning referral recorded',
  'cp-referral.updated': 'Concurrent planning referral saved',
  'cp-referral.status-changed': 'Referral status changed',
  'cp-referral.shortlisted': 'Shortlist saved',
  'ending-meeting.recorded': 'Ending meeting recorded',
  'move.requested': 'Move request recorded',
  'move.decided': 'Decision on the move recorded',
  'move.withdrawn': 'Move request withdrawn: the child stays',
  'panel.referred': 'Referred to the Stability Panel',
  'panel.sitting.recorded': 'Panel sitting recorded',
  'panel.decided': "Panel's decision recorded",
  'rate-card.created': 'Rate card saved',
  'allowance-request.recorded': 'Allowance request recorded',
  'allowance-request.answered': 'Answer to the allowance request recorded',
  'sufficiency.recorded': 'Recorded: no suitable placement in the area',
  'sufficiency.enquiry.recorded': 'Enquiry recorded',
  'sufficiency.outcome.recorded': 'Outcome of the search recorded',
  'contact-plan.recorded': 'Contact plan saved',
  'contact-session.recorded': 'Contact session recorded',
  'court.proceedings.recorded': 'Court proceedings recorded',
  'court.hearing.recorded': 'Hearing recorded',
  'court.decided': "Court's decision recorded",
  'court.placed-for-adoption': 'Placement for adoption recorded',
  'court.adoption-order': 'Adoption order recorded',
  'future-contact.recorded': 'Plan for future contact saved',
};

/** Where one audit event covers saves that say different things: by the route's path. */
export const SAVED_AT: Readonly<Record<string, string>> = {
  [paths.placements.past]: 'Past placement recorded',
  [paths.obligations.newReview()]: 'Looked-after review recorded',
  [`${paths.requests.show()}/start-matching`]: 'Matching started',
  [paths.agreements.openUse()]: 'In-principle agreement used for this proposal',
  [paths.earlyPermanence.newEnquiry]: 'Enquiry recorded',
  [paths.moves.urgent()]: 'Urgent move recorded',
};

const CHILD_EVENT_SAVED: Record<ChildEventKind, string> = {
  placement_plan_completed: 'Placement plan recorded as completed',
  care_plan_completed: 'Care plan recorded as completed',
  ppm_held: 'Placement Planning Meeting recorded',
  notification_sent: 'Written notice of the placement recorded',
  visit: 'Visit recorded',
  review_held: 'Looked-after review recorded',
  agreement_recorded: 'Written agreement recorded',
  delegated_authority_reviewed: 'Review of delegated authority recorded',
  support_plan_completed: 'Initial support plan recorded as completed',
  parent_and_child_review_held: 'Parent-and-child placement review recorded',
  risk_assessment_completed: 'Risk assessment recorded as completed',
  carer_profile_shared: "Sharing of the carers' profile recorded",
  placement_concern: 'Concern recorded',
  psm_held: 'Placement Support Meeting recorded',
  review_feedback_received: 'Feedback for the looked-after review recorded',
  adoption_in_plan: 'Adoption in the permanence plan recorded',
  early_permanence_considered: 'Early permanence decision recorded',
};

const HOUSEHOLD_EVENT_SAVED: Record<HouseholdEventKind, string> = {
  carer_review_held: 'Foster carer review recorded',
  terms_of_approval_changed: 'Change to the terms of approval recorded',
  temporary_approval_extended: 'Extension of temporary approval recorded',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Messages that name what was saved. */
export const saveBanner = {
  childEvent: (kind: string): string => CHILD_EVENT_SAVED[kind as ChildEventKind] ?? SAVED['obligation.event.recorded']!,
  householdEvent: (kind: string): string => HOUSEHOLD_EVENT_SAVED[kind as HouseholdEventKind] ?? SAVED['obligation.event.recorded']!,
  planningDraft: (title: string) => `${title} saved as a draft`,
  planningCompleted: (title: string, version: number) => `${title}: version ${version} completed`,
  requestStarted: (reference: string) => `Placement request ${reference} started: it is saved as a draft as you go`,
  requestPageSaved: (page: string) => `${page} saved`,
  requestSavedForLater: 'Your answers have been saved as a draft. You can come back to this request from the list of placement requests.',
  requestSubmitted: 'Request submitted to the placement team',
  requestWithdrawn: (reference: string) => `Request ${reference} withdrawn`,
  agreementRequested: (to: string) => `Agreement request sent to ${to}`,
  agreementRecorded: (outcome: string, from: string) => `${outcome === 'agreed' ? 'Agreement' : 'Refusal'} from ${from} recorded`,
  documentAdded: (title: string) => `“${title}” has been added to the carers' file`,
  placementsLinked: (n: number, reference: string) => `${plural(n, 'placement')} linked to ${reference}`,
  remindersSent: (r: { reminded: number; escalated: number }) =>
    [r.reminded ? `${plural(r.reminded, 'reminder')} sent` : '', r.escalated ? `${plural(r.escalated, 'request')} escalated to the team manager` : ''].filter(Boolean).join('; '),
} as const;

/** Warnings: shown as the "Important" banner, not a success. */
export const warnings = {
  requestClosed: (status: string) => `This request is ${status} and can no longer be changed`,
  requestNotWithdrawn: (status: string) => `This request is ${status} and cannot be withdrawn`,
  noPlacementsLinked: (reference: string) => `No placements were linked to ${reference}: none were waiting for that household`,
  nothingToChase: 'No reminders sent: no written agreement is waiting for an answer',
  someEscalated: (r: { reminded: number; escalated: number }) => `${saveBanner.remindersSent(r)}: the team manager has been told they are overdue`,
} as const;

const quiet = new WeakSet<FastifyRequest>();

/** The success banner the next page shows. */
export function setFlash(req: FastifyRequest, text: string): void {
  if (req.session) req.session.flash = text;
}

/** A banner that carries a warning (something still needed, something refused): "Important", not success. */
export function setWarning(req: FastifyRequest, text: string): void {
  if (req.session) req.session.flash = { text, important: true };
}

/** This redirect saved nothing: no banner on the next page. */
export function noFlash(req: FastifyRequest): void {
  quiet.add(req);
}

/** The banner waiting for this person, removed from the session so it is shown once. */
export function takeFlash(req: FastifyRequest): Banner | undefined {
  const f = req.session?.flash;
  if (f !== undefined) delete req.session.flash;
  if (!f) return undefined;
  return typeof f === 'string' ? { text: f } : f.text ? f : undefined;
}

/** The message a save through this route gives when its handler sets none. */
export function savedMessage(url: string, audit: RouteAudit | undefined): string {
  return SAVED_AT[url] ?? (audit ? SAVED[audit] : undefined) ?? SAVED_TEXT;
}

/** Audit actions whose redirects are not saves of a record (signing in and out). */
const NOT_SAVES = new Set<string>(['auth.sign-in', 'auth.sign-out', 'none']);

/**
 * For an onSend hook that runs before the session is saved: a page post by a signed-in person that
 * redirects (302, 303) with no banner set gets its route's message.
 */
export function defaultFlash(req: FastifyRequest, reply: FastifyReply): void {
  if (req.method === 'GET' || req.method === 'HEAD' || !req.actor || !req.session) return;
  if (reply.statusCode !== 302 && reply.statusCode !== 303) return;
  const config = req.routeOptions.config as { kind?: string; audit?: RouteAudit } | undefined;
  if (config?.kind !== 'page' || NOT_SAVES.has(config.audit ?? 'none')) return;
  if (quiet.has(req) || req.session.flash) return;
  req.session.flash = savedMessage(req.routeOptions.url ?? '', config.audit);
}
