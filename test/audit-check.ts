/**
 * Audit as declared: every route names the audit action its use case writes (or 'none'). In every
 * test that builds the app through testWorld, each response is checked against the audit rows its
 * request wrote (found by the request's correlation id):
 * - a route declaring 'none' writes no audit row, whatever the answer;
 * - a route declaring an action and answering with success (2xx, or 3xx after a form) writes that
 *   action and no other;
 * - a route answering with a refusal or an error (4xx, 5xx) writes nothing but a failed sign-in.
 */
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/data/db.ts';

export type AuditMismatch = { method: string; url: string; route: string; status: number; declared: string; written: string[] };

export function auditChecker(database: Database) {
  const pending = new Set<Promise<void>>();
  const mismatches: AuditMismatch[] = [];

  async function check(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const config = req.routeOptions.config;
    if (config.kind !== 'page' && config.kind !== 'api') return;
    const declared = config.audit ?? '(undeclared)';
    const rows = await queryRows<{ action: string }>(database.db, sql`select action from audit_event where correlation_id = ${req.id} order by id`);
    const written = rows.map((r) => r.action);
    const status = reply.statusCode;
    const ok = conforms(declared, status, written);
    if (!ok) mismatches.push({ method: req.method, url: req.url, route: req.routeOptions.url ?? '', status, declared, written });
  }

  return {
    observe: (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const p = check(req, reply).catch(() => undefined).finally(() => pending.delete(p));
      pending.add(p);
      return Promise.resolve();
    },
    /** Waits for the checks still running and returns what did not conform. */
    async settle(): Promise<AuditMismatch[]> {
      await Promise.all([...pending]);
      if (process.env.AUDIT_CHECK_LOG && mismatches.length) fs.appendFileSync(process.env.AUDIT_CHECK_LOG, mismatches.map((m) => JSON.stringify(m)).join('\n') + '\n');
      return mismatches;
    },
  };
}

function conforms(declared: string, status: number, written: string[]): boolean {
  if (declared === 'none') return written.length === 0;
  if (status >= 400) return written.every((a) => a === 'auth.sign-in-failed');
  return written.length > 0 && written.every((a) => a === declared);
}
