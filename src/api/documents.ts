import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { ALLOWED_FILES_HINT, DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentItem } from '../services/documents.ts';
import { ValidationError } from '../services/errors.ts';
import { route } from '../web/route.ts';
import { paths } from '../web/paths.ts';
import { queryString } from '../web/forms.ts';
import { sendDocument, uploadFrom, withUploads } from '../web/routes/documents.ts';

const tag = "Carers' file";
const list = (householdId = ':id') => `${paths.api.root}/households/${householdId}/documents`;
const one = (householdId = ':id', documentId = ':documentId') => `${list(householdId)}/${documentId}`;

const params = (withDocument: boolean) => ({
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Household id' },
    ...(withDocument ? { documentId: { type: 'string', format: 'uuid' } } : {}),
  },
  required: withDocument ? ['id', 'documentId'] : ['id'],
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

export async function documentApi(api: FastifyInstance, services: Services) {
  const s = services.documents;

  route(api, {
    method: 'GET',
    url: list(),
    access: 'document:read',
    audit: 'document.listed',
    schema: {
      tags: [tag],
      summary: "List the documents on a household's carers' file, newest first",
      params: params(false),
      querystring: { type: 'object', properties: { category: { type: 'string', enum: Object.keys(DOCUMENT_CATEGORIES) } } },
    },
    handler: async (req) => {
      const c = queryString(req.query, 'category');
      const { household, items } = await s.list(req.ctx(), (req.params as { id: string }).id, { category: c && c in DOCUMENT_CATEGORIES ? (c as DocumentCategory) : undefined });
      return { household, items: items.map(present) };
    },
  });

  route(api, {
    method: 'GET',
    url: one(),
    access: 'document:read',
    audit: 'document.downloaded',
    schema: {
      tags: [tag],
      summary: 'Download a document (as an attachment, with its stored content type)',
      params: params(true),
      produces: ['application/octet-stream'],
    },
    handler: async (req, reply) => {
      const { id, documentId } = req.params as { id: string; documentId: string };
      return sendDocument(reply, await s.download(req.ctx(), id, documentId));
    },
  });

  await withUploads(api, (scope) => {
    route(scope, {
      method: 'POST',
      url: list(),
      access: 'document:write',
      audit: 'document.uploaded',
      schema: {
        tags: [tag],
        summary: `Add a document (multipart/form-data: category, optional title, then one file named "file": ${ALLOWED_FILES_HINT}). With a session cookie, send the CSRF token in x-csrf-token.`,
        params: params(false),
        consumes: ['multipart/form-data'],
        body: {
          type: 'object',
          required: ['category', 'file'],
          properties: {
            category: { type: 'string', enum: Object.keys(DOCUMENT_CATEGORIES) },
            title: { type: 'string', maxLength: 200, description: 'Defaults to the file name' },
            file: { type: 'string', format: 'binary' },
          },
        },
      },
      handler: async (req, reply) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const upload = uploadFrom(req);
        if (upload.problems.length) throw new ValidationError(upload.problems);
        if (!req.isMultipart()) throw new ValidationError([{ field: 'file', message: 'Send multipart/form-data with the file in a part named "file"' }]);
        const doc = await s.upload(req.ctx(), (req.params as { id: string }).id, {
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
