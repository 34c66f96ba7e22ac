/**
 * The session store writes a rolling session back only when it changes, or when its expiry has moved
 * on by more than EXPIRY_WRITE_SLACK_MS: a page view does not cost a database write.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import type { Database } from '../src/data/db.ts';
import { userSession } from '../src/data/schema.ts';
import { EXPIRY_WRITE_SLACK_MS, createSessionStore } from '../src/data/session-store.ts';

let database: Database;
before(async () => {
  database = await freshDatabase();
});
after(async () => database.close());

type Session = Parameters<ReturnType<typeof createSessionStore>['set']>[1];
const session = (values: Record<string, unknown>, expires: number) => ({ ...values, cookie: { expires: new Date(expires).toISOString(), originalMaxAge: 1000 } }) as unknown as Session;

test('a session is written when new or changed, or when its expiry moves on by more than the slack; not on every request', async () => {
  const store = createSessionStore(database.db);
  const set = (sid: string, s: Session) => new Promise<void>((resolve, reject) => store.set(sid, s, (err) => (err ? reject(err as Error) : resolve())));
  const get = (sid: string) => new Promise<unknown>((resolve, reject) => store.get(sid, (err, s) => (err ? reject(err as Error) : resolve(s))));
  const stored = async () => (await database.db.select().from(userSession).where(eq(userSession.sid, 'abc')))[0]!;
  const t0 = Date.now() + 8 * 3600_000;

  await set('abc', session({ userId: 'u1' }, t0));
  assert.equal((await stored()).expiresAt.getTime(), t0, 'a new session is written');

  await get('abc');
  const soon = EXPIRY_WRITE_SLACK_MS / 2;
  await set('abc', session({ userId: 'u1' }, t0 + soon));
  assert.equal((await stored()).expiresAt.getTime(), t0, 'the next request, soon after, writes nothing');

  await set('abc', session({ userId: 'u1', flash: 'Saved' }, t0 + soon));
  assert.deepEqual(((await stored()).data as { flash?: string }).flash, 'Saved', 'a change is written at once');
  assert.equal((await stored()).expiresAt.getTime(), t0 + soon);

  await set('abc', session({ userId: 'u1', flash: 'Saved' }, t0 + soon + EXPIRY_WRITE_SLACK_MS + 1));
  assert.equal((await stored()).expiresAt.getTime(), t0 + soon + EXPIRY_WRITE_SLACK_MS + 1, 'the expiry is written once it has moved on by more than the slack');

  // Another process (or a restart) that has not read the session writes it.
  const other = createSessionStore(database.db);
  await new Promise<void>((resolve) => other.set('abc', session({ userId: 'u1', flash: 'Saved' }, t0 + 2 * EXPIRY_WRITE_SLACK_MS), () => resolve()));
  assert.equal((await stored()).expiresAt.getTime(), t0 + 2 * EXPIRY_WRITE_SLACK_MS);
});
