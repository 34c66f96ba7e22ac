/**
 * Each role's work queue walked in a browser, at a desktop width (1280 CSS px) and a mobile one (390):
 * the person signs in, opens My work from the navigation (behind "Menu" on the narrow screen), finds the
 * items this walk set up in the right queue, most urgent and oldest first, with the count beside "My
 * work"; follows the first to its page, does what it asks, and back on My work sees the item gone and
 * both counts one lower. The placement officer starts matching a submitted request (the emergency
 * first); the supervising social worker records her consideration, and asks for a written agreement and
 * records the answer (the child's social worker is asked meanwhile, on their own My work); the child's
 * social worker finishes and submits a request; the IRO records a looked-after review; the team manager
 * closes an overdue step of her team's; the head of service, whose queue is oversight, sees on whom each
 * proposal waits and opens it. axe-core runs on every page state, an error state included (a form
 * submitted empty once per role that has one), and at 390 px no page state scrolls sideways.
 *
 * The demo authority is loaded for realism, so every queue also holds the demo's own items: the walk
 * finds its own by the names below, and checks the order of the whole queue. What the walk depends on
 * is set up through the services, as the child's allocated social worker or the placement officer
 * would, except the approved households (the shared fixture). */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { appUser } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor, Ctx } from '../src/domain/access/actor.ts';
import { addDays, todayInEngland, type IsoDate } from '../src/domain/dates.ts';
import { createServices } from '../src/services/index.ts';
import { paths } from '../src/http/paths.ts';
import { AxeLog, assertReflows, demoAccount, launchBrowser, RoleBrowsers, serveDemo, type Served } from './browser.ts';
import { approvedHousehold, demoStaff } from './fixtures.ts';
import { errorSummary, fillDate, follow, mainText, path, press, squash } from './forms.ts';

/** The real today: the services run on the clock. */
const TODAY = todayInEngland(new Date());
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

let served: Served;
let browser: Browser;
let roles: RoleBrowsers;
const log = new AxeLog();

/** The children each role's items are about, one for each width: the first is the more urgent. */
const NAMES = {
  placement: [
    { firstName: 'Ottilie', lastName: 'Brackwater' },
    { firstName: 'Caspian', lastName: 'Brackwater' },
  ],
  consideration: [
    { firstName: 'Wren', lastName: 'Pellingham' },
    { firstName: 'Fenwick', lastName: 'Ashgrove' },
  ],
  resident: [
    { firstName: 'Juniper', lastName: 'Holloway' },
    { firstName: 'Alder', lastName: 'Marchbank' },
  ],
  draft: [
    { firstName: 'Linnea', lastName: 'Thornbury' },
    { firstName: 'Rowan', lastName: 'Thornbury' },
  ],
  review: [
    { firstName: 'Maisie', lastName: 'Cardew' },
    { firstName: 'Ezra', lastName: 'Cardew' },
  ],
  overdue: [
    { firstName: 'Isla', lastName: 'Penhallow' },
    { firstName: 'Otto', lastName: 'Penhallow' },
  ],
} as const;
const HOUSEHOLDS = ['HWQ001', 'HWQ002'] as const;
/** Households already proposed for a child, whose child already there needs their social worker's written agreement. */
const AGREEMENTS = [
  { household: 'HWQ004', resident: { firstName: 'Saffron', lastName: 'Lindqvist' }, newcomer: { firstName: 'Bram', lastName: 'Oakhurst' } },
  { household: 'HWQ005', resident: { firstName: 'Tamsin', lastName: 'Corrigan' }, newcomer: { firstName: 'Nell', lastName: 'Oakhurst' } },
] as const;
const fullName = (n: { firstName: string; lastName: string }) => `${n.firstName} ${n.lastName}`;

/** What the setup made: request references and ids, by the names above. */
const made = { requests: new Map<string, { id: string; reference: string }>(), children: new Map<string, string>() };

before(async () => {
  served = await serveDemo({ children: 20, today: TODAY, seed: 43 });
  const db = served.database.db;
  const services = createServices(served.database, { allowDemoAccounts: true, secretKey: 'e'.repeat(40) });
  const staff = await demoStaff(db);
  const actor = async (role: Role): Promise<Ctx> => {
    const [u] = await db.select().from(appUser).where(eq(appUser.email, demoAccount(role).email));
    assert.ok(u, `the demo ${role}`);
    const a: Actor = { userId: u.id, name: u.fullName, email: u.email, role: u.role as Role, organisationId: u.organisationId, teamId: u.teamId };
    return { actor: a };
  };
  const sw = await actor('social_worker');
  const po = await actor('placement_officer');
  const iro = await actor('iro');
  const ssw = await actor('supervising_social_worker');

  /** A child in care allocated to the demo social worker (who writes their records), looked after since `since`. */
  let n = 0;
  const childInCare = async (name: { firstName: string; lastName: string }, since: IsoDate, extra: Record<string, unknown> = {}) => {
    n += 1;
    const c = await services.children.create(sw, {
      ...name,
      dateOfBirth: `201${n % 10}-0${(n % 9) + 1}-1${n % 10}`,
      sex: n % 2 ? 'F' : 'M',
      ethnicity: 'WBRI',
      upn: 'UN1',
      responsibleAuthorityId: staff.home,
      categoryOfNeed: 'N1',
      socialWorkerId: staff.sw.id,
      homePostcode: 'BS37 6AT',
      ...extra,
    });
    await services.children.addLegalStatus(sw, c.id, { code: 'C2', startDate: since });
    made.children.set(fullName(name), c.id);
    return c.id;
  };
  /** The request the child's social worker writes: every page answered, submitted unless `draft`. */
  const request = async (childId: string, basics: { urgency: 'emergency' | 'planned'; neededBy: IsoDate }, opts: { draft?: 'complete' | 'no views' } = {}) => {
    const r = await services.requests.create(sw, childId);
    let v = r.version;
    v = (await services.requests.savePage(sw, r.id, 'basics', v, { ...basics, kind: 'short_term' })).version;
    v = (await services.requests.savePage(sw, r.id, 'needs', v, { health: 'None known', needTags: [], firstLanguage: 'English' })).version;
    v = (await services.requests.savePage(sw, r.id, 'risks', v, { riskToSelf: 'None known', riskFromOthers: 'None known', riskToOthers: 'None known' })).version;
    if (opts.draft !== 'no views') v = (await services.requests.savePage(sw, r.id, 'views', v, { childViews: 'Would like to keep going to the same school' })).version;
    if (!opts.draft) await services.requests.submit(sw, r.id, v);
    return { ...r, version: v };
  };
  const remember = (name: { firstName: string; lastName: string }, r: { id: string; reference: string }) => made.requests.set(fullName(name), { id: r.id, reference: r.reference });

  // The placement officer's queue: an emergency needed today, then a planned request needed in a fortnight.
  const [p1, p2] = NAMES.placement;
  remember(p1, await request(await childInCare(p1, addDays(TODAY, -2)), { urgency: 'emergency', neededBy: TODAY }));
  remember(p2, await request(await childInCare(p2, addDays(TODAY, -2)), { urgency: 'planned', neededBy: addDays(TODAY, 14) }));

  // The supervising social worker's: two of her households, each with a child living there, proposed for a new child.
  for (const [i, ref] of HOUSEHOLDS.entries()) {
    const householdId = await approvedHousehold(db, staff, { reference: ref, addressLine1: `${i + 3} Sedge Lane`, carer: { firstName: 'Marlo', lastName: `Quince${i}` } }, { approvedChildren: 3 });
    const resident = await childInCare(NAMES.resident[i]!, '2025-02-03');
    await services.placements.recordPast(po, { childId: resident, householdId, startDate: '2025-02-03', placementType: 'U3', status: 'active', kind: 'short_term', recordedLateReason: 'Recorded from the paper file' });
    const newcomer = NAMES.consideration[i]!;
    const r = await request(await childInCare(newcomer, addDays(TODAY, -1)), { urgency: 'planned', neededBy: addDays(TODAY, 7 + 7 * i) });
    remember(newcomer, r);
    const current = await services.requests.get(po, r.id);
    await services.requests.startMatching(po, r.id, current.version);
    await services.proposals.createProposal(po, r.id, householdId);
  }

  // The supervising social worker's agreements to request: two households proposed after both considerations.
  for (const [i, a] of AGREEMENTS.entries()) {
    const householdId = await approvedHousehold(db, staff, { reference: a.household, addressLine1: `${i + 12} Sedge Lane`, carer: { firstName: 'Perrin', lastName: `Vale${i}` } }, { approvedChildren: 3 });
    const resident = await childInCare(a.resident, '2024-06-03');
    await services.placements.recordPast(po, { childId: resident, householdId, startDate: '2024-06-03', placementType: 'U3', status: 'active', kind: 'short_term', recordedLateReason: 'Recorded from the paper file' });
    const neededBy = addDays(TODAY, 21 + 7 * i);
    const r = await request(await childInCare(a.newcomer, addDays(TODAY, -1)), { urgency: 'planned', neededBy });
    await services.requests.startMatching(po, r.id, (await services.requests.get(po, r.id)).version);
    const { id } = await services.proposals.createProposal(po, r.id, householdId);
    await services.proposals.consider(po, id, { existingChildId: resident, servesWellbeing: 'yes', reasoning: 'Settled; there is room to share' });
    await services.proposals.consider(ssw, id, { existingChildId: resident, servesWellbeing: 'yes', reasoning: 'Discussed with the carers' });
    await services.proposals.propose(po, id, (await services.proposals.get(po, id)).p.version, { proposedStart: neededBy });
  }

  // The child's social worker's: two drafts, the sooner needed one without the child's views yet.
  const [d1, d2] = NAMES.draft;
  remember(d1, await request(await childInCare(d1, addDays(TODAY, -1)), { urgency: 'planned', neededBy: addDays(TODAY, 10) }, { draft: 'no views' }));
  remember(d2, await request(await childInCare(d2, addDays(TODAY, -1)), { urgency: 'planned', neededBy: addDays(TODAY, 20) }, { draft: 'complete' }));

  // The IRO's: two children she reviews, looked after long enough for their first review to be due.
  const iroId = iro.actor!.userId;
  await childInCare(NAMES.review[0], addDays(TODAY, -40), { iroId });
  await childInCare(NAMES.review[1], addDays(TODAY, -30), { iroId });

  // The team manager's: two children of her team's social worker, placed weeks ago with the first steps not done.
  const third = await approvedHousehold(db, staff, { reference: 'HWQ003', addressLine1: '9 Sedge Lane', carer: { firstName: 'Marlo', lastName: 'Quince' } }, { approvedChildren: 3 });
  for (const [i, name] of NAMES.overdue.entries()) {
    const since = addDays(TODAY, -70 + 10 * i);
    await services.placements.recordPast(po, { childId: await childInCare(name, since), householdId: third, startDate: since, placementType: 'U3', status: 'active', kind: 'short_term', recordedLateReason: 'Recorded from the paper file' });
  }

  browser = await launchBrowser();
  roles = new RoleBrowsers(
    () => browser,
    () => served.base,
  );
});

after(async () => {
  await roles?.close();
  await browser?.close();
  await served?.close();
});

// ---- What every walk does on My work ----------------------------------------------------------

const myWorkLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^My work/, includeHidden: true }).first();

/** The number beside "My work" in the navigation (none shown is 0). */
async function navCount(page: Page): Promise<number> {
  const text = squash((await myWorkLink(page).textContent()) ?? '');
  const m = /(\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** A queue on My work: its region, named by its heading (the title and the count). */
const queue = (page: Page, title: string): Locator => page.getByRole('region', { name: new RegExp(`^${title.replace(/[()'’]/g, '.')}`) });

/** The queue's own count, in its heading. */
async function queueCount(page: Page, title: string): Promise<number> {
  const heading = squash(await queue(page, title).getByRole('heading').first().innerText());
  const m = /(\d+)$/.exec(heading);
  assert.ok(m, `the queue heading shows a count: ${heading}`);
  return Number(m[1]);
}

type ListedItem = { text: string; urgent: boolean; neededBy: number | null; since: number };
const dayOf = (s: string) => Date.parse(`${s} UTC`);

/** The items a queue lists, in the page's order, as text and the facts the order depends on. */
async function queueItems(page: Page, title: string): Promise<ListedItem[]> {
  const texts = await queue(page, title).getByRole('listitem').allInnerTexts();
  return texts.map((t) => {
    const text = squash(t);
    const needed = /Needed by (\d{1,2} \w+ \d{4})/.exec(text);
    const since = /Waiting since (\d{1,2} \w+ \d{4})/.exec(text);
    assert.ok(since, `each item says how long it has waited: ${text}`);
    return { text, urgent: /^(Emergency|Overdue) /.test(text), neededBy: needed ? dayOf(needed[1]!) : null, since: dayOf(since[1]!) };
  });
}

/** Most urgent and oldest first: emergencies and overdue steps, then the soonest needed, then the longest waiting. */
function assertInQueueOrder(items: ListedItem[], title: string): void {
  for (let i = 1; i < items.length; i += 1) {
    const [a, b] = [items[i - 1]!, items[i]!];
    const order = `${title}: "${a.text}" is listed before "${b.text}"`;
    if (a.urgent !== b.urgent) {
      assert.ok(a.urgent, order);
      continue;
    }
    if (a.neededBy !== b.neededBy) {
      assert.ok(b.neededBy === null || (a.neededBy !== null && a.neededBy < b.neededBy), order);
      continue;
    }
    assert.ok(a.since <= b.since, order);
  }
}

/** Runs axe on the page state and, at the mobile width, checks it does not scroll sideways. */
async function check(page: Page, label: string): Promise<void> {
  await log.check(page, label);
  if ((page.viewportSize()?.width ?? 0) < 400) await assertReflows(page, label);
}

/**
 * The navigation's "Menu" button on a narrow screen, once the menu's script has taken the narrow layout:
 * its aria-expanded says whether the menu is open (on a wide screen the button is hidden and has none).
 */
const menuButton = (page: Page, expanded: boolean) => page.getByRole('banner').getByRole('button', { name: 'Menu', expanded });

/** Below GOV.UK's tablet breakpoint (40.0625em) the navigation is behind "Menu". */
const isNarrow = (page: Page) => (page.viewportSize()?.width ?? 0) < 641;

/**
 * Waits for the navigation to have taken the layout of the window's width. When the window narrows,
 * the menu's script hides the menu only once the browser reports the media query's change: until then
 * the links still show, and a click aimed at one lands on whatever is beneath once the menu is hidden
 * (no navigation follows). So the walk waits for the state, never for a time.
 */
async function navigationSettled(page: Page): Promise<void> {
  if (isNarrow(page)) await menuButton(page, false).or(menuButton(page, true)).waitFor();
  else await page.getByRole('banner').getByRole('button', { name: 'Menu' }).waitFor({ state: 'hidden' });
}

/** Opens My work from the navigation, as a person would: on a narrow screen the navigation is behind "Menu". */
async function goToMyWork(page: Page): Promise<void> {
  await navigationSettled(page);
  if (isNarrow(page)) {
    if (await menuButton(page, false).isVisible()) await menuButton(page, false).click();
    await menuButton(page, true).waitFor();
  }
  const link = myWorkLink(page);
  await link.waitFor({ state: 'visible' });
  const [res] = await Promise.all([page.waitForNavigation(), link.click()]);
  assert.equal(res?.status(), 200);
  assert.equal(path(page), paths.obligations.myWork);
}

type Before = { nav: number; queue: number };

/**
 * Opens My work and finds the queue listing, in order, an item for each of `expected` (texts each item
 * must contain) with the navigation's count; returns the counts.
 */
async function openMyWork(page: Page, label: string, title: string, expected: readonly (string | RegExp)[]): Promise<Before> {
  await goToMyWork(page);
  await check(page, `${label}: My work`);
  const items = await queueItems(page, title);
  assertInQueueOrder(items, title);
  const at = expected.map((e) => items.findIndex((i) => (typeof e === 'string' ? i.text.includes(e) : e.test(i.text))));
  assert.ok(at.every((i) => i >= 0), `${label}: "${title}" lists ${expected.join(' and ')}:\n${items.map((i) => i.text).join('\n')}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, `${label}: listed in the order ${expected.join(', ')}`);
  const nav = await navCount(page);
  const own = await queueCount(page, title);
  assert.ok(own >= items.length, `${label}: the queue's count (${own}) covers the ${items.length} items listed`);
  assert.ok(nav >= own && own > 0, `${label}: the navigation counts what waits (${nav}), this queue's ${own} among it`);
  return { nav, queue: own };
}

/** Back on My work: the item is gone and both counts are one lower. */
async function assertDone(page: Page, label: string, title: string, gone: (text: string) => boolean, was: Before): Promise<void> {
  await goToMyWork(page);
  await check(page, `${label}: My work after`);
  const items = await queueItems(page, title);
  assert.ok(!items.some((i) => gone(i.text)), `${label}: the item done has left "${title}":\n${items.map((i) => i.text).join('\n')}`);
  assert.equal(await queueCount(page, title), was.queue - 1, `${label}: the queue's count dropped`);
  assert.equal(await navCount(page), was.nav - 1, `${label}: the navigation's count dropped`);
}

/** Follows the queue's item for `subject` (the link is its action). */
async function openItem(page: Page, title: string, subject: string): Promise<void> {
  const item = queue(page, title).getByRole('listitem').filter({ hasText: subject }).first();
  const [res] = await Promise.all([page.waitForNavigation(), item.getByRole('link').first().click()]);
  assert.ok(res && res.status() < 400, `${subject}'s item opened ${page.url()} (${res?.status()})`);
}

async function atWidth(role: Role, w: (typeof WIDTHS)[number]): Promise<Page> {
  const page = await roles.page(role);
  await page.setViewportSize({ width: w.width, height: w.height });
  await navigationSettled(page);
  return page;
}

// ---- The walks ---------------------------------------------------------------------------------

test("the placement officer takes the submitted requests, the emergency first, and each leaves the queue once matching starts", async () => {
  const title = 'Placement requests to take';
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('placement_officer', w);
    const label = `placement officer (${w.name})`;
    const mine = NAMES.placement.slice(i).map((c) => `Take request ${made.requests.get(fullName(c))!.reference}`);
    const was = await openMyWork(page, label, title, mine);
    if (i === 0) assert.match((await queueItems(page, title)).find((x) => x.text.includes(mine[0]!))!.text, /^Emergency /, 'the emergency is marked');
    const child = fullName(NAMES.placement[i]!);
    await openItem(page, title, child);
    assert.equal(path(page), paths.requests.show(made.requests.get(child)!.id));
    await check(page, `${label}: request`);
    assert.equal(await press(page, 'Start matching'), 200);
    assert.equal(path(page), paths.requests.matching(made.requests.get(child)!.id));
    assert.match(await mainText(page), new RegExp(`Matching for ${child}`));
    await check(page, `${label}: matching`);
    await assertDone(page, label, title, (t) => t.includes(mine[0]!), was);
    if (i === 0) {
      // The other queue: a proposal waiting on someone, opened; its consideration form sent empty is refused and changes nothing.
      const waiting = 'Proposals waiting on someone';
      const counts = { nav: await navCount(page), queue: await queueCount(page, waiting) };
      await openItem(page, waiting, fullName(NAMES.consideration[0]));
      assert.match(path(page), /^\/proposals\//);
      await check(page, `${label}: proposal`);
      await page.getByText('Record your consideration', { exact: true }).click();
      assert.equal(await press(page, 'Record consideration'), 400);
      assert.match(await errorSummary(page), /There is a problem/);
      await check(page, `${label}: consideration (errors)`);
      await goToMyWork(page);
      assert.deepEqual({ nav: await navCount(page), queue: await queueCount(page, waiting) }, counts, 'nothing changed');
    }
  }
});

test('the head of service sees the proposals waiting on someone, with on whom, and opens each from My work', async () => {
  const title = 'Proposals waiting on someone';
  const ssw = demoAccount('supervising_social_worker').name;
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('head_of_service', w);
    const label = `head of service (${w.name})`;
    // Oversight, not a task: the queue does not change by looking, so each width opens one of the two.
    await openMyWork(page, label, title, HOUSEHOLDS.map((h) => `household ${h}`));
    const items = await queueItems(page, title);
    for (const h of HOUSEHOLDS) {
      const item = items.find((x) => x.text.includes(`household ${h}`))!;
      assert.match(item.text, new RegExp(`Waiting on the supervising social worker, ${ssw}: consideration of the children already there`), `${label}: on whom ${h}'s proposal waits`);
    }
    const newcomer = fullName(NAMES.consideration[i]!);
    await openItem(page, title, newcomer);
    assert.match(path(page), /^\/proposals\//);
    assert.match(await mainText(page), new RegExp(HOUSEHOLDS[i]!));
    await check(page, `${label}: proposal`);
  }
});

test('the supervising social worker records her consideration of each household proposed, from My work', async () => {
  const title = 'Considerations to record';
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('supervising_social_worker', w);
    const label = `supervising social worker (${w.name})`;
    const mine = HOUSEHOLDS.slice(i).map((h) => `Record your consideration: household ${h}`);
    const was = await openMyWork(page, label, title, mine);
    const newcomer = fullName(NAMES.consideration[i]!);
    await openItem(page, title, newcomer);
    assert.match(path(page), /^\/proposals\//);
    await check(page, `${label}: proposal`);
    await page.getByText('Record your consideration', { exact: true }).click();
    if (i === 0) {
      // Submitted with nothing chosen: the error summary, the form kept open, nothing recorded.
      assert.equal(await press(page, 'Record consideration'), 400);
      assert.match(await errorSummary(page), /There is a problem/);
      await check(page, `${label}: consideration (errors)`);
    }
    const select = page.getByLabel('Child already living with the carers');
    const resident = fullName(NAMES.resident[i]!);
    await select.selectOption({ value: (await select.getByRole('option', { name: new RegExp(resident) }).getAttribute('value'))! });
    await page.getByRole('group', { name: /serve the well-being/ }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('Your reasoning').fill(`${resident} has settled and the carers have room and time for a second child.`);
    assert.equal(await press(page, 'Record consideration'), 200);
    await check(page, `${label}: proposal (consideration recorded)`);
    assert.match(await mainText(page), new RegExp(resident));
    await assertDone(page, label, title, (t) => t.includes(mine[0]!), was);
  }
});

test("the supervising social worker requests each written agreement, then records the answer, from My work; the child's social worker is asked meanwhile", async () => {
  const title = 'Written agreements to request, chase or record';
  const asked = 'Written agreements asked of you';
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('supervising_social_worker', w);
    const label = `supervising social worker, agreements (${w.name})`;
    const a = AGREEMENTS[i]!;
    const resident = fullName(a.resident);
    const was = await openMyWork(page, label, title, AGREEMENTS.slice(i).map((x) => `Request written agreement: household ${x.household}`));
    await openItem(page, title, resident);
    assert.match(path(page), /^\/proposals\//);
    const proposal = path(page);
    await check(page, `${label}: proposal`);
    assert.equal(await follow(page, 'Send request'), 200);
    await check(page, `${label}: ask for written agreement`);
    if (i === 0) {
      assert.equal(await press(page, 'Send the request'), 400);
      assert.match(await errorSummary(page), /There is a problem/);
      await check(page, `${label}: ask for written agreement (errors)`);
    }
    await page.getByRole('checkbox', { name: /I have read the summary/ }).check();
    assert.equal(await press(page, 'Send the request'), 200);
    assert.equal(path(page), proposal);
    await check(page, `${label}: proposal (agreement requested)`);

    // Requested: the item now waits on the child's social worker, who is asked on their own My work.
    await openMyWork(page, `${label}, requested`, title, [new RegExp(`^Chase or record the answer.*household ${a.household}.*Waiting on the child's social worker, ${demoAccount('social_worker').name}`)]);
    const sw = await atWidth('social_worker', w);
    await openMyWork(sw, `child's social worker, asked (${w.name})`, asked, [`Give or refuse written agreement: household ${a.household}`]);

    // The answer arrives in writing: recorded, the item leaves the queue.
    await openItem(page, title, resident);
    assert.equal(await follow(page, 'Record an answer received'), 200);
    await check(page, `${label}: record the answer`);
    await page.getByRole('radio', { name: 'Agreed' }).check();
    await fillDate(page, 'respondedOn', TODAY);
    await page.getByLabel('Name of the person who answered').fill(demoAccount('social_worker').name);
    await page.getByLabel('Their role and authority').fill("Child's social worker, this authority");
    await page.getByLabel('Text of the letter or e-mail').fill(`I agree to the placement of another child with the carers of ${a.resident.firstName}.`);
    assert.equal(await press(page, 'Record'), 200);
    assert.equal(path(page), proposal);
    await check(page, `${label}: proposal (agreement recorded)`);
    await assertDone(page, label, title, (t) => t.includes(`household ${a.household}`), was);
    await goToMyWork(sw);
    assert.ok(!(await queueItems(sw, asked)).some((x) => x.text.includes(`household ${a.household}`)), "the child's social worker is no longer asked");
  }
});

test("the child's social worker finishes and submits the requests she started, from My work", async () => {
  const title = 'Placement requests to finish';
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('social_worker', w);
    const label = `child's social worker (${w.name})`;
    const mine = NAMES.draft.slice(i).map((c) => `Finish and submit request ${made.requests.get(fullName(c))!.reference}`);
    const was = await openMyWork(page, label, title, mine);
    const child = fullName(NAMES.draft[i]!);
    const id = made.requests.get(child)!.id;
    await openItem(page, title, child);
    assert.equal(path(page), paths.requests.show(id));
    await check(page, `${label}: draft request`);
    if (i === 0) {
      // The child's views are not written yet: continuing goes to that page, which may be left for later;
      // submitting without them is refused with the error summary, and nothing is submitted.
      assert.equal(await press(page, 'Continue the request'), 200);
      assert.equal(path(page), paths.requests.page(id, 'views'));
      await check(page, `${label}: request, the child's views`);
      assert.equal(await press(page, 'Save and continue'), 200);
      assert.equal(path(page), paths.requests.check(id));
      assert.equal(await press(page, 'Submit request'), 400);
      assert.match(await errorSummary(page), /There is a problem.*child's views/);
      await check(page, `${label}: check answers (errors)`);
      assert.equal(await follow(page, /Change.*views/i), 200);
      assert.equal(path(page), paths.requests.page(id, 'views'));
      await page.getByLabel(`What ${NAMES.draft[i]!.firstName} wants from their new home`).fill('Wants to live near her grandmother and keep her dog if she can');
      assert.equal(await press(page, 'Save and continue'), 200);
    } else {
      assert.equal(await press(page, 'Continue the request'), 200);
    }
    assert.equal(path(page), paths.requests.check(id));
    await check(page, `${label}: check answers`);
    assert.equal(await press(page, 'Submit request'), 200);
    assert.equal(path(page), paths.requests.show(id));
    assert.match(await mainText(page), /submitted/i);
    await check(page, `${label}: request submitted`);
    await assertDone(page, label, title, (t) => t.includes(mine[0]!), was);
  }
});

test('the IRO records the looked-after reviews due, from My work', async () => {
  const title = 'Looked-after reviews to record';
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('iro', w);
    const label = `IRO (${w.name})`;
    const mine = NAMES.review.slice(i).map(fullName);
    const was = await openMyWork(page, label, title, mine);
    const child = mine[0]!;
    await openItem(page, title, child);
    assert.equal(path(page), paths.obligations.newReview(made.children.get(child)!));
    await check(page, `${label}: record a review`);
    if (i === 0) {
      assert.equal(await press(page, 'Record the review'), 400);
      assert.match(await errorSummary(page), /There is a problem/);
      await check(page, `${label}: record a review (errors)`);
    }
    await fillDate(page, 'eventDate', addDays(TODAY, -1));
    await page.getByRole('radio', { name: /^PN1/ }).check();
    await page.getByLabel('Decisions made at the review').fill('The plan for long-term fostering stands; the social worker to arrange contact with her brother monthly.');
    await page.getByRole('checkbox', { name: /Delegated authority/ }).check();
    await page.getByRole('checkbox', { name: 'The placement plan' }).check();
    await page.getByRole('group', { name: 'Did the foster carers attend?' }).getByRole('radio').first().check();
    await page.getByRole('group', { name: "Did the child's keyworker attend?" }).getByRole('radio').first().check();
    assert.equal(await press(page, 'Record the review'), 200);
    assert.equal(path(page), paths.children.show(made.children.get(child)!));
    await check(page, `${label}: child after the review`);
    await assertDone(page, label, title, (t) => t.includes(child), was);
  }
});

test("the team manager closes an overdue step of her team's, opened from My work", async () => {
  const title = "Your team's overdue items";
  for (const [i, w] of WIDTHS.entries()) {
    const page = await atWidth('team_manager', w);
    const label = `team manager (${w.name})`;
    const children = NAMES.overdue.slice(i).map(fullName);
    const was = await openMyWork(page, label, title, children);
    const child = children[0]!;
    const item = (await queueItems(page, title)).find((x) => x.text.includes(child))!;
    const action = /^(?:Overdue )?(.+?) \(/.exec(item.text)![1]!;
    await openItem(page, title, child);
    assert.equal(path(page), paths.children.show(made.children.get(child)!));
    await check(page, `${label}: child`);
    const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: new RegExp(`^Close.*${action.replace(/[()]/g, '.')}`) }).first().click()]);
    assert.equal(res?.status(), 200);
    await check(page, `${label}: close an obligation`);
    if (i === 0) {
      assert.equal(await press(page, 'Close the obligation'), 400);
      assert.match(await errorSummary(page), /There is a problem/);
      await check(page, `${label}: close an obligation (errors)`);
    }
    await page.getByRole('radio', { name: /^Missed/ }).check();
    await page.getByLabel('Reason').fill('The child moved before it could be done; the next one is booked.');
    assert.equal(await press(page, 'Close the obligation'), 200);
    await check(page, `${label}: child after closing`);
    await assertDone(page, label, title, (t) => t.includes(child) && t.includes(action), was);
  }
});

test('every page state walked is free of axe violations', () => {
  assert.ok(log.seen.size >= 40, `page states checked: ${log.seen.size}`);
  log.assertClean();
  for (const [role, errors] of roles.scriptErrors(/status of 400/)) assert.deepEqual(errors, [], `${role}'s script errors`);
});
