/**
 * Two Hearth processes on one PostgreSQL database behave as one service.
 *
 * Starts two real servers (`node --import tsx src/server.ts`) on loopback ports, on a throwaway
 * database created on the PostgreSQL server named by TEST_DATABASE_URL or DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped at the end, sending e-mail to a real SMTP
 * server (smtp-server) on 127.0.0.1. Proves that each message is delivered once although both run their
 * delivery loops, that each reminder and escalation is sent once although both chase, that a session
 * made on one is valid on the other, and that the sign-in rate limit counts attempts on both.
 *
 * Run with `npm run test:multi`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/data/db.ts';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { verifyAuditChain } from '../src/audit/verify.ts';
import { createServices, type Services } from '../src/services/index.ts';
import { enqueueEmail } from '../src/services/email.ts';
import { hashPassword, toActor } from '../src/services/auth.ts';
import { ROLES, type Role } from '../src/domain/access/index.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import type { Actor } from '../src/services/context.ts';
import { paths } from '../src/http/paths.ts';
import {
  agreementRequirement,
  appUser,
  auditEvent,
  child,
  externalContact,
  household,
  organisation,
  outboundEmail,
  outboundEmailClaim,
  placement,
  placementRequest,
  team,
} from '../src/data/schema.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'correct-horse-battery-staple';
const SESSION_SECRET = crypto.randomBytes(24).toString('hex');
const TODAY = todayInEngland(new Date());
const LONG_AGO = new Date(Date.now() - 10 * 86_400_000);
/** Every wait in this file is bounded. */
const START_TIMEOUT_MS = 90_000;
const WAIT_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// ---- The database, its people and records ------------------------------------------------------

const dbName = `hearth_multi_${crypto.randomBytes(6).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(SERVER_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
let database: Database | undefined;
let services: Services;
const users = {} as Record<Role, Actor>;
const ids = { la: '', otherLa: '', contact: '' };
const ctx = (role: Role) => ({ actor: users[role], correlationId: 'multi-test' });

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

let seq = 0;
async function insertChild(values: Partial<typeof child.$inferInsert> = {}) {
  seq += 1;
  const [row] = await database!.db
    .insert(child)
    .values({
      reference: `MI${seq}`,
      firstName: `Kid${seq}`,
      lastName: 'Multi',
      dateOfBirth: '2015-04-01',
      sex: 'F',
      ethnicity: 'WBRI',
      upn: `M${String(100000000000 + seq)}`,
      responsibleAuthorityId: ids.la,
      socialWorkerId: users.social_worker.userId,
      categoryOfNeed: 'N1',
      ...values,
    })
    .returning();
  return row!;
}

/**
 * A proposed household with one child of another authority living there, whose social worker has
 * been asked for written agreement: one unanswered agreement request. Returns its id.
 */
async function requestedAgreement(): Promise<string> {
  const db = database!.db;
  const newChild = await insertChild();
  const [request] = await db
    .insert(placementRequest)
    .values({
      reference: `PRM${seq}`,
      childId: newChild.id,
      status: 'matching',
      urgency: 'planned',
      kind: 'short_term',
      neededBy: addDays(TODAY, 7),
      needs: { health: 'None known', needTags: [] },
      risks: { riskToSelf: 'None known', riskFromOthers: 'None known', riskToOthers: 'None known' },
      childViews: { childViews: 'Happy to move' },
    })
    .returning();
  const [h] = await db
    .insert(household)
    .values({
      reference: `HM${seq}`,
      addressLine1: `${seq} Multi Row`,
      town: 'Testford',
      postcode: 'TF1 1AD',
      fosteringServiceId: ids.la,
      supervisingSocialWorkerId: users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 2,
      placementKinds: ['short_term'],
    })
    .returning();
  const resident = await insertChild({ responsibleAuthorityId: ids.otherLa, socialWorkerId: null, externalSocialWorkerId: ids.contact });
  await db.insert(placement).values({ childId: resident.id, householdId: h!.id, startDate: '2025-02-03', placementType: 'U3', status: 'active' });
  const s = services.proposals;
  const { id } = await s.createProposal(ctx('placement_officer'), request!.id, h!.id);
  for (const role of ['placement_officer', 'supervising_social_worker'] as const) {
    await s.consider(ctx(role), id, { existingChildId: resident.id, servesWellbeing: 'yes', reasoning: 'Considered' });
  }
  let v = await s.get(ctx('placement_officer'), id);
  await s.propose(ctx('placement_officer'), id, v.p.version, { proposedStart: addDays(TODAY, 7) });
  v = await s.get(ctx('placement_officer'), id);
  const r = v.requirements[0]!;
  await s.requestAgreement(ctx('supervising_social_worker'), r.id, r.version, { confirm: 'yes' });
  return r.id;
}

/** Makes requests due for chasing: asked ten days ago and, for `escalate`, already reminded twice then. */
async function makeDue(reminded: string[], escalated: string[]) {
  const db = database!.db;
  if (reminded.length) await db.update(agreementRequirement).set({ requestedAt: LONG_AGO }).where(inArray(agreementRequirement.id, reminded));
  if (escalated.length) {
    await db.update(agreementRequirement).set({ requestedAt: LONG_AGO, remindersSent: 2, lastReminderAt: LONG_AGO }).where(inArray(agreementRequirement.id, escalated));
  }
}

/** What happened to each request: its reminders, escalation, audit rows and e-mails. */
async function chased(requirementIds: string[]) {
  const db = database!.db;
  const rows = await db.select().from(agreementRequirement).where(inArray(agreementRequirement.id, requirementIds));
  const audits = await db
    .select({ action: auditEvent.action, subjectId: auditEvent.subjectId })
    .from(auditEvent)
    .where(and(inArray(auditEvent.action, ['agreement.reminded', 'agreement.escalated']), inArray(auditEvent.subjectId, requirementIds)));
  const mails = await db
    .select({ relatedId: outboundEmail.relatedId, subject: outboundEmail.subject, sentAt: outboundEmail.sentAt, transport: outboundEmail.transport })
    .from(outboundEmail)
    .where(and(inArray(outboundEmail.relatedId, requirementIds), sql`(${outboundEmail.subject} like 'Reminder:%' or ${outboundEmail.subject} like 'Escalation:%')`));
  return requirementIds.map((id) => {
    const r = rows.find((x) => x.id === id)!;
    return {
      remindersSent: r.remindersSent,
      escalated: r.escalatedAt !== null,
      audits: audits.filter((a) => a.subjectId === id).map((a) => a.action),
      mails: mails.filter((m) => m.relatedId === id),
    };
  });
}

// ---- A real SMTP server on loopback ------------------------------------------------------------

type Received = { subject: string; rcptTo: string[] };
const received: Received[] = [];
let smtp: SMTPServer | undefined;
let smtpPort = 0;

async function startSmtp() {
  smtp = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const subject = /^subject: (.*)$/im.exec(head)?.[1]?.trim() ?? '';
        received.push({ subject, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
        // A mail server takes a moment: long enough that both instances' loops find work to do.
        setTimeout(() => cb(), 40);
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}

// ---- Two Hearth processes ----------------------------------------------------------------------

type Instance = { name: string; port: number; base: string; proc: ChildProcess; output: string[] };
const instances: Instance[] = [];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ ?? 'Europe/London',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: dbUrl,
    SESSION_SECRET,
    LOG_LEVEL: 'warn',
    SEED_CHILDREN: '0',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Hearth Multi <hearth@multi.test>',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    EMAIL_DELIVERY_INTERVAL_MS: '200',
    AGREEMENT_CHASE_INTERVAL_MS: '250',
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const instance: Instance = { name, port, base: `http://127.0.0.1:${port}`, proc, output };
  instances.push(instance);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`instance ${name} exited (${proc.exitCode ?? proc.signalCode}):\n${output.join('')}`);
    try {
      const res = await fetch(`${instance.base}${paths.health.ready}`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return instance;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`instance ${name} was not ready within ${START_TIMEOUT_MS / 1000} s:\n${output.join('')}`);
}

async function stopInstance(instance: Instance): Promise<void> {
  const { proc } = instance;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await Promise.race([exited, sleep(STOP_TIMEOUT_MS + 5_000)]);
  clearTimeout(timer);
}

// Should this file's process end some other way, the servers end with it.
process.once('exit', () => {
  for (const i of instances) if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill('SIGKILL');
});

/** Waits for a condition, bounded; returns its last value. */
async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(value)}\n${instances.map((i) => `--- ${i.name}\n${i.output.join('')}`).join('\n')}`);
    await sleep(100);
  }
}

// ---- A browser against one instance or the other -----------------------------------------------

/** Keeps cookies (across instances, as one browser would for one site) and the last CSRF token seen. */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';

  private async remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m?.[1]) this.csrf = m[1];
    return { status: res.status, location: res.headers.get('location'), body };
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(on: Instance, url: string) {
    return this.remember(await fetch(`${on.base}${url}`, { redirect: 'manual', headers: { cookie: this.cookieHeader() }, signal: AbortSignal.timeout(20_000) }));
  }

  async post(on: Instance, url: string, form: Record<string, string>) {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form });
    return this.remember(
      await fetch(`${on.base}${url}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: AbortSignal.timeout(20_000),
      }),
    );
  }
}

// ---- Set-up and tear-down ----------------------------------------------------------------------

before(async () => {
  await adminQuery(`CREATE DATABASE ${dbName}`);
  database = await openMigratedDatabase({ databaseUrl: dbUrl });
  // The in-process services act for the people who set records up; their e-mail stays in the outbox.
  services = createServices(database, { allowDemoAccounts: false });
  const db = database.db;
  const [la] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Multishire County Council', laCode: '993' }).returning();
  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '994' }).returning();
  ids.la = la!.id;
  ids.otherLa = other!.id;
  const [t] = await db.insert(team).values({ organisationId: la!.id, name: 'Multi Team' }).returning();
  const hash = await hashPassword(PASSWORD);
  for (const role of ROLES) {
    const [u] = await db
      .insert(appUser)
      .values({ organisationId: la!.id, teamId: t!.id, email: `${role}@multi.hearth.test`, fullName: `Multi ${role.replace(/_/g, ' ')}`, role, passwordHash: hash })
      .returning();
    users[role] = toActor(u!);
  }
  await db.update(appUser).set({ lineManagerId: users.team_manager.userId }).where(eq(appUser.id, users.supervising_social_worker.userId));
  const [contact] = await db
    .insert(externalContact)
    .values({ fullName: 'Remi Other', role: 'Social worker', organisationId: other!.id, organisationName: 'Otherborough Council', email: 'remi.other@otherborough.test' })
    .returning();
  ids.contact = contact!.id;
  await startSmtp();
});

after(async () => {
  await Promise.all(instances.map((i) => stopInstance(i)));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await database?.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

// ---- The tests ---------------------------------------------------------------------------------

test('two chases at the same moment, on two connection pools, remind and escalate each request once', { timeout: 120_000 }, async () => {
  const reminded = [await requestedAgreement(), await requestedAgreement(), await requestedAgreement()];
  const escalated = [await requestedAgreement(), await requestedAgreement()];
  await makeDue(reminded, escalated);
  // A second process's view of the database: its own pool and its own services.
  const second = await openDatabase({ databaseUrl: dbUrl });
  try {
    const other = createServices(second, { allowDemoAccounts: false });
    const runs = await Promise.all([
      services.proposals.chaseAgreements({ actor: null, correlationId: 'chase-1' }),
      other.proposals.chaseAgreements({ actor: null, correlationId: 'chase-2' }),
      services.proposals.chaseAgreements({ actor: null, correlationId: 'chase-3' }),
      other.proposals.chaseAgreements({ actor: null, correlationId: 'chase-4' }),
    ]);
    assert.equal(runs.reduce((n, r) => n + r.reminded, 0), reminded.length, JSON.stringify(runs));
    assert.equal(runs.reduce((n, r) => n + r.escalated, 0), escalated.length, JSON.stringify(runs));
  } finally {
    await second.close();
  }
  for (const r of await chased(reminded)) {
    assert.equal(r.remindersSent, 1);
    assert.deepEqual(r.audits, ['agreement.reminded']);
    assert.equal(r.mails.length, 1);
  }
  for (const r of await chased(escalated)) {
    assert.equal(r.escalated, true);
    assert.deepEqual(r.audits, ['agreement.escalated']);
    assert.equal(r.mails.length, 1);
  }
});

test('two Hearth processes start on the same database', { timeout: START_TIMEOUT_MS * 2 + 10_000 }, async () => {
  const [a, b] = await Promise.all([startInstance('A'), startInstance('B')]);
  assert.notEqual(a.port, b.port);
});

test('(a) messages queued while both delivery loops run are each delivered exactly once, by both processes between them', { timeout: 120_000 }, async () => {
  assert.equal(instances.length, 2, 'both instances are running');
  const count = 40;
  const subjects = Array.from({ length: count }, (_, i) => `Multi-instance message ${i + 1} of ${count}`);
  await database!.db.transaction(async (tx) => {
    for (const subject of subjects) {
      await enqueueEmail(tx, ctx('placement_officer'), { to: ['someone@elsewhere.test'], subject, body: `Text of ${subject}` }, 'smtp');
    }
  });
  const waiting = () =>
    queryRows<{ n: number }>(database!.db, sql`select count(*)::int as n from outbound_email where subject like 'Multi-instance message %' and sent_at is null and error is null`);
  await waitFor('every message to be marked sent', waiting, ([row]) => row?.n === 0);
  // Several more rounds of both loops: nothing goes out again.
  await sleep(1_500);
  for (const subject of subjects) assert.equal(received.filter((r) => r.subject === subject).length, 1, `"${subject}" was received once`);
  assert.equal(received.filter((r) => r.subject.startsWith('Multi-instance message ')).length, count);
  const errors = await database!.db.select().from(outboundEmail).where(and(like(outboundEmail.subject, 'Multi-instance message %'), sql`${outboundEmail.error} is not null`));
  assert.deepEqual(errors, []);
  const senders = await queryRows<{ claimed_by: string; n: number }>(
    database!.db,
    sql`select c.claimed_by, count(*)::int as n from ${outboundEmailClaim} c join ${outboundEmail} e on e.id = c.email_id
        where e.subject like 'Multi-instance message %' group by c.claimed_by`,
  );
  const pids = new Set(instances.map((i) => String(i.proc.pid)));
  assert.equal(senders.length, 2, `both processes sent some: ${JSON.stringify(senders)}`);
  for (const s of senders) assert.ok(pids.has(s.claimed_by.split(':').at(-2)!), `sent by one of the two servers: ${s.claimed_by}`);
});

test('the chase timers of both processes remind and escalate each request once', { timeout: 180_000 }, async () => {
  assert.equal(instances.length, 2, 'both instances are running');
  const reminded = [await requestedAgreement(), await requestedAgreement(), await requestedAgreement(), await requestedAgreement()];
  const escalated = [await requestedAgreement(), await requestedAgreement()];
  const all = [...reminded, ...escalated];
  // Due from this moment for both servers, which chase every 250 ms.
  await makeDue(reminded, escalated);
  await waitFor(
    'both servers to chase every request and send the e-mails',
    () => chased(all),
    (rows) => rows.every((r) => r.mails.length >= 1 && r.mails.every((m) => m.sentAt !== null)),
  );
  // More rounds of both timers: nothing is chased again.
  await sleep(1_500);
  const after = await chased(all);
  for (const [i, r] of after.entries()) {
    const isEscalation = i >= reminded.length;
    assert.deepEqual(r.audits, [isEscalation ? 'agreement.escalated' : 'agreement.reminded'], `request ${i + 1}`);
    assert.equal(r.mails.length, 1, `one e-mail for request ${i + 1}`);
    assert.equal(r.mails[0]!.transport, 'smtp');
    if (isEscalation) assert.equal(r.escalated, true);
    else assert.equal(r.remindersSent, 1);
    const subject = r.mails[0]!.subject;
    assert.ok(received.some((m) => m.subject === subject && m.rcptTo.length > 0), `"${subject}" reached the mail server`);
  }
  // Each chase e-mail reached the mail server once (subjects name the child or household, which differ).
  const subjects = after.map((r) => r.mails[0]!.subject);
  for (const subject of subjects) assert.equal(received.filter((m) => m.subject === subject).length, subjects.filter((s) => s === subject).length, subject);
});

test('(b) a session made by signing in on one process is valid on the other', { timeout: 60_000 }, async () => {
  const [a, b] = instances as [Instance, Instance];
  const browser = new Browser();
  assert.equal((await browser.get(b, paths.home)).status, 303, 'B asks a stranger to sign in');
  await browser.get(a, paths.signIn);
  const signedIn = await browser.post(a, paths.signIn, { email: 'team_manager@multi.hearth.test', password: PASSWORD });
  assert.equal(signedIn.status, 303, signedIn.body.slice(0, 500));
  const onB = await browser.get(b, paths.home);
  assert.equal(onB.status, 200, 'the page that needs sign-in opens on B with the cookie from A');
  assert.match(onB.body, /Multi team manager/);
  assert.equal((await browser.get(a, paths.home)).status, 200, 'and still on A');
  // The session's CSRF secret is shared too: signing out on B, with the token A's page gave, works on both.
  const out = await browser.post(b, paths.signOut, {});
  assert.equal(out.status, 303);
  assert.equal((await browser.get(a, paths.home)).status, 303, 'signed out on B means signed out on A');
});

test('(c) the sign-in rate limit counts attempts made on either process', { timeout: 60_000 }, async () => {
  const [a, b] = instances as [Instance, Instance];
  const browser = new Browser();
  await browser.get(a, paths.signIn);
  const email = 'head_of_service@multi.hearth.test';
  // Ten wrong passwords, alternately on A and B: each is refused as wrong (the limit is 10 per 15 minutes).
  for (let i = 0; i < 10; i += 1) {
    const res = await browser.post(i % 2 === 0 ? a : b, paths.signIn, { email, password: `wrong-${i}` });
    assert.equal(res.status, 401, `attempt ${i + 1}`);
  }
  // The eleventh is refused on either, even with the right password: each counted all ten.
  for (const on of [a, b]) {
    const res = await browser.post(on, paths.signIn, { email, password: PASSWORD });
    assert.equal(res.status, 429, `on ${on.name}`);
    assert.match(res.body, /Too many attempts/);
  }
  // Another account from the same address is counted apart.
  const other = await browser.post(b, paths.signIn, { email: 'iro@multi.hearth.test', password: PASSWORD });
  assert.equal(other.status, 303);
  const rows = await queryRows<{ key: string; hits: number }>(database!.db, sql`select key, hits from rate_limit_counter order by hits desc`);
  assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key)), 'counters are kept by digest, not by address or e-mail');
  assert.equal(rows[0]?.hits, 12);
});

test('the audit rows both processes and the in-process services wrote form one intact hash chain', async () => {
  const report = await verifyAuditChain(database!.db);
  assert.equal(report.intact, true, JSON.stringify(report));
  assert.ok(report.intact && report.rows > 0);
});
