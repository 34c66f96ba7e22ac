import { finished } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Services } from '../../services/index.ts';
import { mayAccess } from '../../domain/access/index.ts';
import { ALLOWED_FILES_HINT, DOCUMENT_CATEGORIES, MAX_DOCUMENT_BYTES, type DocumentCategory, type DocumentItem, type DocumentWithContent } from '../../services/documents.ts';
import { ValidationError, type FieldError } from '../../services/errors.ts';
import { route } from '../route.ts';
import { paths } from '../paths.ts';
import { escapeHtml } from '../html.ts';
import { errorList, itemsFrom, queryString } from '../forms.ts';

/**
 * Uploads. Multipart bodies are read only on the routes registered through `withUploads`, after the
 * caller is known and allowed, in a preValidation hook that runs before the CSRF check (preHandler,
 * src/web/auth.ts). A browser form must send its `_csrf` field BEFORE the file: the token is put in
 * `req.body` for the usual check, and a file that arrives before any token is discarded unread, so
 * the request is refused as a forged form. API clients send the token in the `x-csrf-token` header or
 * use a bearer token. The file itself is kept aside (never in `req.body`, which a urlencoded post
 * could forge) and is read with a limit one byte over 10 MB, so a larger file is refused by the
 * service with a clear message without ever being held whole.
 */
export type ParsedUpload = { file: { fileName: string; content: Buffer } | null; problems: FieldError[] };

const uploads = new WeakMap<FastifyRequest, ParsedUpload>();
const TOKEN_HEADERS = ['csrf-token', 'xsrf-token', 'x-csrf-token', 'x-xsrf-token'];

async function readMultipart(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const access = req.routeOptions.config?.access;
  // Someone not allowed here is refused by the preHandler without the file being read.
  if (!access || !mayAccess(req.actor?.role, access)) return;
  const fields: Record<string, string> = {};
  const parsed: ParsedUpload = { file: null, problems: [] };
  const tokenInHeader = TOKEN_HEADERS.some((h) => typeof req.headers[h] === 'string' && req.headers[h] !== '');
  let fileBeforeToken = false;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const tokenGiven = req.authMethod === 'token' || tokenInHeader || Boolean(fields._csrf);
        if (!tokenGiven || part.fieldname !== 'file' || parsed.file) {
          if (!tokenGiven) fileBeforeToken = true;
          part.file.resume(); // discarded unread
          await finished(part.file).catch(() => undefined);
          continue;
        }
        const content = await part.toBuffer();
        parsed.file = { fileName: part.filename ?? '', content };
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        if (part.fieldname === '_csrf' && fileBeforeToken) continue;
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message =
      code === 'FST_FILES_LIMIT'
        ? 'Upload one file at a time'
        : code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT'
          ? 'The form has too many fields'
          : 'The upload did not arrive complete. Try again.';
    parsed.problems.push({ field: 'file', message });
  }
  req.body = fields;
  uploads.set(req, parsed);
}

/** The file posted with this request (null when none was), and any problem reading the form. */
export function uploadFrom(req: FastifyRequest): ParsedUpload {
  return uploads.get(req) ?? { file: null, problems: [] };
}

/** Registers routes that accept multipart uploads in their own scope: elsewhere multipart is refused (415). */
export async function withUploads(app: FastifyInstance, register: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1, fields: 10, fieldSize: 10_000, parts: 12, headerPairs: 50 },
    });
    scope.addHook('preValidation', readMultipart);
    register(scope);
  });
}

/** Content-Disposition for a download: an ASCII fallback name and the exact UTF-8 one. */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'document';
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** Sends a stored document as a download that the browser will not try to render or sniff. */
export function sendDocument(reply: FastifyReply, doc: Pick<DocumentWithContent, 'contentType' | 'fileName' | 'content'>) {
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', attachmentHeader(doc.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(doc.content.buffer, doc.content.byteOffset, doc.content.byteLength));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

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
    handler: async (req, reply) => page(req, reply, (req.params as { id: string }).id),
  });

  route(app, {
    method: 'GET',
    url: paths.documents.download(),
    access: 'document:read',
    audit: 'document.downloaded',
    handler: async (req, reply) => {
      const { id, documentId } = req.params as { id: string; documentId: string };
      return sendDocument(reply, await s.download(req.ctx(), id, documentId));
    },
  });

  await withUploads(app, (scope) => {
    route(scope, {
      method: 'POST',
      url: paths.documents.list(),
      access: 'document:write',
      audit: 'document.uploaded',
      handler: async (req, reply) => {
        const householdId = (req.params as { id: string }).id;
        const body = (req.body ?? {}) as Record<string, unknown>;
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
