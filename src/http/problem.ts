import type { FastifyReply } from 'fastify';
import type { FieldError } from '../services/errors.ts';

/** RFC 9457 problem details for the JSON API. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  title: string,
  detail?: string,
  extra: { errors?: FieldError[]; [k: string]: unknown } = {},
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), instance: reply.request.url.split('?')[0], ...extra });
}
