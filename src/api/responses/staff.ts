import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { ROLES } from '../../domain/access/index.ts';
import { DateTime, Int, PagedItems, Uuid, describing } from '../responses.ts';

type Result<S, K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R> ? R : never;
type Users = Services['users'];
type Contacts = Services['contacts'];

const Role = z.enum(ROLES);

/** A member of staff's stored fields (never the password hash). */
const userFields = {
  id: Uuid,
  fullName: z.string(),
  email: z.string(),
  role: Role,
  organisationId: Uuid,
  teamId: Uuid.nullable(),
  lineManagerId: Uuid.nullable(),
  active: z.boolean().meta({ description: 'false: may not sign in' }),
  sweNumber: z.string().nullable().meta({ description: 'Social Work England registration number' }),
  version: Int,
  createdAt: DateTime,
  updatedAt: DateTime,
};
const names = { organisationName: z.string(), teamName: z.string().nullable(), lineManagerName: z.string().nullable() };

export const UserList = describing<Result<Users, 'list'>>()(PagedItems(z.object({ ...userFields, ...names })));
export const UserRecord = describing<Result<Users, 'create'>>()(z.object(userFields));
export const UserView = describing<Result<Users, 'get'>>()(
  z.object({ ...userFields, ...names, reports: z.array(z.object({ id: Uuid, fullName: z.string(), role: Role, active: z.boolean() })).meta({ description: 'The people they line-manage' }) }),
);

export const Contact = describing<Result<Contacts, 'get'>>()(
  z.object({
    id: Uuid,
    fullName: z.string(),
    role: z.string().meta({ description: 'Their role, in words (e.g. social worker)' }),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    organisationId: Uuid.nullable(),
    organisationName: z.string(),
    version: Int,
    createdAt: DateTime,
    updatedAt: DateTime,
  }),
);
export const ContactList = describing<Result<Contacts, 'list'>>()(PagedItems(Contact));
