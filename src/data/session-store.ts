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
export function createSessionStore(db: Db): SessionStore {
  let lastSweep = 0;
  return {
    set(sid, session, cb) {
      const expires = session.cookie?.expires;
      const expiresAt = expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      db.insert(userSession)
        .values({ sid, data, expiresAt })
        .onConflictDoUpdate({ target: userSession.sid, set: { data, expiresAt } })
        .then(async () => {
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
            if (!row || row.expiresAt.getTime() < Date.now()) return cb(null, null);
            cb(null, row.data as Parameters<typeof cb>[1]);
          },
          (err: unknown) => cb(err),
        );
    },
    destroy(sid, cb) {
      db.delete(userSession)
        .where(eq(userSession.sid, sid))
        .then(() => cb(), (err: unknown) => cb(err));
    },
  };
}
