import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { KIND_SPECS, PLANNING_KINDS, type FieldSpec, type PlanningKind } from '../domain/planning/kinds.ts';
import { route } from '../web/route.ts';
import { paths } from '../web/paths.ts';
import { kindFromSlug, kindSlug, placementTaskList } from '../web/routes/planning.ts';
import { sendDocument } from '../web/routes/documents.ts';
import { requireObject } from './helpers.ts';
import { placementTaskObligations } from '../domain/planning/task-list.ts';
import { ValidationError } from '../services/errors.ts';
import type { PlanningVersionRow } from '../services/planning.ts';

const tag = 'Placement planning';
const SLUGS = PLANNING_KINDS.map(kindSlug);

const placementParam = { id: { type: 'string', format: 'uuid', description: 'Placement id' } };
const kindParam = { kind: { type: 'string', enum: SLUGS, description: 'The record: ' + SLUGS.join(', ') } };
const numberParam = { n: { type: 'string', pattern: '^[0-9]{1,6}$', description: 'Version number' } };
const params = (...parts: Record<string, unknown>[]) => ({ type: 'object', properties: Object.assign({}, ...parts), required: parts.flatMap((p) => Object.keys(p)) });

function fieldSchema(f: FieldSpec): Record<string, unknown> {
  // Described, not enforced here: the service checks every answer and says what is wrong in words.
  const allowed = f.type === 'yesno' ? 'yes or no' : f.options ? `one of ${Object.keys(f.options).join(', ')}` : f.type === 'date' ? 'a date, YYYY-MM-DD' : f.type === 'user' ? 'the id of a member of staff' : null;
  const description = [f.label, f.hint, allowed ? `Give ${allowed}` : '', f.required ? 'Required to complete' : ''].filter(Boolean).join('. ');
  return { type: 'string', description };
}

/** The content of every kind of record, described field by field for the OpenAPI document. */
function contentSchema() {
  return {
    type: 'object',
    description: 'The record\'s answers. Which fields apply depends on the kind: ' + PLANNING_KINDS.map((k) => `${kindSlug(k)} (${KIND_SPECS[k].title})`).join('; '),
    properties: Object.fromEntries(
      PLANNING_KINDS.flatMap((k) =>
        KIND_SPECS[k].sections.flatMap((s) => [
          ...(s.fields ?? []).map((f) => [f.name, fieldSchema(f)] as const),
          ...(s.group ? [[s.group.name, { type: 'array', maxItems: s.group.maxRows, description: s.group.label, items: { type: 'object', additionalProperties: true, properties: Object.fromEntries(s.group.fields.map((f) => [f.name, fieldSchema(f)])) } }] as const] : []),
        ]),
      ),
    ),
  };
}

const presentVersion = (placementId: string, kind: PlanningKind, v: PlanningVersionRow) => ({
  number: v.number,
  version: v.version,
  completedOn: v.completedOn,
  completedByName: v.completedByName,
  sharedOn: v.sharedOn,
  sharedWith: v.sharedWith,
  acknowledgedOn: v.acknowledgedOn,
  acknowledgedBy: v.acknowledgedBy,
  acknowledgementNote: v.acknowledgementNote,
  content: v.content,
  pdfUrl: KIND_SPECS[kind].pdf ? paths.api.planningPdf(placementId, kindSlug(kind), v.number) : null,
});

export function planningApi(api: FastifyInstance, services: Services) {
  const s = services.planning;

  route(api, {
    method: 'GET',
    url: paths.api.planning(),
    access: 'placement:read',
    audit: 'planning.viewed',
    schema: { tags: [tag], summary: "A placement's first weeks: the task list with each step's status and due date, the records and the agreed actions", params: params(placementParam) },
    handler: async (req) => {
      const { id } = req.params as { id: string };
      const o = await s.overview(req.ctx(), id);
      const own = await services.obligations.list(req.ctx(), { childId: o.placement.child.id });
      const relevant = placementTaskObligations(own.items, id);
      return {
        placementId: id,
        childId: o.placement.child.id,
        tasks: placementTaskList(o.placement.startDate, o.documents, relevant),
        records: o.documents.map((d) => ({ kind: d.kind, issuedVersion: d.issuedVersion, hasUnissuedChanges: d.hasUnissuedChanges, version: d.version, url: paths.api.planningRecord(id, kindSlug(d.kind)) })),
        actions: o.tasks.map((t) => ({ id: t.id, description: t.description, ownerName: t.ownerName, ownerUserId: t.ownerUserId, dueOn: t.dueOn, completedOn: t.completedOn, note: t.note, version: t.version })),
      };
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.planningRecord(),
    access: 'placement:read',
    audit: 'planning.viewed',
    schema: { tags: [tag], summary: 'One record: its draft (or a suggested start), what still stops it being completed, and its completed versions', params: params(placementParam, kindParam) },
    handler: async (req) => {
      const { id, kind: slug } = req.params as { id: string; kind: string };
      const kind = kindFromSlug(slug);
      const r = await s.get(req.ctx(), id, kind);
      return {
        kind,
        title: KIND_SPECS[kind].title,
        version: r.document?.version ?? 0,
        issuedVersion: r.document?.issuedVersion ?? 0,
        hasUnissuedChanges: r.document?.hasUnissuedChanges ?? false,
        content: r.content,
        problems: r.problems,
        extraFocusReasons: kind === 'support_plan' ? r.extraFocusReasons : [],
        versions: r.versions.map((v) => presentVersion(id, kind, v)),
      };
    },
  });

  route(api, {
    method: 'PUT',
    url: paths.api.planningRecord(),
    access: 'planning:write',
    audit: 'planning.draft-saved',
    schema: {
      tags: [tag],
      summary: 'Save the draft (replacing its content). Send version 0 for a record not yet saved, else the version you read',
      params: params(placementParam, kindParam),
      body: { type: 'object', required: ['version', 'content'], properties: { version: { type: 'integer', minimum: 0 }, content: contentSchema() } },
    },
    handler: async (req) => {
      const { id, kind: slug } = req.params as { id: string; kind: string };
      const body = requireObject(req.body);
      if (typeof body.version !== 'number' || !Number.isInteger(body.version) || body.version < 0) throw new ValidationError([{ field: 'version', message: 'Send the version of the record you read (0 for a new record)' }]);
      const doc = await s.saveDraft(req.ctx(), id, kindFromSlug(slug), body.version, body.content);
      return { version: doc.version, issuedVersion: doc.issuedVersion, hasUnissuedChanges: doc.hasUnissuedChanges, content: doc.content };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.planningComplete(),
    access: 'planning:write',
    audit: 'planning.completed',
    schema: {
      tags: [tag],
      summary: 'Complete a new version from the saved draft (for the meeting: mark it held). Refused with every reason until the record is complete',
      params: params(placementParam, kindParam),
      body: { type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } },
    },
    handler: async (req, reply) => {
      const { id, kind: slug } = req.params as { id: string; kind: string };
      const kind = kindFromSlug(slug);
      const body = requireObject(req.body);
      if (typeof body.version !== 'number' || !Number.isInteger(body.version)) throw new ValidationError([{ field: 'version', message: 'Send the version of the draft you read' }]);
      return reply.code(201).send(presentVersion(id, kind, await s.complete(req.ctx(), id, kind, body.version)));
    },
  });

  for (const a of [
    { action: 'share', run: s.share, audit: 'planning.shared', summary: 'Record that a completed version was shared: sharedOn, sharedWith. Send the version\'s version' },
    {
      action: 'acknowledge',
      run: s.acknowledge,
      audit: 'planning.acknowledged',
      summary: "Record the carers' acknowledgement of a shared version of the placement plan: acknowledgedOn, acknowledgedBy, acknowledgementNote. Send the version's version",
    },
  ] as const) {
    route(api, {
      method: 'POST',
      url: paths.api.planningVersionAction(':id', ':kind', ':n', a.action),
      access: 'planning:write',
      audit: a.audit,
      schema: { tags: [tag], summary: a.summary, params: params(placementParam, kindParam, numberParam) },
      handler: async (req, reply) => {
        const { id, kind, n } = req.params as { id: string; kind: string; n: string };
        await a.run(req.ctx(), id, kindFromSlug(kind), Number(n), requireObject(req.body));
        return reply.code(204).send();
      },
    });
  }

  route(api, {
    method: 'GET',
    url: paths.api.planningPdf(),
    access: 'placement:read',
    audit: 'planning.pdf.downloaded',
    schema: { tags: [tag], summary: 'Download a completed version as a PDF (minutes, placement plan, risk assessment, delegated authority)', params: params(placementParam, kindParam, numberParam), produces: ['application/pdf'] },
    handler: async (req, reply) => {
      const { id, kind, n } = req.params as { id: string; kind: string; n: string };
      return sendDocument(reply, await s.versionPdf(req.ctx(), id, kindFromSlug(kind), Number(n)));
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.taskComplete(),
    access: 'planning:write',
    audit: 'task.completed',
    schema: {
      tags: [tag],
      summary: 'Mark an action agreed at the Placement Planning Meeting as done',
      params: params({ taskId: { type: 'string', format: 'uuid' } }),
      body: { type: 'object', required: ['completedOn', 'version'], properties: { completedOn: { type: 'string', format: 'date' }, note: { type: 'string', maxLength: 1000 }, version: { type: 'integer', minimum: 1 } } },
    },
    handler: async (req) => {
      const t = await s.completeTask(req.ctx(), (req.params as { taskId: string }).taskId, requireObject(req.body));
      return { id: t.id, completedOn: t.completedOn, note: t.note, version: t.version };
    },
  });
}
