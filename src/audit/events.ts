/**
 * Every audit action Hearth writes. Routes declare one of these (or 'none' for a route that
 * neither shows nor changes personal data) where they are registered.
 */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-out',
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type RouteAudit = AuditAction | 'none';

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
