import { eq, lt } from 'drizzle-orm';
import type { SessionStore } from '@fastify/session';
import type { Db } from './db.ts';
import { userSession } from './schema.ts';

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/**
 * @fastify/session store backed by the user_session table, so that several app processes can share
 * one PostgreSQL and a restart signs nobody out. Expired rows are swept now and then.
 */
/**
 * A rolling session's expiry moves on every request; writing it back each time would cost every page
 * a database write. It is written when the session's contents change, or when its expiry has moved
 * on by more than this since the row was read or written: an idle session ends at most this much
 * before its idle timeout (SESSION_IDLE_MINUTES), never after it.
 */
export const EXPIRY_WRITE_SLACK_MS = 60 * 1000;

/** Sessions remembered as read or written, to tell whether a write would change anything. */
const REMEMBER_AT_MOST = 10_000;

export function createSessionStore(db: Db): SessionStore {
  let lastSweep = 0;
  const known = new Map<string, { contents: string; expiresAt: number }>();
  const remember = (sid: string, contents: string, expiresAt: number) => {
    if (known.size >= REMEMBER_AT_MOST) known.clear();
    known.set(sid, { contents, expiresAt });
  };
  // What the session holds, without its cookie (whose expiry moves on every request).
  const contentsOf = (data: Record<string, unknown>) => JSON.stringify({ ...data, cookie: undefined });
  return {
    set(sid, session, cb) {
      const expires = session.cookie?.expires;
      const expiresAt = expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      const contents = contentsOf(data);
      const before = known.get(sid);
      if (before && before.contents === contents && Math.abs(expiresAt.getTime() - before.expiresAt) < EXPIRY_WRITE_SLACK_MS) {
        cb();
        return;
      }
      db.insert(userSession)
        .values({ sid, data, expiresAt })
        .onConflictDoUpdate({ target: userSession.sid, set: { data, expiresAt } })
        .then(async () => {
          remember(sid, contents, expiresAt.getTime());
          if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
            lastSweep = Date.now();
            await db.delete(userSession).where(lt(userSession.expiresAt, new Date()));
          }
        })
        .then(() => cb(), (err: unknown) => cb(err));
    },
    get(sid, cb) {
      db.select()
        .from(userSession)
        .where(eq(userSession.sid, sid))
        .then(
          ([row]) => {
            if (!row || row.expiresAt.getTime() < Date.now()) {
              known.delete(sid);
              return cb(null, null);
            }
            remember(sid, contentsOf(row.data as Record<string, unknown>), row.expiresAt.getTime());
            cb(null, row.data as Parameters<typeof cb>[1]);
          },
          (err: unknown) => cb(err),
        );
    },
    destroy(sid, cb) {
      known.delete(sid);
      db.delete(userSession)
        .where(eq(userSession.sid, sid))
        .then(() => cb(), (err: unknown) => cb(err));
    },
  };
}
