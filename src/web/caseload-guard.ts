/**
 * The route guard of caseload access (src/domain/access/caseload.ts): before the handler of any
 * route about one child (`/children/:id…`, `/api/v1/children/:id…`) or one household, the person's
 * access to that record is checked against what the route's declared action needs. Someone who may
 * not read the child sees the card ("this child exists, ask this person") with "break the glass";
 * the API answers 403 with whom to ask. The audit writer's backstop (src/audit/caseload.ts) checks
 * again whatever the handler shows or changes, so a route this guard does not recognise is still held.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services/index.ts';
import { accessNeededBy, VIEW_ACTIONS } from '../audit/events.ts';
import { isUuid } from '../domain/ids.ts';
import { GLASS_HOURS, allows } from '../domain/access/caseload.ts';
import { NotFoundError } from '../services/errors.ts';
import { sendProblem } from '../http/problem.ts';
import { paths } from '../http/paths.ts';
import { isApi } from './auth.ts';
import type { ChildCard } from '../services/access.ts';

const CHILD_URL = /^(?:\/api\/v1)?\/children\/:id(?:\/|$)/;
const HOUSEHOLD_URL = /^(?:\/api\/v1)?\/households\/:id(?:\/|$)/;

/** The rows of the card: what anyone may know of a child they cannot see. */
export function cardRows(card: ChildCard) {
  return [
    { key: { text: 'Reference' }, value: { text: card.reference } },
    ...(card.name ? [{ key: { text: 'Name' }, value: { text: card.name } }] : []),
    { key: { text: 'Ask' }, value: { text: card.ask ? `${card.ask.name}, ${card.ask.role}` : 'The placement team or a team manager' } },
  ];
}

export function renderCard(reply: FastifyReply, card: ChildCard, status: number, form: { values?: Record<string, unknown>; errors?: { field: string; message: string }[] } = {}) {
  const errors = form.errors ?? [];
  return reply.code(status).view('access/card.njk', {
    title: card.restricted ? 'This record is restricted' : 'This child is not on your caseload',
    card,
    rows: cardRows(card),
    glassHours: GLASS_HOURS,
    glassAction: paths.access.breakGlass(card.id),
    values: form.values ?? {},
    errors,
    errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
  });
}

export function registerCaseloadGuard(app: FastifyInstance, services: Services): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.is404 || reply.sent || !req.actor) return;
    const url = req.routeOptions.url ?? '';
    const audit = req.routeOptions.config?.audit;
    if (!audit || audit === 'none') return;
    const isChild = CHILD_URL.test(url);
    if (!isChild && !HOUSEHOLD_URL.test(url)) return;
    const id = (req.params as { id?: unknown } | undefined)?.id;
    if (!isUuid(id)) return; // the route answers 404
    const need = accessNeededBy(audit);
    if (need === 'none') return;
    const ctx = { actor: req.actor, correlationId: req.id };
    try {
      if (isChild) {
        const access = await services.access.toChild(ctx, id);
        const ok = need === 'placement' ? access.placementWrite || access.level === 'write' : allows(access.level, need === 'write' ? 'write' : 'read');
        if (ok) return;
        // Refused: whom to ask is worked out only now.
        const { card } = await services.access.forChild(ctx, id);
        const ask = card.ask ? ` Ask ${card.ask.name} (${card.ask.role}, ${card.ask.email}).` : '';
        if (isApi(req)) {
          return sendProblem(reply, 403, 'Forbidden', access.level === 'card' ? `This child is not on your caseload, or the record is restricted.${ask}` : `You can read this child's record but not change it.${ask}`);
        }
        if (access.level === 'card' && req.method === 'GET') {
          // The child's own page shows the card; any other page of the child says the same, refused.
          const shown = await services.access.showCard(ctx, id);
          return renderCard(reply, shown, url === paths.children.show() ? 200 : 403);
        }
        return reply.code(403).view('errors/error.njk', {
          status: 403,
          title: 'You cannot change this child’s record',
          detail: `${access.level === 'card' ? 'This child is not on your caseload.' : 'You can read this record, but only the child’s social worker, their team and their managers change it.'}${ask}`,
        });
      }
      const { level, ask } = await services.access.forHousehold(ctx, id);
      const householdNeed = VIEW_ACTIONS.has(audit) ? 'read' : 'write';
      if (allows(level, householdNeed)) return;
      const detail = `${level === 'card' ? 'This household is not supervised by your team.' : 'You can read this household’s record, but only its supervising social worker’s team and the placement team change it.'}${ask ? ` Ask ${ask}.` : ''}`;
      if (isApi(req)) return sendProblem(reply, 403, 'Forbidden', detail);
      return reply.code(403).view('errors/error.njk', { status: 403, title: 'You cannot see or change this household’s record', detail });
    } catch (err) {
      if (err instanceof NotFoundError) return; // the route answers 404
      throw err;
    }
  });
}
