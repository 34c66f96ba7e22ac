/**
 * The import through the API: send the files (dry run in the background, 202 and the job), read the
 * job until done (its report), confirm (the import, in the background), and problem+json for what is
 * refused. Each route's permission and audit as declared; each answer against its OpenAPI schema.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { testWorld, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { auditEvent, child } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld({ today: '2026-11-20' });
});
after(async () => w.close());

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/02/2015,WBRI,UN1,,\nA2,F,01/02/2014,WBRI,UN1,0,\n';
const EPISODES =
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
  'A1,01/05/2025,S,C2,N1,U4,PR1,,,,BS1 1AA,TF1 1AA,\n' +
  'A2,01/05/2025,S,C2,N1,U4,PR1,30/02/2026,,,BS1 1AA,TF1 1AA,\n';
const NAMES = 'CHILD,FIRST_NAME,LAST_NAME,DOB\nA1,Ada,Example,01/02/2015\n';

const jobAudit = async (id: string) => (await w.database.db.select().from(auditEvent).where(eq(auditEvent.correlationId, `import-job-${id}`))).map((r) => r.action).sort();

test('dry run → job → report → import → job → records, every answer as its schema says', async () => {
  const token = await tokenFor(w, 'administrator');
  const sent = await w.app.inject({
    method: 'POST',
    url: paths.api.imports,
    headers: bearer(token),
    payload: { current: [{ name: 'header.csv', content: HEADER }, { name: 'episodes.csv', content: EPISODES }], details: { name: 'names.csv', content: NAMES } },
  });
  assert.equal(sent.statusCode, 202, sent.body);
  const started = sent.json();
  assert.equal(sent.headers.location, paths.api.importJob(started.id));
  assert.deepEqual([started.dryRun, started.report], [true, null]);

  await w.services.imports.settled();
  const dry = await w.app.inject({ method: 'GET', url: paths.api.importJob(started.id), headers: bearer(token) });
  assert.equal(dry.statusCode, 200);
  const checked = dry.json();
  assert.equal(checked.status, 'done');
  assert.deepEqual([checked.done, checked.total], [1, 1]);
  assert.deepEqual(checked.report.children, { created: 1, updated: 0, unchanged: 0, leftOut: 1, failed: 0, namesNotRecorded: 0 });
  assert.deepEqual(checked.report.errors.map((e: { file: string; line: number; column: string }) => [e.file, e.line, e.column]), [['episodes.csv', 3, 'DEC']]);
  assert.deepEqual(await jobAudit(started.id), ['import.previewed']);
  assert.equal((await w.database.db.select().from(child)).length, 0, 'the dry run changed nothing');

  const confirmed = await w.app.inject({ method: 'POST', url: paths.api.importRun(started.uploadId), headers: bearer(token), payload: {} });
  assert.equal(confirmed.statusCode, 202, confirmed.body);
  const run = confirmed.json();
  await w.services.imports.settled();
  const done = (await w.app.inject({ method: 'GET', url: paths.api.importJob(run.id), headers: bearer(token) })).json();
  assert.equal(done.status, 'done');
  assert.equal(done.report.dryRun, false);
  assert.deepEqual(await jobAudit(run.id), ['import.child-created', 'import.run']);
  const [a1] = await w.database.db.select().from(child).where(eq(child.reference, 'A1'));
  assert.deepEqual([a1?.firstName, a1?.lastName, a1?.nameRecorded], ['Ada', 'Example', true]);

  // The files are forgotten once imported: confirming again finds nothing.
  const again = await w.app.inject({ method: 'POST', url: paths.api.importRun(started.uploadId), headers: bearer(token), payload: {} });
  assert.equal(again.statusCode, 404);
  assert.match(String(again.headers['content-type']), /application\/problem\+json/);
});

test('refused as problem+json, changing nothing: no return file among them, a body without files, another role, an unknown job', async () => {
  const token = await tokenFor(w, 'administrator');
  const notReturn = await w.app.inject({ method: 'POST', url: paths.api.imports, headers: bearer(token), payload: { current: [{ name: 'x.csv', content: 'A,B\n1,2\n' }] } });
  assert.equal(notReturn.statusCode, 400);
  assert.match(String(notReturn.headers['content-type']), /application\/problem\+json/);
  assert.match(notReturn.body, /None of the files is a file of the SSDA903 return/);
  const empty = await w.app.inject({ method: 'POST', url: paths.api.imports, headers: bearer(token), payload: { current: [] } });
  assert.equal(empty.statusCode, 400);
  assert.match(String(empty.headers['content-type']), /application\/problem\+json/);
  const sw = await tokenFor(w, 'social_worker');
  assert.equal((await w.app.inject({ method: 'POST', url: paths.api.imports, headers: bearer(sw), payload: { current: [{ name: 'h.csv', content: HEADER }] } })).statusCode, 403);
  const unknown = await w.app.inject({ method: 'GET', url: paths.api.importJob(crypto.randomUUID()), headers: bearer(token) });
  assert.equal(unknown.statusCode, 404);
  assert.match(String(unknown.headers['content-type']), /application\/problem\+json/);
});
