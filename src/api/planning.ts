import type { FastifyInstance } from 'fastify';
import { KIND_SPECS, PLANNING_KINDS, type FieldSpec, type PlanningKind } from '../domain/planning/kinds.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { KindSlug, VersionNumber, kindSlug } from '../http/planning.ts';
import { placementTaskList } from '../web/presenters/planning.ts';
import { sendDocument } from '../http/files.ts';
import { Uuid } from '../http/schemas.ts';
import { docs, requireObject } from './helpers.ts';
import { z } from 'zod';
import { TASK_ORDER, TASK_STATUS_LABELS, placementTaskObligations, type TaskStatus } from '../domain/planning/task-list.ts';
import type { PlanningVersionRow } from '../services/planning.ts';
import type { Services } from '../services/index.ts';
import type { Content } from '../domain/planning/content.ts';
import { Int, IsoDate, describing } from './responses.ts';

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
          ...(s.group ? [[s.group.name, { type: 'array', maxItems: s.group.maxRows, description: s.group.label, items: { type: 'object', additionalProperties: { type: 'string' }, properties: Object.fromEntries(s.group.fields.map((f) => [f.name, fieldSchema(f)])) } }] as const] : []),
        ]),
      ),
    ),
  };
}

type Planning = Services['planning'];
type Result<K extends keyof Planning> = Planning[K] extends (...args: never[]) => Promise<infer R> ? R : never;

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

/** A placement's first weeks as the API gives them. */
function presentOverview(id: string, o: Result<'overview'>, relevant: Parameters<typeof placementTaskList>[2]) {
  return {
    placementId: id,
    childId: o.placement.child.id,
    tasks: placementTaskList(o.placement.startDate, o.documents, relevant),
    records: o.documents.map((d) => ({ kind: d.kind, issuedVersion: d.issuedVersion, hasUnissuedChanges: d.hasUnissuedChanges, version: d.version, url: paths.api.planningRecord(id, kindSlug(d.kind)) })),
    actions: o.tasks.map((t) => ({ id: t.id, description: t.description, ownerName: t.ownerName, ownerUserId: t.ownerUserId, dueOn: t.dueOn, completedOn: t.completedOn, note: t.note, version: t.version })),
  };
}

/** One planning record as the API gives it. */
function presentRecord(id: string, kind: PlanningKind, r: Result<'get'>) {
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
}

const presentDraft = (doc: Result<'saveDraft'>) => ({ version: doc.version, issuedVersion: doc.issuedVersion, hasUnissuedChanges: doc.hasUnissuedChanges, content: doc.content });

const presentTask = (t: Result<'completeTask'>) => ({ id: t.id, completedOn: t.completedOn, note: t.note, version: t.version });

const Kind = z.enum(PLANNING_KINDS);

/** A record's answers: text by field name, and lists of rows (text by field name) for repeating groups. */
const Answers = z.record(z.string(), z.union([z.string(), z.array(z.record(z.string(), z.string()))])).meta(contentSchema());
/** Stored content is typed `unknown` by the database layer; it is always the record's answers (Content). */
type WithAnswers<T> = Omit<T, 'content'> & { content: Content };

const Version = describing<WithAnswers<ReturnType<typeof presentVersion>>>()(
  z.object({
    number: Int.meta({ description: 'The version number, 1 for the first completed' }),
    version: Int.meta({ description: 'The row version, sent with share and acknowledge' }),
    completedOn: IsoDate,
    completedByName: z.string(),
    sharedOn: IsoDate.nullable(),
    sharedWith: z.string().nullable(),
    acknowledgedOn: IsoDate.nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgementNote: z.string().nullable(),
    content: Answers,
    pdfUrl: z.string().nullable().meta({ description: 'Where to download it as a PDF, for the kinds that have one' }),
  }),
);

const Overview = describing<ReturnType<typeof presentOverview>>()(
  z.object({
    placementId: Uuid,
    childId: Uuid,
    tasks: z.array(
      z.object({
        key: z.enum(TASK_ORDER).meta({ description: "A planning record's kind, or notification" }),
        title: z.string(),
        status: z.enum(Object.keys(TASK_STATUS_LABELS) as TaskStatus[]),
        dueText: z.string().nullable().meta({ description: 'The due date in words' }),
        dueOn: IsoDate.nullable(),
        issuedVersion: Int.meta({ description: 'Versions completed so far' }),
      }),
    ),
    records: z.array(z.object({ kind: Kind, issuedVersion: Int, hasUnissuedChanges: z.boolean(), version: Int, url: z.string() })),
    actions: z
      .array(
        z.object({
          id: Uuid,
          description: z.string(),
          ownerName: z.string(),
          ownerUserId: Uuid.nullable(),
          dueOn: IsoDate,
          completedOn: IsoDate.nullable(),
          note: z.string(),
          version: Int,
        }),
      )
      .meta({ description: 'Actions agreed at the Placement Planning Meeting' }),
  }),
);

const RecordAnswer = describing<Omit<ReturnType<typeof presentRecord>, 'versions'> & { versions: WithAnswers<ReturnType<typeof presentVersion>>[] }>()(
  z.object({
    kind: Kind,
    title: z.string(),
    version: Int.meta({ description: 'The draft’s version (0: not saved yet)' }),
    issuedVersion: Int,
    hasUnissuedChanges: z.boolean(),
    content: Answers.meta({ description: 'The draft, or a suggested start' }),
    problems: z.array(z.object({ field: z.string(), message: z.string() })).meta({ description: 'What still stops it being completed' }),
    extraFocusReasons: z.array(z.string()),
    versions: z.array(Version),
  }),
);

const Draft = describing<WithAnswers<ReturnType<typeof presentDraft>>>()(z.object({ version: Int, issuedVersion: Int, hasUnissuedChanges: z.boolean(), content: Answers }));

const TaskDone = describing<ReturnType<typeof presentTask>>()(z.object({ id: Uuid, completedOn: IsoDate.nullable(), note: z.string(), version: Int }));

export function planningApi(api: FastifyInstance, services: Services) {
  const s = services.planning;

  route(api, {
    method: 'GET',
    url: paths.api.planning(),
    access: 'placement:read',
    audit: 'planning.viewed',
    ...docs({ tag, summary: "A placement's first weeks: the task list with each step's status and due date, the records and the agreed actions", params: PlacementParams, response: Overview }),
    handler: async (req) => {
      const { id } = req.params;
      const o = await s.overview(req.ctx(), id);
      const own = await services.obligations.list(req.ctx(), { childId: o.placement.child.id });
      return presentOverview(id, o, placementTaskObligations(own.items, id));
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.planningRecord(),
    access: 'placement:read',
    audit: 'planning.viewed',
    ...docs({ tag, summary: 'One record: its draft (or a suggested start), what still stops it being completed, and its completed versions', params: RecordParams, response: RecordAnswer }),
    handler: async (req) => {
      const { id, kind } = req.params;
      return presentRecord(id, kind, await s.get(req.ctx(), id, kind));
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
      response: Draft,
    }),
    handler: async (req) => {
      const { id, kind } = req.params;
      return presentDraft(await s.saveDraft(req.ctx(), id, kind, req.body.version, req.body.content));
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
      response: Version,
    }),
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      return reply.code(201).send(presentVersion(id, kind, await s.complete(req.ctx(), id, kind, req.body.version)));
    },
  });

  const versionField = { type: 'integer', minimum: 1, description: "The completed version's own version, as the record gives it" };
  for (const a of [
    {
      action: 'share',
      run: s.share,
      audit: 'planning.shared',
      summary: 'Record that a completed version was shared: sharedOn, sharedWith. Send the version\'s version',
      fields: {
        required: ['sharedOn', 'sharedWith', 'version'],
        properties: { sharedOn: { type: 'string', format: 'date', description: 'Today or earlier' }, sharedWith: { type: 'string', maxLength: 500 }, version: versionField },
      },
    },
    {
      action: 'acknowledge',
      run: s.acknowledge,
      audit: 'planning.acknowledged',
      summary: "Record the carers' acknowledgement of a shared version of the placement plan: acknowledgedOn, acknowledgedBy, acknowledgementNote. Send the version's version",
      fields: {
        required: ['acknowledgedOn', 'acknowledgedBy', 'version'],
        properties: {
          acknowledgedOn: { type: 'string', format: 'date', description: 'Today or earlier, on or after the day it was shared' },
          acknowledgedBy: { type: 'string', maxLength: 200, description: 'Which carers' },
          acknowledgementNote: { type: 'string', maxLength: 500, description: 'How (optional)' },
          version: versionField,
        },
      },
    },
  ] as const) {
    route(api, {
      method: 'POST',
      url: paths.api.planningVersionAction(':id', ':kind', ':n', a.action),
      access: 'planning:write',
      audit: a.audit,
      // Described, not enforced here: the service checks the dates and text and says what is wrong in words.
      ...docs({ tag, summary: a.summary, params: VersionParams, body: z.looseObject({}).meta(a.fields), status: 204 }),
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
      response: TaskDone,
      // Described, not enforced here: the service checks the date and note and says what is wrong in words.
      body: z.looseObject({}).meta({
        required: ['completedOn', 'version'],
        properties: { completedOn: { type: 'string', format: 'date' }, note: { type: 'string', maxLength: 1000 }, version: { type: 'integer', minimum: 1 } },
      }),
    }),
    handler: async (req) => {
      return presentTask(await s.completeTask(req.ctx(), req.params.taskId, requireObject(req.body)));
    },
  });
}
