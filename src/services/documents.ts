import type { Db, DbOrTx } from '../data/db.ts';
import * as documents from '../data/repositories/documents.ts';
import { carerNames, findHouseholdReference, householdExists as householdRowExists } from '../data/repositories/households.ts';
import { childrenOfRelated } from '../data/repositories/related-children.ts';
import { writeAudit } from '../audit/writer.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, ValidationError, type FieldError } from './errors.ts';
import { isUuid } from '../domain/ids.ts';

/**
 * The carers' file: documents kept on a household's record. The Concurrent placement agreement procedure asks that every piece of
 * correspondence about concurrent placements is saved there, so other services file letters and
 * e-mail texts with `fileDocument` inside their own transactions; people upload with `upload`.
 */

export const DOCUMENT_CATEGORIES = {
  concurrency: 'Concurrent placement agreements',
  approval: 'Approval',
  review: 'Reviews',
  other: 'Other',
} as const;
export type DocumentCategory = keyof typeof DOCUMENT_CATEGORIES;

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

type FileType = { extensions: readonly string[]; contentType: string; label: string; looksRight: (b: Uint8Array) => boolean };

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const startsWith = (b: Uint8Array, prefix: Uint8Array, at = 0) => b.length >= at + prefix.length && prefix.every((x, i) => b[at + i] === x);
const contains = (b: Uint8Array, needle: string) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle, 0, 'latin1') !== -1;

/** Text we accept: UTF-8 (a byte-order mark is fine) with no control characters other than tab, line breaks and form feed. */
function isPlainText(b: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** An e-mail message file: text whose first line is a header such as "From: …" or "Received: …". */
function isEmailMessage(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 4096)).toString('latin1').replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '');
  return /^[!-9;-~]+:/.test(head);
}

/** The kinds of file the carers' file accepts, checked by extension and by their first bytes. */
export const DOCUMENT_FILE_TYPES: readonly FileType[] = [
  { extensions: ['pdf'], contentType: 'application/pdf', label: 'PDF', looksRight: (b) => contains(b.subarray(0, 1024), '%PDF-') },
  {
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (.docx)',
    // A .docx is a ZIP package whose part names (stored uncompressed) include [Content_Types].xml and word/….
    looksRight: (b) => startsWith(b, ascii('PK\x03\x04')) && contains(b, '[Content_Types].xml') && contains(b, 'word/'),
  },
  { extensions: ['txt'], contentType: 'text/plain; charset=utf-8', label: 'plain text (.txt)', looksRight: isPlainText },
  { extensions: ['eml'], contentType: 'message/rfc822', label: 'e-mail (.eml)', looksRight: isEmailMessage },
  { extensions: ['png'], contentType: 'image/png', label: 'PNG', looksRight: (b) => startsWith(b, Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', label: 'JPEG', looksRight: (b) => startsWith(b, Uint8Array.of(0xff, 0xd8, 0xff)) },
];

export const ALLOWED_FILES_HINT = 'PDF, Word (.docx), plain text (.txt), e-mail (.eml), PNG or JPEG, up to 10 MB';

const baseType = (t: string) => t.split(';')[0]!.trim().toLowerCase();

/** The name a file is kept under: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length <= 200) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 200 - ext.length) + ext;
}

export type CheckedFile = { fileName: string; contentType: string; sizeBytes: number };

/**
 * Checks a file against the carers' file rules: a name with an allowed extension, not empty, at most
 * 10 MB, and content that really is of that kind (its first bytes). Returns the errors (field 'file').
 */
export function checkDocumentFile(fileName: string, content: Uint8Array): { file: CheckedFile | null; errors: FieldError[] } {
  const name = cleanFileName(fileName);
  const fail = (message: string) => ({ file: null, errors: [{ field: 'file', message }] });
  if (!name) return fail('Select a file');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const type = DOCUMENT_FILE_TYPES.find((t) => t.extensions.includes(ext));
  if (!type) return fail(`The selected file must be a ${ALLOWED_FILES_HINT.replace(/, up to 10 MB$/, '')}`);
  if (content.byteLength === 0) return fail('The selected file is empty');
  if (content.byteLength > MAX_DOCUMENT_BYTES) return fail('The selected file must be smaller than 10 MB');
  if (!type.looksRight(content)) return fail(`The selected file is called .${ext} but its content is not ${type.label}`);
  return { file: { fileName: name, contentType: type.contentType, sizeBytes: content.byteLength }, errors: [] };
}

export type DocumentToFile = {
  householdId: string;
  category: DocumentCategory;
  title: string;
  fileName: string;
  contentType: string;
  content: Uint8Array;
  related?: { type: string; id: string };
};

export type DocumentItem = Omit<documents.DocumentRow, 'content'> & { createdByName: string | null };
export type DocumentWithContent = DocumentItem & { content: Uint8Array };


function checkTitle(title: unknown, errors: FieldError[]): string {
  const t = typeof title === 'string' ? title.trim().replace(/\s+/g, ' ') : '';
  if (!t) errors.push({ field: 'title', message: 'Enter a title for the document' });
  else if (t.length > 200) errors.push({ field: 'title', message: 'The title must be 200 characters or fewer' });
  return t;
}

function checkCategory(category: unknown, errors: FieldError[]): DocumentCategory {
  if (typeof category === 'string' && category in DOCUMENT_CATEGORIES) return category as DocumentCategory;
  errors.push({ field: 'category', message: 'Select what kind of document this is' });
  return 'other';
}

async function householdExists(tx: DbOrTx, householdId: string): Promise<boolean> {
  if (!isUuid(householdId)) return false;
  return householdRowExists(tx, householdId);
}

/**
 * Files a document on a household's carers' file in the caller's transaction, with its
 * 'document.uploaded' audit row, and returns its id. Used by other services to file correspondence
 * automatically (an e-mail's text, an agreement letter), and by `upload`. The content type must be
 * the one that goes with the file name's extension; the content must look like that kind of file.
 */
export async function fileDocument(tx: DbOrTx, ctx: Ctx, doc: DocumentToFile): Promise<string> {
  const errors: FieldError[] = [];
  const title = checkTitle(doc.title, errors);
  const category = checkCategory(doc.category, errors);
  const checked = checkDocumentFile(doc.fileName, doc.content);
  errors.push(...checked.errors);
  if (checked.file && baseType(doc.contentType) !== baseType(checked.file.contentType)) {
    errors.push({ field: 'contentType', message: `A file called ${checked.file.fileName} must have the content type ${checked.file.contentType}` });
  }
  if (doc.related && (!isUuid(doc.related.id) || !doc.related.type)) errors.push({ field: 'related', message: 'The related record needs a type and a UUID' });
  if (errors.length) throw new ValidationError(errors);
  if (!(await householdExists(tx, doc.householdId))) throw new NotFoundError('Household');
  const file = checked.file!;
  const row = await documents.insertDocument(tx, {
    householdId: doc.householdId,
    category,
    title,
    fileName: file.fileName,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    content: doc.content,
    relatedType: doc.related?.type ?? null,
    relatedId: doc.related?.id ?? null,
    createdBy: ctx.actor?.userId ?? null,
  });
  const id = row.id;
  await writeAudit(tx, ctx, {
    action: 'document.uploaded',
    subjectType: 'document',
    subjectId: id,
    details: {
      householdId: doc.householdId,
      category,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      ...(doc.related ? { relatedType: doc.related.type, relatedId: doc.related.id } : {}),
    },
  });
  return id;
}

/** What a person uploads: the content type is worked out from the file, never taken from the browser. */
export type Upload = { category: unknown; title?: unknown; fileName: string; content: Uint8Array };

export type HouseholdHeading = { id: string; reference: string; carers: string };

export function createDocumentService(db: Db) {
  async function heading(tx: DbOrTx, householdId: string): Promise<HouseholdHeading> {
    if (!isUuid(householdId)) throw new NotFoundError('Household');
    const h = await findHouseholdReference(tx, householdId);
    if (!h) throw new NotFoundError('Household');
    const carers = await carerNames(tx, householdId);
    return { ...h, carers: carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and ') };
  }

  /** The household's documents, newest first (without their content). */
  async function list(ctx: Ctx, householdId: string, filter: { category?: DocumentCategory | undefined } = {}): Promise<{ household: HouseholdHeading; items: DocumentItem[] }> {
    return db.transaction(async (tx) => {
      const h = await heading(tx, householdId);
      const items = await documents.documentsOfHousehold(tx, householdId, filter.category);
      // Titles name the children of the agreements and proposals the documents are about.
      await writeAudit(tx, ctx, { action: 'document.listed', subjectType: 'household', subjectId: householdId, details: filter.category ? { category: filter.category } : {}, childIds: await childrenOfRelated(tx, items) });
      return { household: h, items };
    });
  }

  /** One document with its content, for download. */
  async function download(ctx: Ctx, householdId: string, documentId: string): Promise<DocumentWithContent> {
    return db.transaction(async (tx) => {
      if (!isUuid(householdId) || !isUuid(documentId)) throw new NotFoundError('Document');
      const row = await documents.findDocumentWithContent(tx, householdId, documentId);
      if (!row) throw new NotFoundError('Document');
      await writeAudit(tx, ctx, { action: 'document.downloaded', subjectType: 'document', subjectId: documentId, details: { householdId }, childIds: await childrenOfRelated(tx, [row]) });
      return row;
    });
  }

  /**
   * A person's upload: category, title (the file name when left blank) and the file, checked by
   * extension and content. Every problem is reported at once; nothing is stored unless all is well.
   */
  async function upload(ctx: Ctx, householdId: string, file: Upload): Promise<DocumentItem> {
    const errors: FieldError[] = [];
    checkCategory(file.category, errors);
    const checked = checkDocumentFile(file.fileName, file.content);
    errors.push(...checked.errors);
    const rawTitle = typeof file.title === 'string' ? file.title.trim() : '';
    const title = rawTitle || (checked.file ? checked.file.fileName.replace(/\.[^.]+$/, '') : '');
    if (rawTitle) checkTitle(rawTitle, errors);
    if (errors.length) throw new ValidationError(errors);
    return db.transaction(async (tx) => {
      const id = await fileDocument(tx, ctx, {
        householdId,
        category: file.category as DocumentCategory,
        title,
        fileName: checked.file!.fileName,
        contentType: checked.file!.contentType,
        content: file.content,
      });
      const row = await documents.findDocument(tx, id);
      return row!;
    });
  }

  return { list, download, upload };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
