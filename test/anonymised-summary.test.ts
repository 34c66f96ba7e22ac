/**
 * The anonymised summary of a proposed child, as the supervising social worker previews it and as
 * it is sent, filed and shown through the secure link: none of the names the child's record holds
 * (the child's, their nicknames and previous names, their family members', a linked sibling's and
 * theirs), nor any first name or surname of them, appears in it (the procedure "Concurrent Placement
 * Agreement": "ensuring that every detail is fully anonymised"; docs/rules/anonymised-summary.md).
 *
 * Set up as test/proposals.test.ts sets up a proposal.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { childInserter, clientsFor, testWorld, type TestWorld } from './helpers.ts';
import { externalContact, household, householdDocument, householdMember, legalStatus, organisation, outboundEmail, placement, placementRequest, siblingLink } from '../src/data/schema.ts';
import { addDays, todayInEngland } from '../src/domain/dates.ts';
import { siblingPair } from '../src/domain/records/child.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { paths } from '../src/http/paths.ts';

/** The real today: agreement requests are stamped with the clock. */
const TODAY = todayInEngland(new Date());
const START = addDays(TODAY, 7);

let w: TestWorld;
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const ids = { hh: '', theirs: '', newChild: '', request: '' };

/** A child row put straight into the table (the children service is not under test here). */
const insertChild = childInserter(() => w, (n) => ({ reference: `AS${n}`, firstName: `Kid${n}`, lastName: 'Summary', dateOfBirth: '2013-03-03', upn: `B${String(100000000000 + n)}` }));

/** Every name on the records, and each first name and surname in it: none may reach the summary. */
const NEVER = [
  'Zephyrine', 'Quarshie', 'Zeph', 'Abernathy', // the child, her nickname and previous name
  'Henrietta', 'Vance', 'Oluwadamilare', 'Perpetua', // her family
  'Kwesi', 'Kiki', 'Bartholomew', 'Okoro', // her brother (linked), his nickname and his father
  'Efua', 'Fifi', // her sister (linked), and her nickname
];

/** Free text as a social worker writes it, naming them all, in several ways. */
const NOTE =
  "Zeph's asthma is managed by her mum Henrietta Abernathy-Vance; Mrs VANCE brings the inhaler. " +
  'Mr Oluwadamilare Quarshie (dad) and Nana Perpetua visit weekly; the Quarshies are close. ' +
  "She was Zephyrine Abernathy until 2022. Kiki (Kwesi) misses her; Bartholomew Okoro's visits upset him. Fifi, that is Efua, rings.";

before(async () => {
  w = await testWorld({ today: TODAY });
  const db = w.database.db;
  const [other] = await db.insert(organisation).values({ kind: 'local_authority', name: 'Otherborough Council', laCode: '993' }).returning();
  const [contact] = await db
    .insert(externalContact)
    .values({ fullName: 'Remi Other', role: 'Social worker', organisationId: other!.id, organisationName: 'Otherborough Council', email: 'remi.other@otherborough.test' })
    .returning();
  const [h] = await db
    .insert(household)
    .values({
      reference: 'HAS1',
      addressLine1: '3 Test Row',
      town: 'Testford',
      postcode: 'TF1 1AD',
      fosteringServiceId: w.laId,
      supervisingSocialWorkerId: w.users.supervising_social_worker.userId,
      approvalStatus: 'approved',
      approvalDate: '2020-01-01',
      approvedChildren: 3,
      ageMin: 0,
      ageMax: 17,
      placementKinds: ['short_term', 'long_term'],
      skillLevel: 2,
    })
    .returning();
  ids.hh = h!.id;
  await db.insert(householdMember).values({ householdId: h!.id, kind: 'carer', firstName: 'Jo', lastName: 'Carer', position: 1, email: 'jo.carer@example.test' });
  // A child of another authority already lives there: their social worker is asked for agreement.
  const theirs = await insertChild({ firstName: 'Tam', responsibleAuthorityId: other!.id, socialWorkerId: null, externalSocialWorkerId: contact!.id });
  ids.theirs = theirs.id;
  await db.insert(legalStatus).values({ childId: theirs.id, code: 'C2', startDate: '2025-01-06' });
  await db.insert(placement).values({ childId: theirs.id, householdId: h!.id, startDate: '2025-01-06', placementType: 'U3', status: 'active', kind: 'short_term' });

  // The proposed child, recorded through the children service with her other names and family.
  const newChild = await w.services.children.create(ctx('social_worker'), {
    firstName: 'Zephyrine',
    lastName: 'Quarshie',
    dateOfBirth: '2015-09-09',
    sex: 'F',
    ethnicity: 'BAFR',
    upn: 'UN4',
    responsibleAuthorityId: w.laId,
    socialWorkerId: w.users.social_worker.userId,
    categoryOfNeed: 'N1',
    otherNames: [
      { name: 'Zeph', kind: 'nickname' },
      { name: 'Zephyrine Abernathy', kind: 'previous' },
    ],
    familyMembers: [
      { name: 'Henrietta Abernathy-Vance', relationship: 'mother' },
      { name: 'Oluwadamilare Quarshie', relationship: 'father' },
      { name: 'Perpetua Quarshie', relationship: 'paternal grandmother' },
    ],
  });
  ids.newChild = newChild.id;
  await db.insert(legalStatus).values({ childId: newChild.id, code: 'C2', startDate: TODAY });
  // Her brother and sister, linked as siblings but not placed with her: their names and their family's too.
  // A link is stored with the smaller id first: the brother's id is before hers, the sister's after.
  const brother = await insertChild({
    id: '00000000-0000-4000-8000-000000000001',
    firstName: 'Kwesi',
    lastName: 'Quarshie',
    otherNames: [{ name: 'Kiki', kind: 'nickname' }],
    familyMembers: [{ name: 'Bartholomew Okoro', relationship: 'father' }],
  });
  const sister = await insertChild({ id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', firstName: 'Efua', lastName: 'Quarshie', otherNames: [{ name: 'Fifi', kind: 'nickname' }] });
  for (const sibling of [brother, sister]) await db.insert(siblingLink).values(siblingPair(newChild.id, sibling.id));

  const [r] = await db
    .insert(placementRequest)
    .values({
      reference: 'PRAS1',
      childId: newChild.id,
      status: 'matching',
      urgency: 'planned',
      kind: 'short_term',
      neededBy: START,
      needs: { health: NOTE, culture: NOTE, needTags: [] },
      risks: { riskToSelf: NOTE, riskFromOthers: 'None known', riskToOthers: 'None known' },
      childViews: { childViews: NOTE },
    })
    .returning();
  ids.request = r!.id;
});
after(async () => w.close());

const s = () => w.services.proposals;

function assertAnonymous(where: string, text: string) {
  for (const name of NEVER) assert.ok(!text.toLowerCase().includes(name.toLowerCase()), `${where} leaks "${name}": ${text}`);
}

test('the preview, the e-mail, the filed copy and the secure link show none of the names on the records, nor any part of one', async () => {
  const db = w.database.db;
  const { id } = await s().createProposal(ctx('placement_officer'), ids.request, ids.hh);
  for (const role of ['placement_officer', 'supervising_social_worker'] as const) {
    await s().consider(ctx(role), id, { existingChildId: ids.theirs, servesWellbeing: 'yes', reasoning: 'Settled; room to share' });
  }
  let v = await s().get(ctx('placement_officer'), id);
  await s().propose(ctx('placement_officer'), id, v.p.version, { proposedStart: START });
  v = await s().get(ctx('placement_officer'), id);
  const requirement = v.requirements.find((r) => r.existingChildId === ids.theirs);
  assert.ok(requirement, 'an agreement is needed from the social worker of the child already there');

  // The preview the supervising social worker reads before sending.
  const preview = await s().agreementPreview(ctx('supervising_social_worker'), requirement.id);
  assertAnonymous('the preview', preview.summary);
  // The text itself is still there, with the names taken out.
  assert.match(preview.summary, /asthma is managed by her mum \[removed\]/);
  assert.match(preview.summary, /\(dad\) and Nana \[removed\] visit weekly; the \[removed\] are close/);

  // The preview page.
  const ssw = await clientsFor(() => w.app)('supervising_social_worker');
  const page = await ssw.get(paths.agreements.request(requirement.id));
  assert.equal(page.statusCode, 200);
  const shown = page.body.indexOf('What they will see');
  assert.ok(shown > 0, 'the page shows what the other social worker will see');
  assertAnonymous('the preview page', page.body.slice(shown));

  // Sent: the e-mail (as in the outbox and as sent), the copy on the carers' file and the secure link.
  await s().requestAgreement(ctx('supervising_social_worker'), requirement.id, requirement.version, { confirm: 'yes' });
  const sent = await db.select().from(outboundEmail).where(eq(outboundEmail.relatedId, requirement.id));
  assert.ok(sent.length >= 1, 'the request is e-mailed');
  for (const m of sent) {
    assertAnonymous('the e-mail subject', m.subject);
    assertAnonymous('the e-mail', m.bodyText);
    if (m.bodySecret) assertAnonymous('the e-mail as sent', m.bodySecret);
  }
  const filed = await db.select().from(householdDocument).where(eq(householdDocument.relatedId, requirement.id));
  assert.ok(filed.length >= 1, 'the request is filed on the carers’ file');
  for (const d of filed) {
    assertAnonymous('the filed copy’s title', d.title);
    assertAnonymous('the filed copy', new TextDecoder().decode(d.content));
  }
  const token = sent.map((m) => /\/agreement\/([A-Za-z0-9_-]+)/.exec(m.bodySecret ?? m.bodyText)?.[1]).find(Boolean);
  assert.ok(token, 'the e-mail as sent carries the secure link');
  const seen = await s().viewLink({ actor: null }, token);
  assert.ok(seen);
  assertAnonymous('the secure link page', seen.summary);
});
