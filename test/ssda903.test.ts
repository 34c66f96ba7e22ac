/**
 * The SSDA903 return from the records: a small authority with known histories → the exported
 * files, the validation failures with where each is corrected, the reports page and its
 * permissions, the API, and npm run export:903 (on PGlite, and on PostgreSQL with TEST_DATABASE_URL).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../src/data/db.ts';
import { openMigratedDatabase } from '../src/data/migrate.ts';
import { careEnding, child, household, legalStatus, organisation, placement } from '../src/data/schema.ts';
import { paths } from '../src/http/paths.ts';
import { apiCaller, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { embeddedEnv, holdDataDir, release, runScript } from './cli-helpers.ts';

const run = (args: string[], env: NodeJS.ProcessEnv) => runScript(CLI, args, env);

const CLI = 'export-903';
const TODAY = '2026-05-10'; // the last complete collection year is 2025-26

type Ids = { childA: string; childB: string; childE: string; placementA2: string; placementE: string };

/**
 * The home authority (homeLaId, URN SC123456) and its children:
 * - A001 (girl): C1 from 1 May 2025, C2 from 1 Aug 2025; placed with the authority's own carers
 *   (U6) then, from 15 Oct 2025, with a voluntary agency's (U4, PR5); a cancelled placement between.
 * - B002 (boy): V2 from 1 Feb 2024, home on 20 Jun 2025 (E4A).
 * - C003: looked after until 1 Dec 2024 only: not in the 2025-26 return.
 * - E005: placed with a private agency that has no URN recorded, and a UPN that is not one.
 * And D004, another authority's child placed with our carers: not in our return.
 */
async function buildAuthority(db: DbOrTx, homeLaId: string): Promise<Ids> {
  await db.update(organisation).set({ ofstedUrn: 'SC123456' }).where(eq(organisation.id, homeLaId));
  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Elsewhere Borough', laCode: '992' }).returning();
  const [voluntary] = await db.insert(organisation).values({ kind: 'fostering_agency', name: 'Kindly Fostering', ofstedUrn: 'SC654321', providerCode: 'PR5' }).returning();
  const [privateAgency] = await db.insert(organisation).values({ kind: 'fostering_agency', name: 'Nourn Fostering Ltd' }).returning();
  const home = async (postcode: string, serviceId: string) =>
    (await db.insert(household).values({ reference: `H-${postcode}`, addressLine1: '1 High Street', town: 'Testtown', postcode, fosteringServiceId: serviceId, approvalStatus: 'approved' }).returning())[0]!.id;
  const h1 = await home('AB1 2CD', homeLaId);
  const h2 = await home('EF3 4GH', voluntary!.id);
  const h3 = await home('JK5 6LM', privateAgency!.id);
  const kid = async (reference: string, sex: 'M' | 'F', dateOfBirth: string, upn: string, la = homeLaId) =>
    (
      await db
        .insert(child)
        .values({ reference, firstName: 'Test', lastName: reference, dateOfBirth, sex, ethnicity: 'WBRI', upn, responsibleAuthorityId: la, categoryOfNeed: 'N1', homePostcode: 'XY9 9ZZ' })
        .returning()
    )[0]!.id;
  const childA = await kid('A001', 'F', '2012-06-01', 'A123456789012');
  const childB = await kid('B002', 'M', '2010-03-15', 'B123456789012');
  const childC = await kid('C003', 'M', '2011-01-20', 'C123456789012');
  const childD = await kid('D004', 'F', '2013-02-02', 'D123456789012', other!.id);
  const childE = await kid('E005', 'M', '2014-07-07', 'NOT-A-UPN');
  await db.insert(legalStatus).values([
    { childId: childA, code: 'C1', startDate: '2025-05-01', endDate: '2025-08-01' },
    { childId: childA, code: 'C2', startDate: '2025-08-01', endDate: null },
    { childId: childB, code: 'V2', startDate: '2024-02-01', endDate: '2025-06-20' },
    { childId: childC, code: 'V2', startDate: '2024-06-01', endDate: '2024-12-01' },
    { childId: childD, code: 'C2', startDate: '2025-01-01', endDate: null },
    { childId: childE, code: 'C2', startDate: '2025-09-01', endDate: null },
  ]);
  await db.insert(careEnding).values([
    { childId: childB, endedOn: '2025-06-20', reason: 'E4A' },
    { childId: childC, endedOn: '2024-12-01', reason: 'E4A' },
  ]);
  const place = async (childId: string, householdId: string, startDate: string, endDate: string | null, placementType: string, status: 'active' | 'ended' | 'cancelled', reasonEnded: string | null = null) =>
    (await db.insert(placement).values({ childId, householdId, startDate, endDate, placementType, status, reasonEnded }).returning())[0]!.id;
  await place(childA, h1, '2025-05-01', '2025-10-15', 'U6', 'ended', 'CARPL');
  await place(childA, h3, '2025-06-01', null, 'U4', 'cancelled');
  const placementA2 = await place(childA, h2, '2025-10-15', null, 'U4', 'active');
  await place(childB, h1, '2024-02-01', '2025-06-20', 'U6', 'ended');
  await place(childC, h1, '2024-06-01', '2024-12-01', 'U6', 'ended');
  await place(childD, h1, '2025-01-01', null, 'U6', 'active');
  const placementE = await place(childE, h3, '2025-09-01', null, 'U6', 'active');
  return { childA, childB, childE, placementA2, placementE };
}

const EXPECTED_EPISODES = [
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  'A001,01/05/2025,S,C1,N1,U6,PR1,01/08/2025,X1,,XY9 9ZZ,AB1 2CD,SC123456',
  'A001,01/08/2025,L,C2,N1,U6,PR1,15/10/2025,X1,CARPL,XY9 9ZZ,AB1 2CD,SC123456',
  'A001,15/10/2025,P,C2,N1,U4,PR5,,,,XY9 9ZZ,EF3 4GH,SC654321',
  'B002,01/02/2024,S,V2,N1,U6,PR1,20/06/2025,E4A,,XY9 9ZZ,AB1 2CD,SC123456',
  'E005,01/09/2025,S,C2,N1,U6,PR4,,,,XY9 9ZZ,JK5 6LM,',
];

let world: TestWorld;
let ids: Ids;
let api: ReturnType<typeof apiCaller>;
let managerToken = '';
const as = clientsFor(() => world.app);

before(async () => {
  world = await testWorld({ today: TODAY });
  ids = await buildAuthority(world.database.db, world.laId);
  managerToken = await tokenFor(world, 'team_manager');
  api = apiCaller(() => world.app, () => managerToken);
});
after(async () => world?.close());

const lines = (csv: string) => csv.split('\r\n').filter((l) => l !== '');

test('the exported episodes are derived from the histories: RNE, X1 chains, dates dd/mm/yyyy, only the home authority’s children in the year', async () => {
  const { files, children, episodes } = await world.services.returns.export({ actor: world.users.team_manager }, '2025-26');
  assert.deepEqual(
    files.map((f) => f.name),
    ['header.csv', 'episodes.csv', 'uasc.csv', 'reviews.csv', 'missing.csv', 'sw_episodes.csv', 'ad1.csv', 'placed_for_adoption.csv', 'ssda903.xml'],
  );
  const file = (name: string) => files.find((f) => f.name === name)?.content ?? '';
  assert.deepEqual(lines(file('episodes.csv')), EXPECTED_EPISODES);
  assert.equal(children, 3);
  assert.equal(episodes, 5);
  assert.deepEqual(lines(file('header.csv')), [
    'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
    'A001,F,01/06/2012,WBRI,A123456789012,0,',
    'B002,M,15/03/2010,WBRI,B123456789012,,',
    'E005,M,07/07/2014,WBRI,NOT-A-UPN,,',
  ]);
  assert.equal(file('uasc.csv'), 'CHILD,SEX,DOB,DUC\r\n', 'uasc.csv is there with only its header row');
  assert.match(file('ssda903.xml'), /<EXPSSDA903>[\s\S]*<CHILDID>A001<\/CHILDID>[\s\S]*<PL>U4<\/PL>/);
  // The year before: B002 and C003 only (A001 and E005 came into care later).
  const earlier = await world.services.returns.export({ actor: world.users.team_manager }, '2024-25');
  const earlierEpisodes = lines(earlier.files.find((f) => f.name === 'episodes.csv')!.content);
  assert.deepEqual(
    earlierEpisodes.slice(1).map((l) => l.split(',').slice(0, 3).concat(l.split(',').slice(7, 9)).join(',')),
    ['B002,01/02/2024,S,,', 'C003,01/06/2024,S,01/12/2024,E4A'],
    'an episode open at 31 March has no DEC or REC in that year',
  );
  const [audit] = await queryRows<{ n: number }>(world.database.db, sql`select count(*)::int as n from audit_event where action = 'return.exported'`);
  assert.equal(audit?.n, 2);
});

test('validation compares with the previous year when Hearth holds its data (when-held), always (true) or never (false)', async () => {
  const ctx = { actor: world.users.team_manager };
  assert.equal((await world.services.returns.validate(ctx, '2025-26', 'when-held')).previousYear, true, '2024-25 has B002 and C003');
  assert.equal((await world.services.returns.validate(ctx, '2025-26', false)).previousYear, false);
  // Nobody was looked after in 2022-23: nothing to compare with, unless asked to all the same.
  assert.equal((await world.services.returns.validate(ctx, '2023-24', 'when-held')).previousYear, false);
  assert.equal((await world.services.returns.validate(ctx, '2023-24', true)).previousYear, true);
});

test('validation lists each failure with the child, rule, message and the page where it is corrected', async () => {
  const check = await world.services.returns.validate({ actor: world.users.team_manager }, '2025-26');
  const urn = check.failures.find((f) => f.rule === '218' && f.childReference === 'E005');
  assert.ok(urn, 'E005 has no URN');
  assert.deepEqual(urn.fix, { kind: 'placement', id: ids.placementE });
  assert.equal(urn.childRecordId, ids.childE);
  const upn = check.failures.find((f) => f.rule === '168');
  assert.equal(upn?.childReference, 'E005');
  assert.deepEqual(upn?.fix, { kind: 'child', id: ids.childE });
  assert.ok(!check.failures.some((f) => f.rule === '218' && f.childReference !== 'E005'), 'URNs derived from the fostering services');

  const page = await (await as('team_manager')).get(`${paths.returns.ssda903}?year=2025-26&check=yes`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<td class="govuk-table__cell">218<\/td>/);
  assert.ok(page.body.includes(`href="${paths.placements.show(ids.placementE)}">Correct the placement</a>`));
  assert.ok(page.body.includes(`href="${paths.children.show(ids.childE)}">E005</a>`));
  assert.ok(page.body.includes(`href="${paths.returns.ssda903File('2025-26', 'episodes.csv')}"`));
  assert.match((await (await as('team_manager')).get(paths.more)).body, /href="\/reports\/ssda903"[^>]*>\s*Returns\s*</, 'the Returns link on the More page');

  const res = await api('GET', '/api/v1/returns/ssda903/2025-26/validation');
  assert.equal(res.statusCode, 200);
  const body = res.json<{ children: number; failures: { rule: string; childReference: string; link: string | null; severity: string }[] }>();
  assert.equal(body.children, 3);
  assert.ok(body.failures.some((f) => f.rule === '218' && f.link === paths.placements.show(ids.placementE) && f.severity === 'error'));
  const csv = await api('GET', '/api/v1/returns/ssda903/2025-26/files/episodes.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /^text\/csv/);
  assert.deepEqual(lines(csv.body), EXPECTED_EPISODES);
  assert.equal((await api('GET', '/api/v1/returns/ssda903/2025-26/files/secrets.csv')).statusCode, 404);
  assert.equal((await api('GET', '/api/v1/returns/ssda903/2031-32/validation')).statusCode, 400);
});

test('a child’s own failures for the current year, for their page', async () => {
  const e = await world.services.returns.forChild({ actor: world.users.social_worker }, ids.childE);
  assert.equal(e.year.label, '2026-27');
  assert.equal(e.applies, true);
  assert.ok(e.failures.some((f) => f.rule === '168'));
  assert.ok(e.failures.every((f) => f.childReference === 'E005'));
  const b = await world.services.returns.forChild({ actor: world.users.social_worker }, ids.childB);
  assert.equal(b.applies, false, 'B002 left care in 2025');
  assert.deepEqual(b.failures, []);

  // The child's page shows them, with a link to where each is put right.
  // (E005 is not on the test social worker's caseload: the head of service reads every child.)
  const page = await (await as('head_of_service')).get(`/children/${ids.childE}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /SSDA903 return checks, 2026-27/);
  assert.match(page.body, /Rule 168/);
});

test('the page and the downloads: a social worker cannot see them; a bad year is an error on the page', async () => {
  const sw = await as('social_worker');
  assert.equal((await sw.get(paths.returns.ssda903)).statusCode, 403);
  assert.equal((await sw.get(paths.returns.ssda903File('2025-26', 'episodes.csv'))).statusCode, 403);
  assert.doesNotMatch((await sw.get(paths.home)).body, /href="\/reports\/ssda903"/);
  assert.equal((await api('GET', '/api/v1/returns/ssda903/2025-26/validation', undefined, await tokenFor(world, 'social_worker'))).statusCode, 403);

  const head = await as('head_of_service');
  const page = await head.get(paths.returns.ssda903);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<option value="2025-26" selected>/, 'the last complete year by default');
  assert.match(page.body, /<option value="2026-27"/);
  const download = await head.get(paths.returns.ssda903File('2025-26', 'uasc.csv'));
  assert.equal(download.statusCode, 200);
  assert.match(download.headers['content-disposition'] as string, /ssda903-2025-26-uasc\.csv/);
  assert.equal(download.body, 'CHILD,SEX,DOB,DUC\r\n');
  const bad = await head.get(`${paths.returns.ssda903}?year=2025&check=yes`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Choose a collection year/);
});

// ---------------------------------------------------------------------------------------------
// npm run export:903
// ---------------------------------------------------------------------------------------------


test('npm run export:903 writes the files, prints a summary (compared with the previous year unless --no-previous), refuses bad arguments and a busy DATA_DIR', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-903-'));
  const dataDir = path.join(tmp, 'data');
  const out = path.join(tmp, 'out');
  try {
    const database = await openMigratedDatabase({ dataDir, holder: 'ssda903 test' });
    try {
      const [la] = await database.db.insert(organisation).values({ kind: 'local_authority', name: 'Testshire County Council', laCode: '991' }).returning();
      await buildAuthority(database.db, la!.id);
    } finally {
      await database.close();
    }
    const env = embeddedEnv(dataDir);
    for (const args of [['--out', out], ['--year', '2025', '--out', out], ['--year', '2025-26'], ['--year', '2025-26', '--out', out, '--bogus']]) {
      const r = await run(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /Usage: npm run export:903/);
    }
    const both = await run(['--year', '2025-26', '--out', out, '--previous', '--no-previous'], env);
    assert.equal(both.code, 2, both.stderr);
    assert.match(both.stderr, /--previous and --no-previous cannot both be given/);
    assert.ok(!fs.existsSync(out), 'nothing written on bad arguments');

    // Compared with the previous year by default, as Hearth holds 2024-25's data.
    const r = await run(['--year', '2025-26', '--out', out], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 children, 5 episodes/);
    assert.match(r.stdout, /\d+ validation failures \(\d+ errors, \d+ warnings\), compared with the previous year/);
    assert.deepEqual(fs.readdirSync(out).sort(), ['ad1.csv', 'episodes.csv', 'header.csv', 'missing.csv', 'placed_for_adoption.csv', 'reviews.csv', 'ssda903.xml', 'sw_episodes.csv', 'uasc.csv']);
    assert.deepEqual(lines(fs.readFileSync(path.join(out, 'episodes.csv'), 'utf8')), EXPECTED_EPISODES);
    assert.ok(!fs.existsSync(path.join(dataDir, 'hearth.lock')), 'the lock is released');
    const skipped = await run(['--year', '2025-26', '--out', path.join(tmp, 'skipped'), '--no-previous'], env);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stdout, /not compared with the previous year \(--no-previous\)/);

    const holder = await holdDataDir(dataDir);
    try {
      const busy = await run(['--year', '2025-26', '--out', path.join(tmp, 'busy')], env);
      assert.equal(busy.code, 1, busy.stderr);
      assert.match(busy.stderr, /The embedded database in .+ is in use by another process \(npm start \(server\), pid \d+\)/);
      assert.ok(!fs.existsSync(path.join(tmp, 'busy')));
    } finally {
      await release(holder);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
