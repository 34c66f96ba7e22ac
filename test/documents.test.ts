import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { testWorld, clientsFor, tokenFor, bearer, childInserter, type Client, type TestWorld } from './helpers.ts';
import { auditEvent, household, householdDocument, householdMember, placement } from '../src/data/schema.ts';
import { fileDocument, MAX_DOCUMENT_BYTES } from '../src/services/documents.ts';
import { ValidationError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';

// ---------------------------------------------------------------------------------------------
// Synthetic files of each allowed kind, built here.

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP with stored (uncompressed) entries: enough for a minimal Word .docx package. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const DOCX = zip([
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
  ['word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Agreement</w:t></w:r></w:p></w:body></w:document>'],
]);
/** A PDF whose body carries every byte value, to prove downloads are byte-for-byte. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 256 >>\nstream\n', 'latin1'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n')]);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const TXT = Buffer.from('Telephone note, 3 March 2026: the social worker agreed in principle. – £0 costs.\n', 'utf8');
const EML = Buffer.from('From: Social Worker <sw@otherborough.test>\r\nTo: ssw@southglos.test\r\nSubject: Re: concurrent placement\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\n\r\nI agree to the placement.\r\n');

// ---------------------------------------------------------------------------------------------

type Part = { name: string; value: string } | { name: string; filename: string; type?: string; data: Uint8Array };

/** A multipart/form-data body, parts in the order given (as a browser sends a form's fields). */
function multipart(parts: Part[]) {
  const boundary = `----hearth${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`));
      chunks.push(Buffer.from(p.data), Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

let w: TestWorld;
let householdId: string;
let otherHouseholdId: string;
let poToken: string;
let iroToken: string;
before(async () => {
  w = await testWorld();
  const db = w.database.db;
  const [h] = await db
    .insert(household)
    .values({ reference: 'H0001', addressLine1: '1 Test Row', town: 'Testford', postcode: 'TF1 1AA', fosteringServiceId: w.laId, approvalStatus: 'approved', approvalDate: '2024-01-02' })
    .returning();
  householdId = h!.id;
  await db.insert(householdMember).values({ householdId, kind: 'carer', firstName: 'Asha', lastName: 'Testcarer', position: 0 });
  const [o] = await db
    .insert(household)
    .values({ reference: 'H0002', addressLine1: '2 Test Row', town: 'Testford', postcode: 'TF1 1AB', fosteringServiceId: w.laId, approvalStatus: 'approved', approvalDate: '2024-01-02' })
    .returning();
  otherHouseholdId = o!.id;
  poToken = await tokenFor(w, 'placement_officer');
  iroToken = await tokenFor(w, 'iro');
});
after(async () => w.close());

const as = clientsFor(() => w.app);

const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Posts the upload form as a browser does: the CSRF token first, then title, category and the file. */
async function postForm(c: Client, parts: Part[], url = paths.documents.list(householdId), headers: Record<string, string> = {}) {
  await c.get(paths.documents.list(householdId)); // a fresh form, and its token
  const body = multipart(parts.map((p) => (p.name === '_csrf' && 'value' in p && p.value === '{token}' ? { ...p, value: c.csrf } : p)));
  return w.app.inject({ method: 'POST', url, headers: { cookie: cookieOf(c), 'content-type': body.contentType, ...headers }, payload: body.payload });
}

const token: Part = { name: '_csrf', value: '{token}' };
const documentCount = async (hid = householdId) => (await w.database.db.select({ id: householdDocument.id }).from(householdDocument).where(eq(householdDocument.householdId, hid))).length;

test("a placement officer uploads a document on the carers' file page; it is listed and downloads byte-for-byte", async () => {
  const po = await as('placement_officer');
  const page = await po.get(paths.documents.list(householdId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Carers(&#39;|')s? file/);
  assert.match(page.body, /H0001: Asha Testcarer/);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  assert.ok(page.body.indexOf('name="_csrf"', page.body.indexOf('enctype="multipart/form-data"')) < page.body.indexOf('type="file"'), 'the token comes before the file in the form');

  const res = await postForm(po, [token, { name: 'title', value: 'Written agreement from Otherborough' }, { name: 'category', value: 'concurrency' }, { name: 'file', filename: 'Agreement – Ōtaki.pdf', type: 'application/pdf', data: PDF }]);
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.equal(res.headers.location, paths.documents.list(householdId));

  const list = await po.get(paths.documents.list(householdId));
  assert.match(list.body, /has been added to the carers(&#39;|')s? file/, 'a success banner');
  assert.match(list.body, /Written agreement from Otherborough/);
  assert.match(list.body, /Concurrent placement agreements/);
  assert.match(list.body, /Agreement – Ōtaki\.pdf/);
  assert.match(list.body, new RegExp(`${PDF.length} bytes`));
  assert.match(list.body, /Test placement officer/);

  const [doc] = await w.database.db.select().from(householdDocument).where(eq(householdDocument.householdId, householdId));
  assert.equal(doc!.contentType, 'application/pdf');
  assert.equal(doc!.sizeBytes, PDF.length);
  assert.equal(doc!.createdBy, w.users.placement_officer.userId);
  assert.match(list.body, new RegExp(`href="${paths.documents.download(householdId, doc!.id)}"`));

  const dl = await po.get(paths.documents.download(householdId, doc!.id));
  assert.equal(dl.statusCode, 200);
  assert.deepEqual(dl.rawPayload, PDF, 'byte-for-byte');
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal(dl.headers['x-content-type-options'], 'nosniff');
  assert.equal(dl.headers['content-disposition'], `attachment; filename="Agreement _ _taki.pdf"; filename*=UTF-8''${encodeURIComponent('Agreement – Ōtaki.pdf')}`);
  assert.match(String(dl.headers['cache-control']), /no-store/);

  // The same document is not reachable through another household's address.
  assert.equal((await po.get(paths.documents.download(otherHouseholdId, doc!.id))).statusCode, 404);

  const audit = await w.database.db.select().from(auditEvent).where(eq(auditEvent.actorUserId, w.users.placement_officer.userId));
  const uploaded = audit.find((a) => a.action === 'document.uploaded' && a.subjectId === doc!.id);
  assert.ok(uploaded, 'upload audited');
  assert.equal(uploaded.subjectType, 'document');
  assert.deepEqual(uploaded.details, { householdId, category: 'concurrency', fileName: 'Agreement – Ōtaki.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
  assert.ok(audit.some((a) => a.action === 'document.listed' && a.subjectType === 'household' && a.subjectId === householdId));
  assert.ok(audit.some((a) => a.action === 'document.downloaded' && a.subjectId === doc!.id));
});

test('every allowed kind of file is accepted, stored with the content type of its kind; the title defaults to the file name', async () => {
  const po = await as('placement_officer');
  const files: [string, Buffer, string][] = [
    ['letter.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['note.txt', TXT, 'text/plain; charset=utf-8'],
    ['reply.eml', EML, 'message/rfc822'],
    ['signature.png', PNG, 'image/png'],
    ['scan.JPG', JPEG, 'image/jpeg'],
    ['scan2.jpeg', JPEG, 'image/jpeg'],
  ];
  for (const [name, data, type] of files) {
    // The browser's declared type is ignored: the kind is worked out from the name and the content.
    const res = await postForm(po, [token, { name: 'title', value: '' }, { name: 'category', value: 'other' }, { name: 'file', filename: name, type: 'application/octet-stream', data }]);
    assert.equal(res.statusCode, 303, `${name}: ${res.body.slice(0, 300)}`);
    const [row] = await w.database.db.select().from(householdDocument).where(and(eq(householdDocument.householdId, householdId), eq(householdDocument.fileName, name)));
    assert.equal(row!.contentType, type, name);
    assert.equal(row!.title, name.replace(/\.[^.]+$/, ''), name);
    assert.deepEqual(Buffer.from(row!.content), data, name);
  }
});

test('too large, wrong kind, disguised, empty or missing files are refused with clear messages and nothing is stored', async () => {
  const po = await as('placement_officer');
  const before = await documentCount();
  const cases: [string, Part[], RegExp][] = [
    ['too large', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES)]) }], /The selected file must be smaller than 10 MB/],
    ['wrong kind', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'tool.exe', data: Buffer.from('MZ\x90\x00') }], /The selected file must be a PDF, Word \(\.docx\), plain text \(\.txt\), e-mail \(\.eml\), PNG or JPEG/],
    ['no extension', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'README', data: TXT }], /must be a PDF/],
    ['PDF named .png', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'photo.png', data: PDF }], /called \.png but its content is not PNG/],
    ['text named .pdf', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'letter.pdf', data: TXT }], /called \.pdf but its content is not PDF/],
    ['a plain zip named .docx', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'x.docx', data: zip([['a.txt', 'hello']]) }], /content is not Word/],
    ['binary named .txt', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'x.txt', data: PNG }], /content is not plain text/],
    ['empty file', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'empty.pdf', data: Buffer.alloc(0) }], /The selected file is empty/],
    ['no file chosen', [token, { name: 'category', value: 'other' }, { name: 'file', filename: '', data: Buffer.alloc(0) }], /Select a file/],
    ['no file part', [token, { name: 'category', value: 'other' }, { name: 'title', value: 'Kept title' }], /Select a file/],
    ['two files', [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'a.txt', data: TXT }, { name: 'file', filename: 'b.txt', data: TXT }], /Upload one file at a time/],
    ['no category', [token, { name: 'file', filename: 'a.txt', data: TXT }], /Select what kind of document this is/],
  ];
  for (const [label, parts, message] of cases) {
    const res = await postForm(po, parts);
    assert.equal(res.statusCode, 400, label);
    assert.match(res.body, /There is a problem/, label);
    assert.match(res.body, message, label);
    assert.equal(await documentCount(), before, `${label}: nothing stored`);
  }
  // What was typed is kept.
  const res = await postForm(po, [token, { name: 'title', value: 'Kept title' }, { name: 'category', value: 'review' }]);
  assert.match(res.body, /value="Kept title"/);
  assert.match(res.body, /<option value="review" selected>/);

  // Exactly 10 MB is allowed.
  const exact = Buffer.concat([PDF, Buffer.alloc(MAX_DOCUMENT_BYTES - PDF.length, 0x20)]);
  const ok = await postForm(po, [token, { name: 'category', value: 'other' }, { name: 'file', filename: 'exactly-10mb.pdf', data: exact }]);
  assert.equal(ok.statusCode, 303);
  assert.equal(await documentCount(), before + 1);
});

test('CSRF: an upload without the token, with a wrong one, or with the token after the file is refused and nothing is stored', async () => {
  const po = await as('placement_officer');
  const before = await documentCount();
  const file: Part = { name: 'file', filename: 'a.pdf', data: PDF };
  const category: Part = { name: 'category', value: 'other' };
  for (const [label, parts] of [
    ['no token', [category, file]],
    ['wrong token', [{ name: '_csrf', value: 'not-the-token' }, category, file]],
    ['token after the file', [category, file, token]],
  ] as [string, Part[]][]) {
    const res = await postForm(po, parts);
    assert.equal(res.statusCode, 403, label);
    assert.match(res.body, /Your form has expired/, label);
    assert.equal(await documentCount(), before, `${label}: nothing stored`);
  }
  // A session-authenticated API call may send the token in the header instead.
  await po.get(paths.documents.list(householdId));
  const body = multipart([category, file]);
  const viaHeader = await w.app.inject({
    method: 'POST',
    url: `/api/v1/households/${householdId}/documents`,
    headers: { cookie: cookieOf(po), 'content-type': body.contentType, 'x-csrf-token': po.csrf },
    payload: body.payload,
  });
  assert.equal(viaHeader.statusCode, 201, viaHeader.body);
  const noHeader = await w.app.inject({ method: 'POST', url: `/api/v1/households/${householdId}/documents`, headers: { cookie: cookieOf(po), 'content-type': body.contentType }, payload: body.payload });
  assert.equal(noHeader.statusCode, 403);
  assert.equal(await documentCount(), before + 1);
});

test('an IRO can read and download the carers’ file but cannot upload; a social worker can read too', async () => {
  // A child the social worker and the IRO work with lives there (caseload access: they read the household because of the child).
  const resident = await childInserter(() => w, () => ({ reference: 'DOC1', firstName: 'Doc', lastName: 'Resident' }))();
  await w.database.db.insert(placement).values({ childId: resident.id, householdId, startDate: '2025-03-03', placementType: 'U4', status: 'active' });
  const iro = await as('iro');
  const page = await iro.get(paths.documents.list(householdId));
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/, 'no upload form');
  const [doc] = await w.database.db.select({ id: householdDocument.id }).from(householdDocument).where(eq(householdDocument.householdId, householdId)).limit(1);
  assert.equal((await iro.get(paths.documents.download(householdId, doc!.id))).statusCode, 200);

  const before = await documentCount();
  // The IRO has a valid session and token (from the page they can see) but no permission.
  const body = multipart([{ name: '_csrf', value: iro.csrf }, { name: 'category', value: 'other' }, { name: 'file', filename: 'a.pdf', data: PDF }]);
  const res = await w.app.inject({ method: 'POST', url: paths.documents.list(householdId), headers: { cookie: cookieOf(iro), 'content-type': body.contentType }, payload: body.payload });
  assert.equal(res.statusCode, 403);
  const api = await w.app.inject({ method: 'POST', url: `/api/v1/households/${householdId}/documents`, headers: { ...bearer(iroToken), 'content-type': body.contentType }, payload: body.payload });
  assert.equal(api.statusCode, 403);
  assert.equal((await w.app.inject({ method: 'GET', url: `/api/v1/households/${householdId}/documents`, headers: bearer(iroToken) })).statusCode, 200);
  assert.equal(await documentCount(), before);

  const sw = await as('social_worker');
  assert.equal((await sw.get(paths.documents.list(householdId))).statusCode, 200);
  const anonymous = await w.app.inject({ method: 'GET', url: paths.documents.list(householdId) });
  assert.equal(anonymous.statusCode, 303);
});

test('the API lists, uploads (multipart, bearer token) and downloads', async () => {
  const body = multipart([{ name: 'category', value: 'approval' }, { name: 'title', value: 'Panel minutes' }, { name: 'file', filename: 'minutes.docx', data: DOCX }]);
  const created = await w.app.inject({ method: 'POST', url: `/api/v1/households/${otherHouseholdId}/documents`, headers: { ...bearer(poToken), 'content-type': body.contentType }, payload: body.payload });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.headers['cache-control'], 'no-store');
  const doc = created.json() as { id: string; title: string; category: string; sizeBytes: number; contentType: string; downloadUrl: string; createdByName: string };
  assert.equal(doc.title, 'Panel minutes');
  assert.equal(doc.category, 'approval');
  assert.equal(doc.sizeBytes, DOCX.length);
  assert.equal(doc.createdByName, 'Test placement officer');
  assert.equal(created.headers.location, doc.downloadUrl);

  const list = await w.app.inject({ method: 'GET', url: `/api/v1/households/${otherHouseholdId}/documents?category=approval`, headers: bearer(poToken) });
  assert.equal(list.statusCode, 200);
  const listed = list.json() as { household: { reference: string }; items: { id: string }[] };
  assert.equal(listed.household.reference, 'H0002');
  assert.deepEqual(listed.items.map((d) => d.id), [doc.id]);
  const none = await w.app.inject({ method: 'GET', url: `/api/v1/households/${otherHouseholdId}/documents?category=review`, headers: bearer(poToken) });
  assert.deepEqual((none.json() as { items: unknown[] }).items, []);

  const dl = await w.app.inject({ method: 'GET', url: doc.downloadUrl, headers: bearer(poToken) });
  assert.equal(dl.statusCode, 200);
  assert.deepEqual(dl.rawPayload, DOCX);
  assert.equal(dl.headers['content-type'], doc.contentType);
  assert.match(String(dl.headers['content-disposition']), /^attachment; filename="minutes\.docx"/);

  const bad = multipart([{ name: 'category', value: 'approval' }, { name: 'file', filename: 'x.pdf', data: TXT }]);
  const refused = await w.app.inject({ method: 'POST', url: `/api/v1/households/${otherHouseholdId}/documents`, headers: { ...bearer(poToken), 'content-type': bad.contentType }, payload: bad.payload });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
  assert.deepEqual((refused.json() as { errors: unknown }).errors, [{ field: 'file', message: 'The selected file is called .pdf but its content is not PDF' }]);

  const json = await w.app.inject({ method: 'POST', url: `/api/v1/households/${otherHouseholdId}/documents`, headers: bearer(poToken), payload: { category: 'other' } });
  assert.equal(json.statusCode, 400);

  const unknown = await w.app.inject({ method: 'GET', url: '/api/v1/households/00000000-0000-4000-8000-000000000000/documents', headers: bearer(poToken) });
  assert.equal(unknown.statusCode, 404);
  const unknownUpload = await w.app.inject({ method: 'POST', url: '/api/v1/households/00000000-0000-4000-8000-000000000000/documents', headers: { ...bearer(poToken), 'content-type': body.contentType }, payload: body.payload });
  assert.equal(unknownUpload.statusCode, 404);

  // Multipart is accepted only where uploads are expected.
  const elsewhere = await w.app.inject({ method: 'POST', url: '/api/v1/households', headers: { ...bearer(poToken), 'content-type': body.contentType }, payload: body.payload });
  assert.equal(elsewhere.statusCode, 415);
});

test('other services file documents in their own transaction with fileDocument', async () => {
  const text = new TextEncoder().encode('To: sw@otherborough.test\nSubject: Request for agreement\n\nPlease reply.');
  const id = await w.database.db.transaction((tx) =>
    fileDocument(tx, { actor: null, correlationId: 'filed' }, {
      householdId,
      category: 'concurrency',
      title: 'Request for agreement sent to Otherborough',
      fileName: 'request.txt',
      contentType: 'text/plain',
      content: text,
      related: { type: 'agreement', id: '44444444-4444-4444-8444-444444444444' },
    }),
  );
  const [row] = await w.database.db.select().from(householdDocument).where(eq(householdDocument.id, id));
  assert.equal(row!.relatedType, 'agreement');
  assert.equal(row!.createdBy, null);
  assert.deepEqual(new Uint8Array(row!.content), text);
  const po = await as('placement_officer');
  const page = await po.get(`${paths.documents.list(householdId)}?category=concurrency`);
  assert.match(page.body, /Request for agreement sent to Otherborough/);
  assert.match(page.body, /Hearth \(filed automatically\)/);
  assert.doesNotMatch(page.body, /Panel minutes|signature/, 'filtered by kind');
  const [audit] = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'document.uploaded'), eq(auditEvent.subjectId, id)));
  assert.equal(audit!.actorLabel, 'system');
  assert.equal(audit!.correlationId, 'filed');

  // A filing that fails rolls back with the caller's transaction; a bad one is refused.
  const before = await documentCount();
  await assert.rejects(
    w.database.db.transaction(async (tx) => {
      await fileDocument(tx, { actor: null }, { householdId, category: 'concurrency', title: 'Never', fileName: 'n.txt', contentType: 'text/plain', content: text });
      throw new Error('the caller failed');
    }),
    /the caller failed/,
  );
  await assert.rejects(
    w.database.db.transaction((tx) => fileDocument(tx, { actor: null }, { householdId, category: 'concurrency', title: 'Wrong type', fileName: 'n.txt', contentType: 'application/pdf', content: text })),
    (err: unknown) => err instanceof ValidationError && /content type text\/plain/.test(err.message),
  );
  assert.equal(await documentCount(), before);
});

test('unknown household or document: not found', async () => {
  const po = await as('placement_officer');
  assert.equal((await po.get(paths.documents.list('00000000-0000-4000-8000-000000000000'))).statusCode, 404);
  assert.equal((await po.get(paths.documents.download(householdId, '00000000-0000-4000-8000-000000000000'))).statusCode, 404);
  assert.equal((await po.get(paths.documents.list('not-a-uuid'))).statusCode, 404);
});

test('over real HTTP, a form encoded by fetch’s FormData uploads; without the token it is refused', async () => {
  const po = await as('placement_officer');
  await po.get(paths.documents.list(householdId));
  const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
  const send = (withToken: boolean) => {
    const form = new FormData();
    if (withToken) form.append('_csrf', po.csrf);
    form.append('title', 'Sent over HTTP');
    form.append('category', 'review');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'http.pdf');
    return fetch(`${address}${paths.documents.list(householdId)}`, { method: 'POST', body: form, headers: { cookie: cookieOf(po) }, redirect: 'manual' });
  };
  const before = await documentCount();
  const refused = await send(false);
  assert.equal(refused.status, 403);
  await refused.arrayBuffer();
  assert.equal(await documentCount(), before);
  // Someone without permission: refused before the file is read.
  const iro = await as('iro');
  const iroForm = new FormData();
  iroForm.append('_csrf', iro.csrf);
  iroForm.append('category', 'review');
  iroForm.append('file', new Blob([PDF], { type: 'application/pdf' }), 'iro.pdf');
  const iroRes = await fetch(`${address}${paths.documents.list(householdId)}`, { method: 'POST', body: iroForm, headers: { cookie: cookieOf(iro) }, redirect: 'manual' });
  assert.equal(iroRes.status, 403);
  await iroRes.arrayBuffer();
  assert.equal(await documentCount(), before);
  const ok = await send(true);
  assert.equal(ok.status, 303);
  const [row] = await w.database.db.select().from(householdDocument).where(eq(householdDocument.title, 'Sent over HTTP'));
  assert.deepEqual(Buffer.from(row!.content), PDF);
});
