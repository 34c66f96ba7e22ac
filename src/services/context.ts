/** Who is acting: defined with the access rules (src/domain/access/actor.ts), which the audit writer reads too. */
export type { Actor, Ctx } from '../domain/access/actor.ts';
