import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoData } from './generate.ts';
import { planningRecordsFrom } from './planning.ts';
import { stabilityRecordsFrom } from './stability.ts';
import { completionProblems, parseDraft } from '../domain/planning/content.ts';
import { placementSupportMeeting } from '../domain/deadlines/stability.ts';
import { englandAndWales } from '../domain/calendar/index.ts';
import type { ChildFacts } from '../domain/deadlines/types.ts';

const TODAY = '2026-11-25';
const d = generateDemoData({ children: 400, seed: 20260401, today: TODAY });
const r = stabilityRecordsFrom(d, planningRecordsFrom(d));

test('the demo shows placement stability at work: concerns, a meeting held with the support plan reviewed at it, and one due', () => {
  assert.ok(r.concerns.length >= 3, `${r.concerns.length} concerns`);
  assert.deepEqual(new Set(r.concerns.map((c) => c.seriousness)), new Set(['low', 'medium', 'high']));
  assert.ok(r.concerns.some((c) => c.raisedByRole === 'virtual_school') && r.concerns.some((c) => c.raisedByRole === 'foster_carer'));
  for (const c of r.concerns) assert.equal(r.events.find((e) => e.id === c.eventId)?.kind, 'placement_concern');

  const psm = r.planning.documents.filter((doc) => doc.kind === 'psm');
  assert.deepEqual(psm.map((doc) => doc.issuedVersion).sort(), [0, 1], 'one meeting held, one being arranged');
  const held = r.planning.versions.find((v) => v.documentId === psm.find((doc) => doc.issuedVersion === 1)?.id);
  assert.ok(held);
  const reviewed = r.planning.versions.find((v) => v.id === held.reviewedVersionId);
  assert.equal(reviewed?.number, 2, 'the support plan version 2 was reviewed at it');
  const parsed = parseDraft('psm', held.content);
  assert.deepEqual(parsed.problems, []);
  const latestSupportPlan = { number: 2, completedOn: reviewed.completedOn, reviewedAtEarlierMeeting: false };
  assert.deepEqual(completionProblems('psm', parsed.content, { today: TODAY, delegatedAuthorityCompleted: true, meetingHeldOn: null, extraFocusReasons: [], latestSupportPlan }), []);
  assert.ok(r.planning.tasks.some((t) => t.sourceVersionId === held.id), 'its actions are tasks');

  // The obligations the demo's events give: the meeting held on time, and one due.
  const statuses = psm.map((doc) => {
    const p = d.placements.find((x) => x.id === doc.placementId)!;
    const facts: ChildFacts = {
      childId: p.childId,
      dateOfBirth: '2015-01-01',
      legalStatuses: [],
      placements: [{ id: p.id, householdId: p.householdId, start: p.startDate, end: null }],
      events: r.events.filter((e) => e.placementId === p.id).map((e) => ({ kind: e.kind, date: e.eventDate, placementId: e.placementId })),
    };
    return placementSupportMeeting.derive(facts, englandAndWales).map((i) => (i.completedOn ? 'held' : 'due'));
  });
  assert.deepEqual(statuses.flat().sort(), ['due', 'held']);
});

test('the demo Virtual School has named contacts, and consultations on the children of the placements under strain', () => {
  assert.equal(r.virtualSchool.kind, 'virtual_school');
  assert.deepEqual(r.virtualSchoolContacts.map((c) => c.organisationId), [r.virtualSchool.id, r.virtualSchool.id]);
  assert.equal(r.consultations.length, 2);
  const contacts = new Set(r.virtualSchoolContacts.map((c) => c.id));
  for (const c of r.consultations) {
    assert.ok(c.contactId && contacts.has(c.contactId));
    assert.ok(c.consultedOn <= TODAY && c.question && c.advice);
    assert.ok(r.concerns.some((x) => x.childId === c.childId), 'about a child whose placement has concerns');
  }
});
