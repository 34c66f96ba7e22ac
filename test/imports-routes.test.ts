/**
 * The administrator's import pages: upload the return files (multipart, the token first), see the
 * dry run, import, then link the placements whose household is not known. Each route's permission
 * and audit action as declared.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { testWorld, clientsFor, type TestWorld, type Client } from './helpers.ts';
import { auditRows } from './audit-declared-fixtures.ts';
import { auditEvent, child, household, importJob, importUpload, placement } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld({ today: '2026-11-20' });
});
after(async () => w.close());
const as = clientsFor(() => w.app);

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\nR1,M,01/02/2015,WBRI,UN1,,\r\nR2,F,01/02/2014,WBRI,UN1,0,\r\n';
const EPISODES =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n' +
  'R1,01/05/2025,S,C2,N1,U4,PR1,,,,BS1 1AA,TF1 1AA,\r\n' +
  'R2,01/05/2025,S,C2,N1,U4,PR1,30/02/2026,,,BS1 1AA,TF1 1AA,\r\n';

type Part = { name: string; value: string } | { name: string; filename: string; data: string };
function multipart(parts: Part[]) {
  const boundary = `----hearth${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: text/csv\r\n\r\n${p.data}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
async function upload(c: Client, files: Part[]) {
  await c.get(paths.imports.new);
  const body = multipart([{ name: '_csrf', value: c.csrf }, ...files]);
  return w.app.inject({ method: 'POST', url: paths.imports.new, headers: { cookie: cookieOf(c), 'content-type': body.contentType }, payload: body.payload });
}

/** The job page once the job has finished (the test waits for the background work, then reads it). */
async function finished(c: Client, location: string) {
  await w.services.imports.settled();
  const page = await c.get(location);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /http-equiv="refresh"/, 'a finished job no longer refreshes');
  return page;
}
/** The audit rows the job wrote (under its own correlation id). */
async function jobAudit(location: string) {
  const id = location.split('/').at(-1);
  return (await w.database.db.select().from(auditEvent).where(eq(auditEvent.correlationId, `import-job-${id}`))).map((r) => r.action);
}

test('only an administrator may import; the page is the GOV.UK file upload with the token before the files', async () => {
  const sw = await as('social_worker');
  assert.equal((await sw.get(paths.imports.new)).statusCode, 403);
  const admin = await as('administrator');
  const page = await admin.get(paths.imports.new);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  assert.ok(page.body.indexOf('name="_csrf"') < page.body.indexOf('type="file"'));
  assert.match(page.body, /govuk-file-upload/);
  assert.match(page.body, /id="current"[^>]* multiple|multiple[^>]*id="current"/, 'several files at once');
});

test('no files: the error summary, nothing kept', async () => {
  const admin = await as('administrator');
  const res = await upload(admin, []);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
  assert.match(res.body, /Choose this year’s SSDA903 return files|Choose this year&#39;s SSDA903 return files|Choose this year's SSDA903 return files/);
  assert.equal((await w.database.db.select().from(importUpload)).length, 0);
});

test('upload → dry run (nothing changed, every row error listed) → Import (audited) → link the placement to a household', async () => {
  const admin = await as('administrator');
  const res = await upload(admin, [
    { name: 'current', filename: 'header.csv', data: HEADER },
    { name: 'current', filename: 'episodes.csv', data: EPISODES },
  ]);
  // The dry run runs in the background: the answer is its progress page, which shows the report once it is done.
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.deepEqual((await auditRows(w, res)).map((r) => r.action), ['import.started']);
  const dry = await finished(admin, res.headers.location as string);
  assert.match(dry.body, /Check what the import will do/);
  assert.match(dry.body, /1 created, 0 updated, 0 unchanged, 1 left out/);
  assert.match(dry.body, /episodes\.csv/);
  assert.match(dry.body, /DEC &quot;30\/02\/2026&quot; is not a real date|DEC "30\/02\/2026" is not a real date/);
  assert.deepEqual(await jobAudit(res.headers.location as string), ['import.previewed']);
  assert.equal((await w.database.db.select().from(child)).length, 0, 'the dry run changed nothing');
  const [kept] = await w.database.db.select().from(importUpload);
  assert.ok(kept);

  const run = await admin.post(paths.imports.run(kept.id));
  assert.equal(run.statusCode, 303);
  const done = await finished(admin, run.headers.location as string);
  assert.match(done.body, /Records imported/);
  assert.deepEqual((await jobAudit(run.headers.location as string)).sort(), ['import.child-created', 'import.run'], 'one row per child created and one for the run, under the job');
  const [imported] = await w.database.db.select().from(child).where(eq(child.reference, 'R1'));
  assert.equal(imported?.importedOn, '2026-11-20');
  assert.equal((await w.database.db.select().from(importUpload)).length, 0, 'the upload is forgotten once imported');

  // The placement's carers were not in a register: it is listed, and a placement officer links it.
  const po = await as('placement_officer');
  const [queued] = await w.database.db.select().from(household).where(eq(household.notKnown, true));
  const list = await po.get(`${paths.imports.unresolved}?household=${queued!.id}`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`<option value="${queued!.id}" selected`), 'from the work queue, the household not known is chosen already');
  assert.match(list.body, /R1/);
  assert.match(list.body, /TF1 1AA/);
  const [notKnown] = await w.database.db.select().from(household).where(eq(household.notKnown, true));
  assert.ok(notKnown);
  const bad = await po.post(paths.imports.unresolved, { householdId: notKnown.id, householdReference: 'NOPE1' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  const [real] = await w.database.db
    .insert(household)
    .values({ reference: 'H0009', addressLine1: '9 Test Row', town: 'Testford', postcode: 'TF1 1AA', fosteringServiceId: w.laId, approvalStatus: 'approved', approvalDate: '2024-01-02' })
    .returning();
  const linked = await po.post(paths.imports.unresolved, { householdId: notKnown.id, householdReference: 'h0009' });
  assert.equal(linked.statusCode, 303);
  assert.deepEqual((await auditRows(w, linked)).map((r) => r.action), ['import.placement-linked']);
  const [p] = await w.database.db.select().from(placement).where(eq(placement.childId, imported!.id));
  assert.equal(p?.householdId, real!.id);
  const after = await po.get(paths.imports.unresolved);
  assert.match(after.body, /1 placement linked to H0009/);
  assert.match(after.body, /0 placements/);
});

test('a job running on another process shows its progress from its row and holds its files; once that process stops refreshing the row, it is interrupted and the files may run again', async () => {
  const admin = await as('administrator');
  const ctx = { actor: null };
  const checked = await w.services.imports.checkUpload(ctx, { current: [{ name: 'header.csv', content: HEADER }, { name: 'episodes.csv', content: EPISODES }], previous: [], register: null });
  await w.services.imports.settled();
  const uploadId = checked.uploadId;
  const started = await w.database.db.select().from(auditEvent).where(eq(auditEvent.subjectId, `import-job:${checked.id}`));
  assert.deepEqual(
    started.map((r) => [r.action, (r.details as { uploadId?: string; files?: string[] }).uploadId, (r.details as { files?: string[] }).files]),
    [['import.started', uploadId, ['header.csv', 'episodes.csv']]],
    'the kept files are audited, in the transaction that keeps them',
  );
  // Another process's job: its row refreshed a moment ago.
  const [elsewhere] = await w.database.db.insert(importJob).values({ uploadId, dryRun: true, status: 'running', done: 40, total: 2000 }).returning();
  const live = await admin.get(paths.imports.job(elsewhere!.id));
  assert.match(live.body, /40 of 2,000/);
  assert.match(live.body, /http-equiv="refresh"/, 'still running: the page refreshes');
  await assert.rejects(w.services.imports.startJob(ctx, uploadId, { dryRun: false }), /already being checked or imported/);
  // Two starts at once: the unique index lets only one job of an upload run.
  await assert.rejects(w.database.db.insert(importJob).values({ uploadId, dryRun: false, status: 'running' }), 'a second running job of the same files is refused by the database');
  // That process stopped: its row was last refreshed ten minutes ago.
  await w.database.db.update(importJob).set({ updatedAt: new Date(Date.now() - 10 * 60_000) }).where(eq(importJob.id, elsewhere!.id));
  assert.match((await admin.get(paths.imports.job(elsewhere!.id))).body, /Stopped: 40 of 2,000/);
  const again = await w.services.imports.startJob(ctx, uploadId, { dryRun: true });
  await w.services.imports.settled();
  const [closed] = await w.database.db.select().from(importJob).where(eq(importJob.id, elsewhere!.id));
  assert.deepEqual([closed?.status, closed?.error, closed?.done], ['failed', 'The server stopped while this ran', 40], 'closed, its progress kept');
  const [rerun] = await w.database.db.select().from(importJob).where(eq(importJob.id, again.id));
  assert.equal(rerun?.status, 'done');
});

test('a job whose process stopped is shown as interrupted, with what to do; an unknown job is not found', async () => {
  const admin = await as('administrator');
  const [job] = await w.database.db.insert(importJob).values({ uploadId: crypto.randomUUID(), dryRun: false, status: 'running', done: 300, total: 2000, updatedAt: new Date(Date.now() - 10 * 60_000) }).returning();
  const page = await admin.get(paths.imports.job(job!.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Stopped: 300 of 2,000 children imported \(15%\)/);
  assert.match(page.body, /govuk-error-summary/);
  assert.match(page.body, /carries on where it stopped/);
  assert.doesNotMatch(page.body, /http-equiv="refresh"/);
  assert.equal((await admin.get(paths.imports.job(crypto.randomUUID()))).statusCode, 404);
  assert.equal((await (await as('social_worker')).get(paths.imports.job(job!.id))).statusCode, 403);
});
