import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { isValidIsoDate } from '../domain/dates.ts';
import { OBLIGATION_STATUSES, REGISTRY, getObligation, type ObligationDefinition, type ObligationStatus } from '../domain/deadlines/index.ts';
import { ChildEventInput, EventCorrectionInput, HouseholdEventInput, LookedAfterReviewInput } from '../domain/records/obligation-event.ts';
import { ROLES, ROLE_LABELS } from '../domain/access/index.ts';
import { ValidationError, type FieldError } from '../services/errors.ts';
import type { ObligationFilter } from '../services/obligations.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { queryString } from '../http/query.ts';
import { IdParams, Uuid, isUuid } from '../http/schemas.ts';
import { Created, RecordedEvent, describing } from './responses.ts';
import { Obligation, ObligationList } from './responses/obligations.ts';
import { bodyWithVersion, checkedByService, docs, pagingOf, pagingQuery, queryText, requireObject, withVersion } from './helpers.ts';

const tag = 'Obligations';
const STATUS_CODES = Object.keys(OBLIGATION_STATUSES) as ObligationStatus[];

/** The list's filters from the query string; every bad value is reported, none is ignored. */
function filterFrom(query: unknown, actorId: string): ObligationFilter {
  const errors: FieldError[] = [];
  const id = (name: string, what: string) => {
    const v = queryString(query, name);
    if (v === undefined) return undefined;
    if (name === 'responsibleUserId' && v === 'mine') return actorId;
    if (!isUuid(v)) errors.push({ field: name, message: `${what} must be an id (a UUID)` });
    return v;
  };
  const date = (name: string) => {
    const v = queryString(query, name);
    if (v !== undefined && !isValidIsoDate(v)) errors.push({ field: name, message: `${name} must be a real date, YYYY-MM-DD` });
    return v;
  };
  const obligationId = queryString(query, 'obligationId');
  if (obligationId && !getObligation(obligationId)) errors.push({ field: 'obligationId', message: `Unknown obligation: use one of ${REGISTRY.map((d) => d.id).join(', ')}` });
  const statusText = queryString(query, 'status');
  const status = statusText ? statusText.split(',').map((s) => s.trim()) : undefined;
  const badStatus = status?.filter((s) => !STATUS_CODES.includes(s as ObligationStatus)) ?? [];
  if (badStatus.length) errors.push({ field: 'status', message: `Unknown status ${badStatus.join(', ')}: use ${STATUS_CODES.join(', ')}` });
  const filter: ObligationFilter = {
    responsibleUserId: id('responsibleUserId', 'responsibleUserId'),
    teamId: id('teamId', 'teamId'),
    childId: id('childId', 'childId'),
    placementId: id('placementId', 'placementId'),
    householdId: id('householdId', 'householdId'),
    obligationId,
    status: status as ObligationStatus[] | undefined,
    dueFrom: date('dueFrom'),
    dueTo: date('dueTo'),
  };
  if (errors.length) throw new ValidationError(errors);
  return filter;
}

/** A rule of the obligations registry, as GET /obligations/rules gives it. */
function presentRule(d: ObligationDefinition) {
  return {
    id: d.id,
    scope: d.scope,
    title: d.title,
    rule: d.rule,
    source: d.source,
    otherSources: d.otherSources ?? [],
    trigger: d.trigger,
    dueRule: d.dueRule,
    responsibleRole: d.responsibleRole,
    responsibleRoleLabel: ROLE_LABELS[d.responsibleRole],
    completes: d.completes,
    notApplicableWhen: d.notApplicableWhen,
  };
}

const Source = z.object({
  ref: z.string().meta({ description: 'Short citation, e.g. "CPPCR reg 9(1)–(3)"' }),
  detail: z.string().meta({ description: 'What the source says, and where in it' }),
  confidence: z.enum(['V', 'R']).meta({ description: 'V: seen in the cited source; R: from a secondary source or recall' }),
  url: z.string().optional(),
});

const Rule = describing<ReturnType<typeof presentRule>>()(
  z.object({
    id: z.string().meta({ description: 'Stable id; its page is /rules/{id}' }),
    scope: z.enum(['child', 'household']),
    title: z.string(),
    rule: z.string().meta({ description: 'The rule in plain English' }),
    source: Source,
    otherSources: z.array(Source),
    trigger: z.string().meta({ description: 'What starts it' }),
    dueRule: z.string().meta({ description: 'How the due date is worked out' }),
    responsibleRole: z.enum(ROLES),
    responsibleRoleLabel: z.string(),
    completes: z.string().meta({ description: 'What completes it' }),
    notApplicableWhen: z.string(),
  }),
);

/**
 * Obligations (derived, read-only) and the events that complete them. The rules themselves are in
 * docs/rules/ and at GET /api/v1/obligations/rules.
 */
export function obligationApi(api: FastifyInstance, services: Services) {
  const s = services.obligations;

  route(api, {
    method: 'GET',
    url: paths.api.obligations,
    access: 'obligation:read',
    audit: 'obligation.listed',
    ...docs({
      tag,
      summary:
        'List statutory obligations derived from the records a page at a time, overdue first (oldest first), then due soon and not yet due (soonest first), then the closed ones (latest first), ties by id ' +
        '(500 unless `limit` says fewer; `total` counts every match, `truncated` says when more match than were sent; the obligations of children you may not read are neither listed nor counted). ' +
        'Each item has its status, due date, the due date in words, how the date was worked out, the rule and source, and the person responsible. ' +
        '`notComputed` lists records whose dates fall outside the bank-holiday data.',
      // Checked field by field by filterFrom, so that every bad value is reported in words.
      query: z.object({
        responsibleUserId: queryText('The responsible user (id), or "mine"'),
        teamId: queryText("The responsible user's team (id)"),
        obligationId: queryText(`One obligation: ${REGISTRY.map((d) => d.id).join(', ')}`),
        status: queryText(`Comma-separated statuses: ${STATUS_CODES.join(', ')}`),
        childId: queryText('One child (id)'),
        placementId: queryText('One placement (id)'),
        householdId: queryText('One foster household (id): its own obligations and those of placements with it'),
        dueFrom: queryText('Due on or after, YYYY-MM-DD'),
        dueTo: queryText('Due on or before, YYYY-MM-DD'),
        ...pagingQuery,
      }),
      response: ObligationList,
    }),
    handler: async (req) => s.listPage(req.ctx(), filterFrom(req.query, req.actor!.userId), pagingOf(req.query)),
  });

  route(api, {
    method: 'POST',
    url: paths.api.closeObligation(),
    access: 'obligation:close',
    audit: 'obligation.closed',
    ...docs({
      tag,
      summary:
        'Close an open obligation that can no longer be met {outcome: "missed" | "not_applicable", reason}: it leaves the overdue lists, stays in the history, and a missed one counts as missed in the compliance figures. Returns the obligation as the list gives it.',
      body: checkedByService(z.object({ outcome: z.enum(['missed', 'not_applicable']), reason: z.string() })),
      params: z.object({ instance: z.string().meta({ description: 'The obligation instance id, as the list gives it' }) }),
      response: Obligation,
    }),
    handler: async (req) => s.close(req.ctx(), req.params.instance, requireObject(req.body)),
  });

  route(api, {
    method: 'GET',
    url: paths.api.obligationRules,
    access: 'signed-in',
    audit: 'none',
    ...docs({
      tag,
      summary: 'The obligations registry: each rule in plain English with its source, trigger, due rule, responsible role and what completes it',
      response: z.array(Rule),
    }),
    handler: async () => REGISTRY.map(presentRule),
  });

  route(api, {
    method: 'GET',
    url: paths.api.childEvents(),
    access: 'obligation:read',
    audit: 'obligation.listed',
    ...docs({ tag, summary: 'The events recorded for a child (plans, meetings, visits, reviews, agreements…), newest first', params: IdParams, response: z.array(RecordedEvent) }),
    handler: async (req) => s.childEvents(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'POST',
    url: paths.api.childEvents(),
    access: 'obligation:record',
    audit: 'obligation.event.recorded',
    ...docs({
      tag,
      status: 201,
      summary: 'Record an event for a child; the obligations it completes follow. Placement events need placementId; an agreement needs aboutChildId.',
      body: ChildEventInput,
      params: IdParams,
      response: Created,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.recordChildEvent(req.ctx(), req.params.id, requireObject(req.body))),
  });

  route(api, {
    method: 'POST',
    url: paths.api.childReviews(),
    access: 'obligation:record',
    audit: 'obligation.event.recorded',
    ...docs({
      tag,
      status: 201,
      summary:
        "Record a looked-after review as the independent reviewing officer does: the date, how the child took part (REVIEW_CODE PN0–PN7), the decisions, whether the delegated authority and the placement plan were reviewed (a delegated authority review is recorded too), and whether the foster carers and the keyworker attended (carersAttendance, keyworkerAttendance: required). Who may record it: docs/rules/who-records-events.md.",
      body: LookedAfterReviewInput,
      params: IdParams,
      response: Created,
    }),
    handler: async (req, reply) => reply.code(201).send(await s.recordReview(req.ctx(), req.params.id, requireObject(req.body))),
  });

  for (const [subject, url] of [
    ['child', paths.api.childEvent()],
    ['household', paths.api.householdEvent()],
  ] as const) {
    route(api, {
      method: 'PUT',
      url,
      access: 'obligation:record',
      audit: 'obligation.event.corrected',
      ...docs({
        tag,
        summary: `Correct a ${subject}'s recorded event: its date or evidence, with the reason (send the version you read). The previous values are kept in the audit trail.`,
        body: withVersion(EventCorrectionInput),
        response: RecordedEvent,
        params: z.object({ id: Uuid, eventId: Uuid }),
      }),
      handler: async (req) => {
        const { id, eventId } = req.params;
        const { version, rest } = bodyWithVersion(req.body);
        await s.correctEvent(req.ctx(), subject, id, eventId, version, rest);
        return s.getEvent(req.ctx(), subject, id, eventId);
      },
    });
  }

  route(api, {
    method: 'GET',
    url: paths.api.householdEvents(),
    access: 'obligation:read',
    audit: 'obligation.listed',
    ...docs({ tag, summary: 'The events recorded for a foster household (carer reviews, changes of terms of approval), newest first', params: IdParams, response: z.array(RecordedEvent) }),
    handler: async (req) => s.householdEvents(req.ctx(), req.params.id),
  });

  route(api, {
    method: 'POST',
    url: paths.api.householdEvents(),
    access: 'obligation:record',
    audit: 'obligation.event.recorded',
    ...docs({ tag, status: 201, summary: 'Record a foster carer review or a change of terms of approval for a household', body: HouseholdEventInput, params: IdParams, response: Created }),
    handler: async (req, reply) => reply.code(201).send(await s.recordHouseholdEvent(req.ctx(), req.params.id, requireObject(req.body))),
  });
}
