/**
 * Who may record which event on a child's or a household's record: one rule, used by the pages
 * (which kinds a form offers), the API and the services (which refuse the others).
 *
 * Looked-after reviews are chaired and recorded by the child's independent reviewing officer (Care
 * Planning, Placement and Case Review (England) Regulations 2010, regulation 36 and Schedule 7; IRO
 * Handbook, chapter 3), together with the review of delegated authority made at the review. The IRO
 * records nothing else on a child's record. Everyone whose role may record obligations may record
 * every kind of event.
 */
import { can, type Role } from './index.ts';

/** The events an independent reviewing officer records: the review and the delegated authority reviewed at it. */
export const IRO_EVENT_KINDS: ReadonlySet<string> = new Set(['review_held', 'delegated_authority_reviewed']);

/**
 * Events recorded only with the record they belong to, never on their own: the decision on
 * placing with dual-approved carers (who decided, the outcome, the reasons) is recorded on the
 * child's early permanence page (src/services/early-permanence.ts).
 */
export const OWN_FORM_EVENT_KINDS: ReadonlySet<string> = new Set(['early_permanence_considered']);

/** May someone of this role record an event of this kind (a child's or a household's)? */
export function mayRecordEventKind(role: Role, kind: string): boolean {
  if (OWN_FORM_EVENT_KINDS.has(kind)) return false;
  if (role === 'iro') return IRO_EVENT_KINDS.has(kind);
  return can(role, 'obligation:record');
}

/** The kinds, of those given, that this role may record (for the choices a form offers). */
export function recordableKinds<K extends string>(role: Role, kinds: readonly K[]): K[] {
  return kinds.filter((k) => mayRecordEventKind(role, k));
}
