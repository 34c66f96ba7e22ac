import type { FastifyInstance, FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { Services } from '../../services/index.ts';
import { englandAndWales } from '../../domain/calendar/index.ts';
import { formatDate, type IsoDate } from '../../domain/dates.ts';
import { CHILD_EVENT_KINDS, HOUSEHOLD_EVENT_KINDS, REGISTRY, getObligation, type ObligationStatus } from '../../domain/deadlines/index.ts';
import { compliancePeriod, formatShare, type ComplianceCounts, type ComplianceGroup } from '../../domain/deadlines/compliance.ts';
import { ROLE_LABELS } from '../../domain/access/index.ts';
import { PLACEMENT_EVENT_KINDS } from '../../domain/records/obligation-event.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import { REVIEW_CODES } from '../../domain/ssda903/return-codes.ts';
import { NotFoundError, ValidationError, type FieldError } from '../../services/errors.ts';
import { CLOSE_OUTCOMES, type ObligationFilter, type ObligationRow, type RecordingChoices } from '../../services/obligations.ts';
import { z } from 'zod';
import { route, type RouteRequest } from '../../http/route.ts';
import { PageForm, IdParams, Uuid, AnyQuery } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, handleFormPost, itemsFrom, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { obligationsTable } from '../presenters/obligations.ts';
import { escapeHtml, link } from '../html.ts';

/** What "My work" shows: the open obligations by default. */
const SHOW = {
  open: { label: 'To do', statuses: ['overdue', 'due_soon', 'not_yet_due'] as ObligationStatus[] },
  done: { label: 'Completed', statuses: ['completed_on_time', 'completed_late'] as ObligationStatus[] },
  all: { label: 'All', statuses: [] as ObligationStatus[] },
};
type Show = keyof typeof SHOW;

const dashboardFields = (teams: { value: string; text: string }[]): Field[] => [
  { name: 'from', label: 'Due from', type: 'date', hint: 'The first due date of the period, for example 1 4 2026' },
  { name: 'to', label: 'Due up to', type: 'date', hint: 'The last due date of the period, for example 30 6 2026' },
  { name: 'teamId', label: 'Team', type: 'select', items: teams, placeholder: 'All teams' },
  { name: 'obligationId', label: 'Obligation', type: 'select', items: REGISTRY.map((d) => ({ value: d.id, text: d.title })), placeholder: 'All obligations' },
];

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

const countCells = (c: ComplianceCounts) => [
  { text: String(c.overdue), format: 'numeric' },
  { text: String(c.dueSoon), format: 'numeric' },
  { text: String(c.onTime + c.late + c.missed), format: 'numeric' },
  { text: String(c.onTime), format: 'numeric' },
  { text: formatShare(c.onTimeShare), format: 'numeric' },
];

const countHead = (first: string) => [
  { text: first },
  { text: 'Overdue now', format: 'numeric' },
  { text: 'Due soon', format: 'numeric' },
  { text: 'Fell due in the period', format: 'numeric' },
  { text: 'Done on time', format: 'numeric' },
  { text: 'On time', format: 'numeric' },
];

function groupTable(first: string, groups: ComplianceGroup[], href?: (g: ComplianceGroup) => string | null) {
  return {
    head: countHead(first),
    rows: groups.map((g) => {
      const target = href?.(g);
      return [{ html: target ? link(target, g.label) : escapeHtml(g.label) }, ...countCells(g)];
    }),
  };
}

/** Spreadsheet programs run cells that start with these as formulas: prefix them so they stay text. */
const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function obligationsCsv(rows: readonly ObligationRow[]): string {
  const header = [
    'obligation_id',
    'obligation',
    'status',
    'started_on',
    'due_on',
    'completed_on',
    'due_in_words',
    'child_reference',
    'household_reference',
    'responsible_role',
    'responsible_person',
    'team',
    'source',
  ];
  const body = rows.map((r) => [
    r.obligationId,
    r.title,
    r.statusLabel,
    r.startedOn,
    r.dueOn,
    r.completedOn ?? '',
    r.dueText,
    r.child?.reference ?? '',
    r.household?.reference ?? '',
    r.responsible.roleLabel,
    r.responsible.name ?? '',
    r.responsible.teamName ?? '',
    r.sourceRef,
  ]);
  return stringify([header, ...body.map((cells) => cells.map(safeCell))], { record_delimiter: 'windows' });
}

function childEventFields(kind: string | undefined, choices: RecordingChoices, today: string): Field[] {
  const known = kind && kind in CHILD_EVENT_KINDS ? (kind as keyof typeof CHILD_EVENT_KINDS) : undefined;
  const fields: Field[] = [
    { name: 'kind', label: 'What happened', type: 'select', items: Object.entries(CHILD_EVENT_KINDS).map(([value, text]) => ({ value, text })) },
    { name: 'eventDate', label: 'Date it happened', type: 'date', hint: 'For example, 27 3 2026. It cannot be in the future.' },
  ];
  if (!known || PLACEMENT_EVENT_KINDS.has(known)) {
    fields.push({ name: 'placementId', label: 'Placement', type: 'select', items: choices.placements.map((p) => ({ value: p.id, text: p.label })), hint: 'Plans, meetings, notifications, visits, agreements and support plans belong to one placement' });
  }
  if (!known || known === 'agreement_recorded') {
    fields.push({
      name: 'aboutChildId',
      label: 'Child already placed whose social worker agreed',
      type: 'select',
      items: choices.otherChildren.map((c) => ({ value: c.id, text: c.label })),
      hint: 'Only for a written agreement to a concurrent placement',
    });
  }
  if (!known || known === 'review_held') {
    fields.push({
      name: 'participationCode',
      label: 'How the child took part in the review',
      hint: 'Looked-after reviews only. PN0 if, and only if, the child was under 4 on the review date',
      type: 'select',
      items: itemsFrom(codesWithLabels(REVIEW_CODES, collectionYearOn(today))),
    });
  }
  if (!known || known === 'parent_and_child_review_held') {
    fields.push({ name: 'periodEndsOn', label: 'End of the next review period (optional)', type: 'date', hint: 'Only for a parent-and-child placement review that extends the assessment' });
  }
  fields.push({ name: 'evidence', label: 'Evidence', type: 'textarea', hint: 'Where the document is kept, who attended, or what was agreed. Do not paste the document itself.' });
  return fields;
}

const householdEventFields = (choices: RecordingChoices): Field[] => [
  { name: 'kind', label: 'What happened', type: 'select', items: Object.entries(HOUSEHOLD_EVENT_KINDS).map(([value, text]) => ({ value, text })) },
  { name: 'eventDate', label: 'Date it happened', type: 'date', hint: 'For example, 27 3 2026. It cannot be in the future.' },
  {
    name: 'placementId',
    label: 'Placement (optional)',
    type: 'select',
    items: choices.placements.map((p) => ({ value: p.id, text: p.label })),
    hint: 'For a change of terms of approval: the placement the new terms cover. For an extension of a temporary approval: the placement with the connected person',
  },
  {
    name: 'extendedUntil',
    label: 'For an extension of a temporary approval: the date it runs until (optional)',
    type: 'date',
    hint: 'At most 8 weeks after the first 16 weeks end (CPPCR reg 25)',
  },
  { name: 'evidence', label: 'Evidence', type: 'textarea', hint: 'For example, the panel minute or the decision letter and where it is kept' },
];

const correctionFields = (withPeriod: boolean): Field[] => [
  { name: 'eventDate', label: 'Date it happened', type: 'date', hint: 'For example, 27 3 2026' },
  ...(withPeriod ? [{ name: 'periodEndsOn', label: 'End of the next review period (optional)', type: 'date' as const }] : []),
  { name: 'evidence', label: 'Evidence', type: 'textarea' as const },
  { name: 'reason', label: 'Why are you correcting this record?', type: 'textarea' as const, hint: 'For example, "the date was typed wrongly". The previous values are kept in the record\'s history.' },
];

/** "My work", the compliance dashboard and its CSV, the rule pages, and the forms that record events. */
/** Closing an obligation that can no longer be met: missed or not applicable, with the reason. */
const closeFields: Field[] = [
  { name: 'outcome', label: 'Why is it closed?', type: 'radios', items: itemsFrom(CLOSE_OUTCOMES, false) },
  { name: 'reason', label: 'Reason', type: 'textarea', hint: 'For example, "the child returned home before the review could be held". It is kept in the record’s history' },
];

/** Where to go back to from an obligation: its child, else its household. */
const backTo = (r: ObligationRow) => (r.child ? paths.children.show(r.child.id) : r.household ? paths.households.show(r.household.id) : paths.obligations.dashboard);

export function obligationRoutes(app: FastifyInstance, services: Services) {
  const s = services.obligations;

  const closePage = (r: ObligationRow) => ({
    title: 'Close an obligation',
    caption: `${r.title}: ${r.child ? r.child.name : `household ${r.household?.reference ?? ''}`}, due ${formatDate(r.dueOn)} (${r.dueText})`,
    warning: 'Close an obligation only when it can no longer be met. A missed obligation leaves the overdue lists but counts as missed in the compliance figures.',
    action: paths.obligations.close(r.id),
    backLink: backTo(r),
    fields: closeFields,
    submitText: 'Close the obligation',
  });

  route(app, {
    method: 'GET',
    url: paths.obligations.close(),
    access: 'obligation:close',
    audit: 'obligation.listed',
    params: z.object({ instance: z.string() }),
    handler: async (req, reply) => {
      const r = await s.getOne(req.ctx(), req.params.instance);
      return renderForm(reply, { ...closePage(r), values: {} });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.obligations.close(),
    access: 'obligation:close',
    audit: 'obligation.closed',
    body: PageForm,
    params: z.object({ instance: z.string() }),
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
  });

  route(app, {
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
      const count = (st: ObligationStatus) => items.filter((r) => r.status === st).length;
      const canRecord = services.can(actor, 'obligation:record');
      const actions = await services.planning.openTasksFor(req.ctx(), actor.userId);
      // The placement team hears back: each agreement answer waits here until a placement officer marks it seen.
      const answers = actor.role === 'placement_officer' ? await services.proposals.answersToAcknowledge(req.ctx()) : [];
      return reply.view('pages/my-work.njk', {
        agreementAnswers: answers.map((a) => ({
          cells: [
            { html: `${link(paths.proposals.show(a.proposalId), a.existingChildLabel)}<br><span class="govuk-body-s">Household ${escapeHtml(a.householdReference)}</span>` },
            { html: `<strong class="govuk-tag ${a.status === 'agreed' ? 'govuk-tag--green' : 'govuk-tag--red'}">${a.status === 'agreed' ? 'Agreed' : 'Declined'}</strong>` },
            {
              text: `${a.responderName ?? ''}${a.responderRole ? `, ${a.responderRole}` : ''}${a.onBehalfReason ? ` (for the social worker: ${a.onBehalfReason})` : ''}${a.respondedOn ? `, ${formatDate(a.respondedOn)}` : ''}`,
            },
          ],
          action: paths.agreements.acknowledge(a.id),
          version: a.version,
          label: `${a.status === 'agreed' ? 'agreement' : 'refusal'} about ${a.existingChildLabel}`,
        })),
        actions: actions.map((t) => [
          { html: link(paths.planning.task(t.id), t.description) },
          { html: link(paths.children.show(t.child.id), `${t.child.firstName} ${t.child.lastName}`) },
          { html: t.dueOn < today ? `${escapeHtml(formatDate(t.dueOn))} <strong class="govuk-tag govuk-tag--red">Overdue</strong>` : escapeHtml(formatDate(t.dueOn)) },
        ]),
        title: 'My work',
        today: formatDate(today),
        role: ROLE_LABELS[actor.role],
        show,
        tabs: Object.entries(SHOW).map(([key, v]) => ({ key, label: v.label, href: `${paths.obligations.myWork}?show=${key}`, current: key === show })),
        overdue: count('overdue'),
        dueSoon: count('due_soon'),
        table: obligationsTable(items, { canRecord, withSubject: true, withRule: false, withResponsible: false }),
        truncated,
        notComputed: notComputed.map((n) => ({ html: `${n.subjectType === 'child' ? 'Child' : 'Household'} ${escapeHtml(n.reference)}: ${escapeHtml(n.reason)}` })),
      });
    },
  });

  async function teamItems() {
    const teams = await s.teams();
    return teams.map((t) => ({ value: t.id, text: t.name }));
  }

  route(app, {
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
      return reply.view('pages/obligations-dashboard.njk', {
        ...page,
        values: { ...redisplayValues(req.query), from: q.from, to: q.to, teamId: q.teamId ?? '', obligationId: q.obligationId ?? '' },
        errors: [],
        period: `${formatDate(q.from)} to ${formatDate(q.to)}`,
        today: formatDate(d.today),
        totals: {
          overdue: d.totals.overdue,
          dueSoon: d.totals.dueSoon,
          fell: d.totals.onTime + d.totals.late + d.totals.missed,
          onTime: d.totals.onTime,
          late: d.totals.late,
          missed: d.totals.missed,
          share: formatShare(d.totals.onTimeShare),
        },
        byTeam: groupTable('Team', d.byTeam),
        byWorker: groupTable('Worker', d.byWorker, (g) => (/^[0-9a-f-]{36}$/.test(g.key) ? paths.users.show(g.key) : null)),
        byObligation: groupTable('Obligation', d.byObligation, (g) => paths.obligations.rule(g.key)),
        overdueTable: obligationsTable(d.overdue, { canRecord: false, canClose: !!req.actor && services.can(req.actor, 'obligation:close'), withSubject: true, withRule: false, withResponsible: true }),
        overdueMore: d.overdueTotal - d.overdue.length,
        startedWithoutAgreementTable: obligationsTable(d.startedWithoutAgreement, { canRecord: false, withSubject: true, withRule: false, withResponsible: true }),
        startedWithoutAgreementMore: d.startedWithoutAgreementTotal - d.startedWithoutAgreement.length,
        missedTable: obligationsTable(d.missed, { canRecord: false, withSubject: true, withRule: true, withResponsible: true }),
        missedMore: d.missedTotal - d.missed.length,
        csvHref: `${paths.obligations.dashboardCsv}?${csvQuery.toString()}`,
        notComputed: d.notComputed.length,
      });
    },
  });

  route(app, {
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
  });

  route(app, {
    method: 'GET',
    url: paths.obligations.rules,
    access: 'signed-in',
    audit: 'none',
    handler: async (_req, reply) =>
      reply.view('pages/rules.njk', {
        title: 'Statutory obligations',
        rules: REGISTRY.map((d) => ({ href: paths.obligations.rule(d.id), title: d.title, source: d.source.ref, rule: d.rule })),
      }),
  });

  route(app, {
    method: 'GET',
    url: paths.obligations.rule(),
    access: 'signed-in',
    audit: 'none',
    params: z.object({ obligation: z.string() }),
    handler: async (req, reply) => {
      const d = getObligation(req.params.obligation);
      if (!d) throw new NotFoundError('Rule');
      const sources = [d.source, ...(d.otherSources ?? [])];
      return reply.view('pages/rule.njk', {
        title: d.title,
        rule: d.rule,
        rows: [
          { key: { text: 'What starts it' }, value: { text: d.trigger } },
          { key: { text: 'When it is due' }, value: { text: d.dueRule } },
          { key: { text: 'Who is responsible' }, value: { text: ROLE_LABELS[d.responsibleRole] } },
          { key: { text: 'What completes it' }, value: { text: d.completes } },
          { key: { text: 'When it does not apply' }, value: { text: d.notApplicableWhen } },
        ],
        sources: sources.map((src) => ({
          ref: src.ref,
          detail: src.detail,
          url: src.url,
          confidence: src.confidence === 'V' ? 'Checked against the source' : 'From a secondary source: check before relying on the wording',
        })),
      });
    },
  });

  // Recording what happened for a child --------------------------------------------------------

  const childPage = (childId: string, choices: RecordingChoices, kind: string | undefined) => {
    return {
      title: 'Record what happened',
      caption: choices.subject.label,
      action: paths.obligations.newChildEvent(childId),
      backLink: paths.children.show(childId),
      submitText: 'Record',
      fields: childEventFields(kind, choices, s.today()),
    };
  };

  route(app, {
    method: 'GET',
    url: paths.obligations.newChildEvent(),
    access: 'obligation:record',
    audit: 'child.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      const choices = await s.recordingChoices(req.ctx(), id);
      const values = { kind: queryString(req.query, 'kind') ?? '', placementId: queryString(req.query, 'placementId') ?? '', aboutChildId: queryString(req.query, 'aboutChildId') ?? '' };
      return renderForm(reply, { ...childPage(id, choices, values.kind), values });
    },
  });

  route(app, {
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
      return handleFormPost(reply, req.body, childPage(id, choices, typeof kind === 'string' ? kind : undefined), async (input) => {
        await s.recordChildEvent(req.ctx(), id, input);
        return `${paths.children.show(id)}#obligations`;
      });
    },
  });

  // Correcting a recorded event, on a child or a household -------------------------------------

  const EventParams = z.object({ id: Uuid, eventId: Uuid });
  const correction = {
    child: { url: paths.obligations.correctEvent, back: paths.children.show },
    household: { url: paths.obligations.correctHouseholdEvent, back: paths.households.show },
  } as const;

  for (const subject of ['child', 'household'] as const) {
    const where = correction[subject];
    const correctionPage = async (req: RouteRequest<typeof EventParams>) => {
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

    route(app, {
      method: 'GET',
      url: where.url(),
      access: 'obligation:record',
      audit: 'obligation.listed',
      params: EventParams,
      handler: async (req, reply) => {
        const { e, page } = await correctionPage(req);
        return renderForm(reply, { ...page, values: { eventDate: e.eventDate, periodEndsOn: e.periodEndsOn ?? '', evidence: e.evidence } });
      },
    });

    route(app, {
      method: 'POST',
      url: where.url(),
      access: 'obligation:record',
      audit: 'obligation.event.corrected',
      body: PageForm,
      params: EventParams,
      handler: async (req, reply) => {
        const { id, eventId } = req.params;
        const { page } = await correctionPage(req);
        return handleFormPost(reply, req.body, page, async (input) => {
          await s.correctEvent(req.ctx(), subject, id, eventId, versionFrom(req.body), input);
          return `${where.back(id)}#recorded-events`;
        });
      },
    });
  }

  // Recording what happened for a household ---------------------------------------------------

  const householdPage = (householdId: string, choices: RecordingChoices) => ({
    title: 'Record what happened',
    caption: choices.subject.label,
    action: paths.obligations.newHouseholdEvent(householdId),
    backLink: paths.households.show(householdId),
    submitText: 'Record',
    fields: householdEventFields(choices),
  });

  route(app, {
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
  });

  route(app, {
    method: 'POST',
    url: paths.obligations.newHouseholdEvent(),
    access: 'obligation:record',
    audit: 'obligation.event.recorded',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply: FastifyReply) => {
      const { id } = req.params;
      const choices = await s.householdRecordingChoices(req.ctx(), id);
      return handleFormPost(reply, req.body, householdPage(id, choices), async (input) => {
        await s.recordHouseholdEvent(req.ctx(), id, input);
        return `${paths.households.show(id)}#obligations`;
      });
    },
  });
}
