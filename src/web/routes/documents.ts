/** The carers' file: a household's documents, their downloads, and uploads (registered where multipart bodies are read). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import { ALLOWED_FILES_HINT, DOCUMENT_CATEGORIES, type DocumentCategory } from '../../services/documents.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams, Uuid } from '../../http/schemas.ts';
import { sendDocument, uploadFrom } from '../../http/files.ts';
import { paths } from '../../http/paths.ts';
import { saveBanner, setFlash } from '../flash.ts';
import { errorList, itemsFrom } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { documentFields, documentRow } from '../presenters/documents.ts';

const categoryFrom = (v: string | undefined): DocumentCategory | undefined => (v && v in DOCUMENT_CATEGORIES ? (v as DocumentCategory) : undefined);

/** The carers' file, with the upload form's errors when an upload failed. */
async function page(services: Services, req: FastifyRequest, reply: FastifyReply, householdId: string, form: { values: Record<string, string>; errors: FieldError[] } = { values: {}, errors: [] }) {
  const categoryParam = queryString(req.query, 'category');
  const { household: h, items } = await services.documents.list(req.ctx(), householdId, { category: categoryFrom(categoryParam) });
  return reply.code(form.errors.length ? 400 : 200).view('documents/list.njk', {
    title: "Carers' file",
    caption: `${h.reference}${h.carers ? `: ${h.carers}` : ''}`,
    backLink: paths.households.show(h.id),
    household: h,
    mayUpload: req.actor ? services.can(req.actor, 'document:write') : false,
    action: paths.documents.list(h.id),
    categoryItems: itemsFrom(DOCUMENT_CATEGORIES, false),
    filterValues: { category: categoryParam },
    allowedHint: ALLOWED_FILES_HINT,
    values: form.values,
    errors: form.errors,
    errorList: errorList(form.errors, documentFields),
    rows: items.map((d) => documentRow(h.id, d)),
    count: items.length,
  });
}

export const documentRoutes = (services: Services) => [
  defineRoute({
    method: 'GET',
    url: paths.documents.list(),
    access: 'document:read',
    audit: 'document.listed',
    params: IdParams,
    handler: async (req, reply) => page(services, req, reply, req.params.id),
  }),

  defineRoute({
    method: 'GET',
    url: paths.documents.download(),
    access: 'document:read',
    audit: 'document.downloaded',
    params: z.object({ id: Uuid, documentId: Uuid }),
    handler: async (req, reply) => {
      const { id, documentId } = req.params;
      return sendDocument(reply, await services.documents.download(req.ctx(), id, documentId));
    },
  }),
];

/** Uploads: registered inside withUploads (src/http/files.ts), which reads multipart bodies. */
export const documentUploadRoutes = (services: Services) => [
  defineRoute({
    method: 'POST',
    url: paths.documents.list(),
    access: 'document:write',
    audit: 'document.uploaded',
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const householdId = req.params.id;
      const body = req.body ?? {};
      const values = { title: typeof body.title === 'string' ? body.title : '', category: typeof body.category === 'string' ? body.category : '' };
      const upload = uploadFrom(req);
      try {
        if (upload.problems.length) throw new ValidationError(upload.problems);
        const doc = await services.documents.upload(req.ctx(), householdId, {
          category: values.category,
          title: values.title,
          fileName: upload.file?.fileName ?? '',
          content: upload.file?.content ?? new Uint8Array(),
        });
        setFlash(req, saveBanner.documentAdded(doc.title));
        return reply.redirect(paths.documents.list(householdId), 303);
      } catch (err) {
        if (err instanceof ValidationError) return page(services, req, reply, householdId, { values, errors: err.errors });
        throw err;
      }
    },
  }),
];
