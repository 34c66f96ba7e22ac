import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { queryRows, type Db } from './db.ts';

const SWEEP_EVERY_MS = 10 * 60 * 1000;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
type StoreOptions = { continueExceeding?: boolean; exponentialBackoff?: boolean };

/**
 * A store for @fastify/rate-limit (its `store` option) backed by the rate_limit_counter table, so that
 * every Hearth process on one database counts the same attempts: ten wrong passwords are ten wherever
 * they were tried. The window is fixed, as in the plugin's own in-memory store: it starts at the
 * first hit and the count starts again once it has ended. Each hit is one atomic upsert, timed by the
 * database's clock so that processes on different machines agree. Keys are stored as SHA-256 digests
 * of the route and the limiter's key (an address and an account), never in the clear.
 * `continueExceeding` and `exponentialBackoff` are not supported and refused when configured.
 */
export function createRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  let lastSweep = 0;

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(options: StoreOptions, prefix = '') {
      if (options.continueExceeding || options.exponentialBackoff) {
        throw new Error('The database rate-limit store supports neither continueExceeding nor exponentialBackoff');
      }
      this.prefix = prefix;
    }

    private digest(key: string): string {
      return crypto.createHash('sha256').update(`${this.prefix}\u0000${key}`).digest('hex');
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const k = this.digest(key);
      const windowMs = Math.max(0, Math.trunc(timeWindow));
      queryRows<{ hits: number; ttl: number }>(
        db,
        sql`insert into rate_limit_counter as c (key, hits, window_ends_at)
            values (${k}, 1, now() + make_interval(secs => ${windowMs / 1000}))
            on conflict (key) do update set
              hits = case when c.window_ends_at <= now() then 1 else c.hits + 1 end,
              window_ends_at = case when c.window_ends_at <= now() then excluded.window_ends_at else c.window_ends_at end
            returning hits, greatest(0, extract(epoch from (window_ends_at - now())) * 1000)::float8 as ttl`,
      )
        .then(async ([row]) => {
          if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
            lastSweep = Date.now();
            await db.execute(sql`delete from rate_limit_counter where window_ends_at < now()`);
          }
          return row;
        })
        .then(
          (row) => cb(null, { current: Number(row?.hits ?? 1), ttl: Math.round(Number(row?.ttl ?? windowMs)) }),
          (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
        );
    }

    /** The count so far without adding to it (the plugin's `{ increment: false }`). */
    read(key: string, cb: Callback): void {
      queryRows<{ hits: number; ttl: number }>(
        db,
        sql`select hits, greatest(0, extract(epoch from (window_ends_at - now())) * 1000)::float8 as ttl
            from rate_limit_counter where key = ${this.digest(key)} and window_ends_at > now()`,
      ).then(
        ([row]) => cb(null, row ? { current: Number(row.hits), ttl: Math.round(Number(row.ttl)) } : { current: 0, ttl: 0 }),
        (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))),
      );
    }

    /**
     * One store per rate-limited route, its counters apart from every other route's. The plugin passes
     * the route's merged rate-limit options with `routeInfo` (the route), whatever its types say.
     */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const merged = routeOptions as unknown as StoreOptions & { routeInfo?: { method?: unknown; url?: unknown } };
      const info = merged.routeInfo ?? {};
      return new DatabaseRateLimitStore(merged, `${String(info.method ?? '')} ${String(info.url ?? '')}`);
    }
  }

  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
