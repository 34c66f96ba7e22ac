/**
 * The success banner after a save: the one mechanism every form post that redirects uses.
 *
 * A post that saves sets a message in the session (`setFlash`) and redirects; the next page drawn for
 * the signed-in person takes it out of the session (`takeFlash`, read by the layout through
 * `reply.locals.flash`) and shows it in a GOV.UK notification banner (success). A page post that
 * redirects without setting one gets SAVED_TEXT (`defaultFlash`, an onSend hook in src/app.ts), so no
 * save goes unacknowledged; a redirect that saves nothing (a confirmation not yet given, sign-in
 * steps) says so with `noFlash`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a save that names nothing more specific says. */
export const SAVED_TEXT = 'Your changes have been saved';

const quiet = new WeakSet<FastifyRequest>();

/** The banner the next page shows. */
export function setFlash(req: FastifyRequest, text: string): void {
  if (req.session) req.session.flash = text;
}

/** This redirect saved nothing: no banner on the next page. */
export function noFlash(req: FastifyRequest): void {
  quiet.add(req);
}

/** The message waiting for this person, removed from the session so it is shown once. */
export function takeFlash(req: FastifyRequest): string | undefined {
  const text = req.session?.flash;
  if (text !== undefined) delete req.session.flash;
  return text || undefined;
}

/** Audit actions whose redirects are not saves of a record (signing in and out). */
const NOT_SAVES = new Set<string>(['auth.sign-in', 'auth.sign-out', 'none']);

/**
 * For an onSend hook that runs before the session is saved: a page post by a signed-in person that
 * redirects (302, 303) with no banner set gets SAVED_TEXT.
 */
export function defaultFlash(req: FastifyRequest, reply: FastifyReply): void {
  if (req.method === 'GET' || req.method === 'HEAD' || !req.actor || !req.session) return;
  if (reply.statusCode !== 302 && reply.statusCode !== 303) return;
  const config = req.routeOptions.config as { kind?: string; audit?: string } | undefined;
  if (config?.kind !== 'page' || NOT_SAVES.has(config.audit ?? 'none')) return;
  if (quiet.has(req) || req.session.flash) return;
  req.session.flash = SAVED_TEXT;
}
