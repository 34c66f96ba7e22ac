import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from '../services/errors.ts';
import { isApi } from './auth.ts';
import { sendProblem } from '../http/problem.ts';
import { loggableError } from '../logging.ts';

/** Turns errors into GOV.UK error pages or RFC 9457 problem responses. Never leaks internals. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    if (isApi(req)) return sendProblem(reply, 404, 'Not found', `No route for ${req.method} ${req.url.split('?')[0]}`);
    return reply.code(404).view('errors/error.njk', { status: 404, title: 'Page not found' });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, title, detail, errors } = classify(err);
    if (status >= 500) req.log.error({ error: loggableError(err) }, 'request failed');
    else req.log.info({ code: err.code, status }, title);
    if (isApi(req)) return sendProblem(reply, status, title, detail, errors ? { errors } : {});
    return reply.code(status).view('errors/error.njk', { status, title, detail });
  });
}

function classify(err: FastifyError): { status: number; title: string; detail?: string; errors?: { field: string; message: string }[] } {
  if (err instanceof ValidationError) return { status: 400, title: 'Invalid input', detail: 'There is a problem with what was sent.', errors: err.errors };
  if (err instanceof NotFoundError) return { status: 404, title: 'Not found', detail: err.message };
  if (err instanceof StaleRecordError) return { status: 409, title: 'Edit conflict', detail: err.message };
  if (err instanceof ForbiddenError) return { status: 403, title: 'Forbidden', detail: err.message };
  switch (err.code) {
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return { status: 403, title: 'Your form has expired', detail: 'The form could not be checked (CSRF). Go back, reload the page and try again.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, title: 'Request too large', detail: 'The request body is larger than the service accepts.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, title: 'Unsupported media type', detail: 'Send application/json or a form.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, title: 'Invalid JSON', detail: 'The request body is not valid JSON.' };
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return { status: 429, title: 'Too many requests', detail: 'Wait a few minutes and try again.' };
  }
  if (err.statusCode === 429) return { status: 429, title: 'Too many attempts', detail: 'Too many attempts. Wait 15 minutes and try again.' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { status: err.statusCode, title: 'Bad request', detail: err.message };
  return { status: 500, title: 'Sorry, there is a problem with the service' };
}

/**
 * The page for a request the router could not read (framework errors come before sessions and the
 * template engine's request hooks, so this is a plain GOV.UK-styled page, not the layout).
 */
export function sendFrameworkErrorPage(reply: FastifyReply, status: number, title: string, detail: string): FastifyReply {
  const esc = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
  return reply.code(status).type('text/html; charset=utf-8').send(`<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>${esc(title)} – Hearth</title><link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css"></head><body class="govuk-template__body"><main class="govuk-main-wrapper govuk-width-container" id="main-content"><h1 class="govuk-heading-l">${esc(title)}</h1><p class="govuk-body">${esc(detail)}</p><p class="govuk-body"><a class="govuk-link" href="/">Go to the home page</a> (error ${status}).</p></main></body></html>`);
}
