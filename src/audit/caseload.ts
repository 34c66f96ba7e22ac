/**
 * The backstop of caseload access: every audit row names the children (and household) it shows or
 * changes, so checking the rows of a transaction before it commits checks every page, API route,
 * command and import against the one rule (src/domain/access/caseload.ts), whether or not its route
 * checked first. A refusal rolls the whole transaction back: nothing is shown and nothing is kept.
 */
import type { DbOrTx } from '../data/db.ts';
import { accessActor, childAccessFacts, householdAccessFacts } from '../data/repositories/caseload.ts';
import { allows, childAccess, householdAccess } from '../domain/access/caseload.ts';
import { ForbiddenError } from '../domain/access/forbidden.ts';
import type { Actor } from '../domain/access/actor.ts';
import type { AccessNeed } from './events.ts';

export type CaseloadCheck = { actor: Actor; need: AccessNeed; childIds: readonly string[]; householdId: string | null };

export const NOT_ON_CASELOAD = "You cannot see or change this child's record: it is not on your caseload, or it is restricted. Ask the child's social worker or their team manager.";
export const HOUSEHOLD_NOT_YOURS = "You cannot change this household's record: its supervising social worker's team keeps it. Ask them or the placement team.";

/** Refuses (ForbiddenError) if any check fails; one query for the children and one for the households of each person. */
export async function assertCaseload(tx: DbOrTx, checks: readonly CaseloadCheck[], now: Date = new Date()): Promise<void> {
  const byActor = new Map<string, CaseloadCheck[]>();
  for (const c of checks) {
    if (c.need === 'none') continue;
    const list = byActor.get(c.actor.userId);
    if (list) list.push(c);
    else byActor.set(c.actor.userId, [c]);
  }
  for (const list of byActor.values()) {
    const actor = await accessActor(tx, list[0]!.actor);
    const childIds = [...new Set(list.filter((c) => !c.need.startsWith('household')).flatMap((c) => c.childIds))];
    const householdIds = [...new Set(list.filter((c) => c.need.startsWith('household') && c.householdId).map((c) => c.householdId!))];
    const children = await childAccessFacts(tx, childIds, actor.userId, now);
    const households = await householdAccessFacts(tx, householdIds);
    for (const c of list) {
      if (c.need === 'household-read' || c.need === 'household-write') {
        const facts = c.householdId ? households.get(c.householdId) : undefined;
        if (!facts) continue; // a household that does not exist is the service's 404
        if (!allows(householdAccess(actor, facts).level, c.need === 'household-read' ? 'read' : 'write')) throw new ForbiddenError(HOUSEHOLD_NOT_YOURS);
        continue;
      }
      for (const id of c.childIds) {
        const facts = children.get(id);
        if (!facts) continue; // a child that does not exist (or was not kept) shows nothing
        const access = childAccess(actor, facts);
        const ok = c.need === 'placement' ? access.placementWrite || access.level === 'write' : allows(access.level, c.need === 'write' ? 'write' : 'read');
        if (!ok) throw new ForbiddenError(NOT_ON_CASELOAD);
      }
    }
  }
}

/**
 * Checks one child now, before a change that moves the record (re-allocation): the backstop sees
 * the record as the change leaves it, which would let someone allocate a child to themselves.
 */
export async function assertChildAccessNow(tx: DbOrTx, actor: Actor | null, childId: string, need: 'read' | 'write'): Promise<void> {
  if (actor) await assertCaseload(tx, [{ actor, need, childIds: [childId], householdId: null }]);
}
