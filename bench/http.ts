/**
 * Benchmark: Hearth's busiest pages under 20 concurrent signed-in users, beside a bare Fastify.
 *
 *   npm run bench:http                               # 30 s a page, 20 users, embedded database (demo authority)
 *   npm run bench:http -- --duration 5               # a quick run
 *   npm run bench:http -- --pages my-work,matching   # some of the pages
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench npm run bench:http
 *                                                    # a database seeded with `npm run seed -- --children 100000 --reset`
 *   npm run bench:http -- --help
 *
 * What runs, each in its own process so that the load generator (autocannon, here) shares no event
 * loop with what it measures:
 *
 * 1. Hearth, as `npm start` runs it (scripts/start.mjs: dist/, rebuilt first if src/ changed), with
 *    NODE_ENV=test (demo sign-ins allowed, templates compiled once as in production, unlike
 *    development), on a free loopback port. With DATABASE_URL it uses that database; without, a new
 *    embedded database in a temporary DATA_DIR, into which it loads the demo authority. The bench
 *    waits for /health/ready and then (on Linux) for the server's CPU to go quiet, so that the
 *    obligations it derives in the background after starting are not measured as page time.
 * 2. Sessions: each connection is one user with its own session cookie, signed in through the
 *    sign-in form (CSRF token and all) as the demo accounts of the roles who use that page. The
 *    sign-in route allows 10 attempts per 15 minutes for one address and account, counted in the
 *    database, and there is no setting to raise it: the bench signs each account in only as many
 *    times as the pages need, at most --max-sign-ins (10). If the limit refuses some (an earlier run on
 *    the same database), connections share the sessions it did get, and the table says how many
 *    distinct sessions each page had. Sessions are reused from page to page.
 * 3. Every URL is fetched once with every session it will be measured with and must answer 200.
 * 4. A bare Fastify "hello world" in another process, measured the same way.
 * 5. Each page: a warm-up (--warmup seconds, discarded), then --duration seconds with --connections
 *    connections, one after another. After each run the bench waits for the server to go quiet again,
 *    so that it is not still serving the previous run's last requests when the next one starts.
 *    Requests do not time out within a run; one still unanswered when the run stops (at most one a
 *    connection) is not counted, and the progress line says how many there were.
 *
 * p50, p95 and p99 are exact percentiles of the latency of every 2xx response, taken by the bench
 * from autocannon's `response` event (autocannon's own summary has p90 and p97.5 but no p95, and
 * rounds to whole milliseconds). Requests/s is autocannon's mean of its per-second counts. Goals:
 * p95 under 100 ms on every page and throughput at least 10% of the hello world's. They are
 * reported, not enforced: the exit status is 0 unless a page answered anything but 2xx (or a
 * connection failed), since a benchmark of error pages is worthless, or the set-up failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/demo/demo-accounts.ts';
import type { Role } from '../src/domain/access/index.ts';
import { paths } from '../src/http/paths.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIGN_IN_LIMIT = 10; // src/web/routes/auth.ts: 10 attempts per 15 minutes for one address and account
const GOAL_P95_MS = 100;
const GOAL_SHARE = 0.1;
const READY_TIMEOUT_MS = 300_000;
const SETTLE_TIMEOUT_MS = 20 * 60_000;

// ---- Options ----

const USAGE = `usage: npm run bench:http -- [options]

  --duration S       seconds measured for each page and for the hello world (default 30)
  --connections N    concurrent connections, each a signed-in user with its own session (default 20)
  --pages a,b        some of: my-work, dashboard, children, child, matching (default all)
  --warmup S         seconds of unmeasured load before each measurement (default 3)
  --max-sign-ins N   sign-ins per demo account, 1 to ${SIGN_IN_LIMIT} (default ${SIGN_IN_LIMIT}); lower it to leave
                     room for another run on the same database within 15 minutes
  --request REF      the placement request to match, by reference (default: the first being matched,
                     or else submitted)
  --help             this text

Environment: DATABASE_URL to run against PostgreSQL (default: a new embedded database with the
demo authority in a temporary directory). BENCH_SERVER_NODE_ARGS: options for Hearth's Node.js, to
profile the server under load, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (a profile is written when
the bench stops it).`;

type PageKey = 'my-work' | 'dashboard' | 'children' | 'child' | 'matching';

type Options = { duration: number; connections: number; warmup: number; maxSignIns: number; pages: PageKey[]; request: string | undefined };

/** The pages measured, and the roles of the people who use them (connections go round these). */
const PAGES: { key: PageKey; name: string; roles: Role[] }[] = [
  { key: 'my-work', name: 'My work', roles: ['social_worker', 'supervising_social_worker', 'placement_officer', 'team_manager'] },
  { key: 'dashboard', name: 'Compliance dashboard', roles: ['team_manager'] },
  { key: 'children', name: 'Children list', roles: ['social_worker', 'team_manager', 'iro', 'placement_officer', 'supervising_social_worker'] },
  { key: 'child', name: "A child's page", roles: ['social_worker', 'iro', 'team_manager', 'supervising_social_worker'] },
  // Not a team manager: the request's child is on their caseload only if in their team (caseload access).
  { key: 'matching', name: 'Matching', roles: ['placement_officer', 'head_of_service'] },
];

const OPTION_SPEC = {
  duration: { type: 'string', default: '30' },
  connections: { type: 'string', default: '20' },
  pages: { type: 'string' },
  warmup: { type: 'string', default: '3' },
  'max-sign-ins': { type: 'string', default: String(SIGN_IN_LIMIT) },
  request: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTION_SPEC, strict: true });
  } catch (err) {
    usageError(err instanceof Error ? err.message : String(err));
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) usageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const known = PAGES.map((p) => p.key);
  const pages = values.pages === undefined ? known : values.pages.split(',').map((p) => p.trim());
  for (const p of pages) if (!(known as string[]).includes(p)) usageError(`unknown page "${p}": choose from ${known.join(', ')}`);
  return {
    duration: whole('duration', values.duration, 1, 3600),
    connections: whole('connections', values.connections, 1, 1000),
    warmup: whole('warmup', values.warmup, 0, 600),
    maxSignIns: whole('max-sign-ins', values['max-sign-ins'], 1, SIGN_IN_LIMIT),
    pages: known.filter((k) => pages.includes(k)),
    request: values.request?.trim() || undefined,
  };
}

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

// ---- Child processes ----

const processes: ChildProcess[] = [];
let tempDir: string | undefined;

/** SIGTERM (Hearth shuts down cleanly on it), then SIGKILL after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Stops the servers and removes the temporary directory, but for the file `keep` (the server's log after a failure). */
async function cleanUp(keep?: string): Promise<void> {
  await Promise.all(processes.map(stop));
  if (tempDir) {
    for (const entry of fs.readdirSync(tempDir)) {
      const file = path.join(tempDir, entry);
      if (file !== keep) fs.rmSync(file, { recursive: true, force: true });
    }
    if (!keep) fs.rmSync(tempDir, { recursive: true, force: true });
  }
  tempDir = undefined;
}

/** The server's last errors and warnings (pino JSON lines), or else its last lines. */
function logTail(log: string): string {
  const lines = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const problems = lines.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) < 40) return [];
      return [`${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`.replace(/\s+/g, ' ').slice(0, 600)];
    } catch {
      return [];
    }
  });
  return (problems.length ? problems.slice(-5) : lines.slice(-15).map((l) => l.slice(0, 300))).join('\n');
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Bare Fastify, no plugins and no logger, answering `{"hello":"world"}`; it prints its port. */
const HELLO_WORLD = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(app.server.address().port);
`;

async function startHelloWorld(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '--eval', HELLO_WORLD], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  processes.push(child);
  const lines = readline.createInterface({ input: child.stdout! });
  const port = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the hello-world server exited (${code ?? 'signal'}) before listening`)));
  });
  lines.close();
  child.stdout!.resume();
  return { child, url: `http://127.0.0.1:${port.trim()}/` };
}

type Hearth = { child: ChildProcess; base: string; log: string; database: string };

async function startHearth(): Promise<Hearth> {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-http-'));
  const log = path.join(tempDir, 'hearth.log');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port) };
  let database: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    if (url.password) url.password = '***';
    database = `PostgreSQL ${url.toString()}`;
  } else {
    env.DATA_DIR = path.join(tempDir, 'data');
    database = `embedded (PGlite) in ${env.DATA_DIR}, demo authority of ${process.env.SEED_CHILDREN ?? 400} children`;
  }
  const fd = fs.openSync(log, 'a');
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  processes.push(child);
  const hearth = { child, base: `http://127.0.0.1:${port}`, log, database };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) fail(`Hearth exited (${child.exitCode ?? child.signalCode}) before it was ready`, hearth);
    if (Date.now() - started > READY_TIMEOUT_MS) fail(`Hearth was not ready within ${READY_TIMEOUT_MS / 1000} s`, hearth);
    try {
      const res = await fetch(`${hearth.base}${paths.health.ready}`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const rebuilt = fs.readFileSync(log, 'utf8').includes('building it first') ? ' (dist/ rebuilt first: src/ had changed since the last build)' : '';
  console.log(`Hearth ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${hearth.base}${rebuilt}`);
  return hearth;
}

/** CPU seconds used by a process so far (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * Waits until the server has used under 5% of a core for two seconds running: after starting, its
 * background work (deriving obligations) is done; after a run, it has finished the requests that
 * autocannon left unanswered when it stopped, which would otherwise be served during the next run.
 * Returns the seconds waited, or null where the CPU time cannot be read (not Linux).
 */
async function untilIdle(hearth: Hearth): Promise<number | null> {
  const pid = hearth.child.pid;
  if (pid === undefined || cpuSeconds(pid) === null) return null;
  const started = Date.now();
  let quiet = 0;
  let lastReport = started;
  let previous = cpuSeconds(pid) ?? 0;
  while (quiet < 2) {
    await sleep(1000);
    const now = cpuSeconds(pid);
    if (now === null) fail('Hearth exited', hearth);
    const share = now - previous;
    previous = now;
    quiet = share < 0.05 ? quiet + 1 : 0;
    if (Date.now() - lastReport >= 15_000) {
      lastReport = Date.now();
      console.log(`  server still busy after ${Math.round((Date.now() - started) / 1000)} s (CPU ${(share * 100).toFixed(0)}%)`);
    }
    if (Date.now() - started > SETTLE_TIMEOUT_MS) {
      console.log(`  server still busy after ${SETTLE_TIMEOUT_MS / 60_000} minutes: going on anyway`);
      break;
    }
  }
  return (Date.now() - started) / 1000;
}

function fail(message: string, hearth?: Hearth): never {
  throw new BenchError(message, hearth);
}

class BenchError extends Error {
  constructor(
    message: string,
    readonly hearth?: Hearth,
  ) {
    super(message);
  }
}

// ---- Sessions ----

const accountFor = (role: Role) => {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
};

/** hearth_session=… from a response's Set-Cookie, if it sets one. */
function sessionCookie(res: Response): string | undefined {
  for (const c of res.headers.getSetCookie()) if (c.startsWith('hearth_session=')) return c.split(';')[0];
  return undefined;
}

type SignIn = { cookie: string } | { retryAfterSeconds: number };

/** The sign-in form as a browser uses it: GET it (session and CSRF token), POST it, keep the new cookie. */
async function signIn(hearth: Hearth, email: string): Promise<SignIn> {
  const form = await fetch(`${hearth.base}${paths.signIn}`);
  const formCookie = sessionCookie(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (form.status !== 200 || !formCookie || !token) fail(`the sign-in form answered ${form.status} without a session cookie and CSRF token`, hearth);
  const res = await fetch(`${hearth.base}${paths.signIn}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD }).toString(),
  });
  await res.arrayBuffer();
  if (res.status === 429) return { retryAfterSeconds: Number(res.headers.get('retry-after') ?? 900) };
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) fail(`signing in as ${email} answered ${res.status} (expected 303 and a new session cookie)`, hearth);
  return { cookie };
}

/** Sessions by role: as many as the chosen pages need (connection i of a page is role i mod k's (i div k)th session). */
async function signInAll(hearth: Hearth, opts: Options): Promise<Map<Role, string[]>> {
  const wanted = new Map<Role, number>();
  for (const page of PAGES.filter((p) => opts.pages.includes(p.key))) {
    page.roles.forEach((role, r) => {
      const n = Math.floor((opts.connections - 1 - r) / page.roles.length) + 1;
      wanted.set(role, Math.max(wanted.get(role) ?? 0, n));
    });
  }
  const sessions = new Map<Role, string[]>();
  const started = Date.now();
  for (const [role, n] of wanted) {
    const { email } = accountFor(role);
    const cookies: string[] = [];
    for (let i = 0; i < Math.min(n, opts.maxSignIns); i++) {
      const result = await signIn(hearth, email);
      if ('retryAfterSeconds' in result) {
        if (cookies.length === 0) {
          fail(
            `the sign-in rate limit (${SIGN_IN_LIMIT} per 15 minutes for an address and account) refused ${email}: an earlier run on this ` +
              `database used them. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes, or use --max-sign-ins to leave room for a second run.`,
            hearth,
          );
        }
        console.log(`  the sign-in rate limit stopped ${email} at ${cookies.length} sessions: its connections share them`);
        break;
      }
      cookies.push(result.cookie);
    }
    sessions.set(role, cookies);
  }
  const total = [...sessions.values()].reduce((s, c) => s + c.length, 0);
  console.log(`Signed in ${total} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s: ${[...sessions].map(([r, c]) => `${accountFor(r).email} ×${c.length}`).join(', ')}`);
  return sessions;
}

/** The session cookie of each connection of a page. */
function cookiesFor(roles: Role[], sessions: Map<Role, string[]>, connections: number): string[] {
  return Array.from({ length: connections }, (_, i) => {
    const pool = sessions.get(roles[i % roles.length]!) ?? [];
    const cookie = pool[Math.floor(i / roles.length) % pool.length];
    if (!cookie) throw new Error(`no session for ${roles[i % roles.length]}`);
    return cookie;
  });
}

// ---- URLs ----

async function getJson<T>(hearth: Hearth, url: string, cookie: string): Promise<T> {
  const res = await fetch(`${hearth.base}${url}`, { headers: { cookie, accept: 'application/json' } });
  if (res.status !== 200) fail(`GET ${url} answered ${res.status}`, hearth);
  return (await res.json()) as T;
}

type ChildItem = { id: string; reference: string; currentLegalStatus: string | null };
type RequestItem = { id: string; reference: string; status: string };

/** Each page's URL: a child in care (the demo social worker's, if any) and a request being matched. */
async function findUrls(hearth: Hearth, sessions: Map<Role, string[]>, pages: PageKey[], requestReference?: string): Promise<Map<PageKey, { url: string; note: string }>> {
  const first = (role: Role) => sessions.get(role)?.[0] ?? fail(`no session for ${role}`, hearth);
  const urls = new Map<PageKey, { url: string; note: string }>();
  if (pages.includes('my-work')) urls.set('my-work', { url: paths.obligations.myWork, note: '' });
  if (pages.includes('dashboard')) urls.set('dashboard', { url: paths.obligations.dashboard, note: '' });
  if (pages.includes('children')) urls.set('children', { url: paths.children.list, note: '' });
  if (pages.includes('child')) {
    const cookie = first('social_worker');
    const inCare = (items: ChildItem[]) => items.find((c) => c.currentLegalStatus !== null);
    const mine = await getJson<{ items: ChildItem[] }>(hearth, '/api/v1/children?socialWorkerId=mine', cookie);
    const child = inCare(mine.items) ?? inCare((await getJson<{ items: ChildItem[] }>(hearth, '/api/v1/children', cookie)).items);
    if (!child) fail('found no child in care to show', hearth);
    urls.set('child', { url: paths.children.show(child.id), note: `child ${child.reference}` });
  }
  if (pages.includes('matching')) {
    const cookie = first('placement_officer');
    let request: RequestItem | undefined;
    for (const status of ['matching', 'submitted']) {
      const items = (await getJson<{ items: RequestItem[] }>(hearth, `/api/v1/requests?status=${status}`, cookie)).items;
      request ??= requestReference ? items.find((r) => r.reference === requestReference) : items[0];
    }
    if (!request) fail(requestReference ? `found no placement request ${requestReference} being matched or submitted` : 'found no placement request being matched (or submitted) to match', hearth);
    urls.set('matching', { url: paths.requests.matching(request.id), note: `request ${request.reference} (${request.status})` });
  }
  return urls;
}

/** Every session a page will use must get 200 and a page of HTML for it: no measuring of sign-in redirects or errors. */
async function verify(hearth: Hearth, name: string, url: string, cookies: string[]): Promise<void> {
  for (const cookie of new Set(cookies)) {
    const res = await fetch(`${hearth.base}${url}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
    const body = await res.text();
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('text/html')) {
      const said = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? body.slice(0, 200).replace(/\s+/g, ' ');
      fail(`${name} (${url}) answered ${res.status}${res.headers.get('location') ? ` to ${res.headers.get('location')}` : ''}: ${said}`, hearth);
    }
  }
}

// ---- Measuring ----

/** Every 2xx latency of a run, for exact percentiles. */
class Latencies {
  private values = new Float64Array(1 << 16);
  private count = 0;
  private sorted = false;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
    this.sorted = false;
  }

  /** Nearest-rank percentile. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const values = this.values.subarray(0, this.count);
    if (!this.sorted) values.sort();
    this.sorted = true;
    return values[Math.max(0, Math.ceil((p / 100) * this.count) - 1)] ?? NaN;
  }
}

type Measurement = {
  requestsPerSecond: number;
  ok: number;
  failed: number;
  failures: string;
  /** Requests sent but not answered when the run stopped (at most one a connection): not counted. */
  unanswered: number;
  p50: number;
  p95: number;
  p99: number;
};

async function measure(url: string, cookies: (string | undefined)[], seconds: number): Promise<Measurement> {
  const latencies = new Latencies();
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: cookies.length,
        duration: seconds,
        // No time-out within a run: autocannon's default (10 s) drops a slow request and sends another on a
        // new connection while the server still works on the first, so a slow page piles up abandoned work
        // and the figures measure that. A request still unanswered when the run stops is left out (the
        // progress line counts them) and the server is let finish it before the next run.
        timeout: seconds + 10,
        headers: { accept: 'text/html' },
        setupClient: (client) => {
          const cookie = cookies[next++ % cookies.length];
          if (cookie) client.setHeaders({ cookie });
        },
      },
      (err, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.add(ms);
    });
  });
  const codes = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${s.count ?? 0}× ${code}`);
  if (result.errors) codes.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  return {
    requestsPerSecond: result.requests.average,
    ok: result['2xx'],
    failed: result.non2xx + result.errors,
    failures: codes.join(', '),
    unanswered: Math.max(0, result.requests.sent - result.requests.total),
    p50: latencies.percentile(50),
    p95: latencies.percentile(95),
    p99: latencies.percentile(99),
  };
}

/** A warm-up run (discarded), then the measured run; `idle` waits for the server to finish what each run left. */
async function warmUpAndMeasure(label: string, url: string, cookies: (string | undefined)[], opts: Options, idle?: () => Promise<unknown>): Promise<Measurement> {
  process.stdout.write(`${label}: `);
  if (opts.warmup > 0) {
    process.stdout.write(`warming up ${opts.warmup} s, `);
    await measure(url, cookies, opts.warmup);
    await idle?.();
  }
  process.stdout.write(`measuring ${opts.duration} s… `);
  const m = await measure(url, cookies, opts.duration);
  console.log(
    `${Math.round(m.requestsPerSecond)} req/s, p95 ${ms(m.p95)} ms, ${m.unanswered} unanswered when it stopped${m.failed ? `, ${m.failed} FAILED: ${m.failures}` : ''}`,
  );
  await idle?.();
  return m;
}

// ---- Report ----

const ms = (v: number) => (Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const count = (n: number) => Math.round(n).toLocaleString('en-GB');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

// ---- Main ----

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const cpus = os.cpus();
  console.log(
    `Hearth HTTP benchmark: ${opts.connections} connections, ${opts.duration} s a page (after ${opts.warmup} s warm-up); ` +
      `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, load generator and servers on the same machine`,
  );
  const [load = 0] = os.loadavg();
  if (load >= cpus.length / 2) {
    console.log(`Warning: the machine is already busy (load average ${load.toFixed(1)} on ${cpus.length} CPUs): the figures will be lower than on a quiet machine`);
  }

  const hearth = await startHearth();
  console.log(`Database: ${hearth.database}`);
  const idle = await untilIdle(hearth);
  console.log(idle === null ? '(cannot read the server CPU time here: not waiting for its background work to finish)' : `Server idle after ${idle.toFixed(0)} s`);
  const sessions = await signInAll(hearth, opts);
  const urls = await findUrls(hearth, sessions, opts.pages, opts.request);
  const plan = PAGES.filter((p) => opts.pages.includes(p.key)).map((page) => {
    const { url, note } = urls.get(page.key)!;
    return { ...page, url, note, cookies: cookiesFor(page.roles, sessions, opts.connections) };
  });
  for (const p of plan) await verify(hearth, p.name, p.url, p.cookies);
  console.log(`Every page answers 200 for each of its sessions: ${plan.map((p) => `${p.name} ${p.url}${p.note ? ` (${p.note})` : ''}`).join('; ')}`);

  // The hello world runs while Hearth is idle, and is stopped before the pages are measured.
  const hello = await startHelloWorld();
  const baseline = await warmUpAndMeasure('Fastify hello world', hello.url, Array.from({ length: opts.connections }, () => undefined), opts);
  await stop(hello.child);

  const results: { name: string; url: string; sessions: number; m: Measurement }[] = [];
  for (const p of plan) {
    results.push({ name: p.name, url: p.url, sessions: new Set(p.cookies).size, m: await warmUpAndMeasure(p.name, `${hearth.base}${p.url}`, p.cookies, opts, () => untilIdle(hearth)) });
  }

  const goal = (m: Measurement) => {
    const misses = [m.p95 < GOAL_P95_MS ? '' : `p95 ≥ ${GOAL_P95_MS} ms`, m.requestsPerSecond >= GOAL_SHARE * baseline.requestsPerSecond ? '' : `< ${GOAL_SHARE * 100}% of hello world`];
    const why = misses.filter(Boolean).join(', ');
    return m.failed ? 'ERRORS' : why ? `FAIL (${why})` : 'PASS';
  };
  const rows = [
    ['Page', 'Users (sessions)', '2xx', 'Not 2xx', 'p50 ms', 'p95 ms', 'p99 ms', 'Req/s', '% of hello', `Goal: p95 < ${GOAL_P95_MS} ms, ≥ ${GOAL_SHARE * 100}%`],
    ['Fastify hello world', `${opts.connections} (none)`, count(baseline.ok), count(baseline.failed), ms(baseline.p50), ms(baseline.p95), ms(baseline.p99), count(baseline.requestsPerSecond), '100%', ''],
    ...results.map(({ name, sessions: s, m }) => [
      name,
      `${opts.connections} (${s})`,
      count(m.ok),
      count(m.failed),
      ms(m.p50),
      ms(m.p95),
      ms(m.p99),
      count(m.requestsPerSecond),
      `${((100 * m.requestsPerSecond) / baseline.requestsPerSecond).toFixed(1)}%`,
      goal(m),
    ]),
  ];
  console.log(`\n${table(rows)}\n`);
  console.log('p50/p95/p99: exact, over every 2xx response (recorded from autocannon\'s response event). Req/s: autocannon\'s mean of its per-second counts.');
  const slow = results.filter((r) => r.m.p99 > (opts.duration * 1000) / 10);
  if (slow.length) {
    console.log(
      `Each connection's last request, unanswered when a run stops, is not counted; ${slow.map((r) => r.name).join(', ')} took over a tenth of the run ` +
        `(p99), so their percentiles leave out some of the slowest requests: run longer for better figures.`,
    );
  }
  for (const r of results) if (r.m.failed) console.log(`${r.name} (${r.url}): ${r.m.failures}`);
  const errors = results.some((r) => r.m.failed) || baseline.failed > 0;
  if (errors) console.log('Some responses were not 2xx: these figures measure errors, not pages (exit status 1).');
  return errors ? 1 : 0;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the servers`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const status = await main();
  await cleanUp();
  process.exit(status);
} catch (err) {
  console.error(`\nbench:http failed: ${err instanceof Error ? err.message : String(err)}`);
  if (!(err instanceof BenchError)) console.error(err);
  const log = err instanceof BenchError ? err.hearth?.log : undefined;
  if (log && fs.existsSync(log)) console.error(`--- the server's log, ${log} (kept) ---\n${logTail(log)}`);
  await cleanUp(log);
  process.exit(1);
}
