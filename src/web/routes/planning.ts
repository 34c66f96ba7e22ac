/** Planning records of a placement (drafts, completion, versions, sharing, acknowledgement, PDFs), agreed actions, and a child's planning documents. */
import type { FastifyReply } from 'fastify';
import { consultationsSection } from '../presenters/stability.ts';
import type { Services } from '../../services/index.ts';
import { KIND_SPECS, type PlanningKind } from '../../domain/planning/kinds.ts';
import type { Content } from '../../domain/planning/content.ts';
import type { Actor, Ctx } from '../../services/context.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { PageForm, Uuid } from '../../http/schemas.ts';
import { KindSlug, VersionNumber, kindSlug } from '../../http/planning.ts';
import { paths } from '../../http/paths.ts';
import { saveBanner, setFlash } from '../flash.ts';
import { sendDocument } from '../../http/files.ts';
import { errorList, formToInput, redisplayValues, versionFrom } from '../forms.ts';
import {
  ACK_FIELDS,
  SHARE_FIELDS,
  TASK_FIELDS,
  contentFromForm,
  errorLinks,
  flatValues,
  formSections,
  requestRiskRows,
  taskSummary,
  versionSections,
  versionSummary,
  versionsTable,
} from '../presenters/planning.ts';

/** What the page renderers need of a request. */
type PageRequest = { ctx: () => Ctx; actor?: Actor | null };

const RecordParams = z.object({ id: Uuid, kind: KindSlug });
const VersionParams = RecordParams.extend({ n: VersionNumber });
const TaskParams = z.object({ taskId: Uuid });

export const planningRoutes = (services: Services) => {
  const s = services.planning;

  async function renderRecord(reply: FastifyReply, req: PageRequest, placementId: string, kind: PlanningKind, errors: FieldError[] = [], posted: Record<string, unknown> | null = null, status?: number) {
    const r = await s.get(req.ctx(), placementId, kind);
    const spec = KIND_SPECS[kind];
    const sections = formSections(kind, r.content, r.staff, posted, r.placement.variant);
    const canWrite = !!req.actor && services.can(req.actor, 'planning:write') && r.mayWrite;
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
      document: r.document,
      problems: r.document?.hasUnissuedChanges ? r.problems : [],
      extraFocusReasons: kind === 'support_plan' ? r.extraFocusReasons : [],
      fromRequest: r.fromRequest ? { reference: r.fromRequest.reference, href: paths.requests.show(r.fromRequest.id), rows: requestRiskRows(r.fromRequest.risks) } : null,
      versions: versionsTable(placementId, kind, r),
      // The Placement Support Meeting discusses whether the child might move: the Virtual School's advice beside it.
      consultations: kind === 'psm' ? consultationsSection(r.placement.child.id, await services.stability.consultationsOf(req.ctx(), r.placement.child.id), { canRecord: !!req.actor && services.can(req.actor, 'consultation:record') }) : null,
    });
  }

  async function renderVersion(reply: FastifyReply, req: PageRequest, id: string, kind: PlanningKind, n: number, errors: FieldError[] = [], posted: Record<string, unknown> = {}) {
    const r = await s.get(req.ctx(), id, kind);
    const v = r.versions.find((x) => x.number === n);
    if (!v) throw new NotFoundError('Version');
    const spec = KIND_SPECS[kind];
    const names = new Map(r.staff.map((x) => [x.id, x.name]));
    const canWrite = !!req.actor && services.can(req.actor, 'planning:write') && r.mayWrite;
    const slug = kindSlug(kind);
    return reply.code(errors.length ? 400 : 200).view('planning/version.njk', {
      title: `${spec.title}: version ${v.number}`,
      caption: `${r.placement.child.firstName} ${r.placement.child.lastName} with household ${r.placement.household.reference}`,
      backLink: paths.planning.record(id, slug),
      version: v,
      sections: versionSections(kind, v.content as Content, names, r.placement.variant),
      summary: versionSummary(kind, v),
      pdfHref: spec.pdf ? paths.planning.pdf(id, slug, v.number) : null,
      errors,
      errorList: errorList(errors, [...SHARE_FIELDS, ...ACK_FIELDS]),
      share: spec.shareable && canWrite ? { action: paths.planning.share(id, slug, v.number), fields: SHARE_FIELDS, values: posted, open: !v.sharedOn } : null,
      acknowledge: spec.acknowledged && canWrite && v.sharedOn ? { action: paths.planning.acknowledge(id, slug, v.number), fields: ACK_FIELDS, values: posted, open: !v.acknowledgedOn } : null,
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
      summary: taskSummary(task, placement.id),
      form: !task.completedOn && canRecord ? { action: paths.planning.task(taskId), fields: TASK_FIELDS, values, version: task.version } : null,
      errors,
      errorList: errorList(errors, TASK_FIELDS),
    });
  }

  return [
    defineRoute({
      method: 'GET',
      url: paths.planning.record(),
      access: 'placement:read',
      audit: 'planning.viewed',
      params: RecordParams,
      handler: async (req, reply) => {
        const { id, kind } = req.params;
        return renderRecord(reply, req, id, kind);
      },
    }),

    defineRoute({
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
          const sections = formSections(kind, r.content, r.staff, posted, r.placement.variant);
          await s.saveDraft(req.ctx(), id, kind, version, contentFromForm(kind, req.body, sections, r.placement.variant));
          setFlash(req, saveBanner.planningDraft(KIND_SPECS[kind].title));
          return reply.redirect(paths.planning.record(id, kindSlug(kind)), 303);
        } catch (err) {
          if (err instanceof ValidationError) return renderRecord(reply, req, id, kind, err.errors, posted);
          if (err instanceof StaleRecordError) return renderRecord(reply, req, id, kind, [{ field: 'form', message: err.message }], posted, 409);
          throw err;
        }
      },
    }),

    // A refused completion leaves the browser at …/complete: reloading it shows the record again.
    defineRoute({
      method: 'GET',
      url: paths.planning.complete(),
      access: 'placement:read',
      audit: 'none',
      params: RecordParams,
      handler: async (req, reply) => {
        const { id, kind } = req.params;
        return reply.redirect(paths.planning.record(id, kindSlug(kind)), 303);
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.planning.complete(),
      access: 'planning:write',
      audit: 'planning.completed',
      body: PageForm,
      params: RecordParams,
      handler: async (req, reply) => {
        const { id, kind } = req.params;
        // From the record's own form (its completing button carries `_complete`): save what is on the
        // page, then complete, in one go; a refusal shows the user's text back. Otherwise: complete the saved draft.
        const fromPage = req.body?._complete !== undefined;
        const posted = fromPage ? redisplayValues(req.body) : null;
        try {
          let v;
          if (fromPage) {
            // As when saving the draft: 0 for a record not saved before.
            const raw = Number(req.body?.version);
            const r = await s.get(req.ctx(), id, kind);
            v = await s.saveAndComplete(req.ctx(), id, kind, Number.isInteger(raw) && raw >= 0 ? raw : -1, contentFromForm(kind, req.body, formSections(kind, r.content, r.staff, posted, r.placement.variant), r.placement.variant));
          } else v = await s.complete(req.ctx(), id, kind, versionFrom(req.body));
          setFlash(req, saveBanner.planningCompleted(KIND_SPECS[kind].title, v.number));
          return reply.redirect(paths.planning.version(id, kindSlug(kind), v.number), 303);
        } catch (err) {
          if (err instanceof ValidationError) return renderRecord(reply, req, id, kind, err.errors, posted);
          if (err instanceof StaleRecordError) return renderRecord(reply, req, id, kind, [{ field: 'form', message: err.message }], posted, 409);
          throw err;
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.planning.version(),
      access: 'placement:read',
      audit: 'planning.viewed',
      params: VersionParams,
      handler: async (req, reply) => {
        const { id, kind, n } = req.params;
        return renderVersion(reply, req, id, kind, n);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.planning.pdf(),
      access: 'placement:read',
      audit: 'planning.pdf.downloaded',
      params: VersionParams,
      handler: async (req, reply) => {
        const { id, kind, n } = req.params;
        return sendDocument(reply, await s.versionPdf(req.ctx(), id, kind, n));
      },
    }),

    ...(
      [
        [paths.planning.share(), SHARE_FIELDS, s.share, 'planning.shared'],
        [paths.planning.acknowledge(), ACK_FIELDS, s.acknowledge, 'planning.acknowledged'],
      ] as const
    ).map(([url, fields, run, audit]) =>
      defineRoute({
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
      }),
    ),

    defineRoute({
      method: 'GET',
      url: paths.planning.task(),
      access: 'placement:read',
      audit: 'task.listed',
      params: TaskParams,
      handler: async (req, reply) => renderTask(reply, req, req.params.taskId),
    }),

    defineRoute({
      method: 'POST',
      url: paths.planning.task(),
      access: 'planning:write',
      audit: 'task.completed',
      body: PageForm,
      params: TaskParams,
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
    }),

    defineRoute({
      method: 'GET',
      url: paths.planning.childDocument(),
      access: 'document:read',
      audit: 'document.downloaded',
      params: z.object({ id: Uuid, documentId: Uuid }),
      handler: async (req, reply) => {
        const { id, documentId } = req.params;
        return sendDocument(reply, await s.childDocumentContent(req.ctx(), id, documentId));
      },
    }),
  ];
};
