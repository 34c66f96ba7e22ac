import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { and, eq } from 'drizzle-orm';
import { testWorld, clientsFor, type TestWorld } from './helpers.ts';
import { auditEvent, outboundEmail } from '../src/data/schema.ts';
import { createEmailService, enqueueEmail, type EmailMessage } from '../src/services/email.ts';
import { loadConfig } from '../src/config.ts';
import { ValidationError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';
import type { Role } from '../src/domain/access/index.ts';

/** What the test SMTP server received: one entry per message. */
type Received = { mailFrom: string; rcptTo: string[]; headers: Map<string, string>; body: string; user: string | undefined };

/** Decodes the parts of a plain-text message that nodemailer may encode. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  if (/quoted-printable/i.test(headers.get('content-transfer-encoding') ?? '')) {
    body = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

/** A real SMTP server on a random local port; addresses at refused.test are rejected (550). */
async function startSmtpServer(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (auth.username === 'hearth' && auth.password === 'p@ss word') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@refused.test')) {
        const err = new Error('No such mailbox here') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { headers, body } = parseMessage(Buffer.concat(chunks).toString('utf8'));
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          headers,
          body,
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let w: TestWorld;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
before(async () => {
  w = await testWorld();
  smtp = await startSmtpServer();
});
after(async () => {
  await smtp.close();
  await w.close();
});

const as = clientsFor(() => w.app);
const ctx = (role: Role = 'placement_officer') => ({ actor: w.users[role], correlationId: 'email-test' });

function smtpService(port = smtp.port) {
  // Through the real configuration path: credentials in the URL, percent-encoded.
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: `smtp://hearth:p%40ss%20word@127.0.0.1:${port}`, MAIL_FROM: 'Hearth Test <hearth@southglos.test>' });
  return createEmailService(w.database.db, config.mail);
}

const enqueueWith = (service: ReturnType<typeof createEmailService>, msg: EmailMessage, role: Role = 'placement_officer') =>
  w.database.db.transaction((tx) => service.enqueue(tx, ctx(role), msg));

test('configuration: SMTP from SMTP_URL or SMTP_HOST, the outbox by default, clear refusals', () => {
  const base = { NODE_ENV: 'test' as const };
  assert.deepEqual(loadConfig(base).mail, { from: 'Hearth <no-reply@hearth.test>', smtp: null });
  assert.deepEqual(loadConfig({ ...base, SMTP_URL: 'smtp://u:p%2Fw@mail.example.org:2525' }).mail.smtp, { host: 'mail.example.org', port: 2525, secure: false, user: 'u', password: 'p/w' });
  assert.deepEqual(loadConfig({ ...base, SMTP_URL: 'smtps://mail.example.org' }).mail.smtp, { host: 'mail.example.org', port: 465, secure: true, user: undefined, password: undefined });
  assert.deepEqual(loadConfig({ ...base, SMTP_HOST: 'relay.example.org', SMTP_USER: 'a', SMTP_PASSWORD: 'b' }).mail.smtp, {
    host: 'relay.example.org',
    port: 587,
    secure: false,
    user: 'a',
    password: 'b',
  });
  assert.equal(loadConfig({ ...base, SMTP_HOST: 'relay.example.org', SMTP_SECURE: 'true' }).mail.smtp?.port, 465);
  assert.throws(() => loadConfig({ ...base, SMTP_URL: 'http://mail.example.org' }), /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
  assert.throws(() => loadConfig({ ...base, SMTP_URL: 'smtp://a@mail.example.org' }), /SMTP_URL: give both a user name and a password/);
  assert.throws(() => loadConfig({ ...base, SMTP_URL: 'smtp://mail.example.org', SMTP_HOST: 'x' }), /not both/);
  assert.throws(() => loadConfig({ ...base, SMTP_HOST: 'relay.example.org', SMTP_USER: 'a' }), /SMTP_USER: set SMTP_USER and SMTP_PASSWORD together/);
  assert.throws(() => loadConfig({ ...base, SMTP_PORT: '25' }), /SMTP_HOST: required/);
  assert.throws(() => loadConfig({ ...base, MAIL_FROM: 'not an address' }), /MAIL_FROM/);
});

test('over SMTP: enqueued in the transaction, then delivered to a real SMTP server with its recipients, subject and text', async () => {
  const service = smtpService();
  assert.equal(service.transport, 'smtp');
  const body = 'Dear colleague,\n\nPlease confirm whether you agree to the proposed placement.\nThe anonymised summary follows.\n\nRegards';
  const id = await enqueueWith(service, {
    to: ['sw.one@otherborough.test', ' sw.two@otherborough.test ', 'SW.ONE@otherborough.test'],
    subject: 'Request for agreement: concurrent placement',
    body,
    related: { type: 'agreement', id: '11111111-1111-4111-8111-111111111111' },
  });

  const [waiting] = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.id, id));
  assert.equal(waiting!.transport, 'smtp');
  assert.equal(waiting!.sentAt, null, 'not sent until delivered');
  assert.deepEqual(waiting!.toAddresses, ['sw.one@otherborough.test', 'sw.two@otherborough.test'], 'trimmed and de-duplicated');
  assert.equal(smtp.received.length, 0);

  assert.equal(await service.deliverPending(), 1);
  const got = smtp.received.find((r) => r.headers.get('subject') === 'Request for agreement: concurrent placement');
  assert.ok(got, 'the server received the message');
  assert.deepEqual(got.rcptTo, ['sw.one@otherborough.test', 'sw.two@otherborough.test']);
  assert.equal(got.mailFrom, 'hearth@southglos.test');
  assert.equal(got.user, 'hearth', 'signed in with the credentials from SMTP_URL');
  assert.match(got.headers.get('to')!, /sw\.one@otherborough\.test, sw\.two@otherborough\.test/);
  assert.match(got.headers.get('from')!, /Hearth Test <hearth@southglos\.test>/);
  assert.equal(got.body, body);

  const [sent] = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.id, id));
  assert.ok(sent!.sentAt instanceof Date);
  assert.equal(sent!.error, null);
  assert.equal(await service.deliverPending(), 0, 'nothing is sent twice');
  assert.equal(smtp.received.filter((r) => r.headers.get('subject') === 'Request for agreement: concurrent placement').length, 1);

  const audit = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'email.sent'), eq(auditEvent.subjectId, id)));
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.actorUserId, w.users.placement_officer.userId);
  assert.deepEqual((audit[0]!.details as { to: string[] }).to, ['sw.one@otherborough.test', 'sw.two@otherborough.test']);
  service.close();
});

test('a message the server refuses is marked with the error, delivery does not throw and the others still go', async () => {
  const service = smtpService();
  const refused = await enqueueWith(service, { to: ['nobody@refused.test'], subject: 'Refused one', body: 'This will bounce.' });
  const fine = await enqueueWith(service, { to: ['ssw@southglos.test'], subject: 'Fine one', body: 'This will arrive.' });
  const partly = await enqueueWith(service, { to: ['a@refused.test', 'b@southglos.test'], subject: 'Partly refused', body: 'One of two.' });

  assert.equal(await service.deliverPending(), 2);
  const rows = new Map((await w.database.db.select().from(outboundEmail)).map((r) => [r.id, r]));
  assert.equal(rows.get(refused)!.sentAt, null);
  assert.match(rows.get(refused)!.error!, /550|No such mailbox|rejected/i);
  assert.ok(rows.get(fine)!.sentAt);
  assert.equal(rows.get(fine)!.error, null);
  assert.ok(rows.get(partly)!.sentAt, 'sent to the recipient that was accepted');
  assert.match(rows.get(partly)!.error!, /a@refused\.test/);
  assert.equal(smtp.received.filter((r) => r.headers.get('subject') === 'Refused one').length, 0);
  assert.deepEqual(smtp.received.find((r) => r.headers.get('subject') === 'Partly refused')!.rcptTo, ['b@southglos.test']);
  assert.equal(await service.deliverPending(), 0, 'a failed message is not retried blindly');
  service.close();
});

test('an unreachable server: the error is recorded, nothing throws', async () => {
  const gone = await startSmtpServer();
  const port = gone.port;
  await gone.close();
  const service = smtpService(port);
  const id = await enqueueWith(service, { to: ['x@southglos.test'], subject: 'No server', body: 'Nobody listens.' });
  assert.equal(await service.deliverPending(), 0);
  const [row] = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.id, id));
  assert.equal(row!.sentAt, null);
  assert.match(row!.error!, /ECONNREFUSED|connect/i);
  service.close();
});

test('delivery running twice at once sends each message exactly once', async () => {
  const service = smtpService();
  const subjects = ['Concurrent A', 'Concurrent B', 'Concurrent C', 'Concurrent D'];
  for (const subject of subjects) await enqueueWith(service, { to: ['team@southglos.test'], subject, body: subject });
  const counts = await Promise.all([service.deliverPending(), service.deliverPending(), service.deliverPending()]);
  assert.equal(counts.reduce((a, b) => a + b, 0), subjects.length);
  for (const subject of subjects) assert.equal(smtp.received.filter((r) => r.headers.get('subject') === subject).length, 1, subject);
  service.close();
});

test('malformed addresses and empty messages are refused with clear messages and nothing is stored', async () => {
  const service = smtpService();
  const before = (await w.database.db.select().from(outboundEmail)).length;
  const attempts: [EmailMessage, RegExp][] = [
    [{ to: ['not-an-address'], subject: 'S', body: 'B' }, /"not-an-address" is not a valid e-mail address/],
    [{ to: ['a@b'], subject: 'S', body: 'B' }, /"a@b" is not a valid e-mail address/],
    [{ to: ['Someone <a@b.test>'], subject: 'S', body: 'B' }, /not a valid e-mail address/],
    [{ to: ['a@b.test\r\nBcc: evil@x.test'], subject: 'S', body: 'B' }, /not a valid e-mail address/],
    [{ to: [], subject: 'S', body: 'B' }, /at least one e-mail address/],
    [{ to: ['a@b.test'], subject: 'Line\r\nBcc: evil@x.test', body: 'B' }, /subject must be on one line/],
    [{ to: ['a@b.test'], subject: '', body: '' }, /subject: Give the e-mail a subject; body: The e-mail has no text/],
  ];
  for (const [msg, message] of attempts) {
    await assert.rejects(enqueueWith(service, msg), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.match(err.message, message);
      return true;
    });
  }
  assert.equal((await w.database.db.select().from(outboundEmail)).length, before);
  service.close();
});

test("the e-mail belongs to the caller's transaction: rolled back with it", async () => {
  const before = (await w.database.db.select().from(outboundEmail)).length;
  await assert.rejects(
    w.database.db.transaction(async (tx) => {
      await enqueueEmail(tx, ctx(), { to: ['a@b.test'], subject: 'Never', body: 'Rolled back' }, 'outbox');
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  assert.equal((await w.database.db.select().from(outboundEmail)).length, before);
  assert.equal((await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'email.sent'))).filter((a) => (a.details as { to?: string[] }).to?.[0] === 'a@b.test').length, 0);
});

test('without SMTP the outbox is the delivery: stored as sent, shown on the outbox pages, filtered by what it is about', async () => {
  assert.equal(w.services.email.transport, 'outbox');
  const relatedId = '22222222-2222-4222-8222-222222222222';
  const body = 'Dear Ms Example,\n\n    Indented line kept as written.\nA <b>tag</b> is shown as text.\n\nRegards';
  const id = await enqueueWith(w.services.email, { to: ['carer@household.test'], subject: 'Placement confirmed', body, related: { type: 'proposal', id: relatedId } });
  await enqueueWith(w.services.email, { to: ['other@household.test'], subject: 'Unrelated reminder', body: 'Something else' });

  const [row] = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.id, id));
  assert.equal(row!.transport, 'outbox');
  assert.equal(row!.sentAt!.getTime(), row!.createdAt.getTime(), 'delivered to the outbox when written');
  assert.equal(await w.services.email.deliverPending(), 0, 'nothing to send over SMTP');

  const po = await as('placement_officer');
  const list = await po.get(paths.outbox.list);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Placement confirmed/);
  assert.match(list.body, /Unrelated reminder/);
  assert.match(list.body, /carer@household\.test/);
  assert.match(list.body, /In outbox/);
  assert.match(list.body, /No mail server is configured/);
  assert.ok(list.body.indexOf('Unrelated reminder') < list.body.indexOf('Placement confirmed'), 'newest first');
  assert.match(list.body, new RegExp(`class="govuk-service-navigation__link" href="${paths.more}"[^>]*aria-current`), 'the outbox is under More in the navigation');
  assert.match((await po.get(paths.more)).body, new RegExp(`href="${paths.outbox.list}">Outbox`), 'Outbox on the More page');

  const filtered = await po.get(`${paths.outbox.list}?related=proposal`);
  assert.match(filtered.body, /Placement confirmed/);
  assert.doesNotMatch(filtered.body, /Unrelated reminder/);

  const show = await po.get(paths.outbox.show(id));
  assert.equal(show.statusCode, 200);
  assert.match(show.body, /<pre class="govuk-body hearth-pre-wrap">Dear Ms Example,\n\n {4}Indented line kept as written\.\nA &lt;b&gt;tag&lt;\/b&gt; is shown as text\./);
  assert.match(show.body, /carer@household\.test/);
  assert.match(show.body, /Test placement officer/);
  assert.equal((await po.get(paths.outbox.show('33333333-3333-4333-8333-333333333333'))).statusCode, 404);

  const audit = await w.database.db.select().from(auditEvent).where(eq(auditEvent.actorUserId, w.users.placement_officer.userId));
  assert.ok(audit.some((a) => a.action === 'email.listed'));
  assert.ok(audit.some((a) => a.action === 'email.viewed' && a.subjectId === id));
  assert.ok(audit.some((a) => a.action === 'email.sent' && a.subjectId === id));
});

test('the outbox is shown 50 a page, newest first, with the true total; the page links keep the filter', async () => {
  const at = (i: number) => new Date(Date.UTC(2020, 0, 1, 0, i));
  await w.database.db.insert(outboundEmail).values(
    Array.from({ length: 55 }, (_, i) => ({ toAddresses: ['pager@outbox.test'], subject: `Paged message ${String(i).padStart(2, '0')}`, bodyText: 'x', relatedType: 'pagetest', transport: 'outbox' as const, createdAt: at(i) })),
  );
  const c = await as('team_manager');
  const first = await c.get(`${paths.outbox.list}?related=pagetest`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /55 e-mails \(showing 1 to 50 of 55\)/);
  assert.match(first.body, /Paged message 54/);
  assert.match(first.body, /Paged message 05/);
  assert.doesNotMatch(first.body, /Paged message 04/);
  assert.match(first.body, /href="\/outbox\?related=pagetest&amp;page=2"/);
  const second = await c.get(`${paths.outbox.list}?related=pagetest&page=2`);
  assert.match(second.body, /55 e-mails \(showing 51 to 55 of 55\)/);
  assert.match(second.body, /Paged message 00/);
  assert.doesNotMatch(second.body, /Paged message 05/);
  const beyond = await c.get(`${paths.outbox.list}?related=pagetest&page=9`);
  assert.match(beyond.body, /showing 51 to 55 of 55/);
});

test('permissions: a social worker, a supervising social worker and an IRO cannot see the outbox; managers and administrators can', async () => {
  const [row] = await w.database.db.select({ id: outboundEmail.id }).from(outboundEmail).limit(1);
  for (const role of ['social_worker', 'supervising_social_worker', 'iro'] as const) {
    const c = await as(role);
    assert.equal((await c.get(paths.outbox.list)).statusCode, 403, role);
    assert.equal((await c.get(paths.outbox.show(row!.id))).statusCode, 403, role);
    const home = await c.get(paths.home);
    assert.doesNotMatch(home.body, new RegExp(`href="${paths.outbox.list}"`), `${role} has no Outbox link`);
    assert.match(home.body, /govuk-service-navigation__link" href="\/households"/, 'the navigation is there');
  }
  for (const role of ['team_manager', 'head_of_service', 'administrator'] as const) {
    const c = await as(role);
    assert.equal((await c.get(paths.outbox.list)).statusCode, 200, role);
  }
  const anonymous = await w.app.inject({ method: 'GET', url: paths.outbox.list });
  assert.equal(anonymous.statusCode, 303);
});

test('a secret in a message (a secure link) is sent as written, but the outbox shows it only to a recipient', async () => {
  const service = smtpService();
  const token = 'Zq3xTOKENonlyForTheRecipient_abcdefghij';
  const body = `Please answer at this secure link:\nhttp://hearth.test/agreement/${token}\n`;
  const id = await enqueueWith(service, { to: ['team_manager@test.hearth.test'], subject: 'Secret link inside', body, secrets: [token] });
  const [row] = await w.database.db.select().from(outboundEmail).where(eq(outboundEmail.id, id));
  assert.ok(!row!.bodyText.includes(token), 'the outbox copy is masked');
  assert.match(row!.bodyText, /\/agreement\/\[link hidden: only its recipient can see it\]/);
  await service.deliverPending();
  assert.equal(smtp.received.find((r) => r.headers.get('subject') === 'Secret link inside')?.body, body.replace(/\n$/, ''), 'the mail server gets the real link');
  service.close();

  // A placement officer is not the recipient: masked, and said so. The team manager is: in full.
  const po = await as('placement_officer');
  const masked = await po.get(paths.outbox.show(id));
  assert.ok(!masked.body.includes(token));
  assert.match(masked.body, /Hidden here: only the recipient sees it/);
  const tm = await as('team_manager');
  const full = await tm.get(paths.outbox.show(id));
  assert.ok(full.body.includes(token), 'its recipient reads it in full');
  assert.doesNotMatch(full.body, /Hidden here/);
  const views = await w.database.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'email.viewed'), eq(auditEvent.subjectId, id)));
  assert.deepEqual(views.map((v) => (v.details as { secretShown?: boolean }).secretShown).sort(), [false, true]);
  assert.ok(!(await po.get(paths.outbox.list)).body.includes(token));
});
