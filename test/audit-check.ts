/**
 * Audit as declared. Every route names the audit action its use case writes (or 'none'). In every test
 * that builds the app through testWorld, each response is checked against the audit rows its request
 * wrote (found by the request's correlation id):
 * - a route declaring 'none' writes no audit row, whatever the answer;
 * - a route declaring an action writes only that action, the changes that action is declared to make
 *   as well (ACTION_CONSEQUENCES) and views (VIEW_ACTIONS: a page shows more than its main record);
 * - an answer refusing or failing (4xx, 5xx) writes no change at all, only views (a form shown again
 *   with its errors) or a failed sign-in.
 * And across the whole suite every route declaring an action is seen writing it at least once
 * (test/audit-coverage.ts reads what each test file saw from AUDIT_COVERAGE_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/data/db.ts';
import { ACTION_CONSEQUENCES, VIEW_ACTIONS, type AuditAction, type RouteAudit } from '../src/audit/events.ts';

export type AuditMismatch = { method: string; url: string; route: string; status: number; declared: string; written: string[] };

/** Whether what a request wrote is what its route declares (see the header). */
export function conforms(declared: RouteAudit, status: number, written: readonly string[]): boolean {
  if (declared === 'none') return written.length === 0;
  const isView = (a: string) => VIEW_ACTIONS.has(a as AuditAction);
  if (status >= 400) return written.every((a) => isView(a) || (declared === 'auth.sign-in' && a === 'auth.sign-in-failed'));
  const allowed = new Set<string>([declared, ...(ACTION_CONSEQUENCES[declared] ?? [])]);
  return written.every((a) => allowed.has(a) || isView(a));
}

export function auditChecker(database: Database) {
  const pending = new Set<Promise<void>>();
  const mismatches: AuditMismatch[] = [];
  /** `METHOD /route` of each route seen writing its declared action (or answering 2xx with 'none'). */
  const covered = new Set<string>();

  async function check(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const config = req.routeOptions.config;
    if (config.kind !== 'page' && config.kind !== 'api') return;
    const declared = config.audit;
    const route = `${req.method} ${req.routeOptions.url ?? ''}`;
    const status = reply.statusCode;
    if (declared === undefined) {
      mismatches.push({ method: req.method, url: req.url, route, status, declared: '(none declared)', written: [] });
      return;
    }
    const rows = await queryRows<{ action: string }>(database.db, sql`select action from audit_event where correlation_id = ${req.id} order by id`);
    const written = rows.map((r) => r.action);
    const conforming = conforms(declared, status, written);
    if (!conforming) mismatches.push({ method: req.method, url: req.url, route, status, declared, written });
    // Proved only by a request that wrote its declared action and nothing it may not.
    else if (declared === 'none' ? status < 400 : written.includes(declared)) covered.add(route);
  }

  return {
    observe: (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const p: Promise<void> = check(req, reply)
        .catch((err: unknown) => {
          mismatches.push({ method: req.method, url: req.url, route: req.routeOptions.url ?? '', status: reply.statusCode, declared: 'check failed', written: [String(err)] });
        })
        .finally(() => pending.delete(p));
      pending.add(p);
      return Promise.resolve();
    },
    /** Waits for the checks still running; records what was covered; returns what did not conform. */
    async settle(): Promise<AuditMismatch[]> {
      await Promise.all([...pending]);
      const dir = process.env.AUDIT_COVERAGE_DIR;
      if (dir && covered.size > 0) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`), JSON.stringify([...covered]));
      }
      return mismatches;
    },
  };
}
