/**
 * Every audit action Hearth writes. Routes declare one of these (or 'none' for a route that
 * neither shows nor changes personal data) where they are registered.
 */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
  'auth.password-changed',
  'auth.two-factor-enrolled',
  'auth.two-factor-reset',
  'organisation.listed',
  'organisation.viewed',
  'organisation.created',
  'organisation.updated',
  'user.listed',
  'user.viewed',
  'user.created',
  'user.updated',
  'child.listed',
  'child.viewed',
  'child.created',
  'child.updated',
  'child.legal-status.added',
  'child.legal-status.ended',
  'child.sibling.linked',
  'child.sibling.unlinked',
  'household.listed',
  'household.viewed',
  'household.created',
  'household.updated',
  'household.member.added',
  'household.member.removed',
  'household.exemption.added',
  'placement.listed',
  'placement.viewed',
  'placement.created',
  'placement.updated',
  'contact.listed',
  'contact.viewed',
  'contact.created',
  'contact.updated',
  'audit.viewed',
  'token.listed',
  'token.created',
  'token.revoked',
  'seed.loaded',
  'obligation.listed',
  'obligation.dashboard.viewed',
  'stability.figures.viewed',
  'obligation.exported',
  'obligation.event.recorded',
  'obligation.event.corrected',
  'obligation.closed',
  'request.listed',
  'request.viewed',
  'request.created',
  'request.updated',
  'request.status-changed',
  'vacancy.listed',
  'matching.viewed',
  'proposal.created',
  'proposal.viewed',
  'proposal.considered',
  'proposal.proposed',
  'proposal.withdrawn',
  'proposal.confirmed',
  'agreement.requested',
  'agreement.reminded',
  'agreement.escalated',
  'agreement.recorded',
  'agreement.overridden',
  'agreement.link.viewed',
  'agreement.link.answered',
  'agreement.notice.sent',
  'agreement.open.recorded',
  'agreement.open.withdrawn',
  'agreement.answers.listed',
  'agreement.answer.acknowledged',
  'email.sent',
  'email.listed',
  'email.viewed',
  'document.listed',
  'document.uploaded',
  'document.downloaded',
  'return.validated',
  'return.exported',
  'care-ending.recorded',
  'missing.recorded',
  'missing.updated',
  'planning.viewed',
  'planning.draft-saved',
  'planning.completed',
  'planning.shared',
  'planning.acknowledged',
  'planning.pdf.downloaded',
  'task.listed',
  'task.completed',
  'concern.recorded',
  'concern.listed',
  'consultation.recorded',
  'consultation.listed',
  'move.requested',
  'move.decided',
  'move.withdrawn',
  'move.viewed',
  'move.listed',
  'ending-meeting.recorded',
  'ending-meeting.listed',
  'panel.referred',
  'panel.sitting.recorded',
  'panel.decided',
  'panel.listed',
  'panel.viewed',
  'import.previewed',
  'import.run',
  'import.child-created',
  'import.child-updated',
  'import.household-created',
  'import.household-updated',
  'import.user-created',
  'import.organisation-created',
  'import.unresolved.listed',
  'import.placement-linked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type RouteAudit = AuditAction | 'none';

/**
 * The actions that record someone seeing records rather than changing them. A page may show more than
 * its main record (a child's page lists the child's obligations and checks the return), and each such
 * view is audited by the service that reads it; a form that fails validation is shown again with the
 * record it concerns. So any route may write views besides its declared action.
 */
export const VIEW_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'organisation.listed',
  'organisation.viewed',
  'user.listed',
  'user.viewed',
  'child.listed',
  'child.viewed',
  'household.listed',
  'household.viewed',
  'placement.listed',
  'placement.viewed',
  'contact.listed',
  'contact.viewed',
  'audit.viewed',
  'token.listed',
  'obligation.listed',
  'obligation.dashboard.viewed',
  'stability.figures.viewed',
  'obligation.exported',
  'request.listed',
  'request.viewed',
  'vacancy.listed',
  'matching.viewed',
  'proposal.viewed',
  'agreement.link.viewed',
  'agreement.answers.listed',
  'email.listed',
  'email.viewed',
  'document.listed',
  'document.downloaded',
  'return.validated',
  'return.exported',
  'planning.viewed',
  'planning.pdf.downloaded',
  'task.listed',
  'concern.listed',
  'consultation.listed',
  'move.viewed',
  'move.listed',
  'ending-meeting.listed',
  'panel.listed',
  'panel.viewed',
  'import.unresolved.listed',
]);

/**
 * Changes a use case makes besides its own, in the same transaction, each audited in its own right:
 * answering a consent files the answer on the carers' file and tells the placement team (recording an
 * agreement in principle files it; giving notice under one e-mails and files the notice; chasing e-mails and files a reminder, or an
 * escalation once the reminders are spent); ending a
 * legal status can end the period of care; recording a placement ends the one before it; confirming
 * a proposal moves the request on and tells the people involved; withdrawing a proposed household
 * returns the request to matching. A route declaring the action on the
 * left may also write these; anything else is a route writing what it does not declare.
 */
export const ACTION_CONSEQUENCES: Partial<Record<AuditAction, readonly AuditAction[]>> = {
  'agreement.requested': ['email.sent', 'document.uploaded'],
  'agreement.recorded': ['email.sent', 'document.uploaded'],
  'agreement.link.answered': ['email.sent', 'document.uploaded'],
  'agreement.open.withdrawn': ['email.sent', 'document.uploaded'],
  'agreement.open.recorded': ['document.uploaded'],
  'agreement.reminded': ['email.sent', 'document.uploaded', 'agreement.escalated'],
  'agreement.notice.sent': ['email.sent', 'document.uploaded'],
  'child.legal-status.ended': ['care-ending.recorded'],
  'placement.created': ['placement.updated'],
  'proposal.proposed': ['request.status-changed', 'email.sent'],
  'request.status-changed': ['email.sent'],
  // The record page's completing button saves what is on the page first.
  'planning.completed': ['planning.draft-saved'],
  'panel.decided': ['email.sent'],
  'proposal.withdrawn': ['request.status-changed'],
  'proposal.confirmed': ['request.status-changed', 'email.sent', 'placement.updated'],
  'import.run': ['import.child-created', 'import.child-updated', 'import.household-created', 'import.household-updated', 'import.user-created', 'import.organisation-created'],
};

export type SubjectType =
  | 'organisation'
  | 'user'
  | 'child'
  | 'household'
  | 'placement'
  | 'contact'
  | 'token'
  | 'system'
  | 'session'
  | 'request'
  | 'proposal'
  | 'agreement'
  | 'open_agreement'
  | 'email'
  | 'document';
