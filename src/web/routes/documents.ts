import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatSize } from '../presenters/documents.ts';
import type { Services } from '../../services/index.ts';
import { ALLOWED_FILES_HINT, DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentItem } from '../../services/documents.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { PageForm, IdParams, Uuid } from '../../http/schemas.ts';
import { sendDocument, uploadFrom, withUploads } from '../../http/files.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml } from '../html.ts';
import { errorList, itemsFrom } from '../forms.ts';
import { queryString } from '../../http/query.ts';


const categoryFrom = (v: string | undefined): DocumentCategory | undefined => (v && v in DOCUMENT_CATEGORIES ? (v as DocumentCategory) : undefined);

export async function documentRoutes(app: FastifyInstance, services: Services) {
  const s = services.documents;

  async function page(req: FastifyRequest, reply: FastifyReply, householdId: string, form: { values: Record<string, string>; errors: FieldError[] } = { values: {}, errors: [] }) {
    const categoryParam = queryString(req.query, 'category');
    const category = categoryFrom(categoryParam);
    const { household: h, items } = await s.list(req.ctx(), householdId, { category });
    const flash = req.session?.flash;
    if (flash) delete req.session.flash;
    const fields = [{ name: 'title' }, { name: 'category' }, { name: 'file' }].map((f) => ({ ...f, label: f.name }));
    return reply.code(form.errors.length ? 400 : 200).view('documents/list.njk', {
      title: "Carers' file",
      caption: `${h.reference}${h.carers ? `: ${h.carers}` : ''}`,
      backLink: paths.households.show(h.id),
      household: h,
      flash,
      mayUpload: req.actor ? services.can(req.actor, 'document:write') : false,
      action: paths.documents.list(h.id),
      categoryItems: itemsFrom(DOCUMENT_CATEGORIES, false),
      filterValues: { category: categoryParam },
      allowedHint: ALLOWED_FILES_HINT,
      values: form.values,
      errors: form.errors,
      errorList: errorList(form.errors, fields),
      rows: items.map((d) => row(h.id, d)),
      count: items.length,
    });
  }

  function row(householdId: string, d: DocumentItem) {
    return [
      { html: `<a class="govuk-link" href="${escapeHtml(paths.documents.download(householdId, d.id))}" download>${escapeHtml(d.title)}<span class="govuk-visually-hidden"> (download ${escapeHtml(d.fileName)})</span></a>` },
      { text: DOCUMENT_CATEGORIES[d.category] ?? d.category },
      { text: d.fileName },
      { text: formatSize(d.sizeBytes), format: 'numeric' },
      { text: d.createdByName ?? 'Hearth (filed automatically)' },
      { text: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(d.createdAt) },
    ];
  }

  route(app, {
    method: 'GET',
    url: paths.documents.list(),
    access: 'document:read',
    audit: 'document.listed',
    params: IdParams,
    handler: async (req, reply) => page(req, reply, req.params.id),
  });

  route(app, {
    method: 'GET',
    url: paths.documents.download(),
    access: 'document:read',
    audit: 'document.downloaded',
    params: z.object({ id: Uuid, documentId: Uuid }),
    handler: async (req, reply) => {
      const { id, documentId } = req.params;
      return sendDocument(reply, await s.download(req.ctx(), id, documentId));
    },
  });

  await withUploads(app, (scope) => {
    route(scope, {
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
          const doc = await s.upload(req.ctx(), householdId, {
            category: values.category,
            title: values.title,
            fileName: upload.file?.fileName ?? '',
            content: upload.file?.content ?? new Uint8Array(),
          });
          req.session.flash = `“${doc.title}” has been added to the carers' file`;
          return reply.redirect(paths.documents.list(householdId), 303);
        } catch (err) {
          if (err instanceof ValidationError) return page(req, reply, householdId, { values, errors: err.errors });
          throw err;
        }
      },
    });
  });
}
