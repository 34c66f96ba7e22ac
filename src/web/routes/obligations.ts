/** "My work", the compliance dashboard and its CSV, the rule pages, and the forms that record, correct and close obligations. */
import type { Services } from '../../services/index.ts';
import { englandAndWales } from '../../domain/calendar/index.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { getObligation } from '../../domain/deadlines/index.ts';
import { compliancePeriod } from '../../domain/deadlines/compliance.ts';
import { ROLE_LABELS, type Role } from '../../domain/access/index.ts';
import { mayRecordEventKind } from '../../domain/access/recording.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../services/errors.ts';
import type { ObligationFilter, RecordingChoices } from '../../services/obligations.ts';
import { z } from 'zod';
import { defineRoute, type RouteRequest } from '../../http/route.ts';
import { PageForm, IdParams, Uuid, AnyQuery } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import {
  DRILL,
  SHOW,
  drillTabs,
  agreementAnswerRow,
  backTo,
  childEventFields,
  closeFields,
  closePage,
  correctionFields,
  dashboardFields,
  dashboardTotals,
  groupTable,
  householdEventFields,
  reviewFields,
  reviewInput,
  myWorkTabs,
  notComputedLine,
  obligationsCsv,
  obligationsTable,
  planningActionRow,
  ruleList,
  ruleSources,
  ruleSummary,
  type Drill,
  type Show,
} from '../presenters/obligations.ts';
import { formatDate } from '../presenters/common.ts';
import { queueViews } from '../presenters/work.ts';
import { saveBanner, setFlash } from '../flash.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type DashboardQuery = { from: IsoDate; to: IsoDate; teamId?: string | undefined; obligationId?: string | undefined };

/** The period and filters of the dashboard from its query; by default the last three months up to today. */
function dashboardQuery(query: unknown, fields: Field[], today: IsoDate): { ok: true; q: DashboardQuery } | { ok: false; errors: FieldError[] } {
  const input = formToInput(query, fields) as { from?: string; to?: string; teamId?: string; obligationId?: string };
  // Links (the CSV download) carry the period as YYYY-MM-DD rather than as day, month and year.
  input.from ||= queryString(query, 'from') ?? '';
  input.to ||= queryString(query, 'to') ?? '';
  const period = compliancePeriod(input, today, (d, n) => englandAndWales.addCalendarMonths(d, n));
  const errors: FieldError[] = period.ok ? [] : [...period.errors];
  if (input.obligationId && !getObligation(input.obligationId)) errors.push({ field: 'obligationId', message: 'Select an obligation from the list' });
  if (input.teamId && !/^[0-9a-f-]{36}$/i.test(input.teamId)) errors.push({ field: 'teamId', message: 'Select a team from the list' });
  if (!period.ok || errors.length) return { ok: false, errors };
  return { ok: true, q: { from: period.from, to: period.to, teamId: input.teamId || undefined, obligationId: input.obligationId || undefined } };
}

const InstanceParams = z.object({ instance: z.string() });
const EventParams = z.object({ id: Uuid, eventId: Uuid });

/** Correcting a recorded event works the same on a child and on a household. */
const correction = {
  child: { url: paths.obligations.correctEvent, back: paths.children.show },
  household: { url: paths.obligations.correctHouseholdEvent, back: paths.households.show },
} as const;

export const obligationRoutes = (services: Services) => {
  const s = services.obligations;

  const teamItems = async () => (await s.teams()).map((t) => ({ value: t.id, text: t.name }));

  const childPage = (childId: string, choices: RecordingChoices, kind: string | undefined, role: Role) => ({
    title: 'Record what happened',
    caption: choices.subject.label,
    action: paths.obligations.newChildEvent(childId),
    backLink: paths.children.show(childId),
    submitText: 'Record',
    fields: childEventFields(kind, choices, s.today(), (k) => mayRecordEventKind(role, k)),
  });

  const reviewPage = (childId: string, choices: RecordingChoices, feedback: Awaited<ReturnType<typeof s.feedbackForNextReview>>) => ({
    title: 'Record a looked-after review',
    caption: choices.subject.label,
    action: paths.obligations.newReview(childId),
    backLink: paths.children.show(childId),
    submitText: 'Record the review',
    fields: reviewFields(s.today()),
    context: {
      heading: "The carers' and keyworker's feedback for this review",
      rows: feedback.map((f) => ({ key: `${formatDate(f.eventDate)}${f.recordedByName ? `, recorded by ${f.recordedByName}` : ''}`, value: f.evidence })),
      empty: 'No written feedback has been recorded since the last review. The supervising social worker records it under "Record what happened".',
    },
  });

  const householdPage = (householdId: string, choices: RecordingChoices) => ({
    title: 'Record what happened',
    caption: choices.subject.label,
    action: paths.obligations.newHouseholdEvent(householdId),
    backLink: paths.households.show(householdId),
    submitText: 'Record',
    fields: householdEventFields(choices),
  });

  const correctionPage = async (subject: keyof typeof correction, req: RouteRequest<typeof EventParams>) => {
    const where = correction[subject];
    const { id, eventId } = req.params;
    const e = await s.getEvent(req.ctx(), subject, id, eventId);
    return {
      e,
      page: {
        title: `Correct: ${e.kindLabel}`,
        caption: `Recorded ${formatDate(e.eventDate)}${e.recordedByName ? ` by ${e.recordedByName}` : ''}`,
        action: where.url(id, eventId),
        backLink: where.back(id),
        submitText: 'Save correction',
        fields: correctionFields(e.kind === 'parent_and_child_review_held'),
        version: e.version,
      },
    };
  };

  return [
    defineRoute({
      method: 'GET',
      url: paths.obligations.close(),
      access: 'obligation:close',
      audit: 'obligation.listed',
      params: InstanceParams,
      handler: async (req, reply) => {
        const r = await s.getOne(req.ctx(), req.params.instance);
        return renderForm(reply, { ...closePage(r), values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.obligations.close(),
      access: 'obligation:close',
      audit: 'obligation.closed',
      body: PageForm,
      params: InstanceParams,
      handler: async (req, reply) => {
        const id = req.params.instance;
        try {
          const closed = await s.close(req.ctx(), id, formToInput(req.body, closeFields));
          return reply.redirect(backTo(closed), 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          const r = await s.getOne(req.ctx(), id);
          return renderForm(reply, { ...closePage(r), values: redisplayValues(req.body) }, err.errors);
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.obligations.myWork,
      access: 'obligation:read',
      audit: 'obligation.listed',
      handler: async (req, reply) => {
        const actor = req.actor!;
        const showParam = queryString(req.query, 'show');
        const show: Show = showParam && showParam in SHOW ? (showParam as Show) : 'open';
        const filter: ObligationFilter = { responsibleUserId: actor.userId, status: SHOW[show].statuses };
        const { items, truncated, notComputed, today } = await s.list(req.ctx(), filter);
        const count = (st: (typeof items)[number]['status']) => items.filter((r) => r.status === st).length;
        const canRecord = (kind: string) => mayRecordEventKind(actor.role, kind);
        const queues = await services.work.queues(req.ctx(), show === 'open' ? items : (await s.list(req.ctx(), { responsibleUserId: actor.userId, status: SHOW.open.statuses })).items);
        const actions = await services.planning.openTasksFor(req.ctx(), actor.userId);
        // The placement team hears back: each agreement answer waits here until a placement officer marks it seen.
        const answers = actor.role === 'placement_officer' ? await services.proposals.answersToAcknowledge(req.ctx()) : [];
        return reply.view('pages/my-work.njk', {
          queues: queueViews(queues),
          agreementAnswers: answers.map(agreementAnswerRow),
          actions: actions.map((t) => planningActionRow(t, today)),
          title: 'My work',
          today: formatDate(today),
          role: ROLE_LABELS[actor.role],
          show,
          tabs: myWorkTabs(show),
          overdue: count('overdue'),
          dueSoon: count('due_soon'),
          table: obligationsTable(items, { canRecord, withSubject: true, withRule: false, withResponsible: false }),
          truncated,
          notComputed: notComputed.map(notComputedLine),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.obligations.dashboard,
      access: 'obligation:dashboard',
      audit: 'obligation.dashboard.viewed',
      query: AnyQuery,
      handler: async (req, reply) => {
        const fields = dashboardFields(await teamItems());
        // A team manager opens their own team's figures; "All teams" (an empty choice) shows everyone's.
        const asked = req.query;
        const ownTeam = req.actor?.role === 'team_manager' && req.actor.teamId && !('teamId' in asked) ? { teamId: req.actor.teamId } : {};
        const parsed = dashboardQuery({ ...asked, ...ownTeam }, fields, s.today());
        const page = { title: 'Compliance with statutory timescales', fields, action: paths.obligations.dashboard };
        if (!parsed.ok) {
          return reply.code(400).view('pages/obligations-dashboard.njk', { ...page, values: redisplayValues(req.query), errors: parsed.errors, errorList: errorList(parsed.errors, fields) });
        }
        const q = parsed.q;
        const d = await s.dashboard(req.ctx(), q);
        const csvQuery = new URLSearchParams({ from: q.from, to: q.to, ...(q.teamId ? { teamId: q.teamId } : {}), ...(q.obligationId ? { obligationId: q.obligationId } : {}) });
        const others = { canRecord: false, withSubject: true, withResponsible: true };
        return reply.view('pages/obligations-dashboard.njk', {
          ...page,
          values: { ...redisplayValues(req.query), from: q.from, to: q.to, teamId: q.teamId ?? '', obligationId: q.obligationId ?? '' },
          errors: [],
          period: `${formatDate(q.from)} to ${formatDate(q.to)}`,
          today: formatDate(d.today),
          totals: dashboardTotals(d.totals),
          byTeam: groupTable('Team', d.byTeam, (g) => (UUID.test(g.key) ? paths.obligations.team(g.key) : null)),
          byWorker: groupTable('Worker', d.byWorker, (g) => (UUID.test(g.key) ? paths.obligations.worker(g.key) : null)),
          byObligation: groupTable('Obligation', d.byObligation, (g) => paths.obligations.rule(g.key)),
          overdueTable: obligationsTable(d.overdue, { ...others, canClose: !!req.actor && services.can(req.actor, 'obligation:close'), withRule: false }),
          overdueMore: d.overdueTotal - d.overdue.length,
          startedWithoutAgreementTable: obligationsTable(d.startedWithoutAgreement, { ...others, withRule: false }),
          startedWithoutAgreementMore: d.startedWithoutAgreementTotal - d.startedWithoutAgreement.length,
          missedTable: obligationsTable(d.missed, { ...others, withRule: true }),
          missedMore: d.missedTotal - d.missed.length,
          csvHref: `${paths.obligations.dashboardCsv}?${csvQuery.toString()}`,
          notComputed: d.notComputed.length,
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.obligations.dashboardCsv,
      access: 'obligation:dashboard',
      audit: 'obligation.exported',
      handler: async (req, reply) => {
        const parsed = dashboardQuery(req.query, dashboardFields([]), s.today());
        if (!parsed.ok) throw new ValidationError(parsed.errors);
        const q = parsed.q;
        const rows = await s.exportRows(req.ctx(), { teamId: q.teamId, obligationId: q.obligationId, dueFrom: q.from, dueTo: q.to, includeOverdue: true });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="obligations-${q.from}-to-${q.to}.csv"`)
          .header('cache-control', 'no-store')
          .send(obligationsCsv(rows));
      },
    }),

    // A manager drills down from the dashboard into one team's or one worker's obligations ------------

    ...(['team', 'worker'] as const).map((scope) =>
      defineRoute({
        method: 'GET',
        url: paths.obligations[scope](),
        access: 'obligation:dashboard',
        audit: 'obligation.listed',
        params: IdParams,
        query: AnyQuery,
        handler: async (req, reply) => {
          const { id } = req.params;
          const showParam = queryString(req.query, 'show');
          const show: Drill = showParam && showParam in DRILL ? (showParam as Drill) : 'overdue';
          const who =
            scope === 'team'
              ? (await s.teams()).find((t) => t.id === id)?.name
              : (await services.users.options({ includeInactive: true })).find((u) => u.id === id)?.fullName;
          if (!who) throw new NotFoundError(scope === 'team' ? 'Team' : 'Worker');
          const filter: ObligationFilter = { ...(scope === 'team' ? { teamId: id } : { responsibleUserId: id }), status: DRILL[show].statuses };
          const { items, truncated, today } = await s.list(req.ctx(), filter);
          const count = (st: (typeof items)[number]['status']) => items.filter((r) => r.status === st).length;
          const overdue = show === 'overdue' ? items.length : count('overdue');
          const base = paths.obligations[scope](id);
          return reply.view('pages/obligations-drill.njk', {
            caption: scope === 'team' ? 'Team' : 'Worker',
            title: `${DRILL[show].label}: ${who}`,
            today: formatDate(today),
            overdue,
            dueSoon: show === 'overdue' ? '–' : count('due_soon'),
            tabs: drillTabs(base, show),
            table: obligationsTable(items, { canRecord: () => false, canClose: true, withSubject: true, withRule: false, withResponsible: scope === 'team' }),
            truncated,
            empty: show === 'overdue' ? 'Nothing is overdue.' : 'Nothing to do.',
            backHref: paths.obligations.dashboard,
          });
        },
      }),
    ),

    defineRoute({
      method: 'GET',
      url: paths.obligations.rules,
      access: 'signed-in',
      audit: 'none',
      handler: async (_req, reply) => reply.view('pages/rules.njk', { title: 'Statutory obligations', rules: ruleList() }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.obligations.rule(),
      access: 'signed-in',
      audit: 'none',
      params: z.object({ obligation: z.string() }),
      handler: async (req, reply) => {
        const d = getObligation(req.params.obligation);
        if (!d) throw new NotFoundError('Rule');
        return reply.view('pages/rule.njk', { title: d.title, rule: d.rule, rows: ruleSummary(d), sources: ruleSources(d) });
      },
    }),

    // Recording what happened for a child --------------------------------------------------------

    defineRoute({
      method: 'GET',
      url: paths.obligations.newChildEvent(),
      access: 'obligation:record',
      audit: 'child.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const choices = await s.recordingChoices(req.ctx(), id);
        const values = { kind: queryString(req.query, 'kind') ?? '', placementId: queryString(req.query, 'placementId') ?? '', aboutChildId: queryString(req.query, 'aboutChildId') ?? '' };
        return renderForm(reply, { ...childPage(id, choices, values.kind, req.actor!.role), values });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.obligations.newChildEvent(),
      access: 'obligation:record',
      audit: 'obligation.event.recorded',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const choices = await s.recordingChoices(req.ctx(), id);
        const kind = req.body?.kind;
        return handleFormPost(reply, req.body, childPage(id, choices, typeof kind === 'string' ? kind : undefined, req.actor!.role), async (input) => {
          await s.recordChildEvent(req.ctx(), id, input);
          setFlash(req, saveBanner.childEvent(String(input.kind)));
          return `${paths.children.show(id)}#obligations`;
        });
      },
    }),

    // The independent reviewing officer records a looked-after review ----------------------------

    defineRoute({
      method: 'GET',
      url: paths.obligations.newReview(),
      access: 'obligation:record',
      audit: 'child.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        if (!mayRecordEventKind(req.actor!.role, 'review_held')) throw new ForbiddenError('Your role does not record looked-after reviews');
        const choices = await s.recordingChoices(req.ctx(), id);
        return renderForm(reply, { ...reviewPage(id, choices, await s.feedbackForNextReview(req.ctx(), id)), values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.obligations.newReview(),
      access: 'obligation:record',
      audit: 'obligation.event.recorded',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const choices = await s.recordingChoices(req.ctx(), id);
        return handleFormPost(reply, req.body, reviewPage(id, choices, await s.feedbackForNextReview(req.ctx(), id)), async (input) => {
          await s.recordReview(req.ctx(), id, reviewInput(input));
          return `${paths.children.show(id)}#obligations`;
        });
      },
    }),

    // Correcting a recorded event, on a child or a household -------------------------------------

    ...(['child', 'household'] as const).flatMap((subject) => [
      defineRoute({
        method: 'GET',
        url: correction[subject].url(),
        access: 'obligation:record',
        audit: 'obligation.listed',
        params: EventParams,
        handler: async (req, reply) => {
          const { e, page } = await correctionPage(subject, req);
          return renderForm(reply, { ...page, values: { eventDate: e.eventDate, periodEndsOn: e.periodEndsOn ?? '', evidence: e.evidence } });
        },
      }),

      defineRoute({
        method: 'POST',
        url: correction[subject].url(),
        access: 'obligation:record',
        audit: 'obligation.event.corrected',
        body: PageForm,
        params: EventParams,
        handler: async (req, reply) => {
          const { id, eventId } = req.params;
          const { page } = await correctionPage(subject, req);
          return handleFormPost(reply, req.body, page, async (input) => {
            await s.correctEvent(req.ctx(), subject, id, eventId, versionFrom(req.body), input);
            return `${correction[subject].back(id)}#recorded-events`;
          });
        },
      }),
    ]),

    // Recording what happened for a household ---------------------------------------------------

    defineRoute({
      method: 'GET',
      url: paths.obligations.newHouseholdEvent(),
      access: 'obligation:record',
      audit: 'household.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const choices = await s.householdRecordingChoices(req.ctx(), id);
        return renderForm(reply, { ...householdPage(id, choices), values: { kind: queryString(req.query, 'kind') ?? '', placementId: queryString(req.query, 'placementId') ?? '' } });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.obligations.newHouseholdEvent(),
      access: 'obligation:record',
      audit: 'obligation.event.recorded',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const choices = await s.householdRecordingChoices(req.ctx(), id);
        return handleFormPost(reply, req.body, householdPage(id, choices), async (input) => {
          await s.recordHouseholdEvent(req.ctx(), id, input);
          setFlash(req, saveBanner.householdEvent(String(input.kind)));
          return `${paths.households.show(id)}#obligations`;
        });
      },
    }),
  ];
};
