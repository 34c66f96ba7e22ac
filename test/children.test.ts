import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { testWorld, clientsFor, tokenFor, bearer, type TestWorld } from './helpers.ts';
import { appUser, auditEvent, child, childEvent, household, legalStatus, organisation, placement, siblingLink, team } from '../src/data/schema.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import { paths } from '../src/http/paths.ts';
import { unlinkSiblingPath } from '../src/web/presenters/children.ts';
import { leftCareBy } from '../src/domain/records/child.ts';

let w: TestWorld;
let seq = 0;
const today = todayInEngland(new Date());
const tomorrow = addDays(today, 1);

before(async () => {
  w = await testWorld();
});
after(async () => w.close());

const db = () => w.database.db;

/** Signed-in clients, one per role, reused: sign-in is rate limited. */
const as = clientsFor(() => w.app);
const ctx = () => ({ actor: w.users.social_worker });

/** A distinct valid UPN for each child the tests make. */
function nextUpn(): string {
  seq += 1;
  return `T${String(100000000000 + seq).slice(1)}A`;
}

function childBody(extra: Record<string, unknown> = {}) {
  return {
    firstName: 'Amara',
    lastName: 'Okafor',
    dateOfBirth: '2012-05-10',
    sex: 'F',
    ethnicity: 'BAFR',
    upn: nextUpn(),
    responsibleAuthorityId: w.laId,
    socialWorkerId: w.users.social_worker.userId,
    categoryOfNeed: 'N1',
    homePostcode: 'TS1 1AA',
    ...extra,
  };
}

/** A child made as a team manager would (a manager may allocate anyone: caseload access). */
async function makeChild(extra: Record<string, unknown> = {}) {
  return w.services.children.create({ actor: w.users.team_manager }, childBody(extra));
}

/** The form fields for a child, with the date of birth split as the GOV.UK date input posts it. */
function childForm(extra: Record<string, string> = {}) {
  const { dateOfBirth, ...rest } = childBody() as Record<string, string>;
  const [y, m, d] = (dateOfBirth as string).split('-');
  return { ...rest, 'dateOfBirth-day': d!, 'dateOfBirth-month': m!, 'dateOfBirth-year': y!, ...extra };
}

async function auditsFor(id: string) {
  const rows = await db().select().from(auditEvent).where(eq(auditEvent.subjectId, id));
  return rows.map((r) => r.action);
}

const countChildren = async () => (await db().select({ id: child.id }).from(child)).length;

/** Another user of the test authority, e.g. a second or a deactivated IRO. */
async function addUser(role: string, fullName: string, active = true) {
  seq += 1;
  const [u] = await db()
    .insert(appUser)
    .values({ organisationId: w.laId, teamId: w.teamId, email: `extra${seq}@test.hearth.test`, fullName, role, active })
    .returning();
  return u!;
}

/** The text of one row of the child page's summary list. */
function summaryValue(body: string, key: string): string | undefined {
  const m = new RegExp(`<dt class="govuk-summary-list__key">\\s*${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<]*?)\\s*</dd>`).exec(body);
  return m?.[1];
}

test('a social worker adds a child through the form: a reference is made, the change and every view are audited', async () => {
  const c = await as('social_worker');
  const form = await c.get(paths.children.new);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Testshire County Council/);
  const fields = childForm({ firstName: 'Kofi', lastName: 'Mensah', upn: 'un1', homePostcode: 'ts11aa' });
  const res = await c.post(paths.children.new, fields);
  assert.equal(res.statusCode, 303, res.body);
  const [row] = await db().select().from(child).where(eq(child.firstName, 'Kofi'));
  assert.ok(row);
  assert.equal(res.headers.location, paths.children.show(row.id));
  assert.match(row.reference, /^C\d{6}$/);
  assert.equal(row.upn, 'UN1');
  assert.equal(row.homePostcode, 'TS1 1AA');
  assert.equal(row.dateOfBirth, '2012-05-10');
  assert.deepEqual(await auditsFor(row.id), ['child.created']);

  const page = await c.get(paths.children.show(row.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Kofi Mensah/);
  assert.match(page.body, new RegExp(row.reference));
  assert.match(page.body, /10 May 2012/);
  assert.match(page.body, /UN1: Not of school age/);
  assert.match(page.body, /Legal status history/);
  assert.match(page.body, /Add a legal status/);
  // A social worker may not read the audit trail, so no link to it.
  assert.doesNotMatch(page.body, /Who has seen or changed this record/);
  // The page shows the concerns about the child's placements, the Virtual School's advice, the child's obligations, recorded events and return checks too: each is audited.
  const pageView = ['child.viewed', 'parent-and-child.listed', 'concern.listed', 'consultation.listed', 'ending-meeting.listed', 'obligation.listed', 'obligation.listed', 'return.validated'];
  assert.deepEqual(await auditsFor(row.id), ['child.created', ...pageView]);

  await c.get(paths.children.edit(row.id));
  assert.deepEqual(await auditsFor(row.id), ['child.created', ...pageView, 'child.viewed']);

  const tm = await as('team_manager');
  const tmPage = await tm.get(paths.children.show(row.id));
  assert.match(tmPage.body, new RegExp(paths.audit.subject('child', row.id)));
});

test('bad form input re-renders with the error summary, keeps the input and stores nothing', async () => {
  const c = await as('social_worker');
  await c.get(paths.children.new);
  const before = await countChildren();

  const missing = await c.post(paths.children.new, { firstName: 'Nadia' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /There is a problem/);
  for (const m of [/Enter the last name/, /Enter the date of birth/, /Select the sex/, /Select the ethnicity/, /Enter the UPN/, /Select the responsible authority/, /Select the category of need/]) {
    assert.match(missing.body, m);
  }
  assert.match(missing.body, /value="Nadia"/);

  const feb30 = await c.post(paths.children.new, childForm({ 'dateOfBirth-day': '30', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2023' }));
  assert.equal(feb30.statusCode, 400);
  assert.match(feb30.body, /The date of birth must be a real date/);
  assert.match(feb30.body, /href="#dateOfBirth-day"/);

  // A date with boxes left empty says which (GOV.UK date input pattern), and links to the first of them.
  const noMonth = await c.post(paths.children.new, childForm({ 'dateOfBirth-day': '3', 'dateOfBirth-month': '', 'dateOfBirth-year': '2019' }));
  assert.equal(noMonth.statusCode, 400);
  assert.match(noMonth.body, /href="#dateOfBirth-month">The date of birth must include a month</);
  assert.doesNotMatch(noMonth.body, /must be a real date/);
  const yearOnly = await c.post(paths.children.new, childForm({ 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '2019' }));
  assert.match(yearOnly.body, /href="#dateOfBirth-day">The date of birth must include a day and month</);
  assert.match(yearOnly.body, /name="dateOfBirth-year" type="text" value="2019"/, 'what was typed is kept');

  const word = await c.post(paths.children.new, childForm({ 'dateOfBirth-day': 'tomorrow', 'dateOfBirth-month': '', 'dateOfBirth-year': '' }));
  assert.equal(word.statusCode, 400);
  assert.match(word.body, /The date of birth must be a real date/);
  assert.match(word.body, /value="tomorrow"/);

  const [ty, tmo, td] = tomorrow.split('-');
  const future = await c.post(paths.children.new, childForm({ 'dateOfBirth-day': td!, 'dateOfBirth-month': tmo!, 'dateOfBirth-year': ty! }));
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /The date of birth must be today or in the past/);

  const tooOld = await c.post(paths.children.new, childForm({ 'dateOfBirth-year': '1990' }));
  assert.match(tooOld.body, /The child must be under 26 years old/);

  const codes = await c.post(paths.children.new, childForm({ sex: 'X', ethnicity: 'ZZZZ', categoryOfNeed: 'N9', upn: 'UN7', homePostcode: 'nowhere', firstName: 'x'.repeat(101) }));
  assert.equal(codes.statusCode, 400);
  for (const m of [/Select the sex/, /Select the ethnicity/, /Select the category of need/, /Enter a 13-character UPN/, /Enter a real postcode/, /The first name must be 100 characters or fewer/]) {
    assert.match(codes.body, m);
  }

  const notLa = await c.post(paths.children.new, childForm({ responsibleAuthorityId: '00000000-0000-4000-8000-000000000000', socialWorkerId: w.users.iro.userId }));
  assert.equal(notLa.statusCode, 400);
  assert.match(notLa.body, /Select a local authority as the responsible authority/);
  assert.match(notLa.body, /Select a social worker or team manager/);

  assert.equal(await countChildren(), before);
});

test('the independent reviewing officer: chosen from active IROs on the form, shown on the page, changed, and anyone else refused', async () => {
  const second = await addUser('iro', 'Test second reviewer');
  const retired = await addUser('iro', 'Test retired reviewer', false);
  const c = await as('social_worker');
  const form = await c.get(paths.children.new);
  assert.match(form.body, /<select class="govuk-select" id="iroId" name="iroId"/);
  assert.match(form.body, new RegExp(`value="${w.users.iro.userId}">Test iro<`));
  assert.match(form.body, new RegExp(`value="${second.id}">Test second reviewer<`));
  assert.doesNotMatch(form.body, new RegExp(retired.id), 'a deactivated IRO is not offered');

  const before = await countChildren();
  for (const [iroId, message] of [
    [w.users.social_worker.userId, /Select an independent reviewing officer/],
    [w.users.team_manager.userId, /Select an independent reviewing officer/],
    [retired.id, /Select an independent reviewing officer/],
    ['00000000-0000-4000-8000-000000000000', /Select an independent reviewing officer/],
    ['not-an-id', /Select the independent reviewing officer/],
  ] as const) {
    const refused = await c.post(paths.children.new, childForm({ firstName: 'Ife', lastName: 'Reviewed', iroId }));
    assert.equal(refused.statusCode, 400, iroId);
    assert.match(refused.body, /There is a problem/);
    assert.match(refused.body, message, iroId);
    assert.match(refused.body, /href="#iroId"/);
  }
  assert.equal(await countChildren(), before);

  const res = await c.post(paths.children.new, childForm({ firstName: 'Ife', lastName: 'Reviewed', iroId: w.users.iro.userId }));
  assert.equal(res.statusCode, 303, res.body);
  const [row] = await db().select().from(child).where(eq(child.firstName, 'Ife'));
  assert.equal(row?.iroId, w.users.iro.userId);
  const page = await c.get(paths.children.show(row!.id));
  assert.equal(summaryValue(page.body, 'Independent reviewing officer'), 'Test iro');

  const edit = await c.get(paths.children.edit(row!.id));
  assert.match(edit.body, new RegExp(`value="${w.users.iro.userId}" selected>Test iro<`));
  // Changing the IRO is a manager's decision (caseload access): the social worker is refused and nothing changes.
  const bySocialWorker = await c.post(paths.children.edit(row!.id), childForm({ version: '1', firstName: 'Ife', lastName: 'Reviewed', upn: row!.upn, iroId: second.id }));
  assert.equal(bySocialWorker.statusCode, 403);
  assert.match(bySocialWorker.body, /Only a team manager or head of service can change/);
  const m = await as('team_manager');
  const notIro = await m.post(paths.children.edit(row!.id), childForm({ version: '1', firstName: 'Ife', lastName: 'Reviewed', upn: row!.upn, iroId: w.users.social_worker.userId }));
  assert.equal(notIro.statusCode, 400);
  assert.match(notIro.body, /Select an independent reviewing officer/);
  const changed = await m.post(paths.children.edit(row!.id), childForm({ version: '1', firstName: 'Ife', lastName: 'Reviewed', upn: row!.upn, iroId: second.id }));
  assert.equal(changed.statusCode, 303, changed.body);
  const [after] = await db().select().from(child).where(eq(child.id, row!.id));
  assert.equal(after?.iroId, second.id);
  assert.equal(after?.version, 2);
  assert.equal(summaryValue((await c.get(paths.children.show(row!.id))).body, 'Independent reviewing officer'), 'Test second reviewer');

  const cleared = await m.post(paths.children.edit(row!.id), childForm({ version: '2', firstName: 'Ife', lastName: 'Reviewed', upn: row!.upn, iroId: '' }));
  assert.equal(cleared.statusCode, 303, cleared.body);
  const [none] = await db().select().from(child).where(eq(child.id, row!.id));
  assert.equal(none?.iroId, null);
  assert.equal(summaryValue((await c.get(paths.children.show(row!.id))).body, 'Independent reviewing officer'), 'Not allocated');
});

test('editing a child: saved with a new version; a stale edit is refused and overwrites nothing', async () => {
  const made = await makeChild({ firstName: 'Leila' });
  const c = await as('social_worker');
  const form = await c.get(paths.children.edit(made.id));
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="version" value="1"/);
  assert.match(form.body, /value="Leila"/);
  const first = await c.post(paths.children.edit(made.id), childForm({ version: '1', firstName: 'Leyla', upn: made.upn, reference: '' }));
  assert.equal(first.statusCode, 303, first.body);
  const second = await c.post(paths.children.edit(made.id), childForm({ version: '1', firstName: 'Lela', upn: made.upn }));
  assert.equal(second.statusCode, 409);
  assert.match(second.body, /changed by someone else since you opened it/);
  const [row] = await db().select().from(child).where(eq(child.id, made.id));
  assert.equal(row?.firstName, 'Leyla');
  assert.equal(row?.version, 2);
  assert.equal(row?.reference, made.reference, 'a blank reference keeps the current one');
  assert.ok((await auditsFor(made.id)).includes('child.updated'));
});

test('the list searches by name, reference and UPN and filters by authority, worker, IRO, need and current legal status', async () => {
  const a = await makeChild({ firstName: 'Zainab', lastName: 'Searchable', categoryOfNeed: 'N4', iroId: w.users.iro.userId });
  const b = await makeChild({ firstName: 'Yusuf', lastName: 'Searchable', socialWorkerId: w.users.team_manager.userId });
  await w.services.children.addLegalStatus(ctx(), a.id, { code: 'C2', startDate: '2024-01-01' });
  await w.services.children.addLegalStatus(ctx(), b.id, { code: 'V2', startDate: '2023-01-01', endDate: '2023-06-01' });
  // The placement team reads every child (caseload access); the IRO only those they review.
  const c = await as('placement_officer');
  const reviewer = await as('iro');

  const byUpn = await c.get(`${paths.children.list}?q=${a.upn.toLowerCase()}`);
  assert.equal(byUpn.statusCode, 200);
  assert.match(byUpn.body, /Zainab Searchable/);
  assert.doesNotMatch(byUpn.body, /Yusuf Searchable/);
  assert.match(byUpn.body, /1 child\b/);
  assert.match(byUpn.body, /C2: Full care order/);

  // Yusuf's only legal status ended in 2023: he has left care, so only "All children" shows him.
  const inCare = await c.get(`${paths.children.list}?q=${b.reference}`);
  assert.doesNotMatch(inCare.body, /Yusuf Searchable/);
  assert.match(inCare.body, /<h1 class="govuk-heading-l">Children in care<\/h1>/);
  const byRef = await c.get(`${paths.children.list}?q=${b.reference}&view=all`);
  assert.match(byRef.body, /<h1 class="govuk-heading-l">All children<\/h1>/);
  assert.match(byRef.body, /Yusuf Searchable/);
  assert.doesNotMatch(byRef.body, /Zainab Searchable/);

  const byName = await c.get(`${paths.children.list}?q=${encodeURIComponent('zainab searchable')}`);
  assert.match(byName.body, /Zainab Searchable/);

  const byLs = await c.get(`${paths.children.list}?q=Searchable&legalStatus=C2`);
  assert.match(byLs.body, /Zainab Searchable/);
  assert.doesNotMatch(byLs.body, /Yusuf Searchable/);
  const endedLs = await c.get(`${paths.children.list}?q=Searchable&legalStatus=V2`);
  assert.doesNotMatch(endedLs.body, /Searchable<\/a>/, 'an ended legal status is not current');

  const byNeed = await c.get(`${paths.children.list}?q=Searchable&categoryOfNeed=N4`);
  assert.match(byNeed.body, /Zainab Searchable/);
  assert.doesNotMatch(byNeed.body, /Yusuf Searchable/);

  const byWorker = await c.get(`${paths.children.list}?q=Searchable&socialWorker=${w.users.team_manager.userId}&responsibleAuthorityId=${w.laId}&view=all`);
  assert.match(byWorker.body, /Yusuf Searchable/);
  assert.doesNotMatch(byWorker.body, /Zainab Searchable/);

  const tm = await as('team_manager');
  const mine = await tm.get(`${paths.children.list}?q=Searchable&socialWorker=mine&view=all`);
  assert.match(mine.body, /Yusuf Searchable/);
  assert.doesNotMatch(mine.body, /Zainab Searchable/);

  const byIro = await tm.get(`${paths.children.list}?q=Searchable&iro=${w.users.iro.userId}`);
  assert.match(byIro.body, /Zainab Searchable/);
  assert.doesNotMatch(byIro.body, /Yusuf Searchable/);
  assert.match(byIro.body, new RegExp(`<option value="${w.users.iro.userId}" selected>Test iro<`), 'the chosen IRO stays selected');
  const iroMine = await reviewer.get(`${paths.children.list}?q=Searchable&iro=mine`);
  assert.doesNotMatch((await reviewer.get(`${paths.children.list}?q=Searchable&view=all`)).body, /Yusuf Searchable/, 'an IRO lists only the children they review');
  assert.match(iroMine.body, /Zainab Searchable/);
  assert.doesNotMatch(iroMine.body, /Yusuf Searchable/);
  const tmIroMine = await tm.get(`${paths.children.list}?q=Searchable&iro=mine`);
  assert.match(tmIroMine.body, /0 children/, 'a team manager is nobody\'s IRO here');

  // Nonsense filters are ignored, not sent to the database.
  const junk = await c.get(`${paths.children.list}?q=Searchable&responsibleAuthorityId=not-a-uuid&iro=not-a-uuid&legalStatus=ZZ&view=all`);
  assert.equal(junk.statusCode, 200);
  assert.match(junk.body, /2 children/);

  const listed = await db().select().from(auditEvent).where(and(eq(auditEvent.action, 'child.listed'), eq(auditEvent.actorUserId, w.users.placement_officer.userId)));
  assert.ok(listed.length >= 8);
});

test('the list is shown a page at a time in name order, with the total and links to the other pages', async () => {
  const made = [];
  for (let i = 0; i < 53; i++) made.push(await makeChild({ firstName: `Pager${String(i).padStart(2, '0')}`, lastName: 'Paginated' }));
  const c = await as('social_worker');
  const first = await c.get(`${paths.children.list}?q=Paginated`);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /53 children \(showing 1 to 50 of 53\)/);
  assert.match(first.body, /Pager00 Paginated/);
  assert.match(first.body, /Pager49 Paginated/);
  assert.doesNotMatch(first.body, /Pager50 Paginated/);
  assert.match(first.body, /href="\/children\?q=Paginated&amp;page=2"/, 'the next page keeps the filter');
  const second = await c.get(`${paths.children.list}?q=Paginated&page=2`);
  assert.match(second.body, /53 children \(showing 51 to 53 of 53\)/);
  assert.match(second.body, /Pager50 Paginated/);
  assert.match(second.body, /Pager52 Paginated/);
  assert.doesNotMatch(second.body, /Pager49 Paginated/);
  const beyond = await c.get(`${paths.children.list}?q=Paginated&page=99`);
  assert.match(beyond.body, /showing 51 to 53 of 53/, 'a page past the last shows the last');
  const junk = await c.get(`${paths.children.list}?q=Paginated&page=abc`);
  assert.match(junk.body, /showing 1 to 50 of 53/);
});

test('"Children in care" leaves out exactly the children who have left care, as the domain decides it; "All children" shows them too', async () => {
  const yesterday = addDays(today, -1);
  const shapes: { name: string; periods: { startDate: string; endDate: string | null }[] }[] = [
    { name: 'Nostatus', periods: [] },
    { name: 'Open', periods: [{ startDate: '2020-01-01', endDate: null }] },
    { name: 'Ended', periods: [{ startDate: '2020-01-01', endDate: '2022-01-01' }] },
    { name: 'Endstoday', periods: [{ startDate: '2020-01-01', endDate: today }] },
    { name: 'Endstomorrow', periods: [{ startDate: '2020-01-01', endDate: tomorrow }] },
    { name: 'Startstoday', periods: [{ startDate: today, endDate: null }] },
    { name: 'Future', periods: [{ startDate: tomorrow, endDate: null }] },
    { name: 'Returned', periods: [{ startDate: '2019-01-01', endDate: '2020-01-01' }, { startDate: yesterday, endDate: null }] },
  ];
  for (const shape of shapes) {
    const made = await makeChild({ firstName: shape.name, lastName: 'Careview' });
    for (const p of shape.periods) await db().insert(legalStatus).values({ childId: made.id, code: 'C2', startDate: p.startDate, endDate: p.endDate });
  }
  const c = await as('social_worker');
  const inCare = await c.get(`${paths.children.list}?q=Careview`);
  const everyone = await c.get(`${paths.children.list}?q=Careview&view=all`);
  for (const shape of shapes) {
    const left = leftCareBy(shape.periods, today);
    const shown = new RegExp(`${shape.name} Careview`);
    if (left) assert.doesNotMatch(inCare.body, shown, `${shape.name} has left care`);
    else assert.match(inCare.body, shown, `${shape.name} has not left care`);
    assert.match(everyone.body, shown, `${shape.name} is among all children`);
  }
  assert.deepEqual(
    shapes.filter((x) => leftCareBy(x.periods, today)).map((x) => x.name),
    ['Ended', 'Endstoday'],
  );
  // The views are links that keep the search; the current one is marked; the filter form keeps the view.
  assert.match(inCare.body, /<a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href="\/children\?q=Careview" aria-current="page">Children in care<\/a>/);
  assert.match(inCare.body, /href="\/children\?q=Careview&amp;view=all">All children<\/a>/);
  assert.match(everyone.body, /<input type="hidden" name="view" value="all">/);
  assert.match(everyone.body, /href="\/children\?q=Careview&amp;view=all" aria-current="page">All children<\/a>/);
});

test('"Children in care" follows each change to a child\'s legal statuses (the summary the triggers keep, migration 0060), as the domain decides it', async () => {
  const made = await makeChild({ firstName: 'Changing', lastName: 'Carestatus' });
  const c = await as('social_worker');
  const periods = async () =>
    (await db().select().from(legalStatus).where(eq(legalStatus.childId, made.id))).map((p) => ({ startDate: p.startDate, endDate: p.endDate }));
  const listed = async () => /Changing Carestatus/.test((await c.get(`${paths.children.list}?q=Carestatus`)).body);
  const expectAsDomain = async (step: string, left: boolean) => {
    assert.equal(leftCareBy(await periods(), today), left, `${step}: the domain's answer`);
    assert.equal(await listed(), !left, `${step}: the list agrees`);
  };
  await expectAsDomain('no legal status', false);
  const [first] = await db().insert(legalStatus).values({ childId: made.id, code: 'C2', startDate: '2020-01-01', endDate: '2021-06-01' }).returning();
  await expectAsDomain('a status that ended', true);
  await db().update(legalStatus).set({ endDate: null }).where(eq(legalStatus.id, first!.id));
  await expectAsDomain('the same status, its end taken away', false);
  await db().update(legalStatus).set({ endDate: today }).where(eq(legalStatus.id, first!.id));
  await expectAsDomain('ending today', true);
  await db().insert(legalStatus).values({ childId: made.id, code: 'V2', startDate: today, endDate: today });
  await expectAsDomain('and another beginning and ending today (in force on no day)', true);
  await db().insert(legalStatus).values({ childId: made.id, code: 'C2', startDate: addDays(today, -3), endDate: tomorrow });
  await expectAsDomain('back in care until tomorrow', false);
  // A status moved to another child changes both.
  const other = await makeChild({ firstName: 'Otherchild', lastName: 'Carestatus' });
  await db().update(legalStatus).set({ childId: other.id }).where(and(eq(legalStatus.childId, made.id), eq(legalStatus.code, 'C2')));
  await expectAsDomain('its statuses moved away but for the one of no day', true);
  assert.match((await c.get(`${paths.children.list}?q=Otherchild`)).body, /Otherchild Carestatus/, 'the other child is in care now');
  await db().delete(legalStatus).where(eq(legalStatus.childId, made.id));
  await expectAsDomain('every status deleted', false);
});

test('"All children" is paged too, its page links keeping the view', async () => {
  for (let i = 0; i < 51; i++) {
    const made = await makeChild({ firstName: `Leaver${String(i).padStart(2, '0')}`, lastName: 'Allview' });
    await db().insert(legalStatus).values({ childId: made.id, code: 'V2', startDate: '2020-01-01', endDate: '2021-01-01' });
  }
  const c = await as('social_worker');
  const inCare = await c.get(`${paths.children.list}?q=Allview`);
  assert.match(inCare.body, /0 children/);
  const first = await c.get(`${paths.children.list}?q=Allview&view=all`);
  assert.match(first.body, /51 children \(showing 1 to 50 of 51\)/);
  assert.match(first.body, /href="\/children\?q=Allview&amp;view=all&amp;page=2"/);
  const second = await c.get(`${paths.children.list}?q=Allview&view=all&page=2`);
  assert.match(second.body, /showing 51 to 51 of 51/);
  assert.match(second.body, /Leaver50 Allview/);
});

test('the list offers the social workers and IROs of the viewer\'s team to filter by (and anyone chosen), not every worker', async () => {
  const [other] = await db().insert(team).values({ organisationId: w.laId, name: 'Another Team' }).returning();
  const [stranger] = await db()
    .insert(appUser)
    .values({ organisationId: w.laId, teamId: other!.id, email: 'stranger@test.hearth.test', fullName: 'Stranger Worker', role: 'social_worker', passwordHash: 'x' })
    .returning();
  const c = await as('team_manager');
  const list = await c.get(paths.children.list);
  assert.match(list.body, new RegExp(`<option value="${w.users.social_worker.userId}"`), 'a worker of the team');
  assert.doesNotMatch(list.body, /Stranger Worker/, 'a worker of another team');
  const chosen = await c.get(`${paths.children.list}?socialWorker=${stranger!.id}`);
  assert.match(chosen.body, new RegExp(`<option value="${stranger!.id}" selected>Stranger Worker<`), 'the one chosen stays selected');
});

test("a child's page shows the latest 20 recorded events and counts the rest, with a link to them all", async () => {
  const made = await makeChild();
  for (let i = 0; i < 25; i++) await db().insert(childEvent).values({ childId: made.id, kind: 'visit', eventDate: addDays('2024-01-01', i), evidence: `Visit number ${i}` });
  const c = await as('social_worker');
  const page = await c.get(paths.children.show(made.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Visit number 24/);
  assert.match(page.body, /Visit number 5\b/);
  assert.doesNotMatch(page.body, /Visit number 4\b/);
  assert.match(page.body, /The latest 20 are shown; 5 earlier events are not\./);
  assert.match(page.body, /Show all 25 recorded events/);
  const all = await c.get(`${paths.children.show(made.id)}?all=events`);
  assert.match(all.body, /Visit number 0\b/);
  assert.doesNotMatch(all.body, /Show all 25 recorded events/);
});

test('legal status on the page: added, overlap and a second open period refused, then ended, all audited', async () => {
  const made = await makeChild();
  const c = await as('social_worker');
  await c.get(paths.children.show(made.id));
  const add = await c.post(paths.children.legalStatus(made.id), {
    code: 'C1',
    'startDate-day': '1',
    'startDate-month': '3',
    'startDate-year': '2023',
  });
  assert.equal(add.statusCode, 303, add.body);
  assert.equal(add.headers.location, `${paths.children.show(made.id)}#legal-status`);

  const overlap = await c.post(paths.children.legalStatus(made.id), {
    code: 'V2',
    'startDate-day': '1',
    'startDate-month': '2',
    'startDate-year': '2023',
    'endDate-day': '2',
    'endDate-month': '3',
    'endDate-year': '2023',
  });
  assert.equal(overlap.statusCode, 400);
  assert.match(overlap.body, /There is a problem/);
  assert.match(overlap.body, /The dates overlap the legal status C1 from 1 March 2023/);

  const secondOpen = await c.post(paths.children.legalStatus(made.id), { code: 'C2', 'startDate-day': '1', 'startDate-month': '1', 'startDate-year': '2024' });
  assert.equal(secondOpen.statusCode, 400);
  assert.match(secondOpen.body, /has no end date. End it before adding another open period/);

  const badDate = await c.post(paths.children.legalStatus(made.id), { code: 'C2', 'startDate-day': '30', 'startDate-month': '2', 'startDate-year': '2023' });
  assert.equal(badDate.statusCode, 400);
  assert.match(badDate.body, /The start date must be a real date/);

  const jUnder10 = await c.post(paths.children.legalStatus(made.id), { code: 'J1', 'startDate-day': '1', 'startDate-month': '1', 'startDate-year': '2020', 'endDate-day': '2', 'endDate-month': '1', 'endDate-year': '2020' });
  assert.equal(jUnder10.statusCode, 400);
  assert.match(jUnder10.body, /rule 358/);

  const rows = await db().select().from(legalStatus).where(eq(legalStatus.childId, made.id));
  assert.equal(rows.length, 1);
  const open = rows[0]!;

  const page = await c.get(paths.children.show(made.id));
  assert.match(page.body, /C1: Interim care order/);
  assert.match(page.body, /End the current legal status/);
  const endTooEarly = await c.post(paths.children.endLegalStatus(made.id, open.id), { 'endOn-day': '28', 'endOn-month': '2', 'endOn-year': '2023' });
  assert.equal(endTooEarly.statusCode, 400);
  assert.match(endTooEarly.body, /The end date must be the same as or after the start date/);
  assert.match(endTooEarly.body, /href="#endOn-day"/);
  const ended = await c.post(paths.children.endLegalStatus(made.id, open.id), { 'endOn-day': '1', 'endOn-month': '1', 'endOn-year': '2024' });
  assert.equal(ended.statusCode, 303);
  const [after] = await db().select().from(legalStatus).where(eq(legalStatus.id, open.id));
  assert.equal(after?.endDate, '2024-01-01');

  const next = await c.post(paths.children.legalStatus(made.id), { code: 'C2', 'startDate-day': '1', 'startDate-month': '1', 'startDate-year': '2024' });
  assert.equal(next.statusCode, 303, 'a new period may start the day the last ended');

  const actions = await auditsFor(made.id);
  assert.equal(actions.filter((a) => a === 'child.legal-status.added').length, 2);
  assert.equal(actions.filter((a) => a === 'child.legal-status.ended').length, 1);
});

test('a supervising social worker is refused legal status changes on the page and the API', async () => {
  const made = await makeChild();
  const c = await as('supervising_social_worker');
  const page = await c.get(paths.children.show(made.id));
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Add a legal status/);
  assert.doesNotMatch(page.body, /Change details/);
  const post = await c.post(paths.children.legalStatus(made.id), { code: 'C1', 'startDate-day': '1', 'startDate-month': '3', 'startDate-year': '2023' });
  assert.equal(post.statusCode, 403);
  const token = await tokenFor(w, 'supervising_social_worker');
  const api = await w.app.inject({ method: 'POST', url: `/api/v1/children/${made.id}/legal-statuses`, headers: bearer(token), payload: { code: 'C1', startDate: '2023-03-01' } });
  assert.equal(api.statusCode, 403);
  assert.equal((await db().select().from(legalStatus).where(eq(legalStatus.childId, made.id))).length, 0);
  const edit = await c.get(paths.children.edit(made.id));
  assert.equal(edit.statusCode, 403);
  const iro = await as('iro');
  assert.equal((await iro.get(paths.children.new)).statusCode, 403);
  const iroToken = await tokenFor(w, 'iro');
  const iroCreate = await w.app.inject({ method: 'POST', url: '/api/v1/children', headers: bearer(iroToken), payload: childBody() });
  assert.equal(iroCreate.statusCode, 403);
});

test('the API creates, reads (audited), lists and changes a child; a stale version is refused', async () => {
  const token = await tokenFor(w, 'social_worker');
  const body = childBody({ firstName: 'Api', lastName: 'Child', reference: 'api42' });
  const created = await w.app.inject({ method: 'POST', url: '/api/v1/children', headers: bearer(token), payload: body });
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json() as { id: string; reference: string; version: number };
  assert.equal(c.reference, 'API42');

  const got = await w.app.inject({ method: 'GET', url: `/api/v1/children/${c.id}`, headers: bearer(token) });
  assert.equal(got.statusCode, 200);
  const record = got.json() as { firstName: string; legalStatuses: unknown[]; siblings: unknown[]; placements: unknown[]; age: number };
  assert.equal(record.firstName, 'Api');
  assert.deepEqual([record.legalStatuses, record.siblings, record.placements], [[], [], []]);
  assert.ok((await auditsFor(c.id)).includes('child.viewed'));

  const list = await w.app.inject({ method: 'GET', url: `/api/v1/children?q=${body.upn}`, headers: bearer(token) });
  const items = (list.json() as { items: { id: string }[]; truncated: boolean }).items;
  assert.deepEqual(items.map((i) => i.id), [c.id]);

  const put = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${c.id}`, headers: bearer(token), payload: { ...body, categoryOfNeed: 'N2', version: 1 } });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal((put.json() as { categoryOfNeed: string; version: number }).version, 2);
  const stale = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${c.id}`, headers: bearer(token), payload: { ...body, categoryOfNeed: 'N3', version: 1 } });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.headers['content-type'] as string, /application\/problem\+json/);
  const noVersion = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${c.id}`, headers: bearer(token), payload: { ...body, categoryOfNeed: 'N3' } });
  assert.equal(noVersion.statusCode, 400);
  const [row] = await db().select().from(child).where(eq(child.id, c.id));
  assert.equal(row?.categoryOfNeed, 'N2');

  const noIro = (await w.app.inject({ method: 'GET', url: `/api/v1/children/${c.id}`, headers: bearer(token) })).json() as { iroId: string | null; iroName: string | null };
  assert.deepEqual([noIro.iroId, noIro.iroName], [null, null]);

  const missing = await w.app.inject({ method: 'GET', url: '/api/v1/children/00000000-0000-4000-8000-000000000000', headers: bearer(token) });
  assert.equal(missing.statusCode, 404);
  const notUuid = await w.app.inject({ method: 'GET', url: '/api/v1/children/123', headers: bearer(token) });
  assert.equal(notUuid.statusCode, 404);
});

test('the API allocates an IRO: in and out with their name, filtered by id or "mine", a non-IRO refused', async () => {
  const token = await tokenFor(w, 'social_worker');
  const fieldsOf = (res: { json: () => unknown }) => (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
  const before = await countChildren();
  for (const iroId of [w.users.social_worker.userId, w.users.administrator.userId, '00000000-0000-4000-8000-000000000000', 'someone', 7]) {
    const refused = await w.app.inject({ method: 'POST', url: '/api/v1/children', headers: bearer(token), payload: childBody({ iroId }) });
    assert.equal(refused.statusCode, 400, String(iroId));
    assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(fieldsOf(refused), ['iroId'], String(iroId));
  }
  assert.equal(await countChildren(), before);

  const body = childBody({ firstName: 'Api', lastName: 'Reviewed', iroId: w.users.iro.userId });
  const created = await w.app.inject({ method: 'POST', url: '/api/v1/children', headers: bearer(token), payload: body });
  assert.equal(created.statusCode, 201, created.body);
  const made = created.json() as { id: string; iroId: string };
  assert.equal(made.iroId, w.users.iro.userId);

  const got = (await w.app.inject({ method: 'GET', url: `/api/v1/children/${made.id}`, headers: bearer(token) })).json() as { iroId: string; iroName: string; socialWorkerName: string };
  assert.deepEqual([got.iroId, got.iroName, got.socialWorkerName], [w.users.iro.userId, 'Test iro', 'Test social worker']);

  type Listed = { items: { id: string; iroId: string | null; iroName: string | null }[] };
  const byId = (await w.app.inject({ method: 'GET', url: `/api/v1/children?q=Reviewed&iroId=${w.users.iro.userId}`, headers: bearer(token) })).json() as Listed;
  assert.ok(byId.items.some((i) => i.id === made.id && i.iroName === 'Test iro'));
  assert.ok(byId.items.every((i) => i.iroId === w.users.iro.userId));
  const iroToken = await tokenFor(w, 'iro');
  const mine = (await w.app.inject({ method: 'GET', url: `/api/v1/children?q=${body.upn}&iroId=mine`, headers: bearer(iroToken) })).json() as Listed;
  assert.deepEqual(mine.items.map((i) => i.id), [made.id]);
  const notMine = (await w.app.inject({ method: 'GET', url: `/api/v1/children?q=${body.upn}&iroId=mine`, headers: bearer(token) })).json() as Listed;
  assert.deepEqual(notMine.items, []);

  const wrong = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${made.id}`, headers: bearer(token), payload: { ...body, iroId: w.users.team_manager.userId, version: 1 } });
  assert.equal(wrong.statusCode, 400);
  assert.deepEqual(fieldsOf(wrong), ['iroId']);
  const [kept] = await db().select().from(child).where(eq(child.id, made.id));
  assert.equal(kept?.iroId, w.users.iro.userId);
  // Changing the IRO is a manager's decision (caseload access): the social worker is refused, the team manager is not.
  const bySocialWorker = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${made.id}`, headers: bearer(token), payload: { ...body, iroId: null, version: 1 } });
  assert.equal(bySocialWorker.statusCode, 403);
  assert.match((bySocialWorker.json() as { detail: string }).detail, /Only a team manager or head of service can change/);
  const cleared = await w.app.inject({ method: 'PUT', url: `/api/v1/children/${made.id}`, headers: bearer(await tokenFor(w, 'team_manager')), payload: { ...body, iroId: null, version: 1 } });
  assert.equal(cleared.statusCode, 200, cleared.body);
  assert.deepEqual(
    [(cleared.json() as { iroId: string | null }).iroId, (cleared.json() as { iroName: string | null }).iroName],
    [null, null],
  );
});

test('the API documents the IRO in the child input and the list filter', async () => {
  const res = await w.app.inject({ method: 'GET', url: paths.api.openapi });
  assert.equal(res.statusCode, 200, res.body);
  const doc = res.json() as { paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
  const list = doc.paths['/api/v1/children']?.get;
  assert.ok(list?.parameters?.some((p) => p.name === 'iroId'));
  const createBody = doc.paths['/api/v1/children']?.post?.requestBody?.content['application/json']?.schema;
  assert.ok(createBody?.properties && 'iroId' in createBody.properties);
});

test('the API refuses bad input with a problem response and stores nothing', async () => {
  const token = await tokenFor(w, 'social_worker');
  const before = await countChildren();
  const post = (payload: unknown) => w.app.inject({ method: 'POST', url: '/api/v1/children', headers: bearer(token), payload: payload as Record<string, unknown> });
  const fieldsOf = (res: { json: () => unknown }) => (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort();

  for (const dateOfBirth of ['2023-02-30', 'tomorrow', tomorrow, 20120510, '10/05/2012']) {
    const res = await post(childBody({ dateOfBirth }));
    assert.equal(res.statusCode, 400, String(dateOfBirth));
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(fieldsOf(res), ['dateOfBirth'], String(dateOfBirth));
  }
  const wrong = await post(childBody({ firstName: 7, sex: 'X', ethnicity: 'ZZZZ', categoryOfNeed: 'N9', upn: 'ABC', lastName: 'x'.repeat(101), responsibleAuthorityId: 'somewhere', homePostcode: 12 }));
  assert.equal(wrong.statusCode, 400);
  assert.deepEqual(fieldsOf(wrong), ['categoryOfNeed', 'ethnicity', 'firstName', 'homePostcode', 'lastName', 'responsibleAuthorityId', 'sex', 'upn']);
  const empty = await post({});
  assert.equal(empty.statusCode, 400);
  assert.ok(fieldsOf(empty).length >= 7);
  const array = await post([1, 2]);
  assert.equal(array.statusCode, 400);
  const upnClash = await makeChild();
  const dup = await post(childBody({ upn: upnClash.upn }));
  assert.equal(dup.statusCode, 400);
  assert.deepEqual(fieldsOf(dup), ['upn']);
  assert.equal(await countChildren(), before + 1);

  // Legal statuses: bad codes, bad dates, overlap.
  const ls = (payload: unknown) =>
    w.app.inject({ method: 'POST', url: `/api/v1/children/${upnClash.id}/legal-statuses`, headers: bearer(token), payload: payload as Record<string, unknown> });
  assert.deepEqual(fieldsOf(await ls({ code: 'X9', startDate: '2023-02-30' })), ['code', 'startDate']);
  assert.deepEqual(fieldsOf(await ls({ code: 'C1', startDate: 'tomorrow' })), ['startDate']);
  assert.deepEqual(fieldsOf(await ls({ code: 'C1', startDate: tomorrow })), ['startDate']);
  assert.deepEqual(fieldsOf(await ls({ code: 'C1', startDate: '2023-03-01', endDate: '2023-02-01' })), ['endDate']);
  // The return's limit on police protection (SSDA903 rule 361), refused at entry as problem+json.
  const l1 = await ls({ code: 'L1', startDate: '2023-01-01', endDate: '2023-01-05' });
  assert.equal(l1.statusCode, 400);
  assert.deepEqual(fieldsOf(l1), ['endDate']);
  assert.match(l1.body, /72 hours/);
  const ok = await ls({ code: 'C1', startDate: '2023-03-01', endDate: '2023-06-01' });
  assert.equal(ok.statusCode, 201, ok.body);
  const overlap = await ls({ code: 'C2', startDate: '2023-05-01' });
  assert.equal(overlap.statusCode, 400);
  assert.match(overlap.body, /overlap/);
  const rows = await db().select().from(legalStatus).where(eq(legalStatus.childId, upnClash.id));
  assert.equal(rows.length, 1);

  const open = await ls({ code: 'C2', startDate: '2023-06-01' });
  assert.equal(open.statusCode, 201);
  const openId = (open.json() as { id: string }).id;
  const end = (payload: unknown) =>
    w.app.inject({ method: 'POST', url: `/api/v1/children/${upnClash.id}/legal-statuses/${openId}/end`, headers: bearer(token), payload: payload as Record<string, unknown> });
  assert.deepEqual(fieldsOf(await end({ endDate: 'tomorrow' })), ['endDate']);
  assert.deepEqual(fieldsOf(await end({ endDate: tomorrow })), ['endDate']);
  const ended = await end({ endDate: '2024-02-29' });
  assert.equal(ended.statusCode, 200, ended.body);
  assert.equal((ended.json() as { endDate: string }).endDate, '2024-02-29');
  assert.deepEqual(fieldsOf(await end({ endDate: '2024-03-01' })), ['endDate']);
});

test('siblings: linked by reference on the page, shown on both, stored once in order, unlinked; API links by id', async () => {
  const a = await makeChild({ firstName: 'Sib', lastName: 'One' });
  const b = await makeChild({ firstName: 'Sib', lastName: 'Two' });
  const d = await makeChild({ firstName: 'Sib', lastName: 'Three' });
  const c = await as('social_worker');
  await c.get(paths.children.show(b.id));
  const linked = await c.post(paths.children.siblings(b.id), { siblingReference: a.reference.toLowerCase() });
  assert.equal(linked.statusCode, 303, linked.body);
  const links = await db().select().from(siblingLink);
  const pair = links.find((l) => [l.childId, l.siblingId].includes(a.id));
  assert.ok(pair);
  assert.ok(pair.childId < pair.siblingId);
  assert.deepEqual([pair.childId, pair.siblingId].sort(), [a.id, b.id].sort());

  const onA = await c.get(paths.children.show(a.id));
  assert.match(onA.body, /Sib Two/);
  const dup = await c.post(paths.children.siblings(a.id), { siblingReference: b.reference });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.body, /already linked as siblings/);
  const self = await c.post(paths.children.siblings(a.id), { siblingReference: a.reference });
  assert.match(self.body, /cannot be their own sibling/);
  const nobody = await c.post(paths.children.siblings(a.id), { siblingReference: 'NOPE1' });
  assert.equal(nobody.statusCode, 400);
  assert.match(nobody.body, /There is no child with this reference/);
  const blank = await c.post(paths.children.siblings(a.id), { siblingReference: '' });
  assert.match(blank.body, /Enter the sibling&#39;s child reference/);

  await c.get(paths.children.show(a.id));
  // The confirmation step: asked first, naming both; a post without the answer changes nothing.
  const ask = await c.get(unlinkSiblingPath(a.id, b.id));
  assert.equal(ask.statusCode, 200);
  assert.match(ask.body, /Are you sure you want to unlink Sib Two from Sib One\?/);
  assert.match(ask.body, /govuk-warning-text/);
  assert.match(ask.body, /No, go back/);
  const unasked = await c.post(unlinkSiblingPath(a.id, b.id));
  assert.equal(unasked.statusCode, 303);
  assert.equal(unasked.headers.location, unlinkSiblingPath(a.id, b.id));
  assert.equal((await db().select().from(siblingLink).where(eq(siblingLink.childId, pair.childId))).filter((l) => l.siblingId === pair.siblingId).length, 1, 'still linked');
  const unlinked = await c.post(unlinkSiblingPath(a.id, b.id), { confirm: 'yes' });
  assert.equal(unlinked.statusCode, 303);
  assert.match((await c.get(paths.children.show(a.id))).body, /govuk-notification-banner--success[\s\S]*Sibling link removed/);
  assert.equal((await db().select().from(siblingLink).where(eq(siblingLink.childId, pair.childId))).filter((l) => l.siblingId === pair.siblingId).length, 0);
  assert.ok((await auditsFor(a.id)).includes('child.sibling.linked'));
  assert.ok((await auditsFor(b.id)).includes('child.sibling.unlinked'));

  const token = await tokenFor(w, 'social_worker');
  const api = await w.app.inject({ method: 'POST', url: `/api/v1/children/${d.id}/siblings`, headers: bearer(token), payload: { siblingId: a.id.toUpperCase() } });
  assert.equal(api.statusCode, 201, api.body);
  const badApi = await w.app.inject({ method: 'POST', url: `/api/v1/children/${d.id}/siblings`, headers: bearer(token), payload: { siblingId: 42 } });
  assert.equal(badApi.statusCode, 400);
  const got = await w.app.inject({ method: 'GET', url: `/api/v1/children/${a.id}`, headers: bearer(token) });
  assert.deepEqual((got.json() as { siblings: { id: string }[] }).siblings.map((s) => s.id), [d.id]);
  const del = await w.app.inject({ method: 'DELETE', url: `/api/v1/children/${a.id}/siblings/${d.id}`, headers: bearer(token) });
  assert.equal(del.statusCode, 204);
  const ssw = await tokenFor(w, 'supervising_social_worker');
  const refused = await w.app.inject({ method: 'POST', url: `/api/v1/children/${d.id}/siblings`, headers: bearer(ssw), payload: { siblingId: a.id } });
  assert.equal(refused.statusCode, 403);
});

test('the show page lists the child’s placements with a link to the household', async () => {
  const made = await makeChild({ firstName: 'Placed' });
  const [ifa] = await db().insert(organisation).values({ kind: 'fostering_agency', name: 'Test Fostering' }).returning();
  const [h] = await db()
    .insert(household)
    .values({ reference: 'H-TEST-1', addressLine1: '1 Test Street', town: 'Testtown', postcode: 'TS1 2AB', fosteringServiceId: ifa!.id, approvalStatus: 'approved' })
    .returning();
  await db().insert(placement).values({ childId: made.id, householdId: h!.id, startDate: '2024-04-02', placementType: 'U6', status: 'active' });
  const c = await as('placement_officer');
  const page = await c.get(paths.children.show(made.id));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="${paths.households.show(h!.id)}">H-TEST-1`));
  assert.match(page.body, /2 April 2024/);
  assert.match(page.body, /U6: Foster placement with other foster carer: not long-term or Fostering for Adoption \(FfA\)/);
});
