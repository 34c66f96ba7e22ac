/**
 * Work queues on My work: a submitted request reaches the placement team at once (their queue, the
 * count in the navigation, and an e-mail), emergencies first; a social worker's unfinished requests;
 * a team manager's team's requests waiting. Today is fixed at Monday 2 March 2026.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testWorld, clientsFor, childInserter, type TestWorld } from './helpers.ts';
import { legalStatus, outboundEmail } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import { paths } from '../src/http/paths.ts';
import { QUEUES } from '../src/services/work.ts';

let w: TestWorld;
before(async () => {
  w = await testWorld({ today: '2026-03-02' });
});
after(async () => w.close());

const as = clientsFor(() => w.app);
const ctxOf = (role: Role) => ({ actor: w.users[role] });
const insertChild = childInserter(() => w, (n) => ({ reference: `WQ${String(n).padStart(4, '0')}`, firstName: `Kid${n}`, lastName: 'Queuetest', dateOfBirth: '2014-05-01' }));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

async function completeDraft(basics: { urgency: string; kind: string; neededBy: string }) {
  const kid = await insertChild({ socialWorkerId: w.users.social_worker.userId });
  const ctx = ctxOf('social_worker');
  const r = await w.services.requests.create(ctx, kid.id);
  let v = r.version;
  v = (await w.services.requests.savePage(ctx, r.id, 'basics', v, basics)).version;
  v = (await w.services.requests.savePage(ctx, r.id, 'needs', v, { needTags: ['trauma'], school: 'Testford Primary', schoolPostcode: 'tf1 2ab', keepSchool: true })).version;
  v = (await w.services.requests.savePage(ctx, r.id, 'risks', v, { riskToSelf: 'None known', riskFromOthers: 'None known', riskToOthers: 'None known' })).version;
  v = (await w.services.requests.savePage(ctx, r.id, 'views', v, { childViews: 'Wants to stay at her school' })).version;
  return { kid, id: r.id, reference: r.reference, version: v };
}

test('every role has at least one queue, each with a title and a description', () => {
  for (const role of ['placement_officer', 'social_worker', 'supervising_social_worker', 'iro', 'team_manager'] as const) {
    assert.ok(QUEUES.some((q) => q.roles.includes(role)), role);
  }
  assert.equal(new Set(QUEUES.map((q) => q.id)).size, QUEUES.length, 'ids are unique');
});

test('a submitted request is e-mailed to the placement team and is in their queue at once, emergencies first, counted in the navigation', async () => {
  const planned = await completeDraft({ urgency: 'planned', kind: 'long_term', neededBy: '2026-04-01' });
  const emergency = await completeDraft({ urgency: 'emergency', kind: 'emergency', neededBy: '2026-03-02' });
  const sw = await as('social_worker');

  // Before submitting, both are the social worker's to finish.
  const swPage = text((await sw.get(paths.obligations.myWork)).body);
  assert.match(swPage, new RegExp(`Finish and submit request ${planned.reference}`));
  assert.match(swPage, new RegExp(`Finish and submit request ${emergency.reference}`));

  const po = await as('placement_officer');
  const before = text((await po.get(paths.obligations.myWork)).body);
  assert.match(before, /Placement requests to take 0/);

  await w.services.requests.submit(ctxOf('social_worker'), planned.id, planned.version);
  const res = await sw.post(paths.requests.submit(emergency.id), { version: String(emergency.version) });
  assert.equal(res.statusCode, 303);

  const page = await po.get(paths.obligations.myWork);
  const body = text(page.body);
  assert.match(body, /Placement requests to take 2/);
  const first = body.indexOf(`Take request ${emergency.reference}`);
  const second = body.indexOf(`Take request ${planned.reference}`);
  assert.ok(first >= 0 && second > first, 'the emergency is listed first');
  assert.match(body, /Emergency Take request/);
  assert.match(body, /Needed by 2 March 2026/);
  assert.doesNotMatch(body, /Waiting since \d+ \w+ \d{4} Waiting on/, 'a request to take waits on the placement officer, who is reading');
  assert.match(page.body, /My work <strong class="govuk-tag govuk-tag--blue hearth-nav-count">2<span class="govuk-visually-hidden"> waiting/, 'the count is in the navigation');

  const mails = await w.database.db.select().from(outboundEmail);
  const told = mails.filter((m) => m.relatedId === emergency.id);
  assert.equal(told.length, 1);
  assert.deepEqual(told[0]!.toAddresses, [w.users.placement_officer.email]);
  assert.match(told[0]!.subject, /^EMERGENCY placement request submitted: /);
  assert.ok(mails.some((m) => m.relatedId === planned.id && /^Placement request submitted/.test(m.subject)));

  // Submitted, they leave the social worker's queue; the team manager sees their team's requests waiting.
  assert.doesNotMatch(text((await sw.get(paths.obligations.myWork)).body), /Finish and submit request/);
  const tm = text((await (await as('team_manager')).get(paths.obligations.myWork)).body);
  assert.match(tm, /Your team's requests waiting 2/);
  assert.match(tm, /Waiting on the placement team \(submitted\)/);
});

test('the supervising social worker and the IRO each see their own queues', async () => {
  const ssw = text((await (await as('supervising_social_worker')).get(paths.obligations.myWork)).body);
  assert.match(ssw, /Considerations to record \d+/);
  assert.match(ssw, /Written agreements to request, chase or record \d+/);
  assert.match(ssw, /Meetings to arrange \d+/);
  assert.doesNotMatch(ssw, /Placement requests to take/);
  const iro = text((await (await as('iro')).get(paths.obligations.myWork)).body);
  assert.match(iro, /Looked-after reviews to record \d+/);
});

test("the IRO's reviews to record are those overdue or due within 3 working days; one due later is under their statutory steps, not in the queue or its count", async () => {
  const iroId = w.users.iro.userId;
  // Looked after since 5 January: the first review (20 working days) is overdue. Since today: due in 20 working days.
  const overdue = await insertChild({ firstName: 'Imogen', lastName: 'Reviewdue', iroId });
  const later = await insertChild({ firstName: 'Idris', lastName: 'Reviewlater', iroId });
  await w.database.db.insert(legalStatus).values([
    { childId: overdue.id, code: 'C2', startDate: '2026-01-05' },
    { childId: later.id, code: 'C2', startDate: '2026-03-02' },
  ]);
  const page = await (await as('iro')).get(paths.obligations.myWork);
  const body = text(page.body);
  const queue = body.slice(body.indexOf('Looked-after reviews to record'), body.indexOf('Your statutory steps The statutory steps'));
  assert.match(queue, /Record the review \([^)]*overdue[^)]*\) Imogen Reviewdue/);
  assert.doesNotMatch(queue, /Idris Reviewlater/);
  assert.match(body.slice(body.indexOf('Your statutory steps The statutory steps')), /Idris Reviewlater/, 'the review due later is still listed among the statutory steps');
});
