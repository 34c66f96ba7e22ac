import { finished } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { mayAccess } from '../domain/access/index.ts';
import { MAX_DOCUMENT_BYTES, type DocumentWithContent } from '../services/documents.ts';
import type { FieldError } from '../services/errors.ts';

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

// ---------------------------------------------------------------------------------------------
// Several files in one form: the records an administrator imports (SSDA903 return and carers' register)
// ---------------------------------------------------------------------------------------------

/** The largest text file accepted for an import (a national authority's episodes file is a few MB). */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
/** The file fields of the import form: this year's files, last year's, the carers' register and the children's details. */
export const IMPORT_FILE_FIELDS = ['current', 'previous', 'register', 'details'] as const;
export type ImportUploadParts = { files: Record<(typeof IMPORT_FILE_FIELDS)[number], { name: string; content: string }[]>; problems: FieldError[] };

const importUploads = new WeakMap<FastifyRequest, ImportUploadParts>();

async function readImportMultipart(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const access = req.routeOptions.config?.access;
  if (!access || !mayAccess(req.actor?.role, access)) return;
  const fields: Record<string, string> = {};
  const parsed: ImportUploadParts = { files: { current: [], previous: [], register: [], details: [] }, problems: [] };
  const tokenInHeader = TOKEN_HEADERS.some((h) => typeof req.headers[h] === 'string' && req.headers[h] !== '');
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const tokenGiven = req.authMethod === 'token' || tokenInHeader || Boolean(fields._csrf);
        const field = IMPORT_FILE_FIELDS.find((f) => f === part.fieldname);
        if (!tokenGiven || !field || !part.filename) {
          part.file.resume(); // discarded unread
          await finished(part.file).catch(() => undefined);
          continue;
        }
        const content = await part.toBuffer();
        if (content.length > MAX_IMPORT_FILE_BYTES) {
          parsed.problems.push({ field, message: `${part.filename} is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB` });
          continue;
        }
        parsed.files[field].push({ name: part.filename, content: content.toString('utf8') });
      } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
        fields[part.fieldname] = part.value;
      }
    }
  } catch {
    parsed.problems.push({ field: 'current', message: 'The upload did not arrive complete. Try again.' });
  }
  req.body = fields;
  importUploads.set(req, parsed);
}

/** The files posted to the import form, by field, and any problem reading them. */
export function importFilesFrom(req: FastifyRequest): ImportUploadParts {
  return importUploads.get(req) ?? { files: { current: [], previous: [], register: [], details: [] }, problems: [] };
}

/** Registers the import form's routes in their own scope, reading up to 20 files per request. */
export async function withImportUploads(app: FastifyInstance, register: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_IMPORT_FILE_BYTES + 1, files: 20, fields: 10, fieldSize: 10_000, parts: 30, headerPairs: 50 },
    });
    scope.addHook('preValidation', readImportMultipart);
    register(scope);
  });
}
