/**
 * A signed-in session ends a fixed time after sign-in however busy it is (SESSION_ABSOLUTE_HOURS), as
 * well as after a time without requests (SESSION_IDLE_MINUTES, kept by the session store's expiry).
 * A session with no sign-in time (made before sign-in times were kept) has ended.
 */
export function sessionHasEnded(signedInAt: unknown, nowMs: number, absoluteMs: number): boolean {
  return typeof signedInAt !== 'number' || nowMs - signedInAt >= absoluteMs;
}
