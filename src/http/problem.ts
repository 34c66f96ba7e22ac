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

/**
 * What the server writes on the socket when Node cannot parse a request at all (headers too large,
 * a malformed request line): a problem+json answer like every other refusal, then it closes.
 */
export function clientErrorResponse(err: { code?: string }): string {
  const [status, reason, title, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Request headers too large', 'The request headers are larger than the service accepts.']
      : err.code === 'HPE_URI_TOO_LONG' || err.code === 'ERR_HTTP_REQUEST_URI_TOO_LONG'
        ? [414, 'URI Too Long', 'Address too long', 'The address is longer than the service accepts.']
        : [400, 'Bad Request', 'Bad request', 'The request could not be read.'];
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
