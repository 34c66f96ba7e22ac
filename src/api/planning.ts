import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { KIND_SPECS, PLANNING_KINDS, type FieldSpec, type PlanningKind } from '../domain/planning/kinds.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { KindSlug, VersionNumber, kindSlug } from '../http/planning.ts';
import { placementTaskList } from '../web/presenters/planning.ts';
import { sendDocument } from '../http/files.ts';
import { Uuid } from '../http/schemas.ts';
import { docs, requireObject } from './helpers.ts';
import { z } from 'zod';
import { placementTaskObligations } from '../domain/planning/task-list.ts';
import type { PlanningVersionRow } from '../services/planning.ts';

const tag = 'Placement planning';
const DRAFT_VERSION = 'Send the version of the record you read (0 for a new record)';
const DRAFT_READ = 'Send the version of the draft you read';
const PlacementId = Uuid.meta({ description: 'Placement id' });
const PlacementParams = z.object({ id: PlacementId });
const RecordParams = z.object({ id: PlacementId, kind: KindSlug });
const VersionParams = RecordParams.extend({ n: VersionNumber });

function fieldSchema(f: FieldSpec): Record<string, unknown> {
  // Described, not enforced here: the service checks every answer and says what is wrong in words.
  const allowed = f.type === 'yesno' ? 'yes or no' : f.options ? `one of ${Object.keys(f.options).join(', ')}` : f.type === 'date' ? 'a date, YYYY-MM-DD' : f.type === 'user' ? 'the id of a member of staff' : null;
  const description = [f.label, f.hint, allowed ? `Give ${allowed}` : '', f.required ? 'Required to complete' : ''].filter(Boolean).join('. ');
  return { type: 'string', description };
}

/** The content of every kind of record, described field by field for the OpenAPI document. */
function contentSchema(): Record<string, unknown> {
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
    ...docs({ tag, summary: "A placement's first weeks: the task list with each step's status and due date, the records and the agreed actions", params: PlacementParams }),
    handler: async (req) => {
      const { id } = req.params;
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
    ...docs({ tag, summary: 'One record: its draft (or a suggested start), what still stops it being completed, and its completed versions', params: RecordParams }),
    handler: async (req) => {
      const { id, kind } = req.params;
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
    ...docs({
      tag,
      summary: 'Save the draft (replacing its content). Send version 0 for a record not yet saved, else the version you read',
      params: RecordParams,
      body: z.object({
        version: z.number({ error: DRAFT_VERSION }).int({ error: DRAFT_VERSION }).min(0, { error: DRAFT_VERSION }),
        // Described, not enforced here: the service checks every answer and says what is wrong in words.
        content: z.unknown().meta(contentSchema()),
      }),
    }),
    handler: async (req) => {
      const { id, kind } = req.params;
      const doc = await s.saveDraft(req.ctx(), id, kind, req.body.version, req.body.content);
      return { version: doc.version, issuedVersion: doc.issuedVersion, hasUnissuedChanges: doc.hasUnissuedChanges, content: doc.content };
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.planningComplete(),
    access: 'planning:write',
    audit: 'planning.completed',
    ...docs({
      tag,
      summary: 'Complete a new version from the saved draft (for the meeting: mark it held). Refused with every reason until the record is complete',
      params: RecordParams,
      body: z.object({ version: z.number({ error: DRAFT_READ }).int({ error: DRAFT_READ }).meta({ minimum: 1 }) }),
      status: 201,
    }),
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      return reply.code(201).send(presentVersion(id, kind, await s.complete(req.ctx(), id, kind, req.body.version)));
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
      ...docs({ tag, summary: a.summary, params: VersionParams, body: z.looseObject({}), status: 204 }),
      handler: async (req, reply) => {
        const { id, kind, n } = req.params;
        await a.run(req.ctx(), id, kind, n, requireObject(req.body));
        return reply.code(204).send();
      },
    });
  }

  route(api, {
    method: 'GET',
    url: paths.api.planningPdf(),
    access: 'placement:read',
    audit: 'planning.pdf.downloaded',
    ...docs({ tag, summary: 'Download a completed version as a PDF (minutes, placement plan, risk assessment, delegated authority)', params: VersionParams, produces: ['application/pdf'] }),
    handler: async (req, reply) => {
      const { id, kind, n } = req.params;
      return sendDocument(reply, await s.versionPdf(req.ctx(), id, kind, n));
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.taskComplete(),
    access: 'planning:write',
    audit: 'task.completed',
    ...docs({
      tag,
      summary: 'Mark an action agreed at the Placement Planning Meeting as done',
      params: z.object({ taskId: Uuid }),
      response: z.object({ id: Uuid, completedOn: z.string().nullable(), note: z.string().nullable(), version: z.number().int() }),
      // Described, not enforced here: the service checks the date and note and says what is wrong in words.
      body: z.looseObject({}).meta({
        required: ['completedOn', 'version'],
        properties: { completedOn: { type: 'string', format: 'date' }, note: { type: 'string', maxLength: 1000 }, version: { type: 'integer', minimum: 1 } },
      }),
    }),
    handler: async (req) => {
      const t = await s.completeTask(req.ctx(), req.params.taskId, requireObject(req.body));
      return { id: t.id, completedOn: t.completedOn, note: t.note, version: t.version };
    },
  });
}
