/**
 * Caseload access: whose records a person may read and change, decided from allocation, team and
 * line management rather than from role alone (ADR 0014; the plain-English statement and its
 * sources are docs/rules/caseload-access.md).
 *
 * The role decides what kind of thing a person may do (src/domain/access/index.ts: a social worker
 * records visits, a supervising social worker considers proposals); this rule decides for which
 * children and households. Every page, API route and command reaches it through the audit writer's
 * backstop (src/audit/writer.ts) and the route guard (src/web/caseload-guard.ts), and the lists
 * through the same facts in SQL (src/data/repositories/caseload.ts).
 */
import type { Role } from './index.ts';

/** What someone may do with a child's record: change it, read it, or see only that it exists and whom to ask. */
export type AccessLevel = 'write' | 'read' | 'card';

/** The person asking: who they are and whom they manage, directly or further down the line. */
export type AccessActor = {
  userId: string;
  role: Role;
  teamId: string | null;
  /** Everyone below them in line management (their reports, their reports' reports, …). */
  manages: ReadonlySet<string>;
};

/** What the rule needs to know about one child. */
export type ChildAccessFacts = {
  socialWorkerId: string | null;
  socialWorkerTeamId: string | null;
  iroId: string | null;
  /**
   * The supervising social workers of the carers the child lives with, has lived with, or is proposed
   * or planned to live with (a placement, a proposal, or a parent-and-child arrangement).
   */
  carerSupervisors: readonly { userId: string; teamId: string | null }[];
  /** Set when the record is restricted to named people. */
  restriction: { restrictedBy: string; memberIds: readonly string[] } | null;
  /** The person broke the glass on this child and the grant has not expired. */
  glassBroken: boolean;
};

/** What the rule needs to know about one household. */
export type HouseholdAccessFacts = {
  supervisorId: string | null;
  supervisorTeamId: string | null;
  /**
   * The allocated social workers and independent reviewing officers of the children who live or have
   * lived there, or are proposed or planned to (a reviewing officer's team is not theirs: null).
   */
  childWorkers: readonly { userId: string; teamId: string | null }[];
};

export type ChildAccess = {
  level: AccessLevel;
  /** Whether they may take the placement steps for the child (requests, matching, proposals, confirming). */
  placementWrite: boolean;
  /** Why, in words a person can check. */
  reason: string;
};

/** Roles whose team shares the caseload: a colleague in the allocated worker's team may cover for them. */
const CASEWORK_ROLES: ReadonlySet<Role> = new Set<Role>(['social_worker', 'team_manager']);
const FOSTERING_ROLES: ReadonlySet<Role> = new Set<Role>(['supervising_social_worker', 'team_manager']);

/** Whether the person is the worker, manages them, or shares their team in one of the given roles. */
function coversWorker(actor: AccessActor, worker: { userId: string; teamId: string | null }, teamRoles: ReadonlySet<Role>): string | null {
  if (worker.userId === actor.userId) return 'you are allocated';
  if (actor.manages.has(worker.userId)) return 'you manage the allocated worker';
  if (teamRoles.has(actor.role) && actor.teamId !== null && actor.teamId === worker.teamId) return "you are in the allocated worker's team";
  return null;
}

function caseloadAccess(actor: AccessActor, child: ChildAccessFacts): ChildAccess {
  if (actor.role === 'head_of_service') return { level: 'write', placementWrite: true, reason: 'heads of service see every child' };
  if (child.socialWorkerId) {
    const why = coversWorker(actor, { userId: child.socialWorkerId, teamId: child.socialWorkerTeamId }, CASEWORK_ROLES);
    if (why) return { level: 'write', placementWrite: true, reason: why };
  } else if (actor.role === 'team_manager') {
    return { level: 'write', placementWrite: true, reason: 'the child has no social worker: a team manager allocates one' };
  }
  if (actor.role === 'placement_officer') return { level: 'read', placementWrite: true, reason: 'the placement team reads what placements need' };
  if (child.iroId === actor.userId) return { level: 'read', placementWrite: false, reason: "you are the child's independent reviewing officer" };
  for (const supervisor of child.carerSupervisors) {
    if (coversWorker(actor, supervisor, FOSTERING_ROLES)) return { level: 'read', placementWrite: false, reason: "you supervise the child's carers" };
  }
  if (child.glassBroken) return { level: 'read', placementWrite: false, reason: 'you broke the glass' };
  return { level: 'card', placementWrite: false, reason: 'the child is not on your caseload' };
}

/**
 * What the person may do with one child's record. A restricted record is closed to everyone but
 * the people named on it, the manager who restricted it, the allocated social worker and heads of
 * service; anyone else may break the glass and read it for a few hours.
 */
export function childAccess(actor: AccessActor, child: ChildAccessFacts): ChildAccess {
  const normal = caseloadAccess(actor, child);
  const r = child.restriction;
  if (!r) return normal;
  const named =
    actor.role === 'head_of_service' || r.restrictedBy === actor.userId || r.memberIds.includes(actor.userId) || child.socialWorkerId === actor.userId;
  if (named) return normal.level === 'card' ? { level: 'read', placementWrite: false, reason: 'you are named on the restricted record' } : normal;
  if (child.glassBroken) return { level: 'read', placementWrite: false, reason: 'you broke the glass' };
  return { level: 'card', placementWrite: false, reason: 'the record is restricted to named people' };
}

/** What the person may do with one household's record (the carers' file). */
export function householdAccess(actor: AccessActor, household: HouseholdAccessFacts): { level: AccessLevel; reason: string } {
  if (actor.role === 'head_of_service') return { level: 'write', reason: 'heads of service see every household' };
  if (actor.role === 'placement_officer') return { level: 'write', reason: 'the placement team keeps the carers’ register' };
  if (household.supervisorId) {
    const why = coversWorker(actor, { userId: household.supervisorId, teamId: household.supervisorTeamId }, FOSTERING_ROLES);
    if (why) return { level: 'write', reason: why };
  } else if (actor.role === 'team_manager') {
    return { level: 'write', reason: 'the household has no supervising social worker: a team manager allocates one' };
  }
  for (const worker of household.childWorkers) {
    if (coversWorker(actor, worker, CASEWORK_ROLES)) return { level: 'read', reason: 'a child on your caseload lives there, has lived there or is proposed to' };
  }
  return { level: 'card', reason: 'the household is not supervised by your team' };
}

/** Whether the level allows what is needed. */
export function allows(level: AccessLevel, need: 'read' | 'write'): boolean {
  return level === 'write' || (need === 'read' && level === 'read');
}

/** Re-allocating a child (its social worker or independent reviewing officer) is a manager's decision. */
export function mayReallocate(role: Role): boolean {
  return role === 'team_manager' || role === 'head_of_service';
}

export const REALLOCATE_MESSAGE = "Only a team manager or head of service can change a child's social worker or independent reviewing officer: ask your team manager.";

/** Restricting a record, lifting a restriction and reviewing broken glass are a manager's decisions. */
export function mayRestrict(role: Role): boolean {
  return role === 'team_manager' || role === 'head_of_service';
}

/** How long "break the glass" opens a record for. */
export const GLASS_HOURS = 8;

/** The roles that may break the glass at all (those who may read children's records by role). */
export function mayBreakGlass(role: Role): boolean {
  return role !== 'administrator';
}
