import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoData } from './generate.ts';
import { RECENT_DAYS, demoContentProblems, planningRecordsFrom } from './planning.ts';
import { addDays } from '../domain/dates.ts';
import { KIND_SPECS } from '../domain/planning/kinds.ts';

const TODAY = '2026-11-25';
const d = generateDemoData({ children: 400, seed: 20260401, today: TODAY });
const r = planningRecordsFrom(d);

test('the demo has first-weeks records for recent placements only, one per kind, each complete by the domain’s own rules', () => {
  const placements = new Map(d.placements.map((p) => [p.id, p]));
  assert.ok(r.documents.length > 10, `${r.documents.length} records`);
  const seen = new Set<string>();
  for (const doc of r.documents) {
    const p = placements.get(doc.placementId)!;
    assert.ok(p.startDate >= addDays(TODAY, -RECENT_DAYS) && p.status === 'active', 'a recent, current placement');
    assert.equal(doc.childId, p.childId);
    assert.ok(!seen.has(`${doc.placementId}:${doc.kind}`), 'one record per kind and placement');
    seen.add(`${doc.placementId}:${doc.kind}`);
  }
  for (const v of r.versions) {
    const doc = r.documents.find((x) => x.id === v.documentId)!;
    assert.equal(doc.issuedVersion, 1);
    assert.deepEqual(demoContentProblems(doc.kind, v.content, v.completedOn), [], `${doc.kind} is complete`);
  }
  // Some meetings are still being arranged: drafts with nothing completed.
  assert.ok(r.documents.some((x) => x.issuedVersion === 0 && x.hasUnissuedChanges));
});

test('each completed version agrees with the event that completed its obligation: same placement, same date', () => {
  const docs = new Map(r.documents.map((x) => [x.id, x]));
  for (const v of r.versions) {
    const doc = docs.get(v.documentId)!;
    const event = KIND_SPECS[doc.kind].event;
    if (!event || doc.kind === 'care_plan') continue;
    const dates = d.childEvents.filter((e) => e.kind === event.kind && e.placementId === doc.placementId).map((e) => e.eventDate).sort();
    assert.equal(v.completedOn, dates[0], `${doc.kind} on the day of its event`);
  }
  for (const t of r.tasks) {
    const minutes = r.versions.find((v) => v.id === t.sourceVersionId)!;
    assert.equal(docs.get(minutes.documentId)?.kind, 'ppm');
    assert.ok(t.dueOn > minutes.completedOn, 'actions fall due after the meeting');
    assert.ok(t.completedOn === null || t.completedOn <= TODAY);
  }
});
