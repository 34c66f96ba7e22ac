/**
 * Money for parent-and-child arrangements (Parent and child fostering procedure, 8.1–8.5), through the
 * pages and the API: the administrator's rate card with its history, an arrangement's weekly amount
 * and who pays each line, the request to the child-care team for the allowance of an infant not in
 * care (its answer and budget code), and the finance week with its CSV.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { allowanceRequest, auditEvent, familyMember, household, legalStatus, rateCard } from '../src/data/schema.ts';
import { insertArrangement } from '../src/data/repositories/parent-and-child.ts';
import { paths } from '../src/http/paths.ts';
import { ArrangementMoneyResponse, AllowanceRequestResponse, FinanceResponse, RateCardResponse } from '../src/api/money.ts';

const TODAY = '2026-11-25';
let w: TestWorld;
let adminToken = '';
let swToken = '';
let financeToken = '';
const clients = clientsFor(() => w.app);
const api = apiCaller(() => w.app, () => swToken);
const insertChild = childInserter(() => w, (n) => ({ reference: `MN${n}`, firstName: `Parent${n}`, lastName: 'Money' }));
let householdId = '';
let arrangementId = '';
let infantPersonId = '';
let twinPersonId = '';
let parentChildId = '';

/**
 * The procedure's 2022-23 rates, as solved in src/domain/money/parent-and-child.test.ts: allowances by
 * age band 0–4 £146, 16–17 £252, 18 and over £140 (5–10 and 11–15 stated only to complete the card),
 * and the Level 4 skills fee £340.
 */
const CARD_FORM = {
  'effectiveFrom-day': '4',
  'effectiveFrom-month': '4',
  'effectiveFrom-year': '2022',
  allowance0: '146',
  allowance1: '166',
  allowance2: '189',
  allowance3: '252.00',
  allowance4: '140',
  fee1: '0',
  fee2: '100',
  fee3: '200',
  fee4: '340',
  note: 'Fees and Allowances Policy 2022-23 (test figures)',
};

before(async () => {
  w = await testWorld({ today: TODAY });
  adminToken = await tokenFor(w, 'administrator');
  swToken = await tokenFor(w, 'social_worker');
  financeToken = await tokenFor(w, 'team_manager');
  householdId = await approvedHousehold(w, { reference: 'HMN1', addressLine1: '4 Ledger Lane' });
  await w.database.db.update(household).set({ skillLevel: 4, placementKinds: ['parent_and_child'] }).where(eq(household.id, householdId));
  // Scenario 2.2: the parent (17) is in care; her twins are not, so their allowances are the child-care team's.
  const parent = await insertChild({ dateOfBirth: '2004-09-01' });
  parentChildId = parent.id;
  await w.database.db.insert(legalStatus).values({ childId: parent.id, code: 'C2', startDate: '2020-01-01' });
  const [twin1, twin2] = await w.database.db
    .insert(familyMember)
    .values([
      { name: 'Ivy Money', dateOfBirth: '2022-05-01' },
      { name: 'Ash Money', dateOfBirth: '2022-05-01' },
    ])
    .returning();
  arrangementId = await insertArrangement(
    w.database.db,
    { reference: 'PC-MN1', householdId, status: 'active', startDate: '2022-06-01', legalScenario: 'parent_in_care', scenarioRationale: 'The mother is looked after; the twins are not', needArose: 'court_order', needAroseOn: '2022-05-20' },
    [
      { role: 'parent', childId: parent.id, inCare: true },
      { role: 'child', familyMemberId: twin1!.id, inCare: false },
      { role: 'child', familyMemberId: twin2!.id, inCare: false },
    ],
  );
  const people = await w.services.money.ofArrangement({ actor: w.users.team_manager }, arrangementId, '2022-06-06');
  infantPersonId = people.people.find((p) => p.name === 'Ivy Money')!.id;
  twinPersonId = people.people.find((p) => p.name === 'Ash Money')!.id;
});
after(async () => w.close());

test('an administrator enters the rate card on its page; nobody else may; the card is listed with its rates', async () => {
  const sw = await clients('social_worker');
  assert.equal((await sw.get(paths.money.newRateCard)).statusCode, 403);
  const admin = await clients('administrator');
  assert.equal((await admin.get(paths.money.newRateCard)).statusCode, 200);
  const res = await admin.post(paths.money.newRateCard, CARD_FORM);
  assert.equal(res.statusCode, 303, res.body);
  const page = await admin.get(paths.money.rateCard);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /In force: rates from 4 April 2022/);
  assert.match(page.body, /All-inclusive allowance, ages 16 to 17/);
  assert.match(page.body, /£340\.00/);
  const [audit] = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'rate-card.created'));
  assert.equal(audit?.subjectType, 'rate_card');
});

test('a bad card changes nothing and says why on the page: a gap is not possible here, but an amount that is not pounds is', async () => {
  const admin = await clients('administrator');
  const res = await admin.post(paths.money.newRateCard, { ...CARD_FORM, 'effectiveFrom-year': '2024', allowance2: 'lots' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /There is a problem/);
  assert.match(res.body, /href="#allowance2"/);
  assert.equal((await w.database.db.select().from(rateCard)).length, 1);
});

test('a new card supersedes from its date; an earlier or equal date is refused, so past cards never change', async () => {
  const later = { effectiveFrom: '2023-04-03', allowances: [{ fromAge: 0, toAge: 4, weekly: '156' }, { fromAge: 5, toAge: 17, weekly: '262' }, { fromAge: 18, toAge: null, weekly: '150' }], skillsFees: [{ level: 4, weekly: '355' }] };
  const refused = await api('POST', paths.api.rateCards, { ...later, effectiveFrom: '2022-04-04' }, adminToken);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /after 4 April 2022/);
  assert.equal((await api('POST', paths.api.rateCards, later)).statusCode, 403, 'a social worker may not');
  const created = await api('POST', paths.api.rateCards, later, adminToken);
  assert.equal(created.statusCode, 201, created.body);
  RateCardResponse.parse(created.json());
  const list = await api('GET', paths.api.rateCards);
  assert.deepEqual(
    (list.json() as { effectiveFrom: string }[]).map((c) => c.effectiveFrom),
    ['2023-04-03', '2022-04-04'],
  );
});

test("the arrangement's weekly amount on a day: each person's allowance by age band, one skills fee, and who pays", async () => {
  const res = await api('GET', `${paths.api.arrangementMoney(arrangementId)}?day=2022-06-06`);
  assert.equal(res.statusCode, 200, res.body);
  const m = ArrangementMoneyResponse.parse(res.json());
  // One parent (17, band 16–17) and two children (0, band 0–4), one Level 4 fee: the procedure's £884 (8.4).
  assert.deepEqual(
    m.weekly.lines.map((l) => [l.band, l.weeklyPence, l.payer]),
    [
      ['16 to 17', 252_00, 'fostering_budget'],
      ['0 to 4', 146_00, 'child_care_team'],
      ['0 to 4', 146_00, 'child_care_team'],
      [null, 340_00, 'fostering_budget'],
    ],
  );
  assert.deepEqual(m.weekly.totals, { fostering_budget: 592_00, child_care_team: 292_00, all: 884_00 });
  // A year later: the 2023 card, and the mother is 18.
  const later = ArrangementMoneyResponse.parse((await api('GET', `${paths.api.arrangementMoney(arrangementId)}?day=2023-04-03`)).json());
  assert.equal(later.weekly.cardEffectiveFrom, '2023-04-03');
  assert.equal(later.weekly.totals.all, 150_00 + 2 * 156_00 + 355_00);
  const rows = await w.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'money.viewed'));
  assert.ok(rows.some((r) => r.childIds.includes(parentChildId)), 'the view names the child in care');
  assert.equal((await api('GET', `${paths.api.arrangementMoney(arrangementId)}?day=2022-02-30`)).statusCode, 400);
});

test("the social worker requests an infant's allowance from the child-care team on the page, and records the answer", async () => {
  const sw = await clients('social_worker');
  const page = await sw.get(paths.money.arrangement(arrangementId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Request an allowance from the child-care team/);
  assert.equal((await sw.get(paths.money.requestAllowance(arrangementId))).statusCode, 200);
  const bad = await sw.post(paths.money.requestAllowance(arrangementId), { personId: infantPersonId, requestedOf: '' });
  assert.equal(bad.statusCode, 400);
  const res = await sw.post(paths.money.requestAllowance(arrangementId), { personId: infantPersonId, 'requestedOn-day': '2', 'requestedOn-month': '6', 'requestedOn-year': '2022', requestedOf: 'Children in Need team (A. Lead)', requestNote: '' });
  assert.equal(res.statusCode, 303, res.body);
  const [r] = await w.database.db.select().from(allowanceRequest).where(eq(allowanceRequest.arrangementPersonId, infantPersonId));
  assert.ok(r);
  assert.equal((await sw.get(paths.money.answerAllowance(r.id))).statusCode, 200);
  const noCode = await sw.post(paths.money.answerAllowance(r.id), { version: '1', answer: 'agreed', 'answeredOn-day': '9', 'answeredOn-month': '6', 'answeredOn-year': '2022', answeredByName: 'A. Lead' });
  assert.equal(noCode.statusCode, 400);
  assert.match(noCode.body, /Enter the budget code/);
  const ok = await sw.post(paths.money.answerAllowance(r.id), { version: '1', answer: 'agreed', 'answeredOn-day': '9', 'answeredOn-month': '6', 'answeredOn-year': '2022', answeredByName: 'A. Lead', budgetCode: 'CIN-4410' });
  assert.equal(ok.statusCode, 303, ok.body);
  const after = await sw.get(paths.money.arrangement(arrangementId));
  assert.match(after.body, /CIN-4410/);
});

test('the API records a request and its answer; a second request for the same child, a request for a parent and a second answer are refused', async () => {
  const made = await api('POST', paths.api.allowanceRequests(arrangementId), { personId: twinPersonId, requestedOn: '2022-06-02', requestedOf: 'Children in Need team' });
  assert.equal(made.statusCode, 201, made.body);
  const r = AllowanceRequestResponse.parse(made.json());
  const again = await api('POST', paths.api.allowanceRequests(arrangementId), { personId: twinPersonId, requestedOn: '2022-06-02', requestedOf: 'Children in Need team' });
  assert.equal(again.statusCode, 400);
  const parent = (await w.services.money.ofArrangement({ actor: w.users.team_manager }, arrangementId, '2022-06-06')).people.find((p) => p.role === 'parent')!;
  const forParent = await api('POST', paths.api.allowanceRequests(arrangementId), { personId: parent.id, requestedOn: '2022-06-02', requestedOf: 'Children in Need team' });
  assert.equal(forParent.statusCode, 400);
  assert.match(forParent.body, /fostering budget pays for this person/);
  const notRead = await api('POST', paths.api.allowanceAnswer(r.id), { version: r.version + 1, answer: 'refused', answeredOn: '2022-06-10', answeredByName: 'B. Head' });
  assert.equal(notRead.statusCode, 409, 'a version that is not the one read changes nothing');
  const answered = await api('POST', paths.api.allowanceAnswer(r.id), { version: r.version, answer: 'refused', answeredOn: '2022-06-10', answeredByName: 'B. Head' });
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal(AllowanceRequestResponse.parse(answered.json()).answer, 'refused');
  const stale = await api('POST', paths.api.allowanceAnswer(r.id), { version: r.version, answer: 'agreed', answeredOn: '2022-06-10', answeredByName: 'B. Head', budgetCode: 'X' });
  assert.equal(stale.statusCode, 400);
  assert.match(stale.body, /already answered/);
});

test('finance: the weekly amounts of every arrangement in place in the week, by budget, as a page, JSON and CSV', async () => {
  const tm = await clients('team_manager');
  const page = await tm.get(`${paths.money.finance}?week-day=8&week-month=6&week-year=2022`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Week starting 6 June 2022/);
  assert.match(page.body, /PC-MN1/);
  const badWeek = await tm.get(`${paths.money.finance}?week-day=31&week-month=2&week-year=2022`);
  assert.equal(badWeek.statusCode, 400);
  const json = await api('GET', `${paths.api.finance}?week=2022-06-08`, undefined, financeToken);
  assert.equal(json.statusCode, 200, json.body);
  const f = FinanceResponse.parse(json.json());
  assert.equal(f.weekStarting, '2022-06-06');
  assert.deepEqual(f.arrangements.map((a) => [a.reference, a.weekly.totals.all]), [['PC-MN1', 884_00]]);
  const csv = await tm.get(`${paths.money.financeCsv}?week-day=8&week-month=6&week-year=2022`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines.length, 1 + 4, 'a header and one row per line');
  assert.ok(lines.some((l) => l.includes('Child-care team') && l.includes('CIN-4410') && l.endsWith('146.00')));
  assert.ok(lines.some((l) => l.includes('Skills fee') && l.includes('Fostering budget') && l.endsWith('340.00')));
  const apiCsv = await api('GET', `${paths.api.financeCsv}?week=2022-06-08`, undefined, financeToken);
  assert.equal(apiCsv.statusCode, 200);
  assert.equal(apiCsv.body, csv.body);
  // Before the arrangement began: nothing to pay.
  const empty = FinanceResponse.parse((await api('GET', `${paths.api.finance}?week=2022-05-23`, undefined, financeToken)).json());
  assert.deepEqual(empty.arrangements, []);
  assert.equal((await api('GET', paths.api.finance)).statusCode, 403, "a social worker does not see finance's list");
});
