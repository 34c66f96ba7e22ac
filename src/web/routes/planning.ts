import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services/index.ts';
import { KIND_SPECS, YES_NO, mayWrite, type FieldSpec, type PlanningKind } from '../../domain/planning/kinds.ts';
import { groupsOf, type Content } from '../../domain/planning/content.ts';
import { TASK_STATUS_LABELS, type TaskItem, type TaskStatus } from '../../domain/planning/task-list.ts';
import { printableSections } from '../../domain/planning/printable.ts';
import { formatDate } from '../../domain/dates.ts';
import type { PlanningRecord } from '../../services/planning.ts';
import type { Actor, Ctx } from '../../services/context.ts';

/** What the page renderers need of a request. */
type PageRequest = { ctx: () => Ctx; actor?: Actor | null };
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { PageForm, QueryText, Uuid } from '../../http/schemas.ts';
import { KindSlug, VersionNumber, kindSlug } from '../../http/planning.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { errorList, formToInput, redisplayValues, versionFrom, type Field } from '../forms.ts';
import { sendDocument } from '../../http/files.ts';

const SHARE_FIELDS: Field[] = [
  { name: 'sharedOn', label: 'Date shared', type: 'date' },
  { name: 'sharedWith', label: 'Shared with', hint: 'For example, both foster carers, the birth mother and the IRO' },
];
const ACK_FIELDS: Field[] = [
  { name: 'acknowledgedOn', label: 'Date the carers acknowledged it', type: 'date' },
  { name: 'acknowledgedBy', label: 'Which carers', hint: 'The names of the carers who signed or confirmed it' },
  { name: 'acknowledgementNote', label: 'How (optional)', hint: 'For example, signed copy returned, or by e-mail' },
];
const TASK_FIELDS: Field[] = [
  { name: 'completedOn', label: 'Date it was done', type: 'date' },
  { name: 'note', label: 'Note (optional)', type: 'textarea' },
];


const RecordParams = z.object({ id: Uuid, kind: KindSlug });
const VersionParams = RecordParams.extend({ n: VersionNumber });

const SPARE_ROWS = 2;

type RowView = { legend: string; fields: Field[] };
type SectionView = { id: string; heading: string; hint?: string; fields: Field[]; group?: { name: string; label: string; hint?: string; rows: RowView[] } };

function toField(f: FieldSpec, name: string, staff: { id: string; name: string; role: string }[]): Field {
  const base = { name, label: f.label, ...(f.hint ? { hint: f.hint } : {}) };
  switch (f.type) {
    case 'textarea':
      return { ...base, type: 'textarea' };
    case 'date':
      return { ...base, type: 'date' };
    case 'select':
      return { ...base, type: 'select', items: Object.entries(f.options ?? {}).map(([value, text]) => ({ value, text })) };
    case 'radios':
      return { ...base, type: 'radios', items: Object.entries(f.options ?? {}).map(([value, text]) => ({ value, text })) };
    case 'yesno':
      return { ...base, type: 'radios', classes: 'govuk-radios--inline', items: Object.entries(YES_NO).map(([value, text]) => ({ value, text })) };
    case 'user':
      return { ...base, type: 'select', placeholder: 'Not a member of staff', items: staff.map((s) => ({ value: s.id, text: `${s.name} (${s.role})` })) };
    default:
      return { ...base, ...(f.max && f.max <= 20 ? { classes: 'govuk-input--width-10' } : {}) };
  }
}

/** How many rows a group shows: what it holds (or was posted with), at least its minimum, plus spare blank rows. */
function rowCount(groupName: string, content: Content, posted: Record<string, unknown> | null, maxRows: number, minRows: number): number {
  let held = Array.isArray(content[groupName]) ? (content[groupName] as unknown[]).length : 0;
  if (posted) {
    for (const key of Object.keys(posted)) {
      const m = new RegExp(`^${groupName}\\.(\\d+)\\.`).exec(key);
      if (m) held = Math.max(held, Number(m[1]) + 1);
    }
  }
  return Math.min(maxRows, Math.max(held + SPARE_ROWS, minRows));
}

/** The record's form: its sections, each group as numbered rows of fields named `group.index.field`. */
export function formSections(kind: PlanningKind, content: Content, staff: { id: string; name: string; role: string }[], posted: Record<string, unknown> | null = null): SectionView[] {
  return KIND_SPECS[kind].sections.map((s) => {
    const view: SectionView = { id: s.id, heading: s.heading, ...(s.hint ? { hint: s.hint } : {}), fields: (s.fields ?? []).map((f) => toField(f, f.name, staff)) };
    if (s.group) {
      const g = s.group;
      const n = rowCount(g.name, content, posted, g.maxRows, g.minRows ?? 0);
      view.group = {
        name: g.name,
        label: g.label,
        ...(g.hint ? { hint: g.hint } : {}),
        rows: Array.from({ length: n }, (_, i) => ({ legend: `${g.itemNoun.charAt(0).toUpperCase()}${g.itemNoun.slice(1)} ${i + 1}`, fields: g.fields.map((f) => toField(f, `${g.name}.${i}.${f.name}`, staff)) })),
      };
    }
    return view;
  });
}

const allFields = (sections: SectionView[]) => sections.flatMap((s) => [...s.fields, ...(s.group?.rows.flatMap((r) => r.fields) ?? [])]);

/** The form's flat values for the templates: `name` and `group.index.field`. */
function flatValues(content: Content): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(content)) {
    if (Array.isArray(v)) v.forEach((row, i) => Object.entries(row).forEach(([f, value]) => (out[`${k}.${i}.${f}`] = value)));
    else out[k] = v;
  }
  return out;
}

/** A posted form as the content the service checks: `group.index.field` keys become lists of rows, in order. */
export function contentFromForm(kind: PlanningKind, body: unknown, sections: SectionView[]): Record<string, unknown> {
  const flat = formToInput(body, allFields(sections));
  const out: Record<string, unknown> = {};
  const groups = new Set(groupsOf(kind).map((g) => g.name));
  const rows = new Map<string, Map<number, Record<string, unknown>>>();
  for (const [key, value] of Object.entries(flat)) {
    const [g, i, f] = key.split('.');
    if (g && i !== undefined && f && groups.has(g)) {
      const byIndex = rows.get(g) ?? new Map<number, Record<string, unknown>>();
      const row = byIndex.get(Number(i)) ?? {};
      row[f] = value;
      byIndex.set(Number(i), row);
      rows.set(g, byIndex);
    } else out[key] = value;
  }
  for (const g of groups) out[g] = [...(rows.get(g)?.entries() ?? [])].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return out;
}

/** The error summary's links: to the field (forms.ts errorList), or for a whole group to its section. */
function errorLinks(errors: FieldError[], sections: SectionView[]) {
  const links = errorList(errors, allFields(sections));
  return errors.map((e, i) => {
    const group = sections.find((s) => s.group?.name === e.field);
    return group ? { text: e.message, href: `#${group.id}` } : links[i]!;
  });
}

const TAG_CLASSES: Record<TaskStatus, string> = {
  completed: 'govuk-tag--green',
  in_progress: 'govuk-tag--light-blue',
  not_started: 'govuk-tag--blue',
  not_applicable: 'govuk-tag--grey',
  overdue: 'govuk-tag--red',
  changes_not_completed: 'govuk-tag--yellow',
};

/** The task list on the placement page: GOV.UK task list items. */
export function taskListItems(placementId: string, childId: string, items: TaskItem[]) {
  return items.map((t) => ({
    title: { text: t.title },
    hint: t.dueText ? { text: t.issuedVersion > 1 ? `${t.dueText}. Version ${t.issuedVersion}` : t.dueText } : undefined,
    href: t.key === 'notification' ? `${paths.obligations.newChildEvent(childId)}?kind=notification_sent&placementId=${placementId}` : paths.planning.record(placementId, kindSlug(t.key)),
    status: t.status === 'completed' || t.status === 'not_applicable' ? { text: TASK_STATUS_LABELS[t.status] } : { tag: { text: TASK_STATUS_LABELS[t.status], classes: TAG_CLASSES[t.status] } },
  }));
}

function versionRows(placementId: string, kind: PlanningKind, r: PlanningRecord) {
  const spec = KIND_SPECS[kind];
  return r.versions.map((v) => {
    const parts = [`<a class="govuk-link" href="${paths.planning.version(placementId, kindSlug(kind), v.number)}">View<span class="govuk-visually-hidden"> version ${v.number}</span></a>`];
    if (spec.pdf) parts.push(`<a class="govuk-link" href="${paths.planning.pdf(placementId, kindSlug(kind), v.number)}">PDF<span class="govuk-visually-hidden"> of version ${v.number}</span></a>`);
    return [
      { text: String(v.number) },
      { text: `${formatDate(v.completedOn)} by ${v.completedByName}` },
      ...(spec.shareable ? [{ text: v.sharedOn ? `${formatDate(v.sharedOn)} with ${v.sharedWith ?? ''}` : 'Not recorded' }] : []),
      ...(spec.acknowledged ? [{ text: v.acknowledgedOn ? `${formatDate(v.acknowledgedOn)} by ${v.acknowledgedBy ?? ''}` : 'Not yet' }] : []),
      { html: parts.join(' · ') },
    ];
  });
}

export function planningRoutes(app: FastifyInstance, services: Services) {
  const s = services.planning;

  async function renderRecord(reply: FastifyReply, req: PageRequest, placementId: string, kind: PlanningKind, errors: FieldError[] = [], posted: Record<string, unknown> | null = null, status?: number, saved = false) {
    const r = await s.get(req.ctx(), placementId, kind);
    const spec = KIND_SPECS[kind];
    const sections = formSections(kind, r.content, r.staff, posted);
    const canWrite = !!req.actor && services.can(req.actor, 'planning:write') && mayWrite(kind, req.actor.role);
    const name = `${r.placement.child.firstName} ${r.placement.child.lastName}`;
    return reply.code(status ?? (errors.length ? 400 : 200)).view('planning/record.njk', {
      title: spec.title,
      caption: `${name} with household ${r.placement.household.reference}`,
      backLink: paths.placements.show(placementId),
      spec,
      sections,
      values: posted ?? flatValues(r.content),
      errors,
      errorList: errorLinks(errors, sections),
      action: paths.planning.record(placementId, kindSlug(kind)),
      completeAction: paths.planning.complete(placementId, kindSlug(kind)),
      version: r.document?.version ?? 0,
      canWrite,
      saved,
      document: r.document,
      problems: r.document?.hasUnissuedChanges ? r.problems : [],
      extraFocusReasons: kind === 'support_plan' ? r.extraFocusReasons : [],
      fromRequest: r.fromRequest
        ? {
            reference: r.fromRequest.reference,
            href: paths.requests.show(r.fromRequest.id),
            rows: [
              { key: { text: 'Risk to themselves' }, value: { text: r.fromRequest.risks.riskToSelf || 'Not described' } },
              { key: { text: 'Risk from others' }, value: { text: r.fromRequest.risks.riskFromOthers || 'Not described' } },
              { key: { text: 'Risk to others' }, value: { text: r.fromRequest.risks.riskToOthers || 'Not described' } },
            ],
          }
        : null,
      versions: { head: [{ text: 'Version' }, { text: 'Completed' }, ...(spec.shareable ? [{ text: 'Shared' }] : []), ...(spec.acknowledged ? [{ text: "Carers' acknowledgement" }] : []), { text: 'Open' }], rows: versionRows(placementId, kind, r) },
    });
  }

  route(app, {
    method: 'GET',
    url: paths.planning.record(),
    access: 'placement:read',
    audit: 'planning.viewed',
    params: RecordParams,
    query: z.object({ saved: QueryText }),
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      return renderRecord(reply, req, id, kind, [], null, undefined, req.query.saved === '1');
    },
  });

  route(app, {
    method: 'POST',
    url: paths.planning.record(),
    access: 'planning:write',
    audit: 'planning.draft-saved',
    body: PageForm,
    params: RecordParams,
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      const posted = redisplayValues(req.body);
      const raw = Number(req.body?.version);
      const version = Number.isInteger(raw) && raw >= 0 ? raw : -1;
      try {
        const r = await s.get(req.ctx(), id, kind);
        const sections = formSections(kind, r.content, r.staff, posted);
        await s.saveDraft(req.ctx(), id, kind, version, contentFromForm(kind, req.body, sections));
        return reply.redirect(`${paths.planning.record(id, kindSlug(kind))}?saved=1`, 303);
      } catch (err) {
        if (err instanceof ValidationError) return renderRecord(reply, req, id, kind, err.errors, posted);
        if (err instanceof StaleRecordError) return renderRecord(reply, req, id, kind, [{ field: 'form', message: err.message }], posted, 409);
        throw err;
      }
    },
  });

  // A refused completion leaves the browser at …/complete: reloading it shows the record again.
  route(app, {
    method: 'GET',
    url: paths.planning.complete(),
    access: 'placement:read',
    audit: 'none',
    params: RecordParams,
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      return reply.redirect(paths.planning.record(id, kindSlug(kind)), 303);
    },
  });

  route(app, {
    method: 'POST',
    url: paths.planning.complete(),
    access: 'planning:write',
    audit: 'planning.completed',
    body: PageForm,
    params: RecordParams,
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      try {
        const version = versionFrom(req.body);
        const v = await s.complete(req.ctx(), id, kind, version);
        return reply.redirect(paths.planning.version(id, kindSlug(kind), v.number), 303);
      } catch (err) {
        if (err instanceof ValidationError) return renderRecord(reply, req, id, kind, err.errors);
        if (err instanceof StaleRecordError) return renderRecord(reply, req, id, kind, [{ field: 'form', message: err.message }], null, 409);
        throw err;
      }
    },
  });

  async function renderVersion(reply: FastifyReply, req: PageRequest, id: string, kind: PlanningKind, n: number, errors: FieldError[] = [], posted: Record<string, unknown> = {}) {
    const r = await s.get(req.ctx(), id, kind);
    const v = r.versions.find((x) => x.number === n);
    if (!v) throw new NotFoundError('Version');
    const spec = KIND_SPECS[kind];
    const names = new Map(r.staff.map((x) => [x.id, x.name]));
    const canWrite = !!req.actor && services.can(req.actor, 'planning:write') && mayWrite(kind, req.actor.role);
    const slug = kindSlug(kind);
    return reply.code(errors.length ? 400 : 200).view('planning/version.njk', {
      title: `${spec.title}: version ${v.number}`,
      caption: `${r.placement.child.firstName} ${r.placement.child.lastName} with household ${r.placement.household.reference}`,
      backLink: paths.planning.record(id, slug),
      version: v,
      sections: printableSections(kind, v.content as Content, names).map((x) => ({
        heading: x.heading,
        rows: x.fields?.map((f) => ({ key: { text: f.label }, value: { text: f.value ?? 'Not recorded' } })),
        table: x.table ? { caption: x.table.caption, head: x.table.columns.map((c) => ({ text: c })), rows: x.table.rows.map((r) => r.map((c) => ({ text: c || '—' }))) } : undefined,
        paragraphs: x.paragraphs ?? [],
      })),
      summary: [
        { key: { text: 'Completed' }, value: { text: `${formatDate(v.completedOn)} by ${v.completedByName}` } },
        ...(spec.shareable ? [{ key: { text: 'Shared' }, value: { text: v.sharedOn ? `${formatDate(v.sharedOn)} with ${v.sharedWith ?? ''}` : 'Not recorded' } }] : []),
        ...(spec.acknowledged
          ? [{ key: { text: "Carers' acknowledgement" }, value: { text: v.acknowledgedOn ? `${formatDate(v.acknowledgedOn)} by ${v.acknowledgedBy ?? ''}${v.acknowledgementNote ? ` (${v.acknowledgementNote})` : ''}` : 'Not yet' } }]
          : []),
      ],
      pdfHref: spec.pdf ? paths.planning.pdf(id, slug, v.number) : null,
      errors,
      errorList: errorList(errors, [...SHARE_FIELDS, ...ACK_FIELDS]),
      share: spec.shareable && canWrite ? { action: paths.planning.share(id, slug, v.number), fields: SHARE_FIELDS, values: posted, open: !v.sharedOn } : null,
      acknowledge: spec.acknowledged && canWrite && v.sharedOn ? { action: paths.planning.acknowledge(id, slug, v.number), fields: ACK_FIELDS, values: posted, open: !v.acknowledgedOn } : null,
    });
  }

  route(app, {
    method: 'GET',
    url: paths.planning.version(),
    access: 'placement:read',
    audit: 'planning.viewed',
    params: VersionParams,
    handler: async (req, reply) => {
      const { id, kind, n } = req.params;
      return renderVersion(reply, req, id, kind, n);
    },
  });

  route(app, {
    method: 'GET',
    url: paths.planning.pdf(),
    access: 'placement:read',
    audit: 'planning.pdf.downloaded',
    params: VersionParams,
    handler: async (req, reply) => {
      const { id, kind, n } = req.params;
      return sendDocument(reply, await s.versionPdf(req.ctx(), id, kind, n));
    },
  });

  for (const [url, fields, run, audit] of [
    [paths.planning.share(), SHARE_FIELDS, s.share, 'planning.shared'],
    [paths.planning.acknowledge(), ACK_FIELDS, s.acknowledge, 'planning.acknowledged'],
  ] as const) {
    route(app, {
      method: 'POST',
      url,
      access: 'planning:write',
      audit,
      params: VersionParams,
      body: PageForm,
      handler: async (req, reply) => {
        const { id, kind, n: number } = req.params;
        try {
          await run(req.ctx(), id, kind, number, { ...formToInput(req.body, fields), version: req.body?.version });
          return reply.redirect(paths.planning.version(id, kindSlug(kind), number), 303);
        } catch (err) {
          if (err instanceof ValidationError) return renderVersion(reply, req, id, kind, number, err.errors, redisplayValues(req.body));
          if (err instanceof StaleRecordError) return renderVersion(reply, req, id, kind, number, [{ field: 'form', message: err.message }], redisplayValues(req.body));
          throw err;
        }
      },
    });
  }

  async function renderTask(reply: FastifyReply, req: PageRequest, taskId: string, errors: FieldError[] = [], values: Record<string, unknown> = {}) {
    const { task, placement } = await s.task(req.ctx(), taskId);
    const canRecord = !!req.actor && services.can(req.actor, 'planning:write');
    return reply.code(errors.length ? 400 : 200).view('planning/task.njk', {
      title: 'Agreed action',
      caption: `${placement.child.firstName} ${placement.child.lastName} with household ${placement.household.reference}`,
      backLink: paths.placements.show(placement.id),
      task,
      summary: [
        { key: { text: 'Action' }, value: { text: task.description } },
        { key: { text: 'Owner' }, value: { text: task.ownerName } },
        { key: { text: 'Due' }, value: { text: formatDate(task.dueOn) } },
        { key: { text: 'Agreed at' }, value: { html: link(paths.planning.record(placement.id, 'ppm'), 'the Placement Planning Meeting') } },
        { key: { text: 'Done' }, value: { text: task.completedOn ? `${formatDate(task.completedOn)}${task.note ? `: ${task.note}` : ''}` : 'Not yet' } },
      ],
      form: !task.completedOn && canRecord ? { action: paths.planning.task(taskId), fields: TASK_FIELDS, values, version: task.version } : null,
      errors,
      errorList: errorList(errors, TASK_FIELDS),
    });
  }

  route(app, {
    method: 'GET',
    url: paths.planning.task(),
    access: 'placement:read',
    audit: 'task.listed',
    params: z.object({ taskId: Uuid }),
    handler: async (req, reply) => renderTask(reply, req, req.params.taskId),
  });

  route(app, {
    method: 'POST',
    url: paths.planning.task(),
    access: 'planning:write',
    audit: 'task.completed',
    body: PageForm,
    params: z.object({ taskId: Uuid }),
    handler: async (req, reply) => {
      const { taskId } = req.params;
      try {
        const t = await s.completeTask(req.ctx(), taskId, { ...formToInput(req.body, TASK_FIELDS), version: req.body?.version });
        return reply.redirect(`${paths.placements.show(t.placementId)}#planning-tasks`, 303);
      } catch (err) {
        if (err instanceof ValidationError || err instanceof StaleRecordError) {
          const errors = err instanceof ValidationError ? err.errors : [{ field: 'form', message: err.message }];
          return renderTask(reply, req, taskId, errors, redisplayValues(req.body));
        }
        throw err;
      }
    },
  });

  route(app, {
    method: 'GET',
    url: paths.planning.childDocument(),
    access: 'document:read',
    audit: 'document.downloaded',
    params: z.object({ id: Uuid, documentId: Uuid }),
    handler: async (req, reply) => {
      const { id, documentId } = req.params;
      return sendDocument(reply, await s.childDocumentContent(req.ctx(), id, documentId));
    },
  });
}

/** The placement page's sections for planning: the task list and the agreed actions. */
export function planningSections(placementId: string, childId: string, items: TaskItem[], tasks: { id: string; description: string; ownerName: string; dueOn: string; completedOn: string | null }[]) {
  return [
    {
      id: 'planning',
      title: 'The first weeks',
      taskList: taskListItems(placementId, childId, items),
    },
    {
      id: 'planning-tasks',
      title: 'Actions agreed at the Placement Planning Meeting',
      empty: 'No actions yet: they are added when the meeting is marked as held.',
      table: {
        head: [{ text: 'Action' }, { text: 'Owner' }, { text: 'Due' }, { text: 'Done' }],
        rows: tasks.map((t) => [
          { html: link(paths.planning.task(t.id), t.description) },
          { text: t.ownerName },
          { text: formatDate(t.dueOn) },
          { html: t.completedOn ? escapeHtml(formatDate(t.completedOn)) : '<strong class="govuk-tag govuk-tag--blue">Open</strong>' },
        ]),
      },
    },
  ];
}
