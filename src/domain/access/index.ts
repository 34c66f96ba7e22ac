/**
 * Roles and what each may do, as data. Every page and API route names one of these permissions
 * where it is registered (src/http/route.ts); the permission matrix and route matrix tests in
 * test/foundation.test.ts prove the refusals.
 */

export const ROLES = [
  'placement_officer',
  'social_worker',
  'supervising_social_worker',
  'team_manager',
  'head_of_service',
  'iro',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  placement_officer: 'Placement officer (Referral Response Team)',
  social_worker: "Child's social worker",
  supervising_social_worker: 'Supervising social worker',
  team_manager: 'Team manager',
  head_of_service: 'Head of service',
  iro: 'Independent reviewing officer',
  administrator: 'Administrator',
};

export const PERMISSIONS = [
  'organisation:read',
  'organisation:write',
  'user:read',
  'user:manage',
  'child:read',
  'child:write',
  'child:legal-status:write',
  'household:read',
  'household:write',
  'placement:read',
  'placement:write',
  'contact:read',
  'contact:write',
  'audit:read',
  'token:manage',
  'obligation:read',
  'obligation:record',
  'obligation:dashboard',
  'obligation:close',
  'request:read',
  'request:write',
  'matching:run',
  'proposal:consider',
  'agreement:record',
  'agreement:override',
  'placement:confirm',
  'document:read',
  'document:write',
  'email:read',
  'return:read',
  'planning:write',
  'concern:record',
  'consultation:record',
  'move:request',
  'move:decide',
  'panel:refer',
  'panel:manage',
  'records:import',
  'import:resolve',
  'rates:manage',
  'finance:read',
  'allowance:request',
  'sufficiency:record',
  'sufficiency:report',
  'contact-session:record',
  'court:record',
  'future-contact:record',
  'service-figures:read',
  'permanence:record',
  'parent-and-child:record',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Route-level declarations that are not role permissions. */
export type RouteAccess = Permission | 'public' | 'signed-in';

const READ_ALL: Permission[] = [
  'organisation:read',
  'user:read',
  'child:read',
  'household:read',
  'placement:read',
  'contact:read',
  'obligation:read',
  'request:read',
  'document:read',
];

/** What a team manager may do (a head of service too). */
const MANAGER_PERMISSIONS: readonly Permission[] = [
    ...READ_ALL,
    'child:write',
    'child:legal-status:write',
    'household:write',
    'placement:write',
    'contact:write',
    'audit:read',
    'obligation:record',
    'obligation:dashboard',
    'obligation:close',
    'request:write',
    'matching:run',
    'agreement:record',
    'placement:confirm',
    'document:write',
    'email:read',
    'return:read',
    'planning:write',
    'concern:record',
    'consultation:record',
    'move:request',
    'move:decide',
    'panel:refer',
    'panel:manage',
    'finance:read',
    'allowance:request',
    'sufficiency:record',
    'sufficiency:report',
    'contact-session:record',
    'court:record',
    'future-contact:record',
    'service-figures:read',
    'permanence:record',
    'parent-and-child:record',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  placement_officer: [
    ...READ_ALL,
    'placement:write',
    'contact:write',
    'household:write',
    'obligation:record',
    'matching:run',
    'proposal:consider',
    'placement:confirm',
    'document:write',
    'email:read',
    'import:resolve',
    'sufficiency:record',
    'sufficiency:report',
    'service-figures:read',
    'parent-and-child:record',
  ],
  social_worker: [
    ...READ_ALL,
    'child:write',
    'child:legal-status:write',
    'contact:write',
    'obligation:record',
    'request:write',
    'planning:write',
    'concern:record',
    'consultation:record',
    'move:request',
    'panel:refer',
    'allowance:request',
    'contact-session:record',
    'court:record',
    'future-contact:record',
    'permanence:record',
    'parent-and-child:record',
  ],
  supervising_social_worker: [
    ...READ_ALL,
    'household:write',
    'contact:write',
    'obligation:record',
    'proposal:consider',
    'agreement:record',
    'document:write',
    'planning:write',
    'concern:record',
    'consultation:record',
    'move:request',
    'contact-session:record',
    'parent-and-child:record',
  ],
  team_manager: MANAGER_PERMISSIONS,
  // A head of service may do all a team manager may, and more.
  head_of_service: [...MANAGER_PERMISSIONS, 'organisation:write', 'agreement:override'],
  // The IRO records looked-after reviews only: which kinds of event each role records is src/domain/access/recording.ts.
  iro: [...READ_ALL, 'concern:record', 'obligation:record'],
  administrator: [...READ_ALL, 'organisation:write', 'user:manage', 'token:manage', 'audit:read', 'contact:write', 'email:read', 'return:read', 'records:import', 'import:resolve', 'rates:manage', 'finance:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Decide whether a signed-in (or anonymous) person may use a route that declares `access`. */
export function mayAccess(role: Role | undefined, access: RouteAccess): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  if (access === 'signed-in') return true;
  return can(role, access);
}
