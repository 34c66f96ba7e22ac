/**
 * Importing an authority's records through the API (administrators, records:import): send the
 * SSDA903 return files (and, optionally, last year's, the carers' register and the children's
 * details) as JSON; the dry run starts in the background at once and its job reports progress and
 * then what the import would do; confirming imports exactly those files, also in the background.
 * The same service and rules as the *Import records* page (src/services/ssda903-import.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { IdParams } from '../http/schemas.ts';
import { MAX_IMPORT_FILE_BYTES } from '../http/files.ts';
import { docs } from './helpers.ts';
import { ImportJob } from './responses/imports.ts';

const tag = 'Import';

const File = z.object({
  name: z.string().min(1).max(200).meta({ description: 'The file name, as the report names it' }),
  content: z.string().meta({ description: "The CSV file's text (UTF-8): the DfE's column names, dates dd/mm/yyyy" }),
});

const ImportFilesBody = z.object({
  current: z.array(File).min(1).max(20).meta({ description: "This year's return files: header, episodes, UASC, reviews, missing, social worker episodes (each recognised by its columns)" }),
  previous: z.array(File).max(20).optional().meta({ description: "Last year's return files, for the history before this year" }),
  register: File.nullable().optional().meta({ description: "The carers' register (docs/carers-register.md)" }),
  details: File.nullable().optional().meta({ description: "The children's details: names by CHILD, with DOB as a check (docs/children-details.md)" }),
});

export function importApi(api: FastifyInstance, services: Services) {
  const s = services.imports;

  route(api, {
    method: 'POST',
    url: paths.api.imports,
    access: 'records:import',
    audit: 'import.started',
    bodyLimit: 2 * MAX_IMPORT_FILE_BYTES,
    ...docs({
      tag,
      status: 202,
      summary:
        'Check files for import (the dry run). The files are kept and checked in the background: the answer is the job at once; read it (GET /imports/jobs/{id}) until its status is done, ' +
        'when `report` says what the import would create, update or leave out, with every row error (file, line, column, DfE rule). Nothing is changed. ' +
        'Then POST /imports/{uploadId}/import imports exactly these files. Files not imported are forgotten after a day.',
      body: ImportFilesBody,
      response: ImportJob,
    }),
    handler: async (req, reply) => {
      const b = req.body;
      const job = await s.checkUpload(req.ctx(), { current: b.current, previous: b.previous ?? [], register: b.register ?? null, details: b.details ?? null });
      return reply.code(202).header('location', paths.api.importJob(job.id)).send(job);
    },
  });

  route(api, {
    method: 'POST',
    url: paths.api.importRun(),
    access: 'records:import',
    audit: 'import.started',
    ...docs({
      tag,
      status: 202,
      summary:
        'Import the files checked by a dry run (`uploadId` of its job), in the background: the answer is the job at once. One transaction per batch of children (a child that fails is left out whole); ' +
        'idempotent, so running it again changes nothing, and after a stop it carries on. 400 while the same files are already being checked or imported; 404 once imported (the files are forgotten).',
      params: IdParams,
      body: z.object({}).meta({ description: 'Nothing: the files imported are those of the dry run (an empty JSON object)' }),
      response: ImportJob,
    }),
    handler: async (req, reply) => {
      const job = await s.startJob(req.ctx(), req.params.id, { dryRun: false });
      return reply.code(202).header('location', paths.api.importJob(job.id)).send(job);
    },
  });

  route(api, {
    method: 'GET',
    url: paths.api.importJob(),
    access: 'records:import',
    audit: 'import.job.viewed',
    ...docs({
      tag,
      summary:
        'A dry run or an import: `status` running (with `done` of `total` children so far), done (with its `report`), failed (with `error`) or interrupted (the server stopped while it ran: send the files again; the import carries on where it stopped).',
      params: IdParams,
      response: ImportJob,
    }),
    handler: async (req) => s.job(req.ctx(), req.params.id),
  });
}
