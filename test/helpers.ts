/**
 * Test helpers: a fresh migrated database (PGlite in memory, or a throwaway database on the
 * PostgreSQL server named by TEST_DATABASE_URL), the app built on it, and signed-in clients.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Database } from '../src/data/db.ts';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { createServices, type Services } from '../src/services/index.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { appUser, child, household, householdMember, moveRequest, organisation, placement, team } from '../src/data/schema.ts';
import { eq } from 'drizzle-orm';
import { hashPassword } from '../src/services/auth.ts';
import { ROLES, type Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { toActor } from '../src/services/auth.ts';
import { ValidationError } from '../src/services/errors.ts';
import { auditChecker } from './audit-check.ts';
import { inMemoryDatabase } from './group/spare-database.ts';
import { answerChecker, describeMismatches, recordAnswerCoverage } from './response-check.ts';
import { setFamilyMembersOfChild } from '../src/data/repositories/parent-and-child.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

/** A new empty migrated database: embedded in memory, or on the PostgreSQL server of TEST_DATABASE_URL/DATABASE_URL (then `url` names it). */
export async function freshDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) return inMemoryDatabase();
  const name = `hearth_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openMigratedDatabase({ databaseUrl: url.toString() });
  const close = database.close;
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export type TestWorld = {
  database: Database;
  services: Services;
  app: FastifyInstance;
  laId: string;
  teamId: string;
  users: Record<Role, Actor>;
  close: () => Promise<void>;
};

let passwordHash: Promise<string> | undefined;

/** A migrated database with one local authority, a team and one user per role, and the app on it. */
export async function testWorld(opts: { env?: 'test' | 'production'; extraEnv?: Record<string, string>; today?: string; clock?: () => number } = {}): Promise<TestWorld> {
  const database = await freshDatabase();
  // Administrators are not made to set up two-factor sign-in unless a test asks (test/sso-two-factor.test.ts).
  const config = loadConfig({ NODE_ENV: opts.env ?? 'test', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent', ADMIN_TWO_FACTOR: 'optional', ...opts.extraEnv });
  const services = createServices(database, {
    allowDemoAccounts: config.allowDemoAccounts,
    secretKey: config.sessionSecret,
    oidc: config.oidc,
    adminTwoFactor: config.adminTwoFactor,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.today ? { today: () => opts.today! } : {}),
  });
  const hash = await (passwordHash ??= hashPassword(TEST_PASSWORD));
  const db = database.db;
  const [la] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Testshire County Council', laCode: '991' }).returning();
  const [t] = await db.insert(team).values({ organisationId: la!.id, name: 'Test Team' }).returning();
  const users = {} as Record<Role, Actor>;
  for (const role of ROLES) {
    const [u] = await db
      .insert(appUser)
      .values({ organisationId: la!.id, teamId: t!.id, email: `${role}@test.hearth.test`, fullName: `Test ${role.replace(/_/g, ' ')}`, role, passwordHash: hash })
      .returning();
    users[role] = toActor(u!);
  }
  const audit = auditChecker(database);
  const answers = answerChecker();
  const app = await buildApp({ config, services, observe: audit.observe, observeAnswer: answers.observeAnswer });
  await app.ready();
  return {
    database,
    services,
    app,
    laId: la!.id,
    teamId: t!.id,
    users,
    close: async () => {
      await app.close();
      const mismatches = await audit.settle();
      await database.close();
      const { covered, mismatches: wrongAnswers } = answers.result();
      recordAnswerCoverage(covered);
      if (wrongAnswers.length > 0) throw new Error(describeMismatches(wrongAnswers));
      if (mismatches.length > 0) {
        throw new Error(`routes wrote other audit rows than they declare:\n${mismatches.map((m) => `${m.route} (${m.status}, ${m.url}): declared ${m.declared}, wrote ${m.written.join(', ') || 'nothing'}`).join('\n')}`);
      }
    },
  };
}

/** A browser-like client: keeps cookies and reads the CSRF token from the last form it saw. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) this.cookies.set(c.name, c.value);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form (urlencoded), adding the CSRF token unless `_csrf` is given. */
  async post(url: string, form: Record<string, string | string[]> = {}) {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** JSON request with the session cookie and CSRF header. */
  async json(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return this.remember(
      await this.app.inject({
        method,
        url,
        headers: { cookie: this.cookieHeader(), 'x-csrf-token': this.csrf, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      }),
    );
  }
}

export async function signIn(app: FastifyInstance, role: Role): Promise<Client> {
  const c = new Client(app);
  await c.get('/sign-in');
  const res = await c.post('/sign-in', { email: `${role}@test.hearth.test`, password: TEST_PASSWORD });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${role} failed: ${res.statusCode}`);
  await c.get('/');
  return c;
}

/** A bearer token for the API acting as the given user. */
export async function tokenFor(world: TestWorld, role: Role): Promise<string> {
  const { token } = await world.services.auth.createToken({ actor: world.users.administrator }, world.users[role].email, `test ${role}`);
  return token;
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** Signed-in clients cached per role for one test file (sign-in is rate limited per address and account). */
export function clientsFor(app: () => FastifyInstance): (role: Role) => Promise<Client> {
  const clients = new Map<Role, Client>();
  return async (role) => {
    let c = clients.get(role);
    if (!c) {
      c = await signIn(app(), role);
      clients.set(role, c);
    }
    return c;
  };
}

/** A JSON API caller using a bearer token. */
export function apiCaller(app: () => FastifyInstance, defaultToken: () => string) {
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = defaultToken()) =>
    app().inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

type ChildValues = Partial<typeof child.$inferInsert>;

/**
 * Puts child rows straight into the table (for tests of other records), numbering them: `defaults(n)`
 * gives a file's own reference, names and dates; anything not given is a plain looked-after child
 * of the world's authority, allocated to its social worker and reviewed by its IRO (so that every
 * role of the world's one team can work with it: caseload access, src/domain/access/caseload.ts).
 */
export function childInserter(world: () => TestWorld, defaults: (n: number) => ChildValues) {
  let n = 0;
  return async ({ familyMembers, ...values }: ChildValues & { familyMembers?: { name: string; relationship: string }[] } = {}) => {
    n += 1;
    const w = world();
    const [row] = await w.database.db
      .insert(child)
      .values({
        reference: `TC${n}`,
        firstName: `Child${n}`,
        lastName: 'Test',
        dateOfBirth: '2015-04-01',
        sex: 'F',
        ethnicity: 'WBRI',
        upn: 'UN1',
        responsibleAuthorityId: w.laId,
        socialWorkerId: w.users.social_worker.userId,
        iroId: w.users.iro.userId,
        categoryOfNeed: 'N1',
        ...defaults(n),
        ...values,
      })
      .returning();
    // Family members are people of their own (migration 0028), linked to the child.
    if (familyMembers?.length) await setFamilyMembersOfChild(w.database.db, row!.id, familyMembers, []);
    return row!;
  };
}

/**
 * A move from a placement agreed by the HARP panel, inserted directly: it lets the placement end
 * early (src/domain/placements/moves.ts). Tests of the move requests themselves use the service.
 */
export async function agreedMove(world: TestWorld, placementId: string, over: Partial<typeof moveRequest.$inferInsert> = {}) {
  const [p] = await world.database.db.select({ childId: placement.childId }).from(placement).where(eq(placement.id, placementId));
  if (!p) throw new Error(`no placement ${placementId}`);
  const [row] = await world.database.db
    .insert(moveRequest)
    .values({
      placementId,
      childId: p.childId,
      reason: 'Test move',
      supportTried: 'Placement Support Meetings',
      virtualSchoolAdviceFrom: 'Test Virtual School',
      virtualSchoolAdvice: 'Keep the school place',
      alternativesConsidered: 'More support',
      tellingPlan: 'Together, the day before',
      tellingConfirmedBySw: 'Test SW',
      tellingConfirmedBySsw: 'Test SSW',
      tellingConfirmedByCarers: 'Test carer',
      status: 'agreed',
      decidedThrough: 'harp_panel',
      panelDate: '2024-01-01',
      panelChair: 'Test chair',
      decisionReason: 'Agreed',
      decidedAt: new Date(),
      decidedByName: 'Test manager',
      requestedByName: 'Test SW',
      ...over,
    })
    .returning();
  return row!;
}

/**
 * An approved short-term household of the world's authority, supervised by its supervising social
 * worker (three children, ages 0–17, skill level 2), with one carer, Jo, and any other members given.
 */
export async function approvedHousehold(
  world: TestWorld,
  h: { reference: string; addressLine1: string; carerLastName?: string; otherMembers?: Omit<typeof householdMember.$inferInsert, 'householdId'>[] },
): Promise<string> {
  const [row] = await world.database.db
    .insert(household)
    .values({
      reference: h.reference,
      addressLine1: h.addressLine1,
      town: 'Testford',
      postcode: 'BS37 5AA',
      fosteringServiceId: world.laId,
      supervisingSocialWorkerId: world.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 3,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term'],
      skillLevel: 2,
    })
    .returning();
  const householdId = row!.id;
  await world.database.db
    .insert(householdMember)
    .values([{ householdId, kind: 'carer', firstName: 'Jo', lastName: h.carerLastName ?? 'Carer', position: 1 }, ...(h.otherMembers ?? []).map((m) => ({ ...m, householdId }))]);
  return householdId;
}

/** The problems a service refused with ("field: message" each); fails the test if it did not refuse with a ValidationError. */
export async function problemsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ValidationError) return err.errors.map((e) => `${e.field}: ${e.message}`);
    throw err;
  }
  assert.fail('expected a ValidationError');
}
