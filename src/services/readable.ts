/**
 * Lists under caseload access (src/domain/access/caseload.ts): a list shows only the children the
 * person may read. Lists paged in the database take the condition (`readableFor`); the others keep
 * the readable rows of what they read (`keepReadable`), in the same order.
 */
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../data/db.ts';
import { accessActor, childAccessFacts, readableAmong, readableChildren } from '../data/repositories/caseload.ts';
import { childAccess, type ChildAccess } from '../domain/access/caseload.ts';
import type { Ctx } from './context.ts';

/**
 * The condition, on the `child` table, of the children the person may read; undefined when they may
 * read every one. `form`: 'list' for a list over many children, `{ among }` for a check of a few (readableChildren).
 */
export async function readableFor(tx: DbOrTx, ctx: Ctx, now: Date = new Date(), form: 'list' | { among: readonly string[] } = 'list'): Promise<SQL | undefined> {
  if (!ctx.actor || ctx.actor.role === 'head_of_service') return undefined;
  return readableChildren(await accessActor(tx, ctx.actor), now, form);
}

/** The rows whose children (one, several or none) the person may all read, in order. A row about no child is kept. */
export async function keepReadable<T>(tx: DbOrTx, ctx: Ctx, rows: readonly T[], childrenOf: (row: T) => string | null | undefined | readonly string[]): Promise<T[]> {
  const [kept] = await keepReadableEach(tx, ctx, [rows], childrenOf);
  return kept ?? [];
}

/** keepReadable for several lists at once: one look-up of the children of all of them. */
export async function keepReadableEach<T>(
  tx: DbOrTx,
  ctx: Ctx,
  lists: readonly (readonly T[])[],
  childrenOf: (row: T) => string | null | undefined | readonly string[],
): Promise<T[][]> {
  const ids = (row: T): string[] => {
    const c = childrenOf(row);
    return c == null ? [] : typeof c === 'string' ? [c] : [...c];
  };
  const all = [...new Set(lists.flatMap((rows) => rows.flatMap(ids)))];
  if (all.length === 0) return lists.map((rows) => [...rows]);
  const condition = await readableFor(tx, ctx, new Date(), { among: all });
  if (!condition) return lists.map((rows) => [...rows]);
  const readable = await readableAmong(tx, all, condition);
  return lists.map((rows) => rows.filter((r) => ids(r).every((id) => readable.has(id))));
}

/** What the person may do with one child's record (caseload access); null for no person or no such child. */
export async function childAccessFor(tx: DbOrTx, ctx: Ctx, childId: string, now: Date = new Date()): Promise<ChildAccess | null> {
  if (!ctx.actor) return null;
  const actor = await accessActor(tx, ctx.actor);
  const facts = (await childAccessFacts(tx, [childId], actor.userId, now)).get(childId);
  return facts ? childAccess(actor, facts) : null;
}
