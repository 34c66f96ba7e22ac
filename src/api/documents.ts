import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ALLOWED_FILES_HINT, DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentItem } from '../services/documents.ts';
import { ValidationError } from '../services/errors.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { z } from 'zod';
import { IdParams, Uuid } from '../http/schemas.ts';
import { docs } from './helpers.ts';
import { DateTime, Int, describing } from './responses.ts';
import { sendDocument, uploadFrom, withUploads } from '../http/files.ts';

const tag = "Carers' file";
const list = (householdId = ':id') => `${paths.api.root}/households/${householdId}/documents`;
const one = (householdId = ':id', documentId = ':documentId') => `${list(householdId)}/${documentId}`;

const HouseholdParams = z.object({ id: Uuid.meta({ description: 'Household id' }) });
const DocumentParams = IdParams.extend({ documentId: Uuid });
const CATEGORIES = Object.keys(DOCUMENT_CATEGORIES) as DocumentCategory[];

/**
 * The upload's form fields (the file is kept aside, see src/http/files.ts). Which are missing or
 * wrong the service says in words; the OpenAPI document shows the whole form.
 */
const UploadForm = z
  .looseObject({ category: z.string().optional(), title: z.string().optional() })
  .optional()
  .meta({
    required: ['category', 'file'],
    properties: {
      category: { type: 'string', enum: CATEGORIES },
      title: { type: 'string', maxLength: 200, description: 'Defaults to the file name' },
      file: { type: 'string', format: 'binary' },
    },
  });

/** A document as the API shows it: metadata and where to download it (never the content inline). */
function present(d: DocumentItem) {
  return {
    id: d.id,
    householdId: d.householdId,
    category: d.category,
    title: d.title,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    relatedType: d.relatedType,
    relatedId: d.relatedId,
    createdBy: d.createdBy,
    createdByName: d.createdByName,
    createdAt: d.createdAt.toISOString(),
    downloadUrl: one(d.householdId, d.id),
  };
}

/** A document's metadata, as `present` gives it. */
const DocumentAnswer = describing<ReturnType<typeof present>>()(
  z.object({
    id: Uuid,
    householdId: Uuid,
    category: z.enum(CATEGORIES),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string().meta({ description: 'The stored media type, e.g. application/pdf' }),
    sizeBytes: Int,
    relatedType: z.string().nullable().meta({ description: 'What the document was filed for (with relatedId), e.g. an agreement requirement' }),
    relatedId: Uuid.nullable(),
    createdBy: Uuid.nullable(),
    createdByName: z.string().nullable(),
    createdAt: DateTime,
    downloadUrl: z.string().meta({ description: 'Where to download the content (GET)' }),
  }),
);

const DocumentList = z.object({
  household: z.object({ id: Uuid, reference: z.string(), carers: z.string().meta({ description: "The carers' names" }) }),
  items: z.array(DocumentAnswer),
});

export async function documentApi(api: FastifyInstance, services: Services) {
  const s = services.documents;

  route(api, {
    method: 'GET',
    url: list(),
    access: 'document:read',
    audit: 'document.listed',
    ...docs({
      tag,
      summary: "List the documents on a household's carers' file, newest first",
      params: HouseholdParams,
      query: z.object({ category: z.enum(CATEGORIES).optional() }),
      response: DocumentList,
    }),
    handler: async (req) => {
      const { household, items } = await s.list(req.ctx(), req.params.id, req.query);
      return { household, items: items.map(present) };
    },
  });

  route(api, {
    method: 'GET',
    url: one(),
    access: 'document:read',
    audit: 'document.downloaded',
    ...docs({
      tag,
      summary: 'Download a document (as an attachment, with its stored content type)',
      params: DocumentParams,
      produces: ['application/octet-stream'],
    }),
    handler: async (req, reply) => {
      const { id, documentId } = req.params;
      return sendDocument(reply, await s.download(req.ctx(), id, documentId));
    },
  });

  await withUploads(api, (scope) => {
    route(scope, {
      method: 'POST',
      url: list(),
      access: 'document:write',
      audit: 'document.uploaded',
      ...docs({
        tag,
        summary: `Add a document (multipart/form-data: category, optional title, then one file named "file": ${ALLOWED_FILES_HINT}). With a session cookie, send the CSRF token in x-csrf-token.`,
        params: HouseholdParams,
        consumes: ['multipart/form-data'],
        body: UploadForm,
        status: 201,
        response: DocumentAnswer,
      }),
      handler: async (req, reply) => {
        const body = req.body ?? {};
        const upload = uploadFrom(req);
        if (upload.problems.length) throw new ValidationError(upload.problems);
        if (!req.isMultipart()) throw new ValidationError([{ field: 'file', message: 'Send multipart/form-data with the file in a part named "file"' }]);
        const doc = await s.upload(req.ctx(), req.params.id, {
          category: body.category,
          title: body.title,
          fileName: upload.file?.fileName ?? '',
          content: upload.file?.content ?? new Uint8Array(),
        });
        return reply.code(201).header('location', one(doc.householdId, doc.id)).send(present(doc));
      },
    });
  });
}
