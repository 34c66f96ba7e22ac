/**
 * Importing an authority's records (administrators): upload the SSDA903 return files and the carers'
 * register, see the dry run, then import; and the placements kept with a household not known, to
 * link (ADR 0012, docs/rules/ssda903-import.md). The upload routes are registered inside
 * withImportUploads (src/http/files.ts), which reads the multipart body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { z } from 'zod';
import { IdParams, PageForm, QueryText } from '../../http/schemas.ts';
import { importFilesFrom } from '../../http/files.ts';
import { paths } from '../../http/paths.ts';
import { setFlash } from '../flash.ts';
import type { ImportReport } from '../../services/ssda903-import.ts';
import { errorList, type Field } from '../forms.ts';
import { changeHead, changeRows, errorHead, errorRows, importSummary, jobProgress, notKnownItems, unresolvedHead, unresolvedRow } from '../presenters/imports.ts';

const uploadFields: Field[] = [
  { name: 'current', label: "This year's return files" },
  { name: 'previous', label: "Last year's return files" },
  { name: 'register', label: "The carers' register" },
  { name: 'details', label: "The children's details" },
];
const linkFields: Field[] = [
  { name: 'householdId', label: 'Household not known' },
  { name: 'householdReference', label: 'Reference of the foster household' },
];

const UnresolvedQuery = z.object({ household: QueryText });

function formPage(reply: FastifyReply, errors: FieldError[] = []) {
  return reply.code(errors.length ? 400 : 200).view('imports/new.njk', {
    title: 'Import records',
    action: paths.imports.new,
    unresolvedLink: paths.imports.unresolved,
    errors,
    errorList: errorList(errors, uploadFields),
  });
}

function reportPage(reply: FastifyReply, report: ImportReport, uploadId: string | null) {
  return reply.view('imports/report.njk', {
    title: report.dryRun ? 'Check what the import will do' : 'Records imported',
    dryRun: report.dryRun,
    summary: importSummary(report),
    errorHead,
    errorRows: errorRows(report),
    errorCount: report.errors.length,
    changeHead,
    changeRows: changeRows(report),
    action: uploadId ? paths.imports.run(uploadId) : null,
    backLink: paths.imports.new,
    unresolvedLink: paths.imports.unresolved,
    notKnown: report.placements.householdNotKnown,
  });
}

async function unresolvedPage(services: Services, req: FastifyRequest, reply: FastifyReply, form: { values: Record<string, string>; errors: FieldError[] } = { values: {}, errors: [] }) {
  const { items, total } = await services.imports.unresolved(req.ctx());
  return reply.code(form.errors.length ? 400 : 200).view('imports/unresolved.njk', {
    title: 'Placements to link to a household',
    total,
    shown: items.length,
    head: unresolvedHead,
    rows: items.map(unresolvedRow),
    householdItems: notKnownItems(items),
    values: form.values,
    errors: form.errors,
    errorList: errorList(form.errors, linkFields),
    linkAction: paths.imports.unresolved,
  });
}

export const importRoutes = (services: Services) => [
  defineRoute({
    method: 'GET',
    url: paths.imports.new,
    access: 'records:import',
    audit: 'none',
    handler: async (_req, reply) => formPage(reply),
  }),

  defineRoute({
    method: 'GET',
    url: paths.imports.unresolved,
    access: 'import:resolve',
    audit: 'import.unresolved.listed',
    query: UnresolvedQuery,
    // From the placement team's queue: the household not known chosen already.
    handler: async (req, reply) => unresolvedPage(services, req, reply, { values: req.query.household ? { householdId: req.query.household } : {}, errors: [] }),
  }),

  defineRoute({
    method: 'POST',
    url: paths.imports.unresolved,
    access: 'import:resolve',
    audit: 'import.placement-linked',
    body: PageForm,
    handler: async (req, reply) => {
      const body = req.body ?? {};
      const reference = typeof body.householdReference === 'string' ? body.householdReference : '';
      const householdId = typeof body.householdId === 'string' ? body.householdId : '';
      try {
        if (!/^[0-9a-f-]{36}$/i.test(householdId)) throw new ValidationError([{ field: 'householdId', message: 'Select the household not known whose placements you are linking' }]);
        if (!reference.trim()) throw new ValidationError([{ field: 'householdReference', message: 'Enter the reference of the foster household these placements were with' }]);
        const linked = await services.imports.linkHousehold(req.ctx(), householdId, reference);
        setFlash(req, `${linked.moved} placement${linked.moved === 1 ? '' : 's'} linked to ${reference.trim().toUpperCase()}`);
        return reply.redirect(paths.imports.unresolved, 303);
      } catch (err) {
        if (err instanceof ValidationError) return unresolvedPage(services, req, reply, { values: { householdReference: reference, householdId }, errors: err.errors });
        throw err;
      }
    },
  }),

  // The import of the files previewed: started in the background, then its progress.
  defineRoute({
    method: 'POST',
    url: paths.imports.run(),
    access: 'records:import',
    audit: 'import.started',
    params: IdParams,
    body: PageForm,
    handler: async (req, reply) => {
      try {
        const job = await services.imports.startJob(req.ctx(), req.params.id, { dryRun: false });
        return reply.redirect(paths.imports.job(job.id), 303);
      } catch (err) {
        if (err instanceof ValidationError) return formPage(reply, err.errors.map((e) => ({ ...e, field: 'current' })));
        throw err;
      }
    },
  }),

  // A dry run or an import: its progress while it runs (the page refreshes itself), then its report.
  defineRoute({
    method: 'GET',
    url: paths.imports.job(),
    access: 'records:import',
    audit: 'import.job.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const job = await services.imports.job(req.ctx(), req.params.id);
      if (job.status === 'done' && job.report) return reportPage(reply, job.report, job.dryRun ? job.uploadId : null);
      return reply.view('imports/progress.njk', { title: job.dryRun ? 'Checking the files' : 'Importing records', ...jobProgress(job), refresh: paths.imports.job(job.id), backLink: paths.imports.new });
    },
  }),
];

/** The upload: registered inside withImportUploads, which reads the files. */
export const importUploadRoutes = (services: Services) => [
  defineRoute({
    method: 'POST',
    url: paths.imports.new,
    access: 'records:import',
    audit: 'import.started',
    body: PageForm,
    handler: async (req, reply) => {
      const upload = importFilesFrom(req);
      try {
        if (upload.problems.length) throw new ValidationError(upload.problems);
        // The dry run runs in the background; its page shows the progress, then what the import would do.
        const job = await services.imports.checkUpload(req.ctx(), {
          current: upload.files.current,
          previous: upload.files.previous,
          register: upload.files.register[0] ?? null,
          details: upload.files.details[0] ?? null,
        });
        return reply.redirect(paths.imports.job(job.id), 303);
      } catch (err) {
        if (err instanceof ValidationError) return formPage(reply, err.errors.map((e) => (e.field === 'files' ? { ...e, field: 'current' } : e)));
        throw err;
      }
    },
  }),
];
