import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoData } from './generate.ts';
import { moveRecordsFrom } from './moves.ts';
import { decideEnding } from '../domain/placements/moves.ts';

test('every ending in the demo passes the ending gate with the move request generated for it; one live placement has a move waiting', () => {
  const d = generateDemoData({ children: 120, seed: 7, today: '2026-11-25' });
  const live = d.placements.find((p) => p.endDate === null)!;
  const { requests, endings, endingMeetings } = moveRecordsFrom(d, { placementId: live.id, requestedOn: '2026-11-25' });
  const ended = d.placements.filter((p) => p.endDate !== null);
  assert.ok(ended.length > 0);
  assert.equal(endings.size, ended.length, 'every ending has its basis');
  const byId = new Map(requests.map((r) => [r.id, r]));
  for (const p of ended) {
    const e = endings.get(p.id)!;
    const own = requests.filter((r) => r.placementId === p.id);
    // Checked again here, from the rows the loader writes.
    const again = decideEnding({ placementType: p.placementType, endDate: p.endDate!, reasonEnded: p.reasonEnded, carePlanEndOn: null, careEndsOn: d.careEndings.filter((c) => c.childId === p.childId).map((c) => c.endedOn), moveRequests: own.map((r) => ({ id: r.id, urgent: r.urgent, status: r.status })) });
    assert.ok(again.allowed && again.basis === e.endingBasis, p.id);
    if (e.moveRequestId) {
      const r = byId.get(e.moveRequestId)!;
      assert.equal(r.status, 'agreed');
      if (r.urgent) {
        assert.equal(r.decidedThrough, 'head_of_service');
        assert.ok(r.safeguardingIssue && r.alternativeOptions.length > 0);
      } else assert.ok(r.decidedThrough === 'harp_panel' && r.panelDate && r.panelChair);
    }
  }
  const waiting = requests.filter((r) => r.status === 'requested');
  assert.deepEqual(waiting.map((r) => r.placementId), [live.id]);
  assert.ok([...endings.values()].some((e) => e.endingBasis === 'agreed_move'));
  assert.equal(endingMeetings.length, 1, 'a disruption meeting after the latest move');
  assert.ok(endings.get(endingMeetings[0]!.placementId)?.moveRequestId);
});
