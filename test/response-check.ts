/**
 * Answers as declared. Every API route answering JSON declares the schema of its successful answer
 * (`doc.response`, carried in the route's config as `response`): it is the operation's entry in the
 * OpenAPI document. In every test that builds the app through testWorld, each 2xx JSON answer of such
 * a route is checked against it:
 * - the answer must pass the schema (every field's type, nullability and format: UUIDs, dates);
 * - and it must hold nothing the schema does not declare: the schema's objects drop fields they do not
 *   list, so the parsed answer must equal the answer as sent (a field the schema does not list, or a
 *   value it would change, is a mismatch).
 * A mismatch names the route, the request, the path of the field and the problem; the test file fails
 * when its world closes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export type AnswerMismatch = { route: string; url: string; status: number; problems: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** items[0].child.id */
const fieldPath = (path: readonly PropertyKey[]) => path.reduce<string>((at, k) => (typeof k === 'number' ? `${at}[${k}]` : at ? `${at}.${String(k)}` : String(k)), '');

/** Where the answer as sent and the answer as the schema reads it differ (at most ten places). */
export function differences(sent: unknown, parsed: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 10 || isDeepStrictEqual(sent, parsed)) return out;
  const at = path || '(the answer)';
  if (Array.isArray(sent) && Array.isArray(parsed) && sent.length === parsed.length) {
    sent.forEach((v, i) => differences(v, parsed[i], `${path}[${i}]`, out));
  } else if (isRecord(sent) && isRecord(parsed)) {
    for (const key of Object.keys(sent)) {
      const p = path ? `${path}.${key}` : key;
      if (!(key in parsed)) out.push(`${p}: not in the schema`);
      else differences(sent[key], parsed[key], p, out);
    }
    for (const key of Object.keys(parsed)) if (!(key in sent)) out.push(`${path ? `${path}.${key}` : key}: added by the schema (a default or transform)`);
  } else {
    out.push(`${at}: the schema reads ${JSON.stringify(sent)} as ${JSON.stringify(parsed)}`);
  }
  return out;
}

/** The problems of one answer with its route's schema, none when it conforms. */
export function answerProblems(schema: z.ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return parsed.error.issues.slice(0, 10).map((i) => `${fieldPath(i.path) || '(the answer)'}: ${i.message}`);
  return differences(body, parsed.data);
}

export function answerChecker() {
  const mismatches: AnswerMismatch[] = [];
  /** `METHOD /route` of each route seen answering 2xx JSON that matched its schema. */
  const covered = new Set<string>();
  return {
    observeAnswer(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
      const config = req.routeOptions.config;
      const status = reply.statusCode;
      if (config.kind !== 'api' || status < 200 || status >= 300) return;
      const route = `${req.method} ${req.routeOptions.url ?? ''}`;
      const type = String(reply.getHeader('content-type') ?? '');
      const schema = config.response;
      if (!schema) {
        // Only the OpenAPI document itself, no-content answers and downloads have no JSON schema.
        if (/json/.test(type) && !/openapi\.json$/.test(req.routeOptions.url ?? '')) mismatches.push({ route, url: req.url, status, problems: ['answers JSON but declares no response schema'] });
        return;
      }
      if (!/^application\/json/.test(type) || typeof payload !== 'string') {
        mismatches.push({ route, url: req.url, status, problems: [`declares a JSON answer but sent ${type || 'no content type'}`] });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(payload);
      } catch {
        mismatches.push({ route, url: req.url, status, problems: ['the answer is not JSON'] });
        return;
      }
      const problems = answerProblems(schema, body);
      if (problems.length) mismatches.push({ route, url: req.url, status, problems });
      else covered.add(route);
    },
    /** The routes seen answering as declared, and the answers that did not match their schema. */
    result: () => ({ covered: [...covered], mismatches }),
  };
}

export function describeMismatches(mismatches: readonly AnswerMismatch[]): string {
  return `API answers that do not match their declared response schema (src/api, doc.response):\n${mismatches
    .map((m) => `${m.route} (${m.status}, ${m.url}):\n${m.problems.map((p) => `  - ${p}`).join('\n')}`)
    .join('\n')}`;
}

/** Files of routes seen answering as declared, beside the audit coverage (test/audit-coverage.ts reads both). */
export const ANSWER_COVERAGE_PREFIX = 'answers-';

export function recordAnswerCoverage(covered: readonly string[]): void {
  const dir = process.env.AUDIT_COVERAGE_DIR;
  if (!dir || covered.length === 0) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${ANSWER_COVERAGE_PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`), JSON.stringify(covered));
}
