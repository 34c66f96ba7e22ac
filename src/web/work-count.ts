/**
 * The count beside "My work" in the navigation: how many items wait in the person's work queues
 * (src/services/work.ts). Kept a minute per person, and forgotten by everyone after any change made
 * through the service (a request submitted appears in the placement team's count on their next page).
 */
import type { Services } from '../services/index.ts';
import type { Actor } from '../services/context.ts';

const KEEP_MS = 60_000;

export function createWorkCount(services: Services) {
  const cache = new Map<string, { count: number; at: number }>();
  return {
    /** The count, or null if it could not be read (the page is still shown, without it). */
    async get(actor: Actor): Promise<number | null> {
      const hit = cache.get(actor.userId);
      if (hit && Date.now() - hit.at < KEEP_MS) return hit.count;
      try {
        const count = await services.work.count(actor);
        cache.set(actor.userId, { count, at: Date.now() });
        return count;
      } catch {
        return null;
      }
    },
    forgetAll(): void {
      cache.clear();
    },
  };
}
