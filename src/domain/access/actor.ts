import type { Role } from './index.ts';

/** The signed-in person a service acts for. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  teamId: string | null;
};

/** Passed to every service call: who is acting and the request's correlation id for the audit trail. */
export type Ctx = {
  actor: Actor | null;
  correlationId?: string | undefined;
};
